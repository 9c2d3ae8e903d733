"""The page as LibreOffice lays it out (issue 13): 28 characters × 22 lines, no lost marks,
body text on the signature page, balanced titles, signature centred over the date; and the
package itself (no stale parts, compatibility mode 15, clean properties, font fall-backs,
an Open XML validator's verdict).

The drafts of every example, of an imported corpus report and of a long unit name are
converted by ONE LibreOffice run per test session (the `laid_out` fixture) and read back
with `pdftotext -bbox-layout`; those tests skip where soffice or pdftotext is absent.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import pytest
from docx import Document
from docx.oxml.ns import qn

from conftest import EXAMPLES, REPO
from drafts import draft_paragraphs, draft_text

from drafter.text import WORD_JOINER, display_width

TEMPLATE = REPO / "templates" / "official.docx"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
XIXIA = CORPUS / "2024-xixia-urban-management-bureau.txt"
LONG_UNIT = "三门峡市湖滨区城市管理综合行政执法局"

PT_PER_MM = 72 / 25.4
TEXT_LEFT_PT, TEXT_RIGHT_PT = 28 * PT_PER_MM, (210 - 26) * PT_PER_MM
TEXT_TOP_PT, TEXT_BOTTOM_PT = 37 * PT_PER_MM, (297 - 35) * PT_PER_MM
LINE_PT = 28.9
# Chinese characters and the full-width marks of running text
ALL_CHINESE = re.compile(r"[\u4e00-\u9fff，。、；：？！“”‘’（）《》—…]+")

needs_libreoffice = pytest.mark.skipif(
    not shutil.which("soffice") or not shutil.which("pdftotext"),
    reason="needs LibreOffice (soffice) and poppler-utils (pdftotext); .ci/run installs them",
)


# ---------------------------------------------------------------------------------------------
# drafts and their PDFs, made once per session
# ---------------------------------------------------------------------------------------------
def _invoke(*args) -> None:
    from click.testing import CliRunner

    from drafter.cli import main

    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr


@pytest.fixture(scope="session")
def drafts(tmp_path_factory) -> dict[str, tuple[Path, Path]]:
    """name -> (answers, rendered .docx): every example, the long unit name, the xixia import."""
    folder = tmp_path_factory.mktemp("drafts")
    answers = {example.stem: example for example in EXAMPLES}
    county = (REPO / "examples" / "county-urban-management-bureau.yaml").read_text(encoding="utf-8")
    long_unit = folder / "long-unit.yaml"
    long_unit.write_text(re.sub(r"(?m)^  name: \S+", f"  name: {LONG_UNIT}", county, count=1), encoding="utf-8")
    answers["long-unit"] = long_unit
    if XIXIA.is_file():
        _invoke("import", XIXIA, "-o", folder / "xixia.yaml")
        answers["xixia"] = folder / "xixia.yaml"
    out = {}
    for name, path in answers.items():
        docx = folder / f"{name}.docx"
        _invoke("render", path, "-o", docx)
        out[name] = (path, docx)
    return out


@dataclass
class Line:
    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    text: str

    @property
    def height(self) -> float:
        return self.y1 - self.y0


def _lines(pdf: Path) -> list[Line]:
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, check=True,
                         text=True).stdout
    root = ElementTree.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", xml))
    ns = "{http://www.w3.org/1999/xhtml}"
    lines = []
    for number, page in enumerate(root.iter(ns + "page"), start=1):
        for line in page.iter(ns + "line"):
            text = "".join(word.text or "" for word in line.iter(ns + "word"))
            lines.append(Line(number, *(float(line.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")), text))
    return sorted(lines, key=lambda ln: (ln.page, ln.y0, ln.x0))


@pytest.fixture(scope="session")
def laid_out(drafts, tmp_path_factory) -> dict[str, tuple[Path, list[Line], str]]:
    """name -> (docx, PDF lines, PDF text): all drafts converted by one LibreOffice run."""
    if not shutil.which("soffice") or not shutil.which("pdftotext"):
        pytest.skip("needs LibreOffice (soffice) and poppler-utils (pdftotext)")
    from drafter.pdf import convert_to_pdf

    folder = tmp_path_factory.mktemp("pdf")
    docx_files = [docx for _, docx in drafts.values()]
    results = convert_to_pdf(docx_files)
    out = {}
    for name, (_, docx) in drafts.items():
        data = results[docx]
        assert isinstance(data, bytes), data
        pdf = folder / f"{name}.pdf"
        pdf.write_bytes(data)
        text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                              check=True).stdout.decode("utf-8")
        out[name] = (docx, _lines(pdf), text)
    return out


NAMES = [e.stem for e in EXAMPLES] + ["long-unit", "xixia"]


def _get(laid_out, name):
    if name not in laid_out:
        pytest.skip(f"{name}: the corpus (../shared/corpus) is not beside the repository")
    return laid_out[name]


def _body_lines(lines: list[Line]) -> list[Line]:
    """Lines of 3号 text inside the text block (not the 2号 title, not the page numbers)."""
    return [ln for ln in lines if ln.height < 24 and TEXT_TOP_PT - 2 <= ln.y0 and ln.y1 <= TEXT_BOTTOM_PT + 2]


def _continues(line: Line) -> bool:
    """A paragraph's second or later line: flush left (first lines are indented 2 characters)."""
    return line.x0 < TEXT_LEFT_PT + 2


