"""The bad-input corpus (tests/fixtures/bad/): every broken answers file gives one Chinese message
naming the file, the line and the field, exit code 2, no traceback, and changes no file.

Also: what the loader repairs instead of refusing (GBK, BOM, UTF-16, text pasted from Word) is
read, noted with its line, and rendered exactly.

The corpus is made from tests/fixtures/bad/_base.yaml by tests/fixtures/bad/make_corpus.py.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from conftest import REPO
from drafts import open_draft

BAD = REPO / "tests" / "fixtures" / "bad"
BASE = BAD / "_base.yaml"
ENFORCEMENT = "党组（党委）理论学习中心组专题学习习近平法治思想"

# (file, line the message must name or None where no line applies, fragments the message must contain)
CASES = [
    # malformed YAML: line and column
    ("yaml-missing-colon-space.yaml", 8, ["YAML 格式有误", "第 8 行第 3 列", "缺少冒号"]),
    ("yaml-tab-indent.yaml", 5, ["YAML 格式有误", "Tab", "空格缩进"]),
    ("yaml-unclosed-quote.yaml", 4, ["YAML 格式有误", "引号"]),
    ("yaml-duplicate-key.yaml", 6, ["YAML 格式有误", "同一键名“kind”写了两次"]),
    ("yaml-bad-indent.yaml", 6, ["YAML 格式有误", "缩进"]),
    ("yaml-unclosed-bracket.yaml", 10, ["YAML 格式有误", "方括号"]),
    ("yaml-colon-in-text.yaml", 24, ["YAML 格式有误", "加引号"]),
    ("yaml-complex-key.yaml", None, ["YAML 无法解析", "“? ”"]),
    # wrong types
    ("type-year-chinese.yaml", 2, ["报告年度：", "（键名：year）", "应为整数"]),
    ("type-figure-chinese-numeral.yaml", 14, ["measures[0].figures.penalty_cases", "“五十九”不是数字", "阿拉伯数字"]),
    ("type-figure-wrong-unit.yaml", 21, ["thought_study_sessions", "“6件”不是数字", "单位“次”可以省略"]),
    ("type-name-is-list.yaml", 4, ["单位 › 单位名称：", "（键名：unit.name）", "应为文字"]),
    ("type-items-is-mapping.yaml", 26, ["duty.items", "应为列表"]),
    ("type-date-impossible.yaml", 8, ["单位 › 成文日期：", "（键名：unit.written_on）", "“2025-02-30”不是有效的日期"]),
    ("type-date-chinese.yaml", 8, ["unit.written_on", "“2025年2月20日”不是有效的日期", "2025-02-28"]),
    ("type-flag-is-number.yaml", 29, ["duty.figures.duty_law_report", "true（是）或 false（否）"]),
    ("type-count-fraction.yaml", 21, ["thought_study_sessions", "应为整数（填写了 6.5）"]),
    ("type-unit-kind-unknown.yaml", 5, ["单位 › 单位类型：", "（键名：unit.kind）", "人民政府、政府部门、乡镇街道、事业单位"]),
    # unknown or misspelled keys: the closest key is suggested
    ("key-misspelled-top.yaml", 22, ["未知字段“shortcomming”", "是否想写“shortcomings”"]),
    ("key-misspelled-nested.yaml", 6, ["未知字段“superior”", "是否想写“superiors”"]),
    ("key-unknown-figure.yaml", 14, ["未知的数据项“penalty_case”", "是否想写“penalty_cases”"]),
    ("key-unknown-topic.yaml", 17, ["measures[1].key", "未知的专题“thougth”", "是否想写“thought”"]),
    ("key-zero-width-space.yaml", 22, ["字段名“shortcomings”中含有看不见的字符"]),
    ("key-number.yaml", 3, ["未知字段“2025”", "year、unit"]),
    # missing required fields
    ("missing-unit-name.yaml", 3, ["单位 › 单位名称：", "（键名：unit.name）", "必须填写"]),
    ("missing-year.yaml", None, ["报告年度：", "（键名：year）", "必须填写"]),
    ("missing-cause.yaml", 23, ["二、存在的不足和原因 › 第1项 › 原因：", "（键名：shortcomings[0].cause）", "必须填写"]),
    ("missing-value-after-colon.yaml", 6, ["unit.superiors", "必须填写（冒号后不能留空）"]),
    ("missing-plans.yaml", None, ["四、下一年度主要安排：", "（键名：plans）", "第四部分“下一年度主要安排”不能为空"]),
    # negative or absurd numbers
    ("number-negative.yaml", 16, ["measures[0].figures.penalty_simple", "其中简易程序案件", "不能是负数（填写了 -3）"]),
    ("number-absurd.yaml", 21, ["thought_study_sessions", "数值 6000000000 过大"]),
    ("number-nan.yaml", 21, ["thought_study_sessions", "不是有效的数字"]),
    ("number-year-too-early.yaml", 2, ["报告年度：", "（键名：year）", "应不小于 2000"]),
    ("number-parts-above-total.yaml", 15, ["之和67件", "超过了“行政处罚案件”59件"]),
    # very long text
    ("long-text.yaml", 24, ["shortcomings[0].cause", "内容过长（20001 字，上限 20000 字）"]),
    # text from Word where a fixed choice is expected
    ("word-invisible-in-choice.yaml", 5, ["unit.kind", "看不见的字符"]),
    # files that are not answers files
    ("empty.yaml", None, ["是空的"]),
    ("whitespace-only.yaml", None, ["是空的"]),
    ("comments-only.yaml", None, ["没有内容"]),
    ("top-level-list.yaml", None, ["最外层应是“键: 值”的形式", "而不是列表"]),
    ("top-level-text.yaml", None, ["最外层应是“键: 值”的形式", "而不是一段文字"]),
    ("binary-png.yaml", None, ["不是文本文件"]),
    ("binary-docx-renamed.yaml", None, ["不是文本文件", "Word"]),
    ("binary-pdf-renamed.yaml", None, ["不是文本文件", "PDF"]),
    ("alias-self-reference.yaml", 3, ["other[0]"]),
    ("alias-expansion.yaml", None, ["展开后超过", "锚点和别名"]),
    ("deep-nesting.yaml", None, ["嵌套层次过深"]),
    # Windows editors: a mistake inside a GBK / BOM / UTF-16 file still names its line
    ("encoding-gbk-with-error.yaml", 6, ["未知字段“superior”", "是否想写“superiors”"]),
    ("encoding-bom-with-error.yaml", 14, ["penalty_cases", "不能是负数（填写了 -59）"]),
    ("encoding-utf16-with-error.yaml", 2, ["报告年度：", "（键名：year）", "应为整数"]),
    ("encoding-bom-not-utf8.yaml", None, ["BOM", "不是 UTF-8"]),
    ("encoding-unknown.yaml", None, ["编码无法识别", "UTF-8"]),
]

# Cases made in the test itself: a folder, a missing file, a file too large to be answers.
SPECIAL = ["<folder>", "<missing>", "<huge>"]


def snapshot(directory: Path) -> dict[str, bytes | None]:
    """Every file and folder below `directory` with its bytes (None for a folder)."""
    return {
        path.relative_to(directory).as_posix(): (None if path.is_dir() else path.read_bytes())
        for path in sorted(directory.rglob("*"))
    }


def _assert_one_clean_message(result, name: str) -> str:
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    message = result.stderr
    assert message.startswith("错误："), message
    assert message.count("错误：") == 1, message
    assert name in message, message  # the file is named
    # in Chinese: the YAML parser's English is not passed on (keys and the path may be ASCII)
    assert not re.search(r"\b(expected|found|while|but got|could not|scanning|stream|not allowed)\b",
                         message.replace(str(name), "")), message
    return message


def test_corpus_is_complete():
    files = {p.name for p in BAD.glob("*.yaml")} - {BASE.name}
    listed = {name for name, _, _ in CASES}
    assert files == listed, "run tests/fixtures/bad/make_corpus.py and list every case here"
    assert len(CASES) + len(SPECIAL) >= 30


def test_base_of_the_corpus_is_valid(cli, tmp_path):
    result = cli("render", BASE, "-o", tmp_path / "d.docx")
    assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize("name,line,fragments", CASES, ids=[c[0] for c in CASES])
def test_bad_answers_file(cli, tmp_path, name, line, fragments):
    work = tmp_path / "work"
    work.mkdir()
    answers = work / name
    shutil.copyfile(BAD / name, answers)
    draft = work / "draft.docx"
    draft.write_bytes(b"last week's draft, edited by hand")  # must survive even with --force
    before = snapshot(work)

    result = cli("render", answers, "-o", draft, "--force")

    assert result.exit_code == 2, (result.exit_code, result.stderr)
    message = _assert_one_clean_message(result, name)
    for fragment in fragments:
        assert fragment in message, (fragment, message)
    if line is not None:
        assert f"第 {line} 行" in message, message
    assert snapshot(work) == before  # nothing written: no draft, no backup, no temp file


@pytest.mark.parametrize("kind", SPECIAL)
def test_not_an_answers_file(cli, tmp_path, kind):
    work = tmp_path / "work"
    work.mkdir()
    if kind == "<folder>":
        answers = work / "answers.yaml"
        answers.mkdir()
        (answers / "inside.txt").write_text("x", encoding="utf-8")
        expected = "是一个文件夹"
    elif kind == "<missing>":
        answers = work / "no-such-file.yaml"
        expected = "找不到答卷文件"
    else:
        answers = work / "huge.yaml"
        answers.write_bytes(BASE.read_bytes() + b"#" * 6_000_000)
        expected = "不像答卷文件"
    before = snapshot(work)
    result = cli("render", answers, "-o", work / "draft.docx")
    assert result.exit_code == 2
    message = _assert_one_clean_message(result, answers.name)
    assert expected in message, message
    assert snapshot(work) == before


def test_unreadable_file_gives_a_message(cli, tmp_path):
    import os

    if os.name != "posix" or os.geteuid() == 0:
        pytest.skip("needs a POSIX user who cannot bypass file permissions")
    answers = tmp_path / "a.yaml"
    shutil.copyfile(BASE, answers)
    answers.chmod(0)
    try:
        result = cli("render", answers, "-o", tmp_path / "d.docx")
    finally:
        answers.chmod(0o644)
    assert result.exit_code == 2
    assert "无法读取答卷文件" in _assert_one_clean_message(result, answers.name)


# ---------------------------------------------------------------- repaired with a note


def _render_ok(cli, answers: Path, out: Path):
    result = cli("render", answers, "-o", out)
    assert result.exit_code == 0, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    with zipfile.ZipFile(out) as archive:
        for name in archive.namelist():
            if name.endswith((".xml", ".rels")):
                etree.fromstring(archive.read(name))  # well-formed, or this raises
    return result, [p.text for p in open_draft(out).paragraphs]


@pytest.mark.parametrize(
    "encoding,prefix,note",
    [("gbk", b"", "GBK"), ("utf-8", b"\xef\xbb\xbf", "BOM"), ("utf-16-le", b"\xff\xfe", "UTF-16")],
    ids=["gbk", "utf-8-bom", "utf-16"],
)
def test_windows_encodings_are_read_with_a_note(cli, tmp_path, encoding, prefix, note):
    answers = tmp_path / "a.yaml"
    answers.write_bytes(prefix + BASE.read_text(encoding="utf-8").encode(encoding))
    result, paragraphs = _render_ok(cli, answers, tmp_path / "d.docx")
    assert note in result.stderr and "UTF-8" in result.stderr
    assert "个别案件仍有重实体、轻程序的现象。" in "".join(paragraphs)
    assert answers.read_bytes().startswith(prefix)  # reading never rewrites the file


def test_text_pasted_from_word_is_cleaned_with_notes_naming_lines(cli, tmp_path):
    source = BASE.read_text(encoding="utf-8")
    # raw characters YAML refuses (Word's Shift+Enter and page break), pasted into the editor
    source = source.replace("个别案件仍有重实体、轻程序的现象。", "个别案件仍有重实体\x0b、轻程序的现象。\x0c")
    # invisible characters inside quoted texts (escapes, as an editor would save them)
    source = source.replace(
        "  name: 某某县城市管理局",
        '  name: "某某县\\u200b城市\\u00ad管理局\\u00a0"',
    )
    source = source.replace(
        "      - 落实行政执法三项制度，一般程序案件全部经过法制审核。",
        '      - "落实行政执法三项制度\\u00a0(R&D <试点> \\"双随机\\" \'一公开\') 😀，一般程序案件全部经过法制审核。"',
    )
    source = source.replace("  superiors: 县委、县政府", "  superiors: |-\n    县委、\n    县政府")
    answers = tmp_path / "a.yaml"
    answers.write_text(source, encoding="utf-8")
    result, paragraphs = _render_ok(cli, answers, tmp_path / "d.docx")
    notes = result.stderr

    def line(needle: str) -> int:
        return next(n for n, text in enumerate(source.splitlines(), 1) if needle in text)

    assert f"第 {line('重实体')} 行：已删除 2 个不可见控制字符" in notes
    assert (f"第 {line('name:')} 行 单位 › 单位名称：已删除 1 个零宽字符或文字方向标记；"
            "已删除 1 个软连字符；已将 1 个不间断空格等特殊空格换成普通空格（键名：unit.name）") in notes
    assert f"第 {line('R&D')} 行 一、主要举措和成效 › 第1项 › 举措和成效 › 第1项：" \
           "已将 1 个不间断空格等特殊空格换成普通空格（键名：measures[0].items[0]）" in notes
    assert f"第 {line('superiors:')} 行 单位 › 上级领导机关：此项应为一行，已将 1 处换行合并（键名：unit.superiors）" in notes

    text = "\n".join(paragraphs)
    assert "某某县城市管理局关于2024年度" in text.replace("\n", "")
    assert "在县委、县政府的坚强领导下" in text
    assert "个别案件仍有重实体、轻程序的现象。" in text
    # emoji, Latin mixed with Chinese and ASCII & < > " ' are rendered exactly
    # (a paragraph of its own, which the topic's figure sentences may continue)
    expected = "落实行政执法三项制度 (R&D <试点> \"双随机\" '一公开') 😀，一般程序案件全部经过法制审核。"
    assert any(paragraph.startswith(expected) for paragraph in paragraphs)


def test_a_broken_unicode_escape_in_a_key_or_figure_is_told_not_crashed(cli, tmp_path):
    # Found by the property test: "\udfff" (a lone surrogate) in a key or a figure.
    base = (REPO / "examples" / "town-government.yaml").read_text(encoding="utf-8")
    for old, new, expected in (
        ("      publicity_events: 80", '      "0\\udfff": 1\n      publicity_events: 80', "未知的数据项“0\ufffd”"),
        ("      publicity_events: 80", '      publicity_events: "8\\udfff0"', "“8?0”不是数字"),
    ):
        answers = tmp_path / "a.yaml"
        answers.write_text(base.replace(old, new), encoding="utf-8")
        result = cli("render", answers, "-o", tmp_path / "d.docx")
        assert result.exit_code == 2 and expected in result.stderr, result.stderr
        assert "Traceback" not in result.stderr and not (tmp_path / "d.docx").exists()


# ---------------------------------------------------------------- hostile input: every command, own process

import fnmatch  # noqa: E402
import os  # noqa: E402
import re  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402

sys.path.insert(0, str(BAD))
from attacks import ATTACKS  # noqa: E402

MEMORY_CAP = 4 << 30  # address space of one attacked process: a blow-up fails fast, the machine is shared
PEAK_RSS_LIMIT_MB = 600
_ENGLISH_ERROR = re.compile(r"\b(Error|Exception|errno|Errno|Traceback|No such|Permission denied|No space|Read-only|not permitted|Input/output)\b")


def run_drafter(args: list, cwd: Path, *, stdin: str = "devnull", seconds: float = 60.0, env: dict | None = None):
    """Run `python -m drafter ARGS` in `cwd`; return (exit code, stdout, stderr, seconds, peak RSS in MB)."""
    import resource

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))

    environment = {**os.environ, "DRAFTER_CRASH_DIR": str(cwd.parent / "crash-reports"), "COLUMNS": "200"}
    environment.pop("CI", None)  # the attacked process behaves as on a clerk's machine
    environment.update({key: value.replace("{work}", str(cwd)) for key, value in (env or {}).items()})
    started = time.monotonic()
    process = subprocess.Popen([sys.executable, "-m", "drafter", *args], cwd=cwd, env=environment,
                               stdin=subprocess.PIPE if stdin == "pipe" else subprocess.DEVNULL,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=limit)
    output: dict[str, bytes] = {}
    readers = [threading.Thread(target=lambda n=n, s=s: output.__setitem__(n, s.read()))
               for n, s in (("out", process.stdout), ("err", process.stderr))]
    for reader in readers:
        reader.start()
    timer = threading.Timer(seconds, process.kill)
    timer.start()
    try:
        _, status, usage = os.wait4(process.pid, 0)
    finally:
        timer.cancel()
    process.returncode = os.waitstatus_to_exitcode(status)
    for reader in readers:
        reader.join()
    if process.stdin:
        process.stdin.close()
    elapsed = time.monotonic() - started
    decode = lambda b: b.decode("utf-8", "replace")  # noqa: E731
    return process.returncode, decode(output["out"]), decode(output["err"]), elapsed, usage.ru_maxrss / 1024


def _files(work: Path) -> dict[str, object]:
    """Every entry below `work` (not following links): bytes, a link's target, or a kind."""
    found: dict[str, object] = {}
    for root, folders, files in os.walk(work):
        for name in folders + files:
            path = Path(root) / name
            key = path.relative_to(work).as_posix()
            mode = path.lstat().st_mode
            if path.is_symlink():
                found[key] = ("link", os.readlink(path))
            elif os.path.isfile(path):
                found[key] = path.read_bytes()
            else:
                found[key] = ("kind", mode & 0o170000)
    return found


