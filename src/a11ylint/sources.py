"""Inputs: files, folders, stdin, URLs, URL lists and sitemaps.

Inputs are expanded lazily into ``Item``s; bytes are read only when a page is
linted, by whichever process lints it. An input that cannot be expanded (a
missing path, a folder without HTML, a ``file:`` URL) becomes an error item,
so it still shows up in every report.
"""

from __future__ import annotations

import contextlib
import errno
import fnmatch
import functools
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from a11ylint.page.model import Source

MB = 1024 * 1024


def size_text(n: int) -> str:
    return f"{n / MB:.3g} MB" if n >= MB else f"{n} bytes"


@dataclass(slots=True)
class Item:
    label: str
    path: str | None = None  # local file to read
    data: bytes | None = None  # already in memory (stdin)
    url: str | None = None
    error: str | None = None  # could not even be read or expanded
    content_type: str | None = None
    content_language: str | None = None
    base: str | None = None
    # a larger local file is refused unread (--max-size): lxml's tree takes
    # several times the bytes, and one stray multi-gigabyte file in a folder
    # would end the whole run in the out-of-memory killer
    max_bytes: int | None = None

    def __post_init__(self) -> None:
        self.label = display_name(self.label)

    def load(self) -> Source:
        """Read the bytes; raises OSError with a reason suitable for the user."""
        data = self.data
        if data is None:
            if self.path is None:
                raise OSError(self.error or "nothing to read")
            data = read_regular_file(self.path, self.max_bytes)
        base = self.base
        if base is None and self.path is not None:
            base = _resolved_dir(os.path.dirname(self.path))
        return Source(self.label, data, url=self.url, content_type=self.content_type,
                      content_language=self.content_language, base=base)


@functools.lru_cache(maxsize=1024)
def _resolved_dir(folder: str) -> str:
    # resolving a path costs a system call per component: once per folder,
    # not once per page
    return str(Path(folder or ".").resolve())


def _missing_reason(p: Path) -> str:
    """Why a path that does not exist cannot be read: a symbolic link that
    leads nowhere is not a typo in the name, and the fix is elsewhere."""
    if not p.is_symlink():
        return "no such file or directory"
    try:
        p.resolve(strict=True)
    except RuntimeError:  # Python 3.11 reports a loop this way
        return "symbolic link loop"
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop"
    return f"broken symbolic link (to {os.readlink(p)})"


def display_name(name: str) -> str:
    """A label every report can write: bytes of a file name that are not
    UTF-8 (surrogate escapes from the OS) show as U+FFFD, as a file manager
    shows them; the path itself is kept for reading the file."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        try:
            raw = name.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:
            raw = name.encode("utf-8", "replace")
        return raw.decode("utf-8", "replace")
    return name


def read_regular_file(path: str, max_bytes: int | None = None) -> bytes:
    """The bytes of a regular file; a FIFO, socket or device is refused
    without blocking on it, and so is a file larger than ``max_bytes``
    (checked again on the bytes read: the file may grow meanwhile)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise OSError("not a regular file")
        if max_bytes is None:
            return fh.read()
        if st.st_size > max_bytes:
            raise OSError(too_large(max_bytes, st.st_size))
        # the size fstat gave, plus one byte to see whether there is more: a
        # read of max_bytes + 1 would allocate that much for every page
        data = fh.read(st.st_size + 1)
        if len(data) > st.st_size:
            data += fh.read(max_bytes + 1 - len(data))
            if len(data) > max_bytes:
                raise OSError(too_large(max_bytes))
        return data


def too_large(limit: int, size: int | None = None) -> str:
    """The error of an input over --max-size; ``size`` when it is known."""
    if size is None:
        return f"too large: more than {size_text(limit)} (--max-size)"
    return f"too large: {size_text(size)}, limit {size_text(limit)} (--max-size)"


def _matches(name: str, rel: str, patterns: list[str]) -> bool:
    return any(fnmatch.fnmatch(name, p) or fnmatch.fnmatch(rel, p) for p in patterns)