def _widow_moved(body: list[Line], page: int) -> bool:
    """`page` holds 21 lines and the next page opens with exactly the last two lines of a
    paragraph begun before: taking one more line up would have left the last one alone."""
    here = [ln for ln in body if ln.page == page]
    following = [ln for ln in body if ln.page == page + 1]
    return (len(here) == 21 and len(following) >= 2 and _continues(following[0]) and _continues(following[1])
            and (len(following) == 2 or not _continues(following[2])))


def _draft_text(docx: Path) -> str:
    text = draft_text(docx)
    assert WORD_JOINER not in text       # the reader takes the figures' layout glue out
    return text


# ---------------------------------------------------------------------------------------------
# laid out by LibreOffice
# ---------------------------------------------------------------------------------------------
@needs_libreoffice
@pytest.mark.parametrize("name", NAMES)
def test_28_characters_a_line(laid_out, name):
    _, lines, _ = _get(laid_out, name)
    body = _body_lines(lines)
    chinese = [ln for ln in body if ALL_CHINESE.fullmatch(ln.text)]
    assert chinese
    # no mark hangs past the right margin (LibreOffice does not draw one that does)
    assert all(ln.x1 <= TEXT_RIGHT_PT + 1 for ln in body), [ln.text for ln in body if ln.x1 > TEXT_RIGHT_PT + 1]
    assert max(len(ln.text) for ln in chinese) == 28, sorted({len(ln.text) for ln in chinese})
    # full lines (flush with both margins) are the rule, not an accident
    full = [ln for ln in chinese if ln.x0 < TEXT_LEFT_PT + 2 and len(ln.text) == 28]
    assert len(full) >= 3


@needs_libreoffice
@pytest.mark.parametrize("name", NAMES)
def test_22_lines_a_page_at_28_9_pt(laid_out, name):
    _, lines, _ = _get(laid_out, name)
    body = _body_lines(lines)
    pages = sorted({ln.page for ln in body})
    per_page = Counter(ln.page for ln in body)
    assert max(per_page.values()) <= 22
    if len(pages) > 1:
        # a full page holds 22; one that widow control left at 21 (it moved a line so that
        # the next page does not open with a paragraph's last line alone) was full too
        assert max(per_page.values()) == 22 or any(_widow_moved(body, page) for page in pages[:-1]), per_page
    for page in pages:
        tops = [ln.y0 for ln in body if ln.page == page]
        for a, b in zip(tops, tops[1:]):
            steps = (b - a) / LINE_PT
            assert abs(steps - round(steps)) < 0.02 and round(steps) >= 1, (page, a, b)


