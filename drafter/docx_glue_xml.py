"""The figures' glue (drafter.docx_glue) written into the body's XML as lxml serialised it.

Splitting runs in the tree costs an element made, copied and moved per new run and per text;
but lxml writes a body one way only (every tag, attribute and escape the same), so in a body
of the usual shape the same split is a matter of slicing strings. `glue_serialised` does it
when every paragraph with a figure to glue is of that shape, and otherwise answers None for
the tree writer (`docx_glue.glue_body`) to do the whole body. The shape:

* no paragraph inside another (a text box), no comment, processing instruction or CDATA;
* a paragraph holds its properties, runs, and other ``w:`` tags around runs (hyperlinks,
  bookmarks, insertions), no text outside a run's texts;
* a run holds its properties (empty elements only), then texts (``w:t``) and empty elements
  (breaks, tabs).

The glue's pieces are docx_glue's own (`glue_pieces`); what is written
is what the tree writer writes (tests/test_render_fast.py compares the bytes on the examples,
the corpus and made-up paragraphs). The result stays well-formed by construction: each run
is replaced by runs made of its own start tag, its properties (with at most one empty
``w:lang`` added, or one attribute), and texts escaped as lxml escapes them.
"""

from __future__ import annotations

import re
from functools import lru_cache

from docx.oxml.ns import qn

from .docx_glue import NO_LANGUAGE, glue_body, glue_pieces
from .docx_layout import _successors

_OPENING = re.compile(r"<w:p(?: [^>]*)?(?<!/)>")  # a paragraph's start tag (not an empty paragraph's)
_TEXT_DIGIT = re.compile(r">[^<\d]*\d")  # a digit in a text, not in a tag
_UNUSUAL = ("<!--", "<?", "<![CDATA[")  # each looked for by its second character first (a far quicker search)
_TOKEN = re.compile(
    r"(?P<ppr><w:pPr>.*?</w:pPr>|<w:pPr/>)"
    r"|<w:r(?P<attrs>(?: [^>]*)?)>(?P<rpr><w:rPr>(?:<w:[A-Za-z]+(?: [^>]*)?/>)*</w:rPr>|<w:rPr/>)?"
    r"(?P<content>(?:<w:t(?: [^>]*)?>[^<]*</w:t>|<w:(?!rPr)[A-Za-z]+(?: [^>]*)?/>)*)</w:r>"
    r"|(?P<other></?w:(?!(?:p|r|t|pPr|rPr)[ >/])[A-Za-z]+(?: [^>]*)?/?>)",
    re.DOTALL,
)
# A paragraph of the usual shape at its simplest: its properties, then one run of one text.
_ONE_RUN = re.compile(
    r"(?P<ppr><w:pPr>.*?</w:pPr>|<w:pPr/>)?"
    r"<w:r(?P<attrs>(?: [^>]*)?)>(?P<rpr><w:rPr>(?:<w:[A-Za-z]+(?: [^>]*)?/>)*</w:rPr>|<w:rPr/>)?"
    r"<w:t(?P<text_attrs>(?: [^>]*)?)>(?P<text>[^<]*)</w:t></w:r>",
    re.DOTALL,
)
_ITEM = re.compile(r"<w:t(?P<attrs>(?: [^>]*)?)>(?P<text>[^<]*)</w:t>|<w:[A-Za-z]+(?: [^>]*)?/>")
_RPR_CHILD = re.compile(r"<w:([A-Za-z]+)(?: [^>]*)?/>")
_EAST_ASIA = re.compile(r' w:eastAsia="[^"]*"')
# What lxml escapes in a text, and how.
_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("\r", "&#13;"))
_PRESERVED = '<w:t xml:space="preserve">'


def glued_document(part) -> bytes:
    """The XML of a document part (python-docx) with every figure of its body glued: written
    into the serialised XML when the body has the usual shape, else into the tree (by
    `docx_glue.glue_body`), then serialised."""
    glued = glue_serialised(part.blob)
    if glued is None:
        glue_body(part.element.body)
        glued = part.blob
    return glued


class _Unusual(Exception):
    """A paragraph not of the shape this writer handles: the tree writer glues the body."""


def glue_serialised(xml: bytes) -> bytes | None:
    """`xml` (a document part as lxml serialised it) with every figure of its body glued, as
    `docx_glue.glue_body` glues the tree; None when a paragraph to glue is not of the usual
    shape (see the module's docstring)."""
    text = xml.decode("utf-8")
    body = text.find("<w:body>")
    if body < 0 or any(text.find(mark[1], body) >= 0 and text.find(mark, body) >= 0 for mark in _UNUSUAL):
        return None
    out, done = [], 0
    openings = list(_OPENING.finditer(text, body))
    try:
        for opening, following in zip(openings, [*openings[1:], None]):
            start = opening.end()
            end = text.find("</w:p>", start)
            if end < 0 or (following is not None and following.start() < end):
                raise _Unusual                 # a paragraph inside another
            if not _TEXT_DIGIT.search(text, start, end):  # no figure in its texts
                continue
            glued = _glue_paragraph(text[start:end])
            if glued is not None:
                out += (text[done:start], glued)
                done = end
    except _Unusual:
        return None
    out.append(text[done:])
    return "".join(out).encode("utf-8")


class _Run:
    """One run of a paragraph as serialised: its start tag's attributes, its properties, its
    items (texts and empty elements, as written)."""

    __slots__ = ("xml", "attrs", "rpr", "items")

    def __init__(self, xml: str, attrs: str, rpr: str | None, content: str) -> None:
        self.xml, self.attrs, self.rpr = xml, attrs, rpr
        self.items = [(item[0], item["attrs"], item["text"]) for item in _ITEM.finditer(content)]


