"""JUnit XML, the lowest common denominator of CI test reports (GitLab merge
request widgets, Jenkins, Azure Pipelines, CircleCI).

Each page is a ``<testsuite>``; each finding a failing ``<testcase>`` whose
classname is the page and whose name says rule and place, so CI lists read
"page.html: img-alt-missing at 12:5"; a clean page is one passing testcase, so
the page still counts as tested; a page that could not be linted is an
``<error>``, which CI shows differently from a failure. Warnings fail their
testcase too: whether they fail the build is the exit code's business, not
the report's.

Suites are written as pages arrive; the root element carries no totals,
which the format allows, so nothing has to be held back for 100,000 pages.
"""

from __future__ import annotations

import re

from lxml import etree

from a11ylint.reporters.base import Reporter, Summary

# characters XML 1.0 cannot carry at all, even escaped
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean(text: str | None) -> str:
    return _ILLEGAL.sub("\ufffd", text or "")


class JunitReporter(Reporter):
    name = "junit"
    streaming = True

    def start(self) -> None:
        self.stream.write('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="a11ylint">\n')

    def page(self, result) -> None:
        label = clean(result.source)
        suite = etree.Element("testsuite", name=label)
        failures = errors = 0
        if result.status != "ok":
            errors = 1
            case = etree.SubElement(suite, "testcase", classname=label, name="lint", file=label)
            err = etree.SubElement(case, "error", message=clean(result.error or "error"),
                                   type="LintError")
            err.text = clean(f"{result.source}: could not be linted: {result.error}")
        for f in result.findings:
            failures += 1
            name = f"{f.rule} at {f.line}:{f.column}"
            if f.selector:
                name += f" {f.selector}"
            case = etree.SubElement(suite, "testcase", classname=label, name=clean(name),
                                    file=label, line=str(f.line))
            fail = etree.SubElement(case, "failure", message=clean(f.message), type=f.rule)
            body = [f"{result.source}:{f.line}:{f.column}: {f.severity} {f.rule} {f.message}"]
            if f.selector:
                body.append(f"Element: {f.selector}")
            if f.snippet:
                body.append(f"Source: {f.snippet}")
            if f.wcag:
                body.append("WCAG: " + ", ".join(f.wcag))
            if f.help:
                body.append(f"Fix: {f.help}")
            fail.text = clean("\n".join(body))
        if not result.findings and result.status == "ok":
            etree.SubElement(suite, "testcase", classname=label, name="accessibility",
                             file=label)
        tests = len(suite)
        suite.set("tests", str(tests))
        suite.set("failures", str(failures))
        suite.set("errors", str(errors))
        suite.set("skipped", "0")
        if result.suppressed:
            prop = etree.SubElement(etree.Element("properties"), "property",
                                    name="suppressed", value=str(result.suppressed))
            suite.insert(0, prop.getparent())
        text = etree.tostring(suite, encoding="unicode", pretty_print=True)
        # no re-indenting: it would change the text of multi-line failures
        self.stream.write(text if text.endswith("\n") else text + "\n")

    def finish(self, summary: Summary) -> None:
        self.stream.write("</testsuites>\n")
