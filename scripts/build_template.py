#!/usr/bin/env python
"""Build templates/official.docx: the docxtpl template of the 法治政府建设 annual report.

Run from the repository root:  python scripts/build_template.py [OUTPUT.docx]

The layout follows GB/T 9704-2012 《党政机关公文格式》: A4, margins 37/35/28/26 mm, body 3号
仿宋_GB2312 at a fixed 28.9 pt line (22 lines a page), title 2号 方正小标宋简体, headings
黑体 / 楷体_GB2312 / 仿宋_GB2312 with literal numbering, page numbers "— N —" in 4号 宋体, odd
pages right and even pages left, one character in.

28 characters a line, in Word and LibreOffice alike. 16 pt characters in the 156 mm (442.2 pt)
line give only 27 (442.2 / 16 = 27.6). Word's usual fix, a document grid of lines and characters
(w:docGrid w:type="linesAndChars" w:charSpace=…), is read differently by LibreOffice: it set 14
characters a line (measured with pdftotext -bbox on LibreOffice 7.4's PDF). Instead the body style
condenses the character spacing by 0.25 pt (w:spacing w:val="-5", in twentieths of a point; Word's
Font > Advanced > Spacing "Condensed by 0.25 pt"): 28 × 15.75 pt = 441 pt fits the line in both,
the first line's 2-character indent (32 pt) leaves room for 26, and LibreOffice's PDF shows 28
characters on every full all-Chinese line. The styles based on 公文正文 (headings, 落款, 成文日期)
inherit it; the title keeps its natural spacing.

Hanging punctuation. LibreOffice 7.4 lets a comma or full stop that falls in the 29th place hang
past the right margin, and such a mark is not drawn in its PDF at all (glyph and text layer: the
xixia report lost "、" and "，" that way). LibreOffice reads w:overflowPunct the other way round
from Word (val="1" turns its hanging off, val="0" or no element leaves it on; checked by round-
tripping through .odt), so the document defaults say w:overflowPunct="1": LibreOffice then never
hangs a mark (it moves the last character down instead), and Word keeps its own default (a mark may
hang in the margin, where Word draws it).

Breaks. Widow/orphan control is on in the body (no lone first line of a paragraph, run-in
"（一）…" paragraphs included, at a page foot, no lone last line at a page head); headings keep
with the next paragraph; 特此报告, the two blank lines and the signature keep with the date (and
the render keeps the last body paragraph with them, GB/T 9704 7.3.5.1: the page that carries the
signature has body text).

The package is cleaned of what python-docx's stock template carries: no stylesWithEffects.xml (a
stale copy of the styles without ours, which Word may call unreadable content), no thumbnail, no
bibliography customXml, none of its 98 table styles but Normal Table and Table Grid (Light Shading
… Colorful Grid Accent 6 are 340 KB of the 354 KB styles part, which every draft reads; no
paragraph uses them, and Word and WPS write a built-in table style into a document when it is
applied), compatibility mode 15 (Word 2013 and later, no 兼容模式), plain docProps,
and a font table whose entries name a fall-back (w:altName) for each official font, which Word
uses on a PC that lacks it: 仿宋_GB2312 → 仿宋 → FangSong, 楷体_GB2312 → 楷体 → KaiTi,
方正小标宋简体 → 宋体 → SimSun, 黑体 → SimHei.

Every paragraph style has a Chinese name (so Word's and WPS's style panes show 公文正文, 一级标题
…) and an ASCII style id. Fonts are written into all four w:rFonts slots. Each docxtpl tag is
written into a single run so docxtpl can parse it.

The output is byte-for-byte reproducible (fixed document dates and zip timestamps), so a rebuild
with no change to this script leaves the committed template unchanged.
"""

from __future__ import annotations

import datetime as _dt
import io
import sys
import zipfile
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from docx import Document  # noqa: E402
from docx.enum.style import WD_STYLE_TYPE  # noqa: E402
from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: E402
from docx.oxml import OxmlElement  # noqa: E402
from docx.oxml.ns import qn  # noqa: E402
from docx.shared import Mm  # noqa: E402

