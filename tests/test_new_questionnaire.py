"""`drafter new` driven without a terminal: prompt_toolkit pipe input, `DummyOutput`, a timeout.

Every key a clerk would press is scripted (tests/scripted.py); a script that runs
short ends the run with EOF (exit 130) instead of hanging.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import confirmed_old_style_text

from drafter.answers import load_answers
from drafter.document import compose
from drafter.questionnaire.command import NewOptions
from drafts import draft_text
from scripted import BACKSPACE, CTRL_C, CTRL_U, DOWN, ENTER, SPACE, SUBMIT, UP, keystrokes, run_scripted

REPO = Path(__file__).resolve().parent.parent
BUREAU = REPO / "examples" / "county-urban-management-bureau.yaml"

# The bureau's topics in its file's order, with the figures it reported in 2024 and new ones for 2025.
TOPIC_FIGURES_2025 = [
    ("study", ["7", "420"]),
    ("enforcement", ["64", "30", "34", "5", "3", "6", "25"]),
    ("decisions", []),
    ("publicity", ["700"]),
    ("disputes", ["1", "0", "401", "401", "20", "20"]),
    ("digital", ["60012", "59800"]),
]
DUTY_FIGURES_2025 = ["5", "12", None, "0"]  # duty_meetings, duty_law_study, duty_law_report (a flag), court_required
YES_OF_THREE = UP + UP + ENTER  # 是 / 否 / 不填, from the default 不填


def second_year_keys(*, checklist=None, figures=None, duty=None, shortcomings=ENTER, numbers=(), review=ENTER) -> list[str]:
    """The keys of a 2025 run from the bureau's 2024 answers; every text kept, new figures typed."""
    figures = figures or {key: [value + ENTER for value in values] for key, values in TOPIC_FIGURES_2025}
    keys = [ENTER, ENTER]  # keep the unit and layout; keep last year's topics
    keys += checklist or [ENTER] * 4  # last year's four plans: "暂不填写"
    for key, _ in TOPIC_FIGURES_2025:
        keys.append(ENTER)  # keep the topic's title and items
        keys += figures[key]
    keys.append(ENTER)  # keep the duty items
    keys += duty or [value + ENTER if value else YES_OF_THREE for value in DUTY_FIGURES_2025]
    keys += [shortcomings, ENTER, ENTER]  # shortcomings, plans, other part
    keys += list(numbers)  # numbers typed as plain text: a figure each, or a fixed wording
    keys += ["2026-02-27" + ENTER, review]
    return keys


def second_year(tmp_path: Path) -> NewOptions:
    folder = tmp_path / "answers"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "2024.yaml").write_text(confirmed_old_style_text(BUREAU), encoding="utf-8")  # without figure references
    return NewOptions(year=2025, folder=folder, output=tmp_path / "草稿.docx")


def finished(result) -> None:
    assert result.error is None, result.error
    assert result.code == 0, result.output


def expected_figures() -> dict:
    values = [v for _, vs in TOPIC_FIGURES_2025 for v in vs]
    keys = ["group_law_study", "trainees", "penalty_cases", "penalty_general", "penalty_simple", "certificates_issued",
            "certificates_revoked", "collective_discussions", "exemption_list_items", "publicity_posts",
            "reconsideration_cases", "litigation_cases", "hotline_tickets", "hotline_closed", "petitions",
            "petitions_closed", "digital_cases_reported", "digital_cases_handled"]
    figures = dict(zip(keys, map(int, values)))
    figures.update(duty_meetings=5, duty_law_study=12, duty_law_report=True, court_required=0)
    return figures


# ---------------------------------------------------------------- a second year where only figures change


