"""Rule 4: figures that must agree.

:func:`extract_figures` finds the figures a paragraph states ("全年办理行政处罚案件59件": value 59,
unit 件, label "全年办理行政处罚案件"). The checks compare only figures whose relation the text
makes explicit, in the same paragraph (rates, sums) or sentence (totals):

- 一般程序 + 简易程序 = 案件总数, where all three are stated (check_rules.yaml: procedures);
- a stated rate against its numerator and denominator (处置率 99.28% = 55001 ÷ 55401), within
  rounding of the decimals written (truncation accepted too); the rate names and the words
  that mark numerator and denominator are data (check_rules.yaml: rates);
- a count larger than its total (已处置 > 上报; 其中 … > 共 …; check_rules.yaml: totals,
  subtotal_marker, total_words), and the counts after one "其中" adding up to more than the
  total before it (共12件，其中主办8件、协办6件).
Approximate figures ("200余人") are never used as totals. These read free text, whose figures
have no catalogue keys; an answers file's figures are held to the catalogue's constraints
(drafter.check.consistency, through drafter.catalogue.exceeded).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import NamedTuple

from drafter.check.context import NUMBER, CheckDocument, Gate, LastBefore
from drafter.check.rules import CheckRules
from drafter.lazy_pattern import LazyPattern
from drafter.recognise import Para
from drafter.sentences import sentence_spans
from drafter.text import format_number

_LABEL_BREAK = "，。；：、,;:！？!?（）()“”\"《》 \t"
_LAST_BREAK = re.compile(f"[{re.escape(_LABEL_BREAK)}][^{re.escape(_LABEL_BREAK)}]*\\Z")
MAX_DIGITS = 15  # a longer run of digits is no figure (and int() refuses 4,301 digits)


class Figure(NamedTuple):  # a named tuple: a paragraph's figures are made by the dozen, quickly
    value: float
    number: str  # as written: "55001", "99.28"
    unit: str  # "件", "人次", "万元"
    approx: bool  # 余/多 after the number, or 约 before it
    label: str  # the words just before the number, back to the previous figure or mark
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.label + self.number + ("余" if self.approx else "") + self.unit


_DIGIT = re.compile(r"\d")
_MAGNITUDE = {None: 1, "万": 10_000, "亿": 100_000_000}
_APPROX_BEFORE = ("约", "近", "超过", "逾")  # words before a number that make it approximate


@dataclass(frozen=True)
class _Patterns:
    """The rule's patterns, built once per rule set."""

    figure: re.Pattern[str]
    general: LazyPattern  # procedures: 一般程序 … 件
    simple: LazyPattern
    total_label: re.Pattern[str]
    not_total_label: re.Pattern[str]
    rates: list[tuple[LazyPattern, ...]]  # (names, numerator, denominator)
    totals: list[tuple[LazyPattern, ...]]  # (total, part)
    subtotal_marker: re.Pattern[str]
    total_words: re.Pattern[str]
    checked: Gate  # the paragraphs a check could find something in

    @classmethod
    def of(cls, rules: CheckRules) -> _Patterns:
        procedures = rules["procedures"]
        return cls(
            figure=re.compile(rf"{NUMBER}\s*(万|亿)?\s*(余|多)?\s*({rules.unit_re})"),
            general=LazyPattern(procedures["general"]),
            simple=LazyPattern(procedures["simple"]),
            total_label=re.compile(procedures["total_label"]),
            not_total_label=re.compile(procedures["not_total_label"]),
            rates=_compiled_list(rules, "rates", ("names", "numerator", "denominator")),
            totals=_compiled_list(rules, "totals", ("total", "part")),
            subtotal_marker=re.compile(rules["subtotal_marker"]),
            total_words=re.compile(rules["total_words"]),
            checked=_checked(rules),
        )


def _checked(rules: CheckRules) -> Gate:
    """Each check needs a word in its paragraph: the sum 一般程序 (and 简易程序), a rate its
    率, a part exceeding its total a total's word in the total's label (共, 上报 …; a label is
    a piece of its paragraph), a breakdown its 其中."""
    needed = [rules["procedures"]["general"], rules["total_words"], rules["subtotal_marker"]]
    return Gate(_RATE, *(LazyPattern(p) for p in needed + [pair["total"] for pair in rules["totals"]]))


def _patterns(rules: CheckRules) -> _Patterns:
    return rules.compiled("figures", lambda: _Patterns.of(rules))


