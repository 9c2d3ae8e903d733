"""The year a report is about, by vote of the places that name it."""

from __future__ import annotations

import re
from collections import Counter

from ..dates import years_in
from .nodes import Para, Structure

_OPENING_YEAR = re.compile(r"现将[^。]{0,12}?(\d{4})\s*年")
_QUOTED = re.compile(r"《[^》]*》|\d{4}\s*[-－—–~～至到]\s*\d{4}")
_PUBLISHED = re.compile(r"(?:发文日期|发布日期|发布时间|成文日期|时间|日期)\s*[:：|\s]*\s*(\d{4})[-/.年]")


def _body_year(structure: Structure) -> tuple[int, Para] | None:
    """The year most often named in parts 1–3 (book titles and ranges left out)."""
    counts: Counter = Counter()
    first: dict[int, Para] = {}
    for part in structure.parts:
        if part.kind not in ("measures", "shortcomings", "duty"):
            continue
        for p in part.paragraphs:
            for y in years_in(_QUOTED.sub("", p.text)):
                counts[y] += 1
                first.setdefault(y, p)
    if not counts:
        return None
    (y, n), *rest = counts.most_common(2) + [(None, 0)]
    if rest and rest[0][1] == n:  # no clear majority
        return None
    return y, first[y]


def detect_year(structure: Structure, given: int | None) -> tuple[int | None, list[tuple[str, int, Para | None]]]:
    """The year reported on, by vote of the places that name it.

    Evidence (each one vote, in this order of precedence for ties): the title, the opening's
    "现将2024年…报告如下", the headings of parts 1–3 (the year itself), the plans heading
    (year + 1), the date (year + 1: reports are written in the first quarter), the year most
    named in parts 1–3, and a web page's publication date (year + 1).
    """
    evidence: list[tuple[str, int, Para | None]] = []
    if structure.title:
        ys = years_in(structure.title)
        if ys:
            evidence.append(("title", ys[0], structure.title_paragraphs[0]))
    for p in structure.opening[:2]:
        m = _OPENING_YEAR.search(p.text)
        if m:
            evidence.append(("opening", int(m[1]), p))
            break
    for part in structure.parts:
        if part.year is None:
            continue
        if part.kind == "plans":
            evidence.append(("heading:plans", part.year - 1, part.heading))
        elif part.kind in ("measures", "shortcomings", "duty"):
            evidence.append((f"heading:{part.kind}", part.year, part.heading))
    if structure.date_value is not None:
        evidence.append(("date", structure.date_value.year - 1, structure.date))
    body = _body_year(structure)
    if body is not None:
        evidence.append(("body", body[0], body[1]))
    published = None
    for p in structure.ignored:
        m = _PUBLISHED.search(p.text)
        if m:
            published = int(m[1]) - 1
            break
    if published is not None:
        evidence.append(("published", published, None))
    if given is not None:
        return given, evidence
    if not evidence:
        return None, evidence
    counts = Counter(y for _, y, _ in evidence)
    best = max(counts.values())
    for _, y, _ in evidence:  # ties: the first place wins
        if counts[y] == best:
            return y, evidence
    return None, evidence  # pragma: no cover
