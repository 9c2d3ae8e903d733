"""The recogniser: paragraphs in, a `Structure` out (title, opening, parts, closing, date)."""

from __future__ import annotations

import re
from typing import Any, Iterable, Sequence

from ..text import chinese_number
from ..dates import is_blank_date, parse_date, years_in
from .markers import SPACES, parse_heading
from .nodes import BODY, CLOSING, COVER, DATE, HEADING, NOISE, OPENING, PART_HEADING, RECIPIENT, SIGNATURE, TITLE, FoundPart, Para, Structure
from .patterns import StructurePatterns, structure_patterns
from .year import detect_year


def _text_of(item: Any) -> str:
    if isinstance(item, str):
        return item
    return str(getattr(item, "text", "") or "")


def _is_noise(text: str, patterns: StructurePatterns) -> bool:
    if len(text) > patterns.noise_max_chars:
        return False
    return patterns.noise.search(text)


def _heading_like(para: Para, patterns: StructurePatterns) -> bool:
    """Short, no full stop inside, not ending like a clause: could stand as a heading."""
    t = para.text
    style = para.style or ""
    if style and patterns.heading_style.search(style):
        return True
    if len(t) > patterns.unnumbered_max_chars:
        return False
    if any(c in t for c in "。！？!?；;"):
        return False
    if t[-1] in "，,：:、.":
        return False
    return True


def recognise(
    paragraphs: Sequence[Any] | Iterable[Any],
    *,
    year: int | None = None,
    patterns: StructurePatterns | None = None,
    published: Any = None,
    weak_year_clues: bool = True,
) -> Structure:
    """Recognise title, opening, parts, closing, signature and date.

    ``year`` overrides the report year found in the text (an answers file knows it);
    ``published`` is a web page's publish date, a weak hint for the year (never used alone).
    ``weak_year_clues=False`` leaves out of `year_evidence` what the body, the plans part's
    sentences and a publish date say: a check given its year from an answers file never
    reads them (drafter.check.years), and the body is most of a report's text.
    """
    patterns = patterns or structure_patterns()
    paras: list[Para] = []
    for index, item in enumerate(paragraphs):
        text = _text_of(item).strip(SPACES)
        if not text:
            continue
        paras.append(Para(number=len(paras) + 1, index=index, text=text, source=item))
    structure = Structure(paragraphs=paras)

    # Web-page lines, and the metadata their table-ish header rows carry.
    for p in paras:
        if _is_noise(p.text, patterns):
            p.role = NOISE
            for key, value in patterns.metadata.compiled.findall(p.text + "|"):
                if value:
                    structure.metadata.setdefault(key, value)
    content = [p for p in paras if p.role != NOISE]
    for p in content:
        p.heading = parse_heading(p.text)

    # A covering letter above the report, then the title (and recipient) at the top.
    cover = _take_cover(content, structure, patterns)
    start = cover + _take_title(content[cover:], structure, patterns)
    # Closing formula, signature and date at the end.
    end = _take_end(content, start, structure, patterns)
    if cover:  # the letter's signature and date are the report's when it ends without them
        for p in structure.cover:
            if p.role == SIGNATURE and structure.signature is None:
                structure.signature = p
            elif p.role == DATE and structure.date is None:
                structure.date, structure.date_value = p, parse_date(p.text)

    # Parts.
    current: FoundPart | None = None
    for p in content[start:end]:
        part = _part_heading(p, patterns, structure.parts)
        if part is not None:
            part.position = len(structure.parts) + 1
            structure.parts.append(part)
            current = part
            p.role = PART_HEADING
            p.part = part
            continue
        if current is None:
            p.role = OPENING
            structure.opening.append(p)
            continue
        p.role = HEADING if p.heading is not None else BODY
        p.part = current
        current.paragraphs.append(p)
    # A closing formula stranded inside the last part.
    if structure.parts:
        last = structure.parts[-1]
        while last.paragraphs and patterns.closing.match(last.paragraphs[-1].text):
            p = last.paragraphs.pop()
            p.role, p.part = CLOSING, None
            structure.closing.insert(0, p)

    structure.year, structure.year_evidence, structure.year_note = detect_year(
        structure, year, published, weak_clues=weak_year_clues)
    return structure


