"""The 司法局's summary table: one row per unit, every figure and computed rate, totals.

The columns come from the catalogue (templates/catalogue.yaml), never from a list kept
here: a new indicator or rate in the catalogue is a new column, grouped under the topic
that asks for it. Below the units' rows:

- 合计: the sum over the units that report the figure; for a flag (是/否) the number of
  units answering 是; for a rate, the pooled rate Σ分子 ÷ Σ分母 over the units that
  report both (not the mean of the units' rates);
- 填报单位数: how many units report the figure (a reported 0 counts, a blank does not).

CSV is UTF-8 with a BOM, so Excel opens the Chinese headers correctly by double-click.
The .xlsx has a topic row and a header row, frozen together with the unit's name, a
number format per column, widths fitted to the contents, a filter, and an explanation
sheet (指标说明) naming every column's source and each rate's formula.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .catalogue import catalogue
from .errors import UserError
from .fs import atomic_write_bytes, refuse_existing
from .text import format_number, format_percent

TOTAL_LABEL = "合计"
COUNT_LABEL = "填报单位数"
DUTY_GROUP = "第一责任人职责"
RATE_GROUP = "比率（由分子、分母计算）"
OTHER_GROUP = "其他"


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    group: str
    kind: str  # text | count | amount | flag | rate


@dataclass
class UnitRow:
    source: Path
    name: str
    kind: str
    year: int
    figures: dict[str, Any]
    rates: dict[str, float]

    def value(self, column: Column) -> Any:
        if column.kind == "rate":
            return self.rates.get(column.key)
        return self.figures.get(column.key)


@dataclass
class SummaryTable:
    columns: list[Column]  # the figure and rate columns (the fixed unit columns come first)
    rows: list[UnitRow]
    totals: dict[str, Any] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)


FIXED_HEADERS = ("序号", "单位名称", "单位类型", "报告年度", "答卷文件")


def _short(title: str) -> str:
    """A topic's title up to its first comma: “依法化解社会矛盾纠纷，维护…” → “依法化解社会矛盾纠纷”."""
    return title.split("，")[0].split(",")[0]


def columns() -> list[Column]:
    """Every indicator, grouped by the topic that asks for it (catalogue order), then every rate."""
    cat = catalogue()
    group_of: dict[str, str] = {}
    for topic in cat.topics.values():
        for key in topic.indicators:
            group_of.setdefault(key, _short(topic.title))
    for key in cat.duty_indicators:
        group_of.setdefault(key, DUTY_GROUP)
    ordered = list(group_of) + [key for key in cat.indicators if key not in group_of]
    out = []
    for key in ordered:
        indicator = cat.indicators[key]
        out.append(Column(key, indicator.label_with_unit, group_of.get(key, OTHER_GROUP), indicator.type))
    for rate in cat.rates.values():
        out.append(Column(rate.key, rate.label, RATE_GROUP, "rate"))
    headers = [c.header for c in out]
    return [Column(c.key, f"{c.header}［{c.key}］", c.group, c.kind) if headers.count(c.header) > 1 else c
            for c in out]


# ---------------------------------------------------------------- collecting


def _summary_job(path: str) -> tuple[str, dict | None, str | None]:
    """Worker: the figures of one answers file, or its error message; never raises."""
    try:
        from .answers import load_answers

        report = load_answers(path).report
        return path, {
            "name": report.unit.name,
            "kind": report.unit.kind.value,
            "year": report.year,
            "figures": report.figures(),
            "rates": report.rates(),
        }, None
    except UserError as error:
        return path, None, str(error)
    except Exception as error:  # noqa: BLE001 - one broken file must not stop the others
        return path, None, f"内部错误（{type(error).__name__}：{error}）"


def _warm_up() -> None:
    """Worker initializer: import the answers reader and read the catalogue once per process."""
    from .answers import load_answers  # noqa: F401  (pydantic, ruamel.yaml, the model)

    catalogue()


def collect(paths: list[Path], *, jobs: int | None = None, console=None) -> tuple[list[UnitRow], list[tuple[Path, str]]]:
    """Load every answers file (in parallel when there are many); return (rows, failures)."""
    from .pool import parallel_map

    unique = list(dict.fromkeys(str(p) for p in paths))
    if len(unique) < 16:
        jobs = 1  # starting worker processes costs more than it saves
    results = parallel_map(_summary_job, unique, jobs=jobs, description="读取答卷", console=console,
                           initializer=_warm_up)
    rows, failures = [], []
    for path, data, error in results:
        if error is not None:
            failures.append((Path(path), error))
        else:
            rows.append(UnitRow(Path(path), data["name"], data["kind"], data["year"], data["figures"], data["rates"]))
    return rows, failures


def build(rows: list[UnitRow], *, all_columns: bool = False) -> SummaryTable:
    """The table with its 合计 and 填报单位数 rows computed.

    Columns no unit reports are left out unless `all_columns` (a fixed layout, e.g. to
    paste below last year's table).
    """
    cat = catalogue()
    table = SummaryTable(columns(), rows)
    for column in table.columns:
        values = [row.value(column) for row in rows if row.value(column) is not None]
        table.counts[column.key] = len(values)
        if column.kind == "flag":
            table.totals[column.key] = sum(1 for v in values if v is True)
        elif column.kind == "rate":
            rate = cat.rates[column.key]
            pairs = [(row.figures[rate.numerator], row.figures[rate.denominator]) for row in rows
                     if column.key in row.rates]
            denominator = sum(d for _, d in pairs)
            table.totals[column.key] = sum(n for n, _ in pairs) / denominator if denominator else None
        elif values:
            total = sum(values)
            table.totals[column.key] = total if isinstance(total, int) else round(total, 6)
        else:
            table.totals[column.key] = None
    if not all_columns:
        table.columns = [c for c in table.columns if table.counts[c.key]]
    return table


def warnings_for(rows: list[UnitRow]) -> list[str]:
    """Things the 司法局 should know before trusting the totals."""
    notes = []
    years = sorted({row.year for row in rows})
    if len(years) > 1:
        notes.append("汇总的答卷分属不同年度（" + "、".join(f"{y}年" for y in years) + "），合计跨年度相加，请核对")
    seen: dict[tuple[str, int], Path] = {}
    for row in rows:
        key = (row.name, row.year)
        if key in seen:
            notes.append(f"{row.name}（{row.year}年）出现两次：{seen[key]} 和 {row.source}，合计中重复计算")
        else:
            seen[key] = row.source
    return notes


# ---------------------------------------------------------------- cell values


def _safe_text(text: str) -> str:
    """A spreadsheet must not read a unit name as a formula (=, +, -, @ at the start)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _csv_value(column: Column, value: Any) -> str:
    if value is None:
        return ""
    if column.kind == "flag":
        return "是" if value else "否"
    if column.kind == "rate":
        return format_percent(value, fixed=True)
    return format_number(value, decimals=6)


def _fixed(number: int, row: UnitRow) -> list[Any]:
    return [number, row.name, row.kind, row.year, row.source.name]


# ---------------------------------------------------------------- CSV


def to_csv(table: SummaryTable) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(list(FIXED_HEADERS) + [c.header for c in table.columns])
    for number, row in enumerate(table.rows, 1):
        fixed = [_safe_text(str(v)) if isinstance(v, str) else v for v in _fixed(number, row)]
        writer.writerow(fixed + [_csv_value(c, row.value(c)) for c in table.columns])
    totals = []
    for column in table.columns:
        total = table.totals.get(column.key)
        if column.kind == "flag":
            totals.append(f"是：{total}" if table.counts[column.key] else "")
        else:
            totals.append(_csv_value(column, total))
    writer.writerow(["", TOTAL_LABEL, "", "", ""] + totals)
    writer.writerow(["", COUNT_LABEL, "", "", ""] + [table.counts[c.key] for c in table.columns])
    return buffer.getvalue().encode("utf-8-sig")


# ---------------------------------------------------------------- xlsx


def _display_width(text: str) -> int:
    """Columns a text needs in a spreadsheet: a CJK character is two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in str(text))


_FORMATS = {"count": "0", "amount": "0.00", "rate": "0.00%"}
HEADER_WIDTH_CAP = 12  # wrap longer headers onto several lines


