"""Errors a user can cause: one Chinese message, a non-zero exit, never a traceback."""

from __future__ import annotations


class UserError(Exception):
    """A problem the user can fix; `str()` is the full Chinese message.

    `exit_code` follows the CLI convention: 2 for unreadable or invalid input,
    1 for a refused action (e.g. an output that already exists).
    """

    exit_code = 2

    def __init__(self, message: str, *, exit_code: int | None = None) -> None:
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code


class InvalidAnswers(UserError):
    """The answers file cannot be read or does not validate."""


class RefusedAction(UserError):
    """The command would destroy something (overwrite without --force…)."""

    exit_code = 1
