"""Skip-link rules (WCAG 2.4.1 Bypass Blocks).

A *skip link* is an in-page link (``<a href="#fragment">``) whose accessible
name reads as one (the ``skip-link-phrases`` word list), or an in-page link
placed before the main content that targets it. The *main content* starts at
``<main>``/``role=main``, else at the first visible ``h1`` that names the
page, else at the visible heading that carries the declared headline, else
at the visible element whose whole text is that headline. A page *needs a
bypass* when at least ``min-focusable`` focusable elements come before it.

A page that needs a bypass and has no skip link may have a skip *button*
instead: a ``<button>`` before the main content whose name reads as a skip
link ("Aller au contenu principal" on a React front end, moving the focus by
script). It counts as the bypass, so skip-link-missing stays silent, and it
is held to skip-link-hidden and skip-link-order like a link. Its script
cannot be checked without running it, so it is taken on trust; and since
"skip" alone also names a video's "Skip ad" button, only buttons before the
main content count, and only on pages without a skip link.

All four rules share one analysis per page (``_analyse``): the rules are
separate so users can select and silence them separately, but finding the
skip links is the costly part and is done once.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import re
import unicodedata
from urllib.parse import unquote, urljoin, urlsplit

from lxml import etree

from a11ylint.findings import Severity
from a11ylint.page.aria import (
    amp_nodisplay,
    closed_dialog,
    closed_popover,
    hiding_phrase,
    ident_attr,
    normalise_ws,
    style_hides,
    style_kind,
    unspaced,
)
from a11ylint.page.model import is_home_href
from a11ylint.page.stylesheet import hiding_rule
from a11ylint.rules.base import Rule
from a11ylint.rules.headings import (
    carries_headline,
    carries_own_title,
    norm_text,
    page_variants,
    quote,
)

WORDLIST = "skip-link-phrases"
_WCAG = ("2.4.1",)

def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return normalise_ws(text.replace("\u2019", "'").replace("\u00ad", ""))


def _phrase_pattern(phrase: str) -> str:
    # Korean writes "본문 바로가기" and "본문바로가기" alike
    space = r"\s*" if any(map(unspaced, phrase)) else r"\s+"
    pat = re.escape(phrase).replace(r"\ ", space)
    if phrase[0].isalnum() and not unspaced(phrase[0]):
        pat = r"(?<!\w)" + pat
    if phrase[-1].isalnum() and not unspaced(phrase[-1]):
        pat = pat + r"(?!\w)"
    return pat


def compile_phrases(phrases) -> PhraseMatcher | None:
    folded = sorted({_fold(p) for p in phrases if p and p.strip()}, key=len, reverse=True)
    if not folded:
        return None
    return PhraseMatcher(folded)


# One matcher per phrase list, shared by the four rules: the per-page analysis
# is keyed by the matcher, so separate but equal matchers made every page
# analysed four times.
@functools.lru_cache(maxsize=8)
def _shared_matcher(phrases: tuple) -> PhraseMatcher | None:
    return compile_phrases(phrases)


class PhraseMatcher:
    """Skip-link phrases, grouped by how they start.

    One alternation of all ~200 phrases, each behind a look-behind, made the
    regex engine try every branch at every position: about 100 microseconds a
    link name. Grouped by first word (or, for scripts written without spaces,
    first character), a name is searched only with the few phrases that can
    start in it, and most names share no first word with any phrase at all.
    """

    def __init__(self, folded: list[str]) -> None:
        by_word: dict[str, list[str]] = {}
        by_char: dict[str, list[str]] = {}
        for f in folded:
            if unspaced(f[0]) or not f[0].isalnum():
                by_char.setdefault(f[0], []).append(_phrase_pattern(f))
            else:
                words = _WORDS.findall(f)
                by_word.setdefault(words[0] if words else f, []).append(_phrase_pattern(f))
        # compiled on first use: a run meets a few dozen of the ~150 groups,
        # and compiling them all cost a tenth of a second at every start
        self.by_word = {w: "|".join(p) for w, p in by_word.items()}
        self.by_char = {c: "|".join(p) for c, p in by_char.items()}
        self.first_chars = frozenset(by_char)
        self._compiled: dict[str, re.Pattern] = {}

    def _rx(self, source: str) -> re.Pattern:
        rx = self._compiled.get(source)
        if rx is None:
            rx = self._compiled[source] = re.compile(source)
        return rx

    def search(self, text: str):
        for w in self.by_word.keys() & set(_WORDS.findall(text)):
            m = self._rx(self.by_word[w]).search(text)
            if m:
                return m
        if self.first_chars:
            for c in self.first_chars.intersection(text):
                m = self._rx(self.by_char[c]).search(text)
                if m:
                    return m
        return None


_WORDS = re.compile(r"\w+")


@dataclasses.dataclass(frozen=True)
class BypassOptions:
    min_focusable: int = 3

    def __post_init__(self) -> None:
        if self.min_focusable < 1:
            raise ValueError(f"option 'min-focusable' must be 1 or more, got {self.min_focusable}")


@dataclasses.dataclass(slots=True)
class SkipLink:
    element: object
    name: str
    fragment: str          # percent-decoded, without '#'
    target: object         # element or None
    by_phrase: bool
    button: bool = False   # a skip button: no fragment, its script moves the focus
    leads_to: str | None = None  # the other page a <base href> sends it to


@dataclasses.dataclass(slots=True)
class Analysis:
    main: object                      # where the main content starts, or None
    skip_links: list                  # SkipLink, document order
    focusable_before_main: list       # rendered focusables before main (capped)


def _analyse(page, phrases: PhraseMatcher | None, min_focusable: int) -> Analysis:
    """One analysis per page, shared by the four rules."""
    return page.memo(("skip-link", phrases, min_focusable),
                     lambda: _analysis(page, phrases, min_focusable))


def _main_start(page):
    """Where the main content starts: <main>/role=main, else the first
    visible h1 that names the page rather than the site.

    An h1 holding the site's logo or name (in the banner or navigation, a
    link home, a name the page gives its site) starts the page's chrome, not
    its content: taken as the start, it left 45 menu links before the
    headline with "no bypass needed". An h1 that carries the page's headline
    names the page wherever it sits (heise.de puts it in the header's
    breadcrumb). When every h1 names the site, the first one is the start.

    A page with neither starts its content at the visible heading that
    carries its declared headline (og:title, twitter:title, JSON-LD): the
    story's h2 on a page whose template has no h1 at all. Left without a
    start, such pages were never checked, with 24 to 97 links before the
    headline (5 of 271 corpus pages). A page with no such heading either
    starts at the visible element whose whole text is the headline: small
    CMSs style a <p class="titulo"> as the headline and mark up no heading
    at all (jaraguadosul.com.br: 588 links and controls before it, sn.dk 188)."""
    main = page.main_start
    if main is None:
        main = _headline_heading(page)
        return main if main is not None else _headline_text(page)
    if main in page.landmarks.get("main", ()):
        return main
    for h in page.headings:
        el = h.element
        if h.level != 1 or page.is_hidden(el):
            continue
        if not _names_the_site(page, el) or carries_headline(page, h, page_variants(page)) \
                or carries_own_title(page, h):
            return el
    return main


def _headline_heading(page):
    """The visible heading that carries the page's headline, or None: the
    story's own before a teaser of it (a news feed beside the article lists
    the article too, as a link, often one level lower); else the highest
    level, else the first."""
    variants = page_variants(page)
    best = None
    for i, h in enumerate(page.headings):
        el = h.element
        if page.is_hidden(el) or not carries_headline(page, h, variants):
            continue
        teaser = next(el.iterancestors("a"), None) is not None or any(
            page.text(a) == page.text(el) for a in el.iter("a") if a.get("href") is not None)
        key = (teaser, h.level, i)
        if best is None or key < best[0]:
            best = (key, el)
    return best[1] if best else None


# Elements that hold a line of text; a headline in a <td> or <li> is a
# teaser in a list, one in a <label> or <button> is a control's name.
_HEADLINE_HOLDERS = frozenset({"p", "div", "span", "strong", "b", "header", "hgroup",
                               "font", "center"})
# The parents of text nodes holding a word: a document-wide query, asked only
# of a page that has no <main>, no h1 and no heading carrying its headline
# (5 of 271 corpus pages). contains() on raw text nodes: normalize-space()
# on each of them cost several times more.
_TEXT_HOLDING = etree.XPath("//body//text()[contains(., $word)]/..")


def _headline_text(page):
    """The first visible element, outside links, whose whole text is one of
    the page's declared headlines (a site name dropped from either end). The
    text must match exactly: looser matching, as for headings, took a
    "send this article" form's "Article: <headline>" for the story."""
    variants = [v for v, truncated in page_variants(page) if not truncated]
    if not variants:
        return None
    found = []
    for _, headline in page.headlines:
        words = headline.split()
        if words:
            found.extend(_TEXT_HOLDING(page.root, word=max(words, key=len)))
    for el in sorted(set(found), key=page.order_of):
        if el.tag not in _HEADLINE_HOLDERS or next(el.iterancestors("a"), None) is not None:
            continue
        if norm_text(page.text(el)) in variants and not page.is_hidden(el):
            return el
    return None


