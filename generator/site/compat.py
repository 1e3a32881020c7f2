"""Every use of another project's private interface, in one place, each behind a check of the
installed versions.

Jinaq leans on what MkDocs, Material for MkDocs and watchdog do not promise to keep:
- MkDocs' `Page.render` and what it sets (prerender.py converts pages ahead and replays it);
- the format of Material's `search_index.json`, its search worker's message protocol and the
  `__config` block of its base.html (theme_overrides/assets/javascripts/search/worker.js and
  theme_overrides/partials/jinaq-search-config.html speak them), and the test by which its
  header shows the search box (rewritten for `jinaq/search`: search_plugin.py);
- the names of Material's partials (fragments.py renders some once per folder);
- MkDocs' wording of one log message, and watchdog's polling interval attribute;
- Python-Markdown's inline stage, whose private `__handleInline` mdinline.py takes over.

On versions outside TESTED, each of these is left alone (pages are converted by MkDocs one by
one, the theme is rendered page by page, `jinaq/search` is Material's own search) and the build
says so once: slower, never wrong. The header's search box is the exception: it is rewritten
wherever the header has the shape checked here, since without it `jinaq/search` shows no box.
tests/test_compat.py fails when the pinned versions change any of it.
"""
from __future__ import annotations

import contextlib
import json
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, Optional

import jinja2

log = logging.getLogger("mkdocs.plugins.jinaq")

# Versions whose private interfaces tests/test_compat.py has checked: [first, past-the-last).
TESTED = {"mkdocs": ((1, 6), (1, 7)), "mkdocs-material": ((9, 5), (10, 0)),
          "watchdog": ((2, 0), (8, 0)), "markdown": ((3, 5), (3, 12))}


@cache
def installed(package: str) -> Optional[tuple[int, ...]]:
    try:
        text = version(package)
    except PackageNotFoundError:
        return None
    parts = []
    for piece in text.split(".")[:3]:
        digits = "".join(ch for ch in piece if ch.isdigit())
        if not digits:
            break
        parts.append(int(digits))
    return tuple(parts)


@cache
def tested(package: str) -> bool:
    """The installed `package` is one whose private interfaces Jinaq was checked against."""
    have = installed(package)
    first, end = TESTED[package]
    return have is not None and first <= have < end


def warn_untested() -> None:
    """One line when a package Jinaq relies on is outside the tested versions."""
    untested = [f"{p} {'.'.join(map(str, installed(p) or ()))}" for p in TESTED
                if installed(p) is not None and not tested(p)]
    if untested and not _WARNED:
        _WARNED.append(True)
        log.warning(f"jinaq: not tested with {', '.join(untested)}: the build takes the plain "
                    "(slower) way where Jinaq relies on their internals")


_WARNED: list[bool] = []


# ---- MkDocs: Page.render

# What MkDocs 1.6's Page.render sets on a page (test_compat.py checks it is all of it).
RENDER_SETS = ("content", "toc", "_title_from_render", "present_anchor_ids", "links_to_anchors")


@dataclass
class Rendered:
    """What Page.render left on a page, in a form that travels between processes and into the
    page cache: the links to other pages' anchors are kept by the linked page's path."""

    content: Optional[str]  # None: read from the page cache when the page is rendered
    toc: Any
    title: Optional[str]
    anchors: Optional[set[str]]
    links: Optional[dict[str, dict[str, str]]] = None  # linked page's src_uri -> anchor -> link
    logs: list[tuple[str, int, str]] = field(default_factory=list)


def can_render_ahead(config: Any) -> bool:
    """Pages may be converted before MkDocs asks: a tested MkDocs, and nothing else (another
    plugin) may change a page's Markdown between reading and rendering it."""
    from mkdocs.structure.pages import Page

    if not tested("mkdocs"):
        return False
    events = getattr(config.plugins, "events", None)
    if events is None or events.get("pre_page") or events.get("page_markdown"):
        return False
    return "_title_from_render" in Page.render.__code__.co_names


def render_page(page: Any, config: Any, files: Any) -> Rendered:
    """Convert a page exactly as MkDocs does (its own read_source and render)."""
    page.read_source(config)
    page.render(config, files)
    links = page.links_to_anchors
    return Rendered(page.content or "", page.toc, page._title_from_render,
                    page.present_anchor_ids,
                    None if links is None else {f.src_uri: dict(v) for f, v in links.items()})


def install(page: Any, r: Rendered, files: Any,
            load: Optional[Callable[[], str]] = None) -> None:
    """Make MkDocs find `page` rendered: its render() sets what Page.render would have set
    (RENDER_SETS), and logs again what the conversion logged (so --strict sees it). `load`:
    reads the page's HTML, when `r` came without it."""
    def render(config: Any, files_now: Any) -> None:
        outline(page, r, files_now)
        page.content = r.content if r.content is not None or load is None else load()
    page.render = render


