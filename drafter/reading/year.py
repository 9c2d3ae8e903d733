"""The year a report is on, from the places that name it, and why.

Strong places: the title ("关于2024年度法治政府建设情况的报告"), the opening's first two
sentences ("2025年以来，…", "现将我局2024年…报告如下"), the headings of parts 1–3 (their
year) and the plans heading ("2026年工作安排" → 2025). Weak places, used only when no strong
one names a year: the date of writing (a date in January–June is the next year's; one in
October–December the same year's), the plans part's sentences ("2026年，我局将…"), and the
year most named in the body. A web page's publish date is only a hint: never used alone. A
date widget is page chrome and never a clue (drafter.reading.cleanup drops it).

Strong places that disagree are decided by majority, ties by the order above (the title
first); the reading says which place was used and which disagreed, in Chinese, for the
import's summary and the check.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable

from ..datafile import load_data

STRONG = ("title", "opening", "heading", "plans_heading")
WEAK = ("date", "plans", "body")
PLACE_NAMES = {
    "title": "标题",
    "opening": "开头",
    "heading": "部分标题",
    "plans_heading": "下一年度安排的标题",
    "date": "成文日期",
    "plans": "下一年度安排",
    "body": "正文",
    "published": "网页发布日期",
}

# Book titles, year ranges and full dates name years that are not the report's.
_NOT_YEARS = re.compile(
    r"《[^》]*》|<[^>]*>|\d{4}\s*(?:[-－—–~～至到]\s*\d{4}\s*年?|年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)"
)
# Four digits not after a digit (tested after the first, so that re skips straight to digits).
_YEAR = re.compile(r"(\d(?<!\d\d)\d{3})\s*年")
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class YearClue:
    place: str  # one of PLACE_NAMES
    year: int  # the report year this place implies
    text: str  # what it was read from
    kind: str | None = None  # the part, for a heading
    para: Any = field(default=None, compare=False)  # the paragraph, when the caller has one


@dataclass(frozen=True)
class YearReading:
    year: int | None
    used: YearClue | None
    clues: tuple[YearClue, ...]
    note: str = ""  # Chinese: which place was used and why, when places disagree or are weak

    @property
    def disagreeing(self) -> list[YearClue]:
        return [c for c in self.clues if c.place != "published" and c.year != self.year]


@lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[re.Pattern[str], ...], re.Pattern[str]]:
    data = load_data("reading.yaml")["year"]
    return tuple(re.compile(p) for p in data["opening"]), re.compile(data["plans"])


def plain_years(text: str) -> list[int]:
    """Years of a text as "2024年", book titles, ranges and dates left out."""
    if "年" not in text or not _DIGIT.search(text):
        return []  # taking book titles and dates out never adds a digit or a 年
    return [int(y) for y in _YEAR.findall(_NOT_YEARS.sub("", text)) if 1990 <= int(y) <= 2100]


def _first_sentences(paragraphs: Iterable[str], count: int = 2) -> str:
    text = "".join(paragraphs)
    parts = re.split(r"(?<=[。！？!?])", text)
    return "".join(parts[:count])


def opening_year(paragraphs: Iterable[str]) -> int | None:
    """The year the opening's first two sentences state ("2025年以来", "现将…2024年…")."""
    text = _NOT_YEARS.sub("", _first_sentences(paragraphs))
    best: tuple[int, int] | None = None
    for pattern in _patterns()[0]:
        m = pattern.search(text)
        if m and 1990 <= int(m["y"]) <= 2100 and (best is None or m.start() < best[0]):
            best = (m.start(), int(m["y"]))
    return best[1] if best else None


