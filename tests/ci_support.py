"""Test-only rules for the CI-integration tests: small, fixed behaviour, so the
tests of formats, directives and baselines do not move when real rules change."""

from __future__ import annotations

import textwrap

import pytest

from a11ylint.engine import Engine
from a11ylint.findings import Severity
from a11ylint.page.model import Source
from a11ylint.rules.base import Rule
from a11ylint.settings import Settings


class DemoImgMissing(Rule):
    """Every <img> without an alt attribute."""

    id = "demo-img-missing"
    family = "demo-img"
    severity = Severity.ERROR
    wcag = ("1.1.1",)
    summary = "Image without alt"
    rationale = "Screen readers announce the file name."
    fix = "Add an alt attribute."

    def check(self, page):
        for el in page.images:
            if el.tag == "img" and el.get("alt") is None:
                yield self.finding(page, el, f"<img src={el.get('src')!r}> has no alt")


class DemoLinkEmpty(Rule):
    """Links without text."""

    id = "demo-link-empty"
    family = "demo-link"
    severity = Severity.WARNING
    summary = "Link without text"
    rationale = "The link is announced as 'link'."
    fix = "Give the link text."

    def check(self, page):
        for el in page.links:
            if not "".join(el.itertext()).strip():
                yield self.finding(page, el, "link has no text")


DEMO_RULES = [DemoImgMissing, DemoLinkEmpty]
DEMO = ["demo-img-missing", "demo-link-empty"]


@pytest.fixture
def demo_rules(monkeypatch):
    """Register the demo rules next to the built-in ones for one test."""
    import a11ylint.directives
    import a11ylint.rules as rules_mod

    monkeypatch.setattr(rules_mod, "builtin_rules",
                        lambda: [*DEMO_RULES, *a11ylint.directives.RULES])
    return DEMO


def demo_engine(**settings) -> Engine:
    settings.setdefault("select", DEMO)
    return Engine(Settings(**settings))


def demo_lint(html: str, label: str = "page.html", **settings):
    eng = demo_engine(**settings)
    data = textwrap.dedent(html).lstrip("\n").encode("utf-8")
    res = eng.lint_source(Source(label, data, content_type="text/html; charset=utf-8"))
    assert res.status == "ok", res.error
    return res


def triples(res) -> list[tuple[str, int, int]]:
    return [(f.rule, f.line, f.column) for f in res.findings]
