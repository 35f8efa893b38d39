"""Image alt text versus captions (family ``img-alt``, WCAG 1.1.1).

News pages fail screen-reader users with pictures in ways a presence check
cannot see: an alt that is a CMS placeholder ("16x9 Image"), a file name, a
photo credit, or a copy of the caption printed right under the photo, so the
caption is heard twice and the picture itself is never described; or an
alt="" on the logo that is all a link holds, which leaves the link nameless.

All seven rules share one judgement per image, made once per page and cached on
it: an image gets at most one of placeholder, credit, caption-duplicate,
redundant and length, the first that applies in that order. One defect, one
finding: an alt that is a placeholder is not also "a duplicate of the caption"
(rewriting it fixes both), whichever rules are selected. The images that say
nothing (decorative, hidden, inline svgs) are then read once more, for the
links and buttons they leave without a name (img-alt-functional).

Only ``page.images`` is read (built in the page's single walk); captions and
links come from a walk up each image's ancestors, never from a document-wide
query.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
import unicodedata
from difflib import SequenceMatcher
from functools import cached_property
from urllib.parse import unquote

from a11ylint.findings import Severity
from a11ylint.page.aria import (
    ALT_TAGS,
    AMP_IMAGES,
    PICTURE_TAGS,
    leading_text,
    normalise_ws,
    unspaced,
)
from a11ylint.page.bindings import binds_attribute, binds_content
from a11ylint.page.model import is_home_href
from a11ylint.page.positions import next_after_subtree
from a11ylint.rules.base import Rule

FAMILY = "img-alt"
_CACHE_KEY = "_img_alt_verdicts"
_IMAGE_ROLES = ("img", "image")
_DECORATIVE_ROLES = ("presentation", "none")
_IMAGE_EXT = r"(?:jpe?g|jfif|png|gif|webp|avif|svg|bmp|tiff?|heic|heif|ico)"
_UPPER = "A-ZÀ-ÖØ-ÞА-ЯЁІЇЄҐӘҒҚҢӨҰҮҺЎ"
_NO_WORD_CHARACTER = re.compile(r"[\W_]+")


def _ends_in_word(phrase: str) -> bool:
    """Whether a phrase ends in a word that another word may not follow
    without a space: not a character of a script without spaces, not
    punctuation ("d'"), not an Arabic clitic ("لـ", "ل")."""
    last = phrase[-1]
    if not last.isalpha() or last == "\u0640" or unspaced(last):
        return False
    word = phrase.rsplit(None, 1)[-1]
    return not (len(word) == 1 and "\u0600" <= last <= "\u06ff")


# -- options ------------------------------------------------------------------
@dataclasses.dataclass(frozen=True)
class DuplicateOptions:
    """similarity: difflib ratio at or above which two texts are duplicates
    (of their first 500 characters, for long texts).
    containment: share of the longer text that the shorter must cover when
    one contains the other.
    opening_words: an alt of at least this many words that opens the other
    text is a copy of it, however long that text goes on (0: off)."""

    similarity: float = 0.9
    containment: float = 0.8
    opening_words: int = 4

    def __post_init__(self) -> None:
        for name in ("similarity", "containment"):
            if not 0 < getattr(self, name) <= 1:
                raise ValueError(f"option {name!r} must be above 0 and at most 1, "
                                 f"got {getattr(self, name)}")
        if self.opening_words < 0:
            raise ValueError(f"option 'opening-words' must be 0 or more, got {self.opening_words}")


@dataclasses.dataclass(frozen=True)
class LengthOptions:
    """max: longest alt text, in characters, before it belongs in the caption."""

    max: int = 250

    def __post_init__(self) -> None:
        if self.max < 1:
            raise ValueError(f"option 'max' must be 1 or more, got {self.max}")


# -- text helpers ---------------------------------------------------------------
_NON_WORD = re.compile(r"[\W_]+")
_DIGIT = re.compile(r"\d")
_CJK_CREDIT_ENDS = ("摄", "攝", "供图", "供圖")
# str.strip with a character set: the equivalent regex tried its trailing
# branch at every position of the text
_EDGE_CHARS = " \t\n\r\f\v\u00a0\u2007\u202f\u200b\ufeff\"'«»“”„‘’()[]{}<>.,;:!?*_~|-–—"


def _strip_edge_punct(text: str) -> str:
    return text.strip(_EDGE_CHARS)


def _fold(text: str) -> str:
    return normalise_ws(text).casefold()


def _words(text: str) -> str:
    """Case, punctuation and whitespace removed: the form texts are compared in."""
    return _NON_WORD.sub(" ", text.casefold()).strip()


def _quote(text: str, limit: int = 80) -> str:
    text = normalise_ws(text)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f'"{text}"'


def _alternation(words, boundary: bool = True) -> str:
    """One regex alternation, longest first, so "ap photo" wins over "ap"."""
    parts = sorted({_fold(w) for w in words if w.strip()}, key=len, reverse=True)
    if not parts:
        return r"(?!)"
    return "(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in parts) + ")"


def _class_tokens(el) -> list[str]:
    return (el.get("class") or "").split()


def _absent_sources(page, el) -> str:
    """Why an unnamed image has no name, for the message: an aria-labelledby
    is there but names no element, or only elements without text (a typo in
    an id, or a caption the template left empty), which "no aria-labelledby"
    would hide from the person fixing it."""
    refs = (el.get("aria-labelledby") or "").split()
    if not refs:
        return "no alt, aria-label, aria-labelledby or title"
    shown = " ".join(refs)
    if len(shown) > 60:
        shown = shown[:59] + "…"
    if all(page.get_by_id(r) is None for r in refs):
        how = "names no element on the page"
    else:
        how = "names only elements without text"
    rest = "no alt, aria-label or title" if el.tag in ALT_TAGS or el.tag == "input" else (
        "no aria-label or <title> child")
    return f'aria-labelledby="{shown}" {how}; {rest}'


# the attributes lazy-loading scripts read the real address from, most
# common first (data-lazy on lemonde.fr, data-dejavu-src on franceculture.fr)
_LAZY_SRC_ATTRS = ("data-src", "data-lazy-src", "data-original", "data-lazy", "data-lazy-load",
                   "data-hi-res-src")
# what they put in src meanwhile, by file name: "1x1.trans.gif", "blank.gif",
# "transparent.gif", "placeholder.png", "lazy-load.svg"
_STAND_IN = re.compile(
    r"(?:^|[._-])(?:1x1|blank|empty|grey|gray|lazy|lazyload|loader|loading|pixel|placeholder|"
    r"spacer|trans|transparent)(?:[._-]|$)", re.I)


def _src(el) -> tuple[str, str] | tuple[None, None]:
    """(attribute, address) of the picture el shows. A lazy-loading script
    swaps ``data-src`` (or the like) in for a stand-in in ``src``: a
    ``data:`` GIF or a shared blank image. That stand-in is not the picture:
    the upload's file name is what a copied alt reads like, and what a
    message should name."""
    src = el.get("src")
    src = src.strip() if src else ""
    if src and src[:5].lower() != "data:" and (
            # most images: no data-* attribute to hold another address
            not any(k.startswith("data-") for k in el.keys())
            or not _STAND_IN.search(_file_name(src))):
        return "src", src
    lazy = _lazy_src(el)
    if lazy is not None:
        return lazy
    if src:
        return "src", src
    for attr in ("href", "xlink:href"):
        v = el.get(attr)
        if v and v.strip():
            return attr, v.strip()
    return None, None


def _file_name(src: str) -> str:
    """The last path segment of an address, without query or fragment
    (urlsplit costs more than the checks that use it, which run for every
    image)."""
    return src.split("#", 1)[0].split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1]


def _lazy_src(el) -> tuple[str, str] | None:
    for attr in _LAZY_SRC_ATTRS:
        v = (el.get(attr) or "").strip()
        if v and v[:5].lower() != "data:":
            return attr, v
    return None


# -- the shared judgement --------------------------------------------------------
class _Judge:
    """Compiled word lists and options for one run; judges each image once."""

    def __init__(self, wordlists, settings) -> None:
        raw = getattr(settings, "rule_options", {}) or {}
        self.dup = ImgAltCaptionDuplicate.with_options(raw.get(ImgAltCaptionDuplicate.id, {}))
        self.red = ImgAltRedundant.with_options(raw.get(ImgAltRedundant.id, {}))
        self.length = ImgAltLength.with_options(raw.get(ImgAltLength.id, {}))

        get = wordlists.get
        self.placeholder_phrases = {_words(w) for w in get("img-alt-placeholder-words")}
        self.placeholder_words = {w for w in self.placeholder_phrases if " " not in w}
        self.modifiers = {_words(w) for w in get("img-alt-placeholder-modifiers")} | {"px"}
        self.placeholder_or_modifier = self.placeholder_words | self.modifiers
        self.leftovers = {_fold(w) for w in get("img-alt-cms-leftovers")}
        self.leftovers |= {_words(w) for w in get("img-alt-cms-leftovers") if _words(w)}
        agencies = get("img-alt-credit-words")
        self.agencies = {_words(w) for w in agencies if _words(w)}
        prefixes = get("img-alt-credit-prefixes")
        announced = get("img-alt-announced-prefixes")

        # cheap set lookups decide whether the credit regexes need to run at all
        # (an entry's longest word: "press" would wake them for every caption)
        self.credit_triggers = {max(_words(w).split(), key=len)
                                for w in (*agencies, *prefixes) if _words(w)}
        self.uncased_triggers = tuple(sorted({
            _fold(w) for w in (*agencies, *prefixes)
            if w.strip() and not any(c.lower() != c.upper() for c in w)
            and any(c.isalpha() for c in w)}))
        self._agency_re = _alternation(agencies)
        self._prefix_re = _alternation(prefixes)
        self.re_copyright = re.compile(r"^(?:©|\(c\)|copyright\b)\s*(?:\d{4}\b)?\s*(?P<rest>.*)$",
                                       re.I | re.S)
        self.re_credit_list = re.compile(r"\s*(?:[,;&+]|\band\b|\bund\b|\bи\b)\s*", re.I)
        self.re_credit_join = re.compile(r"\s*(?:[/|]|\bvia\b|\bfor\b)\s*", re.I)
        self.re_cjk_credit = re.compile(r"^(?:[^\s，。,.]{1,12}\s*){1,3}(?:摄|攝|供图|供圖)$")
        # one bracket holds a variable name ("[alt]", "[Image_Alt]"), never
        # words: "[QGIS main interface]" is a site's house style for a real
        # description
        self.re_template = re.compile(
            r"^(?:\{\{.*\}\}|\{%.*%\}|\$\{?[a-z_][\w.]*\}?|%[a-z_][\w.]*%|\[\[[a-z_][\w. ]*\]\]"
            r"|\[(?-i:[a-z_][\w.]*|\w*[_.][\w.]*)\]"
            r"|<%.*%>|#\{.*\}|@[a-z_][\w.]*)$", re.I | re.S)
        self.re_url = re.compile(r"^(?:(?:https?|ftp|data):|//|www\.)\S+$", re.I)
        # a query string may hold spaces where an alt was copied from a
        # half-decoded address ("….png?signature=puoc47m uzxri8&source=…")
        self.re_file = re.compile(
            rf"^\S[^\n]{{0,200}}\.{_IMAGE_EXT}(?:\?(?:\S*|[\w.%-]+=[^\n]*))?$", re.I)
        self.re_camera = re.compile(
            r"^(?:img|dsc[nfx]?|_dsc|dcim|pxl|mvimg|gopr|dji|sam|wp|vid|pano|photo|image)[ _-]?\d{3,}"
            r"(?:[ _-]\w{1,12}){0,3}$"
            r"|^(?:screenshot|screen shot|bildschirmfoto|снимок экрана)[ _-]\d{4}-\d\d-\d\d"
            r"|^[0-9a-f]{16,}$|^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.I)
        self.re_size = re.compile(r"(?<!\w)(?:\d{2,5}\s*[x×х*]\s*\d{2,5}|\d{1,2}\s*[x×х:]\s*\d{1,2})"
                                  r"(?:\s*px)?(?!\w)", re.I)
        self.re_split_tokens = re.compile(r"[\W_\d]+")
        # Chinese and Japanese write a compound without spaces ("サムネイル写真",
        # thumbnail photo): one token, made of the listed words
        unspaced_words = [w for w in self.placeholder_words if w and all(map(unspaced, w))]
        unspaced_mods = [w for w in self.modifiers if w and all(map(unspaced, w))]
        self.re_unspaced_placeholder = None
        if unspaced_words:
            either = _alternation(unspaced_words + unspaced_mods)
            self.re_unspaced_placeholder = re.compile(
                rf"(?:{either})*(?:{_alternation(unspaced_words)})(?:{either})*")
        # a file's stem as uploads name them: words tied by underscores
        # ("mary_quant_2009_getty_images_93010806"), or lowercase words and
        # numbers tied by hyphens ("0225-lupita-nyongo-getty-01")
        self.re_slug = re.compile(
            r"^(?![@#])(?=\S*[^\W\d_])\S*\w_\w\S*$"
            r"|^(?=[a-z0-9-]*\d)[a-z0-9]+(?:-[a-z0-9]+){2,}$|^[a-z0-9]+(?:-[a-z0-9]+){3,}$")
        # a phrase that ends in a word needs a word boundary after it ("фото"
        # is not "фотографы", Persian "تصویر" is not "تصویربرداری"); one in a
        # script written without spaces, or ending in a clitic ("صورة لـ",
        # "image d'"), runs straight into the text
        bounded = [p for p in announced if p.strip() and _ends_in_word(p.strip())]
        unbounded = [p for p in announced if p.strip() and p not in bounded]
        self._announced = (bounded, unbounded)
        self.caption_xpaths: tuple[tuple, ...] = ()  # per selector, see css_xpaths
        selectors = getattr(settings, "caption_selectors", None) or []
        if selectors:
            from a11ylint.page.model import css_xpaths

            # from the root, a descendant:: query sees every element but
            # <html>, which holds no image's caption
            self.caption_xpaths = tuple(css_xpaths(s, prefix="descendant::") for s in selectors)

    # The patterns built from the word lists are the slow ones to compile
    # (the credit patterns hold a 145-name alternation each; 30 ms together,
    # a sixth of the start-up), and many runs never need them: compiled on
    # first use; a run about to fork workers compiles them first (warm), so
    # that the workers share them.
    @cached_property
    def re_uncased_triggers(self) -> re.Pattern | None:
        """One regex scan instead of a substring test per trigger."""
        if not self.uncased_triggers:
            return None
        return re.compile(
            "|".join(re.escape(w) for w in sorted(self.uncased_triggers, key=len, reverse=True)))

    @cached_property
    def re_credit_prefix(self) -> re.Pattern:
        # German "von" is left out: "Foto von Olaf Scholz" says whom the
        # photo shows more often than who took it (a credit has "Foto: ...")
        return re.compile(rf"^{self._prefix_re}\s*(?:[:：/|]|\bby\b|\bpar\b|\bpor\b)\s*"
                          r"(?P<rest>.+)$", re.I | re.S)

    @cached_property
    def re_announced(self) -> re.Pattern:
        cased, uncased = self._announced
        return re.compile(
            rf"^(?:{_alternation(cased)}(?![\w'’])|{_alternation(uncased)})[\s:：,.\-–—]*"
            r"(?P<rest>.*)$", re.I | re.S)

    @cached_property
    def trailing_credit_gates(self) -> list:
        """(pattern, characters one of which the text must hold, or None)."""
        agency_re, prefix_re = self._agency_re, self._prefix_re
        trailing_credits = [
            # "(Photo: AFP)", "(Reuters)", "（新华社记者 张三 摄）"
            re.compile(rf"\s*[(\[（]\s*(?:©|\(c\)|{prefix_re}\s*[:：]|{agency_re}\b|[^()（）]{{0,24}}(?:摄|攝))"
                       r"[^()\[\]（）]*[)\]）]\s*$", re.I),
            # "... Photo: Jane Doe/AFP", "... © Jane Doe", "... Фото: ТАСС"
            re.compile(rf"(?:^|(?<=[\s.,;!?»\"”'’)]))(?:©|\(c\)|{prefix_re}\s*(?:[:：|]|\bby\b))"
                       r".{0,100}$", re.I | re.S),
            # "... Jane Doe/AFP"
            re.compile(rf"(?:^|(?<=[\s.,;:]))(?:[{_UPPER}][\w.'’-]*\s*){{1,4}}/\s*(?i:{agency_re})"
                       r"(?:\s+(?i:photo|foto))?\s*$"),
            # "... /AFP", "... - Reuters", "... REUTERS/Jane Doe", "... Getty Images"
            re.compile(rf"(?:^|[\s.,;:|/–—-]+){agency_re}(?:\s+(?:photo|foto|images?))?"
                       r"(?:\s*/\s*[^/]{1,60})?\s*$", re.I),
            # "... 新华社记者 张三 摄"
            re.compile(r"[\s，。,.]*(?:[^\s，。,.]{1,12}\s*){0,3}(?:摄|攝)\s*$"),
        ]
        # the CJK "photographed by" pattern backtracks badly on long text and
        # can only match where its final character occurs
        return [(rx, ("摄", "攝") if i == len(trailing_credits) - 1 else None)
                for i, rx in enumerate(trailing_credits)]

    def warm(self) -> None:
        """Compile every deferred pattern now (each is a cached_property)."""
        for name, attr in vars(_Judge).items():
            if isinstance(attr, cached_property):
                getattr(self, name)

    # -- per page ------------------------------------------------------------
    def verdicts(self, page) -> dict[str, list]:
        return page.memo((_CACHE_KEY, self), lambda: self._judge_all(page))

    def _judge_all(self, page) -> dict[str, list]:
        out: dict[str, list] = {}
        ancestry = _Ancestry(page)
        silent = []  # images that say nothing: decorative, hidden, unnamed svg
        for el in page.images:
            v = self.judge(page, el, ancestry)
            if v is None:
                silent.append(el)
            else:
                out.setdefault(v[0], []).append(v[1:])
        if silent:
            found = self.unnamed_controls(page, ancestry, silent, out.get(ImgAltMissing.id, ()))
            if found:
                out[ImgAltFunctional.id] = found
        return out

    @staticmethod
    def unnamed_controls(page, ancestry, silent: list, missing) -> list:
        """Links and buttons whose only content is images that say nothing.

        alt="" marks an image decorative, but an image that is all a link
        holds is what the link says: with alt="" the link has no name, and a
        screen reader reads out its address or just "link" (WCAG failure
        F89). One verdict per control, at its first image; a control that
        holds an image reported by img-alt-missing gets that report only."""
        missing_els = None
        seen = set()
        out = []
        for el in silent:
            why = _silent_because(el)
            if why is None:
                continue
            control = ancestry.control(el)
            if control is None or control in seen:
                continue
            if _named_in_plain_sight(control) or page.is_hidden(control) \
                    or page.accessible_name(control):
                seen.add(control)
                continue
            if page.hidden_from_all(el):
                continue  # not rendered: another image in the control may be
            seen.add(control)
            if missing:
                if missing_els is None:
                    missing_els = {v[0] for v in missing}
                if any(d in missing_els for d in control.iterdescendants()):
                    continue
            if binds_attribute(
                    control, "aria-label", "aria-labelledby", "title") \
                    or binds_content(control) is not None or _name_from_script(el, True):
                continue
            out.append(_functional_verdict(el, control, why))
        return out

    def judge(self, page, el, ancestry):
        tag = el.tag
        if not isinstance(tag, str):
            return None
        # an image button or an image-map link is a control: alt="" or a
        # presentational role cannot make it decorative (a focusable element
        # keeps its role), it needs a name that says what it does
        control_image = tag == "area" or tag == "input"
        role = el.get("role")
        if role is None:
            role = ""
        else:
            role = role.strip().lower().split()
            role = role[0] if role else ""
            if role in _DECORATIVE_ROLES and not control_image:
                return None
        native = tag in ALT_TAGS or (
            tag == "input" and (el.get("type") or "").strip().lower() == "image")
        if not native and role not in _IMAGE_ROLES:
            return None  # an inline svg without role=img is not an image here
        alt = el.get("alt") if native else None
        if alt is not None:
            lost = _lost_to_a_quote(el)
            if lost and not page.is_hidden(el):
                src_attr, src = _src(el)
                return (ImgAltPlaceholder.id, el,
                        f"alt text {_quote(alt)} ends at a quote mark inside it: the rest "
                        f"({_quote(lost, 40)}) became attributes of the image; write the quote "
                        "marks as &quot; (or use other ones)",
                        {"src": src, "alt": alt, "caption": None, "lost": lost})
        if alt == "" and not control_image:
            return None  # marked decorative
        if page.is_hidden(el):
            return None
        if tag in AMP_IMAGES and (el.get("placeholder") is not None
                                  or el.get("fallback") is not None
                                  or any(child.tag == "img" for child in el)):
            # AMP shows a stand-in only while the real content loads, or
            # instead of it; and where the AMP optimizer already rendered the
            # <img> (a hero image), that <img> is the one judged
            return None
        if ancestry.print_only(el):
            return None
        src_attr, src = _src(el)
        name = page.accessible_name(el)
        if not name:
            if _name_from_script(el, native):
                return None
            if tag == "img" and _drawn_at_most_one_pixel(el):
                return None
            ctx = {"src": src, "alt": alt, "caption": None}
            return (ImgAltMissing.id, el,
                    self.missing_message(page, el, tag, native, src, src_attr), ctx)

        control, found, container = ancestry.of(el)
        cap_el, caption = self.caption(page, el, found)
        ctx = {"src": src, "alt": name, "caption": caption or None}

        # the forms of the alt text the checks below compare, computed once
        text, folded, bare, words = self.forms(ancestry.texts, name)

        kind = self.placeholder(text, el, src, folded, bare, words, ancestry.texts)
        if kind == "a generic word" and _names_the_site(page, words) \
                and _placed_as_logo(el, control):
            kind = None  # the logo of a publisher called "Bild" or "Foto"
        if kind:
            return (ImgAltPlaceholder.id, el,
                    f"alt text {_quote(name)} is {kind}, not a description of the picture", ctx)
        # markup, a twice-escaped reference, mojibake: read out as they stand
        m = _GARBLED.search(name) if ("<" in name or "&" in name or "Ã" in name
                                      or "Â" in name or "â€" in name) else None
        if m:
            what, fix = _GARBLED_KINDS[m.lastgroup]
            ctx["garbled"] = m.group()
            return (ImgAltPlaceholder.id, el,
                    f"alt text {_quote(name)} holds {what} {_quote(m.group(), 20)}, which screen "
                    f"readers read out as it stands; {fix}", ctx)

        # the credit gate on the forms already at hand; is_credit repeats it
        # for the few alts that pass
        if self._may_hold_credit(bare or folded, words) and self.is_credit(name) \
                and not self.is_site_logo(page, el, control, name):
            return (ImgAltCredit.id, el,
                    f"alt text {_quote(name)} is only a photo credit; describe what the picture "
                    "shows and put the credit in the caption", ctx)

        if caption:
            match = self.duplicates(name, caption, self.dup, words, ancestry.texts)
            if match:
                ctx["match"] = match
                return (ImgAltCaptionDuplicate.id, el,
                        f"alt text repeats {_part(match)}the caption {_quote(caption)}; "
                        "screen-reader users hear it twice and never learn what the picture "
                        "shows", ctx)

        if control is not None and not (control.get("aria-label") or "").strip() \
                and not (control.get("aria-labelledby") or "").strip():
            link_text = page.text(control)
            if link_text:
                match = self.duplicates(name, link_text, self.red, words, ancestry.texts)
                if match:
                    what = "button" if control.tag == "button" or (
                        control.get("role") or "").strip().lower() == "button" else "link"
                    ctx["link_text"] = link_text
                    ctx["match"] = match
                    return (ImgAltRedundant.id, el,
                            f"alt text repeats {_part(match)}the {what} text {_quote(link_text)}; "
                            f"the {what} is announced with the same words twice", ctx)
        elif control is None and container is not None:
            beside = ancestry.text_beside(container)
            if beside and self.duplicates(name, beside, self.red, words,
                                          ancestry.texts) == "equal":
                where = _CONTAINER_NAMES[container.tag]
                ctx["text_beside"] = beside
                ctx["match"] = "equal"
                return (ImgAltRedundant.id, el,
                        f"alt text repeats the text beside it in the same {where} "
                        f"{_quote(beside)}; screen-reader users hear the same words twice", ctx)

        m = self.re_announced.match(text)
        if m and len(m.group("rest").strip()) >= 2:
            lead = text[: m.start("rest")].strip(" :：,.-–—")
            return (ImgAltRedundant.id, el,
                    f"alt text starts with {_quote(lead)}, which screen readers already announce; "
                    "start with what the picture shows", ctx)

        n = len(text)
        if n > self.length.max:
            ctx["length"] = n
            ctx["max"] = self.length.max
            return (ImgAltLength.id, el,
                    f"alt text {_quote(text, 60)} is {n} characters long (more than "
                    f"{self.length.max}); keep it to what the picture shows and move the rest "
                    "to the caption or body", ctx)
        return None

    # -- missing ---------------------------------------------------------------
    @staticmethod
    def missing_message(page, el, tag, native, src, src_attr="src") -> str:
        absent = _absent_sources(page, el)
        if native:
            picture = tag in PICTURE_TAGS
            if picture:
                what = f'<{tag} {src_attr}="{src}">' if src else f"<{tag}>"
            elif tag == "area":
                what = f'<area href="{el.get("href")}">'
            else:
                what = '<input type="image">'
            if len(what) > 100:
                what = what[:98] + '…">'
            if not picture:
                kind, says = ("link", "where it leads") if tag == "area" else (
                    "button", "what it does")
                role = (el.get("role") or "").strip().lower().split()
                if el.get("alt") is not None or role[:1] in (["presentation"], ["none"]):
                    why = f'alt="" or role="presentation" cannot make a {kind} decorative'
                else:
                    why = absent
                return f"{what} is a {kind} with no name ({why}): say {says} in alt"
            alt = el.get("alt")
            if alt:
                # alt=" " is not alt="": the image stays in the accessibility
                # tree with an empty name (ACT rule 23a2a8, failed example 4)
                return (f"{what} has alt text that is only whitespace, which gives it no name "
                        'and does not mark it decorative: describe what it shows in alt, or '
                        'use alt="" if it is purely decorative')
            return (f"{what} has no text alternative ({absent}): describe what it shows in "
                    'alt, or use alt="" if it is purely decorative')
        if (el.get("aria-labelledby") or "").strip():
            return (f'<{tag} role="img"> has no accessible name ({absent}): add aria-label, '
                    "an aria-labelledby that names text, or a <title> child that says what it "
                    "shows, or aria-hidden=\"true\" if it is purely decorative")
        return (f'<{tag} role="img"> has no accessible name: add aria-label, aria-labelledby '
                "or a <title> child that says what it shows, or aria-hidden=\"true\" if it is "
                "purely decorative")

    # -- captions ----------------------------------------------------------------
    def caption(self, page, el, found) -> tuple[object, str]:
        """found: the caption that el's ancestors provide, if any; else one
        that the configured caption selectors find near el."""
        if found[0] is not None:
            return found
        if self.caption_xpaths:
            # the first usable caption inside the nearest ancestors, in the
            # order of the selectors; each ancestor's descendants are a range
            # of document order, so the page's captions are listed once and
            # each image bisects them (a query per image and ancestor was
            # quadratic: 200 s for a gallery of 8,000 uncaptioned images)
            order_of = page.order_of
            lists = page.memo(("img-caption-selectors", self.caption_xpaths),
                              lambda: _caption_lists(page, self.caption_xpaths))
            for node in _Ancestry.nearest(el, 4):
                lo = order_of(node)
                after = next_after_subtree(node)
                hi = order_of(after) if after is not None else None
                for keys, captions in lists:
                    i = bisect.bisect_right(keys, lo)  # descendants: strictly after node
                    while i < len(keys) and (hi is None or keys[i] < hi):
                        sub, text = captions[i]
                        if sub is not el and not _is_ancestor(sub, el):
                            return sub, text
                        i += 1
        return None, ""

    @staticmethod
    def forms(texts: dict, name: str) -> tuple[str, str, str, str]:
        """(whitespace-normalised, casefolded, without edge punctuation, its
        words) of a name, kept in ``texts`` for the page: images labelled by
        one long element would each split and fold all of it again."""
        got = texts.get(name)
        if got is None:
            text = normalise_ws(name)
            folded = text.casefold()
            got = texts[name] = (text, folded, _strip_edge_punct(folded),
                                 _NON_WORD.sub(" ", folded).strip())  # words == _words(text)
        return got

    # -- placeholder ----------------------------------------------------------------
    def placeholder(self, raw: str, el, src: str | None, folded: str, bare: str,
                    words: str, texts: dict) -> str | None:
        """raw: the whitespace-normalised alt; folded: raw.casefold(); bare:
        folded without edge punctuation; words: _words(raw); texts: the
        page's cache of text analyses (see forms)."""
        if self.re_template.match(raw):
            return "a template variable left by the CMS"
        if folded in self.leftovers or (bare and bare in self.leftovers):
            return "a value left by the CMS"
        if folded.startswith("lorem ipsum dolor") or bare == "lorem ipsum":
            # the filler's own opening: an alt about the text itself goes on
            # differently ("Lorem ipsum, the dummy text of typesetters")
            return "filler text left by the template"
        if self.re_url.match(raw):
            # a logo named by its site's address still says whose logo it is
            if not (_BARE_ORIGIN.match(raw) and _LOGO_HINT.search(
                    " ".join(x for x in (el.get("class"), el.get("src"), el.get("data-src")) if x))):
                return "a URL"
        if ("." in raw and self.re_file.match(raw)) or self.re_camera.match(raw) or (
                " " not in raw and self.re_slug.match(raw)):
            return "a file name"
        if _NO_WORD_CHARACTER.fullmatch(raw) and all(
                unicodedata.category(c)[0] == "P" or c.isspace() for c in raw):
            # "#", "…": a template's stand-in (symbols such as an emoji's
            # picture are a name)
            return "only punctuation"
        if src and _is_src_basename(folded, src):
            return "the image's file name"
        if words in self.placeholder_phrases:
            return "a generic word"
        key = ("tokens", folded)
        if key not in texts:
            texts[key] = self._token_kind(folded, words)
        return texts[key]

    def _token_kind(self, folded: str, words: str) -> str | None:
        """"an image size" or "a generic word" when every token of the alt is
        a placeholder word or a size, else None."""
        # set operations instead of Python loops over the tokens
        if _DIGIT.search(words) is None:
            # no digit, so no size; and without digits the tokens are the words
            sized = False
            tokens = set(words.split())
        else:
            sized = self.re_size.search(folded) is not None
            rest = self.re_size.sub(" ", folded) if sized else folded
            tokens = set(self.re_split_tokens.split(rest))
            tokens.discard("")
        if not tokens:
            return "an image size" if sized else None
        if not tokens.isdisjoint(self.placeholder_words) and tokens <= self.placeholder_or_modifier:
            return "an image size" if sized else "a generic word"
        unspaced = self.re_unspaced_placeholder
        if unspaced is not None and not folded.isascii():
            rest = tokens - self.placeholder_or_modifier
            # each other token is a compound holding a placeholder word
            if rest and all(unspaced.fullmatch(t) for t in rest):
                return "an image size" if sized else "a generic word"
        return None

    # -- credit -------------------------------------------------------------------------
    def is_credit(self, text: str) -> bool:
        raw = _strip_edge_punct(normalise_ws(text)) or normalise_ws(text)
        if not self._may_hold_credit(raw.casefold()):
            return False
        # the CJK pattern backtracks over unspaced text and can only match
        # where the text ends with its final characters
        if raw.endswith(_CJK_CREDIT_ENDS) and self.re_cjk_credit.match(raw):
            return True
        m = self.re_copyright.match(raw)
        if m:
            # a bare "©" or "copyright" is the name of a copyright icon
            rest = m.group("rest").strip()
            return 0 < len(rest) <= 60 and len(rest.split()) <= 6
        m = self.re_credit_prefix.match(raw)
        if m:
            return self.credit_parts(m.group("rest"), prefixed=True)
        return self.credit_parts(raw, prefixed=False)

    def _may_hold_credit(self, low: str, words: str | None = None) -> bool:
        """words: _words(low) when the caller has it (used if low is short)."""
        tail = words if words is not None and len(low) <= 120 else _words(low[-120:])
        return bool(self.credit_triggers.intersection(tail.split())
                    or "©" in low or "(c)" in low or "copyright" in low
                    or low.endswith(_CJK_CREDIT_ENDS)
                    # every uncased trigger holds a non-ASCII letter; isascii() is O(1)
                    or (self.re_uncased_triggers is not None and not low.isascii()
                        and self.re_uncased_triggers.search(low) is not None))

    def credit_parts(self, text: str, prefixed: bool) -> bool:
        """Agencies and photographers, as in "AP Photo/Evan Vucci" or "Reuters, AFP".

        Without a "Photo:" lead, a name counts as a photographer only when a
        slash ties it to an agency: in "Erling Haaland, Getty Images" the name
        is who the picture shows, which is a (short) description.
        """
        segments = [p for p in self.re_credit_list.split(text.strip(" .")) if p.strip()]
        if not segments or len(segments) > 4:
            return False
        any_agency = False
        for seg in segments:
            subparts = [p for p in self.re_credit_join.split(seg) if p.strip()]
            if not subparts:
                return False
            agency = [self.is_agency(p) for p in subparts]
            any_agency = any_agency or any(agency)
            if not prefixed and not any(agency):
                return False
            if not all(a or _name_like(p) for a, p in zip(agency, subparts, strict=True)):
                return False
        return prefixed or any_agency

    def is_agency(self, part: str) -> bool:
        w = _words(part)
        if w in self.agencies:
            return True
        for suffix in (" photo", " photos", " foto", " images", " image", " pictures"):
            if w.endswith(suffix) and w[: -len(suffix)] in self.agencies:
                return True
        return False

    @staticmethod
    def is_site_logo(page, el, control, name: str) -> bool:
        """A publisher's logo named after the publisher, or an author's avatar
        named after the author ("Reuters" above a wire story): not credits."""
        return _names_the_site(page, _words(name)) or _placed_as_logo(el, control)

    # -- duplicates ---------------------------------------------------------------------
    def comparable(self, text: str, words: str | None = None) -> str:
        """Words of the text without its trailing credit. Credits sit at the
        end, so the credit patterns only see the last 160 characters: run over
        a whole long caption, their alternations cost more than parsing the page.
        words: _words(text), when the caller has it."""
        t = normalise_ws(text)
        head = ""
        if len(t) > 160:
            cut = t.find(" ", len(t) - 160)
            if cut > 0:
                head, t = t[:cut + 1], t[cut + 1:]
        # words is also the word form of the tail when nothing was cut off
        if not self._may_hold_credit(t.casefold(), None if head else words):
            # nothing that could start a credit: the words of the whole text
            return words if words is not None else _words(head + t)
        for _ in range(3):
            before = t
            for rx, needs in self.trailing_credit_gates:
                if needs is None or any(c in t for c in needs):
                    t = rx.sub("", t).strip()
            if t == before:
                break
        return _words(head + t)

    def duplicates(self, text: str, other: str, opts, text_words: str,
                   texts: dict) -> str | None:
        """compare() on credit-free forms, after a cheap test that rules out
        most pairs: texts in spaced scripts that share no word. text_words:
        _words(text); texts: the page's cache of text analyses, where the
        forms of ``other`` (a caption or link text that many images may
        share) are kept."""
        a = text_words
        key = ("other", other)
        got = texts.get(key)
        if got is None:
            b = _words(other)
            got = texts[key] = [b, set(b.split()) if " " in b else None, None]
        b, b_words, b_comparable = got
        if " " in a and b_words is not None and b_words.isdisjoint(a.split()):
            return None
        if b_comparable is None:
            b_comparable = got[2] = self.comparable(other, b)
        a_comparable = self.comparable(text, a)
        if not a_comparable or not b_comparable:
            # all credit: an author's avatar named "Reuters" in a link that
            # reads "Reuters" is announced twice all the same
            return self.compare(a, b, opts)
        return self.compare(a_comparable, b_comparable, opts)

    @staticmethod
    def compare(a: str, b: str, opts) -> str | None:
        if not a or not b:
            return None
        if a == b:
            return "equal"
        short, long_ = (a, b) if len(a) <= len(b) else (b, a)
        if len(short) >= opts.containment * len(long_) and f" {short} " in f" {long_} ":
            return "contains"
        n = opts.opening_words
        if n and short is a and a.count(" ") >= n - 1 and b.startswith(a):
            # the caption's opening, however long the caption: CMSs fill the
            # alt with its first sentence, or cut it at a length (mid-word)
            return "opening"
        sim = opts.similarity
        if 2 * len(short) / (len(a) + len(b)) < sim:
            return None
        # difflib's ratio takes time quadratic in the length: 6 s for an alt
        # and a caption of 12 kB each, 145 s at 50 kB. Long texts are judged
        # on their openings, where a copied caption shows (6 ms at most).
        a, b = a[:_RATIO_SPAN], b[:_RATIO_SPAN]
        sm = SequenceMatcher(None, a, b, autojunk=False)
        if sm.real_quick_ratio() < sim or sm.quick_ratio() < sim:
            return None
        return "similar" if sm.ratio() >= sim else None


