"""Every inline suppression form, family prefixes, and the unused report."""

from __future__ import annotations

import pytest

from ci_support import DEMO, demo_lint, demo_rules, triples  # noqa: F401 - fixture

pytestmark = pytest.mark.usefixtures("demo_rules")

UNUSED = "directive-unused"


def lint(html, **kw):
    return demo_lint(html, **kw)


def test_disable_next_line_covers_next_element_only():
    res = lint("""
        <p>
        <!-- a11ylint-disable-next-line demo-img-missing -- decorative, CMS-123 -->
        <img src="a.jpg">
        <img src="b.jpg">
        </p>
    """)
    assert triples(res) == [("demo-img-missing", 4, 1)]
    assert res.suppressed == 1


def test_disable_next_line_on_minified_line():
    res = lint('<p><img src="0.jpg"><!-- a11ylint-disable-next-line --><img src="a.jpg">'
               '<a href="/x"></a></p>')
    # the element after the comment and later findings on its line; not the one before
    assert triples(res) == [("demo-img-missing", 1, 4)]


def test_disable_next_line_covers_children_on_that_line():
    res = lint("""
        <!-- a11ylint-disable-next-line demo-img -->
        <figure><img src="a.jpg"></figure>
        <figure><img src="b.jpg"></figure>
    """)
    assert triples(res) == [("demo-img-missing", 3, 9)]


def test_other_rule_not_covered():
    res = lint("""
        <!-- a11ylint-disable-next-line demo-link-empty -->
        <img src="a.jpg">
    """)
    assert triples(res) == [("demo-img-missing", 2, 1)]


def test_comma_and_space_separated_lists():
    res = lint("""
        <!-- a11ylint-disable-next-line demo-link-empty, demo-img-missing -->
        <a href="/"><img src="a.jpg"></a>
        <!-- a11ylint-disable-next-line demo-link-empty demo-img-missing -->
        <a href="/"><img src="b.jpg"></a>
    """)
    assert triples(res) == []
    assert res.suppressed == 4


def test_disable_enable_range():
    res = lint("""
        <img src="before.jpg">
        <!-- a11ylint-disable demo-img -->
        <img src="a.jpg">
        <div><img src="b.jpg"></div>
        <a href="/"></a>
        <!-- a11ylint-enable demo-img -->
        <img src="after.jpg">
    """)
    assert triples(res) == [("demo-img-missing", 1, 1), ("demo-link-empty", 5, 1),
                            ("demo-img-missing", 7, 1)]
    assert res.suppressed == 2


def test_disable_without_enable_runs_to_end():
    res = lint("""
        <img src="before.jpg">
        <!-- a11ylint-disable -->
        <img src="a.jpg"><a href="/"></a>
    """)
    assert triples(res) == [("demo-img-missing", 1, 1)]


def test_bare_disable_then_enable_one_rule():
    res = lint("""
        <!-- a11ylint-disable -->
        <img src="a.jpg"><a href="/"></a>
        <!-- a11ylint-enable demo-link-empty -->
        <img src="b.jpg"><a href="/"></a>
    """)
    assert triples(res) == [("demo-link-empty", 4, 18)]


def test_disable_file_anywhere_and_before_doctype():
    page = """
        <!-- a11ylint-disable-file demo-img-missing -->
        <!DOCTYPE html>
        <html><body><img src="a.jpg"><a href="/"></a></body></html>
    """
    assert triples(lint(page)) == [("demo-link-empty", 3, 30)]
    late = """
        <html><body><img src="a.jpg"><a href="/"></a>
        <footer><!-- a11ylint-disable-file demo-link --></footer></body></html>
    """
    assert triples(lint(late)) == [("demo-img-missing", 1, 13)]


def test_bare_disable_file():
    res = lint('<!-- a11ylint-disable-file --><p><img src="a.jpg"><a href="/"></a></p>')
    assert triples(res) == [] and res.suppressed == 2


