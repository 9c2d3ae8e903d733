"""drafter's own sentences read back, for `drafter import` and the check: the wording catalogue
(templates/wording.yaml) read backwards. A sentence that a wording variant produces word for
word ("全年办理行政处罚案件59件，其中…") gives its figures exactly (`match_wording`).

Each variant's wording is a regex (its words, a group for each figure, rate, 同比 phrase and
subject), indexed by the words it begins with; a sentence it matches is accepted only when
rendering the figures read gives it back, as `drafter.importing.figures` describes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any, Sequence

from ..catalogue import catalogue, rates_of
from ..clauses import CLAUSE_MARK, STOP
from ..lazy_pattern import LazyPattern
from ..sentences import sentence_spans
from ..text import format_percent
from ..wording import (SUBJECT, FigureStates, Variant, WrittenSentence, fill_figures, placeholder_text,
                       sentence_groups, wording, yoy_phrase)


@dataclass(frozen=True)
class _WordingForm:
    group: int
    index: int
    variant: Variant
    text: str  # the wording of the variant this form reads
    regex: LazyPattern
    fields: tuple[tuple[str, str, str], ...]  # (group name, "subject"|"figure"|"rate"|"yoy", key)
    # a word any sentence beginning with this form's sentence holds (its longest, without a
    # "。", which is a "，" where sentences are joined)
    clause_word: str

    @cached_property
    def earlier(self) -> tuple[Variant, ...]:
        """The variants of its group before its own: one that applies would have been written."""
        return sentence_groups()[self.group][: self.index]

    @cached_property
    def states_rates(self) -> bool:
        """Whether the wording writes a rate (only then does rendering it look rates up)."""
        return any(kind == "rate" for _, kind, _ in self.fields)


_HEAD = 4  # characters a sentence and the wording that wrote it begin with (after the subject)


@dataclass(frozen=True)
class _WordingForms:
    """Every form, and which of them a sentence can be, by the words it begins with."""

    forms: tuple[_WordingForm, ...]
    subjects: tuple[str, ...]  # 我局, 我中心…: what a form may begin with before its head
    by_head: dict[str, tuple[int, ...]]
    anywhere: tuple[int, ...]  # forms that begin with a number: tried on every sentence

    def candidates(self, sentence: str) -> tuple[_WordingForm, ...]:
        heads = [sentence[:_HEAD]]
        if sentence[:1] in self._subject_initials:
            heads += [sentence[len(subject) : len(subject) + _HEAD] for subject in self.subjects
                      if sentence.startswith(subject)]
        known = [head for head in heads if head in self.by_head]
        if len(known) <= 1:  # the usual case: the forms are listed already
            return self._of_head[known[0] if known else None]
        found = set(self.anywhere).union(*(self.by_head[head] for head in known))
        return tuple(self.forms[i] for i in sorted(found))

    @cached_property
    def _of_head(self) -> dict[str | None, tuple[_WordingForm, ...]]:
        """The forms a sentence beginning with one head (None: with none) can be, in order."""
        out = {None: tuple(self.forms[i] for i in self.anywhere)}
        for head, indices in self.by_head.items():
            out[head] = tuple(self.forms[i] for i in sorted({*self.anywhere, *indices}))
        return out

    @cached_property
    def _subject_initials(self) -> frozenset[str]:
        return frozenset(subject[0] for subject in self.subjects)

    @cached_property
    def by_wording(self) -> dict[tuple[int, int, str], _WordingForm]:
        """Each form by the wording it reads: (group, variant, text)."""
        return {(form.group, form.index, form.text): form for form in self.forms}


def _head(fields: list, words: list[str]) -> str | None:
    """The first words of a form's sentences after a leading subject; None when fewer than
    _HEAD characters stand before its first number (it is tried on every sentence)."""
    first = words[0]
    if not first and fields and fields[0][1] == "subject":
        first = words[1]
    return first[:_HEAD] if len(first) >= _HEAD else None


@lru_cache(maxsize=1)
def _wording_forms() -> _WordingForms:
    words = wording()
    subject_words = tuple(sorted({e["we"] for e in words["subjects"]} | {words["subject_default"]}, key=len, reverse=True))
    subjects = "|".join(map(re.escape, subject_words))
    yoy = words["yoy"]
    yoy_forms = []
    for phrase in yoy.values():
        yoy_forms.append(re.escape(phrase).replace(re.escape("{percent}"), r"\d+(?:\.\d+)?%"))
    yoy_regex = "(?:" + "|".join(yoy_forms) + ")"
    rates = catalogue().rates
    forms = []
    by_head: dict[str, list[int]] = {}
    anywhere = []
    token = re.compile(r"\{(yoy:)?([a-z_0-9]+)\}")
    for g, group in enumerate(sentence_groups()):
        for v, variant in enumerate(group):
            for text in variant.texts:
                pattern = ""
                fields = []
                words = []  # the wording's own words, which a sentence it wrote contains
                pos = 0
                for m in token.finditer(text):
                    words.append(text[pos : m.start()])
                    pattern += re.escape(text[pos : m.start()])
                    name = f"g{len(fields)}"
                    if m[2] == SUBJECT and not m[1]:
                        pattern += f"(?P<{name}>{subjects})"
                        fields.append((name, "subject", m[2]))
                    elif m[1]:
                        pattern += f"(?P<{name}>{yoy_regex})?"
                        fields.append((name, "yoy", m[2]))
                    elif m[2] in rates:
                        pattern += rf"(?P<{name}>\d+(?:\.\d+)?%)"
                        fields.append((name, "rate", m[2]))
                    else:
                        pattern += rf"(?P<{name}>\d+(?:\.\d+)?)"
                        fields.append((name, "figure", m[2]))
                    pos = m.end()
                pattern += re.escape(text[pos:])
                words.append(text[pos:])
                longest = max(words, key=len)
                regex = LazyPattern(pattern, anchor=(longest,) if longest else ())
                head = _head(fields, words)
                (anywhere if head is None else by_head.setdefault(head, [])).append(len(forms))
                forms.append(_WordingForm(g, v, variant, text, regex, tuple(fields), longest.removesuffix(STOP)))
    return _WordingForms(tuple(forms), subject_words, {h: tuple(i) for h, i in by_head.items()}, tuple(anywhere))


def _recover_previous(current: Any, phrase: str) -> Any:
    """The last-year figure that makes `yoy_phrase(current, previous)` say `phrase`; None if none."""
    if not phrase or isinstance(current, bool):
        return None
    m = re.search(r"(\d+(?:\.\d+)?)%", phrase)
    candidates: list[float] = [current, 0]
    if m:
        pct = float(m[1]) / 100
        for factor in (1 + pct, 1 - pct):
            if factor > 0:
                estimate = current / factor
                candidates += [round(estimate) + d for d in range(-3, 4)]
                candidates.append(round(estimate, 2))
    for candidate in candidates:
        if candidate is None or candidate < 0:
            continue
        if isinstance(candidate, float) and candidate.is_integer():
            candidate = int(candidate)
        if yoy_phrase(current, candidate) == phrase:
            return candidate
    return None


def match_wording(sentence: str) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """Figures (and last-year figures) of a sentence drafter writes itself, or of several of
    them joined into one sentence of clauses (drafter.clauses); None otherwise.

    Accepted only when rendering the figures with the same variant gives the sentence back
    exactly and no earlier variant of its group would have been chosen instead.
    """
    forms = _wording_forms().candidates(sentence)
    found = _match_one(sentence, forms)
    if found is not None or CLAUSE_MARK not in sentence or not sentence.endswith(STOP):
        return found
    # the quick test: no wording can begin the sentence (most hand-written ones)
    firsts = [form for form in forms if form.clause_word in sentence]
    return _match_clauses([piece for _, piece in sentence_spans(sentence, CLAUSE_MARK)], firsts=firsts) if firsts else None


def _match_clauses(pieces: list[str], whole: bool = False,
                   firsts: list[_WordingForm] | None = None) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """The figures of clauses that are drafter's sentences joined: the first one or more
    clauses read as one sentence (the shortest that leads on), then the rest the same way
    (`whole`: the rest may be one sentence). Only a beginning that reads back leads on, so a
    hand-written sentence costs a reading of each of its beginnings."""
    for end in range(1, len(pieces) + whole):
        text = "".join(pieces[:end])
        first = _match_one(text if end == len(pieces) else text[: -len(CLAUSE_MARK)] + STOP, firsts)
        if first is None:
            continue
        if end == len(pieces):
            return first
        found = _match_clauses(pieces[end:], whole=True)
        merged = None if found is None else _merged([first, found])
        if merged is not None:
            return merged
    return None


def _merged(reads: list[tuple[dict, dict] | None]) -> tuple[dict, dict] | None:
    """The figures of several sentences read back as one reading; None if one is unread or two
    state one figure differently."""
    figures: dict[str, Any] = {}
    previous: dict[str, Any] = {}
    for read in reads:
        if read is None:
            return None
        for into, found in zip((figures, previous), read):
            for key, value in found.items():
                if into.setdefault(key, value) != value:
                    return None
    return figures, previous


def _match_one(sentence: str, forms: Sequence[_WordingForm] | None = None) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """`match_wording` of one wording's sentence (`forms`: those it may be, where known)."""
    for form in _wording_forms().candidates(sentence) if forms is None else forms:
        m = form.regex.fullmatch(sentence)
        if m is not None:
            found = _read_back(form, m.groups(), sentence)  # the form's groups are its fields, in order
            if found is not None:
                return found
    return None


