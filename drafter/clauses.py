"""Figure sentences in a row joined into one sentence of clauses, as reports write them:
"全年召开专题会议研究法治建设4次，主要负责人带头学法10次。" instead of one short sentence a figure.

The limits are data (templates/wording.yaml: clauses). The unit's name for itself (我局) opens
only the first clause: a later one takes its variant's first wording without it, or starts a
new sentence. A sentence a new one starts with is chosen again so that no two sentences in a
row open with the unit's name and no three open alike (drafter.wording's rules, on the
sentences as joined).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable, Mapping

from .wording import (WrittenSentence, filled_wording, fresh_wording, opening_word, sentence_groups, wording,
                      worn_opening)

CLAUSE_MARK = "，"
STOP = "。"


@dataclass(frozen=True)
class ClauseLimits:
    max_clauses: int
    max_chars: int
    max_sentence_chars: int
    stands_alone: str

    def joinable(self, text: str) -> bool:
        """Whether a figure sentence may be a clause of a longer one."""
        if not text.endswith(STOP) or len(text) > self.max_sentence_chars:
            return False
        for mark in self.stands_alone:
            if mark in text:
                return False
        return True


@lru_cache(maxsize=1)
def clause_limits() -> ClauseLimits:
    entry = wording()["clauses"]
    return ClauseLimits(int(entry["max_clauses"]), int(entry["max_chars"]), int(entry["max_sentence_chars"]),
                        str(entry.get("stands_alone") or ""))


def joined_text(parts: list[WrittenSentence] | tuple[WrittenSentence, ...]) -> str:
    """The sentences as one: each but the last ends in "，" instead of "。"."""
    return "".join(p.text[: -len(STOP)] + CLAUSE_MARK for p in parts[:-1]) + parts[-1].text


def join_clauses(sentences: list[WrittenSentence], figures: Mapping[str, Any], rates: Mapping[str, float],
                 previous: Mapping[str, Any], subject: str, before: list[str] = (),
                 limits: ClauseLimits | None = None) -> list[WrittenSentence]:
    """The figure sentences of one paragraph (in the order written, after `before`, the text's
    last sentences) with short ones in a row joined: a joined sentence is a `WrittenSentence`
    whose `parts` are the sentences it joins, each as it reads on its own."""
    limits = limits or clause_limits()

    def render(text: str) -> tuple[str, tuple[str, ...]]:
        return filled_wording(text, figures, rates, previous, subject)

    recent = [opening_word(x) for x in list(before)[-2:]]  # opening words of the last two sentences
    subject_opening = opening_word(subject)
    out: list[WrittenSentence] = []
    current: list[WrittenSentence] = []
    last_joinable = False  # whether current[-1] may be a clause
    # of `joined_text(current)`: its length and its clauses ("，" + 1), kept as clauses are added
    chars = clauses = 0

    def close() -> None:
        if current:
            out.append(current[0] if len(current) == 1 else
                       current[0]._replace(text=joined_text(current), parts=tuple(current)))
            recent[:] = (recent + [opening_word(current[0].text)])[-2:]
            current.clear()

    for sentence in sentences:
        joinable = limits.joinable(sentence.text)
        if current and joinable and last_joinable:
            clause = _without_subject(sentence, render, subject)
            if clause is not None:
                # joining turns the last "。" into "，": one more clause, as many characters
                more_chars, more_clauses = chars + len(clause.text), clauses + clause.text.count(CLAUSE_MARK) + 1
                if more_chars <= limits.max_chars and more_clauses <= limits.max_clauses:
                    current.append(clause)
                    chars, clauses = more_chars, more_clauses
                    last_joinable = clause is sentence or limits.joinable(clause.text)
                    continue
        close()
        first = _rechosen(sentence, render, worn_opening(recent, subject_opening))
        current.append(first)
        chars, clauses = len(first.text), first.text.count(CLAUSE_MARK) + 1
        last_joinable = joinable if first is sentence else limits.joinable(first.text)
    close()
    return out


def _variant(sentence: WrittenSentence):
    return sentence_groups()[sentence.group][sentence.variant]


def _without_subject(sentence: WrittenSentence, render: Callable, subject: str) -> WrittenSentence | None:
    """The sentence in its variant's first wording that does not open with the unit's name for
    itself; None when every wording does."""
    if not sentence.text.startswith(subject):
        return sentence
    for text in _variant(sentence).texts:
        written, filled = render(text)
        if written and not written.startswith(subject):
            return sentence._replace(text=written, wording=text, filled=filled)
    return None


def _rechosen(sentence: WrittenSentence, render: Callable, worn: str | None) -> WrittenSentence:
    """The sentence in the first of its variant's wordings not opening with `worn` (the
    sentences before it decide, as joined)."""
    if worn is None or opening_word(sentence.text) != worn:
        return sentence
    text, written, filled = fresh_wording(_variant(sentence), render, worn)
    return sentence._replace(text=written, wording=text, filled=filled)