@needs_libreoffice
@pytest.mark.parametrize("name", NAMES)
def test_pdf_text_holds_every_character_of_the_draft(laid_out, name):
    docx, _, text = _get(laid_out, name)
    draft = Counter(re.sub(r"\s+", "", _draft_text(docx)))
    pdf = Counter(re.sub(r"\s+", "", text))
    missing = draft - pdf
    assert not missing, f"{name}: the PDF lacks {dict(missing)}"
    assert WORD_JOINER not in text, f"{name}: the figures' layout glue reached the PDF's text"


@needs_libreoffice
@pytest.mark.parametrize("name", NAMES)
def test_no_line_breaks_inside_a_figure(laid_out, name):
    # "已处置55001" / "件", "落实24" / "小时", "调处成功率" / "100%。" (drafter.docx_glue)
    from drafter.units import measure_words

    _, lines, _ = _get(laid_out, name)
    body = _body_lines(lines)
    unit = re.compile(rf"(?:余|多)?(?:{measure_words().alternation()}|万|%|％)")
    pairs = [(a.text, b.text) for a, b in zip(body, body[1:]) if _continues(b)]
    after_number = [(a[-8:], b[:8]) for a, b in pairs if re.search(r"\d$", a) and unit.match(b)]
    after_label = [(a[-8:], b[:8]) for a, b in pairs if re.search(r"[\u4e00-\u9fff]$", a) and re.match(r"\d", b)]
    assert not after_number and not after_label, (after_number, after_label)
    assert len(pairs) > 20


@needs_libreoffice
@pytest.mark.parametrize("name", NAMES)
def test_last_page_has_body_text_above_the_closing(laid_out, name):
    docx, lines, _ = _get(laid_out, name)
    last = max(ln.page for ln in lines)
    on_last = [ln for ln in lines if ln.page == last]
    closing = next(i for i, ln in enumerate(on_last) if ln.text.startswith("特此报告"))
    assert closing >= 1, f"{name}: 特此报告 opens the last page"
    # the end of the last body paragraph is on that page
    paragraphs = [p for p in draft_paragraphs(docx) if p.strip()]
    last_body = paragraphs[paragraphs.index("特此报告。") - 1]
    assert last_body[-6:] in "".join(ln.text for ln in on_last[:closing])
    # and the signature and date follow on the same page
    texts = [ln.text for ln in on_last]
    assert any(t.endswith("日") and re.search(r"\d{4}年", t) for t in texts[closing:])


@needs_libreoffice
@pytest.mark.parametrize("name", NAMES)
def test_signature_centred_over_the_date(laid_out, name):
    _, lines, _ = _get(laid_out, name)
    last = max(ln.page for ln in lines)
    signature, date = [ln for ln in _body_lines(lines) if ln.page == last][-2:]
    assert re.search(r"\d+年\d+月\d+日$", date.text)
    offset_mm = ((signature.x0 + signature.x1) - (date.x0 + date.x1)) / 2 / PT_PER_MM
    assert abs(offset_mm) < 0.5, f"{name}: signature {offset_mm:+.1f} mm off the date's centre"
    assert date.x1 < TEXT_RIGHT_PT - 2 * 16 and signature.x1 <= TEXT_RIGHT_PT + 0.5


@needs_libreoffice
def test_long_unit_name_gives_balanced_title_lines(laid_out, drafts):
    from drafter.answers import load_report
    from drafter.document import compose

    _, lines, _ = _get(laid_out, "long-unit")
    title = [ln.text for ln in lines if ln.page == 1 and ln.height >= 24]
    expected = compose(load_report(drafts["long-unit"][0])).title_lines
    assert title == expected == [LONG_UNIT, "关于2024年度法治政府建设情况的报告"]
    widths = [display_width(t) for t in title]
    assert min(widths) >= 6 and max(widths) - min(widths) <= 2


