"""Layout helpers for the report .docx (GB/T 9704-2012), applied after docxtpl rendering.

Everything here works on a python-docx ``Document`` and mutates it in place; `finish_layout`
does the fixes after rendering on the body's elements, for a prepared template's render
(drafter.prepared). The same helpers are used by ``scripts/build_template.py`` when it builds
``templates/official.docx``, so the template and the post-render fix-ups agree on how fonts
and indents are written.

Notes on the XML written here:

* A font is written into all four ``w:rFonts`` slots (ascii, hAnsi, eastAsia, cs). python-docx's
  ``font.name`` sets only ascii/hAnsi, and Chinese text is drawn with the eastAsia slot. Theme
  font attributes (``w:asciiTheme`` …) are removed because they take precedence over the names.
* Indents in characters are written as ``w:*Chars`` (hundredths of a character, read by Word and
  WPS) together with a twip value for readers that ignore the character units; the twips assume
  the 3号 (16 pt) body size, i.e. 320 twips per character.
"""

from __future__ import annotations

import datetime as dt
import weakref
from functools import lru_cache
from typing import Mapping

from docx.oxml import OxmlElement
from docx.oxml.ns import nsmap, qn

from .text import display_width

__all__ = [
    "BODY_STYLES",
    "FONT_ROLES",
    "TWIPS_PER_CHAR",
    "apply_fonts",
    "centre_signature_over_date",
    "display_width",
    "finish_layout",
    "keep_ending_together",
    "set_properties",
    "get_or_add_child",
    "set_core_property",
    "set_indent",
    "set_rfonts",
    "style_rpr",
    "style_table",
    "text_width_chars",
]

#: Twips per character of 3号 (16 pt) body text: 16 pt × 20.
TWIPS_PER_CHAR = 320

#: Styles whose font is the body font (besides ``Normal`` and the document defaults).
BODY_STYLES = ("Normal", "公文正文", "主送机关", "三级标题", "落款", "成文日期")

#: Font role → names of the styles that use that font.
FONT_ROLES: dict[str, tuple[str, ...]] = {
    "body": BODY_STYLES,
    "title": ("公文标题",),
    "heading1": ("一级标题",),
    "heading2": ("二级标题", "二级标题字符"),
    # Not required by callers; lets a configuration give "（1）"/"1." headings their own face.
    "heading3": ("三级标题",),
    "page_number": ("页码",),
}

TITLE_STYLE = "公文标题"
SIGNATURE_STYLE = "落款"
DATE_STYLE = "成文日期"
#: GB/T 9704 7.3.5.1: the date stands 4 characters in from the right edge of the text block.
DATE_RIGHT_CHARS = 4.0

# Child order of w:rPr and w:pPr in the WordprocessingML schema (ECMA-376 part 1, §17.3.2.28 /
# §17.3.1.26); Word rejects files whose children are out of order.
_RPR_ORDER = (
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike",
    "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden",
    "color", "spacing", "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr",
    "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish",
    "oMath",
)
_PPR_ORDER = (
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
    "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
    "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
    "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle",
    "rPr", "sectPr", "pPrChange",
)
_ORDERS = {qn("w:rPr"): _RPR_ORDER, qn("w:pPr"): _PPR_ORDER}
# In a w:style, w:pPr comes before w:rPr (and the style's own children before both).
_STYLE_ORDER = (
    "name", "aliases", "basedOn", "next", "link", "autoRedefine", "hidden", "uiPriority",
    "semiHidden", "unhideWhenUsed", "qFormat", "locked", "personal", "personalCompose",
    "personalReply", "rsid", "pPr", "rPr", "tblPr", "trPr", "tcPr", "tblStylePr",
)
_ORDERS[qn("w:style")] = _STYLE_ORDER

_THEME_FONT_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
_P, _PPR, _PSTYLE, _VAL = qn("w:p"), qn("w:pPr"), qn("w:pStyle"), qn("w:val")


def get_or_add_child(parent, tag: str):
    """Return ``parent``'s child ``tag`` (e.g. ``"w:ind"``), inserting it in schema order.

    ``parent`` is a ``w:rPr``, ``w:pPr`` or ``w:style`` element.
    """
    clark = qn(tag)
    child = parent.find(clark)
    if child is not None:
        return child
    child = parent.makeelement(clark)  # python-docx's class for it, as OxmlElement's parse of its text gives
    successors = _successors(parent.tag, tag.split(":", 1)[1])
    if successors:
        for index, existing in enumerate(parent):
            if existing.tag in successors:
                parent.insert(index, child)
                return child
    parent.append(child)
    return child


