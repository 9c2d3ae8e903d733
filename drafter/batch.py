"""Many answers files at once: parallel over all cores, a progress bar, a summary table.

A bad answers file is reported and the others still render; the exit code is non-zero
when any failed. Drafts are made in worker processes (`drafter.pool`). PDFs are made afterwards, several drafts per LibreOffice process, one
LibreOffice per core.
"""

from __future__ import annotations

import os
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from . import echo
from .collector import collector_paused
from .errors import ActionFailed, OutputExists, SameOutput, Unexpected, UserError
from .fs import refuse_existing
from .pool import default_jobs, parallel_map

# Up to this many files, the summary lists every file; above it, only the failures.
FULL_TABLE_LIMIT = 30
# Answers files a worker takes at a time (fewer when the batch is small, so all cores share it).
CHUNK = 16
# Threads that write a worker's drafts. A draft's write waits for the disk twice (fsync of the
# file, then of its folder) and, between its system calls, for the rendering thread to let go
# of the interpreter: measured beside renders of 4.4 ms, one writer fell behind (60 drafts on
# disk 270–280 ms after the last render); four, whose waits overlap, 10 ms after it.
WRITERS = 4


@dataclass
class Outcome:
    """What happened to one answers file."""

    answers: Path
    docx: Path | None = None
    pdf: Path | None = None
    error: str | None = None
    exit_code: int = 0
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.error is None

    def failed(self, error: UserError, details: Iterable[str] = ()) -> "Outcome":
        """Record `error` (its message, then `details` as bullets, and its exit code)."""
        self.error = "\n".join([str(error), *(f"· {text}" for text in details)])
        self.exit_code = error.exit_code
        return self


@dataclass
class BatchResult:
    outcomes: list[Outcome]
    seconds: float
    jobs: int

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.ok]

    @property
    def exit_code(self) -> int:
        return max((o.exit_code or 1 for o in self.failed), default=0)


@collector_paused(keep=True)  # all it builds is kept (drafter.collector); the workers fork with it frozen
def _warm_up(sample: tuple[str, str, bool, bool] | None = None) -> None:
    """Import the heavy modules, read the catalogues and prepare the bundled template: done in
    the parent before the workers fork, so they start with all of it (elsewhere, once each).

    Given a `sample` job, its draft is also made in memory (nothing written), so that whatever a
    draft imports or reads lazily (the answers model, the rules' patterns…) is ready too."""
    from .catalogue import catalogue
    from .check.gate import check_before_writing  # noqa: F401  (the check rules)
    from .check.rules import load_check_rules
    from .paths import template_path
    from .pipeline import make_draft
    from .prepared import prepared
    from .recognise import structure_patterns
    from .wording import sentence_groups

    catalogue()
    sentence_groups()
    load_check_rules()
    structure_patterns()
    prepared(template_path("official"))
    if sample is not None:
        answers, output, _, _ = sample
        try:
            make_draft(answers, [("docx", Path(output))], ignore_check=True, write=lambda *args: None)
        except Exception:  # noqa: BLE001 - its worker reports this file's problem
            pass


# ---------------------------------------------------------------- rendering


def _render_job(job: tuple[str, str, bool, bool], write=None) -> Outcome:
    """One answers file through the draft pipeline, as `drafter render FILE` does; never raises.
    `write` replaces the pipeline's own write (see `_render_chunk`)."""
    from .pipeline import make_draft

    answers, output, overwrite, ignore_check = job
    started = time.perf_counter()
    outcome = Outcome(Path(answers))
    told: list[tuple[str, str]] = []  # the answers file's warnings, then the check's findings
    try:
        make_draft(answers, [("docx", Path(output))], overwrite=overwrite, ignore_check=ignore_check,
                   tell=lambda kind, text: told.append((kind, text)), write=write)
        outcome.docx = Path(output)
        outcome.warnings = [f"{'错误（已按 --ignore-check 生成）' if kind == 'error' else ''}{text}"
                            for kind, text in told if kind != "note"]
    except UserError as error:
        outcome.failed(error, [text for kind, text in told if kind == "error"])
    except Exception as error:  # noqa: BLE001 - one broken file must not stop the batch
        outcome.failed(Unexpected(error))
    outcome.seconds = time.perf_counter() - started
    return outcome


