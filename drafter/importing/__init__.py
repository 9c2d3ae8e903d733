"""`drafter import`: last year's report (.docx, .txt, .md, in any of the styles clerks use) into
an answers file. The part and heading recogniser is the checker's (`drafter.recognise`).

    builder   runs the stages on one report (nothing of the body is dropped)
    state     what the stages pass to each other (ImportState) and return (ImportResult)
    segment, place, harvest, topics, metadata, assemble, notes, fidelity, comments: the stages
    figures   finds the catalogue's indicators in sentences (patterns: templates/import_patterns.yaml)
    text      punctuation, sentence splitting, "一是…二是…" runs, lead sentences
    output    writing the answers file, and the summary printed after an import
    command   the `drafter import` command
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from .builder import import_report
    from .command import import_command
    from .output import write_answers
    from .state import ImportResult

# Imported when first asked for: the check reads sentences with .figures alone, and should not
# pay for the importer's stages.
_HOMES = {"import_report": "builder", "import_command": "command", "write_answers": "output", "ImportResult": "state"}
__all__ = ["ImportResult", "import_command", "import_report", "write_answers"]


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        return getattr(import_module(f"{__name__}.{_HOMES[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
