"""Counts written in Chinese numerals as numbers a reader sees (drafter.figures.chinese_counts):
the check's definition (check_rules.yaml chinese_count), less titles, quotations and rules."""

from __future__ import annotations

import re

import pytest

from drafter.check.rules import load_check_rules
from drafter.figures.chinese_counts import chinese_counts, count_source, text_numbers


@pytest.mark.parametrize(("text", "counts"), [
    ("开展专项整治三次，培训执法人员二十一场", ["三次", "二十一场"]),
    ("全年召开法治建设工作会议四次。四是压实责任", ["四次"]),
    ("印发宣传材料九十九份，撰写信息十篇", ["九十九份", "十篇"]),
])
def test_counts_in_chinese_numerals_are_found_as_written_with_their_values(text, counts):
    found = chinese_counts(text)
    assert [c.text for c in found] == counts
    assert all(text[c.start:c.end] == c.text for c in found)
    assert [text[slice(*c.number_span)] for c in found] == [re.match("[一二三四五六七八九十]+", c).group() for c in counts]


def test_the_value_and_the_label_are_proposed_as_for_digits():
    (count,) = chinese_counts("组织开展联合演练三次。")
    (digits,) = text_numbers("组织开展联合演练3次。")
    assert (count.value, count.unit, count.label) == (3, "次", digits.label) == (3, "次", digits.label)


@pytest.mark.parametrize("text", [
    "严格落实行政执法三项制度，坚持“两个维护”",  # not a unit of the list; 两 is never a count here
    "学习《关于做好三次分配的意见》，传达“四次会议”精神",  # a title, a quotation
    "第三次集体学法，周五次日召开",  # an ordinal, a weekday
    "开展一次全面排查",  # "一": a, not one
    "每年两次开展执法检查，每季度不少于三次",  # a rule, not this year's count
    "办好民生十件实事",  # a fixed phrase of the check's list
])
def test_names_rules_ordinals_and_the_article_are_not_this_years_counts(text):
    assert chinese_counts(text) == []


def test_every_count_is_one_the_check_suggests_writing_in_digits():
    pattern = re.compile(count_source(load_check_rules()))
    text = "召开会议四次，开展培训二十一场、宣传十场，每年两次，《三次分配》"
    assert {c.text for c in chinese_counts(text)} <= {m[0] for m in pattern.finditer(text)}


def test_a_token_the_clerk_confirmed_as_fixed_is_left_out():
    assert [c.text for c in chinese_counts("督查四次，集中宣传五次", fixed=["四次"])] == ["五次"]


def test_numbers_in_digits_and_in_numerals_come_in_the_texts_order():
    assert [n.text for n in text_numbers("开展宣传五次，发放资料300份，培训两场、讲座三场")] == ["五次", "300份", "三场"]
