"""Numbers still typed as plain text in the answers' texts: each one becomes a figure or is
confirmed as a fixed wording, so next year asks for it (issue 11, items 4 and 5).

A number carried in last year's text and left literal would repeat last year's fact; a number
typed this year would be asked for by nobody next year. Both are found the way an import finds
them (`drafter.figures.chinese_counts.text_numbers`: in digits, or a count in Chinese numerals,
"开展联合演练三次", which as a figure is written in digits from then on), with a label and unit
proposed. The clerk makes each a custom figure (its text then reads 【pufa_huodong】,
drafter.figures.keys) or confirms it as fixed, once: the answers file remembers it under
`fixed_numbers`. Until then the draft is not written.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..figures.refs import data_texts
from .context import Context, strings_in
from .labels import short
from .prompts import Prompter
from .questions import Question, Row

SECTION_NUMBERS = "正文中的数字"


@dataclass(frozen=True)
class Found:
    """A literal number of this year's texts; `id` stays the same while its sentence does."""

    id: str
    written: str  # as written: "400余人次"
    label: str
    unit: str
    value: Any
    approximate: bool
    sentence: str
    carried: bool  # in a text carried unchanged from last year: the number is last year's


def found_numbers(data: dict, ctx: Context, fixed: list[str]) -> list[Found]:
    """Every literal number of `data`'s texts (not in `fixed`), once per sentence and number."""
    from ..figures.chinese_counts import text_numbers

    carried = set(strings_in(ctx.seed)) if ctx.carried_year is not None else set()
    out: dict[str, Found] = {}
    for holder, key in data_texts(data):
        text = holder[key]
        for sentence in _sentences(text):
            for number in text_numbers(sentence, fixed):
                ident = _ident(number, sentence)
                if ident not in out:
                    out[ident] = Found(ident, number.text, number.label, number.unit, number.value, number.approximate,
                                       sentence.strip(), text in carried)
    return list(out.values())


def _sentences(text: str) -> list[str]:
    """The sentences of `text`, line breaks included: put together, they give the text back."""
    from ..sentences import sentence_spans

    lines = text.split("\n")
    out = []
    for n, line in enumerate(lines):
        out += [sentence for _, sentence in sentence_spans(line)]
        if n < len(lines) - 1:
            out.append("\n")
    return out


def _ident(number: Any, sentence: str) -> str:
    return f"{number.text}@{sentence.strip()}"


