"""`drafter new`: find last year's answers, run the questionnaire, write the answers file and the draft."""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import DraftNotReplaced, UserError
from .carry import Sources, answers_by_year, is_example, load_sources, reuse_policy
from .flow import Assembled, Flow, Mode, Session, assemble
from .progress import Progress, progress_path
from .prompts import Prompter
from .context import Context
from .prompts import StepBack
from .review import choose, render_review, review_lines, review_pages
from .year import choose_year

INTERRUPTED = 130
HEADER_COMMENT = "法治政府建设年度报告答卷（由 drafter new 生成，可以直接编辑；drafter render 可重新生成草稿）"


@dataclass
class NewOptions:
    year: int | None = None
    source: Path | None = None
    folder: Path = Path("answers")
    output: Path | None = None
    defaults: bool = False
    no_input: bool = False
    overwrite: bool = False
    ignore_check: bool = False
    restart: bool = False


def run_new(options: NewOptions, *, ui: Prompter | None = None, terminal: bool | None = None,
            today: dt.date | None = None) -> int:
    """Run `drafter new`; returns the exit code (0, or 130 after Ctrl-C). `ui`/`terminal` are for tests."""
    ui = ui or Prompter()
    terminal = sys.stdin.isatty() if terminal is None else terminal
    today = today or dt.date.today()
    mode: Mode = "interactive"
    if options.no_input:
        mode = "no_input"
    elif not terminal:
        mode = "no_input"
        ui.show("标准输入不是终端：按 --no-input 处理，不提问，只使用已保存的回答和默认值。", style="yellow")
    elif options.defaults:
        mode = "defaults"

    folder = Path(options.folder)
    year, why = (options.year, None) if options.year else choose_year(folder, today)
    from ..lock import answers_lock

    if mode == "no_input" and not folder.exists():
        return _run_locked(options, ui, mode, year, folder, why)  # nothing to guard; leave no folder behind
    # Two runs on the same year's answers would overwrite each other's progress.
    with answers_lock(folder / f"{year}.yaml"):
        return _run_locked(options, ui, mode, year, folder, why)


def _run_locked(options: NewOptions, ui: Prompter, mode: Mode, year: int, folder: Path, why: str | None) -> int:
    path = progress_path(folder, year)
    if options.restart:
        path.unlink(missing_ok=True)
    progress = Progress.open(path, year, str(Path(options.source).resolve()) if options.source else None)
    source = _resume_source(progress, options.source)
    progress.writable = mode != "no_input"
    if source is not None and progress.model is None:
        progress.model = _is_model(source, folder, ui if mode == "interactive" else None)
    sources = load_sources(year, folder, source, model=bool(progress.model))

    ui.show(f"起草 {year} 年度法治政府建设情况报告（答卷：{folder / f'{year}.yaml'}）", style="bold")
    if why:
        ui.show(f"· 年度：{why}；要起草其他年度请加 --year")
    for note in sources.notes:
        ui.show(f"· {note}")
    if len(progress):
        ui.show(f"· 继续上次的问卷：已保存 {len(progress)} 项回答（{path}），从第一个未回答的问题接着问")

    review = mode == "interactive"  # the clerk confirms on the review screen
    if review and sources.base is not None:
        mode = "defaults"  # this year's file holds the answers: straight to the review, where any can be changed
        ui.show("· 直接进入复核：可以修改其中任何一项")
    session = Session(progress, None if mode == "no_input" else ui, mode)
    flow = Flow(_context(year, sources), session)
    try:
        outcome = _questionnaire(flow, session, ui, mode, year, review=review)
    except (KeyboardInterrupt, EOFError):
        ui.show(_interrupted(progress, options, year))
        return INTERRUPTED
    if outcome is None:  # paused on the review screen
        ui.show(f"已暂停：回答保存在 {path}。{_resume_hint(options, year)}")
        return 0

    answers_path = _write_answers(outcome, flow.data, folder / f"{year}.yaml", sources, ui)
    progress.discard()
    if outcome.unfilled:
        ui.show(_unfilled_message(outcome.unfilled, answers_path), style="yellow")
        return 0
    _write_draft(outcome, options, year, answers_path, ui, mode)
    return 0


