"""Many items over all cores: a process pool with a progress bar, shared by `render` and `summary`.

Workers are separate processes (ProcessPoolExecutor): the work is CPU-bound Python.
"""

from __future__ import annotations

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
                 console=None, initializer: Callable[[], None] | None = None) -> list:
    """`[func(item) for item in items]` over a process pool, with a progress bar; order kept.

    `func` must be a module-level function that never raises (it returns its error);
    `initializer` runs once in each worker (imports, data files). One item, or jobs=1,
    runs in this process: no pool to start.
    """
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    console = console or Console(stderr=True)
    jobs = max(1, min(jobs or default_jobs(), len(items) or 1))
    results: list = [None] * len(items)
    columns = (TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
               TextColumn("用时"), TimeElapsedColumn(), TextColumn("剩余"), TimeRemainingColumn())
    if jobs == 1 or len(items) <= 1:
        with Progress(*columns, console=console, transient=False) as progress:
            task = progress.add_task(description, total=len(items))
            for index, item in enumerate(items):
                results[index] = func(item)
                progress.advance(task)
        return results
    # The pool's processes are started before the progress bar's refresh thread exists
    # (forking a process that runs threads can deadlock).
    executor = ProcessPoolExecutor(max_workers=jobs, initializer=initializer)
    try:
        futures: dict[Future, int] = {executor.submit(func, item): index for index, item in enumerate(items)}
        with Progress(*columns, console=console, transient=False) as progress:
            task = progress.add_task(description, total=len(items))
            for future in as_completed(futures):
                index = futures[future]
                try:
                    results[index] = future.result()
                except BrokenProcessPool:
                    raise WorkerCrashed() from None
                progress.advance(task)
    except BaseException:
        executor.shutdown(wait=False, cancel_futures=True)
        raise
    executor.shutdown(wait=True)
    return results
