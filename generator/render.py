"""Stage 6, render: the Volume -> Markdown pages (YAML front matter + body), as a dict of files.

Rendering is a pure function of the model: `render_pages(volume)` returns {path: text} for every
page of the site (articles, home, per-language and per-keyword indexes, glossary, timeline,
people). `jinaq build` writes the article pages to `content/articles/`; the MkDocs plugin serves
the same dict as generated files. Front matter goes through yaml.safe_dump only.
"""
from __future__ import annotations

import functools
import html
import hashlib
import re
from collections import defaultdict
from pathlib import Path
from typing import Callable, Optional

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from . import parallel
from .mdtext import blocks_to_markdown, escape
from .model import Article, Block, Volume
from .paging import RenderMemo
from .textutil import slug

TEMPLATES = Path(__file__).parent / "templates"
PAGE_SIZE = 100  # articles per index page: keeps every page small for big volumes
HOME_LIMIT = 100  # the home page lists every article up to this many

LABELS = {
    "kk": {"authors": "Авторлар", "supervisor": "Ғылыми жетекші", "udc": "ӘОЖ", "language": "Тілі",
           "pages": "Беттер", "keywords": "Кілт сөздер", "abstract": "Аңдатпа",
           "references": "Әдебиеттер", "programme": "Бағдарлама", "affiliation": "Ұйым",
           "untitled": "Тақырыбы көрсетілмеген мақала", "lines": "жолдар", "articles": "Мақалалар",
           "incomplete": "Мақала үзінді ретінде берілген: басы не соңы кірісте жоқ.",
           "cite": "Дәйексөз", "source": "Дереккөз"},
    "ru": {"authors": "Авторы", "supervisor": "Научный руководитель", "udc": "УДК",
           "language": "Язык", "pages": "Страницы", "keywords": "Ключевые слова",
           "abstract": "Аннотация", "references": "Список литературы", "programme": "Программа",
           "affiliation": "Организация", "untitled": "Статья без указанного заглавия",
           "lines": "строки", "articles": "Статьи",
           "incomplete": "Статья дана фрагментом: её начало или конец не вошли во входной текст.",
           "cite": "Цитирование", "source": "Источник"},
    "en": {"authors": "Authors", "supervisor": "Supervisor", "udc": "UDC", "language": "Language",
           "pages": "Pages", "keywords": "Keywords", "abstract": "Abstract",
           "references": "References", "programme": "Programme", "affiliation": "Affiliation",
           "untitled": "Article without a printed title", "lines": "lines", "articles": "Articles",
           "incomplete": "This article is a fragment: its start or end is not in the input.",
           "cite": "Cite", "source": "Source"},
}
LANGUAGE_NAMES = {"kk": "Қазақша", "ru": "Русский", "en": "English", None: "—"}
FRONT_MATTER_FIELDS = ("id", "title", "authors", "affiliation", "programme", "supervisor",
                       "language", "udc", "abstract", "abstracts", "keywords",
                       "keywords_by_language", "references", "pages", "source", "lines",
                       "complete")


def labels(lang: Optional[str]) -> dict:
    return LABELS.get(lang or "", LABELS["kk"])


def display_title(a: Article) -> str:
    """What a page shows as its heading; an untitled article is labelled as such, not named."""
    if a.title:
        return a.title
    return f"{labels(a.language)['untitled']} ({a.source}, {labels(a.language)['lines']} " \
           f"{a.lines[0]}–{a.lines[1]})"


# PyYAML's safe dumper, in C where libyaml is there (same output, many times faster).
_SAFE_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def front_matter(a: Article, full: bool = True) -> str:
    """YAML front matter; `full` for content/articles/*.md, a minimal one for the site build
    (MkDocs parses every page's front matter again, so pages carry only what templates use)."""
    d = a.to_dict()
    meta = {k: d[k] for k in FRONT_MATTER_FIELDS} if full else {
        "id": a.id, "language": a.language,
        # Material prints page.meta.title as HTML (MkDocs' Jinja does not autoescape).
        "title": html.escape(a.title) if a.title else a.title}
    meta["template"] = "article.html"
    dumped = yaml.dump(meta, Dumper=_SAFE_DUMPER, allow_unicode=True, sort_keys=False, width=100)
    return f"---\n{dumped}---\n"


