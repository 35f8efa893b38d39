"""End tags that a browser applies and libxml2 ignores.

libxml2 builds the tree by HTML 4's rules, in which an end tag may close
only elements of its own rank or lower, and ``<div>`` outranks all but the
table elements, ``<head>``, ``<body>`` and ``<html>``. So with a ``<div>`` left open, ``</article>``,
``</section>``, ``</li>`` and the like are dropped (the parser logs
"Opening and ending tag mismatch: section and div"). A browser's parser ends
the element there, and the open div with it, because nothing between them is a
scope boundary. An unclosed div in a template is common: everything after it
then sits one or more levels deeper in libxml2's tree than in the browser's.
Every selector built on it there matches nothing in the browser, and the
nesting any rule reads (which figure holds an image, which landmark a link is
in) is wrong.

The fix is a second parse of the page with ``</div>`` inserted before each such
end tag, on the same line. No start tag moves and no line changes, so every
``sourceline`` and every position found in the original source still holds.
The parser's log decides where; it costs nothing on a page without such an
error (6% of the news corpus has one).

Where a line holds more of these end tags than the log counts on it (minified
markup on one line), the tree tells which were dropped: each end tag is paired
with its start tag as the source nests them, and the element of a dropped one
holds something that starts after its end tag. That costs a scan of the page
for the tag, on such pages only; when the tree cannot tell, the line is left
as it is.
"""

from __future__ import annotations

import re
from collections import Counter

from lxml import etree

from a11ylint.page.positions import LXML_MAX_LINE, Locator

# Elements whose end tag a browser applies when the element is in scope:
# every "special" block whose end tag the HTML5 tree builder handles by
# popping to it, plus list items and headings. The divs between are popped.
CLOSES_ACROSS_DIV = frozenset({
    "address", "article", "aside", "blockquote", "center", "details", "dialog", "dir",
    "dl", "fieldset", "figcaption", "figure", "footer", "header", "hgroup", "listing",
    "main", "menu", "nav", "ol", "pre", "search", "section", "summary", "ul",
    "li", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6",
})
# Where a browser stops looking for the element (the boundaries of its scope):
# with one of these between, it ignores the end tag as libxml2 does. Found
# after the divs are closed, when the log names one as the open element.
_BOUNDARIES = frozenset({"table", "tbody", "thead", "tfoot", "tr", "td", "th", "caption",
                         "object", "applet", "marquee", "template", "html"})
_MISMATCH = re.compile(r"Opening and ending tag mismatch: ([a-z][a-z0-9]*) and ([a-z][a-z0-9]*)")
_ERR_TAG_NAME_MISMATCH = etree.ErrorTypes.ERR_TAG_NAME_MISMATCH
_ROUNDS = 12  # reparses at most, for a page with many such end tags
_DIV_END = b"</div>"


def _mismatches(log) -> list[tuple[int, str, str]]:
    """(line, end tag, open element) of each end tag libxml2 did not apply
    because another element was open."""
    found = []
    for e in log:
        if e.type != _ERR_TAG_NAME_MISMATCH:
            continue
        m = _MISMATCH.match(e.message)
        if m and m.group(1) in CLOSES_ACROSS_DIV and 0 < e.line < LXML_MAX_LINE:
            found.append((e.line, m.group(1), m.group(2)))
    return found


def ignored_across_div(log) -> bool:
    """Whether the first parse dropped an end tag over an open div."""
    return any(open_el == "div" for _, _, open_el in _mismatches(log))


def _end_tag_rx(tag: str):
    return re.compile(rb"</" + tag.encode() + rb"(?=[\s/>])", re.I)


