"""Skip-link rules: (rule, line, column) for each pass, fail and inapplicable
situation of issue 2's "Skip-link rules"."""

from __future__ import annotations

import textwrap

import pytest

from helpers import findings, lint

SEL = ["skip-link"]


def fired(html, **kw):
    return findings(html, select=SEL, **kw)


# -- skip-link-missing ---------------------------------------------------------

def test_missing_at_first_focusable():
    html = """\
    <html><body>
    <header><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></header>
    <main><h1>Storm closes harbour</h1><a href="/more">More</a></main>
    </body></html>
    """
    assert fired(html) == [("skip-link-missing", 2, 9)]


def test_missing_main_starts_at_first_visible_h1():
    html = """\
    <html><body>
    <h1 hidden>Daily Bugle</h1>
    <nav><a href="/">Home</a><a href="/a">A</a><a href="/b">B</a></nav>
    <h1>Storm closes harbour</h1>
    </body></html>
    """
    assert fired(html) == [("skip-link-missing", 3, 6)]


def test_an_h1_that_names_the_site_is_not_where_the_main_content_starts():
    # the logo h1 in the page's banner, or in a link home, starts the chrome
    for logo in ('<header><h1><a href="/"><img src="/logo.svg" alt="Daily Bugle"></a></h1>',
                 '<div class="top"><a href="/"><h1>Daily Bugle</h1></a>'):
        html = f"""\
        <html><body>
        {logo}
        <a href="/world">World</a> <a href="/sport">Sport</a> <a href="/live">Live</a>
        {'</header>' if logo.startswith('<header') else '</div>'}
        <div class="story"><h1>Storm closes harbour</h1><a href="/more">More</a></div>
        </body></html>
        """
        res = lint(textwrap.dedent(html), select=SEL)
        assert [(f.rule, f.line, f.column) for f in res.findings] == [
            ("skip-link-missing", 2, 13 if logo.startswith("<header") else 18)], logo
    assert res.findings[0].message == (
        'no skip link: the HTML has 4 links and controls before the main content (starting '
        'at the h1 "Storm closes harbour"; the first h1, "Daily Bugle", names the site); '
        "keyboard users must tab through every one that is shown")


def test_an_h1_that_reads_as_a_name_the_page_gives_its_site_is_the_masthead():
    # og:site_name, application-name or the Twitter account, outside any banner
    for meta in ('<meta property="og:site_name" content="Daily  Bugle">',
                 '<meta name="application-name" content="Daily Bugle">',
                 '<meta name="twitter:site" content="@daily bugle">'):
        html = f"""\
        <html><head>{meta}</head><body>
        <div class="top"><h1>Daily Bugle</h1><a href="/">Home</a> <a href="/a">A</a>
        <a href="/b">B</a></div>
        <div class="story"><h1>Storm closes harbour</h1></div>
        </body></html>
        """
        assert fired(html) == [("skip-link-missing", 2, 38)], meta
    assert fired(html.replace(meta, "")) == []  # the first h1 starts the content


def test_an_h1_that_carries_the_headline_names_the_page_wherever_it_sits():
    # a breadcrumb in the header ends with the article's h1 (heise.de); one
    # in an article's own header is the article's
    for where in ('<header><nav class="crumbs"><a href="/">Home</a> '
                  '<h1>Storm closes harbour</h1></nav></header>',
                  '<article><header><h1>Storm closes harbour</h1></header>'):
        html = f"""\
        <html><head><meta property="og:title" content="Storm closes harbour"></head><body>
        {where}
        <p>Text <a href="/a">A</a> <a href="/b">B</a> <a href="/c">C</a></p>
        <h1>Most read</h1>
        </body></html>
        """
        assert fired(html) == [], where


def test_when_every_h1_names_the_site_the_first_one_starts_the_main_content():
    html = """\
    <html><body>
    <header><h1><a href="/">Daily Bugle</a></h1><a href="/a">A</a></header>
    <h2>Storm closes harbour</h2><a href="/b">B</a> <a href="/c">C</a>
    </body></html>
    """
    assert fired(html) == []


def test_missing_message_counts_the_links_and_controls_in_the_html_before_main():
    # eight before <main>: two hidden inline and one folded in a closed
    # <details> are in the count (the message says "every one that is shown")
    html = """\
    <html><body>
    <header><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a>
    <a href="/x" hidden>X</a><span style="display:none"><a href="/y">Y</a></span>
    <details><summary>More</summary><a href="/z">Z</a></details>
    <input type="search" name="q"></header>
    <main><h1>Storm closes harbour</h1><a href="/more">More</a></main>
    </body></html>
    """
    res = lint(textwrap.dedent(html), select=["skip-link-missing"])
    assert [(f.rule, f.line, f.column) for f in res.findings] == [("skip-link-missing", 2, 9)]
    assert res.findings[0].message == (
        "no skip link: the HTML has 8 links and controls before the main content (starting "
        "at <main>); keyboard users must tab through every one that is shown")
    assert res.findings[0].context["controls_before_main"] == 8


