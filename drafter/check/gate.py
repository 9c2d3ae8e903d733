"""The check that `render` and `new` run before writing a draft: errors stop, warnings show."""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from drafter.check.findings import ERROR, WARNING
from drafter.check.runner import CheckResult, check_composed
from drafter.errors import CheckFailed, UnsortedText

if TYPE_CHECKING:  # pragma: no cover
    from drafter.document import ComposedDocument
    from drafter.model import Report


def check_before_writing(report: Report, composed: ComposedDocument, *, ignore_errors: bool,
                         echo: Callable[[str, str], None]) -> CheckResult:
    """Check the composed draft; report errors and warnings through `echo(severity, text)`.

    Errors refuse the draft (CheckFailed, exit 1) unless `ignore_errors` (--ignore-check); text
    the importer left “待整理” refuses it even then (UnsortedText); hints (info) stay quiet here:
    `drafter check` shows them. The answers rules that need the draft (drafter.check.draft)
    run here, since loading answers composes nothing.
    """
    from drafter.check.draft import UNSORTED, check_draft

    result = check_composed(report, composed)
    result.findings = sorted(check_draft(report, composed) + result.findings, key=lambda f: f.sort_key)
    for finding in result.findings:
        if finding.severity in (ERROR, WARNING):
            where = f"（{finding.excerpt}）" if finding.excerpt else ""
            fix = f" {finding.fix}" if finding.fix else ""
            echo(finding.severity, f"{finding.message}{where}{fix}")
    unsorted = [f for f in result.findings if f.rule == UNSORTED]
    if unsorted:  # never printed, even with --ignore-check
        raise UnsortedText(unsorted[0].message, unsorted[0].excerpt or "", unsorted[0].fix)
    if result.errors and not ignore_errors:
        raise CheckFailed(result.errors)
    return result
