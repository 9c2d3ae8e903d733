"""The review screen: every answer with last year's value, rates, 同比, flags and warnings.

The clerk can jump to any numbered row to change it (the flow is then replayed), pause, or
confirm. Before confirming, errors must be fixed; warnings and flags are for reading.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..catalogue import catalogue, rates_of
from ..text import format_number, format_percent
from .flow import Assembled, Record
from .prompts import Prompter
from .questions import Row


@dataclass
class Line:
    number: int
    section: str
    row: Row
    record: Record


def review_lines(records: list[Record]) -> list[Line]:
    lines = []
    for record in records:
        for row in record.question.rows(record.value):
            lines.append(Line(len(lines) + 1, record.question.section, row, record))
    return lines


def _where(loc: tuple) -> str:
    from ..problems import describe_loc

    return f"（{describe_loc(loc)}）" if loc else ""


def render_review(ui: Prompter, year: int, lines: list[Line], outcome: Assembled, previous_figures: dict[str, Any]) -> None:
    from rich.table import Table
    from rich.text import Text

    table = Table(title=f"{year}年度答卷复核", title_justify="left", show_lines=False, expand=False)
    for column, style in (("编号", "bold"), ("项目", ""), ("本年", "green"), ("去年", "dim"), ("同比", ""), ("提示", "yellow")):
        table.add_column(column, style=style, overflow="fold")
    section = None
    for line in lines:
        if line.section != section:
            section = line.section
            table.add_row("", Text(section, style="bold cyan"), "", "", "", "")
        row = line.row  # Text cells: a clerk's "[…]" is not rich markup
        table.add_row(str(line.number), *(Text(cell) for cell in (row.label, row.value, row.last_year, row.change, "；".join(row.flags))))
    ui.show(table)

    current = outcome.report.rates() if outcome.report is not None else {}
    previous = rates_of(previous_figures)
    if current or previous:
        rates = Table(title="自动计算的比率", title_justify="left")
        for column in ("比率", "本年", "去年", "变化"):
            rates.add_column(column)
        for key, rate in catalogue().rates.items():
            if key not in current and key not in previous:
                continue
            now, before = current.get(key), previous.get(key)
            change = ""
            if now is not None and before is not None:
                points = round((now - before) * 100, 2)
                change = "持平" if points == 0 else f"{'上升' if points > 0 else '下降'}{format_number(abs(points))}个百分点"
            rates.add_row(rate.label, format_percent(now) if now is not None else "—",
                          format_percent(before) if before is not None else "—", change)
        ui.show(rates)

    flagged = [line for line in lines if line.row.flags]
    if flagged:
        ui.show(f"需要留意（{sum(len(line.row.flags) for line in flagged)} 处，不会自动修改）：", style="bold yellow")
        for line in flagged:
            for flag in line.row.flags:
                ui.show(f"  [{line.number}] {line.row.label}：{flag}")
    for loc, message in outcome.errors:
        ui.show(f"错误：{message}{_where(loc)}", style="red")
    for loc, message in outcome.warnings:
        ui.show(f"提醒：{message}{_where(loc)}", style="yellow")


def choose(ui: Prompter, lines: list[Line], outcome: Assembled) -> tuple[str, Line | None]:
    """("confirm" | "pause", None) or ("edit", the line to change)."""
    actions = [("修改某一项", "edit"), ("暂停，下次接着做", "pause")]
    if not outcome.errors:
        actions.insert(0, ("确认，保存答卷并生成草稿", "confirm"))
    action = ui.select("复核完毕：" if not outcome.errors else "请先改正上面的错误：", actions,
                       default="confirm" if not outcome.errors else "edit")
    if action != "edit":
        return action, None

    def problem(raw: str) -> str | None:
        if raw.strip().isdigit() and 1 <= int(raw) <= len(lines):
            return None
        return f"请输入 1 到 {len(lines)} 之间的编号"

    number = int(ui.text("要修改的编号", instruction="见上表第一列", validate=problem))
    return "edit", lines[number - 1]
