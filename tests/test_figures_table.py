"""`drafter figures`: the figures table out (CSV with BOM, .xlsx) and back in (--fill), and the
year-to-year promise: carried into next year, filled through the table, rendered, the draft
states every new value once and none of last year's (issue 11, item 6 and "Tests must show")."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from conftest import EXAMPLES

from drafter.answers import load_answers
from drafter.catalogue import catalogue
from drafter.document import compose, resolved
from drafter.figures.literals import literal_numbers
from drafter.figures.live import live_figures
from drafter.figures.refs import report_texts

BUREAU = next(p for p in EXAMPLES if p.stem == "county-urban-management-bureau")
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
SEEDS = sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []


def _next_year(cli, tmp_path: Path, example: Path) -> Path:
    """Carry `example` (an answers file, or a report to import first) into next year with
    --defaults --no-input; returns the new answers file."""
    folder = tmp_path / "answers"
    folder.mkdir()
    if example.suffix == ".yaml":
        (folder / "2024.yaml").write_text(example.read_text(encoding="utf-8"), encoding="utf-8")
    else:
        assert cli("import", example, "-o", folder / "2024.yaml").exit_code == 0
    result = cli("new", "--dir", folder, "--year", "2025", "--defaults", "--no-input", "-o", tmp_path / "草稿.docx")
    assert result.exit_code == 0, result.stderr
    assert not (tmp_path / "草稿.docx").exists()  # no draft while figures are missing
    return folder / "2025.yaml"


def _read_csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: Excel opens it as UTF-8
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


def _new_values(rows: list[list[str]]) -> dict[str, int]:
    """A changed, distinct value for every row, parts below totals, 一般 + 简易 = 案件总数; a
    text's own figures decrease in reading order ("共200人，其中142人")."""
    cat = catalogue()
    keys = [row[0] for row in rows[1:]]
    parts = {p for c in cat.constraints for p in c.parts}
    values = {}
    for n, (key, row) in enumerate(zip(keys, rows[1:])):
        depth2 = any(key in c.parts and c.total in parts for c in cat.constraints)
        if row[2] == "%":
            values[key] = 10.5 + n  # a percentage stays below 100
        else:
            values[key] = 17 + n if depth2 else (300 + 7 * n if key in parts else 9000 - 11 * n)
    if "penalty_general" in values and "penalty_simple" in values:
        values["penalty_cases"] = values["penalty_general"] + values["penalty_simple"]
    return values


def _fill(cli, answers: Path, tmp_path: Path, values: dict[str, int], kind: str = "csv") -> str:
    table = tmp_path / f"数据表.{kind}"
    assert cli("figures", answers, "-o", table).exit_code == 0
    if kind == "csv":
        rows = _read_csv(table)
        for row in rows[1:]:
            row[4] = str(values[row[0]])
        out = io.StringIO()
        csv.writer(out).writerows(rows)
        table.write_bytes(out.getvalue().encode("utf-8-sig"))
    else:
        from openpyxl import load_workbook

        book = load_workbook(table)
        sheet = book.active
        for line in sheet.iter_rows(min_row=2):
            line[4].value = values[line[0].value]
        book.save(table)
    result = cli("figures", answers, "--fill", table)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_the_table_has_one_row_per_figure_with_last_years_value_and_its_sentence(cli, tmp_path):
    answers = _next_year(cli, tmp_path, BUREAU)
    out = tmp_path / "t.csv"
    result = cli("figures", answers, "-o", out)
    assert result.exit_code == 0, result.stderr
    rows = _read_csv(out)
    assert rows[0] == ["键名", "名称", "单位", "去年", "今年", "原句"]
    by_key = {row[0]: row for row in rows[1:]}
    assert by_key["law_drafting_comments"] == [
        "law_drafting_comments", "对上级拟定法规和裁量标准提出修改意见", "次", "8", "",
        "出台瓜果季便民临时摊点管理规定，参与上级部门拟定法规和裁量标准提出修改意见【law_drafting_comments】次。"]
    assert by_key["penalty_cases"][:5] == ["penalty_cases", "行政处罚案件", "件", "59", ""]
    # every figure of last year is a row; rates (computed) and yes/no flags are not
    last_year = load_answers(BUREAU).report
    assert set(by_key) == set(last_year.figures()) - {"duty_law_report"} | set(last_year.custom_figures)
    # an existing table is not overwritten without --force
    again = cli("figures", answers, "-o", out)
    assert again.exit_code == 1 and "已存在" in again.stderr


