"""`drafter figures`: the figures of a year as a table (CSV or .xlsx) and back.

    drafter figures answers/2025.yaml -o 数据表.xlsx        # one row per figure: 键名 名称 单位 去年 今年 原句
    drafter figures answers/2025.yaml --fill 数据表.xlsx    # the 今年 column written back

This is how a 法制科 clerk collects numbers from colleagues in Excel, and how a script fills a
year without the questionnaire. Filling checks every row first and writes nothing on any error;
the answers file is rewritten atomically with its comments kept.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import UserError
from .live import LiveFigure, live_figures

if TYPE_CHECKING:
    from ..answers import LoadedAnswers
    from ..model import Report

COLUMNS = ("键名", "名称", "单位", "去年", "今年", "原句")


def table_figures(report: "Report") -> list[LiveFigure]:
    """The figures a clerk fills: every live figure but rates (computed) and yes/no flags."""
    return [figure for figure in live_figures(report).values() if figure.fillable]


def _number_cell(value: Any) -> Any:
    if value is None or isinstance(value, bool):
        return None
    return value


def rows(report: "Report") -> list[list[Any]]:
    return [
        [f.key, f.label, f.unit, _number_cell(f.previous), _number_cell(f.value), "\n".join(f.sentences)]
        for f in table_figures(report)
    ]


def to_csv(report: "Report") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows(report):
        writer.writerow(["" if cell is None else cell for cell in row])
    return out.getvalue().encode("utf-8-sig")  # the BOM makes Excel read UTF-8


def to_xlsx(report: "Report") -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    book = Workbook()
    sheet = book.active
    sheet.title = f"{report.year}年数据"
    sheet.append(list(COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows(report):
        sheet.append(row)
    fill = PatternFill("solid", fgColor="FFF2CC")  # the column to fill
    for (column, width) in zip("ABCDEF", (24, 30, 8, 10, 10, 80)):
        sheet.column_dimensions[column].width = width
    for line in sheet.iter_rows(min_row=2):
        line[4].fill = fill
        line[5].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def write_table(loaded: "LoadedAnswers", output: Path, *, force: bool = False) -> Path:
    from ..fs import atomic_write_bytes

    from ..errors import OutputExists

    kind = _kind(output)
    if output.exists() and not force:
        raise OutputExists(output)
    data = to_csv(loaded.report) if kind == "csv" else to_xlsx(loaded.report)
    atomic_write_bytes(output, data, overwrite=force, backup=True)
    return output


def _kind(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return "csv"
    if suffix == ".xlsx":
        return "xlsx"
    raise UserError(f"数据表 {path} 应为 .csv 或 .xlsx 文件")


# ---------------------------------------------------------------- reading a filled table


@dataclass
class TableRow:
    number: int  # the row's number as Excel shows it (the header is row 1)
    key: str
    value: Any  # the 今年 cell as read (None when blank)


def read_table(path: Path) -> list[TableRow]:
    """The 键名 and 今年 cells of every row; UserError when the file is not such a table."""
    if not path.is_file():
        raise UserError(f"找不到数据表：{path}")
    kind = _kind(path)
    try:
        grid = _read_csv(path) if kind == "csv" else _read_xlsx(path)
    except UserError:
        raise
    except Exception:  # noqa: BLE001 - a damaged or foreign file: one message
        raise UserError(f"无法读取数据表 {path}：文件已损坏，或不是 drafter figures 生成的表格") from None
    if not grid:
        raise UserError(f"数据表 {path} 是空的")
    header = [str(cell or "").strip() for cell in grid[0]]
    try:
        key_at, value_at = header.index("键名"), header.index("今年")
    except ValueError:
        raise UserError(f"数据表 {path} 的第一行应有“键名”和“今年”两列（由 drafter figures -o 生成）") from None
    out = []
    for number, line in enumerate(grid[1:], 2):
        key = str(line[key_at]).strip() if key_at < len(line) and line[key_at] is not None else ""
        value = line[value_at] if value_at < len(line) else None
        if not key and (value is None or str(value).strip() == ""):
            continue  # a blank row
        out.append(TableRow(number, key, value))
    return out


def _read_csv(path: Path) -> list[list[Any]]:
    from ..encoding import decode

    text, _ = decode(path.read_bytes())
    return [row for row in csv.reader(io.StringIO(text))]


def _read_xlsx(path: Path) -> list[list[Any]]:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    sheet = book.worksheets[0]
    grid = [list(row) for row in sheet.iter_rows(values_only=True)]
    book.close()
    return grid


# ---------------------------------------------------------------- filling


@dataclass
class Change:
    row: int
    figure: LiveFigure
    old: Any
    new: Any
    approximate: bool | None = None  # a custom figure written "400余"

    def describe(self) -> str:
        before = self.figure.with_unit(self.old) if self.old is not None else "（空）"
        after = _with_unit(self.figure, self.new, self.approximate)
        return f"第 {self.row} 行 {self.figure.key}（{self.figure.label}）：{before} → {after}"


def _with_unit(figure: LiveFigure, value: Any, approximate: bool | None) -> str:
    from ..text import format_number

    approx = approximate if approximate is not None else figure.approximate
    return format_number(value) + ("余" if approx and figure.kind == "custom" else "") + (figure.unit or "")


def parse_value(figure: LiveFigure, cell: Any) -> tuple[Any, bool | None]:
    """A 今年 cell as a value: 64, 64.0, "64", "64件", "1,200", "400余" (custom figures only).
    Raises ValueError with the Chinese reason."""
    if isinstance(cell, bool):
        raise ValueError("应填写数字")
    if isinstance(cell, (int, float)):
        value: Any = cell
        approximate = None
    else:
        text = str(cell).strip().replace(",", "").replace("，", "")
        if figure.unit and text.endswith(figure.unit):
            text = text[: -len(figure.unit)].strip()
        approximate = None
        if text.endswith(("余", "多")):
            if figure.kind != "custom":
                raise ValueError(f"“{cell}”：目录指标请填写确数（约数只用于自定义数据）")
            text, approximate = text[:-1], True
        if not re.fullmatch(r"\d+(\.\d+)?", text):
            raise ValueError(f"“{cell}”不是数字：请用阿拉伯数字填写，如 59")
        value = float(text) if "." in text else int(text)
    if value != value or value < 0:
        raise ValueError(f"“{cell}”不是有效的数（不能为负数）")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return value, approximate


def fill_table(loaded: "LoadedAnswers", table: Path) -> list[Change]:
    """Write the 今年 column of `table` into the answers file; every bad row is reported at
    once (UserError) and nothing is written then. Returns the rows that changed."""
    from ..answers import save_answers
    from ..lock import answers_lock

    with answers_lock(loaded.path):
        figures = {f.key: f for f in table_figures(loaded.report)}
        problems: list[str] = []
        changes: list[Change] = []
        seen: dict[str, int] = {}
        for row in read_table(table):
            figure = figures.get(row.key) or _new_indicator(row.key)
            if figure is None:
                problems.append(_unknown_key(row, list(figures)))
                continue
            if row.key in seen:
                problems.append(f"第 {row.number} 行：“{row.key}”与第 {seen[row.key]} 行重复")
                continue
            seen[row.key] = row.number
            if row.value is None or str(row.value).strip() == "":
                continue  # left blank: unchanged
            try:
                value, approximate = parse_value(figure, row.value)
            except ValueError as error:
                problems.append(f"第 {row.number} 行 {row.key}（{figure.label}）：{error}")
                continue
            if approximate is None and figure.kind == "custom" and figure.approximate and _exact(value):
                approximate = False  # "5022" typed for "5000余": an exact figure takes no 余
            if value != figure.value or (approximate is not None and approximate != figure.approximate):
                changes.append(Change(row.number, figure, figure.value, value, approximate))
        if problems:
            raise UserError(f"数据表 {table} 有 {len(problems)} 处问题，答卷未修改：\n" + "\n".join(f"  {p}" for p in problems))
        if not changes:
            return []
        data = loaded.data
        for change in changes:
            _set_value(data, loaded.report, change)
        _validate_filled(loaded, data, table)
        save_answers(loaded.path, data)
        return changes


def _exact(value: Any) -> bool:
    """Not a round number: 余 may follow 10, 400, 1200, not 5022 (GB/T 15835)."""
    return isinstance(value, float) or value % 10 != 0


def _new_indicator(key: str) -> LiveFigure | None:
    """A catalogue indicator added to the table by hand (a figure new this year)."""
    from ..catalogue import catalogue

    indicator = catalogue().indicators.get(key)
    if indicator is None or indicator.type == "flag":
        return None
    return LiveFigure(key, indicator.label, indicator.unit, "indicator")


def _unknown_key(row: TableRow, keys: list[str]) -> str:
    from ..catalogue import catalogue
    from ..suggest import closest

    if not row.key:
        return f"第 {row.number} 行：缺少键名"
    hint = closest(row.key, keys + list(catalogue().indicators))
    return f"第 {row.number} 行：键名“{row.key}”既不是这份答卷里的数据，也不是目录指标" + (f"，是否想写“{hint}”？" if hint else "")


def _validate_filled(loaded: "LoadedAnswers", data: Any, table: Path) -> None:
    """The filled answers must still be valid (parts ≤ totals…): else nothing is written."""
    from ..answers import validate_data
    from ..errors import InvalidAnswers
    from ..check.consistency import check_report

    try:
        report = validate_data(data, loaded.path)
    except InvalidAnswers as error:
        raise UserError(f"按数据表 {table} 填写后答卷不正确，答卷未修改：{error}") from None
    errors = [p for p in check_report(report, require_values=False) if p.severity == "error"]
    if errors:
        raise UserError(f"按数据表 {table} 填写后答卷不正确，答卷未修改：\n" + "\n".join(f"  {p.message}" for p in errors))


def _set_value(data: Any, report: "Report", change: Change) -> None:
    from ruamel.yaml.comments import CommentedMap

    figure = change.figure
    if figure.kind == "custom":
        spec = data["custom_figures"][figure.key]
        spec["value"] = change.new
        if change.approximate is not None:
            spec["approximate"] = change.approximate
        return
    loc = figure.loc or _home(report, figure)
    node = data
    for part in loc[:-2]:
        node = node[part]
    if node.get("figures") is None:
        node["figures"] = CommentedMap()
    node["figures"][figure.key] = change.new


def _home(report: "Report", figure: LiveFigure) -> tuple[Any, ...]:
    """Where a catalogue figure not yet entered goes: the topic whose text references it, else
    the topic of the catalogue it belongs to, else the 第一责任人 part."""
    from ..catalogue import catalogue

    for loc in figure.referenced_at:
        if loc[0] == "measures":
            return ("measures", loc[1], "figures", figure.key)
        if loc[0] == "duty":
            return ("duty", "figures", figure.key)
    cat = catalogue()
    for index, topic in enumerate(report.measures):
        if topic.key in cat.topics and figure.key in cat.topics[topic.key].indicators:
            return ("measures", index, "figures", figure.key)
    if figure.key in cat.duty_indicators or not report.measures:
        return ("duty", "figures", figure.key)
    return ("measures", len(report.measures) - 1, "figures", figure.key)


def figures_command(answers: Path, *, output: Path | None, fill: Path | None, force: bool) -> int:
    """`drafter figures`: the table out (-o) or back in (--fill); prints what it did."""
    from .. import echo

    lines = _figures(answers, output=output, fill=fill, force=force)
    for line in lines[:-1]:
        echo.say(line)
    echo.done(lines[-1])
    return 0


def _figures(answers: Path, *, output: Path | None, fill: Path | None, force: bool) -> list[str]:
    from ..answers import load_answers

    if (output is None) == (fill is None):
        raise UserError("请用 -o 数据表.xlsx 导出数据表，或用 --fill 数据表.xlsx 把填好的表格写回答卷（二者选一）")
    loaded = load_answers(answers, require_values=False)
    if output is not None:
        write_table(loaded, output, force=force)
        count = len(table_figures(loaded.report))
        return [f"已写入数据表：{output}（{count} 项数据；填好“今年”一列后运行 drafter figures {answers} --fill {output}）"]
    changes = fill_table(loaded, fill)
    if not changes:
        return [f"数据表 {fill} 与答卷 {answers} 一致，答卷未修改"]
    lines = [change.describe() for change in changes]
    still = [f for f in table_figures(load_answers(answers, require_values=False).report) if f.missing and f.referenced_at]
    if still:
        lines.append("仍未填写：" + "、".join(f"{f.key}（{f.label}）" for f in still))
    lines.append(f"已把 {len(changes)} 项数据写入答卷：{answers}")
    return lines
