"""Output formats. Each module registers one Reporter under its format name."""

from __future__ import annotations

import importlib

# format name -> "module:Class"; modules are imported only when used
REPORTERS: dict[str, str] = {
    "text": "a11ylint.reporters.text:TextReporter",
    "json": "a11ylint.reporters.json_report:JsonReporter",
    "html": "a11ylint.reporters.html:HtmlReporter",
    "sarif": "a11ylint.reporters.sarif:SarifReporter",
    "junit": "a11ylint.reporters.junit:JunitReporter",
    "github": "a11ylint.reporters.github:GithubReporter",
    "gitlab": "a11ylint.reporters.gitlab:GitlabReporter",
}


def get_reporter(name: str):
    try:
        target = REPORTERS[name]
    except KeyError:
        raise ValueError(f"unknown format {name!r} (choose from {', '.join(formats())})") from None
    mod, _, cls = target.partition(":")
    return getattr(importlib.import_module(mod), cls)


def formats() -> list[str]:
    return [*REPORTERS, "auto"]
