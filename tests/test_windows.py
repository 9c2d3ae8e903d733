"""Windows behaviour, exercised here through the same functions (Windows simulated where needed).

What has not run on real Windows is listed in the README (section Windows).
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
import types
from pathlib import Path

import pytest

from conftest import REPO

from drafter import fs, lock
from drafter.answers import load_answers, report_data, save_answers

SANITATION = REPO / "examples" / "sanitation-centre.yaml"


# ---------------------------------------------------------------- CRLF answers files (Notepad)


def _crlf_copy(target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(SANITATION.read_bytes().replace(b"\n", b"\r\n"))
    return target


def test_crlf_answers_read_like_lf(tmp_path):
    loaded = load_answers(_crlf_copy(tmp_path / "2024.yaml"))
    assert loaded.report == load_answers(SANITATION).report
    assert not loaded.notes  # nothing "repaired": CRLF is an ordinary line end


def test_crlf_answers_rewritten_in_crlf_with_their_comments(tmp_path):
    answers = _crlf_copy(tmp_path / "2024.yaml")
    loaded = load_answers(answers)
    report = loaded.report.model_copy(deep=True)
    report.unit.superiors = "区委、区政府"
    save_answers(answers, report_data(report, base=loaded.data))
    raw = answers.read_bytes()
    assert raw.count(b"\r\n") == raw.count(b"\n") > 30  # every line CRLF, none mixed
    assert b"\r\r" not in raw
    text = raw.decode("utf-8")
    assert "# 没有执法数据：不填的数字，草稿里就不出现相应句子。\r\n" in text  # header comment kept
    assert "# 事业单位默认视为无行政执法权\r\n" in text  # end-of-line comment kept
    assert load_answers(answers).report.unit.superiors == "区委、区政府"


def test_drafter_new_keeps_a_crlf_file_crlf(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "答卷"
    _crlf_copy(folder / "2024.yaml")
    result = cli("new", "--year", "2024", "--dir", folder, "--no-input", "-o", tmp_path / "d.docx")
    assert result.exit_code == 0, result.output + result.stderr
    raw = (folder / "2024.yaml").read_bytes()
    assert raw.count(b"\r\n") == raw.count(b"\n")
    assert raw.startswith(b"# yaml-language-server: $schema=answers.schema.json\r\n")


def test_lf_file_stays_lf(tmp_path):
    answers = tmp_path / "2024.yaml"
    shutil.copyfile(SANITATION, answers)
    loaded = load_answers(answers)
    save_answers(answers, loaded.data)
    assert b"\r" not in answers.read_bytes()


# ---------------------------------------------------------------- GBK consoles and redirected output


def _gbk_run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """drafter with its output encoded as on a Chinese Windows console redirected to a file (cp936)."""
    env = os.environ | {"PYTHONIOENCODING": "gbk"}
    return subprocess.run([sys.executable, "-m", "drafter", *args], capture_output=True, env=env, cwd=cwd,
                          stdin=subprocess.DEVNULL, timeout=300)


def test_errors_reach_a_gbk_console_in_chinese(tmp_path):
    bad = tmp_path / "答卷 文件夹" / "2024.yaml"
    bad.parent.mkdir()
    bad.write_text(SANITATION.read_text(encoding="utf-8").replace("year: 2024", "year: 二〇二四"), encoding="utf-8")
    result = _gbk_run("render", str(bad), "-o", str(tmp_path / "草稿.docx"), cwd=tmp_path)
    assert result.returncode == 2
    message = result.stderr.decode("gbk")  # strict: every byte is GBK
    assert message.startswith("错误：") and "year" in message and "Traceback" not in message


def test_import_summary_table_prints_on_a_gbk_console(tmp_path, cli):
    assert cli("render", SANITATION, "-o", tmp_path / "去年 报告.docx").exit_code == 0
    result = _gbk_run("import", str(tmp_path / "去年 报告.docx"), "-o", str(tmp_path / "答卷" / "2024.yaml"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr.decode("gbk", "replace")
    output = (result.stdout + result.stderr).decode("gbk")
    assert "已导入" in output and "Traceback" not in output


# ---------------------------------------------------------------- paths with Chinese characters and spaces


def test_paths_with_chinese_characters_and_spaces(cli, tmp_path):
    folder = tmp_path / "法治 政府" / "2024 年度"
    folder.mkdir(parents=True)
    answers = folder / "环卫 中心.yaml"
    shutil.copyfile(SANITATION, answers)
    draft = tmp_path / "草稿 文件夹" / "环卫 中心（草稿）.docx"
    rendered = cli("render", answers, "-o", draft)
    assert rendered.exit_code == 0, rendered.stderr
    assert draft.stat().st_size > 10_000
    assert cli("check", answers, draft).exit_code == 0
    exported = cli("export", answers, "--md")
    assert exported.exit_code == 0, exported.stderr
    assert (folder / "环卫 中心.md").is_file()


# ---------------------------------------------------------------- a draft open in Word


def test_a_draft_open_in_word_is_reported_in_chinese(cli, tmp_path, monkeypatch):
    answers = tmp_path / "答卷 2024.yaml"
    shutil.copyfile(SANITATION, answers)
    draft = tmp_path / "草稿 2024.docx"
    draft.write_bytes(b"the draft Word has open")

    def sharing_violation(*args, **kwargs):
        # What Windows raises for a file Word holds open (WinError 32, errno EACCES).
        raise PermissionError(errno.EACCES, "另一个程序正在使用此文件，进程无法访问。")

    monkeypatch.setattr(fs.os, "replace", sharing_violation)
    result = cli("render", answers, "-o", draft, "--force")
    monkeypatch.undo()
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr
    assert "草稿 2024.docx" in result.stderr and "Word 或 WPS 打开" in result.stderr and "原文件未改动" in result.stderr
    assert draft.read_bytes() == b"the draft Word has open"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


# ---------------------------------------------------------------- the answers lock with msvcrt


class _FakeMsvcrt(types.ModuleType):
    """msvcrt.locking's semantics: a byte range at the file position, refused (EACCES) to other handles."""

    LK_UNLCK, LK_LOCK, LK_NBLCK = 0, 1, 2

    def __init__(self) -> None:
        super().__init__("msvcrt")
        self.held: dict[tuple, int] = {}
        self.positions: list[int] = []

    def locking(self, fd: int, mode: int, nbytes: int) -> None:
        position = os.lseek(fd, 0, os.SEEK_CUR)
        self.positions.append(position)
        info = os.fstat(fd)
        key = (info.st_dev, info.st_ino, position, nbytes)
        if mode == self.LK_NBLCK:
            if self.held.get(key, fd) != fd:
                raise OSError(errno.EACCES, "Permission denied")
            self.held[key] = fd
        elif mode == self.LK_UNLCK:
            self.held.pop(key, None)


