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
    """Check an answers file: validation problems, then the text it composes to.

    A file that cannot be read or parsed is unreadable (UserError, exit 2); one that
    reads but does not validate gives error findings (exit 1).
    """
    from drafter.answers import load_answers, parse_yaml, read_text
    from drafter.errors import InvalidAnswers

    p = Path(path)
    text, _, _ = read_text(p)
    data = parse_yaml(text, p)
    try:
        loaded = load_answers(p)
    except InvalidAnswers as exc:
        year = data.get("year") if isinstance(data.get("year"), int) else None
        finding = Finding("answers.invalid", ERROR, str(exc), fix="按提示修改答卷文件后再检查")
        return CheckResult(file=str(path), kind="answers", year=year, parts=[], findings=[finding])
    return check_loaded(loaded, path=str(path))
