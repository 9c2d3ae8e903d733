"""Every problem of an answers file in one run (render, check and new), each on its own line,
the commonest keyboard slips named as what they are, and each message leading with the Chinese
place of the field and ending with its key."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from conftest import REPO

TOWN = REPO / "examples" / "town-government.yaml"


def _line(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.split("\n"), 1) if needle in line)


def _edit(tmp_path, *changes: tuple[str, str], name: str = "2024.yaml"):
    text = TOWN.read_text(encoding="utf-8")
    for old, new in changes:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path, text


THREE = (
    ("      inspected_entities: 85", "      inspected_entities：85"),  # a slip: YAML would read text
    ("      exam_passed: 86", "      exam_passed: -3"),  # a value the model refuses
    ("  written_on: 2025-01-17", "  written_on: 2024-03-01"),  # a consistency rule: outside the window
)


def _three_expected(text: str) -> list[str]:
    return [
        f"第 {_line(text, 'inspected_entities')} 行用了全角冒号“：”，请改为半角冒号加空格",
        f"第 {_line(text, 'exam_passed')} 行 一、主要举措和成效 › 第2项 › 学法考试合格："
        "数据项“学法考试合格”不能是负数（填写了 -3）（键名：measures[1].figures.exam_passed）",
        f"第 {_line(text, 'written_on')} 行 单位 › 成文日期：成文日期 2024-03-01 不在报告期内",
    ]


def test_render_tells_three_independent_mistakes_in_one_run(cli, tmp_path):
    answers, text = _edit(tmp_path, *THREE)
    result = cli("render", answers, "-o", tmp_path / "d.docx")
    assert result.exit_code == 2
    assert "有 3 处问题" in result.stderr
    lines = result.stderr.splitlines()
    for expected in _three_expected(text):
        assert any(expected in line for line in lines), (expected, result.stderr)
    # in the order of their lines
    numbers = [int(n) for n in re.findall(r"^  \d\. 第 (\d+) 行", result.stderr, re.M)]
    assert numbers == sorted(numbers) and len(numbers) == 3
    assert not (tmp_path / "d.docx").exists()


def test_check_tells_the_same_three_each_on_its_line(cli, tmp_path):
    answers, text = _edit(tmp_path, *THREE)
    result = cli("check", "--json", answers)
    assert result.exit_code == 1
    (report,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert report["year"] == 2024
    found = {f["line"]: f["message"] for f in report["findings"]}
    assert sorted(found) == sorted(_line(text, key) for key in ("inspected_entities", "exam_passed", "written_on"))
    assert found[_line(text, "inspected_entities")].startswith("用了全角冒号“：”")
    human = cli("check", answers).stdout
    assert f"位置：第 {_line(text, 'exam_passed')} 行" in human
    assert "answers.invalid" not in human and "answers." not in human


def test_new_tells_every_problem_of_last_years_file(cli, tmp_path):
    folder = tmp_path / "answers"
    folder.mkdir()
    _, text = _edit(folder, *THREE)
    result = cli("new", "--year", "2025", "--dir", folder, "-o", tmp_path / "d.docx", "--no-input")
    assert result.exit_code == 2
    output = result.stdout + result.stderr
    for expected in _three_expected(text):
        assert expected in output, (expected, output)


@pytest.mark.parametrize("old,new,expected", [
    ("      publicity_events: 80", "      publicity_events：80", "用了全角冒号“：”，请改为半角冒号加空格"),
    ("      publicity_events: 80", "      publicity_events： 80", "用了全角冒号“：”，请改为半角冒号加空格"),
    ("  superiors: 区委、区政府", "　superiors: 区委、区政府", "的 YAML 格式有误：用全角空格缩进了，YAML 只能用半角空格缩进"),
    ("  superiors: 区委、区政府", "\tsuperiors: 区委、区政府", "的 YAML 格式有误：用 Tab 键缩进了，YAML 只能用半角空格缩进"),
    ("      publicity_events: 80", "      publicity_events:80", "冒号后缺少空格：“publicity_events:80”应写成“publicity_events: 80”"),
    ("  written_on: 2025-01-17", "  written_on:2025-01-17", "冒号后缺少空格"),
])
def test_each_keyboard_slip_is_named_on_its_own_line_and_nothing_else(cli, tmp_path, old, new, expected):
    answers, text = _edit(tmp_path, (old, new))
    result = cli("render", answers, "-o", tmp_path / "d.docx")
    assert result.exit_code == 2
    line = _line(text, new.strip()[:12])
    assert f"第 {line} 行{expected}" in result.stderr, result.stderr
    assert "处问题" not in result.stderr  # the slip alone: no follow-on problem made up from it
    assert not (tmp_path / "d.docx").exists()


def test_the_full_width_colon_in_the_middle_of_a_block_is_named_on_its_own_line(cli, tmp_path):
    # before: YAML failed on the next line, "缺少冒号", which was not the mistake
    answers, text = _edit(tmp_path, ("      exam_takers: 86", "      exam_takers：86"))
    result = cli("render", answers, "-o", tmp_path / "d.docx")
    assert result.stderr.strip().endswith(f"第 {_line(text, 'exam_takers')} 行用了全角冒号“：”，请改为半角冒号加空格（“exam_takers: ”）")


def test_a_colon_in_a_clerks_sentence_is_not_a_slip(cli, tmp_path):
    answers, _ = _edit(tmp_path, ("    cause: 宣传形式较为单一", "    cause: 原因：宣传形式较为单一"),
                       ("  - title: 创新法治宣传形式", "  - title: 创新法治宣传形式：a_b：c"))
    result = cli("render", answers, "-o", tmp_path / "d.docx")
    assert result.exit_code == 0, result.stderr


def test_a_second_bad_figure_in_the_same_block_is_told_too(cli, tmp_path):
    answers, text = _edit(tmp_path, ("      exam_takers: 86", "      exam_takers: 八十六"),
                          ("      exam_passed: 86", "      exam_passed: -1"))
    message = cli("render", answers, "-o", tmp_path / "d.docx").stderr
    assert "有 2 处问题" in message
    assert f"第 {_line(text, 'exam_takers')} 行" in message and f"第 {_line(text, 'exam_passed')} 行" in message


def test_what_is_set_aside_causes_no_made_up_problem(cli, tmp_path):
    # the only shortcoming lacks its cause: one problem, not also "第二部分不能为空"
    text = TOWN.read_text(encoding="utf-8")
    start = text.index("shortcomings:")
    end = text.index("duty:")
    path = tmp_path / "2024.yaml"
    path.write_text(text[:start] + "shortcomings:\n  - problem: 部分干部群众法治意识仍需提高\n" + text[end:] + "\n",
                    encoding="utf-8")
    message = cli("render", path, "-o", tmp_path / "d.docx").stderr
    assert "二、存在的不足和原因 › 第1项 › 原因：必须填写（键名：shortcomings[0].cause）" in message
    assert "处问题" not in message and "不能为空" not in message


def test_a_missing_unit_name_does_not_hide_the_rules(cli, tmp_path):
    answers, text = _edit(tmp_path, ("  name: 张店区房镇镇人民政府\n", ""), ("      exam_passed: 86", "      exam_passed: 87"))
    message = cli("render", answers, "-o", tmp_path / "d.docx").stderr
    assert "有 2 处问题" in message
    assert "单位 › 单位名称：必须填写（键名：unit.name）" in message
    assert "“学法考试合格”87人，超过了“参加学法考试”86人" in message


def test_messages_lead_with_the_chinese_place_and_end_with_the_key(cli, tmp_path):
    answers, text = _edit(tmp_path, ("      exam_passed: 86", "      exam_passed: -3"))
    message = cli("render", answers, "-o", tmp_path / "d.docx").stderr.strip()
    assert message == (f"错误：答卷文件 {answers} 第 {_line(text, 'exam_passed')} 行 一、主要举措和成效 › 第2项 › 学法考试合格："
                       "数据项“学法考试合格”不能是负数（填写了 -3）（键名：measures[1].figures.exam_passed）")
    assert "（exam_passed）" not in message
