"""The command line: inputs, selection, formats, exit codes, bad input."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from a11ylint.cli import main

GOOD = """<!DOCTYPE html><html lang="en"><head><title>Good</title></head>
<body><main><h1>Good page</h1><p>Text.</p></main></body></html>
"""
BAD = """<!DOCTYPE html><html lang="en"><head><title>Bad</title></head>
<body>
<h1>Title</h1>
<h3>Skipped a level</h3>
<h1>Second h1</h1>
</body></html>
"""


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "good.html").write_text(GOOD)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "bad.htm").write_text(BAD)
    (tmp_path / "notes.txt").write_text("not html")
    return tmp_path


def invoke(*args, input=None):
    return CliRunner().invoke(main, ["check", "--isolated", *args], input=input,
                              catch_exceptions=False)


def test_text_output_and_exit_1(site):
    r = invoke(str(site), "--select", "heading", "--no-color")
    bad = str(site / "sub" / "bad.htm")
    assert r.exit_code == 1
    lines = [ln for ln in r.output.splitlines() if ln.startswith(bad)]
    assert lines == [
        f"{bad}:4:1: warning heading-order " + lines[0].split("heading-order ", 1)[1],
        f"{bad}:5:1: error heading-one " + lines[1].split("heading-one ", 1)[1],
    ]
    assert "2 pages checked, 2 findings (1 error, 1 warning)" in r.output


def test_fail_on_levels(site):
    bad = str(site / "sub" / "bad.htm")
    assert invoke(bad, "--select", "heading-order").exit_code == 0  # warning < error
    assert invoke(bad, "--select", "heading-order", "--fail-on", "warning").exit_code == 1
    assert invoke(bad, "--select", "heading", "--fail-on", "never").exit_code == 0
    assert invoke(bad, "--select", "heading", "--exit-zero").exit_code == 0


def test_json_schema_and_every_input_reported(site, tmp_path):
    out = tmp_path / "r.json"
    r = invoke(str(site / "good.html"), str(site / "sub"), str(site / "missing.html"),
               "--select", "heading", "--format", "json", "-o", str(out))
    assert r.exit_code == 2  # one input could not be linted
    data = json.loads(out.read_text())
    assert data["version"] == 1 and data["tool"]["name"] == "a11ylint"
    pages = {p["source"]: p for p in data["pages"]}
    assert list(pages) == [str(site / "good.html"), str(site / "sub" / "bad.htm"),
                           str(site / "missing.html")]
    assert pages[str(site / "missing.html")]["status"] == "error"
    assert pages[str(site / "missing.html")]["error"] == "no such file or directory"
    bad = pages[str(site / "sub" / "bad.htm")]["findings"]
    assert [(f["rule"], f["line"], f["column"]) for f in bad] == [
        ("heading-order", 4, 1), ("heading-one", 5, 1)]
    f = bad[0]
    assert f["wcag"] == ["1.3.1", "2.4.6"] or f["wcag"]
    assert set(f) >= {"rule", "severity", "message", "line", "column", "selector", "snippet",
                      "wcag", "help", "context"}
    assert data["summary"]["pages"] == 3 and data["summary"]["findings"] == 2
    assert "missing.html: no such file or directory" in r.stderr


def test_run_info_lists_url_list_and_sitemap_inputs(site, tmp_path):
    """--urls and --sitemap inputs are named in the run info, so the JSON run
    and the HTML report's header say everything that was checked."""
    listing = tmp_path / "urls.txt"
    listing.write_text("# no pages listed yet\n")
    sitemap = tmp_path / "sitemap.xml"
    sitemap.write_text('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>')
    good = str(site / "good.html")
    out, html = tmp_path / "r.json", tmp_path / "r.html"
    r = invoke(good, "--urls", str(listing), "--sitemap", str(sitemap), "--select", "heading",
               "-f", "json", "-o", str(out), "-r", f"html={html}")
    assert r.exit_code == 2, r.output  # a list or sitemap that lists no page is an input error
    data = json.loads(out.read_text())
    assert data["run"]["inputs"] == [good, f"--urls {listing}", f"--sitemap {sitemap}"]
    assert [(p["source"], p["error"]) for p in data["pages"]] == [
        (good, None), (str(listing), "URL list lists no pages"),
        (str(sitemap), "sitemap lists no pages")]
    checked = html.read_text(encoding="utf-8").split("<dt>Checked</dt>", 1)[1].split("</dd>", 1)[0]
    assert f"<code>--urls {listing}</code>" in checked
    assert f"<code>--sitemap {sitemap}</code>" in checked
    # a run fed only by --urls/--sitemap still says what it checked
    r = invoke("--urls", str(listing), "--sitemap", str(sitemap), "-f", "json", "-o", str(out))
    assert r.exit_code == 2, r.output
    assert json.loads(out.read_text())["run"]["inputs"] == [f"--urls {listing}",
                                                            f"--sitemap {sitemap}"]


