"""Stage 2, clean: raw lines of one source file -> paragraphs, list items and headings (Blocks).

Cleaning runs these steps in this order (`clean()`; comments name them in the code); each counts
what it changed under a rule name, so `jinaq check` can report it:

  detect-layout      spaced (an empty line after every text line) or compact (pdftotext); a PDF's
                     text is compact (its reader found the paragraph breaks)
  page-furniture     running heads and page numbers removed (a PDF's by their place on the page;
                     else at form feeds, at the spaced layout's page seams, or, with neither, by
                     page numbers that count up over the text), each line recorded with its
                     rule, printed pages kept                                   (page-furniture)
  fix-characters     Latin look-alikes inside Cyrillic words (fix-lookalikes), old Kazakh-font
                     letters ѓ њ ќ ї ў (old-kazakh-font), cp1251 text read as cp1252, `Ñæàòèå` ->
                     `Сжатие` (fix-mojibake), `No 157` -> `№ 157` (numero-sign), soft hyphens
  unwrap             wrapped lines and pages that break mid-sentence joined into paragraphs
                     (unwrap-lines); line-end hyphens undone (join-hyphenation) unless the
                     volume's own vocabulary shows a compound (keep-compound-hyphen);
                     private-use bullets -> bullet items, numbered items keep their numbers (lists)
"""
from __future__ import annotations

import bisect
import itertools
import operator
import re
import unicodedata
import zlib
from collections import Counter
from dataclasses import dataclass, field, fields
from typing import Any, Optional

from ..model import Block, SourceText
from ..util import parallel
from .patterns import (AFFILIATION, ANY_LABEL, KEYWORDS, OBFUSCATED_EMAIL, SECTION_HEADING, author_names,
                       cited_work, count_lower, lead_names, letters_lost, looks_like_reference,
                       names_institution)
from ..language.textutil import (CYRILLIC, MAY_BE_MOJIBAKE, MAY_MIX, fix_lookalikes, fix_mojibake,
                                 fix_old_kazakh_font, has_old_kazakh_font)

BULLET = re.compile(r"^\s*([\ue000-\uf8ff\u2022\u25cf\u25aa\u25a0\u25e6\u27a2\u2043\u00b7\u25ba\u2713])\s*")
NUMBERED = re.compile(r"^\s*(\d{1,2}[.)])\s+(?=\S)")
_NUMERO = re.compile(r"(?<![A-Za-z])No\.?\s?(?=\d)")
_PAGE_NUMBER = re.compile(r"^\s*(?:[-–—]\s*)?(\d{1,4})(?:\s*[-–—])?\s*$")
_TERMINAL = tuple(".!?:;…»\"”)")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)
_LINE_END_HYPHEN = re.compile(r"([^\W\d_])-$")
# A number range broken at a line end after its dash or hyphen (`С. 12-` | `19`).
_BROKEN_RANGE = re.compile(r"\d[-–—]\d")
# A header line set in two parts far apart (`ISSN 1563-0358        Вестник КазНУ`), or a journal's
# ISSN line: page furniture even when it shows on a single page (alternating headers).
_WIDE_GAP = re.compile(r"\S\s{5,}\S")
_ISSN = re.compile(r"\bISSN\s*\d{4}-?\d{3}[\dXx]\b")
_EMAIL = re.compile(r"\S+@\S+\.\w+")
_DIGITS = re.compile(r"\d+")


@dataclass(slots=True)  # ~200k per volume: slots make them cheaper to build and read
class Line:
    number: int
    text: str
    page_start: bool = False
    page: Optional[int] = None
    # The raw line ended a sentence and then 2+ spaces: how some PDF tools mark a paragraph end.
    hard_end: bool = False
    # PDF input: the share of its column's width the line fills (a short line may end a paragraph).
    fill: Optional[float] = None
    # The line ended in a soft hyphen (U+00AD): the word runs on into the next line, unbroken.
    soft_end: bool = False

    # Pickled as its constructor's arguments (as Block is): a large file's fixed lines come
    # back from the worker processes, and a slots dataclass pickles field by field in Python.
    def __reduce__(self) -> tuple[type[Line], tuple[Any, ...]]:
        return (Line, _LINE_FIELDS(self))


_LINE_FIELDS = operator.attrgetter(*(f.name for f in fields(Line)))


@dataclass
class CleanText:
    """One source file after cleaning: its blocks and what each rule changed."""

    source: str
    layout: str
    blocks: list[Block]
    total_lines: int
    changes: Counter = field(default_factory=Counter)
    has_pages: bool = False
    # Raw lines removed as page furniture, with the rule that removed each (`page-number`, …).
    removed: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class CleanMemo:
    """What a preview keeps of a file's last clean, so that an edit to a large file cleans
    again only what it touched."""

    # Joined runs of lines (unwrap), by what the joiner reads of the run's lines and of the
    # file (_run_key); taken again unless a word one of its hyphenation questions read of the
    # file's vocabulary came or went (when that is not known: unless an answer changed).
    runs: dict[_RunKey, _Joined] = field(default_factory=dict)
    # fix_characters of each line, by its text, for the file's old-font and soft-hyphen facts
    fixed: dict[str, _Fixed] = field(default_factory=dict)
    facts: tuple[bool, str] = (False, "")
    # The vocabulary, and the (fixed) texts of the lines it was counted from
    vocabulary: Optional[Vocabulary] = None
    texts: Counter = field(default_factory=Counter)


def clean(src: SourceText, memo: Optional[CleanMemo] = None) -> CleanText:
    """One source file's blocks. `memo`: the last clean's of this file (a preview keeps one),
    taken again where it still holds, and left holding this clean's."""
    changes: Counter = Counter()
    removed: list[tuple[int, str]] = []
    # (A PDF's empty lines are the paragraph breaks its reader found: never the spaced layout.)
    layout = "compact" if src.layout is not None else detect_layout(src.lines)
    lines = physical_lines(src, layout, changes, removed)
    has_pages = src.page_of_line is not None or any(ln.page is not None for ln in lines)
    old_font = has_old_kazakh_font("\n".join(src.lines))
    soft = _soft_hyphen_inside(src.lines)
    opens: Optional[set[int]] = None
    runs: Optional[dict[_RunKey, _Joined]] = None
    moved: Optional[set[str]] = None
    if memo is None:
        lines, vocab, opens = _fixed_and_counted(lines, changes, old_font, soft)
    else:
        # (the runs were joined with the vocabulary the memo holds: if this clean is cut short
        # after the vocabulary is counted again, none are kept)
        runs, memo.runs = memo.runs, {}
        lines = _fixed_again(lines, changes, old_font, soft, memo)
        vocab, moved = _vocabulary_again(lines, memo)
    blocks = unwrap(lines, src.name, vocab, changes, layout, runs, opens, moved)
    if memo is not None and runs is not None:
        memo.runs = runs
    if src.layout is not None:
        _carry_layout(blocks, src.layout)
    return CleanText(src.name, layout, blocks, len(src.lines), changes, has_pages, sorted(removed))


# detect-layout
def detect_layout(lines: list[str]) -> str:
    """`spaced` when nearly every text line is followed by an empty line, else `compact`."""
    # (counted by map() in C: 0.025 s for a 17 MB file, where a loop here took 0.05 s)
    has_text = list(map(bool, map(str.strip, lines)))
    text_lines = sum(has_text[:-1])
    if not text_lines:
        return "compact"
    followed_by_empty = sum(map(operator.gt, has_text, has_text[1:]))  # (text, then none)
    return "spaced" if followed_by_empty / text_lines > 0.8 else "compact"


