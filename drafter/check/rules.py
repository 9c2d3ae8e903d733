"""Load templates/check_rules.yaml: severities, Chinese messages and rule data."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

from drafter.check.findings import SEVERITIES, Finding
from drafter.datafile import load_data, load_yaml_file
from drafter.units import measure_words


class _Blank(dict):
    """str.format_map helper: a missing placeholder stays visible instead of raising."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


@dataclass(frozen=True)
class RuleText:
    severity: str
    message: str
    fix: str


class CheckRules:
    """The contents of check_rules.yaml, with helpers."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self._compiled: dict[str, Any] = {}
        self.severity_labels: dict[str, str] = dict(data.get("severity_labels") or {})
        self.rules: dict[str, RuleText] = {}
        for rule_id, d in (data.get("rules") or {}).items():
            severity = d.get("severity", "warning")
            if severity not in SEVERITIES:
                raise ValueError(f"check_rules.yaml: {rule_id}: unknown severity {severity!r}")
            self.rules[rule_id] = RuleText(severity, d["message"], d.get("fix", ""))
        self.unit_re = measure_words().alternation()

    def compiled(self, name: str, source: Callable[[], Any]) -> Any:
        """The pattern `name`, built by `source()` from these rules and compiled once (the
        rules run on every paragraph of every file). `source` may return a pattern's text,
        or anything already compiled (a list of patterns), kept as it is."""
        value = self._compiled.get(name)
        if value is None:
            value = source()
            value = self._compiled[name] = re.compile(value) if isinstance(value, str) else value
        return value

    def __getitem__(self, key: str) -> Any:
        return self.data[key]

    def text(self, rule_id: str, **values: Any) -> tuple[str, str, str]:
        """(severity, message, fix) of a rule, placeholders filled."""
        rule = self.rules[rule_id]
        fill = _Blank({k: v for k, v in values.items()})
        return rule.severity, rule.message.format_map(fill), rule.fix.format_map(fill)

    def label(self, severity: str) -> str:
        return self.severity_labels.get(severity, severity)


@lru_cache(maxsize=None)
def load_check_rules(path: str | None = None) -> CheckRules:
    return CheckRules(load_yaml_file(Path(path)) if path else load_data("check_rules.yaml"))


def answers_finding(rule: str, loc: tuple[Any, ...], **values: Any) -> Finding:
    """A finding of an ``answers.*`` rule at ``loc``, its text from check_rules.yaml."""
    severity, message, fix = load_check_rules().text(rule, **values)
    return Finding(rule=rule, severity=severity, message=message, fix=fix, loc=tuple(loc))
