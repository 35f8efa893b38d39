"""Headings and images whose text or alt a framework binds from script
(Vue, Alpine.js, AngularJS, Knockout): empty in the source, named for
the reader, so heading-empty, heading-headline and img-alt-missing leave them
alone. The same markup without the binding is still reported, at the same
place, so each case shows the binding is what silences the rule."""

from __future__ import annotations

import pytest

from helpers import findings

HEADINGS = [
    '<h2 class="title" v-html="article.title"></h2>',
    '<h2 v-text="article.title"></h2>',
    '<h2 x-text="post.title"></h2>',
    '<h2 x-html="post.title"></h2>',
    '<h2 ng-bind="story.title"></h2>',
    '<h2 data-ng-bind-html="story.title"></h2>',
    '<h2 ng-bind-template="{{a}} {{b}}"></h2>',
    '<h2 data-bind="css: { hot: isHot }, text: title"></h2>',
    '<h2 data-bind="html: titleHtml"></h2>',
    '<h2><a :href="post.url"><span v-text="post.title"></span></a></h2>',
]


def _page(h2: str) -> str:
    return f"""\
<html><body>
<h1>Storm closes harbour</h1>
<ul><li>
{h2}
</li></ul>
</body></html>
"""


@pytest.mark.parametrize("h2", HEADINGS)
def test_heading_with_bound_text_is_not_empty(h2):
    assert findings(_page(h2), select=["heading-empty"]) == []


@pytest.mark.parametrize("h2", HEADINGS)
def test_the_same_heading_without_its_binding_is_empty(h2):
    import re

    unbound = re.sub(r'\s(?:v-html|v-text|x-text|x-html|ng-bind|data-ng-bind-html|'
                     r'ng-bind-template|data-bind)="[^"]*"', "", h2)
    assert unbound != h2
    assert findings(_page(unbound), select=["heading-empty"]) == [("heading-empty", 4, 1)]


def test_bindings_that_do_not_set_content_leave_the_heading_empty():
    # AMP's amp-bind ([text], [alt]) changes an element only when the reader
    # interacts: the page loads with what the HTML holds
    html = """\
<html><body>
<h1>Storm</h1>
<h2 v-if="ready" :class="kind" @click="open"></h2>
<h2 data-bind="visible: ready, textInput: q"></h2>
<h2 class="v-text x-html"></h2>
<h2 [text]="story.title"></h2>
<h2 data-amp-bind-text="story.title"></h2>
</body></html>
"""
    assert findings(html, select=["heading-empty"]) == [
        ("heading-empty", 3, 1), ("heading-empty", 4, 1), ("heading-empty", 5, 1),
        ("heading-empty", 6, 1), ("heading-empty", 7, 1)]


OG = '<meta property="og:title" content="Storm closes harbour">'


def test_bound_h1_may_carry_the_headline():
    html = f"""\
<html><head>{OG}</head><body>
<header><p>Daily Bugle</p></header>
<main><h1 v-html="article.headline"></h1></main>
</body></html>
"""
    assert findings(html, select=["heading"]) == []


def test_unbound_empty_h1_does_not_carry_the_headline():
    html = f"""\
<html><head>{OG}</head><body>
<header><p>Daily Bugle</p></header>
<main><h1 class="headline"></h1></main>
</body></html>
"""
    assert findings(html, select=["heading"]) == [
        ("heading-empty", 3, 7), ("heading-headline", 3, 7)]


IMAGES = [
    '<img :src="photo.url" :alt="photo.description">',
    '<img v-bind:alt="photo.description" src="/p.jpg">',
    '<img x-bind:alt="photo.description" src="/p.jpg">',
    '<img v-bind="photo.attrs">',
    '<img ng-src="{{p.url}}" ng-attr-alt="{{p.alt}}">',
    '<img data-bind="attr: { src: url, alt: caption }">',
    '<img src="/p.jpg" :aria-label="photo.description">',
    '<img src="/p.jpg" alt=" " :title="photo.description">',
    '<svg role="img"><title v-text="chart.title"></title></svg>',
]


@pytest.mark.parametrize("img", IMAGES)
def test_image_with_bound_name_is_not_missing_alt(img):
    html = f"<html><body>\n<p>Flood</p>\n{img}\n</body></html>\n"
    assert findings(html, select=["img-alt-missing"]) == []


def test_images_whose_bindings_give_no_name_are_still_missing_alt():
    html = """\
<html><body>
<img :src="photo.url">
<img v-bind:class="kind" src="/p.jpg">
<img data-bind="attr: { src: url, 'data-alt': caption }">
<img src="/p.jpg" :alt-text="x">
<img src="/p.jpg" v-binding="x" ng-attr-title-x="y" [alt-x]="z">
<amp-img src="/p.jpg" [alt]="photo.alt" data-amp-bind-alt="photo.alt" width="4" height="3"></amp-img>
</body></html>
"""
    assert findings(html, select=["img-alt-missing"]) == [
        ("img-alt-missing", 2, 1), ("img-alt-missing", 3, 1), ("img-alt-missing", 4, 1),
        ("img-alt-missing", 5, 1), ("img-alt-missing", 6, 1), ("img-alt-missing", 7, 1)]


def test_messages_name_a_bound_heading_by_its_binding():
    from helpers import lint

    html = """\
<html><body>
<h1>Storm</h1>
<h2 v-text="section.title"></h2>
<h4>Timetable</h4>
</body></html>
"""
    res = lint(html, ["heading"])
    assert [(f.rule, f.line, f.column, f.message) for f in res.findings] == [
        ("heading-order", 4, 1, 'h4 "Timetable" follows h2 filled by script (v-text): level 4 '
         "skips level 3 (use h3 or higher)")]
