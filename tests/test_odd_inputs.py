"""Odd inputs through the installed command: FIFOs, devices and file names that
are not valid UTF-8 get a result in every report format and never a traceback."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from lxml import etree

PAGE = (b'<!doctype html>\n<html lang="en">\n<body>\n<main>\n<h1>Title</h1>\n'
        b'  <h3>Deep</h3>\n</main>\n</body>\n</html>\n')
FORMATS = ["json", "html", "sarif", "junit", "github", "gitlab", "text"]

needs_posix = pytest.mark.skipif(sys.platform == "win32" or not hasattr(os, "mkfifo"),
                                 reason="FIFOs and byte file names are POSIX")


def _run(cwd: Path, *args: bytes | str) -> subprocess.CompletedProcess:
    cmd = [os.fsencode(sys.executable), b"-m", b"a11ylint",
           *[a if isinstance(a, bytes) else a.encode() for a in args]]
    return subprocess.run(cmd, cwd=cwd, capture_output=True, timeout=60)


@needs_posix
def test_fifo_and_undecodable_name_in_every_format(tmp_path):
    (tmp_path / os.fsdecode(b"caf\xe9.html")).write_bytes(PAGE)
    os.mkfifo(tmp_path / "pipe.html")
    reports = [f"-r{f}={f}.out" for f in FORMATS[1:]]
    proc = _run(tmp_path, "check", b"caf\xe9.html", "pipe.html", "-f", "json",
                "-o", "json.out", *reports)
    assert proc.returncode == 2, proc.stderr
    assert b"Traceback" not in proc.stderr
    assert proc.stderr.decode().splitlines() == ["a11ylint: error: pipe.html: not a regular file"]

    data = json.loads((tmp_path / "json.out").read_text(encoding="utf-8"))
    assert [(p["source"], p["status"], p["error"]) for p in data["pages"]] == [
        ("caf\ufffd.html", "ok", None), ("pipe.html", "error", "not a regular file")]
    assert [(f["rule"], f["line"], f["column"]) for f in data["pages"][0]["findings"]] == [
        ("heading-order", 6, 3)]
    assert data["run"]["inputs"] == ["caf\ufffd.html", "pipe.html"]

    junit = etree.parse(str(tmp_path / "junit.out"))
    suites = junit.findall("testsuite")
    assert [s.get("name") for s in suites] == ["caf\ufffd.html", "pipe.html"]
    assert [s.get("failures") for s in suites][0] == "1"
    assert suites[1].find("testcase/error") is not None

    sarif = json.loads((tmp_path / "sarif.out").read_text(encoding="utf-8"))
    run = sarif["runs"][0]
    region = run["results"][0]["locations"][0]["physicalLocation"]
    assert region["artifactLocation"]["uri"] == "caf%EF%BF%BD.html"
    assert (region["region"]["startLine"], region["region"]["startColumn"]) == (6, 3)
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert [n["message"]["text"] for n in notes] == ["could not lint pipe.html: not a regular file"]

    gitlab = json.loads((tmp_path / "gitlab.out").read_text(encoding="utf-8"))
    assert sorted((i["location"]["path"], i["check_name"]) for i in gitlab) == [
        ("caf\ufffd.html", "heading-order"), ("pipe.html", "a11ylint-error")]

    github = (tmp_path / "github.out").read_text(encoding="utf-8")
    assert "::warning file=caf\ufffd.html,line=6,col=3," in github
    assert "::error file=pipe.html,title=a11ylint::could not lint pipe.html" in github

    html = (tmp_path / "html.out").read_text(encoding="utf-8")
    assert "caf\ufffd.html" in html and "not a regular file" in html


@needs_posix
def test_fifo_inside_a_folder_does_not_block(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "a.html").write_bytes(PAGE)
    os.mkfifo(site / "b.html")
    proc = _run(tmp_path, "check", "site", "-f", "json")
    assert proc.returncode == 2
    pages = json.loads(proc.stdout)["pages"]
    assert [(p["source"], p["status"], p["error"]) for p in pages] == [
        ("site/a.html", "ok", None), ("site/b.html", "error", "not a regular file")]


def test_device_is_refused(tmp_path):
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero")
    proc = _run(tmp_path, "check", "/dev/zero", "-f", "json")
    assert proc.returncode == 2
    assert [(p["source"], p["error"]) for p in json.loads(proc.stdout)["pages"]] == [
        ("/dev/zero", "not a regular file")]


def _nested(depth: int) -> bytes:
    return (b'<!doctype html>\n<html lang="en"><body><main><h1>Title</h1><img src="a.png">\n'
            + b"<div>" * depth + b'<img src="deep.png">' + b"</div>" * depth
            + b'\n<img src="after.png">\n</main></body></html>\n')


def test_parse_stopped_by_nesting_depth_is_the_page_error_and_keeps_what_was_read(tmp_path):
    # libxml2 stops parsing at 2048 levels: the deep image and everything
    # after it never reach the tree. The page is reported as not linted in
    # full (exit 2), with the findings from the part that was read.
    (tmp_path / "deep.html").write_bytes(_nested(3000))
    proc = _run(tmp_path, "check", "deep.html", "-f", "json", "--select", "img-alt-missing")
    assert proc.returncode == 2
    reason = ("the parser stopped at line 3 (elements nested more than 2048 deep); "
              "the rest of the page was not checked")
    assert proc.stderr.decode().splitlines() == [f"a11ylint: error: deep.html: {reason}"]
    page = json.loads(proc.stdout)["pages"][0]
    assert (page["status"], page["error"]) == ("error", reason)
    line2 = _nested(3000).split(b"\n")[1]
    assert [(f["rule"], f["line"], f["column"]) for f in page["findings"]] == [
        ("img-alt-missing", 2, line2.index(b"<img") + 1)]


def test_nesting_under_the_parser_limit_is_linted_in_full(tmp_path):
    (tmp_path / "deep.html").write_bytes(_nested(2000))
    proc = _run(tmp_path, "check", "deep.html", "-f", "json", "--select", "img-alt-missing")
    assert proc.returncode == 1, proc.stderr
    page = json.loads(proc.stdout)["pages"][0]
    assert page["status"] == "ok"
    lines = _nested(2000).split(b"\n")
    assert [(f["rule"], f["line"], f["column"]) for f in page["findings"]] == [
        ("img-alt-missing", 2, lines[1].index(b"<img") + 1),
        ("img-alt-missing", 3, lines[2].index(b"<img") + 1),
        ("img-alt-missing", 4, 1)]


RU_PAGE = ('<!doctype html>\n<html lang="ru"><body><h1>Т</h1>\n'
           '<img src="x.jpg" alt="Фото: ТАСС">\n</body></html>\n').encode()


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_reports_survive_a_locale_that_cannot_encode_the_page(tmp_path, encoding):
    # machine formats are UTF-8 whatever the locale; terminal text escapes
    (tmp_path / "ru.html").write_bytes(RU_PAGE)
    env = {**os.environ, "PYTHONIOENCODING": encoding}

    def run(*args):
        return subprocess.run([sys.executable, "-m", "a11ylint", *args], cwd=tmp_path,
                              capture_output=True, env=env, timeout=60)

    message = 'alt text "Фото: ТАСС" is only a photo credit'
    proc = run("check", "ru.html", "-f", "json", "--fail-on", "warning")
    assert (proc.returncode, proc.stderr) == (1, b"")
    page = json.loads(proc.stdout.decode("utf-8"))["pages"][0]
    assert [(f["rule"], f["line"], f["column"]) for f in page["findings"]] == [
        ("img-alt-credit", 3, 1)]
    assert page["findings"][0]["message"].startswith(message)

    proc = run("check", "ru.html", "-q")
    assert (proc.returncode, proc.stderr) == (0, b"")
    escaped = message.encode("ascii", "backslashreplace").decode("ascii")
    assert proc.stdout.decode("ascii").startswith(f"ru.html:3:1: warning img-alt-credit {escaped}")

    (tmp_path / "frame.html").write_bytes('<html lang="ru"><body><h1>Т</h1>\n'
                                          '<p>Фото</p><img src="y.jpg">\n</body></html>'.encode())
    proc = run("check", "frame.html", "-q", "--show-source", "--select", "img-alt-missing")
    assert (proc.returncode, proc.stderr) == (1, b"")
    assert proc.stdout.decode("ascii").splitlines()[1:3] == [
        '     2 | <p>????</p><img src="y.jpg">',
        "       |            ^"]

    (tmp_path / "ru.json").write_bytes(run("check", "ru.html", "-f", "json").stdout)
    proc = run("report", "ru.json")
    assert (proc.returncode, proc.stderr) == (0, b"")
    assert "Фото: ТАСС" in proc.stdout.decode("utf-8")
    proc = subprocess.run([sys.executable, "-m", "a11ylint", "report", "-"], cwd=tmp_path,
                          input=(tmp_path / "ru.json").read_bytes(), capture_output=True,
                          env=env, timeout=60)
    assert (proc.returncode, proc.stderr) == (0, b"")
    assert "Фото: ТАСС" in proc.stdout.decode("utf-8")


needs_dev_full = pytest.mark.skipif(not os.path.exists("/dev/full"), reason="Linux /dev/full")


@needs_dev_full
def test_a_full_disk_is_one_error_line_not_a_traceback(tmp_path):
    (tmp_path / "p.html").write_bytes(PAGE)
    full = "cannot write {}: No space left on device"
    for args, where, stdout in [(["-f", "json", "-o", "/dev/full"], "/dev/full", os.devnull),
                                (["-q", "-r", "sarif=/dev/full"], "/dev/full", os.devnull),
                                (["-f", "json"], "standard output", "/dev/full"),
                                ([], "standard output", "/dev/full")]:
        with open(stdout, "w") as out:
            proc = subprocess.run([sys.executable, "-m", "a11ylint", "check", "p.html", *args],
                                  cwd=tmp_path, stdout=out, stderr=subprocess.PIPE, timeout=60)
        assert proc.returncode == 2, args
        assert proc.stderr.decode().splitlines() == [f"a11ylint: error: {full.format(where)}"]
    (tmp_path / "r.json").write_bytes(_run(tmp_path, "check", "p.html", "-f", "json").stdout)
    with open("/dev/full", "w") as out:
        proc = subprocess.run([sys.executable, "-m", "a11ylint", "report", "r.json"],
                              cwd=tmp_path, stdout=out, stderr=subprocess.PIPE, timeout=60)
    assert proc.returncode == 2
    assert proc.stderr.decode().splitlines() == [
        f"a11ylint: error: {full.format('standard output')}"]


@needs_dev_full
@pytest.mark.parametrize("args", [["rules"], ["explain", "img-alt-credit"], ["config"],
                                  ["--help"], ["--version"]])
def test_other_commands_on_a_full_disk_are_one_error_line(tmp_path, args):
    with open("/dev/full", "w") as out:
        proc = subprocess.run([sys.executable, "-m", "a11ylint", *args], cwd=tmp_path,
                              stdout=out, stderr=subprocess.PIPE, timeout=60)
    assert proc.returncode == 2
    assert proc.stderr.decode().splitlines() == [
        "a11ylint: error: cannot write standard output: No space left on device"]


def test_undecodable_bytes_leave_stderr_quiet(tmp_path):
    # declared UTF-8, but 1,000 bytes no encoding reads cleanly: detection has
    # to replace characters, and bs4 logs that; the run prints nothing extra
    body = bytes(b | 0x80 if b < 0x60 else b for b in random.Random(0).randbytes(1000))
    (tmp_path / "p.html").write_bytes(
        b'<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>t</title></head>'
        b"\n<body><main><h1>T</h1><p>" + body + b'</p>\n<img src="x.jpg"></main></body></html>\n')
    proc = _run(tmp_path, "check", "p.html", "-q", "--select", "img-alt-missing")
    assert (proc.returncode, proc.stderr) == (1, b"")
    assert proc.stdout.decode().startswith("p.html:4:1: error img-alt-missing ")


def test_ctrl_c_ends_the_run_with_130_and_one_line(tmp_path):
    # blocked reading standard input, well after start-up (0.2 s), when Ctrl-C comes
    proc = subprocess.Popen([sys.executable, "-m", "a11ylint", "check", "-"], cwd=tmp_path,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    try:
        time.sleep(2)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
    finally:
        proc.kill()
    assert proc.returncode == 130
    assert (out, err.decode().splitlines()) == (b"", ["a11ylint: interrupted"])


def _python(cwd, code: str):
    """Run ``code`` in a fresh interpreter, as the entry point would start."""
    return subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True, timeout=60)


def test_ctrl_c_during_start_up_is_the_same_one_line(tmp_path):
    # the entry point's own handler is in place before click and lxml are
    # imported: a Ctrl-C then ends the run like one during it, never with a
    # traceback from inside an import (what a loaded CI machine showed)
    code = ("import os, signal, sys\n"
            "from a11ylint.__main__ import install_start_handler\n"
            "install_start_handler()\n"
            "os.kill(os.getpid(), signal.SIGINT)\n"
            "import a11ylint.cli\n"
            "print('not reached')\n")
    proc = _python(tmp_path, code)
    assert (proc.returncode, proc.stdout, proc.stderr.decode().splitlines()) == (
        130, b"", ["a11ylint: interrupted"])


def test_the_command_restores_python_s_handler_for_the_run(tmp_path):
    # during a run Ctrl-C is a KeyboardInterrupt again, so that the run ends
    # its worker processes on the way out
    code = ("import signal, sys\n"
            "from a11ylint.__main__ import install_start_handler\n"
            "install_start_handler()\n"
            "from a11ylint.cli import main\n"
            "sys.argv = ['a11ylint', 'rules']\n"
            "try:\n"
            "    main()\n"
            "except SystemExit:\n"
            "    pass\n"
            "print(signal.getsignal(signal.SIGINT) is signal.default_int_handler, file=sys.stderr)\n")
    proc = _python(tmp_path, code)
    assert proc.stderr.decode().splitlines() == ["True"]
