"""Recognise the structure of an annual 法治政府建设 report from its paragraphs.

One recogniser for `drafter check` and for the importer. Input is a sequence of paragraphs:
plain strings, or objects with a ``text`` attribute and optionally ``style`` (paragraph style
name), ``alignment`` ("center", …) and ``auto_numbered`` (Word numbering) — such as
:class:`drafter.textsource.SourceParagraph`. Output is a :class:`Structure`:

    title / recipient / opening / parts (kind, heading, paragraphs) / closing / signature / date

with every paragraph given a role, headings parsed into level and number, and the lines a web
page adds around a copied report ("您当前所在位置: 首页 > …", "扫一扫在手机打开当前页", …)
set aside. The wording that identifies the parts is data: ``templates/structure.yaml``.

    >>> s = recognise(["一、主要举措和成效", "做了很多工作。"])
    >>> s.kinds()
    ['measures']
"""

from __future__ import annotations

import datetime as _dt
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable, Sequence

from .datafile import load_data
from .parts import PartSpec, parts
from .text import chinese_number as int_to_chinese, parse_chinese_number as chinese_to_int

# Roles a paragraph can have.
TITLE = "title"
RECIPIENT = "recipient"
OPENING = "opening"
PART_HEADING = "part_heading"
HEADING = "heading"
BODY = "body"
CLOSING = "closing"
SIGNATURE = "signature"
DATE = "date"
NOISE = "noise"


CN_NUMERALS = "一二三四五六七八九十"
_SPACES = " \t\r\n\u3000\u00a0\ufeff\u200b"

# Heading markers, GB/T 9704: 一、 → （一） → 1. → （1）. Half-width and wrong separators are
# still recognised (and reported as problems) so that a damaged document keeps its structure.
_L1 = re.compile(r"^(?P<num>[一二三四五六七八九十]{1,3})(?P<sep>[、．.])\s*")
_L2 = re.compile(
    r"^(?P<open>[（(])\s*(?P<num>[一二三四五六七八九十]{1,3})\s*(?P<close>[)）])(?P<sep>[、，,．.]?)\s*"
)
_L3 = re.compile(r"^(?P<num>\d{1,2})(?P<sep>[.．、,，])(?![\d.．])\s*")
_L4 = re.compile(r"^(?P<open>[（(])\s*(?P<num>\d{1,2})\s*(?P<close>[)）])(?P<sep>[、，,．.]?)\s*")
# "第一部分 …" is a level-1 (part) number too.
_PART_WORD = re.compile(r"^第(?P<num>[一二三四五六七八九十]{1,3})部分(?P<sep>[、：:．.\s]*)")
# "一、二季度", "一、二、三级" are not headings.
_NOT_L1 = re.compile(r"^[一二三四五六七八九十][、.．][一二三四五六七八九十](、|季度|月|级|类|等)")

_DATE_ARABIC = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
_DATE_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")
_DATE_CN = re.compile(r"^([〇零○Ｏ一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日$")
_YEAR = re.compile(r"(?<!\d)(\d{4})\s*年")


# --------------------------------------------------------------------------------------------
# Data


@dataclass(frozen=True)
class Heading:
    """A numbered heading: ``（二）健全执法机制。正文…`` → level 2, value 2."""

    level: int  # 1 一、  2 （一）  3 1.  4 （1）
    value: int  # the ordinal: 2 for 二 / （二） / 2. / （2）
    marker: str  # the marker as written, e.g. "(二)" or "1、"
    text: str  # the heading's title, without marker and without run-in body text
    body: str = ""  # run-in text after the title ("(一)加强学习。组织…" → "组织…")
    problems: tuple[str, ...] = ()  # "halfwidth", "extra_sep", "dunhao_after_arabic", "dot_after_chinese"

    @property
    def canonical_marker(self) -> str:
        """The marker as GB/T 9704 writes it."""
        if self.level == 1:
            return f"{int_to_chinese(self.value)}、"
        if self.level == 2:
            return f"（{int_to_chinese(self.value)}）"
        if self.level == 3:
            return f"{self.value}."
        return f"（{self.value}）"


@dataclass(eq=False)
class Para:
    """One non-blank input paragraph with its role in the report."""

    number: int  # 1-based position among the non-blank input paragraphs (noise included)
    index: int  # position in the input sequence
    text: str  # the paragraph text, outer whitespace removed
    role: str = BODY
    heading: Heading | None = None
    part: Part | None = field(default=None, repr=False)
    source: Any = field(default=None, repr=False)  # the input object

    @property
    def style(self) -> str | None:
        return getattr(self.source, "style", None)


