"""SARIF 2.1.0, the format GitHub code scanning (and many other dashboards) reads.

Choices that matter to consumers:

* ``tool.driver.rules`` lists only rules that fired, each with its summary,
  rationale, fix advice and the WCAG Understanding page as ``helpUri``;
  results point at them by ``ruleIndex``.
* Columns count Unicode code points of the decoded page (``columnKind``), as
  a11ylint's own columns do.
* The element's CSS selector is the result's logical location, so a finding
  on a minified one-line page is still findable.
* ``partialFingerprints`` carries a11ylint's line-independent fingerprint, so
  code scanning keeps tracking an alert when lines above it move instead of
  closing it and opening a new one.
* A page that could not be linted is a tool execution notification and makes
  ``executionSuccessful`` false: an unreadable page is not a clean page.

The log is one JSON document, so this reporter collects results and writes at
the end.
"""

from __future__ import annotations

import json
import re
from urllib.parse import quote

from a11ylint.findings import page_path
from a11ylint.reporters.base import Reporter, Summary
from a11ylint.wcag import criterion

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
FINGERPRINT_KEY = "a11ylintFingerprint/v1"
SRCROOT = "%SRCROOT%"

_ABS_URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")
_URI_SAFE = "/:@!$&'()*+,;=-._~"  # RFC 3986 path characters that need no escaping


def artifact_location(label: str) -> dict:
    """URLs stay absolute; file paths become relative URIs under %SRCROOT%."""
    if _ABS_URL.match(label):
        return {"uri": label}
    path = page_path(label)
    if path.startswith("/"):
        return {"uri": "file://" + quote(path, safe=_URI_SAFE)}
    return {"uri": quote(path, safe=_URI_SAFE), "uriBaseId": SRCROOT}


def rule_descriptor(rule_id: str, doc: dict | None) -> dict:
    doc = doc or {}
    d: dict = {"id": rule_id, "name": _camel(rule_id)}
    if doc.get("summary"):
        d["shortDescription"] = {"text": doc["summary"]}
    if doc.get("rationale"):
        d["fullDescription"] = {"text": doc["rationale"]}
    wcag = list(doc.get("wcag") or ())
    refs = [c for c in (criterion(n) for n in wcag) if c]
    help_text = doc.get("fix") or doc.get("summary") or rule_id
    md = [help_text]
    if refs:
        md.append("")
        md += [f"- [WCAG {c.number} {c.title} (Level {c.level})]({c.url})" for c in refs]
        d["helpUri"] = refs[0].url
    md.append("")
    md.append(f"Run `a11ylint explain {rule_id}` for examples.")
    d["help"] = {"text": help_text, "markdown": "\n".join(md)}
    if doc.get("severity"):
        d["defaultConfiguration"] = {"level": _level(doc["severity"])}
    tags = ["accessibility", *(f"WCAG {n}" for n in wcag)]
    if doc.get("family"):
        tags.append(doc["family"])
    d["properties"] = {"tags": tags}
    return d


def _camel(rule_id: str) -> str:
    return "".join(p.capitalize() for p in rule_id.split("-"))


def _level(severity) -> str:
    return "error" if str(severity) == "error" else "warning"


class SarifReporter(Reporter):
    name = "sarif"
    streaming = False

    def start(self) -> None:
        self.results: list[dict] = []
        self.rule_index: dict[str, int] = {}
        self.rules: list[dict] = []
        self.notifications: list[dict] = []
        # every input, linted or not, so a clean page is on record too
        self.artifacts: list[dict] = []

    def _index(self, rule_id: str) -> int:
        i = self.rule_index.get(rule_id)
        if i is None:
            i = self.rule_index[rule_id] = len(self.rules)
            self.rules.append(rule_descriptor(rule_id, self.info.rule_docs.get(rule_id)))
        return i

    def page(self, result) -> None:
        loc = artifact_location(result.source)
        self.artifacts.append({
            "location": dict(loc),
            "properties": {"status": result.status, "findings": len(result.findings),
                           **({"error": result.error} if result.error else {})},
        })
        if result.status != "ok":
            self.notifications.append({
                "level": "error",
                "message": {"text": f"could not lint {result.source}: {result.error}"},
                "locations": [{"physicalLocation": {"artifactLocation": dict(loc)}}],
                "descriptor": {"id": "lint-error"},
            })
        for f in result.findings:
            region: dict = {"startLine": max(f.line, 1), "startColumn": max(f.column, 1)}
            if f.snippet:
                region["snippet"] = {"text": f.snippet}
            location: dict = {"physicalLocation": {"artifactLocation": dict(loc),
                                                   "region": region}}
            if f.selector:
                location["logicalLocations"] = [{"fullyQualifiedName": f.selector,
                                                 "kind": "element"}]
            r: dict = {
                "ruleId": f.rule,
                "ruleIndex": self._index(f.rule),
                "level": _level(f.severity),
                "message": {"text": f.message},
                "locations": [location],
            }
            if f.fingerprint:
                r["partialFingerprints"] = {FINGERPRINT_KEY: f.fingerprint}
            props: dict = {}
            if f.wcag:
                props["wcag"] = list(f.wcag)
            if f.help:
                props["help"] = f.help
            if props:
                r["properties"] = props
            self.results.append(r)

    def finish(self, summary: Summary) -> None:
        invocation: dict = {"executionSuccessful": not summary.errors}
        if self.notifications:
            invocation["toolExecutionNotifications"] = self.notifications
        run = {
            "tool": {"driver": {
                "name": "a11ylint",
                "version": self.info.version,
                "rules": self.rules,
            }},
            "invocations": [invocation],
            "artifacts": self.artifacts,
            "columnKind": "unicodeCodePoints",
            # lines are counted as the HTML standard counts them: a lone CR
            # (an old Mac line end) breaks a line too, unlike SARIF's default
            "newlineSequences": ["\r\n", "\n", "\r"],
            "results": self.results,
        }
        log = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
        self.stream.write(json.dumps(log, ensure_ascii=False, indent=2) + "\n")
