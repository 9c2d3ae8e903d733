"""The render's fast paths give what the plain ways give: the figures' glue (drafter.docx_glue)
against its former element-by-element writer, kept below as the reference; a paragraph's
text against python-docx's ``Paragraph.text``; the paragraphs of a style against one XPath
per style; and the argument that lets verify_docx skip re-parsing a part lxml serialised.

Inputs: the examples' rendered bodies, the corpus's sentences (read from ../shared/corpus at
test time) cut into runs, and hypothesis-made paragraphs mixing runs, properties, breaks,
tabs and hyperlinks.
"""

from __future__ import annotations

import copy
import sys
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from conftest import EXAMPLES
from drafter.docx_glue import NO_LANGUAGE, glue_body, glue_points
from drafter.docx_layout import (
    DATE_STYLE,
    SIGNATURE_STYLE,
    TITLE_STYLE,
    _sections,
    _styled,
    _StyleTable,
    get_or_add_child,
    paragraph_text,
)
from drafter.text import WORD_JOINER

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = f'xmlns:w="{W}"'
EXAMPLES_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _q(local: str) -> str:
    return f"{{{W}}}{local}"


# ------------------------------------------------------------------ the glue, the former way

def reference_glue(body) -> int:
    """The glue as drafter wrote it before its runs were copied from shells (e7b5ccc): every
    split run and text made by `makeelement`, inserted by index."""
    written = 0
    for paragraph in body.iter(_q("p")):
        texts = [t for t in paragraph.iter(_q("t")) if t.text]
        text = "".join(t.text for t in texts)
        if not any(ch.isdecimal() for ch in text):
            continue
        joins, unit_chars = glue_points(text)
        if not joins:
            continue
        pieces = dict(zip(texts, _reference_pieces([t.text for t in texts], joins, unit_chars)))
        for run in dict.fromkeys(t.getparent() for t in texts):
            _reference_rewrite(run, pieces)
        written += len(joins)
    return written


def _reference_pieces(texts: list[str], joins: set[int], unit_chars: set[int]) -> list[list[tuple[str, bool]]]:
    """Each text's pieces, cut where it enters or leaves a unit's characters, a joiner after the
    character before its index (the former writer's way)."""
    text = "".join(texts)
    changes = {i for i in unit_chars if i - 1 not in unit_chars} | {i + 1 for i in unit_chars if i + 1 not in unit_chars}
    marks = sorted(joins)
    out = []
    offset, m = 0, 0
    for own_text in texts:
        end = offset + len(own_text)
        cuts = sorted({offset, end, *(i for i in changes if offset < i < end)})
        own = []
        for start, stop in zip(cuts, cuts[1:]):
            chunk, at = [], start
            while m < len(marks) and marks[m] <= stop:
                if marks[m] > start:
                    chunk += (text[at:marks[m]], WORD_JOINER)
                    at = marks[m]
                m += 1
            chunk.append(text[at:stop])
            own.append(("".join(chunk), start in unit_chars))
        out.append(own)
        offset = end
    return out


def _reference_rewrite(run, pieces: dict) -> None:
    children = list(run)
    if run.tag != _q("r") or not any(flag for child in children if child in pieces for _, flag in pieces[child]):
        for child in children:
            if child in pieces:
                child.text = "".join(text for text, _ in pieces[child])
        return
    rpr = None
    items: list = []
    for child in children:
        if child.tag == _q("rPr"):
            rpr = child if rpr is None else rpr
            continue
        items += pieces[child] if child in pieces else [(child, False)]
    groups: list[list] = []
    for item in items:
        if groups and groups[-1][0][1] == item[1]:
            groups[-1].append(item)
        else:
            groups.append([item])
    parent = run.getparent()
    index = parent.index(run)
    parent.remove(run)
    for offset, group in enumerate(groups):
        unit = group[0][1]
        new = run.makeelement(_q("r"), run.attrib)
        if rpr is not None:
            own = rpr.__copy__()
            new.append(own)
            if unit:
                get_or_add_child(own, "w:lang").set(_q("eastAsia"), NO_LANGUAGE)
        elif unit:
            own = new.makeelement(_q("rPr"))
            own.append(new.makeelement(_q("lang"), {_q("eastAsia"): NO_LANGUAGE}))
            new.append(own)
        for content, _ in group:
            if isinstance(content, str):
                t = new.makeelement(_q("t"), {"{http://www.w3.org/XML/1998/namespace}space": "preserve"})
                t.text = content
                new.append(t)
            else:
                new.append(content)
        parent.insert(index + offset, new)


