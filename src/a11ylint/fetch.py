"""Pages over HTTP: polite, bounded, concurrent, and every URL gets a result.

A newsroom archive or a staging site is linted over the network, so the
fetcher protects the user's machine (size caps enforced while streaming and
on decompressed bytes, only http/https, bounded redirects and retries) and the
servers (a global and a per-host concurrency cap, Retry-After honoured,
optional robots.txt). Each failure becomes an error ``Item`` with a one-line
reason, so it shows up in every report and makes the exit status 2.

Threads rather than asyncio: httpx's sync client is thread-safe, the lint
stage that consumes the pages is synchronous, and a thread pool lets fetching
overlap with linting without an event loop owning the main thread.
"""

from __future__ import annotations

import errno
import re
import threading
import time
import zlib
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urldefrag, urljoin, urlsplit

from a11ylint import __version__
from a11ylint.page.decode import (
    FILE_SIGNATURES,
    charset_from_content_type,
    codec_for,
    looks_binary,
)
from a11ylint.sources import MB, Item, size_text

if TYPE_CHECKING:  # runtime imports are lazy: linting local files never needs them
    from concurrent.futures import Future
    from urllib.robotparser import RobotFileParser

DEFAULT_USER_AGENT = f"a11ylint/{__version__} (+accessibility linter)"
ROBOTS_AGENT = "a11ylint"
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
# types that say nothing reliable about the body: decide by sniffing
_VAGUE_TYPES = frozenset({"", "application/octet-stream", "binary/octet-stream",
                          "application/unknown", "unknown/unknown"})
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
# headers that frame the request or manage the connection: the HTTP client
# writes them itself, and one given with --header broke every request
# ("Content-Length: 5" on a GET with no body). Host stays the user's: it
# names the site a staging server reached by its address should serve.
_CLIENT_HEADERS = frozenset({"content-length", "transfer-encoding", "te", "trailer",
                             "connection", "keep-alive", "proxy-connection", "upgrade"})


@dataclass
class FetchOptions:
    concurrency: int = 8
    per_host: int = 4
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    page_timeout: float = 60.0
    retries: int = 2
    backoff: float = 0.5  # seconds before the first retry, doubled each time
    retry_after_cap: float = 30.0
    max_redirects: int = 10
    max_bytes: int = 10 * MB
    headers: list[tuple[str, str]] = field(default_factory=list)
    cookies: list[tuple[str, str]] = field(default_factory=list)
    user_agent: str | None = None
    respect_robots: bool = False
    trust_env: bool = True  # proxies and certificates from the environment


class FetchError(Exception):
    """A fetch that failed; ``str()`` is the one-line reason shown to the user."""


@dataclass(slots=True)
class Response:
    url: str  # final URL after redirects
    status: int
    data: bytes
    content_type: str | None
    content_language: str | None
    redirects: int = 0


def unsupported_scheme(url: str) -> str | None:
    """Reason to refuse a URL we must not follow (``file:``, ``ftp:``, relative), else None."""
    m = _SCHEME.match(url)
    if not m:
        return f"not an absolute http(s) URL: {url}"
    scheme = m.group(1).lower()
    if scheme not in ("http", "https"):
        return f"refused {scheme}: URL (only http and https are fetched)"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises for a port that is no number or out of range
    except ValueError as exc:  # `http://[::1/`, `http://host:99999/`
        return f"invalid URL ({exc}): {url}"
    if not parts.hostname:
        return f"URL has no host: {url}"
    return None


