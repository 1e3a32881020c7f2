"""Article, index and region pages: the Volume -> Markdown pages (YAML front matter + body).

Rendering is a function of the model: `render_pages(volume)` returns {path: text} for the
articles, the home page, the per-language and per-keyword indexes and the regions (the glossary,
timeline and people pages come from glossary_pages.py, timeline_page.py and the people stage).
`jinaq build` writes the article pages to `content/articles/`; the MkDocs plugin serves the same
dict as generated files. Front matter goes through yaml.safe_dump only.
"""
from __future__ import annotations

import dataclasses
import hashlib
import html
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional
from collections.abc import Callable, Iterable, Mapping

import yaml

from ..util import parallel
from ..util.memo import view_key
from .mdtext import blocks_to_markdown
from ..fingerprint import Fingerprints
from ..model import Meta, Article, Block, GlossaryEntry, Volume
from .env import environment
from .memo import PageMemo, RenderMemo
from .i18n import strings, ui_language
from ..language.textutil import slug

PAGE_SIZE = 100  # articles per index page: keeps every page small for big volumes
HOME_LIMIT = 100  # the home page lists every article up to this many

FRONT_MATTER_FIELDS = ("id", "title", "title_display", "authors", "affiliation", "programme",
                       "supervisor", "language", "udc", "abstract", "abstracts", "keywords",
                       "keywords_by_language", "references", "pages", "source", "lines",
                       "complete")
_EXCERPT_WORDS = 6  # opening words that tell an untitled article apart


def display_title(a: Article, lang: Optional[str] = None) -> str:
    """What pages and lists show for an article: its title (sentence case where printed in
    capitals, see titlecase.py); an untitled article is labelled as such in the reader's
    language `lang`, with its authors, else its opening words, and its pages, never a file name."""
    shown = a.title_display or a.title
    if shown:
        return shown
    t = strings(ui_language(lang))
    label = t.untitled
    names = [x.name for x in a.authors if x.name]
    if names:
        label += " — " + ", ".join(names)
    else:
        opening = (next(iter(a.abstracts.values()), None) or a.abstract
                   or next((b.text for b in a.blocks if b.kind == "para"), "") or a.body)
        words = opening.split()
        if words:
            label += " («" + " ".join(words[:_EXCERPT_WORDS]) + ("…" if len(words) > _EXCERPT_WORDS
                                                                else "") + "»)"
    if a.pages and a.pages[0] is not None:
        first, last = a.pages[0], a.pages[-1]
        if last is not None and last != first:
            label += ", " + t.f("untitled_pages", pages=f"{first}–{last}")
        else:
            label += ", " + t.f("untitled_page", pages=first)
    return label


# PyYAML's safe dumper, in C where libyaml is there (same output, many times faster).
_SAFE_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def front_matter(a: Article, full: bool = True, lang: Optional[str] = None) -> str:
    """YAML front matter; `full` for content/articles/*.md, a minimal one for the site build
    (MkDocs parses every page's front matter again, so pages carry only what templates use)."""
    d = a.to_dict()
    meta = {k: d[k] for k in FRONT_MATTER_FIELDS} if full else {
        "id": a.id, "language": a.language,
        # Material prints page.meta.title as HTML (MkDocs' Jinja does not autoescape); an
        # untitled article gets its label, so that its <title> names it.
        "title": html.escape(display_title(a, lang))}
    meta["template"] = "article.html"
    dumped = yaml.dump(meta, Dumper=_SAFE_DUMPER, allow_unicode=True, sort_keys=False, width=100)
    return f"---\n{dumped}---\n"


