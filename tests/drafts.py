"""Reading a rendered draft's text the way drafter reads a .docx (drafter.textsource).

A draft's .docx carries layout glue inside its figures (drafter.docx_glue: a WORD JOINER
between "55001" and "件"); the one .docx reader removes it. Tests that compare a draft's
text with something else read it here, not with python-docx's ``paragraph.text``.
"""

from __future__ import annotations

from pathlib import Path


def draft_paragraphs(docx: Path) -> list[str]:
    """The non-empty paragraphs of a .docx, as drafter's reader gives them."""
    from drafter.textsource import read_docx

    return read_docx(docx).texts


def draft_text(docx: Path) -> str:
    return "".join(draft_paragraphs(docx))


def open_draft(docx):
    """A python-docx Document of a draft (path or file object) for tests that look at styles
    and runs too; its texts without the figures' glue, as the reader gives them."""
    from docx import Document
    from docx.oxml.ns import qn

    from drafter.text import WORD_JOINER

    document = Document(str(docx) if isinstance(docx, Path) else docx)
    for t in document.element.body.iter(qn("w:t")):
        if t.text and WORD_JOINER in t.text:
            t.text = t.text.replace(WORD_JOINER, "")
    return document
