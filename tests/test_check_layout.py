"""Rule 5 (.docx): margins, fonts and sizes (East Asian slot), page numbers — GB/T 9704."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn  # noqa: E402
from docx.shared import Mm, Pt  # noqa: E402

from drafter.check import check_path  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures" / "check"

PARAS = [
    ("title", "某局关于2024年度法治政府建设情况的报告"),
    ("body", "县委全面依法治县委员会办公室："),   # 主送机关
    ("h1", "一、2024年度推进法治政府建设的主要举措和成效"),
    ("h2", "（一）加强组织领导"),
    ("body", "全年组织集中学法12次，审查行政合同30份。"),
    ("h1", "二、2024年度推进法治政府建设存在的不足和原因"),
    ("body", "执法人员不足，原因是编制紧张。"),
    ("h1", "三、2024年度党政主要负责人履行推进法治建设第一责任人职责情况"),
    ("body", "主要负责人带头学法用法。"),
    ("h1", "四、2025年度推进法治政府建设的主要安排"),
    ("body", "继续加强执法队伍建设。"),
    ("body", "某局"),
    ("body", "2025年2月20日"),
]


def east_asia(run, font):
    run.font.name = font
    run._element.get_or_add_rPr().find(qn("w:rFonts")).set(qn("w:eastAsia"), font)


def make(
    tmp_path,
    *,
    margins=(37, 35, 28, 26),
    page=(210, 297),
    body_font="仿宋_GB2312",
    body_ascii_only=False,
    body_size=16,
    title_font="方正小标宋简体",
    title_size=22,
    h1_font="黑体",
    page_field="simple",
    theme_only=False,
    title_break=False,
) -> Path:
    d = docx.Document()
    for s in d.sections:
        s.top_margin, s.bottom_margin, s.left_margin, s.right_margin = (Mm(v) for v in margins)
        s.page_width, s.page_height = Mm(page[0]), Mm(page[1])
        if page_field:
            p = s.footer.paragraphs[0]
            if page_field == "simple":
                fld = OxmlElement("w:fldSimple")
                fld.set(qn("w:instr"), " PAGE ")
                p._p.append(fld)
            else:  # complex field: fldChar begin / instrText / fldChar end
                for kind in ("begin", None, "end"):
                    r = p.add_run()
                    if kind:
                        fc = OxmlElement("w:fldChar")
                        fc.set(qn("w:fldCharType"), kind)
                        r._r.append(fc)
                    else:
                        it = OxmlElement("w:instrText")
                        it.text = " PAGE \\* MERGEFORMAT "
                        r._r.append(it)
    for role, text in PARAS:
        p = d.add_paragraph()
        if role == "title" and title_break:  # a title over two lines in one paragraph (<w:br/>)
            text = text.replace("年度", "年度\n", 1)
        run = p.add_run(text)
        if theme_only:
            continue
        if role == "title":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            east_asia(run, title_font)
            run.font.size = Pt(title_size)
            continue
        font = {"h1": h1_font, "h2": "楷体_GB2312"}.get(role, body_font)
        if role == "body" and body_ascii_only:
            run.font.name = font
        else:
            east_asia(run, font)
        run.font.size = Pt(body_size)
    path = tmp_path / "report.docx"
    d.save(path)
    return path


def layout(path):
    return [f for f in check_path(path).findings if f.rule.startswith("layout.")]


def test_conforming_document_passes(tmp_path):
    result = check_path(make(tmp_path))
    assert result.parts == ["measures", "shortcomings", "duty", "plans"]
    assert result.findings == []


def test_complex_page_field_counts(tmp_path):
    assert layout(make(tmp_path, page_field="complex")) == []


def test_margins(tmp_path):
    (f,) = layout(make(tmp_path, margins=(25.4, 25.4, 31.8, 31.8)))
    assert f.rule == "layout.margins" and f.severity == "warning"
    assert "上25.4毫米（应为37毫米）" in f.message
    assert layout(make(tmp_path, margins=(37.5, 34.6, 28, 26))) == []  # within tolerance


def test_page_size(tmp_path):
    assert [f.rule for f in layout(make(tmp_path, page=(216, 279)))] == ["layout.page_size"]


def test_body_font_and_size(tmp_path):
    assert [f.rule for f in layout(make(tmp_path, body_font="宋体"))] == ["layout.body_font"]
    fs = layout(make(tmp_path, body_size=14))
    assert [f.rule for f in fs] == ["layout.body_size"] and "14磅" in fs[0].message


def test_font_name_without_east_asian_slot(tmp_path):
    (f,) = layout(make(tmp_path, body_ascii_only=True))
    assert f.rule == "layout.east_asia_unset"
    assert "仿宋_GB2312" in f.message and "w:eastAsia" in f.message


def test_title_font_and_size(tmp_path):
    rules = sorted(f.rule for f in layout(make(tmp_path, title_font="宋体", title_size=18)))
    assert rules == ["layout.title_font", "layout.title_size"]


def test_a_title_over_two_lines_is_checked_as_a_title(tmp_path):
    """One paragraph, two lines (a line break, as drafter's own template writes the title): its
    runs are read, not lost with the line split."""
    assert layout(make(tmp_path, title_break=True)) == []
    rules = sorted(f.rule for f in layout(make(tmp_path, title_break=True, title_font="宋体", title_size=18)))
    assert rules == ["layout.title_font", "layout.title_size"]


def test_drafters_own_drafts_have_nothing_left_unread(tmp_path):
    from conftest import EXAMPLES

    from drafter.answers import load_report
    from drafter.render import render_report

    for example in EXAMPLES:
        path = tmp_path / f"{example.stem}.docx"
        path.write_bytes(render_report(load_report(example)))
        assert layout(path) == [], example.stem


def test_heading_font(tmp_path):
    (f,) = layout(make(tmp_path, h1_font="仿宋_GB2312"))
    assert f.rule == "layout.heading_font" and "4个一级标题" in f.message


def test_page_numbers_missing(tmp_path):
    assert [f.rule for f in layout(make(tmp_path, page_field=None))] == ["layout.page_number"]


def test_unreadable_fonts_are_info_not_errors(tmp_path):
    fs = layout(make(tmp_path, theme_only=True))
    unknown = [f for f in fs if f.rule == "layout.unknown"]
    assert len(unknown) == 1 and unknown[0].severity == "info"
    assert "正文" in unknown[0].message
    assert all(f.severity != "error" for f in fs)


def test_text_files_have_no_layout_findings():
    assert layout(FIXTURES / "clean.txt") == []
