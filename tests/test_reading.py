"""drafter.reading: page chrome dropped, broken copies segmented, the report year read from the
places that name it (and never from a date widget or a publish date alone)."""

from __future__ import annotations

import datetime as dt

import pytest

from drafter.reading.cleanup import clean_text
from drafter.reading.year import clues_of, read_year

# ---------------------------------------------------------------------------- chrome


PAGE = """\
当前位置：首页 › 信息公开 › 法定主动公开 › 工作报告
发布时间：2025-02-21 16:05:09  阅读量：3471
分享到：微信 微博 QQ空间
2019年6月3日 星期一
某某县交通运输局关于2024年度法治政府建设情况的报告
来源：县交通运输局
附件下载
2024年，我局坚持依法行政。现将有关情况报告如下：
一、2024年度推进法治政府建设的主要举措和成效
全年办理行政处罚案件12件。
打印本页 关闭窗口
"""


def test_page_chrome_is_dropped_and_listed():
    cleaned = clean_text(PAGE)
    assert cleaned.texts == [
        "某某县交通运输局关于2024年度法治政府建设情况的报告",
        "2024年，我局坚持依法行政。现将有关情况报告如下：",
        "一、2024年度推进法治政府建设的主要举措和成效",
        "全年办理行政处罚案件12件。",
    ]
    labels = [d.label for d in cleaned.dropped]
    for label in ("导航路径", "发布时间", "浏览次数", "分享按钮", "日期插件", "来源", "附件", "打印关闭"):
        assert label in labels, label
    widget = next(d for d in cleaned.dropped if d.label == "日期插件")
    assert widget.text == "2019年6月3日 星期一" and widget.line == 4
    assert cleaned.published == dt.date(2025, 2, 21)


def test_the_same_page_on_one_line_gives_the_same_paragraphs():
    one_line = "".join(line.strip() for line in PAGE.splitlines())
    assert clean_text(one_line).texts == clean_text(PAGE).texts


@pytest.mark.parametrize("separator", [">>", "＞＞", "»", " > "])
def test_a_breadcrumb_with_doubled_separators_is_dropped_whole(separator):
    crumbs = separator.join(["首页", "信息公开", "法治政府建设年度报告"])
    page = (
        f"当前位置：{crumbs} 某某区卫生健康委员会2024年法治政府建设年度报告 "
        "2024年，区卫健委认真落实法治政府建设各项部署。现报告如下： 一、主要举措和成效 全年检查医疗机构20家次。"
    )
    cleaned = clean_text(page)
    assert cleaned.texts[0] == "某某区卫生健康委员会2024年法治政府建设年度报告"
    crumb = next(d for d in cleaned.dropped if d.label == "导航路径")
    assert crumb.text.endswith("法治政府建设年度报告")


def test_a_breadcrumb_channel_ending_in_baogao_is_not_the_title_of_a_one_line_copy():
    page = (
        "您当前所在位置: 首页 > 信息公开年度报告某某县城管局关于2024年法治政府建设情况的报告"
        "来源:某某县城市管理局 时间:2025-03-26为贯彻落实依法治县工作要求，现将我单位2024年推进法治政府建设有关情况报告如下："
        "一、主要举措和成效全年办理行政处罚案件12件。"
    )
    cleaned = clean_text(page)
    assert cleaned.texts[0] == "某某县城管局关于2024年法治政府建设情况的报告"
    assert ("导航路径", "信息公开年度报告") in [(d.label, d.text) for d in cleaned.dropped]


def test_report_words_that_look_like_chrome_stay():
    text = (
        "一、主要举措和成效\n"
        "通过公开举报电话等方式接受监督，开通微信公众号发布信息，资金来源：财政拨款。\n"
        "组织一、二季度执法检查。\n"
    )
    assert clean_text(text).texts == text.strip().split("\n")


def test_a_table_header_row_gives_metadata():
    cleaned = clean_text("发文日期: | 2025-01-17 | 发布机构: | 某镇人民政府 |\n某镇2024年度法治政府建设情况报告\n")
    assert cleaned.metadata == {"发文日期": "2025-01-17", "发布机构": "某镇人民政府"}
    assert cleaned.published == dt.date(2025, 1, 17)
    assert cleaned.texts == ["某镇2024年度法治政府建设情况报告"]


