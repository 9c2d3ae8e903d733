"""A Word template prepared once per process, then filled for each report.

docxtpl's `DocxTemplate.render` redoes for every report what is the same for all of them: it
parses the whole package, cleans the Word XML around the tags (`patch_xml`), compiles the body,
the footers and the core properties with Jinja, and on save serialises and deflates every part
again. Here docxtpl's own steps run once — `patch_xml`, then Jinja compiles what it gives, in
drafter's sandbox — and a report costs only what differs: the Jinja render and docxtpl's
post-processing of the rendered XML (the steps of `render_xml_part`, with `resolve_listing`
only on the paragraphs it changes, then `fix_tables`), the parts that change (body, tagged
headers and footers, footnotes, core properties) serialised by python-docx and deflated, and
every other part copied still compressed.

A template is still written the docxtpl way (its tags, its Jinja); the output is what
`DocxTemplate.render` + `save` gives for the same context (tests/test_prepared.py compares).
"""

from __future__ import annotations

import os
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from docx.document import Document

# The string properties docxtpl renders with Jinja (DocxTemplate.render_properties).
PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")
_FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
_TAGGED = re.compile(r"\{[{%#]")
_KEEP = 4  # prepared templates kept per process (a batch has one or two)
# The steps of docxtpl's render_xml_part around Jinja: paragraphs each on a line (Jinja's
# error line numbers), then back; its listing step works paragraph by paragraph.
_MARK_PARAGRAPH = re.compile(r"<w:p([ >])")  # undone by two str.replace in `_Source.render`
_PARAGRAPH = re.compile(r"<w:p(?: [^>]*)?>.*?</w:p>", re.DOTALL)
_LISTING_CHARS = "\t\a\n\f"
_LISTING = re.compile(f"[{_LISTING_CHARS}]")


class _Source:
    """A part's XML for Jinja, as docxtpl renders it: each paragraph on a line of its own
    (`marked`: Jinja's error lines then count paragraphs), the line ends taken out again after
    rendering. The XML as it is (`xml`) is rendered instead where that is the same (`plain`):
    when each paragraph's start is template text, not inside a tag, a render of the XML is
    the marked one's without its line ends; unless it has a line end of its own before a
    paragraph, which docxtpl's replacements would take too (then the marked one is rendered)."""

    __slots__ = ("xml", "marked", "plain")

    def __init__(self, xml: str) -> None:
        self.xml, self.marked, self.plain = xml, _MARK_PARAGRAPH.sub(r"\n<w:p\1", xml), False

    def compile(self, jinja: "_CompiledOnce") -> None:
        """Compile the marked XML (a syntax error names its paragraph), then the XML if it may go."""
        jinja.from_string(self.marked)
        text = [value for _, kind, value in jinja.env.lex(self.xml) if kind == "data"]
        if sum(len(_MARK_PARAGRAPH.findall(value)) for value in text) == len(_MARK_PARAGRAPH.findall(self.xml)):
            jinja.from_string(self.xml)
            self.plain = True

    def render(self, jinja: "_CompiledOnce", context: dict) -> str:
        if self.plain:
            xml = jinja.from_string(self.xml).render(context)
            if "\n<w:p" not in xml:
                return xml
        return jinja.from_string(self.marked).render(context).replace("\n<w:p ", "<w:p ").replace("\n<w:p>", "<w:p>")


class _CompiledOnce:
    """The sandboxed Jinja environment, compiling each source once (docxtpl asks per render)."""

    def __init__(self, env) -> None:
        self.env = env
        self._compiled: dict[str, object] = {}

    def from_string(self, source: str):
        template = self._compiled.get(source)
        if template is None:
            template = self._compiled[source] = self.env.from_string(source)
        return template


class _Skeleton:
    """The template's package with a given set of fonts: a python-docx document whose body each
    report replaces, and the zip entries of its saved form (kept compressed).

    The entries are the members python-docx's `save` writes, in its order; one whose bytes are
    the template's own (every part but the styles, when the fonts are the template's) keeps the
    template's compressed data instead of being deflated again."""

    def __init__(self, document, fonts: dict[str, str] | None, stored: dict) -> None:
        from dataclasses import replace

        from docx.opc.constants import RELATIONSHIP_TYPE as RT

        from .docx_layout import apply_fonts, style_table
        from .zipparts import Entry, written_now

        if fonts:
            apply_fonts(document, fonts)
        document.core_properties  # noqa: B018 - makes the part if the template has none
        self.document = document
        self.styles = style_table(document)  # the styles no report changes
        self.core = document.part.package.part_related_by(RT.CORE_PROPERTIES)
        stamp = written_now()
        self.entries = []
        for name, content in _members(document):
            same = stored.get(name)
            if same is not None and same.holds(content):
                self.entries.append(replace(same, dos_time=stamp.dos_time, dos_date=stamp.dos_date,
                                            external_attr=stamp.external_attr))
            else:
                self.entries.append(Entry.deflated(name, content, stamp))
        self.frame = _Frame.of(document)


