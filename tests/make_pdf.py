"""Test helper: write a small PDF volume (Cyrillic text, a printed page number on each page)."""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from fpdf import FPDF

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"  # covers Kazakh and Russian letters


def make_pdf(path: str | Path, pages: list[str], page_numbers_start: int = 1) -> Path:
    """Write one A4 page per string (lines kept as given; each must fit its page).

    The printed page number (page_numbers_start, +1, ...) stands centred at the bottom.
    """
    pdf = FPDF(format="A4")
    pdf.set_creation_date(datetime(2024, 1, 1, tzinfo=timezone.utc))  # same bytes on every run
    pdf.add_font("DejaVu", fname=FONT)
    pdf.set_font("DejaVu", size=10)
    pdf.set_auto_page_break(False)
    for number, text in enumerate(pages, start=page_numbers_start):
        pdf.add_page()
        pdf.set_xy(20, 20)
        pdf.multi_cell(170, 5, text)
        pdf.set_xy(20, 280)
        pdf.cell(170, 5, str(number), align="C")
    path = Path(path)
    pdf.output(str(path))
    return path
