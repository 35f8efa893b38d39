"""The HTML report without a browser: escaping, counts, merging saved runs,
the ``report`` command and its exit codes. The browser-level behaviour is in
test_html_report_browser.py; the run built here is shared with it."""

from __future__ import annotations

import base64
import gzip
import io
import json
import re
import struct
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from a11ylint.cli import main
from a11ylint.findings import Finding, PageResult, Severity
from a11ylint.reporters import get_reporter
from a11ylint.reporters import html as html_mod
from a11ylint.reporters.base import RunInfo, Summary
from a11ylint.reporters.html import HtmlReporter, highlight, load_results, resolve_image, safe_link
from a11ylint.reporters.json_report import JsonReporter

XSS_SCRIPT = "<script>alert(1)</script>"
XSS_ATTR = '"><img src=x onerror=alert(1)>'
XSS_URL = "javascript:alert(1)"
TEMPLATES = Path(html_mod.__file__).parent / "templates"


def png_bytes(width: int = 12, height: int = 8) -> bytes:
    """A tiny valid PNG, so the tests need no image files checked in."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)
    raw = b"".join(b"\x00" + b"\xd0\x30\x30" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def f(rule, sev="error", line=1, col=1, message="msg", snippet="<p>x</p>", wcag=("1.3.1",),
      context=None, help="Fix it.", selector="p"):
    return Finding(rule, Severity.parse(sev), message, line, col, selector, snippet, tuple(wcag),
                   help, context or {})


def sample_run(site: Path) -> list[PageResult]:
    """Four pages: an image page with a real picture, a hostile page, a clean page, a failure."""
    site.mkdir(parents=True, exist_ok=True)
    (site / "pic.png").write_bytes(png_bytes())
    hostile = f"{XSS_SCRIPT} {XSS_ATTR} {XSS_URL}"
    return [
        PageResult("site/images.html", base=str(site), title="Images", findings=[
            f("img-alt-caption-duplicate", "warning", 3, 5, "alt text repeats the caption",
              '<img src="pic.png" alt="Harbour at dawn">', ("1.1.1",),
              {"src": "pic.png", "alt": "Harbour at dawn", "caption": "Harbour at dawn"},
              selector="figure > img"),
            f("img-alt-missing", "error", 7, 3, "image has no alt attribute",
              '<img src="gone.png">', ("1.1.1",), {"src": "gone.png", "alt": None},
              selector="img:nth-child(2)"),
            f("heading-order", "warning", 12, 1, "h2 follows h4", "<h4>Sport</h4>", ("1.3.1", "2.4.6")),
        ]),
        PageResult("site/hostile.html", base=str(site), url="https://news.example/hostile",
                   title=f"Title {hostile}", findings=[
            f("img-alt-caption-duplicate", "warning", 2, 9, f"alt repeats caption: {hostile}",
              f'<img src="{XSS_URL}" alt="{XSS_SCRIPT}{XSS_ATTR}">', ("1.1.1",),
              {"src": XSS_URL, "alt": hostile, "caption": f"Caption {hostile}"},
              help=f"Rewrite {XSS_SCRIPT}", selector=f"img[alt='{XSS_ATTR}']"),
            f("skip-link-target", "error", 1, 40, "skip link points nowhere",
              '<a href="#main">Skip to content</a>', ("2.4.1",)),
        ]),
        PageResult("site/clean.html", base=str(site), title="Nothing wrong"),
        PageResult(XSS_URL, status="error", error=f"cannot decode {XSS_SCRIPT}", url=XSS_URL),
    ]


def run_info(**kw) -> RunInfo:
    base = dict(inputs=["site/"], rules=["img-alt-caption-duplicate", "img-alt-missing",
                                         "heading-order", "skip-link-target"])
    base.update(kw)
    return RunInfo(**base)


def write_json(results: list[PageResult], path: Path, info: RunInfo | None = None, **summary_kw) -> dict:
    info = info or run_info()
    summary = Summary(**summary_kw)
    buf = io.StringIO()
    rep = JsonReporter(buf, info)
    rep.start()
    for r in results:
        summary.add(r)
        rep.page(r)
    rep.finish(summary)
    path.write_text(buf.getvalue(), encoding="utf-8")
    return json.loads(buf.getvalue())


def render(results: list[PageResult], info: RunInfo | None = None, **summary_kw) -> str:
    buf = io.StringIO()
    rep = HtmlReporter(buf, info or run_info())
    summary = Summary(**summary_kw)
    rep.start()
    for r in results:
        summary.add(r)
        rep.page(r)
    rep.finish(summary)
    return buf.getvalue()


def data_block(html: str) -> dict:
    m = re.search(r'<script type="application/json" id="report-data" data-encoding="([^"]+)">(.*?)</script>',
                  html, re.S)
    assert m, "no data block"
    enc, text = m.groups()
    if enc == "gzip+base64":
        text = gzip.decompress(base64.b64decode(text)).decode("utf-8")
    return json.loads(text)


def number(html: str, element_id: str) -> int:
    m = re.search(rf'id="{element_id}">(\d+)<', html)
    assert m, element_id
    return int(m.group(1))


# -- escaping ------------------------------------------------------------------------------------

def test_page_data_is_escaped_everywhere(tmp_path):
    html = render(sample_run(tmp_path / "site"))
    assert XSS_SCRIPT not in html
    assert "<img src=x" not in html
    # the only raw tags named script are the data block and the report's own script
    assert len(re.findall(r"<script\b", html)) == 2
    # no attribute carries a javascript: URL
    assert not re.search(r"""(?:href|src)\s*=\s*["']?\s*javascript:""", html, re.I)
    # nothing from the pages can close the data block early
    block = html.split('id="report-data"', 1)[1].split("</script>", 1)[0]
    assert "<" not in block
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_templates_never_mark_data_safe():
    for tpl in TEMPLATES.iterdir():
        text = tpl.read_text(encoding="utf-8")
        assert "|safe" not in text.replace(" ", ""), tpl.name
        assert not re.search(r"\.(?:inner|outer)HTML\s*=|insertAdjacentHTML\(|document\.write", text)


