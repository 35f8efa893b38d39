"""The reporter interface and the run summary every format shares.

Streaming reporters write as pages arrive; aggregate ones keep what they need
and write in ``finish``. Machine formats go to stdout or a file; progress and
chatter go to stderr.
"""

from __future__ import annotations

import datetime as _dt
from collections import Counter
from dataclasses import dataclass, field
from typing import IO, Any

from a11ylint import __version__
from a11ylint.findings import PageResult, Severity, counted, family_of


@dataclass
class RunInfo:
    inputs: list[str] = field(default_factory=list)
    packs: list[str] = field(default_factory=list)
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    fail_on: str = "error"
    rules: list[str] = field(default_factory=list)  # ids of the rules that ran
    rule_docs: dict[str, dict[str, Any]] = field(default_factory=dict)
    started: str = field(default_factory=lambda: _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"))
    version: str = __version__
    config: str | None = None
    exit_zero: bool = False

    def to_dict(self) -> dict[str, Any]:
        # "rule_docs" (rule id -> documentation of the rules that ran) and
        # "exit_zero" were added to schema version 1 later; readers treat them
        # as optional
        return {
            "inputs": self.inputs, "packs": self.packs, "select": self.select,
            "ignore": self.ignore, "fail_on": self.fail_on, "rules": self.rules,
            "started": self.started, "config": self.config, "exit_zero": self.exit_zero,
            "rule_docs": self.rule_docs,
        }


@dataclass
class Summary:
    fail_on: Severity | None = Severity.ERROR
    exit_zero: bool = False
    pages: int = 0
    pages_ok: int = 0
    pages_with_findings: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)
    by_severity: Counter = field(default_factory=Counter)
    by_rule: Counter = field(default_factory=Counter)
    by_family: Counter = field(default_factory=Counter)
    pages_by_rule: Counter = field(default_factory=Counter)
    suppressed: int = 0
    extra: dict[str, Any] = field(default_factory=dict)

    def add(self, r: PageResult) -> None:
        self.pages += 1
        if r.status == "ok":
            self.pages_ok += 1
        else:
            self.errors.append((r.source, r.error or "error"))
        if r.findings:
            self.pages_with_findings += 1
        self.suppressed += r.suppressed
        if not r.findings:
            return
        # the parent process of a -j run does this for every page: keep it lean
        rules = [f.rule for f in r.findings]
        self.by_rule.update(rules)
        self.by_family.update(family_of(rule) for rule in rules)
        self.by_severity.update(f.severity.name.lower() for f in r.findings)
        self.pages_by_rule.update(set(rules))

    @property
    def findings(self) -> int:
        return sum(self.by_rule.values())

    @property
    def failing(self) -> int:
        """Findings at or above the fail level."""
        if self.fail_on is None:
            return 0
        return sum(n for sev, n in self.by_severity.items() if Severity.parse(sev) >= self.fail_on)

    @property
    def exit_code(self) -> int:
        if self.errors:
            return 2
        if self.failing and not self.exit_zero:
            return 1
        return 0

    @property
    def totals(self) -> str:
        """ "3 pages checked, 2 findings (1 error, 1 warning)": the count each
        report's closing line opens with."""
        errs = self.by_severity.get("error", 0)
        warns = self.by_severity.get("warning", 0)
        return (f"{counted(self.pages, 'page')} checked, {counted(self.findings, 'finding')} "
                f"({counted(errs, 'error')}, {counted(warns, 'warning')})")

    @property
    def verdict(self) -> str:
        """The run's outcome in words, as the reports headline it."""
        code = self.exit_code
        if code == 2:
            return f"Error: {counted(len(self.errors), 'page')} could not be linted"
        if code == 1:
            return f"Fail: {counted(self.failing, 'finding')} at or above the fail level"
        if self.failing and self.exit_zero:
            return (f"Pass (--exit-zero): {counted(self.failing, 'finding')} at or above the "
                    "fail level")
        return "Pass"

    def to_dict(self) -> dict[str, Any]:
        return {
            "pages": self.pages,
            "pages_ok": self.pages_ok,
            "pages_with_findings": self.pages_with_findings,
            "pages_with_errors": len(self.errors),
            "findings": self.findings,
            "by_severity": {"error": self.by_severity.get("error", 0),
                            "warning": self.by_severity.get("warning", 0)},
            "by_rule": dict(self.by_rule.most_common()),
            "by_family": dict(self.by_family.most_common()),
            "suppressed": self.suppressed,
            "fail_on": str(self.fail_on) if self.fail_on else "never",
            "exit_code": self.exit_code,
            **self.extra,
        }


class Reporter:
    """One output format writing to one stream."""

    name = ""
    streaming = True

    def __init__(self, stream: IO[str], info: RunInfo, **options: Any) -> None:
        self.stream = stream
        self.info = info
        self.options = options

    def start(self) -> None:
        pass

    def page(self, result: PageResult) -> None:
        pass

    def finish(self, summary: Summary) -> None:
        pass
