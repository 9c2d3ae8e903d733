"""`drafter summary`: one row per unit, totals equal to the sum of the units (computed here
independently, straight from the YAML), Chinese headers from the catalogue, CSV for Excel, xlsx
read back with openpyxl."""

from __future__ import annotations

import csv
import dataclasses
import io
import shutil
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from conftest import backup_of, EXAMPLES

from drafter.catalogue import Indicator, Rate, catalogue


# ---------------------------------------------------------------- the units, and what the totals must be


def _variants(tmp_path: Path) -> list[Path]:
    """The bundled examples plus a copy of each with another name and every count doubled
    (doubling keeps parts ≤ totals), so several units report the same figures."""
    folder = tmp_path / "answers"
    folder.mkdir()
    yaml = YAML()
    files = []
    for example in EXAMPLES:
        copy = folder / example.name
        shutil.copyfile(example, copy)
        files.append(copy)
        data = yaml.load(example.read_text(encoding="utf-8"))
        data["unit"]["name"] = data["unit"]["name"] + "二分局"
        for block in _figure_blocks(data):
            for key, value in block.items():
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    block[key] = value * 2
        double = folder / f"{example.stem}-double.yaml"
        with double.open("w", encoding="utf-8") as handle:
            yaml.dump(data, handle)
        files.append(double)
    return files


def _figure_blocks(data) -> list[dict]:
    blocks = [topic["figures"] for topic in data.get("measures") or [] if topic.get("figures")]
    duty = data.get("duty") or {}
    if duty.get("figures"):
        blocks.append(duty["figures"])
    return blocks


def _expected(files: list[Path]) -> tuple[dict, dict, dict, list[dict]]:
    """(totals, counts, pooled rates, per-unit figures) from the raw YAML, without drafter."""
    yaml = YAML(typ="safe", pure=True)
    units = []
    for path in files:
        data = yaml.load(path.read_text(encoding="utf-8"))
        figures = {}
        for block in _figure_blocks(data):
            for key, value in block.items():
                assert isinstance(value, (int, float, bool)), f"{path}: {key}={value!r} is not a plain number"
                figures[key] = value
        units.append(figures)
    totals, counts = {}, {}
    for figures in units:
        for key, value in figures.items():
            counts[key] = counts.get(key, 0) + 1
            totals[key] = totals.get(key, 0) + (1 if value is True else 0 if value is False else value)
    rates = {}
    for key, rate in catalogue().rates.items():
        pairs = [(f[rate.numerator], f[rate.denominator]) for f in units
                 if rate.numerator in f and f.get(rate.denominator)]
        if pairs:
            rates[key] = sum(n for n, _ in pairs) / sum(d for _, d in pairs)
    return totals, counts, rates, units


def _number(text: str) -> float:
    return float(text.rstrip("%")) / (100 if text.endswith("%") else 1)


# ---------------------------------------------------------------- CSV


def _assert_totals(totals, counts, column, units, total_row, count_row, number) -> None:
    """合计 holds the expected totals, which are the sum of the unit rows; 填报单位数 the counts.
    `number` reads a cell (the CSV's cells are text, the xlsx's are numbers)."""
    cat = catalogue()
    for key, total in totals.items():
        index = column[cat.indicators[key].label_with_unit]
        if cat.indicators[key].type == "flag":
            assert total_row[index] == f"是：{total}"
        else:
            assert number(total_row[index]) == pytest.approx(total), key
            assert sum(number(row[index]) for row in units if row[index] not in (None, "")) == pytest.approx(total), key
        assert number(count_row[index]) == counts[key], key


def test_csv_totals_equal_the_sum_of_the_units(cli, tmp_path):
    files = _variants(tmp_path)
    target = tmp_path / "汇总.csv"
    result = cli("summary", *files, "--csv", target)
    assert result.exit_code == 0, result.stderr
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with BOM, so Excel reads the Chinese headers"
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    header, units, total_row, count_row = rows[0], rows[1:-2], rows[-2], rows[-1]
    totals, counts, rates, figures = _expected(files)

    assert header[:5] == ["序号", "单位名称", "单位类型", "报告年度", "答卷文件"]
    cat = catalogue()
    reported = [key for key in cat.indicators if key in counts]
    assert sorted(header[5:5 + len(reported)]) == sorted(cat.indicators[key].label_with_unit for key in reported)
    assert header[5 + len(reported):] == [cat.rates[key].label for key in cat.rates if key in rates]
    column = {name: index for index, name in enumerate(header)}

    assert len(units) == len(files)
    assert total_row[1] == "合计" and count_row[1] == "填报单位数"
    _assert_totals(totals, counts, column, units, total_row, count_row, _number)
    for key, pooled in rates.items():
        assert _number(total_row[column[cat.rates[key].label]]) == pytest.approx(pooled, abs=5e-5), key
    # one row per unit, values in the right place
    for row, unit in zip(units, figures):
        for key, value in unit.items():
            cell = row[column[cat.indicators[key].label_with_unit]]
            if isinstance(value, bool):
                assert cell == ("是" if value else "否")
            else:
                assert _number(cell) == pytest.approx(value)


