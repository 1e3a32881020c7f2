"""Invisible characters that copy-paste and PDF extraction leave in text: removed on reading.

Every input the build reads (raw volume text, PDF text, the editor's YAML files) goes through
`strip_invisible`, so no zero-width character or stray byte-order mark reaches a page, the model
or the Markdown, and an id or a name pasted with one still matches.

Some of these characters mean something in some scripts: the zero-width joiner and non-joiner
shape Arabic and Indic letters and join emoji, the directional marks order right-to-left text.
They are kept there, and removed where they only sit inside or beside Cyrillic or Latin text.
"""
from __future__ import annotations

import re
import unicodedata

# Never meaningful in a text: the byte-order mark / zero-width no-break space (U+FEFF), the
# zero-width space (U+200B), the word joiner (U+2060), the invisible operators (U+2061-2064)
# and the old Mongolian vowel separator (U+180E).
ALWAYS = "\ufeff\u200b\u2060\u2061\u2062\u2063\u2064\u180e"
# Meaningful between letters of scripts that use them (see _meaningful).
JOINERS = "\u200c\u200d"  # zero-width non-joiner, joiner
MARKS = "\u200e\u200f"  # left-to-right, right-to-left mark
_ANY = re.compile(f"[{ALWAYS}{JOINERS}{MARKS}]")


def has_invisible(text: str) -> bool:
    """Whether `text` holds any character strip_invisible may remove."""
    # (a search for each character, in C, took a third of the time the class's regex took)
    return any(c in text for c in _ALL)


_ALL = ALWAYS + JOINERS + MARKS


def strip_invisible(text: str) -> str:
    """`text` without the invisible characters that carry no meaning where they stand."""
    if not _ANY.search(text):
        return text  # the usual case, one scan in C
    return _ANY.sub(lambda m: _kept(text, m.start()), text)


def _kept(text: str, i: int) -> str:
    """The invisible character at `i`, or "" where it means nothing (its neighbours in `text`
    decide: a line break beside it counts as no letter, as the start or end of a line does)."""
    ch = text[i]
    if ch in ALWAYS:
        return ""
    before = text[i - 1] if i else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    return ch if _meaningful(ch, before, after) else ""


def _meaningful(ch: str, before: str, after: str) -> bool:
    if ch in MARKS:  # orders right-to-left text: kept next to a right-to-left letter
        return any(c and unicodedata.bidirectional(c) in ("R", "AL") for c in (before, after))
    # A joiner between two letters of a script that is neither Latin nor Cyrillic (Arabic,
    # Devanagari…) or between two symbols (an emoji sequence).
    return all(c and _joinable(c) for c in (before, after))


def _joinable(c: str) -> bool:
    if c.isspace() or unicodedata.category(c).startswith(("P", "Z", "C")):
        return False
    name = unicodedata.name(c, "")
    return not name.startswith(("LATIN", "CYRILLIC", "DIGIT"))
