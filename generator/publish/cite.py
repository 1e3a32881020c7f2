"""Citations and reference exports of articles: ГОСТ/APA text, BibTeX, RIS and CSL-JSON.

Inputs are plain dicts: an article in the CONTRACT.md shape and the volume metadata from
`content/volume.yml` (see `generator/data/volume.example.yml`). Whatever neither gives is left out,
never guessed. The small volume helpers here (`localized`, `volume_title`, `iso_date`,
`article_url`, `article_doi`) are shared with `scholar.py` and `harvest.py`, so every export reads
the same facts the same way.

Choice for missing data: an article with neither a title nor an author has no reference at all:
the text references (`gost`, `apa`, `cite_text`) return None and the data exports (BibTeX, RIS,
CSL-JSON) leave it out, since "pp. 3–14 of the volume" alone is no reference. Titles are cited
as `title_display` (sentence case for titles printed in capitals, see titlecase.py).
"""
from __future__ import annotations

import datetime as _dt
import json
import re
from typing import Any, Optional
from urllib.parse import urljoin

import bibtexparser
from bibtexparser.middlewares.parsestack import default_unparse_stack
import rispy
from babel.dates import format_date
from bibtexparser.model import Entry, Field

from ..model import Meta
from ..language.names import Name, name_of

LANGS = ("kk", "ru", "en")
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


# ---- volume and article facts shared by all exports

def clean(value: Any) -> Optional[str]:
    """One-line text with whitespace collapsed, or None for nothing."""
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def localized(value: Any, lang: Optional[str]) -> Optional[str]:
    """`value` as a string, or from a {kk, ru, en} dict: `lang` first, then kk, ru, en, any."""
    if isinstance(value, dict):
        for key in (lang, *LANGS, *sorted(value)):
            if key and clean(value.get(key)):
                return clean(value[key])
        return None
    return clean(value)


def volume_title(volume: Meta, lang: Optional[str]) -> Optional[str]:
    return localized(volume.get("title"), lang)


def iso_date(value: Any) -> Optional[str]:
    """The volume date as ISO text ("2023", "2023-04", "2023-04-21"), or None if not one.

    yaml.safe_load turns an unquoted 2023-04-21 into a date object, so both forms are accepted.
    """
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        return value.isoformat()
    text = clean(value)
    return text if text and _ISO_DATE.match(text) else None


def date_parts(value: Any) -> Optional[list[int]]:
    """[year] / [year, month] / [year, month, day] of an ISO date."""
    text = iso_date(value)
    if not text:
        return None
    m = _ISO_DATE.match(text)
    return [int(p) for p in m.groups() if p] if m else None


def publication_date(volume: Meta) -> Any:
    """The date a volume was published: `publication_date`, else `date` (of the conference,
    which dates its proceedings when nothing else does), else `year`."""
    for key in ("publication_date", "date", "year"):
        if iso_date(volume.get(key)):
            return volume.get(key)
    return None


def year(volume: Meta) -> Optional[str]:
    parts = date_parts(volume.get("date")) or date_parts(publication_date(volume))
    return str(parts[0]) if parts else None


def site_base(volume: Meta) -> Optional[str]:
    """site_url with a trailing slash, or None."""
    url = clean(volume.get("site_url"))
    return url.rstrip("/") + "/" if url else None


def article_url(article: dict, volume: Meta) -> Optional[str]:
    """Absolute URL of the article page (`articles/<id>.html`) when site_url is known."""
    base = site_base(volume)
    return urljoin(base, f"articles/{article['id']}.html") if base and article.get("id") else None


def article_doi(article: dict, volume: Meta) -> Optional[str]:
    """The article's own `doi`, else `<doi_prefix>/<id>` when the editor declares that scheme."""
    doi = clean(article.get("doi"))
    prefix = clean(volume.get("doi_prefix"))
    if not doi and prefix and article.get("id"):
        doi = f"{prefix.rstrip('/')}/{article['id']}"
    return doi


