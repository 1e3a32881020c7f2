"""Word-level language rules shared by the glossary matcher, the search index and the timeline.

One implementation of tokenising and stemming, so that a term found by the glossary and a word
found by search mean the same thing. Russian and English use Snowball (the browser side uses
Snowball too) and pymorphy3 lemmas; Kazakh uses suffix-stripping rules kept as data in
`data/kk_suffixes.yml`, which `export_rules()` hands to the browser. `verb_form` reads the tense
and voice of a verb (pymorphy3 for Russian, the endings of `data/event_grammar.yml` for Kazakh
and English), which the timeline needs to tell an act in the past from a plan or a figure.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import snowballstemmer

from ..util import yamlfile
from .textutil import ALWAYS_CYRILLIC, LOOKALIKES, normalise_for_search

KK_RULES_PATH = Path(__file__).parent.parent / "data" / "kk_suffixes.yml"
EVENT_GRAMMAR_PATH = Path(__file__).parent.parent / "data" / "event_grammar.yml"

# A word: letters/digits, with inner hyphens kept (өзін-өзі, саяси-құқықтық). Hyphen look-alikes
# (U+2010, U+2011) count as hyphens; dashes (– —) separate words.
_WORD = re.compile(r"[^\W_]+(?:[-\u2010\u2011][^\W_]+)*")
_HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-"})


@dataclass
class _Suffix:
    s: str
    after: list[str] = field(default_factory=list)
    min_stem: Optional[int] = None
    group: str = ""
    slot: int = 0  # position of the group in `slots`, from the end of the word inwards


@dataclass
class KkRules:
    """The Kazakh stemming rules as loaded from kk_suffixes.yml."""

    min_stem: int
    classes: dict[str, list[str]]
    protected_endings: list[str]
    roots: set[str]
    final_mutations: dict[str, str]
    drop_final: list[str]
    suffixes: list[_Suffix]  # longest first
    # The suffixes by their text, in `suffixes` order, and their lengths, longest first: a
    # word is tried only against the suffixes it ends with (one lookup per length).
    by_text: dict[str, list[_Suffix]] = field(init=False, repr=False)
    lengths: list[int] = field(init=False, repr=False)
    # (one str.endswith call finds whether any protected ending may apply: the search index
    # stems every distinct word of a volume, 120,000 of them at 2,000 articles)
    _protected: tuple[str, ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.by_text = {}
        for suf in self.suffixes:
            self.by_text.setdefault(suf.s, []).append(suf)
        self.lengths = sorted({len(x) for x in self.by_text}, reverse=True)
        self._protected = tuple(self.protected_endings)

    def _after_ok(self, rest: str, after: list[str]) -> bool:
        if not after:
            return True
        for cond in after:
            letters = self.classes.get(cond)
            if letters is not None:
                if rest and rest[-1] in letters:
                    return True
            elif rest.endswith(cond):
                return True
        return False

    def stem(self, w: str) -> str:
        slot = -1  # slot of the last suffix stripped; the next must lie further inwards
        while w not in self.roots:
            if w.endswith(self._protected) and any(
                    w.endswith(p) and len(w) - len(p) >= self.min_stem
                    for p in self.protected_endings):
                break
            stripped = self._strip_one(w, slot)
            if stripped is None:
                break
            w, slot = stripped
        if w in self.roots:
            return w
        if w and w[-1] in self.final_mutations:
            w = w[:-1] + self.final_mutations[w[-1]]
        while len(w) > self.min_stem and w[-1] in self.drop_final:
            w = w[:-1]
        return w

    def _strip_one(self, w: str, slot: int) -> Optional[tuple[str, int]]:
        """`w` without the first suffix of `suffixes` that applies inwards of `slot` (longest
        first, then file order), and that suffix's slot; None when none applies."""
        size = len(w)
        for n in self.lengths:
            if n >= size:
                continue
            for suf in self.by_text.get(w[-n:], ()):
                if suf.slot <= slot:
                    continue
                rest = w[:-n]
                if len(rest) >= (suf.min_stem or self.min_stem) and self._after_ok(rest, suf.after):
                    return rest, suf.slot
        return None


