"""The draft pipeline (drafter.pipeline.make_draft): written once, used by every command that
writes a draft, and the CLI around it thin, with one place that turns an error into an exit."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import EXAMPLES, backup_of
from drafts import draft_text

from drafter.errors import CheckFailed, DraftNotReplaced, OutputExists
from drafter.pipeline import make_draft

PACKAGE = Path(__file__).resolve().parents[1] / "drafter"
SENTENCE = "参与上级部门拟定法规和裁量标准提出修改意见【law_drafting_comments】次。"


def _flawed(tmp_path: Path) -> Path:
    """An example whose text states a rate above 100%: a check error, not an answers error."""
    text = EXAMPLES[0].read_text(encoding="utf-8")
    assert SENTENCE in text
    path = tmp_path / "flawed.yaml"
    path.write_text(text.replace(SENTENCE, "参与上级部门拟定法规和裁量标准提出修改意见【law_drafting_comments】次，完成率120%。"), encoding="utf-8")
    return path


def _docx_text(path: Path) -> str:
    return draft_text(path)


def test_one_composed_text_goes_to_every_format(tmp_path):
    draft = make_draft(EXAMPLES[0], [("docx", tmp_path / "d.docx"), ("md", tmp_path / "d.md")])
    assert [(w.fmt, w.path, w.backup) for w in draft.written] == [
        ("docx", tmp_path / "d.docx", None), ("md", tmp_path / "d.md", None)]
    markdown = (tmp_path / "d.md").read_text(encoding="utf-8")
    assert markdown.startswith(f"# {draft.composed.title}")
    assert draft.composed.parts[0].heading in _docx_text(tmp_path / "d.docx")
    assert draft.composed.parts[0].heading in markdown


def test_check_errors_refuse_before_anything_is_written_unless_forced(tmp_path):
    flawed = _flawed(tmp_path)
    heard: list[tuple[str, str]] = []
    with pytest.raises(CheckFailed) as refused:
        make_draft(flawed, [("docx", tmp_path / "d.docx")], tell=lambda kind, text: heard.append((kind, text)))
    assert refused.value.errors >= 1 and refused.value.exit_code == 1
    assert any(kind == "error" and "120%" in text for kind, text in heard)
    assert not (tmp_path / "d.docx").exists()

    forced = make_draft(flawed, [("docx", tmp_path / "d.docx")], ignore_check=True)
    assert forced.check.errors >= 1 and (tmp_path / "d.docx").is_file()


def test_an_existing_file_is_kept_unless_forced_and_then_backed_up(tmp_path):
    out = tmp_path / "d.docx"
    out.write_bytes(b"the clerk's edited draft")
    with pytest.raises(OutputExists) as refused:
        make_draft(EXAMPLES[0], [("docx", out)])
    assert refused.value.path == out and out.read_bytes() == b"the clerk's edited draft"
    draft = make_draft(EXAMPLES[0], [("docx", out)], overwrite=True)
    assert draft.written[0].backup == backup_of(tmp_path / "d.docx")
    assert backup_of(tmp_path / "d.docx").read_bytes() == b"the clerk's edited draft"


def test_replace_is_asked_before_rendering_and_can_refuse_or_allow(tmp_path):
    from drafter.answers import load_answers

    report = load_answers(EXAMPLES[0]).report
    out = tmp_path / "d.docx"
    out.write_bytes(b"old")
    asked: list[Path] = []

    def keep(path: Path) -> None:
        asked.append(path)
        raise DraftNotReplaced(path, tmp_path / "2024.yaml")

    with pytest.raises(DraftNotReplaced):
        make_draft(report, [("docx", out)], replace=keep, answers_dir=EXAMPLES[0].parent)
    assert asked == [out] and out.read_bytes() == b"old"
    draft = make_draft(report, [("docx", out)], replace=asked.append, answers_dir=EXAMPLES[0].parent)
    assert asked == [out, out] and draft.written[0].backup.read_bytes() == b"old"
    assert _docx_text(out)


def test_the_answers_files_warnings_come_first_then_the_findings(tmp_path):
    import re

    flawed = _flawed(tmp_path)
    text, removed = re.subn(r"(?m)^\s*written_on:.*\n", "", flawed.read_text(encoding="utf-8"))
    assert removed == 1
    flawed.write_text(text, encoding="utf-8")
    heard: list[tuple[str, str]] = []
    draft = make_draft(flawed, [("md", tmp_path / "d.md")], ignore_check=True, tell=lambda kind, text: heard.append((kind, text)))
    assert any("成文日期" in warning for warning in draft.warnings)  # from reading the answers file
    first_error = next(i for i, (kind, _) in enumerate(heard) if kind == "error")
    assert heard[0] == ("warning", draft.warnings[0]) and "120%" in heard[first_error][1]


def _calls(path: Path) -> set[str]:
    """The names a module calls, lazy imports included."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
            for node in ast.walk(tree) if isinstance(node, ast.Call)}


def test_only_the_pipeline_spells_out_the_steps():
    steps = {"check_before_writing", "render_report", "write_docx"}
    spelled = {path.relative_to(PACKAGE).as_posix() for path in PACKAGE.rglob("*.py") if _calls(path) & steps}
    assert spelled == {"pipeline.py"}
    users = {path.relative_to(PACKAGE).as_posix() for path in PACKAGE.rglob("*.py") if "make_draft" in _calls(path)}
    assert users == {"draft_commands.py", "batch.py", "questionnaire/command.py"}  # render, render many, new, export


def test_the_cli_exits_in_one_place_only():
    source = (PACKAGE / "cli.py").read_text(encoding="utf-8")
    assert "sys.exit(" not in source and source.count("ctx.exit(") == 1
    assert "click.echo(" not in source and "click.secho(" not in source  # lines go through drafter.echo


def test_a_command_returns_its_exit_code_through_the_group(cli, tmp_path):
    # `drafter check` returns 1 for a report with an error: the group exits with it.
    flawed = _flawed(tmp_path)
    assert cli("check", flawed).exit_code == 1
    assert cli("check", EXAMPLES[0]).exit_code == 0