from drafter.docx_layout import get_or_add_child, set_indent, set_rfonts  # noqa: E402

DEFAULT_OUTPUT = REPO_ROOT / "templates" / "official.docx"

# ---------------------------------------------------------------------------------------------
# Layout constants (GB/T 9704-2012)
# ---------------------------------------------------------------------------------------------
PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
MARGIN_TOP_MM, MARGIN_BOTTOM_MM = 37, 35
MARGIN_LEFT_MM, MARGIN_RIGHT_MM = 28, 26
HEADER_DISTANCE_MM = 15
# Distance from the bottom page edge to the footer line's bottom. The text block ends 35 mm up;
# GB/T 9704 7.5 puts the page number's dashes 7 mm below it, i.e. 28 mm up. With a single-spaced
# 14 pt line the dash sits ~3 mm above the line's bottom, hence 25 mm.
FOOTER_DISTANCE_MM = 25

FONT_BODY = "仿宋_GB2312"
FONT_TITLE = "方正小标宋简体"
FONT_HEADING1 = "黑体"
FONT_HEADING2 = "楷体_GB2312"
FONT_HEADING3 = "仿宋_GB2312"
FONT_PAGE_NUMBER = "宋体"

BODY_PT = 16          # 3号
TITLE_PT = 22         # 2号
PAGE_NUMBER_PT = 14   # 4号
BODY_LINE_TWIPS = 578   # fixed 28.9 pt: 22 lines in the 225 mm text block
TITLE_LINE_TWIPS = 700  # fixed 35 pt for 2号 title lines
EM_DASH = "\u2014"
#: Condensed character spacing of the body, in twentieths of a point (-0.25 pt): 28 a line.
BODY_CHAR_SPACING = -5

COMPATIBILITY_MODE = 15   # Word 2013 and later

# Font table: name -> (fall-back name for w:altName, w:family, w:pitch). charset 86 = GB2312.
FONT_TABLE = {
    "仿宋_GB2312": ("仿宋", "modern", "fixed"),
    "仿宋": ("FangSong", "modern", "fixed"),
    "楷体_GB2312": ("楷体", "modern", "fixed"),
    "楷体": ("KaiTi", "modern", "fixed"),
    "方正小标宋简体": ("宋体", "script", "fixed"),
    "宋体": ("SimSun", "auto", "variable"),
    "黑体": ("SimHei", "modern", "fixed"),
}

# style name -> ASCII style id (Word and WPS handle ASCII ids best; the names are what users see)
STYLE_IDS = {
    "公文标题": "GWTitle",
    "主送机关": "GWRecipient",
    "公文正文": "GWBody",
    "一级标题": "GWHeading1",
    "二级标题": "GWHeading2",
    "三级标题": "GWHeading3",
    "落款": "GWSignature",
    "成文日期": "GWDate",
    "二级标题字符": "GWHeading2Char",
    "页码": "GWPageNumber",
}


# ---------------------------------------------------------------------------------------------
# XML helpers
# ---------------------------------------------------------------------------------------------
def _set_val(parent, tag: str, value) -> None:
    get_or_add_child(parent, tag).set(qn("w:val"), str(value))


def _set_size(rpr, points: float) -> None:
    half_points = int(round(points * 2))
    _set_val(rpr, "w:sz", half_points)
    _set_val(rpr, "w:szCs", half_points)


def _set_lang(rpr) -> None:
    lang = get_or_add_child(rpr, "w:lang")
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    lang.set(qn("w:bidi"), "ar-SA")


def _set_spacing(ppr, *, line: int | None, rule: str = "exact", before: int = 0,
                 after: int = 0) -> None:
    spacing = get_or_add_child(ppr, "w:spacing")
    for attr in list(spacing.attrib):
        del spacing.attrib[attr]
    spacing.set(qn("w:before"), str(before))
    spacing.set(qn("w:after"), str(after))
    if line is not None:
        spacing.set(qn("w:line"), str(line))
        spacing.set(qn("w:lineRule"), rule)