@functools.lru_cache(maxsize=1)
def env() -> Environment:
    e = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=False,
                    undefined=StrictUndefined, keep_trailing_newline=True,
                    trim_blocks=True, lstrip_blocks=True)
    e.filters["md"] = escape
    e.filters["slug"] = slug
    return e


def article_markdown(a: Article, volume: Volume, decorate: Optional[Callable] = None,
                     full_meta: bool = True) -> str:
    """One article page: front matter, metadata header, abstracts, body, references."""
    body = blocks_to_markdown(a.blocks, decorate) if a.blocks else a.body
    from .cite import cite_text

    reference = cite_text(a.to_dict(), volume.meta or {})
    text = env().get_template("article.md.j2").render(
        a=a, L=labels(a.language), title=display_title(a), body=body,
        language_name=LANGUAGE_NAMES.get(a.language, a.language),
        label_in=lambda lang, key: labels(lang)[key],
        keyword_url=lambda k: f"../keywords/{keyword_slug(k)}.html",
        cite=reference,
    )
    return front_matter(a, full_meta) + "\n" + text


def keyword_slug(k: str) -> str:
    return slug(k, max_length=50) or "k"


def make_decorator(a: Article, anchors: dict[int, list[tuple[str, str]]],
                   annotate: Optional[Callable[[str, str], str]]) -> Callable[[Block, str], str]:
    """Add sentence anchors (timeline targets) and glossary links to a block's escaped text."""
    def decorate(b: Block, text: str) -> str:
        for line in range(b.line_start, b.line_end + 1):
            for anchor, sentence in anchors.get(line, []):
                if f'id="{anchor}"' in text:
                    continue
                start = _find_sentence(text, sentence)
                tag = f'<span class="jinaq-anchor" id="{anchor}"></span>'
                text = text[:start] + tag + text[start:]
        if annotate:
            text = annotate(text, a.language or "")
        return text
    return decorate


def _find_sentence(escaped_text: str, sentence: str) -> int:
    if not sentence:
        return 0
    probe = escape(sentence)[:40]
    i = escaped_text.find(probe)
    return max(i, 0)


def render_pages(volume: Volume, annotate: Optional[Callable[[Article], Callable]] = None,
                 cache: Optional[dict] = None) -> dict[str, str]:
    """Every generated page of the site: {path relative to docs_dir: Markdown}.

    `cache` (kept by the preview server between builds) maps a hash of everything an article page
    shows to its Markdown ("articles"), and keeps the index pages with a hash of what they list
    ("index"), so only what changed is rendered again.
    """
    pages: dict[str, str] = {}
    anchors = volume.sentence_anchors()
    glossary = {g.key: g for g in volume.glossary}
    known: dict[str, str] = cache.setdefault("articles", {}) if cache is not None else {}
    fresh: dict[str, str] = {}
    todo: list[tuple[Article, Optional[str]]] = []
    # What every page shares (where glossary entries live, the volume's fields): hashed once,
    # not repeated in each article's key.
    shared = hashlib.sha256(repr((getattr(annotate, "context_key", bool(annotate)),
                                  sorted(volume.meta.items(), key=str))).encode()).hexdigest()
    for a in volume.articles:
        mine = anchors.get(a.id, {})
        key = None
        if cache is not None:
            used = [(k, glossary[k].kk, glossary[k].ru) for k in sorted(a.terms) if k in glossary]
            # Keyed by everything the page is rendered from (the whole model of the article,
            # its body blocks by their fingerprint), not a hand-picked list of fields.
            key = hashlib.sha256(repr((a.fingerprint(), a.to_dict(), sorted(mine.items()), used,
                                       shared)).encode("utf-8", "surrogatepass")).hexdigest()
            if key in known:
                pages[f"articles/{a.id}.md"] = fresh[key] = known[key]
                continue
        todo.append((a, key))

    def one(a: Article) -> str:
        dec = make_decorator(a, anchors.get(a.id, {}), annotate(a) if annotate else None)
        return article_markdown(a, volume, dec, full_meta=False)

    texts = parallel.map_shared(one, [a for a, _ in todo], [len(a.body) for a, _ in todo])
    for (a, key), text in zip(todo, texts):
        pages[f"articles/{a.id}.md"] = text
        if key is not None:
            fresh[key] = text
    pages = {f"articles/{a.id}.md": pages[f"articles/{a.id}.md"] for a in volume.articles}
    if cache is not None:
        cache["articles"] = fresh  # only this build's pages: edits do not pile up
    # Home, language and keyword lists: rendered again only when what they list changed.
    shown = repr(([(a.id, display_title(a), a.language, a.keywords, a.pages,
                    [(x.name, x.person) for x in a.authors]) for a in volume.articles],
                  sorted(volume.meta.items(), key=str), bool(volume.glossary),
                  bool(volume.timeline), bool(volume.people)))
    key = hashlib.sha256(shown.encode("utf-8", "surrogatepass")).hexdigest()
    if cache is None or cache.get("index", (None,))[0] != key:
        index = index_pages(volume)
        if cache is not None:
            cache["index"] = (key, index)
    else:
        index = cache["index"][1]
    pages.update(index)
    pages.update(region_pages(volume))
    return pages


