"""The 第一责任人 duty written inside part 1 in the shapes published reports use beyond the
corpus: the second clause of a （一） heading, a "二是全面落实…第一责任人职责" point, a "3.压实
第一责任人职责" point, also when the copy lost its line breaks. The import moves it to the duty
part without losing the heading's own words; the check finds the part there. Our own sentences."""

from __future__ import annotations

import pytest

REST = """\
二、存在的不足和原因
学法形式较为单一，主要原因是统筹不够。
三、2025年推进法治政府建设的主要安排
组织专题学法4次。
"""
HEAD = "某某街道2024年法治政府建设情况报告\n2024年，某某街道坚持依法行政。现报告如下：\n一、主要举措和成效\n"
SHAPES = {
    "second clause of a heading": (
        "（一）加强法治政府建设组织领导，坚持党政主要负责人履行推进法治建设第一责任人职责\n"
        "1.落实主体责任。主持召开法治建设专题会议3次。\n"
        "（二）规范执法行为\n全年办理行政处罚案件7件。\n"
    ),
    "a 一是 point": (
        "（一）坚持党的领导，把准法治方向。\n一是加强理论学习。组织中心组学法5次。\n"
        "二是全面落实法治建设第一责任人职责。主要负责人听取法治工作汇报2次。\n"
        "（二）规范执法行为\n全年办理行政处罚案件7件。\n"
    ),
    "a numbered point": (
        "（一）强化政治引领\n1.深化理论学习。开展专题学习6次。\n2.压实第一责任人职责。主要负责人带头讲法治课1次。\n"
        "（二）规范执法行为\n全年办理行政处罚案件7件。\n"
    ),
}


def _write(tmp_path, shape, one_line=False):
    text = HEAD + SHAPES[shape] + REST
    if one_line:
        text = text.replace("\n", "")
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("one_line", [False, True], ids=["lines", "one line"])
@pytest.mark.parametrize("shape", list(SHAPES))
def test_the_check_finds_the_duty_inside_part1(tmp_path, shape, one_line):
    from drafter.check import check_path

    result = check_path(_write(tmp_path, shape, one_line))
    assert not [f for f in result.findings if f.rule == "parts.missing"], [f.message for f in result.findings]
    assert [f for f in result.findings if f.rule == "parts.duty_inside"]


@pytest.mark.parametrize("one_line", [False, True], ids=["lines", "one line"])
@pytest.mark.parametrize("shape", list(SHAPES))
def test_the_import_moves_the_duty_to_its_part_and_keeps_every_sentence(tmp_path, shape, one_line):
    from drafter.importing import import_report

    result = import_report(_write(tmp_path, shape, one_line))
    report = result.report
    own = report.part_texts.get("duty")
    duty_text = "".join((i.title or "") + i.text for i in report.duty.items) + (own.before or "" if own else "")
    assert "第一责任人" in duty_text and "全年办理行政处罚案件" not in duty_text
    assert not result.lost, result.lost
    assert "duty" in result.parts_found


def test_a_headings_own_words_stay_with_the_duty_part(tmp_path):
    from drafter.importing import import_report

    report = import_report(_write(tmp_path, "second clause of a heading")).report
    assert report.part_texts["duty"].before.startswith("加强法治政府建设组织领导")
