"""Terminal prompts: questionary/prompt_toolkit wrapped with Chinese instructions.

`Prompter` is the only place that talks to the terminal. Tests hand it a prompt_toolkit pipe
input and a `DummyOutput`, and a rich `Console` writing to a buffer.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Callable, Sequence

SELECT_HELP = "（↑↓ 或数字键选择，回车确认）"
CHECKBOX_HELP = "（↑↓ 移动，空格 勾选或取消，回车确认）"
MULTILINE_HELP = "（可分多段；按 Esc 再按回车 结束输入；Ctrl-X Ctrl-E 打开编辑器；输入 @文件路径 读取文本文件）"
CLEAR_HELP = "Ctrl-U 清空重写"
BACK_HELP = "任何一题按 PgUp（上翻页键）回到上一题"
FILE_PREFIX = "@"
KEEP_KEYS = ("=", "＝")  # the one key that keeps last year's value (half- and full-width, as a Chinese IME types it)
MAX_SHORTCUTS = 9  # choices a digit selects (1–9)


class StepBack(Exception):
    """The clerk pressed PgUp: go back to the previous question."""


def _bindings(*, keep: Callable[[Any], None] | None = None, clear: bool = False):
    """The keys every prompt shares: PgUp steps back; `keep` is called by "="; Ctrl-U clears the text."""
    from prompt_toolkit.filters import Condition
    from prompt_toolkit.key_binding import KeyBindings

    bindings = KeyBindings()

    @bindings.add("pageup", eager=True)
    def _back(event) -> None:
        event.app.exit(exception=StepBack())

    if keep is not None:
        empty = Condition(lambda: _current_text() == "")
        for key in KEEP_KEYS:
            bindings.add(key, eager=True, filter=empty)(lambda event: keep(event))
    if clear:
        @bindings.add("c-u", eager=True)
        def _clear(event) -> None:
            event.current_buffer.text = ""
    return bindings


def _current_text() -> str:
    from prompt_toolkit.application import get_app

    buffer = get_app().current_buffer
    return buffer.text if buffer is not None else ""


def _with_bindings(question: Any, bindings: Any) -> Any:
    """Add `bindings` to a questionary question's application (they win over its own)."""
    from prompt_toolkit.key_binding import merge_key_bindings

    app = question.application
    app.key_bindings = merge_key_bindings([app.key_bindings, bindings]) if app.key_bindings else bindings
    return question

Validator = Callable[[str], "str | None"]  # returns a Chinese error message, or None when fine


def read_text_file(name: str) -> str:
    """The text of a file named after "@": UTF-8 (with or without BOM) or GBK."""
    from ..errors import UserError
    from ..safe_read import TEXT_LIMIT, read_bytes

    path = Path(name.strip()).expanduser()
    try:
        raw = read_bytes(path, limit=TEXT_LIMIT, what="文本文件")
    except UserError as error:
        raise ValueError(str(error)) from None
    if b"\x00" in raw[:8192]:
        raise ValueError(f"{path} 不是文本文件（Word 文件请先另存为“纯文本”）")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValueError(f"{path} 的编码无法识别，请另存为 UTF-8")


