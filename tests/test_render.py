"""`drafter render` on the bundled examples, read back with python-docx."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm

from conftest import EXAMPLES, REPO, backup_of
from drafts import open_draft

PART_TITLES = {
    "measures": "推进法治政府建设的主要举措和成效",
    "shortcomings": "推进法治政府建设存在的不足和原因",
    "duty": "党政主要负责人履行推进法治建设第一责任人职责情况",
    "plans": "推进法治政府建设的主要安排",
}
ORDINALS = "一二三四五"


def _render(cli, example: Path, out: Path) -> Document:
    result = cli("render", example, "-o", out)
    assert result.exit_code == 0, result.stderr
    return open_draft(out)


def _part_order(example: Path) -> list[str]:
    from drafter.answers import load_report

    return [key.value for key in load_report(example).layout.part_order]


def _year(example: Path) -> int:
    from drafter.answers import load_report

    return load_report(example).year


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_example_renders_parts_in_order_with_years(cli, example, tmp_path):
    document = _render(cli, example, tmp_path / "draft.docx")
    year = _year(example)
    headings = [p.text for p in document.paragraphs if p.style.name == "一级标题"]
    expected = []
    for n, key in enumerate(_part_order(example)):
        # parts 1–3 speak of the report year, part 4 of the next year
        part_year = year + 1 if key == "plans" else year
        expected.append(f"{ORDINALS[n]}、{part_year}年{PART_TITLES[key]}")
    assert headings == expected


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_example_has_title_opening_closing_signature(cli, example, tmp_path):
    from drafter.answers import load_report

    report = load_report(example)
    document = _render(cli, example, tmp_path / "draft.docx")
    by_style = {}
    for paragraph in document.paragraphs:
        by_style.setdefault(paragraph.style.name, []).append(paragraph.text)
    (title,) = by_style["公文标题"]
    # a long title breaks between whole words (GB/T 9704), not wherever the line fills up
    assert title == f"{report.unit.name}关于{report.year}年度\n法治政府建设情况的报告"
    body = by_style["公文正文"]
    opening = next(text for text in body if text.endswith("现将有关情况报告如下："))
    assert opening.startswith(f"{report.year}年，在{report.unit.superiors}的坚强领导下")
    assert "特此报告。" in body
    assert by_style["落款"] == [report.signatory]
    written = report.unit.written_on
    assert by_style["成文日期"] == [f"{written.year}年{written.month}月{written.day}日"]


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_no_template_tags_left(cli, example, tmp_path):
    out = tmp_path / "draft.docx"
    _render(cli, example, out)
    with zipfile.ZipFile(out) as archive:
        for name in archive.namelist():
            if name.endswith(".xml"):
                xml = archive.read(name).decode("utf-8")
                assert "{{" not in xml and "{%" not in xml and "}}" not in xml, name


def test_figures_become_sentences(cli, tmp_path):
    document = _render(cli, (REPO / "examples" / "county-urban-management-bureau.yaml"), tmp_path / "d.docx")
    text = "\n".join(p.text for p in document.paragraphs)
    assert "全年办理行政处罚案件59件，其中一般程序案件27件、简易程序案件32件。" in text
    # rates computed from their counts, never typed
    assert "通过数字化平台采集上报问题55401件，已处置55001件，处置率99.28%。" in text
    assert "办理12345热线工单384件，办结384件，办结率100%。" in text
    # deliberate zeros are stated, never as "0件"
    # (the first clause of a sentence joining the topic's short figure sentences)
    assert "全年无行政复议和行政诉讼案件，受理信访事项24件" in text
    assert "0件" not in text.replace("10件", "").replace("20件", "")


def test_institution_without_enforcement_figures_has_no_enforcement_sentences(cli, tmp_path):
    document = _render(cli, (REPO / "examples" / "sanitation-centre.yaml"), tmp_path / "d.docx")
    text = "\n".join(p.text for p in document.paragraphs)
    assert "行政处罚" not in text
    assert "制定修订应急预案1个，开展应急演练2次。" in text
    # items_as: run puts 一是…二是… in one paragraph
    assert any(p.text.startswith("一是") and "二是" in p.text for p in document.paragraphs)


def test_topics_and_points_get_generated_ordinals(cli, tmp_path):
    document = _render(cli, (REPO / "examples" / "town-government.yaml"), tmp_path / "d.docx")
    level2 = [p.text for p in document.paragraphs if p.style.name == "二级标题"]
    assert [t[:3] for t in level2] == ["（一）", "（二）", "（三）", "（四）", "（五）"]
    body = [p.text for p in document.paragraphs if p.style.name == "公文正文"]
    assert any(t.startswith("一是") for t in body) and any(t.startswith("二是") for t in body)
    # shortcomings and plans: a （一）lead in 楷体 (character style) followed by body text
    run_ins = [p for p in document.paragraphs if p.runs and p.runs[0].style.name == "二级标题字符"]
    leads = [p.runs[0].text for p in run_ins]
    assert "（一）部分干部群众法治意识仍需提高。" in leads
    assert "（四）推进基层民主法治建设。" in leads


def test_layout_margins_fonts_and_page_numbers(cli, tmp_path):
    out = tmp_path / "d.docx"
    document = _render(cli, (REPO / "examples" / "county-urban-management-bureau.yaml"), out)
    section = document.sections[0]
    for actual, mm in ((section.top_margin, 37), (section.bottom_margin, 35), (section.left_margin, 28), (section.right_margin, 26)):
        assert abs(actual - Mm(mm)) < Mm(0.5)
    assert abs(section.page_width - Mm(210)) < Mm(0.5) and abs(section.page_height - Mm(297)) < Mm(0.5)

    def east_asian(style_name: str) -> str:
        fonts = document.styles[style_name].element.rPr.find(qn("w:rFonts"))
        return fonts.get(qn("w:eastAsia"))

    assert east_asian("公文正文") == "仿宋_GB2312"
    assert east_asian("公文标题") == "方正小标宋简体"
    assert east_asian("一级标题") == "黑体"
    assert east_asian("二级标题") == "楷体_GB2312"
    assert document.styles["公文正文"].font.size.pt == 16
    assert document.styles["公文标题"].font.size.pt == 22

    with zipfile.ZipFile(out) as archive:
        footers = [archive.read(n).decode() for n in archive.namelist() if n.startswith("word/footer")]
        settings = archive.read("word/settings.xml").decode()
    assert "w:evenAndOddHeaders" in settings
    assert len(footers) == 2
    for xml in footers:
        assert "PAGE" in xml and xml.count("\u2014") == 2


def test_configured_fonts_reach_the_east_asian_slot(cli, tmp_path, example_text):
    answers = tmp_path / "a.yaml"
    answers.write_text(
        example_text("sanitation-centre").replace("  items_as: run", "  items_as: run\n  fonts: {body: 仿宋, title: 方正小标宋_GBK}"),
        encoding="utf-8",
    )
    document = _render(cli, answers, tmp_path / "d.docx")
    fonts = document.styles["公文正文"].element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == "仿宋" and fonts.get(qn("w:ascii")) == "仿宋"
    assert document.styles["公文标题"].element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "方正小标宋_GBK"


def test_special_characters_and_line_breaks(cli, tmp_path, example_text):
    tricky = "依据《条例》第3条 & “两个确立” <试行> ‘单引号’"
    answers = tmp_path / "a.yaml"
    text = example_text("sanitation-centre").replace(
        "      - 公开举报电话，借助信息化手段推进信息公开，主动接受社会和舆论监督。",
        f"      - \"{tricky.replace(chr(34), '')}\\n第二段：另起一行。\\x0b第三段\\x0c\\x00。\"",
    )
    answers.write_text(text.replace("  items_as: run\n", ""), encoding="utf-8")
    out = tmp_path / "d.docx"
    document = _render(cli, answers, out)
    paragraphs = [p.text for p in document.paragraphs]
    assert tricky in paragraphs  # one point in that topic: its lines are its own paragraphs
    assert "第二段：另起一行。" in paragraphs
    assert "第三段。" in paragraphs
    with zipfile.ZipFile(out) as archive:
        xml = archive.read("word/document.xml").decode()
    assert "&amp; “两个确立” &lt;试行&gt;" in xml
    assert "\x0c" not in xml and "\x00" not in xml


def test_docxtpls_escaped_tags_in_a_clerks_text_stay_as_typed(cli, tmp_path, example_text):
    """docxtpl writes "{_{" in a template to show "{{": the same characters in an answer are the
    clerk's, and the draft shows them unchanged (found by a property test)."""
    typed = "编号{_{甲}_}与{_%乙%_}及{_}"
    answers = tmp_path / "a.yaml"
    text = example_text("sanitation-centre").replace(
        "      - 公开举报电话，借助信息化手段推进信息公开，主动接受社会和舆论监督。", f"      - \"{typed}。\"")
    answers.write_text(text.replace("  items_as: run\n", ""), encoding="utf-8")
    paragraphs = [p.text for p in _render(cli, answers, tmp_path / "d.docx").paragraphs]
    assert f"{typed}。" in paragraphs


