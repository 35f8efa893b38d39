"""An element with ``popover`` is display:none in every browser's own
stylesheet until script or a ``popovertarget`` button opens it: a page loads
with its menus and share panels closed. Like a closed <dialog>, its links are
no Tab stops and its images and headings are not there for the reader yet."""

from __future__ import annotations

import pytest

from helpers import findings, lint

MENU = """\
<html lang="en"><head><title>t</title></head><body>
<button popovertarget="menu">Menu</button>
<nav id="menu"{popover}>
  <h2></h2>
  <img src="/img/logo.png">
  <a href="/world">World</a> <a href="/sport">Sport</a> <a href="/culture">Culture</a>
</nav>
<main><h1>Storm closes harbour</h1><p>Ferries stayed in port.</p></main>
</body></html>
"""


@pytest.mark.parametrize("attr", [" popover", ' popover="auto"', ' popover="manual"',
                                  ' POPOVER="hint"'])
def test_a_closed_popover_is_not_rendered(attr):
    html = MENU.replace("{popover}", attr)
    assert findings(html, ["skip-link", "heading", "img-alt"]) == []


def test_the_same_menu_without_popover_counts():
    html = MENU.replace("{popover}", "")
    assert findings(html, ["skip-link", "heading", "img-alt"]) == [
        ("skip-link-missing", 2, 1), ("heading-empty", 4, 3), ("img-alt-missing", 5, 3)]


def test_an_open_dialog_that_is_a_popover_is_shown():
    html = MENU.replace('<nav id="menu"{popover}>', '<dialog id="menu" popover open>').replace(
        "</nav>", "</dialog>")
    assert findings(html, ["heading", "img-alt"]) == [
        ("heading-empty", 4, 3), ("img-alt-missing", 5, 3)]


def test_skip_links_in_and_to_a_closed_popover():
    html = """\
<html lang="en"><head><title>t</title></head><body>
<div class="tools" popover><a href="#main">Skip to content</a></div>
<a href="#search">Skip to search</a>
<nav><a href="/a">A</a> <a href="/b">B</a> <a href="/c">C</a></nav>
<main id="main"><h1>Storm closes harbour</h1></main>
<form id="search" popover></form>
</body></html>
"""
    res = lint(html, ["skip-link-hidden", "skip-link-target"])
    assert [(f.rule, f.line, f.column, f.message) for f in res.findings] == [
        ("skip-link-hidden", 2, 28,
         'skip link "Skip to content" can never be focused: inside <div class="tools"> with '
         "the popover attribute, which keeps it closed until script opens it"),
        ("skip-link-target", 3, 1,
         'skip link "Skip to search" targets "#search", but that element is hidden from '
         "everyone (it is a closed popover)"),
    ]