def expand(inputs: list[str], include: list[str], exclude: list[str],
           stdin_name: str = "<stdin>", skip: frozenset[str] = frozenset(),
           max_bytes: int | None = None) -> Iterator[Item]:
    """Items for the inputs; ``skip`` holds absolute paths that folder walks
    leave out (the run's own report files); local files and standard input
    larger than ``max_bytes`` are errors."""
    for raw in inputs:
        if raw == "-":
            try:
                data = sys.stdin.buffer.read(-1 if max_bytes is None else max_bytes + 1)
            except (OSError, ValueError) as exc:
                yield Item(stdin_name, error=f"cannot read standard input: {exc}")
                continue
            if max_bytes is not None and len(data) > max_bytes:
                yield Item(stdin_name, error=too_large(max_bytes))
                continue
            yield Item(stdin_name, data=data)
            continue
        p = Path(raw)
        try:
            exists = p.exists()
        except OSError as exc:  # a name too long for the file system, say
            yield Item(raw, error=exc.strerror.lower() if exc.strerror else str(exc))
            continue
        if _URL_LIKE.match(raw) and not exists:
            yield url_item(raw)
        elif not exists:
            yield Item(raw, error=_missing_reason(p))
        elif p.is_dir():
            found = False
            for item in _walk(p, include, exclude, skip, max_bytes):
                found = True
                yield item
            if not found:
                pats = ", ".join(include)
                yield Item(raw, error=f"folder holds no HTML files matching {pats}" if pats
                           else "folder holds no files to lint: the include list is empty")
        elif not os.access(p, os.R_OK):
            yield Item(raw, error="permission denied")
        else:
            yield Item(raw, path=raw, max_bytes=max_bytes)


def _enters(name: str, rel: str, exclude: list[str]) -> bool:
    """Whether a folder walk goes into the subfolder ``name`` (``rel`` from the root)."""
    return not name.startswith(".") and not _matches(name, rel, exclude)


def _takes(name: str, rel: str, include: list[str], exclude: list[str]) -> bool:
    """Whether a folder walk lints the file ``name`` (``rel`` from the root)."""
    return _matches(name, rel, include) and not _matches(name, rel, exclude)


def _is_walked(root: str, full: str, include: list[str], exclude: list[str]) -> bool:
    """Whether _walk(root) yields the file ``full``."""
    rel = os.path.relpath(full, root)
    parts = rel.split(os.sep)
    if parts[0] == os.pardir:
        return False
    if not all(_enters(d, os.path.join(*parts[:i + 1]), exclude)
               for i, d in enumerate(parts[:-1])):
        return False
    return _takes(parts[-1], rel, include, exclude)


# what a11ylint's own markup reports (HTML, JUnit XML) start with
_REPORT_MARKS = (b'<meta name="generator" content="a11ylint', b'<testsuites name="a11ylint"')


def _is_page(head: bytes) -> bool:
    """Markup that is not one of our reports. JSON, SARIF and text reports
    (and anything else that does not start with a tag) are not pages."""
    if not head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return False
    return not any(mark in head for mark in _REPORT_MARKS)


def overwritten_input(output: str, inputs: list[str], include: list[str],
                      exclude: list[str]) -> str | None:
    """The input page that writing a report to ``output`` would destroy, if
    any: a file named as an input, or a page that a named folder's walk
    lints. A report of an earlier run in that folder is not a page (the walk
    skips the run's own outputs), and may be overwritten."""
    if not os.path.isfile(output):
        return None
    full = os.path.abspath(output)
    for raw in inputs:
        if raw == "-" or not os.path.exists(raw):
            continue
        if os.path.isdir(raw):
            if _is_walked(os.path.abspath(raw), full, include, exclude):
                try:
                    with open(full, "rb") as fh:
                        head = fh.read(4096)
                except OSError:
                    return None
                if _is_page(head):
                    return display_name(output)
        elif os.path.samefile(raw, full):
            return display_name(raw)
    return None


