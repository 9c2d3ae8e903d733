"""“填 0 的才会写‘无……’”: a 0 is written as a sentence of “无/未” exactly for the figures the README
lists (the `zero:` variants of templates/wording.yaml); any other 0 is left out like a blank."""

from __future__ import annotations

import re

from conftest import REPO
from drafter.catalogue import catalogue, rates_of
from drafter.wording import figure_sentences, sentence_groups

# Figures whose 0 a report states (the issue's examples, and the commonest in published reports)
MUST_TELL_ZERO = {"certificates_revoked", "litigation_lost", "reconsideration_corrected", "litigation_cases",
                  "reconsideration_cases", "court_required", "court_attended", "major_decisions",
                  "disclosure_requests", "penalty_cases"}


def _zero_variants() -> dict:
    """Each figure with a `zero:` variant → the first such variant (its `needs` are the totals it goes with)."""
    found = {}
    for group in sentence_groups():
        for variant in group:
            for key in variant.zero:
                found.setdefault(key, variant)
    return found


def _sentences(figures: dict) -> list[str]:
    return [text for _, text in figure_sentences(figures, rates_of(figures), {})]


def test_the_figures_the_issue_names_have_a_zero_sentence():
    assert MUST_TELL_ZERO <= set(_zero_variants())


def test_each_zero_is_told_as_none_and_never_as_a_number():
    for key, variant in _zero_variants().items():
        figures = {key: 0, **{total: 5 for total in variant.needs}}
        sentences = _sentences(figures)
        assert len(sentences) == 1, (key, sentences)
        assert "无" in sentences[0] or "未" in sentences[0], (key, sentences)
        assert not re.search(r"(?<![\d.])0(件|个|项|次|人|条|份|场)", sentences[0]), (key, sentences)


def test_any_other_zero_is_left_out_like_a_blank():
    told = set(_zero_variants())
    for key, indicator in catalogue().indicators.items():
        if key in told or indicator.type == "flag":
            continue
        assert _sentences({key: 0}) == [], key


def test_the_readme_lists_exactly_the_figures_whose_zero_is_told():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    listed = re.search(r"<!-- zero-figures -->(.*?)<!-- /zero-figures -->", readme, re.S)[1]
    labels = {key: indicator.label for key, indicator in catalogue().indicators.items()}
    in_readme = {key for key, label in labels.items() if label in listed}
    assert in_readme == set(_zero_variants())


def test_a_zero_with_its_total_in_a_draft(cli, tmp_path):
    text = (REPO / "examples" / "town-government.yaml").read_text(encoding="utf-8")
    text = text.replace("      inspected_entities: 85\n",
                        "      inspected_entities: 85\n      certificates_issued: 3\n      certificates_revoked: 0\n")
    answers = tmp_path / "a.yaml"
    answers.write_text(text, encoding="utf-8")
    result = cli("export", answers, "--md", "-o", "-")
    assert result.exit_code == 0, result.stderr
    assert "新办行政执法证件3个，无注销行政执法证件情况。" in result.stdout
