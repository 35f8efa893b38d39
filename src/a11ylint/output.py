"""Where reports go: standard output made safe for the report's format, and
streams whose failed writes name their destination.

A linter's output is written while pages are linted, so a full disk or a
locale that cannot encode a page's text shows up in the middle of a run;
both must end it with one line, never a traceback.
"""

from __future__ import annotations

import codecs
import errno
import os
import sys
import tempfile


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


class FileOutput:
    """A report file that is written in full or not at all.

    The report goes to a temporary file beside it, which replaces the file
    only when the run has written everything: a run stopped by Ctrl-C, by a
    second output that cannot be opened or by a full disk leaves the earlier
    report as it was, never an empty or half-written one that a CI job then
    parses. A device or a pipe (``-o /dev/stdout``) is written directly.
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self.tmp: str | None = None
        target = os.path.realpath(path)  # through a symbolic link, to the file it names
        if os.path.exists(target) and not os.path.isfile(target):
            self.fh = open(path, "w", encoding="utf-8", newline="\n")
            return
        folder = os.path.dirname(target) or "."
        try:
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{os.path.basename(target)}.",
                                       suffix=".tmp")
        except PermissionError:
            if not os.path.isfile(target):
                raise
            # a writable file in a folder that is not: written in place
            self.fh = open(path, "w", encoding="utf-8", newline="\n")
            return
        self.tmp, self.target = tmp, target
        try:
            os.chmod(tmp, _mode_for(target))
            self.fh = os.fdopen(fd, "w", encoding="utf-8", newline="\n")
        except BaseException:
            os.close(fd)
            os.unlink(tmp)
            raise

    def commit(self) -> None:
        """Close the report and put it in place."""
        try:
            self.fh.close()
            if self.tmp is not None:
                os.replace(self.tmp, self.target)
                self.tmp = None
        except OSError as exc:
            self.discard()
            raise OutputError(self.path, exc) from None

    def discard(self) -> None:
        """Close and drop an unfinished report (a no-op once committed)."""
        try:
            self.fh.close()
        except OSError:
            pass
        if self.tmp is not None:
            try:
                os.unlink(self.tmp)
            except OSError:
                pass
            self.tmp = None


def _mode_for(target: str) -> int:
    """The permissions the report gets: the replaced file's, else what the
    umask gives a new file (mkstemp's own are owner-only)."""
    try:
        return os.stat(target).st_mode & 0o7777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask
