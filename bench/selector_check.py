"""Do the selectors in a11ylint's findings find the same element in a browser?

    python bench/selector_check.py FOLDER [--list] [--chromium /usr/bin/chromium]

Reports hand their selectors to people who paste them into a browser's
developer tools, and to baselines. a11ylint builds them on libxml2's tree,
which follows HTML 4's parsing rules; a browser builds its own by HTML5's.
Where the two trees differ, a selector can match nothing, or another element.

Each page is served to Chromium from its own bytes with page scripts blocked
(a CSP header) and every other request aborted, so the browser builds its
tree from the same static HTML. For every finding, the first element the
selector matches in the browser (what querySelector returns) must have the
tag and attributes of the finding's element; it should be
the only match, except through an id that the page repeats.

Needs Playwright (the test extra) and a Chromium (Debian: /usr/bin/chromium).
"""

from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

PAGE_URL = "http://corpus.invalid/page"

# the first element a selector matches in the browser (what querySelector
# returns), its tag and attributes (names lowercased as libxml2 does: SVG's
# viewBox is viewbox there), and how many match
_PROBE = """(sels) => sels.map(s => {
    let els;
    try { els = document.querySelectorAll(s); } catch (e) { return {error: String(e)}; }
    if (!els.length) return {count: 0};
    const el = els[0];
    const attrs = {};
    for (const a of el.attributes) attrs[a.name.toLowerCase()] = a.value;
    return {count: els.length, tag: el.localName.toLowerCase(), attrs: attrs};
})"""


def main() -> int:
    from playwright.sync_api import sync_playwright

    from a11ylint.engine import Engine
    from a11ylint.page.decode import decode
    from a11ylint.page.model import Page
    from a11ylint.settings import Settings
    from a11ylint.sources import Item

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    ap.add_argument("--list", action="store_true", help="print every selector that fails")
    args = ap.parse_args()
    files = sorted(p for p in args.folder.rglob("*") if p.suffix.lower() in (".html", ".htm"))
    if not files:
        ap.error(f"no HTML files in {args.folder}")
    engine = Engine(Settings())
    counts: collections.Counter = collections.Counter()
    failed: list[str] = []
    current: dict = {}

    def serve(route) -> None:
        if route.request.url == PAGE_URL:
            route.fulfill(status=200, body=current["body"], headers={
                "Content-Type": "text/html; charset=utf-8", "Content-Security-Policy": "script-src 'none'"})
        else:
            route.abort()

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=args.chromium, args=["--no-sandbox"])
        ctx = browser.new_context()
        ctx.route("**/*", serve)
        for i, f in enumerate(files, 1):
            ours = Page.from_source(Item(str(f), path=str(f)).load())
            findings = [x for rule in engine.rules for x in rule.check(ours)
                        if x.element is not None]
            if not findings:
                continue
            ours.locate_findings(findings)
            # served as the UTF-8 that a11ylint read, so both see the same text
            # (an HTTP charset wins over a late <meta charset> in a browser)
            current["body"] = decode(f.read_bytes()).utf8_bytes
            page = ctx.new_page()
            try:
                page.goto(PAGE_URL, wait_until="domcontentloaded", timeout=30000)
                found = page.evaluate(_PROBE, [x.selector for x in findings])
            except Exception as exc:  # noqa: BLE001 - one page must not stop the check
                counts["page not loaded"] += 1
                print(f"  {f.name}: {type(exc).__name__}: {str(exc)[:200]}", file=sys.stderr)
                continue
            finally:
                page.close()
            for x, got in zip(findings, found, strict=True):
                tag = x.element.tag.lower()
                attrs = {k.lower(): v for k, v in x.element.attrib.items()}
                n = got.get("count")
                same = n and got["tag"] == tag and got["attrs"] == attrs
                if same and n == 1:
                    counts["same element"] += 1
                    continue
                if same:
                    # an id step names the first holder of a duplicated id, as
                    # querySelector and getElementById do
                    counts["first of several"] += 1
                    continue
                kind = ("selector error" if n is None else "matches nothing" if n == 0
                        else "another element")
                counts[kind] += 1
                why = kind if not n else f"{kind}: <{got['tag']}> {got['attrs']}"[:160]
                failed.append(f"{f.name}:{x.line}:{x.column} {x.rule} {x.selector}  ({why})")
            if i % 50 == 0:
                print(f"  {i}/{len(files)} pages", file=sys.stderr)
        browser.close()
    kinds = ("same element", "first of several", "matches nothing", "another element",
             "selector error")
    total = sum(counts[k] for k in kinds)
    print(f"{len(files)} pages, {total} findings with a selector")
    for k in (*kinds, "page not loaded"):
        if counts[k] or k == "same element":
            print(f"  {k:<16} {counts[k]}")
    if args.list:
        for line in failed:
            print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
