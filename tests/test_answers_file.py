"""The answers file: comments kept on rewrite, atomic writes, JSON Schema for editors."""

from __future__ import annotations

import json
import re

from conftest import EXAMPLES, REPO

from drafter.answers import load_answers, report_data, save_answers


def test_rewrite_keeps_comments_and_changes_only_what_changed(tmp_path):
    source = REPO / "examples" / "county-urban-management-bureau.yaml"
    loaded = load_answers(source)
    report = loaded.report.model_copy(deep=True)
    report.measures[1].figures["penalty_cases"] = 61
    report.measures[1].figures["penalty_simple"] = 34
    target = tmp_path / "2024.yaml"
    save_answers(target, report_data(report, base=loaded.data))
    text = target.read_text(encoding="utf-8")
    assert "penalty_cases: 61           # 行政处罚案件（件）" in text
    assert "# yaml-language-server: $schema=" in text.splitlines()[0]
    assert "# 单位全称（用于标题和落款）" in text
    again = load_answers(target).report
    assert again.measures[1].figures["penalty_cases"] == 61
    assert again.model_dump() == report.model_dump()


def test_save_leaves_no_temp_files(tmp_path):
    loaded = load_answers(REPO / "examples" / "town-government.yaml")
    save_answers(tmp_path / "a.yaml", loaded.data)
    assert [p.name for p in tmp_path.iterdir()] == ["a.yaml"]


def test_schema_command_prints_json_schema(cli):
    result = cli("schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["properties"]["year"]["title"] == "报告年度"
    topic_figures = schema["$defs"]["Topic"]["properties"]["figures"]
    assert topic_figures["properties"]["penalty_cases"]["title"] == "行政处罚案件（件）"
    assert topic_figures["additionalProperties"] is False


def test_committed_schema_matches_the_model(cli):
    committed = json.loads((REPO / "templates" / "answers.schema.json").read_text(encoding="utf-8"))
    assert committed == json.loads(cli("schema").stdout), "run: drafter schema -o templates/answers.schema.json"


def test_examples_start_with_schema_modeline():
    for example in EXAMPLES:
        first = example.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../templates/answers.schema.json", example


def test_rewrite_keeps_plain_points_and_real_dates(tmp_path):
    loaded = load_answers(REPO / "examples" / "sanitation-centre.yaml")
    target = tmp_path / "a.yaml"
    save_answers(target, report_data(loaded.report))
    text = target.read_text(encoding="utf-8")
    assert "  - 中心主要负责人把法治建设列入全年工作要点" in text  # not "- text: …"
    assert "written_on: 2025-02-20\n" in text  # a YAML date, not a quoted string
    assert load_answers(target).report == loaded.report


def test_blank_optional_answer_means_not_given(tmp_path, example_text):
    answers = tmp_path / "a.yaml"
    answers.write_text(example_text("town-government").replace("  recipient: 区委全面依法治区委员会办公室", "  recipient:"), encoding="utf-8")
    assert load_answers(answers).report.unit.recipient is None


def test_the_quick_test_for_clean_text_misses_no_character_the_notes_tell_about():
    """Clean answers skip the cleaning notes on a quick test: it must catch every character
    that describe_cleaning reports, for a one-line field or not."""
    from drafter.text import describe_cleaning, nothing_to_describe

    for code in range(0x10000):
        text = f"甲{chr(code)}乙"
        if nothing_to_describe(text):
            assert not describe_cleaning(text) and not describe_cleaning(text, one_line=True), hex(code)
    assert not nothing_to_describe("第一行\n第二行")  # a one-line field joins it


def test_the_characters_yaml_refuses_are_exactly_those_outside_its_printable_set():
    from drafter.answers import _YAML_FORBIDDEN

    printable = re.compile("[\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
    for code in range(0x110000):
        assert bool(_YAML_FORBIDDEN.match(chr(code))) != bool(printable.match(chr(code))), hex(code)


def test_a_warning_and_a_note_are_told_with_their_lines_without_the_round_trip_parse(tmp_path):
    """The usual file with a warning (no date of writing) or a cleaned text is read once, by the
    C loader; the lines come from its nodes: `unit:` is line 5 of the example, the first point
    of the first topic line 31, 30 once the date's line 10 is gone."""
    lines = (REPO / "examples" / "county-urban-management-bureau.yaml").read_text(encoding="utf-8").split("\n")
    assert lines[4] == "unit:" and lines[30].startswith("      - 建立年度学法考法制度")
    lines[30] = lines[30][:12] + "\u200b" + lines[30][12:]
    path = tmp_path / "答卷.yaml"
    path.write_text("\n".join(line for line in lines if "written_on" not in line), encoding="utf-8")
    loaded = load_answers(path)
    assert loaded.warnings == ["第 5 行 单位 › 成文日期：未填写成文日期，草稿中将留空待填（键名：unit.written_on）"]
    assert len(loaded.notes) == 1 and loaded.notes[0].startswith("第 30 行 一、主要举措和成效 › 第1项 › 举措和成效 › 第1项：已删除 1 个零宽字符")
    assert loaded.located._data is None  # no round-trip parse
    assert loaded.data["unit"].lc.key("name") == (5, 2)  # a caller that rewrites the file still gets it
