"""The pipeline, read -> clean -> segment -> extract -> enrich -> pages: the one place that knows
the order of the stages.

Each stage takes the previous stage's dataclasses and nothing else. `extract_volume` (input ->
Volume) is what `jinaq extract`, `jinaq check`, the evaluation and the benchmark call;
`build_site` (input -> Volume and its pages) is what the MkDocs plugin calls, for `mkdocs build`,
`jinaq build` and the preview alike. A preview keeps one `BuildCache` between builds, so a
rebuild redoes only what an edit changed.
"""
from __future__ import annotations

import bisect
import dataclasses
import hashlib
import logging
import operator
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from .enrich.stage import EnrichMemo, enrich
from .errors import JinaqError
from .fingerprint import Fingerprints, content_digest
from .ingest import corrections as corr
from .ingest import ids as idfile
from .ingest.clean import CleanMemo, clean
from .ingest.extract import extract_all, language_answers, warm_up
from .ingest.read import ReadMemo, read_input
from .ingest.segment import KindKey, Segment, segment
from .language.textutil import slug
from .model import (Article, Block, Furniture, GlossaryEntry, Person, Region, SourceText,
                    TimelineEvent, Volume, VolumeMeta)
from .pages.mdtext import blocks_to_markdown
from .pages.memo import PageMemo
from .quality.coverage import ranges
from .util import parallel, stamped
from .util.memo import view_key
from .util.collector import fewer_collections
from .util.progress import Progress

log = logging.getLogger(__name__)


@dataclass
class BuildCache:
    """What a preview keeps between builds, and a one-off build saves for the next (`save`,
    `load`). Each part is keyed by what it was made from, so nothing stale is ever reused."""

    # What each input file was read as, by its bytes (ingest/read.py): an unchanged text file
    # is not decoded and split again (0.3 s for 17 MB), an unchanged PDF not parsed again.
    read: ReadMemo = field(default_factory=dict)
    # The ids file as last parsed, and its matching's sketches and slugs (ingest/ids.py).
    ids: idfile.IdsMemo = field(default_factory=idfile.IdsMemo)
    # The last build's result, by a digest of every input file and the options. Not saved
    # with the rest (as big as all the other parts, and rebuilt from them in about the time it
    # takes to read): the saved file keeps its digest only, as `saved_key`.
    site: Optional[tuple[str, tuple[Volume, dict[str, str]]]] = None
    saved_key: Optional[str] = None
    # Per source file (by its _SourceKey): what clean -> segment -> extract gave.
    sources: dict[Any, SourceResult] = field(default_factory=dict)
    # Per source file name: what its last clean and segmentation did (FileMemo), so an edit to
    # a large file cleans again only what it touched. The preview's only (None: not kept): kept
    # where the cleaning runs, and too big to save (as big as the text).
    memos: Optional[dict[str, FileMemo]] = None
    # The enrich stage's results (glossary, titles, timeline, people) by what each is made of.
    enrich: EnrichMemo = field(default_factory=EnrichMemo)
    # The pages, each by a hash of what it shows.
    pages: PageMemo = field(default_factory=PageMemo)
    # The last build's articles' fingerprints: what the memos above know an article by. Made
    # again by each build (from `sources`' digests), and not saved.
    fingerprints: Fingerprints = field(default_factory=Fingerprints)
    # The names of the files that hold what `sources` and `read` hold (save, load).
    _stored: set[str] = field(default_factory=set, repr=False, compare=False)
    _read_stored: set[str] = field(default_factory=set, repr=False, compare=False)

    # A one-off `jinaq build` keeps the cache in a file between runs (util/stamped.py), so a
    # build after a small edit redoes what the preview would. Each source file's result, and
    # what each input file was read as, is a file of its own beside it (`<path>.sources/`,
    # `<path>.read/`), written once: an edit rewrites one of each.
    @classmethod
    def load(cls, path: Path) -> BuildCache:
        """The cache the last build left at `path`; an empty one when there is none, it is
        unreadable, or other code made it."""
        # (the collector paused for the whole load, not file by file: between two files it
        # walked all that the files before had made, 0.2 s of a build after an edit)
        with stamped.gc_paused():
            cache = stamped.load(path)
            if not isinstance(cache, cls):
                return cls()
            cache.sources, cache._stored = _load_apart(_sources_folder(path))
            cache.read, cache._read_stored = _load_apart(_readings_folder(path))
        return cache

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["read"] = {}  # (in files of their own)
        state["site"] = None
        state["saved_key"] = self.built_key()
        state["sources"] = {}  # (in files of their own)
        state["memos"] = None
        state["fingerprints"] = Fingerprints()
        state.pop("_stored", None)
        state.pop("_read_stored", None)
        return state

    def built_key(self) -> Optional[str]:
        """The digest of the input of the last build (or of the one that saved this cache)."""
        return self.site[0] if self.site is not None else self.saved_key

    def save(self, path: Path) -> None:
        """Write the cache to `path` (a new file renamed over the old one), and the source
        results and files read it has not written yet to their files; remove the others."""
        self._stored = _save_apart(_sources_folder(path), self.sources, self._stored)
        self._read_stored = _save_apart(_readings_folder(path), self.read, self._read_stored)
        stamped.save(path, self)


