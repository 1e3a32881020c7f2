"""Part of stage 1, read: a PDF as text lines that know how they are printed.

pdfminer.six reads each page's characters; `pdflayout` makes lines of them in reading order
(column by column, footnote marks as superscripts). Over the whole document this module then
decides what the layout says, and hands it on as features of the same text the clean, segment and
extract stages read for text input (`SourceText.layout`):

  page furniture   lines repeated at the same place at the top or foot of many pages, apart
                   from the text (running heads), and the page numbers printed there, each named
                   by its rule
  printed pages    the page numbers printed alone or inside a running head (counting on where a
                   page prints none), else the PDF's own numeric page labels, else none
  titles           the largest text at the top of a page (above the first body paragraph), on an
                   article's first page: set in a size clearly above the body's
  paragraphs       an empty line where the font changes or a line stands further below the one
                   above than the text's line spacing (what pdftotext prints too)

Pages are joined with a form feed, as pdftotext does. A PDF that needs a password, a damaged one
and one with no text layer (scanned) stop with one line naming the file.
"""
from __future__ import annotations

import contextlib
import logging
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Optional

from ..quality.coverage import ranges
from ..errors import JinaqError
from ..model import LineLayout, SourceText
from .pdflayout import Page, PageLine, glyph_device, page_lines, rotated_lines
from .read import check_has_letters

log = logging.getLogger(__name__)
_PAGE_NUMBER = re.compile(r"^\s*(?:[-–—]\s*)?(\d{1,4})(?:\s*[-–—])?\s*$")
_EDGE = 2  # lines at a page's top and at its foot that may be furniture
PROGRESS_PAGES = 30  # a progress bar for PDFs longer than this, when stderr is a terminal
_HINT_DAMAGED = "export it again"


@contextlib.contextmanager
def _quiet_pdfminer():
    """pdfminer logs each repair it makes to a damaged file; the editor gets one error or none."""
    logger = logging.getLogger("pdfminer")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


def read_pdf(p: Path, single: bool = False) -> SourceText:
    """The text lines of a PDF with their layout. `single`: the file is one article (or front or
    back matter) of a volume given as a folder of PDFs."""
    with _quiet_pdfminer():
        pages, labels = _read_pages(p)
    if not any(page.lines for page in pages):
        raise JinaqError("the PDF has no text layer (scanned page images?): it needs OCR", str(p),
                         hint="e.g. `ocrmypdf -l kaz+rus IN.pdf OUT.pdf`, then give OUT.pdf")
    check_has_letters("".join(ln.text for page in pages for ln in page.lines), str(p))
    return _source(p.name, pages, labels, single)


def _read_pages(p: Path) -> tuple[list[Page], list[str]]:
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    try:
        fh = p.open("rb")
    except OSError as exc:
        raise JinaqError(f"cannot read the input: {exc.strerror}", str(p)) from None
    with fh:
        try:
            doc = PDFDocument(PDFParser(fh), password="")
        except PDFPasswordIncorrect:
            raise JinaqError("the PDF is encrypted and needs a password to open", str(p),
                             hint="save a copy without a password, or give its text") from None
        except PDFEncryptionError as exc:
            raise JinaqError(f"the PDF is encrypted in a way that cannot be read ({exc})", str(p),
                             hint="save a copy without encryption, or give its text") from None
        except RecursionError:
            raise JinaqError("cannot read the PDF: its objects refer to each other in a loop",
                             str(p), hint=_HINT_DAMAGED) from None
        # Whatever pdfminer raises on a damaged file (its own errors, but also KeyError, …).
        except Exception as exc:  # noqa: BLE001
            raise _damaged(p, exc) from None
        try:
            plist = list(PDFPage.create_pages(doc))
            try:
                labels = [label for label, _ in zip(doc.get_page_labels(), plist)]
            # No labels (PDFNoPageLabels) or broken ones: they are only a fallback.
            except Exception:  # noqa: BLE001
                labels = []
            manager = PDFResourceManager(caching=True)
            device = glyph_device(manager)
            interpreter = PDFPageInterpreter(manager, device)
            pages: list[Page] = []
            scanned: list[int] = []
            for page in _progress(plist, p.name):
                interpreter.process_page(page)
                if device.images and not device.glyphs and not device.rotated:
                    scanned.append(len(pages) + 1)
                x0, y0, x1, y1 = device.bbox
                glyphs = [_shift(g, x0) for g in device.glyphs] if x0 else device.glyphs
                lines = page_lines(glyphs, x1 - x0, y1)
                lines.lines += rotated_lines(device.rotated, y1)
                pages.append(lines)
        except JinaqError:
            raise
        except RecursionError:
            raise JinaqError("cannot read the PDF: its objects refer to each other in a loop",
                             str(p), hint=_HINT_DAMAGED) from None
        except Exception as exc:  # noqa: BLE001
            raise _damaged(p, exc) from None
    if not pages:
        raise JinaqError("cannot read the PDF: it has no pages (truncated or damaged)", str(p),
                         hint=_HINT_DAMAGED)
    if scanned and len(scanned) < len(pages):
        where = ", ".join(f"{a}-{b}" if b > a else str(a) for a, b in ranges(scanned))
        log.warning(f"jinaq: warning: {p}: page(s) {where} of {len(pages)} are images with no "
                    "text layer (scanned?): their text is missing until OCR is run")
    return pages, labels


