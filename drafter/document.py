"""Compose a `Report` into the document's text: title, opening, numbered parts, signature.

The composed document is format-neutral: the .docx template, the Markdown/HTML export
and the checker all read it, so every output says exactly the same thing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from .model import Item, PartKey, Report
from .outlines import outline_for
from .parts import part_spec
from .figures.live import value_texts
from .figures.refs import referenced_keys, report_texts, resolve_texts
from .text import ends_sentence, format_date, lines, part_ordinal, run_ordinal, topic_ordinal
from .title import title_lines
from .clauses import join_clauses
from .wording import WrittenSentence, fill, subject_of, wording, written_sentences

BlockKind = Literal["heading2", "heading3", "run_in", "body"]


@dataclass
class Block:
    """One paragraph inside a part. `run_in`: a （一）lead in 楷体 followed by body text."""

    kind: BlockKind
    text: str
    lead: str = ""

    @property
    def full_text(self) -> str:
        return self.lead + self.text


@dataclass
class ComposedPart:
    key: str
    heading: str  # with its ordinal: "一、2024年推进法治政府建设的主要举措和成效"
    blocks: list[Block] = field(default_factory=list)


@dataclass
class ComposedDocument:
    title_lines: list[str]  # the title as it breaks on the page (one line when it fits)
    recipient: str | None  # with the trailing "："
    opening: str
    parts: list[ComposedPart]
    closing: str
    signature: str
    date: str
    # the figure sentences written into the parts, with their wordings, by the block holding
    # their home figure (`sentences_by_home`; drafter.check reads them here, not back)
    figure_sentences: dict[int | str, list[WrittenSentence]] = field(default_factory=dict)

    @property
    def title(self) -> str:
        return "".join(self.title_lines)

    def paragraphs(self) -> list[str]:
        """The document's text, one string a paragraph, in reading order."""
        out = [self.title]
        if self.recipient:
            out.append(self.recipient)
        out.append(self.opening)
        for part in self.parts:
            out.append(part.heading)
            out.extend(block.full_text for block in part.blocks)
        out += [self.closing, self.signature, self.date]
        return out


def compose(report: Report) -> ComposedDocument:
    """The document of `report`: references 【key】 become their values, and the catalogue's
    sentences state the figures the clerk's text does not, at the end of their topic's text."""
    texts = report_texts(report)  # listed once for resolving and for the figure sentences
    plain = resolved(report, texts)
    sentences = sentences_by_home(report, plain, texts)
    report = plain
    words = wording()
    values = {
        "year": report.year,
        "next_year": report.next_year,
        "unit": report.unit.name,
        "superiors": report.unit.superiors,
        "outline": outline_for(report.year),
    }
    focus = report.opening_focus if report.opening_focus is not None else words["opening_focus_default"]
    builders = {
        PartKey.measures: lambda: _measures(report, sentences),
        PartKey.shortcomings: lambda: _shortcomings(report),
        PartKey.duty: lambda: _duty(report, sentences),
        PartKey.plans: lambda: _plans(report),
        PartKey.other: lambda: _items(report.other, report.layout.items_as),
    }
    order = list(report.layout.part_order)
    if report.other and PartKey.other not in order:
        order.append(PartKey.other)
    parts = []
    for key in order:
        blocks = builders[key]()
        if key is PartKey.other and not blocks:
            continue
        own = report.part_texts.get(key)
        if own is not None:
            blocks = _own_text(own.before) + blocks + _own_text(own.after)
        heading = part_ordinal(len(parts) + 1) + fill(part_spec(key.value).heading, **values)
        parts.append(ComposedPart(key.value, heading, blocks))
    written = report.unit.written_on
    return ComposedDocument(
        title_lines=_title_lines(words, values),
        recipient=ends_colon(report.unit.recipient) if report.unit.recipient else None,
        opening=_opening(report, words, focus, values),
        parts=parts,
        closing=words["closing"],
        signature=report.signatory,
        date=format_date(written) if written else fill(words["date_placeholder"], **values),
        figure_sentences=sentences,
    )


