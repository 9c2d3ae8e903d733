"""The answers file: YAML the clerk can edit, read with line numbers, rewritten with comments kept.

Every problem becomes one Chinese message naming the file, the line and the field
(`InvalidAnswers`, exit code 2); nothing is ever written while reading. What the loader
repairs instead of refusing, it reports as a note with its line:
- encoding: UTF-8 (with or without BOM), UTF-16 with BOM (Notepad's "Unicode") and GBK
  are read; drafter always writes UTF-8 without BOM;
- characters YAML forbids (control characters pasted from Word) are removed before parsing;
- invisible characters and special spaces inside texts are cleaned by the model
  (`drafter.text.clean_text`), names and titles joined onto one line.
"""

from __future__ import annotations

import dataclasses
import os
import re
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from .errors import InvalidAnswers
from .fs import atomic_write_bytes
from .problems import (Problem, error_loc, error_message, format_problem, format_problems, key_text, line_of_node,
                       placed, problem_at, told)
from .roundtrip import dump_yaml, round_trip_yaml
from .safe_read import ANSWERS_LIMIT, MAX_NESTING, check_yaml_nesting, read_bytes
from .encoding import NotText, Undecodable, decode
from .slips import find_slips, mend
from .text import nothing_to_describe_in_lines
from .yaml_block import read_block
from .yaml_values import read_document

if TYPE_CHECKING:  # pragma: no cover
    from .model import Report

# YAML aliases must not expand a small file into millions of values (the file's size is
# bounded by safe_read.ANSWERS_LIMIT).
MAX_VALUES = 200_000


@dataclass
class LoadedAnswers:
    """A validated report with the round-trip YAML it came from (for line numbers and rewrites)."""

    path: Path
    report: Report
    located: _Located  # the round-trip YAML, parsed when first asked for
    encoding: str = "utf-8"
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def data(self) -> Any:
        """The ruamel CommentedMap of the file, comments and all."""
        return self.located.data

    def told(self, loc: tuple, message: str) -> str:
        """`message` at field `loc` of the file, with its line ("第 5 行 单位 › …")."""
        return self.located.told(loc, message)


_UNREADABLE = "{path} 不是文本文件（可能是 Word、PDF、图片或压缩包），请给出答卷文件（.yaml）"


def read_text(path: Path) -> tuple[str, str, list[str]]:
    """The text of an answers file, its encoding and notes; refuses what is not a text file."""
    raw = read_bytes(path, limit=ANSWERS_LIMIT, what="答卷文件", error=InvalidAnswers)
    if raw[:4] in (b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"%PDF"):
        raise InvalidAnswers(_UNREADABLE.format(path=path))
    try:
        text, encoding = decode(raw)
    except NotText:
        raise InvalidAnswers(_UNREADABLE.format(path=path)) from None
    except Undecodable as error:
        if error.bom == "utf-8-sig":
            raise InvalidAnswers(f"{path} 带有 UTF-8 的 BOM 标记，内容却不是 UTF-8：请用 UTF-8 重新保存") from None
        if error.bom:
            raise InvalidAnswers(_UNREADABLE.format(path=path)) from None
        raise InvalidAnswers(f"{path} 的编码无法识别：请用 UTF-8 保存（记事本“另存为”时选择 UTF-8）") from None
    check_yaml_nesting(text, path, error=InvalidAnswers)  # before any parser (the C loader recurses)
    note = _ENCODING_NOTES.get(encoding)
    # Windows Notepad writes CRLF: parsed as LF, so no "\r" ends up in a kept comment;
    # save_answers writes the file back with CRLF.
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _not_blank(text, path), encoding, [note] if note else []


