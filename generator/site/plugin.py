"""Stage 7, site: the `jinaq` MkDocs plugin. Editors run plain `mkdocs serve` / `mkdocs build`.

Hooks, in the order MkDocs calls them:
  on_config      run the pipeline (cached by input hash), set the reader's side of the site
                 (site.py: language, name, address) and a small navigation
  on_files       add every rendered page as a generated file (nothing hand-copied)
  on_nav         convert those pages' Markdown in one batch on all cores (prerender.py)
  on_env         share theme fragments between pages of one folder (fragments.py); start
                 the child process writing volume.json, timeline.json, exports,
                 harvest files and the search index (a build; a preview refreshes them later)
  on_page_context  scholarly <head> tags for article pages
  on_template_context  404.html: links that work under any sub-path (site.py)
  on_post_build  move those files in; pages at old article addresses that redirect
  on_serve       watch the raw input and the editor's YAML files: an edit rebuilds the preview
Preview specifics (a failed build shown in the browser, pages of vanished articles removed,
one rebuild per save) live in preview.py; the ids file (content/ids.yml) in ids.py.
"""
from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import logging
import os
from pathlib import Path
from typing import Optional

import jinja2
from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from . import fragments
from . import preview
from . import theme as site
from ..errors import JinaqError
from ..util.fsutil import move_files_into
from ..pages.i18n import site_language
from ..model import Volume
from ..util.progress import Progress

log = logging.getLogger("mkdocs.plugins.jinaq")


class JinaqConfig(Config):
    raw = opt.Type(str, default="content/raw")
    corrections = opt.Type(str, default="content/corrections.yml")
    glossary = opt.Type(str, default="content/glossary.yml")
    volume = opt.Type(str, default="content/volume.yml")
    # Each article's address, recorded and extended by the build (ids.py); "" for none.
    ids = opt.Type(str, default="content/ids.yml")
    # A file in the raw folder that is no readable volume: a warning instead of an error.
    skip_bad = opt.Type(bool, default=False)
    tooltips = opt.Type(bool, default=True)
    exports = opt.Type(bool, default=True)
    search = opt.Type(bool, default=True)
    # Rendered pages kept between builds (relative to mkdocs.yml); `cache: false` turns it off.
    cache = opt.Type(bool, default=True)
    cache_dir = opt.Type(str, default=".cache/jinaq")
    # Seconds between two looks at the editor's input files under `mkdocs serve` (0: MkDocs').
    poll_interval = opt.Type((int, float), default=0.1)


