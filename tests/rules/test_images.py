"""img-alt rules: alt text versus captions, links and credits.

Every case asserts (rule, line, column) triples. ``page()`` puts the body on
line 2 onwards, so the k-th body line is document line k + 1.
"""

from __future__ import annotations

import json

import pytest

from a11ylint.engine import Engine
from a11ylint.page.model import Source
from a11ylint.settings import Settings
from helpers import findings, lint

IMG = ["img-alt"]


def page(body: str, lang: str = "en") -> str:
    return (f'<html lang="{lang}"><head><meta charset="utf-8"><title>t</title></head><body>\n'
            f"{body}\n</body></html>\n")


def run(body: str, lang: str = "en", **kw):
    return findings(page(body, lang), select=IMG, **kw)


# -- which images -----------------------------------------------------------------
MISSING = [
    ('<img src="/p/flood.jpg">', [("img-alt-missing", 2, 1)]),
    ('<form><input type="image" src="/go.png"></form>', [("img-alt-missing", 2, 7)]),
    ('<map name="m"><area href="/north" shape="rect" coords="0,0,5,5"></map>',
     [("img-alt-missing", 2, 15)]),
    ('<svg role="img" viewBox="0 0 4 4"><rect width="4" height="4"/></svg>',
     [("img-alt-missing", 2, 1)]),
    ('<div role="img" class="chart"></div>', [("img-alt-missing", 2, 1)]),
    ('<img src="/a.jpg" aria-labelledby="nowhere">', [("img-alt-missing", 2, 1)]),
    # only whitespace is not alt="": ACT rule 23a2a8, failed example 4
    ('<p>Text <img src="/a.jpg" alt="  "></p>', [("img-alt-missing", 2, 9)]),
    ('<img src="/a.jpg" alt="&nbsp;">', [("img-alt-missing", 2, 1)]),
    # controls cannot be decorative: ACT rule 59796f, axe's input-image-alt and area-alt
    ('<form><input type="image" src="/search.gif" alt=""></form>', [("img-alt-missing", 2, 7)]),
    ('<form><input type="image" src="/go.gif" role="presentation"></form>',
     [("img-alt-missing", 2, 7)]),
    ('<map name="m"><area href="/north" alt="" shape="rect" coords="0,0,5,5"></map>',
     [("img-alt-missing", 2, 15)]),
    # hidden when printed, so shown on screen
    ('<div class="col hidden_print"><img src="/a.jpg"></div>', [("img-alt-missing", 2, 31)]),
    ('<img src="/a.jpg" class="d-print-none">', [("img-alt-missing", 2, 1)]),
    # the page's print button: its image is on screen
    ('<a class="print" href="#"><img src="/icons/print.svg"></a>', [("img-alt-missing", 2, 27)]),
    ('<div class="top_print_button"><img src="/icons/print.svg"></div>',
     [("img-alt-missing", 2, 31)]),
    # bigger than a pixel, or a size the markup does not give in pixels
    ('<img src="/t.gif" width="2" height="2">', [("img-alt-missing", 2, 1)]),
    ('<img src="/t.gif" width="100%">', [("img-alt-missing", 2, 1)]),
    ('<img src="/t.gif" style="max-width:1px; line-height:0">', [("img-alt-missing", 2, 1)]),
    ('<img src="/t.gif" style="width:1em;height:1.5px">', [("img-alt-missing", 2, 1)]),
    # the inline style wins over the attributes, as in a browser
    ('<img src="/t.gif" width="1" height="1" style="width:100%;height:auto">',
     [("img-alt-missing", 2, 1)]),
    # a one-pixel image button is a control, still in the tree
    ('<form><input type="image" src="/go.gif" width="1" height="1"></form>',
     [("img-alt-missing", 2, 7)]),
]

NOT_MISSING = [
    '<img src="/a.jpg" alt="">',  # decorative
    '<img src="/a.jpg" alt=" " aria-label="Turnout by region">',
    '<img src="/a.jpg" alt=" " role="presentation">',
    '<img src="/a.jpg" role="presentation">',
    '<img src="/a.jpg" role="none">',
    '<img src="/a.jpg" aria-hidden="true">',
    '<div hidden><img src="/a.jpg"></div>',
    '<img src="/a.jpg" style="display: none">',
    '<noscript><img src="https://www.facebook.com/tr?id=1&ev=PageView"></noscript>',
    '<template><img src="/a.jpg"></template>',
    '<svg viewBox="0 0 4 4"><path d="M0 0h4"/></svg>',  # inline svg without role=img
    '<svg role="img" aria-label="Turnout by region"><rect/></svg>',
    '<svg role="img"><title>Turnout by region</title><rect/></svg>',
    '<img src="/a.jpg" aria-label="Turnout by region">',
    '<img src="/a.jpg" title="Turnout by region">',
    '<p id="cap">Turnout by region</p><img src="/a.jpg" aria-labelledby="cap">',
    '<map name="m"><area shape="rect" coords="0,0,5,5"></map>',  # area without href
    '<img src="/img/logo-print.png" class="logoprint">',  # print-only, hidden by CSS
    '<div class="print-only"><img src="/img/logo.png"></div>',
    '<img src="/img/logo.png" class="d-none d-print-block">',
    '<a href="/" class="logo-print"><img src="/img/logo.png"></a>',
    '<img src="/img/logo.png" class="print">',
    '<form><input type="image" src="/search.gif" alt="Search"></form>',
    # drawn at most one pixel wide or high: Chromium and WebKit leave it out
    # of the accessibility tree (tracking pixels, spacers)
    '<img src="https://ads.example.net/px?id=7" width="1" height="1" border="0">',
    '<img src="/spacer.gif" width="1" height="5">',
    '<img src="/count?p=3" width=0 height=0>',
    '<img src="/count?p=3" width="1px" height="40">',
    '<img class="tcog-pixel" src="/track" style="position:absolute; width:1px; height:1px">',
    '<img src="/track" style="WIDTH: 0 !important">',
    '<img src="/track" style="height:.5px">',
    '<img src="/track" width="300" height="250" style="height:0">',
    '<img src="/t.gif" width="1" height="1" alt="  ">',
]


