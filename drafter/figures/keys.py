"""Keys for custom figures: readable, stable names from their labels (templates/custom_keys.yaml).

A clerk reads 【pufa_xuanchuan_huodong】 in next year's answers file, not 【figure_7】: the key is
the pinyin of the label's last few words ("开展普法宣传活动" → pu fa / xuan chuan / huo dong),
each word's syllables written together, words joined by "_". The same label always gives the
same key; a key already taken gets _2, _3…; a key is never a catalogue key and always valid for
`drafter.model.check_custom_keys`. Only a label without Chinese or Latin letters falls back to
figure_N.

pypinyin is imported on the first key made (its phrase data takes about 0.1 s to load), so only
the commands that name a new custom figure pay for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Collection, Iterable

from ..datafile import load_data
from .refs import KEY

_VALID = re.compile(KEY)
_HAN = re.compile(r"[\u3400-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]+")
_CHUNKS = re.compile(r"[\u3400-\u9fff]+|[A-Za-z]+|[^\u3400-\u9fffA-Za-z]+")


@dataclass(frozen=True)
class KeyRules:
    words: int
    max_length: int
    skip: frozenset[str]
    suffixes: frozenset[str]
    heads: frozenset[str]
    fallback: str


@lru_cache(maxsize=1)
def key_rules() -> KeyRules:
    raw = load_data("custom_keys.yaml")
    return KeyRules(int(raw["words"]), int(raw["max_length"]), frozenset(raw["skip"]),
                    frozenset(raw["suffixes"]), frozenset(raw["heads"]), str(raw["fallback"]))


class CustomKeys:
    """Keys for new custom figures, each unique among `taken` (the answers file's custom figures)
    and the keys made before it, never a catalogue key. Linear in the keys made: a label repeated
    many times ("执法监督" → zhifa_jiandu, zhifa_jiandu_2 …) goes on from its last suffix."""

    def __init__(self, taken: Collection[str] = ()) -> None:
        from ..catalogue import catalogue

        cat = catalogue()
        self.taken = set(taken) | set(cat.indicators) | set(cat.rates)
        self.made = len(set(taken))  # custom figures so far: figure_N numbers them
        self._suffix: dict[str, int] = {}  # base key → the last suffix tried

    def __call__(self, label: str) -> str:
        base = label_key(label)
        if base is None:
            rules = key_rules()
            number = max(self.made + 1, self._suffix.get(rules.fallback, 0) + 1)  # its place among them
            while rules.fallback.format(n=number) in self.taken:
                number += 1
            self._suffix[rules.fallback] = number
            key = rules.fallback.format(n=number)
        elif base not in self.taken:
            key = base
        else:
            n = self._suffix.get(base, 1)
            while f"{base}_{n}" in self.taken or n == 1:
                n += 1
            self._suffix[base] = n
            key = f"{base}_{n}"
        self.taken.add(key)
        self.made += 1
        return key


def custom_keys(labels: Iterable[str], taken: Collection[str] = ()) -> list[str]:
    """The keys of new custom figures named `labels`, in order (see CustomKeys)."""
    make = CustomKeys(taken)
    return [make(label) for label in labels]


@lru_cache(maxsize=4096)
def label_key(label: str) -> str | None:
    """The pinyin key of `label` before it is made unique; None when it has no words to spell."""
    rules = key_rules()
    try:
        words = _words(label, rules) or _words(label, rules, skip=False)  # a label of filler words only ("等")
    except ImportError:  # pragma: no cover - pypinyin missing (installed without dependencies): figure_N
        return None
    if not words:
        return None
    counted, start = 0, len(words)
    while start and counted < rules.words:  # the last words; one of a single character is not counted
        start -= 1
        counted += words[start][1] > 1
    spelled = [word for word, _ in words[start:]]
    while len(spelled) > 1 and len("_".join(spelled)) > rules.max_length:
        spelled = spelled[1:]
    key = "_".join(spelled)[: rules.max_length].rstrip("_")
    if not _VALID.fullmatch(key):  # pragma: no cover - words are lower-case letters and digits after the first
        return None
    return key


def _words(label: str, rules: KeyRules, skip: bool = True) -> list[tuple[str, int]]:
    """The label's words as pinyin, each with its number of characters. Each run of Chinese
    characters is read as a whole (pypinyin knows the phrases in which a character of several
    readings reads one way: 调解 is tiaojie) and cut into words of two characters (most words have
    two syllables; pypinyin's phrases, only those with such a character, do not cut well on their
    own: its 卸车 would split 垃圾自卸车). Filler characters are left out and end a word, a suffix
    joins the word before it; Latin letters are a word of their own; digits and marks end a run.
    A number and its measure word leading the label ("12件") are not words."""
    from pypinyin import lazy_pinyin

    from .literals import number_rules

    label = label.strip()
    lead = number_rules().token.match(label)
    if lead is not None and lead["unit"]:
        label = label[lead.end():]
    words: list[tuple[str, int]] = []
    for chunk in _CHUNKS.finditer(label):
        text = chunk[0]
        if _LATIN.match(text):
            words.append((text.lower(), len(text)))
        elif _HAN.match(text):
            syllables = lazy_pinyin(text, errors=lambda chars: [""] * len(chars))
            if len(syllables) != len(text):  # pragma: no cover - one syllable per character
                syllables = [("".join(lazy_pinyin(char)) if _HAN.match(char) else "") for char in text]
            words += _cut(text, syllables, rules, skip)
    out = [(word, size) for word, size in ((re.sub(r"[^a-z0-9]", "", w.lower()), size) for w, size in words) if word]
    while out and not out[0][0][0].isalpha():  # a key starts with a letter
        out.pop(0)
    return out


def _cut(text: str, syllables: list[str], rules: KeyRules, skip: bool) -> list[tuple[str, int]]:
    """A run of Chinese characters (and their syllables) as words, each word's syllables joined,
    with its number of characters."""
    from pypinyin.constants import PHRASES_DICT as known

    words: list[tuple[str, int]] = []
    run: list[str] = []  # the syllables of the characters since the last break (and below, the characters)

    def close_run() -> None:
        words.extend(_pairs(run, run_chars, run_heads[-1:] == [True], known))
        run.clear()
        run_chars.clear()
        run_heads.clear()

    run_heads: list[bool] = []
    run_chars: list[str] = []
    for char, syllable in zip(text, syllables):
        if skip and char in rules.skip:
            close_run()
        elif char in rules.suffixes and (run or words):
            if run:  # "应诉率": the suffix goes with the character before it…
                run[-1] += syllable
                run_chars[-1] += char
                run_heads[-1] = False
                close_run()
            else:  # …or the word before ("成功" + 率)
                words[-1] = (words[-1][0] + syllable, words[-1][1] + 1)
        else:
            run.append(syllable)
            run_chars.append(char)
            run_heads.append(char in rules.heads)
    close_run()
    return words


def _pairs(syllables: list[str], chars: list[str], head_last: bool, known: Collection[str]) -> list[tuple[str, int]]:
    """A run of characters as two-syllable words. A run of odd length leaves one character
    alone: a head character at its end ("垃圾自卸车": 垃圾 自卸 车), else the one that lets most
    pairs be phrases pypinyin knows ("组织送法进小区": 组织 送法 进 小区), else the first
    (pairs from the end: "接收非警务警情案件" → 接 收非 警务 警情 案件)."""
    size = len(syllables)
    alone = 0
    if size % 2:
        if head_last:
            alone = size - 1
        else:
            def known_pairs(at: int) -> int:  # with the character at `at` alone
                starts = [*range(0, at, 2), *range(at + 1, size, 2)]
                return sum("".join(chars[i:i + 2]) in known for i in starts)

            scores = {at: known_pairs(at) for at in range(0, size, 2)}
            best = max(scores.values())
            alone = max(at for at, score in scores.items() if score == best) if best else 0
    out = []
    at = 0
    while at < size:
        if size % 2 and at == alone:
            out.append((syllables[at], len(chars[at])))
            at += 1
        else:
            out.append(("".join(syllables[at:at + 2]), len("".join(chars[at:at + 2]))))
            at += 2
    return out
