"""Check a file: read a report (.docx, .txt, .md) or load an answers file, then run the rules
(drafter.check.runner is handed what was read)."""

from __future__ import annotations

from pathlib import Path

from drafter.check.findings import ERROR, Finding
from drafter.check.runner import CheckResult, check_loaded, check_source

ANSWERS_SUFFIXES = (".yaml", ".yml")


def check_path(path: str | Path) -> CheckResult:
    """Check a .docx, .txt, .md or answers .yaml file; unreadable → UserError (exit 2)."""
    p = Path(path)
    if p.suffix.lower() in ANSWERS_SUFFIXES:
        return check_answers(p)
    from drafter.textsource import read_source

    result = check_source(read_source(p))
    result.file = str(path)
    return result


def check_answers(path: str | Path) -> CheckResult:
    """Check an answers file: its problems, each on its line, or the text it composes to.

    A file that cannot be read or parsed is unreadable (UserError, exit 2); one that reads
    (once its keyboard slips are mended) but does not validate gives one error finding per
    problem (exit 1).
    """
    import re

    from drafter.answers import load_answers, read_text
    from drafter.errors import InvalidAnswers

    p = Path(path)
    try:
        loaded = load_answers(p)
    except InvalidAnswers as exc:
        if not exc.problems or not exc.parsed:
            raise
        year = re.search(r"^year:\s*(\d{4})\s*$", read_text(p)[0], re.M)
        findings = [Finding("answers.invalid", ERROR, problem.message if problem.line else problem.text,
                            line=problem.line) for problem in sorted(exc.problems, key=lambda p: p.line or 0)]
        return CheckResult(file=str(path), kind="answers", year=int(year[1]) if year else None, parts=[],
                           findings=findings)
    return check_loaded(loaded, path=str(path))