def _both_ways(body) -> None:
    """Glue a copy of `body` each way; the two give the same XML and count."""
    ours, theirs = copy.deepcopy(body), copy.deepcopy(body)
    assert glue_body(ours) == reference_glue(theirs)
    assert etree.tostring(ours, encoding="unicode") == etree.tostring(theirs, encoding="unicode")


def _parse(xml: str):
    from docx.oxml import parse_xml

    return parse_xml(xml)


# ------------------------------------------------------------------ paragraphs made up

_RPRS = ["", "<w:rPr><w:b/></w:rPr>", '<w:rPr><w:rStyle w:val="GWHeading2Char"/></w:rPr>',
         '<w:rPr><w:sz w:val="32"/><w:lang w:val="en-US"/></w:rPr>', '<w:rPr><w:lang w:eastAsia="zh-CN"/></w:rPr>',
         '<w:rPr><w:rFonts w:ascii="仿宋"/><w:eastAsianLayout w:id="1"/></w:rPr>']
_FIGURES = ["55001件", "24小时", "100%", "99.28％", "10余场", "3万", "2024年", "400余人次", "１２个", "7 项", "12345"]
_WORDS = ["调处成功率", "已处置", "，", "。", "开展活动", "全年", "法治", " ", "x", "&<>\"'", "年", "件"]
_text = st.lists(st.sampled_from(_FIGURES + _WORDS), min_size=1, max_size=8).map("".join)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_content = st.one_of(
    _text.map(lambda t: f'<w:t xml:space="preserve">{_escape(t)}</w:t>'),
    _text.map(lambda t: f"<w:t>{_escape(t)}</w:t>"),
    st.sampled_from(["<w:br/>", '<w:br w:type="page"/>', "<w:tab/>", "<w:cr/>", "<w:noBreakHyphen/>", "<w:ptab/>",
                     "<w:t/>"]),
)
_run = st.builds(lambda attrs, rpr, contents: f"<w:r{attrs}>{rpr}{''.join(contents)}</w:r>",
                 st.sampled_from(["", ' w:rsidR="00A1B2C3"']), st.sampled_from(_RPRS),
                 st.lists(_content, min_size=1, max_size=4))
_item = st.one_of(_run, _run, st.lists(_run, min_size=1, max_size=2).map(lambda rs: f'<w:hyperlink r:id="rId1" '
                                                                            f'xmlns:r="http://schemas.openxmlformats.org/'
                                                                            f'officeDocument/2006/relationships">'
                                                                            f'{"".join(rs)}</w:hyperlink>'))
_ppr = st.sampled_from(["", '<w:pPr><w:pStyle w:val="GWBody"/></w:pPr>', '<w:pPr><w:pStyle w:val="GWDate"/></w:pPr>',
                        '<w:pPr><w:pStyle w:val="GWSignature"/></w:pPr>', '<w:pPr><w:pStyle w:val="GWTitle"/></w:pPr>',
                        '<w:pPr><w:pStyle w:val="Other"/></w:pPr><w:pPr><w:pStyle w:val="GWDate"/></w:pPr>',
                        '<w:pPr><w:pStyle/></w:pPr>', "<w:pPr><w:jc w:val=\"center\"/></w:pPr>"])
_paragraph = st.builds(lambda ppr, items: f"<w:p>{ppr}{''.join(items)}</w:p>", _ppr, st.lists(_item, max_size=4))
_body = st.lists(_paragraph, min_size=1, max_size=6).map(lambda ps: f"<w:body {NS}>{''.join(ps)}</w:body>")


@EXAMPLES_SETTINGS
@given(_body)
def test_the_glue_gives_what_the_former_writer_gave(xml):
    _both_ways(_parse(xml))


@EXAMPLES_SETTINGS
@given(st.lists(st.sampled_from(_FIGURES + _WORDS + ["２０２４年", "1.5万", "3 \u3000件", "\t7个", "关于"]), min_size=1,
                max_size=8).map("".join), st.data())
def test_the_glue_pieces_of_a_text_cut_anywhere_are_the_former_writers(text, data):
    """`glue_pieces` in one pass gives the former pieces (from `glue_points`) for the text cut
    into one, two (at every place: a joiner may fall on the cut) or more texts."""
    from drafter.docx_glue import glue_pieces

    cuts = [[]] + [[i] for i in range(1, len(text))]
    cuts.append(sorted(data.draw(st.sets(st.integers(1, max(1, len(text) - 1)), max_size=4))))
    for cut in cuts:
        texts = [text[a:b] for a, b in zip([0, *cut], [*cut, len(text)]) if b > a]
        joins, unit_chars = glue_points(text)
        expected = (_reference_pieces(texts, joins, unit_chars), len(joins)) if joins else None
        assert glue_pieces(texts) == expected


