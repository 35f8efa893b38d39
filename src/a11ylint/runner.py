"""Drive one run: items -> engine -> every reporter, results in input order.

With ``jobs > 1`` pages are linted in worker processes (_Pool). Forked
workers (Linux) inherit the parent's Engine; others build their own from the
Settings. Either way rule objects and compiled packs never need to be
pickled. Workers read local files themselves, so only paths go out and only
PageResults (plain data, no parse trees) come back, one per page. Results
are yielded in input order, so the output is byte for byte that of
``jobs = 1``; a worker that dies costs only the page it was on.
"""

from __future__ import annotations

import dataclasses
import gc
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice

from a11ylint import deadline
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


def max_jobs() -> int:
    """The most lint processes worth running: linting is CPU-bound (fetching
    runs in the main process), so processes beyond a few per CPU only cost
    memory. ``-j 100000`` once forked thousands and filled 22 GB."""
    return 4 * default_jobs()


def lint_all(engine: Engine, items: Iterable[Item], jobs: int = 1) -> Iterator[PageResult]:
    jobs = min(jobs, max_jobs())
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


def _worker_main(conn, kwargs: dict | None) -> None:
    """A worker: lint the chunks the parent sends, one result per page, in
    order, so the parent always knows which page a worker is on."""
    # Ctrl-C is the parent's to handle: it terminates the workers, and workers
    # printing a traceback each would bury the one useful message
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    engine = _WORKER_ENGINE if kwargs is None else Engine(**kwargs)
    conn.send(None)  # ready: a death from now on is the current page's
    while True:
        try:
            chunk = conn.recv()
        except (EOFError, OSError):
            return
        if chunk is None:
            return
        for seq, item in chunk:
            conn.send((seq, engine.lint_item(item)))


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


class _Worker:
    __slots__ = ("process", "conn", "inflight", "ready", "since", "killed_after")

    def __init__(self, process, conn) -> None:
        self.process = process
        self.conn = conn
        self.inflight: deque = deque()  # (seq, item) sent, result not yet back
        self.ready = False  # set up and linting: a death is then a page's doing
        self.since = 0.0  # when it began the page it is on (time.monotonic)
        self.killed_after: float | None = None  # the pool stopped it on a page this long


def _death(process) -> str:
    code = process.exitcode
    if code is not None and code < 0:
        try:
            how = f"was killed by {signal.Signals(-code).name}"
        except ValueError:
            how = f"was killed by signal {-code}"
        if code == -signal.SIGKILL:
            how += " (out of memory?)"
    else:
        how = f"exited with status {code}"
    return f"the process linting this page {how}"