def parse_header(spec: str) -> tuple[str, str]:
    name, sep, value = spec.partition(":")
    name = name.strip()
    if not sep or not name or not re.fullmatch(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+", name):
        raise ValueError(f"bad header {spec!r} (expected 'Name: value')")
    if name.lower() in _CLIENT_HEADERS:
        raise ValueError(f"bad header {spec!r}: {name} is set by the HTTP client, not by --header")
    value = value.strip()
    check_header_value(value, f"header {spec!r}")
    return name, value


def check_header_value(value: str, what: str) -> None:
    """A value that can go into an HTTP header as it is: printable ASCII.
    A line break would start another header (httpx refuses it on every
    request, so each page failed alone); other characters have no agreed
    encoding there."""
    bad = next((c for c in value if not (" " <= c <= "~" or c == "\t")), None)
    if bad is not None:
        raise ValueError(f"bad {what}: {bad!r} cannot be sent in an HTTP header "
                         "(printable ASCII only)")


def parse_cookies(spec: str) -> list[tuple[str, str]]:
    out = []
    for part in spec.split(";"):
        if not part.strip():
            continue
        name, sep, value = part.partition("=")
        if not sep or not name.strip():
            raise ValueError(f"bad cookie {spec!r} (expected 'name=value')")
        check_header_value(part.strip(), f"cookie {spec!r}")
        out.append((name.strip(), value.strip()))
    return out


def _media_type(content_type: str | None) -> str:
    return (content_type or "").split(";", 1)[0].strip().lower()


_MAGIC = (
    *FILE_SIGNATURES, (b"RIFF", "a RIFF media file"), (b"\x00\x00\x00", "binary data"),
    (b"{", "JSON"), (b"[", "JSON"),
)
# WHATWG MIME sniffing: the tags that make a body HTML when the type is vague
_HTML_SNIFF = re.compile(
    rb"^\s*(?:<!doctype\s+html|<html|<head|<script|<iframe|<h1|<div|<font|<table|<a|"
    rb"<style|<title|<b|<body|<br|<p|<!--)[\s>]", re.I)


def sniff_kind(data: bytes) -> str | None:
    """What the body looks like when it is clearly not HTML, else None
    (pass :func:`sniffable` bytes when the server declares the charset)."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return None  # UTF-16 with a BOM: NUL bytes are expected, decode.py reads it
    head = data[:512].lstrip(b"\xef\xbb\xbf")
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if looks_binary(data):
        return "binary data"
    return None


def looks_like_html(data: bytes) -> bool:
    return bool(_HTML_SNIFF.match(data[:1024].lstrip(b"\xef\xbb\xbf")))


def sniffable(data: bytes, content_type: str | None) -> bytes:
    """The start of the body as the sniffing above reads it. UTF-16 that the
    server declares has NULs throughout and no byte-order mark to say so:
    read as bytes it looks binary, though the page decoder (which honours the
    HTTP charset) reads it as the page it is. So it is sniffed as text."""
    codec = codec_for(charset_from_content_type(content_type), from_meta=False)
    if not (codec or "").startswith("utf-16") or data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data
    return data[:8192].decode(codec, "replace").encode("utf-8")


def network_reason(exc: BaseException) -> str:
    """One line a user can act on, from httpx's exception and what caused it."""
    import socket

    import httpx

    chain: list[BaseException] = []
    e: BaseException | None = exc
    while e is not None and len(chain) < 8:
        chain.append(e)
        e = e.__cause__ or e.__context__
    for c in chain:
        if isinstance(c, socket.gaierror):
            return f"DNS failure: {c.strerror or c}"
        if isinstance(c, ConnectionRefusedError):
            return "connection refused"
    text = " ".join(str(c) for c in chain)
    low = text.lower()
    if any(s in low for s in ("name or service not known", "temporary failure in name resolution",
                              "nodename nor servname", "getaddrinfo failed",
                              "no address associated")):
        return f"DNS failure: {str(exc) or 'host not found'}"
    if "connection refused" in low or f"errno {errno.ECONNREFUSED}" in low:
        return "connection refused"
    if isinstance(exc, httpx.ConnectTimeout):
        return "timeout while connecting"
    if isinstance(exc, httpx.ReadTimeout):
        return "timeout: no data from the server in time"
    if isinstance(exc, httpx.TimeoutException):
        return "timeout"
    if "certificate" in low or "ssl" in low:
        return f"TLS error: {exc}"
    if "location header" in low:  # httpx refuses a redirect it cannot parse
        return f"redirect to an invalid URL ({exc})"
    if isinstance(exc, httpx.RemoteProtocolError):
        # h11 says "closed" or "disconnected" when the connection ended early;
        # anything else is a reply that breaks HTTP ("bad Content-Length")
        if "closed" in low or "disconnected" in low:
            return f"connection closed by the server: {exc}"
        return f"invalid HTTP response from the server: {exc}"
    return f"network error: {type(exc).__name__}: {exc}" if str(exc) else \
        f"network error: {type(exc).__name__}"


def _retryable(exc: BaseException) -> bool:
    import httpx

    if isinstance(exc, httpx.ConnectError):
        return not network_reason(exc).startswith("DNS failure")
    return isinstance(exc, (httpx.ConnectTimeout, httpx.RemoteProtocolError, httpx.ReadError,
                            httpx.WriteError))


def retry_after_seconds(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    import email.utils  # imported here: only a 429/503 with a date needs it

    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - time.time())


class _Decoder:
    """Content-Encoding with a cap on the decoded size (a gzip bomb expands ~1000x)."""

    def __init__(self, encoding: str | None, limit: int) -> None:
        enc = (encoding or "identity").strip().lower()
        self.limit = limit
        self.parts: list[bytes] = []
        self.size = 0
        if enc in ("identity", ""):
            self.z = None
        elif enc in ("gzip", "x-gzip"):
            self.z = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif enc == "deflate":
            self.z = zlib.decompressobj(zlib.MAX_WBITS)
            self._raw_fallback = True
        else:
            raise FetchError(f"unsupported content encoding {enc!r}")
        self.encoding = enc

    def _add(self, data: bytes) -> None:
        self.size += len(data)
        if self.size > self.limit:
            raise FetchError(f"too large: more than {size_text(self.limit)} once decompressed"
                             if self.z is not None else f"too large: more than {size_text(self.limit)}")
        self.parts.append(data)

    def feed(self, chunk: bytes) -> None:
        if self.z is None:
            self._add(chunk)
            return
        try:
            data = self.z.decompress(chunk, self.limit - self.size + 1)
            self._add(data)
            while self.z.unconsumed_tail:
                data = self.z.decompress(self.z.unconsumed_tail, self.limit - self.size + 1)
                self._add(data)
        except zlib.error as exc:
            if self.encoding == "deflate" and getattr(self, "_raw_fallback", False) and not self.size:
                # servers disagree on whether "deflate" has a zlib header
                self.z = zlib.decompressobj(-zlib.MAX_WBITS)
                self._raw_fallback = False
                self.feed(chunk)
                return
            raise FetchError(f"corrupt {self.encoding} body: {exc}") from None

    def result(self) -> bytes:
        return b"".join(self.parts)


class Fetcher:
    """One shared httpx client; ``get`` and ``fetch_item`` are safe to call from threads."""

    def __init__(self, opts: FetchOptions | None = None) -> None:
        import httpx

        self.opts = o = opts or FetchOptions()
        self._httpx = httpx
        headers = {"User-Agent": o.user_agent or DEFAULT_USER_AGENT,
                   # decompression is ours, so the size cap applies to decoded bytes too
                   "Accept-Encoding": "gzip, deflate",
                   "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"}
        self.client = httpx.Client(
            headers=headers,
            timeout=httpx.Timeout(connect=o.connect_timeout, read=o.read_timeout,
                                  write=o.read_timeout, pool=o.page_timeout),
            limits=httpx.Limits(max_connections=max(o.concurrency, 1) * 2,
                                max_keepalive_connections=max(o.concurrency, 1)),
            follow_redirects=False, trust_env=o.trust_env,
        )
        self._robots: dict[str, RobotFileParser | None] = {}
        self._robots_lock = threading.Lock()
        self._origin_locks: dict[str, threading.Lock] = {}

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- one URL --------------------------------------------------------------
    def fetch_item(self, item: Item) -> Item:
        """The page behind a URL item, or an error item, labelled with the URL
        asked for: that is the input every report must show, and two URLs that
        redirect to one page are two inputs. The final address, after
        redirects and httpx's normalisation, is the page's ``url`` and base."""
        url = item.url or item.label
        try:
            if self.opts.respect_robots and not self.allowed_by_robots(url):
                raise FetchError("disallowed by robots.txt")
            resp = self.get(url, want="html")
        except FetchError as exc:
            return Item(item.label, url=url, error=str(exc))
        return Item(item.label, url=resp.url, data=resp.data, content_type=resp.content_type,
                    content_language=resp.content_language, base=resp.url)

    def get(self, url: str, want: str = "html", max_bytes: int | None = None) -> Response:
        """GET with redirects, retries and limits; raises FetchError with the reason.

        ``want="html"`` refuses bodies that are not HTML; ``want="any"`` keeps
        whatever comes (sitemaps, robots.txt).
        """
        o = self.opts
        reason = unsupported_scheme(url)
        if reason:
            raise FetchError(reason)
        deadline = time.monotonic() + o.page_timeout
        origin = _origin(url)
        chain = [urldefrag(url)[0]]
        current = url
        for hop in range(o.max_redirects + 1):
            try:
                resp = self._request(current, deadline, want, max_bytes or o.max_bytes, origin)
            except FetchError as exc:
                if hop:
                    raise FetchError(f"{exc} (at {current}, after {hop} redirect"
                                     f"{'s' if hop > 1 else ''})") from None
                raise
            if isinstance(resp, str):  # a redirect to this location
                try:
                    target = urljoin(current, resp)
                except ValueError as exc:
                    raise FetchError(f"redirect to an invalid URL ({exc}): {resp}") from None
                reason = unsupported_scheme(target)
                if reason:
                    raise FetchError(f"redirect to a URL that is not fetched: {reason}")
                key = urldefrag(target)[0]
                if key in chain:
                    loop = " -> ".join([*chain[chain.index(key):], key])
                    raise FetchError(f"redirect loop: {loop}")
                chain.append(key)
                current = target
                continue
            resp.redirects = hop
            return resp
        raise FetchError(f"too many redirects (more than {o.max_redirects}), last {current}")

    def _request(self, url: str, deadline: float, want: str, limit: int,
                 origin: str) -> Response | str:
        httpx = self._httpx
        o = self.opts
        headers = {}
        if _origin(url) == origin:
            # credentials for the site asked for never follow a redirect to another origin
            headers.update(o.headers)
            if o.cookies:
                headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in o.cookies)
        attempt = 0
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise self._late()
            retry_in: float | None = None
            try:
                with self.client.stream("GET", url, headers=headers,
                                        timeout=self._timeout(remaining)) as r:
                    status = r.status_code
                    if status in _REDIRECTS and r.headers.get("location"):
                        return r.headers["location"]
                    if status == 429 or status >= 500:
                        wait_for = None
                        if status == 429:
                            wait_for = retry_after_seconds(r.headers.get("retry-after"))
                            if wait_for is not None and wait_for > o.retry_after_cap:
                                raise FetchError(
                                    f"{_status_text(429, r.reason_phrase)}: server asks to retry "
                                    f"after {wait_for:g} s, more than the "
                                    f"{o.retry_after_cap:g} s cap")
                        if attempt < o.retries:
                            retry_in = wait_for if wait_for is not None else o.backoff * 2 ** attempt
                        else:
                            tries = f"after {attempt + 1} attempts" if attempt else ""
                            raise FetchError(_status_text(status, r.reason_phrase, tries))
                    elif status >= 400:
                        raise FetchError(_status_text(status, r.reason_phrase))
                    elif status in _REDIRECTS:
                        raise FetchError(f"HTTP {status} redirect without a Location header")
                    if retry_in is None:
                        return self._body(r, url, deadline, want, limit)
            except httpx.HTTPError as exc:
                if time.monotonic() >= deadline - _SLACK:
                    # a read cut short by the page's time, or hung up on by the watchdog
                    raise self._late() from None
                if attempt < o.retries and _retryable(exc):
                    retry_in = o.backoff * 2 ** attempt
                else:
                    raise FetchError(network_reason(exc)) from None
            if time.monotonic() + retry_in >= deadline:
                raise self._late("(retries included)")
            time.sleep(retry_in)
            attempt += 1

    def _late(self, more: str = "") -> FetchError:
        """The page's time ran out (--page-timeout)."""
        return FetchError(" ".join(p for p in (
            f"timeout: no complete response within {self.opts.page_timeout:g} s", more) if p))

    def _timeout(self, remaining: float):
        """The client's timeouts, none longer than what is left of the page's
        time: a server that stalls must not hold a page past --page-timeout."""
        o = self.opts
        return self._httpx.Timeout(connect=min(o.connect_timeout, remaining),
                                   read=min(o.read_timeout, remaining),
                                   write=min(o.read_timeout, remaining), pool=remaining)

    def _body(self, r, url: str, deadline: float, want: str, limit: int) -> Response:
        ctype = r.headers.get("content-type")
        media = _media_type(ctype)
        if want == "html" and media not in HTML_TYPES and media not in _VAGUE_TYPES:
            raise FetchError(f"not HTML: content type {media}")
        declared = r.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > limit:
            raise FetchError(f"too large: {size_text(int(declared))}, limit {size_text(limit)}")
        dec = _Decoder(r.headers.get("content-encoding"), limit)
        with _Watchdog(r, deadline):
            self._read(r, dec, deadline, limit)
        data = dec.result()
        if want == "html":
            head = sniffable(data, ctype)
            kind = sniff_kind(head)
            if kind and not looks_like_html(head):
                raise FetchError(f"not HTML: content type {media or 'missing'} but the body "
                                 f"looks like {kind}")
            if media in _VAGUE_TYPES and not looks_like_html(head):
                raise FetchError(f"not HTML: content type {media or 'missing'} and the body "
                                 "does not look like HTML")
        return Response(str(r.url), r.status_code, data, ctype,
                        r.headers.get("content-language"))

    def _read(self, r, dec: _Decoder, deadline: float, limit: int) -> None:
        """Feed the body to ``dec`` as it arrives. Chunks are taken as the
        network delivers them: ``iter_raw(65536)`` waited for 64 KB before the
        clock was looked at, so a body that trickled in a few bytes at a time
        held the page for minutes past its time."""
        raw = 0
        for chunk in r.iter_raw():
            raw += len(chunk)
            if raw > limit:
                raise FetchError(f"too large: more than {size_text(limit)}")
            dec.feed(chunk)
            if time.monotonic() > deadline:
                break
        if time.monotonic() >= deadline - _SLACK:  # also a body the watchdog's hang-up ended
            raise self._late()

    # -- robots.txt -----------------------------------------------------------
    def allowed_by_robots(self, url: str) -> bool:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        with self._robots_lock:
            lock = self._origin_locks.setdefault(origin, threading.Lock())
        with lock:  # one robots.txt request per site, however many threads ask
            if origin not in self._robots:
                self._robots[origin] = self._load_robots(origin)
        rp = self._robots[origin]
        return True if rp is None else rp.can_fetch(ROBOTS_AGENT, url)

    def _load_robots(self, origin: str) -> RobotFileParser | None:
        from urllib.robotparser import RobotFileParser  # pulls in urllib.request

        rp = RobotFileParser()
        try:
            resp = self.get(origin + "/robots.txt", want="any", max_bytes=512 * 1024)
        except FetchError as exc:
            text = str(exc)
            if text.startswith(("HTTP 401", "HTTP 403")):
                rp.disallow_all = True
                return rp
            return None  # no robots.txt (or unreachable): nothing is disallowed
        rp.parse(resp.data.decode("utf-8", "replace").splitlines())
        return rp


