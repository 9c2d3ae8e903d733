"""Page heads seen on published reports that the five corpus copies do not have: the catalogue
rows of a 政府信息公开 page above the title (a list, bullets with values on lines of their own,
bracketed fields, a table row whose field is empty), the page's own heading repeating the
title, the site's name and its accessibility switches, "转自：". The import must find the title
and the unit under them and lose no sentence of the report. The sentences are our own."""

from __future__ import annotations

import pytest

from drafter.reading.cleanup import clean_text

BODY = """\
2024年，全镇坚持依法行政，各项工作稳步推进。现将有关情况报告如下：
一、2024年度推进法治政府建设的主要举措和成效
全年办理行政处罚案件9件，组织集中学法6次。
二、存在的不足和原因
基层执法力量不足，主要原因是编制紧张。
三、党政主要负责人履行推进法治建设第一责任人职责情况
主要负责人主持召开专题会议2次。
四、2025年度推进法治政府建设的主要安排
组织执法培训2场。
"""
TITLE = "某某镇人民政府关于2024年度法治政府建设情况的报告"

HEADS = {
    "a list with spaced field names": (
        "- 索 引 号:000000/2025-00012\n- 主题分类:通知公告\n- 发布机构:某某镇\n- 成文时间:2025年01月20日\n"
        f"- 文 号:无\n- 标 题:{TITLE}\n- 效力状态:有效\n"
    ),
    "bullets with values on lines of their own": (
        "• 文号\n  • 索引号\n  • abc12/2025-00003\n  • 关键词\n  • 主题分类\n  • 法治政府建设\n  • 服务对象\n\n"
    ),
    "bracketed fields": (
        "[ 索引号 ] 000000000000000XD/2025-00007 [ 发文字号 ]\n[ 发布机构 ] 某县某某镇 [ 主题分类 ] 其他\n"
        "[ 成文日期 ] 2025-02-03 [ 发布日期 ] 2025-02-03\n"
    ),
    "the site's name and switches": "某某资讯网 某某资讯网\n\n无障碍 简体| 繁体\n",
}


@pytest.mark.parametrize("head", list(HEADS), ids=list(HEADS))
def test_catalogue_rows_and_site_names_above_the_title_are_dropped(head):
    cleaned = clean_text(HEADS[head] + TITLE + "\n" + BODY)
    assert cleaned.texts[0] == TITLE
    assert cleaned.texts[1:] == [line for line in BODY.splitlines()]
    assert cleaned.dropped


def test_catalogue_rows_give_their_fields_as_metadata():
    listed = clean_text(HEADS["a list with spaced field names"] + TITLE + "\n" + BODY).metadata
    assert listed["发布机构"] == "某某镇" and listed["标题"] == TITLE and listed["索引号"] == "000000/2025-00012"
    bracketed = clean_text(HEADS["bracketed fields"] + TITLE + "\n" + BODY)
    assert bracketed.metadata["发布机构"] == "某县某某镇"
    assert bracketed.published is not None and bracketed.published.isoformat() == "2025-02-03"


def test_a_table_row_whose_field_is_empty_gives_the_next_field_its_value():
    page = "索引号: | 000/2025-1 | 成文日期: | 2025-01-27 |\n文件编号: | 发布机构: | 某某市交通运输局 |\n"
    cleaned = clean_text(page + "2024年度交通运输法治政府建设工作总结\n" + BODY)
    assert cleaned.metadata["发布机构"] == "某某市交通运输局"
    assert "文件编号" not in cleaned.metadata or "发布机构" not in cleaned.metadata["文件编号"]
    assert not any("某某市交通运输局" in t for t in cleaned.texts)  # the row's last cell went too


def test_an_empty_view_count_does_not_take_the_digits_of_the_next_line():
    page = f"{TITLE}\n\n发布日期:2025-02-24         浏览次数:\n\n" + BODY
    assert clean_text(page).texts[1] == BODY.splitlines()[0]  # "2024年，全镇…", not "年，全镇…"


def test_a_font_size_switch_does_not_take_the_first_character_of_the_next_line():
    cleaned = clean_text(f"【字体：大 中 小】\n中共某某镇委员会\n关于2024年度法治政府建设情况的报告\n" + BODY)
    assert cleaned.texts[0] == "中共某某镇委员会"


