"""End to end in a real terminal: the installed `drafter` console script under tmux.

A second year from the bureau's 2024 answers, accepting every default by pressing Enter at
each prompt, must produce the answers file and the .docx. `.ci/run` installs tmux and drafter.
Skips cleanly without tmux.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from conftest import confirmed_old_style_text

REPO = Path(__file__).resolve().parent.parent
BUREAU = REPO / "examples" / "county-urban-management-bureau.yaml"
TMUX = shutil.which("tmux")

pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed (.ci/run installs it)")


@pytest.fixture(scope="module")
def drafter_script(tmp_path_factory) -> Path:
    """The installed `drafter` console script (.ci/run installs it).

    In a bare checkout, a stand-in with the same entry point (`drafter.cli:run`) that the
    console script pip writes would call, importing this checkout.
    """
    installed = Path(sys.executable).parent / "drafter"
    if installed.is_file():
        return installed
    script = tmp_path_factory.mktemp("bin") / "drafter"
    script.write_text(
        f"#!{sys.executable}\nimport sys\nsys.path.insert(0, {str(REPO)!r})\n"
        "from drafter.cli import run\nrun()\n",
        encoding="utf-8",
    )
    script.chmod(0o755)
    return script


class Tmux:
    """One private tmux server (its own socket), so nothing else's sessions are touched."""

    def __init__(self, socket: str) -> None:
        self.socket = socket

    def __call__(self, *args: str) -> str:
        return subprocess.run([TMUX, "-L", self.socket, *args], check=True, capture_output=True, text=True).stdout

    def screen(self) -> str:
        return self("capture-pane", "-p", "-J", "-t", "new")

    def kill(self) -> None:
        subprocess.run([TMUX, "-L", self.socket, "kill-server"], capture_output=True)


def test_second_year_with_every_default_in_a_real_terminal(tmp_path, drafter_script):
    folder = tmp_path / "answers"
    folder.mkdir()
    (folder / "2024.yaml").write_text(confirmed_old_style_text(BUREAU), encoding="utf-8")  # without figure references
    command = (
        f"cd {tmp_path} && env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color "
        f"{drafter_script} new --year 2025; echo DRAFTER_EXIT=$?; sleep 120"
    )
    tmux = Tmux(f"drafter-test-{os.getpid()}")
    try:
        tmux("-u", "new-session", "-d", "-s", "new", "-x", "160", "-y", "50", command)
        screens, answered, last_change, deadline = [], None, time.monotonic(), time.monotonic() + 180
        while time.monotonic() < deadline:
            time.sleep(0.25)
            screen = tmux.screen()
            if "DRAFTER_EXIT=" in screen:
                screens.append(screen)
                break
            waiting = screen.rstrip().splitlines()[-1:] and "?" in screen
            # Answer each new prompt once; press again only if the screen stays still (a redraw missed).
            if waiting and (screen != answered or time.monotonic() - last_change > 3):
                screens.append(screen)
                tmux("send-keys", "-t", "new", "Enter")
                answered, last_change = screen, time.monotonic()
        else:
            pytest.fail("drafter new did not finish in the terminal; last screen:\n" + tmux.screen())
    finally:
        tmux.kill()

    seen = "\n".join(screens)
    assert "DRAFTER_EXIT=0" in screens[-1], screens[-1]
    assert "以上单位和版式信息" in seen and "第一部分写哪些专题？" in seen
    assert "去年：59件" in seen  # the prompt for 行政处罚案件 shows last year's figure
    assert "已生成草稿" in screens[-1]
    draft = tmp_path / "2025年度法治政府建设情况报告（草稿）.docx"
    with zipfile.ZipFile(draft) as docx:
        assert "西峡县城市管理局" in docx.read("word/document.xml").decode("utf-8")
    assert (folder / "2025.yaml").is_file() and not (folder / "2025.progress.yaml").exists()


# ---------------------------------------------------------------- a clerk's second year, key by key


class Clerk:
    """Answers each new prompt of `drafter new` in tmux as `respond(prompt line, screen)` says,
    counting every key sent. A prompt is the last "? …" line of the pane's whole history."""

    def __init__(self, tmux: Tmux, respond) -> None:
        self.tmux, self.respond = tmux, respond
        self.keys = 0
        self.asked: list[str] = []

    def history(self) -> str:
        return self.tmux("capture-pane", "-p", "-J", "-S", "-", "-t", "new")

    def send(self, *keys: str) -> None:
        for key in keys:
            if key in ("Enter", "Up", "Down", "PageUp"):
                self.tmux("send-keys", "-t", "new", key)
                self.keys += 1
            else:
                self.tmux("send-keys", "-t", "new", "-l", key)
                self.keys += len(key)

    def run(self, timeout: float = 240) -> str:
        seen, stable_since, last = 0, time.monotonic(), ""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            time.sleep(0.15)
            text = self.history()
            if "DRAFTER_EXIT=" in text:
                return text
            if text != last:
                last, stable_since = text, time.monotonic()
                continue
            prompts = [line for line in text.splitlines() if line.startswith("? ")]
            if len(prompts) > seen and time.monotonic() - stable_since > 0.3:
                seen = len(prompts)
                self.asked.append(prompts[-1])
                self.send(*self.respond(prompts[-1], text))
        pytest.fail("drafter new did not finish; last screen:\n" + self.tmux.screen())


