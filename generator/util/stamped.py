"""Files a build keeps for the next one (.cache/, never published): pickles stamped with the
code that wrote them, so one written by other code or other library versions is ignored, never
unpickled into objects it no longer describes; and a repr of settings to key what is kept by.

pickle rather than JSON: what is kept is the model's dataclasses and plain dicts as they are,
read back in a fraction of the time it takes to make them.
"""
from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import importlib.metadata
import os
import pickle
import re
import sys
import tempfile
from pathlib import Path
from collections.abc import Iterator
from typing import Any, Optional

_PACKAGE = Path(__file__).resolve().parents[1]


@functools.cache
def code_stamp() -> str:
    """What a kept file is valid for: this package's files, and the versions of Python and of
    every library Jinaq depends on (models, lemmas, slugs, Markdown)."""
    h = hashlib.sha256(sys.version.encode())
    try:
        needs = importlib.metadata.requires("jinaq") or []
    except importlib.metadata.PackageNotFoundError:  # run from a source tree
        needs = []
    for req in sorted(r for r in needs if "extra ==" not in r):
        name = re.match(r"[A-Za-z0-9_.\-]+", req)
        try:
            version = importlib.metadata.version(name.group(0)) if name else ""
        except importlib.metadata.PackageNotFoundError:
            version = "none"
        h.update(f"{req}={version};".encode())
    for f in sorted(_PACKAGE.rglob("*")):
        if f.is_file() and "__pycache__" not in f.parts:
            h.update(str(f.relative_to(_PACKAGE)).encode())
            h.update(f.read_bytes())
    return h.hexdigest()


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """The cycle collector off while many small objects are pickled or unpickled: each of its
    passes would walk the whole heap again (the pickler makes a tuple per object), and it frees
    nothing there."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load(path: Path) -> Optional[Any]:
    """What `save` wrote at `path`; None when there is nothing, it is unreadable, or other code
    wrote it."""
    try:
        with open(path, "rb") as f:
            if pickle.load(f) != code_stamp():
                return None
            with gc_paused():  # millions of small objects: the collector would walk them all
                return pickle.load(f)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError,
            TypeError, ValueError):
        return None


def save(path: Path, obj: Any) -> None:
    """Write `obj` to `path` whole (a new file renamed over the old one)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            pickle.dump(code_stamp(), f, protocol=pickle.HIGHEST_PROTOCOL)
            with gc_paused():
                pickle.dump(obj, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def stable_repr(obj: Any) -> str:
    """A repr without memory addresses: Markdown options may hold functions (a slugify)."""
    if isinstance(obj, dict):
        return "{" + ",".join(f"{stable_repr(k)}:{stable_repr(v)}" for k, v in sorted(
            obj.items(), key=lambda kv: repr(kv[0]))) + "}"
    if isinstance(obj, (list, tuple)):
        return "[" + ",".join(stable_repr(x) for x in obj) + "]"
    if isinstance(obj, (set, frozenset)):  # (string hashes, and so set order, vary by process)
        return "{" + ",".join(sorted(stable_repr(x) for x in obj)) + "}"
    if callable(obj):
        inner = getattr(obj, "func", None)  # functools.partial
        cells = [c.cell_contents for c in (getattr(obj, "__closure__", None) or ())]
        return (f"{getattr(obj, '__module__', '')}.{getattr(obj, '__qualname__', type(obj))}"
                f"({stable_repr(inner) if inner else ''}{stable_repr(cells)}"
                f"{stable_repr(getattr(obj, 'args', ()))}"
                f"{stable_repr(getattr(obj, 'keywords', {}))})")
    return repr(obj)
