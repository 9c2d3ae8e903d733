"""Figures → official sentences, through the wording catalogue (templates/wording.yaml)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any, Callable, Iterable, Mapping, NamedTuple

from .catalogue import catalogue
from .datafile import load_data
from .text import format_number, format_percent

_PLACEHOLDER = re.compile(r"\{(yoy:)?([a-z_0-9]+)\}")
SUBJECT = "we"  # {we}: the unit speaking of itself ("我局")


@dataclass(frozen=True)
class Variant:
    needs: tuple[str, ...]
    zero: tuple[str, ...]
    texts: tuple[str, ...]  # interchangeable wordings, the first preferred

    @property
    def text(self) -> str:
        return self.texts[0] if self.texts else ""

    @property
    def figures(self) -> tuple[str, ...]:
        return self.needs + self.zero

    @cached_property
    def stated(self) -> frozenset[str]:
        """Every indicator the variant's sentence states (rates count as their two counts)."""
        cat = catalogue()
        keys = set(self.figures)
        for text in self.texts:
            for _, key in _PLACEHOLDER.findall(text):
                if key in cat.rates:
                    keys |= {key, cat.rates[key].numerator, cat.rates[key].denominator}
                elif key != SUBJECT:
                    keys.add(key)
        return frozenset(keys)

    @cached_property
    def _needed(self) -> tuple[frozenset[str], frozenset[str]]:
        return frozenset(self.needs), frozenset(self.zero)

    def applies(self, figures: Mapping[str, Any] | FigureStates) -> bool:
        """Whether every figure the variant needs has a value (not 0) and every one it says is
        zero is 0; `figures` may be their `FigureStates`, made once for many variants."""
        states = figures if isinstance(figures, FigureStates) else FigureStates.of(figures)
        needs, zero = self._needed
        return needs <= states.given and zero <= states.zero


@dataclass(frozen=True)
class FigureStates:
    """Which figures have a value a sentence can state (not None, 0 or False), which are zero."""

    given: frozenset[str]
    zero: frozenset[str]

    @classmethod
    def of(cls, figures: Mapping[str, Any]) -> FigureStates:
        given, zero = [], []
        for key, value in figures.items():  # one pass: this runs for every sentence read back
            if value not in (None, 0, False):
                given.append(key)
            elif value == 0 and value is not False:
                zero.append(key)
        return cls(frozenset(given), frozenset(zero))


@lru_cache(maxsize=1)
def wording() -> dict:
    return load_data("wording.yaml")


@lru_cache(maxsize=1)
def sentence_groups() -> tuple[tuple[Variant, ...], ...]:
    return tuple(
        tuple(
            Variant(tuple(v.get("needs") or ()), tuple(v.get("zero") or ()), _texts(v["text"]))
            for v in group["variants"]
        )
        for group in wording()["figures"]
    )


@lru_cache(maxsize=1)
def _group_figures() -> tuple[frozenset[str] | None, ...]:
    """Of each group (as `sentence_groups`), every figure its variants need or say is zero;
    None when one of them names none (it may apply whatever the figures)."""
    return tuple(
        None if any(not v.figures for v in group) else frozenset(key for v in group for key in v.figures)
        for group in sentence_groups()
    )


def _texts(text: str | list[str]) -> tuple[str, ...]:
    if isinstance(text, str):
        return (text,) if text else ()
    return tuple(text)


def subject_of(unit_name: str) -> str:
    """How the unit names itself in a sentence: 西峡县城市管理局 → 我局, 房镇镇人民政府 → 我镇."""
    words = wording()
    for entry in words["subjects"]:
        if unit_name.endswith(entry["suffix"]):
            return entry["we"]
    return words["subject_default"]


def fill(template: str, **values: Any) -> str:
    """Fill the non-figure placeholders of a wording entry ({year}, {unit}…)."""
    return template.format(**values)


def yoy_phrase(current: float, previous: float | None) -> str:
    """“，同比增长15.3%” / “，同比下降…” / “，与上年持平”; empty when last year is unknown."""
    if previous is None or isinstance(previous, bool):
        return ""
    phrases = wording()["yoy"]
    if previous == 0:
        return phrases["from_zero"] if current else phrases["same"]
    change = (current - previous) / previous * 100
    percent = format_number(round(abs(change), 1)) + "%"
    if round(change, 1) == 0:
        return phrases["same"]
    return (phrases["up"] if change > 0 else phrases["down"]).format(percent=percent)


