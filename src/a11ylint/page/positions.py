"""Line and column of an element in the page source.

lxml reports only a line (the one where the start tag *ends*), saturating at
65,535, and no column; minified news pages put everything on a handful of
very long lines. So positions come from the source itself, and only for the
few elements that have findings:

* the k-th ``<tag`` start in the source (outside comments and raw-text
  elements such as ``<script>``) is aligned with the k-th element of that tag
  in the tree. Each step is a C-speed ``str.find`` scan, done once per tag
  name and page, lazily;
* when the counts disagree (tags the parser implied or dropped), lxml's
  ``sourceline`` picks the line and the first ``<tag`` ending on it.

All scanning runs over the UTF-8 bytes lxml parsed, never over a decoded
str: the byte scans take memchr speed whatever the script, and the page is
never decoded as a whole. Offsets are byte offsets; columns count characters,
decoded from the line start (or a nearer point already known on that line).
"""

from __future__ import annotations

import bisect
import re
from itertools import accumulate, count
from operator import add

LXML_MAX_LINE = 65535

_RAW_OPEN = re.compile(
    rb"<!--|<(script|style|textarea|iframe|noembed|noframes|xmp"
    rb"|SCRIPT|STYLE|TEXTAREA|IFRAME|NOEMBED|NOFRAMES|XMP|Script|Style)(?=[\s>])")
# The rest of a start tag up to its '>': quoted attribute values may hold
# '>'; a quote that never closes runs to the end of the text (no match).
# Possessive, so a long tag is one forward pass with no backtracking.
_TAG_REST = re.compile(rb"""(?:[^=>]++|=[ \t\r\n]*+(?:"[^"]*+"|'[^']*+'|(?!["'])))*+>""")
_TAG_RX: dict = {}
_LONG_LINE = 20000  # longer lines are minified markup: use the full alignment
_CHUNK = 1 << 12  # newline counts are kept per chunk of this many bytes
_TAG_SPAN = 16384  # a start tag may begin this many bytes before the line it ends on


def _chars(data: bytes) -> int:
    """How many characters these UTF-8 bytes hold."""
    try:
        return len(data.decode("utf-8", "surrogatepass"))
    except UnicodeDecodeError:
        return len(data.decode("utf-8", "replace"))


def next_after_subtree(node):
    """The first element after ``node`` and its descendants in document
    order (its next element sibling, or its nearest ancestor's), or None."""
    while node is not None:
        nxt = node.getnext()
        while nxt is not None and not isinstance(nxt.tag, str):
            nxt = nxt.getnext()
        if nxt is not None:
            return nxt
        node = node.getparent()
    return None


def previous_in_document(node):
    """The node just before ``node`` in document order (its previous
    sibling's last descendant, or its parent), or None at the top."""
    prev = node.getprevious()
    if prev is None:
        return node.getparent()
    while len(prev):
        prev = prev[-1]
    return prev


def _same_line(el, line: int, limit: int = 400, renamed=None) -> tuple[int, int] | None:
    """(elements with el's tag whose start tag ends on ``line`` before el, all
    of them). They are el's nearest neighbours in document order (start tags
    come in source order), so short walks back and forth find them; None when
    a walk runs long. ``renamed``: element -> the tag name it has in the
    source, for elements the page model renamed."""
    renamed = renamed or None  # None: the usual page, one comparison per node
    tag = (renamed.get(el) or el.tag) if renamed else el.tag
    before = after = 0
    node = el
    for _ in range(limit):
        node = previous_in_document(node)
        if node is None:
            break
        ln = node.sourceline or 0
        if ln < line:
            break
        if ln == line and (node.tag if renamed is None else renamed.get(node) or node.tag) == tag:
            before += 1
    else:
        return None
    node = el
    for _ in range(limit):
        if len(node):
            node = node[0]
        else:
            while node is not None and node.getnext() is None:
                node = node.getparent()
            if node is None:
                break
            node = node.getnext()
        ln = node.sourceline or 0
        if ln > line:
            break
        if ln == line and (node.tag if renamed is None else renamed.get(node) or node.tag) == tag:
            after += 1
    else:
        return None
    return before, before + 1 + after