def test_family_prefix():
    res = lint("""
        <!-- a11ylint-disable-next-line demo-img -->
        <img src="a.jpg">
        <!-- a11ylint-disable-next-line demo -->
        <a href="/"><img src="b.jpg"></a>
    """)
    assert triples(res) == []


def test_data_attribute_covers_descendants():
    res = lint("""
        <div data-a11ylint-ignore="demo-img-missing">
          <figure><img src="a.jpg"></figure>
          <a href="/"></a>
        </div>
        <img src="b.jpg" data-a11ylint-ignore="demo-img">
        <section data-a11ylint-ignore><img src="c.jpg"><a href="/"></a></section>
        <img src="d.jpg">
    """)
    assert triples(res) == [("demo-link-empty", 3, 3), ("demo-img-missing", 7, 1)]
    assert res.suppressed == 4


def test_crlf_multiline_comment_position():
    html = ('<p>\r\n<img src="x.jpg"><!-- a11ylint-disable demo-img\r\n  -- long reason\r\n'
            '-->\r\n<img src="a.jpg">\r\n</p>')
    from a11ylint.page.model import Source
    from ci_support import demo_engine

    res = demo_engine().lint_source(Source("p.html", html.encode(), content_type="text/html"))
    assert triples(res) == [("demo-img-missing", 2, 1)]


def test_unrelated_comments_are_ignored_cheaply():
    res = lint("<!-- ad slot --><p><!-- build 42 --><img src='a.jpg'><!-- a11ylint rocks --></p>")
    assert [r for r, _, _ in triples(res)] == ["demo-img-missing"]


# -- unused report --------------------------------------------------------------

def unused(html, **kw):
    res = lint(html, report_unused_disables=True, **kw)
    return [(f.line, f.column, f.message) for f in res.findings if f.rule == UNUSED]


def test_unused_off_by_default():
    res = lint("<!-- a11ylint-disable-next-line demo-img-missing --><p>x</p>")
    assert triples(res) == []


def test_used_directives_are_not_reported():
    assert unused("""
        <!-- a11ylint-disable-next-line demo-img-missing -->
        <img src="a.jpg">
        <!-- a11ylint-disable demo-link --><a href="/"></a><!-- a11ylint-enable demo-link -->
        <!-- a11ylint-disable-file -->
        <div data-a11ylint-ignore="demo-img"><img src="b.jpg"></div>
    """) == []


@pytest.mark.parametrize("html,where", [
    ('<p>x</p>\n<!-- a11ylint-disable-next-line demo-img-missing -->\n<p>y</p>', (2, 1)),
    ('<p>x</p><!-- a11ylint-disable demo-link --><p>y</p>', (1, 9)),
    ('<!-- a11ylint-disable-file demo-img --><p>y</p>', (1, 1)),
    ('<p>x</p>\n<p>y</p><!-- a11ylint-disable-next-line -->\n<p>z</p>', (2, 9)),
    ('<p>x</p>\n  <div data-a11ylint-ignore="demo-img-missing"><p>y</p></div>', (2, 3)),
    ('<p>x</p>\n  <div data-a11ylint-ignore><p>y</p></div>', (2, 3)),
])
def test_every_form_reports_unused(html, where):
    found = unused(html)
    assert [(line, col) for line, col, _ in found] == [where], found


def test_partly_used_list_names_the_unused_code():
    found = unused("""
        <!-- a11ylint-disable-next-line demo-img-missing, demo-link-empty -->
        <img src="a.jpg">
    """)
    assert len(found) == 1 and "demo-link-empty" in found[0][2] and "demo-img" not in \
        found[0][2].split(":")[-1]


def test_unknown_rule_and_unknown_directive_reported():
    found = unused("""
        <!-- a11ylint-disable-next-line demo-img-mising -->
        <img src="a.jpg" alt="">
        <!-- a11ylint-disabel demo-img -->
    """)
    assert [(line, "unknown" in msg) for line, _, msg in found] == [(1, True), (3, True)]
    assert "demo-img-mising" in found[0][2] and "a11ylint-disabel" in found[1][2]
    # the rule most likely meant is named
    assert found[0][2] == ("a11ylint-disable-next-line names unknown rule demo-img-mising "
                           "(did you mean demo-img-missing?)")


