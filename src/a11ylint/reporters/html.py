"""The self-contained HTML report QA reviewers read.

One file, inline CSS and JavaScript, no request to anything but the pictures
of image findings (local ones only, unless the reader opts in), so it can be
mailed, attached to a CI run and opened from ``file://`` years later.

Two renderings of the same records:

* a server-rendered one inside ``<noscript>``: readable with JavaScript off.
  It is complete up to ``STATIC_FINDINGS`` findings; beyond that the rest of
  the pages are a plain table, because a 100,000-finding DOM freezes a browser
  tab and the file would pass 50 MB.
* the interactive one, drawn lazily from a JSON block (filters, sorting,
  paging, deep links). With JavaScript on, a browser treats ``<noscript>``
  content as raw text, so the static copy costs parsing time, not DOM nodes.

A viewer can also leave scripting on and refuse the script (an artifact
server's Content-Security-Policy): then neither rendering shows. A note
before them, which the script removes as it starts, says so and what to do,
instead of an empty Pages section.

Everything taken from a page is data: jinja2 autoescapes it, the JSON block is
``tojson`` (``<`` escaped, so no ``</script>`` can end it), the script builds
nodes with ``textContent`` only, and a Content-Security-Policy allows nothing
but the report's own script (by hash), so even an escaping mistake could not
run injected code. URLs become links or image sources only with a safe scheme.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from markupsafe import Markup

from a11ylint.findings import PageResult, Severity, family_of, is_strings, noun
from a11ylint.reporters.base import Reporter, RunInfo, Summary
from a11ylint.wcag import criterion, url_for

# findings rendered in full in the no-JavaScript view; pages after the budget
# is spent are listed with their counts only (measured: about 1 KB of HTML per
# finding, so this keeps the static copy near 5 MB)
STATIC_FINDINGS = 5000

# which attribute a family's findings are about, for the snippet highlight
_FAMILY_ATTRS: dict[str, tuple[str, ...]] = {
    "img": ("alt", "src"),
    "img-alt": ("alt",),
    "skip-link": ("href",),
    "skip": ("href",),
    "link": ("href", "aria-label", "title"),
    "lang": ("lang", "xml:lang"),
    "html": ("lang",),
    "aria": ("aria-label", "aria-labelledby", "role", "aria-hidden"),
    "heading": ("aria-level", "role"),
    "title": (),
}

# the JSON block is gzipped (and base64-encoded) above this size: 100,000
# findings are about 45 MB of JSON but 7 MB compressed, which keeps the file far
# under 50 MB and lets the browser start faster; small reports stay plain text
COMPRESS_ABOVE = 2_000_000

_SAFE_IMAGE_DATA = re.compile(r"data:image/(?:png|gif|jpe?g|webp|avif|bmp|svg\+xml)[;,]", re.I)
_MAX_DATA_URL = 200_000


def safe_link(url: str | None) -> str | None:
    """A URL usable as a link target: http(s) only (no javascript:, data:, ...)."""
    if not url:
        return None
    url = url.strip()
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return None
    return url if scheme in ("http", "https") else None


def _is_url(base: str) -> bool:
    return bool(re.match(r"(?i)(?:https?|file)://", base))


def resolve_image(src: str | None, base: str | None) -> tuple[str | None, str]:
    """(URL to show, kind) for an image finding's ``src``.

    kind is ``local`` (a file that exists), ``data``, ``remote`` (shown only
    when the reader asks: loading it would be a request leaving the report),
    or why there is nothing to show: ``missing``, ``unsafe``, ``unresolved``,
    ``no-file``.
    """
    src = (src or "").strip()
    if not src:
        return None, "missing"
    try:
        parts = urlsplit(src)
    except ValueError:
        return None, "unsafe"
    scheme = parts.scheme.lower()
    if scheme == "data":
        ok = _SAFE_IMAGE_DATA.match(src) and len(src) <= _MAX_DATA_URL
        return (src, "data") if ok else (None, "unsafe")
    if scheme in ("http", "https"):
        return src, "remote"
    if scheme == "file":
        return _local(Path(unquote(parts.path)))
    if scheme and not re.fullmatch(r"[a-z]", scheme):  # a drive letter is not a scheme
        return None, "unsafe"
    if not base:
        return None, "unresolved"
    if _is_url(base):
        if src.startswith("//"):
            src = urlsplit(base).scheme + ":" + src
        return resolve_image(urljoin(base, src), None)
    if src.startswith("/"):
        return None, "unresolved"  # site root unknown for a folder of files
    return _local(Path(base) / unquote(parts.path))


def _local(path: Path) -> tuple[str | None, str]:
    try:
        if path.is_file():
            return path.resolve().as_uri(), "local"
    except (OSError, ValueError):
        pass
    return None, "no-file"


_ATTR_RE_CACHE: dict[str, re.Pattern[str]] = {}


def _attr_re(name: str) -> re.Pattern[str]:
    pat = _ATTR_RE_CACHE.get(name)
    if pat is None:
        pat = re.compile(r"(?<=[\s\"'])" + re.escape(name) + r"""\s*=\s*(?:"[^"]*"?|'[^']*'?|[^\s>]+)""", re.I)
        _ATTR_RE_CACHE[name] = pat
    return pat


