"""The `drafter` command line, kept thin: each command builds its options and calls one
function, which returns the exit code and raises a typed error (drafter.errors) for anything
the user must fix. `_Group.invoke` is the one place that turns either into the exit, and an
error into its Chinese message. Heavy modules are imported inside the commands, so
`drafter --help` stays fast."""

from __future__ import annotations

import functools
import sys
from pathlib import Path

import click

from . import clicktext
from .errors import UserError

clicktext.install()  # before the commands are declared: the version message is read then


class _Group(clicktext.Group):
    """Exits with the command's exit code; a UserError anywhere below becomes one Chinese message and its code."""

    # --help lists the commands in the order a clerk meets them, not alphabetically.
    ORDER = ("new", "import", "figures", "render", "check", "pdf", "export", "summary", "template", "schema")

    def list_commands(self, ctx: click.Context) -> list[str]:
        names = super().list_commands(ctx)
        return sorted(names, key=lambda name: self.ORDER.index(name) if name in self.ORDER else len(self.ORDER))

    def invoke(self, ctx: click.Context):
        from . import echo

        try:
            status = super().invoke(ctx)
        except UserError as error:
            echo.tell("error", str(error))
            status = error.exit_code
        except KeyboardInterrupt:
            echo.say("\n已中断。", err=True)
            status = 130
        except Exception as error:  # a bug: a Chinese message and a saved report, never a traceback
            from .crash import crashed

            status = crashed(error)
        ctx.exit(status or 0)


@click.group("drafter", cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="drafter")
def main() -> None:
    """起草法治政府建设年度报告：回答问卷或编辑答卷文件，生成符合公文格式的 Word 草稿。"""
    _tolerate_legacy_console()


def run() -> None:
    """The `drafter` program (console script and `python -m drafter`): `main`, then the exit."""
    try:
        main()
    finally:
        # Exiting, Python would garbage-collect every object of the process first (25 ms after
        # a draft, a tenth of a cold `drafter render`); the operating system frees them anyway.
        # Every file is written and closed by now, and atexit handlers still run.
        import gc

        gc.disable()
        gc.freeze()


def _draft_flags(command):
    """--overwrite, --ignore-check and --force (both at once), for the commands that write a checked draft.

    The command receives `overwrite` and `ignore_check`; --force only sets both.
    """

    @functools.wraps(command)
    def with_flags(*args, overwrite: bool, ignore_check: bool, force: bool, **kwargs):
        return command(*args, overwrite=overwrite or force, ignore_check=ignore_check or force, **kwargs)

    for option in (
        click.option("--force", is_flag=True, help="同时相当于 --overwrite 和 --ignore-check"),
        click.option("--ignore-check", is_flag=True, help="检查发现错误时仍然生成"),
        click.option("--overwrite", is_flag=True, help="覆盖已有的草稿（原文件保留为备份）"),
    ):
        with_flags = option(with_flags)
    return with_flags


def _overwrite_flag(help: str):
    """--overwrite (also spelt --force) for a command whose only risk is replacing a file."""
    return click.option("--overwrite", "--force", "overwrite", is_flag=True, help=help)


def _tolerate_legacy_console() -> None:
    """A GBK console, a closed stdout or a pipe closed early (`| head`) never crash a command."""
    from .console import guard_streams

    guard_streams()


@main.command()
@click.argument("files", nargs=-1, required=True, metavar="文件...", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="每个文件输出一行 JSON（JSON Lines）")
def check(files: tuple[Path, ...], as_json: bool) -> int:
    """检查答卷文件或已有报告（.yaml / .docx / .txt / .md）是否齐全、规范、数字自洽。"""
    from .check.command import run

    return run([str(f) for f in files], as_json)


@main.command()
@click.argument("answers", nargs=-1, required=True, metavar="答卷文件...", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), help="草稿 .docx 的路径（默认：与答卷同名）")
@click.option("--out-dir", type=click.Path(path_type=Path), help="多份答卷时草稿的输出文件夹（默认：与各答卷放在一起）")
@click.option("--pdf", is_flag=True, help="同时用 LibreOffice 生成同名 PDF")
@click.option("-j", "--jobs", type=click.IntRange(min=1), metavar="进程数", help="批量生成的并行进程数（默认：CPU 核数）")
@_draft_flags
def render(answers: tuple[Path, ...], output: Path | None, out_dir: Path | None, pdf: bool, jobs: int | None,
           overwrite: bool, ignore_check: bool) -> int:
    """由答卷文件生成报告草稿（.docx）。可一次给出多份：drafter render answers/*.yaml --out-dir drafts/

    草稿正在 Word、WPS 或 LibreOffice 中打开时不会写入（无论加了哪个选项），请先关闭。"""
    from .draft_commands import RenderOptions, render_command

    return render_command(RenderOptions(answers, output=output, out_dir=out_dir, pdf=pdf, jobs=jobs,
                                        overwrite=overwrite, ignore_check=ignore_check))


@main.command()
@click.argument("draft", metavar="草稿.docx", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), help="PDF 的路径（默认：与草稿同名）")
@_overwrite_flag("覆盖已有的 PDF（原文件保留为备份）")
def pdf(draft: Path, output: Path | None, overwrite: bool) -> int:
    """把（已在 Word/WPS 中修改过的）草稿 .docx 转成 PDF，供网站发布。需要 LibreOffice。"""
    from .pdf import pdf_command

    return pdf_command(draft, output, force=overwrite)


