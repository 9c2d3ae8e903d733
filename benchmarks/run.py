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
    return {
        "cores (nproc)": str(cores),
        "CPU": cpu,
        "Python": platform.python_version(),
        "OS": f"{platform.system()} {platform.release()}",
        "docxtpl": docxtpl,
    }


def env() -> dict[str, str]:
    out = dict(os.environ)
    out["PYTHONPATH"] = str(REPO) + (os.pathsep + out["PYTHONPATH"] if out.get("PYTHONPATH") else "")
    out.pop("PYTHONPROFILEIMPORTTIME", None)
    return out


def drafter_cmd() -> list[str]:
    return [sys.executable, "-m", "drafter"]


def timed_run(command: list[str], repeat: int, cwd: Path | None = None) -> tuple[float, float, subprocess.CompletedProcess]:
    """(median, min) wall seconds of `command`, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = subprocess.run(command, capture_output=True, env=env(), cwd=cwd)
        times.append(time.perf_counter() - started)
    return statistics.median(times), min(times), result


def per_call(func, repeat: int, warmup: int = 3) -> float:
    for _ in range(warmup):
        func()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        func()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


# ---------------------------------------------------------------- 1. render vs bare docxtpl


def bench_render(repeat: int) -> list[tuple[str, str, str, str]]:
    from docxtpl import DocxTemplate

    from drafter.answers import load_answers
    from drafter.document import compose
    from drafter.paths import template_path
    from drafter.render import render_report

    report = load_answers(EXAMPLE).report
    template = template_path(report.layout.template)
    context = compose(report).context()

    def bare():
        document = DocxTemplate(str(template))
        document.render(context, autoescape=True)
        document.save(io.BytesIO())

    def ours():
        render_report(report)

    def composing():
        compose(report)

    def loading():
        load_answers(EXAMPLE)

    # interleave the two so that CPU frequency changes hit both alike
    bare_t, ours_t = [], []
    for _ in range(3):
        bare_t.append(per_call(bare, repeat // 3 or 1))
        ours_t.append(per_call(ours, repeat // 3 or 1))
    bare_s, ours_s = min(bare_t), min(ours_t)
    ratio = ours_s / bare_s
    compose_s = per_call(composing, repeat)
    load_s = per_call(loading, repeat)
    return [
        ("bare docxtpl render (same template and context)", f"{bare_s * 1000:.1f} ms", "", ""),
        ("drafter render_report (compose + docxtpl + layout + save)", f"{ours_s * 1000:.1f} ms", "", ""),
        ("  of which compose()", f"{compose_s * 1000:.1f} ms", "", ""),
        ("render ratio drafter / bare docxtpl", f"{ratio:.2f}×", "≤ 1.5×", _ok(ratio <= 1.5)),
        ("load_answers (YAML round-trip + validation + rules)", f"{load_s * 1000:.1f} ms", "", ""),
    ]


# ---------------------------------------------------------------- 2. cold start


def bench_cold(repeat: int, work: Path) -> list[tuple[str, str, str, str]]:
    rows = []
    median, best, _ = timed_run([sys.executable, "-c", "pass"], repeat)
    rows.append(("python start-up alone (baseline)", f"{median:.3f} s", "", f"min {best:.3f} s"))
    median, best, result = timed_run(drafter_cmd() + ["--help"], repeat)
    assert result.returncode == 0, result.stderr
    rows.append(("`drafter --help` cold (python -m drafter)", f"{median:.3f} s", "≤ 0.3 s", _ok(median <= 0.3)))
    installed = shutil.which("drafter")
    if installed:
        median, best, _ = timed_run([installed, "--help"], repeat)
        rows.append((f"`drafter --help` cold (installed script {installed})", f"{median:.3f} s", "≤ 0.3 s",
                     _ok(median <= 0.3)))
    out = work / "cold.docx"
    median, best, result = timed_run(drafter_cmd() + ["render", str(EXAMPLE), "-o", str(out), "--force"], repeat)
    assert result.returncode == 0, result.stderr
    rows.append(("`drafter render` one report, cold", f"{median:.3f} s", "", f"min {best:.3f} s"))
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


def bench_batch(files: list[Path], work: Path, jobs: int | None) -> tuple[float, float, subprocess.CompletedProcess]:
    out = work / f"drafts-{jobs or 'all'}"
    shutil.rmtree(out, ignore_errors=True)
    command = drafter_cmd() + ["render", *map(str, files), "--out-dir", str(out)]
    if jobs:
        command += ["--jobs", str(jobs)]
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, env=env())
    seconds = time.perf_counter() - started
    made = len(list(out.glob("*.docx")))
    if result.returncode != 0 or made != len(files):
        raise SystemExit(f"batch failed ({made}/{len(files)} drafts):\n{result.stdout.decode()[-2000:]}\n"
                         f"{result.stderr.decode()[-2000:]}")
    return seconds, len(files) / seconds, result


# ---------------------------------------------------------------- 4. check and import


def has_command(name: str) -> bool:
    result = subprocess.run(drafter_cmd() + ["--help"], capture_output=True, env=env(), text=True)
    return any(line.strip().split(" ")[0] == name for line in result.stdout.splitlines())


def bench_check_import(repeat: int, work: Path, files: list[Path]) -> list[tuple[str, str, str, str]]:
    rows = []
    if has_command("check"):
        median, best, result = timed_run(drafter_cmd() + ["check", str(EXAMPLE)], repeat)
        note = "" if result.returncode in (0, 1) else f"exit {result.returncode}: {result.stderr.decode()[-200:]}"
        rows.append(("`drafter check` one answers file, cold", f"{median:.3f} s", "≤ 0.2 s",
                     note or _ok(median <= 0.2)))
        docx = work / "for-check.docx"
        subprocess.run(drafter_cmd() + ["render", str(EXAMPLE), "-o", str(docx), "--force"], env=env(),
                       capture_output=True)
        median, best, result = timed_run(drafter_cmd() + ["check", str(docx)], repeat)
        note = "" if result.returncode in (0, 1) else f"exit {result.returncode}: {result.stderr.decode()[-200:]}"
        rows.append(("`drafter check` one .docx, cold", f"{median:.3f} s", "≤ 0.2 s", note or _ok(median <= 0.2)))
        many = files[:50]
        median, best, result = timed_run(drafter_cmd() + ["check", *map(str, many)], 3)
        each = median / len(many)
        rows.append((f"`drafter check` {len(many)} answers files in one call, per file", f"{each:.3f} s", "≤ 0.2 s",
                     _ok(each <= 0.2) if result.returncode in (0, 1) else f"exit {result.returncode}"))
    else:
        rows.append(("`drafter check`", "—", "≤ 0.2 s", "skipped: no `check` command yet"))
    if has_command("import"):
        docx = work / "for-import.docx"
        subprocess.run(drafter_cmd() + ["render", str(EXAMPLE), "-o", str(docx), "--force"], env=env(),
                       capture_output=True)
        target = work / "imported.yaml"
        times, result = [], None
        for _ in range(repeat):
            target.unlink(missing_ok=True)
            started = time.perf_counter()
            result = subprocess.run(drafter_cmd() + ["import", str(docx), "-o", str(target)], capture_output=True,
                                    env=env())
            times.append(time.perf_counter() - started)
        median = statistics.median(times)
        note = "" if result.returncode == 0 else f"exit {result.returncode}: {result.stderr.decode()[-200:]}"
        rows.append(("`drafter import` one .docx, cold", f"{median:.3f} s", "≤ 0.2 s", note or _ok(median <= 0.2)))
    else:
        rows.append(("`drafter import`", "—", "≤ 0.2 s", "skipped: no `import` command yet"))
    return rows


# ---------------------------------------------------------------- output


def _ok(passed: bool) -> str:
    return "met" if passed else "MISSED"


def table(rows: list[tuple[str, str, str, str]]) -> str:
    head = ("measure", "result", "target", "status / note")
    widths = [max(len(str(r[i])) for r in rows + [head]) for i in range(4)]
    line = lambda r: "  ".join(str(c).ljust(w) for c, w in zip(r, widths))  # noqa: E731
    return "\n".join([line(head), line(tuple("-" * w for w in widths))] + [line(r) for r in rows])


def markdown(info: dict[str, str], rows: list[tuple[str, str, str, str]]) -> str:
    out = ["| | |", "| --- | --- |"] + [f"| {k} | {v} |" for k, v in info.items()]
    out += ["", "| measure | result | target | status |", "| --- | --- | --- | --- |"]
    out += [f"| {r[0]} | {r[1]} | {r[2]} | {r[3]} |" for r in rows]
    return "\n".join(out) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=1000, help="answers files in the batch (default 1000)")
    parser.add_argument("--repeat", type=int, default=15, help="repetitions of each cold-start timing")
    parser.add_argument("--markdown", type=Path, help="also write the results as Markdown tables")
    args = parser.parse_args()

    info = machine()
    for key, value in info.items():
        print(f"{key:14} {value}")
    rows: list[tuple[str, str, str, str]] = []
    with tempfile.TemporaryDirectory(prefix="drafter-bench-") as temp:
        work = Path(temp)
        print("\n[1/4] render vs bare docxtpl …", flush=True)
        rows += bench_render(repeat=30)
        print("[2/4] cold start …", flush=True)
        rows += bench_cold(args.repeat, work)
        print(f"[3/4] batch of {args.files} generated answers files …", flush=True)
        files = generate(work / "answers", args.files)
        cores = int(info["cores (nproc)"])
        seconds, rate, _ = bench_batch(files, work, None)
        rows.append((f"batch render, {args.files} files, all {cores} cores, no PDF (wall, incl. start-up)",
                     f"{rate:.1f} reports/s", "≥ 50 /s on 2 cores", f"{_ok(rate >= 50)} ({seconds:.1f} s)"))
        single = files[: max(50, args.files // 5)]
        seconds, rate1, _ = bench_batch(single, work, 1)
        rows.append((f"batch render, {len(single)} files, 1 process", f"{rate1:.1f} reports/s", "",
                     f"{seconds:.1f} s; scaling ×{rate / rate1:.2f} on {cores} cores"))
        print("[4/4] check and import …", flush=True)
        rows += bench_check_import(max(5, args.repeat // 2), work, files)
    print()
    print(table(rows))
    if args.markdown:
        args.markdown.write_text(markdown(info, rows), encoding="utf-8")
        print(f"\nMarkdown written to {args.markdown}")


if __name__ == "__main__":
    main()
