"""drafter.yaml_values reads every YAML text as ruamel's own safe loader does: the same values
(types included), the same shared objects for aliases, the same errors with the same messages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from drafter import yaml_values
from drafter.yaml_values import read_values

ROOT = Path(__file__).resolve().parents[1]

TEXTS = [
    "a: 1\nb: [1, 2.5, true, null, 2024-01-01, ~, '', \"x\"]\n",
    "a: 0o17\nb: 0x1F\nc: 0b101\nd: 1_000\ne: 010\nf: +5\ng: -0.5e3\nh: .inf\ni: -.INF\nj: .NaN\nk: 1:20\n",
    "a: yes\nb: on\nc: No\nd: True\ne: FALSE\nf: 2024-01-01 10:00:00\ng: 2024-01-01T10:00:00Z\n",
    "a: ~\nb: Null\nc: NULL\nd: null\ne:\nf: <<\ng: =\n",
    "2025: x\n1.5: y\ntrue: z\nnull: w\n",  # keys that are not text: ruamel's constructor
    "a: &x {b: 1}\nc: *x\n",  # an alias
    "a: &a [*a]\n",  # an alias of itself
    "base: &b {x: 1, y: 2}\nd:\n  <<: *b\n  y: 3\n",  # a merge key
    "d: {<<: [{a: 1}, {b: 2}], c: 3}\n",
    "=: x\n",
    "a: !!str 5\nb: !!int '7'\nc: !!binary aGVsbG8=\nd: !!set {x, y}\ne: !!omap [a: 1, b: 2]\n",
    "a: !<tag:yaml.org,2002:str> 5\nb: !!null ''\nc: !!float 1\n",
    "[1, 2]: x\n",
    "a: |\n  lit\n  two\nb: >\n  folded\n  text\nc: 'it''s'\nd: \"\\u4e2d\\t\"\n",
    "- a\n- b\n",
    "plain\n",
    "",
    "# only a comment\n",
    # errors
    "a: 1\na: 2\n",
    "a: 2025-02-30\n",
    "a: !!binary '???'\n",
    "a: !custom x\n",
    "a: !!pairs [a: 1, a: 2]\n",
    "{a: 1}: x\n",
    "a: b: c\n",
    "a: [1, 2\n",
    "a:\n\t- x\n",
    "---\na: 1\n---\nb: 2\n",
    "<<: {a: 1}\n<<: {b: 2}\n",
]


def _outcome(load, text: str):
    try:
        value = load(text)
    except Exception as error:  # noqa: BLE001 - the errors are compared
        return "error", type(error), str(error)
    return "value", repr(value), _types(value)


def _types(value, parents: tuple = ()):
    if id(value) in parents:
        return "itself"
    inner = parents + (id(value),)
    if isinstance(value, dict):
        return {repr(k): (type(k), _types(v, inner)) for k, v in value.items()}
    if isinstance(value, (list, set)):
        return [_types(v, inner) for v in value]
    return type(value)


def _files() -> list[Path]:
    return sorted((ROOT / "examples").glob("*.yaml")) + sorted((ROOT / "templates").glob("*.yaml"))


@pytest.mark.parametrize("text", TEXTS)
def test_a_text_reads_as_ruamel_reads_it(text):
    assert _outcome(read_values, text) == _outcome(YAML(typ="safe").load, text)


def test_the_examples_and_data_files_read_as_ruamel_reads_them():
    assert len(_files()) > 5
    for path in _files():
        text = path.read_text(encoding="utf-8")
        assert _outcome(read_values, text) == _outcome(YAML(typ="safe").load, text), path.name


def test_the_direct_walk_is_taken_for_a_plain_file_and_left_for_an_alias(monkeypatch):
    """The fast walk reads the examples itself; an alias goes to ruamel's constructor, which
    gives both places the same object."""
    assert yaml_values._loader_class() is not None, "ruamel.yaml.clib (the C parser) is not installed"
    left: list = []
    construct = yaml_values._loader_class().construct_document
    monkeypatch.setattr(yaml_values._loader_class(), "construct_document",
                        lambda self, node: left.append(node) or construct(self, node))
    values = read_values((ROOT / "examples" / "county-urban-management-bureau.yaml").read_text(encoding="utf-8"))
    assert not left
    assert values["year"] == 2024 and values["unit"]["written_on"] == dt.date(2025, 3, 20)
    shared = read_values("a: &x {b: 1}\nc: *x\n")
    assert len(left) == 1 and shared["a"] is shared["c"]


def _locations(data, loc: tuple = ()):
    yield loc
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _locations(value, loc + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _locations(value, loc + (index,))


def _styles(text: str) -> list[str]:
    """The text, and its values written again in flow style, block style and other indents."""
    import io

    data = YAML(typ="safe").load(text)
    out = [text]
    for flow in (True, False):
        writer = YAML()
        writer.default_flow_style, writer.width, writer.allow_unicode = flow, 60, True
        stream = io.StringIO()
        writer.dump(data, stream)
        out.append(stream.getvalue())
    writer = YAML()
    writer.indent(mapping=4, sequence=2, offset=0)
    writer.allow_unicode = True
    stream = io.StringIO()
    writer.dump(data, stream)
    return out + [stream.getvalue()]


def test_the_node_tree_gives_every_field_the_line_the_round_trip_yaml_gives_it():
    """A warning's or a note's line is read off the C parser's nodes (problems.line_of_node), not
    the round-trip parse: for every field of these files, and for places below, beside and past
    each (a message may name a field the file lacks), both give the same line."""
    from drafter.answers import parse_yaml
    from drafter.problems import line_of, line_of_node
    from drafter.yaml_values import read_document

    texts = [text for path in sorted((ROOT / "examples").glob("*.yaml")) for text in _styles(path.read_text("utf-8"))]
    texts += [
        "a:\n  -\n    x\n  - |\n    lit\n  - >-\n    fold\n\n    ed\nb: {c: 1,\n  d: [1,\n   2]}\n? e\n: f\n",
        "# a comment\n\n---\na: 1 # x\n\n\nb:\n\n  - 1\n...\n",
        "a: \"multi\n  line\"\nb: 'q\n\n  r'\nc:\n- x\n- - y\n  - z\n",
    ]
    probes = 0
    for text in texts:
        round_trip = parse_yaml(text, Path("答卷.yaml"))
        values, nodes = read_document(text)
        assert nodes is not None
        for loc in _locations(values):
            for probe in (loc, loc + ("missing",), loc + (999,), loc + (0,)):
                assert line_of_node(nodes, probe) == line_of(round_trip, probe), (text[:40], probe)
                probes += 1
    assert probes > 2000


def test_no_node_tree_where_ruamel_constructed_the_values():
    from drafter.yaml_values import read_document

    assert read_document("a: &x {b: 1}\nc: *x\n")[1] is None
    assert read_document("2025: x\n")[1] is None
    assert read_document("a: 1\n")[1].start_mark.line == 0


def test_a_ruamel_this_module_cannot_assemble_is_read_by_the_safe_loader(monkeypatch):
    """Where ruamel's insides are not those drafter.yaml_values reads (an attribute renamed in a
    later version), the values still come, through ruamel's own safe loader, without a tree."""
    from drafter import yaml_values

    def renamed():
        raise AttributeError("'LazyEval' object has no attribute 'lazy_self'")

    monkeypatch.setattr(yaml_values, "_assemble", renamed)
    yaml_values._loader_class.cache_clear()
    try:
        assert yaml_values.read_document("a: 1\nb: [x, 2024-01-01]\n") == ({"a": 1, "b": ["x", dt.date(2024, 1, 1)]}, None)
    finally:
        yaml_values._loader_class.cache_clear()
