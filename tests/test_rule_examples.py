"""Every rule's documented examples are executable: fail examples fire the
rule, pass examples do not. Documentation cannot drift from behaviour."""

from __future__ import annotations

import pytest

from a11ylint.packs import available_shipped_packs, load_packs
from a11ylint.rules import all_rules
from a11ylint.rules.base import example_document
from helpers import lint

# shipped legal packs are opt-in for linting; their examples are tested here
PACKS = ["legal"] if any(p.startswith("legal/") for p in available_shipped_packs()) else []
REGISTRY = all_rules(load_packs(PACKS).rules)
CASES = [(rid, kind, i, ex) for rid, cls in REGISTRY.items()
         for kind, exs in (("fail", cls.fail_examples), ("pass", cls.pass_examples))
         for i, ex in enumerate(exs)]


def test_every_rule_has_examples_and_docs():
    assert REGISTRY
    for rid, cls in REGISTRY.items():
        assert cls.fail_examples, f"{rid} has no failing example"
        assert cls.pass_examples, f"{rid} has no passing example"
        assert cls.summary and cls.rationale and cls.fix, f"{rid} lacks documentation"
        assert cls.family and rid.startswith(cls.family), rid


@pytest.mark.parametrize("rid,kind,i,example", CASES, ids=[f"{c[0]}-{c[1]}{c[2]}" for c in CASES])
def test_example(rid, kind, i, example):
    res = lint(example_document(example), select=[rid], rules=PACKS)
    assert res.status == "ok", res.error
    fired = [f.rule for f in res.findings if f.rule == rid]
    if kind == "fail":
        assert fired, f"{rid}: failing example {i} produced no finding"
    else:
        assert not fired, f"{rid}: passing example {i} produced {res.findings}"
