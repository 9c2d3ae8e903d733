"""A draft and a check free what they made as they finish: no reference cycle is left for the
garbage collector (the recogniser's paragraphs hold their parts weakly, drafter.recognise.nodes),
whose collections would scan it in the middle of the next draft of a batch."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from conftest import EXAMPLES

from drafter.check.files import check_path
from drafter.pipeline import make_draft

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def _cycles_left(work) -> int:
    gc.collect()
    gc.disable()
    try:
        work()
        return gc.collect()
    finally:
        gc.enable()


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_a_draft_leaves_no_reference_cycle(tmp_path, example):
    make_draft(example, [("docx", tmp_path / "warm.docx")])  # first-use loading (modules, data) aside
    assert _cycles_left(lambda: make_draft(example, [("docx", tmp_path / "d.docx")])) == 0


@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared/corpus is not beside the repository")
def test_a_check_of_a_real_report_leaves_no_reference_cycle():
    seed = sorted(CORPUS.glob("*.txt"))[0]
    check_path(seed)
    assert _cycles_left(lambda: [check_path(path) for path in sorted(CORPUS.glob("*.txt"))]) == 0


def test_a_paragraph_reads_its_part_while_the_structure_holds_it():
    from drafter.recognise import recognise

    structure = recognise(["某某局2024年法治政府建设情况报告", "一、主要举措和成效", "全年办理案件59件。",
                           "二、存在的不足和原因", "人员不足。"], year=2024)
    kinds = [p.part.kind if p.part is not None else None for p in structure.paragraphs]
    assert kinds == [None, "measures", "measures", "shortcomings", "shortcomings"]
