"""Stage 4, extract: one article segment -> an Article with its metadata, body and references.

A field the text does not print stays None or empty: nothing is guessed. The front matter is read
line by line (UDC, title, authors with affiliation and e-mail, programme, supervisor, abstracts and
keywords per language); the body runs to the reference-list heading; references are its items.
Affiliations go to authors by their printed marks (`Бекова А.¹` / `¹Narxoz University`), else to
the author lines above them; an affiliation's city and country lines are joined with a space.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

from .mdtext import blocks_to_markdown
from .model import Article, Author, Block
from .patterns import (ABSTRACT, AFFILIATION, EMAIL, POSITION, FRONT_MATTER, KAZAKH_LETTERS, KEYWORDS, LABEL_LANGUAGE,
                       PLACE, SUPERVISOR, UDC, author_names, city_of, classify, is_caps, marks_of,
                       split_names, strip_affiliation_mark)
from .segment import Segment
from .textutil import CYRILLIC, LATIN

LANGS = ("kk", "ru", "en")


@lru_cache(maxsize=1)
def _detector():
    from lingua import Language, LanguageDetectorBuilder

    # Models loaded now, not in the first text that needs them: a process that forks workers
    # after warm_up() shares one copy with them instead of each loading its own.
    builder = LanguageDetectorBuilder.from_languages(
        Language.KAZAKH, Language.RUSSIAN, Language.ENGLISH)
    return builder.with_preloaded_language_models().build()


def warm_up() -> None:
    """Load the language models (about half a second, once per process)."""
    _detector()


def detect_language(text: str) -> Optional[str]:
    """kk, ru or en for a text: by its script where that settles it, else by lingua restricted
    to the volume's three languages."""
    text = text.strip()[:600]  # plenty for three languages; lingua's time grows with length
    if len(re.findall(r"\w", text)) < 3:
        return None
    cyrillic = len(CYRILLIC.findall(text))
    if not cyrillic:
        return "en" if re.search("[A-Za-z]{3}", text) else None
    kazakh = len(KAZAKH_LETTERS.findall(text))
    # The script settles a long Cyrillic text without the model (a third of the stage's time):
    # letters only Kazakh writes mean Kazakh, none of them in 200 letters means Russian.
    if len(text) >= 200 and 10 * len(LATIN.findall(text)) < cyrillic:
        if kazakh >= max(2, len(text) // 80):
            return "kk"
        if not kazakh:
            return "ru"
    lang = _detector().detect_language_of(text)
    if lang is None:
        return None
    code = {"KAZAKH": "kk", "RUSSIAN": "ru", "ENGLISH": "en"}[lang.name]
    # Kazakh-specific letters settle a short text that lingua reads as Russian.
    if code == "ru" and kazakh >= max(2, len(text) // 80):
        code = "kk"
    return code


def pieces(b: Block) -> list[str]:
    """A front-matter block's printed lines, re-joined where a line clearly continues."""
    cuts = [o for o, _ in b.offsets] + [len(b.text)]
    raw = [b.text[cuts[i]:cuts[i + 1]].strip() for i in range(len(cuts) - 1)]
    out: list[str] = []
    for p in raw:
        if not p:
            continue
        if out and (out[-1].endswith((",", "-", "–")) and not EMAIL.search(out[-1])
                    or p[:1].islower() and not author_names(out[-1])
                    or is_caps(out[-1]) and is_caps(p)):
            joiner = "" if out[-1].endswith("-") and not out[-1].endswith(" -") else " "
            out[-1] = out[-1] + joiner + p
        else:
            out.append(p)
    return out


def extract(seg: Segment, is_last: bool = False) -> Article:
    a = Article(id="", source=seg.source, lines=list(seg.lines))
    blocks, kinds = seg.blocks, seg.kinds
    i, n = 0, len(blocks)
    fm: list[str] = []
    seen_labels = False
    while i < n and seg.starts_with_front_matter:
        k, b = kinds[i], blocks[i]
        if k == "abstract":
            i = _read_abstract(a, blocks, kinds, i)
            seen_labels = True
            continue
        if k == "keywords":
            _read_keywords(a, b.text)
            seen_labels = True
            i += 1
            continue
        if k in FRONT_MATTER and k != "references":
            fm.extend(pieces(b))
            i += 1
            continue
        if (k == "text" and not seen_labels and len(b.text) < 250 and i + 1 < n
                and kinds[i + 1] in FRONT_MATTER and not b.text.endswith(".")):
            fm.extend(pieces(b))
            i += 1
            continue
        break
    _read_front_matter(a, fm)
    body, refs, trailing = _split_body(blocks[i:], kinds[i:])
    _read_trailing(a, trailing)
    a.blocks = body
    a.body = blocks_to_markdown(body)
    a.references = refs
    body_text = " ".join(b.text for b in body)
    a.language = (detect_language(body_text) or detect_language(" ".join(a.abstracts.values()))
                  or detect_language(a.title or ""))
    if a.abstracts:
        a.abstract = a.abstracts.get(a.language or "") or next(iter(a.abstracts.values()))
    if a.keywords_by_language:
        a.keywords = list(a.keywords_by_language.get(a.language or "")
                          or next(iter(a.keywords_by_language.values())))
    pages = [b.page for b in seg.blocks if b.page is not None]
    a.pages = [pages[0], pages[-1]] if pages else None
    cut_at_end = is_last and not refs and not (body and body[-1].text.rstrip().endswith(
        (".", "!", "?", "»", ")")))
    a.complete = bool(seg.starts_with_front_matter and (a.title or a.authors) and not cut_at_end)
    return a


def _read_trailing(a: Article, trailing: list[Block]) -> None:
    """Summaries printed after the reference list: abstracts and keywords in other languages."""
    for tb in trailing:
        if KEYWORDS.match(tb.text):
            _read_keywords(a, tb.text)
        elif ABSTRACT.match(tb.text):
            text = ABSTRACT.sub("", tb.text, count=1).strip()
            lang = detect_language(text)
            if text and lang and lang not in a.abstracts:
                a.abstracts[lang] = text


def _read_abstract(a: Article, blocks: list[Block], kinds: list[str], i: int) -> int:
    """Read an abstract starting at its label; return the index after it."""
    head = blocks[i].text
    label = ABSTRACT.match(head).group(1).lower()
    text = ABSTRACT.sub("", head, count=1).strip()
    parts = [text] if text else []
    j = i + 1
    upcoming = kinds[j: j + 6]
    if "keywords" in upcoming:
        stop = j + upcoming.index("keywords")
        while j < stop and kinds[j] in ("text", "list"):
            parts.append(blocks[j].text)
            j += 1
    elif not parts and j < len(blocks) and kinds[j] == "text":
        parts.append(blocks[j].text)
        j += 1
    abstract = " ".join(parts).strip()
    if abstract:
        lang = detect_language(abstract) or LABEL_LANGUAGE.get(label)
        if lang and lang not in a.abstracts:
            a.abstracts[lang] = abstract
    return j


def _read_keywords(a: Article, text: str) -> None:
    m = KEYWORDS.match(text)
    label_lang = LABEL_LANGUAGE.get(m.group(1).lower(), None)
    rest = text[m.end():].strip()
    words = [w.strip().rstrip(".").strip() for w in re.split(r"[;,]\s*", rest)]
    words = [w for w in words if w]
    if not words:
        return
    lang = label_lang
    joined = " ".join(words)
    if KAZAKH_LETTERS.search(joined):
        lang = "kk"
    elif not re.search("[\u0400-\u04ff]", joined):
        lang = "en"
    elif lang == "kk" or lang is None:
        lang = detect_language(joined) or lang
    if lang and lang not in a.keywords_by_language:
        a.keywords_by_language[lang] = words


@dataclass
class _Affiliation:
    """An affiliation as printed, with its marks and the authors printed just before it."""

    text: str
    marks: frozenset[str]
    group: list[Author]


@dataclass
class _FrontMatter:
    title_parts: list[str] = field(default_factory=list)
    title_done: bool = False
    title_guessed: bool = False  # the title so far is a plain line, not one in capitals
    group: list[Author] = field(default_factory=list)  # authors of the latest author lines
    marks: dict[int, frozenset[str]] = field(default_factory=dict)  # id(author) -> marks
    affiliations: list[_Affiliation] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)


def _read_front_matter(a: Article, fm: list[str]) -> None:
    st = _FrontMatter()
    last_kind = None
    for p in fm:
        k = classify(p)
        allow_full = (last_kind in ("title", "udc", "affiliation", "email", "place", None)
                      or (last_kind == "text" and bool(st.title_parts)))
        names = author_names(p, allow_full=allow_full)
        if k == "text" and names:
            k = "author"
        if k == "udc" and a.udc is None:
            a.udc = UDC.match(p).group(1).strip()
        elif k == "title" and (not st.title_done or st.title_guessed):
            if st.title_guessed:  # a title in capitals wins over a plain line taken for one
                st.title_parts, st.title_guessed, st.title_done = [], False, False
            st.title_parts.append(p)
        elif k == "text" and not st.title_done and not st.title_parts and len(p) < 250 and (
                last_kind in ("udc", "classification", "author", "email", "affiliation", None)
                and not POSITION.search(p)):
            # A title in mixed case: the first plain line of the head, before or after authors.
            st.title_parts.append(p)
            st.title_done = last_kind in ("author", "email", "affiliation")
            st.title_guessed = True
        elif k == "author":
            _add_authors(a, st, p, names or [], continuing=last_kind == "author")
        elif k in ("affiliation", "place"):
            _add_affiliation(st, p, k, joins=last_kind in ("affiliation", "place"))
        elif k == "programme" and a.programme is None:
            text = EMAIL.sub("", p).strip(" ,;")
            head, sep, rest = text.partition(", ")
            # `студент 3 курса, Казанский федеральный университет`: programme, then affiliation.
            if sep and AFFILIATION.search(rest) and not AFFILIATION.search(head):
                a.programme = head
                _add_affiliation(st, rest, "affiliation", joins=False)
            else:
                a.programme = text
        elif k == "supervisor" and a.supervisor is None:
            a.supervisor = SUPERVISOR.match(p).group(1).strip()
        if k not in ("title", "udc", "classification") and st.title_parts:
            st.title_done = True
        st.emails += [e.rstrip(".,;") for e in EMAIL.findall(p)]
        last_kind = k
    if st.title_parts:
        a.title = re.sub(r"\s+", " ", " ".join(st.title_parts)).strip()
    _assign_affiliations(a, st)
    _assign_emails(a.authors, st.emails)


def _add_authors(a: Article, st: _FrontMatter, line: str, names: list[str],
                 continuing: bool) -> None:
    if not continuing:
        st.group = []
    parts = split_names(line, keep_marks=True)
    for n, name in enumerate(names):
        au = Author(name=name)
        a.authors.append(au)
        st.group.append(au)
        st.marks[id(au)] = marks_of(parts[n]) if len(parts) == len(names) else frozenset()


def _add_affiliation(st: _FrontMatter, line: str, kind: str, joins: bool) -> None:
    marks = marks_of(line)
    text = strip_affiliation_mark(EMAIL.sub("", line)).strip(" ,;")
    text = re.sub(r"\s*(?:e-?mail|E-mail)\s*:?\s*$", "", text, flags=re.I).strip(" ,;")
    if not text:
        return
    # A city or country line completes the institution above it (joined with a space).
    if joins and st.affiliations and (kind == "place" or not marks and _is_place_tail(text)):
        prev = st.affiliations[-1]
        prev.text = f"{prev.text} {text}"
        return
    st.affiliations.append(_Affiliation(text, marks, list(st.group)))


def _is_place_tail(text: str) -> bool:
    """A short line naming only a place (`г. Караганда, Казахстан`)."""
    return bool(PLACE.match(text)) and len(text) < 80


def _assign_affiliations(a: Article, st: _FrontMatter) -> None:
    """Marked affiliations go to the authors with that mark, others to the authors above them."""
    marked = [af for af in st.affiliations if af.marks]
    for au in a.authors:
        mine = [af.text for af in marked if af.marks & st.marks.get(id(au), frozenset())]
        if mine:
            au.affiliation = "; ".join(dict.fromkeys(mine))
    for af in st.affiliations:
        if af.marks:
            continue
        for au in af.group or a.authors:
            if au.affiliation is None:
                au.affiliation = af.text
    plain = list(dict.fromkeys(af.text for af in st.affiliations if not af.marks))
    if len(plain) == 1 and not marked:
        for au in a.authors:
            au.affiliation = au.affiliation or plain[0]
    distinct = list(dict.fromkeys(au.affiliation for au in a.authors if au.affiliation))
    if not distinct and not a.authors:
        distinct = list(dict.fromkeys(af.text for af in st.affiliations))
    a.affiliation = "; ".join(distinct) or None
    a.city = city_of(distinct[0]) if distinct else None


def _assign_emails(authors: list[Author], emails: list[str]) -> None:
    """Listed addresses go to the authors in order."""
    free = [au for au in authors if au.email is None]
    for au, email in zip(free, dict.fromkeys(emails)):
        au.email = email


def _split_body(blocks: list[Block], kinds: list[str]) -> tuple[list[Block], list[str], list[Block]]:
    """Body blocks, reference entries, and blocks after the references (other-language summaries)."""
    for j, k in enumerate(kinds):
        if k == "references":
            entries: list[Block] = []
            trailing: list[Block] = []
            for b, kk in zip(blocks[j + 1:], kinds[j + 1:]):
                if trailing or kk in ("abstract", "title", "keywords"):
                    trailing.append(b)
                else:
                    entries.append(b)
            return blocks[:j], _reference_entries(entries), trailing
    return blocks, [], []


_REF_NUMBER = re.compile(r"^\s*\d{1,3}\s*[.)]?\s+(?=\S)")


def _reference_entries(entries: list[Block]) -> list[str]:
    """One string per printed entry; in a numbered list an unnumbered block continues the entry
    above it (a page break inside an entry splits its block)."""
    numbered = any(b.kind == "numbered" or _REF_NUMBER.match(b.text) for b in entries)
    refs: list[str] = []
    for b in entries:
        text = b.text.strip()
        starts_entry = b.kind in ("numbered", "bullet") or _REF_NUMBER.match(text)
        if numbered and refs and not starts_entry:
            refs[-1] = f"{refs[-1]} {text}"
            continue
        refs.append(_REF_NUMBER.sub("", text, count=1).strip() if b.kind == "para" else text)
    return refs
