"""Every sub-package of drafter is installed (a missing one only fails on a user's machine)."""

from __future__ import annotations

import pytest

from conftest import REPO

tomllib = pytest.importorskip("tomllib")  # Python ≥ 3.11


def test_every_subpackage_is_listed_in_pyproject():
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    on_disk = {
        "drafter." + ".".join(init.parent.relative_to(REPO / "drafter").parts)
        for init in (REPO / "drafter").rglob("__init__.py")
        if init.parent != REPO / "drafter"
    }
    assert on_disk <= listed, on_disk - listed


def test_templates_are_shipped_as_package_data():
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["drafter.templates"]
    shipped = {p.suffix for p in (REPO / "templates").iterdir() if p.is_file()}
    assert shipped <= {pattern.lstrip("*") for pattern in patterns}, shipped


def _source_copy(tmp_path):
    """The files a build reads, copied so the build never writes into the checkout."""
    import shutil

    source = tmp_path / "src"
    for name in ("pyproject.toml", "README.md"):
        source.mkdir(exist_ok=True)
        shutil.copy2(REPO / name, source / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "~$*")
    for folder in ("drafter", "templates"):
        shutil.copytree(REPO / folder, source / folder, ignore=ignore)
    return source


def test_wheel_builds_without_any_warning(tmp_path):
    """No deprecation (the `license` table was unsupported from 2027-02-18), nor any other warning."""
    import os
    import subprocess
    import sys
    import zipfile

    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}  # "byte-compiling is disabled"
    env["PIP_ROOT_USER_ACTION"] = "ignore"  # CI runs as root
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-v", "-w", str(tmp_path / "wheels"), str(_source_copy(tmp_path))],
        capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL, timeout=600,
    )
    output = result.stdout + result.stderr
    if result.returncode != 0 and "satisfies the requirement setuptools" in output:
        pytest.skip("setuptools >= 77 for the isolated build is neither cached nor downloadable (no network)")
    assert result.returncode == 0, output[-3000:]
    assert "setuptools" in output and "Successfully built drafter" in output  # the verbose log was captured
    warnings = [line for line in output.splitlines() if "warn" in line.lower() or "deprecat" in line.lower()]
    assert not warnings, "\n".join(warnings)
    (wheel,) = (tmp_path / "wheels").glob("drafter-*.whl")
    metadata = zipfile.ZipFile(wheel).read(f"{wheel.name.split('-')[0]}-{wheel.name.split('-')[1]}.dist-info/METADATA")
    assert b"License-Expression: MIT" in metadata
