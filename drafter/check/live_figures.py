"""Rule 4 (cont.): live figures, on any report text and on answers files.

- ``text.placeholder``: a mark of an unfinished draft left in the text ("请补充", "……", "待补写",
  "待填写"; check_rules.yaml: placeholders) is an error, so render refuses it without --force;
- ``figures.two_values``: one figure stated with two different values in one report (the carried
  "全年办理行政处罚案件59件" beside this year's "70件"): two numbers with the same words before
  them and the same unit, or a sentence drafter writes from a figure and a hand-written sentence
  naming the same catalogue indicator (templates/import_patterns.yaml), with different values;
- ``answers.carried_number`` (`carried_numbers`, answers files only): a number still typed as
  plain text (in digits, or a count in Chinese numerals: "培训三次"), in a text carried from
  last year's answers file beside it and unchanged.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from drafter.check.context import CheckDocument
from drafter.sentences import sentence_spans

if TYPE_CHECKING:  # pragma: no cover
    from drafter.answers import LoadedAnswers
    from drafter.check.findings import Finding


def check(doc: CheckDocument) -> None:
    _placeholders(doc)
    _two_values(doc)


def _placeholders(doc: CheckDocument) -> None:
    marks = doc.rules["placeholders"]
    any_mark = doc.rules.compiled("placeholders", lambda: "|".join(map(re.escape, marks)))
    for p in doc.content:
        if not any_mark.search(p.text):
            continue
        for mark in marks:  # the first mark of the list the paragraph has, not the first in it
            at = p.text.find(mark)
            if at >= 0:
                doc.add("text.placeholder", p, start=at, end=at + len(mark), mark=mark)
                break


_MIN_LABEL = 6  # shorter names ("执法监督", "培训") say too little to call two numbers one figure


_DIGIT = re.compile(r"\d")


def figure_scope(doc: CheckDocument, sentence: str, before: int) -> str | None:
    """The last of check_rules.yaml's `figure_scopes` ("全市", "市本级") before index `before`
    of `sentence`: whose count the number there is."""
    found = None
    for found in _scopes(doc).finditer(sentence, 0, before):
        pass
    return found[0] if found else None


def _scopes(doc: CheckDocument) -> re.Pattern[str]:
    """Any of the `figure_scopes`, the longest first."""
    return doc.rules.compiled("figure_scopes", lambda: "|".join(
        map(re.escape, sorted(doc.rules["figure_scopes"], key=len, reverse=True))))


def _two_values(doc: CheckDocument) -> None:
    from drafter.importing.wording_forms import match_wording, read_written

    sentences = _number_sentences(doc)
    reported: set[tuple[str, str]] = set()
    _two_values_by_label(doc, sentences, reported)
    # (paragraph, sentence, the counts drafter wrote it from): one reader after the other over
    # all the sentences, each reader's code and data staying at hand while it reads them
    read: list[tuple[Any, str, list | None]] = []
    written_sentences = doc.written
    for p, _, sentence in sentences:
        written = written_sentences.get(sentence)
        own = match_wording(sentence) if written is None else read_written(written)
        counts = None if own is None else [(k, v) for k, v in own[0].items() if not isinstance(v, bool)]
        read.append((p, sentence, counts))
    _two_values_by_key(doc, _keyed(read), reported)


def _number_sentences(doc: CheckDocument) -> list[tuple[Any, int, str]]:
    """(paragraph, offset, sentence) of every sentence holding a digit: no number, no figure,
    neither reader finds anything in the others."""
    return [(p, offset, sentence) for p in doc.content if _DIGIT.search(p.text)
            for offset, sentence in sentence_spans(p.text) if _DIGIT.search(sentence)]


def _two_values_by_label(doc: CheckDocument, sentences: list[tuple[Any, int, str]], reported: set) -> None:
    """Two numbers with the same words before them, the same unit and scope, and different values."""
    from drafter.figures.literals import literal_numbers

    seen: dict[tuple[str, str, str | None], tuple[Any, Any, str, int]] = {}  # (label, unit, scope) → first
    scopes = _scopes(doc)
    for p, offset, sentence in sentences:
        scoped = scopes.search(sentence) is not None  # most sentences name no scope
        for number in literal_numbers(sentence):
            label = number.label.strip()
            if len(label) < _MIN_LABEL or number.approximate:
                continue
            key = (label, number.unit, figure_scope(doc, sentence, number.start) if scoped else None)
            if key in seen:
                first_value, first_para, first_text, first_sentence = seen[key]
                # one sentence naming a label twice speaks of two things ("…其中…")
                same_sentence = first_para is p and first_sentence == offset
                if first_value != number.value and key not in reported and not same_sentence:
                    reported.add(key)
                    reported.add((first_value, number.value))
                    doc.add("figures.two_values", p, start=offset + number.start, end=offset + number.end,
                            label=label, first=first_text, second=number.text)
            else:
                seen[key] = (number.value, p, number.text, offset)


def _keyed(read: list[tuple[Any, str, list | None]]) -> dict[str, list[tuple[Any, Any, str, bool]]]:
    """Each indicator's exact values as the sentences state them, in the text's order: drafter's
    sentences read backwards (generated), the others through the import rules, these only for
    an indicator one of drafter's sentences states (no other can be reported)."""
    from drafter.importing.figures import hand_written_counts

    generated = {key for _, _, counts in read if counts is not None for key, _ in counts}
    keyed: dict[str, list[tuple[Any, Any, str, bool]]] = {}
    for p, sentence, counts in read:
        if counts is not None:
            found = counts
        elif generated:
            found = [(f.key, f.value) for f in hand_written_counts(sentence, generated) if not f.approx]
        else:
            continue
        for key, value in found:
            keyed.setdefault(key, []).append((value, p, sentence, counts is not None))
    return keyed


