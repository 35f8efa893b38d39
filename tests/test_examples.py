"""Integration: the shipped examples, linted as the README's first command
lints them, give exactly these findings (one clean page, defects of every
rule family)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from click.testing import CliRunner

from a11ylint.cli import main

ROOT = Path(__file__).resolve().parent.parent

EXPECTED = {
    "examples/amp-article.html": [
        ("img-alt-caption-duplicate", 33, 9),
        ("img-alt-missing", 41, 34),
    ],
    "examples/clean-article.html": [],
    "examples/front-page.html": [
        ("skip-link-missing", 12, 3),
        ("heading-order", 24, 5),
        ("heading-empty", 35, 5),
        ("heading-one", 40, 3),
    ],
    "examples/kk-ru-photo-report.html": [
        ("img-alt-placeholder", 20, 7),
        ("img-alt-caption-duplicate", 26, 7),
        ("img-alt-credit", 32, 7),
        ("img-alt-redundant", 46, 9),
        ("img-alt-credit", 50, 7),
    ],
    "examples/photo-gallery-article.html": [
        ("legal-privacy-policy", 9, 1),
        ("img-alt-caption-duplicate", 23, 7),
        ("img-alt-placeholder", 35, 7),
        ("img-alt-placeholder", 41, 7),
        ("img-alt-credit", 47, 7),
        ("img-alt-redundant", 53, 7),
        ("img-alt-missing", 59, 7),
        ("img-alt-length", 65, 7),
        ("img-alt-functional", 75, 93),
        ("img-alt-redundant", 85, 7),
    ],
    "examples/ru-regional-cp1251.html": [
        ("heading-headline", 18, 3),
        ("heading-one", 18, 3),
        ("heading-order", 20, 3),
    ],
    "examples/skip-link-in-footer.html": [
        ("legal-privacy-policy", 7, 1),
        ("skip-link-order", 21, 3),
    ],
    "examples/skip-links-broken.html": [
        ("legal-privacy-policy", 8, 1),
        ("skip-link-target", 10, 3),
        ("skip-link-hidden", 11, 3),
    ],
    "examples/legal/artikel.html": [],
    "examples/legal/liveblog.html": [
        ("legal-imprint", 18, 3),
        ("legal-privacy-policy", 18, 3),
    ],
}


def test_examples_match_expected_findings(tmp_path):
    out = tmp_path / "r.json"
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        r = CliRunner().invoke(main, ["check", "examples", "--config", "examples/a11ylint.toml",
                                      "--format", "json", "-o", str(out), "-j", "1"])
    finally:
        os.chdir(cwd)
    assert r.exit_code == 1, r.output
    data = json.loads(out.read_text())
    got = {p["source"]: [(f["rule"], f["line"], f["column"]) for f in p["findings"]]
           for p in data["pages"]}
    assert got == EXPECTED
    assert all(p["status"] == "ok" for p in data["pages"])


def test_cp1251_example_decodes_for_messages():
    r = CliRunner().invoke(main, ["check", "--isolated", str(ROOT / "examples/ru-regional-cp1251.html"),
                                  "--select", "heading-order", "--no-color"])
    assert "Что изменится для водителей" in r.output
