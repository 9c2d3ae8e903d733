"""Issue 14's "Second year" and "Moving around": the year chosen, a model file, stepping back,
a review that fits 24 lines, digits at select prompts, the labels a clerk reads."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from drafter.answers import load_answers
from drafter.document import compose
from drafter.questionnaire.command import NewOptions
from drafter.questionnaire.year import choose_year
from scripted import DOWN, ENTER, run_scripted

from test_new_questionnaire import BUREAU, finished, second_year, second_year_keys

REPO = Path(__file__).resolve().parent.parent
TOWN = REPO / "examples" / "town-government.yaml"
PAGE_UP = "\x1b[5~"


# ---------------------------------------------------------------- the year


@pytest.mark.parametrize("today, year", [
    (dt.date(2026, 1, 5), 2025),  # first quarter: the year just ended
    (dt.date(2026, 6, 30), 2025),
    (dt.date(2026, 7, 1), 2026),  # second half: the current year (a year-end report)
    (dt.date(2026, 12, 1), 2026),
])
def test_the_year_follows_the_date(tmp_path, today, year):
    assert choose_year(tmp_path / "answers", today)[0] == year


def test_a_finished_last_year_does_not_reopen_it(tmp_path):
    """The issue's case: answers/2025.yaml finished, on 2026-12-01 plain `drafter new` starts 2026."""
    folder = tmp_path / "answers"
    folder.mkdir()
    shutil.copyfile(BUREAU, folder / "2025.yaml")
    year, why = choose_year(folder, dt.date(2026, 12, 1))
    assert year == 2026
    assert "2026-12-01" in why and "下半年" in why and "2025.yaml 是去年的答卷" in why


def test_an_unfinished_questionnaire_is_continued(tmp_path):
    folder = tmp_path / "answers"
    folder.mkdir()
    (folder / "2025.progress.yaml").write_text("year: 2025\nanswers: {}\n", encoding="utf-8")
    assert choose_year(folder, dt.date(2026, 8, 1)) == (2025, f"{folder / '2025.progress.yaml'} 中有未完成的 2025 年度问卷，接着回答")


def test_plain_new_says_which_year_and_why(tmp_path):
    folder = tmp_path / "answers"
    folder.mkdir()
    shutil.copyfile(BUREAU, folder / "2025.yaml")  # last year's file, whatever it says inside
    result = run_scripted("", NewOptions(folder=folder, output=tmp_path / "d.docx", no_input=True),
                          today=dt.date(2027, 2, 10))
    assert "起草 2026 年度法治政府建设情况报告" in result.output
    assert "年度：今天是 2027-02-10，上半年，起草刚结束的 2026 年度报告" in result.output
    assert "要起草其他年度请加 --year" in result.output


# ---------------------------------------------------------------- --from an example: a model


def test_from_an_example_gives_wording_not_figures_or_identity(tmp_path):
    folder = tmp_path / "answers"
    options = NewOptions(folder=folder, source=TOWN, output=tmp_path / "草稿.docx")
    example = load_answers(TOWN).report
    keys = [
        "城关镇人民政府" + ENTER,  # 单位名称: asked, not the example's
        DOWN * 2 + ENTER,  # 单位类型 乡镇街道 (the example's kind is the default: Enter would do too)
        ENTER,  # 有行政执法权: 不填
        "县委、县政府" + ENTER,  # 上级领导机关
        ENTER, ENTER,  # 主送机关, 落款: empty (the example's are not offered)
        ENTER, ENTER,  # part order and items layout: the example's
        ENTER,  # 开头补充
        ENTER,  # 开头段（自拟）
        ENTER,  # topics: the example's
    ]
    keys += [ENTER] * 60  # every list kept, every figure left empty, then the review
    result = run_scripted(keys, options, today=dt.date(2026, 12, 1))
    assert "以 " in result.output and "为范本" in result.output
    report = load_answers(folder / "2026.yaml", require_values=False).report  # its text's figures left to fill
    assert report.year == 2026  # the date's year, not the example's year + 1
    assert report.unit.name == "城关镇人民政府" and report.unit.superiors == "县委、县政府"
    assert report.unit.recipient is None and report.unit.signatory is None
    assert report.previous_figures == {}  # the example's figures are not "last year"
    assert report.figures() == {}
    assert report.custom_figures and all(f.previous is None and f.value is None for f in report.custom_figures.values())
    assert "去年：" not in result.output  # no figure prompt offers the example's number as last year's
    assert [t.items for t in report.measures] == [t.items for t in example.measures]  # its wording is
    assert "房镇" not in (folder / "2026.yaml").read_text(encoding="utf-8")
    assert "去年安排第1项" not in result.output  # another unit's plans are no checklist
    assert "暂不生成草稿" in result.output and not (tmp_path / "草稿.docx").exists()


# ---------------------------------------------------------------- moving around


def test_page_up_steps_back_one_question(tmp_path):
    options = second_year(tmp_path)
    keys = second_year_keys()
    # At the first topic's first figure (中心组学法), step back to the topic's list, then go on.
    first_figure = 2 + 4 + 1
    keys[first_figure:first_figure] = [PAGE_UP, ENTER]
    result = run_scripted(keys, options)
    finished(result)
    # The topic's list was shown again (once more than its list and its review row) and asked once more.
    assert result.output.count("强化学习培训，执法人员法治能力稳步提升") == 3
    assert result.prompts == 40 + 2
    assert load_answers(options.folder / "2025.yaml").report.figures()["group_law_study"] == 7


