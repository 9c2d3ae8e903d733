"""The process's standard streams, made safe for any terminal, pipe or closed descriptor.

- A closed stdout or stderr (`drafter check --json >&-`) becomes a sink instead of None.
- A reader that goes away (`drafter check … | head -1`) no longer breaks the command: the
  rest of the output is dropped and the command ends with its own exit code.
- A character the terminal's encoding cannot show (an emoji on a GBK console, a file name
  that is not UTF-8) is replaced instead of raising; `unshowable` tells which, so a command
  printing a document can say so.
"""

from __future__ import annotations

import errno
import io
import os
import sys

_GONE = {errno.EPIPE, errno.EBADF, errno.EINVAL}


class _PipeSafe(io.RawIOBase):
    """A file descriptor whose writes are dropped, not raised, once the reader has gone."""

    def __init__(self, fd: int) -> None:
        super().__init__()
        self._fd = fd
        self.gone = False

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._fd

    def isatty(self) -> bool:
        try:
            return os.isatty(self._fd)
        except OSError:
            return False

    def write(self, data) -> int:
        size = len(data)
        if self.gone:
            return size
        try:
            return os.write(self._fd, data)
        except OSError as error:
            if error.errno not in _GONE:
                raise
            self.gone = True
            return size

    def close(self) -> None:  # the descriptor belongs to the process, not to this object
        self.gone = True
        super().close()


def guard_streams() -> None:
    """Make sys.stdout and sys.stderr safe (see the module text); idempotent."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115 - lives as long as the process
            continue
        if stream is not getattr(sys, f"__{name}__") or getattr(stream, "_drafter_guarded", False):
            if hasattr(stream, "reconfigure") and not _utf8(stream):
                stream.reconfigure(errors="replace")
            continue  # a test runner's capture, or done already
        if os.name != "posix":  # the Windows console writes Unicode itself: only stop encoding errors
            if hasattr(stream, "reconfigure"):
                stream.reconfigure(errors="replace")
            continue
        try:
            fd = stream.fileno()
            stream.flush()
        except (OSError, ValueError, AttributeError):
            continue
        safe = io.TextIOWrapper(io.BufferedWriter(_PipeSafe(fd)), encoding=stream.encoding or "utf-8",
                                errors="replace", line_buffering=stream.line_buffering or name == "stderr")
        safe._drafter_guarded = True  # type: ignore[attr-defined]
        setattr(sys, name, safe)


def _utf8(stream) -> bool:
    return (getattr(stream, "encoding", None) or "").lower().replace("-", "") in ("utf8", "utf8sig")


def markup_safe(value: object) -> str:
    """Text from the clerk (a path, a unit name, a sentence, a message quoting them) made safe to
    put inside rich markup: "[/b]" in a file name prints as written instead of raising MarkupError."""
    from rich.markup import escape

    return escape(str(value))


def unshowable_note(chars: list[str], stream=None) -> str:
    """What to tell the clerk when `chars` were replaced on the terminal."""
    stream = stream if stream is not None else sys.stdout
    encoding = (getattr(stream, "encoding", None) or "?").upper()
    shown = "、".join(f"U+{ord(c):04X}" for c in chars[:5]) + ("等" if len(chars) > 5 else "")
    return (f"当前终端的编码（{encoding}）无法显示 {len(chars)} 种字符（{shown}，如表情符号），输出中已替换为“?”；"
            "要保留原样，请用 -o 文件名 导出（UTF-8）")


def unshowable(text: str, stream=None) -> list[str]:
    """The distinct characters of `text` that `stream`'s encoding (default stdout) cannot show."""
    stream = stream if stream is not None else sys.stdout
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        text.encode(encoding)
        return []
    except UnicodeEncodeError:
        pass
    except LookupError:
        return []
    seen: dict[str, None] = {}
    for char in text:
        if char not in seen:
            try:
                char.encode(encoding)
            except UnicodeEncodeError:
                seen[char] = None
    return list(seen)