@pytest.mark.parametrize("body,expected", MISSING)
def test_missing(body, expected):
    assert run(body) == expected


@pytest.mark.parametrize("body", NOT_MISSING)
def test_not_an_image_or_has_a_name(body):
    assert run(body) == []


# -- placeholders ---------------------------------------------------------------------
PLACEHOLDERS = [
    ("en", 'alt="Thumbnail for video"'), ("en", 'alt="Gallery image 3"'),
    ("en", 'alt="Caption goes here"'), ("en", 'alt="Lorem ipsum dolor sit amet, consectetur"'),
    ("en", 'alt="Lorem ipsum."'),
    ("en", 'alt="image"'), ("en", 'alt="Image"'), ("en", 'alt="16x9 Image"'),
    ("en", 'alt="1200x630"'), ("en", 'alt="4:3 photo"'), ("en", 'alt="Featured image"'),
    ("en", 'alt="Photo 3 of 12"'), ("en", 'alt="[photo]"'), ("en", 'alt="image description"'),
    ("en", 'alt="IMG_4021"'), ("en", 'alt="DSC_0098.JPG"'), ("en", 'alt="flood-street-2.jpg"'),
    ("en", 'alt="https://cdn.example.com/p/flood.jpg"'), ("en", 'alt="undefined"'),
    ("en", 'alt="null"'), ("en", 'alt="{{alt}}"'), ("en", 'alt="$alt"'), ("en", 'alt="%alt%"'),
    ("en", 'alt="{{ image.alt }}"'), ("en", 'alt="[image_alt]"'), ("en", 'alt="[[caption]]"'),
    ("en", 'alt="[Photo]"'),
    ("ru", 'alt="Фото"'), ("ru", 'alt="изображение"'), ("ru", 'alt="Картинка 1"'),
    ("kk", 'alt="Сурет"'), ("kk", 'alt="фотосурет"'),
    ("de", 'alt="Bild"'), ("de", 'alt="Symbolbild"'), ("de", 'alt="Foto 1920x1080"'),
    ("zh", 'alt="图片"'), ("zh", 'alt="资料图"'), ("ar", 'alt="صورة"'), ("ar", 'alt="صورة تعبيرية"'),
    ("ja", 'alt="写真"'),
    # words of a listed placeholder written together, as Japanese does
    ("ja", 'alt="サムネイル写真"'), ("ja", 'alt="写真・図版"'), ("ja", 'alt="参考画像"'),
    ("ko", 'alt="섬네일 이미지"'), ("da", 'alt="Arkivfoto"'), ("de", 'alt="Archivbild"'),
    ("en", 'alt="missing image"'), ("en", 'alt="pixel"'), ("ca", 'alt="LOGO ALT"'),
    ("fr", 'alt="Image de la une"'), ("es", 'alt="Una foto"'),
    # a stand-in of punctuation
    ("ar", 'alt="#"'), ("en", 'alt="…"'),
    # file stems: words tied by underscores, lowercase words and numbers by hyphens
    ("en", 'alt="mary_quant_2009_getty_images_93010806_mike_prior__2_"'),
    ("en", 'alt="Nagellacke_in_Beerenfarben"'), ("da", 'alt="NY2020Tilmeld_hvid500px"'),
    ("en", 'alt="0225-lupita-nyongo-getty-01"'), ("en", 'alt="daily-star-paper-front"'),
    # a copied, half-decoded address with a space in its query string
    ("en", 'alt="Uploads%252fstory%252f979da0ff.png?signature=puoc47m uzxri8&amp;source=x"'),
]


@pytest.mark.parametrize("lang,attr", PLACEHOLDERS)
def test_placeholder(lang, attr):
    assert run(f'<img src="/media/a8f3.jpg" {attr}>', lang) == [("img-alt-placeholder", 2, 1)]


def test_filler_text_is_named_as_such():
    found = lint(page('<img src="/a.jpg" alt="Lorem ipsum dolor sit amet">'),
                 select=IMG).findings
    assert [(f.rule, f.message) for f in found] == [(
        "img-alt-placeholder", 'alt text "Lorem ipsum dolor sit amet" is filler text left by '
        "the template, not a description of the picture")]


def test_placeholder_equal_to_src_basename():
    assert run('<img src="/media/2024/a8f3-22_b.webp?w=640" alt="a8f3-22_b">') == [
        ("img-alt-placeholder", 2, 1)]


NOT_PLACEHOLDERS = [
    'alt="Une manifestation devant la mairie"', 'alt="Une"',  # French "a", a paper's front page
    'alt="Video"', 'alt="Gallery"', 'alt="Slide 3"', 'alt="Movie poster"',  # no placeholder word
    'alt="Lorem Ipsum, the dummy text, printed in a 1914 edition of Cicero"',
    'alt="A photo exhibition opens in the old tram depot"',
    'alt="写真家の木村伊兵衛"',  # "the photographer Kimura Ihei": more than the listed words
    'alt="😀"', 'alt="→"',  # an emoji or an arrow is a name, not punctuation
    'alt="F-16-Kampfjet"', 'alt="Jean-Pierre"', 'alt="e-book-reader"', 'alt="covid-19"',
    'alt="Is it a .png? It is a format"',
    'alt="Pixel 4"',  # a phone; "pixel" alone is a tracking pixel's leftover
    'alt="Surat"',  # a city in Gujarat
    'alt="Photographers crowd around the minister"',
    'alt="Image courtesy of the city archive shows the 1911 flood"',  # odd, but a description
    'alt="logo"',  # poor, but neither a placeholder word nor a file name
    'alt="Banner of the Kazakh national football team"',
    'alt="Chart: turnout in 16 regions, 2019 to 2024"',
    'alt="[QGIS main interface]"',  # a house style of bracketed descriptions
    'alt="[Traduzir para Português]"',
]


