"""Errors that reach the user as one line naming the file and line (never a traceback)."""

from __future__ import annotations

from pathlib import Path


class GazetteError(Exception):
    """Base class: bad input or a failed build step, reported as `file:line: message`."""

    def __init__(self, message: str, path: Path | str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        return f"{where}{self.message}"


class InputError(GazetteError):
    """The bulletin (or a data file) cannot be read or is not a bulletin."""


class BuildError(GazetteError):
    """A build step failed; the previous site is left in place."""