@lru_cache(maxsize=None)
def _successors(parent_tag: str, local: str) -> frozenset[str]:
    """The tags that come after `local` in a `parent_tag` element, in schema order (none when
    the order is not known: the child is appended)."""
    order = _ORDERS.get(parent_tag)
    if not order or local not in order:
        return frozenset()
    return frozenset(qn("w:" + name) for name in order[order.index(local) + 1:])


def set_rfonts(element_rpr, name: str) -> None:
    """Set ``name`` in all four font slots (ascii, hAnsi, eastAsia, cs) of a ``w:rPr``.

    Theme font references, which would override the names, are removed; a ``w:hint`` is kept.
    """
    rfonts = get_or_add_child(element_rpr, "w:rFonts")
    for attr in _THEME_FONT_ATTRS:
        key = qn(attr)
        if key in rfonts.attrib:
            del rfonts.attrib[key]
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(slot), name)


def style_rpr(style_element):
    """The ``w:rPr`` of a ``w:style`` element, created if absent."""
    return get_or_add_child(style_element, "w:rPr")


def _doc_defaults_rpr(document):
    styles_el = document.styles.element
    doc_defaults = styles_el.find(qn("w:docDefaults"))
    if doc_defaults is None:
        doc_defaults = OxmlElement("w:docDefaults")
        styles_el.insert(0, doc_defaults)
    rpr_default = doc_defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        doc_defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    return rpr


def _styles_by_name(document) -> dict:
    """Every ``w:style`` element of the document, by its w:name (one pass over styles.xml)."""
    by_name = {}
    for style_el in document.styles.element.iterchildren(qn("w:style")):
        name_el = style_el.find(qn("w:name"))
        if name_el is not None:
            by_name.setdefault(name_el.get(qn("w:val")), style_el)
    return by_name


def apply_fonts(document, fonts: Mapping[str, str]) -> None:
    """Rewrite the font names of the report's styles.

    ``fonts`` maps a role to a font family name, e.g. ``{"body": "仿宋", "title": "方正小标宋_GBK",
    "heading1": "黑体", "heading2": "楷体", "page_number": "宋体"}``. Roles: ``body`` (document
    defaults, Normal, 公文正文, 主送机关, 三级标题, 落款, 成文日期), ``title`` (公文标题),
    ``heading1`` (一级标题), ``heading2`` (二级标题 and the character style 二级标题字符),
    ``page_number`` (页码), and optionally ``heading3`` (三级标题, applied after ``body``).
    Roles left out, or given an empty name, are not changed; styles missing from the document
    are skipped. An unknown role raises ``ValueError``.
    """
    unknown = set(fonts) - set(FONT_ROLES)
    if unknown:
        raise ValueError(
            f"unknown font role(s) {sorted(unknown)}; expected some of {sorted(FONT_ROLES)}"
        )
    styles = _styles_by_name(document)
    for role, style_names in FONT_ROLES.items():  # fixed order: heading3 after body
        name = fonts.get(role)
        if not name:
            continue
        if role == "body":
            set_rfonts(_doc_defaults_rpr(document), name)
        for style_name in style_names:
            style_el = styles.get(style_name)
            if style_el is not None:
                set_rfonts(style_rpr(style_el), name)


def set_indent(ppr, *, right_chars: float | None = None, left_chars: float | None = None,
               first_line_chars: float | None = None,
               twips_per_char: int = TWIPS_PER_CHAR) -> None:
    """Set indents (in characters) on a ``w:pPr``: ``w:*Chars`` in hundredths of a character
    plus the twip fallback (``twips_per_char`` per character)."""
    ind = get_or_add_child(ppr, "w:ind")
    for chars, (chars_attr, twips_attr) in zip((right_chars, left_chars, first_line_chars), _INDENT_ATTRS):
        if chars is None:
            continue
        ind.set(chars_attr, str(int(round(chars * 100))))
        ind.set(twips_attr, str(int(round(chars * twips_per_char))))
        if chars_attr == _FIRST_LINE_CHARS:  # a first-line indent excludes a hanging one
            for attr in _HANGING_ATTRS:
                if attr in ind.attrib:
                    del ind.attrib[attr]