def _unfilled_message(unfilled: list[tuple[tuple, str]], answers_path: Path) -> str:
    lines = [f"  {n}. {message}" for n, (_, message) in enumerate(unfilled, 1)]
    return (
        f"正文引用的 {len(unfilled)} 项数据还没有今年的数值，暂不生成草稿：\n" + "\n".join(lines)
        + f"\n填写办法：drafter figures {answers_path} -o 数据表.xlsx，填好“今年”一列后 "
        f"drafter figures {answers_path} --fill 数据表.xlsx；或直接编辑答卷。然后运行 drafter render {answers_path}"
    )


def _is_model(source: Path, folder: Path, ui: Prompter | None) -> bool:
    """Whether the --from file only lends its wording: an example, or a file of another unit than
    the answers folder's; asked when nothing tells (non-interactive: the unit's own)."""
    from ..answers import load_answers

    if is_example(source):
        return True
    name = load_answers(source, require_values=False).report.unit.name
    own = list(answers_by_year(folder).values())
    if own:
        return all(load_answers(path, require_values=False).report.unit.name != name for path in own[-1:])
    if ui is None:
        return False
    return not ui.select(
        f"{source}（{name}）是本单位以前的答卷吗？",
        [("是，本单位的答卷：沿用单位信息，其中的数字作为去年的数字", True),
         ("否，别的单位的答卷：只借用写法", False)],
        default=True,
    )


def _resume_source(progress: Progress, source: Path | None) -> Path | None:
    if progress.answers and progress.source and source is not None and Path(progress.source) != Path(source).resolve():
        raise UserError(
            f"进度文件 {progress.path} 是以 {progress.source} 为起点回答的，本次 --from 为 {source}。"
            f"接着回答请去掉 --from；要以新文件重新开始请加 --restart"
        )
    if source is None and progress.source:
        return Path(progress.source)
    return source


def _context(year: int, sources: Sources) -> Context:
    return Context(
        year=year,
        reuse=reuse_policy(),
        seed=sources.seed(),
        carried_year=sources.carried_year,
        previous_figures=sources.previous_figures(),
        figure_layout=sources.figure_layout(),
        plans=sources.checklist_plans(),
        figure_sentences=sources.figure_sentences(),
    )


def _questionnaire(flow: Flow, session: Session, ui: Prompter, mode: Mode, year: int, *, review: bool) -> Assembled | None:
    """Ask, review, edit until confirmed (`review`) or while there are errors; None when the clerk pauses."""
    while True:
        data = flow.run()
        outcome = assemble(data)
        lines = review_lines(session.records)
        if mode == "no_input":
            problems = outcome.errors + [m for m in session.missing if m[0] not in {loc for loc, _ in outcome.errors}]
            if problems:
                raise UserError(_missing_message(problems, year))
            _show_flags(ui, lines, outcome)
            return outcome
        if not review and not outcome.errors:
            render_review(ui, year, lines, outcome, flow.ctx.previous_figures)
            return outcome
        action, line = _page_through(ui, year, lines, outcome, flow.ctx.previous_figures)
        if action == "confirm":
            return outcome
        if action == "pause":
            return None
        try:
            session.prompt(line.record.question, line.record.value, line.row.focus)
        except StepBack:
            pass  # back to the review


def _page_through(ui: Prompter, year: int, lines, outcome: Assembled, previous_figures: dict) -> tuple[str, Any]:
    """Show the review a page at a time (each fits the terminal); the clerk confirms, pauses or
    picks a row to change on any page."""
    pages = review_pages(ui, year, lines, outcome, previous_figures)
    number = 0
    while True:
        for block in pages[number]:
            ui.show(block)
        try:
            action, line = choose(ui, lines, outcome, number + 1, len(pages))
        except StepBack:
            number = max(number - 1, 0)
            continue
        if action != "next":
            return action, line
        number += 1