class JinaqPlugin(BasePlugin[JinaqConfig]):
    volume: Optional[Volume] = None
    pages: dict[str, str] = {}

    def on_startup(self, command, dirty):
        # Defining on_startup keeps this instance across `mkdocs serve` rebuilds, and with it the
        # caches below: a preview rebuild redoes only what the edit changed.
        self._serving = command == "serve"
        if self._serving:
            logging.getLogger("mkdocs.structure.pages").addFilter(_QuietReuse())
        self._cache: dict = {}
        self._built: dict[str, str] = {}  # page path -> key of the HTML the last build wrote
        self._bytecode = _MemoryBytecodeCache()
        self._fragments = fragments.Fragments()
        self._in_nav: frozenset[str] = frozenset()
        self._by_id: dict = {}
        self._watches = preview.Watches()
        self._failure: Optional[preview.Failure] = None
        self._made: set[str] = set()  # site paths of the pages and redirects of the last build
        self._ids: set[str] = set()  # article ids of the last preview build

    def on_config(self, config):
        self._paths = input_paths(config, self.config)
        if not hasattr(self, "_cache"):
            self.on_startup(command="build", dirty=False)
        if self._serving:
            # A build has started: a refresh of an older build's outputs gives way to it.
            self._generation = getattr(self, "_generation", 0) + 1
            running = getattr(self, "_refresh_job", None)
            if running is not None:
                running.cancel()
        self._lang = site_language(config)
        self._progress = None if self._serving else Progress("reading the volume")
        try:
            # A one-off build has nothing to reuse: it skips the per-article cache keys.
            self.volume, self.pages = load_site(
                self._paths, tooltips=self.config.tooltips,
                cache=self._cache if self._serving else None, skip_bad=self.config.skip_bad,
                progress=self._progress, ids_written=self._watches.expect, lang=self._lang)
            self._failure = None
        except Exception as exc:
            if not self._serving:
                self._close_progress()
                if isinstance(exc, JinaqError):
                    raise PluginError(str(exc)) from None
                raise
            self._show_failure(exc)
        if self._failure is None:
            # The reader's side of the site: its language, name, address (see site.py).
            self._meta = site.configure(config, self.volume, self._lang)
            site.warn_readiness(self.volume, self._meta)
        # The volume and the caches outlive the build (a preview keeps them between builds):
        # frozen, the collector stops walking them on every full collection (a quarter of a
        # preview rebuild at 2,000 articles) and forked workers leave their pages shared.
        gc.freeze()
        config.nav = (site.navigation(self.pages, self._lang, self.volume)
                      if self._failure is None else [])
        # Our own HTML blocks set aside without html.parser (same output, a quarter less time).
        if "generator.pages.mdext" not in config.markdown_extensions:
            config.markdown_extensions.append("generator.pages.mdext")
        if self.config.search:
            _skip_material_search_indexing(config)
        self._outputs = None
        return config

    def _show_failure(self, exc: Exception) -> None:
        """Preview only: the build goes on with no page of ours, on_post_build shows the error
        in their place, and the pages are all made again once the editor fixed it."""
        self._failure = preview.Failure.of(exc)
        log.error(f"jinaq: {self._failure}")
        self.volume, self.pages = None, {}
        self._built.clear()

    def on_files(self, files: Files, config) -> Files:
        for f in list(files):
            if f.src_uri.startswith(("articles/", "raw/")) or f.src_uri in self.pages:
                files.remove(f)
        in_nav = set(_flatten(config.nav or []))
        context = _theme_key(config)
        parked = Path(config.site_dir) / _PARKED
        self._keys: dict[str, str] = {}
        self._dests: set[str] = set()
        # A page's digest, by its text: a preview build hands unchanged pages over as the same
        # strings, whose hash Python keeps, so only the changed pages are hashed again.
        known, self._text_digests = getattr(self, "_text_digests", {}), {}
        for path, text in sorted(self.pages.items()):
            # Set explicitly: exclude_docs hides the on-disk copies in articles/, not these.
            level = InclusionLevel.INCLUDED if path in in_nav else InclusionLevel.NOT_IN_NAV
            digest = known.get(text) or hashlib.sha256(text.encode()).hexdigest()
            self._text_digests[text] = digest
            key = f"{context}:{digest}"
            self._keys[path] = key
            f = File.generated(config, path, content=text, inclusion=level)
            self._dests.add(f.dest_uri)
            if (self._serving and level is InclusionLevel.NOT_IN_NAV
                    and self._built.get(path) == key and (parked / f.dest_uri).is_file()):
                # Unchanged since the last preview build, whose HTML is parked: MkDocs skips it
                # and on_post_build moves the parked file back.
                f.inclusion = InclusionLevel.EXCLUDED
            files.append(f)
        return files

    def on_nav(self, nav, config, files: Files):
        from . import prerender

        self._html_cache = None
        self._in_nav = frozenset(p.file.src_uri for p in nav.pages)
        self._by_id = {a.id: a for a in self.volume.articles} if self.volume else {}
        if self.volume is not None and prerender.usable(config):
            if self._progress is not None:
                self._progress.stage("converting the pages")
            mine = [f for f in files.documentation_pages() if f.src_uri in self.pages]
            self._html_cache = self._open_html_cache(config)
            prerender.prerender(mine, config, files, self._html_cache)
        return nav

    def _open_html_cache(self, config):
        import sqlite3

        from .prerender import HtmlCache

        if not self.config.cache:
            return None
        base = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
        path = base / self.config.cache_dir / "pages.sqlite"
        try:
            return HtmlCache(path)
        except sqlite3.DatabaseError as exc:  # damaged: it only holds copies, start afresh
            log.warning(f"jinaq: page cache {path} unreadable ({exc}): started afresh")
            try:
                path.unlink()
                return HtmlCache(path)
            except (OSError, sqlite3.Error) as again:
                log.warning(f"jinaq: page cache not used: {again}")
        except (OSError, sqlite3.Error) as exc:  # a cache is never worth a failed build
            log.warning(f"jinaq: page cache not used: {exc}")
        return None

    def on_pre_build(self, config):
        self._writing = False
        if self._serving:
            # MkDocs empties the site folder before each preview build but leaves hidden entries:
            # the last build is parked in a hidden folder and what is unchanged is moved back.
            _park_previous_build(Path(config.site_dir))

    def on_post_page(self, output, page, config):
        if self._progress is not None:
            if not self._writing:
                self._progress.stage("writing the pages", total=len(self.pages))
                self._writing = True
            self._progress.advance()
        if self._serving and page.file.src_uri in self._keys:
            self._built[page.file.src_uri] = self._keys[page.file.src_uri]
        return output

    def on_page_context(self, context, page, config, nav):
        meta = page.meta or {}
        if self.volume and meta.get("id") and page.file.src_uri.startswith("articles/"):
            a = self._by_id.get(meta["id"])  # the table on_nav built: no scan per page
            if a is not None:
                from ..publish.scholar import head_tags

                page.meta["jinaq_head"] = head_tags(a.to_dict(), self._meta,
                                                    page.url, canonical=False)
        return context

    def on_template_context(self, context, template_name, config):
        # 404.html under any sub-path (see site.not_found_context).
        return site.not_found_context(context, template_name, config)

    # After Material's search plugin, whose lunr index our own index replaces.
    @event_priority(-50)
    def on_post_build(self, config):
        self._close_progress()
        site_dir = Path(config.site_dir)
        if self._failure is not None:
            _unpark_previous_build(site_dir)
            preview.write_error_pages(site_dir, self._made, self._failure,
                                      root=Path(config.config_file_path or ".").parent)
            return
        if self.volume is None:
            return
        self._close_html_cache(prune=not self._serving)
        made = self._dests | preview.write_redirects(site_dir, config, self.volume.redirects)
        if self._serving:
            # Pages the last build made and this one did not (an article that left, a redirect
            # no longer needed) are not moved back with the rest of it.
            ids = {a.id for a in self.volume.articles}
            preview.drop_stale(site_dir / _PARKED, self._made - made, self._ids - ids)
            self._made, self._ids = made, ids
            _unpark_previous_build(site_dir)
            self._refresh_outputs_later(site_dir, config)
            gc.freeze()  # an edit right away finds the last build frozen too (see on_config)
            return
        gc.unfreeze()
        try:
            self._outputs.move_into(site_dir)
        except JinaqError as exc:
            raise PluginError(str(exc)) from None

    def _close_progress(self) -> None:
        progress, self._progress = getattr(self, "_progress", None), None
        if progress is not None:
            progress.close()

    def on_build_error(self, error):
        self._close_progress()
        if not getattr(self, "_serving", False):
            gc.unfreeze()
        job = getattr(self, "_outputs", None)
        if job is not None:
            job.cancel()
        self._close_html_cache(prune=False)

    def _close_html_cache(self, prune: bool) -> None:
        import sqlite3

        cache, self._html_cache = getattr(self, "_html_cache", None), None
        if cache is None:
            return
        try:
            if prune:
                cache.prune()
        except sqlite3.Error as exc:
            log.warning(f"jinaq: page cache not pruned: {exc}")
        finally:
            cache.close()

    def on_env(self, env, config, files):
        # Templates are read once per build (MkDocs makes a new environment for each): checking
        # every included template's file on each of thousands of pages is wasted time.
        env.auto_reload = False
        # Compiled theme templates kept for the next preview build (MkDocs compiles them anew).
        env.bytecode_cache = self._bytecode
        # Theme parts that repeat across a folder (fragments.SHARED): once per folder.
        env.loader = fragments.loader(env.loader)
        env.globals["jinaq_fragment"] = self._fragments.reset(self._in_nav)
        site.template_globals(env, self._lang, self.pages)
        if not self._serving and self.volume is not None:
            # Written by another process while MkDocs fills the templates (one core's work),
            # once the Markdown, which takes both cores, is converted; collected at the end.
            self._outputs = _OutputsJob(self.volume, config.site_url, self.config,
                                        Path(config.site_dir).parent, lang=self._lang)
        return env

    def _refresh_outputs_later(self, site_dir: Path, config) -> None:
        """Preview only: rebuild volume.json, exports and the search index in the background.

        They take seconds for a large volume and the edited page must not wait for them; until
        they are done the last build's copies (moved back with the parked build) are served.
        The search index is rebuilt only when what it indexes changed."""
        import threading

        generation, volume, options = self._generation, self.volume, self.config

        def work():
            import time

            # An editor often saves again within seconds: wait, and leave the work to the
            # newer build's refresh if one started meanwhile (its rebuild then has the CPU).
            time.sleep(REFRESH_DELAY)
            if generation != self._generation:
                return
            # Idle: free what the builds left in reference cycles (frozen objects are never
            # collected), then freeze the survivors again for the next rebuild.
            gc.unfreeze()
            gc.collect()
            gc.freeze()
            key = _search_key(volume)
            skip_search = self._cache.get("search_key") == key
            # In another process: a thread here would hold the interpreter lock half the time
            # and slow down the editor's next rebuild.
            try:
                job = self._refresh_job = _OutputsJob(volume, config.site_url, options,
                                                      site_dir.parent, search=not skip_search,
                                                      lang=self._lang)
                job.wait()
            except Exception as exc:  # reported, never fatal for the preview
                if generation == self._generation:  # else cancelled for a newer build
                    log.warning(f"jinaq: preview outputs not refreshed: {exc}")
                return
            if generation != self._generation or not site_dir.exists():
                job.cancel()
                return  # a newer build is under way; its own refresh follows
            job.move_into(site_dir)
            self._cache["search_key"] = key

        threading.Thread(target=work, name="jinaq-outputs", daemon=True).start()

    def on_serve(self, server, config, builder):
        with _polled_every(getattr(server, "observer", None), self.config.poll_interval):
            inputs = {k: self._paths[k] for k in ("raw", "corrections", "glossary", "volume")}
            # The ids file is watched for the editor's edits only, not the build's appends.
            self._watches.start(server, config, inputs, own=[self._paths["ids"]]
                                if "ids" in self._paths else [])
        return server

    def on_shutdown(self):
        self._watches.stop()


