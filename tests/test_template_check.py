"""`drafter template check` and the rendering sandbox, on tiny templates built with python-docx."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from docx import Document

from conftest import REPO

from drafter.errors import UserError
from drafter.render import render_context
from drafter.templatecheck import check_template, context_schema, sample_context

OFFICIAL = REPO / "templates" / "official.docx"
BASE = REPO / "tests" / "fixtures" / "bad" / "_base.yaml"

# Every field, in the shape of the official template, one paragraph a string (a list = several runs).
COMPLETE = [
    "{{ title }}",
    "{%p if recipient %}", "{{ recipient }}", "{%p endif %}",
    "{{ opening }}",
    "{%p for part in parts %}", "{{ part.heading }}",
    "{%p for block in part.blocks %}", ["{{ block.lead }}", "{{ block.text }}"], "{%p endfor %}",
    "{%p endfor %}",
    "{{ closing }}", "{{ signature }}", "{{ date }}",
]


def make_template(path: Path, paragraphs: list) -> Path:
    document = Document()
    for paragraph in paragraphs:
        p = document.add_paragraph()
        for run in paragraph if isinstance(paragraph, list) else [paragraph]:
            p.add_run(run)
    document.save(str(path))
    return path


def messages(report, severity: str) -> list[str]:
    return [f.line() for f in report.findings if f.severity == severity]


def test_official_template_passes(cli):
    result = cli("template", "check", OFFICIAL)
    assert result.exit_code == 0, result.stdout
    assert "检查通过" in result.stdout
    assert "错误" not in result.stdout and "警告" not in result.stdout


def test_complete_minimal_template_passes(tmp_path):
    report = check_template(make_template(tmp_path / "t.docx", COMPLETE))
    assert not report.errors and not report.warnings, report.lines()


def test_unparsable_tags_are_listed_with_their_paragraph(tmp_path, cli):
    template = make_template(tmp_path / "t.docx", COMPLETE + ["{{ 1 + }}", "{{ closing", "多余的 }} 在这里"])
    result = cli("template", "check", template)
    assert result.exit_code == 2
    out = result.stdout
    assert "正文第 15 段：标签“{{ 1 + }}”无法解析（表达式不完整" in out
    assert "正文第 16 段：“{{ closing”中的 {{ 没有对应的 }}" in out
    assert "正文第 17 段：“多余的 }} 在这里”中有多余的 }}" in out
    assert "共 3 个错误" in out


def test_unclosed_block_is_found(tmp_path):
    report = check_template(make_template(tmp_path / "t.docx", COMPLETE[:-4] + COMPLETE[-3:]))  # one endfor missing
    assert any("标签结构有误" in m and "endfor" in m for m in messages(report, "error")), report.lines()


def test_tags_split_across_runs_are_warned(tmp_path):
    paragraphs = list(COMPLETE)
    paragraphs[4] = ["{{ open", "ing }}"]
    paragraphs[0] = ["{", "{ title }", "}"]
    report = check_template(make_template(tmp_path / "t.docx", paragraphs))
    warnings = messages(report, "warning")
    assert any("正文第 5 段" in w and "“{{ opening }}”被拆分在 2 个文字块" in w for w in warnings), warnings
    assert any("正文第 1 段" in w and "被拆分在 3 个文字块" in w for w in warnings), warnings
    assert not report.errors  # docxtpl copes: a warning, not an error
    render_context(tmp_path / "t.docx", sample_context())  # and it does render


def test_variables_the_model_does_not_provide(tmp_path):
    paragraphs = COMPLETE + ["{{ titel }}", "{{ unit_name }}", "{%p for part in parts %}", "{{ part.title }}",
                             "{%p endfor %}", "{{ block.text }}"]
    report = check_template(make_template(tmp_path / "t.docx", paragraphs))
    errors = messages(report, "error")
    assert any("正文第 15 段" in e and "变量 titel" in e and "是否想写 title" in e for e in errors), errors
    assert any("变量 unit_name" in e and "可用的变量有：title、recipient" in e for e in errors), errors
    assert any("正文第 18 段" in e and "字段 part.title" in e for e in errors), errors
    assert any("正文第 20 段" in e and "block 只能在 {%p for block in part.blocks %}" in e for e in errors), errors


def test_fields_the_template_never_uses(tmp_path):
    report = check_template(make_template(tmp_path / "t.docx", ["{{ title }}", "{{ opening }}"]))
    warnings = " ".join(messages(report, "warning"))
    for name in ("recipient", "parts", "closing", "signature", "date"):
        assert f"模板没有用到 {name}（" in warnings, warnings
    assert "part.heading" not in warnings  # not repeated below an unused list
    assert not report.errors


def test_schema_follows_the_composer():
    schema = context_schema()
    assert set(schema.children) == {"title", "recipient", "opening", "parts", "closing", "signature", "date"}
    part = schema.children["parts"].item
    assert set(part.children) == {"key", "heading", "blocks"}
    assert set(part.children["blocks"].item.children) == {"kind", "lead", "text"}


def test_not_a_docx_is_one_message(cli, tmp_path):
    fake = tmp_path / "t.docx"
    fake.write_text("not a zip", encoding="utf-8")
    for target, expected in ((fake, "不是有效的 .docx"), (tmp_path / "none.docx", "找不到模板文件"), (tmp_path, "文件夹")):
        result = cli("template", "check", target)
        assert result.exit_code == 2
        assert expected in result.stderr and "Traceback" not in result.stderr


# ---------------------------------------------------------------- the sandbox

ESCAPES = [
    "{{ ''.__class__.__mro__ }}",
    "{{ ''.__class__ }}",
    "{{ title.__class__.__init__.__globals__ }}",
    "{{ cycler.__init__.__globals__.os }}",
    "{{ parts.__class__.__subclasses__() }}",
    "{{ ''['__class__'] }}",
]


@pytest.mark.parametrize("escape", ESCAPES)
def test_sandbox_refuses_python_internals(tmp_path, escape):
    template = make_template(tmp_path / "evil.docx", COMPLETE + [escape])
    with pytest.raises(UserError) as caught:
        render_context(template, sample_context())
    assert "试图访问不允许的内容" in str(caught.value)
    assert any("Python 内部属性" in e for e in messages(check_template(template), "error"))


def test_sandbox_escape_through_the_cli_writes_nothing(cli, tmp_path):
    template = make_template(tmp_path / "evil.docx", COMPLETE + ["{{ ''.__class__.__mro__ }}"])
    answers = tmp_path / "a.yaml"
    answers.write_text(
        BASE.read_text(encoding="utf-8").replace("measures:\n", f"layout:\n  template: '{template}'\nmeasures:\n", 1),
        encoding="utf-8",
    )
    result = cli("render", answers, "-o", tmp_path / "a.docx")
    assert result.exit_code == 2
    assert "试图访问不允许的内容" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "a.docx").exists()

    result = cli("template", "check", template)
    assert result.exit_code == 2 and "__class__" in result.stdout


def test_template_that_is_not_a_docx_is_one_message_at_render(cli, tmp_path):
    fake = tmp_path / "fake.docx"
    fake.write_bytes(b"PK\x03\x04 not really")
    answers = tmp_path / "a.yaml"
    answers.write_text(
        BASE.read_text(encoding="utf-8").replace("measures:\n", f"layout:\n  template: '{fake}'\nmeasures:\n", 1),
        encoding="utf-8",
    )
    result = cli("render", answers, "-o", tmp_path / "a.docx")
    assert result.exit_code == 2
    assert "无法使用模板" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "a.docx").exists()


def test_copy_of_official_template_renders_everything(tmp_path, cli):
    template = tmp_path / "copy.docx"
    shutil.copyfile(OFFICIAL, template)
    answers = tmp_path / "a.yaml"
    answers.write_text(
        BASE.read_text(encoding="utf-8").replace("measures:\n", f"layout:\n  template: '{template}'\nmeasures:\n", 1),
        encoding="utf-8",
    )
    result = cli("render", answers, "-o", tmp_path / "a.docx")
    assert result.exit_code == 0, result.stderr
