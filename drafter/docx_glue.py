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
from itertools import accumulate

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from .docx_layout import get_or_add_child
from .punctuation import is_han
from .text import WORD_JOINER
from .units import figure_with_unit

#: The East Asian language of a unit's Chinese characters: none (see the module's docstring).
NO_LANGUAGE = "x-none"

_DIGIT = re.compile(r"\d")
_NUMBER = re.compile(r"[\d.]+")  # a figure's number: its digits and points
# Tag names, looked up once (a report rewrites some eighty runs).
_P, _R, _RPR, _T = qn("w:p"), qn("w:r"), qn("w:rPr"), qn("w:t")
_EAST_ASIA, _LANG = qn("w:eastAsia"), qn("w:lang")
_PRESERVE = {"{http://www.w3.org/XML/1998/namespace}space": "preserve"}


def glue_points(text: str) -> tuple[set[int], set[int]]:
    """Where ``text`` takes a joiner (before index i) and which indexes are a unit's Chinese
    characters (`_figures`)."""
    joins: set[int] = set()
    unit_chars: set[int] = set()
    for i, join, unit in _figures(text):
        if join:
            joins.add(i)
        if unit:
            unit_chars.add(i)
    return joins, unit_chars


def _figures(text: str):
    """(index, a joiner before it, one of a unit's Chinese characters) of each character of the
    figures of ``text`` that takes a joiner or is a unit's, in order. A joiner goes before the
    number when a Han character precedes it, and between any two characters of the figure not
    both digits (nor next to a space); a unit's characters are neither ASCII, space nor digit.
    The number's own digits and points (at its start) are neither: the rule starts after them."""
    for match in figure_with_unit(time=True).finditer(text):
        start, end = match.span()
        if start and is_han(text[start - 1]):
            yield start, True, False
        numeric_before, space_before = True, False  # after the number (numeric: what [\d.] matches)
        for i in range(min(_NUMBER.match(text, start).end(), end), end):
            ch = text[i]
            numeric, space = ch == "." or ch.isdecimal(), ch.isspace()
            join = not (numeric and numeric_before) and not space and not space_before
            unit = not (ch.isascii() or space or ch.isdigit())
            if join or unit:
                yield i, join, unit
            numeric_before, space_before = numeric, space


def glue_pieces(texts: list[str]) -> tuple[list[list[tuple[str, bool]]], int] | None:
    """A paragraph's texts (its w:t texts with a character, in order) glued: each one's pieces
    (its text with the joiners it takes, whether a unit's Chinese characters), cut where it
    enters or leaves a unit's characters; and how many joiners. None when it takes none.

    One pass over the figures' characters that take a joiner or are a unit's (`_figures`):
    the characters between them are copied as they are; a joiner goes in the piece of the
    character before it, even across two texts."""
    whole = "".join(texts)
    if not _DIGIT.search(whole):                  # a figure starts with a digit
        return None
    pieces = _Pieces(whole, texts)
    joiners = 0
    for i, join, is_unit in _figures(whole):
        pieces.copy(i)
        if join:
            pieces.piece.append(WORD_JOINER)
            joiners += 1
        pieces.character(i, is_unit)
    if not joiners:
        return None
    pieces.copy(len(whole))
    pieces.end_text()
    return pieces.out, joiners


class _Pieces:
    """`glue_pieces`' output, written left to right: the pieces of the texts done (`out`), of
    the current one, and the characters of its open piece (all of one kind: `unit`)."""

    __slots__ = ("whole", "ends", "text", "at", "out", "pieces", "piece", "unit")

    def __init__(self, whole: str, texts: list[str]) -> None:
        self.whole, self.ends, self.text, self.at = whole, list(accumulate(map(len, texts))), 0, 0
        self.out: list[list[tuple[str, bool]]] = []
        self.pieces: list[tuple[str, bool]] = []
        self.piece: list[str] = []
        self.unit: bool | None = None             # None: at a text's start

    def copy(self, upto: int) -> None:
        """The characters up to `upto`, none a unit's; each text ending before it is closed (one
        ending at it stays open: a joiner there goes in its last piece)."""
        while self.at < upto:
            end = self.ends[self.text]
            if self.at == end:
                self.end_text()
                continue
            stop = min(upto, end)
            self._add(self.whole[self.at:stop], False)
            self.at = stop

    def character(self, i: int, unit: bool) -> None:
        """The figure's character at `i` (`copy` has come up to it)."""
        if self.at == self.ends[self.text]:
            self.end_text()
        self._add(self.whole[i], unit)
        self.at = i + 1

    def end_text(self) -> None:
        if self.piece:
            self.pieces.append(("".join(self.piece), self.unit))
        self.out.append(self.pieces)
        self.pieces, self.piece, self.unit = [], [], None
        self.text += 1

    def _add(self, chars: str, unit: bool) -> None:
        if unit is not self.unit:
            if self.piece:
                self.pieces.append(("".join(self.piece), self.unit))
                self.piece = []
            self.unit = unit
        self.piece.append(chars)


