"""The `jinaq/search` MkDocs plugin: Jinaq's search, listed in mkdocs.yml in place of `search`.

    plugins:
      - jinaq
      - jinaq/search        # options: Material's search options (lang, separator, …)

It is Material's search plugin with what Jinaq replaces left out: no page is indexed for lunr
and no lunr index is written, because the `jinaq` plugin writes its own index from the volume
(site/outputs.py, publish/search.py) with an empty stand-in for Material's. Material's header
shows its search box only for its own plugin's name, so this plugin gives the theme a header
that shows it for `jinaq/search` (compat.header_with_search_box). Where Material is not a tested
version, Jinaq's index is not written and this plugin is Material's search, unchanged.
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Optional

import jinja2
from material.plugins.search.plugin import SearchPlugin

from . import compat

log = logging.getLogger("mkdocs.plugins.jinaq")

NAME = "jinaq/search"
MATERIAL = "material/search"


def replaces_material(config: Any) -> bool:
    """Whether the site's search is Jinaq's: the `jinaq` plugin enabled with its `search` option
    on, a search plugin (this one or Material's) listed and enabled, and Material a tested
    version."""
    jinaq = config.plugins.get("jinaq")
    wanted = jinaq is not None and jinaq.config.enabled and jinaq.config.search
    listed = [config.plugins[name] for name in (NAME, MATERIAL) if name in config.plugins]
    return compat.jinaq_search(wanted and any(p.config.enabled for p in listed))


def index_config(config: Any) -> Optional[dict]:
    """What the stand-in for Material's lunr index holds as its config: the listed search
    plugin's, as Material would write it (None: Jinaq's default)."""
    for name in (NAME, MATERIAL):
        if name in config.plugins:
            return compat.search_plugin_index_config(config.plugins[name])
    return None


class JinaqSearchPlugin(SearchPlugin):
    def on_config(self, config: Any) -> Any:
        super().on_config(config)
        self._replaces = replaces_material(config)
        if MATERIAL in config.plugins and self.config.enabled:
            log.warning("mkdocs.yml lists both `search` and `jinaq/search`: remove `search` "
                        "(Material's search indexes every page for an index Jinaq replaces)")
        return config

    def on_env(self, env: Any, /, *, config: Any, files: Any) -> Any:
        if not self.config.enabled:
            return env
        header = compat.header_with_search_box(env, NAME)
        if header is None:
            log.warning("the theme's header is not Material's (or not the shape Jinaq knows): "
                        "it shows no search box for `jinaq/search`")
        else:
            env.loader = jinja2.ChoiceLoader(
                [jinja2.DictLoader({compat.HEADER: header}), env.loader])
        return env

    def on_page_context(self, context: Any, /, *, page: Any, config: Any, nav: Any) -> Any:
        if self.config.enabled and not self._replaces:
            return super().on_page_context(context, page=page, config=config, nav=nav)
        return context

    def on_post_build(self, *, config: Any) -> None:
        if not self.config.enabled:
            return
        if not self._replaces:
            super().on_post_build(config=config)
            return
        # The stand-in for Material's index, which its UI loads on every page: there at once
        # (a preview writes Jinaq's index, with its own stand-in, in the background).
        out = Path(config.site_dir) / "search"
        if not (out / "search_index.json").is_file():
            compat.write_material_search_stub(out, config=index_config(config))
