"""Heading rules: (rule, line, column) for each pass, fail and inapplicable
situation of issue 2's "Heading rules"."""

from __future__ import annotations

import pytest

from a11ylint.rules.headings import carries, headline_variants
from helpers import findings, lint


def fired(html, rule):
    return findings(html, select=[rule])


def head(meta: str = "") -> str:
    return f"<html><head><title>Storm closes harbour | Daily Bugle</title>{meta}</head>"


OG = '<meta property="og:title" content="Storm closes harbour">'


# -- heading-order -------------------------------------------------------------

def test_order_skipped_level():
    html = """\
    <html><body>
    <h1>Storm</h1>
    <h2>What happened</h2>
      <h4>Timetable</h4>
    <h1>Other</h1>
    <h3>Skipped from h1</h3>
    </body></html>
    """
    assert fired(html, "heading-order") == [("heading-order", 4, 3), ("heading-order", 6, 1)]


def test_order_going_up_and_first_heading_are_fine():
    html = """\
    <html><body>
    <h3>Latest</h3><h4>One</h4>
    <h2>Sport</h2><h3>Two</h3><h4>Three</h4><h5>Four</h5>
    <h2>Weather</h2>
    </body></html>
    """
    assert fired(html, "heading-order") == []


def test_order_hidden_headings_ignored():
    html = """\
    <html><body>
    <h2>Sport</h2>
    <h3 hidden>Invisible</h3>
    <h4>Tables</h4>
    <div aria-hidden="true"><h3>Also invisible</h3></div>
    <h4 style="display:none">Not there</h4>
    <h3>Results</h3>
    </body></html>
    """
    assert fired(html, "heading-order") == [("heading-order", 4, 1)]


def test_order_role_heading_with_aria_level():
    html = """\
    <html><body>
    <h2>Sport</h2>
    <div role="heading" aria-level="4">Tables</div>
    <div role="heading">Defaults to level 2</div>
    <p role="heading" aria-level="3">Fine</p>
    </body></html>
    """
    assert fired(html, "heading-order") == [("heading-order", 3, 1)]


@pytest.mark.parametrize("markup", [
    '<section role="heading" aria-level="4">Tables</section>',
    '<DIV ROLE="HEADING" ARIA-LEVEL="4">Tables</DIV>',
    '<div Role="Heading" aria-level="4">Tables</div>',
    '<span rOlE="heading banner" aria-level="4">Tables</span>',
    # a '<' inside an earlier attribute value
    '<div data-note="a<b" role="heading" aria-level="4">Tables</div>',
    '<div\n  class="t"\n  role = \'heading\' aria-level="4">Tables</div>',
])
def test_order_role_heading_found_whatever_the_markup(markup):
    html = f"<html><body>\n<h2>Sport</h2>\n{markup}\n</body></html>"
    assert fired(html, "heading-order") == [("heading-order", 3, 1)]


# -- heading-one ---------------------------------------------------------------

def test_role_heading_inside_noscript_or_template_is_ignored():
    html = ("<html><body>\n<h2>Sport</h2>\n<noscript><div role=heading aria-level=4>A</div>"
            "</noscript>\n<template><div role=heading aria-level=5>B</div></template>\n"
            "</body></html>")
    assert fired(html, "heading-order") == []


def test_one_missing_reported_at_first_heading():
    html = """\
    <html><body>
    <h1 hidden>Hidden</h1>
    <p>Intro</p> <h2>Storm</h2>
    </body></html>
    """
    assert fired(html, "heading-one") == [("heading-one", 3, 14)]


