"""The reuse rules of `drafter new` (templates/reuse.yaml) and the sources they apply to."""

from __future__ import annotations

import typing
from pathlib import Path

import pytest
from pydantic import BaseModel

from drafter.model import Report
from drafter.questionnaire.carry import carry, load_sources, parse_path, reuse_policy, select_paths, topic_id
from drafter.questionnaire.checklist import ChecklistQuestion
from drafter.questionnaire.context import Context

REPO = Path(__file__).resolve().parent.parent
BUREAU = REPO / "examples" / "county-urban-management-bureau.yaml"


def _model_paths(model: type[BaseModel], prefix: str = "") -> list[str]:
    """Every leaf path of the answers file: "unit.name", "measures[].figures", …"""
    paths = []
    for name, info in model.model_fields.items():
        path = f"{prefix}{name}"
        annotation = info.annotation
        if typing.get_origin(annotation) is list and isinstance(typing.get_args(annotation)[0], type) \
                and issubclass(typing.get_args(annotation)[0], BaseModel):
            paths += _model_paths(typing.get_args(annotation)[0], f"{path}[].")
        elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
            paths += _model_paths(annotation, f"{path}.")
        else:
            paths.append(path)
    return paths


def _covers(rule: str, path: str) -> bool:
    rule_parts, path_parts = parse_path(rule), parse_path(path)
    return path_parts[: len(rule_parts)] == rule_parts


def test_every_field_of_the_answers_file_has_exactly_one_reuse_rule():
    rules = reuse_policy()
    classes = {"persistent": rules.persistent, "review": rules.review, "per_year": rules.per_year, "derived": rules.derived}
    for path in _model_paths(Report):
        owners = [name for name, listed in classes.items() if any(_covers(rule, path) for rule in listed)]
        assert len(owners) == 1, f"{path} is classified as {owners or 'nothing'} in templates/reuse.yaml"


def test_the_rules_say_what_the_issue_asks():
    rules = reuse_policy()
    for persistent in ("unit.name", "unit.superiors", "measures[].title", "measures[].items", "duty.items"):
        assert persistent in rules.persistent
    for per_year in ("unit.written_on", "measures[].figures", "duty.figures"):
        assert per_year in rules.per_year
    assert rules.statuses[0][0] == "skip" and {key for key, _ in rules.statuses} == {"skip", "done", "partial", "not_done"}
    assert rules.draft_filename(2025) == "2025年度法治政府建设情况报告（草稿）.docx"


def test_select_paths_keeps_only_named_parts():
    data = {
        "unit": {"name": "甲", "written_on": "2025-03-01"},
        "measures": [{"key": "study", "title": "学", "items": ["a"], "figures": {"trainees": 1}}],
        "layout": {"part_order": ["measures"], "fonts": {"body": "仿宋"}},
    }
    assert select_paths(data, ["unit.name", "measures[].items", "layout"]) == {
        "unit": {"name": "甲"},
        "measures": [{"items": ["a"]}],
        "layout": {"part_order": ["measures"], "fonts": {"body": "仿宋"}},
    }


def test_carry_drops_every_figure_and_date_but_keeps_text():
    from drafter.answers import load_answers

    plain = load_answers(BUREAU).report.model_dump(mode="json", exclude_none=True)
    carried = carry(plain)
    assert carried["unit"]["name"] == "西峡县城市管理局"
    assert "written_on" not in carried["unit"]
    assert all("figures" not in topic for topic in carried["measures"])
    assert "figures" not in carried["duty"]
    assert carried["measures"][1]["items"][0]["title"] == "推行“721”工作法"
    assert carried["plans"] == plain["plans"] and carried["shortcomings"] == plain["shortcomings"]


@pytest.mark.parametrize(
    ("current", "previous", "far"),
    [(200, 59, True), (177, 59, False), (20, 59, False), (19, 59, True), (0, 59, True), (5, 0, False), (5, None, False),
     (True, 1, False)],
)
def test_far_from_last_year(current, previous, far):
    assert reuse_policy().is_far(current, previous) is far


def test_year_mentions_find_last_years_year_only():
    rules = reuse_policy()
    assert rules.year_mentions("2024年全年办理，2025 年计划", 2024) == ["2024年"]
    assert rules.year_mentions("自2023年以来", 2024) == []