@pytest.mark.parametrize("attr", NOT_PLACEHOLDERS)
def test_not_placeholder(attr):
    assert [r for r, _, _ in run(f'<img src="/img/logo.png" {attr}>')
            if r == "img-alt-placeholder"] == []


GARBLED = [
    # a caption pasted with its markup (welt.de)
    ('alt="&lt;p&gt;Bernd Lucke in Hamburg. Foto: Markus Scholz/dpa&lt;/p&gt;"',
     'HTML markup "<p>"'),
    ('alt="Dr. M&lt;sup&gt;me&lt;/sup&gt; Curie"', 'HTML markup "<sup>"'),
    # a reference escaped twice: the source holds &amp;amp; (heise.de)
    ('alt="In eigener Sache: Mac &amp;amp; i im Digitalabo"',
     'a character reference escaped twice "&amp;"'),
    ('alt="Rock &amp;#38; roll"', 'a character reference escaped twice "&#38;"'),
    # UTF-8 read as windows-1252 (elcolombiano)
    ('alt="InfogrÃ¡fico del metro"', 'text garbled by a wrong character encoding "Ã¡"'),
    ('alt="Itâ€™s raining in Leeds"', 'text garbled by a wrong character encoding "â€™"'),
]


@pytest.mark.parametrize("attr,what", GARBLED)
def test_garbled_alt_is_named_for_what_went_wrong(attr, what):
    found = lint(page(f'<img src="/media/a8f3.jpg" {attr}>'), select=IMG).findings
    assert [(f.rule, f.line, f.column) for f in found] == [("img-alt-placeholder", 2, 1)]
    assert f" holds {what}, which screen readers read out as it stands; " in found[0].message


@pytest.mark.parametrize("attr", [
    'alt="SÃO PAULO: rush hour on Avenida Paulista"',  # Portuguese, not mojibake
    'alt="AT&amp;T headquarters in Dallas"',  # escaped once: reads "AT&T"
    'alt="The &lt;canvas&gt; element draws the turnout chart"',  # not a caption's tag
    'alt="Crème brûlée at the Café de Flore"',
])
def test_alt_with_markup_like_text_that_is_fine(attr):
    assert run(f'<img src="/media/a8f3.jpg" {attr}>') == []


def test_alt_cut_short_by_a_quote_mark_inside_it():
    # elmostrador.cl: the second quote mark ends the alt, each word after it
    # becomes an empty attribute, the last one holding the closing quotes
    body = ('<img src="/p/lagos.jpg" alt="Marta Lagos dice que es "difícil que la Constitución '
            'quede rechazada"" title="Marta Lagos">')
    found = lint(page(body), select=IMG).findings
    assert [(f.rule, f.line, f.column) for f in found] == [("img-alt-placeholder", 2, 1)]
    assert found[0].message == (
        'alt text "Marta Lagos dice que es" ends at a quote mark inside it: the rest '
        '("difícil que la constitución quede recha…") became attributes of the image; write '
        "the quote marks as &quot; (or use other ones)")
    assert found[0].context["lost"] == "difícil que la constitución quede rechazada"
    # an alt left empty that way is no decorative image (ndtv.com)
    assert run('<a href="/s"><img src="/p/a.jpg" alt=""Apart for now, together forever": '
               'Prithviraj"></a>') == [("img-alt-placeholder", 2, 14)]
    assert run('<img alt="The "Kursk"" src="/p/k.jpg">') == [("img-alt-placeholder", 2, 1)]
    # the alt is whole when the broken attribute is another one, or when a
    # stray quote mark follows other attributes
    assert run('<img src="/p/a.jpg" alt="Servant of the People" title=""Servant" of the '
               'People" width="4">') == []
    assert run('<img src="/p/a.jpg" alt="Deepika Chikhlia" class="thumb" ">') == []


def test_alt_equal_to_a_readable_src_name_is_not_a_file_name():
    assert run('<img src="/i/zoom-in.svg" alt="zoom-in">') == []
    assert run('<img src="/incoming/ALTERNATES/w220/Entrevista%20exclusiva%20a%20Ana" '
               'alt="Entrevista exclusiva a Ana">') == []


def test_lazy_image_is_judged_by_the_picture_it_loads():
    # the data: stand-in is not the picture; the alt copies the upload's name
    body = ('<img src="data:image/gif;base64,R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw==" '
            'data-src="/wp/2020/03/flood2.jpg" alt="flood2">\n'
            '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACH5BAEAOw==" '
            'data-src="/wp/2020/03/flood.jpg">')
    assert run(body) == [("img-alt-placeholder", 2, 1), ("img-alt-missing", 3, 1)]
    missing = [f for f in lint(page(body), select=IMG).findings if f.rule == "img-alt-missing"]
    assert missing[0].message.startswith('<img data-src="/wp/2020/03/flood.jpg"> has no text')
    assert missing[0].context["src"] == "/wp/2020/03/flood.jpg"