def test_csp_allows_only_the_reports_own_script(tmp_path):
    html = render(sample_run(tmp_path / "site"))
    m = re.search(r"script-src 'sha256-([^']+)'", html)
    assert m
    script = html.rsplit("<script>", 1)[1].split("</script>", 1)[0]
    import hashlib
    assert base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() == m.group(1)
    assert "default-src 'none'" in html


def test_links_only_for_web_urls():
    assert safe_link("https://news.example/a") == "https://news.example/a"
    assert safe_link(XSS_URL) is None
    assert safe_link(" JavaScript:alert(1)") is None
    assert safe_link("java\tscript:alert(1)") is None
    assert safe_link("data:text/html,<b>") is None
    assert safe_link("site/a.html") is None


# -- snippets and pictures ---------------------------------------------------------------------

def test_highlight_marks_the_offending_attribute():
    segs = highlight('<img class="x" src="a.png" alt="Photo">', "img-alt-placeholder")
    assert segs == ['<img class="x" src="a.png" ', 'alt="Photo"', ">"]
    assert highlight('<a href="#main">Skip</a>', "skip-link-target")[1] == 'href="#main"'
    # an attribute named in the finding's context wins over the family default
    assert highlight('<html lang="xx" dir="ltr">', "lang-valid", {"attribute": "dir"})[1] == 'dir="ltr"'
    # data-alt is not alt
    assert highlight('<img data-alt="x" src="a.png">', "img-alt-missing") == ['<img data-alt="x" src="a.png">']
    assert highlight("", "img-alt-missing") == [""]


def test_highlighted_snippet_stays_escaped(tmp_path):
    html = render(sample_run(tmp_path / "site"))
    assert '<mark>alt=&#34;&lt;script&gt;alert(1)&lt;/script&gt;&#34;</mark>' in html


def test_resolve_image(tmp_path):
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "a b.png").write_bytes(png_bytes())
    url, kind = resolve_image("img/a%20b.png?w=300", str(tmp_path))
    assert kind == "local" and url == (tmp_path / "img" / "a b.png").as_uri()
    assert resolve_image("img/none.png", str(tmp_path)) == (None, "no-file")
    assert resolve_image("/img/a.png", str(tmp_path)) == (None, "unresolved")
    assert resolve_image("a.png", None) == (None, "unresolved")
    assert resolve_image("", str(tmp_path)) == (None, "missing")
    assert resolve_image(XSS_URL, str(tmp_path)) == (None, "unsafe")
    assert resolve_image("data:text/html;base64,PHNjcmlwdD4=", None) == (None, "unsafe")
    assert resolve_image("data:image/png;base64,iVBOR", None)[1] == "data"
    assert resolve_image("pics/x.jpg", "https://news.example/2024/story.html") == (
        "https://news.example/2024/pics/x.jpg", "remote")
    assert resolve_image("//cdn.example/x.jpg", "https://news.example/") == ("https://cdn.example/x.jpg", "remote")
    file_base = tmp_path.as_uri() + "/page.html"
    assert resolve_image("img/a%20b.png", file_base)[1] == "local"


