"""Binding stage: every number of the imported text that is a figure becomes a reference 【key】.

Run on the assembled answers data once the figures are validated. In every text (the opening,
topics, the 第一责任人 part, shortcomings and causes, plans, part 5), each number followed by a
measure word (drafter.figures.literals) becomes:

- a catalogue indicator, where the sentence says what it is: the harvest took that value from
  that sentence (import_patterns.yaml), or, outside parts 1 and 3, the sentence names an
  indicator whose imported value it repeats; a rate ("处置率99.28%") when the catalogue computes
  the same percentage from the imported counts;
- else a custom figure (label: the words before the number; unit: the measure word; 余/多 →
  approximate), keyed by its label's pinyin (drafter.figures.keys: 【pufa_xuanchuan_huodong】).

Years, dates, ordinals and names stay as written. So that the draft states each figure once and
invents nothing, a catalogue figure taken from a hand-written sentence that no reference could
bind (a sum over several numbers, a zero read from "无…") is not kept as a figure: the sentence
that says it stays in the text. A yes/no figure (年度述法) is kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..figures.refs import data_texts
from .state import ImportState

if TYPE_CHECKING:  # pragma: no cover
    from ..model import Report

@dataclass
class Binding:
    """What the binding stage did, for the review notes and the tests."""

    catalogue: int = 0  # numbers that became catalogue references
    custom: int = 0  # numbers that became custom figures
    literal: int = 0  # numbers left as written (years, dates, ordinals, names, titles)
    unbound: list[str] = field(default_factory=list)  # catalogue figures dropped (their sentence stays)
    chinese: list[str] = field(default_factory=list)  # counts in Chinese numerals left as text ("五次"), plans' aside
    written: dict[str, str] = field(default_factory=dict)  # key → as the source wrote it, where the draft writes it otherwise ("四", "10万")


def bind(state: ImportState, data: dict[str, Any], report: "Report") -> tuple["Report", Binding]:
    """Bind the numbers of `data`'s texts (changed in place); the re-validated report."""
    from ..catalogue import catalogue
    from ..check.consistency import check_report
    from ..errors import UserError
    from ..model import Report

    binder = _Binder(state, report)
    plans = {id(plan) for plan in data.get("plans") or []}
    for holder, field_name in data_texts(data):
        # a plan's numbers are next year's targets: never one of this year's figures by value
        binder.targets = id(holder) in plans
        holder[field_name] = binder.text(holder[field_name])
    if binder.custom:
        data["custom_figures"] = binder.custom
    binding = binder.result
    for key in binder.unbindable(data):
        _drop_figure(data, key)
        binding.unbound.append(key)
    try:
        bound = Report.model_validate(data)
    except Exception as error:  # pragma: no cover - a bug in the binder
        raise UserError(f"导入 {state.path.name} 时生成的答卷未通过校验：{error}") from None
    errors = [f for f in check_report(bound) if f.severity == "error"]
    if errors:  # pragma: no cover - the binder references only figures it keeps
        raise UserError(f"导入 {state.path.name} 时生成的答卷未通过校验：{errors[0].message}")
    _note(state, binding, catalogue().label)
    return bound, binding


