"""`drafter import` on drafter's own output: render (or compose) each example, import it, and get
the same answers back on every field the importer claims to recognise.

Claimed, and compared here field by field: year; unit.name, unit.kind, unit.superiors,
unit.recipient, unit.signatory, unit.written_on; opening_focus; layout.part_order,
layout.items_as; every topic's key, title, items (title and text) and figures; the duty items
and figures; shortcomings (problem, cause); plans (title, text); other.
Not claimed: layout.template and layout.fonts (a document does not say which template made it),
unit.has_enforcement_power (not written in the report), previous_figures beyond what the 同比
phrases determine (the phrase is reproduced, the exact figure may not be), and the paragraph
breaks inside one item (a multi-paragraph item comes back as several items).
"""

from __future__ import annotations

import pytest

from conftest import EXAMPLES

NOT_CLAIMED = {"layout": {"template", "fonts"}, "unit": {"has_enforcement_power"}, "custom_figures": True, "fixed_numbers": True}


def _claimed(report) -> dict:
    """The claimed fields, texts as the reader sees them (references 【key】 replaced by their
    values: the document does not say which numbers were references, nor their keys)."""
    from drafter.document import resolved

    return resolved(report).model_dump(mode="json", exclude=NOT_CLAIMED)


def _write_source(report, kind: str, path):
    from drafter.document import compose
    from drafter.render import render_report

    if kind == "txt":
        path.write_text("\n".join(compose(report).paragraphs()), encoding="utf-8")
    else:
        path.write_bytes(render_report(report))
    return path


@pytest.mark.parametrize("kind", ["docx", "txt"])
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_render_then_import_gives_back_the_answers(example, kind, tmp_path):
    from drafter.answers import load_report
    from drafter.importing import import_report

    original = load_report(example)
    source = _write_source(original, kind, tmp_path / f"draft.{kind}")
    result = import_report(source)

    assert _claimed(result.report) == _claimed(original)
    assert result.kept_ratio == 1.0 and result.lost == []
    assert result.unclassified == []
    # drafter's own figure sentences came back as figures, not as text
    for topic in result.report.measures:
        for item in topic.items:
            assert "全年办理行政处罚案件" not in item.text


@pytest.mark.parametrize("kind", ["docx", "txt"])
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_a_draft_with_its_date_left_blank_imports_whole(example, kind, tmp_path):
    """A draft rendered before the date of writing was known ends "特此报告。 / unit / 2025年　月　日":
    the closing, signature and blank date are read as such, not as the last plan's text."""
    from drafter.answers import load_report
    from drafter.importing import import_report

    original = load_report(example)
    original = original.model_copy(update={"unit": original.unit.model_copy(update={"written_on": None})})
    source = _write_source(original, kind, tmp_path / f"draft.{kind}")
    result = import_report(source)

    assert result.structure.date is not None and result.structure.date_value is None
    assert result.structure.signature is not None
    assert _claimed(result.report) == _claimed(original)
    assert result.lost == []
    assert any("留空待填" in line for line in result.review)


def test_figure_sentences_with_year_on_year_phrases_are_read_back(example_text, tmp_path):
    """A 同比 phrase ("，同比增长15.7%") comes back as a last-year figure that says the same."""
    from drafter.answers import load_report
    from drafter.document import compose
    from drafter.importing import import_report

    text = example_text("county-urban-management-bureau").replace(
        "shortcomings:", "previous_figures: {penalty_cases: 51, hotline_tickets: 400, trainees: 400}\nshortcomings:", 1
    )
    answers = tmp_path / "2024.yaml"
    answers.write_text(text, encoding="utf-8")
    original = load_report(answers)
    source = _write_source(original, "docx", tmp_path / "draft.docx")
    result = import_report(source)

    assert result.report.previous_figures == {"penalty_cases": 51, "hotline_tickets": 400, "trainees": 400}
    assert compose(result.report).paragraphs() == compose(original).paragraphs()


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_imported_file_validates_renders_and_seeds_next_year(cli, example, tmp_path):
    from drafter.answers import load_answers, load_report

    original = load_report(example)
    source = _write_source(original, "docx", tmp_path / "last-year.docx")
    answers = tmp_path / "answers" / f"{original.year}.yaml"

    result = cli("import", source, "-o", answers)
    assert result.exit_code == 0, result.output
    loaded = load_answers(answers)
    assert _claimed(loaded.report) == _claimed(original)
    assert answers.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=")

    rendered = cli("render", answers, "-o", tmp_path / "again.docx")
    assert rendered.exit_code == 0, rendered.output
    assert (tmp_path / "again.docx").is_file()


def test_imported_file_works_as_from_for_drafter_new(cli, tmp_path):
    from drafter.answers import load_report

    source = tmp_path / "2024.docx"
    _write_source(load_report(EXAMPLES[0]), "docx", source)
    imported = tmp_path / "import" / "2024.yaml"
    assert cli("import", source, "-o", imported).exit_code == 0

    folder = tmp_path / "answers"
    result = cli("new", "--from", imported, "--year", "2025", "--dir", folder, "--no-input",
                 "-o", tmp_path / "2025.docx")
    assert result.exit_code == 0, result.output
    from drafter.answers import load_answers

    next_year = load_answers(folder / "2025.yaml", require_values=False).report  # its figures are left to fill
    assert next_year.year == 2025
    assert next_year.unit.name == load_report(imported).unit.name
