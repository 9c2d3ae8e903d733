"""The parts of the report (templates/parts.yaml): keys, labels, headings, accepted orders.

One definition read by the model, the composer, the recogniser, the importer and the
questionnaire. The keys themselves are the answers file's field names and code identifiers,
so they are named here once (`PartKey`, also exported by `drafter.model`); everything said
about a part is data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

from .datafile import load_data
from .text import part_ordinal



class PartKey(str, Enum):
    measures = "measures"
    shortcomings = "shortcomings"
    duty = "duty"
    plans = "plans"
    other = "other"


KEYS = tuple(key.value for key in PartKey)


@dataclass(frozen=True)
class PartSpec:
    """What the project knows about one part of the report."""

    key: str
    number: int  # its number in the regulation's order: 1 for measures … 5 for other
    label: str  # 存在的不足和原因
    heading: str  # the draft's heading, with {year} / {next_year}
    regulation_heading: str  # the regulation's wording, suggested by `drafter check`
    mandatory: bool
    exclusive: bool  # a heading matching it is this part and nothing else
    patterns: tuple[str, ...]  # recogniser words for a numbered heading
    strict: tuple[str, ...]  # recogniser words for a heading that lost its number

    @property
    def title(self) -> str:
        """"二、存在的不足和原因": the label with its number, as the answers file's field title."""
        return part_ordinal(self.number) + self.label

    def suggested_heading(self, year: int | None) -> str:
        """The regulation's heading for `year`; "上一年度…" / "下一年度…" when the year is unknown."""
        if year is None:
            return re.sub(
                r"\{(year|next_year)\}年度?", lambda m: "上一年度" if m[1] == "year" else "下一年度", self.regulation_heading
            )
        return self.regulation_heading.format(year=year, next_year=year + 1)


@dataclass(frozen=True)
class PartOrder:
    name: str  # 按《督察工作规定》的顺序
    keys: tuple[str, ...]


@dataclass(frozen=True)
class Parts:
    specs: dict[str, PartSpec]  # in the regulation's order
    match_order: tuple[str, ...]  # the order a heading is tried against the parts
    accepted_orders: tuple[PartOrder, ...]  # the first is the regulation's, the default
    variant_orders: tuple[tuple[str, ...], ...]  # seen in real reports; only a hint

    @property
    def mandatory(self) -> tuple[str, ...]:
        return tuple(key for key, spec in self.specs.items() if spec.mandatory)

    @property
    def regulation_order(self) -> tuple[str, ...]:
        return self.accepted_orders[0].keys


@lru_cache(maxsize=1)
def parts() -> Parts:
    """The contents of templates/parts.yaml, checked against the keys the model knows."""
    data = load_data("parts.yaml")
    if tuple(data["parts"]) != KEYS:
        raise ValueError(f"parts.yaml: the parts must be {', '.join(KEYS)} in this order")
    specs = {}
    for number, (key, d) in enumerate(data["parts"].items(), start=1):
        recognise = d["recognise"]
        specs[key] = PartSpec(
            key=key,
            number=number,
            label=d["label"],
            heading=d["heading"],
            regulation_heading=d["regulation_heading"],
            mandatory=bool(d["mandatory"]),
            exclusive=bool(recognise.get("exclusive", False)),
            patterns=tuple(recognise["patterns"]),
            strict=tuple(recognise.get("strict") or recognise["patterns"]),
        )
    orders = data["orders"]
    return Parts(
        specs=specs,
        match_order=tuple(data.get("match_order") or specs),
        accepted_orders=tuple(PartOrder(o["name"], tuple(o["parts"])) for o in orders["accepted"]),
        variant_orders=tuple(tuple(o) for o in orders.get("variants") or ()),
    )


def part_spec(key: str) -> PartSpec:
    return parts().specs[key]


def part_label(key: str) -> str:
    """存在的不足和原因 for "shortcomings"; the key itself when it names no part."""
    spec = parts().specs.get(key)
    return spec.label if spec else key
