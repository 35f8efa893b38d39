"""A <details> without `open` renders only its <summary>: a menu folded into
one is a single Tab stop, so its links do not count as focusable elements
before the main content or before a skip link. Opened, they all count."""

from __future__ import annotations

from helpers import findings

MENU = """\
<html lang="en"><head><title>t</title></head><body>
<header><a href="/">Home</a>
<details{open}><summary>Sections</summary>
<nav><a href="/a">A</a> <a href="/b">B</a> <a href="/c">C</a> <a href="/d">D</a></nav>
</details></header>
{skip}<main id="main"><h1>Storm closes harbour</h1></main>
</body></html>
"""


def test_folded_menu_is_one_tab_stop():
    html = MENU.replace("{open}", "").replace("{skip}", "")
    assert findings(html, select=["skip-link"]) == []
    opened = MENU.replace("{open}", " open").replace("{skip}", "")
    assert findings(opened, select=["skip-link"]) == [("skip-link-missing", 2, 9)]


def test_skip_link_after_a_folded_menu_is_not_late():
    skip = '<a href="#main">Skip to content</a>\n'
    html = MENU.replace("{open}", "").replace("{skip}", skip)
    assert findings(html, select=["skip-link"]) == []
    opened = MENU.replace("{open}", " open").replace("{skip}", skip)
    assert findings(opened, select=["skip-link"]) == [("skip-link-order", 6, 1)]


def test_summary_and_nested_open_details_still_count():
    # the summary itself is a stop; a details opened inside a closed one is
    # still folded away
    html = """\
<html lang="en"><head><title>t</title></head><body>
<details><summary><a href="/x">X</a></summary>
<details open><summary>More</summary><a href="/y">Y</a></details></details>
<a href="/a">A</a> <a href="/b">B</a>
<main><h1>Storm</h1></main>
</body></html>
"""
    assert findings(html, select=["skip-link"]) == [("skip-link-missing", 2, 10)]
