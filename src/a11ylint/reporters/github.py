"""GitHub Actions workflow commands: each finding becomes an annotation on the
pull request's diff and in the job summary.

    ::error file=site/index.html,line=12,col=5,title=img-alt-missing::<img> has no alt

Message data escapes ``%``, CR and LF; property values additionally escape
``:`` and ``,``, which would otherwise end the value (a selector such as
``div:nth-of-type(2)`` or a page name with a comma would silently break the
annotation). GitHub shows at most a few dozen annotations per step; the
plain summary line at the end keeps the totals visible either way.
"""

from __future__ import annotations

import re

from a11ylint.findings import counted, page_path
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


class GithubReporter(Reporter):
    name = "github"
    streaming = True

    def page(self, result) -> None:
        w = self.stream.write
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
        errs = summary.by_severity.get("error", 0)
        warns = summary.by_severity.get("warning", 0)
        line = (f"a11ylint: {counted(summary.pages, 'page')} checked, "
                f"{counted(summary.findings, 'finding')} "
                f"({counted(errs, 'error')}, {counted(warns, 'warning')})")
        if summary.errors:
            line += f", {counted(len(summary.errors), 'page')} could not be linted"
        for key, value in summary.extra.items():
            if isinstance(value, (int, str)) and value:
                line += f", {key.replace('_', ' ')}: {value}"
        self.stream.write(line + "\n")
