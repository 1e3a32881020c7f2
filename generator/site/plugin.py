"""The `jinaq` MkDocs plugin: the site stage. Editors run plain `mkdocs serve` / `mkdocs build`.

Each hook does one thing and hands the work on; in the order MkDocs calls them:
  on_startup     keep a Preview between `mkdocs serve` builds (preview.py)
  on_config      the volume and its pages (pipeline.build_site); what readers see around them:
                 language, name, address, navigation (theme.py); a build that finds the last
                 one's caches starts writing the files that are no page once the volume is
                 extracted (outputs.py)
  on_files       every page Jinaq renders, as a generated file
  on_nav         their Markdown converted in one batch on all cores, or taken from the page
                 cache (prerender.py); a one-off build leaves out the pages it kept unchanged
                 from the last (kept.py)
  on_pre_build   a preview parks its last build
  on_env         the theme's templates: shared partials (fragments.py), Jinaq's globals; a
                 build without caches starts writing the files that are no page in another
                 process (outputs.py); a one-off build starts writing its redirect pages in
                 another (preview.RedirectWriter)
  on_page_context  scholarly <head> tags for article pages (publish/scholar.py)
  on_template_context  404.html that works under any sub-path (theme.py)
  on_post_page   progress; whitespace runs compacted (compact.py); a preview notes what it wrote
  on_post_build  redirects at old addresses (articles', people's: a one-off build's waited
                 for); a one-off build puts the kept pages in, keeps this build's, saves its
                 cache and moves the outputs in; a preview puts back what it did not write
                 again, shows a failed build, refreshes its outputs later
  on_serve       a preview watches the editor's files
Every use of MkDocs', Material's or watchdog's internals is in compat.py.
"""
from __future__ import annotations

import dataclasses
import functools
import hashlib
import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, Optional

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from ..errors import JinaqError
from ..model import Volume
from ..pages.i18n import site_language
from ..pages.people_pages import places_in
from ..util import parallel
from ..util.progress import Progress
from ..util.stamped import gc_paused
from . import compat, fragments, prerender, preview, search_plugin, theme
from .compact import compact_html
from .config import (INPUTS, JinaqConfig, build_cache_path, cache_path, input_paths,
                     kept_pages_path, outputs_cache_path, templates_cache_path)
from .kept import KeptPages
from .outputs import Outputs, OutputsJob

log = logging.getLogger("mkdocs.plugins.jinaq")


