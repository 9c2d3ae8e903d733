"""Rule 3 (cont.): the report year — Y's work, Y+1 as next year."""

from __future__ import annotations

from drafter.check import check_paragraphs


def doc(title_year=2024, opening_year=2024, plans_year=2025, date="2025年2月20日", part1=("全年组织学法12次。",), plans=("继续加强执法队伍建设。",)):
    return [
        f"某局关于{title_year}年度法治政府建设情况的报告",
        f"现将{opening_year}年度法治政府建设情况报告如下：",
        "一、2024年度推进法治政府建设的主要举措和成效",
        *part1,
        "二、2024年度推进法治政府建设存在的不足和原因",
        "执法人员不足，原因是编制紧张。",
        "三、2024年度党政主要负责人履行推进法治建设第一责任人职责情况",
        "主要负责人带头学法用法。",
        f"四、{plans_year}年度推进法治政府建设的主要安排",
        *plans,
        "某局",
        date,
    ]


def rules_of(paras, **kw):
    return [f.rule for f in check_paragraphs(paras, **kw).findings if f.rule.startswith("year.")]


def test_consistent_years_pass():
    assert rules_of(doc()) == []


def test_title_left_at_last_year():
    result = check_paragraphs(doc(title_year=2023))
    (f,) = [f for f in result.findings if f.rule.startswith("year.")]
    assert f.rule == "year.mismatch" and f.severity == "error"
    assert "标题写的是2023年" in f.message and f.paragraph == 1
    assert result.year == 2024


def test_opening_left_at_last_year():
    assert rules_of(doc(opening_year=2023)) == ["year.mismatch"]


def test_plans_heading_naming_the_report_year():
    result = check_paragraphs(doc(plans_year=2024))
    (f,) = [f for f in result.findings if f.rule.startswith("year.")]
    assert f.rule == "year.plans_heading" and f.part == "plans"
    assert "2025年" in f.fix


def test_last_year_used_as_current_year_in_body():
    result = check_paragraphs(doc(part1=("全年组织学法12次。2023年以来，我局持续推进执法规范化。",)))
    (f,) = [f for f in result.findings if f.rule.startswith("year.")]
    assert f.rule == "year.stale" and f.severity == "warning"
    assert f.excerpt.startswith("…") or "2023年以来" in f.excerpt


def test_last_year_used_as_current_year_after_a_comma():
    """A carried sentence often has its year after a clause: "…学法制度，2023年，共开展…"."""
    for sentence in ("认真执行会前学法制度，2023年，共开展会前学法活动12次。",
                     "定期组织开展检查，2023年以来，共组织开展排查行动55次。"):
        assert rules_of(doc(part1=(sentence,))) == ["year.stale"], sentence
    ok = ("与2023年相比，执法案件有所下降。", "执法案件数量较2023年，有所下降。", "认真执行会前学法制度，2024年，共开展会前学法活动12次。")
    for sentence in ok:
        assert rules_of(doc(part1=(sentence,))) == [], sentence


def test_earlier_years_in_references_are_fine():
    ok = ("落实《提升行政执法质量三年行动计划（2023-2025年）》，较2023年增长10%。",)
    assert rules_of(doc(part1=ok)) == []


def test_last_years_plan_made_as_this_years_work():
    """A 2024 report making 2023's work points copied a sentence of the 2023 report; one
    making 2024's, or a 2023 review (述法, 考核) which is made the year after, is right."""
    result = check_paragraphs(doc(part1=("局党组研究制定了2023年法治政府建设工作要点，明确任务分工。",)))
    (f,) = [f for f in result.findings if f.rule.startswith("year.")]
    assert f.rule == "year.stale" and "2023年法治政府建设工作要点" in f.message and "2024年" in f.fix
    assert rules_of(doc(part1=("印发《2023年度普法责任清单》，逐项落实。",))) == ["year.stale"]
    # followed as this year's basis, as a carried opening does
    assert rules_of(doc(part1=("根据《2023年全区法治政府建设工作要点的通知》（区府办发〔2023〕5号）要求，结合实际推进。",))) == ["year.stale"]
    assert rules_of(doc(part1=("按照2023年法治政府建设工作计划，逐项推进。",))) == ["year.stale"]
    # the issuer named before the year, inside the title or not
    assert rules_of(doc(part1=("制定了《某某镇党委理论学习中心组2023年学习计划》，深入学习。",))) == ["year.stale"]
    assert rules_of(doc(part1=("印发全镇2023年普法工作方案，逐项落实。",))) == ["year.stale"]
    assert rules_of(doc(part1=("制定了《某某镇党委理论学习中心组2024年学习计划》，深入学习。",))) == []
    assert rules_of(doc(part1=("根据《2024年全区法治政府建设工作要点》要求，结合实际推进。",))) == []
    right = ("研究制定了2024年法治政府建设工作要点。", "印发2023年度述法工作方案，组织述法。",
             "制定2023年度法治政府建设考核方案。", "对照2023年工作要点逐项总结。")
    for sentence in right:
        assert rules_of(doc(part1=(sentence,))) == [], sentence


def test_plans_announcing_work_for_the_report_year():
    assert rules_of(doc(plans=("2024年，我局将继续加强执法队伍建设。",))) == ["year.stale"]
    assert rules_of(doc(plans=("2025年，我局将继续加强执法队伍建设。",))) == []


def test_date_far_from_the_report_year():
    assert rules_of(doc(date="2027年2月20日")) == ["year.date"]
    assert rules_of(doc(date="2024年12月20日")) == []


def test_year_given_by_caller_wins():
    # an answers file knows its year: the document's 2024 headings are then wrong
    assert "year.mismatch" in rules_of(doc(), year=2025)


def test_unknown_year_is_info():
    paras = ["一、主要举措和成效", "工作。", "二、存在的不足和原因", "不足。"]
    result = check_paragraphs(paras)
    assert result.year is None
    assert [f.severity for f in result.findings if f.rule == "year.unknown"] == ["info"]


def test_a_date_before_the_years_december_is_far_too():
    # the same window as an answers file's written_on (drafter.dates.writing_window)
    assert rules_of(doc(date="2024年6月20日")) == ["year.date"]


def test_one_writing_window_for_answers_and_documents():
    import datetime as dt

    from drafter.dates import writing_window

    assert writing_window(dt.date(2025, 2, 20), 2024) is None
    assert writing_window(dt.date(2024, 12, 20), 2024) == "early"
    assert writing_window(dt.date(2025, 5, 1), 2024) == "late"
    assert writing_window(dt.date(2024, 11, 30), 2024) == "outside"
    assert writing_window(dt.date(2026, 1, 1), 2024) == "outside"


def test_a_real_report_carried_into_the_next_year_is_warned_of_last_years_work_points():
    """rongjiang's 2024 report, read as the 2025 report a clerk who carried it would hand in:
    its "制定了2024年法治政府建设工作要点" is named; read as 2024's, nothing is."""
    import pytest

    from damage import corpus_dir

    folder = corpus_dir()
    if folder is None:
        pytest.skip("corpus not beside the clone")
    lines = [line for line in (folder / "2024-rongjiang-urban-management.txt").read_text(encoding="utf-8").splitlines()
             if line.strip()]
    stale = [f.message for f in check_paragraphs(lines, year=2025).findings if f.rule == "year.stale"]
    assert any("2024年法治政府建设工作要点" in m for m in stale), stale
    assert not [f for f in check_paragraphs(lines).findings if f.rule == "year.stale"]