def page_range(article: dict) -> tuple[Optional[int], Optional[int]]:
    pages = article.get("pages") or []
    first = pages[0] if len(pages) > 0 else None
    last = pages[1] if len(pages) > 1 else None
    if first is None:
        return None, None
    return first, (last if last is not None and last != first else None)


def title_of(article: dict) -> Optional[str]:
    """The title as exports cite it: `title_display` (sentence case where the volume prints
    titles in capitals, or the editor's form), else the printed title."""
    return clean(article.get("title_display")) or clean(article.get("title"))


def citable(article: dict) -> bool:
    """Whether a reference to the article says anything: a title or an author. Exports skip the
    others rather than offer a record of nothing but the volume."""
    return bool(title_of(article) or author_names(article))


def article_pdf(article: dict, volume: Meta) -> Optional[str]:
    """The article's own PDF: its `pdf_url`, else the volume's `article_pdf_url` pattern with
    {id} filled in. Never the whole volume's PDF (Scholar wants the article's)."""
    own = clean(article.get("pdf_url"))
    pattern = clean(volume.get("article_pdf_url"))
    if own:
        return own
    if pattern and article.get("id") and "{id}" in pattern:
        return pattern.replace("{id}", str(article["id"]))
    return None


_CC = re.compile(r"^cc[\s-]*(0|by(?:[\s-]*(?:nc|sa|nd))*)(?:[\s-]*(\d\.\d))?"
                 r"(?:[\s-]*(?:international|int|intl))?$", re.IGNORECASE)


def licence_url(volume: Meta) -> Optional[str]:
    """The licence as a URL: given as one, or a Creative Commons name ("CC BY 4.0",
    "CC-BY-NC-SA-4.0", "CC0"); None for any other name."""
    text = clean(volume.get("licence") or volume.get("license"))
    if not text:
        return None
    if re.match(r"^https?://", text):
        return text
    m = _CC.match(text)
    if not m:
        return None
    kind = re.sub(r"[\s-]+", "-", m.group(1).lower())
    if kind == "0":
        return "https://creativecommons.org/publicdomain/zero/1.0/"
    return f"https://creativecommons.org/licenses/{kind}/{m.group(2) or '4.0'}/"


def editors(volume: Meta) -> list[str]:
    out = []
    for e in volume.get("editors") or []:
        name = clean(e.get("name") if isinstance(e, dict) else e)
        if name:
            out.append(name)
    return out


# ---- personal names (one Name for every output: language/names.py)

def author_names(article: dict) -> list[Name]:
    names = []
    for a in article.get("authors") or []:
        name = name_of(a.get("name") if isinstance(a, dict) else a)
        if name:
            names.append(name)
    return names


# ---- text references

def _pretty_date(value: Any, lang: str) -> Optional[str]:
    """The date as the language prints it ("21 апреля 2023 г.", "2023 ж. 21 сәуір")."""
    parts = date_parts(value)
    if not parts:
        return None
    if len(parts) == 3:
        text = format_date(_dt.date(*parts), "long", locale=lang)
    elif len(parts) == 2:
        text = format_date(_dt.date(parts[0], parts[1], 1), "LLLL y", locale=lang)
    else:
        text = str(parts[0])
    return clean(text.replace("\u00a0", " ").replace("\u202f", " "))  # CLDR's no-break spaces


def _pages_text(article: dict, label: str, dash: str = "–") -> Optional[str]:
    first, last = page_range(article)
    if first is None:
        return None
    return f"{label} {first}{dash}{last}" if last is not None else f"{label} {first}"


