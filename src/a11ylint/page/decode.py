"""Turn a page's bytes into text, the way a browser would.

Order of authority: byte-order mark, then the HTTP ``Content-Type`` charset,
then the first ``<meta charset>``/``http-equiv`` before ``<body>`` *at any
distance* (news pages often declare it after kilobytes of inline script, where a
1 KB prescan misses it), then bs4's UnicodeDammit for pages that declare nothing.
Labels are mapped as the WHATWG Encoding standard maps them, so ``latin1``
means windows-1252 and ``gb2312`` means GBK, exactly as in a browser, and a
label it does not list is passed over, as a browser passes it over.
"""

from __future__ import annotations

import codecs
import re

_META_CHARSET = re.compile(
    rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9_.:+-]+)""", re.I
)
_BODY = re.compile(rb"<body[\s>]", re.I)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:+-]+)""", re.I)

# The WHATWG Encoding standard's labels, by the Python codec that decodes them
# as a browser does. A label not listed here (utf-7, utf-32, EBCDIC, or a
# Python-only name such as "base64" or "unicode_escape") is one a browser
# does not know and ignores: Python would decode `+ADw-script+AD4-` under
# utf-7 into a script tag no browser sees. GBK is read with the gb18030
# decoder and Big5 with big5hkscs, as the standard's own decoders do.
_LABELS_BY_CODEC = {
    "utf-8": "unicode-1-1-utf-8 unicode11utf8 unicode20utf8 utf-8 utf8 x-unicode20utf8",
    "cp866": "866 cp866 csibm866 ibm866",
    "iso8859_2": "csisolatin2 iso-8859-2 iso-ir-101 iso8859-2 iso88592 iso_8859-2 "
                 "iso_8859-2:1987 l2 latin2",
    "iso8859_3": "csisolatin3 iso-8859-3 iso-ir-109 iso8859-3 iso88593 iso_8859-3 "
                 "iso_8859-3:1988 l3 latin3",
    "iso8859_4": "csisolatin4 iso-8859-4 iso-ir-110 iso8859-4 iso88594 iso_8859-4 "
                 "iso_8859-4:1988 l4 latin4",
    "iso8859_5": "csisolatincyrillic cyrillic iso-8859-5 iso-ir-144 iso8859-5 iso88595 "
                 "iso_8859-5 iso_8859-5:1988",
    "iso8859_6": "arabic asmo-708 csiso88596e csiso88596i csisolatinarabic ecma-114 "
                 "iso-8859-6 iso-8859-6-e iso-8859-6-i iso-ir-127 iso8859-6 iso88596 "
                 "iso_8859-6 iso_8859-6:1987",
    "iso8859_7": "csisolatingreek ecma-118 elot_928 greek greek8 iso-8859-7 iso-ir-126 "
                 "iso8859-7 iso88597 iso_8859-7 iso_8859-7:1987 sun_eu_greek",
    "iso8859_8": "csiso88598e csisolatinhebrew hebrew iso-8859-8 iso-8859-8-e iso-ir-138 "
                 "iso8859-8 iso88598 iso_8859-8 iso_8859-8:1988 visual "
                 "csiso88598i iso-8859-8-i logical",
    "iso8859_10": "csisolatin6 iso-8859-10 iso-ir-157 iso8859-10 iso885910 l6 latin6",
    "iso8859_13": "iso-8859-13 iso8859-13 iso885913",
    "iso8859_14": "iso-8859-14 iso8859-14 iso885914",
    "iso8859_15": "csisolatin9 iso-8859-15 iso8859-15 iso885915 iso_8859-15 l9",
    "iso8859_16": "iso-8859-16",
    "koi8_r": "cskoi8r koi koi8 koi8-r koi8_r",
    "koi8_u": "koi8-ru koi8-u",
    "mac_roman": "csmacintosh mac macintosh x-mac-roman",
    "cp874": "dos-874 iso-8859-11 iso8859-11 iso885911 tis-620 windows-874",
    "cp1250": "cp1250 windows-1250 x-cp1250",
    "cp1251": "cp1251 windows-1251 x-cp1251",
    "cp1252": "ansi_x3.4-1968 ascii cp1252 cp819 csisolatin1 ibm819 iso-8859-1 iso-ir-100 "
              "iso8859-1 iso88591 iso_8859-1 iso_8859-1:1987 l1 latin1 us-ascii "
              "windows-1252 x-cp1252",
    "cp1253": "cp1253 windows-1253 x-cp1253",
    "cp1254": "cp1254 csisolatin5 iso-8859-9 iso-ir-148 iso8859-9 iso88599 iso_8859-9 "
              "iso_8859-9:1989 l5 latin5 windows-1254 x-cp1254",
    "cp1255": "cp1255 windows-1255 x-cp1255",
    "cp1256": "cp1256 windows-1256 x-cp1256",
    "cp1257": "cp1257 windows-1257 x-cp1257",
    "cp1258": "cp1258 windows-1258 x-cp1258",
    "mac_cyrillic": "x-mac-cyrillic x-mac-ukrainian",
    "gb18030": "chinese csgb2312 csiso58gb231280 gb2312 gb_2312 gb_2312-80 gbk iso-ir-58 "
               "x-gbk gb18030",
    "big5hkscs": "big5 big5-hkscs cn-big5 csbig5 x-x-big5",
    "euc_jp": "cseucpkdfmtjapanese euc-jp x-euc-jp",
    "iso2022_jp": "csiso2022jp iso-2022-jp",
    "cp932": "csshiftjis ms932 ms_kanji shift-jis shift_jis sjis windows-31j x-sjis",
    "cp949": "cseuckr csksc56011987 euc-kr iso-ir-149 korean ks_c_5601-1987 ks_c_5601-1989 "
             "ksc5601 ksc_5601 windows-949",
    "utf-16-be": "unicodefffe utf-16be",
    "utf-16-le": "csunicode iso-10646-ucs-2 ucs-2 unicode unicodefeff utf-16 utf-16le",
}
_WHATWG = {label: codec for codec, labels in _LABELS_BY_CODEC.items()
           for label in labels.split()}