def test_one_missing_names_the_h1_that_is_hidden_and_what_hides_it():
    # "no headings at all" sent authors looking for a heading to add, when
    # the fix is to stop hiding the one they have
    html = """\
    <html lang="en"><body inert>
    <h1>Storm closes harbour</h1>
    </body></html>
    """
    res = lint(html, select=["heading-one"])
    assert [(f.line, f.column, f.message) for f in res.findings] == [
        (1, 17, 'the page has no level-1 heading that screen readers can reach: h1 "Storm '
                'closes harbour" is hidden from them (inside <body> with the inert attribute)')]
    html = """\
    <html lang="en"><body>
    <header class="masthead" aria-hidden="true"><h1>Daily Bugle</h1></header>
    <main><h2>Storm closes harbour</h2></main>
    </body></html>
    """
    res = lint(html, select=["heading-one"])
    assert [(f.line, f.column, f.message) for f in res.findings] == [
        (3, 7, 'the page has no level-1 heading that screen readers can reach: h1 "Daily '
               'Bugle" is hidden from them (inside <header class="masthead"> with '
               'aria-hidden="true"); the first heading is h2 "Storm closes harbour"')]


def test_one_missing_without_headings_reported_at_body():
    html = """\
    <html>
    <head><title>Storm</title></head>
      <body class="article"><p>Storm</p></body>
    </html>
    """
    assert fired(html, "heading-one") == [("heading-one", 3, 3)]


def test_one_extra_without_metadata_every_h1_after_first():
    html = """\
    <html><body>
    <header><h1>Daily Bugle</h1></header>
    <main><h1>Storm closes harbour</h1></main>
    <aside><h1>Most read</h1></aside>
    </body></html>
    """
    assert fired(html, "heading-one") == [("heading-one", 3, 7), ("heading-one", 4, 8)]


def test_one_copy_of_the_first_h1_says_it_repeats_it():
    # a headline repeated for small screens (news.cn's domMobile block)
    html = """\
<html><body>
<div class="head-line"><h1><span class="title">Storm closes harbour</span></h1></div>
<div class="mheader domMobile">
<h1>
<span class="title">Storm  closes harbour</span>
</h1>
</div>
<aside><h1>Most read</h1></aside>
</body></html>
"""
    res = lint(html, select=["heading-one"])
    assert [(f.rule, f.line, f.column, f.message) for f in res.findings] == [
        ("heading-one", 4, 1,
         'extra h1 "Storm closes harbour" repeats the first h1 (line 2): the page has 3 '
         "level-1 headings; if one is a copy for another screen size, it must be "
         "display:none or hidden where it is not shown (a11ylint reads no stylesheets), else "
         "keep one h1"),
        ("heading-one", 8, 8,
         'extra h1 "Most read": the page has 3 level-1 headings; the first is h1 "Storm '
         "closes harbour\"; one h1, holding the page's own headline, is enough"),
    ]


def test_one_extra_is_the_h1_without_the_headline():
    html = head(OG) + """
<body>
<header><h1>Daily Bugle</h1></header>
<main><h1>Storm closes harbour</h1></main>
</body></html>
"""
    assert fired(html, "heading-one") == [("heading-one", 3, 9)]
    msg = lint(html, select=["heading-one"]).findings[0].message
    assert '"Daily Bugle"' in msg and '"Storm closes harbour"' in msg


def test_one_headline_not_carried_falls_back_to_first():
    html = head(OG) + """
<body><h1>Daily Bugle</h1><h1>Weather</h1></body></html>
"""
    assert fired(html, "heading-one") == [("heading-one", 2, 27)]


def test_one_two_h1_carrying_the_headline_are_not_extras():
    html = head(OG) + """
<body><h1>Storm closes harbour</h1><h1>Live: Storm closes harbour</h1><h1>Menu</h1></body></html>
"""
    assert fired(html, "heading-one") == [("heading-one", 2, 71)]


def test_one_single_and_aria_level_one():
    assert fired("<html><body><h1>Storm</h1><h2>More</h2></body></html>", "heading-one") == []
    html = '<html><body><div role="heading" aria-level="1">Storm</div></body></html>'
    assert fired(html, "heading-one") == []