def highlight(snippet: str, rule: str, context: dict[str, Any] | None = None) -> list[str]:
    """The snippet split as [plain, marked, plain]: the offending attribute marked.

    Splitting the raw text (instead of wrapping the escaped HTML in ``<mark>``)
    keeps every piece escaped by the template or drawn with ``textContent``.
    """
    if not snippet:
        return [""]
    names: tuple[str, ...] = ()
    attr = (context or {}).get("attribute")
    if isinstance(attr, str) and attr:
        names = (attr,)
    else:
        fam = family_of(rule)
        names = _FAMILY_ATTRS.get(fam) or _FAMILY_ATTRS.get(rule.split("-")[0], ())
    for name in names:
        m = _attr_re(name).search(snippet)
        if m:
            return [snippet[:m.start()], m.group(0), snippet[m.end():]]
    return [snippet]


def _text(value: Any) -> str:
    return "" if value is None else str(value)


class HtmlReporter(Reporter):
    """Aggregate: keeps a compact record per page and writes in ``finish``."""

    name = "html"
    streaming = False

    def start(self) -> None:
        self.records: list[dict[str, Any]] = []
        self.rule_counts: dict[str, list[int]] = {}
        self.family_counts: dict[str, list[int]] = {}
        self.help_ids: dict[str, int] = {}
        self.wcag_ids: dict[tuple[str, ...], int] = {}
        self.remote_images = 0

    def page(self, result: PageResult) -> None:
        self.records.append(self._record(result, len(self.records)))

    def _record(self, r: PageResult, index: int) -> dict[str, Any]:
        findings = []
        n_err = n_warn = 0
        for f in r.findings:
            sev = 0 if f.severity >= Severity.ERROR else 1
            if sev == 0:
                n_err += 1
            else:
                n_warn += 1
            self.rule_counts.setdefault(f.rule, [0, 0])[sev] += 1
            self.family_counts.setdefault(family_of(f.rule), [0, 0])[sev] += 1
            ctx = f.context or {}
            image = None
            if "src" in ctx or f.rule.startswith("img"):
                if "src" in ctx or "alt" in ctx:
                    url, kind = resolve_image(_text(ctx.get("src")), r.base)
                    if kind == "remote":
                        self.remote_images += 1
                    image = {"url": url, "kind": kind, "src": _text(ctx.get("src")),
                             "alt": ctx.get("alt"), "caption": ctx.get("caption")}
            wcag = tuple(f.wcag)
            findings.append({
                "sev": sev, "severity": "error" if sev == 0 else "warning",
                "rule": f.rule, "message": f.message, "line": f.line, "column": f.column,
                "selector": f.selector, "segs": highlight(f.snippet, f.rule, ctx),
                "help": f.help or "", "wcag": wcag, "image": image,
            })
            self.help_ids.setdefault(f.help or "", len(self.help_ids))
            self.wcag_ids.setdefault(wcag, len(self.wcag_ids))
        return {
            "index": index, "id": f"page-{index + 1}", "label": r.source,
            "href": safe_link(r.url) or safe_link(r.source),
            "title": r.title or "", "error": r.error if r.status != "ok" else None,
            "findings": findings, "errors": n_err, "warnings": n_warn,
        }

    def finish(self, summary: Summary) -> None:
        for chunk in render_chunks(self, summary):
            self.stream.write(chunk)


