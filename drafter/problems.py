"""How a problem in an answers file is told: the line it is on, the field's Chinese name, and a
Chinese message for each kind of pydantic error. Used by the loader and the questionnaire.

A problem leads with its line and the field's Chinese place and ends with the key, for those
who edit the file by key: "第 45 行 一、主要举措和成效 › 第2项 › 其中简易程序案件：不能是负数
（填写了 -3）（键名：measures[1].figures.penalty_simple）".
"""

from __future__ import annotations

import re
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Problem:
    """One problem of an answers file: its line (None: the whole file) and what to say there."""

    line: int | None
    message: str  # the field's place, the problem and the key: everything but the line
    of_line: bool = False  # a problem of the line itself ("第 24 行用了全角冒号"), not of a field on it

    @property
    def text(self) -> str:
        if not self.line:
            return self.message
        return f"第 {self.line} 行{'' if self.of_line else ' '}{self.message}"


def error_loc(error: dict) -> tuple:
    """The error's location; a figure error is pinned to its own key (and so its own line)."""
    loc = tuple(error["loc"])
    key = (error.get("ctx") or {}).get("key")
    if error["type"] in ("figure_invalid", "unknown_figure", "custom_key") and key is not None:
        loc += (key,)
    return loc


_MESSAGES = {
    "missing": "必须填写",
    "string_too_short": "不能为空",
    "too_short": "不能为空",
    "too_long": "内容过长（{actual_length} 字，上限 {max_length} 字），请精简或拆分成几项",
    "string_too_long": "内容过长（{length} 字，上限 {max_length} 字），请精简或拆分成几项",
    "string_type": "应为文字",
    "int_parsing": "应为整数，如 2024",
    "int_type": "应为整数，如 2024",
    "int_from_float": "应为整数",
    "bool_parsing": "应为 true（是）或 false（否）",
    "bool_type": "应为 true（是）或 false（否）",
    "date_parsing": "“{input}”不是有效的日期，应写成 2025-02-28 这样的形式（年-月-日）",
    "date_from_datetime_parsing": "“{input}”不是有效的日期，应写成 2025-02-28 这样的形式（年-月-日）",
    "date_from_datetime_inexact": "应为日期（年-月-日），不带时间",
    "date_type": "应为日期，写成 2025-02-28 这样的形式",
    "list_type": "应为列表（每一项以“- ”开头）",
    "dict_type": "应为“键: 值”的形式（在下一行缩进填写）",
    "model_type": "应为“键: 值”的形式（在下一行缩进填写）",
    "model_attributes_type": "应为“键: 值”的形式（在下一行缩进填写）",
    "greater_than_equal": "应不小于 {ge}",
    "less_than_equal": "应不大于 {le}",
    "enum": "应为以下之一：{expected}",
    "literal_error": "应为以下之一：{expected}",
}


def error_message(error: dict) -> str:
    kind = error["type"]
    value = error.get("input")
    if kind == "extra_forbidden":
        return _unknown_key_message(tuple(error["loc"]))
    if kind in ("string_type", "int_type", "date_type", "bool_type") and value is None:
        return "必须填写（冒号后不能留空）"
    template = _MESSAGES.get(kind)
    if template is None:
        return error["msg"]  # our own PydanticCustomError messages are already Chinese
    context = {key: str(value).replace("'", "") for key, value in (error.get("ctx") or {}).items()}
    if kind in ("enum", "literal_error"):
        context["expected"] = context.get("expected", "").replace(" or ", "、").replace(", ", "、")
    context["input"] = _shorten(str(value))
    context["length"] = str(len(value)) if isinstance(value, str) else "?"
    try:
        message = template.format(**context)
    except KeyError:
        message = template
    return message + _invisible_hint(value)


def _shorten(text: str, limit: int = 30) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def _invisible_hint(value: Any) -> str:
    """A hint when a value that failed contains characters the clerk cannot see."""
    from .text import clean_text

    if isinstance(value, str) and clean_text(value) != value.strip():
        return "（其中含有看不见的字符，可能是从 Word 或网页复制带来的，请删除后重新输入）"
    return ""


def _unknown_key_message(loc: tuple) -> str:
    from .suggest import closest

    from .text import clean_text

    key = str(loc[-1])
    model = _model_at(loc[:-1])
    allowed = list(model.model_fields) if model is not None else []
    if clean_text(key) != key and clean_text(key) in allowed:
        return f"字段名“{clean_text(key)}”中含有看不见的字符（可能是从 Word 或网页复制带来的），请删除后重新输入"
    hint = closest(key, allowed)
    if hint:
        return f"未知字段“{key}”，是否想写“{hint}”？"
    listing = "、".join(allowed)
    return f"未知字段“{key}”，此处可用的字段有：{listing}" if listing else f"未知字段“{key}”"