def to_xlsx(table: SummaryTable) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "汇总"
    workbook.properties.title = "法治政府建设年度报告数据汇总"
    workbook.properties.creator = "drafter"

    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    header_fill = PatternFill("solid", fgColor="DDE4EE")
    group_fill = PatternFill("solid", fgColor="C6D2E3")
    bold = Font(bold=True)
    centred = Alignment(horizontal="center", vertical="center", wrap_text=True)

    fixed_count = len(FIXED_HEADERS)
    all_columns = table.columns
    last_column = fixed_count + len(all_columns)
    first_data_row, last_data_row = 3, 2 + len(table.rows)
    total_row, count_row = last_data_row + 1, last_data_row + 2

    def put(row: int, column: int, value: Any, number_format: str | None = None):
        cell = sheet.cell(row=row, column=column, value=value)
        if isinstance(value, str) and value.startswith("="):
            cell.data_type = "s"  # text, not a formula
        if number_format:
            cell.number_format = number_format
        cell.border = border
        return cell

    # Row 1: fixed headers spanning two rows, then topic groups; row 2: column headers.
    for index, header in enumerate(FIXED_HEADERS, 1):
        cell = put(1, index, header)
        put(2, index, None)
        sheet.merge_cells(start_row=1, start_column=index, end_row=2, end_column=index)
        cell.font, cell.alignment, cell.fill = bold, centred, header_fill
    start = 0
    groups: list[tuple[int, int, str]] = []  # (first column, last column, topic title)
    while start < len(all_columns):
        end = start
        while end + 1 < len(all_columns) and all_columns[end + 1].group == all_columns[start].group:
            end += 1
        first, last = fixed_count + 1 + start, fixed_count + 1 + end
        cell = put(1, first, all_columns[start].group)
        for column in range(first + 1, last + 1):
            put(1, column, None)
        if last > first:
            sheet.merge_cells(start_row=1, start_column=first, end_row=1, end_column=last)
        cell.font, cell.alignment, cell.fill = bold, centred, group_fill
        groups.append((first, last, all_columns[start].group))
        start = end + 1
    for offset, column in enumerate(all_columns):
        cell = put(2, fixed_count + 1 + offset, column.header)
        cell.font, cell.alignment, cell.fill = bold, centred, header_fill

    # Units.
    for number, row in enumerate(table.rows, 1):
        excel_row = first_data_row + number - 1
        for index, value in enumerate(_fixed(number, row), 1):
            put(excel_row, index, value)
        for offset, column in enumerate(all_columns):
            value = row.value(column)
            if column.kind == "flag" and value is not None:
                cell = put(excel_row, fixed_count + 1 + offset, "是" if value else "否")
                cell.alignment = Alignment(horizontal="center")
            else:
                put(excel_row, fixed_count + 1 + offset, value, _FORMATS.get(column.kind))

    # 合计 and 填报单位数.
    for label_row, label in ((total_row, TOTAL_LABEL), (count_row, COUNT_LABEL)):
        for index in range(1, fixed_count + 1):
            put(label_row, index, None)
        put(label_row, 2, label).font = bold
    top = Border(left=thin, right=thin, top=Side(style="medium"), bottom=thin)
    for offset, column in enumerate(all_columns):
        index = fixed_count + 1 + offset
        total = table.totals.get(column.key)
        if column.kind == "flag":
            cell = put(total_row, index, f"是：{total}" if table.counts[column.key] else None)
            cell.alignment = Alignment(horizontal="center")
        else:
            cell = put(total_row, index, total, _FORMATS.get(column.kind))
        cell.font = bold
        put(count_row, index, table.counts[column.key], "0")
    for index in range(1, last_column + 1):
        sheet.cell(row=total_row, column=index).border = top

    # Widths: the widest value, headers wrapped at HEADER_WIDTH_CAP.
    sample_rows = list(range(first_data_row, count_row + 1))
    for index in range(1, last_column + 1):
        values = [sheet.cell(row=r, column=index).value for r in sample_rows]
        widest = max((_display_width(_shown(v, sheet.cell(row=r, column=index).number_format))
                      for v, r in zip(values, sample_rows) if v is not None), default=0)
        header = FIXED_HEADERS[index - 1] if index <= fixed_count else all_columns[index - fixed_count - 1].header
        width = max(widest, min(_display_width(header), HEADER_WIDTH_CAP), 6) + 2
        sheet.column_dimensions[get_column_letter(index)].width = min(width, 50)
    header_lines = max(
        math.ceil(_display_width(c.header) / (sheet.column_dimensions[get_column_letter(fixed_count + 1 + i)].width - 1))
        for i, c in enumerate(all_columns)
    ) if all_columns else 1
    sheet.row_dimensions[2].height = 15 * max(1, header_lines) + 4
    # A topic title spans its columns: as many lines as the widest title needs there.
    group_lines = max(
        (math.ceil(_display_width(text) / max(1, sum(
            sheet.column_dimensions[get_column_letter(c)].width for c in range(first, last + 1)) - 1))
         for first, last, text in groups),
        default=1,
    )
    sheet.row_dimensions[1].height = 15 * max(2, group_lines) + 4

    sheet.freeze_panes = sheet.cell(row=first_data_row, column=3)  # headers and 序号/单位名称 stay in view
    if table.rows:
        sheet.auto_filter.ref = f"A2:{get_column_letter(last_column)}{last_data_row}"
    # Printing: too many columns for one page, so every page repeats the headers and the unit's name.
    sheet.print_title_rows = "1:2"
    sheet.print_title_cols = "A:B"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4

    _explanations(workbook, all_columns)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _shown(value: Any, number_format: str) -> str:
    """Roughly the text a spreadsheet shows for a value (for column widths)."""
    if isinstance(value, float) and number_format == "0.00%":
        return format_percent(value, fixed=True)
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def _explanations(workbook, all_columns: list[Column]) -> None:
    """A second sheet: what each column is and how the rates and the totals are computed."""
    from openpyxl.styles import Alignment, Font

    cat = catalogue()
    sheet = workbook.create_sheet("指标说明")
    kinds = {"count": "整数", "amount": "数值（可带小数）", "flag": "是/否", "rate": "比率"}
    sheet.append(["列名", "键名", "所属分组", "类型", "计算方法"])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column in all_columns:
        method = ""
        if column.kind == "rate":
            rate = cat.rates[column.key]
            method = f"{cat.label(rate.numerator)} ÷ {cat.label(rate.denominator)}"
        sheet.append([column.header, column.key, column.group, kinds.get(column.kind, column.kind), method])
    sheet.append([])
    for note in (
        f"{TOTAL_LABEL}：各单位数值之和；“是/否”项为回答“是”的单位数；比率为各单位分子之和 ÷ 分母之和（只计分子、分母都填写的单位）。",
        f"{COUNT_LABEL}：填写了该项数字的单位数（填 0 的计入，未填的不计入）。",
        "指标和比率来自 templates/catalogue.yaml；未填写的数字留空，不等于 0。",
    ):
        sheet.append([note])
        sheet.cell(row=sheet.max_row, column=1).alignment = Alignment(wrap_text=False)
    for letter, width in zip("ABCDE", (44, 30, 30, 16, 60)):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"