def test_image_findings_carry_picture_alt_and_caption(tmp_path):
    site = tmp_path / "site"
    html = render(sample_run(site))
    assert f'<img src="{(site / "pic.png").as_uri()}"' in html
    assert "picture not found" in html  # gone.png: a placeholder box, not a broken image
    assert "(no alt attribute)" in html
    pages = data_block(html)["pages"]
    img = pages[0][4][0][9]
    assert img[:2] == [(site / "pic.png").as_uri(), "local"]
    assert img[3:] == ["Harbour at dawn", "Harbour at dawn"]


# -- counts and content ------------------------------------------------------------------------

def test_summary_counts_match_the_json(tmp_path):
    results = sample_run(tmp_path / "site")
    saved = write_json(results, tmp_path / "r.json")
    html = render(results)
    s = saved["summary"]
    assert number(html, "sum-pages") == s["pages"] == 4
    assert number(html, "sum-pages-findings") == s["pages_with_findings"] == 2
    assert number(html, "sum-pages-errors") == s["pages_with_errors"] == 1
    assert number(html, "sum-findings") == s["findings"] == 5
    assert number(html, "sum-errors") == s["by_severity"]["error"] == 2
    assert number(html, "sum-warnings") == s["by_severity"]["warning"] == 3
    assert number(html, "exit-code") == s["exit_code"] == 2
    data = data_block(html)
    assert sum(len(p[4]) for p in data["pages"]) == 5
    # by rule, worst first: rules with errors lead
    rows = re.findall(r'<tr data-rule="([^"]+)">', html)
    assert rows[:2] == ["img-alt-missing", "skip-link-target"] or rows[:2] == ["skip-link-target", "img-alt-missing"]
    assert set(rows) == set(s["by_rule"])
    fams = re.findall(r'<tr data-family="([^"]+)">', html)
    assert fams[0] == "img-alt" and set(fams) == {"img-alt", "heading", "skip-link"}


def test_header_shows_the_run(tmp_path):
    info = run_info(packs=["legal/imprint.toml"], select=["img-alt", "heading"], fail_on="warning")
    html = render(sample_run(tmp_path / "site")[:3], info, fail_on=Severity.WARNING)
    assert "legal/imprint.toml" in html and "img-alt, heading" in html
    assert 'id="run-fail-on">warning<' in html
    assert "Fail:" in html and number(html, "exit-code") == 1
    clean = render([PageResult("a.html")])
    assert "Verdict: <strong>Pass</strong>" in clean and number(clean, "exit-code") == 0


def test_no_external_references(tmp_path):
    html = render(sample_run(tmp_path / "site"))
    # the only URLs the browser may fetch on its own are local pictures
    for attr in re.findall(r'\b(?:src|href)="([^"#][^"]*)"', html):
        assert attr.startswith(("file:", "data:", "https://www.w3.org/WAI/", "https://news.example/")), attr
    assert "<link rel=\"stylesheet\"" not in html and "@import" not in html and "@font-face" not in html
    srcs = re.findall(r'\bsrc="([^"]*)"', html)
    assert all(s.startswith("file:") for s in srcs)


def test_rule_docs_are_embedded(tmp_path):
    info = run_info(rule_docs={"heading-order": {"summary": "Headings skip levels",
                                                 "doc": "heading-order (warning) - Headings skip levels\n<h1> then <h3>",
                                                 "severity": "warning", "wcag": ["1.3.1"]}})
    html = render(sample_run(tmp_path / "site"), info)
    assert 'id="rule-heading-order"' in html and 'href="#rule-heading-order"' in html
    assert "&lt;h1&gt; then &lt;h3&gt;" in html
    assert 'href="https://www.w3.org/WAI/WCAG22/Understanding/info-and-relationships.html"' in html


def test_no_js_copy_is_complete_for_small_runs_and_bounded_for_large(tmp_path, monkeypatch):
    results = sample_run(tmp_path / "site")
    html = render(results)
    static = html.split("<noscript>", 1)[1].split("</noscript>", 1)[0]
    assert static.count('<li class="finding') == 5
    assert 'class="rest"' not in static
    monkeypatch.setattr(html_mod, "STATIC_FINDINGS", 3)
    html = render(results)
    static = html.split("<noscript>", 1)[1].split("</noscript>", 1)[0]
    assert static.count('<li class="finding') == 3  # the first page in full
    assert 'class="rest"' in static and 'id="page-2"' in static and 'id="page-4"' in static