_ENCODING_NOTES = {
    "utf-8-sig": "文件为带 BOM 标记的 UTF-8，已正常读取；drafter 保存时将写成不带 BOM 的 UTF-8",
    "utf-16": "文件为 UTF-16 编码，已正常读取；drafter 保存时将改为 UTF-8",
    "utf-32": "文件为 UTF-32 编码，已正常读取；drafter 保存时将改为 UTF-8",
    "gbk": "文件为 GBK 编码，已按 GBK 读取；drafter 保存时将改为 UTF-8",
}


def _not_blank(text: str, path: Path) -> str:
    if not text.strip():
        raise InvalidAnswers(f"答卷文件 {path} 是空的")
    return text


# Characters a YAML file may not contain (YAML 1.2 "printable"): C0 controls but tab and line
# ends, DEL, C1 controls but NEL, surrogates, U+FFFE/U+FFFF. Word leaves some of them behind
# (\x0b for Shift+Enter, \x0c for a page break) when its text is pasted into an editor.
# The complement of YAML 1.2's printable set (tab, LF, CR, x20-x7E, NEL, xA0-uD7FF, uE000-uFFFD,
# U+10000 and above), written as what it excludes: the same set, compiled in a tenth of a millisecond
# instead of ten (tests/test_answers_file.py checks every code point).
_YAML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


def remove_forbidden(text: str) -> tuple[str, list[str]]:
    """`text` without the characters YAML refuses, and a note naming the lines they were on."""
    found = list(_YAML_FORBIDDEN.finditer(text))
    if not found:
        return text, []
    line_numbers = sorted({text.count("\n", 0, match.start()) + 1 for match in found})
    where = "、".join(str(n) for n in line_numbers[:8]) + (" 等" if len(line_numbers) > 8 else "")
    note = (f"第 {where} 行：已删除 {len(found)} 个不可见控制字符（YAML 文件中不允许出现，"
            "多为从 Word 粘贴时带来的换行符、分页符）")
    return _YAML_FORBIDDEN.sub("", text), [note]


# ruamel's English problems, as the clerk would understand them (first match wins).
_YAML_PROBLEMS = [
    ("duplicate key", "同一键名写了两次"),
    ("'\\t'", "用 Tab 键缩进了：YAML 只能用空格缩进"),
    ("mapping values are not allowed", "冒号的位置不对：可能是上一行缩进不一致，或文字中含有“: ”而没有加引号"),
    ("could not find expected ':'", "缺少冒号：每个键名后应有“: ”"),
    ("found unexpected end of stream", "引号或括号没有成对"),
    ("while scanning a quoted scalar", "引号没有成对"),
    ("expected <block end>", "缩进不一致"),
    ("expected ',' or ']'", "方括号 [ ] 没有成对或少了逗号"),
    ("expected ',' or '}'", "花括号 { } 没有成对或少了逗号"),
    ("found undefined alias", "使用了未定义的锚点（*名称）"),
    ("cannot start any token", "此处的字符不能开始一个值：以 @ 或 ` 开头的文字请加引号"),
    ("sequence entries are not allowed", "列表项“- ”的位置不对：检查缩进"),
    ("expected '<document start>'", "文件中有多余的内容：多半是某一行的缩进或冒号不对"),
    ("expected alphabetic or numeric character", "以 & 或 * 开头的文字会被当作锚点或别名：请给这段文字加引号"),
    ("expected chomping or indentation indicators", "“|”或“>”之后应直接换行：多行文字请在下一行缩进书写"),
    ("expected the node content", "此处缺少内容，或多了符号"),
    ("expected a comment or a line break", "此处应换行：可能多写了字符，或文字应加引号"),
    ("failed to decode base64", "文字前有 !!binary 标记：请删除"),
]


def _explain(problem: str) -> str:
    """The YAML parser's (English) problem, told in Chinese; the line and column say where."""
    duplicate = re.search(r'duplicate key "([^"]{1,40})"', problem)
    if duplicate:
        return f"同一键名“{duplicate[1]}”写了两次"
    for needle, chinese in _YAML_PROBLEMS:
        if needle in problem:
            return chinese
    return "常见原因：冒号后缺少空格、缩进不一致、引号没有成对、同一键名写了两次"


