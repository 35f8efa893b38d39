"""--lint-timeout: a page that takes too long becomes that page's error.

The realistic way to get there is a rule pack whose regular expression
backtracks catastrophically: ``^(\\w+\\s?)+$`` against the slow page's text,
eight words and a final "!", takes about 9 s here (each word more multiplies
that by eight), so the tests below fail in bounded time if the limit stops
working.
"""

from __future__ import annotations

import json
import multiprocessing as mp
import signal
import time

import pytest
from click.testing import CliRunner

from a11ylint import config, deadline
from a11ylint.cli import main
from a11ylint.engine import Engine
from a11ylint.runner import _lint_parallel
from a11ylint.settings import Settings
from a11ylint.sources import Item

PACK = """\
[[notice]]
id = "runaway"
message = "A notice whose pattern backtracks without end on long text."
text_regex = ['^(\\w+\\s?)+$']
"""
SLOW = ("<html lang=en><head><title>Slow</title></head><body><main><h1>Slow</h1><p>"
        + " ".join(["word"] * 7) + "!</p></main></body></html>")
FAST = ("<html lang=en><head><title>Fast</title></head><body><main><h1>Fast</h1>\n"
        "<p>ok</p><img src=a.jpg></main></body></html>")
SOFT = "linting took longer than 0.5 s (--lint-timeout); the page was not linted"

needs_alarm = pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="no SIGALRM here")


@pytest.fixture
def pages(tmp_path):
    (tmp_path / "pack.toml").write_text(PACK, encoding="utf-8")
    names = ["f1.html", "f2.html", "slow.html", "f3.html", "f4.html"]
    for name in names:
        (tmp_path / name).write_text(SLOW if name == "slow.html" else FAST, encoding="utf-8")
    return tmp_path, [str(tmp_path / n) for n in names]


@needs_alarm
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_runaway_pack_pattern_costs_its_page_only(pages, jobs):
    folder, files = pages
    res = CliRunner().invoke(main, [
        "check", "--isolated", "--rules", str(folder / "pack.toml"), "--lint-timeout", "0.5",
        "-j", jobs, "-f", "json", *files])
    assert res.exit_code == 2, res.output
    data = json.loads(res.stdout)
    got = [(p["source"].rsplit("/", 1)[-1], p["status"], p["error"],
            [(f["rule"], f["line"], f["column"]) for f in p["findings"]]) for p in data["pages"]]
    fast = [("img-alt-missing", 2, 10)]
    assert got == [
        ("f1.html", "ok", None, fast),
        ("f2.html", "ok", None, fast),
        ("slow.html", "error", SOFT, []),
        ("f3.html", "ok", None, fast),
        ("f4.html", "ok", None, fast),
    ]
    assert f"a11ylint: error: {files[2]}: {SOFT}" in res.stderr


@needs_alarm
def test_text_report_names_the_page_and_the_limit(pages):
    folder, files = pages
    res = CliRunner().invoke(main, [
        "check", "--isolated", "--rules", str(folder / "pack.toml"), "--lint-timeout", "0.5",
        "-j", "1", files[2]])
    assert res.exit_code == 2
    assert res.stdout.splitlines()[0] == f"{files[2]}: error could not lint: {SOFT}"


class _FakeRule:
    """What the engine asks of a rule, for the stand-ins below."""

    family = "heading"
    severity = None

    def warm(self):
        pass


class _Stuck(_FakeRule):
    """A rule that hangs where no timer reaches: SIGALRM blocked, then asleep."""

    id = "heading-stuck"

    def check(self, page):
        if b"STUCK" in page.raw_bytes:
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
            time.sleep(60)
        return []


@needs_alarm
def test_a_worker_the_timer_cannot_reach_is_killed_and_replaced(monkeypatch):
    import a11ylint.runner as runner

    if "fork" not in mp.get_all_start_methods():
        pytest.skip("no fork start method on this platform")
    monkeypatch.setattr(runner, "_context", lambda: mp.get_context("fork"))
    engine = Engine(Settings(select=["heading-one"], lint_timeout=0.2))
    engine.rules.append(_Stuck())
    items = [Item(f"p{i}.html", data=b"<h2>x</h2>" + (b"STUCK" if i in (2, 9) else b""))
             for i in range(12)]
    results = list(_lint_parallel(engine, iter(items), 2))
    hard = deadline.hard_limit(0.2)
    why = (f"linting took longer than {hard:g} s and its process did not stop, so it was "
           "killed (--lint-timeout)")
    assert hard == 1.4
    assert [(r.source, r.status, r.error, [f.rule for f in r.findings]) for r in results] == [
        (f"p{i}.html", "error", why, []) if i in (2, 9) else
        (f"p{i}.html", "ok", None, ["heading-one"]) for i in range(12)]