@pytest.fixture
def windows_lock(monkeypatch):
    """drafter.lock as it runs on Windows: os.name "nt", msvcrt byte-range locks."""
    fake_os = types.ModuleType("os")
    fake_os.__dict__.update({k: getattr(os, k) for k in dir(os) if not k.startswith("__")})
    fake_os.name = "nt"
    monkeypatch.setattr(lock, "os", fake_os)
    msvcrt = _FakeMsvcrt()
    monkeypatch.setitem(sys.modules, "msvcrt", msvcrt)
    return msvcrt


def test_windows_lock_keeps_a_second_run_out_with_a_chinese_message(tmp_path, windows_lock):
    answers = tmp_path / "答卷 文件夹" / "2025.yaml"
    with lock.answers_lock(answers):
        with pytest.raises(lock.AnswersLocked) as refused:
            lock.AnswersLock(answers).acquire()
        message = str(refused.value)
        assert f"进程 {os.getpid()}" in message  # the holder's record was readable
        assert "正被另一个 drafter" in message and "Ctrl+C" in message
        # The locked byte lies far past the record, so the refused run can read who holds it.
        assert set(windows_lock.positions) == {lock._WINDOWS_LOCK_OFFSET}
    assert not lock.lock_path(answers).exists()  # released and removed
    with lock.answers_lock(answers) as again:
        assert again.stale is None


def test_windows_lock_left_by_a_crashed_run_is_taken_over(tmp_path, windows_lock):
    answers = tmp_path / "2025.yaml"
    # A run that died: its record stays, but Windows dropped its byte lock with the process.
    lock.lock_path(answers).write_text('{"program": "drafter", "pid": 999999, "host": "x", "started": "2026-03-01 09:00:00"}',
                                       encoding="utf-8")
    with lock.answers_lock(answers) as taken:
        assert taken.stale and "进程 999999" in taken.stale and "2026-03-01 09:00:00" in taken.stale
