#!/usr/bin/env python3
"""drafter's speed, as ratios against baselines measured in the same run (issue 17).

    python benchmarks/run.py                  # the full run (a few minutes on 2 busy cores)
    python benchmarks/run.py --quick          # fewer rounds
    python benchmarks/run.py --repo ../main   # measure another checkout with this script
    python benchmarks/run.py --markdown out.md
    python benchmarks/run.py --work-dir ~/drafts   # write the drafts there, not in the temp folder

Every figure is printed against its baseline, and against a bare docxtpl render of the same
template and context (DocxTemplate + render + save, measured here, in this run):

1. one draft in-process (load + compose + check + render + write) ÷ a bare docxtpl render;
   target ≤ 0.5×. CPU time of this process (time.process_time), so other programs' load
   hardly changes it; wall time beside it;
2. a batch of 300 drafts over all cores (`drafter render FILES --out-dir`) ÷ a bare docxtpl
   loop of 300 renders in one process (both started as a fresh Python); wall time; ≤ 0.4×;
3. cold `drafter render` one file ÷ a bare `python -c pass`; wall time; ≤ 10×;
4. cold `drafter --help` ÷ `python -c pass`; ≤ 3×;
5. cold `drafter check` of a 100× answers file ÷ the 1× file; ≤ 3×.

The template drafter ships was trimmed after issue 17 was filed (python-docx's 98 unused table
styles, 310 of styles.xml's 354 KB, went), which made the bare docxtpl render of it faster too.
So the table also gives a bare docxtpl render of the template as it was then
(benchmarks/reference/official-at-issue-17.docx) and the draft against it, for comparison with
the issue's figures; the targets are read against the template drafter ships.

The machine may be shared: each comparison runs its two sides interleaved, round after
round, and takes medians; the load average is printed at the start, before each part and
at the end. The CLI runs as `python -m drafter` with the checkout on PYTHONPATH and its
byte-code cached (in a temp folder), as an installed package has it.
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

HERE = Path(__file__).resolve().parent.parent
PYCACHE = Path(tempfile.mkdtemp(prefix="drafter-bench-pycache-"))
BARE_LOOP = """
import io, sys
from docxtpl import DocxTemplate
from drafter.answers import load_answers
from drafter.document import compose
from drafter.paths import template_path
from drafter.render import docx_context
report = load_answers(sys.argv[1]).report
template = str(template_path(report.layout.template))
context = docx_context(compose(report))
for _ in range(int(sys.argv[2])):
    document = DocxTemplate(template)
    document.render(context, autoescape=True)
    document.save(io.BytesIO())
"""


def load() -> str:
    try:
        return " / ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


def file_creation(folder: Path, count: int = 200) -> float:
    """CPU seconds to create (and close) one empty file in `folder`, median of `count`: a draft's
    write creates one, and on some file systems that alone costs a tenth of a millisecond or more."""
    times = []
    for i in range(count):
        started = time.process_time()
        os.close(os.open(folder / f"probe-{i}", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644))
        times.append(time.process_time() - started)
    for i in range(count):
        os.unlink(folder / f"probe-{i}")
    return statistics.median(times)


def machine(repo: Path) -> dict[str, str]:
    cpu = "unknown"
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                   if line.startswith("model name"))
    except (OSError, StopIteration):
        cpu = platform.processor() or "unknown"
    try:
        from importlib.metadata import version

        docxtpl = version("docxtpl")
    except Exception:  # noqa: BLE001
        docxtpl = "?"
    import drafter

    return {
        "checkout measured": f"{repo} (drafter from {Path(drafter.__file__).parent})",
        "load average at start (1/5/15 min)": load(),
        "cores": str(_cores()),
        "CPU": cpu,
        "Python": platform.python_version(),
        "docxtpl": docxtpl,
    }


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def env(repo: Path) -> dict[str, str]:
    out = dict(os.environ)
    out["PYTHONPATH"] = str(repo) + (os.pathsep + out["PYTHONPATH"] if out.get("PYTHONPATH") else "")
    for name in ("PYTHONPROFILEIMPORTTIME", "PYTHONDONTWRITEBYTECODE"):
        out.pop(name, None)
    out["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    return out


def wall(command: list[str], repo: Path) -> "Timed":
    """Wall seconds of `command`, with the CPU seconds it and its children used."""
    cpu = _children_cpu()
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, env=env(repo), cwd=tempfile.gettempdir())
    seconds = Timed(time.perf_counter() - started, _children_cpu() - cpu)
    if result.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command[:6])} … failed ({result.returncode}):\n"
                         f"{result.stderr.decode(errors='replace')[-2000:]}")
    return seconds


class Timed(float):
    """Wall seconds (the float) and the CPU seconds beside them."""

    def __new__(cls, seconds: float, cpu: float = 0.0) -> "Timed":
        self = super().__new__(cls, seconds)
        self.cpu = cpu
        return self


def _children_cpu() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def interleaved(a, b, rounds: int) -> tuple[float, float]:
    """Medians of a() and b(), run alternately (after one untimed run of each); for timed
    commands, the medians of their CPU seconds too."""
    a(), b()
    times_a, times_b = [], []
    for _ in range(rounds):
        times_a.append(a())
        times_b.append(b())

    def median(times: list) -> float:
        if all(isinstance(t, Timed) for t in times):
            return Timed(statistics.median(times), statistics.median(t.cpu for t in times))
        return statistics.median(times)

    return median(times_a), median(times_b)


def cpu_call(func, repeat: int) -> float:
    """Median CPU seconds of one call of func in this process."""
    times = []
    for _ in range(repeat):
        started = time.process_time()
        func()
        times.append(time.process_time() - started)
    return statistics.median(times)


def wall_call(func, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        func()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


# ---------------------------------------------------------------- generated answers files


def batch_files(example: Path, folder: Path, count: int) -> list[Path]:
    """`count` answers files: the example under another unit name, its counts scaled by a
    whole factor (so parts stay ≤ totals)."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe")
    base = example.read_text(encoding="utf-8")
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for number in range(count):
        data = yaml.load(base)
        data["unit"]["name"] = f"第{number + 1}号测试县城市管理局"
        factor = 1 + number % 5
        for block in [t["figures"] for t in data["measures"] if t.get("figures")] + [data["duty"]["figures"]]:
            for key, value in block.items():
                if isinstance(value, int) and not isinstance(value, bool):
                    block[key] = value * factor
        path = folder / f"unit-{number:04d}.yaml"
        with path.open("w", encoding="utf-8") as handle:
            YAML().dump(data, handle)
        files.append(path)
    return files


