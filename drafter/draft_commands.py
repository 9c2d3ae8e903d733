"""`drafter render` (one answers file, or many through drafter.batch) and `drafter export`:
options in, the draft pipeline (drafter.pipeline), lines out (drafter.echo), an exit code back."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import echo
from .collector import collector_paused
from .errors import OutputExists, UserError


@dataclass
class RenderOptions:
    answers: tuple[Path, ...]
    output: Path | None = None
    out_dir: Path | None = None
    pdf: bool = False
    jobs: int | None = None
    overwrite: bool = False  # replace an existing draft (kept as a backup)
    ignore_check: bool = False  # write despite the check's errors


def render_command(options: RenderOptions) -> int:
    """One answers file → its draft (and PDF); several, or --out-dir → the batch and its table."""
    if len(options.answers) > 1 or options.out_dir is not None:
        return _render_many(options)
    from .pipeline import make_draft

    (answers,) = options.answers
    output = options.output or answers.with_suffix(".docx")
    if options.pdf:
        from .pdf import check_target, pdf_path_for, require_soffice

        require_soffice()
        check_target(pdf_path_for(output), options.overwrite)
    with collector_paused(keep=True):  # the process's one draft: kept to the exit, which collects nothing (cli.run)
        draft = make_draft(answers, [("docx", output)], overwrite=options.overwrite, ignore_check=options.ignore_check,
                           tell=echo.tell)
    backup = draft.written[0].backup
    if backup:
        echo.say(f"原草稿已备份为 {backup}")
    echo.done(f"已生成草稿：{output}")
    if options.pdf:
        from .pdf import write_pdf

        pdf_file, pdf_backup = write_pdf(output, force=options.overwrite)
        if pdf_backup:
            echo.say(f"原 PDF 已备份为 {pdf_backup}")
        echo.done(f"已生成 PDF：{pdf_file}")
    return 0


def _render_many(options: RenderOptions) -> int:
    """`drafter render A.yaml B.yaml … [--out-dir DIR]`: render all, print the summary."""
    from .batch import print_summary, render_many

    if options.output is not None:
        raise UserError("一次生成多份草稿时不能用 -o 指定单个文件，请改用 --out-dir 指定输出文件夹")
    result = render_many(list(options.answers), out_dir=options.out_dir, overwrite=options.overwrite,
                         ignore_check=options.ignore_check, pdf=options.pdf, jobs=options.jobs)
    print_summary(result)
    return result.exit_code


_FORMAT_NAMES = {"md": "Markdown", "html": "HTML 网页"}


def export_command(answers: Path, *, markdown: bool, html: bool, output: Path | None, overwrite: bool = False,
                   ignore_check: bool = False) -> int:
    """`drafter export`: the website text in the requested formats ("-o -": on standard output).

    Existing files are refused before anything is read; the text is for publication, so it
    gets the same check as the draft (errors refuse unless --ignore-check).
    """
    from .export import default_output, format_of
    from .pipeline import make_draft

    to_stdout = output is not None and str(output) == "-"
    formats = [fmt for fmt, wanted in (("md", markdown), ("html", html)) if wanted]
    if not formats:
        guessed = format_of(output) if output is not None and not to_stdout else None
        if guessed is None:
            raise UserError("请指定导出格式：--md（Markdown）或 --html（网页），可同时指定")
        formats = [guessed]
    if output is not None and len(formats) > 1:
        raise UserError("同时导出 Markdown 和 HTML 时不能用 -o 指定单个文件；去掉 -o 将生成与答卷同名的 .md 和 .html")
    targets = [(fmt, None if to_stdout else output or default_output(Path(answers), fmt)) for fmt in formats]
    from .fs import refuse_existing

    for _, target in targets:
        if target is not None:
            refuse_existing(target, overwrite)
    draft = make_draft(answers, targets, overwrite=overwrite, ignore_check=ignore_check, tell=echo.tell)
    for written in draft.written:
        if written.path is None:
            continue
        if written.backup:
            echo.done(f"原文件已备份为 {written.backup}")
        echo.done(f"已导出 {_FORMAT_NAMES[written.fmt]}：{written.path}")
    return 0
