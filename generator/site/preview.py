"""What the site shows for pages that moved or failed, and what `mkdocs serve` watches.

The plugin calls these from short hooks:
  - redirect pages: an old article address (ids.yml rename, merge) gets a small HTML page that
    sends the reader on to the article's address now, in a build and in the preview;
  - stale pages: the preview keeps the last build's pages between builds (plugin.py parks them),
    so a page this build no longer makes is removed instead of served as it was;
  - error pages: under `mkdocs serve` a build that fails shows the error (file, line, message) on
    every page of the last good build, and the browser reloads when the file is fixed: MkDocs
    would only print it and keep the tab, and every other page, waiting;
  - watches: one watch per input file, so a save rebuilds once (MkDocs' own watch of the docs
    folder sees the same save half a second later), and the ids file's appends by the build
    itself rebuild nothing.
"""
from __future__ import annotations

import glob
import logging
import os
import posixpath
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Callable, Iterable
from typing import Any, Optional

import jinja2

from ..errors import JinaqError

log = logging.getLogger("mkdocs.plugins.jinaq")
_TEMPLATES = Path(__file__).resolve().parent.parent / "pages" / "templates"
_ENV = jinja2.Environment(loader=jinja2.FileSystemLoader(str(_TEMPLATES)), autoescape=True,
                          keep_trailing_newline=True)


@dataclass
class Failure:
    """A build that failed, as the editor must read it."""

    message: str
    path: Optional[str] = None
    line: Optional[int] = None
    hint: Optional[str] = None

    @classmethod
    def of(cls, exc: BaseException) -> Failure:
        if isinstance(exc, JinaqError):
            return cls(exc.message, exc.path, exc.line, exc.hint)
        return cls(f"internal error: {exc.__class__.__name__}: {exc}",
                   hint="a bug in Jinaq, not in your files: please report it")

    def __str__(self) -> str:
        return str(JinaqError(self.message, self.path, self.line, self.hint))


def page_dest(config, src_uri: str) -> str:
    """Where MkDocs writes the page of a Markdown path (use_directory_urls or not)."""
    from mkdocs.structure.files import File

    return File.generated(config, src_uri, content="").dest_uri


def write_redirects(site_dir: Path, config, redirects: dict[str, str]) -> set[str]:
    """A page at each old article address that forwards to the address now; returns the
    pages written (site-relative)."""
    written = set()
    template = _ENV.get_template("redirect.html.j2")
    base = (config.site_url or "").rstrip("/")
    for old, new in sorted(redirects.items()):
        old_dest = page_dest(config, f"articles/{old}.md")
        new_dest = page_dest(config, f"articles/{new}.md")
        href = posixpath.relpath(new_dest, posixpath.dirname(old_dest))
        target = site_dir / old_dest
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(template.render(href=href, canonical=f"{base}/{new_dest}" if base
                                          else href), encoding="utf-8")
        written.add(old_dest)
    return written


def drop_stale(parked: Path, stale: Iterable[str], gone: Iterable[str]) -> None:
    """Remove from the parked copy of the last build the pages this build does not make and
    the exports (articles/<id>.bib, .ris, .json) of articles it no longer has, so they are not
    moved back into the served site."""
    paths = [parked / rel for rel in stale]
    for aid in gone:
        paths.extend((parked / "articles").glob(glob.escape(aid) + ".*"))
    for path in paths:
        try:
            path.unlink()
        except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
            pass


def write_error_pages(site_dir: Path, pages: Iterable[str], failure: Failure,
                      root: Optional[Path] = None) -> None:
    """The failure, on the home page and on every page of the last good build."""
    shown = failure.path
    if shown and root is not None:
        try:
            shown = str(Path(shown).resolve().relative_to(root.resolve()))
        except ValueError:
            pass
    template = _ENV.get_template("preview_error.html.j2")
    for rel in sorted(set(pages) | {"index.html"}):
        if not rel.endswith(".html"):
            continue
        depth = rel.count("/")
        html = template.render(failure=failure, shown=shown, home="../" * depth + "index.html")
        target = site_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")


class Watches:
    """The preview's watches on the editor's files, one emitter per file.

    Files that exist are watched directly (MkDocs' `server.watch`); the ids file and any input
    missing at start are watched through their folder by a handler of ours, which rebuilds
    (by touching a trigger file MkDocs watches) for an editor's change but not for the build's
    own appends to the ids file."""

    def __init__(self):
        self._expected: dict[str, Optional[str]] = {}
        self._folder: Optional[Path] = None
        self._trigger: Optional[Path] = None

    def expect(self, path: Path, text: Optional[str]) -> None:
        """The build wrote (or read) `text` into `path`: its own change, not the editor's."""
        self._expected[os.path.abspath(path)] = text

    def start(self, server, config, inputs: dict[str, Path], own: Iterable[Path]) -> None:
        self._replace_docs_watch(server, config, [*inputs.values(), *own])
        filtered = {os.path.abspath(p) for p in own}
        for p in inputs.values():
            if p.exists():
                server.watch(str(p))
            else:
                filtered.add(os.path.abspath(p))
        if not filtered:
            return
        self._folder = Path(tempfile.mkdtemp(prefix="jinaq-serve-"))
        self._trigger = self._folder / "rebuild"
        self._trigger.write_text("0", encoding="utf-8")
        server.watch(str(self._trigger))
        for path in filtered:
            self._expected.setdefault(path, _read(path))
        handler = _handler(lambda event: self._changed(event, filtered))
        for folder in sorted({os.path.dirname(p) for p in filtered}):
            if os.path.isdir(folder):
                server.observer.schedule(handler, folder, recursive=False)

    def stop(self) -> None:
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)

    def _changed(self, event, filtered: set[str]) -> None:
        assert self._trigger is not None  # set before the handler is scheduled
        paths = {os.path.abspath(p) for p in (event.src_path, getattr(event, "dest_path", ""))
                 if p}
        for path in paths & filtered:
            text = _read(path)
            if text != self._expected.get(path):
                self._expected[path] = text
                self._trigger.write_text(str(time.monotonic_ns()), encoding="utf-8")

    @staticmethod
    def _replace_docs_watch(server, config, inputs: list[Path]) -> None:
        """MkDocs watches the whole docs folder, where the inputs live (content/): every save
        would be seen twice, by its watch and by ours, and rebuild twice. Its watch is replaced
        by one for each other entry of the folder."""
        docs = Path(os.path.abspath(config.docs_dir))
        real = Path(os.path.realpath(docs))
        inside = [p for p in inputs if real in Path(os.path.realpath(p)).parents]
        if not inside:
            return
        try:
            server.unwatch(str(docs))
        except KeyError:  # not watched (`mkdocs serve --no-livereload`)
            return
        skip = {os.path.realpath(p) for p in inside} | {str(real / "articles")}
        for entry in sorted(docs.iterdir()):
            if not entry.name.startswith(".") and os.path.realpath(entry) not in skip:
                server.watch(str(entry))


def _handler(on_event: Callable[[Any], None]) -> Any:
    """A watchdog handler handing every event of a watched folder to one function (watchdog is
    imported only by a preview)."""
    import watchdog.events

    class Handler(watchdog.events.FileSystemEventHandler):
        def on_any_event(self, event: watchdog.events.FileSystemEvent) -> None:
            on_event(event)

    return Handler()


def _read(path: str) -> Optional[str]:
    try:
        return Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
