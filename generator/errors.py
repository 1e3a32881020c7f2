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


def did_you_mean(word: str, choices, otherwise: Optional[str] = None) -> Optional[str]:
    """'did you mean 'x'?' for the closest of `choices` to a misspelt `word`, else `otherwise`."""
    import difflib

    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else otherwise


def yaml_error(exc: Exception, path: str, text: str, what: str = "YAML syntax error") -> JinaqError:
    """A YAML parse error as a JinaqError at the line an editor must fix.

    PyYAML reports where parsing failed (`problem_mark`) and what it was inside (`context_mark`).
    The failure point is right for bad indentation; for an unclosed quote or bracket it is a later
    line, so the message also names the line where it opened, or the end of the file, where that
    opening line is the only useful one."""
    problem_mark = getattr(exc, "problem_mark", None)
    context_mark = getattr(exc, "context_mark", None)
    context = getattr(exc, "context", None) or ""
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    mark = problem_mark or context_mark
    if problem_mark is not None and context_mark is not None \
            and context_mark.line != problem_mark.line:
        if problem_mark.index >= len(text.rstrip()):
            mark = context_mark
        elif "flow" in context or "quoted" in context:  # inside [ … ], { … } or "…"
            problem += f" (in the {context.split()[-1]} opened on line {context_mark.line + 1})"
    return JinaqError(f"{what}: {problem}", path, mark.line + 1 if mark else None,
                      hint="fix the indentation or quoting on that line")


def text_line(data: bytes, offset: int) -> int:
    """The 1-based line of a byte offset."""
    return data[:offset].count(b"\n") + 1


def read_editor_file(path, what: str = "file") -> str:
    """The text of an editor's YAML file, or one clear error (unreadable, not UTF-8). Invisible
    characters pasted with an id or a name are dropped, so it still matches."""
    from pathlib import Path

    from .ingest.invisible import strip_invisible
    from .util.fsutil import settled_bytes

    path = Path(path)
    try:
        text = settled_bytes(path).decode("utf-8-sig")
        return strip_invisible(text.replace("\r\n", "\n").replace("\r", "\n"))
    except OSError as exc:
        raise JinaqError(f"cannot read {what}: {exc.strerror}", str(path)) from None
    except UnicodeDecodeError as exc:
        raise JinaqError(f"the {what} is not UTF-8 text", str(path),
                         text_line(path.read_bytes(), exc.start), hint="save it as UTF-8") from None
