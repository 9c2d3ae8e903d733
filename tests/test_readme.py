"""The README's answers-file example is a valid answers file that renders."""

from __future__ import annotations

import re

from conftest import REPO


def test_readme_yaml_example_renders(cli, tmp_path):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```yaml\n(.*?)```", readme, re.S).group(1)
    answers = tmp_path / "2024.yaml"
    answers.write_text(block, encoding="utf-8")
    result = cli("render", answers, "-o", tmp_path / "d.docx")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "d.docx").stat().st_size > 10_000
