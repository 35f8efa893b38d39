"""The page model: parse once, index once, query many.

One pass over the tree (``root.iter()``) collects everything the rules need,
in document order. Measured on corpus/news, one full iteration with a couple of
attribute reads costs about as much as a tag-filtered ``iter()`` plus an
``//@role`` XPath, and unlike that pair it yields one list in document order,
so rules can compare positions (``page.order``) without walking again.
Everything per element (hidden state, names, positions, selectors) is lazy and
memoised: computed only for elements that rules ask about.
"""

from __future__ import annotations

import bisect
import functools
import html
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import urlsplit

from lxml import etree

from a11ylint.page import end_tags
from a11ylint.page.aria import ALT_TAGS, PICTURE_TAGS, Aria, leading_text, normalise_ws
from a11ylint.page.decode import Decoded, decode
from a11ylint.page.positions import LXML_MAX_LINE, Locator, previous_in_document

_PARSER = None
# libxml2 2.14 tokenizes HTML as HTML5 does. lxml's own wheels carry it since
# lxml 6.0; an lxml built against an older system libxml2 parses raw-text
# elements (<iframe>, <noembed>...) as markup, so findings can differ.
LIBXML_MIN = (2, 14)


def parser_warning(version: tuple | None = None) -> str | None:
    """One line for stderr when lxml runs on a libxml2 older than LIBXML_MIN."""
    version = tuple(version or etree.LIBXML_VERSION)
    if version[:2] >= LIBXML_MIN:
        return None
    have = ".".join(map(str, version))
    need = ".".join(map(str, LIBXML_MIN))
    return (f"lxml uses libxml2 {have}, older than {need}: markup inside <iframe> and "
            "<noembed> is read as elements, so findings may differ from a browser's view; "
            "install lxml's own wheel (pip install --force-reinstall --only-binary lxml lxml)")


def _parser() -> etree.HTMLParser:
    global _PARSER
    if _PARSER is None:
        _PARSER = etree.HTMLParser(
            encoding="utf-8", huge_tree=True, no_network=True, remove_pis=True,
            default_doctype=False,
        )
    return _PARSER


class ParseError(Exception):
    pass


# libxml2 reports invalid UTF-8 as an encoding error; older releases call it
# an invalid character. It also stops logging after 100 errors per document,
# so a full log proves nothing and sends the page to the careful path.
_UTF8_ERRORS = frozenset(
    getattr(etree.ErrorTypes, name) for name in (
        "ERR_INVALID_ENCODING", "ERR_INVALID_CHAR", "ERR_UNKNOWN_ENCODING",
        "ERR_UNSUPPORTED_ENCODING") if hasattr(etree.ErrorTypes, name))


# libxml2 builds the tree by HTML 4's rules, which end an open h1-h6 at the
# start of any of these; browsers (HTML5) keep them inside the heading. So
# `<h2><p>Headline</p></h2>` became an empty h2 followed by a p, and the
# h2's own end tag was dropped as unexpected: the parser logs that error.
_ENDS_HEADING_IN_LIBXML2 = frozenset({"p", "table", "form", "fieldset", "li"})
# and an open <a> (measured over the HTML5 blocks: only these two)
_ENDS_LINK_IN_LIBXML2 = frozenset({"table", "fieldset"})
_A_START = re.compile(rb"<a[\s/>]", re.I)
_STRAY_END = re.compile(r"^Unexpected end tag : (h[1-6]|a)\s*$", re.I)
_REOPENABLE = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "a"})
# A start tag that ends in "/>". HTML5 ignores that slash on an element that
# is not void: `<h2/>Title</h2>` is an h2 holding "Title" in a browser, but
# libxml2 makes it an empty element and drops the end tag. An unquoted value
# takes the slash (`<a href=/news/>` is not self-closed). Possessive
# quantifiers: a start tag that does not end so fails at once, whatever its
# length, instead of trying every way to split its attribute names.
_SELF_CLOSED = re.compile(
    rb"""<([A-Za-z][^\s/>]*+)(?>\s++|/(?!>)|=|[^\s/>"'=]++"""
    rb"""(?>\s*+=\s*+(?>"[^"]*+"|'[^']*+'|[^\s>]++))?)*+/>""")
_ENDED_BY_TAG = re.compile(rb"</(h[1-6])\s*>\Z", re.I)


@functools.lru_cache(maxsize=64)  # tag names come from pages: keep it bounded
def _end_tag(tag: str) -> re.Pattern:
    """``</tag>``, in any case, with space before its ``>``."""
    return re.compile(rb"</" + tag.encode() + rb"\s*>", re.I)


def stray_end_tags(log) -> frozenset[str]:
    """Heading and link tags whose end tag the parser found with no such
    element open: the sign that it ended one of them early (see
    _reopen_headings and _reopen_self_closed). A full log (libxml2 stops at
    100 errors) may have lost the sign: then every one is a suspect."""
    if len(log) >= 100:
        return _REOPENABLE
    found = set()
    for e in log:
        m = _STRAY_END.match(e.message)
        if m:
            found.add(m.group(1).lower())
    return frozenset(found)


_STRAY_P_END = re.compile(r"^Unexpected end tag : p\s*$", re.I)
_P_END_TAG = re.compile(rb"</[pP](?=[\s>/])")
_LONE_CR = re.compile(rb"\r(?!\n)")
_LINE_BREAK = re.compile(rb"\r\n|\n|\r")


def stray_p_end_lines(log) -> tuple[int, ...]:
    """Source lines of the `</p>` tags the parser dropped because no p was
    open (one entry per tag). A browser makes each an empty paragraph."""
    return tuple(e.line for e in log if _STRAY_P_END.match(e.message))


_DEPTH_LIMIT = re.compile(r"Excessive depth in document: (\d+)")


def parse_stopped(log) -> str | None:
    """Why libxml2 gave up before the end of the page, if it did.

    A resource limit (elements nested 2048 deep, say) ends the parse: what
    follows is not in the tree, and a run that said nothing would pass
    unchecked content as clean. Such an error is always the last one logged,
    even in a log that has stopped recording ordinary errors."""
    if not end_tags.stopped_by_limit(log):
        return None
    last = log.last_error
    m = _DEPTH_LIMIT.match(last.message)
    what = (f"elements nested more than {m.group(1)} deep" if m
            else last.message.strip().rstrip("."))
    return f"the parser stopped at line {last.line} ({what}); the rest of the page was not checked"


def _utf8_in_doubt(log) -> bool:
    if len(log) >= 100:
        return True
    return any(e.type in _UTF8_ERRORS for e in log)


HEADING_TAGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
LANDMARK_TAGS = {"main": "main", "nav": "navigation", "aside": "complementary",
                 "search": "search"}
LANDMARK_ROLES = frozenset({"main", "navigation", "banner", "contentinfo", "complementary",
                            "search", "region", "form"})
_NATIVE_FOCUSABLE = frozenset({"a", "area", "button", "input", "select", "textarea", "iframe",
                               "summary", "audio", "video", "embed", "object"})
# HTML5 elements whose start tag ends an open <p> in a browser; libxml2
# knows only HTML 4's block elements and keeps them inside the p, so the
# elements inside get selectors that match nothing in a browser. These are
# the ones the walk visits anyway. article and section end a p too, but
# visiting them cost 0.02x of a parse in instructions (bench/instr_bench.py,
# 2.42x -> 2.44x) and changed no finding in corpus/news (one page, with
# `</p><p> <article>`, has eight headings without findings in such a p);
# dialog, figcaption and hgroup are left for the same reason. Where a
# finding's element sits in such a p, Page._end_p_above ends it before the
# selectors are made.
# the page's memos of css_path: element -> path, parent -> its children's places
_SELECTOR_CACHES = ("_selectors", "_type_places")
_ENDS_P_LATE = frozenset({"article", "section", "hgroup", "dialog", "figcaption"})
_ENDS_P_IN_HTML5 = frozenset({"aside", "figure", "footer", "header", "main", "nav", "summary",
                              "search", "details"})
_HOME_PATH = re.compile(r"^/?(?:index\.(?:html?|php|aspx?))?$|^/[a-z]{2}(?:[-_][a-z]{2,4})?/?$",
                        re.I)


def is_home_href(href: str | None) -> bool:
    """Whether a link leads to a site's home page ("/", "/en/", "index.html")."""
    if href is None:
        return False
    try:
        parts = urlsplit(href.strip())
    except ValueError:
        return False
    if parts.scheme and parts.scheme not in ("http", "https"):
        return False
    if not parts.path and not parts.netloc:
        return False  # "#top", "?page=2"
    return bool(_HOME_PATH.match(parts.path))


