"""`drafter new --defaults`, `--no-input`, no terminal, and what happens around the questionnaire."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import backup_of
from drafter.answers import load_answers
from drafter.questionnaire.command import NewOptions
from scripted import CTRL_C, ENTER, run_scripted

from conftest import confirmed_old_style_text

REPO = Path(__file__).resolve().parent.parent
BUREAU = REPO / "examples" / "county-urban-management-bureau.yaml"
SANITATION = REPO / "examples" / "sanitation-centre.yaml"


def _folder(tmp_path: Path, example: Path = BUREAU) -> Path:
    """Last year's answers, as a file without figure references (tests/test_live_figures.py
    covers carrying those: they are left to fill and block the draft)."""
    folder = tmp_path / "answers"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "2024.yaml").write_text(confirmed_old_style_text(example), encoding="utf-8")
    return folder


def test_defaults_accepts_every_default_without_asking(tmp_path):
    folder = _folder(tmp_path)
    result = run_scripted("", NewOptions(year=2025, folder=folder, output=tmp_path / "d.docx", defaults=True))
    assert result.code == 0, result.output
    assert result.prompts == 0
    report = load_answers(folder / "2025.yaml").report
    last_year = load_answers(BUREAU).report
    assert report.figures() == {}  # figures are never carried
    assert report.previous_figures == last_year.figures()  # but kept for next time's 同比
    assert report.plans == last_year.plans
    assert "2025年度答卷复核" in result.output  # the review table is still printed
    assert (tmp_path / "d.docx").is_file()


def test_defaults_still_asks_what_has_no_default(tmp_path):
    # Nothing to start from: the unit has no default, so --defaults asks for it (and EOF ends the run).
    result = run_scripted("", NewOptions(year=2025, folder=tmp_path / "answers", defaults=True))
    assert result.code == 130 and result.prompts == 1


def test_no_input_lists_every_missing_field(cli, tmp_path):
    result = cli("new", "--year", "2025", "--dir", tmp_path / "answers", "--no-input")
    assert result.exit_code == 2
    message = result.stderr
    assert "有 7 项必填内容没有答案" in message
    for expected in ("单位 › 单位名称：必须填写（键名：unit.name）", "单位 › 单位类型：", "（键名：unit.kind）",
                     "unit.superiors", "一、主要举措和成效：", "（键名：measures）", "shortcomings",
                     "三、第一责任人职责：", "（键名：duty）", "plans"):
        assert expected in message
    assert "Traceback" not in result.output + result.stderr
    assert not (tmp_path / "answers").exists()  # nothing written, not even a progress file


def test_without_a_terminal_it_behaves_as_no_input(cli, tmp_path, monkeypatch):
    folder = _folder(tmp_path, SANITATION)
    monkeypatch.chdir(tmp_path)
    result = cli("new", "--dir", folder, "--year", "2025")  # CliRunner's stdin is not a terminal
    assert result.exit_code == 0, result.output + result.stderr
    assert "标准输入不是终端：按 --no-input 处理" in result.output
    assert (tmp_path / "2025年度法治政府建设情况报告（草稿）.docx").is_file()
    report = load_answers(folder / "2025.yaml").report
    assert report.unit.name == "山阳区环卫服务中心"
    assert all(topic.key != "enforcement" for topic in report.measures)


def test_from_an_example_lends_wording_not_the_units_identity(cli, tmp_path, monkeypatch):
    # An example is a model: without a terminal nothing replaces its unit's name and superiors,
    # so they are listed as missing instead of being taken over; the year comes from the date.
    monkeypatch.chdir(tmp_path)
    result = cli("new", "--from", BUREAU, "--no-input", "-o", "草稿.docx")
    assert result.exit_code == 2
    assert "单位 › 单位名称：必须填写" in result.stderr and "单位 › 上级领导机关" in result.stderr
    assert "以 " in result.output and "为范本" in result.output
    assert not (tmp_path / "草稿.docx").exists()


def test_an_existing_draft_is_not_overwritten_without_force(cli, tmp_path):
    folder = _folder(tmp_path)
    draft = tmp_path / "草稿.docx"
    draft.write_bytes(b"the clerk's polished draft")
    result = cli("new", "--dir", folder, "--year", "2025", "--no-input", "-o", draft)
    assert result.exit_code == 1
    assert "已存在，未覆盖" in result.stderr and "答卷已保存到" in result.stderr
    assert draft.read_bytes() == b"the clerk's polished draft"
    assert (folder / "2025.yaml").is_file()

    again = cli("new", "--dir", folder, "--year", "2025", "--no-input", "-o", draft, "--force")
    assert again.exit_code == 0, again.stderr
    assert "答卷没有变化" in again.output
    assert backup_of(tmp_path / "草稿.docx").read_bytes() == b"the clerk's polished draft"


def test_no_input_uses_what_an_interrupted_run_saved(tmp_path):
    folder = _folder(tmp_path)
    options = NewOptions(year=2025, folder=folder, output=tmp_path / "d.docx")
    keys = [ENTER, ENTER] + [ENTER] * 4 + [ENTER, "7" + ENTER, "420" + ENTER, CTRL_C]
    assert run_scripted(keys, options).code == 130
    result = run_scripted("", NewOptions(year=2025, folder=folder, output=tmp_path / "d.docx", no_input=True))
    assert result.code == 0, result.output
    assert load_answers(folder / "2025.yaml").report.figures() == {"group_law_study": 7, "trainees": 420}
    assert not (folder / "2025.progress.yaml").exists()


def test_this_years_file_is_the_default_for_everything(tmp_path):
    folder = _folder(tmp_path)
    first = NewOptions(year=2025, folder=folder, output=tmp_path / "d.docx", no_input=True)
    keys = [ENTER, ENTER] + [ENTER] * 4 + [ENTER, "7" + ENTER, "420" + ENTER, CTRL_C]
    run_scripted(keys, NewOptions(year=2025, folder=folder))
    assert run_scripted("", first).code == 0
    (folder / "2025.yaml").write_text((folder / "2025.yaml").read_text(encoding="utf-8") + "# 我的备注\n", encoding="utf-8")

    # Running again (here with --defaults) keeps every answer, figures included, and the clerk's comment.
    again = run_scripted("", NewOptions(year=2025, folder=folder, output=tmp_path / "e.docx", defaults=True))
    assert again.code == 0, again.output
    text = (folder / "2025.yaml").read_text(encoding="utf-8")
    assert "# 我的备注" in text
    assert load_answers(folder / "2025.yaml").report.figures() == {"group_law_study": 7, "trainees": 420}


def test_a_progress_file_from_another_source_is_not_mixed_up(cli, tmp_path):
    folder = _folder(tmp_path)
    own = tmp_path / "own.yaml"  # the unit's own file, not an example (an example is a model: no unit to confirm)
    own.write_text(BUREAU.read_text(encoding="utf-8").replace("# 示例", "# 本单位"), encoding="utf-8")
    run_scripted([ENTER, CTRL_C], NewOptions(year=2025, folder=folder, source=own))
    result = cli("new", "--dir", folder, "--year", "2025", "--from", SANITATION, "--no-input")
    assert result.exit_code == 2 and "--restart" in result.stderr


def test_running_again_after_finishing_goes_straight_to_the_review(tmp_path):
    folder = _folder(tmp_path)
    assert run_scripted("", NewOptions(year=2025, folder=folder, output=tmp_path / "d.docx", no_input=True)).code == 0
    result = run_scripted([ENTER], NewOptions(year=2025, folder=folder, output=tmp_path / "d.docx", overwrite=True))
    assert result.code == 0, result.output
    assert result.prompts == 1  # only the review's "确认"
    assert "直接进入复核" in result.output and "答卷没有变化" in result.output


def test_a_draft_the_checker_rejects_is_not_written_but_the_answers_are(tmp_path):
    folder = _folder(tmp_path)
    text = (folder / "2024.yaml").read_text(encoding="utf-8")
    (folder / "2025.yaml").write_text(text.replace("year: 2024", "year: 2025").replace("penalty_cases: 59", "penalty_cases: 60")
                                      .replace("written_on: 2025-03-20", "written_on: 2026-03-20"), encoding="utf-8")
    result = run_scripted("", NewOptions(year=2025, folder=folder, output=tmp_path / "d.docx", no_input=True))
    assert isinstance(result.error, Exception) and "未生成草稿" in str(result.error)
    assert "检查：" in result.output
    assert not (tmp_path / "d.docx").exists()
    assert (folder / "2025.yaml").is_file()


def test_carried_file_header_is_replaced_but_answer_comments_stay(tmp_path):
    # Last year's file came from `drafter import`: its header lists review notes about that
    # import, which must not reappear at the top of this year's answers.
    folder = _folder(tmp_path)
    last_year = folder / "2024.yaml"
    last_year.write_text("# 导入：请核对原标题\n" + last_year.read_text(encoding="utf-8"), encoding="utf-8")
    result = run_scripted("", NewOptions(year=2025, folder=folder, output=tmp_path / "d.docx", defaults=True))
    assert result.code == 0, result.output
    text = (folder / "2025.yaml").read_text(encoding="utf-8")
    assert "导入：请核对原标题" not in text
    assert text.splitlines()[0].startswith("# yaml-language-server: $schema=")
    assert "# 单位全称（用于标题和落款）" in text  # a comment on an answer is carried


def test_a_second_run_on_the_same_answers_is_refused_while_the_first_holds_them(cli, tmp_path):
    from drafter.lock import answers_lock

    folder = _folder(tmp_path)
    before = (folder / "2024.yaml").read_bytes()
    with answers_lock(folder / "2025.yaml"):  # the first run, still asking questions
        result = cli("new", "--year", "2025", "--dir", folder, "--defaults", "-o", tmp_path / "d.docx")
    assert result.exit_code == 1
    assert "2025.yaml" in result.stderr and "Traceback" not in result.stderr
    assert not (folder / "2025.yaml").exists() and not (tmp_path / "d.docx").exists()
    assert (folder / "2024.yaml").read_bytes() == before
    # once the first run has finished, the same command goes through
    result = cli("new", "--year", "2025", "--dir", folder, "--defaults", "-o", tmp_path / "d.docx")
    assert result.exit_code == 0, result.stderr