def test_missing_message_counts_tabindex_stops_when_they_make_the_header():
    html = """\
    <html><body>
    <div class="nav"><div tabindex="0">Home</div><div tabindex="0">World</div>
    <span tabindex="0">Sport</span><a href="/live">Live</a></div>
    <main><h1>Storm closes harbour</h1></main>
    </body></html>
    """
    res = lint(textwrap.dedent(html), select=["skip-link-missing"])
    assert [(f.rule, f.line, f.column) for f in res.findings] == [("skip-link-missing", 2, 18)]
    assert res.findings[0].context["controls_before_main"] == 4


def test_missing_inapplicable_below_min_focusable():
    html = """\
    <html><body>
    <header><a href="/">Home</a> <a href="/world">World</a></header>
    <main><h1>Storm</h1></main>
    </body></html>
    """
    assert fired(html) == []


def test_missing_hidden_focusables_do_not_count():
    html = """\
    <html><body>
    <a href="/">Home</a>
    <div style="display: none"><a href="/a">A</a><a href="/b">B</a></div>
    <a href="/c" tabindex="-1">C</a>
    <main><h1>Storm</h1></main>
    </body></html>
    """
    assert fired(html) == []


def test_missing_counts_tabindex_and_contenteditable_elements_before_main():
    # two links and a scripted menu button: three focusables, the div first
    html = """\
    <html><body>
    <header><div class="menu" role="button" tabindex="0">Menu</div>
    <a href="/">Home</a> <a href="/world">World</a></header>
    <main><h1>Storm</h1><div tabindex="0">Later</div></main>
    </body></html>
    """
    assert fired(html) == [("skip-link-missing", 2, 9)]
    for attrs in ('TABINDEX="0"', 'contenteditable', 'CONTENTEDITABLE="true"'):
        other = html.replace('role="button" tabindex="0"', attrs)
        assert fired(other) == [("skip-link-missing", 2, 9)], attrs


def test_missing_ignores_tabindex_elements_after_main_and_inert_ones():
    html = """\
    <html><body>
    <header><a href="/">Home</a> <a href="/world">World</a>
    <noscript><div tabindex="0">No script</div></noscript>
    <div tabindex="-1">Not focusable</div></header>
    <main><h1>Storm</h1><div tabindex="0">Later</div><span tabindex="0">x</span></main>
    </body></html>
    """
    assert fired(html) == []


def test_focusables_mix_tabindex_and_contenteditable_in_document_order_each_once():
    # the two attributes are queried apart (libxml2 merges a union of them
    # in quadratic time) and put back in document order; an element with
    # both is one focusable, and the main content's ancestor with tabindex
    # counts as before it
    html = """\
    <html><body>
    <header><p contenteditable>Note</p><div tabindex="0" contenteditable>Both</div>
    <span tabindex="0">Menu</span></header>
    <div tabindex="0"><a href="#main">Skip to main content</a>
    <main id="main"><h1>Storm</h1><p contenteditable>Later</p></main></div>
    </body></html>
    """
    got = lint(html, select=["skip-link-order"]).findings
    assert [(f.rule, f.line, f.column) for f in got] == [("skip-link-order", 4, 19)]
    assert got[0].context["focusable_before"] == 4
    from a11ylint.page.model import Page

    page = Page.from_html(textwrap.dedent(html))
    assert [(el.tag, el.text) for el in page.focusables] == [
        ("p", "Note"), ("div", "Both"), ("span", "Menu"), ("div", None), ("a", "Skip to main content"),
        ("p", "Later")]


def test_order_counts_tabindex_elements_before_the_skip_link():
    html = """\
    <html><body>
    <header><div tabindex="0">Menu</div><span tabindex="0">Search</span>
    <a href="/">Home</a></header>
    <a href="#main">Skip to main content</a>
    <main id="main"><h1>Storm</h1></main>
    </body></html>
    """
    got = lint(html, select=["skip-link-order"]).findings
    assert [(f.rule, f.line, f.column) for f in got] == [("skip-link-order", 4, 1)]
    assert got[0].context["focusable_before"] == 3


def test_missing_min_focusable_option():
    html = """\
    <html><body>
    <header><a href="/">Home</a> <a href="/world">World</a></header>
    <main><h1>Storm</h1></main>
    </body></html>
    """
    opts = {"skip-link-missing": {"min-focusable": 2}}
    assert fired(html, rule_options=opts) == [("skip-link-missing", 2, 9)]


def test_missing_inapplicable_without_main_or_h1():
    html = """\
    <html><body>
    <a href="/">Home</a> <a href="/a">A</a> <a href="/b">B</a> <a href="/c">C</a>
    <h2>Latest</h2>
    </body></html>
    """
    assert fired(html) == []


