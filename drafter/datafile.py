"""Reading the bundled YAML data files (catalogue, wording) once per process."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from .paths import templates_dir


@lru_cache(maxsize=None)
def load_data(name: str) -> Any:
    from ruamel.yaml import YAML

    with open(templates_dir() / name, encoding="utf-8") as handle:
        return YAML(typ="safe", pure=True).load(handle)
