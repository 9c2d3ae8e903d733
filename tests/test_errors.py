"""Typed errors: each repeated message is composed once, in its class, and the type decides the exit code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from drafter.errors import (CheckFailed, DraftNotReplaced, InvalidAnswers, OutputExists, RefusedAction, UserError,
                            WriteFailed)

PACKAGE = Path(__file__).resolve().parents[1] / "drafter"


def test_an_existing_output_names_the_file_the_flag_and_the_backup():
    error = OutputExists(Path("out") / "汇总.xlsx")
    assert str(error) == f"文件 {Path('out') / '汇总.xlsx'} 已存在，未覆盖。如需覆盖请加 --overwrite（原文件会另存为 汇总.bak-年月日-时分.xlsx）"
    assert error.exit_code == 1 and isinstance(error, RefusedAction)
    assert str(OutputExists("2024.yaml", what="答卷文件")).startswith("答卷文件 2024.yaml 已存在，未覆盖。")
    assert str(OutputExists("a.pdf", backup_hint=False)).endswith("如需覆盖请加 --overwrite")


def test_new_keeps_the_answers_and_says_how_to_get_the_draft():
    message = str(DraftNotReplaced(Path("草稿.docx"), Path("answers/2025.yaml")))
    assert "答卷已保存到 answers/2025.yaml" in message and "草稿 草稿.docx 已存在，未覆盖" in message
    assert "草稿.bak-年月日-时分.docx" in message and "drafter render answers/2025.yaml -o" in message
    assert DraftNotReplaced("a.docx", "b.yaml").exit_code == 1


def test_exit_codes_come_from_the_type():
    assert UserError("x").exit_code == InvalidAnswers("x").exit_code == 2
    assert CheckFailed(3).exit_code == 1 and "检查发现 3 处错误" in str(CheckFailed(3))
    assert WriteFailed("a.docx", PermissionError(13, "Permission denied")).exit_code == 1
    with pytest.raises(TypeError):
        UserError("x", exit_code=1)  # no second way to set it


def test_no_module_composes_the_existing_output_message_or_passes_an_exit_code():
    composed, by_hand = [], []
    for path in PACKAGE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if path.name != "errors.py" and "已存在，未覆盖" in text:
            composed.append(path.name)
        # a keyword argument (…, exit_code=1) or a tuple assignment (….exit_code = "…", 1)
        if re.search(r"[(,]\s*exit_code\s*=\s*\d|\.exit_code\s*=.*,\s*\d+\s*$", text, re.M):
            by_hand.append(path.name)
    assert composed == [] and by_hand == []
