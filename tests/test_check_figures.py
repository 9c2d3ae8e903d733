"""Rule 4: figures that must agree — sums, rates, counts against totals."""

from __future__ import annotations

import pytest

from check_helpers import FIXTURES, found
from drafter.check import check_path
from drafter.check.figures import extract_figures
from drafter.check.rules import load_check_rules



def test_extract_figures():
    figs = extract_figures("全年办理行政处罚案件59件，罚没款3.6万元，培训100余人次。", load_check_rules())
    assert [(f.value, f.unit, f.approx) for f in figs] == [(59, "件", False), (36000, "元", False), (100, "人次", True)]
    assert figs[0].label == "全年办理行政处罚案件"


# 一般程序 + 简易程序 = 案件总数


def test_procedures_add_up():
    assert found("全年办理行政处罚案件59件，一般程序案件27件全部通过法制审核、简易程序案件32件。", rule="figures.sum") == []


def test_procedures_do_not_add_up():
    (f,) = found("全年办理行政处罚案件60件，其中一般程序案件27件、简易程序案件32件。", rule="figures.sum")
    assert f.severity == "error" and "27件 + 简易程序32件 = 59件" in f.message and "60件" in f.message


def test_procedures_without_total_are_not_checked():
    assert found("全年共制作一般程序案件11件，简易程序案件137件。", rule="figures.sum") == []


# Rates


@pytest.mark.parametrize(
    "text, ok",
    [
        ("采集上报城市管理案件55401件，已处置55001件，处置率99.28%。", True),
        ("采集上报城市管理案件55401件，已处置55001件，处置率99.2%。", True),  # truncated
        ("采集上报城市管理案件55401件，已处置55001件，处置率98.5%。", False),
        ("排查化解矛盾纠纷73件，成功调处73件，调处成功率100%。", True),
        ("排查矛盾纠纷60件，调处成功58件，调处成功率98%。", False),
        ("应出庭应诉案件4件，负责人实际出庭3件，出庭率100%。", False),
        ("受理群众诉求520件，办结512件，办结率98.46%。", True),
        # no numerator stated: the rate cannot be checked and is left alone
        ("办理12345热线工单384件，信访件24件，群众来信16件，结案率100%。", True),
    ],
)
def test_rates(text, ok):
    fs = found(text, rule="figures.rate")
    assert (fs == []) is ok
    if not ok:
        assert fs[0].severity == "error" and "÷" in fs[0].message


def test_rate_fix_gives_computed_value():
    (f,) = found("采集上报城市管理案件55401件，已处置55001件，处置率98.5%。", rule="figures.rate")
    assert "99.28%" in f.message and "处置率99.28%" in f.fix


# Counts against totals


def test_count_larger_than_total():
    (f,) = found("数字城管平台上报问题线索400件，已处置420件。", rule="figures.part_exceeds_total")
    assert "已处置420件" in f.message and "400件" in f.message


def test_qizhong_larger_than_total():
    assert len(found("全年共办理案件30件，其中一般程序40件。", rule="figures.part_exceeds_total")) == 1
    assert found("全局干部职工共200余人，其中具有执法资格的142人。", rule="figures.part_exceeds_total") == []


def test_counts_within_totals_pass():
    assert found("受理群众诉求520件，办结512件。", "排查化解矛盾纠纷73件，成功调处73件。", rule="figures.part_exceeds_total") == []


def test_fixtures_have_consistent_figures():
    for name in ("clean.txt", "web_copy.txt", "table_header.txt"):
        result = check_path(FIXTURES / name)
        assert not [f for f in result.findings if f.rule.startswith("figures.")], name
