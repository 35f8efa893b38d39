"""Drive one run: items -> engine -> every reporter, results in input order.

With ``jobs > 1`` pages are linted in a process pool. Forked workers (Linux)
inherit the parent's Engine; others build their own from the Settings. Either
way rule objects and compiled packs never need to be pickled. Workers read
local files themselves, so only paths go out and only
PageResults (plain data, no parse trees) come back. ``imap`` keeps input
order, so the output is byte for byte that of ``jobs = 1``.
"""

from __future__ import annotations

import dataclasses
import gc
import os
import signal
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from itertools import islice

from a11ylint.engine import Engine
from a11ylint.findings import PageResult
from a11ylint.reporters.base import Reporter, Summary
from a11ylint.sources import Item

# Below this many pages a pool costs more than it saves.
MIN_PARALLEL = 4
CHUNKSIZE = 8


def run(engine: Engine, items: Iterable[Item], reporters: list[Reporter], summary: Summary,
        jobs: int = 1, progress=None) -> Summary:
    for rep in reporters:
        rep.start()
    try:
        for result in lint_all(engine, items, jobs):
            summary.add(result)
            for rep in reporters:
                rep.page(result)
            if progress is not None:
                progress(result)
    finally:
        if progress is not None and hasattr(progress, "close"):
            progress.close()
    for rep in reporters:
        rep.finish(summary)
    return summary


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def lint_all(engine: Engine, items: Iterable[Item], jobs: int = 1) -> Iterator[PageResult]:
    it = iter(items)
    if jobs > 1:
        head = list(islice(it, MIN_PARALLEL))
        if len(head) < MIN_PARALLEL:
            it = iter(head)
        else:
            yield from _lint_parallel(engine, _chain(head, it), jobs)
            return
    for item in it:
        yield engine.lint_item(item)


def _chain(head: list[Item], rest: Iterator[Item]) -> Iterator[Item]:
    yield from head
    yield from rest


# -- process pool ------------------------------------------------------------
_WORKER_ENGINE: Engine | None = None


def _engine_args(engine: Engine) -> dict:
    """The Engine's constructor arguments, whatever fields it grows later."""
    return {f.name: getattr(engine, f.name) for f in dataclasses.fields(engine) if f.init}


def _init_worker(kwargs: dict | None) -> None:
    global _WORKER_ENGINE
    # Ctrl-C is the parent's to handle: it terminates the pool, and workers
    # printing a traceback each would bury the one useful message
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if kwargs is not None:  # None: forked, the parent's engine came along
        _WORKER_ENGINE = Engine(**kwargs)


def _lint_in_worker(item: Item) -> PageResult:
    return _WORKER_ENGINE.lint_item(item)


def _context():
    """fork when it is safe, else forkserver, else spawn.

    A forked worker starts with the parent's engine, imports and compiled
    patterns: on 2 cores that gave the corpus run its first result about
    0.3 s sooner than a forkserver worker that builds its own engine. Forking
    is safe only on Linux and while this process has a single thread: fetch
    threads (web inputs) may hold a lock that the child would inherit locked.
    """
    import multiprocessing as mp  # not at import time: one-page runs never need it

    methods = mp.get_all_start_methods()
    if sys.platform == "linux" and "fork" in methods and threading.active_count() == 1:
        return mp.get_context("fork")
    if "forkserver" in methods:
        ctx = mp.get_context("forkserver")
        ctx.set_forkserver_preload(["a11ylint.engine", "a11ylint.runner"])
        return ctx
    return mp.get_context("spawn")


def _lint_parallel(engine: Engine, items: Iterator[Item], jobs: int) -> Iterator[PageResult]:
    # Pool.imap drains its input as fast as it can; a semaphore released per
    # result gives back-pressure, so fetched bodies or a huge folder listing
    # never pile up in memory ahead of the workers.
    window = threading.BoundedSemaphore(jobs * CHUNKSIZE * 4)
    stop = threading.Event()

    def gated() -> Iterator[Item]:
        for item in items:
            while not window.acquire(timeout=0.1):
                if stop.is_set():
                    return
            if stop.is_set():
                return
            yield item

    global _WORKER_ENGINE
    ctx = _context()
    if ctx.get_start_method() == "fork":
        engine.warm()  # compiled once here, not once in every worker
        # set for the pool's lifetime: a worker that dies is forked again
        _WORKER_ENGINE, args = engine, None
        gc.freeze()  # the children's collector leaves the inherited heap alone
        try:
            pool = ctx.Pool(jobs, initializer=_init_worker, initargs=(args,))
        except BaseException:
            _WORKER_ENGINE = None
            raise
        finally:
            gc.unfreeze()
    else:
        pool = ctx.Pool(jobs, initializer=_init_worker, initargs=(_engine_args(engine),))
    try:
        for result in pool.imap(_lint_in_worker, gated(), chunksize=CHUNKSIZE):
            window.release()
            yield result
        pool.close()
    finally:
        stop.set()
        pool.terminate()
        pool.join()
        _WORKER_ENGINE = None


# -- progress ------------------------------------------------------------------
class Progress:
    """Pages done, errors and pages/s on one stderr line, only on a terminal.

    Silent for the first few pages, so a quick run prints nothing extra; a
    piped stderr never gets carriage returns.
    """

    def __init__(self, stream=None, threshold: int = 5, interval: float = 0.2) -> None:
        self.stream = stream or sys.stderr
        self.threshold = threshold
        self.interval = interval
        self.done = 0
        self.errors = 0
        self.start = time.monotonic()
        self.last = 0.0
        self.shown = False

    @classmethod
    def auto(cls, enabled: bool | None = None) -> Progress | None:
        if enabled is False:
            return None
        if enabled is None and not (hasattr(sys.stderr, "isatty") and sys.stderr.isatty()):
            return None
        return cls()

    def __call__(self, result: PageResult) -> None:
        self.done += 1
        if result.status != "ok":
            self.errors += 1
        now = time.monotonic()
        if self.done > self.threshold and now - self.last >= self.interval:
            self.last = now
            self._draw(now)

    def _draw(self, now: float) -> None:
        rate = self.done / max(now - self.start, 1e-6)
        line = f"\r\x1b[2K{self.done} pages  {self.errors} errors  {rate:.1f} pages/s"
        self.stream.write(line)
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            self._draw(time.monotonic())
            self.stream.write("\n")
            self.stream.flush()
