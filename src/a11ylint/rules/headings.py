"""Heading rules (WCAG 1.3.1 Info and Relationships, 2.4.6 Headings and Labels).

Screen-reader users skim a page by its headings: they list them, jump from one
to the next, and jump straight to the h1 to start reading. Every rule here
works from ``page.headings`` (h1-h6 and ``role=heading`` with ``aria-level``)
and ignores headings hidden from assistive technology, since those users
never meet them.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from a11ylint.findings import Severity
from a11ylint.page.aria import PICTURE_TAGS, hiding_phrase, normalise_ws, rendered_text
from a11ylint.page.bindings import binds_content
from a11ylint.rules.base import Rule

_WCAG = ("1.3.1", "2.4.6")


def visible_headings(page) -> tuple:
    # all four rules ask; hidden state does not change while a page is linted
    return page.memo("visible-headings", lambda: tuple(
        h for h in page.headings if not page.is_hidden(h.element)))


def label(h) -> str:
    """How the message names a heading: ``h2``, or ``role=heading level 3``
    for ARIA headings (whose tag says nothing about their level)."""
    tag = h.element.tag
    if tag in ("h1", "h2", "h3", "h4", "h5", "h6") and h.element.get("role") is None:
        return tag
    return f"<{tag} role=heading> level {h.level}"


def quote(text: str, limit: int = 60) -> str:
    text = normalise_ws(text)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f'"{text}"'


def _described(page, h) -> str:
    name = page.accessible_name(h.element)
    if name:
        return f"{label(h)} {quote(name)}"
    bound = binds_content(h.element)
    return f"{label(h)} filled by script ({bound})" if bound else f"empty {label(h)}"


# -- headline matching --------------------------------------------------------
# Separators between a headline and a site name: " | Site", " - Site",
# "Site: headline" and the like. They need spaces around them so hyphenated
# words and times ("9:30") stay whole.
_SEPARATOR = re.compile(r"\s+[|\-\u2013\u2014:\u00b7\u2022/\u00bb\u00ab~]+\s+")
_ELLIPSIS = re.compile(r"(?:\u2026|\.{2,})\s*$")
_MIN_PARTIAL = 15  # characters; below this a prefix match says nothing


class _PunctToSpace(dict):
    """str.translate table turning punctuation and symbols (Unicode categories
    P* and S*) into spaces. Filled on first sight of each character, so the
    category lookup runs once per distinct character, not once per character."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        out = self[code] = " " if unicodedata.category(ch)[0] in "PS" else ch
        return out


_PUNCT_TO_SPACE = _PunctToSpace()


@functools.lru_cache(maxsize=2048)
def norm_text(text: str) -> str:
    """Case-folded words only: quotes, dashes and other punctuation differ
    between a page's metadata and its visible text for no reason that matters."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return normalise_ws(text.translate(_PUNCT_TO_SPACE))


def headline_variants(headline: str) -> list[tuple[str, bool]]:
    """(normalised text, truncated?) for the headline as declared and with a
    site name removed from either end."""
    raw = normalise_ws(headline)
    truncated = bool(_ELLIPSIS.search(raw))
    if truncated:
        raw = _ELLIPSIS.sub("", raw)
    cands = [raw]
    parts = _SEPARATOR.split(raw)
    if len(parts) > 1:
        seps = _SEPARATOR.findall(raw)
        head = parts[0]
        for i in range(1, len(parts) - 1):
            head += seps[i - 1] + parts[i]
        tail = raw[len(parts[0]) + len(seps[0]):]
        # Which end is the site name is unknown, but a site name is short: keep
        # the longer side of each split, so a logo h1 that equals the site
        # name ("Daily News" in "Storm hits coast | Daily News") never counts
        # as carrying the headline.
        cands += [head if len(head) >= len(parts[-1]) else parts[-1],
                  parts[0] if len(parts[0]) >= len(tail) else tail]
    out: list[tuple[str, bool]] = []
    seen = set()
    for c in cands:
        n = norm_text(c)
        if n and n not in seen:
            seen.add(n)
            out.append((n, truncated))
    return out


def carries(text: str, variants: list[tuple[str, bool]]) -> bool:
    """Does a heading's text carry the headline? Equal, or equal once a site
    name is dropped, or one is a truncation of the other, or the heading adds
    a kicker ("Live:", "Exclusive") around the whole headline."""
    t = norm_text(text)
    if not t:
        return False
    for v, truncated in variants:
        if v == t:
            return True
        if len(v) >= _MIN_PARTIAL or truncated:
            if t.startswith(v) or (len(v) >= _MIN_PARTIAL and v in t):
                return True
        if len(t) >= _MIN_PARTIAL and v.startswith(t) and len(t) >= 0.6 * len(v):
            return True
        # Editors often write a shorter social title than the on-page headline
        # ("Brexit: Nervenkrieg geht in nächste Runde" for "Der Nervenkrieg um
        # den Brexit geht in die nächste Runde"); a logo h1 shares no words with
        # the story. Most of the headline's words in the heading means the same story.
        # Short words ("the", "in") are shared by unrelated lines, so at least
        # two longer ones must be shared too ("Get the Ledger in your inbox"
        # does not carry "The Morning Ledger").
        vw = set(v.split())
        if len(vw) >= 3:
            tw = set(t.split())
            shared = vw & tw
            if len(tw) >= 3 and len(shared) >= 0.6 * len(vw) and \
                    sum(1 for w in shared if len(w) > 3) >= 2:
                return True
        # Unspaced scripts: a long shared beginning
        n = min(len(v), len(t))
        if n >= _MIN_PARTIAL and len(_common_prefix(v, t)) >= 0.6 * n:
            return True
    return False


def _common_prefix(a: str, b: str) -> str:
    i = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        i += 1
    return a[:i]


def declared_headline(el) -> bool:
    """schema.org microdata on the heading itself says it is the headline."""
    return "headline" in (el.get("itemprop") or "").split()


def page_variants(page) -> list[tuple[str, bool]]:
    """Variants of all the page's declared headlines (two rules need them)."""
    return page.memo("headline-variants", lambda: [
        v for _, text in page.headlines for v in headline_variants(text)])