@main.command()
@click.argument("answers", metavar="答卷文件", type=click.Path(path_type=Path))
@click.option("--md", "markdown", is_flag=True, help="导出 Markdown（.md）")
@click.option("--html", "html", is_flag=True, help="导出独立的 HTML 网页（.html）")
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="输出文件（默认：与答卷同名；只导出一种格式时可用，“-”表示打印到屏幕）")
@_draft_flags
def export(answers: Path, markdown: bool, html: bool, output: Path | None, overwrite: bool, ignore_check: bool) -> int:
    """导出网站发布用的文本（Markdown 或 HTML），内容与草稿一致。"""
    from .draft_commands import export_command

    return export_command(answers, markdown=markdown, html=html, output=output, overwrite=overwrite,
                          ignore_check=ignore_check)


@main.command()
@click.argument("answers", nargs=-1, required=True, metavar="答卷文件...", type=click.Path(path_type=Path))
@click.option("--csv", "csv_path", type=click.Path(path_type=Path), help="写入 CSV 文件（UTF-8，Excel 可直接打开）")
@click.option("--xlsx", "xlsx_path", type=click.Path(path_type=Path), help="写入 Excel 文件（.xlsx）")
@click.option("--skip-invalid", is_flag=True, help="跳过有错误的答卷，仍生成其余单位的汇总表")
@click.option("--all-columns", is_flag=True, help="列出目录中的全部指标（默认只列至少一个单位填报的）")
@click.option("-j", "--jobs", type=click.IntRange(min=1), metavar="进程数", help="并行进程数（默认：CPU 核数）")
@_overwrite_flag("覆盖已有的汇总表（原文件保留为备份）")
def summary(answers: tuple[Path, ...], csv_path: Path | None, xlsx_path: Path | None, skip_invalid: bool,
            all_columns: bool, jobs: int | None, overwrite: bool) -> int:
    """汇总多个单位的数据（每单位一行，含比率、合计和填报单位数），供司法局统计。"""
    from .summary import summary_command

    return summary_command(answers, csv_path=csv_path, xlsx_path=xlsx_path, skip_invalid=skip_invalid,
                           jobs=jobs, force=overwrite, all_columns=all_columns)


@main.command("new")
@click.option("--year", type=click.IntRange(2000, 2100), metavar="年度", help="报告年度（默认按日期和答卷文件夹确定：上半年为上一年，下半年为当年）")
@click.option("--from", "source", type=click.Path(path_type=Path), help="沿用的答卷；示例或别的单位的答卷只借用写法（默认：答卷文件夹中上一年的答卷）")
@click.option("--dir", "folder", type=click.Path(path_type=Path), default=Path("answers"), show_default=True, help="答卷文件夹")
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="草稿 .docx 的路径（默认：当前文件夹中的“<年度>年度法治政府建设情况报告（草稿）.docx”）")
@click.option("--defaults", is_flag=True, help="有默认值的问题一律采用默认值，不再询问")
@click.option("--no-input", is_flag=True, help="从不提问；缺少必填内容时列出并以非零状态退出")
@click.option("--restart", is_flag=True, help="丢弃上次未完成的进度，重新回答")
@_draft_flags
def new(**options) -> int:
    """交互式问卷：沿用去年的答卷，生成今年的答卷和报告草稿。"""
    from .questionnaire.command import NewOptions, run_new

    return run_new(NewOptions(**options))


@main.command()
@click.argument("answers", metavar="答卷文件", type=click.Path(path_type=Path))
@click.option("-o", "--output", metavar="数据表", type=click.Path(path_type=Path), help="导出数据表（CSV 或 Excel 表格）")
@click.option("--fill", metavar="数据表", type=click.Path(path_type=Path), help="把填好的数据表（CSV 或 Excel 表格）的“今年”一列写回答卷")
@click.option("--force", is_flag=True, help="覆盖已有的数据表（原文件保留为 .bak）")
def figures(answers: Path, output: Path | None, fill: Path | None, force: bool) -> int:
    """数据表：列出答卷里的每一项数据（键名、名称、单位、去年、今年、原句），或把填好的表格写回答卷。"""
    from .figures.table import figures_command

    return figures_command(answers, output=output, fill=fill, force=force)


@main.command()
@click.option("-o", "--output", type=click.Path(path_type=Path), help="写入文件（默认：打印到屏幕）")
@_overwrite_flag("覆盖已有的其他文件（原文件保留为备份）")
def schema(output: Path | None, overwrite: bool) -> int:
    """输出答卷文件的 JSON Schema（供编辑器自动补全）。drafter new 和 import 会自动写在答卷旁边。"""
    from .schema import schema_command

    return schema_command(output, force=overwrite)


@main.group()
def template() -> None:
    """检查 Word 模板（.docx）。"""


@template.command("check")
@click.argument("template_file", metavar="模板.docx", type=click.Path(path_type=Path))
def template_check(template_file: Path) -> int:
    """列出模板中无法解析的标签、被拆开的标签、drafter 不提供的变量和模板未用到的字段。"""
    from .templatecheck import template_command

    return template_command(template_file)


@main.command("import")
@click.argument("report", metavar="报告（.docx/.txt/.md）", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), help="答卷文件路径（默认：answers/<年度>.yaml）")
@click.option("--year", type=click.IntRange(2000, 2100), metavar="年度", help="报告年度（默认：从标题和正文识别）")
@_overwrite_flag("覆盖已有的答卷文件（原文件保留为备份）")
def import_command(report: Path, output: Path | None, year: int | None, overwrite: bool) -> int:
    """把已有的报告（Word、文本）导入为答卷文件，供 drafter new --from 和 drafter render 使用。"""
    from .importing import import_command as run_import

    return run_import(report, output, year=year, force=overwrite)