def _sources_folder(path: Path) -> Path:
    return path.with_name(path.name + ".sources")


def _readings_folder(path: Path) -> Path:
    return path.with_name(path.name + ".read")


def _save_apart(folder: Path, entries: dict[Any, Any], stored: set[str]) -> set[str]:
    """Each entry a file of its own in `folder`, written unless `stored` names it (written or
    read before); files of entries no longer there removed. Returns the names written."""
    names = {_entry_name(key): key for key in entries}
    for name, key in sorted(names.items()):
        if name not in stored:
            stamped.save(folder / name, (key, entries[key]))
    for old in sorted(folder.iterdir()) if folder.is_dir() else []:
        if old.name not in names:  # another entry's, other code's, a write cut short
            old.unlink(missing_ok=True)
    return set(names)


def _load_apart(folder: Path) -> tuple[dict[Any, Any], set[str]]:
    """What `_save_apart` wrote in `folder`, and the names of the files it came from."""
    entries: dict[Any, Any] = {}
    names: set[str] = set()
    for name in sorted(os.listdir(folder)) if folder.is_dir() else []:
        entry = stamped.load(folder / name)
        if isinstance(entry, tuple) and len(entry) == 2 and name == _entry_name(entry[0]):
            entries[entry[0]] = entry[1]
            names.add(name)
    return entries, names


def _entry_name(key: Any) -> str:
    # (stable_repr: a key holds a set of line numbers)
    return hashlib.sha256(stamped.stable_repr(key).encode("utf-8", "surrogatepass")
                          ).hexdigest()[:32] + ".pickle"


# What decides one source file's extraction: its name, a digest of its lines, the editor's
# split and skip lines, whether it is the last file, and a digest of a PDF's layout.
_SourceKey = tuple[str, str, frozenset[int], tuple[tuple[int, int], ...], bool, str]


@dataclass
class SourceResult:
    """What one source file gives: its articles, its named regions and its page furniture."""

    articles: list[Article]
    regions: list[Region] = field(default_factory=list)
    furniture: list[Furniture] = field(default_factory=list)
    # Line ranges no article or region owns and no furniture rule removed (should be none):
    # warned about on every build, the cached ones too.
    lost: list[tuple[int, int]] = field(default_factory=list)
    # The language model's answers its extraction used (extract.language_answers)
    languages: dict[bytes, Optional[str]] = field(default_factory=dict)
    # Each article's segment, by a digest (`_segment_key`): what the next extraction of the
    # edited file takes unchanged articles by
    segments: list[str] = field(default_factory=list)
    # Each article's fingerprint.content_digest, made where it was extracted (when kept)
    digests: list[str] = field(default_factory=list)
    # The file's memo, when one was given (BuildCache.memos): back from a worker process to the
    # preview's. Taken out before the result is kept.
    memo: Optional[FileMemo] = None