def test_include_exclude(site):
    r = invoke(str(site), "--select", "heading", "--exclude", "sub", "--no-color")
    assert r.exit_code == 0 and "1 page checked" in r.output
    r = invoke(str(site), "--select", "heading", "--include", "*.txt", "--no-color")
    assert "1 page checked" in r.output


def test_stdin_with_label():
    r = invoke("-", "--stdin-name", "templates/article.html", "--select", "heading", "--no-color",
               input=BAD)
    assert r.exit_code == 1
    assert "templates/article.html:4:1: warning heading-order" in r.output


@pytest.mark.parametrize("make,reason", [
    (lambda d: d / "nope.html", "no such file or directory"),
    (lambda d: (d / "empty.html").write_text("") or d / "empty.html", "empty file"),
    (lambda d: (d / "img.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00") and d / "img.html",
     "a PNG image, not HTML"),
    (lambda d: (d / "bin.html").write_bytes(b"<p>" + b"\x00\x01\x02\x03" * 40) and d / "bin.html",
     "binary file, not HTML"),
    # text enough to pass for a page, but what it is says more
    (lambda d: (d / "doc.html").write_bytes(b"%PDF-1.4\n%abc\n1 0 obj <<>>\n") and d / "doc.html",
     "a PDF document, not HTML"),
    (lambda d: (d / "gz.html").write_bytes(b"\x1f\x8b\x08\x00<html>") and d / "gz.html",
     "gzip-compressed data, not HTML; decompress it first"),
    (lambda d: d / ("x" * 300 + ".html"), "file name too long"),
    (lambda d: (d / "nohtml").mkdir() or d / "nohtml", "folder holds no HTML files"),
    # a link that leads nowhere is not a typo in the name: the fix is elsewhere
    (lambda d: (d / "gone.html").symlink_to(d / "moved.html") or d / "gone.html",
     "broken symbolic link (to "),
    (lambda d: ((d / "a.html").symlink_to(d / "b.html"), (d / "b.html").symlink_to(d / "a.html"))
     and d / "a.html", "symbolic link loop"),
])
def test_bad_inputs_one_line_error_exit_2(tmp_path, make, reason):
    target = make(tmp_path)
    (tmp_path / "ok.html").write_text(GOOD)
    r = invoke(str(target), str(tmp_path / "ok.html"), "--no-color")
    assert r.exit_code == 2
    err_lines = [ln for ln in r.output.splitlines() if "could not lint" in ln]
    assert len(err_lines) == 1 and reason in err_lines[0] and str(target) in err_lines[0]
    assert "2 pages checked" in r.output  # the good page was still linted
    assert "Traceback" not in r.output


@pytest.mark.parametrize("args,needle", [
    (["--select", "no-such-rule"], "unknown rule or family 'no-such-rule'"),
    # an unset variable in a CI job must not pass every page
    (["--select", ""], "--select names no rule (an empty value?); nothing would be checked"),
    (["--select", "heading", "--ignore", "heading"],
     "the selection leaves no rule to run; nothing would be checked"),
    (["--select", "legal-imprint"], "unknown rule or family 'legal-imprint': it is in the "
                                    "shipped pack legal/imprint, which is not loaded (--rules "
                                    'legal/imprint, or rules = ["legal/imprint"] in a '
                                    "configuration file)"),
    (["--ignore", "heading-too"], "unknown rule or family 'heading-too'"),
    (["--fail-on", "sometimes"], "Invalid value for '--fail-on'"),
    (["--format", "yaml"], "unknown format 'yaml'"),
    (["--rules", "no/such/pack.toml"], "rule pack 'no/such/pack.toml' not found"),
])
def test_usage_errors(site, args, needle):
    r = invoke(str(site / "good.html"), *args)
    assert r.exit_code == 2
    assert needle in r.output
    assert "Traceback" not in r.output


