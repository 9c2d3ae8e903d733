"""The one place where an unexpected exception (a bug, not the clerk's mistake) ends up.

It becomes one Chinese message on stderr, exit code 70 (EX_SOFTWARE), and a report file
with the details a maintainer needs (the traceback, the command line, the versions); the
message says where that file is. Never a traceback on the clerk's screen.

The report goes to $DRAFTER_CRASH_DIR, else the user's cache folder
(~/.cache/drafter/crash-reports, %LOCALAPPDATA%\\drafter\\crash-reports on Windows), else the
temp folder.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

EXIT_CRASH = 70
CRASH_DIR_ENV = "DRAFTER_CRASH_DIR"


def crashed(error: BaseException) -> int:
    """Tell the clerk about `error`, save the report, return the exit code (click's own exceptions go on)."""
    import click

    if isinstance(error, (click.exceptions.Exit, click.exceptions.Abort, click.ClickException)):
        raise error
    if isinstance(error, MemoryError):
        reason = "内存不足（输入的文件可能过大）"
    elif isinstance(error, RecursionError):
        reason = "内容嵌套过深"
    else:
        reason = f"程序内部错误（{type(error).__name__}）"
    try:
        saved = f"错误报告已保存到 {save_report(error)}，请把它发给维护人员。"
    except Exception as problem:  # noqa: BLE001 - the report is a courtesy; the message must still come
        saved = f"错误报告未能保存（{type(problem).__name__}）。"
    message = (f"错误：drafter 遇到{reason}，命令未完成。这不是您的操作造成的；"
               f"drafter 写文件时先写临时文件，已有的文件没有被改动。{saved}")
    try:
        click.secho(message, fg="red", err=True)
    except Exception:  # noqa: BLE001 - stderr itself may be gone
        pass
    return EXIT_CRASH


def report_folder() -> Path:
    configured = os.environ.get(CRASH_DIR_ENV)
    if configured:
        return Path(configured)
    if os.name == "nt" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "drafter" / "crash-reports"
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(cache) / "drafter" / "crash-reports"


def save_report(error: BaseException) -> Path:
    """Write the report (see the module text); return its path."""
    import datetime as dt
    import platform
    import tempfile
    import traceback

    from .fs import atomic_write_text

    try:
        from importlib.metadata import version

        drafter_version = version("drafter")
    except Exception:  # noqa: BLE001
        drafter_version = "?"
    now = dt.datetime.now()
    text = "\n".join([
        "drafter crash report",
        f"time: {now.isoformat(timespec='seconds')}",
        f"drafter: {drafter_version}",
        f"python: {sys.version.split()[0]} ({platform.platform()})",
        f"command: {' '.join(os.fsencode(a).decode('utf-8', 'replace') for a in sys.argv)}",
        f"cwd: {os.fsencode(os.getcwd()).decode('utf-8', 'replace')}",
        "",
        "".join(traceback.format_exception(type(error), error, error.__traceback__)),
    ])
    name = f"crash-{now:%Y%m%d-%H%M%S}-{os.getpid()}.txt"
    last: Exception | None = None
    for folder in (report_folder(), Path(tempfile.gettempdir()) / "drafter-crash-reports"):
        try:
            atomic_write_text(folder / name, text, overwrite=False)
            return folder / name
        except Exception as problem:  # noqa: BLE001 - try the next place
            last = problem
    raise last or OSError("no folder")
