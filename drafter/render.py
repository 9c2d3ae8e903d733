"""Fill the Word template with a composed report: docxtpl in a sandbox, then layout fixes."""

from __future__ import annotations

import io
from pathlib import Path

from .document import ComposedDocument, compose
from .errors import UserError
from .fs import atomic_write_bytes
from .model import Report
from .paths import template_path


def sandboxed_environment():
    """Jinja with autoescape on and no way to reach Python internals from a template."""
    from jinja2.sandbox import SandboxedEnvironment

    return SandboxedEnvironment(autoescape=True)


def render_context(template: Path, context: dict, fonts: dict[str, str] | None = None) -> bytes:
    """Render `template` with `context`; return the .docx bytes."""
    from docxtpl import DocxTemplate
    from jinja2 import TemplateError
    from jinja2.exceptions import SecurityError

    from .docx_layout import apply_fonts, centre_signature_over_date

    if not template.is_file():
        raise UserError(f"找不到模板文件：{template}")
    try:
        document = DocxTemplate(str(template))
        document.render(context, sandboxed_environment(), autoescape=True)
    except SecurityError as error:
        raise UserError(f"模板 {template} 试图访问不允许的内容，已拒绝渲染（{error}）") from None
    except TemplateError as error:
        line = getattr(error, "lineno", None)
        raise UserError(f"模板 {template} 的标签有误（{error}{'，约第 %d 段' % line if line else ''}），"
                        f"可用 drafter template check {template} 检查") from None
    except (KeyError, ValueError, OSError) as error:  # not a .docx, or a damaged one
        raise UserError(f"无法读取模板 {template}：{error}") from None
    if fonts:
        apply_fonts(document.docx, fonts)
    centre_signature_over_date(document.docx)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def render_report(report: Report, composed: ComposedDocument | None = None) -> bytes:
    composed = composed or compose(report)
    return render_context(
        template_path(report.layout.template),
        composed.context(),
        fonts=report.layout.fonts.model_dump(),
    )


def write_docx(data: bytes, out: Path, *, force: bool = False) -> Path | None:
    """Write a rendered .docx atomically; an existing file needs `force` and is kept as a backup."""
    return atomic_write_bytes(out, data, overwrite=force, backup=True)
