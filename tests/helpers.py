"""Test helpers: lint HTML strings and compare (rule, line, column) triples,
never message text (messages may be reworded; positions and ids may not)."""

from __future__ import annotations

import textwrap

from a11ylint.engine import Engine
from a11ylint.page.model import Source
from a11ylint.settings import Settings

_ENGINES: dict = {}


def engine_for(select=None, **settings) -> Engine:
    key = (tuple(select) if select else None, repr(sorted(settings.items())))
    eng = _ENGINES.get(key)
    if eng is None:
        eng = Engine(Settings(select=list(select) if select else None, **settings))
        _ENGINES[key] = eng
    return eng


def lint(html: str | bytes, select=None, label: str = "page.html", url=None,
         content_type=None, **settings):
    """Lint a document; returns the PageResult."""
    if isinstance(html, str):
        html = textwrap.dedent(html).lstrip("\n").encode("utf-8")
        content_type = content_type or "text/html; charset=utf-8"
    eng = engine_for(select, **settings)
    return eng.lint_source(Source(label, html, url=url, content_type=content_type))


def findings(html, select=None, **kw) -> list[tuple[str, int, int]]:
    """(rule, line, column) of every finding, sorted."""
    res = lint(html, select, **kw)
    assert res.status == "ok", res.error
    return [(f.rule, f.line, f.column) for f in res.findings]


def rules_fired(html, select=None, **kw) -> list[str]:
    return [r for r, _, _ in findings(html, select, **kw)]
