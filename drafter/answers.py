"""The answers file: YAML the clerk can edit, read with line numbers, rewritten with comments kept.

Every problem becomes one Chinese message naming the file, the line and the field.
"""

from __future__ import annotations

import io
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InvalidAnswers
from .fs import atomic_write_text

# The first line of an answers file: lets editors (VS Code + YAML extension) autocomplete it.
SCHEMA_MODELINE = "# yaml-language-server: $schema={schema}"


@dataclass
class LoadedAnswers:
    """A validated report with the round-trip YAML it came from (for line numbers and rewrites)."""

    path: Path
    report: Any  # drafter.model.Report
    data: Any  # ruamel CommentedMap, comments and all
    encoding: str = "utf-8"
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _yaml():
    from ruamel.yaml import YAML

    yaml = YAML()  # round-trip: keeps comments, order and line numbers
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096
    yaml.allow_unicode = True
    yaml.preserve_quotes = True
    return yaml


def read_text(path: Path) -> tuple[str, str, list[str]]:
    """The text of an answers file, its encoding and notes; refuses what is not a text file."""
    if not path.exists():
        raise InvalidAnswers(f"找不到答卷文件：{path}")
    if path.is_dir():
        raise InvalidAnswers(f"{path} 是一个文件夹，请给出答卷文件（.yaml）的路径")
    raw = path.read_bytes()
    if not raw.strip():
        raise InvalidAnswers(f"答卷文件 {path} 是空的")
    if b"\x00" in raw[:8192] or raw[:4] in (b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"%PDF"):
        raise InvalidAnswers(f"{path} 不是文本文件（可能是 Word、PDF 或压缩包），请给出答卷文件（.yaml）")
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace"), "utf-8-sig", ["文件带有 BOM 标记，已正常读取；保存时将去掉 BOM"]
    try:
        return raw.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError:
        pass
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError:
        raise InvalidAnswers(f"{path} 的编码无法识别：请用 UTF-8 保存（记事本“另存为”时选择 UTF-8）") from None
    return text, "gbk", ["文件为 GBK 编码，已按 GBK 读取；drafter 保存时将改为 UTF-8"]


def parse_yaml(text: str, path: Path) -> Any:
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    try:
        data = _yaml().load(text)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f"第 {mark.line + 1} 行第 {mark.column + 1} 列" if mark else ""
        problem = (error.problem or error.context or "").strip()
        raise InvalidAnswers(
            f"答卷文件 {path} {where}的 YAML 格式有误（{problem}）。"
            "常见原因：冒号后缺少空格、缩进不一致、引号没有成对、同一键名写了两次"
        ) from None
    except YAMLError as error:
        raise InvalidAnswers(f"答卷文件 {path} 的 YAML 格式有误：{error}") from None
    if not isinstance(data, dict):
        raise InvalidAnswers(f"答卷文件 {path} 的最外层应是“键: 值”的形式（如 year: 2024），而不是{_kind_name(data)}")
    return data


def _kind_name(value: Any) -> str:
    if isinstance(value, list):
        return "列表"
    if isinstance(value, str):
        return "一段文字"
    return "单个数值"


def load_answers(path: Path | str) -> LoadedAnswers:
    """Read, parse and validate an answers file; raise InvalidAnswers with every error found."""
    from .rules import check_report

    path = Path(path)
    text, encoding, notes = read_text(path)
    data = parse_yaml(text, path)
    report = validate_data(data, path)
    problems = check_report(report)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise InvalidAnswers(_format_problems(path, data, [(p.loc, p.message) for p in errors]))
    warnings = [_format_one(data, p.loc, p.message) for p in problems if p.severity == "warning"]
    return LoadedAnswers(path=path, report=report, data=data, encoding=encoding, notes=notes, warnings=warnings)


def load_report(path: Path | str):
    """The validated `Report` of an answers file (see `load_answers`)."""
    return load_answers(path).report


def validate_data(data: Any, path: Path):
    from pydantic import ValidationError

    from .model import Report

    try:
        return Report.model_validate(_plain(data))
    except ValidationError as error:
        entries = [(_error_loc(e), _message(e)) for e in error.errors(include_url=False)]
        raise InvalidAnswers(_format_problems(path, data, entries)) from None


def _error_loc(error: dict) -> tuple:
    """The error's location; a figure error is pinned to its own key (and so its own line)."""
    loc = tuple(error["loc"])
    key = (error.get("ctx") or {}).get("key")
    if error["type"] in ("figure_invalid", "unknown_figure") and key is not None:
        loc += (key,)
    return loc


