"""Stage 3, segment: the cleaned blocks of one source file -> a partition into articles and named
regions (front matter, section headings, back matter, editor-excluded lines).

Every block ends in exactly one segment: nothing is dropped here. An article begins at its head,
found from the shape of the whole front block rather than one cue line: a title block (one to
several short lines, capitals or not, at a page top or after the previous article's end) above an
author block (`Фамилия И. О., должность, e-mail`, `Имя Фамилия, студент …`, initials-first,
several per line), or an author block above a title (authors-first journals), or a UDC/МРНТИ
line. A head opens a new article only once the current one has reached its body (prose or the
reference list after its last abstract/keywords label), and not when what follows up to the next
head is only summaries in other languages (Kazakh journals repeat title, authors and abstract in
ru/en after the references). Older single-line cues (a title in capitals or an author line with
its affiliation after the body) are kept for layouts without page breaks.

Before the first article, text with the marks of a title page, imprint, foreword or contents is
the volume's front matter; after the last reference list, an imprint is its back matter; a
section heading («Секция 2. …») above an article's head is a region of its own. Editors can force
a split or mark lines as no article (corrections.yml): those lines become a region too.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from ..model import Block
from ..util import parallel
from .patterns import (AFTER_REFERENCES, FRONT_MATTER, REFERENCES, author_names, cited_work,
                       classify, letters_lost, looks_like_reference, named_by_degree)

LOOKAHEAD = 4
HEAD_WINDOW = 8  # blocks a title may span above its author block
AUTHORISH = {"author", "email", "affiliation", "programme", "place", "supervisor"}


@dataclass
class Segment:
    source: str
    blocks: list[Block]
    lines: list[int]  # [first, last] raw line
    starts_with_front_matter: bool
    cut_at_end: bool = False
    kinds: list[str] = field(default_factory=list)  # classify() of each block
    # "article", or the kind of a named region: front_matter, section, back_matter, excluded
    kind: str = "article"
    title_blocks: int = 0  # an article printed without authors: its first blocks are the title


def first_piece(b: Block) -> str:
    """The text of a block's first raw line."""
    end = b.offsets[1][0] if len(b.offsets) > 1 else len(b.text)
    return b.text[:end].strip()


def block_kind(b: Block) -> str:
    if b.kind == "heading":
        return "heading"
    if b.kind != "para":
        return "list"
    # A label or a name starts a block's first line; other kinds must hold for the whole block.
    kind = classify(first_piece(b))
    if b.title_font and kind not in _LABELS:  # a PDF's layout sets it as a title (pdf.py)
        return "title"
    if kind in ("udc", "classification", "supervisor", "keywords", "references", "abstract",
                "email", "author", "section"):
        return kind
    if len(b.text) >= 300:
        return "text"
    return kind if len(b.offsets) == 1 else classify(b.text)  # (one line: asked already)


# All block_kind reads of a block: its kind, title font, number of lines, where its second line
# begins, its text.
KindKey = tuple[str, bool, int, int, str]