@dataclass
class FileMemo:
    """What a preview keeps of a source file's last clean and segmentation (BuildCache.memos)."""

    clean: CleanMemo = field(default_factory=CleanMemo)
    kinds: dict[KindKey, str] = field(default_factory=dict)  # segment.block_kinds'


@fewer_collections()
def extract_volume(path: str | Path, corrections: Optional[Path | corr.Corrections] = None,
                   glossary: Optional[Path] = None, volume_meta: Optional[VolumeMeta] = None,
                   do_enrich: bool = True, cache: Optional[BuildCache] = None,
                   ids: Optional[Path | idfile.IdRegistry] = None,
                   skip_bad: bool = False) -> Volume:
    """The volume model of an input. `cache`, kept between builds (the preview does), lets
    unchanged source files and articles skip their stages. `ids`: the
    editor's ids file (ids.py; without one, ids are derived from titles and lines); the new
    articles' entries wait in the registry's `new` for its `write_new()`. `corrections` may be
    loaded already (leniently, by `jinaq check`)."""
    sources = read_input(path, skip_bad=skip_bad, order=(volume_meta or {}).get("files"),
                         memo=cache.read if cache is not None else None)
    fixes = (corrections if isinstance(corrections, corr.Corrections)
             else corr.load_corrections(corrections))
    registry = ids if isinstance(ids, idfile.IdRegistry) or ids is None \
        else idfile.IdRegistry.load(ids)
    articles: list[Article] = []
    regions: list[Region] = []
    furniture: list[Furniture] = []
    per_source = cache.sources if cache is not None else None
    if cache is not None:
        cache.fingerprints = Fingerprints(last=cache.fingerprints)
    jobs: list[tuple[_SourceKey, SourceText]] = []
    for n, src in enumerate(sources):
        split, skip = corr.for_source(fixes, src.name)
        is_last = n == len(sources) - 1
        # (A PDF's layout decides furniture, titles and whether the file is one article.)
        layout = _digest([repr(src.layout), str(src.single)]) if src.layout is not None else ""
        jobs.append(((src.name, _digest(src.lines), split, skip, is_last, layout), src))
    todo = [(key, src) for key, src in jobs if per_source is None or key not in per_source]
    # (the language model's answers of the last build: no model loaded for texts it asked about)
    known = {k: v for r in per_source.values() for k, v in r.languages.items()} \
        if per_source and todo else {}
    memos = cache.memos if cache is not None else None
    if memos is not None:  # (a file gone, or renamed: its memo with it)
        for gone in set(memos) - {src.name for src in sources}:
            del memos[gone]
    done = dict(zip((key for key, _ in todo),
                    _extract_many(todo, known, per_source, memos)))
    used: set[_SourceKey] = set()
    for key, _ in jobs:
        if key in done:
            result = done[key]
            if memos is not None and result.memo is not None:
                memos[key[0]], result.memo = result.memo, None
            if per_source is not None:
                per_source[key] = _fresh_result(result)
        else:
            assert per_source is not None  # only cached results are not done now
            result = _fresh_result(per_source[key])
        used.add(key)
        if cache is not None:
            for a, digest in zip(result.articles, result.digests):
                cache.fingerprints.note(a, digest)
        for first, last in result.lost:
            log.warning(f"jinaq: warning: {key[0]}:{first}-{last}: text no article or region owns")
        articles.extend(result.articles)
        regions.extend(result.regions)
        furniture.extend(result.furniture)
    if per_source is not None:
        for stale in set(per_source) - used:
            del per_source[stale]
    if not articles:
        raise JinaqError("no article found in the input", str(path),
                         hint="is this the text of a proceedings volume?")
    assign_ids(articles, registry, sources)
    _region_ids(regions)
    corr.check_positions(fixes, sources, articles)
    articles = corr.apply(fixes, articles, registry.redirects() if registry else {})
    _check_unique(articles, fixes)
    volume = Volume(source=[s.name for s in sources], articles=articles, meta=volume_meta or {},
                    redirects=idfile.all_redirects(registry, fixes, articles),
                    regions=regions, furniture=furniture)
    if do_enrich:
        enrich(volume, glossary_path=glossary, people_corrections=fixes.people,
               memo=cache.enrich if cache is not None else None,
               fingerprint=cache.fingerprints if cache is not None else None)
    return volume