def _set_off(parent, tag: str) -> None:
    """Write an explicit off switch (e.g. <w:b w:val="0"/>)."""
    _set_val(parent, tag, 0)


def _set_on(parent, tag: str) -> None:
    el = get_or_add_child(parent, tag)
    if qn("w:val") in el.attrib:
        del el.attrib[qn("w:val")]


# ---------------------------------------------------------------------------------------------
# Styles
# ---------------------------------------------------------------------------------------------
def _add_style(document, name: str, kind, base: str | None, priority: int):
    style = document.styles.add_style(name, kind)
    style.element.set(qn("w:styleId"), STYLE_IDS[name])
    if base is not None:
        style.base_style = document.styles[base]
    style.quick_style = True      # w:qFormat: show in the style gallery
    style.hidden = False
    style.unhide_when_used = False
    style.priority = priority
    return style


def _ppr(style):
    return get_or_add_child(style.element, "w:pPr")


def _rpr(style):
    return get_or_add_child(style.element, "w:rPr")


def _configure_defaults(document) -> None:
    styles_el = document.styles.element
    doc_defaults = styles_el.find(qn("w:docDefaults"))
    rpr = doc_defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_rfonts(rpr, FONT_BODY)
    _set_size(rpr, BODY_PT)
    _set_lang(rpr)
    ppr = doc_defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    _set_val(ppr, "w:overflowPunct", 1)   # see the module docstring: LibreOffice's reading
    _set_spacing(ppr, line=240, rule="auto")

    normal = document.styles["Normal"]
    set_rfonts(_rpr(normal), FONT_BODY)
    _set_size(_rpr(normal), BODY_PT)
    _set_lang(_rpr(normal))