def _title_lines(words: dict, values: dict) -> list[str]:
    return title_lines([fill(line, **values) for line in words["title_lines"]], words["title_line_width"])


def _opening(report: Report, words: dict, focus: str, values: dict) -> str:
    """The unit's own opening paragraph if it wrote one, else the catalogue's, with its focus."""
    if not report.opening:
        return fill(words["opening"], focus=focus, **values)
    opening = "".join(lines(report.opening))
    # "现将有关情况报告如下。" (or 汇报如下, no stop at all) already leads in: only its colon is set.
    lead_in = re.search(r"(?:报告|汇报)如下[：:。.；;，,]?$", opening)
    if lead_in:
        return opening[: lead_in.start()] + lead_in[0][:4] + "："
    return ends_sentence(opening) + words["opening_lead_in"]


def ends_colon(text: str) -> str:
    return text.rstrip("：:") + "："


def resolved(report: Report, texts: list[tuple[tuple, str]] | None = None) -> Report:
    """`report` with every reference 【key】 in its texts replaced by the figure's value
    (`texts`: its `report_texts`, where the caller has them already)."""
    texts = texts if texts is not None else report_texts(report)
    if not any("【" in text for _, text in texts):
        return report
    return resolve_texts(report, value_texts(report, referenced_only=True, texts=texts).get, texts)


def sentences_by_home(report: Report, plain: Report | None = None,
                      texts: list[tuple[tuple, str]] | None = None) -> dict[int | str, list[WrittenSentence]]:
    """Figure sentences grouped by the block holding their home figure (topic index or "duty").

    Figures the clerk's text states (as 【key】) get no sentence; a sentence whose counts the
    text already gives as plain numbers (an old or imported file) is left out too. `plain`: the
    report already resolved (`resolved(report)`); `texts`: its `report_texts`, where the caller
    has them already."""
    texts = texts if texts is not None else report_texts(report)
    stated = referenced_keys(report, texts)
    plain = plain or resolved(report, texts)
    home_of: dict[str, int | str] = {}
    for index, topic in enumerate(report.measures):
        for key in topic.figures:
            home_of.setdefault(key, index)
    for key in report.duty.figures:
        home_of.setdefault(key, "duty")
    homes = set(home_of.values())  # a sentence goes where its figure is: no other block gets one
    written = {index: _block_text(topic.items) for index, topic in enumerate(plain.measures) if index in homes}
    if "duty" in homes:
        written["duty"] = _block_text(plain.duty.items)
    before = {home: _last_sentences(text) for home, text in written.items()}
    grouped: dict[int | str, list[WrittenSentence]] = {}
    figures, rates, subject = report.figures(), report.rates(), subject_of(report.unit.name)
    sentences = written_sentences(
        figures, rates, report.previous_figures,
        stated=stated, subject=subject, home_of=home_of, before=before,
    )
    for sentence in sentences:
        home = home_of[sentence.home]
        if not _already_stated(sentence.text, written[home]):
            grouped.setdefault(home, []).append(sentence)
    return {home: join_clauses(found, figures, rates, report.previous_figures, subject, before.get(home, []))
            for home, found in grouped.items()}


def catalogue_sentences(report: Report) -> list[str]:
    """Every sentence the draft adds for the figures, in the order it writes them."""
    return [sentence.text for home in sentences_by_home(report).values() for sentence in home]


# A sentence: up to and with its end mark, or what follows the last one (a lookbehind split at
# every end mark finds the same, trying the lookbehind at every character).
_SENTENCE = re.compile(r"[^。！？；]*[。！？；]|[^。！？；]+")


def _last_sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE.findall(text) if s.strip()][-2:]


def _block_text(items: list[Item]) -> str:
    return "".join(_item_text(item) for item in items)


