"""The year a report is about: drafter.reading.year reads it from the places that name it;
here it is put on the recognised structure, with each place as evidence for `drafter check`."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Any

from ..dates import parse_date
from .nodes import Para, Structure

# drafter.reading.year's places → the evidence names drafter.check.years reads
_WHERE = {"title": "title", "opening": "opening", "plans_heading": "heading:plans", "date": "date",
          "body": "body", "plans": "plans", "published": "published"}


def detect_year(
    structure: Structure, given: int | None, published: dt.date | None = None, *, weak_clues: bool = True
) -> tuple[int | None, list[tuple[str, int, Para | None]], str]:
    """(the year reported on, the evidence, a Chinese note when the places disagree); without
    `weak_clues`, no evidence from the body, the plans part's sentences or a publish date."""
    from ..reading.year import reading_of

    if published is None and weak_clues:
        published = _published_line(structure)
    reading = reading_of(structure, published=published if weak_clues else None, given=given, body_clues=weak_clues)
    evidence = [(_where(clue), clue.year, clue.para) for clue in reading.clues]
    return reading.year, evidence, reading.note


def _where(clue: Any) -> str:
    return f"heading:{clue.kind}" if clue.place == "heading" else _WHERE[clue.place]


@lru_cache(maxsize=1)
def _published_pattern() -> re.Pattern[str]:
    from ..datafile import load_data

    return re.compile(load_data("reading.yaml")["published"])


def _published_line(structure: Structure) -> dt.date | None:
    """A publish date on a web-page line the recogniser set aside."""
    for p in structure.ignored:
        m = _published_pattern().search(p.text)
        if m:
            return parse_date(re.sub(r"\s*[/.年月]\s*", "-", m["date"]).rstrip("-"))
    return None
