"""A rule plugin, installed: examples/plugin declares one rule in the
``a11ylint.rules`` entry-point group, and it runs, lists and explains like a
built-in one. Installation is reproduced as pip leaves it (a dist-info folder
with the entry points its pyproject.toml declares, on sys.path), so the test
needs no network and no build."""

from __future__ import annotations

import importlib
import importlib.util
import sys
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from a11ylint.cli import main
from a11ylint.rules import ENTRY_POINT_GROUP, all_rules
from a11ylint.testing import example_failures, lint_html

PLUGIN = Path(__file__).resolve().parent.parent / "examples" / "plugin"


@pytest.fixture
def installed(tmp_path, monkeypatch):
    project = tomllib.loads((PLUGIN / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = project["entry-points"][ENTRY_POINT_GROUP]
    site = tmp_path / "site-packages"
    info = site / f"{project['name'].replace('-', '_')}-{project['version']}.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {project['name']}\nVersion: {project['version']}\n")
    (info / "entry_points.txt").write_text(
        f"[{ENTRY_POINT_GROUP}]\n" + "".join(f"{k} = {v}\n" for k, v in declared.items()))
    monkeypatch.syspath_prepend(str(PLUGIN))
    monkeypatch.syspath_prepend(str(site))
    importlib.invalidate_caches()
    yield
    sys.modules.pop("a11ylint_embeds", None)


@pytest.mark.usefixtures("installed")
def test_the_plugin_rule_joins_the_registry_with_its_origin():
    cls = all_rules()["embed-title"]
    assert cls.origin == "plugin embeds (a11ylint_embeds:RULES)"
    assert (cls.family, cls.wcag) == ("embed", ("4.1.2",))
    assert example_failures(cls) == []


@pytest.mark.usefixtures("installed")
def test_the_plugin_rule_runs_lists_and_explains(tmp_path):
    page = tmp_path / "story.html"
    page.write_text('<html lang="en"><body><main><h1>Storm</h1>\n'
                    '<p>Watch: <iframe src="https://video.example/embed/1"></iframe></p>\n'
                    "</main></body></html>\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["check", "--isolated", "-q", str(page)])
    assert res.exit_code == 1, res.output
    assert res.stdout.splitlines() == [
        f"{page}:2:11: error embed-title <iframe src=\"https://video.example/embed/1\"> has no "
        "accessible name: give it a title that says what it holds",
        "1 page checked, 1 finding (1 error, 0 warnings), 1 page with findings"]
    # selected and ignored by family like any rule
    res = CliRunner().invoke(main, ["check", "--isolated", "--ignore", "embed", str(page)])
    assert res.exit_code == 0, res.output
    res = CliRunner().invoke(main, ["rules"])
    [line] = [ln for ln in res.stdout.splitlines() if ln.startswith("embed-title ")]
    assert line.split()[:3] == ["embed-title", "error", "4.1.2"]
    assert line.endswith("[plugin embeds (a11ylint_embeds:RULES)]")
    res = CliRunner().invoke(main, ["explain", "embed-title"])
    assert res.exit_code == 0
    assert "WCAG 4.1.2 Name, Role, Value (Level A)" in res.stdout
    assert '<iframe src="https://video.example/embed/4711"></iframe>' in res.stdout


@pytest.mark.usefixtures("installed")
def test_the_plugins_own_tests_pass():
    tests = PLUGIN / "tests" / "test_embed_title.py"
    spec = importlib.util.spec_from_file_location("plugin_tests", tests)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    ran = 0
    for name in dir(module):
        if name.startswith("test_"):
            getattr(module, name)()
            ran += 1
    assert ran == 2


def test_without_the_plugin_the_rule_is_unknown():
    assert "embed-title" not in all_rules()
    res = lint_html("<p>x</p>", select=["heading-one"])
    assert [f.rule for f in res.findings] == ["heading-one"]
