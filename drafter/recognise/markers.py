"""Heading markers of GB/T 9704 (一、 → （一） → 1. → （1）), parsed as written, damage included."""

from __future__ import annotations

import re
from typing import NamedTuple

from ..text import chinese_number, parse_chinese_number

# Blanks around a paragraph or a marker, as Word and web pages leave them.
SPACES = " \t\r\n\u3000\u00a0\ufeff\u200b"

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
_NUMERALS = "一二三四五六七八九十"


class Heading(NamedTuple):  # a tuple: one is made for every heading of every text recognised
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
            return f"{chinese_number(self.value)}、"
        if self.level == 2:
            return f"（{chinese_number(self.value)}）"
        if self.level == 3:
            return f"{self.value}."
        return f"（{self.value}）"


def parse_heading(text: str) -> Heading | None:
    """Parse a paragraph's leading heading marker; None when it has none."""
    m, level = _marker(text)
    if not m:
        return None
    rest = text[m.end():].strip(SPACES)
    if not rest:
        return None
    num = m["num"]
    value = int(num) if level in (3, 4) else parse_chinese_number(num)
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
    marker = text[: m.end()].rstrip(SPACES)
    return Heading(level=level, value=value, marker=marker, text=title, body=body, problems=tuple(problems))


def marker_length(text: str) -> int:
    """How many leading characters of `text` are a heading marker as `parse_heading` reads
    it ("1，" and "(二)、" included); 0 when it has none."""
    m, _ = _marker(text)
    return m.end() if m else 0


def _marker(text: str) -> tuple[re.Match[str] | None, int]:
    """The leading marker and its level. Its first character says which it can be: a bracket
    （一） or （1） (tried in that order), 第 第一部分, a numeral 一、, a digit 1. (\\d is
    str.isdecimal)."""
    first = text[:1]
    if first and first in "（(":
        m = _L2.match(text)
        return (m, 2) if m else (_L4.match(text), 4)
    if first == "第":
        return _PART_WORD.match(text), 1
    if first and first in _NUMERALS:
        m = _L1.match(text)
        return (None if m and _NOT_L1.match(text) else m), 1
    if first.isdecimal():
        return _L3.match(text), 3
    return None, 0


# Where a heading's title ends and its run-in text begins: a full stop, or a colon before more text.
_RUN_IN = re.compile(r"[。！？!?]|[：:](?!\Z)")


def split_run_in(rest: str) -> tuple[str, str]:
    """Split "加强学习。组织开展…" into the heading's title and its run-in body text."""
    end = _RUN_IN.search(rest)
    if end:
        return rest[:end.start()].strip(SPACES), rest[end.start() + 1:].strip(SPACES)
    return rest.rstrip("。.；;，," + SPACES), ""
