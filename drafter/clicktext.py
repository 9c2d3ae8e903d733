"""click's own text (usage lines, help headings, error messages) in Chinese.

click marks every string it shows with gettext (`_()` and `ngettext()`, imported into each of
its modules). gettext's usual set-up, a compiled catalogue chosen by the LANGUAGE/LANG
environment, would leave the frame English wherever the locale is not Chinese (a Windows
clerk's machine sets none), so drafter gives click a translation object of its own, read from
templates/click_zh.yaml, as the `_` and `ngettext` of those modules. `install()` runs before the
commands are defined: some strings (the version message) are read when they are declared.
"""

from __future__ import annotations

import gettext

# click's modules that call _() or ngettext()
CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "shell_completion", "termui",
                 "types", "utils", "_termui_impl")


class ClickCatalogue(gettext.NullTranslations):
    """The Chinese of each click string; a string not in the catalogue stays as it is."""

    def __init__(self, messages: dict[str, str]) -> None:
        super().__init__()
        self.messages = messages

    def gettext(self, message: str) -> str:
        return self.messages.get(message, message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.gettext(singular if n == 1 else plural)


def catalogue() -> ClickCatalogue:
    from .datafile import load_data

    return ClickCatalogue(load_data("click_zh.yaml"))


def install() -> None:
    """Make click speak Chinese in this process."""
    import importlib

    translations = catalogue()
    for name in CLICK_MODULES:
        try:
            module = importlib.import_module(f"click.{name}")
        except ImportError:  # a platform-specific module (click._winconsole…) or a future rename
            continue
        if hasattr(module, "_"):
            module._ = translations.gettext
        if hasattr(module, "ngettext"):
            module.ngettext = translations.ngettext


# ---------------------------------------------------------------- layout of Chinese help

import unicodedata  # noqa: E402

import click  # noqa: E402


def display_width(text: str) -> int:
    """Columns `text` takes in a terminal: a Chinese character (or full-width sign) takes two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


# Signs a Chinese line never starts with: they stay at the end of the line before.
_NO_LINE_START = set("，。、；：？！）》」』”’…")


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most `width` columns; a run of Latin letters, digits and signs is kept whole."""
    import re

    lines: list[str] = []
    line = ""
    for token in re.findall(r"[!-~]+|\s+|.", text):
        if display_width(line + token) > width and line.strip() and token not in _NO_LINE_START:
            lines.append(line.rstrip())
            line = token.lstrip()
        else:
            line += token
    if line.strip():
        lines.append(line.rstrip())
    return lines


class Formatter(click.HelpFormatter):
    """click's help layout measured in terminal columns (Chinese takes two), headings with "："."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, click.formatting._("Usage:") if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{heading}：\n")

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        rows = list(rows)
        widths = [display_width(first) for first, _ in rows]
        first_col = min(max(widths, default=0), col_max) + col_spacing
        text_width = max(self.width - first_col - self.current_indent, 20)
        for (first, second), width in zip(rows, widths):
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            if width <= first_col - col_spacing:
                self.write(" " * (first_col - width))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            lines = wrap(second, text_width) or [""]
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write(f"{'':>{first_col + self.current_indent}}{line}\n")

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        paragraphs = [" ".join(paragraph.split()) for paragraph in text.split("\n\n")]
        width = max(self.width - self.current_indent, 20)
        self.write("\n\n".join("\n".join(indent + line for line in wrap(p, width)) for p in paragraphs if p) + "\n")


class Context(click.Context):
    formatter_class = Formatter


class Command(click.Command):
    """A command whose frame is Chinese: "[选项]" in its usage, a missing argument told in Chinese."""

    context_class = Context

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("options_metavar", "[选项]")
        super().__init__(*args, **kwargs)

    def get_short_help_str(self, limit: int = 45) -> str:
        """The first sentence of the help (click would cut Chinese at `limit` characters)."""
        if self.short_help or not self.help:
            return super().get_short_help_str(limit)
        first = self.help.strip().split("\n\n")[0]
        return " ".join(first.split("。")[0].split()) + ("。" if "。" in first else "")

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except click.MissingParameter as error:
            # click's sentence would end in an English full stop after the quoted name
            if isinstance(error.param, click.Argument):
                raise click.UsageError(f"缺少参数“{error.param.make_metavar(ctx).rstrip('.')}”", ctx) from None
            raise click.UsageError(f"缺少选项 {error.param.opts[-1]}", ctx) from None


class Group(click.Group):
    """A group of such commands: "用法：drafter [选项] 命令 [参数]..."."""

    context_class = Context
    command_class = Command

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("options_metavar", "[选项]")
        kwargs.setdefault("subcommand_metavar", "命令 [参数]...")
        super().__init__(*args, **kwargs)

    get_short_help_str = Command.get_short_help_str

    def resolve_command(self, ctx: click.Context, args: list[str]):
        try:
            return super().resolve_command(ctx, args)
        except click.NoSuchCommand as error:
            # click joins its two sentences with a space and quotes the names with '…'
            hint = "、".join(f"“{name}”" for name in error.possibilities or ())
            message = f"没有“{error.command_name}”这个命令" + (f"，是否想输入{hint}？" if hint else "。")
            raise click.UsageError(message, ctx) from None


Group.group_class = Group