_COVER_MAX = 8  # paragraphs a covering letter may take, its recipient and date included


def _take_cover(content: list[Para], structure: Structure, patterns: StructurePatterns) -> int:
    """A department's covering letter above the report ("中共××市委、××市人民政府：" / "现将我局
    《…工作总结》随文上报。" / "特此报告。" / signature / date, then the report's title): its
    paragraphs are the letter's, its recipient the report's; returns where the report starts."""
    for i, p in enumerate(content[:_COVER_MAX]):
        if p.heading is not None and p.heading.level == 1:
            return 0
        if i == 0 or not patterns.closing.match(p.text):
            continue
        j = i + 1
        signature = None
        if j < len(content) and parse_date(content[j].text) is None and len(content[j].text) <= 40 \
                and not any(c in content[j].text for c in "。，,；;：:"):
            signature, j = content[j], j + 1
        if j + 1 >= len(content) or parse_date(content[j].text) is None:
            return 0
        after = content[j + 1]
        if after.heading is not None or not patterns.title_words.search(after.text):
            return 0
        letter = content[: j + 1]
        for q in letter:
            q.role = COVER
        if letter[0].text[-1] in "：:":
            letter[0].role = RECIPIENT
            structure.recipient = letter[0]
        if signature is not None:
            signature.role = SIGNATURE
        content[j].role = DATE
        structure.cover = letter
        return j + 1
    return 0


def _take_title(content: list[Para], structure: Structure, patterns: StructurePatterns) -> int:
    """Mark the title lines and the recipient; return the index of the first other paragraph."""
    pool: list[Para] = []
    # Twice the title's lines: a page's own heading may stand above the title it repeats.
    while len(pool) < len(content) and len(pool) < 2 * patterns.title_max_lines:
        p = content[len(pool)]
        t = p.text
        if p.heading is not None or len(t) > patterns.title_max_chars:
            break
        if any(c in t for c in "。；;") or t[-1] in "：:，,":
            break
        pool.append(p)
    repeat = _page_heading_lines(pool)
    repeat = _title_start(pool, repeat, patterns.title_max_lines)
    for p in pool[:repeat]:
        p.role = NOISE
    candidates = pool[repeat : repeat + patterns.title_max_lines]
    i = repeat + len(candidates)
    if candidates:
        centred = all(getattr(p.source, "alignment", None) == "center" for p in candidates)
        styled = any(patterns.title_style.search(p.style or "") for p in candidates)
        joined = "".join(p.text for p in candidates)
        if (patterns.title_words.search(joined) or centred or styled) and not _looks_like_part(joined, patterns):
            for p in candidates:
                p.role = TITLE
            structure.title_paragraphs = candidates
        else:
            i = repeat
    # Recipient: "区委、区政府：" right after the title.
    if i < len(content):
        p = content[i]
        t = p.text
        if len(t) <= 40 and t[-1] in "：:" and "。" not in t and p.heading is None and not _NOT_RECIPIENT.search(t):
            p.role = RECIPIENT
            structure.recipient = p
            i += 1
    return i


_NOT_RECIPIENT = re.compile(r"如下|现将|报告|情况")


_TITLE_END = re.compile(r"(?:报告|总结)$")
# a line above the title's last one that is still the title: it names the unit or the year
_TITLE_GOES_ON = re.compile(
    r"关于|\d{4}\s*年|法治|(?:政府|委员会|委|局|办|中心|街道|办事处|镇|乡|院|厅|部|所|站|公司|集团|大学|学院|学校)$")


def _title_start(lines: list[Para], start: int, max_lines: int) -> int:
    """Where the title starts when the page's own lines stand above it ("中国政府网 | …",
    "首页 政务公开 …", "基层政务公开"): the line ending in 报告/总结 and the lines above it that
    go on into it (a unit's name, 关于, a year), up to the title's lines; ``start`` when the
    title has no such end or is on top."""
    end = next((k for k in range(start, len(lines)) if _TITLE_END.search(lines[k].text)), None)
    if end is None or end == start:
        return start
    first = end
    while first > start and end - first + 1 < max_lines and "|" not in lines[first - 1].text \
            and _TITLE_GOES_ON.search(lines[first - 1].text):
        first -= 1
    return first


