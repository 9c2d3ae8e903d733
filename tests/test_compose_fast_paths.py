"""The short cuts of composing give what the long way gives.

Each short cut is compared with the code it replaced, kept here as the reference:
- a wording variant applies through the sets of figures given and at zero (`FigureStates`),
  and a group none of whose figures is given or zero is passed over;
- references are resolved in the texts `report_texts` names, copying only what holds one,
  against the walk of every text field of the model;
- the figures a resolve or the unfilled rule needs (`live_figures(referenced_only=True)`);
- a wording is filled through its %-format made once, not substituted placeholder by placeholder;
- figure sentences in a row are joined into sentences of clauses (drafter.clauses) as the
  plain `_old_join` joins their texts;
- `_already_stated` looks for a count in the text before asking the pattern; `opening_word`
  passes the pattern by for a sentence not opening with an ordinal.

Inputs: the examples, and hypothesis-made mixes of them: figures dropped, set to zero, to
False or to other numbers, references (known, unknown, rates, custom) put into any text.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from conftest import EXAMPLES

from drafter import document
from drafter.answers import load_report
from drafter.catalogue import catalogue, rates_of
from drafter.clauses import clause_limits
from drafter.document import compose
from drafter.figures import live, refs
from drafter.figures.live import live_figures, value_texts
from drafter.figures.refs import report_texts, resolve_texts, substitute
from drafter.model import Report
from drafter.wording import (FigureStates, WrittenSentence, figure_sentences, fill_figures, opening_word, placeholder_text,
                             sentence_groups, wording)

REPORTS = [load_report(path) for path in EXAMPLES]
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# ---------------------------------------------------------------- the code replaced


def _old_applies(variant, figures) -> bool:
    present = all(figures.get(key) not in (None, 0, False) for key in variant.needs)
    zero = all(key in figures and figures[key] == 0 and figures[key] is not False for key in variant.zero)
    return present and zero


def _old_chosen(group, figures, stated):
    covered = set(stated)
    chosen = []
    while True:
        variant = next((v for v in group if _old_applies(v, figures) and not (v.stated & covered)), None)
        if variant is None:
            return chosen
        covered |= variant.stated
        chosen.append(variant)


def _old_figure_sentences(figures, rates, previous, **kwargs):
    return [(home_key, choice) for home_key, choice, _, _ in _old_written(figures, rates, previous, **kwargs)]


def _old_written(figures, rates, previous, *, stated=(), subject=None, home_of=None, before=None):
    """The sentences with their group and variant (drafter.clauses rewords them when it joins)."""
    stated = set(stated)
    subject = subject or wording()["subject_default"]
    recent = {home: [_old_opening_word(x) for x in texts[-2:]] for home, texts in (before or {}).items()}
    sentences = []
    for number, group in enumerate(sentence_groups()):
        for variant in _old_chosen(group, figures, stated):
            if not variant.text:
                continue
            home_key = variant.figures[0]
            home = home_of.get(home_key) if home_of is not None else None
            last = recent.setdefault(home, [])
            rendered = (fill_figures(text, figures, rates, previous, subject) for text in variant.texts)
            worn = last[-1] if (len(last) >= 2 and last[-1] == last[-2]) or (last and last[-1] == subject[:2]) else None
            fresh = (r for r in rendered if _old_opening_word(r) != worn)
            choice = next(fresh, None) or fill_figures(variant.text, figures, rates, previous, subject)
            last[:] = (last + [_old_opening_word(choice)])[-2:]
            sentences.append((home_key, choice, number, group.index(variant)))
    return sentences


def _old_join(sentences, figures, rates, previous, subject, before=()):
    """drafter.clauses the plain way, on the texts: short sentences in a row joined by "，"
    within the limits, later clauses in a wording without the subject; a sentence that begins
    a new one reworded so that no two in a row open with the subject, no three alike."""
    limits = clause_limits()

    def short(text):
        return text.endswith("。") and len(text) <= limits.max_sentence_chars and not set(limits.stands_alone) & set(text)

    def one(parts):
        return "，".join(t[:-1] for t in parts) + "。" if len(parts) > 1 else parts[0]

    joined = []  # each sentence as the texts of its clauses
    openings = [_old_opening_word(x) for x in list(before)[-2:]]
    for sentence in sentences:
        texts = [fill_figures(t, figures, rates, previous, subject) for t in sentence_groups()[sentence.group][sentence.variant].texts]
        if joined and short(sentence.text) and short(joined[-1][-1]):
            clause = sentence.text if not sentence.text.startswith(subject) else \
                next((t for t in texts if t and not t.startswith(subject)), None)
            text = clause and one(joined[-1] + [clause])
            if text and len(text) <= limits.max_chars and text.count("，") + 1 <= limits.max_clauses:
                joined[-1].append(clause)
                continue
        if joined:
            openings = (openings + [_old_opening_word(joined[-1][0])])[-2:]
        worn = openings[-1] if (len(openings) >= 2 and openings[-1] == openings[-2]) or (openings and openings[-1] == subject[:2]) else None
        text = sentence.text
        if worn is not None and _old_opening_word(text) == worn:
            fresh = next((t for t in texts if _old_opening_word(t) != worn), None)
            text = fresh or texts[0]
        joined.append([text])
    return [WrittenSentence(None, one(parts), -1, -1, "", ()) for parts in joined]


def _old_fill_figures(text, figures, rates, previous, subject=None):
    return re.sub(r"\{(yoy:)?([a-z_0-9]+)\}",
                  lambda m: placeholder_text(m[2], bool(m[1]), figures, rates, previous, subject), text)


def _old_opening_word(sentence: str) -> str:
    return re.sub(r"^[一二三四五六七八九十]+是", "", sentence.strip())[:2]


_NOT_TEXT = frozenset({"figures", "previous_figures", "custom_figures", "fixed_numbers", "layout", "unit", "key"})


def _old_resolve_texts(report, value_of, texts=None):
    # `texts` (the report's texts, listed once by compose) is ignored: the walk finds every text itself
    def walk(node: Any) -> Any:
        if isinstance(node, str):
            return substitute(node, value_of) if "【" in node else node
        if isinstance(node, list):
            new = [walk(value) for value in node]
            return node if all(a is b for a, b in zip(new, node)) else new
        if isinstance(node, dict):
            new_map = {key: walk(value) for key, value in node.items()}
            return node if all(new_map[k] is v for k, v in node.items()) else new_map
        if isinstance(node, BaseModel):
            update = {}
            for name in type(node).model_fields:
                if name in _NOT_TEXT:
                    continue
                value = getattr(node, name)
                new = walk(value)
                if new is not value:
                    update[name] = new
            return node.model_copy(update=update) if update else node
        return node

    return walk(report)


def _old_already_stated(sentence: str, text: str) -> bool:
    if "同比" in sentence or "%" in sentence:
        return False
    counts = document._counts_pattern().findall(sentence)
    return bool(counts) and all(re.search(rf"(?<![\d.]){re.escape(count)}", text) for count in counts)


# ---------------------------------------------------------------- made reports

_KEYS = sorted(catalogue().indicators) + sorted(catalogue().rates) + ["standing_meetings", "no_such_key"]
_NUMBERS = st.sampled_from([None, 0, 0.0, 1, 2, 5.5, 59, 100, 12345])
_FLAGS = st.sampled_from([None, True, False])


def _value(key: str):
    return _FLAGS if catalogue().indicators[key].type == "flag" else _NUMBERS


FIGURES = st.lists(st.sampled_from(sorted(catalogue().indicators)), max_size=30, unique=True).flatmap(
    lambda keys: st.fixed_dictionaries({key: _value(key) for key in keys}))


@st.composite
def reports(draw) -> Report:
    """An example with its figures and texts changed; only what still validates."""
    data = draw(st.sampled_from(REPORTS)).model_dump(mode="python", exclude_defaults=True)
    data.setdefault("year", 2024)
    blocks = [topic["figures"] for topic in data.get("measures", []) if "figures" in topic]
    blocks += [data["duty"]["figures"]] if "figures" in data.get("duty", {}) else []
    for figures in blocks:
        for key in list(figures):
            change = draw(st.sampled_from(["keep", "drop", "value"]))
            if change == "drop":
                del figures[key]
            elif change == "value":
                figures[key] = draw(_value(key))
    texts = [(holder, key) for holder, key in refs.data_texts(data)]
    for holder, key in draw(st.lists(st.sampled_from(texts), max_size=6)) if texts else []:
        holder[key] = f"{holder[key]}共【{draw(st.sampled_from(_KEYS))}】项"
    if draw(st.booleans()):
        data["part_texts"] = {"duty": {"before": f"本年【{draw(st.sampled_from(_KEYS))}】次。"},
                              "plans": {"after": "总之。"}}
    try:
        return Report.model_validate(data)
    except ValidationError:
        assume(False)


# ---------------------------------------------------------------- agreement


@SETTINGS
@given(figures=FIGURES)
def test_a_variant_applies_through_the_figure_states_as_it_did_key_by_key(figures):
    states = FigureStates.of(figures)
    for group in sentence_groups():
        for variant in group:
            assert variant.applies(states) == variant.applies(figures) == _old_applies(variant, figures)


@SETTINGS
@given(figures=FIGURES,
       stated=st.sets(st.sampled_from(sorted(catalogue().indicators)), max_size=5), homes=st.booleans())
def test_figure_sentences_are_those_of_the_full_search(figures, stated, homes):
    home_of = {key: i % 3 for i, key in enumerate(sorted(figures))} if homes else None
    before = {0: ["我局召开会议。", "我局开展培训。"], 1: ["一是我局加强执法。"], 7: ["无关。"]} if homes else None
    given_figures = {k: v for k, v in figures.items() if v is not None}
    rates = {key: 0.5 for key in catalogue().rates}
    args = dict(stated=stated, subject="我局", home_of=home_of, before=before)
    assert figure_sentences(given_figures, rates, {}, **args) == _old_figure_sentences(given_figures, rates, {}, **args)


def test_figure_sentences_of_the_examples_are_those_of_the_full_search():
    for report in REPORTS:
        figures, rates = report.figures(), report.rates()
        assert figure_sentences(figures, rates, report.previous_figures, subject="我局") == \
            _old_figure_sentences(figures, rates, report.previous_figures, subject="我局")


def _check_resolve(report: Report) -> None:
    value_of = value_texts(report).get
    assert resolve_texts(report, value_of).model_dump() == _old_resolve_texts(report, value_of).model_dump()
    full = {key: figure for key, figure in live_figures(report).items() if figure.referenced_at}
    for figure in full.values():
        figure.sentences = []
    assert live_figures(report, referenced_only=True) == full
    assert value_texts(report, referenced_only=True) == {k: v for k, v in value_texts(report).items() if k in full}


def test_the_examples_resolve_as_the_walk_of_every_text_did():
    for report in REPORTS:
        assert any("【" in text for _, text in report_texts(report))
        _check_resolve(report)


_FILL_PIECES = ["{penalty_cases}", "{yoy:penalty_cases}", "{we}", "{petition_closure_rate}", "{fines}", "%", "%%",
                "%s", "%(x)s", "{", "}", "{PENALTY}", "{yoy:}", "件", "，同比", " ", "\n"]


@SETTINGS
@given(text=st.lists(st.sampled_from(_FILL_PIECES), max_size=12).map("".join),
       cases=st.integers(0, 10**6), previous=st.none() | st.integers(0, 10**6), fines=st.floats(0, 10**6))
def test_a_wording_is_filled_as_the_substitution_filled_it(text, cases, previous, fines):
    figures = {"penalty_cases": cases, "fines": fines, "petitions": cases + 1, "petitions_closed": cases}
    rates = {"petition_closure_rate": cases / (cases + 1)}
    last = {} if previous is None else {"penalty_cases": previous}
    assert fill_figures(text, figures, rates, last, "我局") == _old_fill_figures(text, figures, rates, last, "我局")


def test_every_wording_is_filled_as_the_substitution_filled_it():
    figures = {key: 7.5 if indicator.type == "amount" else 7 for key, indicator in catalogue().indicators.items()}
    rates = rates_of(figures)
    texts = [text for group in sentence_groups() for variant in group for text in variant.texts]
    assert len(texts) > 150
    for text in texts:
        assert fill_figures(text, figures, rates, {"penalty_cases": 3}) == _old_fill_figures(text, figures, rates, {"penalty_cases": 3})


@SETTINGS
@given(report=reports())
def test_made_reports_resolve_as_the_walk_of_every_text_did(report):
    _check_resolve(report)


@SETTINGS
@given(report=reports())
def test_made_reports_compose_as_with_the_code_replaced(report, monkeypatch_module):
    fast = compose(report).paragraphs()
    with monkeypatch_module() as patch:
        patch.setattr(refs, "resolve_texts", _old_resolve_texts)
        patch.setattr(live, "value_texts", lambda report, **_: {
            key: text for key, figure in live_figures(report).items() if (text := figure.text()) is not None})
        patch.setattr(document, "written_sentences", lambda *args, **kwargs: [  # the wording is not the old code's
            WrittenSentence(home, text, group, variant, "", ()) for home, text, group, variant in _old_written(*args, **kwargs)])
        patch.setattr(document, "_already_stated", _old_already_stated)
        patch.setattr(document, "join_clauses", _old_join)
        assert compose(report).paragraphs() == fast


@pytest.fixture(scope="module")
def monkeypatch_module():
    return pytest.MonkeyPatch.context


@SETTINGS
@given(sentence=st.text(alphabet=st.sampled_from(list("一二十是我局 \n共59件8次.0")), max_size=10),
       text=st.text(alphabet=st.sampled_from(list("共59件8次.0１２३ 局")), max_size=20))
def test_the_quick_tests_of_a_count_and_an_opening_word_change_nothing(sentence, text):
    assert opening_word(sentence) == _old_opening_word(sentence)
    sentence = f"办理{sentence}案件59件，另8次。"
    assert document._already_stated(sentence, text) == _old_already_stated(sentence, text)


@SETTINGS
@given(text=st.text(alphabet=st.sampled_from(list("法治 \n\t\u3000a")), max_size=12))
def test_the_lines_of_a_text_are_those_of_the_split_at_every_line_end(text):
    from drafter.text import lines

    assert lines(text) == [line.strip() for line in text.split("\n") if line.strip()]


def test_the_ordinals_are_those_worked_out_again():
    from drafter.text import _below_ten_thousand, chinese_number, part_ordinal, run_ordinal, topic_ordinal

    for n in [*range(1, 130), 10_001, 20_010]:
        for _ in range(2):  # the second time from the cache
            assert chinese_number(n) == (_below_ten_thousand(n, leading=True) if n < 10_000 else chinese_number.__wrapped__(n))
            assert (part_ordinal(n), topic_ordinal(n), run_ordinal(n)) == (
                chinese_number.__wrapped__(n) + "、", "（" + chinese_number.__wrapped__(n) + "）", chinese_number.__wrapped__(n) + "是")
    assert [chinese_number(n) for n in (1, 10, 12, 99, 100, 101, 110, 10_001)] == [
        "一", "十", "十二", "九十九", "一百", "一百零一", "一百一十", "一万零一"]


@SETTINGS
@given(text=st.text(alphabet=st.sampled_from(list("法治a1 。！？；\n\t\u3000")), max_size=24))
def test_the_last_sentences_are_those_of_the_split_after_every_end_mark(text):
    """`_last_sentences` finds the sentences by one pattern, as the lookbehind split cut them."""
    split = [s for s in re.split(r"(?<=[。！？；])", text) if s.strip()][-2:]
    assert document._last_sentences(text) == split


@SETTINGS
@given(text=st.text(max_size=30))
def test_a_display_width_is_that_of_the_character_by_character_sum(text):
    """`display_width` counts the ASCII characters in C (an encoding that drops the others)."""
    from drafter.text import display_width

    by_character = sum(0.5 if ord(ch) < 128 else 1.0 for ch in text.strip())
    assert display_width(text) == by_character and type(display_width(text)) is type(by_character)


@SETTINGS
@given(value=st.one_of(st.integers(0, 10**12), st.floats(0, 1e9, allow_nan=False), st.sampled_from([0, 0.0, 59, 59.0, 12.5, 3.456, 1e-7])))
def test_a_whole_number_is_formatted_as_the_float_test_formatted_it(value):
    from drafter.text import format_number

    for decimals in (2, 6):
        plain = str(int(value)) if float(value).is_integer() else f"{value:.{decimals}f}".rstrip("0").rstrip(".")
        assert format_number(value, decimals) == plain
    with pytest.raises(TypeError):
        format_number(True)
