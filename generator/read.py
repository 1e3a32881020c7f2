"""Stage 1, read: turn an input path (text file, folder of text files, or PDF) into SourceTexts.

Encodings are detected (BOMs, strict UTF-8, then charset-normalizer for legacy Cyrillic code
pages), newlines normalised to LF, and every line keeps its 1-based raw number.
"""
from __future__ import annotations

import codecs
import logging
import re
from pathlib import Path
from typing import Optional

from .errors import JinaqError, text_line
from .model import SourceText

TEXT_SUFFIXES = {".txt", ".text", ""}
_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
]
# Characters that never occur in extracted text; many of them mean the file is not text at all.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b]")
# More stray control characters than this (or than 1 in 1000 characters, or a twentieth of a
# short file) means binary data.
_MAX_STRAY = 8
# Files editors give by mistake, by their first bytes. Written out because naming the format in
# the message is all we need, and a file-type library would add a dependency for six prefixes.
_SIGNATURES = [
    (b"\x89PNG\r\n\x1a\n", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"), (b"PK\x03\x04", "a ZIP archive (a .docx or .odt?)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a Microsoft Office file (a .doc?)"),
    (b"\x1f\x8b", "a gzip archive"), (b"{\\rtf", "an RTF document"),
    (b"II*\x00", "a TIFF image"), (b"MM\x00*", "a TIFF image"),
]
_HINT = "give the volume as a UTF-8 .txt file or as a PDF"
log = logging.getLogger(__name__)


def read_input(path: str | Path, order: Optional[list[str]] = None) -> list[SourceText]:
    """Read one input: a file, a folder (files in name order, or in `order`: the file names
    listed in volume.yml) or a PDF. In a folder of several files, each PDF is one article (or
    front or back matter) of the volume."""
    p = Path(path)
    if not p.exists():
        raise JinaqError("input not found", str(p), hint="give a .txt file, a folder of them or a PDF")
    if p.is_dir():
        files = sorted(f for f in p.iterdir()
                       if f.is_file() and not f.name.startswith(".")
                       and (f.suffix.lower() in TEXT_SUFFIXES or f.suffix.lower() == ".pdf"))
        if not files:
            raise JinaqError("folder holds no .txt or .pdf file", str(p))
        if order:
            files = _in_order(files, order, p)
        # (A folder holding one PDF holds the whole volume in it, not one article.)
        texts = [t for f in files for t in _read_file(f, single=len(files) > 1)]
        return texts
    return _read_file(p)


def _in_order(files: list[Path], order: list[str], folder: Path) -> list[Path]:
    """The folder's files in the order volume.yml lists them; files it does not list follow in
    name order (with a warning), a listed file that is not there is an error."""
    by_name = {f.name: f for f in files}
    missing = [name for name in order if name not in by_name]
    if missing:
        raise JinaqError(f"volume.yml lists '{missing[0]}' under files, but the folder has no "
                         "such .txt or .pdf file", str(folder), hint="correct the name or add the file")
    listed = [by_name[name] for name in dict.fromkeys(order)]
    rest = [f for f in files if f.name not in set(order)]
    if rest:
        log.warning(f"jinaq: warning: {folder}: not listed under files in volume.yml, read after "
                    f"the listed ones: {', '.join(f.name for f in rest)}")
    return listed + rest


def _read_file(p: Path, single: bool = False) -> list[SourceText]:
    try:
        with p.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise JinaqError(f"cannot read the input: {exc.strerror}", str(p)) from None
    if p.suffix.lower() == ".pdf" or head[:5] == b"%PDF-":
        from .pdf import read_pdf  # pdfminer is only imported for PDF input

        return [read_pdf(p, single=single)]
    return [read_text_file(p)]


def read_text_file(p: Path) -> SourceText:
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise JinaqError(f"cannot read the input: {exc.strerror}", str(p)) from None
    text, encoding = decode(data, str(p))
    lines = split_lines(text)
    if not any(line.strip() for line in lines):
        raise JinaqError("input is empty or only whitespace", str(p), hint="export the text again")
    check_has_letters(text, str(p))
    return SourceText(name=p.name, lines=lines, encoding=encoding)


def check_has_letters(text: str, name: str) -> None:
    """Only digits, punctuation and spaces (page numbers, rules) hold no article to find."""
    if not any(c.isalpha() for c in text):
        raise JinaqError("no letters in the input, only numbers, punctuation or spaces: "
                         "no article to find", name, hint="is this the text of the volume?")


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Decode bytes: known binary formats refused, BOM, UTF-16 without BOM, strict UTF-8, then a
    detected legacy code page."""
    if not data.strip():
        raise JinaqError("input is empty or only whitespace", name, hint="export the text again")
    for magic, kind in _SIGNATURES:
        if data.startswith(magic):
            raise JinaqError(f"this is {kind}, not text", name, hint=_HINT)
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return _check_text(data.decode(enc).lstrip("\ufeff"), name), enc
            except UnicodeDecodeError as exc:
                raise _undecodable(data, exc, name, enc) from None
    if b"\x00" in data:
        utf16 = _check_nul(data, name)
        if utf16:
            return _check_text(data.decode(utf16), name), utf16
    try:
        return _check_text(data.decode("utf-8"), name), "utf-8"
    except UnicodeDecodeError as first:
        from charset_normalizer import from_bytes

        best = from_bytes(data, cp_isolation=["cp1251", "koi8_r", "cp866", "mac_cyrillic",
                                               "iso8859_5", "cp1252"]).best()
        if best is None or best.encoding in ("utf_8", "ascii"):
            raise _undecodable(data, first, name, "utf-8") from None
        return _check_text(str(best), name), best.encoding


def _check_nul(data: bytes, name: str) -> str | None:
    """NUL bytes: UTF-16 without a byte-order mark (its encoding is returned), binary data (an
    error), or a few stray bytes in text (None: _check_text drops them)."""
    nuls = data.count(b"\x00")
    odd = data[1::2].count(b"\x00")
    if nuls * 10 >= len(data) and odd in (0, nuls):  # every NUL the same half of a 16-bit unit
        encoding = "utf-16-le" if odd else "utf-16-be"
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            text = ""
        if text and sum(c.isprintable() or c in "\n\r\t\f" for c in text) >= 0.99 * len(text):
            return encoding
    if nuls > max(_MAX_STRAY, len(data) // 1000):
        first = text_line(data, data.index(b"\x00"))
        raise JinaqError(f"binary data ({nuls} NUL bytes from line {first} on): not a text file",
                         name, hint=_HINT)
    return None


def _undecodable(data: bytes, exc: UnicodeDecodeError, name: str, enc: str) -> JinaqError:
    return JinaqError(f"bytes that are not valid {enc} text (a broken or mixed encoding)", name,
                      text_line(data, exc.start),
                      hint="save the file as UTF-8, or fix the characters on that line")


def _check_text(text: str, name: str) -> str:
    """Drop a few stray control characters (a warning names the first line); refuse many."""
    m = _CONTROL.search(text)
    if not m:
        return text
    count = len(_CONTROL.findall(text))
    line = text[: m.start()].count("\n") + 1
    if count > max(_MAX_STRAY, len(text) // 1000) or count * 20 > len(text):
        raise JinaqError(f"binary data ({count} control characters from line {line} on): "
                         "not a text file", name, hint=_HINT)
    log.warning(f"jinaq: warning: {name}:{line}: {count} stray control character(s) "
                "(NUL, …) removed")
    return _CONTROL.sub("", text)


def split_lines(text: str) -> list[str]:
    """Split on CRLF, CR or LF; a final newline does not open an extra line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines
