"""`drafter render --pdf`: a real LibreOffice conversion read back with pdftotext (skipped where
soffice or pdftotext is absent), and the plumbing around it with a stand-in `soffice`."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest

from conftest import backup_of, EXAMPLES, REPO

from drafter.answers import load_report
from drafter.document import compose

FAKE_SOFFICE = """#!{python}
# A stand-in for LibreOffice: writes a tiny PDF per input unless its name is in $FAKE_SOFFICE_FAIL.
import os, sys
args = sys.argv[1:]
with open(os.environ["FAKE_SOFFICE_LOG"], "a", encoding="utf-8") as log:
    log.write(repr(args) + "\\n")
outdir = args[args.index("--outdir") + 1]
fail = os.environ.get("FAKE_SOFFICE_FAIL", "")
for path in args:
    if path.endswith(".docx"):
        with open(path, "rb") as source:
            if source.read(2) != b"PK":
                continue
        if fail and fail in open(path, "rb").read().decode("latin-1"):
            continue
        name = os.path.splitext(os.path.basename(path))[0] + ".pdf"
        with open(os.path.join(outdir, name), "wb") as out:
            out.write(b"%PDF-1.4 fake " + os.path.basename(path).encode())
"""


@pytest.fixture
def fake_soffice(tmp_path, monkeypatch):
    script = tmp_path / "fake-soffice"
    script.write_text(FAKE_SOFFICE.format(python=sys.executable), encoding="utf-8")
    script.chmod(0o755)
    log = tmp_path / "soffice.log"
    monkeypatch.setenv("DRAFTER_SOFFICE", str(script))
    monkeypatch.setenv("FAKE_SOFFICE_LOG", str(log))
    return log


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.skipif(not shutil.which("soffice") or not shutil.which("pdftotext"),
                    reason="needs LibreOffice (soffice) and poppler-utils (pdftotext); .ci/run installs them")
def test_render_pdf_with_libreoffice_has_title_and_four_parts(cli, tmp_path, monkeypatch):
    monkeypatch.delenv("DRAFTER_SOFFICE", raising=False)
    example = REPO / "examples" / "county-urban-management-bureau.yaml"
    out = tmp_path / "草稿 2024.docx"  # Chinese and a space in the name
    result = cli("render", example, "-o", out, "--pdf")
    assert result.exit_code == 0, result.stderr
    pdf = tmp_path / "草稿 2024.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    assert "已生成 PDF" in result.stdout
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True).stdout
    flat = _flat(text.decode("utf-8"))
    document = compose(load_report(example))
    assert _flat(document.title) in flat
    headings = [part.heading for part in document.parts]
    assert len(headings) == 4
    positions = [flat.find(_flat(heading)) for heading in headings]
    assert all(p >= 0 for p in positions), headings
    assert positions == sorted(positions)  # in the document's order
    assert _flat(document.signature + document.date) in flat
    if shutil.which("pdffonts"):  # every font LibreOffice used is embedded
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, check=True).stdout.decode()
        rows = fonts.splitlines()[2:]
        assert rows and all(row.split()[-5] == "yes" for row in rows), fonts


def test_missing_libreoffice_is_one_chinese_message_and_nothing_written(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("DRAFTER_SOFFICE", str(tmp_path / "no-such-soffice"))
    out = tmp_path / "d.docx"
    result = cli("render", EXAMPLES[0], "-o", out, "--pdf")
    assert result.exit_code == 1
    assert "LibreOffice" in result.stderr and "未找到" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists(), "the .docx is not written when the PDF cannot be made"
    batch = cli("render", *EXAMPLES, "--out-dir", tmp_path / "drafts", "--pdf")
    assert batch.exit_code == 1 and "LibreOffice" in batch.stderr
    assert not list((tmp_path / "drafts").glob("*.docx"))


def test_pdf_uses_a_private_profile_and_keeps_an_existing_pdf(cli, tmp_path, fake_soffice):
    out = tmp_path / "草稿.docx"
    first = cli("render", EXAMPLES[0], "-o", out, "--pdf")
    assert first.exit_code == 0, first.stderr
    pdf = tmp_path / "草稿.pdf"
    assert pdf.read_bytes().startswith(b"%PDF-1.4 fake")
    (args,) = [eval(line) for line in fake_soffice.read_text(encoding="utf-8").splitlines()]  # noqa: S307
    assert any(a.startswith("-env:UserInstallation=file://") for a in args)
    assert "--headless" in args and "pdf:writer_pdf_Export" in args
    # inputs were copied under ASCII names (no trouble with Chinese names in LibreOffice)
    assert all(a.isascii() for a in args)

    pdf.write_bytes(b"%PDF-1.4 edited by hand")
    refused = cli("render", EXAMPLES[0], "-o", tmp_path / "other.docx", "--pdf")
    assert refused.exit_code == 0  # a different name: no conflict
    again = cli("render", EXAMPLES[0], "-o", out, "--pdf")
    assert again.exit_code == 1 and "草稿.pdf" in again.stderr
    assert pdf.read_bytes() == b"%PDF-1.4 edited by hand"
    forced = cli("render", EXAMPLES[0], "-o", out, "--pdf", "--force")
    assert forced.exit_code == 0, forced.stderr
    assert backup_of(tmp_path / "草稿.pdf").read_bytes() == b"%PDF-1.4 edited by hand"
    assert pdf.read_bytes().startswith(b"%PDF-1.4 fake")


def test_failed_conversion_is_reported(cli, tmp_path, fake_soffice, monkeypatch):
    monkeypatch.setenv("FAKE_SOFFICE_FAIL", "PK")  # every .docx contains it: nothing converts
    result = cli("render", EXAMPLES[0], "-o", tmp_path / "d.docx", "--pdf")
    assert result.exit_code == 1
    assert "未能" in result.stderr and "PDF" in result.stderr
    assert (tmp_path / "d.docx").exists() and not (tmp_path / "d.pdf").exists()


def test_convert_to_pdf_kills_a_hung_libreoffice(tmp_path, monkeypatch):
    from drafter.errors import UserError
    from drafter.pdf import convert_to_pdf

    hung = tmp_path / "hung-soffice"
    hung.write_text("#!/bin/sh\nsleep 60\n", encoding="utf-8")
    hung.chmod(0o755)
    docx = tmp_path / "a.docx"
    from docx import Document

    Document().save(str(docx))  # a sound .docx: only the conversion hangs
    with pytest.raises(UserError, match="超时"):
        convert_to_pdf([docx], soffice=str(hung), timeout=1)


def test_fontconfig_file_adds_fallbacks_only(tmp_path, monkeypatch):
    from drafter.pdf import FONT_SUBSTITUTES, _fontconfig_file

    monkeypatch.delenv("FONTCONFIG_FILE", raising=False)
    path = _fontconfig_file(tmp_path)
    if path is None:
        pytest.skip("no system fontconfig here")
    text = path.read_text(encoding="utf-8")
    assert "<prefer>" not in text  # installed official fonts keep priority
    for name in ("仿宋_GB2312", "方正小标宋简体", "黑体", "楷体_GB2312", "宋体"):
        assert name in FONT_SUBSTITUTES and f"<family>{name}</family><accept>" in text
    monkeypatch.setenv("FONTCONFIG_FILE", "/somewhere/fonts.conf")
    assert _fontconfig_file(tmp_path / "x") is None  # the user's own configuration wins


@pytest.mark.skipif(not shutil.which("soffice") or not shutil.which("pdftotext"),
                    reason="needs LibreOffice (soffice) and poppler-utils (pdftotext); .ci/run installs them")
def test_pdf_of_a_draft_edited_by_hand(cli, tmp_path, monkeypatch):
    # The clerk polishes the draft in Word, then publishes that version.
    from docx import Document

    monkeypatch.delenv("DRAFTER_SOFFICE", raising=False)
    draft = tmp_path / "草稿.docx"
    assert cli("render", REPO / "examples" / "town-government.yaml", "-o", draft).exit_code == 0
    edited = Document(str(draft))
    edited.paragraphs[-3].insert_paragraph_before("此段由办公室在Word中补写。")
    edited.save(str(draft))
    result = cli("pdf", draft)
    assert result.exit_code == 0, result.stderr
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(tmp_path / "草稿.pdf"), "-"],
                          capture_output=True, check=True).stdout.decode()
    assert "此段由办公室在Word中补写" in _flat(text)
    assert cli("pdf", draft).exit_code == 1  # an existing PDF needs --force


def test_pdf_refuses_what_is_not_a_docx(cli, tmp_path):
    answers = tmp_path / "2024.yaml"
    answers.write_text("year: 2024\n", encoding="utf-8")
    result = cli("pdf", answers)
    assert result.exit_code == 2 and ".docx" in result.stderr
