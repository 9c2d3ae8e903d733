"""Questions built from the model's fields and the topic catalogue, not written prompt by prompt.

A question knows its default (from `Context`, i.e. the reuse policy applied to the sources),
how to ask itself through a `Prompter`, what is missing when nobody answers it, and how it
shows on the review screen. Answers are plain YAML-able values so that a progress file can
hold them and a later run can replay them. This module holds the base class and the single
questions; lists of items are in `lists`, last year's plans in `checklist`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from ..catalogue import catalogue
from ..model import Layout, Report, Unit, UnitKind
from .carry import topic_id
from .context import Context, dig
from .fields import ModelField
from .labels import ADD_CUSTOM, ANSWERED, SECTION_BASICS, SECTION_MEASURES, short, topic_title
from .prompts import Prompter


@dataclass
class Row:
    """One line of the review table."""

    label: str
    value: str
    last_year: str = ""
    change: str = ""
    flags: list[str] = field(default_factory=list)
    focus: str | None = None  # the part of a compound question this row edits


class Question:
    """One answer of the questionnaire (a value, or a compound value such as a list)."""

    qid: str = ""
    label: str = ""
    section: str = ""
    loc: tuple = ()

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.save_pending: Callable[[Any], None] = lambda state: None

    def default(self) -> Any:
        return None

    def prompt(self, ui: Prompter, current: Any, focus: str | None = None) -> Any:
        raise NotImplementedError

    def accepts(self, value: Any) -> bool:
        """Whether a stored answer still fits (a replayed answer may have gone stale)."""
        return True

    def missing(self, value: Any) -> list[tuple[tuple, str]]:
        """Required parts left empty: (location, Chinese message)."""
        return []

    def summary(self, value: Any) -> str:
        return short(str(value)) if value not in (None, "", []) else "（不填）"

    def rows(self, value: Any) -> list[Row]:
        return [Row(self.label, self.summary(value), flags=self.ctx.carry_flags(value, self.carried_default()))]

    def carried_default(self) -> Any:
        return self.default() if self.ctx.carried_year is not None else None


class BasicsQuestion(Question):
    """The unit, the layout choices and the opening's own phrase: confirmed in one step when carried."""

    qid = "basics"
    label = "单位和版式"
    section = SECTION_BASICS

    FIELDS = [
        *[ModelField(Unit, name, ("unit", name)) for name in Unit.model_fields if name != "written_on"],
        ModelField(Layout, "part_order", ("layout", "part_order")),
        ModelField(Layout, "items_as", ("layout", "items_as")),
        ModelField(Report, "opening_focus", ("opening_focus",)),
        ModelField(Report, "opening", ("opening",)),
    ]

    def default(self) -> dict:
        values = {}
        for f in self.FIELDS:
            seeded = dig(self.ctx.seed, f.loc)
            values[f.key] = seeded if seeded is not None else f.model_default()
        return values

    def accepts(self, value: Any) -> bool:
        return isinstance(value, dict) and all(f.key in value for f in self.FIELDS)

    def missing(self, value: dict) -> list[tuple[tuple, str]]:
        return [(f.loc, "必须填写") for f in self.FIELDS if f.required and value.get(f.key) is None]

    def prompt(self, ui: Prompter, current: dict, focus: str | None = None) -> dict:
        values = {key: value for key, value in current.items() if key != ANSWERED}
        answered = list(current.get(ANSWERED) or [])  # fields already answered before an interruption
        if focus is not None:
            chosen = next(f for f in self.FIELDS if f.key == focus)
            values[chosen.key] = chosen.ask(ui, values.get(chosen.key))
            return values
        if not answered and not self.missing(values) and self.ctx.seed.get("unit"):
            from rich.table import Table
            from rich.text import Text

            table = Table(show_header=False, box=None, padding=(0, 1))
            for f in self.FIELDS:
                table.add_row(f.label, Text(f.show(values.get(f.key))))
            ui.show(table)
            if ui.select("以上单位和版式信息：", [("沿用，继续", True), ("逐项修改", False)], default=True):
                return values
        for f in self.FIELDS:
            if f.key in answered or (f.key == "opening" and values.get("opening_focus")):
                continue  # a whole opening of one's own replaces the phrase just written: not asked then
            values[f.key] = f.ask(ui, values.get(f.key))
            answered.append(f.key)
            self.save_pending({**values, ANSWERED: answered})
        return values

    def rows(self, value: dict) -> list[Row]:
        default = self.carried_default() or {}
        return [
            Row(f.label, f.show(value.get(f.key)), flags=self.ctx.carry_flags(value.get(f.key), default.get(f.key)), focus=f.key)
            for f in self.FIELDS
        ]

    @staticmethod
    def enforces(value: dict) -> bool:
        """Whether the unit has enforcement power (decides which topics and figures are asked)."""
        kind = value.get("unit.kind")
        if kind is None:
            return True
        return Unit.model_construct(kind=UnitKind(kind), has_enforcement_power=value.get("unit.has_enforcement_power")).enforces