needs_root = pytest.mark.skipif(os.name != "posix" or os.geteuid() != 0, reason="device nodes need root (as CI has)")


@pytest.mark.skipif(os.name != "posix", reason="FIFOs, device nodes and os.wait4 are POSIX")
@pytest.mark.parametrize("name", sorted(ATTACKS))
def test_attack(tmp_path, name):
    work = tmp_path / "work"
    work.mkdir()
    try:
        attack = ATTACKS[name](work)
    except PermissionError:
        pytest.skip("needs root to make device nodes")
    before = _files(work)
    args = [a if isinstance(a, bytes) else str(a) for a in attack.args]
    code, out, err, seconds, peak = run_drafter(args, work, stdin=attack.stdin, seconds=attack.seconds, env=attack.env)
    report = f"{name}: exit {code}, {seconds:.1f} s, {peak:.0f} MB\nstdout: {out[-1500:]}\nstderr: {err[-1500:]}"
    assert code not in (-9,), f"hang (killed after {attack.seconds} s)\n{report}"
    assert code >= 0, f"killed by signal {-code}\n{report}"
    assert "Traceback" not in out + err, report
    assert code in attack.exit_codes, report
    shown = out if attack.on_stdout else err
    for fragment in attack.fragments:
        assert fragment in shown, (fragment, report)
    if attack.names:
        assert attack.names in out + err, report  # the message names the file
    for fragment in attack.absent:
        assert fragment not in out + err, (fragment, report)
    if code not in (0, 1) or not attack.on_stdout and code:
        assert any(word in out + err for word in ("错误", "无法检查", "失败")), report  # said in Chinese
        assert not _ENGLISH_ERROR.search((out + err).replace("ZeroDivisionError", "")), report
    after = _files(work)
    changed = {key for key in before.keys() | after.keys() if before.get(key) != after.get(key)}
    allowed = {key for key in changed if any(key == pattern or fnmatch.fnmatch(key, pattern) for pattern in attack.may_write)}
    assert changed == allowed, (sorted(changed - allowed), report)
    assert peak < PEAK_RSS_LIMIT_MB, report
    print(f"ATTACK {name} exit={code} seconds={seconds:.1f} peak_mb={peak:.0f}")