_RATIO_SPAN = 500  # characters of each text that the similarity ratio reads


def _part(match: str) -> str:
    return "the opening of " if match == "opening" else ""


def _own_figcaption(figure):
    for child in figure:
        if child.tag == "figcaption":
            return child
    for fc in figure.iter("figcaption"):
        node = fc.getparent()
        while node is not None and node is not figure and node.tag != "figure":
            node = node.getparent()
        if node is figure:
            return fc
    return None


def _caption_lists(page, xpaths: tuple) -> list[tuple[list, list]]:
    """For each caption selector (the XPaths of its parts): the order keys
    of the page's elements it matches that are visible and have text, and
    those (element, text), in document order."""
    out = []
    for parts in xpaths:
        keys, captions = [], []
        for sub in page.select_all(parts):
            if page.hidden_from_all(sub):
                continue
            text = page.text(sub)
            if text:
                keys.append(page.order_of(sub))
                captions.append((sub, text))
        out.append((keys, captions))
    return out


def _is_ancestor(a, el) -> bool:
    node = el.getparent()
    while node is not None:
        if node is a:
            return True
        node = node.getparent()
    return False


# What a CMS leaves in an alt when it pastes a caption's markup, escapes a
# character reference twice (the source holds "&amp;amp;") or decodes UTF-8
# as windows-1252 ("Ã¡" for "á", "â€™" for "’"). Tags are the inline and
# block ones captions carry, so an alt about "the <canvas> element" passes;
# "Ã" before a letter is Portuguese ("SÃO PAULO"), before a windows-1252
# continuation byte it is not.
_GARBLED = re.compile(
    r"(?P<markup>(?i:</?(?:p|br|b|i|em|strong|span|a|div|sup|sub|u|small|font|img|h[1-6]|"
    r"figure|figcaption)(?:\s[^<>]{0,200})?/?>))"
    r"|(?P<reference>(?i:&(?:amp|quot|apos|lt|gt|nbsp|#\d{1,7}|#x[0-9a-f]{1,6});))"
    r"|(?P<mojibake>[ÂÃ][\u00a0-\u00bf\u0080-\u009f€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]|â€\S)")
