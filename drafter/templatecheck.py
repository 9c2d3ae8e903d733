"""`drafter template check TEMPLATE.docx`: what would go wrong when drafter fills a Word template.

Lists, paragraph by paragraph:
- tags docxtpl cannot parse (a bad expression, an if/for without its end, a tag left open);
- tags split across runs (Word splits text it has spell-checked or re-formatted; docxtpl
  joins them again but keeps only the first run's formatting);
- variables and fields the template uses that drafter does not provide (`{{ titel }}`,
  `{{ part.title }}`), and attempts to reach Python internals (`{{ ''.__class__ }}`);
- fields drafter provides that the template never uses (their text would be missing).

Finally the template is filled once with a sample report in the same sandbox `drafter render`
uses, so whatever slips past the reading above still shows up here.

The fields are read from a composed sample report (`document.ComposedDocument.context`), so
the check follows the composer when it changes.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from .errors import TemplateNotFound, UserError

Severity = Literal["error", "warning", "info"]

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = "{%s}" % W_NS

# Parts docxtpl renders, and their Chinese names.
_PARTS = [
    (re.compile(r"word/document\.xml$"), "正文"),
    (re.compile(r"word/header(\d*)\.xml$"), "页眉"),
    (re.compile(r"word/footer(\d*)\.xml$"), "页脚"),
    (re.compile(r"word/footnotes\.xml$"), "脚注"),
]

_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
# docxtpl's own tag forms: {%p …%} {%tr …%} {%tc …%} {%r …%} {{p …}} {{r …}} {{tr …}} …
_DOCXTPL_PREFIX = re.compile(r"^(\{[{%])(?:p|r|tr|tc)\s")
_DOCXTPL_SPECIAL = re.compile(r"^\{%\s*(vm|hm)\s*%\}$|^\{%\s*(colspan|cellbg)\s+(.*?)\s*%\}$", re.DOTALL)
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})

# What each context field is, for the messages; helpers are optional for a template.
FIELD_NAMES = {
    "title": "标题",
    "recipient": "主送机关",
    "opening": "开头段",
    "parts": "正文各部分",
    "part.key": "部分的键名（measures、duty……，供模板按部分区别排版）",
    "part.heading": "部分标题（一、……）",
    "part.blocks": "部分中的各段",
    "block.kind": "段落类型（heading2、run_in、body，供模板选择样式）",
    "block.text": "段落文字",
    "block.lead": "引领语（不足和安排开头的“（一）……。”）",
    "closing": "结束语（特此报告。）",
    "signature": "落款",
    "date": "成文日期",
}
HELPER_FIELDS = {"part.key", "block.kind"}


@dataclass
class TemplateIssue:
    """One problem of a Word template (a placeholder, a loop, a style), for `drafter template check`."""

    severity: Severity
    where: str
    message: str

    def line(self) -> str:
        label = {"error": "错误", "warning": "警告", "info": "提示"}[self.severity]
        return f"{label}：{self.where + '：' if self.where else ''}{self.message}"


@dataclass
class TemplateReport:
    path: Path
    findings: list[TemplateIssue] = field(default_factory=list)
    used: set[str] = field(default_factory=set)

    @property
    def errors(self) -> list[TemplateIssue]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[TemplateIssue]:
        return [f for f in self.findings if f.severity == "warning"]

    def add(self, severity: Severity, where: str, message: str) -> None:
        finding = TemplateIssue(severity, where, message)
        if finding not in self.findings:
            self.findings.append(finding)

    def lines(self) -> list[str]:
        order = {"error": 0, "warning": 1, "info": 2}
        out = [f"模板 {self.path}："]
        out += ["  " + f.line() for f in sorted(self.findings, key=lambda f: order[f.severity])]
        if self.errors:
            out.append(f"共 {len(self.errors)} 个错误、{len(self.warnings)} 个警告：请在 Word 中改正后再用此模板生成草稿。")
        elif self.warnings:
            out.append(f"没有错误，{len(self.warnings)} 个警告：可以使用，但请留意上面的提示。")
        else:
            out.append("检查通过：可以用此模板生成草稿。")
        return out


# ---------------------------------------------------------------- the fields drafter provides


@dataclass
class Schema:
    """One field of the render context: a leaf, a mapping of fields, or a list of items."""

    path: str
    children: dict[str, "Schema"] | None = None
    item: "Schema | None" = None


def _sample_report():
    from .model import Report

    return Report.model_validate(
        {
            "year": 2024,
            "unit": {"name": "示例单位", "kind": "政府部门", "superiors": "上级机关", "recipient": "主送机关",
                     "written_on": "2025-02-20"},
            "measures": [{"key": "custom", "title": "示例专题", "items": ["示例举措一", "示例举措二"]}],
            "shortcomings": [{"problem": "示例不足", "cause": "示例原因"}],
            "duty": {"items": ["示例履职情况"]},
            "plans": [{"title": "示例安排", "text": "示例内容"}],
            "other": ["示例其他情况"],
        }
    )


def sample_context() -> dict:
    """The render context of a small sample report (every kind of field filled)."""
    from .document import compose
    from .render import docx_context

    return docx_context(compose(_sample_report()))


def context_schema(context: dict | None = None) -> Schema:
    return _schema_of(context if context is not None else sample_context(), "")


def _schema_of(value, path: str) -> Schema:
    if isinstance(value, dict):
        prefix = f"{path}." if path else ""
        return Schema(path, children={key: _schema_of(v, prefix + key) for key, v in value.items()})
    if isinstance(value, list):
        item_name = path.rsplit(".", 1)[-1]
        item_name = item_name[:-1] if item_name.endswith("s") else item_name + "_item"
        merged: dict = {}
        for element in value:
            if isinstance(element, dict):
                merged.update(element)
        item = _schema_of(merged, item_name) if merged else Schema(item_name)
        return Schema(path, item=item)
    return Schema(path)


def _fields(schema: Schema) -> list[str]:
    out = []
    for child in (schema.children or {}).values():
        out.append(child.path)
        out += _fields(child)
    if schema.item is not None:
        out += _fields(schema.item)
    return out


# ---------------------------------------------------------------- reading the template


@dataclass
class Paragraph:
    where: str  # "正文第 3 段"
    text: str
    runs: list[tuple[int, str]]  # (run number, text) of each w:t, in order


def _paragraphs(xml: bytes, part_name: str) -> list[Paragraph]:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    root = etree.fromstring(xml, parser)
    paragraphs = []
    for number, p in enumerate(root.iter(_W + "p"), 1):
        runs = []
        for t in p.iter(_W + "t"):
            owner = next(t.iterancestors(_W + "p"), None)
            if owner is not p:
                continue  # a paragraph nested in a text box inside this one: counted on its own
            run = t.getparent()
            runs.append((id(run), t.text or ""))
        paragraphs.append(Paragraph(f"{part_name}第 {number} 段", "".join(text for _, text in runs), runs))
    return paragraphs


def _parts(archive: zipfile.ZipFile) -> list[tuple[str, bytes]]:
    found = []
    for name in archive.namelist():
        for pattern, label in _PARTS:
            match = pattern.match(name)
            if match:
                number = match.group(1) if match.groups() else ""
                found.append((f"{label}{' ' + number if number else ''}", archive.read(name)))
    order = {label: i for i, (_, label) in enumerate(_PARTS)}
    return sorted(found, key=lambda item: (order.get(item[0].split(" ")[0], 9), item[0]))


def _shorten(text: str, limit: int = 40) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[:limit] + "…"


# ---------------------------------------------------------------- the check


def check_template(path: Path | str) -> TemplateReport:
    """Read `path` and list its problems (see the module text); raises UserError for a non-.docx."""
    from .sandbox import sandboxed_environment

    path = Path(path)
    report = TemplateReport(path)
    from .safe_read import read_docx_bytes

    if not path.exists() and not path.is_symlink():
        raise TemplateNotFound(path)
    data = read_docx_bytes(path, what="模板文件")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if "word/document.xml" not in archive.namelist():
                raise UserError(f"{path} 不是有效的 .docx 文件（其中没有正文 word/document.xml）：请用 Word 或 WPS 另存为 .docx")
            parts = _parts(archive)
    except (zipfile.BadZipFile, OSError):
        raise UserError(f"{path} 不是有效的 .docx 文件（文件已损坏，或是其他文件改了扩展名）：请用 Word 或 WPS 另存为 .docx") from None

    env = sandboxed_environment()
    schema = context_schema()
    for part_name, xml in parts:
        try:
            paragraphs = _paragraphs(xml, part_name)
        except Exception as error:  # lxml: not well-formed
            report.add("error", part_name, f"XML 已损坏，Word 可能也打不开（{error}）")
            continue
        _check_part(report, env, schema, paragraphs)

    _unused(report, schema)

    if not report.errors:
        _trial_render(report, path)
    return report


def _unused(report: TemplateReport, schema: Schema) -> None:
    """Fields the template never reads; below an unused list, its items' fields are not repeated."""
    for child in (schema.children or {}).values():
        if child.path not in report.used:
            if child.path in HELPER_FIELDS:
                report.add("info", "", f"模板没有用到 {child.path}：{FIELD_NAMES.get(child.path, '')}；可选")
            else:
                what = FIELD_NAMES.get(child.path, child.path)
                report.add("warning", "", f"模板没有用到 {child.path}（{what}）：草稿中将缺少这部分内容")
            continue
        _unused(report, child)
    if schema.item is not None:
        _unused(report, schema.item)


