"""Safe writes: a temp file in the same folder, fsync, then an atomic rename.

A crash or an exception at any point leaves either the old file or the new one,
never half of each.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from .errors import RefusedAction


def backup_path(path: Path) -> Path:
    """草稿.docx → 草稿.bak.docx (still opens in Word by double-click)."""
    return path.with_name(f"{path.stem}.bak{path.suffix}")


def atomic_write_bytes(path: Path, data: bytes, *, overwrite: bool = True, backup: bool = False) -> Path | None:
    """Write `data` to `path` atomically; return the backup made, if any.

    overwrite=False refuses an existing file; backup=True keeps the old file as
    `backup_path(path)` before replacing it.
    """
    path = Path(path)
    if path.exists() and not overwrite:
        raise RefusedAction(f"文件 {path} 已存在，未覆盖。如需覆盖请加 --force（原文件会保留为 {backup_path(path).name}）")
    if path.is_dir():
        raise RefusedAction(f"{path} 是一个文件夹，不能写入")
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    saved = None
    try:
        with os.fdopen(handle, "wb") as temp:
            temp.write(data)
            temp.flush()
            os.fsync(temp.fileno())
        if backup and path.exists():
            saved = backup_path(path)
            shutil.copy2(path, saved)  # a copy, so `path` exists at every instant
        os.replace(temp_name, path)
    except BaseException:
        if os.path.exists(temp_name):
            os.unlink(temp_name)
        raise
    _fsync_directory(path.parent)
    return saved


def atomic_write_text(path: Path, text: str, **options) -> Path | None:
    return atomic_write_bytes(path, text.encode("utf-8"), **options)


def _fsync_directory(directory: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
