"""The official docxtpl template (templates/official.docx) read back and checked against GB/T 9704.

Also covers the post-render helpers in drafter/docx_layout.py. Everything read here lives in
the repository (plus pytest's tmp_path); LibreOffice is used only where `soffice` is on PATH.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Pt

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from drafter.docx_layout import (  # noqa: E402
    apply_fonts,
    centre_signature_over_date,
    display_width,
    set_rfonts,
)

TEMPLATE = REPO / "templates" / "official.docx"
BUILD_SCRIPT = REPO / "scripts" / "build_template.py"

BODY_FONT = "仿宋_GB2312"
EM_DASH = "\u2014"

# name -> (style type, size in pt or None when inherited, eastAsia font)
STYLES = {
    "公文标题": (WD_STYLE_TYPE.PARAGRAPH, 22, "方正小标宋简体"),
    "主送机关": (WD_STYLE_TYPE.PARAGRAPH, 16, BODY_FONT),
    "公文正文": (WD_STYLE_TYPE.PARAGRAPH, 16, BODY_FONT),
    "一级标题": (WD_STYLE_TYPE.PARAGRAPH, 16, "黑体"),
    "二级标题": (WD_STYLE_TYPE.PARAGRAPH, 16, "楷体_GB2312"),
    "三级标题": (WD_STYLE_TYPE.PARAGRAPH, 16, BODY_FONT),
    "落款": (WD_STYLE_TYPE.PARAGRAPH, 16, BODY_FONT),
    "成文日期": (WD_STYLE_TYPE.PARAGRAPH, 16, BODY_FONT),
    "二级标题字符": (WD_STYLE_TYPE.CHARACTER, None, "楷体_GB2312"),
    "页码": (WD_STYLE_TYPE.PARAGRAPH, 14, "宋体"),
}

# The template body, paragraph by paragraph: (style name, run texts).
EXPECTED_BODY = [
    ("公文标题", ["{{ title }}"]),
    ("公文正文", []),
    ("公文正文", ["{%p if recipient %}"]),
    ("主送机关", ["{{ recipient }}"]),
    ("公文正文", ["{%p endif %}"]),
    ("公文正文", ["{{ opening }}"]),
    ("公文正文", ["{%p for part in parts %}"]),
    ("一级标题", ["{{ part.heading }}"]),
    ("公文正文", ["{%p for block in part.blocks %}"]),
    ("公文正文", ['{%p if block.kind == "heading2" %}']),
    ("二级标题", ["{{ block.text }}"]),
    ("公文正文", ['{%p elif block.kind == "heading3" %}']),
    ("三级标题", ["{{ block.text }}"]),
    ("公文正文", ['{%p elif block.kind == "run_in" %}']),
    ("公文正文", ["{{ block.lead }}", "{{ block.text }}"]),
    ("公文正文", ["{%p else %}"]),
    ("公文正文", ["{{ block.text }}"]),
    ("公文正文", ["{%p endif %}"]),
    ("公文正文", ["{%p endfor %}"]),
    ("公文正文", ["{%p endfor %}"]),
    ("公文正文", ["{{ closing }}"]),
    ("公文正文", []),
    ("公文正文", []),
    ("落款", ["{{ signature }}"]),
    ("成文日期", ["{{ date }}"]),
]


def sample_context(recipient: str = "市人民政府：") -> dict:
    return {
        "title": "某某区司法局关于2024年度法治政府建设情况的报告",
        "recipient": recipient,
        "opening": "2024年，我局坚持以习近平法治思想为指导，现将有关情况报告如下。",
        "parts": [
            {
                "heading": "一、2024年度推进法治政府建设的主要举措和成效",
                "blocks": [
                    {"kind": "heading2", "text": "（一）深入学习贯彻习近平法治思想"},
                    {"kind": "paragraph", "text": "落实“第一议题”制度，R&D投入<5%>的‘专项’检查。"},
                    {"kind": "heading3", "text": "1.健全依法决策机制"},
                    {"kind": "run_in", "lead": "（二）严格规范公正文明执法。",
                     "text": "全年办理行政执法案件1234件，A&B类案件占比<10%>。"},
                ],
            },
            {
                "heading": "二、存在的不足和原因",
                "blocks": [
                    {"kind": "paragraph", "text": "基层执法力量仍然薄弱。"},
                ],
            },
        ],
        "closing": "特此报告。",
        "signature": "某某区司法局",
        "date": "2025年2月28日",
    }


# ---------------------------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def doc():
    assert TEMPLATE.is_file(), "run: python scripts/build_template.py"
    return Document(str(TEMPLATE))


def _style_el(document, name):
    return document.styles[name].element


def _ppr_child(style_el, tag):
    ppr = style_el.find(qn("w:pPr"))
    return None if ppr is None else ppr.find(qn(tag))


def _rfonts(rpr):
    return rpr.find(qn("w:rFonts"))


def _render(tmp_path, context, name="rendered.docx") -> Path:
    from docxtpl import DocxTemplate

    tpl = DocxTemplate(str(TEMPLATE))
    tpl.render(context, autoescape=True)
    out = tmp_path / name
    tpl.save(str(out))
    return out


def _all_text(document) -> str:
    return "\n".join(p.text for p in document.paragraphs)


def _footer_paragraph(footer):
    paragraphs = [p for p in footer.paragraphs]
    assert len(paragraphs) == 1
    return paragraphs[0]


# ---------------------------------------------------------------------------------------------
# page
# ---------------------------------------------------------------------------------------------
def test_a4_and_margins(doc):
    section = doc.sections[0]
    for actual, mm in (
        (section.page_width, 210), (section.page_height, 297),
        (section.top_margin, 37), (section.bottom_margin, 35),
        (section.left_margin, 28), (section.right_margin, 26),
    ):
        assert abs(actual - Mm(mm)) <= Mm(0.5), (actual.mm, mm)
    assert not section.gutter


def test_footer_sits_inside_bottom_margin(doc):
    section = doc.sections[0]
    assert Mm(20) <= section.footer_distance <= Mm(30)
    assert section.footer_distance < section.bottom_margin
    assert section.header_distance < section.top_margin


def test_text_block_fits_22_body_lines(doc):
    section = doc.sections[0]
    block_pt = Emu(section.page_height - section.top_margin - section.bottom_margin).pt
    assert int(block_pt // 28.9) == 22


# ---------------------------------------------------------------------------------------------
# styles
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", sorted(STYLES))
def test_named_style(doc, name):
    kind, size, font = STYLES[name]
    style = doc.styles[name]
    assert style.type == kind
    assert style.name == name
    rpr = style.element.find(qn("w:rPr"))
    assert rpr is not None
    rfonts = _rfonts(rpr)
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        assert rfonts.get(qn(slot)) == font, (name, slot)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        assert rfonts.get(qn(attr)) is None
    if size is not None:
        assert style.font.size == Pt(size)
        assert rpr.find(qn("w:szCs")).get(qn("w:val")) == str(size * 2)
    if kind == WD_STYLE_TYPE.PARAGRAPH:
        assert style.quick_style


def test_doc_defaults_and_normal(doc):
    styles_el = doc.styles.element
    rpr = styles_el.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    rfonts = _rfonts(rpr)
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        assert rfonts.get(qn(slot)) == BODY_FONT
    assert rfonts.get(qn("w:eastAsiaTheme")) is None
    assert rpr.find(qn("w:sz")).get(qn("w:val")) == "32"
    assert rpr.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"
    normal = doc.styles["Normal"]
    assert normal.font.size == Pt(16)
    assert _rfonts(normal.element.find(qn("w:rPr"))).get(qn("w:eastAsia")) == BODY_FONT


def test_body_style_spacing_and_indent(doc):
    body = doc.styles["公文正文"]
    fmt = body.paragraph_format
    assert fmt.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    spacing = _ppr_child(body.element, "w:spacing")
    assert spacing.get(qn("w:lineRule")) == "exact"
    assert spacing.get(qn("w:line")) == "578"
    assert fmt.line_spacing == Pt(28.9)
    assert fmt.space_before == 0 and fmt.space_after == 0
    ind = _ppr_child(body.element, "w:ind")
    assert ind.get(qn("w:firstLineChars")) == "200"
    assert ind.get(qn("w:firstLine")) == "640"
    assert fmt.first_line_indent == Pt(32)


def test_title_style(doc):
    title = doc.styles["公文标题"]
    fmt = title.paragraph_format
    assert fmt.alignment == WD_ALIGN_PARAGRAPH.CENTER
    spacing = _ppr_child(title.element, "w:spacing")
    assert spacing.get(qn("w:lineRule")) == "exact"
    assert 33 <= int(spacing.get(qn("w:line"))) / 20 <= 37
    ind = _ppr_child(title.element, "w:ind")
    assert ind.get(qn("w:firstLineChars")) == "0" and ind.get(qn("w:firstLine")) == "0"
    assert title.font.bold is not True


@pytest.mark.parametrize("name", ["一级标题", "二级标题", "三级标题", "落款", "成文日期", "主送机关"])
def test_styles_based_on_body(doc, name):
    assert doc.styles[name].base_style.name == "公文正文"


@pytest.mark.parametrize("name", ["一级标题", "二级标题", "三级标题"])
def test_headings_not_bold_and_inherit_body_spacing(doc, name):
    style = doc.styles[name]
    assert style.font.bold is False
    assert _ppr_child(style.element, "w:spacing") is None   # inherited fixed 28.9 pt
    assert _ppr_child(style.element, "w:numPr") is None


def test_recipient_flush_left(doc):
    style = doc.styles["主送机关"]
    assert style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.LEFT
    ind = _ppr_child(style.element, "w:ind")
    assert ind.get(qn("w:firstLineChars")) == "0" and ind.get(qn("w:firstLine")) == "0"


def test_signature_and_date_styles(doc):
    for name in ("落款", "成文日期"):
        style = doc.styles[name]
        assert style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.RIGHT
        ind = _ppr_child(style.element, "w:ind")
        assert ind.get(qn("w:firstLineChars")) == "0" and ind.get(qn("w:firstLine")) == "0"
        # no automatic CJK/digit gap: the date is as wide as centre_signature_over_date counts
        for tag in ("w:autoSpaceDE", "w:autoSpaceDN"):
            assert _ppr_child(style.element, tag).get(qn("w:val")) == "0"
    ind = _ppr_child(doc.styles["成文日期"].element, "w:ind")
    assert ind.get(qn("w:rightChars")) == "400"
    assert ind.get(qn("w:right")) == "1280"


def test_no_auto_numbering(doc):
    assert not doc.element.findall(".//" + qn("w:numPr"))
    for name in STYLES:
        assert not doc.styles[name].element.findall(".//" + qn("w:numPr")), name


# ---------------------------------------------------------------------------------------------
# page numbers
# ---------------------------------------------------------------------------------------------
def _page_field_layout(paragraph):
    """(texts outside the field, field instruction, cached result) of a footer paragraph."""
    pieces, instr, result, state = [], "", "", "outside"
    for r in paragraph._p.findall(qn("w:r")):
        fld = r.find(qn("w:fldChar"))
        if fld is not None:
            state = {"begin": "instr", "separate": "result", "end": "outside"}[
                fld.get(qn("w:fldCharType"))]
            pieces.append("{FIELD}" if state == "instr" else "")
            continue
        for child in r:
            if child.tag == qn("w:instrText"):
                instr += child.text
            elif child.tag == qn("w:t"):
                if state == "result":
                    result += child.text
                else:
                    pieces.append(child.text)
    return "".join(pieces), instr, result


def test_odd_even_footers_enabled(doc):
    assert doc.settings.odd_and_even_pages_header_footer is True
    section = doc.sections[0]
    assert not section.footer.is_linked_to_previous
    assert not section.even_page_footer.is_linked_to_previous
    assert not section.different_first_page_header_footer


@pytest.mark.parametrize("which", ["odd", "even"])
def test_page_number_field(doc, which):
    section = doc.sections[0]
    footer = section.footer if which == "odd" else section.even_page_footer
    paragraph = _footer_paragraph(footer)
    assert paragraph.style.name == "页码"
    outside, instr, result = _page_field_layout(paragraph)
    assert outside == f"{EM_DASH} {{FIELD}} {EM_DASH}"
    assert instr.strip() == "PAGE"
    assert result == "1"
    ind = paragraph._p.pPr.find(qn("w:ind"))
    if which == "odd":
        assert paragraph.alignment == WD_ALIGN_PARAGRAPH.RIGHT
        assert ind.get(qn("w:rightChars")) == "100" and ind.get(qn("w:right")) == "280"
        assert ind.get(qn("w:leftChars")) is None
    else:
        assert paragraph.alignment == WD_ALIGN_PARAGRAPH.LEFT
        assert ind.get(qn("w:leftChars")) == "100" and ind.get(qn("w:left")) == "280"
        assert ind.get(qn("w:rightChars")) is None


def test_no_header_text(doc):
    section = doc.sections[0]
    for header in (section.header, section.even_page_header):
        assert all(not p.text.strip() for p in header.paragraphs)


# ---------------------------------------------------------------------------------------------
# tags
# ---------------------------------------------------------------------------------------------
def test_template_body_tags_in_single_runs(doc):
    actual = [(p.style.name, [r.text for r in p.runs]) for p in doc.paragraphs]
    assert actual == EXPECTED_BODY
    # every run holds whole tags only
    for p in doc.paragraphs:
        for r in p.runs:
            assert r.text.count("{{") == r.text.count("}}")
            assert r.text.count("{%") == r.text.count("%}")


def test_run_in_lead_has_character_style(doc):
    paragraph = next(p for p in doc.paragraphs if "{{ block.lead }}" in p.text)
    lead, text = paragraph.runs
    assert lead.style.name == "二级标题字符"
    assert text._r.rPr is None or text._r.rPr.find(qn("w:rStyle")) is None


def test_blank_paragraphs_have_no_first_line_indent(doc):
    blanks = [p for p in doc.paragraphs if not p.runs]
    assert len(blanks) == 3
    for p in blanks:
        ind = p._p.pPr.find(qn("w:ind"))
        assert ind.get(qn("w:firstLineChars")) == "0" and ind.get(qn("w:firstLine")) == "0"


def test_committed_template_is_up_to_date(tmp_path):
    """The committed .docx is what scripts/build_template.py builds now."""
    spec = importlib.util.spec_from_file_location("build_template", BUILD_SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    fresh = module.build(tmp_path / "official.docx")
    with zipfile.ZipFile(TEMPLATE) as old, zipfile.ZipFile(fresh) as new:
        assert sorted(old.namelist()) == sorted(new.namelist())
        for name in old.namelist():
            if name.endswith(".xml"):
                assert old.read(name) == new.read(name), (
                    f"{name} differs: run python scripts/build_template.py")



def test_the_template_keeps_every_style_it_or_drafter_refers_to(doc):
    """styles.xml is trimmed of python-docx's unused table styles (scripts/build_template.py):
    every style a part of the template names (paragraphs, runs, footers, numbering), every
    style drafter looks up by name, and every style one of them is based on, linked to or
    followed by, is still there; of the table styles only the default and Table Grid."""
    import re

    from drafter.docx_layout import DATE_STYLE, FONT_ROLES, SIGNATURE_STYLE, TITLE_STYLE

    by_id = {s.get(qn("w:styleId")): s for s in doc.styles.element.findall(qn("w:style"))}
    names = {s.find(qn("w:name")).get(qn("w:val")): s for s in by_id.values()}
    with zipfile.ZipFile(TEMPLATE) as archive:
        parts = b"".join(archive.read(name) for name in archive.namelist()
                         if name.startswith("word/") and name.endswith(".xml") and name != "word/styles.xml")
    named = {v.decode() for v in re.findall(rb'<w:(?:pStyle|rStyle|tblStyle|numStyleLink|styleLink) w:val="([^"]+)"', parts)}
    assert {"GWTitle", "GWBody", "GWSignature", "GWDate", "GWPageNumber", "GWHeading2Char"} <= named
    assert named <= set(by_id)
    looked_up = {name for role in FONT_ROLES.values() for name in role} | {TITLE_STYLE, SIGNATURE_STYLE, DATE_STYLE}
    assert looked_up | {"Normal", "Default Paragraph Font", "heading 1", "header", "footer"} <= set(names)
    for style in by_id.values():
        for tag in ("w:basedOn", "w:link", "w:next"):
            other = style.find(qn(tag))
            assert other is None or other.get(qn("w:val")) in by_id, (style.get(qn("w:styleId")), tag)
    assert sorted(n for n, s in names.items() if s.get(qn("w:type")) == "table") == ["Normal Table", "Table Grid"]


# ---------------------------------------------------------------------------------------------
# rendering
# ---------------------------------------------------------------------------------------------
def test_render_sample(tmp_path):
    context = sample_context()
    rendered = Document(str(_render(tmp_path, context)))
    text = _all_text(rendered)
    assert "{{" not in text and "{%" not in text and "}}" not in text
    got = [(p.style.name, p.text) for p in rendered.paragraphs]
    part1, part2 = context["parts"]
    b = part1["blocks"]
    assert got == [
        ("公文标题", context["title"]),
        ("公文正文", ""),
        ("主送机关", "市人民政府："),
        ("公文正文", context["opening"]),
        ("一级标题", part1["heading"]),
        ("二级标题", b[0]["text"]),
        ("公文正文", b[1]["text"]),
        ("三级标题", b[2]["text"]),
        ("公文正文", b[3]["lead"] + b[3]["text"]),
        ("一级标题", part2["heading"]),
        ("公文正文", part2["blocks"][0]["text"]),
        ("公文正文", "特此报告。"),
        ("公文正文", ""),
        ("公文正文", ""),
        ("落款", "某某区司法局"),
        ("成文日期", "2025年2月28日"),
    ]
    # special characters survive autoescaping literally
    assert "R&D投入<5%>的‘专项’" in text and "“第一议题”" in text
    run_in = rendered.paragraphs[8]
    assert [r.text for r in run_in.runs] == [b[3]["lead"], b[3]["text"]]
    assert run_in.runs[0].style.name == "二级标题字符"
    # footers survive rendering
    section = rendered.sections[0]
    assert _page_field_layout(_footer_paragraph(section.footer))[0] == f"{EM_DASH} {{FIELD}} {EM_DASH}"
    assert rendered.settings.odd_and_even_pages_header_footer


def test_render_without_recipient(tmp_path):
    rendered = Document(str(_render(tmp_path, sample_context(recipient=""))))
    styles = [p.style.name for p in rendered.paragraphs]
    assert "主送机关" not in styles
    assert styles[:3] == ["公文标题", "公文正文", "公文正文"]


def test_render_converts_to_pdf(tmp_path):
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    document = Document(str(_render(tmp_path, sample_context())))
    centre_signature_over_date(document)
    docx_path = tmp_path / "sample.docx"
    document.save(str(docx_path))
    profile = tmp_path / "lo-profile"
    outdir = tmp_path / "pdf"
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
         "--convert-to", "pdf", "--outdir", str(outdir), str(docx_path)],
        check=True, capture_output=True, timeout=300,
    )
    pdf = outdir / "sample.pdf"
    assert pdf.is_file() and pdf.stat().st_size > 1000
    assert pdf.read_bytes()[:5] == b"%PDF-"


# ---------------------------------------------------------------------------------------------
# docx_layout
# ---------------------------------------------------------------------------------------------
def _east_asia(document, style_name):
    return _rfonts(document.styles[style_name].element.find(qn("w:rPr"))).get(qn("w:eastAsia"))


def test_set_rfonts_sets_all_slots_and_drops_theme():
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    rpr = parse_xml(f'<w:rPr {nsdecls("w")}><w:rFonts w:asciiTheme="minorHAnsi" '
                    'w:eastAsiaTheme="minorEastAsia" w:hint="eastAsia"/><w:sz w:val="32"/></w:rPr>')
    set_rfonts(rpr, "仿宋")
    rfonts = rpr.find(qn("w:rFonts"))
    assert rpr[0] is rfonts
    assert {k: rfonts.get(qn(k)) for k in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")} == {
        "w:ascii": "仿宋", "w:hAnsi": "仿宋", "w:eastAsia": "仿宋", "w:cs": "仿宋"}
    assert rfonts.get(qn("w:asciiTheme")) is None and rfonts.get(qn("w:eastAsiaTheme")) is None
    assert rfonts.get(qn("w:hint")) == "eastAsia"
    empty = parse_xml(f'<w:rPr {nsdecls("w")}><w:sz w:val="32"/></w:rPr>')
    set_rfonts(empty, "黑体")
    assert empty[0].tag == qn("w:rFonts")   # inserted before w:sz (schema order)


def test_apply_fonts(doc):
    document = Document(str(TEMPLATE))
    apply_fonts(document, {
        "body": "仿宋", "title": "方正小标宋_GBK", "heading1": "SimHei",
        "heading2": "楷体", "page_number": "SimSun",
    })
    for name in ("Normal", "公文正文", "主送机关", "三级标题", "落款", "成文日期"):
        assert _east_asia(document, name) == "仿宋", name
    assert _east_asia(document, "公文标题") == "方正小标宋_GBK"
    assert _east_asia(document, "一级标题") == "SimHei"
    assert _east_asia(document, "二级标题") == "楷体"
    assert _east_asia(document, "二级标题字符") == "楷体"
    assert _east_asia(document, "页码") == "SimSun"
    rfonts = _rfonts(document.styles.element.find(qn("w:docDefaults")).find(
        qn("w:rPrDefault")).find(qn("w:rPr")))
    assert rfonts.get(qn("w:eastAsia")) == "仿宋" and rfonts.get(qn("w:cs")) == "仿宋"
    # the template itself is untouched
    assert _east_asia(doc, "公文正文") == BODY_FONT


def test_apply_fonts_partial_missing_and_unknown(doc):
    document = Document(str(TEMPLATE))
    title_el = _style_el(document, "公文标题")
    title_el.getparent().remove(title_el)           # a user-edited template lacking a style
    apply_fonts(document, {"title": "Whatever", "heading1": "黑体", "body": ""})
    assert _east_asia(document, "公文正文") == BODY_FONT   # empty name: unchanged
    with pytest.raises(ValueError):
        apply_fonts(document, {"bodyy": "仿宋"})


def test_display_width():
    assert display_width("2025年2月28日") == 6.5
    assert display_width("某某区司法局") == 6
    assert display_width(" 某某 ") == 2


def _axis(paragraph, line):
    """Centre of a centred paragraph's band, in characters from the right edge of the line."""
    assert paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER
    ind = paragraph._p.pPr.find(qn("w:ind"))
    left, right = int(ind.get(qn("w:leftChars"))) / 100, int(ind.get(qn("w:rightChars"))) / 100
    # the twip values say the same for readers without character units
    assert int(ind.get(qn("w:left"))) == pytest.approx(left * 320, abs=1)
    assert int(ind.get(qn("w:right"))) == pytest.approx(right * 320, abs=1)
    return right + (line - left - right) / 2, line - left - right


