"""``inert`` (on an element or an ancestor): shown on screen, but out of the
tab order and out of the accessibility tree, with everything inside. A
closed off-canvas menu marked inert is no stop for the Tab key, and its
images and headings are not there for screen readers; its text is still
there for the eye."""

from __future__ import annotations

from helpers import findings, lint

DRAWER = """\
<html lang="en"><head><title>t</title></head><body>
<div class="drawer"{inert}>
  <h2></h2>
  <img src="/img/logo.png">
  <a href="/world">World</a> <a href="/sport">Sport</a> <a href="/culture">Culture</a>
</div>
<a href="/">Home</a>
<main><h1>Storm closes harbour</h1><p>Ferries stayed in port.</p></main>
</body></html>
"""


def test_an_inert_menu_is_neither_tabbed_through_nor_read():
    html = DRAWER.replace("{inert}", " inert")
    assert findings(html, ["skip-link", "heading", "img-alt"]) == []


def test_the_same_menu_without_inert_counts():
    html = DRAWER.replace("{inert}", "")
    assert findings(html, ["skip-link", "heading", "img-alt"]) == [
        ("heading-empty", 3, 3), ("img-alt-missing", 4, 3), ("skip-link-missing", 5, 3)]


def test_a_skip_link_inside_an_inert_element_can_never_be_focused():
    html = """\
<html lang="en"><head><title>t</title></head><body>
<div class="top" inert><a href="#main">Skip to content</a></div>
<a href="#search" inert>Skip to search</a>
<nav><a href="/a">A</a> <a href="/b">B</a> <a href="/c">C</a></nav>
<main id="main"><h1>Storm closes harbour</h1><form id="search"></form></main>
</body></html>
"""
    res = lint(html, ["skip-link-hidden"])
    assert [(f.line, f.column, f.message) for f in res.findings] == [
        (2, 24, 'skip link "Skip to content" can never be focused: inside '
                '<div class="top"> with the inert attribute'),
        (3, 1, 'skip link "Skip to search" can never be focused: it has the inert attribute'),
    ]


def test_an_inert_h1_is_not_the_pages_h1():
    html = """\
<html lang="en"><head><title>t</title>
<meta property="og:title" content="Storm closes harbour"></head><body>
<header inert><h1>Daily Bugle</h1></header>
<main><h1>Storm closes harbour</h1></main>
</body></html>
"""
    # one h1 for screen readers: no extra h1 to report
    assert findings(html, ["heading"]) == []
    assert findings(html.replace("<header inert>", "<header>"), ["heading"]) == [
        ("heading-one", 3, 9)]


def test_a_legal_notice_in_an_inert_footer_cannot_be_followed():
    # as with aria-hidden: the words are on screen, but no one can click,
    # tab to or hear the link
    html = """\
<html lang="de"><head><title>t</title></head><body>
<main><h1>Sturm schließt Hafen</h1></main>
<footer class="site" inert><a href="/impressum">Impressum</a></footer>
</body></html>
"""
    res = lint(html, ["legal-imprint"], rules=["legal/imprint"])
    assert [(f.line, f.column, f.message) for f in res.findings] == [
        (3, 1, 'German-language pages must link to the Impressum (DDG § 5). ("Impressum" is '
               "present but hidden from users: the inert attribute (no one can follow its "
               "links) on <footer>)")]
    assert lint(html.replace(" inert", ""), ["legal-imprint"], rules=["legal/imprint"]).findings == []
