"""Rule 3: text norms (GB/T 15834 punctuation, GB/T 15835 numbers).

- half-width punctuation in Chinese text, reported ONCE per document with a count; the
  automatic fix is :func:`drafter.punctuation.fix_halfwidth` (the importer uses it);
- 余/多/左右 after an exact figure ("3余次", "15余份"); accepted after a round figure ending
  in 0 ("100余人次", "480余人次") or after 万/亿 ("10万余"): 余 means "a little over", which
  only makes sense after a round number. 左右 is checked only after counts (次, 件, 人 …);
- 约 together with 余/多/左右;
- two-digit years ("24年度");
- 截止 where 截至 is meant (截止 directly followed by a point in time);
- a rate above 100% ("…率120%"; growth such as "增长150%" is fine);
- repeated sentences.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from typing import Callable

from drafter.check.context import DOCUMENT_WIDE, INTEGER, NUMBER, CheckDocument, Gate, LastBefore
from drafter.check.rules import CheckRules
from drafter.figures.chinese_counts import count_near_source, count_source
from drafter.lazy_pattern import LazyPattern
from drafter.punctuation import halfwidth_marks, holds_halfwidth_mark
from drafter.recognise import HEADING, PART_HEADING, Para
from drafter.sentences import CLOSERS, SENTENCE_END, sentence_spans
from drafter.units import measure_words

_PERCENT = rf"{NUMBER}\s*[%％]"


@dataclass(frozen=True)
class _Patterns:
    """The rule's patterns, built once per rule set. Each skips a paragraph without the word
    every match contains (a LazyPattern: 截止, 今年, 左右 …; for a class of characters such as
    余/多 or %/％, the characters are given)."""

    approx: LazyPattern
    approx_about: LazyPattern
    approx_redundant: LazyPattern
    short_year: LazyPattern
    jiezhi: LazyPattern
    this_year: LazyPattern
    chinese_count: LazyPattern
    chinese_count_near: re.Pattern[str]  # what every count contains: its last numeral and its unit
    percent: LazyPattern
    rate_word: re.Pattern[str]
    growth_words: re.Pattern[str]

    @classmethod
    def of(cls, rules: CheckRules) -> _Patterns:
        approx = _approx_sources(rules)
        short_year = rules["short_year"]["followed_by"]
        return cls(
            approx=LazyPattern(approx["approx"], anchor=tuple(rules["approx"]["words"])),
            approx_about=LazyPattern(approx["approx.about"]),
            approx_redundant=LazyPattern(approx["approx.redundant"]),
            # two digits not after a digit, a point, - / or 年 (tested after the first, as in NUMBER)
            short_year=LazyPattern(rf"(\d(?<![\d.\-/年]\d)\d)\s*年(?={short_year})"),
            jiezhi=LazyPattern(rules["jiezhi"]),
            this_year=LazyPattern(rules["this_year"]),
            chinese_count=LazyPattern(count_source(rules), anchor=()),
            chinese_count_near=re.compile(count_near_source(rules)),
            percent=LazyPattern(_PERCENT, anchor=("%", "％")),
            rate_word=re.compile(rules["percent"]["rate_word"]),
            growth_words=re.compile(rules["percent"]["growth_words"]),
        )

    @cached_property
    def this_year_gate(self) -> Gate:
        return Gate(self.this_year)

    @cached_property
    def short_year_gate(self) -> Gate:
        return Gate(self.short_year)

    @cached_property
    def gated(self) -> tuple[tuple[Callable[[CheckDocument, Para, _Patterns], None], Gate], ...]:
        """(check, the paragraphs it could find something in): each check runs on those only."""
        return (
            (_check_approx, Gate(self.approx, self.approx_about, self.approx_redundant)),
            (_check_jiezhi, Gate(self.jiezhi)),
            (_check_chinese_counts, Gate(self.chinese_count, found_in_each=self.chinese_count_near)),
            (_check_percent, Gate(self.percent)),
        )


def _patterns(rules: CheckRules) -> _Patterns:
    return rules.compiled("norms", lambda: _Patterns.of(rules))

# ---------------------------------------------------------------------------------------------
# Half-width punctuation

_NAMES = {",": "逗号", ";": "分号", ":": "冒号", "?": "问号", "!": "叹号", "(": "括号", ")": "括号", '"': "引号", "<": "书名号", ">": "书名号"}


def _check_halfwidth(doc: CheckDocument) -> None:
    if not holds_halfwidth_mark("\n".join(p.text for p in doc.content)):
        return  # most documents
    total = 0
    by_name: dict[str, int] = {}
    first: tuple[Para, int] | None = None
    for p in doc.content:
        skip = 0
        if p.heading is not None and "halfwidth" in p.heading.problems:
            skip = len(p.heading.marker)
        marks = halfwidth_marks(p.text, skip)
        if not marks:
            continue
        if first is None:
            first = (p, marks[0][0])
        total += len(marks)
        for _, c in marks:
            by_name[_NAMES[c]] = by_name.get(_NAMES[c], 0) + 1
    if first is None:
        return
    breakdown = "、".join(f"{name}{count}处" for name, count in sorted(by_name.items(), key=lambda kv: -kv[1]))
    para, pos = first
    doc.add("text.halfwidth_punct", para, start=pos, end=pos + 1, part=DOCUMENT_WIDE, count=total, breakdown=breakdown)


# ---------------------------------------------------------------------------------------------
# Figures written as words


def _is_round(number: str) -> bool:
    return "." not in number and number.endswith("0")


def _approx_sources(rules) -> dict[str, str]:
    units = rules.unit_re
    count_units = measure_words().alternation(counts_only=True)
    words = "".join(rules["approx"]["words"])
    return {
        "approx": rf"{NUMBER}\s*(万|亿|千|百)?\s*([{words}])(?!元化|元解|元调|元共|元参)\s*({units})",
        "approx.about": rf"{INTEGER}\s*({count_units})\s*左右",
        "approx.redundant": rf"约\s*\d+(?:\.\d+)?\s*(?:万|亿)?\s*(?:([{words}])|(?:{units})\s*(左右))",
    }


def _check_approx(doc: CheckDocument, p: Para, patterns: _Patterns) -> None:
    text = p.text
    for m in patterns.approx.finditer(text):
        number, magnitude, word, unit = m.group(1), m.group(2), m.group(3), m.group(4)
        # "10万余", "100余人次" and "5余万元" (5万, a round figure in 万) are accepted
        if magnitude or _is_round(number) or unit[0] in "万亿千百":
            continue
        _report_approx(doc, p, m, number, word, unit)
    for m in patterns.approx_about.finditer(text):
        if not _is_round(m.group(1)):
            _report_approx(doc, p, m, m.group(1), "左右", m.group(2))
    for m in patterns.approx_redundant.finditer(text):
        doc.add("text.approx_redundant", p, start=m.start(), end=m.end(), text=m.group(0), word=m.group(1) or m.group(2))


def _report_approx(doc: CheckDocument, p: Para, m: re.Match, number: str, word: str, unit: str) -> None:
    alternative = ""
    if "." not in number and len(number) <= 15 and int(number) >= 10:
        rounded = int(number) // 10 * 10
        alternative = doc.rules["approx"]["alternative"].format(rounded=rounded, word=word if word != "左右" else "余", unit=unit)
    doc.add(
        "text.approx_after_exact",
        p,
        start=m.start(),
        end=m.end(),
        text=m.group(0),
        word=word,
        number=number,
        unit=unit,
        alternative=alternative,
    )


def _check_short_year(doc: CheckDocument, patterns: _Patterns) -> None:
    """Two-digit years near the report's (the window read once for the document)."""
    conf = doc.rules["short_year"]
    year = doc.year
    if year:
        lo, hi = year % 100 - int(conf["window_before"]), year % 100 + int(conf["window_after"])
    else:
        lo, hi = 15, 35
    century = (year // 100 * 100) if year else 2000
    finditer = patterns.short_year.compiled.finditer  # the gate tried its word
    for p in patterns.short_year_gate.paragraphs(doc.content):
        for m in finditer(p.text):
            yy = int(m.group(1))
            if lo <= yy <= hi:
                doc.add("text.short_year", p, start=m.start(), end=m.end() + 1, text=m.group(0), full=f"{century + yy}年")


def _check_jiezhi(doc: CheckDocument, p: Para, patterns: _Patterns) -> None:
    for m in patterns.jiezhi.finditer(p.text):
        end = min(len(p.text), m.end() + 8)
        cut = re.search(r"[，,。；;、]", p.text[m.end():end])
        if cut:
            end = m.end() + cut.start()
        doc.add("text.jiezhi", p, start=m.start(), end=m.end(), text=p.text[m.start():end])


def _check_this_year(doc: CheckDocument, patterns: _Patterns) -> None:
    """A report on year Y is written in Y+1: there "今年" is Y+1, not the year reported on.
    Reported once for the document, at the first place, with the count."""
    places = [(p, m) for p in patterns.this_year_gate.paragraphs(doc.content) for m in patterns.this_year.finditer(p.text)]
    if not places or doc.structure.year is None:
        return
    para, first = places[0]
    doc.add("text.this_year", para, start=first.start(), end=first.end(), part=DOCUMENT_WIDE,
            count=len(places), text=first.group(0), year=doc.structure.year)


def _check_chinese_counts(doc: CheckDocument, p: Para, patterns: _Patterns) -> None:
    """GB/T 15835: counts are written in Arabic numerals ("会议四次" → "会议4次")."""
    from drafter.text import parse_chinese_number

    for m in patterns.chinese_count.finditer(p.text):
        number = parse_chinese_number(m.group("num"))
        if number is None:
            continue
        doc.add("text.chinese_count", p, start=m.start(), end=m.end(), text=m.group(0),
                arabic=f"{number}{m.group('unit')}")


_CLAUSE_BREAK = "，。；,;：:！？!?"


def _check_percent(doc: CheckDocument, p: Para, patterns: _Patterns) -> None:
    text = p.text
    breaks = None  # found when a rate above 100% is
    for m in patterns.percent.finditer(text):
        if float(m.group(1)) <= 100:
            continue
        breaks = breaks or LastBefore(text, "[" + re.escape(_CLAUSE_BREAK) + "]")
        start = breaks.before(m.start()) + 1
        clause = text[start:m.end()]
        if patterns.rate_word.search(clause) and not patterns.growth_words.search(clause):
            doc.add("text.percent_range", p, start=start, end=m.end(), text=clause)


# ---------------------------------------------------------------------------------------------
# Repeated sentences

_NOT_READ_TWICE = ("title", "signature", "date", "closing", "recipient")  # roles whose text is not checked for repeats

# A sentence's or a clause's key: its text without blanks and these marks.
_MARKS = "，,、；;：:。！？!?“”\"'‘’（）()《》"
_STRIP = re.compile(rf"[\s{re.escape(_MARKS)}]")
_CLAUSE_ENDS = "，,；;。！？!?：:"  # SENTENCE_END among them
_CLAUSE_SPLIT = re.compile(f"[{re.escape(_CLAUSE_ENDS)}]")
_ENUM = re.compile(r"^(?:[一二三四五六七八九十]是|同时|并且|并|且|及时|进一步)")
# Both quick tests read the texts without what _STRIP takes out but the clause ends; one
# character at a time, so a text's stripped marker and rest are its marker's and rest's.
_STRIP_INSIDE = re.compile(rf"[\s{re.escape(''.join(c for c in _MARKS if c not in _CLAUSE_ENDS))}]")
_APART = "\x00"  # joins the texts for one pass of _STRIP_INSIDE (which keeps it)


def _stripped(texts: list[str]) -> list[str]:
    """Each text without _STRIP_INSIDE's marks, in one pass over all of them."""
    joined = _APART.join(texts)
    if joined.count(_APART) != len(texts) - 1:  # a text holds the joiner itself
        return [_STRIP_INSIDE.sub("", text) for text in texts]
    return _STRIP_INSIDE.sub("", joined).split(_APART)


# The keys of all the sentences at once: a text without the closing marks _STRIP leaves in
# (」 after 。 would belong to the sentence before) is cut at its sentence ends (all among
# _MARKS) once the other marks are out, and the pieces are the keys of its sentences.
_SENTENCE_ENDS = re.compile(f"[{re.escape(SENTENCE_END)}]")
_KEPT_CLOSERS = "".join(c for c in CLOSERS if c not in _MARKS)
_CLAUSE_ONLY_ENDS = "".join(c for c in _CLAUSE_ENDS if c not in SENTENCE_END)


def may_repeat_sentence(texts: list[str], minimum: int) -> bool:
    """False when no two sentences of `texts` have the same key of `minimum` characters or more
    (the texts joined by a sentence end, which ends each one's last sentence as its end does)."""
    return _sentences_may_repeat(_stripped(texts), minimum)


def _sentences_may_repeat(stripped: list[str], minimum: int) -> bool:
    """may_repeat_sentence of texts given _stripped."""
    joined = SENTENCE_END[0].join(stripped)
    if any(c in joined for c in _KEPT_CLOSERS):
        return True  # read sentence by sentence
    for mark in _CLAUSE_ONLY_ENDS:  # the rest of what _STRIP takes out
        joined = joined.replace(mark, "")
    keys = [key for key in _SENTENCE_ENDS.split(joined) if len(key) >= minimum]
    return len(set(keys)) < len(keys)


def _check_repeats(doc: CheckDocument, read: list[Para], stripped: list[str]) -> None:
    """Sentences said twice; `read` are the paragraphs read, `stripped` their _stripped texts."""
    minimum = int(doc.rules["repeated_sentence_min_chars"])
    texts: list[tuple[Para, int]] = []  # (paragraph, where its text begins: after a heading's marker)
    rests: list[str] = []  # the same, stripped
    for p, text in zip(read, stripped):
        offset = 0
        if p.heading is not None and p.role in (HEADING, PART_HEADING):
            offset = len(p.heading.marker)
            text = text[len(_STRIP_INSIDE.sub("", p.text[:offset])):]
        texts.append((p, offset))
        rests.append(text)
    if not _sentences_may_repeat(rests, minimum):
        return  # most documents
    seen: dict[str, list[tuple[Para, int, str]]] = {}
    for p, offset in texts:
        for pos, sentence in sentence_spans(p.text[offset:]):
            key = _STRIP.sub("", sentence)
            if len(key) < minimum:
                continue
            seen.setdefault(key, []).append((p, offset + pos, sentence))
    for key, places in seen.items():
        if len(places) < 2:
            continue
        p, pos, sentence = places[1]
        shown = sentence.strip()
        if len(shown) > 30:
            shown = shown[:29] + "…"
        numbers = "、".join(dict.fromkeys(str(q.number) for q, _, _ in places))
        doc.add("text.repeated_sentence", p, start=pos, end=pos + len(sentence), sentence=shown, numbers=numbers)


def may_repeat_clause(text: str, minimum: int) -> bool:
    """False when no two clauses of `text` can have the same key of `minimum` characters or
    more. A clause's key is its text without the _STRIP marks and a leading _ENUM word, none
    of whose characters is a _STRIP mark: so the key ends as the clause does once the marks
    are taken out, and two equal keys end in the same `minimum` characters."""
    return _ends_repeat(_STRIP_INSIDE.sub("", text), minimum)


def _ends_repeat(stripped: str, minimum: int) -> bool:
    ends = [piece[-minimum:] for piece in _CLAUSE_SPLIT.split(stripped) if len(piece) >= minimum]
    return len(set(ends)) < len(ends)


def may_repeat_clauses(stripped: list[str], minimum: int) -> list[int]:
    """The indexes of the texts for which may_repeat_clause holds, given _stripped, found at
    once: an end two clauses of one text share is shared in all the texts, and is in the text."""
    ends = [piece[-minimum:] for piece in _CLAUSE_SPLIT.split(_CLAUSE_ENDS[0].join(stripped)) if len(piece) >= minimum]
    if len(set(ends)) == len(ends):
        return []  # most documents
    twice = [end for end, count in Counter(ends).items() if count > 1]
    return [i for i, text in enumerate(stripped) if any(end in text for end in twice) and _ends_repeat(text, minimum)]


def _check_repeated_clauses(doc: CheckDocument, read: list[Para], stripped: list[str]) -> None:
    minimum = int(doc.rules["repeated_clause_min_chars"])
    for index in may_repeat_clauses(stripped, minimum):  # most paragraphs are skipped
        _report_repeated_clauses(doc, read[index], minimum)


def _report_repeated_clauses(doc: CheckDocument, p: Para, minimum: int) -> None:
    text = p.text
    counts: dict[str, list[int]] = {}
    pos = 0
    for piece in _CLAUSE_SPLIT.split(text):
        start = pos
        pos += len(piece) + 1
        clause = _ENUM.sub("", piece.strip())
        key = _STRIP.sub("", clause)
        if len(key) >= minimum:
            counts.setdefault(key, []).append(start + piece.find(clause))
    # a whole sentence said twice is reported by _check_repeats
    repeated = {key: starts for key, starts in counts.items() if len(starts) > 1}
    if not repeated:
        return
    sentence_keys = [_STRIP.sub("", s) for _, s in sentence_spans(text)]
    for key, starts in repeated.items():
        if sentence_keys.count(key) < 2:
            doc.add("text.repeated_clause", p, start=starts[1], end=starts[1] + len(key), clause=key, count=len(starts))


def check(doc: CheckDocument) -> None:
    patterns = _patterns(doc.rules)
    _check_halfwidth(doc)
    _check_this_year(doc, patterns)
    _check_short_year(doc, patterns)
    for paragraph_check, gate in patterns.gated:
        for p in gate.paragraphs(doc.content):
            paragraph_check(doc, p, patterns)
    read = [p for p in doc.content if p.role not in _NOT_READ_TWICE]
    stripped = _stripped([p.text for p in read])
    _check_repeated_clauses(doc, read, stripped)
    _check_repeats(doc, read, stripped)