def gost(article: dict, volume: Meta) -> Optional[str]:
    """A ГОСТ Р 7.0.100-2018-style reference, in the article's language (kk or ru).

    `Фамилия И.О. Title // Conference : subtitle (City, date). – City : Publisher, Year. – С. 3–14.`
    """
    lang: str = article["language"] if article.get("language") in ("kk", "ru") else "ru"
    names = author_names(article)
    title = title_of(article)
    if not names and not title:
        return None
    head = ", ".join(n.gost() for n in names)
    if title:
        head = f"{head} {title.rstrip('.')}".strip()
    container = volume_title(volume, lang)
    if container:
        subtitle = localized(volume.get("subtitle"), lang)
        if subtitle:
            container += f" : {subtitle}"
        place = localized(volume.get("place"), lang)
        when = _pretty_date(volume.get("date"), lang)
        event = ", ".join(p for p in (place, when) if p)
        if event:
            container += f" ({event})"
        head = f"{head} // {container}"
    imprint = localized(volume.get("place"), lang) or ""
    publisher = localized(volume.get("publisher"), lang)
    if publisher:
        imprint = f"{imprint} : {publisher}" if imprint else publisher
    printed_in = year(volume)
    if printed_in:
        imprint = f"{imprint}, {printed_in}" if imprint else printed_in
    pages = _pages_text(article, "Б." if lang == "kk" else "С.")
    return _areas([head, imprint, pages])


def _areas(parts: list[Optional[str]]) -> str:
    """ГОСТ areas joined by ". – ", without doubling a period that ends an area (initials)."""
    text = ""
    for part in filter(None, parts):
        text = f"{text}{'' if text.endswith('.') else '.'} – {part}" if text else part
    return text if text.endswith(".") else text + "."


def _apa_list(items: list[str]) -> str:
    if len(items) > 20:  # APA 7: first 19, an ellipsis, the last
        return ", ".join(items[:19]) + ", . . . " + items[-1]
    if len(items) <= 1:
        return "".join(items)
    if len(items) == 2:
        return f"{items[0]}, & {items[1]}"
    return ", ".join(items[:-1]) + f", & {items[-1]}"


def apa(article: dict, volume: Meta) -> Optional[str]:
    """An APA 7-style reference of a paper in published proceedings (plain text, no italics)."""
    lang = article.get("language") or "en"
    names = author_names(article)
    title = title_of(article)
    if not names and not title:
        return None
    when = f"({year(volume) or 'n.d.'})."
    parts = []
    if names:
        authors = _apa_list([n.apa() for n in names])
        parts.append(authors if authors.endswith(".") else authors + ".")
        parts.append(when)
        if title:
            parts.append(title if title[-1] in ".?!" else title + ".")
    else:  # APA moves the title to the author position (no names: so there is a title)
        assert title is not None
        parts += [title if title[-1] in ".?!" else title + ".", when]
    container = volume_title(volume, lang)
    pages = _pages_text(article, "pp." if page_range(article)[1] else "p.")
    if container:
        eds = [n.apa_inverted() for n in map(name_of, editors(volume)) if n]
        # APA joins two editors with "&" and no comma, unlike authors.
        eds_text = " & ".join(eds) if len(eds) == 2 else _apa_list(eds)
        lead = f"In {eds_text} ({'Ed.' if len(eds) == 1 else 'Eds.'}), " if eds else "In "
        parts.append(f"{lead}{container}" + (f" ({pages})." if pages else "."))
    elif pages:
        parts.append(pages + ".")
    publisher = localized(volume.get("publisher"), lang)
    if publisher:
        parts.append(publisher if publisher.endswith(".") else publisher + ".")
    doi = article_doi(article, volume)
    link = f"https://doi.org/{doi}" if doi else article_url(article, volume)
    if link:
        parts.append(link)
    return " ".join(parts)


def cite_text(article: dict, volume: Meta) -> Optional[str]:
    """The reference to show on the article page: APA for English, ГОСТ otherwise."""
    return apa(article, volume) if article.get("language") == "en" else gost(article, volume)


# ---- BibTeX

_KEY_UNSAFE = re.compile(r"[^A-Za-z0-9_:.\-]+")
# biblatex's language names (babel/polyglossia) for `langid` and `language`.
BIBLATEX_LANGUAGES = {"kk": "kazakh", "ru": "russian", "en": "english"}


