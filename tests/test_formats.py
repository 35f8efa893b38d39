"""CI formats: golden files, SARIF schema validation, JUnit parse-back,
workflow-command escaping, GitLab fingerprints.

Regenerate the golden files after an intended change with
``A11YLINT_UPDATE_GOLDEN=1 pytest tests/test_formats.py`` and review the diff.
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from a11ylint.cli import main, rule_meta
from a11ylint.findings import PageResult
from a11ylint.reporters import get_reporter
from a11ylint.reporters.base import RunInfo, Summary
from a11ylint.reporters.github import command, escape_data, escape_property
from ci_support import DEMO_RULES, demo_lint, demo_rules  # noqa: F401 - fixture

pytestmark = pytest.mark.usefixtures("demo_rules")

HERE = Path(__file__).parent
GOLDEN = HERE / "golden"
SCHEMA = HERE / "data" / "sarif-schema-2.1.0.json"

PAGE = """\
<!DOCTYPE html>
<html lang="en"><head><title>Budget vote</title></head>
<body>
<main id="story">
<h1>Budget vote, 100% "final"</h1>
<img src="chart.png">
<p>Text <a href="/more"></a></p>
<figure class="wide"><img src="vote.jpg"></figure>
</main>
</body>
</html>
"""


def results() -> list[PageResult]:
    bad = demo_lint(PAGE, label="site/news/budget,vote.html")
    clean = demo_lint("<p>All good</p>", label="site/index.html")
    broken = PageResult("site/missing.html", "error", "no such file or directory")
    return [bad, clean, broken]


def render(fmt: str) -> str:
    info = RunInfo(inputs=["site"], rules=[c.id for c in DEMO_RULES],
                   started="2024-01-01T00:00:00+00:00", version="0.0.0-test")
    info.rule_docs = {c.id: rule_meta(c) for c in DEMO_RULES}
    out = io.StringIO()
    rep = get_reporter(fmt)(out, info)
    summary = Summary()
    rep.start()
    for r in results():
        summary.add(r)
        rep.page(r)
    rep.finish(summary)
    return out.getvalue()


GOLDEN_FILES = {"sarif": "report.sarif", "junit": "report.junit.xml",
                "github": "report.github.txt", "gitlab": "report.gitlab.json"}


@pytest.mark.parametrize("fmt", sorted(GOLDEN_FILES))
def test_golden(fmt):
    got = render(fmt)
    path = GOLDEN / GOLDEN_FILES[fmt]
    if os.environ.get("A11YLINT_UPDATE_GOLDEN"):
        path.write_text(got, encoding="utf-8")
    assert got == path.read_text(encoding="utf-8"), f"{fmt} output changed; see module docstring"


def test_sarif_validates_against_schema():
    import jsonschema

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    log = json.loads(render("sarif"))
    jsonschema.Draft4Validator(schema).validate(log)


def test_sarif_content():
    log = json.loads(render("sarif"))
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["demo-img-missing", "demo-link-empty"]  # only fired
    img = rules[0]
    assert img["helpUri"].startswith("https://www.w3.org/WAI/WCAG22/Understanding/")
    assert img["help"]["text"] and img["shortDescription"]["text"]
    res = run["results"]
    assert [(r["ruleId"], r["level"]) for r in res] == [
        ("demo-img-missing", "error"), ("demo-link-empty", "warning"), ("demo-img-missing", "error")]
    loc = res[0]["locations"][0]
    region = loc["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (6, 1)
    assert region["snippet"]["text"] == '<img src="chart.png">'
    assert loc["physicalLocation"]["artifactLocation"] == {
        "uri": "site/news/budget,vote.html", "uriBaseId": "%SRCROOT%"}
    assert loc["logicalLocations"][0]["fullyQualifiedName"] == "main#story > img"
    assert all(r["partialFingerprints"]["a11ylintFingerprint/v1"] for r in res)
    inv = run["invocations"][0]
    assert inv["executionSuccessful"] is False
    assert "site/missing.html" in inv["toolExecutionNotifications"][0]["message"]["text"]


def test_sarif_fingerprint_survives_line_shift():
    a = demo_lint(PAGE, label="p.html")
    b = demo_lint("<!-- new banner -->\n\n\n" + PAGE.replace('class="wide"', 'class="full"'),
                  label="p.html")
    assert [f.fingerprint for f in a.findings] == [f.fingerprint for f in b.findings]
    assert [f.line for f in a.findings] != [f.line for f in b.findings]


def test_junit_parses_back():
    root = etree.fromstring(render("junit").encode("utf-8"))
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [
        "site/news/budget,vote.html", "site/index.html", "site/missing.html"]
    bad, clean, broken = suites
    assert (bad.get("tests"), bad.get("failures"), bad.get("errors")) == ("3", "3", "0")
    cases = bad.findall("testcase")
    assert [c.find("failure").get("type") for c in cases] == [
        "demo-img-missing", "demo-link-empty", "demo-img-missing"]
    assert cases[0].get("line") == "6" and "main#story > img" in cases[0].get("name")
    assert "chart.png" in cases[0].find("failure").get("message")
    (ok,) = clean.findall("testcase")
    assert ok.find("failure") is None and ok.find("error") is None
    assert broken.get("errors") == "1"
    assert broken.find("testcase/error").get("message") == "no such file or directory"


def test_junit_strips_characters_xml_cannot_hold():
    r = PageResult("p\x01.html", "error", "bad byte \x0b here")
    out = io.StringIO()
    rep = get_reporter("junit")(out, RunInfo())
    rep.start()
    rep.page(r)
    rep.finish(Summary())
    etree.fromstring(out.getvalue().encode("utf-8"))


def test_github_escaping():
    assert escape_data("100%\r\nok") == "100%25%0D%0Aok"
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25"
    assert command("error", "m:x,y", file="a,b.html", line=3, col=4, title="r:1") == \
        "::error file=a%2Cb.html,line=3,col=4,title=r%3A1::m:x,y"
    lines = render("github").splitlines()
    assert lines[0].startswith("::error file=site/news/budget%2Cvote.html,line=6,col=1,"
                               "title=demo-img-missing::")
    assert lines[1].startswith("::warning ")
    assert all("\n" not in line and "\r" not in line for line in lines)
    assert any(line.startswith("::error file=site/missing.html,title=a11ylint::") for line in lines)


def test_github_job_summary(tmp_path, monkeypatch):
    target = tmp_path / "summary.md"
    target.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(target))
    render("github")
    assert target.read_text(encoding="utf-8") == (
        "earlier step\n"
        "### a11ylint: Error: 1 page could not be linted\n"
        "\n"
        "3 pages checked, 3 findings (2 errors, 1 warning), 1 page could not be linted.\n"
        "\n"
        "| rule | findings | pages |\n"
        "| --- | ---: | ---: |\n"
        "| `demo-img-missing` | 2 | 1 |\n"
        "| `demo-link-empty` | 1 | 1 |\n"
        "\n"
        "| page | errors | warnings |\n"
        "| --- | ---: | ---: |\n"
        "| site/news/budget,vote.html | 2 | 1 |\n"
        "\n"
        "Could not be linted:\n"
        "\n"
        "- site/missing.html: no such file or directory\n"
        "\n")


def test_github_job_summary_escapes_page_names_and_lists_the_busiest_pages(tmp_path,
                                                                         monkeypatch):
    target = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(target))
    rep = get_reporter("github")(io.StringIO(), RunInfo())
    summary = Summary()
    rep.start()
    pages = [demo_lint(PAGE, label=f"site/p{i}.html") for i in range(22)]
    pages.append(demo_lint(PAGE + '<img src="x.png">', label="site/a|b_*c*<script>.html"))
    for r in pages:
        summary.add(r)
        rep.page(r)
    rep.finish(summary)
    text = target.read_text(encoding="utf-8")
    rows = [ln for ln in text.splitlines() if ln.startswith("| site")]
    assert rows[0] == r"| site/a\|b\_\*c\*\<script\>.html | 3 | 1 |"  # most findings first
    assert len(rows) == 20 and "\n3 more pages with findings.\n" in text
    # more than GitHub shows as annotations: the summary says where the rest are
    assert text.endswith("GitHub shows 10 error and 10 warning annotations per step; every "
                         "finding is in this step's log.\n\n")


def test_github_job_summary_that_cannot_be_written_is_a_warning(tmp_path, monkeypatch):
    page = tmp_path / "p.html"
    page.write_text(PAGE)
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "no" / "such" / "dir.md"))
    res = CliRunner().invoke(main, ["check", "--isolated", "--select", "demo", "-f", "github",
                                    str(page)])
    assert res.exit_code == 1
    assert "a11ylint: warning: cannot write the job summary to " in res.stderr
    assert res.stdout.startswith("::error file=")


def test_gitlab_code_quality():
    issues = json.loads(render("gitlab"))
    fps = [i["fingerprint"] for i in issues]
    assert len(fps) == len(set(fps))  # GitLab requires unique fingerprints
    first = issues[0]
    assert first["check_name"] == "demo-img-missing" and first["severity"] == "major"
    assert first["location"] == {"path": "site/news/budget,vote.html", "lines": {"begin": 6}}
    assert issues[1]["severity"] == "minor"
    assert issues[-1]["severity"] == "critical" and issues[-1]["location"]["path"] == \
        "site/missing.html"
    assert json.loads(render("gitlab")) == issues  # stable between runs


def test_gitlab_empty_run_is_valid_json():
    out = io.StringIO()
    rep = get_reporter("gitlab")(out, RunInfo())
    rep.start()
    rep.finish(Summary())
    assert json.loads(out.getvalue()) == []


def test_cli_several_reports_at_once(tmp_path):
    page = tmp_path / "p.html"
    page.write_text(PAGE)
    sarif, junit, gl = tmp_path / "a.sarif", tmp_path / "j.xml", tmp_path / "cq.json"
    res = CliRunner().invoke(main, ["check", "--isolated", "--select", "demo", str(page),
                                    "-r", f"sarif={sarif}", "-r", f"junit={junit}",
                                    "-r", f"gitlab={gl}"])
    assert res.exit_code == 1
    assert "demo-img-missing" in res.output  # text on stdout as well
    assert len(json.loads(sarif.read_text())["runs"][0]["results"]) == 3
    assert etree.parse(str(junit)).getroot().find("testsuite").get("failures") == "3"
    assert len(json.loads(gl.read_text())) == 3


def test_format_auto_on_github_actions(tmp_path, monkeypatch):
    page = tmp_path / "p.html"
    page.write_text(PAGE)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    res = CliRunner().invoke(main, ["check", "--isolated", "--select", "demo", "-f", "auto",
                                    str(page)])
    assert res.output.startswith("::error file=")
    monkeypatch.setenv("GITHUB_ACTIONS", "false")
    res = CliRunner().invoke(main, ["check", "--isolated", "--select", "demo", "-f", "auto",
                                    str(page)])
    assert not res.output.startswith("::")


def test_help_documents_exit_codes():
    out = CliRunner().invoke(main, ["check", "--help"]).output
    assert "Exit status" in out and "--exit-zero" in out and "--baseline" in out
