"""Theme partials rendered once per folder instead of once per page.

Most of a volume's pages (articles, people, timeline years) sit outside the navigation. For them,
the theme's navigation, footer, search box and back-to-top button and Jinaq's search
configuration come out the same on every page of one folder: links are relative to the folder,
labels are the site's language (i18n.py), and no navigation item is active. The plugin's
template loader (`loader`) puts a wrapper in front of each such partial; the wrapper renders the
partial for the first page of a folder and reuses its HTML for the others. The partial itself is
still the theme's (or the custom_dir's) own, reached as `theme/<name>`: nothing of the theme is
copied.
"""
from __future__ import annotations

import posixpath
from typing import Optional
from collections.abc import Callable

import jinja2
from markupsafe import Markup

from . import compat

# Shared partials: template name -> whether it shows the active navigation item (then it is
# shared only among the pages outside the navigation).
SHARED = {
    "partials/nav.html": True,
    "partials/footer.html": True,  # previous/next page: only pages in the navigation have them
    "partials/search.html": False,
    "partials/top.html": False,
    "partials/jinaq-search-config.html": False,
}
_WRAPPER = '{%% call jinaq_fragment("%s", page) %%}{%% include "theme/%s" %%}{%% endcall %%}'


class Fragments:
    """The `jinaq_fragment` template global, holding one build's shared HTML."""

    def __init__(self) -> None:
        self.kept: dict[tuple, Markup] = {}
        self.in_nav: frozenset[str] = frozenset()
        self.rendered = 0  # partials actually rendered in this build

    def reset(self, in_nav: frozenset[str]) -> Fragments:
        """Start a build; `in_nav`: src_uri of the pages in its navigation."""
        self.kept.clear()
        self.in_nav = in_nav
        self.rendered = 0
        return self

    def __call__(self, name: str, page, caller: Callable[[], str]) -> Markup:
        key = self._key(name, page)
        if key is not None and key in self.kept:
            return self.kept[key]
        self.rendered += 1
        html = Markup(caller())
        if key is not None:
            self.kept[key] = html
        return html

    def _key(self, name: str, page) -> Optional[tuple]:
        if getattr(page, "file", None) is None or page.url is None:
            return None  # no page (404.html): rendered as it is
        if SHARED.get(name) and page.file.src_uri in self.in_nav:
            return None
        # page.url's folder decides every relative link (labels are the site's language on every
        # page); `hide` in a page's front matter may hide a part.
        meta = page.meta or {}
        return name, posixpath.dirname(page.url), repr(meta.get("hide"))


def loader(theme_loader: jinja2.BaseLoader) -> jinja2.BaseLoader:
    """The theme's loader with a sharing wrapper in front of each partial in SHARED."""
    wrappers = {name: _WRAPPER % (name, name) for name in compat.shared_partials(SHARED)}
    return jinja2.ChoiceLoader([jinja2.DictLoader(wrappers),
                                jinja2.PrefixLoader({"theme": theme_loader}), theme_loader])
