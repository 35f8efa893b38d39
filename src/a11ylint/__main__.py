"""The command's entry point, kept light so that it runs before the heavy
imports: Ctrl-C while the interpreter loads click and lxml (a few tenths of a
second, longer on a loaded machine) ends the run like Ctrl-C at any later
moment, with one line and status 130, not a traceback from inside an import."""

from __future__ import annotations

import signal
import sys


def _interrupted_at_start(signum, frame):
    sys.stderr.write("a11ylint: interrupted\n")
    raise SystemExit(130)


def install_start_handler() -> None:
    """Until the command runs (cli._Group.invoke restores Python's handler,
    whose KeyboardInterrupt lets a run end its worker processes)."""
    try:
        signal.signal(signal.SIGINT, _interrupted_at_start)
    except ValueError:  # not the main thread: nothing to do
        pass


def run() -> None:
    install_start_handler()
    from a11ylint.cli import main

    main()


if __name__ == "__main__":  # pragma: no cover
    run()
