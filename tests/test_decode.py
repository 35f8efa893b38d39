"""Decoding: BOM > HTTP charset > <meta> at any distance > detection."""

from __future__ import annotations

import codecs
import random

import pytest

from a11ylint.page.decode import DecodeError, codec_for, decode, sniff_meta
from helpers import lint

RU = "Перейти к содержанию"
JA = "本文へ移動"


def page(body: str, head: str = "", charset_meta: str = "") -> str:
    return (f"<!DOCTYPE html><html><head>{head}{charset_meta}<title>t</title></head>"
            f"<body>{body}</body></html>")


def test_windows_1251_meta_yields_correct_text_in_messages_and_snippets():
    html = page('<a href="#nowhere">' + RU + "</a><main><h1>Заголовок</h1></main>",
                charset_meta='<meta charset="windows-1251">')
    res = lint(html.encode("cp1251"), select=["skip-link-target"])
    assert [(f.rule, f.line, f.column) for f in res.findings] == [("skip-link-target", 1, 86)]
    assert RU in res.findings[0].message
    assert RU in res.findings[0].snippet


def test_shift_jis_meta_http_equiv():
    html = page('<a href="#honbun">' + JA + "</a><h1>見出し</h1>",
                charset_meta='<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">')
    res = lint(html.encode("shift_jis"), select=["skip-link-target"])
    assert [f.rule for f in res.findings] == ["skip-link-target"]
    assert JA in res.findings[0].message


def test_late_meta_after_large_script_is_found():
    script = "<script>var x = '" + "a" * 5000 + "';</script>"
    data = page("<p>Привет</p>", head=script, charset_meta='<meta charset="koi8-r">').encode("koi8-r")
    assert sniff_meta(data) == "koi8-r"
    assert "Привет" in decode(data).text


def test_meta_inside_body_is_not_a_declaration():
    data = b"<html><head><title>x</title></head><body><meta charset='koi8-r'><p>ok</p></body></html>"
    assert sniff_meta(data) is None


@pytest.mark.parametrize("label,codec", [
    ("latin1", "cp1252"), ("ISO-8859-1", "cp1252"), ("us-ascii", "cp1252"),
    ("gb2312", "gb18030"), ("Shift_JIS", "cp932"), ("utf-16", "utf-8"), ("UTF8", "utf-8"),
    ("windows-1251", "cp1251"), ("no-such-charset", None),
    ("x-mac-ukrainian", "mac_cyrillic"), ("koi8-ru", "koi8_u"), ("ms932", "cp932"),
    ("iso-8859-8-i", "iso8859_8"), (" KOI8-R ", "koi8_r"),
    # labels Python knows and browsers do not: ignored, as a browser ignores them
    ("utf-7", None), ("UTF-32", None), ("cp037", None), ("base64", None),
    ("unicode_escape", None), ("hz-gb-2312", None), ("x-user-defined", None),
])
def test_whatwg_labels(label, codec):
    assert codec_for(label) == codec


def test_utf16_means_utf8_in_a_meta_and_utf16_from_the_server():
    assert codec_for("utf-16", from_meta=False) == "utf-16-le"
    assert codec_for("UTF-16BE", from_meta=False) == "utf-16-be"
    for charset, codec in (("utf-16le", "utf-16-le"), ("utf-16be", "utf-16-be")):
        data = page("<p>Grüße</p>").encode(codec)  # no byte-order mark
        d = decode(data, charset)
        assert (d.source, d.encoding) == ("http", codec) and "Grüße" in d.text


def test_a_utf7_declaration_does_not_turn_text_into_markup():
    # Python's utf-7 codec reads +ADw- as "<": the h1 would close at once and
    # a phantom h3 open. Browsers know no utf-7 and show the text as written.
    data = page("<h1>Flood+ADw-/h1+AD4-+ADw-h3+AD4-warning</h1>",
                charset_meta='<meta charset="utf-7">').encode("ascii")
    res = lint(data, select=["heading"])
    assert res.status == "ok", res.error
    assert res.findings == []
    assert "+ADw-" in decode(data).text


@pytest.mark.parametrize("label", ["base64", "zlib", "undefined", "idna", "unicode_escape"])
def test_a_python_only_label_on_a_legacy_page_is_ignored(label):
    # these named Python codecs that are no text encodings, or fail on any
    # input: the page was an internal error, or its backslashes were read as
    # escapes; now it is decoded as an undeclared page
    html = page("<p>C:\\new caf\xe9</p><h1>Garçon</h1><h3>x</h3>",
                charset_meta=f'<meta charset="{label}">')
    res = lint(html.encode("cp1252"), select=["heading-order"])
    assert res.status == "ok", res.error
    assert [(f.rule, f.line, f.column) for f in res.findings] == [
        ("heading-order", 1, html.index("<h3>") + 1)]
    assert "Garçon" in res.findings[0].message
    assert "C:\\new" in decode(html.encode("cp1252")).text


def test_http_charset_wins_over_meta():
    data = page("<p>Ünïcödé</p>", charset_meta='<meta charset="windows-1251">').encode("utf-8")
    d = decode(data, "utf-8")
    assert d.source == "http" and "Ünïcödé" in d.text


def test_bom_wins_over_everything():
    data = codecs.BOM_UTF8 + page("<p>naïve</p>", charset_meta='<meta charset="koi8-r">').encode()
    d = decode(data, "windows-1251")
    assert d.source == "bom" and "naïve" in d.text


def test_utf16_bom():
    data = codecs.BOM_UTF16_LE + page("<p>Grüße</p>").encode("utf-16-le")
    assert "Grüße" in decode(data).text


def test_stale_legacy_label_on_valid_utf8_reads_as_utf8():
    data = page("<p>Ελληνικά</p>", charset_meta='<meta charset="iso-8859-1">').encode("utf-8")
    d = decode(data)
    assert d.encoding == "utf-8" and "Ελληνικά" in d.text


def test_undeclared_legacy_page_is_detected():
    text = page("<p>" + "Съешь же ещё этих мягких французских булок. " * 20 + "</p>")
    d = decode(text.encode("cp1251"))
    assert d.source == "detected" and "французских" in d.text


@pytest.mark.parametrize("data,reason", [
    (b"", "empty file"), (b"   \n\t", "empty file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image, not HTML"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "a PDF document, not HTML"),
])
def test_unreadable_inputs(data, reason):
    with pytest.raises(DecodeError, match=reason):
        decode(data)


# UTF-8 is left to libxml2 to validate while it parses (no decode in Python);
# these go through the whole lint so the fallback to careful decoding is covered.
def test_undeclared_legacy_page_is_detected_when_linted():
    body = "<p>" + "Съешь же ещё этих мягких французских булок. " * 20 + "</p>"
    html = page('<a href="#nowhere">' + RU + "</a>" + body + "<main><h1>Заголовок</h1></main>")
    res = lint(html.encode("cp1251"), select=["skip-link-target"])
    col = html.index('<a href="#nowhere">') + 1
    assert [(f.rule, f.line, f.column) for f in res.findings] == [("skip-link-target", 1, col)]
    assert RU in res.findings[0].message and RU in res.findings[0].snippet


def test_declared_utf8_with_a_stray_byte_keeps_its_utf8_text():
    html = page('<p>caf\xe9</p><a href="#nowhere">' + RU + "</a><main><h1>x</h1></main>",
                charset_meta='<meta charset="utf-8">')
    data = html.encode("utf-8").replace("caf\xe9".encode(), b"caf\xe9")
    res = lint(data, select=["skip-link-target"])
    col = html.index('<a href="#nowhere">') + 1  # é counts as one character
    assert [(f.rule, f.line, f.column) for f in res.findings] == [("skip-link-target", 1, col)]
    assert RU in res.findings[0].message


def test_invalid_utf8_after_a_hundred_parse_errors_is_still_caught():
    # libxml2 stops logging after 100 errors; a full log must not pass for valid UTF-8
    noise = "<p>x</q>" * 150  # each stray end tag is one logged parse error
    body = noise + "<p>" + "Съешь же ещё этих мягких французских булок. " * 20 + "</p>"
    html = page(body + '<a href="#nowhere">' + RU + "</a><main><h1>Заголовок</h1></main>")
    res = lint(html.encode("cp1251"), select=["skip-link-target"])
    assert [f.rule for f in res.findings] == ["skip-link-target"]
    assert RU in res.findings[0].message


@pytest.mark.parametrize("data,label", [
    (b"<html><head><META CHARSET='koi8-r'><meta charset=utf-8></head><body></body>", "koi8-r"),
    (b"<meta name=viewport content=x><mEta charset=koi8-u><meta charset=utf-8>", "koi8-u"),
    (b"<html><Body><p>x</p><meta charset=koi8-r></Body>", None),
    (b"<meta http-equiv=Content-Type content='text/html; Charset=windows-1251'><body>",
     "windows-1251"),
    # a label browsers do not know is passed over, as in their prescan
    (b"<meta charset=utf-7><META charset=koi8-r><body>", "koi8-r"),
    (b"<meta charset=x-unknown><body>", None),
])
def test_first_declaration_wins_whatever_its_spelling(data, label):
    assert sniff_meta(data) == label


def test_a_stray_nul_does_not_make_a_page_binary():
    # a CMS bug, not a binary file: browsers and libxml2 read it as U+FFFD
    assert decode(page("<p>a\x00b</p>").encode()).text.count("\x00") == 1
    noise = random.Random(7).randbytes(4096)  # compressed or encrypted data
    utf16 = page("<p>Hello</p>").encode("utf-16-le")  # no byte-order mark
    for data in (noise, utf16, b"<p>" + b"\x00\x01\x02\x03" * 40 + b"</p>"):
        with pytest.raises(DecodeError, match="binary file, not HTML"):
            decode(data)


def test_page_with_a_stray_nul_is_linted_with_exact_positions():
    data = b'<!DOCTYPE html><html lang="en"><body><h1>T</h1>\n<p>a\x00b</p><img src="x.jpg">\n</body></html>'
    res = lint(data, select=["img-alt-missing"])
    assert res.status == "ok", res.error
    assert [(f.rule, f.line, f.column) for f in res.findings] == [("img-alt-missing", 2, 11)]
