"""The pipeline, read -> clean -> segment -> extract -> enrich: an input path to a Volume.

Each stage takes the previous stage's dataclasses and nothing else; this module is the only place
that knows their order. `extract_volume` is the library entry point that `jinaq extract`, the
MkDocs plugin, the evaluation and the benchmark all call.
"""
from __future__ import annotations

import dataclasses
import hashlib
import re
from pathlib import Path
from typing import Optional

from . import corrections as corr
from . import ids as idfile
from . import parallel
from .clean import clean
from .enrich import enrich
from .errors import JinaqError
from .extract import extract, warm_up
from .model import Article, Volume
from .read import read_input
from .segment import segment


def extract_volume(path: str | Path, corrections: Optional[Path | corr.Corrections] = None,
                   glossary: Optional[Path] = None, volume_meta: Optional[dict] = None,
                   do_enrich: bool = True, cache: Optional[dict] = None,
                   ids: Optional[Path | idfile.IdRegistry] = None,
                   skip_bad: bool = False) -> Volume:
    """The volume model of an input. `cache`, a dict the caller keeps between builds (the preview
    server does), lets unchanged source files and articles skip their stages. `ids`: the
    editor's ids file (ids.py; without one, ids are derived from titles and lines); the new
    articles' entries wait in the registry's `new` for its `write_new()`. `corrections` may be
    loaded already (leniently, by `jinaq check`)."""
    sources = read_input(path, skip_bad=skip_bad)
    fixes = (corrections if isinstance(corrections, corr.Corrections)
             else corr.load_corrections(corrections))
    registry = ids if isinstance(ids, idfile.IdRegistry) or ids is None \
        else idfile.IdRegistry.load(ids)
    articles: list[Article] = []
    per_source = cache.setdefault("sources", {}) if cache is not None else None
    jobs = []
    for n, src in enumerate(sources):
        split, skip = corr.for_source(fixes, src.name)
        is_last = n == len(sources) - 1
        jobs.append(((src.name, _digest(src.lines), split, skip, is_last), src))
    todo = [(key, src) for key, src in jobs if per_source is None or key not in per_source]
    done = dict(zip((key for key, _ in todo), _extract_many(todo)))
    used: set = set()
    for key, _ in jobs:
        if key in done:
            extracted = done[key]
            if per_source is not None:
                for a in extracted:
                    a.fingerprint()  # computes blocks_digest once; the cached copies keep it
                per_source[key] = [_fresh_copy(a) for a in extracted]
        else:
            extracted = [_fresh_copy(a) for a in per_source[key]]
        used.add(key)
        articles.extend(extracted)
    if per_source is not None:
        for stale in set(per_source) - used:
            del per_source[stale]
    if not articles:
        raise JinaqError("no article found in the input", str(path),
                         hint="is this the text of a proceedings volume?")
    assign_ids(articles, registry, sources)
    corr.check_positions(fixes, sources, articles)
    articles = corr.apply(fixes, articles, registry.redirects() if registry else {})
    _check_unique(articles, fixes)
    volume = Volume(source=[s.name for s in sources], articles=articles, meta=volume_meta or {},
                    redirects=idfile.all_redirects(registry, fixes, articles))
    if do_enrich:
        enrich(volume, glossary_path=glossary, people_corrections=fixes.people, cache=cache)
    return volume


def _extract_many(todo: list) -> list[list[Article]]:
    """Extract several source files, in parallel processes when the volume is large."""
    args = [(src, key[2], key[3], key[4]) for key, src in todo]
    sizes = [sum(len(line) for line in src.lines) for _, src in todo]
    if parallel.will_fork(sizes):
        warm_up()  # the workers inherit the language models instead of loading them each
    return parallel.map_shared(_extract_source_args, args, sizes)


def _extract_source_args(args) -> list[Article]:
    return _extract_source(*args)


def _extract_source(src, split, skip, is_last_source: bool) -> list[Article]:
    """clean -> segment -> extract for one source file."""
    cleaned = clean(src)
    last_line = max((i for i, line in enumerate(src.lines, 1) if line), default=len(src.lines))
    segs = segment(src.name, cleaned.blocks, cleaned.total_lines, last_line, split, skip)
    return [extract(seg, is_last=is_last_source and m == len(segs) - 1)
            for m, seg in enumerate(segs)]


def _digest(lines: list[str]) -> str:
    return hashlib.sha256("\n".join(lines).encode("utf-8", "surrogatepass")).hexdigest()


def _fresh_copy(a: Article) -> Article:
    """A copy later stages may change (ids, corrections, people) without touching the cache."""
    return dataclasses.replace(
        a, authors=[dataclasses.replace(x) for x in a.authors], abstracts=dict(a.abstracts),
        keywords=list(a.keywords), references=list(a.references), lines=list(a.lines),
        keywords_by_language={k: list(v) for k, v in a.keywords_by_language.items()},
        terms={}, anchors={})


def assign_ids(articles: list[Article], registry: Optional[idfile.IdRegistry] = None,
               sources: list = ()) -> None:
    """Stable, unique, file-system-safe ids: those the editor's ids file records for articles
    it recognises; else (and for new articles) the title's slug, else the source and first line.
    """
    if registry is not None:
        registry.assign(articles, sources)
    else:
        idfile.derive(articles)


def _check_unique(articles: list[Article], fixes: corr.Corrections) -> None:
    ids: set[str] = set()
    for a in articles:
        if a.id in ids or not re.fullmatch(r"[a-z0-9][a-z0-9._-]*", a.id):
            raise JinaqError(f"article id '{a.id}' is not unique or not a plain slug",
                             fixes.path, fixes.lines.get(a.id),
                             hint="ids are lower-case letters, digits, '-', '.', '_'")
        ids.add(a.id)