def test_second_year_only_the_figures_change(tmp_path):
    options = second_year(tmp_path)
    keys = second_year_keys()
    result = run_scripted(keys, options)
    finished(result)

    report = load_answers(options.folder / "2025.yaml").report
    last_year = load_answers(options.folder / "2024.yaml").report
    assert report.year == 2025
    assert report.figures() == expected_figures()
    assert report.previous_figures == last_year.figures()
    assert report.unit.model_dump(exclude={"written_on"}) == last_year.unit.model_dump(exclude={"written_on"})
    assert [t.items for t in report.measures] == [t.items for t in last_year.measures]
    assert [t.heading for t in report.measures] == [t.heading for t in last_year.measures]
    assert report.duty.items == last_year.duty.items
    assert report.plans == last_year.plans and report.shortcomings == last_year.shortcomings
    assert str(report.unit.written_on) == "2026-02-27"

    text = "\n".join(compose(report).paragraphs())
    assert "全年办理行政处罚案件64件，同比增长8.5%" in text
    assert "受理信访事项20件，同比下降16.7%" in text
    assert "同比增长8.5%" in draft_text(options.output)
    assert not (options.folder / "2025.progress.yaml").exists()

    # The review screen showed last year's value, the change and the carried-over flags.
    assert re.search(r"行政处罚案件（件）\s*│\s*64件\s*│\s*59件\s*│\s*同比增长8\.5%", result.output)
    assert "问题处置率" in result.output and "上升0.37个百分点" in result.output
    assert "与2024年的内容相同，请按今年的情况更新" in result.output

    # The counts quoted in the note on the issue.
    typed = [value for _, values in TOPIC_FIGURES_2025 for value in values] + [v for v in DUTY_FIGURES_2025 if v]
    figure_keys = sum(len(value) for value in typed)
    total = keystrokes("".join(keys))
    assert len(typed) == 21  # numbers typed, plus one yes/no figure (年度述法) chosen with ↑↑⏎
    assert result.questions == 39  # 22 figures, the date and 16 others (a list editor counts once)
    assert result.prompts == 40  # the same plus the review's "确认"
    navigation = total - figure_keys - len(typed) - keystrokes(YES_OF_THREE) - len("2026-02-27" + ENTER)
    assert navigation == 17  # every one an Enter: unit, topics, 4 plans, 6 topics, duty, 3 lists, review


def test_an_invalid_or_far_off_number_is_asked_again(tmp_path):
    options = second_year(tmp_path)
    figures = {key: [value + ENTER for value in values] for key, values in TOPIC_FIGURES_2025}
    figures["study"][0] = "七次" + ENTER + BACKSPACE * 2 + "7" + ENTER  # not a number: the prompt stays
    figures["study"][1] = "420人次" + ENTER  # the unit word is accepted
    figures["enforcement"][0] = "600" + ENTER + ENTER + BACKSPACE * 3 + "64" + ENTER  # >3× last year: "确认无误吗？" 否
    figures["publicity"][0] = "2400" + ENTER + UP + ENTER  # far off, but confirmed
    result = run_scripted(second_year_keys(figures=figures), options)
    finished(result)
    report = load_answers(options.folder / "2025.yaml").report
    assert report.figures()["group_law_study"] == 7
    assert report.figures()["trainees"] == 420
    assert report.figures()["penalty_cases"] == 64
    assert report.figures()["publicity_posts"] == 2400
    assert "与去年相差较大（已确认）" in result.output


def test_figure_messages_are_chinese():
    from drafter.questionnaire.carry import reuse_policy
    from drafter.questionnaire.context import Context
    from drafter.questionnaire.figure import FigureQuestion

    question = FigureQuestion(Context(year=2025, reuse=reuse_policy(), previous_figures={"penalty_cases": 59}), "penalty_cases", "")
    with pytest.raises(ValueError, match="不是数字"):
        question.parse("五十九")
    with pytest.raises(ValueError, match="整数"):
        question.parse("5.5")
    assert question.parse("59件") == 59 and question.parse("") is None
    assert question.rows(64)[0].last_year == "59件" and question.rows(64)[0].change == "同比增长8.5%"


# ---------------------------------------------------------------- a first year from nothing