@functools.lru_cache(maxsize=1)
def kk_rules() -> KkRules:
    """Load kk_suffixes.yml once."""
    data = yamlfile.load(KK_RULES_PATH.read_text(encoding="utf-8"))
    slot_of = {g: i for i, groups in enumerate(data["slots"]) for g in groups}
    suffixes = []
    for group, items in data["suffixes"].items():
        for item in items:
            if isinstance(item, str):
                item = {"s": item}
            suffixes.append(_Suffix(s=item["s"], after=list(item.get("after") or []),
                                    min_stem=item.get("min_stem"), group=group,
                                    slot=slot_of[group]))
    # Longest first; ties keep file order (stable sort), so the rule order is deterministic.
    suffixes.sort(key=lambda x: -len(x.s))
    return KkRules(
        min_stem=int(data["min_stem"]),
        classes={k: list(v) for k, v in data["classes"].items()},
        protected_endings=list(data.get("protected_endings") or []),
        roots=set(data.get("roots") or []),
        final_mutations=dict(data.get("final_mutations") or {}),
        drop_final=list(data.get("drop_final") or []),
        suffixes=suffixes,
    )


def kk_stem(word: str) -> str:
    """Match key of a Kazakh word: inflectional suffixes stripped, derivation kept."""
    w = normalise_for_search(word).translate(_HYPHENS)
    if "-" in w:
        head, _, last = w.rpartition("-")
        return head + "-" + kk_stem(last) if last else w
    return _kk_stem_cached(w)


@functools.lru_cache(maxsize=65536)
def _kk_stem_cached(w: str) -> str:
    return kk_rules().stem(w)


@functools.cache
def _snowball(language: str):
    return snowballstemmer.stemmer(language)


@functools.lru_cache(maxsize=65536)
def ru_stem(word: str) -> str:
    """Snowball Russian stem (what the search index and the browser use)."""
    return _snowball("russian").stemWord(normalise_for_search(word).translate(_HYPHENS))


@functools.lru_cache(maxsize=65536)
def en_stem(word: str) -> str:
    """Snowball English stem."""
    return _snowball("english").stemWord(normalise_for_search(word).translate(_HYPHENS))


@functools.lru_cache(maxsize=1)
def _morph():
    # Loading the dictionaries takes about a second: do it once per process.
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@functools.lru_cache(maxsize=65536)
def ru_lemma(word: str) -> str:
    """pymorphy3 normal form of the most probable parse (ё folded to е)."""
    w = normalise_for_search(word).translate(_HYPHENS)
    parses = _morph().parse(w)
    return parses[0].normal_form.replace("ё", "е") if parses else w


@functools.lru_cache(maxsize=65536)
def _ru_tag(word: str):
    parses = _morph().parse(normalise_for_search(word))
    return parses[0].tag if parses else None


def ru_pos(word: str) -> Optional[str]:
    """pymorphy3 part of speech of the most probable parse (NOUN, ADJF, PREP, ...)."""
    tag = _ru_tag(word)
    return tag.POS if tag is not None else None


def ru_is_pronominal(word: str) -> bool:
    """True for pronoun-like adjectives (который, этот, свой), tagged Apro by pymorphy3."""
    tag = _ru_tag(word)
    return tag is not None and "Apro" in tag


def ru_is_function_word(word: str) -> bool:
    """True for prepositions, conjunctions, particles, pronouns, numerals, adverbs."""
    return ru_pos(word) in {"PREP", "CONJ", "PRCL", "NPRO", "INTJ", "NUMR", "PRED", "ADVB",
                            "COMP"} or ru_is_pronominal(word)


@functools.lru_cache(maxsize=1 << 18)
def normal_word(word: str) -> str:
    """The form every stemmer here starts from: `normalise_for_search`, hyphen look-alikes
    folded."""
    return normalise_for_search(word).translate(_HYPHENS)


def stem_prefixes(stem_: str, lang: Optional[str]) -> set[str]:
    """Strings one of which begins `normal_word(w)` for every word `w` whose `stem(w, lang)` is
    `stem_`, so that a caller can rule words out without stemming them. The stemmers only cut
    endings, except: a Kazakh stem's last letter may come from a softer one (құқығы → құқық,
    `final_mutations`), and English Snowball rewrites endings (happy → happi, relational →
    relat) and a few whole words (dying → die) but keeps a word's first letter."""
    if lang == "kk":
        softer = [a for a, b in kk_rules().final_mutations.items() if stem_[-1:] == b]
        return {stem_} | {stem_[:-1] + a for a in softer}
    if lang == "en":
        return {stem_[:1]}
    return {stem_}


# pymorphy3 guesses the lemma of a word it does not know from at most this many final letters.
RU_GUESSED_ENDING = 5


def ru_is_known(word: str) -> bool:
    """pymorphy3 has `word` (a normal word) in its dictionary, so its lemma is a dictionary
    lemma rather than a guess by analogy."""
    return _morph().word_is_known(word)


