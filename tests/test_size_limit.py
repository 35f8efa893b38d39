"""--max-size covers files and standard input, not only fetched bodies.

lxml's tree takes several times a page's bytes: one stray multi-gigabyte
file in a linted folder would otherwise take the whole run down in the
out-of-memory killer. A file over the limit is refused unread, as that page's
error, and the rest of the run goes on."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from a11ylint.cli import main
from a11ylint.sources import Item, read_regular_file

PAGE = '<!doctype html>\n<html lang="en"><body><main><h1>T</h1>\n<h3>x</h3></main></body></html>\n'
BIG = ("<!doctype html><html lang=en><body><main><h1>Big</h1>"
       + "<p>filler</p>\n" * 80_000 + "</main></body></html>")  # 1.1 MB


@pytest.fixture
def site(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "a.html").write_text(PAGE)
    (tmp_path / "site" / "b-big.html").write_text(BIG)
    (tmp_path / "site" / "c.html").write_text(PAGE)
    return tmp_path


def _pages(res):
    return [(p["source"], p["status"], p["error"], [f["rule"] for f in p["findings"]])
            for p in json.loads(res.stdout)["pages"]]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_file_over_the_limit_is_that_pages_error(site, jobs):
    extra = [str(site / "site" / n) for n in ("a.html", "c.html")]  # -j 2 pools from 4 pages
    res = CliRunner().invoke(main, ["check", "--isolated", "--max-size", "1", "-j", jobs,
                                    "-f", "json", "site", *extra])
    assert res.exit_code == 2
    why = "too large: 1.07 MB, limit 1 MB (--max-size)"
    assert _pages(res)[:3] == [
        ("site/a.html", "ok", None, ["heading-order"]),
        ("site/b-big.html", "error", why, []),
        ("site/c.html", "ok", None, ["heading-order"]),
    ]
    assert res.stderr.splitlines() == [f"a11ylint: error: site/b-big.html: {why}"]


def test_the_default_limit_of_10_mb_takes_the_page(site):
    res = CliRunner().invoke(main, ["check", "--isolated", "-f", "json", "site/b-big.html"])
    assert res.exit_code == 0
    assert _pages(res) == [("site/b-big.html", "ok", None, [])]


def test_standard_input_over_the_limit(site):
    res = CliRunner().invoke(main, ["check", "--isolated", "--max-size", "1", "-f", "json", "-"],
                             input=BIG.encode())
    assert res.exit_code == 2
    assert _pages(res) == [("<stdin>", "error", "too large: more than 1 MB (--max-size)", [])]


def test_standard_input_at_the_limit_is_linted(site):
    data = PAGE.encode()
    res = CliRunner().invoke(main, ["check", "--isolated", "--max-size", str(len(data) / 2**20),
                                    "-f", "json", "-"], input=data)
    assert res.exit_code == 0  # heading-order is a warning
    assert _pages(res) == [("<stdin>", "ok", None, ["heading-order"])]


def test_the_limit_in_bytes(tmp_path):
    p = tmp_path / "p.html"
    p.write_text(PAGE)
    assert read_regular_file(str(p), len(PAGE)) == PAGE.encode()
    with pytest.raises(OSError) as exc:
        read_regular_file(str(p), len(PAGE) - 1)
    assert str(exc.value) == f"too large: {len(PAGE)} bytes, limit {len(PAGE) - 1} bytes " \
                             "(--max-size)"
    # no limit: an Item made by code that uses the engine directly
    assert Item("p.html", path=str(p)).load().data == PAGE.encode()


def test_a_file_that_grew_after_fstat(tmp_path, monkeypatch):
    """The limit holds on the bytes read too, not only on the size fstat gave."""
    import os

    import a11ylint.sources as sources

    p = tmp_path / "p.html"
    p.write_text(PAGE)
    real = os.fstat

    def smaller(fd):
        st = real(fd)
        return os.stat_result((st.st_mode, st.st_ino, st.st_dev, st.st_nlink, st.st_uid,
                               st.st_gid, 10, st.st_atime, st.st_mtime, st.st_ctime))

    monkeypatch.setattr(sources.os, "fstat", smaller)
    with pytest.raises(OSError) as exc:
        read_regular_file(str(p), 20)
    assert str(exc.value) == "too large: more than 20 bytes (--max-size)"
    # grown, but still within the limit: every byte is read
    assert read_regular_file(str(p), len(PAGE)) == PAGE.encode()


def test_a_limit_under_one_byte_is_a_usage_error(tmp_path):
    (tmp_path / "a.html").write_text("<html><body><h1>x</h1></body></html>")
    r = CliRunner().invoke(main, ["check", "--isolated", str(tmp_path / "a.html"),
                                  "--max-size", "1e-9"])
    assert r.exit_code == 2
    assert "Invalid value for --max-size: 1e-09 MB is less than one byte" in r.output
