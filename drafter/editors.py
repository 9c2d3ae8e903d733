"""Whether a document is open in Word, WPS or LibreOffice, told by the lock file each leaves beside it.

Word and WPS write an "owner file" `~$草稿.docx` while a document is open (for a name longer
than six characters Word replaces its first one or two characters: `~$ficeReport.docx` for
OfficeReport.docx); LibreOffice writes `.~lock.草稿.docx#`. Replacing the file under an open
editor loses the draft the clerk is editing (the editor saves its copy over ours, or Windows
refuses the rename halfway), so a draft is never written while such a file is there.
"""

from __future__ import annotations

import os
from pathlib import Path

from .errors import DraftOpen


def editor_lock(path: Path | str) -> Path | None:
    """The lock file of an editor that has `path` open, or None."""
    path = Path(path)
    name = path.name
    candidates = [f"~${name}", f".~lock.{name}#"]
    if len(path.stem) > 6:
        candidates += [f"~${name[1:]}", f"~${name[2:]}"]
    folder = os.fspath(path.parent)
    for candidate in candidates:
        lock = os.path.join(folder, candidate)  # as strings: a draft probes four names, each time
        if os.path.isfile(lock):
            return Path(lock)
    return None


def refuse_if_open(path: Path | str) -> None:
    """Refuse (DraftOpen) to replace a document an editor has open, whatever the flags."""
    lock = editor_lock(path)
    if lock is not None:
        raise DraftOpen(Path(path), lock)