@functools.lru_cache(maxsize=8192)
def ru_lemma_forms(lemma: str) -> frozenset:
    """Every form (normalised, ё folded) of the dictionary words whose normal form is `lemma`:
    a word pymorphy3 knows has `ru_lemma` == `lemma` only if it is one of them."""
    forms = {lemma}
    for parse in _morph().parse(lemma):
        if parse.normal_form.replace("ё", "е") == lemma:
            forms.update(f.word.replace("ё", "е") for f in parse.lexeme)
    return frozenset(forms)


def stem(word: str, lang: Optional[str]) -> str:
    """Stem `word` by the rules of `lang` ("kk", "ru", "en"); other languages: normalised word."""
    if lang == "kk":
        return kk_stem(word)
    if lang == "ru":
        return ru_stem(word)
    if lang == "en":
        return en_stem(word)
    return normalise_for_search(word)


def tokens(text: str) -> list[tuple[int, int, str]]:
    """Words of `text` as (start, end, word) with offsets into `text`; hyphenated compounds stay
    one token."""
    return [(m.start(), m.end(), m.group(0)) for m in _WORD.finditer(text)]


def _slots(r: KkRules) -> list[list[str]]:
    out: list[list[str]] = []
    for s in sorted(r.suffixes, key=lambda x: x.slot):
        while len(out) <= s.slot:
            out.append([])
        if s.group not in out[s.slot]:
            out[s.slot].append(s.group)
    return out


def export_rules() -> dict:
    """The Kazakh rules and the look-alike table as JSON-able data for the browser-side port."""
    r = kk_rules()
    return {
        "kk": {
            "min_stem": r.min_stem,
            "classes": r.classes,
            "protected_endings": r.protected_endings,
            "roots": sorted(r.roots),
            "final_mutations": r.final_mutations,
            "drop_final": r.drop_final,
            # Already ordered longest first, as the algorithm tries them.
            "slots": _slots(r),
            "suffixes": [{"s": s.s, "after": s.after, "min_stem": s.min_stem, "group": s.group,
                          "slot": s.slot} for s in r.suffixes],
        },
        "lookalikes": dict(LOOKALIKES),
        "always_cyrillic": dict(ALWAYS_CYRILLIC),
        "fold": {"ё": "е"},
        "token_pattern": _WORD.pattern,
    }


# Verb forms (for the timeline)

@functools.lru_cache(maxsize=1)
def event_grammar() -> dict:
    """data/event_grammar.yml, with word lists as sets and patterns compiled."""
    data = yamlfile.load(EVENT_GRAMMAR_PATH.read_text(encoding="utf-8"))
    out: dict = {}
    for lang, table in data.items():
        rules: dict = {}
        for key, value in table.items():
            if key == "endings":
                rules[key] = [(re.compile(e["re"]), e["form"], int(e.get("min_length", 0)))
                              for e in value]
            elif key in ("period_endings", "attributive_endings"):
                rules[key] = re.compile("|".join(value))
            elif key == "change":
                rules[key] = re.compile(value, re.IGNORECASE)
            elif key == "survey_stems":
                rules[key] = tuple(str(v).lower() for v in value)
            else:
                rules[key] = frozenset(str(v).lower() for v in value)
        out[lang] = rules
    return out


@functools.lru_cache(maxsize=1 << 17)  # a volume's words repeat: read each form once
def verb_form(word: str, lang: str) -> Optional[str]:
    """The form of `word` as a predicate: past, participle, converb, present, future, copula,
    measure, state, report (see data/event_grammar.yml), or None for a word that is no verb.

    Kazakh words are read by their endings only (never sent to pymorphy3)."""
    w = normalise_for_search(word).translate(_HYPHENS)
    if lang == "ru":
        return _ru_verb_form(w)
    if lang == "kk":
        return _kk_verb_form(w)
    if lang == "en":
        return _en_verb_form(w)
    return None


_RUSSIAN_WORD = re.compile("[а-яё]+")


@functools.lru_cache(maxsize=65536)
def _kk_verb_form(w: str) -> Optional[str]:
    g = event_grammar()["kk"]
    if w in g["copulas"]:
        return "copula"
    if w in g["intent"]:
        return "future"
    if w in g["measure"]:
        return "measure"
    if w in g["report"]:
        return "report"
    if w in g["past_words"]:
        return "past"
    if w in g["not_verbs"] or not w.isalpha():
        return None
    for pattern, form, min_length in g["endings"]:
        if len(w) >= min_length and pattern.search(w):
            return form
    return None


