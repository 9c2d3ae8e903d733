"""What the rules see: the recognised document, the rule data, and a place to report."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, Mapping, Sequence

from drafter.check.findings import Finding
from drafter.check.rules import CheckRules
from drafter.lazy_pattern import LazyPattern
from drafter.recognise import NOISE, Para, Structure, StructurePatterns

if TYPE_CHECKING:  # pragma: no cover
    from drafter.textsource import TextSource
    from drafter.wording import WrittenSentence

EXCERPT_CHARS = 36
# A number as the rules read it: digits, maybe decimals, not continuing another number. The
# "not after a digit or a point" test, (?<![\d.]), is made after the first digit, so that re
# skips straight to the digits instead of trying it at every character of a paragraph.
NUMBER = r"(\d(?<![\d.]\d)\d*(?:\.\d+)?)"
INTEGER = r"(\d(?<![\d.]\d)\d*)"
DOCUMENT_WIDE: Any = object()  # pass as part= for a finding about the whole document


class LastBefore:
    """The last position of a pattern before each of a series of non-decreasing positions, in
    linear time overall (an `rfind` per query would make a long line quadratic)."""

    def __init__(self, text: str, pattern: str) -> None:
        self._spans = [m.span() for m in re.finditer(pattern, text)]
        self._next = 0

    def before(self, end: int) -> int:
        """The start of the last match ending at or before `end`, or -1 (`end` never decreases)."""
        spans = self._spans
        while self._next < len(spans) and spans[self._next][1] <= end:
            self._next += 1
        return spans[self._next - 1][0] if self._next else -1


class Gate:
    """The paragraphs some patterns could match: those holding one of the words every match of
    one of them contains (their LazyPattern anchor), found by substring tests (a pass per word;
    one search for any of them when they are many) instead of a call per paragraph and
    pattern; every paragraph when a pattern names none. `found_in_each` is instead a quicker
    pattern found inside every match of the gated ones."""

    MANY_WORDS = 6  # from this many words on, one search for any of them is quicker than a pass per word

    def __init__(self, *patterns: LazyPattern, found_in_each: re.Pattern[str] | None = None) -> None:
        self._words = tuple(dict.fromkeys(word for pattern in patterns for word in pattern.anchor))
        self._open = found_in_each is None and not all(pattern.anchor for pattern in patterns)
        if found_in_each is None and len(self._words) >= self.MANY_WORDS:
            found_in_each = re.compile("|".join(map(re.escape, self._words)))
        self._regex = found_in_each

    def paragraphs(self, paragraphs: Sequence[Para]) -> Sequence[Para]:
        if self._open:
            return paragraphs
        if self._regex is not None:
            search = self._regex.search
            return [p for p in paragraphs if search(p.text)]
        if len(self._words) == 1:
            word = self._words[0]
            return [p for p in paragraphs if word in p.text]
        holding = set()
        for word in self._words:
            holding.update([p for p in paragraphs if word in p.text])
        return [p for p in paragraphs if p in holding]


def snippet(text: str, start: int | None = None, end: int | None = None, width: int = EXCERPT_CHARS) -> str:
    """A short quote of ``text`` around [start, end) (the start of the text by default)."""
    if start is None:
        return text if len(text) <= width else text[: width - 1] + "…"
    end = start if end is None else end
    span = end - start
    before = max(0, (width - span) // 3)
    lo = max(0, start - before)
    hi = min(len(text), max(end, lo + width))
    out = text[lo:hi]
    if lo > 0:
        out = "…" + out
    if hi < len(text):
        out = out + "…"
    return out


@dataclass
class CheckDocument:
    """One document being checked."""

    path: str
    kind: str  # "docx" | "txt" | "md" | "answers" | "text"
    structure: Structure
    rules: CheckRules
    patterns: StructurePatterns
    source: TextSource | None = None  # for files
    # a draft just composed: its figure sentences by their text, with the wording that wrote
    # each (a file has none: its sentences are read back)
    written: Mapping[str, WrittenSentence] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)

    @property
    def year(self) -> int | None:
        return self.structure.year

    @cached_property
    def content(self) -> list[Para]:
        """The paragraphs, page chrome left out (the rules read, never change, the structure)."""
        return [p for p in self.structure.paragraphs if p.role != NOISE]

    def label(self, kind: str | None) -> str:
        return self.patterns.label(kind)

    def add(
        self,
        rule: str,
        para: Para | None = None,
        *,
        start: int | None = None,
        end: int | None = None,
        excerpt: str | None = None,
        part: Any = None,
        **values: Any,
    ) -> Finding:
        """Record a finding of ``rule`` at ``para`` (its part unless ``part`` is given;
        ``part=DOCUMENT_WIDE`` for none), quoting the text around [start, end)."""
        severity, message, fix = self.rules.text(rule, **values)
        if para is not None:
            if excerpt is None:
                excerpt = snippet(para.text, start, end)
            if part is None and para.part is not None:
                part = para.part.kind
        if part is DOCUMENT_WIDE:
            part = None
        line = None
        if para is not None and self.kind in ("txt", "md"):
            line = getattr(para.source, "line", None)
        finding = Finding(
            rule=rule,
            severity=severity,
            message=message,
            fix=fix,
            part=part,
            paragraph=para.number if para is not None else None,
            excerpt=excerpt,
            line=line,
        )
        self.findings.append(finding)
        return finding
