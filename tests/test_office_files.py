"""Office files that are no .docx package: one Chinese message that says what to do."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

PASSWORD_DOCX = Path(__file__).resolve().parent / "fixtures" / "office" / "password.docx"  # see its README


def _drafter(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "drafter", *args], cwd=cwd, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("command", [["import", "密码.docx"], ["check", "密码.docx"], ["template", "check", "密码.docx"]])
def test_a_docx_with_a_password_to_open_is_named_as_such(tmp_path, command):
    (tmp_path / "密码.docx").write_bytes(PASSWORD_DOCX.read_bytes())
    result = _drafter(*command, cwd=tmp_path)
    said = " ".join((result.stdout + result.stderr).split())
    assert result.returncode == 2, said
    assert "密码.docx" in said and "设置了打开密码" in said and "另存一份 .docx" in said
    assert "旧版 .doc" not in said and "Traceback" not in said
    assert sorted(p.name for p in tmp_path.iterdir()) == ["密码.docx"]  # nothing written beside it


def test_an_old_doc_renamed_docx_still_gets_the_save_as_message(tmp_path):
    # The same OLE container as a password-protected .docx, but holding a Word 97 document.
    compound = bytes.fromhex("d0cf11e0a1b11ae1") + bytes(504) + "WordDocument".encode("utf-16-le") + bytes(4000)
    (tmp_path / "旧.docx").write_bytes(compound)
    result = _drafter("check", "旧.docx", cwd=tmp_path)
    said = " ".join((result.stdout + result.stderr).split())
    assert result.returncode == 2 and "旧版 .doc" in said and "密码" not in said, said