def test_without_main_or_h1_the_heading_that_carries_the_headline_starts_the_content():
    # a template with no h1 at all: the story's headline is an h2 (theweek,
    # juventudrebelde); the menu before it still needs a way past
    html = """\
    <html><head><meta property="og:title" content="Storm closes harbour | Daily Bugle">
    </head><body>
    <div class="top"><a href="/">Home</a> <a href="/a">A</a> <a href="/b">B</a></div>
    <h2 hidden>Storm closes harbour</h2>
    <div class="story"><h2>Storm closes harbour</h2><a href="/more">More</a></div>
    </body></html>
    """
    res = lint(textwrap.dedent(html), select=SEL)
    assert [(f.rule, f.line, f.column) for f in res.findings] == [("skip-link-missing", 3, 18)]
    assert res.findings[0].message == (
        'no skip link: the HTML has 3 links and controls before the main content (starting '
        'at the h2 "Storm closes harbour", which carries the headline; the page has no '
        "<main> and no visible h1); keyboard users must tab through every one that is shown")
    assert res.findings[0].context["main_start"] == "body > div:nth-of-type(2) > h2"
    # a skip link to that heading's block is the bypass; placed after the
    # links it should skip, it is late
    fixed = html.replace('<div class="top">', '<a href="#story">Skip to story</a>'
                         '<div class="top">').replace('class="story"', 'id="story"')
    assert fired(fixed) == []
    late = html.replace('<a href="/more">More</a>',
                        '<a href="/more">More</a><a href="#story">Skip to story</a>').replace(
        'class="story"', 'id="story"')
    assert fired(late) == [("skip-link-order", 5, 70)]  # after four other stops
    # a feed beside the story lists it too, as a link (a1plus.am): the story's
    # own heading is the start, even at the same level, with the feed's
    # links before it counted
    feed = html.replace('<h2 hidden>Storm closes harbour</h2>',
                        '<ul><li><h2><a href="/storm">Storm closes harbour</a></h2></li>'
                        '<li><h2><a href="/fog">Fog</a></h2></li></ul>')
    res = lint(textwrap.dedent(feed), select=SEL)
    assert [(f.rule, f.line, f.column) for f in res.findings] == [("skip-link-missing", 3, 18)]
    assert res.findings[0].context["controls_before_main"] == 5
    # without headline metadata there is still no telling where the content starts
    assert fired(html.replace('<meta property="og:title" content="Storm closes harbour | '
                              'Daily Bugle">', "")) == []


def test_without_any_heading_the_element_that_is_the_headline_starts_the_content():
    # small CMSs style a paragraph or div as the headline and mark up no
    # heading at all (jaraguadosul.com.br, sn.dk)
    html = """\
    <html><head><meta property="og:title" content="Storm closes harbour - Daily Bugle">
    </head><body>
    <div class="top"><a href="/">Home</a> <a href="/a">A</a> <a href="/b">B</a></div>
    <ul><li><a href="/storm">Storm closes harbour</a></li><li>Storm closes harbour</li></ul>
    <form><p class="send">Article: Storm closes harbour</p><button>Send</button></form>
    <p class="titulo" style="display:none">Storm closes harbour</p>
    <div class="col"><p class="titulo">
      Storm   closes harbour </p><a href="/more">More</a></div>
    </body></html>
    """
    res = lint(textwrap.dedent(html), select=SEL)
    assert [(f.rule, f.line, f.column) for f in res.findings] == [("skip-link-missing", 3, 18)]
    assert res.findings[0].message == (
        'no skip link: the HTML has 5 links and controls before the main content (starting '
        'at the <p> "Storm closes harbour", which carries the headline; the page has no '
        "<main> and no visible h1); keyboard users must tab through every one that is shown")
    assert res.findings[0].context["main_start"] == "body > div:nth-of-type(2) > p"
    # a heading that carries the headline is preferred, wherever it is
    later = html.replace('<a href="/more">More</a>', '<h3>Storm closes harbour</h3>')
    res = lint(textwrap.dedent(later), select=SEL)
    assert res.findings[0].context["main_start"] == "body > div:nth-of-type(2) > h3"
    # a text that only contains the headline is not the headline
    assert fired(html.replace("      Storm   closes harbour </p>",
                              "      Storm closes harbour, again</p>")) == []


def test_target_that_holds_the_skip_link_leads_back_to_it():
    html = """\
    <html><body>
    <div id="page">
    <a href="#page" class="sr-only">Skip to content</a>
    <header><a href="/">Home</a> <a href="/a">A</a> <a href="/b">B</a></header>
    <main><h1>Storm</h1><a id="self" href="#self">Skip to comments</a></main>
    <footer><a href="/c">C</a> <a href="#page">Jump to top</a></footer>
    </div>
    </body></html>
    """
    res = lint(textwrap.dedent(html), select=["skip-link-target"])
    assert [(f.rule, f.line, f.column) for f in res.findings] == [("skip-link-target", 3, 1)]
    assert res.findings[0].message == (
        'skip link "Skip to content" targets "#page", which holds the link (<div id="page">): '
        "the next Tab starts again from the top of the target, before the blocks the link "
        "should skip; point it at where the main content starts")
    assert res.findings[0].context["target"] == "#page"
    # a skip link aimed at itself goes nowhere either
    own = html.replace('<a href="#page" class="sr-only">', '<a id="skip" href="#skip">')
    res = lint(textwrap.dedent(own), select=["skip-link-target"])
    assert [(f.line, f.message.split(":")[0]) for f in res.findings] == [
        (3, 'skip link "Skip to content" targets "#skip", which is the link itself')]
    # or at an anchor above it
    top = html.replace('<div id="page">', '<div id="page"><a id="top"></a>').replace(
        'href="#page" class="sr-only"', 'href="#top"')
    res = lint(textwrap.dedent(top), select=["skip-link-target"])
    assert [(f.line, f.message.split(":")[0]) for f in res.findings] == [
        (3, 'skip link "Skip to content" targets "#top", which comes before the link '
            '(<a id="top">)')]