# page-furniture
def physical_lines(src: SourceText, layout: str, changes: Counter,
                   removed: Optional[list[tuple[int, str]]] = None) -> list[Line]:
    """Lines that carry text, with page starts marked; blank lines kept as '' separators."""
    out: list[Line] = []
    pages: list[list[Line]] = [[]]
    blank_run = 0
    spaced = layout == "spaced"
    plain = src.layout is None and not src.page_of_line  # (a text file: no page facts per line)
    page_lines = pages[-1]
    for number, raw in enumerate(src.lines, start=1):
        if plain and "\f" not in raw and "\t" not in raw:
            # (the usual line, without the general path's steps: most lines of a volume)
            if raw and not raw.isspace():
                blank_run = 0
                page_lines.append(Line(number, raw, spaced and raw.startswith(" ")))
            else:
                blank_run += 1
                if _separates(spaced, raw, blank_run):
                    page_lines.append(Line(number, ""))
            continue
        page = src.page_of_line[number - 1] if src.page_of_line else None
        # A form feed opens a new page; text before it (rare) still belongs to the old page.
        parts = raw.split("\f") if "\f" in raw else (raw,)
        for n_part, part in enumerate(parts):
            new_page = n_part > 0
            if new_page and pages[-1]:
                pages.append([])
                page_lines = pages[-1]
            lay = src.layout[number - 1] if src.layout is not None else None
            if lay is not None and lay.furniture:
                # Page furniture the PDF reader found by its place on the page (pdf.py).
                if n_part == len(parts) - 1 and removed is not None:
                    changes["page-furniture"] += 1
                    removed.append((number, lay.furniture))
                continue
            text = part.replace("\t", " ") if "\t" in part else part
            if not text or text.isspace():
                if n_part == 0 and len(parts) > 1:
                    continue
                blank_run += 1
                if _separates(spaced, text, blank_run):
                    pages[-1].append(Line(number, "", False, page))
                continue
            blank_run = 0
            page_start = new_page or (spaced and text.startswith(" "))
            fill = lay.fill if lay is not None else None
            pages[-1].append(Line(number, text, page_start, page, False, fill))
    removed = removed if removed is not None else []
    if len(pages) > 1:
        # (A PDF's furniture was found by its place on the page: the text rules stay out.)
        pages = _strip_furniture(pages, changes, removed, by_text=src.layout is None)
    for p in pages:
        out.extend(p)
    if layout == "spaced" and len(pages) == 1:
        out = _strip_spaced_furniture(out, changes, removed)
    elif len(pages) == 1 and src.layout is None:
        out = _strip_unpaged_furniture(out, changes, removed)
    return out


def _shape(text: str) -> str:
    """What a running head keeps from page to page: its words, its numbers as `#`."""
    return _DIGITS.sub("#", text.strip().lower())


def _separates(spaced: bool, blank: str, run: int) -> bool:
    """Does a blank line (`run`: the blanks up to it) separate paragraphs? In the spaced layout
    a single empty line is filler; a line of spaces or a run of empty lines separates them. In
    the compact layout every blank does."""
    return not spaced or blank != "" or run >= 3


