"""Part of stage 1, read: a PDF volume as text lines, each knowing its printed page number.

Pages are joined with a form feed, as pdftotext does, so the clean stage sees one layout family.
The printed number of a page is the page label when the PDF defines numeric labels, else a number
printed alone on the page's first or last line, else the page's position.
"""
from __future__ import annotations

import contextlib
import logging
import re
from pathlib import Path

from .errors import JinaqError
from .model import SourceText
from .read import check_has_letters, split_lines

_PAGE_NUMBER = re.compile(r"^\s*[-–—]?\s*(\d{1,4})\s*[-–—]?\s*$")


@contextlib.contextmanager
def _quiet_pypdf():
    """pypdf logs each repair it makes to a damaged file; the editor gets one error or nothing."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


def read_pdf(p: Path) -> SourceText:
    with _quiet_pypdf():
        return _read_pdf(p)


def _read_pdf(p: Path) -> SourceText:
    from pypdf import PdfReader

    try:
        reader = PdfReader(str(p))
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    raise JinaqError("the PDF is encrypted", str(p),
                                     hint="save an unprotected copy or give its text")
            except JinaqError:
                raise
            except Exception:
                raise JinaqError("the PDF is encrypted", str(p),
                                 hint="save an unprotected copy or give its text") from None
        pages = [page.extract_text() or "" for page in reader.pages]
        labels = list(reader.page_labels) if reader.page_labels else []
    except JinaqError:
        raise
    except RecursionError:
        raise JinaqError("cannot read the PDF: its objects refer to each other in a loop",
                         str(p), hint="export it again") from None
    # Whatever pypdf raises on a damaged file (its own errors, but also IndexError, ZeroDivision…).
    except Exception as exc:  # noqa: BLE001
        raise JinaqError(f"cannot read the PDF ({exc.__class__.__name__}): truncated or damaged",
                         str(p), hint="export it again") from None
    if not any(t.strip() for t in pages):
        raise JinaqError("the PDF has no extractable text (scanned images?)", str(p),
                         hint="run OCR first and give the text")
    check_has_letters("".join(pages), str(p))
    lines: list[str] = []
    page_of_line: list[int | None] = []
    for i, text in enumerate(pages):
        page_lines = split_lines(text)
        printed = _printed_number(i, page_lines, labels)
        if i > 0:
            page_lines = ["\f" + (page_lines[0] if page_lines else "")] + page_lines[1:]
        lines.extend(page_lines)
        page_of_line.extend([printed] * len(page_lines))
    return SourceText(name=p.name, lines=lines, encoding="pdf", page_of_line=page_of_line)


def _printed_number(index: int, page_lines: list[str], labels: list[str]) -> int:
    if index < len(labels) and labels[index].isdigit() and labels[index] != str(index + 1):
        return int(labels[index])
    content = [line for line in page_lines if line.strip()]
    for line in (content[-1:] + content[:1]) if content else []:
        m = _PAGE_NUMBER.match(line)
        if m:
            return int(m.group(1))
    return index + 1
