"""Lint a folder of pages and compare with reading + lxml parsing alone.

    python bench/lint_bench.py [FOLDER] [--repeat 3] [--select RULES] [--per-rule] [--stages]
                               [--cli]

Prints pages/s, MB/s, peak RSS and the ratio of lint time to the baseline
(read the bytes, parse them with a plain lxml HTMLParser). Without FOLDER it
uses ../shared/corpus/news when present, else a synthetic set from synth.py.
Figures are printed, never asserted: timing belongs here, not in tests.

The ratio is measured in one process, page after page: the work a11ylint
adds to a parse, per core. ``--cli`` also times what a user waits for: the
installed command on the whole folder with its default ``-j`` (one process
per core), start-up and the JSON report included, against the same
single-process baseline.
"""

from __future__ import annotations

import argparse
import gc
import resource
import sys
import time
from pathlib import Path

from lxml import etree

HERE = Path(__file__).resolve().parent


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix.lower() in (".html", ".htm"))


def baseline(files: list[Path]) -> float:
    parser = etree.HTMLParser(huge_tree=True)
    t0 = time.perf_counter()
    for f in files:
        etree.fromstring(f.read_bytes(), parser)
    return time.perf_counter() - t0


def lint(files: list[Path], engine) -> tuple[float, int]:
    from a11ylint.sources import Item

    n = 0
    t0 = time.perf_counter()
    for f in files:
        r = engine.lint_item(Item(str(f), path=str(f)))
        n += len(r.findings)
    return time.perf_counter() - t0, n


def per_rule(files: list[Path], engine) -> None:
    """Time each rule's check() alone on pre-built pages."""
    from a11ylint.page.model import Page
    from a11ylint.sources import Item

    pages = []
    for f in files:
        try:
            pages.append(Page.from_source(Item(str(f), path=str(f)).load()))
        except Exception:  # noqa: BLE001
            pass
    t_parse = baseline(files)
    print(f"\nper rule (share of plain parse time {t_parse:.3f}s):")
    for rule in engine.rules:
        t0 = time.perf_counter()
        for p in pages:
            try:
                for fnd in rule.check(p):
                    fnd.element = None
            except Exception:  # noqa: BLE001
                pass
        dt = time.perf_counter() - t0
        print(f"  {rule.id:<28} {dt:7.3f}s  {100 * dt / t_parse:5.1f}%")


def stages(files: list[Path], engine, repeat: int) -> None:
    """Where lint time goes, stage by stage, as in Engine.lint_source.

    Reading and decoding a page first pulls its bytes into the CPU cache, so
    the parse after it looks cheaper than in the baseline; read the first two
    stages together. Freeing the tree is part of "post + release" here and
    part of the baseline's parse there."""
    from lxml import etree as et

    from a11ylint.findings import PageResult
    from a11ylint.page import model
    from a11ylint.page.decode import decode

    names = ("read + decode", "parse", "index", "rules", "locate findings", "post + release")
    best = [float("inf")] * len(names)
    pc = time.perf_counter
    for _ in range(repeat):
        spent = [0.0] * len(names)
        gc.collect()
        gc.disable()
        for f in files:
            t0 = pc()
            data = f.read_bytes()
            dec = decode(data, parser_checks_utf8=True)
            t1 = pc()
            parser = model._parser()
            root = et.fromstring(dec.utf8_bytes, parser)
            if model._utf8_in_doubt(parser.error_log):
                dec = decode(data)
                root = et.fromstring(dec.utf8_bytes, parser)
            t2 = pc()
            page = model.Page.from_tree(root, dec, parser.error_log, str(f))
            t3 = pc()
            found = []
            for rule in engine.rules:
                found.extend(rule.check(page))
            t4 = pc()
            if found:
                page.locate_findings(found)
            t5 = pc()
            engine._postprocess(page, found, PageResult(str(f)), engine.rules)
            page.release()
            del page, root, found
            t6 = pc()
            marks = (t0, t1, t2, t3, t4, t5, t6)
            for i in range(len(names)):
                spent[i] += marks[i + 1] - marks[i]
        gc.enable()
        best = [min(x, y) for x, y in zip(best, spent, strict=True)]
    base = min(baseline(files) for _ in range(repeat))
    print(f"\nstages (best of {repeat}; share of plain parse time {base:.3f}s):")
    for name, t in zip(names, best, strict=True):
        print(f"  {name:<18} {t:7.3f}s  {t / base:5.2f}x")


