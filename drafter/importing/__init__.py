"""`drafter import`: last year's report (.docx, .txt, .md, in any of the styles clerks use) into
an answers file. The part and heading recogniser is the checker's (`drafter.recognise`).

    builder  places every sentence of the body in the answers (nothing is dropped)
    figures  finds the catalogue's indicators in sentences (patterns: templates/import_patterns.yaml)
    text     punctuation, sentence splitting, "一是…二是…" runs, lead sentences
    output   the answers file with its review comments, and the summary printed after an import
"""

from .builder import ImportResult, import_command, import_report
from .output import write_answers

__all__ = ["ImportResult", "import_command", "import_report", "write_answers"]