def test_a_lazy_loaders_blank_in_src_is_not_the_picture():
    # uol.com.br, moneycontrol, libe.com: a shared blank image stands in
    # until the script swaps in the address it keeps in another attribute
    body = ('<img src="https://s0.wp.com/lazy-load-0.7/images/1x1.trans.gif" '
            'data-lazy-src="/logos/tag.svg">\n'
            '<img src="/c/2018/05/17/placeholder-uol-1526584592598_v2_300x225.png" '
            'data-src="/c/2019/09/02/ze-elias-1567464574830.jpg" alt="ze-elias-1567464574830">\n'
            '<img src="/img/grey_bg.gif" data-lazy="/2022/07/quiberville.jpg">\n'
            # a real picture in src stays the picture, whatever the scripts load later
            '<img src="/photos/storm.jpg" data-src="/photos/storm-2x.jpg">\n'
            # a name like a blank's, with no address elsewhere, is the picture
            '<img src="/img/transparent.gif" data-track="x">')
    found = lint(page(body), select=IMG).findings
    assert [(f.rule, f.line) for f in found] == [
        ("img-alt-missing", 2), ("img-alt-placeholder", 3), ("img-alt-missing", 4),
        ("img-alt-missing", 5), ("img-alt-missing", 6)]
    assert [f.context["src"] for f in found] == [
        "/logos/tag.svg", "/c/2019/09/02/ze-elias-1567464574830.jpg", "/2022/07/quiberville.jpg",
        "/photos/storm.jpg", "/img/transparent.gif"]
    assert found[0].message.startswith('<img data-lazy-src="/logos/tag.svg"> has no text')
    assert found[2].message.startswith('<img data-lazy="/2022/07/quiberville.jpg"> has no text')


def test_logo_named_after_its_site_is_not_a_generic_word():
    head = '<meta property="og:site_name" content="BILD">'
    html = (f'<html lang="de"><head><meta charset="utf-8">{head}<title>t</title></head><body>\n'
            '<a href="/"><img src="/logo.svg" alt="BILD"></a>\n'
            '<p>Text</p><img src="/p/a.jpg" alt="Bild">\n</body></html>\n')
    # the same word on another image is still a placeholder
    assert findings(html, select=IMG) == [("img-alt-placeholder", 3, 12)]


def test_logo_named_by_its_site_address_is_not_a_url_placeholder():
    assert run('<img src="/img/logo_iwoman.svg" alt="www.iwoman.bg">') == []
    assert run('<img src="/img/logo.png" alt="https://www.example.it">') == []


def test_placeholder_in_a_captioned_figure_is_one_finding():
    body = ('<figure>\n'
            '  <img src="/p/a.jpg" alt="Photo">\n'
            '  <figcaption>Photo</figcaption>\n'
            '</figure>')
    assert run(body) == [("img-alt-placeholder", 3, 3)]


def test_user_pack_extends_placeholder_words(tmp_path):
    pack = tmp_path / "words.toml"
    pack.write_text('[wordlists]\nimg-alt-placeholder-words = ["platshållare"]\n', encoding="utf-8")
    body = '<img src="/a.jpg" alt="Platshållare">'
    assert run(body, "sv") == []
    assert findings(page(body, "sv"), select=IMG, rules=[str(pack)]) == [
        ("img-alt-placeholder", 2, 1)]


def test_credit_patterns_compiled_only_when_a_page_needs_them():
    """A one-page run on a page without credits never pays for compiling the
    agency patterns; the first caption with a credit compiles them."""
    eng = Engine(Settings(select=list(IMG)))
    judge = eng.rules[0]._judge
    plain = ('<figure><img src="/p/a.jpg" alt="A tram in the snow">'
             '<figcaption>Trams stopped at noon</figcaption></figure>')
    assert eng.lint_source(Source("a.html", plain.encode())).findings == []
    assert "trailing_credit_gates" not in vars(judge)
    credited = ('<figure><img src="/p/a.jpg" alt="Trams stopped at noon">\n'
                '<figcaption>Trams stopped at noon (Photo: Reuters)</figcaption></figure>')
    res = eng.lint_source(Source("b.html", credited.encode()))
    assert [(f.rule, f.line, f.column) for f in res.findings] == [
        ("img-alt-caption-duplicate", 1, 9)]
    assert "trailing_credit_gates" in vars(judge)


# -- captions ---------------------------------------------------------------------------
def figure(alt: str, caption: str, lang: str = "en"):
    body = (f'<figure class="photo">\n'
            f'  <picture><source srcset="/p/a.webp"><img src="/p/a.jpg" alt="{alt}"></picture>\n'
            f'  <figcaption>{caption}</figcaption>\n'
            f'</figure>')
    return run(body, lang)


DUPLICATES = [
    ("en", "Mayor Ana Ruiz opens the new bridge", "Mayor Ana Ruiz opens the new bridge"),
    ("en", "Mayor Ana Ruiz opens the new bridge",
     "Mayor Ana Ruiz opens the new bridge. (Photo: Reuters)"),
    ("en", "mayor ana ruiz opens the new bridge!", "Mayor  Ana Ruiz opens the new bridge."),
    ("en", "Mayor Ana Ruiz opens the new bridge", "Mayor Ana Ruiz opens the new bridge /AFP"),
    ("en", "Mayor Ana Ruiz opens the new bridge",
     "Mayor Ana Ruiz opens the new bridge. Photo: Jane Doe/Getty Images"),
    ("en", "Mayor Ana Ruiz opens the new bridge", "Mayor Ana Ruiz opens the new bridge © Jane Doe"),
    ("en", "Mayor Ana Ruiz opens the new bridge", "Mayor Ana Ruiz opens the new bridge today"),
    ("en", "Mayor Ana Ruiz opens the new bridge", "Mayor Ana Ruiz opened the new bridge"),
    ("ru", "Митинг у здания парламента в Бишкеке",
     "Митинг у здания парламента в Бишкеке. Фото: ТАСС"),
    ("kk", "Астанадағы жаңа көпір ашылды", "Астанадағы жаңа көпір ашылды. Сурет: Ақорда"),
    ("de", "Bundeskanzler Olaf Scholz im Bundestag",
     "Bundeskanzler Olaf Scholz im Bundestag. Foto: dpa"),
    ("zh", "北京举行国庆阅兵", "北京举行国庆阅兵。新华社记者 李贺 摄"),
    ("ar", "متظاهرون في ساحة التحرير", "متظاهرون في ساحة التحرير (رويترز)"),
    # the caption's opening, however long the caption (its first sentence, or
    # cut at a length, mid-word)
    ("en", "Mayor Ana Ruiz opens the new bridge.",
     "Mayor Ana Ruiz opens the new bridge. Traffic across the Aire had waited six years for "
     "it, and the old ferry makes its last crossing on Friday."),
    ("en", "Mayor Ana Ruiz opens the new bridge over the Ai…",
     "Mayor Ana Ruiz opens the new bridge over the Aire in Leeds on Monday, six years late"),
]


