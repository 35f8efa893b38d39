"""Command-line interface.

Exit codes: 0 no findings at or above --fail-on; 1 findings at or above it;
2 usage error, or an input that could not be linted (the others are still
linted and reported); 130 interrupted with Ctrl-C.
"""

from __future__ import annotations

import os
import signal
import sys
from contextlib import ExitStack

import click

from a11ylint import __version__
from a11ylint.fetch import gather_from_opts, web_options
from a11ylint.findings import Severity, counted
from a11ylint.output import FileOutput, OutputError, ReportStream, stdout_for
from a11ylint.packs import PackError
from a11ylint.selection import SelectionError, split_codes
from a11ylint.sources import display_name, overwritten_input

EXIT_CODES_HELP = """\b
Exit status:
  0  no findings at or above --fail-on
  1  findings at or above --fail-on (never with --exit-zero)
  2  usage error, bad configuration or rule pack, or an input that could not
     be linted (every other input is still linted and reported)
  130  interrupted (Ctrl-C)
"""


class UsageFailure(click.ClickException):
    exit_code = 2

    def show(self, file=None) -> None:
        click.echo(f"a11ylint: error: {self.message}", err=True)


def fail(message: str) -> None:
    raise UsageFailure(message)


def _runtime() -> str:
    """What a bug report needs besides a11ylint's version: parse results
    depend on the libxml2 that lxml carries."""
    from lxml import etree

    def dotted(v):
        return ".".join(map(str, v))

    return (f"lxml {dotted(etree.LXML_VERSION[:3])}, libxml2 {dotted(etree.LIBXML_VERSION)}, "
            f"Python {dotted(sys.version_info[:3])}")


class _Group(click.Group):
    """The command group; an OSError that no command handled itself (standard
    output on a full disk, say) is one error line and exit 2, not a traceback.
    Ctrl-C ends a run with status 130, as a shell reports a process stopped
    by SIGINT (click's own handling says "Aborted!" and exits 1, which CI
    cannot tell from findings)."""

    def invoke(self, ctx):
        from a11ylint.__main__ import _interrupted_at_start

        try:
            if signal.getsignal(signal.SIGINT) is _interrupted_at_start:
                signal.signal(signal.SIGINT, signal.default_int_handler)
            return super().invoke(ctx)
        except KeyboardInterrupt:
            click.echo("a11ylint: interrupted", err=True)
            sys.exit(130)

    def main(self, *args, **kwargs):
        try:
            return super().main(*args, **kwargs)
        except OSError as exc:  # click has already ended a closed pipe quietly
            # what is still buffered would fail again at exit, with a traceback
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - lives until exit
            reason = exc.strerror or str(exc)
            message = f"{exc.filename}: {reason}" if exc.filename else \
                f"cannot write standard output: {reason}"
            click.echo(f"a11ylint: error: {message}", err=True)
            sys.exit(2)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="a11ylint",
                      message=f"%(prog)s, version %(version)s ({_runtime()})")
def main() -> None:
    """Accessibility and compliance linter for news web pages."""


def _parse_report_spec(spec: str) -> tuple[str, str | None]:
    fmt, sep, path = spec.partition("=")
    return fmt.strip(), _output_path(path.strip() or None) if sep else None


def _output_path(path: str | None) -> str | None:
    """None for standard output: no path, or '-' as in most tools (it wrote
    a file named '-')."""
    return None if path in (None, "-") else path


