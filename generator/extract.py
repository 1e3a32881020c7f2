"""Stage 4, extract: one article segment -> an Article with its metadata, body and references.

A field the text does not print stays None or empty: nothing is guessed. The front matter is read
line by line (UDC, title, authors with affiliation and e-mail, programme, supervisor, abstracts and
keywords per language); the body runs to the reference-list heading; references are its items.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from .mdtext import blocks_to_markdown
from .model import Article, Author, Block
from .patterns import (ABSTRACT, EMAIL, FRONT_MATTER, KAZAKH_LETTERS, KEYWORDS, LABEL_LANGUAGE,
                       SUPERVISOR, UDC, author_names, classify, is_caps)
from .segment import Segment

LANGS = ("kk", "ru", "en")


@lru_cache(maxsize=1)
def _detector():
    from lingua import Language, LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(
        Language.KAZAKH, Language.RUSSIAN, Language.ENGLISH).build()


def detect_language(text: str) -> Optional[str]:
    """kk, ru or en for a text, by lingua restricted to the volume's three languages."""
    text = text.strip()[:2000]
    if len(re.findall(r"\w", text)) < 3:
        return None
    if not re.search("[\u0400-\u04ff]", text):
        return "en" if re.search("[A-Za-z]{3}", text) else None
    lang = _detector().detect_language_of(text)
    if lang is None:
        return None
    code = {"KAZAKH": "kk", "RUSSIAN": "ru", "ENGLISH": "en"}[lang.name]
    # Kazakh-specific letters settle a short text that lingua reads as Russian.
    if code == "ru" and len(KAZAKH_LETTERS.findall(text)) >= max(2, len(text) // 80):
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
                    or p[:1].islower() or is_caps(out[-1]) and is_caps(p)):
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
    group: list[Author] = []
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
    _read_front_matter(a, fm, group)
    body, refs, trailing = _split_body(blocks[i:], kinds[i:])
    for j, tb in enumerate(trailing):
        if ABSTRACT.match(tb.text):
            text = ABSTRACT.sub("", tb.text, count=1).strip()
            lang = detect_language(text)
            if text and lang and lang not in a.abstracts:
                a.abstracts[lang] = text
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


def _read_front_matter(a: Article, fm: list[str], group: list[Author]) -> None:
    title_parts: list[str] = []
    title_done = False
    last_kind = None
    for p in fm:
        k = classify(p)
        names = author_names(p, allow_full=last_kind in ("title", "udc", "affiliation", "email")
                             or (last_kind == "text" and bool(title_parts)))
        if k == "text" and names:
            k = "author"
        if k == "udc" and a.udc is None:
            a.udc = UDC.match(p).group(1).strip()
        elif k == "title" and not title_done:
            title_parts.append(p)
        elif k == "text" and not title_done and not title_parts and len(p) < 250 and (
                last_kind in ("udc", "classification", "author", "email", "affiliation", None)):
            title_parts.append(p)
            title_done = last_kind in ("author", "email", "affiliation")
        elif k == "author":
            if title_parts:
                title_done = True
            if last_kind != "author":
                group.clear()
            for name in names or []:
                au = Author(name=name)
                a.authors.append(au)
                group.append(au)
        elif k in ("affiliation", "programme", "place"):
            if title_parts:
                title_done = True
            affil = EMAIL.sub("", p).strip(" ,;")
            if k == "programme":
                if a.programme is None:
                    a.programme = affil
            elif k == "place":
                a.city = a.city or affil.rstrip(".")
                if a.affiliation and last_kind == "affiliation" and affil not in a.affiliation:
                    a.affiliation = f"{a.affiliation}, {affil}"
                    for au in group:
                        if au.affiliation and affil not in au.affiliation:
                            au.affiliation = f"{au.affiliation}, {affil}"
            else:
                if a.affiliation is None:
                    a.affiliation = affil
                for au in group:
                    if au.affiliation is None:
                        au.affiliation = affil
            for email in EMAIL.findall(p):
                _give_email(group, email)
        elif k == "email":
            for email in EMAIL.findall(p):
                _give_email(group, email)
        elif k == "supervisor" and a.supervisor is None:
            a.supervisor = SUPERVISOR.match(p).group(1).strip()
        if k != "title" and title_parts:
            title_done = True
        last_kind = k
    if title_parts:
        a.title = re.sub(r"\s+", " ", " ".join(title_parts)).strip()


def _give_email(group: list[Author], email: str) -> None:
    email = email.rstrip(".,;")
    for au in group:
        if au.email is None:
            au.email = email
            return


def _split_body(blocks: list[Block], kinds: list[str]) -> tuple[list[Block], list[str], list[Block]]:
    """Body blocks, reference entries, and blocks after the references (other-language summaries)."""
    for j, k in enumerate(kinds):
        if k == "references":
            refs: list[str] = []
            trailing: list[Block] = []
            for b, kk in zip(blocks[j + 1:], kinds[j + 1:]):
                if trailing or kk in ("abstract", "title"):
                    trailing.append(b)
                    continue
                if b.kind == "numbered" or b.kind == "bullet" or not refs:
                    refs.append(b.text.strip())
                elif re.match(r"^\s*\d{1,3}\s*[.)]?\s+\S", b.text):
                    refs.append(re.sub(r"^\s*\d{1,3}\s*[.)]?\s+", "", b.text).strip())
                else:
                    refs.append(b.text.strip())
            return blocks[:j], refs, trailing
    return blocks, [], []
