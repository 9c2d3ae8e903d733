"""Questions that edit a list: items, shortcomings or plans, and the blocks of part 1 and the duty part."""

from __future__ import annotations

from typing import Any, Callable

from pydantic import BaseModel

from ..catalogue import catalogue
from ..model import Item
from .context import Context, dig, referenced
from .fields import model_fields
from .labels import SECTION_DUTY, SECTION_MEASURES, short, topic_title
from .prompts import Prompter
from .questions import Question, Row


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
        keys = keys + [k for k in referenced(value.get("items")) if k in cat.indicators and k not in keys]  # 【key】 in its texts
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
