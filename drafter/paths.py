"""Where the bundled templates and data live, in a source checkout and once installed."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def templates_dir() -> Path:
    """The folder holding official.docx, catalogue.yaml and wording.yaml.

    Installed, it is the `drafter/templates` package data; in a checkout, the
    top-level `templates/` beside the package.
    """
    here = Path(__file__).resolve().parent
    for candidate in (here / "templates", here.parent / "templates"):
        if (candidate / "catalogue.yaml").is_file():
            return candidate
    raise FileNotFoundError("drafter's templates folder is missing; reinstall drafter")


def template_path(name: str, answers_dir: Path | None = None) -> Path:
    """A template named in the answers file: a bundled name ("official") or a path to a .docx.

    A relative path is relative to the answers file's folder (`answers_dir`), like any path
    written in a file; without one, to the current folder.
    """
    if name.endswith(".docx"):
        path = Path(name).expanduser()
        return path if path.is_absolute() or answers_dir is None else answers_dir / path
    return templates_dir() / f"{name}.docx"


def backup_path(path: Path, number: int = 1, now: "dt.datetime | None" = None) -> Path:
    """草稿.docx → 草稿.bak-20260301-0930.docx (number 2: …-0930-2.docx); still opens by double-click.

    A backup is never overwritten: drafter.fs tries the next number while the name is taken.
    """
    import datetime as dt

    path = Path(path)
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M")
    counter = f"-{number}" if number > 1 else ""
    return path.with_name(f"{path.stem}.bak-{stamp}{counter}{path.suffix}")


def backup_name(path: Path) -> str:
    """How a message names the backup-to-be: 汇总.xlsx → 汇总.bak-年月日-时分.xlsx."""
    path = Path(path)
    return f"{path.stem}.bak-年月日-时分{path.suffix}"


def display(path: Path | str) -> str:
    """A path fit for a message: an undecodable (non-UTF-8) byte shows as �, never crashes."""
    import os

    return os.fsencode(str(path)).decode("utf-8", "replace")
