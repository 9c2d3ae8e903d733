"""Import and check hold on real copies: every damage of tests/damage.py on every corpus report
gives the same parts, the same year and ≥ 95 % of the figures as the clean text, never a
待整理 topic in a draft, never English."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from damage import TRANSFORMS, corpus_reports, report_year

REPORTS = corpus_reports()
pytestmark = pytest.mark.skipif(not REPORTS, reason="../shared/corpus is not beside the clone")

# Two English words in a row, or what pydantic and Python say when they fail.
ENGLISH = re.compile(r"[A-Za-z]{3,}\s+[A-Za-z]{3,}|validation error|Traceback|For further information")


def _import(tmp_path: Path, name: str, text: str):
    from drafter.importing import import_report

    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    return import_report(source)


def _figures(result) -> set[tuple[str, object]]:
    return {(f.key, f.value) for f in result.extracted}


_clean: dict[str, object] = {}


def _clean_import(tmp_path_factory, path: Path):
    if path.name not in _clean:
        _clean[path.name] = _import(tmp_path_factory.mktemp("clean"), path.name, path.read_text(encoding="utf-8"))
    return _clean[path.name]


def _summary(result, capsys) -> str:
    from drafter.importing.output import print_summary

    print_summary(result, Path("answers/2024.yaml"))
    captured = capsys.readouterr()
    return captured.out + captured.err


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.stem)
def test_the_clean_reports_import_without_unsorted_text(tmp_path_factory, path):
    result = _clean_import(tmp_path_factory, path)
    assert result.report.year == report_year(path)
    assert result.unclassified == [], [u.text[:30] for u in result.unclassified]


@pytest.mark.parametrize("name", list(TRANSFORMS))
@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.stem)
def test_damaged_copies_import_like_the_clean_text(tmp_path_factory, tmp_path, capsys, path, name):
    clean = _clean_import(tmp_path_factory, path)
    damaged_text = TRANSFORMS[name](path.read_text(encoding="utf-8"), report_year(path))
    result = _import(tmp_path, path.name, damaged_text)
    assert result.report.year == clean.report.year
    assert result.parts_found == clean.parts_found
    expected = _figures(clean)
    kept = expected & _figures(result)
    assert len(kept) >= 0.95 * len(expected), sorted(expected - kept)
    assert result.unclassified == [], [u.text[:30] for u in result.unclassified]
    printed = _summary(result, capsys) + "\n".join(result.review)
    assert not ENGLISH.search(printed), ENGLISH.search(printed)


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.stem)
def test_check_reads_damaged_copies_like_the_clean_text(tmp_path, path):
    from drafter.check import check_path

    text = path.read_text(encoding="utf-8")
    year = report_year(path)
    clean = tmp_path / "clean.txt"
    clean.write_text(text, encoding="utf-8")
    expected = check_path(clean)
    for name, transform in TRANSFORMS.items():
        damaged = tmp_path / f"{name.replace(':', '-')}.txt"
        damaged.write_text(transform(text, year), encoding="utf-8")
        result = check_path(damaged)
        assert result.year == expected.year, name
        assert sorted(result.parts) == sorted(expected.parts), name
        missing = [f for f in result.findings if f.rule == "parts.missing"]
        assert missing == [], (name, [f.message for f in missing])


def test_a_value_the_model_refuses_is_kept_as_text_with_a_chinese_note(tmp_path):
    """Never an invalid answers file and never pydantic's English: an element the model
    refuses leaves the answers, its text stays as the part's closing paragraph."""
    from drafter.importing.assemble import validate
    from drafter.importing.figures import import_patterns
    from drafter.importing.state import ImportState
    from drafter.importing.text import LeadRules
    from drafter.recognise import recognise

    patterns = import_patterns()
    state = ImportState(tmp_path / "r.txt", recognise(["一、主要举措和成效", "做了工作。"]), patterns,
                        LeadRules(**patterns.raw["lead_sentence"]))
    data = {
        "year": 2024,
        "unit": {"name": "某局", "kind": "政府部门", "superiors": "县委、县政府"},
        "measures": [{"key": "custom", "title": "依法行政", "items": ["做了工作。"]}],
        "shortcomings": [{"problem": "学习不够", "cause": "时间少。"}],
        "duty": {"items": ["主要负责人带头学法。"]},
        "plans": [{"title": "加强学习", "text": "组织培训。"}, {"title": "", "text": "完善制度建设。"}],
    }
    report = validate(state, data)
    assert [p.title for p in report.plans] == ["加强学习"]
    assert report.part_texts["plans"].after == "完善制度建设。"
    (note,) = [line for line in state.review if "未能按格式导入" in line]
    assert "四、下一年度主要安排 › 第2项" in note and not ENGLISH.search(note)


def test_render_refuses_unsorted_text_even_with_force(cli, tmp_path, example_text):
    """A 待整理 topic is never printed: render says in Chinese what to sort, writes nothing."""
    text = example_text("town-government").replace(
        "measures:\n", "measures:\n  - key: custom\n    title: 待整理\n    items: [原文中未能归类的一段。]\n", 1
    )
    answers = tmp_path / "2024.yaml"
    answers.write_text(text, encoding="utf-8")
    out = tmp_path / "草稿.docx"
    result = cli("render", answers, "-o", out, "--force")
    assert result.exit_code == 1
    printed = result.output
    assert "待整理" in printed and "原文中未能归类的一段" in printed and "移到所属的部分或专题" in printed
    assert not ENGLISH.search(printed) and not out.exists()