def test_page_up_from_a_figure_reasks_the_figure_before(tmp_path):
    options = second_year(tmp_path)
    keys = second_year_keys()
    second_figure = 2 + 4 + 1 + 1
    keys[second_figure:second_figure] = [PAGE_UP, "\x15" + "8" + ENTER]  # back to 中心组学法: 7 → 8
    result = run_scripted(keys, options)
    finished(result)
    figures = load_answers(options.folder / "2025.yaml").report.figures()
    assert figures["group_law_study"] == 8 and figures["trainees"] == 420


def test_the_review_fits_a_24_line_terminal(tmp_path):
    options = second_year(tmp_path)
    keys = second_year_keys(review=ENTER * 30)
    result = run_scripted(keys, options, width=80, height=24)
    finished(result)
    output = result.output
    pages = re.split(r"(?m)^(?=2025年度答卷复核\s*$)", output[output.index("2025年度答卷复核"):])
    assert len(pages) > 3
    for page in pages[:-1]:
        assert len(page.rstrip("\n").splitlines()) + 5 <= 24, page  # with the page's question and its choices
    assert "行政处罚案件（件）" in output and "自动计算的比率" in output


def test_a_digit_at_a_select_prompt_selects_that_choice(tmp_path):
    options = second_year(tmp_path)
    checklist = ["4" + ENTER] + [ENTER] * 3  # plan 1: "4" = 未落实 (the fourth choice)
    checklist[0] += ENTER + "人员调整，督查推迟。" + "\x1b\r"  # problem kept, the cause written
    result = run_scripted(second_year_keys(checklist=checklist), options)
    finished(result)
    report = load_answers(options.folder / "2025.yaml").report
    assert report.shortcomings[0].problem == "健全执法监督机制未能按计划落实"
    assert report.shortcomings[0].cause == "人员调整，督查推迟。"


def test_a_yes_no_figure_is_kept_with_its_one_key(tmp_path):
    options = second_year(tmp_path)
    duty = ["5" + ENTER, "12" + ENTER, "=", "0" + ENTER]  # 年度述法: "=" keeps last year's 是
    result = run_scripted(second_year_keys(duty=duty), options)
    finished(result)
    assert load_answers(options.folder / "2025.yaml").report.figures()["duty_law_report"] is True


def test_every_figure_is_kept_with_one_key(tmp_path):
    options = second_year(tmp_path)
    figures = {key: ["="] * len(values) for key, values in
               [("study", "ab"), ("enforcement", "abcdefg"), ("decisions", ""), ("publicity", "a"),
                ("disputes", "abcdef"), ("digital", "ab")]}
    result = run_scripted(second_year_keys(figures=figures, duty=["="] * 4), options)
    finished(result)
    report = load_answers(options.folder / "2025.yaml").report
    assert report.figures() == load_answers(BUREAU).report.figures()


# ---------------------------------------------------------------- labels


def test_what_a_first_year_clerk_reads(tmp_path):
    from drafter.catalogue import catalogue
    from drafter.model import Item, Unit
    from drafter.questionnaire.fields import ModelField

    kinds = dict((value, title) for title, value in ModelField(Unit, "kind", ("unit", "kind")).choices())
    assert "乡镇人民政府" in kinds["乡镇街道"] and "乡镇人民政府选“乡镇街道”" in kinds["人民政府"]
    assert "干部职工" in catalogue().indicators["trainees"].label  # who was trained

    class Recorder:
        def __init__(self):
            self.instructions = []

        def text(self, message, **kwargs):
            self.instructions.append(kwargs.get("instruction"))
            return ""

    ui = Recorder()
    ModelField(Item, "title", ("title",)).ask(ui, None)
    assert ui.instructions[-1].count("可不填") == 1


def test_the_date_example_lies_inside_the_window(tmp_path):
    from drafter.questionnaire.carry import reuse_policy
    from drafter.questionnaire.context import Context
    from drafter.questionnaire.fields import ModelField
    from drafter.questionnaire.questions import FieldQuestion
    from drafter.model import Unit

    seen = {}

    class Recorder:
        def text(self, message, **kwargs):
            seen["hint"] = kwargs["instruction"]
            return ""

    question = FieldQuestion(Context(year=2025, reuse=reuse_policy()), ModelField(Unit, "written_on", ("unit", "written_on")),
                             section="成文日期")
    question.prompt(Recorder(), None)
    assert "2026-02-28" in seen["hint"] and "2025-02-28" not in seen["hint"]


def test_the_opening_is_not_asked_after_its_phrase(tmp_path):
    from drafter.questionnaire.carry import reuse_policy
    from drafter.questionnaire.context import Context
    from drafter.questionnaire.questions import BasicsQuestion

    asked = []

    class Recorder:
        def text(self, message, **kwargs):
            asked.append(message)
            return {"单位名称": "测试局", "上级领导机关": "县委、县政府", "开头补充": "聚焦主责主业，"}.get(message, "")

        def select(self, message, choices, **kwargs):
            asked.append(message)
            return choices[1][1] if message == "单位类型" else kwargs.get("default", choices[0][1])

    question = BasicsQuestion(Context(year=2025, reuse=reuse_policy()))
    values = question.prompt(Recorder(), question.default())
    assert values["opening_focus"] == "聚焦主责主业，"
    assert "开头补充" in asked and "开头段（自拟）" not in asked


@pytest.mark.parametrize("year, outline", [
    (2024, "《法治政府建设实施纲要（2021－2025年）》"),
    (2025, "《法治政府建设实施纲要（2021－2025年）》"),
    (2026, "《法治政府建设实施纲要（2026－2030年）》"),
])
def test_the_opening_cites_the_outline_of_its_year(year, outline):
    report = load_answers(BUREAU).report.model_copy(update={"year": year, "opening": None, "opening_focus": None})
    assert outline in compose(report).opening
