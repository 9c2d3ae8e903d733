"""The report as website text: Markdown and a standalone, accessible HTML page.

Both are made from the composed document (`drafter.document.compose`), never from the
.docx, so the web text says exactly what the Word draft says. No Word layout survives:
a site editor pastes this into the CMS. The HTML page is self-contained (inline CSS,
no scripts, no external resources), declares lang="zh-CN", uses h1 → h2 → h3 headings
for the title, the parts and the topics, and prints cleanly on A4.
"""

from __future__ import annotations

import html
import re
import unicodedata
from pathlib import Path

from .dates import parse_date
from .document import Block, ComposedDocument

FORMATS = {"md": ".md", "html": ".html"}

# ---------------------------------------------------------------- Markdown

# ASCII punctuation that means something somewhere in CommonMark; a backslash makes any
# ASCII punctuation literal, so escaping these everywhere is always safe. Chinese text
# rarely contains them, so the Markdown stays readable as plain text too.
_MD_INLINE = re.compile(r"([\\`*_\[\]<>&|~!])")
# At the start of a line: headings, block quotes, list markers, thematic breaks, setext underlines.
_MD_LINE_START = re.compile(r"^(\s*)([#>+\-=]|\d{1,9}[.)])")


def escape_markdown(text: str) -> str:
    """Make `text` literal in Markdown, line by line."""
    out = []
    for line in text.split("\n"):
        line = _MD_INLINE.sub(r"\\\1", line)
        match = _MD_LINE_START.match(line)
        if match:
            marker = match.group(2)
            line = line[: match.start(2)] + marker[:-1] + "\\" + marker[-1] + line[match.end(2):]
        # trailing "#"s would be read as a heading's closing sequence
        out.append(re.sub(r"(#+)$", lambda m: "\\#" * len(m.group(1)), line))
    return "\n".join(out)


def to_markdown(document: ComposedDocument) -> str:
    """# title, the recipient, the opening, ## parts, ### topics, then closing, signature and date."""
    md = escape_markdown
    chunks = [f"# {md(document.title)}"]
    if document.recipient:
        chunks.append(md(document.recipient))
    chunks.append(md(document.opening))
    for part in document.parts:
        chunks.append(f"## {md(part.heading)}")
        for block in part.blocks:
            chunks.append(_markdown_block(block))
    chunks += [md(document.closing), md(document.signature), md(document.date)]
    return "\n\n".join(chunk for chunk in chunks if chunk) + "\n"


def _markdown_block(block: Block) -> str:
    md = escape_markdown
    if block.kind == "heading2":
        return f"### {md(block.text)}"
    if block.kind == "heading3":
        return f"#### {md(block.text)}"
    if block.kind == "run_in" and block.lead:
        # CommonMark does not close "**" between a punctuation mark and a letter
        # ("**（一）安排。**内容" stays literal), so the lead's final "。" goes after it.
        lead = block.lead.rstrip(_TRAILING_PUNCTUATION)
        tail = block.lead[len(lead):]
        if not lead:
            return md(block.full_text)
        if unicodedata.category(lead[-1]).startswith("P"):  # "（试行）": inline HTML always works
            return f"<strong>{md(lead)}</strong>{md(tail)}{md(block.text)}"
        return f"**{md(lead)}**{md(tail)}{md(block.text)}"
    return md(block.full_text)


_TRAILING_PUNCTUATION = "。．.，,、；;：:！!？?"


# ---------------------------------------------------------------- HTML

