"""Part of stage 1, read: the printed lines of one PDF page, in reading order, with their layout.

pdfminer.six gives the page's characters with their font, size and position; this module makes
lines of them (characters on one baseline, a smaller raised digit being a footnote or affiliation
mark), splits a two-column page at its gutter and reads it column by column, and says of each line
its font size, weight, slant, position and column. What the lines mean (furniture, titles,
paragraphs, printed page numbers) is decided over the whole document in `pdf.py`.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Optional

# Font names of bold and italic faces: `TimesNewRomanPS-BoldMT`, TeX's `SFBX1200` / `CMBX10`
# (bold extended), `NimbusRomNo9L-Medi`, `…-Semibold`; `…-Italic`, `CMTI10`, `SFTI1000`, `…-Oblique`.
_BOLD = re.compile(r"bold|black|heavy|semibold|demi|medi\b|medium|(?:^|[+_-])(?:cm|sf|lm|ec)bx", re.I)
_ITALIC = re.compile(r"italic|oblique|(?:^|[+_-])(?:cm|sf|lm|ec)(?:ti|sl|it)\d|-it\b|-ital", re.I)
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st",
                            "ﬆ": "st"})
_MARK = re.compile(r"^[\d*†‡,]$")  # what a raised small character may be to count as a mark


@dataclass(slots=True)
class Glyph:
    """One printed character: pdfminer's LTChar reduced to what the line builder reads."""

    text: str
    x0: float
    x1: float
    y0: float  # from the page's foot, as PDF coordinates go
    y1: float
    size: float
    bold: bool
    italic: bool


@dataclass
class PageLine:
    """One printed line (or, on a page in columns, one column's part of it)."""

    text: str
    x0: float
    x1: float
    top: float  # distance of the line's top from the top of the page
    base: float  # distance of the line's bottom (its body characters') from the top of the page
    size: float  # the font size of most of its characters
    max_size: float  # the largest character (titles in small capitals mix two sizes)
    bold: bool
    italic: bool
    column: int = 0  # 0 spans the page (or the page has one column), 1 left, 2 right …
    chars: int = 0  # characters other than spaces


@dataclass
class Page:
    width: float
    height: float
    lines: list[PageLine] = field(default_factory=list)


def glyph_device(manager):
    """A pdfminer device that keeps each page's characters as Glyphs (upright) or LTChars
    (rotated): it builds no layout objects for text, lines or images, which makes reading about
    a third faster than pdfminer's own page aggregator."""
    from pdfminer.converter import PDFLayoutAnalyzer
    from pdfminer.layout import LTChar
    from pdfminer.pdffont import PDFUnicodeNotDefined

    class GlyphDevice(PDFLayoutAnalyzer):
        def __init__(self, rsrcmgr):
            super().__init__(rsrcmgr, laparams=None)
            self.glyphs: list[Glyph] = []
            self.rotated: list = []
            self.images = 0
            self.bbox = (0.0, 0.0, 0.0, 0.0)
            self._styles: dict = {}

        def begin_page(self, page, ctm):
            super().begin_page(page, ctm)
            self.glyphs, self.rotated, self.images = [], [], 0

        def receive_layout(self, ltpage):
            self.bbox = ltpage.bbox

        def paint_path(self, gstate, stroke, fill, evenodd, path):
            pass  # rules and boxes say nothing about the text

        def render_image(self, name, stream):
            self.images += 1  # a page of images and no text is a scanned page

        def render_char(self, matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate):
            adv = font.char_width(cid) * fontsize * scaling
            try:
                text = font.to_unichr(cid)
            except PDFUnicodeNotDefined:
                return adv  # the font maps the glyph to no character: its letter is lost
            if len(text) > 3:
                # A broken character map gives one glyph a whole phrase (`-массивов на основе`
                # for a hyphen): no ligature is longer than three letters.
                text = text[0]
            a, b, c, d, e, f = matrix
            if b or c or a <= 0 or d <= 0 or font.is_vertical():
                item = LTChar(matrix, font, fontsize, scaling, rise, text, font.char_width(cid),
                              font.char_disp(cid), ncs, graphicstate)
                if item.upright:
                    self.glyphs.append(Glyph(text, item.x0, item.x1, item.y0, item.y1,
                                             item.size, *self._style(font.fontname)))
                else:
                    self.rotated.append(item)
                return adv
            # Upright text: pdfminer's LTChar box, computed without the object.
            low = f + d * (font.get_descent() * fontsize + rise)
            size = d * fontsize
            self.glyphs.append(Glyph(text, e, e + a * adv, low, low + size, size,
                                     *self._style(font.fontname)))
            return adv

        def _style(self, name: str) -> tuple[bool, bool]:
            style = self._styles.get(name)
            if style is None:
                style = self._styles[name] = (bool(_BOLD.search(name)),
                                              bool(_ITALIC.search(name)))
            return style

    return GlyphDevice(manager)


