"""The notes of an answers file's cleaned texts: each text the model cleaned (drafter.text),
told with its line and field and what was removed or replaced."""

from __future__ import annotations

from typing import Any

from .problems import format_problem


def cleaning_notes(data: Any, report: Any, located: Any = None) -> list[str]:
    """One note per text the model cleaned: its line, its field and what was removed or replaced.

    `located` (the file's `_Located`) gives the line numbers when `data` is plain values.
    """
    from .text import describe_cleaning

    notes = []
    for loc, raw in strings_to_describe(data):
        value = _value_at(report, loc)
        if not isinstance(value, str):
            continue
        changes = describe_cleaning(raw, one_line="\n" not in value)
        if changes:
            notes.append(located.told(loc, "；".join(changes)) if located is not None else
                         format_problem(data, loc, "；".join(changes)))
    return notes


_READ_NOT_CLEANED = ("figures", "previous_figures")  # figures are read, not cleaned ("59 件")


def strings_to_describe(data: Any) -> list[tuple[tuple, str]]:
    """(location, text) of every string value of the YAML data, figures aside, that
    `describe_cleaning` may have something to say about (most have nothing: a quick test)."""
    from .text import nothing_to_describe

    found: list[tuple[tuple, str]] = []
    path: list = []

    def visit(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key not in _READ_NOT_CLEANED:
                    path.append(key)
                    visit(value)
                    path.pop()
        elif isinstance(node, list):
            for index, value in enumerate(node):
                path.append(index)
                visit(value)
                path.pop()
        elif isinstance(node, str) and not nothing_to_describe(node):
            found.append((tuple(path), str(node)))

    visit(data)
    return found


def _value_at(report: Any, loc: tuple) -> Any:
    """The validated value at `loc`; a point written as a bare string is its text."""
    from pydantic import BaseModel

    from .model import Item

    node = report
    try:
        for part in loc:
            if isinstance(node, BaseModel):
                node = getattr(node, part) if isinstance(part, str) and part in type(node).model_fields else None
            elif isinstance(node, list):
                node = node[part]
            elif isinstance(node, dict):
                node = node[part]
            else:
                return None
    except (IndexError, KeyError, TypeError):
        return None
    return node.text if isinstance(node, Item) else node