def _build_styles(document) -> None:
    P, C = WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.CHARACTER
    _configure_defaults(document)

    body = _add_style(document, "公文正文", P, "Normal", 1)
    ppr = _ppr(body)
    _set_on(ppr, "w:widowControl")
    _set_spacing(ppr, line=BODY_LINE_TWIPS)
    set_indent(ppr, first_line_chars=2)            # firstLineChars=200, firstLine=640
    _set_val(ppr, "w:jc", "both")
    rpr = _rpr(body)
    set_rfonts(rpr, FONT_BODY)
    _set_val(rpr, "w:spacing", BODY_CHAR_SPACING)
    _set_size(rpr, BODY_PT)

    title = _add_style(document, "公文标题", P, "Normal", 2)
    ppr = _ppr(title)
    _set_on(ppr, "w:keepNext")
    _set_on(ppr, "w:keepLines")
    _set_off(ppr, "w:widowControl")
    _set_spacing(ppr, line=TITLE_LINE_TWIPS)
    set_indent(ppr, first_line_chars=0)
    _set_val(ppr, "w:jc", "center")
    rpr = _rpr(title)
    set_rfonts(rpr, FONT_TITLE)
    _set_off(rpr, "w:b")
    _set_off(rpr, "w:bCs")
    _set_size(rpr, TITLE_PT)

    recipient = _add_style(document, "主送机关", P, "公文正文", 3)
    ppr = _ppr(recipient)
    set_indent(ppr, first_line_chars=0)
    _set_val(ppr, "w:jc", "left")
    rpr = _rpr(recipient)
    set_rfonts(rpr, FONT_BODY)
    _set_size(rpr, BODY_PT)

    for name, font, level, priority in (
        ("一级标题", FONT_HEADING1, 0, 4),
        ("二级标题", FONT_HEADING2, 1, 5),
        ("三级标题", FONT_HEADING3, 2, 6),
    ):
        heading = _add_style(document, name, P, "公文正文", priority)
        ppr = _ppr(heading)
        _set_on(ppr, "w:keepNext")
        # Outline level only (navigation pane); the numbering text stays literal.
        _set_val(ppr, "w:outlineLvl", level)
        rpr = _rpr(heading)
        set_rfonts(rpr, font)
        _set_off(rpr, "w:b")
        _set_off(rpr, "w:bCs")
        _set_size(rpr, BODY_PT)

    for name, priority, right_chars in (("落款", 7, None), ("成文日期", 8, 4)):
        style = _add_style(document, name, P, "公文正文", priority)
        ppr = _ppr(style)
        set_indent(ppr, first_line_chars=0, right_chars=right_chars)
        # No automatic gap between CJK and Latin/digits in Word. LibreOffice 7.4 adds one anyway
        # (and its stand-in fonts have wider digits), which is why the render centres both
        # paragraphs on one axis (docx_layout.centre_signature_over_date) instead of trusting
        # computed widths.
        _set_off(ppr, "w:autoSpaceDE")
        _set_off(ppr, "w:autoSpaceDN")
        _set_val(ppr, "w:jc", "right")
        rpr = _rpr(style)
        set_rfonts(rpr, FONT_BODY)
        _set_size(rpr, BODY_PT)

    run_in = _add_style(document, "二级标题字符", C, "Default Paragraph Font", 9)
    rpr = _rpr(run_in)
    set_rfonts(rpr, FONT_HEADING2)
    _set_off(rpr, "w:b")
    _set_off(rpr, "w:bCs")

    page_number = _add_style(document, "页码", P, "Normal", 10)
    ppr = _ppr(page_number)
    _set_spacing(ppr, line=240, rule="auto")
    set_indent(ppr, first_line_chars=0)
    rpr = _rpr(page_number)
    set_rfonts(rpr, FONT_PAGE_NUMBER)
    _set_size(rpr, PAGE_NUMBER_PT)

    body.next_paragraph_style = body
    title.next_paragraph_style = body
    recipient.next_paragraph_style = body
    for name in ("一级标题", "二级标题", "三级标题"):
        document.styles[name].next_paragraph_style = body


# ---------------------------------------------------------------------------------------------
# Page setup and footers
# ---------------------------------------------------------------------------------------------
def _setup_page(document) -> None:
    section = document.sections[0]
    section.page_width = Mm(PAGE_WIDTH_MM)
    section.page_height = Mm(PAGE_HEIGHT_MM)
    section.top_margin = Mm(MARGIN_TOP_MM)
    section.bottom_margin = Mm(MARGIN_BOTTOM_MM)
    section.left_margin = Mm(MARGIN_LEFT_MM)
    section.right_margin = Mm(MARGIN_RIGHT_MM)
    section.gutter = 0
    section.header_distance = Mm(HEADER_DISTANCE_MM)
    section.footer_distance = Mm(FOOTER_DISTANCE_MM)
    section.different_first_page_header_footer = False

    settings = document.settings
    settings.odd_and_even_pages_header_footer = True
    theme_lang = settings.element.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:eastAsia"), "zh-CN")
    # No character grid (LibreOffice sets 14 a line with one, see the module docstring); the
    # line pitch records the 28.9 pt line for Word's page set-up dialog.
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is not None:
        grid.set(qn("w:linePitch"), str(BODY_LINE_TWIPS))


def _text_run(paragraph, text: str):
    return paragraph.add_run(text)


def _field_char_run(paragraph, kind: str):
    run = paragraph.add_run()
    fld = OxmlElement("w:fldChar")
    fld.set(qn("w:fldCharType"), kind)
    run._r.append(fld)
    return run


def _instr_run(paragraph, instruction: str):
    run = paragraph.add_run()
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = instruction
    run._r.append(instr)
    return run