def test_two_outputs_in_one_file_are_a_usage_error(site, tmp_path):
    # the second report silently replaced the first
    same = str(tmp_path / "out.json")
    r = invoke(str(site / "good.html"), "-f", "json", "-o", same, "-r", f"sarif={same}")
    assert r.exit_code == 2
    assert (f"the json report and the sarif report would both be written to {same}; "
            "give each its own file") in r.output
    r = invoke(str(site / "good.html"), "-r", f"sarif={same}", "--write-baseline", same)
    assert r.exit_code == 2 and "the sarif report and the baseline would both" in r.output
    assert not (tmp_path / "out.json").exists()  # nothing was linted or written


@pytest.mark.parametrize("args,readers", [
    (["-", "--urls", "-"], "the page '-' and --urls -"),
    (["-", "-"], "the page '-' and the page '-'"),
])
def test_standard_input_read_twice_is_a_usage_error(args, readers):
    # one of them silently got nothing
    r = invoke(*args, input="<h1>x</h1>")
    assert r.exit_code == 2
    assert f"standard input can be read only once, but {readers} both ask for it" in r.output


def test_no_inputs_is_usage_error():
    r = invoke()
    assert r.exit_code == 2 and "no input given" in r.output


def test_rules_and_explain():
    r = CliRunner().invoke(main, ["rules"])
    assert r.exit_code == 0
    ids = [ln.split()[0] for ln in r.output.splitlines()]
    for rid in ("skip-link-missing", "skip-link-target", "skip-link-hidden", "skip-link-order",
                "heading-order", "heading-one", "heading-empty", "heading-headline"):
        assert rid in ids
    line = next(ln for ln in r.output.splitlines() if ln.startswith("skip-link-target "))
    assert line.split()[1:3] == ["error", "2.4.1"]
    r = CliRunner().invoke(main, ["explain", "heading-order"])
    assert r.exit_code == 0
    assert r.output.startswith("heading-order (warning)")
    assert "Fails:" in r.output and "Passes:" in r.output
    assert "https://www.w3.org/WAI/WCAG22/Understanding/info-and-relationships.html" in r.output
    r = CliRunner().invoke(main, ["explain", "heading-nope"])
    assert r.exit_code == 2 and "unknown rule 'heading-nope'" in r.output
    # ids are case-insensitive here as in --select
    for rid in ("HEADING-ORDER", "Legal-Imprint"):
        r = CliRunner().invoke(main, ["explain", rid])
        assert r.exit_code == 0 and r.output.startswith(rid.lower() + " ("), rid


def test_show_source_code_frame(tmp_path):
    p = tmp_path / "p.html"
    p.write_text(BAD)
    r = invoke(str(p), "--select", "heading-order", "--show-source", "--no-color")
    lines = r.output.splitlines()
    i = next(i for i, ln in enumerate(lines) if "heading-order" in ln)
    assert lines[i + 1] == "     4 | <h3>Skipped a level</h3>"
    assert lines[i + 2] == "       | ^"


def _write_plugin(tmp_path: Path, body: str) -> Path:
    site = tmp_path / "plugins"
    site.mkdir()
    (site / "newsroom_rules.py").write_text(textwrap.dedent(body))
    dist = site / "newsroom_rules-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: newsroom-rules\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text("[a11ylint.rules]\nnewsroom = newsroom_rules:RULES\n")
    return site


PLUGIN = '''
from a11ylint.findings import Severity
from a11ylint.rules.base import Rule

class BylineMissing(Rule):
    id = "byline-missing"
    family = "byline"
    severity = Severity.WARNING
    summary = "Articles name their author"
    rationale = "Readers judge trust by who wrote a story."
    fix = "Add a byline."
    fail_examples = ("<article><h1>x</h1></article>",)
    pass_examples = ("<article><h1>x</h1><p class='byline'>By A</p></article>",)

    def check(self, page):
        if "byline" not in page.source_text:
            yield self.finding(page, page.body, "no byline on this page")

class Crashes(Rule):
    id = "crash-always"
    family = "crash"
    summary = "Always crashes"

    def check(self, page):
        raise RuntimeError("boom")

RULES = [BylineMissing, Crashes]
'''


