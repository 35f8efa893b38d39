"""GitLab Code Quality report (a JSON array of issues), shown in merge
request widgets and diffs.

GitLab requires a ``fingerprint`` unique per issue and stable between
pipelines, or the widget shows every finding as fixed-and-new on each run.
a11ylint's fingerprint is already line-independent; identical findings on one
page (two images without alt in the same kind of slot) share it, so the n-th
repetition gets ``:n`` appended. Severities map error -> major,
warning -> minor, and every issue is filed under "Bug Risk" (the Code
Climate categories have no accessibility entry); a page that could not be linted is a ``critical`` issue, so
it cannot pass unnoticed.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter

from a11ylint.findings import page_path
from a11ylint.reporters.base import Reporter, Summary

SEVERITY = {"error": "major", "warning": "minor"}


class GitlabReporter(Reporter):
    name = "gitlab"
    streaming = True

    def start(self) -> None:
        self.stream.write("[")
        self._first = True
        self._seen: Counter = Counter()

    def _emit(self, issue: dict) -> None:
        text = json.dumps(issue, ensure_ascii=False, indent=2)
        text = "\n".join("  " + line for line in text.splitlines())
        self.stream.write(("\n" if self._first else ",\n") + text)
        self._first = False

    def _fingerprint(self, base: str) -> str:
        self._seen[base] += 1
        n = self._seen[base]
        key = base if n == 1 else f"{base}:{n}"
        return hashlib.md5(key.encode("utf-8"), usedforsecurity=False).hexdigest()

    def page(self, result) -> None:
        path = page_path(result.source)
        if result.status != "ok":
            self._emit({
                "type": "issue",
                "check_name": "a11ylint-error",
                "description": f"could not lint {result.source}: {result.error}",
                "categories": ["Bug Risk"],
                "severity": "critical",
                "fingerprint": self._fingerprint(f"error\x1f{path}"),
                "location": {"path": path, "lines": {"begin": 1}},
            })
        for f in result.findings:
            body = f.help
            if f.selector:
                body = f"Element: `{f.selector}`\n\n{body}".strip()
            issue = {
                "type": "issue",
                "check_name": f.rule,
                "description": f"{f.rule}: {f.message}",
                "categories": ["Bug Risk"],
                "severity": SEVERITY.get(str(f.severity), "minor"),
                "fingerprint": self._fingerprint(f.fingerprint or
                                                 f"{path}\x1f{f.rule}\x1f{f.line}:{f.column}"),
                # lines.begin is the one location form every GitLab version reads
                "location": {"path": path, "lines": {"begin": f.line}},
            }
            if body:
                issue["content"] = {"body": body}
            self._emit(issue)

    def finish(self, summary: Summary) -> None:
        self.stream.write("\n]\n" if not self._first else "]\n")
