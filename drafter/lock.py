"""A lock on an answers file, so that two drafter runs never rewrite the same file at once.

    with answers_lock(path) as lock:
        if lock.stale:
            print(lock.stale)          # the previous run died without releasing its lock
        ... load, ask, save_answers(path, data) ...

The lock is a file beside the answers (`2025.yaml.lock`) holding an operating-system lock
(`flock` on Linux and macOS, `msvcrt.locking` on Windows) for as long as the `with` block
runs. The operating system drops that lock when the process ends in any way (Ctrl-C, a
crash, a closed terminal window), so a lock left behind by a dead process is taken over
at once; the file also records who holds it (process id, computer, start time) for the
message the other run shows. Where the file system offers no locks (some network drives),
the recorded process id decides: a live process on this computer holds the lock, a dead
one left a stale lock.
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import socket
import stat
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from .errors import ActionFailed, RefusedAction
from .os_errors import os_reason
from .paths import display

# Windows locks a byte range; lock one byte far past the holder's record so the record
# itself stays readable by the run that is refused.
_WINDOWS_LOCK_OFFSET = 1 << 30


class AnswersLocked(RefusedAction):
    """Another drafter is working on the same answers file (exit code 1)."""


def lock_path(path: Path | str) -> Path:
    """2025.yaml → 2025.yaml.lock (beside it, so the clerk can find it)."""
    path = Path(path)
    return path.with_name(f"{path.name}.lock")


class AnswersLock:
    """The lock itself; prefer the `answers_lock` context manager."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.lock_file = lock_path(self.path)
        self.stale: str | None = None  # a note when a dead run's lock was taken over
        self._fd: int | None = None
        self._os_lock = False

    # ------------------------------------------------------------ acquire / release

    def acquire(self) -> "AnswersLock":
        if self._fd is not None:
            raise RuntimeError("lock already held")
        for _ in range(5):
            fd = self._open()
            try:
                locked = _try_os_lock(fd)
            except OSError:
                locked = None  # no locks on this file system: decide by the recorded process
            if locked is False:
                holder = _read_holder(fd)
                os.close(fd)
                raise AnswersLocked(self._message(holder))
            if locked is None:
                holder = _read_holder(fd)
                if holder and _holder_alive(holder):
                    os.close(fd)
                    raise AnswersLocked(self._message(holder))
            if locked and not _same_file(fd, self.lock_file):
                # The previous holder removed the file between our open and our lock: retry.
                _os_unlock(fd)
                os.close(fd)
                continue
            self._fd, self._os_lock = fd, bool(locked)
            break
        else:  # pragma: no cover - needs a pathological race five times in a row
            raise AnswersLocked(self._message(None))
        previous = _read_holder(self._fd)
        if previous and previous.get("pid") != os.getpid():
            self.stale = (
                f"上次在 {previous.get('started', '?')} 开始的 drafter（进程 {previous.get('pid', '?')}）"
                f"没有正常结束，已接管答卷文件 {self.path.name} 的锁"
            )
        self._write_holder()
        return self

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            if os.name == "posix":
                # Remove the file while still holding the lock; a run that opened it just
                # before sees, after locking, that it is no longer the lock file and retries.
                _unlink_quietly(self.lock_file)
            else:
                os.ftruncate(fd, 0)
            if self._os_lock:
                _os_unlock(fd)
        finally:
            os.close(fd)
        if os.name != "posix":
            _unlink_quietly(self.lock_file)  # fails harmlessly if another run has it open

    def __enter__(self) -> "AnswersLock":
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()

    # ------------------------------------------------------------ helpers

    def _open(self) -> int:
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOINHERIT", 0)
        flags |= getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        try:
            self.lock_file.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.lock_file, flags, 0o644)
        except OSError as error:
            if error.errno == errno.ELOOP or os.path.islink(self.lock_file):
                raise RefusedAction(f"锁文件 {display(self.lock_file)} 是一个符号链接（快捷方式），drafter 不会通过它写入别处的文件。"
                                    "请确认后删除这个链接再重试") from None
            raise ActionFailed(
                f"无法创建锁文件 {display(self.lock_file)}（{os_reason(error)}）：请确认答卷所在的文件夹可以写入"
            ) from None
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise RefusedAction(f"锁文件 {display(self.lock_file)} 不是普通文件（是文件夹、设备或管道），请确认后删除它再重试")
        return fd

    def _write_holder(self) -> None:
        record = {
            "program": "drafter",
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "started": dt.datetime.now().strftime("%Y-%m-%d %H:%M:%S"),
        }
        data = json.dumps(record, ensure_ascii=False).encode("utf-8")
        os.lseek(self._fd, 0, os.SEEK_SET)
        os.ftruncate(self._fd, 0)
        os.write(self._fd, data)
        try:
            os.fsync(self._fd)
        except OSError:
            pass

    def _message(self, holder: dict | None) -> str:
        who = "另一个 drafter"
        if holder:
            details = [f"进程 {holder.get('pid', '?')}"]
            if holder.get("host") and holder.get("host") != socket.gethostname():
                details.append(f"电脑 {holder['host']}")
            if holder.get("started"):
                details.append(f"{holder['started']} 开始")
            who += "（" + "，".join(details) + "）"
        return (
            f"答卷文件 {self.path} 正被{who}使用。两个 drafter 同时修改同一份答卷会互相覆盖，"
            "请先在那个窗口里完成或按 Ctrl+C 退出，再重新运行。"
            f"如果确认没有其他 drafter 在运行，可以删除 {self.lock_file} 后重试"
        )


