"""Files for harvesters at the site root: sitemap.xml, robots.txt and an OAI-PMH static repository,
plus `export_files`, which gathers every download and harvest file of a volume in one mapping.

Dates come from the volume (`date` in content/volume.yml) or SOURCE_DATE_EPOCH, never from the
clock, so two builds of the same input give the same bytes. XML is built with lxml, so text from
the volume is always escaped.
"""
from __future__ import annotations

import datetime as _dt
import gzip
import io
import os
import re
from collections.abc import Callable
from typing import Optional
from urllib.parse import quote, urljoin, urlparse

from lxml import etree

from ..model import Meta
from . import cite
from .cite import LANGS, article_doi, article_url, author_names, clean, date_parts, iso_date, localized

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
SR_NS = "http://www.openarchives.org/OAI/2.0/static-repository"
OAI_NS = "http://www.openarchives.org/OAI/2.0/"
OAI_DC_NS = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC_NS = "http://purl.org/dc/elements/1.1/"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_W3C_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?)?)?$")


def lastmod(volume: Meta) -> Optional[str]:
    """The volume's date (ISO, at its precision), else SOURCE_DATE_EPOCH's UTC day, else None."""
    date = iso_date(cite.publication_date(volume))
    if date:
        return date
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return _dt.datetime.fromtimestamp(int(epoch), _dt.timezone.utc).date().isoformat()
    return None


def _day(value: Optional[str]) -> Optional[str]:
    """A YYYY-MM-DD datestamp: a year or month date is taken at its first day."""
    parts = date_parts(value)
    if not parts:
        return None
    parts = parts + [1] * (3 - len(parts))
    return "{:04d}-{:02d}-{:02d}".format(*parts)


def _xml(root: etree._Element) -> str:
    return etree.tostring(root, encoding="unicode", pretty_print=True, xml_declaration=False)


def sitemap_xml(urls: list[str], lastmod: Optional[str] = None,
                site_url: Optional[str] = None) -> str:
    """A sitemap of the given page URLs, in their order, duplicates dropped.

    Relative URLs are joined with `site_url`; without it they are left out, since a sitemap
    holds absolute URLs only. `lastmod` (W3C date, e.g. from `lastmod(volume)`) applies to all.
    """
    base = site_url.rstrip("/") + "/" if site_url else None
    stamp = lastmod if lastmod and _W3C_DATE.match(lastmod) else None
    root = etree.Element(f"{{{SITEMAP_NS}}}urlset", nsmap={None: SITEMAP_NS})
    seen = set()
    for url in urls:
        if not urlparse(url).scheme:
            if not base:
                continue
            url = urljoin(base, url.lstrip("/"))
        if url in seen:
            continue
        seen.add(url)
        entry = etree.SubElement(root, f"{{{SITEMAP_NS}}}url")
        etree.SubElement(entry, f"{{{SITEMAP_NS}}}loc").text = url
        if stamp:
            etree.SubElement(entry, f"{{{SITEMAP_NS}}}lastmod").text = stamp
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + _xml(root)


def sitemap_gz(xml: str) -> bytes:
    """The sitemap gzipped with a zero timestamp, so the bytes do not change between builds."""
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0, filename="") as fh:
        fh.write(xml.encode("utf-8"))
    return buf.getvalue()


def robots_txt(site_url: Optional[str]) -> str:
    """Allow all crawlers; point to the sitemap when the site's address is known."""
    lines = ["User-agent: *", "Allow: /"]
    site = clean(site_url)
    if site:
        lines += ["", f"Sitemap: {site.rstrip('/')}/sitemap.xml"]
    return "\n".join(lines) + "\n"


def _oai(parent: etree._Element, tag: str, text: Optional[str] = None) -> etree._Element:
    el = etree.SubElement(parent, f"{{{OAI_NS}}}{tag}")
    if text is not None:
        el.text = text
    return el


