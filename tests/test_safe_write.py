"""Safe writes: temp file + fsync + rename, a crash leaves the old file, a failed render leaves the
previous draft, answers are written back as UTF-8, and the answers lock keeps two runs apart."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from conftest import backup_of, REPO

from drafter import fs
from drafter.answers import load_answers, save_answers
from drafter.errors import UserError
from drafter.lock import AnswersLocked, answers_lock, lock_path

BASE = REPO / "tests" / "fixtures" / "bad" / "_base.yaml"
sys.path.insert(0, str(BASE.parent))  # attacks.py: the corpus helpers


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
    backup = fs.atomic_write_bytes(draft, b"v2", overwrite=True, backup=True)
    assert backup == backup_of(draft) and backup.name.startswith("d.bak-") and backup.suffix == ".docx"
    assert _listing(tmp_path) == {backup.name: b"v1", "d.docx": b"v2"}


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


# ---------------------------------------------------------------- every write step fails in turn

import errno  # noqa: E402

from conftest import backup_of  # noqa: E402


class _FailingOs:
    """`os` as drafter.fs sees it, with one write step failing as on a full disk."""

    def __init__(self, step: str) -> None:
        self.step = step
        self.failed = 0

    def __getattr__(self, name):
        real = getattr(os, name)
        if name != self.step:
            return real

        def fail(*args, **kwargs):
            self.failed += 1
            raise OSError(errno.ENOSPC, "No space left on device")

        return fail


# open: the temp file; write/fsync: its data; link: the backup of the existing file; replace: the rename.
WRITE_STEPS = ["open", "write", "fsync", "link", "replace"]


def _everything(directory: Path) -> dict[str, bytes]:
    return {p.relative_to(directory).as_posix(): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()}


def _assert_failed_cleanly(result, failing, before, directory):
    assert failing.failed, "the step was never reached"
    assert result.exit_code == 1, result.stderr
    assert "Traceback" not in result.output + result.stderr
    assert "无法写入" in result.stderr and "磁盘已满" in result.stderr and "原文件未改动" in result.stderr
    assert _everything(directory) == before  # the old draft, the old backup, no temp file, no new backup


@pytest.mark.parametrize("step", WRITE_STEPS)
def test_render_failing_at_each_write_step_keeps_every_file(cli, tmp_path, monkeypatch, step):
    answers = tmp_path / "a.yaml"
    shutil.copyfile(BASE, answers)
    (tmp_path / "a.docx").write_bytes(b"the clerk's hand-edited draft")
    (tmp_path / "a.bak-20250101-0900.docx").write_bytes(b"an older backup")
    before = _everything(tmp_path)
    failing = _FailingOs(step)
    monkeypatch.setattr(fs, "os", failing)
    result = cli("render", answers, "--force")
    monkeypatch.undo()
    _assert_failed_cleanly(result, failing, before, tmp_path)


@pytest.mark.parametrize("step", WRITE_STEPS)
def test_import_failing_at_each_write_step_keeps_every_file(cli, tmp_path, monkeypatch, step):
    report = tmp_path / "r.txt"
    report.write_text("\n".join(__import__("attacks").report_lines()), encoding="utf-8")
    out = tmp_path / "2024.yaml"
    out.write_text("year: 2024  # the clerk's answers\n", encoding="utf-8")
    (tmp_path / "2024.bak-20250101-0900.yaml").write_text("year: 2023\n", encoding="utf-8")
    from drafter.schema import SCHEMA_FILE, bundled_schema

    (tmp_path / SCHEMA_FILE).write_bytes(bundled_schema())  # written beside the answers by the last import
    before = _everything(tmp_path)
    failing = _FailingOs(step)
    monkeypatch.setattr(fs, "os", failing)
    result = cli("import", report, "-o", out, "--force")
    monkeypatch.undo()
    _assert_failed_cleanly(result, failing, before, tmp_path)


@pytest.mark.parametrize("step", WRITE_STEPS)
def test_summary_failing_at_each_write_step_keeps_every_file(cli, tmp_path, monkeypatch, step):
    answers = tmp_path / "a.yaml"
    shutil.copyfile(BASE, answers)
    table = tmp_path / "s.csv"
    table.write_bytes(b"last year's table")
    before = _everything(tmp_path)
    failing = _FailingOs(step)
    monkeypatch.setattr(fs, "os", failing)
    result = cli("summary", answers, "--csv", table, "--force", "-j", "1")
    monkeypatch.undo()
    _assert_failed_cleanly(result, failing, before, tmp_path)


@pytest.mark.parametrize("step", ["open", "write", "fsync", "replace"])
def test_new_autosave_failing_at_each_write_step_keeps_the_progress_file(tmp_path, monkeypatch, step):
    from drafter.questionnaire.progress import Progress

    path = tmp_path / "2025.progress.yaml"
    progress = Progress.open(path, 2025, None)
    progress.record("unit.name", "某某县司法局")
    before = path.read_bytes()
    failing = _FailingOs(step)
    monkeypatch.setattr(fs, "os", failing)
    with pytest.raises(UserError) as caught:
        progress.record("unit.kind", "政府部门")
    monkeypatch.undo()
    assert failing.failed and "磁盘已满" in str(caught.value) and "原文件未改动" in str(caught.value)
    assert _everything(tmp_path) == {path.name: before}
    assert Progress.open(path, 2025, None).answers == {"unit.name": "某某县司法局"}


def test_a_new_file_failing_at_publication_leaves_nothing(tmp_path, monkeypatch):
    failing = _FailingOs("link")
    monkeypatch.setattr(fs, "os", failing)
    with pytest.raises(UserError, match="磁盘已满"):
        fs.atomic_write_bytes(tmp_path / "new.docx", b"data", overwrite=False)
    monkeypatch.undo()
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------- backups, links, exclusive creation


def test_force_twice_keeps_both_earlier_versions(cli, tmp_path):
    answers = tmp_path / "a.yaml"
    shutil.copyfile(BASE, answers)
    draft = tmp_path / "a.docx"
    draft.write_bytes(b"edited by hand on Monday")
    assert cli("render", answers, "--force").exit_code == 0
    first = backup_of(draft)
    draft.write_bytes(b"edited by hand on Tuesday")
    assert cli("render", answers, "--force").exit_code == 0
    backups = sorted(tmp_path.glob("a.bak-*.docx"))
    assert len(backups) == 2 and first in backups
    assert {p.read_bytes() for p in backups} == {b"edited by hand on Monday", b"edited by hand on Tuesday"}
    assert re.fullmatch(r"a\.bak-\d{8}-\d{4}(-2)?\.docx", backups[1].name)


def test_schema_onto_an_existing_file_needs_force_and_keeps_a_backup(cli, tmp_path):
    answers = tmp_path / "a.yaml"
    shutil.copyfile(BASE, answers)
    refused = cli("schema", "-o", answers)
    assert refused.exit_code == 1 and "--overwrite" in refused.stderr and answers.read_bytes() == BASE.read_bytes()
    forced = cli("schema", "-o", answers, "--force")
    assert forced.exit_code == 0 and answers.read_text(encoding="utf-8").lstrip().startswith("{")
    assert backup_of(answers).read_bytes() == BASE.read_bytes()


def test_exclusive_creation_never_overwrites_what_appeared_after_the_check(tmp_path, monkeypatch):
    """The race of two batch renders: the target appears between the check and the write."""
    target = tmp_path / "d.docx"
    real_check = fs.check_output

    def other_run_writes_first(path):
        exists = real_check(path)
        if not exists:
            Path(path).write_bytes(b"the other run's draft")
        return exists  # as seen before the other run wrote

    monkeypatch.setattr(fs, "check_output", other_run_writes_first)
    with pytest.raises(UserError):
        fs.atomic_write_bytes(target, b"ours", overwrite=False)
    monkeypatch.undo()
    assert target.read_bytes() == b"the other run's draft"
    assert [p.name for p in tmp_path.iterdir()] == ["d.docx"]


def test_two_batch_renders_into_one_folder_create_each_draft_once(tmp_path):
    sources = []
    for name in ("a", "b", "c", "d"):
        path = tmp_path / f"{name}.yaml"
        shutil.copyfile(BASE, path)
        sources.append(str(path))
    out = tmp_path / "out"
    command = [sys.executable, "-m", "drafter", "render", *sources, "--out-dir", str(out), "-j", "1"]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [run.communicate(timeout=300) for run in runs]
    for run, (stdout, stderr) in zip(runs, outputs):
        assert run.returncode in (0, 1) and "Traceback" not in stdout + stderr, stderr
    refused = sum(stdout.count("已存在") for stdout, _ in outputs)
    assert refused == 4, outputs  # each draft was made by one run and refused to the other, never both
    assert sorted(p.name for p in out.iterdir()) == ["a.docx", "b.docx", "c.docx", "d.docx"]


def test_lock_file_is_never_followed(tmp_path):
    victim = tmp_path / "v.txt"
    victim.write_text("victim", encoding="utf-8")
    answers = tmp_path / "2025.yaml"
    os.symlink(victim, lock_path(answers))
    with pytest.raises(UserError, match="符号链接"):
        with answers_lock(answers):
            pass
    assert victim.read_text(encoding="utf-8") == "victim" and lock_path(answers).is_symlink()


def test_import_refuses_while_new_holds_the_answers(cli, tmp_path):
    answers = tmp_path / "2024.yaml"
    answers.write_text("year: 2024  # hand-edited, being answered in drafter new\n", encoding="utf-8")
    report = tmp_path / "r.txt"
    report.write_text("\n".join(__import__("attacks").report_lines()), encoding="utf-8")
    holder = _hold_in_subprocess(answers)
    try:
        result = cli("import", report, "-o", answers, "--force")
    finally:
        holder.kill()
        holder.wait(timeout=30)
    assert result.exit_code == 1 and "正被另一个 drafter" in result.stderr and f"进程 {holder.pid}" in result.stderr
    assert answers.read_text(encoding="utf-8").startswith("year: 2024  # hand-edited")
    assert not list(tmp_path.glob("2024.bak-*"))


def _component_too_long(path) -> bool:
    """The former check, component by component."""
    return any(len(os.fsencode(part)) > fs.MAX_NAME_BYTES for part in Path(path).parts)


@pytest.mark.parametrize("path", [
    "草稿.docx", "a" * 255, "a" * 256, "局" * 85 + ".d", "局" * 86, "局" * 85, "/tmp/" + "b" * 250 + "/c.docx",
    "/".join(["局" * 80] * 4) + "/草稿.docx", "/".join(["局" * 80] * 3) + "/" + "x" * 256 + "/草稿.docx",
    "x" * 100 + "/" + "y" * 156, "x" * 100 + "//" + "y" * 256, "\udcff" * 256,
])
def test_a_name_is_refused_exactly_when_one_component_is_too_long(path):
    """check_name looks at the components only when the whole path could hold a long one (over
    255 bytes): it refuses the paths, and only those, that the component-by-component check did."""
    try:
        fs.check_name(Path(path))
        refused = False
    except UserError as error:
        refused = True
        assert "过长" in str(error)
    assert refused == _component_too_long(path)
