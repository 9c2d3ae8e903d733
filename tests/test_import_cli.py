"""`drafter import` on the command line: the summary, --force, and one Chinese message for bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import backup_of

FIXTURES = Path(__file__).parent / "fixtures" / "import"
REPORT = FIXTURES / "duty-first-webpage.txt"


def test_import_writes_the_answers_and_prints_the_summary(cli, tmp_path):
    out = tmp_path / "answers" / "2024.yaml"
    result = cli("import", REPORT, "-o", out)
    assert result.exit_code == 0, result.output
    assert out.is_file()
    printed = result.stdout
    assert "部分：识别 4/4" in printed
    assert "第一责任人职责 → 主要举措和成效 → 存在的不足和原因 → 下一年度主要安排" in printed
    # the lead-in of part 2 is the part's own text now (part_texts), not a 待整理 topic
    assert "专题：3 个（目录专题 3，自拟 0）" in printed
    assert "提取的数据（" in printed and "行政处罚案件" in printed
    assert "保留字数：" in printed and "100.0%" in printed
    assert "需要核对" in printed and "待整理" in printed
    text = out.read_text(encoding="utf-8")
    assert "# 由 drafter import 从 duty-first-webpage.txt 导入" in text
    assert "penalty_cases: 132  # 导入：原文“全年查处各类行政处罚案件132件，罚没款36.8万元。”" in text
    assert "# 导入：原“存在的问题和不足”部分开头" in text


def test_default_output_is_answers_year_yaml(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = cli("import", REPORT)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "answers" / "2024.yaml").is_file()


def test_existing_answers_file_is_refused_without_force(cli, tmp_path):
    out = tmp_path / "2024.yaml"
    out.write_text("year: 2024\n", encoding="utf-8")
    result = cli("import", REPORT, "-o", out)
    assert result.exit_code == 1
    assert "已存在" in result.stderr and "--overwrite" in result.stderr
    assert out.read_text(encoding="utf-8") == "year: 2024\n"

    forced = cli("import", REPORT, "-o", out, "--force")
    assert forced.exit_code == 0, forced.output
    assert "东川县市场监督管理局" in out.read_text(encoding="utf-8")
    assert backup_of(tmp_path / "2024.yaml").read_text(encoding="utf-8") == "year: 2024\n"


def _bad_inputs(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    empty = tmp_path / "empty.txt"
    empty.write_text("\n\n", encoding="utf-8")
    prose = tmp_path / "notice.txt"
    prose.write_text("关于召开春季运动会的通知\n各科室：定于4月10日召开春季运动会，请按时参加。\n", encoding="utf-8")
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"this is not a zip file at all")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    old = tmp_path / "report.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    answers = tmp_path / "2024.yaml"
    answers.write_text("year: 2024\n", encoding="utf-8")
    noyear = tmp_path / "noyear.txt"
    noyear.write_text("一、推进法治政府建设的主要举措和成效\n健全制度。\n二、存在的不足和原因\n人员不足。\n"
                      "三、党政主要负责人履行推进法治建设第一责任人职责情况\n亲自部署。\n四、下一年度主要安排\n加强培训。\n",
                      encoding="utf-8")
    return {
        "missing": (tmp_path / "nothing.docx", "找不到"),
        "empty": (empty, "没有文字"),
        "not a report": (prose, "没有找到报告的任何部分"),
        "broken docx": (broken, "不是有效的 .docx"),
        "binary": (binary, "不是文本文件"),
        "old .doc": (old, ".doc"),
        "answers file": (answers, "已经是答卷文件"),
        "no year": (noyear, "--year"),
        "folder": (tmp_path, "文件夹"),
    }


@pytest.mark.parametrize(
    "case", ["missing", "empty", "not a report", "broken docx", "binary", "old .doc", "answers file", "no year", "folder"]
)
def test_bad_input_is_one_chinese_message_and_exit_2(cli, tmp_path, case):
    source, words = _bad_inputs(tmp_path)[case]
    out = tmp_path / "out" / "a.yaml"
    result = cli("import", source, "-o", out)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("错误：")
    assert words in lines[0]
    assert not out.exists()


def test_year_option_when_the_text_names_none(cli, tmp_path):
    source, _ = _bad_inputs(tmp_path)["no year"]
    out = tmp_path / "a.yaml"
    result = cli("import", source, "-o", out, "--year", "2024")
    assert result.exit_code == 0, result.output
    from drafter.answers import load_report

    report = load_report(out)
    assert report.year == 2024
    assert [s.problem for s in report.shortcomings] == ["人员不足"]