def test_existing_output_is_kept_without_force(cli, tmp_path):
    out = tmp_path / "d.docx"
    out.write_bytes(b"clerk's edited draft")
    result = cli("render", REPO / "examples" / "town-government.yaml", "-o", out)
    assert result.exit_code == 1
    assert "已存在" in result.stderr and "--overwrite" in result.stderr
    assert out.read_bytes() == b"clerk's edited draft"

    result = cli("render", REPO / "examples" / "town-government.yaml", "-o", out, "--force")
    assert result.exit_code == 0
    assert backup_of(tmp_path / "d.docx").read_bytes() == b"clerk's edited draft"
    Document(str(out))  # the new one is a real .docx


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_example_converts_to_pdf_with_plausible_pages(cli, tmp_path):
    out = tmp_path / "draft.docx"
    _render(cli, (REPO / "examples" / "county-urban-management-bureau.yaml"), out)
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(out)],
        check=True, capture_output=True, timeout=180,
    )
    pdf = tmp_path / "draft.pdf"
    assert pdf.stat().st_size > 10_000
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
        # ~3,000 characters of body at 22 lines × 27 characters a page
        assert 3 <= pages <= 8, pages
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(tmp_path / "draft.pdf"), "-"], capture_output=True, text=True).stdout
        assert "法治政府建设情况的报告" in text.replace("\n", "")
        assert re.search(r"—\s*1\s*—", text) and re.search(r"—\s*2\s*—", text)


