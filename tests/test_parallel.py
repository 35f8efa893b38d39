"""-j: identical output to -j 1; --shard: slices that partition the input."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from a11ylint.cli import main
from a11ylint.engine import Engine
from a11ylint.runner import _lint_parallel, lint_all
from a11ylint.settings import Settings
from a11ylint.sources import Gather, Item, parse_shard, shard

TEMPLATES = [
    "<!DOCTYPE html><html lang=en><head><title>Story {i}</title></head><body><main><h1>Story {i}"
    "</h1><h3>Skipped level</h3><img src=p{i}.jpg><p>Text</p></main></body></html>",
    "<html><head><meta charset=iso-8859-1><title>Caf\xe9 {i}</title></head><body><h2>No h1</h2>"
    "<a href=#nowhere>Skip to content</a><figure><img src=x.jpg alt=photo><figcaption>Cap"
    "</figcaption></figure></body></html>",
    "<!DOCTYPE html><html lang=de><head><title>Seite {i}</title></head><body><a href=#main>"
    "Zum Inhalt</a><main id=main><h1>Ok</h1><h2>Part</h2><img src=a.png alt=\"\"></main>"
    "</body></html>",
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("pages")
    for i in range(23):
        sub = root / f"s{i % 4}"
        sub.mkdir(exist_ok=True)
        (sub / f"p{i:02d}.html").write_bytes(TEMPLATES[i % 3].format(i=i).encode("latin-1"))
    (root / "s1" / "empty.html").write_bytes(b"")  # an error page in the middle
    return root


def cli(*args):
    res = CliRunner().invoke(main, ["check", "--isolated", *args])
    return res.exit_code, res.stdout


def _stable(json_text: str) -> dict:
    data = json.loads(json_text)
    data.pop("started", None)
    data.get("run", {}).pop("started", None)
    return data


def test_json_identical_for_j1_and_j2(corpus):
    c1, out1 = cli("-f", "json", "-j", "1", str(corpus))
    c2, out2 = cli("-f", "json", "-j", "2", str(corpus))
    assert c1 == c2 == 2  # the empty page is an error
    assert re.sub(r'"started": "[^"]*"', "", out1) == re.sub(r'"started": "[^"]*"', "", out2)
    assert len(_stable(out2)["pages"]) == 24


def test_text_identical_for_j1_and_j2(corpus):
    assert cli("-j", "1", "--no-color", str(corpus)) == cli("-j", "2", "--no-color", str(corpus))


@pytest.mark.parametrize("method", ["fork", "forkserver"])
def test_pool_keeps_order_and_errors(monkeypatch, method):
    import multiprocessing as mp

    import a11ylint.runner as runner

    if method not in mp.get_all_start_methods():
        pytest.skip(f"no {method} start method on this platform")
    monkeypatch.setattr(runner, "_context", lambda: mp.get_context(method))
    engine = Engine(Settings(select=["heading", "img-alt-missing"]))
    items = [Item(f"p{i}.html", data=TEMPLATES[i % 3].format(i=i).encode("latin-1"))
             for i in range(30)]
    items[7] = Item("missing.html", error="no such file or directory")
    serial = [r.to_dict() for r in lint_all(engine, items, jobs=1)]
    pooled = [r.to_dict() for r in _lint_parallel(engine, iter(items), 2)]
    assert pooled == serial
    assert pooled[7]["error"] == "no such file or directory"


def test_fork_only_while_single_threaded():
    """A forked child would inherit any lock a fetch thread holds."""
    import sys
    import threading

    import a11ylint.runner as runner

    if sys.platform != "linux":
        assert runner._context().get_start_method() != "fork"
        return
    assert threading.active_count() == 1
    assert runner._context().get_start_method() == "fork"
    release = threading.Event()
    t = threading.Thread(target=release.wait)
    t.start()
    try:
        assert runner._context().get_start_method() == "forkserver"
    finally:
        release.set()
        t.join()
    assert runner._WORKER_ENGINE is None


def test_forked_workers_use_the_parents_engine(monkeypatch):
    """No engine is built in a forked worker: the one configured here runs."""
    import multiprocessing as mp

    import a11ylint.runner as runner

    if "fork" not in mp.get_all_start_methods():
        pytest.skip("no fork start method on this platform")
    monkeypatch.setattr(runner, "_context", lambda: mp.get_context("fork"))
    built = []
    monkeypatch.setattr(runner, "Engine", lambda **kw: built.append(kw))
    engine = Engine(Settings(select=["img-alt-missing"]))
    items = [Item(f"p{i}.html", data=TEMPLATES[0].format(i=i).encode()) for i in range(6)]
    results = list(_lint_parallel(engine, iter(items), 2))
    assert [[f.rule for f in r.findings] for r in results] == [["img-alt-missing"]] * 6
    assert built == []
    assert runner._WORKER_ENGINE is None


def test_forked_run_compiles_deferred_patterns_once(monkeypatch):
    """Patterns a rule compiles on first use are compiled in the parent
    before it forks, not once in every worker."""
    import multiprocessing as mp

    import a11ylint.runner as runner

    if "fork" not in mp.get_all_start_methods():
        pytest.skip("no fork start method on this platform")
    monkeypatch.setattr(runner, "_context", lambda: mp.get_context("fork"))
    engine = Engine(Settings(select=["img-alt"]))
    judge = engine.rules[0]._judge
    assert "trailing_credit_gates" not in vars(judge)
    items = [Item(f"p{i}.html", data=TEMPLATES[1].format(i=i).encode("latin-1"))
             for i in range(6)]
    results = list(_lint_parallel(engine, iter(items), 2))
    assert [[f.rule for f in r.findings] for r in results] == [["img-alt-placeholder"]] * 6
    assert {"trailing_credit_gates", "re_announced", "re_credit_prefix"} <= set(vars(judge))


def test_tiny_inputs_skip_the_pool(monkeypatch):
    import a11ylint.runner as runner

    def boom(*a, **k):
        raise AssertionError("pool started for two pages")

    monkeypatch.setattr(runner, "_lint_parallel", boom)
    engine = Engine(Settings())
    items = [Item("a.html", data=b"<html></html>"), Item("b.html", data=b"<p>x")]
    assert len(list(lint_all(engine, items, jobs=2))) == 2


@pytest.mark.parametrize("n", [1, 2, 3, 5])
def test_shards_partition_the_input(corpus, n):
    everything = [i.label for i in Gather(inputs=[str(corpus)]).items()]
    slices = [[i.label for i in Gather(inputs=[str(corpus)], shard=(k, n)).items()]
              for k in range(1, n + 1)]
    assert sorted(x for s in slices for x in s) == sorted(everything)
    assert sum(len(s) for s in slices) == len(everything)
    assert max(len(s) for s in slices) - min(len(s) for s in slices) <= 1
    again = [i.label for i in Gather(inputs=[str(corpus)], shard=(1, n)).items()]
    assert again == slices[0]  # deterministic


def test_cli_shards_cover_the_run(corpus):
    whole = json.loads(cli("-f", "json", "-j", "1", str(corpus))[1])["pages"]
    parts = []
    for k in (1, 2, 3):
        parts += json.loads(cli("-f", "json", "--shard", f"{k}/3", str(corpus))[1])["pages"]
    assert sorted(parts, key=lambda p: p["source"]) == sorted(whole, key=lambda p: p["source"])


def test_shard_spec():
    assert parse_shard("2/4") == (2, 4)
    for bad in ("0/3", "4/3", "x", "1/0", "1-3"):
        with pytest.raises(ValueError):
            parse_shard(bad)
    assert [i.label for i in shard((Item(str(n)) for n in range(7)), 2, 3)] == ["1", "4"]
    code, _ = cli("--shard", "3/2", "x.html")
    assert code == 2


def test_max_pages_counts_files(corpus):
    data = json.loads(cli("-f", "json", "--max-pages", "5", str(corpus))[1])
    assert len(data["pages"]) == 5


class _Crash:
    """A rule that takes its worker process down on pages that ask for it."""

    id = "heading-crash"
    family = "heading"
    severity = None

    def __init__(self, how):
        self.how = how

    def warm(self):
        pass

    def check(self, page):
        import os
        import signal

        if b"CRASH" in page.raw_bytes:
            import faulthandler

            faulthandler.disable()  # pytest's: no stack dump from the child
            if self.how == "segv":
                os.kill(os.getpid(), signal.SIGSEGV)
            os._exit(3)
        return []


@pytest.mark.parametrize("how,reason", [
    ("exit", "the process linting this page exited with status 3"),
    ("segv", "the process linting this page was killed by SIGSEGV")])
def test_a_worker_that_dies_costs_its_page_only(monkeypatch, how, reason):
    """multiprocessing.Pool waited forever for the page of a dead worker."""
    import multiprocessing as mp

    import a11ylint.runner as runner

    if "fork" not in mp.get_all_start_methods():
        pytest.skip("no fork start method on this platform")
    monkeypatch.setattr(runner, "_context", lambda: mp.get_context("fork"))
    engine = Engine(Settings(select=["heading-one"]))
    engine.rules.append(_Crash(how))
    pages = [b"<h1>x</h1>", b"<h2>x</h2>"]
    items = [Item(f"p{i}.html", data=pages[i % 2] + (b"CRASH" if i in (3, 17, 18) else b""))
             for i in range(40)]
    results = list(_lint_parallel(engine, iter(items), 2))
    assert [r.source for r in results] == [f"p{i}.html" for i in range(40)]
    assert [(r.source, r.error) for r in results if r.status != "ok"] == [
        ("p3.html", reason), ("p17.html", reason), ("p18.html", reason)]
    assert [len(r.findings) for r in results if r.status == "ok"] == [
        i % 2 for i in range(40) if i not in (3, 17, 18)]
    assert runner._WORKER_ENGINE is None


def test_workers_that_cannot_start_leave_the_run_to_the_parent(monkeypatch):
    import multiprocessing as mp

    import a11ylint.runner as runner

    if "fork" not in mp.get_all_start_methods():
        pytest.skip("no fork start method on this platform")
    monkeypatch.setattr(runner, "_context", lambda: mp.get_context("fork"))

    def broken(conn, kwargs):
        import os

        os._exit(1)

    monkeypatch.setattr(runner, "_worker_main", broken)
    engine = Engine(Settings(select=["heading-one"]))
    items = [Item(f"p{i}.html", data=b"<h2>x</h2>") for i in range(12)]
    results = list(_lint_parallel(engine, iter(items), 2))
    assert [(r.source, r.status, [f.rule for f in r.findings]) for r in results] == [
        (f"p{i}.html", "ok", ["heading-one"]) for i in range(12)]


def test_workers_start_only_for_pages_to_lint(monkeypatch):
    # -j 50 on 20 pages (three chunks of at most 8) forks three processes, not 50
    import a11ylint.runner as runner

    started = []
    original = runner._Pool.start_worker

    def counting(self):
        started.append(1)
        original(self)

    monkeypatch.setattr(runner._Pool, "start_worker", counting)
    engine = Engine(Settings(select=["heading-one"]))
    items = [Item(f"p{i}.html", data=b"<h2>x</h2>") for i in range(20)]
    results = list(_lint_parallel(engine, iter(items), 50))
    assert [r.source for r in results] == [f"p{i}.html" for i in range(20)]
    assert [f.rule for r in results for f in r.findings] == ["heading-one"] * 20
    assert 1 <= len(started) <= 3


def test_jobs_are_capped_at_four_per_cpu(monkeypatch):
    import a11ylint.runner as runner

    asked = []
    monkeypatch.setattr(runner, "default_jobs", lambda: 2)
    monkeypatch.setattr(runner, "_lint_parallel",
                        lambda engine, items, jobs: asked.append(jobs) or iter(()))
    engine = Engine(Settings())
    items = [Item(f"p{i}.html", data=b"<p>x") for i in range(10)]
    list(lint_all(engine, items, jobs=100000))
    assert asked == [8]
