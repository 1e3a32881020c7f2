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


def report(paths: dict[str, Path], site_url: str | None = None) -> str:
    from .meta import load_volume_meta
    from .pipeline import extract_volume

    volume = extract_volume(paths["raw"], corrections=paths["corrections"],
                            glossary=paths["glossary"], volume_meta=load_volume_meta(paths["volume"]))
    return format_report(volume, paths["corrections"], site_url)


def format_report(volume: Volume, corrections_path: Path, site_url: str | None = None) -> str:
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
    from .readiness import report_section  # its own module: what indexers need

    meta = dict(volume.meta, **({"site_url": site_url} if site_url and not
                                volume.meta.get("site_url") else {}))
    lines += ["", *report_section(volume, meta)]
    stub = {k: v for k, v in stub.items() if v}
    if stub:
        lines += ["", f"To correct, add to {corrections_path} (fill in the values):", ""]
        lines.append(yaml.safe_dump({"articles": stub}, allow_unicode=True, sort_keys=False))
    return "\n".join(lines)