def parse_yaml(text: str, path: Path) -> Any:
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    try:
        data = round_trip_yaml().load(text)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        context = error.context or ""
        if error.context_mark is not None and ("quoted scalar" in context or "flow" in context):
            mark = error.context_mark  # where the unclosed quote or bracket opens, not the end of file
        problem = (error.problem or error.context or "").strip()
        found = Problem(mark.line + 1 if mark else None, f"第 {mark.column + 1} 列" if mark else "", of_line=True)
        found = dataclasses.replace(found, message=f"{found.message}的 YAML 格式有误：{_explain(problem)}")
        raise InvalidAnswers(told(path, [found]), problems=[found], parsed=False) from None
    except YAMLError as error:
        found = Problem(None, f"的 YAML 格式有误：{_explain(str(error).strip())}")
        raise InvalidAnswers(told(path, [found]), problems=[found], parsed=False) from None
    except RecursionError:
        raise InvalidAnswers(f"答卷文件 {path} 的嵌套层次过深（括号或缩进层层套叠），不像答卷文件") from None
    except Exception:  # ruamel fails on some exotic YAML (a list or mapping as a key: "? …"); its words are English
        raise InvalidAnswers(
            f"答卷文件 {path} 的 YAML 无法解析。"
            "请检查最近修改的地方：键名应是简单的文字，不要以“? ”开头"
        ) from None
    if data is None:
        raise InvalidAnswers(f"答卷文件 {path} 没有内容（只有注释或空行）")
    if not isinstance(data, dict):
        raise InvalidAnswers(f"答卷文件 {path} 的最外层应是“键: 值”的形式（如 year: 2024），而不是{_kind_name(data)}")
    return data


def _kind_name(value: Any) -> str:
    if isinstance(value, list):
        return "列表"
    if isinstance(value, str):
        return "一段文字"
    return "单个数值"


def load_answers(path: Path | str, *, require_values: bool = True) -> LoadedAnswers:
    """Read, parse and validate an answers file; raise InvalidAnswers with every problem found.

    All at once, in the order of their lines: the keyboard slips (drafter.slips: a full-width
    colon, a tab…), mended in memory so the rest is read; a YAML error left after them; every
    value in error, and every consistency rule broken by what is right (drafter.collect).

    `require_values=False` accepts figures referenced in the text but not yet given (a file
    still to be filled through `drafter figures --fill`).

    The values are read line by line (drafter.yaml_block) or, for YAML that reader does not
    know, with ruamel's fast C loader; the round-trip parse that knows lines and comments (pure
    Python, ~20× slower) runs only for a file in error or a caller that rewrites the file
    (`LoadedAnswers.data`): a warning's or a note's line is read off the reader's spots or the C
    parser's nodes.
    """
    from .collect import collect

    path = Path(path)
    text, encoding, notes = read_text(path)
    # A text none of whose lines has a character the cleaning tells of (drafter.text) has none
    # that YAML forbids either, nor after the slips are mended (spaces and colons): one scan.
    plain_lines = nothing_to_describe_in_lines(text)
    text, removed = (text, []) if plain_lines else remove_forbidden(text)
    mistyped = find_slips(text)
    slips = [Problem(slip.line, slip.message, of_line=True) for slip in mistyped]
    text = mend(text, mistyped)
    values, line_of, read_by_lines = _fast_parse(text)
    try:
        located = _Located(text, path, None if values is not None else parse_yaml(text, path), line_of)
    except InvalidAnswers as error:
        if not slips or not error.problems:
            raise
        raise InvalidAnswers(told(path, slips + error.problems), problems=slips + error.problems, parsed=False) from None
    try:
        found = collect(_plain_values(values, line_of, text, path) if values is not None else _plain(located.data, path),
                        require_values=require_values)
        again = bool(found.errors) and values is not None
    except InvalidAnswers:
        if values is None:
            raise
        again = True
    if again:
        found = collect(_plain(located.data, path), require_values=require_values)  # the round-trip data explains it best
    problems = slips + [problem_at(located.data, loc, message) for loc, message in found.errors]
    if problems:
        raise InvalidAnswers(told(path, problems), problems=problems)
    report = found.report
    warnings = [located.told(f.loc, f.message) for f in found.warnings if f.severity == "warning"]
    notes = notes + removed
    # Every text the line reader read is a piece of one line of the file (drafter.yaml_block):
    # none has anything to describe when no line has.
    if not (read_by_lines and plain_lines):
        from .cleaning_notes import cleaning_notes

        notes += cleaning_notes(values if values is not None else located.data, report, located)
    return LoadedAnswers(path=path, report=report, located=located, encoding=encoding, notes=notes, warnings=warnings)


