"""An offline install bundle of drafter for PCs without internet (a government 内网).

    python scripts/offline_bundle.py --platform win_amd64 --python 3.11 -o dist/
    python scripts/offline_bundle.py -o dist/                  # this machine's platform and Python
    python scripts/offline_bundle.py --coverage [--markdown FILE]

The bundle is one zip: drafter's wheel and the wheel of every dependency for the target
platform and Python version (pip's `--platform`/`--only-binary` download), `安装.bat`
(Windows) and `install.sh` (Linux, macOS) which install them with `--no-index
--find-links` into a virtual environment and put a `drafter` launcher on the desktop or
the PATH, the bundled examples and a short Chinese 使用说明.txt.

`--coverage` resolves the dependencies for win_amd64, macOS arm64 and manylinux x86_64 ×
CPython 3.10–3.13 (wheels only) and prints which have a wheel for every dependency.

pip evaluates environment markers (`colorama; platform_system == "Windows"`) for the
machine it runs on, not for `--platform`: the dependencies are therefore resolved again
with the markers of the target until nothing is missing.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PYTHONS = ("3.10", "3.11", "3.12", "3.13")
INSTALLERS = Path(__file__).resolve().parent / "offline"  # 安装.bat, install.sh, 使用说明.txt


@dataclass(frozen=True)
class Target:
    """A platform pip can download wheels for, and the marker values of machines of that kind."""

    key: str
    label: str
    pip_platforms: tuple[str, ...]
    markers: dict = field(hash=False)


TARGETS = {
    "win_amd64": Target("win_amd64", "Windows x64", ("win_amd64",),
                        {"sys_platform": "win32", "platform_system": "Windows", "os_name": "nt", "platform_machine": "AMD64"}),
    # macOS 11 is the first with Apple silicon; pip also accepts universal2 wheels for it.
    "macosx_arm64": Target("macosx_arm64", "macOS arm64", ("macosx_11_0_arm64",),
                           {"sys_platform": "darwin", "platform_system": "Darwin", "os_name": "posix", "platform_machine": "arm64"}),
    # glibc 2.28: Debian 10, RHEL 8, and the 统信 UOS / 麒麟 releases built on them. pip does
    # not widen a manylinux_2_28 tag to the older ones a glibc 2.28 system also runs: list them.
    "manylinux_x86_64": Target("manylinux_x86_64", "manylinux x86_64",
                               tuple(f"manylinux_2_{minor}_x86_64" for minor in range(28, 4, -1))
                               + ("manylinux2014_x86_64", "manylinux2010_x86_64", "manylinux1_x86_64"),
                               {"sys_platform": "linux", "platform_system": "Linux", "os_name": "posix", "platform_machine": "x86_64"}),
}
NATIVE = "native"


class BundleError(Exception):
    """A step failed; the message says which and why."""


# ---------------------------------------------------------------- pip


def _pip(*args: str, quiet: bool = True) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "pip", "--disable-pip-version-check", *args]
    env = os.environ | {"PIP_ROOT_USER_ACTION": "ignore"}
    result = subprocess.run(command, capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL)
    if result.returncode != 0 and not quiet:
        raise BundleError(f"pip {args[0]} failed:\n{result.stderr[-3000:]}")
    return result


def _target_options(target: Target | None, python: str) -> list[str]:
    if target is None:  # this machine: pip's own tags
        return ["--only-binary=:all:"]
    options = ["--only-binary=:all:", "--python-version", python, "--implementation", "cp",
               "--abi", "cp" + python.replace(".", "")]
    for platform in target.pip_platforms:
        options += ["--platform", platform]
    return options


def build_wheel(out: Path) -> Path:
    """drafter's own wheel, built from this checkout."""
    _pip("wheel", "--no-deps", "-q", "-w", str(out), str(REPO), quiet=False)
    wheels = sorted(out.glob("drafter-*.whl"), key=lambda p: p.stat().st_mtime)
    if not wheels:
        raise BundleError("the drafter wheel was not built")
    return wheels[-1]


@dataclass
class Resolution:
    """The pinned wheels for one target, or what has no wheel there."""

    packages: dict[str, tuple[str, str]] = field(default_factory=dict)  # name → (version, wheel file)
    requires: dict[str, list[str]] = field(default_factory=dict)  # name → its Requires-Dist
    missing: list[str] = field(default_factory=list)


def resolve(requirement: str, target: Target | None, python: str, find_links: Path | None = None) -> Resolution:
    """Every wheel `requirement` needs on `target` (None: this machine), markers included."""
    extra: list[str] = []
    while True:
        resolution = _resolve_once([requirement, *extra], target, python, find_links)
        if resolution.missing:
            return resolution
        needed = _needed_by_markers(resolution, target, python) - set(resolution.packages) - {_name(r) for r in extra}
        if not needed:
            return resolution
        extra += sorted(needed)


