"""Safe writes: every file drafter writes goes through `atomic_write_bytes`.

- The target must be a new name or a regular file: a symbolic link, a folder, a device
  node or a pipe is refused with a Chinese message (`-o /dev/null --force` never replaces
  the system's /dev/null, a planted link never redirects a write).
- The data goes to a temp file created exclusively in the same folder (O_EXCL, O_NOFOLLOW),
  is fsynced, then published: over an existing file by an atomic rename, onto a new name by
  a hard link that fails if the name appeared meanwhile (so two runs never both "create"
  the same draft; no check-then-write).
- The old file is kept under a new dated name (草稿.bak-20260301-0930.docx, -2, -3 … on
  collision), made by a hard link created exclusively: no byte is copied, a backup is never
  overwritten, and a full disk cannot damage it.
- Any failure (a full disk, a read-only folder, a file open in Word, Ctrl-C) removes what
  this call created and leaves every existing file as it was.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import stat
from pathlib import Path

from .errors import OutputExists, RefusedAction, WriteFailed
from .paths import backup_path, display

MAX_NAME_BYTES = 255  # one path component, on every common file system
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOINHERIT", 0) | getattr(os, "O_BINARY", 0)
# Errors meaning "this file system has no hard links": fall back to exclusive creation.
_LINK_OPTIONS = {"follow_symlinks": False} if os.link in os.supports_follow_symlinks else {}
_NO_LINKS = {errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EMLINK, errno.ENOSYS, errno.EXDEV, errno.EACCES,
             errno.EINVAL}


def check_name(path: Path) -> None:
    """Refuse a path with a component too long for the file system (a clear message, not OSError)."""
    if len(os.fsencode(path)) <= MAX_NAME_BYTES:  # no component of it can be longer
        return
    for part in Path(path).parts:
        size = len(os.fsencode(part))
        if size > MAX_NAME_BYTES:
            raise RefusedAction(f"文件名或文件夹名“{display(part)[:24]}…”过长（{size} 字节，上限 {MAX_NAME_BYTES} 字节），"
                                "请换一个短一些的名字")


def check_output(path: Path | str) -> bool:
    """Whether `path` exists as a regular file; refuse links, folders, devices and pipes (RefusedAction)."""
    path = Path(path)
    check_name(path)
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return False
    except NotADirectoryError:
        raise RefusedAction(f"无法写入 {display(path)}：路径中的 {display(path.parent)} 不是文件夹") from None
    except OSError as error:
        raise WriteFailed(path, error, existed=False) from None  # nothing was touched either way
    if stat.S_ISLNK(info.st_mode):
        raise RefusedAction(f"{display(path)} 是一个符号链接（快捷方式），drafter 不会通过它写入别处的文件，未写入。"
                            "请换一个文件名，或先删除这个链接")
    if stat.S_ISDIR(info.st_mode):
        raise RefusedAction(f"{display(path)} 是一个文件夹，不能写入：请给出文件名，例如 {display(path / ('草稿' + '.docx'))}")
    if not stat.S_ISREG(info.st_mode):
        raise RefusedAction(f"{display(path)} 不是普通文件（是设备、管道或套接字），drafter 只写入普通文件，未写入")
    return True


def refuse_existing(path: Path | str, force: bool) -> None:
    """The early check of a command's output (before any work): a bad target, or an existing
    file without --force, is refused. The write itself checks again, exclusively."""
    if check_output(path) and not force:
        raise OutputExists(path)


def atomic_write_bytes(path: Path, data: bytes, *, overwrite: bool = True, backup: bool = False) -> Path | None:
    """Write `data` to `path` safely (see the module text); return the backup made, if any.

    overwrite=False refuses an existing file; backup=True keeps an existing file under a new
    dated name before replacing it. The new file keeps the old one's permissions. An
    operating-system error becomes one Chinese message (WriteFailed, exit code 1).
    """
    path = Path(path)
    for _ in range(5):  # another process may create or remove the target between the steps
        existing = check_output(path)
        if existing and not overwrite:
            raise OutputExists(path)
        try:
            _make_folder(path.parent)
            return _write_once(path, data, existing, backup)
        except _Raced:
            continue
        except OSError as error:
            raise WriteFailed(path, error, existed=existing) from None
    raise RefusedAction(f"{display(path)} 正被另一个程序同时改写，未写入，请稍后重试")


class _Raced(Exception):
    """The target appeared or vanished between the check and the publication: start again."""


def _make_folder(folder: Path) -> None:
    if not folder.exists():
        check_name(folder)
        folder.mkdir(parents=True, exist_ok=True)


def _write_once(path: Path, data: bytes, existing: bool, backup: bool) -> Path | None:
    temp = _write_temp(path, data, existing)
    saved: Path | None = None
    published = False
    try:
        if existing:
            if backup:
                saved = keep_backup(path)
            os.replace(temp, path)
        else:
            _publish_new(temp, path)
        published = True
    except FileExistsError:
        raise _Raced() from None
    finally:
        _unlink_quietly(temp)
        if not published and saved is not None:
            _unlink_quietly(saved)  # the backup is a name this call made; the original is untouched
    _fsync_directory(path.parent)
    return saved


def _write_temp(path: Path, data: bytes, existing: bool) -> Path:
    """The data in a new temp file beside `path`, fsynced; it has the old file's permissions."""
    mode = stat.S_IMODE(os.stat(path).st_mode) if existing else 0o666  # 0o666 & ~umask for a new file
    temp = path.with_name(f".{path.name[:180]}.{os.urandom(4).hex()}.tmp")  # as secrets.token_hex, without hmac
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC, 0o600 if existing else mode)
    try:
        if existing and os.name == "posix":
            os.fchmod(fd, mode)
        _write_all(fd, data)
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        _unlink_quietly(temp)
        raise
    os.close(fd)
    return temp