def _render_chunk(jobs: list[tuple[str, str, bool, bool]]) -> list[Outcome]:
    """Worker: several answers files in turn. Each draft is written (atomically, with its fsyncs
    waiting on the disk) by one of `WRITERS` threads while the next ones render; a file that
    cannot be written fails alone. Never raises."""
    from concurrent.futures import ThreadPoolExecutor

    from .pipeline import write_output

    outcomes: list[tuple[Outcome, list]] = []
    with ThreadPoolExecutor(max_workers=WRITERS) as writer:
        for job in jobs:
            writes: list = []
            outcome = _render_job(job, lambda *args, writes=writes: writes.append(writer.submit(write_output, *args)))
            outcomes.append((outcome, writes))
        for outcome, writes in outcomes:
            for write in writes:
                try:
                    write.result()
                except UserError as error:
                    outcome.docx, outcome.warnings = None, []
                    outcome.failed(error)
                except Exception as error:  # noqa: BLE001
                    outcome.docx, outcome.warnings = None, []
                    outcome.failed(Unexpected(error))
    return [outcome for outcome, _ in outcomes]


def plan_outputs(answers: Iterable[Path], out_dir: Path | None) -> list[tuple[Path, Path]]:
    """(answers, .docx) pairs: into `out_dir` under the answers' name, or beside each answers file.

    The same answers file named twice is rendered once.
    """
    pairs, seen = [], set()
    for path in answers:
        path = Path(path)
        key = os.path.normcase(os.path.abspath(path))
        if key in seen:
            continue
        seen.add(key)
        pairs.append((path, (out_dir / path.name).with_suffix(".docx") if out_dir else path.with_suffix(".docx")))
    return pairs


