"""The pipeline, read -> clean -> segment -> extract -> enrich: an input path to a Volume.

Each stage takes the previous stage's dataclasses and nothing else; this module is the only place
that knows their order. `extract_volume` is the library entry point that `jinaq extract`, the
MkDocs plugin, the evaluation and the benchmark all call.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Optional

from . import corrections as corr
from .clean import clean
from .enrich import enrich
from .errors import JinaqError
from .extract import extract
from .model import Article, Volume
from .read import read_input
from .segment import segment
from .textutil import slug

# Names Windows refuses as file names, whatever the extension.
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)),
             *(f"lpt{i}" for i in range(10)), "index", "search", "assets"}


def extract_volume(path: str | Path, corrections: Optional[Path] = None,
                   glossary: Optional[Path] = None, volume_meta: Optional[dict] = None,
                   do_enrich: bool = True) -> Volume:
    sources = read_input(path)
    fixes = corr.load_corrections(corrections)
    articles: list[Article] = []
    for n, src in enumerate(sources):
        cleaned = clean(src)
        split, skip = corr.for_source(fixes, src.name)
        last_line = max((i for i, line in enumerate(src.lines, 1) if line), default=len(src.lines))
        segs = segment(src.name, cleaned.blocks, cleaned.total_lines, last_line, split, skip)
        for m, seg in enumerate(segs):
            is_last = n == len(sources) - 1 and m == len(segs) - 1
            articles.append(extract(seg, is_last=is_last))
    if not articles:
        raise JinaqError("no article found in the input", str(path),
                         hint="is this the text of a proceedings volume?")
    assign_ids(articles)
    articles = corr.apply(fixes, articles)
    _check_unique(articles, fixes)
    volume = Volume(source=[s.name for s in sources], articles=articles, meta=volume_meta or {})
    if do_enrich:
        enrich(volume, glossary_path=glossary, people_corrections=fixes.people)
    return volume


def assign_ids(articles: list[Article]) -> None:
    """Stable, unique, file-system-safe ids: the title's slug, else the source and first line."""
    seen: dict[str, int] = {}
    for a in articles:
        base = slug(a.title or "", max_length=60) if a.title else ""
        if not base:
            stem = slug(re.sub(r"\.[^.]*$", "", a.source), max_length=40) or "article"
            base = f"{stem}-{a.lines[0]}"
        if base in _RESERVED or base[0].isdigit() and not a.title is None:
            base = f"a-{base}"
        n = seen.get(base, 0) + 1
        seen[base] = n
        a.id = base if n == 1 else f"{base}-{n}"


def _check_unique(articles: list[Article], fixes: corr.Corrections) -> None:
    ids: set[str] = set()
    for a in articles:
        if a.id in ids or not re.fullmatch(r"[a-z0-9][a-z0-9._-]*", a.id):
            raise JinaqError(f"article id '{a.id}' is not unique or not a plain slug",
                             fixes.path, fixes.lines.get(a.id),
                             hint="ids are lower-case letters, digits, '-', '.', '_'")
        ids.add(a.id)
