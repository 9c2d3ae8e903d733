"""The topic and indicator catalogue (templates/catalogue.yaml) as typed objects."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .datafile import load_data


@dataclass(frozen=True)
class Indicator:
    key: str
    label: str
    unit: str
    type: str = "count"  # count | amount | flag
    enforcement: bool = False

    @property
    def label_with_unit(self) -> str:
        return f"{self.label}（{self.unit}）" if self.unit else self.label


@dataclass(frozen=True)
class Rate:
    key: str
    label: str
    numerator: str
    denominator: str


@dataclass(frozen=True)
class Constraint:
    parts: tuple[str, ...]
    total: str


@dataclass(frozen=True)
class TopicSpec:
    key: str
    title: str
    indicators: tuple[str, ...]
    enforcement: bool = False


@dataclass(frozen=True)
class Catalogue:
    indicators: dict[str, Indicator]
    rates: dict[str, Rate]
    constraints: tuple[Constraint, ...]
    topics: dict[str, TopicSpec]
    duty_indicators: tuple[str, ...]

    def label(self, key: str) -> str:
        """The Chinese name of an indicator or rate key."""
        if key in self.indicators:
            return self.indicators[key].label
        if key in self.rates:
            return self.rates[key].label
        return key


@lru_cache(maxsize=1)
def catalogue() -> Catalogue:
    raw = load_data("catalogue.yaml")
    indicators = {key: Indicator(key=key, **spec) for key, spec in raw["indicators"].items()}
    rates = {key: Rate(key=key, **spec) for key, spec in raw["rates"].items()}
    constraints = tuple(Constraint(parts=tuple(c["parts"]), total=c["total"]) for c in raw["constraints"])
    topics = {
        key: TopicSpec(
            key=key,
            title=spec["title"],
            indicators=tuple(spec.get("indicators") or ()),
            enforcement=bool(spec.get("enforcement", False)),
        )
        for key, spec in raw["topics"].items()
    }
    return Catalogue(indicators, rates, constraints, topics, tuple(raw["duty"]["indicators"]))


def rates_of(figures: dict[str, Any]) -> dict[str, float]:
    """The catalogue's rates of a set of figures: each whose numerator and denominator are
    both given (denominator > 0; yes/no flags never count). The one place rates are computed."""
    computed = {}
    for rate in catalogue().rates.values():
        numerator, denominator = figures.get(rate.numerator), figures.get(rate.denominator)
        if numerator is None or not denominator or isinstance(numerator, bool) or isinstance(denominator, bool):
            continue
        computed[rate.key] = numerator / denominator
    return computed


def exceeded(figures: dict[str, Any]) -> list[tuple[Constraint, list[tuple[str, Any]], Any]]:
    """The catalogue's constraints (parts ≤ total) that `figures` break: (constraint, the parts
    given with their values, their sum), in catalogue order. The one place parts meet totals."""
    out = []
    for constraint in catalogue().constraints:
        total = figures.get(constraint.total)
        if total is None:
            continue  # before the parts are looked for: most reports give few of the totals
        present = [(part, figures[part]) for part in constraint.parts if part in figures]
        if not present:
            continue
        subtotal = sum(value for _, value in present)
        if subtotal > total:
            out.append((constraint, present, subtotal))
    return out