def test_large_data_is_compressed(tmp_path, monkeypatch):
    monkeypatch.setattr(html_mod, "COMPRESS_ABOVE", 10)
    html = render(sample_run(tmp_path / "site"))
    assert 'data-encoding="gzip+base64"' in html
    assert len(data_block(html)["pages"]) == 4


def test_registered_as_a_format():
    assert get_reporter("html") is HtmlReporter


# -- merging saved runs and the report command -----------------------------------------------

def shards(tmp_path):
    results = sample_run(tmp_path / "site")
    write_json(results[:2], tmp_path / "a.json", run_info(inputs=["site/a"], started="2025-01-02T10:00:00+00:00"))
    write_json(results[2:], tmp_path / "b.json",
               run_info(inputs=["site/b"], started="2025-01-01T09:00:00+00:00", packs=["legal"]))
    return results


def test_merge_several_json_files(tmp_path):
    shards(tmp_path)
    info, pages, replaced = load_results([str(tmp_path / "a.json"), str(tmp_path / "b.json")])
    assert [p.source for p in pages] == ["site/images.html", "site/hostile.html", "site/clean.html", XSS_URL]
    assert replaced == 0
    assert info.inputs == ["site/a", "site/b"] and info.packs == ["legal"]
    assert info.started == "2025-01-01T09:00:00+00:00"
    # the same page in a later file replaces the earlier result
    later = [PageResult("site/clean.html", findings=[f("heading-order", "warning")])]
    write_json(later, tmp_path / "c.json")
    _, pages, replaced = load_results([str(tmp_path / p) for p in ("a.json", "b.json", "c.json")])
    assert replaced == 1 and len(pages) == 4 and len(pages[2].findings) == 1


def test_report_command_merges_shards(tmp_path):
    shards(tmp_path)
    out = tmp_path / "report.html"
    res = CliRunner().invoke(main, ["report", str(tmp_path / "a.json"), str(tmp_path / "b.json"), "-o", str(out)])
    assert res.exit_code == 2, res.output  # one page could not be linted
    html = out.read_text(encoding="utf-8")
    assert number(html, "sum-pages") == 4 and number(html, "sum-findings") == 5
    assert "site/a" in html and "site/b" in html
    # rule docs for rules the JSON did not document come from the registry when it knows them
    assert 'id="rule-heading-order"' in html


def test_report_command_uses_the_rule_docs_saved_with_the_results(tmp_path):
    """The JSON run info carries the documentation of the rules that ran, so a
    report rendered later does not depend on the rules installed then."""
    pack = tmp_path / "house.toml"
    pack.write_text('[[notice]]\nid = "house-imprint"\nmessage = "Every page names its publisher."\n'
                    'text = ["Published by"]\n', encoding="utf-8")
    page = tmp_path / "page.html"
    page.write_text('<!doctype html><html lang="en"><title>t</title><main><h1>News</h1></main></html>',
                    encoding="utf-8")
    saved = tmp_path / "r.json"
    runner = CliRunner()
    res = runner.invoke(main, ["check", "--isolated", str(page), "--rules", str(pack),
                               "-f", "json", "-o", str(saved), "--exit-zero"])
    assert res.exit_code == 0, res.output
    data = json.loads(saved.read_text(encoding="utf-8"))
    docs = data["run"]["rule_docs"]
    assert set(docs) == set(data["run"]["rules"])
    assert "legal-house-imprint" in {f["rule"] for p in data["pages"] for f in p["findings"]}
    pack_doc = docs["legal-house-imprint"]
    assert pack_doc["summary"] and pack_doc["doc"] and pack_doc["origin"] == str(pack)

    # the pack is gone and an installed rule has changed since the run
    pack.unlink()
    docs["heading-order"] = {**docs["heading-order"], "summary": "Saved heading-order summary",
                             "doc": "heading-order doc saved with the run"}
    saved.write_text(json.dumps(data), encoding="utf-8")
    out = tmp_path / "report.html"
    res = runner.invoke(main, ["report", str(saved), "-o", str(out), "--exit-zero"])
    assert res.exit_code == 0, res.output
    html = out.read_text(encoding="utf-8")
    assert 'id="rule-legal-house-imprint"' in html and pack_doc["summary"] in html
    assert "heading-order doc saved with the run" in html and "Saved heading-order summary" in html

    # results saved before rule_docs existed still render, with the installed docs
    del data["run"]["rule_docs"]
    saved.write_text(json.dumps(data), encoding="utf-8")
    res = runner.invoke(main, ["report", str(saved), "-o", str(out), "--exit-zero"])
    assert res.exit_code == 0, res.output
    html = out.read_text(encoding="utf-8")
    assert 'id="rule-heading-order"' in html and "heading-order doc saved with the run" not in html
    # malformed saved docs are ignored rather than rendered
    data["run"]["rule_docs"] = {"heading-order": "not a mapping", "skip-link-missing": [],
                                "heading-one": {"summary": 5}, "heading-empty": {"wcag": 3},
                                "skip-link-order": {"summary": "Kept", "wcag": ["2.4.1"]}}
    saved.write_text(json.dumps(data), encoding="utf-8")
    info, _, _ = load_results([str(saved)])
    assert info.rule_docs == {"skip-link-order": {"summary": "Kept", "wcag": ["2.4.1"]}}
    res = runner.invoke(main, ["report", str(saved), "-o", str(out), "--exit-zero"])
    assert res.exit_code == 0, res.output


