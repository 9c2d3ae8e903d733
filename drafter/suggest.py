"""“Did you mean …?” for misspelled keys."""

from __future__ import annotations

import difflib


def closest(word: str, candidates: list[str]) -> str | None:
    """The candidate most like `word`, or None when nothing is close enough to help."""
    lowered = {candidate.lower(): candidate for candidate in candidates}
    match = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
    return lowered[match[0]] if match else None
