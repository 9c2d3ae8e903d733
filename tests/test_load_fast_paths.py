"""The short cuts of reading an answers file give what the long way gives.

- drafter.yaml_values' walk of the C loader's tree (values as ruamel's safe loader reads them);
- drafter.answers skips `_plain`'s copy of values that walk made: `_plain` would not change them;
- drafter.cleaning_notes looks only at the texts `describe_cleaning` may speak of, and
  never into figures.

Inputs: the examples, texts written in several YAML styles, and hypothesis-made mixes of
keys, texts (with the characters the cleaning tells of, "&" and "【】"), numbers, dates, nulls.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from drafter.answers import _plain, _plain_values, read_text
from drafter.cleaning_notes import strings_to_describe
from drafter.text import nothing_to_describe
from drafter.yaml_values import read_document

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))

KEYS = st.sampled_from(["text", "title", "figures", "previous_figures", "name", "items", "a", "null", "true", "年度"])
TEXTS = st.text(alphabet=st.sampled_from(list("法治建设年度abc 1:-&*#【】\n\t\u00a0\u200b\u3000\x85\u2028\ufeff\"'")),
                max_size=12)
SCALARS = st.one_of(TEXTS, st.integers(-10, 10**12), st.floats(allow_nan=False), st.booleans(), st.none(),
                    st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 1, 1)))
DATA = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                      st.dictionaries(KEYS, inner, max_size=4)), max_leaves=20)


def _dumped(data, flow: bool) -> str:
    writer = YAML()
    writer.default_flow_style, writer.width, writer.allow_unicode = flow, 40, True
    stream = io.StringIO()
    writer.dump(data, stream)
    return stream.getvalue()


def _texts():
    for path in EXAMPLES:
        text = read_text(path)[0]
        data = YAML(typ="safe").load(text)
        yield text
        yield _dumped(data, True)
        yield _dumped(data, False)


def _shape(value):
    """The value with the type of every part, and whether any container is met twice."""
    seen: set[int] = set()

    def walk(node):
        if isinstance(node, (dict, list)):
            assert id(node) not in seen, "a container shared by two places"
            seen.add(id(node))
        if isinstance(node, dict):
            return {(type(k), k): walk(v) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v) for v in node]
        return type(node), node

    return walk(value)


def _check_walk(text: str) -> None:
    try:
        expected = YAML(typ="safe").load(text)
    except Exception:  # noqa: BLE001 - what ruamel refuses is compared in test_yaml_values
        return
    values, nodes = read_document(text)
    assert repr(values) == repr(expected)
    assert _shape(values) == _shape(expected) or nodes is None
    if nodes is not None and isinstance(values, dict):
        assert _plain_values(values, nodes, text) is values
        assert _shape(_plain(values)) == _shape(values)  # the copy skipped would change nothing


def test_the_examples_in_every_style_are_walked_and_need_no_copy():
    texts = list(_texts())
    assert len(texts) >= 9
    for text in texts:
        assert read_document(text)[1] is not None
        _check_walk(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.dictionaries(KEYS, DATA, min_size=1, max_size=5), flow=st.booleans())
def test_made_files_read_as_ruamel_reads_them_and_need_no_copy(data, flow):
    _check_walk(_dumped(data, flow))


def test_an_ampersand_in_a_text_is_walked_an_anchor_is_left_to_ruamel():
    values, nodes = read_document("a: R&D 中心\nb: [x&y]\nc: '&z'\n")
    assert values == {"a": "R&D 中心", "b": ["x&y"], "c": "&z"} and nodes is not None
    for text in ("a: &x {b: 1}\nc: *x\n", "a: &s text\nb: *s\n", "a: &a [*a]\n"):
        values, nodes = read_document(text)
        assert nodes is None
        assert repr(values) == repr(YAML(typ="safe").load(text))
    shared = read_document("a: &x {b: 1}\nc: *x\n")[0]
    assert shared["a"] is shared["c"]
    assert _plain_values(shared, None, "") is not shared  # ruamel's values are copied as before


def test_a_long_text_keeps_the_copy_that_counts_the_values():
    text = "a: [" + ", ".join(["1"] * 120_000) + "]\n"
    values, nodes = read_document(text)
    assert nodes is not None and _plain_values(values, nodes, text) is not values


def _old_strings(node, loc=()):
    """The walk cleaning_notes made before: every string, then the quick test and the figures."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _old_strings(value, loc + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _old_strings(value, loc + (index,))
    elif isinstance(node, str):
        yield loc, str(node)


