"""Declarative rule packs: TOML data that extends a11ylint without Python.

A pack file may hold:

* ``[[notice]]`` tables: required legal notices, each becoming a ``legal-<id>``
  rule (see ``a11ylint.rules.legal``);
* ``[wordlists]``: named phrase lists that built-in rules read, such as
  ``skip-link-phrases`` or ``img-alt-placeholder-words``. The shipped lists live in
  ``rules/words/``; a user pack's lists *extend* them.

The shipped packs live in the repository's top-level ``rules/`` folder, which
the wheel installs as ``a11ylint/_packs``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from a11ylint.tomlfile import load_toml


class PackError(Exception):
    """A pack that cannot be used; always a usage error, raised before linting."""


def shipped_dir() -> Path:
    here = Path(__file__).resolve().parent
    installed = here / "_packs"
    if installed.is_dir():
        return installed
    # running from a source checkout or an editable install
    repo = here.parent.parent / "rules"
    return repo


@dataclass
class WordLists:
    lists: dict[str, list[str]] = field(default_factory=dict)
    origins: dict[str, list[str]] = field(default_factory=dict)
    shipped: frozenset[str] = frozenset()  # the names of the lists a11ylint ships

    def unknown(self, read: set[str]) -> list[tuple[str, str]]:
        """(name, first pack that gives it) for each list neither shipped nor
        in ``read`` (the names rules declare): a typo such as
        ``skip-link-phrase`` would otherwise extend a list nobody reads."""
        return [(name, self.origins[name][0]) for name in self.lists
                if name not in self.shipped and name not in read]

    def get(self, name: str) -> list[str]:
        return self.lists.get(name, [])

    def extend(self, name: str, words: list[str], origin: str) -> None:
        self.lists.setdefault(name, [])
        for w in words:
            if w not in self.lists[name]:
                self.lists[name].append(w)
        self.origins.setdefault(name, []).append(origin)


def read_toml(path: Path) -> dict:
    return load_toml(path, PackError, "pack")


def _load_wordlists(data: dict, path: Path, into: WordLists) -> None:
    wl = data.get("wordlists")
    if wl is None:
        return
    if not isinstance(wl, dict):
        raise PackError(f"{path}: [wordlists] must be a table of string lists")
    for name, words in wl.items():
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise PackError(f"{path}: wordlists.{name}: must be a list of strings")
        into.extend(name, words, str(path))


def shipped_wordlists() -> WordLists:
    lists = WordLists()
    folder = shipped_dir() / "words"
    for path in sorted(folder.glob("*.toml")):
        _load_wordlists(read_toml(path), path, lists)
    lists.shipped = frozenset(lists.lists)
    return lists


def resolve_pack_paths(specs: list[str]) -> list[Path]:
    """``--rules`` takes files, folders, or names of shipped packs
    (``legal/imprint``, ``legal``)."""
    out: list[Path] = []
    for spec in specs:
        p = Path(spec)
        if not p.exists():
            shipped = shipped_dir() / spec
            for cand in (shipped, shipped.with_suffix(".toml")):
                if cand.exists():
                    p = cand
                    break
            else:
                names = ", ".join(available_shipped_packs()) or "none"
                raise PackError(f"rule pack {spec!r} not found (no such file; shipped packs: {names})")
        if p.is_dir():
            files = sorted(p.rglob("*.toml"))
            if not files:
                raise PackError(f"{spec}: folder holds no .toml rule packs")
            out += files
        else:
            out.append(p)
    return out


def available_shipped_packs() -> list[str]:
    base = shipped_dir()
    return sorted(str(p.relative_to(base).with_suffix("")) for p in base.rglob("*.toml")
                  if p.parent.name != "words")


@dataclass
class LoadedPacks:
    wordlists: WordLists
    rules: list = field(default_factory=list)  # Rule classes built from [[notice]]
    files: list[str] = field(default_factory=list)


def load_packs(specs: list[str]) -> LoadedPacks:
    lists = shipped_wordlists()
    loaded = LoadedPacks(wordlists=lists)
    for path in resolve_pack_paths(specs):
        data = read_toml(path)
        unknown = set(data) - {"notice", "wordlists", "pack"}
        if unknown:
            raise PackError(f"{path}: unknown top-level key(s): {', '.join(sorted(unknown))} "
                            "(expected [[notice]], [wordlists] or [pack])")
        _load_wordlists(data, path, lists)
        label = pack_label(path)
        if "notice" in data:
            from a11ylint.rules.legal import rules_from_pack

            loaded.rules += rules_from_pack(data, path, existing=[r.id for r in loaded.rules],
                                            label=label)
        loaded.files.append(label)
    return loaded


def pack_label(path: Path) -> str:
    """How a run records a pack: a shipped one by its name ("legal/imprint"),
    which --rules takes on any machine, where its path would be the one
    installation's (a report rendered elsewhere could not load it again);
    any other by the path it was given."""
    try:
        rel = path.resolve().relative_to(shipped_dir().resolve())
    except ValueError:
        return str(path)
    return rel.with_suffix("").as_posix()