def scaled_file(example: Path, target: Path, items: int, repeats: int) -> Path:
    """The example with every list of points `items` times as long and every point's text
    `repeats` times as long (items × repeats times the text). Each copy is numbered, so the
    text does not repeat itself (the check would rightly report repeated sentences)."""
    import re

    from ruamel.yaml import YAML

    data = YAML(typ="safe").load(example.read_text(encoding="utf-8"))

    def longer(text: str, copy: int) -> str:
        body = text.rstrip("。")
        out = []
        for k in range(repeats):
            n = copy * repeats + k + 1
            out.append(re.sub("([，、；。])", lambda m: f"{n}{m.group(1)}", body) + (f"{n}，第{k + 1}轮。" if repeats > 1 else "。"))
        return "".join(out)

    def grow(points: list) -> list:
        out = []
        for copy in range(items):
            for point in points:
                if isinstance(point, str):
                    out.append(longer(point, copy))
                else:
                    point = dict(point)
                    field = "text" if "text" in point else "cause"
                    point[field] = longer(point[field], copy)
                    out.append(point)
        return out

    for topic in data["measures"]:
        topic["items"] = grow(topic["items"])
    data["duty"]["items"] = grow(data["duty"]["items"])
    data["shortcomings"] = grow(data["shortcomings"])
    data["plans"] = grow(data["plans"])
    with target.open("w", encoding="utf-8") as handle:
        YAML().dump(data, handle)
    return target


# ---------------------------------------------------------------- the measures

Row = tuple[str, str, str, str, str, str]
HEAD: Row = ("measure", "time", "ratio to its baseline", "target", "status", "× bare docxtpl render")


def ok(ratio: float, target: float) -> str:
    return "met" if ratio <= target else "MISSED"


def ms(seconds: float) -> str:
    text = f"{seconds * 1000:.1f} ms" if seconds < 10 else f"{seconds:.1f} s"
    if isinstance(seconds, Timed):
        text += f" (CPU {seconds.cpu * 1000:.0f} ms)" if seconds.cpu < 10 else f" (CPU {seconds.cpu:.1f} s)"
    return text


def ratio(a: float, b: float) -> str:
    """a ÷ b, and the same for their CPU seconds when both are timed commands."""
    text = f"{a / b:.2f}×"
    if isinstance(a, Timed) and isinstance(b, Timed) and b.cpu > 0:
        text += f" (CPU {a.cpu / b.cpu:.2f}×)"
    return text


