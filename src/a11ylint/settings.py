"""Resolved settings for one run: command line over configuration file over defaults."""

from __future__ import annotations

from dataclasses import dataclass, field

from a11ylint.deadline import DEFAULT as DEFAULT_LINT_TIMEOUT
from a11ylint.findings import Severity

# Folders of installed packages, skipped inside a folder walk as ruff and
# eslint skip them: `a11ylint check .` in a site's repository must not lint
# the HTML that ships with its dependencies. A folder named on the command
# line is linted all the same; the configuration's ``exclude`` replaces this
# list, --exclude adds to it. Folders whose names start with a dot are never
# entered.
DEFAULT_EXCLUDE = ("node_modules", "bower_components", "jspm_packages", "site-packages",
                   "__pycache__", "venv")


@dataclass
class Settings:
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    extend_select: list[str] = field(default_factory=list)
    fail_on: Severity | None = Severity.ERROR  # None: never fail on findings
    rules: list[str] = field(default_factory=list)  # pack paths or shipped pack names
    include: list[str] = field(default_factory=lambda: ["*.html", "*.htm"])
    exclude: list[str] = field(default_factory=lambda: list(DEFAULT_EXCLUDE))
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    severity: dict[str, Severity] = field(default_factory=dict)  # rule or family -> severity
    rule_options: dict[str, dict] = field(default_factory=dict)
    exclude_selectors: list[str] = field(default_factory=list)
    caption_selectors: list[str] = field(default_factory=list)
    format: str | None = None
    report_unused_disables: bool = False
    lint_timeout: float | None = DEFAULT_LINT_TIMEOUT  # seconds per page; None: no limit
    config_path: str | None = None
    # how the file spells this table's keys in messages: "tool.a11ylint." in a
    # pyproject.toml (or a file written like one), else ""
    config_prefix: str = ""