def _extract_many(todo: list[tuple[_SourceKey, SourceText]],
                  known: Optional[dict[bytes, Optional[str]]] = None,
                  last: Optional[dict[_SourceKey, SourceResult]] = None,
                  memos: Optional[dict[str, FileMemo]] = None) -> list[SourceResult]:
    """Extract several source files, in parallel processes when the volume is large. `last`:
    the last build's results (None: no cache), whose articles are taken where a segment is
    unchanged; `memos`: the preview's memos, by file name (BuildCache.memos)."""
    def reusable(name: str) -> Optional[dict[str, tuple[Article, str]]]:
        if last is None:
            return None
        return {k: (a, d) for key, r in last.items() if key[0] == name
                for k, a, d in zip(r.segments, r.articles, r.digests)}

    args = [(src, key[2], key[3], key[4], known, reusable(key[0]),
             memos.setdefault(key[0], FileMemo()) if memos is not None else None)
            for key, src in todo]
    sizes = [sum(len(line) for line in src.lines) for _, src in todo]
    warm_up(sizes)  # (the workers inherit the language models instead of loading them each)
    return parallel.map_shared(_extract_source_args, args, sizes)


def _extract_source_args(args: tuple[SourceText, frozenset[int], tuple[tuple[int, int], ...],
                                     bool, Optional[dict[bytes, Optional[str]]],
                                     Optional[dict[str, tuple[Article, str]]],
                                     Optional[FileMemo]]
                         ) -> SourceResult:
    src, split, skip, is_last, known, reuse, memo = args
    with language_answers(known or {}) as used:
        result = _extract_source(src, split, skip, is_last, reuse, memo)
    result.languages = used
    return result


def _extract_source(src: SourceText, split: frozenset[int], skip: tuple[tuple[int, int], ...],
                    is_last_source: bool,
                    reuse: Optional[dict[str, tuple[Article, str]]] = None,
                    memo: Optional[FileMemo] = None) -> SourceResult:
    """clean -> segment -> extract for one source file: a partition of its lines into articles,
    regions and furniture. `reuse`: articles extracted before, with their content digests, by
    their segment's key (the file's other articles, after an edit to one; None: nothing is
    kept, and neither keys nor digests are made);
    `memo`: what the last clean and segmentation of the file did (a preview keeps it)."""
    cleaned = clean(src, memo.clean if memo is not None else None)
    last_line = max((i for i, line in enumerate(src.lines, 1) if line), default=len(src.lines))
    segs = segment(src.name, cleaned.blocks, cleaned.total_lines, last_line, split, skip,
                   single=src.single, kinds_memo=memo.kinds if memo is not None else None)
    result = SourceResult([], memo=memo)
    last_article = max((m for m, seg in enumerate(segs) if seg.kind == "article"), default=-1)
    found: dict[int, Article] = {}
    digests: dict[int, str] = {}
    todo: list[tuple[int, tuple[Segment, bool]]] = []
    for m, seg in enumerate(segs):
        if seg.kind == "article":
            is_last = (is_last_source and m == len(segs) - 1
                       or is_last_source and m == last_article and segs[-1].kind != "article")
            last = None
            if reuse is not None:  # (the key hashes the whole segment: only when kept)
                key = _segment_key(seg, is_last)
                last = reuse.get(key)
                result.segments.append(key)
            if last is not None:
                found[m], digests[m] = _fresh_copy(last[0]), last[1]
            else:
                todo.append((m, (seg, is_last)))
    found.update(zip((m for m, _ in todo), extract_all([item for _, item in todo])))
    units: list[Article | Region] = []
    for m, seg in enumerate(segs):
        if seg.kind == "article":
            result.articles.append(found[m])
            units.append(found[m])
            if reuse is not None:  # (here, in the worker process, while it is at hand)
                result.digests.append(digests.get(m) or content_digest(found[m].blocks,
                                                                       found[m].body))
        else:
            region = _region(seg)
            result.regions.append(region)
            units.append(region)
    # A raw line is furniture when nothing of it was kept (a page number and, after its form
    # feed, the next page's running head share one line: it is listed under its first rule).
    kept = {ln for b in cleaned.blocks for _, ln in b.offsets}
    first_rule: dict[int, str] = {}
    for n, rule in cleaned.removed:
        if n not in kept:
            first_rule.setdefault(n, rule)
    removed = sorted(first_rule)
    by_rule: dict[str, list[int]] = {}
    for n, rule in sorted(first_rule.items()):
        by_rule.setdefault(rule, []).append(n)
    result.furniture = [Furniture(src.name, rule, sorted(set(lines)))
                        for rule, lines in sorted(by_rule.items())]
    _tile(units, len(src.lines), set(removed))
    result.lost = _unowned(src, units, set(removed))
    return result