def _resolve_once(requirements: list[str], target: Target | None, python: str, find_links: Path | None) -> Resolution:
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "report.json"
        args = ["install", "--dry-run", "--ignore-installed", "--quiet", "--report", str(report),
                "--target", str(Path(scratch) / "target"), *_target_options(target, python)]
        if find_links is not None:
            args += ["--find-links", str(find_links)]
        result = _pip(*args, *requirements)
        if result.returncode != 0:
            missing = re.findall(r"No matching distribution found for ([^\s]+)", result.stderr)
            if not missing:
                raise BundleError(f"pip could not resolve the dependencies:\n{result.stderr[-3000:]}")
            return Resolution(missing=missing)
        data = json.loads(report.read_text(encoding="utf-8"))
    resolution = Resolution()
    for item in data["install"]:
        meta = item["metadata"]
        wheel = item["download_info"]["url"].rsplit("/", 1)[-1]
        resolution.packages[_name(meta["name"])] = (meta["version"], wheel)
        resolution.requires[_name(meta["name"])] = meta.get("requires_dist", [])
    return resolution


def _needed_by_markers(resolution: Resolution, target: Target | None, python: str) -> set[str]:
    """The names the resolved packages require on `target` (their markers evaluated there)."""
    if target is None:
        return set()
    Requirement = _packaging().requirements.Requirement
    environment = {"python_version": python, "python_full_version": f"{python}.0", "implementation_name": "cpython",
                   "platform_python_implementation": "CPython", **target.markers}
    needed = set()
    for requires in resolution.requires.values():
        for text in requires:
            requirement = Requirement(text)
            if requirement.marker is None or requirement.marker.evaluate(environment | {"extra": ""}):
                needed.add(_name(requirement.name))
    return needed


def _packaging():
    try:
        import packaging.requirements

        return packaging
    except ImportError:  # pip always carries a copy
        from pip._vendor import packaging
        import pip._vendor.packaging.requirements  # noqa: F401

        return packaging


def _name(requirement: str) -> str:
    return re.split(r"[\s<>=!~;\[]", requirement, maxsplit=1)[0].lower().replace("_", "-").replace(".", "-")


def download(resolution: Resolution, target: Target | None, python: str, out: Path, find_links: Path) -> None:
    """The pinned dependencies' wheels; drafter's own is built, never fetched (PyPI has another "drafter")."""
    pins = [f"{name}=={version}" for name, (version, _) in sorted(resolution.packages.items()) if name != "drafter"]
    _pip("download", "--no-deps", "-q", "-d", str(out), "--find-links", str(find_links),
         *_target_options(target, python), *pins, quiet=False)


# ---------------------------------------------------------------- the bundle


def native_python() -> str:
    return f"{sys.version_info.major}.{sys.version_info.minor}"


def native_platform() -> str:
    from sysconfig import get_platform

    return get_platform().replace("-", "_").replace(".", "_")


def build_bundle(platform: str, python: str | None, out_dir: Path) -> Path:
    """Write the zip for `platform` (a TARGETS key or "native") and return its path."""
    target = None if platform == NATIVE else TARGETS[platform]
    python = python or native_python()
    if target is None and python != native_python():
        raise BundleError(f"--platform native means this Python ({native_python()}); for {python} name a platform")
    label = native_platform() if target is None else target.key
    with tempfile.TemporaryDirectory() as scratch:
        wheels = Path(scratch) / "wheels"
        wheel = build_wheel(wheels)
        resolution = resolve(str(wheel), target, python, find_links=wheels)
        if resolution.missing:
            raise BundleError(f"no wheel for {', '.join(resolution.missing)} on {label}, Python {python}")
        download(resolution, target, python, wheels, find_links=wheels)
        version = wheel.name.split("-")[1]
        name = f"drafter-{version}-offline-{label}-py{python}"
        out_dir.mkdir(parents=True, exist_ok=True)
        zip_path = out_dir / f"{name}.zip"
        _write_zip(zip_path, name, wheels, python, windows=target is not None and target.key == "win_amd64")
    return zip_path


def _installer(name: str, python: str, bundle: str) -> str:
    """An installer text from scripts/offline/, its @PLACEHOLDERS@ filled in."""
    text = (INSTALLERS / name).read_text(encoding="utf-8")
    major, minor = python.split(".")
    return text.replace("@PYTHON@", python).replace("@PYTHON_TUPLE@", f"({major}, {minor})").replace("@BUNDLE@", bundle)


