"""Counts written in Chinese numerals: "全年召开会议四次", "开展联合演练三次".

One definition, check_rules.yaml's `chinese_count` (二 to 九十九 before a measure word of its
list; not 一, not 两, not an ordinal, a weekday or a fixed phrase such as 十件实事), serves
both readers of such a count:

- `drafter check` suggests writing it in digits (GB/T 15835; text.chinese_count, drafter.check.norms);
- it is a number a reader sees, so `drafter new` asks about one in the answers' texts as about
  one in digits (a figure, written in digits from then on, or a fixed wording), and the check
  warns of one carried unchanged from last year (`text_numbers`: these and those in digits).
  There a count in a title or a quotation (《…》, “…”) or in a rule ("每年两次", numbers.yaml's
  chinese_rule_before) is none of this year's.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable

from .literals import LiteralNumber

if TYPE_CHECKING:  # pragma: no cover
    from ..check.rules import CheckRules

_NUMERAL_COUNT = "(?P<num>[二三四五六七八九十]|[一二三四五六七八九]?十[一二三四五六七八九]?)"  # 二 … 九十九
_LAST_NUMERALS = "一二三四五六七八九十"  # the characters _NUMERAL_COUNT can end in


def count_source(rules: "CheckRules") -> str:
    """The regex of a count in Chinese numerals: its numeral (`num`) and measure word (`unit`)."""
    conf = rules["chinese_count"]
    units, not_before = "|".join(map(re.escape, conf["units"])), "|".join(map(re.escape, conf["not_before"]))
    return rf"(?<![{re.escape(conf['not_after'])}]){_NUMERAL_COUNT}(?P<unit>{units})(?!{not_before})"


def count_near_source(rules: "CheckRules") -> str:
    """What every count contains: its last numeral right before its unit (a quick test)."""
    return rf"[{_LAST_NUMERALS}](?:{'|'.join(map(re.escape, rules['chinese_count']['units']))})"


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    from ..check.rules import load_check_rules
    from ..datafile import load_data

    return re.compile(count_source(load_check_rules())), re.compile(load_data("numbers.yaml")["chinese_rule_before"])


def chinese_counts(text: str, fixed: Iterable[str] = ()) -> list[LiteralNumber]:
    """The counts of `text` written in Chinese numerals that state this year's numbers, in
    order, as `literal_numbers` gives those in digits (the label proposed the same way); left
    out: titles, quotations, rules, and the tokens the clerk confirmed as fixed (`fixed`)."""
    from ..text import parse_chinese_number
    from .literals import propose_label, protected_spans

    count, rule_before = _patterns()
    found = list(count.finditer(text))
    if not found:
        return []
    titles = protected_spans(text)
    fixed = set(fixed)
    out: list[LiteralNumber] = []
    for m in found:
        start, end = m.span()
        value = parse_chinese_number(m["num"])
        if value is None or m[0] in fixed or any(a < end and start < b for a, b in titles):
            continue
        if rule_before.search(text, 0, start):
            continue
        floor, previous = (out[-1].end, out[-1].label) if out else (0, "")
        out.append(LiteralNumber(start, end, m[0], value, m["unit"], False, propose_label(text, start, end, floor, previous)))
    return out


def text_numbers(text: str, fixed: Iterable[str] = ()) -> list[LiteralNumber]:
    """Every unbound number a reader sees in `text`, in order: those in digits
    (`literal_numbers`) and the counts in Chinese numerals."""
    from .literals import literal_numbers

    return sorted(literal_numbers(text, fixed) + chinese_counts(text, fixed))