class _Binder:
    def __init__(self, state: ImportState, report: "Report") -> None:
        from ..catalogue import catalogue
        from ..figures.keys import CustomKeys
        from ..text import format_percent

        self.cat = catalogue()
        self.figures = report.figures()
        self.percents = {key: format_percent(value) for key, value in report.rates().items()}
        # sentence → the catalogue figures the harvest took from it (key, value), in order
        self.harvested: dict[str, list[tuple[str, Any]]] = {}
        # figures read from hand-written sentences, which stay in the text
        self.from_text: set[str] = set()
        for finding in state.findings:
            if finding.status not in ("extracted", "same") or not finding.sentence:
                continue
            if finding.origin == "text":
                self.harvested.setdefault(finding.sentence, []).append((finding.key, finding.value))
            if finding.origin in ("text", "zero") and finding.status == "extracted":
                self.from_text.add(finding.key)  # the figure's value came from this kept sentence
        for rate in state.rates:  # "处置率99.28%": the rate the imported counts give
            if rate.key and rate.sentence:
                self.harvested.setdefault(rate.sentence, []).append((rate.key, rate.percent))
        self.rules = {rule.key: rule for rule in state.patterns.figures}
        self.custom: dict[str, dict[str, Any]] = {}
        self.keys = CustomKeys()
        self.bound: set[str] = set()
        self.result = Binding()
        self.targets = False  # the text being bound is a plan's

    def text(self, text: Any) -> Any:
        from ..sentences import sentence_spans

        if not isinstance(text, str):
            return text
        out = []
        for line in text.split("\n"):
            out.append("".join(self.sentence(sentence) for _, sentence in sentence_spans(line)))
        return "\n".join(out)

    def sentence(self, sentence: str) -> str:
        from ..figures.literals import literal_numbers
        from ..figures.refs import reference

        numbers = literal_numbers(sentence)
        self.result.literal += len(re.findall(r"\d+(?:\.\d+)?", sentence)) - len(numbers)
        if not numbers and not re.search("[一二两三四五六七八九十]", sentence):
            return sentence
        keys = self._keys_of(sentence)
        used: set[str] = set()
        pieces, last = [], 0
        for number in numbers:
            key = self._catalogue_key(number, keys, used, sentence)
            start, digits_end = number.number_span
            if key is not None:
                used.add(key)
                self.bound.add(key)
                self.result.catalogue += 1
                pieces += [sentence[last:start], reference(key)]
                last = digits_end  # 余/多 and the unit stay as written…
                if key in self.percents:
                    last = number.end  # …but a rate writes its own "%"
                elif sentence[last:last + 1] in ("万", "亿") and self.cat.indicators.get(key) is not None \
                        and not self.cat.indicators[key].unit.startswith(sentence[last]):
                    last += 1  # …but "10万" is the figure 100000
                    self.result.written[key] = sentence[start:last]
                continue
            key = self.keys(number.label)
            tail = sentence[digits_end:number.end]
            own_approx = number.approximate and tail[:1] in ("余", "多")
            self.custom[key] = _custom(number, own_approx)
            self.result.custom += 1
            if own_approx:  # the reference writes 余 itself ("400余人次"); "10万余" keeps its 余 as text
                tail = tail[1:]
            pieces += [sentence[last:start], reference(key), tail]
            last = number.end
        pieces.append(sentence[last:])
        bound = self._chinese_numerals("".join(pieces), keys, used)
        if not self.targets:
            from ..figures.chinese_counts import chinese_counts

            self.result.chinese += [count.text for count in chinese_counts(bound)]
        return bound

    def _chinese_numerals(self, sentence: str, keys: list[tuple[str, Any]], used: set[str]) -> str:
        """"召开会议四次": a figure the harvest read from a Chinese numeral, written as its reference
        (the draft then writes it in Arabic numerals, GB/T 15835)."""
        from ..figures.refs import reference
        from ..text import chinese_number

        for key, value in keys:
            if key in used or key not in self.figures or self.figures[key] != value:
                continue
            if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 99:
                continue
            unit = self.cat.indicators[key].unit if key in self.cat.indicators else ""
            match = re.search(rf"(?<![一二两三四五六七八九十]){chinese_number(value)}(?=余|多)?(?={re.escape(unit)})", sentence) if unit else None
            if match is None:
                continue
            used.add(key)
            self.bound.add(key)
            self.result.catalogue += 1
            self.result.written[key] = match[0]
            sentence = sentence[: match.start()] + reference(key) + sentence[match.end():]
        return sentence

    def _keys_of(self, sentence: str) -> list[tuple[str, Any]]:
        """The catalogue figures `sentence` states: harvested from it, or (outside parts 1 and 3)
        named by it with the value imported elsewhere."""
        if sentence.strip() in self.harvested or sentence in self.harvested:
            return self.harvested.get(sentence.strip()) or self.harvested.get(sentence, [])
        if self.targets:  # "组织培训3场" in a plan is not this year's 3 trainings
            return []
        from .figures import extract

        found = extract(sentence)
        keys = [(f.key, f.value) for f in found.findings if f.origin in ("text", "wording")]
        keys += [(r.key, r.percent) for r in found.rates if r.key]
        return keys

    def _catalogue_key(self, number: Any, keys: list[tuple[str, Any]], used: set[str], sentence: str) -> str | None:
        from ..text import format_number

        if number.unit in ("%", "％"):
            written = format_number(number.value) + "%"
            for key, value in keys:
                if key in self.percents and key not in used and self.percents[key] == written:
                    return key
            return None
        candidates = []
        for key, value in keys:
            if key in used or key not in self.figures or isinstance(self.figures[key], bool):
                continue
            indicator = self.cat.indicators.get(key)
            if indicator is None or self.figures[key] != value or value != _scaled(number, indicator.unit):
                continue
            candidates.append(key)
        # two indicators with one value ("排查73件，成功调处73件"): the one whose pattern reads this number
        return next((k for k in candidates if self._reads(k, sentence, number.start)), candidates[0] if candidates else None)

    def _reads(self, key: str, sentence: str, start: int) -> bool:
        rule = self.rules.get(key)
        return rule is not None and any(m.start("n") == start for regex in rule.patterns for m in regex.finditer(sentence))

    def unbindable(self, data: dict[str, Any]) -> list[str]:
        """Catalogue figures taken from a hand-written sentence that no reference states."""
        from ..figures.refs import REFERENCE

        referenced = set()
        for holder, name in data_texts(data):
            if isinstance(holder[name], str):
                referenced |= set(REFERENCE.findall(holder[name]))
        return [key for key in self.figures if key in self.from_text and key not in referenced]


