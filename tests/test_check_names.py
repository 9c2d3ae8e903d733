"""Names and words written exactly (drafter/check/names.py), years written wrongly, and
breakdowns above their total: each rule with a case it reports and a case it leaves alone."""

from __future__ import annotations

import pytest

from check_helpers import doc, found
from drafter.check import check_paragraphs


def _rules(lines: list[str]) -> list[str]:
    return [f.rule for f in check_paragraphs(lines).findings]


# ---------------------------------------------------------------------------- the outline


@pytest.mark.parametrize(
    "text, problem",
    [
        ("深入贯彻《法治政府建设实施纲要（20212025年）》。", "缺少连接号"),
        ("深入贯彻《法治政府建设实施纲要（2020－2025年）》。", "年份应为2021－2025"),
        ("深入贯彻《法治政府建设实施纲要（2021－2025）》。", "缺少“年”字"),
        ("深入贯彻《法治政府建设实施纲要2021－2025年》。", "年份应加括号"),
        ("深入贯彻《法治政府建设实施纲要（2021~2025年）》。", "连接号“~”应为“－”"),
    ],
)
def test_the_outline_title_written_wrongly(text, problem):
    (f,) = found(text, rule="names.outline_title")
    assert problem in f.message
    assert f.fix == "写作《法治政府建设实施纲要（2021－2025年）》。"


@pytest.mark.parametrize(
    "text",
    [
        "深入贯彻《法治政府建设实施纲要（2021－2025年）》。",
        "深入贯彻《法治政府建设实施纲要（2021—2025年）》。",
        "紧盯《法治政府建设实施纲要2024年重点工作台账》落实情况。",  # another document
        "落实法治政府建设实施纲要。",
    ],
)
def test_the_outline_title_written_right(text):
    assert found(text, rule="names.outline_title") == []


def _report_on(year: int, line: str) -> list[str]:
    return [
        f"某局关于{year}年度法治政府建设情况的报告",
        f"现将{year}年度法治政府建设情况报告如下：",
        f"一、{year}年度推进法治政府建设的主要举措和成效",
        line,
        f"二、{year}年度推进法治政府建设存在的不足和原因",
        "执法人员不足，原因是编制紧张。",
        f"三、{year}年度党政主要负责人履行推进法治建设第一责任人职责情况",
        "主要负责人带头学法用法。",
        f"四、{year + 1}年度推进法治政府建设的主要安排",
        "继续加强执法队伍建设。",
    ]


def test_a_report_on_2026_citing_the_2021_outline_gets_a_hint_while_the_successor_is_unconfirmed():
    findings = check_paragraphs(_report_on(2026, "深入贯彻《法治政府建设实施纲要（2021－2025年）》。")).findings
    (f,) = [f for f in findings if f.rule.startswith("names.outline_period")]
    assert f.rule == "names.outline_period_unconfirmed" and f.severity == "info"
    assert "《法治政府建设实施纲要（2026－2030年）》" in f.fix


def test_the_outline_of_the_report_year_is_fine():
    assert not [r for r in _rules(_report_on(2024, "深入贯彻《法治政府建设实施纲要（2021－2025年）》。")) if r.startswith("names.")]
    assert not [r for r in _rules(_report_on(2026, "深入贯彻《法治政府建设实施纲要（2026－2030年）》。")) if r.startswith("names.")]


def test_a_report_on_2022_citing_the_2015_outline_is_a_warning():
    findings = check_paragraphs(_report_on(2022, "对照《法治政府建设实施纲要（2015－2020年）》。")).findings
    (f,) = [f for f in findings if f.rule.startswith("names.outline_period")]
    assert f.rule == "names.outline_period" and f.severity == "warning"


# ---------------------------------------------------------------------------- regulations, words


def test_a_regulation_name_written_wrongly():
    (f,) = found("严格落实《法治政府建设与责任落实督查工作规定》。", rule="names.regulation")
    assert f.fix == "写作《法治政府建设与责任落实督察工作规定》。"


