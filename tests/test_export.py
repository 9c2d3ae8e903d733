"""`drafter export`: Markdown and standalone HTML with every part and figure, safely escaped,
and the HTML rendered by headless Chromium (skipped where Chromium is absent)."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import backup_of, EXAMPLES

from drafter.answers import load_report
from drafter.document import compose
from drafter.export import escape_markdown, to_html, to_markdown
from drafter.model import Report
from drafter.text import format_number
from drafter.document import catalogue_sentences


class _Outline(HTMLParser):
    """Headings by level, text, and anything that would load an external resource."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: dict[str, list[str]] = {}
        self.lang = None
        self.text: list[str] = []
        self.external: list[str] = []
        self.scripts = 0
        self.strong: list[str] = []
        self._open: str | None = None
        self._buffer: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag == "script":
            self.scripts += 1
        for name in ("src", "href"):
            if attrs.get(name):
                self.external.append(attrs[name])
        if tag in ("h1", "h2", "h3", "h4", "strong", "title"):
            self._open, self._buffer = tag, []

    def handle_endtag(self, tag):
        if tag == self._open:
            text = "".join(self._buffer)
            if tag == "strong":
                self.strong.append(text)
            elif tag != "title":
                self.headings.setdefault(tag, []).append(text)
            self._open = None

    def handle_data(self, data):
        self.text.append(data)
        if self._open:
            self._buffer.append(data)


def _outline(page: str) -> _Outline:
    parser = _Outline()
    parser.feed(page)
    return parser


def _markdown_text(markdown: str) -> str:
    """The text a reader sees: rendered by a CommonMark parser when one is installed."""
    try:
        from markdown_it import MarkdownIt
    except ImportError:
        return re.sub(r"\\(.)", r"\1", markdown.replace("**", ""))
    return "".join(_outline(MarkdownIt("commonmark").render(markdown)).text)


def _expected_figure_texts(report: Report) -> list[str]:
    """Every figure sentence the report calls for, and every non-zero number in it."""
    sentences = catalogue_sentences(report)
    numbers = [format_number(v) for v in report.figures().values() if not isinstance(v, bool) and v]
    return sentences + numbers


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_markdown_and_html_have_every_part_and_figure(example):
    report = load_report(example)
    document = compose(report)
    markdown, page = to_markdown(document), to_html(document)
    text_of_page = "".join(_outline(page).text)
    figures = _expected_figure_texts(report)
    assert figures, "every example reports some figures"
    for text in (_markdown_text(markdown), text_of_page):
        for paragraph in document.paragraphs():
            assert paragraph in text, paragraph
        for figure in figures:
            assert figure in text, figure
    # the four mandatory parts (and the optional fifth) are headings in both
    headings = [part.heading for part in document.parts]
    assert len(headings) >= 4
    assert [line[3:] for line in markdown.splitlines() if line.startswith("## ")] == headings
    assert _outline(page).headings["h2"] == headings


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_html_is_standalone_and_accessible(example):
    document = compose(load_report(example))
    page = to_html(document)
    outline = _outline(page)
    assert page.startswith("<!DOCTYPE html>")
    assert outline.lang == "zh-CN"
    assert '<meta charset="utf-8">' in page
    assert f"<title>{html.escape(document.title)}</title>" in page
    assert outline.headings["h1"] == [document.title]
    topics = [b.text for part in document.parts for b in part.blocks if b.kind == "heading2"]
    assert outline.headings.get("h3", []) == topics
    # nothing loaded from elsewhere: no scripts, links, images, web fonts or imports
    assert outline.external == [] and outline.scripts == 0
    assert "url(" not in page and "@import" not in page and "<img" not in page
    assert "@media print" in page and "@page" in page
    # signature and date close the article; a real date is a machine-readable <time>
    assert re.search(r'<footer>\s*<p class="signature">[^<]+</p>\s*<p class="date"><time datetime="\d{4}-\d\d-\d\d">',
                     page)


