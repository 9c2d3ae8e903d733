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


def template_path(name: str) -> Path:
    """A template named in the answers file: a bundled name ("official") or a path to a .docx."""
    if name.endswith(".docx"):
        return Path(name).expanduser()
    return templates_dir() / f"{name}.docx"