def _settings_from(ctx_opts: dict):
    from a11ylint import config as config_mod

    try:
        settings = config_mod.load(ctx_opts.get("config"), ctx_opts.get("isolated", False))
    except config_mod.ConfigError as exc:
        fail(str(exc))
    settings_file_codes[id(settings)] = _file_codes(settings)
    if ctx_opts.get("select"):
        settings.select = split_codes(ctx_opts["select"])
    if ctx_opts.get("ignore"):
        settings.ignore = [*settings.ignore, *split_codes(ctx_opts["ignore"])]
    if ctx_opts.get("extend_select"):
        settings.extend_select = [*settings.extend_select, *split_codes(ctx_opts["extend_select"])]
    if ctx_opts.get("rules"):
        settings.rules = [*settings.rules, *ctx_opts["rules"]]
    if ctx_opts.get("fail_on"):
        v = ctx_opts["fail_on"]
        settings.fail_on = None if v == "never" else Severity.parse(v)
    if ctx_opts.get("include"):
        settings.include = list(ctx_opts["include"])
    if ctx_opts.get("exclude"):
        settings.exclude = [*settings.exclude, *ctx_opts["exclude"]]
    if ctx_opts.get("report_unused_disables"):
        settings.report_unused_disables = True
    if ctx_opts.get("lint_timeout") is not None:
        settings.lint_timeout = ctx_opts["lint_timeout"] or None
    return settings


# rule codes each Settings read from its configuration file, by key, so that an
# unknown rule there is reported with the file and key that hold it
settings_file_codes: dict[int, list[tuple[str, list[str]]]] = {}


def _file_codes(settings) -> list[tuple[str, list[str]]]:
    if not settings.config_path:
        return []
    out = [("select", settings.select or []), ("ignore", settings.ignore),
           ("extend-select", settings.extend_select)]
    out += [(f"per-file-ignores.{glob}", codes)
            for glob, codes in settings.per_file_ignores.items()]
    out += [("severity", list(settings.severity))]
    return [(key, list(codes)) for key, codes in out if codes]


def _check_file_codes(settings, registry) -> None:
    """Unknown rule ids in the configuration file: an error naming file and key."""
    from a11ylint.selection import check_codes

    for key, codes in settings_file_codes.get(id(settings), []):
        try:
            check_codes(codes, registry)
        except SelectionError as exc:
            fail(f"{settings.config_path}: {settings.config_prefix}{key}: {exc}")


def _not_nan(ctx, param, value):
    if value is not None and value != value:
        raise click.BadParameter("not a number")
    return value


def _make_engine(settings, **kw):
    from a11ylint.engine import Engine
    from a11ylint.rules import PluginError

    try:
        engine = Engine(settings, **kw)
    except SelectionError as exc:
        if settings.config_path:
            from a11ylint.packs import load_packs
            from a11ylint.rules import all_rules

            try:
                _check_file_codes(settings, all_rules(load_packs(settings.rules).rules))
            except (PackError, PluginError):
                pass
        fail(str(exc))
    except (PackError, PluginError, ValueError) as exc:
        fail(str(exc))
    if settings.config_path:
        _check_file_codes(settings, engine.registry)
    return engine


def _files_read(opts: dict, settings) -> list[tuple[str, str]]:
    """(what it is, path) of the local files a check run reads besides pages."""
    out = []
    if opts.get("baseline_path"):
        out.append(("baseline", opts["baseline_path"]))
    out += [("URL list", u) for u in opts.get("url_files") or () if u != "-"]
    out += [("sitemap", m) for m in opts.get("sitemaps") or () if m != "-"]
    out += [("rule pack", r) for r in settings.rules if os.path.isfile(r)]
    if settings.config_path:
        out.append(("configuration", settings.config_path))
    return out


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return False


@main.command(epilog=EXIT_CODES_HELP)
@click.argument("paths", nargs=-1)
@click.option("--format", "-f", "fmt", default=None, metavar="FORMAT",
              help="Output format: text (default), json, html, sarif, junit, github, gitlab, or "
                   "auto (github on GitHub Actions, else text).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
              help="Write the --format output to this file instead of stdout ('-' is stdout).")
@click.option("-r", "--report", "reports", multiple=True, metavar="FORMAT[=PATH]",
              help="An additional report (repeatable): e.g. -r sarif=a11y.sarif -r junit=junit.xml. "
                   "Without =PATH it goes to stdout.")
@click.option("--select", multiple=True, metavar="RULES",
              help="Run only these rule ids or families (comma-separated or repeated).")
@click.option("--ignore", multiple=True, metavar="RULES", help="Skip these rule ids or families.")
@click.option("--extend-select", multiple=True, metavar="RULES",
              help="Add rules to the configured selection.")
