"""Sitemaps: index files, urlsets, Google News sitemaps, gzip, plain-text lists.

A sitemap is untrusted XML from the network. Entity expansion (billion laughs)
and external entities (``file:///etc/passwd``, or a request to an intranet
host) are the classic ways such a document attacks the parser, so any
document that declares a DOCTYPE or entities is refused outright, and the
parser itself runs with entity resolution, DTD loading and network access
off. Gzip is decompressed with a cap, so a small .gz cannot fill the memory.
"""

from __future__ import annotations

import re
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from a11ylint.sources import Item, is_url_input, nothing_listed

# the protocol's own limit for one uncompressed sitemap
MAX_SITEMAP_BYTES = 50 * 1024 * 1024
MAX_SITEMAPS = 1000  # an index that lists more than this is almost surely a trap
MAX_DEPTH = 3  # index -> index -> urlset is already beyond the protocol
_DECLARATION = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.I)


class SitemapError(Exception):
    pass


@dataclass(slots=True)
class Sitemap:
    kind: str  # "index" | "urlset" | "text"
    locs: list[str]


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           huge_tree=False, remove_comments=True, remove_pis=True)


def gunzip(data: bytes, limit: int = MAX_SITEMAP_BYTES) -> bytes:
    z = zlib.decompressobj(16 + zlib.MAX_WBITS)
    parts, size = [], 0
    try:
        chunk = z.decompress(data, limit + 1 - size)
        while True:
            size += len(chunk)
            if size > limit:
                raise SitemapError(f"gzip sitemap larger than {limit // (1024 * 1024)} MB "
                                   "once decompressed")
            parts.append(chunk)
            if not z.unconsumed_tail:
                break
            chunk = z.decompress(z.unconsumed_tail, limit + 1 - size)
    except zlib.error as exc:
        raise SitemapError(f"corrupt gzip sitemap: {exc}") from None
    return b"".join(parts)


