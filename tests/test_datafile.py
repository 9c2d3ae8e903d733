"""The bundled data files: their parsed values kept beside them, used while the file is unchanged."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from drafter import datafile
from drafter.yaml_values import safe_yaml


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(datafile, "templates_dir", lambda: tmp_path)
    monkeypatch.setattr(sys, "pycache_prefix", None)
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    datafile.load_data.cache_clear()
    yield tmp_path
    datafile.load_data.cache_clear()


def _fresh_process():
    datafile.load_data.cache_clear()


def test_a_second_process_reads_the_kept_values_not_the_yaml(data_dir, monkeypatch):
    (data_dir / "units.yaml").write_text("units: [件, 人次]\nlimit: 3\n", encoding="utf-8")
    assert datafile.load_data("units.yaml") == {"units": ["件", "人次"], "limit": 3}
    assert list((data_dir / "__pycache__").glob("units.yaml.*.marshal"))
    _fresh_process()
    monkeypatch.setattr(datafile, "load_yaml_file", lambda path: pytest.fail("parsed the YAML again"))
    assert datafile.load_data("units.yaml") == {"units": ["件", "人次"], "limit": 3}


def test_an_edited_file_is_read_again(data_dir):
    path = data_dir / "units.yaml"
    path.write_text("limit: 3\n", encoding="utf-8")
    assert datafile.load_data("units.yaml") == {"limit": 3}
    path.write_text("limit: 30\n", encoding="utf-8")
    _fresh_process()
    assert datafile.load_data("units.yaml") == {"limit": 30}


def test_a_damaged_cache_is_not_used(data_dir):
    (data_dir / "units.yaml").write_text("limit: 3\n", encoding="utf-8")
    datafile.load_data("units.yaml")
    for cache in (data_dir / "__pycache__").glob("*.marshal"):
        cache.write_bytes(cache.read_bytes()[:-3])
    _fresh_process()
    assert datafile.load_data("units.yaml") == {"limit": 3}


def test_nothing_is_written_where_byte_code_would_not_be(data_dir, monkeypatch):
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    (data_dir / "units.yaml").write_text("limit: 3\n", encoding="utf-8")
    assert datafile.load_data("units.yaml") == {"limit": 3}
    assert not (data_dir / "__pycache__").exists()


def test_values_marshal_cannot_keep_are_read_from_the_yaml(data_dir):
    (data_dir / "dates.yaml").write_text("since: 2024-01-01\n", encoding="utf-8")
    assert str(datafile.load_data("dates.yaml")["since"]) == "2024-01-01"
    assert not list(data_dir.glob("__pycache__/dates.yaml.*"))


def test_the_bundled_files_read_the_same_through_the_cache():
    for name in ("catalogue.yaml", "wording.yaml", "check_rules.yaml", "structure.yaml"):
        assert datafile.load_data(name) == datafile.load_yaml_file(datafile.templates_dir() / name)


def test_the_fast_loader_reads_yaml_as_ruamel_does():
    """The loader told its YAML version at once reads the same values as ruamel's own."""
    from ruamel.yaml import YAML

    text = ("a: yes\nb: 010\nc: 1_000\nd: 2024-03-01\ne: ~\nf: .nan\ng: '5'\nh: [on, off, 0x1F]\n"
            "%s\n" % "i: 1:20")
    ours, theirs = safe_yaml().load(text), YAML(typ="safe").load(text)
    assert str(ours) == str(theirs)
    assert ours["a"] == "yes" and ours["b"] == 10  # YAML 1.2: no yes-booleans, no 0-octals
    for example in sorted((Path(__file__).resolve().parents[1] / "examples").glob("*.yaml")):
        assert safe_yaml().load(example.read_text(encoding="utf-8")) == YAML(typ="safe").load(
            example.read_text(encoding="utf-8"))
