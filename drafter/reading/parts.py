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