# a timer that fires at the deadline may wake a read a hair before it
_SLACK = 0.01


def _status_text(status: int, phrase: str, tries: str = "") -> str:
    """``HTTP 503 Service Unavailable after 3 attempts``; a status without a
    reason phrase (999) leaves no double space."""
    return " ".join(p for p in (f"HTTP {status}", phrase, tries) if p)


class _Watchdog:
    """Hangs up a response's connection when the page's time is up.

    A read blocks for up to the read timeout, which is fixed when the request
    starts: a body that trickles in and then stalls would hold the page that
    long past its deadline. Shutting the socket down wakes the read at once;
    the body then ends early and the page fails with a timeout. A response
    whose socket cannot be reached (none is exposed) is left to its timeouts.
    """

    def __init__(self, r, deadline: float) -> None:
        self.timer = None
        stream = r.extensions.get("network_stream")
        sock = stream.get_extra_info("socket") if stream is not None else None
        if sock is not None:
            self.timer = threading.Timer(max(0.0, deadline - time.monotonic()), _hang_up,
                                         (sock,))
            self.timer.daemon = True

    def __enter__(self) -> _Watchdog:
        if self.timer is not None:
            self.timer.start()
        return self

    def __exit__(self, *exc) -> None:
        if self.timer is not None:
            self.timer.cancel()


