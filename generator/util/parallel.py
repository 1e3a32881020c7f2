"""Spread one function over many items on all cores, for the per-file and per-article stages.

Worker processes are forked, so they inherit the items and the function instead of receiving
them pickled; only results travel back, each through an unnamed file as soon as it is made. This
process takes items too rather than wait, and reads the results between its own.
Where fork is not available (Windows, macOS defaults) or not safe (other threads running), or
the work is small, it runs in order.
"""
from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import pickle
import tempfile
import threading
from typing import IO, Any, Optional, TypeVar
from collections.abc import Callable, Iterator, Sequence

from .stamped import gc_paused

log = logging.getLogger(__name__)

T = TypeVar("T")
R = TypeVar("R")

# Below this much work (in characters of text), starting processes costs more than it saves.
MIN_CHARS = 2_000_000

# What the forked workers read: set just before the pool starts, cleared after.
_JOB: tuple[Callable, Sequence, list[int], Any] | None = None
# Processes to use at most, this one included (the plugin's `concurrency`); None: every core.
_PROCESSES: Optional[int] = None


def set_processes(n: Optional[int]) -> None:
    """Use at most `n` processes (this one included) from now on; None: every core."""
    global _PROCESSES
    _PROCESSES = max(1, n) if n is not None else None


def _processes() -> int:
    return _PROCESSES or os.cpu_count() or 1


def map_shared(fn: Callable[[T], R], items: Sequence[T], sizes: Sequence[int]) -> list[R]:
    """[fn(x) for x in items], in parallel when the items are large (`sizes`: their weights)."""
    if not will_fork(sizes):
        return [fn(x) for x in items]
    workers = min(_processes(), len(items))
    ctx = multiprocessing.get_context("fork")
    # Each process takes the next item, largest first, until none is left: the time an item
    # takes is not its size (a file of short lines costs more per character), so shares fixed
    # in advance left one process waiting for the other.
    order = sorted(range(len(items)), key=lambda i: -sizes[i])
    taken = ctx.Value("i", 0)
    global _JOB
    _JOB = (fn, items, order, taken)
    out: list = [None] * len(items)
    made = [False] * len(items)
    # A worker writes each result to a file of its own as soon as it is made, and this process
    # reads what is there between its own items: pickling and unpickling are part of the work
    # shared out, not left for the end while one process waits. (The executor's pipe would
    # block a worker until this process, computing, reads.) The files have no name: nothing is
    # left behind, whatever ends the build.
    with contextlib.ExitStack() as files:
        try:
            spools = [_Spool(files.enter_context(tempfile.TemporaryFile()))
                      for _ in range(workers - 1)]
        except OSError:  # (no room for the results to travel: all done here)
            spools = []

        def collect() -> None:
            for spool in spools:
                for i, result in spool.read():
                    out[i], made[i] = result, True

        try:
            # (Plain processes, not an executor: its threads here, which hand a worker its
            # task, waited for this process's own computing to let them run.)
            others = [ctx.Process(target=_take_items_to, args=(spool,), daemon=True)
                      for spool in spools]
            for process in others:
                process.start()
            try:
                for i, result in _take_items(between=collect):
                    out[i], made[i] = result, True
            finally:
                for process in others:
                    process.join()
            collect()
            ended = [p.exitcode for p in others if p.exitcode != 0]
        finally:
            _JOB = None
    # A worker that ended without its results and without an error (killed: out of memory, or
    # no room left for its file): what it had taken is done here.
    missing = [i for i, done in enumerate(made) if not done]
    if missing:
        log.warning(f"jinaq: warning: a worker process ended (code {ended[0] if ended else 0}) "
                    f"before {len(missing)} of its items were done; they are done here")
        for i in missing:
            out[i] = fn(items[i])
    return out


class _Spool:
    """An unnamed file one worker appends its results to (a length, then a pickle of the index
    and the result; an error as index -1), read here by position as they come."""

    def __init__(self, file: IO[bytes]) -> None:
        self.fd = file.fileno()
        self.at = 0  # where this process reads next

    def write(self, i: int, result: object) -> None:
        with gc_paused():
            data = pickle.dumps((i, result), protocol=pickle.HIGHEST_PROTOCOL)
        view = memoryview(len(data).to_bytes(8, "little") + data)
        while view:
            view = view[os.write(self.fd, view):]

    def read(self) -> Iterator[tuple[int, Any]]:
        """The results written whole since the last read; a worker's error is raised here."""
        while True:
            head = os.pread(self.fd, 8, self.at)
            size = int.from_bytes(head, "little")
            data = os.pread(self.fd, size, self.at + 8) if len(head) == 8 else b""
            if len(head) < 8 or len(data) < size:
                return  # (not written whole yet)
            self.at += 8 + size
            with gc_paused():
                i, result = pickle.loads(data)
            if i < 0:
                raise result
            yield i, result


def will_fork(sizes: Sequence[int]) -> bool:
    """Would map_shared spread items of these sizes over other processes? (Not from within
    one of its jobs: the processes are all busy with it.)"""
    return (_JOB is None and min(_processes(), len(sizes)) >= 2 and sum(sizes) >= MIN_CHARS
            and can_fork())


def can_fork() -> bool:
    """Fork is available and safe: it copies only the calling thread, so with other threads
    running (the preview server's) a lock one of them holds could stay locked in the child."""
    return ("fork" in multiprocessing.get_all_start_methods()
            and threading.active_count() == 1)


def _take_items_to(spool: _Spool) -> None:
    """_take_items in a worker process, each result written to `spool` as soon as it is made;
    an error too, for map_shared to raise."""
    try:
        _take_items(spool.write)
    except BaseException as exc:
        try:
            try:
                spool.write(-1, exc)
            except (pickle.PicklingError, TypeError, AttributeError):  # its words at least
                spool.write(-1, RuntimeError(f"{type(exc).__name__}: {exc}"))
        except OSError:  # no room for the file: map_shared does the items left itself
            raise SystemExit(1) from None


def _take_items(out: Optional[Callable[[int, Any], None]] = None,
                between: Optional[Callable[[], None]] = None) -> list[tuple[int, object]]:
    """Compute items of the current job, taking the next one until all are taken. Returns
    them with their indexes, or gives each to `out` instead; `between`: called after each."""
    fn, items, order, taken = _JOB  # type: ignore[misc]
    done: list[tuple[int, object]] = []
    while True:
        with taken.get_lock():
            k = taken.value
            taken.value = k + 1
        if k >= len(order):
            return done
        try:
            result = fn(items[order[k]])
        except BaseException:
            # The others take no more, whichever process failed: the error comes at once (a
            # failure in another process was seen only after this one had done all the rest).
            with taken.get_lock():
                taken.value = len(order)
            raise
        if out is None:
            done.append((order[k], result))
        else:
            out(order[k], result)
        if between is not None:
            between()