# -- rendering --------------------------------------------------------------------------------

def _environment():
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("a11ylint.reporters", "templates"),
        autoescape=True,  # every template, whatever its name
        trim_blocks=True, lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.policies["json.dumps_kwargs"] = {"separators": (",", ":"), "ensure_ascii": False}
    env.globals["wcag_url"] = url_for
    env.globals["criterion"] = criterion
    # ``"warning"|of(n)``: the noun for a count ("1 warning", "2 warnings")
    env.filters["of"] = lambda word, n: noun(n, word)
    return env


def _asset(env, name: str) -> str:
    source, _, _ = env.loader.get_source(env, name)
    return source


def _verdict(summary: Summary) -> dict[str, Any]:
    code = summary.exit_code
    return {"code": code, "text": summary.verdict, "class": ["pass", "fail", "error"][code]}


def build_data(rep: HtmlReporter, rule_order: list[str], families: list[str]) -> dict[str, Any]:
    """The compact JSON the script draws from: arrays, shared strings interned."""
    rule_idx = {r: i for i, r in enumerate(rule_order)}
    helps = sorted(rep.help_ids, key=rep.help_ids.__getitem__)
    wcags = sorted(rep.wcag_ids, key=rep.wcag_ids.__getitem__)
    crit = {}
    for ws in wcags:
        for n in ws:
            c = criterion(n)
            crit[n] = [c.title if c else "", c.level if c else "", url_for(n)]
    pages = []
    for p in rep.records:
        fs = []
        for f in p["findings"]:
            img = f["image"]
            fs.append([
                f["sev"], rule_idx[f["rule"]], f["message"], f["line"], f["column"],
                f["selector"], f["segs"], rep.help_ids[f["help"]], rep.wcag_ids[f["wcag"]],
                [img["url"], img["kind"], img["src"], img["alt"], img["caption"]] if img else 0,
            ])
        pages.append([p["label"], p["href"], p["title"], p["error"], fs])
    return {
        "rules": [[r, families.index(family_of(r))] for r in rule_order],
        "families": families, "help": helps, "wcagSets": [list(w) for w in wcags],
        "criteria": crit, "pages": pages,
    }


