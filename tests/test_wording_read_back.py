"""drafter's own sentences are read back (`match_wording`) exactly as the plain definition below
reads them: every wording form tried in order, the figures rendered again with `fill_figures`
and compared with the sentence. The fast reader tries only the forms the sentence's first words
allow and compares field by field; both give the same answer on the examples, the corpus,
reports with any figures, and drafter's sentences with their numbers written otherwise (06次,
5.0次, 1,000件, sixteen digits) or another subject."""

from __future__ import annotations

import random
import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES
from test_property import answers

from drafter.answers import dump_yaml, load_answers
from drafter.catalogue import catalogue, rates_of
from drafter.document import compose
from drafter.importing.wording_forms import _recover_previous, _wording_forms, match_wording, nearest_counts
from drafter.sentences import sentence_spans
from drafter.text import format_percent
from drafter.wording import fill_figures, sentence_groups

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def plain_match_wording(sentence: str):
    """The definition, the slow way: the sentence as one of drafter's, else as several of them
    joined by "，" (drafter.clauses): cut at its commas, each part read as a sentence of its own
    (the first cut whose parts all read, shortest first part first), their figures together."""
    found = plain_match_one(sentence)
    if found is not None or "，" not in sentence or not sentence.endswith("。"):
        return found
    pieces = sentence.split("，")
    cache: dict = {}

    def part(i, j):  # pieces i..j-1 as one sentence
        if (i, j) not in cache:
            cache[i, j] = plain_match_one("，".join(pieces[i:j]) + ("" if j == len(pieces) else "。"))
        return cache[i, j]

    def read_from(i, whole):
        for j in range(i + 1, len(pieces) + whole):
            if part(i, j) is None:
                continue
            if j == len(pieces):
                return part(i, j)
            rest = read_from(j, True)
            if rest is not None:
                figures, previous = dict(part(i, j)[0]), dict(part(i, j)[1])
                if any(figures.get(k, v) != v for k, v in rest[0].items()):
                    continue
                figures.update(rest[0])
                previous.update(rest[1])
                return figures, previous
        return None

    return read_from(0, False)


def plain_match_one(sentence: str):
    """One of drafter's sentences, the slow way: each form's regex in turn, the sentence rendered again."""
    cat = catalogue()
    for form in _wording_forms().forms:
        m = re.fullmatch(form.regex.pattern, sentence)
        if not m or any(kind == "figure" and len(m[name].partition(".")[0]) > 15 for name, kind, _ in form.fields):
            continue
        figures, stated_rates, yoy, subject = {}, {}, {}, None
        for name, kind, key in form.fields:
            value = m[name]
            if kind == "subject":
                subject = value
            elif kind == "figure":
                figures[key] = float(value) if "." in value else int(value)
            elif kind == "rate":
                stated_rates[key] = value
            elif value:
                yoy[key] = value
        for key in form.variant.zero:
            figures.setdefault(key, 0)
        complete = True
        for key in form.variant.needs:
            if key in figures:
                continue
            if cat.indicators[key].type == "flag":
                figures[key] = True
                continue
            derived = None
            for rate_key, stated in stated_rates.items():
                rate = cat.rates[rate_key]
                if rate.numerator == key and isinstance(figures.get(rate.denominator), int):
                    den = figures[rate.denominator]
                    for n in nearest_counts(float(stated.rstrip("%")) / 100 * den, den):
                        if format_percent(n / den) == stated:
                            derived = n
                            break
            if derived is None:
                complete = False
                break
            figures[key] = derived
        if not complete:
            continue
        previous = {key: _recover_previous(figures.get(key), phrase) for key, phrase in yoy.items()}
        if None in previous.values():
            continue
        if next((v for v in sentence_groups()[form.group] if v.applies(figures)), None) is not form.variant:
            continue
        if fill_figures(form.text, figures, rates_of(figures), previous, subject) != sentence:
            continue
        return figures, previous
    return None


def _paragraphs_of(path: Path) -> list[str]:
    return compose(load_answers(path).report).paragraphs()


def _sentences(paragraphs: list[str]) -> list[str]:
    return [s for text in paragraphs for _, s in sentence_spans(text)]


_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_SUBJECTS = ["我局", "我中心", "我镇", "本局", "我"]


def _rewritten(sentence: str, rng: random.Random) -> list[str]:
    """The sentence with one of its numbers written another way, and with another subject."""
    out = []
    for m in _NUMBER.finditer(sentence):
        for other in ("0" + m[0], m[0] + ".0", m[0] + ".50", f"{int(float(m[0])):,}", "1" * 16, "0", str(rng.randint(0, 99))):
            out.append(sentence[: m.start()] + other + sentence[m.end():])
    for subject in _SUBJECTS:
        if sentence.startswith("我局"):
            out.append(subject + sentence[2:])
    return out


def assert_same(sentences: list[str]) -> tuple[int, int]:
    """(sentences read as drafter's, sentences some form's regex matches that are not)."""
    read = refused = 0
    forms = _wording_forms().forms
    for sentence in sentences:
        fast = match_wording(sentence)
        assert fast == plain_match_wording(sentence), sentence
        read += fast is not None
        refused += fast is None and any(re.fullmatch(f.regex.pattern, sentence) for f in forms)
    return read, refused


def test_the_examples_the_corpus_and_their_rewritings_are_read_as_the_definition_reads_them():
    sentences = [s for path in EXAMPLES for s in _sentences(_paragraphs_of(path))]
    if CORPUS.is_dir():
        sentences += _sentences([line for path in sorted(CORPUS.glob("*.txt")) for line in path.read_text(encoding="utf-8").splitlines()])
    rng = random.Random(11)
    own = [s for s in sentences if match_wording(s) is not None]
    read, refused = assert_same(sentences + [r for s in own for r in _rewritten(s, rng)])
    assert read > len(own) and refused > 50  # rewritten numbers are read, and refused: not vacuous


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=answers(labelled=False), seed=st.integers(0, 10**6))
def test_drafters_sentences_from_any_figures_are_read_as_the_definition_reads_them(data, seed):
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "answers.yaml"
        path.write_text(dump_yaml(data), encoding="utf-8")
        sentences = _sentences(_paragraphs_of(path))
    rng = random.Random(seed)
    assert_same(sentences + [r for s in sentences if _NUMBER.search(s) for r in rng.sample(_rewritten(s, rng), 1)])


def test_a_sentence_beginning_with_two_known_heads_is_tried_with_the_forms_of_both():
    from drafter.importing.wording_forms import _WordingForms

    forms = _WordingForms(forms=("anywhere", "我局全年…", "全年办理…", "其他"), subjects=("我局",),  # type: ignore[arg-type]
                          by_head={"我局全年": (1,), "全年办理": (2,), "其他事项": (3,)}, anywhere=(0,))
    assert forms.candidates("我局全年办理行政处罚案件59件。") == ("anywhere", "我局全年…", "全年办理…")
    assert forms.candidates("全年办理行政处罚案件59件。") == ("anywhere", "全年办理…")
    assert forms.candidates("我局召开会议4次。") == ("anywhere",)
