"""Segment stage: a recognised part's raw paragraphs → blocks (paragraphs with the heading each
one is, numbered or not) → entries (the points inside them: headings, "一是…" runs, ordinals,
lead sentences). No placement happens here; drafter.importing.place decides where entries go.
"""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING, Any

from ..units import figure_with_unit
from .state import Block, Entry

if TYPE_CHECKING:  # pragma: no cover
    from ..recognise import FoundPart, Heading, Para
    from .text import LeadRules

_STYLE_LEVEL = re.compile(r"^(?:heading|标题)\s*(\d)$", re.I)
_STYLE_NAMED = {"二级标题": 2, "三级标题": 3, "四级标题": 4}
_SENTENCE_MARKS = re.compile(r"[。！？；;!?]")


def restore_punctuation(paragraphs: list) -> tuple[list, int]:
    """The source paragraphs with half-width punctuation made full-width, and how many changed."""
    from ..punctuation import fix_halfwidth

    out, total = [], 0
    for p in paragraphs:
        text, changes = fix_halfwidth(p.text)
        total += changes
        out.append(dataclasses.replace(p, text=text) if changes else p)
    return out, total


def part_blocks(part: FoundPart) -> list[Block]:
    """The part's paragraphs; a heading that lost its number (Word numbering, a heading
    style, or a short line without punctuation before a paragraph) counts as one."""
    blocks = []
    head = part.heading.heading if part.heading is not None else None
    if head is not None and head.body:  # "一、…。正文…" run in after a part heading
        blocks.append(Block(head.body))
    paragraphs = part.paragraphs
    numbered2 = any(p.heading is not None and p.heading.level == 2 for p in paragraphs)
    for index, p in enumerate(paragraphs):
        heading = p.heading
        if heading is None:
            following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
            heading = unnumbered_heading(p, following, level=3 if numbered2 else 2)
        bold = bold_prefix(p.source)
        blocks.append(Block(p.text, heading=heading, bold=bold))
    return blocks


def entries(blocks: list[Block], rules: LeadRules) -> list[Entry]:
    """The points of a run of blocks, in order."""
    from .text import leading_run_number, split_run, strip_leading_run

    out: list[Entry] = []
    for block in blocks:
        h = block.heading
        if h is not None:
            out.append(Entry(h.text, h.body, "heading", absorb=not h.body))
            continue
        text = block.text
        if out and out[-1].absorb and leading_run_number(text) is None:
            last = out[-1]
            last.text = f"{last.text}\n{text}" if last.text else text
            continue
        if out:
            out[-1].absorb = False
        run = split_run(text)
        if run is not None and not run[0]:
            out += [point(item, "run", rules) for item in run[1]]
            continue
        if leading_run_number(text) is not None:
            out.append(point(strip_leading_run(text), "ordinal", rules))
            continue
        found = lead(text, rules, block.bold)
        if found is not None:
            out.append(Entry(found[0], found[1], "lead"))
        elif run is not None:
            out.append(Entry(None, run[0], "intro"))
            out += [point(item, "run", rules) for item in run[1]]
        else:
            out.append(Entry(None, text, "plain"))
    return out


def lead(text: str, rules: LeadRules, bold: int = 0) -> tuple[str, str] | None:
    """A lead sentence, but never one of drafter's figure sentences ("全年无行政复议…")."""
    from .figures import match_wording
    from .text import split_lead

    from ..sentences import split_sentences

    found = split_lead(text, rules, bold)
    if found is not None and match_wording(found[0] + "。") is not None:
        return None
    # A point whose text is only drafter's figure sentences (woven into its paragraph) has no lead.
    if found is not None and found[1] and all(match_wording(s) is not None for s in split_sentences(found[1])):
        return None
    return found


def point(text: str, kind: str, rules: LeadRules) -> Entry:
    from .text import tidy_end

    text = tidy_end(text)
    found = lead(text, rules)
    if found is not None:
        return Entry(found[0], found[1], kind)
    return Entry(None, text, kind)


def bold_prefix(source: Any) -> int:
    """Characters of bold text at the start of a .docx paragraph (0 for text files)."""
    count = 0
    for run in getattr(source, "runs", ()) or ():
        if not run.bold:
            break
        count += len(run.text)
    return count


def unnumbered_heading(para: Para, following: Para | None, *, level: int) -> Heading | None:
    """A sub-heading without a literal number: Word numbering or a heading style supplies it,
    or (plain text copied from Word loses automatic numbers) a short line with no punctuation
    that stands before a paragraph of running text."""
    from ..recognise import Heading

    text = para.text.strip()
    inner = text.rstrip("。.")
    if not inner or _SENTENCE_MARKS.search(inner) or inner[-1] in "：:，,、":
        return None
    style = (para.style or "").strip()
    m = _STYLE_LEVEL.match(style)
    styled = int(m[1]) if m else _STYLE_NAMED.get(style)
    if styled and styled >= 2 and len(inner) <= 60:
        return Heading(level=styled, value=0, marker="", text=inner, body="")
    if getattr(para.source, "auto_numbered", False) and len(inner) <= 60:
        return Heading(level=level, value=0, marker="", text=inner, body="")
    from .text import leading_run_number

    if (
        text == inner  # no final full stop: a sentence is no heading
        and len(inner) <= 30
        and leading_run_number(inner) is None
        and not figure_with_unit(time=False).search(inner)
        and following is not None
        and following.heading is None
        and len(following.text) > len(text)
        and _SENTENCE_MARKS.search(following.text)
    ):
        return Heading(level=level, value=0, marker="", text=inner, body="")
    return None
