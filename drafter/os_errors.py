"""An operating-system error in the clerk's language: what a message puts in its brackets
("无法写入 草稿.docx（磁盘已满）"). The system's own text (`strerror`) is English on Linux,
macOS and in the Windows C runtime, so it is never shown; the words are templates/os_errors.yaml's.
"""

from __future__ import annotations

import errno as errno_names


def os_reason(error: OSError) -> str:
    """Chinese words for `error`: by its Windows error number, else its errno, else "系统错误 EXXX"."""
    words = _words()
    winerror = getattr(error, "winerror", None)
    if winerror in words["winerror"]:
        return words["winerror"][winerror]
    name = errno_names.errorcode.get(error.errno) if isinstance(error.errno, int) else None
    if name in words["errno"]:
        return words["errno"][name]
    return f"系统错误 {name}" if name else "系统错误"


def _words() -> dict:
    from .datafile import load_data

    try:
        data = load_data("os_errors.yaml")
        return {"errno": dict(data["errno"]), "winerror": {int(k): v for k, v in data["winerror"].items()}}
    except Exception:  # noqa: BLE001 - a message about a failure must not fail itself
        return {"errno": {}, "winerror": {}}