@contextmanager
def answers_lock(path: Path | str) -> Iterator[AnswersLock]:
    """Hold the lock on the answers file `path` for the `with` block (see the module text).

    Raises `AnswersLocked` (a UserError, exit code 1) with a Chinese message naming the
    other run when another drafter holds it.
    """
    lock = AnswersLock(path)
    lock.acquire()
    try:
        yield lock
    finally:
        lock.release()


# ---------------------------------------------------------------- operating-system locks


def _try_os_lock(fd: int) -> bool:
    """True when locked, False when another process holds it; OSError when unsupported."""
    if os.name == "nt":
        import msvcrt

        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError as error:
            if error.errno in (errno.EACCES, errno.EDEADLK, getattr(errno, "EDEADLOCK", errno.EDEADLK)):
                return False
            raise
        finally:
            os.lseek(fd, 0, os.SEEK_SET)
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as error:
        if error.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
            return False
        raise
    return True


def _os_unlock(fd: int) -> None:
    try:
        if os.name == "nt":
            import msvcrt

            os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_UN)
    except OSError:
        pass  # closing the file releases it anyway


def _same_file(fd: int, path: Path) -> bool:
    """Whether `fd` is still the file at `path` (POSIX; on Windows an open file cannot vanish)."""
    if os.name != "posix":
        return True
    try:
        mine, there = os.fstat(fd), os.stat(path)
    except OSError:
        return False
    return (mine.st_dev, mine.st_ino) == (there.st_dev, there.st_ino)


def _read_holder(fd: int) -> dict | None:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        data = os.read(fd, 4096)
        holder = json.loads(data.decode("utf-8")) if data.strip() else None
    except (OSError, ValueError):
        return None
    return holder if isinstance(holder, dict) else None


def _holder_alive(holder: dict) -> bool:
    """Whether the recorded holder may still be running (a process on another computer may)."""
    if holder.get("host") not in (None, socket.gethostname()):
        return True
    pid = holder.get("pid")
    if not isinstance(pid, int) or pid <= 0:
        return False
    if pid == os.getpid():
        return True
    return process_alive(pid)


def process_alive(pid: int) -> bool:
    """Whether process `pid` exists on this computer (never signals or stops it)."""
    if os.name == "nt":
        return _windows_process_alive(pid)
    try:
        os.kill(pid, 0)  # signal 0: existence check only
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, owned by someone else
    except OSError:
        return False
    return True


def _windows_process_alive(pid: int) -> bool:  # pragma: no cover - Windows only
    # os.kill on Windows would terminate the process: ask the kernel instead.
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    kernel32.OpenProcess.restype = wintypes.HANDLE
    kernel32.OpenProcess.argtypes = (wintypes.DWORD, wintypes.BOOL, wintypes.DWORD)
    kernel32.GetExitCodeProcess.argtypes = (wintypes.HANDLE, ctypes.POINTER(wintypes.DWORD))
    kernel32.CloseHandle.argtypes = (wintypes.HANDLE,)
    process_query_limited_information, still_active, access_denied = 0x1000, 259, 5
    handle = kernel32.OpenProcess(process_query_limited_information, False, pid)
    if not handle:
        return ctypes.get_last_error() == access_denied
    try:
        code = wintypes.DWORD()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == still_active
    finally:
        kernel32.CloseHandle(handle)


def _unlink_quietly(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