@contextlib.contextmanager
def _polled_every(observer, seconds: float):
    """Watches added inside are polled every `seconds`, not MkDocs' 0.5 s: the editor's inputs
    are a few files, and a save should show at once. Watchdog gives a new watch the interval its
    observer holds then, in a private attribute: if that ever moves, MkDocs' interval stays."""
    default = getattr(observer, "_timeout", None)
    usable = (seconds and isinstance(default, float)
              and type(observer).__name__ == "PollingObserver")
    if usable:
        observer._timeout = float(seconds)
    try:
        yield
    finally:
        if usable:
            observer._timeout = default


REFRESH_DELAY = 2.0  # seconds between a preview build and the refresh of its outputs


class _MemoryBytecodeCache(jinja2.BytecodeCache):
    """Jinja's compiled templates in memory (Jinja checks each against its source)."""

    def __init__(self):
        self._store: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        if bucket.key in self._store:
            bucket.bytecode_from_string(self._store[bucket.key])

    def dump_bytecode(self, bucket) -> None:
        self._store[bucket.key] = bucket.bytecode_to_string()


class _QuietReuse(logging.Filter):
    """Pages reused from the last preview build are 'excluded' for MkDocs; links to them are
    fine, so its notice about each such link is noise for the editor."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "which is excluded from the built site" not in record.getMessage()


def _skip_material_search_indexing(config) -> None:
    """Keep Material's search plugin (its search box needs it) but drop its per-page indexing:
    our index replaces its lunr index, and parsing every page's HTML for it is the slowest
    step of a large build. The plugin API has no switch for this, hence the event list edit."""
    search = config.plugins.get("material/search") or config.plugins.get("search")
    events = getattr(config.plugins, "events", {})
    if search is not None and "page_context" in events:
        events["page_context"] = [m for m in events["page_context"]
                                  if getattr(m, "__self__", None) is not search]


def input_paths(config, options: JinaqConfig) -> dict[str, Path]:
    """The raw input and the editor's files, resolved against the folder of mkdocs.yml (no
    ids file when the `ids` option is empty)."""
    base = Path(config.config_file_path or ".").parent
    paths = {k: (base / getattr(options, k)).resolve()
             for k in ("raw", "corrections", "glossary", "volume")}
    if options.ids:
        paths["ids"] = (base / options.ids).resolve()
    return paths


def _flatten(nav) -> list[str]:
    out: list[str] = []
    for item in nav:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        out.extend(_flatten(value) if isinstance(value, list) else [value])
    return out


def _hash(paths: dict[str, Path]) -> str:
    h = hashlib.sha256()
    for key in sorted(paths):
        p = paths[key]
        files = sorted(x for x in p.rglob("*") if x.is_file()) if p.is_dir() else [p]
        for f in files:
            h.update(str(f).encode())
            if f.exists():
                h.update(f.read_bytes())
    return h.hexdigest()


def load_site(paths: dict[str, Path], tooltips: bool = True,
              cache: Optional[dict] = None, skip_bad: bool = False,
              progress: Optional[Progress] = None,
              ids_written=None, lang: str = "kk") -> tuple[Volume, dict[str, str]]:
    """The volume and its rendered pages, in the reader's language `lang`. With a `cache` kept
    between builds, unchanged input is not read again and unchanged articles skip extraction,
    enrichment and rendering. New articles' ids are appended to the ids file
    (`ids_written(path, text)` is told first)."""
    from ..enrich.stage import extra_pages, tooltip_annotator
    from ..ingest.ids import IdRegistry
    from ..ingest.meta import load_volume_meta
    from ..pipeline import extract_volume
    from ..pages.render import render_pages

    if cache is not None:
        key = _hash(paths) + str(tooltips) + str(skip_bad) + lang
        if cache.get("site", (None,))[0] == key:
            return cache["site"][1]
    meta = load_volume_meta(paths["volume"])
    registry = IdRegistry.load(paths.get("ids"))
    volume = extract_volume(paths["raw"], corrections=paths["corrections"],
                            glossary=paths["glossary"], volume_meta=meta,
                            cache=cache.setdefault("pipeline", {}) if cache is not None else None,
                            ids=registry, skip_bad=skip_bad)
    registry.write_new(before=ids_written)
    if progress is not None:
        progress.stage("rendering the articles")
    annotate = tooltip_annotator(volume, lang) if tooltips and volume.glossary else None
    pages = render_pages(volume, annotate=annotate,
                         cache=cache.setdefault("pages", {}) if cache is not None else None,
                         lang=lang)
    if cache is None:  # a one-off build: no input hash, no keys for pages nobody reuses
        pages.update(extra_pages(volume, lang))
        return volume, pages
    # Glossary, timeline and people pages: rendered again only when what they show changed.
    from ..pages.render import display_title

    extra_key = hashlib.sha256(repr((volume.glossary, volume.timeline, volume.people, lang,
                                     [(a.id, display_title(a, lang), a.language, a.source,
                                       a.lines) for a in volume.articles])
                                    ).encode("utf-8", "surrogatepass")).hexdigest()
    if cache.get("extra", (None,))[0] != extra_key:
        cache["extra"] = (extra_key, extra_pages(volume, lang))
    pages.update(cache["extra"][1])
    cache["site"] = (key, (volume, pages))
    return volume, pages


def _theme_key(config) -> str:
    """What every page's HTML depends on besides its Markdown: navigation, theme files, config."""
    h = hashlib.sha256(repr((config.nav, config.site_url, config.site_name, config.extra_css,
                             config.extra_javascript, config.theme.get("language"),
                             config.mdx_configs.get("toc"))).encode())
    custom = Path(config.theme.custom_dir) if config.theme.custom_dir else None
    if custom and custom.is_dir():
        for f in sorted(custom.rglob("*")):
            if f.is_file():
                st = f.stat()
                h.update(f"{f}:{st.st_mtime_ns}:{st.st_size}".encode())
    return h.hexdigest()