def _walk(root: Path, include: list[str], exclude: list[str],
          skip: frozenset[str] = frozenset(), max_bytes: int | None = None) -> Iterator[Item]:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if _enters(
            d, os.path.relpath(os.path.join(dirpath, d), root), exclude))
        for name in sorted(filenames):
            full = os.path.join(dirpath, name)
            rel = os.path.relpath(full, root)
            if _takes(name, rel, include, exclude):
                if skip and os.path.abspath(full) in skip:
                    continue
                yield Item(full, path=full, max_bytes=max_bytes)


# "scheme:" of two letters or more, so a Windows drive ("C:\\x") stays a path
_URL_LIKE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+:")


def is_url_input(spec: str) -> bool:
    """Whether an input names an address: it starts with a scheme and no
    local path answers to it (a file may be called "http:x"; a name too long
    for the file system is no file either)."""
    return bool(_URL_LIKE.match(spec)) and not os.path.exists(spec)


def url_item(url: str) -> Item:
    """An item to fetch, or an error item for a URL that must not be fetched."""
    from a11ylint.fetch import unsupported_scheme

    url = url.strip()
    reason = unsupported_scheme(url)
    return Item(url, url=url, error=reason) if reason else Item(url, url=url)


# a comment: at the start of a line, or after a space (a URL holds no
# space, and its own '#' starts a fragment)
_COMMENT = re.compile(r"(?:^|\s)#.*")
FILTERS = "--url-include/--url-exclude"


def read_url_list(path: str, wanted=None) -> Iterator[Item]:
    """URLs one per line; blank lines and ``#`` comments are skipped, and so
    are URLs that ``wanted`` (the --url-include/--url-exclude test) refuses.

    Read as bytes and decoded line by line as UTF-8, whatever the locale: a
    line that is not UTF-8 becomes an error item of its own, and the lines
    around it are still linted. A list that yields nothing is an error item
    of its own, as a folder without pages is: the user named it, so every
    report must show it."""
    label = "standard input" if path == "-" else display_name(path)
    try:
        fh = sys.stdin.buffer if path == "-" else open(path, "rb")
    except OSError as exc:
        yield Item(path, error=f"cannot read URL list: {exc.strerror or exc}")
        return
    listed = yielded = 0
    with fh if path != "-" else contextlib.nullcontext():
        for n, raw in enumerate(fh, 1):
            if n == 1:
                raw = raw.removeprefix(b"\xef\xbb\xbf")
            try:
                line = _COMMENT.sub("", raw.decode("utf-8")).strip()
            except UnicodeDecodeError:
                yielded += 1
                yield Item(f"{label}, line {n}", error="URL list line is not UTF-8 text")
                continue
            if line:
                listed += 1
                if wanted is None or wanted(line):
                    yielded += 1
                    yield url_item(line)
    if not yielded:
        yield Item(label, error=nothing_listed("URL list", listed))


def nothing_listed(what: str, listed: int) -> str:
    """Why a URL list or sitemap gave no page: it lists none, or the URL
    filters let none of those it lists through."""
    if listed:
        return f"{what} lists no pages that pass {FILTERS}"
    return f"{what} lists no pages"


def parse_shard(spec: str) -> tuple[int, int]:
    """``K/N`` with 1 <= K <= N."""
    m = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", spec or "")
    if not m:
        raise ValueError(f"bad shard {spec!r} (expected K/N, e.g. 2/4)")
    k, n = int(m.group(1)), int(m.group(2))
    if n < 1 or not 1 <= k <= n:
        raise ValueError(f"bad shard {spec!r}: K must be between 1 and N")
    return k, n


def shard(items: Iterable[Item], k: int, n: int) -> Iterator[Item]:
    """The K-th of N slices: every N-th input from the K-th.

    Round-robin by position keeps the slices within one page of each other in
    size; the order of inputs is deterministic (folders are walked sorted), so
    N runs with K = 1..N lint every page exactly once.
    """
    for i, item in enumerate(items):
        if i % n == k - 1:
            yield item


