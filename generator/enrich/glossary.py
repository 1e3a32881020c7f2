"""Glossary stage: load the bilingual lexicon, find its terms in the articles, link first uses.

Terms are matched inflection-aware through generator.morphology (Kazakh suffix rules, Russian
pymorphy3 lemmas and Snowball stems, English Snowball), word by word, so a term never matches
inside another word. The Kazakh–Russian and Russian–Kazakh pages are two views of one entry list.
"""
from __future__ import annotations

import dataclasses
import hashlib
import functools
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Optional
from collections.abc import Callable, Iterable, Sequence

import yaml

from ..language import alphabet, morphology
from ..language.alphabet import KAZAKH_LETTER
from ..util import parallel, yamlfile
from ..errors import JinaqError, read_editor_file, yaml_error
from ..model import Article, GlossaryEntry
from ..language.textutil import CYRILLIC, normalise_for_search

BUNDLED_LEXICON = Path(__file__).parent.parent / "data" / "lexicon.yml"

_ENTRY_KEYS = {"kk", "ru", "en", "variants", "drop"}
_DASHES = str.maketrans({"–": "-", "—": "-", "‐": "-", "‑": "-"})

# No library ships Kazakh stop words; these are function words and empty academic fillers.
KK_STOP = set("""
және мен бен пен да де та те бұл осы сол ол олар оның оны онда оған одан үшін туралы арқылы
бойынша сияқты ретінде кейін дейін бірақ алайда яғни сондай-ақ сонымен қатар немесе әрі тек
ғана бар жоқ емес болып болды болуы болған болады болса бір екі бірнеше көптеген барлық әр
әрбір өз өзі біз сіз ең өте тағы енді қазір кезде кезінде жылы жылғы жыл деп деген соның
сонда мұнда мұндай сондай сондықтан себебі өйткені егер негізінде байланысты қатысты
жөнінде жөніндегі ал ма ме па пе ба бе не кім қандай қалай қашан неге тиіс керек мүмкін
түрлі басқа жаңа негізгі маңызды қазіргі соң осылайша демек мысалы атап айтқанда бүгінде
алғаш рет іске арасында ішінде бірге жатады етеді етіп ету жүзеге асыру асырылды енгізу
қабылданды және де әлі бері бастап дейінгі сайын кез келген бірі бірқатар
""".split())
EN_STOP = set("""
the a an and or of in on at to for by with from as is are was were be been being this that
these those it its their there which who whom whose what when where how not no but also than
then such into over under between about after before during through can may might must will
would should could has have had do does did so if while each other more most some any all
""".split())
# Frequent Russian nouns and adjectives that are never terms (compared as pymorphy3 lemmas).
RU_STOP_LEMMAS = {"год", "время", "который", "этот", "такой", "весь", "свой", "случай", "пример",
                  "ряд", "часть", "работа", "вопрос", "результат", "день", "данный", "являться",
                  "также", "статья", "образ", "число", "другой", "новый", "основной", "один"}
# Russian verbs are rarely glossary terms; function words come from pymorphy3's tags.
_RU_FUNCTION_POS = {"VERB", "INFN", "GRND", "PRTS"}


# Sorting (one order for both languages: see language/alphabet.py)

def kk_sort_key(s: Optional[str]) -> tuple:
    """Sort key in Kazakh alphabet order (ә after а, ғ after г, і between ы and ь)."""
    return alphabet.sort_key(s)


def ru_sort_key(s: Optional[str]) -> tuple:
    """Sort key in Russian alphabet order (ё with е; Kazakh letters where Kazakh puts them)."""
    return alphabet.sort_key(s)


# Loading the lexicon and the editor's file (libyaml: the lexicon took 0.7 s in pure Python)


def _node_line(node: Optional[yaml.Node]) -> Optional[int]:
    return node.start_mark.line + 1 if node is not None else None


def _read_entries(path: Path) -> list[tuple[dict, Optional[int]]]:
    """(raw entry mapping, 1-based line) pairs of a lexicon file; errors name file and line."""
    text = read_editor_file(path, "glossary file")
    try:
        root = yaml.compose(text, Loader=yamlfile.LOADER)
        data = yaml.load(text, Loader=yamlfile.LOADER)
    except yaml.YAMLError as e:
        raise yaml_error(e, str(path), text, what="invalid YAML") from None
    if data is None or root is None:
        return []
    items_node = root
    if isinstance(data, dict):
        key = next((k for k in ("entries", "glossary", "terms") if k in data), None)
        if key is None or len(data) != 1:
            raise JinaqError("expected a list of entries (or a mapping with one key 'entries')",
                             str(path), _node_line(root))
        items_node = next(v for k, v in root.value if k.value == key)
        data = data[key]
    if not isinstance(data, list):
        raise JinaqError("expected a list of entries", str(path), _node_line(items_node))
    nodes = items_node.value if isinstance(items_node, yaml.SequenceNode) else []
    return [(item, _node_line(nodes[i]) if i < len(nodes) else None)
            for i, item in enumerate(data)]


def _str_or_none(value, field: str, path: Path, line: Optional[int]) -> Optional[str]:
    if value is None:
        return None
    if not isinstance(value, str):
        raise JinaqError(f"'{field}' must be text, not {type(value).__name__}", str(path), line)
    value = " ".join(value.split())
    return value or None


def _parse_entry(raw, path: Path, line: Optional[int],
                 origin: str) -> tuple[GlossaryEntry, bool, set]:
    """(entry, drop flag, fields the file sets) of one raw entry, validated."""
    if not isinstance(raw, dict):
        raise JinaqError("each glossary entry must be a mapping like {kk: ..., ru: ...}",
                         str(path), line)
    unknown = sorted(str(k) for k in raw if k not in _ENTRY_KEYS)
    if unknown:
        raise JinaqError(f"unknown field {unknown[0]!r} in glossary entry", str(path), line,
                         hint="fields: kk, ru, en, variants, drop")
    kk = _str_or_none(raw.get("kk"), "kk", path, line)
    ru = _str_or_none(raw.get("ru"), "ru", path, line)
    en = _str_or_none(raw.get("en"), "en", path, line)
    if not kk and not ru:
        raise JinaqError("a glossary entry needs 'kk' or 'ru'", str(path), line)
    variants: dict[str, list[str]] = {}
    raw_variants = raw.get("variants")
    if raw_variants is not None:
        if not isinstance(raw_variants, dict):
            raise JinaqError("'variants' must map a language to a list of spellings",
                             str(path), line)
        for lang, forms in raw_variants.items():
            if isinstance(forms, str):
                forms = [forms]
            if not isinstance(forms, list):
                raise JinaqError(f"'variants.{lang}' must be a list of text", str(path), line)
            variants[str(lang)] = [_str_or_none(f, f"variants.{lang}", path, line) or ""
                                   for f in forms if f is not None]
            variants[str(lang)] = [f for f in variants[str(lang)] if f]
    drop = raw.get("drop", False)
    if not isinstance(drop, bool):
        raise JinaqError("'drop' must be true or false", str(path), line)
    return GlossaryEntry(kk=kk, ru=ru, en=en, variants=variants, origin=origin), drop, set(raw)


