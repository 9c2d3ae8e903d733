"""drafter.textsource: .txt/.md in UTF-8, GBK or with BOM; .docx with styles and fonts."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from drafter.errors import UserError
from drafter.textsource import decode_text, read_source

FIXTURES = Path(__file__).parent / "fixtures" / "check"
TEXT = "一、主要举措和成效\n\n全年办理案件59件。\n"


@pytest.mark.parametrize(
    "encoded, encoding",
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("gbk"), "gbk"),
        (TEXT.encode("utf-16"), "utf-16"),  # with BOM
    ],
)
def test_text_encodings(tmp_path, encoded, encoding):
    path = tmp_path / "report.txt"
    path.write_bytes(encoded)
    source = read_source(path)
    assert source.encoding == encoding
    assert source.texts == ["一、主要举措和成效", "全年办理案件59件。"]
    assert [p.line for p in source.paragraphs] == [1, 3]  # blank lines dropped, line numbers kept
    assert source.kind == "txt"


def test_gbk_fixture_roundtrip(tmp_path):
    text = (FIXTURES / "clean.txt").read_text(encoding="utf-8")
    path = tmp_path / "clean-gbk.txt"
    path.write_bytes(text.encode("gbk"))
    assert read_source(path).texts == read_source(FIXTURES / "clean.txt").texts


def test_markdown_markers_are_stripped():
    source = read_source(FIXTURES / "lost_number.md")
    assert source.kind == "md"
    assert source.texts[0] == "某某区环卫中心"
    assert "一、推进法治建设的主要举措和成效" in source.texts
    assert any(t.startswith("严格依法办事。 中心") for t in source.texts)


@pytest.mark.parametrize(
    "name, content, words",
    [
        ("binary.txt", b"\x00\x01\x02abc", "不是文本文件"),
        ("latin.txt", b"abc\x80\xffdef", "编码"),
        ("empty.txt", b"\n \n", "没有文字"),
        ("old.doc", b"whatever", "另存为"),
        ("sheet.xlsx", b"whatever", "只支持"),
        ("broken.docx", b"not a zip", "不是有效的 .docx"),
    ],
)
def test_unreadable_inputs_are_user_errors(tmp_path, name, content, words):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(UserError) as info:
        read_source(path)
    assert words in str(info.value)
    assert info.value.exit_code == 2
    assert name in str(info.value)


def test_missing_file(tmp_path):
    with pytest.raises(UserError, match="找不到文件"):
        read_source(tmp_path / "nope.txt")


def test_decode_text_prefers_utf8():
    assert decode_text("法治".encode("utf-8")) == ("法治", "utf-8")


# ---------------------------------------------------------------------------------------------
# .docx

import docx  # noqa: E402


def _set_east_asia(rpr_owner, font: str) -> None:
    from docx.oxml.ns import qn

    rpr = rpr_owner.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, rfonts)
    rfonts.set(qn("w:eastAsia"), font)


def test_docx_paragraphs_styles_and_fonts(tmp_path):
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    d = docx.Document()
    normal = d.styles["Normal"]
    normal.font.size = Pt(16)
    _set_east_asia(normal.element, "仿宋_GB2312")  # East Asian font set on the style only
    title = d.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run("某局关于2024年度法治政府建设情况的报告")
    run.font.size = Pt(22)
    _set_east_asia(run._element, "方正小标宋简体")
    d.add_paragraph("一、主要举措和成效", style="Heading 1")
    body = d.add_paragraph("全年办理案件")
    body.add_run("59件。").font.name = "Times New Roman"
    d.add_paragraph("")
    d.add_paragraph("第一项工作", style="List Number")
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "案件"
    table.cell(0, 1).text = "59件"
    path = tmp_path / "r.docx"
    d.save(path)

    source = read_source(path)
    assert source.kind == "docx" and source.document is not None
    texts = source.texts
    assert texts == ["某局关于2024年度法治政府建设情况的报告", "一、主要举措和成效", "全年办理案件59件。", "第一项工作", "案件 | 59件"]
    t, h, b, numbered, row = source.paragraphs
    assert t.alignment == "center"
    assert t.runs[0].east_asia == "方正小标宋简体" and t.runs[0].size_pt == 22
    assert h.style == "Heading 1"
    assert b.style == "Normal"
    assert [r.east_asia for r in b.runs] == ["仿宋_GB2312", "仿宋_GB2312"]  # inherited from the style
    assert b.runs[1].ascii == "Times New Roman"
    assert b.runs[0].size_pt == 16
    assert numbered.auto_numbered and not b.auto_numbered
    assert row.in_table
    assert [p.line for p in source.paragraphs] == [1, 2, 3, 5, 6]


def test_docx_theme_font_is_reported_as_theme(tmp_path):
    d = docx.Document()  # python-docx's default template uses theme fonts
    d.add_paragraph("正文")
    path = tmp_path / "t.docx"
    d.save(path)
    run = read_source(path).paragraphs[0].runs[0]
    assert run.east_asia is None or run.east_asia.startswith("theme:")
