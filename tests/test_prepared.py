"""The template prepared once per process gives what docxtpl gives, report after report."""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES
from drafter import zipparts
from drafter.answers import load_answers
from drafter.document import compose
from drafter.docx_glue import glue_figures
from drafter.docx_layout import apply_fonts, centre_signature_over_date, keep_ending_together, set_properties
from drafter.paths import template_path
from drafter.prepared import prepared
from drafter.render import docx_context, render_context, sandboxed_environment

_DATES = re.compile(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>")


def _inputs(example: Path):
    report = load_answers(example).report
    return template_path(report.layout.template), docx_context(compose(report)), report.layout.fonts.model_dump()


def _docxtpl(template: Path, context: dict, fonts: dict) -> bytes:
    """What render_context gave before it prepared templates: a fresh DocxTemplate per report."""
    from docxtpl import DocxTemplate

    document = DocxTemplate(str(template))
    document.render(context, sandboxed_environment(), autoescape=True)
    apply_fonts(document.docx, fonts)
    centre_signature_over_date(document.docx)
    keep_ending_together(document.docx)
    set_properties(document.docx)
    glue_figures(document.docx)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None  # every CRC right
        return {name: _DATES.sub(b"", archive.read(name)) for name in archive.namelist()}


def _assert_same(ours: bytes, reference: bytes) -> None:
    mine, theirs = _parts(ours), _parts(reference)
    assert list(mine) == list(theirs)  # the same parts, in the same order
    for name in theirs:
        assert mine[name] == theirs[name], name


def test_every_example_in_one_process_matches_a_docxtpl_render():
    """Reports one after another through one prepared template: each body, footer, style and
    property part is byte for byte what a fresh docxtpl render of the same context gives
    (the creation time aside); a previous report leaves nothing behind."""
    rendered = []
    for example in EXAMPLES * 2:
        template, context, fonts = _inputs(example)
        ours = render_context(template, context, fonts)
        _assert_same(ours, _docxtpl(template, context, fonts))
        rendered.append(_parts(ours)["word/document.xml"])
    assert len(set(rendered)) == len(EXAMPLES)  # the examples differ, and repeat exactly


def test_other_fonts_change_the_styles_and_not_the_next_report():
    template, context, fonts = _inputs(EXAMPLES[0])
    other = dict(fonts, body="楷体", title="黑体")
    changed = render_context(template, context, other)
    _assert_same(changed, _docxtpl(template, context, other))
    assert b'w:eastAsia="\xe6\xa5\xb7\xe4\xbd\x93"' in _parts(changed)["word/styles.xml"]  # 楷体
    _assert_same(render_context(template, context, fonts), _docxtpl(template, context, fonts))


def test_only_the_parts_a_report_changes_are_compressed_again(monkeypatch):
    """styles.xml (350 KB) and the other fixed parts are copied as stored, not deflated per report."""
    template, context, fonts = _inputs(EXAMPLES[0])
    render_context(template, context, fonts)  # prepared
    deflated = []
    original = zipparts.Entry.deflated.__func__
    monkeypatch.setattr(zipparts.Entry, "deflated",
                        classmethod(lambda cls, name, *a: deflated.append(name) or original(cls, name, *a)))
    data = render_context(template, context, fonts)
    assert set(deflated) == {"word/document.xml", "docProps/core.xml"}  # the footers have no tags
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert "word/styles.xml" in archive.namelist()


def test_a_reports_own_parts_are_deflated_at_the_fast_level_and_the_templates_kept():
    """The parts a report writes anew are deflated at zipparts.REPORT_LEVEL (the same bytes
    inflated: only the stream differs); every part kept from the skeleton is its entry as stored."""
    import zlib

    template, context, fonts = _inputs(EXAMPLES[0])
    filled = prepared(template).fill(context, fonts)
    stored = {entry.name: entry for entry in zipparts.read_entries(filled.save())}
    assert set(filled.written) == {"word/document.xml", "docProps/core.xml"}
    for name, content in filled.written.items():
        assert stored[name].content() == content
        assert stored[name].data == zlib.compress(content, zipparts.REPORT_LEVEL, -15) != zlib.compress(content, 6, -15)
    for entry in filled.skeleton.entries:
        if entry.name not in filled.written:
            assert stored[entry.name].data == entry.data and stored[entry.name].crc == entry.crc


def test_preparing_keeps_the_templates_own_compressed_parts(tmp_path, monkeypatch):
    """A part python-docx writes back unchanged keeps the template's compressed bytes: with the
    template's own fonts nothing but the body and the properties is deflated, with other fonts
    the styles too; the drafts still match docxtpl's (the test above)."""
    template, context, fonts = _inputs(EXAMPLES[0])
    copy = tmp_path / "fresh.docx"
    copy.write_bytes(template.read_bytes())  # not yet prepared in this process
    deflated = []
    original = zipparts.Entry.deflated.__func__
    monkeypatch.setattr(zipparts.Entry, "deflated",
                        classmethod(lambda cls, name, *a: deflated.append(name) or original(cls, name, *a)))
    ours = render_context(copy, context, fonts)
    assert sorted(deflated) == ["docProps/core.xml", "word/document.xml"]
    deflated.clear()
    render_context(copy, context, dict(fonts, body="楷体"))
    assert sorted(deflated) == ["docProps/core.xml", "word/document.xml", "word/styles.xml"]
    _assert_same(ours, _docxtpl(copy, context, fonts))


def test_a_template_changed_on_disk_is_prepared_again(tmp_path):
    template, context, fonts = _inputs(EXAMPLES[0])
    copy = tmp_path / "mine.docx"
    copy.write_bytes(template.read_bytes())
    first = prepared(copy)
    assert prepared(copy) is first  # once per process
    from docx import Document

    document = Document(str(copy))
    document.paragraphs[0].insert_paragraph_before("自定义的首段")
    document.save(str(copy))
    assert prepared(copy) is not first
    text = zipfile.ZipFile(io.BytesIO(render_context(copy, context, fonts))).read("word/document.xml").decode()
    assert "自定义的首段" in text


def test_a_footer_with_tags_is_rendered_like_docxtpl(tmp_path):
    from docx import Document

    template, context, fonts = _inputs(EXAMPLES[0])
    copy = tmp_path / "footer.docx"
    document = Document(str(template))
    document.sections[0].footer.paragraphs[0].add_run("{{ signature }}")
    document.save(str(copy))
    ours = render_context(copy, context, fonts)
    _assert_same(ours, _docxtpl(copy, context, fonts))
    footers = [text for name, text in _parts(ours).items() if name.startswith("word/footer")]
    assert any(context["signature"].encode() in text for text in footers)


def test_properties_with_tags_are_rendered_like_docxtpl(tmp_path):
    from docx import Document

    template, context, fonts = _inputs(EXAMPLES[0])
    copy = tmp_path / "props.docx"
    document = Document(str(template))
    document.core_properties.subject = "{{ signature }}的年度报告"
    document.core_properties.comments = "模板说明：无标签的文字照原样保留"
    document.save(str(copy))
    ours = render_context(copy, context, fonts)
    _assert_same(ours, _docxtpl(copy, context, fonts))
    core = _parts(ours)["docProps/core.xml"].decode()
    assert f"{context['signature']}的年度报告" in core and "无标签的文字照原样保留" in core


def test_zip_entries_round_trip_compressed_and_stored():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document>正文</w:document>" * 50, zipfile.ZIP_DEFLATED)
        archive.writestr("media/图片.bin", bytes(range(256)), zipfile.ZIP_STORED)
    entries = zipparts.read_entries(buffer.getvalue())
    entries[0] = zipparts.Entry.deflated("word/document.xml", "新的正文".encode(), entries[0])
    with zipfile.ZipFile(io.BytesIO(zipparts.write_zip(entries))) as archive:
        assert archive.testzip() is None
        assert archive.namelist() == ["word/document.xml", "media/图片.bin"]
        assert archive.read("word/document.xml").decode() == "新的正文"
        assert archive.read("media/图片.bin") == bytes(range(256))



_MEMBER = st.text(st.sampled_from("abz_./-[]图片正文"), min_size=1, max_size=12).filter(lambda n: not n.endswith("/"))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(_MEMBER, st.binary(max_size=3000), st.booleans()), min_size=1, max_size=25,
                unique_by=lambda member: member[0]))