def article_markdown(a: Article, volume: Volume, decorate: Optional[Callable] = None,
                     full_meta: bool = True, lang: Optional[str] = None,
                     neighbours: tuple = (None, None),
                     people: Optional[Mapping[str, str]] = None) -> str:
    """One article page: front matter, metadata header, abstracts, body, references, links to
    the previous and next article. `lang`: the reader's (site's) language; `people`: see
    render_pages."""
    lang = ui_language(lang or volume.meta.get("language"))
    body = blocks_to_markdown(a.blocks, decorate, lang=a.language) if a.blocks else a.body
    from ..publish.cite import article_pdf, citable, cite_text

    d = a.to_dict()
    exports = citable(d)  # an article with neither title nor author has no reference
    reference = cite_text(d, volume.meta or {}) if exports else None
    prev, nxt = neighbours
    text = environment().get_template("article.md.j2").render(
        a=a, t=strings(lang), ui=lang, title=display_title(a, lang),
        titled=bool(a.title or a.title_display),
        body=body, keyword_url=lambda k: f"../keywords/{keyword_slug(k)}.html",
        cite=reference, exports=exports, pdf=article_pdf(d, volume.meta or {}),
        abstracts=_abstracts(a),
        prev=prev and _neighbour(prev, lang), next=nxt and _neighbour(nxt, lang),
        person_href=person_hrefs(a, people).get,
    )
    return front_matter(a, full_meta, lang) + "\n" + text


def person_hrefs(a: Article, people: Optional[Mapping[str, str]]) -> dict[str, str]:
    """Person id -> the link from the article's page to that person's section, for the
    article's authors and supervisor (those `people` places)."""
    ids = [x.person for x in a.authors] + [a.supervisor_person]
    # raw HTML (Markdown leaves it alone), so the .html address, as the page's other links
    return {pid: f"../{people[pid].removesuffix('.md')}.html#{pid}"
            for pid in ids if pid and people and pid in people}


def _neighbour(a: Article, lang: str) -> dict:
    titled = bool(a.title or a.title_display)
    return {"id": a.id, "title": display_title(a, lang), "lang": a.language if titled else None}


def _abstracts(a: Article) -> list[tuple[str, str]]:
    """(language, text) of the abstracts, the article's own language first."""
    items = sorted(a.abstracts.items(), key=lambda kv: (kv[0] != a.language, ))
    return [(k, v) for k, v in items if v]


def keyword_slug(k: str) -> str:
    return slug(k, max_length=50) or "k"


def make_decorator(a: Article, anchors: dict[int, list[tuple[str, str]]],
                   annotate: Optional[Callable[[str, str], str]]) -> Callable[[Block, str], str]:
    """Sentence marks (timeline targets), citation links and glossary links for a block's
    escaped text (see decorate.py)."""
    from .decorate import decorator

    return decorator(a.blocks, anchors, a.references, a.language or "", annotate)


def render_pages(volume: Volume, annotate: Optional[Callable[[Article], Callable]] = None,
                 memo: Optional[PageMemo] = None, lang: Optional[str] = None,
                 people: Optional[Mapping[str, str]] = None,
                 fingerprint: Optional[Callable[[Article], str]] = None) -> dict[str, str]:
    """Every generated page of the site: {path relative to docs_dir: Markdown}, its labels in
    the reader's language `lang` (the site's; default the volume's language, else Kazakh).
    `people` (person id -> their letter page, people_pages.person_places) links the authors;
    without it, author names are not linked.

    With `memo` (kept between builds) only the pages whose view changed are rendered again: an
    article page by a hash of everything it shows (its text by its `fingerprint`, by default
    fingerprint.Fingerprints), the index pages by a hash of what they list.
    """
    lang = ui_language(lang or volume.meta.get("language"))
    pages: dict[str, str] = {}
    anchors = volume.sentence_anchors()
    glossary = {g.key: g for g in volume.glossary}
    todo: list[tuple[Article, Optional[str]]] = []
    arts = volume.articles
    neighbours = {a.id: (arts[i - 1] if i else None, arts[i + 1] if i + 1 < len(arts) else None)
                  for i, a in enumerate(arts)}
    # What every page shares (where glossary entries live, the volume's fields, the reader's
    # language): hashed once, not repeated in each article's key.
    shared = hashlib.sha256(repr((getattr(annotate, "context_key", bool(annotate)), lang,
                                  sorted(volume.meta.items(), key=str))).encode()).hexdigest()
    entries = _EntryViews(glossary)
    fingerprint = fingerprint or Fingerprints()
    keys: dict[str, str] = {}
    for a in arts:
        key = None
        if memo is not None:
            key = _article_page_key(a, fingerprint(a), anchors.get(a.id, {}), entries,
                                    neighbours[a.id], lang, shared, person_hrefs(a, people))
            keys[a.id] = key
            known = memo.articles.get(key)
            if known is not None:
                pages[f"articles/{a.id}.md"] = known
                continue
        todo.append((a, key))

    def one(a: Article) -> str:
        dec = make_decorator(a, anchors.get(a.id, {}), annotate(a) if annotate else None)
        return article_markdown(a, volume, dec, full_meta=False, lang=lang,
                                neighbours=neighbours[a.id], people=people)

    texts = parallel.map_shared(one, [a for a, _ in todo], [len(a.body) for a, _ in todo])
    for (a, key), text in zip(todo, texts):
        pages[f"articles/{a.id}.md"] = text
        if memo is not None and key is not None:
            memo.articles.keep(key, text)
    pages = {f"articles/{a.id}.md": pages[f"articles/{a.id}.md"] for a in arts}
    if memo is not None:
        memo.articles.done()
        # (only now: a build that failed above leaves those of the pages the cache holds)
        memo.article_keys = keys
    # Home, language and keyword lists: made from their view only, so rendered again exactly
    # when what they show changed.
    view = IndexView.of(volume, lang)
    key = view_key(view)
    if memo is None or memo.index is None or memo.index[0] != key:
        index = _index_pages(view, memo.lists if memo is not None else RenderMemo())
        if memo is not None:
            memo.index = (key, index)
    else:
        index = memo.index[1]
    pages.update(index)
    pages.update(region_pages(volume, lang))
    return pages


