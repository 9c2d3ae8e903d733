"""Harvest stage: the placed text → figures, each with the sentence it came from.

Figures come from part 1 topics and the duty part only (drafter.importing.figures reads each
sentence); those in parts 2 and 4 are listed, not imported (there they are problems and
targets). drafter's own figure sentences leave the text, since rendering the figures writes
them again; a hand-written sentence a figure was taken from stays.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .state import PART_LABELS, ImportState, ItemDraft, Where

if TYPE_CHECKING:  # pragma: no cover
    from ..model import Report
    from .figures import FoundFigure, SentenceFigures


def harvest(state: ImportState) -> list[FoundFigure]:
    """Extract figures from part 1 topics and the duty part into the state.

    drafter's own figure sentences go first (they are what a drafter-made report says about
    its figures), then hand-written ones, each in the order of the document; a key found twice
    keeps its first figure. A drafter sentence whose figures were all taken leaves the text
    (rendering writes it again). Returns the figures found (``state.findings``).
    """
    from .figures import extract
    from ..sentences import split_sentences

    findings = state.findings
    places: list[tuple[Where, list[ItemDraft], dict[str, Any]]] = []
    for kind in state.part_order:
        if kind == "measures":
            places += [(("measures", i), t.items, t.figures) for i, t in enumerate(state.topics)]
        elif kind == "duty":
            places.append((("duty",), state.duty, state.duty_figures))
    # Pass 1: read every sentence once.
    read: list[tuple[Where, ItemDraft, list[list[tuple[str, SentenceFigures]]], dict[str, Any]]] = []
    for where, items, figures in places:
        for item in items:
            lines = [[(sentence, extract(sentence)) for sentence in split_sentences(line)] for line in item.text.split("\n")]
            read.append((where, item, lines, figures))
    # Pass 2: drafter's sentences, then hand-written ones.
    taken: set[str] = set()
    for generated in (True, False):
        for where, item, lines, figures in read:
            for line in lines:
                for sentence, result in line:
                    if result.generated is not generated:
                        continue
                    for finding in result.findings:
                        finding.where = where
                        if finding.key in taken:
                            same = any(f.key == finding.key and f.value == finding.value for f in findings)
                            finding.status = "same" if same else "duplicate"
                        else:
                            taken.add(finding.key)
                            figures[finding.key] = finding.value
                        findings.append(finding)
                    for rate in result.rates:
                        rate.where = where
                        state.rates.append(rate)
    # Pass 3: the texts, without the drafter sentences that rendering writes again.
    for where, item, lines, figures in read:
        kept_lines = []
        for line in lines:
            kept = []
            for sentence, result in line:
                if result.generated and result.findings and all(f.status == "extracted" for f in result.findings):
                    state.previous.update(result.previous)
                    state.dropped.append((where, sentence))
                    continue
                kept.append(sentence)
            if kept:
                kept_lines.append("".join(kept))
        item.text = "\n".join(kept_lines)
        if not item.text and item.title:  # only figure sentences followed its lead
            item.text, item.title = item.title, None
    rank = {where: n for n, (where, _, _) in enumerate(places)}
    findings.sort(key=lambda f: rank[f.where])
    for topic in state.topics:
        topic.items = [i for i in topic.items if i.text]
    state.duty = [i for i in state.duty if i.text]
    return findings


def harvest_elsewhere(state: ImportState) -> None:
    """Figures stated in parts 2 and 4 are not imported (part 2 names them as problems,
    part 4 as targets), nor those of the opening and of a part's own lead-in or closing:
    listed for review, the sentences stay where they are."""
    from .figures import extract
    from ..sentences import split_sentences

    texts = [(("shortcomings",), f"{p}。{c}", PART_LABELS["shortcomings"]) for p, c in state.shortcomings]
    texts += [(("plans",), f"{t}。{x}", PART_LABELS["plans"]) for t, x in state.plans]
    # The opening and the parts' own lead-ins and closings are read too: their figures are
    # listed for the clerk (they belong to no topic), the text stays.
    texts += [(("opening",), p.text, "开头") for p in state.structure.opening]
    for kind, own in state.part_texts.items():
        texts += [((kind, where), text, f"{PART_LABELS[kind]}的{'开头' if where == 'before' else '结尾'}段")
                  for where, text in own.items()]
    for where, text, place in texts:
        for sentence in split_sentences(text):
            for finding in extract(sentence).findings:
                finding.where = where
                finding.status = "skipped"
                finding.note = f"出现在“{place}”，未导入为数据"
                state.findings.append(finding)


def derive(state: ImportState) -> list[FoundFigure]:
    """Totals the text leaves out but whose parts it gives (import_patterns.yaml: derive)."""
    from ..catalogue import catalogue
    from .figures import FoundFigure

    label = catalogue().label
    out = []
    places = [(("measures", i), t.figures) for i, t in enumerate(state.topics)] + [(("duty",), state.duty_figures)]
    present = {k: (where, figs) for where, figs in places for k in figs}
    for key, parts in state.patterns.derive:
        if key in present or not all(p in present for p in parts):
            continue
        where, figures = present[parts[0]]
        value = sum(present[p][1][p] for p in parts)
        figures[key] = value
        finding = FoundFigure(key, value, "", origin="derived", where=where,
                              note="由" + "、".join(label(p) for p in parts) + "相加得出")
        state.findings.append(finding)
        out.append(finding)
    return out


def restore_dropped(state: ImportState, report: Report) -> bool:
    """A drafter sentence left out of the text must come back when rendering: if the final
    figures do not write it again (a figure was dropped as inconsistent…), put it back."""
    from ..document import catalogue_sentences

    regenerated = set(catalogue_sentences(report))
    restored = False
    for where, sentence in state.dropped:
        if sentence in regenerated:
            continue
        restored = True
        if where[0] == "measures":
            state.topics[where[1]].items.append(ItemDraft(None, sentence))
        else:
            state.duty.append(ItemDraft(None, sentence))
    state.dropped = [(w, s) for w, s in state.dropped if s in regenerated]
    return restored