class TopicsQuestion(Question):
    """Which topics of part 1 apply this year: a checkbox defaulting to last year's choice."""

    qid = "topics"
    label = "本年度的专题"
    section = SECTION_MEASURES
    loc = ("measures",)

    def __init__(self, ctx: Context, enforces: bool) -> None:
        super().__init__(ctx)
        self.enforces = enforces

    def allowed(self, tid: str) -> bool:
        if tid.startswith("custom:"):
            return len(tid) > len("custom:")
        spec = catalogue().topics.get(tid)
        return spec is not None and (self.enforces or not spec.enforcement)

    @staticmethod
    def title(tid: str) -> str:
        return topic_title(tid) + ("（自拟）" if tid.startswith("custom:") else "")

    def default(self) -> list[str]:
        return [topic_id(t) for t in self.ctx.seed.get("measures") or [] if self.allowed(topic_id(t))]

    def accepts(self, value: Any) -> bool:
        return isinstance(value, list) and all(isinstance(v, str) and self.allowed(v) for v in value)

    def missing(self, value: list) -> list[tuple[tuple, str]]:
        return [] if value else [(self.loc, "请至少选择一个专题")]

    def prompt(self, ui: Prompter, current: list, focus: str | None = None) -> list[str]:
        ids = [key for key in catalogue().topics if self.allowed(key)]
        ids += [tid for tid in current if tid.startswith("custom:")]
        choices = [(self.title(tid), tid) for tid in ids] + [("＋ 新增自拟专题", ADD_CUSTOM)]
        while True:
            chosen = ui.checkbox("第一部分写哪些专题？", choices, checked=current)
            added = []
            if ADD_CUSTOM in chosen:
                while title := ui.text("自拟专题的标题", instruction="每次一个，直接回车结束").strip():
                    added.append(f"custom:{title}")
            chosen = [tid for tid in chosen if tid != ADD_CUSTOM]
            ordered = [tid for tid in current if tid in chosen] + [tid for tid in chosen if tid not in current]
            ordered += [tid for tid in added if tid not in ordered]
            if ordered:
                return ordered
            ui.show("请至少选择一个专题", style="red")

    def summary(self, value: list) -> str:
        return f"{len(value)}个：" + "、".join(short(self.title(t), 8) for t in value)


class FieldQuestion(Question):
    """A single model field asked on its own (the date of writing)."""

    def __init__(self, ctx: Context, model_field: ModelField, *, section: str) -> None:
        super().__init__(ctx)
        self.field = model_field
        self.qid, self.loc, self.label, self.section = model_field.key, model_field.loc, model_field.label, section

    def default(self) -> Any:
        return dig(self.ctx.seed, self.loc)

    def carried_default(self) -> Any:
        return None

    def accepts(self, value: Any) -> bool:
        return value is None or self.field.problem(str(value)) is None

    def prompt(self, ui: Prompter, current: Any, focus: str | None = None) -> Any:
        hint = None
        if self.field.kind == "date":  # an example inside the report's window (the next year's first quarter)
            hint = f"如 {self.ctx.year + 1}-02-28（一般在 {self.ctx.year + 1} 年 1 至 3 月）"
        return self.field.ask(ui, current, hint=hint)

    def summary(self, value: Any) -> str:
        return self.field.show(value)
