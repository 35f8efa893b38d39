"""Inline suppressions: HTML comments and ``data-a11ylint-ignore``.

Forms (RULES is a comma- or space-separated list of rule ids or families;
none means every rule; anything after `` -- `` is a free-text reason)::

    <!-- a11ylint-disable-next-line RULES -- reason -->
    <!-- a11ylint-disable RULES -->  ...  <!-- a11ylint-enable RULES -->
    <!-- a11ylint-disable-file RULES -->
    <figure data-a11ylint-ignore="RULES"> ... </figure>

``disable-next-line`` covers the element that follows the comment and every
finding on the line where that element starts (after the comment), so it works
both in hand-written pages and in minified ones where everything shares a line.
Ranges are positional: a finding is disabled when its start tag lies between a
``disable`` and the next ``enable`` that covers its rule; a ``disable`` without
an ``enable`` runs to the end of the page. ``data-a11ylint-ignore`` covers the
element and everything inside it, which survives reformatting better than a
comment and is what templating systems can emit.

Cost matters here: news pages carry hundreds of comments (ad slots, build
markers), so comments are filtered by a substring test before any parsing,
attribute lookups walk only the ancestors of elements that have findings, and
nothing walks the whole tree unless unused directives are being reported.

A directive that suppressed nothing is reported as a ``directive-unused``
warning when ``--report-unused-disables`` is given (or the rule is selected
explicitly), so suppressions are removed once the problem is fixed instead of
rotting and hiding the next regression on the same element.
"""

from __future__ import annotations

import bisect
import difflib
import re
from dataclasses import dataclass, field

from a11ylint.findings import Finding, Severity, noun
from a11ylint.page.positions import next_after_subtree
from a11ylint.rules.base import Rule
from a11ylint.selection import matches

UNUSED_ID = "directive-unused"
ATTRIBUTE = "data-a11ylint-ignore"
KINDS = ("disable-next-line", "disable-file", "disable", "enable")

_DIRECTIVE = re.compile(r"^\s*a11ylint-([a-z-]+)(.*)$", re.S | re.I)
_SPLIT = re.compile(r"[\s,]+")


class UnusedDirective(Rule):
    """Reports suppressions that no longer suppress anything."""

    id = UNUSED_ID
    family = "directive"
    severity = Severity.WARNING
    summary = "Inline a11ylint directive that suppresses nothing"
    rationale = (
        "A disable comment or data-a11ylint-ignore attribute that no longer matches a finding "
        "is dead weight at best; at worst it silently hides the next real barrier on that "
        "element, and screen-reader users meet a problem the build was told to ignore. It also "
        "catches misspelled directives and rule ids, which suppress nothing while looking as "
        "if they do."
    )
    fix = (
        "Remove the directive, or narrow it to the rules that still fire. Runs only with "
        "--report-unused-disables (or when this rule is selected explicitly)."
    )
    fail_examples = (
        """
        <p>Story text.</p>
        <!-- a11ylint-disable-next-line -- nothing here needs it -->
        <p>More story text.</p>
        """,
    )
    pass_examples = (
        """
        <p>Story text with no directive.</p>
        """,
    )

    def check(self, page):
        return ()  # reported by the engine's directive pass, which sees what was used


RULES = [UnusedDirective]


@dataclass(eq=False)
class Directive:
    kind: str
    codes: tuple[str, ...]  # empty: every rule
    node: object  # the comment, or the element carrying the attribute
    line: int = 1
    column: int = 1
    end: tuple[int, int] = (1, 1)
    target: object = None  # disable-next-line: the element that follows
    target_line: int = 0
    used: set = field(default_factory=set)  # codes that suppressed something; "*" for bare

    def covers(self, rule: str) -> str | None:
        """The code that covers ``rule`` ("*" for a bare directive), else None."""
        if not self.codes:
            return "*"
        for c in self.codes:
            if matches(rule, c):
                return c
        return None


def parse_codes(text: str) -> tuple[str, ...]:
    """Rule list of a directive; a `` -- `` starts the free-text reason."""
    text = re.split(r"(?:^|\s)--(?:\s|$)", text, maxsplit=1)[0]
    return tuple(c.lower() for c in _SPLIT.split(text.strip()) if c)


def report_enabled(settings, rule_ids) -> bool:
    if any(matches(UNUSED_ID, c) for c in settings.ignore or ()):
        return False
    if settings.report_unused_disables:
        return True
    # selected by name or family, not merely by "run everything"
    explicit = [*(settings.select or ()), *(settings.extend_select or ())]
    return any(c.lower() not in ("all", "*") and matches(UNUSED_ID, c) for c in explicit)


