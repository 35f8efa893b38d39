"""Sitemaps from a real server on 127.0.0.1 and from files; hostile XML refused."""

from __future__ import annotations

import gzip
import json

import pytest
from click.testing import CliRunner

from a11ylint.cli import main
from a11ylint.fetch import FetchOptions, LazyFetcher
from a11ylint.sitemap import SitemapError, gunzip, iter_pages, parse
from a11ylint.sources import Gather
from local_server import LOL, XXE, start, stop

FAST = dict(connect_timeout=2.0, read_timeout=1.0, page_timeout=5.0, backoff=0.05,
            trust_env=False)


@pytest.fixture(scope="module")
def site():
    s = start()
    yield s
    stop(s)


def pages(site, *specs):
    lf = LazyFetcher(FetchOptions(**FAST))
    try:
        return [(i.label, i.error) for i in iter_pages(list(specs), lf)]
    finally:
        lf.close()


def test_index_with_gzipped_urlset_and_news_sitemap(site):
    u = site.url
    assert pages(site, u("/sitemap_index.xml")) == [
        (u("/enc/utf8"), None), (u("/news/a.html"), None), (u("/news/b.html"), None),
        (u("/news/c.html"), None),  # news sitemap; its repeat of a.html is dropped
    ]


def test_file_and_ftp_entries_refused(site):
    u = site.url
    src = u("/sitemaps/file-entry.xml")
    assert pages(site, src) == [
        ("file:///etc/passwd",
         f"refused file: URL (only http and https are fetched) (listed in sitemap {src})"),
        (u("/news/d.html"), None),
        ("ftp://127.0.0.1/x.html",
         f"refused ftp: URL (only http and https are fetched) (listed in sitemap {src})"),
    ]


@pytest.mark.parametrize("path", ["/sitemaps/xxe.xml", "/sitemaps/lol.xml"])
def test_entity_sitemaps_refused(site, path):
    got = pages(site, site.url(path))
    assert got == [(site.url(path), "sitemap: refused: sitemap declares a DOCTYPE or entities "
                                    "(entity expansion and external entities are not allowed)")]


def test_missing_sitemap_is_an_error_item(site):
    assert pages(site, site.url("/sitemaps/missing.xml")) == [
        (site.url("/sitemaps/missing.xml"), "sitemap: HTTP 404 Not Found")]


def test_parser_never_expands_entities_even_without_the_guard():
    # the guard refuses first; the parser settings are the second line of defence
    from lxml import etree

    from a11ylint.sitemap import _parser

    root = etree.fromstring(XXE, _parser())
    assert "root:" not in etree.tostring(root, encoding="unicode")
    with pytest.raises(SitemapError):
        parse(XXE)
    with pytest.raises(SitemapError):
        parse(LOL)


def test_local_files_gzip_text_and_namespaceless(tmp_path):
    gz = tmp_path / "s.xml.gz"
    gz.write_bytes(gzip.compress(
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<url><loc> https://example.org/a </loc></url></urlset>"))
    assert parse(gz.read_bytes()).locs == ["https://example.org/a"]
    assert parse(b"<urlset><url><loc>https://e.org/b</loc></url></urlset>").locs == [
        "https://e.org/b"]
    assert parse(b"# list\nhttps://e.org/c\n\nhttps://e.org/d\n").locs == [
        "https://e.org/c", "https://e.org/d"]
    assert parse(b"<sitemapindex><sitemap><loc>https://e.org/s.xml</loc></sitemap>"
                 b"</sitemapindex>").kind == "index"


def test_image_locs_inside_entries_are_not_pages():
    doc = (b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
           b'xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">'
           b"<url><loc>https://e.org/p</loc><image:image><image:loc>https://e.org/i.jpg"
           b"</image:loc></image:image></url></urlset>")
    assert parse(doc).locs == ["https://e.org/p"]


def test_gzip_sitemap_bomb_capped():
    bomb = gzip.compress(b" " * (2 * 1024 * 1024))
    with pytest.raises(SitemapError, match="larger than 1 MB once decompressed"):
        gunzip(bomb, limit=1024 * 1024)


@pytest.mark.parametrize("doc,reason", [
    (b"<html><body>no</body></html>", "not a sitemap: root element <html>"),
    (b"<urlset><url>", "invalid sitemap XML"),
    (b"   ", "empty sitemap"),
])
def test_bad_documents(doc, reason):
    with pytest.raises(SitemapError, match=reason):
        parse(doc)


def test_max_pages_stops_the_crawl(site):
    g = Gather(sitemaps=[site.url("/sitemap_index.xml")], max_pages=2,
               fetch=FetchOptions(**FAST))
    before = site.hits["/sitemaps/news.xml"]
    assert [i.label for i in g.items()] == [site.url("/enc/utf8"), site.url("/news/a.html")]
    assert site.hits["/sitemaps/news.xml"] == before  # never fetched


def test_cli_sitemap_lints_every_page(site):
    res = CliRunner().invoke(main, ["check", "--isolated", "-f", "json", "-j", "1",
                                    "--sitemap", site.url("/sitemap_index.xml"),
                                    "--sitemap", site.url("/sitemaps/file-entry.xml")])
    data = json.loads(res.stdout)
    got = [(p["source"], p["status"]) for p in data["pages"]]
    u = site.url
    assert got == [(u("/enc/utf8"), "ok"), (u("/news/a.html"), "ok"), (u("/news/b.html"), "ok"),
                   (u("/news/c.html"), "ok"), ("file:///etc/passwd", "error"),
                   (u("/news/d.html"), "ok"), ("ftp://127.0.0.1/x.html", "error")]
    assert res.exit_code == 2