@click.option("--rules", multiple=True, metavar="PATH",
              help="Load a declarative rule pack: a TOML file, a folder of them, or a shipped "
                   "pack name such as legal/imprint (repeatable).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "never"]), default=None,
              help="Lowest severity that makes the run fail (exit 1). Default: error.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--include", multiple=True, metavar="GLOB",
              help="File patterns to lint inside folders (default *.html, *.htm).")
@click.option("--exclude", multiple=True, metavar="GLOB", help="File or folder patterns to skip.")
@click.option("--stdin-name", default="<stdin>", show_default=True,
              help="Label for the page read from '-'.")
@click.option("--show-source", is_flag=True, help="Show the source line and a caret under each finding.")
@click.option("--color/--no-color", default=None, help="Force or disable colour (default: on a terminal).")
@click.option("-q", "--quiet", is_flag=True, help="Text format: findings only, no summary table.")
@click.option("--config", type=click.Path(dir_okay=False), help="Use this configuration file.")
@click.option("--isolated", is_flag=True, help="Ignore all configuration files.")
@click.option("--report-unused-disables", is_flag=True,
              help="Warn about inline disable directives that suppressed nothing.")
@click.option("--lint-timeout", type=click.FloatRange(min=0, max=1e6), default=None,
              metavar="SECONDS", callback=_not_nan,
              help="Longest time to lint one page (default 60; 0: no limit). A page that "
                   "takes longer is reported as an error, and the run goes on.")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False), metavar="FILE",
              help="Report only findings that are not in this baseline file, and how many "
                   "baselined findings are fixed.")
@click.option("--write-baseline", "write_baseline", type=click.Path(dir_okay=False),
              metavar="FILE", help="Record every current finding in FILE (exits 0 unless a "
                                   "page could not be linted).")
