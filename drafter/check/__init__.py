"""`drafter check`: does a report follow the rules of the genre?

    from drafter.check import check_path, check_paragraphs
    result = check_path("2024.docx")        # .docx, .txt, .md or an answers .yaml
    result.findings                         # [Finding(rule, severity, message, fix, part, paragraph, excerpt)]

    from drafter.check.command import run   # the CLI entry: run(paths, as_json, console) -> exit code

Rules live in small modules (parts, headings, norms, figures, layout); their messages,
severities and data live in templates/check_rules.yaml, the part headings in
templates/structure.yaml (shared with drafter.recognise).
"""

from __future__ import annotations

from drafter.check.findings import ERROR, INFO, SEVERITIES, WARNING, Finding
from drafter.check.files import check_path
from drafter.check.runner import CheckResult, check_paragraphs, check_source

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
