"""Writing what `drafter import` found: the answers file with its review comments, and the
summary printed after an import (drafter.importing.builder does the reading)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from .builder import ImportResult


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


def add_comments(data: Any, builder: Any, findings: list) -> None:
    """Review comments in the answers file: the source of every figure, where 待整理 text came
    from, how each topic was mapped, the original title and opening, and what to check."""
    from .figures import describe_value

    header = [f"由 drafter import 从 {builder.path.name} 导入。请逐项核对带“导入”注释的内容后再使用："]
    header += [f"  - {line}" for line in builder.review]
    if builder.keep_title:
        header.append("原标题：" + builder.keep_title)
    data.yaml_set_start_comment("\n".join(header))
    by_place: dict[tuple, dict[str, Any]] = {}
    for finding in findings:
        if finding.status == "extracted":
            by_place.setdefault(tuple(finding.where or ()), {})[finding.key] = finding
    measures = data.get("measures") or []
    for index, topic in enumerate(measures):
        draft = builder.topics[index] if index < len(builder.topics) else None
        if draft is not None and draft.how:
            topic.yaml_add_eol_comment(f"导入：{draft.how}", "key")
        figures = topic.get("figures")
        if figures:
            _figure_comments(figures, by_place.get(("measures", index), {}), describe_value)
        if draft is None and topic.get("title") == builder.raw["unclassified_title"]:
            topic.yaml_add_eol_comment("导入：原文中未能归类的内容，请移到合适位置或删除", "key")
            items = topic["items"]
            for n, item in enumerate(builder.unclassified):
                items.yaml_set_comment_before_after_key(n, before=f"导入：{item.origin}", indent=6)
    duty = data.get("duty") or {}
    if duty.get("figures"):
        _figure_comments(duty["figures"], by_place.get(("duty",), {}), describe_value)


def _figure_comments(figures: Any, found: dict[str, Any], describe_value: Any) -> None:
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


def _wrap(text: str, width: int = 70) -> list[str]:
    return [text[i : i + width] for i in range(0, len(text), width)] or [""]




def write_answers(result: ImportResult, output: str | Path, *, force: bool = False) -> Path | None:
    """Write the answers file atomically; an existing file needs `force` (kept as .bak.yaml)."""
    from ..answers import dump_yaml, schema_modeline_for
    from ..errors import RefusedAction
    from ..fs import atomic_write_text

    output = Path(output)
    if output.exists() and not force:
        raise RefusedAction(f"答卷文件 {output} 已存在，未覆盖。如需覆盖请加 --force（原文件会保留为 {output.stem}.bak{output.suffix}）")
    text = schema_modeline_for(output) + "\n" + dump_yaml(result.data)
    return atomic_write_text(output, text, overwrite=True, backup=output.exists())


def print_summary(result: ImportResult, output: Path, console: Any = None) -> None:
    """The import report: parts, topics, figures, characters kept, what needs review."""
    from rich.console import Console
    from rich.table import Table

    from .figures import describe_value

    console = console or Console()
    found = [PART_LABELS[k] for k in result.parts_found if k in PART_LABELS]
    mandatory = [k for k in ("measures", "shortcomings", "duty", "plans") if k in result.parts_found]
    console.print(f"[bold green]已导入[/] {result.source.name} → {output}（{result.report.year}年度，{result.report.unit.name}）",
                  soft_wrap=True)
    console.print(f"部分：识别 {len(mandatory)}/4 —— " + " → ".join(found), soft_wrap=True)
    catalogue_topics = [t for t in result.topics if t[0] != "custom"]
    table = Table(title="第一部分专题", show_lines=False)
    table.add_column("#", justify="right")
    table.add_column("专题")
    table.add_column("目录键名")
    table.add_column("归类依据")
    for n, (key, heading, how) in enumerate(result.topics, 1):
        table.add_row(str(n), heading, key, how)
    console.print(table)
    console.print(f"专题：{len(result.topics)} 个（目录专题 {len(catalogue_topics)}，自拟 {len(result.topics) - len(catalogue_topics)}）")
    figures = Table(title=f"提取的数据（{len(result.extracted)} 项）")
    figures.add_column("指标")
    figures.add_column("数值", justify="right")
    figures.add_column("原文")
    for f in result.extracted:
        value = f.approx_text or describe_value(f.key, f.value, f.approx)
        figures.add_row(_label(f.key), value, f.note if f.origin == "derived" else f.sentence)
    if result.extracted:
        console.print(figures)
    console.print(
        f"保留字数：{result.kept_chars}/{result.body_chars}（{result.kept_ratio:.1%}，不计标点和序号；"
        f"{len(result.unclassified)} 段放入“待整理”）",
        soft_wrap=True,
    )
    if result.review:
        console.print("[bold yellow]需要核对（答卷文件开头的注释中也有）：[/]")
        for line in result.review:
            console.print(f"  • {line}", markup=False, soft_wrap=True)


def _label(key: str) -> str:
    from ..catalogue import catalogue

    return catalogue().label(key)


PART_LABELS = {
    "measures": "主要举措和成效",
    "shortcomings": "存在的不足和原因",
    "duty": "第一责任人职责",
    "plans": "下一年度安排",
    "other": "其他需要报告的情况",
}