@pytest.mark.parametrize("lang,alt,caption", DUPLICATES)
def test_caption_duplicate(lang, alt, caption):
    assert figure(alt, caption, lang) == [("img-alt-caption-duplicate", 3, 39)]


NOT_DUPLICATES = [
    # shares words with the caption, but describes the picture
    ("en", "A woman cuts a red ribbon on a steel bridge", "Mayor Ana Ruiz opens the new bridge"),
    ("en", "Ana Ruiz", "Mayor Ana Ruiz opens the new bridge over the Aire in Leeds on Monday"),
    ("ru", "Люди с флагами у серого здания", "Митинг у здания парламента в Бишкеке"),
    ("de", "Olaf Scholz am Rednerpult", "Bundeskanzler Olaf Scholz spricht im Bundestag"),
    ("zh", "阅兵方队走过天安门", "北京举行国庆阅兵"),
    # an opening of three words or fewer is a name or a phrase, not a copy
    ("en", "Mayor Ana Ruiz", "Mayor Ana Ruiz opens the new bridge over the Aire in Leeds"),
    # the caption is the opening of a longer alt: the alt goes on to describe
    ("en", "Mayor Ana Ruiz opens the new bridge, cutting a red ribbon as a crowd of children "
     "in yellow raincoats cheers and a brass band plays on the far bank",
     "Mayor Ana Ruiz opens the new bridge"),
]


@pytest.mark.parametrize("lang,alt,caption", NOT_DUPLICATES)
def test_not_caption_duplicate(lang, alt, caption):
    assert figure(alt, caption, lang) == []


def test_alt_that_copies_the_opening_of_the_caption_says_so():
    body = ('<figure><img src="/p/a.jpg" alt="Firefighters at the harbour on Monday.">\n'
            '<figcaption>Firefighters at the harbour on Monday. The storm goes on.'
            '</figcaption></figure>\n'
            '<a href="/show"><img src="/logo.png" alt="The Philosophy Hour with"> '
            'The Philosophy Hour with Jane Doe</a>')
    found = lint(page(body), select=IMG).findings
    assert [(f.rule, f.line, f.column, f.context["match"]) for f in found] == [
        ("img-alt-caption-duplicate", 2, 9, "opening"), ("img-alt-redundant", 4, 17, "opening")]
    assert found[0].message.startswith(
        'alt text repeats the opening of the caption "Firefighters at the harbour on Monday. '
        'The storm goes on."; screen-reader users hear it twice')
    assert found[1].message == (
        'alt text repeats the opening of the link text "The Philosophy Hour with Jane Doe"; '
        "the link is announced with the same words twice")


def test_decorative_image_in_captioned_figure():
    assert figure("", "Mayor Ana Ruiz opens the new bridge") == []


def test_wordpress_caption():
    body = ('<div class="wp-caption aligncenter">\n'
            '<img src="/wp-content/uploads/bridge.jpg" alt="The new bridge at dusk">\n'
            '<p class="wp-caption-text">The new bridge at dusk (Photo: City of Leeds)</p>\n'
            '</div>')
    assert run(body) == [("img-alt-caption-duplicate", 3, 1)]


def test_schema_org_caption():
    body = ('<div itemscope itemtype="https://schema.org/ImageObject">\n'
            '<img itemprop="contentUrl" src="/p/a.jpg" alt="Flood water in Main Street">\n'
            '<span itemprop="caption">Flood water in Main Street.</span>\n'
            '<meta itemprop="description" content="ignored: not visible">\n'
            '</div>')
    assert run(body) == [("img-alt-caption-duplicate", 3, 1)]


def test_caption_of_another_figure_does_not_count():
    body = ('<figure>\n'
            '<img src="/p/a.jpg" alt="Flood water in Main Street">\n'
            '<figure><img src="/p/b.jpg" alt="x"><figcaption>Flood water in Main Street'
            '</figcaption></figure>\n'
            '</figure>')
    assert [r for r, _, _ in run(body) if r == "img-alt-caption-duplicate"] == []


def test_caption_selectors_from_config():
    body = ('<div class="media">\n'
            '<img src="/p/a.jpg" alt="Flood water in Main Street">\n'
            '<div class="media__caption">Flood water in Main Street</div>\n'
            '</div>')
    assert run(body) == []
    assert run(body, caption_selectors=[".media__caption"]) == [
        ("img-alt-caption-duplicate", 3, 1)]


def test_caption_selectors_take_the_nearest_ancestor_s_first_usable_caption():
    # The page's matches are listed once and each image looks in the range of
    # document order its ancestors span: the first visible caption with text
    # in the nearest of four ancestors, by selector order, that is neither the
    # image nor one of its ancestors.
    alt = "Flood water in Main Street"
    body = ('<div class="story">\n'
            f'<p class="credit">{alt}</p>\n'
            '<div class="media">\n'
            f'<div class="caption"><img src="/p/a.jpg" alt="{alt}"></div>\n'
            '<span class="caption" style="display:none">Hidden</span>\n'
            '<span class="caption"></span>\n'
            '</div>\n'
            f'<div class="media"><img src="/p/b.jpg" alt="{alt}">'
            '<span class="credit">Photo: Ana Ruiz</span>'
            f'<span class="caption">{alt}</span></div>\n'
            '</div>\n'
            f'<div><div><div><div><div><img src="/p/c.jpg" alt="{alt}"></div></div></div></div>'
            f'</div><p class="caption">{alt}</p>\n')
    assert run(body, caption_selectors=[".caption"]) == [
        ("img-alt-caption-duplicate", 5, 22),  # its "media" div has none: the story's
        ("img-alt-caption-duplicate", 9, 20),  # its own caption
    ]
    # .credit first: the second image's credit is its caption, and it differs
    assert run(body, caption_selectors=[".credit", ".caption"]) == [
        ("img-alt-caption-duplicate", 5, 22)]