def _where(loc: tuple) -> str:
    from ..problems import describe_loc, dotted_path

    return f"{describe_loc(loc)}，键名：{dotted_path(loc)}" if loc else "答卷"


def _missing_message(problems: list[tuple[tuple, str]], year: int) -> str:
    from ..problems import placed

    lines = [f"  {n}. {placed(loc, message) if loc else f'答卷：{message}'}" for n, (loc, message) in enumerate(problems, 1)]
    return (
        f"有 {len(problems)} 项必填内容没有答案，未写入答卷和草稿：\n" + "\n".join(lines)
        + f"\n请在终端中运行 drafter new --year {year} 回答这些问题，或用 --from 指定包含这些内容的答卷。"
    )


def _show_flags(ui: Prompter, lines, outcome: Assembled) -> None:
    for line in lines:
        for flag in line.row.flags:
            ui.show(f"留意：{line.row.label}：{flag}", style="yellow")
    for loc, message in outcome.warnings:
        ui.show(f"提醒：{message}（{_where(loc)}）", style="yellow")


def _interrupted(progress: Progress, options: NewOptions, year: int) -> str:
    if not progress.writable or (not progress.answers and not progress.pending):
        return "\n已中断，还没有保存任何回答。"
    return f"\n已中断。已保存 {len(progress)} 项回答到 {progress.path}。{_resume_hint(options, year)}"


def _resume_hint(options: NewOptions, year: int) -> str:
    command = f"drafter new --year {year}"
    if Path(options.folder) != Path("answers"):
        command += f" --dir {options.folder}"
    return f"再次运行 {command} 即可从中断处继续。"


def _commented(value):
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(value, dict):
        return CommentedMap((key, _commented(item)) for key, item in value.items())
    if isinstance(value, list):
        return CommentedSeq(_commented(item) for item in value)
    return value


def _write_answers(outcome: Assembled, data: dict, path: Path, sources: Sources, ui: Prompter) -> Path:
    """Write the answers file atomically, merged into the source's YAML so comments survive."""
    from ..answers import answers_bytes, report_data, save_answers
    from ..schema import schema_beside

    base = sources.comment_base()
    if base is None:  # a new file: the questionnaire's order of keys (key, title, items, figures)
        base = _commented(data)
    if not base.ca.comment:
        base.yaml_set_start_comment(HEADER_COMMENT)
    from ..fs import check_output
    from ..safe_read import ANSWERS_LIMIT, read_bytes

    tree = report_data(outcome.report, base)
    modeline = schema_beside(path)  # also repairs an older file's modeline into site-packages
    if check_output(path) and read_bytes(path, limit=ANSWERS_LIMIT, what="答卷文件") == answers_bytes(
            path, tree, modeline=modeline):
        ui.show(f"答卷没有变化：{path}")
        return path
    save_answers(path, tree, modeline=modeline)
    ui.show(f"已保存答卷：{path}", style="green")
    return path


def _write_draft(outcome: Assembled, options: NewOptions, year: int, answers_path: Path, ui: Prompter, mode: Mode) -> None:
    """The draft pipeline, as `drafter render` runs it (check errors stop it unless --ignore-check);
    an existing draft is replaced only when the clerk agrees."""
    from ..paths import backup_name
    from ..pipeline import make_draft

    def show(kind: str, text: str) -> None:
        ui.show(f"检查：{text}", style="red" if kind == "error" else "yellow")

    def replace(out: Path) -> None:
        if mode == "no_input" or not ui.confirm(f"草稿 {out} 已存在，覆盖吗？（原文件另存为 {backup_name(out)}）",
                                                default=True):
            raise DraftNotReplaced(out, answers_path)

    out = Path(options.output) if options.output else Path(reuse_policy().draft_filename(year))
    draft = make_draft(outcome.report, [("docx", out)], overwrite=options.overwrite,
                       ignore_check=options.ignore_check, tell=show,
                       answers_dir=answers_path.parent, replace=replace)
    backup = draft.written[0].backup
    if backup:
        ui.show(f"原草稿已备份为 {backup}")
    ui.show(f"已生成草稿：{out}", style="green")