def _check_part(report: TemplateReport, env, schema: Schema, paragraphs: list[Paragraph]) -> None:
    from jinja2 import TemplateSyntaxError

    lines = []
    for paragraph in paragraphs:
        line_tags = []
        for match in _TAG.finditer(paragraph.text):
            tag = match.group(0)
            _check_split(report, paragraph, match.start(), match.end(), tag)
            jinja = _as_jinja(tag)
            if jinja.startswith("{{"):
                try:
                    env.parse(jinja)
                except TemplateSyntaxError as error:
                    report.add("error", paragraph.where, f"标签“{_shorten(tag)}”无法解析（{_explain(error.message)}）")
                    continue
            line_tags.append(jinja)
        leftover = _TAG.sub("", paragraph.text)
        for opener, closer in (("{{", "}}"), ("{%", "%}")):
            if opener in leftover:
                report.add("error", paragraph.where,
                           f"“{_shorten(paragraph.text)}”中的 {opener} 没有对应的 {closer}：标签必须在同一段内写完整")
            elif closer in leftover:
                report.add("error", paragraph.where, f"“{_shorten(paragraph.text)}”中有多余的 {closer}")
        lines.append("".join(line_tags))

    source = "\n".join(lines)  # line N of the source is paragraph N of the part
    try:
        ast = env.parse(source)
    except TemplateSyntaxError as error:
        number = (error.lineno or 1) - 1
        where = paragraphs[number].where if 0 <= number < len(paragraphs) else ""
        text = paragraphs[number].text if 0 <= number < len(paragraphs) else ""
        report.add("error", where, f"“{_shorten(text)}”处标签结构有误：{_explain(error.message)}")
        return
    _Walker(report, env, schema, paragraphs).walk_template(ast)


