"""A quick reader for the YAML answers files are written in, read line by line without a parser.

It knows only this much YAML: block mappings of word keys ("duty_meetings:", "年度:") and block
lists ("- "), each value on its key's or dash's line: a plain text or number, a text in quotes
without escapes or inner quotes, a flow list of plain words ("[duty, measures]") or a flow
mapping of word keys and plain words (a custom figure: "{label: …, unit: 次, value: 8}");
comments and blank lines. The values are made as drafter.yaml_values' walk makes them (ruamel's
resolver table and constructors). Anything else (a text over several lines, "|", an anchor, a
tag, a tab, a key written twice, an indent that does not line up…) gives None, and the file is
read by the C parser (drafter.yaml_values.read_document), which reads all YAML as ruamel does
and tells its errors: this reader never raises on a text it does not know.

tests/test_yaml_block.py compares the two on the examples and on thousands of made texts.
"""

from __future__ import annotations

import re
from typing import Any

from .yaml_values import PlainScalars

# Each line of a text: its indent, a dash with its spaces, a word key followed by ":" and a
# space or the line end, and its value: what follows, up to a comment (" #", or "#" first),
# without the spaces around it. A group not on the line is "".
# Possessive (`*+`): what a group takes is never given back, as nothing after it could use it
# (a key's letters are not ":", a word's characters not " "); the engine does not try again.
_LINES = re.compile(r"^( *+)(- ++)?(?:([^\W][\w.-]{0,127}+):(?= |$))? *+"
                    r"((?:[^ #\n][^ \n]*+(?: ++[^ #\n][^ \n]*+)*+)?) *+(?:#.*)?$", re.MULTILINE)
# A value that is a flow list of plain words, a flow mapping of word keys, a quoted text.
_FLOW_LIST = re.compile(r"\[([^\[\]{}#'\"&*!|>%@`:?]*)\]")
_FLOW_MAPPING = re.compile(r"\{([^\[\]{}#'\"&*!|>%@`?]*)\}")
# A pair of a flow mapping between its commas: a word key, ": ", a plain word (no ":", not
# starting with an indicator), the spaces around them.
_FLOW_PAIR = re.compile(r" *([^\W][\w.-]{0,127}): +([^-?:,\[\]{}#&*!|>'\"%@` ][^:,]*?) *")
_DOUBLE_QUOTED = re.compile(r'"([^"\\]*)"')
_SINGLE_QUOTED = re.compile(r"'([^']*)'")
# What a plain value may not start with (YAML's indicators), and characters of another meaning.
_NOT_PLAIN_START = frozenset("-?:,[]{}#&*!|>'\"%@`")
# Characters the reader leaves to the parser: a tab, line ends other than "\n", a BOM.
_UNREAD = "\t\r\x85\u2028\u2029\ufeff"


# The spot of a value under a key: only the key's line is told (drafter.problems.line_of_node).
_LEAF = (None, None)


class _Unread(Exception):
    """The text has what this reader leaves to the parser."""


class _Block:
    """An open mapping or list: its column, its values and their line numbers."""

    __slots__ = ("column", "values", "spots", "key", "key_line", "indentless")

    def __init__(self, column: int, values: Any, spots: Any, indentless: bool = False) -> None:
        self.column, self.values, self.spots, self.indentless = column, values, spots, indentless
        self.key: str | None = None  # a key read with nothing after it yet (a mapping's only)
        self.key_line = 0


class Spots:
    """Where each field of a text read by `read_block` is. A spot is (0-based line, children): a
    mapping's children map each key to (key's line, its value's spot), a list's are its items'
    spots, a value's None."""

    def __init__(self, root: tuple) -> None:
        self.root = root

    def line_of(self, loc: tuple) -> int:
        """The 1-based line of field `loc`, as drafter.problems.line_of_node finds it in a node tree."""
        line = None
        spot = self.root
        for part in loc:
            children = spot[1]
            if isinstance(children, dict):
                entry = children.get(part) if isinstance(part, str) else None
                if entry is None:
                    break
                line, spot = entry[0] + 1, entry[1]
            elif isinstance(children, list) and isinstance(part, int) and 0 <= part < len(children):
                spot = children[part]
                line = spot[0] + 1
            else:
                break
        return line if line is not None else self.root[0] + 1


def read_block(text: str) -> tuple[dict, Spots] | None:
    """The values of `text` (a mapping at the top) and where each is, or None where this reader
    does not know the text."""
    if any(char in text for char in _UNREAD):  # a scan for each: quicker than a pattern's one
        return None
    try:
        return _read(text, PlainScalars())
    except Exception:  # noqa: BLE001 - _Unread, _Unusual, or a constructor's error (a date "2025-02-30"): the C loader's to tell
        return None


