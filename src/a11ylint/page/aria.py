"""What assistive technology perceives: hidden state, text and accessible names.

Simplified from the W3C accname algorithm to what static HTML can tell
without a browser: inline styles are honoured, stylesheets are not (so
``.sr-only`` content counts as perceivable, which is right: it is meant for
screen readers).
"""

from __future__ import annotations

import re

from lxml import etree

_DISPLAY_NONE = re.compile(r"(?:^|;)\s*display\s*:\s*none\b", re.I)
_VIS_HIDDEN = re.compile(r"(?:^|;)\s*visibility\s*:\s*(?:hidden|collapse)\b", re.I)

NOT_RENDERED = frozenset({"script", "style", "noscript", "template", "head", "title", "meta",
                          "link", "base"})
# elements whose accessible name comes from their content
NAME_FROM_CONTENT_TAGS = frozenset({
    "a", "button", "h1", "h2", "h3", "h4", "h5", "h6", "summary", "td", "th", "caption",
    "legend", "label", "option", "li", "figcaption", "p", "span", "div", "strong", "em", "b",
    "i", "u", "small", "mark", "abbr", "cite", "q", "sup", "sub", "time", "font", "big",
    "center", "section", "header", "footer", "article", "nav", "main", "aside", "dt", "dd",
})
NAME_FROM_CONTENT_ROLES = frozenset({
    "button", "cell", "checkbox", "columnheader", "gridcell", "heading", "link", "menuitem",
    "menuitemcheckbox", "menuitemradio", "option", "radio", "row", "rowheader", "switch", "tab",
    "tooltip", "treeitem",
})


_NOT_RENDERED_SUBTREE = frozenset({"template", "noscript", "head", "script", "style"})


def normalise_ws(text: str) -> str:
    # str.split() splits on every Unicode space (nbsp, figure space, ...) in C;
    # only the zero-width ones need replacing first
    if "\u200b" in text or "\ufeff" in text:
        text = text.replace("\u200b", " ").replace("\ufeff", " ")
    return " ".join(text.split())


def style_hides(style: str | None) -> bool:
    return bool(style) and (bool(_DISPLAY_NONE.search(style)) or bool(_VIS_HIDDEN.search(style)))


class Aria:
    """Memoised per-element helpers for one page."""

    def __init__(self, page) -> None:
        self.page = page
        self._hidden_all: dict = {}
        self._hidden_at: dict = {}
        self._text: dict = {}
        self._name: dict = {}

    # -- hidden state -------------------------------------------------------
    def hidden_from_all(self, el) -> bool:
        """Not rendered for anyone: ``hidden``, inline display:none /
        visibility:hidden, or inside <template>/<noscript>/<head>."""
        r = self._hidden_all.get(el)
        return r if r is not None else self._resolve(el)[0]

    def is_hidden(self, el) -> bool:
        """Hidden from assistive technology: hidden from all, or aria-hidden=true
        on the element or an ancestor."""
        r = self._hidden_at.get(el)
        return r if r is not None else self._resolve(el)[1]

    def _resolve(self, el) -> tuple[bool, bool]:
        # Iterative on purpose: climb to the nearest ancestor already known,
        # then settle the chain top-down. Recursion cost a Python call per
        # ancestor, and every image and heading asks.
        all_m, at_m = self._hidden_all, self._hidden_at
        chain = []
        node = el
        a = t = False
        while node is not None:
            ra = all_m.get(node)
            if ra is not None:
                a, t = ra, at_m[node]
                break
            chain.append(node)
            node = node.getparent()
        for n in reversed(chain):
            if not a:
                tag = n.tag
                if isinstance(tag, str):
                    k = n.keys()
                    if tag in _NOT_RENDERED_SUBTREE or (k and (
                            "hidden" in k or ("style" in k and style_hides(n.get("style"))))):
                        a = True
                    elif not t and k and "aria-hidden" in k and \
                            n.get("aria-hidden").strip().lower() == "true":
                        t = True
            if a:
                t = True
            all_m[n] = a
            at_m[n] = t
        return a, t

    # -- text ---------------------------------------------------------------
    def text(self, el) -> str:
        """Visible text of el's subtree (hidden parts and images excluded),
        whitespace-normalised."""
        r = self._text.get(el)
        if r is None:
            parts: list[str] = []
            self._collect(el, parts, with_alt=False)
            r = normalise_ws("".join(parts))
            self._text[el] = r
        return r

    def text_with_alt(self, el) -> str:
        parts: list[str] = []
        self._collect(el, parts, with_alt=True)
        return normalise_ws("".join(parts))

    def _collect(self, el, parts: list[str], with_alt: bool) -> None:
        if el.text and el.tag not in NOT_RENDERED:
            parts.append(el.text)
        for child in el:
            tag = child.tag
            if isinstance(tag, str) and tag not in NOT_RENDERED:
                if not self._self_hidden(child):
                    is_img = tag in ("img", "area") or (
                        tag == "input" and (child.get("type") or "").lower() == "image")
                    if is_img:
                        if with_alt:
                            alt = child.get("aria-label") or child.get("alt")
                            if alt:
                                parts.append(" " + alt + " ")
                    elif tag == "svg" or child.get("role") in ("img", "image"):
                        if with_alt:
                            n = self.accessible_name(child)
                            if n:
                                parts.append(" " + n + " ")
                    else:
                        if tag in _BLOCKISH:
                            parts.append(" ")
                        self._collect(child, parts, with_alt)
                        if tag in _BLOCKISH:
                            parts.append(" ")
            if child.tail:
                parts.append(child.tail)

    def _self_hidden(self, el) -> bool:
        return (
            el.get("hidden") is not None
            or style_hides(el.get("style"))
            or (el.get("aria-hidden") or "").strip().lower() == "true"
        )

    # -- accessible name ----------------------------------------------------
    def accessible_name(self, el) -> str:
        r = self._name.get(el)
        if r is None:
            r = normalise_ws(self._compute_name(el))
            self._name[el] = r
        return r

    def _compute_name(self, el) -> str:
        labelledby = el.get("aria-labelledby")
        if labelledby:
            texts = []
            for ref in labelledby.split():
                target = self.page.get_by_id(ref)
                if target is not None:
                    texts.append(target.get("aria-label") or self.text_with_alt(target))
            joined = " ".join(t for t in texts if t)
            if joined.strip():
                return joined
        label = el.get("aria-label")
        if label and label.strip():
            return label
        tag = el.tag
        if tag in ("img", "area") or (tag == "input" and (el.get("type") or "").lower() == "image"):
            alt = el.get("alt")
            if alt is not None and alt.strip():
                return alt
            return el.get("title") or ""
        if tag == "svg" or el.get("role") in ("img", "image"):
            for child in el:
                if child.tag == "title" and (child.text or "").strip():
                    return child.text
            return el.get("title") or ""
        role = (el.get("role") or "").strip().lower()
        if tag in NAME_FROM_CONTENT_TAGS or role in NAME_FROM_CONTENT_ROLES:
            text = self.text_with_alt(el)
            if text:
                return text
        if tag == "input":
            t = (el.get("type") or "").lower()
            if t in ("submit", "button", "reset"):
                return el.get("value") or ""
        return el.get("title") or ""


_BLOCKISH = frozenset({
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "section",
    "article", "header", "footer", "nav", "aside", "main", "figure", "figcaption", "table",
    "tr", "td", "th", "dt", "dd", "dl", "blockquote", "pre", "hr", "address", "form", "fieldset",
    "legend", "details", "summary", "caption",
})

COMMENT = etree.Comment
