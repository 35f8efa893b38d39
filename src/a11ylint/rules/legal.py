"""Required legal notices, declared as data in TOML packs.

Publishers must carry notices that no accessibility tool looks for (an
Impressum, a privacy-policy link, a "foreign agent" label) and page templates
drop them silently. The notices differ per country, publisher and year, so
they are data: each ``[[notice]]`` table of a pack becomes one ``legal-<id>``
rule, and changing a notice never needs a release of a11ylint.

Pack schema, one table per notice::

    [[notice]]
    id = "imprint"                      # rule id legal-imprint (kebab-case)
    message = "..."                     # what a finding says first
    severity = "error"                  # or "warning"; default error
    when.lang = ["de"]                  # page language, subtag-prefix match (de-AT)
    when.url = "^https://example\\.de/" # regex searched in the page URL and its path/label
    when.selector = "article"           # CSS: the page must contain a match
    within = "footer"                   # CSS scope of the search; default <body>
    text = ["Impressum"]                # literal phrases, any one suffices; or by language,
                                        # text.de = [...], text.fr = [...]: any one still
                                        # suffices, and messages name the page's own first
    text_regex = ["impressum\\b"]       # patterns, searched in normalised text
    link.href = "impressum"             # phrase must be inside a link whose href matches
    link.describe = "the Impressum"     # that address in words, for messages (optional)
    # documentation only:
    rationale = "..."; fix = "..."; references = ["https://..."]
    fail_examples = ["<html>..."]; pass_examples = ["<html>..."]

Matching is on visible text, case-folded, with every run of whitespace
(non-breaking included) collapsed to one space and every quote character
(" “ ” „ ‟ « » ‹ › ' ‘ ’ ‚) written as ``"``, so a notice typed with curly
quotes matches a pack written with straight ones; Russian ё reads as е. A
literal phrase that starts with a letter must start a word ("Werbung" is not
in "Bewerbung"); it may end inside one ("Datenschutz" is in
"Datenschutzerklärung"). ``text_regex`` runs on the same normalised text,
case-insensitively.

Speed: a page's normalised visible text is computed once per scope element and
shared by every notice (cached on the page); the expensive diagnostics
(hidden copies, near-miss wording, locating the offending element) run only
for notices that are not satisfied.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from cssselect import GenericTranslator, SelectorError, parse
from lxml import etree

from a11ylint.findings import Severity
from a11ylint.packs import PackError
from a11ylint.page.aria import (
    _BLOCKISH,
    NOT_RENDERED,
    amp_nodisplay,
    closed_dialog,
    closed_popover,
    normalise_ws,
    style_hides,
    unspaced,
)
from a11ylint.page.model import css_xpaths
from a11ylint.rules.base import Rule

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_LANG_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")
# a regex, not str.translate: translate with a mapping costs a dict lookup per
# character and was the largest single cost of matching on long pages
_QUOTES = re.compile("[\"'“”„‟«»‹›‘’‚‛〝〞＂＇`´]")
_WORD = re.compile(r"[^\W_]+(?:[-/.][^\W_]+)*")
NEAR_MISS = 0.85  # difflib ratio from which different wording counts as a misspelling
_MIN_NEAR_LEN = 5  # shorter phrases have too many look-alikes
# difflib ratio from which one word of a phrase counts as misspelt, not replaced
# ("organisation"/"organization" 0.92, "protecton"/"protection" 0.95, "de"/"data" 0.67)
_WORD_NEAR_MISS = 0.75

_KEYS = {"id", "message", "severity", "when", "within", "text", "text_regex", "link",
         "rationale", "fix", "references", "fail_examples", "pass_examples"}
_WHEN_KEYS = {"lang", "url", "selector"}
_LINK_KEYS = {"href", "describe"}
_TRANSLATOR = GenericTranslator()


def normalise(text: str) -> str:
    """The comparison form of text: case, whitespace and quote styles erased,
    and Russian ё read as е, as Russian text writes either."""
    return normalise_ws(_QUOTES.sub('"', text)).casefold().replace("ё", "е")


# -- selectors ------------------------------------------------------------------

@dataclass
class Selector:
    source: str
    xpaths: tuple  # one per part of a selector list: see css_xpaths
    # (tag, self:: test) per comma-separated part when every part is a simple
    # selector on <meta>; None means evaluate ``xpaths`` on the tree (for a
    # plain tag such as "footer" that is a tag-filtered walk inside libxml2)
    fast: list[tuple[str, etree.XPath]] | None = None

    def select(self, page) -> list:
        cache = _page_cache(page)["sel"]
        found = cache.get(self.source)
        if found is None:
            found = self._evaluate(page)
            cache[self.source] = found
        return found

    def _evaluate(self, page) -> list:
        if self.fast is None:
            return page.select_all(self.xpaths)
        # meta selectors: test the page's (lazily shared) list of <meta> elements
        # instead of walking the tree again; keeps document order
        return [el for el in page.metas if any(test(el) for _, test in self.fast)]


def compile_selector(source: str) -> Selector:
    """Compile once per pack load; raises SelectorError or ValueError."""
    parsed = parse(source)
    xpaths = css_xpaths(source)
    fast: list | None = []
    for sel in parsed:
        tree = sel.parsed_tree
        tag = _simple_subject_tag(tree)
        if sel.pseudo_element or tag != "meta":
            fast = None
            break
        fast.append((tag, etree.XPath(_TRANSLATOR.selector_to_xpath(sel, prefix="self::"))))
    return Selector(source, xpaths, fast)


def _simple_subject_tag(tree) -> str | None:
    """Tag of a selector without combinators, pseudo-classes or negations."""
    node = tree
    while True:
        kind = type(node).__name__
        if kind == "Element":
            return node.element.lower() if node.element else None
        if kind in ("Class", "Hash", "Attrib"):
            node = node.selector
            continue
        return None


# -- per-page cache ---------------------------------------------------------------

def _page_cache(page) -> dict:
    """Text and selector results shared by every notice on one page."""
    return page.memo("legal", lambda: {"vis": {}, "all": {}, "sel": {}, "words": {}, "raw": {}})


def visible_text(page, el) -> str:
    """Normalised visible text of el ('' when el itself is hidden)."""
    cache = _page_cache(page)["vis"]
    r = cache.get(el)
    if r is None:
        r = "" if page.is_hidden(el) else normalise(page.text(el))
        cache[el] = r
    return r


def all_text(page, el) -> str:
    """Normalised text of el including hidden parts: tells 'hidden' from 'absent'."""
    cache = _page_cache(page)["all"]
    r = cache.get(el)
    if r is None:
        parts: list[str] = []
        _collect_all(el, parts)
        r = normalise("".join(parts))
        cache[el] = r
    return r


def _collect_all(el, parts: list[str]) -> None:
    if el.text and el.tag not in ("script", "style"):
        parts.append(el.text)
    for child in el:
        tag = child.tag
        if isinstance(tag, str) and tag not in ("script", "style"):
            block = tag in _BLOCKISH
            if block:
                parts.append(" ")
            _collect_all(child, parts)
            if block:
                parts.append(" ")
        if child.tail:
            parts.append(child.tail)


def raw_text(page, el) -> str:
    """Case-folded text of el, hidden parts and scripts included, from libxml2.

    Much cheaper than the visible-text walk; used only to rule elements out
    (a phrase's words cannot be visible where they are not even in the source).
    """
    cache = _page_cache(page)["raw"]
    r = cache.get(el)
    if r is None:
        r = etree.tostring(el, method="text", encoding=str,
                           with_tail=False).casefold().replace("ё", "е")
        cache[el] = r
    return r


# -- phrases ----------------------------------------------------------------------

@dataclass
class Phrase:
    shown: str  # as written in the pack, for messages
    literal: str | None = None  # normalised
    regex: re.Pattern | None = None
    words: list[str] = field(default_factory=list)
    lang: str | None = None  # from text.<lang> = [...]: the language it is written in
    # a phrase that starts with a letter of a spaced script starts a word:
    # "Bewerbung" holds no "Werbung", "Traueranzeigen" no "Anzeige" (its end
    # stays open: "Datenschutzerklärung" is a "Datenschutz" link)
    starts_word: bool = False

    @property
    def probe(self) -> str | None:
        """The phrase's longest word: must occur in any raw text that holds the
        phrase, so a C-speed substring test can rule elements out."""
        return max(self.words, key=len) if self.words else None

    def maybe_in(self, raw: str) -> bool:
        probe = self.probe
        return probe is None or probe in raw

    def search(self, text: str) -> bool:
        if self.literal is not None:
            return self._find(text) >= 0
        return self.regex.search(text) is not None

    def occurs_in(self, text: str) -> bool:
        """search() without the word start: true wherever search() is."""
        if self.literal is not None:
            return self.literal in text
        return self.regex.search(text) is not None

    def _find(self, text: str) -> int:
        lit = self.literal
        i = text.find(lit)
        if self.starts_word:
            while i > 0 and text[i - 1].isalnum():
                i = text.find(lit, i + 1)
        return i

    def matched(self, text: str) -> str:
        """The normalised text that matched, for locating it."""
        if self.literal is not None:
            return self.literal
        m = self.regex.search(text)
        return m.group(0) if m else ""


# -- the notice -------------------------------------------------------------------

@dataclass
class Notice:
    id: str
    path: str
    message: str
    severity: Severity
    phrases: list[Phrase]
    lang: tuple[str, ...] | None = None
    url: re.Pattern | None = None
    selector: Selector | None = None
    within: Selector | None = None
    href: re.Pattern | None = None
    href_words: str | None = None  # link.describe: the address the pattern wants, in words
    raw: dict = field(default_factory=dict)
    file: str | None = None  # the pack's file, where ``path`` names a shipped pack

    @property
    def wanted_link(self) -> str:
        """The required link, as messages say it: in the pack's words when it
        gives them, else by the pattern."""
        if self.href_words:
            return f"a link to {self.href_words}"
        return f"a link whose address matches {self.href.pattern!r}"

    def expected_for(self, lang: str | None) -> str:
        """The wordings a message names: those in the page's language first
        (a Spanish page is told "Privacidad", not "Privacy" or "Datenschutz"),
        a few of them, with a count of the rest."""
        phrases = self.phrases
        lang = (lang or "").strip().lower().replace("_", "-")
        if lang and any(p.lang for p in phrases):
            def ours(p: Phrase) -> bool:
                return bool(p.lang) and (lang == p.lang or lang.startswith(p.lang + "-"))
            phrases = [p for p in phrases if ours(p)] + [p for p in phrases if not ours(p)]
        shown = list(dict.fromkeys(p.shown for p in phrases))
        if len(shown) > 4:
            return " or ".join(shown[:3]) + f" (or {len(shown) - 3} other wordings)"
        return " or ".join(shown)


class LegalNoticeRule(Rule):
    """Base of the rules built from ``[[notice]]`` tables; never registered itself."""

    family = "legal"
    wcag = ()
    notice: Notice

    # -- applicability ------------------------------------------------------
    def applies(self, page) -> bool:
        n = self.notice
        if n.lang is not None:
            lang = (page.lang or "").strip().lower().replace("_", "-")
            if not lang or not any(lang == want or lang.startswith(want + "-") for want in n.lang):
                return False
        if n.url is not None:
            if not any(s and n.url.search(s) for s in (page.url, page.label)):
                return False
        if n.selector is not None and not n.selector.select(page):
            return False
        return True

    # -- check --------------------------------------------------------------
    def check(self, page):
        if not self.applies(page):
            return
        n = self.notice
        body = page.body if page.body is not None else page.root
        if n.within is not None:
            scopes = n.within.select(page)
            if not scopes:
                yield self._finding(page, body, "scope-not-found",
                                    f"{n.message} (scope {n.within.source!r} not found on the page,"
                                    f" so {n.expected_for(page.lang)} cannot be there)")
                return
        else:
            scopes = [body]

        for scope in scopes:
            text = visible_text(page, scope)
            for phrase in n.phrases:
                if n.href is None:
                    if phrase.search(text):
                        return
                # links side by side run together in the scope's text
                # ("GeschäftsbedingungenDatenschutzhinweise"): where a phrase
                # starts a word is told by each link's own text
                elif phrase.occurs_in(text) and self._linked(page, scope, phrase):
                    return
        # not satisfied: work out the most useful explanation
        yield self._explain(page, body, scopes)

    def _linked(self, page, scope, phrase) -> bool:
        links = page.links if scope is page.body else [a for a in scope.iter("a")
                                                       if a.get("href") is not None]
        for a in links:
            if n_href_ok(self.notice.href, a) and phrase.maybe_in(raw_text(page, a)) \
                    and phrase.search(visible_text(page, a)):
                return True
        return False

    def _explain(self, page, body, scopes):
        n = self.notice
        where = "the page" if n.within is None else repr(n.within.source)
        mention = None  # a phrase seen only inside a sentence
        # 1. visible in scope, but not as the required link
        if n.href is not None:
            for scope in scopes:
                text = visible_text(page, scope)
                for phrase in n.phrases:
                    if not phrase.search(text):
                        continue
                    for a in scope.iter("a"):
                        if a.get("href") is not None and phrase.maybe_in(raw_text(page, a)) \
                                and phrase.search(visible_text(page, a)):
                            return self._finding(
                                page, a, "wrong-href",
                                f"{n.message} ({phrase.shown} is a link to {a.get('href')!r},"
                                f" but it must be {n.wanted_link})", found=phrase.shown)
                    el = _locate(page, scope, phrase, visible=True)
                    if _in_prose(page, el, phrase):
                        mention = mention or phrase  # "... when you need privacy ...": not a label
                        continue
                    return self._finding(
                        page, el, "not-a-link",
                        f"{n.message} ({phrase.shown} is present but not as a link;"
                        f" it must be {n.wanted_link})",
                        found=phrase.shown)
        # 2. in scope, but hidden from users
        for scope in scopes:
            raw = raw_text(page, scope)
            maybe = [p for p in n.phrases if p.maybe_in(raw)]
            if not maybe:
                continue
            text = all_text(page, scope)
            shown = visible_text(page, scope)
            for phrase in maybe:
                # a phrase that is visible (a mention in running text, passed
                # over above) is not a hidden notice
                if phrase.search(text) and not phrase.search(shown):
                    el = _locate(page, scope, phrase, visible=False)
                    hider, how = _hiding(page, el, scope)
                    return self._finding(
                        page, hider, "hidden",
                        f"{n.message} ({phrase.shown} is present but hidden from users:"
                        f" {how} on <{hider.tag}>)", found=phrase.shown)
        # 3. visible, but outside the scope
        if n.within is not None:
            text = visible_text(page, body)
            for phrase in n.phrases:
                if phrase.search(text) and not any(
                        phrase.search(visible_text(page, sc)) for sc in scopes):
                    el = _locate(page, body, phrase, visible=True)
                    return self._finding(
                        page, el, "outside-scope",
                        f"{n.message} ({phrase.shown} was found outside {n.within.source!r};"
                        f" it must be inside it)", found=phrase.shown)
        # 4. near miss of the wording: a warning that names the wording
        for scope in scopes:
            text = visible_text(page, scope)
            hit = _near_miss(page, scope, text, n.phrases)
            if hit is not None:
                phrase, got = hit
                el = _locate_words(page, scope, got)
                f = self._finding(
                    page, el, "near-miss",
                    f"{n.message} (found {got!r}, which is close to but not the expected"
                    f" wording {phrase.shown})", found=got)
                f.severity = Severity.WARNING
                return f
        # 5. plainly missing
        if mention is not None:
            return self._finding(page, scopes[0], "missing",
                                 f"{n.message} ({n.expected_for(page.lang)} not found as a link"
                                 " or label in"
                                 f" {where}; {mention.shown} appears only in running text)")
        return self._finding(page, scopes[0], "missing",
                             f"{n.message} ({n.expected_for(page.lang)} not found in the"
                             " visible text of"
                             f" {where})")

    def _finding(self, page, el, reason: str, message: str, found: str | None = None):
        ctx = {"reason": reason, "notice": self.notice.id,
               "expected": self.notice.expected_for(page.lang),
               "pack": self.notice.path}
        if found is not None:
            ctx["found"] = found
        return self.finding(page, el, message, context=ctx)

    # -- documentation ------------------------------------------------------
    @classmethod
    def doc(cls) -> str:
        n = cls.notice
        lines = [f"{cls.id} ({cls.severity}) - {cls.summary}", "",
                 "Family: legal (no WCAG criterion: a legal requirement, not an accessibility one)",
                 f"Origin: {cls.origin}", ""]
        lines += cls._doc_prose()
        refs = n.raw.get("references") or []
        if refs:
            lines += ["References:", *(f"  {r}" for r in refs), ""]
        where = n.path if n.file in (None, n.path) else f"{n.path}, the file {n.file}"
        lines += [f"Definition (from {where}):", "  [[notice]]"]
        lines += [f"  {line}" for line in _toml_lines(n.raw) if not line.startswith(
            ("fail_examples", "pass_examples", "rationale", "fix ", "references"))]
        lines.append("")
        lines += cls._doc_examples()
        return "\n".join(lines).rstrip() + "\n"


def n_href_ok(href_re: re.Pattern, a) -> bool:
    return href_re.search(a.get("href") or "") is not None


# words beyond the phrase that a label may have ("Hinweise zum Datenschutz
# und zu Cookies"); more make it a sentence that mentions the phrase
_LABEL_EXTRA_WORDS = 6


def _in_prose(page, el, phrase: Phrase) -> bool:
    """Whether the phrase is a word in running text rather than a label."""
    words = len(_WORD.findall(visible_text(page, el)))
    return words > max(len(phrase.words), 1) + _LABEL_EXTRA_WORDS


def _hiding(page, el, scope) -> tuple[object, str]:
    """The element that hides el, and how, searching el and its ancestors."""
    node = el
    while node is not None and isinstance(node.tag, str):
        if node.get("hidden") is not None:
            return node, "the hidden attribute"
        style = node.get("style")
        if style_hides(style):
            return node, f"style={style.strip()!r}"
        if (node.get("aria-hidden") or "").strip().lower() == "true":
            return node, 'aria-hidden="true"'
        if node.get("inert") is not None:
            return node, "the inert attribute (no one can follow its links)"
        if amp_nodisplay(node):
            return node, 'layout="nodisplay"'
        if closed_dialog(node):
            return node, "no open attribute"
        if closed_popover(node):
            return node, "the popover attribute (closed until script opens it)"
        if node.tag in NOT_RENDERED:
            return node, f"inside <{node.tag}>"
        node = node.getparent()
    return el, "not rendered"


def _locate(page, scope, phrase: Phrase, visible: bool):
    """The deepest element under scope whose text contains the phrase."""
    text_of = visible_text if visible else all_text
    needle = phrase.matched(text_of(page, scope))
    if not needle:
        return scope
    return _descend(page, scope, needle, text_of)


def _locate_words(page, scope, needle: str):
    """Like _locate, for a run of words whose punctuation was dropped."""
    return _descend(page, scope, needle,
                    lambda p, el: " ".join(_WORD.findall(visible_text(p, el))))


def _descend(page, el, needle: str, text_of):
    words = _WORD.findall(needle)
    probe = max(words, key=len) if words else ""
    while True:
        for child in el:
            if isinstance(child.tag, str) and probe in raw_text(page, child) \
                    and needle in text_of(page, child):
                el = child
                break
        else:
            return el


@dataclass
class _WordIndex:
    """Words of one scope's visible text, indexed for near-miss search."""

    words: list[str]
    starts: dict[str, list[int]]  # first letter -> positions
    by_shape: dict[tuple[str, int], set[str]]  # (first letter, length) -> words


def _word_index(page, scope, text: str) -> _WordIndex:
    cache = _page_cache(page)["words"]
    idx = cache.get(scope)
    if idx is None:
        words = _WORD.findall(text)
        by_shape: dict[tuple[str, int], set[str]] = {}
        for w in set(words):
            by_shape.setdefault((w[0], len(w)), set()).add(w)
        idx = _WordIndex(words, {}, by_shape)
        cache[scope] = idx
    return idx


def _near_miss(page, scope, text: str, phrases: list[Phrase]) -> tuple[Phrase, str] | None:
    """A run of words in ``text`` very similar to a literal phrase.

    Misspellings keep the first letter and roughly the length, so candidates
    come from an index by first letter: a page costs one tokenisation, and a
    phrase a handful of comparisons, even when the notice is missing on every
    page of a site.
    """
    idx = None
    best: tuple[float, Phrase, str] | None = None
    sm = difflib.SequenceMatcher(autojunk=False)
    for phrase in phrases:
        if phrase.literal is None or len(phrase.literal) < _MIN_NEAR_LEN or not phrase.words:
            continue
        if idx is None:
            idx = _word_index(page, scope, text)
        target = " ".join(phrase.words)
        first = target[0]
        k = len(phrase.words)
        cands: set[str] = set()
        if k == 1:
            n = len(target)
            for length in range(int(n * 0.75), int(n * 1.34) + 1):
                cands |= idx.by_shape.get((first, length), set())
        else:
            words = idx.words
            starts = idx.starts.get(first)
            if starts is None:
                starts = idx.starts[first] = [i for i, w in enumerate(words) if w[0] == first]
            # a misspelt sentence keeps most of its words: at least half of the
            # phrase's longer words must be there before difflib is asked
            wanted = {w for w in phrase.words if len(w) > 3} or set(phrase.words)
            need = max(1, len(wanted) // 2)
            for i in starts:
                if sum(w in wanted for w in words[i:i + k + 1]) < need:
                    continue
                for size in (k - 1, k, k + 1):
                    if i + size <= len(words):
                        cand = " ".join(words[i:i + size])
                        if abs(len(cand) - len(target)) <= len(target) * 0.3:
                            cands.add(cand)
        cands.discard(target)
        sm.set_seq2(target)
        for cand in cands:
            sm.set_seq1(cand)
            if sm.real_quick_ratio() < NEAR_MISS or sm.quick_ratio() < NEAR_MISS:
                continue
            r = sm.ratio()
            if r >= NEAR_MISS and (best is None or r > best[0]) \
                    and _misspelt_word_by_word(cand, phrase.words):
                best = (r, phrase, cand)
    return (best[1], best[2]) if best else None


def _misspelt_word_by_word(cand: str, words: list[str]) -> bool:
    """Whether a run of as many words as the phrase misspells it word by
    word. A misspelling keeps each word recognisable; a whole word swapped
    for another is other wording that shares the rest: French "une forme de
    protection" is not a misspelt "Data protection", though the two differ
    by three letters. Runs of one word more or fewer are left to the ratio."""
    got = cand.split(" ")
    if len(got) != len(words) or len(words) < 2:
        return True
    sm = difflib.SequenceMatcher(autojunk=False)
    for g, w in zip(got, words, strict=True):
        if g != w:
            sm.set_seqs(g, w)
            if sm.ratio() < _WORD_NEAR_MISS:
                return False
    return True


# -- building rules from a pack ------------------------------------------------------

def rules_from_pack(data: dict, path, existing: list[str] | tuple = (),
                    label: str | None = None) -> list[type[Rule]]:
    """One Rule subclass per ``[[notice]]``; PackError names file, notice and
    key. ``label``: how rules, findings and docs name the pack (a shipped
    pack's name); errors always give the file's path."""
    path = str(path)
    notices = data.get("notice")
    if not isinstance(notices, list) or not all(isinstance(x, dict) for x in notices):
        raise PackError(f"{path}: 'notice' must be an array of tables ([[notice]])")
    seen = set(existing)
    out: list[type[Rule]] = []
    for i, raw in enumerate(notices, 1):
        notice = _parse_notice(raw, path, i)
        if label is not None:
            notice = replace(notice, path=label, file=path)
        rid = f"legal-{notice.id}"
        if rid in seen:
            raise PackError(f"{path}: notice {notice.id!r}: key 'id': duplicate rule id {rid!r}"
                            " (already defined by an earlier notice or pack)")
        seen.add(rid)
        out.append(_make_rule(notice, raw))
    return out


class _Err:
    def __init__(self, path: str, index: int, raw: dict) -> None:
        ident = raw.get("id")
        self.where = (f"{path}: notice {ident!r}" if isinstance(ident, str) and ident
                      else f"{path}: notice #{index}")

    def __call__(self, key: str, problem: str) -> PackError:
        return PackError(f"{self.where}: key {key!r}: {problem}")


def _type_name(v) -> str:
    return {str: "string", list: "array", dict: "table", bool: "boolean", int: "integer",
            float: "float"}.get(type(v), type(v).__name__)


def _want_str(err, key, v) -> str:
    if not isinstance(v, str):
        raise err(key, f"must be a string, got {_type_name(v)}")
    if not v.strip():
        raise err(key, "must not be empty")
    return v


def _want_strs(err, key, v) -> list[str]:
    if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
        got = _type_name(v) if not isinstance(v, list) else "array with non-string items"
        raise err(key, f"must be an array of strings, got {got}")
    if not v or not all(x.strip() for x in v):
        raise err(key, "must hold at least one non-empty string")
    return v


def _regex(err, key, source: str, flags: int = 0) -> re.Pattern:
    try:
        return re.compile(source, flags)
    except re.error as exc:
        raise err(key, f"invalid regular expression {source!r}: {exc}") from None


def _selector(err, key, source: str) -> Selector:
    try:
        return compile_selector(source)
    except (SelectorError, ValueError, etree.XPathError) as exc:
        raise err(key, f"invalid CSS selector {source!r}: {exc}") from None


def _texts(err, value) -> list[tuple[str | None, str]]:
    """(language, wording) pairs of ``text``: a list, or a table of lists
    by language (``text.de = ["Datenschutz"]``), whose order messages
    follow for a page in that language."""
    if isinstance(value, dict):
        out = []
        for lang, strs in value.items():
            if not _LANG_TAG.fullmatch(lang):
                raise err(f"text.{lang}", "is not a language tag (e.g. de, pt-br)")
            out += [(lang.lower(), s) for s in _want_strs(err, f"text.{lang}", strs)]
        return out
    return [(None, s) for s in _want_strs(err, "text", value)]


def _parse_notice(raw: dict, path: str, index: int) -> Notice:
    err = _Err(path, index, raw)
    unknown = sorted(set(raw) - _KEYS)
    if unknown:
        raise err(unknown[0], f"unknown key (known: {', '.join(sorted(_KEYS))})")
    if "id" not in raw:
        raise err("id", "missing (every notice needs an id; its rule is legal-<id>)")
    ident = _want_str(err, "id", raw["id"])
    if not _ID.match(ident):
        raise err("id", f"{ident!r} is not kebab-case (lowercase letters, digits, hyphens)")
    if "text" not in raw and "text_regex" not in raw:
        raise err("text", "missing (give text = [...] or text_regex = [...])")
    phrases: list[Phrase] = []
    for lang, s in _texts(err, raw["text"]) if "text" in raw else []:
        lit = normalise(s)
        phrases.append(Phrase(shown=json.dumps(s, ensure_ascii=False), literal=lit,
                              words=_WORD.findall(lit), lang=lang,
                              starts_word=bool(lit) and lit[0].isalnum()
                              and not unspaced(lit[0])))
    for s in _want_strs(err, "text_regex", raw["text_regex"]) if "text_regex" in raw else []:
        phrases.append(Phrase(shown=f"text matching /{s}/",
                              regex=_regex(err, "text_regex", s, re.IGNORECASE)))
    message = _want_str(err, "message", raw["message"]) if "message" in raw else \
        f"Required notice {ident!r} is missing."
    severity = Severity.ERROR
    if "severity" in raw:
        try:
            severity = Severity.parse(_want_str(err, "severity", raw["severity"]))
        except ValueError:
            raise err("severity", f"must be 'error' or 'warning', got {raw['severity']!r}") from None
    notice = Notice(id=ident, path=path, message=message.strip(), severity=severity,
                    phrases=phrases, raw=raw)
    when = raw.get("when", {})
    if not isinstance(when, dict):
        raise err("when", f"must be a table, got {_type_name(when)}")
    bad = sorted(set(when) - _WHEN_KEYS)
    if bad:
        raise err(f"when.{bad[0]}", f"unknown key (known: {', '.join(sorted(_WHEN_KEYS))})")
    if "lang" in when:
        langs = _want_strs(err, "when.lang", when["lang"])
        notice.lang = tuple(x.strip().lower().replace("_", "-") for x in langs)
    if "url" in when:
        notice.url = _regex(err, "when.url", _want_str(err, "when.url", when["url"]))
    if "selector" in when:
        notice.selector = _selector(err, "when.selector",
                                    _want_str(err, "when.selector", when["selector"]))
    if "within" in raw:
        notice.within = _selector(err, "within", _want_str(err, "within", raw["within"]))
    link = raw.get("link")
    if link is not None:
        if not isinstance(link, dict):
            raise err("link", f"must be a table, got {_type_name(link)}")
        bad = sorted(set(link) - _LINK_KEYS)
        if bad:
            raise err(f"link.{bad[0]}", "unknown key (known: describe, href)")
        if "href" not in link:
            raise err("link.href", "missing (a [link] table needs href = \"regex\")")
        notice.href = _regex(err, "link.href", _want_str(err, "link.href", link["href"]))
        if "describe" in link:
            notice.href_words = _want_str(err, "link.describe", link["describe"]).strip() or None
    for key in ("rationale", "fix"):
        if key in raw:
            _want_str(err, key, raw[key])
    for key in ("references", "fail_examples", "pass_examples"):
        if key in raw:
            _want_strs(err, key, raw[key])
    return notice


def _make_rule(notice: Notice, raw: dict) -> type[Rule]:
    fail, passing = raw.get("fail_examples"), raw.get("pass_examples")
    if fail is None or passing is None:
        gen_fail, gen_pass = _generated_examples(notice)
        fail = fail if fail is not None else gen_fail
        passing = passing if passing is not None else gen_pass
    attrs = {
        "id": f"legal-{notice.id}",
        "family": "legal",
        "severity": notice.severity,
        "wcag": (),
        "summary": notice.message,
        "rationale": raw.get("rationale") or (
            f"A notice that the law or the publisher's policy requires ({notice.path}); page"
            " templates drop such notices silently and nobody notices until a regulator does."),
        "fix": raw.get("fix") or _default_fix(notice),
        "fail_examples": tuple(fail),
        "pass_examples": tuple(passing),
        "origin": notice.path,
        "notice": notice,
        "__doc__": f"Required notice {notice.id!r} from {notice.path}.",
        "__module__": __name__,
    }
    name = "Legal_" + notice.id.replace("-", "_")
    return type(name, (LegalNoticeRule,), attrs)


def _default_fix(n: Notice) -> str:
    what = n.phrases[0].shown
    where = f" inside {n.within.source!r}" if n.within else ""
    how = (f" as a link whose address matches {n.href.pattern!r}" if n.href else "")
    return f"Add the visible text {what}{where}{how}."


# -- generated examples ---------------------------------------------------------------

def _generated_examples(n: Notice) -> tuple[list[str], list[str]]:
    """Examples built from the notice itself, so every pack rule documents and
    tests itself; notices whose conditions cannot be synthesised (URL
    patterns, complex selectors, regex-only text) must give their own."""
    literal = next((p for p in n.phrases if p.literal is not None), None)
    if literal is None or n.url is not None:
        return [], []
    text = json.loads(literal.shown)
    lang = literal.lang or (n.lang[0] if n.lang else "en")
    head, body_start = "", ""
    if n.selector is not None:
        el = _element_for(n.selector.source)
        if el is None:
            return [], []
        if el[0].startswith("<meta"):
            head = el[0]
        else:
            body_start = el[0] + "<p>…</p>" + el[1]
    notice_html = text
    if n.href is not None:
        href = _href_for(n.href, text)
        if href is None:
            return [], []
        notice_html = f'<a href="{href}">{text}</a>'
    scope = ("", "")
    if n.within is not None:
        scope = _element_for(n.within.source)
        if scope is None:
            return [], []

    def doc(inner: str) -> str:
        return (f'<!DOCTYPE html>\n<html lang="{lang}">\n<head><meta charset="utf-8">'
                f"<title>Example</title>{head}</head>\n<body>\n"
                + (body_start + "\n" if body_start else "") + "<main><p>…</p></main>\n" f"{scope[0]}{inner}{scope[1]}\n</body>\n</html>")

    return [doc("<p>…</p>")], [doc(f"<p>{notice_html}</p>")]


def _href_for(href_re: re.Pattern, text: str) -> str | None:
    literal = re.sub(r"\\(.)", r"\1", href_re.pattern.strip("^$"))
    slug = re.sub(r"\W+", "-", text.casefold()).strip("-")
    for cand in (literal, "/" + slug, "https://example.org/" + slug, "/"):
        if re.fullmatch(r"[\w./:#?=&-]*", cand) and href_re.search(cand):
            return cand
    return None


def _element_for(source: str) -> tuple[str, str] | None:
    """Start and end tag of an element matching a simple CSS selector."""
    try:
        parsed = parse(source)
    except SelectorError:
        return None
    node = parsed[0].parsed_tree
    attrs: dict[str, str] = {}
    classes: list[str] = []
    while True:
        kind = type(node).__name__
        if kind == "Class":
            classes.append(node.class_name)
        elif kind == "Hash":
            attrs["id"] = node.id
        elif kind == "Attrib":
            if node.operator == "exists":
                attrs[node.attrib] = ""
            elif node.operator in ("=", "~=", "*=", "^=", "$="):
                attrs[node.attrib] = node.value.value if hasattr(node.value, "value") else node.value
            else:
                return None
        elif kind == "Element":
            tag = node.element or "div"
            break
        else:
            return None
        node = node.selector
    if classes:
        attrs["class"] = " ".join(reversed(classes))
    attr_src = "".join(f' {k}="{v}"' for k, v in attrs.items())
    if tag == "meta":
        return f"<meta{attr_src}>", ""
    return f"<{tag}{attr_src}>", f"</{tag}>"


def _toml_lines(raw: dict, prefix: str = "") -> list[str]:
    out: list[str] = []
    for key, value in raw.items():
        if isinstance(value, dict):
            out += _toml_lines(value, prefix + key + ".")
        else:
            out.append(f"{prefix}{key} = {json.dumps(value, ensure_ascii=False)}")
    return out


def shipped_notice_files() -> list[Path]:
    from a11ylint.packs import shipped_dir

    return sorted((shipped_dir() / "legal").glob("*.toml"))