def test_what_the_zip_writer_writes_zipfile_reads_back(members):
    """verify_docx takes the names of a .docx just written by zipparts' writer instead of reading
    its zip structure again: zipfile reads every archive it writes, member by member."""
    stamp = zipparts.written_now()
    entries = [zipparts.Entry.deflated(name, content, stamp) if deflate else
               zipparts.Entry(name, zipfile.ZIP_STORED, stamp.dos_time, stamp.dos_date, zlib.crc32(content),
                              len(content), content, stamp.external_attr)
               for name, content, deflate in members]
    with zipfile.ZipFile(io.BytesIO(zipparts.write_zip(entries))) as archive:
        assert archive.testzip() is None
        assert archive.namelist() == [name for name, _, _ in members]
        assert [archive.read(name) for name, _, _ in members] == [content for _, content, _ in members]


def _former_zip(entries) -> bytes:
    """zipparts.write_zip as it packed every record for each archive (before entries kept theirs)."""
    import struct

    local, record, end = struct.Struct("<IHHHHHIIIHH"), struct.Struct("<IHHHHHHIIIHHHHHII"), struct.Struct("<IHHHHIIH")
    chunks, central, offset = [], [], 0
    for entry in entries:
        name = entry.name.encode("utf-8")
        flags = 0 if entry.name.isascii() else 0x800
        header = local.pack(0x04034B50, 20, flags, entry.method, entry.dos_time, entry.dos_date, entry.crc,
                            len(entry.data), entry.size, len(name), 0)
        central.append(record.pack(0x02014B50, 20, 20, flags, entry.method, entry.dos_time, entry.dos_date, entry.crc,
                                   len(entry.data), entry.size, len(name), 0, 0, 0, 0, entry.external_attr, offset) + name)
        chunks += (header, name, entry.data)
        offset += len(header) + len(name) + len(entry.data)
    directory = b"".join(central)
    return b"".join(chunks) + directory + end.pack(0x06054B50, 0, 0, len(entries), len(entries), len(directory), offset, 0)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(_MEMBER, st.binary(max_size=300), st.booleans(), st.integers(0, 2 ** 16 - 1)), min_size=1,
                max_size=25, unique_by=lambda member: member[0]))
