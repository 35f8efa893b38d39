"""Baselines: round trips, line shifts, restyled ancestors, new violations."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from a11ylint.cli import main
from ci_support import demo_rules  # noqa: F401 - fixture

pytestmark = pytest.mark.usefixtures("demo_rules")

PAGE = """\
<!DOCTYPE html>
<html lang="en"><body>
<main id="story">
<div class="lead"><img src="a.jpg"></div>
<p>Text <a href="/more"></a></p>
<img src="b.jpg"><img src="b.jpg">
</main>
</body></html>
"""


def check(*args):
    return CliRunner().invoke(main, ["check", "--isolated", "--select", "demo", *args])


@pytest.fixture
def site(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "p.html").write_text(PAGE)
    (tmp_path / "q.html").write_text("<p><img src='q.jpg'></p>")
    return tmp_path


def test_write_then_check_reports_nothing(site):
    res = check("p.html", "q.html", "--write-baseline", "base.json")
    assert res.exit_code == 0, res.output
    data = json.loads((site / "base.json").read_text())
    assert data["version"] == 1 and len(data["findings"]) == 5
    assert all("line" not in e for e in data["findings"])  # no churn when lines move
    res = check("p.html", "q.html", "--baseline", "base.json")
    assert res.exit_code == 0, res.output
    assert "0 findings" in res.output and "baselined: 5" in res.output


def test_baseline_file_is_deterministic(site):
    check("p.html", "q.html", "--write-baseline", "a.json")
    check("q.html", "p.html", "--write-baseline", "b.json")
    assert (site / "a.json").read_text() == (site / "b.json").read_text()


def test_shifted_lines_and_restyled_ancestor_keep_matching(site):
    check("p.html", "--write-baseline", "base.json")
    edited = PAGE.replace('<main id="story">',
                          '<main id="story">\n<p>New paragraph</p>\n\n<p>Another</p>')
    edited = edited.replace('class="lead"', 'class="lead lead--wide" style="margin:0"')
    (site / "p.html").write_text(edited)
    res = check("p.html", "--baseline", "base.json")
    assert res.exit_code == 0, res.output
    assert "0 findings" in res.output


def test_new_violation_is_reported(site):
    check("p.html", "--write-baseline", "base.json")
    (site / "p.html").write_text(PAGE.replace("</main>", '<img src="new.jpg">\n</main>'))
    res = check("p.html", "--baseline", "base.json", "-f", "json")
    assert res.exit_code == 1
    data = json.loads(res.output)
    (finding,) = data["pages"][0]["findings"]
    assert finding["rule"] == "demo-img-missing" and "new.jpg" in finding["snippet"]
    assert data["summary"]["baselined"] == 4
    assert data["summary"]["fixed_since_baseline"] == 0


def test_one_more_identical_element_is_new(site):
    check("p.html", "--write-baseline", "base.json")
    (site / "p.html").write_text(PAGE.replace('<img src="b.jpg"><img src="b.jpg">',
                                              '<img src="b.jpg"><img src="b.jpg"><img src="b.jpg">'))
    res = check("p.html", "--baseline", "base.json")
    assert res.exit_code == 1 and "1 finding " in res.output


def test_fixed_findings_are_counted(site):
    check("p.html", "q.html", "--write-baseline", "base.json")
    (site / "p.html").write_text(PAGE.replace('<img src="a.jpg">', '<img src="a.jpg" alt="Chart">'))
    res = check("p.html", "q.html", "--baseline", "base.json")
    assert res.exit_code == 0
    assert "fixed since baseline: 1" in res.output
    res = check("p.html", "q.html", "--baseline", "base.json", "-f", "json")
    assert json.loads(res.output)["summary"]["fixed_since_baseline"] == 1


def test_pages_not_linted_are_not_fixed(site):
    check("p.html", "q.html", "--write-baseline", "base.json")
    res = check("q.html", "--baseline", "base.json", "-f", "json")
    assert json.loads(res.output)["summary"]["fixed_since_baseline"] == 0


def test_dot_slash_paths_match(site):
    check("./p.html", "--write-baseline", "base.json")
    assert "0 findings" in check("p.html", "--baseline", "base.json").output


def test_bad_baseline_is_usage_error(site):
    (site / "bad.json").write_text("{}")
    res = check("p.html", "--baseline", "bad.json")
    assert res.exit_code == 2 and "not an a11ylint baseline" in res.output
    res = check("p.html", "--baseline", "missing.json")
    assert res.exit_code == 2 and "cannot read baseline" in res.output


def test_baseline_with_sarif_output(site):
    check("p.html", "--write-baseline", "base.json")
    (site / "p.html").write_text(PAGE.replace("</main>", '<img src="new.jpg">\n</main>'))
    res = check("p.html", "--baseline", "base.json", "-f", "sarif")
    assert len(json.loads(res.output)["runs"][0]["results"]) == 1


def test_suppression_for_another_rule_keeps_matching(site):
    check("p.html", "--write-baseline", "base.json")
    (site / "p.html").write_text(PAGE.replace('<img src="a.jpg">',
                                              '<img src="a.jpg" data-a11ylint-ignore="demo-link">'))
    res = check("p.html", "--baseline", "base.json")
    assert res.exit_code == 0 and "0 findings" in res.output


def test_unwritable_baseline_path_fails_before_linting(tmp_path):
    from click.testing import CliRunner

    from a11ylint.cli import main

    page = tmp_path / "p.html"
    page.write_text("<html lang=en><body><h1>x</h1></body></html>")
    target = tmp_path / "no" / "such" / "folder" / "baseline.json"
    r = CliRunner().invoke(main, ["check", "--isolated", str(page), "--write-baseline", str(target)])
    assert r.exit_code == 2
    assert r.output.splitlines() == [
        f"a11ylint: error: cannot write baseline {target}: not a writable file path"]