class Locator:
    def __init__(self, text: bytes, root, renamed: dict | None = None) -> None:
        self.text = text
        self.root = root
        # element -> its tag in the source, where the page model renamed it
        # (<image> is an <img> to a browser): positions come from the source
        self.renamed = renamed or {}
        self._raw: tuple[list[int], list[int]] | None = None
        self._by_tag: dict[str, list[int]] = {}
        self._tree_index: dict[str, dict] = {}
        self._line_starts: list[int] | None = None
        self._memo: dict = {}
        self._masked: bytes | None = None
        self._known: dict[int, int] = {1: 0}  # line -> offset where it starts
        self._line_ends: dict[int, int] = {}  # line start -> start of the next line
        self._on_line_found: dict[tuple, list[int]] = {}  # see _starts_ending_on
        self._cum = [0]  # newlines before each _CHUNK boundary
        self._cols: dict[int, list] = {}  # line start -> [(byte offset, column)]

    def _source_tag(self, el):
        return (self.renamed.get(el) or el.tag) if self.renamed else el.tag

    # -- offsets and lines --------------------------------------------------
    def line_col(self, offset: int) -> tuple[int, int]:
        """Line and (character) column of a byte offset."""
        line, start = self._line_of(offset)
        return line, self.column(start, offset)

    def column(self, start: int, offset: int) -> int:
        """Column of ``offset`` on the line starting at ``start``. On minified
        pages many findings share one huge line: each is counted from the
        nearest point already known on it, not from the line start."""
        if offset - start < 512:
            seg = self.text[start:offset]
            return (len(seg) if seg.isascii() else _chars(seg)) + 1
        known = self._cols.setdefault(start, [(start, 1)])
        i = bisect.bisect_right(known, (offset, 1 << 62)) - 1
        base, col = known[i]
        col += _chars(self.text[base:offset])
        bisect.insort(known, (offset, col))
        return col

    def _line_of(self, offset: int) -> tuple[int, int]:
        """Line number of an offset and where that line starts."""
        if self._line_starts is not None:
            starts = self._line_starts
            i = bisect.bisect_right(starts, offset) - 1
            return i + 1, starts[i]
        c = offset // _CHUNK
        self._count_chunks(lambda cum: len(cum) > c + 1)
        text = self.text
        line = self._cum[c] + text.count(b"\n", c * _CHUNK, offset) + 1
        # remembered: on a minified page every finding is on one long line,
        # and searching back to its start for each was quadratic
        start = self._known.get(line)
        if start is None:
            start = self._known[line] = text.rfind(b"\n", 0, offset) + 1
        return line, start

    def _count_chunks(self, enough) -> None:
        """Extend the running newline counts, chunk by chunk, until
        ``enough(counts)`` or the end of the text. Finding a line is then a
        bisection on these counts and a search inside one chunk: about one
        pass over the text up to the last finding for a whole page, where
        searching from the nearest known line for each finding cost two to
        three."""
        cum = self._cum
        text = self.text
        n = len(text)
        count = text.count
        while not enough(cum):
            start = (len(cum) - 1) * _CHUNK
            if start >= n:
                break
            cum.append(cum[-1] + count(b"\n", start, start + _CHUNK))

    @property
    def line_starts(self) -> list[int]:
        """Offsets where each line starts (built only on the slow path)."""
        if self._line_starts is None:
            lengths = map(len, self.text.split(b"\n"))
            # start of line i = sum of the previous lines' lengths + i newlines
            acc = accumulate(lengths, initial=0)
            starts = list(map(add, acc, count()))
            self._line_starts = starts
        return self._line_starts

    def prefetch(self, lines) -> None:
        """Count newlines once up to the last of these lines."""
        last = max((ln for ln in lines if 0 < ln < LXML_MAX_LINE), default=0)
        if last and self._line_starts is None:
            self._count_chunks(lambda cum: cum[-1] >= last)

    def line_start(self, line: int) -> int | None:
        """Offset where ``line`` starts, or None past the end of the text."""
        if line <= 1:
            return 0 if line == 1 else None
        known = self._known.get(line)
        if known is not None:
            return known
        if self._line_starts is not None:
            starts = self._line_starts
            return starts[line - 1] if line <= len(starts) - 1 else None
        need = line - 1  # newlines before the line's start
        self._count_chunks(lambda cum: cum[-1] >= need)
        cum = self._cum
        if cum[-1] < need:
            return None
        i = bisect.bisect_left(cum, need) - 1  # the chunk holding that newline
        lo, hi = i * _CHUNK, (i + 1) * _CHUNK
        need -= cum[i]
        text = self.text
        count = text.count
        while hi - lo > 512 and need > 16:
            mid = (lo + hi) // 2
            c = count(b"\n", lo, mid)
            if c >= need:
                hi = mid
            else:
                lo, need = mid, need - c
        pos = lo
        find = text.find
        while need > 0:
            pos = find(b"\n", pos) + 1
            need -= 1
        self._known[line] = pos
        return pos

    def line_span(self, line: int) -> tuple[int, int] | None:
        """(start, start of the next line) of ``line``."""
        lo = self.line_start(line)
        if lo is None:
            return None
        hi = self._line_ends.get(lo)
        if hi is None:  # remembered, as in _line_of
            nl = self.text.find(b"\n", lo)
            hi = self._line_ends[lo] = len(self.text) + 1 if nl < 0 else nl + 1
        return lo, hi

    def line_text(self, line: int) -> str | None:
        starts = self.line_starts
        if not 0 < line < len(starts):
            return None
        return self.text[starts[line - 1]:starts[line]].decode("utf-8", "replace")

    # -- where markup is not markup ----------------------------------------
    def _raw_ranges(self) -> tuple[list[int], list[int]]:
        """Spans of comments and raw-text element contents: one regex pass for
        the openers, a str.find for each closer."""
        if self._raw is None:
            text = self.text
            starts: list[int] = []
            ends: list[int] = []
            pos = 0
            find = text.find
            while True:
                m = _RAW_OPEN.search(text, pos)
                if m is None:
                    break
                if m.group(1) is None:  # comment
                    s = m.start()
                    e = find(b"-->", s + 4)
                    e = len(text) if e < 0 else e + 3
                else:
                    s = find(b">", m.end())
                    if s < 0:
                        break
                    s += 1
                    name = m.group(1)
                    e = find(b"</" + name, s)
                    if e < 0 and name != name.lower():
                        e = find(b"</" + name.lower(), s)
                    if e < 0 and name != name.upper():
                        e = find(b"</" + name.upper(), s)
                    e = len(text) if e < 0 else e
                starts.append(s)
                ends.append(e)
                pos = max(e, m.end())
            self._raw = (starts, ends)
        return self._raw

    @property
    def masked(self) -> bytes:
        """The source with comment and raw-text contents blanked (same length),
        so tag scans need no per-match check."""
        if self._masked is None:
            starts, ends = self._raw_ranges()
            text = self.text
            if not starts:
                self._masked = text
            else:
                parts = []
                prev = 0
                for s_, e_ in zip(starts, ends, strict=True):
                    parts.append(text[prev:s_])
                    parts.append(b" " * (e_ - s_))
                    prev = e_
                parts.append(text[prev:])
                self._masked = b"".join(parts)
        return self._masked

    def start_offset(self, el, truncated: bool = False) -> int | None:
        """Offset of el's start tag, without its line and column: the k-th
        ``<tag`` for the k-th element of that tag, when the counts agree
        (or, in the tree of a parse that stopped early, ``truncated``, when
        the tree holds no more of them than the source)."""
        tag = self._source_tag(el)
        if isinstance(tag, str):
            tag = tag.lower()
            offs = self.tag_starts(tag)
            k, total = self._tree_position(el)
            if k >= 0 and (total == len(offs) or truncated and total < len(offs)):
                return offs[k]
            if truncated:
                return None
        found = self.locate(el)
        return found[2] if found else None

    def tag_starts(self, tag: str) -> list[int]:
        """Offsets of the page's ``<tag`` start tags (any case), outside
        comments and raw text, in source order."""
        offs = self._by_tag.get(tag)
        if offs is None:
            rx = self._tag_rx(tag)
            offs = [m.start() for m in rx.finditer(self.masked)]
            self._by_tag[tag] = offs
        return offs

    def _tree_position(self, el) -> tuple[int, int]:
        """(index of el among same-tag elements in the tree, how many there are)."""
        renamed = self.renamed
        tag = self._source_tag(el)
        idx = self._tree_index.get(tag)
        if idx is None:
            try:
                if renamed:
                    tags = {tag, *renamed.values(), *(e.tag for e in renamed)}
                    same = (e for e in self.root.iter(*tags)
                            if (renamed.get(e) or e.tag) == tag)
                else:
                    same = self.root.iter(tag)
            except ValueError:
                # a name lxml refuses to look up (libxml2 took `<Impressum\x01`
                # as a tag): compare every element's name instead
                same = (e for e in self.root.iter() if self._source_tag(e) == tag)
            idx = {e: i for i, e in enumerate(same)}
            self._tree_index[tag] = idx
        return idx.get(el, -1), len(idx)

    def tag_end(self, start: int) -> int:
        """Offset of the '>' closing the start tag at ``start`` (quoted values
        skipped); the last offset when the tag never closes."""
        m = _TAG_REST.match(self.text, start + 1)
        return m.end() - 1 if m else len(self.text) - 1

    def locate(self, el):
        """(line, column, offset) of the element's start tag, or None when it is
        not in the source (an element the parser implied, like a missing <body>)."""
        memo = self._memo
        if el in memo:
            return memo[el]
        r = memo[el] = self._locate(el)
        return r

    def quick_offset(self, el) -> int | None:
        """Offset of el's start tag when the fast path can tell (ordinary,
        not minified markup), else None; never the whole-page alignment."""
        memo = self._memo.get(el)
        if memo is not None:
            return memo[2]
        tag = self._source_tag(el)
        if not isinstance(tag, str):
            return None
        found = self._on_line(el, tag.lower())
        if found is None:
            return None
        self._memo[el] = found
        return found[2]

    def _locate(self, el) -> tuple[int, int, int] | None:
        tag = self._source_tag(el)
        if not isinstance(tag, str):
            return None
        tag = tag.lower()
        fast = self._on_line(el, tag)
        if fast is not None:
            return fast
        offs = self.tag_starts(tag)
        k, total = self._tree_position(el)
        if k >= 0 and total == len(offs):
            off = offs[k]
            return (*self.line_col(off), off)
        line = el.sourceline or 0
        if 0 < line < LXML_MAX_LINE:
            starts = self.line_starts
            if line < len(starts):
                lo = starts[line - 1]
                hi = starts[line]
                # the start tag ends on `line`; it may begin a few lines earlier
                cands = [o for o in offs if o < hi and self.tag_end(o) >= lo]
                if cands:
                    # the k-th same-tag element ending on this line is the k-th candidate
                    i = min(len(self._same_line_before(el, line)), len(cands) - 1)
                    off = cands[i]
                    return (*self.line_col(off), off)
                return line, 1, lo
        return None

    def _on_line(self, el, tag: str) -> tuple[int, int, int] | None:
        """Fast path for ordinary (not minified) markup: lxml's line is exact,
        and usually exactly one ``<tag`` start tag ends on it. Then neither
        the raw-text spans nor a whole-page tag scan are needed."""
        line = el.sourceline or 0
        if not 0 < line < LXML_MAX_LINE:
            return None
        span = self.line_span(line)
        if span is None:
            return None
        lo, hi = span
        if hi - lo > _LONG_LINE:
            return None
        key = (line, tag)
        found = self._on_line_found.get(key)
        if found is None:
            found = self._on_line_found[key] = self._starts_ending_on(tag, lo, hi)
        if not found:
            return None
        if len(found) > 1:
            # several such tags end on this line: el is the one at its rank
            # among the same-tag elements of the tree that end on this line
            # (when the counts differ, some '<tag' on the line is not markup,
            # e.g. inside a script string: let the full alignment decide)
            same = _same_line(el, line, renamed=self.renamed)
            if same is None or same[1] != len(found):
                # the line is too crowded to walk, or not all of its '<tag'
                # are markup: the other elements on it go the full way at once
                self._on_line_found[key] = []
                return None
            found = found[same[0]]
        else:
            found = found[0]
        if found >= lo:
            return line, self.column(lo, found), found
        return (*self.line_col(found), found)

    def _starts_ending_on(self, tag: str, lo: int, hi: int) -> list[int]:
        """Offsets of the ``<tag`` start tags that end on the line [lo, hi).
        Kept per line by _on_line: a line of a thousand images, each with a
        finding, was scanned a thousand times."""
        text = self.text
        rx = self._tag_rx(tag)
        found = [m.start() for m in rx.finditer(text, lo, hi) if self.tag_end(m.start()) < hi]
        # A start tag may also begin on an earlier line and end on this one.
        # Only the nearest one before the line can (two such tags would nest),
        # so look back for it rather than scanning the whole window forward.
        # Usually the text before the line ends with a closed tag ('>' after
        # the last '<'), and there is nothing to look for. (A '>' inside a
        # quoted value can hide one; if no tag ends on the line either, the
        # full alignment still finds it.)
        if not (found and text.rfind(b">", 0, lo) > text.rfind(b"<", 0, lo)):
            win = max(0, lo - _TAG_SPAN)
            lower, upper = b"<" + tag.encode("utf-8"), b"<" + tag.upper().encode("utf-8")
            back = lo
            while True:
                low = text.rfind(lower, win, back)
                # the upper-case spelling is rare: look for it only past the lower-case hit
                back = max(low, text.rfind(upper, max(low, win), back))
                if back < 0 or rx.match(text, back):
                    break
            if back >= 0 and lo <= self.tag_end(back) < hi:
                found.insert(0, back)
        return found

    @staticmethod
    def _tag_rx(tag: str):
        rx = _TAG_RX.get(tag)
        if rx is None:
            # any case: `<Img>` is an img as much as `<IMG>` (libxml2 lowers
            # every name), and missing one shifted every same-tag position after
            # it. No slower: the search runs on the literal '<' either way.
            rx = _TAG_RX[tag] = re.compile(
                b"<" + re.escape(tag.encode("utf-8")) + rb"(?=[\s/>])", re.I)
        return rx

    def _same_line_before(self, el, line: int):
        """Same-tag elements ending on ``line`` that precede el."""
        tag = self._source_tag(el)
        idx = self._tree_index.get(tag) or {}
        out = []
        for e, _i in idx.items():
            if e is el:
                break
            if e.sourceline == line:
                out.append((e, _i))
        return out

