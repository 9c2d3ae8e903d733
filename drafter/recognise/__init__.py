"""Recognise the structure of an annual 法治政府建设 report from its paragraphs.

One recogniser for `drafter check` and for the importer. Input is a sequence of paragraphs:
plain strings, or objects with a ``text`` attribute and optionally ``style`` (paragraph style
name), ``alignment`` ("center", …) and ``auto_numbered`` (Word numbering) — such as
:class:`drafter.textsource.SourceParagraph`. Output is a :class:`Structure`:

    title / recipient / opening / parts (kind, heading, paragraphs) / closing / signature / date

with every paragraph given a role, headings parsed into level and number, and the lines a web
page adds around a copied report ("您当前所在位置: 首页 > …", "扫一扫在手机打开当前页", …)
set aside. The wording that identifies the parts is data: ``templates/parts.yaml`` (the
parts) and ``templates/structure.yaml`` (the lines around them).

Modules: `nodes` (paragraphs, parts, structure), `markers` (heading numbers), `patterns` (the
data, compiled), `recogniser` (the recogniser), `year` (the vote on the year reported on);
dates are read by drafter.dates. Import from the package.

    >>> s = recognise(["一、主要举措和成效", "做了很多工作。"])
    >>> s.kinds()
    ['measures']
"""

from __future__ import annotations

from .markers import Heading, parse_heading, split_run_in
from .nodes import (
    BODY,
    CLOSING,
    DATE,
    HEADING,
    NOISE,
    OPENING,
    PART_HEADING,
    RECIPIENT,
    SIGNATURE,
    TITLE,
    FoundPart,
    Para,
    Structure,
)
from .patterns import PartPatterns, StructurePatterns, structure_patterns
from .recogniser import describe, recognise

__all__ = [
    "BODY", "CLOSING", "DATE", "HEADING", "NOISE", "OPENING", "PART_HEADING", "RECIPIENT", "SIGNATURE", "TITLE",
    "FoundPart", "Heading", "Para", "PartPatterns", "Structure", "StructurePatterns",
    "describe", "parse_heading", "recognise", "split_run_in", "structure_patterns",
]