def _rendered_bodies():
    """Each example's body as rendered, before the glue."""
    from drafter.answers import load_answers
    from drafter.document import compose
    from drafter.paths import template_path
    from drafter.prepared import prepared
    from drafter.render import docx_context

    for example in EXAMPLES:
        report = load_answers(example).report
        filled = prepared(template_path(report.layout.template)).fill(docx_context(compose(report)),
                                                                      report.layout.fonts.model_dump())
        yield copy.deepcopy(filled.document.element.body)


def test_the_glue_of_every_example_is_the_former_writers():
    for body in _rendered_bodies():
        _both_ways(body)


def test_the_glue_of_the_corpus_sentences_cut_into_runs_is_the_former_writers():
    if not CORPUS.is_dir():
        pytest.skip("the corpus (../shared/corpus) is absent")
    lines = [line for path in sorted(CORPUS.glob("*.txt")) for line in path.read_text(encoding="utf-8").splitlines()
             if any(ch.isdigit() for ch in line)]
    assert len(lines) > 50
    paragraphs = []
    for number, line in enumerate(lines * 4):  # each line cut four ways, each run with other properties
        cut = [0, *sorted({(number * 7 + k * 13) % len(line) for k in range(number % 5)}), len(line)]
        runs = "".join(f"<w:r>{_RPRS[(number + k) % len(_RPRS)]}<w:t xml:space=\"preserve\">{_escape(line[a:b])}</w:t></w:r>"
                       for k, (a, b) in enumerate(zip(cut, cut[1:])) if b > a)
        paragraphs.append(f"<w:p>{runs}</w:p>")
    for start in range(0, len(paragraphs), 50):
        _both_ways(_parse(f"<w:body {NS}>{''.join(paragraphs[start:start + 50])}</w:body>"))


def test_a_figures_digits_and_point_are_what_the_former_pattern_matched():
    """glue_points tells a figure's digits and decimal point by `ch == "." or ch.isdecimal()`."""
    import re

    former = re.compile(r"[\d.]")
    assert all(bool(former.match(ch)) == (ch == "." or ch.isdecimal()) for ch in map(chr, range(sys.maxunicode + 1)))


@EXAMPLES_SETTINGS
@given(st.lists(st.sampled_from(_FIGURES + _WORDS + ["２０２４年", "1.5万", "3 \u3000件", "²件", "\t7个"]), max_size=12).map("".join))
def test_the_glue_points_are_the_former_definitions(text):
    """The former per-pair definition: a joiner before a figure after a Han character, and
    between two of its characters not both [\\d.] nor next to a space; its unit characters
    neither ASCII, space nor digit."""
    import re

    from drafter.punctuation import is_han
    from drafter.units import figure_with_unit

    number = re.compile(r"[\d.]")
    joins, units = set(), set()
    for match in figure_with_unit(time=True).finditer(text):
        start, end = match.span()
        if start and is_han(text[start - 1]):
            joins.add(start)
        for i in range(start + 1, end):
            before, after = text[i - 1], text[i]
            if not (number.match(before) and number.match(after)) and not before.isspace() and not after.isspace():
                joins.add(i)
        units.update(i for i in range(start, end) if not (text[i].isascii() or text[i].isspace() or text[i].isdigit()))
    assert glue_points(text) == (joins, units)


# ------------------------------------------------------------------ the layout's readings

@EXAMPLES_SETTINGS
@given(_body)
def test_a_paragraphs_text_is_python_docxs(xml):
    from docx.text.paragraph import Paragraph

    for p in _parse(xml).iter(_q("p")):
        assert paragraph_text(p) == Paragraph(p, None).text


@lru_cache(maxsize=1)
def _styles() -> _StyleTable:
    names = {"GWTitle": TITLE_STYLE, "GWSignature": SIGNATURE_STYLE, "GWDate": DATE_STYLE, "GWBody": "公文正文"}
    xml = "".join(f'<w:style w:type="paragraph" w:styleId="{sid}"><w:name w:val="{name}"/></w:style>'
                  for sid, name in names.items())
    return _StyleTable(_parse(f"<w:styles {NS}>{xml}</w:styles>"))


@EXAMPLES_SETTINGS
@given(_body, st.permutations([SIGNATURE_STYLE, DATE_STYLE, TITLE_STYLE, "公文正文", "不存在的样式"]))
def test_the_paragraphs_of_a_style_are_those_one_xpath_per_style_finds(xml, names):
    body, styles = _parse(xml), _styles()
    one_by_one = etree.XPath("./w:p[w:pPr/w:pStyle/@w:val=$style]", namespaces={"w": W})
    for count in (1, 3):
        found = _styled(body, styles, *names[:count])
        for name, pairs in zip(names, found):
            style_id = styles.ids.get(name)
            expected = one_by_one(body, style=style_id) if style_id else []
            assert [p for p, _ in pairs] == expected
            assert [text for _, text in pairs] == [paragraph_text(p) for p in expected]