_LOCALE = re.compile(r"[A-Za-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})*")
_LANG_ATTR = re.compile(rb"""\slang\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""", re.I)
_P_END_BEFORE = re.compile(rb"</p\s*>\s*\Z", re.I)
# What a browser keeps in <head>; any other element there starts the body
_HEAD_CONTENT = frozenset({"base", "basefont", "bgsound", "link", "meta", "title", "noscript",
                           "noframes", "style", "script", "template"})
_COLLECT = frozenset({
    "a", "area", "img", "input", "button", "select", "textarea", "iframe", "summary", "audio",
    "video", "embed", "object", "svg", "h1", "h2", "h3", "h4", "h5", "h6", "main", "nav",
    "header", "footer", "aside", "search", "form", "figure", "html", "body", "head",
    "noscript", "template", "meta", "script", "source", "track", "wbr", "keygen", "image",
    "amp-img", "amp-anim", "base", "details",
})
# Void in HTML5, but libxml2 lets them hold what follows until their parent
# ends: <picture><source><source><img> nests the img two sources deep, and
# selectors built on that tree would match nothing in a browser.
_VOID_HOLDERS = frozenset({"source", "track", "wbr", "keygen", "embed"})
# What a browser keeps where libxml2 put it inside a table, row group or row;
# anything else there it moves out to just before the table ("foster
# parenting"): `<table><div>Ad</div><tr>` is a div before the table. A form
# stays as an empty element (see _empty_void), a hidden input stays too.
_TABLE_CONTENT = {
    "table": frozenset({"caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "td",
                        "th", "form", "script", "style", "template"}),
    "tbody": frozenset({"tr", "td", "th", "form", "script", "style", "template"}),
    "tr": frozenset({"td", "th", "form", "script", "style", "template"}),
}
_TABLE_CONTENT["thead"] = _TABLE_CONTENT["tfoot"] = _TABLE_CONTENT["tbody"]
_TABLE_PARTS = frozenset(_TABLE_CONTENT)
_ID_LOOKUP = etree.XPath("id($x)")  # compiled once: libxml2's ID table lookup
# Whole-page scans run over the UTF-8 bytes: the regex engine's one-byte path
# is several times faster than its path for a str holding non-Latin text.
_FOCUS_TABINDEX = re.compile(rb"""tabindex\s*=\s*["']?\s*\+?\d""")
_FOCUS_TABINDEX_I = re.compile(rb"""tabindex\s*=\s*["']?\s*\+?\d""", re.I)
# The attribute axis is several times cheaper than a //*[predicate] scan.
# Two queries, not one union: libxml2 merges a union in time quadratic in
# its two sides (0.8 s for 16,000 of each), and the preceding:: axis that
# focusables_before once used sorted its nodes in quadratic time too.
_TABINDEX_ATTRS = etree.XPath("//@tabindex")
_EDITABLE_ATTRS = etree.XPath("//@contenteditable")
_ROLES_OF_INTEREST = frozenset({"heading", "img", "image", "main"})
# Every role attribute, as strings that know their element. The attribute axis
# is cheaper than a //*[@role] element scan and, unlike the source scan it
# replaced, sees ROLE=, Role= and role= alike (the parser lowercases names).
_ROLE_ATTRS = etree.XPath("//@role")


_DOCUMENT_END = re.compile(rb"</(?:body|html)\s*>", re.I)
_HTML_END = re.compile(rb"</html\s*>", re.I)
# what may follow the body without mattering here: no finding is ever on it
_NOT_CONTENT = frozenset({"head", "body", "script", "style", "link", "meta", "noscript",
                          "template", "base", "title"})
# comments, and the raw text of scripts and styles, where "<div" is not a tag
_NOT_MARKUP = re.compile(rb"<!--.*?(?:-->|\Z)|<(script|style)\b.*?(?:</\1\s*>|\Z)", re.I | re.S)
_START_TAG_NAME = re.compile(rb"<([A-Za-z][A-Za-z0-9-]*)")


def _parse_with(parser):
    def parse(data: bytes):
        return etree.fromstring(data, parser), parser.error_log
    return parse


def _dropped_after_end(raw: bytes, root) -> bool:
    """Whether libxml2 misplaced or dropped content that follows ``</body>``
    or ``</html>``: a template that closes the document early (an include
    that ends with ``</body></html>``, the rest of the page after it). After
    ``</body>`` libxml2 hangs elements on <html>, outside the body; after
    ``</html>`` it mostly drops them, silently. A browser puts both in the
    body. Scripts and styles there (tracking tags, most often) change no
    finding and do not count."""
    for child in root:
        if isinstance(child.tag, str) and child.tag not in _NOT_CONTENT:
            return True
    # what follows the last </html>, found from the end: a forward search for
    # the first would cost a pass over the page (about 5% of a parse), so an
    # early </html> that a later one follows is not told apart here
    at = raw.rfind(b"</html")
    if at < 0:
        at = raw.rfind(b"</HTML")
    end = _HTML_END.match(raw, at) if at >= 0 else None
    if end is None:
        return False
    tail = raw[end.end():]
    if b"<" not in tail:
        return False
    return any(m.group(1).lower().decode() not in _NOT_CONTENT
               for m in _START_TAG_NAME.finditer(_NOT_MARKUP.sub(b"", tail)))


def _without_document_ends(raw: bytes) -> bytes:
    """The page with its ``</body>`` and ``</html>`` tags blanked out, same
    length, same lines: parsed again, what follows them stays in the body,
    and every position read from the source still holds."""
    return _DOCUMENT_END.sub(lambda m: b" " * len(m.group()), raw)


def _mentioned(raw: bytes, word: bytes, rx, end: int) -> bool:
    """Whether ``rx`` (which starts with ``word``) matches somewhere before
    ``end``. A regex scan costs several instructions a byte; ``bytes.find``
    for the word, with the regex tried only where it occurs, about one."""
    pos = raw.find(word, 0, end)
    while pos >= 0:
        if rx.match(raw, pos):
            return True
        pos = raw.find(word, pos + len(word), end)
    return False


def _mentions_focus(raw: bytes, end: int) -> bool:
    """Whether the source before ``end`` mentions a tabindex of 0 or more, or
    contenteditable: without one, no element there is focusable by them."""
    return bool(_mentioned(raw, b"tabindex", _FOCUS_TABINDEX, end)
                or raw.find(b"contenteditable", 0, end) >= 0
                or raw.find(b"CONTENTEDITABLE", 0, end) >= 0
                or (raw.find(b"TABINDEX", 0, end) >= 0
                    and _FOCUS_TABINDEX_I.search(raw, 0, end)))


_JSONLD_HEADLINE_TYPES = frozenset({"newsarticle", "article", "reportagenewsarticle",
                                    "analysisnewsarticle", "opinionnewsarticle",
                                    "reviewnewsarticle", "backgroundnewsarticle", "blogposting",
                                    "liveblogposting"})


@dataclass(slots=True)
class Heading:
    element: object
    level: int
    order: int


@dataclass(slots=True)
class Source:
    """One input as bytes, plus what the transport knows about it."""

    label: str
    data: bytes
    url: str | None = None
    content_type: str | None = None
    content_language: str | None = None
    base: str | None = None


