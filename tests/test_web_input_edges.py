"""Web inputs at their edges, from a real server on 127.0.0.1: a body that
trickles in past the page's time, redirected and rewritten addresses, URL
filters against named URLs, lists and sitemaps that name no page, UTF-16
declared by the server, headers the client owns, and the wording of errors."""

from __future__ import annotations

import gzip
import json
import threading
import time

import pytest
from click.testing import CliRunner

from a11ylint.cli import main
from a11ylint.engine import Engine
from a11ylint.fetch import Fetcher, FetchOptions
from a11ylint.settings import Settings
from a11ylint.sources import Item
from local_server import Site, _Server, _xml_urlset, make_handler, page, stop

FAST = dict(connect_timeout=2.0, read_timeout=2.0, page_timeout=5.0, backoff=0.05,
            trust_env=False)
EMPTY_URLSET = _xml_urlset([])


def _edge_handler(site: Site):
    """The shared test site, plus the endpoints only these tests need."""
    base = make_handler(site)

    class Handler(base):
        def drip(self, stall: bool) -> None:
            """An HTML body of ``<p>x</p>`` every 0.2 s for 50 s, with no
            length; with ``stall``, 1.2 s of it and then nothing."""
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Connection", "close")
            self.end_headers()
            self.close_connection = True
            try:
                self.wfile.write(b"<html><body>")
                self.wfile.flush()
                for n in range(250):
                    if site.stop_event.wait(0.2):
                        return
                    if not stall or n < 6:
                        self.wfile.write(b"<p>x</p>")
                        self.wfile.flush()
            except OSError:
                pass  # the client hung up at its deadline

        def do_GET(self) -> None:
            path = self.path
            if path in ("/drip", "/drip-stall"):
                site.hits[path] += 1
                self.drip(stall=path == "/drip-stall")
            elif path in ("/d", "/e"):
                site.hits[path] += 1
                self.redirect("/d/", 301)
            elif path == "/d/":
                site.hits[path] += 1
                self.send(200, page("Folder page").encode(), "text/html; charset=utf-8")
            elif path in ("/utf16", "/utf16be"):
                site.hits[path] += 1
                codec, label = (("utf-16-le", "utf-16") if path == "/utf16"
                                else ("utf-16-be", "utf-16be"))
                self.send(200, page("Grüße").encode(codec), f"text/html; charset={label}")
            elif path == "/sitemaps/empty.xml":
                self.send(200, EMPTY_URLSET, "application/xml")
            elif path == "/bad-length":
                site.hits[path] += 1
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", "abc")
                self.end_headers()
                self.wfile.write(page("Bad length").encode())
                self.close_connection = True
            elif path == "/status/999":
                site.hits[path] += 1
                self.send(999, b"<html><body>odd</body></html>")
            else:
                super().do_GET()

    return Handler


@pytest.fixture(scope="module")
def site():
    s = Site()
    s.server = _Server(("127.0.0.1", 0), _edge_handler(s))
    threading.Thread(target=s.server.serve_forever, kwargs={"poll_interval": 0.05},
                     daemon=True).start()
    yield s
    stop(s)


def fetch(site, path: str, **kw) -> Item:
    url = site.url(path)
    with Fetcher(FetchOptions(**{**FAST, **kw})) as f:
        return f.fetch_item(Item(url, url=url))


def run_cli(*args: str, input=None):
    res = CliRunner().invoke(main, ["check", "--isolated", "-f", "json", "-j", "1",
                                    "--connect-timeout", "2", "--read-timeout", "2",
                                    "--page-timeout", "5", *args], input=input)
    data = json.loads(res.stdout) if res.stdout.startswith("{") else None
    return res.exit_code, data, res


def outcomes(data) -> list[tuple]:
    return [(p["source"], p["status"], p["error"]) for p in data["pages"]]


# -- 1. the page's time holds while a body trickles in ------------------------------------
@pytest.mark.parametrize("path", ["/drip", "/drip-stall"])
def test_page_timeout_holds_while_the_body_trickles_in(site, path):
    # iter_raw(65536) waited for 64 KB before it looked at the clock: a page
    # that sent 8 bytes every 0.5 s took 51 s with --page-timeout 3; a read
    # that stalls after a little data waits no longer than the page has left
    t0 = time.monotonic()
    item = fetch(site, path, page_timeout=1.5, read_timeout=30.0, retries=0)
    took = time.monotonic() - t0
    assert item.error == "timeout: no complete response within 1.5 s"
    assert 1.4 < took < 2.5, took


