"""Writing a draft: never while Word, WPS or LibreOffice has it open (whatever the flags);
--overwrite replaces an existing draft (kept as a backup), --ignore-check writes despite the
check's errors, --force does both — in render, a batch, new and export."""

from __future__ import annotations

import shutil

import pytest

from conftest import EXAMPLES, backup_of, confirmed_old_style_text
from drafter.editors import editor_lock

SENTENCE = "参与上级部门拟定法规和裁量标准提出修改意见【law_drafting_comments】次。"


@pytest.fixture
def flawed(tmp_path):
    """Valid answers whose text states a rate above 100%: a check error (the draft is refused)."""
    text = EXAMPLES[0].read_text(encoding="utf-8")
    assert SENTENCE in text
    path = tmp_path / "flawed.yaml"
    path.write_text(text.replace(SENTENCE, "参与上级部门拟定法规和裁量标准提出修改意见【law_drafting_comments】次，完成率120%。"), encoding="utf-8")
    return path


@pytest.mark.parametrize("lock_name", ["~$草稿.docx", ".~lock.草稿.docx#"])
@pytest.mark.parametrize("flags", [[], ["--overwrite"], ["--force"], ["--ignore-check"]])
def test_render_refuses_a_draft_open_in_an_editor_whatever_the_flags(cli, tmp_path, lock_name, flags):
    draft = tmp_path / "草稿.docx"
    draft.write_bytes(b"the clerk is editing this in Word")
    (tmp_path / lock_name).write_bytes(b"owner")
    result = cli("render", EXAMPLES[0], "-o", draft, *flags)
    assert result.exit_code == 1
    assert "正在 Word、WPS 或 LibreOffice 中打开" in result.stderr and "请先关闭" in result.stderr
    assert lock_name in result.stderr
    assert draft.read_bytes() == b"the clerk is editing this in Word"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["草稿.docx", lock_name])  # no backup, no temp file


def test_a_new_draft_is_refused_too_while_a_lock_is_there(cli, tmp_path):
    # Word left its lock (the draft was deleted or moved while open): still refused, and the
    # message says the lock can be deleted when nothing is open.
    (tmp_path / "~$草稿.docx").write_bytes(b"owner")
    result = cli("render", EXAMPLES[0], "-o", tmp_path / "草稿.docx", "--force")
    assert result.exit_code == 1 and "删除" in result.stderr
    assert not (tmp_path / "草稿.docx").exists()


def test_word_shortens_the_owner_file_of_a_long_name(tmp_path):
    draft = tmp_path / "OfficeReport.docx"
    assert editor_lock(draft) is None
    (tmp_path / "~$ficeReport.docx").write_bytes(b"owner")
    assert editor_lock(draft) == tmp_path / "~$ficeReport.docx"
    # a short name is never shortened: another document's lock does not count
    assert editor_lock(tmp_path / "eport.docx") is None


def test_batch_refuses_only_the_open_draft(cli, tmp_path):
    folder = tmp_path / "answers"
    folder.mkdir()
    copies = [shutil.copyfile(example, folder / example.name) for example in EXAMPLES]
    out = tmp_path / "drafts"
    out.mkdir()
    opened = out / f"{EXAMPLES[0].stem}.docx"
    opened.write_bytes(b"open in WPS")
    (out / f"~${opened.name}").write_bytes(b"owner")
    result = cli("render", *copies, "--out-dir", out, "--force")
    assert result.exit_code == 1
    assert "请先关闭" in result.stdout
    assert opened.read_bytes() == b"open in WPS"
    for example in EXAMPLES[1:]:
        assert (out / f"{example.stem}.docx").is_file()


