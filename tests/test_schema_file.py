"""Answers files point their editors at a schema beside them, never into site-packages."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from conftest import REPO, backup_of

SANITATION = REPO / "examples" / "sanitation-centre.yaml"
MODELINE = re.compile(r"# yaml-language-server: \$schema=(\S+)\n")


def _schema_of(answers: Path) -> Path:
    """The file the first line of `answers` points at, resolved as an editor does."""
    match = MODELINE.match(answers.read_text(encoding="utf-8"))
    assert match, answers.read_text(encoding="utf-8")[:200]
    location = match.group(1)
    assert not Path(location).is_absolute() and ".." not in location and "site-packages" not in location
    return answers.parent / location


def _last_year(folder: Path) -> None:
    """The unit's own 2024 answers in the folder (an example given with --from is only a model)."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SANITATION, folder / "2024.yaml")


def _expected(cli) -> dict:
    return json.loads(cli("schema").stdout)


def test_drafter_new_writes_the_schema_beside_the_answers(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "答卷 文件夹"
    _last_year(folder)
    result = cli("new", "--year", "2025", "--dir", folder, "--no-input", "-o", tmp_path / "d.docx")
    assert result.exit_code == 0, result.output + result.stderr
    schema = _schema_of(folder / "2025.yaml")
    assert schema.is_file()
    assert json.loads(schema.read_text(encoding="utf-8")) == _expected(cli)


def test_drafter_import_writes_the_schema_beside_the_answers(cli, tmp_path):
    assert cli("render", SANITATION, "-o", tmp_path / "去年.docx").exit_code == 0
    answers = tmp_path / "answers" / "2024.yaml"
    result = cli("import", tmp_path / "去年.docx", "-o", answers)
    assert result.exit_code == 0, result.output + result.stderr
    schema = _schema_of(answers)
    assert schema.is_file()
    assert json.loads(schema.read_text(encoding="utf-8")) == _expected(cli)


def test_an_old_modeline_into_site_packages_is_repaired_on_rewrite(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "answers"
    folder.mkdir()
    old = "# yaml-language-server: $schema=../../venv1/lib/python3.11/site-packages/drafter/templates/answers.schema.json\n"
    body = SANITATION.read_text(encoding="utf-8").split("\n", 1)[1]
    (folder / "2024.yaml").write_text(old + body, encoding="utf-8")
    result = cli("new", "--year", "2024", "--dir", folder, "--no-input", "-o", tmp_path / "d.docx")
    assert result.exit_code == 0, result.output + result.stderr
    text = (folder / "2024.yaml").read_text(encoding="utf-8")
    assert "site-packages" not in text
    assert _schema_of(folder / "2024.yaml").is_file()
    assert "# 没有执法数据：不填的数字" in text  # the file's own header stays, below the new modeline
    assert "# 事业单位默认视为无行政执法权" in text


def test_an_older_drafter_schema_is_updated_a_foreign_one_left_alone(tmp_path):
    from drafter.schema import bundled_schema, schema_beside

    older = tmp_path / "a" / "answers.schema.json"
    older.parent.mkdir()
    older.write_text(json.dumps({"title": "drafter 答卷文件（旧版）", "properties": {}}), encoding="utf-8")
    schema_beside(older.parent / "2025.yaml")
    assert older.read_bytes() == bundled_schema()

    foreign = tmp_path / "b" / "answers.schema.json"
    foreign.parent.mkdir()
    foreign.write_text('{"title": "本单位自己的 schema"}', encoding="utf-8")
    schema_beside(foreign.parent / "2025.yaml")
    assert foreign.read_text(encoding="utf-8") == '{"title": "本单位自己的 schema"}'


def test_schema_command_writes_a_file_and_never_overwrites_another_without_force(cli, tmp_path):
    target = tmp_path / "我的 schema.json"
    result = cli("schema", "-o", target)
    assert result.exit_code == 0 and "已写入" in result.stdout
    assert json.loads(target.read_text(encoding="utf-8")) == _expected(cli)

    other = tmp_path / "notes.json"
    other.write_text('{"mine": true}', encoding="utf-8")
    refused = cli("schema", "-o", other)
    assert refused.exit_code == 1 and "已存在" in refused.stderr and "--overwrite" in refused.stderr
    assert other.read_text(encoding="utf-8") == '{"mine": true}'
    forced = cli("schema", "-o", other, "--force")
    assert forced.exit_code == 0
    assert json.loads(backup_of(tmp_path / "notes.json").read_text(encoding="utf-8")) == {"mine": True}
    assert json.loads(other.read_text(encoding="utf-8")) == _expected(cli)

    older = tmp_path / "answers.schema.json"  # e.g. regenerating templates/answers.schema.json
    older.write_text(json.dumps({"title": "drafter 答卷文件（旧版）"}), encoding="utf-8")
    assert cli("schema", "-o", older).exit_code == 0
    assert json.loads(older.read_text(encoding="utf-8")) == _expected(cli)
    assert not (tmp_path / "answers.schema.bak.json").exists()


def test_examples_modeline_resolves_in_a_checkout():
    for example in sorted((REPO / "examples").glob("*.yaml")):
        assert _schema_of_checkout(example).is_file(), example


def _schema_of_checkout(answers: Path) -> Path:
    location = MODELINE.match(answers.read_text(encoding="utf-8")).group(1)
    return (answers.parent / location).resolve()


def test_copy_of_answers_folder_keeps_working(cli, tmp_path, monkeypatch):
    """A relative modeline survives moving the folder to another computer (the point of it)."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "answers"
    _last_year(folder)
    assert cli("new", "--year", "2025", "--dir", folder, "--no-input",
               "-o", tmp_path / "d.docx").exit_code == 0
    moved = shutil.copytree(folder, tmp_path / "U盘" / "answers")
    assert _schema_of(moved / "2025.yaml").is_file()