_GARBLED_KINDS = {
    "markup": ("HTML markup", "remove the tags"),
    "reference": ("a character reference escaped twice",
                  "escape it once in the HTML (or enter the character itself)"),
    "mojibake": ("text garbled by a wrong character encoding",
                 "enter the text again, stored and served as UTF-8"),
}
_LOGO_HINT = re.compile(r"logo|brand|avatar|author|byline|gravatar", re.I)
# Print-only images (a logo for the printed page) are hidden on screen by a
# stylesheet that a static check cannot read; the class or id says so.
_PRINT_ONLY = re.compile(
    r"print[-_]?only|only[-_]?print|visible[-_]print|show[-_]?(?:on[-_]?)?print"
    r"|d[-_]print[-_](?:block|inline|flex|grid|table)|logo[-_]?print|print[-_]?logo", re.I)
# on the image itself, a plain "print" or "print-img" says the same
_PRINT_IMAGE = re.compile(r"print(?:[-_]?(?:img|image|version|ver))?", re.I)
# the opposite: hidden when printed, shown on screen ("hidden-print",
# Bootstrap's "d-print-none", "no-print", "print-hide")
_NOT_PRINTED = re.compile(
    r"(?:hidden|hide|no|not|non|none)[-_]?print|print[-_]?(?:hidden|hide|none|no|not)\b", re.I)
