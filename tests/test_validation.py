"""Each validation rule: a Chinese message naming the field and its line, exit 2, nothing written."""

from __future__ import annotations

import pytest

BUREAU = "county-urban-management-bureau"


@pytest.fixture
def render_edited(cli, tmp_path, example_text):
    """Render the bureau example after one text replacement; return (result, output path)."""

    def run(old: str, new: str, stem: str = BUREAU):
        source = example_text(stem)
        assert old in source, f"fixture text not found: {old!r}"
        answers = tmp_path / "answers.yaml"
        answers.write_text(source.replace(old, new, 1), encoding="utf-8")
        out = tmp_path / "draft.docx"
        result = cli("render", answers, "-o", out)
        return result, out, answers

    return run


def _line_of(path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(needle)


CASES = [
    # (id, old text, new text, line marker in the edited file, expected fragments of the message)
    ("negative count", "penalty_simple: 32", "penalty_simple: -3", "penalty_simple",
     ["measures[1].figures", "简易程序案件", "不能是负数"]),
    ("parts above total", "penalty_simple: 32", "penalty_simple: 40", "penalty_general",
     ["一般程序案件", "简易程序案件", "之和67件", "超过了“行政处罚案件”59件"]),
    ("attended above required", "court_required: 0", "court_required: 2\n    court_attended: 3", "court_attended",
     ["负责人实际出庭应诉", "超过了“应出庭应诉行政案件”2件"]),
    ("date after the window", "written_on: 2025-03-20", "written_on: 2026-02-01", "written_on",
     ["unit.written_on", "成文日期", "不在报告期内"]),
    ("date inside the report year", "written_on: 2025-03-20", "written_on: 2024-06-30", "written_on",
     ["成文日期 2024-06-30 不在报告期内"]),
    ("unknown top-level key", "shortcomings:\n", "shortcomming:\n", "shortcomming",
     ["未知字段“shortcomming”", "是否想写“shortcomings”"]),
    ("unknown nested key", "  superiors: 县委、县政府", "  superior: 县委、县政府", "superior:",
     ["未知字段“superior”", "是否想写“superiors”"]),
    ("unknown figure key", "penalty_cases: 59", "penalty_case: 59", "penalty_case",
     ["未知的数据项“penalty_case”", "是否想写“penalty_cases”"]),
    ("unknown topic", "  - key: publicity", "  - key: publicty", "publicty",
     ["未知的专题“publicty”", "是否想写“publicity”"]),
    ("Chinese numeral", "penalty_cases: 59", "penalty_cases: 五十九", "penalty_cases",
     ["行政处罚案件", "不是数字", "阿拉伯数字"]),
    ("wrong unit kind", "kind: 政府部门", "kind: 政府机关", "kind:",
     ["单位类型", "应为以下之一", "政府部门"]),
    ("empty text", "    cause: 个别案件仍有重实体", "    cause: ''\n    x: 个别案件仍有重实体", "cause: ''",
     ["原因", "不能为空"]),
]


@pytest.mark.parametrize("old,new,marker,fragments", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_rule_gives_chinese_message_with_line(render_edited, old, new, marker, fragments):
    result, out, answers = render_edited(old, new)
    assert result.exit_code == 2
    message = result.stderr
    for fragment in fragments:
        assert fragment in message, message
    assert f"第 {_line_of(answers, marker)} 行" in message, message
    assert "Traceback" not in message
    assert not out.exists()


@pytest.mark.parametrize(
    "old,new,fragment",
    [
        ("shortcomings:\n", "shortcomings: []\nunused_shortcomings:\n", None),
        ("plans:\n", "plans: []\nold_plans:\n", None),
    ],
    ids=["no shortcomings", "no plans"],
)
def test_empty_mandatory_part_is_refused(cli, tmp_path, example_text, old, new, fragment):
    # Cut the part's list out of the file entirely.
    source = example_text(BUREAU)
    head, _, tail = source.partition(old)
    rest = tail.split("\nplans:\n", 1)
    if old == "shortcomings:\n":
        edited = head + "shortcomings: []\nplans:\n" + rest[1]
        expected = "第二部分“存在的不足和原因”不能为空"
    else:
        edited = head + "plans: []\n"
        expected = "第四部分“下一年度主要安排”不能为空"
    answers = tmp_path / "a.yaml"
    answers.write_text(edited, encoding="utf-8")
    result = cli("render", answers, "-o", tmp_path / "d.docx")
    assert result.exit_code == 2
    assert expected in result.stderr
    assert not (tmp_path / "d.docx").exists()


def test_unit_word_after_a_figure_is_accepted(render_edited):
    result, out, _ = render_edited("penalty_cases: 59", "penalty_cases: 59件")
    assert result.exit_code == 0, result.stderr
    assert out.exists()


def test_malformed_yaml_names_line_and_column(render_edited):
    result, out, answers = render_edited("  recipient: 县委", "  recipient 县委")
    assert result.exit_code == 2
    assert "YAML 格式有误" in result.stderr
    assert "第 " in result.stderr and " 列" in result.stderr
    assert not out.exists()


def test_several_problems_are_listed_together(render_edited):
    result, _, _ = render_edited("penalty_cases: 59", "penalty_cases: -1\n      penalty_bogus: 1")
    assert result.exit_code == 2
    assert "处问题" in result.stderr or "penalty" in result.stderr


def test_warning_does_not_stop_render(render_edited):
    # A 事业单位 entering enforcement figures: warned, still rendered.
    result, out, _ = render_edited("kind: 政府部门", "kind: 事业单位")
    assert result.exit_code == 0, result.stderr
    assert "无行政执法权" in result.stderr
    assert out.exists()


def test_render_runs_the_checker_errors_stop_unless_forced(render_edited):
    # Valid answers whose text states an impossible rate: the checker's error stops the draft.
    result, out, answers = render_edited("智慧城管平台实现问题采集、派遣、处置、核查闭环管理。", "智慧城管平台问题处置率达120%。")
    assert result.exit_code == 1
    assert "比率超过100%" in result.stderr and "--ignore-check" in result.stderr
    assert not out.exists()


def test_forced_render_writes_despite_checker_errors(cli, tmp_path, example_text):
    answers = tmp_path / "a.yaml"
    answers.write_text(example_text(BUREAU).replace("核查闭环管理。", "核查闭环管理，处置率达120%。"), encoding="utf-8")
    result = cli("render", answers, "-o", tmp_path / "d.docx", "--force")
    assert result.exit_code == 0
    assert "比率超过100%" in result.stderr
    assert (tmp_path / "d.docx").exists()


def test_topic_whose_figures_say_nothing_is_warned(render_edited):
    # Only a zero that no wording states: the topic would be a bare heading.
    result, out, _ = render_edited(
        "  - key: decisions\n    items:\n      - 实行重大行政决策目录管理，明确决策权限、范围和量化标准，发挥法律顾问和公职律师在决策、合同审查中的把关作用。\n      - 出台瓜果季便民临时摊点管理规定，参与上级部门拟定法规和裁量标准提出修改意见【law_drafting_comments】次。\n",
        "  - key: decisions\n    figures:\n      legality_reviews: 0\n",
    )
    assert result.exit_code == 0, result.stderr
    assert "所填数据也不会写成句子" in result.stderr


def test_collect_sets_values_aside_in_a_copy_never_in_the_callers_data():
    """A valid file is validated as it is (no copy); values in error are set aside in a copy."""
    import copy

    from ruamel.yaml import YAML

    from drafter.collect import collect
    from conftest import EXAMPLES

    data = YAML(typ="safe").load(EXAMPLES[0].read_text(encoding="utf-8"))
    assert collect(data).report is not None
    data["measures"][0]["figures"]["trainees"] = -1
    data["duty"]["figures"]["duty_meetings"] = "四次"
    before = copy.deepcopy(data)
    found = collect(data)
    assert found.report is None and len(found.errors) == 2
    assert data == before