def clues_of(
    *,
    title: str | None = None,
    opening: Iterable[str] = (),
    headings: Iterable[tuple[tuple[str, ...], str]] = (),
    plans_text: Iterable[str] = (),
    body: Iterable[str] = (),
    written: dt.date | None = None,
    published: dt.date | None = None,
    paras: dict[str, Any] | None = None,
) -> list[YearClue]:
    """The clues of a report's places; ``headings`` are (part kinds, heading text); ``paras``
    maps "title", "opening", "date" and each heading text to its paragraph, when known."""
    paras = paras or {}
    clues: list[YearClue] = []
    if title:
        years = plain_years(title)
        if years:
            clues.append(YearClue("title", years[0], title, para=paras.get("title")))
    opening = list(opening)
    found = opening_year(opening)
    if found is not None:
        clues.append(YearClue("opening", found, _first_sentences(opening), para=paras.get("opening")))
    for kinds, text in headings:
        years = plain_years(text)
        if not years or not kinds:
            continue
        if tuple(kinds) == ("plans",):
            clues.append(YearClue("plans_heading", years[0] - 1, text, "plans", paras.get(text)))
        elif kinds[0] in ("measures", "shortcomings", "duty"):
            clues.append(YearClue("heading", min(years), text, kinds[0], paras.get(text)))
    if written is not None:
        clues.append(YearClue("date", written.year - 1 if written.month <= 6 else written.year, written.isoformat(),
                              para=paras.get("date")))
    plans_pattern = _patterns()[1]
    for text in plans_text:
        m = plans_pattern.search(_NOT_YEARS.sub("", text))
        if m and 1990 <= int(m["y"]) <= 2100:
            clues.append(YearClue("plans", int(m["y"]) - 1, m.group(0)))
            break
    counts = Counter(y for text in body for y in plain_years(text))
    if counts:
        ranked = counts.most_common(2)
        if len(ranked) == 1 or ranked[0][1] > ranked[1][1]:
            clues.append(YearClue("body", ranked[0][0], f"正文{ranked[0][1]}处"))
    if published is not None:
        clues.append(YearClue("published", published.year - 1 if published.month <= 6 else published.year, published.isoformat()))
    return clues


def read_year(clues: list[YearClue], given: int | None = None) -> YearReading:
    """Decide the year from the clues (``given``: the clerk's --year, which always wins)."""
    clues_t = tuple(clues)
    if given is not None:
        return YearReading(given, None, clues_t)
    for group in (STRONG, WEAK):
        usable = [c for c in clues if c.place in group]
        if not usable:
            continue
        counts = Counter(c.year for c in usable)
        best = max(counts.values())
        order = {place: n for n, place in enumerate(group)}
        used = min((c for c in usable if counts[c.year] == best), key=lambda c: order[c.place])
        return YearReading(used.year, used, clues_t, _note(used, clues, group is WEAK))
    published = next((c for c in clues if c.place == "published"), None)
    if published is not None:
        note = f"只有网页发布日期（{published.text}），不能据此确定报告年度"
        return YearReading(None, None, clues_t, note)
    return YearReading(None, None, clues_t)


def _note(used: YearClue, clues: list[YearClue], weak: bool) -> str:
    others = [c for c in clues if c.place != "published" and c.year != used.year]
    where = PLACE_NAMES[used.place]
    if not others and not weak:
        return ""
    if not others:
        return f"标题、开头和各部分标题都没有写年度，按{where}推断为{used.year}年"
    said = "；".join(f"{PLACE_NAMES[c.place]}为{c.year}年" for c in others[:3])
    basis = "较弱的线索" if weak else "多数线索"
    return f"报告年度按{where}取{used.year}年（{basis}）；{said}，请核对"


def reading_of(structure: Any, *, published: dt.date | None = None, given: int | None = None,
               body_clues: bool = True) -> YearReading:
    """The year reading of a recognised report (drafter.recognise.Structure). Without
    `body_clues`, the plans part's sentences and the body are not read for a year (see
    drafter.recognise.recognise)."""
    headings = []
    plans_text: list[str] = []
    body: list[str] = []
    paras: dict[str, Any] = {}
    for part in structure.parts:
        if part.heading is not None:
            headings.append((tuple(part.kinds), part.title))
            paras.setdefault(part.title, part.heading)
        if not body_clues:
            continue
        texts = [p.text for p in part.paragraphs]
        if part.kinds and part.kinds[0] == "plans":
            plans_text += texts
        elif part.kinds and part.kinds[0] in ("measures", "shortcomings", "duty"):
            body += texts
    if structure.title_paragraphs:
        paras["title"] = structure.title_paragraphs[0]
    if structure.opening:
        paras["opening"] = structure.opening[0]
    if structure.date is not None:
        paras["date"] = structure.date
    clues = clues_of(
        title=structure.title,
        opening=[p.text for p in structure.opening],
        headings=headings,
        plans_text=plans_text,
        body=body,
        written=structure.date_value,
        published=published,
        paras=paras,
    )
    return read_year(clues, given)
