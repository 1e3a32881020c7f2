"""`jinaq check`: per article, what extraction could not find and how to correct it.

Editors fix those gaps in content/corrections.yml; this report prints a ready-to-paste stub.
"""
from __future__ import annotations

from pathlib import Path

import yaml

from .model import Volume

CHECKED = ("title", "authors", "language", "abstract", "keywords", "references", "pages")


def missing_fields(a) -> list[str]:
    return [f for f in CHECKED if not getattr(a, f)]


def report(paths: dict[str, Path]) -> str:
    from .meta import load_volume_meta
    from .pipeline import extract_volume

    volume = extract_volume(paths["raw"], corrections=paths["corrections"],
                            glossary=paths["glossary"], volume_meta=load_volume_meta(paths["volume"]))
    return format_report(volume, paths["corrections"])


def format_report(volume: Volume, corrections_path: Path) -> str:
    lines = [f"{len(volume.articles)} articles in {', '.join(volume.source)}", ""]
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
        from .glossary import frequent_unknown_terms

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
