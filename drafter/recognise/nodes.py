"""What the recogniser finds: paragraphs with their roles, the parts, the whole structure."""

from __future__ import annotations

import datetime as dt
import weakref
from dataclasses import dataclass, field
from typing import Any

from .markers import Heading

# Roles a paragraph can have.
TITLE = "title"
RECIPIENT = "recipient"
OPENING = "opening"
PART_HEADING = "part_heading"
HEADING = "heading"
BODY = "body"
CLOSING = "closing"
SIGNATURE = "signature"
DATE = "date"
NOISE = "noise"
COVER = "cover"  # the covering letter a department sends its report with, above the report's title


@dataclass(eq=False)
class Para:
    """One non-blank input paragraph with its role in the report."""

    number: int  # 1-based position among the non-blank input paragraphs (noise included)
    index: int  # position in the input sequence
    text: str  # the paragraph text, outer whitespace removed
    role: str = BODY
    heading: Heading | None = None
    source: Any = field(default=None, repr=False)  # the input object
    _part: weakref.ref[FoundPart] | None = field(default=None, init=False, repr=False)

    @property
    def style(self) -> str | None:
        return getattr(self.source, "style", None)

    @property
    def part(self) -> FoundPart | None:
        """The part it belongs to, held weakly: the part holds its paragraphs, and a paragraph
        holding its part back made every recognised report a knot of reference cycles (some
        sixty objects a draft) for the garbage collector to find, instead of freed with its
        check. The structure holds its parts for as long as anyone reads them."""
        return None if self._part is None else self._part()

    @part.setter
    def part(self, part: FoundPart | None) -> None:
        self._part = None if part is None else weakref.ref(part)


@dataclass(eq=False)
class FoundPart:
    """A part of the report: its heading and everything up to the next part heading."""

    kinds: tuple[str, ...]  # usually one kind; () when the heading names no known part
    heading: Para | None
    title: str  # heading text without its number
    position: int  # 1-based slot among the parts
    numbered: bool  # the heading carries a literal "一、" number
    number: int | None = None  # the literal number's value
    auto_numbered: bool = False  # Word numbering supplies the number (no literal text)
    year: int | None = None  # a year named in the heading
    paragraphs: list[Para] = field(default_factory=list, repr=False)

    @property
    def kind(self) -> str | None:
        return self.kinds[0] if self.kinds else None

    @property
    def body(self) -> list[Para]:
        """Paragraphs of running text (sub-headings excluded)."""
        return [p for p in self.paragraphs if p.role == BODY]

    @property
    def headings(self) -> list[Para]:
        return [p for p in self.paragraphs if p.role == HEADING]

    @property
    def is_empty(self) -> bool:
        """No running text at all: neither a paragraph nor a heading's run-in text, nor a
        numbered point written as a sentence ("1.强化合法性审查，实现审查全覆盖。")."""
        if self.heading is not None and self.heading.heading and self.heading.heading.body:
            return False
        for p in self.paragraphs:
            if p.role == BODY or (p.heading is not None and (p.heading.body or p.text.endswith(("。", "；", ";")))):
                return False
        return True


@dataclass(eq=False)
class Structure:
    """The recognised report."""

    paragraphs: list[Para]  # all non-blank paragraphs, in order
    title_paragraphs: list[Para] = field(default_factory=list)
    recipient: Para | None = None
    cover: list[Para] = field(default_factory=list)  # "现将…随文上报。特此报告。" + its signature and date
    opening: list[Para] = field(default_factory=list)
    parts: list[FoundPart] = field(default_factory=list)
    closing: list[Para] = field(default_factory=list)
    signature: Para | None = None
    date: Para | None = None
    date_value: dt.date | None = None  # None with a `date`: the line is left blank to fill in
    metadata: dict[str, str] = field(default_factory=dict)  # from web-page header rows
    year: int | None = None  # the year reported on
    # (where, year it implies, paragraph): where is "title", "opening", "heading:<kind>",
    # "date", "body" (the year most named in parts 1–3), "plans" (a plans sentence naming the
    # next year) or "published" (web-page date)
    year_evidence: list[tuple[str, int, Para | None]] = field(default_factory=list)
    year_note: str = ""  # which place gave the year and which disagree (drafter.reading.year)

    @property
    def title(self) -> str | None:
        if not self.title_paragraphs:
            return None
        return "".join(p.text for p in self.title_paragraphs)

    @property
    def ignored(self) -> list[Para]:
        return [p for p in self.paragraphs if p.role == NOISE]

    @property
    def content(self) -> list[Para]:
        """Paragraphs that belong to the report (web-page lines left out)."""
        return [p for p in self.paragraphs if p.role != NOISE]

    @property
    def headings(self) -> list[Para]:
        return [p for p in self.paragraphs if p.heading is not None]

    def kinds(self) -> list[str]:
        """FoundPart kinds in the order found, each once."""
        seen: list[str] = []
        for part in self.parts:
            for k in part.kinds:
                if k not in seen:
                    seen.append(k)
        return seen

    def part(self, kind: str) -> FoundPart | None:
        for p in self.parts:
            if kind in p.kinds:
                return p
        return None
