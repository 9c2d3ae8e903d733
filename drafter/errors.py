"""Errors a user can cause: one Chinese message, a non-zero exit, never a traceback.

An error's type decides its exit code (a class attribute, never passed by hand); an error
that happens in several places carries its fields and composes its message itself, once.
`drafter.cli` is the one place that prints the message and exits with the code.
"""

from __future__ import annotations

from pathlib import Path

from .paths import backup_name


class UserError(Exception):
    """A problem the user can fix; `str()` is the full Chinese message.

    `exit_code` follows the CLI convention: 2 for unreadable or invalid input,
    1 for a refused action (e.g. an output that already exists) or a step that failed.
    """

    exit_code = 2


class InvalidAnswers(UserError):
    """The answers file cannot be read or does not validate; `problems` (drafter.problems.Problem)
    are each problem with its line, when there are such (a file that is not text has none)."""

    def __init__(self, message: str, problems: list | tuple = (), *, parsed: bool = True) -> None:
        super().__init__(message)
        self.problems = list(problems)
        self.parsed = parsed  # False: not even YAML


class RefusedAction(UserError):
    """The command would destroy something (overwrite without --overwrite, a draft open in Word…)."""

    exit_code = 1


class ActionFailed(UserError):
    """The input was fine but a step could not be done (a write, LibreOffice, a worker process)."""

    exit_code = 1


class OutputExists(RefusedAction):
    """An output file exists and --overwrite was not given. `what` names it (文件, 答卷文件)."""

    def __init__(self, path: Path | str, *, what: str = "文件", backup_hint: bool = True) -> None:
        self.path = Path(path)
        hint = f"（原文件会另存为 {backup_name(self.path)}）" if backup_hint else ""
        super().__init__(f"{what} {self.path} 已存在，未覆盖。如需覆盖请加 --overwrite{hint}")


class DraftNotReplaced(OutputExists):
    """`drafter new` saved the answers but the clerk kept the existing draft."""

    def __init__(self, path: Path | str, answers: Path | str) -> None:
        self.path, self.answers = Path(path), Path(answers)
        UserError.__init__(
            self,
            f"答卷已保存到 {self.answers}；草稿 {self.path} 已存在，未覆盖。"
            f"加 --overwrite 覆盖（原文件另存为 {backup_name(self.path)}），"
            f"或运行 drafter render {self.answers} -o 其他文件名.docx",
        )


class DraftOpen(RefusedAction):
    """The draft is open in Word, WPS or LibreOffice (its lock file `lock` is beside it)."""

    def __init__(self, path: Path | str, lock: Path | str) -> None:
        self.path, self.lock = Path(path), Path(lock)
        super().__init__(
            f"草稿 {self.path} 正在 Word、WPS 或 LibreOffice 中打开（旁边有锁定文件 {self.lock.name}），未写入。"
            f"请先关闭该文件再生成；如果已经关闭，多半是上次异常退出留下的锁定文件，删除 {self.lock} 即可"
        )


class SameOutput(RefusedAction):
    """Two answers files of one batch would write the same draft."""

    def __init__(self, path: Path | str, other: Path | str) -> None:
        self.path, self.other = Path(path), Path(other)
        super().__init__(f"与 {self.other} 的输出文件同名（{self.path}），请改名后再生成")


class CheckFailed(RefusedAction):
    """The check before writing found errors and --ignore-check was not given."""

    def __init__(self, errors: int) -> None:
        self.errors = errors
        super().__init__(f"检查发现 {errors} 处错误，未生成草稿。请修改答卷；确需照样生成，请加 --ignore-check")


class UnsortedText(RefusedAction):
    """The answers still hold the importer's “待整理” text: no draft prints it, even with --ignore-check or --force."""

    def __init__(self, finding: str, where: str, fix: str) -> None:
        self.finding, self.where, self.fix = finding, where, fix
        super().__init__(f"{finding}（{where}）。{fix}" if where else f"{finding}。{fix}")


class WriteFailed(ActionFailed):
    """The operating system refused a write; the old file, if there was one, is intact."""

    def __init__(self, path: Path | str, error: OSError, *, existed: bool = True) -> None:
        from .os_errors import os_reason

        self.path, self.error = Path(path), error
        hint = "：文件可能正被 Word 或 WPS 打开（请先关闭），或没有写入该文件夹的权限" if isinstance(error, PermissionError) else ""
        outcome = "原文件未改动" if existed else "未写入"
        super().__init__(f"无法写入 {self.path}（{os_reason(error)}）{hint}。{outcome}")


class TemplateNotFound(UserError):
    """The template named in the answers file (or given to `template check`) is not there."""

    def __init__(self, template: Path | str) -> None:
        self.template = Path(template)
        super().__init__(f"找不到模板文件：{template}")


class TemplateUnusable(UserError):
    """A template drafter cannot render; the message ends with how to check it."""

    def __init__(self, template: Path | str, problem: str) -> None:
        self.template, self.problem = Path(template), problem
        super().__init__(f"{problem}，可用 drafter template check {template} 检查")


class WorkerCrashed(ActionFailed):
    """A worker process of a parallel run died (out of memory, killed)."""

    def __init__(self) -> None:
        super().__init__("处理进程意外退出（可能内存不足），已中止；可用 --jobs 1 重试")


class Unexpected(ActionFailed):
    """A bug met while handling one file of many: named, so the others still go on."""

    def __init__(self, error: Exception) -> None:
        self.error = error
        super().__init__(f"内部错误（{type(error).__name__}：{error}），请把该答卷文件反馈给维护人员")