class _Frame:
    """The skeleton's document part as text around its body: what a rendered body is parsed
    in, so that it is born in the document it goes into (moving a parsed body into the
    skeleton's tree walked every node again to fix its namespaces)."""

    def __init__(self, head: str, tail: str, namespaces: dict) -> None:
        self.head, self.tail, self.namespaces = head, tail, namespaces

    @classmethod
    def of(cls, document) -> "_Frame | None":
        """The frame of `document`'s part, or None when its XML is not of the plain shape (the
        declaration, the root's start tag, the body, the root's end tag) or holds a drawing
        (docxtpl renumbers every drawing of the document the body is in)."""
        xml = document.part.blob.decode("utf-8")
        xml = xml[xml.index("?>") + 2:].lstrip() if xml.startswith("<?xml") else xml
        body = _BODY_TAG.search(xml)
        end = xml.rfind("</w:body>")
        if body is None or end < 0 or "docPr" in xml[:body.start()] + xml[end:]:
            return None
        frame = cls(xml[:body.start()], xml[end + len("</w:body>"):], dict(document.element.nsmap))
        again = frame.parse(frame.body_tag(xml[body.start():body.end()]) + xml[body.end():end + len("</w:body>")])
        return frame if _serialised(again) == document.part.blob else None

    def body_tag(self, start_tag: str) -> str:
        """A rendered body's start tag without the namespace declarations the root makes too
        (as moving it under the root would drop them)."""
        return _DECLARATION.sub(lambda d: "" if self.namespaces.get(d[1]) == d[2] else d[0], start_tag)

    def parse(self, body: str):
        """The document element around `body` (parsed strictly, with python-docx's classes)."""
        from lxml import etree

        return etree.fromstring(self.head + body + self.tail, _strict_parser(docx_classes=True))


def _serialised(element) -> bytes:
    from docx.opc.oxml import serialize_part_xml

    return serialize_part_xml(element)


_BODY_TAG = re.compile(r"<w:body(?: [^>]*)?>")
_DECLARATION = re.compile(r' xmlns(?::([\w.-]+))?="([^"]*)"')


def _members(document) -> list[tuple[str, bytes]]:
    """(zip name, bytes) of each member python-docx's `Document.save` writes, in its order:
    its own writer's steps, given a collector instead of a zip file."""
    from docx.opc.pkgwriter import PackageWriter

    class Members(list):
        def write(self, uri, blob: bytes) -> None:
            self.append((uri.membername, blob))

    package = document.part.package
    for part in package.parts:
        part.before_marshal()
    members = Members()
    PackageWriter._write_content_types_stream(members, package.parts)
    PackageWriter._write_pkg_rels(members, package.rels)
    PackageWriter._write_parts(members, package.parts)
    return members


