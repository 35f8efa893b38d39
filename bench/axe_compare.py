"""Agreement with axe-core on the rules both tools have, page by page.

    npm install axe-core            # once, anywhere
    python bench/axe_compare.py FOLDER --axe node_modules/axe-core/axe.min.js [--list]

Each page is served to Chromium from its own bytes with page scripts blocked
(a CSP header) and every other request aborted, so axe sees the same static
HTML that a11ylint reads, plus the page's inline <style> rules, which
a11ylint does not apply. axe's CSS selectors are resolved in a11ylint's tree
(outside <noscript>/<template>) to compare element by element; those that do
not resolve to exactly one element are counted apart.

Needs Playwright (the test extra) and a Chromium (Debian: /usr/bin/chromium).
axe takes about 1.5 s a page here; --cache FILE keeps its results between runs.
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

# axe rule -> the a11ylint rule that covers the same failures
AXE_RULES = {
    "image-alt": "img-alt-missing", "role-img-alt": "img-alt-missing",
    "svg-img-alt": "img-alt-missing", "input-image-alt": "img-alt-missing",
    "area-alt": "img-alt-missing", "empty-heading": "heading-empty",
    "heading-order": "heading-order",
    # a best-practice rule of axe's: alt text repeated by the text of the
    # link or button (axe also looks at a p, li, td or th around the image)
    "image-redundant-alt": "img-alt-redundant",
    # nameless links and buttons: compared only where the control holds an
    # image (axe's other ones are icon fonts and empty anchors, which no
    # image rule covers), by the control, which a11ylint reports at its image
    "link-name": "img-alt-functional", "button-name": "img-alt-functional",
}
OURS = ("img-alt-missing", "heading-empty", "heading-order", "heading-one", "img-alt-redundant",
        "img-alt-functional")
BY_CONTROL = "img-alt-functional"
PAGE_URL = "http://corpus.invalid/page"


def axe_rules() -> list[str]:
    return sorted([*AXE_RULES, "page-has-heading-one"])


def run_axe(files: list[Path], axe_js: str, chromium: str) -> dict:
    from playwright.sync_api import sync_playwright

    rules = axe_rules()
    out: dict = {}
    current: dict = {}

    def serve(route) -> None:
        if route.request.url == PAGE_URL:
            route.fulfill(status=200, body=current["body"], headers={
                "Content-Type": "text/html", "Content-Security-Policy": "script-src 'none'"})
        else:
            route.abort()

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        ctx = browser.new_context()
        ctx.route("**/*", serve)
        for i, f in enumerate(files, 1):
            current["body"] = f.read_bytes()
            page = ctx.new_page()
            try:
                page.goto(PAGE_URL, wait_until="domcontentloaded", timeout=30000)
                page.evaluate(axe_js)
                out[f.name] = page.evaluate("""async (rules) => {
                    const r = await axe.run(document, {runOnly: {type: 'rule', values: rules},
                                                       resultTypes: ['violations']});
                    return r.violations.map(v => ({id: v.id, targets: v.nodes.map(n => n.target)}));
                }""", rules)
            except Exception as exc:  # noqa: BLE001 - one page must not stop the comparison
                out[f.name] = {"error": f"{type(exc).__name__}: {exc}"[:300]}
            finally:
                page.close()
            if i % 25 == 0:
                print(f"  axe: {i}/{len(files)} pages", file=sys.stderr)
        browser.close()
    return out


def compare(files: list[Path], axe: dict, show: bool) -> None:
    from cssselect import GenericTranslator, SelectorError

    from a11ylint.engine import Engine
    from a11ylint.page.model import Page
    from a11ylint.settings import Settings
    from a11ylint.sources import Item

    engine = Engine(Settings(select=list(OURS)))
    to_xpath = GenericTranslator().css_to_xpath
    counts: collections.Counter = collections.Counter()
    diffs: list[tuple] = []
    no_h1 = {"both": 0, "axe only": [], "a11ylint only": []}
    for f in files:
        found = axe.get(f.name)
        if not isinstance(found, list):
            counts["pages axe could not run"] += 1
            continue
        page = Page.from_source(Item(str(f), path=str(f)).load())
        ours: dict = collections.defaultdict(set)
        ours_no_h1 = False
        images = set(page.images)
        for rule in engine.rules:
            for finding in rule.check(page):
                if rule.id == "heading-one":
                    ours_no_h1 = ours_no_h1 or "no level-1 heading" in finding.message
                elif rule.id == BY_CONTROL:
                    ours[rule.id].add(_control(finding.element))
                else:
                    ours[rule.id].add(finding.element)
        theirs: dict = collections.defaultdict(set)
        axe_no_h1 = False
        for violation in found:
            rule = AXE_RULES.get(violation["id"])
            if rule is None:
                axe_no_h1 = axe_no_h1 or violation["id"] == "page-has-heading-one"
                continue
            for target in violation["targets"]:
                els = []
                if len(target) == 1 and isinstance(target[0], str):
                    try:
                        els = page.root.xpath(to_xpath(target[0]))
                        if not els and "tbody" in target[0]:
                            # a browser wraps loose table rows in a tbody,
                            # libxml2 leaves them in the table
                            els = page.root.xpath(to_xpath(
                                re.sub(r"\s*>\s*tbody(?=\s*>)", "", target[0])))
                    except SelectorError:
                        els = []
                els = [e for e in els
                       if next(e.iterancestors("noscript", "template"), None) is None]
                if len(els) == 1 and rule == BY_CONTROL and not any(
                        d in images for d in els[0].iterdescendants()):
                    counts[(rule, "axe, no image inside")] += 1
                elif len(els) == 1:
                    theirs[rule].add(els[0])
                else:
                    counts[(rule, "axe selector unresolved")] += 1
        for rule in sorted(set(AXE_RULES.values())):
            a, o = theirs[rule], ours[rule]
            counts[(rule, "both")] += len(a & o)
            counts[(rule, "axe only")] += len(a - o)
            counts[(rule, "a11ylint only")] += len(o - a)
            for side, els in (("axe only", a - o), ("a11ylint only", o - a)):
                for el in els:
                    line, col = page.position(el)
                    diffs.append((rule, side, f"{f.name}:{line}:{col}", page.snippet(el)[:100]))
        if axe_no_h1 and ours_no_h1:
            no_h1["both"] += 1
        elif axe_no_h1 or ours_no_h1:
            no_h1["axe only" if axe_no_h1 else "a11ylint only"].append(f.name)

    print(f"{len(files)} pages")
    for rule in sorted(set(AXE_RULES.values())):
        row = "  ".join(f"{k} {counts[(rule, k)]}" for k in
                        ("both", "axe only", "a11ylint only", "axe selector unresolved"))
        if rule == BY_CONTROL:
            row += f"  (axe, no image inside {counts[(rule, 'axe, no image inside')]})"
        print(f"  {rule:<16} {row}")
    print(f"  {'no h1 (page)':<16} both {no_h1['both']}  axe only {len(no_h1['axe only'])}  "
          f"a11ylint only {len(no_h1['a11ylint only'])}")
    if counts["pages axe could not run"]:
        print(f"  axe could not run on {counts['pages axe could not run']} pages")
    if show:
        for rule, side, where, snippet in sorted(diffs):
            print(f"{rule:<16} {side:<14} {where}  {snippet}")
        for side in ("axe only", "a11ylint only"):
            for name in no_h1[side]:
                print(f"{'no h1':<16} {side:<14} {name}")


def _control(el):
    """The link or button an image of img-alt-functional stands for."""
    from a11ylint.rules.images import _is_control

    return next((node for node in el.iterancestors() if _is_control(node)), el)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--axe", help="path to axe.min.js (npm install axe-core)")
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    ap.add_argument("--cache", type=Path, help="read axe's results from this JSON file if it "
                                               "exists, else write them there")
    ap.add_argument("--list", action="store_true", help="print every element the tools "
                                                        "disagree on")
    args = ap.parse_args()
    files = sorted(p for p in args.folder.rglob("*") if p.suffix.lower() in (".html", ".htm"))
    if not files:
        ap.error(f"no HTML files in {args.folder}")
    axe = None
    if args.cache and args.cache.exists():
        cached = json.loads(args.cache.read_text())
        # a cache written for other rules would make every finding of a
        # rule added since look like a11ylint's alone
        if cached.get("rules") == axe_rules():
            axe = cached["pages"]
        elif not args.axe:
            ap.error(f"{args.cache} holds results for other axe rules; give --axe to run again")
    if axe is None:
        if not args.axe:
            ap.error("--axe is required unless --cache names an existing results file")
        axe = run_axe(files, Path(args.axe).read_text(encoding="utf-8"), args.chromium)
        if args.cache:
            args.cache.write_text(json.dumps({"rules": axe_rules(), "pages": axe}))
    compare(files, axe, args.list)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
