"""Fill the Word template with a composed report: docxtpl in a sandbox, then layout fixes."""

from __future__ import annotations

import io
import re
import weakref
from pathlib import Path
from typing import Mapping, Sequence

from .collector import collector_paused
from .document import ComposedDocument, compose
from .editors import refuse_if_open
from .errors import RefusedAction, TemplateNotFound, TemplateUnusable, UserError
from .fs import atomic_write_bytes
from .model import Report
from .paths import template_path
from .sandbox import sandboxed_environment  # noqa: F401  (the sandbox the template renders in)


def render_context(template: Path, context: dict, fonts: dict[str, str] | None = None) -> bytes:
    """Render `template` with `context`; return the .docx bytes (checked to be a sound .docx).

    The template is prepared once per process (drafter.prepared): docxtpl's tags and Jinja,
    compiled once in the sandbox; a report renders only what differs.
    """
    with collector_paused():
        return _render(template, context, fonts)


def _render(template: Path, context: dict, fonts: dict[str, str] | None) -> bytes:
    from .docx_glue_xml import glued_document
    from .docx_layout import finish_layout
    from .prepared import prepared

    if not template.exists():
        raise TemplateNotFound(template)  # a folder, a pipe or a zip bomb is refused by drafter.safe_read
    try:
        prepared_template = prepared(template)
    except Exception as error:
        _refuse(template, error)
    with prepared_template.lock:
        try:
            filled = prepared_template.fill(context, fonts)
        except Exception as error:
            _refuse(template, error)
        try:
            body, skeleton = filled.document.element.body, filled.skeleton
            finish_layout(body, skeleton.styles, skeleton.core.element, text_width=filled.text_width)
            data = filled.save(glued_document(filled.document.part))  # last: the fixes read the texts unglued
        except Exception as error:
            raise TemplateUnusable(template, f"用模板 {template} 生成草稿失败：{_describe(error)}") from None
    verify_docx(data, template, filled.written, _checked_parts(filled) | filled.sound, names=filled.names)
    return data


def _refuse(template: Path, error: Exception):
    """The template's or the render's problem, as one message (Jinja's sandbox, tags, variables)."""
    from jinja2 import TemplateError, UndefinedError
    from jinja2.exceptions import SecurityError

    from .sandbox import TemplateLimit

    if isinstance(error, TemplateLimit):
        raise TemplateUnusable(template, f"模板 {template} {error}，已停止渲染，未写入") from None
    if isinstance(error, UserError):  # drafter.safe_read refused the file
        raise TemplateUnusable(template, f"无法使用模板：{error}") from None
    if isinstance(error, SecurityError):
        raise UserError(f"模板 {template} 试图访问不允许的内容（Python 内部属性），已拒绝渲染（{error}）") from None
    if isinstance(error, UndefinedError):
        raise TemplateUnusable(template, f"模板 {template} 使用了 drafter 不提供的变量或字段（{error}）") from None
    if isinstance(error, TemplateError):
        line = getattr(error, "lineno", None)
        raise TemplateUnusable(template, f"模板 {template} 的标签有误（{error}{'，约第 %d 段' % line if line else ''}）") from None
    # not a .docx, a damaged one, or XML docxtpl cannot put back together
    raise TemplateUnusable(template, f"无法使用模板 {template}：{_describe(error)}。请确认它是用 Word 或 WPS 保存的 .docx") from None


def _describe(error: Exception) -> str:
    return f"{type(error).__name__}: {error}" if str(error) else type(error).__name__


# The parts docxtpl renders as text (body, headers, footers, footnotes, properties): the only
# ones a template or an answer can break. The rest python-docx serialises from parsed trees.
_RENDERED_PARTS = re.compile(r"^(word/(document|header\d*|footer\d*|footnotes)\.xml|docProps/core\.xml)$")


def verify_docx(data: bytes, template: Path | str = "", written: Mapping[str, bytes] | None = None,
                checked: frozenset[str] = frozenset(), names: Sequence[str] | None = None) -> None:
    """Refuse bytes that Word would call corrupt: not a zip, or an XML part that is not well-formed.

    `written`: parts' bytes as they were just deflated into `data` (name → bytes), parsed as
    they are instead of inflated again from the archive; `checked`: parts whose bytes in `data`
    are known well-formed, not parsed again: those parsed before (`_checked_parts`), and those
    lxml serialised from a tree it parsed without an error (`Filled.sound`). Such a part is
    well-formed by construction: lxml writes every name with its namespace declared and escapes
    every text and attribute value, and its API refuses a string XML cannot hold (a control
    character, a lone surrogate) — tests/test_render_fast.py tries it on hostile texts. The
    figures' glue written into the serialised body (drafter.docx_glue_xml) keeps it so: it only
    replaces whole runs by runs made of their own tags and texts escaped as lxml escapes them,
    and gives the very bytes lxml writes for the tree glued (the same tests). A tree
    that only a recovering parse could read (an unbound prefix, an unknown entity) is not in
    `Filled.sound`: its serialisation is parsed here as before.

    `names`: the archive's members, when `data` was just written from them by zipparts'
    writer (`Filled.save`); then the archive is read only if a part to parse is in it alone
    (its zip structure is the writer's, tests/test_prepared.py reads back what it writes)."""
    import zipfile

    from lxml import etree

    try:
        if names is not None and all(name in checked or (written and name in written)
                                     or not _RENDERED_PARTS.match(name) for name in names):
            _check_parts(names, None, written, checked)
        else:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                _check_parts(archive.namelist(), archive, written, checked)
    except (zipfile.BadZipFile, ValueError, etree.XMLSyntaxError) as error:
        raise UserError(f"用模板 {template} 生成的文件不是完好的 .docx（{error}），未写入。"
                        f"可用 drafter template check {template} 检查模板") from None