def glue_figures(document) -> int:
    """Glue every figure of the body's paragraphs of a python-docx ``Document`` (see the
    module's docstring); returns how many joiners were written."""
    return glue_body(document.element.body)


def glue_body(body) -> int:
    """`glue_figures` on a ``w:body`` element (a prepared template's render)."""
    written = 0
    for paragraph in body.iter(_P):
        written += _glue_paragraph(paragraph)
    return written


def _glue_paragraph(paragraph) -> int:
    texts = [(t, t.text) for t in paragraph.iter(_T)]
    texts = [(t, own) for t, own in texts if own]
    glued = glue_pieces([own for _, own in texts]) if texts else None
    if glued is None:
        return 0
    pieces = dict(zip([t for t, _ in texts], glued[0]))
    for run in dict.fromkeys([t.getparent() for t, _ in texts]):
        _rewrite_run(run, pieces)
    return glued[1]


def _rewrite_run(run, pieces: dict) -> None:
    """Write the glued texts of `run`; a unit's Chinese characters go in a run of their own
    (a copy of the run's properties) with no East Asian language."""
    children = list(run)
    glued = [pieces.get(child) for child in children]
    if run.tag != _R or not any(unit for own in glued if own for _, unit in own):
        for child, own in zip(children, glued):
            if own:
                child.text = "".join([text for text, _ in own])
        return
    rpr = None
    groups: list[tuple[bool, list]] = []        # (unit, [text or element])
    for child, own in zip(children, glued):
        if child.tag == _RPR:
            rpr = child if rpr is None else rpr
            continue
        for content, unit in own or [(child, False)]:
            if groups and groups[-1][0] == unit:
                groups[-1][1].append(content)
            else:
                groups.append((unit, [content]))
    shells = _Shells(run, rpr)
    for unit, contents in groups:
        run.addprevious(shells.run(unit, contents))
    run.getparent().remove(run)


class _Shells:
    """The runs a split run's pieces go into, like the run (its attributes, a copy of its
    properties `rpr`), a unit's with no East Asian language: each kind made once, with one
    empty text (the usual piece is one text) and without, then copied."""

    def __init__(self, model, rpr) -> None:
        self.model, self.rpr = model, rpr
        self.made: dict[tuple[bool, bool], object] = {}

    def run(self, unit: bool, contents: list):
        """A new run of `contents` (texts and elements, in order)."""
        one_text = len(contents) == 1 and isinstance(contents[0], str)
        shell = self.made.get((unit, one_text))
        if shell is None:
            shell = self.made[unit, one_text] = self._shell(unit)
            if one_text:
                shell.append(_preserved_text().__copy__())
        run = shell.__copy__()                    # lxml's copy is a deep one
        if one_text:
            run[-1].text = contents[0]
            return run
        for content in contents:
            if isinstance(content, str):
                t = _preserved_text().__copy__()
                t.text = content
                run.append(t)
            else:
                run.append(content)
        return run

    def _shell(self, unit: bool):
        if self.rpr is None and unit:             # the usual unit: a copy of one made once
            run = _bare_unit_run().__copy__()
            for name, value in self.model.attrib.items():
                run.set(name, value)
            return run
        run = self.model.makeelement(_R, self.model.attrib)
        if self.rpr is not None:
            own = self.rpr.__copy__()
            run.append(own)
            if unit:
                get_or_add_child(own, "w:lang").set(_EAST_ASIA, NO_LANGUAGE)
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


@lru_cache(maxsize=1)
def _preserved_text():
    """An empty ``<w:t xml:space="preserve">`` (each glued text is a copy: cheaper than making one)."""
    return OxmlElement("w:t", _PRESERVE)