class _Located:
    """The round-trip YAML of a file (line numbers, comments), parsed on first use; a line
    number is found without that parse where the quick reading knows it (`line_of`: a field's
    location → its line)."""

    def __init__(self, text: str, path: Path, data: Any = None, line_of: Callable[[tuple], int] | None = None) -> None:
        self._text, self._path, self._data, self._line_of = text, path, data, line_of

    @property
    def data(self) -> Any:
        if self._data is None:
            self._data = parse_yaml(self._text, self._path)
        return self._data

    def told(self, loc: tuple, message: str) -> str:
        """The message at field `loc`, with its line (as `format_problem` on `data`)."""
        if self._data is None and self._line_of is not None:
            return Problem(self._line_of(loc), placed(loc, message)).text
        return format_problem(self.data, loc, message)


def _fast_parse(text: str) -> tuple[dict | None, Callable[[tuple], int] | None, bool]:
    """The file's values, what finds a field's line when the values are plain (`_Located`), and
    whether the line reader read them (drafter.yaml_block.read_block); else the C loader's
    (drafter.yaml_values.read_document). None where only the full parse can explain them."""
    try:
        block = read_block(text)
        if block is not None:
            return block[0], block[1].line_of, True
        data, nodes = read_document(text)
    except Exception:  # noqa: BLE001 - any failure: parse_yaml gives the Chinese message
        return None, None, False
    if not isinstance(data, dict):
        return None, None, False
    return data, (partial(line_of_node, nodes) if nodes is not None else None), False


def load_report(path: Path | str):
    """The validated `Report` of an answers file (see `load_answers`)."""
    return load_answers(path).report


def validate_data(data: Any, path: Path, located: Any = None):
    """The `Report` of parsed YAML data; `located.data` (round-trip YAML) places the errors."""
    from pydantic import ValidationError

    from .model import Report

    try:
        return Report.model_validate(_plain(data, path))
    except ValidationError as error:
        entries = [(error_loc(e), error_message(e)) for e in error.errors(include_url=False)]
        raise InvalidAnswers(format_problems(path, located.data if located is not None else data, entries)) from None


def _plain_values(values: Any, nodes: Any, text: str, path: Path | None = None) -> Any:
    """`_plain(values)`, without the copy where the line reader or the C loader's walk made them
    (`nodes` not None; drafter.yaml_block, drafter.yaml_values.read_document): new dicts and
    lists, text keys (decoded strictly from UTF-8, so without the lone surrogate `key_text`
    replaces), no alias, no deeper than `check_yaml_nesting` lets through, and no more values
    than the text has characters (each is written with one at least), here within MAX_VALUES."""
    if nodes is not None and len(text) <= MAX_VALUES:
        return values
    return _plain(values, path)


