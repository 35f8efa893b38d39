"""What assistive technology perceives: hidden state, text and accessible names.

Simplified from the W3C accname algorithm to what static HTML can tell
without a browser: inline styles are honoured, stylesheets are not (so
``.sr-only`` content counts as perceivable, which is right: it is meant for
screen readers). What browsers' own styles hide without any stylesheet of
the page's is hidden here too: a closed ``<dialog>``, and AMP's
``layout="nodisplay"``, which the AMP runtime's style hides.
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

# AMP's image elements: the AMP runtime draws an <img> inside each and copies
# alt, aria-label, aria-labelledby and title onto it, so they are named (and
# made decorative by alt="") exactly as an <img> is. AMP pages are still a
# large part of what news sites serve.
AMP_IMAGES = frozenset({"amp-img", "amp-anim"})
# pictures: an <img> and the elements named as one
PICTURE_TAGS = frozenset({"img"}) | AMP_IMAGES
# elements named by their alt (an <input type=image> too, by its type)
ALT_TAGS = PICTURE_TAGS | {"area"}


_VISIBLE, _AT_HIDDEN, _INERT, _ALL_HIDDEN = 0, 1, 2, 3  # ordered: a state only ever grows
_PLAIN, _NAMES, _LABELLEDBY = 0, 1, 2  # what Aria._collect does with images


_STATE_ATTRS = frozenset({"hidden", "style", "layout", "popover", "inert", "aria-hidden"})


def _own_state(el, keys) -> int:
    """What el's own attributes (``keys``: its attribute names) hide it from:
    everyone (``hidden``, inline display:none/visibility:hidden), assistive
    technology and the keyboard (``inert``: shown, but left out of the
    accessibility tree and the tab order), assistive technology alone
    (``aria-hidden="true"``), or nothing."""
    if _STATE_ATTRS.isdisjoint(keys):  # most elements: one pass over a short list
        return _VISIBLE
    if "hidden" in keys or ("style" in keys and style_hides(el.get("style"))) or (
            "layout" in keys and amp_nodisplay(el)) or ("popover" in keys and closed_popover(el)):
        return _ALL_HIDDEN
    if "inert" in keys:
        return _INERT
    if "aria-hidden" in keys and el.get("aria-hidden").strip().lower() == "true":
        return _AT_HIDDEN
    return _VISIBLE


def closed_dialog(el) -> bool:
    """A <dialog> without ``open``: every browser's own stylesheet gives it
    display:none until script opens it (a newsletter or cookie prompt), so
    neither its text nor its links are there for the reader yet."""
    return el.tag == "dialog" and el.get("open") is None


def closed_popover(el) -> bool:
    """An element with ``popover`` (a menu, a tooltip, a share panel): every
    browser's own stylesheet gives it display:none until script or a
    ``popovertarget`` button opens it, so a page loads with it closed. A
    ``<dialog open>`` that is also a popover is shown."""
    return el.get("popover") is not None and not (el.tag == "dialog"
                                                   and el.get("open") is not None)


def hiding_phrase(el, known: dict | None = None) -> str | None:
    """What hides ``el`` from assistive technology, or from everyone, in the
    words of a message ("it has aria-hidden=\"true\"", "inside <nav
    class=\"menu\"> with the inert attribute"); None when nothing in the
    markup does. ``known`` (element -> answer) lets the callers on one page
    share their ancestors' answers: thousands of links nested deep are read
    once, not once for each."""
    found = _hider(known if known is not None else {}, el)
    if found is None:
        return None
    node, what = found
    if node.tag in ("template", "noscript"):
        return f"it is inside <{node.tag}>"
    return f"it has {what}" if node is el else f"inside <{node.tag}{ident_attr(node)}> with {what}"


def _hider(known: dict, el):
    """The nearest element at or above ``el`` that hides it, and how."""
    chain = []
    node = el
    found = None
    while node is not None and isinstance(node.tag, str):
        if node in known:
            found = known[node]
            break
        chain.append(node)
        what = _hides(node)
        if what is not None:
            found = (node, what)
            break
        node = node.getparent()
    for n in chain:
        known[n] = found
    return found


def _hides(node) -> str | None:
    if node.tag in ("template", "noscript"):
        return "inert content"
    if node.get("hidden") is not None:
        return "the hidden attribute"
    if node.get("inert") is not None:
        return "the inert attribute"
    if (node.get("aria-hidden") or "").strip().lower() == "true":
        return 'aria-hidden="true"'
    if style_hides(node.get("style")):
        return f"inline {style_kind(node)}"
    if amp_nodisplay(node):
        return 'AMP\'s layout="nodisplay"'
    if closed_dialog(node):
        return "no open attribute"
    if closed_popover(node):
        return "the popover attribute, which keeps it closed until script opens it"
    return None


def style_kind(el) -> str:
    style = (el.get("style") or "").lower().replace(" ", "")
    return "display:none" if "display:none" in style else "visibility:hidden"


def ident_attr(el) -> str:
    """`` id="…"`` or `` class="…"`` for naming an element in a message."""
    if el.get("id"):
        return f' id="{el.get("id")}"'
    if el.get("class"):
        return f' class="{normalise_ws(el.get("class"))[:40]}"'
    return ""


def amp_nodisplay(el) -> bool:
    """AMP's layout="nodisplay" (a closed amp-sidebar or amp-lightbox): the
    AMP runtime styles it display:none until script opens it."""
    v = el.get("layout")
    return v is not None and v.strip().lower() == "nodisplay"


# Scripts written without spaces between words (Thai, Lao, Myanmar, Khmer,
# kana, bopomofo, Han, Hangul): a phrase in them cannot demand a word boundary
# ("跳到主要内容" holds "跳到"). Code point ranges, not a regex character
# class: compiling that class walks its 40,000 code points, milliseconds at
# every start.
UNSPACED_RANGES = ((0x0E00, 0x0EFF), (0x1000, 0x109F), (0x1780, 0x17FF), (0x3040, 0x30FF),
                   (0x3100, 0x312F), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xAC00, 0xD7AF),
                   (0xF900, 0xFAFF))


def unspaced(ch: str) -> bool:
    """Whether ``ch`` belongs to a script written without spaces."""
    o = ord(ch)
    return o >= 0x0E00 and any(lo <= o <= hi for lo, hi in UNSPACED_RANGES)


def normalise_ws(text: str) -> str:
    # str.split() splits on every Unicode space (nbsp, figure space, ...) in C;
    # only the zero-width ones need replacing first
    if "\u200b" in text or "\ufeff" in text:
        text = text.replace("\u200b", " ").replace("\ufeff", " ")
    return " ".join(text.split())


def rendered_text(el):
    """The text of ``el`` and its descendants, in order, less what is never
    rendered: the code of a <script> or <style> and the content of <template>
    and <noscript>. itertext() yields all of it, and a snippet of <body> on a
    page that opens with a script read "(function($) { var objectType = …"."""
    if el.text:
        yield el.text
    # (children still to visit, the tail that follows once they are done)
    stack = [(iter(el), None)]
    while stack:
        children, tail = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            if tail:
                yield tail
        elif isinstance(child.tag, str) and child.tag not in _NOT_RENDERED_SUBTREE:
            if child.text:
                yield child.text
            stack.append((iter(child), child.tail))
        elif child.tail:
            yield child.tail


def leading_text(el, at_least: int) -> str:
    """The whitespace-normalised rendered text of ``el``, read only until it
    is longer than ``at_least`` characters: then its opening, longer than
    that, and not the whole of it. A snippet of <body>, or the text beside
    an image in a layout table's cell, must not join the text of a page."""
    parts: list[str] = []
    n, limit = 0, 4 * at_least
    for s in rendered_text(el):
        parts.append(s)
        n += len(s)
        if n > limit:
            if len(normalise_ws("".join(parts))) > at_least:
                break
            limit = n + 4 * at_least
    return normalise_ws("".join(parts))


