"""The enrich stage: volume-wide knowledge built on the extracted articles.

Glossary (terms used by the articles, in kk/ru/en), titles printed in capitals in sentence case,
reform timeline (dated events with their source sentences) and people (one person per author or
supervisor, whatever the script). Pages and exports of them are made elsewhere (pages/,
publish/); the pipeline calls `enrich` after extraction.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from ..model import Volume



def enrich(volume: Volume, glossary_path: Optional[Path] = None,
           people_corrections: Optional[dict] = None, cache: Optional[dict] = None) -> Volume:
    """Fill glossary, timeline and people. `cache` keeps per-article results between builds."""
    from .glossary import (BUNDLED_LEXICON, build_glossary, merge_entries, mine_article_pairs,
                           share_phrases)
    from .timeline import extract_events
    from .titlecase import fill_display_titles

    def part(name: str) -> Optional[dict]:
        return None if cache is None else cache.setdefault(name, {})

    if cache is not None:  # the terms' spellings, stemmed once for all builds
        share_phrases(cache.setdefault("phrases", {}))

    paths = [BUNDLED_LEXICON] + ([Path(glossary_path)] if glossary_path and
                                 Path(glossary_path).exists() else [])
    lexicon = _lexicon(paths, cache)
    entries = merge_entries(lexicon, mine_article_pairs(volume.articles, lexicon,
                                                        memo=part("pairs")))
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
