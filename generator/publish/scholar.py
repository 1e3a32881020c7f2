"""Machine-readable metadata for an article page's <head>: Highwire Press tags (Google Scholar,
Zotero), Dublin Core, a canonical link and schema.org JSON-LD.

Only what the article and the volume give becomes a tag: no title, no `citation_title` (an
untitled article is never given a made-up one; `jinaq check` lists it); an empty value never
makes a tag; `citation_pdf_url` is the article's own PDF only (cite.article_pdf), never the whole
volume's; the JSON-LD `license` is a URL (cite.licence_url) or absent. All text is untrusted (it
comes from extracted PDF text and the editor's YAML): attribute values go through `html.escape`,
and the JSON-LD is escaped so that nothing in it can close its <script> element.
"""
from __future__ import annotations

import html
import json
from typing import Any, Optional
from urllib.parse import urljoin, urlparse

from ..model import Article, Meta
from ..util import parallel
from ..language.names import name_of
from .cite import (
    LANGS,
    article_doi,
    article_pdf,
    article_url,
    author_names,
    clean,
    date_parts,
    iso_date,
    licence_url,
    localized,
    publication_date,
    site_base,
    title_of,
    volume_title,
)


DC_SCHEMA = "http://purl.org/dc/elements/1.1/"
# Characters that must not appear raw inside <script>: "</script>" or "<!--" would end or
# confuse the element; the line separators break old JavaScript parsers.
_SCRIPT_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                                  "\u2028": "\\u2028", "\u2029": "\\u2029"})


def _meta(name: str, content: Any, lang: Optional[str] = None) -> Optional[str]:
    value = clean(content)
    if value is None:
        return None
    attrs = f'name="{html.escape(name)}" content="{html.escape(value)}"'
    if lang:
        lang = html.escape(lang)
        attrs += f' lang="{lang}" xml:lang="{lang}"'
    return f"<meta {attrs}>"


def _raw_pages(article: dict) -> tuple[Optional[int], Optional[int]]:
    pages = list(article.get("pages") or []) + [None, None]
    return pages[0], pages[1]


def _highwire_date(value: Any) -> Optional[str]:
    """YYYY/MM/DD for a full date, YYYY otherwise (the two forms Google Scholar reads)."""
    parts = date_parts(value)
    if not parts:
        return None
    if len(parts) == 3:
        return "{:04d}/{:02d}/{:02d}".format(*parts)
    return str(parts[0])


def _page_url(article: dict, volume: Meta, page_url: Optional[str]) -> Optional[str]:
    """An absolute URL of the page, or None when the site's address is not known."""
    if page_url and urlparse(page_url).scheme:
        return page_url
    base = site_base(volume)
    if page_url and base:
        return urljoin(base, page_url.lstrip("/"))
    return article_url(article, volume)


def _by_language(values: dict, fallback: Any, lang: Optional[str]) -> list[tuple[str, Optional[str]]]:
    """(text, language) pairs from a {lang: text} dict, else the single fallback text."""
    pairs: list[tuple[str, Optional[str]]] = [
        (text, k) for k in (*LANGS, *sorted(set(values) - set(LANGS)))
        if k in values and (text := clean(values[k]))]
    only = clean(fallback)
    if not pairs and only:
        pairs = [(only, lang)]
    return pairs


def highwire_tags(article: dict, volume: Meta, page_url: Optional[str] = None) -> list[str]:
    """Highwire Press <meta> tags in the order Google Scholar documents."""
    lang = article.get("language")
    first, last = _raw_pages(article)
    tags = [_meta("citation_title", title_of(article))]
    for author in article.get("authors") or []:
        if not isinstance(author, dict):
            author = {"name": author}
        name = name_of(author.get("name"))
        # `Family, Given`: Scholar need not guess which word is the family name.
        tags.append(_meta("citation_author", name.inverted() if name else None))
        if name:  # an institution without its author would attach to the previous one
            tags.append(_meta("citation_author_institution", author.get("affiliation")))
            tags.append(_meta("citation_author_email", author.get("email")))
    tags += [
        _meta("citation_publication_date", _highwire_date(publication_date(volume))),
        _meta("citation_conference_title", volume_title(volume, lang)),
        _meta("citation_firstpage", first),
        _meta("citation_lastpage", last if first is not None else None),
        _meta("citation_language", lang),
    ]
    tags += [_meta("citation_keywords", k) for k in article.get("keywords") or []]
    tags += [
        _meta("citation_abstract", article.get("abstract")),
        _meta("citation_abstract_html_url", _page_url(article, volume, page_url)),
        _meta("citation_pdf_url", article_pdf(article, volume)),
        _meta("citation_isbn", volume.get("isbn")),
        _meta("citation_publisher", localized(volume.get("publisher"), lang)),
        _meta("citation_doi", article_doi(article, volume)),
    ]
    return [t for t in tags if t]


