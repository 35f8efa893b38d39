"""Helpers for testing rules, built-in or from a plugin package.

A rule's fail and pass examples are its contract: ``example_failures`` runs
each one in a complete document, as ``a11ylint explain`` shows it, and says
which do not behave as documented. A plugin's own test suite needs no more
than ``assert example_failures(MyRule) == []``.
"""

from __future__ import annotations

import textwrap

from a11ylint.engine import Engine
from a11ylint.findings import PageResult
from a11ylint.page.model import Source
from a11ylint.rules.base import Rule, example_document
from a11ylint.settings import Settings


def lint_html(html: str, select: list[str] | None = None, label: str = "page.html",
              **settings) -> PageResult:
    """Lint one document given as a string (dedented), with the rules that
    ``select`` names (every rule when None) and any other Settings field
    (``rules=["legal/imprint"]``, ``rule_options={...}``)."""
    engine = Engine(Settings(select=select, **settings))
    data = textwrap.dedent(html).lstrip("\n").encode("utf-8")
    return engine.lint_source(Source(label, data, content_type="text/html; charset=utf-8"))


def example_failures(rule: type[Rule], **settings) -> list[str]:
    """What is wrong with the rule's documented examples, one line each:
    a rule without examples, a fail example that raises no finding of the
    rule, a pass example that does, a page that could not be linted."""
    problems = []
    if not rule.fail_examples or not rule.pass_examples:
        problems.append(f"{rule.id}: needs at least one fail and one pass example")
    for kind, examples in (("fail", rule.fail_examples), ("pass", rule.pass_examples)):
        for i, example in enumerate(examples):
            res = lint_html(example_document(example), select=[rule.id], **settings)
            if res.status != "ok":
                problems.append(f"{rule.id}: {kind} example {i}: {res.error}")
                continue
            fired = [f for f in res.findings if f.rule == rule.id]
            if kind == "fail" and not fired:
                problems.append(f"{rule.id}: fail example {i} raised no finding")
            elif kind == "pass" and fired:
                problems.append(f"{rule.id}: pass example {i} raised: {fired[0].message}")
    return problems