@dataclass(eq=False)
class Part:
    """A part of the report: its heading and everything up to the next part heading."""

    kinds: tuple[str, ...]  # usually one kind; () when the heading names no known part
    heading: Para | None
    title: str  # heading text without its number
    position: int  # 1-based slot among the parts
    numbered: bool  # the heading carries a literal "一、" number
    number: int | None = None  # the literal number's value
    auto_numbered: bool = False  # Word numbering supplies the number (no literal text)
    year: int | None = None  # a year named in the heading
    paragraphs: list[Para] = field(default_factory=list, repr=False)

    @property
    def kind(self) -> str | None:
        return self.kinds[0] if self.kinds else None

    @property
    def body(self) -> list[Para]:
        """Paragraphs of running text (sub-headings excluded)."""
        return [p for p in self.paragraphs if p.role == BODY]

    @property
    def headings(self) -> list[Para]:
        return [p for p in self.paragraphs if p.role == HEADING]

    @property
    def is_empty(self) -> bool:
        """No running text at all: neither a paragraph nor a heading's run-in text."""
        if self.heading is not None and self.heading.heading and self.heading.heading.body:
            return False
        for p in self.paragraphs:
            if p.role == BODY or (p.heading is not None and p.heading.body):
                return False
        return True


@dataclass(eq=False)
class Structure:
    """The recognised report."""

    paragraphs: list[Para]  # all non-blank paragraphs, in order
    title_paragraphs: list[Para] = field(default_factory=list)
    recipient: Para | None = None
    opening: list[Para] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)
    closing: list[Para] = field(default_factory=list)
    signature: Para | None = None
    date: Para | None = None
    date_value: _dt.date | None = None
    metadata: dict[str, str] = field(default_factory=dict)  # from web-page header rows
    year: int | None = None  # the year reported on
    # (where, year it implies, paragraph): where is "title", "opening", "heading:<kind>",
    # "date", "body" (the year most named in parts 1–3) or "published" (web-page date)
    year_evidence: list[tuple[str, int, Para | None]] = field(default_factory=list)

    @property
    def title(self) -> str | None:
        if not self.title_paragraphs:
            return None
        return "".join(p.text for p in self.title_paragraphs)

    @property
    def ignored(self) -> list[Para]:
        return [p for p in self.paragraphs if p.role == NOISE]

    @property
    def content(self) -> list[Para]:
        """Paragraphs that belong to the report (web-page lines left out)."""
        return [p for p in self.paragraphs if p.role != NOISE]

    @property
    def headings(self) -> list[Para]:
        return [p for p in self.paragraphs if p.heading is not None]

    def kinds(self) -> list[str]:
        """Part kinds in the order found, each once."""
        seen: list[str] = []
        for part in self.parts:
            for k in part.kinds:
                if k not in seen:
                    seen.append(k)
        return seen

    def part(self, kind: str) -> Part | None:
        for p in self.parts:
            if kind in p.kinds:
                return p
        return None


# --------------------------------------------------------------------------------------------
# Rules (templates/structure.yaml)


@dataclass(frozen=True)
class PartRule:
    """A part of the report (templates/parts.yaml) with its recogniser words compiled."""

    spec: PartSpec
    patterns: tuple[re.Pattern[str], ...]
    strict: tuple[re.Pattern[str], ...]

    @property
    def key(self) -> str:
        return self.spec.key

    @property
    def label(self) -> str:
        return self.spec.label

    @property
    def mandatory(self) -> bool:
        return self.spec.mandatory

    @property
    def exclusive(self) -> bool:
        return self.spec.exclusive

    def suggested_heading(self, year: int | None) -> str:
        return self.spec.suggested_heading(year)