class WrittenSentence(NamedTuple):
    """A figure sentence as drafter writes it, with the wording that wrote it: what
    drafter.check takes for its own sentences instead of reading them back."""

    home: str  # the figure that decides where the sentence goes
    text: str
    group: int  # the wording: `sentence_groups()[group][variant]`, its text `wording`
    variant: int
    wording: str
    filled: tuple[str, ...]  # what each placeholder of `wording` was filled with, in order
    # a sentence of clauses (drafter.clauses): the sentences it joins, each as it reads alone
    parts: tuple[WrittenSentence, ...] = ()


def figure_sentences(figures: Mapping[str, Any], rates: Mapping[str, float], previous: Mapping[str, Any],
                     **options: Any) -> list[tuple[str, str]]:
    """`written_sentences` (same arguments) as (home figure key, sentence) pairs."""
    return [(s.home, s.text) for s in written_sentences(figures, rates, previous, **options)]


def written_sentences(
    figures: Mapping[str, Any],
    rates: Mapping[str, float],
    previous: Mapping[str, Any],
    *,
    stated: Iterable[str] = (),
    subject: str | None = None,
    home_of: Mapping[str, Any] | None = None,
    before: Mapping[Any, list[str]] | None = None,
) -> list[WrittenSentence]:
    """The sentences the figures call for, in catalogue order; a group with no applicable
    variant (its figures absent) gives nothing: never a "0件". A variant that would
    state a figure of `stated` (already written in the clerk's text) is passed over. Of a
    variant's wordings the first is taken that does not make three sentences in a row (in one
    home: `home_of` maps a figure to it, `before` gives the text already there) open alike,
    nor two in a row open with the unit's name for itself ("我局…。我局…").
    """
    stated = set(stated)
    subject = subject or wording()["subject_default"]
    before = before or {}
    recent: dict[Any, list[str]] = {}  # of each home, the opening words of its last two sentences
    sentences = []
    states = FigureStates.of(figures)
    known = states.given | states.zero
    subject_opening = opening_word(subject)

    def render(text: str) -> tuple[str, tuple[str, ...]]:
        return filled_wording(text, figures, rates, previous, subject)

    for number, (tests, named) in enumerate(zip(_group_tests(), _group_figures())):
        if named is not None and named.isdisjoint(known):
            continue  # the quick test: no variant of the group can apply
        for index, variant in _chosen(tests, states, stated):
            if not variant.text:
                continue
            home_key = variant.figures[0]
            home = home_of.get(home_key) if home_of is not None else None
            if home not in recent:
                recent[home] = [opening_word(x) for x in before.get(home, [])[-2:]]
            last = recent[home]
            text, choice, filled = fresh_wording(variant, render, worn_opening(last, subject_opening))
            last[:] = (last + [opening_word(choice)])[-2:]
            sentences.append(WrittenSentence(home_key, choice, number, index, text, filled))
    return sentences


def worn_opening(last: list[str], subject_opening: str) -> str | None:
    """The opening word the next sentence should not take, given the opening words of the two
    before it: theirs when both share it (no three in a row open alike), the unit's own name
    for itself (我局: `subject_opening`, its `opening_word`) when the last one opened with it
    (not two in a row); else None."""
    if len(last) >= 2 and last[-1] == last[-2]:
        return last[-1]
    if last and last[-1] == subject_opening:
        return last[-1]
    return None


def fresh_wording(variant: Variant, render: Callable[[str], tuple[str, tuple[str, ...]]],
                   repeated: str | None) -> tuple[str, str, tuple[str, ...]]:
    """The first of the variant's wordings that does not open with `repeated` (the opening word
    of the two sentences before it, None when they differ), else its first: (wording,
    sentence, what its placeholders were filled with)."""
    for text in variant.texts:
        sentence, filled = render(text)
        if repeated is None or opening_word(sentence) != repeated:
            if sentence:
                return text, sentence, filled
            break
    return (variant.text, *render(variant.text))