# ---------------------------------------------------------------- xlsx


def test_xlsx_reads_back_with_headers_frozen_panes_and_totals(cli, tmp_path):
    import openpyxl
    files = _variants(tmp_path)
    target = tmp_path / "汇总.xlsx"
    result = cli("summary", *files, "--xlsx", target)
    assert result.exit_code == 0, result.stderr
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["汇总", "指标说明"]
    sheet = book["汇总"]
    assert sheet.freeze_panes == "C3"  # two header rows and 序号/单位名称 stay in view
    headers = [cell.value for cell in sheet[2]]
    assert [cell.value for cell in sheet[1]][:5] == ["序号", "单位名称", "单位类型", "报告年度", "答卷文件"]
    assert all(cell.font.bold for cell in sheet[2][5:])
    totals, counts, rates, figures = _expected(files)
    cat = catalogue()
    column = {name: index for index, name in enumerate(headers) if name}
    for key in counts:
        assert cat.indicators[key].label_with_unit in column
    # the topic row groups the columns under the catalogue's topic titles
    groups = {cell.value for cell in sheet[1][5:] if cell.value}
    assert "第一责任人职责" in groups and any("执法" in g for g in groups)

    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    units, total_row, count_row = rows[:-2], rows[-2], rows[-1]
    assert len(units) == len(files)
    assert [row[1] for row in units] == [_name(f) for f in files]
    assert total_row[1] == "合计" and count_row[1] == "填报单位数"
    _assert_totals(totals, counts, column, units, total_row, count_row, lambda value: value)
    for key, pooled in rates.items():
        index = column[cat.rates[key].label]
        assert total_row[index] == pytest.approx(pooled)
        assert sheet.cell(row=3, column=index + 1).number_format == "0.00%"
    # sensible widths: every column set, none absurd; long headers wrap
    for index in range(1, len(headers) + 1):
        width = sheet.column_dimensions[openpyxl.utils.get_column_letter(index)].width
        assert 6 <= width <= 50
    assert sheet.cell(row=2, column=6).alignment.wrap_text
    explained = [row[0] for row in book["指标说明"].iter_rows(min_row=2, values_only=True) if row and row[0]]
    assert set(h for h in headers[5:]) <= set(explained)


def _name(path: Path) -> str:
    return YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))["unit"]["name"]


# ---------------------------------------------------------------- columns come from the catalogue


def test_columns_follow_the_catalogue(monkeypatch):
    import drafter.summary as summary

    base = catalogue()
    extra = Indicator(key="new_thing", label="新指标", unit="项")
    changed = dataclasses.replace(
        base,
        indicators={**base.indicators, "new_thing": extra},
        rates={**base.rates, "new_rate": Rate("new_rate", "新比率", "new_thing", "penalty_cases")},
    )
    monkeypatch.setattr(summary, "catalogue", lambda: changed)
    columns = summary.columns()
    assert [c.key for c in columns if c.kind != "rate"] and len(columns) == len(changed.indicators) + len(changed.rates)
    new = next(c for c in columns if c.key == "new_thing")
    assert new.header == "新指标（项）" and new.group == summary.OTHER_GROUP
    assert columns[-1].key == "new_rate" and columns[-1].header == "新比率"
    # every indicator appears once, under the first topic that asks for it
    assert len({c.key for c in columns}) == len(columns)


def test_all_columns_option_lists_every_indicator(cli, tmp_path):
    target = tmp_path / "all.csv"
    result = cli("summary", EXAMPLES[0], "--csv", target, "--all-columns")
    assert result.exit_code == 0, result.stderr
    header = next(csv.reader(io.StringIO(target.read_bytes().decode("utf-8-sig"))))
    assert len(header) == 5 + len(catalogue().indicators) + len(catalogue().rates)


# ---------------------------------------------------------------- bad input, overwrites, formulas


def test_a_bad_answers_file_stops_the_summary_unless_skipped(cli, tmp_path):
    files = _variants(tmp_path)[:2]
    bad = tmp_path / "answers" / "坏.yaml"
    bad.write_text("year: 2024\nunit: [\n", encoding="utf-8")
    target = tmp_path / "s.csv"
    refused = cli("summary", *files, bad, "--csv", target)
    assert refused.exit_code == 2
    assert "坏.yaml" in refused.stderr and "--skip-invalid" in refused.stderr
    assert not target.exists(), "totals that silently leave a unit out must not be written"
    skipped = cli("summary", *files, bad, "--csv", target, "--skip-invalid")
    assert skipped.exit_code == 2
    rows = list(csv.reader(io.StringIO(target.read_bytes().decode("utf-8-sig"))))
    assert len(rows) == 1 + len(files) + 2