_NESTED_STYLES = [
    # a text box's paragraph in the style, inside a body paragraph that is not
    '<w:p><w:pPr><w:pStyle w:val="GWBody"/></w:pPr><w:r><w:pict><w:txbxContent><w:p><w:pPr><w:pStyle w:val="GWDate"/>'
    '</w:pPr><w:r><w:t>2024年</w:t></w:r></w:p></w:txbxContent></w:pict></w:r></w:p>',
    # the same, the body paragraph's own properties after the text box
    '<w:p><w:r><w:pict><w:txbxContent><w:p><w:pPr><w:pStyle w:val="GWDate"/></w:pPr></w:p></w:txbxContent></w:pict>'
    '</w:r><w:pPr><w:pStyle w:val="GWDate"/></w:pPr><w:r><w:t>日期</w:t></w:r></w:p>',
    # a table cell's paragraph (not the body's own), a tracked change's former style
    '<w:tbl><w:tr><w:tc><w:p><w:pPr><w:pStyle w:val="GWSignature"/></w:pPr><w:r><w:t>某局</w:t></w:r></w:p></w:tc></w:tr></w:tbl>',
    '<w:p><w:pPr><w:pStyle w:val="GWBody"/><w:pPrChange w:id="1"><w:pPr><w:pStyle w:val="GWSignature"/></w:pPr>'
    '</w:pPrChange></w:pPr><w:r><w:t>正文</w:t></w:r></w:p>',
    # two properties, each naming a style; a style named twice
    '<w:p><w:pPr><w:pStyle w:val="GWBody"/></w:pPr><w:pPr><w:pStyle w:val="GWSignature"/></w:pPr><w:r><w:t>某局</w:t>'
    '</w:r></w:p>',
    '<w:p><w:pPr><w:pStyle w:val="GWTitle"/><w:pStyle w:val="GWTitle"/></w:pPr><w:r><w:t>标题</w:t></w:r></w:p>',
]


@pytest.mark.parametrize("order", [list(range(len(_NESTED_STYLES))), list(reversed(range(len(_NESTED_STYLES))))])
def test_the_paragraphs_of_a_style_are_the_bodys_own_in_nested_xml(order):
    """The walk over the pStyle elements takes only the body's own paragraphs whose own
    properties name the style, as the XPath does: not a text box's, a table's or a tracked
    change's, and each paragraph once."""
    body, styles = _parse(f"<w:body {NS}>{''.join(_NESTED_STYLES[i] for i in order)}</w:body>"), _styles()
    one_by_one = etree.XPath("./w:p[w:pPr/w:pStyle/@w:val=$style]", namespaces={"w": W})
    names = [SIGNATURE_STYLE, DATE_STYLE, TITLE_STYLE, "公文正文"]
    for name, pairs in zip(names, _styled(body, styles, *names[:3]) + _styled(body, styles, names[3])):
        assert [p for p, _ in pairs] == one_by_one(body, style=styles.ids[name])
    assert [len(pairs) for pairs in _styled(body, styles, *names[:3])] == [1, 1, 1]


def test_the_sections_are_python_docxs():
    from docx import Document

    from drafter.paths import template_path

    document = Document(str(template_path("official")))
    body = document.element.body
    extra = copy.deepcopy(body.find(_q("sectPr")))
    body.find(_q("p")).get_or_add_pPr().append(extra)  # a section ending at the first paragraph
    assert _sections()(body) == [section._sectPr for section in document.sections]
    assert len(_sections()(body)) == 2


def test_the_text_width_is_the_last_sections_as_python_docx_reads_it():
    """The body's own sectPr, its last child, is taken without the XPath; a body that does not
    end with one (a comment after it, a section only in a paragraph) is read by the XPath."""
    from docx import Document
    from lxml import etree as et

    from drafter.docx_layout import TWIPS_PER_CHAR, text_width_chars
    from drafter.paths import template_path

    def expected(document):
        section = document.sections[-1]
        return (section.page_width - section.left_margin - section.right_margin) / 635 / TWIPS_PER_CHAR

    document = Document(str(template_path("official")))
    body = document.element.body
    own = body.find(_q("sectPr"))
    narrow = copy.deepcopy(own)
    narrow.find(_q("pgMar")).set(_q("left"), "3000")
    body.find(_q("p")).get_or_add_pPr().append(narrow)  # a narrower section ending at the first paragraph
    assert text_width_chars(body) == expected(document) > 0
    body.append(et.Comment("after the section"))
    assert text_width_chars(body) == expected(document)
    body.remove(own)                                   # the last section is the first paragraph's
    assert text_width_chars(body) == expected(document) != pytest.approx(0)


