"""Legal notices from TOML packs: every way a notice can be present, absent
or almost right, and each shipped pack on one passing and one failing page."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from a11ylint.findings import Severity
from a11ylint.packs import load_packs
from a11ylint.page.model import Page, Source
from helpers import engine_for, findings, lint

PACK = r'''
[[notice]]
id = "t-imprint"
message = "Link the Impressum."
when.lang = ["de"]
within = "footer"
text = ["Impressum"]
link.href = "impressum"

[[notice]]
id = "t-issue"
message = "Print the issue number."
text_regex = ['ausgabe\s+nr\.\s*\d+']

[[notice]]
id = "t-quote"
message = "Warn Russian readers."
text = ["RFE/RL has been declared an 'undesirable organization' by the Russian government"]

[[notice]]
id = "t-url"
message = "Archive pages need the archive note."
when.url = '/archiv/'
text = ["Archivseite"]

[[notice]]
id = "t-sponsored"
message = "Label sponsored pages."
severity = "warning"
when.selector = 'meta[name="sponsored"]'
text = ["Anzeige"]
'''


@pytest.fixture(scope="module")
def pack(tmp_path_factory):
    path = tmp_path_factory.mktemp("packs") / "test.toml"
    path.write_text(PACK, encoding="utf-8")
    return str(path)


def run(html, pack, rule, **kw):
    return findings(html, select=[rule], rules=[pack], **kw)


def result(html, pack, rule, **kw):
    res = lint(html, select=[rule], rules=[pack], **kw)
    assert res.status == "ok", res.error
    return res.findings


def de_page(footer: str, lang: str = "de", main: str = "<p>Artikeltext.</p>") -> str:
    return textwrap.dedent(f"""\
        <!DOCTYPE html>
        <html lang="{lang}">
        <head><meta charset="utf-8"><title>Nachrichten</title></head>
        <body>
        <main>{main}</main>
        <footer>
        {footer}
        </footer>
        </body>
        </html>
        """)


# -- present, missing, hidden, scope --------------------------------------------------

def test_present(pack):
    assert run(de_page('<a href="/impressum">Impressum</a>'), pack, "legal-t-imprint") == []


def test_missing_reported_at_scope(pack):
    html = de_page('<a href="/kontakt">Kontakt</a>')
    assert run(html, pack, "legal-t-imprint") == [("legal-t-imprint", 6, 1)]
    [f] = result(html, pack, "legal-t-imprint")
    assert f.message == ('Link the Impressum. ("Impressum" not found in the visible text of '
                         "'footer')")
    assert f.context["reason"] == "missing"


@pytest.mark.parametrize("link,how", [
    ('<a href="/impressum" hidden>Impressum</a>', "the hidden attribute"),
    ('<a href="/impressum" aria-hidden="true">Impressum</a>', 'aria-hidden="true"'),
    ('<a href="/impressum" style="display: none">Impressum</a>', "style='display: none'"),
    ('<a href="/impressum" style="color:red;visibility:hidden">Impressum</a>',
     "style='color:red;visibility:hidden'"),
])
def test_hidden_counts_as_missing(pack, link, how):
    html = de_page(link)
    assert run(html, pack, "legal-t-imprint") == [("legal-t-imprint", 7, 1)]
    [f] = result(html, pack, "legal-t-imprint")
    assert f.message == f'Link the Impressum. ("Impressum" is present but hidden from users: {how} on <a>)'
    assert f.context["reason"] == "hidden"


def test_hidden_by_ancestor_is_reported_at_the_ancestor(pack):
    html = de_page('<div aria-hidden="true"><p><a href="/impressum">Impressum</a></p></div>')
    assert run(html, pack, "legal-t-imprint") == [("legal-t-imprint", 7, 1)]
    [f] = result(html, pack, "legal-t-imprint")
    assert f.message.endswith('hidden from users: aria-hidden="true" on <div>)')


def test_hidden_scope(pack):
    html = de_page('<a href="/impressum">Impressum</a>').replace("<footer>", '<footer hidden>')
    assert run(html, pack, "legal-t-imprint") == [("legal-t-imprint", 6, 1)]


def test_scope_not_found(pack):
    html = textwrap.dedent("""\
        <html lang="de">
        <body>
        <p><a href="/impressum">Impressum</a></p>
        </body>
        </html>
        """)
    assert run(html, pack, "legal-t-imprint") == [("legal-t-imprint", 2, 1)]
    [f] = result(html, pack, "legal-t-imprint")
    assert f.message == ("Link the Impressum. (scope 'footer' not found on the page, so "
                         '"Impressum" cannot be there)')
    assert f.context["reason"] == "scope-not-found"


def test_found_outside_scope(pack):
    html = de_page('<a href="/kontakt">Kontakt</a>',
                   main='<p>Text</p><p><a href="/impressum">Impressum</a></p>')
    assert run(html, pack, "legal-t-imprint") == [("legal-t-imprint", 5, 21)]
    [f] = result(html, pack, "legal-t-imprint")
    assert f.message == ('Link the Impressum. ("Impressum" was found outside \'footer\'; '
                         "it must be inside it)")


def test_found_but_not_a_link(pack):
    html = de_page("<p>Impressum: Beispiel GmbH, Berlin</p>")
    assert run(html, pack, "legal-t-imprint") == [("legal-t-imprint", 7, 1)]
    [f] = result(html, pack, "legal-t-imprint")
    assert f.message == ('Link the Impressum. ("Impressum" is present but not as a link; '
                         "it must be a link whose address matches 'impressum')")


def test_a_pack_can_say_in_words_which_link_it_wants(tmp_path):
    path = tmp_path / "words.toml"
    path.write_text('[[notice]]\nid = "w"\nmessage = "Link the Impressum."\n'
                    'text = ["Impressum"]\nlink.href = "^/impressum"\n'
                    'link.describe = "the Impressum page (/impressum)"\n')
    [f] = result(de_page('<p><a href="#">Impressum</a></p>'), str(path), "legal-w")
    assert f.message == ("Link the Impressum. (\"Impressum\" is a link to '#', but it must be "
                         "a link to the Impressum page (/impressum))")
    [f] = result(de_page("<p>Impressum</p>"), str(path), "legal-w")
    assert f.message == ('Link the Impressum. ("Impressum" is present but not as a link; it must '
                         "be a link to the Impressum page (/impressum))")


def test_a_phrase_starts_a_word_but_may_end_inside_one(pack):
    # "Anzeige" is not in "Traueranzeigen" (nor "Werbung" in "Bewerbung")...
    sponsored = ('<html lang="de"><head><meta name="sponsored" content="1"></head><body>\n'
                 '<nav><a href="/jobs">Bewerbung</a> <a href="/t">Traueranzeigen</a></nav>\n'
                 '<main><p>Text</p></main></body></html>')
    assert [f.context["reason"] for f in result(sponsored, pack, "legal-t-sponsored")] == [
        "missing"]
    assert result(sponsored.replace("<p>Text", "<p>Anzeige: Text"), pack,
                  "legal-t-sponsored") == []
    # ... while a compound that starts with the phrase still holds it
    assert run(de_page('<a href="/impressum">Impressumsangaben</a>'), pack,
               "legal-t-imprint") == []


def test_russian_yo_reads_as_ye():
    label = ("НАСТОЯЩИЙ МАТЕРИАЛ (ИНФОРМАЦИЯ) ПРОИЗВЕДЁН, РАСПРОСТРАНЁН И (ИЛИ) НАПРАВЛЕН "
             "ИНОСТРАННЫМ АГЕНТОМ ИВАНОВЫМ ИВАНОМ ЛИБО КАСАЕТСЯ ДЕЯТЕЛЬНОСТИ ИНОСТРАННОГО АГЕНТА "
             "ИВАНОВА ИВАНА")
    html = f'<html lang="ru"><body>\n<main><p>{label}</p><p>Текст</p></main></body></html>'
    assert result(html, "legal/foreign-agent", "legal-foreign-agent") == []
    html = '<html lang="ru"><body>\n<main><p>Текст</p></main></body></html>'
    assert [f.rule for f in result(html, "legal/foreign-agent", "legal-foreign-agent")] == [
        "legal-foreign-agent"]


def test_link_with_wrong_href(pack):
    html = de_page('<p>Kontakt · <a href="/kontakt">Impressum</a></p>')
    assert run(html, pack, "legal-t-imprint") == [("legal-t-imprint", 7, 14)]
    [f] = result(html, pack, "legal-t-imprint")
    assert f.message == ("Link the Impressum. (\"Impressum\" is a link to '/kontakt', but it "
                         "must be a link whose address matches 'impressum')")


def test_several_scopes_any_one_suffices(pack):
    html = de_page('<a href="/impressum">Impressum</a>').replace(
        "<main>", "<footer><p>Teilen</p></footer><main>")
    assert run(html, pack, "legal-t-imprint") == []


# -- applicability --------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["en", "fr-DE", "deu", ""])
def test_other_languages_are_not_checked(pack, lang):
    assert run(de_page("<p>Kontakt</p>", lang=lang), pack, "legal-t-imprint") == []


@pytest.mark.parametrize("lang", ["de", "de-AT", "de-CH", "DE-de", "de_AT"])
def test_regional_tags_match_the_primary_subtag(pack, lang):
    assert run(de_page("<p>Kontakt</p>", lang=lang), pack, "legal-t-imprint") == [
        ("legal-t-imprint", 6, 1)]


def test_content_language_header_counts(pack):
    html = "<html><body><footer><p>Kontakt</p></footer></body></html>"
    res = lint(html.encode(), select=["legal-t-imprint"], rules=[pack],
               content_type="text/html; charset=utf-8")
    assert res.findings == []  # no language at all: not applicable
    html = ('<html><head><meta http-equiv="Content-Language" content="de-AT"></head>'
            "<body><footer><p>Kontakt</p></footer></body></html>")
    assert run(html, pack, "legal-t-imprint") == [("legal-t-imprint", 1, 78)]


def test_url_condition(pack):
    html = "<html><body><p>Artikel</p></body></html>"
    assert run(html, pack, "legal-t-url") == []
    assert run(html, pack, "legal-t-url", url="https://example.de/archiv/2019/a.html") == [
        ("legal-t-url", 1, 7)]
    assert run(html, pack, "legal-t-url", label="site/archiv/a.html") == [("legal-t-url", 1, 7)]


def test_selector_condition_and_pack_severity(pack):
    plain = "<html><head><title>x</title></head><body><p>Text</p></body></html>"
    assert run(plain, pack, "legal-t-sponsored") == []
    marked = plain.replace("</title>", '</title><meta name="sponsored" content="yes">')
    assert run(marked, pack, "legal-t-sponsored") == [("legal-t-sponsored", 1, 73)]
    [f] = result(marked, pack, "legal-t-sponsored")
    assert f.severity == Severity.WARNING
    labelled = marked.replace("<p>Text", "<p>Anzeige</p><p>Text")
    assert run(labelled, pack, "legal-t-sponsored") == []


# -- text normalisation, regex, near misses ----------------------------------------------

@pytest.mark.parametrize("notice", [
    "RFE/RL has been declared an 'undesirable organization' by the Russian government.",
    "RFE/RL has been declared an “undesirable organization” by the Russian government.",
    "RFE/RL has been declared an «undesirable organization» by the Russian government.",
    "RFE/RL has been declared an „undesirable organization“ by the Russian government.",
    "rfe/rl HAS been declared an\u00a0‘undesirable\n  organization’ by the\tRussian government",
    'RFE/RL has <b>been</b> declared an "<i>undesirable organization</i>" by the Russian government',
])
def test_case_whitespace_and_quote_styles_are_ignored(pack, notice):
    html = f"<html><body><p>{notice}</p></body></html>"
    assert run(html, pack, "legal-t-quote") == []


def test_regex_phrase(pack):
    assert run("<html><body><p>AUSGABE  Nr.12</p></body></html>", pack, "legal-t-issue") == []
    assert run("<html><body><p>Ausgabe vom Montag</p></body></html>", pack,
               "legal-t-issue") == [("legal-t-issue", 1, 7)]


def test_regex_phrase_hidden(pack):
    html = '<html><body>\n<p>Text</p>\n<p style="display:none">Ausgabe Nr. 7</p></body></html>'
    assert run(html, pack, "legal-t-issue") == [("legal-t-issue", 3, 1)]


def test_near_miss_is_a_warning_naming_the_wording(pack):
    html = de_page('<a href="/impressum">Impresum</a>')
    assert run(html, pack, "legal-t-imprint") == [("legal-t-imprint", 7, 1)]
    [f] = result(html, pack, "legal-t-imprint")
    assert f.severity == Severity.WARNING
    assert f.message == ("Link the Impressum. (found 'impresum', which is close to but not the "
                         'expected wording "Impressum")')
    assert f.context["reason"] == "near-miss"


def test_near_miss_of_a_long_phrase(pack):
    html = ("<html><body>\n<main><p>Text</p>\n<p>RFE/RL has been declared an undesirable "
            "organisation by the Russian government.</p></main></body></html>")
    assert run(html, pack, "legal-t-quote") == [("legal-t-quote", 3, 1)]
    [f] = result(html, pack, "legal-t-quote")
    assert f.severity == Severity.WARNING


def test_unrelated_words_are_no_near_miss(pack):
    html = de_page('<a href="/impressionen">Impressionen</a> <a href="/presse">Presse</a>')
    [f] = result(html, pack, "legal-t-imprint")
    assert f.severity == Severity.ERROR and f.context["reason"] == "missing"


def test_a_replaced_word_is_no_near_miss():
    # "de protection" is three letters from "data protection", but "de" is
    # another word, not a misspelt "data": the notice is plainly missing
    html = de_page("<p>La loi prévoit une forme de protection pour les témoins.</p>",
                   lang="fr")
    [f] = result(html, "legal/privacy", "legal-privacy-policy")
    assert f.severity == Severity.ERROR and f.context["reason"] == "missing"
    # a word misspelt inside the phrase still is one
    html = de_page('<a href="/privacy">Data protecton</a>', lang="fr")
    [f] = result(html, "legal/privacy", "legal-privacy-policy")
    assert (f.rule, f.line, f.column) == ("legal-privacy-policy", 7, 1)
    assert f.context["reason"] == "near-miss" and f.context["found"] == "data protecton"


def test_messages_are_distinct(pack):
    pages = {
        "missing": de_page("<p>Kontakt</p>"),
        "hidden": de_page('<a hidden href="/impressum">Impressum</a>'),
        "scope-not-found": '<html lang="de"><body><p>Impressum</p></body></html>',
        "outside-scope": de_page("<p>Kontakt</p>", main='<a href="/impressum">Impressum</a>'),
        "not-a-link": de_page("<p>Impressum</p>"),
        "wrong-href": de_page('<a href="/x">Impressum</a>'),
        "near-miss": de_page('<a href="/impressum">Impresum</a>'),
    }
    messages = {}
    for reason, html in pages.items():
        [f] = result(html, pack, "legal-t-imprint")
        assert f.context["reason"] == reason
        messages[reason] = f.message
    assert len(set(messages.values())) == len(messages)


# -- cost ---------------------------------------------------------------------------------

def test_body_text_is_computed_once_for_all_notices(tmp_path, monkeypatch):
    notices = "\n".join(f'[[notice]]\nid = "n{i}"\ntext = ["Wort{i}"]\n' for i in range(8))
    path = tmp_path / "many.toml"
    path.write_text(notices, encoding="utf-8")
    rules = [cls() for cls in load_packs([str(path)]).rules]
    page = Page.from_html("<html><body><p>Wort1 Wort2</p><div><p>Text</p></div></body></html>")
    calls = []
    real = type(page.aria).text

    def counting(self, el):
        calls.append(el)
        return real(self, el)

    monkeypatch.setattr(type(page.aria), "text", counting)
    out = [f for r in rules for f in r.check(page)]
    assert len(out) == 6
    assert calls.count(page.body) == 1


# -- shipped packs --------------------------------------------------------------------------

def page(lang: str, head: str = "", main: str = "<p>Text.</p>", footer: str = "") -> str:
    return textwrap.dedent(f"""\
        <!DOCTYPE html>
        <html lang="{lang}">
        <head><meta charset="utf-8"><title>T</title>{head}</head>
        <body>
        <main>{main}</main>
        <footer>{footer}</footer>
        </body>
        </html>
        """)


SHIPPED = [
    ("legal/imprint", "legal-imprint",
     page("de-AT", footer='<a href="/impressum">Impressum</a>'),
     page("de-AT", footer='<a href="/kontakt">Kontakt</a>'), [("legal-imprint", 4, 1)]),
    ("legal/imprint", "legal-imprint",
     page("de", footer='<a href="/impressum">Impressum</a>'),
     page("de", footer='<a href="#">Impressum</a>'), [("legal-imprint", 6, 9)]),
    ("legal/privacy", "legal-privacy-policy",
     page("fr", footer='<a href="/confidentialite">Politique de confidentialité</a>'),
     page("fr", footer="<p>Politique de confidentialité</p>"), [("legal-privacy-policy", 6, 9)]),
    ("legal/privacy", "legal-privacy-policy",
     page("en-GB", footer='<a href="/privacy">Privacy policy</a>'),
     page("en-GB", footer='<a href="/terms">Terms</a>'), [("legal-privacy-policy", 4, 1)]),
    ("legal/accessibility-statement", "legal-accessibility-statement",
     page("de", footer='<a href="/barrierefreiheit">Erklärung zur Barrierefreiheit</a>'),
     page("de", footer='<a href="/barrierefreiheit" hidden>Barrierefreiheit</a>'),
     [("legal-accessibility-statement", 6, 9)]),
    ("legal/sponsored", "legal-sponsored-label",
     page("de", head='<meta property="article:section" content="Anzeige">',
          main="<p>Anzeige</p><h1>Die besten Reiseziele</h1>"),
     page("de", head='<meta property="article:section" content="Anzeige">',
          main="<h1>Die besten Reiseziele</h1>"), [("legal-sponsored-label", 4, 1)]),
    ("legal/rferl-russia", "legal-rferl-russia",
     page("ru", footer="<p>Радио Свобода признано в России «нежелательной организацией».</p>"),
     page("ru", footer="<p>© Радио Свобода</p>"), [("legal-rferl-russia", 4, 1)]),
    ("legal/rferl-russia", "legal-rferl-russia",
     page("ru", footer="<p>RFE/RL has been declared an “undesirable organization” by the "
                       "Russian government.</p>"),
     page("ru", footer="<p>RFE/RL was declared an 'undesirable organization' by the "
                       "Russian government.</p>"), [("legal-rferl-russia", 6, 9)]),
    ("legal/foreign-agent", "legal-foreign-agent",
     page("ru", main="<p>ДАННОЕ СООБЩЕНИЕ (МАТЕРИАЛ) СОЗДАНО И (ИЛИ) РАСПРОСТРАНЕНО ИНОСТРАННЫМ "
                     "СРЕДСТВОМ МАССОВОЙ ИНФОРМАЦИИ, ВЫПОЛНЯЮЩИМ ФУНКЦИИ ИНОСТРАННОГО АГЕНТА, И "
                     "(ИЛИ) РОССИЙСКИМ ЮРИДИЧЕСКИМ ЛИЦОМ, ВЫПОЛНЯЮЩИМ ФУНКЦИИ ИНОСТРАННОГО "
                     "АГЕНТА</p><p>Текст.</p>"),
     page("ru", main="<p>Текст статьи.</p>"), [("legal-foreign-agent", 4, 1)]),
]


@pytest.mark.parametrize("spec,rule,good,bad,expected", SHIPPED,
                         ids=[f"{s[1]}-{i}" for i, s in enumerate(SHIPPED)])
def test_shipped_pack(spec, rule, good, bad, expected):
    assert findings(good, select=[rule], rules=[spec]) == []
    assert findings(bad, select=[rule], rules=[spec]) == expected


def test_shipped_packs_are_opt_in():
    bad = page("de", footer="<p>Kontakt</p>")
    assert not [r for r, _, _ in findings(bad) if r.startswith("legal-")]


def test_shipped_sponsored_pack_ignores_unmarked_pages():
    assert findings(page("de", main="<h1>Reiseziele</h1>"), select=["legal-sponsored-label"],
                    rules=["legal/sponsored"]) == []


def test_whole_legal_folder_by_name():
    bad = page("de", footer="<p>Kontakt</p>")
    rules = sorted({r for r, _, _ in findings(bad, select=["legal"], rules=["legal"])})
    assert rules == ["legal-accessibility-statement", "legal-imprint", "legal-privacy-policy"]


# -- the example folder --------------------------------------------------------------------

def test_examples_legal_folder():
    folder = Path(__file__).resolve().parents[2] / "examples" / "legal"
    specs = ["legal/imprint", "legal/privacy", "legal/accessibility-statement",
             str(folder / "redaktion.toml")]
    got = {}
    eng = engine_for(["legal"], rules=specs)
    for name in ("artikel.html", "liveblog.html"):
        res = eng.lint_source(Source(name, (folder / name).read_bytes()))
        got[name] = [(f.rule, f.line, f.column) for f in res.findings]
    assert got == {
        "artikel.html": [],
        "liveblog.html": [("legal-newsroom-contact", 17, 1), ("legal-imprint", 18, 3),
                          ("legal-privacy-policy", 18, 3)],
    }


def test_a_scope_selector_list_is_every_match_of_its_parts_in_document_order(tmp_path):
    # "a, b" is queried part by part (libxml2 merges an XPath union in
    # quadratic time) and merged back into document order
    path = tmp_path / "list.toml"
    path.write_text('[[notice]]\nid = "t-list"\nmessage = "Link the imprint."\n'
                    'within = ".site-info, footer"\ntext = ["Imprint"]\n', encoding="utf-8")
    html = textwrap.dedent("""\
        <html lang="en"><body>
        <main><p>Text</p></main>
        <footer><a href="/contact">Contact</a></footer>
        <div class="site-info"><a href="/about">About</a></div>
        </body></html>
        """)
    assert run(html, str(path), "legal-t-list") == [("legal-t-list", 3, 1)]
    found = html.replace('<a href="/about">About</a>', '<a href="/imprint">Imprint</a>')
    assert run(found, str(path), "legal-t-list") == []


@pytest.mark.parametrize("notice", [
    "Сибирь.Реалии признана «нежелательной организацией» в России.",
    "Генпрокуратура признала Радио Свобода «нежелательной организацией».",
    "Настоящее Время признано нежелательной организацией.",
])
def test_rferl_notice_in_each_service_and_word_order(notice):
    html = f'<html lang="ru"><body>\n<main><p>Текст</p></main><footer>{notice}</footer></body></html>'
    assert result(html, "legal/rferl-russia", "legal-rferl-russia") == []


@pytest.mark.parametrize("lang,wording", [
    ("fr", "Protection des données"), ("pl", "Zasady prywatności"), ("pl", "Ochrona prywatności"),
    ("pt", "Dados pessoais"), ("it", "Trattamento dei dati personali"),
    ("nl", "Gegevensbescherming"), ("sv", "Personuppgiftspolicy"),
])
def test_privacy_wordings(lang, wording):
    html = de_page(f'<a href="/p">{wording}</a>', lang=lang)
    assert result(html, "legal/privacy", "legal-privacy-policy") == []


def test_page_language_from_a_late_html_tag_or_og_locale(pack):
    # scripts pasted above the doctype: a browser still takes <html lang="de">
    late = ('<script src="/ads.js"></script>\n<!DOCTYPE html>\n<html lang="de">\n<body>\n'
            "<main><p>Text</p></main>\n<footer><p>Kontakt</p></footer>\n</body></html>")
    assert Page.from_html(late).lang == "de"
    assert run(late, pack, "legal-t-imprint") == [("legal-t-imprint", 6, 1)]
    # no lang anywhere but the social-preview locale
    og = ('<html><head><meta property="og:locale" content="de_DE"></head><body>\n'
          "<main><p>Text</p></main>\n<footer><p>Kontakt</p></footer>\n</body></html>")
    assert Page.from_html(og).lang == "de-DE"
    assert run(og, pack, "legal-t-imprint") == [("legal-t-imprint", 3, 1)]
    # the lang attribute still comes first
    assert Page.from_html(og.replace("<html>", '<html lang="fr">')).lang == "fr"
    assert run(og.replace("<html>", '<html lang="fr">'), pack, "legal-t-imprint") == []


def test_links_side_by_side_each_start_a_word(pack):
    # no space between the footer's links: their texts run together in the
    # footer's text, but each link's own text starts with its words
    html = de_page('<a href="/agb">AGB</a><a href="/impressum">Impressumsangaben</a>')
    assert run(html, pack, "legal-t-imprint") == []


def test_a_phrase_in_running_text_is_no_label(pack):
    prose = ("<p>Seit Jahren streiten Verlage darüber, wer das Impressum einer Zeitung "
             "wie oft im Monat prüfen muss.</p>")
    [f] = result(de_page(prose), pack, "legal-t-imprint")
    assert (f.rule, f.line, f.column) == ("legal-t-imprint", 6, 1)
    assert f.context["reason"] == "missing"
    assert f.message == ('Link the Impressum. ("Impressum" not found as a link or label in '
                         "'footer'; \"Impressum\" appears only in running text)")
    # a short label is one, and says it is not a link
    [f] = result(de_page("<p>Impressum und Kontakt</p>"), pack, "legal-t-imprint")
    assert f.context["reason"] == "not-a-link"


def test_a_missing_notice_names_the_wordings_of_the_pages_language_first():
    body = "<main><p>Texto.</p></main><footer><p>Contacto</p></footer>"
    [f] = result(f'<html lang="es"><body>\n{body}</body></html>', "legal/privacy",
                 "legal-privacy-policy")
    assert f.message == ('Pages must link to the privacy policy (GDPR Art. 13). ("Privacidad" or '
                         '"Protección de datos" or "Privacy" (or 24 other wordings) not found in '
                         "the visible text of the page)")
    [f] = result(f'<html lang="pt-BR"><body>\n{body}</body></html>', "legal/privacy",
                 "legal-privacy-policy")
    assert f.context["expected"].startswith('"Privacidade" or "Proteção de dados" or "Dados')
    # any language's wording still satisfies it
    ok = body.replace("<p>Contacto</p>", '<a href="/privacy">Privacy</a>')
    assert result(f'<html lang="es"><body>\n{ok}</body></html>', "legal/privacy",
                  "legal-privacy-policy") == []


def test_text_by_language_must_name_languages(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text('[[notice]]\nid = "x"\ntext."not a tag" = ["X"]\n')
    with pytest.raises(Exception, match="key 'text.not a tag': is not a language tag"):
        load_packs([str(path)])
