"""The one way a draft is made: answers → composed text → check → rendered output → file.

`drafter render` (one file or a batch), `drafter new` and `drafter export` all call
`make_draft`; each says only where to write and how to show what happened. The steps
are imported when a draft is made, so the CLI starts light.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Sequence

if TYPE_CHECKING:
    from .check.runner import CheckResult
    from .document import ComposedDocument
    from .model import Report

Write = Callable[[str, bytes, Path, bool], "Path | None"]
"""`write(fmt, data, path, overwrite)` writes one output and returns the backup it kept."""

Tell = Callable[[str, str], None]
"""`tell(kind, text)`: kind is "note" or "warning" (from reading the answers file), or
"error" / "warning" (from the check before writing); `drafter.echo.tell` prints them."""


def quiet(kind: str, text: str) -> None:
    """A `Tell` that shows nothing."""


@dataclass
class Written:
    fmt: str
    path: Path | None  # None: printed on standard output
    backup: Path | None = None  # the previous file, kept


@dataclass
class Draft:
    """What `make_draft` did: the report, its text, the check, the files written."""

    report: Report
    composed: ComposedDocument
    check: CheckResult
    written: list[Written] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # from reading the answers file
    warnings: list[str] = field(default_factory=list)


def make_draft(source: Path | str | Report, targets: Sequence[tuple[str, Path | None]], *, overwrite: bool = False,
               ignore_check: bool = False, tell: Tell = quiet, answers_dir: Path | None = None,
               replace: Callable[[Path], None] | None = None, write: Write | None = None) -> Draft:
    """Read `source` (an answers file, or a report already read), compose, check, then render
    and write each (format, path) of `targets`.

    `tell` hears the answers file's notes and warnings, then the check's findings, as they
    come. The check's errors refuse the draft (CheckFailed) unless `ignore_check`. A path of None
    prints the text (md, html). An existing file is refused (OutputExists) unless `overwrite`,
    or unless `replace(path)`, asked before rendering, returns (it raises to refuse). A draft
    open in Word, WPS or LibreOffice is refused whatever the flags (DraftOpen).
    `answers_dir` resolves a relative template path when `source` is a report. `write`
    replaces the atomic write of a file (a batch hands it to a thread, see drafter.batch).
    """
    from .check.gate import check_before_writing
    from .document import compose
    from .editors import refuse_if_open
    from .fs import check_output
    from .model import Report

    notes: list[str] = []
    warnings: list[str] = []
    if isinstance(source, Report):
        report = source
    else:
        from .answers import load_answers

        loaded = load_answers(source)
        report, notes, warnings, answers_dir = loaded.report, list(loaded.notes), list(loaded.warnings), loaded.path.parent
        for note in notes:
            tell("note", note)
        for warning in warnings:
            tell("warning", warning)
    composed = compose(report)
    result = check_before_writing(report, composed, ignore_errors=ignore_check, echo=tell)
    draft = Draft(report, composed, result, notes=notes, warnings=warnings)
    for fmt, path in targets:
        exists = path is not None and check_output(Path(path))  # a link, folder, device or too long a name: refused
        if fmt == "docx" and path is not None:
            refuse_if_open(path)  # before asking whether to replace it
        replacing = overwrite
        if path is not None and replace is not None and not overwrite and exists:
            replace(Path(path))
            replacing = True
        data = _render(fmt, report, composed, answers_dir)
        if path is None:
            from .echo import raw

            raw(data.decode("utf-8"))
            draft.written.append(Written(fmt, None))
            continue
        draft.written.append(Written(fmt, Path(path), (write or write_output)(fmt, data, Path(path), replacing)))
    return draft


def _render(fmt: str, report: Report, composed: ComposedDocument, answers_dir: Path | None) -> bytes:
    """The Word draft ("docx") or a website text ("md", "html", see drafter.export)."""
    if fmt == "docx":
        from .render import render_report

        return render_report(report, composed, answers_dir=answers_dir)
    from .export import export_text

    return export_text(composed, fmt).encode("utf-8")


def write_output(fmt: str, data: bytes, path: Path, overwrite: bool) -> Path | None:
    """Write atomically, keeping an existing file as a backup; return the backup's path."""
    if fmt == "docx":
        from .render import write_docx  # refuses a .yaml name: the answers file is not a draft

        return write_docx(data, path, overwrite=overwrite)
    from .fs import atomic_write_bytes

    return atomic_write_bytes(path, data, overwrite=overwrite, backup=True)
