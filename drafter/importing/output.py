"""Writing what `drafter import` found: the answers file (its review comments are already in
``ImportResult.data``, drafter.importing.comments), and the summary printed after an import."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..parts import parts
from .state import PART_LABELS

if TYPE_CHECKING:  # pragma: no cover
    from .state import ImportResult


def write_answers(result: ImportResult, output: str | Path, *, force: bool = False) -> Path | None:
    """Write the answers file safely, holding its lock (a running `drafter new` on it refuses
    the import); an existing file needs `force` and is kept as a dated backup."""
    from ..answers import dump_yaml
    from ..fs import atomic_write_text
    from ..lock import answers_lock
    from ..schema import schema_beside

    output = Path(output)
    with answers_lock(output):
        text = schema_beside(output) + "\n" + dump_yaml(result.data)
        return atomic_write_text(output, text, overwrite=force, backup=True)


def print_summary(result: ImportResult, output: Path) -> None:
    """The import report: parts, topics, figures, characters kept, what needs review."""
    from rich.table import Table

    from .. import echo
    from ..catalogue import catalogue
    from .figures import describe_value

    from ..console import markup_safe as safe

    label = catalogue().label
    found = [PART_LABELS[k] for k in result.parts_found if k in PART_LABELS]
    required = parts().mandatory
    mandatory = [k for k in required if k in result.parts_found]
    echo.done(f"已导入 {result.source.name} → {output}（{result.report.year}年度，{result.report.unit.name}）")
    echo.say(f"部分：识别 {len(mandatory)}/{len(required)} —— " + " → ".join(found))
    catalogue_topics = [t for t in result.topics if t[0] != "custom"]
    table = Table(title="第一部分专题", show_lines=False)
    table.add_column("#", justify="right")
    table.add_column("专题")
    table.add_column("目录键名")
    table.add_column("归类依据")
    for n, (key, heading, how) in enumerate(result.topics, 1):
        table.add_row(str(n), safe(heading), safe(key), safe(how))
    echo.table(table)
    echo.say(f"专题：{len(result.topics)} 个（目录专题 {len(catalogue_topics)}，自拟 {len(result.topics) - len(catalogue_topics)}）")
    figures = Table(title=f"提取的数据（{len(result.extracted)} 项）")
    figures.add_column("指标")
    figures.add_column("数值", justify="right")
    figures.add_column("原文")
    for f in result.extracted:
        value = f.approx_text or describe_value(f.key, f.value, f.approx)
        figures.add_row(safe(label(f.key)), safe(value), safe(f.note if f.origin == "derived" else f.sentence))
    if result.extracted:
        echo.table(figures)
    echo.say(f"保留字数：{result.kept_chars}/{result.body_chars}（{result.kept_ratio:.1%}，不计标点和序号；"
             f"{len(result.unclassified)} 段放入“待整理”）")
    if result.review:
        echo.say("需要核对（答卷文件开头的注释中也有）：", colour="yellow", bold=True)
        for line in result.review:
            echo.say(f"  • {line}")
