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
from ..punctuation import is_han


_WRITTEN_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?|[一二两三四五六七八九十百千万]+")  # digits, or a Chinese numeral


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
        digits = _WRITTEN_NUMBER.match(self.text)
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
    kept_trailing: tuple[str, ...]  # words whose last character is a trailing filler word ("行为")
    leading_year: re.Pattern[str]  # a year a label starts with ("2024年全年…")
    run_before: tuple[str, ...]  # "连续": a count of years or terms after it is a figure ("连续5年")
    run_units: frozenset[str]  # 年, 届: measure words only after a run word
    filler: frozenset[str]  # the trailing filler words: a label of one of them alone is no label ("近")
    list_end: tuple[str, ...]  # "…《条例》等6次集体学法": what is counted is named after the number
    noun_classifiers: frozenset[str]  # "31个村（社区）…": a measure word the thing counted follows


@lru_cache(maxsize=1)
def number_rules() -> NumberRules:
    from ..units import measure_words

    raw = load_data("numbers.yaml")
    words = measure_words()
    # dates are not figures; durations only in the words numbers.yaml names
    units = sorted({*words.counts, *words.other, *raw["duration_units"], *raw["run_units"], "%", "％"},
                   key=len, reverse=True)
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
        kept_trailing=tuple(raw["label_kept_trailing"]),
        leading_year=re.compile(raw["label_leading_year"]),
        run_before=tuple(raw["run_before"]),
        run_units=frozenset(raw["run_units"]),
        filler=frozenset(raw["label_strip_trailing"]),
        list_end=tuple(raw["label_list_end"]),
        noun_classifiers=frozenset(raw["label_noun_classifiers"]),
    )


def _by_char(words: list[str], at: int) -> dict[str, tuple[tuple[int, str], ...]]:
    """The words, longest first, numbered in that order and grouped by their first (at=0) or
    last (at=-1) character."""
    out: dict[str, list[tuple[int, str]]] = {}
    for number, word in enumerate(sorted(words, key=len, reverse=True)):
        out.setdefault(word[at], []).append((number, word))
    return {char: tuple(group) for char, group in out.items()}


def _strip(text: str, words: dict[str, tuple[tuple[int, str], ...]], at: int, kept: tuple[str, ...] = ()) -> str:
    """One pass over the words in their order, taking each off the start (at=0) or end (at=-1)
    of what is left while something stays; only words whose character is there are tried. An
    end that is one of the `kept` words stays ("纠正扬尘行为" keeps its 为)."""
    done = -1  # the words up to this number have had their turn
    while text:
        for number, word in words.get(text[at], ()):
            if number <= done:
                continue
            done = number
            if len(text) > len(word) and (text.startswith(word) if at == 0 else text.endswith(word)):
                if kept and text.endswith(kept):
                    break
                text = text[len(word):] if at == 0 else text[: -len(word)]
                break  # another character stands there now: the words of its group follow
        else:
            break  # every word of this character has had its turn
    return text


_DIGIT = re.compile(r"\d")
_new_tuple = tuple.__new__
_CLAUSE_BREAK = "，,。；;：:！？、（）()“”\n"
_CLAUSE_BREAKS = re.compile(f"[{re.escape(_CLAUSE_BREAK)}]")
_NOUN_END = re.compile(f"[{re.escape(_CLAUSE_BREAK.translate(str.maketrans('', '', '（）()')))}]")  # an aside stays in
_LAST_CLAUSE_BREAK = re.compile(f"[{re.escape(_CLAUSE_BREAK)}][^{re.escape(_CLAUSE_BREAK)}]*\\Z")
# Marks that close a quotation or an aside: a clause does not end there ("“拆牌破网”7600余平方米").
_CLOSING = {"”": "“", "）": "（", ")": "("}
_OPENING = set(_CLOSING.values())
_ASIDES = ("）", ")")  # an aside in brackets is left out of a label; a quotation's words stay
# Between two numbers of one thing counted twice ("2起3人次", "12场、800人次"): the second takes the first's label.
_SAME_THING = re.compile(r"[\s、]*\Z")


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
        digits, wan, approx, unit = m.groups()  # n, wan, approx, unit
        if not unit and not wan:
            continue  # a bare number: a year, a name (12345热线), a code
        start, end = m.span()
        run = unit in rules.run_units
        if run and (wan or not text[:start].rstrip().endswith(rules.run_before)):
            continue  # a year, a duration ("10年以上"): not a figure
        if protected is None:
            protected = protected_spans(text, rules)
        if protected and any(a < end and start < b for a, b in protected):
            continue
        if not run and text.endswith(rules.ordinal_before, 0, start):
            continue
        written = text[start:end]
        if written in fixed:
            continue
        digits = digits.replace(",", "")
        # tuple.__new__: a named tuple's own __new__ is a Python function, made per number
        out.append(_new_tuple(LiteralNumber, (start, end, written, float(digits) if "." in digits else int(digits),
                                              (wan or "") + (unit or ""), bool(approx),
                                              _label(rules, text, start, end, previous_end, out[-1].label if out else "",
                                                     run=run, bare=not unit))))
        previous_end = end
    return out


