"""Inputs: files, folders, stdin (URLs and sitemaps plug in here too).

Inputs are expanded lazily into ``Item``s; bytes are read only when a page is
linted, by whichever process lints it. An input that cannot be expanded (a
missing path, a folder without HTML) becomes an error item, so it still shows
up in every report.
"""

from __future__ import annotations

import fnmatch
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from a11ylint.page.model import Source


@dataclass(slots=True)
class Item:
    label: str
    path: str | None = None  # local file to read
    data: bytes | None = None  # already in memory (stdin)
    url: str | None = None
    error: str | None = None  # could not even be read or expanded
    content_type: str | None = None
    content_language: str | None = None
    base: str | None = None

    def load(self) -> Source:
        """Read the bytes; raises OSError with a reason suitable for the user."""
        data = self.data
        if data is None:
            if self.path is None:
                raise OSError(self.error or "nothing to read")
            with open(self.path, "rb") as fh:
                data = fh.read()
        base = self.base
        if base is None and self.path is not None:
            base = str(Path(self.path).resolve().parent)
        return Source(self.label, data, url=self.url, content_type=self.content_type,
                      content_language=self.content_language, base=base)


def _matches(name: str, rel: str, patterns: list[str]) -> bool:
    return any(fnmatch.fnmatch(name, p) or fnmatch.fnmatch(rel, p) for p in patterns)


def expand(inputs: list[str], include: list[str], exclude: list[str],
           stdin_name: str = "<stdin>") -> Iterator[Item]:
    for raw in inputs:
        if raw == "-":
            try:
                data = sys.stdin.buffer.read()
            except (OSError, ValueError) as exc:
                yield Item(stdin_name, error=f"cannot read standard input: {exc}")
                continue
            yield Item(stdin_name, data=data)
            continue
        p = Path(raw)
        if not p.exists():
            yield Item(raw, error="no such file or directory")
        elif p.is_dir():
            found = False
            for item in _walk(p, include, exclude):
                found = True
                yield item
            if not found:
                pats = ", ".join(include)
                yield Item(raw, error=f"folder holds no HTML files matching {pats}")
        elif not os.access(p, os.R_OK):
            yield Item(raw, error="permission denied")
        else:
            yield Item(raw, path=raw)


def _walk(root: Path, include: list[str], exclude: list[str]) -> Iterator[Item]:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".")
                             and not _matches(d, os.path.relpath(os.path.join(dirpath, d), root), exclude))
        for name in sorted(filenames):
            full = os.path.join(dirpath, name)
            rel = os.path.relpath(full, root)
            if _matches(name, rel, include) and not _matches(name, rel, exclude):
                yield Item(full, path=full)
