"""The reform timeline: dated events read from article sentences.

A date (`generator.dates`) is an event when its predicate says an act happened: the verb form
nearest to it (clause boundaries weighing in) is a past tense, a past participle or a passive
(Russian read by pymorphy3, Kazakh and English by the endings in `data/event_grammar.yml`), or a
present after `since`; or when it is the date of a named act (`Закон от 21.06.2013 № 105-V`).
One event per dated act, several in one sentence if it has several. Periods of programmes,
targets and deadlines, `as of` dates, years inside names and dates that only measure a figure
(`в 2019 г. лишь 23% граждан …`) are none. The same act on the same date in two articles is one
event listing both sources; the same act told twice in one article is one event.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from typing import Optional
from collections.abc import Callable, Iterable

from ..language import morphology
from ..language.alphabet import KAZAKH_LETTER
from ..util import parallel
from .dates import EN_MONTHS, KK_MONTHS, RU_MONTHS, DateMention, find_dates, may_hold_date, sort_key
from ..model import Article, Block, TimelineEvent

LABEL_WORDS = 12  # longest event label, in words
NEAR_WORDS = 15  # how far a cue may sit from its date when a sentence has several dates

L = r"[^\W\d_]"
W = L + "*"  # any case ending


@dataclass(frozen=True)
class Cue:
    concept: str  # language-neutral key, shared by kk/ru/en words for the same act
    weight: int  # 2: names an act or event; 1: a verb saying something happened


def _cues(weight: int, table: dict[str, list[str]]) -> list[tuple[Cue, str]]:
    return [(Cue(concept, weight), pattern) for concept, patterns in table.items()
            for pattern in patterns]


# Word stems (kk, ru, en) that say what a dated sentence is about. Hand-kept: no library lists
# legal-political act words for Kazakh, and the concept key lets a kk and a ru article meet.
_CUE_TABLE = _cues(2, {
    "referendum": [r"референдум" + W, r"referend(?:um|a|ums)\b"],
    "constitution": [r"конституци(?!ял|онн|онал)" + W, r"constitution(?!al)" + W],
    "law": [r"заң(?!сыз|гер|дылық|ды\b)" + W, r"закон(?!н|омерн)" + W, r"\blaws?\b",
            r"\blegislation\b", r"\bstatutes?\b", r"(?-i:\bAct\b)", r"(?-i:ҚРЗ|ЗРК|ФЗ)\b"],
    "decree": [r"жарлы[ғқ]" + W, r"указ(?:а|у|ом|е|ы|ов|ами|ах)?\b", r"\bdecrees?\b"],
    "resolution": [r"қаулы" + W, r"постановлени" + W, r"\bresolutions?\b"],
    "address": [r"жолдау" + W, r"послани" + W, r"(?-i:\bAddress)\b",
                r"\baddress to the (?:nation|people)\b"],
    "election": [r"сайлау(?!шы)" + W, r"сайлан" + W, r"выбор(?:ы|ов|ах|ам|ами)\b",
                 r"избран" + W, r"\belect(?:ions?|ed)\b"],
    "amendment": [r"түзету" + W, r"өзгерістер\s+мен\s+толықтыру" + W, r"поправк" + W,
                  r"изменени" + W + r"\s+и\s+дополнени" + W, r"\bamend(?:ments?|ed)\b"],
    "reform": [r"реформ" + W, r"\breforms?\b"],
    "events": [r"оқиға" + W, r"событи" + W, r"\bevents\b"],
    "protest": [r"наразылық" + W, r"ереуіл" + W, r"митинг" + W, r"протест" + W,
                r"забастовк" + W, r"восстани" + W, r"переворот" + W,
                r"\b(?:protests?|uprising|unrest|riots?|coup)\b"],
    "treaty": [r"келісім(?:шарт)?" + W, r"договор" + W, r"соглашени" + W,
               r"\b(?:treaty|treaties|agreements?)\b"],
    "independence": [r"тәуелсіздік" + W, r"независимост" + W, r"\bindependence\b"],
}) + _cues(1, {
    "adopted": [r"қабылда" + W, r"принят" + W, r"принял" + W, r"\b(?:adopted|enacted|passed)\b"],
    "approved": [r"бекіт" + W, r"утвер[дж]" + W, r"ратифи" + W,
                 r"\b(?:approved|ratified|endorsed)\b"],
    "signed": [r"қол\s+қой" + W, r"подписа" + W, r"\bsigned\b"],
    "introduced": [r"енгізіл" + W, r"введен" + W, r"внесен" + W, r"\bintroduced\b"],
    "changed": [r"өзгер" + W, r"белгілен" + W, r"изменен" + W, r"изменил" + W,
                r"установлен" + W, r"\b(?:changed|established)\b"],
    "held": [r"өтті\b", r"өткізіл" + W, r"произош" + W, r"состоял" + W,
             r"\b(?:took place|held)\b"],
    "in-force": [r"күшіне\s+ен" + W, r"вступ" + W + r"\s+в\s+силу",
                 r"\b(?:entered|came) into force\b"],
    "founded": [r"құрылды\b", r"основан" + W, r"учрежд" + W, r"\b(?:founded)\b"],
    "began": [r"басталды\b", r"басталған\b", r"началось\b", r"начал[аи]сь\b", r"\bbegan\b"],
})
_CUE_RES = [(cue, re.compile(r"(?<!" + L + ")" + pat if not pat.startswith(("\\b", "(?"))
                             else pat, re.IGNORECASE)) for cue, pat in _CUE_TABLE]


def _needle(pattern: str) -> str:
    """Lower-case letters every match of a cue pattern starts with ('' when none is certain).

    Testing these as plain substrings first spares most of the 89 regex scans per sentence."""
    body = pattern
    while True:
        body = re.sub(r"^\\b", "", body)
        opener = re.match(r"\(\?-?i?:", body)
        if not opener:
            break
        depth, end = 0, len(body)
        for i, ch in enumerate(body):
            depth += (ch == "(") - (ch == ")")
            if depth == 0:
                end = i
                break
        if "|" in body[opener.end():end]:
            return ""  # alternatives at the start: no common first letters
        body = body[opener.end():]
    if "|" in re.sub(r"\((?:[^()]|\([^()]*\))*\)", "", body):
        return ""  # a top-level alternative
    m = re.match(r"[^\W\d_]+", body)
    if not m:
        return ""
    letters = m.group(0)
    if body[len(letters):len(letters) + 1] in ("?", "*", "{"):
        letters = letters[:-1]  # the last letter is optional
    return letters.lower()


_CUE_NEEDLES = [_needle(pat) for _, pat in _CUE_TABLE]

# Abbreviations after which a period does not end a sentence.
_ABBREV = {"г", "гг", "ж", "жж", "т", "б", "бб", "с", "ст", "п", "пп", "им", "обл", "р", "қ",
           "no", "nr", "p", "pp", "vol", "cf", "dr", "mr", "mrs", "ms", "prof", "st", "e.g",
           "i.e", "т.б", "т.с.с", "т.е", "т.д", "т.п", "др", "см", "ғ", "в", "вв", "ғғ", "акад",
           "проф", "доц", "изд", "ред", "том", "s"}
_END = re.compile(r"[.!?…]+[»\"”’)\]]*(?=\s)|;(?=\s*\d{1,2}\)\s)|:(?=\s*1\)\s)")
_CITATION = re.compile(r"\s*\[[^\[\]]{0,200}\]")
_TOKEN = re.compile(r"\S+")
_EDGE_PUNCT = " ,;:–—-([«\"“"
_STOP_EDGE = {"и", "в", "с", "на", "по", "от", "мен", "және", "жəне", "in", "on", "of", "the",
              "and", "by", "since", "from", "a", "an", "до", "к", "о", "об", "ал", "бен", "пен"}


@dataclass
class Sentence:
    """A sentence of an article body, with the blocks its characters come from."""

    text: str
    # (offset in `text`, block, offset in block.text) where each block's part begins.
    parts: list[tuple[int, Block, int]] = field(default_factory=list)

    def line_at(self, offset: int) -> int:
        """Raw line of the character at `offset` of this sentence."""
        part = self.parts[0]
        for p in self.parts:
            if p[0] <= offset:
                part = p
        start, block, block_offset = part
        return block.line_at(block_offset + offset - start)


def split_sentences(blocks: Iterable[Block],
                    within: Optional[Callable[[str], bool]] = None) -> list[Sentence]:
    """Sentences of the body blocks (headings skipped); with `within`, only those of the
    paragraphs whose text it accepts (the timeline's: paragraphs that may hold a date).

    A paragraph that stops mid-sentence (a page break the cleaner left) runs on into the next
    paragraph when that one starts in lower case or with a number (`2001 жылғы` | `23 қаңтарда`).
    """
    sentences: list[Sentence] = []
    chunk_text = ""
    parts: list[tuple[int, Block, int]] = []
    for block in blocks:
        if block.kind == "heading" or not block.text.strip():
            continue
        if chunk_text and _continues(chunk_text, parts[-1][1], block):
            parts.append((len(chunk_text) + 1, block, 0))
            chunk_text += " " + block.text
            continue
        if chunk_text and (within is None or within(chunk_text)):
            sentences.extend(_split_chunk(chunk_text, parts))
        chunk_text, parts = block.text, [(0, block, 0)]
    if chunk_text and (within is None or within(chunk_text)):
        sentences.extend(_split_chunk(chunk_text, parts))
    return sentences


def _continues(text: str, previous: Block, block: Block) -> bool:
    stripped = text.rstrip()
    return (previous.kind == "para" and block.kind == "para" and bool(stripped)
            and stripped[-1] not in ".!?…:;»\"”)]"
            and (block.text.lstrip()[:1].islower() or block.text.lstrip()[:1].isdigit()))


def _split_chunk(text: str, parts: list[tuple[int, Block, int]]) -> list[Sentence]:
    cuts = [0]
    for m in _END.finditer(text):
        if _is_boundary(text, m):
            cuts.append(m.end())
    cuts.append(len(text))
    out = []
    for a, b in zip(cuts, cuts[1:]):
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a >= b:
            continue
        sub = [(max(o, a) - a, blk, bo + max(a - o, 0)) for i, (o, blk, bo) in enumerate(parts)
               if o < b and (i + 1 == len(parts) or parts[i + 1][0] > a)]
        out.append(Sentence(text[a:b], sub))
    return out


_NEXT_CHAR = re.compile(r"\S")


def _is_boundary(text: str, m: re.Match) -> bool:
    if m.group(0)[0] in ";:":
        return True
    # Look only near the match: slicing the rest of a long paragraph here was quadratic.
    after = _NEXT_CHAR.search(text, m.end())
    if not after:
        return True
    nxt = after.group(0)
    if not (nxt.isupper() or nxt.isdigit() or nxt in "«\"“[(—–-"):
        return False
    if m.group(0)[0] != ".":
        return True
    window = max(0, m.start() - 80)  # an abbreviation or initial is short
    start = max(text.rfind(c, window, m.start()) for c in " \n\t\u00a0") + 1
    start = max(start, window)
    if start >= m.start():
        return True
    token = text[start:m.start()].lstrip("([«\"“")
    if re.fullmatch(L, token):  # an initial: Қ.Д., L.N.
        return False
    if re.fullmatch(r"(?:" + L + r"\.)+" + L, token):  # Л.Н, т.б, e.g
        return token.lower() in {"т.б", "т.с.с", "т.д", "т.п", "etc"} and nxt.isupper()
    return token.lower() not in _ABBREV


def _cues_in(text: str) -> list[tuple[int, int, Cue]]:
    found = []
    lowered = text.lower()
    for (cue, rx), needle in zip(_CUE_RES, _CUE_NEEDLES):
        if needle not in lowered:
            continue
        for m in rx.finditer(text):
            found.append((m.start(), m.end(), cue))
    found.sort(key=lambda c: (c[0], -c[2].weight))
    # One cue per stretch of text: the heavier one wins where two overlap.
    kept: list[tuple[int, int, Cue]] = []
    for c in found:
        clash = next((k for k in kept if c[0] < k[1] and k[0] < c[1]), None)
        if clash is None:
            kept.append(c)
        elif c[2].weight > clash[2].weight:
            kept[kept.index(clash)] = c
    return kept


@dataclass
class _Found:
    mention: DateMention
    cue: tuple[int, int, Cue]
    sentence: Sentence


# How much a boundary between two words adds to their distance when a predicate looks for its
# date: `;` or `:` ends a clause, `, а` / `, ал` / `, but` starts another, `и` / `және` / `and`
# coordinates two predicates, a comma a little.
HARD, CLAUSE, COORD, COMMA = 8, 6, 4, 1
SEGMENT = CLAUSE  # a boundary at least this strong closes a segment (the date's clause)
MAX_REACH = 25  # farthest a predicate reaches for its date, boundaries included
ATTRIBUTIVE = 12  # a date inside a noun phrase (от …, …-ғы) takes a verb only when no other can
_CYR_WORD = re.compile("[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]")
_LAT_WORD = re.compile("[A-Za-z]")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_RU_WORD = re.compile("[а-яё]+")  # only such words go to pymorphy3
_ACT_FORMS = ("past", "participle", "converb")
_PAST_COPULAS = {"kk": {"болды", "болған", "болып", "еді", "екен", "болғандықтан"}}


# Marks of a bibliographic entry: `Title // Journal. – 2019. – № 3. – С. 5–9`, an URL, an access
# date.
_BIBLIOGRAPHIC = re.compile(r"\s//\s|\[Электрон|URL|https?://|www\.|Режим доступа|"
                            r"дата обращения|қаралған күні|[Aa]ccessed|–\s*\d+\s*[сбp]\.(?!\w)")


def sentence_language(text: str, default: Optional[str] = None) -> str:
    """kk, ru or en for one sentence, by its letters and function words (articles quote other
    languages); `default` (the article's language) decides a tie."""
    words = text.split()
    latin = sum(1 for w in words if _LAT_WORD.search(w) and not _CYR_WORD.search(w))
    cyrillic = sum(1 for w in words if _CYR_WORD.search(w))
    if latin > cyrillic:
        return "en"
    grammar = morphology.event_grammar()
    lowered = [w.strip(".,;:!?«»()[]\"“”").lower() for w in words]
    kazakh = sum(1 for w in words if KAZAKH_LETTER.search(w))
    kazakh += sum(1 for w in lowered if w in grammar["kk"]["function_words"])
    russian = sum(1 for w in lowered if w in grammar["ru"]["function_words"])
    if kazakh != russian:
        return "kk" if kazakh > russian else "ru"
    return default if default in ("kk", "ru") else "ru"


@dataclass
class _Date:
    """A date mention of a sentence, with the verb forms that reach it."""

    mention: DateMention
    first: int  # token range of the mention
    last: int
    role: str = "adverbial"  # "adverbial" | "since" | "attributive" | "period" (never an event)
    verbs: list = field(default_factory=list)  # (distance, token index, form), nearest first

    def is_figure_date(self) -> bool:
        return self.mention.precision in ("year", "decade", "month")


@dataclass
class _Parse:
    """One dated sentence read for its events: its words, the boundaries between them, its
    clauses (segments) and the act nouns (law, referendum …) in it."""

    text: str
    lang: str
    grammar: dict
    toks: list  # (start, end, word)
    lower: list[str]
    gaps: list[int]  # gaps[i]: what the boundary after word i weighs (HARD, CLAUSE, …)
    reach: list[int]  # reach[i]: distance from word 0 to word i, boundaries included
    segment: list[int]  # segment[i]: the clause of word i
    acts: list  # act-noun cues (weight 2) of `_cues_in`
    act_tokens: set[int]
    shielded: set[int]  # words inside quotes, citations and brackets

    @classmethod
    def of(cls, text: str, lang: str, cues: list) -> _Parse:
        grammar = morphology.event_grammar()[lang]
        toks = morphology.tokens(text)
        lower = [w.lower() for _, _, w in toks]
        gaps = [_gap_weight(text[toks[i][1]:toks[i + 1][0]], lower[i + 1], grammar)
                for i in range(len(toks) - 1)]
        reach, segment = [0], [0]
        for g in gaps:
            reach.append(reach[-1] + 1 + g)
            segment.append(segment[-1] + (g >= SEGMENT))
        acts = [c for c in cues if c[2].weight == 2]
        act_tokens = {i for c in acts for i, t in enumerate(toks) if c[0] < t[1] and t[0] < c[1]}
        return cls(text, lang, grammar, toks, lower, gaps, reach, segment, acts, act_tokens,
                   _shielded(text, toks))

    def date(self, m: DateMention) -> _Date:
        first = next(i for i, t in enumerate(self.toks) if t[1] > m.start)
        last = max(i for i, t in enumerate(self.toks) if t[0] < m.end)
        d = _Date(m, first, last)
        d.role = _role(self, d)
        return d

    def distance(self, i: int, d: _Date) -> int:
        """How far verb `i` is from date `d`, boundaries weighing in."""
        if i < d.first:
            dist = self.reach[d.first] - self.reach[i]
            if self.lang == "kk":
                # Kazakh puts the verb after its date, and a verb before a comma closes its
                # clause: the dates after it belong to the next one.
                dist += 3 + (CLAUSE if self.gaps[i] >= COMMA else 0)
        else:
            dist = self.reach[i] - self.reach[d.last]
        return dist + (ATTRIBUTIVE if d.role == "attributive" else 0)

    def same_clause(self, i: int, j: int) -> bool:
        return self.segment[i] == self.segment[j]

    def clause_span(self, i: int) -> tuple[int, int]:
        """Character span of the clause of word `i`."""
        idx = [j for j in range(len(self.toks)) if self.segment[j] == self.segment[i]]
        return self.toks[idx[0]][0], self.toks[idx[-1]][1]


def _dated_in(sentence: Sentence, language: Optional[str] = None) -> list[_Found]:
    """The dates of one sentence that date an act of their own, each with the word naming it.

    A date is an event when its predicate (the nearest verb form, boundaries weighing in) is an
    act in the past, or when it is the date of a named act (`Закон от 21.06.2013`,
    `2017 жылғы 26 қазандағы Жарлығымен`). Periods, targets, measurements and figures are not.
    """
    text = sentence.text
    mentions = find_dates(text)
    if not mentions or _BIBLIOGRAPHIC.search(text):
        return []  # a reference left in the body dates a publication, not an event
    # A year-only repeat of a year the sentence also dates more precisely adds nothing.
    precise_years = {m.iso[:4] for m in mentions if m.precision in ("day", "month")}
    mentions = [m for m in mentions if not (m.precision == "year" and m.iso in precise_years)]
    if not mentions:
        return []
    cues = [c for c in _cues_in(text) if not any(c[0] < m.end and m.start < c[1]
                                                 for m in mentions)]
    p = _Parse.of(text, sentence_language(text, language), cues)
    dates = [p.date(m) for m in mentions]
    _assign_verbs(p, dates)
    words = _cue_words(text, mentions, cues)
    spans = [(m.start, m.end) for m in mentions]
    return [_Found(d.mention, words.get(k) or _event_cue(p, d), sentence)
            for k, d in enumerate(dates) if _is_event(p, d, spans)]


def _assign_verbs(p: _Parse, dates: list[_Date]) -> None:
    """Give each verb form of the sentence to its nearest date (to both of two at the same
    distance), within MAX_REACH."""
    taken = {i for d in dates for i in range(d.first, d.last + 1)} | p.shielded
    for i, form in _predicates(p, taken):
        candidates = [(p.distance(i, d), d) for d in dates if d.role != "period"]
        candidates = [(dist, d) for dist, d in candidates if dist <= MAX_REACH]
        if not candidates:
            continue
        best = min(dist for dist, _ in candidates)
        for dist, d in candidates:
            if dist == best:  # a verb halfway between two dates speaks for both
                d.verbs.append((dist, i, form))
    for d in dates:
        d.verbs.sort()


def _is_event(p: _Parse, d: _Date, spans: list[tuple[int, int]]) -> bool:
    """Whether date `d` dates an act: a named act, or a verb of its own that is an act and no
    plan, figure or survey nearer."""
    if d.role == "period":
        return False
    if d.role == "attributive":  # `2019 жылғы деректер`, `сезон 2021 года`: an act's date only
        return _names_an_act(p, d)
    acts = [_is_act(p, d, i, form) for _, i, form in d.verbs]
    if not any(acts):
        return False
    if not acts[0] and d.verbs[0][2] in ("future", "measure", "state", "report"):
        return False  # the verb nearest to the date plans, measures, describes or cites
    if _is_figure(p, d, acts, spans):
        return False
    # `Сауалнама 2023 жылы жүргізілді`: the authors' fieldwork
    return not any(p.same_clause(j, d.first) and w.startswith(p.grammar["survey_stems"])
                   for j, w in enumerate(p.lower))


def _word_gap(text: str, a: tuple[int, int], b: tuple[int, int]) -> int:
    lo, hi = (a[1], b[0]) if a[1] <= b[0] else (b[1], a[0])
    return len(_TOKEN.findall(text[lo:hi])) if hi > lo else 0


def _cue_words(text: str, mentions: list[DateMention],
               cues: list[tuple[int, int, Cue]]) -> dict[int, tuple[int, int, Cue]]:
    """mention index -> the act or event word its event is labelled and merged by: among the
    words of `_CUE_TABLE` nearest to it, an act word before a verb, then the nearest."""
    own: dict[int, list[tuple[int, tuple[int, int, Cue]]]] = {}
    for c in cues:
        gaps = [_word_gap(text, (m.start, m.end), (c[0], c[1])) for m in mentions]
        nearest = min(gaps)
        if len(mentions) > 1 and nearest > NEAR_WORDS:
            continue
        for i, gap in enumerate(gaps):  # a word halfway between two dates speaks for both
            if gap == nearest:
                own.setdefault(i, []).append((gap, c))
    # Kazakh and Russian name the act right after its date (`2022 жылғы 5 маусымда
    # референдумда`), so a word after the date counts as two words nearer.
    return {i: min(cs, key=lambda gc: (-gc[1][2].weight,
                                       gc[0] - (2 if gc[1][0] >= mentions[i].end else 0),
                                       gc[1][0] < mentions[i].start, gc[1][0]))[1]
            for i, cs in own.items()}


def _gap_weight(gap: str, next_word: str, grammar: dict) -> int:
    """What the text between two words adds to their distance."""
    if ";" in gap or ":" in gap:
        return HARD
    if next_word in grammar["clause_words"]:
        return CLAUSE if "," in gap else COORD
    if next_word in grammar["coordinators"]:
        return COORD
    return COMMA if "," in gap else 0


_QUOTED = re.compile(r"«[^«»]{0,300}»|\[[^\[\]]{0,200}\]|\([^()]{0,200}\)")


def _shielded(text: str, toks: list) -> set[int]:
    """Tokens inside «quotes», [citations] and (brackets): names and asides, never the
    sentence's predicate."""
    spans = [m.span() for m in _QUOTED.finditer(text)]
    return {i for i, t in enumerate(toks) if any(a < t[0] and t[1] < b for a, b in spans)}


def _role(p: _Parse, d: _Date) -> str:
    """How a date stands in its sentence: adverbial, since, attributive or period (a period,
    target, deadline, `as of` date or a year inside a name, which never dates an event)."""
    m, g, lower = d.mention, p.grammar, p.lower
    if _inside_quotes(p.text, m.start) and m.precision in ("year", "decade"):
        return "period"  # «Қазақстан – 2050», «Цифровой Казахстан 2025»: a name
    # `за октябрь и ноябрь 2023 года`, `қыркүйегі мен желтоқсаны аралығында`: look past the
    # other half of a span of months.
    b = d.first - 1
    while b >= 0 and (_is_date_word(lower[b]) or lower[b] in g["coordinators"]):
        b -= 1
    a = d.last + 1
    while a < len(lower) and (_is_date_word(lower[a]) or lower[a] in g["coordinators"]):
        a += 1
    before = lower[b] if b >= 0 else ""
    if any(w in g["period_words"] for w in lower[max(b - 2, 0):b + 1]):
        return "period"  # за период с …, (дата обращения: …), the period 2009–2011
    after = lower[a] if a < len(lower) else ""
    if p.lang == "kk":
        word = lower[d.last]
        if after in g["after_period"] or g["period_endings"].search(word):
            return "period"
        if after in g["after_since"]:
            return "since"
        return "attributive" if g["attributive_endings"].search(word) else "adverbial"
    if any(" ".join(lower[max(b - 2, 0):b + 1]).endswith(x) for x in g["asof"]) \
            or before in g["before_period"]:
        return "period"
    if before in g["before_since"]:
        return "since"
    if before in g["before_attributive"] or (d.first - 1) in p.act_tokens:
        return "attributive"
    if p.lang == "ru" and m.precision != "day" and b == d.first - 1 and b >= 0 \
            and before not in g["time_nouns"] and _RU_WORD.fullmatch(before) \
            and morphology.ru_pos(before) in ("NOUN", "ADJF"):
        return "attributive"  # `сезон 2021 года`, `работе 2019-го года`: a noun's attribute
    return "adverbial"


_MONTH_WORD = re.compile("^(?:" + "|".join(KK_MONTHS) + "|" + "|".join(RU_MONTHS) + "|"
                         + "|".join(n.lower() for n, _ in EN_MONTHS) + ")", re.IGNORECASE)


def _is_date_word(word: str) -> bool:
    return word.isdigit() or bool(_MONTH_WORD.match(word))


def _inside_quotes(text: str, pos: int) -> bool:
    return text.count("«", 0, pos) > text.count("»", 0, pos)


def _predicates(p: _Parse, taken: set[int]) -> list[tuple[int, str]]:
    """(word index, form) of the verb forms of a sentence that can be a clause's predicate."""
    lang, lower = p.lang, p.lower
    # A capitalised word inside the sentence is a name (the United Nations), not its verb.
    forms = [None if i in taken or (i and w[:1].isupper()) else morphology.verb_form(w, lang)
             for i, (_, _, w) in enumerate(p.toks)]
    out = []
    for i, form in enumerate(forms):
        if form is None:
            continue
        if lang == "kk":
            if form in ("past", "present") and not _clause_final(p, i):
                continue
            if form == "converb":
                if not (i + 1 < len(forms) and (p.gaps[i] >= COMMA or forms[i + 1] is not None)):
                    continue
                # A converb takes the tense of the next finite verb.
                later = next((f for j, f in enumerate(forms[i + 1:], i + 1)
                              if f in ("past", "present", "future", "copula")
                              and _clause_final(p, j)), "past")
                if later in ("present", "future"):
                    form = later
            if form == "copula" and lower[i] not in _PAST_COPULAS["kk"]:
                continue
            if i and forms[i - 1] == "report":
                form = "report"  # атап өтті, атап көрсетті: noted
        elif form in ("past", "participle"):
            # `будет принят`, `will be adopted`: a future; `is held`: a present.
            if "future" in forms[max(0, i - 2):i]:
                form = "future"
            elif lang == "en" and i > 0 and lower[i - 1] in ("is", "are", "be"):
                form = "present"
        if form == "copula" and i + 1 < len(forms) and forms[i + 1] not in (None, "copula"):
            continue  # an auxiliary: было показано, was adopted
        out.append((i, form))
    return out


_AFTER_CITATIONS = re.compile(r"(?:\s*\[[^\[\]]{0,200}\])*\s*")


def _clause_final(p: _Parse, i: int) -> bool:
    """A Kazakh finite verb closes its clause: punctuation (after any citation), `ал`, `және`
    or `деп` follows it."""
    end = p.toks[i][1]
    citations = _AFTER_CITATIONS.match(p.text, end)
    assert citations is not None  # (it matches the empty string too)
    rest = p.text[citations.end():end + 300]
    if not rest or rest[0] in ".,;:!?…":
        return True
    nxt = re.match(r"[^\W\d_]+", rest)
    word = nxt.group(0).lower() if nxt else ""
    g = p.grammar
    return word in g["clause_words"] or word in g["coordinators"] or word == "деп"


def _is_act(p: _Parse, d: _Date, i: int, form: str) -> bool:
    """Whether verb `i` of date `d` says that something was done (or, after `since`, is done)."""
    if form in _ACT_FORMS:
        return True
    if form in ("present", "measure"):  # С 2018 года возраст повышается: since then
        return d.role == "since"
    if form == "copula":
        # A day is the date of something that happened (1992 жылдың 2 наурызында БҰҰ-ға мүше
        # болды); a year with `was` is an act beside an act noun (Сайлау 2019 жылы болды) or,
        # in Kazakh, where бол- also means `become`, a name (2019 жылы Тоқаев Президент болды).
        return (d.mention.precision in ("day", "month")
                or any(p.same_clause(j, i) for j in p.act_tokens)
                or p.lang == "kk" and any(p.same_clause(j, i) and _is_name(p, j)
                                          and not d.first <= j <= d.last
                                          for j in range(1, len(p.toks))))
    return False


def _is_name(p: _Parse, j: int) -> bool:
    word = p.toks[j][2]
    return word[:1].isupper() and word[:1].isalpha()


def _names_an_act(p: _Parse, d: _Date) -> bool:
    """An attributive date next to an act noun: the date of that act (`Законом от 21.06.2013`,
    `Указ … «О государственной службе» от 26 декабря 1995 г.`, `2017 жылғы 26 қазандағы № 569
    Жарлығымен`). A quoted title between the noun and its date is skipped over."""
    before, after = (2, 5) if p.lang == "kk" else (4, 2)
    return (_near_act(p, range(d.first - 1, -1, -1), before)
            or _near_act(p, range(d.last + 1, len(p.toks)), after))


def _near_act(p: _Parse, order, limit: int) -> bool:
    """Whether an act noun is among the first `limit` words of `order` outside quotes."""
    counted = 0
    for j in order:
        if j in p.act_tokens:
            return True
        if j not in p.shielded:
            counted += 1
            if counted >= limit:
                return False
    return False


def _quantities(p: _Parse, lo: int, hi: int, skip: list[tuple[int, int]]) -> list[tuple[int, str]]:
    """(offset, kind) of the figures in text[lo:hi]: a share ("share"), a sum in thousands or
    millions ("sum"), a count with `about` or `only` ("count"); the numbers of a change
    `from N to M` are an act's, not figures."""
    g = p.grammar
    part = p.text[lo:hi]
    changes = [m.span() for m in g["change"].finditer(part)]
    out = []
    for m in _NUMBER.finditer(part):
        a = m.start() + lo
        if any(x <= a < y for x, y in skip) or any(x <= m.start() < y for x, y in changes):
            continue
        after = part[m.end():m.end() + 16].lower().lstrip(" \u00a0")
        if p.lang == "kk" and re.match(r"-?(?:дан|ден|тан|тен|нан|нен)\s+(?:астам|артық|аса|"
                                       r"көп)", after):
            out.append((a, "count"))  # 120-дан астам: more than 120
            continue
        if part[max(0, m.start() - 1):m.start()] in ("№", "-") or \
                part[m.end():m.end() + 1] == "-" and part[m.end():m.end() + 2] != "-%":
            continue  # № 105, 7-бабы, 47-мүшесі: numbers that name or rank
        before = part[max(0, m.start() - 16):m.start()].lower().split()
        word_after = re.match(r"[-%]*\s*([^\W\d_]+\.?)", after)
        if after.startswith(("%", "-%")):
            out.append((a, "share"))
        elif word_after and word_after.group(1).startswith(tuple(g["percent"])):
            out.append((a, "share"))  # пайызы, процентов
        elif word_after and word_after.group(1).rstrip(".").startswith(tuple(g["scale"])):
            out.append((a, "sum"))  # мыңнан, тысяч, millions
        elif before and (before[-1] in g["approximators"]
                         or " ".join(before[-2:]) in g["approximators"]):
            out.append((a, "count"))
    return out


def _is_figure(p: _Parse, d: _Date, acts: list[bool], spans: list[tuple[int, int]]) -> bool:
    """A date that only dates a measurement: `2020 жылы оқушылардың 68%-ы …`, `в 2019 г. лишь
    23% граждан доверяли …`, `In 2023 the Union accounted for about 20%`, `выросло с 310 тыс.
    в 2015 году до 1,2 млн в 2023 году`. A change an act makes (`снижен с 7% до 5%`) is no
    measurement."""
    if not d.is_figure_date():
        return False
    lo, hi = p.clause_span(d.first)
    m = d.mention
    for c in p.grammar["change"].finditer(p.text[lo:hi]):
        a, b = c.start() + lo, c.end() + lo
        if a <= m.start and m.end <= b and any(ch.isdigit() for ch in p.text[a:m.start]):
            return True  # the date dates one end of a measured change
    skip = spans + [c.span() for c in _CITATION.finditer(p.text)]
    figures = _quantities(p, lo, hi, skip)
    if not figures:
        return False
    strong = [at for at, kind in figures if kind != "count"]
    if p.lang == "kk" or strong:  # a share or a sum; in Kazakh the verb comes last anyway
        return m.precision != "month" or bool(strong)
    if m.precision == "month":
        return False
    act_at = [p.toks[i][0] for (_, i, _), act in zip(d.verbs, acts)
              if act and p.same_clause(i, d.first)]
    # A count before the act is its subject (`more than 60 thousand arrived`); after it, its
    # object (`established relations with more than 100 states`).
    return not act_at or min(at for at, _ in figures) < min(act_at)


def _token_at(toks: list, offset: int) -> int:
    return next((i for i, t in enumerate(toks) if t[1] > offset), len(toks) - 1)


def _event_cue(p: _Parse, d: _Date) -> tuple[int, int, Cue]:
    """The word an event is labelled and merged by when no word of `_CUE_TABLE` is its own:
    the nearest act noun in its clause, else its verb."""
    def gap(c) -> int:
        ci = _token_at(p.toks, c[0])
        return (d.first - ci if ci < d.first
                else max(ci - d.last, 0) - (2 if p.lang != "en" else 0))

    near = [c for c in p.acts
            if gap(c) <= NEAR_WORDS and p.same_clause(_token_at(p.toks, c[0]), d.first)]
    if near:
        return min(near, key=lambda c: (gap(c), c[0]))
    verbs = [i for _, i, form in d.verbs if _is_act(p, d, i, form)] or [i for _, i, _ in d.verbs]
    if verbs:
        i = verbs[0]
        return (p.toks[i][0], p.toks[i][1], Cue("verb:" + morphology.stem(p.lower[i], p.lang), 1))
    return (d.mention.start, d.mention.end, Cue("date", 1))


def _label(text: str, mention: DateMention, cue: tuple[int, int, Cue]) -> str:
    """A few words of the sentence around the act word: never invented, at most LABEL_WORDS."""
    tokens = [t for t in _TOKEN.finditer(text)
              if not (t.start() < mention.end and mention.start < t.end())
              and not re.fullmatch(r"\[[^\]]*\][.,;:]*", t.group(0))]
    if not tokens:
        return text[cue[0]:cue[1]]
    ci = next((i for i, t in enumerate(tokens) if t.end() > cue[0]), len(tokens) - 1)
    if cue[0] >= mention.end:  # the act follows its date: read on from the date
        first = next(i for i, t in enumerate(tokens) if t.start() >= mention.end)
        if ci - first > LABEL_WORDS - 4:
            first = max(ci - 4, 0)
        last = min(max(ci + 3, first + 5), first + LABEL_WORDS - 1, len(tokens) - 1)
        if last - first < 3:  # too short (`№41–VII ҚРЗ`): take the words before the date too
            first = max(0, first - (4 - (last - first)))
    else:  # the act comes first: read up to the date, from a few words before the act
        before = [i for i, t in enumerate(tokens) if t.end() <= mention.start]
        last = before[-1] if before else ci
        first = max(0, min(ci - 2, last - 5))
        if last - first >= LABEL_WORDS:
            last = first + LABEL_WORDS - 1
    words = [t.group(0) for t in tokens[first:last + 1]]
    label = _CITATION.sub("", " ".join(words))
    words = label.split()
    while words and words[-1].strip(_EDGE_PUNCT + ".").lower() in _STOP_EDGE:
        words.pop()
    while words and words[0].strip(_EDGE_PUNCT).lower() in _STOP_EDGE:
        words.pop(0)
    label = " ".join(words).strip(_EDGE_PUNCT + ".")
    return _balance_quotes(label) or text[cue[0]:cue[1]]


def _balance_quotes(label: str) -> str:
    if label.count("«") > label.count("»"):
        label += "…»"
    elif label.count("»") > label.count("«"):
        label = "«…" + label
    return label


def extract_events(articles: list[Article]) -> list[TimelineEvent]:
    """Dated events of all articles, merged across articles, in chronological order."""
    found = parallel.map_shared(article_events, articles, [len(a.body) for a in articles])
    return merge_events(articles, found)


def merge_events(articles: list[Article], found: list[list[tuple[TimelineEvent, str]]]
                 ) -> list[TimelineEvent]:
    """The timeline: each article's events (`found`, article_events of each, in order), merged
    across articles and in chronological order."""
    order = {a.id: i for i, a in enumerate(articles)}
    events = [ev for evs in found for ev in evs]
    events.sort(key=lambda ec: (sort_key(ec[0].date), order[ec[0].article], ec[0].line))
    return _merge(events)


def article_events(article: Article) -> list[tuple[TimelineEvent, str]]:
    """One article's dated events, each with the concept of its act (for merging)."""
    found: list[tuple[TimelineEvent, str]] = []
    seen: set[tuple[str, str, str]] = set()
    # (most paragraphs hold no date: they are not split into sentences at all)
    for sentence in split_sentences(article.blocks, within=may_hold_date):
        for f in _dated_in(sentence, article.language):
            # The same act on the same date again (a law's title that names an Address dated
            # earlier): one event. Acts told apart by their numbers stay apart.
            key = (f.mention.iso, f.cue[2].concept, _act_number(sentence.text, f.mention))
            if key in seen:
                continue
            seen.add(key)
            line = sentence.line_at(f.mention.anchor)
            event = TimelineEvent(
                date=f.mention.iso, precision=f.mention.precision, article=article.id,
                line=line, sentence=sentence.text, event=_label(sentence.text, f.mention, f.cue),
                language=article.language, anchor=f"ev-{line}")
            found.append((event, f.cue[2].concept))
    return found


_ACT_NUMBER = re.compile(r"№\s*([\w–-]+)")


def _act_number(text: str, mention: DateMention) -> str:
    """The number of the act a date belongs to (`… от 23.11.2015 № 416-V`, `2022 жылғы
    5 қарашадағы №156-VII ҚРЗ`), or ''."""
    m = _ACT_NUMBER.search(text, mention.end, mention.end + 40)
    if m is None:
        m = next((x for x in _ACT_NUMBER.finditer(text, max(0, mention.start - 30),
                                                   mention.start)), None)
    return m.group(1) if m else ""


def _merge(found: list[tuple[TimelineEvent, str]]) -> list[TimelineEvent]:
    """Same date and same act in different articles: one event, the others listed in `also`.

    The events in `found` are never changed (a preview keeps them between builds): an event
    that gathers others is replaced by a copy with its own `also`."""
    first: dict[tuple[str, str], int] = {}  # (date, concept) -> index in events
    events: list[TimelineEvent] = []
    copied: set[int] = set()
    for event, concept in found:
        key = (event.date, concept)
        at = first.get(key)
        head = events[at] if at is not None else None
        if at is not None and head is not None and head.article != event.article and not any(
                a["article"] == event.article for a in head.also):
            if at not in copied:
                head = events[at] = dataclasses.replace(head, also=list(head.also))
                copied.add(at)
            head.also.append({"article": event.article, "line": event.line,
                              "anchor": event.anchor, "sentence": event.sentence})
            continue
        first.setdefault(key, len(events))
        events.append(event)
    return events
