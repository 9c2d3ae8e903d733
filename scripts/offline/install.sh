#!/bin/sh
# drafter 离线安装（Linux / macOS）：sh install.sh
# Installs the wheels beside this file into a virtual environment, without any network.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
home=${DRAFTER_HOME:-$HOME/.local/share/drafter}
bin=${DRAFTER_BIN:-$HOME/.local/bin}

python=${PYTHON:-}
if [ -z "$python" ]; then
  for candidate in python@PYTHON@ python3; do
    if command -v "$candidate" >/dev/null 2>&1; then python=$candidate; break; fi
  done
fi
if [ -z "$python" ] || ! "$python" -c "import sys; sys.exit(0 if sys.version_info[:2] == @PYTHON_TUPLE@ else 1)" 2>/dev/null; then
  echo "没有找到 Python @PYTHON@：本安装包只适用于 Python @PYTHON@（可用 PYTHON=/路径/python@PYTHON@ sh install.sh 指定）。" >&2
  exit 1
fi
if [ ! -d "$here/wheels" ]; then
  echo "没有找到 $here/wheels：请先把压缩包全部解压。" >&2
  exit 1
fi

echo "正在安装 drafter 到 $home ……"
if ! "$python" -m venv "$home/venv"; then
  echo "无法创建虚拟环境。Debian/Ubuntu 请先安装 python3-venv（sudo apt-get install python3-venv）。" >&2
  exit 1
fi
# Only the wheels of this bundle: no index, no pip configuration of this computer.
PIP_CONFIG_FILE=/dev/null "$home/venv/bin/python" -m pip --isolated --disable-pip-version-check \
  install --no-index --find-links "$here/wheels" --upgrade drafter
mkdir -p "$bin"
ln -sf "$home/venv/bin/drafter" "$bin/drafter"
"$bin/drafter" --version
echo "安装完成：$bin/drafter"
case ":$PATH:" in
  *":$bin:"*) ;;
  *) echo "提示：$bin 不在 PATH 中。请把 export PATH=\"$bin:\$PATH\" 加入 ~/.profile（macOS：~/.zprofile），或直接运行 $bin/drafter。" ;;
esac