def _dc(parent: etree._Element, tag: str, text: Optional[str], lang: Optional[str] = None) -> None:
    value = clean(text)
    if value is None:
        return
    el = etree.SubElement(parent, f"{{{DC_NS}}}{tag}")
    el.text = value
    if lang:
        el.set(XML_LANG, lang)


def _oai_dc(article: dict, volume: Meta) -> etree._Element:
    """One article as simple Dublin Core (oai_dc)."""
    lang = article.get("language")
    root = etree.Element(f"{{{OAI_DC_NS}}}dc", nsmap={"oai_dc": OAI_DC_NS, "dc": DC_NS, "xsi": XSI_NS})
    root.set(f"{{{XSI_NS}}}schemaLocation", f"{OAI_DC_NS} http://www.openarchives.org/OAI/2.0/oai_dc.xsd")
    _dc(root, "title", cite.title_of(article), lang)
    for name in author_names(article):
        _dc(root, "creator", name.literal)
    by_lang = article.get("keywords_by_language") or {}
    subjects = [(k, kl) for kl in (*LANGS, *sorted(set(by_lang) - set(LANGS))) for k in by_lang.get(kl) or []]
    for keyword, kl in subjects or [(k, lang) for k in article.get("keywords") or []]:
        _dc(root, "subject", keyword, kl)
    abstracts = article.get("abstracts") or {}
    described = [(abstracts[k], k) for k in (*LANGS, *sorted(set(abstracts) - set(LANGS)))
                 if clean(abstracts.get(k))]
    for text, tl in described or [(article.get("abstract"), lang)]:
        _dc(root, "description", text, tl)
    _dc(root, "publisher", localized(volume.get("publisher"), lang))
    _dc(root, "date", iso_date(cite.publication_date(volume)))
    _dc(root, "type", "Text")
    _dc(root, "type", "info:eu-repo/semantics/conferenceObject")
    _dc(root, "identifier", article_url(article, volume))
    doi = article_doi(article, volume)
    if doi:
        _dc(root, "identifier", f"https://doi.org/{doi}")
    first, last = cite.page_range(article)
    pages = f"{first}-{last}" if last is not None else (str(first) if first is not None else None)
    source = "; ".join(p for p in (cite.volume_title(volume, lang), pages) if p)
    _dc(root, "source", source)  # the volume and pages, as OAI harvesters expect of a part
    _dc(root, "language", lang)
    _dc(root, "rights", volume.get("licence"))
    return root


def oai_static_repository(articles: list[dict], volume: Meta, base_url: str) -> Optional[str]:
    """An OAI-PMH Static Repository (one XML file) with the articles as oai_dc records.

    `base_url` is the OAI baseURL harvesters will use: the Static Repository Gateway's base URL,
    a slash, and this file's URL without "http://" (see the OAI static repository guidelines).
    Returns None when no datestamp can be had (no volume date and no SOURCE_DATE_EPOCH), since
    every OAI record needs one. `admin_email` and `repository_name` come from the volume when
    given; OAI-PMH requires an adminEmail, so a gateway will refuse a file without one.
    """
    stamp = _day(lastmod(volume))
    if not stamp:
        return None
    host = urlparse(base_url).hostname or urlparse(cite.site_base(volume) or "").hostname
    root = etree.Element(f"{{{SR_NS}}}Repository", nsmap={None: SR_NS, "oai": OAI_NS, "xsi": XSI_NS})
    root.set(f"{{{XSI_NS}}}schemaLocation",
             f"{SR_NS} http://www.openarchives.org/OAI/2.0/static-repository.xsd "
             f"{OAI_NS} http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd")
    ident = etree.SubElement(root, f"{{{SR_NS}}}Identify")
    name = (localized(volume.get("repository_name"), "en") or cite.volume_title(volume, "en")
            or host or "Proceedings")
    _oai(ident, "repositoryName", name)
    _oai(ident, "baseURL", base_url)
    _oai(ident, "protocolVersion", "2.0")
    emails = volume.get("admin_email") or []
    for email in [emails] if isinstance(emails, str) else emails:
        if clean(email):
            _oai(ident, "adminEmail", clean(email))
    _oai(ident, "earliestDatestamp", stamp)
    _oai(ident, "deletedRecord", "no")  # the only value a static repository may use
    _oai(ident, "granularity", "YYYY-MM-DD")

    formats = etree.SubElement(root, f"{{{SR_NS}}}ListMetadataFormats")
    fmt = _oai(formats, "metadataFormat")
    _oai(fmt, "metadataPrefix", "oai_dc")
    _oai(fmt, "schema", "http://www.openarchives.org/OAI/2.0/oai_dc.xsd")
    _oai(fmt, "metadataNamespace", OAI_DC_NS)

    records = etree.SubElement(root, f"{{{SR_NS}}}ListRecords", metadataPrefix="oai_dc")
    for article in articles:
        record = _oai(records, "record")
        header = _oai(record, "header")
        local = quote(str(article["id"]), safe="-_.!~*'();/?:@&=+$,")  # oai-identifier's characters
        _oai(header, "identifier", f"oai:{host or 'localhost'}:{local}")
        _oai(header, "datestamp", stamp)
        _oai(record, "metadata").append(_oai_dc(article, volume))
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + _xml(root)


