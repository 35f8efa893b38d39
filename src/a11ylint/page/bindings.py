"""Content and attributes that a front-end framework fills in from script.

Pages that mount Vue, Alpine.js, AngularJS or Knockout on server-rendered HTML
ship their templates in the page itself: ``<h2 v-html="article.title"></h2>``
is empty in the source and holds the headline once the script has run, and
``<img :src="p.src" :alt="p.alt">`` gets its alt text the same way. What the
reader meets is the rendered element, so a rule that judges text or an
attribute must not call these empty or missing: that would be a false
positive a browser-based checker never reports. The value itself is not in
the HTML, so the rules take it on trust rather than guess at it.

Rules ask only about elements already found empty (headings without a name,
images without a text alternative), which are few, so none of this touches
the index walk.
"""

from __future__ import annotations

import re

# Attributes that replace an element's content. Bracketed bindings are not
# among them: Angular compiles its templates into script, so "[alt]" or
# "[text]" in served HTML is AMP's amp-bind, which changes the element only
# when the reader interacts, and the page loads with what the HTML holds.
_CONTENT_ATTRS = frozenset({
    "v-html", "v-text",                                   # Vue
    "x-html", "x-text",                                   # Alpine.js
    "ng-bind", "ng-bind-html", "ng-bind-template",        # AngularJS
    "data-ng-bind", "data-ng-bind-html", "data-ng-bind-template",
})

# Knockout: data-bind="text: title" or "html: body", among other bindings
_KO_CONTENT = re.compile(r"(?:^|,)\s*(?:text|html)\s*:", re.I)


def binds_content(el) -> str | None:
    """The attribute (as written) through which script sets el's content, or
    None. Checks el itself and its descendants: ``<h2><span v-text="t">``
    fills the heading as surely as a binding on the h2."""
    for node in el.iter():
        if not isinstance(node.tag, str):
            continue
        for key in node.keys():
            if key in _CONTENT_ATTRS:
                return key
            if key == "data-bind" and _KO_CONTENT.search(node.get(key) or ""):
                return key
    return None


def binds_attribute(el, *names: str) -> str | None:
    """The attribute through which script sets one of el's attributes
    ``names`` (``alt``, ``aria-label``...), or None. An object binding
    (``v-bind="props"``, ``x-bind="props"``) may set any attribute, so it
    counts too. One pass over el's attribute names, most of which rule
    themselves out by their first character."""
    for key in el.keys():
        if not key:
            continue
        first = key[0]
        if first == ":":                                  # Vue and Alpine shorthand
            target = key[1:]
        elif first in "vx" and key[1:6] == "-bind":       # v-bind:alt, x-bind="obj"
            if len(key) == 6:
                return key
            if key[6] != ":":
                continue
            target = key[7:]
        elif "ng-attr-" in key:                           # AngularJS, data- form too
            target = key.partition("ng-attr-")[2]
        elif key == "data-bind":                          # Knockout: attr: { alt: x }
            value = el.get(key) or ""
            for name in names:
                if re.search(rf"\battr\s*:\s*\{{[^}}]*(?<![\w-])['\"]?{re.escape(name)}['\"]?\s*:",
                             value, re.I):
                    return key
            continue
        else:
            continue
        if target in names:
            return key
    return None
