"""A .docx made safe to hand to LibreOffice: nothing in it may reach outside the file.

A .docx can point outside itself: a picture linked from `file:///home/…/secret.png` or from
`http://…` (TargetMode="External"), an attached template, an OLE link, a sub-document, or a
field such as INCLUDEPICTURE / INCLUDETEXT. LibreOffice would load them while converting: a
local file would end up inside the PDF we publish, an address would be fetched. Before any
conversion, `prepare_for_conversion` copies the .docx without them (only http(s)/mailto
hyperlinks, which are never fetched, stay) and says what it removed; `lock_down_profile`
writes the private LibreOffice profile so that it runs no macro and follows no link.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

_HARMLESS_LINK = re.compile(r"^(?:https?:|mailto:|#)", re.IGNORECASE)
_FIELDS = re.compile(rb"\b(INCLUDEPICTURE|INCLUDETEXT|INCLUDE|LINK|DDE|DDEAUTO|IMPORT)\b")
_INSTRUCTION = re.compile(rb"(<w:instrText\b[^>]*>)([^<]*)(</w:instrText>)|(\bw:instr=\")([^\"]*)(\")")
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"


def prepare_for_conversion(source: Path, target: Path) -> list[str]:
    """Copy the .docx `source` to `target` without external references; return notes (Chinese)."""
    from .safe_read import read_docx_bytes

    data = read_docx_bytes(source, what="Word 文件")
    cleaned, removed = strip_external(data)
    target.write_bytes(cleaned)
    if not removed:
        return []
    shown = "、".join(removed[:3]) + ("等" if len(removed) > 3 else "")
    return [f"{source.name} 引用了文件外部的内容（{shown}，共 {len(removed)} 处），转换 PDF 时已忽略，未读取也未访问"]


def strip_external(data: bytes) -> tuple[bytes, list[str]]:
    """The .docx bytes without external relationships and include/link fields; what was removed."""
    from lxml import etree

    removed: list[str] = []
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in source.infolist():
            part = source.read(info)
            if info.filename.endswith(".rels"):
                part = _strip_relationships(part, parser, removed)
            elif info.filename.startswith("word/") and info.filename.endswith(".xml") and _FIELDS.search(part):
                part = _INSTRUCTION.sub(lambda m: _neutral_field(m, removed), part)
            copy.writestr(info, part)
    return out.getvalue(), removed


def _strip_relationships(part: bytes, parser, removed: list[str]) -> bytes:
    from lxml import etree

    try:
        root = etree.fromstring(part, parser)
    except etree.XMLSyntaxError:
        return part  # LibreOffice will refuse it as well; nothing in it is followed
    changed = False
    for rel in list(root):
        if rel.get("TargetMode", "").lower() != "external":
            continue
        kind = (rel.get("Type") or "").rsplit("/", 1)[-1]
        target = rel.get("Target") or ""
        if kind == "hyperlink" and _HARMLESS_LINK.match(target.strip()):
            continue
        removed.append(f"{_KINDS.get(kind, kind or '外部链接')} {target[:60]}")
        root.remove(rel)
        changed = True
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True) if changed else part


def _neutral_field(match: re.Match, removed: list[str]) -> bytes:
    opening, text, closing = (match.group(1), match.group(2), match.group(3)) if match.group(1) else (
        match.group(4), match.group(5), match.group(6))
    if not _FIELDS.search(text):
        return match.group(0)
    removed.append(f"域 {text.decode('utf-8', 'replace').strip()[:60]}")
    return opening + b" COMMENTS " + closing


_KINDS = {
    "image": "图片", "attachedTemplate": "模板", "oleObject": "OLE 对象", "subDocument": "子文档",
    "frame": "框架", "hyperlink": "超链接", "externalLink": "外部数据", "package": "嵌入文件",
    "video": "视频", "audio": "音频", "font": "字体",
}

# The private profile of each conversion: no macros, no links followed, no external data.
_PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="MacroSecurityLevel" \
oor:op="fuse"><value>3</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="DisableMacrosExecution" \
oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="BlockUntrustedRefererLinks" \
oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="DisableActiveContent" \
oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Writer/Content/Update"><prop oor:name="Link" \
oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def lock_down_profile(profile: Path) -> None:
    """Write the settings above into the fresh LibreOffice profile folder `profile`."""
    user = profile / "user"
    user.mkdir(parents=True, exist_ok=True)
    (user / "registrymodifications.xcu").write_text(_PROFILE, encoding="utf-8")