def _read(text: str, scalars: Any) -> tuple[dict, Spots]:
    stack: list[_Block] = []
    root: _Block | None = None
    for number, (indent, dash, key, value) in enumerate(_LINES.findall(text)):
        if not (value or key or dash):
            continue  # blank or comment
        column = len(indent)
        if root is None:
            if dash or not key:
                raise _Unread
            root = _Block(column, {}, {})
            stack.append(root)
            start = number
        top = stack[-1]
        same = top.column == column  # the next key or item of the same block (the usual line)
        if dash:
            block = top if same and type(top.values) is list else _block_for(stack, column, True, scalars, number)
            _item(stack, block, column + len(dash), key, value, number, scalars)
        else:
            _entry(top if same and type(top.values) is dict else _block_for(stack, column, False, scalars, number),
                   key, value, number, scalars)
    if root is None:
        raise _Unread
    for block in stack:
        if block.key is not None:
            _close_key(block, scalars)
    return root.values, Spots((start, root.spots))


def _block_for(stack: list[_Block], column: int, dash: bool, scalars: Any, number: int) -> _Block:
    """The block a line at `column` belongs to (a dash line: a list), opened or closed as needed."""
    while stack and stack[-1].column > column:
        closed = stack.pop()
        if closed.key is not None:
            _close_key(closed, scalars)
    if not stack:
        raise _Unread
    top = stack[-1]
    if top.column < column:  # a deeper line: the value of the key above, opened here
        if not isinstance(top.values, dict) or top.key is None:
            raise _Unread
        return _open(stack, top, column, dash, number, indentless=False)
    if isinstance(top.values, list):
        if dash:
            return top
        if not top.indentless:
            raise _Unread
        stack.pop()  # a key after a list written at its key's column: the list ends
        top = stack[-1]
        if top.column != column:
            raise _Unread
        return top
    if not dash:
        return top
    if top.key is None:
        raise _Unread
    return _open(stack, top, column, dash, number, indentless=True)


def _open(stack: list[_Block], parent: _Block, column: int, dash: bool, number: int, indentless: bool) -> _Block:
    values: Any = [] if dash else {}
    spots: Any = [] if dash else {}
    parent.values[parent.key] = values
    parent.spots[parent.key] = (parent.key_line, (number, spots))
    parent.key = None
    block = _Block(column, values, spots, indentless)
    stack.append(block)
    return block


def _item(stack: list[_Block], block: _Block, column: int, key: str, value: str, number: int,
          scalars: Any) -> None:
    """A dash line: a list's item, a value or a mapping opened at its first key's `column`."""
    if not key:
        if not value:
            raise _Unread  # a dash alone: its item below, or empty
        block.values.append(_value(value, scalars))
        block.spots.append((number, None))
        return
    spots: dict = {}
    mapping = _Block(column, {}, spots)
    block.values.append(mapping.values)
    block.spots.append((number, spots))
    stack.append(mapping)
    _entry(mapping, key, value, number, scalars)


def _entry(block: _Block, key: str, value: str, number: int, scalars: Any) -> None:
    """A key line of the mapping `block` (`key` "" where the line has none); its value here or on
    the lines below."""
    values = block.values
    if not key or type(values) is not dict:
        raise _Unread
    if block.key is not None:
        _close_key(block, scalars)
    if key in values or not scalars.is_text(key):
        raise _Unread  # a key written twice, or one YAML reads as a number, a date…
    if not value:
        block.key, block.key_line = key, number
        return
    values[key] = _value(value, scalars)
    block.spots[key] = (number, _LEAF)


def _close_key(block: _Block, scalars: Any) -> None:
    """The open key, with nothing after it nor below: an empty value (YAML's null)."""
    block.values[block.key] = scalars.value("")
    block.spots[block.key] = (block.key_line, _LEAF)
    block.key = None


def _value(text: str, scalars: Any) -> Any:
    """The value written after a key or a dash (`text`: not empty, without its comment)."""
    first = text[0]
    if first not in _NOT_PLAIN_START:  # a plain text, number, date…
        if ": " in text or text[-1] == ":":
            raise _Unread
        return scalars.value(text) if first in scalars.typed_starts else text
    if first == '"' or first == "'":
        found = (_DOUBLE_QUOTED if first == '"' else _SINGLE_QUOTED).fullmatch(text)
        if found is None:
            raise _Unread
        return found[1]
    if first == "[":
        found = _FLOW_LIST.fullmatch(text)
        if found is None:
            raise _Unread
        return [scalars.value(word) for word in _flow_words(found[1])]
    found = _FLOW_MAPPING.fullmatch(text) if first == "{" else None
    if found is None:
        raise _Unread
    mapping: dict = {}
    if not found[1].strip(" "):
        return mapping
    for piece in found[1].split(","):
        pair = _FLOW_PAIR.fullmatch(piece)
        if pair is None:
            raise _Unread
        key, value = pair.groups()
        if key in mapping or not scalars.is_text(key):
            raise _Unread
        mapping[key] = scalars.value(value)
    return mapping


def _flow_words(inner: str) -> list[str]:
    """The plain words between a flow list's brackets."""
    if not inner.strip(" "):
        return []
    words = [word.strip(" ") for word in inner.split(",")]
    if not all(words) or any(word[0] in _NOT_PLAIN_START for word in words):
        raise _Unread
    return words
