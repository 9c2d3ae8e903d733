"""Many items over all cores: a process pool with a progress bar, shared by `render` and `summary`.

Workers are separate processes (ProcessPoolExecutor): the work is CPU-bound Python.
"""

from __future__ import annotations

import gc
import os
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Callable

from .errors import WorkerCrashed


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def parallel_map(func: Callable[[Any], Any], items: list, *, jobs: int | None = None, description: str = "处理",
                 console=None, initializer: Callable[[], None] | None = None, chunk: int = 0) -> list:
    """`[func(item) for item in items]` over a process pool, with a progress bar; order kept.

    `func` must be a module-level function that never raises (it returns its error);
    `initializer` runs once in each worker (imports, data files); what the parent has
    imported and read before, forked workers share (on Linux). Given a `chunk`, `func`
    takes a list of up to `chunk` items and returns their results, so a worker streams
    through several items per task; the lists shrink towards the end (`_groups`), so the
    workers finish together. One item, or jobs=1, runs in this process: no pool.
    """
    jobs = max(1, min(jobs or default_jobs(), len(items) or 1))
    groups = _groups(items, chunk, jobs) if chunk else [[item] for item in items]
    call = func if chunk else (lambda group: [func(group[0])])
    results: list = []
    if jobs == 1 or len(items) <= 1:
        with _progress(console) as progress:
            task = progress.add_task(description, total=len(items))
            for group in groups:
                results += call(group)
                progress.advance(task, len(group))
        return results
    done: list = [None] * len(groups)
    # The pool's processes are started before the progress bar's refresh thread exists
    # (forking a process that runs threads can deadlock).
    executor = ProcessPoolExecutor(max_workers=jobs, initializer=initializer, mp_context=_fork_context())
    try:
        submit = (lambda group: executor.submit(func, group)) if chunk else \
            (lambda group: executor.submit(_one, func, group[0]))
        gc.freeze()  # the workers fork at the first submit: what is prepared is never garbage-collected there
        try:
            futures: dict[Future, int] = {submit(group): index for index, group in enumerate(groups)}
        finally:
            gc.unfreeze()
        with _progress(console) as progress:  # rich is imported while the workers start
            task = progress.add_task(description, total=len(items))
            for future in as_completed(futures):
                index = futures[future]
                try:
                    done[index] = future.result()
                except BrokenProcessPool:
                    raise WorkerCrashed() from None
                progress.advance(task, len(groups[index]))
    except BaseException:
        executor.shutdown(wait=False, cancel_futures=True)
        raise
    executor.shutdown(wait=True)
    return [result for group in done for result in group]


def _progress(console=None):
    """The progress bar (on standard error unless `console` says otherwise)."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    columns = (TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
               TextColumn("用时"), TimeElapsedColumn(), TextColumn("剩余"), TimeRemainingColumn())
    return Progress(*columns, console=console or Console(stderr=True), transient=False)


def _groups(items: list, chunk: int, jobs: int) -> list[list]:
    """`items` in consecutive lists of at most `chunk` items and at most half of each worker's
    share of what is left: the last tasks hold a single item, so no worker waits long for another."""
    groups, start = [], 0
    while start < len(items):
        size = max(1, min(chunk, (len(items) - start) // (2 * jobs)))
        groups.append(items[start:start + size])
        start += size
    return groups


def _one(func: Callable[[Any], Any], item: Any) -> list:
    return [func(item)]


def _fork_context():
    """Fork on Linux, so workers start with the parent's imports and prepared data; elsewhere
    the platform's default (fork is unsafe on macOS, absent on Windows)."""
    import multiprocessing
    import sys

    return multiprocessing.get_context("fork") if sys.platform.startswith("linux") else None
