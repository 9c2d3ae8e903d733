"""Chinese text wrapped for a terminal, as a Chinese page breaks its lines.

rich wraps at spaces, so a Chinese message (one "word" without spaces) left its marker alone on
the line ("  ✖" / "一、主要举措…") and then ran at the left edge. Here a line may end between
any two Chinese characters, and at a space; a Latin word or a number stays whole; no line
starts with a closing mark or ends with an opening one (GB/T 15834's line rules: "，" "）" "”"
never lead a line, "（" "“" never end one); the lines after the first hang under its text.
"""

from __future__ import annotations

import re

# A run of Latin letters, digits and their marks is one unit (a key, a number, a file name).
_UNIT = re.compile(r"[!-~]+| +|.")
_NOT_AT_START = set("，。、；：？！）》」』”’〉】〕…—·%,.;:?!)]}")
_NOT_AT_END = set("（《「『“‘〈【〔([{")


def wrap(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` terminal cells (a Chinese character takes two); a line
    break of the text stays one."""
    return [line for paragraph in text.split("\n") for line in _wrapped(paragraph, max(width, 8))]


def _wrapped(text: str, width: int) -> list[str]:
    from rich.cells import cell_len

    lines: list[str] = []
    line: list[str] = []
    used = 0
    for unit in _UNIT.findall(text):
        size = cell_len(unit)
        if unit.isspace():
            if line:
                line.append(unit)
                used += size
            continue
        if used + size > width and line:
            carried = _carried(line, unit)
            lines.append("".join(line).rstrip())
            line, used = carried, sum(map(cell_len, carried))
        while size > width:  # a unit longer than a line (a long path) is cut where it must be
            head = _fitting(unit, width - used)
            lines.append("".join(line) + head)
            line, used, unit = [], 0, unit[len(head):]
            size = cell_len(unit)
        line.append(unit)
        used += size
    if line:
        lines.append("".join(line).rstrip())
    return lines or [""]


def _carried(line: list[str], unit: str) -> list[str]:
    """What moves down with `unit` from the end of the full `line`: the character before a mark
    that may not start a line, and an opening mark that may not end one."""
    carried: list[str] = []
    if unit[0] in _NOT_AT_START and len(line) > 1 and not line[-1].isspace():
        carried.insert(0, line.pop())
    while len(line) > 1 and line[-1][-1] in _NOT_AT_END:
        carried.insert(0, line.pop())
    return carried


def _fitting(unit: str, cells: int) -> str:
    """The longest start of `unit` that takes at most `cells` cells (at least one character)."""
    from rich.cells import cell_len

    end = 1
    while end < len(unit) and cell_len(unit[: end + 1]) <= cells:
        end += 1
    return unit[:end]
