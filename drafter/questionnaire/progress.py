"""The progress file: every answer saved the moment it is given, so Ctrl-C or a crash loses nothing.

`answers/2025.progress.yaml` sits beside the answers file while a questionnaire is under way.
It maps question ids to answers in the order they were given (plus the half-edited state of
the question being answered); a later run replays it and asks from the first unanswered
question on. Each save is atomic (drafter.fs), so the file is always whole. It is deleted once
the answers file is written.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import UserError
from ..fs import atomic_write_text

HEADER = (
    "# drafter new 的进度文件：已经回答的问题都保存在这里，中断后再次运行同一命令即可接着回答。\n"
    "# 问卷完成、答卷写好后本文件会自动删除。请不要手工修改。\n"
)


def progress_path(folder: Path, year: int) -> Path:
    return Path(folder) / f"{year}.progress.yaml"


def _yaml():
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    yaml.sort_base_mapping_type_on_output = False
    yaml.width = 4096
    return yaml


@dataclass
class Progress:
    path: Path
    year: int
    source: str | None = None
    model: bool | None = None  # the --from file is a model (an example, another unit's), not last year's own
    answers: dict[str, Any] = field(default_factory=dict)
    pending: dict[str, Any] = field(default_factory=dict)
    writable: bool = True

    @classmethod
    def open(cls, path: Path, year: int, source: str | None) -> "Progress":
        """The saved progress at `path`, or a fresh one (not written until the first answer)."""
        from ..fs import display
        from ..safe_read import ANSWERS_LIMIT, check_yaml_nesting, read_bytes

        if not os.path.lexists(path):
            return cls(path=path, year=year, source=source)
        advice = "删除它或加 --restart 可以重新开始"
        try:
            text = read_bytes(path, limit=ANSWERS_LIMIT, what="进度文件").decode("utf-8")
            check_yaml_nesting(text, path, what="进度文件")
            raw = _yaml().load(text) or {}
        except UserError as error:
            raise UserError(f"{error}。{advice}") from None
        except UnicodeDecodeError:
            raise UserError(f"进度文件 {display(path)} 不是 UTF-8 文本，无法读取。{advice}") from None
        except Exception as error:  # noqa: BLE001 - any damage gets the same advice, in Chinese
            mark = getattr(error, "problem_mark", None)
            where = f"第 {mark.line + 1} 行" if mark is not None else ""
            raise UserError(f"进度文件 {display(path)} {where}已损坏，无法读取。{advice}") from None
        if not isinstance(raw, dict) or not isinstance(raw.get("answers", {}), dict):
            raise UserError(f"进度文件 {display(path)} 的结构不对，无法读取。{advice}")
        if raw.get("year") not in (None, year):
            raise UserError(f"进度文件 {path} 记录的是 {raw.get('year')} 年度的问卷，与 {year} 年度不符；加 --restart 可以重新开始")
        return cls(
            path=path,
            year=year,
            source=raw.get("from", source),
            model=raw.get("from_model"),
            answers=dict(raw.get("answers") or {}),
            pending=dict(raw.get("pending") or {}),
        )

    def __len__(self) -> int:
        return len(self.answers)

    def record(self, qid: str, value: Any) -> None:
        self.answers[qid] = value
        self.pending.pop(qid, None)
        self.save()

    def set_pending(self, qid: str, state: Any) -> None:
        self.pending[qid] = state
        self.save()

    def save(self) -> None:
        if not self.writable:
            return
        data: dict[str, Any] = {"year": self.year}
        if self.source:
            data["from"] = self.source
        if self.model is not None:
            data["from_model"] = self.model
        data["answers"] = self.answers
        if self.pending:
            data["pending"] = self.pending
        stream = io.StringIO()
        _yaml().dump(data, stream)
        atomic_write_text(self.path, HEADER + stream.getvalue())

    def discard(self) -> None:
        self.path.unlink(missing_ok=True)
