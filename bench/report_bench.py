"""How big and how slow is the HTML report for a large run?

The issue's target: 5,000 pages and 100,000 findings stay under 50 MB and
open in Chromium without freezing. This generates such a run (synthetic but
news-shaped: long snippets, image findings with captions, a few pages that
failed), writes the report and prints its size and the time to write it.
With --browser it also opens the report in /usr/bin/chromium and prints how
long the first render and a filter change take.

    python bench/report_bench.py                  # 5,000 pages, 100,000 findings
    python bench/report_bench.py --pages 200 --findings 2000 --browser
"""

from __future__ import annotations

import argparse
import io
import json
import random
import sys
import time
from pathlib import Path

from a11ylint.findings import Finding, PageResult, Severity
from a11ylint.reporters.base import RunInfo, Summary
from a11ylint.reporters.html import HtmlReporter
from a11ylint.reporters.json_report import JsonReporter

RULES = [
    ("img-alt-missing", Severity.ERROR, ("1.1.1",)),
    ("img-alt-caption-duplicate", Severity.WARNING, ("1.1.1",)),
    ("img-alt-filename", Severity.ERROR, ("1.1.1",)),
    ("heading-order", Severity.WARNING, ("1.3.1", "2.4.6")),
    ("heading-empty", Severity.ERROR, ("1.3.1", "2.4.6")),
    ("skip-link-target", Severity.ERROR, ("2.4.1",)),
    ("link-name-missing", Severity.ERROR, ("2.4.4", "4.1.2")),
]
WORDS = ("minister budget council election storm match season market police court "
         "school report city river club vote weather rail strike festival").split()


def make_run(pages: int, findings: int, seed: int = 7) -> list[PageResult]:
    rnd = random.Random(seed)
    per_page = findings // pages
    extra = findings - per_page * pages
    out = []
    for i in range(pages):
        n = per_page + (1 if i < extra else 0)
        slug = "-".join(rnd.choice(WORDS) for _ in range(4))
        r = PageResult(f"site/news/2024/{i // 100:03d}/{slug}-{i}.html",
                       base=f"/srv/site/news/2024/{i // 100:03d}",
                       title=" ".join(rnd.choice(WORDS) for _ in range(8)).capitalize())
        if i % 997 == 5:
            r.status, r.error = "error", "cannot decode: invalid start byte at offset 1832"
            out.append(r)
            continue
        for k in range(n):
            rule, sev, wcag = RULES[(i + k) % len(RULES)]
            caption = " ".join(rnd.choice(WORDS) for _ in range(10))
            ctx = {}
            if rule.startswith("img"):
                src = f"/images/2024/{rnd.randrange(10**6)}-{slug}.jpg"
                ctx = {"src": src, "alt": caption if "caption" in rule else "", "caption": caption}
                snippet = (f'<img class="article__image lazyload" src="{src}" alt="{ctx["alt"]}" '
                           f'width="1200" height="675" loading="lazy" decoding="async">')
            else:
                snippet = (f'<a class="nav__link nav__link--primary" href="#main-{k}" '
                           f'data-track="nav-{k}">{caption}</a>')
            r.findings.append(Finding(
                rule, sev, f"{rule.replace('-', ' ')}: '{caption[:60]}' on element {k}",
                line=1 + k, column=rnd.randrange(1, 40000),
                selector=f"#main > article:nth-child({k + 1}) > figure > img",
                snippet=snippet, wcag=wcag, help=f"Fix {rule} as its documentation explains.",
                context=ctx))
        out.append(r)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=5000)
    ap.add_argument("--findings", type=int, default=100_000)
    ap.add_argument("--out", default=str(Path(__file__).parent / "out" / "report.html"))
    ap.add_argument("--browser", action="store_true", help="also time opening it in Chromium")
    args = ap.parse_args(argv)

    results = make_run(args.pages, args.findings)
    info = RunInfo(inputs=["site/"], rules=[r for r, _, _ in RULES])
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)

    summary = Summary()
    t0 = time.perf_counter()
    with out.open("w", encoding="utf-8", newline="\n") as fh:
        rep = HtmlReporter(fh, info)
        rep.start()
        for r in results:
            summary.add(r)
            rep.page(r)
        rep.finish(summary)
    elapsed = time.perf_counter() - t0
    size = out.stat().st_size

    buf = io.StringIO()
    jrep = JsonReporter(buf, info)
    jrep.start()
    for r in results:
        jrep.page(r)
    jrep.finish(summary)
    json.loads(buf.getvalue())

    print(f"pages:            {args.pages}")
    print(f"findings:         {summary.findings}")
    print(f"report:           {out}")
    print(f"report size:      {size / 1e6:.1f} MB (JSON results: {len(buf.getvalue().encode()) / 1e6:.1f} MB)")
    print(f"time to write:    {elapsed:.2f} s")
    if args.browser:
        browser_times(out)
    return 0


def browser_times(path: Path) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                              args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                                    "--disable-component-update", "--no-first-run"])
        page = b.new_page()
        t0 = time.perf_counter()
        page.goto(path.resolve().as_uri(), wait_until="load", timeout=120_000)
        page.wait_for_selector("#app .page", timeout=120_000)
        print(f"open + first render: {time.perf_counter() - t0:.2f} s")
        t0 = time.perf_counter()
        page.select_option("#f-rule", index=1)
        page.wait_for_function("document.querySelector('#shown-findings').textContent !== ''")
        print(f"rule filter:        {time.perf_counter() - t0:.2f} s")
        t0 = time.perf_counter()
        page.fill("#f-q", "festival")
        page.wait_for_timeout(200)
        page.wait_for_selector("#app .page", timeout=60_000)
        print(f"text search:        {time.perf_counter() - t0:.2f} s (incl. 150 ms debounce)")
        t0 = time.perf_counter()
        busy = page.evaluate("""() => new Promise(res => { const t = performance.now();
            requestAnimationFrame(() => requestAnimationFrame(() => res(performance.now() - t))); })""")
        print(f"two frames after:   {busy:.0f} ms")
        b.close()


if __name__ == "__main__":
    sys.exit(main())
