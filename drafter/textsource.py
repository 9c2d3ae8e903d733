"""Read a report into paragraphs: .docx (python-docx), .txt and .md (UTF-8, GBK, BOM).

    source = read_source("2024年报告.docx")
    source.paragraphs[0].text, source.paragraphs[0].style, source.paragraphs[0].runs[0].east_asia

A .docx paragraph carries its style name, alignment, whether Word numbering supplies its number,
and its runs with their *effective* fonts: the East Asian slot (``w:eastAsia``) and the size,
resolved through the run, its character style, the paragraph style chain and the document
defaults (``None`` where nothing sets them; ``theme:…`` where a theme font does). Tables become one
paragraph per row, cells joined with " | ". Text files are split into lines; blank lines are
dropped but every paragraph keeps its line number.

Anything that cannot be read raises :class:`drafter.errors.UserError` (exit code 2) with a
Chinese message naming the file. python-docx is imported only when a .docx is read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from drafter.errors import UserError
from drafter.text import WORD_JOINER

TEXT_SUFFIXES = (".txt", ".text", ".md", ".markdown")
DOCX_SUFFIXES = (".docx", ".docm")
OLD_WORD_SUFFIXES = (".doc", ".wps", ".rtf", ".wpt", ".dot")


@dataclass(frozen=True)
class RunFont:
    """A run of text and its effective character formatting."""

    text: str
    east_asia: str | None = None  # the East Asian font (w:eastAsia), "theme:minorEastAsia" for a theme font
    ascii: str | None = None  # the Latin font (w:ascii), what python-docx's font.name sets
    size_pt: float | None = None
    bold: bool | None = None


@dataclass(frozen=True)
class SourceParagraph:
    """One paragraph of the source document."""

    text: str
    style: str | None = None  # paragraph style name (docx)
    runs: tuple[RunFont, ...] = ()
    alignment: str | None = None  # "left", "center", "right", "both" (docx)
    auto_numbered: bool = False  # Word numbering supplies the number (docx)
    in_table: bool = False
    line: int | None = None  # line in a text file, or the paragraph's position in a docx body


@dataclass
class TextSource:
    """A document read into paragraphs."""

    path: Path
    kind: str  # "docx" | "txt" | "md"
    paragraphs: list[SourceParagraph] = field(default_factory=list)
    encoding: str | None = None  # text files
    document: Any = field(default=None, repr=False)  # python-docx Document (docx)

    @property
    def texts(self) -> list[str]:
        return [p.text for p in self.paragraphs]


def read_source(path: str | Path) -> TextSource:
    """Read a .docx, .txt or .md file; unreadable or unsupported → UserError."""
    from drafter.safe_read import check_regular

    p = Path(path)
    suffix = p.suffix.lower()
    check_regular(p)
    if suffix in DOCX_SUFFIXES:
        return read_docx(p)
    if suffix in TEXT_SUFFIXES:
        return read_text_file(p)
    if suffix in OLD_WORD_SUFFIXES:
        raise UserError(f"无法读取 {p.name}：不支持 {suffix} 格式，请在 Word 或 WPS 中“另存为” .docx 后再检查。")
    raise UserError(f"无法读取 {p.name}：只支持 .docx、.txt、.md 文件（以及答案文件 .yaml）。")


def split_long_paragraphs(paragraphs: list[SourceParagraph], limit: int) -> tuple[list[SourceParagraph], int]:
    """Paragraphs of at most `limit` characters: a longer one is cut after its last sentence end
    that fits (or, inside one endless sentence, at the limit); return them and how many were cut."""
    import dataclasses

    out, cut = [], 0
    for paragraph in paragraphs:
        text = paragraph.text
        if len(text) <= limit:
            out.append(paragraph)
            continue
        cut += 1
        chunks, start, last_end = [], 0, 0
        ends = [m.end() for m in re.finditer(r"[。！？；!?;]", text)] + [len(text)]
        for end in ends:
            while end - start > limit:
                stop = last_end if last_end > start else start + limit
                chunks.append(text[start:stop])
                start = stop
            last_end = end
        chunks.append(text[start:])
        out += [dataclasses.replace(paragraph, text=chunk, runs=()) for chunk in chunks if chunk.strip()]
    return out, cut


# --------------------------------------------------------------------------------------------
# Text files

def decode_text(data: bytes, name: str = "文件") -> tuple[str, str]:
    """Decode bytes as UTF-8 (with or without BOM), UTF-16/32 with BOM, or GBK (GB18030)."""
    from .encoding import NotText, Undecodable, decode

    try:
        return decode(data)
    except NotText:
        raise UserError(f"无法读取 {name}：这不是文本文件（含有二进制内容）。") from None
    except Undecodable as exc:
        if exc.bom:
            raise UserError(f"无法读取 {name}：文件带有 {exc.bom} 标记，但内容不是有效的 {exc.bom} 文本。") from None
        raise UserError(f"无法读取 {name}：文字编码既不是 UTF-8 也不是 GBK。请用记事本“另存为”UTF-8 后再试。") from None


_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s*")
_MD_QUOTE = re.compile(r"^\s{0,3}>\s?")
_MD_LIST = re.compile(r"^\s{0,3}[-*+]\s+")
_MD_EMPH = re.compile(r"(\*\*|__)(.+?)\1")
_MD_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_MD_COMMENT = re.compile(r"<!--.*?-->")


def _strip_markdown(line: str) -> str:
    if _MD_RULE.match(line):
        return ""
    line = _MD_COMMENT.sub("", line)
    line = _MD_HEADING.sub("", line)
    line = _MD_QUOTE.sub("", line)
    line = _MD_LIST.sub("", line)
    line = _MD_EMPH.sub(r"\2", line)
    return line


def read_text_file(path: str | Path) -> TextSource:
    from drafter.safe_read import TEXT_LIMIT, read_bytes

    p = Path(path)
    data = read_bytes(p, limit=TEXT_LIMIT, what="报告文本文件")
    text, encoding = decode_text(data, p.name)
    kind = "md" if p.suffix.lower() in (".md", ".markdown") else "txt"
    paragraphs = []
    for number, line in enumerate(text.splitlines(), start=1):
        if kind == "md":
            line = _strip_markdown(line)
        if line.strip(" \t\u3000\u00a0\ufeff"):
            paragraphs.append(SourceParagraph(text=line.strip(" \t\u3000\u00a0\ufeff"), line=number))
    if not paragraphs:
        raise UserError(f"无法检查 {p.name}：文件里没有文字。")
    return TextSource(path=p, kind=kind, paragraphs=paragraphs, encoding=encoding)


# --------------------------------------------------------------------------------------------
# .docx


def read_docx(path: str | Path) -> TextSource:
    p = Path(path)
    try:
        import docx  # python-docx, imported lazily: start-up stays light
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError as exc:  # pragma: no cover - a dependency
        raise UserError("读取 .docx 需要 python-docx，请先安装：pip install python-docx") from exc
    import io

    from drafter.safe_read import read_docx_bytes

    data = read_docx_bytes(p)
    try:
        document = docx.Document(io.BytesIO(data))
    except PackageNotFoundError as exc:
        raise UserError(f"无法读取 {p.name}：不是有效的 .docx 文件（可能是旧版 .doc 改了扩展名，或文件已损坏）。") from exc
    except Exception as exc:  # zip, XML and key errors from a damaged package
        raise UserError(f"无法读取 {p.name}：文件已损坏或不是 Word 文档（{type(exc).__name__}）。") from exc
    try:
        paragraphs = list(_docx_paragraphs(document))
    except Exception as exc:  # pragma: no cover - malformed XML inside a valid package
        raise UserError(f"无法读取 {p.name}：文档内容无法解析（{type(exc).__name__}）。") from exc
    if not paragraphs:
        raise UserError(f"无法检查 {p.name}：文档里没有文字。")
    return TextSource(path=p, kind="docx", paragraphs=paragraphs, document=document)


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    return qn(tag)


class StyleResolver:
    """Effective run and paragraph properties through styles and document defaults."""

    def __init__(self, document: Any) -> None:
        self.W = _qn("w:val").split("}")[0] + "}"
        styles = document.styles.element
        self.by_id: dict[str, Any] = {}
        self.default_para: str | None = None
        self.default_char: str | None = None
        for s in styles.findall(self.W + "style"):
            sid = s.get(self.W + "styleId")
            self.by_id[sid] = s
            if s.get(self.W + "default") in ("1", "true"):
                if s.get(self.W + "type") == "paragraph":
                    self.default_para = sid
                elif s.get(self.W + "type") == "character":
                    self.default_char = sid
        self.doc_rpr = styles.find(f"{self.W}docDefaults/{self.W}rPrDefault/{self.W}rPr")
        self.doc_ppr = styles.find(f"{self.W}docDefaults/{self.W}pPrDefault/{self.W}pPr")

    def chain(self, style_id: str | None) -> list[Any]:
        out, seen = [], set()
        while style_id and style_id in self.by_id and style_id not in seen:
            seen.add(style_id)
            s = self.by_id[style_id]
            out.append(s)
            based = s.find(self.W + "basedOn")
            style_id = based.get(self.W + "val") if based is not None else None
        return out

    def style_name(self, style_id: str | None) -> str | None:
        s = self.by_id.get(style_id or self.default_para or "")
        if s is None:
            return None
        name = s.find(self.W + "name")
        if name is None:
            return style_id
        from docx.styles import BabelFish  # "heading 1" → "Heading 1", as Word shows it

        return BabelFish.internal2ui(name.get(self.W + "val"))

    def para_style_id(self, p: Any) -> str | None:
        ps = p.find(f"{self.W}pPr/{self.W}pStyle")
        return ps.get(self.W + "val") if ps is not None else self.default_para

    # rPr layers, nearest first: run, character style chain, paragraph style chain, defaults
    def _font_slot(self, fonts: Any, slot: str, current: Any) -> tuple[Any, bool]:
        """One w:rFonts slot ("eastAsia", "ascii"): (font, found). A theme font wins over a name."""
        theme = fonts.get(self.W + slot + "Theme")
        if theme:
            return f"theme:{theme}", True
        if fonts.get(self.W + slot):
            return fonts.get(self.W + slot), True
        return current, False

    def rpr_layers(self, r: Any, para_style: str | None) -> list[Any]:
        layers = []
        rpr = r.find(self.W + "rPr")
        if rpr is not None:
            layers.append(rpr)
            rs = rpr.find(self.W + "rStyle")
            if rs is not None:
                layers += [s.find(self.W + "rPr") for s in self.chain(rs.get(self.W + "val"))]
        layers += [s.find(self.W + "rPr") for s in self.chain(para_style)]
        layers.append(self.doc_rpr)
        return [x for x in layers if x is not None]

    def ppr_layers(self, p: Any, para_style: str | None) -> list[Any]:
        layers = [p.find(self.W + "pPr")]
        layers += [s.find(self.W + "pPr") for s in self.chain(para_style)]
        layers.append(self.doc_ppr)
        return [x for x in layers if x is not None]

    def run_font(self, r: Any, para_style: str | None, text: str) -> RunFont:
        east = ascii_ = None
        size = None
        bold = None
        found_east = found_ascii = False
        for rpr in self.rpr_layers(r, para_style):
            fonts = rpr.find(self.W + "rFonts")
            if fonts is not None:
                if not found_east:
                    east, found_east = self._font_slot(fonts, "eastAsia", east)
                if not found_ascii:
                    ascii_, found_ascii = self._font_slot(fonts, "ascii", ascii_)
            if size is None:
                sz = rpr.find(self.W + "sz")
                if sz is not None and sz.get(self.W + "val"):
                    try:
                        size = int(sz.get(self.W + "val")) / 2
                    except ValueError:
                        pass
            if bold is None:
                b = rpr.find(self.W + "b")
                if b is not None:
                    bold = b.get(self.W + "val") not in ("0", "false", "off")
        return RunFont(text=text, east_asia=east, ascii=ascii_, size_pt=size, bold=bold)

    def alignment(self, p: Any, para_style: str | None) -> str | None:
        for ppr in self.ppr_layers(p, para_style):
            jc = ppr.find(self.W + "jc")
            if jc is not None:
                val = jc.get(self.W + "val")
                return {"start": "left", "end": "right", "distribute": "both"}.get(val, val)
        return None

    def auto_numbered(self, p: Any, para_style: str | None) -> bool:
        for ppr in self.ppr_layers(p, para_style):
            num = ppr.find(self.W + "numPr")
            if num is not None:
                num_id = num.find(self.W + "numId")
                return num_id is None or num_id.get(self.W + "val") not in ("0", None)
        return False


def _run_text(r: Any, W: str) -> str:
    out = []
    for child in r:
        tag = child.tag
        if tag == W + "t":  # without the glue drafter writes inside figures (drafter.docx_glue)
            out.append((child.text or "").replace(WORD_JOINER, ""))
        elif tag == W + "tab":
            out.append("\t")
        elif tag in (W + "br", W + "cr"):
            out.append("\n")
    return "".join(out)


_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def _visible_runs(p: Any, W: str):
    """The runs of `p` whose text the reader sees once: not the Fallback copy of a text box
    (mc:AlternateContent holds it twice), not text moved away (w:moveFrom) or deleted (w:del)."""
    hidden = {_MC_FALLBACK, W + "moveFrom", W + "del"}
    for r in p.iter(W + "r"):
        node = r.getparent()
        while node is not None and node is not p and node.tag not in hidden:
            node = node.getparent()
        if node is None or node is p:
            yield r


def _paragraph(p: Any, res: StyleResolver, position: int, in_table: bool = False) -> SourceParagraph:
    W = res.W
    style_id = res.para_style_id(p)
    runs = []
    for r in _visible_runs(p, W):
        text = _run_text(r, W)
        if text:
            runs.append(res.run_font(r, style_id, text))
    return SourceParagraph(
        text="".join(r.text for r in runs),
        style=res.style_name(style_id),
        runs=tuple(runs),
        alignment=res.alignment(p, style_id),
        auto_numbered=res.auto_numbered(p, style_id),
        in_table=in_table,
        line=position,
    )


def _cell_paragraphs(cell: Any, W: str):
    """The paragraphs of a table cell, those of nested tables included, each once (a paragraph
    inside a text box is read with the paragraph that anchors it)."""
    for p in cell.iter(W + "p"):
        node = p.getparent()
        while node is not None and node is not cell and node.tag != W + "p":
            node = node.getparent()
        if node is cell:
            yield p


def _docx_paragraphs(document: Any):
    res = StyleResolver(document)
    W = res.W
    body = document.element.body
    position = 0

    def walk(parent: Any):
        nonlocal position
        for child in parent:
            tag = child.tag
            if tag == W + "p":
                position += 1
                para = _paragraph(child, res, position)
                if para.text.strip():
                    yield para
            elif tag == W + "tbl":
                for row in child.findall(W + "tr"):  # a nested table is read inside its cell, once
                    position += 1
                    cells = []
                    for cell in row.findall(W + "tc"):
                        cell_text = "".join(
                            _paragraph(cp, res, position, True).text for cp in _cell_paragraphs(cell, W)
                        ).strip()
                        cells.append(cell_text)
                    text = " | ".join(cells).strip()
                    if text.strip(" |"):
                        yield SourceParagraph(text=text, in_table=True, line=position)
            elif tag == W + "sdt":
                content = child.find(W + "sdtContent")
                if content is not None:
                    yield from walk(content)

    yield from walk(body)
