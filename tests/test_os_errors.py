"""An operating-system error reaches the clerk in Chinese: the system's own English text
(`strerror`: "No space left on device", "Permission denied") never appears in a message."""

from __future__ import annotations

import errno
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from drafter.datafile import load_data
from drafter.errors import UserError, WriteFailed
from drafter.os_errors import os_reason

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "county-urban-management-bureau.yaml"
_LATIN = re.compile(r"[A-Za-z]{3,}")  # an English word (a path is left out before looking)


def test_every_errno_name_of_the_data_file_is_one_python_knows():
    words = load_data("os_errors.yaml")
    assert set(words) == {"errno", "winerror"}
    unknown = [name for name in words["errno"] if not isinstance(getattr(errno, name, None), int)]
    assert not unknown, f"not an errno name: {unknown}"
    assert all(isinstance(number, int) for number in words["winerror"])
    assert all(not _LATIN.search(text.replace("U 盘", "")) for text in [*words["errno"].values(), *words["winerror"].values()])


@pytest.mark.parametrize(("number", "english", "chinese"), [
    (errno.ENOSPC, "No space left on device", "磁盘已满"),
    (errno.EACCES, "Permission denied", "没有访问权限"),
    (errno.EROFS, "Read-only file system", "磁盘是只读的"),
    (errno.EIO, "Input/output error", "读写磁盘出错"),
    (errno.ENAMETOOLONG, "File name too long", "文件名或路径过长"),
])
def test_a_known_error_is_said_in_chinese_and_its_english_text_is_dropped(number, english, chinese):
    error = OSError(number, english)
    reason = os_reason(error)
    assert chinese in reason and english not in reason and not _LATIN.search(reason)


def test_a_windows_error_number_comes_before_the_errno_it_maps_to():
    # Word holding the draft open: Windows raises errno EACCES with WinError 32 (a sharing violation).
    error = PermissionError(errno.EACCES, "The process cannot access the file because it is being used by another process")
    error.winerror = 32
    assert os_reason(error) == "文件正被另一个程序使用"
    assert os_reason(PermissionError(errno.EACCES, "Permission denied")) == "没有访问权限"


def test_an_unknown_error_gives_its_errno_name_not_its_english_text():
    assert os_reason(OSError(errno.ECHILD, "No child processes")) == "系统错误 ECHILD"
    assert os_reason(OSError("something odd")) == "系统错误"


def test_a_full_disk_names_the_file_and_whether_an_old_one_was_kept():
    full = OSError(errno.ENOSPC, "No space left on device")
    assert str(WriteFailed("草稿.docx", full)) == "无法写入 草稿.docx（磁盘已满）。原文件未改动"
    assert str(WriteFailed("草稿.docx", full, existed=False)) == "无法写入 草稿.docx（磁盘已满）。未写入"
    locked = str(WriteFailed("草稿.docx", PermissionError(errno.EACCES, "Permission denied")))
    assert "没有访问权限" in locked and "Word 或 WPS" in locked and "Permission" not in locked


def _drafter(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "drafter", *args], cwd=cwd, capture_output=True, text=True, timeout=120)


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux's /proc, where no file can be created")
def test_a_real_refused_write_is_one_chinese_message(tmp_path):
    result = _drafter("render", str(EXAMPLE), "-o", "/proc/草稿.docx", cwd=tmp_path)
    assert result.returncode == 1
    message = result.stderr.strip()
    assert message == "错误：无法写入 /proc/草稿.docx（文件或文件夹不存在）。未写入", message
    assert "Traceback" not in result.stdout + result.stderr


def test_a_lock_file_that_cannot_be_made_is_said_in_chinese(tmp_path, monkeypatch):
    from drafter import lock

    def refused(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(lock.os, "open", refused)
    with pytest.raises(UserError) as caught:
        with lock.answers_lock(tmp_path / "2025.yaml"):
            pass
    monkeypatch.undo()
    assert "磁盘是只读的" in str(caught.value) and "Read-only" not in str(caught.value)


def test_a_file_that_cannot_be_read_is_said_in_chinese(tmp_path, monkeypatch):
    from drafter import safe_read

    answers = tmp_path / "2024.yaml"
    shutil.copyfile(EXAMPLE, answers)
    real_open = os.open

    def failing(path, *args, **kwargs):
        if Path(path) == answers:
            raise OSError(errno.EIO, "Input/output error")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(safe_read.os, "open", failing)
    with pytest.raises(UserError) as caught:
        safe_read.read_bytes(answers, limit=safe_read.ANSWERS_LIMIT, what="答卷文件")
    monkeypatch.undo()
    assert str(caught.value) == f"无法读取答卷文件 {answers}：读写磁盘出错（磁盘、U 盘或网络驱动器可能有故障）"