# Left out on purpose: the labels of the standard's "replacement" encoding
# (hz-gb-2312, iso-2022-kr, iso-2022-cn), which shows the reader a single
# U+FFFD, and x-user-defined, which maps bytes above 0x7F to private-use
# characters. Neither leaves text to check; detection reads such a page as
# its author wrote it.


class DecodeError(Exception):
    """The input is not an HTML document we can read (binary, empty...)."""


class Decoded:
    """The document as UTF-8 bytes for lxml, and how it was read.

    The text form is decoded only when asked for: positions, snippets and
    whole-page scans work on the bytes, and most runs never need the rest.
    ``verified`` is False only when :func:`decode` was told to leave UTF-8
    validation to the parser (``parser_checks_utf8``); the page model then
    checks libxml2's error log and calls :func:`decode` again if needed.
    """

    __slots__ = ("_text", "encoding", "declared", "source", "utf8_bytes", "verified")

    def __init__(self, text: str | None, encoding: str, declared: str | None, source: str,
                 utf8_bytes: bytes, verified: bool = True) -> None:
        self._text = text
        self.encoding = encoding  # Python codec name actually used
        self.declared = declared  # the label the page or server gave, if any
        self.source = source  # "bom" | "http" | "meta" | "detected" | "default"
        self.utf8_bytes = utf8_bytes  # the document as UTF-8 for lxml (no BOM)
        self.verified = verified

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = self.utf8_bytes.decode("utf-8", "surrogatepass" if self.verified
                                                else "replace")
        return self._text


def codec_for(label: str | None, *, from_meta: bool = True) -> str | None:
    """Python codec for a WHATWG label; None for a label browsers do not know.

    A ``<meta>`` that names UTF-16 means UTF-8 (the bytes that spelled it
    out were ASCII); an HTTP header that names it means UTF-16."""
    if not label:
        return None
    codec = _WHATWG.get(label.strip().strip("\"'").lower())
    if from_meta and codec is not None and codec.startswith("utf-16"):
        return "utf-8"
    return codec


# markup that an ASCII-compatible codec leaves as it is, and that escaping
# codecs (unicode_escape, utf-7) and EBCDIC change
_ASCII_PROBE = b"<html lang=\"en\">\\u0041 +ADw- &amp;\n"


