"""drafter.yaml_block's line reader gives what the C loader's walk gives (drafter.yaml_values.
read_document, itself checked against ruamel's safe loader): the same values of the same types,
the same line for every field, each text a piece of one line (so that the notes of
drafter.cleaning_notes need not be looked for in a file whose lines have nothing to
describe); and None (the text left to the parser) for every text it does not
know, among them every text ruamel refuses.

Inputs: the examples in several YAML styles, and texts made of random lines mixing what answers
files hold with what YAML gives another meaning to (comments, quotes, brackets, anchors, tags,
colons, dashes, odd indents, tabs, keys YAML reads as numbers).
"""

from __future__ import annotations

import io
import random
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from test_load_fast_paths import DATA, KEYS

from drafter.answers import load_answers, read_text
from drafter.cleaning_notes import strings_to_describe
from drafter.problems import line_of_node
from drafter.text import nothing_to_describe_in_lines
from drafter.yaml_block import _LINES as LINE_PARTS
from drafter.yaml_block import read_block
from drafter.yaml_values import read_document

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))

_DASHES = ["", "", "", "- ", "-  ", "-", "- - "]
_KEYS = ["text", "title", "name", "figures", "items", "a", "年度", "t", "true", "null", "n", "2024", "x-y",
         "a.b", "_k", "on", "~", "1e3", "k" * 130, "a b", "<<", "=", "text", "title"]
_AFTER_KEY = [": ", ": ", ":", ":  ", " : ", ":\t", ":x "]
_VALUES = ["法治建设", "59", "0", "007", "1_000", "-5", "+3", "3.5", ".5", "1e3", "0x1F", "0o17", "true", "False",
           "TRUE", "yes", "null", "~", "Null", "2025-03-20", "2025-02-30", "2025-3-2", "2025-03-20 10:30",
           "10:30", "http://x.cn", "a: b", "a:", "a :b", "C#", "a #c", "#c", "[a, b]", "[]", "[ ]", "[a,b,]",
           "[a, [b]]", "[a: 1]", "[-a]", "[ - a]", "[true, 3, ~]", "{a: 1, b: 次}", "{}", "{a: 1, a: 2}",
           "{a:1}", "{a: b: c}", "{2024: x}", "{ a: 1 ,b:  2 }", "{a: -1}", "{a: x y , b: 次 }", "{a: 'q'}",
           "{a: ,}", "{a: 1,}", "{ }", "{a:  }", "{-a: 1}", "{a : 1}", "{a: 1, b: true, c: ~}", "{a: 2025-03-20}",
           "{a: b,c: d}", "{年度: 2024}", "{a.b: x-y}", '"引号"', '"a\\"b"', '"a" #c', '"a"b', "'单引号'", "'it''s'",
           "'a' #c", "&x 值", "*x", "!!str 5", "!x a", "| ", "|", ">", "%x", "@x", "`x", "?x", ",x", "]x",
           "{x", "x]", "x}", "a, b", "值 ", "值  # 注释", "\u3000全角空格", "\xa0a", "a\u200bb", "１２", "²",
           "٣", "- a", "--- a", "...", "\t", "a\tb", "\ufeffa", "a\u2028b", "a\x85b", "a\rb", ""]
_COMMENTS = ["", "", "", "  # 注释", " #c", "#c", "\t# c"]
_LINES = ["", "# 注释", "   # 注释", "---", "...", "%YAML 1.2", "  ", "\t", "续行文字", "  续行文字"]


_GOOD = {"dash": ["", "", "- "], "key": ["text", "title", "name", "items", "年度", "a", "x-y", "t", "n"],
         "after": [": "], "value": ["法治建设", "59", "0", "true", "null", "~", "2025-03-20", "[a, b]",
                                     "{a: 1, b: 次}", "'单引号'", '"引号"', "C#", "3.5", ""], "comment": [""]}


def _pick(rng: random.Random, part: str, wild: list[str]) -> str:
    return rng.choice(wild) if rng.random() < 0.06 else rng.choice(_GOOD[part])


def _made_line(rng: random.Random) -> str:
    if rng.random() < 0.05:
        return rng.choice(_LINES)
    line = _pick(rng, "dash", _DASHES)
    if rng.random() < 0.85:
        line += _pick(rng, "key", _KEYS) + _pick(rng, "after", _AFTER_KEY)
    return line + _pick(rng, "value", _VALUES) + _pick(rng, "comment", _COMMENTS)


def _made_text(rng: random.Random) -> str:
    """A text of random lines, each at a column where the line before lets it be (deeper after a
    key without a value, else at a column already open), now and then anywhere, and now and then
    with what YAML gives another meaning to."""
    lines: list[str] = []
    columns = [0]
    for _ in range(rng.randint(1, 14)):
        line = _made_line(rng)
        if lines:
            before = lines[-1]
            inner = len(before) - len(before.lstrip(" -"))
            if before.rstrip().endswith(":"):
                columns.append(inner + rng.choice([2, 2, 0, 4]))
                column = columns[-1]
            elif rng.random() < 0.1:
                column = rng.randint(0, 7)
            else:
                column = rng.choice([inner, inner, *columns])
            line = " " * column + line
        lines.append(line)
    return "\n".join(lines) + rng.choice(["\n", "", "\n\n"])