def _hang_up(sock) -> None:
    import socket

    try:  # the plain socket's shutdown: an SSL socket's own would drop its state under the read
        socket.socket.shutdown(sock, socket.SHUT_RDWR)
    except OSError:
        pass  # already closed


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{(parts.hostname or '').lower()}:{parts.port or ''}"


def is_web_item(item: Item) -> bool:
    return item.url is not None and item.data is None and item.path is None and item.error is None


@dataclass(slots=True)
class _Slot:
    item: Item
    host: str | None
    future: Future | None = None


class LazyFetcher:
    """Creates the client only when a URL shows up: local runs never import httpx."""

    def __init__(self, opts: FetchOptions | None) -> None:
        self.opts = opts or FetchOptions()
        self._f: Fetcher | None = None

    def get(self) -> Fetcher:
        if self._f is None:
            self._f = Fetcher(self.opts)
        return self._f

    def close(self) -> None:
        if self._f is not None:
            self._f.close()
            self._f = None


def fetch_in_order(items: Iterable[Item], fetcher: LazyFetcher) -> Iterator[Item]:
    """Fetch URL items concurrently; yield every item in input order.

    A bounded look-ahead window keeps memory flat however long the input is;
    within it, fetches start in order as the global and per-host caps allow.
    """
    opts = fetcher.opts
    conc = max(1, opts.concurrency)
    per_host = max(1, opts.per_host)
    lookahead = max(conc * 4, 16)
    it = iter(items)
    window: deque[_Slot] = deque()
    running: dict[Future, str | None] = {}
    by_host: Counter = Counter()
    pool = None
    exhausted = False
    finished = False
    try:
        while True:
            while not exhausted and len(window) < lookahead:
                try:
                    item = next(it)
                except StopIteration:
                    exhausted = True
                    break
                host = urlsplit(item.url).netloc.lower() if is_web_item(item) else None
                window.append(_Slot(item, host))
            if not window:
                finished = True
                return
            for fut in [f for f in running if f.done()]:
                by_host[running.pop(fut)] -= 1
            for slot in window:
                if len(running) >= conc:
                    break
                if slot.host is not None and slot.future is None and by_host[slot.host] < per_host:
                    if pool is None:  # a local-only run never starts threads
                        from concurrent.futures import ThreadPoolExecutor

                        pool = ThreadPoolExecutor(conc, thread_name_prefix="a11ylint-fetch")
                    slot.future = pool.submit(fetcher.get().fetch_item, slot.item)
                    running[slot.future] = slot.host
                    by_host[slot.host] += 1
            head = window[0]
            if head.host is None:
                window.popleft()
                yield head.item
            elif head.future is not None and head.future.done():
                window.popleft()
                yield _result(head)
            else:
                from concurrent.futures import FIRST_COMPLETED, wait

                wait(list(running), return_when=FIRST_COMPLETED)
    finally:
        if pool is not None:
            # abandoned (Ctrl-C, a failing reporter): drop queued fetches and do
            # not sit out the ones in flight, each of which is bounded by its timeouts
            pool.shutdown(wait=finished, cancel_futures=True)


