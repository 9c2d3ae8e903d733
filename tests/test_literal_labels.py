"""The label proposed for a typed number is the words before it in its clause, filler words
taken off its ends as numbers.yaml lists them: the fast reader gives what the plain definition
below gives, on real sentences and on any mix of the filler words."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.datafile import load_data
from drafter.figures.literals import literal_numbers, propose_label

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