def _names_the_site(page, h1) -> bool:
    """Whether an h1 is the site's masthead: inside navigation or the page's
    banner (a <header> not inside sectioning content), inside a link home or
    made of one, or reading as a name the page gives its site (Page.site_names)."""
    in_header = False
    for a in h1.iterancestors():
        tag = a.tag
        if tag == "nav" or (a.get("role") or "").strip().lower() in ("navigation", "banner"):
            return True
        if tag in _SECTIONING:
            in_header = False  # a header below is the section's, not the page's
            break
        if tag == "header":
            in_header = True
        elif tag == "a" and is_home_href(a.get("href")):
            return True
    if in_header:
        return True
    text = page.text(h1)
    links = h1.findall(".//a[@href]")
    if len(links) == 1 and is_home_href(links[0].get("href")) and page.text(links[0]) == text:
        return True
    folded = text.casefold()
    return bool(text) and any(site.casefold() == folded for site in page.site_names)


_SECTIONING = frozenset({"article", "aside", "main", "section"})


def _analysis(page, phrases: PhraseMatcher | None, min_focusable: int) -> Analysis:
    order = page.order_of
    main = _main_start(page)
    main_at = order(main) if main is not None else None
    skip_links: list[SkipLink] = []
    for a in page.fragment_links:
        href = a.get("href")
        href = href.strip() if href else ""
        hash_at = href.find("#")
        # href="#" (and "#!", "#/") is the idiom for a script-driven button, not a
        # jump: on news sites "Go to full version" or "zur Suche" menus use it.
        if hash_at < 0 or len(href) < hash_at + 2 or href[hash_at + 1] in "!/":
            continue
        fragment = unquote(href[hash_at + 1:])
        target = page.get_by_id(fragment)
        if hash_at > 0:
            # Some CMSs write skip links as the page's own absolute URL plus a
            # fragment. With the page's address (fetched from, or declared by
            # its canonical link or og:url) the href tells whether it leads
            # here; without one, it counts only when the fragment exists here,
            # and a broken one is never reported. (Most such links point
            # elsewhere: their names are not worth computing.)
            if target is None and _page_urls(page) is None:
                continue
            name = page.accessible_name(a)
            if phrases and name and phrases.search(_fold(name)):
                # the address is looked up only for links that read as skip links
                here = _leads_here(page, href)
                if here or (here is None and target is not None):
                    skip_links.append(SkipLink(a, name, fragment, target, True))
            continue
        name = page.accessible_name(a)
        by_phrase = bool(phrases and name and phrases.search(_fold(name)))
        if by_phrase and target is not None and main_at is not None \
                and main_at < order(a) < order(target):
            # "Jump to comments" in the article: a jump further into the
            # content, not a way past the blocks before it (a misplaced skip
            # link in the footer leads back up, and stays one)
            continue
        if by_phrase or (target is not None and main_at is not None and order(a) < main_at
                         and _targets_main(target, main, a)):
            away = _base_elsewhere(page)
            skip_links.append(SkipLink(a, name, fragment, target, by_phrase,
                                       leads_to=f"{away[1]}#{href[1:]}" if away else None))
    before: list = []
    if main_at is not None:
        before = page.focusables_before(main, want=max(min_focusable, 1),
                                        accept=lambda el: _reachable(page, el))
        if not skip_links and phrases and len(before) >= min_focusable:
            skip_links = _skip_buttons(page, phrases, main_at)
    return Analysis(main, skip_links, before)


