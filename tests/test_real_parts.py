"""Parts as real reports write them (our own wording, shaped like published reports of other
bodies): generic and thematic part-1 headings, a 第一责任人 sub-part inside part 1, 不足 and
下一步 in one part without sub-headings, a part on last year's 整改. Import places every
paragraph (no 待整理); check finds the parts there, with a warning instead of a missing part."""

from __future__ import annotations

from drafter.check import check_paragraphs
from drafter.document import resolved  # the text as the reader sees it (numbers are bound as 【key】)
from drafter.model import PartKey

TAIL = [
    "二、存在的不足和原因",
    "一是学法用法不够深入，原因是培训形式单一。二是执法人员不足，原因是编制紧张。",
    "三、党政主要负责人履行推进法治建设第一责任人职责情况",
    "主要负责人带头学法，全年主持召开法治建设专题会议4次。",
    "四、2025年工作安排",
    "一是加强执法培训。分批轮训执法人员。二是完善监督机制。健全责任追究制度。",
    "某县卫生健康局",
    "2025年2月26日",
]
OPENING = ["某县卫生健康局2024年度法治政府建设情况报告", "2024年以来，我局坚持依法行政。现将有关情况报告如下："]


def _import(tmp_path, lines):
    from drafter.importing import import_report

    source = tmp_path / "report.txt"
    source.write_text("\n".join(lines), encoding="utf-8")
    return import_report(source)


def _rules(lines):
    return [f.rule for f in check_paragraphs(lines).findings]


def test_a_generic_part1_heading_is_part_1_with_a_warning(tmp_path):
    lines = OPENING + ["一、工作完成情况", "（一）规范行政执法", "全年办理行政处罚案件35件。", "（二）加强普法宣传", "开展普法活动12场。"] + TAIL
    result = _import(tmp_path, lines)
    assert [(t.key, t.title) for t in result.report.measures] == [("enforcement", "规范行政执法"), ("publicity", "加强普法宣传")]
    assert result.report.figures()["penalty_cases"] == 35 and result.unclassified == []
    rules = _rules(lines)
    assert "parts.missing" not in rules and "parts.nonstandard" in rules


def test_thematic_part1_headings_are_topics_of_part_1(tmp_path):
    lines = OPENING + [
        "一、不断完善执法机制，执法水平持续提升", "全年办理行政处罚案件35件。",
        "二、持续深化普法宣传，法治氛围更加浓厚", "开展普法活动12场。",
    ] + ["三" + TAIL[0][1:], TAIL[1], "四" + TAIL[2][1:], TAIL[3], "五" + TAIL[4][1:], *TAIL[5:]]
    result = _import(tmp_path, lines)
    assert [p.value for p in result.report.layout.part_order] == ["measures", "shortcomings", "duty", "plans"]
    assert len(result.report.measures) == 2 and result.unclassified == []
    assert result.report.figures()["penalty_cases"] == 35
    rules = _rules(lines)
    assert "parts.missing" not in rules and "parts.unknown" not in rules and "parts.thematic" in rules


def test_a_duty_sub_part_inside_part_1(tmp_path):
    lines = OPENING + [
        "一、2024年推进法治政府建设的主要举措和成效",
        "（一）规范行政执法", "全年办理行政处罚案件35件。",
        "（二）主要负责人履行推进法治建设第一责任人职责情况", "主要负责人带头学法，全年主持召开法治建设专题会议4次。",
        "二、存在的不足和原因", TAIL[1], "三、2025年工作安排", TAIL[5], *TAIL[6:],
    ]
    result = _import(tmp_path, lines)
    assert [i.text for i in resolved(result.report).duty.items] == ["主要负责人带头学法，全年主持召开法治建设专题会议4次。"]
    assert result.report.duty.figures == {"duty_meetings": 4}
    assert len(result.report.measures) == 1
    rules = _rules(lines)
    assert "parts.missing" not in rules and "parts.duty_inside" in rules