def _glue_paragraph(inner: str) -> str | None:
    """The paragraph's content with its figures glued, or None when it has none to glue."""
    one = _ONE_RUN.fullmatch(inner)
    return _glue_one_run(one) if one is not None else _glue_runs(inner)


def _glue_one_run(one: re.Match) -> str | None:
    """`_glue_runs` of the usual paragraph, its properties and one run of one text (`_ONE_RUN`),
    written straight from its match: the same XML (tests/test_render_fast.py compares)."""
    glued = glue_pieces([_unescape(one["text"])])
    if glued is None:
        return None
    (pieces,), _ = glued
    if not any(unit for _, unit in pieces):       # glued in place, as `_run_xml` does
        joined = _escape("".join([text for text, _ in pieces]))
        run = f"<w:r{one['attrs']}>{one['rpr'] or ''}<w:t{one['text_attrs']}>{joined}</w:t></w:r>"
    else:
        run = _split_runs(one["attrs"], one["rpr"], [(unit, [f"{_PRESERVED}{_escape(text)}</w:t>"])
                                                      for text, unit in pieces])
    return (one["ppr"] or "") + run


def _glue_runs(inner: str) -> str | None:
    """`_glue_paragraph` of any paragraph of the usual shape, run by run."""
    tokens: list = []
    at = 0
    for token in _TOKEN.finditer(inner):
        if token.start() != at:                # text or a tag outside the shape
            raise _Unusual
        at = token.end()
        tokens.append(_Run(token[0], token["attrs"], token["rpr"], token["content"]) if token["content"] is not None
                      else token[0])
    if at != len(inner):
        raise _Unusual
    keys = [(run, index) for run in tokens if isinstance(run, _Run) for index, (_, _, text) in enumerate(run.items)
            if text]
    glued = glue_pieces([_unescape(run.items[index][2]) for run, index in keys]) if keys else None
    if glued is None:
        return None
    pieces = dict(zip(keys, glued[0]))
    return "".join([_run_xml(token, pieces) if isinstance(token, _Run) else token for token in tokens])


def _run_xml(run: _Run, pieces: dict) -> str:
    """The run as `docx_glue._rewrite_run` leaves it: its texts glued in place, or split
    where a unit's Chinese characters go in a run of their own."""
    glued = [pieces.get((run, index)) for index in range(len(run.items))]
    if not any(glued):
        return run.xml                         # as written: no text of it is glued
    rpr = run.rpr or ""
    if not any(unit for own in glued if own for _, unit in own):
        items = [item if own is None else f"<w:t{attrs}>{_escape(''.join([t for t, _ in own]))}</w:t>"
                 for (item, attrs, _), own in zip(run.items, glued)]
        return f"<w:r{run.attrs}>{rpr}{''.join(items)}</w:r>"
    groups: list[tuple[bool, list[str]]] = []
    for (item, _, _), own in zip(run.items, glued):
        for content, unit in own or [(None, False)]:
            written = item if content is None else f"{_PRESERVED}{_escape(content)}</w:t>"
            if groups and groups[-1][0] == unit:
                groups[-1][1].append(written)
            else:
                groups.append((unit, [written]))
    return _split_runs(run.attrs, run.rpr, groups)


def _split_runs(attrs: str, rpr: str | None, groups: list[tuple[bool, list[str]]]) -> str:
    """The runs a split run becomes: one a group of its items (as written), with its start
    tag's attributes `attrs` and its properties `rpr`, a unit's without an East Asian language."""
    own, unit_rpr = rpr or "", _without_language(rpr)
    return "".join([f"<w:r{attrs}>{unit_rpr if unit else own}{''.join(items)}</w:r>" for unit, items in groups])


def _without_language(rpr: str | None) -> str:
    """Run properties `rpr` (as serialised, or None) with no East Asian language, as
    `get_or_add_child(rpr, "w:lang").set(w:eastAsia, "x-none")` leaves them."""
    if rpr is None:
        return f'<w:rPr><w:lang w:eastAsia="{NO_LANGUAGE}"/></w:rPr>'
    children = list(_RPR_CHILD.finditer(rpr))
    for child in children:
        if child[1] == "lang":
            tag = child[0][:-2]
            tag = _EAST_ASIA.sub(f' w:eastAsia="{NO_LANGUAGE}"', tag, count=1) if _EAST_ASIA.search(tag) \
                else f'{tag} w:eastAsia="{NO_LANGUAGE}"'
            return rpr[:child.start()] + tag + "/>" + rpr[child.end():]
    lang = f'<w:lang w:eastAsia="{NO_LANGUAGE}"/>'
    after = _lang_successors()
    for child in children:
        if child[1] in after:
            return rpr[:child.start()] + lang + rpr[child.start():]
    if rpr == "<w:rPr/>":
        return f"<w:rPr>{lang}</w:rPr>"
    return rpr[:-len("</w:rPr>")] + lang + "</w:rPr>"


@lru_cache(maxsize=1)
def _lang_successors() -> frozenset[str]:
    """The local names of the w:rPr children that come after w:lang (docx_layout's schema order)."""
    return frozenset(name.split("}", 1)[1] for name in _successors(qn("w:rPr"), "lang"))


def _escape(text: str) -> str:
    for char, escaped in _ESCAPES:
        if char in text:
            text = text.replace(char, escaped)
    return text


def _unescape(text: str) -> str:
    if "&" not in text:
        return text
    known = sum(text.count(escaped) for _, escaped in _ESCAPES)
    if text.count("&") != known:             # an escape lxml does not write: not its output
        raise _Unusual
    for char, escaped in reversed(_ESCAPES):
        text = text.replace(escaped, char)
    return text
