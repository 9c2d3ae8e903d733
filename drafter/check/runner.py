"""Run the rules on one file or on a list of paragraphs."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Sequence

from drafter.check.context import CheckDocument
from drafter.check.findings import ERROR, INFO, WARNING, Finding
from drafter.check.rules import CheckRules, load_check_rules
from drafter.recognise import Structure, StructureRules, load_rules, recognise

ANSWERS_SUFFIXES = (".yaml", ".yml")


def _rule_modules() -> list[Callable[[CheckDocument], None]]:
    from drafter.check import figures, headings, layout, norms, parts, years

    return [parts.check, headings.check, norms.check, years.check, figures.check, layout.check]


@dataclass
class CheckResult:
    """The findings of one file."""

    file: str
    kind: str
    year: int | None
    parts: list[str]
    findings: list[Finding] = field(default_factory=list)
    structure: Structure | None = field(default=None, repr=False)

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    @property
    def errors(self) -> int:
        return self.count(ERROR)

    @property
    def warnings(self) -> int:
        return self.count(WARNING)

    @property
    def infos(self) -> int:
        return self.count(INFO)

    def to_json(self) -> dict:
        return {
            "file": self.file,
            "year": self.year,
            "parts": list(self.parts),
            "findings": [f.to_json() for f in self.findings],
        }


def run_rules(doc: CheckDocument) -> list[Finding]:
    for rule in _rule_modules():
        rule(doc)
    return sorted(doc.findings, key=lambda f: f.sort_key)


def check_paragraphs(
    paragraphs: Sequence[Any],
    *,
    year: int | None = None,
    kind: str = "text",
    path: str = "<文本>",
    source: Any = None,
    rules: CheckRules | None = None,
    structure_rules: StructureRules | None = None,
) -> CheckResult:
    """Check a report given as paragraphs (strings or SourceParagraph objects).

    ``year`` overrides the year found in the text; ``kind`` "docx" with a ``source`` enables
    the layout rules, "answers" skips the checks that only make sense for a finished document.
    """
    srules = structure_rules or load_rules()
    structure = recognise(paragraphs, year=year, rules=srules)
    doc = CheckDocument(
        path=path,
        kind=kind,
        structure=structure,
        rules=rules or load_check_rules(),
        srules=srules,
        source=source,
    )
    findings = run_rules(doc)
    return CheckResult(file=path, kind=kind, year=structure.year, parts=structure.kinds(), findings=findings, structure=structure)


def check_source(source: Any, *, year: int | None = None) -> CheckResult:
    """Check a :class:`drafter.textsource.TextSource`."""
    return check_paragraphs(source.paragraphs, year=year, kind=source.kind, path=str(source.path), source=source)


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
    from drafter.document import compose
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
    result = check_composed(loaded.report, compose(loaded.report), path=str(path))
    result.findings[:0] = [Finding("answers.warning", WARNING, w) for w in loaded.warnings]
    return result


def check_composed(report: Any, composed: Any, *, path: str = "<草稿>") -> CheckResult:
    """Check the text a report composes to (used by check, render and new)."""
    return check_paragraphs(composed.paragraphs(), year=report.year, kind="answers", path=path)
