"""The enrich stage: volume-wide knowledge built on the extracted articles.

Glossary (terms used by the articles, in kk/ru/en), titles printed in capitals in sentence case,
reform timeline (dated events with their source sentences) and people (one person per author or
supervisor, whatever the script). Pages and exports of them are made elsewhere (pages/,
publish/); the pipeline calls `enrich` after extraction.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from ..fingerprint import Fingerprints
from ..model import Article, GlossaryEntry, Person, TimelineEvent, Volume
from ..util.memo import Memo, remember


@dataclass
class EnrichMemo:
    """What the enrich stage keeps between builds (a part of pipeline.BuildCache)."""

    # The lexicon's spellings, stemmed once for all builds, and the filters of their keys
    # (glossary.share_phrases).
    phrases: dict[Any, Any] = field(default_factory=dict)
    relevances: dict[Any, Any] = field(default_factory=dict)
    # The bundled lexicon merged with the editor's glossary, by the files' stamps.
    lexicon: Optional[tuple[tuple[Any, ...], list[GlossaryEntry]]] = None
    # Per article, by its fingerprint: the kk–ru pairs it gives (glossary.article_pairs).
    pairs: Memo[str, list[tuple[str, str]]] = field(default_factory=Memo)
    # Per article, by the entries' signature and its fingerprint: the terms it uses.
    terms: Memo[tuple[str, str], dict[int, int]] = field(default_factory=Memo)
    # Per title in capitals, by what its case depends on (titlecase.TitleCaser.key).
    titles: Memo[tuple[Any, ...], str] = field(default_factory=Memo)
    # Per article, by its fingerprint: its dated events (timeline.article_events).
    events: Memo[str, list[tuple[TimelineEvent, str]]] = field(default_factory=Memo)
    # The people, by every name, affiliation and correction they are made from (_people).
    people: Optional[tuple[str, dict[str, Any]]] = None


def enrich(volume: Volume, glossary_path: Optional[Path] = None,
           people_corrections: Optional[dict[str, Any]] = None,
           memo: Optional[EnrichMemo] = None,
           fingerprint: Optional[Callable[[Article], str]] = None) -> Volume:
    """Fill glossary, timeline and people. With `memo` (kept between builds) an article's
    results are reused while its `fingerprint` (by default fingerprint.Fingerprints) is the
    same."""
    from .glossary import (BUNDLED_LEXICON, TermCounter, article_pairs, merge_entries,
                           mine_article_pairs, share_phrases)
    from .timeline import article_events, merge_events
    from .titlecase import TitleCaser, titles_in_capitals

    fingerprint = fingerprint or Fingerprints()

    def per_article(part: Optional[Memo[Any, Any]], fn: Callable[[Article], Any],
                    articles: list[Article], key: Callable[[Article], Any] = fingerprint
                    ) -> list[Any]:
        # (each result by what it is made from; the articles shared out over the cores)
        return remember(part, fn, articles, key=key, size=_size)

    if memo is not None:  # the terms' spellings, stemmed once for all builds
        share_phrases(memo.phrases, memo.relevances)
    arts = volume.articles
    paths = [BUNDLED_LEXICON] + ([Path(glossary_path)] if glossary_path and
                                 Path(glossary_path).exists() else [])
    lexicon = _lexicon(paths, memo)
    pairs = per_article(memo.pairs if memo else None, article_pairs, arts)
    entries = merge_entries(lexicon, mine_article_pairs(arts, lexicon, pairs=pairs))
    counter = TermCounter(entries)
    terms = per_article(memo.terms if memo else None, counter, arts,
                        key=lambda a: (counter.signature, fingerprint(a)))
    volume.glossary = counter.glossary(arts, terms)
    # Titles printed in capitals, in sentence case (the glossary's names help).
    todo = titles_in_capitals(arts)
    if todo:
        caser = TitleCaser(entries)
        titles = per_article(memo.titles if memo else None, caser, todo,
                             key=lambda a: caser.key(fingerprint(a)))
        for a, title in zip(todo, titles):
            a.title_display = title
    elif memo is not None:
        memo.titles.done()  # (none used: the last build's leave)
    events = per_article(memo.events if memo else None, article_events, arts)
    volume.timeline = merge_events(arts, events)
    volume.people = _people(volume, people_corrections or {}, memo)
    return volume


def _size(a: Article) -> int:
    return len(a.body)


def _people(volume: Volume, corrections: dict[str, Any], memo: Optional[EnrichMemo]) -> list[Person]:
    """People of the volume; clustered again only when a name, affiliation or correction changed
    (an edit to an article's text, the common preview case, reuses the last result)."""
    from .people import build_people

    arts = volume.articles
    key = repr([(a.id, [(x.name, x.affiliation) for x in a.authors], a.affiliation, a.supervisor)
                for a in arts] + [sorted(corrections.items(), key=str)])
    if memo is not None and memo.people is not None and memo.people[0] == key:
        kept = memo.people[1]
        for a, (persons, supervisor) in zip(arts, kept["assigned"]):
            for author, person in zip(a.authors, persons):
                author.person = person
            a.supervisor_person = supervisor
        volume.notes.extend(kept["notes"])
        return list(kept["people"])
    before = len(volume.notes)
    people = build_people(arts, {"people": corrections}, notes=volume.notes)
    if memo is not None:
        memo.people = (key, {
            "people": list(people), "notes": volume.notes[before:],
            "assigned": [([x.person for x in a.authors], a.supervisor_person) for a in arts]})
    return people


def _lexicon(paths: list[Path], memo: Optional[EnrichMemo]) -> list[GlossaryEntry]:
    """The bundled lexicon merged with the editor's glossary; re-read only when a file changed."""
    from .glossary import load_lexicon

    stamp = tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in paths)
    if memo is not None and memo.lexicon is not None and memo.lexicon[0] == stamp:
        return list(memo.lexicon[1])
    entries = load_lexicon(paths)
    if memo is not None:
        memo.lexicon = (stamp, list(entries))
    return entries