def region_pages(volume: Volume) -> dict[str, str]:
    """One page per region that is no article (front matter, sections, back matter): their text
    is part of the volume and is read and searched like the articles'."""
    e = env()
    return {f"regions/{r.id}.md": e.get_template("region.md.j2").render(
        r=r, title=region_title(r, _volume_language(volume))) for r in volume.regions}


REGION_TITLES = {
    "kk": {"front_matter": "Жинақтың басы", "back_matter": "Жинақтың соңы",
           "excluded": "Мақала емес мәтін", "section": "Секция"},
    "ru": {"front_matter": "Начало сборника", "back_matter": "Конец сборника",
           "excluded": "Текст вне статей", "section": "Секция"},
    "en": {"front_matter": "Front matter", "back_matter": "Back matter",
           "excluded": "Text outside the articles", "section": "Section"},
}


def region_title(r, lang: str = "kk") -> str:
    return r.title or REGION_TITLES.get(lang, REGION_TITLES["kk"])[r.kind]


def _volume_language(volume: Volume) -> str:
    langs = [a.language for a in volume.articles if a.language]
    return max(set(langs), key=langs.count) if langs else "kk"


def index_pages(volume: Volume) -> dict[str, str]:
    """Home, per-language (paginated) and per-keyword index pages."""
    e = env()
    pages: dict[str, str] = {}
    by_lang: dict[str, list[Article]] = defaultdict(list)
    for a in volume.articles:
        by_lang[a.language or "und"].append(a)
    lang_pages = {}
    for lang, arts in sorted(by_lang.items()):
        chunks = [arts[i:i + PAGE_SIZE] for i in range(0, len(arts), PAGE_SIZE)]
        for n, chunk in enumerate(chunks, 1):
            name = f"languages/{lang}.md" if n == 1 else f"languages/{lang}-{n}.md"
            pages[name] = _list_page(
                heading=f"{LANGUAGE_NAMES.get(lang, lang)}", articles=chunk, page=n,
                pages=len(chunks), lang=lang,
                nav=[(k, f"{lang}.md" if k == 1 else f"{lang}-{k}.md")
                     for k in range(1, len(chunks) + 1)])
        lang_pages[lang] = (len(arts), f"languages/{lang}.md")
    pages.update(keyword_pages(volume))
    # Volume fields may be given per language ({kk, ru, en}); the home page shows one.
    meta = {k: _volume_title({"title": v}) if isinstance(v, dict) else v
            for k, v in (volume.meta or {}).items()}
    pages["index.md"] = e.get_template("home.md.j2").render(
        meta=meta, volume_title=_volume_title(meta), by_lang=sorted(by_lang.items()),
        lang_pages=lang_pages, names=LANGUAGE_NAMES, title_of=display_title,
        list_all=len(volume.articles) <= HOME_LIMIT, total=len(volume.articles),
        has_glossary=bool(volume.glossary), has_timeline=bool(volume.timeline),
        has_people=bool(volume.people))
    _LISTS.done()
    return pages


