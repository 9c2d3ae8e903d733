"""Counts written in Chinese numerals: "开展专项整治三次", "十余家单位参加".

A reader sees them as numbers, so a text carried from last year may repeat last year's; but a
Chinese numeral is as often part of a name ("三项制度", "两个确立"), so the import leaves them as
written (naming them for review). `drafter new` asks about each like a number typed in digits
(a figure, written in digits from then on, or a fixed wording), and `drafter check` warns of one
carried unchanged; what counts and what does not is templates/numbers.yaml's (chinese_*).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, NamedTuple

from .literals import LiteralNumber

_BARE_UNITS = {"百": 100, "千": 1000, "万": 10_000}  # "百余人": a numeral only with 余 or 多 after it


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
        token=re.compile(rf"(?<![{numerals}])(?P<n>[{numerals}]+)(?P<approx>余|多)?(?P<unit>{units})"),
        names=re.compile("|".join(map(re.escape, names))) if names else None,
        rule_before=re.compile(raw["chinese_rule_before"]),
        ordinal_before=tuple(raw["ordinal_before"]),
    )


def chinese_counts(text: str, fixed: Iterable[str] = ()) -> list[LiteralNumber]:
    """Every count of `text` written in Chinese numerals, in order, as `literal_numbers` gives a
    number in digits (its label proposed the same way); left out: "一", ordinals, the names of
    numbers.yaml, rules ("每年两次"), titles and quotations (《…》, “…”), and the tokens the
    clerk confirmed as fixed (`fixed`, as written)."""
    from ..text import parse_chinese_number
    from .literals import number_rules, propose_label

    rules = _rules()
    found = []
    for m in rules.token.finditer(text):
        value = parse_chinese_number(m["n"]) if m["n"] != "一" else None
        if value is None and m["approx"]:
            value = _BARE_UNITS.get(m["n"])
        if value is not None:
            found.append((m, value))
    if not found:
        return []
    kept = _spans(rules.names, text) + [span for pattern in number_rules().literal for span in _spans(pattern, text)]
    fixed = set(fixed)
    out: list[LiteralNumber] = []
    for m, value in found:
        start, end = m.span()
        if any(a < end and start < b for a, b in kept) or m[0] in fixed:
            continue
        if text.endswith(rules.ordinal_before, 0, start) or rules.rule_before.search(text, 0, start):
            continue
        floor, previous = (out[-1].end, out[-1].label) if out else (0, "")
        out.append(LiteralNumber(start, end, m[0], value, m["unit"], bool(m["approx"]),
                                 propose_label(text, start, end, floor, previous)))
    return out


def _spans(pattern, text: str) -> list[tuple[int, int]]:
    return [] if pattern is None else [m.span() for m in pattern.finditer(text)]
