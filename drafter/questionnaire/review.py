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


PROMPT_LINES = 6  # the page's question, its four choices and a spare line


def review_pages(ui: Prompter, year: int, lines: list[Line], outcome: Assembled, previous_figures: dict[str, Any]) -> list[list]:
    """The review in pages that fit the terminal (its height, 24 lines at least in mind): each
    section's rows in a table of its own (split when taller than a page), the rates, then the
    flags, errors and warnings."""
    from rich.text import Text

    height = max(ui.console.height - PROMPT_LINES, 8)
    blocks: list = []
    blocks += _tables(ui, f"{year}年度答卷复核", lines, height)
    rates = _rates_table(outcome, previous_figures)
    if rates is not None:
        blocks.append(rates)
    blocks += [Text(text, style=style or "") for text, style in _notes(lines, outcome)]
    pages: list[list] = [[]]
    used = 0
    for block in blocks:
        size = _height(ui, block)
        if pages[-1] and used + size > height:
            pages.append([])
            used = 0
        pages[-1].append(block)
        used += size
    return pages


def _height(ui: Prompter, renderable: Any) -> int:
    return len(ui.console.render_lines(renderable, ui.console.options, pad=False))


def _tables(ui: Prompter, title: str, lines: list[Line], height: int) -> list:
    """The rows with a heading row per section, in as many tables as it takes for each to fit
    `height` lines (a section cut across two pages repeats its heading)."""
    tables: list = []
    chunk: list[Line] = []
    for line in lines:
        if chunk and _height(ui, _filled(title, chunk + [line])) > height:
            tables.append(_filled(title, chunk))
            chunk = []
        chunk.append(line)
    if chunk:
        tables.append(_filled(title, chunk))
    return tables


def _filled(title: str, rows: list[Line]):
    from rich.table import Table
    from rich.text import Text

    table = Table(title=title, title_justify="left", show_lines=False, expand=False)
    for column, style in (("编号", "bold"), ("项目", ""), ("本年", "green"), ("去年", "dim"), ("同比", ""), ("提示", "yellow")):
        table.add_column(column, style=style, overflow="fold")
    section = None
    for each in rows:
        if each.section != section:
            section = each.section
            table.add_row("", Text(section, style="bold cyan"), "", "", "", "")
        row = each.row  # Text cells: a clerk's "[…]" is not rich markup
        table.add_row(str(each.number), *(Text(cell) for cell in (row.label, row.value, row.last_year, row.change, "；".join(row.flags))))
    return table


def _rates_table(outcome: Assembled, previous_figures: dict[str, Any]):
    from rich.table import Table

    current = outcome.report.rates() if outcome.report is not None else {}
    previous = rates_of(previous_figures)
    if not current and not previous:
        return None
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
    return rates


def _notes(lines: list[Line], outcome: Assembled) -> list[tuple[str, str]]:
    """(text, style) of every flag, error and warning, one line each."""
    notes: list[tuple[str, str]] = []
    flagged = [line for line in lines if line.row.flags]
    if flagged:
        notes.append((f"需要留意（{sum(len(line.row.flags) for line in flagged)} 处，不会自动修改）：", "bold yellow"))
        notes += [(f"  [{line.number}] {line.row.label}：{flag}", "") for line in flagged for flag in line.row.flags]
    notes += [(f"错误：{message}{_where(loc)}", "red") for loc, message in outcome.errors]
    notes += [(f"提醒：{message}{_where(loc)}", "yellow") for loc, message in outcome.warnings]
    return notes


def render_review(ui: Prompter, year: int, lines: list[Line], outcome: Assembled, previous_figures: dict[str, Any]) -> None:
    """The whole review at once (no questions asked: --defaults, --no-input)."""
    for page in review_pages(ui, year, lines, outcome, previous_figures):
        for block in page:
            ui.show(block)


def choose(ui: Prompter, lines: list[Line], outcome: Assembled, page: int = 1, pages: int = 1) -> tuple[str, Line | None]:
    """("next" | "confirm" | "pause", None) or ("edit", the line to change)."""
    last = page >= pages
    actions = [("修改某一项", "edit"), ("暂停，下次接着做", "pause")]
    if not outcome.errors:
        actions.insert(0, ("确认，保存答卷并生成草稿", "confirm"))
    if not last:
        actions.insert(0, (f"下一页（第 {page + 1}/{pages} 页）", "next"))
    default = "next" if not last else ("confirm" if not outcome.errors else "edit")
    where = f"复核第 {page}/{pages} 页" if pages > 1 else "复核"
    message = f"{where}：" if not outcome.errors else f"{where}（有 {len(outcome.errors)} 个错误，见最后一页，改正后才能确认）："
    action = ui.select(message, actions, default=default)
    if action != "edit":
        return action, None

    def problem(raw: str) -> str | None:
        if raw.strip().isdigit() and 1 <= int(raw) <= len(lines):
            return None
        return f"请输入 1 到 {len(lines)} 之间的编号"

    number = int(ui.text("要修改的编号", instruction="见上表第一列", validate=problem))
    return "edit", lines[number - 1]
