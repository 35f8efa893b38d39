"""GitHub Actions workflow commands: each finding becomes an annotation on the
pull request's diff and in the job summary.

    ::error file=site/index.html,line=12,col=5,title=img-alt-missing::<img> has no alt

Message data escapes ``%``, CR and LF; property values additionally escape
``:`` and ``,``, which would otherwise end the value (a selector such as
``div:nth-of-type(2)`` or a page name with a comma would silently break the
annotation).

GitHub shows at most 10 error and 10 warning annotations per step (50 per
job), so the run also writes a job summary: where Actions sets
``GITHUB_STEP_SUMMARY``, a Markdown overview (verdict, counts by rule, the
pages with the most findings, the pages that could not be linted) is
appended to that file and shown on the run's page. Page names in it are
Markdown-escaped; every finding stays in the step's log.
"""

from __future__ import annotations

import os
import re
import sys

from a11ylint.findings import Severity, counted, page_path
from a11ylint.reporters.base import Reporter, Summary
from a11ylint.reporters.text import safe

_ABS_URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")


def escape_data(s: str) -> str:
    """%, CR and LF as the workflow-command format escapes them; the other
    control characters of page data (ESC, BEL) as visible escapes, so that a
    page cannot recolour or rewrite the job's log."""
    return safe(s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(s: str) -> str:
    return escape_data(s).replace(":", "%3A").replace(",", "%2C")


def command(kind: str, message: str, **props: object) -> str:
    parts = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items() if v is not None)
    return f"::{kind} {parts}::{escape_data(message)}" if parts else f"::{kind}::{escape_data(message)}"


def _file(label: str) -> str | None:
    if _ABS_URL.match(label) or label.startswith("<"):
        return None  # not a file in the repository; the annotation goes to the log only
    return page_path(label)


# the job summary lists at most this many pages of each kind (GitHub caps a
# step's summary at 1 MiB)
SUMMARY_PAGES = 20
# what could start markup inside a table cell or a list item's text: emphasis,
# code, links, images, HTML, entities, strikethrough and the cell separator
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>&|~])")
_RULE_ID = re.compile(r"[a-z0-9][a-z0-9.-]*")


def _md(text: str) -> str:
    """Page data as literal Markdown text, one line, inside a table cell."""
    return _MD_SPECIAL.sub(r"\\\1", safe(" ".join(text.split())))


def _md_rule(rule: str) -> str:
    return f"`{rule}`" if _RULE_ID.fullmatch(rule) else _md(rule)


class GithubReporter(Reporter):
    name = "github"
    streaming = True

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[tuple[int, int, str]] = []  # (errors, warnings, page) with findings

    def page(self, result) -> None:
        w = self.stream.write
        if result.findings:
            errs = sum(1 for f in result.findings if f.severity == Severity.ERROR)
            self._pages.append((errs, len(result.findings) - errs, result.source))
        path = _file(result.source)
        if result.status != "ok":
            w(command("error", f"could not lint {result.source}: {result.error}", file=path,
                      title="a11ylint") + "\n")
        for f in result.findings:
            kind = "error" if str(f.severity) == "error" else "warning"
            text = f.message if path else f"{result.source}: {f.message}"
            if f.selector:
                text += f"\nElement: {f.selector}"
            if f.help:
                text += f"\nFix: {f.help}"
            w(command(kind, text, file=path, line=f.line if path else None,
                      col=f.column if path else None, title=f.rule) + "\n")

    def finish(self, summary: Summary) -> None:
        line = f"a11ylint: {summary.totals}"
        if summary.errors:
            line += f", {counted(len(summary.errors), 'page')} could not be linted"
        for key, value in summary.extra.items():
            if isinstance(value, (int, str)) and value:
                line += f", {key.replace('_', ' ')}: {value}"
        self.stream.write(line + "\n")
        target = os.environ.get("GITHUB_STEP_SUMMARY")
        if target:
            try:
                with open(target, "a", encoding="utf-8") as fh:
                    fh.write(self.job_summary(summary, line[len("a11ylint: "):]))
            except OSError as exc:
                print(f"a11ylint: warning: cannot write the job summary to {safe(target)}: "
                      f"{exc.strerror or exc}", file=sys.stderr, flush=True)

    def job_summary(self, summary: Summary, totals: str) -> str:
        out = [f"### a11ylint: {_md(summary.verdict)}", "", _md(totals) + ".", ""]
        if summary.by_rule:
            out += ["| rule | findings | pages |", "| --- | ---: | ---: |"]
            out += [f"| {_md_rule(rule)} | {n} | {summary.pages_by_rule[rule]} |"
                    for rule, n in summary.by_rule.most_common()]
            out.append("")
        pages = self._pages
        if pages:
            top = sorted(pages, key=lambda p: (-p[0] - p[1], -p[0]))[:SUMMARY_PAGES]
            out += ["| page | errors | warnings |", "| --- | ---: | ---: |"]
            out += [f"| {_md(src)} | {e} | {w} |" for e, w, src in top]
            if len(pages) > len(top):
                out.append(f"\n{counted(len(pages) - len(top), 'more page')} with findings.")
            out.append("")
        if summary.errors:
            out += ["Could not be linted:", ""]
            out += [f"- {_md(src)}: {_md(reason)}" for src, reason in summary.errors[:SUMMARY_PAGES]]
            if len(summary.errors) > SUMMARY_PAGES:
                out.append(f"- and {len(summary.errors) - SUMMARY_PAGES} more")
            out.append("")
        shown = 10
        if summary.by_severity.get("error", 0) > shown or summary.by_severity.get("warning", 0) > shown:
            out += [f"GitHub shows {shown} error and {shown} warning annotations per step; every "
                    "finding is in this step's log.", ""]
        return "\n".join(out) + "\n"
