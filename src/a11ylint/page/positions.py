"""Line and column of an element in the decoded source.

lxml reports only a line (the one where the start tag *ends*), saturating at
65,535, and no column. Minified news pages put everything on a handful of very
long lines, so a line alone is useless there. We locate only the few elements
that have findings:

* fast path: the element's ``sourceline`` is exact and that line holds exactly
  as many ``<tag`` starts (ending on it) as lxml has elements of that tag on it;
  pick the k-th;
* otherwise align the k-th ``<tag`` start in the whole source (skipping
  comments and raw-text elements) with the k-th element of that tag in the
  tree. This is one regex pass per tag name, done lazily and cached.
"""

from __future__ import annotations

import bisect
import re
from itertools import accumulate

LXML_MAX_LINE = 65535

_RAW = re.compile(
    r"<!--.*?(?:-->|\Z)|<(script|style|textarea|xmp|title)\b[^>]*>.*?(?:</\1\s*>|\Z)",
    re.S | re.I,
)


class Locator:
    def __init__(self, text: str, root) -> None:
        self.text = text
        self.root = root
        self._line_starts: list[int] | None = None
        self._raw: tuple[list[int], list[int]] | None = None
        self._by_tag: dict[str, list[int] | None] = {}
        self._tree_index: dict[str, dict] = {}
        self._tree_list: dict[str, list] = {}

    # -- line table -------------------------------------------------------
    @property
    def line_starts(self) -> list[int]:
        if self._line_starts is None:
            lines = self.text.splitlines(keepends=True)
            self._line_starts = [0, *accumulate(map(len, lines))]
        return self._line_starts

    def line_col(self, offset: int) -> tuple[int, int]:
        starts = self.line_starts
        i = bisect.bisect_right(starts, offset) - 1
        return i + 1, offset - starts[i] + 1

    # -- raw ranges (comments, script, style): '<tag' inside them is not a tag
    def _raw_ranges(self) -> tuple[list[int], list[int]]:
        if self._raw is None:
            starts, ends = [], []
            for m in _RAW.finditer(self.text):
                s = m.start()
                if m.group(1):
                    # the raw element's own start tag is real; its content is not
                    s = self.text.find(">", s) + 1
                starts.append(s)
                ends.append(m.end())
            self._raw = (starts, ends)
        return self._raw

    def _in_raw(self, offset: int) -> bool:
        starts, ends = self._raw_ranges()
        i = bisect.bisect_right(starts, offset) - 1
        return i >= 0 and offset < ends[i]

    def _tag_offsets(self, tag: str) -> list[int]:
        offs = self._by_tag.get(tag)
        if offs is None:
            pat = re.compile(r"<" + re.escape(tag) + r"(?=[\s/>])", re.I)
            offs = [m.start() for m in pat.finditer(self.text) if not self._in_raw(m.start())]
            self._by_tag[tag] = offs
        return offs

    def _tree_position(self, el) -> tuple[int, int]:
        """(index of el among same-tag elements, total of them)."""
        tag = el.tag
        idx = self._tree_index.get(tag)
        if idx is None:
            elems = list(self.root.iter(tag))
            idx = {e: i for i, e in enumerate(elems)}
            self._tree_index[tag] = idx
            self._tree_list[tag] = elems
        return idx.get(el, -1), len(idx)

    def _tag_end(self, start: int) -> int:
        """Offset of the '>' closing the start tag at ``start`` (quoted values skipped)."""
        text, n = self.text, len(self.text)
        i = start + 1
        while i < n:
            c = text[i]
            if c == ">":
                return i
            if c == "=":
                j = i + 1
                while j < n and text[j] in " \t\r\n":
                    j += 1
                if j < n and text[j] in "\"'":
                    close = text.find(text[j], j + 1)
                    if close < 0:
                        return n - 1
                    i = close + 1
                    continue
            i += 1
        return n - 1

    def locate(self, el) -> tuple[int, int, int] | None:
        """(line, column, offset) of the element's start tag, or None if absent
        from the source (an element the parser implied, like a missing <body>)."""
        tag = el.tag
        if not isinstance(tag, str):
            return None
        tag = tag.lower()
        line = el.sourceline or 0
        if 0 < line < LXML_MAX_LINE:
            off = self._fast(el, tag, line)
            if off is not None:
                return (*self.line_col(off), off)
        offs = self._tag_offsets(tag)
        k, total = self._tree_position(el)
        if k >= 0 and total == len(offs):
            off = offs[k]
            return (*self.line_col(off), off)
        if 0 < line < LXML_MAX_LINE:
            # counts disagree (implied or dropped tags): trust lxml's line
            starts = self.line_starts
            if line - 1 < len(starts):
                lo = starts[line - 1]
                hi = starts[line] if line < len(starts) else len(self.text)
                cands = [o for o in offs if lo <= o < hi]
                if cands:
                    return (*self.line_col(cands[0]), cands[0])
                return line, 1, lo
        return None

    def _fast(self, el, tag: str, line: int) -> int | None:
        starts = self.line_starts
        if line >= len(starts):
            return None
        lo, hi = starts[line - 1], starts[line]
        # a start tag may begin a few lines before the line where it ends
        seg_lo = starts[max(0, line - 40)]
        low = self.text[seg_lo:hi].lower()
        needle = "<" + tag
        cands = []
        p = low.find(needle)
        while p >= 0:
            nxt = low[p + len(needle): p + len(needle) + 1]
            if nxt and (nxt.isspace() or nxt in "/>"):
                off = seg_lo + p
                if lo <= self._tag_end(off) < hi:
                    cands.append(off)
            p = low.find(needle, p + 1)
        if not cands:
            return None
        if len(cands) == 1:
            return None if self._in_raw(cands[0]) else cands[0]
        k = self._rank_on_line(el, tag, line)
        if k is None or k >= len(cands) or any(self._in_raw(c) for c in cands):
            return None
        return cands[k]

    def _rank_on_line(self, el, tag: str, line: int) -> int | None:
        """How many same-tag elements end on ``line`` before ``el``."""
        k, _ = self._tree_position(el)
        if k < 0:
            return None
        elems = self._tree_list[tag]
        rank, i = 0, k - 1
        while i >= 0 and elems[i].sourceline == line:
            rank += 1
            i -= 1
        return rank
