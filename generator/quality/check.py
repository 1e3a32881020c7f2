"""`jinaq check`: per article, what extraction could not find and how to correct it.

Editors fix those gaps in content/corrections.yml; this report prints a ready-to-paste stub.
It runs whatever state the editor's files are in, and lists their problems first.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import yaml

from ..errors import JinaqError
from ..model import Volume

CHECKED = ("title", "authors", "language", "abstract", "keywords", "references", "pages")


def missing_fields(a) -> list[str]:
    return [f for f in CHECKED if not getattr(a, f)]


def report(paths: dict[str, Path], skip_bad: bool = False, site_url: str | None = None) -> str:
    return check(paths, skip_bad, site_url)[0]


def check(paths: dict[str, Path], skip_bad: bool = False,
          site_url: str | None = None) -> tuple[str, int]:
    """The report and the exit status (1 when the editor's files have problems).

    It runs whatever state the editor's files are in: corrections that no longer match the
    volume, a broken ids, volume or glossary file are each listed (file, line, the nearest valid
    id or field) and left out, instead of stopping at the first as the build does."""
    from ..ingest.corrections import load_corrections
    from ..ingest.ids import IdRegistry
    from ..ingest.meta import load_volume_meta
    from ..pipeline import extract_volume

    fixes = load_corrections(paths["corrections"], lenient=True)
    problems = fixes.problems
    assert problems is not None  # lenient loading collects them
    meta = _or_problem(lambda: load_volume_meta(paths["volume"]), {}, problems)
    registry = _or_problem(lambda: IdRegistry.load(paths.get("ids")), IdRegistry(), problems)
    glossary: Optional[Path] = paths["glossary"]
    while True:
        try:
            volume = extract_volume(paths["raw"], corrections=fixes, glossary=glossary,
                                    volume_meta=meta, ids=registry, skip_bad=skip_bad)
            break
        except JinaqError as exc:  # the glossary is read last: check without it
            if glossary is None or exc.path is None or Path(exc.path) != Path(glossary):
                raise
            problems.append(exc)
            glossary = None
    from ..ingest.read import read_input

    try:
        raw = {s.name: s.lines for s in read_input(paths["raw"], skip_bad=skip_bad)}
    except TypeError:  # read_input without skip_bad
        raw = {s.name: s.lines for s in read_input(paths["raw"])}
    text = format_report(volume, paths["corrections"], raw, site_url)
    if registry.new and registry.path is not None:
        text += f"\n\nNew articles (the next build adds their ids to {_shown(registry.path)}):\n"
        text += "\n".join(f"  {e.key}  {e.source}:{e.lines[0]}-{e.lines[1]}  {e.title or '—'}"
                          for e in registry.new)
    if problems:
        problems = sorted(problems, key=lambda e: (e.path or "", e.line or 0))
        listed = "\n".join(f"  {_shown_error(e)}" for e in problems)
        text = (f"Problems in your files ({len(problems)}; the build stops at the first):\n"
                f"{listed}\n\n{text}")
    return text, 1 if problems else 0


def _or_problem(load, fallback, problems: list):
    try:
        return load()
    except JinaqError as exc:
        problems.append(exc)
        return fallback


def _shown(path) -> str:
    """A path relative to the working folder when it is inside it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _shown_error(e: JinaqError) -> str:
    return str(JinaqError(e.message, _shown(e.path) if e.path else None, e.line, e.hint))


def format_report(volume: Volume, corrections_path: Path,
                  raw_by_source: Optional[dict[str, list[str]]] = None,
                  site_url: str | None = None) -> str:
    lines = [f"{len(volume.articles)} articles in {', '.join(volume.source)}", ""]
    if raw_by_source:
        from .coverage import report_lines

        lines += report_lines(volume.to_dict(), raw_by_source) + [""]
    stub: dict = {}
    for a in volume.articles:
        gaps = missing_fields(a)
        state = "complete" if a.complete else "incomplete (cut by the start or end of the input)"
        lines.append(f"{a.id}  {a.source}:{a.lines[0]}-{a.lines[1]}  [{a.language or '?'}]  {state}")
        lines.append(f"    title: {a.title or '—'}")
        if gaps:
            lines.append(f"    not found: {', '.join(gaps)}")
            stub[a.id] = {f: ([] if f in ("authors", "keywords", "references") else None)
                          for f in gaps if f in ("title", "authors", "abstract", "keywords")}
    if volume.notes:
        lines += ["", "Notes:"] + [f"  - {n}" for n in volume.notes]
    try:
        from ..enrich.glossary import frequent_unknown_terms

        unknown = frequent_unknown_terms(volume.articles, volume.glossary)
    except ImportError:
        unknown = []
    if unknown:
        lines += ["", "Frequent terms not in the glossary (add them to content/glossary.yml):"]
        lines += [f"  {term}  ({count})" for term, count in unknown]
    proposed = proposed_pairs(volume)
    if proposed:
        lines += ["", "Term pairs the articles give that no glossary has yet (paste the ones you "
                      "accept into content/glossary.yml):"]
        lines += [f"  {line}" for line in proposed]
    from ..publish.readiness import report_section  # its own module: what indexers need

    meta = dict(volume.meta, **({"site_url": site_url} if site_url and not
                                volume.meta.get("site_url") else {}))
    lines += ["", *report_section(volume, meta)]
    stub = {k: v for k, v in stub.items() if v}
    if stub:
        lines += ["", f"To correct, add to {corrections_path} (fill in the values):", ""]
        lines.append(yaml.safe_dump({"articles": stub}, allow_unicode=True, sort_keys=False))
    return "\n".join(lines)


def proposed_pairs(volume: Volume) -> list[str]:
    """Glossary entries read from the articles' keywords, parallel abstracts and bracketed
    definitions (origin "keywords"/"parallel"), not in the lexicon nor the editor's glossary,
    as lines of content/glossary.yml, each with the articles that give it."""
    out = []
    for e in volume.glossary:
        if e.origin not in ("keywords", "parallel"):
            continue
        entry = {k: v for k, v in (("kk", e.kk), ("ru", e.ru), ("en", e.en)) if v}
        line = yaml.safe_dump([entry], allow_unicode=True, default_flow_style=None,
                              sort_keys=False, width=1000).strip()
        source = "keywords" if e.origin == "keywords" else "parallel texts"
        out.append(f"{line}  # {source}: {', '.join(e.articles)}")
    return out