def test_report_command_exit_codes(tmp_path):
    results = sample_run(tmp_path / "site")
    write_json(results[:3], tmp_path / "fail.json")
    write_json([results[2]], tmp_path / "clean.json")
    write_json([PageResult("w.html", findings=[f("heading-order", "warning")])], tmp_path / "warn.json",
               run_info(fail_on="warning"))
    runner = CliRunner()

    def code(*args):
        return runner.invoke(main, ["report", *args, "-o", str(tmp_path / "o.html")]).exit_code

    assert code(str(tmp_path / "clean.json")) == 0
    assert code(str(tmp_path / "fail.json")) == 1
    assert code(str(tmp_path / "fail.json"), "--exit-zero") == 0
    assert code(str(tmp_path / "fail.json"), "--fail-on", "never") == 0
    assert code(str(tmp_path / "warn.json")) == 1  # the saved run failed on warnings
    assert code(str(tmp_path / "warn.json"), "--fail-on", "error") == 0
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    res = runner.invoke(main, ["report", str(tmp_path / "bad.json")])
    assert res.exit_code == 2 and "not a JSON results file" in res.output
    (tmp_path / "other.json").write_text('{"version": 1}', encoding="utf-8")
    assert runner.invoke(main, ["report", str(tmp_path / "other.json")]).exit_code == 2
    assert runner.invoke(main, ["report", str(tmp_path / "missing.json")]).exit_code == 2
    assert runner.invoke(main, ["report"]).exit_code == 2


@pytest.mark.parametrize("doc,message", [
    # hand-edited or foreign files ended `a11ylint report` in a traceback
    ({"pages": [{"source": 5}]}, "page 1 is malformed: 'source' should be a string, not a number"),
    ({"pages": [5]}, "page 1 is malformed: expected an object, not a number"),
    ({"pages": [{"source": "a", "status": "broken"}]},
     "page 1 is malformed: 'status' should be \"ok\" or \"error\", not 'broken'"),
    ({"pages": [{"source": "a", "findings": {"rule": "x"}}]},
     "page 1 is malformed: 'findings' should be a list, not an object"),
    ({"pages": [{"source": "a", "findings": [{"rule": "x", "severity": "error", "line": "3"}]}]},
     "page 1 is malformed: finding 1: 'line' should be a whole number, not a string"),
    ({"pages": [{"source": "a", "findings": [{"rule": "x", "severity": "error", "line": True}]}]},
     "page 1 is malformed: finding 1: 'line' should be a whole number, not true/false"),
    ({"pages": [{"source": "a", "findings": [{"rule": "x", "severity": "fatal"}]}]},
     "page 1 is malformed: finding 1: unknown severity 'fatal'"),
    ({"pages": [], "run": "yesterday"}, "'run' should be an object"),
    ({"pages": [], "tool": "a11ylint"}, "'tool' should be an object"),
    ({"pages": [], "run": {"inputs": 5}}, "'run.inputs' should be a list of strings"),
    ({"pages": [], "run": {"started": 5}}, "'run.started' should be a string"),
    ({"pages": [], "run": {"fail_on": ["error"]}}, "'run.fail_on' should be a string"),
])
def test_report_command_names_what_is_malformed(tmp_path, doc, message):
    path = tmp_path / "edited.json"
    path.write_text(json.dumps({"version": 1, **doc}), encoding="utf-8")
    res = CliRunner().invoke(main, ["report", str(path), "-o", str(tmp_path / "o.html")])
    assert res.exit_code == 2, res.output
    assert res.exception is None or isinstance(res.exception, SystemExit)
    assert f"{path}: {message}" in res.output