# ------------------------------------------------------------------ well-formed by construction

@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40), st.text(max_size=10))
def test_what_lxml_serialises_from_a_sound_tree_parses_again(text, value):
    """verify_docx does not parse again a part lxml serialised from a tree parsed without
    error: whatever text or attribute value drafter sets, lxml refuses it (ValueError) or
    writes XML that a strict parser reads back to the same text."""
    body = etree.fromstring(f'<w:body {NS}><w:p><w:r><w:t xml:space="preserve">x</w:t></w:r></w:p></w:body>')
    t = body.find(f".//{_q('t')}")
    try:
        t.text = text
        t.getparent().set(_q("rsidR"), value)
        get_or_add_child(t.getparent().getparent(), "w:pPr").set(_q("val"), text)
    except ValueError:
        return
    again = etree.fromstring(etree.tostring(body, encoding="UTF-8", standalone=True), etree.XMLParser())
    assert again.find(f".//{_q('t')}").text == (text or None)  # even a CR, written &#13;


# ------------------------------------------------------------------ core properties

_CORE = ('<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
         'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"{xsi}>{children}'
         '</cp:coreProperties>')
_XSI = ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
_CHILDREN = ['<dc:title>模板</dc:title>', '<dc:creator/>', '<cp:lastModifiedBy>某人</cp:lastModifiedBy>',
             '<cp:revision>3</cp:revision>', '<dc:language>zh-CN</dc:language>', '<dc:subject/>',
             '<dc:description>说明</dc:description>', '<dc:identifier/>',
             '<dcterms:created xsi:type="dcterms:W3CDTF">2025-01-01T00:00:00Z</dcterms:created>',
             '<dcterms:modified>2025-01-01T00:00:00Z</dcterms:modified>']


@settings(max_examples=200, deadline=None)
@given(st.booleans(), st.lists(st.sampled_from(_CHILDREN), unique=True),
       st.lists(st.tuples(st.sampled_from(["title", "author", "last_modified_by", "comments", "identifier", "language",
                                           "subject", "created", "modified", "revision"]),
                          st.one_of(st.text(max_size=300, alphabet="某县局a"), st.integers(0, 3),
                                    st.datetimes(min_value=__import__("datetime").datetime(2000, 1, 1)))),
                max_size=8))
def test_a_core_property_is_written_as_python_docx_writes_it(xsi, children, assignments):
    from docx.opc.coreprops import CoreProperties

    from drafter.docx_layout import set_core_property

    xml = _CORE.format(xsi=_XSI if xsi else "", children="".join(children))
    if not xsi and any("xsi:" in child for child in children):
        xml = xml.replace("<dcterms:created ", f"<dcterms:created{_XSI} ")
    ours, theirs = _parse(xml), _parse(xml)
    for name, value in assignments:
        outcomes = []
        for core, write in ((ours, lambda c: set_core_property(c, name, value)),
                            (theirs, lambda c: setattr(CoreProperties(c), name, value))):
            try:
                write(core)
                outcomes.append(None)
            except (ValueError, TypeError) as error:
                outcomes.append(type(error))
        assert outcomes[0] == outcomes[1]
        assert etree.tostring(ours) == etree.tostring(theirs)


# ------------------------------------------------------------------ the glue in the serialised XML

def _document(body_xml: str):
    return _parse(f"<w:document {NS}>{body_xml.replace(f'<w:body {NS}>', '<w:body>')}</w:document>")


def _serialised_both_ways(document) -> bool:
    """The string writer's glue of the serialised document is the tree writer's, serialised;
    whether the string writer took the document (it may leave an unusual one to the tree)."""
    from docx.opc.oxml import serialize_part_xml

    from drafter.docx_glue_xml import glue_serialised

    ours = glue_serialised(serialize_part_xml(document))
    theirs = copy.deepcopy(document)
    glue_body(theirs.find(_q("body")))
    if ours is not None:
        assert ours.decode("utf-8") == serialize_part_xml(theirs).decode("utf-8")
    return ours is not None


_odd_text = st.lists(st.sampled_from(_FIGURES + _WORDS + ["\r", "&amp;", "]]>", "&#13;", "\u2060"]), min_size=1,
                     max_size=6).map("".join)
_odd_rpr = st.sampled_from(_RPRS + ["<w:rPr/>", '<w:rPr><w:lang w:val="zh-CN" w:eastAsia="zh-CN" w:bidi="ar"/></w:rPr>',
                                    '<w:rPr><w:b/><w:lang w:val="en-US"/><w:eastAsianLayout w:id="2"/></w:rPr>',
                                    "<w:rPr><w:specVanish/></w:rPr>", '<w:rPr><w:sz w:val="32"/></w:rPr>'])


