"""`drafter check`: drafter.check.command.run — human output, --json, exit codes."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from drafter.check.command import run

FIXTURES = Path(__file__).parent / "fixtures" / "check"
CLEAN = str(FIXTURES / "clean.txt")
WEB = str(FIXTURES / "web_copy.txt")
NO_NUMBERS = str(FIXTURES / "no_part_numbers.txt")


def console():
    from rich.console import Console

    return Console(file=io.StringIO(), width=200, color_system=None, force_terminal=False)


def human(paths):
    c = console()
    code = run(paths, as_json=False, console=c)
    return code, c.file.getvalue()


def as_json(paths):
    c = console()
    code = run(paths, as_json=True, console=c)
    return code, [json.loads(line) for line in c.file.getvalue().splitlines()]


def test_clean_file_exit_0():
    code, out = human([CLEAN])
    assert code == 0
    assert "未发现问题" in out and "2024年度" in out


def test_warnings_only_exit_0_and_grouped_in_chinese():
    code, out = human([WEB])
    assert code == 0
    assert "警告（6）" in out and "提示（1）" in out  # the sixth: "(二)规范执法行为。" ends in a full stop and "错误" not in out.split("警告")[0]
    assert "位置：" in out and "修改：" in out
    assert "「" in out  # a quoted excerpt
    assert "“主要举措和成效”部分 · 第" in out


def test_errors_exit_1():
    code, out = human([NO_NUMBERS])
    assert code == 1
    assert "错误（4）" in out


def test_several_files_print_a_summary_table():
    code, out = human([CLEAN, WEB, NO_NUMBERS])
    assert code == 1
    assert "检查汇总" in out
    assert "clean.txt" in out and "no_part_numbers.txt" in out


def test_unreadable_file_exit_2_even_with_errors(tmp_path):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a docx")
    code, out = human([NO_NUMBERS, str(bad)])
    assert code == 2
    assert "无法检查" in out and "bad.docx" in out


def test_no_files_exit_2():
    assert run([], as_json=False, console=console()) == 2


def test_json_one_object_per_file():
    code, objs = as_json([WEB])
    assert code == 0 and len(objs) == 1
    obj = objs[0]
    assert set(obj) == {"file", "year", "parts", "findings"}
    assert obj["year"] == 2024
    assert obj["parts"] == ["duty", "measures", "shortcomings", "plans"]
    for f in obj["findings"]:
        assert set(f) >= {"rule", "severity", "part", "paragraph", "excerpt", "message"}
        assert f["severity"] in ("error", "warning", "info")
    approx = [f for f in obj["findings"] if f["rule"] == "text.approx_after_exact"]
    assert {f["part"] for f in approx} == {"measures"}
    assert all(isinstance(f["paragraph"], int) for f in approx)


def test_json_lines_for_several_files_and_unreadable(tmp_path):
    missing = str(tmp_path / "missing.txt")
    code, objs = as_json([CLEAN, NO_NUMBERS, missing])
    assert code == 2
    assert [o["file"] for o in objs] == [CLEAN, NO_NUMBERS, missing]
    assert objs[0]["findings"] == []
    assert objs[2]["error"].startswith("找不到文件")


def test_json_without_console_writes_stdout(capsys):
    assert run([CLEAN], as_json=True) == 0
    assert json.loads(capsys.readouterr().out)["file"] == CLEAN


def test_import_is_light():
    code = (
        "import sys, drafter.check.command, drafter.recognise, drafter.textsource;"
        "print(any(m.split('.')[0] in ('docx', 'rich') for m in sys.modules))"
    )
    root = Path(__file__).resolve().parents[1]
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root, check=True)
    assert out.stdout.strip() == "False"


# ---------------------------------------------------------------------------------------------
# Answers files (drafter.answers / drafter.document are written elsewhere)


EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "examples").glob("*.yaml"))


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_and_its_draft_check_clean(example, tmp_path):
    from drafter.answers import load_report
    from drafter.render import render_report

    report = load_report(example)
    draft = tmp_path / "draft.docx"
    draft.write_bytes(render_report(report))
    code, objs = as_json([str(example), str(draft)])
    assert code == 0
    expected_parts = [key.value for key in report.layout.part_order]
    for obj in objs:
        assert obj["year"] == report.year
        assert obj["parts"] == expected_parts
        serious = [f for f in obj["findings"] if f["severity"] in ("error", "warning")]
        assert serious == [], (obj["file"], serious)


def test_invalid_answers_is_an_error_finding_and_broken_yaml_is_unreadable(tmp_path):
    invalid = tmp_path / "2024.yaml"
    invalid.write_text("year: 2024\n", encoding="utf-8")  # parses, but no unit and no parts
    code, objs = as_json([str(invalid)])
    assert code == 1
    findings = objs[0]["findings"]  # every problem, each its own finding
    assert all(f["rule"] == "answers.invalid" and f["severity"] == "error" for f in findings)
    assert any("unit" in f["message"] and "必须填写" in f["message"] for f in findings)
    assert any("第四部分“下一年度主要安排”不能为空" in f["message"] for f in findings)

    broken = tmp_path / "2025.yaml"
    broken.write_text("year: 2024\nunit: [\n", encoding="utf-8")
    code, objs = as_json([str(broken)])
    assert code == 2
    assert "YAML 格式有误" in objs[0]["error"]


def test_text_files_give_line_numbers():
    code, out = human([WEB])
    assert "（第" in out and "行）" in out
    _, objs = as_json([WEB])
    located = [f for f in objs[0]["findings"] if f["paragraph"]]
    assert all(f["line"] >= f["paragraph"] for f in located)


def test_never_crashes_on_odd_input():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from drafter.check import check_paragraphs

    pieces = st.sampled_from(
        ["一、", "（一）", "(二)", "1.", "1、", "（1）", "第一部分", "主要举措和成效", "存在的不足", "第一责任人职责",
         "2025年", "主要安排", "24年度", "3余次", "100%", "120%", "处置率", "已处置", "上报", "5件", "，", ",", "。",
         "(", ")", "\"", "《", "》", "<", ">", "截止", "今年", "特此报告。", "2025年2月30日", "2025年2月28日", " ", "\u3000"]
    )
    paragraph = st.lists(pieces, max_size=8).map("".join)

    @settings(max_examples=150, deadline=None)
    @given(st.lists(paragraph, max_size=12))
    def run_it(paras):
        result = check_paragraphs(paras)
        for f in result.findings:
            assert f.severity in ("error", "warning", "info") and f.message

    run_it()
