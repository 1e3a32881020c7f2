"""What `mkdocs serve` keeps between builds and shows while an editor works (`Preview`), and the
pages at old addresses (redirects), which a build writes too.

  - a rebuild redoes only what the edit changed: the pipeline's BuildCache, and the last
    build's HTML, parked in a hidden folder of the site while MkDocs empties it and moved back
    under what this build wrote (pages whose Markdown did not change are not written again);
  - redirect pages: an old article address (ids.yml rename, merge) gets a small HTML page that
    sends the reader on to the article's address now, in a build and in the preview; so does
    each person's old page address (people/<id>), to their section of a letter page;
  - stale pages: a page the last build made and this one does not is removed instead of served
    as it was;
  - error pages: under `mkdocs serve` a build that fails shows the error (file, line, message) on
    every page of the last good build, and the browser reloads when the file is fixed: MkDocs
    would only print it and keep the tab, and every other page, waiting;
  - watches: one watch per input file, so a save rebuilds once (MkDocs' own watch of the docs
    folder sees the same save half a second later), and the ids file's appends by the build
    itself rebuild nothing;
  - outputs (search index, exports) refreshed in the background after a build, the search index
    only when its documents changed;
  - the heap frozen between builds (gc.freeze): the volume and the caches outlive each build, and
    the collector need not walk them on every collection (a quarter of a rebuild at 2,000
    articles); forked workers then leave their pages shared. What the builds leave in cycles
    is collected by an outputs refresh now and then (COLLECT_EVERY), not after each build.
"""
from __future__ import annotations

import glob
import logging
import multiprocessing
import os
import posixpath
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Callable, Iterable
from typing import Any, Optional


from ..errors import JinaqError
from ..pages.env import environment
from ..pipeline import BuildCache
from ..util import parallel
from . import compat
from .kept import KeptPages
from .outputs import GaveWay

log = logging.getLogger("mkdocs.plugins.jinaq")


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


def write_redirects(site_dir: Path, config, redirects: dict[str, str],
                    places: dict[str, str], last: Optional[dict] = None) -> dict[str, str]:
    """A page at each old article address that forwards to the address now, and at each
    person's old address (`people/<id>`, a page of its own until people became sections of the
    letter pages) one that forwards to their section; returns the pages (site-relative) with
    what each was made from (a key for KeptPages). A one-off build has RedirectWriter write
    them.

    `last` (a preview's, kept between builds) holds what the last build wrote: a page it wrote
    the same is not written again (the preview moves the last build's pages back)."""
    known = last if last is not None else {}
    made: dict[tuple, str] = {}
    for old, new, anchor in _wanted(redirects, places):
        key = _stub_key(config, old, new, anchor)
        made[key] = known.get(key) or _write_redirect(site_dir, config, old, new, anchor)
    if last is not None:
        last.clear()
        last.update(made)
    return {dest: repr(key) for key, dest in made.items()}


class RedirectWriter:
    """A one-off build's redirect pages (those of write_redirects), written by a forked process
    while MkDocs writes the pages: each is a new file, and thousands of people's old addresses
    took the end of a large volume's build half a second. The ones the last build kept (made
    the same, unchanged since) are linked back at the end, as new files cost more than links;
    one at a path the site has a file at (`taken`) is written at the end, over it. Without
    fork, all is done at the end."""

    def __init__(self, site_dir: Path, config, redirects: dict[str, str], places: dict[str, str],
                 kept: Optional[KeptPages], taken: set[str]):
        self.site_dir, self.config, self.kept = site_dir, config, kept
        self.stubs: dict[str, str] = {}  # site path -> what it is made from (write_redirects')
        self._restore: list[str] = []
        self._now: list[tuple[str, str, str]] = []  # (old, new, anchor): written in the fork
        self._late: list[tuple[str, str, str]] = []  # written at the end, over a file of the site
        for old, new, anchor in _wanted(redirects, places):
            dest = page_dest(config, old)
            key = repr(_stub_key(config, old, new, anchor))
            self.stubs[dest] = key
            if kept is not None and kept.reusable(dest, key):
                self._restore.append(dest)
            else:
                (self._late if dest in taken else self._now).append((old, new, anchor))
        self._fork: Any = None
        if self._now and parallel.can_fork():
            self._fork = multiprocessing.get_context("fork").Process(
                target=_write_in_fork, args=(site_dir, config, self._now), daemon=True)
            self._fork.start()

    def finish(self) -> dict[str, str]:
        """Wait for the fork; link the kept pages back; returns the pages (site path -> key)."""
        if self._fork is not None:
            self._fork.join()
            done = self._fork.exitcode == 0
            self._fork = None
        else:
            done = False
        # (a fork that failed: written here, where an error says why)
        _write_all(self.site_dir, self.config, self._late + ([] if done else self._now))
        if self._restore:
            assert self.kept is not None  # (only kept pages are restored)
            self.kept.restore(self._restore, self.site_dir)
        return self.stubs

    def cancel(self) -> None:
        if self._fork is not None:
            self._fork.kill()
            self._fork.join()
            self._fork = None