def test_missing_not_reported_when_skip_link_is_hidden():
    html = """\
    <html><body>
    <a href="#main" hidden>Skip to content</a>
    <a href="/">Home</a> <a href="/a">A</a> <a href="/b">B</a>
    <main id="main"><h1>Storm</h1></main>
    </body></html>
    """
    assert fired(html) == [("skip-link-hidden", 2, 1)]


def test_empty_fragment_is_not_a_skip_link():
    # href="#" jumps nowhere: the page still has no bypass
    html = """\
    <html><body>
    <a href="#">Skip to content</a>
    <a href="/">Home</a> <a href="/a">A</a> <a href="/b">B</a>
    <main><h1>Storm</h1></main>
    </body></html>
    """
    assert fired(html) == [("skip-link-missing", 2, 1)]


def test_visually_hidden_skip_link_passes():
    html = """\
    <html><body>
    <a class="sr-only sr-only-focusable" href="#main">Skip to main content</a>
    <a class="visually-hidden-focusable" href="#content" style="position:absolute;left:-9999px">Jump to content</a>
    <header><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></header>
    <main id="main"><h1 id="content">Storm</h1></main>
    </body></html>
    """
    assert fired(html) == []


def test_group_of_skip_links_each_target_checked():
    html = """\
    <html><body>
    <ul class="skip"><li><a href="#main">Skip to content</a></li>
    <li><a href="#nav">Skip to navigation</a></li><li><a href="#search">Skip to search</a></li></ul>
    <nav id="nav"><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
    <main id="main"><h1>Storm</h1></main>
    </body></html>
    """
    # the group counts as one bypass; only the broken one is reported
    assert fired(html) == [("skip-link-target", 3, 51)]


def test_link_before_main_targeting_it_is_a_skip_link():
    # no skip wording, but it sits before the main content and jumps into it
    html = """\
    <html><body>
    <a href="#story">Read the story</a>
    <a href="/">Home</a> <a href="/a">A</a> <a href="/b">B</a>
    <div id="story"><main><h1>Storm</h1></main></div>
    </body></html>
    """
    assert fired(html) == []


def test_page_wrapper_target_is_not_a_skip_link():
    # "#page" holds the link itself and the whole header: it bypasses nothing
    html = """\
    <html><body><div id="page">
    <a href="#page">Menu</a>
    <a href="/">Home</a> <a href="/a">A</a>
    <main><h1>Storm</h1></main>
    </div></body></html>
    """
    assert fired(html) == [("skip-link-missing", 2, 1)]


def test_in_article_link_is_not_a_skip_link():
    html = """\
    <html><body>
    <a href="#comments">Comments</a>
    <a href="/">Home</a> <a href="/a">A</a>
    <main><h1>Storm</h1><section id="comments"></section></main>
    </body></html>
    """
    assert fired(html) == [("skip-link-missing", 2, 1)]


def test_empty_anchor_just_before_main_is_its_target():
    html = """\
    <html><body>
    <a href="#top-story">Read now</a>
    <a href="/">Home</a> <a href="/a">A</a> <a href="/b">B</a>
    <a name="top-story"></a><main><h1>Storm</h1></main>
    </body></html>
    """
    assert fired(html) == []


def test_same_page_absolute_url_skip_link():
    html = """\
    <html><body>
    <a href="https://news.example/story-1#content">Skip to main content</a>
    <a href="/">Home</a> <a href="/a">A</a> <a href="/b">B</a>
    <main id="content"><h1>Storm</h1></main>
    </body></html>
    """
    assert fired(html) == []


def test_absolute_url_with_unknown_fragment_is_never_reported():
    html = """\
    <html><body>
    <a href="https://other.example/#content">Skip to content</a>
    <main id="main"><h1>Storm</h1></main>
    </body></html>
    """
    assert fired(html) == []


def test_phrases_in_other_languages():
    for phrase in ("Перейти к содержанию", "Zum Inhalt springen", "Aller au contenu",
                   "Saltar al contenido", "跳到主要内容", "본문바로가기", "Мазмұнға өту",
                   "Przejdź do treści", "Pular para o conteúdo", "Pređite na glavni sadržaj",
                   "Go to Contents", "メニューをとばして、記事の本文エリアへ", "直接前往内部导航",
                   "Ir para o menu", "Пређите на главни садржај"):
        html = f"""\
        <html><body>
        <a href="#main">{phrase}</a>
        <a href="/">Home</a> <a href="/a">A</a> <a href="/b">B</a>
        <main id="Main"><h1>Storm</h1></main>
        </body></html>
        """
        # recognised as a skip link: its broken target is reported, not a missing link
        assert fired(html) == [("skip-link-target", 2, 1)], phrase


