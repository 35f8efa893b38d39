"""The terminal report: code frames on minified pages, the per-rule table, and
output that stays plain (grep-able) when piped or when NO_COLOR is set."""

from __future__ import annotations

import io
import re

import pytest

from a11ylint.findings import Finding, PageResult, Severity
from a11ylint.reporters.base import RunInfo, Summary
from a11ylint.reporters.text import FRAME_WIDTH, TextReporter, want_colour

ANSI = re.compile(r"\x1b\[[0-9;]*m")


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def run(results, stream=None, **options) -> str:
    stream = stream if stream is not None else io.StringIO()
    rep = TextReporter(stream, RunInfo(), **options)
    summary = Summary()
    rep.start()
    for r in results:
        summary.add(r)
        rep.page(r)
    rep.finish(summary)
    return stream.getvalue()


def minified_page(column: int) -> PageResult:
    line = "<div>" + "x" * (column - 6) + '<img src="a.png">' + "y" * 5000
    f = Finding("img-alt-missing", Severity.ERROR, "image has no alt attribute", 1, column,
                "img", '<img src="a.png">')
    return PageResult("min.html", findings=[f], lines={1: line + "\n"})


def caret_column(out: str) -> tuple[str, str]:
    src, caret = [ln for ln in out.splitlines() if "|" in ln][:2]
    return src, caret


@pytest.mark.parametrize("column", [3000, 12, 5020])
def test_frame_puts_the_caret_under_the_column_of_a_long_line(column):
    out = run([minified_page(column)], show_source=True, color=False)
    src, caret = caret_column(out)
    assert len(src) < FRAME_WIDTH + 20  # a window, not the 8 KB line
    at = caret.index("^")
    assert src[at:at + 4] == "<img"
    assert src.split("|", 1)[0].strip() == "1"
    if column > FRAME_WIDTH:
        assert "…" in src


def test_frame_on_a_short_line_and_tabs():
    line = "\t<p><img src=a.png></p>"
    f = Finding("img-alt-missing", Severity.ERROR, "no alt", 7, 5, "img", "<img src=a.png>")
    out = run([PageResult("a.html", findings=[f], lines={7: line})], show_source=True, color=False)
    src, caret = caret_column(out)
    assert src.startswith("     7 | ")
    assert src[caret.index("^"):].startswith("<img")


def test_frame_caret_counts_terminal_cells_of_wide_and_combining_characters():
    # columns count characters; the caret's padding counts cells: two for
    # each CJK character, none for a combining accent
    line = "<p>新华社记者摄 Cafe\u0301</p><img src=a.png>"
    f = Finding("img-alt-missing", Severity.ERROR, "no alt", 2, line.index("<img") + 1, "img",
                "<img src=a.png>")
    out = run([PageResult("a.html", findings=[f], lines={2: line})], show_source=True,
              color=False)
    src, caret = out.splitlines()[1:3]
    assert src == "     2 | " + line
    assert caret == "       | " + " " * (3 + 2 * 6 + 1 + 4 + 4) + "^"


def test_no_frame_without_show_source_or_without_the_line():
    r = minified_page(100)
    assert "^" not in run([r], color=False)
    r.lines = None
    assert "^" not in run([r], show_source=True, color=False)


def test_per_rule_table():
    fs = [Finding("heading-order", Severity.WARNING, "m", 1, 1),
          Finding("heading-order", Severity.WARNING, "m", 2, 1),
          Finding("img-alt-missing", Severity.ERROR, "m", 3, 1)]
    out = run([PageResult("a.html", findings=fs),
               PageResult("b.html", findings=[Finding("heading-order", Severity.WARNING, "m", 1, 1)])],
              color=False)
    rows = {m.group(1): (int(m.group(2)), int(m.group(3)))
            for m in re.finditer(r"^\s+([a-z-]+)\s+(\d+)\s+(\d+)$", out, re.M)}
    assert rows == {"heading-order": (3, 2), "img-alt-missing": (1, 1)}
    assert out.index("heading-order  ") < out.index("img-alt-missing  ")  # most findings first
    assert "2 pages checked, 4 findings (1 error, 3 warnings)" in out
    assert "Findings by rule" not in run([PageResult("a.html", findings=fs)], color=False, quiet=True)


def test_plain_when_piped(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    out = run([minified_page(40)], show_source=True)
    assert not ANSI.search(out)
    # one finding per line, grep-able as path:line:col: severity rule message
    assert re.search(r"^min\.html:1:40: error img-alt-missing image has no alt attribute$", out, re.M)


def test_colour_on_a_terminal_and_never_with_no_color(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    assert ANSI.search(run([minified_page(40)], stream=Tty()))
    monkeypatch.setenv("NO_COLOR", "1")
    out = run([minified_page(40)], stream=Tty(), show_source=True)
    assert not ANSI.search(out)
    assert not want_colour(Tty())
    # an explicit --color still wins, as the option promises
    assert want_colour(Tty(), forced=True)


def test_force_color_when_piped(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert ANSI.search(run([minified_page(40)]))


def test_colour_does_not_move_the_caret(monkeypatch):
    plain = run([minified_page(3000)], show_source=True, color=False)
    coloured = ANSI.sub("", run([minified_page(3000)], show_source=True, color=True))
    assert plain == coloured


def test_pages_that_could_not_be_linted_are_reported():
    out = run([PageResult("bad.html", status="error", error="cannot decode")], color=False)
    assert "bad.html: error could not lint: cannot decode" in out
