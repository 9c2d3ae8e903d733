"""Questions built from the model's fields and the topic catalogue, not written prompt by prompt.

A question knows its default (from `Context`, i.e. the reuse policy applied to the sources),
how to ask itself through a `Prompter`, what is missing when nobody answers it, and how it
shows on the review screen. Answers are plain YAML-able values so that a progress file can
hold them and a later run can replay them.
"""

from __future__ import annotations

import datetime as dt
import re
import typing
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property, lru_cache
from typing import Any, Callable

from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic_core import PydanticCustomError

from ..catalogue import catalogue
from ..model import Item, Layout, PartKey, Plan, Report, Shortcoming, Unit, UnitKind
from ..parts import part_label, parts
from ..text import format_number
from ..wording import yoy_phrase
from .carry import ReusePolicy, topic_id
from .prompts import Prompter

# Fields whose answers are paragraphs: asked with a multi-line prompt (and $EDITOR, "@file").
LONG_TEXT = {(Item, "text"), (Shortcoming, "cause"), (Plan, "text")}

# Chinese labels for choices whose values are English keys.
CHOICE_LABELS = {
    "paragraphs": "“一是……”“二是……”各自成段",
    "run": "“一是……二是……”在同一段内连续排列",
}
NAMED_ORDERS = [(order.name, list(order.keys)) for order in parts().accepted_orders]
UNSET = "__unset__"  # a choice meaning "leave it empty" (questionary cannot carry None)
ADD_CUSTOM = "__add_custom__"
ANSWERED = "__answered__"

SECTION_BASICS = "基本信息"
SECTION_CHECKLIST = "去年安排的落实情况"
SECTION_MEASURES = part_label("measures")
SECTION_SHORTCOMINGS = part_label("shortcomings")
SECTION_DUTY = part_label("duty")
SECTION_PLANS = part_label("plans")
SECTION_OTHER = part_label("other")
SECTION_DATE = "成文日期"


def short(text: str | None, width: int = 28) -> str:
    if not text:
        return ""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def figure_text(key: str, value: Any) -> str:
    """59 → "59件"; True → "是"; None → "—"."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "是" if value else "否"
    return format_number(value) + catalogue().indicators[key].unit


def strings_in(value: Any) -> list[str]:
    """Every string inside a nested answer."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings_in(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings_in(v)]
    return []


def topic_title(tid: str) -> str:
    """The catalogue's title of a topic id, or a custom topic's own title."""
    return tid.removeprefix("custom:") if tid.startswith("custom:") else catalogue().topics[tid].title


def dig(data: Any, loc: tuple) -> Any:
    for part in loc:
        if isinstance(data, dict):
            data = data.get(part)
        else:
            return None
    return data


# ---------------------------------------------------------------- the context every question reads


@dataclass
class Context:
    """What the questions of one run know: the year, the reuse policy and the carried defaults."""

    year: int
    reuse: ReusePolicy
    seed: dict = field(default_factory=dict)
    carried_year: int | None = None  # the year the defaults were carried from (None: not carried)
    previous_figures: dict[str, Any] = field(default_factory=dict)
    figure_layout: dict[str, list[str]] = field(default_factory=dict)
    plans: list[Plan] = field(default_factory=list)

    def seed_topic(self, tid: str) -> dict | None:
        return next((t for t in self.seed.get("measures") or [] if topic_id(t) == tid), None)

    def topic_heading(self, tid: str) -> str:
        """The heading a topic had in the source, or its catalogue title."""
        return (self.seed_topic(tid) or {}).get("title") or topic_title(tid)

    def seed_figure(self, key: str) -> Any:
        blocks = [t.get("figures") or {} for t in self.seed.get("measures") or []]
        blocks.append(dig(self.seed, ("duty", "figures")) or {})
        return next((block[key] for block in blocks if key in block), None)

    def carry_flags(self, value: Any, default: Any, *, review: bool = False) -> list[str]:
        """Flags for carried text: it names last year's year, or (review items) it did not change."""
        if self.carried_year is None or default is None:
            return []
        flags = []
        carried = set(strings_in(default))
        for text in strings_in(value):
            if text in carried:
                for mention in dict.fromkeys(self.reuse.year_mentions(text, self.carried_year)):
                    flags.append(f"沿用的文字提到“{mention}”，请核对：“{short(text, 36)}”")
        if review and value == default and value:
            flags.append(f"与{self.carried_year}年的内容相同，请按今年的情况更新")
        return flags + self.placeholder_flags(value)

    def placeholder_flags(self, value: Any) -> list[str]:
        """Drafts still to be completed ("原因是……（请补充）")."""
        return [f"有待补充的内容：“{short(text, 36)}”" for text in strings_in(value) if self.reuse.has_placeholder(text)]


