"""End tags that a browser applies and libxml2 ignores.

libxml2 builds the tree by HTML 4's rules, in which an end tag may close
only elements of its own rank or lower, and ``<div>`` outranks all but the
table elements, ``<head>``, ``<body>`` and ``<html>``. So with a ``<div>``
left open, ``</article>``, ``</section>``, ``</li>`` and the like are dropped
(the parser logs "Opening and ending tag mismatch: section and div"). A
browser's parser ends the element there, and the open div with it, because
nothing between them is a scope boundary. An unclosed div in a template is
common: everything after it then sits one or more levels deeper in libxml2's
tree than in the browser's. Every selector built on it there matches nothing
in the browser, and the nesting any rule reads (which figure holds an image,
which landmark a link is in) is wrong.

The fix is a second parse of the page with ``</div>`` inserted before each such
end tag, on the same line. No start tag moves and no line changes, so every
``sourceline`` and every position found in the original source still holds.
The parser's log decides where; it costs nothing on a page without such an
error (6% of the news corpus has one).

The log gives a line, not a column. Where a line holds one such end tag, that
is the one; otherwise the tree tells which were dropped: each end tag is
paired with its start tag as the source nests them, and the element of a
dropped one holds something that starts after its end tag. That costs a scan
of the page for the tag, on such pages only; a line the tree cannot account
for is left as it is.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from itertools import accumulate

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
# parses at most: libxml2 logs 100 errors a parse, so a page with thousands
# of dropped end tags (a list template that leaves a div open in every item,
# each item then nested in the one before, past libxml2's depth limit) takes
# a round per hundred
_ROUNDS = 64
_DIV_END = b"</div>"
_LOGGED = 100  # errors libxml2 logs in a parse
# libxml2's XML_ERR_RESOURCE_LIMIT, which lxml 6.0.0 does not name yet
ERR_RESOURCE_LIMIT = getattr(etree.ErrorTypes, "ERR_RESOURCE_LIMIT", 114)


def stopped_by_limit(log) -> bool:
    """Whether libxml2 gave up before the end of the page (a resource limit
    such as 2,048 open elements): that error is always the last logged."""
    last = log.last_error
    return last is not None and last.type == ERR_RESOURCE_LIMIT


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

    A div left open also makes the end tags of the elements around it
    mismatch (``</li>`` dropped, then ``</ul>``): closing it for those too
    would close the divs around them. So a round fixes the dropped end tags
    whose elements hold none of the others fixed in that round, and the next
    parse's log shows what is left. The log says which element was open, not
    how many divs stood between: a round closes one more."""
    lines = Locator(raw, None)
    on_line: dict = {}  # (line, tag) -> where that end tag starts on the line
    inserts: Counter = Counter()  # offset in raw -> </div> tags added there
    placed: dict = {}  # (line, tag) -> the offsets it added them at
    refused: set = set()
    result = None
    for rounds in range(_ROUNDS):
        found = [m for m in _mismatches(log) if (m[0], m[1]) not in refused]
        undo = next(((line, tag) for line, tag, open_el in found
                     if open_el in _BOUNDARIES and (line, tag) in placed), None)
        if undo is not None:
            # with the divs closed, a table or cell is open between: the
            # browser ignores this end tag too, and keeps its divs open
            refused.add(undo)
            for off in placed.pop(undo):
                inserts[off] -= 1
        else:
            over_div = Counter((line, tag) for line, tag, open_el in found if open_el == "div")
            if not over_div:
                break
            for key in over_div:
                if key not in on_line:
                    span = lines.line_span(key[0])
                    on_line[key] = ([m.start() for m in _end_tag_rx(key[1]).finditer(raw, *span)]
                                    if span else [])
            batch, unknown = _batch(raw, inserts, root, over_div, on_line, log, rounds == 0)
            refused.update(unknown)
            if not batch:
                break
            for key, offs in batch.items():
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


