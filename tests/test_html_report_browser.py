"""The HTML report opened in a real Chromium (Debian's, never a downloaded one).

Skipped with a reason when Chromium or Playwright is missing locally; on CI
(``CI=true``) a missing browser fails, so the suite cannot go green untested.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from a11ylint.cli import main
from a11ylint.findings import PageResult
from a11ylint.reporters import html as html_mod
from test_html_report import XSS_URL, f, sample_run, write_json

try:
    from playwright.sync_api import expect
except ImportError:  # reported by the browser fixture, which skips (or fails on CI)
    expect = None

CHROMIUM = os.environ.get("A11YLINT_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).parent / "artifacts"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--no-first-run"]


def _missing(reason: str):
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}; CI=true requires the browser tests to run", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    if not (os.path.isfile(CHROMIUM) or shutil.which(CHROMIUM)):
        _missing(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("Playwright for Python is not installed (pip install -e '.[test]')")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS)
        yield b
        b.close()


class Opened:
    """A report in a tab, with everything that went wrong recorded."""

    def __init__(self, browser, path: Path, js: bool = True, fragment: str = ""):
        self.ctx = browser.new_context(java_script_enabled=js)
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.blocked: list[str] = []
        self.dialogs: list[str] = []
        self.ctx.route("**/*", self._route)
        self.page = self.ctx.new_page()
        self.page.on("console", lambda m: m.type in ("error", "warning") and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", self._dialog)
        self.page.goto(path.resolve().as_uri() + fragment)
        if js:
            self.page.wait_for_selector("#app .page, #app .pager")

    def _route(self, route):
        url = route.request.url
        if url.startswith(("file:", "data:", "blob:")):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def _dialog(self, d):
        self.dialogs.append(d.message)
        d.dismiss()

    def visible_findings(self) -> list[dict]:
        return self.page.eval_on_selector_all(
            "#app .finding", "els => els.map(e => ({sev: e.querySelector('.sev').textContent, "
                             "rule: e.querySelector('.rule').textContent, "
                             "page: e.closest('.page').querySelector('.label').textContent}))")

    def shown(self) -> tuple[int, int]:
        return (int(self.page.text_content("#shown-findings")), int(self.page.text_content("#shown-pages")))

    def visible_pages(self) -> list[str]:
        return self.page.eval_on_selector_all("#app .page > summary .label", "els => els.map(e => e.textContent)")

    def settle(self):
        self.page.wait_for_timeout(50)

    def wait_text(self, selector: str, text: str):
        # wait_for_function evaluates a string, which the report's CSP forbids (as it should)
        expect(self.page.locator(selector)).to_have_text(text)

    def close(self):
        assert not self.blocked, f"requests left the report: {self.blocked}"
        assert not self.dialogs, f"dialogs opened: {self.dialogs}"
        assert not self.errors, f"console errors: {self.errors}"
        self.ctx.close()


@pytest.fixture
def report(tmp_path):
    """The sample run saved as JSON and rendered by ``a11ylint report``."""
    results = sample_run(tmp_path / "site")
    saved = write_json(results, tmp_path / "results.json")
    out = tmp_path / "report.html"
    res = CliRunner().invoke(main, ["report", str(tmp_path / "results.json"), "-o", str(out)])
    assert res.exit_code == 2, res.output
    return out, saved


@pytest.fixture
def opened(browser, report):
    tabs = []

    def open_(js=True, fragment="", path=None):
        o = Opened(browser, path or report[0], js=js, fragment=fragment)
        tabs.append(o)
        return o
    yield open_
    for o in tabs:
        o.close()


def test_counts_shown_match_the_json(opened, report):
    o = opened()
    s = report[1]["summary"]
    text = {k: int(o.page.text_content(f"#{k}")) for k in (
        "sum-pages", "sum-pages-findings", "sum-pages-errors", "sum-findings", "sum-errors", "sum-warnings")}
    assert text == {"sum-pages": s["pages"], "sum-pages-findings": s["pages_with_findings"],
                    "sum-pages-errors": s["pages_with_errors"], "sum-findings": s["findings"],
                    "sum-errors": s["by_severity"]["error"], "sum-warnings": s["by_severity"]["warning"]}
    assert o.shown() == (s["findings"], s["pages"])
    assert len(o.visible_findings()) == s["findings"]
    assert int(o.page.text_content("#exit-code")) == s["exit_code"]


def test_each_filter_changes_the_visible_findings(opened, report):
    o = opened()
    pages = report[1]["pages"]
    all_f = [(p["source"], x["severity"], x["rule"]) for p in pages for x in p["findings"]]

    o.page.uncheck("#f-sev-error")
    o.settle()
    vis = o.visible_findings()
    assert vis and all(v["sev"] == "warning" for v in vis)
    assert len(vis) == sum(1 for _, s, _ in all_f if s == "warning") == o.shown()[0]
    o.page.check("#f-sev-error")

    o.page.select_option("#f-family", "img-alt")
    o.settle()
    vis = o.visible_findings()
    assert len(vis) == sum(1 for _, _, r in all_f if r.startswith("img-alt")) == 3
    assert all(v["rule"].startswith("img-alt") for v in vis)
    o.page.select_option("#f-family", "")

    o.page.select_option("#f-rule", "skip-link-target")
    o.settle()
    vis = o.visible_findings()
    assert [v["rule"] for v in vis] == ["skip-link-target"] and o.shown() == (1, 1)
    o.page.select_option("#f-rule", "")

    o.page.fill("#f-q", "harbour")  # alt text of one picture, case-insensitive
    o.wait_text("#shown-pages", "1")
    vis = o.visible_findings()
    assert {v["page"] for v in vis} == {"site/images.html"} and len(vis) == 1
    o.page.fill("#f-q", "hostile")  # matches a page label: all its findings
    o.wait_text("#shown-findings", "2")
    assert {v["page"] for v in o.visible_findings()} == {"site/hostile.html"}
    o.page.fill("#f-q", "")
    o.wait_text("#shown-pages", "4")

    assert "site/clean.html" in o.visible_pages()
    o.page.check("#f-clean")
    o.settle()
    assert "site/clean.html" not in o.visible_pages()
    assert XSS_URL in o.visible_pages()  # a page that failed is not "clean"
    o.page.uncheck("#f-clean")

    o.page.select_option("#f-sort", "findings")
    o.settle()
    assert o.visible_pages()[0] == "site/images.html"
    o.page.select_option("#f-sort", "name")
    o.settle()
    assert o.visible_pages() == sorted(o.visible_pages(), key=str.lower) or o.visible_pages()[0] == XSS_URL


def test_fragment_link_restores_a_filter(opened):
    o = opened()
    o.page.select_option("#f-rule", "img-alt-caption-duplicate")
    o.page.uncheck("#f-sev-error")
    o.settle()
    link = o.page.evaluate("location.href")
    assert "#filter?" in link and "rule=img-alt-caption-duplicate" in link
    assert o.page.get_attribute("#f-link", "href") == "#" + link.split("#", 1)[1]

    fresh = opened(fragment="#" + link.split("#", 1)[1])
    assert fresh.page.input_value("#f-rule") == "img-alt-caption-duplicate"
    assert not fresh.page.is_checked("#f-sev-error")
    vis = fresh.visible_findings()
    assert len(vis) == 2 and all(v["rule"] == "img-alt-caption-duplicate" for v in vis)
    # a colleague's link to one rule, written by hand
    hand = opened(fragment="#filter?rule=heading-order")
    assert [v["rule"] for v in hand.visible_findings()] == ["heading-order"]
    # and following a link inside the report applies it too
    hand.page.evaluate("location.hash = '#filter?family=skip-link'")
    hand.wait_text("#shown-findings", "1")
    assert hand.page.input_value("#f-family") == "skip-link"


def test_rule_links_open_embedded_docs(opened):
    o = opened()
    o.page.click("#app .finding a.rule >> text=heading-order")
    assert o.page.evaluate("location.hash") == "#rule-heading-order"
    assert o.page.is_visible("#rule-heading-order")


def test_image_finding_shows_the_picture(opened, tmp_path):
    o = opened()
    img = o.page.locator("#page-1 .frame img").first
    img.scroll_into_view_if_needed()
    expect(img).to_have_js_property("complete", True)
    assert img.evaluate("i => i.naturalWidth") == 12
    assert img.get_attribute("src") == (tmp_path / "site" / "pic.png").as_uri()
    # gone.png: a placeholder box of the same size, not a broken image
    boxes = o.page.locator("#page-1 .frame.placeholder")
    assert boxes.count() == 1 and "not found" in boxes.first.text_content()
    assert boxes.first.bounding_box()["width"] == pytest.approx(img.evaluate(
        "i => i.parentElement.getBoundingClientRect().width"), abs=1)
    assert any(u.endswith("/site/pic.png") for u in o.requests)


def test_hostile_page_data_runs_nothing(opened):
    o = opened()
    o.page.locator("#page-2").scroll_into_view_if_needed()
    o.page.wait_for_timeout(200)
    assert o.page.evaluate("document.querySelectorAll('script').length") == 2
    assert o.page.evaluate("document.querySelectorAll('[onerror], [onload], [onclick]').length") == 0
    assert o.page.evaluate("[...document.querySelectorAll('[href], [src]')].filter("
                           "e => /^\\s*javascript:/i.test(e.getAttribute('href') || e.getAttribute('src'))).length") == 0
    assert o.page.evaluate("[...document.images].filter(i => i.getAttribute('src') === 'x').length") == 0
    page2 = o.page.text_content("#page-2")
    assert "<script>alert(1)</script>" in page2 and '"><img src=x onerror=alert(1)>' in page2
    assert "Title <script>alert(1)</script>" in page2
    # the page whose label is a javascript: URL is text, not a link
    assert o.page.locator("#page-4 summary a").count() == 0
    assert o.dialogs == []


def test_no_javascript_view(opened):
    o = opened(js=False)
    assert o.page.is_hidden("#filters")
    assert o.page.locator("noscript .finding").count() == 5
    # the note about the script stays: it tells why there are no filters
    expect(o.page.locator("#script-note")).to_be_visible()
    assert o.page.locator("#page-1 .frame img").count() == 1
    assert int(o.page.text_content("#sum-findings")) == 5


def test_the_script_removes_its_note(opened):
    o = opened()
    assert o.page.locator("#script-note").count() == 0


def test_a_viewer_that_blocks_the_script_gets_a_note_not_an_empty_section(browser, report):
    # scripting on, the report's script refused by the server's CSP (an
    # artifact viewer): <noscript> stays hidden, so without the note the
    # Pages section would be silently empty
    body = report[0].read_bytes()
    ctx = browser.new_context()
    try:
        tab = ctx.new_page()
        tab.route("http://artifacts.invalid/report.html", lambda r: r.fulfill(
            status=200, body=body, headers={
                "Content-Type": "text/html; charset=utf-8",
                "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'"}))
        tab.goto("http://artifacts.invalid/report.html")
        note = tab.locator("#script-note")
        expect(note).to_be_visible(timeout=10000)  # after its delay
        assert note.text_content().startswith("This viewer did not run the report's script")
        assert tab.locator("#app .page").count() == 0
    finally:
        ctx.close()


def test_pages_are_drawn_a_screenful_at_a_time(browser, tmp_path, monkeypatch):
    monkeypatch.setattr(html_mod, "COMPRESS_ABOVE", 100)  # also exercise the gzip path
    results = [PageResult(f"p{i:03d}.html", findings=[f("heading-order", "warning")] * (i % 3))
               for i in range(120)]
    write_json(results, tmp_path / "big.json")
    out = tmp_path / "big.html"
    assert CliRunner().invoke(main, ["report", str(tmp_path / "big.json"), "-o", str(out)]).exit_code == 0
    assert 'data-encoding="gzip+base64"' in out.read_text()
    o = Opened(browser, out)
    assert o.shown() == (sum(i % 3 for i in range(120)), 120)
    assert o.page.locator("#app .page").count() == 50
    o.page.locator("#app .pager .next").first.click()
    assert o.visible_pages()[0] == "p050.html"
    assert "p=2" in o.page.evaluate("location.hash")
    o.page.evaluate("location.hash = '#page-117'")
    o.page.wait_for_selector("#page-117")
    assert o.visible_pages()[0] == "p100.html"
    o.close()


def test_screenshot_artifact(opened):
    o = opened()
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "html_report.png"
    o.page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 1000
    o.page.emulate_media(media="print")
    o.page.screenshot(path=str(ARTIFACTS / "html_report_print.png"), full_page=True)
    assert o.page.is_hidden("#filters")


def test_saved_json_is_what_the_report_reads(report):
    # guard for the fixtures above: the report was rendered from the saved file
    assert json.loads(report[0].with_name("results.json").read_text())["summary"]["findings"] == 5


def test_status_counts_read_in_the_singular(opened):
    o = opened()
    o.page.select_option("#f-rule", "skip-link-target")
    o.settle()
    assert o.page.text_content("[role=status]") == "Showing 1 finding on 1 page."
    o.page.select_option("#f-rule", "")
    o.settle()
    assert o.page.text_content("[role=status]") == "Showing 5 findings on 4 pages."


def test_rule_links_name_their_rule_and_lead_to_the_results(opened):
    o = opened()
    link = o.page.locator("#by-rule a.filter-link").first
    rule = o.page.locator("#by-rule tbody tr").first.get_attribute("data-rule")
    assert link.text_content() == f"show the 1 {rule} finding"
    link.focus()
    o.page.keyboard.press("Enter")
    o.wait_text("#shown-findings", "1")
    assert o.page.evaluate("document.activeElement.className") == "range"
    assert o.page.evaluate("document.activeElement.textContent") == "Pages 1–1 of 1"


def test_paging_and_show_all_keep_the_keyboard_user_in_place(browser, tmp_path):
    results = [PageResult(f"p{i:03d}.html", findings=[f("heading-order", "warning")])
               for i in range(60)]
    results[0].findings = [f("heading-order", "warning", line=k + 1) for k in range(230)]
    write_json(results, tmp_path / "big.json")
    out = tmp_path / "big.html"
    assert CliRunner().invoke(main, ["report", str(tmp_path / "big.json"), "-o", str(out)]).exit_code == 0
    o = Opened(browser, out)
    o.page.locator("#app .pager .next").first.focus()
    o.page.keyboard.press("Enter")
    assert o.page.evaluate("document.activeElement.textContent") == "Pages 51–60 of 60"
    o.page.locator("#app .pager .prev").first.click()
    more = o.page.locator("#page-1 button.more")
    assert more.text_content() == "Show all 230 findings"
    more.focus()
    o.page.keyboard.press("Enter")
    # focus is on the 201st finding, the first the button revealed
    assert o.page.evaluate(
        "Array.from(document.querySelectorAll('#page-1 .finding')).indexOf(document.activeElement)"
    ) == 200
    o.close()


def test_small_screens_get_a_toolbar_that_scrolls_away_and_no_sideways_scrolling(opened):
    o = opened()
    assert o.page.evaluate("getComputedStyle(document.getElementById('filters')).position") == "sticky"
    pad = o.page.evaluate("document.documentElement.style.scrollPaddingTop")
    assert pad.endswith("px") and int(pad[:-2]) > 40  # below the toolbar, not under it
    o.page.set_viewport_size({"width": 320, "height": 256})
    o.settle()
    assert o.page.evaluate("getComputedStyle(document.getElementById('filters')).position") == "static"
    assert o.page.evaluate("document.documentElement.style.scrollPaddingTop") == ""
    assert o.page.evaluate("document.documentElement.scrollWidth") <= 320
    # the rule table scrolls in its own named region instead
    assert o.page.get_attribute("#by-rule", "aria-labelledby") == "by-rule-h"
    assert o.page.evaluate("document.getElementById('by-rule').closest('[role=region]').tabIndex") == 0


def test_a_missing_picture_says_why_to_screen_readers_too(opened):
    o = opened()
    assert o.page.locator("#app .frame.placeholder[role=img]").count() == 0
    texts = o.page.eval_on_selector_all("#app .frame.placeholder", "els => els.map(e => e.textContent)")
    assert texts and all(t in ("picture not found", "unsafe address not loaded", "no src",
                               "picture not available", "remote picture (not loaded)")
                         for t in texts)