def _strip_unpaged_furniture(lines: list[Line], changes: Counter,
                             removed: list[tuple[int, str]]) -> list[Line]:
    """Text whose page breaks were lost (copied from a viewer, a converter that drops form
    feeds) still carries its page furniture. Page numbers are the bare numbers that count up,
    one every ten lines or more, three at least, over the whole text; a running head is a line
    next to one of them whose shape stands next to another too (or atop the text), an ISSN line
    or a header in two parts there, or a line repeated three times or more whose numbers count
    up (`112 Вестник …`, `Вестник … 113`). A page begins after them."""
    text = [i for i, ln in enumerate(lines) if ln.text]
    # The longest chain of bare numbers that count up (by 1 or 2), ten lines apart or more; a
    # number of a table or a footnote between them is left out.
    cands = [(k, int(m.group(1)), lines[i].number) for k, i in enumerate(text)
             if (m := _PAGE_NUMBER.match(lines[i].text))]
    length, before = [1] * len(cands), [-1] * len(cands)
    for b, (_, value, line) in enumerate(cands):
        for a in range(b - 1, -1, -1):
            if line - cands[a][2] > 400:
                break
            if 0 < value - cands[a][1] <= 2 and line - cands[a][2] >= 10 and length[a] + 1 > length[b]:
                length[b], before[b] = length[a] + 1, a
    numbers: list[int] = []  # indexes into text
    end = max(range(len(cands)), key=lambda b: (length[b], b), default=-1)
    while end >= 0:
        numbers.insert(0, cands[end][0])
        end = before[end]
    # Page numbers count the pages of the whole text: none much farther from the next than the
    # others are, nor far from the text's ends (numbers that count up over a few pages of a
    # long text are a table's, a figure's axis).
    at = [lines[text[k]].number for k in numbers]
    gaps = sorted(b - a for a, b in zip(at, at[1:]))
    gap = gaps[-1] if gaps else 0
    if len(numbers) < 3 or gap > 5 * gaps[len(gaps) // 2] or \
            at[0] - lines[text[0]].number > 2 * gap + 10 or \
            lines[text[-1]].number - at[-1] > 2 * gap + 10:
        numbers = []

    # Next to a page number: a head whose shape stands next to another one too (or atop the
    # first page, which no number precedes), an ISSN line, a header in two parts far apart.
    drop = dict.fromkeys(numbers, "page-number")
    for step in (1, 2):  # (the line next to the number, then one past a line dropped there)
        near: dict[str, dict[int, int]] = {}  # shape -> {text index: its page number's index}
        for k in numbers:
            for j, inner in ((k - step, k - 1), (k + step, k + 1)):
                if 0 <= j < len(text) and j not in drop and (step == 1 or inner in drop):
                    near.setdefault(_shape(lines[text[j]].text), {})[j] = k
        if step == 1 and numbers and numbers[0] > 0:
            near.setdefault(_shape(lines[text[0]].text), {})[0] = -1
        for found in near.values():
            for j in found:
                t = lines[text[j]].text.strip()
                if len(t) < 8 or _never_furniture(t):
                    continue
                rule = ("running-head" if len(set(found.values())) >= 2
                        else "issn-line" if _ISSN.search(t)
                        else "split-header" if _WIDE_GAP.search(t) else None)
                if rule:
                    drop[j] = rule
    counted: dict[str, list[int]] = {}
    for k, i in enumerate(text):
        t = lines[i].text.strip()
        if len(t) >= 12 and _EDGE_NUMBER.search(t) and not _never_furniture(t):
            counted.setdefault(_shape(t), []).append(k)
    for repeats in counted.values():
        values = [int(next(g for g in m.groups() if g)) for k in repeats
                  if (m := _EDGE_NUMBER.search(lines[text[k]].text.strip()))]
        if len(repeats) >= 3 and all(0 < b - a <= 3 for a, b in zip(values, values[1:])):
            drop.update(dict.fromkeys(repeats, "running-head"))
    if not drop:
        return lines
    out: list[Line] = []
    opens = False
    dropped = {text[k]: rule for k, rule in drop.items()}
    for i, ln in enumerate(lines):
        if i in dropped:
            changes["page-furniture"] += 1
            removed.append((ln.number, dropped[i]))
            opens = True
            continue
        if ln.text and opens:
            ln.page_start, opens = True, False
        out.append(ln)
    return out


# A page number at either end of a running head (`112 Вестник …`, `Вестник … № 3 113`).
_EDGE_NUMBER = re.compile(r"^(\d{1,4})\s|\s(\d{1,4})$")


def _strip_spaced_furniture(lines: list[Line], changes: Counter,
                            removed: list[tuple[int, str]]) -> list[Line]:
    """The spaced layout has no form feeds: a page starts with a line that begins with a space.
    Its furniture is what sits at such a seam (or atop the text): a bare number just above it
    that counts up from seam to seam (the printed page number), a line just below it repeated at
    other seams (the running head; never a label, nor a title over its authors), and where the
    number confirms the seam, an ISSN line or a header in two parts far apart. Stricter than
    the rules for form-feed pages, because a leading space does not always mean a new page."""
    text = [(i, ln) for i, ln in enumerate(lines) if ln.text]
    seams = [k for k, (_, ln) in enumerate(text) if ln.page_start and k]
    numbers = {}
    for k in seams:
        m = _PAGE_NUMBER.match(text[k - 1][1].text)
        if m:
            numbers[k - 1] = int(m.group(1))
    # Keep the numbers that count up (by 1 to 3) from one seam to the next.
    kept_numbers: dict[int, int] = {}
    previous = None
    for k in sorted(numbers):
        if previous is None or 0 < numbers[k] - previous <= 3:
            kept_numbers[k] = previous = numbers[k]
    if len(kept_numbers) < 2:
        kept_numbers = {}
    # The text's first line tops a page too (the first): its running head, if another repeats it.
    tops = [0, *seams] if text else []
    heads: dict[str, list[int]] = {}
    for n, k in enumerate(tops):
        t = text[k][1].text.strip()
        if len(t) >= 12:
            heads.setdefault(_shape(t), []).append(n)
    # A running head tops page after page: three seams or more, or two of the same article's
    # pages (at most two seams apart). The same line at two seams far apart is the text's own
    # (a title printed twice in the volume, a heading two articles begin a page with).
    repeated = {shape for shape, at in heads.items()
                if len(at) >= 3 or len(at) == 2 and at[1] - at[0] <= 2}
    drop: dict[int, str] = {}
    for k, _ in kept_numbers.items():
        drop[text[k][0]] = "page-number"
    for n, k in enumerate(tops):
        t = text[k][1].text.strip()
        if _never_furniture(t):
            continue
        if len(t) >= 12 and _shape(t) in repeated:
            # (the page's own lines: the title its running head repeats stays on its first page)
            page = [ln for _, ln in text[k:tops[n + 1] if n + 1 < len(tops) else k + 4]]
            if not _title_over_authors(page, page[0], repeated):
                drop[text[k][0]] = "running-head"
        # The journal's ISSN line, or a header in two parts far apart, atop a page that the
        # number above confirms (or atop the text): as on pages a form feed opens.
        elif k == 0 or k - 1 in kept_numbers:
            if _ISSN.search(t):
                drop[text[k][0]] = "issn-line"
            elif len(t) >= 12 and _WIDE_GAP.search(t):
                drop[text[k][0]] = "split-header"
    if not drop:
        return lines
    # Pages break at the seams confirmed by furniture (a number just above, a running head at
    # it). A page's number is the one printed at its foot; a page printing none counts on from
    # the page before it (or back from the page after it).
    breaks = sorted({text[k + 1][0] for k in kept_numbers if k + 1 < len(text)}
                    | {text[k][0] for k in seams if text[k][0] in drop})
    bounds = [0, *breaks, len(lines)]
    spans = [(bounds[n], bounds[n + 1]) for n in range(len(bounds) - 1) if bounds[n] < bounds[n + 1]]
    printed = {text[k][0]: n for k, n in kept_numbers.items()}
    numbers_of = [next((printed[i] for i in range(a, b) if i in printed), None) for a, b in spans]
    for n in range(1, len(numbers_of)):
        before = numbers_of[n - 1]
        if numbers_of[n] is None and before is not None:
            numbers_of[n] = before + 1
    for n in range(len(numbers_of) - 2, -1, -1):
        after = numbers_of[n + 1]
        if numbers_of[n] is None and after is not None:
            numbers_of[n] = after - 1
    out = []
    for (a, b), number in zip(spans, numbers_of):
        for i in range(a, b):
            ln = lines[i]
            ln.page = number
            if i in drop:
                changes["page-furniture"] += 1
                removed.append((ln.number, drop[i]))
                continue
            out.append(ln)
    return out


def _strip_furniture(pages: list[list[Line]], changes: Counter,
                     removed: list[tuple[int, str]], by_text: bool = True) -> list[list[Line]]:
    """Remove lines repeated at the top or bottom of many pages, and page-number lines (unless
    not `by_text`: then pages are only marked and numbered)."""
    edge_shapes: Counter = Counter()
    edge_texts: dict[str, list[int]] = {}  # a line's exact text -> the pages it stands at an edge of
    # Each page's lines with text (the rules below look only at the few at its edges).
    contents = [[ln for ln in page if ln.text] for page in pages]
    for n_page, content in enumerate(contents):
        # (a short page's first and last lines are the same lines: count each once)
        edge = content[:2] + [ln for ln in content[-2:] if all(ln is not x for x in content[:2])]
        for ln in edge:
            if _never_furniture(ln.text):
                continue
            edge_shapes[_shape(ln.text)] += 1
            # (A line of running text, `непротиворечивому состоянию.`, `N (0, 1)`, may end two
            # pages near each other too: a running head begins with a capital and has a word.)
            words = ln.text.split()
            if words and not words[0][:1].islower() and _HAS_WORD.search(ln.text):
                edge_texts.setdefault(" ".join(words).lower(), []).append(n_page)
    threshold = max(2, int(0.3 * len(pages)))
    repeated = {s for s, n in edge_shapes.items() if n >= threshold and s not in ("", "#")}
    # A running head that changes with the article (its title, its authors) repeats on a few
    # nearby pages only: the same text at an edge of pages at most four apart.
    repeated |= {_shape(t) for t, at in edge_texts.items()
                 if len(t) >= 8 and any(0 < b - a <= 4 for a, b in zip(at, at[1:]))}
    head_numbers = _numbers_in_heads(contents, repeated)
    numbers = _page_numbers(contents, repeated)
    result = []
    for n_page, page in enumerate(pages):
        content = contents[n_page]
        outer = {id(ln) for ln in content[:1] + content[-1:]}
        printed = head_numbers.get(n_page)
        dropped: set[int] = set()
        # The lines at the page's edges, in page order (a short page's counted once).
        for ln in content[:2] + [x for x in content[-2:] if all(x is not y for y in content[:2])]:
            if not by_text or _never_furniture(ln.text):
                continue
            m = _PAGE_NUMBER.match(ln.text) if id(ln) in numbers else None
            if m:
                printed = int(m.group(1))
                changes["page-furniture"] += 1
                removed.append((ln.number, "page-number"))
                dropped.add(id(ln))
                continue
            rule = ("running-head" if _shape(ln.text) in repeated
                    and not _title_over_authors(content, ln, repeated)
                    else "issn-line" if _ISSN.search(ln.text)
                    else "split-header" if id(ln) in outer and _WIDE_GAP.search(ln.text.strip())
                    else None)
            if rule:
                changes["page-furniture"] += 1
                removed.append((ln.number, rule))
                dropped.add(id(ln))
        kept = [ln for ln in page if id(ln) not in dropped] if dropped else list(page)
        if kept:
            first = next((k for k in kept if k.text), None)
            if first is not None and page is not pages[0]:
                first.page_start = True
            if printed is not None:
                for k in kept:
                    if k.page is None:
                        k.page = printed
        # Blank lines at a page's edges mark the page break, not a paragraph's end: the joiner
        # decides at the page start whether the paragraph runs on.
        while kept and not kept[-1].text:
            kept.pop()
        while kept and not kept[0].text and page is not pages[0]:
            kept.pop(0)
        result.append(kept)
    # Pages without a printed number between numbered ones: count on from the previous page.
    last = None
    for page in result:
        first_number = next((k.page for k in page if k.page is not None), None)
        if first_number is not None:
            last = first_number
        elif last is not None:
            last += 1
            for k in page:
                k.page = last
    return result


_HAS_WORD = re.compile(r"[^\W\d_]{3}")


def _page_numbers(contents: list[list[Line]], repeated: set[str]) -> set[int]:
    """The bare numbers at pages' edges that count pages (ids of their lines): each agrees with
    a number at another page near it (as many apart as the pages are). A number standing alone
    (a table's cell, a footnote's mark, a year cut from a reference at the foot of a page) is
    the text's own, in a volume that prints no page numbers as in one that does; so is a number
    above the last line of a page when that line is no running foot or number (a footnote's
    mark above its text)."""
    found: list[tuple[int, int, int]] = []  # (page, number, line id)
    for n_page, content in enumerate(contents):
        for ln in content[:2] + [x for x in content[-2:] if all(x is not y for y in content[:2])]:
            last = content[-1].text
            if len(content) > 2 and ln is content[-2] and _shape(last) not in repeated \
                    and not _PAGE_NUMBER.match(last):
                continue
            m = _PAGE_NUMBER.match(ln.text)
            if m and not _never_furniture(ln.text):
                found.append((n_page, int(m.group(1)), id(ln)))
    # (a set of (page, number): a scan of all the others for each grew with the square of
    # the pages, minutes for a one-file volume of thousands)
    at = {(q, w) for q, w, _ in found}
    return {line for p, v, line in found
            if any((p + d, v + d) in at for d in (-4, -3, -2, -1, 1, 2, 3, 4))}


def _never_furniture(text: str) -> bool:
    """A label (УДК, Аннотация, Литература …) or a section heading at a page's edge is text,
    however often it stands there: each article of a volume may begin on a new page."""
    t = text.strip()
    return bool(ANY_LABEL.match(t) or SECTION_HEADING.match(t))


def _title_over_authors(content: list[Line], ln: Line, repeated: set[str]) -> bool:
    """The first line of a page right above an author line (names with a post, an address or an
    affiliation under them): an article's title, even where the article's pages repeat it as
    their running head. Not a head above the authors' own running head (names alone)."""
    if not (len(content) > 2 and content[0] is ln and not ln.text.rstrip().endswith(".")
            and _shape(content[1].text) not in repeated):
        return False
    found = lead_names(content[1].text.strip())
    return found is not None and bool(
        found[1] or any("@" in x.text for x in content[1:4]) or AFFILIATION.search(content[2].text))


def _numbers_in_heads(contents: list[list[Line]], repeated: set[str]) -> dict[int, int]:
    """Page numbers printed inside a running head (`112 Вестник … № 3`, `Вестник … № 3 113`):
    of the numbers at a head's start or end, those that count up with the pages. The head's
    other numbers (the issue, the year) stay the same from page to page and are left out."""
    candidates: list[tuple[int, int]] = []  # (page index, number)
    for n, content in enumerate(contents):
        for ln in content[:1] + content[-1:]:
            t = ln.text.strip()
            if _shape(t) not in repeated:
                continue
            for m in (re.match(r"^(\d{1,4})\s+\D", t), re.search(r"\D\s+(\d{1,4})$", t)):
                if m:
                    candidates.append((n, int(m.group(1))))
    offsets = Counter(number - n for n, number in candidates)
    if not offsets:
        return {}
    offset, votes = offsets.most_common(1)[0]
    if votes < max(2, len(contents) // 2):
        return {}
    return {n: number for n, number in candidates if number - n == offset}


_CAPTION = re.compile(r"^(?:Рис|Рисунок|Таблица|Table|Figure|Fig|Сурет|Кесте|Схема|Диаграмма)\b", re.I)


def _running_text(b: Block) -> bool:
    words = b.text.split()
    return b.kind == "para" and len(words) >= 12 and b.text.rstrip().endswith((".", "!", "?", "»", ")"))


def _unnumbered_heading(blocks: list[Block], n: int) -> bool:
    """`Метод`, `Эксперимент`, `Results`: a line of one to five words in title form between two
    paragraphs of running text, not at a page top (where a title may stand) and not after a
    reference entry or a caption."""
    b = blocks[n]
    t = b.text.strip()
    words = t.split()
    if not (1 <= len(words) <= 5) or not t[:1].isupper() or t.endswith((".", ",", ";", ":", "-")):
        return False
    if b.page_start or _CAPTION.match(t) or not 0 < n < len(blocks) - 1:
        return False
    before, after = blocks[n - 1], blocks[n + 1]
    return (_running_text(before) and _running_text(after) and not _REFERENCE_LIKE.search(before.text)
            and after.text[:1].isupper())


_REFERENCE_LIKE = re.compile(r"//|\b(?:С|с|P|p|pp|Б|б)\.\s?\d|\b(?:1[89]|20)\d{2}\.\s*[–—-]|https?://")


def _carry_layout(blocks: list[Block], layout: list) -> None:
    """A PDF block's font size and weight (of most of its lines), and whether it is set as a
    title (all its lines are), for the segment and extract stages."""
    for b in blocks:
        lays = [layout[n - 1] for _, n in b.offsets if layout[n - 1] is not None]
        if not lays:
            continue
        b.size = Counter(x.size for x in lays).most_common(1)[0][0]
        b.bold = sum(x.bold for x in lays) * 2 > len(lays)
        b.title_font = all(x.title for x in lays)


# fix-characters
def _soft_hyphen_inside(lines: list[str]) -> str:
    """What a soft hyphen inside a line stands for: "-" where the file's line ends use it too
    (some PDF fonts give every printed hyphen as U+00AD, and only a line end can hyphenate), else
    "" (a hint for where a word may break, invisible in print)."""
    ends = inside = 0
    for line in lines:
        if "\u00ad" in line:
            n = line.count("\u00ad")
            end = line.rstrip().endswith("\u00ad")
            ends += end
            inside += n - end
    return "-" if ends and 3 * ends >= inside else ""


def fix_lines(lines: list[Line], changes: Counter, old_font: bool = False,
              soft: str = "") -> list[Line]:
    """fix_characters of each line. Scans of the whole text (in C) find the few lines a fix
    may change, and only they are asked; the others only lose their trailing spaces, as
    fix_characters would. (Asking each line took about a third of the time a large single
    file's cleaning spends before it can share the work out.)"""
    texts = [ln.text for ln in lines]
    whole = "\n".join(texts)
    if old_font or whole.count("\n") != len(texts) - 1:
        return [fix_characters(ln, changes, old_font, soft) for ln in lines]
    starts = list(itertools.accumulate((len(t) + 1 for t in texts), initial=0))
    asked = {bisect.bisect_right(starts, m.start()) - 1
             for pattern in (MAY_MIX, MAY_BE_MOJIBAKE, _SOFT_HYPHEN, _NUMERO_PREFIX)
             for m in pattern.finditer(whole)}
    if not unicodedata.is_normalized("NFC", whole):
        asked.update(i for i, t in enumerate(texts) if not unicodedata.is_normalized("NFC", t))
    # (the first line is asked all the same: its answer names the rules, as each line's does)
    asked.add(next((i for i, t in enumerate(texts) if t), 0))
    out = []
    for i, ln in enumerate(lines):
        if i in asked or ln.hard_end or ln.soft_end:
            out.append(fix_characters(ln, changes, old_font, soft))
        elif ln.text[-1:].isspace():
            out.append(_fixed_line(ln, ln.text))
        else:
            out.append(ln)
    return out


def _fixed_and_counted(lines: list[Line], changes: Counter, old_font: bool, soft: str,
                       parts: int = 4) -> tuple[list[Line], Vocabulary, Optional[set[int]]]:
    """fix_lines, the vocabulary of the fixed lines, and (None: unwrap finds them) their title
    openers. A file as large as a whole volume is done on all cores, in `parts` of about
    equal size (each line's fix and words are its own; a title opener is found from the
    lines around it): in one process they took a third of the time such a file's cleaning
    spent before the unwrapping could share it out."""
    ends = list(itertools.accumulate(len(ln.text) + 1 for ln in lines))
    total = ends[-1] if ends else 0
    bounds = [0] + [min(len(lines), bisect.bisect_left(ends, total * k / parts) + 1)
                    for k in range(1, parts)] + [len(lines)]
    spans = [(a, b) for a, b in zip(bounds, bounds[1:]) if a < b]
    weights = [ends[b - 1] - (ends[a - 1] if a else 0) for a, b in spans]
    if not parallel.will_fork(weights):
        fixed = fix_lines(lines, changes, old_font, soft)
        return fixed, vocabulary(fixed), None

    def one(span: tuple[int, int]) -> tuple[list[tuple[int, Line]], Counter, Counter, set[int]]:
        first, end = span
        part = lines[first:end]
        counted: Counter = Counter()
        fixed = fix_lines(part, counted, old_font, soft)
        # The title openers among these lines, from them and the lines around them, fixed too.
        low, high = max(0, first - _OPENER_REACH), min(len(lines), end + 1)
        around = fix_lines(lines[low:first], Counter(), old_font, soft) + fixed + \
            fix_lines(lines[end:high], Counter(), old_font, soft)
        opens = {low + i for i in _title_openers(around, first - low, end - low)}
        # (only the lines a fix changed travel back)
        return ([(i, f) for i, (ln, f) in enumerate(zip(part, fixed)) if f is not ln], counted,
                vocabulary(fixed), opens)

    out = list(lines)
    vocab = Vocabulary()
    opens: set[int] = set()
    for (first, _), (changed, counted, words, found) in zip(
            spans, parallel.map_shared(one, spans, weights)):
        for i, line in changed:
            out[first + i] = line
        changes.update(counted)  # (in the order one pass would have counted, rules with none too)
        vocab.update(words)
        opens |= found
    return out, vocab, opens


_SOFT_HYPHEN = re.compile("\u00ad")
_NUMERO_PREFIX = re.compile("No")


def fix_characters(ln: Line, changes: Counter, old_font: bool = False, soft: str = "") -> Line:
    if not ln.text:
        return ln
    text = ln.text
    if old_font:
        text, n = fix_old_kazakh_font(text)
        changes["old-kazakh-font"] += n
    text, n = fix_mojibake(text)
    changes["fix-mojibake"] += n
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    soft_end = text.rstrip().endswith("\u00ad")
    if "\u00ad" in text:
        text = text.rstrip().removesuffix("\u00ad") if soft_end else text
        text = text.replace("\u00ad", soft)
    text, n = fix_lookalikes(text)
    changes["fix-lookalikes"] += n
    if "No" in text and CYRILLIC.search(text):
        text, n = _NUMERO.subn("№ ", text)
        changes["numero-sign"] += n
    return _fixed_line(ln, text, soft_end)


def _fixed_line(ln: Line, text: str, soft_end: bool = False) -> Line:
    """`ln` with its fixed `text`, without trailing spaces (two after a sentence mark a hard
    paragraph end)."""
    hard_end = text.endswith("  ") and _ends_sentence(text)
    return Line(ln.number, text.rstrip(), ln.page_start, ln.page, hard_end, ln.fill, soft_end)


def _fixed_again(lines: list[Line], changes: Counter, old_font: bool, soft: str,
                 memo: CleanMemo) -> list[Line]:
    """fix_characters of each line, taken from the memo for a text it has seen."""
    last = memo.fixed if memo.facts == (old_font, soft) else {}
    now: dict[str, _Fixed] = {}
    # Rules that counted nothing still name themselves, in the order a fresh clean meets them:
    # such counts are added once (most lines' are the same few zeros).
    added: set[tuple[tuple[str, int], ...]] = set()
    out = []
    for ln in lines:
        if not ln.text:
            out.append(ln)
            continue
        got = last.get(ln.text) or now.get(ln.text)
        if got is None:
            counted: Counter = Counter()
            fixed = fix_characters(ln, counted, old_font, soft)
            counts = tuple(counted.items())
            got = (fixed.text, fixed.hard_end, fixed.soft_end, counts,
                   not any(n for _, n in counts),
                   fixed.text == ln.text and not fixed.hard_end and not fixed.soft_end)
        now[ln.text] = got
        text, hard_end, soft_end, counts, none, as_is = got
        if not none:
            for rule, n in counts:
                changes[rule] += n
        elif counts not in added:
            added.add(counts)
            for rule, n in counts:
                changes[rule] += n
        # (a line no fix changes is kept: most lines, each a new object otherwise)
        out.append(ln if as_is and not ln.hard_end and not ln.soft_end else
                   Line(ln.number, text, ln.page_start, ln.page, hard_end, ln.fill, soft_end))
    memo.fixed, memo.facts = now, (old_font, soft)
    return out


# fix_characters of one line text: (text, hard end, soft end, what each rule counted, whether
# all counted nothing, whether the line stays as it is)
_Fixed = tuple[str, bool, bool, tuple[tuple[str, int], ...], bool, bool]


class Vocabulary(Counter):
    """A file's word counts, and a sorted list of its words without hyphens for prefix queries
    by bisection (a scan of the whole vocabulary per line-end hyphen made cleaning quadratic)."""

    _sorted: Optional[list[str]] = None

    def has_prefix(self, stem: str) -> bool:
        if self._sorted is None:
            self._sorted = sorted(w for w in self if "-" not in w)
        i = bisect.bisect_left(self._sorted, stem)
        return i < len(self._sorted) and self._sorted[i].startswith(stem)

    def recount(self, delta: dict[str, int]) -> set[str]:
        """The counts after some line texts came or left (`delta`: text -> how many more times
        it is written, fewer when negative); words no longer written go, from the sorted list
        too. Returns the words that came or went (their presence is all _hyphen_join asks)."""
        was: dict[str, bool] = {}
        for text, n in delta.items():
            for w in _line_words(text):
                if w not in was:
                    was[w] = w in self
                self[w] += n
        moved = set()
        for w in sorted(was):
            if self[w] <= 0:
                del self[w]
            if (w in self) == was[w]:
                continue
            moved.add(w)
            if self._sorted is None or "-" in w:
                continue
            i = bisect.bisect_left(self._sorted, w)
            if w in self:
                self._sorted.insert(i, w)
            else:
                del self._sorted[i]
        return moved


def _line_words(text: str) -> list[str]:
    """A line's words as vocabulary() counts them: a hyphen-ended line's last word is a
    fragment, left out."""
    if text.endswith("-"):
        return [w.lower() for w in _WORD.findall(text)[:-1]]
    return _WORD.findall(text.lower())


def _vocabulary_again(lines: list[Line], memo: CleanMemo) -> tuple[Vocabulary, Optional[set[str]]]:
    """vocabulary(lines), from the last clean's by the lines that left and came; and the words
    that came or went since (None: counted afresh)."""
    texts = Counter(map(_TEXT, lines))
    texts.pop("", None)
    vocab, memo.vocabulary = memo.vocabulary, None  # (none kept if this is cut short)
    moved: Optional[set[str]] = None
    if vocab is None:
        vocab = vocabulary(lines)
    else:
        last = memo.texts
        # (the texts whose counts differ, by set operations in C: an edit changes a few)
        differ = {text for text, _ in texts.items() ^ last.items()}
        moved = vocab.recount({t: texts.get(t, 0) - last.get(t, 0) for t in sorted(differ)})
    memo.vocabulary, memo.texts = vocab, texts
    return vocab, moved


_TEXT = operator.attrgetter("text")


def vocabulary(lines: list[Line]) -> Vocabulary:
    """Words of the file written whole (not split at a line end), lower-cased."""
    # One findall over the whole file (in C) instead of one per line; a line's last word, when
    # the line ends in a hyphen, is a fragment and is left out.
    whole = [ln.text for ln in lines if not ln.text.endswith("-")]
    vocab = Vocabulary(_WORD.findall("\n".join(whole).lower()))
    for ln in lines:
        if ln.text.endswith("-"):
            vocab.update(_line_words(ln.text))
    return vocab


# Russian particles always written with a hyphen (`каком-либо`, `что-нибудь`, `всё-таки`).
_PARTICLES = frozenset({"либо", "нибудь", "то", "таки", "ка", "де"})


def _hyphen_reads(left_word: str, right_word: str) -> tuple[str, ...]:
    """What _hyphen_join(left_word, right_word, …) may read of the vocabulary: whether each of
    these words is in it, and whether a word begins with the last (the stem). Kept in step with
    _hyphen_join by a test that spies on its every look-up."""
    joined = (left_word + right_word).lower()
    return (joined, f"{left_word}-{right_word}".lower(), left_word.lower(), right_word.lower(),
            joined[: max(6, len(joined) - 3)])


def _touched(words: set[str]) -> set[str]:
    """What a _hyphen_reads tuple holds when its answer may change as `words` come or go: each
    word, and each of its beginnings long enough to be a stem."""
    return {w[:n] for w in words for n in range(6, len(w))} | words


def _hyphen_join(left_word: str, right_word: str, vocab: Counter) -> bool:
    """True when a line-end hyphen between two word parts is only hyphenation (drop it)."""
    joined = (left_word + right_word).lower()
    compound = f"{left_word}-{right_word}".lower()
    if right_word.lower() in _PARTICLES:  # `каком-` | `либо`: the hyphen is the word's own
        return False
    if vocab.get(compound):
        return False
    if vocab.get(joined):
        return True
    if right_word[:1].isupper() or len(right_word) < 2 or len(left_word) < 2:
        return False
    # An inflected form of the joined word elsewhere in the volume also counts.
    stem = joined[: max(6, len(joined) - 3)]
    if len(stem) < len(joined) and (vocab.has_prefix(stem) if isinstance(vocab, Vocabulary)
                                    else any(w.startswith(stem) for w in vocab if "-" not in w)):
        return True
    parts_known = vocab.get(left_word.lower()) and vocab.get(right_word.lower())
    if parts_known:
        return False
    # Neither form attested: Russian/English hyphenation splits words far more often than it
    # ends a compound; Kazakh paired words (жан-жақты) are the common case in Kazakh text.
    kazakh = re.search("[әғқңөұүһі]", joined) is not None
    return not kazakh and not re.search(r"(о|е)$", left_word.lower())


# unwrap-lines, join-hyphenation, lists
class _Facts:
    """What the line joiner asks of one line, computed once: each line is asked about twice,
    once as the line that may continue a paragraph and once as the line it would continue."""

    __slots__ = ("line", "p", "t", "ends", "caps", "label_p", "label_t", "names_p", "_names_t")

    def __init__(self, line: Line):
        self.line = line
        self.p = p = line.text.rstrip()
        self.t = t = p.lstrip()
        self.ends = p.endswith(_TERMINAL)
        self.caps = _is_caps(t)
        self.label_t = ANY_LABEL.match(t) is not None
        self.label_p = self.label_t if p is t else ANY_LABEL.match(p) is not None
        self.names_p = not p.endswith(",") and author_names(p) is not None
        self._names_t: Optional[bool] = None

    @property
    def names_t(self) -> bool:
        if self._names_t is None:
            self._names_t = author_names(self.t) is not None
        return self._names_t


@dataclass(frozen=True)
class _Joined:
    """One run's blocks as joined (later steps change blocks in place), in a memo."""

    base: int  # the run's first raw line number: the run may have moved since
    # (kind, text, line_start, line_end, page, number, page_start, offsets) of each block
    blocks: tuple[tuple, ...]
    found: tuple[tuple[str, int], ...]  # what each rule counted, in order
    asked: tuple[tuple[str, str, bool], ...]  # _hyphen_join's questions and answers
    reads: frozenset[str]  # the words and stems those questions read of the vocabulary

    @classmethod
    def of(cls, blocks: list[Block], base: int, found: tuple[tuple[str, int], ...],
           asked: tuple[tuple[str, str, bool], ...]) -> _Joined:
        return cls(base, tuple((b.kind, b.text, b.line_start, b.line_end, b.page, b.number,
                                b.page_start, tuple(b.offsets)) for b in blocks), found, asked,
                   frozenset(r for left, right, _ in asked for r in _hyphen_reads(left, right)))

    def blocks_at(self, base: int, source: str) -> list[Block]:
        """New blocks, their lines moved to a run that now begins at raw line `base`."""
        shift = base - self.base
        if not shift:  # (the usual case: an edit that adds or removes no line above the run)
            return [Block(kind, text, source, start, end, page, number, page_start=page_start,
                          offsets=list(offsets))
                    for kind, text, start, end, page, number, page_start, offsets in self.blocks]
        return [Block(kind, text, source, start + shift, end + shift, page, number,
                      page_start=page_start, offsets=[(o, n + shift) for o, n in offsets])
                for kind, text, start, end, page, number, page_start, offsets in self.blocks]


def unwrap(lines: list[Line], source: str, vocab: Counter, changes: Counter,
           layout: str, memo: Optional[dict[_RunKey, _Joined]] = None,
           opens: Optional[set[int]] = None, moved: Optional[set[str]] = None) -> list[Block]:
    """Lines joined into blocks. `memo`: the runs the last clean of the file joined
    (CleanMemo.runs), taken again where they hold, and left holding this clean's. `opens`:
    _title_openers(lines), when found already. `moved`: the words that came into the
    vocabulary or left it since the memo's runs were joined (None: not known)."""
    # (without the indent: a margin or a centred line's spaces are no text)
    lengths = [len(ln.text.strip()) for ln in lines if ln.text]
    width = _typical_width(lengths)
    # (with a memo, only the runs joined again look for theirs: a run's title openers are
    # found from its own lines, as it begins after an empty line)
    if opens is None and memo is None:
        opens = _title_openers(lines)
    if isinstance(vocab, Vocabulary):
        vocab.has_prefix("")  # its sorted words made here, not in each worker process
    runs = _runs(lines)
    keys: list[_RunKey] = []
    if memo is not None:
        keys = [_run_key(lines, a, b, source, width) for a, b in runs]
    done: dict[int, _Joined] = {}
    # A run's hyphenation answers hold unless a word one of its questions reads came or went.
    touched = _touched(moved) if moved is not None else None
    for i, key in enumerate(keys):
        last = memo.get(key) if memo is not None else None
        if last is not None and (
                touched is not None and last.reads.isdisjoint(touched)
                or all(_hyphen_join(left, right, vocab) == answer
                       for left, right, answer in last.asked)):
            done[i] = last
    todo = [i for i in range(len(runs)) if i not in done]

    def one(i: int) -> tuple[list[Block], Counter, Optional[list[tuple[str, str, bool]]]]:
        first, end = runs[i]
        found: Counter = Counter()
        asked: Optional[list[tuple[str, str, bool]]] = [] if memo is not None else None
        run_opens = opens if opens is not None else _title_openers(lines, first, end)
        return (_unwrap_run(lines, first, end, source, vocab, found, width, run_opens, asked),
                found, asked)

    # A file as large as a whole volume is joined on all cores, in runs that begin after an
    # empty line (where the joiner starts afresh): the same blocks as in one run.
    sizes = [sum(len(ln.text) for ln in lines[runs[i][0]:runs[i][1]]) for i in todo]
    made = dict(zip(todo, parallel.map_shared(one, todo, sizes)))
    blocks: list[Block] = []
    for i, (first, _) in enumerate(runs):
        if i in made:
            run_blocks, found, asked = made[i]
            blocks.extend(run_blocks)
            counts = tuple(found.items())
            if memo is not None:
                done[i] = _Joined.of(run_blocks, _base(lines, first), counts, tuple(asked or ()))
        else:
            blocks.extend(done[i].blocks_at(_base(lines, first), source))
            counts = done[i].found
        for rule, n in counts:  # (in the order one run would have counted them)
            changes[rule] += n
    if memo is not None:
        memo.clear()
        memo.update(zip(keys, (done[i] for i in range(len(runs)))))
    _mark_headings(blocks)
    return blocks


def _runs(lines: list[Line], least: int = 4096) -> list[tuple[int, int]]:
    """[first, end) index ranges covering `lines`, each but the first starting right after an
    empty line. Where a run ends is decided by the text around it (after `least` characters, at
    an empty line after a line whose checksum ends in two zero bits: about the fourth empty
    line on), not by counting from the file's start: an edit moves no run's end but its own.
    (Six bits made runs of 200-450 KB in text with an empty line only every 2 KB, as
    pdftotext writes it: the preview joined all of that again after a one-word edit.)"""
    runs, first, size = [], 0, 0
    for n, ln in enumerate(lines):
        size += len(ln.text)
        if not ln.text and size >= least and n and not zlib.crc32(
                lines[n - 1].text.encode("utf-8", "surrogatepass")) & 3:
            runs.append((first, n + 1))
            first, size = n + 1, 0
    if first < len(lines) or not runs:
        runs.append((first, len(lines)))
    return runs


def _base(lines: list[Line], first: int) -> int:
    return lines[first].number if first < len(lines) else 0  # (an empty file: one empty run)


def _run_key(lines: list[Line], first: int, end: int, source: str, width: int) -> _RunKey:
    """Everything _unwrap_run reads but the vocabulary (the run's title openers are found from
    its lines), line numbers as the steps between them: a run that moved is the same run.
    (The attributes taken by map() in C: a digest of the lines written out took a tenth of the
    time a one-word edit's clean of a whole volume in one file takes.)"""
    run = lines[first:end]
    numbers = list(map(_NUMBER, run))
    return (source, width, tuple(map(operator.sub, numbers[1:], numbers)),
            *(tuple(map(get, run)) for get in _RUN_READS))


# What a run's key holds of each line besides its number
_RUN_READS = tuple(map(operator.attrgetter, ("text", "page", "page_start", "hard_end", "soft_end",
                                             "fill")))
_NUMBER = operator.attrgetter("number")
_RunKey = tuple


def _unwrap_run(lines: list[Line], first: int, end: int, source: str, vocab: Counter,
                changes: Counter, width: int, opens: set[int],
                asked: Optional[list[tuple[str, str, bool]]] = None) -> list[Block]:
    """Lines `first` to `end` joined into blocks (the line before `first`, if any, is empty).
    `asked`: gets each hyphenation question put to the vocabulary, with its answer."""
    blocks: list[Block] = []
    cur: Optional[Block] = None
    prev: Optional[_Facts] = None
    for n_line in range(first, end):
        ln = lines[n_line]
        if not ln.text:
            cur, prev = None, None
            continue
        facts = _Facts(ln)
        if n_line in opens:
            cur, prev = None, None
        text = facts.t
        bullet = BULLET.match(ln.text)
        numbered = NUMBERED.match(ln.text) if not bullet else None
        if (cur is not None and prev is not None and not bullet
                and _continues(prev, facts, width, numbered, cur.text)):
            left = cur.text
            # Look only at the block's last word: the block grows line by line.
            m = left.endswith("-") and _LINE_END_HYPHEN.search(left, len(left) - 2)
            if m:
                lw = _WORD.findall(left.rsplit(None, 1)[-1])
                rw = _WORD.findall(text)
                joins = False
                if lw and rw:
                    left_part, right_part = lw[-1].split("-")[-1], rw[0].split("-")[0]
                    joins = _hyphen_join(left_part, right_part, vocab)
                    if asked is not None:
                        asked.append((left_part, right_part, joins))
                if joins:
                    cur.text = left[:-1]
                    changes["join-hyphenation"] += 1
                else:
                    changes["keep-compound-hyphen"] += 1
                cur.offsets.append((len(cur.text), ln.number))
                cur.text += text
            elif prev.line.soft_end:  # `инфра­` | `құрылымын`: one word
                cur.offsets.append((len(cur.text), ln.number))
                cur.text += text
                changes["join-hyphenation"] += 1
            else:
                # A dash set close to the word before it (`ДОКУМЕНТЫ–` | `ИНФОРМАЦИОННАЯ`,
                # `1990–` | `2000`) joins the next word as printed: no space after it; so does
                # a hyphen between two numbers (`С. 12-` | `19`).
                if not (left.endswith(("–", "—")) and left[-2:-1].isalnum()
                        or _BROKEN_RANGE.search(left[-2:] + text[:1])):
                    cur.text += " "
                cur.offsets.append((len(cur.text), ln.number))
                cur.text += text
            cur.line_end = ln.number
            changes["unwrap-lines"] += 1
        else:
            kind, number = "para", None
            if bullet:
                kind, text = "bullet", ln.text[bullet.end():].strip()
                changes["lists"] += 1
            elif numbered and (prev is None or prev.ends or prev.label_p
                               or blocks and
                               blocks[-1].kind == "numbered" or cur is None):
                kind, number = "numbered", numbered.group(1)
                text = ln.text[numbered.end():].strip()
            cur = Block(kind, text, source, ln.number, ln.number, ln.page, number,
                        page_start=ln.page_start, offsets=[(0, ln.number)])
            blocks.append(cur)
        prev = facts
    for b in blocks:
        b.text = _SPACES.sub(" ", b.text).strip()
    return [b for b in blocks if b.text]


# How far above its author line _title_openers looks: a title's seven lines and the one before
# (_fixed_and_counted gives a part's lines this many lines above them).
_OPENER_REACH = 8


def _title_openers(lines: list[Line], first: int = 0, end: Optional[int] = None) -> set[int]:
    """Indexes of lines that open a title just above an author line, where nothing else marks
    where the text before it ends (no empty line, no page break: text copied from a PDF viewer).
    A title is one to seven lines (thirty words at most) that begin with a capital and end no
    sentence before its last line (a colon may end one of its lines); the line before it ends a
    sentence, is a link or a reference entry, ends in a number (a reference's pages, year or
    DOI) or is a lone word and a comma. Names alone (`Иванов И. И.`) may begin a reference
    entry: they count as the author line under a title in capitals or above an e-mail."""
    opens: set[int] = set()
    for j in range(first, len(lines) if end is None else end):
        t = lines[j].text.strip()
        if not t[:1].isupper() or lead_names(t) is None:
            continue
        bare = author_names(t) is not None and "," not in t
        below = lines[j + 1].text if j + 1 < len(lines) else ""
        for i in range(j - 1, max(j - _OPENER_REACH, 0), -1):
            run = [lines[k].text.strip() for k in range(i, j)]
            if not all(run) or any(r.endswith(_SENTENCE_END) for r in run[:-1]):
                break
            before = lines[i - 1].text.strip()
            if not before:
                break  # an empty line marks it already
            if _is_caps(before) and _is_caps(run[0]):
                continue  # a title in capitals goes on upwards
            if run[0][:1].isupper() and not lines[i].page_start and (
                    before.endswith(_TERMINAL) and not before.endswith(":") or cited_work(before)
                    or looks_like_reference(before) or _ENDS_IN_NUMBER.search(before)
                    or before.endswith(",") and " " not in before):  # (a reference's `Springer,`)
                if len(" ".join(run).split()) <= 30 and not (
                        bare and "@" not in below and not all(map(_is_caps, run))):
                    opens.add(i)
                break
    return opens


_SENTENCE_END = tuple(".!?;…")


# A line ending in a number: a reference's pages, year or DOI (`Pages 292-304`).
_ENDS_IN_NUMBER = re.compile(r"\d[)\]]?$")


# A numbered section heading: `1. Введение`, `1.1. Постановка задачи`, `2 DATA AND METHODS`.
_HEADING_NUMBER = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3}\.?)\s+(?=[" + "A-ZА-ЯЁӘҒҚҢӨҰҮҺІ" + r"])")


