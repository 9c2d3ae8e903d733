"""Keep a figure whole across line breaks in the .docx: "55001件", "24小时", "成功率100%".

Word and LibreOffice may break a Chinese line anywhere between two characters, so a number
ends one line and its measure word starts the next ("已处置55001" / "件"), or a label ends
a line and its number starts the next ("调处成功率" / "100%。"). Applied to the rendered
document only: the composed text, the Markdown and HTML exports and everything drafter reads
back stay free of it (``drafter.textsource`` removes the glue when it reads a .docx).

How, measured in LibreOffice 7.4 (PDF laid out, read back with pdftotext):

* A WORD JOINER (U+2060, zero width, no glyph in the PDF's text) goes between the label's last
  Han character and the number, and between every two characters of the figure after its
  digits ("100%", "24小时", "10余场"). LibreOffice honours it where the line is cut at a digit,
  which its Unicode (ICU) rules handle;
* but where the cut falls on a Chinese character, LibreOffice's CJK line breaker takes any
  place that its forbidden-character lists allow and ignores the joiner. So the Chinese
  characters of the figure's unit are written with no East Asian language (``w:lang
  w:eastAsia="x-none"``, which Word writes itself for text without a language, and which keeps
  Word from proofing the unit): LibreOffice then breaks them with its Unicode rules too.

Neither alone was enough (joiner alone: 5 of 5 breaks before a unit stayed on the examples and
the xixia import; language alone: 5 of 5). Word's ``w:noLineBreaksBefore`` lists, ``w:fitText``
and ``w:eastAsianLayout`` around the figure left every break in place.
"""

from __future__ import annotations

import re
from functools import lru_cache

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from .docx_layout import get_or_add_child
from .punctuation import is_han
from .text import WORD_JOINER
from .units import figure_with_unit

#: The East Asian language of a unit's Chinese characters: none (see the module's docstring).
NO_LANGUAGE = "x-none"

_NUMBER = re.compile(r"[\d.]")
_DIGIT = re.compile(r"\d")
# Tag names, looked up once (a report rewrites some eighty runs).
_P, _R, _RPR, _T = qn("w:p"), qn("w:r"), qn("w:rPr"), qn("w:t")
_EAST_ASIA, _LANG = qn("w:eastAsia"), qn("w:lang")
_PRESERVE = {"{http://www.w3.org/XML/1998/namespace}space": "preserve"}


def glue_points(text: str) -> tuple[set[int], set[int]]:
    """Where ``text`` takes a joiner (before index i) and which indexes are a unit's Chinese
    characters: for each figure, before its number when a Han character precedes it, and
    between any two characters of it not both digits (nor next to a space)."""
    joins: set[int] = set()
    unit_chars: set[int] = set()
    for match in figure_with_unit(time=True).finditer(text):
        start, end = match.span()
        if start and is_han(text[start - 1]):
            joins.add(start)
        for i in range(start + 1, end):
            before, after = text[i - 1], text[i]
            if not (_NUMBER.match(before) and _NUMBER.match(after)) and not before.isspace() and not after.isspace():
                joins.add(i)
        unit_chars.update(i for i in range(start, end) if not (text[i].isascii() or text[i].isspace() or text[i].isdigit()))
    return joins, unit_chars


def glue_figures(document) -> int:
    """Glue every figure of the body's paragraphs (see the module's docstring); returns how
    many joiners were written."""
    written = 0
    for paragraph in document.element.body.iter(_P):
        written += _glue_paragraph(paragraph)
    return written


def _glue_paragraph(paragraph) -> int:
    texts = [t for t in paragraph.iter(_T) if t.text]
    text = "".join(t.text for t in texts)
    if not _DIGIT.search(text):                   # a figure starts with a digit
        return 0
    joins, unit_chars = glue_points(text)
    if not joins:
        return 0
    # Each w:t's text is cut where it enters or leaves a unit's Chinese characters; a joiner
    # goes after the character before its index, in that character's piece.
    changes = {i for i in unit_chars if i - 1 not in unit_chars} | {i + 1 for i in unit_chars if i + 1 not in unit_chars}
    marks = sorted(joins)
    pieces: dict = {}                             # w:t → [(text, is a unit's Chinese character)]
    offset, m = 0, 0
    for t in texts:
        end = offset + len(t.text)
        cuts = sorted({offset, end, *(i for i in changes if offset < i < end)})
        own = pieces[t] = []
        for start, stop in zip(cuts, cuts[1:]):
            chunk, at = [], start
            while m < len(marks) and marks[m] <= stop:
                if marks[m] > start:
                    chunk += (text[at:marks[m]], WORD_JOINER)
                    at = marks[m]
                m += 1
            chunk.append(text[at:stop])
            own.append(("".join(chunk), start in unit_chars))
        offset = end
    runs = dict.fromkeys(t.getparent() for t in texts)
    for run in runs:
        _rewrite_run(run, pieces)
    return len(joins)


def _rewrite_run(run, pieces: dict) -> None:
    """Write the glued texts of `run`; a unit's Chinese characters go in a run of their own
    (a copy of the run's properties) with no East Asian language."""
    children = list(run)
    if run.tag != _R or not any(flag for child in children if child in pieces for _, flag in pieces[child]):
        for child in children:
            if child in pieces:
                child.text = "".join(text for text, _ in pieces[child])
        return
    rpr = None
    items: list[tuple[object, bool]] = []        # (text or element, unit)
    for child in children:
        if child.tag == _RPR:
            rpr = child if rpr is None else rpr
            continue
        items += pieces[child] if child in pieces else [(child, False)]
    groups: list[list] = []
    for item in items:
        if groups and groups[-1][0][1] == item[1]:
            groups[-1].append(item)
        else:
            groups.append([item])
    parent = run.getparent()
    index = parent.index(run)
    parent.remove(run)
    for offset, group in enumerate(groups):
        parent.insert(index + offset, _run_of(run, rpr, group))


def _run_of(model, rpr, group: list) -> object:
    """A run like `model` (its attributes, a copy of its properties `rpr`) holding `group`."""
    unit = group[0][1]
    if rpr is None and unit:                      # the usual unit: a copy of one made once
        run = _bare_unit_run().__copy__()
        for name, value in model.attrib.items():
            run.set(name, value)
    else:
        run = model.makeelement(_R, model.attrib)
        if rpr is not None:
            own = rpr.__copy__()                  # lxml's copy is a deep one
            run.append(own)
            if unit:
                get_or_add_child(own, "w:lang").set(_EAST_ASIA, NO_LANGUAGE)
    for content, _ in group:
        if isinstance(content, str):
            t = run.makeelement(_T, _PRESERVE)
            t.text = content
            run.append(t)
        else:
            run.append(content)
    return run


@lru_cache(maxsize=1)
def _bare_unit_run():
    """An empty run whose only property is no East Asian language (each unit's run without
    properties of its own is a copy)."""
    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    rpr.append(OxmlElement("w:lang", {_EAST_ASIA: NO_LANGUAGE}))
    run.append(rpr)
    return run