def test_sources_sort_files_by_their_year(tmp_path):
    folder = tmp_path / "answers"
    folder.mkdir()
    (folder / "2024.yaml").write_text(BUREAU.read_text(encoding="utf-8"), encoding="utf-8")

    found = load_sources(2025, folder, None)
    assert found.previous is not None and found.base is None and found.carried_year == 2024
    assert found.previous_figures()["penalty_cases"] == 59
    assert [plan.title for plan in found.checklist_plans()][0] == "健全执法监督机制"
    assert found.figure_layout()["enforcement"][:3] == ["penalty_cases", "penalty_general", "penalty_simple"]
    assert "figures" not in found.seed()["measures"][0]

    same_year = load_sources(2024, tmp_path / "elsewhere", BUREAU)
    assert same_year.base is not None and same_year.carried_year is None
    assert same_year.seed()["measures"][0]["figures"] == {"group_law_study": 6, "trainees": 400}
    assert same_year.checklist_plans() == []

    older = load_sources(2027, tmp_path / "elsewhere", BUREAU)
    assert older.template is not None and older.previous_figures() == {} and older.checklist_plans() == []
    assert any("不是上一年度" in note for note in older.notes)

    nothing = load_sources(2025, tmp_path / "empty", None)
    assert nothing.origin is None and nothing.seed() == {}


def test_a_later_from_file_is_refused(tmp_path):
    from drafter.errors import UserError

    with pytest.raises(UserError, match="晚于"):
        load_sources(2023, tmp_path, BUREAU)


def test_a_done_plan_lands_in_the_topic_it_resembles():
    from drafter.model import Plan

    ctx = Context(year=2025, reuse=reuse_policy())
    topics = [("study", "强化学习培训"), ("digital", "推进智慧城管建设，问题处置效率明显提升"), ("publicity", "落实普法责任制")]
    plan = Plan(title="推进智慧赋能", text="以智慧城管平台为依托，提高问题处置的速度和质量。")
    assert ChecklistQuestion(ctx, 0, plan, topics).guess_topic() == "digital"


def test_topic_ids():
    assert topic_id({"key": "study"}) == "study"
    assert topic_id({"key": "custom", "title": "优化营商环境"}) == "custom:优化营商环境"


def test_the_carried_opening_speaks_of_this_year(tmp_path):
    folder = tmp_path / "answers"
    folder.mkdir()
    opening = ("2024年以来，在县委领导下，我局认真落实《2024年全县法治政府建设工作要点》，2024年3月出台规范，"
               "自2023年起推行公示。现将我局2024年度法治政府建设情况报告如下：")
    (folder / "2024.yaml").write_text(BUREAU.read_text(encoding="utf-8") + f"opening: {opening}\n", encoding="utf-8")
    seed = load_sources(2025, folder, None).seed()
    # the report's own year moves on; a title, a dated event and an earlier year stay as written
    assert seed["opening"] == ("2025年以来，在县委领导下，我局认真落实《2024年全县法治政府建设工作要点》，2024年3月出台规范，"
                               "自2023年起推行公示。现将我局2025年度法治政府建设情况报告如下：")
    # the plans year the opening announces moves on with it, not onto this year
    also_plans = opening.replace("报告如下：", "和2025年工作安排报告如下：")
    (folder / "2024.yaml").write_text(BUREAU.read_text(encoding="utf-8") + f"opening: {also_plans}\n", encoding="utf-8")
    assert load_sources(2025, folder, None).seed()["opening"].endswith("现将我局2025年度法治政府建设情况和2026年工作安排报告如下：")
    # other carried texts keep last year's year (it may be last year's event): only flagged
    items = "".join(i["text"] for t in seed["measures"] for i in t["items"])
    assert "2025年" not in items


def test_a_skipped_year_carries_from_the_latest_earlier_file(tmp_path):
    folder = tmp_path / "answers"
    folder.mkdir()
    (folder / "2023.yaml").write_text(BUREAU.read_text(encoding="utf-8").replace("year: 2024", "year: 2023"), encoding="utf-8")
    (folder / "2024.yaml").write_text(BUREAU.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "2027.yaml").write_text("year: 2027\n", encoding="utf-8")  # later: never a source
    (folder / "notes.yaml").write_text("x: 1\n", encoding="utf-8")

    found = load_sources(2026, folder, None)
    assert found.template is not None and found.template.report.year == 2024 and found.previous is None
    assert any("最近的" in note and "2024.yaml" in note for note in found.notes)
    assert found.previous_figures() == {} and found.checklist_plans() == []  # two years old: no 同比
    seed = found.seed()
    assert seed["unit"]["name"] and seed["measures"] and "figures" not in seed["measures"][0]
    custom = seed["custom_figures"]
    assert custom and all("previous" not in figure and "value" not in figure for figure in custom.values())
