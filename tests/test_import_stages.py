"""The import's stages work on their own over one ImportState: segment (a part's paragraphs →
blocks), place (blocks → topics and items), harvest (placed text → figures with their source
sentences). These are the seams later work on figures and messy copies builds on."""

from __future__ import annotations

from pathlib import Path

LINES = [
    "某局关于2024年度法治政府建设情况的报告",
    "现将2024年度法治政府建设情况报告如下：",
    "一、2024年度推进法治政府建设的主要举措和成效",
    "规范行政执法",  # a sub-heading that lost its number: short, no punctuation
    "全年共办理行政处罚案件59件，其中一般程序案件27件。全年办理行政处罚案件60件，其中一般程序案件28件。",
    "二、2024年度推进法治政府建设存在的不足和原因",
    "执法人员不足，原因是编制紧张。",
    "三、2024年度党政主要负责人履行推进法治建设第一责任人职责情况",
    "主要负责人带头学法用法。",
    "四、2025年度推进法治政府建设的主要安排",
    "继续加强执法队伍建设。",
]


def _state():
    from drafter.importing.figures import import_patterns
    from drafter.importing.state import ImportState
    from drafter.importing.text import LeadRules
    from drafter.recognise import recognise

    patterns = import_patterns()
    structure = recognise(LINES)
    return ImportState(Path("报告.txt"), structure, patterns, LeadRules(**patterns.raw["lead_sentence"]))


def test_segment_finds_a_heading_that_lost_its_number():
    from drafter.importing.segment import part_blocks

    state = _state()
    blocks = part_blocks(state.structure.parts[0])
    assert [b.heading.text if b.heading else None for b in blocks] == ["规范行政执法", None]
    assert blocks[1].text == LINES[4]


def test_place_then_harvest_keeps_hand_written_sentences_and_drops_drafters_own():
    from drafter.importing.harvest import harvest
    from drafter.importing.place import place

    state = _state()
    place(state)
    assert [t.title for t in state.topics] == ["规范行政执法"]
    assert state.part_order == ["measures", "shortcomings", "duty", "plans"]
    found = harvest(state)
    taken = {f.key: f for f in found if f.status == "extracted"}
    # drafter's own sentence is read first and wins; the clerk's sentence with other numbers
    # is a duplicate, kept in the text; drafter's sentence leaves the text (rendering writes it)
    assert taken["penalty_cases"].value == 60
    assert taken["penalty_cases"].sentence == "全年办理行政处罚案件60件，其中一般程序案件28件。"
    assert taken["penalty_cases"].origin == "wording"
    assert {f.status for f in found if f.value in (59, 27)} == {"duplicate"}
    assert state.topics[0].figures == {"penalty_cases": 60, "penalty_general": 28}
    (item,) = state.topics[0].items
    assert item.text == "全年共办理行政处罚案件59件，其中一般程序案件27件。"
    assert state.dropped == [(("measures", 0), "全年办理行政处罚案件60件，其中一般程序案件28件。")]


def test_output_and_builder_do_not_import_each_other():
    import ast

    package = Path(__file__).resolve().parents[1] / "drafter" / "importing"

    def imported(name: str) -> set[str]:
        tree = ast.parse((package / f"{name}.py").read_text(encoding="utf-8"))
        return {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}

    assert "builder" not in imported("output")
    assert "output" not in imported("builder")
