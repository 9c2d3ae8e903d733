"""The JSON Schema of the answers file, for editors' autocompletion and validation."""

from __future__ import annotations

import json
from pathlib import Path

from .catalogue import catalogue

# Written beside the answers files, so the modeline is a plain relative name that works in
# any editor on any machine (never a path into one computer's site-packages).
SCHEMA_FILE = "answers.schema.json"
MODELINE = f"# yaml-language-server: $schema={SCHEMA_FILE}"
MODELINE_PREFIX = "# yaml-language-server: $schema="


def answers_schema() -> dict:
    from .model import Report

    schema = Report.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "drafter 答卷文件（法治政府建设年度报告）"
    figures = _figures_schema()
    definitions = schema.get("$defs", {})
    for name in ("Topic", "Duty"):
        if name in definitions:
            definitions[name]["properties"]["figures"] = figures
    schema["properties"]["previous_figures"] = figures | {"title": "上年数据"}
    return schema


def _figures_schema() -> dict:
    """`figures` keys are the catalogue's indicators, each with its Chinese label and unit."""
    kinds = {"count": {"type": "integer", "minimum": 0}, "amount": {"type": "number", "minimum": 0}, "flag": {"type": "boolean"}}
    properties = {
        key: kinds[ind.type] | {"title": ind.label_with_unit, "description": f"{ind.label}（单位：{ind.unit or '是/否'}）"}
        for key, ind in catalogue().indicators.items()
    }
    return {"type": "object", "title": "数据", "properties": properties, "additionalProperties": False}


def schema_json() -> str:
    return json.dumps(answers_schema(), ensure_ascii=False, indent=2)


def schema_command(output: Path | None, *, force: bool = False) -> int:
    """`drafter schema`: the schema on standard output, or written to `output`; the exit code."""
    from . import echo

    if output is None:
        echo.say(schema_json())
        return 0
    backup = write_schema(output, force=force)
    if backup:
        echo.say(f"原文件已备份为 {backup}")
    echo.say(f"已写入 {output}")
    return 0


def bundled_schema() -> bytes:
    """The committed copy installed with drafter (tests keep it equal to `schema_json()`)."""
    from .paths import templates_dir

    return (templates_dir() / SCHEMA_FILE).read_bytes()


def is_drafter_schema(data: bytes) -> bool:
    """Whether `data` is a schema some drafter version wrote (which a newer one may replace)."""
    try:
        return str(json.loads(data.decode("utf-8")).get("title", "")).startswith("drafter 答卷文件")
    except (ValueError, AttributeError):
        return False


def schema_beside(answers_path: Path | str) -> str:
    """Write the schema into the answers file's folder and return the modeline pointing at it.

    An older drafter's copy there is brought up to date; a different file of that name is
    left alone (its owner chose it).
    """
    from .errors import UserError
    from .fs import atomic_write_bytes
    from .safe_read import read_bytes

    target = Path(answers_path).parent / SCHEMA_FILE
    data = bundled_schema()
    try:
        current = read_bytes(target, limit=10 * len(data)) if target.is_file() else None
    except UserError:  # unreadable or far larger than a schema: someone else's file, left alone
        current = b""
    if current != data and (current is None or is_drafter_schema(current)):
        atomic_write_bytes(target, data)
    return MODELINE


def write_schema(path: Path | str, *, force: bool = False) -> Path | None:
    """`drafter schema -o FILE`: an older drafter schema there is replaced; any other existing
    file needs `force` and is kept as a backup."""
    from .errors import UserError
    from .fs import atomic_write_bytes
    from .safe_read import read_bytes

    data = (schema_json() + "\n").encode("utf-8")
    path = Path(path)
    try:
        current = read_bytes(path, limit=10 * len(data)) if path.is_file() else None
    except UserError:  # unreadable or far larger than a schema: not ours, so --force decides
        current = b""
    if current == data:
        return None
    ours = current is None or is_drafter_schema(current)  # a generated copy is replaced, no backup
    return atomic_write_bytes(path, data, overwrite=force or ours, backup=not ours)