def test_cli_page_timeout_holds_while_the_body_trickles_in(site):
    t0 = time.monotonic()
    code, data, res = run_cli("--page-timeout", "2", "--retries", "0", site.url("/drip"))
    assert time.monotonic() - t0 < 4
    assert code == 2, res.output
    assert outcomes(data) == [(site.url("/drip"), "error",
                               "timeout: no complete response within 2 s")]


# -- 2. a page is reported under the address the user gave ----------------------------------
def test_redirected_page_keeps_the_address_asked_for(site):
    item = fetch(site, "/chain/1")
    final = site.url("/news/final.html")
    assert (item.label, item.url, item.base, item.error) == (site.url("/chain/1"), final, final,
                                                            None)
    res = Engine(Settings()).lint_item(item)
    assert (res.status, res.source, res.url, res.base) == ("ok", site.url("/chain/1"), final,
                                                           final)


def test_cli_reports_each_url_under_its_own_name(site):
    u = site.url
    odd_case = u("/news/x.html").replace("http://", "HTTP://")
    query = u("/news/q.html?a=<b>")
    code, data, res = run_cli(u("/d"), u("/e"), odd_case, query)
    assert code == 1, res.output  # the test pages' alt "A photo" is a finding
    assert data["run"]["inputs"] == [u("/d"), u("/e"), odd_case, query]
    assert [(p["source"], p["status"], p["url"]) for p in data["pages"]] == [
        (u("/d"), "ok", u("/d/")), (u("/e"), "ok", u("/d/")),
        (odd_case, "ok", u("/news/x.html")), (query, "ok", u("/news/q.html?a=%3Cb%3E"))]
    res = CliRunner().invoke(main, ["check", "--isolated", "-f", "text", u("/d")])
    assert res.exit_code == 1
    assert res.output.startswith(f"{u('/d')}:1:") and u("/d/") not in res.output


# -- 3. URL filters never drop a URL the user named ------------------------------------------
def test_named_url_is_linted_whatever_the_url_filters(site, tmp_path):
    u = site.url
    listing = tmp_path / "urls.txt"
    listing.write_text(f"{u('/news/l1.html')}\n{u('/news/l2.html')}\n")
    code, data, res = run_cli("--url-exclude", "a\\.html$", "--url-include", "l1|a\\.html",
                              u("/news/a.html"), "--urls", str(listing))
    assert code == 1, res.output
    assert outcomes(data) == [(u("/news/a.html"), "ok", None), (u("/news/l1.html"), "ok", None)]


# -- 4. a list or sitemap that names no page is an input that could not be linted ------------
@pytest.mark.parametrize("text", ["", "# nothing yet\n\n   # still nothing\n"])
def test_url_list_without_urls_is_an_error(site, tmp_path, text):
    listing = tmp_path / "urls.txt"
    listing.write_text(text)
    code, data, res = run_cli("--urls", str(listing))
    assert code == 2, res.output
    assert outcomes(data) == [(str(listing), "error", "URL list lists no pages")]
    assert data["summary"]["exit_code"] == 2


def test_url_list_whose_urls_are_all_filtered_out_is_an_error(site, tmp_path):
    listing = tmp_path / "urls.txt"
    listing.write_text(site.url("/news/filtered.html") + "\n")
    code, data, res = run_cli("--urls", str(listing), "--url-exclude", "news")
    assert code == 2, res.output
    assert outcomes(data) == [
        (str(listing), "error", "URL list lists no pages that pass --url-include/--url-exclude")]
    assert site.hits["/news/filtered.html"] == 0


def test_url_list_from_standard_input_without_urls_is_an_error(site):
    code, data, res = run_cli("--urls", "-", input=b"# none\n")
    assert code == 2, res.output
    assert outcomes(data) == [("standard input", "error", "URL list lists no pages")]


def test_empty_sitemaps_are_errors(site, tmp_path):
    local = tmp_path / "empty.xml"
    local.write_bytes(EMPTY_URLSET)
    index = tmp_path / "index.xml"
    index.write_bytes(b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                      b"</sitemapindex>")
    remote = site.url("/sitemaps/empty.xml")
    code, data, res = run_cli("--sitemap", str(local), "--sitemap", remote,
                              "--sitemap", str(index))
    assert code == 2, res.output
    assert outcomes(data) == [(str(local), "error", "sitemap lists no pages"),
                              (remote, "error", "sitemap lists no pages"),
                              (str(index), "error", "sitemap lists no pages")]
    # a local file has no URL; the sitemap's URL is kept as a page's is
    assert [p.get("url") for p in data["pages"]] == [None, remote, None]
    # a sitemap whose pages other inputs named did list pages: they were linted
    u = site.url
    code, data, res = run_cli(u("/news/c.html"), u("/news/a.html"), "--sitemap", remote,
                              "--sitemap", u("/sitemaps/news.xml"),
                              "--sitemap", u("/sitemaps/news.xml"))
    assert code == 2, res.output
    assert outcomes(data) == [(u("/news/c.html"), "ok", None), (u("/news/a.html"), "ok", None),
                              (remote, "error", "sitemap lists no pages")]