def test_one_hidden_h1_does_not_count_as_extra():
    html = """\
    <html><body>
    <h1>Storm</h1>
    <h1 aria-hidden="true">Storm</h1>
    <template><h1>Template</h1></template>
    </body></html>
    """
    assert fired(html, "heading-one") == []


# -- heading-empty -------------------------------------------------------------

def test_empty_variants():
    html = """\
    <html><body>
    <h1>Storm</h1>
    <h2></h2>
    <h2><img src="logo.png" alt=""></h2>
    <h3><span aria-hidden="true">★</span></h3>
    <h3>   &nbsp; </h3>
    <h2><img src="logo.png" role="presentation" alt="Daily Bugle"></h2>
    </body></html>
    """
    # the presentational role holds against the alt, as in Chromium
    assert fired(html, "heading-empty") == [
        ("heading-empty", 3, 1), ("heading-empty", 4, 1), ("heading-empty", 5, 1),
        ("heading-empty", 6, 1), ("heading-empty", 7, 1),
    ]


def test_empty_names_that_count():
    html = """\
    <html><body>
    <h2 aria-label="Most read"><span aria-hidden="true">★</span></h2>
    <h2><img src="logo.png" alt="Daily Bugle"></h2>
    <h2 aria-labelledby="l"></h2><span id="l">Weather</span>
    <h2><svg role="img" aria-label="Sport"></svg></h2>
    <h2 hidden></h2>
    <div aria-hidden="true"><h3></h3></div>
    </body></html>
    """
    assert fired(html, "heading-empty") == []


def test_names_of_descendants_that_name_themselves():
    # accname: a descendant's aria-label stands for its content, and its title
    # is the last resort when the content says nothing
    html = """    <html><body>
    <h1><a href="/" title="Daily Bugle" class="logo"></a></h1>
    <h2><span aria-label="Weather"><svg aria-hidden="true"></svg></span></h2>
    <h2><a href="/more" title="More stories">Read on</a></h2>
    <h2><img src="logo.png" title="Sport desk"></h2>
    <h2><a href="/" title="   "></a></h2>
    <h3><span aria-label=" ">  </span></h3>
    <h3><img src="rule.png" alt="" title="Divider"></h3>
    </body></html>
    """
    assert fired(html, "heading-empty") == [
        ("heading-empty", 6, 1), ("heading-empty", 7, 1), ("heading-empty", 8, 1)]
    from a11ylint.page.model import Page

    page = Page.from_html(html)
    names = [page.accessible_name(h.element) for h in page.headings]
    assert names == ["Daily Bugle", "Weather", "Read on", "Sport desk", "", "", ""]


# -- heading-headline ------------------------------------------------------------

def test_headline_in_h2_under_logo_h1():
    html = head(OG) + """
<body><header><h1>Daily Bugle</h1></header>
<main><article>  <h2>Storm closes harbour</h2></article></main></body></html>
"""
    assert fired(html, "heading-headline") == [("heading-headline", 3, 18)]
    msg = lint(html, select=["heading-headline"]).findings[0].message
    assert '"Storm closes harbour"' in msg and "og:title" in msg and "h2" in msg


def test_headline_nowhere_reported_at_first_h1():
    html = head(OG) + """
<body><p>Daily Bugle</p><h1>Weather today</h1><h1>Sport</h1></body></html>
"""
    assert fired(html, "heading-headline") == [("heading-headline", 2, 25)]


