"""The reform timeline: dated events read from article sentences, and its page and exports.

A sentence becomes an event only when it holds a date (`generator.dates`) and says what happened
(an act or event word near that date: law, decree, address, referendum, election, adopted, ...).
The same act on the same date in two articles is one event listing both sources.
"""
from __future__ import annotations

import dataclasses
import functools
import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

from . import parallel
from .dates import DateMention, find_dates, sort_key
from .model import Article, Block, TimelineEvent
from .paging import RenderMemo, chunk_by_size

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


def split_sentences(blocks: Iterable[Block]) -> list[Sentence]:
    """Sentences of the body blocks (headings skipped).

    A paragraph that stops mid-sentence (a page break the cleaner left) runs on into the next
    paragraph when that one starts in lower case.
    """
    sentences: list[Sentence] = []
    chunk_text, parts = "", []
    for block in blocks:
        if block.kind == "heading" or not block.text.strip():
            continue
        if chunk_text and _continues(chunk_text, parts[-1][1], block):
            parts.append((len(chunk_text) + 1, block, 0))
            chunk_text += " " + block.text
            continue
        if chunk_text:
            sentences.extend(_split_chunk(chunk_text, parts))
        chunk_text, parts = block.text, [(0, block, 0)]
    if chunk_text:
        sentences.extend(_split_chunk(chunk_text, parts))
    return sentences


def _continues(text: str, previous: Block, block: Block) -> bool:
    stripped = text.rstrip()
    return (previous.kind == "para" and block.kind == "para" and bool(stripped)
            and stripped[-1] not in ".!?…:;»\"”)]" and block.text.lstrip()[:1].islower())


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


def _word_gap(text: str, a: tuple[int, int], b: tuple[int, int]) -> int:
    lo, hi = (a[1], b[0]) if a[1] <= b[0] else (b[1], a[0])
    return len(_TOKEN.findall(text[lo:hi])) if hi > lo else 0


@dataclass
class _Found:
    mention: DateMention
    cue: tuple[int, int, Cue]
    sentence: Sentence


def _dated_in(sentence: Sentence) -> list[_Found]:
    """The dates of one sentence that have a cue of their own, each with its main cue."""
    text = sentence.text
    mentions = find_dates(text)
    if not mentions:
        return []
    # A year-only repeat of a year the sentence also dates more precisely adds nothing.
    precise_years = {m.iso[:4] for m in mentions if m.precision in ("day", "month")}
    mentions = [m for m in mentions if not (m.precision == "year" and m.iso in precise_years)]
    cues = [c for c in _cues_in(text)
            if not any(c[0] < m.end and m.start < c[1] for m in mentions)]
    own: dict[int, list[tuple[int, tuple[int, int, Cue]]]] = {}
    for c in cues:
        gaps = [_word_gap(text, (m.start, m.end), (c[0], c[1])) for m in mentions]
        nearest = min(gaps)
        if len(mentions) > 1 and nearest > NEAR_WORDS:
            continue
        # A cue halfway between two dates (`подписан 16 мая 2007 г. и вступил в силу в январе
        # 2008 года`) speaks for both.
        for i, gap in enumerate(gaps):
            if gap == nearest:
                own.setdefault(i, []).append((gap, c))
    found = []
    for i, m in enumerate(mentions):
        if i not in own:
            continue
        # The main cue: an act word before a verb, then the nearest.
        # Kazakh and Russian name the act right after its date (`2022 жылғы 5 маусымда
        # референдумда`), so a cue after the date counts as two words nearer.
        _, cue = min(own[i], key=lambda gc: (-gc[1][2].weight,
                                             gc[0] - (2 if gc[1][0] >= m.end else 0),
                                             gc[1][0] < m.start, gc[1][0]))
        found.append(_Found(m, cue, sentence))
    return found


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


def extract_events(articles: list[Article], cache: Optional[dict] = None) -> list[TimelineEvent]:
    """Dated events of all articles, merged across articles, in chronological order.

    `cache` (kept by the caller between builds) maps an article's fingerprint to its events, so a
    preview rebuild only reads the articles that changed.
    """
    order = {a.id: i for i, a in enumerate(articles)}
    found = [ev for events in parallel.map_articles(_article_events, articles, cache)
             for ev in events]
    found.sort(key=lambda ec: (sort_key(ec[0].date), order[ec[0].article], ec[0].line))
    return _merge(found)


