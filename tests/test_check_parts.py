"""Rule 1: parts present, non-empty, numbered, in an accepted order; the fifth part optional."""

from __future__ import annotations

import pytest
from check_helpers import BASE, FIXTURES
from drafter.check import check_paragraphs, check_path


def rules_of(result, prefix="parts."):
    return [f.rule for f in result.findings if f.rule.startswith(prefix)]


def test_complete_report_has_no_part_findings():
    result = check_paragraphs(BASE)
    assert result.parts == ["measures", "shortcomings", "duty", "plans"]
    assert result.findings == []


def test_missing_part():
    paras = BASE[:4] + BASE[6:]  # no shortcomings
    paras = [p.replace("三、", "二、").replace("四、", "三、") for p in paras]
    result = check_paragraphs(paras)
    missing = [f for f in result.findings if f.rule == "parts.missing"]
    assert len(missing) == 1
    assert missing[0].part == "shortcomings" and missing[0].severity == "error"
    assert "2024年度推进法治政府建设存在的不足和原因" in missing[0].fix


def test_empty_part():
    paras = [p for p in BASE if p != "执法人员不足，原因是编制紧张。"]
    result = check_paragraphs(paras)
    empty = [f for f in result.findings if f.rule == "parts.empty"]
    assert [f.part for f in empty] == ["shortcomings"]
    assert empty[0].paragraph == 5


def test_part_with_only_run_in_text_is_not_empty():
    paras = list(BASE)
    paras[5] = "（一）执法力量不足。原因是编制紧张。"
    assert "parts.empty" not in rules_of(check_paragraphs(paras))


def test_duty_first_order_is_accepted():
    paras = BASE[:2] + BASE[6:8] + BASE[2:6] + BASE[8:]
    paras = [p.replace("三、2024年度党政", "一、2024年度党政") for p in paras]
    paras[4] = paras[4].replace("一、", "二、")
    paras[6] = paras[6].replace("二、", "三、")
    result = check_paragraphs(paras)
    assert result.parts == ["duty", "measures", "shortcomings", "plans"]
    assert result.findings == []


def test_wrong_order_is_a_warning():
    # plans before shortcomings: neither accepted order nor a known variant
    paras = BASE[:4] + BASE[8:10] + BASE[4:8] + BASE[10:]
    result = check_paragraphs(paras)
    order = [f for f in result.findings if f.rule == "parts.order"]
    assert len(order) == 1 and order[0].severity == "warning" and order[0].part is None


def test_sanitation_centre_order_is_a_known_variant():
    result = check_path(FIXTURES / "lost_number.md")
    assert result.parts == ["measures", "duty", "shortcomings", "plans"]
    variant = [f for f in result.findings if f.rule == "parts.order_variant"]
    assert len(variant) == 1 and variant[0].severity == "info"
    assert "parts.order" not in rules_of(result)


def test_heading_that_lost_its_number_is_reported():
    result = check_path(FIXTURES / "lost_number.md")
    unnumbered = [f for f in result.findings if f.rule == "parts.unnumbered"]
    assert len(unnumbered) == 1
    f = unnumbered[0]
    assert f.severity == "error" and f.part == "duty"
    assert "“二、”" in f.message
    assert f.excerpt.startswith("主要负责人履行推进法治建设第一责任人职责")
    # the numbering 一、三、四 is explained by the unnumbered part: no extra sequence error
    assert "headings.sequence" not in [x.rule for x in result.findings]


def test_report_without_any_part_numbers():
    result = check_path(FIXTURES / "no_part_numbers.txt")
    assert result.parts == ["measures", "shortcomings", "duty", "plans"]
    unnumbered = [f for f in result.findings if f.rule == "parts.unnumbered"]
    assert [f.part for f in unnumbered] == ["measures", "shortcomings", "duty", "plans"]
    assert ["“一、”" in unnumbered[0].message, "“四、”" in unnumbered[3].message] == [True, True]