def _hostile_report() -> Report:
    data = load_report(EXAMPLES[0]).model_dump(mode="json", exclude_none=True)
    data["unit"]["name"] = "<b>测试</b>局 & \"某\"单位"
    data["measures"][0]["items"] = [
        {"title": "1. 不是列表", "text": "# 不是标题 *不是强调* _也不是_ [不是链接](http://x) `不是代码` <script>alert(1)</script> a\\b"},
        {"text": "- 不是列表项 > 不是引用 + 也不是 12) 也不是 | 表格 | ~删除~ !图片 &amp; 实体 ###"},
    ]
    data["shortcomings"][0]["problem"] = "规则“（试行）”"  # a lead ending in a closing bracket
    return Report.model_validate(data)


def test_hostile_text_is_escaped_in_html():
    report = _hostile_report()
    page = to_html(compose(report))
    assert "<script>" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    outline = _outline(page)
    assert outline.scripts == 0 and outline.external == []
    text = "".join(outline.text)
    assert "<b>测试</b>局 & \"某\"单位" in text
    assert "&amp; 实体" in text  # literal text, not an entity


def test_hostile_text_stays_literal_in_markdown():
    markdown_it = pytest.importorskip("markdown_it")
    report = _hostile_report()
    document = compose(report)
    rendered = markdown_it.MarkdownIt("commonmark").render(to_markdown(document))
    outline = _outline(rendered)
    text = "".join(outline.text)
    for paragraph in document.paragraphs():
        assert paragraph in text, paragraph
    assert outline.scripts == 0 and outline.external == []
    assert "<ol" not in rendered and "<ul" not in rendered and "<blockquote" not in rendered
    assert "<em>" not in rendered and "<code>" not in rendered
    # headings: exactly the title, the parts and the topics
    assert outline.headings["h1"] == [document.title]
    assert outline.headings["h2"] == [part.heading for part in document.parts]
    # every run-in lead (（一）不足。…) is bold, including one ending in a bracket
    leads = [b.lead for part in document.parts for b in part.blocks if b.kind == "run_in"]
    assert len(outline.strong) == len(leads)
    for strong, lead in zip(outline.strong, leads):
        assert lead.startswith(strong)


@pytest.mark.parametrize("text", ["1. a", "12) b", "# c", "- d", "+ e", "> f", "=== ", "a #", "*x*", "<i>y</i>"])
def test_escape_markdown_round_trips(text):
    markdown_it = pytest.importorskip("markdown_it")
    rendered = markdown_it.MarkdownIt("commonmark").render("正文\n\n" + escape_markdown(text))
    assert rendered.endswith(f"<p>{html.escape(text.strip(), quote=False)}</p>\n")


def test_export_cli_writes_refuses_and_prints(cli, tmp_path):
    answers = tmp_path / "2024.yaml"
    answers.write_text(EXAMPLES[0].read_text(encoding="utf-8"), encoding="utf-8")
    result = cli("export", answers, "--md", "--html")
    assert result.exit_code == 0, result.stderr
    md, page = tmp_path / "2024.md", tmp_path / "2024.html"
    title = compose(load_report(answers)).title
    assert md.read_text(encoding="utf-8").startswith(f"# {title}\n")
    assert f"<h1 id=\"title\">{title}</h1>" in page.read_text(encoding="utf-8")

    again = cli("export", answers, "--html")
    assert again.exit_code == 1 and "--overwrite" in again.stderr
    forced = cli("export", answers, "--html", "--force")
    assert forced.exit_code == 0 and backup_of(tmp_path / "2024.html").exists()

    printed = cli("export", answers, "--md", "-o", "-")
    assert printed.exit_code == 0 and printed.stdout.startswith(f"# {title}")

    by_suffix = cli("export", answers, "-o", tmp_path / "网站.html")
    assert by_suffix.exit_code == 0 and (tmp_path / "网站.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")

    neither = cli("export", answers)
    assert neither.exit_code == 2 and "--md" in neither.stderr
    both_one_file = cli("export", answers, "--md", "--html", "-o", tmp_path / "x.md")
    assert both_one_file.exit_code == 2


def test_export_cli_reports_a_bad_answers_file(cli, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("year: [\n", encoding="utf-8")
    result = cli("export", bad, "--html")
    assert result.exit_code == 2
    assert "bad.yaml" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "bad.html").exists()


