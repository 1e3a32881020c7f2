"""Alphabetical index pages that stay small: items filed by first letter, split by size.

The glossary, keyword and author indexes of a big volume would each make one huge page. Here a
list of items becomes one page per letter (more when a letter's entries pass a byte budget), with
file names every index shares; the callers render the pages, this module only decides the split.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, Optional, TypeVar
from collections.abc import Callable, Iterable

import jinja2

from ..language.textutil import normalise_for_search

T = TypeVar("T")

# Bytes of Markdown per page: Material's frame adds ~15 KB of HTML and a Markdown list grows by
# a quarter on the way to HTML (<li><a href=…>), so 32 KB of source keeps a page under 60 KB.
PAGE_BUDGET = 32_000
# HTML bytes one heading adds to Material's table of contents (the sidebar repeats every h2).
TOC_ENTRY_BYTES = 250
# Bytes a Markdown list item "- [text](url) …" gains as <li><a href="…">…</a></li>.
LIST_ITEM_HTML_BYTES = 25

# Distinct ASCII file names for Cyrillic letters. Written out because transliteration (slugify,
# Kazakh Latin) gives ә and а, or і and и, the same name.
_CYRILLIC_SLUGS = {
    "А": "a", "Ә": "ae", "Б": "b", "В": "v", "Г": "g", "Ғ": "gh", "Д": "d", "Е": "e", "Ё": "yo",
    "Ж": "zh", "З": "z", "И": "i", "Й": "j", "К": "k", "Қ": "q", "Л": "l", "М": "m", "Н": "n",
    "Ң": "ng", "О": "o", "Ө": "oe", "П": "p", "Р": "r", "С": "s", "Т": "t", "У": "u", "Ұ": "uu",
    "Ү": "ue", "Ф": "f", "Х": "kh", "Һ": "h", "Ц": "ts", "Ч": "ch", "Ш": "sh", "Щ": "shch",
    "Ъ": "hard", "Ы": "y", "І": "ii", "Ь": "soft", "Э": "ee", "Ю": "yu", "Я": "ya",
}


def letter_slug(letter: str) -> str:
    """A file name for an index letter, distinct for every letter (Cyrillic а ≠ Latin a)."""
    if letter in _CYRILLIC_SLUGS:
        return _CYRILLIC_SLUGS[letter]
    if len(letter) == 1 and "A" <= letter <= "Z":
        return f"latin-{letter.lower()}"
    if len(letter) == 1 and letter.isalpha():
        return f"u{ord(letter):04x}"
    return "other"


def index_letter(text: Optional[str]) -> str:
    """The letter an index files `text` under: its first letter in upper case, Ё with Е
    (dictionaries do so; normalise_for_search folds it), "#" for a digit first or no letter."""
    for ch in normalise_for_search(text or ""):  # the form the sort keys read
        if ch.isalpha():
            return ch.upper()
        if ch.isdigit():
            return "#"
    return "#"


def chunk_by_size(items: list[T], size: Callable[[T], int], budget: int = PAGE_BUDGET,
                  max_items: Optional[int] = None) -> list[list[T]]:
    """Consecutive runs of `items` whose sizes add up to at most `budget` (and at most
    `max_items` each); an item bigger than the budget gets a run of its own. Never empty."""
    chunks: list[list[T]] = [[]]
    used = 0
    for item in items:
        n = size(item)
        full = max_items is not None and len(chunks[-1]) >= max_items
        if chunks[-1] and (used + n > budget or full):
            chunks.append([])
            used = 0
        chunks[-1].append(item)
        used += n
    return chunks


@dataclass
class LetterPage(Generic[T]):
    """One page of a letter: `path` is relative to the index's folder (`a.md`, `a-2.md`)."""

    letter: str
    slug: str
    part: int  # 1-based
    parts: int
    path: str
    items: list[T] = field(default_factory=list)


@dataclass
class Letter(Generic[T]):
    letter: str
    slug: str
    pages: list[LetterPage[T]]

    @property
    def count(self) -> int:
        return sum(len(p.items) for p in self.pages)

    @property
    def path(self) -> str:
        return self.pages[0].path


def letter_pages(items: Iterable[T], key: Callable[[T], str], size: Callable[[T], int],
                 budget: int = PAGE_BUDGET) -> list[Letter[T]]:
    """Sorted `items` filed by `key(item)` (a letter), each letter split into pages of at most
    `budget` bytes by `size(item)`. Letters keep the order of their first item."""
    groups: dict[str, list[T]] = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    out: list[Letter[T]] = []
    used: set[str] = set()
    for letter, group in groups.items():
        base = letter_slug(letter)
        s, n = base, 1
        while s in used:  # two unknown symbols filed apart would share "other"
            n += 1
            s = f"{base}{n}"
        used.add(s)
        chunks = chunk_by_size(group, size, budget)
        pages = [LetterPage(letter, s, i, len(chunks), f"{s}.md" if i == 1 else f"{s}-{i}.md",
                            chunk)
                 for i, chunk in enumerate(chunks, 1)]
        out.append(Letter(letter, s, pages))
    return out


def macro(template: jinja2.Template, name: str) -> Callable[..., str]:
    """A macro of a template (Jinja makes it an attribute of the template's module): the
    index pages measure an item by rendering it as the page will."""
    return getattr(template.module, name)


def utf8_len(text: str) -> int:
    return len(text.encode("utf-8"))


def fits_one_page(markdown: str, budget: int = PAGE_BUDGET) -> bool:
    """Whether a page of Markdown, its `## ` headings repeated in the sidebar, stays in budget."""
    headings = sum(1 for line in markdown.splitlines() if line.startswith("## "))
    return utf8_len(markdown) + TOC_ENTRY_BYTES * headings <= budget
