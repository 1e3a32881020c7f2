"""Stage 3, segment: the cleaned blocks of one source file -> one segment per article.

An article begins where its front matter begins: a UDC line, a title in capitals or an author
line with an affiliation, e-mail or abstract after it, a programme/supervisor block, or an
abstract heading once the previous article has reached its body. "Reached its body" means body
prose (or the reference list) after the last abstract/keywords label, so a front-matter line the
classifier reads as text, or a second-language abstract, never splits an article. The previous
article ends on the line before. Editors can force a split or mark lines as not-an-article
(corrections.yml).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from .model import Block
from .patterns import FRONT_MATTER, classify

LOOKAHEAD = 4


@dataclass
class Segment:
    source: str
    blocks: list[Block]
    lines: list[int]  # [first, last] raw line
    starts_with_front_matter: bool
    cut_at_end: bool = False
    kinds: list[str] = field(default_factory=list)  # classify() of each block


def first_piece(b: Block) -> str:
    """The text of a block's first raw line."""
    end = b.offsets[1][0] if len(b.offsets) > 1 else len(b.text)
    return b.text[:end].strip()


def block_kind(b: Block) -> str:
    if b.kind != "para":
        return "list"
    # A label or a name starts a block's first line; other kinds must hold for the whole block.
    kind = classify(first_piece(b))
    if kind in ("udc", "classification", "supervisor", "keywords", "references", "abstract",
                "email", "author"):
        return kind
    return classify(b.text) if len(b.text) < 300 else "text"


def segment(source: str, blocks: list[Block], total_lines: int, last_line: Optional[int] = None,
            split_at: frozenset[int] = frozenset(),
            skip: tuple[tuple[int, int], ...] = ()) -> list[Segment]:
    """Split one file's blocks into article segments.

    `split_at`: raw lines where an editor says an article begins; `skip`: raw line ranges that
    are not articles (front pages, editorial notes).
    """
    blocks = [b for b in blocks if not any(a <= b.line_start <= z for a, z in skip)]
    if not blocks:
        return []
    kinds = [block_kind(b) for b in blocks]
    starts = [0]
    state = _State.opening(kinds[0], blocks[0])
    for i in range(1, len(blocks)):
        forced = any(blocks[i].line_start <= line <= blocks[i].line_end for line in split_at)
        if forced or _is_start_cue(kinds, i, state, blocks):
            start = i if forced else _backtrack(kinds, i, starts[-1])
            starts.append(start)
            state = _State()
            for j in range(start, i):
                state.see(kinds[j], blocks[j])
        state.see(kinds[i], blocks[i])
    segments = []
    for n, s in enumerate(starts):
        e = starts[n + 1] if n + 1 < len(starts) else len(blocks)
        seg_blocks = blocks[s:e]
        first = 1 if n == 0 and kinds[0] in ("text", "list") else seg_blocks[0].line_start
        last = (blocks[e].line_start - 1 if e < len(blocks)
                else (last_line or total_lines))
        segments.append(Segment(source, seg_blocks, [first, last],
                                starts_with_front_matter=kinds[s] in FRONT_MATTER,
                                kinds=kinds[s:e]))
    return segments


@dataclass
class _State:
    """What the current segment has shown so far, to tell a new article from more front matter."""

    seen: set[str] = field(default_factory=set)
    # Body prose after the last abstract/keywords: the article has reached its body.
    prose: bool = False
    references: bool = False

    @classmethod
    def opening(cls, kind: str, b: Block) -> "_State":
        state = cls()
        state.see(kind, b)
        return state

    def see(self, kind: str, b: Block) -> None:
        self.seen.add(kind)
        if kind in ("abstract", "keywords"):
            self.prose = False
        elif kind == "list" or kind == "text" and is_prose(b.text):
            self.prose = True
        elif kind == "references":
            self.references = True

    @property
    def in_body(self) -> bool:
        return self.prose or self.references


def is_prose(text: str) -> bool:
    """A paragraph of running text, not a short line of front matter read as text."""
    words = len(text.split())
    return len(text) >= 200 or words >= 8 and text.rstrip().endswith((".", "!", "?", "»", ")"))


def _backtrack(kinds: list[str], i: int, floor: int) -> int:
    """A new article begins at the front-matter blocks just before its cue."""
    start = i
    while (start - 1 > floor and kinds[start - 1] in FRONT_MATTER
           and kinds[start - 1] not in ("keywords", "abstract")):
        start -= 1
    return start


def _summaries_only(kinds: list[str], blocks: list[Block], i: int) -> bool:
    """From block i to the next UDC line (or the end): only titles, authors, abstracts and
    keywords, no body. After a reference list that is the article's summary in other languages
    (Kazakh journals print title, authors and abstract again in ru and en), not a new article."""
    previous = None
    for k, b in zip(kinds[i:], blocks[i:]):
        if k in ("udc", "classification"):
            break
        if k == "references" or k in ("text", "list") and previous != "abstract" and is_prose(b.text):
            return False
        previous = k
    return True


def _is_start_cue(kinds: list[str], i: int, state: _State, blocks: list[Block]) -> bool:
    k = kinds[i]
    ahead = set(kinds[i + 1: i + 1 + LOOKAHEAD])
    if k in ("udc", "classification"):
        # A second UDC, or one after the body or the labels: the next article's head.
        return state.in_body or bool(state.seen & {k, "abstract", "keywords", "references"})
    if not state.in_body:
        return False
    if k == "abstract":
        # After the reference list an abstract is the article's summary in another language.
        return not state.references
    if k in ("title", "author") and state.references and _summaries_only(kinds, blocks, i):
        return False
    if k == "title":
        return bool(ahead & {"author", "affiliation", "email", "udc", "abstract", "supervisor",
                             "programme"})
    if k == "author":
        return bool(ahead & {"affiliation", "email", "title", "abstract", "udc", "programme",
                             "supervisor"})
    if k in ("supervisor", "programme", "affiliation"):
        return bool(ahead & {"abstract", "keywords", "title"})
    return False
