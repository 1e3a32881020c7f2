"""Personal names as the volume prints them, parsed once into one value object, `Name`.

The people stage groups authors by it (enrich/people.py), the author index files them by its
surname (pages/people_pages.py), and citations, exports, Crossref and Google Scholar print it
(publish/): so an author page and a citation never disagree on who the family name is.

A printed name is `Бекова А.Б.`, `А.Б. Бекова`, `Айгерім Бекова`, `Бекова Айгерім Серікқызы`,
`Bekova, A.` or `Nurlan S. Temirov`; titles and degrees around it (`к.ф.н., доцент`) are
dropped. Which whole word is the surname is read from its ending (-ов, -ова, -ский …; a
patronymic -ович, -қызы marks the word after the surname), else from the comma of `Family,
Given`, else from initials' side. Where nothing decides (two Cyrillic words without such
endings) the last word is taken for grouping and sorting, and `family` says it is not known, so
citations print the name as it stands instead of a guess.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Optional

from .textutil import CYRILLIC, fix_lookalikes

# Degrees, titles and labels printed around supervisors' and authors' names.
_TITLE_WORDS = {
    "phd", "ph.d.", "ph.d", "dr", "dr.", "prof", "prof.", "professor", "associate", "assoc.",
    "assistant", "senior", "lecturer", "teacher", "doctor", "dsc", "d.sc.", "candidate", "mr",
    "mr.", "mrs", "mrs.", "ms", "ms.", "acad.", "academician", "supervisor", "scientific",
    "research", "head", "доцент", "профессор", "аға", "старший", "ведущий", "преподаватель",
    "оқытушы", "кандидат", "доктор", "магистр", "магистрант", "магистранты", "докторант",
    "академик", "ассистент", "ассоц.", "қауымдастырылған", "ассоциированный", "зав.",
    "ғылыми", "жетекші", "научный", "руководитель", "phd-докторы", "phd-доктор", "м.ғ.м.",
}
PATRONYMIC_ENDINGS = ("ович", "евич", "ьич", "овна", "евна", "ична", "ұлы", "қызы", "улы", "кызы",
                      "ovich", "evich", "ovna", "evna", "ichna", "uly", "ulı", "kyzy", "qyzy",
                      "qızı")
SURNAME_ENDINGS = ("ов", "ова", "ев", "ева", "ёв", "ёва", "ин", "ина", "ын", "ына", "ский",
                   "ская", "цкий", "цкая", "енко", "ук", "юк", "ov", "ova", "ev", "eva", "in",
                   "ina", "yn", "yna", "sky", "skiy", "skii", "skaya", "enko", "uk")
# Given names that end like a surname (-ина, -in): «Мадина Сейітқали», "Martin Smith".
_GIVEN_LIKE_SURNAMES = {
    "мадина", "марина", "галина", "алина", "карина", "ирина", "кристина", "зарина", "регина",
    "альбина", "арина", "полина", "ангелина", "каролина", "эвелина", "сабина", "амина", "дарина",
    "амин", "madina", "marina", "galina", "alina", "karina", "irina", "kristina", "zarina",
    "regina", "albina", "arina", "polina", "angelina", "karolina", "evelina", "sabina", "amina",
    "darina", "amin", "martin", "kevin", "justin", "benjamin", "austin", "colin", "edwin",
    "marvin", "calvin", "robin", "dustin",
}

# An initial: one capital letter, or a Latin digraph initial ("Zh.", "Sh.", "Yu."), or "Дж.";
# a hyphenated pair of them ("Ж.-Б.", a double given name) is one initial.
_ONE_INITIAL = r"(?:[^\W\d_]|[A-Z][a-z]{1,2}|Дж)\."
_INITIAL = re.compile(rf"^{_ONE_INITIAL}(?:-{_ONE_INITIAL})?$")
_FOOTNOTE = re.compile(r"[\d*†‡§¹²³⁴⁵⁶⁷⁸⁹⁰]+")


@dataclass(frozen=True)
class Name:
    """One printed name, parsed."""

    literal: str  # the text as given, whitespace collapsed (what a citation prints unsplit)
    printed: str  # as printed, titles removed, initials together ("Қ.Д."): the person's form
    surname: str  # the family name; the last word where nothing decides (see `family`)
    given: tuple[str, ...] = ()  # given names or initials without dots ("Қ", "Zh", "Ж-Б", "Айгерім")
    full_given: tuple[bool, ...] = ()  # which of `given` are whole names, not initials
    surname_known: bool = True  # False where the surname is only the last word's guess

    @property
    def family(self) -> Optional[str]:
        """The family name where the printed form tells it, else None (cite it unsplit)."""
        return self.surname if self.surname_known else None

    def given_text(self) -> str:
        """The given part as printed: initials with their dots ("А.Б.", "Ж.-Б."), whole names
        apart ("Айгерім Серікқызы", "Nurlan S.")."""
        out = ""
        for part, full in zip(self.given, self.full_given):
            text = part if full else part.replace("-", ".-") + "."
            out += text if not out or (out.endswith(".") and not full) else " " + text
        return out

    def initials(self, spaced: bool = False) -> str:
        """Initials like А.Б. (or А. Б.) of the given part; a double name keeps its hyphen."""
        out = []
        for part, full in zip(self.given, self.full_given):
            pieces = [p for p in part.split("-") if p]
            out.append(".-".join(p[0] if full else p for p in pieces) + ".")
        return (" " if spaced else "").join(out)

    # Citation forms (publish/cite.py): a name whose family is not known is printed as given.

    def gost(self) -> str:
        return f"{self.family} {self.initials()}".strip() if self.family else self.literal

    def apa(self) -> str:
        if not self.family:
            return self.literal
        return f"{self.family}, {self.initials(spaced=True)}".rstrip(", ")

    def apa_inverted(self) -> str:
        """Initials before the family name, as APA prints editors."""
        return f"{self.initials(spaced=True)} {self.family}".strip() if self.family else self.literal

    def bibtex(self) -> str:
        if not self.family:
            return "{" + self.literal + "}"  # braces keep BibTeX from splitting it
        return f"{self.family}, {self.given_text()}" if self.given else self.family

    def ris(self) -> str:
        if not self.family:
            return self.literal
        return f"{self.family}, {self.given_text()}" if self.given else self.family

    def csl(self) -> dict[str, str]:
        if not self.family:
            return {"literal": self.literal}
        return {"family": self.family, "given": self.given_text()} if self.given else \
            {"family": self.family}

    def inverted(self) -> str:
        """`Family, Given` (Google Scholar's citation_author), else the name as given."""
        if not self.family:
            return self.literal
        return f"{self.family}, {self.given_text()}" if self.given else self.family


def name_of(text: Any) -> Optional[Name]:
    """The Name of a printed name for citing: parsed where it reads as a personal name, else the
    text kept whole (an organisation, a single word); None for no text."""
    literal = " ".join(str(text).split()) if text is not None else ""
    if not literal:
        return None
    parsed = parse_name(literal)
    if parsed is None or not parsed.given:
        # A single word names no one's given name: printed as it stands.
        return Name(literal, literal, literal, surname_known=False)
    return parsed


@functools.lru_cache(maxsize=65536)  # names are parsed again by sorting, filing and citing
def parse_name(text: str) -> Optional[Name]:
    """Parse one printed name; titles and degrees are dropped. None when no name is there."""
    if not text:
        return None
    literal = " ".join(text.split())
    text, _ = fix_lookalikes(unicodedata.normalize("NFC", text))
    text = text.rsplit(":", 1)[-1]
    inverted = _family_comma_given(text, literal)
    if inverted is not None:
        return inverted
    for segment in re.split(r"[,;]", text):
        name = _parse_segment(segment, literal)
        if name:
            return name
    return None


def parse_names(text: str) -> list[Name]:
    """All names in a line such as `с.ғ.к., доцент Жанпейісова Қ.Д.; PhD Smith J.`."""
    if not text:
        return []
    text, _ = fix_lookalikes(unicodedata.normalize("NFC", text))
    text = text.rsplit(":", 1)[-1]
    found = (_parse_segment(s) for s in re.split(r"[,;]|\s+(?:и|және|and)\s+", text))
    return [n for n in found if n]


def _family_comma_given(text: str, literal: str) -> Optional[Name]:
    """`Bekova, A.`, `Бекова, Айгерім`: one family word, a comma, its given names or initials."""
    family, comma, given = text.partition(",")
    if not comma or "," in given or "." in family or len(family.split()) != 1:
        return None
    tokens = _tokens(given)
    if not tokens or len(tokens) > 3 or _is_title(family.strip()):
        return None
    if any(_surname_like(t) for t in tokens):
        return None  # `Иванов, Петров`: two people, not one name
    parts, full = [], []
    for t in tokens:
        if _INITIAL.match(t) and t[0].isupper():
            parts.append(t.rstrip(".").replace(".-", "-"))
            full.append(False)
        elif t[:1].isupper():
            parts.append(t.rstrip("."))
            full.append(True)
        else:
            return None
    surname = family.strip()
    printed = " ".join(_display_tokens([surname, *tokens]))
    return Name(literal, printed, surname, tuple(parts), tuple(full))


def _parse_segment(segment: str, literal: Optional[str] = None) -> Optional[Name]:
    tokens = [t for t in _tokens(segment) if not _is_title(t)]
    kinds = []
    for i, t in enumerate(tokens):
        if _INITIAL.match(t) and t[0].isupper():
            kinds.append("I")
        elif t[:1].isupper():
            tokens[i] = t = t.rstrip(".")  # a surname at the end of a sentence
            kinds.append("W")
        else:
            return None
    words = [t for t, k in zip(tokens, kinds) if k == "W"]
    initials = [t.rstrip(".").replace(".-", "-") for t, k in zip(tokens, kinds) if k == "I"]
    if not words or len(words) > 4:
        return None
    pattern = "".join(kinds)
    known = True
    if not initials:
        surname, rest, known = _pick_surname(words)
        given, full = tuple(rest), (True,) * len(rest)
    elif re.fullmatch(r"W+I+|I+W+", pattern):  # "Surname I.I." or "I.I. Surname"
        surname = " ".join(words)
        given, full = tuple(initials), (False,) * len(initials)
    elif re.fullmatch(r"WI+W", pattern) and not (_surname_like(words[0])
                                                   and not _surname_like(words[1])):
        # "Nurlan S. Temirov": a given name, a middle initial, the surname
        surname = words[1]
        given = (words[0], *initials)
        full = (True, *(False,) * len(initials))
    else:
        return None
    printed = " ".join(_display_tokens(tokens))
    return Name(literal or printed, printed, surname, given, full, known)


def _pick_surname(words: list[str]) -> tuple[str, list[str], bool]:
    """Which of several whole words is the surname (endings decide; else the last word, which a
    Latin name puts last), and whether anything decided it."""
    if len(words) == 1:
        return words[0], [], True
    if len(words) >= 3 and _ends(words[-1], PATRONYMIC_ENDINGS):
        return words[0], words[1:], True
    first_g, last_g = (w.lower() in _GIVEN_LIKE_SURNAMES for w in (words[0], words[-1]))
    if last_g and not first_g:  # «Сейітқали Мадина»: a given name last
        return words[0], words[1:], True
    first_s, last_s = _surname_like(words[0]), _surname_like(words[-1])
    if first_s and not last_s:
        return words[0], words[1:], True
    decided = last_s and not first_s or first_g and not last_g \
        or not CYRILLIC.search(words[-1]) or len(words) >= 3 and _ends(words[1], PATRONYMIC_ENDINGS)
    return words[-1], words[:-1], decided


def _is_title(token: str) -> bool:
    low = token.lower()
    if token[:1].islower() or low in _TITLE_WORDS or low.rstrip(".") in _TITLE_WORDS:
        return True
    # Dotted degree abbreviations: "Д.полит.н.", "К.ю.н." (a lower-case letter after a dot).
    return bool(re.search(r"\.[^\W\d_]", token)) and any(
        m.group(1).islower() for m in re.finditer(r"\.([^\W\d_])", token))


def _surname_like(word: str) -> bool:
    return _ends(word, SURNAME_ENDINGS) and word.lower() not in _GIVEN_LIKE_SURNAMES


def _ends(word: str, endings: tuple[str, ...]) -> bool:
    low = word.lower()
    return any(low.endswith(e) and len(low) > len(e) + 1 for e in endings)


def _tokens(segment: str) -> list[str]:
    """Name tokens of one segment: titles dropped, glued initials ("Қ.Д.Жанпейісова") split."""
    segment = _FOOTNOTE.sub(" ", segment.replace("\u00a0", " "))
    out: list[str] = []
    for raw in segment.split():
        raw = raw.strip("-'’ʼ\"«»()")
        if not raw or _is_title(raw):
            continue
        out.extend(t for t in re.sub(r"\.(?=[^\W\d_])", ". ", raw).split() if t)
    return out


def _display_tokens(tokens: list[str]) -> list[str]:
    # Initials printed together ("Қ. Д." → "Қ.Д."), words apart.
    out: list[str] = []
    for t in tokens:
        if out and t.endswith(".") and out[-1].endswith(".") and _INITIAL.match(t):
            out[-1] += t
        else:
            out.append(t)
    return out