@functools.lru_cache(maxsize=65536)
def _norm(s: Optional[str]) -> Optional[str]:
    return " ".join(normalise_for_search(s).split()) if s else None


def _find(entries: list[GlossaryEntry], e: GlossaryEntry) -> list[int]:
    """Indexes of entries that share the Kazakh or the Russian term with `e`."""
    kk, ru = _norm(e.kk), _norm(e.ru)
    return [i for i, x in enumerate(entries)
            if (kk and _norm(x.kk) == kk) or (ru and _norm(x.ru) == ru)]


def load_lexicon(paths: Iterable[Path]) -> list[GlossaryEntry]:
    """Entries of the given lexicon files, each merged on top of the ones before.

    Pass the bundled lexicon first and the editor's content/glossary.yml after it: an entry whose
    kk or ru matches an earlier one replaces the fields it sets (`drop: true` removes the entry).
    A missing file other than the first is skipped (the editor's file is optional).
    """
    entries: list[GlossaryEntry] = []
    for n, path in enumerate(Path(p) for p in paths):
        if n > 0 and not path.exists():
            continue
        origin = "lexicon" if path.resolve() == BUNDLED_LEXICON.resolve() else "editor"
        for raw, line in _read_entries(path):
            new, drop, given = _parse_entry(raw, path, line, origin)
            found = _find(entries, new)
            if not found:
                if not drop:
                    entries.append(new)
                continue
            first = found[0]
            if drop:
                merged = None
            else:
                merged = dataclasses.replace(entries[first], origin=origin)
                for f in ("kk", "ru", "en", "variants"):
                    if f in given:
                        setattr(merged, f, getattr(new, f))
            for i in reversed(found):  # an edit that joins two entries leaves one
                del entries[i]
            if merged is not None:
                entries.insert(first, merged)
    return entries


# Pairs the articles give
#
# An article that prints its keywords or its abstract in Kazakh and in Russian, or defines a
# term with the other language in brackets, gives kk–ru pairs of its own. They are proposed as
# glossary entries (origin "keywords" or "parallel") and listed by `jinaq check` for the editor
# to accept into content/glossary.yml. Only what lines up without guessing is taken.

def mine_article_pairs(articles: Iterable[Article], known: Iterable[GlossaryEntry] = (),
                       pairs: Optional[Sequence[list[tuple[str, str]]]] = None
                       ) -> list[GlossaryEntry]:
    """The kk–ru pairs the articles themselves give: aligned keyword lists, the quoted terms,
    abbreviations and names of parallel abstracts, and terms defined with the other language in
    brackets. `known` (the lexicon) anchors keyword lists of different lengths. `pairs`: each
    article's article_pairs, in order, when they are known already."""
    articles, known = list(articles), list(known)
    out = mine_keyword_pairs(articles, known)
    seen = {(_norm(e.kk), _norm(e.ru)) for e in out}
    # A side the glossary already knows in another inflection (маслихата for маслихат) adds
    # no entry.
    known_keys = {(lang, p.keys) for e in known + out for lang in ("kk", "ru")
                  for p in _phrases(e, lang)}
    for given in pairs if pairs is not None else map(article_pairs, articles):
        for kk, ru in given:
            sig = (_norm(kk), _norm(ru))
            if sig in seen or not sig[0] or not sig[1]:
                continue
            new = GlossaryEntry(kk=kk, ru=ru, origin="parallel")
            if any((lang, p.keys) in known_keys for lang in ("kk", "ru")
                   for p in _phrases(new, lang)):
                continue
            seen.add(sig)
            known_keys |= {(lang, p.keys) for lang in ("kk", "ru") for p in _phrases(new, lang)}
            out.append(new)
    return out


def article_pairs(a: Article) -> list[tuple[str, str]]:
    """The kk–ru pairs one article gives in its parallel abstracts and its brackets."""
    return _abstract_pairs(a) + _bracket_pairs(a)


def mine_keyword_pairs(articles: Iterable[Article],
                       known: Iterable[GlossaryEntry] = ()) -> list[GlossaryEntry]:
    """kk–ru pairs from articles that list keywords in both languages, aligned by position.

    Lists of equal length are aligned item by item (an English list of the same length adds
    `en`). Lists of different lengths are aligned only around anchors, items that `known` pairs
    or that read the same in both languages (меритократия): between two anchors, the items are
    paired in order when both sides hold as many; anything else is left alone.
    """
    anchors = _known_pairs(known)
    out: list[GlossaryEntry] = []
    seen: set[tuple] = set()
    for a in articles:
        kw = a.keywords_by_language or {}
        kk = [_clean_keyword(k) for k in kw.get("kk") or []]
        ru = [_clean_keyword(r) for r in kw.get("ru") or []]
        if not kk or not ru:
            continue
        en = [_clean_keyword(e) for e in kw.get("en") or []]
        for i, j in _align_lists(kk, ru, anchors):
            k, r = kk[i], ru[j]
            if not k or not r:
                continue
            sig = (_norm(k), _norm(r))
            if sig in seen:
                continue
            seen.add(sig)
            e = en[i] if len(en) == len(kk) and len(kk) == len(ru) else None
            out.append(GlossaryEntry(kk=k, ru=r, en=e or None, origin="keywords"))
    return out


def _clean_keyword(text: str) -> str:
    return " ".join(text.split()).strip(" .;")


def _known_pairs(known: Iterable[GlossaryEntry]) -> set[tuple[Optional[str], Optional[str]]]:
    """Every (kk, ru) spelling pair of the known entries, normalised."""
    out: set[tuple[Optional[str], Optional[str]]] = set()
    for e in known:
        kks = [e.kk] + list(e.variants.get("kk", []))
        rus = [e.ru] + list(e.variants.get("ru", []))
        out |= {(_norm(k), _norm(r)) for k in kks if k for r in rus if r}
    return out