# (characters, twips) attributes of the right, left and first-line indents; a hanging indent's.
_INDENT_ATTRS = tuple((qn(chars), qn(twips)) for chars, twips in (
    ("w:rightChars", "w:right"), ("w:leftChars", "w:left"), ("w:firstLineChars", "w:firstLine")))
_FIRST_LINE_CHARS = qn("w:firstLineChars")
_HANGING_ATTRS = (qn("w:hanging"), qn("w:hangingChars"))


def _right_indent_chars(p, styles: "_StyleTable") -> float | None:
    """Right indent of the paragraph element ``p`` in characters, from its own w:ind or its style chain."""
    ppr = p.pPr
    candidates = [ppr]
    style_el = ppr.find(_PSTYLE) if ppr is not None else None
    style_id = style_el.get(_VAL) if style_el is not None else None
    if style_id not in styles.elements:  # no style, or an unknown one: Word uses the default
        style_id = styles.default
    seen = set()
    while style_id is not None and style_id not in seen and style_id in styles.elements:
        seen.add(style_id)
        element = styles.elements[style_id]
        candidates.append(element.find(_PPR))
        based_on = element.find(_BASED_ON)
        style_id = based_on.get(_VAL) if based_on is not None else None
    for ppr in candidates:
        if ppr is None:
            continue
        ind = ppr.find(_IND)
        if ind is None:
            continue
        if ind.get(_RIGHT_CHARS) is not None:
            return int(ind.get(_RIGHT_CHARS)) / 100
        for attr in _RIGHT_TWIPS:
            if ind.get(attr) is not None:
                return int(ind.get(attr)) / TWIPS_PER_CHAR
    return None


_BASED_ON, _IND, _RIGHT_CHARS = qn("w:basedOn"), qn("w:ind"), qn("w:rightChars")
_RIGHT_TWIPS = (qn("w:right"), qn("w:end"))
_KEEP_NEXT = qn("w:keepNext")
_SECT_PR = qn("w:sectPr")


class _StyleTable:
    """The styles part read once: name → id, id → element, the default paragraph style."""

    def __init__(self, styles_el) -> None:
        self.size = len(styles_el)
        self.ids: dict[str, str] = {}
        self.elements: dict[str, object] = {}
        self.default: str | None = None
        for style_el in styles_el.iterchildren(qn("w:style")):
            style_id = style_el.get(qn("w:styleId"))
            self.elements.setdefault(style_id, style_el)
            name_el = style_el.find(qn("w:name"))
            if name_el is not None:
                self.ids.setdefault(name_el.get(_VAL), style_id)
            if self.default is None and style_el.get(qn("w:type")) == "paragraph" and \
                    style_el.get(qn("w:default")) in ("1", "true", "on"):
                self.default = style_id


_STYLE_TABLES: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def style_table(document) -> _StyleTable:
    """The styles part's table, read once per styles part (350 KB; read again when a style
    is added or removed): each report looks styles up a dozen times. A prepared template's
    skeleton keeps its own (drafter.prepared), its styles being fixed once made."""
    styles_el = document.styles.element
    table = _STYLE_TABLES.get(styles_el)
    if table is None or table.size != len(styles_el):
        table = _STYLE_TABLES[styles_el] = _StyleTable(styles_el)
    return table


@lru_cache(maxsize=1)
def _content():
    """A paragraph's run content that python-docx's ``Paragraph.text`` reads (its runs' and its
    hyperlinks' runs' texts, breaks and tabs), in document order: one XPath compiled once."""
    from lxml import etree

    return etree.XPath("(./w:r | ./w:hyperlink/w:r)/*[self::w:br or self::w:cr or self::w:noBreakHyphen"
                       " or self::w:ptab or self::w:t or self::w:tab]", namespaces={"w": nsmap["w"]})


def paragraph_text(p) -> str:
    """python-docx's ``Paragraph.text`` of the paragraph element ``p`` (each run content's own
    ``str``), by one XPath instead of one per run."""
    return "".join([str(e) for e in _content()(p)])


