"""A rule in the page's own ``<style>`` elements that hides an element outright.

a11ylint does not apply stylesheets: visibility comes from the markup
(``hidden``, ``aria-hidden``, inline styles). One question is worth a narrow
exception, because the answer is usually written in plain sight and the
cost of missing it is a skip link nobody can use: is this element given
``display:none`` or ``visibility:hidden`` by a rule that names it by its id
or class, as in ``#skiplink{display:none}``? Such an element cannot take
keyboard focus, so a ``:focus`` rule meant to show it never applies.

Only what can be settled from the text is settled:

* rules at the top level of a ``<style>`` element or inside an unconditional
  ``@media`` (``all``, ``screen``); a hiding rule inside a conditional one
  (a width query, ``print``, ``@supports``) is not counted;
* selectors that are one compound of the element's own type, id and classes
  (``#skiplink``, ``a.skip-link``); their cascade is decided by
  ``!important``, specificity and order, and the inline style beats them;
* any other rule that names the element's id or a class and shows it
  (``body.keyboard .skip{display:block}``, or a showing rule inside a width
  query) makes the answer uncertain, and nothing is reported. State
  selectors (``:focus``, ``:hover``) are left out: they cannot match an
  element that is not rendered.

Only the occurrences of the element's own tokens are read, not the whole
stylesheet, so a page's 200 kB of inline CSS costs a few searches; a token
named in more than 200 places, or a page with more than 50 distinct such
elements, is not settled.
"""

from __future__ import annotations

import bisect
import dataclasses
import re

from a11ylint.page.aria import NOT_RENDERED

_COMMENT = re.compile(r"/\*.*?(?:\*/|\Z)", re.S)
_BRACES = re.compile(r"[{}]")
_SIMPLE = re.compile(r"(?P<type>[a-zA-Z][\w-]*)?(?P<parts>(?:[#.][\w-]+)+)")
_PART = re.compile(r"[#.][\w-]+")
_STATE = re.compile(r":{1,2}(?:focus|focus-visible|focus-within|hover|active|target)\b")
_DECL = re.compile(r"(?:^|;)\s*(display|visibility)\s*:\s*([^;!]*?)\s*(!\s*important)?\s*(?=;|$)",
                   re.I)
# A skip link's id or classes named by more rules than this: not settled here
# (reading each mention counts the braces before it, so the work would grow
# with the square of the stylesheet)
_MAX_MENTIONS = 200
# Distinct elements (by tag, id, classes and inline style) settled per page;
# a page has a handful of skip links
_MAX_ELEMENTS = 50
_UNCONDITIONAL_MEDIA = re.compile(r"@media\s+(?:only\s+)?(?:all|screen)\s*$", re.I)


@dataclasses.dataclass(frozen=True)
class HidingRule:
    selector: str
    declaration: str
    line: int


def _blank(m) -> str:
    g = m.group()
    return " " * len(g) if "\n" not in g else re.sub(r"[^\n]", " ", g)


@dataclasses.dataclass
class _Style:
    text: str           # as written
    line: int           # source line the text starts on
    conditional: bool   # a media attribute other than all/screen: may not apply
    _css: str | None = None
    _tops: list | None = None  # where each top-level block opens, built when first needed

    @property
    def css(self) -> str:
        """The text with comments blanked (same length and lines), made when
        a rule first needs it."""
        if self._css is None:
            self._css = _COMMENT.sub(_blank, self.text) if "/*" in self.text else self.text
        return self._css

    def top_opens(self) -> list[int]:
        """Offsets of the '{' of every top-level block (an at-rule's or a
        rule's), in order: one pass over the braces, done once."""
        if self._tops is None:
            css = self.css
            tops, depth = [], 0
            for m in _BRACES.finditer(css):
                if css[m.start()] == "{":
                    if depth == 0:
                        tops.append(m.start())
                    depth += 1
                elif depth:
                    depth -= 1
            self._tops = tops
        return self._tops


def _styles(page) -> list[_Style]:
    """The page's rendered <style> elements that set display or visibility."""
    out = []
    for el in page.root.iter("style"):
        if any(a.tag in NOT_RENDERED and a.tag != "head" for a in el.iterancestors()):
            continue
        text = el.text or ""
        if "display" not in text and "visibility" not in text:
            continue
        media = (el.get("media") or "").strip().lower()
        conditional = bool(media) and media not in ("all", "screen", "only screen")
        out.append(_Style(text, el.sourceline or 1, conditional))
    return out


def _page_styles(page) -> list[_Style]:
    return page.memo("style-elements", lambda: _styles(page))


def _split_selectors(prelude: str) -> list[str]:
    """A selector list split at its top-level commas (not inside :not(a, b))."""
    parts, depth, start = [], 0, 0
    for i, c in enumerate(prelude):
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "," and depth == 0:
            parts.append(prelude[start:i])
            start = i + 1
    parts.append(prelude[start:])
    return [p.strip() for p in parts if p.strip()]


def _enclosing(css: str, pos: int) -> tuple[int, int]:
    """(start of the prelude, its '{') of the rule whose selector holds pos,
    or (-1, -1) when pos is inside a declaration block, not a selector."""
    brace = css.find("{", pos)
    close = css.find("}", pos)
    if brace < 0 or (0 <= close < brace):
        return -1, -1
    start = max(css.rfind("}", 0, pos), css.rfind("{", 0, pos), css.rfind(";", 0, pos)) + 1
    return start, brace


