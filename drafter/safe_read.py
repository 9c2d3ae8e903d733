"""Safe reads: every file drafter reads from the clerk goes through here.

- Only regular files: a folder, a device (/dev/zero, /dev/urandom, /dev/stdin), a pipe or a
  socket is refused before it is read (checked by path, then again on the opened handle,
  which is opened non-blocking so a pipe swapped in meanwhile cannot hang the read).
- Bounded sizes: at most `limit` bytes are ever read; a larger file gets a Chinese message
  with its size and the limit.
- YAML nesting is bounded before any parser builds a tree (50,000 nested "[" crash the C
  loader): see `check_yaml_nesting`.
- A .docx is checked before python-docx or docxtpl opens it: the uncompressed size of every
  part and of the whole package, the compression ratio and the number of paragraphs are
  bounded (a 3 MB zip bomb must not become 3 GiB in memory): see `read_docx_bytes`.
"""

from __future__ import annotations

import io
import os
import re
import stat
from pathlib import Path

from .errors import UserError
from .fs import check_name
from .os_errors import os_reason
from .paths import display

MB = 1_000_000
ANSWERS_LIMIT = 5 * MB  # a year's answers are a few dozen KB
TEXT_LIMIT = 2 * MB  # a report as .txt/.md is some 20 KB; 2 MB is a hundred reports
DOCX_LIMIT = 100 * MB  # the .docx file itself (pictures included)
DOCX_PART_LIMIT = 40 * MB  # one part, uncompressed (document.xml of a real report: < 2 MB)
DOCX_TOTAL_LIMIT = 300 * MB  # all parts, uncompressed
DOCX_RATIO_LIMIT = 100  # uncompressed ÷ compressed, for parts over DOCX_RATIO_FROM bytes
DOCX_RATIO_FROM = 2 * MB
DOCX_MAX_PARTS = 5_000
DOCX_MAX_PARAGRAPHS = 50_000  # a real report has a few hundred
MAX_NESTING = 50  # YAML levels; a real answers file has about 6

_KINDS = (
    (stat.S_ISDIR, "是一个文件夹"),
    (stat.S_ISCHR, "是一个设备（如 /dev/zero），不是普通文件"),
    (stat.S_ISBLK, "是一个磁盘设备，不是普通文件"),
    (stat.S_ISFIFO, "是一个管道（FIFO），不是普通文件"),
    (stat.S_ISSOCK, "是一个套接字，不是普通文件"),
)


def _size(n: int) -> str:
    return f"{n / MB:.1f} MB" if n >= MB / 10 else f"{n / 1000:.0f} KB"


def check_regular(path: Path | str, what: str = "文件", error: type[UserError] = UserError) -> os.stat_result:
    """The stat of `path` when it is a regular file; otherwise `error` with a Chinese message."""
    path = Path(path)
    try:
        check_name(path)
        info = os.stat(path)
    except UserError as refused:
        raise error(str(refused)) from None
    except FileNotFoundError:
        raise error(f"找不到{what}：{display(path)}") from None
    except NotADirectoryError:
        raise error(f"找不到{what}：{display(path)}（路径中的 {display(path.parent)} 不是文件夹）") from None
    except OSError as problem:
        raise error(f"无法读取{what} {display(path)}：{os_reason(problem)}") from None
    _refuse_kind(info, path, what, error)
    return info


def _refuse_kind(info: os.stat_result, path: Path, what: str, error: type[UserError]) -> None:
    for test, words in _KINDS:
        if test(info.st_mode):
            raise error(f"{display(path)} {words}，请给出{what}的路径")
    if not stat.S_ISREG(info.st_mode):
        raise error(f"{display(path)} 不是普通文件，请给出{what}的路径")


def read_bytes(path: Path | str, *, limit: int, what: str = "文件", error: type[UserError] = UserError) -> bytes:
    """The bytes of the regular file `path`, at most `limit` of them (else `error`)."""
    path = Path(path)
    info = check_regular(path, what, error)

    def too_large(size: str) -> UserError:
        return error(f"{display(path)} 有 {size}，超过{what}的上限 {_size(limit)}（不像{what}），请确认给出的文件是否正确")

    if info.st_size > limit:
        raise too_large(_size(info.st_size))
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as problem:
        raise error(f"无法读取{what} {display(path)}：{os_reason(problem)}") from None
    try:
        _refuse_kind(os.fstat(fd), path, what, error)  # the file opened is the one checked
        chunks, total = [], 0
        while total <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as problem:
        raise error(f"无法读取{what} {display(path)}：{os_reason(problem)}") from None
    finally:
        os.close(fd)
    if total > limit:
        raise too_large(f"超过 {_size(limit)}")
    return b"".join(chunks)


# ---------------------------------------------------------------- YAML


# A line's start, from the line end before it (the text is given one in front): the regex engine
# finds a literal "\n" at once, where it tries "^" of MULTILINE at every character.
_LINE_START = re.compile(r"\n[ \t]*(?:[-?:][ \t]+)*")