@pytest.mark.parametrize(("h1s", "detail"), [
    ("<h1>Weather today</h1>", 'the h1 reads "Weather today"'),
    ("<h1></h1>", "the h1 is empty"),
    ("<h1><img src=logo.png alt=''></h1><h1> </h1>", "its 2 h1s are empty"),
    ("<h1>Weather today</h1><h1></h1><h1>Sport</h1>",
     'the h1s read "Weather today", "Sport", and one is empty'),
    ("<h1></h1><h1>Sport</h1><h1></h1>", 'the h1s read "Sport", and 2 are empty'),
])
def test_headline_message_says_what_the_h1s_read(h1s, detail):
    html = head(OG) + f"""
<body><p>Daily Bugle</p>{h1s}</body></html>
"""
    res = lint(html, select=["heading-headline"])
    assert [(f.rule, f.line, f.column) for f in res.findings] == [("heading-headline", 2, 25)]
    assert res.findings[0].message == (
        'the article headline "Storm closes harbour" (og:title) is not in any visible h1: '
        f"no heading carries it; {detail}")


def test_headline_no_h1_no_carrier_reported_at_body():
    html = head(OG) + """
<body>
<p>Storm closes harbour</p></body></html>
"""
    assert fired(html, "heading-headline") == [("heading-headline", 2, 1)]


def test_headline_site_suffix_tolerated():
    for meta in ('<meta property="og:title" content="Storm closes harbour | Daily Bugle">',
                 '<meta name="twitter:title" content="Storm closes harbour - Daily Bugle">',
                 '<meta property="og:title" content="Daily Bugle: Storm closes harbour">'):
        html = head(meta) + "<body><h1>Storm closes harbour</h1></body></html>"
        assert fired(html, "heading-headline") == [], meta


SOCIAL = '<meta property="og:title" content="Why the ferries stopped">'
SITE = '<meta property="og:site_name" content="Daily Bugle">'


def _at_h1(html: str) -> list:
    """heading-headline expected at the first <h1> of a one-line body."""
    line = html[: html.index("<h1")].count("\n") + 1
    col = html.index("<h1") - html.rfind("\n", 0, html.index("<h1"))
    return [("heading-headline", line, col)]


def test_headline_social_title_apart_from_the_h1_that_carries_the_title():
    # og:title is a social headline written apart from the story's own, which
    # the h1 and <title> share (The New Yorker, ESPN): the h1 is right
    html = head(SOCIAL) + """
<body><header><p>Daily Bugle</p></header>
<main><h1>Storm closes harbour</h1><h2>What happened</h2></main></body></html>
"""
    assert fired(html, "heading-headline") == []
    html = head(SOCIAL) + ("<body><main><h1>Storm closes harbour: ferries</h1></main>"
                           "</body></html>")
    assert fired(html, "heading-headline") == []
    # too short a piece of the title says nothing
    html = head(SOCIAL) + "<body><main><h1>Storm closes</h1></main></body></html>"
    assert fired(html, "heading-headline") == _at_h1(html)


def test_headline_social_title_does_not_excuse_a_logo_h1():
    # the h1 is the site's name (the shorter side of the <title>, or og:site_name
    # even when it is the longer side), or the declared headline sits in an h2
    for meta in (SOCIAL, SOCIAL + SITE):
        logo = head(meta) + \
            "<body><header><h1>Daily Bugle</h1></header><main><p>Text</p></main></body></html>"
        assert fired(logo, "heading-headline") == _at_h1(logo), meta
    long_site = head(SOCIAL + SITE.replace('"Daily Bugle"', '"Daily Bugle of Riverside County"'))
    long_site = long_site.replace("Storm closes harbour | Daily Bugle",
                                  "Storm | Daily Bugle of Riverside County")
    long_site += "<body><h1>Daily Bugle of Riverside County</h1></body></html>"
    assert fired(long_site, "heading-headline") == _at_h1(long_site)
    in_h2 = head(SOCIAL) + (
        "<body><header><h1>Storm closes harbour</h1></header>"
        "<main><h2>Why the ferries stopped</h2></main></body></html>")
    h2 = in_h2.index("<h2") + 1
    assert fired(in_h2, "heading-headline") == [("heading-headline", 1, h2)]


