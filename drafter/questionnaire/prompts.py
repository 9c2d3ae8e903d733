"""Terminal prompts: questionary/prompt_toolkit wrapped with Chinese instructions.

`Prompter` is the only place that talks to the terminal. Tests hand it a prompt_toolkit pipe
input and a `DummyOutput`, and a rich `Console` writing to a buffer.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Sequence

SELECT_HELP = "（↑↓ 选择，回车确认）"
CHECKBOX_HELP = "（↑↓ 移动，空格 勾选或取消，回车确认）"
MULTILINE_HELP = "（可分多段；按 Esc 再按回车 结束输入；Ctrl-X Ctrl-E 打开编辑器；输入 @文件路径 读取文本文件）"
FILE_PREFIX = "@"

Validator = Callable[[str], "str | None"]  # returns a Chinese error message, or None when fine


def read_text_file(name: str) -> str:
    """The text of a file named after "@": UTF-8 (with or without BOM) or GBK."""
    path = Path(name.strip()).expanduser()
    if not path.is_file():
        raise ValueError(f"找不到文件 {path}")
    raw = path.read_bytes()
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
    ) -> str:
        """Free text; `files`: "@路径" reads a text file instead. Re-asks while `validate` objects."""
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

        if multiline and instruction is None:
            instruction = MULTILINE_HELP
        elif multiline:
            instruction = f"{instruction}\n{MULTILINE_HELP}"
        self.prompts += 1
        answer = questionary.text(
            message,
            default=default,
            instruction=instruction or "",
            multiline=multiline,
            validate=check,
            enable_open_in_editor=True,
            **self._io,
        ).unsafe_ask()
        return resolve(answer)

    def select(
        self,
        message: str,
        choices: Sequence[tuple[str, Any]],
        *,
        default: Any = None,
        instruction: str | None = None,
    ) -> Any:
        """One of `choices` ((title, value) pairs); Enter takes `default` (or the first)."""
        import questionary

        options = [questionary.Choice(title, value=value) for title, value in choices]
        chosen = next((option for option in options if option.value == default), options[0])
        self.prompts += 1
        return questionary.select(
            message,
            choices=options,
            default=chosen,
            instruction=instruction or SELECT_HELP,
            **self._io,
        ).unsafe_ask()

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
        chosen = questionary.checkbox(
            message,
            choices=options,
            instruction=instruction or CHECKBOX_HELP,
            erase_when_done=True,  # questionary would print "done (3 selections)": say it in Chinese instead
            **self._io,
        ).unsafe_ask()
        titles = [title for title, value in choices if value in chosen]
        self.show(f"? {message} " + ("、".join(titles) if len(titles) <= 3 else f"已选 {len(titles)} 项"))
        return chosen

    def confirm(self, message: str, *, default: bool) -> bool:
        """Yes or no, as a two-line choice (是 / 否) so every word on screen is Chinese."""
        return self.select(message, [("是", True), ("否", False)], default=default)