def _two_values_by_key(doc: CheckDocument, keyed: dict, reported: set) -> None:
    """A sentence drafter writes from a figure against another naming the same indicator
    (hand-written, or drafter's too): their values must agree."""
    from drafter.catalogue import catalogue
    from drafter.text import format_number

    cat = catalogue()
    for key, found in keyed.items():
        for value, p, sentence, generated in found:
            if not generated:
                continue
            other = next((w for w in found if w[0] != value), None)
            if other is None or (key, "key") in reported or {(other[0], value), (value, other[0])} & reported:
                continue
            reported.add((key, "key"))
            unit = cat.indicators[key].unit
            doc.add("figures.two_values", other[1], excerpt=other[2][:60], label=cat.label(key),
                    first=format_number(other[0]) + unit, second=format_number(value) + unit)


def carried_numbers(loaded: "LoadedAnswers") -> list["Finding"]:
    """Numbers typed as plain text in a text carried unchanged from last year's answers file
    (`<year - 1>.yaml` beside this one), each with its sentence; fixed numbers excepted."""
    from drafter.answers import load_answers
    from drafter.check.rules import answers_finding
    from drafter.errors import UserError
    from drafter.figures.chinese_counts import text_numbers
    from drafter.figures.refs import report_texts

    report = loaded.report
    previous_path = loaded.path.with_name(f"{report.year - 1}{loaded.path.suffix}")
    if not previous_path.is_file():
        return []
    try:
        last = load_answers(previous_path, require_values=False).report
    except UserError:
        return []
    last_numbers: set[str] = set()
    for _, text in report_texts(last):
        last_numbers |= {n.text for n in text_numbers(text)}
    found = []
    fixed = report.fixed_numbers
    for loc, text in report_texts(report):
        for number in text_numbers(text, fixed):
            if number.text not in last_numbers:
                continue
            sentence = next((s for _, s in sentence_spans(text) if number.text in s), text)
            found.append(answers_finding("answers.carried_number", loc, number=number.text, year=last.year,
                                         sentence=sentence.strip()[:80]))
    return found