def apply(page, findings, settings, rule_ids, known=None):
    """Drop suppressed findings; returns (findings kept, number suppressed)."""
    report = report_enabled(settings, rule_ids)
    if not report and (not findings or b"a11ylint" not in page.raw_bytes):
        # every directive form spells "a11ylint": a C-speed substring test
        # spares the comment walk on the (usual) page without any
        return findings, 0
    comments = _directive_comments(page)
    directives, malformed = _parse(page, comments)
    attrs: dict = {}  # element -> Directive for data-a11ylint-ignore, found lazily
    kept: list[Finding] = []
    suppressed = 0
    files = [d for d in directives if d.kind == "disable-file"]
    nexts = _NextLines([d for d in directives if d.kind == "disable-next-line"])
    ranges = _Ranges([d for d in directives if d.kind in ("disable", "enable")])
    for f in findings:
        if _suppressed(page, f, attrs, files, nexts, ranges):
            suppressed += 1
        else:
            kept.append(f)
    if report:
        if page.root is not None:
            # the one whole-tree query, paid only when unused directives are wanted
            for el in page.root.xpath("//*[@data-a11ylint-ignore]"):
                if el not in attrs:
                    attrs[el] = _attr_directive(page, el)
        unused = _unused(page, [*directives, *attrs.values()], malformed, rule_ids, known)
        kept.extend(unused)
    return kept, suppressed


# -- collecting directives ----------------------------------------------------

def _directive_comments(page) -> list:
    """Comments that mention a11ylint, in document order, including those
    outside <html> (a disable-file before the doctype is common)."""
    out = []
    root = page.root
    if root is not None:
        before = [c for c in root.itersiblings(preceding=True) if _is_directive(c)]
        out.extend(reversed(before))
    out.extend(c for c in page.comments if _is_directive(c))
    if root is not None:
        out.extend(c for c in root.itersiblings() if _is_directive(c))
    return out


def _is_directive(node) -> bool:
    text = node.text
    return bool(text) and "a11ylint" in text and not isinstance(node.tag, str)


def _parse(page, comments) -> tuple[list[Directive], list[Directive]]:
    directives: list[Directive] = []
    malformed: list[Directive] = []
    search_from = 0
    for c in comments:
        m = _DIRECTIVE.match(c.text)
        if m is None:
            continue
        kind = m.group(1).lower()
        start, end = _comment_span(page, c, search_from)
        if end:
            search_from = end
        d = Directive(kind, parse_codes(m.group(2)), c)
        d.line, d.column = _line_col(page, start, c)
        d.end = _line_col(page, end, c) if end else (d.line, d.column)
        if kind not in KINDS:
            malformed.append(d)
            continue
        if kind == "disable-next-line":
            d.target = next_after_subtree(c)
            if d.target is not None:
                d.target_line = page.position(d.target)[0]
        directives.append(d)
    return directives, malformed


def _comment_span(page, comment, search_from: int) -> tuple[int | None, int | None]:
    """Offsets of ``<!--`` and just past ``-->`` in the page's UTF-8 bytes.

    libxml2 normalises CR LF inside comments, so a plain search can miss a
    multi-line comment in a Windows file; a regex tolerant of line endings is
    the fallback.
    """
    text = page.raw_bytes
    needle = ("<!--" + comment.text).encode("utf-8", "surrogatepass")
    i = text.find(needle, search_from)
    if i >= 0:
        close = text.find(b">", i + len(needle))
        return i, (close + 1 if close >= 0 else i + len(needle))
    pat = re.escape(needle).replace(b"\\\n", b"(?:\r\n|\r|\n)").replace(b"\n", b"(?:\r\n|\r|\n)")
    m = re.compile(pat).search(text, search_from)
    if m:
        close = text.find(b">", m.end())
        return m.start(), (close + 1 if close >= 0 else m.end())
    return None, None


def _line_col(page, offset, node) -> tuple[int, int]:
    if offset is None:
        return (node.sourceline or 1), 1
    return page.line_col(offset)


def _attr_directive(page, el) -> Directive:
    d = Directive("ignore", parse_codes(el.get(ATTRIBUTE) or ""), el)
    d.line, d.column = page.position(el)
    return d


# -- matching -----------------------------------------------------------------

def _suppressed(page, f, attrs, files, nexts, ranges) -> bool:
    rule = f.rule
    hit = False
    el = f.element
    # element attribute: the element and its ancestors
    node = el
    while node is not None:
        if isinstance(node.tag, str) and node.get(ATTRIBUTE) is not None:
            d = attrs.get(node)
            if d is None:
                d = attrs[node] = _attr_directive(page, node)
            code = d.covers(rule)
            if code:
                d.used.add(code)
                hit = True
        node = node.getparent()
    for d in files:
        code = d.covers(rule)
        if code:
            d.used.add(code)
            hit = True
    pos = (f.line, f.column)
    if nexts.suppress(el, rule, f.line, pos):
        hit = True
    if ranges.directives:
        active = ranges.active(rule, pos)
        if active is not None:
            d, code = active
            d.used.add(code)
            hit = True
    return hit