@dataclass(frozen=True)
class StructureRules:
    parts: dict[str, PartRule]
    match_order: tuple[str, ...]
    accepted_orders: tuple[tuple[str, ...], ...]
    variant_orders: tuple[tuple[str, ...], ...]
    unnumbered_max_chars: int
    unnumbered_must: re.Pattern[str]
    noise_max_chars: int
    noise: tuple[re.Pattern[str], ...]
    metadata: re.Pattern[str]
    title_max_lines: int
    title_max_chars: int
    title_words: re.Pattern[str]
    closing: re.Pattern[str]
    heading_style: re.Pattern[str]
    title_style: re.Pattern[str]

    def label(self, kind: str | None) -> str:
        if kind is None:
            return "未识别的部分"
        rule = self.parts.get(kind)
        return rule.label if rule else kind

    def classify(self, heading_text: str, *, strict: bool = False) -> tuple[str, ...]:
        """The part kinds a heading (without its number) names; () for none.

        ``strict`` uses the stricter patterns meant for a heading that has lost its number.
        """
        found: list[str] = []
        for key in self.match_order:
            rule = self.parts[key]
            patterns = rule.strict if strict else rule.patterns
            if any(p.search(heading_text) for p in patterns):
                if rule.exclusive:
                    return (key,)
                found.append(key)
        return tuple(found)


@lru_cache(maxsize=None)
def load_rules() -> StructureRules:
    """Read the structure rules: templates/parts.yaml for the parts, structure.yaml for the rest."""
    data = load_data("structure.yaml")
    known = parts()
    rules = {
        key: PartRule(
            spec=spec,
            patterns=tuple(re.compile(p) for p in spec.patterns),
            strict=tuple(re.compile(p) for p in spec.strict),
        )
        for key, spec in known.specs.items()
    }
    return StructureRules(
        parts=rules,
        match_order=known.match_order,
        accepted_orders=tuple(order.keys for order in known.accepted_orders),
        variant_orders=known.variant_orders,
        unnumbered_max_chars=int(data["unnumbered_heading"]["max_chars"]),
        unnumbered_must=re.compile(data["unnumbered_heading"]["must_contain"]),
        noise_max_chars=int(data["noise"]["max_chars"]),
        noise=tuple(re.compile(p) for p in data["noise"]["patterns"]),
        metadata=re.compile(data["metadata_pattern"]),
        title_max_lines=int(data["title"]["max_lines"]),
        title_max_chars=int(data["title"]["max_chars"]),
        title_words=re.compile(data["title"]["words"]),
        closing=re.compile(data["closing"]),
        heading_style=re.compile(data["styles"]["heading"], re.I),
        title_style=re.compile(data["styles"]["title"], re.I),
    )


# --------------------------------------------------------------------------------------------
# Numbers


def parse_heading(text: str) -> Heading | None:
    """Parse a paragraph's leading heading marker; None when it has none."""
    m = _L2.match(text)
    level = 2
    if not m:
        m, level = _PART_WORD.match(text), 1
    if not m:
        m, level = _L4.match(text), 4
    if not m:
        m, level = _L1.match(text), 1
        if m and _NOT_L1.match(text):
            m = None
    if not m:
        m, level = _L3.match(text), 3
    if not m:
        return None
    rest = text[m.end():].strip(_SPACES)
    if not rest:
        return None
    num = m["num"]
    value = int(num) if level in (3, 4) else chinese_to_int(num)
    if not value:
        return None
    problems: list[str] = []
    sep = m["sep"]
    if level in (2, 4):
        if m["open"] == "(" or m["close"] == ")":
            problems.append("halfwidth")
        if sep:
            problems.append("extra_sep")
    elif level == 1 and sep and sep in ".．":
        problems.append("dot_after_chinese")
    elif level == 3 and sep in "、,，":
        problems.append("dunhao_after_arabic")
    title, body = split_run_in(rest)
    marker = text[: m.end()].rstrip(_SPACES)
    return Heading(level=level, value=value, marker=marker, text=title, body=body, problems=tuple(problems))


def split_run_in(rest: str) -> tuple[str, str]:
    """Split "加强学习。组织开展…" into the heading's title and its run-in body text."""
    for i, ch in enumerate(rest):
        if ch in "。！？!?" or (ch in "：:" and i < len(rest) - 1):
            title = rest[:i].strip(_SPACES)
            body = rest[i + 1:].strip(_SPACES)
            return title, body
    return rest.rstrip("。.；;，," + _SPACES), ""


def parse_date(text: str) -> _dt.date | None:
    """2025年2月28日 / 2025-02-28 / 二〇二五年二月二十八日 → date; None otherwise."""
    t = text.strip(_SPACES).replace(" ", "")
    m = _DATE_ARABIC.match(t) or _DATE_ISO.match(t)
    try:
        if m:
            return _dt.date(int(m[1]), int(m[2]), int(m[3]))
        m = _DATE_CN.match(t)
        if m:
            y = chinese_to_int(m[1])
            mo, d = chinese_to_int(m[2]), chinese_to_int(m[3])
            if y and mo and d:
                return _dt.date(y, mo, d)
    except ValueError:
        return None
    return None