def dublin_core_tags(article: dict, volume: Meta, page_url: Optional[str] = None) -> list[str]:
    """Dublin Core <meta> tags; the language-bearing ones carry lang and xml:lang."""
    lang = article.get("language")
    tags = [_meta("DC.title", title_of(article), lang)]
    tags += [_meta("DC.creator", n.literal) for n in author_names(article)]
    tags += [_meta("DC.date", iso_date(publication_date(volume))), _meta("DC.language", lang)]
    tags += [_meta("DC.subject", k, kl) for k, kl in _keyword_pairs(article)]
    tags += [_meta("DC.description", text, tl)
             for text, tl in _by_language(article.get("abstracts") or {}, article.get("abstract"), lang)]
    tags += [
        _meta("DC.publisher", localized(volume.get("publisher"), lang)),
        _meta("DC.source", volume_title(volume, lang), lang),
        _meta("DC.identifier", _page_url(article, volume, page_url)),
    ]
    doi = article_doi(article, volume)
    if doi:
        tags.append(_meta("DC.identifier", f"https://doi.org/{doi}"))
    tags += [_meta("DC.type", "Text"), _meta("DC.rights", volume.get("licence"))]
    found = [t for t in tags if t]
    if found:
        found.insert(0, f'<link rel="schema.DC" href="{DC_SCHEMA}">')
    return found


def _keyword_pairs(article: dict) -> list[tuple[str, Optional[str]]]:
    """Keywords with their language: per-language lists when given, else the main list."""
    by_lang = article.get("keywords_by_language") or {}
    pairs = [(k, lang) for lang in (*LANGS, *sorted(set(by_lang) - set(LANGS)))
             for k in by_lang.get(lang) or [] if clean(k)]
    return pairs or [(k, article.get("language")) for k in article.get("keywords") or [] if clean(k)]


def json_ld(article: dict, volume: Meta, page_url: Optional[str] = None) -> Optional[dict]:
    """A schema.org ScholarlyArticle, or None when nothing identifies the article."""
    lang = article.get("language")
    first, last = _raw_pages(article)
    title = title_of(article)
    authors = []
    for author in article.get("authors") or []:
        if not isinstance(author, dict) or not clean(author.get("name")):
            continue
        person: dict[str, Any] = {"@type": "Person", "name": clean(author["name"])}
        name = name_of(author["name"])
        if name and name.family:
            person["familyName"] = name.family
            if name.given:
                person["givenName"] = name.given_text()
        if clean(author.get("affiliation")):
            person["affiliation"] = {"@type": "Organization", "name": clean(author["affiliation"])}
        if clean(author.get("email")):
            person["email"] = clean(author["email"])
        authors.append(person)
    book = {
        "@type": "Book",
        "name": volume_title(volume, lang),
        "isbn": clean(volume.get("isbn")),
        "datePublished": iso_date(publication_date(volume)),
        "publisher": ({"@type": "Organization", "name": localized(volume.get("publisher"), lang)}
                      if localized(volume.get("publisher"), lang) else None),
        "url": site_base(volume),
    }
    book = {k: v for k, v in book.items() if v}
    doi = article_doi(article, volume)
    data = {
        "@context": "https://schema.org",
        "@type": "ScholarlyArticle",
        "headline": title,
        "name": title,
        "author": authors,
        "datePublished": iso_date(publication_date(volume)),
        "inLanguage": lang,
        "keywords": [k for k in map(clean, article.get("keywords") or []) if k],
        "abstract": clean(article.get("abstract")),
        "isPartOf": book if len(book) > 1 else None,
        "pageStart": str(first) if first is not None else None,
        "pageEnd": str(last) if first is not None and last is not None else None,
        "url": _page_url(article, volume, page_url),
        "identifier": f"https://doi.org/{doi}" if doi else None,
        "license": licence_url(volume),
    }
    data = {k: v for k, v in data.items() if v}
    return data if len(data) > 2 else None


def script_json(data: Any) -> str:
    """JSON text that is safe to put between <script> and </script>."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.translate(_SCRIPT_ESCAPES)


def head_tags(article: dict, volume: Meta, page_url: Optional[str] = None,
              canonical: bool = True) -> str:
    """All <head> metadata of one article page, one element a line.

    `page_url` is the page's absolute URL, or its site-relative path ("articles/x.html") to join
    with the volume's site_url. `canonical=False` leaves the <link rel="canonical"> to a theme
    that writes its own (Material does when site_url is set).
    """
    lines = highwire_tags(article, volume, page_url) + dublin_core_tags(article, volume, page_url)
    url = _page_url(article, volume, page_url)
    if canonical and url:
        lines.append(f'<link rel="canonical" href="{html.escape(url)}">')
    data = json_ld(article, volume, page_url)
    if data:
        lines.append(f'<script type="application/ld+json">{script_json(data)}</script>')
    return "\n".join(lines)


def article_head_tags(article: Article, volume: Meta, page_url: str) -> str:
    """head_tags of an article page, for a theme that writes its own canonical link."""
    return head_tags(article.to_dict(), volume, page_url, canonical=False)


def head_tags_ahead(pages: list[tuple[str, Article]], volume: Meta) -> dict[str, tuple[str, str]]:
    """article_head_tags of many pages ((page URL, article) each) made on all cores, by page URL
    with the article's id; empty when they are too few to spread (each page then makes its own
    when it is written). A site generator fills its templates on one core: a millisecond an
    article there is a large volume's second."""
    sizes = [len(a.body) for _, a in pages]
    if not parallel.will_fork(sizes):
        return {}
    made = parallel.map_shared(lambda page: article_head_tags(page[1], volume, page[0]),
                               pages, sizes)
    return {url: (a.id, head) for (url, a), head in zip(pages, made)}