class NumbersQuestion(Question):
    """Each literal number: a figure (label and unit proposed) or a fixed wording."""

    qid = "numbers"
    label = SECTION_NUMBERS
    section = SECTION_NUMBERS
    loc = ("fixed_numbers",)

    def __init__(self, ctx: Context, found: list[Found]) -> None:
        super().__init__(ctx)
        self.found = found

    def default(self) -> dict:
        return {}

    def accepts(self, value: Any) -> bool:
        return isinstance(value, dict) and all(f.id in value for f in self.found)

    def missing(self, value: dict) -> list[tuple[tuple, str]]:
        """A number carried unchanged from last year and still plain text blocks the draft: it would
        repeat last year's fact. One typed this year is offered, not required."""
        return [(self.loc, f"“{short(f.sentence, 30)}”中的“{f.written}”是去年的文字里的数字，还是普通文字："
                           f"请确认是今年的数据（设为数据项）还是每年不变的固定写法")
                for f in self.found if f.carried and f.id not in value]

    def prompt(self, ui: Prompter, current: dict, focus: str | None = None) -> dict:
        answers = {key: value for key, value in (current or {}).items() if key in {f.id for f in self.found}}
        todo = [f for f in self.found if f.id not in answers or focus == f.id]
        if todo:
            ui.show(f"正文中有 {len(todo)} 个数字还是普通文字：设为数据项后，明年会问今年的数；"
                    f"每年不变的写法请选“固定写法”（记在答卷中，不再提示）。", style="bold")
        for n, found in enumerate(todo, 1):
            answers[found.id] = self.ask_one(ui, found, n, len(todo))
            self.save_pending(answers)
        return answers

    def ask_one(self, ui: Prompter, found: Found, n: int, count: int) -> dict:
        where = "（去年的文字，原样沿用）" if found.carried else ""
        ui.show(f"[{n}/{count}] {found.sentence}{where}")
        unit = f"，单位“{found.unit}”" if found.unit else ""
        choice = ui.select(f"“{found.written}”是：", [
            (f"数据项“{found.label}”{unit}", "figure"),
            ("数据项，改个名称", "rename"),
            ("固定写法，每年不变（不是数据）", "fixed"),
        ], default="figure")
        if choice == "fixed":
            return {"as": "fixed"}
        label = found.label
        if choice == "rename":
            label = ui.text("数据项的名称", default=found.label, validate=lambda raw: None if raw.strip() else "请填写名称").strip()
        answer: dict[str, Any] = {"as": "figure", "label": label, "value": found.value}
        if found.carried:  # last year's number: this year's is asked, "=" keeps it
            from .figure import FigureQuestion

            spec = {"label": label, "unit": found.unit, "approximate": found.approximate, "previous": found.value}
            answer["value"] = FigureQuestion(self.ctx, "literal", self.section, custom=spec).prompt(ui, None)
            answer["previous"] = found.value
        return answer

    def summary(self, value: dict) -> str:
        figures = sum(1 for v in value.values() if v.get("as") == "figure")
        fixed = sum(1 for v in value.values() if v.get("as") == "fixed")
        return f"{figures}个设为数据项，{fixed}个为固定写法" if value else "（无）"

    def rows(self, value: dict) -> list[Row]:
        rows = []
        for found in self.found:
            answer = (value or {}).get(found.id)
            if answer is None and found.carried:
                shown, flags = "未确认", ["去年的数字：请确认是今年的数据还是固定写法（确认之前不生成草稿）"]
            elif answer is None:
                shown, flags = "普通文字", ["可设为数据项，明年就会问它"]
            elif answer["as"] == "fixed":
                shown, flags = "固定写法", []
            else:
                shown, flags = f"数据项“{answer['label']}”：{answer.get('value', '—')}{found.unit}", []
            rows.append(Row(f"“{found.written}”：{short(found.sentence, 16)}", shown, flags=flags, focus=found.id))
        return rows


def apply_numbers(data: dict, found: list[Found], answers: dict) -> None:
    """Write the clerk's choices into `data`: fixed wordings under `fixed_numbers`, figures as
    custom figures whose number in the text becomes its reference."""
    from ..figures.chinese_counts import text_numbers
    from ..figures.keys import CustomKeys
    from ..figures.refs import reference

    fixed = list(data.get("fixed_numbers") or [])
    custom = data.setdefault("custom_figures", {})
    new_key = CustomKeys(custom)
    keys: dict[str, str] = {}
    for f in found:
        answer = answers.get(f.id)
        if answer is None:
            continue
        if answer["as"] == "fixed":
            if f.written not in fixed:
                fixed.append(f.written)
            continue
        key = keys[f.id] = new_key(answer["label"])
        spec: dict[str, Any] = {"label": answer["label"], "unit": f.unit or None, "value": answer.get("value")}
        if f.approximate:
            spec["approximate"] = True
        if answer.get("previous") is not None:
            spec["previous"] = answer["previous"]
        custom[key] = {k: v for k, v in spec.items() if v is not None or k == "value"}
    if fixed:
        data["fixed_numbers"] = fixed
    if not custom:
        data.pop("custom_figures")
    if not keys:
        return
    for holder, name in data_texts(data):
        pieces = []
        for sentence in _sentences(holder[name]):
            out, last = [], 0
            for number in text_numbers(sentence, fixed):
                key = keys.get(_ident(number, sentence))
                if key is None:
                    continue
                start, end = number.number_span
                if number.approximate and sentence[end:end + 1] in ("余", "多"):
                    end += 1  # the reference writes 余 itself
                out += [sentence[last:start], reference(key)]
                last = end
            out.append(sentence[last:])
            pieces.append("".join(out))
        holder[name] = "".join(pieces)
