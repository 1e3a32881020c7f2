"""Files in and out: inputs read whole, output folders never left half-written.

An input is read once no writer is changing it (`settled_bytes`). Both the site and
content/articles are built in a hidden sibling folder and swapped in whole; files written by
another process or kept from a preview build are moved in with one helper.
"""
from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path


# A writer that saves in place (an editor; `mkdocs serve` rebuilds at the first sign of the
# save) empties the file, then writes it in steps, pausing between them (measured: 12-85 ms for
# 17 MB, with pauses of 15-20 ms and the file's time left as it was until the writing began).
_TRIES = 20
_POLL = 0.01  # seconds between two looks at a file that must stay quiet


def settled_bytes(p: Path, quiet: float = 0.0) -> bytes:
    """The bytes of `p`, read again while its size or time changed during the read; with
    `quiet` (seconds), also while either changes before the file has kept still that long (a
    preview reading a file the editor just saved: read half written, it built a volume of half
    the articles, then every page again). After _TRIES attempts, what the last one read."""
    for _ in range(_TRIES):
        before = _state(p)
        start = time.monotonic()
        watch = _still_to_watch(before[1], quiet)
        data = p.read_bytes()
        now = _state(p)
        while now == before and time.monotonic() - start < watch:
            _sleep(_POLL)
            now = _state(p)
        if now == before and len(data) == before[0]:
            break
    return data


def _still_to_watch(mtime_ns: int, quiet: float) -> float:
    """How long to watch a file from now on so that it has kept still for `quiet` seconds: a
    writer that pauses for less than that between its steps is then not writing it. The file's
    time (nanoseconds) tells how long it has kept still already: mkdocs serve rebuilds a tenth
    of a second after the last change it saw, so a preview's read usually needs no watch. Not
    trusted when it is in the future (another clock) or whole milliseconds (a file system that
    keeps coarse times makes a file look older than it is)."""
    if quiet <= 0:
        return 0.0
    still = (time.time_ns() - mtime_ns) / 1e9
    if mtime_ns % 1_000_000 == 0 or still < 0:
        return quiet
    return min(quiet, max(0.0, quiet + _POLL - still))


def _state(p: Path) -> tuple[int, int]:
    st = p.stat()
    return st.st_size, st.st_mtime_ns


def _sleep(seconds: float) -> None:
    time.sleep(seconds)


def staging_dir(final: Path) -> Path:
    """A new empty folder beside `final`, readable by all (mkdtemp makes it private)."""
    final.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{final.name}-", dir=final.parent))
    tmp.chmod(0o755)
    return tmp


def swap_in(new: Path, final: Path) -> None:
    """Replace `final` by `new` with two renames; the old copy is removed afterwards."""
    old = final.with_name(f".{final.name}-old")
    if old.exists():
        shutil.rmtree(old)
    if final.exists():
        final.rename(old)
    new.rename(final)
    shutil.rmtree(old, ignore_errors=True)


def _mirrored(src: Path, dest: Path) -> Iterator[tuple[str, str, list[str], list[str]]]:
    """Each folder under `src` (as os.walk gives it), its place under `dest`, its folders (the
    walk's own list: a folder taken out of it is not walked into) and its files. Plain strings,
    not Path objects: thousands of files a build, and Path's parsing cost more than the file
    operations themselves."""
    src_s, dest_s = os.fspath(src), os.fspath(dest)
    for root, dirs, names in os.walk(src_s):
        rel = os.path.relpath(root, src_s)
        yield root, dest_s if rel == "." else os.path.join(dest_s, rel), dirs, names


def move_files_into(src: Path, dest: Path) -> None:
    """Move every file under `src` to the same place under `dest` (replacing what is there).
    A folder `dest` does not have yet moves whole, in one rename: the search index's two
    thousand documents cost one system call, not one each."""
    for root, target, dirs, names in _mirrored(src, dest):
        os.makedirs(target, exist_ok=True)
        for name in sorted(names):
            os.replace(os.path.join(root, name), os.path.join(target, name))
        merged = []
        for name in sorted(dirs):
            there = os.path.join(target, name)
            if os.path.lexists(there):
                merged.append(name)  # (walked into: its files replace those there one by one)
            else:
                os.rename(os.path.join(root, name), there)
        dirs[:] = merged


def link_or_copy(source: Path | str, target: Path | str, made: set[str] | None = None) -> None:
    """`target` the same file as `source`: a hard link (thousands of small files cost a tenth of
    what copying does), a copy across file systems. Whoever keeps files this way must notice a
    file changed in place (it changes both): site/kept.py and site/outputs.py check its size and
    time. `made`: folders known to exist (their creation is not asked again)."""
    source, target = os.fspath(source), os.fspath(target)
    parent = os.path.dirname(target)
    if made is None or parent not in made:
        os.makedirs(parent, exist_ok=True)
        if made is not None:
            made.add(parent)
    try:
        os.unlink(target)
    except FileNotFoundError:
        pass
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def link_tree(src: Path, dest: Path) -> None:
    """`link_or_copy` each file under `src` to the same place under `dest`."""
    made: set[str] = set()
    for root, target, _, names in _mirrored(src, dest):
        for name in names:
            link_or_copy(os.path.join(root, name), os.path.join(target, name), made)
