"""Publishing readiness: what Google Scholar, Crossref and OAI-PMH harvesters need that the volume
does not give yet, for `jinaq check` (a section) and the build (one line).

Jinaq never invents what is missing (no made-up date, title or PDF link): indexers then skip the
page or the field, and this module says which, and what the editor can add where.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Optional

from .cite import article_pdf, citable, clean, iso_date, licence_url, publication_date
from ..model import Meta, Volume

SHOWN_IDS = 8  # articles named per finding; the count says the rest


@dataclass
class Finding:
    indexer: str  # "Google Scholar" | "Crossref" | "OAI-PMH" | "All indexers"
    short: str  # a few words for the build's one line
    what: str  # what is missing and what it costs
    fix: str  # what the editor does


def findings(volume: Volume, meta: Optional[Meta] = None) -> list[Finding]:
    """What is missing, indexer by indexer. `meta`: the volume's metadata as the site publishes
    it (site_url filled in from mkdocs.yml), default volume.meta."""
    meta = volume.meta if meta is None else meta
    arts = [a.to_dict() for a in volume.articles]
    out: list[Finding] = []
    site_url = clean(meta.get("site_url"))
    dated = bool(iso_date(publication_date(meta)))
    if not dated:
        out.append(Finding("Google Scholar", "publication date",
                           "no publication date: no citation_publication_date (Scholar requires "
                           "it), no dates in citations, sitemap or oai.xml",
                           "add `date: 2024-04-21` (or 2024-04, 2024) to content/volume.yml"))
    if not site_url:
        out.append(Finding("All indexers", "site address",
                           "no site address: no canonical links, no absolute URLs in Scholar "
                           "tags and exports, an empty sitemap, no oai.xml",
                           "add `site_url: https://…/` to content/volume.yml or mkdocs.yml"))
    if not clean(_localized_title(meta)):
        out.append(Finding("Google Scholar", "volume title",
                           "no volume title: no citation_conference_title",
                           "add `title:` to content/volume.yml"))
    untitled = [a["id"] for a in arts if not clean(a.get("title_display") or a.get("title"))]
    if untitled:
        out.append(Finding("Google Scholar", f"titles ({len(untitled)})",
                           f"{len(untitled)} article(s) without a title: no "
                           f"citation_title, so Scholar and Crossref skip them: {_ids(untitled)}",
                           "give each a `title:` in content/corrections.yml"))
    authorless = [a["id"] for a in arts if not any(clean(x.get("name")) for x in a["authors"])]
    if authorless:
        out.append(Finding("Google Scholar", f"authors ({len(authorless)})",
                           f"{len(authorless)} article(s) without an author "
                           f"(citation_author is required): {_ids(authorless)}",
                           "give each `authors:` in content/corrections.yml"))
    silent = [a["id"] for a in arts if not citable(a)]
    if silent:
        out.append(Finding("All indexers", f"references ({len(silent)})",
                           f"{len(silent)} article(s) with neither title nor "
                           f"author get no BibTeX, RIS or CSL-JSON and no OAI record: "
                           f"{_ids(silent)}", "correct them in content/corrections.yml"))
    no_pdf = [a["id"] for a in arts if not article_pdf(a, meta)]
    if no_pdf:
        whole = " (the whole volume's pdf_url does not count: Scholar wants each article's)" \
            if clean(meta.get("pdf_url")) else ""
        out.append(Finding("Google Scholar", f"article PDFs ({len(no_pdf)})",
                           f"{len(no_pdf)} article(s) without their own PDF "
                           f"link: no citation_pdf_url{whole}",
                           "publish each article's PDF and add `article_pdf_url: "
                           "https://…/{id}.pdf` to content/volume.yml"))
    if clean(meta.get("licence") or meta.get("license")) and not licence_url(meta):
        out.append(Finding("All indexers", "licence URL",
                           "the licence is not a URL nor a Creative Commons name: the JSON-LD "
                           "gives no license", "write `licence:` as a URL"))
    out += _crossref(meta, untitled)
    out += _oai(meta, site_url, dated)
    return out


def _crossref(meta: Meta, untitled: list[str]) -> list[Finding]:
    from .crossref import missing_fields

    if not (clean(meta.get("doi_prefix")) or meta.get("depositor")):
        return [Finding("Crossref", "", "no DOIs: the volume registers none (doi_prefix, "
                        "depositor)", "only if the publisher registers DOIs: see "
                        "generator/data/volume.example.yml")]
    out = []
    missing = missing_fields(meta)
    if missing:
        out.append(Finding("Crossref", "crossref.xml",
                           f"no crossref.xml: volume.yml lacks {', '.join(missing)}",
                           "add them to content/volume.yml"))
    if untitled:
        out.append(Finding("Crossref", "",
                           f"{len(untitled)} untitled article(s) cannot be deposited",
                           "give them titles in content/corrections.yml"))
    return out


def _oai(meta: Meta, site_url: Optional[str], dated: bool) -> list[Finding]:
    lack = []
    if not site_url:
        lack.append("site_url")
    if not dated and not os.environ.get("SOURCE_DATE_EPOCH", "").strip().isdigit():
        lack.append("date")
    if lack:
        return [Finding("OAI-PMH", "oai.xml", f"no oai.xml: it needs {' and '.join(lack)}",
                        "add them to content/volume.yml")]
    if not meta.get("admin_email"):
        return [Finding("OAI-PMH", "OAI admin e-mail",
                        "oai.xml has no adminEmail: a gateway will refuse it",
                        "add `admin_email:` to content/volume.yml")]
    return []


def _localized_title(meta: Meta) -> Optional[str]:
    from .cite import localized

    return localized(meta.get("title"), None)


def _ids(ids: list[str]) -> str:
    shown = ", ".join(ids[:SHOWN_IDS])
    return shown + (f" and {len(ids) - SHOWN_IDS} more" if len(ids) > SHOWN_IDS else "")


def report_section(volume: Volume, meta: Optional[Meta] = None) -> list[str]:
    """The `jinaq check` section, one finding a line, grouped by indexer."""
    found = findings(volume, meta)
    lines = ["Publishing readiness (what Google Scholar, Crossref and OAI harvesters need and "
             "the volume lacks):"]
    if not found:
        return lines + ["  nothing missing"]
    for indexer in dict.fromkeys(f.indexer for f in found):
        lines.append(f"  {indexer}:")
        for f in (f for f in found if f.indexer == indexer):
            lines.append(f"    - {f.what}")
            lines.append(f"      → {f.fix}")
    return lines


def summary(volume: Volume, meta: Optional[Meta] = None) -> str:
    """One line for the build: what indexers miss, or '' when nothing that matters (DOIs are
    optional)."""
    heads = list(dict.fromkeys(f.short for f in findings(volume, meta) if f.short))
    if not heads:
        return ""
    return (f"publishing readiness: indexers miss {', '.join(heads)}; "
            "`jinaq check` says what to add")