def encode_data(data: dict[str, Any]) -> tuple[Markup, str]:
    """The JSON block's text and encoding ("json" or "gzip+base64").

    Inside ``<script>`` only ``</script`` and ``<!--`` can end or confuse the
    block; escaping every ``<`` rules out both. (jinja's ``tojson`` escapes
    ``>``, ``&`` and ``'`` too, which costs megabytes in snippet-heavy runs.)
    Base64 has no ``<`` at all.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    if len(text) > COMPRESS_ABOVE:
        packed = gzip.compress(text.encode("utf-8"), compresslevel=6, mtime=0)
        return Markup(base64.b64encode(packed).decode("ascii")), "gzip+base64"
    return Markup(text.replace("<", "\\u003c")), "json"


def render_chunks(rep: HtmlReporter, summary: Summary):
    env = _environment()
    info: RunInfo = rep.info
    # worst rules first: most errors, then most findings
    rule_order = sorted(rep.rule_counts, key=lambda r: (-rep.rule_counts[r][0],
                                                        -sum(rep.rule_counts[r]), r))
    families = sorted(rep.family_counts, key=lambda f: (-sum(rep.family_counts[f]), f))
    fam_max = max((sum(v) for v in rep.family_counts.values()), default=0) or 1
    family_rows = []
    for fam in families:
        e, w = rep.family_counts[fam]
        family_rows.append({"name": fam, "errors": e, "warnings": w, "total": e + w,
                            "err_pct": round(100 * e / fam_max, 2),
                            "warn_pct": round(100 * w / fam_max, 2)})
    docs = info.rule_docs or {}
    doc_ids = sorted(set(rule_order) | set(info.rules or ()) | set(docs))
    rules_docs = []
    for rid in doc_ids:
        meta = docs.get(rid) or {}
        rules_docs.append({"id": rid, "summary": meta.get("summary") or "",
                           "severity": meta.get("severity") or "",
                           "wcag": list(meta.get("wcag") or ()),
                           "doc": meta.get("doc") or "", "known": bool(meta)})
    rule_rows = []
    for rid in rule_order:
        e, w = rep.rule_counts[rid]
        rule_rows.append({"id": rid, "errors": e, "warnings": w, "total": e + w,
                          "pages": summary.pages_by_rule.get(rid, 0),
                          "summary": (docs.get(rid) or {}).get("summary") or ""})

    # the no-JavaScript copy: full sections until the budget is spent
    static_pages, rest = [], []
    budget = STATIC_FINDINGS
    for p in rep.records:
        if not rest and (len(p["findings"]) <= budget or not static_pages):
            static_pages.append(p)
            budget -= len(p["findings"])
        else:
            rest.append(p)

    data_text, data_encoding = encode_data(build_data(rep, rule_order, families))
    script = _asset(env, "report.js")
    style = _asset(env, "report.css")
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    tpl = env.get_template("report.html.j2")
    ctx = {
        "info": info, "summary": summary, "verdict": _verdict(summary),
        "family_rows": family_rows, "rule_rows": rule_rows, "rules_docs": rules_docs,
        "records": rep.records, "static_pages": static_pages, "rest_pages": rest,
        "static_budget": STATIC_FINDINGS, "data": data_text, "data_encoding": data_encoding, "remote_images": rep.remote_images,
        # our own code, not page data: inserted verbatim so the CSP hash matches
        "script": Markup(script), "style": Markup(style), "script_hash": digest,
        "total_findings": sum(len(p["findings"]) for p in rep.records),
    }
    yield from tpl.generate(**ctx)


# -- saved JSON results ------------------------------------------------------------------------

class ResultsError(Exception):
    pass


def _strictest(values: list[str]) -> str:
    order = {"warning": 0, "error": 1, "never": 2}
    known = [v for v in values if v in order]
    return min(known, key=order.__getitem__) if known else "error"


_RUN_LISTS = ("inputs", "packs", "select", "ignore", "rules")
_RUN_TEXTS = ("started", "fail_on")
_DOC_TEXTS = ("id", "family", "severity", "summary", "rationale", "fix", "origin", "doc")


def _checked_run(path: str, doc: dict[str, Any]) -> dict[str, Any]:
    """The run description of a results file, its fields of the types the
    report reads; ResultsError names the first that is not."""
    tool, run = doc.get("tool"), doc.get("run")
    if tool is not None and not isinstance(tool, dict):
        raise ResultsError(f"{path}: 'tool' should be an object")
    if isinstance(tool, dict) and not isinstance(tool.get("version", ""), (str, type(None))):
        raise ResultsError(f"{path}: 'tool.version' should be a string")
    if run is None:
        return {}
    if not isinstance(run, dict):
        raise ResultsError(f"{path}: 'run' should be an object")

    for key in _RUN_LISTS:
        if run.get(key) is not None and not is_strings(run[key]):
            raise ResultsError(f"{path}: 'run.{key}' should be a list of strings")
    for key in _RUN_TEXTS:
        if not isinstance(run.get(key, ""), (str, type(None))):
            raise ResultsError(f"{path}: 'run.{key}' should be a string")
    if not isinstance(run.get("exit_zero", False), bool):
        raise ResultsError(f"{path}: 'run.exit_zero' should be true or false")
    # the saved documentation only describes the rules: an entry the report
    # could not render is left out, and the installed rule's is shown instead
    docs = run.get("rule_docs")
    if isinstance(docs, dict):
        run = {**run, "rule_docs": {rid: meta for rid, meta in docs.items()
                                    if _renderable_doc(meta)}}
    return run


def _renderable_doc(meta: Any) -> bool:
    return isinstance(meta, dict) and bool(meta) and all(
        isinstance(meta.get(key, ""), (str, type(None))) for key in _DOC_TEXTS) and (
        meta.get("wcag") is None or is_strings(meta["wcag"]))


def load_results(paths: list[str], read=None) -> tuple[RunInfo, list[PageResult], int]:
    """Read saved JSON results and merge them into one run.

    Shards of one run and repeated runs both merge: pages keep their input
    order, and a page that appears again (same source) is replaced by the
    later file's result. Returns (run info, pages, pages replaced).
    """
    runs: list[dict[str, Any]] = []
    versions: list[str] = []
    by_source: dict[str, int] = {}
    pages: list[PageResult] = []
    replaced = 0
    for path in paths:
        try:
            text = read(path) if read else Path(path).read_text(encoding="utf-8")
            doc = json.loads(text)
        except OSError as exc:
            raise ResultsError(f"cannot read {path}: {exc.strerror or exc}") from None
        except (ValueError, UnicodeDecodeError) as exc:
            raise ResultsError(f"{path} is not a JSON results file: {exc}") from None
        except RecursionError:
            raise ResultsError(f"{path} is not a JSON results file: nested too deeply") from None
        if not isinstance(doc, dict) or not isinstance(doc.get("pages"), list):
            raise ResultsError(f"{path} is not an a11ylint JSON results file (no 'pages' list)")
        if doc.get("version", 1) != 1:
            raise ResultsError(f"{path}: unsupported results version {doc.get('version')!r}")
        runs.append(_checked_run(path, doc))
        v = (doc.get("tool") or {}).get("version")
        if v and v not in versions:
            versions.append(str(v))
        for i, d in enumerate(doc["pages"]):
            try:
                r = PageResult.from_dict(d)
            except (KeyError, TypeError, ValueError) as exc:
                raise ResultsError(f"{path}: page {i + 1} is malformed: {exc}") from None
            if r.source in by_source:
                pages[by_source[r.source]] = r
                replaced += 1
            else:
                by_source[r.source] = len(pages)
                pages.append(r)

    def union(key: str) -> list[str]:
        out: list[str] = []
        for run in runs:
            for v in run.get(key) or ():
                if v not in out:
                    out.append(v)
        return out

    selects = [run.get("select") for run in runs]
    # the documentation saved with the results (optional in version 1) describes
    # the rules as they ran; `a11ylint report` falls back to the installed rules
    # only for rules the files do not document
    docs: dict[str, dict[str, Any]] = {}
    for run in runs:
        saved = run.get("rule_docs")
        if isinstance(saved, dict):
            docs.update((rid, meta) for rid, meta in saved.items()
                        if isinstance(rid, str) and isinstance(meta, dict) and meta)
    started = sorted(s for s in (run.get("started") for run in runs) if s)
    info = RunInfo(
        inputs=union("inputs"), packs=union("packs"),
        select=None if any(s is None for s in selects) else union("select"),
        ignore=union("ignore"), fail_on=_strictest([run.get("fail_on") or "error" for run in runs]),
        rules=union("rules"), rule_docs=docs, started=started[0] if started else "",
        version=", ".join(versions) or "unknown",
        # a report-only run stays one when rendered; merged with a run that
        # gates, the merged verdict gates
        exit_zero=bool(runs) and all(run.get("exit_zero") is True for run in runs),
    )
    return info, pages, replaced


def write_report(stream, info: RunInfo, pages: list[PageResult], summary: Summary) -> Summary:
    """Render already-linted pages (from ``a11ylint report``); fills ``summary``."""
    rep = HtmlReporter(stream, info)
    rep.start()
    for r in pages:
        summary.add(r)
        rep.page(r)
    rep.finish(summary)
    return summary


__all__ = ["HtmlReporter", "load_results", "write_report", "resolve_image", "highlight",
           "safe_link", "ResultsError"]
