"""Measure words published reports use that the corpus does not (场次, 轮, 类, 支): a number
before them is this year's figure, so the import makes it a figure and next year's draft asks
for it again instead of carrying last year's number. Our own sentences."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("sentence, expected", [
    ("全年开展宣讲活动45场次，覆盖860人次。", [("45场次", "场次"), ("860人次", "人次")]),
    ("组织开展实地督察 3 轮，通报问题单位4个。", [("3 轮", "轮"), ("4个", "个")]),
    ("梳理法律服务事项6类、21项。", [("6类", "类"), ("21项", "项")]),
    ("年内组建2支普法志愿队伍。", [("2支", "支")]),
])
def test_a_number_before_these_words_is_a_figure(sentence, expected):
    from drafter.figures.literals import literal_numbers

    assert [(n.text, n.unit) for n in literal_numbers(sentence)] == expected


def test_ordinals_before_them_stay_as_written():
    from drafter.figures.literals import literal_numbers

    assert literal_numbers("第2轮巡察反馈的问题已全部整改。") == []


def test_the_import_makes_them_figures(tmp_path):
    from drafter.importing import import_report

    source = tmp_path / "r.txt"
    source.write_text(
        "某某镇2024年法治政府建设情况报告\n一、主要举措和成效\n梳理法律服务事项6类，开展宣讲活动45场次，组织督察3轮。\n"
        "二、存在的不足和原因\n学法不够，主要原因是统筹不够。\n三、党政主要负责人履行推进法治建设第一责任人职责情况\n"
        "主要负责人带头学法。\n四、2025年推进法治政府建设的主要安排\n加强学法，完善制度。\n", encoding="utf-8")
    text = "".join(i.text for t in import_report(source).report.measures for i in t.items)
    assert "6类" not in text and "45场次" not in text and "3轮" not in text
    assert text.count("【") == 3
