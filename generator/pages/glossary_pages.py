"""The glossary as readers see it: its pages in the reader's language, and the links from
articles to its entries.

Which entries there are and which words of an article are a term's forms is the glossary
stage's business (enrich/glossary.py: `build_glossary`, `annotate_first_uses`); here they are
shown:
- `layout`: each direction's entries filed by letter, a letter split into parts by the size its
  entries take as shown (labels included); `glossary_locations` says on which page each entry
  landed, for the links into it;
- `render_glossary_pages`: each direction's index lists every term with its translation (the
  translation is what a reader comes for), the letter pages give each entry; all labels in the
  reader's language;
- `link_annotator`: how many of an article's terms become links. Linking every term's first use
  gave one link per ten words («~80 links in one article»); a reader sees a link where a term is
  worth a look: at most LINKS_PER_PARAGRAPH in a paragraph and one per WORDS_PER_LINK words of the
  article, the longer (more specific) and rarer terms first, a term not linked yet in a later
  paragraph, and never two links side by side (they would read as one).
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Optional
from collections.abc import Callable, Iterable, Mapping


from ..language.alphabet import sort_key
from ..model import Article, GlossaryEntry, Volume
from .env import environment
from .i18n import strings
from .paging import PAGE_BUDGET, fits_one_page, index_letter, letter_pages, macro, utf8_len

if TYPE_CHECKING:
    from ..enrich.glossary import TermMatcher

DIRECTIONS = ("kk-ru", "ru-kk")
LINKS_PER_PARAGRAPH = 2
WORDS_PER_LINK = 60
MIN_LINKS = 5  # even a short article may link this many terms
ARTICLES_SHOWN = 10  # an entry lists its most frequent articles; all of them are in volume.json


def page_labels(direction: str, lang: str) -> dict:
    """The labels of one direction's pages, in the reader's language."""
    t = strings(lang)
    src, tgt = direction.split("-")
    other = f"{tgt}-{src}"
    title = t.glossary_kk_ru if direction == "kk-ru" else t.glossary_ru_kk
    return {"source": src, "target": tgt, "other": other, "title": title,
            "other_label": t.glossary_kk_ru if other == "kk-ru" else t.glossary_ru_kk,
            "index_label": t.all_letters, "articles_label": t.glossary_articles,
            "variants_label": t.glossary_variants, "part_label": t.part,
            "english_label": t.glossary_english}


def _rows(direction: str, entries: Iterable[GlossaryEntry], titles: Mapping[str, str],
          lang: str) -> list[dict]:
    """The entries of one direction in alphabet order, as the letter pages show them."""
    src, tgt = direction.split("-")
    t = strings(lang)
    rows = []
    for e in sorted((e for e in entries if getattr(e, src)),
                    key=lambda e: sort_key(getattr(e, src))):
        order = {aid: i for i, aid in enumerate(e.articles)}
        top = sorted(e.articles, key=lambda aid: (-e.counts.get(aid, 0), order[aid]))
        more = max(len(top) - ARTICLES_SHOWN, 0)
        rows.append({
            "term": getattr(e, src),
            "translation": getattr(e, tgt),
            "en": e.en,
            "key": e.key,
            "letter": index_letter(getattr(e, src)),
            "variants": list(e.variants.get(src, [])),
            "articles": [{"url": f"../../articles/{aid}.html", "title": titles.get(aid) or aid,
                          "count": e.counts.get(aid, 0)}
                         for aid in top[:ARTICLES_SHOWN]],
            "more": more,
            "more_label": t.n("more_articles", more) if more else "",
        })
    return rows


def layout(direction: str, entries: Iterable[GlossaryEntry], titles: Mapping[str, str],
           lang: str) -> dict:
    """The layout of one direction ("kk-ru" or "ru-kk") in the reader's language `lang`:
    `letters` (paging.Letter, whose pages hold entry rows {term, translation, en, key, letter,
    variants, articles [{url, title, count}], more, more_label}), the labels (`page`) and the
    languages. A letter is split into parts by the size its entries take as shown. `titles`
    maps article id to the label its links show (the id where missing)."""
    if direction not in DIRECTIONS:
        raise ValueError(f"unknown glossary direction {direction!r}")
    page = page_labels(direction, lang)
    src, tgt = page["source"], page["target"]
    entry = macro(environment().get_template("glossary_entry.j2"), "entry")
    letters = letter_pages(
        _rows(direction, entries, titles, lang), key=lambda r: r["letter"],
        budget=PAGE_BUDGET - 2_000,  # room for the letter bar
        size=lambda r: utf8_len(str(entry(r, src, tgt, page))))
    return {"direction": direction, "source_lang": src, "target_lang": tgt, "page": page,
            "letters": letters}


def glossary_locations(entries: Iterable[GlossaryEntry], titles: Mapping[str, str],
                       lang: str) -> dict[str, dict[str, str]]:
    """direction -> entry key -> the page (path under docs) that holds the entry, as
    render_glossary_pages lays them out for the same entries, titles and language."""
    entries = list(entries)
    return {d: _locations(d, layout(d, entries, titles, lang)) for d in DIRECTIONS}


def _locations(direction: str, ctx: dict) -> dict[str, str]:
    return {row["key"]: f"glossary/{direction}/{lp.path}"
            for letter in ctx["letters"] for lp in letter.pages for row in lp.items}


def render_glossary_pages(entries: Iterable[GlossaryEntry], titles: Mapping[str, str],
                          lang: str) -> dict[str, str]:
    """Every glossary page of both directions, {path under docs: Markdown}."""
    return glossary_pages_and_locations(entries, titles, lang)[0]


def glossary_pages_and_locations(entries: Iterable[GlossaryEntry], titles: Mapping[str, str],
                                 lang: str) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """render_glossary_pages and glossary_locations from one layout (entries are measured
    as shown to lay them out: a quarter of a second at 2,000 articles)."""
    entries = list(entries)
    t = strings(lang)
    env = environment()
    pages: dict[str, str] = {}
    where: dict[str, dict[str, str]] = {}
    for d in DIRECTIONS:
        ctx = layout(d, entries, titles, lang)
        where[d] = _locations(d, ctx)
        index_tpl = env.get_template("glossary_index.md.j2")
        index = index_tpl.render(**ctx, full=True, t=t)
        if not fits_one_page(index):  # too many terms to name them all: letters only
            index = index_tpl.render(**ctx, full=False, t=t)
        pages[f"glossary/{d}.md"] = index
        tpl = env.get_template("glossary.md.j2")
        for letter in ctx["letters"]:
            for lp in letter.pages:
                pages[f"glossary/{d}/{lp.path}"] = tpl.render(**ctx, letter=letter, lp=lp, t=t)
    return pages, where


# ---- links from articles

_LINK = re.compile(r"\[(?:\\.|[^\]\\])*\]\((?:<[^>]*>|[^)\s]*)(?: \"[^\"]*\")?\)")


def link_annotator(volume: Volume, lang: str,
                   where: Optional[dict[str, dict[str, str]]] = None) -> LinkAnnotator:
    """Per article: a function linking glossary terms in an article's paragraphs to their entries
    (see the module's docstring for which), in the reader's language `lang`. `where`: the
    entries' glossary_locations, when known already."""
    return LinkAnnotator(volume, lang, where)


class LinkAnnotator:
    """`annotator(article)(text, lang)`: the paragraph's text with some terms linked.
    `context_key` says what the links depend on beyond the article (where each entry landed,
    the limits): a cached article page is rendered again when it changes."""

    def __init__(self, volume: Volume, lang: str,
                 where: Optional[dict[str, dict[str, str]]] = None):
        self.by_key = {g.key: g for g in volume.glossary}
        self.glossary = volume.glossary
        self.matchers: dict[str, TermMatcher] = {}  # by language, made when first needed
        # Where each entry landed: letters are split by size, so the pages decide, not the key.
        self.where = where if where is not None else glossary_locations(
            volume.glossary, titles_of(volume.articles, lang), lang)
        self.spread = {g.key: len(g.articles) for g in volume.glossary}
        self.context_key = repr((sorted((d, sorted(w.items())) for d, w in self.where.items()),
                                 LINKS_PER_PARAGRAPH, WORDS_PER_LINK, MIN_LINKS))

    def __call__(self, a: Article) -> Callable[[str, str], str]:
        from ..enrich.glossary import TermMatcher, annotate_first_uses

        used = [self.by_key[k] for k in a.terms if k in self.by_key]
        # Longer terms say more; a term few articles use says more than a common one.
        rank = {g.key: (-_words(g, a.language or ""), self.spread.get(g.key, 0), g.key)
                for g in used}
        budget = [max(MIN_LINKS, len(a.body.split()) // WORDS_PER_LINK)]
        seen: set[str] = set()
        where = self.where

        def annotate(text: str, lang_: str) -> str:
            todo = [g for g in used if g.key not in seen]
            if not todo or lang_ not in ("kk", "ru") or budget[0] <= 0:
                return text
            link = _entry_link(lang_, where)
            matcher = self.matchers.get(lang_)
            if matcher is None:
                matcher = self.matchers[lang_] = TermMatcher(self.glossary, lang_)
            out = annotate_first_uses(text, lang_, todo, link, matcher)
            if out == text:
                return text
            linked = [g for g in todo if f"#{g.key}" in out and f"#{g.key}" not in text]
            allowed = min(LINKS_PER_PARAGRAPH, budget[0])
            keep = sorted(linked, key=lambda g: rank[g.key])[:allowed]
            if len(keep) < len(linked):
                out = annotate_first_uses(text, lang_, keep, link, matcher) if keep else text
            out, keep = _apart(out, text, keep, lang_, link, matcher)
            seen.update(g.key for g in keep)
            budget[0] -= len(keep)
            return out
        return annotate


def _apart(out: str, text: str, keep: list[GlossaryEntry], lang: str,
           link: Callable, matcher: TermMatcher) -> tuple[str, list[GlossaryEntry]]:
    """Drop the later of two links that only a space separates (two links side by side read as
    one), until none is left."""
    from ..enrich.glossary import annotate_first_uses

    while len(keep) > 1:
        spans = [m.span() for m in _LINK.finditer(out) if "/glossary/" in m.group(0)]
        touching = next((b for a, b in zip(spans, spans[1:]) if out[a[1]:b[0]].strip() == ""),
                        None)
        if touching is None:
            break
        later = out[touching[0]:touching[1]]
        fewer = [g for g in keep if f"#{g.key})" not in later and f"#{g.key} " not in later]
        if len(fewer) == len(keep):
            break  # not one of ours
        keep = fewer
        out = annotate_first_uses(text, lang, keep, link, matcher) if keep else text
    return out, keep


def _words(entry: GlossaryEntry, lang: str) -> int:
    term = getattr(entry, lang, None) or entry.kk or entry.ru or ""
    return len(term.split())


def _entry_link(lang: str, where: dict[str, dict[str, str]]) -> Callable:
    """Link from an article page to an entry on its glossary letter page (`where`: from
    glossary_locations); an entry missing from the reader's direction falls back to the other."""
    first, second = ("kk-ru", "ru-kk") if lang == "kk" else ("ru-kk", "kk-ru")

    def link(entry) -> str:
        page = (where.get(first, {}).get(entry.key) or where.get(second, {}).get(entry.key)
                or f"glossary/{first}.md")
        return f"../{page}#{entry.key}"
    return link


def titles_of(articles: Iterable[Article], lang: Optional[str]) -> dict[str, str]:
    from .render import display_title

    return {a.id: display_title(a, lang) for a in articles}
