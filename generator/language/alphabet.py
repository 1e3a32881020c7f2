"""The Kazakh alphabet, written once: its order (glossary, keyword and author indexes sort by it)
and the letters only Kazakh has among the Cyrillic alphabets (they tell Kazakh text from Russian).

Russian's alphabet is the Kazakh one without its nine extra letters, in the same order; so one
order sorts both, and a Kazakh word in a Russian list sorts where a Kazakh reader expects it.
"""
from __future__ import annotations

import re
from typing import Optional

from .textutil import normalise_for_search

KAZAKH_ALPHABET = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"
KAZAKH_ONLY = "әғқңөұүһі"  # lower case; KAZAKH_ONLY_ANY_CASE adds the capitals
KAZAKH_ONLY_ANY_CASE = KAZAKH_ONLY + KAZAKH_ONLY.upper()
KAZAKH_LETTER = re.compile(f"[{KAZAKH_ONLY_ANY_CASE}]")  # "is there a Kazakh-only letter"
RANK = {ch: i for i, ch in enumerate(KAZAKH_ALPHABET)}


def sort_key(s: Optional[str]) -> tuple:
    """Sort key in alphabet order (ә after а, ғ after г, і between ы and ь; ё with е); digits
    first, Latin and other scripts after Cyrillic; spaces, hyphens and quotes do not sort."""
    out = []
    for ch in normalise_for_search(s or "").replace("ё", "е"):
        if ch in RANK:
            out.append((1, RANK[ch]))
        elif ch.isalpha():
            out.append((2, ord(ch)))
        elif ch.isdigit():
            out.append((0, ord(ch)))
    return (tuple(out), s or "")
