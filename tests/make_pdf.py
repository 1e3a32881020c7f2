"""Test helper: write small PDF volumes (Cyrillic text) with fpdf2.

`make_pdf` writes plain pages (the text's lines kept, a printed page number at the foot).
`make_layout_pdf` typesets pages the way proceedings print them: a title in a larger bold font,
author lines with superscript affiliation marks (`Иванов А.Б.^{1}`), paragraphs in one column or in
two, a running head at the top of each page and the page number at its foot.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Optional, Union

from fpdf import FPDF

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"  # covers Kazakh and Russian letters
BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
ITALIC = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Oblique.ttf"
PT = 25.4 / 72  # millimetres in a point
LEFT, WIDTH, GUTTER = 20.0, 170.0, 10.0
_SUP = re.compile(r"\^\{([^}]*)\}")


def _new_pdf() -> FPDF:
    pdf = FPDF(format="A4")
    pdf.set_creation_date(datetime(2024, 1, 1, tzinfo=timezone.utc))  # same bytes on every run
    pdf.add_font("DejaVu", fname=FONT)
    pdf.add_font("DejaVu", style="B", fname=BOLD)
    pdf.add_font("DejaVu", style="I", fname=ITALIC)
    pdf.set_auto_page_break(False)
    return pdf


def make_pdf(path: str | Path, pages: list[str], page_numbers_start: int = 1) -> Path:
    """Write one A4 page per string (lines kept as given; each must fit its page).

    The printed page number (page_numbers_start, +1, ...) stands centred at the bottom.
    """
    pdf = _new_pdf()
    pdf.set_font("DejaVu", size=10)
    for number, text in enumerate(pages, start=page_numbers_start):
        pdf.add_page()
        pdf.set_xy(20, 20)
        pdf.multi_cell(170, 5, text)
        pdf.set_xy(20, 280)
        pdf.cell(170, 5, str(number), align="C")
    path = Path(path)
    pdf.output(str(path))
    return path


@dataclass
class Para:
    """A paragraph: wrapped to its column, `^{1}` printed as a raised smaller mark."""

    text: str
    size: float = 10
    style: str = ""  # "", "B", "I"
    align: str = "L"  # "L" or "C"
    space_after: float = 2.0  # mm


@dataclass
class Columns:
    """Two columns side by side; the left one is read first."""

    left: list[Para]
    right: list[Para]


def make_layout_pdf(path: str | Path, pages: list[list[Union[Para, Columns]]],
                    running_head: Union[str, list[Optional[str]], None] = None,
                    first_number: Union[int, list[Optional[int]], None] = None,
                    head_on_first_page: bool = False, password: Optional[str] = None,
                    encrypt: bool = False, first_label: Optional[int] = None) -> Path:
    """Typeset `pages` (each a list of paragraphs and column pairs) on A4 pages.

    `running_head`: printed in small italics at the top of every page (from the second page on,
    unless `head_on_first_page`), or one per page (None: none); `first_number`: the printed number
    of the first page (each page prints its number at its foot), or one per page; `encrypt`:
    AES-128 with `password` as the user password (empty: anyone may open it); `first_label`:
    the PDF's own numeric page labels start at this number (nothing printed)."""
    heads = (running_head if isinstance(running_head, list) else
             [running_head if n or head_on_first_page else None for n in range(len(pages))])
    numbers = (first_number if isinstance(first_number, list) else
               [None if first_number is None else first_number + n for n in range(len(pages))])
    pdf = _new_pdf()
    if encrypt:
        from fpdf.enums import EncryptionMethod

        pdf.set_encryption(owner_password="owner", user_password=password or "",
                           encryption_method=EncryptionMethod.AES_128)
    for n, items in enumerate(pages):
        pdf.add_page()
        if first_label is not None and n == 0:
            pdf.set_page_label(label_style="D", label_start=first_label)
        if heads[n]:
            pdf.set_font("DejaVu", "I", 8)
            pdf.set_xy(LEFT, 10)
            pdf.cell(WIDTH, 4, heads[n], align="C")
        y = 22.0
        for item in items:
            if isinstance(item, Columns):
                width = (WIDTH - GUTTER) / 2
                bottom_left = _typeset(pdf, item.left, LEFT, y, width)
                bottom_right = _typeset(pdf, item.right, LEFT + width + GUTTER, y, width)
                y = max(bottom_left, bottom_right)
            else:
                y = _typeset(pdf, [item], LEFT, y, WIDTH)
        if numbers[n] is not None:
            pdf.set_font("DejaVu", "", 9)
            pdf.set_xy(LEFT, 282)
            pdf.cell(WIDTH, 4, str(numbers[n]), align="C")
    path = Path(path)
    pdf.output(str(path))
    return path