@dataclass
class Gather:
    """Everything that decides which pages a run lints, from the command line."""

    inputs: list[str] = field(default_factory=list)
    include: list[str] = field(default_factory=lambda: ["*.html", "*.htm"])
    exclude: list[str] = field(default_factory=list)
    stdin_name: str = "<stdin>"
    url_files: list[str] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)
    url_include: list[str] = field(default_factory=list)  # regexes, searched
    url_exclude: list[str] = field(default_factory=list)
    max_pages: int | None = None
    shard: tuple[int, int] | None = None
    fetch: object = None  # FetchOptions; None means defaults
    # the run's own output files: an HTML report written into the folder being
    # linted is not a page (it is empty while the run writes it)
    skip_files: frozenset[str] = frozenset()

    def compiled(self) -> tuple[list[re.Pattern], list[re.Pattern]]:
        try:
            return ([re.compile(p) for p in self.url_include],
                    [re.compile(p) for p in self.url_exclude])
        except re.error as exc:
            raise ValueError(f"bad URL pattern {exc.pattern!r}: {exc}") from None

    def default_jobs(self) -> int:
        """Lint processes when -j is not given.

        Fetching runs in the main process (httpx, TLS, decompression) and needs
        a core of its own: measured with bench/fetch_bench.py on 2 cores,
        -j 2 fetched and linted at 0.7-0.8x the pages/s of -j 1.
        """
        from a11ylint.runner import default_jobs

        n = default_jobs()
        web = self.url_files or self.sitemaps or any(map(is_url_input, self.inputs))
        return max(1, n - 1) if web else n

    def items(self) -> Iterator[Item]:
        """Items in input order, web pages fetched concurrently ahead of the consumer."""
        from a11ylint.fetch import LazyFetcher, fetch_in_order

        inc, exc = self.compiled()
        fetcher = LazyFetcher(self.fetch)
        try:
            stream = self._selected(fetcher, inc, exc)
            yield from fetch_in_order(stream, fetcher)
        finally:
            fetcher.close()

    def _selected(self, fetcher, inc, exc) -> Iterator[Item]:
        """The inputs' items, each once. --url-include and --url-exclude pick
        among the URLs that lists and sitemaps give, as --exclude picks among
        the files of a folder: a URL named as an input is linted, as a file
        named as one is, whatever the patterns say."""
        def wanted(url: str) -> bool:
            if inc and not any(p.search(url) for p in inc):
                return False
            return not any(p.search(url) for p in exc)

        def everything() -> Iterator[Item]:
            yield from expand(self.inputs, self.include, self.exclude, self.stdin_name,
                              self.skip_files, getattr(self.fetch, "max_bytes", None))
            for path in self.url_files:
                yield from read_url_list(path, wanted)
            if self.sitemaps:
                from a11ylint.sitemap import iter_pages

                yield from iter_pages(self.sitemaps, fetcher, wanted)

        stream: Iterator[Item] = _once(everything())
        if self.max_pages is not None:
            stream = _limit(stream, self.max_pages)
        if self.shard is not None:
            stream = shard(stream, *self.shard)
        return stream


def _once(items: Iterator[Item]) -> Iterator[Item]:
    """Each input once, at its first mention: a file named again, or reached
    through a folder and by name (``site`` and ``site/a.html``), or a URL
    listed twice, is linted and counted once. Standard input is never merged."""
    seen: set = set()
    for item in items:
        if item.data is not None:
            yield item
            continue
        key = (("path", os.path.abspath(item.path)) if item.path is not None
               else ("url", item.url) if item.url is not None else ("label", item.label))
        if key not in seen:
            seen.add(key)
            yield item


def _limit(items: Iterator[Item], n: int) -> Iterator[Item]:
    # stop pulling at once: a sitemap crawl must not go on past the limit
    if n <= 0:
        return
    for i, item in enumerate(items, 1):
        yield item
        if i >= n:
            return