def years_in(text: str) -> list[int]:
    """Four-digit years written as "2024年" in a text."""
    return [int(y) for y in _YEAR.findall(text) if 1949 <= int(y) <= 2100]


# --------------------------------------------------------------------------------------------
# The recogniser


def _text_of(item: Any) -> str:
    if isinstance(item, str):
        return item
    return str(getattr(item, "text", "") or "")


def _is_noise(text: str, rules: StructureRules) -> bool:
    if len(text) > rules.noise_max_chars:
        return False
    return any(p.search(text) for p in rules.noise)


def _heading_like(para: Para, rules: StructureRules) -> bool:
    """Short, no full stop inside, not ending like a clause: could stand as a heading."""
    t = para.text
    style = para.style or ""
    if style and rules.heading_style.search(style):
        return True
    if len(t) > rules.unnumbered_max_chars:
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
    rules: StructureRules | None = None,
) -> Structure:
    """Recognise title, opening, parts, closing, signature and date.

    ``year`` overrides the report year found in the text (an answers file knows it).
    """
    rules = rules or load_rules()
    paras: list[Para] = []
    for index, item in enumerate(paragraphs):
        text = _text_of(item).strip(_SPACES)
        if not text:
            continue
        paras.append(Para(number=len(paras) + 1, index=index, text=text, source=item))
    structure = Structure(paragraphs=paras)

    # Web-page lines, and the metadata their table-ish header rows carry.
    for p in paras:
        if _is_noise(p.text, rules):
            p.role = NOISE
            for key, value in rules.metadata.findall(p.text + "|"):
                if value:
                    structure.metadata.setdefault(key, value)
    content = [p for p in paras if p.role != NOISE]
    for p in content:
        p.heading = parse_heading(p.text)

    # Title (and recipient) at the top.
    start = _take_title(content, structure, rules)
    # Closing formula, signature and date at the end.
    end = _take_end(content, start, structure, rules)

    # Parts.
    current: Part | None = None
    for p in content[start:end]:
        part = _part_heading(p, rules, structure.parts)
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
        while last.paragraphs and rules.closing.match(last.paragraphs[-1].text):
            p = last.paragraphs.pop()
            p.role, p.part = CLOSING, None
            structure.closing.insert(0, p)

    structure.year, structure.year_evidence = _detect_year(structure, year)
    return structure


def _take_title(content: list[Para], structure: Structure, rules: StructureRules) -> int:
    """Mark the title lines and the recipient; return the index of the first other paragraph."""
    i = 0
    candidates: list[Para] = []
    while i < len(content) and len(candidates) < rules.title_max_lines:
        p = content[i]
        t = p.text
        if p.heading is not None or len(t) > rules.title_max_chars:
            break
        if any(c in t for c in "。；;") or t[-1] in "：:，,":
            break
        candidates.append(p)
        i += 1
    if candidates:
        centred = all(getattr(p.source, "alignment", None) == "center" for p in candidates)
        styled = any(rules.title_style.search(p.style or "") for p in candidates)
        joined = "".join(p.text for p in candidates)
        if (rules.title_words.search(joined) or centred or styled) and not _looks_like_part(joined, rules):
            for p in candidates:
                p.role = TITLE
            structure.title_paragraphs = candidates
        else:
            i = 0
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


def _looks_like_part(text: str, rules: StructureRules) -> bool:
    """A top line that names a part and is not itself a report title."""
    return "报告" not in text and bool(rules.classify(text, strict=True))


def _take_end(content: list[Para], start: int, structure: Structure, rules: StructureRules) -> int:
    """Mark date, signature and closing formula at the end; return the end of the parts."""
    end = len(content)
    if end > start:
        date = parse_date(content[end - 1].text)
        if date is not None:
            p = content[end - 1]
            p.role = DATE
            structure.date, structure.date_value = p, date
            end -= 1
            if end > start:
                s = content[end - 1]
                t = s.text
                if len(t) <= 40 and s.heading is None and not any(c in t for c in "。，,；;：:") and not rules.closing.match(t):
                    s.role = SIGNATURE
                    structure.signature = s
                    end -= 1
    while end > start and rules.closing.match(content[end - 1].text):
        p = content[end - 1]
        p.role = CLOSING
        structure.closing.insert(0, p)
        end -= 1
    return end