# a control that prints the page ("print-button", "top_print_btn"): on screen
_PRINT_ACTION = re.compile(r"btn|button|icon|share|link|action|tool", re.I)
_BARE_ORIGIN = re.compile(r"^(?:https?:)?(?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)+/?$", re.I)


_NO_CAPTION = (None, "")
# where axe's image-redundant-alt also looks for the text an alt repeats
_CONTAINER_NAMES = {"p": "paragraph", "li": "list item", "td": "table cell",
                    "th": "table cell"}
_TEXT_CONTAINERS = frozenset(_CONTAINER_NAMES)
_BESIDE_MAX = 300  # characters of text beside an image that an alt may repeat (a longer
# alt is reported by img-alt-length)


def _own_caption(page, node):
    """The caption that node itself provides for images inside it, or None."""
    if node.tag == "figure":
        fc = _own_figcaption(node)
        if fc is not None and not page.hidden_from_all(fc):
            text = page.text(fc)
            if text:
                return fc, text
    cls = node.get("class")
    if cls and "wp-caption" in cls and "wp-caption" in cls.split():
        for sub in node.iter():
            if isinstance(sub.tag, str) and "wp-caption-text" in _class_tokens(sub):
                text = page.text(sub) if not page.hidden_from_all(sub) else ""
                if text:
                    return sub, text
    if node.get("itemscope") is not None and "imageobject" in (
            node.get("itemtype") or "").lower():
        for sub in node.iter():
            if not isinstance(sub.tag, str) or sub.tag == "meta":
                continue
            props = (sub.get("itemprop") or "").split()
            if "caption" in props or "description" in props:
                text = page.text(sub) if not page.hidden_from_all(sub) else ""
                if text:
                    return sub, text
    return None