class PreparedTemplate:
    """One .docx template, prepared: `fill(context, fonts).save()` per report.

    Not for concurrent use by threads (a report's body lives in the shared skeleton until
    saved): hold `lock` from `fill` to `save`.
    """

    def __init__(self, path: Path) -> None:
        import io

        from docxtpl import DocxTemplate

        from .safe_read import read_docx_bytes
        from .sandbox import sandboxed_environment
        from .zipparts import read_entries

        self.path = path
        self.lock = threading.Lock()
        self.jinja = _CompiledOnce(sandboxed_environment())
        self._data = read_docx_bytes(path, what="模板文件")  # regular file, zip parts bounded
        self._stored = {entry.name: entry for entry in read_entries(self._data)}
        self._tpl = tpl = DocxTemplate(io.BytesIO(self._data))
        tpl.render_init()
        docx = tpl.docx
        self._body = _Source(tpl.patch_xml(tpl.get_xml()))
        self._sides: dict[str, tuple[_Source, str]] = {}  # zip name → (its XML for Jinja, encoding)
        for uri in (tpl.HEADER_URI, tpl.FOOTER_URI):
            for _, part in tpl.get_headers_footers(uri):
                xml = tpl.get_part_xml(part)
                patched = tpl.patch_xml(xml) if "{" in xml else xml  # no tag is made without one
                if _TAGGED.search(patched):
                    self._sides[part.partname.lstrip("/")] = (_Source(patched), tpl.get_headers_footers_encoding(xml))
        self._footnotes = {
            part.partname.lstrip("/"): _Source(tpl.patch_xml(part.blob.decode("utf-8")))
            for part in docx.part.package.parts if part.content_type == _FOOTNOTES
        }
        # Jinja gives a text without tags or line ends back as it is: only the others are compiled.
        self._properties = {name: (value, bool(_TAGGED.search(value) or "\n" in value or "\r" in value))
                            for name in PROPERTIES for value in [getattr(docx.core_properties, name)]}
        self._skeletons: dict[tuple, _Skeleton] = {}
        self._spare = docx  # the parsed template, used by the first skeleton
        self._text_width = _fixed_text_width(self._body.xml, docx)
        # Compile everything now, so a template's syntax error shows before any report.
        for source in [self._body, *(s[0] for s in self._sides.values()), *self._footnotes.values()]:
            source.compile(self.jinja)
        for value, tagged in self._properties.values():
            if tagged:
                self.jinja.from_string(value)

    def _skeleton(self, fonts: dict[str, str] | None) -> _Skeleton:
        key = tuple(sorted((fonts or {}).items()))
        skeleton = self._skeletons.get(key)
        if skeleton is None:
            from docx import Document

            import io

            document, self._spare = (self._spare or Document(io.BytesIO(self._data))), None
            skeleton = self._skeletons[key] = _Skeleton(document, fonts, self._stored)
        return skeleton

    def _render_part(self, source: _Source, context: dict) -> str:
        """docxtpl's `render_xml_part` with the Jinja compiled once; its `resolve_listing`
        (tabs, line and page breaks in a text) only on the paragraphs that have one: for
        the others it changes nothing."""
        xml = source.render(self.jinja, context)
        # else the replacements find nothing (one character is looked for far faster than two)
        if "_" in xml and ("{_" in xml or "_}" in xml):
            xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
        last = max(map(xml.rfind, _LISTING_CHARS))
        if last < 0:
            return xml
        out, done = [], 0
        for paragraph in _PARAGRAPH.finditer(xml):
            if paragraph.start() > last:
                break
            if _LISTING.search(xml, paragraph.start(), paragraph.end()):
                out += (xml[done:paragraph.start()], self._tpl.resolve_listing(paragraph[0]))
                done = paragraph.end()
        out.append(xml[done:])
        return "".join(out)

    def fill(self, context: dict, fonts: dict[str, str] | None = None) -> "Filled":
        """The report's document, rendered as docxtpl renders it (Jinja errors raise here)."""
        from docx.document import Document
        from docx.opc.oxml import parse_xml, serialize_part_xml

        from .docx_layout import set_core_property

        tpl, jinja = self._tpl, self.jinja
        skeleton = self._skeleton(fonts)
        tpl.docx_ids_index = 1000
        xml = self._render_part(self._body, context)
        element, strict = self._document_element(skeleton, xml)
        part = skeleton.document.part
        part._element = element  # python-docx has no setter: the part serialises this report's tree
        rendered = {}
        # Parts lxml serialises from a tree parsed without recovering from an error: the skeleton's
        # own, python-docx's strict parse of a header or footer, the body if `strict`.
        sound = {skeleton.core.partname.lstrip("/")}
        if strict:
            sound.add(skeleton.document.part.partname.lstrip("/"))
        for name, (source, encoding) in self._sides.items():
            xml = self._render_part(source, context).encode(encoding)
            rendered[name] = serialize_part_xml(parse_xml(xml))  # as docxtpl's XmlPart.load + save
            sound.add(name)
        for name, source in self._footnotes.items():
            rendered[name] = self._render_part(source, context).encode("utf-8")
        core = skeleton.core.element
        for name, (value, tagged) in self._properties.items():
            set_core_property(core, name, jinja.from_string(value).render(context) if tagged else value)
        return Filled(Document(element, part), skeleton, rendered, frozenset(sound), text_width=self._text_width)

    def _document_element(self, skeleton: _Skeleton, xml: str):
        """The report's document element, holding the rendered body `xml` as docxtpl makes it
        (`_body_tree`, drawing ids renumbered, put in the skeleton's document); and whether the
        body parsed strictly. A body of the plain shape, without tables, is parsed once in the
        skeleton's frame: the same tree."""
        from lxml import etree

        frame, start = skeleton.frame, _BODY_TAG.match(xml)
        if frame is not None and start is not None and xml.endswith("</w:body>"):
            try:
                element = frame.parse(frame.body_tag(start[0]) + xml[start.end():])
            except Exception:  # noqa: BLE001 - parsed again below, recovering as docxtpl does
                element = None
            body = element.body if element is not None else None
            w = body.nsmap.get("w") if body is not None else None
            if w is not None and next(body.iter(f"{{{w}}}tbl"), None) is None:
                if "docPr" in xml:  # else docxtpl's renumbering of the drawings' ids finds none
                    self._tpl.fix_docpr_ids(body)
                return element, True
        tree, strict = self._body_tree(xml)
        if "docPr" in xml:
            self._tpl.fix_docpr_ids(tree)
        element = skeleton.document.element
        element.replace(element.body, tree)
        return element, strict

    def _body_tree(self, xml: str):
        """The rendered body parsed as docxtpl's `fix_tables` parses it (recovering from errors)
        and with its tables' grids fixed; and whether the XML parsed strictly, without an error.

        The strict parse comes first: on well-formed XML it gives the very tree the recovering
        parse gives, and `fix_tables` has nothing else to do on a body without a table. Only
        a body with a table, or one whose XML is not sound, is parsed again by `fix_tables`."""
        from lxml import etree

        try:
            tree = etree.fromstring(xml, _strict_parser())
        except Exception:  # noqa: BLE001 - fix_tables recovers, or raises its own error
            return self._tpl.fix_tables(xml), False
        w = tree.nsmap.get("w")
        if w is None or next(tree.iter(f"{{{w}}}tbl"), None) is not None:
            return self._tpl.fix_tables(xml), True
        return tree, True