class _Pool:
    """Worker processes fed chunks of pages, results back one page at a time.

    multiprocessing.Pool loses the task of a worker that dies (a segfault in
    a C library, the out-of-memory killer), and its ``imap`` then waits
    forever: one page could hang a CI job. Here the parent knows which page
    each worker is on: a dead worker's current page becomes that page's
    error, the rest of its chunk goes to the others, and a new worker takes
    its place. Workers that keep dying before they lint anything (a broken
    installation) end the pool; the parent lints what is left itself."""

    def __init__(self, ctx, jobs: int, kwargs: dict | None,
                 limit: float | None = None) -> None:
        self.ctx = ctx
        self.jobs = jobs
        self.kwargs = kwargs  # None: forked, the parent's engine comes along
        self.workers: list[_Worker] = []
        self.idle_deaths = 0
        # a worker still on one page after this long is killed (see deadline.py)
        self.hard_limit = deadline.hard_limit(limit) if limit else None

    def start_worker(self) -> None:
        parent_end, child_end = self.ctx.Pipe()
        proc = self.ctx.Process(target=_worker_main, args=(child_end, self.kwargs), daemon=True)
        if self.kwargs is None:
            gc.freeze()  # the child's collector leaves the inherited heap alone
        try:
            proc.start()
        finally:
            if self.kwargs is None:
                gc.unfreeze()
        child_end.close()
        self.workers.append(_Worker(proc, parent_end))

    def close(self, finished: bool) -> None:
        """Idle workers of a finished run are asked to exit; after Ctrl-C or
        an error they are terminated at once."""
        for w in self.workers:
            if finished:
                try:
                    w.conn.send(None)
                except (OSError, ValueError):
                    pass
            else:
                w.process.terminate()
        for w in self.workers:
            w.process.join(timeout=5 if finished else None)
            if w.process.is_alive():
                w.process.terminate()
                w.process.join()
            w.conn.close()
        self.workers = []

    def run(self, engine: Engine, items: Iterator[Item]) -> Iterator[PageResult]:
        from multiprocessing.connection import wait

        source = enumerate(items)
        exhausted = False
        retry: deque = deque()  # pages of a dead worker's chunk, sent again first
        done: dict[int, PageResult] = {}
        taken = emitted = 0
        # back-pressure: fetched bodies or a huge folder listing never pile
        # up in memory far ahead of the workers
        window = self.jobs * CHUNKSIZE * 4
        while True:
            gone = []
            idle = [w for w in self.workers if not w.inflight]
            while True:
                chunk = []
                while len(chunk) < CHUNKSIZE:
                    if retry:
                        chunk.append(retry.popleft())
                    elif exhausted or taken - emitted >= window:
                        break
                    else:
                        try:
                            chunk.append(next(source))
                        except StopIteration:
                            exhausted = True
                            break
                        taken += 1
                if not chunk:
                    break
                if not idle:
                    if len(self.workers) - len(gone) >= self.jobs \
                            or self.idle_deaths > 2 * self.jobs:
                        retry.extendleft(reversed(chunk))  # waits for a worker
                        break
                    # started for a chunk to lint: 5 pages with -j 200 start
                    # one process, not 200
                    self.start_worker()
                    idle.append(self.workers[-1])
                w = idle.pop()
                try:
                    w.conn.send(chunk)
                except OSError:  # it died idle: the chunk goes to another
                    retry.extendleft(reversed(chunk))
                    gone.append(w)
                    continue
                w.inflight.extend(chunk)
                w.since = time.monotonic()
            for w in gone:
                self.bury(w, done, retry)
            while emitted in done:
                yield done.pop(emitted)
                emitted += 1
            if emitted == taken and exhausted and not retry:
                return
            if not self.workers:
                break  # workers keep dying before they lint anything
            ready = wait([w.conn for w in self.workers] + [w.process.sentinel for w in self.workers],
                         self._until_overdue())
            for w in list(self.workers):
                dead = w.process.sentinel in ready
                if w.conn in ready or dead:
                    try:
                        while w.conn.poll():
                            msg = w.conn.recv()
                            w.since = time.monotonic()  # set up, or on to its next page
                            if msg is None:
                                w.ready = True
                                continue
                            seq, result = msg
                            w.inflight.popleft()
                            done[seq] = result
                    except (EOFError, OSError):
                        dead = True
                if not dead and self._overdue(w):
                    # its page's own time limit has long passed: stuck where the
                    # timer cannot reach (see deadline.py)
                    w.killed_after = self.hard_limit
                    w.process.kill()
                    dead = True
                if dead:
                    self.bury(w, done, retry)
        # no worker could start: lint the rest here, in order (every page
        # taken so far is done or waiting in retry; the input stays lazy)
        again = dict(retry)
        for seq in range(emitted, taken):
            yield done.pop(seq) if seq in done else engine.lint_item(again[seq])
        for _, item in source:
            yield engine.lint_item(item)

    def _overdue(self, w: _Worker) -> bool:
        return (self.hard_limit is not None and w.ready and bool(w.inflight)
                and time.monotonic() - w.since > self.hard_limit)

    def _until_overdue(self) -> float | None:
        """How long the pool may wait before a busy worker passes the hard limit."""
        if self.hard_limit is None:
            return None
        busy = [w.since for w in self.workers if w.ready and w.inflight]
        if not busy:
            return None
        return max(0.0, min(busy) + self.hard_limit - time.monotonic()) + 0.01

    def bury(self, w: _Worker, done: dict, retry: deque) -> None:
        w.process.join()
        w.conn.close()
        self.workers.remove(w)
        if w.ready and w.inflight:
            seq, item = w.inflight.popleft()
            why = _death(w.process) if w.killed_after is None else \
                deadline.killed_message(w.killed_after)
            done[seq] = PageResult(item.label, "error", why, url=item.url)
        else:
            self.idle_deaths += 1
        retry.extendleft(reversed(w.inflight))
        # a new worker starts when there is a chunk for it (see run)


def _lint_parallel(engine: Engine, items: Iterator[Item], jobs: int) -> Iterator[PageResult]:
    global _WORKER_ENGINE
    ctx = _context()
    if ctx.get_start_method() == "fork":
        engine.warm()  # compiled once here, not once in every worker
        # set for the pool's lifetime: a worker that dies is forked again
        _WORKER_ENGINE, kwargs = engine, None
    else:
        kwargs = _engine_args(engine)
    pool = _Pool(ctx, jobs, kwargs, engine.settings.lint_timeout)
    finished = False
    try:
        yield from pool.run(engine, items)
        finished = True
    finally:
        pool.close(finished)
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
        # pages that could not be linted, not error findings (which it does not count)
        line = f"\r\x1b[2K{self.done} pages  {self.errors} not linted  {rate:.1f} pages/s"
        self.stream.write(line)
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            self._draw(time.monotonic())
            self.stream.write("\n")
            self.stream.flush()