class _Ancestry:
    """What judge() needs from one page's image ancestors, memoised per
    ancestor: the nearest enclosing link or button, and the nearest caption.

    Both are "the first ancestor, going up, that ..." questions, so an
    ancestor's answer is its own or else its parent's. Teaser lists and
    galleries put many images in the same containers: a climb stops at the
    first ancestor already settled, instead of walking every image's
    ancestors up to <body>."""

    def __init__(self, page) -> None:
        self.page = page
        self._up: dict = {}  # ancestor -> (control, caption, container) from it upwards
        self._ctl: dict = {}  # ancestor -> the nearest control at or above it (control)
        self._beside: dict = {}  # container -> its text, if short (text_beside)
        # text -> its forms (see _Judge.forms): a caption, link text or
        # labelling element that many images share is analysed once
        self.texts: dict = {}

    def of(self, el) -> tuple[object, tuple[object, str], object]:
        """(control, (caption element, caption text), text container) for an
        image: the nearest link or button, caption, and p, li, td or th
        (nearer than the control, if there is one); None and (None, "") when
        there is none below <body>."""
        memo = self._up
        node = el.getparent()
        todo = []
        control, caption, container = None, _NO_CAPTION, None
        while node is not None:
            known = memo.get(node)
            if known is not None:
                control, caption, container = known
                break
            tag = node.tag
            if tag == "body" or tag == "html":
                break
            todo.append(node)
            node = node.getparent()
        page = self.page
        for n in reversed(todo):
            if _is_control(n):
                control = n
            elif n.tag in _TEXT_CONTAINERS:
                container = n
            own = _own_caption(page, n)
            if own is not None:
                caption = own
            memo[n] = (control, caption, container)
        return control, caption, container

    def control(self, el):
        """The nearest link or button above el, or None: what ``of`` gives
        first, without the captions and containers it works out on the way.
        Asked of every decorative image and inline svg, most of them in no
        control at all."""
        memo = self._ctl
        up = self._up
        path = []
        node = el.getparent()
        found = None
        while node is not None:
            if node in memo:
                found = memo[node]
                break
            known = up.get(node)
            if known is not None:
                found = known[0]
                break
            tag = node.tag
            if tag == "body" or tag == "html":
                break
            path.append(node)
            if _is_control(node):
                found = node
                break
            node = node.getparent()
        for n in path:
            memo[n] = found
        return found

    def text_beside(self, container) -> str:
        """The visible text of an image's p, li, td or th, when it is short
        enough for an alt to repeat (at most _BESIDE_MAX characters); else "".
        Once per container: a layout table's cell may hold a whole page, or a
        gallery of thousands of images and no text. It is first read up to
        the bound, and only a short one is computed in full, without hidden
        parts (which leading_text keeps)."""
        memo = self._beside
        got = memo.get(container)
        if got is None:
            got = memo[container] = self._short_text(container)
        return got

    def _short_text(self, container) -> str:
        opening = leading_text(container, _BESIDE_MAX)
        if not opening or len(opening) > _BESIDE_MAX:
            return ""
        return self.page.text(container)

    @staticmethod
    def nearest(el, n: int) -> list:
        """el's first n ancestors below <body>/<html>."""
        out = []
        for node in el.iterancestors():
            tag = node.tag
            if tag == "body" or tag == "html" or len(out) == n:
                break
            out.append(node)
        return out

    @staticmethod
    def print_only(el) -> bool:
        """Print-only logos ("logoprint", "visible-print") are hidden on screen
        by a stylesheet that a static check cannot read: the image or one of
        its three nearest ancestors says so in so many words. A plain
        "print" counts only on the image itself: on a link or a wrapper it
        is usually the page's print button, whose image is its label."""
        node = el
        for depth in range(4):
            for attr in ("class", "id"):
                v = node.get(attr)
                # substring test first: the token regexes are the rare, slow path
                if v and "print" in v.lower():
                    for t in v.split():
                        if "print" not in t.lower() or _NOT_PRINTED.search(t) \
                                or _PRINT_ACTION.search(t):
                            continue
                        if _PRINT_ONLY.search(t):
                            return True
                        if depth == 0 and _PRINT_IMAGE.fullmatch(t):
                            return True
            node = node.getparent()
            if node is None:
                break
            tag = node.tag
            if tag == "body" or tag == "html":
                break
        return False