def style_hides(style: str | None) -> bool:
    return bool(style) and (bool(_DISPLAY_NONE.search(style)) or bool(_VIS_HIDDEN.search(style)))


class Aria:
    """Memoised per-element helpers for one page."""

    def __init__(self, page) -> None:
        self.page = page
        # element -> _VISIBLE, _AT_HIDDEN (aria-hidden only) or _ALL_HIDDEN;
        # one dict for both questions halves the lookups and stores per node
        self._hidden: dict = {}
        # element -> text, one dict per _collect mode: plain, with names, and
        # as an aria-labelledby reads it, where an image's own aria-labelledby
        # is not followed (accname step 2B), so references neither chain nor
        # loop (<a id="x"><img aria-labelledby="x"></a>), as in browsers
        self._texts: tuple[dict, dict, dict] = ({}, {}, {})
        self._name: dict = {}
        self._name_lb: dict = {}  # names inside an aria-labelledby's text
        self._long: dict = {}  # long name as computed -> normalised

    # -- hidden state -------------------------------------------------------
    def hidden_from_all(self, el) -> bool:
        """Not rendered for anyone: ``hidden``, inline display:none /
        visibility:hidden, or inside <template>/<noscript>/<head>."""
        r = self._hidden.get(el)
        if r is None:
            r = self._resolve(el)
        return r == _ALL_HIDDEN

    def is_hidden(self, el) -> bool:
        """Hidden from assistive technology: hidden from all, or aria-hidden=true
        on the element or an ancestor."""
        r = self._hidden.get(el)
        if r is None:
            r = self._resolve(el)
        return r != _VISIBLE

    def takes_no_focus(self, el) -> bool:
        """Out of the tab order with everything inside: hidden from all, or
        inert (on the element or an ancestor)."""
        r = self._hidden.get(el)
        if r is None:
            r = self._resolve(el)
        return r >= _INERT

    def _resolve(self, el) -> int:
        # Iterative on purpose: climb to the nearest ancestor already known,
        # then settle the chain top-down. Recursion cost a Python call per
        # ancestor, and every image and heading asks.
        memo = self._hidden
        get = memo.get
        chain = []
        node = el
        state = _VISIBLE
        while node is not None:
            known = get(node)
            if known is not None:
                state = known
                break
            chain.append(node)
            node = node.getparent()
        for n in reversed(chain):
            if state != _ALL_HIDDEN:
                if n.tag in _NOT_RENDERED_SUBTREE or (n.tag == "dialog" and closed_dialog(n)):
                    state = _ALL_HIDDEN
                else:
                    # most elements have no attributes: keys() is then empty
                    k = n.keys()
                    if k:
                        state = max(state, _own_state(n, k))
            memo[n] = state
        return state

    # -- text ---------------------------------------------------------------
    def text(self, el) -> str:
        """Visible text of el's subtree (hidden parts and images excluded),
        whitespace-normalised."""
        return self._gathered(el, _PLAIN)

    def text_with_alt(self, el) -> str:
        """Like text(), with the names of images and named elements; kept
        per element, as aria-labelledby may point many images at one."""
        return self._gathered(el, _NAMES)

    def _labelledby_text(self, el) -> str:
        """The text an aria-labelledby reference reads: images in it are
        named by their own attributes, never by their aria-labelledby."""
        return self._gathered(el, _LABELLEDBY)

    def _gathered(self, el, mode: int) -> str:
        memo = self._texts[mode]
        r = memo.get(el)
        if r is None:
            parts: list[str] = []
            self._collect(el, parts, mode)
            r = memo[el] = normalise_ws("".join(parts))
        return r

    def _targets(self, refs: str) -> list:
        """The elements an aria-labelledby value names, in its order."""
        get = self.page.get_by_id
        return [t for t in (get(r) for r in refs.split()) if t is not None]

    def _referenced(self, targets) -> str:
        """What aria-labelledby targets read, joined; "" when none says anything."""
        joined = " ".join(t for t in (x.get("aria-label") or self._labelledby_text(x)
                                      for x in targets) if t)
        return joined if joined.strip() else ""

    def _content_name(self, img, root) -> str:
        """An image's name inside the text of ``root``, its ancestor. An
        aria-labelledby target that is being read (root, or an ancestor of the
        image below it: `<a id="x"><img aria-labelledby="x" alt="Kitten">
        Cats</a>`) adds nothing, as in browsers: the link reads "Kitten Cats",
        not the image's own name "Kitten Cats" followed by " Cats"."""
        refs = img.get("aria-labelledby")
        if not refs or not refs.strip():
            return self.accessible_name(img)
        targets = self._targets(refs)
        reading = set()
        for a in img.iterancestors():
            if a in targets:
                reading.add(a)
            if a is root:
                break
        if not reading:
            return self.accessible_name(img)
        joined = self._referenced([t for t in targets if t not in reading])
        if joined:
            return normalise_ws(joined)
        return self._labelledby_name(img)  # its aria-label, alt or title

    def _labelledby_name(self, el) -> str:
        r = self._name_lb.get(el)
        if r is None:
            r = self._name_lb[el] = normalise_ws(self._compute_name(el, follow=False))
        return r

    def _collect(self, el, parts: list[str], mode: int) -> None:
        # ``mode``: _PLAIN text, images and svgs adding nothing; _NAMES, with
        # their names; _LABELLEDBY, with their names inside the text an
        # aria-labelledby reads (see _labelledby_text).
        # Iterative, with its own stack: libxml2 nests elements up to 2,048
        # deep (a page of unclosed <span>s), past Python's recursion limit.
        # Going down into a child saves the parent's state (its children
        # still to read, the list they add to, its own `done`); `done` says
        # how to finish the element being read: None for the top, the child
        # itself for plain content, (child, attribute names, blockish) for a
        # child that names itself.
        if el.text and el.tag not in NOT_RENDERED:
            parts.append(el.text)
        stack: list = []
        children, out, done = iter(el), parts, None
        while True:
            for child in children:
                tag = child.tag
                if isinstance(tag, str) and tag not in NOT_RENDERED:
                    # most children have no attributes: then they are not hidden,
                    # not an input and have no role, and no attribute needs reading
                    k = child.keys()
                    if (k and _own_state(child, k) != _VISIBLE) or (
                            tag == "dialog" and closed_dialog(child)):
                        pass  # hidden: its subtree adds nothing
                    elif tag in ALT_TAGS or (
                            tag == "input" and (child.get("type") or "").lower() == "image") \
                            or tag == "svg" or (k and child.get("role") in ("img", "image")):
                        if mode and not _presentational(child, k):
                            n = (self._content_name(child, el) if mode == _NAMES
                                 else self._labelledby_name(child))
                            if n:
                                out.append(" " + n + " ")
                    elif mode and k and ("aria-label" in k or "title" in k):
                        # a descendant that names itself (accname steps 2C, 2I):
                        # its aria-label stands for its content, and its title
                        # is the last resort when the content says nothing, so
                        # `<h1><a href="/" title="Daily Bugle"></a></h1>` is
                        # not an empty heading
                        label = child.get("aria-label") if "aria-label" in k else None
                        if label and label.strip():
                            out.append(" " + label + " ")
                        else:
                            stack.append((children, out, done))
                            block = tag in _BLOCKISH
                            out = [" "] if block else []
                            if child.text:
                                out.append(child.text)
                            children, done = iter(child), (child, k, block)
                            break
                    else:
                        if tag in _BLOCKISH:
                            out.append(" ")
                            done_child = (child, None, True)
                        else:
                            done_child = child
                        if child.text:
                            out.append(child.text)
                        stack.append((children, out, done))
                        children, done = iter(child), done_child
                        break
                if child.tail:
                    out.append(child.tail)
            else:  # the element's children are all read
                if done is None:
                    return
                sub = out
                finished = done
                children, out, done = stack.pop()
                if finished.__class__ is tuple:
                    child, k, block = finished
                    if k is None:  # blockish content
                        out.append(" ")
                    else:
                        if block:
                            sub.append(" ")
                        title = child.get("title") if "title" in k else None
                        if title and title.strip() and not "".join(sub).strip():
                            out.append(" " + title + " ")
                        else:
                            out.extend(sub)
                else:
                    child = finished
                if child.tail:
                    out.append(child.tail)

    # -- accessible name ----------------------------------------------------
    def accessible_name(self, el) -> str:
        r = self._name.get(el)
        if r is None:
            r = self._compute_name(el)
            if len(r) > 256:
                # a long name is usually one element's text that several
                # elements point to with aria-labelledby: normalised once
                known = self._long.get(r)
                if known is None:
                    known = self._long[r] = normalise_ws(r)
                r = known
            else:
                r = normalise_ws(r)
            self._name[el] = r
        return r

    def _compute_name(self, el, follow: bool = True) -> str:
        """``follow``: read aria-labelledby (not inside another one's text)."""
        labelledby = el.get("aria-labelledby") if follow else None
        if labelledby:
            joined = self._referenced(self._targets(labelledby))
            if joined:
                return joined
        label = el.get("aria-label")
        if label and label.strip():
            return label
        tag = el.tag
        if tag in ALT_TAGS or (tag == "input" and (el.get("type") or "").lower() == "image"):
            alt = el.get("alt")
            if alt is not None and alt.strip():
                return alt
            if alt == "" and tag != "area":
                return ""  # presentational: its title names nothing
            return el.get("title") or ""
        role = el.get("role")
        if tag == "svg" or role in ("img", "image"):
            for child in el:
                if child.tag == "title" and (child.text or "").strip():
                    return child.text
            return el.get("title") or ""
        role = (role or "").strip().lower()
        if tag in NAME_FROM_CONTENT_TAGS or role in NAME_FROM_CONTENT_ROLES:
            text = self.text_with_alt(el) if follow else self._labelledby_text(el)
            if text:
                return text
        if tag == "input":
            t = (el.get("type") or "").lower()
            if t in ("submit", "button", "reset"):
                return el.get("value") or ""
        return el.get("title") or ""


def _presentational(el, keys) -> bool:
    """An image whose role="presentation" (or "none") holds: Chromium leaves
    its alt out of the text around it, so `<a href="/"><img role="none"
    alt="Home"></a>` is a link without a name. The role gives way, as ARIA's
    conflict resolution says, to an aria-label or aria-labelledby and to a
    tabindex: the image is then named as before."""
    if "role" not in keys:
        return False
    role = el.get("role").strip().lower().split(" ")[0]
    return role in ("presentation", "none") and "aria-label" not in keys \
        and "aria-labelledby" not in keys and "tabindex" not in keys


_BLOCKISH = frozenset({
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "section",
    "article", "header", "footer", "nav", "aside", "main", "figure", "figcaption", "table",
    "tr", "td", "th", "dt", "dd", "dl", "blockquote", "pre", "hr", "address", "form", "fieldset",
    "legend", "details", "summary", "caption",
})

COMMENT = etree.Comment