_LISTS = RenderMemo()  # language and keyword lists: a rebuild renders the lists that changed


def _list_page(heading: str, articles: list[Article], **context) -> str:
    """A list of articles (index_list.md.j2), rendered again only when what it shows changed."""
    shown = [(display_title(a), a.id, [x.name for x in a.authors], a.pages) for a in articles]
    key = repr((heading, shown, sorted(context.items())))
    return _LISTS.render(env().get_template("index_list.md.j2"), key=key, heading=heading,
                         articles=articles, title_of=display_title, prefix="../articles/",
                         **context)


def keyword_page_path(ks: str, n: int) -> str:
    """Page n (1-based) of a keyword's article list, relative to keywords/; a slug never holds
    "--" (slugify collapses dashes), so later pages cannot meet another keyword's page."""
    return f"{ks}.md" if n == 1 else f"{ks}--{n}.md"


def keyword_pages(volume: Volume) -> dict[str, str]:
    """keywords/index.md (letters, and every keyword while that fits one small page),
    keywords/letters/<letter>.md (a letter's keywords) and keywords/<slug>.md (a keyword's
    articles, PAGE_SIZE at most a page, as keyword_page_path numbers them)."""
    from .glossary import kk_sort_key
    from .paging import (LIST_ITEM_HTML_BYTES, PAGE_BUDGET, chunk_by_size, fits_one_page,
                         index_letter, letter_pages, utf8_len)

    e = env()
    pages: dict[str, str] = {}
    keywords: dict[str, tuple[str, list[Article]]] = {}
    for a in volume.articles:
        for k in a.keywords:
            ks = keyword_slug(k)
            keywords.setdefault(ks, (k, []))[1].append(a)

    def line_size(a: Article) -> int:  # the Markdown line index_list.md.j2 writes for `a`
        return utf8_len(display_title(a) + a.id + "".join(x.name for x in a.authors)) + 60

    for ks, (k, arts) in sorted(keywords.items()):
        chunks = chunk_by_size(arts, line_size, PAGE_BUDGET, max_items=PAGE_SIZE)
        nav = [(n, keyword_page_path(ks, n)) for n in range(1, len(chunks) + 1)]
        for n, chunk in enumerate(chunks, 1):
            pages[f"keywords/{keyword_page_path(ks, n)}"] = _list_page(
                heading=k, articles=chunk, page=n, pages=len(chunks), lang=None, nav=nav)
    items = sorted(((k, ks, len(arts)) for ks, (k, arts) in keywords.items()),
                   key=lambda x: kk_sort_key(x[0]))
    item = e.get_template("keyword_item.j2").module.keyword
    letters = letter_pages(items, key=lambda x: index_letter(x[0]),
                           size=lambda x: utf8_len(str(item(x, "../"))) + LIST_ITEM_HTML_BYTES,
                           budget=PAGE_BUDGET - 2_000)  # room for the letter bar
    index_tpl = e.get_template("keywords_index.md.j2")
    index = index_tpl.render(letters=letters, full=True)
    if not fits_one_page(index):  # too many keywords to name them all: letters only
        index = index_tpl.render(letters=letters, full=False)
    pages["keywords/index.md"] = index
    for letter in letters:
        for lp in letter.pages:
            pages[f"keywords/letters/{lp.path}"] = e.get_template("keywords.md.j2").render(
                letters=letters, letter=letter, lp=lp)
    return pages


def _volume_title(meta: dict) -> str:
    t = meta.get("title")
    if isinstance(t, dict):
        return t.get("kk") or t.get("ru") or t.get("en") or "Жинақ"
    return t or "Жинақ"


def write_articles(volume: Volume, pages: dict[str, str], content_dir: Path) -> None:
    """Write the article pages, with their full front matter, to content/articles atomically
    (a failed write leaves the old folder as it was)."""
    import shutil

    from .fsutil import staging_dir, swap_in

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


def parse_front_matter(text: str) -> tuple[dict, str]:
    """Read a page written by render back (yaml.safe_load only)."""
    m = re.match(r"^---\n(.*?)\n---\n", text, re.S)
    if not m:
        return {}, text
    return yaml.safe_load(m.group(1)) or {}, text[m.end():]