def _detected_codec(name: str | None) -> str | None:
    """Python codec for an encoding that detection named: a WHATWG label, or
    a Python codec name for a text encoding that reads ASCII as ASCII (the
    detector's own names, such as mac_latin2); None for anything else: bs4
    also tries the label a page declares, "unicode_escape" included."""
    codec = codec_for(name)
    if codec is not None or not name:
        return codec
    try:
        info = codecs.lookup(name)
    except LookupError:
        return None
    if not info._is_text_encoding:
        return None
    try:
        if _ASCII_PROBE.decode(info.name) != _ASCII_PROBE.decode("ascii"):
            return None
    except (UnicodeError, ValueError):
        return None
    return info.name


def charset_from_content_type(value: str | None) -> str | None:
    if not value:
        return None
    m = _HEADER_CHARSET.search(value)
    return m.group(1) if m else None


def sniff_meta(data: bytes) -> str | None:
    """The first charset declared before ``<body>``, however far into the head,
    that browsers know: as in their prescan, a declaration with an unknown
    label (``<meta charset="utf-7">``) is passed over for the next one.

    Case-insensitive regexes cannot use the fast literal search and visit every
    byte; ``bytes.find`` for the usual spellings of ``<meta``, confirmed by a
    regex at each hit, does the same job at memchr speed. Any other spelling
    is looked for in a lower-cased copy of the head, and a mixed-case "<Body"
    falls back to the full regex.
    """
    # The usual spellings first, with no copy of the head (which can hold
    # hundreds of KB of inline script), and the search for <body> only up to
    # the declaration found
    first = None
    for needle in (b"<meta", b"<META", b"<Meta"):
        m = _meta_charset(data, data, needle, len(data) if first is None else first.start())
        if m:
            first = m
    if first is not None and _body_start(data, first.start()) is None:
        # an oddly spelled declaration ("<mEta") before it would come first
        odd = _meta_charset(data, data[:first.start()].lower(), b"<meta", first.start())
        return (odd or first).group(1).decode("ascii", "replace")
    limit = _body_start(data, len(data))
    if limit is None:
        limit = len(data)
    # one C-speed copy of the head; finds on it are exact
    m = _meta_charset(data, data[:limit].lower(), b"<meta", limit)
    return m.group(1).decode("ascii", "replace") if m else None


def _meta_charset(data: bytes, hay: bytes, needle: bytes, end: int):
    """The first ``<meta>`` start tag that ``hay.find(needle)`` finds before
    ``end`` and that declares a charset with a known label (``hay`` is
    ``data`` or a lower-cased copy of its start)."""
    lt = hay.find(needle, 0, end)
    while lt >= 0:
        m = _META_CHARSET.match(data, lt, end)
        if m and codec_for(m.group(1).decode("ascii", "replace")) is not None:
            return m
        lt = hay.find(needle, lt + 5, end)
    return None


def _body_start(data: bytes, end: int) -> int | None:
    """Where ``<body`` starts before ``end``, if it does."""
    best = None
    for n in (b"<body", b"<BODY"):
        i = data.find(n, 0, end if best is None else best)
        if i >= 0:
            best = i
    if best is None:
        m = _BODY.search(data, 0, end + 5)  # any other spelling ("<Body")
        if m and m.start() < end:
            best = m.start()
    return best


# bytes that text holds; the rest (C0 controls but tab, newlines, form feed
# and escape) are rare in any page and common in binary data
_TEXT_BYTES = bytes(b for b in range(256) if b >= 0x20 or b in b"\t\n\v\f\r\x1b")


def _dammit(data: bytes, **kw):
    """bs4's detection. It logs a warning when it had to replace characters;
    with no logging set up, Python prints that on stderr, a line that names
    no page, in the middle of a run. A handler of our own keeps it off the
    terminal; an application that configures logging still receives it."""
    import logging

    from bs4.dammit import UnicodeDammit

    log = logging.getLogger("bs4.dammit")
    if not log.handlers:
        log.addHandler(logging.NullHandler())
    return UnicodeDammit(data, is_html=True, **kw)


