"""Short figure sentences in a row are joined into one sentence of clauses (drafter.clauses):
"，" between them, the unit's name for itself only on the first, within the limits of
templates/wording.yaml (clauses); a joined sentence reads back into all its figures."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from conftest import EXAMPLES
from test_property import answers

from drafter import clauses
from drafter.answers import load_report
from drafter.clauses import ClauseLimits, clause_limits, join_clauses
from drafter.document import compose, sentences_by_home
from drafter.importing.wording_forms import match_wording, read_written
from drafter.model import Report
from drafter.sentences import sentence_spans
from drafter.text import format_number
from drafter.wording import opening_word, subject_of, wording, written_sentences

COUNTY = next(p for p in EXAMPLES if p.stem == "county-urban-management-bureau")
DUTY_FIGURES = "我局全年召开专题会议研究法治建设4次，主要负责人带头学法10次，年终按要求完成年度述法。全年无需负责人出庭应诉的行政案件。"


def _duty_paragraph(report: Report) -> str:
    composed = compose(report)
    duty = next(part for part in composed.parts if part.key == "duty")
    return duty.blocks[-1].full_text


def test_the_county_duty_paragraph_joins_its_figures_into_one_sentence():
    paragraph = _duty_paragraph(load_report(COUNTY))
    # before: 我局全年召开专题会议研究法治建设4次。主要负责人带头学法10次。年终，主要负责人按要求完成
    # 年度述法。我局全年无需负责人出庭应诉的行政案件。
    assert paragraph.endswith("推动省、市、县年度法治工作要点逐项落实。" + DUTY_FIGURES)
    text = compose(load_report(COUNTY)).paragraphs()
    assert any(p.endswith("综合执法队开展专项培训和帮扶指导。我局全年开展中心组学法6次，参加法治培训的干部职工达400人次。")
               for p in text)
    # a sentence with a "，" of its own that is long stands alone, the short ones after it join
    assert any("我局全年办理行政处罚案件59件，其中一般程序案件27件、简易程序案件32件。"
               "新办行政执法证件6个，注销7个，重大执法决定经集体讨论5次，梳理免予处罚清单事项23项。" in p for p in text)


def test_a_joined_sentence_reads_back_into_all_its_figures():
    report = load_report(COUNTY)
    joined = next(s for s in sentences_by_home(report)["duty"] if s.parts)
    assert joined.text == DUTY_FIGURES.split("。")[0] + "。"
    expected = ({"duty_meetings": 4, "duty_law_study": 10, "duty_law_report": True}, {})
    assert match_wording(joined.text) == expected
    assert read_written(joined) == expected
    assert [p.text for p in joined.parts] == ["我局全年召开专题会议研究法治建设4次。", "主要负责人带头学法10次。",
                                              "年终按要求完成年度述法。"]
    # a hand-written sentence that only begins like drafter's is not read as drafter's
    assert match_wording("我局全年召开专题会议研究法治建设4次，研究解决重大问题。") is None
    assert match_wording("我局全年召开专题会议研究法治建设4次，主要负责人带头学法10次；") is None


def test_a_draft_imported_again_gives_the_joined_figures_back(tmp_path):
    from drafter.importing import import_report

    report = load_report(COUNTY)
    source = tmp_path / "draft.txt"
    source.write_text("\n".join(compose(report).paragraphs()), encoding="utf-8")
    imported = import_report(source).report
    assert imported.duty.figures == report.duty.figures
    assert DUTY_FIGURES not in "".join(item.text for item in imported.duty.items)


def test_the_limits_are_those_of_the_wording_file():
    entry = wording()["clauses"]
    limits = clause_limits()
    assert (limits.max_clauses, limits.max_chars, limits.max_sentence_chars, limits.stands_alone) == (
        entry["max_clauses"], entry["max_chars"], entry["max_sentence_chars"], entry["stands_alone"])


def _duty(limits: ClauseLimits) -> list[str]:
    report = load_report(COUNTY)
    figures, rates = report.figures(), report.rates()
    home_of = {key: "duty" for key in report.duty.figures}
    found = [s for s in written_sentences(figures, rates, {}, subject="我局", home_of=home_of) if s.home in home_of]
    return [s.text for s in join_clauses(found, figures, rates, {}, "我局", limits=limits)]


def test_each_limit_is_honoured(monkeypatch):
    assert _duty(ClauseLimits(2, 60, 30, "；")) == [
        "我局全年召开专题会议研究法治建设4次，主要负责人带头学法10次。",
        "年终按要求完成年度述法，全年无需负责人出庭应诉的行政案件。"]
    assert _duty(ClauseLimits(4, 32, 30, "；")) == [
        "我局全年召开专题会议研究法治建设4次，主要负责人带头学法10次。",
        "年终按要求完成年度述法，全年无需负责人出庭应诉的行政案件。"]
    assert _duty(ClauseLimits(4, 60, 12, "；")) == [  # only 年终按要求完成年度述法。 is short enough
        "我局全年召开专题会议研究法治建设4次。", "主要负责人带头学法10次。", "年终按要求完成年度述法。",
        "我局全年无需负责人出庭应诉的行政案件。"]
    assert _duty(ClauseLimits(1, 60, 30, "；")) == [
        "我局全年召开专题会议研究法治建设4次。", "主要负责人带头学法10次。", "年终按要求完成年度述法。",
        "我局全年无需负责人出庭应诉的行政案件。"]
    # the limits come from the wording file: tighter there, the draft follows
    monkeypatch.setitem(wording()["clauses"], "max_clauses", 2)
    clause_limits.cache_clear()
    try:
        assert _duty_paragraph(load_report(COUNTY)).endswith(
            "我局全年召开专题会议研究法治建设4次，主要负责人带头学法10次。年终按要求完成年度述法，全年无需负责人出庭应诉的行政案件。")
    finally:
        monkeypatch.undo()
        clause_limits.cache_clear()


def test_a_sentence_with_a_semicolon_stands_alone():
    assert not clause_limits().joinable("主要负责人带头学法10次；年终按要求完成年度述法。")
    assert clause_limits().joinable("主要负责人带头学法10次。")
    limits = ClauseLimits(4, 60, 30, "带头")  # the mark, which only 主要负责人带头学法10次。 holds here
    assert _duty(limits) == ["我局全年召开专题会议研究法治建设4次。", "主要负责人带头学法10次。",
                             "年终按要求完成年度述法，全年无需负责人出庭应诉的行政案件。"]


def _assert_joined_well(report: Report) -> None:
    limits = clause_limits()
    subject = subject_of(report.unit.name)
    figures = report.figures()
    composed = compose(report)
    text = "\n".join(composed.paragraphs())
    for home, found in composed.figure_sentences.items():
        openings = []
        for sentence in found:
            openings.append(opening_word(sentence.text))
            if not sentence.parts:
                continue
            # joined, it reads back as its parts read alone (some 同比 no reader can undo, as before)
            alone = [match_wording(part.text) for part in sentence.parts]
            if None not in alone:
                read = read_written(sentence)
                assert read is not None and match_wording(sentence.text) == read, sentence.text
                assert read[0] == {key: value for one in alone for key, value in one[0].items()}
                for key, value in read[0].items():  # the value as written (an amount to two places)
                    assert bool(figures.get(key)) if value is True else format_number(figures[key]) == format_number(value)
            assert sentence.text in text and sentence.text.count("。") == 1
            assert len(sentence.text) <= limits.max_chars
            assert sentence.text.count("，") + 1 <= limits.max_clauses
            for part in sentence.parts:
                assert len(part.text) <= limits.max_sentence_chars and "；" not in part.text
            assert not any(part.text.startswith(subject) for part in sentence.parts[1:])
            spans = [s for line in text.split("\n") for _, s in sentence_spans(line)]
            assert any(s.endswith(sentence.text) for s in spans)
        for a, b in zip(openings, openings[1:]):
            assert not (a == b == opening_word(subject)), found


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_the_examples_join_within_the_rules(example):
    _assert_joined_well(load_report(example))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=answers(labelled=False))
def test_made_reports_join_within_the_rules_and_read_back(data):
    _assert_joined_well(Report.model_validate(data))


def test_the_join_is_what_compose_hands_to_the_check():
    report = load_report(COUNTY)
    assert compose(report).figure_sentences == sentences_by_home(report)
    assert clauses.joined_text(sentences_by_home(report)["duty"][0].parts) == DUTY_FIGURES.split("。")[0] + "。"
