"""Catalogue indicators read from sentences published reports write beyond the corpus: a count
after "重大行政决策…等" that counts what follows it is not the number of major decisions (it
stays a figure of its own). Our own sentences."""

from __future__ import annotations

import pytest


def _keys(sentence: str):
    from drafter.importing.figures import extract

    return [(f.key, f.value) for f in extract(sentence).findings]


def test_a_count_of_what_follows_is_not_the_number_of_decisions():
    assert _keys("以局党委会形式专题研究重大行政决策源头治理等5项法治重点工作。") == []


@pytest.mark.parametrize("sentence, value", [
    ("全年共作出重大行政决策9项，均履行了法定程序。", 9),
    ("全年共对11项重大决策事项进行了合法性审查。", 11),
])
def test_the_number_of_decisions_is_still_read(sentence, value):
    assert ("major_decisions", value) in _keys(sentence)


def test_the_count_stays_a_figure_of_its_own(tmp_path):
    from drafter.importing import import_report

    path = tmp_path / "r.txt"
    path.write_text("某某局2024年法治政府建设情况报告\n一、主要举措和成效\n以局党委会形式专题研究重大行政决策源头治理等5项法治重点工作。\n"
                    "二、存在的不足和原因\n学法不够，主要原因是统筹不够。\n三、党政主要负责人履行推进法治建设第一责任人职责情况\n"
                    "主要负责人带头学法。\n四、2025年推进法治政府建设的主要安排\n加强学法，完善制度。\n", encoding="utf-8")
    result = import_report(path)
    assert "major_decisions" not in {f.key for f in result.extracted}
    text = "".join(i.text for t in result.report.measures for i in t.items)
    assert "5项" not in text and "【" in text


def test_cases_filed_with_the_ordinary_procedure_are_the_penalty_cases():
    keys = _keys("全年共计立案查处52件（其中简易程序20件，普通程序32件、立案撤销3件），实施行政强制措施4件。")
    assert {("penalty_cases", 52), ("penalty_general", 32), ("penalty_simple", 20)} <= set(keys)


def test_cadres_covered_by_a_training_are_trainees_not_a_publicity_audience():
    keys = _keys("举办领导干部法治专题培训班2期，覆盖科级以上干部310余人次。")
    assert ("trainees", 310) in keys and not [k for k, _ in keys if k == "publicity_audience"]
    assert ("publicity_audience", 2500) in _keys("开展普法活动15场，覆盖群众2500余人次。")


def test_those_covered_by_a_study_session_are_trainees():
    keys = _keys("组织学习新修订的行政复议法和信访工作条例，覆盖1300余人次。")
    assert ("trainees", 1300) in keys and not [k for k, _ in keys if k == "publicity_audience"]
    # a study session for the public is still publicity
    assert ("publicity_audience", 800) in _keys("组织学习宪法知识，覆盖辖区群众800余人次。")


@pytest.mark.parametrize("sentence", ["参训1800余人，覆盖率100%。", "普法阵地覆盖全镇12个村。"])
def test_a_rate_or_another_count_after_fugai_is_not_a_publicity_audience(sentence):
    assert [k for k, _ in _keys(sentence) if k == "publicity_audience"] == []


def test_a_topic_heading_run_into_its_points_keeps_every_word(tmp_path):
    from drafter.importing import import_report

    path = tmp_path / "r.txt"
    path.write_text("某某局2024年法治政府建设情况报告\n一、主要举措和成效\n（一）持续提高依法行政水平一是健全决策程序。聘请法律顾问2名。"
                    "二是规范执法行为。开展执法案卷评查3次。\n二、存在的不足和原因\n学法不够，主要原因是统筹不够。\n"
                    "三、党政主要负责人履行推进法治建设第一责任人职责情况\n主要负责人带头学法。\n"
                    "四、2025年推进法治政府建设的主要安排\n加强学法，完善制度。\n", encoding="utf-8")
    result = import_report(path)
    (topic,) = result.report.measures
    assert topic.title == "持续提高依法行政水平"
    assert [i.title for i in topic.items] == ["健全决策程序", "规范执法行为"]
    assert not result.lost, result.lost


def test_a_plans_target_equal_to_this_years_figure_is_its_own_figure(tmp_path):
    """"组织培训3场" in the plans is next year's target: the same value as this year's 3 trainings
    must not make it that figure (next year's draft would state this year's count twice)."""
    from drafter.importing import import_report

    path = tmp_path / "r.txt"
    path.write_text("某某局2024年法治政府建设情况报告\n一、主要举措和成效\n全年举办法治专题培训班3期。\n"
                    "二、存在的不足和原因\n学法不够，主要原因是统筹不够。\n三、党政主要负责人履行推进法治建设第一责任人职责情况\n"
                    "主要负责人带头学法。\n四、2025年推进法治政府建设的主要安排\n加大培训力度，组织培训3场。\n", encoding="utf-8")
    report = import_report(path).report
    assert report.measures[0].figures.get("trainings") == 3
    plan = report.plans[0].text
    assert "【trainings】" not in plan and "【" in plan
