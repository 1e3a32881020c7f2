"""One error type for everything an editor can get wrong: it names the file and line."""
from __future__ import annotations

from typing import Optional


class JinaqError(Exception):
    """A user-facing failure: printed as one line by the CLI, never as a traceback."""

    def __init__(self, message: str, path: Optional[str] = None, line: Optional[int] = None,
                 hint: Optional[str] = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.hint = hint

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        text = f"{where}{self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text