def _is_control(node) -> bool:
    tag = node.tag
    if (tag == "a" and node.get("href") is not None) or tag == "button":
        return True
    role = node.get("role")
    return role is not None and role.strip().lower() in ("link", "button")


_NAME_PARTICLES = frozenset({"von", "van", "der", "den", "de", "da", "di", "du", "la", "le", "bin",
                             "al", "el", "y", "e", "и", "and", "&", "mc", "ibn", "ter", "dos"})
_NAME_WORD = re.compile(r"^[\w.'’\-]+$")


def _name_like(part: str) -> bool:
    """A person's or an agency's name: a few capitalised words (or a short
    run in a script without case)."""
    words = part.split()
    if not words or len(words) > 5:
        return False
    for w in words:
        if not _NAME_WORD.match(w):
            return False
        if w.casefold() in _NAME_PARTICLES:
            continue
        first = w[0]
        if first.isupper():
            continue
        if first.isalpha() and first.lower() == first.upper():  # uncased script
            if len(part) <= 12:
                continue
        return False
    return True


def _placed_as_logo(el, control) -> bool:
    """Whether an image sits where a logo does: in a link home, or marked
    as one by its class, id or file name, or its link's class."""
    if control is not None and control.tag == "a" and is_home_href(control.get("href")):
        return True
    hay = " ".join(x for x in (el.get("class"), el.get("id"), el.get("src"),
                               control.get("class") if control is not None else None) if x)
    return _LOGO_HINT.search(hay) is not None


def _names_the_site(page, words: str) -> bool:
    """Whether these words (see _words) are a name the page gives its site."""
    return any(_words(v) == words for v in page.site_names)


def _is_src_basename(folded_alt: str, src: str) -> bool:
    if " " in folded_alt or src.startswith("data:"):
        # CMSs that name files after the headline give them a real sentence
        return False
    base = unquote(_file_name(src)).casefold()
    if not base:
        return False
    if folded_alt == base and "." in base:
        return True
    stem = base.rsplit(".", 1)[0] if "." in base else base
    # "zoom-in" or "logo" equal to the stem still reads as words; "a8f3_22" does not
    return folded_alt == stem and bool(_FILE_STEM.search(stem))


_FILE_STEM = re.compile(r"[\d_.]")


# -- the rules ----------------------------------------------------------------
_JUDGES: list = []


# HTML's rules for dimension values read the leading number ("1px" is 1)
_DIMENSION = re.compile(r"\s*(\d+(?:\.\d*)?|\.\d+)")
_STYLE_SIZE = re.compile(r"(?:^|;)\s*(width|height)\s*:\s*([^;]*?)\s*(?:!\s*important\s*)?(?=;|$)",
                         re.I)
_CSS_AT_MOST_ONE = re.compile(r"(?:0*\.\d+|0*1(?:\.0*)?)px|0+(?:\.0*)?(?:px)?", re.I)


def _drawn_at_most_one_pixel(el) -> bool:
    """Whether the markup draws the image 1 pixel wide or high, or less (a
    tracking pixel, a spacer). Chromium and WebKit leave such an image out
    of the accessibility tree when it has no name ("probably
    presentational"), so a screen reader never announces it and a missing
    alt costs its users nothing. Only sizes the markup states count: the
    inline style, else the width and height attributes."""
    sizes: dict[str, bool] = {}
    style = el.get("style")
    if style:
        for prop, value in _STYLE_SIZE.findall(style):
            sizes[prop.lower()] = _CSS_AT_MOST_ONE.fullmatch(value) is not None
    for attr in ("width", "height"):
        if attr not in sizes:
            v = el.get(attr)
            m = _DIMENSION.match(v) if v is not None else None
            sizes[attr] = m is not None and float(m.group(1)) <= 1
    return sizes["width"] or sizes["height"]


