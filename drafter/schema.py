"""The JSON Schema of the answers file, for editors' autocompletion and validation."""

from __future__ import annotations

import json
from pathlib import Path

from .catalogue import catalogue


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


def schema_command(output: Path | None) -> int:
    """`drafter schema`: the schema on standard output, or written to `output`; the exit code."""
    from . import echo

    text = schema_json()
    if output is None:
        echo.say(text)
        return 0
    from .fs import atomic_write_text

    atomic_write_text(output, text + "\n")
    echo.say(f"已写入 {output}")
    return 0
