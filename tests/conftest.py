"""Shared fixtures: the repository's examples and a CLI runner."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# In CI the property tests run a fixed set of examples (the same on every run), so a
# submission never fails on a new random draw; on developers' machines they explore.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

REPO = Path(__file__).resolve().parent.parent
# A crash report written by a test goes to a temp folder, never to the developer's ~/.cache.
os.environ.setdefault("DRAFTER_CRASH_DIR", __import__("tempfile").mkdtemp(prefix="drafter-crash-reports-"))
EXAMPLES = sorted((REPO / "examples").glob("*.yaml"))


def old_style_text(example: Path) -> str:
    """An example as an answers file from before figure references: every 【key】 written out as
    its number, no custom_figures or fixed_numbers (the examples put those at the end)."""
    import re

    from drafter.answers import load_report
    from drafter.figures.live import value_texts

    values = value_texts(load_report(example))
    text = example.read_text(encoding="utf-8")
    cut = text.find("# 正文里写【键名】")
    if cut >= 0:
        text = text[:cut]
    return re.sub(r"【([a-z][a-z0-9_]*)】", lambda m: values[m[1]], text)


def confirmed_old_style_text(example: Path) -> str:
    """`old_style_text`, its plain numbers confirmed as fixed wordings (`fixed_numbers`), as the
    questionnaire's number question leaves them: for tests of other questions, which then do
    not meet that one (tests/test_new_live_figures.py covers it)."""
    from ruamel.yaml import YAML

    from drafter.figures.literals import literal_numbers
    from drafter.figures.refs import data_texts

    text = old_style_text(example)
    data = YAML(typ="safe").load(text)
    tokens = list(dict.fromkeys(n.text for holder, key in data_texts(data) for n in literal_numbers(holder[key])))
    if not tokens:
        return text
    return text.rstrip("\n") + "\nfixed_numbers: [" + ", ".join(tokens) + "]\n"


@pytest.fixture
def cli():
    """Run `drafter ARGS…` in-process; returns click's Result (exit_code, stdout, stderr)."""
    from click.testing import CliRunner

    from drafter.cli import main

    def run(*args: str, input: str | None = None):
        return CliRunner().invoke(main, [str(a) for a in args], input=input, catch_exceptions=False)

    return run


@pytest.fixture
def example_text():
    """The text of a bundled example by stem, for tests that edit a copy."""

    def read(stem: str) -> str:
        return (REPO / "examples" / f"{stem}.yaml").read_text(encoding="utf-8")

    return read


def backup_of(path: Path) -> Path:
    """The one dated backup of `path` (草稿.docx → 草稿.bak-YYYYMMDD-HHMM.docx) that a --force made."""
    found = sorted(Path(path).parent.glob(f"{Path(path).stem}.bak-*{Path(path).suffix}"))
    assert len(found) == 1, f"expected one backup of {path}, found {found}"
    return found[0]
