"""Which outline (《法治政府建设实施纲要（…）》) a report on a given year cites: data in
templates/official_names.yaml, each outline with the years it covers."""

from __future__ import annotations

from .datafile import load_data


def outline_for(year: int) -> str:
    """The title of the outline covering `year`; past the last period, the last outline."""
    outlines = load_data("official_names.yaml")["outlines"]
    covering = [o for o in outlines if o["period"][0] <= year <= o["period"][1]]
    if covering:
        return covering[0]["title"]
    earlier = [o for o in outlines if o["period"][0] <= year]
    return (earlier or outlines)[-1]["title"]
