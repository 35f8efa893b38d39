"""Drive one run: items -> engine -> every reporter, results in input order."""

from __future__ import annotations

from collections.abc import Iterable

from a11ylint.engine import Engine
from a11ylint.reporters.base import Reporter, Summary
from a11ylint.sources import Item


def run(engine: Engine, items: Iterable[Item], reporters: list[Reporter], summary: Summary,
        jobs: int = 1, progress=None) -> Summary:
    for rep in reporters:
        rep.start()
    for result in lint_all(engine, items, jobs):
        summary.add(result)
        for rep in reporters:
            rep.page(result)
        if progress is not None:
            progress(result)
    for rep in reporters:
        rep.finish(summary)
    return summary


def lint_all(engine: Engine, items: Iterable[Item], jobs: int = 1):
    for item in items:
        yield engine.lint_item(item)
