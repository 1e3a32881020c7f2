"""util/fsutil.py: reading an input whole, moving a build's files into a site folder."""
import os
import time
from pathlib import Path

import pytest

from generator.util.fsutil import move_files_into


def _tree(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): p.read_text() for p in sorted(root.rglob("*"))
            if p.is_file()}


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)


def test_files_replace_those_there_and_the_rest_of_the_site_stays(tmp_path):
    site, new = tmp_path / "site", tmp_path / "new"
    _write(site, {"index.html": "old", "search/config.json": "material",
                  "search/docs/a.json": "old a", "assets/app.js": "theme"})
    _write(new, {"index.html": "new", "search/docs/a.json": "new a",
                 "search/docs/b.json": "new b", "search/docs/deep/c.json": "new c",
                 "exports/volume.bib": "bib", "exports/by-year/2020.bib": "2020"})
    move_files_into(new, site)
    assert _tree(site) == {
        "index.html": "new", "assets/app.js": "theme", "search/config.json": "material",
        "search/docs/a.json": "new a", "search/docs/b.json": "new b",
        "search/docs/deep/c.json": "new c",
        "exports/volume.bib": "bib", "exports/by-year/2020.bib": "2020"}
    assert _tree(new) == {}  # every file moved, none copied


def test_a_folder_the_site_lacks_moves_whole(tmp_path):
    site, new = tmp_path / "site", tmp_path / "new"
    site.mkdir()
    _write(new, {f"search/docs/{n}.json": str(n) for n in range(5)})
    folder = new / "search" / "docs"
    inode = folder.stat().st_ino
    move_files_into(new, site)
    assert (site / "search" / "docs").stat().st_ino == inode  # renamed, not rebuilt file by file
    assert _tree(site) == {f"search/docs/{n}.json": str(n) for n in range(5)}


def test_a_file_changed_while_it_is_read_is_read_again(tmp_path, monkeypatch):
    """A writer that finishes a file while it is read (an editor saving a large file in place
    as the preview rebuilds): the half read is not what is returned."""
    from generator.util import fsutil

    p = tmp_path / "volume.txt"
    whole = "Мақала мәтіні\n".encode() * 1000
    p.write_bytes(whole[:5000])
    os.utime(p, ns=(1, 1))  # (a time of its own: the writer's next one differs)
    read_bytes = Path.read_bytes
    reads = []

    def read_during_write(self):
        data = read_bytes(self)
        if not reads:  # the writer finishes while the first read is under way
            p.write_bytes(whole)
            os.utime(p, ns=(2, 2))
        reads.append(data)
        return data

    monkeypatch.setattr(Path, "read_bytes", read_during_write)
    assert fsutil.settled_bytes(p) == whole
    assert [len(r) for r in reads] == [5000, len(whole)]


def test_a_file_written_in_steps_is_read_once_it_stays_quiet(tmp_path, monkeypatch):
    """A writer that pauses between two steps of a save (the file's size and time unchanged
    while the first read is made): with `quiet`, the file is watched that long after the read
    began and read again when it changed; without, the first step is what is read."""
    from generator.util import fsutil

    p = tmp_path / "volume.txt"
    whole = "Мақала мәтіні\n".encode() * 1000
    for quiet, expected in ((0.0, whole[:5000]), (0.1, whole)):
        p.write_bytes(whole[:5000])
        written = time.time_ns() + 1  # (just written: not whole milliseconds)
        os.utime(p, ns=(written, written))
        steps = []

        def writer_goes_on(seconds, steps=steps, written=written):  # the next step, in the watch
            if not steps:
                p.write_bytes(whole)
                os.utime(p, ns=(written + 1000, written + 1000))
            steps.append(seconds)

        monkeypatch.setattr(fsutil, "_sleep", writer_goes_on)
        assert fsutil.settled_bytes(p, quiet=quiet) == expected, quiet
        assert bool(steps) == (quiet > 0)


@pytest.mark.parametrize("age, fine, watched", [
    (5.0, True, False),  # nothing wrote it for five seconds: read without a watch
    (0.02, True, True),  # written a moment ago: watched
    (5.0, False, True),  # a file system that keeps whole milliseconds (or seconds): watched
    (-5.0, True, True),  # a time in the future (another machine's clock): watched
])
def test_a_file_whose_time_is_old_enough_is_not_watched(tmp_path, monkeypatch, age, fine,
                                                        watched):
    """With `quiet`, a file whose time says nothing wrote it for that long before the read is
    taken as saved at once (mkdocs serve rebuilds a tenth of a second after the last change);
    a recent time, a coarse one or one in the future is not trusted."""
    from generator.util import fsutil

    p = tmp_path / "volume.txt"
    p.write_bytes(b"text\n")
    t = time.time_ns() - int(age * 1e9)
    t = t - t % 1_000_000 + (1 if fine else 0)
    os.utime(p, ns=(t, t))
    waits: list[float] = []
    monkeypatch.setattr(fsutil, "_sleep", waits.append)
    assert fsutil.settled_bytes(p, quiet=0.1) == b"text\n"
    assert bool(waits) == watched


def test_a_file_always_changing_is_read_after_so_many_tries(tmp_path, monkeypatch):
    """A file whose size or time keeps changing is still read: the build does not wait for
    ever."""
    from generator.util import fsutil

    p = tmp_path / "volume.txt"
    p.write_bytes(b"text\n")
    looks = [0]

    def state(path):  # a new time at every look
        looks[0] += 1
        return (5, looks[0])

    monkeypatch.setattr(fsutil, "_state", state)
    assert fsutil.settled_bytes(p) == b"text\n"
    assert looks[0] == 2 * fsutil._TRIES