def _segment_key(seg: Segment, is_last: bool) -> str:
    """Everything extract() reads of an article's segment (and its language model answers, the
    same for the same text)."""
    # (every field, the blocks' as tuples, written out by repr in C: the dataclasses' own
    # reprs, a Python call per block, took a tenth of a one-word edit's rebuild of a volume
    # that is one file)
    text = repr((tuple(map(_BLOCK_FIELDS, seg.blocks)), _SEGMENT_FIELDS(seg), is_last))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


_BLOCK_FIELDS = operator.attrgetter(*(f.name for f in dataclasses.fields(Block)))
_SEGMENT_FIELDS = operator.attrgetter(*(f.name for f in dataclasses.fields(Segment)
                                        if f.name != "blocks"))


def _unowned(src: SourceText, units: list[Article | Region],
             furniture: set[int]) -> list[tuple[int, int]]:
    """The partition's safety net: text lines that no article or region owns and no furniture
    rule removed would be lost; the build names them (it never should happen)."""
    lost: list[int] = []
    n = 1  # the first line no range before has covered
    total = len(src.lines)
    # (the gaps between the sorted ranges: a set of every owned line took a tenth of a second)
    for a, b in sorted([(a, b) for u in units for a, b in u.line_ranges]) + [(total + 1, total)]:
        lost += [k for k in range(n, a) if src.lines[k - 1].strip() and k not in furniture]
        n = max(n, b + 1)
    return list(ranges(lost))


def _region(seg: Segment) -> Region:
    """A segment that is no article, kept whole as a page of its own."""
    title = None
    body_blocks = seg.blocks
    if seg.kind == "section":
        heading = [b for b, k in zip(seg.blocks, seg.kinds) if k == "section"] or seg.blocks[:1]
        title = re.sub(r"\s+", " ", " ".join(b.text for b in heading)).strip() or None
        body_blocks = [b for b in seg.blocks if b not in heading]
    return Region(id="", kind=seg.kind, source=seg.source, lines=list(seg.lines), title=title,
                  body=blocks_to_markdown(body_blocks), blocks=list(seg.blocks))


def _tile(units: list[Article | Region], total: int, furniture: set[int]) -> None:
    """Give each unit the raw lines it owns: from its first line (the first unit from line 1) to
    the line before the next unit (the last to the end of the file), furniture left out."""
    cuts = sorted(furniture)
    for n, u in enumerate(units):
        first = 1 if n == 0 else u.lines[0]
        last = units[n + 1].lines[0] - 1 if n + 1 < len(units) else total
        # [first, last] cut at its furniture lines
        u.line_ranges = []
        start = first
        for cut in cuts[bisect.bisect_left(cuts, first):bisect.bisect_right(cuts, last)]:
            if cut > start:
                u.line_ranges.append([start, cut - 1])
            start = cut + 1
        if start <= last:
            u.line_ranges.append([start, last])