class _Slow(_FakeRule):
    id = "heading-slow"

    def check(self, page):
        time.sleep(0.3)
        return []


@needs_alarm
def test_the_limit_leaves_no_timer_or_handler_behind():
    def mine(signum, frame):
        raise AssertionError("no alarm should reach this handler")

    before = signal.signal(signal.SIGALRM, mine)
    try:
        engine = Engine(Settings(select=["heading-one"], lint_timeout=5))
        r = engine.lint_item(Item("a.html", data=b"<h2>x</h2>"))
        assert (r.status, [f.rule for f in r.findings]) == ("ok", ["heading-one"])
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
        assert signal.getsignal(signal.SIGALRM) is mine
        # and a page that runs out of time leaves nothing behind either
        engine = Engine(Settings(select=["heading-one"], lint_timeout=0.1))
        engine.rules.append(_Slow())
        r = engine.lint_item(Item("b.html", data=b"<h2>x</h2>"))
        assert (r.status, r.error) == (
            "error", "linting took longer than 0.1 s (--lint-timeout); the page was not linted")
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
        assert signal.getsignal(signal.SIGALRM) is mine
    finally:
        signal.signal(signal.SIGALRM, before)


@needs_alarm
def test_a_timer_the_caller_runs_is_left_alone():
    """A test runner's or an embedding application's own alarm keeps running,
    and the page gets no limit of ours rather than cancelling it."""
    fired = []
    before = signal.signal(signal.SIGALRM, lambda *a: fired.append(1))
    signal.setitimer(signal.ITIMER_REAL, 50)
    try:
        engine = Engine(Settings(select=["heading-one"], lint_timeout=0.1))
        engine.rules.append(_Slow())
        r = engine.lint_item(Item("b.html", data=b"<h2>x</h2>"))
        assert (r.status, [f.rule for f in r.findings]) == ("ok", ["heading-one"])
        assert 40 < signal.getitimer(signal.ITIMER_REAL)[0] <= 50
        assert not fired
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, before)


def test_no_limit_when_set_to_zero(pages):
    folder, files = pages
    (folder / "slow-rule.toml").write_text(PACK.replace("runaway", "calm").replace(
        "'^(\\w+\\s?)+$'", "'fast'"), encoding="utf-8")
    res = CliRunner().invoke(main, [
        "check", "--isolated", "--rules", str(folder / "slow-rule.toml"), "--lint-timeout", "0",
        "-f", "json", files[0]])
    assert res.exit_code == 1
    assert [p["status"] for p in json.loads(res.stdout)["pages"]] == ["ok"]


@pytest.mark.parametrize("value,expected", [(0, None), (2.5, 2.5), (90, 90.0)])
def test_config_key(tmp_path, value, expected):
    cfg = tmp_path / "a11ylint.toml"
    cfg.write_text(f"lint-timeout = {value}\n", encoding="utf-8")
    s = config.load(str(cfg), False)
    assert s.lint_timeout == expected
    assert f"lint-timeout = {value if expected else 0}\n" in config.to_toml(s).replace(
        "90.0", "90")


@pytest.mark.parametrize("value,shown", [
    ('"60"', "'60'"), ("-1", "-1"), ("true", "True"), ("1e9", "1000000000.0"), ("nan", "nan")])
def test_config_key_rejects(tmp_path, value, shown):
    cfg = tmp_path / "a11ylint.toml"
    cfg.write_text(f"lint-timeout = {value}\n", encoding="utf-8")
    with pytest.raises(config.ConfigError) as exc:
        config.load(str(cfg), False)
    assert str(exc.value) == (f"{cfg}: lint-timeout: must be a number of seconds, 0 for no "
                              f"limit, got {shown}")


@pytest.mark.parametrize("value,why", [
    ("-1", "-1.0 is not in the range 0<=x<=1000000.0."),
    ("nan", "not a number"),
    ("soon", "'soon' is not a valid float range.")])
def test_cli_option_rejects(value, why):
    res = CliRunner().invoke(main, ["check", "--isolated", "--lint-timeout", value, "x.html"])
    assert res.exit_code == 2
    assert f"Invalid value for '--lint-timeout': {why}" in res.output


def test_default_is_a_minute():
    assert Settings().lint_timeout == deadline.DEFAULT == 60.0