def read_written(sentence: WrittenSentence) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """`match_wording(sentence.text)` of a sentence drafter has just written, read with the
    form of the wording that wrote it and what it filled in, instead of searched for (the
    draft's check; tests/test_check_written_sentences.py holds the two equal). A sentence of
    clauses is read part by part."""
    if sentence.parts:
        return _merged([read_written(part) for part in sentence.parts])
    form = _wording_forms().by_wording[sentence.group, sentence.variant, sentence.wording]
    return _read_back(form, sentence.filled, sentence.text)


def _read_back(form: _WordingForm, values: tuple[str | None, ...], sentence: str) -> tuple[dict, dict] | None:
    """The figures and last-year figures of a sentence `form`'s regex matches, giving `values`
    to its fields; None when the form cannot have written it."""
    figures: dict[str, Any] = {}
    stated_rates: dict[str, str] = {}
    yoy: dict[str, str] = {}
    subject = None
    for (_, kind, key), value in zip(form.fields, values):
        if kind == "figure":
            if len(value.partition(".")[0]) > 15:
                return None  # no figure has 16 digits (and int() refuses 4,301)
            figures[key] = float(value) if "." in value else int(value)
        elif kind == "subject":
            subject = value
        elif kind == "rate":
            stated_rates[key] = value
        elif value:
            yoy[key] = value
    for key in form.variant.zero:
        figures.setdefault(key, 0)
    for key in form.variant.needs:
        if key not in figures:
            value = _unstated(key, figures, stated_rates)
            if value is None:
                return None
            figures[key] = value
    previous = {}
    for key, phrase in yoy.items():
        value = _recover_previous(figures.get(key), phrase)
        if value is None:
            return None
        previous[key] = value
    states = FigureStates.of(figures)
    if not form.variant.applies(states) or any(v.applies(states) for v in form.earlier):
        return None  # another variant of its group would have been written
    rates = rates_of(figures) if form.states_rates else {}
    if not _writes(form, values, figures, rates, previous, subject, sentence):
        return None
    return figures, previous