def _region_ids(regions: list[Region]) -> None:
    """`front-matter`, `back-matter`, `section-<slug>`; a number is added where two would clash."""
    seen: dict[str, int] = {}
    for r in regions:
        base = r.kind.replace("_", "-")
        if r.kind == "section" and r.title:
            base = f"section-{slug(r.title, max_length=50)}"
        n = seen.get(base, 0) + 1
        seen[base] = n
        r.id = base if n == 1 else f"{base}-{n}"


def _fresh_result(r: SourceResult) -> SourceResult:
    return SourceResult([_fresh_copy(a) for a in r.articles],
                        [dataclasses.replace(x) for x in r.regions], list(r.furniture),
                        list(r.lost), r.languages, r.segments, r.digests)


def _digest(lines: list[str]) -> str:
    return hashlib.sha256("\n".join(lines).encode("utf-8", "surrogatepass")).hexdigest()


def _fresh_copy(a: Article) -> Article:
    """A copy later stages may change (ids, corrections, people) without touching the cache."""
    return dataclasses.replace(
        a, authors=[dataclasses.replace(x) for x in a.authors], abstracts=dict(a.abstracts),
        keywords=list(a.keywords), references=list(a.references), lines=list(a.lines),
        keywords_by_language={k: list(v) for k, v in a.keywords_by_language.items()},
        terms={}, anchors={}, front_matter_other=list(a.front_matter_other),
        classification=list(a.classification), titles=dict(a.titles),
        line_ranges=[list(r) for r in a.line_ranges])


def assign_ids(articles: list[Article], registry: Optional[idfile.IdRegistry] = None,
               sources: Sequence[SourceText] = ()) -> None:
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


@fewer_collections()
def build_site(paths: dict[str, Path], lang: str, tooltips: bool = True,
               skip_bad: bool = False, cache: Optional[BuildCache] = None,
               progress: Optional[Progress] = None,
               ids_written: Optional[Callable[[Path, Optional[str]], None]] = None,
               extracted: Optional[Callable[[Volume], None]] = None,
               ) -> tuple[Volume, dict[str, str]]:
    """The volume and every page of its site (Markdown by path under docs), labelled in the
    reader's language `lang`. `paths`: the raw input and the editor's files (raw, corrections,
    glossary, volume, and ids when there is one). New articles' ids are appended to the ids file
    (`ids_written(path, text)` is told first). With a `cache` kept between builds, unchanged
    input is not read again and unchanged articles skip extraction, enrichment and rendering.
    `extracted(volume)` is called once the volume is complete, before its pages are rendered
    (not when the cache held the whole site)."""
    from .ingest.meta import load_volume_meta

    key = None
    if cache is not None:
        key = _input_digest(paths, (tooltips, skip_bad, lang))
        if cache.site is not None and cache.site[0] == key:
            return cache.site[1]
    meta = load_volume_meta(paths["volume"])
    registry = idfile.IdRegistry.load(paths.get("ids"), memo=cache.ids if cache is not None else None)
    volume = extract_volume(paths["raw"], corrections=paths["corrections"],
                            glossary=paths["glossary"], volume_meta=meta, cache=cache,
                            ids=registry, skip_bad=skip_bad)
    registry.write_new(before=ids_written)
    if extracted is not None:
        extracted(volume)
    if progress is not None:
        progress.stage("rendering the articles")
    pages = render_site(volume, lang, tooltips=tooltips,
                        memo=cache.pages if cache is not None else None,
                        fingerprint=cache.fingerprints if cache is not None else None)
    if cache is not None and key is not None:
        cache.site = (key, (volume, pages))
    return volume, pages


