"""Regular expressions from the data files, compiled only when a text could match them.

drafter's data files hold a few hundred patterns (import rules, the wording read backwards, the
check's lexicons). Compiling them all costs a cold command tens of milliseconds, and trying each
on every sentence costs a draft most of its check. Most patterns name a word every match must
contain ("行政处罚", "培训"): a `LazyPattern` finds that word once, by parsing the pattern
(cheap, no compiling), answers "no match" at the cost of a substring test when the text lacks
it, and compiles the pattern the first time a text has it.
"""

from __future__ import annotations

import re
import threading
from typing import Iterator

try:  # Python 3.11+
    from re import _parser as _sre_parse
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse as _sre_parse  # type: ignore[no-redef]

_LITERAL = _sre_parse.LITERAL
_SUBPATTERN = _sre_parse.SUBPATTERN
_BRANCH = _sre_parse.BRANCH
_IN = _sre_parse.IN
_FEW = 8  # a class of at most this many plain characters may serve as required words
_lock = threading.Lock()


def required_literal(pattern: str, classes: bool = False) -> tuple[str, ...]:
    """Words of which every match of `pattern` contains at least one: the longest run of
    characters standing alone at the pattern's top level ("行政处罚"), or the alternatives of a
    top-level group ("(?:免罚|不予处罚)"), or (`classes`) the characters of a top-level class of
    a few plain ones ("[+＋]"), whichever is surer; () when nothing is sure (a group that may
    repeat, a wider class, flags, or a pattern the parser refuses), so the pattern is always
    tried."""
    words = required_words(pattern, classes)
    return words[0] if words else ()


def required_words(pattern: str, classes: bool = False) -> tuple[tuple[str, ...], ...]:
    """Every such set of words of `pattern` (see `required_literal`), the surest first: a
    match contains one word of each set."""
    try:
        parsed = _sre_parse.parse(pattern)
    except Exception:  # noqa: BLE001 - re.compile reports it, when the pattern is used
        return ()
    if parsed.state.flags & (re.IGNORECASE | re.VERBOSE):
        return ()
    candidates: list[tuple[str, ...]] = []
    run = ""
    for op, argument in _top_level(parsed):
        if op is _LITERAL:
            run += chr(argument)
            continue
        candidates.append((run,))
        run = ""
        if op is _BRANCH:
            words = tuple(sorted({_leading_literal(branch) for branch in argument[1]}))
            if words and all(words):
                candidates.append(words)
        elif classes and op is _IN and len(argument) <= _FEW and all(o is _LITERAL for o, _ in argument):
            candidates.append(tuple(sorted(chr(char) for _, char in argument)))
    candidates.append((run,))
    sure = [words for words in dict.fromkeys(candidates) if all(words)]
    return tuple(sorted(sure, key=lambda words: min(map(len, words)), reverse=True))  # ties keep their order


def _leading_literal(parsed) -> str:
    run = ""
    for op, argument in parsed:
        if op is not _LITERAL:
            break
        run += chr(argument)
    return run


def _top_level(parsed) -> Iterator[tuple]:
    """The items of a parsed pattern, a plain group (no repeat, no flags) opened up: its
    alternatives, if it has several, as one BRANCH item."""
    for op, argument in parsed:
        if op is _SUBPATTERN and argument[1] == argument[2] == 0:  # (?:…) or (…) with no flags
            inner = argument[3]
            if len(inner) == 1 and inner[0][0] is _BRANCH:
                yield inner[0]
            elif not any(o is _BRANCH for o, _ in inner):
                yield from _top_level(inner)
            else:
                yield op, argument
            continue
        yield op, argument


class LazyPattern:
    """A pattern compiled on first use; `search`, `finditer`, `findall`, `fullmatch`, `match` and `sub` skip the
    regular expression when the text holds none of its required words (`anchor`), or none of
    one of its further sets of them (`also`: "次", "习近平法治思想" and "专题学习|集中学习"
    are each needed by one pattern, whose text may hold only the first)."""

    __slots__ = ("pattern", "anchor", "also", "_compiled")

    def __init__(self, pattern: str, anchor: tuple[str, ...] | None = None,
                 also: tuple[tuple[str, ...], ...] = ()) -> None:
        self.pattern = pattern
        if anchor is None:
            words = required_words(pattern)
            anchor, also = (words[0], words[1:]) if words else ((), ())
        self.anchor = anchor
        self.also = also
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        compiled = self._compiled
        if compiled is None:
            with _lock:
                compiled = self._compiled = self._compiled or re.compile(self.pattern)
        return compiled

    def could_match(self, text: str) -> bool:
        anchor = self.anchor
        if not anchor:
            return True
        if len(anchor) == 1:
            if anchor[0] not in text:
                return False
        elif not any(word in text for word in anchor):
            return False
        for words in self.also:  # loops, not all(any(…)): this runs for every pattern and sentence
            for word in words:
                if word in text:
                    break
            else:
                return False
        return True

    def search(self, text: str) -> re.Match[str] | None:
        return self.compiled.search(text) if self.could_match(text) else None

    def match(self, text: str) -> re.Match[str] | None:
        return self.compiled.match(text) if self.could_match(text) else None

    def fullmatch(self, text: str) -> re.Match[str] | None:
        return self.compiled.fullmatch(text) if self.could_match(text) else None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.compiled.finditer(text) if self.could_match(text) else iter(())

    def findall(self, text: str) -> list:
        return self.compiled.findall(text) if self.could_match(text) else []

    def sub(self, replacement, text: str) -> str:
        return self.compiled.sub(replacement, text) if self.could_match(text) else text

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r})"