def test_forwarded_from_is_page_chrome_on_one_line_too():
    page = f"某某资讯网 某某资讯网\n某某部2024年法治政府建设年度报告\n转自:某某部\n" + BODY
    lines = clean_text(page)
    one = clean_text(page.replace("\n", ""))
    assert lines.texts[0] == one.texts[0] == "某某部2024年法治政府建设年度报告"
    assert one.texts[1].startswith("2024年，全镇坚持依法行政")


@pytest.mark.parametrize("title_lines", [[TITLE], ["某某镇人民政府", "关于2024年法治政府建设情况的报告"]])
@pytest.mark.parametrize("heading_lines", [1, 2], ids=["heading on one line", "heading on two"])
def test_the_pages_heading_repeating_the_title_is_not_part_of_it(title_lines, heading_lines):
    """The page's heading (the site's name above it), then the title it repeats, on one or two
    lines: the title once, whichever of 年 / 年度 the two copies write."""
    from drafter.recognise import recognise

    heading = TITLE if heading_lines == 1 else TITLE[:9] + "\n" + TITLE[9:]
    text = "某某市人民政府\n" + heading + "\n" + "\n".join(title_lines) + "\n" + BODY
    structure = recognise(clean_text(text).texts)
    assert structure.title == "".join(title_lines)
    assert [p.kinds for p in structure.parts] == [("measures",), ("shortcomings",), ("duty",), ("plans",)]
    one_line = clean_text(text.replace("\n", ""))
    assert one_line.texts[0] == "".join(title_lines)


@pytest.mark.parametrize("head", list(HEADS), ids=list(HEADS))
def test_the_import_names_the_unit_under_a_page_head(tmp_path, head):
    from drafter.importing import import_report

    source = tmp_path / "report.txt"
    source.write_text(HEADS[head] + TITLE + "\n" + BODY, encoding="utf-8")
    result = import_report(source)
    assert result.report.unit.name == "某某镇人民政府"
    assert result.report.year == 2024
    assert not result.lost, result.lost


def test_a_page_that_lost_its_title_takes_the_unit_from_its_catalogue_title(tmp_path):
    from drafter.importing import import_report

    head = HEADS["a list with spaced field names"]
    source = tmp_path / "report.txt"
    source.write_text(head + BODY, encoding="utf-8")
    assert import_report(source).report.unit.name == "某某镇人民政府"


def test_a_sites_own_lines_above_the_title_are_not_the_title():
    """"××网 | ××网 …", "首页 政务公开 …", a channel name: the title is the lines that end in
    报告 and go on into it (a unit's name, 关于, a year)."""
    from drafter.recognise import recognise

    head = "某某政府网 | 某某市人民政府网 区政府 网站专栏\n首页 政务公开 办事服务 互动交流\n基层政务公开\n"
    for title in ([TITLE], ["中共某某镇委员会", "关于2024年度法治政府建设情况的报告"]):
        structure = recognise(clean_text(head + "\n".join(title) + "\n" + BODY).paragraphs)
        assert structure.title == "".join(title)
        assert [p.text for p in structure.opening] == [BODY.splitlines()[0]]


def test_a_pronoun_in_the_opening_is_not_the_units_name(tmp_path):
    from drafter.importing import import_report

    source = tmp_path / "r.txt"
    source.write_text(BODY.replace("全镇坚持依法行政", "我局坚持依法行政"), encoding="utf-8")
    assert import_report(source).report.unit.name == "待填写单位名称"


@pytest.mark.parametrize("head", list(HEADS), ids=list(HEADS))
def test_on_one_line_the_catalogue_rows_run_into_the_title_and_are_cut_off(tmp_path, head):
    from drafter.importing import import_report

    page = (HEADS[head] + TITLE + "\n" + BODY).replace("\n", "")
    assert clean_text(page).texts[0] == TITLE
    source = tmp_path / "report.txt"
    source.write_text(page, encoding="utf-8")
    assert import_report(source).report.unit.name == "某某镇人民政府"
