"""A run of years or terms ("连续5年被评为……", "连续3届获评……") changes every year: the import makes
it a custom figure, so next year asks for it (6, not 5 again); other years and durations
("10年以上信访积案", "2021－2025年") stay text, and a correct text is not newly flagged."""

from __future__ import annotations

from pathlib import Path

from conftest import EXAMPLES

from drafter.check.runner import check_paragraphs
from drafter.figures.literals import literal_numbers

BUREAU = next(p for p in EXAMPLES if p.stem == "county-urban-management-bureau")

REPORT = """某某县城市管理局2024年法治政府建设情况报告
一、2024年推进法治政府建设的主要举措和成效
（一）严格规范执法
本局连续5年被评为市级文明单位，行政复议案件连续3年零败诉。化解10年以上信访积案2起。
落实《法治政府建设实施纲要（2021－2025年）》，近3年来未发生重大执法过错。
二、2024年推进法治政府建设存在的不足和原因
执法人员业务素质参差不齐，主要原因是培训不够。
三、2024年党政主要负责人履行推进法治建设第一责任人职责情况
主要负责人带头学法。
四、2025年推进法治政府建设的主要安排
开展执法培训。
"""


def test_a_run_of_years_is_a_figure_and_other_years_are_not():
    found = literal_numbers("本局连续5年被评为市级文明单位，连续 2 届获评先进集体，化解10年以上信访积案，"
                            "2021－2025年，近3年来，2024年度，第3年，连续第4年保持零事故。")
    assert [(n.text, n.value, n.unit) for n in found] == [("5年", 5, "年"), ("2 届", 2, "届"), ("4年", 4, "年")]
    assert [n.label for n in found] == ["连续被评为市级文明单位", "连续获评先进集体", "连续保持零事故"]


def test_the_import_makes_a_run_a_custom_figure_asked_again_next_year(tmp_path):
    from drafter.importing import import_report

    source = tmp_path / "2024.txt"
    source.write_text(REPORT, encoding="utf-8")
    report = import_report(source).report
    custom = {key: f.model_dump(exclude_none=True) for key, f in report.custom_figures.items()}
    runs = {key: spec for key, spec in custom.items() if spec["unit"] == "年"}
    assert sorted(spec["label"] for spec in runs.values()) == ["行政复议案件连续零败诉", "连续被评为市级文明单位"]
    assert sorted(spec["value"] for spec in runs.values()) == [3, 5]
    text = "".join(item.text for topic in report.measures for item in topic.items)
    key = next(k for k, spec in runs.items() if spec["value"] == 5)
    assert f"连续【{key}】年被评为市级文明单位" in text
    assert "连续5年" not in text and "连续3年" not in text
    # years, the outline's title and other durations stay as written
    assert "10年以上信访积案" in text and "（2021－2025年）" in text and "近3年来" in text


def test_a_run_carried_unchanged_is_warned_of_and_a_counted_on_run_is_not(cli, tmp_path):
    import json

    text = BUREAU.read_text(encoding="utf-8").replace(
        "智慧城管平台实现问题采集、派遣、处置、核查闭环管理。",
        "智慧城管平台实现问题采集、派遣、处置、核查闭环管理，连续5年被评为市级文明单位。")
    assert "连续5年" in text
    (tmp_path / "2024.yaml").write_text(text, encoding="utf-8")
    this_year = text.replace("year: 2024", "year: 2025").replace("written_on: 2025-03-20", "written_on: 2026-03-20")

    def carried(body: str) -> list[str]:
        (tmp_path / "2025.yaml").write_text(body, encoding="utf-8")
        result = cli("check", tmp_path / "2025.yaml", "--json")
        return [f["message"] for line in result.stdout.splitlines() if line.strip()
                for f in json.loads(line)["findings"] if "可能是去年的数" in f["message"]]

    found = carried(this_year)
    assert len(found) == 1 and "“5年”" in found[0]
    assert carried(this_year.replace("连续5年", "连续6年")) == []


def test_a_correct_text_with_runs_and_durations_is_not_newly_flagged():
    def findings(sentence: str) -> list[tuple[str, str]]:
        paragraphs = REPORT.replace("本局连续5年被评为市级文明单位，行政复议案件连续3年零败诉。", sentence).splitlines()
        return sorted((f.rule, f.message) for f in check_paragraphs(paragraphs).findings)

    assert findings("本局连续5年被评为市级文明单位，行政复议案件连续3年零败诉。") == findings("本局被评为市级文明单位。")


def test_next_year_asks_for_the_run_again(cli, tmp_path):
    folder = tmp_path / "answers"
    folder.mkdir()
    source = tmp_path / "2024.txt"
    source.write_text(REPORT, encoding="utf-8")
    assert cli("import", source, "-o", folder / "2024.yaml").exit_code == 0
    result = cli("new", "--dir", folder, "--year", "2025", "--no-input", "-o", tmp_path / "d.docx")
    output = result.stdout + result.stderr
    assert "还没有今年的数值" in output and "连续被评为市级文明单位" in output, output
    assert not (tmp_path / "d.docx").exists()
