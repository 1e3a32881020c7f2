"""Small text helpers shared by several stages: look-alike letters, slugs, normalisation.

They live here (not in a stage) because the clean stage, the glossary matcher and the search index
must apply exactly the same rules, and search exports the same tables to the browser.
"""
from __future__ import annotations

import functools
import re
import unicodedata

from slugify import slugify

# Latin letters that PDF extraction puts inside Cyrillic words, and the Cyrillic letter meant.
LOOKALIKES: dict[str, str] = {
    "\u0259": "\u04d9",  # ə -> ә (Latin schwa for Kazakh ә)
    "\u018f": "\u04d8",  # Ə -> Ә
    "a": "а", "c": "с", "e": "е", "o": "о", "p": "р", "x": "х", "y": "у", "i": "і",
    "A": "А", "B": "В", "C": "С", "E": "Е", "H": "Н", "K": "К", "M": "М", "O": "О",
    "P": "Р", "T": "Т", "X": "Х", "I": "І",
}
# Letters that are never Latin in a Cyrillic context, whatever their neighbours.
ALWAYS_CYRILLIC = {"\u0259": "\u04d9", "\u018f": "\u04d8"}

_CYR = "\u0400-\u04ff"
_WORD = re.compile(r"[A-Za-z\u0259\u018f" + _CYR + r"]+")
# "Is there a Cyrillic / Latin letter": the one copy every stage uses.
CYRILLIC = re.compile("[" + _CYR + "]")
LATIN = re.compile(r"[A-Za-z]")
_LATIN_OR_SCHWA = re.compile("[A-Za-z\u0259\u018f]")
# A word can change only if it mixes scripts (then two letters of different scripts touch) or
# holds a schwa: checking that in C keeps most lines out of the per-word Python callback.
_C, _L = "[" + _CYR + "]", r"[A-Za-z\u0259\u018f]"
_MIXED = re.compile(f"{_C}{_L}|{_L}{_C}|[\u0259\u018f]")
# The whole of each such word (a lazy scan from each word start, in C).
_W = r"[A-Za-z\u0259\u018f" + _CYR + "]"
_SUSPECT = re.compile(f"(?<!{_W}){_W}*?(?:{_C}{_L}|{_L}{_C}|[\u0259\u018f]){_W}*+")
# Where fix_lookalikes may change a text: the same pairs, found from their Latin letter (rare in
# Cyrillic text, so the scan skips ahead in C): for one scan of a whole file.
MAY_MIX = re.compile(f"{_L}(?:(?<={_C}{_L})|(?={_C})|(?<=[\u0259\u018f]))")

# Kazakh letters that python-slugify would drop; their usual Latin transliteration.
_SLUG_REPLACEMENTS = [
    ["ә", "a"], ["Ә", "A"], ["ғ", "g"], ["Ғ", "G"], ["қ", "q"], ["Қ", "Q"], ["ң", "n"],
    ["Ң", "N"], ["ө", "o"], ["Ө", "O"], ["ұ", "u"], ["Ұ", "U"], ["ү", "u"], ["Ү", "U"],
    ["һ", "h"], ["Һ", "H"], ["і", "i"], ["І", "I"],
]


def fix_lookalikes(text: str) -> tuple[str, int]:
    """Turn Latin look-alike letters inside Cyrillic words Cyrillic; return (text, changes).

    A word is treated as Cyrillic when it has at least one Cyrillic letter; a word of Latin letters
    only stays Latin (an English word, a Latin abbreviation), except for the Latin schwa, which no
    Kazakh, Russian or English word means.
    """
    # The common case: no word mixes Latin and Cyrillic. A pair needs a Latin letter (or a
    # schwa): found first with one character class, the pair regex starts just before it.
    latin = _LATIN_OR_SCHWA.search(text)
    if latin is None or not _MIXED.search(text, max(0, latin.start() - 1)):
        return text, 0
    changes = 0

    def fix(m: re.Match) -> str:
        nonlocal changes
        word = m.group(0)
        if CYRILLIC.search(word) or (("\u0259" in word or "\u018f" in word)
                                     and not re.search(r"[a-df-z]", word.replace("\u0259", ""))):
            table = LOOKALIKES
        else:
            return word
        out = []
        for ch in word:
            rep = table.get(ch)
            if rep and (ch in ALWAYS_CYRILLIC or CYRILLIC.search(word)):
                out.append(rep)
                changes += 1
            else:
                out.append(ch)
        return "".join(out)

    return _SUSPECT.sub(fix, text), changes