def _bibkey(article: dict, volume: Meta, used: set[str]) -> str:
    """The article id (a slug of its title), which BibTeX and biber accept only when it starts
    with a letter; else the first author's family name and the year (seitkali2023)."""
    from ..language.textutil import slug

    key = _KEY_UNSAFE.sub("-", str(article.get("id") or "article")).strip("-") or "article"
    if not key[:1].isalpha():
        names = author_names(article)
        family = slug((names[0].family or names[0].literal) if names else "", max_length=30)
        key = (family.replace("-", "") + (year(volume) or "")) if family else f"article-{key}"
    base, n = key, 2
    while key in used:
        key, n = f"{base}-{n}", n + 1
    used.add(key)
    return key


def _balanced(text: str) -> str:
    """Drop braces that do not pair up: an unbalanced brace would end a BibTeX value early."""
    if "{" not in text and "}" not in text:
        return text  # nearly every field: no walk through its characters
    out: list[str] = []
    opened: list[int] = []
    for ch in text:
        if ch == "{":
            opened.append(len(out))
            out.append(ch)
        elif ch == "}":
            if opened:
                opened.pop()
                out.append(ch)
        else:
            out.append(ch)
    for i in reversed(opened):
        del out[i]
    return "".join(out)


def _bib_fields(article: dict, volume: Meta) -> list[tuple[str, str]]:
    lang = article.get("language")
    first, last = page_range(article)
    fields = [
        ("title", _protect_capitals(title_of(article))),
        ("author", " and ".join(n.bibtex() for n in author_names(article))),
        ("booktitle", volume_title(volume, lang)),
        ("editor", " and ".join(n.bibtex() for n in map(name_of, editors(volume)) if n)),
        ("year", year(volume)),
        ("pages", f"{first}--{last}" if last is not None else (str(first) if first is not None else None)),
        ("publisher", localized(volume.get("publisher"), lang)),
        ("address", localized(volume.get("place"), lang)),
        ("isbn", clean(volume.get("isbn"))),
        ("language", BIBLATEX_LANGUAGES.get(lang or "", lang)),
        ("langid", BIBLATEX_LANGUAGES.get(lang or "")),
        ("keywords", ", ".join(k for k in map(clean, article.get("keywords") or []) if k)),
        ("abstract", clean(article.get("abstract"))),
        ("doi", article_doi(article, volume)),
        ("url", article_url(article, volume)),
    ]
    return [(k, v if k in _VERBATIM else _latex_safe(v)) for k, v in fields if v]


_VERBATIM = {"url", "doi", "isbn"}  # biblatex reads these verbatim


def _protect_capitals(title: Optional[str]) -> Optional[str]:
    """Braces around the words whose capitals a style that lower-cases titles must keep: names
    after the first word, acronyms anywhere ("{ЦИК} and reform in {Kazakhstan}")."""
    if not title:
        return title

    def keep(i: int, w: str) -> bool:
        if "{" in w or "}" in w:
            return False
        return any(c.isupper() for c in (w[1:] if i == 0 else w))

    return " ".join(f"{{{w}}}" if keep(i, w) else w for i, w in enumerate(title.split(" ")))


# Characters LaTeX would take as commands in a field; UTF-8 letters stay as they are, since
# bibtexparser's LatexEncodingMiddleware would also turn Cyrillic into escapes.
_LATEX_SPECIAL = re.compile(r"(?<!\\)([&%$#_])")


def _latex_safe(text: str) -> str:
    return _LATEX_SPECIAL.sub(r"\\\1", clean(_balanced(text)) or "")