def _wanted(redirects: dict[str, str], places: dict[str, str]) -> list[tuple[str, str, str]]:
    """(old page, page now, anchor there) of each redirect page."""
    return [(f"articles/{old}.md", f"articles/{new}.md", "")
            for old, new in sorted(redirects.items())] + \
        [(f"people/{pid}.md", page, pid) for pid, page in sorted(places.items())]


def _stub_key(config, old: str, new: str, anchor: str) -> tuple:
    """What a redirect page is made from (its repr is its key for KeptPages)."""
    return (old, new, anchor, config.site_url, config.use_directory_urls)


def _write_all(site_dir: Path, config, stubs: list[tuple[str, str, str]]) -> None:
    for old, new, anchor in stubs:
        _write_redirect(site_dir, config, old, new, anchor)


def _write_in_fork(site_dir: Path, config, stubs: list[tuple[str, str, str]]) -> None:
    try:
        _write_all(site_dir, config, stubs)
    except Exception:  # (no traceback from here: the build writes them again, and says why)
        raise SystemExit(1) from None


def _write_redirect(site_dir: Path, config, old: str, new: str, anchor: str = "") -> str:
    """A small HTML page (no theme) at the site path of the Markdown page `old` that sends the
    reader to the page `new` (at `#anchor`); returns its site path."""
    old_dest, new_dest = page_dest(config, old), page_dest(config, new)
    href = posixpath.relpath(new_dest, posixpath.dirname(old_dest))
    base = (config.site_url or "").rstrip("/")
    html = environment().get_template("redirect.html.j2").render(
        href=href + (f"#{anchor}" if anchor else ""), person=bool(anchor),
        canonical=f"{base}/{new_dest}" if base else href)
    target = site_dir / old_dest
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(html, encoding="utf-8")
    return old_dest


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
    template = environment().get_template("preview_error.html.j2")
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


PARKED = ".jinaq-previous-build"  # the last build, inside the site folder (hidden: MkDocs keeps it)
REFRESH_DELAY = 2.0  # seconds between a preview build and the refresh of its outputs
# Refreshes between two collections of the whole heap (the first refresh collects). A collection
# holds the interpreter for 0.3-0.45 s at 2,000 articles, and a save landing then waits for it,
# while each build leaves some two thousand objects in cycles: a collection every eighth
# refresh keeps a few megabytes of them at most.
COLLECT_EVERY = 8