def test_entry_point_plugins_and_rule_crash(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(_write_plugin(tmp_path, PLUGIN)))
    r = CliRunner().invoke(main, ["rules"])
    assert "byline-missing" in r.output and "plugin newsroom" in r.output
    a = tmp_path / "a.html"
    a.write_text(GOOD)
    b = tmp_path / "b.html"
    b.write_text(GOOD.replace("Text.", "<span class='byline'>By A</span>"))
    r = invoke(str(a), str(b), "--select", "byline,crash", "--format", "json")
    data = json.loads(r.stdout)
    assert r.exit_code == 2
    assert [p["status"] for p in data["pages"]] == ["error", "error"]
    assert data["pages"][0]["error"] == "internal error in rule crash-always: RuntimeError: boom"
    assert [f["rule"] for f in data["pages"][0]["findings"]] == ["byline-missing"]
    assert data["pages"][1]["findings"] == []


def test_installed_command_and_module(tmp_path):
    p = tmp_path / "bad.html"
    p.write_text(BAD)
    exe = shutil.which("a11ylint")
    assert exe, "the a11ylint console script is not installed"
    r = subprocess.run([exe, "check", "--isolated", str(p), "--select", "heading"],
                       capture_output=True, text=True)
    assert r.returncode == 1
    assert f"{p}:4:1: warning heading-order" in r.stdout
    assert "\x1b[" not in r.stdout  # piped: no colour
    r = subprocess.run([sys.executable, "-m", "a11ylint", "--version"], capture_output=True,
                       text=True)
    from lxml import etree

    libxml2 = ".".join(map(str, etree.LIBXML_VERSION))
    assert r.returncode == 0 and r.stdout.startswith("a11ylint, version ")
    assert f", libxml2 {libxml2}, Python {sys.version_info[0]}." in r.stdout


def test_old_libxml2_is_one_warning_line_and_the_report_stays_clean(tmp_path, monkeypatch):
    from lxml import etree

    from a11ylint.page.model import parser_warning

    assert parser_warning((2, 14, 0)) is None
    assert parser_warning((2, 15, 1)) is None
    p = tmp_path / "p.html"
    p.write_text(BAD)
    r = CliRunner().invoke(main, ["check", "--isolated", str(p), "-f", "json"])
    assert r.stderr == ""  # this environment's libxml2 is new enough
    monkeypatch.setattr(etree, "LIBXML_VERSION", (2, 13, 8))
    r = CliRunner().invoke(main, ["check", "--isolated", str(p), "-f", "json"])
    assert r.exit_code == 1
    assert r.stderr.splitlines() == [
        "a11ylint: warning: lxml uses libxml2 2.13.8, older than 2.14: markup inside <iframe> "
        "and <noembed> is read as elements, so findings may differ from a browser's view; "
        "install lxml's own wheel (pip install --force-reinstall --only-binary lxml lxml)"]
    assert json.loads(r.stdout)["summary"]["findings"] == 2


