"""Assemble stage: the placed text, harvested figures and metadata → answers data, validated
into a Report; a figure the consistency rules refuse is taken out and named for review."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..catalogue import catalogue
from ..errors import UserError
from .state import PART_LABELS, ImportState, ItemDraft

if TYPE_CHECKING:  # pragma: no cover
    from ..model import Report


def assemble(state: ImportState, meta: dict[str, Any]) -> dict[str, Any]:
    """The answers data of everything placed and harvested so far (a placeholder for each
    mandatory part the source lacks), ready for validation."""
    from ..model import MANDATORY_PARTS, REGULATION_ORDER

    missing = state.raw["missing"]
    topics = state.topics
    for topic in topics:
        if not topic.items and not topic.figures:
            topic.items.append(ItemDraft(None, missing["topic_text"]))
            state.placeholders.append(f"专题“{topic.title}”没有正文")
    measures = [
        {
            "key": t.key,
            **({"title": t.title} if t.title else {}),
            "items": [_item(i) for i in t.items],
            **({"figures": _ordered(t.figures)} if t.figures else {}),
        }
        for t in topics
    ]
    if state.unclassified:
        measures.append(
            {"key": "custom", "title": state.raw["unclassified_title"], "items": [i.text for i in state.unclassified]}
        )
    order = [k for k in state.part_order if k in ("measures", "shortcomings", "duty", "plans", "other")]
    for key in MANDATORY_PARTS:
        if key.value not in order:
            position = REGULATION_ORDER.index(key)
            before = [k.value for k in REGULATION_ORDER[:position]]
            index = max((order.index(k) + 1 for k in before if k in order), default=0)
            order.insert(index, key.value)
    if "other" in order and not state.other:
        order.remove("other")
    if "other" in order:
        order.remove("other")
        order.append("other")
    data: dict[str, Any] = {"year": state.year, **meta, "layout": {"part_order": order}}
    if state.run_votes["run"] > state.run_votes["paragraphs"]:
        data["layout"]["items_as"] = "run"
    if not measures:
        measures = [{"key": "custom", "title": "待补写", "items": [missing["part"].format(label=PART_LABELS["measures"])]}]
    data["measures"] = measures
    data["shortcomings"] = [{"problem": p, "cause": c} for p, c in state.shortcomings] or [
        {"problem": "待补写", "cause": missing["part"].format(label=PART_LABELS["shortcomings"])}
    ]
    duty_items = [_item(i) for i in state.duty]
    if not duty_items and not state.duty_figures:
        duty_items = [missing["part"].format(label=PART_LABELS["duty"])]
    data["duty"] = {"items": duty_items, **({"figures": _ordered(state.duty_figures)} if state.duty_figures else {})}
    data["plans"] = [{"title": t, "text": x} for t, x in state.plans] or [
        {"title": "待补写", "text": missing["part"].format(label=PART_LABELS["plans"])}
    ]
    if state.other:
        data["other"] = [_item(i) for i in state.other]
    if state.part_texts:
        data["part_texts"] = {k: dict(v) for k, v in state.part_texts.items()}
    if state.previous:
        data["previous_figures"] = _ordered(state.previous)
    return data


def validate(state: ImportState, data: dict[str, Any]) -> Report:
    """Validate; a figure the rules refuse (parts above their total…) is taken out and named."""
    from pydantic import ValidationError

    from ..model import Report
    from ..check.consistency import check_report

    for _ in range(20):
        try:
            report = Report.model_validate(data)
        except ValidationError as error:  # pragma: no cover - a bug in the importer
            raise UserError(f"导入 {state.path.name} 时生成的答卷未通过校验：{error}") from None
        errors = [p for p in check_report(report) if p.severity == "error"]
        figure_errors = [p for p in errors if len(p.loc) >= 2 and "figures" in p.loc]
        if figure_errors:
            loc = figure_errors[0].loc
            node = data
            for part in loc[:-1]:
                node = node[part]
            key = loc[-1]
            node.pop(key, None)
            if loc[0] == "measures" and loc[1] < len(state.topics):
                state.topics[loc[1]].figures.pop(key, None)
            elif loc[0] == "duty":
                state.duty_figures.pop(key, None)
            if not node:
                container = data
                for part in loc[:-2]:
                    container = container[part]
                container.pop("figures", None)
            for finding in state.findings:
                if finding.key == key and finding.status == "extracted":
                    finding.status = "dropped"
                    finding.note = figure_errors[0].message
            state.note(f"数据“{catalogue().label(key)}”与其他数据矛盾，未导入：{figure_errors[0].message}")
            continue
        if errors:  # pragma: no cover - the assembly always fills the mandatory parts
            raise UserError(f"导入 {state.path.name} 时生成的答卷未通过校验：{errors[0].message}")
        return report
    raise UserError(f"导入 {state.path.name} 失败：数据矛盾过多")  # pragma: no cover


def _item(item: ItemDraft) -> Any:
    return {"title": item.title, "text": item.text} if item.title else item.text


def _ordered(figures: dict[str, Any]) -> dict[str, Any]:
    order = list(catalogue().indicators)
    return {k: figures[k] for k in sorted(figures, key=order.index)}
