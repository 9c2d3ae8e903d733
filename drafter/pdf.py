"""PDF through LibreOffice (`soffice --headless --convert-to pdf`).

Each conversion runs its own LibreOffice with a private, throw-away user profile
(-env:UserInstallation), so conversions can run in parallel and never touch, or wait
for, a LibreOffice the clerk has open. Inputs are copied under ASCII names into a
temporary folder first: no trouble with Chinese file names, spaces or two drafts of
the same name.

Fonts: LibreOffice embeds the fonts it uses (subsets) in the PDF. On a machine without
the official fonts (仿宋_GB2312, 方正小标宋简体 …: most Linux servers), a fontconfig
file made for the conversion maps each missing official font to the closest free CJK
font that is installed (a serif for 仿宋/宋体/小标宋, 楷体 for 楷体, a sans for 黑体),
instead of whatever fallback the system would pick. Installed official fonts always
win (`<accept>` only adds fall-backs). A FONTCONFIG_FILE set by the user is respected.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

from .errors import ActionFailed, UserError
from .fs import atomic_write_bytes, refuse_existing
from .os_errors import os_reason

SOFFICE_ENV = "DRAFTER_SOFFICE"  # path to soffice, when it is not on PATH

_CANDIDATES = (
    "/usr/bin/soffice",
    "/usr/local/bin/soffice",
    "/opt/libreoffice/program/soffice",
    "/snap/bin/libreoffice",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
)

MISSING_MESSAGE = (
    "未找到 LibreOffice（soffice），无法生成 PDF。"
    "请安装 LibreOffice（Debian/Ubuntu：apt-get install libreoffice-writer；"
    "Windows/macOS：从 https://zh-cn.libreoffice.org 下载安装），"
    f"或用环境变量 {SOFFICE_ENV} 指定 soffice 的路径；"
    "也可以先生成 .docx，再在 Word 或 WPS 中“另存为 PDF”。"
)


class LibreOfficeMissing(ActionFailed):
    """No LibreOffice to convert with; `why` says what was tried, the rest how to get one."""

    def __init__(self, why: str = "") -> None:
        super().__init__(f"{why}{MISSING_MESSAGE}")


# Official font → free look-alikes, best first (only those installed are used).
_SERIF = ("Noto Serif CJK SC", "Source Han Serif SC", "Source Han Serif CN", "AR PL UMing CN",
          "Noto Sans CJK SC", "WenQuanYi Zen Hei")
_KAI = ("AR PL UKai CN", "Noto Serif CJK SC", "Source Han Serif SC", "AR PL UMing CN", "Noto Sans CJK SC")
_SANS = ("Noto Sans CJK SC", "Source Han Sans SC", "Source Han Sans CN", "WenQuanYi Zen Hei",
         "WenQuanYi Micro Hei", "Noto Serif CJK SC")
FONT_SUBSTITUTES: dict[str, tuple[str, ...]] = {
    **{name: _SERIF for name in ("仿宋_GB2312", "仿宋", "仿宋_GB18030", "方正仿宋_GBK", "方正仿宋简体", "FangSong",
                                 "FangSong_GB2312", "华文仿宋", "STFangsong", "方正小标宋简体", "方正小标宋_GBK",
                                 "小标宋", "FZXiaoBiaoSong-B05S", "宋体", "SimSun", "新宋体", "NSimSun", "华文中宋",
                                 "STZhongsong")},
    **{name: _KAI for name in ("楷体_GB2312", "楷体", "楷体_GB18030", "方正楷体_GBK", "方正楷体简体", "KaiTi",
                               "KaiTi_GB2312", "华文楷体", "STKaiti")},
    **{name: _SANS for name in ("黑体", "SimHei", "方正黑体_GBK", "方正黑体简体", "微软雅黑", "Microsoft YaHei",
                                "华文黑体", "STHeiti")},
}


def find_soffice() -> str | None:
    """The soffice executable: $DRAFTER_SOFFICE, then PATH, then the usual install places."""
    configured = os.environ.get(SOFFICE_ENV)
    if configured:
        return shutil.which(configured) or (configured if Path(configured).is_file() else None)
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for candidate in _CANDIDATES:
        if Path(candidate).is_file():
            return candidate
    return None


def require_soffice() -> str:
    soffice = find_soffice()
    if soffice is None:
        configured = os.environ.get(SOFFICE_ENV)
        if configured:
            raise LibreOfficeMissing(f"环境变量 {SOFFICE_ENV} 指定的 {configured} 不存在。")
        raise LibreOfficeMissing()
    return soffice


def pdf_path_for(docx: Path) -> Path:
    return Path(docx).with_suffix(".pdf")


def check_target(pdf: Path, force: bool) -> None:
    """Refuse an existing PDF without --force (checked before anything is written)."""
    refuse_existing(pdf, force)


def _fontconfig_file(folder: Path) -> Path | None:
    """A fontconfig file adding free fall-backs for the official fonts; None when not useful."""
    if sys.platform.startswith(("win", "darwin")) or os.environ.get("FONTCONFIG_FILE"):
        return None
    system = Path("/etc/fonts/fonts.conf")
    if not system.is_file():
        return None
    aliases = []
    for name, substitutes in FONT_SUBSTITUTES.items():
        families = "".join(f"<family>{escape(s)}</family>" for s in substitutes)
        aliases.append(f'  <alias binding="same"><family>{escape(name)}</family><accept>{families}</accept></alias>')
    path = folder / "fonts.conf"
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        f'  <include ignore_missing="yes">{escape(str(system))}</include>\n' + "\n".join(aliases) + "\n</fontconfig>\n",
        encoding="utf-8",
    )
    return path


def convert_to_pdf(docx_files: list[Path], *, soffice: str | None = None, timeout: float | None = None,
                   progress=None, notes: list[str] | None = None) -> dict[Path, bytes | str]:
    """Convert .docx files with one LibreOffice process; return {docx: pdf bytes or a Chinese error}.

    One process for several files saves LibreOffice's start-up (1–4 s) for every file
    after the first. `progress(n)` is called as PDFs appear (n = how many so far).
    """
    soffice = soffice or require_soffice()
    notes = notes if notes is not None else []  # filled with what was removed before converting
    docx_files = [Path(p) for p in docx_files]
    if not docx_files:
        return {}
    timeout = timeout if timeout is not None else 120 + 15 * len(docx_files)
    with tempfile.TemporaryDirectory(prefix="drafter-pdf-") as temp:
        work = Path(temp)
        inputs, outputs, profile = work / "in", work / "out", work / "profile"
        for folder in (inputs, outputs, profile):
            folder.mkdir()
        from .external import lock_down_profile, prepare_for_conversion

        lock_down_profile(profile)
        names = []
        for number, docx in enumerate(docx_files):
            name = f"d{number:05d}"
            notes += prepare_for_conversion(docx, inputs / f"{name}.docx")  # nothing external reaches LibreOffice
            names.append(name)
        env = dict(os.environ)
        fonts_conf = _fontconfig_file(work)
        if fonts_conf:
            env["FONTCONFIG_FILE"] = str(fonts_conf)
        env.pop("SAL_USE_VCLPLUGIN", None)
        command = [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless", "--invisible", "--nologo", "--nodefault", "--norestore", "--nolockcheck",
            "--convert-to", "pdf:writer_pdf_Export",
            "--outdir", str(outputs),
            *[str(inputs / f"{name}.docx") for name in names],
        ]
        stderr = _run(command, env, timeout, outputs, progress)
        results: dict[Path, bytes | str] = {}
        for docx, name in zip(docx_files, names):
            produced = outputs / f"{name}.pdf"
            if produced.is_file() and produced.stat().st_size > 0:
                results[docx] = produced.read_bytes()
            else:
                detail = f"（LibreOffice 输出：{stderr}）" if stderr else ""
                results[docx] = f"LibreOffice 未能把 {docx.name} 转换为 PDF{detail}"
        return results


def _run(command: list[str], env: dict, timeout: float, outputs: Path, progress) -> str:
    """Run soffice in its own process group; kill the whole group on timeout. Return stderr's tail."""
    options = {"start_new_session": True} if os.name == "posix" else {}
    try:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                   stdin=subprocess.DEVNULL, env=env, **options)
    except OSError as error:
        raise LibreOfficeMissing(f"无法启动 LibreOffice（{command[0]}）：{os_reason(error)}。") from None
    deadline = time.monotonic() + timeout
    seen = 0
    try:
        while True:
            try:
                _, err = process.communicate(timeout=0.25)
                break
            except subprocess.TimeoutExpired:
                if progress is not None:
                    count = sum(1 for _ in outputs.glob("*.pdf"))
                    if count != seen:
                        seen = count
                        progress(count)
                if time.monotonic() > deadline:
                    _kill(process)
                    raise ActionFailed(f"LibreOffice 转换 PDF 超时（超过 {timeout:.0f} 秒），已中止")
    except BaseException:
        if process.poll() is None:
            _kill(process)
        raise
    if progress is not None:
        progress(sum(1 for _ in outputs.glob("*.pdf")))
    lines = [line for line in err.decode("utf-8", "replace").splitlines()
             if line.strip() and "javaldx" not in line]
    return " ".join(lines[-3:])