def page_lines(glyphs: list[Glyph], width: float, height: float) -> Page:
    """The page's lines in reading order: rows of glyphs, split at a column gutter."""
    page = Page(width, height)
    # Text set outside the page (cut off by the crop, or hidden there) is not printed.
    glyphs = [g for g in glyphs if g.x1 > 0 and g.x0 < width and g.y1 > 0 and g.y0 < height]
    rows = _rows(glyphs)
    if not rows:
        return page
    for row, column in _reading_order(rows, 0):
        line = _line(row, height, column)
        if line is not None:
            page.lines.append(line)
    return page


def rotated_lines(items: list, height: float) -> list[PageLine]:
    """Text set sideways (a margin note, a rotated table head): one line per vertical run, at the
    end of its page, so nothing printed is lost."""
    runs: dict[int, list] = {}
    for c in items:
        runs.setdefault(round((c.x0 + c.x1) / 2 / 4), []).append(c)
    out = []
    for key in sorted(runs):
        chars = runs[key]
        clockwise = chars[0].matrix[1] < 0
        chars.sort(key=lambda c: c.y0, reverse=clockwise)
        text = re.sub(r"\s+", " ", "".join(c.get_text() for c in chars)).strip()
        if text:
            size = Counter(round(c.width, 1) for c in chars).most_common(1)[0][0]
            top = height - max(c.y1 for c in chars)
            out.append(PageLine(text.translate(_LIGATURES), min(c.x0 for c in chars),
                                max(c.x1 for c in chars), top, height - min(c.y0 for c in chars),
                                size, size, False, False, 0, len(text.replace(" ", ""))))
    return out


