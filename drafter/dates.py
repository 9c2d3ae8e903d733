"""Dates and years as Chinese texts write them: one parser for a report's date line, a date a
clerk types and the date of a composed draft."""

from __future__ import annotations

import datetime as dt
import re

from .text import parse_chinese_number

# 2025年2月28日, 2025-02-28, 2025/2/28, 2025.2.28 (and a typed "2025年2月28" or "2025-2-28日").
_DATE_ARABIC = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")
_DATE_CN = re.compile(r"^([〇零○Ｏ一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日$")
_YEAR = re.compile(r"(?<!\d)(\d{4})\s*年")
_BLANKS = re.compile(r"[\s\u3000\u00a0\ufeff\u200b]+")
# A date line left to fill in: "2026年　月　日", "2026年__月__日", "××××年×月×日" (drafter's own
# draft without a date of writing writes the first).
_DATE_BLANK = re.compile(r"^(?:\d{4}|[〇零○Ｏ一二三四五六七八九]{4}|[×Xx＿_]*)年[×Xx＿_]*月[×Xx＿_]*日$")


def parse_date(text: str) -> dt.date | None:
    """2025年2月28日 / 2025-02-28 / 二〇二五年二月二十八日 → date; None otherwise (also for a day
    that does not exist, such as 2月30日)."""
    t = _BLANKS.sub("", text)
    try:
        m = _DATE_ARABIC.match(t)
        if m:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        m = _DATE_CN.match(t)
        if m:
            y = parse_chinese_number(m[1])
            mo, d = parse_chinese_number(m[2]), parse_chinese_number(m[3])
            if y and mo and d:
                return dt.date(y, mo, d)
    except ValueError:
        return None
    return None


def is_blank_date(text: str) -> bool:
    """A date line with its month and day left blank (to be filled in before the report goes out)."""
    return bool(_DATE_BLANK.match(_BLANKS.sub("", text)))


def writing_window(written: dt.date, year: int) -> str | None:
    """Where the date of writing of a report on `year` stands: None in the usual window (after
    the year's end, by the first quarter of the next); "early" in the year's December (its
    figures may be incomplete); "late" after the next year's first quarter; "outside" before
    the year's December or after the next year."""
    if written < dt.date(year, 12, 1) or written > dt.date(year + 1, 12, 31):
        return "outside"
    if written.year == year:
        return "early"
    if written > dt.date(year + 1, 3, 31):
        return "late"
    return None


def years_in(text: str) -> list[int]:
    """Four-digit years written as "2024年" in a text."""
    return [int(y) for y in _YEAR.findall(text) if 1949 <= int(y) <= 2100]
