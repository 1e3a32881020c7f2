"""People stage: one person per real author or supervisor, whatever script prints them.

A Kazakh-Russian volume prints the same person as `Жанпейісова Қ.Д.`, `Жанпеисова К.Д.`,
`Zhanpeisova K.` or `Қарлығаш Жанпейісова`. Each printed name is parsed into a surname and given
parts (initials or full names); names are folded to one ASCII skeleton (Kazakh and Russian Cyrillic,
Kazakh Latin 2021 and Russian romanisation all meet there) and grouped by surname skeleton and
compatible initials. A short form compatible with several people (`K.` beside `K.D.` and `K.S.`)
stays apart rather than joining them. Editor corrections (`people: {merge, split}`) apply last.

The result sets `Author.person` and `Article.supervisor_person`; pages/people_pages.py shows it as
the author index and one page per person.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Optional

import iuliia

from ..language import alphabet
from ..language.alphabet import KAZAKH_ONLY
from ..language.names import Name, parse_name, parse_names
from ..model import Article, Person
from ..language.textutil import normalise_for_search, slug

_KAZAKH_ONLY = set(KAZAKH_ONLY)
_KAZAKH_INDEX = alphabet.RANK

# Kazakh letters to the Russian letter a Russian-language text prints for them.
_KK_TO_RU = str.maketrans({"ә": "а", "ө": "о", "ү": "у", "ұ": "у", "қ": "к", "ғ": "г", "ң": "н",
                           "і": "и", "һ": "х", "ё": "е"})

# Official Kazakh Latin alphabet (2021); letters outside it as its transliteration rules give them.
# Written out because no maintained light library implements the 2021 version.
_KK_LATIN = {
    "а": "a", "ә": "ä", "б": "b", "в": "v", "г": "g", "ғ": "ğ", "д": "d", "е": "e", "ё": "io",
    "ж": "j", "з": "z", "и": "i", "й": "i", "к": "k", "қ": "q", "л": "l", "м": "m", "н": "n",
    "ң": "ñ", "о": "o", "ө": "ö", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ұ": "ū",
    "ү": "ü", "ф": "f", "х": "h", "һ": "h", "ц": "ts", "ч": "ç", "ш": "ş", "щ": "şş", "ъ": "",
    "ы": "y", "і": "ı", "ь": "", "э": "e", "ю": "iu", "я": "ia",
}
_KK_LATIN_UPPER = {"и": "İ", "й": "İ", "і": "I", "ё": "İo", "ю": "İu", "я": "İa"}

# Cyrillic (Kazakh letters folded to Russian) to a plain Latin form, before skeleton folding.
_CYR_TO_LAT = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    "ә": "a", "ғ": "g", "қ": "k", "ң": "n", "ө": "o", "ұ": "u", "ү": "u", "һ": "kh", "і": "i",
}
# Kazakh Latin letters whose plain form is a digraph (so ş meets Russian sh, not s).
_LAT_SPECIAL = {"ş": "sh", "ç": "ch", "ı": "i", "ğ": "g", "ñ": "n", "ä": "a", "ö": "o", "ü": "u",
                "ū": "u"}
# Spelling variants that name the same sound in the romanisations met in print, in this order.
_SKELETON_FOLDS = [("shch", "sh"), ("dzh", "j"), ("zh", "j"), ("dj", "j"), ("kh", "h"),
                   ("ts", "c"), ("ye", "e"), ("yo", "e"), ("y", "i"), ("q", "k"), ("w", "v"),
                   ("x", "ks")]

@dataclass
class _Occurrence:
    name: Name
    article: str
    role: str  # "author" | "supervisor"
    affiliation: Optional[str] = None


@dataclass
class _Cluster:
    occurrences: list[_Occurrence] = field(default_factory=list)
    id: str = ""


# --- folding and transliteration -----------------------------------------------------------------

def _plain_latin(text: str) -> str:
    """Lower-case plain Latin letters for any Cyrillic or Latin name."""
    text = unicodedata.normalize("NFC", text).lower()
    out = []
    for ch in text:
        if ch in _CYR_TO_LAT:
            out.append(_CYR_TO_LAT[ch])
        elif ch in _LAT_SPECIAL:
            out.append(_LAT_SPECIAL[ch])
        else:
            base = unicodedata.normalize("NFKD", ch)
            out.append("".join(c for c in base if "a" <= c <= "z"))
    return "".join(out)


@functools.lru_cache(maxsize=65536)
def skeleton(text: str) -> str:
    """One ASCII form for a name across Kazakh/Russian Cyrillic and their romanisations.

    `Жанпейісова`, `Жанпеисова`, `Zhanpeisova` and `Janpeiısova` all give `janpeisova`.
    """
    s = _plain_latin(text)
    for a, b in _SKELETON_FOLDS:
        s = s.replace(a, b)
    return re.sub(r"(.)\1+", r"\1", s)


def _initial_key(sk: str) -> str:
    # Digraphs stay whole so that Ш (sh) and С (s) initials differ.
    return sk[:2] if sk[:2] in ("sh", "ch") else sk[:1]


def russian_folded(text: str) -> str:
    """The spelling a Russian text gives a Kazakh name: Жанпейісова → Жанпеисова."""
    # Kazakh "йі"/"ий" sound as one Russian "и": Жанпейісова, not Жанпейисова.
    text = re.sub(r"[йи]і|й(?=и)", "и", text)
    text = re.sub(r"[ЙИ][іІ]", "И", text)
    out = []
    for ch in text:
        low = ch.lower()
        rep = low.translate(_KK_TO_RU)
        out.append(rep.upper() if ch != low else rep)
    return "".join(out)


def kazakh_latin(text: str) -> str:
    """Transliterate Cyrillic to the official Kazakh Latin alphabet (2021)."""
    out = []
    for ch in text:
        low = ch.lower()
        if low not in _KK_LATIN:
            out.append(ch)
        elif ch == low:
            out.append(_KK_LATIN[low])
        else:
            rep = _KK_LATIN_UPPER.get(low) or _KK_LATIN[low]
            out.append(rep if low in _KK_LATIN_UPPER else rep[:1].upper() + rep[1:])
    return "".join(out)


# Kazakh names as Kazakhstani passports (and so Scopus and ORCID profiles) spell them: the old
# Russian-based practice, not the 2021 alphabet: the plain letters above with й as i, and rules
# (a usage no iuliia scheme carries): й before і or и folds into it, a word-initial or
# post-vowel е is "ye", a single с between vowels is doubled ("ss": Жанпейісова -> Zhanpeissova,
# Қасымов -> Kassymov, Есенов -> Yessenov).
_PASSPORT = {**_CYR_TO_LAT, "й": "i", "ё": "yo", "һ": "h"}
_PASSPORT_VOWELS = set("аәеёиоөуұүыіэюя")


@functools.lru_cache(maxsize=65536)  # (person pages ask for each name on every rebuild)
def passport_latin(text: str) -> str:
    """A Cyrillic name as Kazakhstani passports and Scopus spell it: Жанпейісова Қ.Д. ->
    Zhanpeissova K.D. (Latin text is returned as it is)."""
    if not _is_cyrillic(text):
        return text
    text = re.sub(r"[йЙ](?=[іІиИ])", "", text)
    out = []
    for i, ch in enumerate(text):
        low = ch.lower()
        if low not in _PASSPORT:
            out.append(ch)
            continue
        prev = text[i - 1].lower() if i else ""
        nxt = text[i + 1].lower() if i + 1 < len(text) else ""
        rep = _PASSPORT[low]
        initial = nxt == "." and not prev.isalpha()  # Е. stays E.
        if low == "е" and not initial and (not prev.isalpha() or prev in _PASSPORT_VOWELS
                                          or prev in "ъь"):
            rep = "ye"
        elif low == "с" and prev in _PASSPORT_VOWELS and nxt in _PASSPORT_VOWELS:
            rep = "ss"
        elif low == "й" and prev in "иы" and not nxt.isalpha():
            rep = "y"  # Дмитрий -> Dmitriy
        if ch != low:
            rep = rep[:1].upper() + rep[1:]
        out.append(rep)
    return "".join(out)


def russian_latin(text: str) -> str:
    """Russian romanisation (Wikipedia's simplified BGN/PCGN, via iuliia)."""
    return iuliia.WIKIPEDIA.translate(russian_folded(text) if _is_kazakh(text) else text)


def _is_cyrillic(text: str) -> bool:
    return bool(re.search("[\u0400-\u04ff]", text))


def _is_kazakh(text: str) -> bool:
    return any(ch in _KAZAKH_ONLY for ch in text.lower())


def latin_form(text: str, kazakh: Optional[bool] = None) -> str:
    """Latin form of a printed name: Kazakh Latin for Kazakh names, else Russian romanisation."""
    if not _is_cyrillic(text):
        return text
    if kazakh is None:
        kazakh = _is_kazakh(text)
    return kazakh_latin(text) if kazakh else russian_latin(text)


# --- grouping ------------------------------------------------------------------------------------

def _signature(name: Name) -> tuple[tuple[str, Optional[str]], ...]:
    """(initial key, whole-name skeleton or None) for each given part."""
    out = []
    for part, full in zip(name.given, name.full_given):
        sk = skeleton(part)
        out.append((_initial_key(sk), sk if full else None))
    return tuple(out)


def _compatible(a, b) -> bool:
    """Two signatures may be one person: initials agree over the shorter, whole names too."""
    for (ia, fa), (ib, fb) in zip(a, b):
        if ia != ib or (fa and fb and fa != fb):
            return False
    return True


def _cluster_surname(occs: list[_Occurrence]) -> list[_Cluster]:
    """Group one surname's occurrences; an ambiguous short form joins nobody."""
    by_sig: dict = {}
    for o in occs:
        by_sig.setdefault(_signature(o.name), []).append(o)
    # Most informative first, so short forms meet the full ones already placed.
    order = sorted(by_sig, key=lambda s: (-len(s), -sum(1 for _, f in s if f), repr(s)))
    clusters: list[_Cluster] = []
    sigs: list[set] = []  # each cluster's signatures, kept as it grows
    for sig in order:
        touching = [i for i, ss in enumerate(sigs) if any(_compatible(sig, s) for s in ss)]
        fitting = [i for i in touching if all(_compatible(sig, s) for s in sigs[i])]
        if len(touching) == 1 and len(fitting) == 1:
            clusters[fitting[0]].occurrences.extend(by_sig[sig])
            sigs[fitting[0]].add(sig)
        else:
            clusters.append(_Cluster(list(by_sig[sig])))
            sigs.append({sig})
    return clusters


def _occurrences(articles: list[Article]) -> tuple[list[_Occurrence], dict, dict]:
    occs: list[_Occurrence] = []
    author_of: dict[tuple[int, int], _Occurrence] = {}
    supervisor_of: dict[int, _Occurrence] = {}
    for ai, art in enumerate(articles):
        for au_i, author in enumerate(art.authors):
            name = parse_name(author.name)
            if name:
                occ = _Occurrence(name, art.id, "author", author.affiliation or art.affiliation)
                occs.append(occ)
                author_of[(ai, au_i)] = occ
        for k, name in enumerate(parse_names(art.supervisor or "")):
            occ = _Occurrence(name, art.id, "supervisor")
            occs.append(occ)
            if k == 0:
                supervisor_of[ai] = occ
    return occs, author_of, supervisor_of


def _preferred(cluster: _Cluster) -> Name:
    # Cyrillic before Latin, then the fullest form, then the most printed, then a stable tie-break.
    counts = Counter(o.name.printed for o in cluster.occurrences)
    names = {o.name.printed: o.name for o in cluster.occurrences}
    best = min(names, key=lambda p: (not _is_cyrillic(p), not _is_kazakh(p), -len(names[p].given),
                                     -counts[p], p))
    return names[best]


def _to_person(cluster: _Cluster, article_order: dict[str, int]) -> Person:
    pref = _preferred(cluster)
    printed = sorted({o.name.printed for o in cluster.occurrences})
    kazakh = any(_is_kazakh(p) for p in printed)
    cyr = pref.printed if _is_cyrillic(pref.printed) else None

    def ids(role: str) -> list[str]:
        found = {o.article for o in cluster.occurrences if o.role == role}
        return sorted(found, key=lambda a: article_order.get(a, 0))

    affiliations: list[str] = []
    for o in cluster.occurrences:
        if o.affiliation and o.affiliation not in affiliations:
            affiliations.append(o.affiliation)
    return Person(
        id=cluster.id,
        name=pref.printed,
        variants=[p for p in printed if p != pref.printed],
        latin=latin_form(cyr, kazakh) if cyr else pref.printed,
        authored=ids("author"),
        supervised=ids("supervisor"),
        affiliations=affiliations,
    )


def _assign_ids(clusters: list[_Cluster], taken: set[str]) -> None:
    """A stable ASCII slug of the Latin form; -2, -3 … when two people share it."""
    for c in sorted(clusters, key=lambda c: (person_sort_key(_preferred(c).printed),
                                             sorted(o.article for o in c.occurrences))):
        if c.id:
            continue
        pref = _preferred(c)
        kazakh = any(_is_kazakh(o.name.printed) for o in c.occurrences)
        base = slug(latin_form(pref.printed, kazakh)) or "person"
        pid, n = base, 1
        while pid in taken:
            n += 1
            pid = f"{base}-{n}"
        c.id = pid
        taken.add(pid)


def _apply_corrections(clusters: list[_Cluster], people_fix: dict,
                       notes: Optional[list[str]]) -> list[_Cluster]:
    by_id = {c.id: c for c in clusters}

    def note(msg: str) -> None:
        if notes is not None:
            notes.append(msg)

    new: list[_Cluster] = []
    for item in people_fix.get("split") or []:
        source = by_id.get(str(item.get("person", "")))
        names = {str(n).strip() for n in item.get("names") or []}
        if not source:
            note(f"people.split: no person {item.get('person')!r}")
            continue
        moved = [o for o in source.occurrences if o.name.printed in names]
        if not moved or len(moved) == len(source.occurrences):
            note(f"people.split: names {sorted(names)} do not split {source.id!r}")
            continue
        source.occurrences = [o for o in source.occurrences if o not in moved]
        new.append(_Cluster(moved))
    _assign_ids(new, set(by_id))
    for c in new:
        by_id[c.id] = c
    # Merged ids stay as aliases of the kept person, so later pairs may name either.
    for pair in people_fix.get("merge") or []:
        ids = [str(i) for i in pair]
        missing = [i for i in ids if i not in by_id]
        if missing or len(ids) < 2:
            note(f"people.merge: unknown person id(s) {missing or ids}")
            continue
        keep = by_id[ids[0]]
        for other in {id(by_id[i]): by_id[i] for i in ids[1:]}.values():
            if other is keep:
                continue
            keep.occurrences.extend(other.occurrences)
            for k, v in list(by_id.items()):
                if v is other:
                    by_id[k] = keep
    seen, out = set(), []
    for c in by_id.values():
        if id(c) not in seen:
            seen.add(id(c))
            out.append(c)
    return out


def build_people(articles: list[Article], corrections=None, *,
                 notes: Optional[list[str]] = None) -> list[Person]:
    """People of the volume, sorted alphabetically; sets `Author.person`, `supervisor_person`.

    `corrections["people"]` may hold `merge: [[idA, idB], …]` (idA is kept) and
    `split: [{person: id, names: [printed variant, …]}]`; problems are appended to `notes`.
    """
    occs, author_of, supervisor_of = _occurrences(articles)
    by_surname: dict[str, list[_Occurrence]] = {}
    for o in occs:
        by_surname.setdefault(skeleton(o.name.surname), []).append(o)
    clusters = [c for key in sorted(by_surname) for c in _cluster_surname(by_surname[key])]
    _assign_ids(clusters, set())
    # A plain mapping or corrections.Corrections (whose .people is that mapping).
    fix = getattr(corrections, "people", None)
    people_fix = fix if fix is not None else (corrections or {}).get("people") or {}
    if people_fix:
        clusters = _apply_corrections(clusters, people_fix, notes)
    owner = {id(o): c.id for c in clusters for o in c.occurrences}
    for (ai, au_i), occ in author_of.items():
        articles[ai].authors[au_i].person = owner[id(occ)]
    for ai, art in enumerate(articles):
        occ = supervisor_of.get(ai)
        art.supervisor_person = owner[id(occ)] if occ else None
    order = {a.id: i for i, a in enumerate(articles)}
    people = [_to_person(c, order) for c in clusters]
    return sorted(people, key=lambda p: (person_sort_key(p), p.id))


# --- views: sorting, search terms ------------------------------------------------------------

def person_sort_key(person: Person | str) -> tuple:
    """Kazakh/Russian alphabetical order by surname, then given parts; Latin names after."""
    return _sort_key(person if isinstance(person, str) else person.name)


@functools.lru_cache(maxsize=65536)
def _sort_key(text: str) -> tuple:
    parsed = parse_name(text)
    parts = [parsed.surname, *parsed.given] if parsed else [text]

    def letters(word: str) -> tuple:
        out: list[tuple[int, ...]] = []
        for ch in word.lower():
            if ch in _KAZAKH_INDEX:
                out.append((0, _KAZAKH_INDEX[ch]))
            elif ch.isalpha():
                base = "".join(c for c in unicodedata.normalize("NFKD", ch) if c.isascii())
                out.append((1, ord(base[:1] or ch), ord(ch)))
        return tuple(out)

    first = parts[0].lower()[:1]
    return (0 if first in _KAZAKH_INDEX else 1, tuple(letters(p) for p in parts), text)


def person_search_terms(person: Person) -> list[str]:
    """Every form a reader may type: printed variants, Russian spelling, Latin forms, skeleton."""
    return list(_search_terms(*search_terms_key(person)))


def search_terms_key(person: Person) -> tuple[str, tuple[str, ...], Optional[str]]:
    """What person_search_terms makes a person's spellings from."""
    return (person.name, tuple(person.variants), person.latin)


# Made once per spelling in a process: a build asks twice (the search index's key, then the
# index), a preview at every rebuild, and each costs several transliterations.
@functools.lru_cache(maxsize=65536)
def _search_terms(name: str, variants: tuple[str, ...],
                  printed_latin: Optional[str]) -> tuple[str, ...]:
    forms = [name, *variants, *([printed_latin] if printed_latin else [])]
    terms: list[str] = []

    def add(t: str) -> None:
        t = normalise_for_search(t).strip()
        if t and t not in terms:
            terms.append(t)

    for f in forms:
        parsed = parse_name(f)
        for text in ([f, parsed.surname] if parsed else [f]):
            latin = []
            if _is_cyrillic(text):
                add(text)
                add(russian_folded(text))
                latin = [russian_latin(text), passport_latin(text)] + \
                    ([kazakh_latin(text)] if _is_kazakh(text) else [])
            else:
                latin = [text]
            for lat in latin:
                add(lat)
                add(_ascii(lat))
        if parsed:
            add(skeleton(parsed.surname))
    return tuple(terms)


def _ascii(text: str) -> str:
    """Latin text without diacritics (ı → i, ş → s), as typed on a plain keyboard."""
    text = text.replace("ı", "i").replace("İ", "I")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
