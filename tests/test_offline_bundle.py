"""scripts/offline_bundle.py: one zip that installs drafter on a PC without internet."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import REPO
from install_env import NO_NETWORK, fresh_env, needs_install_run


def _bundle_module():
    spec = importlib.util.spec_from_file_location("offline_bundle", REPO / "scripts" / "offline_bundle.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("offline_bundle", module)
    spec.loader.exec_module(module)
    return module


@pytest.mark.install
@needs_install_run
def test_bundle_for_this_machine_installs_without_network_and_renders(tmp_path):
    built = subprocess.run([sys.executable, str(REPO / "scripts" / "offline_bundle.py"), "-o", str(tmp_path / "dist")],
                           capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=1200)
    assert built.returncode == 0, built.stderr[-3000:]
    (bundle,) = (tmp_path / "dist").glob("drafter-*-offline-*.zip")
    zipfile.ZipFile(bundle).extractall(tmp_path / "解压 后")
    (folder,) = (tmp_path / "解压 后").iterdir()

    home = tmp_path / "home"
    env = fresh_env(HOME=str(home), PYTHON=sys.executable, **NO_NETWORK)
    env = {k: v for k, v in env.items() if not k.startswith("PIP_")} | {"PIP_ROOT_USER_ACTION": "ignore"}
    installed = subprocess.run(["sh", str(folder / "install.sh")], env=env, cwd=tmp_path, capture_output=True, text=True,
                               stdin=subprocess.DEVNULL, timeout=600)
    assert installed.returncode == 0, installed.stdout[-3000:] + installed.stderr[-3000:]
    assert "安装完成" in installed.stdout
    assert f"Looking in links: {folder / 'wheels'}" in installed.stdout
    assert "Looking in indexes" not in installed.stdout  # --no-index, and this PC's pip config ignored

    drafter = home / ".local" / "bin" / "drafter"
    location = subprocess.run([str(drafter.resolve().parent / "python"), "-c", "import drafter; print(drafter.__file__)"],
                              env=env, cwd=tmp_path, capture_output=True, text=True, check=True).stdout
    assert location.startswith(str(home)), location  # the bundle's drafter, not this checkout
    draft = tmp_path / "草稿 2024.docx"
    rendered = subprocess.run([str(drafter), "render", str(folder / "examples" / "town-government.yaml"), "-o", str(draft)],
                              env=env, cwd=tmp_path, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=300)
    assert rendered.returncode == 0, rendered.stderr
    assert draft.stat().st_size > 10_000


def test_windows_bundle_layout(tmp_path):
    """Names cmd.exe and Chinese Windows' unzip read, the .bat in GBK with CRLF, the Python version filled in."""
    bundle = _bundle_module()
    wheels = tmp_path / "wheels"
    wheels.mkdir()
    (wheels / "drafter-0.1.0-py3-none-any.whl").write_bytes(b"PK fake")
    zip_path = tmp_path / "drafter-0.1.0-offline-win_amd64-py3.11.zip"
    bundle._write_zip(zip_path, "drafter-offline", wheels, "3.11", windows=True)

    archive = zipfile.ZipFile(zip_path)
    # Without the UTF-8 flag, zipfile reads the names as cp437: undo that to get the GBK bytes.
    names = {info.filename.encode("cp437").decode("gbk") if not info.flag_bits & 0x800 else info.filename: info
             for info in archive.infolist()}
    assert {"drafter-offline/安装.bat", "drafter-offline/install.sh", "drafter-offline/使用说明.txt",
            "drafter-offline/wheels/drafter-0.1.0-py3-none-any.whl",
            "drafter-offline/examples/town-government.yaml"} <= set(names)
    assert not any(info.flag_bits & 0x800 for info in names.values())

    bat = archive.read(names["drafter-offline/安装.bat"])
    assert bat.count(b"\r\n") == bat.count(b"\n") > 20  # CRLF only
    text = bat.decode("gbk")
    assert "py -3.11-64" in text and "(3, 11)" in text and "@PYTHON" not in text
    assert '--no-index --find-links "%~dp0wheels"' in text and 'PIP_CONFIG_FILE=nul' in text
    assert "没有找到 64 位的 Python 3.11" in text

    usage = archive.read(names["drafter-offline/使用说明.txt"])
    assert usage.startswith(b"\xef\xbb\xbf") and "Python 3.11" in usage.decode("utf-8-sig")
    shell = archive.read(names["drafter-offline/install.sh"]).decode("utf-8")
    assert "--no-index --find-links" in shell and "(3, 11)" in shell
    assert (names["drafter-offline/install.sh"].external_attr >> 16) & 0o111  # executable once unzipped


def test_bat_blocks_have_no_bare_closing_parenthesis():
    """In cmd.exe an ASCII ')' inside a ( … ) block ends the block: the Chinese text uses （）."""
    depth = 0
    for number, line in enumerate((REPO / "scripts" / "offline" / "安装.bat").read_text(encoding="utf-8").splitlines(), 1):
        stripped = line.strip()
        if depth and stripped.lower().startswith("echo") and ")" in stripped:
            pytest.fail(f"安装.bat line {number}: ')' inside a block: {line}")
        depth += stripped.endswith("(") - (stripped == ")")


def test_markers_are_evaluated_for_the_target_not_this_machine():
    """pip resolves `colorama; platform_system == "Windows"` for Linux when run here: we add it back."""
    bundle = _bundle_module()
    resolution = bundle.Resolution(packages={"click": ("8.1.8", "click-8.1.8-py3-none-any.whl")},
                                   requires={"click": ['colorama; platform_system == "Windows"',
                                                       'tomli; python_version < "3.11"', 'sphinx; extra == "docs"']})
    assert bundle._needed_by_markers(resolution, bundle.TARGETS["win_amd64"], "3.11") == {"colorama"}
    assert bundle._needed_by_markers(resolution, bundle.TARGETS["manylinux_x86_64"], "3.10") == {"tomli"}
    assert bundle._needed_by_markers(resolution, bundle.TARGETS["macosx_arm64"], "3.12") == set()


@pytest.mark.install
@needs_install_run
def test_windows_bundle_holds_a_windows_wheel_for_every_dependency(tmp_path):
    built = subprocess.run([sys.executable, str(REPO / "scripts" / "offline_bundle.py"), "--platform", "win_amd64",
                            "--python", "3.11", "-o", str(tmp_path)],
                           capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=1200)
    assert built.returncode == 0, built.stderr[-3000:]
    (bundle,) = tmp_path.glob("drafter-*-offline-win_amd64-py3.11.zip")
    wheels = [Path(name).name for name in zipfile.ZipFile(bundle).namelist() if name.endswith(".whl")]
    tags = {wheel.removesuffix(".whl").rsplit("-", 1)[1] for wheel in wheels}  # the platform tag
    assert tags <= {"any", "win_amd64"}, tags  # nothing built for Linux or macOS
    names = {wheel.split("-")[0].lower() for wheel in wheels}
    for compiled in ("pydantic_core", "lxml", "ruamel_yaml_clib", "markupsafe"):
        assert compiled in names, wheels
        assert any(w.lower().startswith(compiled) and w.endswith("-cp311-win_amd64.whl") for w in wheels), compiled
    tomllib = pytest.importorskip("tomllib")
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    for requirement in project["dependencies"]:
        name = requirement.split(";")[0].split(">")[0].split("=")[0].split("<")[0].strip()
        assert name.lower().replace("-", "_").replace(".", "_") in names, name