@dataclass
class Filled:
    """A report's document (python-docx) in the template's skeleton, until `save`d."""

    document: "Document"
    skeleton: _Skeleton
    rendered: dict[str, bytes]  # zip name → bytes of the parts rendered besides body and properties
    sound: frozenset[str] = frozenset()  # zip names of the parts well-formed by construction (`fill`)
    written: dict[str, bytes] | None = None  # after `save`: zip name → bytes of every part it deflated
    text_width: float | None = None  # the body's line in characters, when every report's is the template's

    @property
    def names(self) -> list[str]:
        """The members of the .docx `save` writes, in its order."""
        return [entry.name for entry in self.skeleton.entries]

    def save(self, document_xml: bytes | None = None) -> bytes:
        """The .docx: the changed parts deflated, every other part copied still compressed;
        `document_xml` written as the document part, if given, instead of its tree."""
        from .zipparts import REPORT_LEVEL, Entry, write_zip

        changed = self.written = dict(self.rendered)
        part = self.document.part
        changed[part.partname.lstrip("/")] = part.blob if document_xml is None else document_xml
        changed[self.skeleton.core.partname.lstrip("/")] = self.skeleton.core.blob
        return write_zip([Entry.deflated(e.name, changed[e.name], e, REPORT_LEVEL) if e.name in changed else e
                          for e in self.skeleton.entries])


def _fixed_text_width(source: str, document) -> float | None:
    """The line's width in characters (docx_layout's `text_width_chars`) of every report's body,
    when the body's last section is the template's own: the source ends with a section
    property without a tag (Jinja copies it as it is), which is the body's last child."""
    from .docx_layout import text_width_chars

    last = source.rfind("<w:sectPr")
    if last < 0 or "{" in source[last:] or not source.endswith("</w:sectPr></w:body>"):
        return None
    return text_width_chars(document.element.body)


def _strict_parser(docx_classes: bool = False):
    """A parser like docxtpl's in `fix_tables` without its recovery (thread-local, as lxml's
    parsers must be): it fails where the other repairs; with `docx_classes`, its elements are
    python-docx's (as in a document python-docx parsed)."""
    from lxml import etree

    key = "docx" if docx_classes else "plain"
    parser = getattr(_parsers, key, None)
    if parser is None:
        parser = etree.XMLParser()
        if docx_classes:
            from docx.oxml.parser import element_class_lookup

            parser.set_element_class_lookup(element_class_lookup)
        setattr(_parsers, key, parser)
    return parser


_parsers = threading.local()
_prepared: dict[tuple, PreparedTemplate] = {}
_prepared_lock = threading.Lock()


def prepared(path: Path) -> PreparedTemplate:
    """`path` prepared, once per process while the file is unchanged (size and modification time)."""
    status = os.stat(path)
    key = (os.path.abspath(path), status.st_mtime_ns, status.st_size)
    with _prepared_lock:
        template = _prepared.get(key)
        if template is None:
            template = PreparedTemplate(Path(path))
            while len(_prepared) >= _KEEP:
                _prepared.pop(next(iter(_prepared)))
            _prepared[key] = template
        return template