def close_across_divs(raw: bytes, root, log, parse):
    """``(root, log)`` of the page parsed again with ``</div>`` where a
    browser closes divs that libxml2 left open, or None when nothing could be
    fixed. ``root`` and ``log`` are the first parse's; ``parse(bytes)`` gives
    ``(root, log)``.

    One end tag per round, the first the log names: a div left open also
    makes later end tags mismatch (``</li>`` then ``</ul>``), and closing it
    for those too would close the divs around it. The log says which element
    was open, not how many divs stood between: a round closes one."""
    lines = Locator(raw, None)
    on_line: dict = {}  # (line, tag) -> where that end tag starts on the line
    inserts: Counter = Counter()  # offset in raw -> </div> tags added there
    placed: dict = {}  # (line, tag) -> the offsets it added them at
    refused: set = set()
    result = None
    for _ in range(_ROUNDS):
        key = offs = None
        found = _mismatches(log)
        over_div = Counter((line, tag) for line, tag, open_el in found if open_el == "div")
        for line, tag, open_el in found:
            k = (line, tag)
            if k in refused:
                continue
            if open_el == "div":
                cands = on_line.get(k)
                if cands is None:
                    span = lines.line_span(line)
                    cands = on_line[k] = (
                        [m.start() for m in _end_tag_rx(tag).finditer(raw, *span)]
                        if span else [])
                offs = cands
                if len(cands) != over_div[k]:
                    # the line holds others that were applied (minified
                    # markup): the tree tells which ones were dropped
                    offs = _dropped(raw, inserts, root, tag, cands)
                if offs is None or len(offs) != over_div[k]:
                    refused.add(k)
                    continue
                key = k
                break
            if open_el in _BOUNDARIES and k in placed:
                # with the divs closed, a table or cell is open between: the
                # browser ignores this end tag too, and keeps its divs open
                refused.add(k)
                for off in placed.pop(k):
                    inserts[off] -= 1
                key = k
                break
        if key is None:
            break
        if key not in refused:
            for off in offs:
                inserts[off] += 1
            placed.setdefault(key, []).extend(offs)
        inserts = +inserts  # drop the offsets that came back to zero
        if not inserts:
            return None
        result = parse(_with_inserts(raw, inserts))
        root, log = result
        if root is None:
            return None
    return result


def _in_parsed(raw_off: int, inserts: Counter) -> int:
    """Where a raw offset is in the bytes parsed with ``inserts`` (the tags
    added at an offset come before what was there)."""
    return raw_off + len(_DIV_END) * sum(n for off, n in inserts.items() if off <= raw_off)


def _dropped(raw: bytes, inserts: Counter, root, tag: str, cands: list) -> list | None:
    """Which of the end tags at ``cands`` (raw offsets) the parse that built
    ``root`` dropped, or None when the tree cannot tell. Each end tag is
    paired with its start tag as the source nests them; the element of that
    start tag was left open at its end tag when something inside it starts
    after that end tag. Runs only for lines that hold more of these end tags
    than the log counts on them."""
    text = _with_inserts(raw, inserts) if inserts else raw
    loc = Locator(text, root)
    starts = loc._tag_offsets(tag)
    elements = list(root.iter(tag))
    if len(elements) != len(starts):
        return None  # the parser implied or dropped some: no alignment
    ends = [m.start() for m in _end_tag_rx(tag).finditer(loc.masked)]
    opened: list[int] = []
    closes: dict[int, int] = {}  # end tag offset -> index of the start tag it ends
    i = 0
    for end in ends:
        while i < len(starts) and starts[i] < end:
            opened.append(i)
            i += 1
        if opened:
            closes[end] = opened.pop()
    dropped = []
    for raw_off in cands:
        at = _in_parsed(raw_off, inserts)
        k = closes.get(at)
        if k is None:
            continue
        last = elements[k].xpath("descendant::*[last()]")
        if not last:
            continue
        where = loc.locate(last[0])
        if where is None:
            return None
        if where[2] > at:
            dropped.append(raw_off)
    return dropped


def _with_inserts(raw: bytes, inserts: Counter) -> bytes:
    parts = []
    last = 0
    for off in sorted(inserts):
        parts.append(raw[last:off])
        parts.append(_DIV_END * inserts[off])
        last = off
    parts.append(raw[last:])
    return b"".join(parts)
