"""The result of every check rule (on a report's text or on an answers report): a :class:`Finding`."""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"
INFO = "info"
SEVERITIES = (ERROR, WARNING, INFO)  # most severe first


@dataclass(frozen=True)
class Finding:
    """One problem found in one place of a report.

    ``part`` is the part kind ("measures", …) the paragraph belongs to, ``paragraph`` its
    1-based position among the non-blank paragraphs of the file (web-page lines included),
    ``excerpt`` a short quote that locates it; all three are None for document-wide findings.
    ``line`` is the line in a .txt/.md file (blank lines counted), else None. ``loc`` is the
    field's place in an answers file (("measures", 0, "figures", "penalty_cases")) for the
    answers rules (drafter.check.consistency), else empty.
    """

    rule: str  # e.g. "text.approx_after_exact"
    severity: str  # "error" | "warning" | "info"
    message: str  # Chinese, one sentence
    fix: str = ""  # Chinese, one line
    part: str | None = None
    paragraph: int | None = None
    excerpt: str | None = None
    line: int | None = None
    loc: tuple = ()

    def to_json(self) -> dict:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "part": self.part,
            "paragraph": self.paragraph,
            "excerpt": self.excerpt,
            "message": self.message,
            "fix": self.fix,
            "line": self.line,
        }

    @property
    def sort_key(self) -> tuple:
        return (SEVERITIES.index(self.severity), self.paragraph or 0, self.line or 0, self.rule)
