"""The rule API.

A rule is a small class whose metadata sits next to its code: id, family,
default severity, WCAG criteria, summary, rationale, fix advice and HTML
examples that must fail and must pass. The examples are executable: the test
suite runs every one, and ``a11ylint explain`` prints them, so documentation
cannot drift from behaviour.

Rules only detect. Whether a rule runs, how severe its findings are and
whether a finding is suppressed is the engine's business.
"""

from __future__ import annotations

import dataclasses
import difflib
import textwrap
from collections.abc import Iterable, Iterator
from typing import Any, ClassVar

from a11ylint.findings import Finding, Severity


@dataclasses.dataclass(frozen=True)
class NoOptions:
    pass


class Rule:
    id: ClassVar[str] = ""
    family: ClassVar[str] = ""
    severity: ClassVar[Severity] = Severity.ERROR
    wcag: ClassVar[tuple[str, ...]] = ()
    summary: ClassVar[str] = ""
    rationale: ClassVar[str] = ""
    fix: ClassVar[str] = ""
    fail_examples: ClassVar[tuple[str, ...]] = ()
    pass_examples: ClassVar[tuple[str, ...]] = ()
    Options: ClassVar[type] = NoOptions
    # names of word lists (``[wordlists]`` in packs) the rule reads in
    # prepare() beyond the shipped ones: a pack may then define them
    wordlists: ClassVar[tuple[str, ...]] = ()
    origin: str = "built-in"

    def __init__(self, options: Any = None) -> None:
        self.options = options if options is not None else self.Options()

    # -- to implement ---------------------------------------------------------
    def prepare(self, wordlists, settings) -> None:
        """Called once per run before any page: compile word lists, read settings."""

    def warm(self) -> None:
        """Build now what check() would otherwise build on first use.

        Rules may defer costly set-up (large compiled patterns) to the first
        page that needs it, which keeps a one-page run quick. A run about to
        fork worker processes calls this first, so the work is done once and
        shared instead of repeated in every worker."""

    def check(self, page) -> Iterable[Finding]:  # pragma: no cover - abstract
        raise NotImplementedError

    # -- helpers for implementations -----------------------------------------
    def finding(self, page, el, message: str, *, context: dict | None = None,
                help: str | None = None) -> Finding:
        """A finding located at ``el``. Line, column, selector and snippet are
        filled in by the engine for all of a page's findings at once, which
        lets it locate them in one pass over the source."""
        if el is None:
            el = page.body if page.body is not None else page.root
        return Finding(
            rule=self.id,
            severity=self.severity,
            message=message,
            line=0,
            column=0,
            wcag=tuple(self.wcag),
            help=help or self.fix,
            context=context or {},
            element=el,
        )

    @classmethod
    def with_options(cls, raw: dict[str, Any]) -> Any:
        """Build the Options dataclass from config values, with clear errors."""
        fields = {f.name.replace("_", "-"): f for f in dataclasses.fields(cls.Options)}
        kwargs = {}
        for key, value in raw.items():
            f = fields.get(key) or fields.get(key.replace("_", "-"))
            if f is None:
                known = ", ".join(sorted(fields)) or "none"
                close = difflib.get_close_matches(key.replace("_", "-"), list(fields), n=1,
                                                  cutoff=0.7)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                raise ValueError(f"unknown option {key!r} for rule {cls.id} (known: {known}{hint})")
            default = getattr(cls.Options(), f.name)
            if default is not None and (not isinstance(value, type(default)) and not (
                    isinstance(default, float) and isinstance(value, int))
                    or isinstance(value, bool) and not isinstance(default, bool)):
                raise ValueError(
                    f"option {key!r} of rule {cls.id} must be {type(default).__name__}, "
                    f"got {type(value).__name__}")
            if isinstance(default, tuple) and isinstance(value, list):
                value = tuple(value)
            kwargs[f.name] = value
        return cls.Options(**kwargs)

    @classmethod
    def doc(cls) -> str:
        """The documentation ``a11ylint explain`` prints."""
        from a11ylint.wcag import criterion

        lines = [f"{cls.id} ({cls.severity}) - {cls.summary}", ""]
        if cls.wcag:
            refs = []
            for n in cls.wcag:
                c = criterion(n)
                refs.append(f"  WCAG {n} {c.title} (Level {c.level}): {c.url}" if c else f"  WCAG {n}")
            lines += ["WCAG success criteria:", *refs, ""]
        lines += ["Family: " + cls.family, "Origin: " + str(cls.origin), ""]
        lines += cls._doc_prose()
        opts = dataclasses.fields(cls.Options)
        if opts:
            lines.append("Options (config: [tool.a11ylint.rule." + cls.id + "]):")
            for f in opts:
                lines.append(f"  {f.name.replace('_', '-')} = {f.default!r}")
            lines.append("")
        lines += cls._doc_examples()
        return "\n".join(lines).rstrip() + "\n"

    @classmethod
    def _doc_prose(cls) -> list[str]:
        lines: list[str] = []
        if cls.rationale:
            lines += ["Why it matters:", textwrap.indent(textwrap.fill(cls.rationale, 76), "  "), ""]
        if cls.fix:
            lines += ["How to fix:", textwrap.indent(textwrap.fill(cls.fix, 76), "  "), ""]
        return lines

    @classmethod
    def _doc_examples(cls) -> list[str]:
        lines: list[str] = []
        for title, examples in (("Fails:", cls.fail_examples), ("Passes:", cls.pass_examples)):
            if examples:
                lines.append(title)
                for ex in examples:
                    lines.append(textwrap.indent(textwrap.dedent(ex).strip(), "    "))
                    lines.append("")
        return lines


EXAMPLE_SHELL = (
    '<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8"><title>Example</title></head>\n'
    "<body>\n{body}\n</body>\n</html>\n"
)


def example_document(html: str) -> str:
    """Examples may be fragments; give them the document they live in."""
    html = textwrap.dedent(html).strip()
    if "<html" in html.lower():
        return html
    return EXAMPLE_SHELL.format(body=html)


def iter_rule_classes(objs: Iterable[Any]) -> Iterator[type[Rule]]:
    for obj in objs:
        if isinstance(obj, type) and issubclass(obj, Rule) and obj.id:
            yield obj