def _plain(data: Any, path: Path | None = None) -> Any:
    """ruamel's commented containers as plain dicts and lists (pydantic wants plain types).

    Keys become text (YAML reads `2025:` as a number); a YAML alias that refers to itself or
    expands into too many values is refused.
    """
    budget = [MAX_VALUES]

    def plain(node: Any, parents: tuple) -> Any:
        budget[0] -= 1
        if budget[0] < 0:
            raise InvalidAnswers(f"答卷文件 {path} 的内容展开后超过 {MAX_VALUES} 项：请检查锚点和别名（& 和 *）的用法")
        if isinstance(node, (dict, list)):
            if id(node) in parents:
                raise InvalidAnswers(f"答卷文件 {path} 中的别名（*）引用了它自己所在的内容，形成了循环")
            if len(parents) > MAX_NESTING:
                raise InvalidAnswers(f"答卷文件 {path} 的嵌套层次过深，不像答卷文件")
            inner = parents + (id(node),)
            if isinstance(node, dict):
                return {key_text(key): plain(value, inner) for key, value in node.items()}
            return [plain(value, inner) for value in node]
        return node

    return plain(data, ())


# ---------------------------------------------------------------- writing


def report_data(report, base: Any = None) -> Any:
    """The report as YAML data; merged into `base` (a round-trip map) to keep its comments."""
    from ruamel.yaml.comments import CommentedMap

    plain = _as_written(report.model_dump(mode="json", exclude_defaults=True))
    plain.setdefault("year", report.year)
    if report.unit.written_on is not None:
        plain["unit"]["written_on"] = report.unit.written_on  # a YAML date, not a quoted string
    target = base if base is not None else CommentedMap()
    merged = _merge(target, plain)
    for spec in (merged.get("custom_figures") or {}).values():
        if isinstance(spec, CommentedMap) and spec.fa.flow_style() is None:
            spec.fa.set_flow_style()  # a new custom figure on one line: {label: …, unit: 次, value: 2}
    return merged


def _as_written(data: Any) -> Any:
    """Dumped data in the shape a clerk writes it: a point without a lead is a plain string."""
    if isinstance(data, dict):
        if list(data) == ["text"]:
            return data["text"]
        return {key: _as_written(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_as_written(value) for value in data]
    return data


def _merge(target: Any, new: Any) -> Any:
    """Update `target` in place with `new`, keeping comments on keys that survive."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(new, dict):
        if not isinstance(target, dict):
            target = CommentedMap()
        for key in [k for k in target if k not in new]:
            del target[key]
        for key, value in new.items():
            target[key] = _merge(target.get(key), value)
        return target
    if isinstance(new, list):
        if not isinstance(target, list):
            target = CommentedSeq()
        merged = [_merge(target[i] if i < len(target) else None, value) for i, value in enumerate(new)]
        del target[len(new):]
        for i, value in enumerate(merged):
            if i < len(target):
                target[i] = value
            else:
                target.append(value)
        return target
    return new


def answers_bytes(path: Path | str, data: Any, *, modeline: str | None = None) -> bytes:
    """What `save_answers` writes to `path`: UTF-8 YAML, `modeline` as its first line (replacing
    an older one), in the line endings the file already has (CRLF from Windows stays CRLF)."""
    from .schema import MODELINE_PREFIX

    text = dump_yaml(data)
    if modeline is not None:
        first, _, rest = text.partition("\n")
        text = f"{modeline}\n{rest if first.startswith(MODELINE_PREFIX) else text}"
    if _uses_crlf(Path(path)):
        text = text.replace("\n", "\r\n")
    return text.encode("utf-8")


def _uses_crlf(path: Path) -> bool:
    if not os.path.isfile(path):  # a pipe would block the open; the write refuses it anyway
        return False
    try:
        with open(path, "rb") as existing:
            return b"\r\n" in existing.read(65536)
    except OSError:
        return False


def save_answers(path: Path | str, data: Any, *, modeline: str | None = None) -> None:
    """Write round-trip YAML data atomically (comments kept); see `answers_bytes`."""
    atomic_write_bytes(Path(path), answers_bytes(path, data, modeline=modeline))