def test_the_zip_writer_writes_the_bytes_it_wrote_when_it_packed_each_record_anew(members):
    """The records an entry keeps (made once, for every report a skeleton's entries go into)
    give the archive byte for byte as packing them for each archive did: any names, data,
    times, in any order, an entry written into several archives at other offsets."""
    entries = [zipparts.Entry.deflated(name, content, zipparts.Entry("", 0, time, time // 2, 0, 0, b"", time << 16))
               if deflate else zipparts.Entry(name, zipfile.ZIP_STORED, time, 33, zlib.crc32(content), len(content),
                                              content, 0) for name, content, deflate, time in members]
    for order in (entries, entries[::-1], entries[1:] + entries[:1]):
        assert zipparts.write_zip(order) == _former_zip(order)
    template, context, fonts = _inputs(EXAMPLES[0])
    filled = prepared(template).fill(context, fonts)
    filled.save()
    for _ in range(2):  # the skeleton's entries, their records made by the draft before
        changed = [zipparts.Entry.deflated(e.name, filled.written[e.name], e, zipparts.REPORT_LEVEL)
                   if e.name in filled.written else e for e in filled.skeleton.entries]
        assert zipparts.write_zip(changed) == _former_zip(changed) == filled.save()


def test_a_render_is_verified_from_its_names_as_from_its_archive(monkeypatch, tmp_path):
    """The names `Filled.save` wrote are the archive's; with them verify_docx reads no archive
    and refuses what it refuses reading one (a part missing, a written part not well-formed)."""
    from drafter import render
    from drafter.errors import UserError

    template, context, fonts = _inputs(EXAMPLES[0])
    filled = prepared(template).fill(context, fonts)
    data = filled.save()
    checked = render._checked_parts(filled) | filled.sound
    assert filled.names == zipfile.ZipFile(io.BytesIO(data)).namelist()
    broken = dict(filled.written, **{"word/document.xml": b"<w:document>"})
    kept = [entry for entry in filled.skeleton.entries if entry.name != "[Content_Types].xml"]
    cases = [(data, filled.written, checked, filled.names), (data, broken, frozenset(), filled.names),
             (zipparts.write_zip(kept), filled.written, checked, [entry.name for entry in kept])]

    def outcome(*arguments, names):
        try:
            render.verify_docx(*arguments, names=names)
        except UserError as error:
            return str(error)

    for archive, written, sound, names in cases:
        assert outcome(archive, template, written, sound, names=names) == \
            outcome(archive, template, written, sound, names=None)
    assert [outcome(a, template, w, c, names=n) is None for a, w, c, n in cases] == [True, False, False]
    monkeypatch.setattr(zipfile, "ZipFile", lambda *a, **k: pytest.fail("the archive was read again"))
    render.verify_docx(data, template, filled.written, checked, names=filled.names)


def _with_footnotes(template: Path, target: Path, footnote_xml: str) -> Path:
    """A copy of `template` with a footnotes part holding `footnote_xml` (a docxtpl-tagged paragraph)."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    part = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes xmlns:w="{w}">'
            f'<w:footnote w:id="1">{footnote_xml}</w:footnote></w:footnotes>')
    with zipfile.ZipFile(template) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for name in source.namelist():
            data = source.read(name)
            if name == "[Content_Types].xml":
                data = data.replace(b"</Types>", b'<Override PartName="/word/footnotes.xml" ContentType="application/'
                                    b'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>')
            elif name == "word/_rels/document.xml.rels":
                data = data.replace(b"</Relationships>", b'<Relationship Id="rIdNotes" Type="http://schemas.openxmlformats.'
                                    b'org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>'
                                    b"</Relationships>")
            out.writestr(name, data)
        out.writestr("word/footnotes.xml", part.encode("utf-8"))
    return target


def test_a_rendered_part_that_is_not_well_formed_is_refused(tmp_path):
    """Footnotes go into the .docx as Jinja renders them; when a template's tags cut their XML
    apart, the draft is refused (checked on the very bytes written), not written broken."""
    from drafter.errors import UserError

    template, context, fonts = _inputs(EXAMPLES[0])
    sound = _with_footnotes(template, tmp_path / "notes.docx", '<w:p><w:r><w:t>{{ signature }}</w:t></w:r></w:p>')
    notes = zipfile.ZipFile(io.BytesIO(render_context(sound, context, fonts))).read("word/footnotes.xml").decode()
    assert context["signature"] in notes
    cut = _with_footnotes(template, tmp_path / "cut.docx",
                          "<w:p><w:r><w:t>{% if false %}</w:t></w:r></w:p><w:p>{% endif %}<w:r><w:t>c</w:t></w:r></w:p>")
    with pytest.raises(UserError, match=r"生成的文件不是完好的 \.docx.*未写入"):
        render_context(cut, context, fonts)


@pytest.mark.parametrize("tag", ["{{ '\\x01'|safe }}", "{{ '</w:t></w:r></w:p><w:p>'|safe }}", "{{ '<w:t>'|safe }}",
                                 "{{ '<w:p>'|safe }}", "{{ '<x'|safe }}"])
def test_a_body_only_a_recovering_parse_reads_is_rendered_like_docxtpl(tmp_path, tag):
    """docxtpl reads a rendered body whose XML is not sound by recovering (a control character
    dropped, tags closed); so does the prepared template, and such a body
    is not taken as well-formed by construction: verify_docx parses what was written."""
    from docx import Document

    template, context, fonts = _inputs(EXAMPLES[0])
    copy = tmp_path / "unsound.docx"
    document = Document(str(template))
    document.paragraphs[0].add_run(tag)
    document.save(str(copy))
    filled = prepared(copy).fill(context, fonts)
    assert "word/document.xml" not in filled.sound and "docProps/core.xml" in filled.sound
    _assert_same(render_context(copy, context, fonts), _docxtpl(copy, context, fonts))
    sound = prepared(template).fill(context, fonts)
    assert "word/document.xml" in sound.sound


def test_a_body_whose_recovered_tree_is_not_well_formed_is_refused(tmp_path):
    from docx import Document

    from drafter.errors import UserError

    template, context, fonts = _inputs(EXAMPLES[0])
    copy = tmp_path / "prefix.docx"
    document = Document(str(template))
    document.paragraphs[0].add_run("{{ '<x:foo/>'|safe }}")  # a prefix no namespace is declared for
    document.save(str(copy))
    with pytest.raises(UserError, match=r"生成的文件不是完好的 \.docx.*Namespace prefix x"):
        render_context(copy, context, fonts)


def test_a_body_with_a_table_is_rendered_like_docxtpl(tmp_path):
    """A table's grid is fixed by docxtpl's fix_tables (the body parsed on its own, then put in
    the document); a body without one is parsed in the skeleton's frame: both give docxtpl's."""
    from docx import Document

    template, context, fonts = _inputs(EXAMPLES[0])
    copy = tmp_path / "table.docx"
    document = Document(str(template))
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "{{ signature }}"
    table.cell(1, 1).text = "共3件"
    document.save(str(copy))
    ours = render_context(copy, context, fonts)
    _assert_same(ours, _docxtpl(copy, context, fonts))
    assert context["signature"].encode() in _parts(ours)["word/document.xml"]
    assert prepared(template)._skeleton(fonts).frame is not None


def test_a_body_of_an_unusual_shape_is_glued_in_the_tree_like_docxtpl(tmp_path):
    """A paragraph with a field (its instruction is a text outside w:t) is not of the shape the
    glue writes into the serialised XML: the tree writer glues that body, as docxtpl's does."""
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    from drafter.docx_glue_xml import glue_serialised

    template, context, fonts = _inputs(EXAMPLES[0])
    copy = tmp_path / "field.docx"
    document = Document(str(template))
    paragraph = document.add_paragraph("全年共办理案件3件，第")
    for kind in ("begin", None, "end"):
        run = paragraph.add_run()
        if kind:
            run._r.append(OxmlElement("w:fldChar", {qn("w:fldCharType"): kind}))
        else:
            instruction = OxmlElement("w:instrText")
            instruction.text = "PAGE"
            run._r.append(instruction)
    paragraph.add_run("页")
    document.save(str(copy))
    ours = render_context(copy, context, fonts)
    _assert_same(ours, _docxtpl(copy, context, fonts))
    assert glue_serialised(prepared(copy).fill(context, fonts).document.part.blob) is None
    assert "办理案件\u20603\u2060".encode() in _parts(ours)["word/document.xml"]  # glued, in the tree


_PIECES = ["全年共办理案件", "55001件", "24小时", "成功率100%", "10余场", "2024年", "１２个", "3 件", "，", "。", "&", "<b>",
           "\"引号\"", "R&D", "{_{ x }_}", "\t", "\u2060", "某县城市管理局", "x", " "]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_made_up_reports_render_like_docxtpl(data):
    """Texts mixing figures, units, escapes and marks in every place of the body: the prepared
    template's render (the body parsed in the skeleton's frame, the layout fixes on its
    elements, the glue written into the serialised XML) gives docxtpl's bytes, part for part."""
    from drafter.render import _literal, _Lines

    text = st.lists(st.sampled_from(_PIECES), min_size=1, max_size=6).map("".join)
    template, context, fonts = _inputs(EXAMPLES[data.draw(st.integers(0, len(EXAMPLES) - 1))])
    context = dict(context, title=_Lines(data.draw(text) + "\n" + data.draw(text)), opening=_literal(data.draw(text)),
                   signature=_literal(data.draw(text)), date=_literal(data.draw(text)))
    parts = [dict(part, blocks=[dict(block, lead=_literal(data.draw(text)) if block["lead"] else block["lead"],
                                     text=_literal(data.draw(text))) for block in part["blocks"][:2]])
             for part in context["parts"]]
    context["parts"] = parts
    _assert_same(render_context(template, context, fonts), _docxtpl(template, context, fonts))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["{", "}", "%", "_", "{_{", "%_}", "法治", "3件", "&", "<", " "]), max_size=10).map("".join))
def test_a_literal_is_what_the_search_alone_gave(text):
    """`_literal` looks for an underscore before it searches for an escaped tag: the same
    value as the search alone, a Markup with the underscore as a reference where one is."""
    from markupsafe import Markup, escape

    from drafter.render import _TAG_ESCAPE, _literal

    former = Markup(_TAG_ESCAPE.sub("&#95;", str(escape(text)))) if _TAG_ESCAPE.search(text) else text
    assert _literal(text) == former and type(_literal(text)) is type(former)