def _as_jinja(tag: str) -> str:
    """A docxtpl tag as plain Jinja: {%p if x %} → {% if x %}; curly quotes straightened."""
    tag = tag.translate(_QUOTES)
    special = _DOCXTPL_SPECIAL.match(tag)
    if special:
        return "" if special.group(1) else "{{ " + special.group(3) + " }}"
    return _DOCXTPL_PREFIX.sub(r"\1 ", tag)


def _check_split(report: TemplateReport, paragraph: Paragraph, start: int, end: int, tag: str) -> None:
    runs, offset = set(), 0
    for run, text in paragraph.runs:
        if text and offset < end and offset + len(text) > start:
            runs.add(run)
        offset += len(text)
    if len(runs) > 1:
        report.add(
            "warning",
            paragraph.where,
            f"标签“{_shorten(tag)}”被拆分在 {len(runs)} 个文字块（run）中：docxtpl 能够合并，但只保留第一块的格式。"
            "建议在 Word 中删除整个标签后一次性重新输入（不要分段复制粘贴）",
        )


_JINJA_PROBLEMS = [
    ("Unexpected end of template", "有 if 或 for 没有对应的 endif / endfor"),
    ("Encountered unknown tag 'end", "多余的或不匹配的 endif / endfor"),
    ("Encountered unknown tag", "未知的标签（拼写错误？）"),
    ("unexpected '}'", "括号不成对"),
    ("unexpected 'end of", "表达式不完整"),
    ("unexpected end of template", "标签不完整"),
    ("expected token", "表达式不完整"),
    ("unexpected char", "含有不能出现在标签中的字符（中文标点？）"),
]


def _explain(message: str | None) -> str:
    message = message or ""
    for needle, chinese in _JINJA_PROBLEMS:
        if needle in message:
            return f"{chinese}（{message}）"
    return message