class _OutputsJob:
    """write_outputs in a child process, into a hidden folder beside the site, moved in later.

    Forked when this process runs no other thread (a build), so the child inherits the volume.
    Otherwise (the preview server has threads, which fork does not copy safely) a new Python
    reads the pickled volume from its stdin; unlike multiprocessing's spawn, it does not import
    the program that runs MkDocs again."""

    def __init__(self, volume: Volume, site_url: Optional[str], options, parent: Path,
                 search: bool = True, lang: str = "kk"):
        import multiprocessing
        import tempfile

        from ..util.parallel import can_fork

        parent.mkdir(parents=True, exist_ok=True)
        self.dir = Path(tempfile.mkdtemp(prefix=".jinaq-outputs-", dir=parent))
        job = (volume, str(self.dir), site_url, dict(options), search, lang)
        self._fork = self._sub = None
        if can_fork():
            self._fork = multiprocessing.get_context("fork").Process(
                target=_write_outputs_job, args=job, daemon=True)
            self._fork.start()
        else:
            import pickle
            import subprocess
            import sys

            env = {**os.environ, "PYTHONPATH": os.pathsep.join(
                [str(Path(__file__).resolve().parents[2]),
                 *filter(None, [os.environ.get("PYTHONPATH")])])}
            self._sub = subprocess.Popen(
                [sys.executable, "-c", "import generator.site.plugin as p; p._outputs_from_stdin()"],
                stdin=subprocess.PIPE, env=env)
            assert self._sub.stdin is not None  # stdin=PIPE
            try:
                self._sub.stdin.write(pickle.dumps(job, protocol=pickle.HIGHEST_PROTOCOL))
                self._sub.stdin.close()
            except OSError:
                pass  # the child died early; wait() reports it

    def _exitcode(self) -> Optional[int]:
        if self._fork is not None:
            self._fork.join()
            return self._fork.exitcode
        assert self._sub is not None  # one of the two was started
        return self._sub.wait()

    def wait(self) -> None:
        code = self._exitcode()
        error = self.dir / _JOB_ERROR
        if code != 0 or error.exists():
            message = (error.read_text(encoding="utf-8") if error.exists()
                       else f"the process writing the search index and exports ended with "
                            f"code {code}")
            self.cancel()
            raise JinaqError(message)

    def move_into(self, site_dir: Path) -> None:
        """Wait for the files, then move them over the site's (ours win over Material's, but
        the empty stand-in for its lunr index keeps the config its search plugin wrote)."""
        import shutil

        from ..publish.search import material_search_config, write_material_stub

        self.wait()
        material = material_search_config(site_dir / "search")
        move_files_into(self.dir, site_dir)
        shutil.rmtree(self.dir, ignore_errors=True)
        if material is not None and (site_dir / "search" / "search_index.json").is_file():
            write_material_stub(site_dir / "search", config=material)

    def cancel(self) -> None:
        import shutil

        if self._fork is not None and self._fork.is_alive():
            self._fork.terminate()
            self._fork.join()
        if self._sub is not None and self._sub.poll() is None:
            self._sub.terminate()
            self._sub.wait()
        shutil.rmtree(self.dir, ignore_errors=True)


