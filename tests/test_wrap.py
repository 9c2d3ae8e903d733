"""Chinese messages wrapped for the terminal (drafter.wrap), and `drafter check` printing them so."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from drafter.wrap import wrap

MESSAGE = "第一部分“主要举措和成效”不能为空：请至少填写一个专题的举措或数据（键名：measures）"


def _text(lines: list[str]) -> str:
    return re.sub(r"\s+", "", "".join(lines))


def test_a_chinese_message_breaks_between_characters_not_only_at_spaces():
    lines = wrap(MESSAGE, 40)
    assert lines == ["第一部分“主要举措和成效”不能为空：请至少", "填写一个专题的举措或数据（键名：", "measures）"]
    assert all(cell_len(line) <= 40 for line in lines)


def test_no_line_starts_with_a_closing_mark_or_ends_with_an_opening_one():
    # at width 20 the cut would fall before "，" and after "（": each takes its neighbour along
    assert wrap("一二三四五六七八九，十一二三", 18) == ["一二三四五六七八", "九，十一二三"]
    assert wrap("一二三四五六七（八九十）", 16) == ["一二三四五六七", "（八九十）"]


def test_a_latin_word_or_a_number_stays_whole_and_a_path_longer_than_a_line_is_cut():
    lines = wrap("请核对 opening_focus 的内容，共 55001 件", 16)
    assert "opening_focus" in lines or any("opening_focus" in line for line in lines)
    assert any("55001" in line for line in lines)
    long_path = "/work/" + "a" * 50 + "/草稿.docx"
    lines = wrap(long_path, 20)
    assert all(cell_len(line) <= 20 for line in lines) and "".join(lines) == long_path


_HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x4E40)
_WORD = st.from_regex(r"[A-Za-z0-9_]{1,12}", fullmatch=True)
_PIECE = st.one_of(st.text(_HAN, min_size=1, max_size=6), _WORD, st.sampled_from(["，", "。", "（键名）", "“名称”", " "]))


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECE, max_size=30), st.integers(min_value=14, max_value=100))
def test_wrapping_keeps_every_character_and_the_width(pieces, width):
    text = "".join(pieces)
    lines = wrap(text, width)
    assert _text(lines) == re.sub(r"\s+", "", text)
    assert all(cell_len(line) <= width for line in lines)


def test_check_prints_a_long_finding_under_its_marker_within_the_terminal(tmp_path):
    answers = tmp_path / "a.yaml"
    answers.write_text("year: 2024\nunit:\n  name: 某某县城市管理局\n", encoding="utf-8")
    env = {**os.environ, "COLUMNS": "60", "TERM": "dumb"}
    result = subprocess.run([sys.executable, "-m", "drafter", "check", str(answers)], capture_output=True,
                            text=True, env=env, timeout=120)
    lines = result.stdout.splitlines()
    assert result.returncode == 1, result.stdout + result.stderr
    assert all(cell_len(line) <= 60 for line in lines), lines
    assert not [line for line in lines if line.strip() in ("✖", "▲", "·")], "a marker alone on its line"
    marked = [i for i, line in enumerate(lines) if line.startswith("  ✖ ") and "第一部分" in line]
    assert marked, lines
    follow = lines[marked[0] + 1]
    assert follow.startswith("    ") and not follow.startswith("    位置"), "the message goes on under its text"


def test_a_line_break_of_the_message_stays_one():
    assert wrap("第一行\n第二行很长很长很长很长", 12) == ["第一行", "第二行很长很", "长很长很长"]