def _write_zip(zip_path: Path, top: str, wheels: Path, python: str, *, windows: bool) -> None:
    temp = zip_path.with_name(f".{zip_path.name}.tmp")
    with zipfile.ZipFile(temp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for wheel in sorted(wheels.glob("*.whl")):
            archive.write(wheel, f"{top}/wheels/{wheel.name}", compress_type=zipfile.ZIP_STORED)  # already zipped
        for example in sorted((REPO / "examples").glob("*.yaml")):
            archive.write(example, f"{top}/examples/{example.name}")
        # cmd.exe reads a .bat in the console's code page (GBK on Chinese Windows) and wants CRLF;
        # Notepad before Windows 10 1903 recognises UTF-8 only by its BOM.
        bat = _installer("安装.bat", python, top).replace("\r\n", "\n").replace("\n", "\r\n").encode("gbk")
        _add(archive, f"{top}/安装.bat", bat, windows)
        _add(archive, f"{top}/install.sh", _installer("install.sh", python, top).encode("utf-8"), windows, mode=0o755)
        usage = _installer("使用说明.txt", python, top).replace("\r\n", "\n").replace("\n", "\r\n")
        _add(archive, f"{top}/使用说明.txt", usage.encode("utf-8-sig"), windows)
    os.replace(temp, zip_path)


class _GbkName(zipfile.ZipInfo):
    """A member named in GBK without the UTF-8 flag: what Chinese Windows' own unzip reads."""

    def _encodeFilenameFlags(self):  # noqa: N802 - zipfile's name
        try:
            return self.filename.encode("ascii"), self.flag_bits
        except UnicodeEncodeError:
            return self.filename.encode("gbk"), self.flag_bits & ~0x800


def _add(archive: zipfile.ZipFile, name: str, data: bytes, windows: bool, mode: int = 0o644) -> None:
    info = (_GbkName if windows else zipfile.ZipInfo)(name, date_time=(2026, 1, 1, 0, 0, 0))
    info.external_attr = (0o100000 | mode) << 16
    info.compress_type = zipfile.ZIP_DEFLATED
    archive.writestr(info, data)


# ---------------------------------------------------------------- coverage


def coverage(markdown: Path | None = None) -> str:
    """A table: for each target, whether every dependency has a wheel, and the compiled ones."""
    rows, compiled = [], {}
    with tempfile.TemporaryDirectory() as scratch:
        wheel = build_wheel(Path(scratch))
        for target in TARGETS.values():
            for python in PYTHONS:
                resolution = resolve(str(wheel), target, python, find_links=Path(scratch))
                rows.append((target, python, resolution))
                for name, (version, file) in resolution.packages.items():
                    if not file.endswith("-none-any.whl"):
                        compiled.setdefault(name, {})[(target.key, python)] = version
    names = sorted(compiled)
    header = ["平台 / platform", "Python", "每个依赖都有 wheel / all wheels", *(f"{n}（编译）" for n in names)]
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    for target, python, resolution in rows:
        status = "✓" if not resolution.missing else "✗ 缺 " + ", ".join(resolution.missing)
        cells = [compiled[n].get((target.key, python), "纯 Python" if n in resolution.packages else "—") for n in names]
        lines.append(f"| {target.label} | {python} | {status} | " + " | ".join(cells) + " |")
    pure = sorted({n for _, _, r in rows for n, (_, f) in r.packages.items() if f.endswith("-none-any.whl")} - set(compiled))
    lines += ["", f"纯 Python 的 wheel（所有平台通用）/ pure-Python wheels: {', '.join(pure)}."]
    text = "\n".join(lines) + "\n"
    if markdown is not None:
        markdown.write_text(text, encoding="utf-8")
    return text


# ---------------------------------------------------------------- command line


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--platform", default=NATIVE, choices=[NATIVE, *TARGETS],
                        help="target platform (default: this machine)")
    parser.add_argument("--python", help="target Python version, e.g. 3.11 (default: this Python)")
    parser.add_argument("-o", "--out-dir", type=Path, default=REPO / "dist")
    parser.add_argument("--coverage", action="store_true", help="print the wheel coverage table instead")
    parser.add_argument("--markdown", type=Path, help="with --coverage: also write the table to this file")
    args = parser.parse_args(argv)
    try:
        if args.coverage:
            print(coverage(args.markdown), end="")
            return 0
        if args.python and not re.fullmatch(r"3\.\d{1,2}", args.python):
            parser.error(f"--python: a version such as 3.11, not {args.python!r}")
        path = build_bundle(args.platform, args.python, args.out_dir)
    except BundleError as error:
        print(f"offline_bundle: {error}", file=sys.stderr)
        return 1
    print(f"{path}  ({path.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
