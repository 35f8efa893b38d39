"""Rule registry: built-in families, installed plugins and declarative packs.

Third-party rules arrive through the ``a11ylint.rules`` entry-point group: an
entry point may name a Rule subclass, a list of them, or a callable returning
one. A repository's own extensions are data (TOML packs), never Python
imported from the working directory.
"""

from __future__ import annotations

import importlib
import os
import sys

from a11ylint.rules.base import Rule, iter_rule_classes

BUILTIN_MODULES = (
    "a11ylint.rules.skip_links",
    "a11ylint.rules.headings",
    "a11ylint.rules.images",
    "a11ylint.directives",  # directive-unused: reported by the engine's directive pass
)

ENTRY_POINT_GROUP = "a11ylint.rules"


class PluginError(Exception):
    pass


def builtin_rules() -> list[type[Rule]]:
    out: list[type[Rule]] = []
    for name in BUILTIN_MODULES:
        try:
            mod = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue  # family not built yet
            raise
        rules = getattr(mod, "RULES", None)
        if rules is None:
            rules = list(iter_rule_classes(vars(mod).values()))
        out.extend(rules)
    return out


def _group_may_be_declared(group: str = ENTRY_POINT_GROUP) -> bool:
    """Whether any installed distribution could declare ``group``.

    importlib.metadata costs about 45 ms per run (its import pulls in the
    email package, then it parses every distribution's metadata), a fifth of
    the start-up of a one-page lint, and most installations have no plugin.
    Entry points live in ``*.dist-info/entry_points.txt`` (or ``*.egg-info``)
    under a sys.path folder; a substring test of those files takes about
    2 ms. Anything this scan cannot see through (a zip or egg on sys.path, a
    finder that supplies distributions of its own) answers "maybe", and the
    real lookup runs.
    """
    from importlib.machinery import PathFinder

    if any(getattr(f, "find_distributions", None) is not None and f is not PathFinder
           for f in sys.meta_path):
        return True
    needle = group.encode()
    for entry in sys.path:
        folder = entry or "."
        if folder.endswith(".egg"):
            return True
        try:
            with os.scandir(folder) as it:
                infos = [e.path for e in it if e.name.endswith((".dist-info", ".egg-info"))]
        except NotADirectoryError:
            return True  # a zip archive on sys.path
        except OSError:
            continue
        for info in infos:
            try:
                with open(os.path.join(info, "entry_points.txt"), "rb") as fh:
                    if needle in fh.read():
                        return True
            except OSError:
                continue
    return False


def plugin_rules() -> list[type[Rule]]:
    out: list[type[Rule]] = []
    if not _group_may_be_declared():
        return out
    from importlib.metadata import entry_points

    for ep in entry_points(group=ENTRY_POINT_GROUP):
        try:
            obj = ep.load()
            if callable(obj) and not isinstance(obj, type):
                obj = obj()
            objs = obj if isinstance(obj, (list, tuple)) else [obj]
        except Exception as exc:  # noqa: BLE001 - a broken plugin must not kill the run
            raise PluginError(f"cannot load rule plugin {ep.name!r} ({ep.value}): {exc}") from None
        for cls in iter_rule_classes(objs):
            if cls.origin == "built-in":
                cls.origin = f"plugin {ep.name} ({ep.value})"
            out.append(cls)
    return out


def all_rules(packs: list[type[Rule]] | None = None) -> dict[str, type[Rule]]:
    """Every known rule by id; later sources may not redefine an id."""
    registry: dict[str, type[Rule]] = {}
    for cls in [*builtin_rules(), *plugin_rules(), *(packs or [])]:
        if cls.id in registry and registry[cls.id] is not cls:
            raise PluginError(
                f"rule id {cls.id!r} from {cls.origin} is already defined by {registry[cls.id].origin}")
        registry[cls.id] = cls
    return registry
