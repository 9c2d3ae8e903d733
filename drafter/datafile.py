"""Reading the bundled YAML data files (catalogue, wording) once per process.

Parsing YAML costs a cold command more than the rest of reading its data (14 ms of a
`drafter render`), so each bundled file's values are also kept beside it as Python's own
`marshal` data, as Python keeps byte-code: in `__pycache__` (or under PYTHONPYCACHEPREFIX),
used while the YAML file keeps its size and modification time, written only where
byte-code would be. A cache that is missing, stale or unreadable is simply not used.
"""

from __future__ import annotations

import marshal
import os
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

from .paths import templates_dir

_FORMAT = 1  # bump when the cached layout changes


@lru_cache(maxsize=None)
def load_data(name: str) -> Any:
    """A YAML data file of templates/ (catalogue.yaml, wording.yaml, …)."""
    path = templates_dir() / name
    try:
        status = os.stat(path)
    except OSError:
        return load_yaml_file(path)  # the same message as any unreadable file
    stamp = (_FORMAT, status.st_size, status.st_mtime_ns)
    cache = _cache_path(path)
    data = _read_cache(cache, stamp)
    if data is None:
        data = load_yaml_file(path)
        _write_cache(cache, stamp, data)
    return data


def load_yaml_file(path: Path) -> Any:
    from .yaml_values import read_values

    with open(path, encoding="utf-8") as handle:
        return read_values(handle.read())


def _cache_path(path: Path) -> Path:
    folder = path.parent.resolve()
    if sys.pycache_prefix:
        folder = Path(sys.pycache_prefix) / folder.relative_to(folder.anchor)
    else:
        folder = folder / "__pycache__"
    return folder / f"{path.name}.{sys.implementation.cache_tag}.marshal"


def _read_cache(cache: Path, stamp: tuple) -> Any:
    try:
        with open(cache, "rb") as handle:
            if marshal.load(handle) != stamp:
                return None
            return marshal.load(handle)
    except (OSError, EOFError, ValueError, TypeError):
        return None


def _write_cache(cache: Path, stamp: tuple, data: Any) -> None:
    if sys.dont_write_bytecode:
        return
    try:
        payload = marshal.dumps(stamp) + marshal.dumps(data)
    except ValueError:  # a value marshal cannot keep (a date): read the YAML each time
        return
    temp = cache.with_name(f"{cache.name}.{os.getpid()}.tmp")
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        with open(temp, "wb") as handle:
            handle.write(payload)
        os.replace(temp, cache)  # whole or not at all; a cache needs no fsync
    except OSError:
        try:
            os.unlink(temp)
        except OSError:
            pass
