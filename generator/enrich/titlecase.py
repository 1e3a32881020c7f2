"""Titles printed in capitals, shown in sentence case with names and acronyms kept.

Kazakhstani proceedings print titles in capitals as a rule; a citation, a heading or a Scholar
tag needs «Қазақстандағы сайлау жүйесінің реформасы», not the shouting form, while Қазақстан, ЕАЭО,
ЦИК and COVID-19 keep their case. `Article.title` keeps the printed title; `title_display` (set by
`TitleCaser` in the enrich stage, or by the editor in corrections.yml) is what pages and exports
show.

Each word's case is decided by, in order:
  1. words with digits (COVID-19), Roman numerals (XXI) and acronyms the volume knows (the list in
     generator/data/names.yml and the glossary's all-capital terms: ЦИК, ҚР) stay as printed;
  2. the article itself: how its text writes the word where no sentence starts (an author who
     writes «Сенат» or «ЕАЭО» mid-sentence decides for the title; one who mostly writes QReal,
     PostScript or iOS gives that spelling), addresses (radoms.ru) aside;
  3. names (names.yml and the glossary's capitalised words), with Kazakh case and possessive
     endings (Қазақстанның, Астанадағы) but not derivational ones (қазақстандық);
  4. Russian: pymorphy3's dictionary (names, places, organisations, abbreviations);
  5. the article's text again, by lemma or stem (Қазақстанда in the text for ҚАЗАҚСТАННЫҢ);
  6. otherwise lower case; a vowel-less word (ЖШС) is an abbreviation.
The first word of the title and of each sentence in it, and the first word inside «…» (names of
laws and programmes: Закон «О выборах»), start with a capital; English also after a colon.
"""
from __future__ import annotations

import functools
import re
from collections import Counter
from pathlib import Path
from typing import Optional
from collections.abc import Iterable

from ..language.alphabet import KAZAKH_ONLY_ANY_CASE
from ..util import yamlfile

NAMES = Path(__file__).parent.parent / "data" / "names.yml"

_LETTER = r"[^\W\d_]"
_WORD = re.compile(r"[\w’']+(?:[-‐‑][\w’']+)*")
_KK_ONLY = set(KAZAKH_ONLY_ANY_CASE)
_VOWELS = set("аәеёиоөуұүыіэюяaeiouyАӘЕЁИОӨУҰҮЫІЭЮЯAEIOUY")
_ROMAN = re.compile(r"^[IVXLCDMХІ]{2,}$|^[IVX]$")
_OPENING = "«„“\"(["
_SENTENCE_END = ".!?…"
# Kazakh endings that keep a name a name: plural, possessive, case, and the -ғы/-гі of
# "Астанадағы". Derivational endings (-лық, -шы, -ша) are not here: қазақстандық is lower case.
_KK_INFLECTION = re.compile(
    r"^(?:лар|лер|дар|дер|тар|тер)?"
    r"(?:ымыз|іміз|мыз|міз|ыңыз|іңіз|ңыз|ңіз|ым|ім|м|ың|ің|ң|сы|сі|ы|і)?"
    r"(?:ның|нің|дың|дің|тың|тің|ға|ге|қа|ке|на|не|а|е|ны|ні|ды|ді|ты|ті|н|нда|нде|да|де|та|те"
    r"|нан|нен|дан|ден|тан|тен|мен|бен|пен|ымен|імен|нымен|німен)?"
    r"(?:ғы|гі|қы|кі)?$")
_RU_NAME_TAGS = {"Geox", "Name", "Surn", "Patr", "Orgn", "Trad"}

UPPER, CAPITAL, LOWER, KEEP = "upper", "capital", "lower", "keep"


def is_capitals(text: Optional[str]) -> bool:
    """True for a title printed in capitals (at least three quarters of its cased letters)."""
    if not text:
        return False
    upper = sum(map(str.isupper, text))  # (per character, in C: a volume has thousands)
    cased = upper + sum(map(str.islower, text))
    if cased < 4:
        return False
    return upper >= 0.75 * cased


# ---- what the volume knows

@functools.lru_cache(maxsize=1)
def _bundled() -> tuple[frozenset, dict[str, frozenset]]:
    with open(NAMES, encoding="utf-8") as fh:
        data = yamlfile.load(fh) or {}
    acronyms = frozenset(str(a) for a in data.get("acronyms") or [])
    names = {lang: frozenset(str(n) for n in words or [])
             for lang, words in (data.get("names") or {}).items()}
    return acronyms, names


