@echo off
rem drafter 离线安装（Windows）：双击运行。不联网，也不需要管理员权限。
rem This file is written in GBK with CRLF by scripts/offline_bundle.py (cmd.exe reads it so).
setlocal EnableExtensions
cd /d "%~dp0"
if not exist "%~dp0wheels\" (
  echo 没有找到 wheels 文件夹：请先把压缩包全部解压，再双击解压出来的“安装.bat”。
  goto failed
)
set "DRAFTER_HOME=%LOCALAPPDATA%\drafter"
set "PY="
py -@PYTHON@-64 -c "import sys" >nul 2>&1 && set "PY=py -@PYTHON@-64"
if not defined PY python -c "import sys; sys.exit(0 if sys.version_info[:2] == @PYTHON_TUPLE@ and sys.maxsize > 2**32 else 1)" >nul 2>&1 && set "PY=python"
if not defined PY (
  echo 没有找到 64 位的 Python @PYTHON@。
  echo 请先安装 Python @PYTHON@ 的 64 位版本：在能上网的电脑上从 python.org 下载 Windows installer 64-bit，拷入后安装，
  echo 安装时勾选“Add python.exe to PATH”，然后再双击运行本文件。
  goto failed
)
echo 正在安装 drafter 到 %DRAFTER_HOME% ……
%PY% -m venv "%DRAFTER_HOME%\venv"
if errorlevel 1 goto failed
rem Only the wheels of this bundle: no index, no pip configuration of this computer.
set "PIP_CONFIG_FILE=nul"
"%DRAFTER_HOME%\venv\Scripts\python.exe" -m pip --isolated --disable-pip-version-check install --no-index --find-links "%~dp0wheels" --upgrade drafter
if errorlevel 1 goto failed

set "LAUNCHER=%DRAFTER_HOME%\drafter 命令行.bat"
> "%LAUNCHER%" echo @echo off
>> "%LAUNCHER%" echo set "PATH=%DRAFTER_HOME%\venv\Scripts;%%PATH%%"
>> "%LAUNCHER%" echo cd /d "%%USERPROFILE%%\Documents"
>> "%LAUNCHER%" echo echo drafter 已就绪。输入 drafter --help 查看全部命令；每年起草：drafter new
>> "%LAUNCHER%" echo cmd /k
set "DESKTOP="
for /f "usebackq delims=" %%D in (`powershell -NoProfile -Command "[Environment]::GetFolderPath('Desktop')" 2^>nul`) do set "DESKTOP=%%D"
if not defined DESKTOP set "DESKTOP=%USERPROFILE%\Desktop"
copy /y "%LAUNCHER%" "%DESKTOP%\drafter 命令行.bat" >nul
if errorlevel 1 echo 没能在桌面放置快捷方式；可以直接双击 %LAUNCHER%

"%DRAFTER_HOME%\venv\Scripts\drafter.exe" --version
if errorlevel 1 goto failed
echo.
echo 安装完成。双击桌面上的“drafter 命令行”，打开一个可以直接输入 drafter 命令的窗口。
echo 使用方法见“使用说明.txt”。
pause
exit /b 0

:failed
echo.
echo 安装没有完成。请把上面的提示截图，发给负责电脑的同事。
pause
exit /b 1
