"""The reader's side of the MkDocs site: its language, name, address, navigation and theme.

The plugin (plugin.py) calls these from its hooks; they set what a reader sees around every page:
- `configure`: the header shows the volume's title (not "Jinaq"), headings' permalinks carry a
  tooltip in the site's language, the site address is known to MkDocs (canonical links) and to
  the exports alike, whichever of mkdocs.yml and volume.yml gives it, Material's own search
  highlighter gives way to Jinaq's (assets/javascripts/reader.js), and every page carries only
  what it uses of the theme (below);
- `navigation`: the sidebar in the site's language;
- `template_globals`: the translation table for the theme's templates and page scripts;
- `prepare_environment`, `theme_key`: the theme's templates read and compiled once, and what
  every page's HTML depends on besides its Markdown.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Optional

import jinja2

from ..publish.cite import clean
from ..pages.i18n import script_strings, strings, t
from ..model import Meta, Volume
from ..pages.env import environment as pages_environment
from ..util.stamped import code_stamp, stable_repr

log = logging.getLogger("jinaq")


def configure(config, volume: Optional[Volume], lang: str) -> dict:
    """Adjust the MkDocs `config` for readers; return the volume's metadata as the site
    publishes it (site_url filled in from mkdocs.yml when volume.yml lacks it)."""
    meta = dict(volume.meta) if volume is not None else {}
    own = clean(meta.get("site_url"))
    if own and not config.site_url:
        config.site_url = own.rstrip("/") + "/"
    if config.site_url and not own:
        meta["site_url"] = config.site_url
    from ..pages.render import volume_title

    title = volume_title(meta, lang)
    if title:
        config.site_name = title
    toc = config.mdx_configs.setdefault("toc", {})
    toc["permalink_title"] = t("permalink", lang)
    if "attr_list" not in config.markdown_extensions:  # Jinaq's pages set lang and classes
        config.markdown_extensions.append("attr_list")
    features = config.theme.get("features")
    if isinstance(features, list):
        if "search.highlight" in features:
            features.remove("search.highlight")  # reader.js marks every matched form instead
        # A section's list of pages only on the pages inside it: on every other page the section
        # is one link (to its first page). Without it each of thousands of pages repeats every
        # section's list, the volume's parts among them (one per section of the printed book).
        if "navigation.prune" not in features:
            features.append("navigation.prune")
    if not config.theme.get("palette"):
        # No colour schemes to switch: Material then still adds a script to every page that
        # restores a chosen scheme; an empty mapping leaves it out and changes nothing else.
        config.theme["palette"] = {}
    return meta


def navigation(pages: dict[str, str], lang: str, volume=None) -> list:
    """A navigation that stays small whatever the volume's size: index pages, not articles;
    and the volume's own text outside the articles (title page, sections, imprint)."""
    s = strings(lang)
    nav: list = [{s.home: "index.md"}]
    # The site's language first: with the sections pruned, "Articles" opens the first list.
    codes = sorted({p.split("/")[1].split("-")[0].removesuffix(".md")
                    for p in pages if p.startswith("languages/")}, key=lambda c: (c != lang, c))
    if codes:
        nav.append({s.articles: [{s.lang_name(code): f"languages/{code}.md"} for code in codes]})
    if "glossary/kk-ru.md" in pages:
        nav.append({s.glossary: [{s.glossary_kk_ru: "glossary/kk-ru.md"},
                                 {s.glossary_ru_kk: "glossary/ru-kk.md"}]})
    if "timeline.md" in pages:
        nav.append({s.timeline: "timeline.md"})
    if "people/index.md" in pages:
        nav.append({s.people: "people/index.md"})
    nav.append({s.keywords: "keywords/index.md"})
    if volume is not None and volume.regions:
        from ..pages.render import region_title

        nav.append({s.volume_parts: [{region_title(r, lang): f"regions/{r.id}.md"}
                                     for r in volume.regions if f"regions/{r.id}.md" in pages]})
    return nav


def template_globals(env, lang: str, pages: dict[str, str], search: bool = True) -> None:
    """What theme_overrides/ templates read: `jinaq_t` (the table in the site's language),
    `jinaq_lang`, `jinaq_strings` (JSON for reader.js), `jinaq_roots` (the site's top-level
    names, from which 404.html finds the site's root under any sub-path) and `jinaq_search`
    (Jinaq's search replaces Material's: main.html's config block points at its worker)."""
    env.globals["jinaq_search"] = search
    # `tojson` (Material's page config among others) writes letters as they are, not as \uXXXX
    # escapes: a Kazakh or Russian string is a third the size; <, >, & and ' stay escaped.
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
    env.globals["jinaq_t"] = strings(lang)
    env.globals["jinaq_lang"] = lang
    env.globals["jinaq_strings"] = json.dumps(script_strings(lang), ensure_ascii=False,
                                              sort_keys=True)
    roots = {p.split("/")[0].removesuffix(".md") + ("" if "/" in p else ".html") for p in pages}
    roots |= {"assets", "search", "index.html", "404.html"}
    env.globals["jinaq_roots"] = json.dumps(sorted(roots))