def carries_own_title(page, h) -> bool:
    """Whether an h1 carries the page's <title> (less a site name), and not
    just the site's name. When no heading at all carries the declared
    headline, the declared one is a social title written apart from the
    story's own headline (The New Yorker's og:title "Schrödinger's Hack" over
    the h1 and <title> "Hacking, Cryptography, and the Countdown to Quantum
    Computing"), and the h1 is where it belongs."""
    title = page.title
    name = page.accessible_name(h.element)
    if not title or not name:
        return False
    site = page.meta_properties.get("og:site_name") or ""
    if site and norm_text(site) == norm_text(name):
        return False
    return carries(name, headline_variants(title))


def carries_headline(page, h, variants) -> bool:
    return declared_headline(h.element) or carries(page.accessible_name(h.element), variants)


class HeadingOrder(Rule):
    id = "heading-order"
    family = "heading"
    severity = Severity.WARNING
    wcag = _WCAG
    summary = "Heading level skips one or more levels"
    rationale = (
        "Screen-reader users infer the structure of an article from heading levels. A jump "
        "from h2 to h4 suggests a missing section and makes them wonder what they skipped."
    )
    fix = (
        "Use the next level down (h2 then h3); choose the level for the structure and "
        "style it with CSS. Going back up to any level is fine."
    )
    fail_examples = (
        """
        <h1>Storm closes harbour</h1>
        <h2>What happened</h2>
        <h4>Ferry timetable</h4>
        """,
    )
    pass_examples = (
        """
        <h1>Storm closes harbour</h1>
        <h2>What happened</h2>
        <h3>Ferry timetable</h3>
        <h2>Related</h2>
        """,
        """
        <h1>Storm closes harbour</h1>
        <h2>What happened</h2>
        <h4 hidden>Ferry timetable</h4>
        """,
    )

    def check(self, page):
        prev = None
        for h in visible_headings(page):
            if prev is not None and h.level > prev.level + 1:
                want = prev.level + 1
                yield self.finding(
                    page, h.element,
                    f"{_described(page, h)} follows {_described(page, prev)}: level "
                    f"{h.level} skips {'level' if want + 1 == h.level else 'levels'} "
                    f"{want}{'' if want + 1 == h.level else f'-{h.level - 1}'} "
                    f"(use h{want} or higher)",
                    context={"level": h.level, "previous_level": prev.level},
                )
            prev = h


