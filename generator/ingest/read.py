"""Stage 1, read: turn an input path (text file, folder of text files, or PDF) into SourceTexts.

Encodings are detected (BOMs, UTF-16 without a BOM, strict UTF-8, then the legacy code page
whose letters make words: Windows Cyrillic and Kazakh, KOI8-R, DOS, Mac, ISO; charset-normalizer
only where letters decide nothing), newlines normalised to LF, invisible characters removed
(invisible.py), and every line keeps its 1-based raw number. Every file of an input folder is
read: one that is not a readable volume is an error naming it (a warning with `skip_bad`).
"""
from __future__ import annotations

import codecs
import contextlib
import dataclasses
import hashlib
import logging
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Optional

from ..errors import JinaqError, text_line
from ..util.fsutil import settled_bytes
from .invisible import has_invisible, strip_invisible
from ..model import SourceText

TEXT_SUFFIXES = {".txt", ".text", ""}
_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
]
# Characters that never occur in extracted text; many of them mean the file is not text at all.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b]")
_CONTROL_BYTES = bytes([*range(0x09), *range(0x0e, 0x1c)])
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
# Files the desktop writes into any folder (thumbnails, folder settings): never a volume.
_DESKTOP_FILES = {"thumbs.db", "desktop.ini"}
log = logging.getLogger(__name__)

# What each file was read as, by ("pdf" | "text", path, read as one article, a digest of
# its bytes): the text and the warnings reading it said (kept between builds by a build cache).
ReadKey = tuple[str, str, bool, bytes]
ReadMemo = dict[ReadKey, tuple[SourceText, list[str]]]


def read_input(path: str | Path, skip_bad: bool = False, order: Optional[list[str]] = None,
               memo: Optional[ReadMemo] = None) -> list[SourceText]:
    """Read one input: a file, a folder (files in name order, or in `order`: the file names
    listed in volume.yml) or a PDF. In a folder of several files, each PDF is one article (or
    front or back matter) of the volume.

    In a folder every file counts (hidden files and the desktop's own files aside): one that is
    not a .txt/.pdf volume, or that cannot be read, stops with its name; `skip_bad` makes that a
    warning and leaves the file out. `memo` (kept between builds by the caller) holds what each
    file's bytes were read as, with the warnings said then: an unchanged file is not decoded or
    parsed again, and its warnings are said again."""
    p = Path(path)
    if not p.exists():
        raise JinaqError("input not found", str(p), hint="give a .txt file, a folder of them or a PDF")
    used: set[ReadKey] = set()
    texts = _read_folder(p, skip_bad, order, memo, used) if p.is_dir() \
        else _read_file(p, memo=memo, used=used)
    if memo is not None:  # (a file gone from the input, or read otherwise now: its entry goes)
        for gone in [k for k in memo if k not in used]:
            del memo[gone]
    return texts


def _read_folder(p: Path, skip_bad: bool, order: Optional[list[str]] = None,
                 memo: Optional[ReadMemo] = None,
                 used: Optional[set[ReadKey]] = None) -> list[SourceText]:
    candidates = []
    for f in sorted(p.iterdir()):
        if f.name.startswith(".") or f.name.lower() in _DESKTOP_FILES:
            continue
        if f.is_dir():
            log.warning(f"jinaq: warning: {f}: a folder inside the input folder is not read")
            continue
        candidates.append(f)
    volume_files = [f for f in candidates if f.suffix.lower() in TEXT_SUFFIXES | {".pdf"}]
    if order:
        volume_files = _in_order(volume_files, order, p)
    # Files that are no volume file come last, where they stop the build (or are skipped).
    candidates = volume_files + [f for f in candidates if f not in volume_files]
    # (A folder holding one file holds the whole volume in it, not one article.)
    single = len(volume_files) > 1
    texts: list[SourceText] = []
    for f in candidates:
        try:
            if f.suffix.lower() not in TEXT_SUFFIXES | {".pdf"}:
                raise JinaqError(f"not a volume file ({f.suffix} in the input folder)", str(f),
                                 hint="give the volume as .txt files or PDFs")
            texts.extend(_read_file(f, single=single, memo=memo, used=used))
        except JinaqError as exc:
            if not skip_bad:
                raise JinaqError(exc.message, exc.path, exc.line, hint=(
                    (exc.hint + "; " if exc.hint else "")
                    + "remove it from the input folder, or pass --skip-bad to leave it out")
                ) from None
            log.warning(f"jinaq: warning: skipped {exc}")
    if not texts:
        raise JinaqError("folder holds no readable .txt or .pdf file", str(p))
    return texts


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