LINE_CHARS = (210 - 28 - 26) / 25.4 * 1440 / 320     # the 156 mm line in 16 pt characters


@pytest.mark.parametrize("signature, axis", [
    ("某某区司法局", 7.25),                      # the date's centre: 4 + 6.5 / 2
    ("某某市人民政府", 7.25),
    ("某某局", 7.25),
    ("某某省某某市某某区人民政府办公室", 10.0),   # too wide: 16 / 2 + 2 of slack
])
def test_centre_signature_over_date(tmp_path, signature, axis):
    context = sample_context()
    context["signature"] = signature
    document = Document(str(_render(tmp_path, context)))
    assert centre_signature_over_date(document) == pytest.approx(axis)
    sig = next(p for p in document.paragraphs if p.style.name == "落款")
    date = next(p for p in document.paragraphs if p.style.name == "成文日期")
    (sig_axis, sig_band), (date_axis, date_band) = _axis(sig, LINE_CHARS), _axis(date, LINE_CHARS)
    # one axis for both, whatever the fonts' real widths
    assert sig_axis == pytest.approx(axis, abs=0.01) and date_axis == pytest.approx(axis, abs=0.01)
    # the band leaves room for both (no wrap) and stays inside the line
    assert sig_band >= display_width(signature) + 2 and date_band >= display_width("2025年2月28日") + 2
    if axis == 7.25:   # the date ends 4 characters in (digits half a character)
        assert axis - display_width("2025年2月28日") / 2 == pytest.approx(4)
    else:              # the signature ends 2 characters in, the date centred under it
        assert axis - display_width(signature) / 2 == pytest.approx(2)


def test_centre_signature_without_date_is_noop(doc):
    document = Document(str(TEMPLATE))
    for p in document.paragraphs:
        if p.style.name == "成文日期":
            p._p.getparent().remove(p._p)
    assert centre_signature_over_date(document) is None