def _old_to_describe(data):
    return [(loc, raw) for loc, raw in _old_strings(data) if not nothing_to_describe(raw)
            and not any(part in ("figures", "previous_figures") for part in loc)]


@settings(max_examples=400, deadline=None)
@given(data=DATA)
def test_the_texts_to_describe_are_those_the_full_walk_finds(data):
    assert strings_to_describe(data) == _old_to_describe(data)


def test_the_texts_to_describe_in_the_examples_and_a_dirty_file():
    for path in EXAMPLES:
        data = YAML(typ="safe").load(read_text(path)[0])
        assert strings_to_describe(data) == _old_to_describe(data)
    dirty = {"unit": {"name": "城管\n局"}, "measures": [{"figures": {"a": "5\u00a0件"}, "items": ["x\u200by", "ok"]}],
             "previous_figures": {"b": "\u200b"}, "other": [{"text": "a\u2028b"}]}
    assert strings_to_describe(dirty) == [(("unit", "name"), "城管\n局"), (("measures", 0, "items", 0), "x\u200by"),
                                           (("other", 0, "text"), "a\u2028b")]


@settings(max_examples=300, deadline=None)
@given(numbers=st.lists(st.one_of(
    st.integers(0, 10**20).map(str),
    st.tuples(st.sampled_from(["", "+", "-", "0", "00", "0x", "0o", "0b"]), st.integers(0, 99999),
              st.sampled_from(["", "_0", "1_2", ":30", ".5", "e3"])).map(lambda t: f"{t[0]}{t[1]}{t[2]}"),
), min_size=1, max_size=8))
def test_numbers_in_every_form_read_as_ruamel_reads_them(numbers):
    """Plain digits become int() at once; every other number is ruamel's to make."""
    text = "".join(f"k{n}: {number}\n" for n, number in enumerate(numbers)) + "list:\n" + "".join(
        f"- {number}\n" for number in numbers)
    _check_walk(text)
    assert read_document(text)[1] is not None  # walked, not left to ruamel


@settings(max_examples=300, deadline=None)
@given(value=TEXTS)
def test_a_line_is_cleaned_as_the_join_of_its_lines(value):
    """clean_line returns a text without a line break at once: as joining its one line would."""
    from drafter.text import clean_line, clean_text, lines

    parts = lines(clean_text(value))
    joined = parts[0] if parts else ""
    for part in parts[1:]:
        latin = joined[-1].isascii() and joined[-1].isalnum() and part[0].isascii() and part[0].isalnum()
        joined += (" " if latin else "") + part
    assert clean_line(value) == joined


_LINE = st.lists(st.sampled_from(["  ", "\t", "\u3000", "- ", "key", "name_2", ":", "：", " ", "x", "#", "/", "\r", "? "]),
                 max_size=6).map("".join)


@settings(max_examples=400, deadline=None)
@given(lines=st.lists(_LINE, max_size=12))
def test_the_lines_looked_at_for_slips_and_the_depth_bound_are_those_of_a_line_start_pattern(lines):
    """The patterns matched from the line end before each line find what "^" of MULTILINE finds."""
    import re

    from drafter.safe_read import yaml_depth_bound
    from drafter.slips import _KEY, _maybe_slipped

    text = "\n".join(lines)
    maybe = re.compile(rf"^[ \t\u3000]*(?:[\t\u3000]|(?:- )?{_KEY}(?:[ \u3000]*：|:[^\s:/]))", re.MULTILINE)
    assert _maybe_slipped(text) == [text.count("\n", 0, m.start()) + 1 for m in maybe.finditer(text)]
    line_start = re.compile(r"^[ \t]*(?:[-?:][ \t]+)*", re.MULTILINE)
    assert yaml_depth_bound(text) == text.count("[") + text.count("{") + max(map(len, line_start.findall(text)), default=0)


@settings(max_examples=500, deadline=None)
@given(value=st.text(alphabet=st.sampled_from(list(" \t\n\r\x0b\x85\u00a0\u200b\u2028\u3000\ufeffe\u0301法a")), max_size=12))
def test_a_clean_text_is_told_as_the_one_pattern_told_it(value):
    """`_is_clean`: the character set scanned once, the line ends looked for as strings."""
    import re
    import unicodedata

    from drafter.text import _UNCLEAN, _is_clean, clean_text

    one_pattern = re.compile(f"{_UNCLEAN.pattern}|[ \\t]\\n|\\n\\n\\n")
    assert _is_clean(value) == (one_pattern.search(value) is None and unicodedata.is_normalized("NFC", value))
    if _is_clean(value):
        assert clean_text(value) == value.strip()


