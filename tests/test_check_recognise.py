"""drafter.recognise: parts, headings, title, signature, web-page lines (patterns of real reports)."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest

from drafter.recognise import (
    BODY,
    CLOSING,
    DATE,
    HEADING,
    NOISE,
    OPENING,
    PART_HEADING,
    RECIPIENT,
    SIGNATURE,
    TITLE,
    describe,
    parse_heading,
    recognise,
    structure_patterns,
)
from drafter.dates import parse_date
from drafter.text import chinese_number, parse_chinese_number

FIXTURES = Path(__file__).parent / "fixtures" / "check"


def lines(name: str) -> list[str]:
    return (FIXTURES / name).read_text(encoding="utf-8").splitlines()


# ---------------------------------------------------------------------------------------------
# Headings


@pytest.mark.parametrize(
    "text, level, value, problems, title, body",
    [
        ("一、主要举措和成效", 1, 1, (), "主要举措和成效", ""),
        ("十二、其他", 1, 12, (), "其他", ""),
        ("一.主要举措", 1, 1, ("dot_after_chinese",), "主要举措", ""),
        ("（二）规范执法", 2, 2, (), "规范执法", ""),
        ("(三)加强普法。组织开展宣传。", 2, 3, ("halfwidth",), "加强普法", "组织开展宣传。"),
        ("（一）、加强学习", 2, 1, ("extra_sep",), "加强学习", ""),
        ("1.严格程序。全年办案。", 3, 1, (), "严格程序", "全年办案。"),
        ("2．推进监管", 3, 2, (), "推进监管", ""),
        ("3、人员管理规范化。", 3, 3, ("dunhao_after_arabic",), "人员管理规范化", ""),
        ("（4）强化监督", 4, 4, (), "强化监督", ""),
        ("(5)强化监督", 4, 5, ("halfwidth",), "强化监督", ""),
        ("第二部分 存在的不足和原因", 1, 2, (), "存在的不足和原因", ""),
    ],
)
def test_parse_heading(text, level, value, problems, title, body):
    h = parse_heading(text)
    assert h is not None
    assert (h.level, h.value, h.problems, h.text, h.body) == (level, value, problems, title, body)


@pytest.mark.parametrize(
    "text",
    ["2024年以来，我局依法履职。", "一是加强学习。", "1.5万元罚没款已上缴。", "一、二季度开展专项整治。", "12345热线工单384件。", "一、"],
)
def test_not_a_heading(text):
    assert parse_heading(text) is None


def test_canonical_marker():
    assert parse_heading("(十一)规范").canonical_marker == "（十一）"
    assert parse_heading("3、人员").canonical_marker == "3."


def test_numerals():
    assert [parse_chinese_number(s) for s in ("一", "十", "十二", "二十三", "二〇二五")] == [1, 10, 12, 23, 2025]
    assert parse_chinese_number("甲") is None
    assert [chinese_number(n) for n in (1, 10, 12, 20, 23)] == ["一", "十", "十二", "二十", "二十三"]


def test_numerals_of_digits_only_are_read_digit_by_digit():
    """Every string of up to three characters: one of digits only ("三三", "两〇") reads digit by
    digit, and one with another character never does (a unit, a blank, a letter)."""
    digits = {**{c: i for i, c in enumerate("〇一二三四五六七八九")}, "零": 0, "○": 0, "Ｏ": 0, "两": 2}
    chars = [*digits, "十", "百", "千", "万", " ", "a", "1"]
    for length in (1, 2, 3):
        for text in map("".join, itertools.product(chars, repeat=length)):
            value = parse_chinese_number(text)
            if all(c in digits for c in text):
                assert value == int("".join(str(digits[c]) for c in text)), text
            else:  # a unit makes it a numeral the other way ("三十"); anything else, none
                assert value is None or any(c in "十百千万" for c in text), text
    assert parse_chinese_number("三十") == 30 and parse_chinese_number("三 ") is None


def test_parse_date():
    assert parse_date("2025年2月28日") == dt.date(2025, 2, 28)
    assert parse_date("2025年02月08日") == dt.date(2025, 2, 8)
    assert parse_date("二〇二五年二月二十八日") == dt.date(2025, 2, 28)
    assert parse_date("2025年2月30日") is None
    assert parse_date("2025年全年") is None


# ---------------------------------------------------------------------------------------------
# Whole reports


def test_clean_report_structure():
    s = recognise(lines("clean.txt"))
    assert s.title == "某某县城市管理局关于2024年度法治政府建设情况的报告"
    assert s.recipient is not None and s.recipient.text == "县委、县政府："
    assert [p.role for p in s.opening] == [OPENING]
    assert s.kinds() == ["measures", "shortcomings", "duty", "plans"]
    assert [p.number for p in s.parts] == [1, 2, 3, 4]
    assert all(p.numbered for p in s.parts)
    measures = s.part("measures")
    assert [h.heading.marker for h in measures.headings] == ["（一）", "（二）", "1.", "2.", "（三）"]
    assert [p.text for p in s.closing] == ["特此报告。"]
    assert s.signature.text == "某某县城市管理局" and s.signature.role == SIGNATURE
    assert s.date_value == dt.date(2025, 2, 20) and s.date.role == DATE
    assert s.year == 2024
    assert s.part("plans").year == 2025


def test_web_page_lines_are_ignored_and_duty_first_order():
    s = recognise(lines("web_copy.txt"))
    ignored = [p.text for p in s.ignored]
    assert ignored[0].startswith("您当前所在位置")
    assert any(t.startswith("来源:") for t in ignored)
    assert "扫一扫在手机打开当前页" in ignored
    assert any(t.startswith("主办单位") for t in ignored)
    assert "【关闭当前页面】" in ignored
    assert all(p.role == NOISE for p in s.ignored)
    assert s.title == "某某街道办事处2024年法治政府建设情况报告"
    assert s.kinds() == ["duty", "measures", "shortcomings", "plans"]
    # paragraph numbers count web-page lines too: they locate findings in the file as given
    assert s.paragraphs[0].number == 1 and s.paragraphs[0].role == NOISE
    assert s.year == 2024


def test_table_header_rows_are_metadata():
    s = recognise(lines("table_header.txt"))
    assert [p.role for p in s.paragraphs[:4]] == [NOISE] * 4
    assert s.metadata["发文日期"] == "2025-01-20"
    assert s.metadata["发布机构"] == "某某镇人民政府"
    assert s.title == "中共某某镇委员会关于2024年度法治政府建设情况的报告"
    assert [p.role for p in s.title_paragraphs] == [TITLE, TITLE]
    assert s.kinds() == ["measures", "shortcomings", "duty", "plans"]
    assert s.closing[0].role == CLOSING


def test_part_heading_that_lost_its_number():
    s = recognise(
        [
            "一、推进法治建设的主要举措和成效",
            "做了大量工作。",
            "主要负责人履行推进法治建设第一责任人职责，加强法治政府建设的有关情况",
            "主要负责人亲自部署。",
            "三、推进法治政府建设存在的不足和原因",
            "还有不足。",
            "四、下一年度推进法治政府建设的具体工作思路和重点工作安排",
            "继续努力。",
        ]
    )
    assert s.kinds() == ["measures", "duty", "shortcomings", "plans"]
    duty = s.part("duty")
    assert not duty.numbered and duty.position == 2 and duty.heading.role == PART_HEADING


def test_topic_line_inside_a_part_is_not_a_part():
    s = recognise(
        [
            "一、主要举措和成效",
            "完善法治建设工作计划",  # names 计划 but is a topic of part 1
            "年初制定了法治建设工作计划。",
            "二、存在的不足",
            "不足。",
        ]
    )
    assert s.kinds() == ["measures", "shortcomings"]
    assert s.part("measures").paragraphs[0].role == BODY


def test_sentence_mentioning_duty_is_not_a_heading():
    s = recognise(
        [
            "一、主要举措和成效",
            "总之，我们将切实履行推进法治建设第一责任人职责，为发展提供法治保障。",
        ]
    )
    assert s.kinds() == ["measures"]


def test_combined_heading_covers_two_parts():
    s = recognise(["一、主要举措和成效", "工作。", "二、存在的问题及下一步打算", "问题和打算。"])
    assert s.parts[1].kinds == ("shortcomings", "plans")
    assert s.kinds() == ["measures", "shortcomings", "plans"]


def test_other_part_and_unknown_heading():
    s = recognise(["一、主要举措和成效", "工作。", "二、工作亮点", "亮点。", "三、其他需要报告的情况", "无。"])
    assert s.parts[1].kinds == ()
    assert s.parts[2].kind == "other"


def test_year_vote_and_override():
    paras = [
        "某局关于2023年度法治政府建设情况的报告",  # title not updated
        "现将2024年度法治政府建设情况报告如下。",
        "一、2024年推进法治政府建设的主要举措和成效",
        "工作。",
        "二、2025年推进法治政府建设的主要安排",
        "计划。",
    ]
    s = recognise(paras)
    assert s.year == 2024
    assert ("title", 2023) in [(w, y) for w, y, _ in s.year_evidence]
    assert recognise(paras, year=2030).year == 2030


def test_accepts_objects_with_text_and_blank_lines():
    class P:
        def __init__(self, text):
            self.text = text

    s = recognise([P(""), P("一、主要举措和成效"), P("  "), P("工作。")])
    assert [p.number for p in s.paragraphs] == [1, 2]
    assert [p.index for p in s.paragraphs] == [1, 3]
    assert s.paragraphs[1].role == BODY


def test_rules_are_data():
    rules = structure_patterns()
    assert set(rules.parts) == {"measures", "shortcomings", "duty", "plans", "other"}
    assert ("measures", "shortcomings", "duty", "plans") in rules.accepted_orders
    assert ("duty", "measures", "shortcomings", "plans") in rules.accepted_orders
    assert rules.parts["plans"].suggested_heading(2024).startswith("2025年度")
    assert "下一年度" in rules.parts["plans"].suggested_heading(None)


def test_describe_outlines_the_report():
    text = describe(recognise(lines("clean.txt")))
    assert "一、2024年度推进法治政府建设的主要举措和成效 [measures]" in text
    assert "落款: 某某县城市管理局" in text


def test_recipient_and_heading_roles():
    s = recognise(lines("clean.txt"))
    roles = {p.text: p.role for p in s.paragraphs}
    assert roles["县委、县政府："] == RECIPIENT
    assert roles["（一）抓实学法用法"] == HEADING
