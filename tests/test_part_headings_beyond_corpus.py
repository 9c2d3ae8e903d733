"""Part headings published reports use beyond the corpus, numbered or with their number lost:
part 1 as "…法治政府建设主要工作及成效", "主要工作与成效", "…法治政府部门建设总体情况"; the duty part
led by "区政府主要负责同志". Each is its part for the check and the import. Our own sentences."""

from __future__ import annotations

import pytest

from drafter.reading.cleanup import clean_text
from drafter.recognise import recognise

MEASURES = ["2024年度法治政府建设主要工作及成效", "主要工作与成效", "2024年度法治政府部门建设总体情况"]
DUTY = "区政府主要负责同志履行推进法治建设第一责任人职责情况"


def _report(measures: str, duty: str, numbered: bool) -> str:
    n = (lambda i: f"{'一二三四'[i]}、") if numbered else (lambda i: "")
    return (
        "某某区2024年度法治政府建设情况报告\n2024年，全区坚持依法行政。现报告如下：\n"
        f"{n(0)}{duty}\n主要负责同志主持召开专题会议3次。\n"
        f"{n(1)}{measures}\n全年办理行政处罚案件40件，组织学法6次。\n"
        f"{n(2)}2024年推进法治政府建设存在的不足和原因\n执法力量不足，主要原因是编制紧张。\n"
        f"{n(3)}2025年推进法治政府建设的主要安排\n加强执法培训。\n"
    )


@pytest.mark.parametrize("numbered", [True, False], ids=["numbered", "number lost"])
@pytest.mark.parametrize("measures", MEASURES)
def test_the_heading_is_its_part(measures, numbered):
    structure = recognise(clean_text(_report(measures, DUTY, numbered)).paragraphs)
    assert [p.kinds for p in structure.parts] == [("duty",), ("measures",), ("shortcomings",), ("plans",)]


@pytest.mark.parametrize("measures", MEASURES)
def test_the_check_and_the_import_find_all_four_parts(tmp_path, measures):
    from drafter.check import check_path
    from drafter.importing import import_report

    path = tmp_path / "r.txt"
    path.write_text(_report(measures, DUTY, numbered=False), encoding="utf-8")
    result = check_path(path)
    assert sorted(result.parts) == ["duty", "measures", "plans", "shortcomings"]
    assert not [f for f in result.findings if f.rule == "parts.missing"]
    assert sorted(import_report(path).parts_found) == ["duty", "measures", "plans", "shortcomings"]
