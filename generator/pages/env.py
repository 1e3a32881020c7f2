"""The one Jinja environment of every page builder (articles, indexes, glossary, timeline,
people, redirects, the preview's error page), with one autoescape policy and one filter per
kind of escape.

Autoescape policy, by template name: a template that writes HTML (`*.html.j2`, a whole
document) or raw HTML blocks inside its Markdown (`glossary*`, `timeline*`) has every value
escaped by Jinja; the other templates write Markdown, where volume text goes through `| md`.
Filters:
  md           volume text as Markdown text: HTML and Markdown specials escaped (mdtext.escape)
  md_specials  Markdown specials only, for the Markdown parts of an autoescaped template
               (its < > & are escaped by autoescape already)
  slug         the site's slugs
"""
from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Optional

import jinja2

from ..language.textutil import slug
from .mdtext import escape

TEMPLATES = Path(__file__).parent / "templates"

# Python-Markdown's backslash escapes (its ESCAPED_CHARS).
_MD_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!])")


def md_specials(text: Optional[str]) -> str:
    """Markdown specials in plain text backslash-escaped (nothing else)."""
    return _MD_SPECIALS.sub(r"\\\1", text or "")


def md(text: object) -> str:
    """Volume text for a Markdown template: HTML and Markdown specials escaped."""
    return "" if text is None else escape(str(text))


def _autoescape(name: Optional[str]) -> bool:
    return name is not None and (name.endswith(".html.j2")
                                 or name.startswith(("glossary", "timeline")))


@functools.cache  # compiled templates are kept between preview builds
def environment() -> jinja2.Environment:
    # auto_reload off: the templates are the package's own, read once per process (as the
    # theme's are, site/theme.py); on, every get_template looked at its file again, thousands
    # of times a build (one person section each).
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)),
                             autoescape=_autoescape, undefined=jinja2.StrictUndefined,
                             keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True,
                             auto_reload=False)
    env.filters["md"] = md
    env.filters["md_specials"] = md_specials
    env.filters["slug"] = slug
    return env
