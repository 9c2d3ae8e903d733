"""`drafter import` binds the numbers of the text (issue 11, item 3): every number followed by a
measure word becomes a reference 【key】 (a catalogue figure where the sentence says which, a
custom figure otherwise); years, dates, ordinals and names stay; the re-rendered report states no
figure twice and invents nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.document import catalogue_sentences, compose, resolved
from drafter.figures.literals import literal_numbers
from drafter.figures.live import live_figures
from drafter.figures.refs import report_texts

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
SEEDS = sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []
needs_corpus = pytest.mark.skipif(not SEEDS, reason="shared/corpus is not beside the repository")

REPORT = """某某县城市管理局关于2024年度法治政府建设情况的报告
2024年，在县委、县政府的坚强领导下，我局深入贯彻《法治政府建设实施纲要（2021－2025年）》。现将有关情况报告如下：
一、2024年推进法治政府建设的主要举措和成效
（一）规范执法行为
严格落实行政执法三项制度。全年办理行政处罚案件59件，其中一般程序案件27件全部经过法制审核，处罚案件无行政复议及诉讼。全年行政复议维持率100%。
（二）强化学习培训
组织业务骨干开展专项培训，培训400余人次。第3次集中学习邀请专家授课。
（三）推进智慧城管
智慧城管平台采集上报问题55401件，已处置55001件，处置率99.28%。12345热线实行7×24小时值守。
二、2024年推进法治政府建设存在的不足和原因
（一）执法力量不足。持证执法人员仅18人，难以满足工作需要。
三、2024年党政主要负责人履行推进法治建设第一责任人职责情况
主要负责人全年召开法治建设工作会议四次，研究解决重大涉法问题。
四、2025年推进法治政府建设的主要安排
（一）加强队伍建设。计划新增持证执法人员5人。
西峡县城市管理局
2025年3月20日
"""


def _import(tmp_path, text: str = REPORT):
    from drafter.importing import import_report

    source = tmp_path / "2024.txt"
    source.write_text(text, encoding="utf-8")
    return import_report(source)


def test_numbers_become_references_and_names_stay(tmp_path):
    report = _import(tmp_path).report
    texts = dict(report_texts(report))
    enforcement = next(t for t in report.measures if t.key == "enforcement")
    body = " ".join(item.text for item in enforcement.items)
    assert "行政处罚案件【penalty_cases】件，其中一般程序案件【penalty_general】件" in body
    assert report.figures()["penalty_cases"] == 59
    # a rate the text states, not a catalogue one: a custom figure in %
    custom = {spec.label: (key, spec) for key, spec in report.custom_figures.items()}
    key, spec = custom["行政复议维持率"]
    assert (spec.unit, spec.value) == ("%", 100) and f"维持率【{key}】%" in body
    # approximate: the custom figure writes 余 itself; the rate the counts give is computed
    study = " ".join(item.text for t in report.measures if t.key == "study" for item in t.items)
    assert "培训【trainees】余人次" in study
    digital = " ".join(item.text for t in report.measures if t.key == "digital" for item in t.items)
    assert "处置率【digital_handling_rate】" in digital and "99.28" not in digital
    # years, ordinals, names, titles and 7×24小时 stay as written
    all_text = "".join(texts.values())
    for literal in ("第3次", "12345热线", "7×24小时", "《法治政府建设实施纲要（2021－2025年）》"):
        assert literal in all_text or literal in (report.opening or ""), literal
    # parts 2 and 4: bound too (there they are custom figures: a problem, a target)
    assert "持证执法人员仅【" in report.shortcomings[0].cause and "新增持证执法人员【" in report.plans[0].text
    # a count written in Chinese numerals is a figure too; the draft writes it in digits
    assert "工作会议【duty_meetings】次" in report.duty.items[0].text if isinstance(report.duty.items[0].text, str) else True
    assert "工作会议4次" in "\n".join(compose(report).paragraphs())
    # no number + measure word is left as plain text
    for loc, text in report_texts(report):
        assert literal_numbers(text) == [], (loc, text)


def test_the_draft_of_an_import_states_each_figure_once_and_invents_no_zero(tmp_path):
    result = _import(tmp_path)
    report = result.report
    text = "\n".join(compose(report).paragraphs())
    assert text.count("59件") == 1 and text.count("27件") == 1
    assert text.count("400余人次") == 1 and "400人次" not in text
    assert text.count("55401件") == 1 and text.count("55001件") == 1 and text.count("99.28%") == 1
    # "处罚案件无行政复议及诉讼" says nothing of the unit's cases, and the text states a 维持率
    assert "无行政复议" not in "".join(catalogue_sentences(report))
    assert "reconsideration_cases" not in report.figures() and "litigation_cases" not in report.figures()
    assert "处罚案件无行政复议及诉讼" in text  # the sentence itself stays
    assert any("数据引用【键名】" in note for note in result.review)


def test_every_figure_keeps_its_source_sentence(tmp_path):
    report = _import(tmp_path).report
    stated = set(catalogue_sentences(report))
    for key, figure in live_figures(report).items():
        if figure.value is None:
            continue
        assert figure.sentences or any(figure.with_unit(figure.value)[:-1] in s for s in stated), key


@needs_corpus
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_a_corpus_report_is_bound_and_states_no_figure_twice(tmp_path, seed):
    from drafter.importing import import_report

    result = import_report(seed)
    report = result.report
    for loc, text in report_texts(report):
        assert literal_numbers(text) == [], (loc, text)
    assert result.kept_ratio == 1.0 and result.lost == []
    # the catalogue's sentences state only figures the prose does not
    prose = "".join(text for _, text in report_texts(resolved(report)))
    for sentence in catalogue_sentences(report):
        for number in literal_numbers(sentence):
            if number.unit != "%":
                assert number.text not in prose, (number.text, sentence)
    for key, figure in live_figures(report).items():
        if figure.value is not None and figure.kind == "custom":
            assert figure.sentences, key  # every custom figure keeps its sentence


@needs_corpus
def test_the_xixia_duplicates_and_the_invented_zero_are_gone():
    from drafter.importing import import_report

    seed = next(p for p in SEEDS if "xixia" in p.stem)
    report = import_report(seed).report
    text = "\n".join(compose(report).paragraphs())
    assert text.count("培训400余人次") == 1 and "400人次" not in text
    assert text.count("55401件") == 1 and text.count("55001件") == 1
    assert "无行政复议和行政诉讼案件" not in text and "行政复议维持率100%" in text
    assert text.count("注销") == 2  # the source's two counts, no summed "注销7个"


def test_a_count_in_chinese_numerals_stays_as_written_and_is_named_for_review(tmp_path):
    text = REPORT.replace("组织业务骨干开展专项培训", "组织业务骨干开展专项培训五次").replace(
        "计划新增持证执法人员5人。", "计划新增持证执法人员5人，开展联合演练三次。")
    result = _import(tmp_path, text)
    study = " ".join(item.text for t in result.report.measures if t.key == "study" for item in t.items)
    assert "开展专项培训五次" in study  # never turned into a figure by the import: drafter new asks about it
    notes = [note for note in result.review if "汉字写的" in note]
    # the plan's "三次" is next year's target, the duty's 四次 a catalogue figure
    assert notes == ["正文中汉字写的 1 个数（如“五次”）保持原样，没有写成数据引用："
                     "明年起草时 drafter new 会逐个询问是当年的数据还是固定写法"]
    assert not [note for note in _import(tmp_path).review if "汉字写的" in note]