def _functional_verdict(el, control, why: str) -> tuple:
    """(image, message, context) of img-alt-functional: what the image is,
    why it says nothing (see _silent_because), and how to name the control."""
    kind = "button" if control.tag == "button" or (
        control.get("role") or "").strip().lower() == "button" else "link"
    says = "what it does" if kind == "button" else "where it leads"
    href = control.get("href") if kind == "link" else None
    src_attr, src = _src(el)
    what = f'<{el.tag} {src_attr}="{src}">' if src and el.tag != "svg" else f"<{el.tag}>"
    if len(what) > 100:
        what = what[:98] + '…">'
    if why == "no name":
        fix = f"give the {kind} an aria-label, or the svg a <title>, that says {says}"
        why = "has no name"
    elif why == 'alt=""':
        fix = f"say {says} in alt" + (
            " (the site's name, for a logo that links home)"
            if href is not None and is_home_href(href) else "")
        why = 'has alt=""'
    elif el.tag in ALT_TAGS:
        fix = f"remove {why} and say {says} in alt, or give the {kind} an aria-label"
        why = f"has {why}"
    else:
        fix = f"give the {kind} an aria-label that says {says}"
        why = f"has {why}"
    address = " or by its address" if href else ""
    message = (f"{what} is the only content of a {kind} and {why}: the {kind} has no name, "
               f'so screen readers announce it as "{kind}"{address}; {fix}')
    return el, message, {"src": src, "alt": el.get("alt"), "caption": None,
                         "control": kind, "href": href}


_IMG_ATTRIBUTES = frozenset({
    "alt", "title", "src", "srcset", "sizes", "width", "height", "class", "id", "style",
    "loading", "decoding", "fetchpriority", "crossorigin", "referrerpolicy", "usemap", "ismap",
    "role", "itemprop", "lang", "dir", "hidden", "tabindex", "border", "align", "hspace",
    "vspace", "name", "longdesc"})


def _lost_to_a_quote(el) -> str | None:
    """The words of an alt cut short by a quote mark inside it, or None.

    `alt="Boric answers those who "mock the bonus""` ends the alt at the
    second quote mark; the parser makes each following word an empty
    attribute (lowercased), the last one holding the closing quote marks.
    So: a run of empty attributes right after alt, one of whose names holds
    a quote mark. A stray quote after other attributes (`class="x" "`) leaves
    the alt whole and is not counted."""
    keys = el.keys()
    try:
        i = keys.index("alt")
    except ValueError:
        return None
    words = []
    for key in keys[i + 1:]:
        if el.get(key) != "" or key in _IMG_ATTRIBUTES or key.startswith(("data-", "aria-")):
            break  # `title=""Quoted" words"`: the title is what broke
        words.append(key)
    if not any('"' in w or "'" in w for w in words):
        return None
    return " ".join(words).strip("\"' ") or None


def _named_in_plain_sight(control) -> bool:
    """A link or button with an aria-label or title, or text of its own (a
    teaser's thumbnail and headline in one link): named, without computing
    the name. The control is rendered (asked after is_hidden would cost
    more than this), and text right inside it is as visible as it is."""
    if (control.get("aria-label") or "").strip() or (control.get("title") or "").strip():
        return True
    if control.text is not None and control.text.strip():
        return True
    return any(child.tail is not None and child.tail.strip() for child in control)


def _silent_because(el) -> str | None:
    """Why an image inside a control adds nothing to its name, as the
    message quotes it; None when it is silent for another reason (a print
    logo, an AMP stand-in, a tracking pixel, a hidden ancestor)."""
    tag = el.tag
    role = (el.get("role") or "").strip().lower().split()
    if role and role[0] in _DECORATIVE_ROLES:
        return f'role="{role[0]}"'
    if (el.get("aria-hidden") or "").strip().lower() == "true":
        return 'aria-hidden="true"'
    if tag == "svg":
        return "no name" if not role or role[0] not in _IMAGE_ROLES else None
    if tag in PICTURE_TAGS and el.get("alt") == "":
        if tag == "img" and _drawn_at_most_one_pixel(el):
            return None
        return 'alt=""'
    return None


def _name_from_script(el, native: bool) -> bool:
    """Whether a framework sets the image's name when the page's script runs
    (``<img :src="p.src" :alt="p.alt">``): the source holds no alt, the
    reader still gets one, and its wording cannot be judged here."""
    names = ("alt", "aria-label", "aria-labelledby", "title") if native else (
        "aria-label", "aria-labelledby", "title")
    if binds_attribute(el, *names):
        return True
    return not native and binds_content(el) is not None


def _judge_for(wordlists, settings) -> _Judge:
    """One judge per (word lists, settings) pair, shared by the seven rules."""
    for wl, st, judge in _JUDGES:
        if wl is wordlists and st is settings:
            return judge
    judge = _Judge(wordlists, settings)
    _JUDGES.append((wordlists, settings, judge))
    del _JUDGES[:-8]
    return judge


class _ImageRule(Rule):
    family = FAMILY
    wcag = ("1.1.1",)
    _judge: _Judge | None = None

    def prepare(self, wordlists, settings) -> None:
        self._judge = _judge_for(wordlists, settings)

    def warm(self) -> None:
        if self._judge is not None:
            self._judge.warm()

    def check(self, page):
        if self._judge is None:
            from a11ylint.packs import shipped_wordlists
            from a11ylint.settings import Settings

            self.prepare(shipped_wordlists(), Settings())
        for el, message, ctx in self._judge.verdicts(page).get(self.id, ()):
            yield self.finding(page, el, message, context=dict(ctx))


class ImgAltMissing(_ImageRule):
    id = "img-alt-missing"
    severity = Severity.ERROR
    summary = "Image has no text alternative"
    rationale = (
        "Without alt text a screen reader announces the image by its file name or just "
        "as \"image\", so a blind reader cannot tell a news photo from a spacer. Covers <img>, "
        "<input type=image>, <area href> and role=\"img\" elements (inline <svg role=\"img\"> "
        "too); images hidden from assistive technology or marked decorative are skipped. An "
        "alt of only spaces is not alt=\"\": the image keeps its place with no name. An image "
        "button (<input type=image>) or image-map link (<area href>) is a control, which "
        "alt=\"\" cannot make decorative. AMP's <amp-img> and <amp-anim> are images too, "
        "named as an <img> is (the AMP runtime copies their alt onto the <img> it draws); "
        "their placeholder and fallback stand-ins, shown only while or instead of loading, are "
        "skipped. An alt that a framework binds from script "
        "(Vue's :alt, Alpine's x-bind:alt, AngularJS's ng-attr-alt, Knockout's attr) is "
        "taken on trust: its text is not in the HTML. An <img> that its width, height or "
        "inline style draws 1 pixel wide or high or less (a tracking pixel, a spacer) is "
        "skipped: Chromium and WebKit leave such an image without a name out of the "
        "accessibility tree, so no screen reader announces it."
    )
    fix = ('Describe what the picture shows in alt (or aria-label / a <title> child for '
           'role="img"); if it is purely decorative, use alt="" so it is skipped.')
    fail_examples = (
        '<img src="/photos/2024/flood-street.jpg">',
        '<img src="/photos/2024/flood-street.jpg" alt=" ">',
        '<form><input type="image" src="/img/search.gif" alt=""></form>',
        '<svg role="img" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4"/></svg>',
        '<amp-img src="/photos/flood.jpg" width="4" height="3" layout="responsive"></amp-img>',
    )
    pass_examples = (
        '<img src="/photos/2024/flood-street.jpg" alt="Residents wade through a flooded street">',
        '<img src="/img/divider.png" alt="">',
        '<svg role="img" aria-label="Turnout rose to 62%"><rect width="5" height="5"/></svg>',
        '<svg viewBox="0 0 10 10"><path d="M0 0h10"/></svg>',
        '<img src="/pixel.gif" aria-hidden="true">',
        '<img :src="photo.url" :alt="photo.description">',
        '<img src="https://ads.example.net/pixel?id=7" width="1" height="1">',
        '<amp-img src="/photos/flood.jpg" width="4" height="3" layout="responsive" '
        'alt="Residents wade through a flooded street"></amp-img>',
    )


