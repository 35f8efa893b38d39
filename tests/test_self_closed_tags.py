"""`<h2/>Title</h2>` and `<a href="#main"/>Skip</a>` read as a browser reads them.

HTML5 ignores the slash of a non-void start tag: the element stays open
and holds what follows up to its end tag. libxml2 makes it an empty element
and drops that end tag as stray, which turned headings written this way
into heading-empty errors and emptied such links of their text. The page
model puts the content back when the parse log shows the dropped end tag.
"""

from __future__ import annotations

from lxml import etree

from a11ylint.page.model import Page
from helpers import findings, lint

NAV = '<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>'


def body_of(html: str) -> str:
    page = Page.from_html(f"<html><body>{html}</body></html>")
    body = etree.tostring(page.root.find("body"), encoding="unicode")
    return body.removeprefix("<body>").removesuffix("</body>")


def test_self_closed_headings_hold_their_text():
    html = """\
    <html lang="en"><head><title>Storm closes harbour | Daily Bugle</title>
    <meta property="og:title" content="Storm closes harbour"></head><body><main>
    <h1 class="headline"/>Storm closes harbour</h1>
    <h2/>Ferries</h2><p>All crossings are cancelled.</p>
    <h3 class="x"/><span>Timetable</span></h3>
    <h2>Empty for real</h2><h3></h3>
    </main></body></html>
    """
    # only the really empty h3 is reported: heading-one, heading-headline and
    # heading-order all see the self-closed ones with their text
    assert findings(html, select=["heading"]) == [("heading-empty", 6, 24)]


def test_self_closed_heading_keeps_entities_whitespace_and_the_text_after_it():
    assert body_of("<div><h1/>\nStorm &amp; flood\n</h1> after<p>x</p></div>") == \
        "<div><h1>\nStorm &amp; flood\n</h1> after<p>x</p></div>"
    assert body_of('<h2 class="x"/><span>A</span> <b>B</b></h2>C') == \
        '<h2 class="x"><span>A</span> <b>B</b></h2>C'


def test_a_self_closed_skip_link_in_the_footer_is_a_skip_link():
    # its name is "Skip to content" as in a browser, so it is the skip link
    # that sits too late, not a page without one
    html = f"""\
    <html lang="en"><head><title>t</title></head><body>
    <header>{NAV}</header>
    <main id="content"><h1>Storm</h1></main>
    <footer><a href="#content"/>Skip to content</a></footer>
    </body></html>
    """
    assert findings(html, select=["skip-link"]) == [("skip-link-order", 4, 9)]
    res = lint(html, select=["skip-link"])
    assert res.findings[0].snippet == '<a href="#content"/>Skip to content'


def test_a_self_closed_link_holds_its_image_and_text():
    html = """\
    <html lang="en"><head><title>t</title></head><body><main><h1>Login</h1>
    <a href="/login"/><img src="key.png" alt="Login"> Login</a>
    </main></body></html>
    """
    res = lint(html, select=["img-alt"])
    assert [(f.rule, f.line, f.column, f.selector) for f in res.findings] == [
        ("img-alt-redundant", 2, 19, "body > main > a > img")]
    assert res.findings[0].context["link_text"] == "Login"


def test_self_closed_heading_without_an_end_tag_holds_the_rest_of_its_parent():
    # no </h3>: a browser ends the h3 with its parent, or at the next heading
    assert body_of('<div class="card"><h3 class="title"/><p>Summary</p> '
                   '<a href="/x">More</a> end</div><p>after</p>') == \
        ('<div class="card"><h3 class="title"><p>Summary</p> <a href="/x">More</a> end</h3>'
         '</div><p>after</p>')
    assert body_of("<h2/>Text <b>bold</b> more<h3>Sub</h3>tail") == \
        "<h2>Text <b>bold</b> more</h2><h3>Sub</h3>tail"
    assert body_of("<h1/>A<h1>B</h1>") == "<h1>A</h1><h1>B</h1>"
    # with its end tag after a heading that starts first, the heading ends there
    assert body_of("<h1/>A<h2>B</h2></h1>C") == "<h1>A</h1><h2>B</h2>C"
    # a heading nested deeper would end up inside it: left as parsed
    assert body_of("<h2/>x<div><h3>y</h3></div>") == "<h2/>x<div><h3>y</h3></div>"
    # nothing after it: stays empty, and is reported
    html = "<html><body><main><h1>T</h1><section><h2/></section></main></body></html>"
    assert findings(html, select=["heading"]) == [("heading-empty", 1, 38)]


def test_a_teaser_card_with_a_self_closed_title_has_no_empty_heading():
    html = """\
    <html lang="en"><head><title>t</title></head><body><main><h1>Storm</h1>
    <div class="card"><h2 class="card-title"/><a href="/ferries">Ferries cancelled</a></div>
    <div class="card"><h2 class="card-title"/></div>
    </main></body></html>
    """
    assert findings(html, select=["heading"]) == [("heading-empty", 3, 19)]


def test_what_the_source_does_not_confirm_is_left_as_parsed():
    # a second <a> ends the first in a browser, but without a dropped </a>
    # nothing says so; an end tag inside a nested element; no end tag at
    # all; an unquoted value that takes the slash; an empty element written
    # with an end tag
    assert body_of('<a href="#q"/>x<a href="#r">y</a>') == '<a href="#q"/>x<a href="#r">y</a>'
    assert body_of('<a href="#q"/>x<span>y</a>z</span>') == '<a href="#q"/>x<span>yz</span>'
    assert body_of('<a href="#q"/><span><b>y</b>w</a>z</span>') == \
        '<a href="#q"/><span><b>y</b>wz</span>'
    assert body_of('<div><a href="#q"/>x</div>') == '<div><a href="#q"/>x</div>'
    assert body_of("<a href=/news/>News</a>") == '<a href="/news/">News</a>'
    assert body_of('<a href="#x"></a>text</a>') == '<a href="#x"/>text'
    assert body_of('<A HREF="#x" title="a/>b"/>Skip</A>') == \
        '<a href="#x" title="a/&gt;b">Skip</a>'


def test_a_long_start_tag_that_is_not_self_closed_is_checked_in_linear_time():
    # an empty link on a page with a stray </a> has its start tag matched
    # against the self-closed pattern; the pattern is possessive, and without
    # that this tag took time exponential in the length of its last name
    tag = '<a href="#q" data-' + "x" * 60
    assert body_of(f"{tag}></a></a>x") == f'{tag}=""/>x'


def test_text_with_a_control_character_lxml_refuses_moves_as_u_fffd():
    # libxml2 keeps U+0001 in the text, lxml will not set it: it moves into
    # the heading as U+FFFD, one character for one, as lxml serialises it
    # (setting it as it was ended the page as an internal error)
    html = b"<html><body><main><h1>T</h1><h2/>a\x01b</h2> c</main></body></html>"
    res = lint(html, select=["heading"], content_type="text/html; charset=utf-8")
    assert res.status == "ok", res.error
    assert res.findings == []
    h2 = Page.from_html(html.decode()).headings[1].element
    assert (h2.text, h2.tail) == ("a\ufffdb", " c")
