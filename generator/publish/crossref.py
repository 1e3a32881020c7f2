"""Crossref export: a DOI deposit (schema 5.3.1) for the volume as conference proceedings.

Built from the public volume model (articles as in CONTRACT.md) and the editor's volume metadata
(content/volume.yml). Nothing is deposited unless the editor gave a DOI prefix, a depositor and the
site URL: DOIs are never invented. Keys read from `volume`:

    doi_prefix: "10.12345"                      # required
    depositor: {name: "…", email: "…"}          # required
    site_url: "https://example.org/vol1/"       # required (each DOI must resolve to a page)
    title: "…"                                  # proceedings title (else conference_name)
    conference_name / conference_acronym / conference_location: "…"
    conference_date: "2023-04-20" | {start: "2023-04-20", end: "2023-04-21"}
    publisher: "…" | {name: "…", place: "…"}    # registrant defaults to the publisher
    registrant: "…"
    publication_date: "2023-05-10" | "2023-05" | "2023"
    isbn: "978-…" | ["978-…", …]                # else <noisbn reason="simple_series"/>
    editors: ["Surname I.I.", …]
    slug: "vol1"                                # volume_slug (else slug of the title)
    doi_pattern: "{doi_prefix}/{volume_slug}.{article_id}"   # the default
    volume_doi: "10.12345/vol1"                 # else "{doi_prefix}/{volume_slug}"
    language: "kk"

Articles without a title are skipped (Crossref requires one) and named in `notes`; titles are
deposited as `title_display` (sentence case where printed in capitals: Crossref asks for no
all-capitals titles).
"""
from __future__ import annotations

import re
from typing import Optional

from lxml import etree

from .cite import title_of
from ..model import Meta
from ..language.names import parse_name
from ..language.textutil import slug

NS = "http://www.crossref.org/schema/5.3.1"
SCHEMA_LOCATION = f"{NS} https://www.crossref.org/schemas/crossref5.3.1.xsd"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
DEFAULT_DOI_PATTERN = "{doi_prefix}/{volume_slug}.{article_id}"
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def _el(parent, tag: str, text: Optional[str] = None, **attrs) -> etree._Element:
    e = etree.SubElement(parent, f"{{{NS}}}{tag}", {k: v for k, v in attrs.items() if v})
    if text is not None:
        e.text = str(text)
    return e


def _date_parts(value) -> Optional[tuple[str, Optional[str], Optional[str]]]:
    """(year, month, day) of an ISO date at any precision; None when not a date."""
    m = _DATE.match(str(value or "").strip())
    return (m.group(1), m.group(2), m.group(3)) if m else None


def _add_date(parent, tag: str, value, media_type: Optional[str] = None) -> bool:
    parts = _date_parts(value)
    if not parts:
        return False
    year, month, day = parts
    e = _el(parent, tag, media_type=media_type)
    if month:
        _el(e, "month", month)
        if day:
            _el(e, "day", day)
    _el(e, "year", year)
    return True


def _add_person(parent, printed: str, sequence: str, role: str) -> bool:
    name = parse_name(printed)
    if not name:
        return False
    e = _el(parent, "person_name", sequence=sequence, contributor_role=role)
    if any(name.full_given):
        given = " ".join(name.given)
    else:
        given = "".join(p + "." for p in name.given)  # initials as printed: "K.D."
    if given:
        _el(e, "given_name", given)
    _el(e, "surname", name.surname)
    return True


def _add_contributors(parent, names: list[str], role: str) -> None:
    box = etree.Element(f"{{{NS}}}contributors")
    for name in names:
        _add_person(box, name, "first" if len(box) == 0 else "additional", role)
    if len(box):
        parent.append(box)


def _conference_date(parent, value) -> None:
    if isinstance(value, dict):
        start, end = value.get("start"), value.get("end")
    else:
        start, _, end = str(value or "").partition("/")
    s, e = _date_parts(start), _date_parts(end or start)
    if not s:
        return
    attrs = {"start_year": s[0], "start_month": s[1], "start_day": s[2]}
    if e:
        attrs.update(end_year=e[0], end_month=e[1], end_day=e[2])
    _el(parent, "conference_date", **{k: v for k, v in attrs.items() if v})


def volume_slug(volume: Meta) -> str:
    return str(volume.get("slug") or slug(volume.get("title") or volume.get("conference_name")
                                         or "volume"))


def article_doi(volume: Meta, article_id: str) -> str:
    """The DOI of one article, from the volume's documented pattern."""
    pattern = volume.get("doi_pattern") or DEFAULT_DOI_PATTERN
    return pattern.format(doi_prefix=volume["doi_prefix"], volume_slug=volume_slug(volume),
                          article_id=article_id)


def article_url(volume: Meta, article_id: str) -> str:
    return f"{str(volume['site_url']).rstrip('/')}/articles/{article_id}.html"


