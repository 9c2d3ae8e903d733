"""Safe writes: temp file + fsync + rename, a crash leaves the old file, a failed render leaves the
previous draft, answers are written back as UTF-8, and the answers lock keeps two runs apart."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from conftest import REPO

from drafter import fs
from drafter.answers import load_answers, save_answers
from drafter.errors import UserError
from drafter.lock import AnswersLocked, answers_lock, lock_path

BASE = REPO / "tests" / "fixtures" / "bad" / "_base.yaml"


def _listing(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir())}


# ---------------------------------------------------------------- crash mid-write


@pytest.mark.parametrize("where", ["os.replace", "os.fsync"])
def test_crash_before_rename_leaves_old_file_and_no_temp(tmp_path, monkeypatch, where):
    target = tmp_path / "2025.yaml"
    target.write_bytes(b"year: 2024\n# the clerk's record\n")

    def crash(*args, **kwargs):
        raise RuntimeError("simulated power cut")

    monkeypatch.setattr(fs.os, where.split(".")[1], crash)
    with pytest.raises(RuntimeError, match="simulated power cut"):
        fs.atomic_write_bytes(target, b"year: 2025\n")
    monkeypatch.undo()
    assert _listing(tmp_path) == {"2025.yaml": b"year: 2024\n# the clerk's record\n"}


def test_os_error_on_rename_is_one_chinese_message(tmp_path, monkeypatch):
    target = tmp_path / "draft.docx"
    target.write_bytes(b"old draft")

    def locked_by_word(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(fs.os, "replace", locked_by_word)
    with pytest.raises(UserError) as caught:
        fs.atomic_write_bytes(target, b"new draft", overwrite=True)
    monkeypatch.undo()
    assert caught.value.exit_code == 1
    assert "无法写入" in str(caught.value) and "Word 或 WPS" in str(caught.value) and "原文件未改动" in str(caught.value)
    assert _listing(tmp_path) == {"draft.docx": b"old draft"}


def test_save_answers_crash_keeps_the_answers(tmp_path, monkeypatch):
    answers = tmp_path / "2024.yaml"
    shutil.copyfile(BASE, answers)
    before = answers.read_bytes()
    loaded = load_answers(answers)
    loaded.data["year"] = 2025

    def crash(*args, **kwargs):
        raise KeyboardInterrupt  # Ctrl-C at the worst moment

    monkeypatch.setattr(fs.os, "replace", crash)
    with pytest.raises(KeyboardInterrupt):
        save_answers(answers, loaded.data)
    monkeypatch.undo()
    assert _listing(tmp_path) == {"2024.yaml": before}


def test_render_whose_rename_fails_keeps_the_previous_draft(cli, tmp_path, monkeypatch):
    answers = tmp_path / "a.yaml"
    shutil.copyfile(BASE, answers)
    draft = tmp_path / "a.docx"
    draft.write_bytes(b"previous draft")

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fs.os, "replace", disk_full)
    result = cli("render", answers, "--force")
    monkeypatch.undo()
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr and "无法写入" in result.stderr
    assert draft.read_bytes() == b"previous draft"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_render_that_fails_leaves_previous_output_untouched(cli, tmp_path):
    from docx import Document

    template = tmp_path / "broken.docx"
    document = Document()
    document.add_paragraph("{{ title }}")
    document.add_paragraph("{%p for part in parts %}")  # never closed
    document.save(str(template))
    answers = tmp_path / "a.yaml"
    answers.write_text(
        BASE.read_text(encoding="utf-8").replace("measures:\n", f"layout:\n  template: '{template}'\nmeasures:\n", 1),
        encoding="utf-8",
    )
    draft = tmp_path / "a.docx"
    draft.write_bytes(b"previous draft")
    before = _listing(tmp_path)
    result = cli("render", answers, "--force")
    assert result.exit_code == 2
    assert "模板" in result.stderr and "drafter template check" in result.stderr
    assert _listing(tmp_path) == before  # no new draft, no backup, no temp file


def test_output_over_answers_file_is_refused(cli, tmp_path):
    answers = tmp_path / "a.yaml"
    shutil.copyfile(BASE, answers)
    before = _listing(tmp_path)
    result = cli("render", answers, "-o", answers, "--force")
    assert result.exit_code == 1
    assert "像是答卷文件" in result.stderr
    assert _listing(tmp_path) == before


def test_force_keeps_the_old_draft_as_backup(tmp_path):
    draft = tmp_path / "d.docx"
    draft.write_bytes(b"v1")
    with pytest.raises(UserError, match="--overwrite"):
        fs.atomic_write_bytes(draft, b"v2", overwrite=False, backup=True)
    assert fs.atomic_write_bytes(draft, b"v2", overwrite=True, backup=True) == tmp_path / "d.bak.docx"
    assert _listing(tmp_path) == {"d.bak.docx": b"v1", "d.docx": b"v2"}


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_rewrite_keeps_file_permissions(tmp_path):
    target = tmp_path / "a.yaml"
    target.write_bytes(b"x")
    target.chmod(0o640)
    fs.atomic_write_bytes(target, b"y")
    assert target.stat().st_mode & 0o777 == 0o640


# ---------------------------------------------------------------- written back as UTF-8


@pytest.mark.parametrize(
    "encoding,prefix", [("gbk", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe")], ids=["gbk", "bom", "utf-16"]
)
def test_windows_encoded_answers_are_written_back_as_utf8(tmp_path, encoding, prefix):
    answers = tmp_path / "2024.yaml"
    text = BASE.read_text(encoding="utf-8")
    answers.write_bytes(prefix + text.encode(encoding))
    loaded = load_answers(answers)
    assert loaded.encoding != "utf-8" and loaded.notes
    save_answers(answers, loaded.data)
    raw = answers.read_bytes()
    assert not raw.startswith((b"\xef\xbb\xbf", b"\xff\xfe"))
    assert "某某县城市管理局" in raw.decode("utf-8")  # strict UTF-8 now
    assert "# 坏输入样本的母本" in raw.decode("utf-8")  # comments kept
    again = load_answers(answers)
    assert again.encoding == "utf-8" and again.report == loaded.report


# ---------------------------------------------------------------- the answers lock


def test_lock_is_released_and_removed(tmp_path):
    answers = tmp_path / "2025.yaml"
    with answers_lock(answers) as lock:
        assert lock_path(answers).exists() and lock.stale is None
    assert not lock_path(answers).exists()
    with answers_lock(answers):  # and can be taken again
        pass


def test_second_holder_gets_a_clear_message(tmp_path):
    answers = tmp_path / "2025.yaml"
    with answers_lock(answers):
        with pytest.raises(AnswersLocked) as caught:
            with answers_lock(answers):
                pytest.fail("two holders")
    message = str(caught.value)
    assert caught.value.exit_code == 1
    assert f"进程 {os.getpid()}" in message and "正被另一个 drafter" in message and "2025.yaml.lock" in message
    assert not lock_path(answers).exists()


_HOLDER = textwrap.dedent(
    """
    import sys, time
    sys.path.insert(0, {repo!r})
    from drafter.lock import answers_lock
    with answers_lock({answers!r}):
        print("locked", flush=True)
        time.sleep(60)
    """
)


def _hold_in_subprocess(answers: Path) -> subprocess.Popen:
    process = subprocess.Popen(
        [sys.executable, "-c", _HOLDER.format(repo=str(REPO), answers=str(answers))],
        stdout=subprocess.PIPE, text=True,
    )
    assert process.stdout.readline().strip() == "locked"
    return process


def test_another_process_holds_the_lock_until_it_dies(tmp_path):
    answers = tmp_path / "2025.yaml"
    holder = _hold_in_subprocess(answers)
    try:
        with pytest.raises(AnswersLocked, match=f"进程 {holder.pid}"):
            with answers_lock(answers):
                pass
    finally:
        holder.kill() if os.name != "posix" else holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=30)
    # The holder died without releasing: its lock file is still there, but the lock is free.
    assert lock_path(answers).exists()
    with answers_lock(answers) as lock:
        assert lock.stale and f"进程 {holder.pid}" in lock.stale and "没有正常结束" in lock.stale
    assert not lock_path(answers).exists()


def test_stale_record_of_a_dead_process_is_taken_over(tmp_path):
    answers = tmp_path / "2025.yaml"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait(timeout=30)
    time.sleep(0.05)
    lock_path(answers).write_text(
        f'{{"program": "drafter", "pid": {dead.pid}, "host": "{__import__("socket").gethostname()}", '
        '"started": "2025-01-05 09:00:00"}', encoding="utf-8"
    )
    with answers_lock(answers) as lock:
        assert lock.stale and "2025-01-05 09:00:00" in lock.stale


def test_liveness_check_never_signals_a_live_process():
    from drafter.lock import process_alive

    assert process_alive(os.getpid())
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait(timeout=30)
    assert not process_alive(dead.pid)


def test_without_os_locks_the_recorded_process_decides(tmp_path, monkeypatch):
    """Some network drives offer no file locks: a live recorded holder refuses, a dead one is stale."""
    import errno
    import socket

    from drafter import lock as lock_module

    def no_locks(fd):
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(lock_module, "_try_os_lock", no_locks)
    answers = tmp_path / "2025.yaml"
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        lock_path(answers).write_text(
            f'{{"pid": {sleeper.pid}, "host": "{socket.gethostname()}", "started": "2025-01-05 09:00:00"}}',
            encoding="utf-8",
        )
        with pytest.raises(AnswersLocked, match=f"进程 {sleeper.pid}"):
            with answers_lock(answers):
                pass
    finally:
        sleeper.kill()
        sleeper.wait(timeout=30)
    with answers_lock(answers) as lock:
        assert lock.stale and f"进程 {sleeper.pid}" in lock.stale
    assert not lock_path(answers).exists()