def test_no_character_the_cleaning_replaces_or_removes_is_printable():
    """`_is_clean` takes a printable text (`str.isprintable`) for one without any of them."""
    import re

    from drafter.text import _CLEANED, _is_clean

    cleaned = re.compile(f"[{_CLEANED}]")
    for code in range(0x110000):
        if cleaned.match(chr(code)):
            assert not chr(code).isprintable(), hex(code)
            assert not _is_clean(f"甲{chr(code)}乙"), hex(code)
    assert not "\n".isprintable() and not "\t".isprintable()  # a text with them goes on to the pattern
    assert _is_clean("全角\u3000空格") and _is_clean("第一行\n第二行") and _is_clean("甲\t乙")
    assert not _is_clean("e\u0301") and not _is_clean("甲 \n乙")


def test_a_character_yaml_refuses_is_one_the_cleaning_tells_of():
    """load_answers skips remove_forbidden's scan when nothing_to_describe_in_lines finds nothing."""
    from drafter.answers import _YAML_FORBIDDEN
    from drafter.text import nothing_to_describe_in_lines

    for code in range(0x110000):
        if _YAML_FORBIDDEN.match(chr(code)):
            assert not nothing_to_describe_in_lines(f"a{chr(code)}b"), hex(code)
    assert nothing_to_describe_in_lines("第一行\n第二行：\t全角\u3000空格")


def _coerced(indicator, value):
    """What `_coerce_figure` gives, or the error's type and message."""
    from pydantic_core import PydanticCustomError

    from drafter.model import _coerce_figure

    try:
        return _coerce_figure(indicator, value)
    except PydanticCustomError as error:
        return (error.type, error.message())


@settings(max_examples=400, deadline=None)
@given(value=st.one_of(st.integers(-5, 10**9), st.sampled_from([0, 1, 100_000_000, 100_000_001, -1, True, False])))
def test_a_whole_number_figure_is_coerced_as_the_long_way_coerced_it(value):
    """The quick return of a whole number in range gives what the checks one by one give (they
    run for the same number written as a text without its unit, "59", which takes the long way)."""
    from drafter.catalogue import catalogue

    for indicator in {ind.type: ind for ind in catalogue().indicators.values()}.values():
        fast = _coerced(indicator, value)
        if type(value) is int and value >= 0:
            long_way = _coerced(indicator, str(value))
            assert fast == long_way and type(fast) is type(long_way), (indicator.type, value)
        if indicator.type == "flag":
            assert fast == (value if type(value) is bool else ("figure_flag", "应填写 true（是）或 false（否）"))
        elif type(value) is bool:
            assert fast[0] == "figure_number"
        elif value < 0:
            assert fast[0] == "figure_negative"
        elif value > 100_000_000:
            assert fast[0] == "figure_absurd"
        else:
            assert fast == value and type(fast) is int



def test_the_lengths_of_a_text_and_a_line_are_checked_after_the_cleaning(tmp_path):
    """The str schema's own length checks: an answer of only invisible characters is empty once
    cleaned, a long one is told with its cleaned length, for a text as for a line."""
    import pytest

    from drafter.answers import InvalidAnswers, load_answers

    example = (ROOT / "examples" / "county-urban-management-bureau.yaml").read_text(encoding="utf-8")
    cases = [  # (what is replaced, by what, the message; None: accepted)
        ("name: 西峡县城市管理局", "name: '\u200b '", "单位名称：不能为空"),
        ("name: 西峡县城市管理局", "name: " + "局" * 20_001 + "\u200b", "内容过长（20001 字，上限 20000 字）"),
        ("name: 西峡县城市管理局", "name: " + "局" * 20_000 + "\u200b", None),
        ("title: 健全领导机制", "title: '\u200b'", None),  # an optional line: left blank
        ("opening_focus: 紧扣城市管理主责主业，", "opening_focus: '\u200b'", None),
        ("text: 局法治建设领导小组由局长任组长，领导班子其他成员按分工各负其责，年度述法成为班子成员的固定动作。",
         "text: '\u200b'", "内容：不能为空"),
        ("text: 局法治建设", "text: " + "法" * 20_000 + "局法治建设", "内容过长（20048 字，上限 20000 字）"),  # 20000 + the 48 after them
    ]
    for original, changed, told in cases:
        path = tmp_path / "a.yaml"
        path.write_text(example.replace(original, changed, 1), encoding="utf-8")
        if told is None:
            load_answers(path)
            continue
        with pytest.raises(InvalidAnswers) as error:
            load_answers(path)
        assert told in str(error.value)
