"""Counts written in Chinese numerals: "开展专项整治三次", "十余家单位参加".

A reader sees them as numbers, so a text carried from last year may repeat last year's; but a
Chinese numeral is as often part of a name ("三项制度", "两个确立"), so they are never bound to
figures. `drafter check` asks about one carried unchanged (drafter.check.live_figures); what
counts and what does not is templates/numbers.yaml's (chinese_*).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, NamedTuple


class ChineseCount(NamedTuple):
    start: int
    end: int
    text: str  # as written: "三次", "十余家"


class _Rules(NamedTuple):
    token: re.Pattern[str]
    names: re.Pattern[str] | None
    rule_before: re.Pattern[str]
    ordinal_before: tuple[str, ...]


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    from ..datafile import load_data
    from ..units import measure_words

    raw = load_data("numbers.yaml")
    numerals = re.escape(raw["chinese_numerals"])
    units = measure_words().alternation(counts_only=True)
    names = raw["chinese_names"]
    return _Rules(
        token=re.compile(rf"(?<![{numerals}])(?P<n>[{numerals}]+)(?P<approx>余|多)?(?:{units})"),
        names=re.compile("|".join(map(re.escape, names))) if names else None,
        rule_before=re.compile(raw["chinese_rule_before"]),
        ordinal_before=tuple(raw["ordinal_before"]),
    )


def chinese_counts(text: str, fixed: Iterable[str] = ()) -> list[ChineseCount]:
    """Every count of `text` written in Chinese numerals, in order; left out: "一", ordinals,
    the names of numbers.yaml, rules ("每年两次"), titles and quotations (《…》, “…”), and the
    tokens the clerk confirmed as fixed (`fixed`, as written)."""
    from ..text import parse_chinese_number
    from .literals import number_rules

    rules = _rules()
    found = [m for m in rules.token.finditer(text) if m["n"] != "一" and (
        parse_chinese_number(m["n"]) is not None or (m["n"] in ("百", "千", "万") and m["approx"]))]  # 百余人
    if not found:
        return []
    kept = [(a, b) for a, b in _spans(rules.names, text)]
    kept += [span for pattern in number_rules().literal for span in _spans(pattern, text)]
    fixed = set(fixed)
    out = []
    for m in found:
        start, end = m.span()
        if any(a < end and start < b for a, b in kept) or m[0] in fixed:
            continue
        if text.endswith(rules.ordinal_before, 0, start) or rules.rule_before.search(text, 0, start):
            continue
        out.append(ChineseCount(start, end, m[0]))
    return out


def _spans(pattern, text: str) -> list[tuple[int, int]]:
    return [] if pattern is None else [m.span() for m in pattern.finditer(text)]