def protected_spans(text: str, rules: NumberRules | None = None) -> list[tuple[int, int]]:
    """Where `text` holds a name, a standard wording or a title (numbers.yaml's
    `literal_patterns`: 《…》, “…”, 7×24小时): no number there is a figure."""
    rules = rules or number_rules()
    patterns = rules.literal if rules.literal_words.search(text) else rules.literal_wordless
    return [m.span() for pattern in patterns for m in pattern.finditer(text)]


def propose_label(text: str, start: int, end: int, floor: int = 0, previous: str = "", *,
                  run: bool = False, bare: bool = False) -> str:
    """A name for the number at [start, end): the words before it in its clause (after `floor`,
    the end of the number before, whose label is `previous`), without filler ("全年共开展法治讲座"
    → "开展法治讲座"). A quotation's words are part of the clause, an aside in brackets is left
    out. When no words stand there: the number before's label where the two count one thing
    ("2起3人次"), else the words after the number, else the clause before. The number itself
    only when the text has no words at all.

    What is counted is named after the number when the words before it only list examples
    ("…《条例》等6次集体学法" → "集体学法") or are one filler word ("…竞赛，近30万人次参加" →
    "…竞赛参加"): the words after it then, a short one after the clause before. A count of years after a run word (`run`: "连续5年被评为…") and a
    number with no measure word (`bare`: "面向全国30万新录用公务员") are named by the words
    before and after it together ("连续被评为…", "面向全国新录用公务员"). Words after the number
    name it only when no other number stands among them."""
    return _label(number_rules(), text, start, end, floor, previous, run=run, bare=bare)


def _label(rules: NumberRules, text: str, start: int, end: int, floor: int, previous: str = "", *,
           run: bool = False, bare: bool = False) -> str:
    begin, before, listing = _clause(rules, text, floor, start)
    if text[end - 1:end] in rules.noun_classifiers and is_han(text[end:end + 1]):
        noun = _NOUN_END.split(text[end:], maxsplit=1)[0].strip()  # "村（社区）全部配备法律顾问"
        return (noun if listing or len(before) < 3 or before in rules.filler else before[-8:] + noun)[:16]
    if len(before) >= 2 and not (run or bare or listing or before in rules.filler):
        return before  # the words after the number are not read (the branches below that would)
    after = _CLAUSE_BREAKS.split(text[end:], maxsplit=1)[0].strip()
    named = len(after) >= 2 and not _DIGIT.search(after)  # "等9次发现问题28项": another count follows
    if (run or bare) and before and named:
        return (before[-8:] + after)[:16]
    if (listing or before in rules.filler) and named:
        if len(after) < 4 and begin > floor:  # "竞赛，近30万人次参加": what they took part in comes before
            return (_clause(rules, text, floor, begin)[1][-12:] + after)[:16]
        return after[:16]
    if len(before) >= 2:
        return before
    if previous and _SAME_THING.match(text, floor, start):
        return previous
    if len(before + after) >= 2:
        return (before + after)[:16]
    if previous:
        return previous
    earlier = _clause(rules, text, floor, begin)[1] if begin > floor else ""
    return earlier or before or text[start:end]  # the clause before: "……采集上报问题，55401件"


def _clause(rules: NumberRules, text: str, floor: int, start: int) -> tuple[int, str, bool]:
    """Where the clause before `start` begins (its break, or `floor`), its words without filler,
    and whether they end with a listing word ("等")."""
    last_break = _LAST_CLAUSE_BREAK.search(text, floor, start)
    if last_break is not None and text[last_break.start()] in _CLOSING:
        begin, before = _through_marks(text, floor, start)
    else:
        begin = last_break.start() if last_break else floor
        before = text[last_break.start() + 1 if last_break else floor : start]
    before = before.strip()
    return begin, _trim(rules, before)[-16:], before.endswith(rules.list_end)


def _through_marks(text: str, floor: int, start: int) -> tuple[int, str]:
    """The clause before `start` when a quotation or an aside closes right before it: back to a
    break outside them (or an opening mark the number stands inside); the quotation's words
    kept without their marks, the aside left out. Where it begins, and its words."""
    open_marks: list[str] = []
    kept: list[str] = []
    at = start
    while at > floor:
        char = text[at - 1]
        if char in _CLOSING:
            open_marks.append(char)
        elif char in _OPENING:
            if not open_marks:
                break
            open_marks.pop()
        elif char == "\n" or (not open_marks and char in _CLAUSE_BREAK):
            break
        elif not any(mark in _ASIDES for mark in open_marks):
            kept.append(char)
        at -= 1
    return max(at - 1, floor), "".join(reversed(kept))


def _trim(rules: NumberRules, before: str) -> str:
    """Filler off both ends, until neither end loses a word; a leading year ("2024年全年…") too."""
    leading, trailing = rules.strip_leading, rules.strip_trailing
    while before:
        was = len(before)
        if before[0].isdigit():
            year = rules.leading_year.match(before)
            if year and year.end() < len(before):
                before = before[year.end():].lstrip()
        if before and before[0] in leading:
            before = _strip(before, leading, 0)
        if before and before[-1] in trailing:
            before = _strip(before, trailing, -1, rules.kept_trailing)
        if len(before) == was:
            break
    return before
