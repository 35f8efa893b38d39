"""skip-link-hidden reads the page's own <style> rules that hide the skip link
by its id or class (urdupoint.com's `#skiplink{ display:none;}`), and only
when the text settles it: a rule that may show the link again, or a hiding
rule that may not apply, leaves it alone."""

from __future__ import annotations

import pytest

from helpers import lint


def _page(css: str, link: str = '<a id="skip" class="skip-link" href="#main">Skip to content</a>',
          style_attrs: str = "") -> str:
    return f"""\
<html lang="en"><head><title>t</title>
<style{style_attrs}>
{css}
</style>
</head><body>
{link}
<nav><a href="/a">A</a> <a href="/b">B</a> <a href="/c">C</a></nav>
<main id="main"><h1>Storm closes harbour</h1></main>
</body></html>
"""


def _hidden(html: str) -> list:
    res = lint(html, ["skip-link"])
    assert res.status == "ok", res.error
    return [(f.rule, f.line, f.column, f.message) for f in res.findings]


def _msg(selector: str, declaration: str, line: int) -> str:
    return ('skip link "Skip to content" can never be focused: the page\'s <style> hides it '
            f"({selector} {{ {declaration} }} on line {line}), and an element that is not "
            "rendered takes no focus")


HIDDEN = [
    ("#skip{ display:none;}", "#skip", "display:none", 3),
    ("body { margin: 0 }\n.skip-link { display: none }", ".skip-link", "display:none", 4),
    ("a.skip-link{visibility:hidden}", "a.skip-link", "visibility:hidden", 3),
    # a :focus rule cannot show what is not rendered: the classic broken skip link
    (".skip-link{display:none}\n.skip-link:focus,.skip-link:focus-visible{display:block}",
     ".skip-link", "display:none", 3),
    ("nav{display:flex}\n.menu,\n  #skip , .x{display : none}", "#skip", "display:none", 5),
    ("@media screen { #skip { display: none } }", "#skip", "display:none", 3),
    # the id outweighs the class, and !important the id
    ("#skip{display:none}\n.skip-link{display:block}", "#skip", "display:none", 3),
    (".skip-link{display:none!important}\n#skip{display:block}", ".skip-link",
     "display:none !important", 3),
    ("/* #skip{display:block} */ #skip{display:none}", "#skip", "display:none", 3),
]


@pytest.mark.parametrize("css,selector,declaration,line", HIDDEN)
def test_style_rule_hides_the_skip_link(css, selector, declaration, line):
    link_line = 6 + css.count("\n")
    assert _hidden(_page(css)) == [
        ("skip-link-hidden", link_line, 1, _msg(selector, declaration, line))]


SHOWN_OR_UNSETTLED = [
    ".skip-link{display:none}\n.skip-link{display:block}",  # a later rule shows it
    ".skip-link{display:none}\nbody.keyboard .skip-link{display:block}",  # script toggles it
    "#skip{display:none}\n@media (min-width: 768px){#skip{display:block}}",
    "@media (max-width: 600px){#skip{display:none}}",  # only on small screens
    "@media print{#skip{display:none}}",
    "@supports (display:grid){#skip{display:none}}",
    ".skip-link-wrapper{display:none}\n#skipper{display:none}",  # other names
    "#skip:not(:focus){display:none}",  # not one compound: not settled here
    "header .skip-link{display:none}",
    ".x{background:url(#skip)}\n.skip-link{position:absolute;left:-9999px}",
    "#skip{display:block}\n.skip-link:focus{display:none}",
]


@pytest.mark.parametrize("css", SHOWN_OR_UNSETTLED)
def test_no_finding_unless_the_style_settles_it(css):
    assert _hidden(_page(css)) == []


def test_inline_style_and_style_media_decide_first():
    css = "#skip{display:none}"
    shown = '<a id="skip" href="#main" style="display: block">Skip to content</a>'
    assert _hidden(_page(css, link=shown)) == []
    assert _hidden(_page(css, style_attrs=' media="print"')) == []
    assert [r[:3] for r in _hidden(_page(css, style_attrs=' media="screen"'))] == [
        ("skip-link-hidden", 6, 1)]
    # a link without id or class is never named by a rule
    plain = '<a href="#main">Skip to content</a>'
    assert _hidden(_page("a{display:none}", link=plain)) == []


def test_a_token_named_by_more_than_200_rules_is_not_settled():
    # each mention costs a scan of the text before it: past 200, give up
    filler = " ".join(f".c{i} .skip-link{{color:red}}" for i in range(199))
    assert [r[:3] for r in _hidden(_page(".skip-link{display:none} " + filler))] == [
        ("skip-link-hidden", 6, 1)]
    assert _hidden(_page(".skip-link{display:none} " + filler + " .d .skip-link{}")) == []
