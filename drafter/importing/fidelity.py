"""Fidelity stage: how much of the source's body the answers keep (nothing may be lost)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from ..model import Report
    from ..recognise import Structure


def measure(structure: Structure, structural: set[str], report: Report,
            written: dict[str, str] | None = None) -> tuple[int, int, list[str]]:
    """Characters of the body (parts 1–5, part headings excluded) found again in the answers,
    and the body sentences not found. ``structural`` headings only divided a combined part;
    ``written`` gives the source's own form of a bound figure ("四" for 【duty_meetings】)."""
    from .text import measure_pieces, normalise
    from ..document import catalogue_sentences

    from ..figures.live import value_texts
    from ..figures.refs import resolve_texts

    sentences = catalogue_sentences(report)
    values = {**value_texts(report), **(written or {})}
    report = resolve_texts(report, values.get)  # the text as the source wrote it

    texts: list[str] = []
    for topic in report.measures:
        texts.append(topic.heading)
        for item in topic.items:
            texts += [item.title or "", item.text]
    for item in report.duty.items + report.other:
        texts += [item.title or "", item.text]
    for s in report.shortcomings:
        texts += [s.problem, s.cause]
    for p in report.plans:
        texts += [p.title, p.text]
    for own in report.part_texts.values():
        texts += [own.before or "", own.after or ""]
    texts += sentences
    haystack = "|".join(normalise(t) for t in texts if t)
    total = kept = cursor = 0
    lost = []
    for part in structure.parts:
        pieces = []
        head = part.heading.heading if part.heading is not None else None
        if head is not None and head.body:
            pieces += measure_pieces(head.body)
        for p in part.paragraphs:
            if p.heading is not None and not p.heading.body and p.heading.text in structural:
                continue  # "（一）存在的问题" inside "三、存在的问题及下一步打算": a divider
            pieces += measure_pieces(p.text)
        for sentence, piece in pieces:
            total += len(piece)
            # The answers keep the report's order: look after the previous piece first, so a
            # long report is measured in linear time rather than searched from the start each time.
            at = haystack.find(piece, cursor)
            if at < 0:
                at = haystack.find(piece)
            if at >= 0:
                cursor = at + len(piece)
                kept += len(piece)
                continue
            # A sentence split between two fields (a plan's title and its text) is kept
            # clause by clause.
            # (or a heading run into its "一是…": "…依法行政水平一是健全决策程序")
            clauses = [normalise(c) for c in re.split(r"[，,、]|(?<=[\u4e00-\u9fff])(?=[一二三四五六七八九十]{1,3}是)", sentence)]
            found = min(len(piece), sum(len(c) for c in clauses if c and c in haystack))
            kept += found  # at most the sentence: a clause may carry an ordinal the piece lost
            if found < len(piece):
                lost.append(sentence)
    return total, kept, lost
