"""Spread one function over many items on all cores, for the per-file and per-article stages.

Worker processes are forked, so they inherit the items and the function instead of receiving
them pickled; only results travel back. This process takes items too rather than wait.
Where fork is not available (Windows, macOS defaults) or not safe (other threads running), or
the work is small, it runs in order.
"""
from __future__ import annotations

import multiprocessing
import os
import pickle
import threading
from typing import Any, Optional, TypeVar
from collections.abc import Callable, Sequence

from .stamped import gc_paused

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
    try:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=workers - 1, mp_context=ctx) as pool:
            remote = [pool.submit(_take_items_pickled) for _ in range(workers - 1)]
            mine = _take_items()
            for i, result in mine:
                out[i] = result
            for future in remote:
                with gc_paused():
                    theirs = pickle.loads(future.result())
                for i, result in theirs:
                    out[i] = result
    finally:
        _JOB = None
    return out


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


def _take_items_pickled() -> bytes:
    """_take_items in a worker process, its results pickled here with the collector paused
    (and unpickled so by map_shared): the executor pickles with the collector on, whose passes
    walk every object made so far again and again."""
    done = _take_items()
    with gc_paused():
        return pickle.dumps(done, protocol=pickle.HIGHEST_PROTOCOL)


def _take_items() -> list[tuple[int, object]]:
    """Compute items of the current job, taking the next one until all are taken."""
    fn, items, order, taken = _JOB  # type: ignore[misc]
    done: list[tuple[int, object]] = []
    while True:
        with taken.get_lock():
            k = taken.value
            taken.value = k + 1
        if k >= len(order):
            return done
        try:
            done.append((order[k], fn(items[order[k]])))
        except BaseException:
            # The others take no more, whichever process failed: the error comes at once (a
            # failure in another process was seen only after this one had done all the rest).
            with taken.get_lock():
                taken.value = len(order)
            raise