def first_year_keys(notes_file: Path) -> list[str]:
    return [
        "测试县司法局" + ENTER,  # 单位名称
        DOWN + ENTER,  # 单位类型: 政府部门
        ENTER, "县委、县政府" + ENTER, ENTER, ENTER,  # 执法权 (不填), 上级, 主送机关, 落款
        ENTER, ENTER, "聚焦主责主业，" + ENTER, SUBMIT,  # 部分顺序, 要点排列, 开头补充, 自拟开头 (none)
        SPACE + DOWN + DOWN + DOWN + SPACE + ENTER,  # topics: thought and decisions
        # (一) thought: add an item, then its figure
        ENTER, "加强学习" + ENTER, "组织专题学习习近平法治思想。" + SUBMIT, ENTER, "3" + ENTER,
        # (二) decisions: an item read from a text file; its three figures left empty
        ENTER, ENTER, f"@{notes_file}" + SUBMIT, ENTER, ENTER, "2" + ENTER, ENTER,
        # duty: one item, five figures left empty
        ENTER, ENTER, "主要负责人带头学法。" + SUBMIT, ENTER, ENTER, ENTER, ENTER, ENTER, ENTER,
        ENTER, "学习不够深入" + ENTER, "学用结合不够。" + SUBMIT, ENTER,  # a shortcoming
        ENTER, "加强学习" + ENTER, "继续组织专题学习。" + SUBMIT, ENTER,  # a plan
        ENTER,  # no fifth part
        "2026年2月28日" + ENTER,
        ENTER,  # review: confirm
    ]


def test_first_year_from_nothing(tmp_path):
    notes = tmp_path / "决策.txt"
    notes.write_text("严格执行重大行政决策程序。\n\n落实法律顾问制度。\n", encoding="gbk")
    options = NewOptions(year=2025, folder=tmp_path / "answers", output=tmp_path / "草稿.docx")
    result = run_scripted(first_year_keys(notes), options)
    finished(result)
    loaded = load_answers(options.folder / "2025.yaml")
    report = loaded.report
    assert report.unit.name == "测试县司法局" and report.unit.kind.value == "政府部门"
    assert report.opening_focus == "聚焦主责主业，"
    assert [t.key for t in report.measures] == ["thought", "decisions"]
    assert report.measures[0].items[0].title == "加强学习"
    assert report.measures[0].figures == {"thought_study_sessions": 3}
    assert report.measures[1].items[0].text == "严格执行重大行政决策程序。\n\n落实法律顾问制度。"
    assert report.measures[1].figures == {"legality_reviews": 2}
    assert report.previous_figures == {}
    assert str(report.unit.written_on) == "2026-02-28"
    assert options.output.is_file()
    text = (options.folder / "2025.yaml").read_text(encoding="utf-8")
    first, second = text.splitlines()[:2]
    assert first == "# yaml-language-server: $schema=answers.schema.json"
    assert (options.folder / "answers.schema.json").is_file()
    assert second.startswith("# 法治政府建设年度报告答卷")
    assert "written_on: 2026-02-28\n" in text  # a YAML date, not a quoted string
    assert text.index("key: thought") < text.index("thought_study_sessions")  # key first, figures last


# ---------------------------------------------------------------- Ctrl-C and resume


def test_ctrl_c_then_resume_ends_with_the_same_answers_file(tmp_path):
    keys = second_year_keys()
    whole = second_year(tmp_path / "whole")
    finished(run_scripted(keys, whole))

    options = second_year(tmp_path / "interrupted")
    cut = 2 + 4 + 1 + 2 + 1 + 3  # inside the enforcement figures
    stopped = run_scripted(keys[:cut] + [CTRL_C], options)
    assert stopped.code == 130
    assert "已中断。已保存 13 项回答" in stopped.output
    assert "再次运行 drafter new --year 2025 --dir" in stopped.output
    assert (options.folder / "2025.progress.yaml").exists()
    assert not (options.folder / "2025.yaml").exists()  # the answers file is written only at the end

    resumed = run_scripted(keys[cut:], options)
    finished(resumed)
    assert "继续上次的问卷：已保存 13 项回答" in resumed.output
    assert (options.folder / "2025.yaml").read_text(encoding="utf-8") == (whole.folder / "2025.yaml").read_text(encoding="utf-8")
    assert not (options.folder / "2025.progress.yaml").exists()