def test_word_boundaries_in_phrases():
    html = """\
    <html><body>
    <a href="#diary">The skipper's diary</a>
    <a href="/">Home</a> <a href="/a">A</a> <a href="/b">B</a>
    <main><h1>Storm</h1></main>
    </body></html>
    """
    assert fired(html) == [("skip-link-missing", 2, 1)]


def test_user_pack_extends_phrases(tmp_path):
    pack = tmp_path / "words.toml"
    pack.write_text('[wordlists]\nskip-link-phrases = ["vers l\'article"]\n', encoding="utf-8")
    html = """\
    <html><body>
    <a href="#article">Vers l'article</a>
    <a href="/">Home</a> <a href="/a">A</a> <a href="/b">B</a>
    <main><h1>Storm</h1></main>
    </body></html>
    """
    assert fired(html) == [("skip-link-missing", 2, 1)]
    assert fired(html, rules=[str(pack)]) == [("skip-link-target", 2, 1)]


# -- skip-link-target ----------------------------------------------------------

def test_target_case_sensitive_with_near_match():
    html = """\
    <html><body>
      <a href="#main">Skip to content</a>
      <main id="Main"><h1>Storm</h1></main>
    </body></html>
    """
    assert fired(html) == [("skip-link-target", 2, 3)]
    msg = lint(html, select=["skip-link-target"]).findings[0].message
    assert '"#main"' in msg and 'id="Main"' in msg


def test_target_near_match_ignores_separators():
    html = """\
    <html><body><a href="#main-content">Skip to content</a>
    <main id="maincontent"><h1>Storm</h1></main></body></html>
    """
    res = lint(html, select=["skip-link-target"])
    assert [(f.rule, f.line, f.column) for f in res.findings] == [("skip-link-target", 1, 13)]
    assert res.findings[0].context["near_match"] == "maincontent"


def test_target_percent_decoded():
    html = """\
    <html><body>
    <a href="#caf%C3%A9">Skip to content</a>
    <main id="café"><h1>Storm</h1></main>
    </body></html>
    """
    assert fired(html) == []


def test_target_a_name_counts():
    html = """\
    <html><body>
    <a href="#start">Skip to content</a>
    <a name="start"></a><h1>Storm</h1>
    </body></html>
    """
    assert fired(html) == []


def test_target_hidden_from_everyone():
    html = """\
    <html><body>
    <a href="#main">Skip to content</a>
    <div style="display:none"><main id="main"><h1>Storm</h1></main></div>
    <p id="top" aria-hidden="true">Not hidden from everyone</p>
    <a href="#top">Skip to top</a>
    </body></html>
    """
    assert fired(html) == [("skip-link-target", 2, 1)]
    msg = lint(html, select=["skip-link-target"]).findings[0].message
    assert "display:none" in msg


def test_target_missing_no_near_match():
    html = """\
    <html><body><a href="#nowhere">Skip to content</a><h1 id="x">Storm</h1></body></html>
    """
    res = lint(html, select=["skip-link-target"])
    assert [(f.rule, f.line, f.column) for f in res.findings] == [("skip-link-target", 1, 13)]
    assert "did you mean" not in res.findings[0].message


def test_target_with_a_control_character_is_missing_not_a_crash():
    # lxml refuses such a value in an id lookup; it crashed the whole family
    html = """\
    <html><body><a href="#%00">Skip to content</a>
    <a href="#x%01y">Skip to navigation</a><a href="/">A</a><a href="/b">B</a>
    <main><h1>Storm</h1></main></body></html>
    """
    res = lint(html, select=["skip-link"])
    assert res.status == "ok", res.error
    assert [(f.rule, f.line, f.column) for f in res.findings] == [
        ("skip-link-target", 1, 13), ("skip-link-target", 2, 1)]
    assert res.findings[0].message == ('skip link "Skip to content" targets "#\x00", but no '
                                       'element has id="\x00"')


def test_near_matches_are_found_once_per_page_and_fuzzy_ones_within_a_budget(monkeypatch):
    # Suggestions compare a fragment with every id: on a page of thousands of
    # broken skip links that took minutes. Each page's ids are folded once,
    # a repeated fragment is answered from memory, and fuzzy matching stops
    # when its budget of comparisons is spent; case and separator matches
    # never stop.
    from a11ylint.rules import skip_links

    monkeypatch.setattr(skip_links, "FUZZY_BUDGET", 6)  # the page has 3 ids
    html = """\
    <html><body>
    <a href="#maincontnt">Skip to content</a>
    <a href="#maincontnt">Skip to content</a>
    <a href="#serchform">Skip to search</a>
    <a href="#pagefooter">Skip to footer</a>
    <a href="#SEARCHFORM">Skip to search</a>
    <a href="#serchfrm">Skip to search</a>
    <nav id="searchform"></nav><main id="maincontent"><h1>Storm</h1></main>
    <footer id="page-footer"></footer>
    </body></html>
    """
    res = lint(html, select=["skip-link-target"], label="budget.html")
    assert [(f.rule, f.line, f.column, f.context["near_match"]) for f in res.findings] == [
        ("skip-link-target", 2, 1, "maincontent"),
        ("skip-link-target", 3, 1, "maincontent"),  # the same fragment: remembered
        ("skip-link-target", 4, 1, "searchform"),  # the budget's second and last search
        ("skip-link-target", 5, 1, "page-footer"),  # a separator match costs nothing
        ("skip-link-target", 6, 1, "searchform"),  # nor does a case match
        ("skip-link-target", 7, 1, None),  # budget spent: no fuzzy search
    ]