def _result(slot: _Slot) -> Item:
    try:
        return slot.future.result()
    except Exception as exc:  # noqa: BLE001 - one broken fetch must not stop the run
        return Item(slot.item.label, url=slot.item.url,
                    error=f"internal error while fetching: {type(exc).__name__}: {exc}")


# -- command line ----------------------------------------------------------------
def web_options(f):
    """The ``check`` options for web inputs, sharding and parallel linting."""
    import click

    opts = [
        click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, metavar="N",
                     help="Lint in N processes (default: the number of CPUs). Output is "
                          "identical to -j 1."),
        click.option("--shard", metavar="K/N",
                     help="Lint only the K-th of N deterministic slices of the inputs "
                          "(for CI matrices)."),
        click.option("--urls", "url_files", multiple=True, metavar="FILE",
                     help="Lint the URLs listed in FILE, one per line; '#' starts a "
                          "comment at the start of a line or after a space ('-' reads "
                          "standard input)."),
        click.option("--sitemap", "sitemaps", multiple=True, metavar="URL|FILE",
                     help="Lint the pages a sitemap lists (index, urlset, Google News, "
                          ".gz, text; '-' reads standard input). Repeatable."),
        click.option("--max-pages", type=click.IntRange(min=0), default=None, metavar="N",
                     help="Lint at most the first N pages (files and URLs together)."),
        click.option("--url-include", multiple=True, metavar="REGEX",
                     help="Lint only the URLs from --urls and --sitemap that match one of "
                          "these regexes (searched, repeatable); a URL named as an input "
                          "is always linted."),
        click.option("--url-exclude", multiple=True, metavar="REGEX",
                     help="Skip the URLs from --urls and --sitemap that match one of "
                          "these regexes (repeatable)."),
        click.option("--concurrency", type=click.IntRange(min=1), default=8, show_default=True,
                     metavar="N",
                     help="Pages fetched at the same time."),
        click.option("--per-host", type=click.IntRange(min=1), default=4, show_default=True,
                     metavar="N",
                     help="Pages fetched at the same time from one host."),
        click.option("--connect-timeout", type=click.FloatRange(min=0, min_open=True),
                     default=10.0, show_default=True, metavar="SECONDS"),
        click.option("--read-timeout", type=click.FloatRange(min=0, min_open=True),
                     default=30.0, show_default=True, metavar="SECONDS",
                     help="Longest wait for data from the server."),
        click.option("--page-timeout", type=click.FloatRange(min=0, min_open=True),
                     default=60.0, show_default=True, metavar="SECONDS",
                     help="Longest time for one page, redirects and retries included."),
        click.option("--retries", type=click.IntRange(min=0, max=10), default=2, metavar="N",
                     show_default=True,
                     help="Retries after connection errors, HTTP 429 and 5xx."),
        click.option("--retry-after-cap", type=click.FloatRange(min=0), default=30.0,
                     show_default=True, metavar="SECONDS",
                     help="Longest Retry-After honoured; a longer one fails the page."),
        click.option("--max-size", type=click.FloatRange(min=0, min_open=True), default=10.0,
                     show_default=True, metavar="MB",
                     help="Largest page: a fetched body, also after decompression, a file, or "
                          "standard input. A larger one is an error, and the run goes on."),
        click.option("--header", "headers", multiple=True, metavar="'NAME: VALUE'",
                     help="Extra request header (repeatable); sent only to the site of "
                          "each URL given, never after a redirect to another site."),
        click.option("--cookie", "cookies", multiple=True, metavar="NAME=VALUE",
                     help="Cookie to send (repeatable), with the same rule as --header."),
        click.option("--user-agent", metavar="TEXT",
                     help=f"User-Agent header (default: {DEFAULT_USER_AGENT})."),
        click.option("--respect-robots", is_flag=True,
                     help="Skip pages that robots.txt disallows for a11ylint."),
        click.option("--progress/--no-progress", default=None,
                     help="Progress line on stderr (default: when stderr is a terminal)."),
    ]
    for opt in reversed(opts):
        f = opt(f)
    return f


