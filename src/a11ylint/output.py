"""Where reports go: standard output made safe for the report's format, and
streams whose failed writes name their destination.

A linter's output is written while pages are linted, so a full disk or a
locale that cannot encode a page's text shows up in the middle of a run;
both must end it with one line, never a traceback.
"""

from __future__ import annotations

import codecs
import errno
import sys


class OutputError(Exception):
    """A report could not be written (disk full, device gone...)."""

    def __init__(self, where: str, exc: OSError) -> None:
        super().__init__(f"cannot write {where}: {exc.strerror or exc}")


class ReportStream:
    """A report's stream whose failed writes name their destination. A
    closed pipe (`| head`) stays an OSError: click ends such a run quietly."""

    def __init__(self, stream, where: str) -> None:
        self._stream = stream
        self.where = where

    def _call(self, method, *args):
        try:
            return method(*args)
        except OSError as exc:
            if exc.errno == errno.EPIPE:
                raise
            raise OutputError(self.where, exc) from None

    def write(self, text: str) -> int:
        return self._call(self._stream.write, text)

    def flush(self) -> None:
        self._call(self._stream.flush)

    def close(self) -> None:
        self._call(self._stream.close)

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


_TERMINAL_FORMATS = frozenset({"text", "github", "auto"})


def stdout_for(fmt: str):
    """Standard output, ready for a report in ``fmt``. JSON, SARIF, XML and
    HTML are UTF-8 by definition, whatever the locale says (an ASCII or
    Latin-1 locale made every page with Cyrillic text end in a traceback);
    text meant for a terminal shows what its encoding cannot as escapes."""
    out = sys.stdout
    reconfigure = getattr(out, "reconfigure", None)
    if reconfigure is None:
        return out
    if fmt in _TERMINAL_FORMATS:
        reconfigure(errors="backslashreplace")
    elif codecs.lookup(out.encoding or "ascii").name != "utf-8":
        reconfigure(encoding="utf-8")
    return out