def _mark_headings(blocks: list[Block]) -> None:
    """Numbered section headings become headings, not list items: a short line in title form
    with no closing punctuation, whose neighbours are no items of the same list (a list of short
    items `1. Анализ` `2. Проектирование` stays a list)."""
    def numbered(b: Block) -> bool:
        return b.kind == "numbered" or b.kind == "para" and _HEADING_NUMBER.match(b.text) is not None

    for n, b in enumerate(blocks):
        if b.kind not in ("numbered", "para") or len(b.offsets) > 1 or len(b.text) > 90:
            continue
        if b.kind == "para" and _unnumbered_heading(blocks, n):
            b.kind = "heading"
            continue
        text = f"{b.number} {b.text}" if b.kind == "numbered" and b.number else b.text
        m = _HEADING_NUMBER.match(text)
        if m is None or text.rstrip().endswith((".", ",", ";", ":")) or len(text.split()) > 12:
            continue
        if b.kind == "numbered" and not (b.number or "").endswith(".") and not _is_caps(b.text):
            continue
        before = blocks[n - 1] if n else None
        after = blocks[n + 1] if n + 1 < len(blocks) else None
        if (before is not None and numbered(before)) or (after is not None and numbered(after)) \
                or after is None or after.kind != "para":
            continue
        b.kind, b.text, b.number = "heading", text, None


