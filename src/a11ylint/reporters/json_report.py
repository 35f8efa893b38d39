"""Versioned JSON results, streamed page by page.

Schema version 1::

    {"version": 1, "tool": {"name", "version"}, "run": {...},
     "pages": [{"source", "status", "error", "findings": [...]}], "summary": {...}}

``a11ylint report`` reads these files back (and merges several).
"""

from __future__ import annotations

import json

from a11ylint.reporters.base import Reporter, Summary

SCHEMA_VERSION = 1
_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": "))


class JsonReporter(Reporter):
    name = "json"

    def start(self) -> None:
        head = {"version": SCHEMA_VERSION, "tool": {"name": "a11ylint", "version": self.info.version},
                "run": self.info.to_dict()}
        text = json.dumps(head, ensure_ascii=False, indent=2)
        self.stream.write(text[:-2] + ',\n  "pages": [')
        self._first = True

    def page(self, result) -> None:
        # One compact line per page, written by json's C encoder (an indent
        # switches to the pure-Python encoder, which cost a fifth of the whole
        # run on a news corpus); `jq` or `python -m json.tool` pretty-print it.
        body = _COMPACT.encode(result.to_dict())
        self.stream.write(("\n    " if self._first else ",\n    ") + body)
        self._first = False

    def finish(self, summary: Summary) -> None:
        s = json.dumps(summary.to_dict(), ensure_ascii=False, indent=2)
        s = "\n".join(("  " + line) if i else line for i, line in enumerate(s.splitlines()))
        self.stream.write(("\n  " if not self._first else "") + '],\n  "summary": ' + s + "\n}\n")
