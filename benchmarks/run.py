#!/usr/bin/env python3
"""drafter's speed benchmark (issue 7): prints a table, optionally as Markdown for the README.

    python benchmarks/run.py                 # the full run (about a minute on 2 cores)
    python benchmarks/run.py --files 200     # a smaller batch
    python benchmarks/run.py --markdown out.md

Measures, on this machine:
1. one report rendered by drafter (compose + docxtpl + layout fixes + save) against a bare
   docxtpl render of the same template and context, in the same process (target ≤ 1.5×);
2. cold start of `drafter --help` (target ≤ 0.3 s) and of `drafter render` for one report;
3. batch throughput on generated answers files, without PDF (target ≥ 50 reports/s on 2 cores);
4. `drafter check` and `drafter import` per report (target ≤ 0.2 s), when those commands exist.

The CLI runs as `python -m drafter` from this checkout (PYTHONPATH), so no install is needed;
an installed `drafter` script on PATH is timed as well.
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
EXAMPLE = REPO / "examples" / "county-urban-management-bureau.yaml"
Row = tuple[str, str, str, str, str]


# ---------------------------------------------------------------- helpers


def machine() -> dict[str, str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor() or "unknown"
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:
        cores = os.cpu_count() or 1
    try:
        from importlib.metadata import version

        docxtpl = version("docxtpl")
    except Exception:  # noqa: BLE001
        docxtpl = "?"
    try:
        load = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        load = "?"
    return {
        "load average at start (1/5/15 min)": load,
        "cores (nproc)": str(cores),
        "CPU": cpu,
        "Python": platform.python_version(),
        "OS": f"{platform.system()} {platform.release()}",
        "docxtpl": docxtpl,
    }


PYCACHE = Path(tempfile.mkdtemp(prefix="drafter-bench-pycache-"))


def env() -> dict[str, str]:
    """The CLI's environment: this checkout on PYTHONPATH, and byte-code cached (in a temp folder,
    not in the checkout) as it is for an installed package, even where PYTHONDONTWRITEBYTECODE is set."""
    out = dict(os.environ)
    out["PYTHONPATH"] = str(REPO) + (os.pathsep + out["PYTHONPATH"] if out.get("PYTHONPATH") else "")
    out.pop("PYTHONPROFILEIMPORTTIME", None)
    out.pop("PYTHONDONTWRITEBYTECODE", None)
    out["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    return out


def drafter_cmd() -> list[str]:
    return [sys.executable, "-m", "drafter"]


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_run(command: list[str], repeat: int, cwd: Path | None = None) -> tuple[float, float, subprocess.CompletedProcess]:
    """(median wall seconds, median CPU seconds) of `command`, after one untimed run (byte-code
    and disk caches), and the last result. CPU time (user + sys of the command and its children)
    hardly changes when other programs load the machine; wall time does."""
    subprocess.run(command, capture_output=True, env=env(), cwd=cwd)
    walls, cpus, result = [], [], None
    for _ in range(repeat):
        cpu = _children_cpu()
        started = time.perf_counter()
        result = subprocess.run(command, capture_output=True, env=env(), cwd=cwd)
        walls.append(time.perf_counter() - started)
        cpus.append(_children_cpu() - cpu)
    return statistics.median(walls), statistics.median(cpus), result


def per_call(func, repeat: int, warmup: int = 3) -> float:
    """Median CPU seconds of one call in this process (process_time: not inflated by other load)."""
    for _ in range(warmup):
        func()
    times = []
    for _ in range(repeat):
        started = time.process_time()
        func()
        times.append(time.process_time() - started)
    return statistics.median(times)


# ---------------------------------------------------------------- 1. render vs bare docxtpl


def bench_render(repeat: int) -> list[Row]:
    from docxtpl import DocxTemplate

    from drafter.answers import load_answers
    from drafter.document import compose
    from drafter.paths import template_path
    from drafter.render import docx_context, render_report

    report = load_answers(EXAMPLE).report
    template = template_path(report.layout.template)
    context = docx_context(compose(report))

    def bare():
        document = DocxTemplate(str(template))
        document.render(context, autoescape=True)
        document.save(io.BytesIO())

    # interleaved, best of three medians, so that a burst of other load hits both alike
    bare_t, ours_t = [], []
    for _ in range(3):
        bare_t.append(per_call(bare, max(1, repeat // 3)))
        ours_t.append(per_call(lambda: render_report(report), max(1, repeat // 3)))
    bare_s, ours_s = min(bare_t), min(ours_t)
    ratio = ours_s / bare_s
    compose_s = per_call(lambda: compose(report), repeat)
    load_s = per_call(lambda: load_answers(EXAMPLE), repeat)
    ms = lambda seconds: f"{seconds * 1000:.1f} ms"  # noqa: E731
    return [
        ("bare docxtpl render + save (same template and context)", "", ms(bare_s), "", ""),
        ("drafter render_report (compose + sandboxed docxtpl + layout fixes + verify + save)", "", ms(ours_s), "", ""),
        ("  of which compose()", "", ms(compose_s), "", ""),
        ("render ratio drafter / bare docxtpl", "", f"{ratio:.2f}×", "≤ 1.5×", _ok(ratio <= 1.5)),
        ("load_answers (C-loader YAML + validation + rules), per report", "", ms(load_s), "", ""),
    ]


def bench_breakdown(repeat: int, work: Path) -> list[Row]:
    """Where one batch report's CPU goes: the worker's steps timed one by one (same calls as
    drafter.batch._render_job and drafter.render.render_context)."""
    from docxtpl import DocxTemplate

    from drafter.answers import load_answers
    from drafter.check.gate import check_before_writing
    from drafter.document import compose
    from drafter.docx_layout import apply_fonts, centre_signature_over_date
    from drafter.paths import template_path
    from drafter.render import docx_context, render_report, sandboxed_environment, verify_docx, write_docx

    report = load_answers(EXAMPLE).report
    composed = compose(report)
    template = template_path(report.layout.template)
    context = docx_context(composed)
    fonts = report.layout.fonts.model_dump()
    data = render_report(report, composed)

    def fill():
        document = DocxTemplate(str(template))
        document.render(context, sandboxed_environment(), autoescape=True)
        return document

    rendered = fill()
    counter = iter(range(10**9))
    steps = [
        ("load_answers (C-loader YAML, pydantic, rules)", lambda: load_answers(EXAMPLE)),
        ("compose", lambda: compose(report)),
        ("check before writing (drafter.check.gate)",
         lambda: check_before_writing(report, composed, ignore_errors=True, echo=lambda *a: None)),
        ("docxtpl: open template + render (sandboxed Jinja)", fill),
        ("apply_fonts", lambda: apply_fonts(rendered.docx, fonts)),
        ("centre_signature_over_date", lambda: centre_signature_over_date(rendered.docx)),
        ("save .docx to memory", lambda: rendered.save(io.BytesIO())),
        ("verify_docx (re-parse the parts docxtpl rendered)", lambda: verify_docx(data, template)),
        ("write_docx (atomic write + fsync)", lambda: write_docx(data, work / f"w{next(counter)}.docx")),
    ]
    rows = []
    total = 0.0
    for label, func in steps:
        seconds = per_call(func, repeat)
        total += seconds
        rows.append((f"  step: {label}", "", f"{seconds * 1000:.1f} ms", "", ""))
    rows.append(("  steps total (one report, warm, one core)", "", f"{total * 1000:.1f} ms", "",
                 f"≈ {2 / total:.0f} reports/s on 2 cores at best"))
    return rows


# ---------------------------------------------------------------- 2. cold start


def bench_cold(repeat: int, work: Path) -> list[Row]:
    rows = []
    # one untimed run fills the byte-code cache, as `pip install` does
    subprocess.run(drafter_cmd() + ["render", str(EXAMPLE), "-o", str(work / "warm.docx"), "--force"],
                   capture_output=True, env=env())
    wall, cpu, _ = timed_run([sys.executable, "-c", "pass"], repeat)
    rows.append(("python start-up alone (baseline)", f"{wall:.3f} s", f"{cpu:.3f} s", "", ""))
    wall, cpu, result = timed_run(drafter_cmd() + ["--help"], repeat)
    assert result.returncode == 0, result.stderr
    rows.append(("`drafter --help` cold (python -m drafter)", f"{wall:.3f} s", f"{cpu:.3f} s", "≤ 0.3 s",
                 _ok(wall <= 0.3)))
    installed = shutil.which("drafter")
    if installed:
        wall, cpu, _ = timed_run([installed, "--help"], repeat)
        rows.append((f"`drafter --help` cold (installed {installed})", f"{wall:.3f} s", f"{cpu:.3f} s", "≤ 0.3 s",
                     _ok(wall <= 0.3)))
    out = work / "cold.docx"
    wall, cpu, result = timed_run(drafter_cmd() + ["render", str(EXAMPLE), "-o", str(out), "--force"], repeat)
    assert result.returncode == 0, result.stderr
    rows.append(("`drafter render` one report, cold", f"{wall:.3f} s", f"{cpu:.3f} s", "", ""))
    return rows


# ---------------------------------------------------------------- 3. batch


def generate(folder: Path, count: int) -> list[Path]:
    """`count` answers files: the example with another unit name and its counts scaled
    (by a whole factor, so parts stay ≤ totals)."""
    from ruamel.yaml import YAML

    yaml = YAML()
    base = EXAMPLE.read_text(encoding="utf-8")
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for number in range(count):
        data = yaml.load(base)
        data["unit"]["name"] = f"第{number + 1}号测试县城市管理局"
        factor = 1 + number % 5
        blocks = [t["figures"] for t in data["measures"] if t.get("figures")] + [data["duty"]["figures"]]
        for block in blocks:
            for key, value in block.items():
                if isinstance(value, int) and not isinstance(value, bool):
                    block[key] = value * factor
        path = folder / f"unit-{number:04d}.yaml"
        with path.open("w", encoding="utf-8") as handle:
            yaml.dump(data, handle)
        files.append(path)
    return files


def bench_batch(files: list[Path], work: Path, jobs: int | None) -> tuple[float, float]:
    """(wall seconds, CPU seconds of all processes) of one `drafter render FILES --out-dir`."""
    out = work / f"drafts-{jobs or 'all'}"
    shutil.rmtree(out, ignore_errors=True)
    command = drafter_cmd() + ["render", *map(str, files), "--out-dir", str(out)]
    if jobs:
        command += ["--jobs", str(jobs)]
    cpu = _children_cpu()
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, env=env())
    seconds = time.perf_counter() - started
    cpu = _children_cpu() - cpu
    made = len(list(out.glob("*.docx")))
    if result.returncode != 0 or made != len(files):
        raise SystemExit(f"batch failed ({made}/{len(files)} drafts):\n{result.stdout.decode()[-2000:]}\n"
                         f"{result.stderr.decode()[-2000:]}")
    return seconds, cpu


# ---------------------------------------------------------------- 4. check and import


def has_command(name: str) -> bool:
    result = subprocess.run(drafter_cmd() + ["--help"], capture_output=True, env=env(), text=True)
    return any(line.strip().split(" ")[0] == name for line in result.stdout.splitlines())


def bench_check_import(repeat: int, work: Path, files: list[Path]) -> list[Row]:
    rows = []

    def row(label: str, wall: float, cpu: float, result, ok_codes=(0, 1)) -> Row:
        note = _ok(wall <= 0.2) if result.returncode in ok_codes else \
            f"exit {result.returncode}: {result.stderr.decode(errors='replace')[-160:]}"
        return (label, f"{wall:.3f} s", f"{cpu:.3f} s", "≤ 0.2 s", note)

    docx = work / "example.docx"
    subprocess.run(drafter_cmd() + ["render", str(EXAMPLE), "-o", str(docx), "--force"], env=env(),
                   capture_output=True)
    if has_command("check"):
        rows.append(row("`drafter check` one answers file, cold", *timed_run(drafter_cmd() + ["check", str(EXAMPLE)], repeat)))
        rows.append(row("`drafter check` one .docx, cold", *timed_run(drafter_cmd() + ["check", str(docx)], repeat)))
        many = files[:50]
        wall, cpu, result = timed_run(drafter_cmd() + ["check", *map(str, many)], 3)
        rows.append(row(f"`drafter check` {len(many)} answers files in one call, per file", wall / len(many),
                        cpu / len(many), result))
    else:
        rows.append(("`drafter check`", "—", "—", "≤ 0.2 s", "skipped: no `check` command yet"))
    if has_command("import"):
        target = work / "imported.yaml"
        command = drafter_cmd() + ["import", str(docx), "-o", str(target), "--force"]
        rows.append(row("`drafter import` one .docx, cold", *timed_run(command, repeat), ok_codes=(0,)))
    else:
        rows.append(("`drafter import`", "—", "—", "≤ 0.2 s", "skipped: no `import` command yet"))
    return rows


# ---------------------------------------------------------------- output


def _ok(passed: bool) -> str:
    return "met" if passed else "MISSED"


HEAD: Row = ("measure", "wall", "CPU", "target", "status")


def table(rows: list[Row]) -> str:
    widths = [max(len(str(r[i])) for r in rows + [HEAD]) for i in range(len(HEAD))]
    line = lambda r: "  ".join(str(c).ljust(w) for c, w in zip(r, widths)).rstrip()  # noqa: E731
    return "\n".join([line(HEAD), line(tuple("-" * w for w in widths))] + [line(r) for r in rows])


def markdown(info: dict[str, str], rows: list[Row]) -> str:
    out = ["| machine | |", "| --- | --- |"] + [f"| {k} | {v} |" for k, v in info.items()]
    out += ["", "| " + " | ".join(HEAD) + " |", "|" + " --- |" * len(HEAD)]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(out) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=1000, help="answers files in the batch (default 1000)")
    parser.add_argument("--repeat", type=int, default=15, help="repetitions of each cold-start timing")
    parser.add_argument("--markdown", type=Path, help="also write the results as Markdown tables")
    args = parser.parse_args()
    try:
        run(args)
    finally:
        shutil.rmtree(PYCACHE, ignore_errors=True)


def run(args: argparse.Namespace) -> None:
    info = machine()
    for key, value in info.items():
        print(f"{key:36} {value}")
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="drafter-bench-") as temp:
        work = Path(temp)
        print("\n[1/4] render vs bare docxtpl …", flush=True)
        rows += bench_render(repeat=30)
        rows += bench_breakdown(repeat=20, work=work)
        print("[2/4] cold start …", flush=True)
        rows += bench_cold(args.repeat, work)
        print(f"[3/4] batch of {args.files} generated answers files …", flush=True)
        files = generate(work / "answers", args.files)
        cores = int(info["cores (nproc)"])
        wall, cpu = bench_batch(files, work, None)
        rows.append((f"batch render, {args.files} files, {cores} processes, no PDF: reports/s",
                     f"{len(files) / wall:.1f} /s ({wall:.1f} s)", f"{cpu:.1f} s", f"≥ 50 /s on 2 cores",
                     _ok(len(files) / wall >= 50)))
        rows.append((f"  same batch, CPU-bound capacity of {cores} idle cores (files ÷ (CPU s ÷ {cores}))", "",
                     f"{len(files) / (cpu / cores):.1f} /s", "≥ 50 /s on 2 cores", _ok(len(files) / (cpu / cores) >= 50)))
        rows.append(("  CPU per report in the batch", "", f"{cpu / len(files) * 1000:.1f} ms", "", ""))
        single = files[: max(50, args.files // 5)]
        wall1, cpu1 = bench_batch(single, work, 1)
        rows.append((f"batch render, {len(single)} files, 1 process: reports/s", f"{len(single) / wall1:.1f} /s",
                     f"{cpu1:.1f} s", "", f"parallel speed-up ×{(len(files) / wall) / (len(single) / wall1):.2f}"))
        print("[4/4] check and import …", flush=True)
        rows += bench_check_import(max(5, args.repeat // 2), work, files)
    print()
    print(table(rows))
    if args.markdown:
        args.markdown.write_text(markdown(info, rows), encoding="utf-8")
        print(f"\nMarkdown written to {args.markdown}")


if __name__ == "__main__":
    main()
