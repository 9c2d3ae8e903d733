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