def test_a_regulation_name_written_right():
    assert found("严格落实《法治政府建设与责任落实督察工作规定》。", rule="names.regulation") == []


@pytest.mark.parametrize(
    "text, right",
    [("推进法制政府建设。", "法治政府"), ("学习习近平法制思想。", "习近平法治思想"), ("执法人员佩戴执法记录议。", "执法记录仪"),
     ("深入学习党的二十大三中全会精神。", "二十届"), ("落实双随机，一公开监管。", "双随机、一公开")],
)
def test_wrong_characters_in_official_phrases(text, right):
    (f,) = found(text, rule="text.wrong_word")
    assert f.fix == f"改为“{right}”。"


@pytest.mark.parametrize("text", ["重大执法决定全部经过法制审核。", "推进法治政府建设。", "深入学习党的二十届三中全会精神。"])
def test_right_phrases_are_not_wrong_words(text):
    assert found(text, rule="text.wrong_word") == []


# ---------------------------------------------------------------------------- years


@pytest.mark.parametrize("text", ["制定2024法治政府建设工作要点。", "印发2024度普法计划。"])
def test_a_year_without_nian(text):
    (f,) = found(text, rule="text.year_without_nian")
    assert "2024" in f.message


@pytest.mark.parametrize("text", ["接待群众2024人次。", "制定2024年法治政府建设工作要点。", "拨打12345热线。", "落实（2021-2025年）规划。",
                                  "完善《2024某中心防汛应急预案》。"])
def test_counts_and_years_with_nian_are_fine(text):
    assert found(text, rule="text.year_without_nian") == []


def test_a_doubled_niandu():
    lines = doc("全年学法12次。")
    lines[0] = "某局关于2024年度年度法治政府建设情况的报告"
    assert "text.double_niandu" in _rules(lines)
    assert "text.double_niandu" not in _rules(doc("全年学法12次。"))


def test_a_sub_heading_naming_the_wrong_year():
    (f,) = found("（一）2023年推进依法行政工作", "全年学法12次。", rule="year.heading")
    assert "2023年" in f.message and f.fix == "核对后改为“2024年”。"
    assert found("（一）2024年推进依法行政工作", "全年学法12次。", rule="year.heading") == []


# ---------------------------------------------------------------------------- breakdowns


def test_breakdowns_larger_than_their_total():
    (f,) = found("办理人大代表建议和政协委员提案共12件，其中主办8件、协办6件。", rule="figures.breakdown_exceeds_total")
    assert f.severity == "error" and "合计14件" in f.message and "12件" in f.message


@pytest.mark.parametrize(
    "text",
    [
        "办理人大代表建议和政协委员提案共12件，其中主办8件、协办4件。",
        "办理行政处罚案件59件，其中一般程序27件、简易程序32件。",
        "共12件，其中主办8件（其中按时办结8件）。",  # a nested breakdown
    ],
)
def test_breakdowns_within_their_total(text):
    assert found(text, rule="figures.breakdown_exceeds_total") == []


def test_one_search_for_all_names_finds_what_each_finds():
    """Paragraphs are skipped on one search for all the lexicon's words (or all regulations):
    it must match wherever one of them does, and is not built from patterns with groups."""
    from drafter.check.names import _names
    from drafter.recognise.patterns import AnyOf

    names = _names()
    wrong = [w for w, _, _ in names.wrong_words]
    combined = AnyOf([w.pattern for w in wrong])
    texts = ["推进法制政府建设。", "执法人员佩戴执法记录议。", "推进法治政府建设。", "无关的一句话。"]
    for text in texts:
        assert combined.search(text) == any(w.search(text) for w in wrong)
    with_groups = AnyOf(["(督查|督察)", "规定"])  # tried one by one
    assert with_groups.search("督察规定") and with_groups.search("规定") and not with_groups.search("督导")