def _align_lists(kk: list[str], ru: list[str],
                 anchors: set[tuple[Optional[str], Optional[str]]]) -> list[tuple[int, int]]:
    """(i, j) pairs of two keyword lists: in order when they are as long, else around anchors."""
    if len(kk) == len(ru):
        return list(zip(range(len(kk)), range(len(ru))))
    fixed = [(-1, -1)]
    for i, k in enumerate(kk):
        for j in range(fixed[-1][1] + 1, len(ru)):
            if (_norm(k), _norm(ru[j])) in anchors or _norm(k) == _norm(ru[j]):
                fixed.append((i, j))
                break
    fixed.append((len(kk), len(ru)))
    out = []
    for (i0, j0), (i1, j1) in zip(fixed, fixed[1:]):
        if i1 - i0 == j1 - j0:  # the same number of items between two anchors: in order
            out += [(i0 + n, j0 + n) for n in range(1, i1 - i0)]
        if i1 < len(kk):
            out.append((i1, j1))
    return out


# Parallel abstracts: the units that survive translation in the same order are quoted terms
# («оралман»), abbreviations (ЕҚЫҰ / ОБСЕ) and names (Бірыңғай жинақтаушы зейнетақы қоры /
# Единый накопительный пенсионный фонд). A single capitalised word (a place, a person) is left
# out; so is a sentence start.

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[«\"(]?[^\W\d_])")
_QUOTE = re.compile(r"«([^«»]{1,80})»")
_UNIT_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*|\S")


def _abstract_pairs(article: Article) -> list[tuple[str, str]]:
    """Pairs from the article's Kazakh and Russian abstracts, unit by unit."""
    texts = dict(article.abstracts or {})
    if article.abstract and article.language in ("kk", "ru") and article.language not in texts:
        texts[article.language] = article.abstract
    if not texts.get("kk") or not texts.get("ru"):
        return []
    kk_sents = _SENTENCE_END.split(texts["kk"].strip())
    ru_sents = _SENTENCE_END.split(texts["ru"].strip())
    if len(kk_sents) != len(ru_sents):  # sentences do not line up: the abstracts as wholes
        kk_sents, ru_sents = [texts["kk"]], [texts["ru"]]
    out = []
    for k_sent, r_sent in zip(kk_sents, ru_sents):
        out += _align_units(_units(k_sent, "kk"), _units(r_sent, "ru"))
    return out