def _article_events(article: Article) -> list[tuple[TimelineEvent, str]]:
    """One article's dated events, each with the concept of its act (for merging)."""
    found: list[tuple[TimelineEvent, str]] = []
    for sentence in split_sentences(article.blocks):
        for f in _dated_in(sentence):
            line = sentence.line_at(f.mention.anchor)
            event = TimelineEvent(
                date=f.mention.iso, precision=f.mention.precision, article=article.id,
                line=line, sentence=sentence.text, event=_label(sentence.text, f.mention, f.cue),
                language=article.language, anchor=f"ev-{line}")
            found.append((event, f.cue[2].concept))
    return found


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
        if head is not None and head.article != event.article and not any(
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


def display_date(event: TimelineEvent) -> str:
    """The date as shown on the page: ISO, which reads the same in kk, ru and en."""
    return event.date


def _group_label(iso: str) -> str:
    return iso if iso.endswith("s") else iso[:4]


def timeline_groups(events: list[TimelineEvent], titles: dict[str, str],
                    base: str = "articles/") -> list[dict]:
    """The template context `groups`: events by decade or year, each linking to its sentence."""
    groups: list[dict] = []
    for e in events:
        label = _group_label(e.date)
        if not groups or groups[-1]["label"] != label:
            groups.append({"label": label, "events": []})
        sources = [{"article": e.article, "line": e.line, "anchor": e.anchor}] + list(e.also)
        links = [{"url": f"{base}{s['article']}.html#{s['anchor']}",
                  "title": titles.get(s["article"]) or s["article"], "line": s["line"]}
                 for s in sources]
        groups[-1]["events"].append({
            "date": display_date(e), "iso": e.date, "precision": e.precision, "event": e.event,
            "sentence": e.sentence, "language": e.language or "und", "links": links})
    return groups


def render_timeline(events: list[TimelineEvent], titles: dict[str, str],
                    title: str = "Timeline", env=None, labels: Optional[dict] = None) -> str:
    """The Markdown of the timeline page (volume text HTML-escaped by the template)."""
    if env is None:
        env = _env()
    languages = sorted({e.language or "und" for e in events})
    return env.get_template("timeline.md.j2").render(
        title=title, groups=timeline_groups(events, titles), languages=languages,
        labels=labels or {})


@functools.lru_cache(maxsize=1)  # compiled templates are kept between preview builds
def _env():
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(Path(__file__).parent / "templates")),
        autoescape=True, keep_trailing_newline=True)


PAGE_EVENTS = 60  # events per timeline page: keeps pages small for big volumes


def render_timeline_pages(events: list[TimelineEvent], titles: dict[str, str],
                          title: str = "Timeline", labels: Optional[dict] = None) -> dict[str, str]:
    """The timeline as site pages: one page while it is short; else an overview of the years
    and decades with one page per year (split into parts of PAGE_EVENTS events)."""
    if len(events) <= PAGE_EVENTS:
        return {"timeline.md": render_timeline(events, titles, title=title, labels=labels)}
    template = _env().get_template("timeline.md.j2")
    languages = sorted({e.language or "und" for e in events})
    pages: dict[str, str] = {}
    overview = [f"# {html.escape(title)}", ""]
    for group in timeline_groups(events, titles, base="../articles/"):
        label = group["label"]
        chunks = chunk_by_size(group["events"], _event_size, max_items=PAGE_EVENTS)
        names = [f"{label}.md" if k == 0 else f"{label}-{k + 1}.md" for k in range(len(chunks))]
        for k, chunk in enumerate(chunks):
            part = f" ({k + 1}/{len(chunks)})" if len(chunks) > 1 else ""
            text = _PAGES.render(template, title=f"{title}: {label}{part}",
                                 languages=languages, groups=[{"label": label, "events": chunk}],
                                 labels=labels or {})
            if len(chunks) > 1:
                text += "\n" + " · ".join(f"[{n + 1}]({names[n]})" if n != k else f"**{n + 1}**"
                                          for n in range(len(chunks))) + "\n"
            pages[f"timeline/{names[k]}"] = text
        overview.append(f"- [{label}](timeline/{names[0]}) ({len(group['events'])})")
    pages["timeline.md"] = "\n".join(overview) + "\n"
    _PAGES.done()
    return pages


_PAGES = RenderMemo()  # year pages: a preview rebuild renders only the years that changed


def _event_size(e: dict) -> int:
    """Roughly the bytes an event takes on the page (HTML escaping and markup included)."""
    text = e["event"] + e["sentence"] + "".join(x["title"] + x["url"] for x in e["links"])
    return 2 * len(text.encode("utf-8")) + 300


def _js_date(iso: str) -> dict:
    if iso.endswith("s"):
        return {"year": int(iso[:-1])}
    parts = [int(p) for p in iso.split("-")]
    return dict(zip(("year", "month", "day"), parts))


def to_timelinejs(events: list[TimelineEvent], titles: dict[str, str],
                  urls: dict[str, str]) -> dict:
    """TimelineJS3 JSON: one slide per event, the sentence and links as (escaped) HTML."""
    slides = []
    for e in events:
        sources = [{"article": e.article, "anchor": e.anchor}] + list(e.also)
        links = " ".join(
            f'<a href="{html.escape(urls.get(s["article"], s["article"]) + "#" + s["anchor"])}">'
            f'{html.escape(titles.get(s["article"]) or s["article"])}</a>' for s in sources)
        slide = {
            "start_date": _js_date(e.date),
            "text": {"headline": html.escape(e.event),
                     "text": f"<p>{html.escape(e.sentence)}</p><p>{links}</p>"},
            "group": titles.get(e.article) or e.article,
            "unique_id": f"{e.article}-{e.anchor}",
        }
        if e.precision == "decade":
            slide["end_date"] = {"year": int(e.date[:-1]) + 9}
            slide["display_date"] = e.date
        slides.append(slide)
    return {"events": slides}


def precision_report(events: list[TimelineEvent],
                     gold: Optional[list[tuple[str, int]]] = None) -> dict:
    """Counts by precision and language; with `gold` (date, line) pairs, how many are found."""
    report: dict = {"events": len(events), "merged": sum(len(e.also) for e in events),
                    "by_precision": {}, "by_language": {}}
    for e in events:
        report["by_precision"][e.precision] = report["by_precision"].get(e.precision, 0) + 1
        lang = e.language or "und"
        report["by_language"][lang] = report["by_language"].get(lang, 0) + 1
    if gold is not None:
        have = {(e.date, e.line) for e in events}
        have |= {(e.date, a["line"]) for e in events for a in e.also}
        missing = [g for g in gold if (str(g[0]), g[1]) not in have]
        report["gold"] = len(gold)
        report["gold_found"] = len(gold) - len(missing)
        report["gold_missing"] = missing
    return report