def _unstated(key: str, figures: dict[str, Any], stated_rates: dict[str, str]) -> Any:
    """A figure a variant needs that its sentence does not write: a flag is true; a count the
    sentence gives only through a rate ("合格率100%" with 参考 86人) is derived; None otherwise."""
    cat = catalogue()
    if cat.indicators[key].type == "flag":
        return True
    derived = None
    for rate_key, stated in stated_rates.items():
        rate = cat.rates[rate_key]
        if rate.numerator == key and isinstance(figures.get(rate.denominator), int):
            den = figures[rate.denominator]
            target = float(stated.rstrip("%")) / 100 * den
            for n in nearest_counts(target, den):
                if format_percent(n / den) == stated:
                    derived = n
                    break
    return derived


def _writes(form: _WordingForm, values: tuple[str | None, ...], figures: dict, rates: dict, previous: dict,
            subject: str | None, sentence: str) -> bool:
    """Whether rendering the figures with the form's wording gives `sentence` back. The regex
    matched the wording's own words around the fields, so each field writing what it matched
    is enough; when one does not, the whole sentence is rendered (two fields side by side
    could share out the same text differently)."""
    for (_, kind, key), value in zip(form.fields, values):
        if placeholder_text(key, kind == "yoy", figures, rates, previous, subject) != (value or ""):
            return fill_figures(form.text, figures, rates, previous, subject) == sentence
    return True


def nearest_counts(target: float, den: int, how_many: int = 5) -> list[int]:
    """The `how_many` counts of 0..den nearest to `target`, nearest first (the smaller of two
    as near). Only a window around `target` can hold them, so only that is sorted."""
    centre = int(min(max(target, 0), den))
    window = range(max(0, centre - how_many - 1), min(den, centre + how_many + 1) + 1)
    return sorted(window, key=lambda n: abs(n - target))[:how_many]