# ---------------------------------------------------------------- one field of the model


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """Optional[X] → (X, True); X → (X, False)."""
    if typing.get_origin(annotation) is typing.Union:
        members = [a for a in typing.get_args(annotation) if a is not type(None)]
        return members[0], len(members) < len(typing.get_args(annotation))
    return annotation, False


@lru_cache(maxsize=None)
def _text_adapter(model: type[BaseModel], name: str) -> TypeAdapter:
    info = model.model_fields[name]
    return TypeAdapter(typing.Annotated[(str, *info.metadata)])


def _first_message(error: ValidationError) -> str:
    from ..problems import error_message

    return error_message(error.errors(include_url=False)[0])


_DATE = re.compile(r"\s*(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?\s*")


@dataclass(frozen=True)
class ModelField:
    """A field of the model at `loc` in the answers file, asked with its title and help."""

    model: type[BaseModel]
    name: str
    loc: tuple[str, ...]

    @property
    def info(self):
        return self.model.model_fields[self.name]

    @property
    def key(self) -> str:
        return ".".join(self.loc)

    @property
    def label(self) -> str:
        return self.info.title or self.name

    @property
    def help(self) -> str:
        return self.info.description or ""

    @cached_property
    def kind(self) -> str:
        annotation, _ = _unwrap(self.info.annotation)
        if isinstance(annotation, type) and issubclass(annotation, Enum):
            return "enum"
        if typing.get_origin(annotation) is typing.Literal:
            return "literal"
        if annotation is bool:
            return "bool"
        if annotation is dt.date:
            return "date"
        if typing.get_origin(annotation) is list and typing.get_args(annotation)[0] is PartKey:
            return "order"
        return "text"

    @property
    def required(self) -> bool:
        return self.info.is_required()

    @property
    def long(self) -> bool:
        return (self.model, self.name) in LONG_TEXT

    def model_default(self) -> Any:
        if self.required:
            return None
        value = self.info.get_default(call_default_factory=True)
        if isinstance(value, list):
            return [v.value if isinstance(v, Enum) else v for v in value]
        return value.value if isinstance(value, Enum) else value

    def choices(self, current: Any = None) -> list[tuple[str, Any]]:
        annotation, optional = _unwrap(self.info.annotation)
        if self.kind == "enum":
            options = [(member.value, member.value) for member in annotation]
        elif self.kind == "literal":
            options = [(CHOICE_LABELS.get(v, v), v) for v in typing.get_args(annotation)]
        elif self.kind == "bool":
            options = [("是", True), ("否", False)]
        elif self.kind == "order":
            options = [(f"{name}：{self.show(order)}", order) for name, order in NAMED_ORDERS]
            if current and current not in [order for _, order in NAMED_ORDERS]:
                options.insert(0, (f"沿用：{self.show(current)}", current))
        else:
            return []
        if optional:
            options.append((f"不填（{self.help}）" if self.help else "不填", UNSET))
        return options

    def parse(self, raw: str) -> Any:
        """Typed text → the stored value; raises ValueError with a Chinese message."""
        if self.kind == "date":
            if not raw.strip():
                return None
            match = _DATE.fullmatch(raw)
            try:
                if not match:
                    raise ValueError
                return dt.date(*(int(g) for g in match.groups())).isoformat()
            except ValueError:
                raise ValueError("日期格式应为 2026-02-28 或 2026年2月28日") from None
        if not raw.strip() and not self.required:
            return None
        try:
            return _text_adapter(self.model, self.name).validate_python(raw)
        except ValidationError as error:
            raise ValueError(_first_message(error)) from None

    def problem(self, raw: str) -> str | None:
        try:
            self.parse(raw)
        except ValueError as error:
            return str(error)
        return None

    def ask(self, ui: Prompter, current: Any) -> Any:
        if self.kind in ("enum", "literal", "bool", "order"):
            choices = self.choices(current)
            chosen = ui.select(self.label, choices, default=UNSET if current is None else current)
            return None if chosen == UNSET else chosen
        instruction = self.help
        if not self.required and self.kind == "text":
            instruction = f"{instruction}（可不填，直接回车）" if instruction else "可不填，直接回车"
        raw = ui.text(
            self.label,
            default="" if current is None else str(current),
            instruction=instruction,
            multiline=self.long,
            validate=self.problem,
            files=self.long,
        )
        return self.parse(raw)

    def show(self, value: Any) -> str:
        if value is None:
            return "（不填）"
        if self.kind == "bool":
            return "是" if value else "否"
        if self.kind == "order":
            return " → ".join(part_label(v) for v in value)
        if self.kind == "literal":
            return CHOICE_LABELS.get(value, value)
        return short(str(value), 40)


def model_fields(model: type[BaseModel], loc: tuple[str, ...] = ()) -> list[ModelField]:
    return [ModelField(model, name, loc + (name,)) for name in model.model_fields]


# ---------------------------------------------------------------- questions


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
            if f.key in answered:
                continue
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


def _item_line(item: dict) -> str:
    title = item.get("title") or item.get("problem")
    body = item.get("text") or item.get("cause") or ""
    return f"{title}：{short(body, 30)}" if title else short(body, 40)


class ListQuestion(Question):
    """A list of items, shortcomings or plans: keep, add, edit, remove and reorder."""

    def __init__(self, ctx: Context, qid: str, loc: tuple, element: type[BaseModel], *, label: str, section: str,
                 noun: str, review: bool = False, optional: bool = False) -> None:
        super().__init__(ctx)
        self.qid, self.loc, self.element, self.label, self.section = qid, loc, element, label, section
        self.noun, self.review, self.optional = noun, review, optional
        self.fields = model_fields(element, ())

    def default(self) -> Any:
        return list(dig(self.ctx.seed, self.loc) or [])

    def accepts(self, value: Any) -> bool:
        return isinstance(value, list)

    def summary(self, value: list) -> str:
        return f"{len(value)}项：" + "；".join(short(_item_line(v), 14) for v in value) if value else "（不填）"

    def rows(self, value: Any) -> list[Row]:
        return [Row(self.label, self.summary(value), flags=self.ctx.carry_flags(value, self.carried_default(), review=self.review))]

    # the editor, shared with BlockQuestion

    def ask_element(self, ui: Prompter, current: dict) -> dict:
        element = {}
        for f in self.fields:
            value = f.ask(ui, current.get(f.name))
            if value is not None:
                element[f.name] = value
        return element

    def pick(self, ui: Prompter, items: list, message: str) -> int:
        return ui.select(message, [(f"{n}. {short(_item_line(item), 40)}", n - 1) for n, item in enumerate(items, 1)])

    def edit_items(self, ui: Prompter, items: list, *, heading: Callable[[], str], notes: Callable[[], list[str]] = list,
                   extra: list[tuple[str, str, Callable[[], None]]] = (),
                   on_change: Callable[[list], None] = lambda items: None) -> list:
        """The list editor loop; `extra` adds (title, key, action) entries to its menu."""
        from rich.text import Text

        items = [dict(item) for item in items]
        while True:
            lines = Text(heading(), style="bold")
            for n, item in enumerate(items, 1):
                lines.append(f"\n  {n}. {_item_line(item)}")
            for note in notes():
                lines.append(f"\n  · {note}", style="dim")
            if not items:
                lines.append("\n  （暂无）", style="dim")
            ui.show(lines)
            actions = [("完成，继续" if items else "不填，继续", "done"), (f"新增一项{self.noun}", "add")]
            if items:
                actions += [("修改一项", "edit"), ("删除一项", "remove")]
            if len(items) > 1:
                actions.append(("调整顺序", "order"))
            actions += [(title, key) for title, key, _ in extra]
            action = ui.select(f"{heading()}：", actions, default="done" if items or self.optional else "add")
            if action == "done":
                return items
            if action == "add":
                items.append(self.ask_element(ui, {}))
            elif action == "edit":
                index = self.pick(ui, items, "修改哪一项？")
                items[index] = self.ask_element(ui, items[index])
            elif action == "remove":
                del items[self.pick(ui, items, "删除哪一项？")]
            elif action == "order":
                items = [items[i] for i in self.ask_order(ui, len(items))]
            else:
                next(run for _, key, run in extra if key == action)()
            on_change(items)

    @staticmethod
    def ask_order(ui: Prompter, count: int) -> list[int]:
        def problem(raw: str) -> str | None:
            numbers = raw.replace(",", " ").replace("，", " ").split()
            if sorted(numbers) != sorted(str(n) for n in range(1, count + 1)):
                return f"请把 1 到 {count} 各写一次，用空格隔开，如 2 1 3"
            return None

        raw = ui.text("新的顺序", instruction=f"按现在的编号排列，用空格隔开（共 {count} 项）", validate=problem)
        return [int(n) - 1 for n in raw.replace(",", " ").replace("，", " ").split()]

    def prompt(self, ui: Prompter, current: list, focus: str | None = None) -> list:
        return self.edit_items(ui, current, heading=lambda: self.label, on_change=self.save_pending)


class BlockQuestion(ListQuestion):
    """A topic of part 1 (title, items, extra figures) or the duty part (items, extra figures)."""

    def __init__(self, ctx: Context, tid: str | None, *, enforces: bool, fed: list[dict] = (), taken: set[str] = frozenset()) -> None:
        if tid is None:
            super().__init__(ctx, "duty", ("duty",), Item, label=SECTION_DUTY, section=SECTION_DUTY, noun="履职情况")
        else:
            super().__init__(ctx, f"topic.{tid}", ("measures",), Item, label=topic_title(tid), section=SECTION_MEASURES,
                             noun="举措")
        self.tid, self.enforces, self.fed, self.taken = tid, enforces, list(fed), taken

    def seed_block(self) -> dict:
        if self.tid is None:
            return dict(self.ctx.seed.get("duty") or {})
        return dict(self.ctx.seed_topic(self.tid) or {})

    def default(self) -> dict:
        block = self.seed_block()
        title = block.get("title") if self.tid and not self.tid.startswith("custom:") else None
        return {"title": title, "items": list(block.get("items") or []), "extra": []}

    def accepts(self, value: Any) -> bool:
        return (
            isinstance(value, dict)
            and isinstance(value.get("items"), list)
            and all(key in catalogue().indicators for key in value.get("extra") or [])
        )

    def heading(self, value: dict) -> str:
        return value.get("title") or self.label

    def indicators(self) -> list[str]:
        cat = catalogue()
        if self.tid is None:
            keys = list(cat.duty_indicators)
        elif self.tid.startswith("custom:"):
            keys = []
        else:
            keys = list(cat.topics[self.tid].indicators)
        return [k for k in keys if self.enforces or not cat.indicators[k].enforcement]

    def available(self) -> list[str]:
        """Indicators that can be added to this block: the catalogue's for it, or any for a custom topic."""
        cat = catalogue()
        pool = list(cat.indicators) if self.tid and self.tid.startswith("custom:") else self.indicators()
        return [k for k in pool if k not in self.taken and (self.enforces or not cat.indicators[k].enforcement)]

    def figure_keys(self, value: dict) -> list[str]:
        """The figures asked for this block: those it held in the source, or all its indicators when new."""
        cat = catalogue()
        block = self.tid if self.tid is not None else "duty"
        keys = self.ctx.figure_layout[block] if block in self.ctx.figure_layout else self.indicators()
        keys = keys + [k for k in value.get("extra") or [] if k not in keys]
        return [k for k in keys if k not in self.taken and (self.enforces or not cat.indicators[k].enforcement)]

    def prompt(self, ui: Prompter, current: dict, focus: str | None = None) -> dict:
        state = {"title": current.get("title"), "items": list(current.get("items") or []), "extra": list(current.get("extra") or [])}
        extra: list[tuple[str, str, Callable[[], None]]] = []
        if self.tid is not None and not self.tid.startswith("custom:"):
            def retitle() -> None:
                title = ui.text("专题标题", default=self.heading(state), instruction="直接回车沿用；清空则用目录中的标题")
                title = title.strip()
                state["title"] = None if title in ("", self.label) else title

            extra.append(("修改专题标题", "title", retitle))

        def addable() -> list[str]:
            return [k for k in self.available() if k not in self.figure_keys(state)]

        if addable():
            def add_figures() -> None:
                cat = catalogue()
                chosen = ui.checkbox("增加哪些数据项？", [(cat.indicators[k].label_with_unit, k) for k in addable()])
                state["extra"] += [k for k in chosen if k not in state["extra"]]

            extra.append(("增加数据项", "figures", add_figures))

        def notes() -> list[str]:
            lines = [f"来自去年安排：{_item_line(item)}（在“去年安排的落实情况”中修改）" for item in self.fed]
            keys = self.figure_keys(state)
            if keys:
                lines.append("接下来填写数据：" + "、".join(catalogue().indicators[k].label for k in keys))
            return lines

        def changed(items: list) -> None:
            state["items"] = items
            self.save_pending(state)

        state["items"] = self.edit_items(ui, state["items"], heading=lambda: self.heading(state), notes=notes, extra=extra,
                                         on_change=changed)
        return state

    def summary(self, value: dict) -> str:
        items = len(value.get("items") or [])
        fed = f"，另有{len(self.fed)}项来自去年安排" if self.fed else ""
        return (f"{items}项{self.noun}" if items else f"无{self.noun}") + fed

    def rows(self, value: dict) -> list[Row]:
        return [Row(self.heading(value), self.summary(value), flags=self.ctx.carry_flags(value, self.carried_default()))]


class FigureQuestion(Question):
    """One figure: numbers only, "去年：59件" shown, a far-off value confirmed."""

    section = SECTION_MEASURES

    def __init__(self, ctx: Context, key: str, section: str) -> None:
        super().__init__(ctx)
        self.key = key
        self.qid = f"figures.{key}"
        self.indicator = catalogue().indicators[key]
        self.label = self.indicator.label_with_unit
        self.section = section

    @property
    def previous(self) -> Any:
        return self.ctx.previous_figures.get(self.key)

    def default(self) -> Any:
        return self.ctx.seed_figure(self.key)

    def carried_default(self) -> Any:
        return None  # figures are never carried

    def parse(self, raw: str) -> Any:
        from ..model import check_figures

        if not raw.strip():
            return None
        try:
            return check_figures({self.key: raw})[self.key]
        except PydanticCustomError as error:
            raise ValueError(error.message()) from None

    def accepts(self, value: Any) -> bool:
        from ..model import check_figures

        try:
            return value is None or check_figures({self.key: value})[self.key] == value
        except PydanticCustomError:
            return False

    def prompt(self, ui: Prompter, current: Any, focus: str | None = None) -> Any:
        last = f"去年：{figure_text(self.key, self.previous)}；" if self.previous is not None else ""
        if self.indicator.type == "flag":
            chosen = ui.select(f"{self.indicator.label}{'（' + last.rstrip('；') + '）' if last else ''}",
                               [("是", True), ("否", False), ("不填", UNSET)], default=UNSET if current is None else current)
            return None if chosen == UNSET else chosen

        def problem(raw: str) -> str | None:
            try:
                self.parse(raw)
            except ValueError as error:
                return str(error)
            return None

        text = "" if current is None else format_number(current)
        while True:
            text = ui.text(self.label, default=text, instruction=f"{last}没有就直接回车", validate=problem)
            value = self.parse(text)
            if not self.ctx.reuse.is_far(value, self.previous):
                return value
            unit = self.indicator.unit
            if ui.confirm(
                f"{self.indicator.label}今年{format_number(value)}{unit}，去年{format_number(self.previous)}{unit}，相差较大。确认无误吗？",
                default=False,
            ):
                return value

    def summary(self, value: Any) -> str:
        return figure_text(self.key, value)

    def rows(self, value: Any) -> list[Row]:
        flags = []
        if self.ctx.reuse.is_far(value, self.previous):
            flags.append("与去年相差较大（已确认）")
        change = yoy_phrase(value, self.previous).lstrip("，") if value is not None and not isinstance(value, bool) else ""
        last = figure_text(self.key, self.previous) if self.previous is not None else ""
        return [Row(self.label, self.summary(value), last, change, flags)]