def _locs(value, loc=()):
    yield loc
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from _locs(inner, loc + (key,))
        yield loc + ("absent",)
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from _locs(inner, loc + (index,))
        yield loc + (len(value),)
        yield loc + ("0",)


def _typed(value):
    if isinstance(value, dict):
        return {(type(k), k): _typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_typed(v) for v in value]
    return type(value), value


def _check(text: str) -> bool:
    """Whether the reader read `text`; asserts that it read it as the C loader's walk does."""
    block = read_block(text)
    if block is None:
        return False
    values, spots = block
    expected, nodes = read_document(text)  # raises where ruamel refuses the text: the reader must not read it
    assert nodes is not None, text
    assert _typed(values) == _typed(expected), text
    for loc in _locs(values):
        assert spots.line_of(loc) == line_of_node(nodes, loc), (text, loc)
    # drafter.answers skips the cleaning notes' walk when no line has anything to describe
    lines = text.split("\n")
    assert all(any(piece in line for line in lines) for piece in _strings(values)), text
    if nothing_to_describe_in_lines(text):
        assert strings_to_describe(values) == [], text
    return True


def _strings(value):
    if isinstance(value, dict):
        for inner in value.values():
            yield from _strings(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _strings(inner)
    elif isinstance(value, str):
        yield value


def _dumped(data, flow: bool) -> str:
    writer = YAML()
    writer.default_flow_style, writer.width, writer.allow_unicode = flow, 4096, True
    stream = io.StringIO()
    writer.dump(data, stream)
    return stream.getvalue()


def test_the_examples_are_read_by_the_line_reader_as_the_walk_reads_them():
    for path in EXAMPLES:
        text = read_text(path)[0]
        assert _check(text), path
        _check(_dumped(YAML(typ="safe").load(text), None))
        _check(_dumped(YAML(typ="safe").load(text), False))


def test_random_texts_are_read_as_the_walk_reads_them_or_left_to_the_parser():
    rng = random.Random(17)
    read = 0
    for _ in range(3000):
        read += _check(_made_text(rng))
    assert read > 150  # the reader reads a fair share of them: the comparison compares something


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.dictionaries(KEYS, DATA, min_size=1, max_size=5), flow=st.sampled_from([None, False]))
def test_made_files_are_read_as_the_walk_reads_them(data, flow):
    _check(_dumped(data, flow))


def test_what_the_reader_leaves_to_the_parser():
    for text in ("a: 1\n  b: 2\n", "a: x\n  续行\n", "a: |\n  文字\n", "a: &x 1\nb: *x\n", "a: 1\na: 2\n",
                 "2024: x\n", "a: !!str 5\n", "- a\n", "a:\n\tb: 1\n", "a: b: c\n", "a: [x, [y]]\n",
                 "a:\n    b: 1\n  c: 2\n", "a: 1\n- b\n", "a: '未闭合\n", "a: 1 # c\n---\nb: 2\n", "# 只有注释\n"):
        assert read_block(text) is None, text


def test_a_file_read_by_the_line_reader_tells_its_notes_and_warnings_with_their_lines(tmp_path):
    """A text to clean and a figure the text refers to but is not given, on known lines."""
    text = read_text(EXAMPLES[0])[0]
    assert read_block(text) is not None
    path = tmp_path / "a.yaml"
    path.write_text(text.replace("name: 西峡县城市管理局", "name: 西峡县城市\u200b管理局"), encoding="utf-8")
    loaded = load_answers(path)
    line = next(n for n, row in enumerate(text.split("\n"), 1) if row.lstrip().startswith("name: 西峡县"))
    assert any(note.startswith(f"第 {line} 行") for note in loaded.notes), loaded.notes


def _line_parts_one_by_one(text: str) -> list[tuple[str, str, str, str]]:
    """Each line's indent, dash, key and value as the reader once found them, line by line: the
    parts, then the value cut at its comment (" #", or "#" first) and stripped of spaces."""
    parts = []
    for line in text.split("\n"):
        indent, dash, key, rest = re.fullmatch(r"( *)(- +)?(?:([^\W][\w.-]{0,127}):(?= |$))? *(.*)", line).groups()
        comment = 0 if rest[:1] == "#" else rest.find(" #")
        value = (rest if comment < 0 else rest[:comment]).rstrip(" ")
        parts.append((indent, dash or "", key or "", value))
    return parts


@settings(max_examples=400, deadline=None)
@given(text=st.text(st.sampled_from(" #-:ak年\n\t\u3000'\"[]"), max_size=60))
def test_the_one_pattern_split_finds_each_line_s_parts_as_reading_line_by_line(text):
    assert LINE_PARTS.findall(text) == _line_parts_one_by_one(text)


def test_the_split_of_the_examples_and_random_texts_is_that_of_reading_line_by_line():
    rng = random.Random(5)
    texts = [read_text(path)[0] for path in EXAMPLES] + [_made_text(rng) for _ in range(2000)]
    for text in texts:
        assert LINE_PARTS.findall(text) == _line_parts_one_by_one(text), text
