"""Rule 2: heading numbers 一、→（一）→ 1. →（1）; gaps, repeats, skipped levels, bad markers."""

from __future__ import annotations

from check_helpers import FIXTURES, doc
from drafter.check import check_paragraphs, check_path
from drafter.check.headings import sequence_issues



def found(paragraphs, prefix="headings."):
    return [f for f in check_paragraphs(paragraphs).findings if f.rule.startswith(prefix)]


def test_good_hierarchy_passes():
    assert found(doc("（一）学法", "1.会前学法", "（1）党组学法", "（2）中心组学法", "2.专题培训", "（二）执法", "正文。")) == []


def test_gap_in_subheadings():
    fs = found(doc("（一）学法", "正文。", "（三）执法", "正文。"))
    assert [f.rule for f in fs] == ["headings.sequence"]
    assert "缺少“（二）”" in fs[0].message and fs[0].severity == "error"
    assert fs[0].excerpt.startswith("（三）")


def test_repeat_in_subheadings():
    fs = found(doc("1.学法", "2.执法", "2.普法"))
    seq = [f for f in fs if f.rule == "headings.sequence"]
    assert len(seq) == 1 and "重复" in seq[0].message


def test_single_typo_reported_once():
    fs = found(doc("（一）学法", "（二）执法", "（四）普法", "（四）监督", "（五）复议"))
    seq = [f for f in fs if f.rule == "headings.sequence"]
    assert len(seq) == 1
    assert "“（四）”应为“（三）”" in seq[0].message
    assert seq[0].fix == "改为“（三）”。"


def test_numbering_restarts_under_each_parent():
    assert found(doc("（一）学法", "1.会前", "2.专题", "（二）执法", "1.程序", "2.监督")) == []


def test_part_number_gap():
    paras = doc("正文。")
    paras[8] = paras[8].replace("四、", "五、")
    fs = found(paras)
    assert [f.rule for f in fs] == ["headings.sequence"]
    assert "“三、”之后是“五、”，缺少“四、”" in fs[0].message


def test_skipped_level_is_counted_once():
    fs = found(doc("1.学法", "正文。", "2.执法", "（1）程序"))
    skip = [f for f in fs if f.rule == "headings.skip_level"]
    assert len(skip) == 1 and skip[0].severity == "warning"
    assert "2处" in skip[0].message and "（一）" in skip[0].message


def test_halfwidth_markers_reported_once_with_count():
    fs = found(doc("(一)学法。正文。", "(二)执法。正文。", "(三)普法。正文。"))
    assert [f.rule for f in fs] == ["headings.halfwidth"]
    assert "3个" in fs[0].message and fs[0].part is None


def test_fullwidth_markers_pass():
    assert found(doc("（一）学法。正文。", "（二）执法。正文。")) == []


def test_paren_followed_by_dunhao():
    fs = found(doc("（一）、学法", "（二）、执法"))
    assert [f.rule for f in fs] == ["headings.extra_sep"]
    assert "2个" in fs[0].message


def test_arabic_with_dunhao():
    fs = found(doc("（一）执法", "1、程序规范。正文。", "2、监督常态。正文。"))
    assert [f.rule for f in fs] == ["headings.arabic_dunhao"]
    assert "“1、”→“1.”" in fs[0].fix


def test_arabic_with_full_width_dot_is_fine():
    assert found(doc("（一）执法", "1．程序规范。", "2．监督常态。")) == []


def test_chinese_numeral_with_dot():
    paras = doc("正文。")
    paras[4] = paras[4].replace("二、", "二.")
    assert [f.rule for f in found(paras)] == ["headings.chinese_dot"]


def test_web_copy_fixture():
    result = check_path(FIXTURES / "web_copy.txt")
    rules = [f.rule for f in result.findings if f.rule.startswith("headings.")]
    assert sorted(rules) == ["headings.arabic_dunhao", "headings.halfwidth", "headings.trailing_stop"]  # "(二)规范执法行为。"


def test_sequence_issues_function():
    assert sequence_issues([1, 2, 3], 2) == []
    assert sequence_issues([1, None, 3, 4], 1) == []
    assert [i for i, _, _ in sequence_issues([2, 3], 2)] == [0]
    assert [d for _, _, d in sequence_issues([1, 3, 2], 3)] == [
        "“1.”之后是“3.”，缺少“2.”",
        "“3.”之后是“2.”，序号倒退",
    ]


def test_a_heading_on_its_own_line_ending_in_a_full_stop_is_reported_once_with_a_count():
    fs = found(doc("（一）加强学法。", "1.会前学法。", "正文。", "（二）规范执法", "正文。", "（三）加强监督。", "正文。"),
               "headings.trailing_stop")
    assert len(fs) == 1 and fs[0].severity == "warning"
    assert fs[0].message.startswith("2个单独成段的标题以句号结尾") and "“（一）加强学法。”" in fs[0].message


def test_a_heading_with_its_text_run_in_may_end_its_title_with_a_full_stop():  # and 1. alone is a point
    assert found(doc("（一）加强学法。组织全局干部学习。", "正文。"), "headings.trailing_stop") == []
