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

REPO = Path(__file__).resolve().parent.parent
BUREAU = REPO / "examples" / "county-urban-management-bureau.yaml"
TMUX = shutil.which("tmux")

pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed (.ci/run installs it)")


@pytest.fixture(scope="module")
def drafter_script(tmp_path_factory) -> Path:
    """The installed `drafter` console script (.ci/run installs it).

    In a bare checkout, a stand-in with the same entry point (`drafter.cli:main`) that the
    console script pip writes would call, importing this checkout.
    """
    installed = Path(sys.executable).parent / "drafter"
    if installed.is_file():
        return installed
    script = tmp_path_factory.mktemp("bin") / "drafter"
    script.write_text(
        f"#!{sys.executable}\nimport sys\nsys.path.insert(0, {str(REPO)!r})\n"
        "from drafter.cli import main\nsys.exit(main())\n",
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
    shutil.copyfile(BUREAU, folder / "2024.yaml")
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
