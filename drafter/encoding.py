"""Decoding the text files clerks bring: UTF-8 (with or without BOM), UTF-16/32 with BOM
(Notepad's "Unicode"), or GBK from older Windows editors."""

from __future__ import annotations

import codecs

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class NotText(ValueError):
    """Binary content (NUL bytes) without a BOM that would explain them."""


class Undecodable(ValueError):
    """`bom` names the encoding a BOM promised but the content broke; None: neither UTF-8 nor GBK."""

    def __init__(self, bom: str | None) -> None:
        super().__init__(bom or "unknown")
        self.bom = bom


def decode(data: bytes) -> tuple[str, str]:
    """The text and its encoding: "utf-8-sig", "utf-16", "utf-32", "utf-8" or "gbk"."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                raise Undecodable(encoding) from None
    if b"\x00" in data[:8192]:
        raise NotText()
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gbk"
    except UnicodeDecodeError:
        raise Undecodable(None) from None
