"""The review comments `drafter import` writes into the answers file: a header listing what
to check, the source sentence next to each figure, the origin of each 待整理 item, how each
topic was mapped."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from .figures import FoundFigure
    from .state import ImportResult


def _reordered(mapping: Any, first: list[str]) -> Any:
    from ruamel.yaml.comments import CommentedMap

    out = CommentedMap()
    for key in first + [k for k in mapping if k not in first]:
        if key in mapping:
            out[key] = mapping[key]
    return out


def tidy(data: Any) -> Any:
    """Key order as in examples/ (key, title, items, figures), dates as YAML dates."""
    for index, topic in enumerate(data.get("measures") or []):
        data["measures"][index] = _reordered(topic, ["key", "title", "items", "figures"])
    if "duty" in data:
        data["duty"] = _reordered(data["duty"], ["items", "figures"])
    unit = data.get("unit") or {}
    if isinstance(unit.get("written_on"), str):
        unit["written_on"] = dt.date.fromisoformat(unit["written_on"])
    return data


def add_comments(result: ImportResult) -> None:
    """Review comments in ``result.data``: the source of every figure, where 待整理 text came
    from, how each topic was mapped, the original title, and what to check (``result.review``
    as it stands now)."""
    data = result.data
    header = [f"由 drafter import 从 {result.source.name} 导入。请逐项核对带“导入”注释的内容后再使用："]
    header += [f"  - {line}" for line in result.review]
    if result.original_title:
        header.append("原标题：" + result.original_title)
    data.yaml_set_start_comment("\n".join(header))
    by_place: dict[tuple, dict[str, Any]] = {}
    for finding in result.findings:
        if finding.status == "extracted":
            by_place.setdefault(tuple(finding.where or ()), {})[finding.key] = finding
    measures = data.get("measures") or []
    for index, topic in enumerate(measures):
        imported = index < len(result.topic_notes)  # a topic of the source, not one drafter added
        if imported and result.topic_notes[index]:
            topic.yaml_add_eol_comment(f"导入：{result.topic_notes[index]}", "key")
        figures = topic.get("figures")
        if figures:
            _figure_comments(figures, by_place.get(("measures", index), {}))
        if not imported and topic.get("title") == result.unclassified_title:
            topic.yaml_add_eol_comment("导入：原文中未能归类的内容，请移到合适位置或删除", "key")
            items = topic["items"]
            for n, item in enumerate(result.unclassified):
                items.yaml_set_comment_before_after_key(n, before=f"导入：{item.origin}", indent=6)
    for kind, own in (data.get("part_texts") or {}).items():
        for where in own:
            origin = result.part_text_origins.get((str(kind), where))
            if origin:
                own.yaml_add_eol_comment(f"导入：{origin}", where)
    duty = data.get("duty") or {}
    if duty.get("figures"):
        _figure_comments(duty["figures"], by_place.get(("duty",), {}))


def _figure_comments(figures: Any, found: dict[str, FoundFigure]) -> None:
    from .figures import describe_value

    for key in figures:
        finding = found.get(key)
        if finding is None:
            continue
        if finding.origin == "derived":
            text = f"导入：{finding.note}"
        elif finding.origin == "wording":
            text = f"导入：原文“{finding.sentence}”（由数据生成的句子，已从文字中移出）"
        else:
            text = f"导入：原文“{finding.sentence}”"
            if finding.approx:
                text += f"（原文为约数“{finding.approx_text or describe_value(key, finding.value, finding.approx)}”）"
        if finding.note and finding.origin != "derived":
            text += f"（{finding.note}）"
        figures.yaml_add_eol_comment(text, key)