def extract_figures(text: str, rules: CheckRules) -> list[Figure]:
    """Figures with a unit, in order: 59件, 100余人次, 1.5万元 (value 15000, unit 元)."""
    if not _DIGIT.search(text):  # each figure starts with a digit: most paragraphs have none
        return []
    out: list[Figure] = []
    prev_end = 0
    for m in _patterns(rules).figure.finditer(text):
        number, magnitude, approx, unit = m.groups()
        if len(number) > MAX_DIGITS:
            continue
        value = float(number) * _MAGNITUDE[magnitude]
        if unit == "万元":
            value, unit = value * 10_000, "元"
        start, end = m.span()
        last_break = _LAST_BREAK.search(text, prev_end, start)
        label = text[last_break.start() + 1 if last_break else prev_end:start]
        out.append(Figure(value, number, unit, bool(approx) or label.endswith(_APPROX_BEFORE), label, start, end))
        prev_end = end
    return out


# ---------------------------------------------------------------------------------------------

def _check_procedures(doc: CheckDocument, p: Para, figures: list[Figure], patterns: _Patterns) -> None:
    text = p.text
    g, s = patterns.general.search(text), patterns.simple.search(text)
    if not (g and s):
        return
    first = min(g.start(), s.start())
    totals = [
        f
        for f in figures
        if f.unit == "件"
        and f.end <= first
        and not f.approx
        and patterns.total_label.search(f.label)
        and not patterns.not_total_label.search(f.label)
    ]
    if not totals:
        return
    total = totals[-1]
    general, simple = int(g.group(1)), int(s.group(1))
    if general + simple != total.value:
        doc.add(
            "figures.sum",
            p,
            start=total.start - len(total.label),
            end=max(g.end(), s.end()),
            general=general,
            simple=simple,
            sum=general + simple,
            total=format_number(total.value),
        )


_RATE = LazyPattern(r"([\u4e00-\u9fff]{0,8}率)\s*(?:均为|为|达到|达|是|仅为|保持)?\s*(\d{1,15}(?:\.\d{1,15})?)\s*[%％]")


def _check_rates(doc: CheckDocument, p: Para, figures: list[Figure], patterns: _Patterns) -> None:
    defs = patterns.rates
    text = p.text
    window_start, first = 0, 0
    for m in _RATE.finditer(text):
        name, stated = m.group(1), m.group(2)
        # the figures between the previous rate and this one: a slice, both lists being in text order
        while first < len(figures) and figures[first].start < window_start:
            first += 1
        last = first
        while last < len(figures) and figures[last].end <= m.start():
            last += 1
        before = [f for f in figures[first:last] if not f.approx]
        window_start = m.end()
        spec = next((d for d in defs if d[0].search(name)), None)
        if spec is None:
            continue
        _, num_re, den_re = spec
        num = next((f for f in reversed(before) if num_re.search(f.label)), None)
        if num is None:
            continue
        den = next(
            (f for f in reversed(before) if f is not num and f.unit == num.unit and den_re.search(f.label)),
            None,
        )
        if den is None or den.value <= 0:
            continue
        computed = num.value / den.value * 100
        decimals = len(stated.split(".")[1]) if "." in stated else 0
        value = float(stated)
        step = 10 ** -decimals
        rounded_ok = abs(computed - value) <= step / 2 + 1e-9
        truncated_ok = 0 <= computed - value < step
        if rounded_ok or truncated_ok:
            continue
        shown = f"{computed:.{max(decimals, 2)}f}".rstrip("0").rstrip(".")
        doc.add(
            "figures.rate",
            p,
            start=m.start(),
            end=m.end(),
            name=name.lstrip("，,"),
            stated=stated,
            numerator_label=num.label,
            numerator=num.number,
            denominator_label=den.label,
            denominator=den.number,
            computed=shown,
        )


def _check_totals(doc: CheckDocument, p: Para, sentences: list[_Sentence], patterns: _Patterns) -> None:
    """A part larger than its total. One pass per sentence: for each unit, the figures that can be
    a total are kept as they come (the latest is the total), never searched again."""
    pairs = patterns.totals
    marker_re, total_words = patterns.subtotal_marker, patterns.total_words
    for offset, sentence, figs in sentences:
        if len(figs) < 2:  # a part needs its total in the sentence
            continue
        markers = LastBefore(sentence, marker_re)
        summed: dict[str, tuple[list[int], list[Figure]]] = {}  # unit → ends and figures labelled 共/合计…
        paired: dict[tuple[int, str], Figure] = {}  # (pair, unit) → the latest figure labelled as its total
        for part in figs:
            if part.approx:
                continue
            # 其中: a figure after "其中" against the last "共/合计/累计" figure before it.
            candidates: list[Figure] = []
            marker = markers.before(part.start - offset)
            ends, found = summed.get(part.unit, ([], []))
            if marker >= 0:
                index = bisect.bisect_right(ends, offset + marker)
                if index:
                    candidates.append(found[index - 1])
            for number, (total_re, part_re) in enumerate(pairs):
                if (number, part.unit) in paired and part_re.search(part.label) and not total_re.search(part.label):
                    candidates.append(paired[number, part.unit])
            if candidates:
                total = max(candidates, key=lambda f: f.start)
                if part.value > total.value:
                    doc.add(
                        "figures.part_exceeds_total",
                        p,
                        start=total.start - len(total.label),
                        end=part.end,
                        part_text=part.text,
                        total_text=total.text,
                    )
            if total_words.search(part.label):
                ends, found = summed.setdefault(part.unit, ([], []))
                ends.append(part.end)
                found.append(part)
            for number, (total_re, _) in enumerate(pairs):
                if total_re.search(part.label):
                    paired[number, part.unit] = part