class HeadingOne(Rule):
    id = "heading-one"
    family = "heading"
    severity = Severity.ERROR
    wcag = _WCAG
    summary = "Page has no h1, or more than one"
    rationale = (
        "Screen-reader users jump to the h1 to start reading the article. Without one they "
        "must guess where the story starts; with several (the logo, a teaser, a cookie "
        "banner) the jump lands in the wrong place."
    )
    fix = (
        "Mark up the article headline (or the page's title on a front page) as the one h1; "
        "make site names, logos and section titles h2 or plain text."
    )
    fail_examples = (
        """
        <h2>Storm closes harbour</h2>
        <p>Ferries stayed in port.</p>
        """,
        """
        <header><h1>Daily Bugle</h1></header>
        <main><h1>Storm closes harbour</h1></main>
        """,
    )
    pass_examples = (
        """
        <header><p>Daily Bugle</p></header>
        <main><h1>Storm closes harbour</h1><h2>What happened</h2></main>
        """,
    )

    def check(self, page):
        heads = visible_headings(page)
        ones = [h for h in heads if h.level == 1]
        if not ones:
            where = heads[0].element if heads else None
            first = f"; the first heading is {_described(page, heads[0])}" if heads else \
                " and no headings at all"
            # an h1 that is there but hidden: the fix is to unhide it, not to add one
            hidden = next((h for h in page.headings if h.level == 1), None)
            if hidden is not None:
                why = hiding_phrase(hidden.element)
                first = (f" that screen readers can reach: {_described(page, hidden)} is hidden "
                         f"from them" + (f" ({why})" if why else "")
                         + (f"; the first heading is {_described(page, heads[0])}" if heads
                            else ""))
            yield self.finding(page, where, f"the page has no level-1 heading{first}",
                               context={"h1_count": 0})
            return
        if len(ones) == 1:
            return
        # The extras are the h1s that do not carry the declared headline; with no
        # headline (or none carrying it) the first h1 is taken as the real one.
        variants = page_variants(page)
        carriers = [h for h in ones if variants and carries_headline(page, h, variants)]
        if carriers:
            carrying = {id(h) for h in carriers}  # identity: Heading compares by value
            extras = [h for h in ones if id(h) not in carrying]
            advice = f"keep {_described(page, carriers[0])}, which carries the article headline"
        else:
            extras = ones[1:]
            advice = (f"the first is {_described(page, ones[0])}; one h1, holding the "
                      "page's own headline, is enough")
        kept = None if carriers else ones[0]
        kept_name = page.accessible_name(kept.element) if kept is not None else ""
        for h in extras:
            if kept_name and page.accessible_name(h.element) == kept_name:
                # the same headline twice, usually a copy for another screen
                # size that a stylesheet hides on this one: which copy the
                # stylesheet hides is not in the HTML, so say what to check
                line = page.position(kept.element)[0]
                message = (
                    f"extra {_described(page, h)} repeats the first h1 (line {line}): the page "
                    f"has {len(ones)} level-1 headings; if one is a copy for another screen "
                    "size, it must be display:none or hidden where it is not shown (a11ylint "
                    "reads no stylesheets), else keep one h1")
            else:
                message = (f"extra {_described(page, h)}: the page has {len(ones)} level-1 "
                           f"headings; {advice}")
            yield self.finding(page, h.element, message, context={"h1_count": len(ones)})


class HeadingEmpty(Rule):
    id = "heading-empty"
    family = "heading"
    severity = Severity.ERROR
    wcag = _WCAG
    summary = "Heading has no accessible name"
    rationale = (
        "An empty heading is announced as just \"heading\": screen-reader users navigating "
        "by headings land on it and hear nothing, and lose trust in the outline. A heading "
        "whose text a framework binds from script (v-html, v-text, x-text, ng-bind, "
        "Knockout's text or html) is not empty for readers, so it is left alone."
    )
    fix = (
        "Put text in the heading, give its image a meaningful alt, or remove the heading "
        "element if it only serves layout."
    )
    fail_examples = (
        "<h2></h2><p>Ferries stayed in port.</p>",
        '<h2><img src="logo.png" alt=""></h2>',
        '<h3><span aria-hidden="true">★</span></h3>',
    )
    pass_examples = (
        "<h2>What happened</h2>",
        '<h2><img src="logo.png" alt="Daily Bugle"></h2>',
        '<h2 aria-label="Most read"><span aria-hidden="true">★</span></h2>',
        # a framework fills it when the page's script runs (Vue here; also
        # Alpine's x-text, AngularJS's ng-bind, Knockout's text binding)
        '<h2 class="title" v-html="article.title"></h2>',
    )

    def check(self, page):
        for h in visible_headings(page):
            if page.accessible_name(h.element) or binds_content(h.element):
                continue
            yield self.finding(page, h.element,
                               f"{label(h)} has no accessible name: {_why_empty(h.element)}",
                               context={"level": h.level})


