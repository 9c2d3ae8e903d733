"""The reference syntax: `【key】` in any free text of the answers file stands for a figure.

`全年办理行政处罚案件【penalty_cases】件` reads as "全年办理行政处罚案件59件" once the figure is
given. The key is a catalogue indicator, a catalogue rate (computed, "99.28%") or a custom figure
declared under `custom_figures:`. 【】 is what a Chinese input method types for [ ]; a YAML scalar
may start with it, Jinja does not use it, and Chinese text that uses 【…】 has Chinese inside, so it
never matches `[a-z][a-z0-9_]*` and stays as written.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Callable, Iterator

if TYPE_CHECKING:
    from ..model import Report

KEY = r"[a-z][a-z0-9_]*"
REFERENCE = re.compile(rf"【({KEY})】")
# 【Penalty_Cases】, 【penalty cases】: meant as a reference, but not a valid one.
NEAR_REFERENCE = re.compile(r"【\s*([A-Za-z][A-Za-z0-9_\- ]*?)\s*】")


def references(text: str) -> list[str]:
    """The keys referenced in `text`, in order (repeats kept)."""
    return REFERENCE.findall(text)


def malformed_references(text: str) -> list[str]:
    """What is written like a reference but is not one (upper case, spaces, hyphens)."""
    return [m[1] for m in NEAR_REFERENCE.finditer(text) if not REFERENCE.fullmatch(m[0])]


def substitute(text: str, value_of: Callable[[str], str | None]) -> str:
    """`text` with each reference replaced by `value_of(key)`; a reference without a value stays."""

    def replace(match: re.Match) -> str:
        value = value_of(match[1])
        return match[0] if value is None else value

    return REFERENCE.sub(replace, text)


def reference(key: str) -> str:
    return f"【{key}】"


def report_texts(report: "Report") -> list[tuple[tuple[Any, ...], str]]:
    """(location in the answers file, text) of every free text of `report` that may hold
    references, in reading order."""
    texts: list[tuple[tuple[Any, ...], str]] = []
    if report.opening_focus:
        texts.append((("opening_focus",), report.opening_focus))
    if report.opening:
        texts.append((("opening",), report.opening))
    for t, topic in enumerate(report.measures):
        if topic.title:
            texts.append((("measures", t, "title"), topic.title))
        _add_items(texts, ("measures", t, "items"), topic.items)
    _add_items(texts, ("duty", "items"), report.duty.items)
    for s, shortcoming in enumerate(report.shortcomings):
        texts += [(("shortcomings", s, "problem"), shortcoming.problem), (("shortcomings", s, "cause"), shortcoming.cause)]
    for p, plan in enumerate(report.plans):
        texts += [(("plans", p, "title"), plan.title), (("plans", p, "text"), plan.text)]
    _add_items(texts, ("other",), report.other)
    for part, own in report.part_texts.items():
        for side in ("before", "after"):
            if getattr(own, side):
                texts.append((("part_texts", part.value, side), getattr(own, side)))
    return texts


def data_texts(data: dict[str, Any]) -> Iterator[tuple[Any, Any]]:
    """(container, key) of every free text of answers data not yet validated, in reading order,
    for code that reads or rewrites the texts in place (the import's binding, the questionnaire's
    number question): `container[key]` is the text; an item may be a plain string."""
    for key in ("opening_focus", "opening"):
        if isinstance(data.get(key), str):
            yield data, key
    for topic in data.get("measures") or []:
        if isinstance(topic, dict):
            yield from _data_items(topic.get("items") or [])
    duty = data.get("duty") or {}
    if isinstance(duty, dict):
        yield from _data_items(duty.get("items") or [])
    for holder, keys in [(s, ("problem", "cause")) for s in data.get("shortcomings") or []] + [
        (p, ("title", "text")) for p in data.get("plans") or []
    ]:
        if isinstance(holder, dict):
            yield from ((holder, key) for key in keys if isinstance(holder.get(key), str))
    yield from _data_items(data.get("other") or [])
    for own in (data.get("part_texts") or {}).values():
        if isinstance(own, dict):
            yield from ((own, side) for side in ("before", "after") if isinstance(own.get(side), str))


def _data_items(items: list) -> Iterator[tuple[Any, Any]]:
    for n, item in enumerate(items):
        if isinstance(item, str):
            yield items, n
        elif isinstance(item, dict):
            yield from ((item, key) for key in ("title", "text") if isinstance(item.get(key), str))


def _add_items(texts: list, loc: tuple[Any, ...], items: list) -> None:
    for i, item in enumerate(items):
        if item.title:
            texts.append((loc + (i, "title"), item.title))
        texts.append((loc + (i, "text"), item.text))


def references_in(data: Any) -> set[str]:
    """Every key referenced in any string of plain answers data (dicts, lists, strings)."""
    if isinstance(data, str):
        return set(REFERENCE.findall(data))
    if isinstance(data, dict):
        return set().union(*(references_in(v) for v in data.values())) if data else set()
    if isinstance(data, list):
        return set().union(*(references_in(v) for v in data)) if data else set()
    return set()


def referenced_keys(report: "Report", texts: list[tuple[tuple, str]] | None = None) -> set[str]:
    """Every key referenced anywhere in the report's texts (`texts`: its `report_texts`, where
    the caller has them already)."""
    texts = texts if texts is not None else report_texts(report)
    return {key for _, text in texts if "【" in text for key in references(text)}


def resolve_texts(report: "Report", value_of: Callable[[str], str | None],
                  texts: list[tuple[tuple, str]] | None = None) -> "Report":
    """A copy of `report` whose texts (`report_texts`, or `texts` where the caller has them
    already) have their references replaced (figures untouched); only what holds a changed text
    is copied, the rest is shared."""
    texts = texts if texts is not None else report_texts(report)
    changes = {loc: substitute(text, value_of) for loc, text in texts if "【" in text}
    return _with_changes(report, changes) if changes else report


def _with_changes(node: Any, changes: dict[tuple, Any]) -> Any:
    """`node` with each value at a location of `changes` (relative to it) replaced, every model,
    list or mapping on the way copied once."""
    below: dict[Any, dict[tuple, Any]] = {}
    for loc, value in changes.items():
        below.setdefault(loc[0], {})[loc[1:]] = value

    def replaced(old: Any, inner: dict[tuple, Any]) -> Any:
        return inner[()] if () in inner else _with_changes(old, inner)

    if not isinstance(node, (list, dict)):  # a model (the report, a topic, an item…)
        return node.model_copy(update={name: replaced(getattr(node, name), inner) for name, inner in below.items()})
    new = list(node) if isinstance(node, list) else dict(node)  # part_texts: part → its own paragraphs
    for key, inner in below.items():
        new[key] = replaced(node[key], inner)
    return new