# Pre-Unicode Kazakh fonts put ғ ң қ і ү in code-page slots whose Unicode letters look alike
# (Macedonian ѓ ќ, Serbian њ, Ukrainian ї, Belarusian ў); ә ө ұ һ survive such text as they are.
OLD_KAZAKH_FONT = {"ѓ": "ғ", "Ѓ": "Ғ", "њ": "ң", "Њ": "Ң", "ќ": "қ", "Ќ": "Қ", "ї": "і", "Ї": "І",
                   "ў": "ү", "Ў": "Ү"}
# (From a word's start only: tried at every letter, the scan back and forth was quadratic in
# the word's length for each Cyrillic word of the volume.)
_OLD_FONT_WORD = re.compile("(?<![" + _CYR + "])[" + _CYR + "]*?[ѓЃњЊќЌїЇўЎ][" + _CYR + "]*+")
_OLD_FONT_TABLE = str.maketrans(OLD_KAZAKH_FONT)
_OLD_FONT_LETTER = re.compile("[" + "".join(OLD_KAZAKH_FONT) + "]")
_CYR_RUN = re.compile("[" + _CYR + "]*")


def has_old_kazakh_font(text: str) -> bool:
    """Text set in an old Kazakh font: several words with its look-alike letters, none of them
    Ukrainian (є, ґ) — a Ukrainian or Macedonian reference alone does not make a volume one."""
    # Most volumes hold none of these letters: ten substring scans in C spare the word regex,
    # which backtracks through every Cyrillic word of the volume.
    if not any(ch in text for ch in OLD_KAZAKH_FONT):
        return False
    # The words are the Cyrillic runs around each such letter: found from the letters (a scan
    # in C), not by trying the word pattern at every Cyrillic word of the volume.
    found, end = 0, 0
    for m in _OLD_FONT_LETTER.finditer(text):
        if m.start() < end:
            continue  # (in the word counted last)
        start = m.start()
        while start and "\u0400" <= text[start - 1] <= "\u04ff":
            start -= 1
        run = _CYR_RUN.match(text, m.end())
        end = run.end() if run is not None else m.end()
        if not re.search("[єЄґҐ]", text[start:end]):
            found += 1
            if found == 3:
                return True
    return False


def fix_old_kazakh_font(text: str) -> tuple[str, int]:
    """ѓ њ ќ ї ў (and capitals) inside Cyrillic words -> ғ ң қ і ү; return (text, changes)."""
    changes = 0

    def fix(m: re.Match) -> str:
        nonlocal changes
        word = m.group(0)
        if re.search("[єЄґҐ]", word):
            return word
        changes += sum(ch in OLD_KAZAKH_FONT for ch in word)
        return word.translate(_OLD_FONT_TABLE)

    return _OLD_FONT_WORD.sub(fix, text), changes


# Cyrillic text whose cp1251 bytes were read as cp1252 (`Ñæàòèå` for `Сжатие`): each such
# character back to the byte it came from, then to the cp1251 letter. Hand-written because
# ftfy and charset-normalizer repair UTF-8 mojibake and whole files, not single lines of a
# legacy code page inside a UTF-8 file.
def _mojibake_table() -> dict[int, str]:
    table = {}
    for byte in range(0xC0, 0x100):
        table[ord(bytes([byte]).decode("cp1252"))] = bytes([byte]).decode("cp1251")
    for byte in (0xA8, 0xB8, 0xBC, 0xB3, 0xB2, 0xAA, 0xBA, 0xAF, 0xBF):
        table[ord(bytes([byte]).decode("cp1252"))] = bytes([byte]).decode("cp1251")
    return table


_MOJIBAKE = _mojibake_table()
_LATIN1_LETTERS = re.compile("[\u00c0-\u00ff]")
# fix_mojibake changes only a text with some of them (for one scan of a whole file)
MAY_BE_MOJIBAKE = _LATIN1_LETTERS


def fix_mojibake(text: str) -> tuple[str, int]:
    """A line of cp1251 read as cp1252 back to Cyrillic; other lines unchanged."""
    if text.isascii() or CYRILLIC.search(text):  # (no such letters, or not such a line)
        return text, 0
    suspects = len(_LATIN1_LETTERS.findall(text))
    if suspects < 4:
        return text, 0
    letters = sum(c.isalpha() for c in text)
    if suspects < 0.6 * letters:
        return text, 0
    fixed = text.translate(_MOJIBAKE)
    return fixed, suspects


def normalise_for_search(text: str) -> str:
    """The form both the search index and the query use: Cyrillic look-alikes, lower case, ё→е."""
    text = unicodedata.normalize("NFC", text)
    text, _ = fix_lookalikes(text)
    return text.lower().replace("ё", "е")


@functools.lru_cache(maxsize=65536)
def slug(text: str, max_length: int = 60) -> str:
    """An ASCII slug (Kazakh letters transliterated); may be empty for text with no letters."""
    return slugify(text or "", max_length=max_length, word_boundary=True,
                   replacements=_SLUG_REPLACEMENTS)
