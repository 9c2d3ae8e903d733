"""Sentences and their offsets: each offset is where its sentence stands in the text (the
offsets are counted from the sentences' lengths, not read off each match), and the sentences
put together give the text back."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.sentences import CLOSERS, SENTENCE_END, _sentence_pattern, sentence_spans

_PIECES = st.sampled_from([*SENTENCE_END, *CLOSERS, "：", "\n", " ", "全年办理", "案件59件", "“721”", "x"])


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=20).map("".join), st.sampled_from([SENTENCE_END, "。！？", SENTENCE_END + "：:"]))
def test_offsets_are_where_the_sentences_stand(text, ends):
    spans = sentence_spans(text, ends)
    assert "".join(s for _, s in spans) == text
    assert all(text[offset : offset + len(s)] == s and s for offset, s in spans)
    assert spans == [(m.start(), m[0]) for m in _sentence_pattern(ends).finditer(text)]


def test_a_sentence_keeps_its_closing_quote():
    assert sentence_spans("推行“721”工作法。”下一句") == [(0, "推行“721”工作法。”"), (12, "下一句")]