def _typical_width(lengths: list[int]) -> int:
    if not lengths:
        return 80
    lengths = sorted(lengths)
    return max(20, lengths[int(0.8 * (len(lengths) - 1))]) if len(lengths) > 4 else max(lengths)


def _ends_sentence(text: str) -> bool:
    return text.rstrip().endswith(_TERMINAL)


_SPACES = re.compile(r"\s{2,}")
_LIST_NUMBER = re.compile(r"\d{1,3}[.)]$")
_MARK_STARTS = frozenset("¹²³⁴⁵⁶⁷⁸⁹*†‡")


_UPPER = re.compile(r"[^\W\d_a-zа-яёәғқңөұүһі]")


def _is_caps(text: str) -> bool:
    # Counted in C: this runs for every line.
    lower = count_lower(text)
    if 5 * lower >= len(text):  # upper <= len - lower <= 4 * lower: not capitals
        return False
    upper = len(_UPPER.findall(text))
    return upper + lower >= 3 and upper / (upper + lower) > 0.8


def _continues(prev: _Facts, cur: _Facts, width: int, numbered, block: str = "") -> bool:
    """Does line `cur` continue the paragraph that line `prev` ends? (`block`: the paragraph so
    far.)"""
    p, t = prev.p, cur.t
    # A line that stops well short of the text's width (of its column, in a PDF).
    short = len(prev.t) < 0.75 * width if prev.line.fill is None else prev.line.fill < 0.75
    # The checks down to `numbered` all say "no"; the cheap ones come first.
    if prev.line.hard_end:
        return False
    if prev.line.soft_end and t[:1].islower():
        return True
    if cur.label_t or prev.label_p and len(p) < 40 and not p.endswith(","):
        return False
    # An affiliation marked `¹…` or `*e-mail: …` begins a line of its own.
    if t[:1] in _MARK_STARTS and (t[:1] != "*" or "@" in t):
        return False
    ends = prev.ends
    # A short line of names opens an author block: after a finished sentence, an affiliation or
    # a title, anything but a line that runs on (`…,` or `…-`).
    if len(t) < 80 and cur.names_t and (ends or not p.endswith((",", "-", "–"))):
        return False
    # A line in capitals after a finished sentence is a heading or the next article's title;
    # after an affiliation, where no empty line parts them, the title of the next article or
    # of the article's summary in another language.
    if cur.caps and not prev.caps and (ends or not p.endswith((",", "-", "–"))
                                       and names_institution(p)):
        return False
    # What is left of a title whose font was lost (`Н`, `,`) ends above the author line.
    if letters_lost(block) and t[:1].isupper() and lead_names(t) is not None:
        return False
    # An author line ends at its last name; a lower-case line after it is the author's post.
    if prev.names_p:
        return False
    # A keyword list ends at its full stop; a capital after it is the body's first line.
    if ends and t[:1].isupper() and KEYWORDS.match(block):
        return False
    if ("@" in t and len(t) < 80 and _EMAIL.search(t)
            or "@" in p and len(p) < 80 and _EMAIL.search(p)
            or "[at]" in t.lower() and OBFUSCATED_EMAIL.search(t)):
        return False
    if numbered and (ends or short):
        return False
    # A list's number alone (`1.`: pdftotext prints a hanging list's numbers apart from its items).
    if ends and len(t) <= 4 and _LIST_NUMBER.match(t):
        return False
    # A page that opens with a line in capitals after one that is not: a title or a heading,
    # even after a line that runs on (a reference's link cut at `accord-`).
    if cur.line.page_start and cur.caps and not prev.caps:
        return False
    # Running text fills its last line before a page break; a stub that runs on there
    # (`Springer,`) is the tail of a reference or a table cell, and a capital opens the page.
    stub = len(prev.t) < 0.4 * width if prev.line.fill is None else prev.line.fill < 0.4
    if cur.line.page_start and stub and t[:1].isupper():
        return False
    if p.endswith("-") and not p.endswith(" -"):
        return True
    if p.endswith(","):
        return True
    if prev.caps and cur.caps:
        return not cur.line.page_start
    if prev.caps != cur.caps and (short or prev.caps):
        return False
    first = t[:1]
    if cur.line.page_start:
        return first.islower() or (not ends and not first.isupper())
    if short and (ends or first.isupper() or first in "«\"“"):
        return False
    return True