def render_many(answers: list[Path], *, out_dir: Path | None = None, overwrite: bool = False,
                ignore_check: bool = False, pdf: bool = False, jobs: int | None = None, console=None) -> BatchResult:
    """Render every answers file; failures are collected, never raised (except for the whole batch)."""
    started = time.perf_counter()
    if out_dir is not None:
        if out_dir.exists() and not out_dir.is_dir():
            raise UserError(f"{out_dir} 不是文件夹，请用 --out-dir 指定一个文件夹")
        out_dir.mkdir(parents=True, exist_ok=True)
    soffice = None
    if pdf:
        from .pdf import require_soffice

        soffice = require_soffice()  # before anything is written
    pairs = plan_outputs(answers, out_dir)
    outcomes: dict[Path, Outcome] = {}
    jobs_list: list[tuple[str, str, bool, bool]] = []
    claimed: dict[str, Path] = {}
    for source, target in pairs:
        key = os.path.normcase(os.path.abspath(target))
        if key in claimed:
            outcomes[source] = Outcome(source).failed(SameOutput(target, claimed[key]))
            continue
        claimed[key] = source
        if pdf:
            try:
                refuse_existing(target.with_suffix(".pdf"), overwrite)
            except UserError as error:
                outcomes[source] = Outcome(source).failed(error)
                continue
        jobs_list.append((str(source), str(target), overwrite, ignore_check))
    jobs = max(1, min(jobs or default_jobs(), len(jobs_list) or 1))
    if jobs_list:
        _warm_up(jobs_list[0] if jobs > 1 and len(jobs_list) > 1 else None)  # no pool: nothing to share
    chunk = max(1, min(CHUNK, len(jobs_list) // (jobs * 4)))
    for outcome in parallel_map(_render_chunk, jobs_list, jobs=jobs, description="生成草稿", console=console,
                                initializer=_warm_up, chunk=chunk):
        outcomes[outcome.answers] = outcome
    if pdf:
        _make_pdfs([outcomes[Path(job[0])] for job in jobs_list if outcomes[Path(job[0])].ok],
                   soffice=soffice, overwrite=overwrite, jobs=jobs, console=console)
    ordered = [outcomes[source] for source, _ in pairs]
    return BatchResult(ordered, time.perf_counter() - started, jobs)


def _make_pdfs(done: list[Outcome], *, soffice: str, overwrite: bool, jobs: int, console) -> None:
    """PDFs for the rendered drafts: `jobs` LibreOffice processes, each converting a share."""
    if not done:
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from .fs import atomic_write_bytes
    from .pdf import convert_to_pdf

    chunks = [done[i::jobs] for i in range(min(jobs, len(done)))]
    counts = [0] * len(chunks)
    with Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TextColumn("用时"),
                  TimeElapsedColumn(), console=console or Console(stderr=True)) as progress:
        task = progress.add_task("转换 PDF", total=len(done))

        def convert(number: int) -> dict:
            def seen(count: int) -> None:
                counts[number] = count
                progress.update(task, completed=sum(counts))

            return convert_to_pdf([o.docx for o in chunks[number]], soffice=soffice, progress=seen)

        with ThreadPoolExecutor(max_workers=len(chunks)) as pool:
            futures = {pool.submit(convert, number): number for number in range(len(chunks))}
            for future in as_completed(futures):
                chunk = chunks[futures[future]]
                try:
                    converted = future.result()
                except UserError as error:
                    converted = {o.docx: str(error) for o in chunk}
                for outcome in chunk:
                    result = converted.get(outcome.docx, "LibreOffice 未返回结果")
                    if isinstance(result, str):
                        outcome.failed(ActionFailed(f"草稿已生成，但 PDF 转换失败：{result}"))
                        continue
                    target = outcome.docx.with_suffix(".pdf")
                    try:
                        atomic_write_bytes(target, result, overwrite=overwrite, backup=True)
                        outcome.pdf = target
                    except UserError as error:
                        outcome.failed(error)
        progress.update(task, completed=len(done))


# ---------------------------------------------------------------- summary table


def print_summary(result: BatchResult) -> None:
    """A table of the outcomes (every file for small batches, the failures for large ones) and totals."""
    from rich.table import Table

    from .console import markup_safe as safe

    outcomes = result.outcomes
    failed = result.failed
    shown = outcomes if len(outcomes) <= FULL_TABLE_LIMIT else failed
    if shown:
        title = "生成结果" if shown is outcomes else f"未能生成的答卷（{len(failed)} 份）"
        table = Table(title=title, show_lines=bool(failed), title_justify="left")
        table.add_column("答卷文件", overflow="fold")
        table.add_column("结果", no_wrap=True)
        table.add_column("输出文件 / 原因", overflow="fold")
        for outcome in shown:
            if outcome.ok:
                files = "、".join(safe(p) for p in (outcome.docx, outcome.pdf) if p)
                note = f"（警告 {len(outcome.warnings)} 条）" if outcome.warnings else ""
                table.add_row(safe(outcome.answers), "[green]成功[/]", files + note)
            else:
                table.add_row(safe(outcome.answers), "[red]失败[/]", safe(outcome.error or ""))
        echo.table(table, wide_when_piped=True)
    warned = [o for o in outcomes if o.ok and o.warnings]
    for outcome in warned[:FULL_TABLE_LIMIT]:
        for warning in outcome.warnings:
            echo.tell("warning", warning, where=outcome.answers, err=False)
    done = len(outcomes) - len(failed)
    rate = len(outcomes) / result.seconds if result.seconds > 0 else 0.0
    echo.say(f"共 {len(outcomes)} 份答卷：成功 {done} 份，失败 {len(failed)} 份；"
             f"用时 {result.seconds:.1f} 秒（{rate:.0f} 份/秒，{result.jobs} 个进程）", colour="red" if failed else "green")
