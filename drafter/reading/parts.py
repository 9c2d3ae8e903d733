"""How real reports combine the parts, settled after recognising (for import and check alike).

A combined heading ("主要举措、成效和不足") names two parts; when one of them has a part of its
own later or earlier ("三、存在的不足和原因"), the combined heading is the other part only.
"""

from __future__ import annotations

from typing import Any


def settle_combined(structure: Any) -> list[tuple[Any, tuple[str, ...]]]:
    """Drop from each combined part the kinds another part holds alone; returns the parts
    changed with their former kinds (for a note)."""
    alone = {part.kinds[0] for part in structure.parts if len(part.kinds) == 1}
    changed = []
    for part in structure.parts:
        if len(part.kinds) < 2:
            continue
        kept = tuple(k for k in part.kinds if k not in alone)
        if kept and kept != part.kinds:
            changed.append((part, part.kinds))
            part.kinds = kept
    return changed


_INTRODUCES = ("如下：", "如下:", "如下。", "如下")
_HEADING_MAX = 40


def headless_part1(structure: Any) -> Any | None:
    """A copy whose part-1 headings lost their numbers ("强化法治思维，筑牢法治建设根基" on a line
    of its own) shows part 1 only as more opening: after the opening's "现将…报告如下：" (or its
    first paragraph, when a heading-like line follows it) and before the first part found, the
    text is part 1. Returns the part made (first among the parts), or None."""
    from ..recognise.nodes import BODY, HEADING, FoundPart

    if not structure.parts or any("measures" in p.kinds or not p.kinds for p in structure.parts):
        return None
    opening = structure.opening
    cut = next((i + 1 for i, p in enumerate(opening) if p.text.endswith(_INTRODUCES)), None)
    if cut is None:
        cut = 1 if len(opening) > 2 and _heading_like(opening[1].text) else None
    if cut is None or len(opening) - cut < 2 or not any(_heading_like(p.text) for p in opening[cut:]):
        return None
    part = FoundPart(kinds=("measures",), heading=None, title="", position=1, numbered=False)
    for p in opening[cut:]:
        p.role = HEADING if p.heading is not None else BODY
        p.part = part
        part.paragraphs.append(p)
    del opening[cut:]
    structure.parts.insert(0, part)
    for position, found in enumerate(structure.parts, start=1):
        found.position = position
    return part


def _heading_like(text: str) -> bool:
    return len(text) <= _HEADING_MAX and not any(c in text for c in "。！？!?；;：:")
