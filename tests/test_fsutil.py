"""util/fsutil.py: moving a build's files into a site folder."""
from pathlib import Path

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