def test_long_alt_that_copies_a_long_caption_with_changes_is_similar():
    # the similarity ratio reads the first 500 characters of each: its cost
    # grows with the square of the length (145 s for 50 kB texts)
    words = [f"flood{i % 7} street{i % 5} harbour{i % 3}" for i in range(200)]
    caption = " ".join(words)
    alt = " ".join(w if i % 25 else "storm" for i, w in enumerate(words))
    body = f'<figure><img src="/a.jpg" alt="{alt}"><figcaption>{caption}</figcaption></figure>'
    res = lint(page(body), select=["img-alt-caption-duplicate"])
    assert [(f.rule, f.line, f.column, f.context["match"]) for f in res.findings] == [
        ("img-alt-caption-duplicate", 2, 9, "similar")]


def test_a_caption_selector_list_takes_its_first_match_in_document_order():
    # "a, b" is queried as its parts (libxml2 merges a union in quadratic
    # time) and merged back: the first match in the page wins, as in the union
    alt = "Flood water in Main Street"
    body = ('<div class="media">\n'
            f'<img src="/p/a.jpg" alt="{alt}">\n'
            f'<span class="caption">{alt}</span><span class="credit">Photo: Ana Ruiz</span>\n'
            '</div>\n'
            f'<div class="media"><img src="/p/b.jpg" alt="{alt}">\n'
            f'<span class="credit">Photo: Ana Ruiz</span><span class="caption">{alt}</span>\n'
            '</div>')
    assert run(body, caption_selectors=[".credit, .caption"]) == [
        ("img-alt-caption-duplicate", 3, 1)]
    assert run(body, caption_selectors=[".credit", ".caption"]) == []


def test_caption_options():
    alt, cap = "Mayor Ana Ruiz opens the new bridge", "Mayor Ana Ruiz opens the new bridge today"
    body = f'<figure><img src="/a.jpg" alt="{alt}"><figcaption>{cap}</figcaption></figure>'
    assert run(body) == [("img-alt-caption-duplicate", 2, 9)]
    opts = {"img-alt-caption-duplicate": {"containment": 0.95, "similarity": 0.95}}
    assert run(body, rule_options=opts) == [("img-alt-caption-duplicate", 2, 9)]  # its opening
    opts["img-alt-caption-duplicate"]["opening-words"] = 8
    assert run(body, rule_options=opts) == []
    opts["img-alt-caption-duplicate"]["opening-words"] = 7
    assert run(body, rule_options=opts) == [("img-alt-caption-duplicate", 2, 9)]
    opts["img-alt-caption-duplicate"]["opening-words"] = 0
    assert run(body, rule_options=opts) == []


# -- redundant ------------------------------------------------------------------------
def test_teaser_link_repeats_headline():
    body = ('<a href="/news/storm">\n'
            '  <img src="/t/storm.jpg" alt="Storm closes ports along the coast">\n'
            '  <h3>Storm closes ports along the coast</h3>\n'
            '</a>\n'
            '<button type="button"><img src="/i/play.svg" alt="Play video"> Play video</button>')
    assert run(body) == [("img-alt-redundant", 3, 3), ("img-alt-redundant", 6, 23)]


def test_texts_shared_by_many_images_are_judged_for_each_image():
    # A link's text, a caption or a labelling element that many images share
    # is analysed once per page (analysing it again for each image was
    # quadratic); each image is still judged on its own alt and src.
    long_text = " ".join(f"Harbour story {i}" for i in range(40))
    body = ('<a href="/gallery">Storm closes ports\n'
            '<img src="/a.jpg" alt="Storm closes ports">\n'
            '<img src="/b.jpg" alt="Boats tied up in the harbour at dawn">\n'
            '<img src="/c.jpg" alt="storm closes ports!">\n'
            '<img src="/d.jpg" alt="image">\n'
            '<img src="/e.jpg" alt="IMAGE">\n'
            '</a>\n'
            f'<p id="long">{long_text}</p>\n'
            '<img src="/f.jpg" aria-labelledby="long">\n'
            '<img src="/g.jpg" aria-labelledby="long">\n')
    assert run(body) == [
        ("img-alt-redundant", 3, 1), ("img-alt-redundant", 5, 1),
        ("img-alt-placeholder", 6, 1), ("img-alt-placeholder", 7, 1),
        ("img-alt-length", 10, 1), ("img-alt-length", 11, 1)]


def test_teaser_link_near_misses():
    body = ('<a href="/news/storm"><img src="/t/storm.jpg" alt="Waves break over a harbour wall">'
            '<h3>Storm closes ports along the coast</h3></a>\n'
            '<a href="/news/storm" aria-label="Storm closes ports along the coast">'
            '<img src="/t/storm.jpg" alt="Storm closes ports along the coast"></a>\n'
            '<a href="/news/storm"><img src="/t/storm.jpg" alt="Storm closes ports"></a>')
    assert run(body) == []


def test_alt_repeats_the_text_beside_it_in_a_cell_list_item_or_paragraph():
    body = ('<table><tr><td>1</td><td><span><img src="/l/fcb.png" alt="Bayern"></span> Bayern</td>'
            "<td>34</td></tr></table>\n"
            '<p class="comments"><img src="/i/c.gif" alt="Comments"><a href="#c">Comments</a></p>\n'
            '<ul><li><article><h3>Storm closes ports</h3>\n'
            '<figure><img src="/t/storm.jpg" alt="Storm closes ports"></figure>'
            '<a class="overlay" href="/news/storm"></a></article></li></ul>')
    assert run(body) == [("img-alt-redundant", 2, 32), ("img-alt-redundant", 3, 21),
                         ("img-alt-redundant", 5, 9)]
    res = lint(page(body), select=["img-alt-redundant"])
    assert [f.message for f in res.findings] == [
        'alt text repeats the text beside it in the same table cell "Bayern"; screen-reader '
        "users hear the same words twice",
        'alt text repeats the text beside it in the same paragraph "Comments"; screen-reader '
        "users hear the same words twice",
        'alt text repeats the text beside it in the same list item "Storm closes ports"; '
        "screen-reader users hear the same words twice"]