class ImgAltFunctional(_ImageRule):
    id = "img-alt-functional"
    severity = Severity.ERROR
    wcag = ("1.1.1", "2.4.4", "4.1.2")
    summary = "Link or button whose only content is a silent image has no name"
    rationale = (
        "An image that is all a link or button holds is what the control says: a logo "
        "that links home, a share icon, a close button. With alt=\"\", role=\"presentation\" "
        "or aria-hidden=\"true\" on it (or an inline <svg> with no <title>), the control has "
        "no name, so a screen reader announces \"link\" and perhaps its address, and voice "
        "users cannot say what to click. alt=\"\" is right only for an image that the "
        "text around it already says. Reported once per control, at its first image; a "
        "control named by its own aria-label, aria-labelledby or title, or by other "
        "content, passes. A control holding an image with no alt at all is reported by "
        "img-alt-missing instead."
    )
    fix = ('Say where the link leads or what the button does in the image\'s alt '
           '(alt="Daily Bugle home" on the logo), or give the control an aria-label.')
    fail_examples = (
        '<a href="/"><img src="/img/logo.svg" alt=""></a>',
        '<button type="button"><img src="/icons/close.svg" alt=""></button>',
        '<a href="https://twitter.com/dailybugle"><svg viewBox="0 0 24 24" aria-hidden="true">'
        '<path d="M0 0h24v24H0z"/></svg></a>',
    )
    pass_examples = (
        '<a href="/"><img src="/img/logo.svg" alt="Daily Bugle home"></a>',
        '<a href="/story"><img src="/img/thumb.jpg" alt=""> Storm closes harbour</a>',
        '<a href="https://twitter.com/dailybugle" aria-label="Daily Bugle on X">'
        '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M0 0h24v24H0z"/></svg></a>',
        '<img src="/img/divider.png" alt="">',
    )


class ImgAltPlaceholder(_ImageRule):
    id = "img-alt-placeholder"
    severity = Severity.ERROR
    summary = "Alt text is a placeholder, size, file name or CMS leftover"
    rationale = (
        "An alt such as \"image\", \"16x9 Image\", \"IMG_4021.jpg\" or \"undefined\" passes a "
        "presence check but tells a screen-reader user nothing. The word lists (generic words in "
        "many languages, CMS leftovers) live in rules/words/images.toml and can be extended "
        "by a pack's [wordlists] img-alt-placeholder-words and img-alt-cms-leftovers."
    )
    fix = ('Write what the picture shows ("Firefighters on the roof of the burning depot"); '
           'if it adds nothing to the page, use alt="".')
    fail_examples = (
        '<img src="/media/8f3a.jpg" alt="16x9 Image">',
        '<img src="/uploads/IMG_4021.jpg" alt="IMG_4021.jpg">',
        '<img src="/a.jpg" alt="undefined">',
        '<img src="/a.jpg" alt="Фото">',
    )
    pass_examples = (
        '<img src="/a.jpg" alt="A photographer kneels in the snow outside parliament">',
        '<img src="/a.jpg" alt="">',
    )


class ImgAltCaptionDuplicate(_ImageRule):
    id = "img-alt-caption-duplicate"
    severity = Severity.WARNING
    summary = "Alt text repeats the image's visible caption"
    rationale = (
        "When alt and caption say the same thing, screen-reader users hear the caption twice "
        "and never learn what the picture shows. Compared after normalising case, whitespace, "
        "punctuation and a trailing credit (\"(Photo: ...)\", \"© ...\", \"/AFP\"): equal, or "
        "one contains the other and covers at least `containment` of it, or difflib similarity "
        "of at least `similarity` (over the first 500 characters of each), or the alt is the "
        "caption's opening, at least `opening-words` words of it (a CMS that fills the alt with "
        "the caption's first sentence, or cuts it at a length). Captions: the <figcaption> of "
        "the enclosing <figure>, "
        "WordPress .wp-caption-text, schema.org ImageObject caption, and caption-selectors "
        "from config."
    )
    fix = ("Let the alt text describe what the picture shows and the caption add context and "
           "credit.")
    Options = DuplicateOptions
    fail_examples = (
        """<figure><img src="/p/mayor.jpg" alt="Mayor Ana Ruiz opens the new bridge">
        <figcaption>Mayor Ana Ruiz opens the new bridge. (Photo: Reuters)</figcaption></figure>""",
    )
    pass_examples = (
        """<figure><img src="/p/mayor.jpg" alt="A woman cuts a red ribbon on a steel bridge">
        <figcaption>Mayor Ana Ruiz opens the new bridge. (Photo: Reuters)</figcaption></figure>""",
        """<figure><img src="/p/mayor.jpg" alt="">
        <figcaption>Mayor Ana Ruiz opens the new bridge.</figcaption></figure>""",
    )


class ImgAltRedundant(_ImageRule):
    id = "img-alt-redundant"
    severity = Severity.WARNING
    summary = "Alt text repeats the link text or the text beside it, or starts with \"image of\""
    rationale = (
        "In a teaser where the picture and the headline share one link, an alt that repeats "
        "the headline makes the link read twice. A link's or button's text is compared as "
        "img-alt-caption-duplicate compares a caption (the same options: equal, contained, "
        "similar, or opened by the alt). The same goes for a team logo whose alt is "
        "the team name written next to it in the table cell, or a teaser image whose alt is "
        "the headline of its list item: outside a link, the text of the nearest paragraph, "
        "list item or table cell is compared, and only an exact repeat counts (as axe-core's "
        "image-redundant-alt does). Screen readers also announce \"image\" or \"graphic\" "
        "themselves, so an alt starting with \"Image of\", \"Фото\", \"Bild von\" or \"图为\" "
        "says it twice (img-alt-announced-prefixes in the word list pack)."
    )
    fix = ('Inside a link that already has the headline, or next to text that says the same, '
           'use alt="" (or describe the picture, not the headline); drop "image of" and start '
           "with what the picture shows.")
    Options = DuplicateOptions
    fail_examples = (
        """<a href="/news/storm"><img src="/t/storm.jpg" alt="Storm closes ports along the coast">
        <h3>Storm closes ports along the coast</h3></a>""",
        '<table><tr><td><img src="/logos/fcb.png" alt="Bayern"> Bayern</td><td>34</td></tr></table>',
        '<img src="/a.jpg" alt="Image of a tram stuck in the snow">',
    )
    pass_examples = (
        """<a href="/news/storm"><img src="/t/storm.jpg" alt="">
        <h3>Storm closes ports along the coast</h3></a>""",
        '<table><tr><td><img src="/logos/fcb.png" alt=""> Bayern</td><td>34</td></tr></table>',
        '<img src="/a.jpg" alt="Photographers crowd around the minister">',
    )


class ImgAltCredit(_ImageRule):
    id = "img-alt-credit"
    severity = Severity.WARNING
    summary = "Alt text is only a photo credit"
    rationale = (
        "\"Getty Images\", \"AFP\" or \"Фото: ТАСС\" credits the photographer but describes "
        "nothing. A logo that links home and carries the publisher's name is not a credit. "
        "Agency names are the img-alt-credit-words list in the word list pack."
    )
    fix = "Describe what the picture shows in alt; the credit belongs in the caption."
    fail_examples = (
        '<img src="/p/fire.jpg" alt="Getty Images">',
        '<img src="/p/fire.jpg" alt="Photo: Reuters">',
        '<img src="/p/fire.jpg" alt="© Jane Doe">',
    )
    pass_examples = (
        '<a href="/"><img src="/static/brand.svg" alt="Reuters"></a>',
        '<img src="/p/fire.jpg" alt="Smoke rises over the Reuters building in Canary Wharf">',
    )


class ImgAltLength(_ImageRule):
    id = "img-alt-length"
    severity = Severity.WARNING
    summary = "Alt text is too long"
    rationale = (
        "Screen readers read alt text in one go, without a way to skim or pause by sentence; "
        "a paragraph-long alt is tiring and usually holds the caption or article text."
    )
    fix = "Keep alt to what the picture shows; long explanations belong in the caption or body."
    Options = LengthOptions
    fail_examples = ('<img src="/a.jpg" alt="' + "Delegates listen to the speech. " * 9 + '">',)
    pass_examples = ('<img src="/a.jpg" alt="Delegates listen to the opening speech">',)


RULES = [ImgAltMissing, ImgAltFunctional, ImgAltPlaceholder, ImgAltCaptionDuplicate, ImgAltRedundant,
         ImgAltCredit, ImgAltLength]