def _base_elsewhere(page) -> tuple[str, str] | None:
    """(the href as written, where it leads) when the page's ``<base href>``
    makes a fragment-only link lead to another page, else None.

    A browser resolves ``href="#main"`` against the base URL, not against the
    page's own address: under ``<base href="https://example.com/">`` (which
    single-page front ends such as Angular require) the skip link of an
    article reloads the home page. Telling that needs the page's address:
    the one it was fetched from, else its canonical link or og:url. A file that
    declares neither cannot be judged, and the comparison ignores the
    scheme, a "www." and a trailing slash, so that a canonical address
    written slightly differently from the served one raises nothing."""
    return page.memo("skip-link-base", lambda: _compute_base_elsewhere(page))


def _compute_base_elsewhere(page) -> tuple[str, str] | None:
    base = _first_base(page)
    urls = _page_urls(page)
    if base is None or urls is None:
        return None
    here, resolved = urls
    if not resolved.startswith(("http://", "https://")):
        return None
    there = _page_key(resolved)
    if there is None or there == here:
        return None
    return base.get("href"), resolved


def _page_urls(page) -> tuple[tuple, str] | None:
    """(the key of the page's address, the URL its links resolve against),
    when the address is known: see _base_elsewhere and _page_key."""
    def compute():
        address = page.url or _declared_address(page)
        here = _page_key(address) if address else None
        if here is None:
            return None  # unknown, or not a URL a browser could have loaded the page from
        base = _first_base(page)
        try:
            resolved = urljoin(address, base.get("href").strip(_URL_SPACE)) \
                if base is not None else address
        except ValueError:  # a malformed base (`http://[::1`): browsers ignore it
            resolved = address
        return here, resolved.split("#", 1)[0]
    return page.memo("skip-link-urls", compute)


