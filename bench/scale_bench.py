"""How lint time grows with the size of one page.

    python bench/scale_bench.py [--sizes 2000,8000,32000] [--shape NAME ...]

Each shape is a page that repeats one pattern N times: thousands of links,
images side by side, broken skip links, content nested deep, findings on one
minified line, on many lines or on lines crowded with them,
thousands of h1s, focusable divs or disable comments, a gallery read with
caption selectors, images in one link, named by one long paragraph or by the
gallery that holds them, links and buttons that hold only an icon, one link
around thousands of decorative images, one alt text
that copies a caption of N words, list items whose end tags libxml2 drops over
a div left open (on many lines or one). For each it prints the lint time at every
size and the growth exponent between the smallest and largest (time ~ N^k):
about 1 is linear, 2 is quadratic. Work done again for every finding (a
search from the start of a long line, counting an element's siblings) shows
up here long before it shows on ordinary pages, where findings are few.
Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

_HEAD = ("<!doctype html><html lang=en><head><title>Scale</title>"
         "<meta property='og:title' content='Big story'></head><body>")


def _links(n: int) -> str:
    return "".join(f'<a href="/p{i}">Story {i}</a>' for i in range(n)) + \
        "<main><h1>Big story</h1></main>"


def _broken_skip_links(n: int) -> str:
    # every link reads as a skip link; half the targets exist
    return ("".join(f'<a href="#t{i}">Skip to part {i}</a>' for i in range(n)) +
            "<main><h1>Big story</h1>" +
            "".join(f'<p id="t{i}">Part</p>' for i in range(0, n, 2)) + "</main>")


def _hidden_skip_links(n: int) -> str:
    return ("<div style='display:none'>" + '<a href="#m">Skip to content</a>' * n +
            "</div><main id=m><h1>Big story</h1></main>")


def _styled_skip_links(n: int) -> str:
    # n skip links, each class named by n rules inside one @media block: the
    # stylesheet check reads at most 200 mentions per link
    return ("<style>@media screen{" +
            "".join(f".r{i}{{color:red}} .skip{{display:none}}" for i in range(n)) + "}</style>" +
            '<a class="skip" id="s" href="#m">Skip to content</a>' * n +
            "<main id=m><h1>Big story</h1></main>")


def _captioned_images(n: int) -> str:
    return ("<main><h1>Big story</h1>" +
            "".join(f'<figure><img src="a{i}.jpg" alt="Photo {i % 50}">'
                    f'<figcaption>Photo {i % 50}</figcaption></figure>' for i in range(n)) +
            "</main>")


def _images_in_one_cell(n: int) -> str:
    # a layout table's cell holding a gallery and no text: each image asks
    # for the text beside it (img-alt-redundant), and the cell is read once
    return ("<main><h1>Big story</h1><table><tr><td>" +
            "".join(f'<img src="a{i}.jpg" alt="Photo {i}"> ' for i in range(n)) +
            "</td></tr></table></main>")


def _cell_logos(n: int) -> str:
    # a league table: each team's logo named after the team beside it
    return ("<main><h1>Big story</h1><table>" +
            "".join(f'<tr><td><img src="l{i}.png" alt="Team {i}"> Team {i}</td><td>{i}</td></tr>'
                    for i in range(n)) + "</table></main>")


def _images_one_line(n: int) -> str:
    return "<main><h1>Big story</h1>" + "<img src=a.jpg>" * n + "</main>"


def _images_many_lines(n: int) -> str:
    return "<main><h1>Big story</h1>\n" + "\n".join(
        f'<p><img src="x{i}.jpg" alt="IMG_{i}.jpg">' for i in range(n)) + "</main>"


def _crowded_lines(n: int) -> str:
    # lines just under the minified-line threshold, each with a thousand
    # images and a commented-out one that the tree does not have
    line = "<!-- <img src=old.jpg> -->" + "<img src=a.jpg>" * 1000
    return "<main><h1>Big story</h1>\n" + "\n".join([line] * max(1, n // 1000)) + "</main>"


def _empty_headings(n: int) -> str:
    return "<main><h1>Big story</h1>" + '<h2><img src=x alt=""></h2>' * n + "</main>"


def _headline_h1s(n: int) -> str:
    # the og:title headline in every h1: the extras are found by identity
    return "<main>" + "<h1>Big story</h1>" * n + "</main>"


def _focusable_divs(n: int) -> str:
    # uncollected elements (tabindex, role=heading) placed in document order
    return ('<div tabindex="0">Menu</div>' * n + '<a href="#m">Skip to content</a>'
            "<main id=m><h1>Big story</h1>" +
            "".join(f'<div role="heading" aria-level="{1 + i % 6}">Part</div>'
                    for i in range(n)) + "</main>")


def _disable_comments(n: int) -> str:
    # one minified line: every directive covers the rest of it
    return ("<main><h1>Big story</h1>" +
            "<!-- a11ylint-disable-next-line img-alt-missing --><img src=a.jpg>" * n +
            "<!-- a11ylint-disable heading-order --><h3>Part</h3>"
            "<!-- a11ylint-enable heading-order -->" * (n // 4) + "</main>")


def _gallery(n: int) -> str:
    # linted with caption-selectors set: images whose captions, if any, a
    # selector finds among their ancestors' descendants
    return ("<main><h1>Big story</h1><div class=gallery>" +
            "<div><img src=a.jpg alt='Harbour at dawn'></div>" * n +
            "<div><img src=b.jpg alt='Harbour at dawn'><span class=caption></span></div>" * n +
            "</div></main>")


def _linked_images(n: int) -> str:
    # one link around them all: its text is compared with every image's alt
    return ('<main><h1>Big story</h1><a href="/gallery">' +
            "".join(f'<img src="{i}.jpg" alt="Story {i}"> Story {i} ' for i in range(n)) +
            "</a></main>")


def _icon_links(n: int) -> str:
    # share and menu icons: every link holds only a decorative image or an
    # unnamed svg, so each is an img-alt-functional finding
    return ('<main><h1>Big story</h1>' + "".join(
        f'<a href="/s{i}"><img src="i{i}.svg" alt=""></a>' if i % 2 else
        '<button><svg viewBox="0 0 2 2"><path d="M0 0"/></svg></button>' for i in range(n)) +
        "</main>")


def _decorative_in_one_link(n: int) -> str:
    # one link around n decorative images and nothing else: one finding
    return ('<main><h1>Big story</h1><a href="/gallery">' +
            "".join(f'<span><img src="{i}.jpg" alt=""></span>' for i in range(n)) +
            "</a></main>")


def _labelled_images(n: int) -> str:
    # every image named by one long paragraph (aria-labelledby)
    return ('<main><h1>Big story</h1><p id="long">' + "word " * 2000 + "</p>" +
            '<img src="a.jpg" aria-labelledby="long">' * n + "</main>")


def _self_labelled(n: int) -> str:
    # images labelled by the gallery that holds them all: the gallery's text
    # reads each image, which points back at the gallery
    return ('<main><h1>Big story</h1><div id="g">Gallery' +
            "".join(f'<p><img src="{i}.jpg" aria-labelledby="g"></p>' for i in range(n)) +
            "</div></main>")


def _long_alt(n: int) -> str:
    # one image whose alt copies its caption of n words, a few words changed
    words = [("harbour", "storm", "boats", "dawn", "river")[i * 7 % 5] for i in range(n)]
    alt = " ".join(w if i % 25 else "flood" for i, w in enumerate(words))
    return (f'<main><h1>Big story</h1><figure><img src="a.jpg" alt="{alt}">'
            f'<figcaption>{" ".join(words)}</figcaption></figure></main>')


def _deep(n: int) -> str:
    depth = 1000  # libxml2 stops a parse at 2048 open elements
    return ("<main><h1>Big story</h1>" + "<div>" * depth +
            "".join(f'<a href="#z{i}">Skip to {i}</a><img src=a.jpg alt="16x9 image">'
                    for i in range(n // 8)) + "</div>" * depth + "</main>")


def _unclosed_divs(n: int) -> str:
    # list items on their own lines, one in 25 with a div its </li> leaves
    # open: libxml2 drops those end tags and nests every later item one level
    # deeper. The repair parses the page again once per hundred of them (what
    # libxml2 logs in a parse)
    return ('<main><h1>Big story</h1><ul>\n' +
            "".join(f'<li><div><img src="{i}.jpg"></li>\n' if i % 25 == 0 else
                    f'<li><div><img src="{i}.jpg"></div></li>\n' for i in range(n)) +
            "</ul></main>")


def _unclosed_divs_one_line(n: int) -> str:
    # the same, minified: one round, and the tree tells which </li> were dropped
    return _unclosed_divs(n).replace("\n", "")


# settings a shape is linted with, beyond the defaults
SETTINGS = {"caption-selectors": {"caption_selectors": [".caption, .credit"]}}

SHAPES = {
    "links": _links,
    "broken-skip-links": _broken_skip_links,
    "hidden-skip-links": _hidden_skip_links,
    "styled-skip-links": _styled_skip_links,
    "captioned-images": _captioned_images,
    "images-one-line": _images_one_line,
    "images-in-one-cell": _images_in_one_cell,
    "cell-logos": _cell_logos,
    "images-many-lines": _images_many_lines,
    "crowded-lines": _crowded_lines,
    "empty-headings": _empty_headings,
    "headline-h1s": _headline_h1s,
    "focusable-divs": _focusable_divs,
    "disable-comments": _disable_comments,
    "caption-selectors": _gallery,
    "linked-images": _linked_images,
    "icon-links": _icon_links,
    "decorative-in-one-link": _decorative_in_one_link,
    "labelled-images": _labelled_images,
    "self-labelled-images": _self_labelled,
    "long-alt-caption": _long_alt,
    "deep": _deep,
    "unclosed-divs": _unclosed_divs,
    "unclosed-divs-one-line": _unclosed_divs_one_line,
}


def lint_once(engine, html: bytes) -> tuple[float, int]:
    from a11ylint.sources import Source

    src = Source(label="scale.html", data=html)
    t0 = time.perf_counter()
    result = engine.lint_source(src)
    dt = time.perf_counter() - t0
    if result.status != "ok":
        raise SystemExit(f"scale.html: {result.error}")
    return dt, len(result.findings)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="2000,8000,32000",
                    help="repetitions of the pattern, comma-separated (default 2000,8000,32000)")
    ap.add_argument("--shape", action="append", choices=sorted(SHAPES),
                    help="only this shape (repeatable)")
    args = ap.parse_args()
    sizes = sorted({int(s) for s in args.sizes.split(",") if s})
    if len(sizes) < 2:
        ap.error("--sizes needs at least two sizes")

    from a11ylint.engine import Engine
    from a11ylint.settings import Settings

    engines: dict[str, Engine] = {}
    print(f"{'shape':<24}" + "".join(f"{n:>16}" for n in sizes) + "   growth")
    for name in args.shape or SHAPES:
        key = repr(SETTINGS.get(name))
        if key not in engines:
            engines[key] = Engine(Settings(**SETTINGS.get(name, {})))
            engines[key].warm()
        engine = engines[key]
        cells, times = [], []
        for n in sizes:
            html = (_HEAD + SHAPES[name](n) + "</body></html>").encode()
            dt, found = min(lint_once(engine, html) for _ in range(2))
            times.append(dt)
            cells.append(f"{dt:7.3f}s {found:>6}f")
        k = math.log(times[-1] / times[0]) / math.log(sizes[-1] / sizes[0])
        print(f"{name:<24}" + "".join(f"{c:>16}" for c in cells) + f"   N^{k:.2f}")
    print("(f: findings; growth: exponent k of time ~ N^k from the smallest to the largest size)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
