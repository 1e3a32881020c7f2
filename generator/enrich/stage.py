"""Stage 5, enrich: volume-wide knowledge built on the extracted articles.

Glossary (terms used by the articles, in kk/ru/en), reform timeline (dated events with their
source sentences) and people (one person per author or supervisor, whatever the script). The
helpers at the bottom turn that knowledge into the extra pages and files the site needs.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Optional
from collections.abc import Callable

from ..model import Article, Volume

BUNDLED_LEXICON = Path(__file__).parent.parent / "data" / "lexicon.yml"


def enrich(volume: Volume, glossary_path: Optional[Path] = None,
           people_corrections: Optional[dict] = None, cache: Optional[dict] = None) -> Volume:
    """Fill glossary, timeline and people. `cache` keeps per-article results between builds."""
    from .glossary import build_glossary, merge_entries, mine_article_pairs
    from .timeline import extract_events
    from .titlecase import fill_display_titles

    def part(name: str) -> Optional[dict]:
        return None if cache is None else cache.setdefault(name, {})

    paths = [BUNDLED_LEXICON] + ([Path(glossary_path)] if glossary_path and
                                 Path(glossary_path).exists() else [])
    lexicon = _lexicon(paths, cache)
    entries = merge_entries(lexicon, mine_article_pairs(volume.articles, lexicon))
    volume.glossary = build_glossary(volume.articles, entries, cache=part("glossary"))
    # Titles printed in capitals, in sentence case (the glossary's names help).
    fill_display_titles(volume, entries, cache=part("titles"))
    volume.timeline = extract_events(volume.articles, cache=part("timeline"))
    volume.people = _people(volume, people_corrections or {}, part("people"))
    return volume


def _people(volume: Volume, corrections: dict, cache: Optional[dict]):
    """People of the volume; clustered again only when a name, affiliation or correction changed
    (an edit to an article's text, the common preview case, reuses the last result)."""
    from .people import build_people

    arts = volume.articles
    key = repr([(a.id, [(x.name, x.affiliation) for x in a.authors], a.affiliation, a.supervisor)
                for a in arts] + [sorted(corrections.items(), key=str)])
    if cache is not None and cache.get("key") == key:
        for a, (persons, supervisor) in zip(arts, cache["assigned"]):
            for author, person in zip(a.authors, persons):
                author.person = person
            a.supervisor_person = supervisor
        volume.notes.extend(cache["notes"])
        return list(cache["people"])
    before = len(volume.notes)
    people = build_people(arts, {"people": corrections}, notes=volume.notes)
    if cache is not None:
        cache.update(key=key, people=list(people), notes=volume.notes[before:],
                     assigned=[([x.person for x in a.authors], a.supervisor_person) for a in arts])
    return people


def _lexicon(paths: list[Path], cache: Optional[dict]):
    """The bundled lexicon merged with the editor's glossary; re-read only when a file changed."""
    from .glossary import load_lexicon

    stamp = tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in paths)
    if cache is not None and cache.get("lexicon", (None,))[0] == stamp:
        return list(cache["lexicon"][1])
    entries = load_lexicon(paths)
    if cache is not None:
        cache["lexicon"] = (stamp, list(entries))
    return entries


def tooltip_annotator(volume: Volume,
                      lang: str = "kk") -> Callable[[Article], Callable[[str, str], str]]:
    """Per article: a function linking glossary terms to their entries (glossary_pages.py decides
    which; glossary.py finds them)."""
    from ..pages.glossary_pages import link_annotator

    return link_annotator(volume, lang)


def extra_pages(volume: Volume, lang: str = "kk") -> dict[str, str]:
    """Glossary, timeline and people pages, in the reader's language `lang`."""
    from ..pages.glossary_pages import render_glossary_pages, titles_of
    from ..pages.people_pages import render_people_pages
    from ..pages.timeline_page import render_timeline_pages

    pages: dict[str, str] = {}
    titles = titles_of(volume.articles, lang)
    if volume.glossary:
        pages.update(render_glossary_pages(volume.glossary, titles, lang))
    if volume.timeline:
        languages = {a.id: a.language or "und" for a in volume.articles}
        pages.update(render_timeline_pages(volume.timeline, titles, languages, lang))
    if volume.people:
        pages.update(render_people_pages(volume.people, volume.articles, lang=lang))
    return pages


def post_build_files(volume: Volume, config, options, lang: str = "kk") -> dict[str, str | bytes]:
    """Files written next to the pages: timeline.json, exports, harvest files, search index."""
    from ..pages.render import display_title
    from .timeline import to_timelinejs

    files: dict[str, str | bytes] = {}
    titles = {a.id: display_title(a, lang) for a in volume.articles}
    urls = {a.id: f"articles/{a.id}.html" for a in volume.articles}
    files["timeline.json"] = json.dumps(to_timelinejs(volume.timeline, titles, urls),
                                        ensure_ascii=False, indent=1) + "\n"
    meta = dict(volume.meta)
    if config.site_url and not meta.get("site_url"):
        meta["site_url"] = config.site_url
    if options.exports:
        from ..publish.harvest import export_files

        page_urls = [f"articles/{a.id}.html" for a in volume.articles] + ["index.html"]
        files.update(export_files([a.to_dict() for a in volume.articles], meta, page_urls))
        from ..publish.crossref import crossref_deposit

        stamp = os.environ.get("SOURCE_DATE_EPOCH") or str(meta.get("date", "0")).replace("-", "")
        xml = crossref_deposit([a.to_dict() for a in volume.articles], meta, stamp,
                               notes=volume.notes)
        if xml:
            files["crossref.xml"] = xml
    return files
