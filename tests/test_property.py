"""Property tests (hypothesis): arbitrary valid answers render to a sound .docx saying exactly what
was answered; arbitrary broken files give a UserError, never a traceback.

The answers go the clerk's way: Python data → `dump_yaml` (what `save_answers` writes) → a file →
`load_answers` → `render_report`. So the YAML writer, the reader, the cleaning, the composer and
docxtpl are all under test.

"Exactly once": every answered text ends with a label (⁅7⁆) that occurs nowhere else, so each
line of an answer is a substring of exactly one paragraph of the .docx, once, whatever the
ordinals (一是, （一）) and full stops the composer adds around it. The unit name is the one
text that appears more than once by design (title, opening, and signature unless a signatory
is given).

Example counts are kept moderate (about 25 s in all on 2 cores); multiply them locally with
PROPERTY_SCALE=20 (the settings are per test, so other test files' hypothesis settings are untouched).
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from lxml import etree

from conftest import REPO
from drafts import open_draft

from drafter.answers import dump_yaml, load_answers
from drafter.catalogue import catalogue
from drafter.document import compose
from drafter.errors import UserError
from drafter.model import ACCEPTED_ORDERS, Report
from drafter.render import render_report
from drafter.text import lines

SCALE = int(os.environ.get("PROPERTY_SCALE", "1"))


def examples(n: int) -> settings:
    return settings(max_examples=n * SCALE, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


# Examples run, per property, printed by the last test of this file.
RUNS: dict[str, int] = {}

# ---------------------------------------------------------------- texts

LABEL_OPEN, LABEL_CLOSE = "\u2045", "\u2046"  # ⁅ ⁆
LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
# What Word and web pages leave in pasted text, and what XML and docx templates are touchy about.
TRICKY = [
    "\x00", "\x07", "\x0b", "\x0c", "\x1b", "\x7f", "\x9f", "\u00a0", "\u00ad", "\u200b", "\u200d", "\u200e",
    "\u202e", "\u2060", "\ufeff", "\ufffe", "\uffff", "\ud800", "\udfff", "\u3000", "\t", "&", "<", ">", '"', "'",
    "&amp;", "<w:t>", "]]>", "{{", "}}", "{%", "%}", "{_{", "}_}", "{_%", "%_}", "😀", "👨‍👩‍👧", "é", "e\u0301", "法治", "R&D", "ＡＢＣ", "\\",
    "\u2028", "\r\n",
]
anything = st.one_of(st.characters(exclude_categories=()), st.sampled_from(TRICKY))
visible = st.one_of(st.characters(categories=("L", "N", "P", "S")), st.sampled_from(["法", "治", "A", "1", "&", "<", "😀"]))


def joined(pieces, min_size: int = 0, max_size: int = 24):
    """Text made of characters and multi-character pieces."""
    return st.lists(pieces, min_size=min_size, max_size=max_size).map("".join)


def core_text(max_size: int = 24):
    """Any text with no line break and no label bracket: the part of an answer that is arbitrary."""
    return joined(
        st.one_of(st.characters(exclude_categories=(), exclude_characters=LINE_BREAKS + LABEL_OPEN + LABEL_CLOSE),
                  st.sampled_from([t for t in TRICKY if not set(t) & set(LINE_BREAKS)])),
        max_size=max_size,
    )


def free_text(multiline: bool):
    """Any text at all that still has something visible in it (so the model accepts it)."""
    junk = joined(anything, max_size=12)
    if not multiline:
        junk = junk.map(lambda s: "".join(c for c in s if c not in LINE_BREAKS))
    return st.tuples(junk, joined(visible, min_size=1, max_size=8), junk).map("".join)


class Texts:
    """Hands out answer texts: labelled (unique, for the exactly-once check) or free."""

    def __init__(self, draw, labelled: bool):
        self.draw, self.labelled, self.count = draw, labelled, 0

    def __call__(self, multiline: bool = True) -> str:
        if not self.labelled:
            return self.draw(free_text(multiline))
        n_lines = self.draw(st.integers(1, 3)) if multiline else 1
        parts = []
        for _ in range(n_lines):
            self.count += 1
            parts.append(self.draw(core_text()) + f"{LABEL_OPEN}{self.count}{LABEL_CLOSE}")
        separators = st.sampled_from(["\n", "\r\n", "\x0b", "\u2028", "\n\n\n", "\n  "])
        text = parts[0]
        for part in parts[1:]:
            text += self.draw(separators) + part
        return text


# ---------------------------------------------------------------- answers


def _figure_value(draw, key: str):
    indicator = catalogue().indicators[key]
    if indicator.type == "flag":
        return draw(st.booleans())
    if indicator.type == "amount":
        return draw(st.one_of(st.integers(0, 10**6), st.floats(0, 10**6, allow_nan=False, allow_infinity=False)))
    return draw(st.integers(0, 10**6))


def _respect_constraints(figures: dict) -> None:
    """Raise totals until every part ≤ its total (nested constraints settle in a few rounds)."""
    for _ in range(5):
        for constraint in catalogue().constraints:
            total = constraint.total
            present = [figures[p] for p in constraint.parts if p in figures]
            if total in figures and present and sum(present) > figures[total]:
                figures[total] = sum(present)


def _as_typed(draw, key: str, value):
    """A figure as a clerk may type it: 59, "59", "59件", "1,234"."""
    unit = catalogue().indicators[key].unit
    if isinstance(value, bool) or not isinstance(value, int):
        return value
    form = draw(st.sampled_from(["int", "int", "str", "unit", "comma"]))
    if form == "str":
        return str(value)
    if form == "unit" and unit:
        return f"{value}{unit}"
    if form == "comma":
        return f"{value:,}"
    return value


@st.composite
def answers(draw, labelled: bool = True):
    """A valid answers mapping: any topic subset, any figures within the constraints, either order."""
    text = Texts(draw, labelled)
    cat = catalogue()
    year = draw(st.integers(2000, 2099))

    def items(min_size: int = 0):
        out = []
        for _ in range(draw(st.integers(min_size, 3))):
            if draw(st.booleans()):
                out.append(text())
            else:
                item = {"text": text()}
                if draw(st.booleans()):
                    item["title"] = text(multiline=False)
                out.append(item)
        return out

    keys = draw(st.lists(st.sampled_from(sorted(cat.topics)), min_size=1, max_size=4, unique=True))
    figures_all: dict = {}
    blocks: list[dict] = []
    measures = []
    for key in keys:
        topic: dict = {"key": key}
        if draw(st.booleans()):
            topic["title"] = text(multiline=False)
        chosen = draw(st.lists(st.sampled_from(cat.topics[key].indicators), unique=True, max_size=4)) \
            if cat.topics[key].indicators else []
        figures = {k: _figure_value(draw, k) for k in chosen}
        topic["items"] = items(min_size=0 if figures else 1)
        blocks.append(figures)
        figures_all.update(figures)
        measures.append(topic)
    if draw(st.booleans()):
        measures.append({"key": "custom", "title": text(multiline=False), "items": items(min_size=1)})
    measures = draw(st.permutations(measures))

    duty_keys = draw(st.lists(st.sampled_from(cat.duty_indicators), unique=True, max_size=3))
    duty_figures = {k: _figure_value(draw, k) for k in duty_keys if k not in figures_all}
    blocks.append(duty_figures)
    figures_all.update(duty_figures)
    _respect_constraints(figures_all)
    for block in blocks:
        for key in block:
            block[key] = _as_typed(draw, key, figures_all[key])
    by_key = dict(zip(keys, blocks[:-1]))  # attached by key, so the permutation cannot misplace them
    for topic in measures:
        if topic["key"] != "custom" and by_key.get(topic["key"]):
            topic["figures"] = by_key[topic["key"]]

    unit = {
        "name": text(multiline=False),
        "kind": draw(st.sampled_from(["人民政府", "政府部门", "乡镇街道", "事业单位"])),
        "superiors": text(multiline=False),
    }
    if draw(st.booleans()):
        unit["recipient"] = text(multiline=False)
    if draw(st.booleans()):
        unit["signatory"] = text(multiline=False)
    if draw(st.booleans()):
        unit["written_on"] = draw(st.dates(dt.date(year, 12, 1), dt.date(year + 1, 12, 31)))
    if draw(st.booleans()):
        unit["has_enforcement_power"] = draw(st.booleans())

    order = list(draw(st.sampled_from(ACCEPTED_ORDERS)))
    data = {
        "year": year,
        "unit": unit,
        "layout": {"part_order": [p.value for p in order], "items_as": draw(st.sampled_from(["paragraphs", "run"]))},
        "measures": measures,
        "shortcomings": [{"problem": text(multiline=False), "cause": text()} for _ in range(draw(st.integers(1, 3)))],
        "duty": {"items": items(min_size=0 if duty_figures else 1), "figures": duty_figures},
        "plans": [{"title": text(multiline=False), "text": text()} for _ in range(draw(st.integers(1, 3)))],
    }
    if draw(st.booleans()):
        data["opening_focus"] = text(multiline=False)
    if draw(st.booleans()):
        data["other"] = items(min_size=1)
        if draw(st.booleans()):
            data["layout"]["part_order"].append("other")
    if figures_all and draw(st.booleans()):
        previous = draw(st.lists(st.sampled_from(sorted(figures_all)), unique=True, max_size=3))
        data["previous_figures"] = {k: _figure_value(draw, k) for k in previous}
    return data


def _through_the_file(data: dict, directory: Path):
    """Write `data` as save_answers would, then read it back as drafter render does."""
    path = directory / "answers.yaml"
    path.write_text(dump_yaml(data), encoding="utf-8")
    return load_answers(path)


def _check_docx(blob: bytes) -> list[str]:
    """The .docx reopens and every XML part is well-formed; returns its non-empty paragraphs.

    A long title is set in balanced lines (drafter.title) joined by line breaks, which may fall
    inside the unit's name: those breaks are not part of any answered text.
    """
    with zipfile.ZipFile(io.BytesIO(blob)) as archive:
        for name in archive.namelist():
            if name.endswith((".xml", ".rels")):
                etree.fromstring(archive.read(name))
    return [p.text.replace("\n", "") for p in open_draft(io.BytesIO(blob)).paragraphs if p.text]


def _answered_texts(report: Report) -> list[tuple[str, int]]:
    """(expected substring, how many times it must appear) for every text the clerk answered."""
    single: list[str] = [report.unit.superiors]
    multi: list[str] = []
    if report.unit.recipient:
        single.append(report.unit.recipient)
    if report.unit.signatory:
        single.append(report.unit.signatory)
    if report.opening_focus is not None:
        single.append(report.opening_focus)
    for topic in report.measures:
        if topic.title:
            single.append(topic.title)
        for item in topic.items:
            single += [item.title] if item.title else []
            multi.append(item.text)
    for item in report.duty.items + report.other:
        single += [item.title] if item.title else []
        multi.append(item.text)
    for shortcoming in report.shortcomings:
        single.append(shortcoming.problem)
        multi.append(shortcoming.cause)
    for plan in report.plans:
        single.append(plan.title)
        multi.append(plan.text)
    expected = [(report.unit.name, 2 if report.unit.signatory else 3)]  # title, opening (and signature)
    expected += [(text, 1) for text in single]
    expected += [(line, 1) for text in multi for line in lines(text)]
    return expected


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    return tmp_path_factory.mktemp("property")


@examples(60)
@given(data=answers(labelled=True))
def test_every_answered_text_appears_exactly_once(data, workdir):
    RUNS["exactly_once"] = RUNS.get("exactly_once", 0) + 1
    loaded = _through_the_file(data, workdir)
    report = loaded.report
    assert report == Report.model_validate(data)  # the YAML round trip loses nothing
    # The title carries a Word line break where it wraps, possibly inside a long unit name.
    paragraphs = [p.replace("\n", "") if i == 0 else p for i, p in enumerate(_check_docx(render_report(report)))]
    for text, times in _answered_texts(report):
        assert LABEL_OPEN in text, text
        found = [p for p in paragraphs if text in p]
        assert sum(p.count(text) for p in found) == times, (text, found)
        if times == 1:
            assert len(found) == 1


@examples(60)
@given(data=answers(labelled=False))
def test_any_text_renders_exactly_as_composed(data, workdir):
    RUNS["as_composed"] = RUNS.get("as_composed", 0) + 1
    report = _through_the_file(data, workdir).report
    composed = compose(report)
    paragraphs = _check_docx(render_report(report))
    # The title carries a Word line break where it wraps; everything else is one paragraph each.
    # (Empty composed blocks are left out: see test_no_empty_paragraph_is_composed.)
    assert [p.replace("\n", "") if i == 0 else p for i, p in enumerate(paragraphs)] == [
        p for p in composed.paragraphs() if p
    ]


def test_no_empty_paragraph_is_composed():
    # Found by the property test above: items_as=run with no items gave a blank paragraph.
    report = Report.model_validate({
        "year": 2024,
        "unit": {"name": "某单位", "kind": "人民政府", "superiors": "县委、县政府"},
        "layout": {"items_as": "run"},
        "measures": [{"key": "decisions", "figures": {"major_decisions": 3}}],
        "shortcomings": [{"problem": "不足", "cause": "原因"}],
        "duty": {"figures": {"duty_meetings": 2}},
        "plans": [{"title": "安排", "text": "内容"}],
    })
    assert all(compose(report).paragraphs())


# ---------------------------------------------------------------- broken files never crash

BASE_TEXT = (REPO / "tests" / "fixtures" / "bad" / "_base.yaml").read_text(encoding="utf-8")


@st.composite
def mutated_base(draw) -> bytes:
    """The valid base file with a few random edits, the way a hand edit goes wrong."""
    text_lines = BASE_TEXT.splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["delete", "duplicate", "insert", "indent", "replace", "truncate"]))
        at = draw(st.integers(0, len(text_lines) - 1))
        if kind == "delete" and len(text_lines) > 1:
            del text_lines[at]
        elif kind == "duplicate":
            text_lines.insert(at, text_lines[at])
        elif kind == "insert":
            line = text_lines[at]
            pos = draw(st.integers(0, len(line)))
            text_lines[at] = line[:pos] + draw(joined(anything, max_size=6) | st.sampled_from(
                [":", ": ", "- ", "\t", "'", '"', "[", "{", "&a ", "*a", "!!binary ", "? ", "|", ">", "#", "%"])) + line[pos:]
        elif kind == "indent":
            text_lines[at] = draw(st.sampled_from(["", " ", "   ", "      "])) + text_lines[at].lstrip(" ")
        elif kind == "replace":
            old = draw(st.sampled_from(["59", "2024", "true", "政府部门", "key", "items", "- ", ": "]))
            text_lines[at] = text_lines[at].replace(old, draw(joined(anything, max_size=4)))
        else:
            text_lines = text_lines[: at + 1]
    text = "".join(text_lines)
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "gbk", "utf-16"]))
    return text.encode(encoding, errors="surrogatepass" if encoding.startswith("utf") else "replace")


@examples(300)
@given(blob=st.one_of(mutated_base(), st.binary(max_size=300)))
def test_broken_files_give_a_user_error_never_a_traceback(blob, workdir):
    RUNS["broken_files"] = RUNS.get("broken_files", 0) + 1
    path = workdir / "broken.yaml"
    path.write_bytes(blob)
    try:
        load_answers(path)
    except UserError as error:
        message = str(error)
        assert message and re.search("[\u4e00-\u9fff]", message), message
        assert "Traceback" not in message


_LEAF = st.one_of(
    st.none(), st.booleans(), st.integers(-10**30, 10**30), st.floats(), joined(anything, max_size=5), st.dates(),
    st.datetimes(), st.sampled_from(["59件", "", " ", "true", "null", "2024-13-01", "custom", "measures", "是"]),
)
_JUNK = st.recursive(
    _LEAF,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.one_of(joined(anything, max_size=6), st.sampled_from(
            ["key", "items", "text", "title", "figures", "penalty_cases", "name", "year"])), inner, max_size=3),
    ),
    max_leaves=6,
)


def _locations(node, loc=()):
    yield loc
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _locations(value, loc + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _locations(value, loc + (index,))


@examples(100)
@given(data=answers(labelled=False), edits=st.data())
def test_wrong_shapes_give_a_user_error_never_a_traceback(data, edits, workdir):
    """A valid file with fields replaced by anything (lists, dates, huge numbers…) or deleted."""
    RUNS["wrong_shapes"] = RUNS.get("wrong_shapes", 0) + 1
    for _ in range(edits.draw(st.integers(1, 3))):
        loc = edits.draw(st.sampled_from(list(_locations(data))[1:]))
        node = data
        for part in loc[:-1]:
            node = node[part]
        if isinstance(node, dict) and edits.draw(st.booleans()):
            del node[loc[-1]]
        else:
            node[loc[-1]] = edits.draw(_JUNK)
    path = workdir / "shapes.yaml"
    path.write_text(dump_yaml(data), encoding="utf-8")
    try:
        load_answers(path)
    except UserError as error:
        assert re.search("[\u4e00-\u9fff]", str(error)), str(error)


# ---------------------------------------------------------------- LibreOffice


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
@settings(max_examples=3, phases=[Phase.generate], deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=answers(labelled=True))
def test_sample_converts_with_libreoffice(data):
    RUNS["libreoffice"] = RUNS.get("libreoffice", 0) + 1
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        report = Report.model_validate(data)
        (scratch / "draft.docx").write_bytes(render_report(report))
        subprocess.run(
            ["soffice", f"-env:UserInstallation={(scratch / 'profile').as_uri()}", "--headless",
             "--convert-to", "pdf", "--outdir", str(scratch), str(scratch / "draft.docx")],
            check=True, capture_output=True, timeout=180,
        )
        pdf = scratch / "draft.pdf"
        assert pdf.is_file() and pdf.stat().st_size > 1000
        if shutil.which("pdfinfo"):
            info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
            assert int(re.search(r"Pages:\s+(\d+)", info).group(1)) >= 1


def test_zz_report_example_counts(capsys):
    """Prints how many examples each property ran (visible with -s or in the captured output)."""
    with capsys.disabled():
        print("\nhypothesis examples run:", ", ".join(f"{k}={v}" for k, v in sorted(RUNS.items())) or "none")