def test_report_command_reads_stdin_and_writes_stdout(tmp_path):
    write_json([PageResult("a.html")], tmp_path / "r.json")
    res = CliRunner().invoke(main, ["report", "-"], input=(tmp_path / "r.json").read_text())
    assert res.exit_code == 0
    assert res.output.startswith("<!DOCTYPE html>") and 'id="sum-pages">1<' in res.output


def test_check_writes_html(tmp_path):
    page = tmp_path / "story.html"
    page.write_text("<!doctype html><html lang=en><head><title>T</title></head><body>"
                    "<h1>A</h1><h4>B</h4><p>text</p></body></html>", encoding="utf-8")
    out = tmp_path / "report.html"
    res = CliRunner().invoke(main, ["check", str(page), "--isolated", "--format", "html", "-o", str(out)])
    assert res.exit_code in (0, 1), res.output
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and number(html, "sum-pages") == 1
    assert number(html, "exit-code") == res.exit_code
    # the same run as JSON renders to the same counts
    js = tmp_path / "r.json"
    CliRunner().invoke(main, ["check", str(page), "--isolated", "--format", "json", "-o", str(js)])
    saved = json.loads(js.read_text())
    assert number(html, "sum-findings") == saved["summary"]["findings"]


@pytest.mark.parametrize("bad", [None, "", "   "])
def test_pages_without_title_or_snippet(bad):
    html = render([PageResult("a.html", title=bad, findings=[f("heading-order", snippet=bad or "")])])
    assert number(html, "sum-findings") == 1


def test_counts_read_in_the_singular_and_the_plural():
    one = render([PageResult("a.html", findings=[f("heading-order", "warning")])])
    cards = re.findall(r'<p class="card[^"]*"><span class="num" id="(sum-[a-z-]+)">(\d+)</span>'
                       r" ([^<]+)</p>", one)
    assert cards == [("sum-pages", "1", "page checked"),
                     ("sum-pages-findings", "1", "page with findings"),
                     ("sum-pages-errors", "0", "could not be linted"),
                     ("sum-findings", "1", "finding"), ("sum-errors", "0", "errors"),
                     ("sum-warnings", "1", "warning")]
    assert '<span class="c-e">0 errors</span> <span class="c-w">1 warning</span>' in one
    two = render([PageResult("a.html", findings=[f("heading-order", "warning")] * 2),
                  PageResult("b.html")])
    assert re.search(r'id="sum-pages">2</span> pages checked<', two)
    assert '<span class="c-w">2 warnings</span>' in two


def test_report_keeps_the_saved_runs_exit_zero(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.html").write_text("<html><body><main><h1>A</h1><img src=x.jpg></main></body></html>")
    (tmp_path / "b.html").write_text("<html><body><main><h1>B</h1><img src=y.jpg></main></body></html>")
    run = CliRunner().invoke
    assert run(main, ["check", "--isolated", "a.html", "--exit-zero", "-f", "json",
                      "-o", "zero.json"]).exit_code == 0
    assert json.loads((tmp_path / "zero.json").read_text())["run"]["exit_zero"] is True
    assert run(main, ["check", "--isolated", "b.html", "-f", "json", "-o", "gate.json"]).exit_code == 1
    # a report-only run stays one when rendered; merged with a gating run, it gates
    assert run(main, ["report", "zero.json", "-o", "z.html"]).exit_code == 0
    assert run(main, ["report", "zero.json", "gate.json", "-o", "m.html"]).exit_code == 1
    assert run(main, ["report", "zero.json", "gate.json", "--exit-zero", "-o", "m.html"]).exit_code == 0
    # a results file from before the field existed gates as it did
    old = json.loads((tmp_path / "zero.json").read_text())
    del old["run"]["exit_zero"]
    (tmp_path / "old.json").write_text(json.dumps(old))
    assert run(main, ["report", "old.json", "-o", "o.html"]).exit_code == 1
    old["run"]["exit_zero"] = "yes"
    (tmp_path / "bad.json").write_text(json.dumps(old))
    r = run(main, ["report", "bad.json", "-o", "o.html"])
    assert (r.exit_code, r.stderr) == (2, "a11ylint: error: bad.json: 'run.exit_zero' should be "
                                          "true or false\n")
