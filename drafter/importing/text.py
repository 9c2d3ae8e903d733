"""Text helpers for `drafter import`: "一是…二是…" runs, lead sentences, and the character
measure behind "nothing is lost" (punctuation and sentences: drafter.punctuation,
drafter.sentences).

Pure functions on strings; the rules they apply are in templates/import_patterns.yaml and
units.yaml where they are data (lead-sentence limits, measure words), and here where they are
punctuation mechanics.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..recognise.markers import marker_length
from ..sentences import SENTENCE_END, split_sentences
from ..text import run_ordinal
from ..units import figure_with_unit

# Where a run ordinal "二是" may start: the start of the text or after one of these.
_RUN_BOUNDARY = "。；;，,：:！？!?\n \u3000）)”"


# ------------------------------------------------------------------ "一是…二是…" runs


def split_run(text: str) -> tuple[str, list[str]] | None:
    """"…：一是甲。二是乙；三是丙。" → ("…：", ["甲。", "乙；", "丙。"]); None without 一是 and 二是.

    An ordinal counts only at the start or after punctuation (so "统一是" is not "一是"), and
    only in sequence (一是 before 二是 before 三是).
    """
    positions: list[int] = []
    search_from = 0
    for number in range(1, 100):
        marker = run_ordinal(number)
        found = -1
        i = text.find(marker, search_from)
        while i != -1:
            if i == 0 or text[i - 1] in _RUN_BOUNDARY:
                found = i
                break
            i = text.find(marker, i + 1)
        if found == -1:
            break
        positions.append(found)
        search_from = found + len(marker)
    if len(positions) < 2:
        return None
    intro = text[: positions[0]].strip()
    items = []
    for k, pos in enumerate(positions):
        start = pos + len(run_ordinal(k + 1))
        end = positions[k + 1] if k + 1 < len(positions) else len(text)
        items.append(text[start:end].strip())
    return intro, items


_LEADING_RUN = re.compile(r"^([一二三四五六七八九十]{1,3})是")


def leading_run_number(text: str) -> int | None:
    """"二是加强…" → 2; None when the text does not start with a run ordinal."""
    from ..text import parse_chinese_number

    m = _LEADING_RUN.match(text)
    if not m:
        return None
    return parse_chinese_number(m[1])


def strip_leading_run(text: str) -> str:
    return _LEADING_RUN.sub("", text, count=1).lstrip()


# ------------------------------------------------------------------ lead sentences


@dataclass(frozen=True)
class LeadRules:
    max_chars: int = 30
    max_commas: int = 2
    bold_max_chars: int = 60


def first_sentence_end(text: str) -> int:
    """Index of the first 。！？ (outside 《》 and quotes); -1 when there is none."""
    depth = 0
    for i, ch in enumerate(text):
        if ch in "《“（(":
            depth += 1
        elif ch in "》”）)":
            depth = max(0, depth - 1)
        elif ch in "。！？!?" and depth == 0:
            return i
    return -1




def split_lead(text: str, rules: LeadRules, bold_chars: int = 0) -> tuple[str, str] | None:
    """"加强组织领导。成立…" → ("加强组织领导", "成立…"): a short first sentence that heads the rest.

    A lead is short, holds no figure (nor a date: it states a fact) and no colon, and is
    followed by more text. A bold first sentence (``bold_chars`` covers it) is a lead up to
    ``bold_max_chars``.
    """
    end = first_sentence_end(text)
    if end <= 0:
        return None
    title = text[:end].strip()
    rest = text[end + 1 :].strip()
    if not rest or not title:
        return None
    if bold_chars and bold_chars >= end:
        return (title, rest) if len(title) <= rules.bold_max_chars else None
    if len(title) > rules.max_chars or figure_with_unit().search(title) or any(c in title for c in "：:；;"):
        return None
    if sum(title.count(c) for c in "，,") > rules.max_commas:
        return None
    return title, rest


def first_clause(text: str, max_chars: int = 30) -> tuple[str, str] | None:
    """"加强执法监督，防止…。" → ("加强执法监督", "防止…。"); None if the first clause is long."""
    m = re.search(r"[，,：:]", text)
    if not m or m.start() == 0 or m.start() > max_chars:
        return None
    rest = text[m.end() :].strip()
    return (text[: m.start()].strip(), rest) if rest else None


def tidy_end(text: str) -> str:
    """An item cut out of a run ends with "；" or "，": end it with "。" instead."""
    from ..text import ends_sentence

    text = text.strip()
    while text and text[-1] in "；;，,、":
        text = text[:-1]
    return ends_sentence(text) if text else text


# ------------------------------------------------------------------ the character measure

_BLANKS = " \t\r\n\u3000\u00a0\ufeff\u200b"
# also glued to the words before it: a heading run into its points ("…依法行政水平一是健全…")
_RUN_MARK = re.compile(r"(?:(?<=[。；;，,：:！？!?\s\u4e00-\u9fff])|^)[一二三四五六七八九十]{1,3}是")
_KEEP = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaffA-Za-z0-9%％.]")


def normalise(text: str) -> str:
    """Letters, digits and CJK only: punctuation, spaces and ordinals do not count (a heading
    marker as the recogniser reads it, drafter.recognise.markers: what the import drops as one
    is not text lost)."""
    text = text.strip(_BLANKS)
    while True:  # "一是（二）…", "1.（四）…": every leading ordinal goes
        stripped = _LEADING_RUN.sub("", text[marker_length(text):], count=1).strip(_BLANKS)
        if stripped == text:
            break
        text = stripped
    text = _RUN_MARK.sub("", text)
    return "".join(_KEEP.findall(text))


def measure_pieces(text: str) -> list[tuple[str, str]]:
    """The sentences the "characters kept" measure checks one by one, with their normal form."""
    pieces = []
    for sentence in split_sentences(text, SENTENCE_END + "：:"):
        norm = normalise(sentence)
        if norm:
            pieces.append((sentence, norm))
    return pieces
