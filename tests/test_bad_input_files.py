"""Configuration files and rule packs that are wrong in ways a parser alone
does not catch: unknown rule ids in the file, bytes that are not UTF-8,
FIFOs. Each is one line naming the file (and the key), exit 2."""

from __future__ import annotations

import os
import sys

import pytest
from click.testing import CliRunner

from a11ylint.cli import main

PAGE = '<!doctype html>\n<html lang="en"><body><main><h1>T</h1>\n<h3>x</h3></main></body></html>\n'


@pytest.fixture
def cwd(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "p.html").write_text(PAGE)
    return tmp_path


def _check(*args):
    return CliRunner().invoke(main, ["check", "p.html", *args])


@pytest.mark.parametrize("name,text,message", [
    ("a11ylint.toml", 'ignore = ["heading-ordr"]\n',
     "a11ylint.toml: ignore: unknown rule or family 'heading-ordr' (did you mean heading-order, heading-one?)"),
    ("a11ylint.toml", 'select = ["img-alt", "imgalt"]\n',
     "a11ylint.toml: select: unknown rule or family 'imgalt' (did you mean img-alt?)"),
    ("a11ylint.toml", 'extend-select = ["legal-imprint"]\n',
     "a11ylint.toml: extend-select: unknown rule or family 'legal-imprint': it is in the "
     'shipped pack legal/imprint, which is not loaded (--rules legal/imprint, or rules = '
     '["legal/imprint"] in a configuration file)'),
    ("a11ylint.toml", '[per-file-ignores]\n"*.html" = ["heading-ordr"]\n',
     "a11ylint.toml: per-file-ignores.*.html: unknown rule or family 'heading-ordr' (did you mean heading-order, heading-one?)"),
    ("a11ylint.toml", '[severity]\nheadings = "warning"\n',
     "a11ylint.toml: severity: unknown rule or family 'headings' (did you mean heading?)"),
    ("pyproject.toml", '[tool.a11ylint.severity]\nheadings = "warning"\n',
     "pyproject.toml: tool.a11ylint.severity: unknown rule or family 'headings' (did you mean heading?)"),
])
def test_unknown_rule_in_config_names_file_and_key(cwd, name, text, message):
    (cwd / name).write_text(text)
    res = _check()
    assert res.exit_code == 2
    assert res.output.splitlines() == [f"a11ylint: error: {cwd}/{message}"]


def test_known_codes_in_config_still_work(cwd):
    (cwd / "a11ylint.toml").write_text(
        '[severity]\nheading = "error"\n[per-file-ignores]\n"other/*" = ["img-alt"]\n')
    res = _check("-f", "json")
    assert res.exit_code == 1
    assert '"rule": "heading-order"' in res.output and '"severity": "error"' in res.output


def test_config_not_utf8(cwd):
    (cwd / "a11ylint.toml").write_bytes(b'fail-on = "\xff"\n')
    res = _check()
    assert res.exit_code == 2
    assert res.output.splitlines() == [
        f"a11ylint: error: {cwd}/a11ylint.toml: invalid TOML: not UTF-8 text (byte 11)"]


def test_pack_not_utf8(cwd):
    (cwd / "house.toml").write_bytes(b'[[notice]]\nid = "\xff"\n')
    res = _check("--rules", "house.toml")
    assert res.exit_code == 2
    assert res.output.splitlines() == [
        "a11ylint: error: house.toml: invalid TOML: not UTF-8 text (byte 17)"]


@pytest.mark.skipif(sys.platform == "win32" or not hasattr(os, "mkfifo"), reason="POSIX FIFO")
def test_pack_fifo_does_not_block(cwd):
    os.mkfifo(cwd / "pipe.toml")
    res = _check("--rules", "pipe.toml")
    assert res.exit_code == 2
    assert res.output.splitlines() == [
        "a11ylint: error: pipe.toml: cannot read pack: not a regular file"]