class Prompter:
    """Asks one thing at a time. `input`/`output` go to prompt_toolkit (None: the terminal)."""

    interactive = True

    def __init__(self, *, input: Any = None, output: Any = None, console: Any = None) -> None:
        from rich.console import Console

        self._io = {key: value for key, value in (("input", input), ("output", output)) if value is not None}
        self.console = console or Console(highlight=False)
        self.prompts = 0  # prompts shown (for the keystroke count in the docs)
        self.questions = 0  # questions put (a list editor with its menus counts once); kept by the session

    # -------------------------------------------------------------- output

    def show(self, *renderables: Any, style: str | None = None) -> None:
        """Print to the console. Strings are shown as they are (no rich markup: a clerk's "[" stays)
        and not wrapped (a path stays whole)."""
        self.console.print(*renderables, style=style, markup=False, soft_wrap=all(isinstance(r, str) for r in renderables))

    # -------------------------------------------------------------- prompts

    def text(
        self,
        message: str,
        *,
        default: str = "",
        instruction: str | None = None,
        multiline: bool = False,
        validate: Validator | None = None,
        files: bool = False,
        keep: str | None = None,
    ) -> str:
        """Free text; `files`: "@路径" reads a text file instead. Re-asks while `validate` objects.
        `keep`: the text "=" submits at once on an empty line (last year's value)."""
        import questionary

        def resolve(raw: str) -> str:
            if files and raw.strip().startswith(FILE_PREFIX):
                return read_text_file(raw.strip()[len(FILE_PREFIX):])
            return raw

        def check(raw: str) -> bool | str:
            try:
                value = resolve(raw)
            except ValueError as error:
                return str(error)
            problem = validate(value) if validate else None
            return problem or True

        if default:
            instruction = f"{instruction}（{CLEAR_HELP}）" if instruction else CLEAR_HELP
        if multiline and instruction is None:
            instruction = MULTILINE_HELP
        elif multiline:
            instruction = f"{instruction}\n{MULTILINE_HELP}"
        self.prompts += 1

        def keep_text(event) -> None:
            event.current_buffer.text = keep
            event.current_buffer.validate_and_handle()

        question = questionary.text(
            message,
            default=default,
            instruction=instruction or "",
            multiline=multiline,
            validate=check,
            enable_open_in_editor=True,
            **self._io,
        )
        _with_bindings(question, _bindings(keep=keep_text if keep is not None else None, clear=True))
        answer = question.unsafe_ask()
        return resolve(answer)

    def select(
        self,
        message: str,
        choices: Sequence[tuple[str, Any]],
        *,
        default: Any = None,
        instruction: str | None = None,
        keep: Any = None,
    ) -> Any:
        """One of `choices` ((title, value) pairs); Enter takes `default` (or the first), a digit
        moves to that choice; `keep` (a choice's value): "=" takes it at once."""
        import questionary

        options = [questionary.Choice(title, value=value) for title, value in choices]
        chosen = next((option for option in options if option.value == default), options[0])
        self.prompts += 1
        question = questionary.select(
            message,
            choices=options,
            default=chosen,
            instruction=instruction or SELECT_HELP,
            use_shortcuts=len(options) <= MAX_SHORTCUTS,
            use_jk_keys=False,  # j/k would move the choice while a clerk types ahead
            **self._io,
        )
        kept = None if keep is None else (lambda event: event.app.exit(result=keep))
        return _with_bindings(question, _bindings(keep=kept)).unsafe_ask()

    def checkbox(
        self,
        message: str,
        choices: Sequence[tuple[str, Any]],
        *,
        checked: Sequence[Any] = (),
        instruction: str | None = None,
    ) -> list[Any]:
        import questionary

        options = [questionary.Choice(title, value=value, checked=value in checked) for title, value in choices]
        self.prompts += 1
        question = questionary.checkbox(
            message,
            choices=options,
            instruction=instruction or CHECKBOX_HELP,
            erase_when_done=True,  # questionary would print "done (3 selections)": say it in Chinese instead
            **self._io,
        )
        chosen = _with_bindings(question, _bindings()).unsafe_ask()
        titles = [title for title, value in choices if value in chosen]
        self.show(f"? {message} " + ("、".join(titles) if len(titles) <= 3 else f"已选 {len(titles)} 项"))
        return chosen

    def discard_typeahead(self) -> bool:
        """Drop keys typed before a question the clerk did not expect (a confirmation): typed
        ahead for the next figure, they must not answer this one. True when some were dropped.
        Only in a real terminal (tests script every key on purpose)."""
        if "input" in self._io:
            return False
        try:
            import select
            import termios
        except ImportError:  # Windows: no typeahead to drop this way
            return False
        from prompt_toolkit.input import create_input
        from prompt_toolkit.input.typeahead import get_typeahead

        dropped = bool(get_typeahead(create_input()))  # read by the last prompt but not handled
        try:
            fd = sys.stdin.fileno()
            dropped |= bool(select.select([fd], [], [], 0)[0])
            termios.tcflush(fd, termios.TCIFLUSH)
        except (OSError, ValueError, termios.error):
            pass
        return dropped

    def confirm(self, message: str, *, default: bool) -> bool:
        """Yes or no, as a two-line choice (是 / 否) so every word on screen is Chinese."""
        return self.select(message, [("是", True), ("否", False)], default=default)