# ---------------------------------------------------------------------------- segments


def test_markers_broken_over_lines_are_joined():
    text = "三、存在的不足和原因\n主要表现在：\n一\n是学习不够深入；二\n是执法不够规范。\n"
    cleaned = clean_text(text)
    assert cleaned.texts == ["三、存在的不足和原因", "主要表现在：一是学习不够深入；二是执法不够规范。"]
    assert cleaned.joined_markers == 2


def test_paragraphs_after_one_with_a_line_break_keep_their_own_lines():
    """A .docx title over two lines is one paragraph holding a line break: the paragraphs after
    it are still told by their own place, and each line of it keeps its runs."""
    from drafter.reading.cleanup import clean_source
    from drafter.textsource import RunFont, SourceParagraph

    title = SourceParagraph("某局关于2024年度\n法治政府建设情况的报告", style="公文标题", line=1,
                            runs=(RunFont("某局关于2024年度\n法治", east_asia="方正小标宋简体"),
                                  RunFont("政府建设情况的报告", east_asia="方正小标宋简体")))
    source = [title, SourceParagraph("做了很多工作。", line=3),
              SourceParagraph("一\n是加强学习。", line=4), SourceParagraph("二是规范执法。", line=5)]
    cleaned = clean_source(source)
    assert [(p.text, p.line) for p in cleaned.paragraphs] == [
        ("某局关于2024年度", 1), ("法治政府建设情况的报告", 1), ("做了很多工作。", 3), ("一是加强学习。", 4),
        ("二是规范执法。", 5)]
    first, second = cleaned.paragraphs[:2]
    assert first.style == second.style == "公文标题"
    assert [r.text for r in first.runs] == ["某局关于2024年度"]
    assert [r.text for r in second.runs] == ["法治", "政府建设情况的报告"]


def test_a_numeral_after_a_full_stop_starts_its_own_paragraph_again():
    cleaned = clean_text("做了很多工作。\n一\n是加强学习。\n")
    assert cleaned.texts == ["做了很多工作。", "一是加强学习。"]


def test_one_line_is_split_at_its_headings_and_after_a_heading_without_a_full_stop():
    text = (
        "某局2024年度法治政府建设情况报告2024年以来，我局依法行政。现将有关情况报告如下："
        "一、党政主要负责人履行推进法治建设第一责任人职责情况2024年，主要负责人带头学法。"
        "二、主要举措和成效（一）规范执法。全年办理案件5件。"
        "三、存在的不足、原因和问题整改情况。学习不深。"
        "四、2025年工作安排一是加强学习。特此报告。某局2025年2月28日"
    )
    assert clean_text(text).texts == [
        "某局2024年度法治政府建设情况报告",
        "2024年以来，我局依法行政。现将有关情况报告如下：",
        "一、党政主要负责人履行推进法治建设第一责任人职责情况",
        "2024年，主要负责人带头学法。",
        "二、主要举措和成效",
        "（一）规范执法。全年办理案件5件。",
        "三、存在的不足、原因和问题整改情况。学习不深。",
        "四、2025年工作安排",
        "一是加强学习。",
        "特此报告。",
        "某局",
        "2025年2月28日",
    ]


def test_an_unnumbered_part_heading_inside_running_text_is_found_by_its_words():
    text = "做好宣传工作。主要负责人履行推进法治建设第一责任人职责，加强法治政府建设的有关情况单位主要负责人带头学法。"
    cleaned = clean_text(text)
    assert cleaned.texts == [
        "做好宣传工作。",
        "主要负责人履行推进法治建设第一责任人职责，加强法治政府建设的有关情况",
        "单位主要负责人带头学法。",
    ]
    assert [p.part_heading for p in cleaned.paragraphs] == [False, True, False]


@pytest.mark.parametrize(
    "line",
    ["推进法治政府建设的主要举措和成效。", "推进法治政府建设存在的不足和原因：", "党政主要负责人履行推进法治建设第一责任人职责，加强法治政府建设。", "基本情况"],
)
def test_unnumbered_headings_ending_in_a_stop_or_colon_are_part_headings(line):
    (paragraph,) = clean_text(line).paragraphs
    assert paragraph.part_heading
    assert paragraph.text == line.rstrip("。：")


