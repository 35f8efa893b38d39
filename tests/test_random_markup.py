"""Random markup, seeded: no page may end in an internal error, and every
finding must point into the page and name its element.

Real pages are broken in ways nobody lists in advance; random ones found a
stray </p> before the body and a control character inside a <source> that
each ended the page as an internal error. The seeds are fixed, so a failure
reproduces: ``python tests/test_random_markup.py SEED [COUNT]`` tries more
and writes every page that fails to the current folder.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest
from cssselect import GenericTranslator

from a11ylint.engine import Engine
from a11ylint.page.decode import decode
from a11ylint.page.model import Page, Source, placed_by_foster_parenting
from a11ylint.settings import Settings

TAGS = (
    "a img h1 h2 h3 h6 div span p figure figcaption picture source nav main footer header "
    "svg title table tbody tr td form input button noscript template label section article "
    "aside ul li b i image area map iframe video summary details select option textarea "
    "math caption br hr wbr meta script style object embed dialog search body html head "
    "amp-img amp-sidebar base link"
).split()
ATTRS = (
    "id aria-labelledby aria-hidden hidden style tabindex role alt href title aria-label "
    "aria-level name src class type contenteditable data-a11ylint-ignore lang srcset "
    "content property value v-html :alt width height data-bind v-bind layout placeholder open "
    "rel inert popover"
).split()
IDS = ["main", "Main", "content", "x", "y", "cap", "l1", "main-content", "%7Bx", "a b", ""]
VALUES = [
    "", " ", "#", "#%zz", "#%E2%82", "javascript:void(0)", "display:none", "visibility:hidden",
    "display: none !important", "-1", "0", "1", "abc", "99", "heading", "img",
    "presentation none", "main", "none", "true", "false", "IMG_1234.jpg", "photo.JPG",
    "Photo: AP", "Skip to content", "Перейти к содержанию", "跳到主要内容", "x" * 300,
    "&amp;&#0;&#x110000;", "\u200b", "application/ld+json", "og:title", "img-alt-missing", "*",
    "all", "skip-link", "1px", "width:1px;height:1px", "attr: { alt: t }", "text: t",
    "nodisplay", "canonical", "/", "http://[::1", "https://news.example:99999/",
    "https://news.example/a", "https://news.example/a#main", "auto",
]
TEXTS = [
    "Skip to main content", "Zum Inhalt springen", "Photo: Reuters", "Getty Images", "A cat",
    "<", "&", "&nbsp;", "\u00a0", "Impressum", "Privacy Policy", "© 2024", "  ", "\n",
    "Datenschutz", "<!-- a11ylint-disable-next-line img-alt-missing -->",
    "<!-- a11ylint-disable -->", "<!-- a11ylint-enable -->", "<!-- a11ylint-disable-file -->",
    "<!-- a11ylint-disable img-alt -- reason -->", "<![CDATA[x]]>", "<?php x ?>", "</p>",
    "</h2>", "</a>", "</div></div>", "<p>", '{"@type":"NewsArticle","headline":"A cat"}',
    "]]>", "\x00", "\x01", "\ufffd", "\r\n",
    "#x{display:none} .a, #y:focus{visibility:hidden} @media screen{#main{display:none}} {",
]
PREFIXES = ['<meta charset="windows-1251">', '<meta charset="utf-16">', '<meta charset="bogus">',
            '<meta charset="utf-7">', '<meta charset="unicode_escape">',
            '<meta http-equiv="Content-Type" content="text/html; charset=shift_jis">']


def random_page(rng: random.Random) -> bytes:
    def attr() -> str:
        name = rng.choice(ATTRS)
        r = rng.random()
        if r < 0.1:
            return " " + name
        value = rng.choice(IDS) if r < 0.3 else (
            "#" + rng.choice(IDS) if r < 0.4 else (
                " ".join(rng.sample(IDS, 3)) if r < 0.45 else rng.choice(VALUES)))
        quote = rng.choice(['"', "'", ""])
        if not quote and (not value or any(c in value for c in " \"'=<>`")):
            quote = '"'
        return f" {name}={quote}{value}{quote}"

    budget = [rng.choice([20, 80, 300])]  # elements per page

    def node(depth: int, limit: int) -> str:
        if depth > limit or budget[0] <= 0 or rng.random() < 0.25:
            return rng.choice(TEXTS)
        budget[0] -= 1
        tag = rng.choice(TAGS)
        attrs = "".join(attr() for _ in range(rng.randint(0, 4)))
        kids = "".join(node(depth + 1, limit) for _ in range(rng.randint(0, 4)))
        # now and then written self-closing, which HTML5 ignores on non-void tags
        slash = "/" if rng.random() < 0.05 else ""
        return f"<{tag}{attrs}{slash}>{kids}" + (f"</{tag}>" if rng.random() < 0.9 else "")

    html = "<!doctype html>" * rng.randint(0, 1) + "".join(
        node(0, rng.choice([3, 6, 12, 40])) for _ in range(rng.randint(1, 6)))
    if rng.random() < 0.2:
        html = html.replace("\n", "")  # minified
    if rng.random() < 0.1:
        html = rng.choice(PREFIXES) + html
    if rng.random() < 0.05:
        depth = rng.randint(500, 1900)
        html = "<div>" * depth + html + "</div>" * depth
    data = html.encode("utf-8")
    if rng.random() < 0.05:  # a few flipped bytes
        flipped = bytearray(data)
        for _ in range(rng.randint(1, 10)):
            flipped[rng.randrange(len(flipped))] = rng.randrange(256)
        data = bytes(flipped)
    if rng.random() < 0.03:
        data = b"\xff\xfe" + html.encode("utf-16-le")
    return data


ENGINES = {
    "default": Settings(),
    "packs and selectors": Settings(
        rules=["legal"], caption_selectors=[".cap, figcaption", "p + p"],
        exclude_selectors=["footer"], report_unused_disables=True),
}
_TRANSLATOR = GenericTranslator()


def problems(data: bytes, engine: Engine) -> list[str]:
    """What is wrong with the result of linting ``data``: an internal error,
    a position outside the page, a selector that does not find its element."""
    src = Source("random.html", data, content_type="text/html; charset=utf-8")
    result = engine.lint_source(src)
    if result.status == "error" and "internal error" in (result.error or ""):
        return [result.error]
    if result.status == "error":
        return []  # a reason the page could not be read, said in one line
    out = []
    lines = decode(data, "utf-8").text.splitlines() or [""]
    for f in result.findings:
        if not (1 <= f.line <= len(lines) + 1 and f.column >= 1):
            out.append(f"{f.rule} at {f.line}:{f.column} is outside the page")
    page = Page.from_source(src)
    found = [f for rule in engine.rules for f in rule.check(page)]
    page.locate_findings(found)
    for f in found:
        if f.element is None or f.selector.count(" > ") > 200 or "tbody" in f.selector \
                or page.body not in f.element.iterancestors() \
                or placed_by_foster_parenting(f.element):
            # cssselect's translator recurses once per step; a selector names
            # the tbody a browser adds around rows, not in this tree, and the
            # place before a table where a browser moves what libxml2 left in
            # it; and what libxml2 leaves outside <body> has no place in a
            # browser's tree
            continue
        try:
            matches = page.root.xpath(_TRANSLATOR.css_to_xpath(f.selector))
        except ValueError:  # an id with a control character, which lxml refuses
            continue
        if f.element not in matches:
            out.append(f"{f.rule}: selector {f.selector!r} does not find its element")
    return out


@pytest.mark.parametrize("config", sorted(ENGINES))
@pytest.mark.parametrize("seed", range(6))
def test_random_pages_lint_cleanly(seed, config):
    engine = Engine(ENGINES[config])
    rng = random.Random(seed)
    failed = []
    for i in range(60):
        data = random_page(rng)
        for p in problems(data, engine):
            failed.append((i, p, data[:300]))
    assert failed == []


def main(argv: list[str]) -> int:
    seed = int(argv[1]) if len(argv) > 1 else 0
    count = int(argv[2]) if len(argv) > 2 else 1000
    engines = {name: Engine(s) for name, s in ENGINES.items()}
    rng = random.Random(seed)
    bad = 0
    for i in range(count):
        data = random_page(rng)
        for name, engine in engines.items():
            found = problems(data, engine)
            if found:
                bad += 1
                Path(f"random-{seed}-{i}.html").write_bytes(data)
                print(f"seed {seed} page {i} ({name}): {found[0]}")
                break
    print(f"seed {seed}: {bad} of {count} pages with problems")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
