"""Every line a command prints goes through here: its kind gives its label, colour and stream.

Commands, the draft pipeline (as its `tell`) and the CLI's error handler hand their lines
to these functions. Plain lines go through click, so a clerk's "[…]" is never read as
markup; rich is imported only to show a table.
"""

from __future__ import annotations

from typing import Any

import click

# kind → (label, colour); these lines go to standard error, beside the command's results
KINDS = {"note": ("提示", "cyan"), "warning": ("警告", "yellow"), "error": ("错误", "red")}


def tell(kind: str, text: str, *, where: Any = None, err: bool = True) -> None:
    """`提示：…`, `警告：…` or `错误：…`; `where` (a file) goes in brackets after the label."""
    label, colour = KINDS[kind]
    place = f"（{where}）" if where is not None else ""
    click.secho(f"{label}{place}：{text}", fg=colour, err=err)


def done(text: str, *, err: bool = False) -> None:
    """What was made ("已生成草稿：…"): one green line."""
    click.secho(text, fg="green", err=err)


def say(text: str, *, colour: str | None = None, bold: bool = False, err: bool = False) -> None:
    """Any other line."""
    click.secho(text, fg=colour, bold=bold, err=err)


def raw(text: str) -> None:
    """Text asked for on standard output (`-o -`), exactly as it is; a character the terminal
    cannot show (an emoji on a GBK console) is replaced, and a note says which."""
    from .console import unshowable, unshowable_note

    click.echo(text, nl=False)
    missing = unshowable(text)
    if missing:
        tell("note", unshowable_note(missing))


def table(renderable: Any, *, err: bool = False, wide_when_piped: bool = False) -> None:
    """A rich table. `wide_when_piped`: into a log or a pipe, long lines rather than names
    folded across rows."""
    from rich.console import Console

    console = Console(stderr=err)
    if wide_when_piped and not console.is_terminal:
        console = Console(stderr=err, width=400)
    console.print(renderable)