@web_options
def check(paths, fmt, output, reports, **opts):
    """Lint news pages: files, folders, http(s) URLs and '-' for standard input."""
    if not paths and not opts.get("url_files") and not opts.get("sitemaps"):
        fail("no input given (pass files, folders, URLs, '-' for standard input, "
             "--urls or --sitemap)")
    settings = _settings_from(opts)
    gather = gather_from_opts(paths, settings, opts)
    fmt = fmt or settings.format or "text"
    if fmt == "auto":
        fmt = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    output = _output_path(output)
    outputs = [(fmt, output)] + [_parse_report_spec(s) for s in reports]
    from a11ylint.reporters import get_reporter

    try:
        classes = [(get_reporter(f), path) for f, path in outputs]
    except ValueError as exc:
        fail(str(exc))
    # (what, which one, path) of every file the run writes
    written = [("report", f"{f} report", p) for f, p in outputs if p]
    if opts.get("write_baseline"):
        written.append(("baseline", "baseline", opts["write_baseline"]))
    targets: dict[str, str] = {}
    read = _files_read(opts, settings)
    for what, name, path in written:
        page = overwritten_input(path, list(paths), gather.include, gather.exclude)
        if page:
            fail(f"writing the {what} to {display_name(path)} would overwrite the input page "
                 f"{page}; choose another output file")
        for role, src in read:
            if _same_file(path, src):
                fail(f"writing the {what} to {display_name(path)} would overwrite the {role} "
                     "that this run reads; choose another output file")
        # two in one file: the second would silently replace the first
        key = os.path.realpath(path)
        if key in targets:
            fail(f"the {targets[key]} and the {name} would both be written to "
                 f"{display_name(path)}; give each its own file")
        targets[key] = name
    readers = [*(["the page '-'"] * list(paths).count("-")),
               *(["--urls -"] * list(opts.get("url_files") or ()).count("-")),
               *(["--sitemap -"] * list(opts.get("sitemaps") or ()).count("-"))]
    if len(readers) > 1:
        fail(f"standard input can be read only once, but {' and '.join(readers)} both ask "
             "for it")
    gather.skip_files = frozenset(os.path.abspath(p) for _, p in outputs if p)
    to_stdout = [f for f, p in outputs if p is None]
    if len(to_stdout) > 1:
        fail(f"formats {', '.join(to_stdout)} would all write to stdout; give them =PATH")

    wb = opts.get("write_baseline")
    if wb:
        # fail before a long lint, not after it
        folder = os.path.dirname(os.path.abspath(wb))
        if os.path.isdir(wb) or not os.path.isdir(folder) or not os.access(folder, os.W_OK) or (
                os.path.exists(wb) and not os.access(wb, os.W_OK)):
            fail(f"cannot write baseline {wb}: not a writable file path")

    engine = _make_engine(settings, keep_lines=opts.get("show_source", False))
    from a11ylint.page.model import parser_warning

    warning = parser_warning()
    if warning:
        click.echo(f"a11ylint: warning: {warning}", err=True)
    from a11ylint.reporters.base import RunInfo
    from a11ylint.runner import max_jobs, run

    jobs = opts.get("jobs")
    if jobs and jobs > max_jobs():
        click.echo(f"a11ylint: warning: -j {jobs} is more than 4 processes per CPU; "
                   f"using {max_jobs()}", err=True)

    # every input the run was given, so each report's header says what was checked
    inputs = [display_name(p) for p in paths]
    inputs += [f"--urls {display_name(u)}" for u in opts.get("url_files") or ()]
    inputs += [f"--sitemap {display_name(s)}" for s in opts.get("sitemaps") or ()]
    info = RunInfo(inputs=inputs, packs=engine.packs.files, select=settings.select,
                   ignore=settings.ignore,
                   fail_on=str(settings.fail_on) if settings.fail_on else "never",
                   rules=engine.rule_ids, config=settings.config_path,
                   exit_zero=opts.get("exit_zero", False))
    info.rule_docs = {r.id: rule_meta(type(r)) for r in engine.rules}
    summary = _summary_for(settings, opts)
    try:
        with ExitStack() as stack:
            reporters = []
            streams = []
            files: list[FileOutput] = []
            for (fmt_name, _), (cls, path) in zip(outputs, classes, strict=True):
                if path is None:
                    stream = ReportStream(stdout_for(fmt_name), "standard output")
                else:
                    try:
                        out = FileOutput(path)
                    except OSError as exc:
                        fail(f"cannot write {path}: {exc.strerror or exc}")
                    stack.callback(out.discard)  # unless committed below
                    files.append(out)
                    stream = ReportStream(out.fh, path)
                streams.append(stream)
                reporters.append(cls(stream, info, color=opts.get("color"),
                                     show_source=opts.get("show_source"),
                                     quiet=opts.get("quiet"), path=path))
            from a11ylint.runner import Progress

            run(engine, gather.items(), reporters, summary,
                jobs=opts.get("jobs") or gather.default_jobs(),
                progress=Progress.auto(opts.get("progress")))
            for stream in streams:
                stream.flush()
            for out in files:
                out.commit()  # a full disk often shows only here
    except OutputError as exc:
        fail(str(exc))
    from a11ylint.reporters.text import safe

    for source, reason in summary.errors:
        if fmt != "text" or output:
            # a sitemap's URL or a file name may hold escape sequences for the terminal
            click.echo(f"a11ylint: error: {safe(source)}: {safe(reason)}", err=True)
    if opts.get("write_baseline"):
        try:
            n = summary.writer.write(opts["write_baseline"])
        except OSError as exc:
            fail(f"cannot write {opts['write_baseline']}: {exc.strerror or exc}")
        except OutputError as exc:
            fail(str(exc))
        click.echo(f"a11ylint: wrote {counted(n, 'finding')} to baseline {opts['write_baseline']}",
                   err=True)
        sys.exit(2 if summary.errors else 0)
    sys.exit(summary.exit_code)