class JinaqPlugin(BasePlugin[JinaqConfig]):
    # Called once what lives to the end of a one-off build is loaded: the last build's cache,
    # then the volume and its pages, before MkDocs renders them (`jinaq build` freezes the heap
    # there: see cli.py).
    after_load: Optional[Callable[[], None]] = None

    def __init__(self) -> None:
        self.volume: Optional[Volume] = None  # the volume of the last build
        self.pages: dict[str, str] = {}  # its pages: Markdown by path under docs
        self.preview: Optional[preview.Preview] = None  # under `mkdocs serve`
        self._fragments = fragments.Fragments()
        self._bytecode: Any = theme.MemoryBytecodeCache()
        # One build's state:
        self._lang = "kk"  # the reader's language (the theme's)
        self._search = True  # Jinaq's search replaces Material's
        self._meta: dict[str, Any] = {}  # the volume's metadata as the site publishes it
        self._progress: Optional[Progress] = None
        self._writing = False  # the progress bar counts written pages
        self._html_cache: Optional[prerender.HtmlCache] = None
        self._outputs: Optional[OutputsJob] = None
        # The last build's cache is here: few pages to make, the outputs in the foreground
        self._cached = False
        self._keep: Optional[Callable[[], Optional[str]]] = None  # saves the build cache
        self._in_nav: frozenset[str] = frozenset()  # src_uri of the pages in the navigation
        self._by_id: dict[str, Any] = {}  # article by id
        # article id -> the hash of its page's view, this build's (pages.memo.PageMemo)
        self._page_views: dict[str, str] = {}
        # article page URL -> (article id, its <head> tags), made ahead on all cores
        self._heads: dict[str, tuple[str, str]] = {}
        self._keys: dict[str, str] = {}  # page path -> what its HTML is made from
        self._dests: set[str] = set()  # site paths of Jinaq's pages
        self._redirects: Optional[preview.RedirectWriter] = None  # a one-off build's
        # A one-off build's pages outside the navigation, kept for the next build (kept.py):
        self._kept: Optional[KeptPages] = None
        self._outside: dict[str, str] = {}  # their site paths -> keys
        self._reused: list[str] = []  # the site paths this build takes from the kept ones
        self._reused_pages: list[Any] = []  # and their pages
        self._files: Optional[Files] = None
        self._text_digests: dict[str, str] = {}  # page Markdown -> its digest (last build)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup keeps this instance across `mkdocs serve` rebuilds, and with it
        # the preview's caches: a rebuild redoes only what the edit changed.
        self.preview = preview.Preview() if command == "serve" else None

    def on_config(self, config: Any) -> Any:
        if not self.config.enabled:
            return config
        compat.warn_untested()
        parallel.set_processes(self.config.concurrency)
        self._lang = site_language(config)
        self._search = search_plugin.replaces_material(config)
        self._load(config)
        if self._search and search_plugin.NAME not in config.plugins:
            log.warning("mkdocs.yml lists Material's `search`: list `jinaq/search` in its place "
                        "(the same search, without Material indexing every page for nothing)")
        if config.use_directory_urls:
            # (the glossary, timeline and article headers are raw HTML with .html addresses)
            log.warning("mkdocs.yml: `use_directory_urls: true` breaks links Jinaq writes "
                        "(glossary, timeline, article headers) and pages opened from disk; "
                        "set `use_directory_urls: false`")
        if self.volume is not None:
            self._meta = theme.configure(config, self.volume, self._lang)
            theme.warn_readiness(self.volume, self._meta)
        config.nav = theme.navigation(self.pages, self._lang, self.volume) if self.volume else []
        theme.add_markdown_extensions(config)
        return config

    def on_files(self, files: Files, /, *, config: Any) -> Files:
        if not self.config.enabled:
            return files
        return self._add_pages(files, config)

    def on_nav(self, nav: Any, /, *, config: Any, files: Files) -> Any:
        if not self.config.enabled:
            return nav
        self._in_nav = frozenset(p.file.src_uri for p in nav.pages)
        self._reused, self._reused_pages, self._files = [], [], files
        self._render_ahead(config, files)
        self._head_tags_ahead(files)
        return nav

    def on_pre_build(self, *, config: Any) -> None:
        if self.config.enabled and self.preview is not None:
            self.preview.before_build(Path(config.site_dir))

    def on_env(self, env: Any, /, *, config: Any, files: Files) -> Any:
        if not self.config.enabled:
            return env
        if self.preview is None and self.config.cache:
            # (a one-off build keeps them on disk: compiling Material's takes half a second)
            self._bytecode = theme.disk_bytecode_cache(templates_cache_path(config, self.config))
        theme.prepare_environment(env, self._bytecode)
        env.loader = fragments.loader(env.loader)
        env.globals["jinaq_fragment"] = self._fragments.reset(self._in_nav)
        theme.template_globals(env, self._lang, self.pages, search=self._search)
        if self._outputs is None:  # (not started once the volume was extracted)
            self._start_outputs(config)
        if self.preview is None and self.volume is not None:
            # (written while MkDocs writes the pages: see RedirectWriter)
            self._redirects = preview.RedirectWriter(
                Path(config.site_dir), config, self.volume.redirects, places_in(self.pages),
                self._kept, {f.dest_uri for f in files})
        return env

    def _start_outputs(self, config: Any, volume: Optional[Volume] = None) -> None:
        """Files that are no page, written by other processes as soon as the volume is
        extracted and collected at the end. When the last build's caches are here (few pages
        to render and convert), the search index has a process of its own: it is what the
        build waits for last. Otherwise one process of lower priority writes them all: it
        takes the time the pages' making leaves a core idle (the stages that run on one: the
        volume-wide pages, MkDocs filling the templates), not the cores' share of the
        Markdown, and one process beside the Markdown's workers holds less memory than two."""
        volume = volume or self.volume
        if self.preview is None and volume is not None:
            self._outputs = OutputsJob(self._outputs_of(config, volume=volume),
                                       Path(config.site_dir).parent,
                                       replaces_material_search=self._search,
                                       background=not self._cached)

    def on_page_context(self, context: Any, /, *, page: Any, config: Any, nav: Any) -> Any:
        if self.config.enabled:
            self._head_tags(page)
        return context

    def on_template_context(self, context: Any, /, *, template_name: str,
                            config: Any) -> Any:
        if not self.config.enabled:
            return context
        return theme.not_found_context(context, template_name, config)

    def on_post_page(self, output: str, /, *, page: Any, config: Any) -> str:
        if not self.config.enabled:
            return output
        self._page_written(page)
        return compact_html(output) if self.config.compact_html else output

    # After Material's search plugin, whose lunr index Jinaq's index replaces.
    @event_priority(-50)
    def on_post_build(self, *, config: Any) -> None:
        if not self.config.enabled:
            return
        self._close_progress()
        site_dir = Path(config.site_dir)
        if self.preview is not None and self.preview.failure is not None:
            self.preview.show_failure(site_dir, root=Path(config.config_file_path or ".").parent)
            return
        if self.volume is None:
            return
        prerender.close_cache(self._html_cache, prune=self.preview is None)
        self._html_cache = None
        if self._redirects is not None:  # a one-off build's, written meanwhile
            stubs, self._redirects = self._redirects.finish(), None
        else:
            stubs = preview.write_redirects(
                site_dir, config, self.volume.redirects, places_in(self.pages),
                last=self.preview.redirects if self.preview is not None else None)
        made = self._dests | set(stubs)
        if self._kept is not None:
            # MkDocs checks the anchors its pages link to; the kept pages' links too
            compat.validate_anchor_links(self._reused_pages, self._files, config)
            self._kept.restore(self._reused, site_dir)
            self._kept.keep(site_dir, {**self._outside, **stubs})
        if self.preview is not None:
            self.preview.finish(site_dir, made, {a.id for a in self.volume.articles},
                                self._refresh(config))
            return
        if self._keep is not None:
            self._warn(self._keep())
            self._keep = None
        try:
            assert self._outputs is not None  # started once the volume was extracted
            self._outputs.move_into(site_dir)
        except JinaqError as exc:
            raise PluginError(str(exc)) from None

    def on_build_error(self, *, error: Exception) -> None:
        self._close_progress()
        if self._redirects is not None:
            self._redirects.cancel()
            self._redirects = None
        if self._outputs is not None:
            self._outputs.cancel()
        prerender.close_cache(self._html_cache, prune=False)
        self._html_cache = None

    def on_serve(self, server: Any, *, config: Any, builder: Any) -> Any:
        if self.config.enabled and self.preview is not None:
            paths = input_paths(config, self.config)
            self.preview.serve(server, config, {k: paths[k] for k in INPUTS},
                               [paths["ids"]] if "ids" in paths else [],
                               self.config.poll_interval)
        return server

    def on_shutdown(self) -> None:
        if self.preview is not None:
            self.preview.shutdown()

    # Load the volume and its pages (a preview shows a failure instead of stopping)
    def _load(self, config: Any) -> None:
        from ..pipeline import BuildCache, build_site

        serving = self.preview is not None
        # A one-off build takes up the cache the last one left: after a small edit it redoes
        # only what a preview would (the preview keeps its cache in memory).
        kept = build_cache_path(config, self.config) if not serving and self.config.cache \
            else None
        cache = self.preview.cache if self.preview is not None else None
        if kept is not None:
            # (frozen before the collector runs again, it never walks what the cache made)
            with gc_paused():
                cache = BuildCache.load(kept)
                if self.after_load is not None:
                    self.after_load()
        last = cache.built_key() if cache is not None else None
        self._cached = not serving and last is not None
        self._outputs = None
        if self.preview is not None:
            self.preview.start_build()
        self._progress = None if serving else Progress("reading the volume")
        self._html_cache = None
        self._keep = None
        self._kept = KeptPages(kept_pages_path(config, self.config)) \
            if not serving and self.config.cache else None
        self._writing = False
        early = functools.partial(self._start_outputs, config) if not serving else None
        compiled = templates_cache_path(config, self.config) \
            if not serving and self.config.cache else None
        try:
            with theme.pages_compiled_in(compiled):
                self.volume, self.pages = build_site(
                    input_paths(config, self.config), self._lang, tooltips=self.config.tooltips,
                    skip_bad=self.config.skip_bad, progress=self._progress,
                    cache=cache,
                    ids_written=self.preview.watches.expect if self.preview is not None else None,
                    extracted=early)
            # (what the page keys know an article by: the pages stage hashed its whole view)
            self._page_views = cache.pages.article_keys if cache is not None else {}
            if self.preview is not None:
                self.preview.failure = None
            elif kept is not None and cache is not None and cache.built_key() != last:
                # Written only when the build made something new (an unchanged input reused
                # it), at the end (on_post_build), while the outputs are still being written
                self._keep = functools.partial(_keep_cache, cache, kept)
        except Exception as exc:
            if self.preview is None:
                self._close_progress()
                if isinstance(exc, JinaqError):
                    raise PluginError(str(exc)) from None
                raise
            self.preview.failed(exc)
            self.volume, self.pages = None, {}
        if self.preview is not None:
            self.preview.loaded()
        elif self.after_load is not None:
            self.after_load()

    # Add every page Jinaq renders as a generated file; a preview reuses what it wrote before
    def _add_pages(self, files: Files, config: Any) -> Files:
        theme_dirs = tuple(str(Path(d)) + os.sep for d in config.theme.dirs)
        for f in list(files):
            if f.src_uri.startswith(("articles/", "raw/")) or f.src_uri in self.pages:
                files.remove(f)
            elif f.src_uri.endswith(".map") and (f.abs_src_path or "").startswith(theme_dirs):
                files.remove(f)  # the theme's source maps: for debugging its scripts, no reader's
        in_nav = set(theme.flatten_nav(config.nav or []))
        # What a page's HTML is made from besides its Markdown: the theme and config, what the
        # site says of the volume, the options that shape pages, and for an article the model
        # its <head> tags are made from
        context = hashlib.sha256(repr((
            theme.theme_key(config), self._meta, self._lang, self._search,
            self.config.compact_html)).encode("utf-8", "surrogatepass")).hexdigest()
        site_dir = Path(config.site_dir)
        self._keys, self._dests, self._outside = {}, set(), {}
        self._by_id = {a.id: a for a in self.volume.articles} if self.volume else {}
        # A page's digest, by its text: a preview build hands unchanged pages over as the same
        # strings, whose hash Python keeps, so only the changed pages are hashed again.
        known, self._text_digests = self._text_digests, {}
        # (keys serve the preview and the kept pages: a build with neither needs none)
        keyed = self.preview is not None or self._kept is not None
        for path, text in sorted(self.pages.items()):
            # Set explicitly: exclude_docs hides the on-disk copies in articles/, not these.
            level = InclusionLevel.INCLUDED if path in in_nav else InclusionLevel.NOT_IN_NAV
            f = File.generated(config, path, content=text, inclusion=level)
            self._dests.add(f.dest_uri)
            files.append(f)
            if not keyed:
                continue
            digest = known.get(text) or hashlib.sha256(text.encode()).hexdigest()
            self._text_digests[text] = digest
            self._keys[path] = f"{context}:{digest}{self._model_digest(path)}"
            if level is InclusionLevel.NOT_IN_NAV:
                self._outside[f.dest_uri] = self._keys[path]
            if self.preview is not None:
                self.preview.reuse(f, self._keys[path], site_dir)
        return files

    def _article_of(self, path: str) -> Optional[Any]:
        """The article whose page is `path` (`articles/<id>.md`), or None."""
        if not (path.startswith("articles/") and path.endswith(".md")):
            return None
        return self._by_id.get(path[len("articles/"):-len(".md")])

    def _model_digest(self, path: str) -> str:
        """For an article page, a digest of the article (its head tags are made from it): the
        hash of the page's view, which holds the whole model (render._article_page_key). Keys
        are made only with a cache, and with one the pages stage hashes every article's view."""
        article = self._article_of(path)
        return "" if article is None else ":" + self._page_views[article.id]

    # A one-off build takes the pages outside the navigation that are unchanged from the last
    # (converted all the same, or their outline read from the page cache: their anchors and
    # links are checked, and the page cache keeps them)
    def _kept_unchanged(self, files: list[File]) -> set[str]:
        if self._kept is None:
            return set()
        return {f.src_uri for f in files
                if (key := self._keys.get(f.src_uri)) is not None
                and f.inclusion is InclusionLevel.NOT_IN_NAV
                and self._kept.reusable(f.dest_uri, key)}

    def _reuse_kept(self, files: Files, kept: set[str], rendered: dict[str, Any]) -> None:
        for f in files:
            if f.src_uri in kept and f.page is not None:
                f.inclusion = InclusionLevel.EXCLUDED
                compat.outline(f.page, rendered[f.src_uri], files)
                self._reused.append(f.dest_uri)
                self._reused_pages.append(f.page)

    # Convert Jinaq's pages ahead, in one batch, with the page cache (MkDocs converts them
    # itself where it cannot be done ahead)
    def _render_ahead(self, config: Any, files: Files) -> None:
        self._html_cache = None
        if self.volume is None or not prerender.usable(config):
            return
        if self._progress is not None:
            self._progress.stage("converting the pages")
        mine = [f for f in files.documentation_pages() if f.src_uri in self.pages]
        if self.config.cache:
            self._html_cache = prerender.open_cache(cache_path(config, self.config))
        kept = self._kept_unchanged(mine)
        rendered = prerender.prerender(mine, config, files, self._html_cache, frozenset(kept))
        self._reuse_kept(files, kept, rendered)

    # Scholarly <head> tags of an article page
    def _head_tags(self, page: Any) -> None:
        meta = page.meta or {}
        if self.volume and meta.get("id") and page.file.src_uri.startswith("articles/"):
            a = self._by_id.get(meta["id"])  # the table on_files built: no scan per page
            if a is not None:
                from ..publish.scholar import article_head_tags

                made = self._heads.pop(page.url, None)
                page.meta["jinaq_head"] = made[1] if made is not None and made[0] == a.id \
                    else article_head_tags(a, self._meta, page.url)

    def _head_tags_ahead(self, files: Files) -> None:
        """The article pages' <head> tags, made on all cores before MkDocs writes the pages."""
        from ..publish.scholar import head_tags_ahead

        pages = [(f.url, a) for f in files.documentation_pages()
                 if (a := self._article_of(f.src_uri)) is not None]
        self._heads = head_tags_ahead(pages, self._meta)

    # Progress bar; a preview notes the page it wrote
    def _page_written(self, page: Any) -> None:
        if self._progress is not None:
            if not self._writing:
                self._progress.stage("writing the pages",
                                     total=len(self.pages) - len(self._reused))
                self._writing = True
            self._progress.advance()
        if self.preview is not None and page.file.src_uri in self._keys:
            self.preview.written(page.file.src_uri, self._keys[page.file.src_uri])

    @staticmethod
    def _warn(message: Optional[str]) -> None:
        if message:
            log.warning(message)

    def _close_progress(self) -> None:
        progress, self._progress = self._progress, None
        self._writing = False
        if progress is not None:
            progress.close()

    # The files that are no page: what to write, and (a preview) when to write them again
    def _outputs_of(self, config: Any, search: Optional[bool] = None,
                    volume: Optional[Volume] = None) -> Outputs:
        volume = volume or self.volume
        assert volume is not None
        # A one-off build keeps them in its cache for the next (a preview keeps its own).
        keep = outputs_cache_path(config, self.config) \
            if self.preview is None and self.config.cache else None
        return Outputs(volume, config.site_url, self._lang, exports=self.config.exports,
                       search=self._search if search is None else search and self._search,
                       search_config=search_plugin.index_config(config),
                       keep=str(keep) if keep is not None else None)

    def _refresh(self, config: Any) -> Callable[[Optional[str], Callable[[], bool]], OutputsJob]:
        parent = Path(config.site_dir).parent
        job, jinaq_search = self._outputs_of(config), self._search

        def start(served: Optional[str], wanted: Callable[[], bool]) -> OutputsJob:
            return OutputsJob(dataclasses.replace(job, search_served=served or ""), parent,
                              replaces_material_search=jinaq_search, wanted=wanted)
        return start


def _keep_cache(cache: Any, kept: Path) -> Optional[str]:
    """Save a one-off build's cache for the next build; a warning when it cannot be (a cache
    that cannot be kept costs time, not the build)."""
    try:
        cache.save(kept)
    except OSError as exc:
        return (f"jinaq: warning: {kept}: not written ({exc.strerror}); "
                "the next build starts from scratch")
    return None