def render_site(volume: Volume, lang: str, tooltips: bool = True,
                memo: Optional[PageMemo] = None,
                fingerprint: Optional[Callable[[Article], str]] = None) -> dict[str, str]:
    """Every page of the volume's site: articles, indexes and regions (pages/render.py), then the
    glossary, timeline and people pages. With `memo` (the last build's pages) only the pages
    whose view changed are rendered again (an article's, by its `fingerprint` among the rest)."""
    from .pages.glossary_pages import link_annotator, titles_of
    from .pages.people_pages import places_in
    from .pages.render import render_pages

    titles = titles_of(volume.articles, lang)
    # Glossary, timeline and people pages: made from this view only, so a preview renders them
    # again exactly when it changed.
    view = _VolumeWide(volume.glossary, volume.timeline, volume.people, titles,
                       {a.id: a.language or "und" for a in volume.articles}, lang)
    wide, where = _volume_wide_pages(view, memo)
    # (the glossary pages' layout says where each entry is, for the links to it)
    annotate = link_annotator(volume, lang, where) if tooltips and volume.glossary else None
    # Article pages link each author to their section of the people's letter pages
    pages = render_pages(volume, annotate=annotate, memo=memo, lang=lang,
                         people=places_in(wide), fingerprint=fingerprint)
    pages.update(wide)
    return pages


@dataclass(frozen=True)
class _VolumeWide:
    """What the glossary, timeline and people pages show."""

    glossary: list[GlossaryEntry]
    timeline: list[TimelineEvent]
    people: list[Person]
    titles: dict[str, str]  # article id -> title as shown
    languages: dict[str, str]  # article id -> its language ("und": not known)
    lang: str  # the reader's


def _volume_wide_pages(view: _VolumeWide, memo: Optional[PageMemo] = None
                       ) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """Glossary, timeline and people pages, in the reader's language; and where each glossary
    entry is (glossary_pages.glossary_locations). With `memo` (the last build's, updated here),
    each kind is made again only when what it shows changed: an edit that moves one event
    leaves the glossary and people pages alone."""
    from .pages.glossary_pages import glossary_pages_and_locations
    from .pages.people_pages import render_people_pages
    from .pages.timeline_page import render_timeline_pages

    def glossary() -> tuple[dict[str, str], dict[str, dict[str, str]]]:
        return glossary_pages_and_locations(view.glossary, view.titles, view.lang)

    def timeline() -> tuple[dict[str, str], dict[str, dict[str, str]]]:
        return render_timeline_pages(view.timeline, view.titles, view.languages, view.lang,
                                     memo), {}

    def people() -> tuple[dict[str, str], dict[str, dict[str, str]]]:
        return render_people_pages(view.people, lang=view.lang, titles=view.titles,
                                   memo=memo), {}

    kinds = {"glossary": (glossary, (view.glossary, view.titles, view.lang)),
             "timeline": (timeline, (view.timeline, view.titles, view.languages, view.lang)),
             "people": (people, (view.people, view.titles, view.lang))}
    kept = memo.wide if memo is not None else None
    pages: dict[str, str] = {}
    where: dict[str, dict[str, str]] = {}
    for name, (make, shown) in kinds.items():
        if not shown[0]:  # nothing of this kind: no pages
            if kept is not None:
                kept.pop(name, None)
            continue
        if kept is None:  # a one-off build without a cache: no key for pages nobody reuses
            made, at = make()
        else:
            key = view_key(shown)
            if kept.get(name, ("",))[0] != key:
                kept[name] = (key, *make())
            _, made, at = kept[name]
        pages.update(made)
        where.update(at)
    return pages, where


def _input_digest(paths: dict[str, Path], options: tuple[Any, ...]) -> str:
    """A digest of every input file (names and bytes) and of the options."""
    h = hashlib.sha256(repr(options).encode())
    for key in sorted(paths):
        p = paths[key]
        files = sorted(x for x in p.rglob("*") if x.is_file()) if p.is_dir() else [p]
        for f in files:
            h.update(str(f).encode())
            if f.exists():
                h.update(f.read_bytes())
    return h.hexdigest()
