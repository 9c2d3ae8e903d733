"""Answers rules on figure references; each finding's ``loc`` is the text (so the line) where the
problem is. Messages: templates/check_rules.yaml (``answers.reference_*``, ``answers.custom_unused``).

- a reference to a key that is neither a catalogue indicator or rate nor a custom figure (with
  the closest key suggested), or written like a reference but not one (【Penalty_Cases】);
- a flag indicator referenced (it is not a number);
- a custom figure declared but referenced nowhere (it would never be printed);
- a reference to a figure that has no value (a rate whose counts are missing, a custom figure
  left to fill): `unfilled_problems`, kept apart so that a file still to be filled can be read by
  `drafter figures` and written by `drafter new`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..catalogue import catalogue
from ..figures.live import live_figures
from ..figures.refs import malformed_references, reference, references, report_texts
from .rules import answers_finding

if TYPE_CHECKING:
    from .findings import Finding
    from ..model import Report


def _closest_key(word: str, report: "Report") -> str | None:
    """The known figure key nearest to `word` (a catalogue indicator or rate, a custom figure)."""
    from ..suggest import closest

    cat = catalogue()
    return closest(word, list(cat.indicators) + list(cat.rates) + list(report.custom_figures))


def reference_problems(report: "Report", texts: list[tuple[tuple, str]] | None = None) -> list["Finding"]:
    """A reference to an unknown figure, a flag or one written wrong; a custom figure no text
    uses. `texts`: the report's `report_texts`, where the caller has them already."""
    cat = catalogue()
    found = []
    used: set[str] = set()
    for loc, text in texts if texts is not None else report_texts(report):
        if "【" not in text:
            continue  # the quick test: neither a reference nor one written wrong
        for key in references(text):
            used.add(key)
            if key in report.custom_figures or key in cat.rates:
                continue
            if key in cat.indicators:
                if cat.indicators[key].type == "flag":
                    found.append(answers_finding("answers.reference_flag", loc, key=key, label=cat.label(key)))
                continue
            hint = _closest_key(key, report)
            found.append(answers_finding(
                "answers.reference_unknown", loc, key=key,
                hint=f"，是否想写“{reference(hint)}”？" if hint else "：目录指标见 templates/catalogue.yaml，自拟的数字请在 custom_figures 下声明",
            ))
        for written in malformed_references(text):
            hint = _closest_key(written.strip().lower().replace(" ", "_").replace("-", "_"), report)
            found.append(answers_finding("answers.reference_malformed", loc, written=written,
                                         hint=f"，是否想写“{reference(hint)}”？" if hint else ""))
    for key, spec in report.custom_figures.items():
        if key not in used:
            found.append(answers_finding("answers.custom_unused", ("custom_figures", key), key=key, label=spec.label))
    return found


def unfilled_problems(report: "Report", texts: list[tuple[tuple, str]] | None = None) -> list["Finding"]:
    """A referenced figure without a value: one finding at the first text referencing it
    (`texts`: as for `reference_problems`)."""
    cat = catalogue()
    found = []
    for key, figure in live_figures(report, referenced_only=True, texts=texts).items():
        if not figure.referenced_at or figure.value is not None:
            continue
        if figure.kind == "indicator" and cat.indicators[key].type == "flag":
            continue
        if figure.kind == "rate":
            rate = cat.rates[key]
            need = "、".join(f"“{cat.label(k)}”（{k}）" for k in (rate.numerator, rate.denominator))
            how = f"比率由{need}算出，请填写这两个数"
        elif figure.kind == "custom":
            how = f"请在 custom_figures.{key}.value 填写今年的数字"
        else:
            how = f"请在所属专题的 figures 下填写 {key}"
        last = f"（去年：{figure.with_unit(figure.previous)}）" if figure.previous is not None else ""
        found.append(answers_finding("answers.reference_unfilled", figure.referenced_at[0],
                                     key=key, label=figure.label, last=last, how=how))
    return found
