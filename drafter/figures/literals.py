"""Numbers still typed as plain text: `literal_numbers(text)` finds every number followed by a
measure word ("59件", "400余人次", "15.6万元", "98%") that is not a reference, with a proposed
label and unit, so import can bind it, check can flag it and the questionnaire can offer it.

What is a figure and what is not is data: templates/numbers.yaml (measure words, ordinal
markers, the patterns of names and titles that stay literal).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, NamedTuple

from ..datafile import load_data
from ..lazy_pattern import LazyPattern, required_literal


class LiteralNumber(NamedTuple):  # a tuple: one is made for every number of every text checked
    start: int  # the number's span in the text (the measure word included)
    end: int
    text: str  # as written: "400余人次"
    value: int | float
    unit: str  # the measure word: "人次", "万元", "%"
    approximate: bool  # written with 余 or 多
    label: str  # a name proposed from the words before the number ("参加法治培训")

    @property
    def number_span(self) -> tuple[int, int]:
        """Where the digits (and a 余/多) stand, the part a reference replaces."""
        digits = re.match(r"\d[\d,]*(?:\.\d+)?", self.text)
        return self.start, self.start + (digits.end() if digits else 0)


@dataclass(frozen=True)
class NumberRules:
    token: re.Pattern[str]
    ordinal_before: tuple[str, ...]
    literal: tuple[LazyPattern, ...]  # most hold a word (《, 小时) a text must have to match
    literal_words: re.Pattern[str]  # any of those words: without one, only the patterns
    literal_wordless: tuple[LazyPattern, ...]  # that hold no such word are tried
    strip_leading: dict[str, tuple[tuple[int, str], ...]]  # see _by_char: by first character
    strip_trailing: dict[str, tuple[tuple[int, str], ...]]  # by last character


@lru_cache(maxsize=1)
def number_rules() -> NumberRules:
    from ..units import measure_words

    raw = load_data("numbers.yaml")
    words = measure_words()
    # dates are not figures; durations only in the words numbers.yaml names
    units = sorted({*words.counts, *words.other, *raw["duration_units"], "%", "％"}, key=len, reverse=True)
    token = re.compile(
        # a figure has at most 12 digits (a longer run is a code, an ID, or an attack on int());
        # "not after a digit, a point or a letter" is tested after the first digit, so that re
        # skips straight to the digits instead of trying the test at every character
        r"(?P<n>\d(?<![\d.,A-Za-z]\d)(?:\d{0,2}(?:,\d{3}){1,3}|\d{0,11}(?:\.\d{1,6})?))(?![\d.,])\s*(?P<wan>万|亿)?(?P<approx>余|多)?\s*(?P<unit>"
        + "|".join(map(re.escape, units)) + ")?"
    )
    # a text is tried with a pattern only when it has one of its words or characters (“《”, “小时”, “+”)
    literal = tuple(LazyPattern(p, anchor=required_literal(p, classes=True)) for p in raw["literal_patterns"])
    return NumberRules(
        token=token,
        ordinal_before=tuple(raw["ordinal_before"]),
        literal=literal,
        literal_words=re.compile("|".join(re.escape(word) for pattern in literal for word in pattern.anchor)),
        literal_wordless=tuple(pattern for pattern in literal if not pattern.anchor),
        strip_leading=_by_char(raw["label_strip_leading"], 0),
        strip_trailing=_by_char(raw["label_strip_trailing"], -1),
    )


def _by_char(words: list[str], at: int) -> dict[str, tuple[tuple[int, str], ...]]:
    """The words, longest first, numbered in that order and grouped by their first (at=0) or
    last (at=-1) character."""
    out: dict[str, list[tuple[int, str]]] = {}
    for number, word in enumerate(sorted(words, key=len, reverse=True)):
        out.setdefault(word[at], []).append((number, word))
    return {char: tuple(group) for char, group in out.items()}


def _strip(text: str, words: dict[str, tuple[tuple[int, str], ...]], at: int) -> str:
    """One pass over the words in their order, taking each off the start (at=0) or end (at=-1)
    of what is left while something stays; only words whose character is there are tried."""
    done = -1  # the words up to this number have had their turn
    while text:
        for number, word in words.get(text[at], ()):
            if number <= done:
                continue
            done = number
            if len(text) > len(word) and (text.startswith(word) if at == 0 else text.endswith(word)):
                text = text[len(word):] if at == 0 else text[: -len(word)]
                break  # another character stands there now: the words of its group follow
        else:
            break  # every word of this character has had its turn
    return text


_DIGIT = re.compile(r"\d")
_CLAUSE_BREAK = "，,。；;：:！？、（）()“”\n"
_CLAUSE_BREAKS = re.compile(f"[{re.escape(_CLAUSE_BREAK)}]")
_LAST_CLAUSE_BREAK = re.compile(f"[{re.escape(_CLAUSE_BREAK)}][^{re.escape(_CLAUSE_BREAK)}]*\\Z")


def literal_numbers(text: str, fixed: Iterable[str] = ()) -> list[LiteralNumber]:
    """Every unbound number + measure word of `text`, in order.

    Left out: ordinals (第3次), numbers inside names and titles (《…》, “…”, 7×24小时), and
    tokens the clerk confirmed as fixed (`fixed`, the answers file's `fixed_numbers`, compared
    as written: "24小时")."""
    if not _DIGIT.search(text):
        return []
    rules = number_rules()
    fixed = set(fixed)
    protected: list[tuple[int, int]] | None = None  # found when a number is
    out = []
    previous_end = 0
    for m in rules.token.finditer(text):
        digits, wan, approx, unit = m.group("n", "wan", "approx", "unit")
        if not unit and not wan:
            continue  # a bare number: a year, a name (12345热线), a code
        start, end = m.span()
        if protected is None:
            patterns = rules.literal if rules.literal_words.search(text) else rules.literal_wordless
            protected = [m.span() for pattern in patterns for m in pattern.finditer(text)]
        if protected and any(a < end and start < b for a, b in protected):
            continue
        if text.endswith(rules.ordinal_before, 0, start):
            continue
        written = text[start:end]
        if written in fixed:
            continue
        digits = digits.replace(",", "")
        out.append(LiteralNumber(start, end, written, float(digits) if "." in digits else int(digits),
                                 (wan or "") + (unit or ""), bool(approx), _label(rules, text, start, end, previous_end)))
        previous_end = end
    return out


def propose_label(text: str, start: int, end: int, floor: int = 0) -> str:
    """A name for the number at [start, end): the words before it in its clause (after `floor`,
    the end of the number before), without filler ("全年共开展法治讲座" → "开展法治讲座"); the
    words after it when nothing stands before."""
    return _label(number_rules(), text, start, end, floor)


def _label(rules: NumberRules, text: str, start: int, end: int, floor: int) -> str:
    last_break = _LAST_CLAUSE_BREAK.search(text, floor, start)
    before = text[last_break.start() + 1 if last_break else floor : start].strip()
    leading, trailing = rules.strip_leading, rules.strip_trailing
    while before:  # until neither end loses a word
        was = len(before)
        if before[0] in leading:
            before = _strip(before, leading, 0)
        if before and before[-1] in trailing:
            before = _strip(before, trailing, -1)
        if len(before) == was:
            break
    before = before[-16:]
    if len(before) >= 2:
        return before
    after = _CLAUSE_BREAKS.split(text[end:], maxsplit=1)[0]
    return (before + after)[:16] or text[start:end]
