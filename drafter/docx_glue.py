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

import copy
import re

from docx.oxml.ns import qn

from .docx_layout import get_or_add_child
from .punctuation import is_han
from .text import WORD_JOINER
from .units import figure_with_unit

#: The East Asian language of a unit's Chinese characters: none (see the module's docstring).
NO_LANGUAGE = "x-none"

_NUMBER = re.compile(r"[\d.]")
# Tag names, looked up once (a report rewrites some eighty runs).
_P, _R, _RPR, _T = qn("w:p"), qn("w:r"), qn("w:rPr"), qn("w:t")
_EAST_ASIA = qn("w:eastAsia")
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


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
    joins, unit_chars = glue_points("".join(t.text for t in texts))
    if not joins:
        return 0
    pieces: dict = {}                             # w:t → [(text, is a unit's Chinese character)]
    offset, last = 0, None
    for t in texts:
        own = pieces[t] = []
        for i, char in enumerate(t.text, start=offset):
            if i in joins and last:               # the joiner stays with the character before it
                last[-1] = (last[-1][0] + WORD_JOINER, last[-1][1])
            flag = i in unit_chars
            if own and own[-1][1] == flag:
                own[-1] = (own[-1][0] + char, flag)
            else:
                own.append((char, flag))
            last = own
        offset += len(t.text)
    runs = dict.fromkeys(t.getparent() for t in texts)
    for run in runs:
        _rewrite_run(run, pieces)
    return len(joins)


def _rewrite_run(run, pieces: dict) -> None:
    """Write the glued texts of `run`; a unit's Chinese characters go in a run of their own
    (a copy of the run's properties) with no East Asian language."""
    split = run.tag == _R and any(flag for t in run if t in pieces for _, flag in pieces[t])
    if not split:
        for t in run:
            if t in pieces:
                t.text = "".join(text for text, _ in pieces[t])
        return
    items: list[tuple[object, bool]] = []        # (text or element, unit)
    for child in run:
        if child.tag == _RPR:
            continue
        items += pieces[child] if child in pieces else [(child, False)]
    groups: list[list] = []
    for item in items:
        if groups and groups[-1][0][1] == item[1]:
            groups[-1].append(item)
        else:
            groups.append([item])
    parent, index = run.getparent(), run.getparent().index(run)
    parent.remove(run)
    for offset, group in enumerate(groups):
        parent.insert(index + offset, _run_of(run, group))


def _run_of(model, group: list) -> object:
    run = model.makeelement(_R, dict(model.attrib))
    rpr = model.find(_RPR)
    if rpr is not None:
        run.append(copy.deepcopy(rpr))
    for content, _ in group:
        if isinstance(content, str):
            t = run.makeelement(_T, {})
            t.text = content
            t.set(_XML_SPACE, "preserve")
            run.append(t)
        else:
            run.append(content)
    if group[0][1]:
        rpr = run.find(_RPR)
        if rpr is None:
            rpr = run.makeelement(_RPR, {})
            run.insert(0, rpr)
        get_or_add_child(rpr, "w:lang").set(_EAST_ASIA, NO_LANGUAGE)
    return run