def _part_heading(p: Para, rules: StructureRules, found: list[Part]) -> Part | None:
    h = p.heading
    if h is not None and h.level == 1:
        title = h.text
        kinds = rules.classify(title)
        return Part(
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
    if not _heading_like(p, rules):
        return None
    title = p.text.strip(_SPACES)
    kinds = rules.classify(title, strict=True)
    if not kinds:
        return None
    auto = bool(getattr(p.source, "auto_numbered", False))
    styled = bool(p.style and rules.heading_style.search(p.style))
    if not (rules.unnumbered_must.search(title) or auto or styled):
        return None
    # A short line naming a part already found is a sub-heading or a summary, not a new part.
    if any(set(kinds) & set(part.kinds) for part in found):
        return None
    return Part(
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


_OPENING_YEAR = re.compile(r"现将[^。]{0,12}?(\d{4})\s*年")
_QUOTED = re.compile(r"《[^》]*》|\d{4}\s*[-－—–~～至到]\s*\d{4}")
_PUBLISHED = re.compile(r"(?:发文日期|发布日期|发布时间|成文日期|时间|日期)\s*[:：|\s]*\s*(\d{4})[-/.年]")


def _body_year(structure: Structure) -> tuple[int, Para] | None:
    """The year most often named in parts 1–3 (book titles and ranges left out)."""
    counts: Counter = Counter()
    first: dict[int, Para] = {}
    for part in structure.parts:
        if part.kind not in ("measures", "shortcomings", "duty"):
            continue
        for p in part.paragraphs:
            for y in years_in(_QUOTED.sub("", p.text)):
                counts[y] += 1
                first.setdefault(y, p)
    if not counts:
        return None
    (y, n), *rest = counts.most_common(2) + [(None, 0)]
    if rest and rest[0][1] == n:  # no clear majority
        return None
    return y, first[y]


def _detect_year(structure: Structure, given: int | None) -> tuple[int | None, list[tuple[str, int, Para | None]]]:
    """The year reported on, by vote of the places that name it.

    Evidence (each one vote, in this order of precedence for ties): the title, the opening's
    "现将2024年…报告如下", the headings of parts 1–3 (the year itself), the plans heading
    (year + 1), the date (year + 1: reports are written in the first quarter), the year most
    named in parts 1–3, and a web page's publication date (year + 1).
    """
    evidence: list[tuple[str, int, Para | None]] = []
    if structure.title:
        ys = years_in(structure.title)
        if ys:
            evidence.append(("title", ys[0], structure.title_paragraphs[0]))
    for p in structure.opening[:2]:
        m = _OPENING_YEAR.search(p.text)
        if m:
            evidence.append(("opening", int(m[1]), p))
            break
    for part in structure.parts:
        if part.year is None:
            continue
        if part.kind == "plans":
            evidence.append(("heading:plans", part.year - 1, part.heading))
        elif part.kind in ("measures", "shortcomings", "duty"):
            evidence.append((f"heading:{part.kind}", part.year, part.heading))
    if structure.date_value is not None:
        evidence.append(("date", structure.date_value.year - 1, structure.date))
    body = _body_year(structure)
    if body is not None:
        evidence.append(("body", body[0], body[1]))
    published = None
    for p in structure.ignored:
        m = _PUBLISHED.search(p.text)
        if m:
            published = int(m[1]) - 1
            break
    if published is not None:
        evidence.append(("published", published, None))
    if given is not None:
        return given, evidence
    if not evidence:
        return None, evidence
    counts = Counter(y for _, y, _ in evidence)
    best = max(counts.values())
    for _, y, _ in evidence:  # ties: the first place wins
        if counts[y] == best:
            return y, evidence
    return None, evidence  # pragma: no cover


def describe(structure: Structure, rules: StructureRules | None = None) -> str:
    """A plain-text outline, for debugging and for the importer's preview."""
    rules = rules or load_rules()
    lines = [f"标题: {structure.title or '（无）'}", f"年度: {structure.year or '（未识别）'}"]
    if structure.recipient:
        lines.append(f"主送: {structure.recipient.text}")
    lines.append(f"开头: {len(structure.opening)}段")
    for part in structure.parts:
        num = int_to_chinese(part.number) + "、" if part.number else "（无序号）"
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
