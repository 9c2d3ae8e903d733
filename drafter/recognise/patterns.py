"""The patterns that recognise a report's structure: the parts (templates/parts.yaml) with
their recogniser words compiled, and the lines around them (templates/structure.yaml)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Sequence

try:  # Python 3.11+
    from re import _parser as _sre_parse
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse as _sre_parse  # type: ignore[no-redef]

from ..datafile import load_data
from ..lazy_pattern import LazyPattern
from ..parts import PartSpec, part_label, parts


class AnyOf:
    """Whether any of several patterns is found in a text, in at most two searches instead of
    one per pattern: the patterns anchored at the start ("^…") are tried together, at the
    start only, and the others together. A pattern made of alternatives matches where one of
    them does; patterns with groups (whose numbers would shift) or flags are tried one by one.
    Each is compiled the first time it is tried (a draft tries few parts' patterns)."""

    def __init__(self, patterns: Sequence[str]) -> None:
        parsed = [_sre_parse.parse(p) for p in patterns]  # a bad pattern is refused here, as by re.compile
        self._each: tuple[LazyPattern, ...] = ()
        self._start = self._inside = None
        self._tests: tuple | None = None  # the compiled match and search, once the first text is tried
        if any(tree.state.groups > 1 or tree.state.flags & ~re.UNICODE for tree in parsed):
            self._each = tuple(LazyPattern(p, anchor=()) for p in patterns)
            return
        anchored = [_anchored(tree) for tree in parsed]
        self._start = _alternatives([p for p, at_start in zip(patterns, anchored) if at_start])
        self._inside = _alternatives([p for p, at_start in zip(patterns, anchored) if not at_start])

    def search(self, text: str) -> bool:
        if self._each:
            return any(p.search(text) for p in self._each)
        tests = self._tests
        if tests is None:  # the joined patterns name no required word: tried with re directly
            tests = self._tests = (self._start and self._start.compiled.match, self._inside and self._inside.compiled.search)
        at_start, inside = tests
        return bool((at_start is not None and at_start(text)) or (inside is not None and inside(text)))


def _anchored(parsed) -> bool:
    """The parsed pattern starts with "^" that holds for all of it (not "^a|b")."""
    return parsed[:1].data == [(_sre_parse.AT, _sre_parse.AT_BEGINNING)]


def _alternatives(patterns: list[str]) -> LazyPattern | None:
    return LazyPattern("|".join(f"(?:{p})" for p in patterns), anchor=()) if patterns else None


@dataclass(frozen=True)
class PartPatterns:
    """A part of the report (templates/parts.yaml) with its recogniser words compiled."""

    spec: PartSpec
    any_pattern: AnyOf  # the patterns searched at once
    any_strict: AnyOf

    @cached_property
    def patterns(self) -> tuple[re.Pattern[str], ...]:
        """Each pattern on its own (where it matched, for `drafter import`), compiled when asked for."""
        return tuple(re.compile(p) for p in self.spec.patterns)

    @property
    def key(self) -> str:
        return self.spec.key

    @property
    def label(self) -> str:
        return self.spec.label

    @property
    def mandatory(self) -> bool:
        return self.spec.mandatory

    @property
    def exclusive(self) -> bool:
        return self.spec.exclusive

    def suggested_heading(self, year: int | None) -> str:
        return self.spec.suggested_heading(year)


@dataclass(frozen=True)
class StructurePatterns:
    parts: dict[str, PartPatterns]
    match_order: tuple[str, ...]
    accepted_orders: tuple[tuple[str, ...], ...]
    variant_orders: tuple[tuple[str, ...], ...]
    unnumbered_max_chars: int
    unnumbered_must: re.Pattern[str]
    noise_max_chars: int
    noise: AnyOf
    metadata: LazyPattern  # read only from a web page's lines (noise): compiled when one comes
    title_max_lines: int
    title_max_chars: int
    title_words: re.Pattern[str]
    closing: re.Pattern[str]
    heading_style: re.Pattern[str]
    title_style: re.Pattern[str]

    def label(self, kind: str | None) -> str:
        return "未识别的部分" if kind is None else part_label(kind)

    def classify(self, heading_text: str, *, strict: bool = False) -> tuple[str, ...]:
        """The part kinds a heading (without its number) names; () for none.

        ``strict`` uses the stricter patterns meant for a heading that has lost its number.
        """
        found: list[str] = []
        for key in self.match_order:
            rule = self.parts[key]
            if (rule.any_strict if strict else rule.any_pattern).search(heading_text):
                if rule.exclusive:
                    return (key,)
                found.append(key)
        return tuple(found)


@lru_cache(maxsize=None)
def structure_patterns() -> StructurePatterns:
    """The structure patterns: templates/parts.yaml for the parts, structure.yaml for the rest."""
    data = load_data("structure.yaml")
    known = parts()
    by_part = {
        key: PartPatterns(
            spec=spec,
            any_pattern=AnyOf(spec.patterns),
            any_strict=AnyOf(spec.strict),
        )
        for key, spec in known.specs.items()
    }
    return StructurePatterns(
        parts=by_part,
        match_order=known.match_order,
        accepted_orders=tuple(order.keys for order in known.accepted_orders),
        variant_orders=known.variant_orders,
        unnumbered_max_chars=int(data["unnumbered_heading"]["max_chars"]),
        unnumbered_must=re.compile(data["unnumbered_heading"]["must_contain"]),
        noise_max_chars=int(data["noise"]["max_chars"]),
        noise=AnyOf(data["noise"]["patterns"]),
        metadata=LazyPattern(data["metadata_pattern"], anchor=()),
        title_max_lines=int(data["title"]["max_lines"]),
        title_max_chars=int(data["title"]["max_chars"]),
        title_words=re.compile(data["title"]["words"]),
        closing=re.compile(data["closing"]),
        heading_style=re.compile(data["styles"]["heading"], re.I),
        title_style=re.compile(data["styles"]["title"], re.I),
    )