# How long a file changed since the last preview build must keep its size and time before it
# is taken as saved (seconds): longer than the pauses of a writer that saves in place
# (util/fsutil.py), short beside a rebuild.
SAVE_QUIET = 0.1


def _read_file(p: Path, single: bool = False, memo: Optional[ReadMemo] = None,
               used: Optional[set[ReadKey]] = None) -> list[SourceText]:
    data = _bytes(p)
    is_pdf = p.suffix.lower() == ".pdf" or data[:5] == b"%PDF-"
    key = None
    if memo is not None:
        key = ("pdf" if is_pdf else "text", str(p), single,
               hashlib.blake2b(data, digest_size=20).digest())
        if key not in memo and any(k[1] == str(p) for k in memo):
            # Changed since the last build (a preview's): the editor may be saving it still.
            data = _bytes(p, quiet=SAVE_QUIET)
            key = (*key[:3], hashlib.blake2b(data, digest_size=20).digest())
        if used is not None:
            used.add(key)
        if key in memo:
            src, said = memo[key]
            for message in said:
                log.warning(message)
            # (a copy: later stages may replace its lines)
            return [dataclasses.replace(src, lines=list(src.lines))]
    with _said() as said:
        if is_pdf:
            from .pdf import read_pdf  # pdfminer is only imported for PDF input

            src = _without_invisible(read_pdf(p, single=single))
        else:
            src = read_text_file(p, data)
    if memo is not None and key is not None:  # (its earlier versions leave in read_input)
        memo[key] = (dataclasses.replace(src, lines=list(src.lines)), said)
    return [src]


def _bytes(p: Path, quiet: float = 0.0) -> bytes:
    try:
        return settled_bytes(p, quiet)
    except OSError as exc:
        raise JinaqError(f"cannot read the input: {exc.strerror}", str(p)) from None


@contextlib.contextmanager
def _said() -> Iterator[list[str]]:
    """The warnings reading one file says (this stage's loggers), to say again from the memo."""
    said: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            said.append(record.getMessage())

    handler, logger = Keep(logging.WARNING), logging.getLogger(__name__.rpartition(".")[0])
    logger.addHandler(handler)
    try:
        yield said
    finally:
        logger.removeHandler(handler)


def _without_invisible(src: SourceText, text: Optional[str] = None) -> SourceText:
    """`src` without invisible characters (`text`: its lines' text as read, when at hand)."""
    if has_invisible(text if text is not None else "\n".join(src.lines)):
        # (the whole text at once: a line break beside a character counts as a line's end)
        src.lines = strip_invisible("\n".join(src.lines)).split("\n")
    return src


def read_text_file(p: Path, data: Optional[bytes] = None) -> SourceText:
    """A text file (`data`: its bytes, when read already), without invisible characters."""
    try:
        data = p.read_bytes() if data is None else data
    except OSError as exc:
        raise JinaqError(f"cannot read the input: {exc.strerror}", str(p)) from None
    text, encoding = decode(data, str(p))
    lines = split_lines(text)
    if not any(line.strip() for line in lines):
        raise JinaqError("input is empty or only whitespace", str(p), hint="export the text again")
    check_has_letters(text, str(p))
    # (the decoded text holds what the lines hold, and line breaks: no need to join them)
    return _without_invisible(SourceText(name=p.name, lines=lines, encoding=encoding), text)


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
        text = data.decode("utf-8")
        # (UTF-8 writes these characters as the same bytes, and no other character with a byte
        # below 0x80: the bytes are checked in C at a seventh of the time the text takes)
        return (text if len(data.translate(None, _CONTROL_BYTES)) == len(data)
                else _check_text(text, name)), "utf-8"
    except UnicodeDecodeError as first:
        if _mostly_utf8(data):  # a few broken bytes in UTF-8 text: say where, guess nothing
            raise _undecodable(data, first, name, "utf-8") from None
        encoding = legacy_encoding(data)
        if encoding is not None:
            return _check_text(data.decode(encoding), name), encoding
        from charset_normalizer import from_bytes

        best = from_bytes(data, cp_isolation=list(LEGACY)).best()
        if best is None or best.encoding in ("utf_8", "ascii"):
            raise _undecodable(data, first, name, "utf-8") from None
        return _check_text(str(best), name), best.encoding


