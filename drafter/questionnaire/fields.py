"""One field of the model, asked with its title and help and parsed as the model would."""

from __future__ import annotations

import datetime as dt
import re
import typing
from dataclasses import dataclass
from enum import Enum
from functools import cached_property, lru_cache
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from ..dates import parse_date
from ..model import Item, PartKey, Plan, Shortcoming, unwrap_annotation
from ..parts import part_label
from .labels import CHOICE_LABELS, NAMED_ORDERS, UNSET, short
from .prompts import Prompter

# "（可不填）" or "，可不填" in a field's help: the prompt says it once in its own words.
OPTIONAL_NOTE = re.compile(r"[（(]可不填[）)]|[，,]\s*可不填$")

# Fields whose answers are paragraphs: asked with a multi-line prompt (and $EDITOR, "@file").
LONG_TEXT = {(Item, "text"), (Shortcoming, "cause"), (Plan, "text")}


@lru_cache(maxsize=None)
def _text_adapter(model: type[BaseModel], name: str) -> TypeAdapter:
    info = model.model_fields[name]
    return TypeAdapter(typing.Annotated[(str, *info.metadata)])


def _first_message(error: ValidationError) -> str:
    from ..problems import error_message

    return error_message(error.errors(include_url=False)[0])


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
        annotation, _ = unwrap_annotation(self.info.annotation)
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
        annotation, optional = unwrap_annotation(self.info.annotation)
        if self.kind == "enum":
            options = [(CHOICE_LABELS.get(member.value, member.value), member.value) for member in annotation]
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
            date = parse_date(raw)
            if date is None:
                raise ValueError("日期格式应为 2026-02-28 或 2026年2月28日")
            return date.isoformat()
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

    def ask(self, ui: Prompter, current: Any, *, hint: str | None = None) -> Any:
        """Ask the field; `hint` replaces its help (a date example inside the report's window)."""
        if self.kind in ("enum", "literal", "bool", "order"):
            choices = self.choices(current)
            chosen = ui.select(self.label, choices, default=UNSET if current is None else current)
            return None if chosen == UNSET else chosen
        instruction = hint if hint is not None else self.help
        if not self.required and self.kind == "text":
            instruction = OPTIONAL_NOTE.sub("", instruction)  # said once, below
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