class _EntryViews(dict[str, Optional[str]]):
    """Glossary key -> a digest of what an article page shows of that entry: every field but
    the lists of articles. Made once per build for each entry used, not once per article using it.

    How many articles use an entry only orders an article's terms (rarer terms are linked
    first, glossary_pages.LinkAnnotator), so a page's key holds that order (`ranked`), not the
    counts: a title edit that moves a common term's count by one renders no other page again."""

    def __init__(self, glossary: dict[str, GlossaryEntry]):
        super().__init__()
        self.glossary = glossary
        self._rank: Optional[dict[str, int]] = None

    def __missing__(self, key: str) -> Optional[str]:
        g = self.glossary.get(key)
        # (a digest: each article page's key holds those of its entries, thousands a build)
        view = None if g is None else view_key(dataclasses.replace(g, articles=[], counts={}))
        self[key] = view
        return view

    def ranked(self, keys: Iterable[str]) -> list[str]:
        """`keys` in glossary, fewest articles first (then by key)."""
        if self._rank is None:  # (the glossary ranked once, not each article's entries)
            order = sorted(self.glossary.values(), key=lambda g: (len(g.articles), g.key))
            self._rank = {g.key: n for n, g in enumerate(order)}
        rank = self._rank
        return sorted((k for k in keys if k in rank), key=rank.__getitem__)


def _article_page_key(a: Article, fingerprint: str, anchors: dict[int, list[tuple[str, str]]],
                      entries: _EntryViews, neighbours: tuple, lang: str, shared: str,
                      people: dict[str, str]) -> str:
    """A hash of everything an article page is rendered from: the article's whole model (its
    body blocks by its `fingerprint`), its sentence anchors, the glossary entries it uses (its
    links match their spellings and show their translations), its neighbours as the page names
    them, where its people's sections are (`people`), and what every page shares (`shared`)."""
    used = [v for v in (entries[k] for k in sorted(a.terms)) if v is not None]
    ranked = entries.ranked(a.terms)
    near = [(n.id, display_title(n, lang), n.language, bool(n.title or n.title_display))
            if n else None for n in neighbours]
    model = a.to_dict()
    del model["body"]  # (in the fingerprint already: the largest field, not hashed twice)
    view = (fingerprint, model, sorted(a.terms), sorted(anchors.items()), used, ranked, near,
            shared, sorted(people.items()))
    return view_key(view)


def region_pages(volume: Volume, lang: Optional[str] = None) -> dict[str, str]:
    """One page per region that is no article (front matter, sections, back matter): their text
    is part of the volume and is read and searched like the articles'."""
    e = environment()
    lang = ui_language(lang or volume.meta.get("language"))
    return {f"regions/{r.id}.md": e.get_template("region.md.j2").render(
        r=r, title=region_title(r, lang)) for r in volume.regions}


