"""Figures → official sentences, through the wording catalogue (templates/wording.yaml)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Mapping

from .catalogue import catalogue
from .datafile import load_data
from .text import format_number, format_percent

_PLACEHOLDER = re.compile(r"\{(yoy:)?([a-z_0-9]+)\}")


@dataclass(frozen=True)
class Variant:
    needs: tuple[str, ...]
    zero: tuple[str, ...]
    text: str

    @property
    def figures(self) -> tuple[str, ...]:
        return self.needs + self.zero

    def applies(self, figures: Mapping[str, Any]) -> bool:
        present = all(figures.get(key) not in (None, 0, False) for key in self.needs)
        zero = all(key in figures and figures[key] == 0 and figures[key] is not False for key in self.zero)
        return present and zero


@lru_cache(maxsize=1)
def wording() -> dict:
    return load_data("wording.yaml")


@lru_cache(maxsize=1)
def sentence_groups() -> tuple[tuple[Variant, ...], ...]:
    return tuple(
        tuple(
            Variant(tuple(v.get("needs") or ()), tuple(v.get("zero") or ()), v["text"])
            for v in group["variants"]
        )
        for group in wording()["figures"]
    )


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


def figure_sentences(
    figures: Mapping[str, Any], rates: Mapping[str, float], previous: Mapping[str, Any]
) -> list[tuple[str, str]]:
    """The sentences the figures call for, each with the figure that decides where it goes.

    Returns (home figure key, sentence) pairs in catalogue order; a group with no
    applicable variant (its figures absent) gives nothing: never a "0件".
    """
    sentences = []
    for group in sentence_groups():
        variant = next((v for v in group if v.applies(figures)), None)
        if variant is None or not variant.text:
            continue
        sentences.append((variant.figures[0], fill_figures(variant.text, figures, rates, previous)))
    return sentences


def fill_figures(text: str, figures: Mapping[str, Any], rates: Mapping[str, float], previous: Mapping[str, Any]) -> str:
    """A wording entry with its {figure}, {rate} and {yoy:figure} placeholders filled."""
    def replace(match: re.Match) -> str:
        is_yoy, key = match.group(1), match.group(2)
        if is_yoy:
            return yoy_phrase(figures[key], previous.get(key))
        if key in rates:
            return format_percent(rates[key])
        return format_number(figures[key])

    return _PLACEHOLDER.sub(replace, text)


def unknown_placeholders() -> list[str]:
    """Placeholders in the wording catalogue that name no indicator or rate (for tests and template checks)."""
    cat = catalogue()
    unknown = []
    for group in sentence_groups():
        for variant in group:
            for _, key in _PLACEHOLDER.findall(variant.text):
                if key not in cat.indicators and key not in cat.rates:
                    unknown.append(key)
            for key in variant.figures:
                if key not in cat.indicators:
                    unknown.append(key)
    return unknown
