"""AMP pages as served: <amp-img> and <amp-anim> are images, named as an
<img> is; placeholder and fallback stand-ins are skipped; layout="nodisplay"
hides what it holds."""

from __future__ import annotations

from helpers import findings, lint


def _page(body: str) -> str:
    return (
        '<html amp lang="en"><head><meta charset="utf-8"><title>t</title></head><body>\n'
        f"{body}\n</body></html>\n")


def test_amp_images_are_checked_like_img():
    html = _page("""\
<amp-img src="/p/flood.jpg" width="4" height="3" layout="responsive"></amp-img>
<amp-img src="/p/flood.jpg" width="4" height="3" layout="responsive" alt=""></amp-img>
<amp-img src="/p/flood.jpg" width="16" height="9" layout="responsive" alt="16x9 Image"></amp-img>
<amp-anim src="/p/loop.gif" width="1" height="1" layout="responsive"></amp-anim>
<figure>
  <amp-img src="/p/sandbags.jpg" width="4" height="3" alt="Volunteers fill sandbags outside the fire station"></amp-img>
  <figcaption>Volunteers fill sandbags outside the fire station.</figcaption>
</figure>""")
    res = lint(html, ["img-alt"])
    assert [(f.rule, f.line, f.column) for f in res.findings] == [
        ("img-alt-missing", 2, 1), ("img-alt-placeholder", 4, 1), ("img-alt-missing", 5, 1),
        ("img-alt-caption-duplicate", 7, 3)]
    first = res.findings[0]
    assert first.message.startswith('<amp-img src="/p/flood.jpg"> has no text alternative')
    assert first.selector == "body > amp-img:nth-of-type(1)"
    # a responsive AMP image's width and height are a ratio, not pixels
    assert res.findings[2].message.startswith('<amp-anim src="/p/loop.gif">')


def test_placeholder_fallback_and_nodisplay_are_skipped():
    html = _page("""\
<amp-img src="/p/a.webp" width="4" height="3" alt="Harbour at dawn">
  <amp-img fallback src="/p/a.jpg" width="4" height="3"></amp-img>
</amp-img>
<amp-iframe src="https://example.com/map" width="4" height="3">
  <amp-img placeholder src="/p/map.png" layout="fill"></amp-img>
</amp-iframe>
<amp-lightbox id="gallery" layout="nodisplay">
  <amp-img src="/p/b.jpg" width="4" height="3"></amp-img>
</amp-lightbox>
<amp-img src="/p/c.jpg" width="4" height="3" layout="nodisplay"></amp-img>""")
    assert findings(html, select=["img-alt"]) == []
    # the same images without the AMP attributes are reported
    bare = html.replace(" fallback", "").replace(" placeholder", "").replace(
        ' layout="nodisplay"', "")
    assert findings(bare, select=["img-alt"]) == [
        ("img-alt-missing", 3, 3), ("img-alt-missing", 6, 3), ("img-alt-missing", 9, 3),
        ("img-alt-missing", 11, 1)]


def test_amp_images_name_headings_and_links():
    html = _page("""\
<h1><amp-img src="/logo.svg" width="120" height="30" alt="Daily Bugle"></amp-img></h1>
<h2><amp-img src="/icon.svg" width="20" height="20"></amp-img></h2>
<p><a href="/"><amp-img src="/home.svg" width="20" height="20" alt="Daily Bugle"></amp-img> Daily Bugle</a></p>""")
    res = lint(html, ["heading-empty", "img-alt"])
    assert [(f.rule, f.line, f.column) for f in res.findings] == [
        ("heading-empty", 3, 1), ("img-alt-missing", 3, 5), ("img-alt-redundant", 4, 16)]
    assert res.findings[0].message == (
        "h2 has no accessible name: it holds only images without alt text")


def test_skip_link_in_a_closed_amp_sidebar_is_hidden():
    html = _page("""\
<amp-sidebar id="menu" layout="nodisplay" side="left">
  <a href="#main">Skip to main content</a>
</amp-sidebar>
<header><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></header>
<main id="main"><h1>Storm closes harbour</h1></main>""")
    res = lint(html, ["skip-link"])
    assert [(f.rule, f.line, f.column) for f in res.findings] == [("skip-link-hidden", 3, 3)]
    assert res.findings[0].message.endswith(
        'inside <amp-sidebar id="menu"> with AMP\'s layout="nodisplay"')


def test_server_rendered_amp_image_is_judged_once_by_its_img():
    # the AMP optimizer renders hero images: the <img> inside is what a
    # browser shows, so it alone is judged
    html = _page("""\
<amp-img data-hero src="/p/a.jpg" width="4" height="3" layout="responsive" alt="Photo: AP" i-amphtml-ssr><img class="i-amphtml-fill-content i-amphtml-replaced-content" decoding="async" alt="Photo: AP" src="/p/a.jpg"></amp-img>
<amp-img data-hero src="/p/b.jpg" width="4" height="3" layout="responsive" i-amphtml-ssr><img class="i-amphtml-fill-content" decoding="async" src="/p/b.jpg"></amp-img>""")
    assert findings(html, select=["img-alt"]) == [
        ("img-alt-credit", 2, 106), ("img-alt-missing", 3, 90)]