def _check_breakdowns(doc: CheckDocument, p: Para, sentences: list[_Sentence], patterns: _Patterns) -> None:
    """"共12件，其中主办8件、协办6件": the exact counts in the unit of the total, between its
    subtotal marker and the next one, add up to more than the total (each alone may be below it)."""
    marker_re = patterns.subtotal_marker
    for offset, sentence, figs in sentences:
        if len(figs) < 3:  # a total and two parts
            continue
        markers = [(offset + m.start(), offset + m.end()) for m in marker_re.finditer(sentence)]
        if not markers:
            continue
        at, after = markers[0]
        totals = [f for f in figs if f.end <= at and not f.approx]
        if not totals:
            continue
        total = totals[-1]
        stop = markers[1][0] if len(markers) > 1 else offset + len(sentence)
        if sentence[at - offset - 1 : at - offset] in ("（", "("):  # "（其中…）" ends at its bracket
            close = re.search(r"[)）]", sentence[after - offset : stop - offset])
            stop = after + close.start() if close else stop
        parts = [f for f in figs if after <= f.start and f.end <= stop and f.unit == total.unit]
        if len(parts) < 2 or any(f.approx for f in parts) or any(f.value > total.value for f in parts):
            continue  # one part above the total is figures.part_exceeds_total
        summed = sum(f.value for f in parts)
        # "共390件（其中简易程序110件、普通程序280件、立案撤销8件）": the first parts make the
        # total; what follows counts the same cases another way
        if any(sum(f.value for f in parts[:n]) == total.value for n in range(2, len(parts))):
            continue
        if summed > total.value:
            doc.add(
                "figures.breakdown_exceeds_total",
                p,
                start=parts[0].start - len(parts[0].label),
                end=parts[-1].end,
                parts_text="、".join(f.text for f in parts),
                sum=format_number(summed),
                unit=total.unit,
                total_text=total.text,
            )


def _compiled_list(rules: CheckRules, key: str, fields: tuple[str, ...]) -> list[tuple[LazyPattern, ...]]:
    """The patterns of each entry of the list `key` of check_rules.yaml, each compiled the first
    time it is tried (a report states few of the rates and totals the file knows)."""
    return [tuple(LazyPattern(d[field], anchor=()) for field in fields) for d in rules[key]]


_Sentence = tuple[int, str, list[Figure]]  # offset, sentence, its figures (placed in the paragraph)


def _sentences(text: str, figures: list[Figure], rules: CheckRules) -> list[_Sentence]:
    """The sentences of a paragraph with the figures extract_figures finds in each, placed in the
    paragraph: the paragraph's `figures` inside it (a figure never spans a sentence end, and its
    label stops at a mark), the sentence read again when its first label reaches back past it
    (the sentence before ends in a closing mark that does not stop a label, such as 」)."""
    out: list[_Sentence] = []
    first = 0
    for offset, sentence in sentence_spans(text):
        last = first
        while last < len(figures) and figures[last].start < offset + len(sentence):
            last += 1
        inside = figures[first:last]
        first = last
        if inside and inside[0].start - len(inside[0].label) < offset:
            inside = [Figure(f.value, f.number, f.unit, f.approx, f.label, offset + f.start, offset + f.end)
                      for f in extract_figures(sentence, rules)]
        out.append((offset, sentence, inside))
    return out


def check(doc: CheckDocument) -> None:
    patterns = _patterns(doc.rules)
    for p in patterns.checked.paragraphs(doc.content):
        figures = extract_figures(p.text, doc.rules)
        if not figures:
            continue
        _check_procedures(doc, p, figures, patterns)
        _check_rates(doc, p, figures, patterns)
        if len(figures) < 2:
            continue  # the rules below compare two figures of one sentence
        sentences = _sentences(p.text, figures, doc.rules)
        _check_totals(doc, p, sentences, patterns)
        _check_breakdowns(doc, p, sentences, patterns)