def _align_units(kk: list[tuple[str, str]], ru: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Units of two parallel sentences paired in order, only when both hold the same kinds in
    the same order and each pair is of a like length; anything else would be a guess."""
    if [k for k, _ in kk] != [k for k, _ in ru]:
        return []
    pairs = [(a, b) for (_, a), (_, b) in zip(kk, ru)]
    if any(abs(len(a.split()) - len(b.split())) > 2 for a, b in pairs):
        return []
    return pairs


def _units(sentence: str, lang: str) -> list[tuple[str, str]]:
    """(kind, dictionary form) of the quoted terms, abbreviations and names of a sentence, in
    order; kind is "quote", "abbr" or "name"."""
    found: list[tuple[int, str, str]] = []
    quoted = []
    for m in _QUOTE.finditer(sentence):
        quoted.append(m.span())
        inside = m.group(1).split()
        if 1 <= len(inside) <= 6 and not any(ch.isdigit() for ch in m.group(1)):
            found.append((m.start(), "quote", " ".join(inside)))
    words = [(m.start(), m.end(), m.group(0)) for m in _UNIT_WORD.finditer(sentence)
             if not any(a <= m.start() < b for a, b in quoted)]
    i = 0
    while i < len(words):
        start, _, w = words[i]
        if not _is_capital(w) or (_sentence_start(sentence, start) and not _is_abbr(w)):
            i += 1  # the first word of a sentence is capitalised anyway
            continue
        j = i + 1
        while j < len(words) and _is_capital(words[j][2]) and \
                sentence[words[j - 1][1]:words[j][0]].strip() == "" and \
                not (lang == "kk" and morphology.kk_citation_form(words[j - 1][2])
                     != words[j - 1][2]):
            j += 1  # a Kazakh case ending closes a name (Алматыдан | Ақмолаға)
        run = [x[2] for x in words[i:j]]
        if len(run) == 1 and not _is_abbr(run[0]):
            j = _extend_name(words, i, lang, sentence)
            run = [x[2] for x in words[i:j]]
        i = max(j, i + 1)
        if len(run) == 1 and not _is_abbr(run[0]):
            continue  # a single capitalised word: a place or a person
        form = _dictionary_form(run, lang)
        if form:
            found.append((start, "abbr" if len(run) == 1 else "name", form))
    return [(kind, text) for _, kind, text in sorted(found)]


def _sentence_start(text: str, pos: int) -> bool:
    before = text[:pos].rstrip(" «\"(\u00a0")
    return not before or before[-1] in ".!?:;"


def _is_capital(word: str) -> bool:
    return word[:1].isupper() and word[:1].isalpha()


def _is_abbr(word: str) -> bool:
    return len(word) >= 2 and word.isalpha() and word.isupper()


def _extend_name(words: list, i: int, lang: str, sentence: str) -> int:
    """End (exclusive) of a name that starts with one capitalised word and goes on in lower
    case: in Kazakh up to the word that carries the case ending (Бірыңғай жинақтаушы зейнетақы
    қорының), in Russian over the agreeing adjectives to the noun and its genitive
    (Шанхайской организации сотрудничества)."""
    j = i + 1
    limit = min(len(words), i + 6)
    while j < limit and words[j][2].isalpha() and words[j][2].islower() and \
            sentence[words[j - 1][1]:words[j][0]].strip() == "":
        j += 1
    tail = [x[2] for x in words[i:j]]
    if len(tail) == 1:
        return i + 1
    if lang == "kk":
        if morphology.kk_citation_form(tail[0]) != tail[0]:
            return i + 1  # Қазақстандағы: the name ends where its case ending is
        for n in range(1, len(tail)):
            if morphology.kk_citation_form(tail[n]) != tail[n]:
                return i + n + 1
        return i + 1  # no case ending in sight: where the name ends is unknown
    pos = [morphology.ru_pos(w) if _RU_WORD.fullmatch(w.lower()) else None for w in tail]
    if pos[0] not in ("ADJF", "PRTF"):
        return i + 1
    n = 1
    while n < len(tail) and pos[n] in ("ADJF", "PRTF"):
        n += 1
    if n >= len(tail) or pos[n] != "NOUN":
        return i + 1
    n += 1
    if n < len(tail) and pos[n] == "NOUN" and "gent" in str(morphology._ru_tag(tail[n])):
        n += 1
    return i + n


def _dictionary_form(words: list[str], lang: str) -> Optional[str]:
    if any(any(ch.isdigit() for ch in w) for w in words) or len(words) > 6:
        return None
    if lang == "kk":
        return " ".join(words[:-1] + [morphology.kk_citation_form(words[-1])])
    if len(words) == 1 and _is_abbr(words[0]):
        return words[0]
    nominative = morphology.ru_nominative(words)
    return " ".join(nominative) if nominative else None


# Terms defined with the other language in brackets: `сот ісін жүргізу (судопроизводство)`,
# `тергеу судьясы (рус. следственный судья)`, `аким (каз. әкім)`.

_BRACKET = re.compile(r"\(\s*(?P<mark>(?:орыс|рус|қаз|каз)[^\W\d_]*\.?:?\s+)?"
                      r"(?P<inner>[^()]{2,80})\)")
_BEFORE_EDGE = re.compile(r"[()\[\]]")
_RU_WORD = re.compile("[а-яё-]+")  # only such words go to pymorphy3


def _bracket_pairs(article: Article) -> list[tuple[str, str]]:
    """Pairs defined in brackets in the article's Kazakh or Russian text."""
    out = []
    for field_name, lang, text in article_texts(article):
        if lang not in ("kk", "ru") or not field_name.startswith(("body", "abstract")):
            continue
        for m in _BRACKET.finditer(text):
            inner = " ".join(m.group("inner").split()).strip(" .,;:")
            inner_lang = _bracket_language(inner, m.group("mark"))
            if inner_lang is None or inner_lang == lang:
                continue
            n = len(inner.split())
            before = text[max(0, m.start() - 120):m.start()]
            edges = list(_BEFORE_EDGE.finditer(before))
            term = _term_before(before[edges[-1].end():] if edges else before, lang, n)
            inner_form = _term_form(inner.split(), inner_lang)
            if not term or not inner_form:
                continue
            out.append((term, inner_form) if lang == "kk" else (inner_form, term))
    return out


def _bracket_language(inner: str, mark: Optional[str]) -> Optional[str]:
    """kk or ru for a bracketed term in the other language; None for anything else (an
    abbreviation, a year, a reference, a Latin word)."""
    words = inner.split()
    if not 1 <= len(words) <= 5 or any(ch.isdigit() for ch in inner) or _is_abbr(inner):
        return None
    if not all(CYRILLIC.search(w) and w.replace("-", "").isalpha() for w in words):
        return None
    if mark:
        return "kk" if mark.lower().startswith(("қаз", "каз")) else "ru"
    return "kk" if KAZAKH_LETTER.search(inner) else "ru"


# Kazakh adjective endings: a word with one of them before a bracketed term's last words still
# belongs to the term (электронды дауыс беру = электронное голосование).
_KK_ADJECTIVE = ("ды", "ді", "ты", "ті", "лы", "лі", "дық", "дік", "тық", "тік", "лық", "лік",
                 "ғы", "гі", "қы", "кі", "шыл", "шіл", "тағы", "дағы", "дегі", "тегі")


def _term_before(text: str, lang: str, n: int) -> Optional[str]:
    """The term just before a bracket that gives it in the other language (`n` words there):
    in Kazakh as many words, adjectives before them, and the object of a verbal noun (сот ісін
    жүргізу); in Russian the noun and the adjectives before it. None when where the term
    begins is unclear (a case-marked word cuts it shorter than its translation)."""
    words = _UNIT_WORD.findall(text)
    if not words or not words[-1].replace("-", "").isalpha():
        return None
    tail: list[str]
    if lang != "kk":
        tail = [words[-1]]
        for w in reversed(words[:-1]):
            if not (w.replace("-", "").isalpha() and _RU_WORD.fullmatch(w.lower())) \
                    or morphology.ru_is_function_word(w) \
                    or morphology.ru_pos(w) not in ("ADJF", "PRTF"):
                break  # adjectives before the noun belong to it
            tail.insert(0, w)
        return _term_form(tail, lang)
    tail = []
    for w in reversed(words):
        low = w.lower()
        if not w.replace("-", "").isalpha() or low in KK_STOP:
            break
        adjective = low.endswith(_KK_ADJECTIVE)
        citation = morphology.kk_citation_form(w)
        cased = bool(tail) and not adjective and citation != w
        if cased and len(tail) == 1 and tail[0].lower().endswith(("у", "ю")):
            # сот ісін жүргізу: a verbal noun takes its object along, and the object (ісі, a
            # possessive) its own modifier
            n = len(tail) + 1 + (1 if citation.lower().endswith(("ы", "і")) else 0)
            tail.insert(0, w)
            continue
        if len(tail) >= n + 2 or (len(tail) >= n and not adjective):
            break
        if cased:
            if len(tail) < n:
                return None  # ҚР Президентінің | Жарлығы (Указ Президента РК): unclear
            break  # сайлаудағы | тергеу судьясы: a case ending closes the term
        tail.insert(0, w)
    return _term_form(tail, lang) if tail else None


def _term_form(words: list[str], lang: str) -> Optional[str]:
    if not words:
        return None
    if lang == "kk":
        return " ".join(words[:-1] + [morphology.kk_citation_form(words[-1])])
    nominative = morphology.ru_nominative(words)
    return " ".join(nominative) if nominative else None


def merge_entries(*lists: Iterable[GlossaryEntry]) -> list[GlossaryEntry]:
    """One list without duplicates: an entry whose kk or ru is already present is skipped, so
    the earlier list wins (pass the lexicon before mined keyword pairs). A pair mined from the
    articles is also skipped when one of its sides is another spelling (a variant) of an entry
    already there: ЕҚЫҰ = ОБСЕ is the lexicon's OSCE."""
    out: list[GlossaryEntry] = []
    seen: set[tuple[str, Optional[str]]] = set()  # ("kk"|"ru", normalised term): one pass, not quadratic
    spellings: set[tuple[str, Optional[str]]] = set()
    for lst in lists:
        for e in lst:
            keys = {("kk", _norm(e.kk)), ("ru", _norm(e.ru))} - {("kk", None), ("ru", None)}
            mined = e.origin in ("keywords", "parallel")
            if keys & seen or (mined and keys & spellings):
                continue
            out.append(e)
            seen |= keys
            spellings |= {(lang, _norm(v)) for lang, vs in e.variants.items() for v in vs}
    return out


# Matching

@dataclass(frozen=True)
class _Phrase:
    keys: tuple[frozenset, ...]  # per word, match keys
    gaps: tuple[str, ...]  # punctuation between consecutive words, whitespace removed
    caps: tuple[bool, ...]  # word is an abbreviation: matches upper-case text only


@functools.lru_cache(maxsize=1 << 18)  # a volume's words repeat: stem each form once
def _word_keys(word: str, lang: str) -> frozenset:
    if lang == "ru":
        if not _ru_lemma_applies(word):
            return frozenset({"s:" + morphology.ru_stem(word)})
        # A lemma or a Snowball stem in common: pymorphy3 knows irregular forms, Snowball
        # covers words it does not know (маслихата, акимов).
        return frozenset({"l:" + morphology.ru_lemma(word), "s:" + morphology.ru_stem(word)})
    return frozenset({morphology.stem(word, lang)})


def _ru_lemma_applies(word: str) -> bool:
    # pymorphy3 knows Russian words only: a Kazakh or Latin word in a Russian text (a quoted
    # name, «Қаңтар») would go to its slow guessing by analogy; its stem is its key.
    return not KAZAKH_LETTER.search(word) and bool(CYRILLIC.search(word))


def _gap(s: str) -> str:
    return "".join(s.split()).translate(_DASHES)


# Each spelling compiled once, by (surface, language). Stemming a lexicon's few thousand words
# (pymorphy3 for Russian) takes half a second, so a one-off build takes them from the last
# build's cache: `share_phrases`.
_COMPILED: dict[tuple[str, str], Optional[_Phrase]] = {}


def share_phrases(memo: dict, relevances: Optional[dict] = None) -> None:
    """Keep compiled spellings in `memo` (kept between builds) from now on, with those it
    already holds; and the filters of their keys (`_relevance`) in `relevances`."""
    global _COMPILED, _RELEVANT
    if memo is not _COMPILED:
        memo.update(_COMPILED)
        _COMPILED = memo
    if relevances is not None and relevances is not _RELEVANT:
        relevances.update(_RELEVANT)
        _RELEVANT = relevances


def _compile(surface: str, lang: str) -> Optional[_Phrase]:
    key = (surface, lang)
    if key in _COMPILED:
        return _COMPILED[key]
    toks = morphology.tokens(surface)
    phrase = None if not toks else _Phrase(
        keys=tuple(_word_keys(w, lang) for _, _, w in toks),
        gaps=tuple(_gap(surface[a[1]:b[0]]) for a, b in zip(toks, toks[1:])),
        caps=tuple(len(w) > 1 and w.isupper() for _, _, w in toks),
    )
    _COMPILED[key] = phrase
    return phrase


def _en_surfaces(en: Optional[str]) -> list[str]:
    # "electoral law; suffrage" -> two terms; "(...)" explains, it is not part of the term.
    if not en:
        return []
    return [s.strip() for s in re.sub(r"\([^)]*\)", "", en).split(";") if s.strip()]


def _surfaces(entry: GlossaryEntry, lang: str) -> list[str]:
    if lang == "en":
        main = _en_surfaces(entry.en)
    else:
        main = [getattr(entry, lang)] if getattr(entry, lang, None) else []
    return main + list(entry.variants.get(lang, []))


def _phrases(entry: GlossaryEntry, lang: str) -> list[_Phrase]:
    # A month name alone is no term: `Қаңтар` for «Қаңтар оқиғалары» glossed every January date.
    return [p for p in (_compile(s, lang) for s in _surfaces(entry, lang)
                        if not _is_month_name(s)) if p]


@functools.lru_cache(maxsize=4096)
def _is_month_name(surface: str) -> bool:
    """Whether a term's spelling is one month name (in any inflection of kk, ru or en)."""
    from .dates import EN_MONTHS, KK_MONTHS, RU_MONTHS

    words = surface.split()
    if len(words) != 1:
        return False
    w = normalise_for_search(words[0]).strip("«»\"")
    return (morphology.kk_stem(w) in KK_MONTHS or w in KK_MONTHS
            or any(re.fullmatch(m, w) for m in RU_MONTHS)
            or w in {full.lower() for full, _ in EN_MONTHS})


class _Relevance:
    """The match keys of a word that can be among a given set, found without stemming most words.

    A volume holds some 100,000 distinct word forms and a glossary a few thousand keys; stemming
    and lemmatising every form took most of the enrichment's time. A word is stemmed only if its
    stem can be in the set (`morphology.stem_prefixes`), lemmatised only if its lemma can
    (`morphology.ru_lemma_forms`); keys outside the set could not match anyway.
    """

    def __init__(self, keys: Iterable[str], lang: str):
        self.lang = lang
        self.prefixes: set[str] = set()
        lemmas: set[str] = set()
        self.lemma_forms: set[str] = set()
        for key in keys:
            if lang == "ru" and key.startswith("l:"):
                lemmas.add(key[2:])
                self.lemma_forms |= morphology.ru_lemma_forms(key[2:])
            else:
                self.prefixes.update(morphology.stem_prefixes(key[2:] if lang == "ru" else key,
                                                              lang))
        self.lengths = sorted({len(p) for p in self.prefixes})
        # Every beginning of a lemma: a guessed lemma keeps all of its word but the ending.
        self.lemma_heads = {lemma[:i] for lemma in lemmas for i in range(1, len(lemma) + 1)}
        # The first two letters of the lemmas with a hyphen: a hyphenated word's lemma is one.
        self.hyphen_heads = {lemma[:2] for lemma in lemmas if "-" in lemma}
        self.seen: dict[str, frozenset] = {}

    def __getstate__(self) -> dict:
        # (the words met in one build's texts stay out of the build cache)
        return {**self.__dict__, "seen": {}}

    def keys(self, word: str) -> frozenset:
        """The keys of `word` (`_word_keys`) that may be in the set; maybe more, never fewer."""
        keys = self.seen.get(word)
        if keys is None:
            w = morphology.normal_word(word)
            if self.lang != "ru":
                keys = frozenset({morphology.stem(word, self.lang)} if self._stem_may(w) else ())
            else:
                keys = frozenset(
                    (["s:" + morphology.ru_stem(word)] if self._stem_may(w) else [])
                    + (["l:" + morphology.ru_lemma(word)]
                       if _ru_lemma_applies(word) and self._lemma_may(w) else []))
            self.seen[word] = keys
        return keys

    def _stem_may(self, w: str) -> bool:
        return any(w[:n] in self.prefixes for n in self.lengths if n <= len(w))

    def _lemma_may(self, w: str) -> bool:
        if not self.lemma_heads:
            return False
        if w in self.lemma_forms:
            return True
        if morphology.ru_is_known(w):  # its lemma is a dictionary lemma: w is in lemma_forms
            return False
        if "-" in w:  # parsed part by part: the lemma keeps the hyphen and the first letters
            return w[:2] in self.hyphen_heads
        # pymorphy3 guesses an unknown word's lemma from its last letters (morphology.
        # RU_GUESSED_ENDING at most), after a paradigm prefix (по-, наи-).
        if len(w) <= morphology.RU_GUESSED_ENDING:
            return True
        return any(w[len(p):len(w) - morphology.RU_GUESSED_ENDING] in self.lemma_heads
                   for p in ("", "по", "наи") if w.startswith(p))


# The filters of each set of keys, kept between builds with the compiled spellings
# (share_phrases): the Russian keys' paradigms from pymorphy3 took a tenth of a second of every
# build. The last few sets only: an editor's glossary changes between previews.
_RELEVANT: dict[tuple[frozenset, str], Optional[_Relevance]] = {}
_RELEVANT_KEPT = 32


def _relevance(keys: frozenset, lang: str) -> Optional[_Relevance]:
    if (keys, lang) not in _RELEVANT:
        # Other languages' keys are plain normalised words: no filter, every word gets its key.
        _RELEVANT[(keys, lang)] = _Relevance(sorted(keys), lang) \
            if lang in ("kk", "ru", "en") else None
        while len(_RELEVANT) > _RELEVANT_KEPT:
            del _RELEVANT[next(iter(_RELEVANT))]
    return _RELEVANT[(keys, lang)]


def _relevances(phrases: Iterable[_Phrase], lang: str) -> tuple[Optional[_Relevance],
                                                               Optional[_Relevance]]:
    """The `_Index` filters for `phrases`: their first words' keys, and all their keys."""
    phrases = list(phrases)
    return (_relevance(frozenset(k for p in phrases for k in p.keys[0]), lang),
            _relevance(frozenset(k for p in phrases for ks in p.keys for k in ks), lang))


class _Index:
    """A text tokenised once, with match keys per token, for many phrase look-ups.

    With `first` (the keys of the words phrases begin with), the index holds only those keys;
    the other words are keyed by `every` (the keys of all phrase words) when a match reaches
    them (`key_at`)."""

    def __init__(self, text: str, lang: str, first: Optional[_Relevance] = None,
                 every: Optional[_Relevance] = None):
        self.text = text
        self.lang = lang
        self.every = every
        self.toks = morphology.tokens(text)
        self.by_key: dict[str, list[int]] = defaultdict(list)
        if first is None:
            self.keys: list[Optional[frozenset]] = [_word_keys(w, lang) for _, _, w in self.toks]
            keyed = self.keys
        else:
            self.keys = [None] * len(self.toks)
            keyed = [first.keys(w) for _, _, w in self.toks]
        for i, ks in enumerate(keyed):
            for k in ks or ():
                self.by_key[k].append(i)

    def key_at(self, i: int) -> frozenset:
        """The match keys of token `i` (those that may be phrase keys, with `every`)."""
        ks = self.keys[i]
        if ks is None:
            word = self.toks[i][2]
            ks = self.keys[i] = (self.every.keys(word) if self.every is not None
                                 else _word_keys(word, self.lang))
        return ks

    def _word_ok(self, i: int, phrase: _Phrase, j: int) -> bool:
        if not (self.key_at(i) & phrase.keys[j]):
            return False
        return not phrase.caps[j] or self.toks[i][2].isupper()

    def find(self, phrase: _Phrase) -> list[tuple[int, int, int, int]]:
        """(start, end, first token, last token) of each match of `phrase`."""
        first = phrase.keys[0]
        if len(first) == 1:  # (by_key's lists are in token order, each token once)
            starts = self.by_key.get(next(iter(first)), [])
        else:
            starts = sorted({i for k in first for i in self.by_key.get(k, ())})
        toks = self.toks
        n = len(phrase.keys)
        if phrase.caps[0]:  # the keys of word 0 match by construction of `starts`
            starts = [i for i in starts if toks[i][2].isupper()]
        if n == 1:  # most terms are one word
            return [(toks[i][0], toks[i][1], i, i) for i in starts]
        out = []
        for i in starts:
            if i + n > len(toks):
                continue
            ok = True
            for j in range(1, n):
                if not self._word_ok(i + j, phrase, j):  # the usual miss, and the cheapest test
                    ok = False
                    break
                gap = self.text[toks[i + j - 1][1]:toks[i + j][0]]
                if gap == " ":  # the usual gap: no punctuation
                    ok = not phrase.gaps[j - 1]
                else:
                    ok = "\n\n" not in gap.replace("\r", "") and _gap(gap) == phrase.gaps[j - 1]
                if not ok:
                    break
            if ok:
                out.append((toks[i][0], toks[i + n - 1][1], i, i + n - 1))
        return out


def _entry_spans(index: _Index, entry: GlossaryEntry,
                 phrases: Optional[list[_Phrase]] = None) -> list[tuple[int, int, int, int]]:
    """Non-overlapping matches of all spellings of `entry` (longest first at one place)."""
    if phrases is None:
        phrases = _phrases(entry, index.lang)
    present = [p for p in phrases if not p.keys[0].isdisjoint(index.by_key)]
    if len(present) == 1:  # one spelling here: its matches come in order, one per start
        spans = index.find(present[0])
        if len(present[0].keys) == 1:
            return spans  # one word each: they cannot overlap
    else:
        spans = sorted({s for p in present for s in index.find(p)},
                       key=lambda s: (s[0], -(s[1] - s[0])))
    out: list[tuple[int, int, int, int]] = []
    for s in spans:
        if not out or s[0] >= out[-1][1]:
            out.append(s)
    return out


def find_occurrences(text: str, entry: GlossaryEntry, lang: str) -> list[tuple[int, int]]:
    """(start, end) character spans where `entry` occurs in `text` written in `lang`."""
    return [(s, e) for s, e, _, _ in _entry_spans(_Index(text, lang), entry)]




def guess_language(text: str) -> str:
    """A cheap guess for text of unknown language: Kazakh letters, else Cyrillic, else English."""
    text = normalise_for_search(text)
    if KAZAKH_LETTER.search(text):
        return "kk"
    return "ru" if CYRILLIC.search(text) else "en"


def article_texts(article: Article) -> list[tuple[str, str, str]]:
    """(field, language, text) of every searchable part of an article."""
    lang = article.language
    out: list[tuple[str, str, str]] = []

    def add(field: str, text: Optional[str], language: Optional[str]) -> None:
        if text and text.strip():
            out.append((field, language or guess_language(text), text))

    add("title", article.title, lang)
    for lg, text in sorted((article.abstracts or {}).items()):
        add(f"abstract.{lg}", text, lg)
    if not article.abstracts:
        add("abstract", article.abstract, lang)
    kbl = article.keywords_by_language or {}
    for lg, kws in sorted(kbl.items()):
        add(f"keywords.{lg}", "\n\n".join(kws), lg)
    if not kbl and article.keywords:
        add("keywords", "\n\n".join(article.keywords), lang)
    add("body", article.body, lang)
    return out


def build_glossary(articles: list[Article], entries: list[GlossaryEntry]) -> list[GlossaryEntry]:
    """Entries found in at least one article, with `articles` (volume order) and `counts` filled,
    sorted in Kazakh alphabet order. Also fills each article's `terms` (entry key -> count).

    Duplicate entries (same kk or ru) are dropped, the earlier one kept. Input entries are not
    modified.
    """
    counter = TermCounter(entries)
    return counter.glossary(articles, parallel.map_shared(counter, articles,
                                                          [len(a.body) for a in articles]))


class TermCounter:
    """How often an article uses each of the glossary's entries (build_glossary in two steps:
    the counts of each article, then the glossary they make)."""

    def __init__(self, entries: list[GlossaryEntry]) -> None:
        self.entries = merge_entries(entries)
        # Phrases compiled once per entry and language, and indexed by their first word's
        # keys, so each text is only tried against entries whose first word it contains.
        self._phrases: dict[tuple[int, str], list[_Phrase]] = {}
        self._by_first: dict[str, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
        # Per language, the entries all of whose spellings are one word with no capitals
        # required, with their keys: such an entry is used once per token that has one of them
        # (what _entry_spans would find, counted without building the spans).
        self._one_word: dict[str, dict[int, frozenset]] = {}
        self._relevant: dict[str, tuple[Optional[_Relevance], Optional[_Relevance]]] = {}
        for lang in ("kk", "ru", "en"):
            self._compile_for(lang)  # here, once, rather than in each worker process
        # What the counts depend on besides the article: a digest of the entries' spellings.
        self.signature = hashlib.sha256(repr(
            [(e.kk, e.ru, e.en, sorted(e.variants.items())) for e in self.entries]
        ).encode("utf-8", "surrogatepass")).hexdigest()

    def _compile_for(self, lang: str) -> None:
        if lang not in self._by_first:
            table = self._by_first[lang]
            one_word = self._one_word[lang] = {}
            for n, entry in enumerate(self.entries):
                phrases = self._phrases[(n, lang)] = _phrases(entry, lang)
                for p in phrases:
                    for k in p.keys[0]:
                        table[k].add(n)
                if phrases and all(len(p.keys) == 1 and not p.caps[0] for p in phrases):
                    one_word[n] = frozenset(k for p in phrases for k in p.keys[0])
            self._relevant[lang] = _relevances(
                (p for n in range(len(self.entries)) for p in self._phrases[(n, lang)]), lang)

    def __call__(self, article: Article) -> dict[int, int]:
        """Entry number -> how often `article` uses it (every text of it, in its language)."""
        counts: dict[int, int] = defaultdict(int)
        for _, lang, text in article_texts(article):
            self._compile_for(lang)
            ix = _Index(text, lang, *self._relevant[lang])
            table, one_word, by_key = self._by_first[lang], self._one_word[lang], ix.by_key
            for n in {n for k in by_key if k in table for n in table[k]}:
                keys = one_word.get(n)
                if keys is None:
                    counts[n] += len(_entry_spans(ix, self.entries[n], self._phrases[(n, lang)]))
                elif len(keys) == 1:
                    counts[n] += len(by_key[next(iter(keys))])
                else:  # (a token with two of the keys is one use)
                    counts[n] += len({i for k in keys if k in by_key for i in by_key[k]})
        return dict(counts)

    def glossary(self, articles: list[Article], counts: list[dict[int, int]]
                 ) -> list[GlossaryEntry]:
        """The glossary of `articles` from their `counts` (this counter's, in order); fills each
        article's `terms`."""
        entries = self.entries
        found: dict[int, dict[str, int]] = defaultdict(dict)
        for article, per_entry in zip(articles, counts):
            article.terms = {}
            for n in sorted(per_entry):
                if per_entry[n]:
                    found[n][article.id] = per_entry[n]
                    article.terms[entries[n].key] = per_entry[n]
        out = []
        for n, entry in enumerate(entries):
            if n in found:
                by_article = found[n]
                out.append(dataclasses.replace(
                    entry, counts=dict(by_article),
                    articles=[a.id for a in articles if a.id in by_article]))
        out.sort(key=lambda e: kk_sort_key(e.kk or e.ru))
        return out


# Linking first uses in Markdown

_PROTECTED = re.compile(
    r"(?s:^(?P<fence>`{3,}|~{3,}).*?^(?P=fence)[ \t]*$)"     # fenced code
    r"|(?P<tick>`+)(?s:.+?)(?P=tick)"                        # inline code
    r"|(?s:<!--.*?-->)"                                      # HTML comment
    r"|(?s:<(?P<el>a|code|pre|script|style|kbd|samp)\b[^>]*>.*?</(?P=el)\s*>)"  # whole elements
    r"|</?[A-Za-z][^>\n]*>"                                  # any other tag, autolinks
    r"|!?\[(?:[^\[\]\n]|\[[^\]\n]*\])*\]\([^)\n]*\)"         # inline link or image
    r"|!?\[[^\]\n]*\]\[[^\]\n]*\]"                           # reference link
    r"|\[\^[^\]\n]+\]"                                       # footnote reference
    r"|^ {0,3}\[[^\]\n]+\]:.*$"                              # link definition
    r"|^ {0,3}#{1,6}(?:[ \t].*)?$"                           # ATX heading
    r"|^[!?]{3}\+?.*$"                                       # admonition line
    r"|\{[:#.][^}\n]*\}"                                     # attribute list
    r"|https?://\S+"                                         # bare URL
    r"|&#?\w+;",                                             # HTML entity
    re.MULTILINE,
)


def _protected_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _PROTECTED.finditer(text)]


def _md_link_text(s: str) -> str:
    return s.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


def _md_link_title(s: str) -> str:
    # Python-Markdown keeps an HTML entity in a title as is: &quot; shows as a quote.
    return " ".join(s.split()).replace("&", "&amp;").replace('"', "&quot;")


def _md_link_url(url: str) -> str:
    return f"<{url}>" if re.search(r"[\s()<>]", url) else url


def translation(entry: GlossaryEntry, lang: str) -> Optional[str]:
    """The other language's term of `entry` for a reader of `lang` (English as a fallback)."""
    if lang == "kk":
        return entry.ru or entry.en
    if lang == "ru":
        return entry.kk or entry.en
    return entry.kk or entry.ru


class TermMatcher:
    """Glossary entries prepared once for many texts in one language: a text is then searched
    for any of them (or of a subset) without stemming the words that cannot match."""

    def __init__(self, entries: Iterable[GlossaryEntry], lang: str):
        self.lang = lang
        self.first, self.every = _relevances(
            (p for entry in entries for p in _phrases(entry, lang)), lang)


def annotate_first_uses(markdown_text: str, lang: str, entries: Iterable[GlossaryEntry],
                        link_for: Callable[[GlossaryEntry], str],
                        matcher: Optional[TermMatcher] = None) -> str:
    """Wrap the first use of each glossary term in `markdown_text` as [form](link "translation").

    Text inside links, code, HTML tags, headings and attribute lists is left alone. Where terms
    overlap, the longer one (then the earlier one) wins, and a shorter term inside it is not
    linked there. `matcher`: made for `lang` from these entries or more (a volume's glossary),
    when many texts are annotated.
    """
    entries = list(entries)
    per_entry = [_phrases(entry, lang) for entry in entries]
    if matcher is None or matcher.lang != lang:
        matcher = TermMatcher(entries, lang)
    index = _Index(markdown_text, lang, matcher.first, matcher.every)
    found = [(s, e, n) for n, phrases in enumerate(per_entry)
             for s, e, _, _ in _entry_spans(index, entries[n], phrases)]
    if not found:
        return markdown_text  # most paragraphs: no need to look for links and tags
    protected = _protected_spans(markdown_text)
    candidates = sorted((s, -(e - s), n, e) for s, e, n in found
                        if not any(ps < e and s < pe for ps, pe in protected))
    chosen: list[tuple[int, int, int]] = []
    end = -1
    for s, _, n, e in candidates:  # leftmost-longest segmentation
        if s >= end:
            chosen.append((s, e, n))
            end = e
    linked: set[int] = set()
    out, pos = [], 0
    for s, e, n in chosen:
        if n in linked:
            continue
        linked.add(n)
        entry = entries[n]
        title = translation(entry, lang)
        target = _md_link_url(link_for(entry))
        title_part = f' "{_md_link_title(title)}"' if title else ""
        out.append(markdown_text[pos:s])
        out.append(f"[{_md_link_text(markdown_text[s:e])}]({target}{title_part})")
        pos = e
    out.append(markdown_text[pos:])
    return "".join(out)


# Terms the glossary misses (for `jinaq check`)

def _is_stop(word: str, lang: str) -> bool:
    w = normalise_for_search(word)
    if len(w) < 4 or not w.replace("-", "").isalpha():
        return True
    if lang == "kk":
        return w in KK_STOP or morphology.kk_stem(w) in _kk_stop_stems()
    if lang == "ru":
        return (morphology.ru_is_function_word(w) or morphology.ru_pos(w) in _RU_FUNCTION_POS
                or morphology.ru_lemma(w) in RU_STOP_LEMMAS)
    if lang == "en":
        return w in EN_STOP
    return False


@functools.lru_cache(maxsize=1)
def _kk_stop_stems() -> frozenset:
    return frozenset(morphology.kk_stem(w) for w in KK_STOP)


def frequent_unknown_terms(articles: Iterable[Article], entries: Iterable[GlossaryEntry],
                           top: int = 30) -> list[tuple[str, int]]:
    """Frequent content words and two-word phrases that no glossary entry covers, most frequent
    first, as (form, count); words or phrases seen once are left out. A Russian term is shown
    as a glossary entry is written (`_dictionary_form`, as for mined pairs: `язык` for
    `языка`, `учебная программа` for `учебной программы`), the others in their most common
    written form; forms that come to the same are counted together."""
    entries = list(entries)
    counts: Counter = Counter()
    forms: dict[tuple, Counter] = defaultdict(Counter)
    for article in articles:
        for _, lang, text in article_texts(article):
            index = _Index(text, lang)
            covered: set[int] = set()
            for entry in entries:
                for _, _, i, j in _entry_spans(index, entry):
                    covered.update(range(i, j + 1))
            content = [i not in covered and not _is_stop(w, lang)
                       for i, (_, _, w) in enumerate(index.toks)]
            for i, (s, e, w) in enumerate(index.toks):
                if not content[i]:
                    continue
                key = (lang, tuple(sorted(index.key_at(i))))
                counts[key] += 1
                forms[key][normalise_for_search(w)] += 1
                if i + 1 < len(index.toks) and content[i + 1]:
                    gap = text[e:index.toks[i + 1][0]]
                    if gap.strip() == "" and "\n" not in gap:
                        key2 = key + (tuple(sorted(index.key_at(i + 1))),)
                        counts[key2] += 1
                        forms[key2][normalise_for_search(text[s:index.toks[i + 1][1]])] += 1
    shown: Counter = Counter()  # (forms of one lemma with two stems, люди and человека: one line)
    for key, n in counts.items():
        # the most frequent written form; among equals the shortest (closest to the base form)
        written = sorted(forms[key].items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0]))[0][0]
        # (a Russian form by pymorphy3's dictionary; a Kazakh case ending is cut by rule alone,
        # which takes тиімді for a case of тиім: shown as written)
        form = _dictionary_form(written.split(), "ru") if key[0] == "ru" else None
        shown[form or " ".join(written.split())] += n
    result = sorted(((form, n) for form, n in shown.items() if n >= 2),
                    key=lambda t: (-t[1], t[0]))
    return result[:top]