def test_headline_truncation_tolerated():
    meta = ('<meta property="og:title" content="Storm closes harbour as ferries stay in port '
            'for a second day…">')
    html = head(meta) + ("<body><h1>Storm closes harbour as ferries stay in port for a second "
                         "day running</h1></body></html>")
    assert fired(html, "heading-headline") == []


def test_headline_title_alone_is_not_metadata():
    html = """\
    <html><head><title>Storm closes harbour</title></head>
    <body><h1>Daily Bugle</h1><h2>Storm closes harbour</h2></body></html>
    """
    assert fired(html, "heading-headline") == []


def test_headline_json_ld():
    html = head("""<script type="application/ld+json">
{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Storm closes harbour"}
</script>""") + """
<body><h1><img src="logo.png" alt="Daily Bugle"></h1><div role="heading" aria-level="2">Storm closes harbour</div></body></html>
"""
    assert fired(html, "heading-headline") == [("heading-headline", 4, 54)]


def test_headline_hidden_h1_does_not_carry_it():
    html = head(OG) + """
<body><h1 style="display:none">Storm closes harbour</h1><h1>Daily Bugle</h1></body></html>
"""
    assert fired(html, "heading-headline") == [("heading-headline", 2, 57)]


def test_headline_itemprop_marks_the_h1():
    meta = '<meta property="og:title" content="Harbour shut">'
    html = head(meta) + '<body><h1 itemprop="headline">Storm closes harbour</h1></body></html>'
    assert fired(html, "heading-headline") == []


def test_headline_matching():
    v = headline_variants("Brexit: Nervenkrieg geht in nächste Runde")
    assert carries("Der Nervenkrieg um den Brexit geht in die nächste Runde", v)
    assert carries("Lotte Tobisch ist tot", headline_variants("Chronik: Lotte Tobisch ist tot"))
    assert carries("“Storm” closes harbour!", headline_variants('"Storm" closes harbour'))
    assert not carries("Daily Bugle", headline_variants("Storm closes harbour | Daily Bugle "
                                                         "and more"))
    assert not carries("Weather", headline_variants("Storm closes harbour"))
    assert not carries("", headline_variants("Storm closes harbour"))


# -- positions on a minified page ---------------------------------------------

def test_minified_one_line_columns():
    html = (
        '<!DOCTYPE html><html><head><meta property="og:title" content="Storm closes harbour">'
        "<title>x</title></head><body><header><h1>Daily Bugle</h1></header><main><h2>Storm "
        "closes harbour</h2><h4>Timetable</h4><h3></h3></main></body></html>"
    )
    h2 = html.index("<h2>") + 1
    h4 = html.index("<h4>") + 1
    h3 = html.index("<h3>") + 1
    assert findings(html, select=["heading"]) == [
        ("heading-headline", 1, h2),
        ("heading-order", 1, h4),
        ("heading-empty", 1, h3),
    ]


def test_short_shared_words_do_not_carry_the_headline():
    # a front page whose og:title is the site name: the newsletter h1 shares
    # only "the" and "Ledger" with it and is an extra h1
    html = """<!DOCTYPE html><html lang="en"><head><title>x</title>
<meta property="og:title" content="The Morning Ledger"></head><body>
<h1><a href="/"><img src="l.png" alt="The Morning Ledger"></a></h1>
<main><h2>Top</h2>
<h1 class="newsletter">Get the Ledger in your inbox</h1></main>
</body></html>"""
    assert findings(html, select=["heading-one"]) == [("heading-one", 5, 1)]


def test_logo_h1_equal_to_site_name_suffix_does_not_carry_headline():
    html = ('<html lang=en><head><meta property="og:title" content="Storm hits coast | Daily News">'
            "</head><body><h1>Daily News</h1><h2>Storm hits coast</h2></body></html>")
    assert findings(html, select=["heading-headline"]) == [("heading-headline", 1, 119)]
    only_h1 = html.replace("<h2>Storm hits coast</h2>", "")
    assert findings(only_h1, select=["heading-headline"]) == [("heading-headline", 1, 100)]