@dataclass(eq=False)
class Page:
    label: str
    root: object
    decoded: Decoded
    url: str | None = None
    content_language: str | None = None
    base: str | None = None
    order: dict = field(default_factory=dict)
    # elements order_of placed between collected ones: (base key, distance)
    _placed: dict = field(default_factory=dict, init=False, repr=False)
    headings: list = field(default_factory=list)
    images: list = field(default_factory=list)
    links: list = field(default_factory=list)
    fragment_links: list = field(default_factory=list)  # a[href] with a '#': in-page targets
    anchors_named: list = field(default_factory=list)
    native_focusables: list = field(default_factory=list)
    landmarks: dict = field(default_factory=dict)
    figures: list = field(default_factory=list)
    frames: list = field(default_factory=list)  # <iframe> elements (embeds: videos, posts, polls)
    bases: list = field(default_factory=list)  # <base> elements, outside <template>/<noscript>
    closed_details: bool = False  # a <details> without `open`: see skip_links._in_closed_details
    html: object = None
    head: object = None
    body: object = None
    stray_end_tags: frozenset = frozenset()  # from the parser's log: see _reopen_headings
    stray_p_ends: tuple = ()  # lines, from the parser's log: see _add_stray_paragraphs
    stopped: str | None = None  # why libxml2 stopped before the end: see parse_stopped

    # -- construction -------------------------------------------------------
    @classmethod
    def from_source(cls, src: Source) -> Page:
        from a11ylint.page.decode import charset_from_content_type

        http = charset_from_content_type(src.content_type)
        decoded = decode(src.data, http, parser_checks_utf8=True)
        return cls.from_decoded(decoded, src.label, url=src.url,
                                content_language=src.content_language, base=src.base,
                                recheck=lambda: decode(src.data, http))

    @classmethod
    def from_html(cls, html: str, label: str = "<string>", url: str | None = None) -> Page:
        data = html.encode("utf-8")
        return cls.from_decoded(decode(data, "utf-8"), label, url=url)

    @classmethod
    def from_decoded(cls, decoded: Decoded, label: str, url=None, content_language=None,
                     base=None, recheck=None) -> Page:
        parser = _parser()
        try:
            root = etree.fromstring(decoded.utf8_bytes, parser)
            log = parser.error_log
            if not decoded.verified:
                if _utf8_in_doubt(log):
                    # not valid UTF-8 after all: decode it the slow, careful way
                    decoded = recheck() if recheck is not None else decode(
                        decoded.utf8_bytes)
                    root = etree.fromstring(decoded.utf8_bytes, parser)
                    log = parser.error_log
                else:
                    decoded.verified = True
            parsed = decoded.utf8_bytes
            if root is not None and _dropped_after_end(parsed, root):
                parsed = _without_document_ends(parsed)
                root = etree.fromstring(parsed, parser)
                log = parser.error_log
            if root is not None and end_tags.ignored_across_div(log):
                try:
                    again = end_tags.close_across_divs(parsed, root, log, _parse_with(parser))
                except (etree.XMLSyntaxError, ValueError):
                    again = None  # libxml2's own tree, as a page without the repair
                if again is not None and again[0] is not None:
                    root, log = again
        except (etree.XMLSyntaxError, ValueError) as exc:
            raise ParseError(f"cannot parse HTML: {exc}") from None
        if root is None:
            raise ParseError("no HTML content")
        return cls.from_tree(root, decoded, log, label, url=url,
                             content_language=content_language, base=base)

    @classmethod
    def from_tree(cls, root, decoded: Decoded, log, label: str, **kw) -> Page:
        """The indexed page of a parsed tree. ``log``, the parser's error
        log, tells where libxml2's tree needs the repairs of _index."""
        page = cls(label=label, root=root, decoded=decoded,
                   stray_end_tags=stray_end_tags(log) if log else frozenset(),
                   stray_p_ends=stray_p_end_lines(log) if log else (),
                   stopped=parse_stopped(log) if log else None, **kw)
        page._index()
        return page

    def _index(self) -> None:
        # A tag-filtered iter() creates Python proxies only for the elements we
        # collect (measured: about 40% of the cost of visiting every element).
        # The few elements that matter only through an attribute are found
        # afterwards: role=heading, img or main from the role attributes, and
        # tabindex/contenteditable ones only when a rule asks for focusables.
        order = self.order
        links, native = self.links, self.native_focusables
        fragment_links = self.fragment_links
        images, headings = self.images, self.headings
        # page metadata rides along in the walk: a separate iter() per kind
        # cost more than the few hundred extra proxies
        metas: list = []
        jsonld: list = []
        self.__dict__["metas"] = metas
        self.__dict__["jsonld_scripts"] = jsonld
        inert: set | None = None  # collected nodes inside <noscript>/<template>
        holders: list = []  # void elements (and forms in tables) the parser filled
        closers: list = []  # HTML5 blocks the parser left inside a <p>
        nested: list = []  # h1-h6 right inside another heading
        for i, el in enumerate(self.root.iter(*_COLLECT)):
            if inert is not None and el in inert:
                continue
            tag = el.tag
            if tag == "a":
                k = el.keys()
                if "role" not in k and "tabindex" not in k:
                    order[el] = i
                    if "href" in k:
                        links.append(el)
                        native.append(el)
                        if "#" in el.get("href"):
                            fragment_links.append(el)
                    if "name" in k:
                        self.anchors_named.append(el)
                    continue
            elif tag == "img":
                # second most common: a plain image needs no role analysis
                k = el.keys()
                if "role" not in k and "tabindex" not in k:
                    order[el] = i
                    images.append(el)
                    continue
            elif tag in HEADING_TAGS:
                parent = el.getparent()
                if parent is not None and parent.tag in HEADING_TAGS:
                    nested.append(el)
                k = el.keys()
                if "role" not in k and "tabindex" not in k:
                    order[el] = i
                    headings.append(Heading(el, HEADING_TAGS[tag], i))
                    continue
            elif tag == "meta":
                metas.append(el)
                continue
            elif tag == "script":
                t = el.get("type")
                if t is not None and t.strip().lower() == "application/ld+json":
                    jsonld.append(el)
                continue
            elif tag == "base":
                order[el] = i
                self.bases.append(el)
                continue
            elif tag in _VOID_HOLDERS:
                if el.text is not None or len(el):
                    holders.append(el)
                if tag != "embed":
                    order[el] = i
                    continue
            elif tag == "image":
                if next(el.iterancestors("svg", "math"), None) is not None:
                    order[el] = i
                    continue  # SVG's own <image>
                # a browser's parser reads <image> as <img>; libxml2 keeps the
                # unknown name, and the image would go unchecked
                el.tag = tag = "img"
                self.__dict__.setdefault("_renamed", {})[el] = "image"
                if el.text is not None or len(el):
                    holders.append(el)
            elif tag == "noscript" or tag == "template":
                order[el] = i
                if inert is None:
                    inert = set()
                inert.update(el.iter(*_COLLECT))
                continue
            elif tag in _ENDS_P_IN_HTML5:
                parent = el.getparent()
                if parent is not None and parent.tag == "p":
                    closers.append(el)
                if tag == "details" and el.get("open") is None:
                    self.closed_details = True
            elif tag == "form" and (el.text is not None or len(el)):
                # in a table (outside a cell) a browser's parser makes the form
                # an empty element and puts its rows and cells in the table
                parent = el.getparent()
                if parent is not None and parent.tag in _TABLE_PARTS:
                    holders.append(el)
            order[el] = i
            self._add(el, tag, i)
        if self.head is not None and self._walked_in_head():
            self._end_head_at_body_content()
        for el in holders:  # in document order: an outer one first
            moved = _empty_void(el)
            parent = el.getparent()
            if parent is not None and parent.tag == "p":  # `<p><source><figure>`
                closers.extend(k for k in moved if k.tag in _ENDS_P_IN_HTML5)
        if closers:
            closers.sort(key=self.order_of)
            for el in closers:
                self._end_p_before(el)
        for el in nested:
            # a heading's start tag ends a heading that is the current node
            # in a browser: `<h6>a<h6>b</h6></h6>` is two headings there
            if el.getparent().tag in HEADING_TAGS:
                _move_after_parent(el)
        self._add_role_elements()
        if self.stray_end_tags:
            self._reopen_headings(self.stray_end_tags)
            if "a" in self.stray_end_tags:
                self._reopen_links()
        self._reopen_unended_headings()
        if self.stray_p_ends:
            self._add_stray_paragraphs(self.stray_p_ends)

    def _walked_in_head(self) -> bool:
        """Whether the walk met a heading, image, link, control or landmark
        before <body>: then it is in <head> (which comes first), where only
        libxml2 puts such things. Looking at the first of each costs nothing;
        reading every child of every page's head cost 1% of the lint time."""
        order = self.order
        body = order.get(self.body) if self.body is not None else None
        firsts = [self.headings[0].element] if self.headings else []
        firsts += [found[0] for found in (self.images, self.links, self.native_focusables,
                                          *self.landmarks.values()) if found]
        keys = [order[el] for el in firsts if el in order]
        return bool(keys) and (body is None or min(keys) < body)

    def _end_head_at_body_content(self) -> None:
        """Move body content that libxml2 left in <head> to the body.

        <head> and <body> tags are optional, and minifiers drop them; a page
        that goes on from its <title> with <header>, <nav>, <main>,
        <section>, <svg> or <input> keeps all of it in libxml2's head (HTML 4
        has no such body-starting elements, or no inputs in a head), where
        nothing counts as rendered: such a page had "no headings at all".
        A browser ends the head at the first element that does not belong
        there; that element and everything after it in the head go to the
        start of the body, in document order."""
        root, head = self.root, self.head
        first = None
        for child in head:
            if isinstance(child.tag, str) and child.tag not in _HEAD_CONTENT:
                first = child
                break
        if first is None:
            return
        body = self.body
        if body is None:
            body = self.body = etree.SubElement(root, "body")
            body.sourceline = first.sourceline
        elif body.getparent() is not root:
            return  # a <body> tag inside the misplaced content: left as it is
        moved = [first, *first.itersiblings()]
        after = body.text  # the body's own leading text follows what moves in
        body.text = None
        for i, node in enumerate(moved):
            body.insert(i, node)
        if after:
            _set_tail(moved[-1], (moved[-1].tail or "") + after)

    def _end_p_before(self, el) -> None:
        """End the <p> that holds ``el`` where a browser ends it.

        A browser's parser ends an open p at the start of an HTML5 block
        (figure, aside, header...); libxml2, which knows HTML 4's blocks
        only, keeps it open, and `<p><figure>` gave selectors (`p > figure`)
        that match nothing in a browser. ``el`` and everything after it in
        the p move out to just after the p, a move that keeps document order,
        and so every order key and source position. Where the source then
        closes the p explicitly, that `</p>` has no open p left in a browser,
        which makes an empty one: it is added too, so that the p elements
        after it keep their place in nth-of-type counts."""
        p = el.getparent()
        if p is None or p.tag != "p":
            return  # an earlier block in the same p moved it already
        after = p.getnext()
        # text right after the p: its end tag is not simply before `after`
        text_after = p.tail is not None and p.tail.strip()
        anchor = _move_after_parent(el)
        if text_after or after is None:
            return
        off = self.offset(after)
        if off is not None and _P_END_BEFORE.search(self.raw_bytes, max(0, off - 64), off):
            empty = etree.Element("p")
            # on the line where the run ends: the same-line counts that
            # locate elements must not stop at a node with no line
            empty.sourceline = _last_line(anchor)
            anchor.addnext(empty)

    def _add_stray_paragraphs(self, lines: tuple) -> None:
        """Add the empty paragraphs a browser makes of stray `</p>` tags.

        `<p><blockquote class="twitter-tweet">...</blockquote><script></script></p>`
        is how news pages embed a post: the blockquote ends the p, and the
        `</p>` finds no p open. libxml2 drops it; a browser makes an empty
        `<p></p>` there, which counts in the nth-of-type of every paragraph
        after it, so selectors for the images further down the article
        named the wrong paragraph. Only the lines are in the parser's log:
        a line whose `</p>` tags are all stray gives their offsets, and a line
        that also holds ordinary ones is left alone. The empty p goes before
        the first element that starts after the tag, or at the end of the
        element before it when that one was still open (its end tag comes
        later). Runs only on pages whose log shows a stray `</p>`."""
        loc = self.locator
        raw = self.raw_bytes
        strays: list[tuple[int, int]] = []
        for line, n in Counter(lines).items():
            span = loc.line_span(line) if 0 < line < LXML_MAX_LINE else None
            if span is None:
                continue
            offs = [m.start() for m in _P_END_TAG.finditer(raw, *span)]
            if len(offs) == n:
                strays.extend((line, off) for off in offs)
        if not strays:
            return
        # the walk's elements, in document order (later keys are fractions)
        walked = [e for e, k in self.order.items() if type(k) is int]
        for line, at in sorted(strays):
            nxt = self._first_after(walked, line, at)
            if nxt is None:
                continue
            # the highest element on nxt's chain that starts after the tag
            parent = nxt.getparent()
            while parent is not None and parent.getparent() is not None:
                off = self.offset(parent)
                if off is None or off < at:
                    break
                nxt, parent = parent, parent.getparent()
            if not self._body_begun(nxt, parent, at):
                continue  # before the body, a browser ignores a stray </p> too
            empty = etree.Element("p")
            empty.sourceline = line
            before = nxt.getprevious()
            while before is not None and not isinstance(before.tag, str):
                before = before.getprevious()
            start = self.offset(nxt)
            if before is not None and start is not None and before.tag.isalnum() and \
                    re.compile(rb"</" + before.tag.encode() + rb"[\s>]", re.I).search(
                        raw, at, start):
                before.append(empty)  # still open at the tag: the p goes inside it
            else:
                nxt.addprevious(empty)

    def _body_begun(self, nxt, parent, at: int) -> bool:
        """Whether the body had begun at offset ``at``, where ``nxt`` (child
        of ``parent``) is the highest element that starts after it: only
        there does a browser make a paragraph of a stray `</p>`. Before it
        (`<html></p>`, `<head></head></p>`) the tag is dropped there too."""
        if parent is None or nxt.tag in ("head", "body") or parent.tag == "head":
            return False
        if parent is not self.body:
            return True  # the parent started before the tag, inside the body
        prev = nxt.getprevious()
        while prev is not None:
            if isinstance(prev.tag, str) or (prev.tail or "").strip():
                return True  # body content before the tag
            prev = prev.getprevious()
        if (parent.text or "").strip():
            return True
        return re.search(rb"<body[\s/>]", self.raw_bytes[:at], re.I) is not None

    def _first_after(self, walked: list, line: int, at: int):
        """The first element in document order that starts after offset
        ``at`` (on ``line``): from the first element of the walk that ends
        its start tag on that line or later, back over the few elements the
        walk does not collect."""
        i = bisect.bisect_left(walked, line, key=_sourceline)
        while i < len(walked) and _sourceline(walked[i]) == line:
            off = self.offset(walked[i])
            if off is not None and off > at:
                break
            i += 1
        node = found = walked[i] if i < len(walked) else None
        if node is None:
            return None
        while True:
            node = previous_in_document(node)
            if node is None:
                break
            if not isinstance(node.tag, str):
                continue
            ln = node.sourceline or 0
            if ln < line:
                break
            if ln == line:
                off = self.offset(node)
                if off is None or off < at:
                    break
            found = node
        return found

    def _reopen_headings(self, suspects: frozenset) -> None:
        """Put back into its heading what libxml2 moved out of it.

        For `<h2><p>Headline</p></h2>` the parser ends the h2 at `<p` and
        drops the `</h2>` that follows; browsers keep the p inside, so the
        heading is not empty and its name is the headline. A heading ended
        that way has no text after it (the p starts where it ended) and a
        next sibling that is not preceded in the source by its end tag. The
        siblings that start before that end tag move back inside: a move
        that keeps document order, so positions and order keys still hold.
        Runs only on the rare page whose parse log shows a stray heading end
        tag, so the source lookups cost nothing elsewhere.
        """
        raw = self.raw_bytes
        for h in self.headings:
            el = h.element
            tag = el.tag
            if tag not in suspects:
                continue
            if el.text is None and not len(el) and self._reopen_self_closed(el, HEADING_TAGS):
                continue
            if el.tail is not None:
                continue
            nxt = el.getnext()
            if nxt is None or nxt.tag not in _ENDS_HEADING_IN_LIBXML2:
                continue
            start = self.offset(nxt)
            if start is None:
                continue
            closed = _ENDED_BY_TAG.search(raw, max(0, start - 16), start)
            if closed is not None and closed.group(1).lower() == tag:
                continue  # `</h2><p>`: the heading really ended there
            end = _end_tag(tag).search(raw, start)
            if end is None:
                continue
            run, _ = self._run_before(nxt, end.start())
            if not run:
                continue
            if not self._ends_before(run[-1], end.start()):
                # an unclosed <p> ran on past the heading's end tag: moving
                # it would put the rest of the page in the heading
                continue
            for node in run:
                el.append(node)

    def _run_before(self, first, end: int | None, closers=()):
        """The elements from ``first`` on, ``first`` and its following
        siblings, that start before the byte offset ``end`` (any, when None)
        and before a sibling in ``closers``; comments come along only
        between two of them. With the sibling that stopped the run (None
        when there were no more), or None when one of them holds a closer."""
        run, pending = [], []
        sib = first
        while sib is not None:
            if isinstance(sib.tag, str):
                off = self.offset(sib)
                if off is None or (end is not None and off >= end) or sib.tag in closers:
                    return run, sib
                if closers and next(sib.iter(*closers), None) is not None:
                    return None
                run.extend(pending)
                pending = []
                run.append(sib)
            else:
                pending.append(sib)  # a comment moves only between moved elements
            sib = sib.getnext()
        return run, None

    def _ends_before(self, node, end: int) -> bool:
        """Whether the elements inside ``node`` (which starts before ``end``)
        start before it too; only the last one needs looking at."""
        inner = node.xpath("descendant::*[last()]")
        if not inner:
            return True
        off = self.offset(inner[0])
        return off is not None and off < end

    def _reopen_links(self) -> None:
        """`<a href="#main"/>Skip to content</a>`: see _reopen_self_closed.
        And a link that libxml2 ended at a `<table>` or `<fieldset>` (HTML 4
        lets neither sit in an `<a>`; HTML5 does, and browsers keep them in
        the link): its content moves back in, as for headings. Only links
        followed by one are looked at, on the pages whose parse log shows a
        stray `</a>`."""
        seen = set()
        for el in (*self.links, *self.anchors_named):
            if el in seen:
                continue
            seen.add(el)
            if el.text is None and not len(el):
                if self._reopen_self_closed(el, ("a",)):
                    continue
            nxt = el.getnext()
            if nxt is not None and nxt.tag in _ENDS_LINK_IN_LIBXML2 and el.tail is None:
                self._reopen_link_before(el, nxt)

    def _reopen_link_before(self, el, nxt) -> None:
        raw = self.raw_bytes
        start = self.offset(nxt)
        if start is None:
            return
        end = _end_tag("a").search(raw, start)
        # a link opened in between would own that end tag
        if end is None or _A_START.search(raw, start, end.start()) is not None:
            return
        run, _ = self._run_before(nxt, end.start())
        if not run or not self._ends_before(run[-1], end.start()):
            return
        # the last node's tail runs on past the dropped `</a>`: what follows
        # the end tag (up to the next markup) stays outside the link
        last = run[-1]
        tail = last.tail or ""
        lt = raw.find(b"<", end.end())
        after = html.unescape(raw[end.end():lt if lt >= 0 else len(raw)].decode("utf-8", "replace"))
        if not tail.endswith(after):
            return  # the tree and the source disagree: left as libxml2 built it
        for node in run:
            el.append(node)
        inside = tail[:len(tail) - len(after)]
        _set_tail(last, inside or None)
        _set_tail(el, after or None)

    def _reopen_unended_headings(self) -> None:
        """`<div><h3 class="title"/><p>Summary</p></div>`, no `</h3>`: a
        browser keeps the h3 open to the end of the div (see
        _reopen_self_closed; those with a dropped end tag were looked at in
        _reopen_headings). Empty headings are few, so looking at the source
        of each costs nothing on ordinary pages."""
        dropped = self.stray_end_tags
        for h in self.headings:
            el = h.element
            if el.text is None and not len(el) and el.tag not in dropped \
                    and el.tag in HEADING_TAGS:
                self._reopen_self_closed(el, HEADING_TAGS, ended=False)

    def _reopen_self_closed(self, el, closers, ended: bool = True) -> bool:
        """Give an element written `<tag .../>` the content a browser gives it.

        HTML5 ignores the slash of a non-void start tag: the element stays
        open, and what follows belongs inside until its end tag (which
        libxml2, having left the element empty, dropped as stray: ``ended``),
        or the start of a sibling in ``closers`` (a second heading or link
        ends the first), or else the end of its parent. Those nodes move in,
        with their text; document order is kept, so positions and order keys
        still hold. Anything the source and the tree do not agree on leaves
        the tree as libxml2 built it: a closer nested deeper, an end tag
        inside a nested element, text that does not match its source."""
        raw = self.raw_bytes
        start = self.offset(el)
        if start is None:
            return False
        tag = _SELF_CLOSED.match(raw, start)
        if tag is None or tag.group(1).lower() != el.tag.encode():
            return False
        end = None
        if ended:
            end = _end_tag(el.tag).search(raw, tag.end())
            if end is None:
                return False
        found = self._run_before(el.getnext(), end.start() if end else None, closers)
        if found is None:
            return False
        run, stop = found
        if stop is not None and self.offset(stop) is None:
            return False
        # ended by a closer's start tag: all text before it is inside
        closed = stop is not None and stop.tag in closers and (
            end is None or self.offset(stop) < end.start())
        holder = run[-1] if run else el
        tail = holder.tail or ""
        if end is None or closed:
            inside = tail
        else:
            # the text that ends the content, between the last markup and the end tag
            gt = raw.rfind(b">", tag.end() - 1, end.start())
            inside = html.unescape(raw[gt + 1:end.start()].decode("utf-8", "replace"))
            if run:
                if not self._ends_before(run[-1], end.start()):
                    return False  # the end tag sits inside a nested element
                if not inside.strip() and not _closes(raw, gt, run[-1], self.offset(run[-1])):
                    return False  # no text to compare: the markup before it must end the last node
            if not tail.startswith(inside):
                return False
        if not run and not inside:
            return False
        rest = tail[len(inside):] or None
        if run:
            _set_text(el, el.tail)  # the text before the first node
            for node in run:
                el.append(node)  # with its tail
            _set_tail(run[-1], inside or None)
        else:
            _set_text(el, inside or None)
        _set_tail(el, rest)
        return True

    def _add_role_elements(self) -> None:
        """role=heading, img or main on elements the walk does not collect
        (a <div role="heading">); collected tags had their role read there."""
        extra = []
        for value in _ROLE_ATTRS(self.root):
            role = value.strip().lower().split(" ")[0]
            if role in _ROLES_OF_INTEREST:
                el = value.getparent()
                if el.tag not in _COLLECT and not self._inert(el):
                    extra.append(el)
        if not extra:
            return
        for el in extra:
            key = self.order_of(el)
            self._add(el, el.tag, key)
        self.headings.sort(key=lambda h: h.order)

    def _inert(self, el) -> bool:
        return next(el.iterancestors("noscript", "template"), None) is not None

    def order_of(self, el) -> float:
        """Document-order key of any element. Collected elements have integer
        keys from the index walk; any other element gets a key between its
        nearest collected predecessor and the next one, found by walking
        backwards in document order (short: collected tags are everywhere).
        Every element the walk passes gets its key too, so a run of thousands
        of uncollected elements (``<div tabindex=0>``, ``<div role=heading>``)
        is walked once, not once for each of them."""
        order = self.order
        key = order.get(el)
        if key is not None:
            return key
        placed = self._placed  # element -> (base, its distance after base)
        path = [el]  # el and the elements before it that have no key yet
        node = el
        base, dist = -1, -1  # reaching the top: the first element is at -1
        while True:
            node = previous_in_document(node)
            if node is None:
                break
            known = placed.get(node)
            if known is not None:
                base, dist = known
                break
            k = order.get(node)
            if k is not None:
                base, dist = k, 0
                break
            path.append(node)
        for node in reversed(path):
            dist += 1
            placed[node] = (base, dist)
            order[node] = base + dist / (dist + 1.0)
        return order[el]

    @cached_property
    def focusables(self) -> list:
        """Focusable elements in document order: native ones from the index
        walk, plus tabindex/contenteditable elements when the source has any."""
        native = self.native_focusables
        text = self.raw_bytes
        # most pages have no tabindex of 0 or more and no contenteditable
        if not _mentions_focus(text, len(text)):
            return native
        extra = [el for el in self._focus_attributed if self._extra_focusable(el)]
        if not extra:
            return native
        return sorted([*native, *extra], key=self.order_of)

    def native_focusables_before(self, limit) -> int:
        """How many links and form controls the HTML has before ``limit``,
        shown or not: a slice of the index, no element is asked anything."""
        order_of = self.order_of
        return bisect.bisect_left(self.native_focusables, order_of(limit), key=order_of)

    def focusables_before(self, limit, want: int | None = None, accept=None) -> list:
        """Focusable elements before ``limit`` in document order, those that
        ``accept`` takes when it is given; with ``want``, only the first
        ``want`` of them.

        The skip-link rules ask for the first three rendered focusables before
        the main content and for those before the first skip link: both sit
        near the top of the page. The native controls are a slice of the
        index; tabindex and contenteditable elements are queried from the
        tree only when the source before the last element needed mentions
        one, which most pages' headers do not."""
        order_of = self.order_of
        at = order_of(limit)
        native = self.native_focusables
        natives = native[:bisect.bisect_left(native, at, key=order_of)]
        boundary = limit
        if want is not None:
            taken = 0
            for i, el in enumerate(natives):
                if accept is None or accept(el):
                    taken += 1
                    if taken == want:
                        boundary, natives = el, natives[:i + 1]
                        break
        # the source before the boundary tells whether any could be there
        end = self.locator.quick_offset(boundary)
        extra = []
        if end is None or _mentions_focus(self.raw_bytes, end):
            attributed = self._focus_attributed
            # those before the boundary: its ancestors and the elements before it
            stop = bisect.bisect_left(attributed, order_of(boundary), key=order_of)
            extra = [el for el in attributed[:stop] if self._extra_focusable(el)]
        found = natives
        if extra:
            found = sorted([*natives, *extra], key=order_of)
        if accept is not None:
            found = [el for el in found if accept(el)]
        return found if want is None else found[:want]

    @cached_property
    def _focus_attributed(self) -> list:
        """Elements with a tabindex or contenteditable attribute, each once,
        in document order."""
        tab = [a.getparent() for a in _TABINDEX_ATTRS(self.root)]
        editable = [a.getparent() for a in _EDITABLE_ATTRS(self.root)]
        if not editable:
            return tab
        if not tab:
            return editable
        return sorted(set(tab).union(editable), key=self.order_of)

    def select_all(self, xpaths: tuple) -> list:
        """The elements that any of ``xpaths`` (see css_xpaths) match from the
        root, each once, in document order."""
        if len(xpaths) == 1:
            return list(xpaths[0](self.root))
        return sorted({el for xp in xpaths for el in xp(self.root)}, key=self.order_of)

    def _extra_focusable(self, el) -> bool:
        """A focusable element that is not a native control (tabindex of 0 or
        more, contenteditable), outside <noscript>/<template>."""
        return (el.tag not in _NATIVE_FOCUSABLE and not self._inert(el)
                and _is_focusable(el, el.tag, el.get("tabindex")))

    def _add(self, el, tag, i) -> None:
        role = el.get("role")
        if role is not None:
            role = role.strip().lower().split(" ")[0] if role.strip() else None
        tabindex = el.get("tabindex")
        if tag in _NATIVE_FOCUSABLE and _is_focusable(el, tag, tabindex):
            self.native_focusables.append(el)
        level = HEADING_TAGS.get(tag)
        if level is not None and role in (None, "heading"):
            self.headings.append(Heading(el, _aria_level(el, level), i))
        elif role == "heading":
            self.headings.append(Heading(el, _aria_level(el, 2), i))
        if tag == "a":
            if el.get("href") is not None:
                self.links.append(el)
                if "#" in el.get("href"):
                    self.fragment_links.append(el)
            if el.get("name") is not None:
                self.anchors_named.append(el)
        elif tag in PICTURE_TAGS or (tag == "input" and (el.get("type") or "").lower() == "image") \
                or (tag == "area" and el.get("href") is not None):
            self.images.append(el)
        if role in ("img", "image") and tag not in ALT_TAGS and tag != "input":
            self.images.append(el)
        elif tag == "svg":
            self.images.append(el)
        lm = role if role in LANDMARK_ROLES else LANDMARK_TAGS.get(tag)
        if lm:
            self.landmarks.setdefault(lm, []).append(el)
        elif tag in ("header", "footer") and role is None:
            self.landmarks.setdefault("banner" if tag == "header" else "contentinfo",
                                      []).append(el)
        if tag == "figure":
            self.figures.append(el)
        elif tag == "iframe":
            self.frames.append(el)
        elif tag == "html":
            if self.html is None:
                self.html = el
        elif tag == "body":
            if self.body is None:
                self.body = el
        elif tag == "head":
            if self.head is None:
                self.head = el

    # -- lazily indexed: needed by few rules, so not in the hot walk ----------
    @cached_property
    def comments(self) -> list:
        return list(self.root.iter(etree.Comment))

    @cached_property
    def metas(self) -> list:
        # the whole tree, not just <head>: libxml2 moves head metadata that
        # follows a tracking pixel or other body content into <body>
        return list(self.root.iter("meta"))

    @cached_property
    def jsonld_scripts(self) -> list:
        return [el for el in self.root.iter("script")
                if (el.get("type") or "").strip().lower() == "application/ld+json"]

    @cached_property
    def title_element(self):
        scope = self.head if self.head is not None else self.root
        return next(scope.iter("title"), None)

    # -- helpers shared by rules ---------------------------------------------
    @cached_property
    def aria(self) -> Aria:
        return Aria(self)

    @cached_property
    def locator(self) -> Locator:
        return Locator(self.decoded.utf8_bytes, self.root, self.__dict__.get("_renamed"))

    def is_hidden(self, el) -> bool:
        return self.aria.is_hidden(el)

    def hidden_from_all(self, el) -> bool:
        return self.aria.hidden_from_all(el)

    def takes_no_focus(self, el) -> bool:
        return self.aria.takes_no_focus(el)

    def text(self, el) -> str:
        return self.aria.text(el)

    def accessible_name(self, el) -> str:
        return self.aria.accessible_name(el)

    def get_by_id(self, ident: str):
        """Element with this id (or ``<a name>``), through libxml2's own ID table."""
        if not ident:
            return None
        memo = self.__dict__.setdefault("_by_id", {})
        if ident in memo:
            return memo[ident]
        try:
            found = _ID_LOOKUP(self.root, x=ident)
        except (etree.XPathError, ValueError):
            # ValueError: a fragment holding a control character (href="#%00"),
            # which lxml refuses as an XPath value and no id can hold
            found = None
        r = memo[ident] = found[0] if found else None
        return r

    @cached_property
    def all_ids(self) -> dict[str, list]:
        """Every id and a[name], duplicates kept. Built only when asked for."""
        ids: dict[str, list] = {}
        for el in self.root.xpath("//*[@id]"):
            ids.setdefault(el.get("id"), []).append(el)
        for el in self.anchors_named:
            ids.setdefault(el.get("name"), []).append(el)
        return ids

    def locate_findings(self, findings) -> None:
        """Fill line, column, selector and snippet of findings made by rules,
        locating all of them with one forward pass over the source."""
        todo = [f for f in findings if f.line == 0 and f.element is not None]
        if not todo:
            return
        self._end_p_above(f.element for f in todo)
        self.locator.prefetch(el.sourceline or 0 for el in (f.element for f in todo))
        for f in todo:
            el = f.element
            f.line, f.column = self.position(el)
            f.selector = self.selector(el)
            f.snippet = self.snippet(el)

    def _end_p_above(self, elements) -> None:
        """End, as a browser does, a <p> that holds a finding's element
        after an article, section, hgroup, dialog or figcaption start tag.

        The index walk does this for the HTML5 blocks it visits anyway (see
        _ENDS_P_IN_HTML5); visiting these five on every page cost 0.02x of a
        parse, for selectors on one corpus page. Here only the ancestors of
        the elements about to be reported are read: elsoldemazatlan.com.mx
        opens `<p> <article>` for each teaser, and the selectors of the
        teasers' images said `p > article`, which matches nothing in a
        browser. The p ends at its first such block, not at the one on the
        path, so that the blocks after it count among their siblings."""
        fixed = False
        for el in elements:
            for _ in range(16):  # a p per level of nesting, at most
                p = None
                for above in el.iterancestors("p"):  # most findings have none
                    child = el
                    while child.getparent() is not above:
                        child = child.getparent()
                    if child.tag in _ENDS_P_LATE:
                        p = above
                        break
                if p is None:
                    break
                first = next(c for c in p if c.tag in _ENDS_P_LATE or c.tag in _ENDS_P_IN_HTML5)
                self._end_p_before(first)
                fixed = True
        if fixed:  # sibling counts changed: selectors are made again
            for cache in _SELECTOR_CACHES:
                self.__dict__.pop(cache, None)

    def position(self, el) -> tuple[int, int]:
        loc = self.locator.locate(el)
        if loc is None:
            line = el.sourceline or 1
            return line, 1
        if self._lone_crs:
            return self._with_lone_crs(loc[0], loc[1], loc[2])
        return loc[0], loc[1]

    def line_col(self, offset: int) -> tuple[int, int]:
        """Line and column of a byte offset, as positions count them."""
        line, col = self.locator.line_col(offset)
        if self._lone_crs:
            return self._with_lone_crs(line, col, offset)
        return line, col

    def line_text(self, line: int) -> str | None:
        """The text of a line as positions count lines (for code frames)."""
        if not self._lone_crs:
            return self.locator.line_text(line)
        starts = self.__dict__.get("_cr_line_starts")
        if starts is None:
            raw = self.raw_bytes
            starts = self.__dict__["_cr_line_starts"] = [
                0, *(m.end() for m in _LINE_BREAK.finditer(raw)), len(raw) + 1]
        if not 0 < line < len(starts):
            return None
        return self.raw_bytes[starts[line - 1]:starts[line]].decode("utf-8", "replace")

    @cached_property
    def _lone_crs(self) -> list[int]:
        """Offsets of the carriage returns not followed by a line feed.

        The HTML standard reads a lone CR as a line break, as editors and a
        browser's view-source do; lxml and the line tables here count line
        feeds only. Seven of 271 corpus pages hold lone CRs (old Mac line
        ends, mostly in scripts), and a finding after one was placed lines
        above where an editor shows it. A memchr-speed find settles that
        most pages have no CR at all, and a search from the first one that
        a CRLF page has none alone (counting CRs and CRLFs instead cost 14%
        of a parse)."""
        raw = self.raw_bytes
        first = raw.find(b"\r")
        if first < 0 or _LONE_CR.search(raw, first) is None:
            return []
        return [m.start() for m in _LONE_CR.finditer(raw, first)]

    def _with_lone_crs(self, line: int, col: int, offset: int) -> tuple[int, int]:
        crs = self._lone_crs
        before = bisect.bisect_left(crs, offset)
        if not before:
            return line, col
        start = self.locator.line_start(line)
        if start is not None and crs[before - 1] >= start:
            col = self.locator.column(crs[before - 1] + 1, offset)
        return line + before, col

    def offset(self, el) -> int | None:
        loc = self.locator.locate(el)
        return loc[2] if loc else None

    def memo(self, key, compute):
        """A result that rules share on this page (one analysis for several
        rules), computed by ``compute()`` when first asked for."""
        store = self.__dict__.setdefault("_shared", {})
        if key not in store:
            store[key] = compute()
        return store[key]

    def selector(self, el) -> str:
        d = self.__dict__
        paths, places = _SELECTOR_CACHES
        return css_path(el, self.get_by_id, d.setdefault(paths, {}), d.setdefault(places, {}))

    def snippet(self, el, max_tag: int = 200, max_text: int = 60) -> str:
        """The element's start tag as written in the source, plus a little text."""
        off = self.offset(el)
        tag_src = None
        if off is not None:
            end = self.locator.tag_end(off)
            tag_src = self.raw_bytes[off:end + 1].decode("utf-8", "replace")
        if not tag_src:
            tag_src = _rebuild_start_tag(el)
        tag_src = normalise_ws(tag_src)
        if len(tag_src) > max_tag:
            tag_src = tag_src[: max_tag - 1] + "…"
        text = self.text_snippet(el, max_text)
        return tag_src + text

    def text_snippet(self, el, max_text: int = 60) -> str:
        if el.tag in ALT_TAGS or el.tag in ("input", "meta", "link", "br", "hr"):
            return ""
        if el.tag in ("script", "style"):
            return ""
        # only enough text: a finding on <body> (a missing legal notice) must
        # not join and normalise the text of the whole page
        t = leading_text(el, max_text)
        if len(t) > max_text:
            t = t[: max_text - 1] + "…"
        return t

    @property
    def raw_bytes(self) -> bytes:
        """The page as UTF-8 bytes (what lxml parsed): positions, snippets and
        whole-page scans all work on these, never on a decoded str."""
        return self.decoded.utf8_bytes

    @property
    def source_text(self) -> str:
        """The decoded page, built on first use (few runs need it)."""
        return self.decoded.text

    def release(self) -> None:
        """Break reference cycles so the tree is freed at once, not at the next GC."""
        self.__dict__.pop("aria", None)
        self.__dict__.pop("locator", None)
        self.order.clear()
        self._placed.clear()

    # -- page-level facts -----------------------------------------------------
    @cached_property
    def lang(self) -> str | None:
        """The page's language: <html lang>, then the content-language
        pragma, then the server's Content-Language, then og:locale."""
        for el in (self.html, self.root):
            if el is not None:
                v = el.get("lang") or el.get("{http://www.w3.org/XML/1998/namespace}lang") \
                    or el.get("xml:lang")
                if v and v.strip():
                    return v.strip()
        late = self._late_html_lang()
        if late:
            return late
        for m in self.metas:
            if (m.get("http-equiv") or "").lower() == "content-language" and m.get("content"):
                return m.get("content").split(",")[0].strip()
        if self.content_language:
            return self.content_language.split(",")[0].strip()
        # declared for social previews ("de_DE"), but declared by the page
        locale = (self.meta_properties.get("og:locale") or "").strip()
        if _LOCALE.fullmatch(locale):
            return locale.replace("_", "-")
        return None

    def _late_html_lang(self) -> str | None:
        """The lang of an <html> start tag that comes after other content
        (scripts pasted above the doctype): a browser adds its attributes to
        the document's root, libxml2 drops them."""
        offs = self.locator.tag_starts("html")
        if not offs:
            return None
        raw = self.raw_bytes
        end = self.locator.tag_end(offs[0])
        m = _LANG_ATTR.search(raw, offs[0], end + 1)
        if m is None:
            return None
        v = (m.group(1) or m.group(2) or m.group(3) or b"").decode("utf-8", "replace").strip()
        return v or None

    @cached_property
    def title(self) -> str | None:
        if self.title_element is None:
            return None
        return normalise_ws("".join(self.title_element.itertext())) or None

    @cached_property
    def meta_properties(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for m in self.metas:
            key = (m.get("property") or m.get("name") or "").strip().lower()
            if key and key not in out:
                # `value` instead of `content` appears in pages saved by some
                # archiving tools; browsers ignore it, but it is what's there
                v = m.get("content")
                if v is None:
                    v = m.get("value")
                if v is not None:
                    out[key] = v
        return out

    @cached_property
    def site_names(self) -> tuple[str, ...]:
        """The names the page gives its site: og:site_name, the web app's
        name and title, and the Twitter account (without its "@"). A logo
        or masthead that reads as one of them names the site, not the page."""
        props = self.meta_properties
        names = []
        for key in ("og:site_name", "application-name", "apple-mobile-web-app-title",
                    "twitter:site"):
            v = normalise_ws(props.get(key) or "").lstrip("@")
            if v and v not in names:
                names.append(v)
        return tuple(names)

    @cached_property
    def headlines(self) -> list[tuple[str, str]]:
        """Declared article headlines: (source, text) from og:title,
        twitter:title and JSON-LD NewsArticle/Article headline."""
        out: list[tuple[str, str]] = []
        for key in ("og:title", "twitter:title"):
            v = normalise_ws(self.meta_properties.get(key, ""))
            if v:
                out.append((key, v))
        for script in self.jsonld_scripts:
            raw = script.text or ""
            try:
                data = json.loads(raw)
            except (ValueError, RecursionError):  # not JSON, or nested past any use
                continue
            for item in _jsonld_items(data):
                t = item.get("@type")
                types = t if isinstance(t, list) else [t]
                if any(isinstance(x, str) and x.lower() in _JSONLD_HEADLINE_TYPES for x in types):
                    h = item.get("headline")
                    if isinstance(h, str) and h.strip():
                        out.append(("json-ld", normalise_ws(h)))
        return out

    @cached_property
    def main_start(self):
        """The element where the main content starts: <main>/role=main, else the
        first visible h1; None when neither exists. (The skip-link rules pass
        over an h1 that names the site: see skip_links._main_start.)"""
        mains = [m for m in self.landmarks.get("main", ()) if not self.hidden_from_all(m)]
        if mains:
            return mains[0]
        for h in self.headings:
            if h.level == 1 and not self.is_hidden(h.element):
                return h.element
        return None


def _following(el):
    """The node that comes after el's whole subtree in document order."""
    while el is not None:
        n = el.getnext()
        if n is not None:
            return n
        el = el.getparent()
    return None


def _closes(raw: bytes, gt: int, el, start: int | None) -> bool:
    """Whether the markup that ends at ``gt`` ends ``el``: its end tag, or
    its own start tag when it is empty (a void element, say)."""
    lt = raw.rfind(b"<", 0, gt)
    if lt == start:
        return el.text is None and not len(el)
    return _end_tag(el.tag).fullmatch(raw, lt, gt + 1) is not None


def _sourceline(el) -> int:
    return el.sourceline or 0


def _move_after_parent(el):
    """Move ``el`` and the siblings after it out of their parent, to just
    after it (the parent's tail text follows them), as a browser's parser
    does when ``el``'s start tag ends the parent. Document order is kept, and
    with it every order key and source position. Returns the last node moved."""
    parent = el.getparent()
    tail = parent.tail
    parent.tail = None
    anchor = parent
    for node in [el, *el.itersiblings()]:
        anchor.addnext(node)
        anchor = node
    if tail is not None:
        _set_tail(anchor, (anchor.tail or "") + tail)
    return anchor


# What lxml refuses to set as text, though libxml2's HTML parser keeps it in
# the tree it builds: C0 controls (a \x01 in an article) and two non-characters
_NOT_SETTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _set_tail(el, text: str | None) -> None:
    """Set a tail that came from the parsed tree; what lxml refuses becomes
    U+FFFD, as in lxml's own serialisation, one character for one."""
    try:
        el.tail = text
    except ValueError:
        el.tail = _NOT_SETTABLE.sub("\ufffd", text)


def _set_text(el, text: str | None) -> None:
    """Set text that came from the parsed tree, as _set_tail does."""
    try:
        el.text = text
    except ValueError:
        el.text = _NOT_SETTABLE.sub("\ufffd", text)


def _last_line(el) -> int:
    """The source line of the last element in ``el``'s subtree."""
    last = el
    while len(last):
        last = last[-1]
    return last.sourceline or el.sourceline or 1


def _empty_void(el) -> list:
    """Move what the parser put inside a void element (or a form that sits
    in a table, outside a cell) to just after it, as a browser's tree has it,
    and return the elements moved. Document order (and with it every order key
    and source position) stays as it was."""
    kids = list(el)
    text = el.text
    el.text = None
    if kids:
        _move_after_parent(kids[0])  # el's own tail now follows them
    if text is not None:
        _set_tail(el, text + (el.tail or ""))
    return kids


def _is_focusable(el, tag, tabindex) -> bool:
    if tabindex is not None:
        try:
            if int(tabindex.strip()) < 0:
                return False
            return el.get("disabled") is None
        except ValueError:
            pass
    if tag == "a" or tag == "area":
        return el.get("href") is not None
    if tag == "input":
        return (el.get("type") or "").lower() != "hidden" and el.get("disabled") is None
    if tag in ("button", "select", "textarea"):
        return el.get("disabled") is None
    if tag in ("audio", "video"):
        return el.get("controls") is not None
    if tag == "summary":
        p = el.getparent()
        return p is not None and p.tag == "details"
    if tag == "iframe":
        return True
    ce = el.get("contenteditable")
    return ce is not None and ce.strip().lower() in ("", "true", "plaintext-only")


def _aria_level(el, default: int) -> int:
    v = el.get("aria-level")
    # the first role token is the one that counts, as where headings are found
    if v is not None and el.get("role", "").strip().lower().split(" ")[0] == "heading":
        try:
            n = int(v.strip())
            if n >= 1:
                return n
        except ValueError:
            pass
    return default


def _jsonld_items(data):
    if isinstance(data, list):
        for x in data:
            yield from _jsonld_items(x)
    elif isinstance(data, dict):
        yield data
        graph = data.get("@graph")
        if graph is not None:
            yield from _jsonld_items(graph)
        main = data.get("mainEntity")
        if isinstance(main, (dict, list)):
            yield from _jsonld_items(main)


def css_xpaths(css: str, prefix: str = "descendant-or-self::") -> tuple:
    """One compiled XPath per part of a CSS selector list ("a, b"), for
    Page.select_all. cssselect would join them into one XPath union, which
    libxml2 merges in time quadratic in its sides (0.9 s for 16,000 matches
    of each). Raises cssselect's SelectorError on a bad selector."""
    from cssselect import GenericTranslator, parse  # only runs that configure selectors

    tr = GenericTranslator()
    return tuple(etree.XPath(tr.selector_to_xpath(part, prefix=prefix,
                                                  translate_pseudo_elements=True))
                 for part in parse(css))


def css_path(el, first_with_id, memo: dict | None = None,
             types: dict | None = None) -> str:
    """A stable CSS path: ``tag:nth-of-type(n)`` steps up to the nearest
    ancestor that ``first_with_id`` (libxml2's ID table) names (or to
    <body>/<html>).

    An id step is taken when the element is the first holder of that id:
    exactly the element that ``querySelector`` and ``getElementById`` return,
    even if a later duplicate exists; a hash lookup, not a scan of the page.
    ``memo`` (element -> path) lets the findings of one page share the paths
    of their common ancestors instead of climbing to the top for each, and
    ``types`` (parent -> its children's places among their type) counts a
    parent's children once for all of them. Both keep a page linear: the
    former way, libxml2's node path per finding, counted every ancestor's
    siblings again for each finding, which took minutes on a page with
    40,000 images side by side or 2,000 findings nested 1,500 deep."""
    if memo is None:
        memo = {}
    if types is None:
        types = {}
    chain: list = []  # (node, step) from el upwards, not yet memoised
    prefix = None
    node = el
    while node is not None and isinstance(node.tag, str):
        known = memo.get(node)
        if known is not None:
            prefix = known
            break
        tag = node.tag
        name = tag if (tag.isalnum() and tag.isascii()) or _CSS_IDENT.match(tag) \
            else _css_escape(tag)  # broken markup makes tags like "p]"
        ident = node.get("id")
        if ident and _CSS_IDENT.match(ident) and first_with_id(ident) is node:
            chain.append((node, f"{name}#{ident}" if tag not in ("div", "span") else f"#{ident}"))
            break
        parent = node.getparent()
        if parent is None or tag in ("html", "body", "head"):
            chain.append((node, name))
            break
        moved_to = _foster_parent(node, parent)
        if moved_to is not None:
            parent = moved_to
        if tag == "tr" and parent.tag == "table":
            key = ("loose rows", parent)
            steps = types.get(key)
            if steps is None:
                steps = types[key] = _implicit_tbody_steps(parent)
            chain.append((node, steps[node]))
        else:
            known = types.get(parent)
            if known is None:
                known = types[parent] = _type_places(parent)
            places, counts = known
            chain.append((node, name if counts[tag] == 1 else
                          f"{name}:nth-of-type({places[node]})"))
        node = parent
    for node, step in reversed(chain):
        prefix = step if prefix is None else f"{prefix} > {step}"
        memo[node] = prefix
    return prefix or ""


def _type_places(parent) -> tuple[dict, dict]:
    """Each child element of ``parent`` -> its place among the children of
    its tag (``:nth-of-type``), and each tag -> how many children have it;
    one pass over the children. Children as a browser has them: what it
    moves out of a table child comes just before that table."""
    counts: dict[str, int] = {}
    places: dict = {}
    for child in parent.iterchildren(tag=etree.Element):
        if child.tag == "table":
            for moved in _fostered_in(child):
                places[moved] = counts[moved.tag] = counts.get(moved.tag, 0) + 1
        tag = child.tag
        places[child] = counts[tag] = counts.get(tag, 0) + 1
    return places, counts


def _fostered(el, parent) -> bool:
    """Whether a browser moves ``el``, a child of the table part ``parent``,
    out of its table."""
    tag = el.tag
    if tag in _TABLE_CONTENT[parent.tag] or not isinstance(tag, str):
        return False
    return not (tag == "input" and (el.get("type") or "").strip().lower() == "hidden")


def _foster_parent(el, parent):
    """Where a browser puts ``el``, a child of ``parent`` in libxml2's tree,
    when that is elsewhere: the parent of its table, for what a table part
    may not hold; else None."""
    if parent.tag in _TABLE_CONTENT and _fostered(el, parent):
        table = _table_of(parent)
        if table is not None:
            return table.getparent()
    return None


def placed_by_foster_parenting(el) -> bool:
    """Whether the selector of ``el`` differs from a path in libxml2's tree
    because a browser moves content out of tables: ``el`` or an ancestor
    moves, or moved content comes before one of them among its siblings."""
    node = el
    parent = node.getparent()
    while parent is not None:
        if _foster_parent(node, parent) is not None or any(
                _fostered_in(t) for t in parent.iterchildren("table")):
            return True
        node, parent = parent, parent.getparent()
    return False


def _table_of(part):
    """The table whose part (itself, a row group or a row) ``part`` is, as
    _fostered_in walks them; None in a tree no browser builds (a row in a
    div)."""
    parent = part.getparent()
    if part.tag == "table":
        return part
    if parent is None:
        return None
    if parent.tag == "table":
        return parent
    if part.tag == "tr" and parent.tag in ("tbody", "thead", "tfoot"):
        grand = parent.getparent()
        if grand is not None and grand.tag == "table":
            return grand
    return None


def _fostered_in(table) -> list:
    """The elements a browser moves out of ``table``, in document order: its
    own parts' children that a table may not hold (a nested table's are its
    own)."""
    out = []
    for child in table.iterchildren(tag=etree.Element):
        if _fostered(child, table):
            out.append(child)
        elif child.tag in _TABLE_CONTENT:  # a row group or a row
            for part in child.iterchildren(tag=etree.Element):
                if _fostered(part, child):
                    out.append(part)
                elif part.tag == "tr":
                    out.extend(c for c in part.iterchildren(tag=etree.Element)
                               if _fostered(c, part))
    return out


_CSS_IDENT = re.compile(r"^-?[A-Za-z_][A-Za-z0-9_-]*$")


def _css_escape(name: str) -> str:
    """``name`` as a CSS identifier (CSSOM's serialize-an-identifier, for
    the characters broken markup puts in tag names)."""
    out = []
    for i, ch in enumerate(name):
        if ch.isalnum() and ch.isascii() and not (i == 0 and ch.isdigit()) or ch in "-_" \
                or ord(ch) >= 0x80:
            out.append(ch)
        elif ch.isprintable() and not ch.isdigit():
            out.append("\\" + ch)
        else:
            out.append(f"\\{ord(ch):x} ")
    return "".join(out)


# the start tags that end a row group a browser opened for loose rows (other
# elements in a table it moves out before the table, and the group goes on)
_ENDS_ROW_GROUP = frozenset({"caption", "colgroup", "col", "thead", "tbody", "tfoot"})


def _implicit_tbody_steps(table) -> dict:
    """The selector steps from a table to each row that libxml2 left
    directly in it. A browser puts such rows in a <tbody> it makes up, one
    for each run of them, so `table > tr` matches nothing there: the steps
    name that tbody among the table's row groups, and the row within it.
    One pass for the whole table: a pass per row was quadratic (5.6 s for
    the findings of a league table of 4,000 loose rows)."""
    groups = 0  # row groups so far: explicit tbody elements and runs of rows
    runs: list[tuple[int, list]] = []  # (group number, its rows) per run
    run: list | None = None  # the run being read
    for child in table.iterchildren(tag=etree.Element):
        tag = child.tag
        if tag == "tr":
            if run is None:
                groups += 1
                run = []
                runs.append((groups, run))
            run.append(child)
        elif tag in _ENDS_ROW_GROUP:
            run = None
            if tag == "tbody":
                groups += 1
    steps = {}
    for group, rows in runs:
        body = "tbody" if groups == 1 else f"tbody:nth-of-type({group})"
        if len(rows) == 1:
            steps[rows[0]] = f"{body} > tr"
        else:
            for i, tr in enumerate(rows, 1):
                steps[tr] = f"{body} > tr:nth-of-type({i})"
    return steps


def _rebuild_start_tag(el) -> str:
    attrs = " ".join(f'{k}="{v}"' for k, v in el.attrib.items())
    return f"<{el.tag}{' ' + attrs if attrs else ''}>"