def _kill(process: subprocess.Popen) -> None:
    try:
        if os.name == "posix":
            os.killpg(process.pid, signal.SIGKILL)
        else:
            process.kill()
    except (ProcessLookupError, PermissionError):
        pass
    process.wait()


def docx_to_pdf(docx: Path, **options) -> bytes:
    """The PDF of one .docx, or an ActionFailed."""
    result = convert_to_pdf([Path(docx)], **options)[Path(docx)]
    if isinstance(result, str):
        raise ActionFailed(result)
    return result


def write_pdf(docx: Path, pdf: Path | None = None, *, force: bool = False) -> tuple[Path, Path | None]:
    """Convert `docx` and write the PDF atomically beside it (or to `pdf`); return (pdf, backup)."""
    from . import echo

    pdf = pdf or pdf_path_for(docx)
    check_target(pdf, force)
    notes: list[str] = []
    data = docx_to_pdf(docx, notes=notes)
    for note in notes:
        echo.tell("note", note)
    backup = atomic_write_bytes(pdf, data, overwrite=force, backup=True)
    return pdf, backup


def pdf_command(draft: Path, output: Path | None, *, force: bool) -> int:
    """`drafter pdf`: a draft as edited in Word or WPS → its PDF; the exit code."""
    from . import echo

    if draft.suffix.lower() != ".docx" or not draft.is_file():
        raise UserError(f"请给出要转换的 .docx 文件（{draft} 不存在或不是 .docx）")
    require_soffice()
    pdf_file, backup = write_pdf(draft, output, force=force)
    if backup:
        echo.say(f"原 PDF 已备份为 {backup}")
    echo.done(f"已生成 PDF：{pdf_file}")
    return 0