def bibtex(articles: list[dict], volume: Meta) -> str:
    """@inproceedings entries, keyed by article id (see _bibkey), in the order given; articles
    with neither a title nor an author are left out (see citable)."""
    library = bibtexparser.Library()
    used: set[str] = set()
    for article in filter(citable, articles):
        fields = [Field(k, v) for k, v in _bib_fields(article, volume)]
        library.add(Entry("inproceedings", _bibkey(article, volume, used), fields))
    # In place: the library is ours and made for this string (by default the writer
    # deep-copies it first, a third of the time of a volume's exports).
    return bibtexparser.write_string(
        library, unparse_stack=default_unparse_stack(allow_inplace_modification=True))


# ---- RIS

class _RisWriter(rispy.RisWriter):
    """rispy's writer without its "1." counter line, which plain RIS readers do not expect."""

    def set_header(self, count: int) -> str:
        return ""


def _ris_entry(article: dict, volume: Meta) -> dict:
    lang = article.get("language")
    first, last = page_range(article)
    parts = date_parts(publication_date(volume))
    entry = {
        "type_of_reference": "CPAPER",
        "id": clean(article.get("id")),
        "title": title_of(article),
        "authors": [n.ris() for n in author_names(article)],
        "secondary_authors": [n.ris() for n in map(name_of, editors(volume)) if n],
        "secondary_title": volume_title(volume, lang),
        "year": year(volume),
        # RIS DA is YYYY/MM/DD/other; a partial date keeps its empty slots.
        "date": "/".join(f"{p:02d}" for p in parts) + "/" * (3 - len(parts)) if parts else None,
        "start_page": str(first) if first is not None else None,
        "end_page": str(last) if last is not None else None,
        "place_published": localized(volume.get("place"), lang),
        "publisher": localized(volume.get("publisher"), lang),
        "issn": clean(volume.get("isbn")),  # SN holds ISBN or ISSN
        "language": lang,
        "keywords": [k for k in map(clean, article.get("keywords") or []) if k],
        "abstract": clean(article.get("abstract")),
        "doi": article_doi(article, volume),
        "urls": [u for u in [article_url(article, volume)] if u],
    }
    return {k: v for k, v in entry.items() if v}


def ris(articles: list[dict], volume: Meta) -> str:
    """RIS records (TY  - CPAPER … ER  - ), one per citable article, in the order given."""
    return rispy.dumps([_ris_entry(a, volume) for a in articles if citable(a)],
                       implementation=_RisWriter)


# ---- CSL-JSON

def csl_item(article: dict, volume: Meta) -> dict:
    lang = article.get("language")
    first, last = page_range(article)
    parts = date_parts(publication_date(volume))
    item = {
        "id": str(article.get("id")),
        "type": "paper-conference",
        "title": title_of(article),
        "author": [n.csl() for n in author_names(article)],
        "editor": [n.csl() for n in map(name_of, editors(volume)) if n],
        "container-title": volume_title(volume, lang),
        "event-place": localized(volume.get("place"), lang),
        "publisher": localized(volume.get("publisher"), lang),
        "publisher-place": localized(volume.get("place"), lang),
        "issued": {"date-parts": [parts]} if parts else None,
        "page": f"{first}-{last}" if last is not None else (str(first) if first is not None else None),
        "page-first": str(first) if first is not None else None,
        "language": lang,
        "ISBN": clean(volume.get("isbn")),
        "DOI": article_doi(article, volume),
        "URL": article_url(article, volume),
        "keyword": ", ".join(k for k in map(clean, article.get("keywords") or []) if k),
        "abstract": clean(article.get("abstract")),
    }
    return {k: v for k, v in item.items() if v}


def csl_json(articles: list[dict], volume: Meta) -> list[dict]:
    """CSL-JSON items (type paper-conference) of the citable articles, in the order given."""
    return [csl_item(a, volume) for a in articles if citable(a)]


def csl_json_text(articles: list[dict], volume: Meta) -> str:
    """`csl_json` serialised as the downloadable file (UTF-8, stable key order)."""
    return json.dumps(csl_json(articles, volume), ensure_ascii=False, indent=2) + "\n"