def run(args: argparse.Namespace) -> list[Row]:
    repo = args.repo
    sys.path.insert(0, str(repo))
    example = repo / "examples" / "county-urban-management-bureau.yaml"
    from docxtpl import DocxTemplate

    from drafter.answers import load_answers
    from drafter.document import compose
    from drafter.paths import template_path
    from drafter.pipeline import make_draft
    from drafter.render import docx_context, render_report

    info = machine(repo)
    with tempfile.TemporaryDirectory(prefix="drafter-bench-", dir=args.work_dir) as temp:
        work = Path(temp)
        info["file creation in the work folder, CPU"] = f"{file_creation(work) * 1000:.3f} ms ({work.parent})"
        if args.work_dir is not None:
            with tempfile.TemporaryDirectory() as system_temp:
                info["  … in the system temp folder, CPU"] = (f"{file_creation(Path(system_temp)) * 1000:.3f} ms"
                                                            f" ({Path(system_temp).parent})")
        for key, value in info.items():
            print(f"{key:38} {value}")
        rounds = 3 if args.quick else 7
        rows: list[Row] = []
        report = load_answers(example).report
        template = str(template_path(report.layout.template))
        context = docx_context(compose(report))

        def bare(path: str = template) -> None:
            document = DocxTemplate(path)
            document.render(context, autoescape=True)
            document.save(io.BytesIO())

        reference = str(HERE / "benchmarks" / "reference" / "official-at-issue-17.docx")

        drafts = iter(range(10**9))

        def draft() -> None:  # a new file each time, as a clerk's first draft (no backup to keep)
            make_draft(example, [("docx", work / f"one-{next(drafts)}.docx")])

        print(f"\n[1/5] one draft in-process vs bare docxtpl (load {load()}) …", flush=True)
        repeat = 5 if args.quick else 15
        bare_cpu, draft_cpu = interleaved(lambda: cpu_call(bare, repeat), lambda: cpu_call(draft, repeat), rounds)
        bare_wall, draft_wall = interleaved(lambda: wall_call(bare, repeat), lambda: wall_call(draft, repeat), rounds)
        render_cpu = min(cpu_call(lambda: render_report(report), repeat) for _ in range(rounds))
        old_cpu, draft_cpu_again = interleaved(lambda: cpu_call(lambda: bare(reference), repeat),
                                               lambda: cpu_call(draft, repeat), rounds)
        per = lambda seconds: f"{seconds / bare_cpu:.2f}×"  # noqa: E731
        rows += [
            ("bare docxtpl render + save (the reference), CPU", ms(bare_cpu), "1.00×", "", "", "1.00×"),
            ("  the same, wall", ms(bare_wall), "", "", "", ""),
            ("one draft in-process (load, compose, check, render, write), CPU", ms(draft_cpu),
             per(draft_cpu), "≤ 0.5×", ok(draft_cpu / bare_cpu, 0.5), per(draft_cpu)),
            ("  the same, wall (the write waits for the disk: fsync)", ms(draft_wall), f"{draft_wall / bare_wall:.2f}×",
             "", "", f"{draft_wall / bare_wall:.2f}× (wall)"),
            ("  of which render_report alone, CPU", ms(render_cpu), per(render_cpu), "", "", per(render_cpu)),
            ("bare docxtpl render + save of the template as issue 17 measured it, CPU", ms(old_cpu), "", "", "",
             f"{old_cpu / bare_cpu:.2f}×"),
            ("  one draft in-process ÷ that (for comparison with the issue's figures), CPU", ms(draft_cpu_again),
             f"{draft_cpu_again / old_cpu:.2f}×", "", "", ""),
        ]

        count = 60 if args.quick else 300
        print(f"[2/5] batch of {count} over {_cores()} cores vs a bare docxtpl loop of {count} (load {load()}) …",
              flush=True)
        files = batch_files(example, work / "answers", count)
        out = work / "drafts"
        batch_cmd = [sys.executable, "-m", "drafter", "render", *map(str, files), "--out-dir", str(out)]
        loop_cmd = [sys.executable, "-c", BARE_LOOP, str(example), str(count)]

        def batch() -> float:
            shutil.rmtree(out, ignore_errors=True)
            return wall(batch_cmd, repo)

        loop_s, batch_s = interleaved(lambda: wall(loop_cmd, repo), batch, max(2, rounds // 2))
        made = len(list(out.glob("*.docx")))
        if made != count:
            raise SystemExit(f"the batch made {made} of {count} drafts")
        rows += [
            (f"bare docxtpl loop of {count} in one process (fresh Python), wall", ms(loop_s), "1.00×", "", "",
             f"{loop_s / count / bare_wall:.2f}× per render"),
            (f"batch of {count} drafts over {_cores()} cores (`drafter render … --out-dir`), wall", ms(batch_s),
             ratio(batch_s, loop_s), "≤ 0.4×", ok(batch_s / loop_s, 0.4),
             f"{batch_s / count / bare_wall:.2f}× per draft"),
        ]

        print(f"[3/5] cold starts (load {load()}) …", flush=True)
        # an older checkout (before --force was split) names the flag --force
        helped = subprocess.run([sys.executable, "-m", "drafter", "render", "--help"], capture_output=True,
                                env=env(repo), cwd=tempfile.gettempdir(), text=True).stdout
        overwrite = "--overwrite" if "--overwrite" in helped else "--force"
        python = [sys.executable, "-c", "pass"]
        render_cmd = [sys.executable, "-m", "drafter", "render", str(example), "-o", str(work / "cold.docx"), overwrite]
        help_cmd = [sys.executable, "-m", "drafter", "--help"]
        cold_rounds = 5 if args.quick else 15
        base_s, render_s = interleaved(lambda: wall(python, repo), lambda: wall(render_cmd, repo), cold_rounds)
        base2_s, help_s = interleaved(lambda: wall(python, repo), lambda: wall(help_cmd, repo), cold_rounds)
        rows += [
            ("bare `python -c pass`, wall", ms(base_s), "1.00×", "", "", f"{base_s / bare_wall:.2f}×"),
            ("cold `drafter render` one file, wall", ms(render_s), ratio(render_s, base_s), "≤ 10×",
             ok(render_s / base_s, 10), f"{render_s / bare_wall:.2f}×"),
            ("cold `drafter --help`, wall", ms(help_s), ratio(help_s, base2_s), "≤ 3×", ok(help_s / base2_s, 3),
             f"{help_s / bare_wall:.2f}×"),
        ]

        print(f"[4/5] other commands cold (load {load()}) …", flush=True)
        docx = work / "cold.docx"
        others = {
            "check an answers file": ["check", str(example)],
            "check a .docx": ["check", str(docx)],
            "export Markdown": ["export", str(example), "-o", str(work / "e.md"), overwrite],
            "import a .docx": ["import", str(docx), "-o", str(work / "i.yaml"), overwrite],
            "summary of one file (CSV)": ["summary", str(example), "--csv", str(work / "s.csv"), overwrite],
            "schema": ["schema"],
        }
        for label, command in others.items():
            base_o, cold_o = interleaved(lambda: wall(python, repo),
                                         lambda command=command: wall([sys.executable, "-m", "drafter", *command], repo),
                                         max(3, cold_rounds // 3))
            rows.append((f"  cold `drafter {command[0]}`: {label}, wall", ms(cold_o), ratio(cold_o, base_o) + " python",
                         "", "", f"{cold_o / bare_wall:.2f}×"))

        print(f"[5/5] check 100× vs 1× (load {load()}) …", flush=True)
        one = scaled_file(example, work / "x1.yaml", 1, 1)
        hundred = scaled_file(example, work / "x100.yaml", 10, 10)
        check1 = [sys.executable, "-m", "drafter", "check", str(one)]
        check100 = [sys.executable, "-m", "drafter", "check", str(hundred)]
        c1, c100 = interleaved(lambda: wall(check1, repo), lambda: wall(check100, repo), cold_rounds // 2 + 1)
        rows += [
            ("cold `drafter check` 1× answers file, wall", ms(c1), "1.00×", "", "", f"{c1 / bare_wall:.2f}×"),
            (f"cold `drafter check` 100× answers file ({hundred.stat().st_size // 1024} KB), wall", ms(c100),
             ratio(c100, c1), "≤ 3×", ok(c100 / c1, 3), f"{c100 / bare_wall:.2f}×"),
        ]
    print(f"\nload average at the end: {load()}")
    return rows


def table(rows: list[Row]) -> str:
    widths = [max(len(r[i]) for r in rows + [HEAD]) for i in range(len(HEAD))]
    line = lambda r: "  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip()  # noqa: E731
    return "\n".join([line(HEAD), line(tuple("-" * w for w in widths))] + [line(r) for r in rows])


def markdown(rows: list[Row]) -> str:
    out = ["| " + " | ".join(HEAD) + " |", "|" + " --- |" * len(HEAD)]
    return "\n".join(out + ["| " + " | ".join(r) + " |" for r in rows]) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repo", type=Path, default=HERE, help="the checkout to measure (default: this one)")
    parser.add_argument("--quick", action="store_true", help="fewer rounds and a batch of 60")
    parser.add_argument("--markdown", type=Path, help="also write the table as Markdown")
    parser.add_argument("--work-dir", type=Path, help="where the drafts are written (default: the system's temp "
                                                      "folder); the cost of creating a file there is printed")
    args = parser.parse_args()
    args.repo = args.repo.resolve()
    try:
        rows = run(args)
    finally:
        shutil.rmtree(PYCACHE, ignore_errors=True)
    print()
    print(table(rows))
    if args.markdown:
        args.markdown.write_text(markdown(rows), encoding="utf-8")
        print(f"\nMarkdown written to {args.markdown}")


if __name__ == "__main__":
    main()
