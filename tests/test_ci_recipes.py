"""The shipped CI recipes stay in step with the command line they call."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from a11ylint.cli import main

ROOT = Path(__file__).parent.parent
yaml = pytest.importorskip("yaml")


def test_pre_commit_hook_runs_check_on_html(tmp_path, monkeypatch):
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] == "a11ylint" and hook["language"] == "python"
    assert "html" in hook["types_or"]
    argv = shlex.split(hook["entry"])
    assert argv[0] == "a11ylint"
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.html").write_text("<!DOCTYPE html><html lang='en'><title>t</title><p>x</p>")
    res = CliRunner().invoke(main, [*argv[1:], "--isolated", "a.html"])
    assert res.exit_code in (0, 1), res.output


@pytest.mark.parametrize("name", ["github-actions.yml", "gitlab-ci.yml"])
def test_examples_are_valid_yaml_and_use_known_formats(name):
    text = (ROOT / "examples" / "ci" / name).read_text()
    yaml.safe_load(text)
    from a11ylint.reporters import formats

    for token in text.split():
        if "=" in token and token.split("=")[0] in ("sarif", "junit", "gitlab", "github"):
            assert token.split("=")[0] in formats()