# ---------------------------------------------------------------- Chromium


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _run_chromium(browser: str, profile: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", f"--user-data-dir={profile}", *args],
        capture_output=True, timeout=120,
    )


def _ink(png: Path) -> tuple[float, float]:
    """(share of non-white pixels overall, in the top tenth where the title is).

    With Pillow, real pixels; without it, the PNG's filtered scanlines: a uniform page
    (blank, or one solid colour) filters to almost nothing but zero bytes.
    """
    try:
        from PIL import Image
    except ImportError:
        return _ink_from_scanlines(png.read_bytes())
    with Image.open(png) as image:
        grey = image.convert("L")
        width, height = grey.size
        histogram = grey.histogram()
        top = grey.crop((0, 0, width, height // 10)).histogram()
    dark = lambda h: sum(h[:200]) / max(1, sum(h))  # noqa: E731
    return dark(histogram), dark(top)


def _ink_from_scanlines(data: bytes) -> tuple[float, float]:
    import struct
    import zlib

    position, idat, width, height, channels = 8, b"", 0, 0, 4
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        body = data[position + 8:position + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8, depth
            channels = {0: 1, 2: 3, 4: 2, 6: 4}[colour]
        elif kind == b"IDAT":
            idat += body
        position += 12 + length
    raw = zlib.decompress(idat)
    stride = 1 + width * channels
    assert len(raw) == stride * height
    nonzero = lambda chunk: (len(chunk) - chunk.count(0)) / max(1, len(chunk))  # noqa: E731
    return nonzero(raw), nonzero(raw[: stride * (height // 10)])


def test_html_renders_in_headless_chromium(tmp_path):
    browser = _chromium()
    if browser is None:
        pytest.skip("Chromium is not installed (.ci/run installs Debian's chromium)")
    report = load_report(EXAMPLES[0])
    page = tmp_path / "报告.html"
    page.write_text(to_html(compose(report)), encoding="utf-8")
    screenshot = tmp_path / "screenshot.png"
    result = _run_chromium(browser, tmp_path / "profile", f"--screenshot={screenshot}", "--window-size=1200,1600",
                           page.as_uri())
    assert screenshot.is_file(), result.stderr.decode("utf-8", "replace")[-2000:]
    data = screenshot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert int.from_bytes(data[16:20], "big") == 1200  # IHDR width
    overall, top = _ink(screenshot)
    assert 0.01 < overall < 0.5, overall  # text on a white page: neither blank nor a solid block
    assert top > 0.005, top  # the title is drawn at the top

    # and the text itself reached the page: print it to PDF and read it back
    if shutil.which("pdftotext"):
        printed = tmp_path / "printed.pdf"
        _run_chromium(browser, tmp_path / "profile2", "--no-pdf-header-footer", f"--print-to-pdf={printed}",
                      page.as_uri())
        if printed.is_file():
            text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(printed), "-"], capture_output=True,
                                  check=True).stdout.decode("utf-8")
            flat = re.sub(r"\s+", "", text)
            assert re.sub(r"\s+", "", compose(report).title) in flat


def test_export_applies_the_same_check_as_render(cli, tmp_path):
    text = EXAMPLES[0].read_text(encoding="utf-8")
    sentence = "参与上级部门拟定法规和裁量标准提出修改意见【law_drafting_comments】次。"
    assert sentence in text
    flawed = tmp_path / "flawed.yaml"
    flawed.write_text(text.replace(sentence, "参与上级部门拟定法规和裁量标准提出修改意见【law_drafting_comments】次，完成率120%。"),
                      encoding="utf-8")
    assert cli("render", flawed, "-o", tmp_path / "d.docx").exit_code == 1  # a rate above 100% is a check error
    refused = cli("export", flawed, "--html")
    assert refused.exit_code == 1 and "120%" in refused.stderr
    assert not (tmp_path / "flawed.html").exists()
    forced = cli("export", flawed, "--html", "--force")
    assert forced.exit_code == 0 and (tmp_path / "flawed.html").exists()
