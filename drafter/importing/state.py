"""What the import stages pass to each other (:class:`ImportState`) and what they hand back
(:class:`ImportResult`).

The stages (drafter.importing.builder runs them in this order) each read and fill parts of
one ``ImportState``: metadata → segment and place → harvest figures → topics → assemble →
review notes → fidelity → comments. Nothing else is shared between them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..parts import parts

if TYPE_CHECKING:  # pragma: no cover
    from ruamel.yaml.comments import CommentedMap

    from ..model import Report
    from ..recognise import Heading, Structure
    from .figures import FoundFigure, ImportPatterns, StatedRate
    from .text import LeadRules

Where = tuple[Any, ...]  # where a figure or sentence sits: ("measures", i) / ("duty",) / ("plans",)…

# The parts' labels (templates/parts.yaml), by key.
PART_LABELS = {key: spec.label for key, spec in parts().specs.items()}


@dataclass
class ItemDraft:
    title: str | None
    text: str
    origin: str = ""  # for 待整理: where the text came from


@dataclass
class TopicDraft:
    title: str | None
    items: list[ItemDraft] = field(default_factory=list)
    key: str = "custom"
    how: str = ""  # how the catalogue topic was chosen (a review comment)
    figures: dict[str, Any] = field(default_factory=dict)


@dataclass
class Block:
    """A paragraph of a part, as the importer reads it."""

    text: str
    heading: Heading | None = None  # level ≥ 2, or None
    bold: int = 0  # characters of bold text at its start (.docx)


@dataclass
class Entry:
    """A point inside a part: an optional lead and its text."""

    title: str | None
    text: str
    kind: str  # heading | run | ordinal | lead | intro | plain
    absorb: bool = False  # a heading without run-in text takes the paragraphs after it


@dataclass
class ImportState:
    """One import in progress: the source, the text placed so far, the figures harvested from
    it, and the review notes for the clerk, in the order the stages wrote them."""

    path: Path
    structure: Structure
    patterns: ImportPatterns
    lead_rules: LeadRules
    published: dt.date | None = None  # a web page's publish date (drafter.reading.cleanup)
    review: list[str] = field(default_factory=list)
    # placed text (the place stage)
    topics: list[TopicDraft] = field(default_factory=list)
    duty: list[ItemDraft] = field(default_factory=list)
    shortcomings: list[tuple[str, str]] = field(default_factory=list)
    plans: list[tuple[str, str]] = field(default_factory=list)
    other: list[ItemDraft] = field(default_factory=list)
    unclassified: list[ItemDraft] = field(default_factory=list)
    # a part's own paragraphs before and after its points: {kind: {"before"|"after": text}}
    part_texts: dict[str, dict[str, str]] = field(default_factory=dict)
    part_text_origins: dict[tuple[str, str], str] = field(default_factory=dict)  # (kind, where) → origin
    part_order: list[str] = field(default_factory=list)
    structural: set[str] = field(default_factory=set)  # sub-headings that only divide a combined part
    # How the points of part 1, part 3 and part 5 were written: "一是…二是…" in one paragraph
    # (run) or a paragraph each; one vote per topic with two points or more.
    run_votes: dict[str, int] = field(default_factory=lambda: {"run": 0, "paragraphs": 0})
    placeholders: list[str] = field(default_factory=list)
    keep_title: str | None = None  # the original title, when drafter's differs
    # harvested figures (the harvest stage)
    findings: list[FoundFigure] = field(default_factory=list)
    rates: list[StatedRate] = field(default_factory=list)
    previous: dict[str, Any] = field(default_factory=dict)
    duty_figures: dict[str, Any] = field(default_factory=dict)
    dropped: list[tuple[Where, str]] = field(default_factory=list)  # drafter sentences left out of the text
    binding: Any = None  # drafter.importing.binding.Binding: how the text's numbers were bound

    @property
    def raw(self) -> dict[str, Any]:
        """templates/import_patterns.yaml as read."""
        return self.patterns.raw

    @property
    def year(self) -> int:
        return self.structure.year  # type: ignore[return-value]  # import_report refuses a yearless report

    def note(self, text: str) -> None:
        """A line for the clerk to check (answers-file header, summary, ImportResult.review)."""
        self.review.append(text)

    def part_text(self, kind: str, where: str, text: str, origin: str) -> None:
        """A part's lead-in ("before") or closing paragraph ("after"), kept as the part's own."""
        text = text.strip()
        if text:
            texts = self.part_texts.setdefault(kind, {})
            texts[where] = f"{texts[where]}\n{text}" if texts.get(where) else text
            self.part_text_origins.setdefault((kind, where), origin)

    def unclassify(self, text: str, origin: str) -> None:
        """Text that fits nowhere: kept in the 待整理 topic with where it came from."""
        if text.strip():
            self.unclassified.append(ItemDraft(None, text.strip(), origin))


@dataclass
class ImportResult:
    """Everything `drafter import` found, for the summary and the tests."""

    source: Path
    report: Report
    data: CommentedMap  # with review comments
    structure: Structure
    parts_found: list[str]  # part kinds in the order found
    topics: list[tuple[str, str, str]]  # (key, heading, how)
    findings: list[FoundFigure]
    stated_rates: list[StatedRate]
    review: list[str]  # what the clerk must check, in Chinese
    unclassified: list[ItemDraft]
    body_chars: int
    kept_chars: int
    lost: list[str]  # body sentences not found in the answers (should be empty)
    punctuation_fixed: int
    seconds: float = 0.0
    original_title: str | None = None  # the source's title, when drafter writes another
    topic_notes: list[str] = field(default_factory=list)  # per imported topic: how it was mapped
    unclassified_title: str = "待整理"
    part_text_origins: dict[tuple[str, str], str] = field(default_factory=dict)
    dropped_chrome: list[tuple[str, str]] = field(default_factory=list)  # (label, text) of page chrome left out

    @property
    def kept_ratio(self) -> float:
        return self.kept_chars / self.body_chars if self.body_chars else 1.0

    @property
    def extracted(self) -> list[FoundFigure]:
        return [f for f in self.findings if f.status == "extracted"]