_JOB_ERROR = ".error"


def _outputs_from_stdin() -> None:
    """The child of a preview build: the job arrives pickled on stdin (from this package)."""
    import pickle
    import sys

    _write_outputs_job(*pickle.load(sys.stdin.buffer))


def _write_outputs_job(volume: Volume, out: str, site_url: Optional[str], options: dict,
                       search: bool, lang: str = "kk") -> None:
    from types import SimpleNamespace

    try:
        write_outputs(volume, Path(out), SimpleNamespace(site_url=site_url),
                      SimpleNamespace(**options), search=search, lang=lang)
    except Exception as exc:  # reported by the parent, which names the problem
        (Path(out) / _JOB_ERROR).write_text(str(exc), encoding="utf-8")
        raise SystemExit(1) from None


def write_outputs(volume: Volume, site_dir: Path, config, options,
                  search: bool = True, lang: str = "kk") -> None:
    """Files that are no page: the model, exports, harvest files and the search index."""
    data = json.dumps(volume.to_dict(), ensure_ascii=False, indent=1, sort_keys=False)
    (site_dir / "volume.json").write_text(data + "\n", encoding="utf-8")
    from ..enrich.stage import post_build_files

    if options.search and search:
        write_search_index(volume, site_dir, lang)
    for rel, content in sorted(post_build_files(volume, config, options, lang).items()):
        target = site_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")


