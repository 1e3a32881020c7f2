"""Markdown → HTML for the generated pages in one batch, on all cores, before MkDocs asks.

MkDocs converts pages one after another; Python-Markdown takes a few milliseconds a page, which is
most of a large volume's build. The pages Jinaq generates are all known before MkDocs reads the
first one, so forked workers convert them, each with the page's own `read_source` and `render`,
and MkDocs then finds each page rendered with everything its render sets (compat.py: the HTML,
the table of contents, the title, the page's anchors and its links to other pages' anchors, which
MkDocs' `validation.anchors` checks after the build). Rendered pages are kept on disk
(HtmlCache), so the next build converts only the pages that changed. Warnings a worker logs (a
broken link) are logged again when MkDocs renders the page, so `--strict` still sees them.
"""
from __future__ import annotations

import functools
import hashlib
import json
import logging
import sqlite3
from pathlib import Path
from collections.abc import Collection
from typing import Optional

from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents

from ..util import parallel
from ..util.stamped import stable_repr
from . import compat
from .compat import Rendered

log = logging.getLogger("mkdocs.plugins.jinaq")
# What a cached page holds (2: its links to other pages' anchors too; 3: its outline and its HTML
# apart, so a page the build keeps from the last is read without its HTML)
CACHE_FORMAT = 3


def usable(config) -> bool:
    """Pages may be converted ahead (see compat.can_render_ahead)."""
    return compat.can_render_ahead(config)


def prerender(files: list, config, all_files, cache: Optional[HtmlCache] = None,
              outline_only: frozenset[str] = frozenset()) -> dict[str, Rendered]:
    """Render the documentation `files` (MkDocs File objects) ahead; returns what each page's
    render sets, by its src_uri. `outline_only`: pages whose HTML this build will not write
    (kept from the last build): from the cache, only their outline is read (title, table of
    contents, anchors, links), and their HTML only if MkDocs renders them after all."""
    pages, keys = [], []
    for f in files:
        if f.page is None:
            Page(None, f, config)  # what MkDocs does for a page outside the navigation
        pages.append(f.page)
    found: dict[int, Rendered] = {}
    if cache is not None:
        context = cache.context(config, all_files)
        keys = [cache.key(context, f.src_uri, f.content_string) for f in files]
        try:
            skip = {k for f, k in zip(files, keys) if f.src_uri in outline_only}
            found = {i: r for i, r in enumerate(cache.get_many(keys, skip)) if r is not None}
        except (sqlite3.Error, ValueError, KeyError) as exc:  # unreadable: convert everything
            log.warning(f"jinaq: page cache not read: {exc}")
            cache = None
    todo = [i for i in range(len(pages)) if i not in found]
    results = parallel.map_shared(_Render(config, all_files), [pages[i] for i in todo],
                                  [len(files[i].content_string) for i in todo])
    if cache is not None:
        try:
            cache.put_many([(keys[i], r) for i, r in zip(todo, results)])
        except sqlite3.Error as exc:
            log.warning(f"jinaq: page cache not written: {exc}")
    found.update(zip(todo, results))
    for i, page in enumerate(pages):
        load = functools.partial(_content, cache, keys[i]) if found[i].content is None else None
        compat.install(page, found[i], all_files, load)
    log.info(f"jinaq: {len(todo)} pages converted, {len(pages) - len(todo)} from the page cache")
    return {f.src_uri: found[i] for i, f in enumerate(files)}


def _content(cache: Optional[HtmlCache], key: str) -> str:
    assert cache is not None  # (only a page read from the cache was read without its HTML)
    return cache.content(key)


