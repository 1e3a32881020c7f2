"""Stage 4, extract: one article segment -> an Article with its metadata, body and references.

A field the text does not print stays None or empty: nothing is guessed, and nothing printed is
lost. The head is read line by line: UDC, DOI and classification lines; the title (a run in
capitals, else the title-like lines above the first author line, else below a names-only author
block; a title whose letters extraction lost stays null); authors with their marks, posts, units
and e-mails, whether each author has a line of their own (`Фамилия И. О., должность, e-mail`) or
the authors are listed and their affiliations follow (`Бекова А.¹` / `¹Narxoz University`);
programme, supervisor, abstracts and keywords per language. A head line no field takes is kept in
`front_matter_other`. The body runs to the reference-list heading; the references are read by
their numbers; what follows them (summaries in other languages, a second list, notes on the
authors, appendices) gives abstracts, keywords and titles in other languages, and the rest is
kept as the `appendix`.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

from ..pages.mdtext import blocks_to_markdown
from ..util import parallel
from ..model import Article, Author, Block
from .patterns import (ABSTRACT, AFFILIATION, AFTER_REFERENCES, DEGREE, DOI, EMAIL, FRONT_MATTER, KAZAKH_LETTERS,
                       KEYWORDS, LABEL_LANGUAGE, LO, OBFUSCATED_EMAIL, PLACE, POSITION, SUPERVISOR,
                       UDC, UP, AuthorEntry, author_entries, author_names, city_of, classify,
                       clean_email, is_caps, marks_of, split_names, strip_affiliation_mark)
from .segment import FOOTNOTE_MARK, HEAD_WINDOW, Segment, is_prose, letters_lost, title_like
from ..language.textutil import CYRILLIC, LATIN

LANGS = ("kk", "ru", "en")


@lru_cache(maxsize=1)
def _detector():
    from lingua import Language, LanguageDetectorBuilder

    # Models loaded now, not in the first text that needs them: a process that forks workers
    # after warm_up() shares one copy with them instead of each loading its own.
    builder = LanguageDetectorBuilder.from_languages(
        Language.KAZAKH, Language.RUSSIAN, Language.ENGLISH)
    return builder.with_preloaded_language_models().build()


def warm_up(sizes: Optional[Sequence[int]] = None) -> None:
    """Load the language models (about half a second, once per process). With `sizes`, only
    when parallel.map_shared forks for work of these sizes: the workers then inherit the models
    instead of each loading its own."""
    if sizes is None or parallel.will_fork(sizes):
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
    code = _model_language(text)
    if code is None:
        return None
    # Kazakh-specific letters settle a short text that lingua reads as Russian.
    if code == "ru" and kazakh >= max(2, len(text) // 80):
        code = "kk"
    return code


# The model's answers by a digest of the text asked about: those of the last build (`known`),
# and those this extraction used (`used`), within `language_answers`; None outside one.
_answers: Optional[tuple[dict[bytes, Optional[str]], dict[bytes, Optional[str]]]] = None


@contextmanager
def language_answers(known: dict[bytes, Optional[str]]) -> Iterator[dict[bytes, Optional[str]]]:
    """Within it, the language model is asked only about texts `known` has no answer for; yields
    the answers used, for the next build's `known` (loading the model takes a third of a second
    of a build that extracts one edited file again)."""
    global _answers
    used: dict[bytes, Optional[str]] = {}
    outer, _answers = _answers, (known, used)
    try:
        yield used
    finally:
        _answers = outer


def _model_language(text: str) -> Optional[str]:
    key = b""
    if _answers is not None:
        key = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()
        if key in _answers[0]:
            _answers[1][key] = _answers[0][key]
            return _answers[0][key]
    lang = _detector().detect_language_of(text)
    code = None if lang is None else {"KAZAKH": "kk", "RUSSIAN": "ru", "ENGLISH": "en"}[lang.name]
    if _answers is not None:
        _answers[1][key] = code
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
            joiner = "" if (out[-1].endswith("-") and not out[-1].endswith(" -")
                            or re.search(r"[^\W_][–—]$", out[-1])) else " "
            out[-1] = out[-1] + joiner + p
        else:
            out.append(p)
    return out


def extract_all(segments: list[tuple[Segment, bool]]) -> list[Article]:
    """extract() of each (segment, is_last): on all cores when they are many and not in a
    worker already (a volume in one file); the language model's answers each used are recorded
    here, as extract() records them, from whichever process asked."""
    known = _answers[0] if _answers is not None else {}

    def one(item: tuple[Segment, bool]) -> tuple[Article, dict[bytes, Optional[str]]]:
        with language_answers(known) as asked:
            return extract(item[0], is_last=item[1]), asked

    sizes = [sum(len(b.text) for b in seg.blocks) for seg, _ in segments]
    warm_up(sizes)
    made = parallel.map_shared(one, segments, sizes)
    if _answers is not None:
        for _, asked in made:
            _answers[1].update(asked)
    return [article for article, _ in made]


def extract(seg: Segment, is_last: bool = False) -> Article:
    a = Article(id="", source=seg.source, lines=list(seg.lines))
    blocks, kinds = seg.blocks, seg.kinds
    i, n = 0, len(blocks)
    fm: list[str] = []
    title_hint: set[int] = set()  # pieces of `fm` a PDF's layout sets as the title
    seen_labels = False
    if seg.title_blocks:  # an article printed without authors: its head is its title
        a.title = _clean_title(" ".join(b.text for b in blocks[:seg.title_blocks]))
        i = seg.title_blocks
    while i < n and seg.starts_with_front_matter:
        k, b = kinds[i], blocks[i]
        if b.title_font and k == "title" and not seen_labels and not a.abstracts:
            title_hint.update(range(len(fm), len(fm) + len(pieces(b))))
        if k == "abstract":
            i = _read_abstract(a, blocks, kinds, i)
            seen_labels = True
            continue
        if k == "keywords":
            if not _read_keywords(a, b.text):
                a.front_matter_other.append(b.text)
            seen_labels = True
            i += 1
            continue
        if (k in FRONT_MATTER and k != "references" or k == "section" and not seen_labels
                or (FOOTNOTE_MARK.match(b.text) or letters_lost(b.text)) and not seen_labels):
            fm.extend(pieces(b))
            i += 1
            continue
        # An abstract printed without its label: the paragraph just above the keywords.
        if (k == "text" and not a.abstracts and fm and i + 1 < n and kinds[i + 1] == "keywords"
                and is_prose(b.text)):
            lang = detect_language(b.text)
            if lang:
                a.abstracts[lang] = b.text.strip()
                i += 1
                continue
        # A title line in mixed case, or a line the classifier does not know, above more of the
        # head (authors, labels) within a few blocks.
        if (k == "text" and not seen_labels and (fm or b.text[:1].isupper())
                and title_like(b, k, last=not b.text.rstrip().endswith(":"))
                and (any(kk in FRONT_MATTER for kk in kinds[i + 1:i + 5])
                     or _title_run_to_head(blocks, kinds, i)
                     or i and kinds[i - 1] == "title" and len(blocks[i - 1].text.split()) <= 3)):
            # (the second: the title below a rubric in capitals, an article with no authors)
            fm.extend(pieces(b))
            i += 1
            continue
        break
    _read_front_matter(a, fm, frozenset(title_hint))
    if a.title:
        a.title = _without_footnote_mark(a.title, blocks[i:])
    body, refs, trailing = _split_body(blocks[i:], kinds[i:])
    heading = next((b.text.strip() for b, k in zip(blocks[i:], kinds[i:]) if k == "references"),
                   None)
    a.references_heading = heading
    _read_trailing(a, trailing, kinds[len(kinds) - len(trailing):])
    a.blocks = body
    a.references = refs
    body_text = " ".join(b.text for b in body)
    a.language = (detect_language(body_text) or detect_language(" ".join(a.abstracts.values()))
                  or detect_language(a.title or ""))
    a.body = blocks_to_markdown(body, lang=a.language)
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


def _title_run_to_head(blocks: list[Block], kinds: list[str], i: int) -> bool:
    """Title-like lines from i down to the authors or labels: a long title whose lines are blocks
    of their own (in title case every line begins with a capital, so none runs on)."""
    j = i + 1
    while j < len(blocks) and j - i <= HEAD_WINDOW and kinds[j] == "text" and title_like(
            blocks[j], kinds[j], last=j + 1 < len(kinds) and kinds[j + 1] in FRONT_MATTER):
        j += 1
    return j < len(blocks) and kinds[j] in FRONT_MATTER


def _read_trailing(a: Article, trailing: list[Block], kinds: list[str]) -> None:
    """What follows the reference list: summaries in other languages (their abstracts and
    keywords join the article's, a title in capitals its `titles`); anything else (appendices,
    tables, the summaries' author lines, a second abstract in a language already read) is kept as
    the article's appendix, never dropped."""
    rest: list[Block] = []
    notes = False  # inside «Сведения об авторах»
    note_text: list[str] = []
    i = 0
    while i < len(trailing):
        tb, k = trailing[i], kinds[i]
        if AFTER_REFERENCES.match(tb.text):
            notes = bool(re.search(r"автор|author", tb.text, re.I))
        elif notes:
            note_text.append(tb.text)
        if k == "keywords" and KEYWORDS.match(tb.text):
            if not _read_keywords(a, tb.text):
                rest.append(tb)
        elif k == "abstract" and ABSTRACT.match(tb.text):
            used = [tb]
            text = ABSTRACT.sub("", tb.text, count=1).strip()
            if not text and i + 1 < len(trailing) and kinds[i + 1] == "text":
                i += 1
                used.append(trailing[i])
                text = trailing[i].text.strip()
            lang = detect_language(text)
            if text and lang and lang not in a.abstracts:
                a.abstracts[lang] = text
            else:
                rest.extend(used)
        elif k == "title" and is_caps(tb.text):
            lang = detect_language(tb.text)
            if lang and lang not in a.titles:
                a.titles[lang] = _clean_title(tb.text)
            else:
                rest.append(tb)
        else:
            rest.append(tb)
        i += 1
    a.appendix = blocks_to_markdown(rest)
    if note_text:
        _author_notes(a, " ".join(note_text))


def _author_notes(a: Article, text: str) -> None:
    """«Сведения об авторах» (`Козлова Анна Сергеевна – кандидат наук, доцент …, e-mail: …`):
    each note's e-mail goes to the head's author of that surname, where the head printed none."""
    starts = [m.start() for m in _NOTE_START.finditer(text)] or [0]
    for n, at in enumerate(starts):
        note = text[at:starts[n + 1] if n + 1 < len(starts) else len(text)]
        first = re.match(r"\s*([^\W\d_]+(?:-[^\W\d_]+)?)", note)
        if not first:
            continue
        surname = first.group(1).casefold().replace("ё", "е")
        for au in a.authors:
            names = {w.casefold().replace("ё", "е") for w in re.findall(r"[^\W\d_]{2,}", au.name)}
            if surname in names:
                email = EMAIL.search(note)
                if email and au.email is None:
                    au.email = clean_email(email.group(0))
                break


# Where a note on one author begins: a name (full or with initials) before a dash or comma.
_NOTE_START = re.compile(rf"(?:^|(?<=[.;]\s))[{UP}][{LO}]+(?:-[{UP}][{LO}]+)?\s+"
                         rf"(?:[{UP}][{LO}]+\s+[{UP}][{LO}]+|[{UP}]\.\s?[{UP}]\.)\s*[–—,-]")


def _read_abstract(a: Article, blocks: list[Block], kinds: list[str], i: int) -> int:
    """Read an abstract starting at its label; return the index after it. The abstract runs to
    the keywords when they follow within a few blocks, else to a section heading («Введение»)
    when one follows within a few blocks, else it is the label's own text or the next block."""
    head = blocks[i].text
    label = _matched(ABSTRACT, head).group(1).lower()
    text = ABSTRACT.sub("", head, count=1).strip()
    parts = [text] if text else []
    j = i + 1
    upcoming = kinds[j: j + 6]
    stop = None
    if "keywords" in upcoming:
        stop = j + upcoming.index("keywords")
    elif "heading" in upcoming[:4] and not parts:
        stop = j + upcoming.index("heading")
    if stop is not None:
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
        else:
            a.front_matter_other.append(head if not text else abstract)
            a.front_matter_other.extend(blocks[k].text for k in range(i + 1, j))
    return j


def _read_keywords(a: Article, text: str) -> bool:
    """Keywords of one language; False when none were taken (no words, or that language read)."""
    m = _matched(KEYWORDS, text)
    label_lang = LABEL_LANGUAGE.get(m.group(1).lower(), None)
    rest = text[m.end():].strip()
    words = [w.strip().rstrip(".").strip() for w in re.split(r"[;,]\s*", rest)]
    words = [w for w in words if w]
    if not words:
        return False
    lang = label_lang
    joined = " ".join(words)
    # The label's language, unless the words say otherwise: most of them with Kazakh letters,
    # or none in Cyrillic (a Kazakh place name in a Russian list leaves it Russian).
    kazakh = sum(bool(KAZAKH_LETTERS.search(w)) for w in words)
    if 2 * kazakh > len(words) or kazakh and lang != "ru":
        lang = "kk"
    elif not re.search("[\u0400-\u04ff]", joined):
        lang = "en"
    elif lang == "kk" or lang is None:
        lang = detect_language(joined) or lang
    if lang and lang not in a.keywords_by_language:
        a.keywords_by_language[lang] = words
        return True
    return False


@dataclass
class _Affiliation:
    """An affiliation as printed, with its marks and the authors printed just before it."""

    text: str
    marks: frozenset[str]
    group: list[Author]
    post: Optional[str] = None  # `¹к.э.н., доцент, Университет …`: the post printed before it


@dataclass
class _FrontMatter:
    group: list[Author] = field(default_factory=list)  # authors of the latest author lines
    marks: dict[int, frozenset[str]] = field(default_factory=dict)  # id(author) -> marks
    affiliations: list[_Affiliation] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    starred: list[str] = field(default_factory=list)  # addresses of the author(s) marked `*`
    # The author whose own line printed a post or unit: lines below it continue its description.
    described: Optional[Author] = None
    description: list[str] = field(default_factory=list)
    email_lines: list[tuple[str, list[str]]] = field(default_factory=list)  # (line, addresses)


def _read_front_matter(a: Article, fm: list[str], title_hint: frozenset[int] = frozenset()) -> None:
    """Read the head's printed lines into fields; a line no field takes is kept in
    `front_matter_other`, so nothing printed is lost. `title_hint`: the lines a PDF's layout
    sets as the title."""
    if not fm:
        return
    kinds = [classify(p) for p in fm]
    _mark_author_lines(fm, kinds)
    _title_continuations(fm, kinds)
    title_at = _title_pieces(fm, kinds, title_hint)
    st = _FrontMatter()
    last_kind = None
    for i, p in enumerate(fm):
        k = kinds[i]
        if i in title_at:
            _close_description(st)
            last_kind = "title"
            continue
        used = True
        if (last_kind == "supervisor" and a.supervisor and k in ("affiliation", "place", "email",
                                                                   "text")
                and p[:1].islower() and not author_entries(p)
                and not re.match(r"e-?mail\b", p, re.I)):
            # `системного программирования СПбГУ, o.granichin@spbu.ru` continues the supervisor
            # line above it (`…, профессор кафедры`): the address is the supervisor's.
            rest = _supervisor(p)
            if rest:
                a.supervisor = f"{a.supervisor} {rest}".strip()
            address = EMAIL.search(p)
            if address:
                a.supervisor_email = clean_email(address.group(0))
            continue
        if st.described is not None and k in ("affiliation", "place", "email", "text", "programme") \
                and not _is_place_tail(p) and (k != "text" or len(p) < 200) \
                and not FOOTNOTE_MARK.match(p):  # (a title's footnote mark set below the authors)
            # `СПбГУ, младший разработчик …, a@b.ru` under its author; `…; Петрова А.А., …`
            # goes on with the next author.
            more = re.search(r";\s*(?=\S)", p)
            tail = p[more.end():] if more else ""
            if more and tail and author_entries(tail, allow_full=False):
                st.description.append(p[:more.start()])
                _add_authors(a, st, tail, continuing=True)
            else:
                st.description.append(p)
            last_kind = k
            continue
        if (k == "text" and last_kind == "author" and st.group
                and st.group[-1].position is None and (POSITION.search(p) or DEGREE.match(p))
                and not AFFILIATION.search(p.split(",")[0])):
            st.group[-1].position = p.strip(" ,;")  # `к.полит.н., доцент кафедры …` below a name
            last_kind = "author"
            continue
        if k != "author":
            _close_description(st)
        if k == "udc" and a.udc is None:
            a.udc = _matched(UDC, p).group(1).strip()
        elif k == "classification":
            doi = DOI.search(p)
            if doi and "doi" in p.lower():
                a.doi = a.doi or doi.group(1)
            else:
                a.classification.append(p.strip())
        elif k == "author":
            used = _add_authors(a, st, p, continuing=last_kind == "author")
        elif k in ("affiliation", "place"):
            _add_affiliation(st, p, k, joins=last_kind in ("affiliation", "place"))
        elif k == "programme" and a.programme is None:
            text = EMAIL.sub("", p).strip(" ,;")
            head, sep, rest = text.partition(", ")
            # `студент 3 курса, Казанский федеральный университет`: programme, then affiliation.
            if sep and AFFILIATION.search(rest) and not AFFILIATION.search(head):
                _add_affiliation(st, rest, "affiliation", joins=False)
            else:
                head = text
            if _STUDY.search(head) or not st.group:
                a.programme = head
            else:  # a status alone (`докторант PhD`) is the author's post, not a programme
                st.group[-1].position = st.group[-1].position or head
        elif k == "supervisor" and a.supervisor is None:
            a.supervisor = _supervisor(_matched(SUPERVISOR, p).group(1))
        elif k == "email":
            # The address goes to an author below; words printed beside it are kept as printed.
            used = not re.search(r"[^\W\d_]{3,}", OBFUSCATED_EMAIL.sub("", EMAIL.sub(
                "", _EMAIL_LABEL.sub("", p))))
        else:
            used = False
        found = [clean_email(e) for e in EMAIL.findall(p)] or [
            clean_email(e) for e in OBFUSCATED_EMAIL.findall(p)]
        if found and (p.lstrip().startswith("*") or re.search(
                r"corresponding|корреспонденц|контактн|хат-хабар", p, re.I)):
            st.starred += found  # `*e-mail: …`, `Corresponding author: …`: the author marked *
        else:
            st.emails += found
        if used and k == "email":
            st.email_lines.append((p, found))
        if not used:
            a.front_matter_other.append(p)
        last_kind = k
    _close_description(st)
    # One student author's study line (`магистрант 2 курса`) is the article's programme; a line
    # several authors share (`… 4-курс студенттері`) is each one's post instead.
    if a.programme is None and len(a.authors) == 1 and a.authors[0].position and \
            _STUDY.search(a.authors[0].position.split("; ")[0]):
        a.programme = a.authors[0].position.split("; ")[0]  # (the post of the first unit)
    elif a.programme is not None and len(a.authors) > 1:
        for au in a.authors:
            au.position = au.position or a.programme
        a.programme = None
    titles = [fm[i] for i in sorted(title_at)]
    if titles and _partly_lost(fm, kinds, title_at):
        # Some of the title's lines lost their letters (`С` / `REAL.NET`): what is left would be
        # a wrong title, so the article stays untitled and the lines are kept as printed.
        a.front_matter_other[:0] = titles
        titles = []
    if titles:
        a.title = _clean_title(" ".join(titles))
    _assign_affiliations(a, st)
    starred = [au for au in a.authors if "*" in st.marks.get(id(au), frozenset())]
    for au, email in zip(starred or a.authors[:1], dict.fromkeys(st.starred)):
        if au.email is None:
            au.email = email
        else:
            st.emails.append(email)
    _assign_emails(a.authors, st.emails)
    # An address line no author took (no author read, more addresses than authors) is kept as
    # printed: nothing read from the head is dropped.
    given = {au.email for au in a.authors} | {a.supervisor_email}
    a.front_matter_other += [p for p, found in st.email_lines if not set(found) <= given]


# What makes a student's line a programme: a year of study or a programme named.
_STUDY = re.compile(r"курс|бағдарлама|программ|специальност|мамандығ|\byear\b|programme|program\b"
                    r"|specialty|speciality|класс|сынып|года обучения|оқу жылы", re.I)


def _title_continuations(fm: list[str], kinds: list[str]) -> None:
    """A line in lower case under a title line that runs on, or any line under one that ends in
    a colon (`… в Казахстане:` / `институты и инструменты`), above the first author line,
    continues the title, though its words may name an institution."""
    first_author = next((i for i, k in enumerate(kinds) if k == "author"), len(fm))
    for i in range(1, first_author):
        above = fm[i - 1].rstrip()
        if (kinds[i] in ("affiliation", "programme", "place") and kinds[i - 1] in ("text", "title")
                and (fm[i][:1].islower() and not above.endswith((".", ";", "!", "?"))
                     or above.endswith(":"))):
            kinds[i] = "text"


def _mark_author_lines(fm: list[str], kinds: list[str]) -> None:
    """Full names without initials (`Aliya Sultanova`) are authors where the head places them:
    after the title, a UDC line, an affiliation or other authors, and above an affiliation,
    e-mail or programme line (`Modeling Project` above an author line is the title's end)."""
    for i, p in enumerate(fm):
        if kinds[i] not in ("text", "title"):
            continue
        before = kinds[i - 1] if i else None
        after = kinds[i + 1] if i + 1 < len(fm) else None
        if (before in ("title", "udc", "classification", "affiliation", "email", "place", "author",
                       "text", None) and after in ("affiliation", "email", "programme", "place")
                and author_names(p, allow_full=True) and not is_caps(p)):
            kinds[i] = "author"


def _title_pieces(fm: list[str], kinds: list[str], hint: frozenset[int] = frozenset()) -> set[int]:
    """Which printed head lines are the title: those a PDF's layout sets as the title (`hint`),
    else a run in capitals, else the run of title-like lines just above the first author line,
    else (authors first, names alone on their lines) the run just below the author block; lines
    whose letters were lost in extraction (`С`, `Р С`) are no title, and a footnote mark on a
    line of its own (`1`) does not end one."""
    if hint:
        return {i for i in hint if not _lost_letters(fm[i])}
    n = len(fm)
    marks = {i for i in range(n) if FOOTNOTE_MARK.match(fm[i])}

    def titlish(i: int) -> bool:
        p = fm[i]
        return (kinds[i] in ("title", "text", "place") and len(p) < 300
                and not (p.rstrip().endswith(":") and len(p.split()) < 3
                         and not (i + 1 < n and kinds[i + 1] in ("text", "title")))
                # (`Сети:` above the title's next line is a title line; above names, a label)
                and not POSITION.search(p[:30])
                and not DEGREE.match(p) and not _lost_letters(p) and "@" not in p
                and not OBFUSCATED_EMAIL.search(p))

    def run_from(i: int, step: int, ok) -> list[int]:
        run: list[int] = []
        while 0 <= i < n and (i in marks or ok(i)):
            if i not in marks:
                run.append(i)
            i += step
        return run

    caps = [i for i in range(n) if kinds[i] == "title" and not _lost_letters(fm[i])]
    # A rubric (`INVITED EDITORIAL`, `ОБЗОРНАЯ СТАТЬЯ`): a line of three words or fewer in
    # capitals right above a title in ordinary case. It is not the title.
    while caps and len(fm[caps[0]].split()) <= 3 and caps[0] + 1 < n and \
            kinds[caps[0] + 1] == "text" and titlish(caps[0] + 1):
        marks.add(caps[0])  # skipped like a footnote mark: kept as printed, not a title line
        caps.pop(0)
    if caps:
        return set(run_from(caps[0], 1, lambda i: kinds[i] == "title"))
    authors = [i for i in range(n) if kinds[i] == "author"]
    if authors:
        run = run_from(authors[0] - 1, -1, titlish)
        if run or any(e.rest for e in author_entries(fm[authors[0]], allow_full=True) or []):
            return set(run)  # authors described on their own line: the title was above them
        k = authors[0]
        while k < n and kinds[k] in ("author", "affiliation", "email", "place", "programme",
                                     "supervisor"):
            k += 1
        return set(run_from(k, 1, titlish))
    k = 0
    while k < n and kinds[k] in ("udc", "classification", "section"):
        k += 1
    return set(run_from(k, 1, titlish)[:5])


def _partly_lost(fm: list[str], kinds: list[str], title_at: set[int]) -> bool:
    """A line whose letters were lost sits next to the title lines, before the authors."""
    first = min(title_at)
    last = max(title_at)
    near = [i for i in range(max(0, first - 2), min(len(fm), last + 3))
            if i not in title_at and kinds[i] in ("text", "title", "place")]
    return any(_lost_letters(fm[i]) and not FOOTNOTE_MARK.match(fm[i]) for i in near)


def _lost_letters(text: str) -> bool:
    """A line whose letters extraction lost (`С`, `Р С`, `“Т`, `,`): single letters at most."""
    return re.search(r"[^\W\d_]{2,}", text) is None and not text.strip().isdigit()


_FOOTNOTE_TAIL = re.compile(rf"(?<=[{LO}{UP}]{{3}})\d{{1,2}}(?=\s*$|\s*[.:;]?\s*$)")


def _clean_title(text: str) -> str:
    """One line of title text; a footnote digit glued to its last word dropped (and a footnote
    mark glued to a word, as a PDF's layout prints it: `Title¹`, `Title*`)."""
    text = re.sub(r"\s+", " ", text).strip()
    if any(c in _SUPERSCRIPTS for c in text):
        text = _TITLE_MARKS.sub("", text)
    return _FOOTNOTE_TAIL.sub("", text).strip()


# A digit after the title's last word and a space, or after its closing quote or bracket.
_SPACED_MARK = re.compile(rf"(?:(?<=[{LO}{UP}]{{3}})\s|(?<=[)»\"”]))([1-9])$")


def _without_footnote_mark(title: str, blocks: list[Block]) -> str:
    """The title without a footnote mark that is set apart from its last word (`… матриц 1`,
    `…"1`), when the article prints that footnote: a line, or words the extractor glued into a
    paragraph, beginning with the same digit and a sentence (`1 Работа выполнена при …`)."""
    m = _SPACED_MARK.search(title)
    if not m:
        return title
    note = re.compile(rf"(?:^|(?<=[{LO}]))[{m.group(1)}]\s+[{UP}][{LO}]+(?:\s+\S+){{3}}", re.M)
    if any(note.search("\n".join(_printed_lines(b))) for b in blocks if b.kind != "heading"):
        return title[:m.start()].rstrip()
    return title


_SUPERSCRIPTS = "¹²³⁴⁵⁶⁷⁸⁹⁰*†‡"
# After a word (not a unit: `м²`) or a closing bracket or quote, before a space, stop or the end.
_TITLE_MARKS = re.compile(rf"(?:(?<=[^\W\d_]{{2}})|(?<=[)»\"”]))[{_SUPERSCRIPTS}]+"
                          rf"(?:,[{_SUPERSCRIPTS}]+)*(?=[\s.,:;]|$)")


# Words that only introduce an address.
_EMAIL_LABEL = re.compile(r"\b(?:e-?mail|эл\.?\s*почта|электронная почта|Corresponding author"
                          r"|Автор для корреспонденции|Контактный автор|Хат-хабар(?: үшін)? автор"
                          r"|Байланыс үшін)\b\s*:?", re.I)


def _matched(pattern: re.Pattern[str], text: str) -> re.Match[str]:
    """The match of a pattern that classified `text` (block_kind, _line_kind): it cannot fail."""
    m = pattern.match(text)
    assert m is not None, (pattern.pattern, text)
    return m


def _supervisor(text: str) -> str:
    """A supervisor line without its e-mail."""
    return EMAIL.sub("", text).strip(" ,;")


def _add_authors(a: Article, st: _FrontMatter, line: str, continuing: bool) -> bool:
    entries = author_entries(line, allow_full=True)
    if entries is None:
        names = author_names(line, allow_full=True) or []
        parts = split_names(line, keep_marks=True)
        marks = [marks_of(parts[n]) if len(parts) == len(names) else frozenset()
                 for n in range(len(names))]
        entries = [AuthorEntry(name, m, "") for name, m in zip(names, marks)]
    if not entries:
        return False
    _close_description(st)
    if not continuing:
        st.group = []
    for n, e in enumerate(entries):
        au = Author(name=e.name)
        a.authors.append(au)
        st.group.append(au)
        st.marks[id(au)] = e.marks
        if e.rest and n < len(entries) - 1:
            _describe(au, [e.rest])
    if entries[-1].rest:  # the lines below may go on with the last author's description
        st.described, st.description = a.authors[-1], [entries[-1].rest]
    return True


def _close_description(st: _FrontMatter) -> None:
    if st.described is not None:
        _describe(st.described, st.description)
    st.described, st.description = None, []


# Where a post ends and its unit begins: `студент 2 курса | кафедры системного программирования`.
_UNIT_START = re.compile(
    r"(?:^|\s|,\s*)((?:кафедр|каф\b\.?|факультет|фак-т|ф-т|институт|университет|академи|лаборатор"
    r"|лаб\.|отдел|школ"
    r"|колледж|центр|department|faculty|school|university|institute|laboratory|college"
    r"|(?-i:[А-ЯЁA-Z][А-ЯЁа-яёA-Za-z]*[А-ЯЁA-Z])\b)[\s\S]*)", re.I)


# A membership printed among the degrees (`чл.-корр. РАН`, `академик НАН РК`): its academy is
# part of the title, not the author's unit.
_MEMBER_OF = re.compile(r"(?:чл\.\s?-?\s?корр\.?|член-корр(?:еспондент|\.)?|академик|акад\.|"
                        r"(?:corresponding|full|honorary) member(?: of)?)\s*(?-i:[А-ЯЁA-Z]{2,}\s*)*$",
                        re.I)


def _unit_start(text: str) -> Optional[re.Match[str]]:
    """_UNIT_START's first match that is no academy named in a membership title."""
    m = _UNIT_START.search(text)
    while m is not None and _MEMBER_OF.search(text[:m.start(1)]):
        word = re.match(r"\S+", text[m.start(1):])
        m = _UNIT_START.search(text, m.start(1) + (word.end() if word else 1))
    return m


def _describe(au: Author, lines: list[str]) -> None:
    """An author's own description (`студент 2 курса кафедры …, СПбГУ, a@b.ru`): e-mail,
    post and unit. A line below the author line that begins with a capital begins the unit
    (`Сарыаркинский технический университет, …`); one in lower case runs on."""
    parts: list[str] = []
    for line in lines:
        if parts and line[:1].islower():
            parts[-1] = f"{parts[-1]} {line}"
        else:
            parts.append(line)
    if len(parts) > 1 and not _unit_start(parts[0]):
        post_line = OBFUSCATED_EMAIL.sub("", EMAIL.sub("", parts[0])).strip(" ,;.")
        if post_line:
            au.position = au.position or post_line
            lines = [" ".join(parts[1:])]
            _describe_unit(au, lines, unit_only=True)
            return
    _describe_unit(au, lines)


def _describe_unit(au: Author, lines: list[str], unit_only: bool = False) -> None:
    text = " ".join(lines)
    emails = [clean_email(e) for e in EMAIL.findall(text)]
    obfuscated = OBFUSCATED_EMAIL.search(text)
    if emails:
        au.email = emails[0]
    elif obfuscated:
        au.email = clean_email(obfuscated.group(0))
    text = OBFUSCATED_EMAIL.sub("", EMAIL.sub("", text))
    text = re.sub(r"\b(?:e-?mail|эл\.\s?почта)\s*:?", "", text, flags=re.I)
    text = re.sub(r"\s+", " ", text).strip(" ,;.")
    if not text:
        return
    m = _unit_start(text)
    if unit_only:
        post, unit = "", text
    elif m and m.start(1) > 0:
        at = _unit_begins(text, m.start(1))
        post, unit = text[:at].strip(" ,;"), text[at:].strip(" ,;.")
    elif m:
        post, unit = "", text
    else:
        post, unit = text, ""
    unit, posts = _second_units(unit)
    au.position = "; ".join(x for x in [au.position or post, *posts] if x) or None
    if unit and au.affiliation is None:
        au.affiliation = unit


# Words of a unit's name before its noun: adjectives in the genitive (`математико-механического
# факультета`, `Высшей школы`) and abbreviated ones (`мат.-мех. фак-та`).
# (`-ей` of an adjective only after н, ш, щ: `обязанностей` is a noun)
_UNIT_ADJECTIVE = re.compile(r"(?:[^\W\d_]+-)?[^\W\d_]{2,}(?:ого|его|ой|[ншщ]ей|ых|их)"
                             r"|[^\W\d_]{3,}\.-[^\W\d_]{3,}\.", re.I)
# A post (`мл. научн. сотрудник`, `стажёр-исследователь`, `ст. преп.`, `м.н.с.`).
_POST = re.compile(
    r"(?:(?:ст\.|старш(?:ий|ая)|мл\.|младш(?:ий|ая)|вед\.|ведущ(?:ий|ая)|гл\.|главн(?:ый|ая))\s+)?"
    r"(?:(?:научн?\.|науч\.|научн(?:ый|ая))\s+)?"
    r"(?:сотр\.|сотрудни(?:к|ца)|преп\.|преподаватель|доц\.|доцент|проф\.|профессор|студент(?:ка)?"
    r"|асп\.|аспирант(?:ка)?|магистрант(?:ка)?|докторант(?:ка)?|стаж[её]р(?:-исследователь)?|зав\."
    r"|заведующ(?:ий|ая|его|ей)|инженер(?:-[^\W\d_]+)?|разработчик|исследователь|[мсвг]?\.?н\.с\.)"
    r"(?=[\s,;]|$)", re.I)


def _unit_begins(text: str, at: int) -> int:
    """Where a unit whose noun is at `at` begins: before the adjectives of its name."""
    words = list(re.finditer(r"\S+", text[:at]))
    while words and _UNIT_ADJECTIVE.fullmatch(words[-1].group(0)) and \
            not _POST.fullmatch(words[-1].group(0)):
        at = words.pop().start()
    return at


def _second_units(unit: str) -> tuple[str, list[str]]:
    """A unit with more posts inside it (`кафедры … СПбГУ, мл. научн. сотрудник лаборатории …`):
    the units joined with "; ", and the posts."""
    units: list[str] = []
    posts: list[str] = []
    while True:
        # (an abbreviation only after a comma: `Институт проф. образования` names no post)
        m = next((m for m in re.finditer(r"(?:[,;]\s*|\s)(?=\S)", unit)
                  if (p := _POST.match(unit, m.end()))
                  and (m.group(0).strip() or not p.group(0).endswith("."))), None)
        post = _POST.match(unit, m.end()) if m else None
        rest = _UNIT_START.search(unit, post.end()) if post else None
        if not (m and post and rest):
            return "; ".join(units + [unit]), posts
        at = _unit_begins(unit, rest.start(1))
        if at < post.end():
            return "; ".join(units + [unit]), posts
        units.append(unit[:m.start()].strip(" ,;"))
        posts.append(unit[m.end():at].strip(" ,;"))
        unit = unit[at:].strip(" ,;.")


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
    post = None
    parts = [x.strip() for x in text.split(",")]
    if marks and len(parts) > 1 and (DEGREE.match(text + " ") or POSITION.search(parts[0])):
        at = next((n for n, x in enumerate(parts) if AFFILIATION.search(x)), None)
        if at:  # `к.э.н., доцент, Карагандинский технический университет, …`
            post, text = ", ".join(parts[:at]), ", ".join(parts[at:])
    st.affiliations.append(_Affiliation(text, marks, list(st.group), post))


def _is_place_tail(text: str) -> bool:
    """A short line naming only a place (`г. Караганда, Казахстан`)."""
    return bool(PLACE.match(text)) and len(text) < 80


def _assign_affiliations(a: Article, st: _FrontMatter) -> None:
    """Marked affiliations go to the authors with that mark, others to the authors above them."""
    marked = [af for af in st.affiliations if af.marks]
    for au in a.authors:
        mine = [af for af in marked if af.marks & st.marks.get(id(au), frozenset())]
        if mine:
            au.affiliation = "; ".join(dict.fromkeys(af.text for af in mine))
            au.position = au.position or next((af.post for af in mine if af.post), None)
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
    # An affiliation no author took (every author has one already, or its mark is no author's)
    # is kept as printed: nothing read from the head is dropped.
    taken = {au.affiliation for au in a.authors} | set(distinct)
    for af in st.affiliations:
        if not any(af.text in (t or "") for t in taken):
            a.front_matter_other.append(af.text)
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
                # Summaries, a second list (`References` in transliteration after
                # `Әдебиеттер`), notes on the authors: all after the list, kept as printed. An
                # entry in capitals (`[2] ELIBRARY.RU - …`) reads as a title but has its number.
                if trailing or kk in ("abstract", "keywords", "references") or (
                        kk == "title" and not _ENTRY_NUMBER.match(b.text)) or (
                        kk in ("text", "heading") and AFTER_REFERENCES.match(b.text)):
                    trailing.append(b)
                else:
                    entries.append(b)
            body = blocks[:j]
            # The list's numbers printed above its heading (`1.` `2.` `3.`, then «Литература» and
            # the entries without them): pdftotext's order for a hanging list. They go with it.
            cut = len(body)
            while cut and _BARE_NUMBER.match(body[cut - 1].text):
                cut -= 1
            numbers = [int(x) for b in body[cut:] for x in re.findall(r"\d+", b.text)]
            if len(numbers) >= 2 and numbers == list(range(1, len(numbers) + 1)) and not any(
                    _ENTRY_NUMBER.match(b.text) or b.kind == "numbered" for b in entries):
                body, entries = body[:cut], body[cut:] + entries
            return body, _reference_entries(entries), trailing
    return blocks, [], []


_BARE_NUMBER = re.compile(r"^(?:\s*\d{1,3}[.)])+\s*$")


_REF_NUMBER = re.compile(r"^\s*\d{1,3}\s*[.)]?\s+(?=\S)")
_ENTRY_NUMBER = re.compile(r"^\s*(?:\[\d{1,3}\]|\d{1,3}[.)])\s")


def _reference_entries(entries: list[Block]) -> list[str]:
    """One string per printed entry of a reference list.

    Numbered lists are read by their numbers, in sequence (1, 2, 3 …), wherever a number stands:
    at a line start (`1.`, `1)`, `[1]`), inside a line where the extractor glued two entries
    (`… Z1100000477 4. Kandases …`, `… [5] http://… [6] Абрамов …`), or detached from the entry
    texts (pdftotext prints a hanging list's numbers first: `1.` `2.` `3.`, then the texts;
    those are shared out by where an entry visibly begins). Text between two numbers is one
    entry, page breaks included. Unnumbered lists: one entry per block, a block that begins in
    lower case, with a URL or a dash continuing the one above."""
    lines = [line for b in entries for line in _printed_lines(b)]
    text = "\n".join(lines)
    chain = _number_chain(text)
    if len(chain) < 2 and not (chain and not text[:chain[0][0]].strip()):
        return _unnumbered_entries(entries)
    out: list[str] = []
    head = text[:chain[0][0]].strip()
    pending: list[int] = []  # numbers whose text is still to come (detached numbers)
    for n, (_, end, _) in enumerate(chain):
        stop = chain[n + 1][0] if n + 1 < len(chain) else len(text)
        body = text[end:stop].strip()
        if not body:
            pending.append(n)
            continue
        if pending:
            parts = _share_out(body.split("\n"), len(pending) + 1)
            out += [_one_line(p) for p in parts]
            pending = []
        else:
            out.append(_one_line(body))
    if pending:
        out += [""] * len(pending)
    if head and out:
        out[0] = f"{head} {out[0]}".strip()
    return [o for o in out if o] if any(out) else []


def _printed_lines(b: Block) -> list[str]:
    cuts = [o for o, _ in b.offsets] + [len(b.text)]
    lines = [b.text[cuts[i]:cuts[i + 1]].strip() for i in range(len(cuts) - 1)]
    lines = [x for x in lines if x]
    if b.kind == "numbered" and b.number and lines:
        lines[0] = f"{b.number} {lines[0]}"
    return lines


_MARKER = re.compile(r"(?:(?<=\n)|^)\s*(\d{1,3})[.)](?=\s|$)|\[(\d{1,3})\]|(?<=\s)(\d{1,3})\.(?=\s+[" + UP + r"«\"“])")


def _number_chain(text: str) -> list[tuple[int, int, int]]:
    """(start, end, number) of the markers 1, 2, 3 … in order; a marker at a line start or in
    brackets wins over a bare `4.` inside a line."""
    chain: list[tuple[int, int, int]] = []
    expected, pos = 1, 0
    markers = [(m.start(), m.end(), int(m.group(1) or m.group(2) or m.group(3)),
                m.group(3) is not None) for m in _MARKER.finditer(text)]
    for start, end, number, inline in markers:
        if start < pos or number != expected:
            continue
        if inline and any(s2 > start and n2 == expected and not in2
                          for s2, _, n2, in2 in markers):
            continue  # the same number stands at a line start further on
        chain.append((start, end, number))
        expected, pos = expected + 1, end
    return chain


_ENTRY_START = re.compile(rf"^(?:[{UP}][{LO}]+(?:-[{UP}][{LO}]+)?,?\s+[{UP}]\.|[{UP}]\.\s?(?:[{UP}]\.)?\s?[{UP}][{LO}]+"
                          rf"|[A-Z][a-z]+(?:\s[A-Z][a-z]+)?,?\s+[A-Z]\.)")


_LINK_START = re.compile(r"^(?:https?://|www\.)", re.I)


def _share_out(lines: list[str], n: int) -> list[str]:
    """Split the lines of n detached entries into n groups at the n-1 likeliest entry starts: a
    line beginning with an author (`Фамилия И.`, `I. Surname`) after a line that ends a
    sentence scores highest; a bare link scores below them; a line in lower case or
    after one that runs on (`…,`, `…:`) never begins one."""
    if n <= 1 or len(lines) <= 1:
        return ["\n".join(lines)] + [""] * (n - 1)
    scores = []
    for i in range(1, len(lines)):
        line, before = lines[i], lines[i - 1].rstrip()
        if before.endswith((",", ":", "-")):
            continue  # (`Нахавандипур,` / `Вандад`: the entry runs on)
        if _LINK_START.match(line):
            scores.append((0.5, i))  # an entry that is a bare link, after its label at worst
            continue
        if before.endswith("/"):
            continue  # (`…/uid/` / `TP30000999`: a link cut at a line end)
        # (`iOS. Разработка …`: a name in lower case then capitals begins an entry too)
        if not (line[:1].isupper() or line[:1].islower() and line[1:2].isupper()):
            continue
        score = 1.0 if len(line.split()) > 1 else 0.25  # (a lone word is a name's tail)
        if _ENTRY_START.match(line):
            score += 2
        if before.endswith((".", "]")):
            score += 1
        scores.append((score, i))
    cuts = sorted(i for _, i in sorted(scores, key=lambda x: (-x[0], x[1]))[:n - 1])
    bounds = [0, *cuts, len(lines)]
    groups = ["\n".join(lines[bounds[k]:bounds[k + 1]]) for k in range(len(bounds) - 1)]
    return groups + [""] * (n - len(groups))


# A number range whose line ends after its dash (`С. 101–` | `115.`) is printed whole.
_BROKEN_RANGE = re.compile(r"(\d[-–—])[ \t]*\n\s*(?=\d)")


def _one_line(text: str) -> str:
    """An entry's printed lines as one line."""
    return " ".join(_BROKEN_RANGE.sub(r"\1", text).split())


def _unnumbered_entries(entries: list[Block]) -> list[str]:
    refs: list[str] = []
    for b in entries:
        text = b.text.strip()
        if refs and (text[:1].islower() or text.lower().startswith(("http", "www", "–", "—", "doi"))
                     or text[:1].isdigit() and not _REF_NUMBER.match(text)):
            refs[-1] = f"{refs[-1]} {text}"
            continue
        refs.append(_REF_NUMBER.sub("", text, count=1).strip() if b.kind == "para" else text)
    return refs
