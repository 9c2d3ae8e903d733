"""Breaking a long title into two or three balanced lines (GB/T 9704-2012 7.3.3).

The title is set in one centred paragraph; when it is wider than a line, it is broken at
places where words stay whole (templates/title_breaks.yaml) into the fewest lines that fit,
none shorter than `min_line` characters, with line lengths as even as possible, and three
lines never shaped like an hourglass (a short middle line): 梯形 or 菱形.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import combinations

from .datafile import load_data
from .text import display_width

_YEAR = re.compile(r"\d+年度?")
_NUMBER = re.compile(r"\d+")


@lru_cache(maxsize=1)
def _rules() -> dict:
    return load_data("title_breaks.yaml")


def break_positions(title: str) -> list[int]:
    """Indexes i where a line may start at title[i] (0 < i < len(title))."""
    rules = _rules()
    allowed: set[int] = set()
    inside: set[int] = set()

    def spans(word: str):
        start = title.find(word)
        while start >= 0:
            yield start, start + len(word)
            start = title.find(word, start + 1)

    for word in rules["starts"]:
        for a, b in spans(word):
            allowed.add(a)
            inside.update(range(a + 1, b))
    for word in rules["ends"]:
        for a, b in spans(word):
            allowed.add(b)
            inside.update(range(a + 1, b))
    for word in rules["whole"]:
        for a, b in spans(word):
            inside.update(range(a + 1, b))
    for suffix in sorted(rules["place_suffixes"], key=len, reverse=True):
        for a, b in spans(suffix):
            allowed.add(b)
            inside.update(range(a + 1, b))
    for pattern in (_YEAR, _NUMBER):
        for match in pattern.finditer(title):
            allowed.update((match.start(), match.end()))
            inside.update(range(match.start() + 1, match.end()))
    return sorted(i for i in allowed - inside if 0 < i < len(title) and _may_break_before(title, i))


def _may_break_before(title: str, i: int) -> bool:
    """No line starts with closing or other punctuation (）》，。%…), none ends with an opening one
    (（《“): the rule of Chinese line breaking, by Unicode category rather than a list."""
    starts_with = unicodedata.category(title[i])
    ends_with = unicodedata.category(title[i - 1])
    return starts_with not in ("Pe", "Pf", "Po") and ends_with not in ("Ps", "Pi")


def _shape_ok(widths: list[float]) -> bool:
    return len(widths) < 3 or widths[1] >= min(widths[0], widths[2])


def title_lines(pieces: list[str], width: float) -> list[str]:
    """The title made of `pieces` as the lines it is set in: one line when it fits `width`
    characters; else the pieces themselves when each fits and none is too short (the
    wording's own break, "…关于2024年度" / "法治政府建设情况的报告"); else the fewest (two or
    three) balanced lines; the plain halves of the title when no break satisfies the rules."""
    title = "".join(pieces)
    if display_width(title) <= width:
        return [title]
    shortest = float(_rules()["min_line"])
    widths = [display_width(piece) for piece in pieces]
    if len(pieces) <= 3 and max(widths) <= width and min(widths) >= shortest and _shape_ok(widths):
        return list(pieces)
    positions = break_positions(title)
    for count in (2, 3):
        best: tuple | None = None
        for cuts in combinations(positions, count - 1):
            bounds = (0, *cuts, len(title))
            lines = [title[a:b] for a, b in zip(bounds, bounds[1:])]
            widths = [display_width(line) for line in lines]
            if max(widths) > width or min(widths) < shortest or not _shape_ok(widths):
                continue
            # most even first; on a tie the shorter first line (正梯形)
            score = (max(widths) - min(widths), widths[0])
            if best is None or score < best[0]:
                best = (score, lines)
        if best is not None:
            return best[1]
    middle = min(
        (i for i in range(1, len(title)) if _may_break_before(title, i)),
        key=lambda i: abs(i - len(title) / 2),
        default=len(title) // 2,
    )
    return [title[:middle], title[middle:]]