def _runs(text: str) -> list[tuple[str, bool]]:
    """(text, superscript?) pieces of a paragraph's markup."""
    out: list[tuple[str, bool]] = []
    pos = 0
    for m in _SUP.finditer(text):
        if m.start() > pos:
            out.append((text[pos:m.start()], False))
        out.append((m.group(1), True))
        pos = m.end()
    if pos < len(text):
        out.append((text[pos:], False))
    return out


def _typeset(pdf: FPDF, paras: list[Para], x0: float, y: float, width: float) -> float:
    """Write the paragraphs from (x0, y) down, wrapped to `width`; return the y below them."""
    for para in paras:
        pdf.set_font("DejaVu", para.style, para.size)
        leading = para.size * PT * 1.3
        # Words with their marks: a mark stays with the word it follows.
        words: list[list[tuple[str, bool]]] = []
        for text, sup in _runs(para.text):
            if sup:
                if words:
                    words[-1].append((text, True))
                else:
                    words.append([(text, True)])
                continue
            parts = text.split(" ")
            for k, w in enumerate(parts):
                if k == 0 and words and not text.startswith(" ") and w:
                    words[-1].append((w, False))
                elif w:
                    words.append([(w, False)])
        lines: list[list[list[tuple[str, bool]]]] = [[]]
        space = pdf.get_string_width(" ")
        used = 0.0
        for word in words:
            w = _width(pdf, para, word)
            if lines[-1] and used + space + w > width:
                lines.append([])
                used = 0.0
            used += (space if lines[-1] else 0) + w
            lines[-1].append(word)
        for line in lines:
            y += leading
            line_width = sum(_width(pdf, para, word) for word in line) + space * (len(line) - 1)
            x = x0 + (width - line_width) / 2 if para.align == "C" else x0
            for k, word in enumerate(line):
                if k:
                    x += space
                for text, sup in word:
                    if sup:
                        pdf.set_font("DejaVu", para.style, para.size * 0.6)
                        pdf.text(x, y - para.size * PT * 0.4, text)
                        x += pdf.get_string_width(text)
                        pdf.set_font("DejaVu", para.style, para.size)
                    else:
                        pdf.text(x, y, text)
                        x += pdf.get_string_width(text)
        y += para.space_after
    return y


def _width(pdf: FPDF, para: Para, word: list[tuple[str, bool]]) -> float:
    total = 0.0
    for text, sup in word:
        if sup:
            pdf.set_font("DejaVu", para.style, para.size * 0.6)
            total += pdf.get_string_width(text)
            pdf.set_font("DejaVu", para.style, para.size)
        else:
            total += pdf.get_string_width(text)
    return total


def make_scanned_pdf(path: str | Path, pages: int = 2) -> Path:
    """A PDF of page images only, as a scanner writes it: no text layer."""
    from PIL import Image

    pdf = _new_pdf()
    for _ in range(pages):
        pdf.add_page()
        pdf.image(Image.new("L", (200, 280), 200), x=10, y=10, w=190)
    path = Path(path)
    pdf.output(str(path))
    return path
