"""The round-trip YAML of answers files: comments, key order, quotes and line numbers kept."""

from __future__ import annotations

import io
from typing import Any


def round_trip_yaml():
    """ruamel's round-trip YAML as drafter reads and writes answers files."""
    from ruamel.yaml import YAML

    yaml = YAML()  # round-trip: keeps comments, order and line numbers
    yaml.Constructor = _constructor()
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096
    yaml.allow_unicode = True
    yaml.preserve_quotes = True
    return yaml


def _constructor():
    """ruamel's round-trip constructor, but an impossible date ("2025-02-30") stays text.

    ruamel would raise a bare ValueError without a line; as text, the model names the field
    and the line.
    """
    from ruamel.yaml.constructor import RoundTripConstructor

    class Constructor(RoundTripConstructor):
        def construct_yaml_timestamp(self, node, values=None):
            try:
                return super().construct_yaml_timestamp(node, values)
            except (ValueError, OverflowError):
                return str(node.value)

        def construct_yaml_int(self, node):
            try:
                return super().construct_yaml_int(node)
            except ValueError:  # more than 4,300 digits: the model says "过大" for the field
                return str(node.value)

    Constructor.add_constructor("tag:yaml.org,2002:timestamp", Constructor.construct_yaml_timestamp)
    Constructor.add_constructor("tag:yaml.org,2002:int", Constructor.construct_yaml_int)
    return Constructor


def dump_yaml(data: Any) -> str:
    stream = io.StringIO()
    round_trip_yaml().dump(data, stream)
    return stream.getvalue()
