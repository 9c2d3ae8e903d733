"""`drafter check` on live figures: a placeholder left in the text, one figure stated with two
values, and a number carried unchanged from last year's answers (issue 11, item 7)."""

from __future__ import annotations

import pytest
from conftest import EXAMPLES

from drafter.check.runner import check_paragraphs

BUREAU = next(p for p in EXAMPLES if p.stem == "county-urban-management-bureau")

REPORT = [
    "某某县城市管理局关于2024年度法治政府建设情况的报告",
    "2024年，我局坚持以习近平法治思想为指导，扎实推进法治政府建设。现将有关情况报告如下：",
    "一、2024年推进法治政府建设的主要举措和成效",
    "（一）严格规范执法",
    "{measures}",
    "二、2024年推进法治政府建设存在的不足和原因",
    "（一）执法力量不足。{shortcoming}",
    "三、2024年党政主要负责人履行推进法治建设第一责任人职责情况",
    "主要负责人带头学法10次。",
    "四、2025年推进法治政府建设的主要安排",
    "（一）加强队伍建设。{plan}",
]


def _rules(measures="落实行政执法三项制度。", shortcoming="执法人员业务素质参差不齐。", plan="开展执法培训。"):
    paragraphs = [p.format(measures=measures, shortcoming=shortcoming, plan=plan) for p in REPORT]
    return [(f.rule, f.severity, f.message) for f in check_paragraphs(paragraphs).findings]


def test_a_placeholder_left_in_the_text_is_an_error():
    assert not [r for r in _rules() if r[0] == "text.placeholder"]
    for mark, text in (("请补充", "原因是……（请补充）"), ("待补写", "待补写。"), ("待填写", "共有X人（待填写）。"), ("……", "强化……意识。")):
        found = [r for r in _rules(plan=text) if r[0] == "text.placeholder"]
        assert found and found[0][1] == "error" and f"“{mark}”" in found[0][2], mark


def test_one_figure_stated_with_two_values_is_an_error():
    carried = "全年办理行政处罚案件59件，其中一般程序案件27件、简易程序案件32件。"
    current = "我局全年办理行政处罚案件70件，同比增长18.6%。"
    found = [r for r in _rules(measures=carried + current) if r[0] == "figures.two_values"]
    assert len(found) == 1 and found[0][1] == "error"
    assert "行政处罚案件”" in found[0][2] and "59件" in found[0][2] and "70件" in found[0][2]
    # a count in a shortcoming that disagrees with part 1
    found = [r for r in _rules(measures="现有持证执法人员21人。", shortcoming="持证执法人员仅18人。") if r[0] == "figures.two_values"]
    assert len(found) == 1 and "21人和18人" in found[0][2]
    # the same figure said twice with one value, or two different things: no error
    assert not [r for r in _rules(measures="现有持证执法人员21人。", shortcoming="持证执法人员仅21人。") if r[0] == "figures.two_values"]
    assert not [r for r in _rules(measures="接受上级执法监督2次，自行组织执法监督1次。") if r[0] == "figures.two_values"]


def _two_values(**texts):
    return [r for r in _rules(**texts) if r[0] == "figures.two_values"]


def test_one_label_of_two_scopes_is_two_figures():
    """Seen in a city bureau's report: the whole city's count and the bureau's own under one label."""
    city = "全市共梳理行政权力事项15000余项，其中行政许可事项321项、其他行政权力事项14117项。"
    own = "市本级梳理行政权力事项700余项，其中行政许可事项45项、其他行政权力事项341项。"
    assert _two_values(measures=city + own) == []
    # the same scope in two sentences is one figure stated twice
    again = "全市其他行政权力事项14000项。"
    found = _two_values(measures=city + again)
    assert len(found) == 1 and "14117项和14000项" in found[0][2]
    # a scope named only in the first sentence does not make the carried copy another figure
    assert len(_two_values(measures="全年办理行政处罚案件59件。", shortcoming="全年办理行政处罚案件70件。")) == 1


def test_one_sentence_naming_a_label_twice_speaks_of_two_things():
    sentence = "2023年办理行政处罚案件51件，2024年办理行政处罚案件59件。"  # a year before a label is not its words
    assert _two_values(measures=sentence) == []
    # the same two clauses as two sentences read as a carried figure beside this year's
    assert len(_two_values(measures=sentence.replace("，", "。"))) == 1


def test_render_refuses_a_placeholder_without_force(cli, tmp_path):
    answers = tmp_path / "2024.yaml"
    answers.write_text(BUREAU.read_text(encoding="utf-8").replace(
        "具有法学专业背景的年轻干部偏少。", "具有法学专业背景的年轻干部偏少，原因是……（请补充）。"), encoding="utf-8")
    refused = cli("render", answers, "-o", tmp_path / "d.docx")
    assert refused.exit_code == 1 and "待补充的记号“请补充”" in refused.stderr
    assert not (tmp_path / "d.docx").exists()
    assert cli("render", answers, "-o", tmp_path / "d.docx", "--force").exit_code == 0


@pytest.mark.parametrize(("added", "number", "changed"), [
    ("，整改平台发现的问题12个", "12个", "15个"),
    ("，开展联合演练三次，严格落实行政执法三项制度", "三次", "五次"),  # in Chinese numerals; 三项制度 is a name
])
def test_a_number_carried_unchanged_from_last_year_is_a_warning_with_its_sentence(cli, tmp_path, added, number, changed):
    sentence = f"智慧城管平台实现问题采集、派遣、处置、核查闭环管理{added}。"
    text = BUREAU.read_text(encoding="utf-8").replace("智慧城管平台实现问题采集、派遣、处置、核查闭环管理。", sentence)
    (tmp_path / "2024.yaml").write_text(text, encoding="utf-8")
    this_year = text.replace("year: 2024", "year: 2025").replace("written_on: 2025-03-20", "written_on: 2026-03-20")
    (tmp_path / "2025.yaml").write_text(this_year, encoding="utf-8")
    line = next(n for n, t in enumerate(this_year.splitlines(), 1) if sentence in t)
    messages = _messages(cli, tmp_path / "2025.yaml")
    carried = [m for m in messages if "可能是去年的数" in m]
    assert len(carried) == 1 and f"第 {line} 行" in carried[0], carried
    assert f"沿用的文字中“{number}”与2024年的答卷相同，可能是去年的数：“{sentence}”" in carried[0]
    # references (【key】) are never flagged: only numbers typed as text
    # changed this year, or confirmed as fixed: no warning
    (tmp_path / "2025.yaml").write_text(this_year.replace(number, changed), encoding="utf-8")
    assert not [m for m in _messages(cli, tmp_path / "2025.yaml") if "可能是去年的数" in m]
    (tmp_path / "2025.yaml").write_text(this_year + f"fixed_numbers: [{number}]\n", encoding="utf-8")
    assert not [m for m in _messages(cli, tmp_path / "2025.yaml") if "可能是去年的数" in m]


def _messages(cli, path) -> list[str]:
    import json

    result = cli("check", path, "--json")
    return [f["message"] for line in result.stdout.splitlines() if line.strip() for f in json.loads(line)["findings"]]
