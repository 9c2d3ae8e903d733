"""`drafter check`: does a report follow the rules of the genre?

    from drafter.check import check_path, check_paragraphs
    result = check_path("2024.docx")        # .docx, .txt, .md or an answers .yaml
    result.findings                         # [Finding(rule, severity, message, fix, part, paragraph, excerpt)]

    from drafter.check.command import run   # the CLI entry: run(paths, as_json, console) -> exit code

Rules live in small modules (parts, headings, norms, figures, layout); their messages,
severities and data live in templates/check_rules.yaml, the parts (labels, headings, accepted
orders) in templates/parts.yaml (shared with drafter.recognise and the rest of drafter).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from drafter.check.findings import ERROR, INFO, SEVERITIES, WARNING, Finding

if TYPE_CHECKING:  # pragma: no cover
    from drafter.check.files import check_path
    from drafter.check.runner import CheckResult, check_paragraphs, check_source

# The runner and its rule modules load on first use: the answers loader imports only the
# answers rules (drafter.check.consistency) and should not pay for the text rules.
_LAZY = {
    "check_path": "drafter.check.files",
    "CheckResult": "drafter.check.runner",
    "check_paragraphs": "drafter.check.runner",
    "check_source": "drafter.check.runner",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = [
    "ERROR",
    "WARNING",
    "INFO",
    "SEVERITIES",
    "Finding",
    "CheckResult",
    "check_path",
    "check_source",
    "check_paragraphs",
]