_URL_SPACE = " \t\n\r\f"


def _leads_here(page, href: str) -> bool | None:
    """Whether a link with a path before its '#' leads to this page; None
    when the page's address is unknown."""
    urls = _page_urls(page)
    if urls is None:
        return None
    here, against = urls
    try:
        there = urljoin(against, href.strip(_URL_SPACE)).split("#", 1)[0]
    except ValueError:  # a malformed URL leads nowhere
        return False
    return _page_key(there) == here


def _first_base(page):
    """The first ``<base>`` with an href, as in browsers (the index walk
    leaves out those in <template> and <noscript>, no elements there)."""
    return next((b for b in page.bases if b.get("href") is not None), None)


def _declared_address(page) -> str | None:
    """The page's own address as it declares it: canonical link, else og:url."""
    head = page.head
    if head is not None:
        for link in head.iter("link"):
            rel = (link.get("rel") or "").lower().split()
            href = (link.get("href") or "").strip()
            if "canonical" in rel and href.startswith(("http://", "https://")):
                return href
    url = page.meta_properties.get("og:url", "").strip()
    return url if url.startswith(("http://", "https://")) else None


def _page_key(url: str) -> tuple | None:
    """What tells two addresses of a page apart; None for a malformed URL
    (a bad port, an unclosed IPv6 host)."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    host = (parts.hostname or "").removeprefix("www.")
    return host, port, parts.path.rstrip("/"), parts.query


def _reachable(page, el) -> bool:
    """Whether the Tab key can reach a focusable element: it is rendered,
    not inert (a closed off-canvas menu marked ``inert``), and not folded
    away in a closed <details>."""
    return not page.takes_no_focus(el) and not _in_closed_details(page, el)


_OVERLAY_ROLES = frozenset({"alert", "alertdialog", "dialog"})


def _in_overlay(el) -> bool:
    """Inside an open dialog or an alert: a cookie or consent banner that
    the template puts first in the body, before the skip link. It is there
    until the reader dismisses it, once per site, and is not one of the
    page's blocks that a skip link bypasses (radio-canada.ca: three banner
    controls before "Aller au contenu principal", then nothing)."""
    for node in el.iterancestors():
        if node.tag == "dialog":
            return True
        role = node.get("role")
        if role is not None and role.strip().lower() in _OVERLAY_ROLES:
            return True
    return False


def _in_closed_details(page, el) -> bool:
    """Inside a <details> without ``open``, other than in its summary: a
    browser renders none of it until the reader opens it, so a menu folded
    into ``<details><summary>Menu</summary><nav>…</nav></details>`` is one
    stop for the Tab key (its summary), not one per link. Most pages have
    no closed <details> (the index walk notes one), and then no ancestors
    are read."""
    if not page.closed_details:
        return False
    child = el
    for node in el.iterancestors():
        if node.tag == "details" and node.get("open") is None:
            summary = next((c for c in node if c.tag == "summary"), None)
            if child is not summary:
                return True
        child = node
    return False


def _skip_buttons(page, phrases: PhraseMatcher, main_at) -> list[SkipLink]:
    """Focusable ``<button>`` elements before the main content whose name
    reads as a skip link (see the module's docstring)."""
    order = page.order_of
    found = []
    for el in page.native_focusables:
        if el.tag == "button" and order(el) < main_at:
            name = page.accessible_name(el)
            if name and phrases.search(_fold(name)):
                found.append(SkipLink(el, name, "", None, True, button=True))
    found.sort(key=lambda s: order(s.element))
    return found


def _targets_main(target, main, link) -> bool:
    """The target is where the main content starts: the start element, an
    ancestor of it that does not also hold the link (a page wrapper is not a
    jump past anything), or an empty anchor placed just before it. Targets
    further inside the main content ("#comments") are ordinary in-page links."""
    node = main
    while node is not None:
        if node is target:
            node = link
            while node is not None:
                if node is target:
                    return False
                node = node.getparent()
            return True
        node = node.getparent()
    nxt = target.getnext()
    while nxt is not None and not isinstance(nxt.tag, str):
        nxt = nxt.getnext()
    if nxt is not None and not (target.text or "").strip() and len(target) == 0:
        node = main
        while node is not None:
            if node is nxt:
                return True
            node = node.getparent()
    return False


def _describe(link: SkipLink) -> str:
    name = link.name if len(link.name) <= 60 else link.name[:59] + "…"
    what = "skip button" if link.button else "skip link"
    return f"{what} \"{name}\"" if name else what


class _SkipLinkRule(Rule):
    family = "skip-link"
    wcag = _WCAG
    Options = BypassOptions

    def prepare(self, wordlists, settings) -> None:
        self.phrases = _shared_matcher(tuple(wordlists.get(WORDLIST)))

    def analysis(self, page) -> Analysis:
        return _analyse(page, self.phrases, self.options.min_focusable)


class SkipLinkMissing(_SkipLinkRule):
    id = "skip-link-missing"
    severity = Severity.ERROR
    summary = "Page with navigation before its main content has no skip link"
    rationale = (
        "Keyboard and switch users must tab through every link in the header and menus "
        "before they reach the article, on every page they open. A skip link as the first "
        "focusable element lets them jump straight to the main content. A <button> named "
        "like one before the main content (a skip control driven by script) counts too, "
        "taken on trust: what its script does is not in the HTML. The main content starts "
        "at <main> (or role=main), else at the first visible h1 that names the page rather "
        "than the site, else at the visible heading that carries the declared "
        "headline, else at the visible element whose whole text is that headline (a "
        "styled paragraph on a page with no headings); a page with none of these is not "
        "checked."
    )
    fix = (
        'Add <a href="#main">Skip to main content</a> as the first element of <body> and '
        'give the main content that id (<main id="main">). It may be visually hidden until '
        "focused."
    )
    fail_examples = (
        """
        <header><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></header>
        <main><h1>Storm closes harbour</h1><p>Ferries stayed in port.</p></main>
        """,
    )
    pass_examples = (
        """
        <a class="sr-only" href="#main">Skip to main content</a>
        <header><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></header>
        <main id="main"><h1>Storm closes harbour</h1><p>Ferries stayed in port.</p></main>
        """,
        """
        <header><a href="/">Home</a></header>
        <main><h1>Storm closes harbour</h1><p>Ferries stayed in port.</p></main>
        """,
        """
        <button type="button" class="skip-link">Skip to main content</button>
        <header><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></header>
        <main><h1>Storm closes harbour</h1><p>Ferries stayed in port.</p></main>
        """,
    )

    def check(self, page):
        a = self.analysis(page)
        n = self.options.min_focusable
        if a.skip_links or a.main is None or len(a.focusable_before_main) < n:
            return
        first = a.focusable_before_main[0]
        if a.main.tag == "main":
            where = "<main>"
        elif a.main in page.landmarks.get("main", ()):
            where = "role=main"
        elif a.main is page.main_start:
            where = "the first h1"
        elif page.main_start is None:
            if a.main.tag in ("h2", "h3", "h4", "h5", "h6"):
                tag = a.main.tag
            elif any(h.element is a.main for h in page.headings):
                tag = "heading"
            else:
                tag = f"<{a.main.tag}>"
            where = (f"the {tag} {quote(page.accessible_name(a.main) or page.text(a.main))}, "
                     "which carries the headline; the page has no <main> and no visible h1")
        else:
            site = page.text(page.main_start)
            where = f"the h1 {quote(page.text(a.main))}; " + (
                f"the first h1, {quote(site)}, names the site" if site
                else "the first h1 is the site's logo")
        # how many the HTML holds tells a header of four links from a
        # mega-menu of two hundred. Those hidden inline are counted too: which
        # of them are shown is for each element's ancestors to say, and asking
        # them for every link before the main content cost a third of a parse
        # (stylesheets, which hide most menus, are not read anyway)
        count = page.native_focusables_before(a.main)
        if count < n:  # the stops are tabindex or contenteditable elements
            count = len(page.focusables_before(a.main))
        yield self.finding(
            page, first,
            f"no skip link: the HTML has {count} links and controls before the main content "
            f"(starting at {where}); keyboard users must tab through every one that is shown",
            context={"controls_before_main": count, "main_start": page.selector(a.main)},
        )


class SkipLinkTarget(_SkipLinkRule):
    id = "skip-link-target"
    severity = Severity.ERROR
    summary = "Skip link does not lead to a visible element of this page"
    rationale = (
        "A skip link whose target is missing or hidden moves the focus nowhere: the "
        "keyboard user activates it and is still at the top of the page, with no sign of "
        "what went wrong. One aimed at a wrapper that holds the link itself (\"#page\"), "
        "or at an anchor before it, starts the next Tab from there, so the user meets the "
        "link and the menu again. One that a <base href> sends to another address loads "
        "that page instead, and the article is gone."
    )
    fix = (
        "Make the fragment match an id exactly (ids are case-sensitive), on a rendered "
        "element where the main content starts. Under a <base href> that is not the page's "
        "own address, a bare \"#main\" leads to that address: write the page's own URL "
        "before the fragment, or remove the <base>."
    )
    fail_examples = (
        """
        <a href="#main">Skip to content</a>
        <main id="Main"><h1>Storm closes harbour</h1></main>
        """,
        """
        <a href="#content">Skip to content</a>
        <div id="content" hidden><h1>Storm closes harbour</h1></div>
        """,
        """
        <div id="page"><a href="#page">Skip to content</a>
        <main><h1>Storm closes harbour</h1></main></div>
        """,
        """
        <!DOCTYPE html>
        <html lang="en"><head><title>Storm closes harbour</title>
        <base href="https://news.example/">
        <link rel="canonical" href="https://news.example/2026/11/storm-closes-harbour">
        </head><body>
        <a href="#main">Skip to content</a>
        <main id="main"><h1>Storm closes harbour</h1></main>
        </body></html>
        """,
    )
    pass_examples = (
        """
        <a href="#main">Skip to content</a>
        <main id="main"><h1>Storm closes harbour</h1></main>
        """,
        """
        <!DOCTYPE html>
        <html lang="en"><head><title>Storm closes harbour</title>
        <base href="https://news.example/">
        <link rel="canonical" href="https://news.example/2026/11/storm-closes-harbour">
        </head><body>
        <a href="https://news.example/2026/11/storm-closes-harbour#main">Skip to content</a>
        <main id="main"><h1>Storm closes harbour</h1></main>
        </body></html>
        """,
        """
        <a href="#top-story">Skip to content</a>
        <a name="top-story"></a><h1>Storm closes harbour</h1>
        """,
    )

    def check(self, page):
        a = self.analysis(page)
        for link in a.skip_links:
            if link.button:
                continue  # no fragment: where its script moves the focus is not in the HTML
            frag = link.fragment
            if link.leads_to is not None:
                written, _ = _base_elsewhere(page)
                yield self.finding(
                    page, link.element,
                    f"{_describe(link)} leads away from this page: <base href=\"{written}\"> "
                    f"makes \"#{frag}\" point to {link.leads_to}",
                    context={"fragment": frag, "leads_to": link.leads_to, "base_href": written},
                )
                continue
            if link.target is not None:
                if page.hidden_from_all(link.target):
                    yield self.finding(
                        page, link.element,
                        f"{_describe(link)} targets \"#{frag}\", but that element is hidden "
                        f"from everyone ({_hidden_reason(page, link.target)})",
                        context={"fragment": frag, "target": page.selector(link.target)},
                    )
                elif _leads_back(link, a.main, page):
                    target = link.target
                    if target is link.element:
                        what = "is the link itself"
                    elif any(x is target for x in link.element.iterancestors()):
                        what = f"holds the link (<{target.tag}{ident_attr(target)}>)"
                    else:
                        what = f"comes before the link (<{target.tag}{ident_attr(target)}>)"
                    yield self.finding(
                        page, link.element,
                        f"{_describe(link)} targets \"#{frag}\", which {what}: the next Tab "
                        "starts again from the top of the target, before the blocks the link "
                        "should skip; point it at where the main content starts",
                        context={"fragment": frag, "target": page.selector(target)},
                    )
                continue
            near = _near_match(page, frag)
            msg = f"{_describe(link)} targets \"#{frag}\", but no element has id=\"{frag}\""
            if near:
                msg += f"; did you mean id=\"{near}\"?"
            yield self.finding(page, link.element, msg,
                               context={"fragment": frag, "near_match": near})


# Fuzzy near matches compare a fragment with every id of the page: on a page
# with thousands of broken skip links and thousands of ids that is millions of
# comparisons. Past this many, a page's remaining fragments get only the
# exact-but-for-case and exact-but-for-punctuation suggestions.
FUZZY_BUDGET = 50_000


class _NearMatches:
    """The ids of one page, folded once, for suggestions to broken fragments."""

    def __init__(self, ids) -> None:
        self.ids = list(ids)
        self.folded: dict[str, str] = {}
        self.loose: dict[str, str] = {}
        for ident in self.ids:  # the first id wins, as before
            f = ident.casefold()
            self.folded.setdefault(f, ident)
            self.loose.setdefault(_LOOSE.sub("", f), ident)
        self.budget = FUZZY_BUDGET
        self.known: dict[str, str | None] = {}

    def __call__(self, frag: str) -> str | None:
        if frag in self.known:
            return self.known[frag]
        folded = frag.casefold()
        near = self.folded.get(folded) or self.loose.get(_LOOSE.sub("", folded))
        if near is None and self.budget >= len(self.ids):
            self.budget -= len(self.ids)
            close = difflib.get_close_matches(frag, self.ids, n=1, cutoff=0.8)
            near = close[0] if close else None
        self.known[frag] = near
        return near


_LOOSE = re.compile(r"[-_\s]")


def _near_match(page, frag: str) -> str | None:
    ids = page.all_ids
    if not ids:
        return None
    return page.memo("skip-link-near", lambda: _NearMatches(ids))(frag)


def _leads_back(link: SkipLink, main, page) -> bool:
    """Whether a skip link before the main content targets itself, an
    element that holds it (a page wrapper, "#page") or one before it (an
    anchor at the top): the sequential focus starting point moves there, so
    the next Tab lands on the skip link, or before it, again (Chromium does
    exactly this). After the main content, "Jump to top" aimed at
    <body id="top"> is a way back up, not a bypass; on a page whose main
    content has no known start, only a link aimed at itself is judged."""
    el = link.element
    if main is None:
        return link.target is el  # before or after the content, nobody can say
    at = page.order_of(el)
    return at < page.order_of(main) and page.order_of(link.target) <= at


def _hidden_reason(page, el) -> str:
    """Which element hides ``el`` and how, for a message a person can act on."""
    known = page.memo("skip-link-hidden-reasons", dict)
    if el not in known:  # many links may share one hidden target
        known[el] = _find_hidden_reason(el)
    return known[el]


def _find_hidden_reason(el) -> str:
    node = el
    while node is not None and isinstance(node.tag, str):
        tag = node.tag
        if tag in ("template", "noscript", "head"):
            return f"inside <{tag}>"
        if closed_dialog(node):
            return "it is a closed <dialog>" if node is el else "inside a closed <dialog>"
        if closed_popover(node):
            return "it is a closed popover" if node is el else \
                f"inside <{tag}{ident_attr(node)}>, a closed popover"
        own = "it" if node is el else None
        if node.get("hidden") is not None:
            return "it has the hidden attribute" if own else \
                f"inside <{tag}{ident_attr(node)}> with the hidden attribute"
        if style_hides(node.get("style")):
            return f"it has an inline {style_kind(node)}" if own else \
                f"inside <{tag}{ident_attr(node)}> with inline {style_kind(node)}"
        if amp_nodisplay(node):
            return 'it has AMP\'s layout="nodisplay"' if own else \
                f'inside <{tag}{ident_attr(node)}> with AMP\'s layout="nodisplay"'
        node = node.getparent()
    return "hidden"


class SkipLinkHidden(_SkipLinkRule):
    id = "skip-link-hidden"
    severity = Severity.ERROR
    summary = "Skip link can never receive keyboard focus"
    rationale = (
        "A skip link exists for keyboard users. If it is removed from the tab order "
        "(tabindex=-1), hidden from assistive technology or not rendered at all, the "
        "people it was written for can never use it. Visually hiding it until it is "
        "focused is the right technique and is not reported. Besides the markup, the page's "
        "own <style> rules are read where they name the skip link by its id or class and "
        "settle the matter (#skip{display:none}): a :focus rule cannot show it again, since "
        "an element that is not rendered takes no focus. A rule that may show it (a script's "
        "class on an ancestor, a width query) leaves it unreported."
    )
    fix = (
        "Remove hidden, aria-hidden, the negative tabindex or the display:none; to "
        "keep it out of sight, use a visually-hidden class that shows it on :focus."
    )
    fail_examples = (
        """
        <a href="#main" style="display:none">Skip to content</a>
        <main id="main"><h1>Storm closes harbour</h1></main>
        """,
        """
        <div aria-hidden="true"><a href="#main">Skip to content</a></div>
        <main id="main"><h1>Storm closes harbour</h1></main>
        """,
        """
        <a href="#main" tabindex="-1">Skip to content</a>
        <main id="main"><h1>Storm closes harbour</h1></main>
        """,
        """
        <style>.skip-link{display:none} .skip-link:focus{display:block}</style>
        <a class="skip-link" href="#main">Skip to content</a>
        <main id="main"><h1>Storm closes harbour</h1></main>
        """,
    )
    pass_examples = (
        """
        <a class="sr-only sr-only-focusable" href="#main">Skip to content</a>
        <main id="main"><h1>Storm closes harbour</h1></main>
        """,
        """
        <a href="#main" style="position:absolute;left:-10000px">Skip to content</a>
        <main id="main"><h1>Storm closes harbour</h1></main>
        """,
    )

    def check(self, page):
        for link in self.analysis(page).skip_links:
            reason = _unfocusable_reason(page, link.element)
            if reason:
                yield self.finding(
                    page, link.element,
                    f"{_describe(link)} can never be focused: {reason}",
                    context={"reason": reason},
                )


def _unfocusable_reason(page, a) -> str | None:
    tabindex = (a.get("tabindex") or "").strip()
    if tabindex.startswith("-") and tabindex[1:].isdigit():
        return f'it has tabindex="{tabindex}"'
    phrase = hiding_phrase(a, page.memo("skip-link-hiders", dict))
    if phrase is None:
        rule = hiding_rule(page, a)
        if rule is None:
            return None
        return (f"the page's <style> hides it ({rule.selector} {{ {rule.declaration} }} "
                f"on line {rule.line}), and an element that is not rendered takes no focus")
    return phrase


class SkipLinkOrder(_SkipLinkRule):
    id = "skip-link-order"
    severity = Severity.WARNING
    summary = "Skip link comes after the blocks it should let users skip"
    rationale = (
        "A skip link only helps if it is reached before the navigation: one placed in the "
        "footer or after the menu makes keyboard users tab through everything first. "
        "Controls in an open dialog or an alert before it (a cookie or consent banner that "
        "the reader dismisses once) are not counted."
    )
    fix = "Move the skip link to the start of <body>, before the header and navigation."
    fail_examples = (
        """
        <header><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></header>
        <a href="#main">Skip to main content</a>
        <main id="main"><h1>Storm closes harbour</h1></main>
        """,
    )
    pass_examples = (
        """
        <a href="#main">Skip to main content</a>
        <a href="#nav">Skip to navigation</a>
        <header><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></header>
        <main id="main"><h1>Storm closes harbour</h1></main>
        """,
    )

    def check(self, page):
        a = self.analysis(page)
        n = self.options.min_focusable
        if not a.skip_links or a.main is None or len(a.focusable_before_main) < n:
            return
        first = a.skip_links[0]
        skips = {s.element for s in a.skip_links}
        before = page.focusables_before(
            first.element, accept=lambda el: el not in skips and _reachable(page, el))
        if len(before) >= n:  # rare: only then are their ancestors read
            before = [el for el in before if not _in_overlay(el)]
        before = len(before)
        if before >= n:
            yield self.finding(
                page, first.element,
                f"{_describe(first)} comes after {before} other focusable elements; "
                "it should be the first thing keyboard users reach",
                context={"focusable_before": before},
            )


RULES = [SkipLinkMissing, SkipLinkTarget, SkipLinkHidden, SkipLinkOrder]