def _shift(g, dx: float):
    g.x0 -= dx
    g.x1 -= dx
    return g


def _damaged(p: Path, exc: Exception) -> JinaqError:
    return JinaqError(f"cannot read the PDF ({exc.__class__.__name__}): truncated or damaged",
                      str(p), hint=_HINT_DAMAGED)


def _progress(pages: list, name: str):
    """A progress bar over the pages of a long PDF, on a terminal only (never in logs or CI)."""
    if len(pages) <= PROGRESS_PAGES or not sys.stderr.isatty():
        return pages
    from tqdm import tqdm

    tqdm.monitor_interval = 0  # no monitor thread: it would keep parallel.py from forking

    return tqdm(pages, desc=f"reading {name}", unit="page", leave=False, file=sys.stderr)


# --- what the layout says, over the whole document -------------------------------------------

def _source(name: str, pages: list[Page], labels: list[str], single: bool) -> SourceText:
    body = _body_size(pages)
    furniture = _furniture(pages)
    numbers = _printed_numbers(pages, furniture, labels)
    titles = _titles(pages, furniture, body, single)
    pitch = _line_pitch(pages, furniture)
    fills = _fills(pages, furniture)
    lines: list[str] = []
    layout: list[Optional[LineLayout]] = []
    page_of_line: list[Optional[int]] = []
    for i, page in enumerate(pages):
        printed = numbers[i]
        prev: Optional[PageLine] = None
        prev_title = False
        first = True
        for k, ln in enumerate(page.lines):
            rule = furniture.get((i, k))
            if rule is None and prev is not None and _new_paragraph(prev, ln, pitch,
                                                                    (i, k) in titles,
                                                                    prev_title):
                lines.append("")
                layout.append(None)
                page_of_line.append(printed)
            text = ln.text
            if first and i > 0:
                text = "\f" + text
            first = False
            lines.append(text)
            layout.append(LineLayout(page=i, size=ln.size, bold=ln.bold, italic=ln.italic,
                                     x=round(ln.x0, 1), y=round(ln.top, 1), column=ln.column,
                                     fill=fills.get((i, k), 1.0), furniture=rule,
                                     title=(i, k) in titles))
            page_of_line.append(printed)
            if rule is None:
                prev, prev_title = ln, (i, k) in titles
        if first and i > 0:  # a page with no text still counts as a page
            lines.append("\f")
            layout.append(None)
            page_of_line.append(printed)
    return SourceText(name=name, lines=lines, encoding="pdf", page_of_line=page_of_line,
                      layout=layout, single=single)


def _fills(pages: list[Page], furniture: dict) -> dict[tuple[int, int], float]:
    """(page, line) -> the share of its column's width the line fills: measured against the
    column's edges on its page, or over the document where the page has few lines in it."""
    def extent(lines: list[PageLine]):
        return min(ln.x0 for ln in lines), max(ln.x1 for ln in lines)

    groups: dict[tuple[int, int], list[tuple[int, PageLine]]] = {}
    for i, page in enumerate(pages):
        for k, ln in enumerate(page.lines):
            if (i, k) not in furniture:
                groups.setdefault((i, ln.column), []).append((k, ln))
    overall: dict[int, list[PageLine]] = {}
    for (_, column), members in groups.items():
        overall.setdefault(column, []).extend(ln for _, ln in members)
    whole = {column: extent(lines) for column, lines in overall.items()}
    out = {}
    for (i, column), members in groups.items():
        left, right = extent([ln for _, ln in members]) if len(members) >= 4 else whole[column]
        for k, ln in members:
            out[(i, k)] = round(min(1.0, (ln.x1 - left) / max(right - left, 1.0)), 2)
    return out


