"""The keyboard slips of a hand-edited answers file, each named on its own line.

A Chinese keyboard types "：" for ":" and a full-width space for a space; an editor may indent
with a tab; "penalty_cases:36" lacks the space YAML needs after the colon. YAML then reads the
line as text, or fails a few lines further on with a message about something else. These are
found line by line before YAML reads the file, each told as what it is ("第 24 行用了全角冒号
“：”……"); the file is still refused, but the slips are mended in memory so that the rest of the
file is read and every other problem of it is told in the same run.

Only key lines are looked at (a lower-case key such as `penalty_cases` or `- key` at the start
of the line), so a colon inside a clerk's sentence is never taken for a slip.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_KEY = r"[a-z_][a-z0-9_]*"
_FULLWIDTH_COLON = re.compile(rf"^(?P<lead>[ \t\u3000]*(?:- )?)(?P<key>{_KEY})[ \u3000]*：[ \u3000]*(?P<rest>.*)$")
_NO_SPACE = re.compile(rf"^(?P<lead>[ \t\u3000]*(?:- )?)(?P<key>{_KEY}):(?P<rest>[^\s:/].*)$")
_LEAD = re.compile(r"^[ \t\u3000]*")


@dataclass(frozen=True)
class Slip:
    line: int  # 1-based
    message: str  # what to tell, without the line
    mended: str  # the line as it was meant


# Where a line may hold a slip (every line that does, and few others): a tab or a full-width
# space in its indentation, or a key followed by a full-width colon or by ":" without a space.
# Matched from the line end before the line (the text is given one in front): the regex engine
# finds a literal "\n" at once, where it tries "^" of MULTILINE at every character. The key is
# matched in a lookahead, which is never tried again with fewer letters (what follows a key is
# never one of its letters): the usual key line is given up at once.
_MAYBE = re.compile(rf"\n[ \t\u3000]*(?:[\t\u3000]|(?:- )?(?=(?P<key>{_KEY}))(?P=key)(?:[ \u3000]*：|:[^\s:/]))")


def find_slips(text: str) -> list[Slip]:
    """Every slip of `text`, one per line at most (the first of a line's slips that explains it)."""
    numbers = _maybe_slipped(text)
    if not numbers:
        return []
    lines = text.split("\n")
    return [slip for slip in (_slip(lines, number) for number in numbers) if slip is not None]


def _maybe_slipped(text: str) -> list[int]:
    """The numbers (1-based) of the lines `_MAYBE` finds, in order: a match never spans lines."""
    lined = "\n" + text
    numbers, line, at = [], 0, 0
    for match in _MAYBE.finditer(lined):
        line += lined.count("\n", at, match.start() + 1)  # the line ends up to the one the match starts at
        at = match.start() + 1
        numbers.append(line)
    return numbers


def _slip(lines: list[str], number: int) -> Slip | None:
    raw = lines[number - 1]
    line = raw.rstrip("\r")
    if not line.strip() or line.lstrip(" \t\u3000").startswith("#"):
        return None
    mended, told = line, []
    lead = _LEAD.match(mended).group()
    if "\t" in lead or "\u3000" in lead:
        sign = " Tab 键" if "\t" in lead else "全角空格"
        told.append(f"的 YAML 格式有误：用{sign}缩进了，YAML 只能用半角空格缩进，请删除后用空格键重新缩进")
        mended = " " * _indent_for(lines, number - 1) + mended[len(lead):]
    colon = _FULLWIDTH_COLON.match(mended)
    if colon:
        told.append(f"用了全角冒号“：”，请改为半角冒号加空格（“{colon['key']}: ”）")
        mended = f"{colon['lead']}{colon['key']}: {colon['rest']}".rstrip()
    missing = _NO_SPACE.match(mended)
    if missing:
        told.append(f"冒号后缺少空格：“{missing['key']}:{_shorten(missing['rest'])}”应写成“{missing['key']}: {_shorten(missing['rest'])}”")
        mended = f"{missing['lead']}{missing['key']}: {missing['rest']}"
    if not told:
        return None
    message = told[0] if len(told) == 1 else "；".join(told[:1] + [t.lstrip("的") for t in told[1:]])
    return Slip(number, message, mended + ("\r" if raw.endswith("\r") else ""))


def mend(text: str, slips: list[Slip]) -> str:
    """`text` with each slip's line as it was meant (the same lines, so line numbers hold)."""
    if not slips:
        return text
    lines = text.split("\n")
    for slip in slips:
        lines[slip.line - 1] = slip.mended
    return "\n".join(lines)


def _indent_for(lines: list[str], index: int) -> int:
    """The indentation a line was meant to have: that of the key line above it, one step in
    when that line opens a block ("unit:")."""
    for above in reversed(lines[:index]):
        content = above.rstrip()
        if not content.strip() or content.lstrip().startswith("#"):
            continue
        lead = len(content) - len(content.lstrip(" "))
        if content.lstrip().startswith("- "):
            lead += 2
        return lead + 2 if content.endswith(":") else lead
    return 0


def _shorten(text: str, limit: int = 12) -> str:
    return text if len(text) <= limit else text[:limit] + "…"
