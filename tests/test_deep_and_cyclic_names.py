"""Texts and names on trees Python's recursion limit would not reach, and
aria-labelledby references that lead back into themselves.

libxml2 builds trees up to 2,048 levels deep (a template that never closes
its <span>s), and every rule that reads a text, a caption, a link's words or
a legal notice walks such a subtree. An aria-labelledby can name an ancestor
of the element it labels. Either used to end the page as an internal error.
"""

from __future__ import annotations

from helpers import lint

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


def test_names_in_a_cycle_do_not_depend_on_who_asks_first():
    from a11ylint.page.model import Page

    html = ('<html><body><a id="l" href="/"><img src="a.jpg" alt="Kitten" '
            'aria-labelledby="l"> Cats</a></body></html>')
    names = []
    for first in ("img", "a"):
        page = Page.from_html(html)
        img, = page.root.iter("img")
        link, = page.root.iter("a")
        order = (img, link) if first == "img" else (link, img)
        got = {el.tag: page.accessible_name(el) for el in order}
        names.append(got)
    # the image, named by the link that holds it, is not read again inside
    # it; the link's own name reads the image's alt, as browsers do
    assert names == [{"img": "Cats", "a": "Kitten Cats"}] * 2