class Preview:
    """The state `mkdocs serve` keeps from one build to the next (the plugin holds one)."""

    def __init__(self) -> None:
        self.cache = BuildCache(memos={})
        self.failure: Optional[Failure] = None
        self.watches = Watches()
        self._built: dict[str, str] = {}  # page path -> key of the HTML the last build wrote
        self._made: set[str] = set()  # site paths of the pages and redirects of the last build
        self._ids: set[str] = set()  # article ids of the last build
        self.redirects: dict[tuple, str] = {}  # the redirects the last build wrote (write_redirects)
        self._generation = 0  # builds started; a refresh of an older one gives way
        self._refresh: Optional[Any] = None  # outputs.OutputsJob of the running refresh
        self._search_key: Optional[str] = None  # what the served search index was made from
        self._refreshes = 0  # refreshes begun (collect_due)
        compat.quiet_excluded_link_notices()

    def start_build(self) -> None:
        """A build has started: a refresh of an older build's outputs gives way to it."""
        self._generation += 1
        if self._refresh is not None:
            self._refresh.cancel()

    def loaded(self) -> None:
        """The volume and its pages are there (see the module's docstring on gc.freeze)."""
        import gc

        gc.freeze()

    def failed(self, exc: Exception) -> None:
        """The build goes on with no page of ours; `finish` shows the error in their place, and
        the pages are all made again once the editor fixed it."""
        self.failure = Failure.of(exc)
        log.error(f"jinaq: {self.failure}")
        self._built.clear()
        self.redirects.clear()  # the error shows on them too: all are written again after

    def reuse(self, f: Any, key: str, site_dir: Path) -> None:
        """A page outside the navigation unchanged since the last build, whose HTML is parked:
        MkDocs skips it (excluded) and `finish` moves the parked file back."""
        from mkdocs.structure.files import InclusionLevel

        if (f.inclusion is InclusionLevel.NOT_IN_NAV and self._built.get(f.src_uri) == key
                and (site_dir / PARKED / f.dest_uri).is_file()):
            f.inclusion = InclusionLevel.EXCLUDED

    def before_build(self, site_dir: Path) -> None:
        """MkDocs empties the site folder before each build but leaves hidden entries: the last
        build is parked in a hidden folder, and what is unchanged is moved back after."""
        _park(site_dir)

    def written(self, src_uri: str, key: str) -> None:
        self._built[src_uri] = key

    def show_failure(self, site_dir: Path, root: Path) -> None:
        """After a failed build: the last good build back, the error on every page of it."""
        assert self.failure is not None
        _unpark(site_dir)
        write_error_pages(site_dir, self._made, self.failure, root=root)

    def finish(self, site_dir: Path, made: set[str], ids: set[str],
               refresh: Callable[[Optional[str], Callable[[], bool]], Any]) -> None:
        """After a build: the pages of the last build that this one no longer makes dropped
        from the parked copy, the rest moved back, and the outputs refreshed in the background
        (`refresh(search_key_served, wanted)` starts the outputs.OutputsJob that writes them,
        the search index only if what it indexes changed, or raises outputs.GaveWay when
        `wanted()` turned false meanwhile)."""
        drop_stale(site_dir / PARKED, self._made - made, self._ids - ids)
        self._made, self._ids = made, ids
        _unpark(site_dir)
        self._refresh_later(site_dir, refresh)
        import gc

        gc.freeze()  # an edit right away finds the last build frozen too

    def _refresh_later(self, site_dir: Path,
                       start: Callable[[Optional[str], Callable[[], bool]], Any]) -> None:
        """Rebuild volume.json, exports and the search index in another process, a moment
        later. They take seconds for a large volume and the edited page must not wait for them;
        until they are done the last build's copies (moved back with the parked build) are
        served. The search index is rebuilt only when what it indexes changed."""
        import threading

        generation = self._generation

        def work() -> None:
            import gc

            # An editor often saves again within seconds: wait, and leave the work to the
            # newer build's refresh if one started meanwhile (its rebuild then has the CPU).
            time.sleep(REFRESH_DELAY)
            if generation != self._generation:
                return
            # Idle: free what the builds left in reference cycles (frozen objects are never
            # collected), then freeze the survivors again for the next rebuild.
            if self.collect_due():
                gc.unfreeze()
                gc.collect()
                gc.freeze()
            # In another process: a thread here would hold the interpreter lock half the time
            # and slow down the editor's next rebuild. Sending it the volume gives way too.
            try:
                job = start(self._search_key, lambda: generation == self._generation)
                self._refresh = job
                if generation != self._generation:  # (start_build came before the line above)
                    job.cancel()
                    return
                job.wait()
            except GaveWay:
                return
            except Exception as exc:  # reported, never fatal for the preview
                if generation == self._generation:  # else cancelled for a newer build
                    log.warning(f"jinaq: preview outputs not refreshed: {exc}")
                return
            if generation != self._generation or not site_dir.exists():
                job.cancel()
                return  # a newer build is under way; its own refresh follows
            job.move_into(site_dir)
            self._search_key = job.search_key

        threading.Thread(target=work, name="jinaq-outputs", daemon=True).start()

    def collect_due(self) -> bool:
        """Whether this refresh collects the heap: the first, then every COLLECT_EVERY-th."""
        self._refreshes += 1
        return self._refreshes % COLLECT_EVERY == 1

    def serve(self, server: Any, config: Any, inputs: dict[str, Path], own: list[Path],
              poll_interval: float) -> None:
        """Watch the editor's files (see Watches); the ids file for the editor's edits only,
        not the build's appends."""
        with compat.polled_every(getattr(server, "observer", None), poll_interval):
            self.watches.start(server, config, inputs, own=own)

    def shutdown(self) -> None:
        self.watches.stop()


def _park(site_dir: Path) -> None:
    """Move the last preview build into a hidden folder of the site folder (a few renames)."""
    if not site_dir.is_dir():
        return
    parked = site_dir / PARKED
    if parked.exists():
        shutil.rmtree(parked, ignore_errors=True)
    entries = [e for e in site_dir.iterdir() if not e.name.startswith(".")]
    if not entries:
        return
    parked.mkdir()
    for entry in entries:
        entry.rename(parked / entry.name)


def _unpark(site_dir: Path) -> None:
    """Put the parked build back under what this build wrote: files written now win, the rest
    of the last build returns. Moving the few new files into the parked folders and renaming
    those back costs far less than moving thousands of unchanged files."""
    from ..util.fsutil import move_files_into

    parked = site_dir / PARKED
    if not parked.is_dir():
        return
    for old in sorted(parked.iterdir()):
        new = site_dir / old.name
        if not new.exists():
            old.rename(new)
        elif old.is_dir() and new.is_dir():
            move_files_into(new, old)
            shutil.rmtree(new)
            old.rename(new)
    shutil.rmtree(parked, ignore_errors=True)