def _page_heading_lines(lines: list[Para]) -> int:
    """How many top lines are the web page's heading (with the site's name above it) repeating
    the title that follows: "××镇关于2025年度…报告" above "××镇" / "关于2025年…报告"."""
    def key(text: str) -> str:
        return re.sub(r"\s", "", text).replace("年度", "年")

    def joined(a: int, b: int) -> str:
        return key("".join(p.text for p in lines[a:b]))

    n = len(lines)
    # lines[i:j] the page's heading, lines[j:k] the title (each on one line or more; the title
    # may be followed by other short lines of the pool)
    for i in range(n):
        for j in range(i + 1, n):
            if any(joined(i, j) == joined(j, k) for k in range(j + 1, n + 1)):
                return j
    return 0


def _looks_like_part(text: str, patterns: StructurePatterns) -> bool:
    """A top line that names a part and is not itself a report title."""
    return "报告" not in text and bool(patterns.classify(text, strict=True))


def _take_end(content: list[Para], start: int, structure: Structure, patterns: StructurePatterns) -> int:
    """Mark date, signature and closing formula at the end; return the end of the parts."""
    end = len(content)
    if end > start:
        date = parse_date(content[end - 1].text)
        if date is not None or is_blank_date(content[end - 1].text):
            p = content[end - 1]
            p.role = DATE
            structure.date, structure.date_value = p, date
            end -= 1
            if end > start:
                s = content[end - 1]
                t = s.text
                if len(t) <= 40 and s.heading is None and not any(c in t for c in "。，,；;：:") and not patterns.closing.match(t):
                    s.role = SIGNATURE
                    structure.signature = s
                    end -= 1
    while end > start and patterns.closing.match(content[end - 1].text):
        p = content[end - 1]
        p.role = CLOSING
        structure.closing.insert(0, p)
        end -= 1
    return end


def _part_heading(p: Para, patterns: StructurePatterns, found: list[FoundPart]) -> FoundPart | None:
    h = p.heading
    if h is not None and h.level == 1:
        title = h.text
        kinds = patterns.classify(title)
        return FoundPart(
            kinds=kinds,
            heading=p,
            title=title,
            position=0,
            numbered=True,
            number=h.value,
            year=_first_year(title),
        )
    if h is not None:
        return None
    if not _heading_like(p, patterns):
        return None
    title = p.text.strip(SPACES)
    kinds = patterns.classify(title, strict=True)
    if not kinds:
        return None
    auto = bool(getattr(p.source, "auto_numbered", False))
    styled = bool(p.style and patterns.heading_style.search(p.style))
    if not (patterns.unnumbered_must.search(title) or auto or styled):
        return None
    # A short line naming a part already found is a sub-heading or a summary, not a new part.
    if any(set(kinds) & set(part.kinds) for part in found):
        return None
    return FoundPart(
        kinds=kinds,
        heading=p,
        title=title,
        position=0,
        numbered=False,
        auto_numbered=auto,
        year=_first_year(title),
    )


def _first_year(text: str) -> int | None:
    ys = years_in(text)
    return ys[0] if ys else None


def describe(structure: Structure, patterns: StructurePatterns | None = None) -> str:
    """A plain-text outline, for debugging and for the importer's preview."""
    patterns = patterns or structure_patterns()
    lines = [f"标题: {structure.title or '（无）'}", f"年度: {structure.year or '（未识别）'}"]
    if structure.recipient:
        lines.append(f"主送: {structure.recipient.text}")
    lines.append(f"开头: {len(structure.opening)}段")
    for part in structure.parts:
        num = chinese_number(part.number) + "、" if part.number else "（无序号）"
        kinds = "+".join(part.kinds) or "?"
        lines.append(f"{num}{part.title} [{kinds}] {len(part.paragraphs)}段")
        for p in part.headings:
            assert p.heading is not None
            lines.append("  " * p.heading.level + p.heading.marker + p.heading.text)
    if structure.closing:
        lines.append("结尾: " + " / ".join(p.text for p in structure.closing))
    if structure.signature:
        lines.append(f"落款: {structure.signature.text}")
    if structure.date:
        lines.append(f"日期: {structure.date.text}")
    if structure.ignored:
        lines.append(f"忽略网页行: {len(structure.ignored)}")
    return "\n".join(lines)