# ---------------------------------------------------------------------------------------------
# title lines (no LibreOffice)
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("unit, lines", [
    # the wording's own break when it fits
    ("某某区司法局", ["某某区司法局关于2024年度", "法治政府建设情况的报告"]),
    # "…关于2024年度" would be 24 wide: the unit alone on the first line, not "2024年度" alone
    (LONG_UNIT, [LONG_UNIT, "关于2024年度法治政府建设情况的报告"]),
    ("某某省某某市某某区某某街道办事处", ["某某省某某市某某区某某街道办事处", "关于2024年度法治政府建设情况的报告"]),
    # wider than two lines: three, the middle not the shortest (梯形/菱形), words whole
    ("某某省某某市某某区城市管理综合行政执法局环境卫生服务中心",
     ["某某省某某市某某区城市管理", "综合行政执法局环境卫生服务中心", "关于2024年度法治政府建设情况的报告"]),
])
def test_title_lines(unit, lines):
    from drafter.title import title_lines

    got = title_lines([f"{unit}关于2024年度", "法治政府建设情况的报告"], 20)
    assert got == lines
    widths = [display_width(line) for line in got]
    assert max(widths) <= 20 and min(widths) >= 6
    assert len(got) < 3 or widths[1] >= min(widths[0], widths[2])


def test_title_breaks_keep_words_whole():
    from drafter.title import break_positions

    title = f"{LONG_UNIT}关于2024年度法治政府建设情况的报告"
    cuts = break_positions(title)
    for word in ("三门峡", "湖滨", "城市", "管理", "综合", "执法局", "关于", "2024年度", "法治政府建设"):
        start = title.find(word)
        assert not [i for i in cuts if start < i < start + len(word)], word
    shown = {title[i - 2:i] + "|" + title[i:i + 2] for i in cuts}
    assert {"峡市|湖滨", "滨区|城市", "管理|综合", "法局|关于", "关于|20", "年度|法治"} <= shown, shown


# ---------------------------------------------------------------------------------------------
# the package (no LibreOffice)
# ---------------------------------------------------------------------------------------------
def _packages(drafts):
    return [("template", TEMPLATE)] + [(name, docx) for name, (_, docx) in sorted(drafts.items())]


def test_no_stale_parts_mode_15_clean_properties_and_font_fallbacks(drafts):
    for name, path in _packages(drafts):
        with zipfile.ZipFile(path) as package:
            names = package.namelist()
            assert "word/stylesWithEffects.xml" not in names, name
            assert not [n for n in names if "thumbnail" in n or n.startswith("customXml/")], (name, names)
            settings = package.read("word/settings.xml").decode("utf-8")
            assert re.search(r'w:name="compatibilityMode"[^>]*w:val="15"', settings), name
            assert "savePreviewPicture" not in settings
            props = package.read("docProps/core.xml").decode("utf-8") + package.read("docProps/app.xml").decode("utf-8")
            for stale in ("Macintosh", "Generated by", "python-docx", "docxtpl"):
                assert stale not in props, (name, stale)
            fonts = package.read("word/fontTable.xml").decode("utf-8")
        for font, fallback in (("仿宋_GB2312", "仿宋"), ("仿宋", "FangSong"), ("楷体_GB2312", "楷体"),
                               ("楷体", "KaiTi"), ("方正小标宋简体", "宋体"), ("宋体", "SimSun"), ("黑体", "SimHei")):
            assert f'<w:font w:name="{font}"><w:altName w:val="{fallback}"/>' in fonts, (name, font)


def test_properties_come_from_the_answers(drafts):
    from drafter.answers import load_report
    from drafter.document import compose

    for name, (answers, docx) in drafts.items():
        composed = compose(load_report(answers))
        props = Document(str(docx)).core_properties
        assert props.title == composed.title, name
        assert props.author == composed.signature == props.last_modified_by, name
        assert props.created is not None and props.created.year >= 2025