def test_ctrl_c_inside_a_compound_question_keeps_what_was_typed(tmp_path):
    notes = tmp_path / "决策.txt"
    notes.write_text("严格执行重大行政决策程序。", encoding="utf-8")
    keys = first_year_keys(notes)
    whole = NewOptions(year=2025, folder=tmp_path / "whole", output=tmp_path / "whole.docx")
    finished(run_scripted(keys, whole))

    options = NewOptions(year=2025, folder=tmp_path / "cut", output=tmp_path / "cut.docx")
    # 1) after two fields of the unit group; 2) after an item was added to a topic, at the editor's menu
    assert run_scripted(keys[:2] + [CTRL_C], options).code == 130
    assert run_scripted(keys[2:14] + [CTRL_C], options).code == 130
    finished(run_scripted(keys[14:], options))
    assert (options.folder / "2025.yaml").read_text(encoding="utf-8") == (whole.folder / "2025.yaml").read_text(encoding="utf-8")


def test_a_short_script_ends_instead_of_hanging(tmp_path):
    result = run_scripted([ENTER], second_year(tmp_path), timeout=30)
    assert result.code == 130 and "已中断" in result.output


# ---------------------------------------------------------------- last year's plans as a checklist


def test_last_years_plans_feed_parts_one_and_two(tmp_path):
    options = second_year(tmp_path)
    checklist = [
        DOWN + ENTER, ENTER, CTRL_U + "建立执法监督台账，全年开展专项督查4次。" + SUBMIT,  # 1 已落实 → part 1
        DOWN * 3 + ENTER, ENTER, CTRL_U + "人员调整，制度修订推迟。" + SUBMIT,  # 2 未落实 → part 2
        # 3 部分落实: nothing is pre-filled but the problem; an empty text or cause is refused until written
        DOWN * 2 + ENTER, ENTER, SUBMIT + "完成智慧城管平台一期升级。" + SUBMIT, ENTER, SUBMIT + "资金下达较晚。" + SUBMIT,
        ENTER,  # 4 暂不填写
    ]
    # "专项督查4次", typed this year, is offered as a figure (label and unit proposed): Enter takes it
    result = run_scripted(second_year_keys(checklist=checklist, numbers=[ENTER]), options)
    finished(result)  # no drafted "原因是……（请补充）" to refuse: every cause was written
    assert options.output.exists()
    report = load_answers(options.folder / "2025.yaml").report
    assert report.custom_figures["kaizhan_zhuanxiang_ducha"].model_dump(exclude_none=True) == {
        "label": "开展专项督查", "unit": "次", "value": 4, "approximate": False}

    fed = [(topic.key, item) for topic in report.measures for item in topic.items if item.title in ("健全执法监督机制", "推进智慧赋能")]
    assert [(key, item.title) for key, item in fed] == [("enforcement", "健全执法监督机制"), ("digital", "推进智慧赋能")]
    assert fed[0][1].text == "建立执法监督台账，全年开展专项督查【kaizhan_zhuanxiang_ducha】次。"
    assert report.measures[1].items[-1].title == "健全执法监督机制"  # after the topic's own items

    assert report.shortcomings[0].problem == "抓实制度执行未能按计划落实"
    assert report.shortcomings[0].cause == "人员调整，制度修订推迟。"
    assert report.shortcomings[1].problem == "推进智慧赋能还没有完全落实"
    assert report.shortcomings[1].cause == "资金下达较晚。"  # never a drafted "原因是……（请补充）"
    assert fed[1][1].text == "完成智慧城管平台一期升级。"  # not last year's plan wording
    assert len(report.shortcomings) == 5  # two drafts, then last year's three
    assert not any("请补充" in s.cause or "……" in s.cause for s in report.shortcomings)
    assert "去年安排第3项：推进智慧赋能——以智慧城管平台" in result.output  # the plan is shown to write against


# ---------------------------------------------------------------- list editing and the review screen


def test_a_list_can_be_added_to_edited_removed_and_reordered(tmp_path):
    options = second_year(tmp_path)
    shortcomings = "".join([
        DOWN * 2 + ENTER, DOWN + ENTER, CTRL_U + "执法程序不够规范" + ENTER, SUBMIT,  # edit no. 2: new problem, same cause
        DOWN * 3 + ENTER, DOWN * 2 + ENTER,  # remove no. 3
        DOWN + ENTER, "执法装备不足" + ENTER, "经费有限。" + SUBMIT,  # add one
        DOWN * 4 + ENTER, "3 1 2" + ENTER,  # reorder
        ENTER,  # done
    ])
    finished(run_scripted(second_year_keys(shortcomings=shortcomings), options))
    report = load_answers(options.folder / "2025.yaml").report
    assert [s.problem for s in report.shortcomings] == ["执法装备不足", "理论学习的系统性、深入性不够", "执法程序不够规范"]
    assert report.shortcomings[2].cause.startswith("个别案件仍有重实体、轻程序的现象")