# ---------------------------------------------------------------- .docx read once: text boxes, moves, nested tables

import attacks as corpus  # noqa: E402

_TEXT_BOX = (
    '<w:p><w:r><w:t>正文段落。</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
    '<wps:txbx><w:txbxContent><w:p><w:r><w:t>文本框里的一句话。</w:t></w:r></w:p></w:txbxContent></wps:txbx>'
    '</w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent><w:p><w:r><w:t>文本框里的一句话。</w:t>'
    '</w:r></w:p></w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>'
)
_MOVED = (
    '<w:p><w:moveFrom w:id="1" w:author="a"><w:r><w:t>挪走的一句话。</w:t></w:r></w:moveFrom>'
    '<w:r><w:t>留下的一句话。</w:t></w:r></w:p>'
    '<w:p><w:moveTo w:id="2" w:author="a"><w:r><w:t>挪走的一句话。</w:t></w:r></w:moveTo></w:p>'
)
_NESTED = (
    '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>外层单元格</w:t></w:r></w:p>'
    '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>内层单元格</w:t></w:r></w:p></w:tc></w:tr></w:tbl>'
    '</w:tc><w:tc><w:p><w:r><w:t>右侧单元格</w:t></w:r></w:p></w:tc></w:tr></w:tbl>'
)