def gather_from_opts(paths, settings, opts: dict):
    """Validate the web and sharding options; raise click.BadParameter on bad ones."""
    import click

    from a11ylint.sources import Gather, parse_shard

    try:
        headers = [parse_header(h) for h in opts.get("headers") or ()]
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--header") from None
    try:
        cookies = [c for spec in opts.get("cookies") or () for c in parse_cookies(spec)]
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--cookie") from None
    if opts.get("user_agent"):
        try:
            check_header_value(opts["user_agent"], f"user agent {opts['user_agent']!r}")
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--user-agent") from None
    max_bytes = round((opts.get("max_size") or 10.0) * MB)
    if max_bytes < 1:
        raise click.BadParameter(f"{opts['max_size']:g} MB is less than one byte",
                                 param_hint="--max-size")
    fetch = FetchOptions(
        concurrency=opts.get("concurrency") or 8, per_host=opts.get("per_host") or 4,
        connect_timeout=opts.get("connect_timeout") or 10.0,
        read_timeout=opts.get("read_timeout") or 30.0,
        page_timeout=opts.get("page_timeout") or 60.0,
        retries=opts["retries"] if opts.get("retries") is not None else 2,
        retry_after_cap=opts["retry_after_cap"] if opts.get("retry_after_cap") is not None
        else 30.0,
        max_bytes=max_bytes,
        headers=headers, cookies=cookies, user_agent=opts.get("user_agent"),
        respect_robots=bool(opts.get("respect_robots")),
    )
    shard = None
    if opts.get("shard"):
        try:
            shard = parse_shard(opts["shard"])
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--shard") from None
    g = Gather(inputs=list(paths), include=settings.include, exclude=settings.exclude,
               stdin_name=opts.get("stdin_name") or "<stdin>",
               url_files=list(opts.get("url_files") or ()),
               sitemaps=list(opts.get("sitemaps") or ()),
               url_include=list(opts.get("url_include") or ()),
               url_exclude=list(opts.get("url_exclude") or ()),
               max_pages=opts.get("max_pages"), shard=shard, fetch=fetch)
    try:
        g.compiled()
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--url-include/--url-exclude") from None
    return g
