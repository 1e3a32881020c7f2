"""What the pages stage keeps between builds, so a rebuild renders only the pages whose view
changed: a part of the build cache (pipeline.BuildCache), as enrich/stage.EnrichMemo is."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Optional

from ..util.memo import Memo, view_key


class RenderMemo(Memo[bytes, str]):
    """Pages of one kind by a digest of their template context: `render` renders again only a
    page whose context changed; `done` at a build's end keeps only that build's pages."""

    __slots__ = ()

    def render(self, template: Any, key: Optional[str] = None, **context: Any) -> str:
        """`template` rendered with `context`; `key` stands for a context that is not plain
        data (objects): it must change whenever the page would."""
        # (view_key: a dataclass by its fields, in C; its repr, field by field in Python, took
        # most of the time of thousands of person sections whose page had not changed)
        key = view_key(sorted(context.items())) if key is None else key
        # (a digest: the contexts are as big as the pages)
        digest = hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=16).digest()
        text = self.get(digest)
        return self.keep(digest, template.render(**context)) if text is None else text


@dataclass
class PageMemo:
    """Each kind of page by the hash of what it shows."""

    # Article pages, by a hash of their view (render._article_page_key).
    articles: Memo[str, str] = field(default_factory=Memo)
    # This build's hash of each article page's view, by article id: what the site's page keys
    # know an article's model by (its <head> tags are made from it) without hashing it again.
    article_keys: dict[str, str] = field(default_factory=dict)
    # Home, language and keyword pages, with the hash of what they list (render.IndexView).
    index: Optional[tuple[str, dict[str, str]]] = None
    # Each year's timeline pages, by a digest of what they show (timeline_page._year_key).
    years: Memo[str, dict[str, str]] = field(default_factory=Memo)
    # Language and keyword lists, person sections and people's letter pages.
    lists: RenderMemo = field(default_factory=RenderMemo)
    people_sections: RenderMemo = field(default_factory=RenderMemo)
    people_letters: RenderMemo = field(default_factory=RenderMemo)
    # Glossary, timeline and people pages, each kind by a hash of what it shows ("glossary",
    # "timeline", "people" -> (hash, pages, where each glossary entry is on them)).
    wide: dict[str, tuple[str, dict[str, str], dict[str, dict[str, str]]]] = \
        field(default_factory=dict)
