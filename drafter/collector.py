"""Python's cyclic garbage collector paused while work that leaves no garbage cycles runs.

A render makes tens of thousands of objects (lxml's element proxies; on a process's first
render, the classes of python-docx, Jinja and docxtpl as they are imported) and next to no
reference cycles; the collections their allocations set off scan the whole heap for nothing:
measured, a full collection fell in the first render of every cold `drafter render` (10–30 ms).
A batch's warm-up (drafter.batch) builds only what the process keeps to its end — modules,
catalogues, the prepared template — and, paused, a full collection no longer falls in it (it
did in every batch: 20–40 ms before the workers could start); what it built is then moved
out of the collector's sight (`gc.freeze`), or the first collection after it would scan it all.
`drafter render FILE` makes its process's one draft so (drafter.draft_commands): all it builds
lives to the exit, which collects nothing either (drafter.cli.run); its imports' collections
cost a cold render 10–25 ms.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager


@contextmanager
def collector_paused(*, keep: bool = False):
    """The collector off inside, as it was afterwards (also a decorator). `keep`: what was built
    inside is kept for the life of the process, and never scanned again (`gc.freeze`)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if keep:
            gc.freeze()
        if enabled:
            gc.enable()
