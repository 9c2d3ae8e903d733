""".ci/run installs only the system packages that are missing (never apt-get when all are there)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import REPO

# A font list long enough that `fc-list | grep -q` would kill fc-list with SIGPIPE (exit 141).
_FC_LIST = """#!/bin/sh
printf '%s\\n' {fonts}
seq 1 300000 | sed 's/^/Some Font /'
"""

_BASICS = ("sh", "bash", "dirname", "grep", "seq", "sed")


def _fake_bin(tmp_path: Path, fonts: list[str], tools=("soffice", "pdftotext", "tmux", "chromium")) -> Path:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in tools:
        (bin_dir / tool).write_text("#!/bin/sh\nexit 0\n")
    (bin_dir / "fc-list").write_text(_FC_LIST.format(fonts=" ".join(f"'{f}'" for f in fonts)))
    (bin_dir / "apt-get").write_text(f'#!/bin/sh\necho "$@" >> "{tmp_path}/apt.log"\n')
    for script in bin_dir.iterdir():
        script.chmod(0o755)
    for tool in _BASICS:  # and nothing else: the real soffice, tmux… must not be found
        (bin_dir / tool).symlink_to(shutil.which(tool))
    return bin_dir


def _deps(tmp_path: Path, bin_dir: Path) -> subprocess.CompletedProcess:
    env = os.environ | {"PATH": str(bin_dir), "PYTHON": sys.executable}
    return subprocess.run(["bash", str(REPO / ".ci" / "run"), "deps"], env=env, capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=120)


def test_everything_present_means_no_apt_get(tmp_path):
    bin_dir = _fake_bin(tmp_path, ["Noto Serif CJK SC", "AR PL UKai CN"])
    result = _deps(tmp_path, bin_dir)
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "apt.log").exists(), (tmp_path / "apt.log").read_text()
    assert "all present" in result.stdout


def test_only_the_missing_packages_are_installed(tmp_path):
    bin_dir = _fake_bin(tmp_path, ["Noto Serif CJK SC"], tools=("soffice", "pdftotext", "chromium"))
    result = _deps(tmp_path, bin_dir)
    assert result.returncode == 0, result.stderr
    installs = [line.split() for line in (tmp_path / "apt.log").read_text().splitlines() if line.startswith("install")]
    wanted = {word for line in installs for word in line if not word.startswith("-") and word != "install"}
    assert {"tmux", "fonts-arphic-ukai"} <= wanted
    assert not wanted & {"fonts-noto-cjk", "libreoffice-writer-nogui", "poppler-utils", "chromium"}

