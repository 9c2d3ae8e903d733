"""The label proposed for a typed number is the words before it in its clause, filler words
taken off its ends as numbers.yaml lists them: the fast reader gives what the plain definition
below gives, on real sentences and on any mix of the filler words."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.datafile import load_data
from drafter.figures.literals import literal_numbers, number_rules, propose_label

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
RAW = load_data("numbers.yaml")
LEADING = sorted(RAW["label_strip_leading"], key=len, reverse=True)
TRAILING = sorted(RAW["label_strip_trailing"], key=len, reverse=True)
BREAKS = "，,。；;：:！？、（）()“”\n"


def plain_label(text: str, start: int, end: int, floor: int = 0) -> str:
    """The definition, written the slow way."""
    begin = max(floor, max(text.rfind(ch, 0, start) for ch in BREAKS) + 1)
    before = text[begin:start].strip()
    changed = True
    while changed and before:
        changed = False
        for word in LEADING:
            if before.startswith(word) and len(before) > len(word):
                before, changed = before[len(word):], True
        for word in TRAILING:
            if before.endswith(word) and len(before) > len(word):
                before, changed = before[: -len(word)], True
    before = before[-16:]
    if len(before) >= 2:
        return before
    after = text[end:]
    for ch in BREAKS:
        after = after.split(ch, 1)[0]
    return (before + after)[:16] or text[start:end]


def test_known_labels():
    numbers = literal_numbers("全年共开展法治讲座12场，我局累计办理行政处罚案件59件，其中简易程序案件达3件。")
    assert [n.label for n in numbers] == ["开展法治讲座", "办理行政处罚案件", "简易程序案件"]


def test_labels_of_real_sentences_follow_the_definition():
    texts = ["全年共开展法治讲座12场，参训400余人次。"]
    if CORPUS.is_dir():
        texts += [line for path in sorted(CORPUS.glob("*.txt")) for line in path.read_text(encoding="utf-8").splitlines()]
    checked = 0
    for text in texts:
        floor = 0
        for number in literal_numbers(text):
            assert number.label == plain_label(text, number.start, number.end, floor), text
            floor = number.end
            checked += 1
    assert checked >= (50 if CORPUS.is_dir() else 2)


_PIECE = st.sampled_from(LEADING + TRAILING + ["开展", "讲座", "，", "。", "x", " ", "（"])


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECE, min_size=1, max_size=8).map("".join), st.data())
def test_labels_of_filler_words_follow_the_definition(text, data):
    start = data.draw(st.integers(0, len(text)))
    floor = data.draw(st.integers(0, start))
    assert propose_label(text, start, start, floor) == plain_label(text, start, start, floor)


def _first_token_pattern() -> re.Pattern[str]:
    """The number token as first written, the not-after-a-digit test in front (re then tries it
    at every character); the measure words are the current pattern's."""
    units = number_rules().token.pattern.split("(?P<unit>", 1)[1]
    return re.compile(r"(?<![\d.,A-Za-z])(?P<n>\d{1,3}(?:,\d{3}){1,3}|\d{1,12}(?:\.\d{1,6})?)(?![\d.,])\s*"
                      r"(?P<wan>万|亿)?(?P<approx>余|多)?\s*(?P<unit>" + units)


def _tokens(pattern: re.Pattern[str], text: str) -> list:
    return [(m.span(), m.groupdict()) for m in pattern.finditer(text)]


def test_number_tokens_are_those_of_the_first_pattern_on_real_text():
    first = _first_token_pattern()
    texts = ["全年共开展法治讲座12场，参训400余人次，罚款1,234,567元，A12件，3.14159265万元。"]
    if CORPUS.is_dir():
        texts += [line for path in sorted(CORPUS.glob("*.txt")) for line in path.read_text(encoding="utf-8").splitlines()]
    found = 0
    for text in texts:
        assert _tokens(number_rules().token, text) == _tokens(first, text), text
        found += len(_tokens(first, text))
    assert found >= (100 if CORPUS.is_dir() else 5)


_NUMBER_PIECE = st.sampled_from(["1", "23", "4567", "1234567890123", ",", ".", " ", "a", "X", "万", "亿", "余", "多",
                                 "件", "人次", "%", "年", "，", "第"])


@settings(max_examples=500, deadline=None)
@given(st.lists(_NUMBER_PIECE, max_size=14).map("".join))
def test_number_tokens_are_those_of_the_first_pattern_on_any_text(text):
    assert _tokens(number_rules().token, text) == _tokens(_first_token_pattern(), text)