# ---------------------------------------------------------------- files


def _targets(csv_path: Path | None, xlsx_path: Path | None, force: bool) -> list[tuple[Path, str]]:
    """The (file, format) pairs asked for; none, or an existing file without `force`, is refused."""
    targets = [(p, fmt) for p, fmt in ((csv_path, "csv"), (xlsx_path, "xlsx")) if p is not None]
    if not targets:
        raise UserError("请用 --csv 文件名 或 --xlsx 文件名 指定汇总表的输出文件（可同时指定）")
    for path, _ in targets:
        refuse_existing(path, force)  # a folder, a link or a device is refused too
    return targets


def write_summary(table: SummaryTable, *, csv_path: Path | None = None, xlsx_path: Path | None = None,
                  force: bool = False) -> list[Path]:
    """Write the requested files atomically; refuse existing ones without `force` (before writing any)."""
    targets = _targets(csv_path, xlsx_path, force)
    written = []
    for path, fmt in targets:
        data = to_csv(table) if fmt == "csv" else to_xlsx(table)
        atomic_write_bytes(path, data, overwrite=force, backup=True)
        written.append(path)
    return written


def summary_command(answers: tuple[Path, ...], *, csv_path: Path | None, xlsx_path: Path | None,
                    skip_invalid: bool, jobs: int | None, force: bool, all_columns: bool = False) -> int:
    """`drafter summary`: read every answers file, write the table(s); return the exit code.

    Totals the 司法局 reports upward must not silently leave a unit out: by default a
    bad answers file stops the summary (nothing is written) and is named; with
    --skip-invalid the others are summarised and the exit code is still non-zero.
    """
    from . import echo

    _targets(csv_path, xlsx_path, force)  # before reading anything
    rows, failures = collect(list(answers), jobs=jobs)  # the progress bar on standard error
    for path, message in failures:
        echo.tell("error", message, where=path)
    if failures and not skip_invalid:
        echo.say(f"{len(failures)} 份答卷有误，未生成汇总表（合计不能漏掉单位）。"
                 "请修正后重试，或加 --skip-invalid 跳过这些答卷。", colour="red", err=True)
        return 2
    if not rows:
        raise UserError("没有可汇总的答卷")
    for note in warnings_for(rows):
        echo.tell("warning", note)
    table = build(rows, all_columns=all_columns)
    for path in write_summary(table, csv_path=csv_path, xlsx_path=xlsx_path, force=force):
        echo.done(f"已生成汇总表：{path}（{len(rows)} 个单位，{len(table.columns)} 项数据）")
    if failures:
        echo.say(f"另有 {len(failures)} 份答卷有误，未计入汇总", colour="red")
        return 2
    return 0
