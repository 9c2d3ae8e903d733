"""The `drafter check FILE... [--json]` command, minus its click wrapper (drafter/cli.py).

Exit code: 2 when any file cannot be read (it takes precedence), 1 when any file has an
error-level finding, else 0.

``--json`` prints JSON Lines: one object per file, one per line, in the order given::

    {"file": ..., "year": 2024, "parts": ["duty", "measures", "shortcomings", "plans"],
     "findings": [{"rule", "severity", "part", "paragraph", "excerpt", "message", "fix", "line"}]}

``parts`` lists the part kinds in the order found (only those found); ``severity`` is "error",
"warning" or "info"; ``part``/``paragraph``/``excerpt`` are null for document-wide findings;
``fix`` (one-line Chinese fix) and ``line`` (line of a .txt/.md) are extras. An unreadable
file gives ``{"file", "error": <Chinese message>, "year": null, "parts": [], "findings": []}``.
With one file the output is a single JSON object, so ``json.loads`` reads it directly.
"""

from __future__ import annotations

import sys
from typing import Any

from drafter.errors import UserError

EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2


def run(paths: list[str], as_json: bool = False, console: Any = None) -> int:
    """Check each file, print the results, return the exit code."""
    from drafter.check.files import check_path
    from drafter.check.output import Unreadable, json_lines, print_results

    results: list[Any] = []
    for path in paths:
        try:
            results.append(check_path(path))
        except UserError as exc:
            results.append(Unreadable(str(path), str(exc)))
    if as_json:
        out = console.file if console is not None else sys.stdout
        out.write(json_lines(results))
        out.flush()
    else:
        if console is None:
            from rich.console import Console

            console = Console()
        if not paths:
            console.print("[red]请给出要检查的文件。[/]")
        print_results(results, console)
    if not paths or any(isinstance(r, Unreadable) for r in results):
        return EXIT_UNREADABLE
    if any(r.errors for r in results):
        return EXIT_ERRORS
    return EXIT_OK