def _odd_run(text, rpr, extra):
    node = etree.fromstring(f"<w:r {NS}>{rpr}<w:t/></w:r>")
    node[-1].text = text  # set through lxml: any character it takes, escaped its way
    return etree.tostring(node, encoding="unicode").replace(f" {NS}", "", 1).replace("</w:r>", f"{extra}</w:r>")


_odd_paragraph = st.builds(
    lambda ppr, runs, tail: f"<w:p>{ppr}{''.join(runs)}{tail}</w:p>",
    _ppr,
    st.lists(st.builds(_odd_run, _odd_text, _odd_rpr, st.sampled_from(["", "<w:br/>", "<w:tab/>", "<w:t/>"])),
             min_size=1, max_size=4),
    st.sampled_from(["", '<w:bookmarkStart w:id="0" w:name="a"/><w:bookmarkEnd w:id="0"/>', "<w:proofErr/>"]),
)


@EXAMPLES_SETTINGS
@given(st.lists(st.one_of(_paragraph, _odd_paragraph), min_size=1, max_size=6))
def test_the_glue_in_the_serialised_xml_is_the_tree_writers(paragraphs):
    body = f"<w:body>{''.join(paragraphs)}</w:body>"
    assert _serialised_both_ways(_document(body))


def test_the_glue_in_the_serialised_xml_of_every_example_and_corpus_line_is_the_tree_writers():
    from drafter.answers import load_answers
    from drafter.document import compose
    from drafter.paths import template_path
    from drafter.prepared import prepared
    from drafter.render import docx_context

    for example in EXAMPLES:
        report = load_answers(example).report
        filled = prepared(template_path(report.layout.template)).fill(docx_context(compose(report)),
                                                                      report.layout.fonts.model_dump())
        assert _serialised_both_ways(copy.deepcopy(filled.document.element))
    if CORPUS.is_dir():
        lines = [line for path in sorted(CORPUS.glob("*.txt")) for line in path.read_text(encoding="utf-8").splitlines()]
        runs = "".join(_odd_run(line, _RPRS[n % len(_RPRS)], "") for n, line in enumerate(lines) if line)
        assert _serialised_both_ways(_document(f"<w:body><w:p>{runs}</w:p></w:body>"))


@pytest.mark.parametrize("unusual", [
    # a text box: a paragraph inside a paragraph's run
    '<w:r><w:t>第1段</w:t><w:pict><w:txbxContent><w:p><w:r><w:t>3件</w:t></w:r></w:p></w:txbxContent></w:pict>'
    '<w:t>共5件</w:t></w:r>',
    "<w:r><w:t>共5件</w:t></w:r><!-- 注释 -->",
    '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:t>共5件</w:t></w:r>',
    '<w:r><w:rPr><w:rPrChange w:id="1"><w:rPr><w:b/></w:rPr></w:rPrChange></w:rPr><w:t>共5件</w:t></w:r>',
    '<m:oMath xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"><m:r><m:t>2</m:t></m:r></m:oMath>'
    "<w:r><w:t>共5件</w:t></w:r>",
    '<w:r><w:rPr><w:b/></w:rPr><w:t>共5</w:t><w:rPr><w:i/></w:rPr><w:t>件</w:t></w:r>',
])
def test_an_unusual_paragraph_is_left_to_the_tree_writer(unusual):
    from docx.opc.oxml import serialize_part_xml

    from drafter.docx_glue_xml import glue_serialised

    document = _document(f"<w:body><w:p><w:r><w:t>共3件</w:t></w:r></w:p><w:p>{unusual}</w:p></w:body>")
    assert glue_serialised(serialize_part_xml(document)) is None


# ------------------------------------------------------------------ the one-run paragraph, written straight

def _one_run_agrees(inner: str) -> bool:
    """A paragraph of one run of one text is written as the run-by-run writer writes it (or
    left as it is by both); whether it was of that shape."""
    from drafter.docx_glue_xml import _ONE_RUN, _glue_one_run, _glue_runs

    one = _ONE_RUN.fullmatch(inner)
    if one is None:
        return False
    assert _glue_one_run(one) == _glue_runs(inner)
    return True


_one_run_paragraph = st.builds(
    lambda ppr, attrs, rpr, text, preserve: ppr + _odd_run(text, rpr, "").replace("<w:r>", f"<w:r{attrs}>", 1)
    .replace("<w:t>", '<w:t xml:space="preserve">' if preserve else "<w:t>"),
    _ppr, st.sampled_from(["", ' w:rsidR="00A1B2C3"']), _odd_rpr, _odd_text, st.booleans())


