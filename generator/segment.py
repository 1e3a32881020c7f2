"""Stage 3, segment: the cleaned blocks of one source file -> one segment per article.

An article begins where its front matter begins: a UDC line, a title in capitals or an author
line with an affiliation, e-mail or abstract after it, a programme/supervisor block, or an
abstract heading once the previous article has reached its body. The previous article ends on the
line before. Editors can force a split or mark lines as not-an-article (corrections.yml).
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
    in_body = kinds[0] in ("text", "list")
    for i in range(1, len(blocks)):
        k = kinds[i]
        forced = any(blocks[i].line_start <= line <= blocks[i].line_end for line in split_at)
        if forced:
            starts.append(i)
            in_body = False
            continue
        if in_body and _is_start_cue(kinds, i):
            start = i
            while (start - 1 > starts[-1] and kinds[start - 1] in FRONT_MATTER
                   and kinds[start - 1] not in ("keywords", "abstract")):
                start -= 1
            starts.append(start)
            in_body = False
            continue
        if k in ("text", "list", "references"):
            in_body = True
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


def _is_start_cue(kinds: list[str], i: int) -> bool:
    k = kinds[i]
    ahead = set(kinds[i + 1: i + 1 + LOOKAHEAD])
    if k == "udc":
        return True
    if k == "abstract":
        return True
    if k == "title":
        return bool(ahead & {"author", "affiliation", "email", "udc", "abstract", "supervisor",
                             "programme"})
    if k == "author":
        return bool(ahead & {"affiliation", "email", "title", "abstract", "udc", "programme",
                             "supervisor"})
    if k in ("supervisor", "programme", "affiliation"):
        return bool(ahead & {"abstract", "keywords", "title"})
    return False