@lru_cache(maxsize=1)
def _group_tests() -> tuple[tuple[tuple[int, Variant, frozenset[str], frozenset[str], frozenset[str]], ...], ...]:
    """Of each group (as `sentence_groups`), each variant with its place and what `_chosen`
    tests of it: the figures it needs, those it says are zero, those it states."""
    return tuple(tuple((index, variant, *variant._needed, variant.stated) for index, variant in enumerate(group))
                 for group in sentence_groups())


def _chosen(tests: tuple[tuple[int, Variant, frozenset[str], frozenset[str], frozenset[str]], ...],
            states: FigureStates, stated: set[str]) -> list[tuple[int, Variant]]:
    """The variants a group writes (`tests`: its `_group_tests`), with their place in it: the
    first that applies (`Variant.applies`) and states nothing already stated, then again for
    what is left (so a figure whose partner the text states is still written)."""
    covered = set(stated)
    given, zero = states.given, states.zero
    chosen = []
    while True:
        for index, variant, needs, zeros, says in tests:
            if needs <= given and zeros <= zero and says.isdisjoint(covered):
                break
        else:
            return chosen
        covered |= says
        chosen.append((index, variant))


_ORDINAL_DIGITS = "一二三四五六七八九十"
_RUN_ORDINAL = re.compile(rf"^[{_ORDINAL_DIGITS}]+是")


def opening_word(sentence: str) -> str:
    """The first word of a sentence, as far as repetition goes: its first two characters after
    any 一是/二是."""
    sentence = sentence.strip()
    if sentence[:1] not in _ORDINAL_DIGITS:
        return sentence[:2]  # the quick test: no 一是 to pass over
    return _RUN_ORDINAL.sub("", sentence)[:2]


def fill_figures(text: str, figures: Mapping[str, Any], rates: Mapping[str, float], previous: Mapping[str, Any],
                 subject: str | None = None) -> str:
    """A wording entry with its {figure}, {rate}, {yoy:figure} and {we} placeholders filled."""
    return filled_wording(text, figures, rates, previous, subject)[0]


def filled_wording(text: str, figures: Mapping[str, Any], rates: Mapping[str, float], previous: Mapping[str, Any],
            subject: str | None) -> tuple[str, tuple[str, ...]]:
    """`fill_figures`, and what each placeholder was filled with, in order."""
    form, slots = _template(text)
    filled = tuple([placeholder_text(key, is_yoy, figures, rates, previous, subject) for key, is_yoy in slots])
    return form % filled, filled


@lru_cache(maxsize=1024)
def _template(text: str) -> tuple[str, tuple[tuple[str, bool], ...]]:
    """A wording as a %-format with a %s for each placeholder, and the placeholders (key,
    whether {yoy:key}) in order: the same for every report, so made once."""
    parts = _PLACEHOLDER.split(text)  # words, then (yoy:, key, words) for each placeholder
    form = "%s".join(word.replace("%", "%%") for word in parts[0::3])
    return form, tuple((key, bool(yoy)) for yoy, key in zip(parts[1::3], parts[2::3]))


def placeholder_text(key: str, is_yoy: bool, figures: Mapping[str, Any], rates: Mapping[str, float],
                     previous: Mapping[str, Any], subject: str | None = None) -> str:
    """What `fill_figures` writes for one placeholder: {key}, or {yoy:key} when `is_yoy`."""
    if key == SUBJECT and not is_yoy:
        return subject or wording()["subject_default"]
    if is_yoy:
        return yoy_phrase(figures[key], previous.get(key))
    if key in rates:
        return format_percent(rates[key])
    return format_number(figures[key])


def unknown_placeholders() -> list[str]:
    """Placeholders in the wording catalogue that name no indicator or rate (for tests and template checks)."""
    cat = catalogue()
    unknown = []
    for group in sentence_groups():
        for variant in group:
            for text in variant.texts:
                for _, key in _PLACEHOLDER.findall(text):
                    if key not in cat.indicators and key not in cat.rates and key != SUBJECT:
                        unknown.append(key)
            for key in variant.figures:
                if key not in cat.indicators:
                    unknown.append(key)
    return unknown
