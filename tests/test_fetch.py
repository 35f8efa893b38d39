"""Fetching pages over HTTP from a real server on 127.0.0.1: every outcome asserted."""

from __future__ import annotations

import json
import socket
import time

import httpx
import pytest
from click.testing import CliRunner

from a11ylint import __version__
from a11ylint.cli import main
from a11ylint.engine import Engine
from a11ylint.fetch import (
    DEFAULT_USER_AGENT,
    Fetcher,
    FetchOptions,
    LazyFetcher,
    fetch_in_order,
    network_reason,
    parse_cookies,
    parse_header,
    retry_after_seconds,
    unsupported_scheme,
)
from a11ylint.settings import Settings
from a11ylint.sources import Gather, Item
from local_server import start, stop

FAST = dict(connect_timeout=2.0, read_timeout=0.5, page_timeout=5.0, backoff=0.05,
            trust_env=False)


@pytest.fixture(scope="module")
def site():
    s = start()
    yield s
    stop(s)


@pytest.fixture(scope="module")
def engine():
    return Engine(Settings())


def fetch(site, path: str, **kw) -> Item:
    opts = FetchOptions(**{**FAST, **kw})
    url = site.url(path)
    with Fetcher(opts) as f:
        return f.fetch_item(Item(url, url=url))


def closed_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


# -- encodings ------------------------------------------------------------------
@pytest.mark.parametrize("path,title", [
    ("/enc/header-only", "café à la une"),  # charset only in the Content-Type header
    ("/enc/meta-only", "Ελλάδα"),  # charset only in <meta>
    ("/enc/conflict", "Новости"),  # header koi8-r, meta utf-8: the header wins
    ("/enc/utf8", "Grüße"),
    ("/gzipped", "Compressed"),  # Content-Encoding: gzip
    ("/no-type", "Untyped"),  # no Content-Type: sniffed as HTML
])
def test_page_decoded_with_http_charset(site, engine, path, title):
    item = fetch(site, path)
    assert item.error is None
    res = engine.lint_item(item)
    assert res.status == "ok", res.error
    assert res.title == title
    assert res.source == res.url == res.base == site.url(path)


def test_content_type_and_language_kept(site):
    item = fetch(site, "/enc/header-only")
    assert item.content_type == "text/html; charset=windows-1252"
    assert item.data.startswith(b"<!DOCTYPE html>")


# -- redirects --------------------------------------------------------------------
def test_redirect_chain_keeps_the_url_asked_for_as_label(site, engine):
    item = fetch(site, "/chain/1")
    final = site.url("/news/final.html")
    assert item.error is None
    assert item.label == site.url("/chain/1") and item.url == item.base == final
    res = engine.lint_item(item)
    assert res.ok and res.source == site.url("/chain/1") and res.url == res.base == final


def test_redirect_loop(site):
    item = fetch(site, "/loop/a")
    assert item.label == site.url("/loop/a")
    assert item.error == (f"redirect loop: {site.url('/loop/a')} -> {site.url('/loop/b')} -> "
                          f"{site.url('/loop/a')}")


def test_too_many_redirects(site):
    item = fetch(site, "/many/0")
    assert item.error.startswith("too many redirects (more than 10)")
    assert site.hits["/many/10"] == 1 and site.hits["/many/11"] == 0


def test_redirect_to_file_url_refused(site):
    item = fetch(site, "/to-file")
    assert item.error == ("redirect to a URL that is not fetched: refused file: URL "
                          "(only http and https are fetched)")


def test_redirect_to_an_invalid_url_is_the_pages_error(site):
    # a port out of range passes httpx and failed in our own URL checks as an
    # internal error; a host it cannot parse it refuses itself
    assert fetch(site, "/to-bad-port").error == (
        "redirect to a URL that is not fetched: invalid URL (Port out of range 0-65535): "
        "http://127.0.0.1:99999/news/a.html")
    assert fetch(site, "/to-bad-host").error.startswith(
        "redirect to an invalid URL (Invalid URL in location header")


# -- status codes, retries ----------------------------------------------------------
def test_404_not_retried(site):
    item = fetch(site, "/status/404")
    assert item.error == "HTTP 404 Not Found"
    assert site.hits["/status/404"] == 1


def test_500_retried_twice_then_reported(site):
    before = site.hits["/status/500"]
    item = fetch(site, "/status/500")
    assert item.error == "HTTP 500 Internal Server Error after 3 attempts"
    assert site.hits["/status/500"] - before == 3


def test_503_then_ok_recovers(site, engine):
    item = fetch(site, "/flaky")
    assert item.error is None
    assert engine.lint_item(item).title == "Recovered"
    assert site.hits["/flaky"] == 2