class _Walker:
    """Follows the template's names through its for loops and checks each field it reads."""

    def __init__(self, report: TemplateReport, env, schema: Schema, paragraphs: list[Paragraph]):
        self.report, self.schema, self.paragraphs = report, schema, paragraphs
        self.builtins = set(env.globals) | {"loop", "self", "varargs", "kwargs", "caller"}

    def where(self, node) -> str:
        number = (getattr(node, "lineno", 1) or 1) - 1
        return self.paragraphs[number].where if 0 <= number < len(self.paragraphs) else ""

    def walk_template(self, ast) -> None:
        self.walk(ast, {})

    def walk(self, node, scope: dict) -> None:
        from jinja2 import nodes

        if isinstance(node, nodes.For):
            items = self.resolve(node.iter, scope)
            inner = dict(scope)
            for name in _target_names(node.target):
                inner[name] = items.item if isinstance(items, Schema) and items.item is not None else None
            for child in node.body + node.else_:
                self.walk(child, inner)
            if node.test is not None:
                self.walk(node.test, inner)
            return
        if isinstance(node, (nodes.Assign, nodes.With)):
            for child in node.iter_child_nodes():
                self.walk(child, scope)
            for target in getattr(node, "targets", [getattr(node, "target", None)]):
                for name in _target_names(target):
                    scope[name] = None  # a template's own variable
            return
        if isinstance(node, (nodes.Name, nodes.Getattr, nodes.Getitem)):
            self.resolve(node, scope)
            return
        for child in node.iter_child_nodes():
            self.walk(child, scope)

    def resolve(self, node, scope: dict) -> Schema | None:
        from jinja2 import nodes

        if isinstance(node, nodes.Name):
            if node.ctx != "load":
                return None
            if node.name in scope:
                return scope[node.name]
            child = (self.schema.children or {}).get(node.name)
            if child is not None:
                self.report.used.add(child.path)
                return child
            if node.name in self.builtins:
                return None
            owner = _list_of(self.schema, node.name)
            if owner is not None:
                self.report.add("error", self.where(node), f"{node.name} 只能在 {{%p for {node.name} in "
                                f"{owner.path} %}} 与 {{%p endfor %}} 之间使用")
            else:
                self.unknown(node, node.name, list(self.schema.children or {}), "变量")
            return None
        if isinstance(node, (nodes.Getattr, nodes.Getitem)):
            base = self.resolve(node.node, scope)
            if isinstance(node, nodes.Getattr):
                name = node.attr
            elif isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
                name = node.arg.value
            else:
                self.walk(node.arg, scope)
                return base.item if isinstance(base, Schema) else None
            if name.startswith("_"):
                self.report.add("error", self.where(node),
                                f"模板试图访问 Python 内部属性“{name}”：出于安全考虑，drafter 会拒绝渲染")
                return None
            if isinstance(base, Schema) and base.children is not None:
                child = base.children.get(name)
                if child is None:
                    self.unknown(node, f"{base.path}.{name}", list(base.children), "字段", prefix=f"{base.path}.")
                    return None
                self.report.used.add(child.path)
                return child
            return None
        for child in node.iter_child_nodes():
            self.walk(child, scope)
        return None

    def unknown(self, node, name: str, allowed: list[str], kind: str, prefix: str = "") -> None:
        from .suggest import closest

        hint = closest(name[len(prefix):], allowed)
        listing = "、".join(prefix + a for a in allowed)
        advice = f"是否想写 {prefix}{hint}？" if hint else f"可用的{kind}有：{listing}"
        self.report.add("error", self.where(node), f"模板使用了{kind} {name}，drafter 不提供；{advice}")


def _list_of(schema: Schema, item_name: str) -> Schema | None:
    """The list field whose items a template names `item_name` (parts → part, part.blocks → block)."""
    for child in (schema.children or {}).values():
        if child.item is not None and child.item.path == item_name:
            return child
        found = _list_of(child.item, item_name) if child.item is not None else _list_of(child, item_name)
        if found is not None:
            return found
    return None


def _target_names(target) -> list[str]:
    from jinja2 import nodes

    if isinstance(target, nodes.Name):
        return [target.name]
    if isinstance(target, nodes.Tuple):
        return [name for item in target.items for name in _target_names(item)]
    return []


def _trial_render(report: TemplateReport, path: Path) -> None:
    from .render import render_context

    try:
        render_context(path, sample_context())
    except UserError as error:
        report.add("error", "试填示例报告", str(error))


def template_command(path: Path) -> int:
    """`drafter template check`: the findings; exit 2 when the template has errors."""
    from . import echo

    result = check_template(path)
    echo.say("\n".join(result.lines()))
    return 2 if result.errors else 0
