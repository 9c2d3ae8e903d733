"""The live figures of a report: every number the report states, catalogue or custom, with its
value this year, its value last year and the sentences it lives in.

This is the one list the renderer, the rules, the figures table (`drafter figures`) and next
year's questionnaire read. A figure is live when it is entered in a `figures:` mapping, declared
under `custom_figures:`, referenced as 【key】 in a text, or was given last year
(`previous_figures`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from ..catalogue import catalogue, rates_of
from ..text import format_number, format_percent
from .refs import references, report_texts

if TYPE_CHECKING:
    from ..model import Report

Kind = Literal["indicator", "rate", "custom"]


@dataclass
class LiveFigure:
    key: str
    label: str
    unit: str
    kind: Kind
    value: Any = None  # this year's value; None: still to fill
    previous: Any = None  # last year's value, when known
    approximate: bool = False  # custom figures: written "400余"
    loc: tuple[Any, ...] | None = None  # where its value is written in the answers file
    sentences: list[str] = field(default_factory=list)  # the sentences referencing it, as written
    referenced_at: list[tuple[Any, ...]] = field(default_factory=list)  # the texts referencing it

    @property
    def fillable(self) -> bool:
        """A value a clerk types (rates are computed, flags are not numbers)."""
        return self.kind == "custom" or (self.kind == "indicator" and catalogue().indicators[self.key].type != "flag")

    @property
    def missing(self) -> bool:
        return self.value is None

    def text(self) -> str | None:
        """The value as the report writes it in place of 【key】: "59", "12.5", "400余", "99.28%"."""
        if self.value is None or isinstance(self.value, bool):
            return None
        if self.kind == "rate":
            return format_percent(self.value)
        return _in_wan(self.value) + ("余" if self.approximate else "")

    def with_unit(self, value: Any) -> str:
        """A value with its unit for people ("59件", "400余人次"); empty for None."""
        if value is None:
            return ""
        if isinstance(value, bool):
            return "是" if value else "否"
        if self.kind == "rate":
            return format_percent(value)
        return format_number(value) + ("余" if self.approximate else "") + (self.unit or "")


def _in_wan(value: Any) -> str:
    """A whole number of 万 from 10万 up as prose writes it ("受众10万余"); any other as digits."""
    if isinstance(value, int) and value >= 100_000 and value % 10_000 == 0:
        return f"{value // 10_000}万"
    return format_number(value)


def live_figures(report: "Report", *, referenced_only: bool = False,
                 texts: list[tuple[tuple, str]] | None = None) -> dict[str, LiveFigure]:
    """Every live figure of `report`, keyed by its key, in the order a reader meets them.

    `referenced_only`: only those its texts reference (as 【key】), in the same order, without
    the sentences they are in (what resolving the references and checking them need).
    `texts`: the report's `report_texts`, where the caller has them already."""
    cat = catalogue()
    # key → (its place, its value) of each figure entered, made when an indicator is met (a
    # report's texts seldom reference one: most references are to custom figures)
    entered: dict[str, tuple[tuple[Any, ...], Any]] = {}
    rates: list[dict[str, float]] = []  # this year's and last year's, computed when a rate is met
    out: dict[str, LiveFigure] = {}

    def add(key: str) -> LiveFigure | None:
        if key in out:
            return out[key]
        if key in report.custom_figures:
            spec = report.custom_figures[key]
            figure = LiveFigure(key, spec.label, spec.unit or "", "custom", spec.value, spec.previous,
                                spec.approximate, loc=("custom_figures", key, "value"))
        elif key in cat.indicators:
            if not entered:
                entered.update(_entered(report))
            indicator = cat.indicators[key]
            loc, value = entered.get(key, (None, None))
            figure = LiveFigure(key, indicator.label, indicator.unit, "indicator", value,
                                report.previous_figures.get(key), loc=loc)
        elif key in cat.rates:
            if not rates:
                rates.extend((report.rates(), rates_of(report.previous_figures)))
            this_year, last_year = rates
            figure = LiveFigure(key, cat.rates[key].label, "%", "rate", this_year.get(key), last_year.get(key))
        else:
            return None
        out[key] = figure
        return figure

    for loc, text in texts if texts is not None else report_texts(report):
        if "【" not in text:
            continue  # the quick test: no reference
        for key in references(text):
            figure = add(key)
            if figure is None:
                continue
            figure.referenced_at.append(loc)
            if referenced_only:
                continue
            for sentence in _sentences_with(text, key):
                if sentence not in figure.sentences:
                    figure.sentences.append(sentence)
    if referenced_only:
        return out
    for key in entered or _entered(report):
        add(key)
    for key in report.custom_figures:
        add(key)
    for key in report.previous_figures:
        add(key)
    return out


def _entered(report: "Report") -> dict[str, tuple[tuple[Any, ...], Any]]:
    """key → (its place in the answers file, its value) of each figure entered, at its first place."""
    entered: dict[str, tuple[tuple[Any, ...], Any]] = {}
    for loc, figures in report.figure_blocks():
        for key, value in figures.items():
            entered.setdefault(key, (loc + (key,), value))
    return entered


def value_texts(report: "Report", *, referenced_only: bool = False,
                texts: list[tuple[tuple, str]] | None = None) -> dict[str, str]:
    """key → the text that replaces 【key】 (figures without a value are left out);
    `referenced_only`: of the figures the report's texts reference; `texts` as `live_figures`."""
    return {key: text for key, figure in live_figures(report, referenced_only=referenced_only, texts=texts).items()
            if (text := figure.text()) is not None}


def _sentences_with(text: str, key: str) -> list[str]:
    """The sentences of `text` that reference `key`."""
    from ..sentences import split_sentences

    return [s for s in split_sentences(text) if f"【{key}】" in s]


def carry_custom_figures(custom: dict[str, dict], *, previous: bool = True) -> dict[str, dict]:
    """Last year's `custom_figures` (plain data) as this year's: label, unit and approximate kept,
    last year's value becomes `previous` (not from a model: another unit's numbers), this year's
    is left to fill."""
    out = {}
    for key, spec in custom.items():
        spec = {k: v for k, v in spec.items() if k not in ("value", "previous")}
        if previous and custom[key].get("value") is not None:
            spec["previous"] = custom[key]["value"]
        out[key] = spec
    return out