def _styled(body, styles: _StyleTable, *style_names: str) -> list[list[tuple[object, str]]]:
    """For each named style, (paragraph element, its text) of each body paragraph in it: the
    body's paragraphs a ``w:pPr/w:pStyle`` of which names it (XPath's
    ``./w:p[w:pPr/w:pStyle/@w:val=$id]``), found by one walk over the body's pStyle elements."""
    ids = [styles.ids.get(name) for name in style_names]
    found: list[list] = [[] for _ in style_names]
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return found
    last = None
    for style in body.iter(_PSTYLE):
        if style.get(_VAL) not in wanted:
            continue
        ppr = style.getparent()
        p = ppr.getparent()
        if p is last or ppr.tag != _PPR or p is None or p.tag != _P or p.getparent() is not body:
            continue
        last = p                                # a paragraph's other pStyle come next in the walk
        own = {style.get(_VAL) for ppr in p.iterchildren(_PPR) for style in ppr.iterchildren(_PSTYLE)}
        text = None
        for index, style_id in enumerate(ids):
            if style_id in own:
                text = paragraph_text(p) if text is None else text
                found[index].append((p, text))
    return found


@lru_cache(maxsize=1)
def _sections():
    """The section properties of a body, in document order (python-docx's ``Document.sections``)."""
    from lxml import etree

    return etree.XPath("./w:p/w:pPr/w:sectPr | ./w:sectPr", namespaces={"w": nsmap["w"]})


#: Room each side of the longer of signature and date, in characters, inside the band in
#: which both are centred: the real widths differ from display_width's estimate with the
#: font (LibreOffice's stand-in digits are wider than half a character, and it spaces digits
#: from Chinese), and the band must never make either line wrap.
CENTRE_SLACK_CHARS = 2.0


def text_width_chars(body) -> float:
    """The width of the body's last section's line, in characters of the body size."""
    # the body's own sectPr, its last child, is the last section (each paragraph's comes before)
    section = body[-1] if len(body) and body[-1].tag == _SECT_PR else _sections()(body)[-1]  # none: IndexError
    width, left, right = section.page_width, section.left_margin, section.right_margin
    if width is None or left is None or right is None:
        return 156 / 25.4 * 1440 / TWIPS_PER_CHAR           # GB/T 9704's 156 mm line
    twips = (width - left - right) / 635  # EMU → twips
    return twips / TWIPS_PER_CHAR


def centre_signature_over_date(document) -> float | None:
    """Centre the signature (style 落款) over the date (style 成文日期), GB/T 9704 7.3.5.1.

    Both are set centred (jc=center) in the same band of the line, so they share one axis
    whatever the fonts' real widths are (right-aligning each with a computed indent put the
    signature 4 mm off in LibreOffice, whose digits and CJK/Latin spacing differ from Word's).
    The axis sits where a date ending 4 characters in (the date's own right indent) has its
    centre, with Arabic digits counted as half a character::

        axis = date_indent + width(date) / 2          (from the right edge, in characters)

    When the signature is too wide for that (half its width plus the slack exceeds the axis),
    the axis moves left until the signature fits, and the date is centred under it. Returns
    the axis in characters from the right edge, or None when there is no 落款/成文日期
    paragraph with text.
    """
    body, styles = document.element.body, style_table(document)
    return _centre(body, styles, *_styled(body, styles, SIGNATURE_STYLE, DATE_STYLE))


def _centre(body, styles: _StyleTable, signatures: list, dates: list, text_width: float | None = None) -> float | None:
    dates = [(p, text) for p, text in dates if text.strip()]
    signed = [(p, text) for p, text in signatures if text.strip()]
    if not dates or not signed:
        return None
    date, date_text = dates[-1]
    date_indent = _right_indent_chars(date, styles)
    if date_indent is None:
        date_indent = DATE_RIGHT_CHARS
    date_width = display_width(date_text)
    widest = max([date_width] + [display_width(text) for _, text in signed])
    half = widest / 2 + CENTRE_SLACK_CHARS
    axis = max(date_indent + date_width / 2, half)
    line = text_width_chars(body) if text_width is None else text_width
    for p in [*(p for p, _ in signed), date]:
        ppr = p.get_or_add_pPr()
        set_indent(ppr, right_chars=axis - half, left_chars=max(0.0, line - axis - half), first_line_chars=0)
        get_or_add_child(ppr, "w:jc").set(_VAL, "center")
    return axis


