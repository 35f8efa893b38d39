"""Findings and per-page results: the data every reporter consumes.

Kept free of lxml objects so results can cross process boundaries (``-j``)
and be saved as JSON and rendered again later (``a11ylint report``).
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any


class Severity(IntEnum):
    """Ordered so that ``severity >= fail_on`` reads naturally."""

    WARNING = 1
    ERROR = 2

    @classmethod
    def parse(cls, value: str) -> Severity:
        try:
            return cls[value.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {value!r} (expected 'error' or 'warning')") from None

    def __str__(self) -> str:
        return self.name.lower()


_NOISE_ATTR = re.compile(
    r'\s(?:class|style|data-a11ylint-ignore)(?![\w-])(?:\s*=\s*("[^"]*"|\'[^\']*\'|[^\s>]+))?', re.I)
_POSITIONAL = re.compile(r":nth-(?:child|of-type)\(\d+\)")


def normalise_snippet(snippet: str) -> str:
    """Whitespace-collapsed snippet without class/style noise, for fingerprints.

    Classes and inline styles change with every redesign; they must not make an
    old, baselined finding look new.
    """
    # data-a11ylint-ignore too: adding a suppression for another rule must not
    # make this element's baselined findings look new
    s = _NOISE_ATTR.sub("", snippet)
    return " ".join(s.split()).lower()


def _strip_positional(selector: str) -> str:
    # positions shift when siblings are added; keep only tag names and ids
    # (:nth-child from selectors of earlier versions, so their baselines hold)
    return _POSITIONAL.sub("", selector) if ":" in selector else selector


def fingerprint(page: str, rule: str, selector: str, snippet: str) -> str:
    """A line-independent identity for a finding (baselines, SARIF)."""
    key = "\x1f".join((page, rule, _strip_positional(selector), normalise_snippet(snippet)))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


@dataclass(slots=True)
class Finding:
    rule: str
    severity: Severity
    message: str
    line: int = 1
    column: int = 1
    selector: str = ""
    snippet: str = ""
    wcag: tuple[str, ...] = ()
    help: str = ""
    context: dict[str, Any] = field(default_factory=dict)
    fingerprint: str = ""
    # the lxml element, only while the engine filters findings; never serialised
    element: Any = field(default=None, repr=False, compare=False)

    @property
    def family(self) -> str:
        return family_of(self.rule)

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": str(self.severity),
            "message": self.message,
            "line": self.line,
            "column": self.column,
            "selector": self.selector,
            "snippet": self.snippet,
            "wcag": list(self.wcag),
            "help": self.help,
            "context": self.context,
            "fingerprint": self.fingerprint,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Finding:
        """A finding of saved JSON results; ValueError names the first field
        of the wrong type, which a hand-edited or foreign file may hold."""
        wcag = _field(d, "wcag", list, [])
        if not is_strings(wcag):
            raise ValueError("'wcag' should be a list of strings")
        return cls(
            rule=_field(d, "rule", str),
            severity=Severity.parse(_field(d, "severity", str)),
            message=_field(d, "message", str, ""),
            line=_field(d, "line", int, 1),
            column=_field(d, "column", int, 1),
            selector=_field(d, "selector", str, ""),
            snippet=_field(d, "snippet", str, ""),
            wcag=tuple(wcag),
            help=_field(d, "help", str, ""),
            context=dict(_field(d, "context", dict, {})),
            fingerprint=_field(d, "fingerprint", str, ""),
        )


def is_strings(value: Any) -> bool:
    """A JSON list of strings."""
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


_REQUIRED = object()
_TYPE_NAMES = {str: "a string", int: "a whole number", list: "a list", dict: "an object"}


def _field(d: dict[str, Any], key: str, kind: type, default: Any = _REQUIRED) -> Any:
    """``d[key]`` if it is a ``kind`` (null or absent: ``default``)."""
    if not isinstance(d, dict):
        raise ValueError(f"expected an object, not {_json_type(d)}")
    value = d.get(key)
    if value is None:
        if default is _REQUIRED:
            raise ValueError(f"{key!r} is missing")
        return default
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise ValueError(f"{key!r} should be {_TYPE_NAMES[kind]}, not {_json_type(value)}")
    return value


def _json_type(value: Any) -> str:
    return {bool: "true/false", int: "a number", float: "a number", str: "a string",
            list: "a list", dict: "an object", type(None): "null"}.get(type(value), "a value")


def page_path(label: str) -> str:
    """A page label as a forward-slash path without leading ``./``, so
    ``./a.html`` and ``a.html`` name the same page in every report. Only
    where the system separates paths with a backslash is it one: elsewhere
    it is part of a file's name."""
    p = label.replace(os.sep, "/") if os.sep != "/" else label
    while p.startswith("./"):
        p = p[2:]
    return p


def noun(n: int, word: str) -> str:
    """The noun for a count: "page" for 1, "pages" otherwise."""
    return word if n == 1 else word + "s"


def counted(n: int, word: str) -> str:
    """ "1 page", "2 pages": messages read as sentences, not "page(s)"."""
    return f"{n} {noun(n, word)}"


def family_of(rule_id: str) -> str:
    """Family = the rule id's prefix: ``img-alt-missing`` -> ``img-alt``.

    Legal notices form one family (``legal``); other ids of three or more
    words use the first two (``skip-link``, ``img-alt``), shorter ones the
    first (``heading``).
    """
    parts = rule_id.split("-")
    if parts[0] == "legal" or len(parts) < 3:
        return parts[0]
    return "-".join(parts[:2])


@dataclass(slots=True)
class PageResult:
    source: str
    status: str = "ok"  # "ok" | "error"
    error: str | None = None
    findings: list[Finding] = field(default_factory=list)
    url: str | None = None
    base: str | None = None  # URL or folder that resolves relative image sources
    title: str | None = None
    suppressed: int = 0
    # source lines of findings, kept only for --show-source; never serialised
    lines: dict[int, str] | None = field(default=None, repr=False, compare=False)

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "source": self.source,
            "status": self.status,
            "error": self.error,
            "findings": [f.to_dict() for f in self.findings],
        }
        if self.url:
            d["url"] = self.url
        if self.base:
            d["base"] = self.base
        if self.title:
            d["title"] = self.title
        if self.suppressed:
            d["suppressed"] = self.suppressed
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> PageResult:
        status = _field(d, "status", str, "ok")
        if status not in ("ok", "error"):
            raise ValueError(f"'status' should be \"ok\" or \"error\", not {status!r}")
        findings = []
        for i, f in enumerate(_field(d, "findings", list, [])):
            try:
                findings.append(Finding.from_dict(f))
            except ValueError as exc:
                raise ValueError(f"finding {i + 1}: {exc}") from None
        return cls(
            source=_field(d, "source", str),
            status=status,
            error=_field(d, "error", str, None),
            findings=findings,
            url=_field(d, "url", str, None),
            base=_field(d, "base", str, None),
            title=_field(d, "title", str, None),
            suppressed=_field(d, "suppressed", int, 0),
        )
