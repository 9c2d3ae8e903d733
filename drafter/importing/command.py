"""The `drafter import` command: refuse to overwrite, import, write, print the summary."""

from __future__ import annotations

from pathlib import Path

from .. import echo
from ..errors import OutputExists
from .builder import import_report
from .output import print_summary, write_answers


def import_command(report: Path, output: Path | None, *, year: int | None = None, force: bool = False) -> int:
    """`drafter import`: refuse to overwrite (before reading when the output is given), import,
    write atomically, print the summary; the exit code."""
    from ..fs import check_output

    def refuse_existing(path: Path) -> None:
        if check_output(path) and not force:  # a folder, a link or a device is refused too
            raise OutputExists(path, what="答卷文件")

    if output is not None:
        refuse_existing(Path(output))
    result = import_report(report, year=year)
    output = Path(output) if output is not None else Path("answers") / f"{result.report.year}.yaml"
    refuse_existing(output)
    backup = write_answers(result, output, force=force)
    print_summary(result, output)
    if backup:
        echo.say(f"原答卷已备份为 {backup}")
    return 0