def test_targets_hidden_from_everyone_name_what_hides_them():
    html = """\
    <html><body>
    <a href="#a">Skip to content</a><a href="#b">Skip to search</a>
    <a href="#c">Skip to footer</a><a href="#a">Skip to main content</a>
    <main id="a" hidden><h1>Storm</h1></main>
    <div class="wrap  outer" style="display: none"><form id="b"></form></div>
    <template><p id="c">Footer</p></template>
    </body></html>
    """
    res = lint(html, select=["skip-link-target"])
    assert [(f.line, f.column, f.message) for f in res.findings] == [
        (2, 1, 'skip link "Skip to content" targets "#a", but that element is hidden '
               "from everyone (it has the hidden attribute)"),
        (2, 33, 'skip link "Skip to search" targets "#b", but that element is hidden '
                'from everyone (inside <div class="wrap outer"> with inline display:none)'),
        (3, 1, 'skip link "Skip to footer" targets "#c", but that element is hidden '
               "from everyone (inside <template>)"),
        (3, 32, 'skip link "Skip to main content" targets "#a", but that element is hidden '
                "from everyone (it has the hidden attribute)"),
    ]


def _based(base: str, head: str = "", links: str = '<a href="#main">Skip to content</a>') -> str:
    return textwrap.dedent(f"""\
    <html><head><title>Storm</title>
    {base}{head}
    </head><body>
    {links}
    <header><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></header>
    <main id="main"><h1>Storm closes harbour</h1></main>
    </body></html>
    """)


CANONICAL = '<link rel="canonical" href="https://news.example/2026/11/storm">'


def test_a_base_href_elsewhere_makes_a_fragment_skip_link_leave_the_page():
    # Angular-style <base href="/">: "#main" is the home page's #main
    html = _based('<base href="/">', CANONICAL)
    res = lint(html, select=SEL)
    assert [(f.rule, f.line, f.column, f.message) for f in res.findings] == [
        ("skip-link-target", 4, 1,
         'skip link "Skip to content" leads away from this page: <base href="/"> makes '
         '"#main" point to https://news.example/#main'),
    ]
    assert res.findings[0].context == {"fragment": "main", "base_href": "/",
                                       "leads_to": "https://news.example/#main"}
    # og:url gives the address as well; an absolute base needs no address to resolve
    og = '<meta property="og:url" content="https://news.example/2026/11/storm">'
    assert fired(_based('<base href="https://cdn.example/app/">', og)) == [
        ("skip-link-target", 4, 1)]
    # the address a page was fetched from comes before what it declares
    res = lint(_based('<base href="story">', CANONICAL), select=SEL,
               url="https://news.example/2026/11/storm?page=2")
    assert [(f.line, f.context["leads_to"]) for f in res.findings] == [
        (4, "https://news.example/2026/11/story#main")]


def test_a_base_href_that_is_the_page_itself_or_unknown_changes_nothing():
    same = [
        '<base href="https://news.example/2026/11/storm">',
        '<base href="http://www.news.example/2026/11/storm/">',  # scheme, www, slash
        '<base target="_blank">',  # no href: no base URL
        '<template><base href="/"></template>',  # not an element in a browser
    ]
    for base in same:
        assert fired(_based(base, CANONICAL)) == [], base
    # no address to compare with: a file that declares none is not judged
    assert fired(_based('<base href="/">')) == []
    # a link with the page's own URL before the fragment is the fix
    fixed = '<a href="https://news.example/2026/11/storm#main">Skip to content</a>'
    assert fired(_based('<base href="/">', CANONICAL, links=fixed)) == []


@pytest.mark.parametrize("base,head", [
    ('<base href="http://[::1">', CANONICAL),  # unclosed IPv6 host: browsers ignore it
    ('<base href="https://news.example:99999/">', CANONICAL),  # port out of range
    ('<base href="/">', '<link rel="canonical" href="https://news.example:abc/2026/11/storm">'),
])
def test_malformed_addresses_are_no_internal_error(base, head):
    links = ('<a href="#main">Skip to content</a>'
             '<a href="http://[::1/2026/11/storm#main">Skip to main content</a>')
    res = lint(_based(base, head, links=links), select=SEL)
    assert res.status == "ok", res.error
    assert [(f.rule, f.line, f.column) for f in res.findings] == []


def test_a_skip_link_that_leaves_the_page_is_still_the_pages_skip_link():
    # reported once, as a wrong target: not also as a missing skip link
    html = _based('<base href="/">', CANONICAL,
                  links='<a href="/a">A</a><a href="/b">B</a><a href="#main">Skip to content</a>')
    assert fired(html) == [("skip-link-target", 4, 37)]