def block_kinds(blocks: list[Block], parts: int = 16,
                memo: Optional[dict[KindKey, str]] = None) -> list[str]:
    """block_kind of each block; a file as large as a whole volume on all cores, in parts of
    about 1/`parts` of its blocks (each block's kind is its own). `memo`: the kinds of the
    file's blocks last time (a preview keeps it); left holding this time's."""
    keys: list[KindKey] = [
        (b.kind, b.title_font, len(b.offsets), b.offsets[1][0] if len(b.offsets) > 1 else 0,
         b.text) for b in blocks] if memo is not None else []
    todo = [b for b, key in zip(blocks, keys) if key not in memo] if memo is not None else blocks
    step = max(1, -(-len(todo) // parts))
    chunks = [todo[i:i + step] for i in range(0, len(todo), step)]
    done = parallel.map_shared(lambda chunk: [block_kind(b) for b in chunk], chunks,
                               [sum(len(b.text) for b in chunk) for chunk in chunks])
    kinds = [kind for part in done for kind in part]
    if memo is None:
        return kinds
    found = iter(kinds)
    now = {key: memo[key] if key in memo else next(found) for key in keys}
    memo.clear()
    memo.update(now)
    return [now[key] for key in keys]


# Kinds a line's words decide, whatever its font.
_LABELS = {"heading", "section", "udc", "classification", "supervisor", "keywords", "references",
           "abstract", "email"}


def segment(source: str, blocks: list[Block], total_lines: int, last_line: Optional[int] = None,
            split_at: frozenset[int] = frozenset(),
            skip: tuple[tuple[int, int], ...] = (), single: bool = False,
            kinds_memo: Optional[dict[KindKey, str]] = None) -> list[Segment]:
    """Split one file's blocks into article and region segments, in order, covering every block.

    `split_at`: raw lines where an editor says an article begins; `skip`: raw line ranges that
    are not articles (they become `excluded` regions); `single`: the file is one article or front
    or back matter (a PDF of a folder of per-article PDFs), split only where a second head's
    title is set in the title's font. `kinds_memo`: as for block_kinds.
    """
    if not blocks:
        return []
    kinds = block_kinds(blocks, memo=kinds_memo)
    excluded = [any(a <= b.line_start <= z for a, z in skip) for b in blocks]
    heads = _find_heads(blocks, kinds)
    if 1 in heads and kinds[1] in ("udc", "classification"):
        _with_section_heading(kinds, blocks, 1, -1)  # a rubric above the first article's UDC
    back = _back_matter_start(blocks, kinds, heads)
    # The file opens before any article head: the first head is accepted even without body
    # prose before it (a title page or an imprint has none).
    leading = 0 not in heads and not _head_near_start(heads, kinds, blocks)
    untitled: dict[int, int] = {}  # start of an article printed without authors -> title blocks
    starts: list[tuple[int, str]] = [(0, "excluded" if excluded[0] else "article")]
    state = _State.opening(kinds[0], blocks[0])
    for i in range(1, len(blocks)):
        if i == back:
            starts.append((i, "back_matter"))
            break
        if excluded[i] != excluded[i - 1]:
            starts.append((i, "excluded" if excluded[i] else "article"))
            state = _State.opening(kinds[i], blocks[i])
            continue
        if excluded[i]:
            continue
        forced = any(blocks[i].line_start <= line <= blocks[i].line_end for line in split_at)
        start = None
        if forced:
            start = i
        elif single:
            if i in heads and blocks[i].title_font and _accept(heads[i], state, kinds, blocks,
                                                               heads):
                start = i
        elif i in heads and (_accept(heads[i], state, kinds, blocks, heads)
                             or leading and heads[i].strong and not state.seen & _ARTICLE_PARTS):
            # (the first head after a title page or imprint, which has no body of its own)
            start = i
        elif _is_start_cue(kinds, i, state, blocks, heads) and (
                kinds[i] in ("udc", "classification")
                or not any(h in heads for h in range(i + 1, i + 1 + LOOKAHEAD))):
            # (a whole head just below is where the article begins, not this single cue)
            start = _backtrack(kinds, blocks, i, starts[-1][0])
        elif _untitled_head(kinds, i, state, blocks):
            start = i
            untitled[i] = _untitled_title_blocks(kinds, blocks, i)
        if start is not None:
            start = _with_section_heading(kinds, blocks, start, starts[-1][0])
        if start is not None and start > starts[-1][0]:
            leading = False
            starts.append((start, "article"))
            state = _State()
            head = heads.get(start)
            # A head's own title and author blocks are front matter, never body prose.
            state.head_end = _head_end(kinds, head.authors) if head else start
            for j in range(start, i):
                state.see(kinds[j], blocks[j], in_head=j < state.head_end)
        state.see(kinds[i], blocks[i], in_head=i < state.head_end)
    segments = []
    for n, (s, kind) in enumerate(starts):
        e = starts[n + 1][0] if n + 1 < len(starts) else len(blocks)
        first = 1 if n == 0 and kinds[0] in ("text", "list") else blocks[s].line_start
        last = (blocks[e].line_start - 1 if e < len(blocks) else (last_line or total_lines))
        opens = (kinds[s] in FRONT_MATTER or s in heads
                 or n == 0 and (single or _head_near_start(heads, kinds, blocks)))
        segments.append(Segment(source, blocks[s:e], [first, last], starts_with_front_matter=opens,
                                kinds=kinds[s:e], kind=kind, title_blocks=untitled.get(s, 0)))
    segments = _leading_front_matter(segments)
    if single:
        segments = _matter_file(segments, heads)
    return _section_regions(segments, {id(blocks[h]) for h in heads})


@dataclass
class _State:
    """What the current segment has shown so far, to tell a new article from more front matter."""

    seen: set[str] = field(default_factory=set)
    # Body prose after the last abstract/keywords: the article has reached its body.
    prose: bool = False
    references: bool = False
    head_end: int = 0  # index of the first block after the current article's head

    @classmethod
    def opening(cls, kind: str, b: Block) -> _State:
        state = cls()
        state.see(kind, b)
        return state

    def see(self, kind: str, b: Block, in_head: bool = False) -> None:
        self.seen.add(kind)
        if in_head:
            return
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


@dataclass
class _Head:
    """Where an article's front block begins, and how sure the shape is."""

    start: int
    authors: int  # index of its first author block (or of its UDC line)
    strong: bool  # a UDC line, an e-mail or an abstract label in the head, or a page top


def title_like(b: Block, kind: str, last: bool = False) -> bool:
    """A block that may be (part of) a printed title: short, not a label, a name, a reference entry
    or a sentence; only the title line just above the authors may end with a full stop."""
    if b.kind != "para" or kind not in ("title", "text", "place", "affiliation"):
        return False
    if b.title_font:
        return True
    t = b.text.strip()
    if not t or len(t) > 350 or len(b.offsets) > 6 or "@" in t or looks_like_reference(t) \
            or cited_work(t) or AFTER_REFERENCES.match(t) or named_by_degree(t):
        return False
    if t.endswith((",", ";")) or t.endswith(":") and last or not re.search(r"[^\W\d_]", t):
        return False
    if t.endswith(".") and not last and not t.endswith(("..", "…")):
        return False
    return not (is_prose(t) and len(t.split()) > 25)


# A title never ends on a preposition or conjunction; a line cut from running text may.
_DANGLING = re.compile(r"\s(?:по|и|в|во|на|с|со|к|о|об|от|до|из|за|для|при|через|или|а|но|что|как"
                       r"|және|мен|пен|бен|of|the|and|or|in|on|for|to|with|by|a|an)$", re.I)


def _find_heads(blocks: list[Block], kinds: list[str]) -> dict[int, _Head]:
    """Article heads by the shape of their front block: title(s) above authors, or authors above
    a title; keyed by the index of the head's first block."""
    heads: dict[int, _Head] = {}
    n = len(blocks)
    i = 0
    last_authors_end = -9  # index after the latest author block of a head
    while i < n:
        if kinds[i] != "author" and not _full_names_below_title(blocks, kinds, i):
            i += 1
            continue
        j = i + 1
        while j < n and kinds[j] in AUTHORISH:
            j += 1
        if looks_like_reference(blocks[i].text) or not _follows_like_article(blocks, kinds, j):
            i = j  # a reference entry that begins with its authors, not an author block
            continue
        emails = any("@" in blocks[k].text for k in range(i, j))
        labels = any(k in ("abstract", "keywords") for k in kinds[j:j + 3])
        # Title blocks above the authors, up to a page top, a UDC line or something not a title.
        k, top = i - 1, i
        caps = None  # whether the title block nearest the authors is printed in capitals
        while k >= 0 and i - k <= HEAD_WINDOW:
            if kinds[k] in ("udc", "classification"):
                if _doi_of_reference(blocks, k):
                    break
                top = k
            elif kinds[top] in ("udc", "classification"):
                break  # nothing above a head's UDC line belongs to the head but more such lines
            elif FOOTNOTE_MARK.match(blocks[k].text):
                pass  # a footnote mark set on its own line inside a title (`1`, `*`)
            elif not title_like(blocks[k], kinds[k], last=k == i - 1) or kinds[k] == "section":
                break
            elif caps and kinds[k] != "title" and not blocks[k].page_start:
                # A title in capitals goes on in capitals: a line in lower case above it is the
                # end of what came before (a caption, a signature), when no page break shows it
                # (a page's first line is the head's, whatever its case: see below).
                break
            else:
                if caps is None:
                    caps = kinds[k] == "title"
                top = k
            # A title seldom runs across a page break: the page top is where the head begins,
            # unless a UDC line or a title in capitals sits just above it.
            if blocks[k].page_start and not (k and kinds[k - 1] in ("udc", "classification",
                                                                    "title")):
                break
            k -= 1
        # A title begins with a capital, a digit or a quote, not with the tail of a reference
        # (`обращения:`, `(дата`).
        while top < i and kinds[top] not in ("udc", "classification") and \
                blocks[top].text.strip().lstrip("([").lstrip()[:1].islower():
            top += 1
        top = _lost_title_top(blocks, kinds, top)
        if top <= last_authors_end + 1 and last_authors_end <= i:
            # A stray line between two author blocks (`Екатерина`), not a title: one head.
            i = j
            continue
        titled = any(kinds[m] not in ("udc", "classification") for m in range(top, i))
        udc = any(kinds[m] in ("udc", "classification") for m in range(top, i))
        if titled or udc:
            if j < n and kinds[j] not in AUTHORISH:
                heads.setdefault(top, _Head(top, i, strong=udc or emails or labels
                                            or blocks[top].page_start))
                last_authors_end = j
        elif j < n and (j > i + 1 or kinds[j] == "title") and _title_below(blocks, kinds, j):
            # (authors first: names with their affiliation or e-mail, or a title in capitals)
            heads.setdefault(i, _Head(i, i, strong=emails or blocks[i].page_start))
            last_authors_end = j
        i = j
    return heads


def _doi_of_reference(blocks: list[Block], k: int) -> bool:
    """A DOI line right below a reference entry: the entry's end, not the next head's."""
    return (blocks[k].text.lstrip()[:3].upper() == "DOI" and k > 0
            and looks_like_reference(blocks[k - 1].text))


def _lost_title_top(blocks: list[Block], kinds: list[str], top: int) -> int:
    """A title whose letters extraction lost (`Р`, `“Т`, `”`: single letters and punctuation)
    just above `top` (the author block, or the title lines found above it): the head begins
    there, when a page top or the end of what came before (a reference entry, a sentence, a
    link) shows where it starts. Else top."""
    k = top - 1
    while k >= 0 and top - k <= HEAD_WINDOW and (
            FOOTNOTE_MARK.match(blocks[k].text) or letters_lost(blocks[k].text)):
        if blocks[k].page_start:
            return k
        k -= 1
    if not any(letters_lost(blocks[m].text) and re.search(r"[^\W\d_]", blocks[m].text)
               for m in range(k + 1, top)):
        return top  # (footnote marks alone are no title)
    if k < 0 or kinds[k] in ("list", "references") or _closes(blocks[k].text):
        return k + 1
    return top


def _closes(text: str) -> bool:
    """A block that ends what it belongs to: a sentence, a reference entry, a link."""
    t = text.rstrip()
    return (t.endswith((".", "!", "?", "…", ")", "]", "»", "\"", "”")) or t[-1:].isdigit()
            or looks_like_reference(t) or cited_work(t))


def _head_near_start(heads: dict[int, _Head], kinds: list[str], blocks: list[Block]) -> bool:
    """The first head comes after a few short lines only (a DOI, a journal line): the file begins
    with an article's front matter, not in the middle of one."""
    first = min(heads, default=None)
    return first is not None and first <= 3 and not any(
        k in ("references", "list") or k == "text" and is_prose(b.text)
        for k, b in zip(kinds[:first], blocks[:first]))


def _full_names_below_title(blocks: list[Block], kinds: list[str], i: int) -> bool:
    """`Dana Seitova, John Miller`, `Айгерім Бекова` right below a title in capitals, or below
    any title line and above an affiliation or e-mail: authors, though full names alone are no
    author line elsewhere."""
    if not (i > 0 and kinds[i] == "text" and len(blocks[i].text) < 200):
        return False
    above = kinds[i - 1] == "title" or title_like(blocks[i - 1], kinds[i - 1], last=True)
    below = i + 1 < len(blocks) and kinds[i + 1] in ("affiliation", "email", "programme", "place")
    return (above and (kinds[i - 1] == "title" or below)
            and author_names(first_piece(blocks[i]), allow_full=True) is not None)


def _follows_like_article(blocks: list[Block], kinds: list[str], j: int) -> bool:
    """Below an author block: an abstract label, keywords, a heading, a title or body prose, not
    the rest of a reference entry."""
    for k in range(j, min(j + 4, len(blocks))):
        if kinds[k] in ("abstract", "keywords", "heading", "title", "udc", "section"):
            return True
        t = blocks[k].text
        if kinds[k] in ("supervisor", "programme", "affiliation", "place", "email") or \
                FOOTNOTE_MARK.match(t) or "@" in t and len(t) < 80:
            continue  # (`v.kostin@.spbu.ru`: an address misprinted is still the author's)
        return kinds[k] in ("text", "list") and not looks_like_reference(t) and (
            is_prose(t) or title_like(blocks[k], kinds[k], last=True))
    return j >= len(blocks)


_ARTICLE_PARTS = {"abstract", "keywords", "references"}
FOOTNOTE_MARK = re.compile(r"^\s*[\d*†‡¹²³⁴⁵⁶⁷⁸⁹⁰]{1,2}\s*$")


def _head_end(kinds: list[str], authors: int) -> int:
    """The index after a head's author block (and the UDC lines it may start with)."""
    j = authors
    while j < len(kinds) and (kinds[j] in AUTHORISH or kinds[j] in ("udc", "classification")):
        j += 1
    return j


def _title_below(blocks: list[Block], kinds: list[str], j: int) -> bool:
    """Authors-first layout: a title right below the author block, then an abstract or the body
    (not another author block: then the authors above belong to something else)."""
    k = j
    while k < len(blocks) and k - j < 4 and title_like(blocks[k], kinds[k], last=True):
        k += 1
    if k == j or k >= len(blocks) or _DANGLING.search(blocks[k - 1].text.strip()):
        return False  # (`… выполнены расчёты по`: a line cut from running text, not a title)
    return kinds[k] in ("abstract", "keywords", "heading") or kinds[k] == "text" and is_prose(
        blocks[k].text)


def _accept(head: _Head, state: _State, kinds: list[str], blocks: list[Block],
            heads: dict[int, _Head]) -> bool:
    """A head opens a new article once the current one has reached its body; a weak head (no
    UDC, e-mail, label or page top) only after a reference list; summaries never."""
    if not state.in_body:
        return False
    if not head.strong and not state.references:
        return False
    if state.references and _summaries_only(kinds, blocks, head.start, heads,
                                            after=_head_end(kinds, head.authors)):
        return False
    return True


def _untitled_head(kinds: list[str], i: int, state: _State, blocks: list[Block]) -> bool:
    """After a reference list, a title at a page top followed by body prose: an article printed
    without authors (the title is all its head). Where page breaks were lost, a title right
    below the list's last entry that reads as no part of one (three words or more, no digit,
    no names, no full stop) and prose that reads as no entry below it."""
    if not (state.references and title_like(blocks[i], kinds[i], True)
            and blocks[i].text[:1].isupper()):
        return False
    k = i + 1
    while k < len(blocks) and k - i < 3 and title_like(blocks[k], kinds[k], last=True):
        k += 1
    if not (k < len(blocks) and kinds[k] == "text" and is_prose(blocks[k].text)
            and not _APPENDIX.match(blocks[i].text) and not _DANGLING.search(blocks[k - 1].text)):
        return False
    if blocks[i].page_start:
        return True
    title = " ".join(b.text for b in blocks[i:k])
    return (k - i <= 2 and i > 0 and looks_like_reference(blocks[i - 1].text)
            and len(title.split()) >= 3 and not _DIGIT_OR_INITIALS.search(title)
            and not title.rstrip().endswith((".", ",")) and author_names(title) is None
            and not looks_like_reference(blocks[k].text))


# A digit (a year, pages) or initials (`J. K.`): the marks of a reference entry's lines.
_DIGIT_OR_INITIALS = re.compile(r"\d|(?<![^\W\d_])[^\W\d_]\.\s?[^\W\d_]\.")


def _untitled_title_blocks(kinds: list[str], blocks: list[Block], i: int) -> int:
    """How many blocks from i are the title of an article printed without authors."""
    k = i + 1
    while k < len(blocks) and k - i < 3 and title_like(blocks[k], kinds[k], last=True):
        k += 1
    return k - i


_APPENDIX = re.compile(r"^\s*(?:Приложение|Appendix|Қосымша|Таблица|Table|Кесте|Рис)", re.I)


def _backtrack(kinds: list[str], blocks: list[Block], i: int, floor: int) -> int:
    """A new article begins at the front-matter blocks just before its cue."""
    start = i
    while (start - 1 > floor and kinds[start - 1] in FRONT_MATTER
           and kinds[start - 1] not in ("keywords", "abstract")
           and not _doi_of_reference(blocks, start - 1)):
        start -= 1
    return start


def _summaries_only(kinds: list[str], blocks: list[Block], i: int,
                    heads: Optional[dict[int, _Head]] = None, after: int = 0) -> bool:
    """From block i to the next UDC line, head or the end: only titles, authors, abstracts and
    keywords, no body. After a reference list that is the article's summary in other languages
    (Kazakh journals print title, authors and abstract again in ru and en), not a new article."""
    previous = None
    for m in range(i, len(blocks)):
        k, b = kinds[m], blocks[m]
        if m > max(i, after - 1) and (k in ("udc", "classification") or heads and m in heads):
            break
        if k == "references" or k in ("text", "list") and previous != "abstract" and is_prose(b.text):
            return False
        previous = k
    return True


def _is_start_cue(kinds: list[str], i: int, state: _State, blocks: list[Block],
                  heads: Optional[dict[int, _Head]] = None) -> bool:
    k = kinds[i]
    ahead = set(kinds[i + 1: i + 1 + LOOKAHEAD])
    if k in ("udc", "classification"):
        if blocks[i].text.lstrip()[:3].upper() == "DOI":  # a DOI ends reference entries too
            return False
        if kinds[i - 1] in ("udc", "classification"):  # МРНТИ, DOI and УДК lines in a row
            return False
        # A second UDC, or one after the body or the labels: the next article's head.
        return state.in_body or bool(state.seen & {k, "abstract", "keywords", "references"})
    if not state.in_body:
        return False
    if state.references and (looks_like_reference(blocks[i].text)
                             or k == "author" and not _follows_like_article(blocks, kinds, i + 1)):
        return False  # a reference entry that begins with its authors
    if k == "abstract":
        # After the reference list an abstract is the article's summary in another language.
        return not state.references
    if state.references and _summaries_only(kinds, blocks, i, heads):
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


# Regions: what is no article.
_FRONT_CUES = re.compile(
    r"\bISSN\b|\bISBN\b|©|\bББК\b|\bBBK\b|Печатается по|Рекомендовано|Редакционная коллегия"
    r"|Редакциялық алқа|Редакция алқасы|Editorial board|Ответственный редактор|Жауапты редактор"
    r"|^\s*(?:Содержание|Оглавление|Мазмұны|Contents|Table of contents)\s*$"
    r"|Уважаемые (?:читатели|коллеги|участники)|Дорогие (?:читатели|коллеги|друзья)"
    r"|Құрметті|Dear (?:readers|colleagues)|Предисловие|Алғы сөз|Foreword|Preface"
    r"|Материалы .{0,40}конференци|конференциясының материалдары|Proceedings of|Сборник (?:статей|трудов|материалов)"
    r"|Жинақ|[.…]{5,}\s*\d+\s*$", re.I | re.M)
_BACK_CUES = re.compile(
    r"Подписано в печать|Басуға қол қойылды|Тираж|Таралымы|Формат \d+\s*[×x]\s*\d+|Пішімі"
    r"|Усл\.\s*печ|Шартты баспа|Отпечатано|Басылды|Научное издание|Ғылыми басылым"
    r"|Компьютерная верстка|Компьютерлік беттеу|Signed (?:for|to) print|Printed in"
    r"|^\s*(?:Содержание|Оглавление|Мазмұны|Contents|Table of contents|Author index"
    r"|Index of authors|Указатель авторов|Авторский указатель|Именной указатель"
    r"|Авторлар көрсеткіші)\s*$", re.I | re.M)
_SECTION = re.compile(r"^\s*(?:Секция|Section|Бөлім|Секциясы|Session|Направление|Подсекция)\b", re.I)


def _leading_front_matter(segments: list[Segment]) -> list[Segment]:
    """Text before the first article head is the volume's front matter when it shows a title
    page, imprint, foreword or contents; otherwise it is an article cut by the start."""
    first = segments[0]
    if first.kind != "article" or first.starts_with_front_matter and len(segments) == 1:
        return segments
    text = "\n".join(b.text for b in first.blocks)
    refs = any(REFERENCES.match(b.text) for b in first.blocks)
    if _FRONT_CUES.search(text) and not refs:
        first.kind = "front_matter"
    return segments


def _matter_file(segments: list[Segment], heads: dict) -> list[Segment]:
    """A file that is one part of the volume and holds no article head (a title page, a table of
    contents, an imprint) is its front or back matter."""
    if len(segments) != 1 or segments[0].kind != "article" or heads:
        return segments
    seg = segments[0]
    if any(k in _ARTICLE_PARTS for k in seg.kinds):
        return segments
    text = "\n".join(b.text for b in seg.blocks)
    front, back = len(_FRONT_CUES.findall(text)), len(_BACK_CUES.findall(text))
    if front or back:  # an imprint at the end, a title page at the start: by their marks
        seg.kind = "back_matter" if back > front else "front_matter"
    return segments


def _with_section_heading(kinds: list[str], blocks: list[Block], start: int, floor: int) -> int:
    """A section heading (and a short line under it, such as its chair) just above an article's
    head moves the start up, so it becomes a region of its own rather than the end of the
    previous article. A short line in capitals right above a head's UDC line is a journal's
    rubric (`ИНФОРМАЦИОННЫЕ ТЕХНОЛОГИИ`): a section heading too, since a title never precedes
    the UDC."""
    if (kinds[start] in ("udc", "classification") and start - 1 > floor
            and kinds[start - 1] == "title" and len(blocks[start - 1].text.split()) <= 8
            and not blocks[start - 1].text.rstrip().endswith(".")):
        kinds[start - 1] = "section"
    for k in range(start - 1, max(floor, start - 4), -1):
        if kinds[k] == "section":
            if all(len(blocks[m].text) < 150 and not looks_like_reference(blocks[m].text)
                   and kinds[m] not in ("list", "references") for m in range(k + 1, start)):
                return k
            break
    return start


def _section_regions(segments: list[Segment], head_starts: frozenset[int] | set[int] = frozenset()
                     ) -> list[Segment]:
    """A section heading («Секция 2. Информационные системы») at the top of an article's head is a
    region of its own: the article begins after it."""
    out: list[Segment] = []
    for seg in segments:
        if seg.kind == "article" and len(seg.blocks) > 1 and seg.kinds[0] == "section":
            n = 1
            # The heading and what is printed under it before the article's first page.
            # (up to the page break, or to the article's head where none is left to show it)
            while (n < len(seg.blocks) - 1 and not seg.blocks[n].page_start
                   and id(seg.blocks[n]) not in head_starts
                   and (seg.kinds[n] == "section" or len(seg.blocks[n].text) < 150
                        and seg.kinds[n] in ("text", "place"))):
                n += 1
            head = Segment(seg.source, seg.blocks[:n],
                           [seg.lines[0], seg.blocks[n].line_start - 1], False,
                           kinds=seg.kinds[:n], kind="section")
            # The article after a section heading was opened by its head.
            rest = Segment(seg.source, seg.blocks[n:], [seg.blocks[n].line_start, seg.lines[1]],
                           True, kinds=seg.kinds[n:])
            out += [head, rest]
        else:
            out.append(seg)
    return out


def _back_matter_start(blocks: list[Block], kinds: list[str],
                       heads: dict[int, _Head]) -> Optional[int]:
    """After the last reference list of the file, an imprint (print run, format, printer) or a
    table of contents begins the volume's back matter: at the top of its page, or right after the
    last reference entry. None when there is none (or an article head follows it)."""
    refs = [n for n, k in enumerate(kinds) if k == "references"]
    if not refs:
        return None
    cue = next((n for n in range(refs[-1] + 1, len(blocks)) if _BACK_CUES.search(blocks[n].text)),
               None)
    if cue is None or any(h > cue for h in heads):
        return None
    start = cue
    while (start - 1 > refs[-1] and not looks_like_reference(blocks[start - 1].text)
           and kinds[start - 1] != "list" and not blocks[start].page_start):
        start -= 1
    return start
