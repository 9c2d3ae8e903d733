"""The command-line frame (usage, help headings, click's errors) is Chinese, whatever the locale."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest

from drafter.clicktext import CLICK_MODULES, catalogue, display_width, wrap

# What click prints in English when its strings are not translated
ENGLISH_FRAME = ["Usage", "Options", "Commands", "Show this message", "Show the version", "Error", "Missing",
                 "No such", "Did you mean", "default", "INTEGER", "RANGE", "PATH", "OPTIONS", "COMMAND", "ARGS",
                 "ANSWERS", "TEXT", "Try ", "version", "for help", "Aborted", "Invalid value"]
# English a Chinese help may still contain: product and format names, paths in examples
ALLOWED = {"drafter", "docx", "yaml", "txt", "md", "pdf", "PDF", "Word", "WPS", "LibreOffice", "JSON", "Lines", "Schema",
           "Markdown", "HTML", "CPU", "CSV", "UTF", "Excel", "xlsx", "answers", "drafts", "bak", "custom", "template",
           "check", "render", "new", "import", "export", "summary", "schema", "figures", "from", "version", "help",
           "python"}  # "python -m drafter"


def _click_messages() -> set[str]:
    """Every literal string click passes to _() or ngettext() (what xgettext would extract)."""
    found = set()
    for name in CLICK_MODULES:
        source = Path(click.__file__).parent / f"{name}.py"
        if not source.exists():
            continue
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "ngettext"):
                found |= {arg.value for arg in node.args[:2] if isinstance(arg, ast.Constant) and isinstance(arg.value, str)}
    return found


def test_the_catalogue_translates_every_string_of_the_installed_click():
    messages = _click_messages()
    assert "Usage:" in messages and "Show this message and exit." in messages  # the extraction works
    missing = sorted(m for m in messages if m not in catalogue().messages)
    assert missing == []


def test_each_translation_uses_only_placeholders_click_fills():
    # (it may leave one out: "{name} {filename!r} is a file." needs no "{name}" in Chinese)
    def fields(text: str) -> set[str]:
        return {name.split("!")[0] for name in re.findall(r"\{(\w+(?:!r)?)\}", text)} | set(re.findall(r"%\((\w+)\)s", text))

    for english, chinese in catalogue().messages.items():
        assert fields(chinese) <= fields(english), english
        assert ("{" in chinese) == ("{" in english) or "%(" in english, english


def _frame(text: str) -> list[str]:
    """The English frame words in `text` (option names such as --version aside)."""
    text = re.sub(r"--?[a-z][a-z-]*", " ", text)
    return [word for word in ENGLISH_FRAME if word in text]


def _english_left(text: str) -> list[str]:
    text = re.sub(r"--?[a-z][a-z-]*", " ", text)  # option names
    text = re.sub(r"\S+\.(yaml|docx|md|html|txt|pdf|json)\b|answers/\S*|drafts/", " ", text)
    return [word for word in re.findall(r"[A-Za-z]{2,}", text) if word not in ALLOWED]


def _run(*args: str) -> subprocess.CompletedProcess:
    # a locale that is not Chinese, as on most clerks' machines
    env = {**os.environ, "LANG": "C", "LC_ALL": "C.UTF-8", "LANGUAGE": "en", "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "drafter", *args], capture_output=True, text=True, env=env,
                          encoding="utf-8")


def test_a_misspelt_command_is_told_in_chinese():
    result = _run("rendr")
    assert result.returncode == 2
    assert "错误：没有“rendr”这个命令，是否想输入“render”？" in result.stderr
    assert re.search(r"^用法：(python -m )?drafter \[选项\] 命令 \[参数\]\.\.\.$", result.stderr, re.M)
    assert _frame(result.stderr) == []


def test_a_missing_argument_is_told_in_chinese(cli):
    result = cli("render")
    assert result.exit_code == 2
    assert "错误：缺少参数“答卷文件”" in result.stderr
    assert "运行“drafter render --help”查看帮助" in result.stderr
    assert _frame(result.stderr) == []
    assert _english_left(result.stderr) == []


def test_a_bad_value_is_told_in_chinese(cli, tmp_path):
    result = cli("render", "a.yaml", "--jobs", "0")
    assert result.exit_code == 2 and "的取值无效" in result.stderr
    assert _frame(result.stderr) == []


def test_top_level_help_and_version():
    result = _run("--help")
    assert result.returncode == 0
    assert re.match(r"用法：(python -m )?drafter \[选项\] 命令 \[参数\]\.\.\.\n", result.stdout)
    assert "选项：" in result.stdout and "命令：" in result.stdout and "显示本帮助并退出" in result.stdout
    assert "--version   显示版本号并退出" in result.stdout
    assert _frame(result.stdout) == []
    assert _english_left(result.stdout) == []
    assert re.fullmatch(r"(python -m )?drafter 版本 \S+\n", _run("--version").stdout)


def _commands(group: click.Group, path: tuple[str, ...] = ()):
    for name, command in group.commands.items():
        yield path + (name,)
        if isinstance(command, click.Group):
            yield from _commands(command, path + (name,))


@pytest.mark.parametrize("command", list(_commands(__import__("drafter.cli").cli.main)), ids=" ".join)
def test_every_command_help_is_chinese(cli, command):
    result = cli(*command, "--help")
    assert result.exit_code == 0
    assert result.stdout.startswith(f"用法：drafter {' '.join(command)} [选项]")
    assert _frame(result.stdout) == []
    assert _english_left(result.stdout) == []


def test_new_output_help_names_the_default_not_a_data_file(cli):
    out = cli("new", "--help").stdout
    assert "reuse.yaml" not in out and "templates/" not in out
    assert "[默认：answers]" in out


def test_help_columns_line_up_with_chinese_metavars(cli):
    # a Chinese character takes two columns: the help texts start in one column
    options = cli("render", "--help").stdout.split("选项：")[1]
    lines = [line for line in options.splitlines() if line.startswith("  -")]
    gaps = [re.search(r"(?<=\S)  +", line[2:]) for line in lines]
    starts = {display_width(line[: gap.end() + 2]) for line, gap in zip(lines, gaps)}
    assert len(lines) == 8 and len(starts) == 1, lines


def test_wrapping_never_starts_a_line_with_a_comma_or_stop():
    for width in range(10, 40):
        for line in wrap("检查答卷文件或已有报告是否齐全、规范、数字自洽。再检查 drafter render 的输出。", width)[1:]:
            assert line[0] not in "，。、"