def test_sitemap_whose_pages_are_all_filtered_out_is_an_error(site):
    sm = site.url("/sitemaps/news.xml")
    code, data, res = run_cli("--sitemap", sm, "--url-include", "nothing-matches")
    assert code == 2, res.output
    assert outcomes(data) == [
        (sm, "error", "sitemap lists no pages that pass --url-include/--url-exclude")]


# -- 5. UTF-16 that the server declares ------------------------------------------------------
@pytest.mark.parametrize("path", ["/utf16", "/utf16be"])
def test_server_declared_utf16_page_is_linted(site, path):
    item = fetch(site, path)
    assert item.error is None
    res = Engine(Settings()).lint_item(item)
    assert (res.status, res.error, res.title) == ("ok", None, "Grüße")


# -- 6. headers the HTTP client owns ---------------------------------------------------------
@pytest.mark.parametrize("spec", ["Content-Length: 5", "transfer-encoding: chunked",
                                  "Connection: close"])
def test_cli_header_the_client_owns_is_a_usage_error(site, spec):
    res = CliRunner().invoke(main, ["check", "--isolated", "--header", spec,
                                    site.url("/news/owned.html")])
    assert res.exit_code == 2, res.output
    name = spec.split(":")[0]
    assert (f"Invalid value for --header: bad header {spec!r}: {name} is set by the HTTP "
            "client, not by --header") in res.output
    assert site.hits["/news/owned.html"] == 0
    # Host is the user's to set: a staging server reached by address, named
    # as the site it serves
    res = CliRunner().invoke(main, ["check", "--isolated", "--header", "Host: news.example",
                                    "--header", spec.replace(":", "-Not:"), site.url("/echo")])
    assert res.exit_code == 1, res.output
    assert site.last_headers["/echo"]["host"] == "news.example"


# -- 7. messages -------------------------------------------------------------------------------
def test_cli_sitemap_from_standard_input(site):
    u = site.url
    doc = _xml_urlset([u("/news/s1.html"), u("/news/s2.html")])
    code, data, res = run_cli("--sitemap", "-", input=gzip.compress(doc))
    assert code == 1, res.output
    assert outcomes(data) == [(u("/news/s1.html"), "ok", None), (u("/news/s2.html"), "ok", None)]
    code, data, res = run_cli("--sitemap", "-", input=b"")
    assert code == 2
    assert outcomes(data) == [("standard input", "error", "sitemap: empty sitemap")]


def test_malformed_reply_is_named_as_such(site):
    assert fetch(site, "/bad-length", retries=0).error == (
        "invalid HTTP response from the server: bad Content-Length")


def test_status_without_a_reason_phrase(site):
    assert fetch(site, "/status/999", retries=1).error == "HTTP 999 after 2 attempts"
    assert fetch(site, "/status/999", retries=0).error == "HTTP 999"


def test_url_list_trailing_comments(site, tmp_path):
    u = site.url
    listing = tmp_path / "urls.txt"
    listing.write_text(f"{u('/news/c1.html')}  # front page\n"
                       f"{u('/news/c2.html')}\t#\n"
                       f"{u('/news/c3.html#top')}\n")
    code, data, res = run_cli("--urls", str(listing))
    assert code == 1, res.output
    assert outcomes(data) == [(u("/news/c1.html"), "ok", None), (u("/news/c2.html"), "ok", None),
                              (u("/news/c3.html#top"), "ok", None)]


def test_a_list_or_sitemap_name_too_long_for_a_file_is_that_inputs_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.html").write_text("<html><body><main><h1>Storm</h1></main></body></html>")
    long_name = "x" * 300 + ".xml"
    for option in ("--sitemap", "--urls"):
        r = CliRunner().invoke(main, ["check", "--isolated", "a.html", option, long_name,
                                      "-f", "json"])
        assert r.exit_code == 2, option
        pages = json.loads(r.stdout)["pages"]
        assert [(p["source"], p["status"]) for p in pages] == [
            ("a.html", "ok"), (long_name, "error")], option
        assert pages[1]["error"] in ("sitemap: File name too long",
                                     "cannot read URL list: File name too long")
