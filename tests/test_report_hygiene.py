"""Page data that would misbehave in a terminal, and report files written into
the folder being linted."""

from __future__ import annotations

import json
import os

import pytest
from click.testing import CliRunner

from a11ylint.cli import main

HOSTILE = ('<!doctype html>\n<html lang="en"><body><main><h1>T</h1>\n'
           '<h3>Clear&#x1b;[2J&#x1b;]0;owned&#x07; me\u009b31m</h3>\n'
           '</main></body></html>\n')


def test_text_report_shows_control_characters_as_escapes(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "p.html").write_text(HOSTILE)
    res = CliRunner().invoke(main, ["check", "p.html", "-q", "--show-source", "--no-color"])
    assert res.exit_code == 0
    assert res.output.splitlines() == [
        'p.html:3:1: warning heading-order h3 "Clear\\x1b[2J\\x1b]0;owned\\x07 me\\x9b31m" '
        'follows h1 "T": level 3 skips level 2 (use h2 or higher)',
        "     3 | <h3>Clear&#x1b;[2J&#x1b;]0;owned&#x07; me\ufffd31m</h3>",
        "       | ^",
        "1 page checked, 1 finding (0 errors, 1 warning), 1 page with findings",
    ]


def test_text_report_label_with_newline_stays_on_one_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a\nb.html").write_text(HOSTILE.replace("h3", "h2"))
    (tmp_path / "c\x1b[31m.html").write_text("")
    res = CliRunner().invoke(main, ["check", ".", "-q", "--no-color"])
    assert res.exit_code == 2
    assert res.output.splitlines() == [
        "./c\\x1b[31m.html: error could not lint: empty file",
        "2 pages checked, 0 findings (0 errors, 0 warnings), 1 could not be linted",
    ]


def test_source_line_with_raw_control_characters_keeps_the_caret_aligned(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    page = ('<!doctype html>\n<html lang="en"><body><main><h1>T</h1>\n'
            '\x1b\x1b<h3>x</h3>\n</main></body></html>\n')
    (tmp_path / "p.html").write_text(page)
    res = CliRunner().invoke(main, ["check", "p.html", "-q", "--show-source", "--no-color"])
    lines = res.output.splitlines()
    assert lines[0].startswith("p.html:3:3: warning heading-order ")
    assert lines[1:3] == ["     3 | \ufffd\ufffd<h3>x</h3>", "       |   ^"]


def test_reports_written_into_the_linted_folder_are_not_pages(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "p.html").write_text(HOSTILE.replace("h3", "h2"))
    args = ["check", "site", "-f", "html", "-o", "site/report.html",
            "-r", f"json={tmp_path}/site/results.json", "-r", "junit=site/junit.htm"]
    for _ in range(2):  # the second run finds last run's reports on disk
        res = CliRunner().invoke(main, args)
        assert res.exit_code == 0, res.output
        pages = json.loads((tmp_path / "site" / "results.json").read_text())["pages"]
        assert [(p["source"], p["status"]) for p in pages] == [("site/p.html", "ok")]
    # named explicitly, a report is linted like any file
    res = CliRunner().invoke(main, ["check", "site/p.html", "site/report.html", "-f", "json"])
    assert [p["source"] for p in json.loads(res.stdout)["pages"]] == [
        "site/p.html", "site/report.html"]


def test_github_annotations_and_error_lines_show_control_characters_as_escapes(
        tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "p.html").write_text(HOSTILE)
    (tmp_path / "e\x1b]0;x\x07.html").write_text("")
    res = CliRunner().invoke(main, ["check", "p.html", "e\x1b]0;x\x07.html", "-f", "github",
                                    "--select", "heading-order"])
    assert res.exit_code == 2
    assert res.stdout.splitlines()[:2] == [
        "::warning file=p.html,line=3,col=1,title=heading-order::h3 "
        '"Clear\\x1b[2J\\x1b]0;owned\\x07 me\\x9b31m" follows h1 "T": level 3 skips level 2 '
        "(use h2 or higher)%0AElement: body > main > h3%0AFix: Use the next level down (h2 then "
        "h3); choose the level for the structure and style it with CSS. Going back up to any "
        "level is fine.",
        "::error file=e\\x1b]0;x\\x07.html,title=a11ylint::could not lint e\\x1b]0;x\\x07.html: "
        "empty file"]
    # the one-line errors on stderr, when the report goes elsewhere
    assert res.stderr == "a11ylint: error: e\\x1b]0;x\\x07.html: empty file\n"


@pytest.mark.skipif(os.sep != "/", reason="on Windows a backslash separates folders")
def test_a_backslash_in_a_posix_file_name_is_part_of_the_name(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a\\b.html").write_text(HOSTILE)
    sarif = CliRunner().invoke(main, ["check", "a\\b.html", "-f", "sarif"]).stdout
    [result] = json.loads(sarif)["runs"][0]["results"]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "a%5Cb.html"
    gitlab = CliRunner().invoke(main, ["check", "a\\b.html", "-f", "gitlab"]).stdout
    assert [x["location"]["path"] for x in json.loads(gitlab)] == ["a\\b.html"]
    github = CliRunner().invoke(main, ["check", "a\\b.html", "-f", "github"]).stdout
    assert github.startswith("::warning file=a\\b.html,line=3,col=1,")
