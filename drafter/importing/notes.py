"""Review-notes stage: what the clerk must check about the figures and the gaps, once the
report is assembled (earlier stages note what they guessed as they go)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .state import PART_LABELS, ImportState

if TYPE_CHECKING:  # pragma: no cover
    from ..model import Report
    from .figures import StatedRate


def review_notes(state: ImportState, report: Report) -> list[StatedRate]:
    """Note stated rates, approximate and repeated figures,
    figures left in parts 2 and 4, placeholders, missing parts and 待整理 text. Returns the
    rates the text states without the numerator and denominator being imported."""
    from ..catalogue import catalogue
    from .figures import describe_value

    cat = catalogue()
    label = cat.label
    extracted_keys = {f.key for f in state.findings if f.status == "extracted"}
    stated = []
    for rate in state.rates:
        spec = cat.rates.get(rate.key) if rate.key else None
        if spec and spec.numerator in extracted_keys and spec.denominator in extracted_keys:
            continue
        stated.append(rate)
    if stated:
        state.note(
            f"原文有 {len(stated)} 处只写了比率、没写分子分母（如“{stated[0].label}{stated[0].percent}”）："
            "比率不能直接填写，原句已保留在文字中"
        )
    approx = [f for f in state.findings if f.status == "extracted" and f.approx]
    if approx:
        state.note(f"{len(approx)} 个数字原文为约数（如“{approx[0].value}{approx[0].approx}”），已按整数导入")
    duplicates = [f for f in state.findings if f.status == "duplicate"]
    if duplicates:
        state.note(
            f"{len(duplicates)} 个数字与前文同一指标重复（如“{label(duplicates[0].key)}”），只导入了第一次出现的数字"
        )
    elsewhere = [f for f in state.findings if f.status == "skipped"]
    if elsewhere:
        example = elsewhere[0]
        places = "、".join(dict.fromkeys(f.note.split("“", 1)[1].split("”", 1)[0] for f in elsewhere if "“" in f.note))
        state.note(
            f"“{places}”中提到的 {len(elsewhere)} 个数字未作为目录指标导入"
            f"（如{label(example.key)}{describe_value(example.key, example.value)}）"
        )
    if state.placeholders:
        state.note("原文缺少内容，已用“（待补写…）”占位：" + "；".join(state.placeholders))
    for kind in ("measures", "shortcomings", "duty", "plans"):
        if kind not in state.part_order:
            state.note(f"原报告没有找到“{PART_LABELS[kind]}”部分，已用“待补写”占位")
    if state.unclassified:
        state.note(f"{len(state.unclassified)} 段原文未能归类，放在第一部分末尾的“{state.raw['unclassified_title']}”专题中")
    if report.unit.kind.value == "事业单位" and any(cat.indicators[k].enforcement for k in report.figures()):
        state.note("单位推断为事业单位，却导入了执法数据：如有执法权，请填写 unit.has_enforcement_power: true")
    return stated