@EXAMPLES_SETTINGS
@given(_one_run_paragraph)
def test_a_one_run_paragraph_is_written_as_run_by_run(inner):
    assert _one_run_agrees(inner)


def test_every_one_run_paragraph_of_the_examples_and_corpus_is_written_as_run_by_run():
    """The examples' rendered paragraphs (most of them of one run) and each corpus line as a
    paragraph of one run, with each of the run properties: the two writers agree on each."""
    from docx.opc.oxml import serialize_part_xml

    from drafter.answers import load_answers
    from drafter.document import compose
    from drafter.docx_glue_xml import _OPENING
    from drafter.paths import template_path
    from drafter.prepared import prepared
    from drafter.render import docx_context

    inners = []
    for example in EXAMPLES:
        report = load_answers(example).report
        filled = prepared(template_path(report.layout.template)).fill(docx_context(compose(report)),
                                                                      report.layout.fonts.model_dump())
        xml = serialize_part_xml(filled.document.element).decode("utf-8")
        for opening in _OPENING.finditer(xml):
            inners.append(xml[opening.end():xml.index("</w:p>", opening.end())])
    if CORPUS.is_dir():
        lines = [line for path in sorted(CORPUS.glob("*.txt")) for line in path.read_text(encoding="utf-8").splitlines()
                 if line]
        inners += [_odd_run(line, _RPRS[n % len(_RPRS)], "") for n, line in enumerate(lines)]
    taken = [_one_run_agrees(inner) for inner in inners]
    assert sum(taken) > len(taken) / 2  # most paragraphs are of one run


# ------------------------------------------------------------------ the line's width, the template's

def test_the_line_width_a_template_gives_is_every_reports():
    """A prepared template whose body ends with its own section (no tag in it) hands finish_layout
    the line's width once read: each example's rendered body has that very width; a source
    whose last section holds a tag, or that ends otherwise, hands none (read per report)."""
    from drafter.answers import load_answers
    from drafter.document import compose
    from drafter.docx_layout import text_width_chars
    from drafter.paths import template_path
    from drafter.prepared import _fixed_text_width, prepared
    from drafter.render import docx_context

    for example in EXAMPLES:
        report = load_answers(example).report
        template = prepared(template_path(report.layout.template))
        filled = template.fill(docx_context(compose(report)), report.layout.fonts.model_dump())
        assert filled.text_width is not None
        assert filled.text_width == text_width_chars(filled.document.element.body)
    source, document = template._body.xml, filled.document
    assert _fixed_text_width(source, document) == filled.text_width
    tagged = source.replace('<w:pgMar w:top="', '{% if date %}{% endif %}<w:pgMar w:top="', 1)
    assert tagged != source and _fixed_text_width(tagged, document) is None
    assert _fixed_text_width(source.replace("</w:sectPr></w:body>", "</w:sectPr>{{ date }}</w:body>"), document) is None
    assert _fixed_text_width(source[:source.rfind("<w:sectPr")] + "</w:body>", document) is None


# ------------------------------------------------------------------ the sandbox's attribute of a dict

_DICT_NAMES = ["text", "kind", "lead", "heading", "blocks", "items", "keys", "values", "get", "copy", "pop", "update",
               "fromkeys", "__class__", "__init__", "__dict__", "__len__", "_private", "mro", "__mro__", "__name__",
               "missing", "", "x.y", "中文"]


def _outcome(lookup):
    from jinja2 import Undefined

    try:
        value = lookup()
    except Exception as error:  # noqa: BLE001 - the two lookups must fail alike
        return ("raises", type(error), str(error))
    if isinstance(value, Undefined):
        try:
            str(value)
        except Exception as error:  # noqa: BLE001 - StrictUndefined says why when used
            return ("undefined", type(value), type(error), str(error))
    return ("value", value)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(_DICT_NAMES) | st.text(max_size=4), st.integers() | st.text(max_size=3),
                       max_size=6),
       st.sampled_from(_DICT_NAMES) | st.text(max_size=4))
def test_a_dicts_attribute_in_the_sandbox_is_jinjas_lookup(keys, name):
    """The sandbox looks a plain dict's key up at once where Jinja's sandbox first asks the dict
    for an attribute of that name: same value, same bound method (items, get …), same refusal
    of an internal attribute, same undefined, for any keys and names; in a template too."""
    from jinja2.sandbox import SandboxedEnvironment

    from drafter.sandbox import sandboxed_environment

    env = sandboxed_environment()
    for obj in (keys, dict(keys, **{name: "key"}) if name else keys):
        assert _outcome(lambda: env.getattr(obj, name)) == _outcome(lambda: SandboxedEnvironment.getattr(env, obj, name))
    if name.isidentifier() and not name.startswith("__"):
        source = f"{{{{ part.{name} }}}}|{{% if part.{name} is defined %}}1{{% endif %}}"
        plain = sandboxed_environment()
        plain.getattr = lambda obj, attribute: SandboxedEnvironment.getattr(plain, obj, attribute)
        for obj in (keys, {**keys, name: "<键>"}):
            assert _outcome(lambda: env.from_string(source).render(part=obj)) == \
                _outcome(lambda: plain.from_string(source).render(part=obj))


