"""Issue 11's promise read off the Word file, as a reviewer reads it: each example and each
imported corpus report carried into next year (`drafter new --defaults --no-input`), every 今年
cell of `drafter figures` filled with a changed value, `drafter render` without --force; then the
.docx itself: no number + measure word of last year's draft survives in its sentence unless the
answers confirm it fixed, every new value is there, no placeholder is left. The measure words are
this test's own list (time units included: "节约警力时间约260小时" is a figure too)."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from pathlib import Path

import pytest
from docx import Document

from conftest import EXAMPLES

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
SEEDS = EXAMPLES + (sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else [])

UNITS = ("人次 家次 户次 件次 万元 平方米 公里 小时 学时 课时 件 次 人 名 场 份 篇 个 项 起 条 册 家 户 "
         "元 米 本 期 批 处 辆 台 套 张 宗 所 天 %").split()
TOKEN = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?:余|多)?(?:" + "|".join(map(re.escape, UNITS)) + ")")
PLACEHOLDERS = ("请补充", "……", "待整理", "待补写", "待填写")
# Standing phrases, not this year's data: a number in them may stand where it stood.
STANDING = re.compile(r"\d+小时(?:值班|服务|在线)|不少于\d+学时")


def _draft(path: Path) -> str:
    """The draft's text as Word shows it: invisible format characters (the WORD JOINER that
    keeps "55001" and "件" on one line) left out."""
    text = "\n".join(p.text for p in Document(str(path)).paragraphs)
    return "".join(c for c in text if unicodedata.category(c) != "Cf")


def _in_context(text: str) -> set[tuple[str, str]]:
    """(token, the ten characters before it, digits blurred): a token of last year is stale
    when it stands where it stood (an equal count elsewhere does not count). Rates are left out: a rate computed from two doubled counts is the same
    rate, and the rates typed as figures are among the values checked to be there."""
    standing = {m.start() for s in STANDING.finditer(text) for m in TOKEN.finditer(text, s.start(), s.end())}
    return {
        (m[0], re.sub(r"[\d.]+", "#", text[max(0, m.start() - 10) : m.start()]))
        for m in TOKEN.finditer(text)
        if not m[0].endswith("%") and m.start() not in standing
    }


def _changed(last: str, unit: str) -> str:
    """Last year's value changed, keeping parts below their totals (every count doubled, plus one
    when last year's was 0) and percentages at most 100."""
    number = float(last) if last else 0
    if unit == "%":
        return "95" if number == 100 else "100"
    return str(int(number * 2) if number else 1)


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_next_years_draft_states_this_years_figures_and_none_of_last_years(cli, tmp_path, monkeypatch, seed):
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "answers"
    folder.mkdir()
    last_year = folder / "2024.yaml"
    if seed.suffix == ".yaml":
        last_year.write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    else:
        imported = cli("import", seed, "-o", last_year)
        assert imported.exit_code == 0, imported.stderr
        # the import's review: what it could not find is written once, by the clerk, last year
        text = last_year.read_text(encoding="utf-8")
        last_year.write_text(re.sub(r"（待补写[^）]*）", "主要是人员力量不足。", text), encoding="utf-8")
    assert cli("render", last_year, "-o", "去年.docx", "--ignore-check").exit_code == 0
    before = _draft(tmp_path / "去年.docx")

    carried = cli("new", "--dir", folder, "--year", "2025", "--defaults", "--no-input")
    assert carried.exit_code == 0, carried.stderr
    answers = folder / "2025.yaml"
    assert cli("figures", answers, "-o", "数据表.csv").exit_code == 0
    rows = list(csv.reader(io.StringIO((tmp_path / "数据表.csv").read_text(encoding="utf-8-sig"))))
    head, body = rows[0], rows[1:]
    now, last, unit = head.index("今年"), head.index("去年"), head.index("单位")
    for row in body:
        row[now] = _changed(row[last], row[unit])
    with open(tmp_path / "数据表.csv", "w", encoding="utf-8-sig", newline="") as out:
        csv.writer(out).writerows(rows)
    filled = cli("figures", answers, "--fill", "数据表.csv")
    assert filled.exit_code == 0, filled.stderr

    rendered = cli("render", answers, "-o", "今年.docx")
    assert rendered.exit_code == 0, rendered.stderr
    after = _draft(tmp_path / "今年.docx")

    from drafter.answers import load_report

    fixed = set(load_report(answers).fixed_numbers)
    stale = sorted(t for t in _in_context(before) & _in_context(after) if t[0] not in fixed)
    assert not stale, stale
    def count(value: str, text: str) -> int:
        """How often `value` is written ("200000" may be written "20万": GB/T 15835)."""
        forms = [value] + ([f"{int(value) // 10000}万"] if value.isdigit() and int(value) >= 100000 and int(value) % 10000 == 0 else [])
        return sum(len(re.findall(rf"(?<![\d.]){re.escape(form)}(?![\d.万])", text)) for form in forms)

    values = [row[now] for row in body]
    for value in set(values):
        assert count(value, after) >= 1, value  # every new value is there …
        # … and stated once: no more often than figures have it (plus the times it stood in last year's draft)
        assert count(value, after) <= values.count(value) + count(value, before), value
    assert not [p for p in PLACEHOLDERS if p in after]


def test_a_duration_is_a_figure_but_a_rule_in_hours_is_not():
    from drafter.figures.literals import literal_numbers

    found = literal_numbers("累计节约警力时间约260小时，组织集中培训32学时。")
    assert [(n.text, n.unit) for n in found] == [("260小时", "小时"), ("32学时", "学时")]
    assert literal_numbers("每人每年不少于60学时，群众诉求24小时内办结，落实24小时值班。") == []


def test_a_whole_number_of_wan_is_written_as_prose_writes_it():
    from drafter.figures.live import LiveFigure

    def text(value, approximate=False):
        return LiveFigure("audience", "普法受众", "人次", "custom", value, approximate=approximate).text()

    assert text(100000, approximate=True) == "10万余"  # "受众【audience】余" → 受众10万余
    assert text(1200000) == "120万"
    assert (text(123456), text(50000), text(55401)) == ("123456", "50000", "55401")
