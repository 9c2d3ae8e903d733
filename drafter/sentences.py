"""Sentences of Chinese text: split after 。！？；, closing quotes and brackets kept with their
sentence (”。 is written 。”). One splitter for `drafter check` and `drafter import`."""

from __future__ import annotations

# Sentence ends. "；" ends a clause that reads as a sentence in these reports.
SENTENCE_END = "。！？；!?;"
# Characters that may close a sentence after its end mark.
_CLOSERS = "”’」』）)】"


def sentence_spans(text: str, ends: str = SENTENCE_END) -> list[tuple[int, str]]:
    """(offset, sentence) pairs; put together, the sentences give the text back."""
    out: list[tuple[int, str]] = []
    start = i = 0
    n = len(text)
    while i < n:
        if text[i] in ends:
            j = i + 1
            while j < n and text[j] in _CLOSERS:
                j += 1
            out.append((start, text[start:j]))
            start = i = j
            continue
        i += 1
    if start < n:
        out.append((start, text[start:]))
    return out


def split_sentences(text: str, ends: str = SENTENCE_END) -> list[str]:
    """The sentences of a text, stripped; a line break ends one too."""
    return [s.strip() for line in text.split("\n") for _, s in sentence_spans(line, ends) if s.strip()]
