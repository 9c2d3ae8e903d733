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

from .builder import import_report
from .command import import_command
from .output import write_answers
from .state import ImportResult

__all__ = ["ImportResult", "import_command", "import_report", "write_answers"]