def test_429_honours_retry_after(site):
    item = fetch(site, "/rate", page_timeout=10.0)
    assert item.error is None
    first, second = site.seen_at["/rate"][:2]
    assert second - first >= 0.9


def test_429_retry_after_beyond_cap_fails_at_once(site):
    t0 = time.monotonic()
    item = fetch(site, "/rate-long", retry_after_cap=5.0)
    assert time.monotonic() - t0 < 2
    assert item.error == ("HTTP 429 Too Many Requests: server asks to retry after 3600 s, "
                          "more than the 5 s cap")
    assert site.hits["/rate-long"] == 1


def test_retry_after_formats():
    assert retry_after_seconds("7") == 7.0
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0
    assert retry_after_seconds("soon") is None


# -- timeouts, network errors ------------------------------------------------------------
def test_slow_endpoint_times_out(site):
    t0 = time.monotonic()
    item = fetch(site, "/slow", read_timeout=0.3, retries=0)
    assert time.monotonic() - t0 < 2.5
    assert item.error == "timeout: no data from the server in time"
    assert item.label == site.url("/slow")


def test_page_timeout_bounds_retries(site):
    item = fetch(site, "/slow", read_timeout=0.3, page_timeout=0.5)
    assert item.error.startswith("timeout")


def test_connection_refused():
    url = f"http://127.0.0.1:{closed_port()}/x.html"
    with Fetcher(FetchOptions(**FAST)) as f:
        item = f.fetch_item(Item(url, url=url))
    assert item.error == "connection refused"


def test_dns_failure_reason():
    # built from the exception chain httpx raises; no name is really resolved
    try:
        try:
            raise socket.gaierror(-2, "Name or service not known")
        except socket.gaierror as inner:
            raise httpx.ConnectError("[Errno -2] Name or service not known") from inner
    except httpx.ConnectError as exc:
        assert network_reason(exc) == "DNS failure: Name or service not known"


# -- limits --------------------------------------------------------------------------
def test_oversized_body_with_length(site):
    item = fetch(site, "/big", max_bytes=1024 * 1024)
    assert item.error == "too large: 3 MB, limit 1 MB"


def test_oversized_body_while_streaming(site):
    item = fetch(site, "/big-chunked", max_bytes=1024 * 1024)
    assert item.error == "too large: more than 1 MB"


def test_gzip_bomb_capped_on_decompressed_size(site):
    item = fetch(site, "/bomb", max_bytes=1024 * 1024)
    assert item.error == "too large: more than 1 MB once decompressed"


def test_non_html_content_type(site):
    item = fetch(site, "/doc.pdf")
    assert item.error == "not HTML: content type application/pdf"


def test_html_type_with_binary_body_sniffed(site):
    item = fetch(site, "/fake-html")
    assert item.error == "not HTML: content type text/html but the body looks like a PNG image"


@pytest.mark.parametrize("url,reason", [
    ("file:///etc/passwd", "refused file: URL (only http and https are fetched)"),
    ("ftp://127.0.0.1/a.html", "refused ftp: URL (only http and https are fetched)"),
    ("javascript:alert(1)", "refused javascript: URL (only http and https are fetched)"),
    ("/news/a.html", "not an absolute http(s) URL: /news/a.html"),
    ("http:///nohost", "URL has no host: http:///nohost"),
    ("http://[::1/a.html", "invalid URL (Invalid IPv6 URL): http://[::1/a.html"),
    ("http://127.0.0.1:99999/", "invalid URL (Port out of range 0-65535): http://127.0.0.1:99999/"),
    ("http://h:abc/", "invalid URL (Port could not be cast to integer value as 'abc'): http://h:abc/"),
])
def test_only_http_and_https(url, reason):
    assert unsupported_scheme(url) == reason


# -- headers, cookies, robots ----------------------------------------------------------
def test_default_user_agent(site, engine):
    item = fetch(site, "/echo")
    assert engine.lint_item(item).title == f"a11ylint/{__version__} (+accessibility linter)||"
    assert DEFAULT_USER_AGENT.startswith("a11ylint/")


def test_headers_cookies_and_user_agent(site, engine):
    item = fetch(site, "/echo", user_agent="QA-bot/1", headers=[("X-Staging", "secret")],
                 cookies=[("session", "abc"), ("ab", "1")])
    assert engine.lint_item(item).title == "QA-bot/1|secret|session=abc; ab=1"


