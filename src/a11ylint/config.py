"""Configuration files: discovery, parsing and validation.

Where settings come from, lowest priority first: defaults, the configuration
file, the command line. The file is, in this order of preference:

1. ``--config PATH`` (a pyproject.toml is read from its ``[tool.a11ylint]``
   table, any other file from its top level);
2. the first of ``a11ylint.toml``, ``.a11ylint.toml`` or a ``pyproject.toml``
   with a ``[tool.a11ylint]`` table, looking in the current folder and then in
   each parent, so a run from a sub-folder of a site still finds its config;
3. none (``--isolated`` forces this, for reproducible runs and bug reports).

A typo in a configuration file must never silently change what CI checks, so
unknown keys and ill-typed values are errors that name the file and the key.
Rule option values are checked by the rule itself when the engine builds it
(``Rule.with_options``), because only the rule knows its options.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

from a11ylint.findings import Severity
from a11ylint.settings import Settings
from a11ylint.tomlfile import load_toml

CONFIG_NAMES = ("a11ylint.toml", ".a11ylint.toml", "pyproject.toml")
FORMATS = ("text", "json", "html", "sarif", "junit", "github", "gitlab", "auto")


class ConfigError(Exception):
    pass


def find_config(start: Path | None = None) -> Path | None:
    """The nearest configuration file at or above ``start`` (default: cwd)."""
    folder = (start or Path.cwd()).resolve()
    for d in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            p = d / name
            if not p.is_file():
                continue
            if name == "pyproject.toml" and _tool_table(_read(p), p) is None:
                continue  # a pyproject without our table does not stop the search
            return p
    return None


def load(config_path: str | None = None, isolated: bool = False) -> Settings:
    if isolated and config_path:
        raise ConfigError("--config and --isolated cannot be combined")
    if isolated:
        return Settings()
    if config_path:
        path = Path(config_path)
        if not path.is_file():
            raise ConfigError(f"{config_path}: configuration file not found")
    else:
        path = find_config()
        if path is None:
            return Settings()
    return load_file(path)


def load_file(path: Path) -> Settings:
    data = _read(path)
    if path.name == "pyproject.toml":
        table = _tool_table(data, path)
        if table is None:
            raise ConfigError(f"{path}: no [tool.a11ylint] table")
        prefix = "tool.a11ylint."
    else:
        table = data
        prefix = ""
        # a standalone file may also use the pyproject spelling
        if set(data) == {"tool"}:
            nested = _tool_table(data, path)
            if nested is not None:
                table, prefix = nested, "tool.a11ylint."
    settings = parse(table, path, prefix)
    settings.config_path = str(path)
    settings.config_prefix = prefix
    return settings


def _read(path: Path) -> dict:
    return load_toml(path, ConfigError)


def _tool_table(data: dict, path: Path) -> dict | None:
    tool = data.get("tool")
    if not isinstance(tool, dict) or "a11ylint" not in tool:
        return None
    table = tool["a11ylint"]
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: tool.a11ylint: must be a table")
    return table


# -- parsing -----------------------------------------------------------------

class _Ctx:
    def __init__(self, path: Path, prefix: str) -> None:
        self.path = path
        self.prefix = prefix

    def error(self, key: str, message: str) -> ConfigError:
        return ConfigError(f"{self.path}: {self.prefix}{key}: {message}")

    def codes(self, key: str, value: Any) -> list[str]:
        """A list of rule ids or families; a comma-separated string is accepted too."""
        if isinstance(value, str):
            value = [v for v in value.replace(",", " ").split() if v]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.error(key, "must be a list of rule ids or families")
        out = []
        for v in value:
            v = v.strip().lower()
            if not v:
                raise self.error(key, "empty rule id")
            out.append(v)
        return out

    def strings(self, key: str, value: Any) -> list[str]:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.error(key, "must be a list of strings")
        return list(value)

    def selectors(self, key: str, value: Any) -> list[str]:
        from cssselect import GenericTranslator
        from cssselect.parser import SelectorError

        sels = self.strings(key, value)
        tr = GenericTranslator()
        for s in sels:
            try:
                tr.css_to_xpath(s)
            except SelectorError as exc:
                raise self.error(key, f"invalid CSS selector {s!r}: {exc}") from None
        return sels

    def severity(self, key: str, value: Any) -> Severity:
        if not isinstance(value, str):
            raise self.error(key, "must be 'error' or 'warning'")
        try:
            return Severity.parse(value)
        except ValueError:
            raise self.error(key, f"must be 'error' or 'warning', got {value!r}") from None


def _select(ctx, s, key, v):
    s.select = ctx.codes(key, v)


def _ignore(ctx, s, key, v):
    s.ignore = ctx.codes(key, v)


def _extend_select(ctx, s, key, v):
    s.extend_select = ctx.codes(key, v)


def _fail_on(ctx, s, key, v):
    if v == "never":
        s.fail_on = None
        return
    if not isinstance(v, str) or v.strip().lower() not in ("error", "warning"):
        raise ctx.error(key, f"must be 'error', 'warning' or 'never', got {v!r}")
    s.fail_on = Severity.parse(v)


def _rules(ctx, s, key, v):
    packs = []
    for spec in ctx.strings(key, v):
        # a pack path is relative to the config file; a shipped name stays as it is
        candidate = ctx.path.parent / spec
        packs.append(str(candidate) if candidate.exists() else spec)
    s.rules = packs


def _include(ctx, s, key, v):
    s.include = ctx.strings(key, v)


def _exclude(ctx, s, key, v):
    s.exclude = ctx.strings(key, v)


def _per_file_ignores(ctx, s, key, v):
    if not isinstance(v, dict):
        raise ctx.error(key, "must be a table of glob = [rules]")
    s.per_file_ignores = {glob: ctx.codes(f"{key}.{glob}", codes) for glob, codes in v.items()}


def _severity(ctx, s, key, v):
    if not isinstance(v, dict):
        raise ctx.error(key, "must be a table of rule-or-family = 'error' | 'warning'")
    s.severity = {code.strip().lower(): ctx.severity(f"{key}.{code}", sev) for code, sev in v.items()}


def _rule(ctx, s, key, v):
    if not isinstance(v, dict):
        raise ctx.error(key, "must hold one table per rule: [tool.a11ylint.rule.RULE-ID]")
    opts: dict[str, dict] = {}
    for rid, table in v.items():
        if not isinstance(table, dict):
            raise ctx.error(f"{key}.{rid}", "must be a table of options")
        opts[rid] = dict(table)
    s.rule_options = opts


def _exclude_selectors(ctx, s, key, v):
    s.exclude_selectors = ctx.selectors(key, v)


def _caption_selectors(ctx, s, key, v):
    s.caption_selectors = ctx.selectors(key, v)


def _format(ctx, s, key, v):
    if not isinstance(v, str) or v not in FORMATS:
        raise ctx.error(key, f"must be one of {', '.join(FORMATS)}, got {v!r}")
    s.format = v


def _report_unused(ctx, s, key, v):
    if not isinstance(v, bool):
        raise ctx.error(key, "must be true or false")
    s.report_unused_disables = v


def _lint_timeout(ctx, s, key, v):
    if isinstance(v, bool) or not isinstance(v, (int, float)) or not 0 <= v <= 1e6:
        raise ctx.error(key, f"must be a number of seconds, 0 for no limit, got {v!r}")
    s.lint_timeout = float(v) or None


KEYS = {
    "select": _select,
    "ignore": _ignore,
    "extend-select": _extend_select,
    "fail-on": _fail_on,
    "rules": _rules,
    "include": _include,
    "exclude": _exclude,
    "per-file-ignores": _per_file_ignores,
    "severity": _severity,
    "rule": _rule,
    "exclude-selectors": _exclude_selectors,
    "caption-selectors": _caption_selectors,
    "format": _format,
    "report-unused-disables": _report_unused,
    "lint-timeout": _lint_timeout,
}


def parse(table: dict, path: Path, prefix: str = "") -> Settings:
    ctx = _Ctx(path, prefix)
    settings = Settings()
    for key, value in table.items():
        handler = KEYS.get(key) or KEYS.get(key.replace("_", "-"))
        if handler is None:
            close = difflib.get_close_matches(key.replace("_", "-"), list(KEYS), n=1, cutoff=0.7)
            if close:
                raise ctx.error(key, f"unknown key (did you mean {close[0]!r}?)")
            known = ", ".join(KEYS)
            raise ctx.error(key, f"unknown key (known keys: {known})")
        handler(ctx, settings, key, value)
    return settings


# -- printing (``a11ylint config``) -------------------------------------------

def to_toml(settings: Settings) -> str:
    """The resolved settings as a ``[tool.a11ylint]`` table that could be pasted back."""
    lines = ["[tool.a11ylint]"]
    s = settings
    if s.select is not None:
        lines.append(f"select = {_toml(s.select)}")
    lines.append(f"ignore = {_toml(s.ignore)}")
    lines.append(f"extend-select = {_toml(s.extend_select)}")
    lines.append(f"fail-on = {_toml(str(s.fail_on) if s.fail_on else 'never')}")
    lines.append(f"rules = {_toml(s.rules)}")
    lines.append(f"include = {_toml(s.include)}")
    lines.append(f"exclude = {_toml(s.exclude)}")
    lines.append(f"exclude-selectors = {_toml(s.exclude_selectors)}")
    lines.append(f"caption-selectors = {_toml(s.caption_selectors)}")
    if s.format:
        lines.append(f"format = {_toml(s.format)}")
    lines.append(f"report-unused-disables = {_toml(s.report_unused_disables)}")
    lines.append(f"lint-timeout = {_toml(s.lint_timeout or 0)}")
    lines += ["", "[tool.a11ylint.per-file-ignores]"]
    lines += [f"{_key(g)} = {_toml(c)}" for g, c in s.per_file_ignores.items()]
    lines += ["", "[tool.a11ylint.severity]"]
    lines += [f"{_key(k)} = {_toml(str(v))}" for k, v in s.severity.items()]
    for rid, opts in s.rule_options.items():
        lines += ["", f"[tool.a11ylint.rule.{_key(rid)}]"]
        lines += [f"{_key(k)} = {_toml(v)}" for k, v in opts.items()]
    return "\n".join(lines) + "\n"


def _key(k: str) -> str:
    import re

    return k if re.fullmatch(r"[A-Za-z0-9_-]+", k) else _toml(k)


def _toml(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, str):
        esc = v.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        return f'"{esc}"'
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(_toml(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{_key(k)} = {_toml(x)}" for k, x in v.items()) + "}"
    return _toml(str(v))


STARTER = '''\
# a11ylint configuration. Every key is optional; `a11ylint config` prints the
# resolved settings and `a11ylint rules` lists the rule ids.

# Rules to run: ids or families (prefixes such as "img-alt"). Default: all.
# select = ["skip-link", "heading", "img-alt"]

# Rules or families to skip, and rules to add to the selection.
# ignore = ["heading-order"]
# extend-select = []

# Lowest severity that fails the run (exit 1): "error", "warning" or "never".
fail-on = "error"

# Declarative rule packs: TOML files, folders of them, or shipped packs.
# rules = ["legal/imprint"]

# Files to lint inside folders, and files or folders to skip. The default
# exclude skips installed packages (node_modules, bower_components,
# jspm_packages, site-packages, __pycache__, venv); setting it replaces that
# list, --exclude adds to it. Folders whose names start with a dot are skipped.
include = ["*.html", "*.htm"]
# exclude = ["node_modules", "vendor"]

# Elements to ignore entirely: ad slots, third-party widgets, consent banners.
# exclude-selectors = [".ad-slot", "#cmp-banner"]

# Elements whose text counts as an image caption.
# caption-selectors = [".caption", ".credit"]

# Default output format: text, json, html, sarif, junit, github, gitlab, auto.
# format = "auto"

# Warn about inline a11ylint-disable directives that suppress nothing.
# report-unused-disables = true

# Longest time to lint one page, in seconds (0: no limit). A page that takes
# longer is reported as an error, and the run goes on.
# lint-timeout = 60

# Rules to skip for some files (glob = [rules]); globs are paths from this
# file's folder.
# [PREFIXper-file-ignores]
# "archive/**" = ["heading"]

# Severity overrides for rules or families.
# [PREFIXseverity]
# heading = "warning"

# Options of one rule (`a11ylint explain RULE` lists them).
# [PREFIXrule.img-alt-length]
# max = 200
'''


def starter(pyproject: bool = False) -> str:
    """A commented starter configuration; in a pyproject every table gets our prefix."""
    if pyproject:
        return "[tool.a11ylint]\n" + STARTER.replace("[PREFIX", "[tool.a11ylint.")
    return STARTER.replace("[PREFIX", "[")