def _start(tmp_path: Path, drafter_script: Path, last_year: str) -> tuple[Tmux, Path]:
    folder = tmp_path / "answers"
    folder.mkdir()
    (folder / "2024.yaml").write_text(last_year, encoding="utf-8")
    command = (  # a terminal of 80 × 24, the size it reports (no COLUMNS/LINES inherited from pytest)
        f"cd {tmp_path} && env -u COLUMNS -u LINES LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color "
        f"{drafter_script} new --year 2025; echo DRAFTER_EXIT=$?; sleep 120"
    )
    tmux = Tmux(f"drafter-test-{os.getpid()}-{time.monotonic_ns()}")
    tmux("-u", "new-session", "-d", "-s", "new", "-x", "80", "-y", "24", command)
    return tmux, folder


CHANGED = {"group_law_study": "7", "certificates_issued": "8", "hotline_tickets": "401", "publicity_posts": "700",
           "digital_cases_reported": "60012"}  # five figures change; the other 17 stay as they were


def _labels(values: dict[str, str]) -> dict[str, str]:
    from drafter.catalogue import catalogue

    return {catalogue().indicators[key].label_with_unit: value for key, value in values.items()}


def _second_year(changed: dict[str, str], fast: dict[str, list[str]] = {}):
    """Type the changed figures, keep every other with its one key; Enter for everything else."""
    def respond(prompt: str, screen: str) -> list[str]:
        label = prompt[2:].split(" ")[0]
        if label in fast:
            return fast.pop(label)
        if label in changed:
            return [changed[label], "Enter"]
        if "按 = 沿用" in prompt:
            return ["="]
        if label.startswith("成文日期"):
            return ["2026-02-27", "Enter"]
        if "相差较大。确认无误吗" in prompt:
            return ["1", "Enter"]
        return ["Enter"]
    return respond


def test_second_year_keeps_each_figure_with_one_key(tmp_path, drafter_script):
    from drafter.answers import load_answers

    tmux, folder = _start(tmp_path, drafter_script, BUREAU.read_text(encoding="utf-8"))  # with its 【staff】… figures
    try:
        clerk = Clerk(tmux, _second_year(_labels(CHANGED)))
        history = clerk.run()
    finally:
        tmux.kill()
    assert "DRAFTER_EXIT=0" in history, history[-3000:]
    last = load_answers(folder / "2024.yaml").report
    this = load_answers(folder / "2025.yaml").report
    changed = {key: int(value) for key, value in CHANGED.items()}
    assert this.figures() == {**last.figures(), **changed}
    # The figures of the text's own (【staff】…) are asked too, and kept with their key.
    assert {k: f.value for k, f in this.custom_figures.items()} == {k: f.value for k, f in last.custom_figures.items()}
    assert {k: f.previous for k, f in this.custom_figures.items()} == {k: f.value for k, f in last.custom_figures.items()}
    assert "去年：全局干部职工200余人中持有执法资格的为142人，具有法学专业背景的年轻干部偏少。 → 今年？" in history
    figure_prompts = [p for p in clerk.asked if "按 = 沿用" in p]
    every = len(last.figures()) + len(last.custom_figures)
    assert len(figure_prompts) == every == 22 + 3  # every figure asked, each with its keep key shown
    kept = every - len(changed)
    typed = sum(len(value) + 1 for value in CHANGED.values())
    others = clerk.keys - kept - typed
    print(f"keys: {clerk.keys} in all; {kept} kept figures × 1 key; {typed} for 5 changed figures; {others} others")
    assert others == len(clerk.asked) - len(figure_prompts) + len("2026-02-27")  # one Enter each, and the date

    # Each page of the review, with its question and four choices, fit the 24-line terminal.
    rows = history.splitlines()
    ends = [n for n, row in enumerate(rows) if row.startswith("? 复核第")]
    starts = [next(n for n, row in enumerate(rows) if row.startswith("2025年度答卷复核"))] + [end + 1 for end in ends[:-1]]
    assert len(ends) > 1
    heights = [end - start + 1 + 4 for start, end in zip(starts, ends)]  # the page, its question and 4 choices
    assert max(heights) <= 24, heights


def test_figures_typed_fast_past_a_confirmation_are_never_run_together(tmp_path, drafter_script):
    """Issue 11 item 8: last year 1, this year 0 asks "相差较大。确认无误吗？" (default 否). A clerk
    typing ahead "0⏎2⏎" (0 for this figure, 2 for the next) once had the 2 swallowed by the
    confirmation and "02" saved as 2. Keys typed before the confirmation appeared now go
    nowhere, and the clerk's figures are saved exactly as typed."""
    from drafter.answers import load_answers
    from drafter.catalogue import catalogue

    last_year = BUREAU.read_text(encoding="utf-8").replace("reconsideration_cases: 0", "reconsideration_cases: 1")
    assert "reconsideration_cases: 1" in last_year
    reconsideration = catalogue().indicators["reconsideration_cases"].label_with_unit
    litigation = catalogue().indicators["litigation_cases"].label_with_unit
    tmux, folder = _start(tmp_path, drafter_script, last_year)
    try:
        # One burst, as fast as tmux types: 0, Enter, 2, Enter.
        clerk = Clerk(tmux, _second_year({litigation: "2"}, fast={reconsideration: ["0\r2\r"]}))
        history = clerk.run()
    finally:
        tmux.kill()
    assert "DRAFTER_EXIT=0" in history, history[-3000:]
    assert "相差较大。确认无误吗" in history
    assert "已忽略确认之前多按的键" in history
    figures = load_answers(folder / "2025.yaml").report.figures()
    assert figures["reconsideration_cases"] == 0
    assert figures["litigation_cases"] == 2
    asked = [p for p in clerk.asked if p.startswith(f"? {litigation}")]
    assert len(asked) == 1  # the next figure was asked on its own, not answered by the burst
