"""Texts and names on trees Python's recursion limit would not reach, and
aria-labelledby references that lead back into themselves.

libxml2 builds trees up to 2,048 levels deep (a template that never closes
its <span>s), and every rule that reads a text, a caption, a link's words or
a legal notice walks such a subtree. An aria-labelledby can name an ancestor
of the element it labels. Either used to end the page as an internal error.
"""

from __future__ import annotations

from helpers import lint
from test_html_report_browser import browser  # noqa: F401 - the fixture

DEPTH = 2000


def _deep(inner: str, depth: int = DEPTH) -> str:
    return "<span>" * depth + inner + "</span>" * depth


def _page(depth: int) -> str:
    d = lambda inner: _deep(inner, depth)  # noqa: E731 - one line per structure below
    return "\n".join([
        '<!doctype html><html lang="de"><head><title>Sturm</title>',
        '<meta property="og:title" content="Sturm trifft die Küste"></head><body>',
        f'<a href="#main">{d("Zum Inhalt springen")}</a>',
        '<nav><a href="/a">A</a> <a href="/b">B</a> <a href="/c">C</a></nav>',
        f'<main id="main"><h1>{d("Sturm trifft die Küste")}</h1>',
        f'<h2>{d("")}</h2>',
        f'<figure><img src="a.jpg" alt="Überflutete Straße"><figcaption>{d("Überflutete Straße")}'
        '</figcaption></figure>',
        f'<a href="/s">{d("<img src=b.jpg alt=Deichbruch>Deichbruch")}</a>',
        f'<h3 title="Wetter">{d("")}</h3>',
        f'</main><footer>{d("<a href=/impressum>Impressum</a>")}</footer>',
        "</body></html>",
    ]) + "\n"


EXPECTED = [
    ("heading-empty", 6),
    ("img-alt-caption-duplicate", 7),
    ("img-alt-redundant", 8),
    # line 9: the heading's own title names it, under 2,000 empty levels
]


def _found(result):
    return [(f.rule, f.line) for f in result.findings]


def test_two_thousand_levels_deep_are_read_like_one():
    deep = lint(_page(DEPTH), rules=["legal/imprint"])
    assert deep.status == "ok", deep.error
    assert _found(deep) == EXPECTED
    shallow = lint(_page(1), rules=["legal/imprint"])
    assert shallow.status == "ok", shallow.error
    # the same findings with the same words: depth changes nothing but columns
    assert [(f.rule, f.line, f.message) for f in deep.findings] == [
        (f.rule, f.line, f.message) for f in shallow.findings]


def test_a_named_element_two_thousand_levels_deep_keeps_its_title_as_last_resort():
    html = ('<html lang="en"><body><main><h1>T</h1>\n'
            f'<h2><a href="/" title="Daily Bugle">{_deep("")}</a></h2>\n'
            f'<h2><a href="/" title="Ignored">{_deep("Front page")}</a></h2>\n'
            f'<h2><span aria-label="Sport">{_deep("Sports")}</span></h2>\n'
            f'<h2>{"<i title=x>" * DEPTH}{"</i>" * DEPTH}</h2>\n'
            "</main></body></html>\n")
    res = lint(html, select=["heading-empty"])
    assert res.status == "ok", res.error
    assert _found(res) == []
    # the innermost <i> has no text, so its title names it, and that name
    # stands for the whole nest: the heading is not empty
    res = lint(html.replace("<i title=x>", "<i>"), select=["heading-empty"])
    assert _found(res) == [("heading-empty", 5)]


CYCLES = """\
<html lang="en"><body><main><h1>T</h1>
<figure id="f1"><img src="a.jpg" aria-labelledby="f1"><figcaption>A cat on a mat</figcaption></figure>
<a href="/x" id="l2"><img src="b.jpg" aria-labelledby="l2"></a>
<h2 id="h3" aria-labelledby="h3">Title</h2>
<div id="p"><span id="q" aria-labelledby="p"><img src="c.jpg" aria-labelledby="q"></span></div>
<img src="d.jpg" aria-labelledby="nowhere">
<div id="blank"> </div><img src="e.jpg" aria-labelledby="blank nowhere">
</main></body></html>
"""