def test_text_beside_near_misses():
    long_text = " ".join(f"Harbour story {i}." for i in range(300))
    body = (
        # more than the alt: only equal text counts here
        '<ul><li><img src="/l/fcb.png" alt="Bayern"> Bayern win the title</li>\n'
        # the repeat is hidden from everyone, or from screen readers
        '<li><img src="/i/m.svg" alt="Menu"><span hidden>Menu</span></li>\n'
        '<li><img src="/l/fcb.png" alt="Bayern"><span aria-hidden="true">Bayern</span></li>\n'
        # nothing beside it
        '<li><img src="/t/storm.jpg" alt="Storm closes ports"></li></ul>\n'
        # a layout table's cell holds a page
        f'<table><tr><td><img src="/a.jpg" alt="Harbour story 0.">{long_text}</td></tr></table>\n'
        # in a link, the link's text is what counts
        '<p><a href="/fcb"><img src="/l/fcb.png" alt="Bayern"></a> Bayern</p>')
    assert run(body) == []


def test_alt_that_is_all_credit_still_repeats_a_link_or_caption():
    body = ('<a class="author" href="/author/reuters"><img class="avatar" src="/a/r.png" '
            'alt="Reuters"><br>Reuters</a>\n'
            '<figure><img src="/p/jm.jpg" alt="Jose Mourinho agrees a deal with Tottenham">'
            "<figcaption>Image: Jose Mourinho agrees a deal with Tottenham</figcaption></figure>\n"
            # an avatar alone in its link is not a repeat
            '<a class="author" href="/author/afp"><img class="avatar" src="/a/afp.png" '
            'alt="AFP"></a> AFP')
    assert run(body) == [("img-alt-redundant", 2, 42), ("img-alt-caption-duplicate", 3, 9)]


ANNOUNCED = [
    ("en", "Image of a tram stuck in the snow"), ("en", "Photo of the mayor at the bridge"),
    ("en", "picture of: a tram in the snow"),
    ("ru", "На фото: трамвай в снегу"), ("ru", "Изображение трамвая в снегу"),
    ("kk", "Суретте: Астанадағы жаңа көпір"),
    ("de", "Bild von einem Zug im Schnee"), ("de", "Das Foto zeigt einen Zug im Schnee"),
    ("zh", "图为北京天安门广场"), ("ar", "صورة لمتظاهرين في ساحة التحرير"),
    ("fa", "تصویر رئیس جمهور در جلسه"),
    # whom the picture shows, not who took it (a credit reads "Foto: ...")
    ("de", "Bild von Angela Merkel"),
]


@pytest.mark.parametrize("lang,alt", ANNOUNCED)
def test_announced_prefix(lang, alt):
    assert run(f'<p>Text</p><img src="/a.jpg" alt="{alt}">', lang) == [
        ("img-alt-redundant", 2, 12)]


NOT_ANNOUNCED = [
    ("en", "Photographers crowd around the minister"),
    ("en", "A photo exhibition opens in the old tram depot"),
    ("ru", "Фотографы у здания суда"),
    ("de", "Bildungsministerin Anna Weber in einer Schule"),
    ("en", "Imagery from the satellite shows the flooded valley"),
    # the kind of picture, which screen readers do not say
    ("en", "Illustration of a school desk with a laptop"),
    ("fr", "Illustration de la réforme des retraites"),
    # Persian "imaging" starts with "image" but is another word
    ("fa", "تصویربرداری از ماه"),
]


@pytest.mark.parametrize("lang,alt", NOT_ANNOUNCED)
def test_not_announced_prefix(lang, alt):
    assert run(f'<img src="/a.jpg" alt="{alt}">', lang) == []


# -- credits ----------------------------------------------------------------------------
CREDITS = [
    ("en", "Getty Images"), ("en", "AFP"), ("en", "Reuters"), ("en", "AP Photo"),
    ("en", "Photo: Reuters"), ("en", "© Jane Doe"), ("en", "AP Photo/Evan Vucci"),
    ("en", "REUTERS/Gonzalo Fuentes"), ("en", "Photo by Jane Doe"), ("en", "Credit: iStock"),
    ("en", "(Credit: NASA)"), ("en", "Reuters, AFP"),
    ("ru", "Фото: ТАСС"), ("ru", "РИА Новости"), ("ru", "Фото: Иван Петров"),
    ("kk", "Сурет: Ақорда"), ("kk", "Фото: Kazinform"),
    ("de", "Foto: dpa"), ("de", "Bild: picture alliance/dpa"),
    ("zh", "新华社"), ("zh", "新华社记者 李贺 摄"), ("ar", "رويترز"),
]


@pytest.mark.parametrize("lang,alt", CREDITS)
def test_credit(lang, alt):
    assert run(f'<img src="/p/fire.jpg" alt="{alt}">', lang) == [("img-alt-credit", 2, 1)]


NOT_CREDITS = [
    # home-link logos carry the publisher's name
    '<a href="/"><img src="/static/brand.svg" alt="RFE/RL"></a>',
    '<a href="https://www.theguardian.com/"><img src="/static/g.svg" alt="The Guardian"></a>',
    '<a href="/"><img src="/static/r.svg" alt="Reuters"></a>',
    '<img src="/static/logo-reuters.svg" alt="Reuters">',
    # the subject of the picture, followed by a credit: a (minimal) description
    '<img src="/p/a.jpg" alt="Erling Haaland, Getty Images">',
    # the name of a copyright icon
    '<span role="img" aria-label="copyright">©</span>',
    # an author's avatar named after the author
    '<img class="avatar" src="https://secure.gravatar.com/avatar/0e55?s=96" alt="Reuters">',
    '<img src="/p/a.jpg" alt="Smoke rises over the Reuters building in Canary Wharf">',
    '<img src="/p/a.jpg" alt="Photo: protesters outside the court in the rain">',
]


