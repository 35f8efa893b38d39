"""Turn a page's bytes into text, the way a browser would.

Order of authority: byte-order mark, then the HTTP ``Content-Type`` charset,
then the first ``<meta charset>``/``http-equiv`` before ``<body>`` *at any
distance* (news pages often declare it after kilobytes of inline script, where a
1 KB prescan misses it), then bs4's UnicodeDammit for pages that declare nothing.
Labels are mapped as the WHATWG Encoding standard maps them, so ``latin1``
means windows-1252 and ``gb2312`` means GBK, exactly as in a browser.
"""

from __future__ import annotations

import codecs
import re

_META_CHARSET = re.compile(
    rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9_.:+-]+)""", re.I
)
_BODY = re.compile(rb"<body[\s>]", re.I)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:+-]+)""", re.I)

# WHATWG Encoding labels -> Python codec names (only where they differ in meaning)
_WHATWG = {
    "utf8": "utf-8",
    "unicode-1-1-utf-8": "utf-8",
    "x-unicode20utf8": "utf-8",
    "unicode": "utf-8",  # a meta that claims UTF-16 is read as UTF-8
    "utf-16": "utf-8",
    "utf-16le": "utf-8",
    "utf-16be": "utf-8",
    "ascii": "cp1252",
    "us-ascii": "cp1252",
    "ansi_x3.4-1968": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "l1": "cp1252",
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "iso_8859-1": "cp1252",
    "cp819": "cp1252",
    "windows-1252": "cp1252",
    "x-cp1252": "cp1252",
    "iso-8859-9": "cp1254",
    "latin5": "cp1254",
    "iso-8859-11": "cp874",
    "tis-620": "cp874",
    "windows-874": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "gb_2312-80": "gb18030",
    "chinese": "gb18030",
    "gb18030": "gb18030",
    "big5": "big5hkscs",
    "big5-hkscs": "big5hkscs",
    "x-x-big5": "big5hkscs",
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "ms_kanji": "cp932",
    "windows-31j": "cp932",
    "csshiftjis": "cp932",
    "euc-kr": "cp949",
    "ks_c_5601-1987": "cp949",
    "windows-949": "cp949",
    "euc-jp": "euc_jp",
    "x-euc-jp": "euc_jp",
    "koi8-r": "koi8_r",
    "koi8-u": "koi8_u",
    "windows-1251": "cp1251",
    "x-cp1251": "cp1251",
    "cp1251": "cp1251",
}


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


def codec_for(label: str | None) -> str | None:
    """Python codec for a WHATWG label, or None when unknown."""
    if not label:
        return None
    key = label.strip().strip("\"'").lower()
    if key in _WHATWG:
        return _WHATWG[key]
    try:
        name = codecs.lookup(key).name
    except LookupError:
        return None
    if name in ("latin-1", "iso8859-1", "ascii"):
        return "cp1252"
    if name.startswith("utf-16") or name.startswith("utf-32"):
        return "utf-8"
    return name


def charset_from_content_type(value: str | None) -> str | None:
    if not value:
        return None
    m = _HEADER_CHARSET.search(value)
    return m.group(1) if m else None


def sniff_meta(data: bytes) -> str | None:
    """The first charset declared before ``<body>``, however far into the head.

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
    ``end`` and that declares a charset (``hay`` is ``data`` or a lower-cased
    copy of its start)."""
    lt = hay.find(needle, 0, end)
    while lt >= 0:
        m = _META_CHARSET.match(data, lt, end)
        if m:
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
    if looks_binary(data):
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
    codec = codec_for(http_charset)
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
            enc = codec_for(dammit.original_encoding) or "cp1252"
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
                enc = codec_for(dammit.original_encoding)
                if enc:
                    text = data.decode(enc, "replace")
                    return Decoded(text, enc, declared, "detected", text.encode("utf-8"))
            return Decoded(text, "utf-8", declared, how, text.encode("utf-8"))

    text = data.decode(codec, "replace")
    return Decoded(text, codec, declared, how, text.encode("utf-8"))
