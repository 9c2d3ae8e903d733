"""Rule 2: heading numbers 一、→（一）→ 1. →（1）, without gaps, repeats or skipped levels; a
heading on a line of its own without a closing "。".

Marker problems ("(一)", "（一）、", "1、", "一.") are reported once per document with a count:
a report copied from a web page has dozens of them and one finding with one fix is enough.
"""

from __future__ import annotations

from drafter.check.context import DOCUMENT_WIDE, CheckDocument
from drafter.recognise import HEADING, PART_HEADING, Heading, Para

_MARKER_RULES = {
    "halfwidth": "headings.halfwidth",
    "extra_sep": "headings.extra_sep",
    "dunhao_after_arabic": "headings.arabic_dunhao",
    "dot_after_chinese": "headings.chinese_dot",
}


def marker(level: int, value: int) -> str:
    return Heading(level=level, value=value, marker="", text="").canonical_marker


def check(doc: CheckDocument) -> None:
    _check_part_numbers(doc)
    _check_sub_numbers(doc)
    _check_markers(doc)
    _check_trailing_stops(doc)
    _check_auto_numbering(doc)


def sequence_issues(values: list[int | None], level: int) -> list[tuple[int, int, str]]:
    """Problems in a run of sibling numbers: (index, expected value, Chinese detail).

    ``None`` is a slot without a number (a part heading that lost it): it takes the expected
    value. A single wrong number followed by the right sequence is reported once, as a typo
    ("“（四）”应为“（三）”"), not as a gap and then a repeat.
    """
    issues: list[tuple[int, int, str]] = []
    last = 0
    for i, value in enumerate(values):
        expected = last + 1
        if value is None or value == expected:
            last = expected if value is None else value
            continue
        cur, exp = marker(level, value), marker(level, expected)
        nxt = next(((j, v) for j, v in enumerate(values[i + 1:], start=1) if v is not None), None)
        if nxt is not None and nxt[1] == expected + nxt[0]:
            issues.append((i, expected, f"“{cur}”应为“{exp}”"))
            last = expected
            continue
        if i == 0 or last == 0:
            detail = f"第一个标题是“{cur}”，应从“{marker(level, 1)}”开始"
        elif value == last:
            detail = f"“{cur}”重复"
        elif value > expected:
            missing = "、".join(f"“{marker(level, v)}”" for v in range(expected, min(value, expected + 3)))
            detail = f"“{marker(level, last)}”之后是“{cur}”，缺少{missing}"
        else:
            detail = f"“{marker(level, last)}”之后是“{cur}”，序号倒退"
        issues.append((i, expected, detail))
        last = value
    return issues


def _check_part_numbers(doc: CheckDocument) -> None:
    parts = doc.structure.parts
    values = [part.number if part.numbered else None for part in parts]
    for i, expected, detail in sequence_issues(values, 1):
        doc.add("headings.sequence", parts[i].heading, detail=detail, expected=marker(1, expected))


def _check_sub_numbers(doc: CheckDocument) -> None:
    """Sibling headings (same parent) numbered 1, 2, 3 …; no level skipped under a part."""
    skips: list[tuple[Para, Heading, int]] = []
    groups: dict[tuple, list[Para]] = {}
    for part in doc.structure.parts:
        stack: list[Para] = []  # open ancestors, levels increasing
        for p in part.paragraphs:
            h = p.heading
            if p.role != HEADING or h is None or h.level < 2:
                continue
            while stack and stack[-1].heading.level >= h.level:  # type: ignore[union-attr]
                stack.pop()
            parent_level = stack[-1].heading.level if stack else 1  # type: ignore[union-attr]
            if h.level > parent_level + 1:
                skips.append((p, h, parent_level + 1))
            key = (part.position, stack[-1].number if stack else 0, h.level)
            groups.setdefault(key, []).append(p)
            stack.append(p)
    for paras in groups.values():
        level = paras[0].heading.level  # type: ignore[union-attr]
        values = [p.heading.value for p in paras]  # type: ignore[union-attr]
        for i, expected, detail in sequence_issues(values, level):
            doc.add("headings.sequence", paras[i], start=0, end=len(paras[i].heading.marker), detail=detail, expected=marker(level, expected))  # type: ignore[union-attr]
    if skips:
        p, h, missing_level = skips[0]
        doc.add(
            "headings.skip_level",
            p,
            part=DOCUMENT_WIDE,
            count=len(skips),
            example=h.marker,
            missing=_level_name(missing_level),
            suggest=_level_name(missing_level),
        )


def _level_name(level: int) -> str:
    return {1: "一、", 2: "（一）", 3: "1.", 4: "（1）"}[level]


def _check_markers(doc: CheckDocument) -> None:
    hits: dict[str, list[Para]] = {}
    for p in doc.content:
        if p.heading is None or p.role not in (HEADING, PART_HEADING):
            continue
        for problem in p.heading.problems:
            hits.setdefault(problem, []).append(p)
    for problem, paras in hits.items():
        first = paras[0]
        assert first.heading is not None
        doc.add(
            _MARKER_RULES[problem],
            first,
            part=DOCUMENT_WIDE,
            end=len(first.heading.marker),
            start=0,
            count=len(paras),
            example=first.heading.marker,
        )


def _check_trailing_stops(doc: CheckDocument) -> None:
    """A heading on a line of its own ends without "。" (one with its text run in may); at
    levels 一、 and （一） only: "1.程序规范。" alone is as often a point as a heading."""
    stops = [p for p in doc.content if p.role in (HEADING, PART_HEADING) and p.text.endswith("。")
             and (p.heading is None or (not p.heading.body and p.heading.level <= 2))]
    if stops:
        doc.add("headings.trailing_stop", stops[0], part=DOCUMENT_WIDE, start=len(stops[0].text) - 1, count=len(stops),
                example=stops[0].text if len(stops[0].text) <= 30 else "…" + stops[0].text[-29:])


def _check_auto_numbering(doc: CheckDocument) -> None:
    auto = [
        p
        for p in doc.content
        if getattr(p.source, "auto_numbered", False) and p.role != PART_HEADING
    ]
    if auto:
        doc.add("headings.auto_numbered", auto[0], part=DOCUMENT_WIDE, count=len(auto))