class _NextLines:
    """disable-next-line directives by the element and the line they govern.

    A directive covers the element after it and, on that element's line,
    whatever starts after the directive ends: on a minified page, the rest of
    the one line. A finding looks only at its element's directives and at
    its line's, and on a line the directives that name a rule are sorted by
    where they end, so those before a finding are a prefix found by
    bisection, each marked used once. Checking every directive for every
    finding was quadratic on a page of thousands of both."""

    def __init__(self, directives: list[Directive]) -> None:
        self.by_target: dict = {}
        self.by_line: dict[int, list[Directive]] = {}
        self.sorted: dict[tuple, list] = {}  # (line, rule) -> [ends, entries, marked]
        for d in directives:
            if d.target is not None:
                self.by_target.setdefault(d.target, []).append(d)
            self.by_line.setdefault(d.target_line, []).append(d)

    def suppress(self, el, rule: str, line: int, pos: tuple[int, int]) -> bool:
        hit = False
        if el is not None:
            for d in self.by_target.get(el, ()):
                code = d.covers(rule)
                if code:
                    d.used.add(code)
                    hit = True
        if line not in self.by_line:
            return hit
        key = (line, rule)
        mine = self.sorted.get(key)
        if mine is None:
            entries = sorted(((d.end, i, d, code) for i, d in enumerate(self.by_line[line])
                              if (code := d.covers(rule))), key=lambda e: (e[0], e[1]))
            mine = self.sorted[key] = [[e[0] for e in entries], entries, 0]
        ends, entries, marked = mine
        k = bisect.bisect_right(ends, pos)  # directives ending at or before pos
        if k:
            hit = True
            for _end, _i, d, code in entries[marked:k]:
                d.used.add(code)
            mine[2] = max(marked, k)
        return hit


class _Ranges:
    """disable/enable directives, in document order. What is in force at a
    position, for a rule, is the last directive before it that names the
    rule: a disable is, an enable ends it. Each rule's directives are listed
    once, then each finding is a bisection."""

    def __init__(self, directives: list[Directive]) -> None:
        self.directives = directives
        self.by_rule: dict[str, tuple[list, list]] = {}

    def active(self, rule: str, pos: tuple[int, int]):
        """(the disable in force at ``pos`` for ``rule``, its covering code), or None."""
        mine = self.by_rule.get(rule)
        if mine is None:
            starts, entries = [], []
            for d in self.directives:
                code = d.covers(rule)
                if code:
                    starts.append((d.line, d.column))
                    entries.append((d, code))
            mine = self.by_rule[rule] = (starts, entries)
        starts, entries = mine
        i = bisect.bisect_left(starts, pos)  # those strictly before pos
        if i == 0:
            return None
        d, code = entries[i - 1]
        return (d, code) if d.kind == "disable" else None


# -- unused report --------------------------------------------------------------

def _unused(page, directives, malformed, rule_ids, known) -> list[Finding]:
    out: list[Finding] = []
    running = list(rule_ids)
    for d in malformed:
        out.append(_finding(page, d, f"unknown directive 'a11ylint-{d.kind}' (expected one of: "
                                     f"{', '.join('a11ylint-' + k for k in KINDS)})"))
    for d in directives:
        if d.kind == "enable":
            continue
        name = ATTRIBUTE if d.kind == "ignore" else f"a11ylint-{d.kind}"
        if not d.codes:
            if not d.used and running:
                out.append(_finding(page, d, f"unused {name}: it suppressed nothing"))
            continue
        unknown, unused = [], []
        for code in d.codes:
            if code in d.used:
                continue
            if known is not None and not any(matches(r, code) for r in known):
                unknown.append(code)
            elif any(matches(r, code) for r in running):
                unused.append(code)
            # a known rule that did not run on this page: nothing can be said
        if unknown:
            hint = ""
            if len(unknown) == 1:  # a typo: name the rule most likely meant
                close = difflib.get_close_matches(unknown[0], list(known), n=1, cutoff=0.75)
                hint = f" (did you mean {close[0]}?)" if close else ""
            out.append(_finding(page, d, f"{name} names unknown {noun(len(unknown), 'rule')} "
                                         f"{', '.join(unknown)}{hint}"))
        if unused:
            out.append(_finding(page, d, f"unused {name}: no {', '.join(unused)} finding "
                                         "to suppress"))
    return out


def _finding(page, d: Directive, message: str) -> Finding:
    node = d.node
    if isinstance(node.tag, str):
        el = node
        snippet = page.snippet(el)
    else:
        el = node.getparent()
        text = re.sub(r"\s+", " ", node.text or "").strip()
        snippet = f"<!-- {text[:150]} -->"
    return Finding(
        rule=UNUSED_ID, severity=UnusedDirective.severity, message=message,
        line=d.line, column=d.column,
        selector=page.selector(el) if el is not None else "",
        snippet=snippet, help=UnusedDirective.fix, element=el,
    )