# Legacy code pages a Kazakh, Russian or English volume comes in, the likelier first (a tie goes
# to the first: Russian text is the same in cp1251 and KZ-1048, and is called cp1251).
LEGACY = ("cp1251", "kz1048", "koi8_r", "cp866", "mac_cyrillic", "iso8859_5", "cp1252")
_RU = set("абвгдеёжзийклмнопрстуфхцчшщъыьэюя")
_ALPHABETS = (_RU, _RU | set("әғқңөұүһі"), set("абвгґдеєжзиіїйклмнопрстуфхцчшщьюя"))
# The letters that make up most of any Russian or Kazakh text (about two thirds): a code page
# that turns them into rare letters (KOI8-R read as cp1251 gives words, but БХЙП…) is wrong.
_COMMON = set("аеиоынтсрлвкді")
_WORD_BYTES = re.compile(rb"[A-Za-z\x80-\xff]+")


def legacy_encoding(data: bytes) -> str | None:
    """The legacy code page in which `data`'s non-ASCII bytes spell the most real words, or None
    when no letter decides (then charset-normalizer guesses from the byte statistics).

    A word is real when its letters all belong to one alphabet (Russian, Kazakh, Ukrainian, Latin
    with a few accents) and its case is lower, Title or UPPER. Kazakh letters are the evidence
    for KZ-1048: read as cp1251 they become Ќ, ѕ, ј, ї…, which belong to no alphabet here."""
    words = Counter(w for w in _WORD_BYTES.findall(data) if max(w) >= 0x80)
    best, best_score = None, 0.0
    for encoding in LEGACY:
        good = bad = common = cyrillic = 0
        for raw, n in words.items():
            for run in re.findall(r"[^\W\d_]+", raw.decode(encoding, errors="replace")):
                if not any(ord(c) > 127 for c in run):
                    continue
                if _real_word(run):
                    good += n * len(run)
                else:
                    bad += n * len(run)
                low = run.lower()
                cyrillic += n * sum("а" <= c <= "я" or c in "ёәғқңөұүһі" for c in low)
                common += n * sum(c in _COMMON for c in low)
        score = (good - 2 * bad) * (common / cyrillic if cyrillic else 1.0)
        if score > best_score:
            best, best_score = encoding, score
    return best


def _mostly_utf8(data: bytes) -> bool:
    """Most non-ASCII characters form valid UTF-8 sequences (a legacy code page's letters
    hardly ever do): UTF-8 text with a broken spot, not another encoding."""
    text = data.decode("utf-8", errors="replace")
    broken = text.count("\ufffd")
    return sum(ord(c) > 127 for c in text) - broken > 4 * broken


def _real_word(run: str) -> bool:
    if not (run.islower() or run.isupper() or (run[0].isupper() and run[1:].islower())):
        return False
    low = run.lower()
    if all(unicodedata.name(c, "").startswith("LATIN") for c in low):
        # Accented letters are a few in a real Latin word ("café", "Müller"), not most of it.
        return sum(ord(c) > 127 for c in low) * 5 <= len(low) * 2
    return any(set(low) <= alphabet for alphabet in _ALPHABETS)


def _check_nul(data: bytes, name: str) -> str | None:
    """NUL bytes: UTF-16 without a byte-order mark (its encoding is returned), binary data (an
    error), or a few stray bytes in text (None: _check_text drops them)."""
    nuls = data.count(b"\x00")
    odd = data[1::2].count(b"\x00")
    # Every NUL in the same half of a 16-bit unit, and that half holding a few values only (0
    # for ASCII, 4 for Cyrillic): text in one or two scripts, whatever its share of spaces.
    high = data[1::2] if odd else data[0::2]
    common = sum(n for _, n in Counter(high).most_common(3))
    if nuls >= 2 and odd in (0, nuls) and common >= 0.95 * len(high):
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
    kept, count = _CONTROL.subn("", text)
    line = text[: m.start()].count("\n") + 1
    if count > max(_MAX_STRAY, len(text) // 1000) or count * 20 > len(text):
        raise JinaqError(f"binary data ({count} control characters from line {line} on): "
                         "not a text file", name, hint=_HINT)
    log.warning(f"jinaq: warning: {name}:{line}: {count} stray control character(s) "
                "(NUL, …) removed")
    return kept


def split_lines(text: str) -> list[str]:
    """Split on CRLF, CR or LF; a final newline does not open an extra line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines
