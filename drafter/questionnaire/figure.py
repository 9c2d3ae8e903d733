"""One figure asked: a catalogue indicator or a custom figure of the text (【key】), with last
year's value and sentence shown, "=" to keep it, and a far-off value confirmed."""

from __future__ import annotations

import re
from typing import Any

from pydantic_core import PydanticCustomError

from ..catalogue import catalogue
from ..text import format_number
from ..wording import yoy_phrase
from .context import Context
from .labels import SECTION_MEASURES, UNSET
from .prompts import SELECT_HELP, Prompter
from .questions import Question, Row


class FigureQuestion(Question):
    """One figure: numbers only, "去年：59件，按 = 沿用" shown, a far-off value confirmed.

    `custom`: the spec of a custom figure (label, unit, approximate, previous) for a key of
    `custom_figures`; without it the key is a catalogue indicator."""

    section = SECTION_MEASURES

    def __init__(self, ctx: Context, key: str, section: str, custom: dict | None = None) -> None:
        super().__init__(ctx)
        self.key, self.section, self.custom = key, section, custom
        if custom is None:
            indicator = catalogue().indicators[key]
            self.qid, self.name, self.unit = f"figures.{key}", indicator.label, indicator.unit
            self.flag = indicator.type == "flag"
        else:
            self.qid, self.name, self.unit = f"custom_figures.{key}", custom["label"], custom.get("unit") or ""
            self.flag = False
        self.label = f"{self.name}（{self.unit}）" if self.unit else self.name

    @property
    def previous(self) -> Any:
        return self.custom.get("previous") if self.custom is not None else self.ctx.previous_figures.get(self.key)

    def default(self) -> Any:
        if self.custom is not None:
            return ((self.ctx.seed.get("custom_figures") or {}).get(self.key) or {}).get("value")
        return self.ctx.seed_figure(self.key)

    def carried_default(self) -> Any:
        return None  # figures are never carried

    def text(self, value: Any) -> str:
        """59 → "59件"; True → "是"; None → "—"."""
        if value is None:
            return "—"
        if isinstance(value, bool):
            return "是" if value else "否"
        approximate = "余" if self.custom is not None and self.custom.get("approximate") else ""
        return format_number(value) + approximate + self.unit

    def _check(self, value: Any) -> Any:
        if self.custom is not None:
            from pydantic import TypeAdapter

            from ..model import CustomValue

            return TypeAdapter(CustomValue).validate_python(value)
        from ..model import check_figures

        return check_figures({self.key: value})[self.key]

    def parse(self, raw: str) -> Any:
        from pydantic import ValidationError

        if not raw.strip():
            return None
        if re.match(r"0\d", raw.strip()):  # "02": two answers run together, never read as 2
            raise ValueError(f"“{raw.strip()}”以 0 开头，请核对后重新填写")
        try:
            return self._check(raw)
        except PydanticCustomError as error:
            raise ValueError(error.message()) from None
        except ValidationError as error:
            raise ValueError(error.errors(include_url=False)[0]["msg"]) from None

    def accepts(self, value: Any) -> bool:
        from pydantic import ValidationError

        try:
            return value is None or self._check(value) == value
        except (PydanticCustomError, ValidationError):
            return False

    def keep_hint(self) -> str:
        """How last year's value is kept: one key, said on every figure prompt."""
        return f"去年：{self.text(self.previous)}，按 = 沿用" if self.previous is not None else ""

    def prompt(self, ui: Prompter, current: Any, focus: str | None = None) -> Any:
        keep = self.keep_hint()
        sentence = self.ctx.figure_sentences.get(self.key)
        if sentence:
            ui.show(f"去年：{sentence} → 今年？", style="dim")
        if self.flag:
            chosen = ui.select(self.name, [("是", True), ("否", False), ("不填", UNSET)],
                               default=UNSET if current is None else current,
                               instruction=f"（{keep}；{SELECT_HELP.strip('（）')}）" if keep else None,
                               keep=self.previous if self.previous is not None else None)
            return None if chosen == UNSET else chosen

        def problem(raw: str) -> str | None:
            try:
                self.parse(raw)
            except ValueError as error:
                return str(error)
            return None

        text = "" if current is None else format_number(current)
        while True:
            text = ui.text(self.label, default=text, instruction=f"{keep}；没有就直接回车" if keep else "没有就直接回车",
                           validate=problem, keep=format_number(self.previous) if self.previous is not None else None)
            value = self.parse(text)
            if not self.ctx.reuse.is_far(value, self.previous):
                return value
            if ui.discard_typeahead():
                ui.show("（已忽略确认之前多按的键：请看清下面的问题）", style="yellow")
            if ui.confirm(
                f"{self.name}今年{format_number(value)}{self.unit}，去年{format_number(self.previous)}{self.unit}，相差较大。确认无误吗？",
                default=False,
            ):
                return value
            text = ""  # typed again on an empty line: nothing typed ahead joins the old number

    def summary(self, value: Any) -> str:
        return self.text(value)

    def rows(self, value: Any) -> list[Row]:
        flags = []
        if self.ctx.reuse.is_far(value, self.previous):
            flags.append("与去年相差较大（已确认）")
        change = yoy_phrase(value, self.previous).lstrip("，") if value is not None and not isinstance(value, bool) else ""
        last = self.text(self.previous) if self.previous is not None else ""
        return [Row(self.label, self.summary(value), last, change, flags)]
