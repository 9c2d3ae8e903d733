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


def backup_path(path: Path) -> Path:
    """草稿.docx → 草稿.bak.docx (still opens in Word by double-click)."""
    return path.with_name(f"{path.stem}.bak{path.suffix}")