@functools.lru_cache(maxsize=65536)
def _ru_verb_form(w: str) -> Optional[str]:
    g = event_grammar()["ru"]
    if w in g["intent"]:
        return "future"
    if not w.isalpha() or not _RUSSIAN_WORD.fullmatch(w):
        return None  # a Kazakh or Latin word quoted in Russian text: not for pymorphy3
    parses = _morph().parse(w)
    if not parses:
        return None
    tag, lemma = parses[0].tag, parses[0].normal_form.replace("ё", "е")
    if lemma in g["intent"]:  # должна (быть принята), планируется
        return "future"
    if tag.POS not in ("VERB", "PRTS", "PRTF", "GRND"):
        return None
    if lemma in g["intent"] or "futr" in tag:
        return "future"
    for kind in ("copula", "measure", "state", "report"):
        if lemma in g[kind + ("s" if kind == "copula" else "")]:
            return kind if kind != "copula" or "past" in tag else "present"
    if "past" in tag:
        return "past" if tag.POS == "VERB" else "participle"
    return "present"


@functools.lru_cache(maxsize=65536)
def _en_verb_form(w: str) -> Optional[str]:
    g = event_grammar()["en"]
    for kind in ("intent", "measure", "state", "report", "copulas"):
        if w in g[kind]:
            return {"intent": "future", "copulas": "copula"}.get(kind, kind)
    if w in g["not_verbs"]:
        return None
    if w in g["irregular_past"]:
        return "past"
    if w in g["irregular_participle"]:
        return "participle"
    if len(w) >= 5 and w.endswith("ed") and w.isalpha():
        return "past"
    return None


# Dictionary forms of terms met inflected (for glossary pairs read from the articles)

_KK_CASE_GROUPS = ("relative", "genitive", "dative", "accusative", "locative", "ablative",
                   "instrumental")


def kk_citation_form(word: str) -> str:
    """A Kazakh word without its case ending (or a relative -дағы/-дегі), possessive kept:
    Кеңесіндегі -> Кеңесі, қорының -> қоры, кодекстің -> кодекс. The letters kept are the
    word's own, so capitals stay."""
    r = kk_rules()
    w = normalise_for_search(word).translate(_HYPHENS)
    if "-" in w or w in r.roots:
        return word
    cut = len(w)
    for groups in (("relative",), _KK_CASE_GROUPS[1:]):
        if any(w[:cut].endswith(p) for p in r.protected_endings):
            break  # Қазақстан is no ablative
        for suf in r.suffixes:  # longest first
            if suf.group not in groups or not w[:cut].endswith(suf.s):
                continue
            if suf.group == "relative" and len(suf.s) < 4:
                continue  # -ғы/-гі make adjectives of their own: Жоғарғы, сыртқы, соңғы
            rest = w[:cut - len(suf.s)]
            if len(rest) >= (suf.min_stem or r.min_stem) and r._after_ok(rest, suf.after):
                cut = len(rest)
                break
    return word[:cut]


def ru_nominative(words: list[str]) -> Optional[list[str]]:
    """A Russian noun phrase put in the nominative: the head noun (the first noun) and the
    adjectives before it agree; words after the head (a genitive, a name) stay as written.
    Единого накопительного пенсионного фонда -> Единый накопительный пенсионный фонд.
    None when the phrase has no noun or a form cannot be made."""
    morph = _morph()
    parses = [morph.parse(normalise_for_search(w))[0]
              if not w.isupper() and _RUSSIAN_WORD.fullmatch(normalise_for_search(w))
              else None for w in words]
    head = next((i for i, p in enumerate(parses) if p is not None and p.tag.POS == "NOUN"),
                None)
    if head is None or any(p is None or p.tag.POS not in ("ADJF", "PRTF")
                           for p in parses[:head]):
        return None
    phrase = [p for p in parses[:head + 1] if p is not None]  # all of them, checked above
    number = (phrase[head - 1].tag.number if head else None) or phrase[head].tag.number
    gender = phrase[head].tag.gender
    out = list(words)
    for i in range(head + 1):
        want = {"nomn"} | ({number} if number else set())
        if i < head and number == "sing" and gender:
            want.add(gender)
        if "Pltm" in phrase[i].tag:
            want = {"nomn", "plur"}
        form = phrase[i].inflect(want)
        if form is None:
            if "nomn" in phrase[i].tag:
                continue
            return None
        out[i] = _same_case(words[i], form.word)
    return out


def _same_case(original: str, word: str) -> str:
    if original.isupper() and len(original) > 1:
        return word.upper()
    return word[:1].upper() + word[1:] if original[:1].isupper() else word