def test_the_review_screen_jumps_back_to_any_answer(tmp_path):
    options = second_year(tmp_path)
    paused = run_scripted(second_year_keys(review=DOWN * 2 + ENTER), options)
    assert paused.code == 0 and "已暂停" in paused.output
    number = int(re.search(r"│\s*(\d+)\s*│\s*发布普法推文（篇）", paused.output).group(1))
    recipient = int(re.search(r"│\s*(\d+)\s*│\s*主送机关", paused.output).group(1))

    edits = [
        DOWN + ENTER, f"{number}" + ENTER, BACKSPACE * 2 + "10" + ENTER,  # a figure: 700 → 710
        DOWN + ENTER, f"{recipient}" + ENTER, CTRL_U + "县司法局" + ENTER,  # one field of the unit group
        ENTER,  # confirm
    ]
    result = run_scripted(edits, options)
    finished(result)
    report = load_answers(options.folder / "2025.yaml").report
    assert report.figures()["publicity_posts"] == 710
    assert report.unit.recipient == "县司法局"
    assert report.figures()["trainees"] == 420  # everything else as answered before the pause


# ---------------------------------------------------------------- what is asked, and how


def test_a_unit_without_enforcement_power_is_not_asked_for_enforcement_figures():
    from drafter.questionnaire.carry import reuse_policy
    from drafter.questionnaire.context import Context
    from drafter.questionnaire.lists import BlockQuestion
    from drafter.questionnaire.questions import BasicsQuestion, TopicsQuestion

    ctx = Context(year=2025, reuse=reuse_policy())
    institution = {"unit.kind": "事业单位", "unit.has_enforcement_power": None}
    assert BasicsQuestion.enforces(institution) is False
    assert BasicsQuestion.enforces({**institution, "unit.has_enforcement_power": True}) is True
    assert not TopicsQuestion(ctx, enforces=False).allowed("enforcement")
    assert TopicsQuestion(ctx, enforces=True).allowed("enforcement")
    oversight = BlockQuestion(ctx, "oversight", enforces=False)
    assert "case_file_reviews" not in oversight.figure_keys(oversight.default())
    assert "case_file_reviews" in BlockQuestion(ctx, "oversight", enforces=True).figure_keys(oversight.default())


def test_carried_text_naming_last_year_is_flagged_not_rewritten(tmp_path):
    folder = tmp_path / "answers"
    folder.mkdir()
    text = confirmed_old_style_text(BUREAU).replace(
        "智慧城管平台实现问题采集", "2024年智慧城管平台实现问题采集")
    (folder / "2024.yaml").write_text(text, encoding="utf-8")
    result = run_scripted("", NewOptions(year=2025, folder=folder, output=tmp_path / "d.docx", defaults=True))
    assert result.code == 0, result.output
    assert "沿用的文字提到“2024年”，请核对：“2024年智慧城管平台实现问题采集" in result.output
    report = load_answers(folder / "2025.yaml").report
    assert report.measures[-1].items[0].text.startswith("2024年智慧城管平台")  # kept as it was


def test_a_paragraph_can_be_written_in_the_editor(tmp_path, monkeypatch):
    import io
    import threading

    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput
    from rich.console import Console

    from drafter.questionnaire.prompts import Prompter

    editor = tmp_path / "editor.sh"
    editor.write_text("#!/bin/sh\nprintf '用编辑器写的第一段。\\n\\n第二段。\\n' > \"$1\"\n", encoding="utf-8")
    editor.chmod(0o755)
    monkeypatch.setenv("VISUAL", str(editor))
    monkeypatch.setenv("EDITOR", str(editor))
    with create_pipe_input() as pipe:
        pipe.send_text("\x18\x05")  # Ctrl-X Ctrl-E opens $EDITOR
        submit = threading.Timer(1.0, lambda: pipe.send_text(SUBMIT))  # once the editor has closed
        submit.start()
        ui = Prompter(input=pipe, output=DummyOutput(), console=Console(file=io.StringIO()))
        answer = ui.text("内容", multiline=True)
        submit.join()
    assert answer == "用编辑器写的第一段。\n\n第二段。"