def test_header_and_cookie_parsing():
    assert parse_header("Authorization: Bearer x:y") == ("Authorization", "Bearer x:y")
    assert parse_cookies("a=1; b=2") == [("a", "1"), ("b", "2")]
    with pytest.raises(ValueError):
        parse_header("no colon")
    with pytest.raises(ValueError):
        parse_cookies("novalue")


def test_respect_robots(site):
    blocked = fetch(site, "/private/page.html", respect_robots=True)
    assert blocked.error == "disallowed by robots.txt"
    assert site.hits["/private/page.html"] == 0
    allowed = fetch(site, "/private/page.html")
    assert allowed.error is None


# -- concurrency and order ---------------------------------------------------------------
def test_results_in_input_order_with_per_host_cap(site):
    site.max_inflight = 0
    urls = [site.url(f"/delay/{0.3 if i % 3 == 0 else 0.05}/{i}") for i in range(12)]
    items = [Item(u, url=u) for u in urls]
    local = Item("local.html", data=b"<html></html>")
    items.insert(5, local)
    lf = LazyFetcher(FetchOptions(**{**FAST, "concurrency": 8, "per_host": 3}))
    try:
        out = list(fetch_in_order(items, lf))
    finally:
        lf.close()
    assert [i.label for i in out] == [i.label for i in items]
    assert out[5] is local
    assert all(i.error is None for i in out)
    assert 2 <= site.max_inflight <= 3


def test_local_run_never_creates_a_client():
    lf = LazyFetcher(None)
    out = list(fetch_in_order([Item("a.html", data=b"x")], lf))
    assert len(out) == 1 and lf._f is None


def test_gather_filters_and_limits(site, tmp_path):
    listing = tmp_path / "urls.txt"
    listing.write_text("# staging\n" + "\n".join(site.url(f"/news/{i}.html") for i in range(6))
                       + "\n\n" + site.url("/sitemaps/x.xml") + "\nfile:///etc/passwd\n")
    g = Gather(url_files=[str(listing)], url_exclude=[r"/news/[24]\.html$"],
               url_include=[r"/news/", r"^file:"], fetch=FetchOptions(**FAST))
    labels = [(i.label, i.error) for i in g.items()]
    assert labels == [(site.url(f"/news/{i}.html"), None) for i in (0, 1, 3, 5)] + [
        ("file:///etc/passwd", "refused file: URL (only http and https are fetched)")]
    g = Gather(url_files=[str(listing)], max_pages=2, fetch=FetchOptions(**FAST))
    assert [i.label for i in g.items()] == [site.url("/news/0.html"), site.url("/news/1.html")]


# -- the whole command ---------------------------------------------------------------------
def run_cli(*args: str):
    res = CliRunner().invoke(main, ["check", "--isolated", "-f", "json", "--connect-timeout", "2",
                                    "--read-timeout", "0.5", "--page-timeout", "5", *args])
    return res.exit_code, json.loads(res.stdout), res


def test_cli_invalid_urls_are_one_line_errors(site):
    # `http://[::1/x` on the command line ended the run in a traceback
    code, data, res = run_cli("-j", "1", "http://[::1/x", "http://h:99999/", site.url("/to-bad-port"))
    assert code == 2, res.output
    assert [(p["source"], p["status"], p["error"]) for p in data["pages"]] == [
        ("http://[::1/x", "error", "invalid URL (Invalid IPv6 URL): http://[::1/x"),
        ("http://h:99999/", "error", "invalid URL (Port out of range 0-65535): http://h:99999/"),
        (site.url("/to-bad-port"), "error", "redirect to a URL that is not fetched: invalid URL "
         "(Port out of range 0-65535): http://127.0.0.1:99999/news/a.html"),
    ]


def test_cli_every_url_gets_a_result(site):
    u = site.url
    urls = [u("/chain/1"), u("/status/404"), u("/loop/a"), u("/doc.pdf"), u("/enc/conflict"),
            "file:///etc/passwd", u("/big"), u("/slow")]
    code, data, res = run_cli("-j", "1", "--retries", "0", "--max-size", "1", *urls)
    assert code == 2, res.output
    got = [(p["source"], p["status"], p["error"]) for p in data["pages"]]
    assert got == [
        (u("/chain/1"), "ok", None),
        (u("/status/404"), "error", "HTTP 404 Not Found"),
        (u("/loop/a"), "error", f"redirect loop: {u('/loop/a')} -> {u('/loop/b')} -> {u('/loop/a')}"),
        (u("/doc.pdf"), "error", "not HTML: content type application/pdf"),
        (u("/enc/conflict"), "ok", None),
        ("file:///etc/passwd", "error", "refused file: URL (only http and https are fetched)"),
        (u("/big"), "error", "too large: 3 MB, limit 1 MB"),
        (u("/slow"), "error", "timeout: no data from the server in time"),
    ]
    assert data["pages"][0]["url"] == data["pages"][0]["base"] == u("/news/final.html")
    assert data["pages"][4]["title"] == "Новости"
    assert data["summary"]["exit_code"] == 2