def _model_at(loc: tuple):
    """The pydantic model class reached by following `loc` from `Report` (None past a dict)."""
    from pydantic import BaseModel

    from .model import Report, unwrap_annotation

    annotation: Any = Report
    for part in loc:
        annotation = unwrap_annotation(annotation)[0]
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            if not isinstance(part, str) or part not in annotation.model_fields:
                return None
            annotation = annotation.model_fields[part].annotation
        elif typing.get_origin(annotation) in (list, tuple):
            annotation = typing.get_args(annotation)[0]
        else:
            return None
    annotation = unwrap_annotation(annotation)[0]
    return annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None


def describe_loc(loc: tuple) -> str:
    """("measures", 0, "figures", "penalty_cases") → "一、主要举措和成效 › 第1项 › 行政处罚案件".

    Only names a clerk can read: a figure's label stands for its "数据" block; a key drafter
    does not know (misspelt, the subject of the message) ends the place before it.
    """
    from pydantic import BaseModel

    from .catalogue import catalogue
    from .model import Report, unwrap_annotation

    names = []
    annotation: Any = Report
    indicators = catalogue().indicators
    for part in loc:
        annotation = unwrap_annotation(annotation)[0]
        if isinstance(part, int):
            names.append(f"第{part + 1}项")
            if typing.get_origin(annotation) in (list, tuple):
                annotation = typing.get_args(annotation)[0]
            continue
        if isinstance(annotation, type) and issubclass(annotation, BaseModel) and part in annotation.model_fields:
            info = annotation.model_fields[part]
            names.append(info.title or part)
            annotation = info.annotation
            continue
        if not isinstance(part, str) or part not in indicators:
            break
        if names and loc[len(names) - 1] == "figures":
            names.pop()  # "数据 › 行政处罚案件" → "行政处罚案件" (but "上年数据 › …" stays)
        names.append(indicators[part].label)
        annotation = None
    return " › ".join(names)


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def key_text(key: Any) -> Any:
    """A YAML key as the model sees it: YAML reads `2025:` as a number and `null:` as None.
    A lone surrogate (a broken "\\udfff" escape) becomes U+FFFD so the key can be shown."""
    if isinstance(key, str):
        return _LONE_SURROGATE.sub("\ufffd", key)
    if key is None:
        return "null"
    if isinstance(key, bool):
        return str(key).lower()
    return str(key)


def line_of(data: Any, loc: tuple) -> int | None:
    """1-based line of the deepest part of `loc` that exists in the round-trip YAML."""
    line = None
    node = data
    for part in loc:
        lc = getattr(node, "lc", None)
        try:
            if isinstance(node, dict) and part not in node:
                part = next((key for key in node if key_text(key) == part), part)
            if isinstance(node, dict) and part in node:
                if lc is not None:
                    line = lc.key(part)[0] + 1
                node = node[part]
            elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
                if lc is not None:
                    line = lc.item(part)[0] + 1
                node = node[part]
            else:
                break
        except (KeyError, IndexError, TypeError):
            break
    if line is None and getattr(data, "lc", None) is not None:
        line = data.lc.line + 1
    return line


def line_of_node(root: Any, loc: tuple) -> int | None:
    """`line_of` from the node tree the C parser composed (drafter.yaml_values.read_document) of
    the same text: the line of a key, or of a list's item, as the round-trip YAML records it."""
    line = None
    node = root
    for part in loc:
        if node.id == "mapping":
            pairs = node.value
            pair = next((p for p in pairs if p[0].value == part), None) or \
                next((p for p in pairs if key_text(p[0].value) == part), None)
            if pair is None:
                break
            line = pair[0].start_mark.line + 1
            node = pair[1]
        elif node.id == "sequence" and isinstance(part, int) and 0 <= part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            break
    return line if line is not None else root.start_mark.line + 1


def dotted_path(loc: tuple) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def placed(loc: tuple, message: str) -> str:
    """The message at the field `loc`: its Chinese place first, its key last."""
    if not loc:
        return message
    place = describe_loc(loc)
    return f"{place}：{message}（键名：{dotted_path(loc)}）" if place else f"{message}（键名：{dotted_path(loc)}）"


def problem_at(data: Any, loc: tuple, message: str) -> Problem:
    """The problem at field `loc` of the round-trip YAML `data` (which knows the lines)."""
    return Problem(line_of(data, loc), placed(loc, message))


def format_problem(data: Any, loc: tuple, message: str) -> str:
    return problem_at(data, loc, message).text


def told(path: Path, problems: list[Problem]) -> str:
    """Every problem of the file in one message, in the order of their lines."""
    ordered = sorted(problems, key=lambda p: p.line or 0)
    if len(ordered) == 1:
        return f"答卷文件 {path} {ordered[0].text}"
    listing = "\n".join(f"  {n}. {p.text}" for n, p in enumerate(ordered, 1))
    return f"答卷文件 {path} 有 {len(ordered)} 处问题：\n{listing}"


def format_problems(path: Path, data: Any, entries: list[tuple[tuple, str]]) -> str:
    return told(path, [problem_at(data, loc, message) for loc, message in entries])