def test_a_topic_can_be_retitled_given_more_figures_and_a_custom_topic_added(tmp_path):
    options = second_year(tmp_path)
    figures = {key: [value + ENTER for value in values] for key, values in TOPIC_FIGURES_2025}
    keys = [ENTER, UP + SPACE + ENTER, "优化法治化营商环境" + ENTER, ENTER]  # tick "＋ 新增自拟专题", one title
    keys += [ENTER] * 4  # the checklist
    keys += [DOWN * 5 + ENTER, CTRL_U + "强化学习培训" + ENTER,  # 修改专题标题
             DOWN * 6 + ENTER, SPACE + ENTER,  # 增加数据项: the first one offered (会前学法)
             ENTER, "7" + ENTER, "420" + ENTER, "12" + ENTER]
    for key, _ in TOPIC_FIGURES_2025[1:]:
        keys += [ENTER] + figures[key]
    keys += [ENTER, ENTER, "推行涉企行政检查备案制度。" + SUBMIT, ENTER]  # the custom topic: one item, no figures
    keys += [ENTER] + [value + ENTER if value else YES_OF_THREE for value in DUTY_FIGURES_2025]
    keys += [ENTER, ENTER, ENTER, ENTER, ENTER]  # lists, date (left empty), review
    finished(run_scripted(keys, options))
    report = load_answers(options.folder / "2025.yaml").report
    assert report.measures[0].title == "强化学习培训"
    assert report.measures[0].figures == {"group_law_study": 7, "trainees": 420, "pre_meeting_law_study": 12}
    assert report.measures[-1].key == "custom" and report.measures[-1].title == "优化法治化营商环境"
    assert report.measures[-1].items[0].text == "推行涉企行政检查备案制度。"
    assert report.unit.written_on is None


def test_a_catalogue_figure_a_new_shortcoming_references_is_asked_and_kept_in_its_topic(tmp_path):
    """No topic asked for 持证执法人员; a shortcoming typed this year cites it: asked once, after
    the texts, and kept with the enforcement topic, so the draft states this year's number."""
    options = second_year(tmp_path)
    shortcomings = DOWN + ENTER + "执法力量不足" + ENTER + "全局持证执法人员仅【certified_officers】人。" + SUBMIT + ENTER
    result = run_scripted(second_year_keys(shortcomings=shortcomings, numbers=["131" + ENTER]), options)
    finished(result)
    assert "持证执法人员" in result.output
    report = load_answers(options.folder / "2025.yaml").report
    homes = [t.key for t in report.measures if "certified_officers" in t.figures]
    assert homes == ["enforcement"] and report.figures()["certified_officers"] == 131
    assert "全局持证执法人员仅131人。" in draft_text(options.output)


def test_a_rate_a_new_shortcoming_references_has_its_two_counts_asked(tmp_path):
    """A shortcoming cites 学法考试合格率, a rate no topic asked the counts of: its two counts
    (参加学法考试, 学法考试合格) are asked after the texts and kept with the study topic, so
    the draft states the rate computed from this year's counts."""
    options = second_year(tmp_path)
    shortcomings = DOWN + ENTER + "学法成效不够明显" + ENTER + "全局学法考试合格率仅【exam_pass_rate】。" + SUBMIT + ENTER
    result = run_scripted(second_year_keys(shortcomings=shortcomings, numbers=["80" + ENTER, "76" + ENTER]), options)
    finished(result)
    assert "学法考试合格" in result.output
    report = load_answers(options.folder / "2025.yaml").report
    study = next(t for t in report.measures if t.key == "study")
    assert study.figures["exam_takers"] == 80 and study.figures["exam_passed"] == 76
    assert "全局学法考试合格率仅95%。" in draft_text(options.output)
