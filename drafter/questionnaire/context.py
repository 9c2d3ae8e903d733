"""The context every question reads: the year, the reuse policy, the carried defaults."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..model import Plan
from .carry import ReusePolicy, topic_id
from .labels import short, topic_title


def strings_in(value: Any) -> list[str]:
    """Every string inside a nested answer."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings_in(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings_in(v)]
    return []


def referenced(value: Any) -> list[str]:
    """The figure keys referenced (【key】) in the strings of a nested answer, in reading order."""
    from ..figures.refs import references

    return list(dict.fromkeys(key for text in strings_in(value) for key in references(text)))


def dig(data: Any, loc: tuple) -> Any:
    for part in loc:
        if isinstance(data, dict):
            data = data.get(part)
        else:
            return None
    return data


@dataclass
class Context:
    """What the questions of one run know: the year, the reuse policy and the carried defaults."""

    year: int
    reuse: ReusePolicy
    seed: dict = field(default_factory=dict)
    carried_year: int | None = None  # the year the defaults were carried from (None: not carried)
    previous_figures: dict[str, Any] = field(default_factory=dict)
    figure_layout: dict[str, list[str]] = field(default_factory=dict)
    plans: list[Plan] = field(default_factory=list)
    figure_sentences: dict[str, str] = field(default_factory=dict)  # key → last year's sentence stating it

    def seed_topic(self, tid: str) -> dict | None:
        return next((t for t in self.seed.get("measures") or [] if topic_id(t) == tid), None)

    def topic_heading(self, tid: str) -> str:
        """The heading a topic had in the source, or its catalogue title."""
        return (self.seed_topic(tid) or {}).get("title") or topic_title(tid)

    def seed_figure(self, key: str) -> Any:
        blocks = [t.get("figures") or {} for t in self.seed.get("measures") or []]
        blocks.append(dig(self.seed, ("duty", "figures")) or {})
        return next((block[key] for block in blocks if key in block), None)

    def carry_flags(self, value: Any, default: Any, *, review: bool = False) -> list[str]:
        """Flags for carried text: it names last year's year, or (review items) it did not change."""
        if self.carried_year is None or default is None:
            return []
        flags = []
        carried = set(strings_in(default))
        for text in strings_in(value):
            if text in carried:
                for mention in dict.fromkeys(self.reuse.year_mentions(text, self.carried_year)):
                    flags.append(f"沿用的文字提到“{mention}”，请核对：“{short(text, 36)}”")
        if review and value == default and value:
            flags.append(f"与{self.carried_year}年的内容相同，请按今年的情况更新")
        return flags + self.placeholder_flags(value)

    def placeholder_flags(self, value: Any) -> list[str]:
        """Drafts still to be completed ("原因是……（请补充）")."""
        return [f"有待补充的内容：“{short(text, 36)}”" for text in strings_in(value) if self.reuse.has_placeholder(text)]