def default_oai_base_url(volume: Meta, filename: str = "oai.xml") -> Optional[str]:
    """The baseURL for oai.xml: `oai_gateway` + "/" + the file's URL without its scheme when the
    volume names a gateway, else the file's own URL (to be changed once a gateway serves it)."""
    base = cite.site_base(volume)
    if not base:
        return None
    own = urljoin(base, filename)
    gateway = clean(volume.get("oai_gateway"))
    if gateway:
        return gateway.rstrip("/") + "/" + own.split("://", 1)[-1]
    return own


def article_files(article: dict, volume: Meta) -> dict[str, str]:
    """One article's downloads (BibTeX, RIS, CSL-JSON): site-relative path -> content."""
    one = [article]
    return {f"articles/{article['id']}.bib": cite.bibtex(one, volume),
            f"articles/{article['id']}.ris": cite.ris(one, volume),
            f"articles/{article['id']}.json": cite.csl_json_text(one, volume)}


def export_files(articles: list[dict], volume: Meta, page_urls: list[str],
                 oai_base_url: Optional[str] = None,
                 files_of: Optional[Callable[[dict], dict[str, str]]] = None
                 ) -> dict[str, str | bytes]:
    """Every download and harvest file of the volume: site-relative path -> content.

    `page_urls` are the site-relative URLs of all pages ("index.html", "articles/x.html", …) for
    the sitemap. The sitemap and oai.xml need site_url (their URLs must be absolute); oai.xml
    also needs a date (see `oai_static_repository`). `files_of(article)`: its `article_files`,
    when the caller keeps them (a one-off build's cache).
    """
    out: dict[str, str | bytes] = {}
    for article in filter(cite.citable, articles):  # no near-empty record for the others
        out.update(files_of(article) if files_of is not None else article_files(article, volume))
    out["volume.bib"] = cite.bibtex(articles, volume)
    out["volume.ris"] = cite.ris(articles, volume)
    out["volume-csl.json"] = cite.csl_json_text(articles, volume)
    site_url = clean(volume.get("site_url"))
    out["robots.txt"] = robots_txt(site_url)
    # Always written: without site_url the sitemap has no <url> (they must be absolute), and
    # replacing MkDocs' own copy keeps its build-day gzip timestamp out of the site.
    xml = sitemap_xml(page_urls, lastmod(volume), site_url)
    out["sitemap.xml"] = xml
    out["sitemap.xml.gz"] = sitemap_gz(xml)
    base = oai_base_url or default_oai_base_url(volume)
    if base:
        oai = oai_static_repository([a for a in articles if cite.citable(a)], volume, base)
        if oai:
            out["oai.xml"] = oai
    return out
