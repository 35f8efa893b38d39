"""img-alt-functional: a link or button whose only content is images that
say nothing (alt="", role="presentation", aria-hidden, an svg without a
name) has no name. Positions are (rule, line, column) on real HTML;
``page()`` puts the body on line 2 onwards."""

from __future__ import annotations

import pytest

from helpers import findings, lint


def page(body: str) -> str:
    return ('<html lang="en"><head><meta charset="utf-8"><title>t</title></head><body>\n'
            f"{body}\n</body></html>\n")


def run(body: str):
    return findings(page(body), select=["img-alt"])


CASES = [
    # the logo that links home, with alt=""
    ('<a href="/"><img src="/logo.svg" alt=""></a>', [("img-alt-functional", 2, 13)]),
    ('<button type="button"><img src="/x.svg" alt=""></button>',
     [("img-alt-functional", 2, 23)]),
    ('<div role="button" tabindex="0"><img src="/x.svg" alt=""></div>',
     [("img-alt-functional", 2, 33)]),
    ('<a href="/"><img src="/logo.svg" role="presentation"></a>',
     [("img-alt-functional", 2, 13)]),
    ('<a href="/"><img src="/logo.svg" alt="Bugle" aria-hidden="true"></a>',
     [("img-alt-functional", 2, 13)]),
    # an icon in an inline svg with no <title>
    ('<a href="https://x.com/bugle">\n  <svg viewBox="0 0 2 2"><path d="M0 0"/></svg>\n</a>',
     [("img-alt-functional", 3, 3)]),
    # one finding per control, at its first image
    ('<a href="/gallery"><img src="/a.jpg" alt=""><img src="/b.jpg" alt=""></a>',
     [("img-alt-functional", 2, 20)]),
    # a picture's img
    ('<a href="/s"><picture><source srcset="/a.webp"><img src="/a.jpg" alt=""></picture></a>',
     [("img-alt-functional", 2, 48)]),
    # role="presentation" holds against an alt: Chromium reads no name from it
    ('<a href="/"><img src="/logo.svg" role="none" alt="Daily Bugle"></a>',
     [("img-alt-functional", 2, 13)]),
    # ...but gives way to an aria-label, which names the image and the link
    ('<a href="/"><img src="/logo.svg" role="none" aria-label="Daily Bugle"></a>', []),
    # an image without alt is img-alt-missing's, and that report is enough
    ('<a href="/"><img src="/a.jpg" alt=""><img src="/logo.png"></a>',
     [("img-alt-missing", 2, 38)]),
    # named otherwise: nothing to report
    ('<a href="/"><img src="/logo.svg" alt="Daily Bugle home"></a>', []),
    ('<a href="/story"><img src="/t.jpg" alt=""> Storm closes harbour</a>', []),
    ('<a href="/" aria-label="Daily Bugle home"><img src="/logo.svg" alt=""></a>', []),
    ('<a href="/" title="Daily Bugle home"><img src="/logo.svg" alt=""></a>', []),
    ('<span id="l">Home</span><a href="/" aria-labelledby="l"><img src="/l.svg" alt=""></a>',
     []),
    ('<a href="/"><svg viewBox="0 0 2 2"><title>Daily Bugle</title><path d="M0 0"/></svg></a>',
     []),
    ('<a href="/"><img src="/a.svg" alt=""><img src="/b.svg" alt="Daily Bugle"></a>', []),
    ('<a href="/"><img src="/l.svg" alt=""><span class="sr-only">Home</span></a>', []),
    # a name set by script when the page runs is taken on trust
    ('<a href="/" :aria-label="site.name"><img src="/l.svg" alt=""></a>', []),
    # hidden from assistive technology, or not rendered: no control to name
    ('<a href="/" aria-hidden="true" tabindex="-1"><img src="/t.jpg" alt=""></a>', []),
    ('<a href="/" style="display:none"><img src="/t.jpg" alt=""></a>', []),
    ('<a href="/"><img src="/t.jpg" alt="" style="display:none"></a>', []),
    # not a control: an anchor without href, a figure
    ('<a name="top"><img src="/t.jpg" alt=""></a>', []),
    ('<figure><img src="/t.jpg" alt=""></figure>', []),
    # a tracking pixel in a link is not what the link shows
    ('<a href="/ad"><img src="/px.gif" alt="" width="1" height="1"></a>', []),
]


@pytest.mark.parametrize(("body", "expected"), CASES)
def test_functional_images(body, expected):
    assert run(body) == expected


def test_messages_say_what_to_do():
    res = lint(page('<a href="/"><img src="/logo.svg" alt=""></a>\n'
                    '<button><svg viewBox="0 0 2 2" aria-hidden="true"></svg></button>\n'
                    '<button><i role="img" aria-hidden="true" class="icon">close</i></button>\n'
                    '<a href="/x"><svg viewBox="0 0 2 2"></svg></a>'),
               select=["img-alt-functional"])
    assert [(f.line, f.message) for f in res.findings] == [
        (2, '<img src="/logo.svg"> is the only content of a link and has alt="": the link has '
            'no name, so screen readers announce it as "link" or by its address; say where it '
            "leads in alt (the site's name, for a logo that links home)"),
        (3, '<svg> is the only content of a button and has aria-hidden="true": the button has '
            'no name, so screen readers announce it as "button"; give the button an aria-label '
            "that says what it does"),
        (4, '<i> is the only content of a button and has aria-hidden="true": the button has no '
            'name, so screen readers announce it as "button"; give the button an aria-label '
            "that says what it does"),
        (5, '<svg> is the only content of a link and has no name: the link has no name, so '
            'screen readers announce it as "link" or by its address; give the link an '
            "aria-label, or the svg a <title>, that says where it leads"),
    ]
    assert res.findings[0].context["href"] == "/"
    assert res.findings[0].context["control"] == "link"
    assert list(res.findings[0].wcag) == ["1.1.1", "2.4.4", "4.1.2"]


def test_an_image_that_is_not_rendered_leaves_the_next_one_to_judge():
    assert run('<a href="/"><img src="/a.svg" alt="" style="display:none">'
               '<img src="/b.svg" alt=""></a>') == [("img-alt-functional", 2, 59)]
