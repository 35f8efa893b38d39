"""Folder walks skip installed packages (node_modules and the like) by default."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from a11ylint.cli import main
from a11ylint.settings import DEFAULT_EXCLUDE, Settings

PAGE = '<!doctype html>\n<html lang="en"><body><main><h1>T</h1>\n<h3>x</h3></main></body></html>\n'


@pytest.fixture
def repo(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for rel in ("site/index.html", "site/news/a.html", "node_modules/pkg/docs/index.html",
                "site/node_modules/x/readme.html", "bower_components/b/demo.html",
                "venv/lib/site-packages/p/doc.html", "site/__pycache__/c.html",
                ".cache/d.html", "site/vendor/e.html"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(PAGE)
    return tmp_path


def _sources(*args, code=0):
    res = CliRunner().invoke(main, ["check", "-f", "json", *args])
    assert res.exit_code == code, res.output
    return [p["source"] for p in json.loads(res.stdout)["pages"]]


def test_installed_packages_are_skipped(repo):
    assert _sources("--isolated", ".") == ["./site/index.html", "./site/news/a.html",
                                           "./site/vendor/e.html"]


def test_exclude_on_the_command_line_adds_to_the_default(repo):
    assert _sources("--isolated", "--exclude", "vendor", ".") == [
        "./site/index.html", "./site/news/a.html"]


def test_a_folder_named_on_the_command_line_is_linted(repo):
    assert _sources("--isolated", "node_modules/pkg", "site/__pycache__/c.html") == [
        "node_modules/pkg/docs/index.html", "site/__pycache__/c.html"]


def test_the_configuration_replaces_the_default(repo):
    (repo / "a11ylint.toml").write_text('exclude = ["site-packages"]\n')
    # a folder's files come before its subfolders
    assert _sources(".") == [
        "./bower_components/b/demo.html", "./node_modules/pkg/docs/index.html",
        "./site/index.html", "./site/__pycache__/c.html", "./site/news/a.html",
        "./site/node_modules/x/readme.html", "./site/vendor/e.html"]


def test_config_prints_the_default(repo):
    res = CliRunner().invoke(main, ["config", "--isolated"])
    assert res.exit_code == 0
    assert ('exclude = ["node_modules", "bower_components", "jspm_packages", "site-packages", '
            '"__pycache__", "venv"]') in res.output.splitlines()
    assert Settings().exclude == list(DEFAULT_EXCLUDE)