class Known:
    """Acronyms (printed form by lower-case form) and names (lower-case, per language) of the
    bundled list and the glossary."""

    def __init__(self, glossary: Iterable = ()) -> None:
        acronyms, names = _bundled()
        self.acronyms = {a.lower(): a for a in acronyms}
        self.names: dict[str, set[str]] = {}
        self.phrases: set[tuple[tuple[str, str], ...]] = set()
        for lang, words in names.items():
            for name in words:
                self._learn(name, lang)
        for entry in glossary:
            for lang in ("kk", "ru", "en"):
                forms = [getattr(entry, lang, None)] + list((getattr(entry, "variants", None)
                                                              or {}).get(lang, []))
                for term in filter(None, forms):
                    self._learn(term, lang)

    @functools.cached_property
    def key(self) -> str:
        """What a title's case depends on from here (for caches)."""
        import hashlib

        data = repr((sorted(self.acronyms.items()), sorted(self.phrases),
                     sorted((k, sorted(v)) for k, v in self.names.items())))
        return hashlib.sha256(data.encode()).hexdigest()

    def _learn(self, term: str, lang: str) -> None:
        # A glossary term is written as a dictionary gives it: a capital marks a name. A name of
        # several words is kept whole (Республика Казахстан: not every республика).
        words = _WORD.findall(term)
        kinds = []
        for word in words:
            letters = [c for c in word if c.isalpha()]
            if len(letters) >= 2 and all(c.isupper() for c in letters):
                self.acronyms.setdefault(word.lower(), word)
                kinds.append(KEEP)
            else:
                kinds.append(CAPITAL if word[:1].isupper() else LOWER)
        if len(words) == 1 and kinds[0] == CAPITAL:
            self.names.setdefault(lang, set()).add(words[0].lower())
        elif len(words) > 1 and CAPITAL in kinds:
            self.phrases.add(tuple((w.lower(), k) for w, k in zip(words, kinds)))

    @functools.cached_property
    def _by_start(self) -> dict[str, list[tuple[tuple[str, str], ...]]]:
        out: dict[str, list] = {}
        for phrase in sorted(self.phrases, key=lambda p: (-len(p), p)):  # longest first
            out.setdefault(phrase[0][0][:2], []).append(phrase)
        return out

    def phrases_from(self, word: str) -> list[tuple[tuple[str, str], ...]]:
        """The glossary's names of several words that may start at `word`."""
        return self._by_start.get(word.lower()[:2], [])

    def acronym(self, word: str) -> Optional[str]:
        return self.acronyms.get(word.lower())

    def is_name(self, word: str, lang: str) -> bool:
        low = word.lower()
        names = self.names.get(lang, set())
        if low in names:
            return True
        if lang == "kk":
            return any(low.startswith(n) and _KK_INFLECTION.match(low[len(n):])
                       for n in _kk_candidates(low, names))
        if lang == "en":
            return low.removesuffix("'s").removesuffix("’s") in names
        if lang == "ru":
            return _ru_lemma(low) in names
        return False


def _kk_candidates(low: str, names: set[str]) -> list[str]:
    return [low[:i] for i in range(min(len(low), 30), 2, -1) if low[:i] in names]


@functools.lru_cache(maxsize=65536)
def kk_base(word: str) -> str:
    """A Kazakh word without its inflectional endings (the shortest base of 4+ letters)."""
    low = word.lower()
    for i in range(4, len(low)):
        if _KK_INFLECTION.match(low[i:]):
            return low[:i]
    return low


@functools.lru_cache(maxsize=65536)
def _ru_parses(word: str) -> tuple:
    """pymorphy3's readings of a Russian form, likeliest first (asked once per form)."""
    from ..language.morphology import _morph  # the shared analyser: its dictionaries load once

    return tuple(_morph().parse(word))


def _ru_parse(word: str):
    parses = _ru_parses(word)
    return parses[0] if parses else None


def _may_be_surname(word: str, lang: str) -> bool:
    """Whether one of pymorphy3's readings of a Russian form is a surname (Остроградского is
    read first as an adjective, then as the surname)."""
    return lang == "ru" and any("Surn" in p.tag for p in _ru_parses(word.lower()))


