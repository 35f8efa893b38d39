"""img-alt: answers that come from an image's ancestors (captions, the
enclosing link or button, print-only containers, hidden containers).

They are memoised per ancestor within a page, so these cases put several
images under shared containers and check that each still gets the answer of
its own nearest ancestor, whichever image asked first.
"""

from __future__ import annotations

from helpers import findings, lint

IMG = ["img-alt"]


def run(body: str) -> list[tuple[str, int, int]]:
    html = ('<html lang="en"><head><meta charset="utf-8"><title>t</title></head><body>\n'
            f"{body}\n</body></html>\n")
    return findings(html, select=IMG)


ALT = "Mayor Ana Ruiz opens the new bridge"


def test_images_sharing_a_figure_share_its_caption():
    body = ('<figure>\n'
            f'<div><img src="/a.jpg" alt="{ALT}"></div>\n'
            f'<div><div><img src="/b.jpg" alt="{ALT}"></div></div>\n'
            f'<figcaption>{ALT}</figcaption>\n'
            '</figure>')
    assert run(body) == [("img-alt-caption-duplicate", 3, 6),
                         ("img-alt-caption-duplicate", 4, 11)]


def test_nearest_caption_wins_over_an_outer_one():
    # the inner figure's caption differs from the alt; the outer one repeats it
    body = ('<figure>\n'
            f'<figure><img src="/a.jpg" alt="{ALT}"><figcaption>A steel bridge at dusk'
            '</figcaption></figure>\n'
            f'<img src="/b.jpg" alt="{ALT}">\n'
            f'<figcaption>{ALT}</figcaption>\n'
            '</figure>')
    assert run(body) == [("img-alt-caption-duplicate", 4, 1)]


def test_outer_caption_reaches_images_in_an_uncaptioned_inner_figure():
    body = ('<figure>\n'
            f'<img src="/b.jpg" alt="{ALT}">\n'
            f'<figure><img src="/a.jpg" alt="{ALT}"></figure>\n'
            f'<figcaption>{ALT}</figcaption>\n'
            '</figure>')
    assert run(body) == [("img-alt-caption-duplicate", 3, 1),
                         ("img-alt-caption-duplicate", 4, 9)]


def test_nearest_control_decides_link_or_button():
    # one link around both images; the first also sits in a nearer role=button
    html = ('<html lang="en"><head><title>t</title></head><body>\n'
            '<a href="/news/bridge">\n'
            f'<span role="button"><img src="/b.jpg" alt="{ALT}"> {ALT}</span>\n'
            f'<img src="/a.jpg" alt="{ALT}">\n'
            '</a>\n</body></html>\n')
    res = lint(html, IMG)
    assert [(f.rule, f.line, f.message.split(" text ")[1]) for f in res.findings] == [
        ("img-alt-redundant", 3, "repeats the button"),
        ("img-alt-redundant", 4, "repeats the link"),
    ]


def test_print_only_counts_up_to_three_ancestors():
    body = ('<div class="logo-print"><div><div>'
            '<img src="/logo.png"></div></div></div>\n'
            '<div class="logo-print"><div><div><div>'
            '<img src="/logo.png"></div></div></div></div>')
    assert run(body) == [("img-alt-missing", 3, 40)]


def test_hidden_container_hides_only_its_own_images():
    body = ('<div><div aria-hidden="true"><img src="/a.jpg"></div>\n'
            '<img src="/b.jpg">\n'
            '<div style="display: none"><img src="/c.jpg"></div></div>')
    assert run(body) == [("img-alt-missing", 3, 1)]
