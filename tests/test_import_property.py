"""Whatever the text, `drafter import` either refuses it with one Chinese message or writes an
answers file that validates and keeps every sentence of the body."""

from __future__ import annotations

from pathlib import Path

from hypothesis import example, HealthCheck, given, settings
from hypothesis import strategies as st

FIXTURES = Path(__file__).parent / "fixtures" / "import"
LINES = sorted({line.strip() for f in FIXTURES.glob("*.txt") for line in f.read_text(encoding="utf-8").splitlines() if line.strip()})
PIECES = ["一、", "（一）", "(二)", "一是", "二是", "三是", "1.", "（1）", "总之，", "特此报告。", "2025年3月1日",
          "出庭应诉率100%", "12345热线", "10万余", "四次", "待整理", "：", "。", "，", "一、二季度"]

line = st.one_of(
    st.sampled_from(LINES),
    st.tuples(st.sampled_from(PIECES), st.sampled_from(LINES)).map("".join),
    st.text(alphabet=st.sampled_from(list("一二三是、。，：；（）()法治执法12345件次年度报告 \u3000")), max_size=40),
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(line, min_size=1, max_size=30), st.sampled_from([None, 2024]))
# Found once: "一、" before "二季度" is not an ordinal, and was counted as kept twice.
@example(["四、2025年工作打算", "一、二季度(一)严格规范公正文明执法,执法效能持续提升"], None)
# Found once: a one-sentence plan "总之，…" was split into the title "总之" and the rest, its comma lost.
@example(["四、2025年工作打算", "总之，(一)严格规范公正文明执法,执法效能持续提升", "一、2024年推进法治政府建设主要举措和成效"], None)
# Found once: "1，" is a damaged 1. the recogniser reads as a marker; the measure did not, and
# counted the 1 as lost.
@example(["一、2024年推进法治政府建设主要举措和成效", "1，)"], None)
# Found once: a lead sentence naming the duty ("…带头履行第一责任人职责。一是…") moved the points
# to the duty part and dropped the sentence itself.
@example(["一、2024年推进法治政府建设主要举措和成效",
          "局主要负责人带头履行第一责任人职责。一是组织制定年度法治建设工作要点。二是对重大执法决定坚持集体讨论,全年集体讨论重大案件9次。"],
         None)
def test_import_never_crashes_and_never_loses_text(tmp_path, lines, year):
    from drafter.answers import load_answers
    from drafter.errors import UserError
    from drafter.importing import import_report, write_answers

    source = tmp_path / "report.txt"
    source.write_text("\n".join(lines), encoding="utf-8")
    try:
        result = import_report(source, year=year)
    except UserError as error:
        assert str(error)
        return
    assert result.lost == [] and result.kept_chars == result.body_chars
    out = tmp_path / "answers.yaml"
    write_answers(result, out, force=True)
    assert load_answers(out).report == result.report


def test_a_one_sentence_plan_splits_at_its_first_clause_unless_that_is_a_connective(tmp_path):
    from drafter.importing import import_report

    source = tmp_path / "report.txt"
    source.write_text("四、2025年工作打算\n加强执法监督，防止执法不规范问题反弹。\n同时，继续推进严格规范公正文明执法。\n"
                      "开展执法培训，提高执法人员能力。\n", encoding="utf-8")
    plans = [(p.title, p.text) for p in import_report(source, year=2024).report.plans]
    assert plans[0] == ("加强执法监督", "防止执法不规范问题反弹。")
    assert plans[1][0] == "同时，继续推进严格规范公正文明执法"  # whole, its text to be written
    assert plans[2] == ("开展执法培训", "提高执法人员能力。")
