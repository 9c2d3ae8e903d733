"""Sentences of Chinese text: split after 。！？；, closing quotes and brackets kept with their
sentence (”。 is written 。”). One splitter for `drafter check` and `drafter import`."""

from __future__ import annotations

import re
from functools import lru_cache

# Sentence ends. "；" ends a clause that reads as a sentence in these reports.
SENTENCE_END = "。！？；!?;"
# Characters that may close a sentence after its end mark.
CLOSERS = "”’」』）)】"


def sentence_spans(text: str, ends: str = SENTENCE_END) -> list[tuple[int, str]]:
    """(offset, sentence) pairs; put together, the sentences give the text back."""
    spans = []
    offset = 0
    for sentence in _sentence_pattern(ends).findall(text):  # each begins where the one before ends
        spans.append((offset, sentence))
        offset += len(sentence)
    return spans


@lru_cache(maxsize=8)
def _sentence_pattern(ends: str) -> re.Pattern[str]:
    """A sentence: up to an end mark and the closers after it, or the rest of the text."""
    end, closers = re.escape(ends), re.escape(CLOSERS)
    return re.compile(f"[^{end}]*[{end}][{closers}]*|[^{end}]+")


def split_sentences(text: str, ends: str = SENTENCE_END) -> list[str]:
    """The sentences of a text, stripped; a line break ends one too."""
    return [s.strip() for line in text.split("\n") for _, s in sentence_spans(line, ends) if s.strip()]