def keep_ending_together(document) -> bool:
    """Keep the last body paragraph with 特此报告, the signature and the date.

    GB/T 9704 7.3.5.1: the page that carries the signature and date carries body text too.
    The template keeps its closing block (特此报告, two blank lines, 落款) with the next
    paragraph by direct formatting; this marks the first paragraph before that block, so a
    page break never falls between the body and 特此报告 (widow/orphan control then brings
    at least two of its lines). Returns False when the document has no 落款 paragraph.
    """
    body, styles = document.element.body, style_table(document)
    return _keep(*_styled(body, styles, SIGNATURE_STYLE))


def _keep(signatures: list) -> bool:
    if not signatures:
        return False
    paragraph = signatures[0][0].getprevious()
    while paragraph is not None:
        if paragraph.tag == _P:
            ppr = paragraph.get_or_add_pPr()
            keep = ppr.find(_KEEP_NEXT)
            if keep is None or keep.get(_VAL) in ("0", "false", "off"):
                get_or_add_child(ppr, "w:keepNext")
                if keep is not None:
                    del keep.attrib[_VAL]
                return True
        paragraph = paragraph.getprevious()
    return True


def set_properties(document, *, when=None) -> None:
    """The report's own document properties: title (the 公文标题 text), author (the 落款),
    created and modified now (or `when`); nothing left from the template."""
    body, styles = document.element.body, style_table(document)
    _properties(document.core_properties._element, *_styled(body, styles, TITLE_STYLE, SIGNATURE_STYLE), when)


def _properties(core, titles: list, signatures: list, when) -> None:
    title = "".join(text for _, text in titles).replace("\n", "")
    signature = next((text for _, raw in signatures for text in [raw.strip()] if text), "")
    when = when or dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    for name, value in (("title", title), ("author", signature), ("last_modified_by", signature),
                        ("created", when), ("modified", when), ("revision", 1)):
        set_core_property(core, name, value)


# python-docx's core property names → the child of cp:coreProperties each is written in.
_CORE_CHILDREN = {
    name: qn(tag) for name, tag in (
        ("author", "dc:creator"), ("comments", "dc:description"), ("identifier", "dc:identifier"),
        ("language", "dc:language"), ("last_modified_by", "cp:lastModifiedBy"), ("subject", "dc:subject"),
        ("title", "dc:title"), ("revision", "cp:revision"), ("created", "dcterms:created"),
        ("modified", "dcterms:modified"))
}
_XSI_TYPE, _W3CDTF = qn("xsi:type"), "dcterms:W3CDTF"


def set_core_property(core, name: str, value) -> None:
    """python-docx's ``CoreProperties(core).<name> = value``, on the ``cp:coreProperties``
    element; straight into the child's text where that is all python-docx would change (the
    child exists; a text of at most 255 characters, a positive revision number, or a date
    whose child is typed already and whose xsi prefix the root declares)."""
    child = core.find(_CORE_CHILDREN[name]) if name in _CORE_CHILDREN else None
    if child is not None:
        if isinstance(value, str) and len(value) <= 255 and name not in ("created", "modified", "revision"):
            child.text = value
            return
        if name == "revision" and type(value) is int and value >= 1:
            child.text = str(value)
            return
        if name in ("created", "modified") and isinstance(value, dt.datetime) and \
                child.get(_XSI_TYPE) == _W3CDTF and core.nsmap.get("xsi") == nsmap["xsi"]:
            child.text = value.strftime("%Y-%m-%dT%H:%M:%SZ")
            return
    from docx.opc.coreprops import CoreProperties

    setattr(CoreProperties(core), name, value)


def finish_layout(body, styles: _StyleTable, core, *, when=None, text_width: float | None = None) -> None:
    """`centre_signature_over_date`, `keep_ending_together` and `set_properties`, in that order,
    on a rendered body given with its style table and core properties element (a prepared
    template's render: each style's paragraphs and their texts read once for all three, none
    of which changes a text or a style); `text_width`: the body's `text_width_chars`, if known."""
    signatures, dates, titles = _styled(body, styles, SIGNATURE_STYLE, DATE_STYLE, TITLE_STYLE)
    _centre(body, styles, signatures, dates, text_width)
    _keep(signatures)
    _properties(core, titles, signatures, when)