def _already_stated(sentence: str, text: str) -> bool:
    """True when the clerk's own text already gives every count of `sentence` (an imported
    report keeps its sentences): saying "59件" twice would read as a mistake. A sentence that
    adds something (a 同比, a computed rate) is always kept."""
    if "同比" in sentence or "%" in sentence:
        return False
    counts = _counts_pattern().findall(sentence)
    # `count in text` first: the quick test for what the text does not give at all
    return bool(counts) and all(count in text and re.search(rf"(?<![\d.]){re.escape(count)}", text) for count in counts)


@lru_cache(maxsize=1)
def _counts_pattern() -> re.Pattern:
    from .catalogue import catalogue

    units = sorted({i.unit for i in catalogue().indicators.values() if i.unit}, key=len, reverse=True)
    return re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?:" + "|".join(map(re.escape, units)) + ")")


def _item_text(item: Item) -> str:
    return ends_sentence(item.title) + item.text if item.title else item.text


def _one_paragraph(text: str) -> str:
    """A multi-line answer that must stay one paragraph (a run-in cause, a plan)."""
    return ends_sentence("".join(lines(text)))


def _items(items: list[Item], items_as: str) -> list[Block]:
    """Points as paragraphs: a single point stands alone; several get 一是、二是… A first point
    without a title before points that have one leads them in, unnumbered ("2024年，全市办件
    3000件。一是深化简政放权改革。…")."""
    texts = [_item_text(item) for item in items]
    if not texts:
        return []
    if len(texts) == 1:
        return [Block("body", ends_sentence(line)) for line in lines(texts[0])]
    lead_in = ""
    if len(items) > 2 and not items[0].title and all(item.title for item in items[1:]):
        lead_in, texts = texts[0], texts[1:]
    if items_as == "run":
        joined = "".join(run_ordinal(n) + _one_paragraph(t) for n, t in enumerate(texts, 1))
        return [Block("body", (_one_paragraph(lead_in) if lead_in else "") + joined)]
    blocks = _own_text(lead_in)
    for n, text in enumerate(texts, 1):
        paragraphs = lines(text)
        blocks.append(Block("body", run_ordinal(n) + ends_sentence(paragraphs[0])))
        blocks.extend(Block("body", ends_sentence(p)) for p in paragraphs[1:])
    return blocks


def _own_text(text: str | None) -> list[Block]:
    return [Block("body", paragraph) for paragraph in lines(text)] if text else []


def _with_figures(blocks: list[Block], sentences: list[WrittenSentence]) -> list[Block]:
    """The figure sentences join the last paragraph of the text (a paragraph of their own when
    there is no text)."""
    if not sentences:
        return blocks
    joined = "".join(sentence.text for sentence in sentences)
    if blocks and blocks[-1].kind == "body":
        last = blocks[-1]
        return blocks[:-1] + [Block("body", ends_sentence(last.text) + joined, last.lead)]
    return blocks + [Block("body", joined)]


def _measures(report: Report, sentences: dict) -> list[Block]:
    blocks = []
    for index, topic in enumerate(report.measures):
        blocks.append(Block("heading2", topic_ordinal(index + 1) + topic.heading))
        blocks += _with_figures(_items(topic.items, report.layout.items_as), sentences.get(index, []))
    return blocks


def _duty(report: Report, sentences: dict) -> list[Block]:
    return _with_figures(_items(report.duty.items, report.layout.items_as), sentences.get("duty", []))


def _shortcomings(report: Report) -> list[Block]:
    return [
        Block("run_in", _one_paragraph(s.cause), lead=topic_ordinal(n) + ends_sentence(s.problem))
        for n, s in enumerate(report.shortcomings, 1)
    ]


def _plans(report: Report) -> list[Block]:
    return [
        Block("run_in", _one_paragraph(p.text), lead=topic_ordinal(n) + ends_sentence(p.title))
        for n, p in enumerate(report.plans, 1)
    ]
