"""Shortcomings and plans written as numbered points of one sentence each ("1.强化合法性审查，
实现审查全覆盖。"), and a thematic part heading run straight into its first （一） on a copy that
lost its line breaks: published reports beyond the corpus write them so. The import keeps each
point whole as title and text (no 待补写 for a point that has its content), the check does not
call such a part empty, and the one-line copy reads like the lines. Our own sentences."""

from __future__ import annotations

REPORT = """\
某某局2024年法治政府建设情况报告
2024年，我局坚持依法行政。现报告如下：
一、以制度建设为抓手，在规范履职中提升法治水平
（一）健全制度体系。全年修订内部制度6项。
（二）规范执法行为。全年办理行政处罚案件15件。
二、存在的问题
1.执法力量薄弱，主要原因是编制紧张。
三、党政主要负责人履行推进法治建设第一责任人职责情况
主要负责人主持召开专题会议2次。
四、下一步工作计划
1.强化合法性审查，实现审查全覆盖。
2.加大执法培训力度，组织培训3场。
"""


def _write(tmp_path, text):
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_points_of_one_sentence_are_title_and_text_without_placeholders(tmp_path):
    from drafter.importing import import_report

    result = import_report(_write(tmp_path, REPORT))
    plans = [(p.title, p.text) for p in result.report.plans]
    assert plans[0] == ("强化合法性审查", "实现审查全覆盖。")
    assert plans[1][0] == "加大执法培训力度" and plans[1][1].startswith("组织培训")
    assert [(s.problem, s.cause) for s in result.report.shortcomings] == [("执法力量薄弱", "主要原因是编制紧张。")]
    assert not any("待补写" in t for p in result.report.plans for t in (p.title, p.text))
    assert not result.lost, result.lost


def test_a_part_of_numbered_sentences_is_not_empty_but_one_of_bare_headings_is(tmp_path):
    from drafter.check import check_path

    empty = [f for f in check_path(_write(tmp_path, REPORT)).findings if f.rule == "parts.empty"]
    assert empty == []
    bare = REPORT.replace("1.强化合法性审查，实现审查全覆盖。", "（一）强化合法性审查").replace(
        "2.加大执法培训力度，组织培训3场。", "（二）加大执法培训力度")
    empty = [f for f in check_path(_write(tmp_path, bare)).findings if f.rule == "parts.empty"]
    assert len(empty) == 1 and "下一年度主要安排" in empty[0].message


def test_a_thematic_part_heading_run_into_its_first_sub_heading_is_split(tmp_path):
    from drafter.reading.cleanup import clean_text

    lines = clean_text(REPORT).texts
    one_line = clean_text(REPORT.replace("\n", "")).texts
    assert one_line == lines
    assert "一、以制度建设为抓手，在规范履职中提升法治水平" in one_line


def test_a_topic_heading_run_into_its_text_keeps_its_first_clause_and_its_figures(tmp_path):
    """One line: "（一）深入学习贯彻习近平法治思想以……为抓手，……开展专题学习4场，……覆盖600余人次。"
    has no mark where the heading ended; the figures must not stay inside a title (next year
    would carry them unchanged)."""
    from drafter.importing import import_report

    text = ("某某镇2024年法治政府建设情况报告一、2024年推进法治政府建设的主要举措和成效"
            "（一）深入学习贯彻习近平法治思想以专题学习为抓手，开展专题学习4场，覆盖600余人次。组织9名干部参加执法考试。"
            "（二）健全依法行政制度体系严格执行规范性文件管理办法，清理规范性文件5件。"
            "二、存在的不足和原因学法不够，主要原因是统筹不够。三、党政主要负责人履行推进法治建设第一责任人职责情况"
            "主要负责人带头学法。四、2025年推进法治政府建设的主要安排加强学法，完善制度。")
    result = import_report(_write(tmp_path, text))
    titles = {t.title: t for t in result.report.measures}
    assert "深入学习贯彻习近平法治思想以专题学习为抓手" in titles, list(titles)
    first = titles["深入学习贯彻习近平法治思想以专题学习为抓手"]
    body = "".join(i.text for i in first.items)
    assert "开展专题学习【" in body and "4场" not in body and "600余人次" not in body
    assert not result.lost, result.lost
