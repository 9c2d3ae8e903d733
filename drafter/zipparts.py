"""A .docx's zip entries kept compressed: read once, written again without recompressing.

A report changes a few small parts of the template (the body, the footers, the properties);
the rest (styles.xml alone is 350 KB) is the same in every draft. `read_entries` takes each
entry's compressed bytes as they are stored, `write_zip` puts them into a new archive as
they are, and deflates only the parts given as new bytes. Python's zipfile cannot copy an
entry without recompressing it, hence this small writer (no ZIP64: a .docx is far smaller).
"""

from __future__ import annotations

import struct
import zlib
import zipfile
from dataclasses import dataclass
from functools import cached_property

_LOCAL = struct.Struct("<IHHHHHIIIHH")
_CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")
_END = struct.Struct("<IHHHHIIH")
_OFFSET = struct.Struct("<I")  # the last field of a central directory record: where its local header is
_UTF8_NAME = 0x800
_VERSION = 20  # 2.0: deflate
#: The deflate level of the parts each report writes anew (the body, the properties): zlib's
#: fast levels, a third quicker than 6 on a 16 KB body for some 270 bytes more a draft
#: (1.8 %). Any level is the same deflate to a reader; the parts' bytes are the same. The
#: parts kept from the template (styles.xml …) are deflated once, at 6, and copied.
REPORT_LEVEL = 2


@dataclass(frozen=True)
class Entry:
    """One stored zip entry: its name, DOS time, attributes and compressed bytes."""

    name: str
    method: int
    dos_time: int
    dos_date: int
    crc: int
    size: int
    data: bytes  # as stored (deflated or not, per `method`)
    external_attr: int = 0

    @classmethod
    def deflated(cls, name: str, content: bytes, like: "Entry | None" = None, level: int = 6) -> "Entry":
        """An entry holding `content`, deflated as zipfile does (at its level 6 unless told), dated
        like `like`."""
        data = zlib.compress(content, level, -15)  # raw deflate, zipfile's compressobj in one call
        return cls(name, zipfile.ZIP_DEFLATED, like.dos_time if like else 0, like.dos_date if like else 33,
                   zlib.crc32(content), len(content), data, like.external_attr if like else 0)


    def content(self) -> bytes:
        """The entry's bytes, inflated (at most its stated size and one byte more)."""
        if self.method == zipfile.ZIP_STORED:
            return self.data
        if self.method != zipfile.ZIP_DEFLATED:
            raise zipfile.BadZipFile(f"{self.name}: compression method {self.method}")
        return zlib.decompressobj(-15).decompress(self.data, self.size + 1)

    @cached_property
    def name_bytes(self) -> bytes:
        return self.name.encode("utf-8")

    @cached_property
    def records(self) -> tuple[bytes, bytes]:
        """The entry's local header with its name, and its central directory record up to the
        offset of its local header (which `write_zip` adds, then the name): made once for an
        entry a skeleton copies into every report."""
        name, flags = self.name_bytes, 0 if self.name.isascii() else _UTF8_NAME
        local = _LOCAL.pack(0x04034B50, _VERSION, flags, self.method, self.dos_time, self.dos_date, self.crc,
                            len(self.data), self.size, len(name), 0)
        record = _CENTRAL.pack(0x02014B50, _VERSION, _VERSION, flags, self.method, self.dos_time, self.dos_date,
                               self.crc, len(self.data), self.size, len(name), 0, 0, 0, 0, self.external_attr, 0)
        return local + name, record[:-_OFFSET.size]

    def holds(self, content: bytes) -> bool:
        """Whether the entry's data are `content` (inflated only when size and CRC agree)."""
        if self.size != len(content) or self.crc != zlib.crc32(content):
            return False
        return self.method in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) and self.content() == content


def written_now() -> Entry:
    """An empty entry dated and flagged as zipfile's `writestr` dates and flags a member it
    writes now (local time, read-write for the owner): the stamp of a package python-docx saves."""
    import time

    year, month, day, hour, minute, second = time.localtime(time.time())[:6]
    return Entry("", zipfile.ZIP_STORED, (hour << 11) | (minute << 5) | (second // 2),
                 ((year - 1980) << 9) | (month << 5) | day, 0, 0, b"", 0o600 << 16)


def read_entries(archive: bytes) -> list[Entry]:
    """Every entry of the zip `archive`, in its order, with its bytes still compressed."""
    import io

    entries = []
    with zipfile.ZipFile(io.BytesIO(archive)) as source:
        for info in source.infolist():
            header = _LOCAL.unpack_from(archive, info.header_offset)
            start = info.header_offset + _LOCAL.size + header[9] + header[10]
            year, month, day, hour, minute, second = info.date_time
            entries.append(Entry(
                info.filename, info.compress_type, (hour << 11) | (minute << 5) | (second // 2),
                ((year - 1980) << 9) | (month << 5) | day, info.CRC, info.file_size,
                archive[start:start + info.compress_size], info.external_attr,
            ))
    return entries


def write_zip(entries: list[Entry]) -> bytes:
    """A zip archive of `entries`, in that order, their data written as stored."""
    chunks: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for entry in entries:
        local, record = entry.records
        central += (record, _OFFSET.pack(offset), entry.name_bytes)
        chunks += (local, entry.data)
        offset += len(local) + len(entry.data)
    directory = b"".join(central)
    end = _END.pack(0x06054B50, 0, 0, len(entries), len(entries), len(directory), offset, 0)
    return b"".join(chunks) + directory + end