def test_a_skip_link_written_as_the_pages_own_url_is_checked_when_the_address_is_known():
    typo = '<a href="https://news.example/2026/11/storm#Main">Skip to content</a>'
    res = lint(_based("", CANONICAL, links=typo), select=SEL)
    assert [(f.rule, f.line, f.column, f.message) for f in res.findings] == [
        ("skip-link-target", 4, 1,
         'skip link "Skip to content" targets "#Main", but no element has id="Main"; '
         'did you mean id="main"?')]
    # relative, and against the address it was fetched from
    res = lint(_based("", "", links='<a href="storm#mian">Skip to content</a>'), select=SEL,
               url="https://news.example/2026/11/storm")
    assert [(f.rule, f.line, f.column) for f in res.findings] == [("skip-link-target", 4, 1)]
    # without an address the link may lead anywhere: it is not taken for a skip link
    assert fired(_based("", "", links=typo)) == [("skip-link-missing", 4, 1)]


def test_a_link_to_another_pages_fragment_is_no_skip_link_when_the_address_is_known():
    other = '<a href="https://news.example/2026/11/flood#main">Skip to content</a>'
    # the page needs a bypass, and the link leads to another article
    assert fired(_based("", CANONICAL, links=other)) == [("skip-link-missing", 4, 1)]
    # without an address the fragment that exists here is taken as the target
    assert fired(_based("", "", links=other)) == []


# -- skip-link-hidden ----------------------------------------------------------

def test_hidden_variants():
    html = """\
    <html><body>
    <a href="#main" tabindex="-1">Skip to content</a>
    <div aria-hidden="true"><a href="#nav">Skip to navigation</a></div>
    <a href="#search" style="visibility: hidden">Skip to search</a>
    <span hidden><a href="#footer">Jump to footer</a></span>
    <nav id="nav"></nav><div id="search"></div>
    <main id="main"><h1>Storm</h1></main><footer id="footer"></footer>
    </body></html>
    """
    assert fired(html) == [
        ("skip-link-hidden", 2, 1),
        ("skip-link-hidden", 3, 25),
        ("skip-link-hidden", 4, 1),
        ("skip-link-hidden", 5, 14),
    ]


def test_hidden_messages_name_the_element_that_hides_the_link():
    html = """\
    <html><body>
    <a href="#main" tabindex="-1">Skip to content</a>
    <div id="top" aria-hidden="true"><p><a href="#nav">Skip to navigation</a></p>
    <a href="#search">Skip to search</a></div>
    <a href="#main" style="visibility: hidden">Skip to main content</a>
    <section hidden><a href="#footer">Jump to footer</a></section>
    <noscript><a href="#main">Skip to content</a></noscript>
    <nav id="nav"></nav><div id="search"></div>
    <main id="main"><h1>Storm</h1></main><footer id="footer"></footer>
    </body></html>
    """
    res = lint(html, select=["skip-link-hidden"])
    assert [(f.line, f.column, f.context["reason"]) for f in res.findings] == [
        (2, 1, 'it has tabindex="-1"'),
        (3, 37, 'inside <div id="top"> with aria-hidden="true"'),
        (4, 1, 'inside <div id="top"> with aria-hidden="true"'),
        (5, 1, "it has inline visibility:hidden"),
        (6, 17, "inside <section> with the hidden attribute"),
    ]
    assert res.findings[1].message == ('skip link "Skip to navigation" can never be focused: '
                                       'inside <div id="top"> with aria-hidden="true"')


def test_hidden_positive_tabindex_and_offscreen_pass():
    html = """\
    <html><body>
    <a href="#main" tabindex="0" class="skip-link" style="position:absolute;top:-40px">Skip to content</a>
    <main id="main"><h1>Storm</h1></main>
    </body></html>
    """
    assert fired(html) == []


# -- skip-link-order -----------------------------------------------------------

def test_order_skip_link_in_footer():
    html = """\
    <html><body>
    <header><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></header>
    <main id="main"><h1>Storm</h1></main>
    <footer><a href="#main">Skip to content</a></footer>
    </body></html>
    """
    assert fired(html) == [("skip-link-order", 4, 9)]


def test_a_jump_further_into_the_article_is_no_skip_link():
    # "Jump to comments" skips nothing before the content: the page still
    # has no bypass; a footer link back up to the content stays a late one
    html = """\
    <html><body>
    <header><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></header>
    <main><h1>Storm</h1><p><a href="#comments">Jump to comments</a></p>
    <div id="content">Text</div><section id="comments">…</section></main>
    {footer}
    </body></html>
    """
    assert fired(html.format(footer="")) == [("skip-link-missing", 2, 9)]
    late = html.format(footer='<footer><a href="#content">Skip to content</a></footer>')
    assert fired(late) == [("skip-link-order", 5, 9)]


def test_order_two_before_is_fine():
    html = """\
    <html><body>
    <a href="/">Logo</a><button>Menu</button>
    <a href="#main">Skip to content</a>
    <a href="/world">World</a> <a href="/sport">Sport</a> <a href="/x">X</a>
    <main id="main"><h1>Storm</h1></main>
    </body></html>
    """
    assert fired(html) == []