def test_aria_labelledby_that_leads_back_into_itself_is_read_once():
    res = lint(CYCLES)
    assert res.status == "ok", res.error
    assert [(f.rule, f.line, f.column) for f in res.findings] == [
        # the figure's text, read once, is the image's name, and the caption
        ("img-alt-caption-duplicate", 2, 17),
        # the link holds nothing but the image that points back at it
        ("img-alt-missing", 3, 22),
        ("img-alt-missing", 5, 46),
        ("img-alt-missing", 6, 1),
        ("img-alt-missing", 7, 24),
    ]
    msgs = [f.message for f in res.findings]
    assert msgs[0].startswith('alt text repeats the caption "A cat on a mat"')
    assert msgs[1] == (
        '<img src="b.jpg"> has no text alternative (aria-labelledby="l2" names only elements '
        'without text; no alt, aria-label or title): describe what it shows in alt, or use '
        'alt="" if it is purely decorative')
    assert '(aria-labelledby="q" names only elements without text;' in msgs[2]
    assert '(aria-labelledby="nowhere" names no element on the page;' in msgs[3]
    assert '(aria-labelledby="blank nowhere" names only elements without text;' in msgs[4]


NAMES = """\
<html lang="en"><body>
<a id="l" href="/"><img src="a.jpg" alt="Kitten" aria-labelledby="l"> Cats</a>
<figure id="f1"><img src="b.jpg" aria-labelledby="f1"><figcaption>A cat on a mat</figcaption></figure>
<figure id="f2"><img src="c.jpg" alt="Pup" aria-labelledby="f2"><figcaption>A dog</figcaption></figure>
<div id="t1">Before <img src="d.jpg" alt="inner" aria-labelledby="t2"> after</div><div id="t2">Other</div>
<img src="e.jpg" aria-labelledby="t1">
</body></html>
"""
# as Chromium names them (test_names_match_chromium): an image labelled by
# the link that holds it reads the link's text with its own alt in it; the
# link's own name reads the image's alt once; inside the text that an
# aria-labelledby reads, another aria-labelledby is not followed
NAMES_WANTED = [
    ("a", "Kitten Cats"), ("a.jpg", "Kitten Cats"), ("b.jpg", "A cat on a mat"),
    ("c.jpg", "Pup A dog"), ("d.jpg", "Other"), ("e.jpg", "Before inner after"),
]


def _names(page, order) -> list[tuple[str, str]]:
    els = {el.get("src") or el.tag: el for el in page.root.iter("a", "img")}
    got = {key: page.accessible_name(els[key]) for key in order}
    return [(key, got[key]) for key, _ in NAMES_WANTED]


def test_names_in_cycles_and_chains_do_not_depend_on_who_asks_first():
    from a11ylint.page.model import Page

    keys = [k for k, _ in NAMES_WANTED]
    for order in (keys, keys[::-1]):
        assert _names(Page.from_html(NAMES), order) == NAMES_WANTED


def test_names_match_chromium(browser):  # noqa: F811
    ctx = browser.new_context()
    try:
        tab = ctx.new_page()
        tab.set_content(NAMES)
        cdp = ctx.new_cdp_session(tab)
        root = cdp.send("DOM.getDocument")["root"]["nodeId"]
        got = []
        for key, _ in NAMES_WANTED:
            sel = key if key == "a" else f'img[src="{key}"]'
            node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": sel})["nodeId"]
            ax = cdp.send("Accessibility.getPartialAXTree",
                          {"nodeId": node, "fetchRelatives": False})["nodes"][0]
            got.append((key, ax["name"]["value"]))
    finally:
        ctx.close()
    assert got == NAMES_WANTED


def test_an_unnamed_role_img_says_what_its_aria_labelledby_names():
    res = lint('<html lang="en"><body><main><h1>T</h1>\n'
               '<svg role="img" aria-labelledby="chart-title"><path d="M0 0"/></svg>\n'
               '<svg role="img"><path d="M0 0"/></svg>\n'
               "</main></body></html>\n", select=["img-alt-missing"])
    assert [(f.rule, f.line, f.column) for f in res.findings] == [
        ("img-alt-missing", 2, 1), ("img-alt-missing", 3, 1)]
    assert [f.message for f in res.findings] == [
        '<svg role="img"> has no accessible name (aria-labelledby="chart-title" names no '
        "element on the page; no aria-label or <title> child): add aria-label, an "
        "aria-labelledby that names text, or a <title> child that says what it shows, or "
        'aria-hidden="true" if it is purely decorative',
        '<svg role="img"> has no accessible name: add aria-label, aria-labelledby or a '
        '<title> child that says what it shows, or aria-hidden="true" if it is purely '
        "decorative"]