def _body_size(pages: list[Page]) -> float:
    """The font size most characters are set in."""
    sizes: Counter = Counter()
    for page in pages:
        for ln in page.lines:
            sizes[round(ln.size * 2) / 2] += ln.chars
    return sizes.most_common(1)[0][0] if sizes else 10.0


def _shape(text: str) -> str:
    """A line's words without its numbers: a running head's page number and the side it is
    printed on (`12  Вестник` / `Вестник  13`) change from page to page, its words do not."""
    return " ".join(re.sub(r"\d+", " ", text.lower()).split())


def _edges(page: Page) -> tuple[list[int], list[int]]:
    """Indexes of the page's lines from its top down, and from its foot up."""
    order = sorted(range(len(page.lines)), key=lambda k: page.lines[k].top)
    return order, order[::-1]


def _furniture(pages: list[Page]) -> dict[tuple[int, int], str]:
    """(page, line) -> rule for the lines printed at the same place on many pages, at the top or
    the foot of the page: running heads (the same words, page numbers aside) and page numbers
    (counting with the pages). A line further in is furniture only when the lines outside it are."""
    n = len(pages)
    found: dict[tuple[int, int], str] = {}
    by_shape: dict[str, list[tuple[int, int, float]]] = {}
    numbers: list[tuple[int, int, int]] = []
    for i, page in enumerate(pages):
        top, foot = _edges(page)
        for k in dict.fromkeys(top[:_EDGE] + foot[:_EDGE]):
            ln = page.lines[k]
            m = _PAGE_NUMBER.match(ln.text)
            if m:
                numbers.append((i, k, int(m.group(1)) - i))
                continue
            shape = _shape(ln.text)
            if re.search(r"[^\W\d_]", shape):
                by_shape.setdefault(shape, []).append((i, k, ln.top))
    if n >= 2:
        threshold = max(2, int(0.3 * n))
        for spots in by_shape.values():
            tops = sorted(t for _, _, t in spots)
            middle = tops[len(tops) // 2]
            same_place = [(i, k) for i, k, t in spots if abs(t - middle) <= 3]
            if len({i for i, _ in same_place}) >= threshold:
                for key in same_place:
                    found[key] = "running-head"
    offsets = Counter(off for _, _, off in numbers)
    if offsets:
        offset, count = offsets.most_common(1)[0]
        if count >= 2 or n <= 2:
            for i, k, off in numbers:
                if off == offset:
                    found[(i, k)] = "page-number"
    # Furniture runs in from the page's edges, and a running head stands apart from the text
    # (further than the line spacing): the body's own first or last line, repeated by chance at
    # the same place, is none.
    pitch = _line_pitch(pages, {})
    out: dict[tuple[int, int], str] = {}
    for i, page in enumerate(pages):
        for side in _edges(page):
            run = []
            for k in side[:_EDGE]:
                if (i, k) not in found:
                    break
                run.append(k)
            while run and found[(i, run[-1])] == "running-head" and len(side) > len(run):
                edge, inner = page.lines[run[-1]], page.lines[side[len(run)]]
                if abs(inner.top - edge.top) > (pitch + 0.25) * inner.size:
                    break
                run.pop()
            out.update({(i, k): found[(i, k)] for k in run})
    return out


def _printed_numbers(pages: list[Page], furniture: dict, labels: list[str]) -> list[Optional[int]]:
    """Each page's printed number: counted from the page numbers found (a page printing none
    counts on from the others), else the PDF's numeric page labels, else None."""
    found = {}
    heads: dict[str, list[tuple[int, list[int]]]] = {}
    for (i, k), rule in furniture.items():
        text = pages[i].lines[k].text
        if rule == "page-number":
            printed = _PAGE_NUMBER.match(text)
            assert printed is not None  # how the rule found it
            found[i] = int(printed.group(1))
        else:
            heads.setdefault(_shape(text), []).append((i, [int(x) for x in re.findall(r"\d+", text)]))
    # A number inside a running head (`12   Вестник КазНУ, № 1 (2024)`) that counts with the
    # pages on every page of the head is the page number; the number and year do not.
    for group in heads.values():
        offsets = Counter(off for i, numbers in group for off in {x - i for x in numbers})
        best = [off for off, count in offsets.items() if count == len(group) >= 2]
        if len(best) == 1:
            for i, _ in group:
                found.setdefault(i, i + best[0])
    if found:
        i, number = min(found.items())
        # (pages before the first numbered one count back, but not below 1: a title page
        # or a preface numbered in roman figures has no arabic number)
        return [number - i + j if number - i + j >= 1 else None for j in range(len(pages))]
    if len(labels) == len(pages) and all(label.isdigit() for label in labels):
        # Labels that only count the pages from 1 say nothing a reader sees printed.
        if [int(x) for x in labels] != list(range(1, len(pages) + 1)):
            return [int(x) for x in labels]
    return [None] * len(pages)


def _line_pitch(pages: list[Page], furniture: dict) -> float:
    """The usual distance between two lines of a paragraph, as a multiple of the font size."""
    ratios: Counter = Counter()
    for i, page in enumerate(pages):
        prev = None
        for k, ln in enumerate(page.lines):
            if (i, k) in furniture:
                continue
            if prev is not None and prev.column == ln.column and abs(prev.size - ln.size) < 0.5:
                d = ln.top - prev.top
                if d > 0:
                    ratios[round(d / ln.size, 1)] += 1
            prev = ln
    return ratios.most_common(1)[0][0] if ratios else 1.2


def _new_paragraph(prev: PageLine, ln: PageLine, pitch: float, title: bool,
                   prev_title: bool) -> bool:
    """An empty line between two printed lines: the font changes, a title begins or ends, or the
    line stands further below the one above than the line spacing."""
    if title != prev_title:
        return True
    if abs(prev.size - ln.size) > 0.5 or prev.bold != ln.bold:
        return True
    d = ln.top - prev.top
    return d > 0 and prev.column == ln.column and d > (pitch + 0.45) * ln.size


def _titles(pages: list[Page], furniture: dict, body: float,
            single: bool) -> set[tuple[int, int]]:
    """(page, line) of the title lines: on a page whose top (before the first paragraph of body
    text) holds a run of lines set clearly larger than the body, the largest such run, where its
    size is the title size of the document: of the first page, for a file that is one article;
    else the largest size of such runs on two pages or more (else of any), leaving out runs that
    body text follows at once (a section heading at a page top, not a title above its authors)."""
    runs = {i: _top_run(page, i, furniture, body) for i, page in enumerate(pages)}
    runs = {i: r for i, r in runs.items() if r and (not r[2] or single and i == 0)}
    if not runs:
        return set()
    if single:
        if 0 not in runs:
            return set()
        size = runs[0][0]
    else:
        counts = Counter(round(s * 2) / 2 for s, _, _ in runs.values())
        repeated = [s for s, c in counts.items() if c >= 2]
        size = max(repeated) if repeated else max(counts)
    out: set[tuple[int, int]] = set()
    for i, (s, keys, _) in runs.items():
        if abs(s - size) <= 0.6:
            out.update((i, k) for k in keys)
    return out


def _top_run(page: Page, i: int, furniture: dict, body: float):
    """(size, line indexes, body text follows it at once) of the largest run of big lines above
    the page's first body paragraph, or None."""
    lines = [(k, ln) for k, ln in enumerate(page.lines) if (i, k) not in furniture]
    if not lines:
        return None
    width = max(ln.x1 for _, ln in lines) - min(ln.x0 for _, ln in lines) or 1
    runs: list[tuple[float, list[int], bool]] = []
    cur: list[int] = []
    cur_size = 0.0
    for n, (k, ln) in enumerate(lines):
        big = ln.max_size >= 1.15 * body and ln.size >= 0.95 * body
        prose = (abs(ln.size - body) <= 0.1 * body and not ln.bold
                 and ln.x1 - ln.x0 >= 0.6 * width and len(ln.text) >= 40)
        if big and cur and abs(ln.max_size - cur_size) <= 0.6:
            cur.append(k)
            continue
        if cur:
            runs.append((cur_size, cur, prose))
            cur = []
        if big:
            cur, cur_size = [k], ln.max_size
            continue
        if prose or n >= 15:
            break
    if cur:
        runs.append((cur_size, cur, False))
    if not runs:
        return None
    return max(runs, key=lambda r: r[0])
