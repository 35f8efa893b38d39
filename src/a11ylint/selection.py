"""Rule selection by id or family prefix (``--select skip-link``)."""

from __future__ import annotations

from collections.abc import Iterable


class SelectionError(ValueError):
    pass


def matches(rule_id: str, code: str) -> bool:
    """``code`` is a full rule id or a prefix of whole words (``img-alt``)."""
    code = code.strip().lower()
    return code in ("all", "*") or rule_id == code or rule_id.startswith(code + "-")


def check_codes(codes: Iterable[str], known: Iterable[str], what: str = "rule") -> None:
    known = list(known)
    for code in codes:
        if not any(matches(r, code) for r in known):
            pack = _shipped_pack_of(code)
            if pack:
                raise SelectionError(f"unknown {what} or family {code!r}: it is in the shipped "
                                     f"pack {pack}, which is not loaded (--rules {pack}, or "
                                     f'rules = ["{pack}"] in a configuration file)')
            close = _close(code, known)
            hint = f" (did you mean {', '.join(close)}?)" if close else ""
            raise SelectionError(f"unknown {what} or family {code!r}{hint}")


def _shipped_pack_of(code: str) -> str | None:
    """The opt-in shipped pack ("legal/imprint") whose notice a code names:
    `--select legal-imprint` without `--rules legal/imprint` is a missing
    pack, not a misspelt rule."""
    code = code.strip().lower()
    if not code.startswith("legal-"):
        return None
    import tomllib

    from a11ylint.packs import shipped_dir

    for path in sorted((shipped_dir() / "legal").glob("*.toml")):
        try:
            with open(path, "rb") as fh:
                notices = tomllib.load(fh).get("notice") or []
        except (OSError, tomllib.TOMLDecodeError):
            continue
        for n in notices:
            rid = f"legal-{n.get('id')}" if isinstance(n, dict) else None
            if rid and matches(rid, code):
                return f"legal/{path.stem}"
    return None


def _close(code: str, known: list[str]) -> list[str]:
    """Likely meant ids or families: spelling neighbours first, then same-family ids."""
    import difflib

    families = sorted({"-".join(r.split("-")[:n]) for r in known for n in (1, 2)
                       if r.count("-") >= n})
    close = difflib.get_close_matches(code, [*known, *families], n=3, cutoff=0.75)
    if not close:
        close = sorted(r for r in known if code.split("-")[0] in r)[:3]
    return close


def select(known: Iterable[str], select: list[str] | None, ignore: list[str] | None,
           extend_select: list[str] | None = None) -> list[str]:
    known = list(known)
    for codes in (select or [], ignore or [], extend_select or []):
        check_codes(codes, known)
    chosen = [r for r in known if select is None or any(matches(r, c) for c in select)]
    if extend_select:
        chosen += [r for r in known if r not in chosen and any(matches(r, c) for c in extend_select)]
    if ignore:
        chosen = [r for r in chosen if not any(matches(r, c) for c in ignore)]
    if not chosen and known:
        # an unset variable in a CI job (`--select "$RULES"`) must not pass every page
        if select is not None and not select:
            raise SelectionError("--select names no rule (an empty value?); nothing would be "
                                 "checked")
        raise SelectionError("the selection leaves no rule to run; nothing would be checked")
    return chosen


def split_codes(values: Iterable[str]) -> list[str]:
    """Accept both ``--select a --select b`` and ``--select a,b``."""
    out: list[str] = []
    for v in values:
        out += [x.strip() for x in v.split(",") if x.strip()]
    return out