_UTF16_32 = ((b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe\x00\x00", "utf-32-le"),
             (b"\xfe\xff", "utf-16-be"), (b"\xff\xfe", "utf-16-le"),
             (b"\x00<", "utf-16-be"), (b"<\x00", "utf-16-le"))
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")


def _to_utf8(data: bytes) -> bytes:
    """UTF-16 and UTF-32 sitemaps as UTF-8, so the DOCTYPE check below sees
    their declarations and a text sitemap its URLs (the XML declaration,
    which names the old encoding, is dropped)."""
    for bom, codec in _UTF16_32:
        if data.startswith(bom):
            try:
                text = data.decode(codec).lstrip("\ufeff")
            except UnicodeDecodeError as exc:
                raise SitemapError(f"invalid {codec.upper()} sitemap: {exc.reason}") from None
            return _XML_DECL.sub("", text, count=1).encode("utf-8")
    return data


def parse(data: bytes, limit: int = MAX_SITEMAP_BYTES) -> Sitemap:
    """Locations listed by a sitemap document (already fetched or read)."""
    if data[:2] == b"\x1f\x8b":
        data = gunzip(data, limit)
    if len(data) > limit:
        raise SitemapError(f"sitemap larger than {limit // (1024 * 1024)} MB")
    data = _to_utf8(data)
    stripped = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not stripped:
        raise SitemapError("empty sitemap")
    if not stripped.startswith(b"<"):
        # the protocol's text format: one URL per line
        lines = stripped.decode("utf-8", "replace").splitlines()
        return Sitemap("text", [ln.strip() for ln in lines if ln.strip()
                                and not ln.lstrip().startswith("#")])
    if _DECLARATION.search(data):
        raise SitemapError("refused: sitemap declares a DOCTYPE or entities "
                           "(entity expansion and external entities are not allowed)")
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise SitemapError(f"invalid sitemap XML: {exc}") from None
    if root is None:
        raise SitemapError("invalid sitemap XML: no root element")
    kind = etree.QName(root).localname
    if kind == "sitemapindex":
        entry, out_kind = "sitemap", "index"
    elif kind == "urlset":
        entry, out_kind = "url", "urlset"
    else:
        raise SitemapError(f"not a sitemap: root element <{kind}>")
    locs = []
    for el in root:
        if not isinstance(el.tag, str) or etree.QName(el).localname != entry:
            continue
        for child in el:
            # <news:news> and <image:image> children have their own <loc>s; only the entry's
            if isinstance(child.tag, str) and etree.QName(child).localname == "loc":
                loc = (child.text or "").strip()
                if loc:
                    locs.append(loc)
                break
    return Sitemap(out_kind, locs)


def _name(spec: str) -> str:
    """How reports name a sitemap: ``-`` is standard input, as for --urls."""
    return "standard input" if spec == "-" else spec


def _failed(spec: str, error: str) -> Item:
    """The error item of a sitemap; its URL is kept as a page's is, and a
    file or standard input has none."""
    return Item(_name(spec), url=spec if is_url_input(spec) else None, error=error)


def _load(spec: str, fetcher) -> bytes:
    from a11ylint.fetch import FetchError, unsupported_scheme

    if spec == "-":  # as --urls - does; the command line lets one input read it
        try:
            data = sys.stdin.buffer.read(MAX_SITEMAP_BYTES + 1)
        except (OSError, ValueError) as exc:
            raise SitemapError(f"cannot read standard input: {exc}") from None
        if len(data) > MAX_SITEMAP_BYTES:
            raise SitemapError("sitemap larger than 50 MB")
        return data
    if is_url_input(spec):
        reason = unsupported_scheme(spec)
        if reason:
            raise SitemapError(reason)
        try:
            return fetcher.get().get(spec, want="any", max_bytes=MAX_SITEMAP_BYTES).data
        except FetchError as exc:
            raise SitemapError(str(exc)) from None
    try:
        if Path(spec).exists() and not Path(spec).is_file():
            raise SitemapError("not a regular file")
        with open(spec, "rb") as fh:
            data = fh.read(MAX_SITEMAP_BYTES + 1)
    except OSError as exc:
        raise SitemapError(exc.strerror or str(exc)) from None
    if len(data) > MAX_SITEMAP_BYTES:
        raise SitemapError("sitemap larger than 50 MB")
    return data


def iter_pages(specs: Iterable[str], fetcher, wanted=None) -> Iterator[Item]:
    """Page items from sitemaps given as URLs or files, lazily, in document order.

    Child sitemaps are fetched only when the consumer gets to them, so
    ``--max-pages`` stops the crawl as well as the linting. A sitemap that
    fails, and every entry that is not an http(s) URL, becomes an error item.
    ``wanted`` (the --url-include/--url-exclude test) picks among the pages,
    never among sitemaps. A sitemap named on the command line that gives no
    item at all is an error item too, as a folder without pages is: the
    user named it, so every report must show it.
    """
    seen_maps: set[str] = set()
    seen_pages: set[str] = set()
    budget = [MAX_SITEMAPS]

    def walk(spec: str, depth: int, tally: list[int]) -> Iterator[Item]:
        if spec in seen_maps:
            return
        seen_maps.add(spec)
        if budget[0] <= 0:
            yield _failed(spec, f"sitemap skipped: more than {MAX_SITEMAPS} sitemaps")
            return
        budget[0] -= 1
        try:
            sm = parse(_load(spec, fetcher))
        except SitemapError as exc:
            yield _failed(spec, f"sitemap: {exc}")
            return
        from a11ylint.fetch import unsupported_scheme

        for loc in sm.locs:
            if sm.kind != "index":
                tally[0] += 1
                if wanted is not None and not wanted(loc):
                    continue
                tally[1] += 1
            reason = unsupported_scheme(loc)
            if reason:
                yield Item(loc, url=loc, error=f"{reason} (listed in sitemap {_name(spec)})")
                continue
            if sm.kind == "index":
                if depth >= MAX_DEPTH:
                    yield Item(loc, url=loc, error="sitemap skipped: index nested too deep")
                else:
                    yield from walk(loc, depth + 1, tally)
            elif loc not in seen_pages:
                seen_pages.add(loc)
                yield Item(loc, url=loc)

    for spec in specs:
        if spec in seen_maps:  # named twice, or reached through an index named before
            continue
        tally = [0, 0]  # pages listed, and those the URL filters let through
        gave = False
        for item in walk(spec, 1, tally):
            gave = True
            yield item
        if not gave and not tally[1]:  # pages that other inputs named were listed still
            yield _failed(spec, nothing_listed("sitemap", tally[0]))
