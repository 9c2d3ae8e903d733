"""The draft's check takes drafter's own figure sentences as compose wrote them (the wording
and what it filled in, `ComposedDocument.figure_sentences`) instead of reading them back
through the wording catalogue; `drafter check` of a .docx or a text still reads them back.
Both must give the same: for every sentence compose writes, `read_written` is exactly
`match_wording` of its text, and the check of a composed draft finds exactly what the check of
its bare paragraphs finds. The answers rules that need the draft (`check_draft`) take its
sentences from the draft too, and find what they found making them again.

Inputs: the examples; the corpus reports (read from ../shared/corpus at test time) imported,
clean and with every damage of tests/damage.py, and carried into the next year with changed
figures and this year's as last year's (so the sentences say 同比…); hypothesis-made answers.
"""

from __future__ import annotations

import tempfile
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES
from damage import TRANSFORMS, corpus_reports, report_year
from test_property import answers

from drafter.answers import dump_yaml, load_answers
from drafter.catalogue import catalogue
from drafter.check.runner import check_composed, check_paragraphs
from drafter.check.draft import check_draft
from drafter.document import compose, sentences_by_home
from drafter.importing import wording_forms
from drafter.importing.wording_forms import match_wording, read_written
from drafter.model import Report
from drafter.wording import FigureStates, sentence_groups


def _import(text: str, name: str) -> Report:
    from drafter.importing import import_report

    with tempfile.TemporaryDirectory() as directory:
        source = Path(directory) / name
        source.write_text(text, encoding="utf-8")
        return import_report(source).report


def _changed(key: str, value):
    """Next year's value: counts and amounts doubled (parts stay within their totals)."""
    return value if catalogue().indicators[key].type == "flag" else value * 2


def carried(report: Report) -> Report:
    """Next year's answers as `drafter new` seeds them from `report` (carried texts, years moved
    on), every figure entered again changed, this year's figures as last year's."""
    from drafter.questionnaire.carry import carry, reuse_policy

    plain = report.model_dump(mode="json", exclude_none=True)
    seed = reuse_policy().advanced(carry(plain), report.year, report.year + 1)
    seed["year"] = report.year + 1
    assert len(seed["measures"]) == len(plain["measures"])
    for topic, last in zip(seed["measures"], plain["measures"]):
        if last.get("figures"):
            topic["figures"] = {key: _changed(key, value) for key, value in last["figures"].items()}
    if plain.get("duty", {}).get("figures"):
        seed.setdefault("duty", {})["figures"] = {key: _changed(key, value) for key, value in plain["duty"]["figures"].items()}
    seed["previous_figures"] = dict(report.figures())
    return Report.model_validate(seed)


@lru_cache(maxsize=1)
def _reports() -> tuple[tuple[str, Report], ...]:
    reports = [(path.stem, load_answers(path).report) for path in EXAMPLES]
    for path in corpus_reports():
        text = path.read_text(encoding="utf-8")
        clean = _import(text, path.name)
        reports += [(path.stem, clean), (f"{path.stem} carried", carried(clean))]
        for name, damage in TRANSFORMS.items():
            reports.append((f"{path.stem} {name}", _import(damage(text, report_year(path)), path.name)))
    reports += [(f"{name} carried", carried(report)) for name, report in reports[: len(EXAMPLES)]]
    return tuple(reports)


def _written(composed) -> list:
    return [sentence for home in composed.figure_sentences.values() for sentence in home]


def assert_read_alike(report: Report) -> int:
    """Each sentence compose writes is read as the read-back reads it, and the draft's check
    finds what the check of its paragraphs finds; returns how many sentences were compared."""
    composed = compose(report)
    for sentence in _written(composed):
        assert read_written(sentence) == match_wording(sentence.text), sentence
    drafted = check_composed(report, composed)
    read_back = check_paragraphs(composed.paragraphs(), year=report.year, kind="answers")
    assert drafted.findings == read_back.findings
    assert composed.figure_sentences == sentences_by_home(report)  # what check_draft made again before
    assert check_draft(report, composed) == check_draft(report)
    return len(_written(composed))


_COUNT = len(EXAMPLES) * 2 + 5 * (len(TRANSFORMS) + 2)  # with the five corpus reports


def test_the_reports_are_there():
    assert len(_reports()) == (_COUNT if corpus_reports() else len(EXAMPLES) * 2)


@pytest.mark.parametrize("index", range(_COUNT))
def test_drafters_sentences_are_read_as_the_read_back_reads_them(index):
    if index >= len(_reports()):
        pytest.skip("../shared/corpus is not beside the clone")
    name, report = _reports()[index]
    assert_read_alike(report)


def test_the_comparison_is_not_vacuous():
    """Sentences of every kind are compared: read as drafter's, with 同比 phrases, and found in
    the draft's check."""
    sentences = [s for _, report in _reports() for s in _written(compose(report))]
    own = [s for s in sentences if read_written(s) is not None]
    assert len(own) > (100 if corpus_reports() else 20)
    assert any(read_written(s)[1] for s in own)  # last year's figures recovered from 同比…
    assert any("同比" in s.text for s in own)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=answers(labelled=False))
def test_drafters_sentences_from_any_answers_are_read_as_the_read_back_reads_them(data):
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "answers.yaml"
        path.write_text(dump_yaml(data), encoding="utf-8")
        report = load_answers(path).report
    assert_read_alike(report)


def test_the_drafts_check_reads_none_of_its_own_sentences_back(monkeypatch):
    report = load_answers(EXAMPLES[0]).report
    composed = compose(report)
    own = {s.text for s in _written(composed)}
    asked: list[str] = []

    def counted(sentence: str):
        asked.append(sentence)
        return match_wording(sentence)

    monkeypatch.setattr(wording_forms, "match_wording", counted)
    check_composed(report, composed)
    assert asked and not own & set(asked)  # the clerk's sentences are still read back
    asked.clear()
    check_paragraphs(composed.paragraphs(), year=report.year, kind="answers")
    assert own & set(asked)  # a text without compose's knowledge reads them back


# ---------------------------------------------------------------- the variant a sentence must be

_STATES = st.dictionaries(
    st.sampled_from(sorted({key for group in sentence_groups() for v in group for key in v.figures})),
    st.sampled_from([0, 1, 7, 2.5, True, False, None]), max_size=12)


@settings(max_examples=300, deadline=None)
@given(_STATES)
def test_a_form_is_read_back_only_where_its_variant_is_the_first_that_applies(figures):
    """Read back, a sentence stands for its own variant only when no variant before it in its
    group applies (that one would have been written): each form's earlier variants give what a
    search of the whole group for the first that applies gives."""
    states = FigureStates.of(figures)
    for form in wording_forms._wording_forms().forms:
        group = sentence_groups()[form.group]
        first = next((v for v in group if v.applies(states)), None)
        assert (form.variant.applies(states) and not any(v.applies(states) for v in form.earlier)) == \
            (first is form.variant), (form.text, figures)


def test_the_variants_before_a_form_are_a_real_choice():
    forms = wording_forms._wording_forms().forms
    assert any(form.earlier for form in forms) and any(not form.earlier for form in forms)
    assert all(form.variant not in form.earlier for form in forms)
