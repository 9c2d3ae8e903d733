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

    for _ in range(100):
        try:
            report = Report.model_validate(data)
        except ValidationError as error:
            _keep_as_text(state, data, tuple(error.errors()[0]["loc"]))
            continue
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


def _keep_as_text(state: ImportState, data: dict[str, Any], loc: tuple[Any, ...]) -> None:
    """A value the model refuses (an empty or overlong title…): its element leaves the answers
    and its text is kept as the part's closing text, with a Chinese note. Never a pydantic
    message for the clerk."""
    from ..problems import describe_loc

    # The element: the innermost list entry the field belongs to (plans[2], measures[0].items[1]).
    cut = max((i for i, part in enumerate(loc) if isinstance(part, int)), default=None)
    part = loc[0] if loc and loc[0] in PART_LABELS else None
    if cut is None or part is None:
        raise UserError(f"导入 {state.path.name} 失败：“{describe_loc(loc)}”一项无法写入答卷，请把原文中这一处改写后再导入")
    container = data
    for step in loc[:cut]:
        container = container[step]
    element = container.pop(loc[cut])
    text = "。".join(_strings(element)).strip()
    if not container and part in ("shortcomings", "plans"):
        container.append({"problem": "待补写", "cause": text} if part == "shortcomings" else {"title": "待补写", "text": text})
        text = ""
    if text:
        own = data.setdefault("part_texts", {}).setdefault(part, {})
        own["after"] = f"{own['after']}\n{text}" if own.get("after") else text
    state.note(f"“{describe_loc(loc[: cut + 1])}”未能按格式导入，原文已保留在“{PART_LABELS[part]}”部分的结尾段（part_texts），请整理")


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value] if value.strip() else []
    if isinstance(value, dict):
        return [s for v in value.values() if not isinstance(v, (int, float)) for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _item(item: ItemDraft) -> Any:
    return {"title": item.title, "text": item.text} if item.title else item.text


def _ordered(figures: dict[str, Any]) -> dict[str, Any]:
    order = list(catalogue().indicators)
    return {k: figures[k] for k in sorted(figures, key=order.index)}
