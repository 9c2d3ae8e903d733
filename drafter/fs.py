"""Safe writes: a temp file in the same folder, fsync, then an atomic rename.

A crash or an exception at any point leaves either the old file or the new one,
never half of each.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from pathlib import Path

from .errors import OutputExists, RefusedAction, WriteFailed
from .paths import backup_path


def atomic_write_bytes(path: Path, data: bytes, *, overwrite: bool = True, backup: bool = False) -> Path | None:
    """Write `data` to `path` atomically; return the backup made, if any.

    overwrite=False refuses an existing file; backup=True keeps the old file as
    `backup_path(path)` before replacing it. The new file keeps the old one's permissions.
    An operating-system error (a read-only folder, a file open in Word on Windows, a full
    disk) becomes one Chinese message; the old file is intact and no temp file is left.
    """
    path = Path(path)
    if path.exists() and not overwrite:
        raise OutputExists(path)
    if path.is_dir():
        raise RefusedAction(f"{path} 是一个文件夹，不能写入")
    temp_name = None
    saved = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(handle, "wb") as temp:
            temp.write(data)
            temp.flush()
            os.fsync(temp.fileno())
        _copy_mode(path, temp_name)
        if backup and path.exists():
            saved = backup_path(path)
            shutil.copy2(path, saved)  # a copy, so `path` exists at every instant
        os.replace(temp_name, path)
        temp_name = None
    except OSError as error:
        raise WriteFailed(path, error) from None
    finally:
        if temp_name is not None and os.path.exists(temp_name):
            os.unlink(temp_name)
    _fsync_directory(path.parent)
    return saved


def _copy_mode(path: Path, temp_name: str) -> None:
    """Give the temp file the permissions of the file it replaces (mkstemp makes it 0600)."""
    if os.name != "posix":
        return
    mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else 0o666 & ~_umask()
    os.chmod(temp_name, mode)


def _umask() -> int:
    """The process umask, read without changing it (os.umask would, for every thread)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    return 0o022


def atomic_write_text(path: Path, text: str, **options) -> Path | None:
    return atomic_write_bytes(path, text.encode("utf-8"), **options)


def _fsync_directory(directory: Path) -> None:
    """Make the rename itself durable (POSIX); some file systems refuse, which is harmless."""
    if os.name != "posix":
        return
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