def test_open_xml_validator_passes(drafts):
    audit = pytest.importorskip("openxml_audit", reason="pip install openxml-audit (the test extra)")
    validator = audit.OpenXmlValidator()
    for name, path in _packages(drafts):
        result = validator.validate(str(path))
        findings = [f"{e.severity.value} {e.source_class.value}: {e.description} ({e.part_uri})" for e in result.errors]
        assert result.is_valid and result.error_count == 0 and result.warning_count == 0, (name, findings)
        assert findings == [], name          # no compatibility finding either


# ---------------------------------------------------------------------------------------------
# styles that make the breaks (no LibreOffice)
# ---------------------------------------------------------------------------------------------
def test_body_style_condensed_widow_control_and_no_libreoffice_hanging():
    document = Document(str(TEMPLATE))
    body = document.styles["公文正文"].element
    assert body.find(qn("w:rPr")).find(qn("w:spacing")).get(qn("w:val")) == "-5"   # -0.25 pt
    widow = body.find(qn("w:pPr")).find(qn("w:widowControl"))
    assert widow is not None and widow.get(qn("w:val")) in (None, "1", "true", "on")
    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:pPrDefault")).find(qn("w:pPr"))
    assert defaults.find(qn("w:overflowPunct")).get(qn("w:val")) == "1"
    grid = document.sections[0]._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) is None        # no character grid: LibreOffice would set 14 a line
    # 28 condensed characters fit the 156 mm line, 29 do not
    line_pt = 156 * PT_PER_MM
    assert 28 * 15.75 <= line_pt < 29 * 15.75


def test_last_body_paragraph_keeps_with_the_closing(drafts):
    for name, (_, docx) in drafts.items():
        paragraphs = Document(str(docx)).paragraphs
        closing = next(i for i, p in enumerate(paragraphs) if p.text == "特此报告。")
        keep = paragraphs[closing - 1]._p.pPr.find(qn("w:keepNext"))
        assert keep is not None and keep.get(qn("w:val")) is None, name
        assert paragraphs[closing - 1].text.strip(), name


# ---------------------------------------------------------------------------------------------
# 主送机关
# ---------------------------------------------------------------------------------------------
def test_a_report_without_recipient_is_warned(tmp_path, example_text):
    from drafter.check import check_path

    with_recipient = tmp_path / "with.yaml"
    with_recipient.write_text(example_text("town-government"), encoding="utf-8")
    without = tmp_path / "without.yaml"
    without.write_text(example_text("town-government").replace("  recipient: 区委全面依法治区委员会办公室\n", ""),
                       encoding="utf-8")
    rules = lambda path: [(f.rule, f.severity) for f in check_path(path).findings]  # noqa: E731
    assert ("parts.no_recipient", "warning") in rules(without)
    assert "parts.no_recipient" not in dict(rules(with_recipient))
    # a web copy, which often drops it, is not held to it
    text = tmp_path / "copy.txt"
    text.write_text("某局关于2024年度法治政府建设情况的报告\n现将有关情况报告如下：\n", encoding="utf-8")
    assert "parts.no_recipient" not in dict(rules(text))


@pytest.mark.parametrize("unit", [
    "某某某某（17）某某某某某某某某某某某某某局",   # a number is a break place, but not before its ）
    "某某某某“17”某某某某某某某某某某某某某局",
    "某某某某《17》某某某某某某某某某某某某某局",
    "某某⁅17⁆某某某某某某某某某某某某某某某某某某某某",  # the plain halves, when no break place fits
])
def test_no_title_line_starts_with_closing_or_ends_with_opening_punctuation(unit):
    # Chinese line breaking: a line never starts with ）》”，。 nor ends with （《“.
    import unicodedata

    from drafter.title import title_lines

    got = title_lines([f"{unit}关于2024年度", "法治政府建设情况的报告"], 20)
    assert "".join(got) == f"{unit}关于2024年度法治政府建设情况的报告"
    for line in got:
        assert unicodedata.category(line[0]) not in ("Pe", "Pf", "Po"), got
        assert unicodedata.category(line[-1]) not in ("Ps", "Pi"), got
