"""Measure words (templates/units.yaml): the words after a number that make it a figure.

A figure's own unit is the catalogue's (`drafter.catalogue.Indicator.unit`); this is the
wider list used to recognise numbers in a report's text, by the checker and the importer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .datafile import load_data


@dataclass(frozen=True)
class MeasureWords:
    counts: tuple[str, ...]  # counted one by one: 件, 人次 …
    other: tuple[str, ...]  # money, sizes, objects: 万元, 平方米 …
    time: tuple[str, ...]  # durations and dates: 天, 年 …

    @property
    def all(self) -> tuple[str, ...]:
        """Every measure word, longest first (so that "人次" wins over "人")."""
        return _longest_first(self.counts + self.other + self.time)

    def alternation(self, *, counts_only: bool = False, time: bool = True) -> str:
        """A regex alternation of the words ("人次|件|…"), longest first."""
        words = self.counts if counts_only else self.counts + self.other + (self.time if time else ())
        return "|".join(re.escape(w) for w in _longest_first(words))


def _longest_first(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(dict.fromkeys(words), key=len, reverse=True))


@lru_cache(maxsize=1)
def measure_words() -> MeasureWords:
    data = load_data("units.yaml")
    return MeasureWords(tuple(data["counts"]), tuple(data["other"]), tuple(data["time"]))


@lru_cache(maxsize=None)
def figure_with_unit(*, time: bool = True) -> re.Pattern[str]:
    """A number with its measure word ("59件", "10余场", "3万", "99%"); with `time`, also "3天",
    "2024年" (a sentence naming a date states a fact too)."""
    words = measure_words().alternation(time=time)
    return re.compile(rf"\d+(?:\.\d+)?\s*(?:余|多)?\s*(?:{words}|万|%|％)")