def test_optional_fifth_part():
    paras = BASE[:10] + ["五、其他需要报告的情况", "无其他需要报告的事项。"] + BASE[10:]
    result = check_paragraphs(paras)
    assert result.parts == ["measures", "shortcomings", "duty", "plans", "other"]
    assert result.findings == []


def test_fifth_part_must_come_last():
    paras = BASE[:8] + ["四、其他需要报告的情况", "无。", "五、2025年度推进法治政府建设的主要安排", "继续加强。"] + BASE[10:]
    assert "parts.other_position" in rules_of(check_paragraphs(paras))


def test_unknown_level_one_heading():
    paras = BASE[:10] + ["五、工作亮点", "亮点。"] + BASE[10:]
    result = check_paragraphs(paras)
    assert rules_of(result) == ["parts.unknown"]


def test_duplicate_part():
    paras = BASE[:4] + ["二、主要工作成效", "成效明显。"] + [
        p.replace("二、", "三、", 1).replace("三、2024年度党政", "四、2024年度党政").replace("四、2025", "五、2025")
        for p in BASE[4:]
    ]
    assert "parts.duplicate" in rules_of(check_paragraphs(paras))


def test_title_signature_and_date():
    result = check_paragraphs(BASE[1:10])
    assert sorted(rules_of(result)) == ["parts.no_signature", "parts.no_title"]
    assert {f.severity for f in result.findings} == {"info"}
    padded = BASE[:-1] + ["2025年02月08日"]
    assert rules_of(check_paragraphs(padded)) == ["parts.date_format"]
    chinese = BASE[:-1] + ["二〇二五年二月二十日"]
    assert rules_of(check_paragraphs(chinese)) == ["parts.date_format"]


@pytest.mark.parametrize("blank", ["2025年　月　日", "2025年  月  日", "2025年__月__日", "××××年×月×日"])
def test_date_left_blank_is_a_date_to_fill_not_a_missing_signature(blank):
    result = check_paragraphs(BASE[:-1] + [blank])
    assert rules_of(result) == ["parts.date_blank"]
    assert result.findings[0].severity == "info"
    assert "月、日尚未填写" in result.findings[0].message


def test_word_auto_numbered_part_headings(tmp_path):
    import docx
    d = docx.Document()
    d.add_paragraph("某局关于2024年度法治政府建设情况的报告")
    for i, line in enumerate(BASE[1:10]):
        if line[1:2] == "、" and line[0] in "一二三四":
            d.add_paragraph(line[2:], style="List Number")  # Word supplies "1." — no literal 一、
        else:
            d.add_paragraph(line)
    path = tmp_path / "auto.docx"
    d.save(path)
    result = check_path(path)
    assert result.parts == ["measures", "shortcomings", "duty", "plans"]
    auto = [f for f in result.findings if f.rule == "parts.auto_numbered"]
    assert [f.part for f in auto] == ["measures", "shortcomings", "duty", "plans"]
    assert "parts.unnumbered" not in [f.rule for f in result.findings]
    assert "headings.auto_numbered" not in [f.rule for f in result.findings]


def _with_shortcomings(heading: str, body: str) -> list[str]:
    paras = list(BASE)
    paras[4] = heading
    paras[5] = body
    return paras


def test_shortcomings_without_causes_are_reported():
    paras = _with_shortcomings("二、2024年度推进法治政府建设存在的不足", "执法力量不足，业务水平仍需提高。")
    assert "parts.no_causes" in rules_of(check_paragraphs(paras))


def test_causes_named_in_heading_or_body_pass():
    named_in_heading = _with_shortcomings("二、2024年度推进法治政府建设存在的不足和原因", "执法力量不足。")
    analysed_in_body = _with_shortcomings("二、2024年度推进法治政府建设存在的不足", "执法力量不足，主要是由于编制紧张。")
    for paras in (named_in_heading, analysed_in_body):
        assert "parts.no_causes" not in rules_of(check_paragraphs(paras))
