"""Page -> rules -> suppressions -> severities -> PageResult.

One broken page never stops a run: decoding, parsing and every rule are
guarded, and a failure becomes that page's error record.
"""

from __future__ import annotations

import fnmatch
import gc
import os
from dataclasses import dataclass, field

from a11ylint import deadline
from a11ylint.deadline import PageTimeout, time_limit
from a11ylint.findings import Finding, PageResult, Severity, family_of, fingerprint
from a11ylint.packs import LoadedPacks, PackError, load_packs
from a11ylint.page.decode import DecodeError
from a11ylint.page.model import Page, ParseError
from a11ylint.rules import all_rules
from a11ylint.rules.base import Rule
from a11ylint.selection import matches, select
from a11ylint.settings import Settings
from a11ylint.sources import Item


@dataclass
class Engine:
    settings: Settings
    packs: LoadedPacks = field(init=False)
    registry: dict[str, type[Rule]] = field(init=False)
    rules: list[Rule] = field(init=False)
    keep_lines: bool = False  # attach finding lines for code frames (--show-source)

    def __post_init__(self) -> None:
        s = self.settings
        self.packs = load_packs(s.rules)
        self.registry = all_rules(self.packs.rules)
        declared = {name for cls in self.registry.values() for name in cls.wordlists}
        for name, origin in self.packs.wordlists.unknown(declared):
            known = ", ".join(sorted(self.packs.wordlists.shipped | declared))
            raise PackError(f"{origin}: wordlists.{name}: no rule reads a word list of that "
                            f"name (known: {known})")
        chosen = select(self.registry, s.select, s.ignore, s.extend_select)
        where = f"{s.config_path}: {s.config_prefix}" if s.config_path else ""
        options = {}
        for rid, raw in s.rule_options.items():
            # checked for every configured rule, selected or not: a typo must not wait
            # until someone selects the rule to surface
            if rid not in self.registry:
                raise ValueError(f"{where}rule.{rid}: options given for unknown rule {rid!r}")
            try:
                options[rid] = self.registry[rid].with_options(raw)
            except (ValueError, TypeError) as exc:
                raise ValueError(f"{where}rule.{rid}: {exc}") from None
        self.rules = []
        for rid in chosen:
            cls = self.registry[rid]
            opts = options[rid] if rid in options else cls.with_options({})
            rule = cls(opts)
            rule.prepare(self.packs.wordlists, s)
            self.rules.append(rule)
        from a11ylint.directives import report_enabled

        # unused directives may sit outside <html> or on attributes: every page is looked at
        self._report_unused = report_enabled(s, chosen)
        self._exclude = None
        if s.exclude_selectors:
            from a11ylint.page.model import css_xpaths

            self._exclude = [xp for sel in s.exclude_selectors for xp in css_xpaths(sel)]

    def warm(self) -> None:
        """Finish the rules' deferred set-up now (see Rule.warm): before
        forking workers, and in benchmarks that time pages, not start-up."""
        for rule in self.rules:
            rule.warm()

    @property
    def rule_ids(self) -> list[str]:
        return [r.id for r in self.rules]

    def severity_for(self, rule: str, default: Severity) -> Severity:
        sev = self.settings.severity
        if rule in sev:
            return sev[rule]
        fam = family_of(rule)
        # longest prefix wins: "img-alt" over "img"
        best = None
        for key, value in sev.items():
            if matches(rule, key) and (best is None or len(key) > len(best[0])):
                best = (key, value)
        if best:
            return best[1]
        return sev.get(fam, default)

    # -- linting --------------------------------------------------------------
    def lint_item(self, item: Item) -> PageResult:
        if item.error:
            return PageResult(item.label, "error", item.error, url=item.url)
        limit = self.settings.lint_timeout
        try:
            with time_limit(limit):
                try:
                    src = item.load()
                except OSError as exc:
                    return PageResult(item.label, "error", _os_reason(exc), url=item.url)
                return self.lint_source(src)
        except PageTimeout:
            return PageResult(item.label, "error", deadline.message(limit), url=item.url)

    def lint_source(self, src) -> PageResult:
        enabled = gc.isenabled()
        gc.disable()
        try:
            return self._lint(src)
        except Exception as exc:  # noqa: BLE001 - one page's error, never the run's end
            # a rule's own crash is caught per rule; this is the net under the
            # rest (reading the tree, locating findings) on input nobody foresaw
            return PageResult(src.label, "error", f"internal error: {type(exc).__name__}: {exc}",
                              url=src.url)
        finally:
            if enabled:
                gc.enable()

    def _lint(self, src) -> PageResult:
        result = PageResult(src.label, url=src.url, base=src.base)
        try:
            page = Page.from_source(src)
        except (DecodeError, ParseError) as exc:
            result.status, result.error = "error", str(exc)
            return result
        result.title = page.title
        rules = self._rules_for(src.label)
        findings: list[Finding] = []
        for rule in rules:
            try:
                findings.extend(rule.check(page))
            except Exception as exc:  # noqa: BLE001 - reported as the page's error
                result.status = "error"
                result.error = f"internal error in rule {rule.id}: {type(exc).__name__}: {exc}"
        if page.stopped:
            # what was parsed is linted and reported; the page still counts
            # as one that could not be linted in full
            result.status = "error"
            result.error = page.stopped if not result.error else f"{result.error}; {page.stopped}"
        findings = self._postprocess(page, findings, result, rules)
        result.findings = findings
        if self.keep_lines and findings:
            result.lines = {}
            for f in findings:
                if f.line not in result.lines:  # once per line, however many findings
                    line = page.line_text(f.line)
                    if line is not None:
                        result.lines[f.line] = line
        page.release()
        return result

    def _rules_for(self, label: str) -> list[Rule]:
        pfi = self.settings.per_file_ignores
        if not pfi:
            return self.rules
        ignored: list[str] = []
        names = self._names_for_patterns(label)
        for pattern, codes in pfi.items():
            if any(fnmatch.fnmatch(n, pattern) for n in names):
                ignored += codes
        if not ignored:
            return self.rules
        return [r for r in self.rules if not any(matches(r.id, c) for c in ignored)]

    def _names_for_patterns(self, label: str) -> list[str]:
        """What per-file-ignores patterns match: the page as it was named,
        its file name, and its path from the configuration file's folder (the
        working directory without one), so that "archive/**" means the same
        files whether the run names `site`, `./site` or an absolute path, and
        from whichever folder it starts."""
        names = [label, label.rsplit("/", 1)[-1]]
        if label.startswith("<") or "://" in label or label == "-":
            return names
        cfg = self.settings.config_path
        base = os.path.dirname(os.path.abspath(cfg)) if cfg else os.getcwd()
        try:
            rel = os.path.relpath(os.path.abspath(label), base).replace(os.sep, "/")
        except ValueError:  # another drive, on Windows
            return names
        if not rel.startswith("../"):
            names.append(rel)
        return names

    def _postprocess(self, page: Page, findings: list[Finding], result: PageResult,
                     rules: list[Rule] | None = None) -> list[Finding]:
        if findings:
            page.locate_findings(findings)
        if self._exclude and findings:
            excluded = set()
            for xp in self._exclude:
                excluded.update(xp(page.root))
            if excluded:
                findings = [f for f in findings if not _inside(f.element, excluded)]
        if findings or self._report_unused:
            from a11ylint import directives

            findings, suppressed = directives.apply(
                page, findings, self.settings,
                [r.id for r in rules] if rules is not None else self.rule_ids,
                known=self.registry)
            result.suppressed = suppressed
        for f in findings:
            f.severity = self.severity_for(f.rule, f.severity)
            f.fingerprint = fingerprint(page.label, f.rule, f.selector, f.snippet)
            f.element = None
        findings.sort(key=lambda f: (f.line, f.column, f.rule))
        return findings


def _inside(el, excluded: set) -> bool:
    while el is not None:
        if el in excluded:
            return True
        el = el.getparent()
    return False


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, FileNotFoundError):
        return "no such file or directory"
    return exc.strerror or str(exc)