@pytest.mark.parametrize(
    "line",
    [
        "中心主要负责人作为法治建设第一责任人，带头履行职责。",  # a sentence naming a part
        "一是制定了2024年法治政府建设工作要点并纳入年度工作计划。",
        "工作中存在的问题较多。",
    ],
)
def test_sentences_naming_a_part_are_not_headings(line):
    (paragraph,) = clean_text(line).paragraphs
    assert not paragraph.part_heading
    assert paragraph.text == line


def test_ideographic_spaces_inside_a_title_go():
    assert clean_text("\u3000\u3000某局关于\u30002024年度法治政府建设情况的报告").texts == ["某局关于2024年度法治政府建设情况的报告"]


# ---------------------------------------------------------------------------- year


def _year(**places):
    return read_year(clues_of(**places))


@pytest.mark.parametrize(
    "opening, year",
    [
        (["2025年以来，我局坚持依法行政。"], 2025),
        (["为贯彻落实《法治政府建设实施纲要（2021－2025年）》，现将我局2024年法治政府建设情况报告如下："], 2024),
        (["2024年，在区委的领导下，中心依法履职。"], 2024),
    ],
)
def test_the_year_from_the_opening(opening, year):
    reading = _year(opening=opening)
    assert reading.year == year and reading.used.place == "opening"


def test_the_year_from_the_plans_heading_is_the_year_before():
    reading = _year(headings=[(("plans",), "2026年工作安排")])
    assert reading.year == 2025 and reading.used.place == "plans_heading"


def test_a_publish_date_alone_gives_no_year():
    reading = _year(published=dt.date(2025, 3, 26))
    assert reading.year is None
    assert "网页发布日期" in reading.note


def test_a_date_of_writing_in_december_is_the_same_year():
    assert _year(written=dt.date(2024, 12, 20)).year == 2024
    assert _year(written=dt.date(2025, 2, 28)).year == 2024


def test_disagreeing_places_are_decided_by_majority_and_said():
    reading = _year(
        title="某局关于2024年度法治政府建设情况的报告",
        opening=["2023年以来，我局依法行政。"],
        headings=[(("measures",), "2024年推进法治政府建设的主要举措和成效"), (("plans",), "2025年工作安排")],
    )
    assert reading.year == 2024 and reading.used.place == "title"
    assert reading.note == "报告年度按标题取2024年（多数线索）；开头为2023年，请核对"


def test_a_tie_goes_to_the_title():
    reading = _year(title="某局2024年度法治政府建设情况报告", opening=["2025年以来，我局依法行政。"])
    assert reading.year == 2024
    assert "开头为2025年" in reading.note


def test_strong_places_beat_the_body_and_the_date():
    reading = _year(
        opening=["2024年以来，我局依法行政。"],
        body=["2023年……", "2023年……", "2023年……"],
        written=dt.date(2023, 2, 1),
    )
    assert reading.year == 2024


def test_book_titles_ranges_and_dates_are_not_years():
    assert _year(opening=["根据《2023年工作要点》和《纲要（2021－2025年）》，于2025年2月报告如下。"]).year is None


@pytest.mark.parametrize("lead", ["当前位置：", "您当前的位置：", "您现在的位置：", "您当前所在位置: "])
def test_a_breadcrumb_is_dropped_whatever_the_site_calls_it(lead):
    """Sites write "您当前的位置" as often as "当前位置": a leftover "您当前的" glued to the title
    kept the title from being found in a one-line copy."""
    page = (
        f"{lead}首页 > 政务公开 > 法治政府建设 某某县城管局关于2024年法治政府建设情况的报告"
        "为贯彻落实依法治县工作要求，现将我单位2024年推进法治政府建设有关情况报告如下："
        "一、主要举措和成效全年办理行政处罚案件12件。"
    )
    cleaned = clean_text(page)
    assert cleaned.texts[0] == "某某县城管局关于2024年法治政府建设情况的报告"
    assert [d.label for d in cleaned.dropped][:1] == ["导航路径"]
