"""Configuration discovery, parsing and errors."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from a11ylint import config
from a11ylint.cli import main
from a11ylint.findings import Severity
from ci_support import demo_rules  # noqa: F401 - fixture used by name


@pytest.fixture
def tmp_cwd(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


FULL = """
select = ["heading", "img-alt"]
ignore = ["heading-order"]
extend-select = ["skip-link"]
fail-on = "warning"
include = ["*.html"]
exclude = ["vendor"]
exclude-selectors = [".ad-slot", "#cmp"]
caption-selectors = [".caption"]
format = "sarif"
report-unused-disables = true

[per-file-ignores]
"archive/*.html" = ["heading"]

[severity]
heading = "warning"
img-alt-missing = "error"

[rule.img-alt-length]
max = 200
"""


def test_all_keys(tmp_cwd):
    (tmp_cwd / "a11ylint.toml").write_text(FULL)
    s = config.load()
    assert s.select == ["heading", "img-alt"]
    assert s.ignore == ["heading-order"]
    assert s.extend_select == ["skip-link"]
    assert s.fail_on is Severity.WARNING
    assert s.include == ["*.html"] and s.exclude == ["vendor"]
    assert s.exclude_selectors == [".ad-slot", "#cmp"]
    assert s.caption_selectors == [".caption"]
    assert s.format == "sarif" and s.report_unused_disables
    assert s.per_file_ignores == {"archive/*.html": ["heading"]}
    assert s.severity == {"heading": Severity.WARNING, "img-alt-missing": Severity.ERROR}
    assert s.rule_options == {"img-alt-length": {"max": 200}}
    assert s.config_path.endswith("a11ylint.toml")


def test_pyproject_table_and_walk_up(tmp_cwd, monkeypatch):
    (tmp_cwd / "pyproject.toml").write_text('[tool.a11ylint]\nfail-on = "never"\n')
    sub = tmp_cwd / "site" / "news"
    sub.mkdir(parents=True)
    monkeypatch.chdir(sub)
    s = config.load()
    assert s.fail_on is None
    assert s.config_path == str(tmp_cwd / "pyproject.toml")


def test_pyproject_without_table_does_not_stop_search(tmp_cwd, monkeypatch):
    (tmp_cwd / ".a11ylint.toml").write_text('ignore = ["heading"]\n')
    sub = tmp_cwd / "pkg"
    sub.mkdir()
    (sub / "pyproject.toml").write_text('[project]\nname = "x"\n')
    monkeypatch.chdir(sub)
    assert config.load().ignore == ["heading"]


def test_nearest_file_wins_and_a11ylint_toml_over_pyproject(tmp_cwd):
    (tmp_cwd / "pyproject.toml").write_text('[tool.a11ylint]\nignore = ["a"]\n')
    (tmp_cwd / "a11ylint.toml").write_text('ignore = ["b"]\n')
    assert config.load().ignore == ["b"]


def test_no_config_gives_defaults(tmp_cwd):
    s = config.load()
    assert s.config_path is None and s.fail_on is Severity.ERROR


def test_isolated_and_explicit(tmp_cwd):
    (tmp_cwd / "a11ylint.toml").write_text('ignore = ["b"]\n')
    other = tmp_cwd / "ci.toml"
    other.write_text('ignore = ["c"]\n')
    assert config.load(isolated=True).ignore == []
    assert config.load(str(other)).ignore == ["c"]
    with pytest.raises(config.ConfigError, match="cannot be combined"):
        config.load(str(other), isolated=True)
    with pytest.raises(config.ConfigError, match="not found"):
        config.load(str(tmp_cwd / "missing.toml"))


def test_explicit_pyproject_reads_tool_table(tmp_cwd):
    p = tmp_cwd / "pyproject.toml"
    p.write_text('[tool.a11ylint]\nselect = ["heading"]\n')
    assert config.load(str(p)).select == ["heading"]


def test_relative_pack_paths_resolve_against_config(tmp_cwd):
    (tmp_cwd / "packs").mkdir()
    (tmp_cwd / "packs" / "house.toml").write_text("")
    (tmp_cwd / "a11ylint.toml").write_text('rules = ["packs/house.toml", "legal/imprint"]\n')
    s = config.load()
    assert s.rules == [str(tmp_cwd / "packs" / "house.toml"), "legal/imprint"]


@pytest.mark.parametrize("text,key", [
    ('selct = ["heading"]\n', "selct"),
    ('fail-on = "fatal"\n', "fail-on"),
    ("select = 3\n", "select"),
    ('format = "xml"\n', "format"),
    ('exclude-selectors = ["div[["]\n', "exclude-selectors"),
    ('[severity]\nheading = "critical"\n', "severity.heading"),
    ('[per-file-ignores]\n"a/*" = 5\n', "per-file-ignores.a/*"),
    ('rule = 1\n', "rule"),
    ('[rule]\nimg-alt-length = 200\n', "rule.img-alt-length"),
    ("report-unused-disables = \"yes\"\n", "report-unused-disables"),
])
def test_errors_name_file_and_key(tmp_cwd, text, key):
    (tmp_cwd / "a11ylint.toml").write_text(text)
    with pytest.raises(config.ConfigError) as exc:
        config.load()
    msg = str(exc.value)
    assert "a11ylint.toml" in msg and f": {key}:" in msg, msg


def test_pyproject_errors_use_dotted_key(tmp_cwd):
    (tmp_cwd / "pyproject.toml").write_text('[tool.a11ylint]\nbogus = 1\n')
    with pytest.raises(config.ConfigError, match=r"pyproject.toml: tool.a11ylint.bogus: unknown key"):
        config.load()


def test_a_misspelt_key_or_option_names_the_one_meant(tmp_cwd):
    (tmp_cwd / "pyproject.toml").write_text('[tool.a11ylint]\nselct = ["img-alt"]\n')
    with pytest.raises(config.ConfigError) as exc:
        config.load()
    assert str(exc.value).endswith(
        "pyproject.toml: tool.a11ylint.selct: unknown key (did you mean 'select'?)")
    # a rule's option, spelt wrong in pyproject.toml: the key as the file has it
    (tmp_cwd / "pyproject.toml").write_text(
        "[tool.a11ylint.rule.img-alt-caption-duplicate]\nsimilarty = 0.8\n")
    (tmp_cwd / "p.html").write_text("<p>x</p>")
    res = CliRunner().invoke(main, ["check", "p.html"])
    assert res.exit_code == 2, res.output
    assert ("pyproject.toml: tool.a11ylint.rule.img-alt-caption-duplicate: unknown option "
            "'similarty' for rule img-alt-caption-duplicate (known: containment, opening-words, "
            "similarity; did you mean 'similarity'?)") in res.output


def test_invalid_toml(tmp_cwd):
    (tmp_cwd / "a11ylint.toml").write_text("select = [\n")
    with pytest.raises(config.ConfigError, match="invalid TOML"):
        config.load()


@pytest.mark.usefixtures("demo_rules")
def test_cli_exit_2_on_bad_config(tmp_cwd):
    (tmp_cwd / "a11ylint.toml").write_text("nope = 1\n")
    (tmp_cwd / "p.html").write_text("<p>x</p>")
    res = CliRunner().invoke(main, ["check", "p.html"])
    assert res.exit_code == 2
    assert "a11ylint.toml: nope: unknown key" in res.output


@pytest.mark.parametrize("table,message", [
    # a negative max flagged every alt text; 0 made every page need a skip link
    ('[rule.img-alt-length]\nmax = -1', "rule.img-alt-length: option 'max' must be 1 or more, got -1"),
    ('[rule.img-alt-length]\nmax = true',
     "rule.img-alt-length: option 'max' of rule img-alt-length must be int, got bool"),
    ('[rule.skip-link-missing]\nmin-focusable = 0',
     "rule.skip-link-missing: option 'min-focusable' must be 1 or more, got 0"),
    ('[rule.img-alt-caption-duplicate]\nsimilarity = 1.5',
     "rule.img-alt-caption-duplicate: option 'similarity' must be above 0 and at most 1, got 1.5"),
])
def test_rule_options_out_of_range_are_usage_errors(tmp_cwd, table, message):
    (tmp_cwd / "a11ylint.toml").write_text(table + "\n")
    (tmp_cwd / "p.html").write_text("<p>x</p>")
    res = CliRunner().invoke(main, ["check", "p.html"])
    assert res.exit_code == 2, res.output
    assert f"a11ylint.toml: {message}" in res.output


@pytest.mark.usefixtures("demo_rules")
def test_rule_options_validated_by_rule(tmp_cwd):
    (tmp_cwd / "a11ylint.toml").write_text('[rule.demo-img-missing]\nmax = 3\n')
    (tmp_cwd / "p.html").write_text("<p>x</p>")
    res = CliRunner().invoke(main, ["check", "p.html"])
    assert res.exit_code == 2
    assert "a11ylint.toml: rule.demo-img-missing: unknown option 'max'" in res.output
    (tmp_cwd / "a11ylint.toml").write_text('[rule.no-such-rule]\nmax = 3\n')
    res = CliRunner().invoke(main, ["check", "p.html"])
    assert res.exit_code == 2 and "unknown rule 'no-such-rule'" in res.output


@pytest.mark.usefixtures("demo_rules")
def test_config_drives_check(tmp_cwd):
    (tmp_cwd / "a11ylint.toml").write_text(
        'select = ["demo"]\nexclude-selectors = [".ad"]\n[severity]\ndemo-img = "warning"\n'
        '[per-file-ignores]\n"skip.html" = ["demo-link"]\n')
    page = '<p><img src="a.jpg"></p><div class="ad"><img src="ad.jpg"></div><a href="/x"></a>'
    (tmp_cwd / "p.html").write_text(page)
    (tmp_cwd / "skip.html").write_text(page)
    res = CliRunner().invoke(main, ["check", "-f", "json", "p.html", "skip.html"])
    import json

    data = json.loads(res.output)
    p, skip = data["pages"]
    assert [(f["rule"], f["severity"]) for f in p["findings"]] == [
        ("demo-img-missing", "warning"), ("demo-link-empty", "warning")]
    assert [f["rule"] for f in skip["findings"]] == ["demo-img-missing"]
    assert res.exit_code == 0  # only warnings, fail-on error


@pytest.mark.usefixtures("demo_rules")
def test_config_command_prints_resolved(tmp_cwd):
    (tmp_cwd / "a11ylint.toml").write_text(FULL.replace('format = "sarif"\n', ""))
    res = CliRunner().invoke(main, ["config", "--select", "demo"])
    assert res.exit_code == 0, res.output
    import tomllib

    body = tomllib.loads(res.output)["tool"]["a11ylint"]
    assert body["select"] == ["demo"]  # the command line wins
    assert body["fail-on"] == "warning"
    assert body["severity"] == {"heading": "warning", "img-alt-missing": "error"}
    assert body["rule"] == {"img-alt-length": {"max": 200}}
    assert "# configuration: " in res.output
    # round trip: what it prints is a valid configuration
    (tmp_cwd / "pyproject.toml").write_text(res.output)
    assert config.load(str(tmp_cwd / "pyproject.toml")).severity["heading"] is Severity.WARNING


def test_config_command_isolated(tmp_cwd):
    (tmp_cwd / "a11ylint.toml").write_text('ignore = ["heading"]\n')
    res = CliRunner().invoke(main, ["config", "--isolated"])
    assert res.exit_code == 0
    assert "ignore = []" in res.output and "no configuration file" in res.output


def test_init_writes_valid_starter(tmp_cwd):
    res = CliRunner().invoke(main, ["init"])
    assert res.exit_code == 0, res.output
    text = (tmp_cwd / "a11ylint.toml").read_text()
    assert text.startswith("#")
    assert config.load().fail_on is Severity.ERROR
    res = CliRunner().invoke(main, ["init"])
    assert res.exit_code == 2 and "exists" in res.output
    assert CliRunner().invoke(main, ["init", "--force"]).exit_code == 0


def test_init_pyproject_appends_table(tmp_cwd):
    (tmp_cwd / "pyproject.toml").write_text('[project]\nname = "site"\n')
    res = CliRunner().invoke(main, ["init", "--pyproject"])
    assert res.exit_code == 0, res.output
    text = (tmp_cwd / "pyproject.toml").read_text()
    assert text.startswith('[project]\nname = "site"\n') and "[tool.a11ylint]" in text
    assert config.load().config_path.endswith("pyproject.toml")
    res = CliRunner().invoke(main, ["init", "--pyproject"])
    assert res.exit_code == 2 and "already" in res.output


@pytest.mark.usefixtures("demo_rules")
def test_an_exclude_selector_list_excludes_what_each_of_its_parts_matches(tmp_cwd):
    # "a, b" is queried as its parts: libxml2 merges an XPath union in time
    # quadratic in its sides
    (tmp_cwd / "a11ylint.toml").write_text(
        'select = ["demo"]\nexclude-selectors = [".ad, aside > p", "#cmp"]\n')
    (tmp_cwd / "p.html").write_text(
        '<p><img src="a.jpg"></p>\n<div class="ad"><img src="ad.jpg"></div>\n'
        '<aside><p><img src="b.jpg"></p><img src="c.jpg"></aside>\n'
        '<div id="cmp"><a href="/x"></a></div>\n')
    res = CliRunner().invoke(main, ["check", "-f", "json", "p.html"])
    import json

    found = json.loads(res.output)["pages"][0]["findings"]
    assert [(f["rule"], f["line"], f["column"]) for f in found] == [
        ("demo-img-missing", 1, 4), ("demo-img-missing", 3, 32)]


def test_per_file_ignores_are_paths_from_the_configuration_file(tmp_path, monkeypatch):
    (tmp_path / "site" / "archive").mkdir(parents=True)
    (tmp_path / "site" / "archive" / "old.html").write_text(
        '<html><body><main><h1>Old</h1><img src="a.jpg"></main></body></html>')
    (tmp_path / "site" / "new.html").write_text(
        '<html><body><main><h1>New</h1><img src="b.jpg"></main></body></html>')
    (tmp_path / "a11ylint.toml").write_text(
        '[per-file-ignores]\n"site/archive/**" = ["img-alt"]\n')

    def missing_alt(cwd, *inputs):
        monkeypatch.chdir(cwd)
        r = CliRunner().invoke(main, ["check", "-f", "json", *inputs])
        return sorted(p["source"].rsplit("/", 1)[-1] for p in json.loads(r.stdout)["pages"]
                      if any(f["rule"] == "img-alt-missing" for f in p["findings"]))

    # however the run names the folder, and from whichever folder it starts
    assert missing_alt(tmp_path, "site") == ["new.html"]
    assert missing_alt(tmp_path, "./site") == ["new.html"]
    assert missing_alt(tmp_path, str(tmp_path / "site")) == ["new.html"]
    assert missing_alt(tmp_path, "site/../site") == ["new.html"]
    assert missing_alt(tmp_path / "site", ".") == ["new.html"]
    assert missing_alt(tmp_path / "site", "archive", "new.html") == ["new.html"]