def _scaled(number: Any, unit: str) -> Any:
    """The number as the catalogue counts it: "1.5万元" is 1.5 in 万元, "3万人次" 30000 人次."""
    value = number.value
    if number.unit.startswith(("万", "亿")) and number.unit != unit:
        value = value * (10_000 if number.unit.startswith("万") else 100_000_000)
        if isinstance(value, float) and value.is_integer():
            value = int(value)
    return value


def _custom(number: Any, approximate: bool) -> dict[str, Any]:
    spec: dict[str, Any] = {"label": number.label, "unit": number.unit, "value": number.value}
    if approximate:
        spec["approximate"] = True
    return spec


def _drop_figure(data: dict[str, Any], key: str) -> None:
    for holder in [t for t in data.get("measures") or []] + [data.get("duty") or {}]:
        figures = holder.get("figures")
        if figures and key in figures:
            del figures[key]
            if not figures:
                del holder["figures"]


def _note(state: ImportState, binding: Binding, label: Any) -> None:
    if binding.catalogue or binding.custom:
        state.note(
            f"正文中的数字已写成数据引用【键名】：{binding.catalogue} 个是目录指标，{binding.custom} 个是自定义数据"
            f"（custom_figures，名称取自数字前的文字，键名是名称末尾几个词的拼音，请核对）；年份、日期、序号和名称中的 {binding.literal} 个数字保持原样。"
            "明年起草时会逐项要求重新填写"
        )
    if binding.chinese:
        examples = "、".join(f"“{text}”" for text in dict.fromkeys(binding.chinese[:3]))
        state.note(f"正文中汉字写的 {len(binding.chinese)} 个数（如{examples}）保持原样，没有写成数据引用："
                   "明年起草时 drafter new 会逐个询问是当年的数据还是固定写法")
    if binding.unbound:
        names = "、".join(label(k) for k in binding.unbound)
        state.note(f"“{names}”由原文几处文字合成（相加、或“无……”的说法），原句已写明，未单列为数据")