def test_new_refuses_a_draft_open_in_word(cli, tmp_path):
    folder = tmp_path / "answers"
    folder.mkdir()
    (folder / "2024.yaml").write_text(confirmed_old_style_text(EXAMPLES[0]), encoding="utf-8")  # no figure left to fill, no number to confirm
    draft = tmp_path / "d.docx"
    draft.write_bytes(b"open")
    (tmp_path / ".~lock.d.docx#").write_bytes(b"owner")
    result = cli("new", "--year", "2025", "--dir", folder, "-o", draft, "--defaults", "--force")
    assert "请先关闭" in result.stdout + result.stderr
    assert result.exit_code == 1 and draft.read_bytes() == b"open"


def test_overwrite_replaces_but_does_not_ignore_check_errors(cli, tmp_path, flawed):
    draft = tmp_path / "d.docx"
    draft.write_bytes(b"old")
    refused = cli("render", flawed, "-o", draft, "--overwrite")
    assert refused.exit_code == 1 and "--ignore-check" in refused.stderr
    assert draft.read_bytes() == b"old"
    good = cli("render", EXAMPLES[0], "-o", draft, "--overwrite")
    assert good.exit_code == 0
    assert backup_of(tmp_path / "d.docx").read_bytes() == b"old" and draft.read_bytes()[:2] == b"PK"


def test_ignore_check_writes_despite_errors_but_does_not_overwrite(cli, tmp_path, flawed):
    draft = tmp_path / "d.docx"
    written = cli("render", flawed, "-o", draft, "--ignore-check")
    assert written.exit_code == 0 and "120%" in written.stderr and draft.is_file()
    again = cli("render", flawed, "-o", draft, "--ignore-check")
    assert again.exit_code == 1 and "已存在" in again.stderr and "--overwrite" in again.stderr


def test_force_is_both(cli, tmp_path, flawed):
    draft = tmp_path / "d.docx"
    draft.write_bytes(b"old")
    forced = cli("render", flawed, "-o", draft, "--force")
    assert forced.exit_code == 0 and backup_of(tmp_path / "d.docx").read_bytes() == b"old"


def test_batch_splits_the_two_meanings(cli, tmp_path, flawed):
    out = tmp_path / "drafts"
    assert cli("render", flawed, "--out-dir", out, "--overwrite").exit_code == 1
    assert not (out / "flawed.docx").exists()
    assert cli("render", flawed, "--out-dir", out, "--ignore-check").exit_code == 0
    refused = cli("render", flawed, "--out-dir", out, "--ignore-check")
    assert refused.exit_code == 1 and "--overwrite" in refused.stdout
    assert cli("render", flawed, "--out-dir", out, "--force").exit_code == 0


def test_export_splits_the_two_meanings(cli, tmp_path, flawed):
    page = tmp_path / "flawed.html"
    assert cli("export", flawed, "--html", "--overwrite").exit_code == 1 and not page.exists()
    assert cli("export", flawed, "--html", "--ignore-check").exit_code == 0 and page.exists()
    again = cli("export", flawed, "--html", "--ignore-check")
    assert again.exit_code == 1 and "--overwrite" in again.stderr
    assert cli("export", flawed, "--html", "--overwrite", "--ignore-check").exit_code == 0


def test_new_splits_the_two_meanings(cli, tmp_path, flawed):
    folder = tmp_path / "answers"
    folder.mkdir()
    shutil.copyfile(flawed, folder / "2024.yaml")
    draft = tmp_path / "d.docx"
    draft.write_bytes(b"old")
    args = ["new", "--year", "2024", "--dir", folder, "-o", draft, "--no-input"]
    kept = cli(*args, "--ignore-check")
    assert kept.exit_code == 1 and draft.read_bytes() == b"old"
    assert "--overwrite" in kept.stdout + kept.stderr
    refused = cli(*args, "--overwrite")
    assert refused.exit_code == 1 and draft.read_bytes() == b"old"
    assert "--ignore-check" in refused.stdout + refused.stderr
    assert cli(*args, "--force").exit_code == 0 and backup_of(tmp_path / "d.docx").read_bytes() == b"old"