def _publish_new(temp: Path, path: Path) -> None:
    """Give the temp file the name `path`, failing (FileExistsError) if that name exists by now."""
    try:
        os.link(temp, path, **_LINK_OPTIONS)
        return
    except FileExistsError:
        raise
    except OSError as error:
        if error.errno not in _NO_LINKS:
            raise
    # No hard links here (FAT, some network drives): reserve the name exclusively, then rename onto it.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC, 0o600)
    os.close(fd)
    try:
        os.replace(temp, path)
    except BaseException:
        _unlink_quietly(path)
        raise


def keep_backup(path: Path) -> Path:
    """Keep the current `path` under a new dated backup name (never overwriting one); return it."""
    now = dt.datetime.now()
    for number in range(1, 1000):
        candidate = backup_path(path, number, now)
        check_name(candidate)
        try:
            os.link(path, candidate, **_LINK_OPTIONS)
            return candidate
        except FileExistsError:
            continue
        except OSError as error:
            if error.errno not in _NO_LINKS:
                raise
        try:
            _copy_exclusive(path, candidate)
            return candidate
        except FileExistsError:
            continue
    raise OSError(errno.EEXIST, "备份文件名已用尽")


def _copy_exclusive(source: Path, target: Path) -> None:
    """Copy `source` into the new file `target` (created exclusively); remove it on any failure."""
    src = os.open(source, os.O_RDONLY | _NOFOLLOW | _CLOEXEC)
    try:
        dst = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC, 0o600)
        try:
            if os.name == "posix":
                os.fchmod(dst, stat.S_IMODE(os.fstat(src).st_mode))
            while True:
                chunk = os.read(src, 1 << 20)
                if not chunk:
                    break
                _write_all(dst, chunk)
            os.fsync(dst)
        except BaseException:
            os.close(dst)
            _unlink_quietly(target)
            raise
        os.close(dst)
    finally:
        os.close(src)


def atomic_write_text(path: Path, text: str, **options) -> Path | None:
    """`text` as UTF-8; a character UTF-8 cannot hold (a lone surrogate) becomes "?"."""
    return atomic_write_bytes(path, text.encode("utf-8", "replace"), **options)


def _write_all(fd: int, data: bytes) -> None:
    """os.write may write less than it is given (a full disk, a signal): write until all is out."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _unlink_quietly(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


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
