"""Rule 5 (.docx only): page, margins, fonts and page numbers against GB/T 9704-2012.

What the file does not say (a theme font, no size anywhere, a section without margins) is
reported once as "unknown" (info), never as an error. python-docx is already loaded by
drafter.textsource when a .docx is read; nothing is imported here at module level.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from drafter.check.context import CheckDocument
from drafter.punctuation import is_chinese
from drafter.recognise import BODY, HEADING, OPENING, PART_HEADING, Para

EMU_PER_MM = 36000


def check(doc: CheckDocument) -> None:
    if doc.kind != "docx" or doc.source is None or getattr(doc.source, "document", None) is None:
        return
    document = doc.source.document
    conf = doc.rules["layout"]
    unknown: list[str] = []
    _check_page(doc, document, conf, unknown)
    _check_body_font(doc, conf, unknown)
    _check_title(doc, conf, unknown)
    _check_headings(doc, conf)
    _check_page_numbers(doc, document)
    if unknown:
        doc.add("layout.unknown", what="、".join(dict.fromkeys(unknown)))


def _mm(length: Any) -> float | None:
    return None if length is None else int(length) / EMU_PER_MM


def _length(section: Any, name: str) -> Any:
    """A length python-docx reads from the XML; None when the file holds no number there (w:w="abc")."""
    try:
        return getattr(section, name)
    except (ValueError, TypeError, OverflowError):
        return None


def _check_page(doc: CheckDocument, document: Any, conf: dict, unknown: list[str]) -> None:
    tol_page = float(conf["page_tolerance_mm"])
    tol = float(conf["margin_tolerance_mm"])
    want = conf["margins_mm"]
    names = {"top": "上", "bottom": "下", "left": "左", "right": "右"}
    wrong: dict[str, str] = {}
    size_reported = False
    for section in document.sections:
        w, h = _mm(_length(section, "page_width")), _mm(_length(section, "page_height"))
        if w is None or h is None:
            unknown.append("纸张大小")
        elif not size_reported and (
            abs(w - conf["page_mm"]["width"]) > tol_page or abs(h - conf["page_mm"]["height"]) > tol_page
        ):
            size_reported = True
            doc.add("layout.page_size", width=round(w), height=round(h))
        for side, name in names.items():
            value = _mm(_length(section, f"{side}_margin"))
            if value is None:
                unknown.append("页边距")
                continue
            if abs(value - float(want[side])) > tol and side not in wrong:
                wrong[side] = f"{name}{value:.1f}毫米（应为{want[side]}毫米）"
    if wrong:
        doc.add("layout.margins", detail="，".join(wrong[s] for s in names if s in wrong))


def _cjk_weight(text: str) -> int:
    return sum(1 for ch in text if is_chinese(ch))


def _majority(paras: list[Para], attr: str) -> tuple[Any, float]:
    """The value of a run attribute that covers most Chinese characters, and its share."""
    counts: Counter = Counter()
    for p in paras:
        for run in getattr(p.source, "runs", ()) or ():
            weight = _cjk_weight(run.text)
            if weight:
                counts[getattr(run, attr)] += weight
    if not counts:
        return None, 0.0
    value, n = counts.most_common(1)[0]
    return value, n / sum(counts.values())


def _fmt_pt(size: float) -> str:
    return f"{size:g}"


def _check_body_font(doc: CheckDocument, conf: dict, unknown: list[str]) -> None:
    body = [p for p in doc.content if p.role in (BODY, OPENING)]
    if not body:
        return
    fonts = conf["body"]["fonts"]
    east, _ = _majority(body, "east_asia")
    ascii_, _ = _majority(body, "ascii")
    if east is None or str(east).startswith("theme:"):
        if ascii_ and not str(ascii_).startswith("theme:"):
            shown = "主题字体（多为宋体或等线）" if east else "默认字体（多为宋体）"
            doc.add("layout.east_asia_unset", body[0], ascii=ascii_, east=shown, expected=fonts[0])
        else:
            unknown.append("正文中文字体（未设置或来自主题）")
    elif east not in fonts:
        doc.add("layout.body_font", body[0], found=east, expected=fonts[0])
    _check_size(doc, body, "body", "正文字号", conf, unknown)


def _check_title(doc: CheckDocument, conf: dict, unknown: list[str]) -> None:
    title = doc.structure.title_paragraphs
    if not title:
        return
    fonts = conf["title"]["fonts"]
    east, _ = _majority(title, "east_asia")
    if east is None or str(east).startswith("theme:"):
        unknown.append("标题字体")
    elif east not in fonts:
        doc.add("layout.title_font", title[0], found=east, expected=fonts[0])
    _check_size(doc, title, "title", "标题字号", conf, unknown)


def _check_size(doc: CheckDocument, paras: list, role: str, what: str, conf: dict, unknown: list[str]) -> None:
    """The size most of `paras` use against conf[role]["size_pt"]; unread sizes are unknown."""
    size, _ = _majority(paras, "size_pt")
    if size is None:
        unknown.append(what)
    elif abs(size - float(conf[role]["size_pt"])) > float(conf["size_tolerance_pt"]):
        doc.add(f"layout.{role}_size", paras[0], found=_fmt_pt(size))


def _heading_font(p: Para) -> str | None:
    """The East Asian font of the runs that carry the heading's number and title."""
    h = p.heading
    runs = getattr(p.source, "runs", ()) or ()
    if h is None or not runs:
        return None
    length = len(h.marker) + len(h.text)
    counts: Counter = Counter()
    pos = 0
    for run in runs:
        if pos >= length:
            break
        counts[run.east_asia] += _cjk_weight(run.text[: max(0, length - pos)])
        pos += len(run.text)
    if not counts:
        return None
    return counts.most_common(1)[0][0]


def _check_headings(doc: CheckDocument, conf: dict) -> None:
    for level, spec in (conf.get("headings") or {}).items():
        level = int(level)
        fonts = spec["fonts"]
        wrong: list[tuple[Para, str]] = []
        for p in doc.content:
            if p.heading is None or p.heading.level != level or p.role not in (PART_HEADING, HEADING):
                continue
            font = _heading_font(p)
            if font is None or str(font).startswith("theme:"):
                continue
            if font not in fonts:
                wrong.append((p, font))
        if wrong:
            found = Counter(f for _, f in wrong).most_common(1)[0][0]
            doc.add(
                "layout.heading_font",
                wrong[0][0],
                count=len(wrong),
                level_name=spec["name"],
                found=found,
                expected=spec["expected"],
            )


def _has_page_field(xml: bytes) -> bool:
    import re

    text = xml.decode("utf-8", "ignore")
    if re.search(r'w:instr="\s*PAGE\b', text):
        return True
    return bool(re.search(r"<w:instrText[^>]*>\s*PAGE\b", text))


def _check_page_numbers(doc: CheckDocument, document: Any) -> None:
    for rel in document.part.rels.values():
        if rel.is_external or not rel.reltype.endswith("/footer"):
            continue
        if _has_page_field(rel.target_part.blob):
            return
    doc.add("layout.page_number")