def _write_page_number(footer, *, odd: bool) -> None:
    """Footer paragraph "— {PAGE} —" in 页码, odd pages right / even pages left, 1 char in."""
    footer.is_linked_to_previous = False
    paragraphs = footer.paragraphs
    paragraph = paragraphs[0] if paragraphs else footer.add_paragraph()
    for extra in paragraphs[1:]:
        extra._p.getparent().remove(extra._p)
    for run in list(paragraph.runs):
        run._r.getparent().remove(run._r)
    paragraph.style = "页码"
    ppr = paragraph._p.get_or_add_pPr()
    twips_per_char = PAGE_NUMBER_PT * 20
    if odd:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        set_indent(ppr, right_chars=1, first_line_chars=0, twips_per_char=twips_per_char)
    else:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
        set_indent(ppr, left_chars=1, first_line_chars=0, twips_per_char=twips_per_char)
    _text_run(paragraph, EM_DASH + " ")
    _field_char_run(paragraph, "begin")
    _instr_run(paragraph, " PAGE ")
    _field_char_run(paragraph, "separate")
    _text_run(paragraph, "1")
    _field_char_run(paragraph, "end")
    _text_run(paragraph, " " + EM_DASH)


def _build_footers(document) -> None:
    section = document.sections[0]
    _write_page_number(section.footer, odd=True)             # default footer = odd pages
    _write_page_number(section.even_page_footer, odd=False)


# ---------------------------------------------------------------------------------------------
# Body: the docxtpl tags, one paragraph each, each tag in a single run
# ---------------------------------------------------------------------------------------------
def _para(document, style: str, *runs: tuple[str, str | None], no_indent: bool = False):
    paragraph = document.add_paragraph(style=style)
    for text, char_style in runs:
        run = paragraph.add_run(text)
        if char_style is not None:
            run.style = char_style
    if no_indent:
        set_indent(paragraph._p.get_or_add_pPr(), first_line_chars=0)
    return paragraph


def _tag(document, tag: str, style: str = "公文正文"):
    return _para(document, style, (tag, None))


BODY = "公文正文"


def _build_body(document) -> None:
    _tag(document, "{{ title }}", "公文标题")
    _para(document, BODY, no_indent=True)                       # blank line under the title
    _tag(document, "{%p if recipient %}")
    _tag(document, "{{ recipient }}", "主送机关")
    _tag(document, "{%p endif %}")
    _tag(document, "{{ opening }}")
    _tag(document, "{%p for part in parts %}")
    _tag(document, "{{ part.heading }}", "一级标题")
    _tag(document, "{%p for block in part.blocks %}")
    _tag(document, '{%p if block.kind == "heading2" %}')
    _tag(document, "{{ block.text }}", "二级标题")
    _tag(document, '{%p elif block.kind == "heading3" %}')
    _tag(document, "{{ block.text }}", "三级标题")
    _tag(document, '{%p elif block.kind == "run_in" %}')
    _para(document, BODY, ("{{ block.lead }}", "二级标题字符"), ("{{ block.text }}", None))
    _tag(document, "{%p else %}")
    _tag(document, "{{ block.text }}")
    _tag(document, "{%p endif %}")
    _tag(document, "{%p endfor %}")
    _tag(document, "{%p endfor %}")
    # The closing, the gap and the signature stay with the date: a signature page
    # without body text is not allowed (GB/T 9704 7.3.5.1).
    for paragraph in (
        _tag(document, "{{ closing }}"),
        _para(document, BODY, no_indent=True),
        _para(document, BODY, no_indent=True),
        _tag(document, "{{ signature }}", "落款"),
    ):
        paragraph.paragraph_format.keep_with_next = True
    _tag(document, "{{ date }}", "成文日期")


# ---------------------------------------------------------------------------------------------
# Package: settings, font table, properties, parts python-docx's stock template brings along
# ---------------------------------------------------------------------------------------------
_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_DROPPED_DOCUMENT_RELS = (
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
    _RT + "customXml",
)
_DROPPED_PACKAGE_RELS = ("http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail",)