def test_cli_urls_file_parallel_lint(site, tmp_path):
    listing = tmp_path / "urls.txt"
    listing.write_text("\n".join(site.url(f"/news/p{i}.html") for i in range(10)))
    code1, one, _ = run_cli("-j", "1", "--urls", str(listing))
    code2, two, _ = run_cli("-j", "2", "--urls", str(listing))
    assert code1 == code2
    assert one["pages"] == two["pages"]
    assert [p["source"] for p in two["pages"]] == [site.url(f"/news/p{i}.html") for i in range(10)]


def test_cli_bad_header_is_a_usage_error(site):
    res = CliRunner().invoke(main, ["check", "--isolated", "--header", "oops", site.url("/x")])
    assert res.exit_code == 2
    assert "bad header" in res.output


@pytest.mark.parametrize("option,value,message", [
    # a line break would start another header: httpx refused it on every
    # request, and each page failed with a network error
    ("--header", "X-Token: a\nInjected: b",
     "Invalid value for --header: bad header 'X-Token: a\\nInjected: b': '\\n' cannot be sent "
     "in an HTTP header (printable ASCII only)"),
    ("--header", "X-Name: Zoë", "bad header 'X-Name: Zoë': 'ë' cannot be sent"),
    ("--cookie", "session=a\r\nb", "Invalid value for --cookie: bad cookie"),
    ("--user-agent", "bot\nX: y", "Invalid value for --user-agent: bad user agent"),
])
def test_cli_header_values_that_cannot_be_sent_are_usage_errors(site, option, value, message):
    res = CliRunner().invoke(main, ["check", "--isolated", option, value, site.url("/news/a.html")])
    assert res.exit_code == 2, res.output
    assert message in res.output
    assert site.hits["/news/a.html"] == 0


def test_utf16_page_with_bom_is_html(site, engine):
    from a11ylint.fetch import sniff_kind

    data = "\ufeff<html><title>Hi</title></html>".encode("utf-16-le")
    assert sniff_kind(data) is None
    assert sniff_kind(b"%PDF-1.4") == "a PDF document"


def test_progress_line_only_after_a_few_pages():
    import io

    from a11ylint.findings import PageResult
    from a11ylint.runner import Progress

    out = io.StringIO()
    p = Progress(out, threshold=3, interval=0)
    for i in range(3):
        p(PageResult(f"p{i}"))
    assert out.getvalue() == ""
    p(PageResult("bad", status="error", error="HTTP 404 Not Found"))
    p.close()
    last = out.getvalue().split("\r")[-1]
    assert "4 pages  1 not linted" in last and "pages/s" in last and last.endswith("\n")
    assert Progress.auto(False) is None


def test_credentials_never_follow_a_redirect_to_another_site(site, engine):
    other = start()
    try:
        item = fetch(site, "/goto?u=" + other.url("/echo"), headers=[("X-Staging", "secret")],
                     cookies=[("session", "abc")])
        assert item.label == site.url("/goto?u=" + other.url("/echo"))
        assert item.url == other.url("/echo")
        assert engine.lint_item(item).title == f"{DEFAULT_USER_AGENT}||"
        same = fetch(site, "/goto?u=" + site.url("/echo"), headers=[("X-Staging", "secret")])
        assert engine.lint_item(same).title == f"{DEFAULT_USER_AGENT}|secret|"
    finally:
        stop(other)


def test_url_list_is_utf8_whatever_the_locale_and_a_bad_line_is_its_own_error(site, tmp_path):
    listing = tmp_path / "urls.txt"
    good1, good2 = site.url("/news/p1.html"), site.url("/news/p2.html")
    listing.write_bytes(b"\xef\xbb\xbf# front pages\n" + good1.encode() + b"\n\xff\xfe oops\n"
                        + good2.encode() + b"\n")
    code, data, _ = run_cli("--urls", str(listing))
    assert code == 2
    assert [(p["source"], p["status"], p["error"]) for p in data["pages"]] == [
        (good1, "ok", None),
        (f"{listing}, line 3", "error", "URL list line is not UTF-8 text"),
        (good2, "ok", None)]
    res = CliRunner().invoke(main, ["check", "--isolated", "-f", "json", "--urls", "-"],
                             input=listing.read_bytes())
    assert [p["source"] for p in json.loads(res.stdout)["pages"]] == [
        good1, "standard input, line 3", good2]