def looks_binary(data: bytes) -> bool:
    """Binary data rather than a page. A stray NUL does not make a page
    binary (a CMS bug: browsers and libxml2 read it as U+FFFD), but NULs and
    other control bytes throughout do: images, archives, compressed data,
    UTF-16 without a byte-order mark."""
    head = data[:4096]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if b"\x00" not in head:
        return False  # random bytes hold a NUL in 4 KB all but surely
    controls = len(head.translate(None, _TEXT_BYTES))
    return controls * 50 > len(head)  # more than 2%


# Files that are plainly something else, by their first bytes: the reason a
# page cannot be linted names what it is (a PDF saved as .html is text enough
# to pass the binary check). The fetcher sniffs bodies with these too.
FILE_SIGNATURES = (
    (b"%PDF-", "a PDF document"), (b"\x1f\x8b", "gzip-compressed data"),
    (b"PK\x03\x04", "a ZIP archive"), (b"\x89PNG", "a PNG image"), (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
)
_SIGNATURE_STARTS = frozenset(m[:1] for m, _ in FILE_SIGNATURES)


def decode(data: bytes, http_charset: str | None = None, *,
           parser_checks_utf8: bool = False) -> Decoded:
    """Decode ``data`` as a browser would.

    With ``parser_checks_utf8``, a page that is (or claims to be) UTF-8 is not
    decoded here at all: lxml reads the bytes and libxml2 reports invalid
    UTF-8 in its error log, which the caller checks. Decoding in Python only
    to validate cost a tenth of the parse, and the str it built (two or four
    bytes a character on non-Latin pages) cost more again in memory traffic.
    """
    if not data or data.isspace():  # isspace() stops at the first other byte; strip() copies
        raise DecodeError("empty file")
    if data[:1] in _SIGNATURE_STARTS:
        for magic, kind in FILE_SIGNATURES:
            if data.startswith(magic):
                hint = "; decompress it first" if magic == b"\x1f\x8b" else ""
                raise DecodeError(f"{kind}, not HTML{hint}")
    http_codec = codec_for(http_charset, from_meta=False)
    # UTF-16 that a server declares has NULs throughout and no BOM to say so
    if looks_binary(data) and not (http_codec or "").startswith("utf-16"):
        raise DecodeError("binary file, not HTML")

    for bom, enc in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            text = data[len(bom):].decode(enc, "replace")
            return Decoded(text, enc, enc, "bom", text.encode("utf-8", "surrogatepass"))

    declared, how = None, "default"
    codec = http_codec
    if codec:
        declared, how = http_charset, "http"
    else:
        meta = sniff_meta(data)
        codec = codec_for(meta)
        if codec:
            declared, how = meta, "meta"

    if codec and codec != "utf-8" and how == "meta" and not data.isascii():
        # A stale legacy label on a page a transcoder already turned into UTF-8:
        # valid non-ASCII UTF-8 is practically never legacy text by accident.
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            return Decoded(text, "utf-8", declared, how, data)

    if parser_checks_utf8 and (codec is None or codec == "utf-8"):
        return Decoded(None, "utf-8", declared, how, data, verified=False)

    if codec is None:
        try:
            text = data.decode("utf-8")
            return Decoded(text, "utf-8", None, "default", data)
        except UnicodeDecodeError:
            dammit = _dammit(data)
            enc = _detected_codec(dammit.original_encoding) or "cp1252"
            text = data.decode(enc, "replace")
            return Decoded(text, enc, None, "detected", text.encode("utf-8"))

    if codec == "utf-8":
        try:
            text = data.decode("utf-8")
            return Decoded(text, "utf-8", declared, how, data)
        except UnicodeDecodeError:
            text = data.decode("utf-8", "replace")
            if text.count("\ufffd") > 16:
                # declared UTF-8 but clearly is not: give detection a chance
                dammit = _dammit(data, exclude_encodings=["utf-8"])
                enc = _detected_codec(dammit.original_encoding)
                if enc:
                    text = data.decode(enc, "replace")
                    return Decoded(text, enc, declared, "detected", text.encode("utf-8"))
            return Decoded(text, "utf-8", declared, how, text.encode("utf-8"))

    text = data.decode(codec, "replace")
    return Decoded(text, codec, declared, how, text.encode("utf-8"))