def _summary_for(settings, opts):
    """A plain Summary, or one that applies and/or records a baseline."""
    from a11ylint.reporters.base import Summary

    exit_zero = opts.get("exit_zero", False)
    if not opts.get("baseline_path") and not opts.get("write_baseline"):
        return Summary(fail_on=settings.fail_on, exit_zero=exit_zero)
    from a11ylint.baseline import (
        Baseline,
        BaselineError,
        BaselineFilter,
        BaselineSummary,
        BaselineWriter,
    )

    flt = None
    if opts.get("baseline_path"):
        try:
            flt = BaselineFilter(Baseline.load(opts["baseline_path"]))
        except BaselineError as exc:
            fail(str(exc))
    writer = BaselineWriter() if opts.get("write_baseline") else None
    summary = BaselineSummary(fail_on=settings.fail_on, exit_zero=exit_zero,
                              baseline_filter=flt, writer=writer)
    if flt is not None:
        summary.extra.update(flt.extra())
    return summary


@main.command("config")
@click.option("--config", type=click.Path(dir_okay=False), help="Use this configuration file.")
@click.option("--isolated", is_flag=True, help="Ignore all configuration files.")
@click.option("--select", multiple=True, metavar="RULES", help="As for check.")
@click.option("--ignore", multiple=True, metavar="RULES", help="As for check.")
@click.option("--extend-select", multiple=True, metavar="RULES", help="As for check.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "never"]), default=None,
              help="As for check.")
def show_config(**opts):
    """Print the resolved configuration (file plus these options) as TOML."""
    from a11ylint.config import to_toml

    settings = _settings_from(opts)
    where = settings.config_path or "no configuration file (defaults)"
    click.echo(f"# configuration: {where}")
    click.echo(to_toml(settings), nl=False)


@main.command("init")
@click.option("--path", "target", default=None, type=click.Path(dir_okay=False),
              help="File to write (default a11ylint.toml, or pyproject.toml with --pyproject).")
@click.option("--pyproject", is_flag=True,
              help="Append a [tool.a11ylint] table to pyproject.toml instead.")
@click.option("--force", is_flag=True, help="Overwrite an existing a11ylint.toml.")
def init(target, pyproject, force):
    """Write a commented starter configuration."""
    from pathlib import Path

    from a11ylint.config import starter

    path = Path(target or ("pyproject.toml" if pyproject else "a11ylint.toml"))
    if pyproject:
        existing = path.read_text(encoding="utf-8") if path.exists() else ""
        if "[tool.a11ylint" in existing:
            fail(f"{path} already has a [tool.a11ylint] table")
        sep = "" if not existing or existing.endswith("\n\n") else (
            "\n" if existing.endswith("\n") else "\n\n")
        path.write_text(existing + sep + starter(pyproject=True), encoding="utf-8")
    else:
        if path.exists() and not force:
            fail(f"{path} exists (use --force to overwrite)")
        path.write_text(starter(), encoding="utf-8")
    click.echo(f"wrote {path}")


def rule_meta(cls) -> dict:
    return {
        "id": cls.id, "family": cls.family, "severity": str(cls.severity),
        "wcag": list(cls.wcag), "summary": cls.summary, "rationale": cls.rationale,
        "fix": cls.fix, "origin": str(cls.origin), "doc": cls.doc(),
    }


@main.command("report", epilog=EXIT_CODES_HELP)
@click.argument("results", nargs=-1, required=True, type=click.Path(dir_okay=False, allow_dash=True))
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
              help="Write the HTML report to this file instead of stdout ('-' is stdout).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "never"]), default=None,
              help="Fail level for the verdict (default: the strictest of the saved runs).")
@click.option("--exit-zero", is_flag=True,
              help="Exit 0 even when the results fail (the default when every saved run "
                   "was made with --exit-zero).")