def test_a_report_never_overwrites_an_input_page(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    site = tmp_path / "site"
    (site / "sub").mkdir(parents=True)
    (site / "a.html").write_text(BAD)
    (site / "sub" / "b.html").write_text(BAD)
    (site / ".cache").mkdir()
    (site / ".cache" / "old.html").write_text("<p>hidden folders are not walked</p>")

    def check(*args):
        return CliRunner().invoke(main, ["check", "--isolated", "-q", *args])

    for args, path in [(["site/a.html", "-f", "json", "-o", "site/a.html"], "site/a.html"),
                       (["site", "-r", "html=site/sub/b.html"], "site/sub/b.html"),
                       (["site", "-f", "sarif", "-o", "./site/a.html"], "./site/a.html")]:
        r = check(*args)
        assert r.exit_code == 2, args
        assert r.stderr == (f"a11ylint: error: writing the report to {path} would overwrite "
                            f"the input page {path}; choose another output file\n")
        assert (tmp_path / path).read_text() == BAD
    r = check("site", "--write-baseline", "site/sub/b.html")
    assert (r.exit_code, r.stderr) == (2, "a11ylint: error: writing the baseline to site/sub/b.html "
                                          "would overwrite the input page site/sub/b.html; choose "
                                          "another output file\n")
    # not pages of this run: a file the walk leaves out, an excluded one, an
    # earlier report, a new file
    assert check("site", "-f", "json", "-o", "site/.cache/old.html").exit_code == 1
    assert check("site", "--exclude", "b.html", "-f", "json", "-o", "site/sub/b.html").exit_code == 1
    assert json.loads((site / "sub" / "b.html").read_text())["summary"]["pages"] == 1
    (site / "sub" / "b.html").write_text(BAD)
    assert check("site", "-r", "html=site/report.html").exit_code == 1
    r = check("site", "-r", "html=site/report.html", "-f", "json")
    assert r.exit_code == 1
    assert [p["source"] for p in json.loads(r.stdout)["pages"]] == ["site/a.html",
                                                                    "site/sub/b.html"]


def test_a_report_never_overwrites_a_file_the_run_reads(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.html").write_text(BAD)
    assert CliRunner().invoke(main, ["check", "--isolated", "a.html", "-q",
                                     "--write-baseline", "base.json"]).exit_code == 0
    (tmp_path / "list.txt").write_text("a.html\n")
    (tmp_path / "pack.toml").write_text('[[notice]]\nid = "x"\nmessage = "m"\ntext = ["a"]\n')
    (tmp_path / "cfg.toml").write_text('fail-on = "error"\n')
    kept = {p: (tmp_path / p).read_text() for p in ("base.json", "list.txt", "pack.toml",
                                                   "cfg.toml")}
    for args, out, what in [
            (["--isolated", "a.html", "--baseline", "base.json"], "base.json", "baseline"),
            (["--isolated", "--urls", "list.txt"], "list.txt", "URL list"),
            (["--isolated", "a.html", "--rules", "pack.toml"], "pack.toml", "rule pack"),
            (["a.html", "--config", "cfg.toml"], "cfg.toml", "configuration")]:
        r = CliRunner().invoke(main, ["check", *args, "-f", "json", "-o", out])
        assert (r.exit_code, r.stderr) == (2, f"a11ylint: error: writing the report to {out} "
                                              f"would overwrite the {what} that this run reads; "
                                              "choose another output file\n"), args
    assert kept == {p: (tmp_path / p).read_text() for p in kept}
    # nor does the HTML report overwrite the results it renders
    CliRunner().invoke(main, ["check", "--isolated", "a.html", "-f", "json", "-o", "r.json"])
    saved = (tmp_path / "r.json").read_text()
    r = CliRunner().invoke(main, ["report", "r.json", "-o", "./r.json"])
    assert (r.exit_code, r.stderr) == (2, "a11ylint: error: writing the report to ./r.json would "
                                          "overwrite the results file it reads; choose another "
                                          "output file\n")
    assert (tmp_path / "r.json").read_text() == saved


def test_json_and_toml_nested_too_deeply_are_one_line_errors(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.html").write_text(BAD)
    (tmp_path / "deep.json").write_text("[" * 100000)
    (tmp_path / "deep.toml").write_text("select = " + "[" * 100000 + "]" * 100000 + "\n")
    for cmd, err in [
            (["report", "deep.json"], "deep.json is not a JSON results file: nested too deeply"),
            (["check", "--isolated", "a.html", "--baseline", "deep.json"],
             "deep.json: not a baseline file (JSON nested too deeply)"),
            (["check", "a.html", "--config", "deep.toml"],
             "deep.toml: invalid TOML: arrays or tables nested too deeply"),
            (["check", "--isolated", "a.html", "--rules", "deep.toml"],
             "deep.toml: invalid TOML: arrays or tables nested too deeply")]:
        r = CliRunner().invoke(main, cmd)
        assert (r.exit_code, r.stderr) == (2, f"a11ylint: error: {err}\n"), cmd
    # in a page, a JSON-LD block nested past any use is not its headline, nor an error
    (tmp_path / "ld.html").write_text(
        '<html><head><script type="application/ld+json">' + "[" * 100000 +
        '</script></head><body><main><h1>Storm</h1></main></body></html>')
    r = CliRunner().invoke(main, ["check", "--isolated", "ld.html", "-f", "json"])
    assert r.exit_code == 0 and json.loads(r.stdout)["pages"][0]["status"] == "ok"


def test_each_input_is_linted_once(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "a.html").write_text(BAD)
    (tmp_path / "site" / "b.html").write_text(BAD)
    r = CliRunner().invoke(main, ["check", "--isolated", "-f", "json", "site", "site/b.html",
                                  "./site/a.html", "gone.html", "gone.html"])
    assert r.exit_code == 2
    data = json.loads(r.stdout)
    assert [(p["source"], p["status"]) for p in data["pages"]] == [
        ("site/a.html", "ok"), ("site/b.html", "ok"), ("gone.html", "error")]
    assert (data["summary"]["pages"], data["summary"]["findings"]) == (3, 4)


def test_a_crash_outside_the_rules_is_that_pages_error(tmp_path, monkeypatch):
    from a11ylint.page.model import Page

    (tmp_path / "a.html").write_text(BAD)
    (tmp_path / "b.html").write_text(BAD.replace("<h1>", "<h1 data-crash>"))
    real = Page.locate_findings

    def locate(self, found):
        if self.root.find(".//h1[@data-crash]") is not None:
            raise ValueError("substring not found")
        return real(self, found)

    monkeypatch.setattr(Page, "locate_findings", locate)
    r = CliRunner().invoke(main, ["check", "--isolated", "-j", "1", "-f", "json",
                                  str(tmp_path / "a.html"), str(tmp_path / "b.html")])
    assert r.exit_code == 2
    pages = json.loads(r.stdout)["pages"]
    assert [(p["status"], p["error"], len(p["findings"])) for p in pages] == [
        ("ok", None, 2), ("error", "internal error: ValueError: substring not found", 0)]


def test_a_report_file_is_written_in_full_or_left_as_it_was(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.html").write_text(BAD)
    (tmp_path / "k.json").write_text('{"earlier": "report"}\n')
    # a second output that cannot be opened: the first is not emptied
    r = CliRunner().invoke(main, ["check", "--isolated", "a.html", "-f", "json", "-o", "k.json",
                                  "-r", f"sarif={tmp_path / 'gone' / 'x.sarif'}"])
    assert r.exit_code == 2 and "cannot write" in r.stderr
    assert (tmp_path / "k.json").read_text() == '{"earlier": "report"}\n'
    # a run stopped halfway leaves no half-written report and no temporary file
    import a11ylint.runner

    def stopped(engine, items, reporters, summary, **kw):
        reporters[0].stream.write('{"version": 1, "pages": [')
        raise KeyboardInterrupt

    monkeypatch.setattr(a11ylint.runner, "run", stopped)
    r = CliRunner().invoke(main, ["check", "--isolated", "a.html", "-f", "json", "-o", "k.json"])
    assert r.exit_code == 130
    assert (tmp_path / "k.json").read_text() == '{"earlier": "report"}\n'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.html", "k.json"]
    monkeypatch.undo()
    monkeypatch.chdir(tmp_path)
    # a finished run replaces it, with the permissions a new file gets
    mask = os.umask(0o022)
    try:
        r = CliRunner().invoke(main, ["check", "--isolated", "a.html", "-f", "json", "-o", "new.json"])
    finally:
        os.umask(mask)
    assert r.exit_code == 1 and json.loads((tmp_path / "new.json").read_text())["version"] == 1
    assert (tmp_path / "new.json").stat().st_mode & 0o777 == 0o644


def test_dash_as_output_is_standard_output(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.html").write_text(BAD)
    r = CliRunner().invoke(main, ["check", "--isolated", "a.html", "-f", "json", "-o", "-"])
    assert r.exit_code == 1 and json.loads(r.stdout)["summary"]["pages"] == 1
    r = CliRunner().invoke(main, ["check", "--isolated", "a.html", "-q", "-r", "sarif=-"])
    assert r.exit_code == 2 and "formats text, sarif would all write to stdout" in r.stderr
    CliRunner().invoke(main, ["check", "--isolated", "a.html", "-f", "json", "-o", "r.json"])
    r = CliRunner().invoke(main, ["report", "r.json", "-o", "-"])
    assert r.exit_code == 1 and r.stdout.startswith("<!DOCTYPE html>")
    assert not (tmp_path / "-").exists()
