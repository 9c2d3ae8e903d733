"""A figure is one unit on the page: the .docx glues "55001件", "24小时", "成功率100%"
(drafter.docx_glue), and nothing drafter writes or reads elsewhere carries the glue.

How the page breaks is measured in tests/test_page_layout.py (LibreOffice); here: where the
glue goes, that it is in the .docx and nowhere else, and that check and import read a draft
as if it were not there.
"""

from __future__ import annotations

import dataclasses
import re
import zipfile
from pathlib import Path

import pytest
from conftest import REPO
from drafts import draft_text

from drafter.text import WORD_JOINER

TOWN = REPO / "examples" / "town-government.yaml"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _glued(text: str) -> str:
    from drafter.docx_glue import glue_points

    joins, _ = glue_points(text)
    return "".join((WORD_JOINER if i in joins else "") + c for i, c in enumerate(text))


@pytest.mark.parametrize("text, expected", [
    # the label's last character, the number and its percent sign hold together
    ("调处成功率100%。", "调处成功率⁠100⁠%。"),
    ("已处置55001件，处置率99.28%", "已处置⁠55001⁠件，处置率⁠99.28⁠%"),
    # a unit of several characters, 余 before a unit: every character of the figure
    ("落实24小时值班", "落实⁠24⁠小⁠时值班"),
    ("开展活动10余场", "开展活动⁠10⁠余⁠场"),
    # after punctuation a line may still break before the number; a bare number is no figure
    ("，31个村", "，31⁠个村"),
    ("编号12345的", "编号12345的"),
])
def test_glue_points(text, expected):
    assert _glued(text) == expected.replace("⁠", WORD_JOINER)


def _document_xml(docx: Path) -> str:
    with zipfile.ZipFile(docx) as package:
        return package.read("word/document.xml").decode("utf-8")


def _unglued_copy(docx: Path, out: Path) -> Path:
    """The same draft with the glue taken out of its XML (and its runs left as they are)."""
    with zipfile.ZipFile(docx) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.decode("utf-8").replace(WORD_JOINER, "").encode("utf-8")
            target.writestr(item, data)
    return out


@pytest.fixture(scope="module")
def town_draft(tmp_path_factory):
    from click.testing import CliRunner

    from drafter.cli import main

    folder = tmp_path_factory.mktemp("glue")
    result = CliRunner().invoke(main, ["render", str(TOWN), "-o", str(folder / "town.docx")], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return folder / "town.docx"


def test_the_draft_glues_its_figures_and_only_the_units_lose_their_language(town_draft):
    from lxml import etree

    xml = _document_xml(town_draft)
    assert f"调处成功率{WORD_JOINER}100{WORD_JOINER}%。" in xml
    assert xml.count(WORD_JOINER) >= 20
    root = etree.fromstring(xml.encode("utf-8"))
    ns = {"w": W_NS}
    unit_runs = root.xpath('//w:r[w:rPr/w:lang[@w:eastAsia="x-none"]]', namespaces=ns)
    assert unit_runs
    from drafter.units import measure_words

    units = set(measure_words().all) | {"万", "余", "多", "％"}
    for run in unit_runs:
        text = "".join(run.xpath("w:t/text()", namespaces=ns)).replace(WORD_JOINER, "")
        assert text and all(ch in "".join(units) for ch in text), text
    # the reader gives the composed text back, without the glue
    from drafter.answers import load_report
    from drafter.document import compose

    composed = compose(load_report(TOWN))
    text = draft_text(town_draft)
    assert WORD_JOINER not in text
    assert "".join(composed.parts[0].blocks[0].text.split())[:40] in text


def test_the_composed_text_and_the_exports_carry_no_glue(tmp_path, cli):
    for fmt in ("md", "html"):
        out = tmp_path / f"town.{fmt}"
        result = cli("export", TOWN, "-o", out)
        assert result.exit_code == 0, result.output
        text = out.read_text(encoding="utf-8")
        assert WORD_JOINER not in text and "100%" in text


def test_check_reads_a_draft_as_if_it_had_no_glue(town_draft, tmp_path):
    from drafter.check import check_path

    glued = check_path(town_draft).findings
    plain = check_path(_unglued_copy(town_draft, tmp_path / "plain.docx")).findings
    strip = lambda findings: [dataclasses.astuple(f) for f in findings]  # noqa: E731
    assert strip(glued) == strip(plain)
    said = " ".join(f"{f.message} {f.fix} {f.excerpt or ''}" for f in glued)
    assert WORD_JOINER not in said and "零宽" not in said and "不可见" not in said
    # the year check reads "2024年" whole (it once saw "2025⁠年" as a year without 年)
    assert not [f for f in glued if f.rule.startswith("years")], [f.message for f in glued]


def test_import_of_a_draft_gives_no_glue(town_draft, tmp_path, cli):
    out = tmp_path / "town.yaml"
    assert cli("import", town_draft, "-o", out).exit_code == 0
    plain = tmp_path / "plain.yaml"
    assert cli("import", _unglued_copy(town_draft, tmp_path / "plain.docx"), "-o", plain).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert WORD_JOINER not in text
    assert re.search(r"100%|: 100\b", text)
    assert text.replace("town.docx", "plain.docx") == plain.read_text(encoding="utf-8")