def test_meta_value_attribute_is_read_as_headline_metadata():
    html = ('<html lang=en><head><meta value="Stocks rise to records" name="og:title">'
            "</head><body><h1>MENU</h1><main><h1>Stocks rise to records</h1></main></body></html>")
    # the extra h1 is the menu, not the article headline (at column 106)
    assert findings(html, select=["heading-one"]) == [("heading-one", 1, 87)]


# -- blocks inside headings (libxml2 ends a heading where browsers do not) -------

def test_paragraph_inside_heading_is_its_content():
    html = f"""\
    {head(OG)}<body>
    <h1 class="headline"><p>Storm closes harbour</p></h1>
    <ul>
      <li><a href="/a"><h2 class="teaser"><p>Ferries cancelled</p></h2></a></li>
      <li><h2><table><tr><td>Tide table</td></tr></table></h2></li>
    </ul>
    <h2>Live</h2><h4>skips a level</h4>
    </body></html>
    """
    res = lint(html, select=["heading"])
    assert [(f.rule, f.line, f.column) for f in res.findings] == [("heading-order", 7, 14)]
    assert 'h2 "Live"' in res.findings[0].message


def test_heading_really_empty_before_a_paragraph_is_still_empty():
    html = """\
    <html><body>
    <h1>Storm</h1>
    <h2></h2><p>Text under no heading.</p>
    <h2>Tides</h2>
    </body></html>
    """
    assert fired(html, "heading-empty") == [("heading-empty", 3, 1)]


def test_block_inside_heading_minified_and_names_in_messages():
    html = ('<html><body><h1>Storm</h1><h2 class="x"><p>Ferries</p><p>cancelled</p></h2>'
            '<h4>Skipped</h4><h2><p>an unclosed paragraph</h2><div><h2></h2></div></body></html>')
    res = lint(html, select=["heading"])
    got = [(f.rule, f.line, f.column) for f in res.findings]
    assert got == [("heading-order", 1, 76), ("heading-empty", 1, 130)]
    assert 'follows h2 "Ferries cancelled"' in res.findings[0].message


def test_positions_and_selectors_inside_a_restored_heading():
    html = """\
    <html><body><main>
    <h1>Storm</h1>
    <h2 class="photo"><p>Harbour <img src="harbour.jpg"></p></h2>
    </main></body></html>
    """
    res = lint(html, select=["img-alt-missing", "heading-empty"])
    assert [(f.rule, f.line, f.column, f.selector) for f in res.findings] == [
        ("img-alt-missing", 3, 30, "body > main > h2 > p > img")]


def test_block_inside_heading_found_on_a_page_with_a_full_parse_log():
    # libxml2 stops logging at 100 errors: the sign of the dropped </h2> is
    # lost, so every heading level is looked at
    noise = "</span>" * 120
    html = f"""\
    <html><body><p>{noise}</p>
    <h1>Storm</h1>
    <h2 class="teaser"><p>Ferries cancelled</p></h2>
    <h2></h2><p>Text under no heading.</p>
    </body></html>
    """
    from a11ylint.page.model import Page

    page = Page.from_html(html)
    assert page.stray_end_tags == frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "a"})
    assert fired(html, "heading-empty") == [("heading-empty", 4, 1)]


def test_heading_started_inside_a_heading_ends_it_as_in_a_browser():
    # a browser's parser closes the open h6 at the next <h6>: the outer one
    # is left empty, and the text after the inner one is outside both
    html = ('<!DOCTYPE html><html lang="en"><head><title>t</title></head><body><h1>T</h1>\n'
            "<h2>Section<h2>Inner</h2> rest</h2>\n"
            "<h6><h6>Credits</h6></h6>\n</body></html>")
    got = findings(html, select=["heading"])
    assert got == [("heading-empty", 3, 1), ("heading-order", 3, 1)]