def region_title(r, lang: str = "kk") -> str:
    """A region's printed heading (a section's), else its name in the reader's language."""
    from .i18n import strings

    return r.title or getattr(strings(lang), f"region_{r.kind}")


@dataclass(frozen=True)
class Listed:
    """An article as the index pages list it: all they show of it."""

    id: str
    title: str  # as shown (display_title, in the reader's language)
    titled: bool  # a title of its own (else `title` is a label made for it)
    language: Optional[str]
    authors: tuple[str, ...]
    pages: Optional[tuple[Optional[int], ...]]
    keywords: tuple[str, ...]

    @classmethod
    def of(cls, a: Article, lang: str) -> Listed:
        return cls(a.id, display_title(a, lang), bool(a.title or a.title_display), a.language,
                   tuple(x.name for x in a.authors), tuple(a.pages) if a.pages else None,
                   tuple(a.keywords))


@dataclass(frozen=True)
class IndexView:
    """What the home, language and keyword pages show, and nothing else."""

    articles: tuple[Listed, ...]
    meta: tuple[tuple[str, Any], ...]  # the volume's fields the home page shows
    has_glossary: bool
    has_timeline: bool
    has_people: bool
    lang: str  # the reader's

    @classmethod
    def of(cls, volume: Volume, lang: Optional[str] = None) -> IndexView:
        lang = ui_language(lang or volume.meta.get("language"))
        meta = tuple((k, volume.meta.get(k)) for k in _HOME_FIELDS)
        return cls(tuple(Listed.of(a, lang) for a in volume.articles), meta,
                   bool(volume.glossary), bool(volume.timeline), bool(volume.people), lang)


_HOME_FIELDS = ("title", "place", "date", "publisher", "isbn", "pdf_url", "language")


def index_pages(volume: Volume, lang: Optional[str] = None) -> dict[str, str]:
    """Home, per-language (paginated) and per-keyword index pages, in the reader's `lang`."""
    return _index_pages(IndexView.of(volume, lang), RenderMemo())


def _index_pages(view: IndexView, lists: RenderMemo) -> dict[str, str]:
    """The index pages of `view`; the lists among them rendered again only when what they show
    changed (`lists`, the last build's)."""
    lang = view.lang
    t = strings(lang)
    e = environment()
    pages: dict[str, str] = {}
    by_lang: dict[str, list[Listed]] = defaultdict(list)
    for a in view.articles:
        by_lang[a.language or "und"].append(a)
    lang_pages = {}
    for code, arts in sorted(by_lang.items()):
        chunks = [arts[i:i + PAGE_SIZE] for i in range(0, len(arts), PAGE_SIZE)]
        for n, chunk in enumerate(chunks, 1):
            name = f"languages/{code}.md" if n == 1 else f"languages/{code}-{n}.md"
            pages[name] = _list_page(
                lists, heading=t.lang_name(code), articles=chunk, page=n, pages=len(chunks), ui=lang,
                nav=[(k, f"{code}.md" if k == 1 else f"{code}-{k}.md")
                     for k in range(1, len(chunks) + 1)])
        lang_pages[code] = (len(arts), f"languages/{code}.md")
    pages.update(_keyword_pages(view, lists))
    meta = dict(view.meta)
    from ..publish.cite import localized

    pages["index.md"] = e.get_template("home.md.j2").render(
        t=t, ui=lang, volume_title=volume_title(meta, lang),
        place=localized(meta.get("place"), lang), date=t.date(meta.get("date")),
        publisher=localized(meta.get("publisher"), lang), isbn=meta.get("isbn"),
        pdf_url=meta.get("pdf_url"), by_lang=sorted(by_lang.items()), lang_pages=lang_pages,
        list_all=len(view.articles) <= HOME_LIMIT, total=len(view.articles),
        has_glossary=view.has_glossary, has_timeline=view.has_timeline,
        has_people=view.has_people)
    lists.done()
    return pages


def _list_page(lists: RenderMemo, heading: str, articles: list[Listed], ui: str,
               **context: Any) -> str:
    """A list of articles (index_list.md.j2), rendered again only when what it shows changed."""
    key = view_key((heading, articles, ui, sorted(context.items())))
    return lists.render(environment().get_template("index_list.md.j2"), key=key, heading=heading,
                         articles=articles, prefix="../articles/", ui=ui, t=strings(ui),
                         **context)