@pytest.mark.parametrize("example", EXAMPLES + SEEDS, ids=lambda p: p.stem)
@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_carry_fill_render_states_every_new_value_once_and_nothing_of_last_year(cli, tmp_path, example, kind):
    answers = _next_year(cli, tmp_path, example)
    last_year = load_answers(answers.with_name("2024.yaml")).report
    table = tmp_path / "probe.csv"
    cli("figures", answers, "-o", table)
    values = _new_values(_read_csv(table))
    if example.suffix != ".yaml":  # what the review asks of a carried import: last year's year in the text
        # and what the import left to write ("（待补写：原文未单列原因）")
        text = answers.read_text(encoding="utf-8").replace("2024年", "2025年")
        answers.write_text(re.sub(r"（待补写[^）]*）", "主要是人员力量不足。", text), encoding="utf-8")
    printed = _fill(cli, answers, tmp_path, values, kind)
    assert f"已把 {len(values)} 项数据写入答卷" in printed
    assert re.search(r"第 2 行 \w+（.+?）：（空） → \d+", printed)

    this_year = load_answers(answers).report
    text = "\n".join(compose(this_year).paragraphs())
    figures = live_figures(this_year)
    for key, value in values.items():
        figure = figures[key]
        assert figure.value == value
        # every new value, stated once (the source's own measure word and 余 stay: “开展讲座5022次”)
        number = figure.with_unit(value)[: -len(figure.unit)] if figure.unit else figure.with_unit(value)
        written = re.findall(rf"(?<![\d.]){re.escape(number)}(?![\d.])", text)
        assert len(written) == 1, (key, number, written)
    # no number of last year's prose survives unchanged, unless confirmed as fixed
    fixed = set(last_year.fixed_numbers)
    before = {loc: literal_numbers(t) for loc, t in report_texts(resolved(last_year))}
    after = {loc: literal_numbers(t) for loc, t in report_texts(resolved(this_year))}
    for loc, tokens in before.items():
        stale = [t.text for t in tokens if t.text not in fixed] if loc in after else []
        assert not [t for t in stale if t in {x.text for x in after[loc]}], (loc, stale)
    rendered = cli("render", answers, "-o", tmp_path / "草稿.docx")
    assert rendered.exit_code == 0, rendered.stderr


def test_a_bad_row_is_named_and_nothing_is_written(cli, tmp_path):
    answers = _next_year(cli, tmp_path, BUREAU)
    answers.write_text(answers.read_text(encoding="utf-8").replace("unit:\n", "unit:  # 我的备注\n", 1), encoding="utf-8")
    before = answers.read_bytes()
    table = tmp_path / "t.csv"
    cli("figures", answers, "-o", table)
    rows = _read_csv(table)
    for row in rows[1:]:
        row[4] = {"penalty_cases": "五十九", "trainees": "-3", "staff": "210"}.get(row[0], "")
    rows.append(["penalty_casess", "", "", "", "3", ""])
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    table.write_bytes(out.getvalue().encode("utf-8-sig"))
    result = cli("figures", answers, "--fill", table)
    assert result.exit_code == 2
    number = {row[0]: n for n, row in enumerate(rows, 1)}
    assert f"第 {number['penalty_cases']} 行 penalty_cases（行政处罚案件）：“五十九”不是数字" in result.stderr
    assert f"第 {number['trainees']} 行 trainees（干部职工参加法治培训）：“-3”不是" in result.stderr
    assert f"第 {len(rows)} 行：键名“penalty_casess”既不是这份答卷里的数据，也不是目录指标，是否想写“penalty_cases”？" in result.stderr
    assert "答卷未修改" in result.stderr
    assert answers.read_bytes() == before

    # fixed: only the good value is written, the comment kept
    for row in rows[1:]:
        row[4] = {"staff": "210"}.get(row[0], "")
    out = io.StringIO()
    csv.writer(out).writerows(rows[:-1])
    table.write_bytes(out.getvalue().encode("utf-8-sig"))
    result = cli("figures", answers, "--fill", table)
    assert result.exit_code == 0, result.stderr
    assert f"第 {number['staff']} 行 staff（全局干部职工）：（空） → 210余人" in result.stdout
    assert "仍未填写：law_drafting_comments" in result.stdout
    text = answers.read_text(encoding="utf-8")
    assert "unit:  # 我的备注" in text
    assert load_answers(answers, require_values=False).report.custom_figures["staff"].value == 210


def test_a_fill_that_breaks_a_rule_writes_nothing(cli, tmp_path):
    answers = _next_year(cli, tmp_path, BUREAU)
    before = answers.read_bytes()
    table = tmp_path / "t.csv"
    cli("figures", answers, "-o", table)
    rows = _read_csv(table)
    for row in rows[1:]:
        row[4] = {"penalty_cases": "10", "penalty_general": "27"}.get(row[0], "")
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    table.write_bytes(out.getvalue().encode("utf-8-sig"))
    result = cli("figures", answers, "--fill", table)
    assert result.exit_code == 2 and "答卷未修改" in result.stderr and "超过了" in result.stderr
    assert answers.read_bytes() == before


def test_figures_needs_exactly_one_of_output_and_fill(cli, tmp_path):
    result = cli("figures", BUREAU)
    assert result.exit_code == 2 and "二者选一" in result.stderr
    wrong = cli("figures", BUREAU, "-o", tmp_path / "t.txt")
    assert wrong.exit_code == 2 and ".csv 或 .xlsx" in wrong.stderr
