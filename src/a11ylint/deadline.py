"""A time limit for linting one page (``--lint-timeout``).

Every step of linting is meant to take time in step with the size of the
page, and ``bench/scale_bench.py`` keeps it so. Rule packs, though, carry
regular expressions their users write, and one that backtracks
catastrophically on one page's text (``^(\\w+\\s?)+$`` on a long paragraph
that does not match) would otherwise hang the whole run: in CI, until the
job's own limit kills it and every result is lost. The limit turns that page
into an error record, and the run goes on.

In the process that lints, a SIGALRM timer interrupts Python code, regular
expression matching included (the re module checks for signals while it
backtracks). Code that never returns to the interpreter would not notice;
a worker process stuck there is killed by the pool in runner.py once
``hard_limit`` has passed. Where SIGALRM does not exist (Windows), outside
the main thread, or while the caller has an interval timer of its own
running, only the pool's limit applies.
"""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager

DEFAULT = 60.0  # seconds per page; the slowest synthetic page of scale_bench takes about 6


class PageTimeout(BaseException):
    """Raised into the linting code when the page's time is up. A
    BaseException, so that the per-rule ``except Exception`` nets let it
    through to Engine.lint_item instead of reporting it as a rule's crash."""


def hard_limit(seconds: float) -> float:
    """When the pool kills a worker still on one page: the page's own limit
    has passed long before, and the worker did not come back to report it."""
    return 2 * seconds + 1.0


def message(seconds: float) -> str:
    return f"linting took longer than {seconds:g} s (--lint-timeout); the page was not linted"


def killed_message(seconds: float) -> str:
    """The page's error when the pool had to kill its worker (hard_limit)."""
    return (f"linting took longer than {seconds:g} s and its process did not stop, so it was "
            "killed (--lint-timeout)")


def _expired(signum, frame):
    raise PageTimeout


def _can_alarm() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float | None):
    """Raise PageTimeout in the body once ``seconds`` have passed.

    A timer that someone else has running (a test runner's own timeout, an
    application embedding the engine) is left alone, and so is every other
    handler: the previous SIGALRM handler is put back afterwards."""
    if not seconds or not _can_alarm() or signal.getitimer(signal.ITIMER_REAL)[0] > 0:
        yield
        return
    previous = signal.signal(signal.SIGALRM, _expired)
    if previous is None:  # a handler installed outside Python: the default is all we can restore
        previous = signal.SIG_DFL
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        while True:
            try:
                signal.setitimer(signal.ITIMER_REAL, 0)
                signal.signal(signal.SIGALRM, previous)
                break
            except PageTimeout:
                # the timer fired just as the body ended: it is spent now, and
                # the page's result stands; finish putting things back
                continue