def _rows(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """Glyphs grouped into rows by vertical overlap, top row first; a small raised or lowered
    glyph (a mark, an index) joins the row it overlaps."""
    rows: list[list] = []  # [y0, y1, size, glyphs] of the row's largest glyph
    for g in sorted(glyphs, key=lambda g: -(g.y0 + g.y1)):
        if g.text.isspace() and g.x1 - g.x0 > 3 * g.size:
            continue  # a stretched space glyph says nothing of the row
        best, best_overlap = None, 0.0
        # Only the last rows can overlap: glyphs come from the top down.
        for r in rows[-4:]:
            overlap = min(r[1], g.y1) - max(r[0], g.y0)
            if overlap > best_overlap and overlap >= 0.5 * min(r[1] - r[0], g.y1 - g.y0):
                best, best_overlap = r, overlap
        if best is None:
            rows.append([g.y0, g.y1, g.size, [g]])
            continue
        best[3].append(g)
        if g.size > best[2] and not g.text.isspace():
            best[0], best[1], best[2] = g.y0, g.y1, g.size
    out = []
    for r in rows:
        row = sorted(r[3], key=lambda g: g.x0)
        # Text printed twice over itself (fake bold): keep one copy.
        deduped = [row[0]]
        for g in row[1:]:
            p = deduped[-1]
            if g.text == p.text and abs(g.x0 - p.x0) < 0.15 * g.size and abs(g.y0 - p.y0) < 1:
                continue
            deduped.append(g)
        out.append(deduped)
    out.sort(key=lambda row: -max(g.y1 for g in row if not g.text.isspace()) if any(
        not g.text.isspace() for g in row) else 0)
    return out


def _ink(row: list[Glyph]) -> list[Glyph]:
    return [g for g in row if not g.text.isspace()]


def _spans(ink: list[Glyph]) -> list[tuple[float, float]]:
    """Stretches of a row's text with no gap in them wider than a word space."""
    size = Counter(round(g.size) for g in ink).most_common(1)[0][0] or 1
    spans = []
    start = ink[0].x0
    for a, b in zip(ink, ink[1:]):
        if b.x0 - a.x1 > 0.8 * size:
            spans.append((start, a.x1))
            start = b.x0
    spans.append((start, ink[-1].x1))
    return spans


def _gutter(rows: list[list[Glyph]]) -> Optional[float]:
    """The x of a column gutter: a vertical strip in the middle of the text that a run of rows
    (six or more, one after another) leaves open, with text on both sides of it; rows that cross
    it (a title, a running head) only end the run."""
    spans = [_spans(ink) for ink in map(_ink, rows) if ink]
    if len(spans) < 6:
        return None
    left = min(s[0][0] for s in spans)
    right = max(s[-1][1] for s in spans)
    width = right - left
    if width < 100:
        return None
    scores: list[tuple[float, int]] = []
    x = left + 0.2 * width
    while x <= left + 0.8 * width:
        score = run = lefts = rights = 0
        for row in spans:
            if any(a <= x <= b for a, b in row):  # the row crosses: the run ends
                if run >= 6 and lefts >= 3 and rights >= 3:
                    score += lefts + rights
                run = lefts = rights = 0
                continue
            run += 1
            lefts += row[0][0] < x
            rights += row[-1][1] > x
        if run >= 6 and lefts >= 3 and rights >= 3:
            score += lefts + rights
        scores.append((x, score))
        x += 2
    best = max(score for _, score in scores)
    if not best:
        return None
    # The middle of the strip of best positions around the first best one.
    k = next(n for n, (_, score) in enumerate(scores) if score == best)
    a = b = k
    while a > 0 and scores[a - 1][1] >= 0.9 * best:
        a -= 1
    while b < len(scores) - 1 and scores[b + 1][1] >= 0.9 * best:
        b += 1
    return (scores[a][0] + scores[b][0]) / 2


def _reading_order(rows: list[list[Glyph]], depth: int):
    """(row, column) pairs in reading order: a run of rows split by the gutter is read left part
    first, then right part; a row that crosses the gutter (a title, a wide table) ends the run."""
    x = _gutter(rows) if depth < 2 else None
    if x is None:
        for row in rows:
            yield row, 0
        return
    band_left: list = []
    band_right: list = []

    def flush():
        base = 2 * depth + 1
        for part, col in ((band_left, base), (band_right, base + 1)):
            for row, sub in _reading_order(part, depth + 1) if part else ():
                yield row, sub or col

    for row in rows:
        ink = _ink(row)
        if not ink:
            continue
        if any(a <= x <= b for a, b in _spans(ink)):
            yield from flush()
            band_left, band_right = [], []
            yield row, 0
            continue
        left = [g for g in row if g.x1 <= x]
        right = [g for g in row if g.x0 >= x]
        if _ink(left):
            band_left.append(left)
        if _ink(right):
            band_right.append(right)
    yield from flush()


def _line(row: list[Glyph], height: float, column: int) -> Optional[PageLine]:
    ink = _ink(row)
    if not ink:
        return None
    sizes: Counter[float] = Counter()
    for g in ink:
        sizes[round(g.size, 1)] += 1
    size = sizes.most_common(1)[0][0]
    # Body glyphs: those near the common size; their lowest edge is the line's bottom.
    body = [g for g in ink if g.size >= 0.85 * size] or ink
    y0 = sorted(g.y0 for g in body)[len(body) // 2]
    parts: list[str] = []
    prev: Optional[Glyph] = None
    prev_mark = False
    for g in row:
        if g.text.isspace():
            if parts and parts[-1] != " ":
                parts.append(" ")
            continue
        mark = (g.size <= 0.85 * size and g.y0 - y0 >= 0.25 * size and _MARK.match(g.text)
                is not None)
        if prev is not None and parts and parts[-1] != " ":
            gap = g.x0 - prev.x1
            if gap > 0.15 * max(g.size, prev.size) and not mark or prev_mark and not mark and gap > 0.1 * size:
                parts.append(" ")
        if mark:
            # A footnote or affiliation mark goes with the word before it, without a space.
            if parts and parts[-1] == " " and len(parts) > 1:
                parts.pop()
            parts.append(g.text.translate(_SUPERSCRIPT))
        else:
            parts.append(g.text)
        prev, prev_mark = g, mark
    text = "".join(parts).translate(_LIGATURES)
    text = re.sub(r"\s+", " ", text).strip()
    if not text:
        return None
    bold = sum(g.bold for g in body) > 0.6 * len(body)
    italic = sum(g.italic for g in body) > 0.6 * len(body)
    top = height - max(g.y1 for g in body)
    return PageLine(text, ink[0].x0, ink[-1].x1, top, height - y0, size,
                    max(round(g.size, 1) for g in body), bold, italic, column, len(ink))
