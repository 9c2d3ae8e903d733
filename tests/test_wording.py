"""Figures → sentences: absent figures drop out, deliberate zeros are stated, ordinals generated."""

from __future__ import annotations

import pytest

from drafter.text import chinese_number, ends_sentence, format_percent, run_ordinal, topic_ordinal
from drafter.wording import figure_sentences, unknown_placeholders, yoy_phrase


def sentences(figures, previous=None):
    from drafter.model import check_figures

    figures = check_figures(figures)
    from drafter.catalogue import catalogue

    rates = {
        r.key: figures[r.numerator] / figures[r.denominator]
        for r in catalogue().rates.values()
        if figures.get(r.numerator) is not None and figures.get(r.denominator)
    }
    return [text for _, text in figure_sentences(figures, rates, previous or {}, subject="我局")]


def test_penalty_sentence_with_its_split():
    assert sentences({"penalty_cases": 59, "penalty_general": 27, "penalty_simple": 32}) == [
        "我局全年办理行政处罚案件59件，其中一般程序案件27件、简易程序案件32件。"
    ]


def test_absent_figure_drops_its_sentence_never_zero():
    assert sentences({}) == []
    assert sentences({"penalty_cases": 59}) == ["我局全年办理行政处罚案件59件。"]
    # a zero sub-count does not produce "0件"
    text = "".join(sentences({"penalty_cases": 10, "penalty_general": 0, "penalty_simple": 10}))
    assert "0件" not in text.replace("10件", "")


def test_deliberate_zero_is_stated():
    assert sentences({"reconsideration_cases": 0, "litigation_cases": 0}) == ["我局全年无行政复议和行政诉讼案件。"]
    assert sentences({"reconsideration_cases": 0}) == ["我局全年无行政复议案件。"]
    assert sentences({"penalty_cases": 0}) == ["我局全年未作出行政处罚。"]


def test_no_defeat_claimed_unless_entered():
    assert sentences({"litigation_cases": 3}) == ["发生行政诉讼案件3件。"]
    assert sentences({"litigation_cases": 3, "litigation_lost": 0}) == ["发生行政诉讼案件3件，无败诉案件。"]


def test_rates_are_computed():
    assert sentences({"court_required": 3, "court_attended": 2}) == [
        "对应出庭应诉的3件行政案件，负责人实际出庭2件，出庭应诉率66.67%。"
    ]


def test_year_on_year_phrases():
    assert yoy_phrase(59, None) == ""
    assert yoy_phrase(69, 60) == "，同比增长15%"
    assert yoy_phrase(52, 60) == "，同比下降13.3%"
    assert yoy_phrase(60, 60) == "，与上年持平"
    assert sentences({"penalty_cases": 69}, previous={"penalty_cases": 60}) == ["我局全年办理行政处罚案件69件，同比增长15%。"]


def test_catalogue_placeholders_all_exist():
    assert unknown_placeholders() == []


@pytest.mark.parametrize("n,expected", [(1, "一"), (9, "九"), (10, "十"), (11, "十一"), (20, "二十"), (42, "四十二")])
def test_chinese_numbers(n, expected):
    assert chinese_number(n) == expected


def test_ordinal_forms_and_sentence_end():
    assert topic_ordinal(3) == "（三）"
    assert run_ordinal(2) == "二是"
    assert ends_sentence("加强组织领导") == "加强组织领导。"
    assert ends_sentence("加强组织领导，") == "加强组织领导。"
    assert ends_sentence("已完成！") == "已完成！"
    assert format_percent(55001 / 55401) == "99.28%"
    assert format_percent(1) == "100%"