def write_search_index(volume: Volume, site_dir: Path, lang: str = "kk") -> dict:
    """Kazakh/Russian-aware search index (replaces Material's lunr index, keeps its UI)."""
    from ..enrich.people import person_search_terms
    from ..pages.render import display_title
    from ..publish.search import SearchDoc, build_index

    docs = []
    for a in volume.articles:
        parts = [a.affiliation, a.programme, a.supervisor, *a.abstracts.values(),
                 ", ".join(a.keywords), *a.titles.values(), *a.front_matter_other,
                 *(x.position or "" for x in a.authors), *(b.text for b in a.blocks),
                 *a.references, a.appendix]
        docs.append(SearchDoc(location=f"articles/{a.id}.html", title=display_title(a, lang),
                              authors="; ".join(x.name for x in a.authors),
                              lang=a.language or "", text="\n".join(p for p in parts if p),
                              kind="article"))
    from ..pages.render import region_title

    for r in volume.regions:  # front matter, sections, back matter are searched too
        docs.append(SearchDoc(location=f"regions/{r.id}.html", title=region_title(r),
                              authors="", lang="", kind="page",
                              text="\n".join(b.text for b in r.blocks)))
    people_terms: dict[str, list[str]] = {}
    for p in volume.people:
        names = person_search_terms(p)  # Kazakh, Russian-folded and Latin spellings
        for aid in p.authored + p.supervised:
            people_terms.setdefault(f"articles/{aid}.html", []).extend(names)
    return build_index(docs, site_dir / "search", volume.glossary, people_terms)


