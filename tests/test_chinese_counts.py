"""Counts written in Chinese numerals (drafter.figures.chinese_counts): which are numbers a
reader sees, and which are names, rules and ordinals."""

from __future__ import annotations

import pytest

from drafter.figures.chinese_counts import chinese_counts


@pytest.mark.parametrize(("text", "counts"), [
    ("开展专项整治三次，十余家单位参加", ["三次", "十余家"]),
    ("组织培训二十三场次、百余人次，千余名群众参与", ["二十三场次", "百余人次", "千余名"]),
    ("全年召开法治建设工作会议四次。四是压实责任", ["四次"]),
    ("建成两个调解室", ["两个"]),
])
def test_counts_in_chinese_numerals_are_found_as_written(text, counts):
    assert [c.text for c in chinese_counts(text)] == counts
    assert all(text[c.start:c.end] == c.text for c in chinese_counts(text))


@pytest.mark.parametrize("text", [
    "严格落实行政执法三项制度",  # a name of numbers.yaml
    "增强“四个意识”、坚定“四个自信”",  # and quoted
    "落实“两个责任”，组织学习《三个规定》",  # a quotation, a title
    "第三次集体学法",  # an ordinal
    "开展一次全面排查，建立一个机制",  # "一": a, not one
    "每年两次开展执法检查，每季度不少于三次",  # a rule, not this year's count
    "学习贯彻党的二十届三中全会精神",  # no measure word
    "走进千家万户，万人参与",  # an idiom; 万 alone without 余
])
def test_names_rules_ordinals_and_the_article_are_not_counts(text):
    assert chinese_counts(text) == []


def test_a_token_the_clerk_confirmed_as_fixed_is_left_out():
    assert [c.text for c in chinese_counts("设立三个工作组，开展四次督查", fixed=["三个"])] == ["四次"]