def _read_all(tmp_path, body: str) -> str:
    from drafter.textsource import read_source

    lines = corpus.report_lines()
    path = corpus.report_docx(tmp_path, "r.docx", corpus.paragraphs_xml(lines[:4]) + body + corpus.paragraphs_xml(lines[4:]))
    return "\n".join(p.text for p in read_source(path).paragraphs)


def test_text_box_is_read_once_not_from_both_alternatives(tmp_path):
    text = _read_all(tmp_path, _TEXT_BOX)
    assert text.count("文本框里的一句话。") == 1 and "正文段落。" in text


def test_moved_text_is_read_where_it_went(tmp_path):
    text = _read_all(tmp_path, _MOVED)
    assert text.count("挪走的一句话。") == 1 and "留下的一句话。" in text
    assert text.index("留下的一句话。") < text.index("挪走的一句话。")


def test_nested_table_cells_are_read_once(tmp_path):
    text = _read_all(tmp_path, _NESTED)
    assert text.count("内层单元格") == 1 and text.count("外层单元格") == 1 and "右侧单元格" in text


def test_import_keeps_each_of_those_sentences_once(cli, tmp_path):
    lines = corpus.report_lines()
    body = corpus.paragraphs_xml(lines[:4]) + _TEXT_BOX + _MOVED + corpus.paragraphs_xml(lines[4:])
    corpus.report_docx(tmp_path, "r.docx", body)
    result = cli("import", tmp_path / "r.docx", "-o", tmp_path / "a.yaml")
    assert result.exit_code == 0, result.stderr
    answers = (tmp_path / "a.yaml").read_text(encoding="utf-8")
    for sentence in ("文本框里的一句话", "挪走的一句话", "留下的一句话"):
        assert answers.count(sentence) == 1, (sentence, answers)


