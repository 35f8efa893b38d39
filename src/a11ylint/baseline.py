"""Baselines: adopt a11ylint on a site with existing problems and fail CI only
on new ones.

``--write-baseline FILE`` records every current finding; ``--baseline FILE``
hides the findings recorded there and reports the rest, plus how many recorded
findings no longer occur (fixed since the baseline was written).

Findings are matched by fingerprint (page, rule, selector without positional
indexes, element snippet without class/style; see ``findings.fingerprint``),
never by line, so editing the page above an element, or restyling an
ancestor, does not resurrect its baselined finding. Matching counts
occurrences: two identical images with missing alt in the baseline excuse two,
and a third one is new.

The file is JSON, sorted and free of timestamps and line numbers, so it diffs
cleanly in review and does not churn when unrelated lines move.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from a11ylint.findings import PageResult, fingerprint, page_path
from a11ylint.reporters.base import Summary

VERSION = 1


class BaselineError(Exception):
    pass


def normalise_page(label: str) -> str:
    """Same page, same key, whether it was given as ``./a.html`` or ``a.html``."""
    return page_path(label)


def key_of(page: str, f) -> str:
    return fingerprint(normalise_page(page), f.rule, f.selector, f.snippet)


@dataclass
class Baseline:
    counts: Counter = field(default_factory=Counter)  # fingerprint -> occurrences
    pages: dict[str, Counter] = field(default_factory=dict)  # page -> fingerprints there
    path: str = ""

    @classmethod
    def load(cls, path: str) -> Baseline:
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except OSError as exc:
            raise BaselineError(f"{path}: cannot read baseline: {exc.strerror or exc}") from None
        except ValueError as exc:
            raise BaselineError(f"{path}: not a baseline file (invalid JSON: {exc})") from None
        except RecursionError:
            raise BaselineError(f"{path}: not a baseline file (JSON nested too deeply)") from None
        if not isinstance(data, dict) or data.get("version") != VERSION or \
                not isinstance(data.get("findings"), list):
            raise BaselineError(f"{path}: not an a11ylint baseline (version {VERSION})")
        b = cls(path=path)
        for entry in data["findings"]:
            try:
                fp, page = entry["fingerprint"], normalise_page(entry["page"])
            except (KeyError, TypeError, AttributeError):
                raise BaselineError(f"{path}: malformed entry {entry!r}") from None
            b.counts[fp] += 1
            b.pages.setdefault(page, Counter())[fp] += 1
        return b

    def __len__(self) -> int:
        return sum(self.counts.values())


class BaselineFilter:
    """Removes baselined findings from results and keeps the tallies."""

    def __init__(self, baseline: Baseline) -> None:
        self.baseline = baseline
        self.matched = 0
        self.fixed = 0

    def apply(self, result: PageResult) -> None:
        page = normalise_page(result.source)
        expected = self.baseline.pages.get(page)
        if not expected:
            return
        remaining = Counter(expected)
        kept = []
        for f in result.findings:
            k = key_of(result.source, f)
            if remaining[k] > 0:
                remaining[k] -= 1
                self.matched += 1
            else:
                kept.append(f)
        result.findings = kept
        # an unreadable page proves nothing fixed; neither does a page not linted
        if result.status == "ok":
            self.fixed += sum(n for n in remaining.values() if n > 0)

    def extra(self) -> dict:
        return {"baselined": self.matched, "fixed_since_baseline": self.fixed}


class BaselineSummary(Summary):
    """A Summary that first takes baselined findings out of each page.

    The summary sees every result in the main process and in input order,
    before any reporter, whatever the number of worker processes, so it is
    the one place where filtering keeps counts, reports and exit code
    consistent.
    """

    def __init__(self, *args, baseline_filter: BaselineFilter | None = None,
                 writer: BaselineWriter | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.baseline_filter = baseline_filter
        self.writer = writer

    def add(self, r: PageResult) -> None:
        if self.writer is not None:
            self.writer.add(r)
        if self.baseline_filter is not None:
            self.baseline_filter.apply(r)
            self.extra.update(self.baseline_filter.extra())
        super().add(r)


class BaselineWriter:
    def __init__(self) -> None:
        self.entries: list[dict] = []

    def add(self, result: PageResult) -> None:
        page = normalise_page(result.source)
        for f in result.findings:
            self.entries.append({
                "page": page,
                "rule": f.rule,
                "selector": f.selector,
                "snippet": f.snippet,
                "message": f.message,
                "fingerprint": key_of(result.source, f),
            })

    def dumps(self) -> str:
        entries = sorted(self.entries, key=lambda e: (e["page"], e["rule"], e["selector"],
                                                      e["fingerprint"], e["message"]))
        return json.dumps({"version": VERSION, "tool": "a11ylint", "findings": entries},
                          ensure_ascii=False, indent=2) + "\n"

    def write(self, path: str) -> int:
        """Write the baseline in full or not at all (see output.FileOutput)."""
        from a11ylint.output import FileOutput

        out = FileOutput(path)
        try:
            out.fh.write(self.dumps())
            out.commit()
        finally:
            out.discard()
        return len(self.entries)
