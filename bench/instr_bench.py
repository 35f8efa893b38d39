"""Instructions executed, lint versus plain lxml parsing (valgrind callgrind).

    python bench/instr_bench.py [FOLDER] [--every 6] [--select RULES]

Wall-clock ratios on a shared machine drift by tens of percent between runs;
instruction counts do not, so this is the figure to compare before and after
a change. It runs Python under callgrind (about 50 times slower), on every
N-th page of the folder, and subtracts start-up and engine construction
(with the rules' deferred set-up, Engine.warm).
Wall time also depends on memory behaviour, so it stays above this ratio.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

_WORKLOAD = r'''
import sys, glob
sys.path.insert(0, {src!r})
mode, folder, every = sys.argv[1], sys.argv[2], int(sys.argv[3])
select = [s for s in sys.argv[4].split(",") if s] or None
files = sorted(p for p in glob.glob(folder + "/**/*", recursive=True)
               if p.lower().endswith((".html", ".htm")))[::every]
from lxml import etree
if mode in ("startup", "base"):
    parser = etree.HTMLParser(huge_tree=True)
    if mode == "base":
        for f in files:
            etree.fromstring(open(f, "rb").read(), parser)
else:
    from a11ylint.engine import Engine
    from a11ylint.settings import Settings
    from a11ylint.sources import Item
    engine = Engine(Settings(select=select))
    engine.warm()  # deferred set-up is start-up too, not per-page work
    if mode == "none":
        engine.rules = []
    if mode != "import":
        for f in files:
            engine.lint_item(Item(f, path=f))
'''


def instructions(script: str, *args: str) -> int:
    # sys.executable as it is, not its resolved path: a virtual environment's
    # python is a link, and resolving it would leave the venv's packages behind
    out = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
         sys.executable, script, *args],
        capture_output=True, text=True, check=False)
    m = re.search(r"Collected : (\d+)", out.stderr)
    if out.returncode != 0 or not m:
        raise SystemExit(f"the workload failed under callgrind:\n{out.stderr[-2000:]}")
    return int(m.group(1))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", nargs="?")
    ap.add_argument("--every", type=int, default=6, help="use every N-th page (default 6)")
    ap.add_argument("--select", default="", help="rule ids or families, comma-separated")
    args = ap.parse_args()
    if not shutil.which("valgrind"):
        print("valgrind is not installed (Debian package valgrind)", file=sys.stderr)
        return 2
    sys.path.insert(0, str(HERE))
    import synth

    folder = synth.pages_folder(args.folder, "a11ylint-instr-")
    pages = [p for p in folder.rglob("*") if p.suffix.lower() in (".html", ".htm")]
    if len(pages) < args.every:
        print(f"{folder}: fewer than {args.every} pages to measure", file=sys.stderr)
        return 2
    args.folder = str(folder)
    script = HERE / "out" / "instr_workload.py"
    script.parent.mkdir(exist_ok=True)
    script.write_text(_WORKLOAD.format(src=str(HERE.parent / "src")))
    common = (args.folder, str(args.every))
    ir = {mode: instructions(str(script), mode, *common, args.select)
          for mode in ("startup", "base", "import", "none", "lint")}
    base = ir["base"] - ir["startup"]
    print(f"pages: every {args.every}th of {args.folder}")
    print(f"lxml parse      : {base / 1e6:10.1f} M instructions")
    print(f"lint, no rules  : {(ir['none'] - ir['import']) / base:6.2f}x  (read, decode, parse, index)")
    print(f"lint            : {(ir['lint'] - ir['import']) / base:6.2f}x  "
          f"({args.select or 'all rules'}; target 2.0 in wall-clock time)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
