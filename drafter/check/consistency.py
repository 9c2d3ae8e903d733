"""Check rules on an answers report: consistency across fields (parts ≤ totals, the date
window, empty parts, figures entered twice…).

Types and shapes are the model's job; these rules read a valid `Report` and return findings
(drafter.check.findings) whose ``loc`` is the field's place in the answers file, so the loader
can name the line. Messages and severities: templates/check_rules.yaml (``answers.*``). Rules
that need the composed draft live in drafter.check.draft: loading answers composes nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..catalogue import catalogue, exceeded
from ..dates import writing_window
from ..figures.refs import report_texts
from ..text import format_number
from .findings import ERROR, Finding
from .references import reference_problems, unfilled_problems
from .rules import answers_finding

if TYPE_CHECKING:  # pragma: no cover
    from ..model import Report


def check_report(report: Report, *, require_values: bool = True) -> list[Finding]:
    """All consistency findings of `report`, errors first.

    `require_values=False` leaves out figures referenced in the text but not yet given (a file
    still to be filled: `drafter figures`, `drafter new` before the figures are in)."""
    texts = report_texts(report)  # read once for both rules on references
    findings = [
        *reference_problems(report, texts),
        *(unfilled_problems(report, texts) if require_values else []),
        *_empty_parts(report),
        *_figures_entered_twice(report),
        *_parts_above_totals(report),
        *_date_window(report),
        *_enforcement_without_power(report),
        *_repeated_topics(report),
    ]
    return sorted(findings, key=lambda f: f.severity != ERROR)


def _empty_parts(report: Report) -> list[Finding]:
    found = []
    if not any(topic.items or topic.figures for topic in report.measures):
        found.append(answers_finding("answers.measures_empty", ("measures",)))
    for index, topic in enumerate(report.measures):
        if not topic.items and not topic.figures:
            found.append(answers_finding("answers.topic_empty", ("measures", index), heading=topic.heading))
    if not report.shortcomings:
        found.append(answers_finding("answers.shortcomings_empty", ("shortcomings",)))
    if not report.duty.items and not report.duty.figures:
        found.append(answers_finding("answers.duty_empty", ("duty",)))
    if not report.plans:
        found.append(answers_finding("answers.plans_empty", ("plans",)))
    return found


def _figures_entered_twice(report: Report) -> list[Finding]:
    seen: dict[str, Any] = {}
    found = []
    for loc, figures in report.figure_blocks():
        for key, value in figures.items():
            if key in seen:
                first = seen[key]
                values = ""
                if _is_number(first) and _is_number(value) and first != value:
                    values = f"（{format_number(first)}和{format_number(value)}）"
                found.append(answers_finding("answers.figure_twice", loc + (key,), label=catalogue().label(key), key=key,
                                             values=values))
            else:
                seen[key] = value
    return found


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _locate(report: Report, key: str) -> tuple[Any, ...]:
    for loc, figures in report.figure_blocks():
        if key in figures:
            return loc + (key,)
    return ()


def _parts_above_totals(report: Report) -> list[Finding]:
    cat = catalogue()
    figures = report.figures()
    found = []
    for constraint, present, subtotal in exceeded(figures):
        unit = cat.indicators[constraint.total].unit
        if len(present) == 1:
            part, value = present[0]
            parts = f"“{cat.label(part)}”{format_number(value)}{unit}"
        else:
            parts = "、".join(f"“{cat.label(p)}”{format_number(v)}{unit}" for p, v in present)
            parts += f"之和{format_number(subtotal)}{unit}"
        found.append(answers_finding(
            "answers.part_exceeds_total",
            _locate(report, present[0][0]),
            parts=parts,
            total_label=cat.label(constraint.total),
            total=f"{format_number(figures[constraint.total])}{unit}",
        ))
    return found


def _date_window(report: Report) -> list[Finding]:
    loc = ("unit", "written_on")
    written = report.unit.written_on
    if written is None:
        return [answers_finding("answers.date_missing", loc)]
    year = report.year
    window = writing_window(written, year)
    if window is None:
        return []
    values = {"date": written.isoformat(), "year": year, "next_year": year + 1}
    return [answers_finding(f"answers.date_{window}", loc, **values)]


def _enforcement_without_power(report: Report) -> list[Finding]:
    if report.unit.enforces:
        return []
    indicators = catalogue().indicators
    return [
        answers_finding("answers.enforcement_without_power", loc + (key,), label=indicators[key].label)
        for loc, figures in report.figure_blocks()
        for key in figures
        if indicators[key].enforcement
    ]


def _repeated_topics(report: Report) -> list[Finding]:
    seen = set()
    found = []
    for index, topic in enumerate(report.measures):
        if topic.key != "custom" and topic.key in seen:
            found.append(answers_finding("answers.topic_repeated", ("measures", index, "key"), heading=topic.heading))
        seen.add(topic.key)
    return found