_CSS = """
:root { color-scheme: light; }
html { background: #fff; color: #111; }
body {
  margin: 0 auto; max-width: 46em; padding: 2.5em 1.5em 4em;
  font-family: "FangSong", "仿宋", "仿宋_GB2312", "STFangsong", "Noto Serif CJK SC",
    "Source Han Serif SC", "Songti SC", "SimSun", serif;
  font-size: 1.125rem; line-height: 1.9;
}
h1, h2, h3, h4 { line-height: 1.5; font-weight: bold; break-after: avoid; page-break-after: avoid; }
h1 {
  text-align: center; font-size: 1.6em; margin: 0 0 1.5em;
  font-family: "方正小标宋简体", "FZXiaoBiaoSong-B05S", "Noto Serif CJK SC", "Source Han Serif SC",
    "Songti SC", "SimSun", serif;
}
h2 {
  font-size: 1.1em; margin: 1.4em 0 0.4em; text-indent: 2em;
  font-family: "黑体", "SimHei", "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC",
    "Microsoft YaHei", sans-serif;
}
h3, h4 {
  font-size: 1em; margin: 0.8em 0 0.3em; text-indent: 2em;
  font-family: "楷体", "楷体_GB2312", "KaiTi", "STKaiti", "AR PL UKai CN", serif;
}
h4 { font-family: inherit; }
p { margin: 0 0 0.4em; text-indent: 2em; text-align: justify; orphans: 2; widows: 2; }
p.recipient { text-indent: 0; margin-top: 1em; }
.lead { font-weight: bold; font-family: "楷体", "楷体_GB2312", "KaiTi", "STKaiti", "AR PL UKai CN", serif; }
footer { margin-top: 2.5em; text-align: right; }
footer p { text-indent: 0; text-align: right; margin: 0; padding-right: 2em; }
@media print {
  @page { size: A4; margin: 37mm 26mm 35mm 28mm; }
  body { max-width: none; padding: 0; font-size: 16pt; line-height: 28pt; }
  h1 { font-size: 22pt; }
  h2, h3, h4 { font-size: 16pt; }
  a { color: inherit; text-decoration: none; }
}
""".strip()

def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _date_html(date: str) -> str:
    value = parse_date(date)
    if value is None:  # a placeholder such as "2025年  月  日"
        return _esc(date)
    return f'<time datetime="{value.isoformat()}">{_esc(date)}</time>'


def to_html(document: ComposedDocument, *, generator: str = "drafter") -> str:
    """A standalone HTML5 page: one <article> with the title (h1), parts (h2) and topics (h3)."""
    out = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="{_esc(generator)}">',
        f"<title>{_esc(document.title)}</title>",
        f"<style>\n{_CSS}\n</style>",
        "</head>",
        "<body>",
        "<main>",
        '<article aria-labelledby="title">',
        "<header>",
        f'<h1 id="title">{_esc(document.title)}</h1>',
        "</header>",
    ]
    if document.recipient:
        out.append(f'<p class="recipient">{_esc(document.recipient)}</p>')
    out.append(f"<p>{_esc(document.opening)}</p>")
    for number, part in enumerate(document.parts, 1):
        anchor = f"part-{number}"
        out.append(f'<section aria-labelledby="{anchor}">')
        out.append(f'<h2 id="{anchor}">{_esc(part.heading)}</h2>')
        has_topics = any(block.kind == "heading2" for block in part.blocks)
        for block in part.blocks:
            out.append(_html_block(block, has_topics))
        out.append("</section>")
    out.append(f"<p>{_esc(document.closing)}</p>")
    out += [
        "<footer>",
        f'<p class="signature">{_esc(document.signature)}</p>',
        f'<p class="date">{_date_html(document.date)}</p>',
        "</footer>",
        "</article>",
        "</main>",
        "</body>",
        "</html>",
    ]
    return "\n".join(out) + "\n"


def _html_block(block: Block, has_topics: bool) -> str:
    if block.kind == "heading2":
        return f"<h3>{_esc(block.text)}</h3>"
    if block.kind == "heading3":
        # keep the outline without gaps: h4 under a topic, h3 directly under a part
        level = 4 if has_topics else 3
        return f"<h{level}>{_esc(block.text)}</h{level}>"
    if block.kind == "run_in" and block.lead:
        return f'<p><strong class="lead">{_esc(block.lead)}</strong>{_esc(block.text)}</p>'
    return f"<p>{_esc(block.full_text)}</p>"


# ---------------------------------------------------------------- files


def export_text(document: ComposedDocument, fmt: str) -> str:
    if fmt == "md":
        return to_markdown(document)
    if fmt == "html":
        from . import __version__

        return to_html(document, generator=f"drafter {__version__}")
    raise ValueError(f"unknown export format: {fmt}")


def default_output(answers: Path, fmt: str) -> Path:
    return answers.with_suffix(FORMATS[fmt])


def format_of(path: Path) -> str | None:
    """"md" or "html" from a file name, else None."""
    suffix = path.suffix.lower()
    if suffix in (".md", ".markdown"):
        return "md"
    if suffix in (".html", ".htm"):
        return "html"
    return None