class HtmlCache:
    """Rendered pages on disk between builds, keyed by a hash of the page's Markdown and of
    everything its conversion depends on (versions, Markdown extensions and their options, the
    set of pages its links may point to). One SQLite file; entries a full build did not use
    are dropped at its end."""

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.db = sqlite3.connect(str(path))
        # (the outline first: a row is read up to the columns asked for, the HTML left unread)
        self.db.execute("CREATE TABLE IF NOT EXISTS rendered "
                        "(key TEXT PRIMARY KEY, outline TEXT NOT NULL, content TEXT NOT NULL)")
        self.db.execute("DROP TABLE IF EXISTS page")  # (format 2's, which held both as one)
        self.used: set[str] = set()

    @staticmethod
    def context(config, files) -> str:
        import markdown
        import mkdocs

        h = hashlib.sha256()
        for part in (CACHE_FORMAT, mkdocs.__version__, markdown.__version__,
                     stable_repr(config.markdown_extensions),
                     stable_repr(config.mdx_configs), config.use_directory_urls,
                     sorted(f.src_uri for f in files.documentation_pages(inclusion=_any))):
            h.update(repr(part).encode("utf-8", "surrogatepass") + b"\0")
        return h.hexdigest()

    @staticmethod
    def key(context: str, src_uri: str, markdown_text: str) -> str:
        return hashlib.sha256(f"{context}\0{src_uri}\0{markdown_text}".encode(
            "utf-8", "surrogatepass")).hexdigest()

    def get_many(self, keys: list[str], outline_only: Collection[str] = ()
                 ) -> list[Optional[Rendered]]:
        """The pages stored under `keys` (None: not stored); those under `outline_only` without
        their HTML (content None: `content` reads it)."""
        self.used.update(keys)
        outlines = self._select("outline", keys)
        contents = self._select("content", [k for k in keys
                                            if k in outlines and k not in outline_only])
        return [_loads(outlines[k], contents.get(k)) if k in outlines else None for k in keys]

    def content(self, key: str) -> str:
        """The HTML of the page stored under `key`."""
        return self._select("content", [key])[key]

    def _select(self, column: str, keys: list[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        for i in range(0, len(keys), 500):  # SQLite's limit on host parameters
            chunk = keys[i:i + 500]
            found.update(self.db.execute(
                f"SELECT key, {column} FROM rendered WHERE key IN ({','.join('?' * len(chunk))})",
                chunk))
        return found

    def put_many(self, items: list[tuple[str, Rendered]]) -> None:
        # Pages that logged a warning are not kept: the warning must show on the next build too.
        with self.db:
            self.db.executemany("INSERT OR REPLACE INTO rendered VALUES (?, ?, ?)",
                                [(k, _dumps(r), r.content) for k, r in items
                                 if not r.logs and r.content is not None])

    def prune(self) -> None:
        """Drop what this build did not use (call after a full build only)."""
        with self.db:
            self.db.execute("CREATE TEMP TABLE IF NOT EXISTS used (key TEXT PRIMARY KEY)")
            self.db.execute("DELETE FROM used")
            self.db.executemany("INSERT OR IGNORE INTO used VALUES (?)", [(k,) for k in self.used])
            self.db.execute("DELETE FROM rendered WHERE key NOT IN (SELECT key FROM used)")

    def close(self) -> None:
        self.db.close()


def _dumps(r: Rendered) -> str:
    """A page's outline: all its render sets but the HTML."""
    return json.dumps({"toc": [_link_dict(a) for a in r.toc], "title": r.title,
                       "anchors": sorted(r.anchors) if r.anchors is not None else None,
                       "links": r.links}, ensure_ascii=False, sort_keys=True)


def _loads(outline: str, content: Optional[str]) -> Rendered:
    d = json.loads(outline)
    return Rendered(content, TableOfContents([_link(x) for x in d["toc"]]), d["title"],
                    set(d["anchors"]) if d["anchors"] is not None else None,
                    d.get("links"))


def _link_dict(a: AnchorLink) -> dict:
    return {"title": a.title, "id": a.id, "level": a.level,
            "children": [_link_dict(c) for c in a.children]}


def _link(d: dict) -> AnchorLink:
    a = AnchorLink(d["title"], d["id"], d["level"])
    a.children = [_link(c) for c in d["children"]]
    return a


class _Render:
    def __init__(self, config, files):
        self.config, self.files = config, files

    def __call__(self, page: Page) -> Rendered:
        # MkDocs' messages are kept, not printed: they are logged once, when the page is used.
        catcher = _Catcher()
        logger = logging.getLogger("mkdocs")
        handlers, propagate = logger.handlers, logger.propagate
        logger.handlers, logger.propagate = [catcher], False
        try:
            rendered = compat.render_page(page, self.config, self.files)
        finally:
            logger.handlers, logger.propagate = handlers, propagate
        rendered.logs = catcher.records
        return rendered


class _Catcher(logging.Handler):
    def __init__(self):
        super().__init__(logging.INFO)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


def _any(level: object) -> bool:
    # Every page the site will hold, pages a build takes from its last one (excluded for MkDocs)
    # included: links resolve the same either way, and the key stays the same from build to build.
    return True


def open_cache(path: Path) -> Optional[HtmlCache]:
    """The page cache at `path`; a damaged one is started afresh, and a cache that cannot be
    opened is done without (it only holds copies: never worth a failed build)."""
    try:
        return HtmlCache(path)
    except sqlite3.DatabaseError as exc:  # damaged: it only holds copies, start afresh
        log.warning(f"jinaq: page cache {path} unreadable ({exc}): started afresh")
        try:
            path.unlink()
            return HtmlCache(path)
        except (OSError, sqlite3.Error) as again:
            log.warning(f"jinaq: page cache not used: {again}")
    except (OSError, sqlite3.Error) as exc:
        log.warning(f"jinaq: page cache not used: {exc}")
    return None


def close_cache(cache: Optional[HtmlCache], prune: bool) -> None:
    """Close the page cache; after a full build, drop what the build did not use."""
    if cache is None:
        return
    try:
        if prune:
            cache.prune()
    except sqlite3.Error as exc:
        log.warning(f"jinaq: page cache not pruned: {exc}")
    finally:
        cache.close()
