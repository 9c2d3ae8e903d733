"""Reading the bundled YAML data files (catalogue, wording) once per process."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from .paths import templates_dir


@lru_cache(maxsize=None)
def load_data(name: str) -> Any:
    """A YAML data file of templates/ (catalogue.yaml, wording.yaml, …)."""
    return load_yaml_file(templates_dir() / name)


def load_yaml_file(path: Path) -> Any:
    from ruamel.yaml import YAML

    with open(path, encoding="utf-8") as handle:
        return YAML(typ="safe").load(handle)  # the C loader where ruamel.yaml.clib is installed