def yaml_depth_bound(text: str) -> int:
    """A cheap upper bound of the nesting depth: every "[" and "{" (as if none closed) plus the
    longest run of indentation and "- "/"? " markers (compact nested lists) a line starts with."""
    return text.count("[") + text.count("{") + max(map(len, _LINE_START.findall("\n" + text))) - 1


def yaml_depth(text: str) -> int:
    """The exact nesting depth, from the events of ruamel's pure-Python parser (an explicit
    stack, no recursion, linear time)."""
    from ruamel.yaml import YAML
    from ruamel.yaml.events import CollectionEndEvent, CollectionStartEvent

    depth = deepest = 0
    for event in YAML(typ="safe", pure=True).parse(text):
        if isinstance(event, CollectionStartEvent):
            depth += 1
            deepest = max(deepest, depth)
        elif isinstance(event, CollectionEndEvent):
            depth -= 1
        if deepest > MAX_NESTING:
            break
    return deepest


def check_yaml_nesting(text: str, path: Path | str, what: str = "答卷文件", error: type[UserError] = UserError) -> None:
    """Refuse YAML nested deeper than MAX_NESTING, before it is parsed into a tree."""
    if yaml_depth_bound(text) <= MAX_NESTING:
        return
    try:
        depth = yaml_depth(text)
    except RecursionError:
        depth = MAX_NESTING + 1
    except Exception:  # noqa: BLE001 - a syntax error: the real parser reports it with its line
        return
    if depth > MAX_NESTING:
        raise error(f"{what} {display(path)} 的嵌套层次过深（超过 {MAX_NESTING} 层，括号或缩进层层套叠），不像{what}")


# ---------------------------------------------------------------- .docx


def read_docx_bytes(path: Path | str, what: str = "Word 文件", error: type[UserError] = UserError) -> bytes:
    """The bytes of a .docx whose package is within bounds (see the module text)."""
    data = read_bytes(path, limit=DOCX_LIMIT, what=what, error=error)
    check_docx_package(data, path, what, error)
    return data


# A .docx with a password to open is no zip: Word and WPS keep it encrypted inside an OLE compound
# file (the old .doc's container) as a stream named EncryptedPackage (MS-OFFCRYPTO).
_COMPOUND_FILE = bytes.fromhex("d0cf11e0a1b11ae1")
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")


def check_docx_package(data: bytes, path: Path | str, what: str = "Word 文件", error: type[UserError] = UserError) -> None:
    import zipfile

    name = display(path)
    if data.startswith(_COMPOUND_FILE) and _ENCRYPTED_PACKAGE in data:
        raise error(f"无法读取 {name}：文件设置了打开密码。请在 Word 或 WPS 中打开它，清空密码（Word：文件 → 信息 → "
                    "保护文档 → 用密码进行加密；WPS：文件 → 文档加密 → 密码加密），另存一份 .docx 后再试")
    if not data.startswith(b"PK"):
        raise error(f"无法读取 {name}：不是有效的 .docx 文件（可能是其他文件或旧版 .doc 改了扩展名），"
                    "请在 Word 或 WPS 中“另存为” .docx 后再试")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            if len(infos) > DOCX_MAX_PARTS:
                raise error(f"{name} 含有 {len(infos)} 个部件，超过上限 {DOCX_MAX_PARTS}，不像正常的 Word 文档")
            total = 0
            for info in infos:
                total += info.file_size
                if info.file_size > DOCX_PART_LIMIT:
                    raise error(f"{name} 中的 {info.filename} 解压后有 {_size(info.file_size)}，超过上限 "
                                f"{_size(DOCX_PART_LIMIT)}，不像正常的 Word 文档（可能是“压缩炸弹”），未读取")
                if info.file_size > DOCX_RATIO_FROM and info.file_size > DOCX_RATIO_LIMIT * max(info.compress_size, 1):
                    raise error(f"{name} 中的 {info.filename} 压缩比异常（{info.file_size // max(info.compress_size, 1)} 倍，"
                                f"上限 {DOCX_RATIO_LIMIT} 倍），不像正常的 Word 文档（可能是“压缩炸弹”），未读取")
            if total > DOCX_TOTAL_LIMIT:
                raise error(f"{name} 解压后共有 {_size(total)}，超过上限 {_size(DOCX_TOTAL_LIMIT)}，未读取")
            names = {info.filename for info in infos}
            if "word/document.xml" in names:
                body = archive.read("word/document.xml")
                paragraphs = len(re.findall(rb"<(?:[A-Za-z_][\w.-]*:)?p[\s>/]", body))
                if paragraphs > DOCX_MAX_PARAGRAPHS:
                    raise error(f"{name} 有约 {paragraphs} 个段落，超过上限 {DOCX_MAX_PARAGRAPHS}，不像一份报告，未读取")
    except zipfile.BadZipFile:
        raise error(f"无法读取 {name}：不是有效的 .docx 文件（文件已损坏，或是其他文件改了扩展名）") from None
    except (zipfile.LargeZipFile, NotImplementedError, RuntimeError, ValueError, EOFError, OSError):
        raise error(f"无法读取 {name}：文件已损坏或使用了不支持的压缩方式") from None