def outline(page: Any, r: Rendered, files: Any) -> None:
    """All that render() sets but the HTML: what MkDocs checks a page's anchors and links by,
    for a page whose HTML this build does not write."""
    page.toc = r.toc
    page._title_from_render = r.title
    page.present_anchor_ids = r.anchors
    page.links_to_anchors = None if r.links is None else {
        target: dict(links) for uri, links in r.links.items()
        if (target := files.get_file_from_path(uri)) is not None}
    for name, level, message in r.logs:
        logging.getLogger(name).log(level, message)


def validate_anchor_links(pages: list[Any], files: Any, config: Any) -> None:
    """What MkDocs' build does for each page it built (`validation.anchors`), for `pages`."""
    for page in pages:
        page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)


def quiet_excluded_link_notices() -> None:
    """Pages reused from the last preview build are 'excluded' for MkDocs; links to them are
    fine, so its notice about each such link (matched by MkDocs' wording) is noise."""
    logging.getLogger("mkdocs.structure.pages").addFilter(_QuietExcluded())


class _QuietExcluded(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return "which is excluded from the built site" not in record.getMessage()


# ---- Material for MkDocs: search

def jinaq_search(enabled: bool) -> bool:
    """Jinaq's search replaces Material's (its index, its worker speaking Material's protocol,
    Material's config block with the worker's address) where Material is a tested version."""
    return enabled and tested("mkdocs-material")


HEADER = "partials/header.html"
# Material's header shows the search box when its search plugin is listed, with that plugin's
# options (`enabled`): the two expressions the header is rewritten at.
_SEARCH_LISTED = '"material/search" in config.plugins'
_SEARCH_OPTIONS = 'config.plugins["material/search"]'


def header_with_search_box(env: Any, plugin: str) -> Optional[str]:
    """The theme's header, showing its search box for `plugin` (a subclass of Material's search
    plugin, so its options are the same) instead of Material's; None when the header is not of
    the shape checked here (each expression exactly once). The header is the theme's own (or a
    custom_dir's), read from the theme's loader: nothing of it is copied."""
    try:
        source = env.loader.get_source(env, HEADER)[0]
    except jinja2.TemplateNotFound:
        return None
    if source.count(_SEARCH_LISTED) != 1 or source.count(_SEARCH_OPTIONS) != 1:
        return None
    return (source.replace(_SEARCH_LISTED, f'"{plugin}" in config.plugins')
            .replace(_SEARCH_OPTIONS, f'config.plugins["{plugin}"]'))


def search_plugin_index_config(plugin: Any) -> Optional[dict]:
    """The `config` Material's search plugin (or a subclass: `jinaq/search`) puts in its
    `search_index.json` (its options, with its defaults for the theme's language filled in by
    its on_config); None before that or for another plugin."""
    index = getattr(plugin, "search_index", None)
    options = getattr(index, "config", None)
    if not isinstance(options, dict) or not tested("mkdocs-material"):
        return None
    return {key: options[key] for key in ("lang", "separator", "pipeline", "fields")
            if key in options}


def material_search_config(out_dir: Path) -> Optional[dict]:
    """The config of the lunr index Material's search plugin wrote in `out_dir`, if any."""
    existing = Path(out_dir) / "search_index.json"
    if existing.is_file():
        try:
            found: Optional[dict] = json.loads(existing.read_text(encoding="utf-8")).get("config")
            return found
        except (ValueError, AttributeError):
            return None
    return None


def write_material_search_stub(out_dir: Path, config: Optional[dict] = None) -> list[str]:
    """Replace Material's lunr index with an empty one, keeping its config (`config`, else the
    one in `out_dir`). Material's UI still loads `search_index.json` (or `.js` from file://)
    and hands it to the worker; Jinaq's ignores the documents, so shipping them would only cost
    every page load."""
    out_dir = Path(out_dir)
    config = (config or material_search_config(out_dir)
              or {"lang": ["en"], "separator": r"[\s\-]+", "pipeline": [], "fields": {}})
    data = json.dumps({"config": config, "docs": []}, ensure_ascii=False, separators=(",", ":"))
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "search_index.json").write_text(data, encoding="utf-8")
    (out_dir / "search_index.js").write_text("var __index = " + data + ";\n", encoding="utf-8")
    return ["search_index.json", "search_index.js"]


# ---- Material for MkDocs: partials

def shared_partials(shared: dict[str, bool]) -> dict[str, bool]:
    """The theme partials fragments.py may render once per folder: Material's names, where
    Material is a tested version (else none: every page renders its own)."""
    return shared if tested("mkdocs-material") else {}


# ---- watchdog

@contextlib.contextmanager
def polled_every(observer: Any, seconds: float) -> Iterator[None]:
    """Watches added inside are polled every `seconds`, not MkDocs' 0.5 s: the editor's inputs
    are a few files, and a save should show at once. Watchdog gives a new watch the interval its
    observer holds then, in a private attribute: where that is not there, MkDocs' interval
    stays."""
    default = getattr(observer, "_timeout", None)
    usable = (seconds and tested("watchdog") and isinstance(default, float)
              and type(observer).__name__ == "PollingObserver")
    if usable:
        observer._timeout = float(seconds)
    try:
        yield
    finally:
        if usable:
            observer._timeout = default
