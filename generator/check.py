"""`jinaq check`: per article, what extraction could not find and how to correct it.

Editors fix those gaps in content/corrections.yml; this report prints a ready-to-paste stub.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import yaml

from .model import Volume

CHECKED = ("title", "authors", "language", "abstract", "keywords", "references", "pages")


def missing_fields(a) -> list[str]:
    return [f for f in CHECKED if not getattr(a, f)]


def report(paths: dict[str, Path]) -> str:
    from .meta import load_volume_meta
    from .pipeline import extract_volume

    from .read import read_input

    volume = extract_volume(paths["raw"], corrections=paths["corrections"],
                            glossary=paths["glossary"], volume_meta=load_volume_meta(paths["volume"]))
    raw = {s.name: s.lines for s in read_input(paths["raw"])}
    return format_report(volume, paths["corrections"], raw)


def format_report(volume: Volume, corrections_path: Path,
                  raw_by_source: Optional[dict[str, list[str]]] = None) -> str:
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
        from .glossary import frequent_unknown_terms

        unknown = frequent_unknown_terms(volume.articles, volume.glossary)
    except ImportError:
        unknown = []
    if unknown:
        lines += ["", "Frequent terms not in the glossary (add them to content/glossary.yml):"]
        lines += [f"  {term}  ({count})" for term, count in unknown]
    stub = {k: v for k, v in stub.items() if v}
    if stub:
        lines += ["", f"To correct, add to {corrections_path} (fill in the values):", ""]
        lines.append(yaml.safe_dump({"articles": stub}, allow_unicode=True, sort_keys=False))
    return "\n".join(lines)