def missing_fields(volume: Meta) -> list[str]:
    """Volume keys a deposit needs that the editor has not given."""
    dep = volume.get("depositor") or {}
    need = {
        "doi_prefix": volume.get("doi_prefix"),
        "depositor.name": dep.get("name"),
        "depositor.email": dep.get("email"),
        "site_url": volume.get("site_url"),
        "title": volume.get("title") or volume.get("conference_name"),
        "publication_date": _date_parts(volume.get("publication_date")),
    }
    return [k for k, v in need.items() if not v]


def crossref_deposit(articles: list[dict], volume: Meta, timestamp: str, *,
                     notes: Optional[list[str]] = None) -> Optional[str]:
    """Crossref deposit XML for the volume, or None when the volume has no DOI data.

    `timestamp` is the batch version Crossref orders deposits by (digits, e.g. 20240501120000);
    the caller passes it so that the output stays deterministic.
    """
    volume = volume or {}
    notes = notes if notes is not None else []
    if not volume.get("doi_prefix") or not volume.get("depositor"):
        return None  # the volume does not register DOIs
    missing = missing_fields(volume)
    if missing:
        notes.append(f"crossref: volume.yml lacks {', '.join(missing)}; no deposit written")
        return None
    vslug = volume_slug(volume)
    publisher = volume.get("publisher") or {}
    if isinstance(publisher, str):
        publisher = {"name": publisher}
    dep = volume["depositor"]

    root = etree.Element(f"{{{NS}}}doi_batch", nsmap={None: NS, "xsi": XSI}, version="5.3.1")
    root.set(f"{{{XSI}}}schemaLocation", SCHEMA_LOCATION)
    head = _el(root, "head")
    stamp = re.sub(r"\D", "", str(timestamp))
    _el(head, "doi_batch_id", f"{vslug}-{stamp}"[:100])
    _el(head, "timestamp", stamp)
    depositor = _el(head, "depositor")
    _el(depositor, "depositor_name", dep["name"])
    _el(depositor, "email_address", dep["email"])
    _el(head, "registrant", volume.get("registrant") or publisher.get("name") or dep["name"])

    conf = _el(_el(root, "body"), "conference")
    _add_contributors(conf, [str(n) for n in volume.get("editors") or []], "editor")
    event = _el(conf, "event_metadata")
    _el(event, "conference_name", volume.get("conference_name") or volume.get("title"))
    if volume.get("conference_acronym"):
        _el(event, "conference_acronym", volume["conference_acronym"])
    if volume.get("conference_location"):
        _el(event, "conference_location", volume["conference_location"])
    _conference_date(event, volume.get("conference_date"))

    proc = _el(conf, "proceedings_metadata", language=volume.get("language"))
    _el(proc, "proceedings_title", volume.get("title") or volume.get("conference_name"))
    pub = _el(proc, "publisher")
    _el(pub, "publisher_name", publisher.get("name") or volume.get("registrant") or dep["name"])
    if publisher.get("place"):
        _el(pub, "publisher_place", publisher["place"])
    _add_date(proc, "publication_date", volume.get("publication_date"), "online")
    isbns = volume.get("isbn") or []
    for isbn in [isbns] if isinstance(isbns, str) else isbns:
        _el(proc, "isbn", isbn)
    if not isbns:
        _el(proc, "noisbn", reason="simple_series")
    doi = _el(proc, "doi_data")
    _el(doi, "doi", volume.get("volume_doi") or f"{volume['doi_prefix']}/{vslug}")
    _el(doi, "resource", str(volume["site_url"]).rstrip("/") + "/")

    for art in articles:
        if not title_of(art):
            notes.append(f"crossref: article {art.get('id')} has no title; not deposited")
            continue
        _add_paper(conf, art, volume)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                          pretty_print=True).decode("utf-8")


def _add_paper(conf, art: dict, volume: Meta) -> None:
    lang = art.get("language")
    paper = _el(conf, "conference_paper", publication_type="full_text",
                language=lang if lang and re.fullmatch(r"[a-z]{2}", lang) else None)
    _add_contributors(paper, [a.get("name") or "" for a in art.get("authors") or []], "author")
    _el(_el(paper, "titles"), "title", title_of(art))
    _add_date(paper, "publication_date", volume.get("publication_date"), "online")
    pages = art.get("pages") or []
    if pages and pages[0] is not None:
        box = _el(paper, "pages")
        _el(box, "first_page", pages[0])
        if len(pages) > 1 and pages[-1] is not None and pages[-1] != pages[0]:
            _el(box, "last_page", pages[-1])
    doi = _el(paper, "doi_data")
    _el(doi, "doi", article_doi(volume, art["id"]))
    _el(doi, "resource", article_url(volume, art["id"]))
