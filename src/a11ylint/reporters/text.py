"""Terminal output: ``path:line:col: severity rule-id message``, grouped per page.

Plain and grep-able when piped; colour only on a terminal and never when
``NO_COLOR`` is set. ``--show-source`` adds a code frame with a caret under
the column.
"""

from __future__ import annotations

import codecs
import os
import re
import unicodedata

from a11ylint.findings import counted
from a11ylint.reporters.base import Reporter, Summary

_CODES = {"bold": "1", "dim": "2", "red": "31", "yellow": "33", "green": "32", "cyan": "36",
          "magenta": "35"}

FRAME_WIDTH = 100

# C0 and C1 controls and DEL from page data (labels, alt text, headings, source
# lines) would reach the terminal: ESC sequences can recolour, retitle or clear
# it, and a newline breaks the one-finding-per-line format that grep relies on
_CONTROLS = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")


def _visible(m: re.Match) -> str:
    c = m.group()
    return {"\n": "\\n", "\r": "\\r"}.get(c, f"\\x{ord(c):02x}")


def safe(text: str) -> str:
    """Page data made inert for a terminal: control characters shown as escapes."""
    return _CONTROLS.sub(_visible, text) if _CONTROLS.search(text) else text


def _cells(text: str) -> int:
    """Terminal cells the text takes: CJK and other wide characters two,
    combining marks and zero-width characters none, so the caret of a source
    frame stands under its column on a Chinese or Japanese line too."""
    if text.isascii():
        return len(text)
    n = 0
    for ch in text:
        if ch.isascii():
            n += 1
        elif unicodedata.combining(ch) or ch in "\u200b\u200c\u200d\u2060\ufeff":
            continue
        else:
            n += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return n


def want_colour(stream, forced: bool | None = None) -> bool:
    if forced is not None:
        return forced
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(stream, "isatty") and stream.isatty()


class TextReporter(Reporter):
    name = "text"

    def start(self) -> None:
        self.colour = want_colour(self.stream, self.options.get("color"))
        self.show_source = bool(self.options.get("show_source"))
        self.quiet = bool(self.options.get("quiet"))
        # a terminal whose encoding cannot show every character (an ASCII or
        # Latin-1 locale): source frames show those as '?', one cell each,
        # so the caret stays under the column
        enc = getattr(self.stream, "encoding", None) or "utf-8"
        try:
            enc = codecs.lookup(enc).name
        except LookupError:
            enc = "utf-8"
        self.narrow = None if enc.startswith("utf") else enc

    def c(self, text: str, *styles: str) -> str:
        if not self.colour or not styles:
            return text
        codes = ";".join(_CODES[s] for s in styles)
        return f"\x1b[{codes}m{text}\x1b[0m"

    def page(self, result) -> None:
        w = self.stream.write
        if result.status == "error":
            w(f"{self.c(safe(result.source), 'bold')}: {self.c('error', 'red', 'bold')} "
              f"could not lint: {safe(result.error or '')}\n")
        for f in result.findings:
            sev = self.c(str(f.severity), "red" if str(f.severity) == "error" else "yellow")
            loc = self.c(f"{safe(result.source)}:{f.line}:{f.column}:", "bold")
            w(f"{loc} {sev} {self.c(safe(f.rule), 'cyan')} {safe(f.message)}\n")
            if self.show_source:
                w(self.frame(result, f))
        if result.findings and not self.quiet:
            w("\n")

    def frame(self, result, f) -> str:
        lines = getattr(result, "lines", None) or {}
        line = lines.get(f.line)
        if line is None:
            return ""
        line = line.rstrip("\r\n")
        col = f.column - 1
        # long minified lines: show a window around the column, cut first
        # (each of the replacements below keeps the length) so that thousands
        # of findings on one long line do not each rewrite all of it
        prefix = suffix = ""
        if len(line) > FRAME_WIDTH:
            start = max(0, min(col - FRAME_WIDTH // 3, len(line) - FRAME_WIDTH))
            prefix = "…" if start else ""
            suffix = "…" if start + FRAME_WIDTH < len(line) else ""
            line = line[start:start + FRAME_WIDTH]
            col = col - start + len(prefix)
        # one cell per character before the column, so the caret stays under it
        line = _CONTROLS.sub("\ufffd", line.replace("\t", " "))
        if self.narrow:
            line = line.encode(self.narrow, "replace").decode(self.narrow)
        line = prefix + line + suffix
        gutter = f"{f.line:>6} | "
        caret = " " * (len(gutter) - 2) + "| " + " " * _cells(line[:max(col, 0)]) + "^"
        return f"{self.c(gutter, 'dim')}{line}\n{self.c(caret, 'red')}\n"

    def finish(self, summary: Summary) -> None:
        w = self.stream.write
        n = summary.findings
        if summary.by_rule and not self.quiet:
            width = max(len(r) for r in summary.by_rule)
            w(self.c("Findings by rule:", "bold") + "\n")
            w(f"  {'rule'.ljust(width)}  {'findings':>8}  {'pages':>5}\n")
            for rule, count in summary.by_rule.most_common():
                w(f"  {rule.ljust(width)}  {count:>8}  {summary.pages_by_rule[rule]:>5}\n")
            w("\n")
        parts = [summary.totals]
        if summary.pages_with_findings:
            parts.append(f"{counted(summary.pages_with_findings, 'page')} with findings")
        if summary.errors:
            parts.append(self.c(f"{len(summary.errors)} could not be linted", "red"))
        if summary.suppressed:
            parts.append(f"{summary.suppressed} suppressed")
        for key, value in summary.extra.items():
            if isinstance(value, (int, str)) and value:
                parts.append(f"{key.replace('_', ' ')}: {value}")
        line = ", ".join(parts)
        colour = "green" if not n and not summary.errors else ("red" if summary.exit_code else "yellow")
        w(self.c(line, colour, "bold") + "\n")