def test_summary_needs_an_output_and_keeps_existing_files(cli, tmp_path):
    none = cli("summary", EXAMPLES[0])
    assert none.exit_code == 2 and "--csv" in none.stderr
    target = tmp_path / "s.xlsx"
    target.write_bytes(b"kept")
    refused = cli("summary", EXAMPLES[0], "--xlsx", target)
    assert refused.exit_code == 1 and target.read_bytes() == b"kept"
    forced = cli("summary", EXAMPLES[0], "--xlsx", target, "--force")
    assert forced.exit_code == 0
    assert backup_of(tmp_path / "s.xlsx").read_bytes() == b"kept"


def test_a_unit_name_is_never_read_as_a_formula(cli, tmp_path):
    import openpyxl
    yaml = YAML()
    data = yaml.load(EXAMPLES[0].read_text(encoding="utf-8"))
    data["unit"]["name"] = "=HYPERLINK(\"http://x\",\"点我\")局"
    answers = tmp_path / "f.yaml"
    with answers.open("w", encoding="utf-8") as handle:
        yaml.dump(data, handle)
    result = cli("summary", answers, "--csv", tmp_path / "f.csv", "--xlsx", tmp_path / "f.xlsx")
    assert result.exit_code == 0, result.stderr
    row = list(csv.reader(io.StringIO((tmp_path / "f.csv").read_bytes().decode("utf-8-sig"))))[1]
    assert row[1].startswith("'=")
    cell = openpyxl.load_workbook(tmp_path / "f.xlsx")["汇总"]["B3"]
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")


def test_summary_warns_about_duplicates_and_mixed_years(cli, tmp_path):
    yaml = YAML()
    data = yaml.load(EXAMPLES[0].read_text(encoding="utf-8"))
    first, same = tmp_path / "a.yaml", tmp_path / "b.yaml"
    shutil.copyfile(EXAMPLES[0], first)
    shutil.copyfile(EXAMPLES[0], same)
    result = cli("summary", first, same, "--csv", tmp_path / "s.csv")
    assert result.exit_code == 0
    assert "出现两次" in result.stderr and data["unit"]["name"] in result.stderr


def test_topic_titles_get_rows_tall_enough_to_be_read(cli, tmp_path):
    # A long topic title over a single narrow column wraps onto several lines; the row must
    # be tall enough for all of them (about 15 points a line), or the title prints cut off.
    import math

    import openpyxl
    from openpyxl.utils import get_column_letter

    def display_width(text: str) -> int:  # Excel's width unit is a "0": a Chinese character is two
        return sum(2 if ord(ch) > 127 else 1 for ch in text)

    target = tmp_path / "s.xlsx"
    assert cli("summary", *EXAMPLES, "--xlsx", target).exit_code == 0
    sheet = openpyxl.load_workbook(target)["汇总"]
    needed = 1
    for cell in sheet[1]:
        if not cell.value or cell.column <= 5:
            continue
        span = next((r for r in sheet.merged_cells.ranges if r.min_row == 1 and r.min_col == cell.column), None)
        last = span.max_col if span else cell.column
        width = sum(sheet.column_dimensions[get_column_letter(c)].width for c in range(cell.column, last + 1))
        needed = max(needed, math.ceil(display_width(cell.value) / (width - 1)))
    assert needed >= 3  # the examples do have a title that wraps three times
    assert sheet.row_dimensions[1].height >= 15 * needed


def test_many_files_are_read_in_worker_processes_in_their_order(tmp_path, cli):
    # 16 files or more go through the shared process pool (drafter.pool); the rows keep the
    # order of the command line, and a bad file is named, not lost.
    folder = tmp_path / "many"
    folder.mkdir()
    files = []
    for number in range(17):
        path = folder / f"u{number:02d}.yaml"
        shutil.copyfile(EXAMPLES[0], path)
        files.append(path)
    files[5].write_text("year: [\n", encoding="utf-8")
    result = cli("summary", *files, "--csv", tmp_path / "s.csv", "--skip-invalid", "-j", "2")
    assert result.exit_code == 2 and "u05.yaml" in result.stderr
    rows = list(csv.reader(io.StringIO((tmp_path / "s.csv").read_text(encoding="utf-8-sig"))))
    assert [row[4] for row in rows[1:-2]] == [p.name for p in files if p.name != "u05.yaml"]