def _drop_rels(part, reltypes) -> None:
    """Unlink the parts of these types; python-docx writes only the parts still linked."""
    for rel_id, rel in list(part.rels.items()):
        if rel.reltype in reltypes:
            del part.rels[rel_id]


#: The table styles kept: the default one (w:default) and Word's plain grid (网格型).
_KEPT_TABLE_STYLES = ("Normal Table", "Table Grid")


def _drop_table_styles(document) -> None:
    styles = document.styles.element
    for style in styles.findall(qn("w:style")):
        name = style.find(qn("w:name"))
        if style.get(qn("w:type")) == "table" and style.get(qn("w:default")) != "1" and \
                (name is None or name.get(qn("w:val")) not in _KEPT_TABLE_STYLES):
            styles.remove(style)


def _set_compatibility(document) -> None:
    settings = document.settings.element
    for setting in settings.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), str(COMPATIBILITY_MODE))
    # Word writes the preview picture (docProps/thumbnail) only when asked to.
    for el in settings.findall(qn("w:savePreviewPicture")):
        settings.remove(el)


def _font_table_xml() -> bytes:
    from xml.sax.saxutils import quoteattr

    fonts = []
    names = list(FONT_TABLE) + ["Times New Roman"]
    for name in names:
        alt, family, pitch = FONT_TABLE.get(name, (None, "roman", "variable"))
        charset = "00" if name == "Times New Roman" else "86"
        alt_el = f"<w:altName w:val={quoteattr(alt)}/>" if alt else ""
        fonts.append(f"<w:font w:name={quoteattr(name)}>{alt_el}<w:charset w:val=\"{charset}\"/>"
                     f"<w:family w:val=\"{family}\"/><w:pitch w:val=\"{pitch}\"/></w:font>")
    return ("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
            f"<w:fonts xmlns:w=\"{_W_NS}\">{''.join(fonts)}</w:fonts>").encode("utf-8")


_APP_XML = (
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\" "
    "xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">"
    "<Template>Normal.dotm</Template><TotalTime>0</TotalTime><DocSecurity>0</DocSecurity>"
    "<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
    "<HyperlinksChanged>false</HyperlinksChanged></Properties>"
).encode("utf-8")


def _clean_package(document) -> None:
    _drop_rels(document.part, _DROPPED_DOCUMENT_RELS)
    _drop_rels(document.part.package, _DROPPED_PACKAGE_RELS)
    _set_compatibility(document)
    _drop_table_styles(document)
    for rel in document.part.rels.values():
        if rel.reltype == _RT + "fontTable":
            rel.target_part._blob = _font_table_xml()
    for rel in document.part.package.rels.values():
        if rel.reltype == _RT + "extended-properties":
            rel.target_part._blob = _APP_XML


# ---------------------------------------------------------------------------------------------
def build_document():
    """Return the template as a python-docx Document (not saved)."""
    document = Document()
    _build_styles(document)
    _setup_page(document)
    _build_footers(document)
    _build_body(document)
    _clean_package(document)

    # The render replaces title, author and dates with the report's own (docx_layout).
    fixed = _dt.datetime(2025, 1, 1, tzinfo=_dt.timezone.utc)
    props = document.core_properties
    props.title = "法治政府建设年度报告"
    props.author = props.comments = props.last_modified_by = ""   # python-docx's own names
    props.language = "zh-CN"
    props.created = fixed
    props.modified = fixed
    props.revision = 1
    for element in list(props._element):      # python-docx's empty subject, category …
        if not (element.text or "").strip():
            props._element.remove(element)
    return document


def _reproducible_zip(data: bytes) -> bytes:
    """Rewrite the package with fixed entry timestamps so rebuilds are byte-identical."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()


def build(output: Path = DEFAULT_OUTPUT) -> Path:
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    build_document().save(buffer)
    output.write_bytes(_reproducible_zip(buffer.getvalue()))
    return output


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    output = Path(argv[0]) if argv else DEFAULT_OUTPUT
    path = build(output)
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