# ------------------------------------------------------------------ a part's XML rendered without its line marks

_SNIPPETS = ["<w:p><w:r><w:t>{{ a }}</w:t></w:r></w:p>", "{% if a %}<w:p>x</w:p>{% endif %}",
             "{%- if a -%}\n<w:p>y</w:p>\n{%- endif -%}", "{% raw %}<w:p>r</w:p>{% endraw %}", '{{ "<w:p>" }}',
             "{{ b|safe }}", "\n<w:p>", '<w:p w:x="1">z</w:p>', "{# <w:p> #}", "{{ a }}\n", "{{ a -}}\n<w:p>q</w:p>",
             "<w:pPr/>\n", "{% for c in [1, 2] %}<w:p>{{ c }}</w:p>\n{% endfor %}", "<w:p>"]
_VALUES = ["", "t", "t\n", "\n", "<w:p>", "\n<w:p>", "\n<w:p ", "x\n<w:pPr>"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_SNIPPETS), min_size=1, max_size=6).map("".join), st.sampled_from(_VALUES),
       st.sampled_from(_VALUES))
def test_a_part_rendered_without_its_line_marks_is_docxtpls_render(xml, a, b):
    """A part whose paragraph starts are all template text is rendered as it is, not with each
    paragraph on a line of its own then the line ends taken out (docxtpl's render_xml_part):
    the same XML for any template text, tags (whitespace control, raw, comments, a string
    holding a paragraph's start) and values (line ends before a paragraph, marked safe)."""
    from drafter.prepared import _CompiledOnce, _Source
    from drafter.sandbox import sandboxed_environment

    jinja = _CompiledOnce(sandboxed_environment())
    source = _Source(xml)
    source.compile(jinja)
    assert source.plain == (not any(tag in xml for tag in ('"<w:p>"', "{# <w:p> #}")))
    docxtpl = jinja.from_string(source.marked).render(a=a, b=b).replace("\n<w:p ", "<w:p ").replace("\n<w:p>", "<w:p>")
    assert source.render(jinja, {"a": a, "b": b}) == docxtpl


def test_every_examples_body_is_rendered_without_its_line_marks_as_docxtpl_renders_it():
    from drafter.answers import load_answers
    from drafter.document import compose
    from drafter.paths import template_path
    from drafter.prepared import prepared
    from drafter.render import docx_context

    for example in EXAMPLES:
        report = load_answers(example).report
        template = prepared(template_path(report.layout.template))
        context = docx_context(compose(report))
        assert template._body.plain
        marked = template.jinja.from_string(template._body.marked).render(context)
        assert template._body.render(template.jinja, context) == marked.replace("\n<w:p ", "<w:p ").replace("\n<w:p>",
                                                                                                            "<w:p>")


# ------------------------------------------------------------------ the sandbox's loops, called straight

@pytest.mark.parametrize("source, message", [
    ("{% for i in range(100000) %}{% for j in range(100000) %}{{ '' }}{% endfor %}{% endfor %}", "循环次数超过上限"),
    # a template's own macro of the loop's name does not stand in for it (no variable can)
    ("{% macro _drafter_bounded_loop(x) %}{% endmacro %}{% set _drafter_bounded_loop = range %}"
     "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}", "循环次数超过上限"),
    ("{% for i in 10000000 %}{% endfor %}", "使用了过大的数"),  # what the sandbox's call of the loop checked
    ("{% for i in range(3) %}{% for c in 'ab' %}{{ i }}{{ c }}{{ loop.index }}{% endfor %}{% else %}-{% endfor %}",
     None),
])
def test_every_loop_of_a_template_draws_on_the_renders_budget(source, message):
    """The sandbox gives each loop's iterable to its bounded loop as a filter, called straight:
    nested loops still stop at the iteration bound, whatever the template names its own
    things, an absurd number is refused as before, and a loop gives what Jinja's does."""
    from jinja2 import Environment

    from drafter.sandbox import TemplateLimit, sandboxed_environment

    template = sandboxed_environment().from_string(source)
    if message is None:
        assert template.render() == Environment().from_string(source).render() == "0a10b21a11b22a12b2"
        return
    with pytest.raises(TemplateLimit, match=message):
        template.render()
