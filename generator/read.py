"""Stage 1, read: turn an input path (text file, folder of text files, or PDF) into SourceTexts.

Encodings are detected (BOMs, strict UTF-8, then charset-normalizer for legacy Cyrillic code
pages), newlines normalised to LF, and every line keeps its 1-based raw number.
"""
from __future__ import annotations

import codecs
import re
from pathlib import Path

from .errors import JinaqError
from .model import SourceText

TEXT_SUFFIXES = {".txt", ".text", ""}
_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
]
# Characters that never occur in extracted text; many of them mean the file is not text at all.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b]")


def read_input(path: str | Path) -> list[SourceText]:
    """Read one input: a file, a folder (files in name order) or a PDF."""
    p = Path(path)
    if not p.exists():
        raise JinaqError("input not found", str(p), hint="give a .txt file, a folder of them or a PDF")
    if p.is_dir():
        files = sorted(f for f in p.iterdir()
                       if f.is_file() and not f.name.startswith(".")
                       and (f.suffix.lower() in TEXT_SUFFIXES or f.suffix.lower() == ".pdf"))
        if not files:
            raise JinaqError("folder holds no .txt or .pdf file", str(p))
        texts = [t for f in files for t in read_input(f)]
        return texts
    if p.suffix.lower() == ".pdf" or p.read_bytes()[:5] == b"%PDF-":
        from .pdf import read_pdf  # pypdf is only imported for PDF input

        return [read_pdf(p)]
    return [read_text_file(p)]


def read_text_file(p: Path) -> SourceText:
    data = p.read_bytes()
    text, encoding = decode(data, str(p))
    lines = split_lines(text)
    if not any(line.strip() for line in lines):
        raise JinaqError("input is empty or only whitespace", str(p), hint="export the text again")
    return SourceText(name=p.name, lines=lines, encoding=encoding)


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Decode bytes: BOM first, then strict UTF-8, then a detected legacy code page."""
    if not data.strip():
        raise JinaqError("input is empty or only whitespace", name, hint="export the text again")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return _check_text(data.decode(enc).lstrip("\ufeff"), name), enc
            except UnicodeDecodeError as exc:
                raise _undecodable(data, exc, name, enc) from None
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise JinaqError("binary data (NUL bytes): this is not a text file", name, line,
                         hint="convert the PDF to text, or give the PDF itself")
    try:
        return _check_text(data.decode("utf-8"), name), "utf-8"
    except UnicodeDecodeError as first:
        from charset_normalizer import from_bytes

        best = from_bytes(data, cp_isolation=["cp1251", "koi8_r", "cp866", "mac_cyrillic",
                                               "iso8859_5", "cp1252"]).best()
        if best is None or best.encoding in ("utf_8", "ascii"):
            raise _undecodable(data, first, name, "utf-8") from None
        return _check_text(str(best), name), best.encoding


def _undecodable(data: bytes, exc: UnicodeDecodeError, name: str, enc: str) -> JinaqError:
    line = data[: exc.start].count(b"\n") + 1
    return JinaqError(f"bytes that are not valid {enc} text", name, line,
                      hint="save the file as UTF-8")


def _check_text(text: str, name: str) -> str:
    m = _CONTROL.search(text)
    if m and len(_CONTROL.findall(text[:65536])) > 8:
        line = text[: m.start()].count("\n") + 1
        raise JinaqError("binary data (control characters): this is not a text file", name, line)
    return _CONTROL.sub("", text) if m else text


def split_lines(text: str) -> list[str]:
    """Split on CRLF, CR or LF; a final newline does not open an extra line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines
