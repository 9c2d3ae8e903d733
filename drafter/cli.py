"""The `drafter` command line. Heavy modules are imported inside the commands, so
`drafter --help` stays fast."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .errors import UserError


class _Group(click.Group):
    """Turns a UserError anywhere below into one Chinese message and its exit code."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except UserError as error:
            click.secho(f"错误：{error}", fg="red", err=True)
            ctx.exit(error.exit_code)
        except KeyboardInterrupt:
            click.echo("\n已中断。", err=True)
            ctx.exit(130)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="drafter")
def main() -> None:
    """起草法治政府建设年度报告 / draft the annual rule-of-law government report."""


def _echo_notes(notes: list[str], warnings: list[str]) -> None:
    for note in notes:
        click.secho(f"提示：{note}", fg="cyan", err=True)
    for warning in warnings:
        click.secho(f"警告：{warning}", fg="yellow", err=True)


@main.command()
@click.argument("answers", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), help="草稿 .docx 的路径（默认：与答卷同名）")
@click.option("--force", is_flag=True, help="覆盖已有的草稿（原文件保留为 .bak.docx）")
def render(answers: Path, output: Path | None, force: bool) -> None:
    """由答卷文件生成报告草稿（.docx）。"""
    from .answers import load_answers
    from .render import render_report, write_docx

    loaded = load_answers(answers)
    _echo_notes(loaded.notes, loaded.warnings)
    output = output or answers.with_suffix(".docx")
    backup = write_docx(render_report(loaded.report), output, force=force)
    if backup:
        click.echo(f"原草稿已备份为 {backup}")
    click.secho(f"已生成草稿：{output}", fg="green")


@main.command()
@click.option("-o", "--output", type=click.Path(path_type=Path), help="写入文件（默认：打印到屏幕）")
def schema(output: Path | None) -> None:
    """输出答卷文件的 JSON Schema（供编辑器自动补全）。"""
    from .schema import schema_json

    text = schema_json()
    if output is None:
        click.echo(text)
        return
    from .fs import atomic_write_text

    atomic_write_text(output, text + "\n")
    click.echo(f"已写入 {output}")


def run() -> None:  # pragma: no cover - console entry for `python -m drafter`
    main(prog_name="drafter")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