def _plain(data: Any) -> Any:
    """ruamel's commented containers as plain dicts and lists (pydantic wants plain types)."""
    if isinstance(data, dict):
        return {key: _plain(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_plain(value) for value in data]
    return data


# ---------------------------------------------------------------- messages

_MESSAGES = {
    "missing": "必须填写",
    "string_too_short": "不能为空",
    "too_short": "不能为空",
    "too_long": "内容过长，请拆分成几段",
    "string_too_long": "内容过长（超过 {max_length} 字），请拆分成几段",
    "string_type": "应为文字",
    "int_parsing": "应为整数，如 2024",
    "int_type": "应为整数，如 2024",
    "int_from_float": "应为整数",
    "bool_parsing": "应为 true（是）或 false（否）",
    "bool_type": "应为 true（是）或 false（否）",
    "date_parsing": "日期格式应为 2025-02-28",
    "date_from_datetime_parsing": "日期格式应为 2025-02-28",
    "date_type": "日期格式应为 2025-02-28",
    "list_type": "应为列表（每一项以“- ”开头）",
    "dict_type": "应为“键: 值”的形式（在下一行缩进填写）",
    "model_type": "应为“键: 值”的形式（在下一行缩进填写）",
    "model_attributes_type": "应为“键: 值”的形式（在下一行缩进填写）",
    "greater_than_equal": "应不小于 {ge}",
    "less_than_equal": "应不大于 {le}",
    "enum": "应为以下之一：{expected}",
    "literal_error": "应为以下之一：{expected}",
}


def _message(error: dict) -> str:
    kind = error["type"]
    if kind == "extra_forbidden":
        return _unknown_key_message(tuple(error["loc"]))
    template = _MESSAGES.get(kind)
    if template is None:
        return error["msg"]  # our own PydanticCustomError messages are already Chinese
    context = {key: str(value).replace("'", "") for key, value in (error.get("ctx") or {}).items()}
    try:
        return template.format(**context)
    except KeyError:
        return template


def _unknown_key_message(loc: tuple) -> str:
    from .suggest import closest

    key = str(loc[-1])
    model = _model_at(loc[:-1])
    allowed = list(model.model_fields) if model is not None else []
    hint = closest(key, allowed)
    if hint:
        return f"未知字段“{key}”，是否想写“{hint}”？"
    listing = "、".join(allowed)
    return f"未知字段“{key}”，此处可用的字段有：{listing}" if listing else f"未知字段“{key}”"


def _model_at(loc: tuple):
    """The pydantic model class reached by following `loc` from `Report` (None past a dict)."""
    from pydantic import BaseModel

    from .model import Report

    annotation: Any = Report
    for part in loc:
        annotation = _unwrap(annotation)
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            if not isinstance(part, str) or part not in annotation.model_fields:
                return None
            annotation = annotation.model_fields[part].annotation
        elif typing.get_origin(annotation) in (list, tuple):
            annotation = typing.get_args(annotation)[0]
        else:
            return None
    annotation = _unwrap(annotation)
    return annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None


def _unwrap(annotation: Any) -> Any:
    """Optional[X] / Annotated[X, …] → X."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin is typing.Union:
            members = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(members) != 1:
                return annotation
            annotation = members[0]
        else:
            return annotation


def describe_loc(loc: tuple) -> str:
    """("measures", 0, "figures", "penalty_cases") → "一、主要举措和成效 › 第1项 › 数据 › 行政处罚案件"."""
    from pydantic import BaseModel

    from .catalogue import catalogue
    from .model import Report

    names = []
    annotation: Any = Report
    for part in loc:
        annotation = _unwrap(annotation)
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
        names.append(catalogue().label(part) if isinstance(part, str) else str(part))
        annotation = None
    return " › ".join(names)


def line_of(data: Any, loc: tuple) -> int | None:
    """1-based line of the deepest part of `loc` that exists in the round-trip YAML."""
    line = None
    node = data
    for part in loc:
        lc = getattr(node, "lc", None)
        try:
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


def _dotted(loc: tuple) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _format_one(data: Any, loc: tuple, message: str) -> str:
    line = line_of(data, loc)
    where = f"第 {line} 行 " if line else ""
    field_path = f"{_dotted(loc)}（{describe_loc(loc)}）" if loc else ""
    return f"{where}{field_path}：{message}" if field_path else f"{where}{message}"


def _format_problems(path: Path, data: Any, entries: list[tuple[tuple, str]]) -> str:
    lines = [_format_one(data, loc, message) for loc, message in entries]
    if len(lines) == 1:
        return f"答卷文件 {path} {lines[0]}"
    return f"答卷文件 {path} 有 {len(lines)} 处问题：\n" + "\n".join(f"  {n}. {text}" for n, text in enumerate(lines, 1))


# ---------------------------------------------------------------- writing


def dump_yaml(data: Any) -> str:
    stream = io.StringIO()
    _yaml().dump(data, stream)
    return stream.getvalue()


def report_data(report, base: Any = None) -> Any:
    """The report as YAML data; merged into `base` (a round-trip map) to keep its comments."""
    from ruamel.yaml.comments import CommentedMap

    plain = report.model_dump(mode="json", exclude_defaults=True)
    plain.setdefault("year", report.year)
    target = base if base is not None else CommentedMap()
    return _merge(target, plain)


def _merge(target: Any, new: Any) -> Any:
    """Update `target` in place with `new`, keeping comments on keys that survive."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(new, dict):
        if not isinstance(target, dict):
            target = CommentedMap()
        for key in [k for k in target if k not in new]:
            del target[key]
        for key, value in new.items():
            target[key] = _merge(target.get(key), value)
        return target
    if isinstance(new, list):
        if not isinstance(target, list):
            target = CommentedSeq()
        merged = [_merge(target[i] if i < len(target) else None, value) for i, value in enumerate(new)]
        del target[len(new):]
        for i, value in enumerate(merged):
            if i < len(target):
                target[i] = value
            else:
                target.append(value)
        return target
    return new


def save_answers(path: Path | str, data: Any) -> None:
    """Write round-trip YAML data atomically as UTF-8 (comments kept)."""
    atomic_write_text(Path(path), dump_yaml(data))