def cli_runs(folder: Path, files: list[Path], repeat: int) -> None:
    """Wall time of the real command, interleaved with the baseline."""
    import os
    import subprocess

    env = dict(os.environ, PYTHONPATH=str(HERE.parent / "src"))
    # As installed by pip, which compiles every module once: with
    # PYTHONDONTWRITEBYTECODE set (some CI images set it) each run would
    # compile the package's sources again, about 0.15 s of start-up here.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([sys.executable, "-m", "a11ylint", "check", str(folder), "--isolated",
                    "--select", "heading-one", "--max-pages", "1", "-f", "json",
                    "-o", os.devnull], env=env, capture_output=True)  # writes them
    from a11ylint.runner import default_jobs

    print(f"\ncommand line (a11ylint check FOLDER -f json, best of {repeat}; "
          f"start-up and report included):")
    for jobs in (None, 1):
        cmd = [sys.executable, "-m", "a11ylint", "check", str(folder), "--isolated",
               "-f", "json", "-o", os.devnull]
        if jobs:
            cmd += ["-j", str(jobs)]
        bases, walls = [], []
        for _ in range(repeat):
            bases.append(baseline(files))
            t0 = time.perf_counter()
            proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
            walls.append(time.perf_counter() - t0)
            if proc.returncode not in (0, 1):
                print(f"  {' '.join(cmd)} exited {proc.returncode}: {proc.stderr.strip()}")
                return
        ratios = sorted(w / b for w, b in zip(walls, bases, strict=True))
        label = f"-j {jobs}" if jobs else f"-j auto ({default_jobs()})"
        print(f"  {label:<12} {min(walls):6.3f}s  {len(files) / min(walls):7.1f} pages/s  "
              f"ratio to read + parse {min(walls) / min(bases):5.2f}x "
              f"(median of paired runs {ratios[len(ratios) // 2]:.2f}x)")
    # what a pre-commit hook or an editor waits for: start-up dominates
    small = min(files, key=lambda f: f.stat().st_size)
    cmd = [sys.executable, "-m", "a11ylint", "check", str(small), "--isolated",
           "-f", "json", "-o", os.devnull]
    walls = []
    for _ in range(max(repeat, 5) * 2):
        t0 = time.perf_counter()
        subprocess.run(cmd, env=env, capture_output=True)
        walls.append(time.perf_counter() - t0)
    walls.sort()
    bare = []
    for _ in range(max(repeat, 5) * 2):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], env=env, capture_output=True)
        bare.append(time.perf_counter() - t0)
    print(f"  one page     {walls[0]:6.3f}s  (median {walls[len(walls) // 2]:.3f}s; "
          f"the interpreter alone {min(bare):.3f}s)")


def main() -> int:
    sys.path.insert(0, str(HERE.parent / "src"))
    from a11ylint.engine import Engine
    from a11ylint.selection import split_codes
    from a11ylint.settings import Settings

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", nargs="?")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--select", action="append")
    ap.add_argument("--rules", action="append", default=[])
    ap.add_argument("--per-rule", action="store_true")
    ap.add_argument("--stages", action="store_true", help="time each stage of the pipeline")
    ap.add_argument("--cli", action="store_true",
                    help="also time the command line with its default -j and with -j 1")
    args = ap.parse_args()

    sys.path.insert(0, str(HERE))
    import synth

    folder = synth.pages_folder(args.folder, "a11ylint-bench-")
    files = _files(folder)
    size = sum(f.stat().st_size for f in files)
    engine = Engine(Settings(select=split_codes(args.select) if args.select else None,
                             rules=args.rules))
    engine.warm()  # pattern compilation a rule defers is start-up, timed by --cli only
    print(f"{len(files)} pages, {size / 1e6:.1f} MB from {folder}; {len(engine.rules)} rules")

    # warm the OS cache and imports, then take the best of N for both
    baseline(files)
    lint(files[:20], engine)
    # Interleave the two measurements so both see the same machine: on a
    # shared virtual machine the speed drifts by tens of percent over a minute.
    bases, runs = [], []
    for _ in range(args.repeat):
        bases.append(baseline(files))
        gc.collect()
        runs.append(lint(files, engine))
    base = min(bases)
    t = min(r[0] for r in runs)
    findings = runs[0][1]
    ratios = sorted(r[0] / b for r, b in zip(runs, bases, strict=True))
    median_ratio = ratios[len(ratios) // 2]
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"read + lxml parse : {base:6.3f}s  {len(files) / base:7.1f} pages/s  {size / 1e6 / base:6.1f} MB/s")
    print(f"a11ylint lint     : {t:6.3f}s  {len(files) / t:7.1f} pages/s  {size / 1e6 / t:6.1f} MB/s")
    print(f"ratio lint/parse  : {t / base:6.2f}x  (best times; median of paired runs "
          f"{median_ratio:.2f}x; target <= 2.0)")
    print(f"findings          : {findings}")
    print(f"peak RSS          : {rss:6.1f} MB")
    if args.per_rule:
        per_rule(files, engine)
    if args.stages:
        stages(files, engine, args.repeat)
    if args.cli:
        cli_runs(folder, files, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
