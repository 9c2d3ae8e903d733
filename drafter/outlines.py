"""The outlines (《法治政府建设实施纲要（…）》) and the years each covers: data in
templates/official_names.yaml, read once for the opening a report cites and for the check."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .datafile import load_data


@dataclass(frozen=True)
class Outline:
    title: str
    start: int
    end: int
    confirmed: bool  # False while the title is not yet published (kept as data, flagged as such)


@lru_cache(maxsize=1)
def outlines() -> tuple[Outline, ...]:
    return tuple(
        Outline(o["title"], int(o["period"][0]), int(o["period"][1]), bool(o.get("confirmed", True)))
        for o in load_data("official_names.yaml")["outlines"]
    )


def covering(year: int) -> Outline | None:
    """The outline whose period holds `year`, if any."""
    return next((o for o in outlines() if o.start <= year <= o.end), None)


def outline_for(year: int) -> str:
    """The title of the outline a report on `year` cites; past the last period, the last outline."""
    outline = covering(year)
    if outline is not None:
        return outline.title
    earlier = [o for o in outlines() if o.start <= year]
    return (earlier or list(outlines()))[-1].title