def keyword_page_path(ks: str, n: int) -> str:
    """Page n (1-based) of a keyword's article list, relative to keywords/; a slug never holds
    "--" (slugify collapses dashes), so later pages cannot meet another keyword's page."""
    return f"{ks}.md" if n == 1 else f"{ks}--{n}.md"


def keyword_pages(volume: Volume, lang: Optional[str] = None) -> dict[str, str]:
    """keywords/index.md (letters, and every keyword while that fits one small page),
    keywords/letters/<letter>.md (a letter's keywords) and keywords/<slug>.md (a keyword's
    articles, PAGE_SIZE at most a page, as keyword_page_path numbers them)."""
    return _keyword_pages(IndexView.of(volume, lang), RenderMemo())


def _keyword_pages(view: IndexView, lists: RenderMemo) -> dict[str, str]:
    from ..language.alphabet import sort_key
    from .paging import (LIST_ITEM_HTML_BYTES, PAGE_BUDGET, chunk_by_size, fits_one_page,
                         index_letter, letter_pages, macro, utf8_len)

    t = strings(view.lang)
    e = environment()
    pages: dict[str, str] = {}
    keywords: dict[str, tuple[str, list[Listed]]] = {}
    for a in view.articles:
        for k in a.keywords:
            ks = keyword_slug(k)
            keywords.setdefault(ks, (k, []))[1].append(a)

    def line_size(a: Listed) -> int:  # the Markdown line index_list.md.j2 writes for `a`
        return utf8_len(a.title + a.id + "".join(a.authors)) + 80

    for ks, (k, arts) in sorted(keywords.items()):
        chunks = chunk_by_size(arts, line_size, PAGE_BUDGET, max_items=PAGE_SIZE)
        nav = [(n, keyword_page_path(ks, n)) for n in range(1, len(chunks) + 1)]
        for n, chunk in enumerate(chunks, 1):
            pages[f"keywords/{keyword_page_path(ks, n)}"] = _list_page(
                lists, heading=k, articles=chunk, page=n, pages=len(chunks), ui=view.lang, nav=nav)
    items = sorted(((k, ks, len(arts)) for ks, (k, arts) in keywords.items()),
                   key=lambda x: sort_key(x[0]))
    item = macro(e.get_template("keyword_item.j2"), "keyword")
    letters = letter_pages(items, key=lambda x: index_letter(x[0]),
                           size=lambda x: utf8_len(str(item(x, "../"))) + LIST_ITEM_HTML_BYTES,
                           budget=PAGE_BUDGET - 2_000)  # room for the letter bar
    index_tpl = e.get_template("keywords_index.md.j2")
    index = index_tpl.render(letters=letters, full=True, t=t)
    if not fits_one_page(index):  # too many keywords to name them all: letters only
        index = index_tpl.render(letters=letters, full=False, t=t)
    pages["keywords/index.md"] = index
    for letter in letters:
        for lp in letter.pages:
            pages[f"keywords/letters/{lp.path}"] = e.get_template("keywords.md.j2").render(
                letters=letters, letter=letter, lp=lp, t=t)
    return pages


def volume_title(meta: Meta, lang: Optional[str] = None) -> Optional[str]:
    """The volume's title in the reader's language (else any language it is given in)."""
    from ..publish.cite import localized

    return localized(meta.get("title"), ui_language(lang or meta.get("language")))


def write_articles(volume: Volume, pages: dict[str, str], content_dir: Path) -> None:
    """Write the article pages, with their full front matter, to content/articles atomically
    (a failed write leaves the old folder as it was)."""
    import shutil

    from ..util.fsutil import staging_dir, swap_in

    final = content_dir / "articles"
    tmp = staging_dir(final)
    try:
        for a in volume.articles:
            page = pages[f"articles/{a.id}.md"]
            body = page.split("---\n", 2)[2]  # the page without its minimal front matter
            (tmp / f"{a.id}.md").write_text(front_matter(a, full=True) + body, encoding="utf-8")
        swap_in(tmp, final)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
