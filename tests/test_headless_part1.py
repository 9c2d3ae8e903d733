"""A copy whose part-1 headings were thematic and lost their numbers: part 1 is then only more
opening. The import reads the text after the opening's "现将…报告如下：" and before the first part
it finds as part 1 (its short lines the topics), says so, and keeps every sentence; an opening of
two paragraphs stays the opening. Our own sentences."""

from __future__ import annotations

REST = """\
2024年推进法治政府建设存在的不足和原因
执法力量不足，主要原因是编制紧张。
党政主要负责人履行推进法治建设第一责任人职责情况
主要负责人主持召开专题会议3次。
2025年推进法治政府建设的主要安排
加强执法培训，组织培训2场。
"""
HEADLESS = """\
某某街道2024年法治政府建设年度报告
2024年，某某街道坚持依法行政。现将有关情况报告如下：
强化法治思维，夯实法治根基
加强理论学习。街道党工委理论学习中心组专题学法5次。
坚持依法决策，规范权力运行
规范决策程序。全年作出重大行政决策4项，均经合法性审查。
""" + REST


def _import(tmp_path, text):
    from drafter.importing import import_report

    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    return import_report(path)


def test_the_text_after_the_opening_is_part1_with_its_topics_and_figures(tmp_path):
    result = _import(tmp_path, HEADLESS)
    assert sorted(result.parts_found) == ["duty", "measures", "plans", "shortcomings"]
    titles = [t.title for t in result.report.measures]
    assert titles == ["强化法治思维，夯实法治根基", "坚持依法决策，规范权力运行"]
    assert ("major_decisions", 4) in {(f.key, f.value) for f in result.extracted}
    assert "强化法治思维" not in (result.report.opening or "")
    assert any("第一部分没有标题" in note for note in result.review)
    assert not result.lost, result.lost


def test_an_opening_of_two_paragraphs_stays_the_opening(tmp_path):
    text = ("某某街道2024年法治政府建设年度报告\n2024年，某某街道坚持依法行政，各项工作稳步推进。\n"
            "全年法治建设取得新成效。现将有关情况报告如下：\n一、2024年推进法治政府建设的主要举措和成效\n"
            "全年专题学法5次。\n" + "\n".join(f"{'二三四'[i]}、{line}" if i * 2 == n else line
                                           for n, line in enumerate(REST.splitlines()) for i in [n // 2]))
    result = _import(tmp_path, text)
    assert "全年法治建设取得新成效" in (result.report.opening or "")
    assert not any("第一部分没有标题" in note for note in result.review)


def test_the_check_reads_it_as_part1_without_a_heading(tmp_path):
    from drafter.check import check_path

    path = tmp_path / "r.txt"
    path.write_text(HEADLESS, encoding="utf-8")
    result = check_path(path)
    assert result.parts == ["measures", "shortcomings", "duty", "plans"]
    assert not [f for f in result.findings if f.rule == "parts.missing"]
    (headless,) = [f for f in result.findings if f.rule == "parts.headless"]
    assert headless.severity == "warning" and "主要举措和成效" in headless.message
