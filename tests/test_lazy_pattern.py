"""A LazyPattern answers exactly as its regular expression does: the required words it skips
on are words every match really contains."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.lazy_pattern import LazyPattern, required_literal, required_words

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


@pytest.mark.parametrize(
    ("pattern", "words"),
    [
        ("行政处罚(?:案件)?\\d+件", ("行政处罚",)),
        ("(?:免罚|不予处罚)(?:案件)?\\d+件", ("不予处罚", "免罚")),  # either, whichever the text has
        ("培?训练", ("训练",)),  # 培 may be absent
        ("a(?:b|c)+d", ("a",)),  # the repeated group promises nothing
        ("(?:ab|cd)efg", ("efg",)),  # the surer of the two
        ("(?P<n>培训)\\d", ("培训",)),  # a capturing group is opened
        ("(?:x|)y", ("y",)),  # an empty alternative: the group promises nothing
        ("(?i)abc", ()),  # a case-blind pattern: "ABC" matches
        ("[件起]", ()),
        ("(", ()),  # refused by the parser: tried (and refused by re.compile) as before
    ],
)
def test_required_words(pattern, words):
    assert required_literal(pattern) == words


def _data_patterns() -> list[LazyPattern]:
    """As drafter builds them: the import rules' words found in the rule, the wording's given,
    the patterns of names and titles a number in which stays literal (numbers.yaml)."""
    from drafter.figures.literals import number_rules
    from drafter.importing.figures import import_patterns
    from drafter.importing.wording_forms import _wording_forms

    rules = import_patterns()
    out = [p for r in rules.figures for p in r.patterns + r.zero + r.flag + ((r.exclude,) if r.exclude else ())]
    out += [*rules.rates.values(), rules.any_rate]
    out += [form.regex for form in _wording_forms().forms]
    out += list(number_rules().literal)
    return out


def _sentences() -> list[str]:
    from drafter.answers import load_answers
    from drafter.document import compose
    from drafter.sentences import sentence_spans

    examples = Path(__file__).resolve().parents[1] / "examples"
    texts = [getattr(p, "text", p) for path in sorted(examples.glob("*.yaml")) for p in compose(load_answers(path).report).paragraphs()]
    if CORPUS.is_dir():
        texts += [line for path in sorted(CORPUS.glob("*.txt")) for line in path.read_text(encoding="utf-8").splitlines()]
    return [s for text in texts for _, s in sentence_spans(text)]


def test_every_data_pattern_answers_as_its_regex_on_real_sentences():
    patterns = _data_patterns()
    sentences = _sentences()
    assert len(patterns) > 250 and len(sentences) > 200
    skipped = 0
    for lazy in patterns:
        regex = re.compile(lazy.pattern)
        for sentence in sentences:
            assert [m.span() for m in lazy.finditer(sentence)] == [m.span() for m in regex.finditer(sentence)], (lazy, sentence)
            full = lazy.fullmatch(sentence)
            assert (full and full.span()) == ((m := regex.fullmatch(sentence)) and m.span())
            skipped += not lazy.could_match(sentence)
    assert skipped > len(patterns) * len(sentences) // 2  # the quick reject does reject


_PIECES = st.sampled_from(["行政", "处罚", "案件", "培训", "免罚", "不予", "（", "）", "，", "。", "12", "3.5", "%", "件", "人次",
                          "x", "y", "ab"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=12).map("".join), st.sampled_from(["行政处罚(?:案件)?\\d+件", "(?:免罚|不予处罚)(?:案件)?", "培?训",
                                                                       "(?:ab|x)y", "ab|(?:处罚)+", "(?:行政)?处罚\\d"]))
def test_any_text_answers_as_the_regex(text, pattern):
    assert [m.span() for m in LazyPattern(pattern).finditer(text)] == [m.span() for m in re.finditer(pattern, text)]


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=12).map("".join), st.sampled_from(["行政处罚(?:案件)?\\d+件", "(?:免罚|不予处罚)(?:案件)?", "培?训",
                                                                       "(?:ab|x)y", "(行政)?(处罚)\\d", "x|y"]),
       st.booleans())
def test_findall_and_sub_answer_as_the_regex(text, pattern, gated):
    lazy = LazyPattern(pattern) if gated else LazyPattern(pattern, anchor=())  # anchor=(): compiled on first use
    assert lazy.findall(text) == re.findall(pattern, text)
    assert lazy.sub("〇", text) == re.sub(pattern, "〇", text)
    assert lazy.sub(lambda m: m.group(0)[::-1], text) == re.sub(pattern, lambda m: m.group(0)[::-1], text)


@pytest.mark.parametrize(
    ("pattern", "words"),
    [
        ("\\d+\\s*[+＋]\\s*\\d", ("+", "＋")),  # either plus sign
        ("[件起]", ("件", "起")),
        ("[件起]小时", ("小时",)),  # the surer of the two
        ("[^件起]", ()),  # a negated class promises nothing
        ("[a-z]", ()),  # nor does a range
        ("[一二三四五六七八九]", ()),  # nor a class too wide to test character by character
        ("(?:[件起])+", ()),  # nor a class that may repeat
    ],
)
def test_required_characters_of_a_class(pattern, words):
    assert required_literal(pattern, classes=True) == words


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES | st.sampled_from(["+", "＋", "N", "x"]), max_size=12).map("".join),
       st.sampled_from(["\\d+\\s*[+＋]\\s*[\\dNnXx]", "[件x]", "处罚[件x]", "(?:ab|[xy])12", "[件起]|行政"]))
def test_any_text_answers_as_the_regex_with_a_class_for_words(text, pattern):
    lazy = LazyPattern(pattern, anchor=required_literal(pattern, classes=True))
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in re.finditer(pattern, text)]


def test_every_required_set_of_words_surest_first():
    """Each run, group and class a match needs is one set; the import rules test them all."""
    pattern = "(?<!\\d)(?P<n>\\d+)\\s*次(?:专题学习|集中学习)(?:贯彻)?习近平法治思想"
    assert required_words(pattern) == (("习近平法治思想",), ("专题学习", "集中学习"), ("次",))
    assert required_literal(pattern) == ("习近平法治思想",)
    assert required_words("(?i)abc") == () and required_words("[a-z]+") == ()
    lazy = LazyPattern(pattern)
    assert lazy.anchor == ("习近平法治思想",) and lazy.also == (("专题学习", "集中学习"), ("次",))
    assert not lazy.could_match("深入贯彻习近平法治思想，集中学习")  # no 次: the regex is not run
    assert lazy.could_match("集中学习习近平法治思想3次")  # every set has a word: tried (and fails)
    assert lazy.search("3次集中学习习近平法治思想")[0] == "3次集中学习习近平法治思想"


def test_an_import_rule_tests_each_word_it_needs():
    from drafter.importing.figures import import_patterns

    rule = next(r for r in import_patterns().figures if r.key == "thought_study_sessions")
    last = rule.patterns[-1]  # {nc}次(?:专题学习|集中学习)…习近平法治思想: the number is no word
    assert last.anchor == ("习近平法治思想",) and ("次",) in last.also
    assert not last.could_match("深入贯彻习近平法治思想，推进法治政府建设。")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["习近平法治思想", "专题学习", "集中学习", "贯彻", "次", "3", "十", "，", "x"]), max_size=10).map("".join),
       st.sampled_from(["(?<!\\d)(?P<n>\\d+|[十]{1,3})\\s*次(?:专题学习|集中学习)(?:贯彻)?习近平法治思想",
                        "专题学习(?:贯彻)?习近平法治思想[^，]{0,10}?(?P<n>\\d+)\\s*次", "习近平法治思想|专题学习x"]))
def test_any_text_answers_as_the_regex_with_several_required_words(text, pattern):
    lazy = LazyPattern(pattern)
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in re.finditer(pattern, text)]
    assert bool(lazy.fullmatch(text)) == bool(re.fullmatch(pattern, text))