def _why_empty(el) -> str:
    imgs = hidden = texts = 0
    for d in el.iterdescendants():
        if not isinstance(d.tag, str):
            continue
        if d.tag in PICTURE_TAGS or d.tag == "svg" or d.get("role") in ("img", "image"):
            imgs += 1
        if (d.get("aria-hidden") or "").strip().lower() == "true" and \
                normalise_ws("".join(rendered_text(d))):
            hidden += 1
    texts = bool(normalise_ws("".join(rendered_text(el))))
    if hidden:
        return 'its only text is hidden with aria-hidden="true"'
    if imgs:
        return "it holds only images without alt text"
    if texts:
        return "its only text is hidden"
    return "it has no content"


class HeadingHeadline(Rule):
    id = "heading-headline"
    family = "heading"
    severity = Severity.WARNING
    wcag = _WCAG
    summary = "Article headline is not marked up as the h1"
    rationale = (
        "The page says (og:title, JSON-LD) that it is an article with a headline, but no h1 "
        "carries it, typically because the site logo is the h1 and the headline sits in an "
        "h2. Screen-reader users who jump to the h1 land on the logo, not the story. When no "
        "heading carries the declared headline but an h1 carries the page's <title>, the "
        "declared one is a social title written apart from the story's headline, and the "
        "page passes."
    )
    fix = (
        "Make the element holding the article headline the h1, and demote the logo or site "
        "name to plain text or a lower level."
    )
    fail_examples = (
        """
        <html lang="en"><head><title>Storm closes harbour | Daily Bugle</title>
        <meta property="og:title" content="Storm closes harbour"></head>
        <body><header><h1>Daily Bugle</h1></header>
        <main><h2>Storm closes harbour</h2></main></body></html>
        """,
    )
    pass_examples = (
        """
        <html lang="en"><head><title>Storm closes harbour | Daily Bugle</title>
        <meta property="og:title" content="Storm closes harbour | Daily Bugle"></head>
        <body><header><p>Daily Bugle</p></header>
        <main><h1>Storm closes harbour</h1></main></body></html>
        """,
        """
        <html lang="en"><head><title>Storm closes harbour</title></head>
        <body><header><h1>Daily Bugle</h1></header>
        <main><h2>Storm closes harbour</h2></main></body></html>
        """,
    )

    def check(self, page):
        headlines = page.headlines
        if not headlines:
            return
        variants = page_variants(page)
        if not variants:
            return
        heads = visible_headings(page)
        ones = [h for h in heads if h.level == 1]
        for h in ones:
            if carries_headline(page, h, variants):
                return
            if not page.accessible_name(h.element) and binds_content(h.element):
                return  # its text comes from script and may well be the headline
        source, text = headlines[0]
        holder = next((h for h in heads if h.level != 1 and
                       carries(page.accessible_name(h.element), variants)), None)
        if holder is None and any(carries_own_title(page, h) for h in ones):
            return
        if holder is not None:
            where = holder.element
            detail = f"it is in {label(holder)}"
        elif ones:
            where = ones[0].element
            detail = "no heading carries it"
        else:
            where = None
            detail = "the page has no h1"
        if ones:
            detail += "; " + _what_h1s_read(page, ones)
        yield self.finding(
            page, where,
            f"the article headline {quote(text, 80)} ({source}) is not in any visible h1: "
            f"{detail}",
            context={"headline": text, "headline_source": source},
        )


def _what_h1s_read(page, ones: list) -> str:
    """The h1s' text for a message, with an empty h1 said to be empty: a
    pair of bare quotes left the reader to guess."""
    names = [page.accessible_name(h.element) for h in ones]
    said = [quote(n, 40) for n in names if n][:3]
    empty = names.count("")
    if len(ones) == 1:
        return f"the h1 reads {said[0]}" if said else "the h1 is empty"
    if not said:
        return f"its {len(ones)} h1s are empty"
    text = f"the h1s read {', '.join(said)}"
    if empty:
        text += ", and one is empty" if empty == 1 else f", and {empty} are empty"
    return text


RULES = [HeadingOrder, HeadingOne, HeadingEmpty, HeadingHeadline]