def _batch(raw: bytes, inserts: Counter, root, over_div: Counter,
           on_line: dict, log, first: bool) -> tuple[dict, list]:
    """The end tags to close a div before in this round, as (line, tag) ->
    raw offsets, and the lines where which end tags were dropped is not known.

    In the first round, the first end tag the log names, when its line holds
    no other: most pages have one, or one and those around it that it made
    mismatch, and the second parse's log is then clean. After that, or where
    a line holds several, the tree tells which end tags on each line were
    dropped and whose elements they are (a scan of the page per tag); one
    whose element holds another taken this round waits for the next round's
    log (most often it is not dropped any more)."""
    key = next(iter(over_div))
    if (first or len(over_div) == 1) and len(on_line[key]) == over_div[key]:
        return {key: on_line[key]}, []
    dropped = _dropped(raw, inserts, root, over_div, on_line, log)
    if dropped is None:
        # the tree cannot tell: the first end tag the log names, if its line
        # holds no other
        if len(on_line[key]) == over_div[key]:
            return {key: on_line[key]}, []
        return {}, [key]
    batch: dict = {}
    held: set = set()  # the elements holding one taken: their turn comes later
    for off, key, el in sorted(dropped, key=lambda d: d[0]):
        if el in held:
            continue
        batch.setdefault(key, []).append(off)
        held.update(el.iterancestors())
    told = {key for _, key, _ in dropped}
    return batch, [key for key in over_div if key not in told]


def _shift(inserts: Counter):
    """raw offset -> where it is in the bytes parsed with ``inserts`` (the
    tags added at an offset come before what was there)."""
    offs = sorted(inserts)
    added = list(accumulate(len(_DIV_END) * inserts[off] for off in offs))

    def shifted(raw_off: int) -> int:
        i = bisect.bisect_right(offs, raw_off)
        return raw_off + (added[i - 1] if i else 0)
    return shifted


def _dropped(raw: bytes, inserts: Counter, root, over_div: Counter, on_line: dict, log):
    """(raw offset, (line, tag), element) of each end tag on the log's lines
    that the parse that built ``root`` dropped, or None when the tree cannot
    tell. Each end tag is paired with its start tag as the source nests them;
    the element of that start tag was left open at its end tag when something
    inside it starts after that end tag. A line whose count differs from the
    log's is left out.

    libxml2 logs 100 errors a parse: in a full log a line may hold more
    dropped end tags than it counts. A parse stopped by a limit (nesting
    deeper than 2,048) built the elements of a first part of the page."""
    full = len(log) >= _LOGGED
    stopped = stopped_by_limit(log)
    text = _with_inserts(raw, inserts) if inserts else raw
    loc = Locator(text, root)
    shifted = _shift(inserts)
    last_of: dict = {}
    found = []
    for tag in {key[1] for key in over_div}:
        starts = loc.tag_starts(tag)
        elements = list(root.iter(tag))
        if stopped and len(elements) < len(starts):
            starts = starts[:len(elements)]
        if len(elements) != len(starts):
            return None  # the parser implied or dropped some: no alignment
        opened: list[int] = []
        closes: dict[int, int] = {}  # end tag offset -> index of the start tag it ends
        i = 0
        for m in _end_tag_rx(tag).finditer(loc.masked):
            end = m.start()
            while i < len(starts) and starts[i] < end:
                opened.append(i)
                i += 1
            if opened:
                closes[end] = opened.pop()
        for key in (k for k in over_div if k[1] == tag):
            mine = []
            for raw_off in on_line[key]:
                at = shifted(raw_off)
                k = closes.get(at)
                last = _last_descendant(elements[k], last_of) if k is not None else None
                if last is None:
                    continue
                where = loc.start_offset(last, stopped)
                if where is None:
                    return None
                if where > at:
                    mine.append((raw_off, key, elements[k]))
            if len(mine) == over_div[key] or (full and len(mine) > over_div[key]):
                found.extend(mine)
    return found


def _last_descendant(el, memo: dict):
    """The element that starts last inside ``el`` (down its last children),
    or None. ``memo`` keeps the answer for every element on the way: where
    dropped end tags nested each list item in the one before, the walks of
    thousands of items share one long chain."""
    chain = []  # (element, its last child element), downwards
    node = el
    while node not in memo:
        child = next(node.iterchildren(reversed=True, tag=etree.Element), None)
        if child is None:
            memo[node] = None
            break
        chain.append((node, child))
        node = child
    last = memo[node]
    for parent, child in reversed(chain):
        last = last if last is not None else child
        memo[parent] = last
    return memo[el]


def _with_inserts(raw: bytes, inserts: Counter) -> bytes:
    parts = []
    last = 0
    for off in sorted(inserts):
        parts.append(raw[last:off])
        parts.append(_DIV_END * inserts[off])
        last = off
    parts.append(raw[last:])
    return b"".join(parts)