def _ru_lemma(low: str) -> str:
    p = _ru_parse(low)
    return p.normal_form if p is not None else low


@functools.lru_cache(maxsize=65536)
def _ru_dictionary(low: str) -> Optional[str]:
    """UPPER / CAPITAL for a Russian abbreviation or name pymorphy3 knows, else None."""
    from ..language.morphology import _morph

    if not _morph().word_is_known(low):
        return None
    tag = _ru_parse(low).tag
    if "Abbr" in tag and ({"Fixd", "Orgn", "Geox"} & set(tag.grammemes)):
        return UPPER
    if _RU_NAME_TAGS & set(tag.grammemes):
        return CAPITAL
    return None


@functools.lru_cache(maxsize=65536)
def _word_language(word: str, lang: Optional[str]) -> str:
    if re.search(r"[A-Za-z]", word):
        return "en"
    if any(c in _KK_ONLY for c in word):
        return "kk"
    return lang if lang in ("kk", "ru") else "ru"


def _base(word: str, lang: str) -> str:
    low = word.lower()
    if lang == "kk":
        return kk_base(low)
    if lang == "ru":
        return _ru_lemma(low)
    return low.removesuffix("'s").removesuffix("’s").rstrip("s") or low


# ---- what the article's text says

class Evidence:
    """How an article's text writes the words of its title, away from sentence starts: by exact
    form and by base (lemma or inflection-stripped stem). Counts per form: (upper, capital,
    lower)."""

    def __init__(self, title_words: list[str], texts: Iterable[str], lang: Optional[str]) -> None:
        self.exact: dict[str, Counter] = {}
        self.base: dict[str, Counter] = {}
        # Spellings with a capital inside (QReal, PostScript, iOS), by form: counted in
        # `exact` too (as a capital or a lower-case word)
        self.mixed: dict[str, Counter] = {}
        self.lang = lang
        prefixes = sorted({w.lower()[:max(3, min(len(w) - 3, 6))] for w in title_words
                           if len(w) >= 2}, key=len, reverse=True)
        if not prefixes:
            return
        # Only the words that may be forms of the title's words are looked at (in C).
        probe = re.compile(r"(?<![\w])(?:" + "|".join(map(re.escape, prefixes)) + r")[\w’']*",
                           re.IGNORECASE)
        for text in texts:
            if text:
                self._read(text, probe)

    def _read(self, text: str, probe: re.Pattern) -> None:
        for m in probe.finditer(text):
            word = m.group(0)
            letters = [c for c in word if c.isalpha()]
            if not letters:
                continue
            upper = len(letters) >= 2 and all(c.isupper() for c in letters)
            if upper and _in_capitals_run(text, m.start(), m.end()):
                continue  # a heading or another title in capitals says nothing
            if _in_address(text, m.start(), m.end()):
                continue  # radoms.ru, name@mail.kz: how an address is written says nothing
            initial = _sentence_start(text, m.start())
            if initial and not upper:
                continue
            kind = UPPER if upper else CAPITAL if word[0].isupper() else LOWER
            low = word.lower()
            self.exact.setdefault(low, Counter())[kind] += 1
            if not upper and any(map(str.isupper, letters[1:])):
                self.mixed.setdefault(low, Counter())[word] += 1
            self.base.setdefault(_base(low, _word_language(low, self.lang)), Counter())[kind] += 1

    @staticmethod
    def _verdict(counts: Optional[Counter]) -> Optional[str]:
        if not counts:
            return None
        kind, n = counts.most_common(1)[0]
        # Ties go to the humbler case: a capital needs a majority.
        if sum(1 for v in counts.values() if v == n) > 1:
            return LOWER if counts[LOWER] == n else CAPITAL if counts[CAPITAL] == n else UPPER
        return kind

    def by_form(self, word: str, lang: str) -> Optional[str]:
        """The case the text gives this very form. A Kazakh or Russian adjective is capitalised
        only as the first word of a name (Социального кодекса): that says nothing of the same
        adjective elsewhere, so only a phrase (_phrase_evidence) decides its capital; unless
        the form may be a surname (теорема Остроградского)."""
        verdict = self._verdict(self.exact.get(word.lower()))
        if verdict == CAPITAL and _is_adjective(word, lang) and not _may_be_surname(word, lang):
            return None
        return verdict

    def by_base(self, word: str, lang: str) -> Optional[str]:
        """The case of other forms of the word. Only nouns (a Russian adjective shares its
        lemma with a name's: социального обеспечения, Социальный кодекс), and a capital only
        where the text never writes them lower case."""
        if lang == "ru" and _ru_parse(word.lower()) is not None and \
                _ru_parse(word.lower()).tag.POS != "NOUN":
            return None
        counts = self.base.get(_base(word, lang))
        verdict = self._verdict(counts)
        if verdict in (CAPITAL, UPPER) and counts is not None and counts[LOWER]:
            return None
        return verdict

    def spelling(self, word: str) -> Optional[str]:
        """The text's own spelling of a word it mostly writes with a capital inside (QReal,
        PostScript, iOS): no case rule gives it back."""
        forms = self.mixed.get(word.lower())
        if not forms:
            return None
        spelled, _ = forms.most_common(1)[0]
        mixed = sum(forms.values())
        # (twice at least: one odd spelling is no habit of the author's)
        return spelled if mixed >= 2 and 2 * mixed > sum(self.exact[word.lower()].values()) \
            else None

    def seen(self, word: str, lang: str) -> Optional[Counter]:
        """Every way the text writes the word's forms (exact form, else base)."""
        return self.exact.get(word.lower()) or self.base.get(_base(word, lang))


