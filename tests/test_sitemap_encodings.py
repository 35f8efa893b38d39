"""Sitemaps in UTF-16/UTF-32 (allowed by XML): read as XML, and a DOCTYPE in
them is refused like one in UTF-8; local sitemaps that are not regular files."""

from __future__ import annotations

import gzip
import json
import os
import sys

import pytest
from click.testing import CliRunner

from a11ylint.cli import main
from a11ylint.sitemap import SitemapError, parse

URLSET = ('<?xml version="1.0" encoding="{enc}"?>\n'
          '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
          '<url><loc>https://news.example/a</loc></url>'
          '<url><loc>https://news.example/b?x=1&amp;y=2</loc></url></urlset>\n')
BOMB = ('<?xml version="1.0" encoding="{enc}"?>\n'
        '<!DOCTYPE u [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        '<url><loc>https://news.example/&b;&xxe;</loc></url></urlset>\n')


@pytest.mark.parametrize("codec,label", [
    ("utf-16", "UTF-16"), ("utf-16-le", "UTF-16"), ("utf-16-be", "UTF-16"),
    ("utf-32", "UTF-32")])
def test_utf16_and_utf32_urlsets(codec, label):
    data = URLSET.format(enc=label).encode(codec)
    sm = parse(data)
    assert (sm.kind, sm.locs) == ("urlset", ["https://news.example/a",
                                             "https://news.example/b?x=1&y=2"])
    assert parse(gzip.compress(data)).locs == sm.locs


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32"])
def test_doctype_in_utf16_is_refused(codec):
    with pytest.raises(SitemapError, match="^refused: sitemap declares a DOCTYPE"):
        parse(BOMB.format(enc="UTF-16").encode(codec))


def test_utf16_text_sitemap():
    data = "https://news.example/a\n# note\nhttps://news.example/b\n".encode("utf-16")
    assert parse(data).locs == ["https://news.example/a", "https://news.example/b"]


@pytest.mark.skipif(sys.platform == "win32" or not hasattr(os, "mkfifo"), reason="POSIX FIFO")
def test_sitemap_fifo_and_folder_are_errors(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    os.mkfifo("pipe.xml")
    os.mkdir("maps.xml")
    (tmp_path / "bomb.xml").write_bytes(BOMB.format(enc="UTF-16").encode("utf-16"))
    res = CliRunner().invoke(main, ["check", "--sitemap", "pipe.xml", "--sitemap", "maps.xml",
                                    "--sitemap", "bomb.xml", "-f", "json"])
    assert res.exit_code == 2
    pages = json.loads(res.stdout)["pages"]
    assert [(p["source"], p["status"], p["error"]) for p in pages] == [
        ("pipe.xml", "error", "sitemap: not a regular file"),
        ("maps.xml", "error", "sitemap: not a regular file"),
        ("bomb.xml", "error", "sitemap: refused: sitemap declares a DOCTYPE or entities "
                              "(entity expansion and external entities are not allowed)")]
