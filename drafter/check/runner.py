"""Run the rules on a text source, a list of paragraphs, or loaded answers (reading files:
drafter.check.files)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Mapping, Sequence

from drafter.check.context import CheckDocument
from drafter.check.findings import ERROR, INFO, WARNING, Finding
from drafter.check.rules import CheckRules, load_check_rules
from drafter.recognise import Structure, StructurePatterns, recognise, structure_patterns

if TYPE_CHECKING:  # pragma: no cover
    from drafter.answers import LoadedAnswers
    from drafter.document import ComposedDocument
    from drafter.model import Report
    from drafter.wording import WrittenSentence


def _rule_modules() -> list[Callable[[CheckDocument], None]]:
    from drafter.check import figures, headings, layout, live_figures, names, norms, parts, years

    return [parts.check, headings.check, norms.check, years.check, names.check, figures.check, live_figures.check, layout.check]


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
    patterns: StructurePatterns | None = None,
    published: Any = None,
    written: Mapping[str, WrittenSentence] | None = None,
) -> CheckResult:
    """Check a report given as paragraphs (strings or SourceParagraph objects).

    ``year`` overrides the year found in the text; ``kind`` "docx" with a ``source`` enables
    the layout rules, "answers" skips the checks that only make sense for a finished document;
    ``written``: the figure sentences of a draft just composed, by their text.
    """
    patterns = patterns or structure_patterns()
    # an answers file's text: its year is given, so the weak year clues would go unread
    structure = recognise(paragraphs, year=year, patterns=patterns, published=published,
                          weak_year_clues=not (kind == "answers" and year is not None))
    if kind != "answers":  # a report as written: combined parts as real reports have them
        from drafter.reading.parts import headless_part1, settle_combined

        settle_combined(structure)
        headless_part1(structure)
    doc = CheckDocument(
        path=path,
        kind=kind,
        structure=structure,
        rules=rules or load_check_rules(),
        patterns=patterns,
        source=source,
        written=written or {},
    )
    findings = run_rules(doc)
    return CheckResult(file=path, kind=kind, year=structure.year, parts=structure.kinds(), findings=findings, structure=structure)


def check_source(source: Any, *, year: int | None = None) -> CheckResult:
    """Check a :class:`drafter.textsource.TextSource`, its page chrome and broken lines cleaned
    first (drafter.reading.cleanup)."""
    from drafter.reading.cleanup import clean_source

    cleaned = clean_source(source.paragraphs)
    return check_paragraphs(cleaned.paragraphs, year=year, kind=source.kind, path=str(source.path), source=source,
                            published=cleaned.published)


def check_loaded(loaded: LoadedAnswers, *, path: str) -> CheckResult:
    """Check loaded answers: the loader's warnings and the answers rules that need the draft
    (each naming its line), then the text the report composes to."""
    from drafter.check.draft import check_draft
    from drafter.check.live_figures import carried_numbers
    from drafter.document import compose

    report = loaded.report
    composed = compose(report)
    result = check_composed(report, composed, path=path)
    answers_findings = check_draft(report, composed) + carried_numbers(loaded)
    warnings = [loaded.told(f.loc, f.message) for f in answers_findings if f.severity != INFO]
    result.findings[:0] = [Finding("answers.warning", WARNING, w) for w in warnings + loaded.warnings]
    return result


def check_composed(report: Report, composed: ComposedDocument, *, path: str = "<草稿>") -> CheckResult:
    """Check the text a report composes to (used by check, render and new), taking its figure
    sentences as compose wrote them."""
    written = {sentence.text: sentence for home in composed.figure_sentences.values() for sentence in home}
    return check_paragraphs(composed.paragraphs(), year=report.year, kind="answers", path=path, written=written)