def _context(style: _Style, start: int) -> str | None:
    """Where a rule starting at ``start`` sits: "top", "media" (right inside
    an unconditional @media) or None (inside any other at-rule, or deeper)."""
    css = style.css
    depth = css.count("{", 0, start) - css.count("}", 0, start)
    if depth <= 0:
        return "top"
    if depth > 1:
        return None
    # one block is open at start: the last top-level block opened before it
    tops = style.top_opens()
    i = bisect.bisect_left(tops, start) - 1
    if i < 0:
        return None
    ob = tops[i]
    prelude_start = max(css.rfind("}", 0, ob), css.rfind(";", 0, ob)) + 1
    return "media" if _UNCONDITIONAL_MEDIA.match(css[prelude_start:ob].strip()) else None


def _matches(selector: str, tag: str, el_id: str | None, classes: frozenset) -> tuple | None:
    """Specificity of a one-compound selector that matches el, or None."""
    m = _SIMPLE.fullmatch(selector)
    if m is None:
        return None
    if m.group("type") and m.group("type").lower() != tag:
        return None
    ids = cls = 0
    for part in _PART.findall(m.group("parts")):
        if part[0] == "#":
            if part[1:] != el_id:
                return None
            ids += 1
        else:
            if part[1:] not in classes:
                return None
            cls += 1
    return ids, cls, 1 if m.group("type") else 0


@dataclasses.dataclass
class _Rule:
    order: tuple        # (style element, offset): source order
    style: _Style
    selectors: dict     # selector naming the token -> its offset in the style text
    decls: tuple        # (property, value, important) for display and visibility

    @property
    def where(self) -> str | None:
        """See _context; asked only of the few rules that match."""
        return None if self.style.conditional else _context(self.style, self.order[1])

    def line(self, selector: str) -> int:
        return self.style.line + self.style.css.count("\n", 0, self.selectors[selector])


def _rules_naming(page, token: str) -> list[_Rule] | None:
    """The rules whose selector names ``token`` ("#id" or ".class"), in
    source order, read once per page; None when more than _MAX_MENTIONS
    places name it."""
    def compute():
        token_re = re.compile(re.escape(token) + r"(?![\w-])")
        out, looked = [], 0
        for si, style in enumerate(_page_styles(page)):
            if token not in style.text:
                continue
            css = style.css
            seen: set = set()
            for m in token_re.finditer(css):
                looked += 1
                if looked > _MAX_MENTIONS:
                    return None  # each mention costs a scan of the text before it
                start, brace = _enclosing(css, m.start())
                if start < 0 or start in seen:
                    continue
                seen.add(start)
                close = css.find("}", brace)
                body = css[brace + 1:close if close >= 0 else len(css)]
                decls = tuple((prop.lower(), value.strip().lower(), bool(important))
                              for prop, value, important in _DECL.findall(body))
                if not decls:
                    continue
                prelude = css[start:brace]
                selectors = {sel: start + max(prelude.find(sel), 0)
                             for sel in _split_selectors(prelude) if token_re.search(sel)}
                out.append(_Rule((si, start), style, selectors, decls))
        return out

    return page.memo(("style-rules-naming", token), compute)


def hiding_rule(page, el) -> HidingRule | None:
    """The <style> rule that keeps el from being rendered, when the page's
    own CSS settles it (see the module docstring), else None. Elements alike
    in tag, id, classes and inline style share one answer."""
    el_id = (el.get("id") or "").strip() or None
    classes = frozenset((el.get("class") or "").split())
    if el_id is None and not classes:
        return None
    if not _page_styles(page):
        return None
    tag = el.tag if isinstance(el.tag, str) else ""
    inline = (el.get("style") or "").lower()
    known = page.memo("style-hiding", dict)
    key = (tag, el_id, classes, inline)
    if key not in known:
        known[key] = None if len(known) >= _MAX_ELEMENTS else _settle(
            page, tag, el_id, classes, inline)
    return known[key]


def _settle(page, tag, el_id, classes, inline) -> HidingRule | None:
    rules: dict = {}
    for token in ([f"#{el_id}"] if el_id else []) + [f".{c}" for c in sorted(classes)]:
        naming = _rules_naming(page, token)
        if naming is None:
            return None
        for rule in naming:
            if rule.order in rules:  # named by two of el's tokens: one rule
                rules[rule.order].selectors.update(rule.selectors)
            else:  # a copy: its selectors may grow by another token's
                rules[rule.order] = dataclasses.replace(rule, selectors=dict(rule.selectors))
    # (important, specificity, order) -> (hides, selector, declaration, line)
    display: list = []
    visibility: list = []
    for order in sorted(rules):
        rule = rules[order]
        for selector in rule.selectors:
            if _STATE.search(selector):
                continue  # cannot match an element that is not rendered
            spec = _matches(selector, tag, el_id, classes)
            certain = spec is not None and rule.where is not None
            for prop, value, important in rule.decls:
                hides = value == "none" if prop == "display" else value in ("hidden", "collapse")
                if not certain:
                    if not hides:
                        return None  # something may show it: not settled
                    continue
                entry = ((important, spec, order), hides, selector,
                         f"{prop}:{value}{' !important' if important else ''}", rule)
                (display if prop == "display" else visibility).append(entry)
    for found, prop in ((display, "display"), (visibility, "visibility")):
        if not found:
            continue
        key, hides, selector, declaration, rule = max(found, key=lambda e: e[0])
        if not hides:
            continue
        if prop in inline and not key[0]:
            continue  # the inline style decides, and the markup checks read it
        return HidingRule(selector, declaration, rule.line(selector))
    return None