def _search_key(volume: Volume) -> str:
    """What the search index depends on: the articles, the glossary and the people's names."""
    h = hashlib.sha256()
    for a in volume.articles:  # everything an article's search document is made of
        h.update(a.fingerprint().encode())
        h.update(repr(a.to_dict()).encode("utf-8", "surrogatepass"))
    h.update(repr([r.to_dict() for r in volume.regions]).encode("utf-8", "surrogatepass"))
    h.update(repr([(g.kk, g.ru, g.en) for g in volume.glossary]).encode())
    h.update(repr([(p.id, p.name, p.variants) for p in volume.people]).encode())
    return h.hexdigest()


_PARKED = ".jinaq-previous-build"


def _park_previous_build(site_dir: Path) -> None:
    """Move the last preview build into a hidden folder of the site folder (a few renames)."""
    import shutil

    if not site_dir.is_dir():
        return
    parked = site_dir / _PARKED
    if parked.exists():
        shutil.rmtree(parked, ignore_errors=True)
    entries = [e for e in site_dir.iterdir() if not e.name.startswith(".")]
    if not entries:
        return
    parked.mkdir()
    for entry in entries:
        entry.rename(parked / entry.name)


def _unpark_previous_build(site_dir: Path) -> None:
    """Put the parked build back under what this build wrote: files written now win, the rest
    of the last build returns. Moving the few new files into the parked folders and renaming
    those back costs far less than moving thousands of unchanged files."""
    import shutil

    parked = site_dir / _PARKED
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
