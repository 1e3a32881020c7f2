"""Pages a one-off build takes from the last one instead of making them again.

After a build, each of Jinaq's pages outside the navigation is linked into the cache folder with
what it was made from (its key: the page's Markdown, the theme, the volume's metadata…) and its
size and time. The next build leaves out of MkDocs' work (excluded) every page whose key is the
same and whose kept file is unchanged, and links the kept file into the new site. A page changed
in place since (the site's file is the kept one) is made again. The preview does the same with
its parked last build (preview.py).
"""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from ..util import stamped
from ..util.fsutil import link_or_copy

_RECORD = "pages.json"  # beside the kept files: {"code": …, "pages": {dest: [key, size, ns]}}


class KeptPages:
    """The pages the last build kept in `folder`."""

    def __init__(self, folder: Path):
        self.folder = folder
        self._site = os.path.join(folder, "site")  # (strings: thousands of pages a build)
        self._pages: dict[str, list] = {}
        self._restored: set[str] = set()  # what this build linked from here (restore)
        try:
            record = json.loads((folder / _RECORD).read_text(encoding="utf-8"))
            if record.get("code") == stamped.code_stamp():
                self._pages = dict(record["pages"])
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            pass

    def reusable(self, dest: str, key: str) -> bool:
        """The page `dest` (a site path) is kept, made from `key`, and unchanged since."""
        entry = self._pages.get(dest)
        if not entry or entry[0] != key:
            return False
        try:
            st = os.stat(os.path.join(self._site, dest))
        except OSError:
            return False
        return [st.st_size, st.st_mtime_ns] == entry[1:]

    def restore(self, dests: list[str], site_dir: Path) -> None:
        """Link the kept pages `dests` into `site_dir`."""
        made: set[str] = set()
        for dest in dests:
            link_or_copy(os.path.join(self._site, dest), os.path.join(site_dir, dest), made)
        self._restored.update(dests)

    def keep(self, site_dir: Path, keys: dict[str, str]) -> None:
        """Keep the pages `keys` names (site path -> key) as `site_dir` holds them now, in place
        of the last build's. A page this build restored from here under the same key is kept
        as it is (most pages, after an edit: no file is touched for them); the others are
        linked anew, those no longer named removed, and the record written last: a build cut
        short leaves kept files that no longer match their entry, which are then not reused.
        Cannot be kept (e.g. the folder is not writable): kept none."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            pages: dict[str, list] = {}
            made: set[str] = set()
            for dest, key in sorted(keys.items()):
                entry = self._pages.get(dest)
                if dest in self._restored and entry is not None and entry[0] == key:
                    pages[dest] = entry
                    continue
                source = os.path.join(site_dir, dest)
                if not os.path.isfile(source):
                    continue
                kept = os.path.join(self._site, dest)
                link_or_copy(source, kept, made)
                st = os.stat(kept)
                pages[dest] = [key, st.st_size, st.st_mtime_ns]
            for dest in sorted(set(self._pages) - set(pages)):
                try:
                    os.unlink(os.path.join(self._site, dest))
                except FileNotFoundError:
                    pass
            record = {"code": stamped.code_stamp(), "pages": pages}
            new = self.folder / (_RECORD + ".new")
            new.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
            new.replace(self.folder / _RECORD)
            self._pages, self._restored = pages, set()
        except OSError:
            shutil.rmtree(self.folder, ignore_errors=True)
            self._pages, self._restored = {}, set()