def report(results, output, fail_on, exit_zero):
    """Render saved JSON results (one run or several shards) as one HTML report.

    The exit status is the verdict of the merged results, so a CI job can
    lint in shards and gate on the combined report.
    """
    from a11ylint.reporters.base import Summary
    from a11ylint.reporters.html import ResultsError, load_results, write_report

    output = _output_path(output)
    for path in results:
        if output and path != "-" and _same_file(output, path):
            fail(f"writing the report to {display_name(output)} would overwrite the results "
                 "file it reads; choose another output file")

    def read(path):
        if path == "-":
            return sys.stdin.buffer.read().decode("utf-8")  # JSON: UTF-8 whatever the locale
        with open(path, encoding="utf-8") as fh:
            return fh.read()

    try:
        info, pages, replaced = load_results(list(results), read=read)
    except ResultsError as exc:
        fail(str(exc))
    if replaced:
        click.echo(f"a11ylint: {counted(replaced, 'page')} "
                   f"{'appears' if replaced == 1 else 'appear'} in more than one file; "
                   "the later result is shown", err=True)
    if fail_on:
        info.fail_on = fail_on
    exit_zero = exit_zero or info.exit_zero  # as the saved runs were made
    info.exit_zero = exit_zero
    missing = [r for r in {f.rule for p in pages for f in p.findings} | set(info.rules)
               if r not in info.rule_docs]
    if missing:
        info.rule_docs = {**_registry_docs(info.packs, missing), **info.rule_docs}
    summary = Summary(fail_on=None if info.fail_on == "never" else Severity.parse(info.fail_on),
                      exit_zero=exit_zero)
    try:
        if output:
            try:
                out = FileOutput(output)
            except OSError as exc:
                fail(f"cannot write {output}: {exc.strerror or exc}")
            try:
                write_report(ReportStream(out.fh, output), info, pages, summary)
                out.commit()
            finally:
                out.discard()
        else:
            stream = ReportStream(stdout_for("html"), "standard output")
            write_report(stream, info, pages, summary)
            stream.flush()
    except OutputError as exc:
        fail(str(exc))
    sys.exit(summary.exit_code)


def _registry_docs(packs: list[str], wanted: list[str]) -> dict:
    """Docs for rules a saved run did not record, from the installed rules and its packs."""
    from a11ylint.packs import load_packs
    from a11ylint.rules import PluginError, all_rules

    try:
        registry = all_rules(load_packs(list(packs)).rules)
    except (PackError, PluginError, OSError):
        try:
            registry = all_rules()
        except PluginError:
            return {}
    return {rid: rule_meta(registry[rid]) for rid in wanted if rid in registry}


@main.command("rules")
@click.option("--rules", "packs", multiple=True, metavar="PATH", help="Also list rules from these packs.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def list_rules(packs, fmt):
    """List every rule: id, severity, WCAG criteria, summary."""
    from a11ylint.packs import load_packs
    from a11ylint.rules import PluginError, all_rules

    try:
        loaded = load_packs(list(packs))
        registry = all_rules(loaded.rules)
    except (PackError, PluginError) as exc:
        fail(str(exc))
    if fmt == "json":
        import json

        click.echo(json.dumps([rule_meta(c) | {"doc": None} for c in registry.values()],
                              indent=2, ensure_ascii=False))
        return
    width = max((len(r) for r in registry), default=10)
    for rid, cls in registry.items():
        wcag = ",".join(cls.wcag) or "-"
        origin = "" if cls.origin == "built-in" else f"  [{cls.origin}]"
        click.echo(f"{rid.ljust(width)}  {str(cls.severity):<7}  {wcag:<11}  {cls.summary}{origin}")


@main.command()
@click.argument("rule")
@click.option("--rules", "packs", multiple=True, metavar="PATH", help="Also look in these packs.")
def explain(rule, packs):
    """Print a rule's documentation with its examples."""
    from a11ylint.packs import load_packs, resolve_pack_paths
    from a11ylint.rules import PluginError, all_rules

    try:
        specs = list(packs)
        if rule.strip().lower().startswith("legal-") and not specs:
            specs = ["legal"]  # shipped notices are opt-in for linting, not for reading
        loaded = load_packs(specs) if specs else load_packs([])
        registry = all_rules(loaded.rules)
    except (PackError, PluginError) as exc:
        fail(str(exc))
    cls = registry.get(rule) or registry.get(rule.strip().lower())
    if cls is None:
        close = [r for r in registry if rule.split("-")[0] in r][:5]
        hint = f" (did you mean: {', '.join(close)})" if close else ""
        fail(f"unknown rule {rule!r}{hint}; 'a11ylint rules' lists them")
    del resolve_pack_paths
    click.echo(cls.doc(), nl=False)