# Kazakh adjective endings (relational -лық, -ғы, possessive -лы, privative -сыз).
_KK_ADJECTIVE = re.compile(r"(?:лық|лік|дық|дік|тық|тік|ғы|гі|қы|кі|лы|лі|ды|ді|ты|ті|сыз|сіз"
                           r"|шыл|шіл|тағы|тегі|дағы|дегі)$")


def _is_adjective(word: str, lang: str) -> bool:
    low = word.lower()
    if lang == "kk":
        return bool(_KK_ADJECTIVE.search(low))
    if lang == "ru":
        p = _ru_parse(low)
        return p is not None and p.tag.POS in ("ADJF", "ADJS", "PRTF")
    return False


def _sentence_start(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and (text[i].isspace() or text[i] in _OPENING or text[i] in "#*-–—"):
        if text[i] == "\n" and i > 0 and text[i - 1] == "\n":
            return True  # a paragraph starts
        i -= 1
    return i < 0 or text[i] in _SENTENCE_END or text[i] == ":"


def _in_address(text: str, start: int, end: int) -> bool:
    """Whether a word is part of a web or e-mail address, or a file name (radoms.ru,
    www.kaznu.kz/ru, name@mail.kz)."""
    before = text[start - 1:start]
    after = text[end:end + 2]
    return before in ("/", "@", ".") or after[:1] == "@" \
        or after[:1] == "." and after[1:].isascii() and after[1:].isalnum()


def _in_capitals_run(text: str, start: int, end: int) -> bool:
    """Whether a capital word stands among other capital words (a heading, a title)."""
    before = re.findall(r"[^\W\d_]+", text[max(0, start - 40):start])[-1:]
    after = re.findall(r"[^\W\d_]+", text[end:end + 40])[:1]
    near = [w for w in before + after if len(w) >= 3]
    return any(w.isupper() for w in near)


# ---- the title

def sentence_case(title: str, lang: Optional[str], known: Optional[Known] = None,
                  texts: Iterable[str] = ()) -> str:
    """`title` in sentence case if it is printed in capitals, else unchanged.

    `lang` is the article's language; `texts` its body and abstracts (evidence of how it writes
    names); `known` the volume's acronyms and names (bundled list and glossary)."""
    if not is_capitals(title):
        return title
    known = known or Known()
    texts = [t for t in texts if t]
    matches = list(_WORD.finditer(title))
    words = [m.group(0) for m in matches]
    pieces = [p for w in words for p in _split_word(w) if any(c.isalpha() for c in p)]
    evidence = Evidence(pieces, texts, lang)
    # Names of several words: as the article writes them, else as the glossary does.
    fixed: dict[int, str] = {}
    runs = _runs(title, matches)
    for run in runs:
        fixed.update(_phrase_evidence([words[i] for i in run], run, texts, fixed,
                                      evidence, lang))
    for run in runs:
        fixed.update(_glossary_phrases([words[i] for i in run], run, lang, known, fixed))
    out, pos, start_next = [], 0, True
    for i, m in enumerate(matches):
        between = title[pos:m.start()]
        out.append(between)
        if pos and re.search(r"[.!?…]\s*$", between):
            start_next = True
        if lang == "en" and re.search(r":\s*$", between):
            start_next = True
        quoted = bool(re.search("[«„“\"]\\s*$", between))
        out.append(_case_word(words[i], lang, known, evidence, start_next, quoted, fixed.get(i)))
        pos = m.end()
        if any(c.isalpha() for c in words[i]):
            start_next = False
    out.append(title[pos:])
    return "".join(out)


def _split_word(word: str) -> list[str]:
    """A word's hyphen-separated pieces, and in each the letters apart from digits glued to them
    (a footnote mark: ОСОБЕННОСТЕЙ1)."""
    return [p for piece in re.split(r"[-‐‑]", word) for p in re.findall(r"\d+|\D+", piece)]


def _runs(title: str, matches: list) -> list[list[int]]:
    """Indices of words that follow one another with only spaces between (a name cannot cross a
    comma, a colon or a quote)."""
    runs: list[list[int]] = []
    for i, m in enumerate(matches):
        alpha = m.group(0).replace("-", "").isalpha()
        joined = i and title[matches[i - 1].end():m.start()].strip() == ""
        if alpha and joined and runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        elif alpha:
            runs.append([i])
    return [r for r in runs if len(r) >= 2]


def _phrase_evidence(words: list[str], index: list[int], texts: list[str],
                     fixed: dict[int, str], evidence: Evidence,
                     lang: Optional[str]) -> dict[int, str]:
    """Words of the title that the article writes together with a capital (Eurasian Economic
    Union), longest phrases first: their case, position by position."""
    out: dict[int, str] = {}
    seen = [evidence.seen(w, _word_language(w, lang)) for w in words]
    for n in range(min(4, len(words)), 1, -1):
        for i in range(len(words) - n + 1):
            if any(index[i + k] in fixed or index[i + k] in out for k in range(n)):
                continue
            # Only where every word occurs and a later one somewhere with a capital.
            if not all(seen[i:i + n]) or not any(c is not None and (c[CAPITAL] or c[UPPER])
                                                  for c in seen[i + 1:i + n]):
                continue
            kinds = _phrase_kinds(words[i:i + n], texts)
            if kinds and any(k != LOWER for k in kinds[1:]):
                out.update({index[i + k]: kinds[k] for k in range(n)})
    return out


def _phrase_kinds(words: list[str], texts: list[str]) -> Optional[list[str]]:
    pattern = re.compile(r"(?<![\w])" + r"\s+".join(
        re.escape(w.lower()[:max(3, min(len(w) - 2, 8))]) + r"[\w’']*" for w in words)
        + r"(?![\w])", re.IGNORECASE)
    counts: list[Counter[str]] = [Counter() for _ in words]
    for text in texts:
        for m in pattern.finditer(text):
            found = m.group(0).split()
            if len(found) != len(words):
                continue
            if all(w.isupper() for w in found):
                continue  # a heading in capitals
            initial = _sentence_start(text, m.start())
            for k, w in enumerate(found):
                if k == 0 and initial:
                    continue
                counts[k][UPPER if len(w) >= 2 and w.isupper() else
                          CAPITAL if w[0].isupper() else LOWER] += 1
    if not any(counts[1:]):
        return None
    return [Evidence._verdict(c) or LOWER for c in counts]


def _glossary_phrases(words: list[str], index: list[int], lang: Optional[str], known: Known,
                      fixed: dict[int, str]) -> dict[int, str]:
    out: dict[int, str] = {}
    for i, word in enumerate(words):
        # Only the phrases whose first word begins like this one (forms share their first letters).
        for phrase in known.phrases_from(word):
            n = len(phrase)
            if i + n > len(words):
                continue
            if any(index[i + k] in fixed or index[i + k] in out for k in range(n)):
                continue
            if all(_same_word(words[i + k], phrase[k][0], lang) for k in range(n)):
                out.update({index[i + k]: phrase[k][1] for k in range(n)})
    return out


@functools.lru_cache(maxsize=65536)
def _same_word(word: str, term_word: str, lang: Optional[str]) -> bool:
    low = word.lower()
    if low == term_word:
        return True
    if low[:2] != term_word[:2]:
        return False
    wl = _word_language(low, lang)
    if wl == "en":
        return low.rstrip("s") == term_word.rstrip("s")
    if low.startswith(term_word) and _KK_INFLECTION.match(low[len(term_word):]) \
            or kk_base(low) == kk_base(term_word):
        return wl == "kk"
    # A Cyrillic word without Kazakh letters may be Russian in any article.
    return not any(c in _KK_ONLY for c in low) and _ru_lemma(low) == _ru_lemma(term_word)


def _case_word(word: str, lang: Optional[str], known: Known, evidence: Evidence,
               first: bool, quoted: bool, decided: Optional[str] = None) -> str:
    whole = known.acronym(word)
    if whole:
        return whole
    pieces = re.split(r"([-‐‑])", word)
    out = []
    for i, piece in enumerate(pieces):
        if i % 2:  # a hyphen
            out.append(piece)
            continue
        # After an acronym or a number, a hyphenated piece is an ending (ЕАЭО-ның, 1990-жылдар).
        after_code = i >= 2 and (known.acronym(pieces[i - 2]) or pieces[i - 2].isdigit())
        parts = re.findall(r"\d+|\D+", piece) or [piece]
        coded = len(parts) > 1 and any(len(p) <= 5 for p in parts if not p.isdigit())
        cased = []
        for k, part in enumerate(parts):
            if part.isdigit() or coded:
                cased.append(part)  # COVID19, B2B: a code stays as printed
                continue
            spelled = None if after_code else evidence.spelling(part)
            if spelled:
                cased.append(spelled)
                continue
            if after_code:
                kind = LOWER
            elif decided and len(pieces) == 1:
                kind = decided
            else:
                kind = _kind(part, lang, known, evidence)
            if i == 0 and k == 0 and (first or quoted) and kind == LOWER:
                kind = CAPITAL
            cased.append(_apply(part, kind))
        out.append("".join(cased))
    return "".join(out)


def _kind(word: str, lang: Optional[str], known: Known, evidence: Evidence) -> str:
    letters = [c for c in word if c.isalpha()]
    if not letters or _ROMAN.match(word) or known.acronym(word):
        return KEEP
    wl = _word_language(word, lang)
    if wl == "en" and lang in ("kk", "ru") and len(letters) <= 5:
        return KEEP  # a short Latin word in a Cyrillic title is a code: IT, ESG, PISA
    found = evidence.by_form(word, wl)
    if found:
        return found
    also_ru = wl == "kk" and not any(c in _KK_ONLY for c in word)  # a Russian word in kk text
    if known.is_name(word, wl) or (also_ru and known.is_name(word, "ru")):
        return CAPITAL
    if wl == "ru" or also_ru:
        found = _ru_dictionary(word.lower())
        if found:
            return found
    found = evidence.by_base(word, wl)
    if found:
        return found
    if len(letters) >= 2 and not any(c in _VOWELS for c in letters):
        return UPPER
    return LOWER


def _apply(word: str, kind: str) -> str:
    if kind == KEEP:
        return word
    if kind == UPPER:
        return word.upper()
    low = word.lower()
    if kind == CAPITAL:
        return low[:1].upper() + low[1:]
    return low


# ---- the volume

def titles_in_capitals(articles) -> list:
    """The articles whose title, printed in capitals, is to be put in sentence case; the others
    the editor left without a display title show their title as printed (set here)."""
    todo = [a for a in articles if not a.title_display and a.title]
    for a in todo:
        if not is_capitals(a.title):
            a.title_display = a.title
    return [a for a in todo if not a.title_display]


class TitleCaser:
    """An article's title, printed in capitals, in sentence case: the names and acronyms it
    knows (the bundled ones and the glossary's) keep their capitals, and so do the words its
    own text writes with one."""

    def __init__(self, glossary: Iterable = ()) -> None:
        self.known = Known(glossary)  # (here, once, rather than in each worker process)

    def key(self, fingerprint: str) -> tuple:
        """What an article's title case depends on (for memos): its `fingerprint` (its title,
        language and text, fingerprint.Fingerprints) and the names this caser knows."""
        return (fingerprint, self.known.key)

    def __call__(self, a) -> str:
        return sentence_case(a.title, a.language, self.known, [a.body, *a.abstracts.values()])