# ---------------------------------------------------------------- pdf: nothing outside the .docx is read


def _png(size: int, rgb: tuple[int, int, int]) -> bytes:
    """A square PNG of one colour (no imaging library needed)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = b"".join(b"\x00" + bytes(rgb) * size for _ in range(size))
    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def _docx_with_external_references(path: Path, secret: Path) -> None:
    from docx import Document
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    placeholder = path.with_name("blue.png")
    placeholder.write_bytes(_png(4, (0, 0, 255)))
    document = Document()
    document.add_paragraph("正文。")
    part = document.part
    linked = part.relate_to(secret.as_uri(), RT.IMAGE, is_external=True)
    document.add_picture(str(placeholder))
    for blip in document.element.body.iter("{http://schemas.openxmlformats.org/drawingml/2006/main}blip"):
        r = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
        del blip.attrib[r + "embed"]
        blip.set(r + "link", linked)  # a picture linked from the clerk's disk, not embedded
    part.relate_to("http://127.0.0.1:9/tracker.png", RT.IMAGE, is_external=True)
    part.relate_to("file:///etc/passwd", RT.HYPERLINK, is_external=True)
    part.relate_to("https://www.gov.cn/", RT.HYPERLINK, is_external=True)
    document.part._settings_part.relate_to(
        "file:///tmp/evil.dotm", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate",
        is_external=True)
    document.add_paragraph().add_run()._r.append(etree.fromstring(
        '<w:instrText xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f' INCLUDEPICTURE "{secret.as_uri()}" \\d </w:instrText>'))
    document.save(str(path))


def test_external_references_are_stripped_before_conversion(tmp_path):
    from drafter.external import prepare_for_conversion

    secret = tmp_path / "secret.png"
    secret.write_bytes(b"\x89PNG not for publication")
    source, copy = tmp_path / "d.docx", tmp_path / "copy.docx"
    _docx_with_external_references(source, secret)
    notes = prepare_for_conversion(source, copy)
    assert len(notes) == 1 and "d.docx" in notes[0] and "共 5 处" in notes[0], notes
    with zipfile.ZipFile(copy) as archive:
        everything = b"".join(archive.read(name) for name in archive.namelist())
    assert secret.as_uri().encode() not in everything and b"127.0.0.1" not in everything
    assert b"/etc/passwd" not in everything and b"evil.dotm" not in everything and b"INCLUDEPICTURE" not in everything
    assert b"https://www.gov.cn/" in everything  # a web link stays: it is never fetched
    from docx import Document

    Document(str(copy))  # still a sound .docx


def test_pdf_of_a_text_file_renamed_docx_is_refused(tmp_path):
    from drafter.errors import UserError
    from drafter.external import prepare_for_conversion

    fake = tmp_path / "fake.docx"
    fake.write_text("只是一个文本文件", encoding="utf-8")
    with pytest.raises(UserError, match="不是有效的 .docx"):
        prepare_for_conversion(fake, tmp_path / "copy.docx")
    assert not (tmp_path / "copy.docx").exists()


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdfimages") is None,
                    reason="needs LibreOffice and poppler-utils")
def test_pdf_never_embeds_a_linked_local_picture(cli, tmp_path):
    secret = tmp_path / "secret.png"
    secret.write_bytes(_png(200, (200, 0, 0)))
    draft = tmp_path / "d.docx"
    _docx_with_external_references(draft, secret)
    result = cli("pdf", draft)
    assert result.exit_code == 0, result.stderr
    assert "提示" in result.stderr and "外部" in result.stderr
    images = subprocess.run(["pdfimages", "-list", str(tmp_path / "d.pdf")], capture_output=True, text=True).stdout
    assert len(images.strip().splitlines()) == 2, images  # the header only: not the secret, not even a broken-link icon


# ---------------------------------------------------------------- streams: pipes closed early, stdout closed, GBK


def test_check_piped_into_head_keeps_its_exit_code():
    examples = [str(p) for p in sorted((REPO / "examples").glob("*.yaml"))] * 3
    process = subprocess.Popen([sys.executable, "-m", "drafter", "check", *examples],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.readline()
    process.stdout.close()  # `| head -1`
    stderr = process.stderr.read().decode("utf-8", "replace")
    assert process.wait(timeout=120) == 0, stderr  # the examples are clean: 0, as without the pipe
    assert "Traceback" not in stderr and "BrokenPipe" not in stderr


def test_check_with_stdout_closed_is_not_a_crash():
    example = str(REPO / "examples" / "town-government.yaml")
    for args in (["check", "--json", example], ["check", example], ["schema"]):
        done = subprocess.run([sys.executable, "-m", "drafter", *args], stderr=subprocess.PIPE, text=True,
                              preexec_fn=lambda: os.close(1), timeout=120)
        assert done.returncode == 0 and "Traceback" not in done.stderr and "错误" not in done.stderr, (args, done.stderr)


def test_gbk_console_export_says_which_characters_it_replaced(tmp_path):
    answers = tmp_path / "a.yaml"
    answers.write_text(corpus.example_with("利用主题党日", "利用主题党日😀"), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "drafter", "export", str(answers), "--md", "-o", "-"],
                          capture_output=True, env={**os.environ, "PYTHONIOENCODING": "gbk"}, timeout=120)
    assert done.returncode == 0
    stdout, stderr = done.stdout.decode("gbk"), done.stderr.decode("gbk")
    assert "利用主题党日?" in stdout
    assert "GBK" in stderr and "U+1F600" in stderr and "-o" in stderr and "Traceback" not in stderr