def test_shortcomings_and_next_steps_in_one_part_without_sub_headings(tmp_path):
    lines = OPENING + [
        "一、2024年推进法治政府建设的主要举措和成效", "（一）规范行政执法", "全年办理行政处罚案件35件。",
        "二、党政主要负责人履行推进法治建设第一责任人职责情况", TAIL[3],
        "三、存在的问题及下一步打算",
        "工作中还存在一些问题：执法人员不足，培训形式单一。",
        "下一步，我局将加强执法培训，完善监督机制。",
        *TAIL[6:],
    ]
    result = _import(tmp_path, lines)
    report = result.report
    assert "执法人员不足" in report.shortcomings[0].problem + report.shortcomings[0].cause
    assert any("加强执法培训" in p.title + p.text for p in report.plans)
    assert result.unclassified == []


def test_last_years_rectification_as_its_own_part(tmp_path):
    lines = OPENING + ["一、2024年推进法治政府建设的主要举措和成效", "（一）规范行政执法", "全年办理行政处罚案件35件。"] + TAIL[:6] + [
        "五、上年度督察反馈问题整改情况", "针对上年度反馈的3个问题，逐项制定措施，均已整改到位。", *TAIL[6:],
    ]
    result = _import(tmp_path, lines)
    assert [i.text for i in resolved(result.report).other] == ["针对上年度反馈的3个问题，逐项制定措施，均已整改到位。"]
    assert len(result.report.shortcomings) == 2 and result.unclassified == []
    assert "parts.duplicate" not in _rules(lines)


def test_a_duty_point_inside_a_topic_of_part_1(tmp_path):
    lines = ["市委、市政府：", "2025年以来，我委依法行政。现将本年度工作情况报告如下：",
             "一、工作完成情况", "（一）压实组织领导",
             "一是成立法治建设领导小组。二是切实履行推进法治建设第一责任人职责，委主要负责人主持召开专题会议研究法治工作3次。",
             "二、存在的不足和原因", TAIL[1], "三、2026年工作计划", TAIL[5], "某市卫生健康委员会", "2026年1月8日"]
    result = _import(tmp_path, lines)
    assert result.report.year == 2025
    assert [i.text for i in resolved(result.report).duty.items] == ["切实履行推进法治建设第一责任人职责，委主要负责人主持召开专题会议研究法治工作3次。"]
    assert [i.text for i in result.report.measures[0].items] == ["成立法治建设领导小组。"]
    rules = _rules(lines)
    assert "parts.missing" not in rules and "parts.duty_inside" in rules


def test_a_shortcoming_whose_one_sentence_names_its_cause_is_split_there(tmp_path):
    lines = OPENING + [
        "一、2024年推进法治政府建设的主要举措和成效", "（一）规范行政执法", "全年办理行政处罚案件35件。",
        "二、存在的不足和原因", "基层单位依法执业意识仍需加强，主要原因是监管力量不足。",
        "三、党政主要负责人履行推进法治建设第一责任人职责情况", TAIL[3], "四、2025年工作安排", TAIL[5], *TAIL[6:],
    ]
    report = _import(tmp_path, lines).report
    assert [(s.problem, s.cause) for s in report.shortcomings] == [("基层单位依法执业意识仍需加强", "主要原因是监管力量不足。")]
    # a sentence that names no cause still gets the visible placeholder
    lines[lines.index("二、存在的不足和原因") + 1] = "基层单位依法执业意识仍需加强，宣传形式较为单一。"
    assert "待补写" in _import(tmp_path, lines).report.shortcomings[0].cause


def test_the_unit_is_read_from_the_opening_only_where_it_names_one(tmp_path):
    body = ["一、2024年推进法治政府建设的主要举措和成效", "（一）规范行政执法", "全年办理行政处罚案件35件。", *TAIL[:6]]
    named = _import(tmp_path, ["2024年以来，某某街道坚持依法行政，现将有关情况报告如下：", *body]).report
    assert named.unit.name == "某某街道"
    # "为贯彻落实…" is the purpose of the work, not who did it
    purpose = _import(tmp_path, ["2024年以来，为贯彻落实全面依法治县工作要求，现将有关情况报告如下：", *body]).report
    assert purpose.unit.name == "待填写单位名称"