class ChecklistQuestion(Question):
    """One of last year's plans: was it carried out? Feeds part 1 (done) and part 2 (not done)."""

    section = SECTION_CHECKLIST

    def __init__(self, ctx: Context, index: int, plan: Plan, topics: list[tuple[str, str]]) -> None:
        super().__init__(ctx)
        self.index, self.plan, self.topics = index, plan, topics  # topics: (id, heading)
        self.qid = f"checklist.{index + 1}"
        self.label = f"去年安排第{index + 1}项：{short(plan.title, 16)}"
        self.statuses = ctx.reuse.statuses

    def fill(self, template: str) -> str:
        return template.format(title=self.plan.title, text=self.plan.text.rstrip("。；;"))

    def default(self) -> dict:
        return {"status": self.statuses[0][0]}

    def accepts(self, value: Any) -> bool:
        if not isinstance(value, dict) or value.get("status") not in dict(self.statuses):
            return False
        if value["status"] in ("done", "partial"):
            return value.get("topic") in [tid for tid, _ in self.topics] and bool(value.get("text"))
        return True

    def guess_topic(self) -> str | None:
        """The selected topic whose title shares most characters with the plan."""
        words = set(self.plan.title + self.plan.text)
        scored = [(len(words & set(heading)), -n, tid) for n, (tid, heading) in enumerate(self.topics)]
        return max(scored)[2] if scored else None

    def prompt(self, ui: Prompter, current: dict, focus: str | None = None) -> dict:
        ui.show(f"去年安排第{self.index + 1}项：{self.plan.title}——{short(self.plan.text, 60)}", style="bold")
        status = ui.select(f"“{self.plan.title}”落实了吗？", [(label, key) for key, label in self.statuses],
                           default=current.get("status"))
        answer: dict[str, Any] = {"status": status}
        if status in ("done", "partial") and self.topics:
            answer["topic"] = ui.select("写进第一部分的哪个专题？", [(heading, tid) for tid, heading in self.topics],
                                        default=current.get("topic") or self.guess_topic())
            text_field = ModelField(Item, "text", ("measures",))
            answer["text"] = ui.text(
                "落实情况（写进第一部分，请改写为已完成的表述）",
                default=current.get("text") or self.fill(self.ctx.reuse.measure["text"]),
                multiline=True, validate=text_field.problem, files=True,
            ).strip()
        if status in ("partial", "not_done"):
            drafts = self.ctx.reuse.shortcoming[status]
            problem_field = ModelField(Shortcoming, "problem", ("shortcomings",))
            cause_field = ModelField(Shortcoming, "cause", ("shortcomings",))
            answer["problem"] = ui.text("写进第二部分的不足（可修改）", default=current.get("problem") or self.fill(drafts["problem"]),
                                        validate=problem_field.problem).strip()
            answer["cause"] = ui.text("原因（可修改）", default=current.get("cause") or self.fill(drafts["cause"]),
                                      multiline=True, validate=cause_field.problem, files=True).strip()
        return answer

    def measure(self, value: dict) -> tuple[str, dict] | None:
        """(topic id, item) for part 1, when the plan was (partly) carried out."""
        if value.get("status") in ("done", "partial") and value.get("topic"):
            return value["topic"], {"title": self.fill(self.ctx.reuse.measure["title"]), "text": value["text"]}
        return None

    def shortcoming(self, value: dict) -> dict | None:
        if value.get("status") in ("partial", "not_done"):
            return {"problem": value["problem"], "cause": value["cause"]}
        return None

    def summary(self, value: dict) -> str:
        label = self.ctx.reuse.status_label(value.get("status", self.statuses[0][0]))
        topic = dict(self.topics).get(value.get("topic"))
        return f"{label}（写入“{short(topic, 12)}”）" if topic and value.get("status") in ("done", "partial") else label

    def rows(self, value: dict) -> list[Row]:
        flags = []
        if value.get("text") and value["text"] == self.fill(self.ctx.reuse.measure["text"]):
            flags.append("落实情况还是去年安排的原文，请改写为已完成的表述")
        flags += self.ctx.placeholder_flags([value.get("problem"), value.get("cause")])
        return [Row(self.label, self.summary(value), flags=flags)]


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
        return self.field.ask(ui, current)

    def summary(self, value: Any) -> str:
        return self.field.show(value)
