"""Show check results: for people (rich, Chinese) and as JSON Lines."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Iterable

from drafter.check.findings import SEVERITIES, Finding
from drafter.check.rules import load_check_rules
from drafter.parts import part_label

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
_ICON = {"error": "✖", "warning": "▲", "info": "·"}


@dataclass
class Unreadable:
    """A file that could not be checked (exit code 2)."""

    file: str
    message: str

    def to_json(self) -> dict:
        return {"file": self.file, "error": self.message, "year": None, "parts": [], "findings": []}


def json_lines(results: Iterable[Any]) -> str:
    """One JSON object per file, one per line (JSON Lines; one file → one JSON object)."""
    return "".join(json.dumps(r.to_json(), ensure_ascii=False) + "\n" for r in results)


def _location(f: Finding) -> str:
    bits = []
    if f.part:
        bits.append(f"“{part_label(f.part)}”部分")
    if f.paragraph:
        bits.append(f"第{f.paragraph}段" + (f"（第{f.line}行）" if f.line and f.line != f.paragraph else ""))
    elif f.line:
        bits.append(f"第 {f.line} 行")  # a line of an answers file
    return " · ".join(bits) if bits else "全文"


def _parts_line(parts: list[str]) -> str:
    if not parts:
        return "（未识别到任何规定部分）"
    return " → ".join(part_label(k) for k in parts)


def _hanging(console: Any, prefix: tuple[str, str | None], text: str, style: str | None = None) -> None:
    """`prefix` then `text` wrapped to the console as Chinese lines break, the lines after the
    first under the text (drafter.wrap): rich alone would break only at spaces."""
    from rich.cells import cell_len
    from rich.text import Text

    from drafter.wrap import wrap

    indent = cell_len(prefix[0])
    lines = wrap(text, console.width - indent)
    console.print(Text.assemble(prefix, (lines[0], style)), soft_wrap=True)
    for line in lines[1:]:
        console.print(Text.assemble(" " * indent, (line, style)), soft_wrap=True)


def print_results(results: list[Any], console: Any) -> None:
    """Print findings grouped by severity for each file, then a summary table if several."""
    from rich.markup import escape
    from rich.table import Table

    labels = load_check_rules().severity_labels
    for r in results:
        console.rule(f"[bold]{escape(r.file)}")
        if isinstance(r, Unreadable):
            _hanging(console, ("无法检查：", "bold red"), r.message)
            continue
        year = f"{r.year}年度" if r.year else "年度未识别"
        console.print(f"{year}　各部分：{escape(_parts_line(r.parts))}")
        if not r.findings:
            console.print("[green]✔ 未发现问题。[/]")
            continue
        for severity in SEVERITIES:
            group = [f for f in r.findings if f.severity == severity]
            if not group:
                continue
            console.print(f"\n[{_STYLE[severity]}]{labels.get(severity, severity)}（{len(group)}）[/]")
            for f in group:
                # the rule's name (answers.invalid…) is for --json, not for the clerk
                _hanging(console, (f"  {_ICON[severity]} ", _STYLE[severity]), f.message)
                where = _location(f)
                if f.excerpt:
                    where += f"：「{f.excerpt}」"
                _hanging(console, ("    位置：", "dim"), where, style="dim")
                if f.fix:
                    _hanging(console, ("    修改：", None), f.fix)
    if len(results) > 1:
        table = Table(title="检查汇总")
        table.add_column("文件")
        table.add_column("年度", justify="right")
        table.add_column("部分")
        table.add_column(labels.get("error", "错误"), justify="right", style="red")
        table.add_column(labels.get("warning", "警告"), justify="right", style="yellow")
        table.add_column(labels.get("info", "提示"), justify="right", style="cyan")
        for r in results:
            if isinstance(r, Unreadable):
                table.add_row(escape(r.file), "", "[red]无法读取[/]", "", "", "")
                continue
            mandatory = sum(1 for k in r.parts if k != "other")
            table.add_row(
                escape(r.file),
                str(r.year or "?"),
                f"{mandatory}/4" + ("+其他" if "other" in r.parts else ""),
                str(r.errors),
                str(r.warnings),
                str(r.infos),
            )
        console.print()
        console.print(table)
