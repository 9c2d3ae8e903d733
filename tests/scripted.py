"""Drive `drafter new` without a terminal: keys into a prompt_toolkit pipe, output to a buffer.

Used by the questionnaire tests (and handy for trying a change by hand). All keys are queued before the
run and the pipe is closed, so a script that is too short ends the run with EOFError (exit
130, "interrupted") instead of hanging; a thread with a timeout guards against anything else.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import threading
from dataclasses import dataclass
from typing import Any

ENTER = "\r"
DOWN = "\x1b[B"
UP = "\x1b[A"
SPACE = " "
BACKSPACE = "\x7f"
CTRL_C = "\x03"
CTRL_U = "\x15"  # erase the line before the cursor (to replace a default text)
SUBMIT = "\x1b\r"  # Esc, Enter: ends a multi-line answer

_KEY = re.compile(r"\x1b\[[0-9;]*[A-Za-z]|[\s\S]")


def keystrokes(keys: str) -> int:
    """How many keys a script presses: an arrow key is one, Esc-Enter two, each typed character one."""
    return len(_KEY.findall(keys))


@dataclass
class Scripted:
    code: int | None
    output: str  # what the run printed (rich console), prompts excluded
    prompts: int  # how many prompts were shown
    questions: int  # how many questions were put (a list editor counts once)
    error: BaseException | None = None


def run_scripted(keys: str | list[str], options: Any, *, timeout: float = 60, width: int = 200, height: int = 400,
                 today: dt.date | None = None) -> Scripted:
    """Run `drafter new` with `options` (a NewOptions), typing `keys`, on a console `width` × `height`
    (tall by default: the review is one page; tests of paging pass 24)."""
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput
    from rich.console import Console

    from drafter.questionnaire import command
    from drafter.questionnaire.prompts import Prompter

    keys = "".join(keys) if isinstance(keys, list) else keys
    buffer = io.StringIO()
    result: dict[str, Any] = {}
    with create_pipe_input() as pipe:
        pipe.send_text(keys)
        pipe.close()
        ui = Prompter(input=pipe, output=DummyOutput(), console=Console(file=buffer, width=width, height=height, color_system=None))

        def target() -> None:
            try:
                result["code"] = command.run_new(options, ui=ui, terminal=True, today=today)
            except BaseException as error:  # noqa: BLE001 - handed to the test
                result["error"] = error

        thread = threading.Thread(target=target, daemon=True)
        thread.start()
        thread.join(timeout)
        if thread.is_alive():
            raise TimeoutError(f"drafter new did not finish within {timeout} s; output so far:\n{buffer.getvalue()}")
    return Scripted(result.get("code"), buffer.getvalue(), ui.prompts, ui.questions, result.get("error"))