def _check_parts(names: Sequence[str], archive, written: Mapping[str, bytes] | None, checked: frozenset[str]) -> None:
    """verify_docx's checks of the members `names`: the two a package needs are there, and
    each part a render writes is well-formed (from `written`, else read from `archive`)."""
    from lxml import etree

    if "word/document.xml" not in names or "[Content_Types].xml" not in names:
        raise ValueError("缺少 word/document.xml")
    parser = _strict_parser()
    for name in names:
        if name in checked:
            continue
        if written and name in written:
            etree.fromstring(written[name], parser)
        elif _RENDERED_PARTS.match(name):
            etree.fromstring(archive.read(name), parser)


def _strict_parser():
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True)


_CHECKED: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()  # skeleton → `_checked_parts`


def _checked_parts(filled) -> frozenset[str]:
    """The parts of the kind a render can break that each report copies unchanged from the
    prepared skeleton (a footer without tags), parsed once per skeleton: those well-formed."""
    checked = _CHECKED.get(filled.skeleton)
    if checked is None:
        from lxml import etree

        sound = set()
        for entry in filled.skeleton.entries:
            if _RENDERED_PARTS.match(entry.name) and entry.name not in filled.written:
                try:
                    etree.fromstring(entry.content(), _strict_parser())
                except (etree.XMLSyntaxError, ValueError):  # verify_docx then refuses it
                    continue
                sound.add(entry.name)
        checked = _CHECKED[filled.skeleton] = frozenset(sound)
    return checked


class _Lines:
    """A text whose line ends become Word line breaks: what docxtpl's `Listing` gives Jinja (the
    text escaped, as `html.escape` does; the render's `resolve_listing` then breaks the lines),
    without importing docxtpl to build a context."""

    __slots__ = ("xml",)

    def __init__(self, text: str) -> None:
        from html import escape

        self.xml = _TAG_ESCAPE.sub("&#95;", escape(text))

    def __html__(self) -> str:
        return self.xml

    __str__ = __html__


def docx_context(composed: ComposedDocument) -> dict:
    """The template's variables (see templates/official.docx; `drafter template check` lists them)."""
    return {
        "title": _Lines("\n".join(composed.title_lines)),
        "recipient": _literal(composed.recipient),
        "opening": _literal(composed.opening),
        "parts": [
            {
                "key": part.key,
                "heading": _literal(part.heading),
                "blocks": [{"kind": b.kind, "lead": _literal(b.lead), "text": _literal(b.text)} for b in part.blocks],
            }
            for part in composed.parts
        ],
        "closing": _literal(composed.closing),
        "signature": _literal(composed.signature),
        "date": _literal(composed.date),
    }


# docxtpl turns "{_{", "}_}", "{_%" and "%_}" in the rendered XML into Jinja's braces (a template's
# way to show a literal tag); in a clerk's text they must stay as typed.
_TAG_ESCAPE = re.compile(r"(?<=[{}%])_(?=[{}%])")


def _literal(value):
    """`value`, or for a text holding one of docxtpl's escaped tags, the same text escaped for
    XML with that underscore as a character reference, which the replacement cannot see."""
    # the escaped tags hold an underscore: looking for one is far cheaper than the search
    if not isinstance(value, str) or "_" not in value or not _TAG_ESCAPE.search(value):
        return value
    from markupsafe import Markup, escape

    return Markup(_TAG_ESCAPE.sub("&#95;", str(escape(value))))


def render_report(report: Report, composed: ComposedDocument | None = None, *,
                  answers_dir: Path | None = None) -> bytes:
    """The .docx of `report`; `answers_dir` resolves a relative `layout.template` path."""
    composed = composed or compose(report)
    return render_context(
        template_path(report.layout.template, answers_dir),
        docx_context(composed),
        fonts=report.layout.fonts.model_dump(),
    )


def write_docx(data: bytes, out: Path, *, overwrite: bool = False) -> Path | None:
    """Write a rendered .docx atomically; an existing file needs `overwrite` and is kept as a backup.
    Never while the draft is open in Word, WPS or LibreOffice (drafter.editors)."""
    if Path(out).suffix.lower() in (".yaml", ".yml"):
        raise RefusedAction(f"输出文件 {out} 以 {Path(out).suffix} 结尾，像是答卷文件：草稿应写入 .docx 文件，未写入")
    refuse_if_open(out)
    return atomic_write_bytes(out, data, overwrite=overwrite, backup=True)
