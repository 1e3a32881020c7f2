"""What the build caches know an article by: its fingerprint, a hash of everything the stages
after extraction read of it (enrich, the article's page). A concern of the caches
(pipeline.BuildCache), kept out of the data model."""
from __future__ import annotations

import hashlib
from typing import Any, Optional

from .model import Article, Block


def content_digest(blocks: list[Block], body: str) -> str:
    """A hash of an article's body blocks (with the raw lines they map to) and of its body."""
    h = hashlib.sha256()
    for b in blocks:
        h.update(f"{b.kind}|{b.line_start}|{b.line_end}|{b.number}|".encode())
        h.update(repr(b.offsets).encode())
        h.update(b.text.encode("utf-8", "surrogatepass"))
    h.update(b"\0")
    h.update(body.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


class Fingerprints:
    """One build's article fingerprints.

    The costly part, the digest of an article's blocks and body, is made once, where the
    article is extracted (`note`). It is known again by the identity of the article's blocks
    list and body string: the copies later stages change share them, and no stage changes them
    in place (a correction that merges two articles makes new ones, and their digest is made
    here). A hash of the text would cost what it saves."""

    def __init__(self, last: Optional[Fingerprints] = None) -> None:
        # id(blocks) -> (blocks, body, digest); the entry keeps its list alive, so no other
        # list takes its id while it is here
        self._content: dict[int, tuple[list[Block], str, str]] = {}
        # Fingerprints by the fields they hash (several stages ask of each article)
        self._made: dict[tuple[Any, ...], str] = {}
        # The `last` build's: an article an edit left alone is not hashed again (a preview's
        # rebuild asked it of every article, a tenth of a second at 2,000 articles)
        self._last = last._made if last is not None else {}

    def note(self, a: Article, digest: str) -> None:
        """`digest` is content_digest(a.blocks, a.body), made where the article was."""
        self._content[id(a.blocks)] = (a.blocks, a.body, digest)

    def content(self, a: Article) -> str:
        """content_digest of the article's blocks and body."""
        got = self._content.get(id(a.blocks))
        if got is not None and got[0] is a.blocks and got[1] is a.body:
            return got[2]
        digest = content_digest(a.blocks, a.body)
        self.note(a, digest)
        return digest

    def __call__(self, a: Article) -> str:
        """A hash of everything the enrich stage reads of the article: unchanged articles
        reuse its results."""
        state = (self.content(a), a.id, a.language, a.title, a.abstract,
                 tuple(sorted(a.abstracts.items())), tuple(a.keywords),
                 tuple((k, tuple(v)) for k, v in sorted(a.keywords_by_language.items())))
        made = self._made.get(state)
        if made is None:
            made = self._last.get(state)
            if made is None:
                made = hashlib.sha256(repr(state).encode("utf-8", "surrogatepass")).hexdigest()
            self._made[state] = made
        return made