@pytest.mark.parametrize("body", NOT_CREDITS)
def test_not_credit(body):
    assert run(body) == []


def test_site_name_from_metadata_is_not_a_credit():
    html = ('<html lang="en"><head><meta property="og:site_name" content="Reuters"></head><body>\n'
            '<img src="/static/r.svg" alt="Reuters">\n</body></html>')
    assert findings(html, select=IMG) == []


# -- length -------------------------------------------------------------------------------
def test_length():
    long_alt = ("Delegates listen " * 20)[:251]
    ok_alt = ("Delegates listen " * 20)[:250]
    body = f'<img src="/a.jpg" alt="{long_alt}">\n<img src="/b.jpg" alt="{ok_alt}">'
    assert run(body) == [("img-alt-length", 2, 1)]
    assert run(body, rule_options={"img-alt-length": {"max": 300}}) == []
    # the message quotes the alt's opening, so a text report says which one
    [found] = lint(page(body), select=["img-alt-length"]).findings
    assert found.message == (
        'alt text "Delegates listen Delegates listen Delegates listen Delegate…" is 251 '
        "characters long (more than 250); keep it to what the picture shows and move the rest "
        "to the caption or body")


# -- one engine, many rules -------------------------------------------------------------
def test_selecting_one_rule_keeps_one_defect_one_finding():
    body = '<figure><img src="/a.jpg" alt="Photo"><figcaption>Photo</figcaption></figure>'
    assert findings(page(body), select=["img-alt-caption-duplicate"]) == []


def test_context_carries_src_alt_and_caption():
    body = ('<img src="/p/flood.jpg">\n'
            '<figure><img src="../p/b.jpg" alt="Flood water in Main Street">'
            '<figcaption>Flood water in Main Street</figcaption></figure>')
    res = lint(page(body), select=IMG)
    by_rule = {f.rule: f for f in res.findings}
    assert by_rule["img-alt-missing"].context == {"src": "/p/flood.jpg", "alt": None,
                                                  "caption": None}
    dup = by_rule["img-alt-caption-duplicate"].context
    assert dup["src"] == "../p/b.jpg"
    assert dup["alt"] == dup["caption"] == "Flood water in Main Street"
    for f in res.findings:
        json.dumps(f.to_dict())
        assert {"src", "alt", "caption"} <= set(f.context)
        assert f.wcag == ("1.1.1",)


def test_messages_name_the_offending_value():
    res = lint(page('<img src="/a.jpg" alt="16x9 Image">'), select=IMG)
    assert '"16x9 Image"' in res.findings[0].message


def test_rule_check_works_without_prepare():
    from a11ylint.page.model import Page
    from a11ylint.rules.images import ImgAltPlaceholder

    p = Page.from_html(page('<img src="/a.jpg" alt="image">'))
    assert [f.rule for f in ImgAltPlaceholder().check(p)] == ["img-alt-placeholder"]


def test_engine_with_all_rules_runs_images():
    eng = Engine(Settings(select=IMG))
    res = eng.lint_source(Source("x.html", page('<img src="/a.jpg">').encode()))
    assert [f.rule for f in res.findings] == ["img-alt-missing"]


# -- shipped example pages ----------------------------------------------------------------
EXAMPLES = __import__("pathlib").Path(__file__).resolve().parents[2] / "examples"


def _example(name):
    return findings((EXAMPLES / name).read_bytes(), select=IMG,
                    content_type="text/html; charset=utf-8")


def test_example_gallery_shows_every_rule():
    assert _example("photo-gallery-article.html") == [
        ("img-alt-caption-duplicate", 23, 7), ("img-alt-placeholder", 35, 7),
        ("img-alt-placeholder", 41, 7), ("img-alt-credit", 47, 7), ("img-alt-redundant", 53, 7),
        ("img-alt-missing", 59, 7), ("img-alt-length", 65, 7), ("img-alt-functional", 75, 93),
        ("img-alt-redundant", 85, 7)]


def test_example_kazakh_russian_report():
    assert _example("kk-ru-photo-report.html") == [
        ("img-alt-placeholder", 20, 7), ("img-alt-caption-duplicate", 26, 7),
        ("img-alt-credit", 32, 7), ("img-alt-redundant", 46, 9), ("img-alt-credit", 50, 7)]


def test_clean_example_article_stays_clean():
    if (EXAMPLES / "clean-article.html").exists():
        assert _example("clean-article.html") == []


def test_image_element_is_an_img_to_a_browser():
    # the HTML parser reads <image> as <img> (libxml2 keeps the old name);
    # SVG's own <image> is left alone
    line2 = '<p>One <img src="a.jpg" alt="A"> two <image src="b.jpg" alttext="B"></image> ' \
            'three <img src="c.jpg"></p>'
    body = (f'{line2}\n<svg role="img" aria-label="Chart"><image href="x.png"/></svg>\n'
            '<image src="d.jpg"><p>after</p>')
    res = lint(page(body), select=IMG)
    assert [(f.rule, f.line, f.column, f.selector) for f in res.findings] == [
        ("img-alt-missing", 2, line2.index("<image") + 1, "body > p:nth-of-type(1) > img:nth-of-type(2)"),
        ("img-alt-missing", 2, line2.index('<img src="c.jpg"') + 1,
         "body > p:nth-of-type(1) > img:nth-of-type(3)"),
        ("img-alt-missing", 4, 1, "body > img"),
    ]
    assert res.findings[0].snippet == '<image src="b.jpg" alttext="B">'