def test_rule_not_running_is_not_called_unused():
    # demo-link-empty is known but not selected: its directive cannot be judged
    assert unused('<!-- a11ylint-disable-next-line demo-link-empty -->\n<a href="/"></a>',
                  select=["demo-img"]) == []


def test_unused_report_is_a_selectable_warning():
    res = lint("<!-- a11ylint-disable-file demo-img --><p>x</p>", report_unused_disables=True)
    (f,) = res.findings
    assert f.rule == UNUSED and str(f.severity) == "warning"
    assert f.snippet.startswith("<!--") and f.fingerprint
    # ignoring the rule switches the report off
    res = lint("<!-- a11ylint-disable-file demo-img --><p>x</p>", report_unused_disables=True,
               ignore=[UNUSED])
    assert res.findings == []
    # selecting it explicitly switches it on without the flag
    res = lint("<!-- a11ylint-disable-file demo-img --><p>x</p>", select=[*DEMO, UNUSED])
    assert [f.rule for f in res.findings] == [UNUSED]


def test_unused_rule_is_listed():
    from click.testing import CliRunner

    from a11ylint.cli import main

    out = CliRunner().invoke(main, ["rules"]).output
    assert UNUSED in out


def test_cli_flag(tmp_path):
    from click.testing import CliRunner

    from a11ylint.cli import main

    page = tmp_path / "p.html"
    page.write_text("<p>x</p>\n<!-- a11ylint-disable-next-line demo-img -->\n<p>y</p>\n")
    r = CliRunner().invoke(main, ["check", "--isolated", "--select", "demo", str(page)])
    assert r.exit_code == 0 and UNUSED not in r.output
    r = CliRunner().invoke(main, ["check", "--isolated", "--select", "demo",
                                  "--report-unused-disables", str(page)])
    assert f"{page}:2:1: warning {UNUSED}" in r.output
    assert r.exit_code == 0  # a warning; fails only with --fail-on warning


def test_directives_on_one_minified_line_each_cover_the_rest_of_it():
    # Each finding looks only at the directives of its own element and line,
    # bisected by where they end (checking all of them for every finding was
    # quadratic); which directives suppressed something stays exact.
    html = ('<p><img src="0.jpg"><!-- a11ylint-disable-next-line demo-link-empty -->'
            '<img src="1.jpg"><!-- a11ylint-disable-next-line demo-img-missing -->'
            '<a href="/a"></a><img src="2.jpg"><!-- a11ylint-disable-next-line demo-img -->'
            '<span>x</span><!-- a11ylint-disable-next-line demo-link-empty --><br></p>')
    res = lint(html, report_unused_disables=True)
    # 0.jpg and 1.jpg come before the image directive; the link and 2.jpg
    # after the directive for each; the last two directives have nothing after
    # them that they name
    assert triples(res) == [
        ("demo-img-missing", 1, 4), ("demo-img-missing", 1, 72),
        (UNUSED, 1, 175), (UNUSED, 1, 233)]
    assert res.suppressed == 2


def test_disable_enable_ranges_are_found_by_position_for_each_rule():
    res = lint("""
        <img src="0.jpg"><!-- a11ylint-disable demo-img -->
        <img src="1.jpg"><a href="/1"></a>
        <!-- a11ylint-disable demo-link -->
        <!-- a11ylint-enable demo-img-missing --><img src="2.jpg"><a href="/2"></a>
        <!-- a11ylint-enable demo-link --><a href="/3"></a>
        <!-- a11ylint-disable --><img src="4.jpg"><a href="/4"></a>
    """)
    assert triples(res) == [
        ("demo-img-missing", 1, 1), ("demo-link-empty", 2, 18),
        ("demo-img-missing", 4, 42), ("demo-link-empty", 5, 35)]
    assert res.suppressed == 4