def not_found_context(context: dict, template_name: str, config) -> dict:
    """404.html may be served at any depth. With a site_url, MkDocs writes its links from that
    address's path, which is right; without one it writes them from "/", which breaks under a
    sub-path: then its links are made relative, and the page's script (theme_overrides/404.html)
    sets <base> to the site's root."""
    if template_name == "404.html" and not config.site_url:
        context["base_url"] = ""
    return context


_WARNED: list[str] = []


def warn_readiness(volume: Optional[Volume], meta: Meta) -> None:
    """One line on the console when indexers would miss something (`jinaq check` details it);
    said again only when it changes (a preview rebuilds often). A plain warning of the `jinaq`
    logger: MkDocs' --strict does not count it."""
    if volume is None:
        return
    from ..publish.readiness import summary

    line = summary(volume, meta)
    if line and _WARNED[-1:] != [line]:
        log.warning(f"jinaq: {line}")
    _WARNED[:] = [line]


def add_markdown_extensions(config: Any) -> None:
    """Jinaq's own HTML blocks set aside without html.parser (pages/mdext.py: same output, a
    quarter less time), links' text found without a scan of their paragraph
    (pages/mdlinks.py: same output), and inline patterns tried only where their regex finds
    something (site/mdinline.py: same output). Last, after every extension that registers
    links or inline patterns."""
    for name in ("generator.pages.mdext", "generator.pages.mdlinks", "generator.site.mdinline"):
        if name not in config.markdown_extensions:
            config.markdown_extensions.append(name)


def prepare_environment(env: jinja2.Environment, bytecode: jinja2.BytecodeCache) -> None:
    """Templates are read once per build (MkDocs makes a new environment for each): checking
    every included template's file on each of thousands of pages is wasted time. Compiled
    templates are kept for the next preview build (MkDocs compiles them anew)."""
    env.auto_reload = False
    env.bytecode_cache = bytecode


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Jinja's compiled templates in memory (Jinja checks each against its source)."""

    def __init__(self) -> None:
        self._store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self._store:
            bucket.bytecode_from_string(self._store[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._store[bucket.key] = bucket.bytecode_to_string()


def disk_bytecode_cache(folder: Path) -> jinja2.BytecodeCache:
    """Compiled templates kept in `folder` for the next one-off build (Jinja checks each against
    its source and its Python); an in-memory cache when the folder cannot be made."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return MemoryBytecodeCache()
    return jinja2.FileSystemBytecodeCache(str(folder))


@contextlib.contextmanager
def pages_compiled_in(folder: Optional[Path]) -> Iterator[None]:
    """While a one-off build renders its pages: the page builders' templates (pages/env.py)
    compiled once into `folder` and read back by the next build (a fifth of a second of an
    edit build). The folder is named by the code stamp: compiled code also depends on the
    environment's options, which Jinja's cache does not check. No folder: as they are."""
    env = pages_environment()
    before = env.bytecode_cache
    if folder is not None:
        mine = folder / f"pages-{code_stamp()[:16]}"
        for old in folder.glob("pages-*"):
            if old != mine:
                shutil.rmtree(old, ignore_errors=True)
        env.bytecode_cache = disk_bytecode_cache(mine)
    try:
        yield
    finally:
        env.bytecode_cache = before  # (a folder that may be gone: not for later builds)


def theme_key(config: Any) -> str:
    """What every page's HTML depends on besides its Markdown: navigation, theme files, config.
    The same in every process (no memory address): a one-off build compares it with the last."""
    settings = {k: config.get(k) for k in (
        "nav", "site_url", "site_name", "site_description", "site_author", "copyright",
        "repo_url", "repo_name", "edit_uri", "extra", "extra_css", "extra_javascript",
        "extra_templates", "use_directory_urls")}
    settings["theme"] = {k: v for k, v in config.theme.items() if k != "custom_dir"}
    settings["toc"] = config.mdx_configs.get("toc")
    h = hashlib.sha256(stable_repr(settings).encode("utf-8", "surrogatepass"))
    custom = Path(config.theme.custom_dir) if config.theme.custom_dir else None
    if custom and custom.is_dir():
        for f in sorted(custom.rglob("*")):
            if f.is_file():
                st = f.stat()
                h.update(f"{f}:{st.st_mtime_ns}:{st.st_size}".encode())
    return h.hexdigest()


def flatten_nav(nav: list) -> list[str]:
    """The page paths a navigation names."""
    out: list[str] = []
    for item in nav:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        out.extend(flatten_nav(value) if isinstance(value, list) else [value])
    return out
