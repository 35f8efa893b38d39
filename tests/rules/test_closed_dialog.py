"""A <dialog> without `open` is display:none in every browser's own
stylesheet: its links are not focusable, its images and headings are not
there for the reader until script opens it. With `open`, all of it counts."""

from __future__ import annotations

import pytest

from helpers import lint

NEWSLETTER = """\
<html lang="en"><head><title>t</title></head><body>
<dialog{open} id="signup">
  <h2></h2>
  <img src="/img/envelope.png">
  <a href="/newsletter">Sign up</a> <a href="/privacy">Privacy</a> <a href="/terms">Terms</a>
  <button>Close</button>
</dialog>
<a href="/">Home</a>
<main><h1>Storm closes harbour</h1><p>Ferries stayed in port.</p></main>
</body></html>
"""


def _found(html: str, select) -> list:
    res = lint(html, select)
    assert res.status == "ok", res.error
    return [(f.rule, f.line, f.column) for f in res.findings]


def test_closed_dialog_is_not_rendered():
    html = NEWSLETTER.replace("{open}", "")
    assert _found(html, ["skip-link", "heading", "img-alt"]) == []


@pytest.mark.parametrize("attr", [" open", ' open=""', " OPEN"])
def test_open_dialog_counts(attr):
    html = NEWSLETTER.replace("{open}", attr)
    assert _found(html, ["skip-link", "heading", "img-alt"]) == [
        ("heading-empty", 3, 3), ("img-alt-missing", 4, 3), ("skip-link-missing", 5, 3)]


def test_skip_link_in_a_closed_dialog_can_never_be_focused():
    html = """\
<html lang="en"><head><title>t</title></head><body>
<dialog><a href="#main">Skip to content</a></dialog>
<nav><a href="/a">A</a> <a href="/b">B</a> <a href="/c">C</a></nav>
<main id="main"><h1>Storm closes harbour</h1></main>
</body></html>
"""
    res = lint(html, ["skip-link"])
    assert [(f.rule, f.line, f.column, f.message) for f in res.findings] == [
        ("skip-link-hidden", 2, 9,
         'skip link "Skip to content" can never be focused: inside <dialog> with no open '
         "attribute"),
    ]


def test_legal_notice_only_in_a_closed_dialog_is_hidden():
    html = """\
<html lang="en"><head><title>t</title></head><body>
<main><h1>Storm closes harbour</h1></main>
<dialog id="consent"><a href="/datenschutz">Privacy policy</a></dialog>
</body></html>
"""
    res = lint(html, ["legal"], rules=["legal/privacy"])
    assert [(f.rule, f.line, f.column) for f in res.findings] == [
        ("legal-privacy-policy", 3, 1)]
    assert res.findings[0].message.endswith("no open attribute on <dialog>)")


def test_skip_link_target_in_a_closed_dialog_is_hidden():
    html = """\
<html lang="en"><head><title>t</title></head><body>
<a href="#main">Skip to content</a> <a href="#top">Skip to top</a>
<nav><a href="/a">A</a></nav>
<dialog id="top"><main id="main"><h1>Storm</h1></main></dialog>
</body></html>
"""
    res = lint(html, ["skip-link-target"])
    assert [(f.rule, f.line, f.column, f.message) for f in res.findings] == [
        ("skip-link-target", 2, 1, 'skip link "Skip to content" targets "#main", but that '
         "element is hidden from everyone (inside a closed <dialog>)"),
        ("skip-link-target", 2, 37, 'skip link "Skip to top" targets "#top", but that '
         "element is hidden from everyone (it is a closed <dialog>)"),
    ]