def test_template_path_is_relative_to_the_answers_file(cli, tmp_path, example_text, monkeypatch):
    # A unit's own copy of the template beside its answers, named by a relative path.
    folder = tmp_path / "answers"
    folder.mkdir()
    custom = Document(str(REPO / "templates" / "official.docx"))
    custom.core_properties.category = "本单位模板"  # the title becomes the report's own
    custom.save(str(folder / "本单位模板.docx"))
    (folder / "2024.yaml").write_text(
        example_text("sanitation-centre").replace("  items_as: run", "  items_as: run\n  template: 本单位模板.docx"),
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)  # not the answers folder
    result = cli("render", folder / "2024.yaml", "-o", tmp_path / "d.docx")
    assert result.exit_code == 0, result.stderr
    assert Document(str(tmp_path / "d.docx")).core_properties.category == "本单位模板"


def test_a_units_own_opening_replaces_the_generated_one(cli, tmp_path, example_text):
    answers = tmp_path / "a.yaml"
    own = "为全面落实依法治区工作部署，中心结合环卫工作实际，扎实推进依法行政"
    answers.write_text(example_text("sanitation-centre") + f"opening: {own}\n", encoding="utf-8")
    document = _render(cli, answers, tmp_path / "d.docx")
    body = [p.text for p in document.paragraphs]
    # the lead-in the genre needs is added when the unit's text lacks it
    assert own + "。现将有关情况报告如下：" in body
    assert not any(p.startswith("2024年，在区委、区政府的坚强领导下") for p in body)


@pytest.mark.parametrize("end", ["报告如下。", "报告如下：", "报告如下:", "报告如下", "汇报如下。"])
def test_an_own_opening_that_already_leads_in_gets_no_second_lead_in(tmp_path, example_text, end):
    from drafter.answers import load_report
    from drafter.document import compose

    own = "2024年，县司法局统筹推进法治政府建设各项任务，现将有关情况" + end
    answers = tmp_path / "a.yaml"
    answers.write_text(example_text("sanitation-centre") + f"opening: '{own}'\n", encoding="utf-8")
    report = load_report(answers)
    opening = compose(report).opening
    assert opening == own.rstrip("。：:") + "："
    assert opening.count("如下") == 1


def test_a_figure_the_clerks_text_already_states_is_not_repeated(cli, tmp_path, example_text):
    answers = tmp_path / "a.yaml"
    source = example_text("county-urban-management-bureau").replace(
        "        text: 坚持持证上岗，未取得执法资格的人员不得从事执法活动，离岗人员及时注销证件。",
        "        text: 坚持持证上岗。全年办理处罚案件59件，一般程序27件、简易程序32件。",
    )
    answers.write_text(source, encoding="utf-8")
    text = "\n".join(p.text for p in _render(cli, answers, tmp_path / "d.docx").paragraphs)
    assert "全年办理行政处罚案件59件" not in text  # the clerk's sentence says it already
    # figures the text does not give still get theirs (short ones joined into one sentence)
    assert "。新办行政执法证件6个，注销7个，重大执法决定经集体讨论5次，梳理免予处罚清单事项23项。" in text

    # a sentence that adds something (a 同比) is kept even when the counts are in the text
    answers.write_text(source + "previous_figures: {penalty_cases: 50}\n", encoding="utf-8")
    with_yoy = "\n".join(p.text for p in _render(cli, answers, tmp_path / "e.docx").paragraphs)
    assert "全年办理行政处罚案件59件，同比增长18%，其中一般程序案件27件、简易程序案件32件。" in with_yoy


def test_the_titles_lines_are_one_paragraph_broken_by_word_line_breaks(tmp_path):
    """The title's lines (drafter.title) stay one 公文标题 paragraph with a Word line break
    (w:br) between them, as docxtpl's Listing gives them; a mark in the name is text, not XML."""
    import dataclasses
    import io

    from drafter.answers import load_report
    from drafter.document import compose
    from drafter.paths import template_path
    from drafter.render import docx_context, render_context
    from drafter.text import WORD_JOINER

    report = load_report(EXAMPLES[0])
    lines = ["某局（A&B<试点>）关于2024年度", "法治政府建设情况的报告"]
    composed = dataclasses.replace(compose(report), title_lines=lines)
    data = render_context(template_path(report.layout.template), docx_context(composed), report.layout.fonts.model_dump())
    titles = [p for p in Document(io.BytesIO(data)).paragraphs if p.style.name == "公文标题"]
    assert len(titles) == 1
    assert titles[0].text.replace(WORD_JOINER, "") == "\n".join(lines)
    assert len(titles[0]._p.findall(".//" + qn("w:br"))) == 1