def test_order_leaves_out_a_cookie_banner_before_the_skip_link():
    # a consent banner first in the body (radio-canada.ca): it goes once the
    # reader dismisses it, and is no block of the page to skip
    html = """\
    <html><body>
    <div id="consent"><div role="alert"><p>We use cookies. <a href="/c">Manage</a>
    <a href="/p">More</a></p><button type="button">Accept</button></div></div>
    <p class="sr-only" tabindex="0">You are on the new site</p>
    <a href="#main">Skip to main content</a>
    <header><a href="/">Home</a> <a href="/w">World</a> <a href="/s">Sport</a></header>
    <main id="main"><h1>Storm</h1></main>
    </body></html>
    """
    assert fired(html) == []
    # as an open <dialog> or role=dialog, too; a banner that is no overlay counts
    assert fired(html.replace('<div role="alert">', '<dialog open>').replace(
        "</button></div>", "</button></dialog>")) == []
    assert fired(html.replace('<div role="alert">', '<div role="dialog">')) == []
    assert fired(html.replace('<div role="alert">', '<div class="banner">')) == [
        ("skip-link-order", 5, 1)]


def test_order_inapplicable_when_page_needs_no_bypass():
    html = """\
    <html><body>
    <a href="/">Home</a>
    <main id="main"><h1>Storm</h1><a href="/a">A</a><a href="/b">B</a><a href="/c">C</a>
    <a href="#main">Skip to content</a></main>
    </body></html>
    """
    assert fired(html) == []


# -- positions on a minified page ---------------------------------------------

def test_minified_one_line_columns():
    html = (
        '<!DOCTYPE html><html><head><title>t</title></head><body><nav><a href="/">Home</a>'
        '<a href="/a">A</a><a href="/b">B</a></nav><a href="#Main">Skip to content</a>'
        '<main id="main"><h1>Storm</h1></main><footer><a href="#main">Jump to top story</a>'
        "</footer></body></html>"
    )
    skip1 = html.index('<a href="#Main"') + 1
    skip2 = html.index('<a href="#main"') + 1
    assert fired(html) == [
        ("skip-link-order", 1, skip1),
        ("skip-link-target", 1, skip1),
    ]
    assert skip2 > skip1  # the footer link is fine: it is not first, its target exists


def test_broad_verbs_alone_do_not_make_a_skip_link():
    # "Go to the full version" and "go to the press list" menus in corpus pages
    html = """\
    <html><body>
    <a href="#full">Перейти на полную версию</a><a href="#press">언론사별 바로가기</a>
    <a href="/">Home</a> <a href="/a">A</a>
    <main><h1>Storm</h1></main><div id="full"></div><div id="press"></div>
    </body></html>
    """
    assert fired(html) == [("skip-link-missing", 2, 1)]


# -- skip buttons ------------------------------------------------------------------

NAV3 = '<header><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></header>'


def test_a_skip_button_before_the_main_content_is_the_bypass():
    # a React front end's skip control: a button whose script moves the focus
    html = f"""\
    <html><body>
    <button type="button" class="skip">Aller au contenu principal</button>
    <button type="button" aria-label="Skip to main content"></button>
    {NAV3}
    <main><h1>Storm</h1></main>
    </body></html>
    """
    assert fired(html) == []


def test_a_skip_button_after_the_menu_is_reported_as_late():
    html = f"""\
    <html><body>
    {NAV3}
    <button type="button">Skip to main content</button>
    <main><h1>Storm</h1></main>
    </body></html>
    """
    res = lint(html, select=SEL)
    assert [(f.rule, f.line, f.column) for f in res.findings] == [("skip-link-order", 3, 1)]
    assert res.findings[0].message.startswith('skip button "Skip to main content" comes after 3')


def test_a_hidden_skip_button_is_reported_as_hidden():
    html = f"""\
    <html><body>
    <div hidden><button type="button">Skip to content</button></div>
    {NAV3}
    <main><h1>Storm</h1></main>
    </body></html>
    """
    res = lint(html, select=SEL)
    assert [(f.rule, f.line, f.column) for f in res.findings] == [("skip-link-hidden", 2, 13)]
    assert res.findings[0].message == ('skip button "Skip to content" can never be focused: '
                                       "inside <div> with the hidden attribute")


def test_buttons_that_are_no_bypass():
    # a video's "Skip ad" inside the article, a disabled button, and a button
    # whose name is no skip phrase leave the page without a bypass
    html = f"""\
    <html><body>
    <button type="button" disabled>Skip to content</button><button>Menu</button>
    {NAV3}
    <main><h1>Storm</h1><button type="button">Skip ad</button></main>
    </body></html>
    """
    assert fired(html) == [("skip-link-missing", 2, 56)]


def test_buttons_do_not_count_beside_a_skip_link():
    # the page has a skip link: a skip button beside it is not analysed, and
    # skip-link-target looks only at the link
    html = f"""\
    <html><body>
    <a href="#nav">Skip to navigation</a><button>Skip to content</button>
    {NAV3}
    <main><h1>Storm</h1></main>
    </body></html>
    """
    assert fired(html) == [("skip-link-target", 2, 1)]
