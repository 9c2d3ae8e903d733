"""Check rules on an answers report that need its composed draft (run before a draft is
written and by `drafter check`, never when loading answers): a topic whose figures write no
sentence and that has no text of its own would be a bare heading; the importer's “待整理”
topic (text it could not place) must be sorted before any draft prints it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .rules import answers_finding
from .findings import Finding

if TYPE_CHECKING:  # pragma: no cover
    from ..document import ComposedDocument
    from ..model import Report


def check_draft(report: Report, composed: ComposedDocument | None = None) -> list[Finding]:
    """Findings with their ``loc``; the excerpt names the field ("一、主要举措和成效 › 第4项") for
    callers that print findings without the answers file's line numbers. `composed`: the
    report's draft, where the caller has composed it (its figure sentences are not made again)."""
    import dataclasses

    from ..document import sentences_by_home
    from ..problems import describe_loc

    found = _unsorted(report, describe_loc)
    sentences = None
    for index, topic in enumerate(report.measures):
        if topic.items or not topic.figures:
            continue
        if sentences is None:
            sentences = composed.figure_sentences if composed is not None else sentences_by_home(report)
        if not sentences.get(index):
            finding = answers_finding("answers.topic_without_text", ("measures", index), heading=topic.heading)
            found.append(dataclasses.replace(finding, part="measures", excerpt=describe_loc(finding.loc)))
    return found


def _unsorted(report: Report, describe_loc) -> list[Finding]:
    """The 待整理 topic: an error a draft cannot be forced past (drafter.check.gate)."""
    import dataclasses

    from ..datafile import load_data

    title = load_data("import_patterns.yaml")["unclassified_title"]
    found = []
    for index, topic in enumerate(report.measures):
        if topic.key != "custom" or topic.title != title:
            continue
        first = topic.items[0].text if topic.items else ""
        example = first if len(first) <= 24 else first[:23] + "…"
        finding = answers_finding(
            UNSORTED, ("measures", index), title=title, count=len(topic.items), example=example
        )
        found.append(dataclasses.replace(finding, part="measures", excerpt=describe_loc(finding.loc)))
    return found


UNSORTED = "answers.unsorted"
