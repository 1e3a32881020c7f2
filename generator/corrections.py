"""Editor corrections (`content/corrections.yml`): read, validated, applied to extracted articles.

The file belongs to the editor: the build reads it (yaml.safe_load, with line numbers for every
error) and never writes it. Shape:

    articles:                 # keyed by article id; any extracted field can be overridden
      some-article-id:
        title: "…"
        authors: [{name: "Бекова А.Б.", affiliation: "…", email: null}]
        language: kk
    split_at:                 # an article begins at this raw line (file: line)
      - {source: volume.txt, line: 120}
    not_articles:             # raw line ranges that are no article (front pages, notices)
      - {source: volume.txt, lines: [1, 40]}
    merge:                    # the second article continues the first
      - [first-id, second-id]
    people: {merge: [[person-a, person-b]], split: [{person: id, names: ["…"]}]}
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

import yaml

from .errors import JinaqError, read_editor_file, yaml_error
from .model import Article, Author

EDITABLE = {
    "title": (str, type(None)), "udc": (str, type(None)), "language": (str, type(None)),
    "affiliation": (str, type(None)), "programme": (str, type(None)),
    "supervisor": (str, type(None)), "abstract": (str, type(None)), "abstracts": dict,
    "keywords": list, "keywords_by_language": dict, "references": list, "authors": list,
    "pages": (list, type(None)), "complete": bool, "city": (str, type(None)), "id": str,
    "title_display": (str, type(None)),
}


@dataclass
class Corrections:
    path: Optional[str] = None
    articles: dict[str, dict] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)  # article id -> line in the file
    split_at: dict[str, set[int]] = field(default_factory=dict)
    not_articles: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    merge: list[tuple[str, str, int]] = field(default_factory=list)
    people: dict = field(default_factory=dict)


def load_yaml_with_lines(path: Path) -> tuple[Any, dict]:
    """safe_load a YAML file; also map each top-level and second-level key to its line."""
    text = read_editor_file(path)
    try:
        data = yaml.safe_load(text)
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        raise yaml_error(exc, str(path), text) from None
    lines: dict = {}
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            lines[k.value] = k.start_mark.line + 1
            if isinstance(v, yaml.MappingNode):
                for k2, _ in v.value:
                    lines[(k.value, k2.value)] = k2.start_mark.line + 1
            if isinstance(v, yaml.SequenceNode):
                for n, item in enumerate(v.value):
                    lines[(k.value, n)] = item.start_mark.line + 1
    return data, lines


def load_corrections(path: Optional[Path]) -> Corrections:
    if path is None or not Path(path).exists():
        return Corrections()
    path = Path(path)
    data, lines = load_yaml_with_lines(path)
    c = Corrections(path=str(path))
    if data is None:
        return c
    if not isinstance(data, dict):
        raise JinaqError("corrections must be a mapping (articles:, split_at:, …)", str(path), 1)
    known = {"articles", "split_at", "not_articles", "merge", "people"}
    for key in data:
        if key not in known:
            raise JinaqError(f"unknown section '{key}'", str(path), lines.get(key),
                             hint="use one of: " + ", ".join(sorted(known)))
    arts = data.get("articles") or {}
    if not isinstance(arts, dict):
        raise JinaqError("'articles' must map article ids to fields", str(path), lines.get("articles"))
    for aid, fields in arts.items():
        line = lines.get(("articles", aid))
        if not isinstance(fields, dict):
            raise JinaqError(f"article '{aid}' must map field names to values", str(path), line)
        for name, value in fields.items():
            if name not in EDITABLE:
                raise JinaqError(f"article '{aid}': unknown field '{name}'", str(path), line,
                                 hint="editable: " + ", ".join(sorted(EDITABLE)))
            if not isinstance(value, EDITABLE[name]):
                raise JinaqError(f"article '{aid}': field '{name}' has the wrong type "
                                 f"({type(value).__name__})", str(path), line)
        c.articles[str(aid)] = fields
        c.lines[str(aid)] = line
    for n, item in enumerate(data.get("split_at") or []):
        line = lines.get(("split_at", n))
        if not (isinstance(item, dict) and isinstance(item.get("line"), int)):
            raise JinaqError("split_at entries need {source: file, line: number}", str(path), line)
        c.split_at.setdefault(str(item.get("source", "")), set()).add(item["line"])
    for n, item in enumerate(data.get("not_articles") or []):
        line = lines.get(("not_articles", n))
        rng = item.get("lines") if isinstance(item, dict) else None
        if not (isinstance(rng, list) and len(rng) == 2 and all(isinstance(x, int) for x in rng)):
            raise JinaqError("not_articles entries need {source: file, lines: [first, last]}",
                             str(path), line)
        c.not_articles.setdefault(str(item.get("source", "")), []).append((rng[0], rng[1]))
    for n, pair in enumerate(data.get("merge") or []):
        line = lines.get(("merge", n))
        if not (isinstance(pair, list) and len(pair) == 2):
            raise JinaqError("merge entries are [first-id, second-id]", str(path), line)
        c.merge.append((str(pair[0]), str(pair[1]), line))
    people = data.get("people") or {}
    if not isinstance(people, dict):
        raise JinaqError("'people' must be a mapping (merge:, split:)", str(path), lines.get("people"))
    c.people = people
    return c


def for_source(c: Corrections, source: str) -> tuple[frozenset[int], tuple[tuple[int, int], ...]]:
    """The split points and skipped ranges that apply to one source file."""
    split = set(c.split_at.get(source, set())) | set(c.split_at.get("", set()))
    skip = tuple(c.not_articles.get(source, [])) + tuple(c.not_articles.get("", []))
    return frozenset(split), skip


def apply(c: Corrections, articles: list[Article]) -> list[Article]:
    """Merge, then override fields; an unknown id is an error naming the corrections line."""
    by_id = {a.id: a for a in articles}
    for first, second, line in c.merge:
        for aid in (first, second):
            if aid not in by_id:
                raise JinaqError(f"merge: no article with id '{aid}'", c.path, line,
                                 hint="run `jinaq check` to list the ids")
        a, b = by_id[first], by_id.pop(second)
        a.lines = [min(a.lines[0], b.lines[0]), max(a.lines[1], b.lines[1])]
        a.blocks = a.blocks + b.blocks
        a.blocks_digest = ""
        a.body = (a.body + "\n" + b.body).strip() + "\n"
        a.references = a.references + b.references
        if a.pages and b.pages:
            a.pages = [a.pages[0], b.pages[1]]
        articles = [x for x in articles if x is not b]
    for aid, fields in c.articles.items():
        a = by_id.get(aid)
        if a is None:
            raise JinaqError(f"no article with id '{aid}'", c.path, c.lines.get(aid),
                             hint="run `jinaq check` to list the ids")
        for name, value in fields.items():
            if name == "authors":
                a.authors = [_author(v, c, aid) for v in value]
            elif name == "id":
                a.id = value
            else:
                setattr(a, name, value)
        if "abstract" in fields and a.language and fields["abstract"]:
            a.abstracts[a.language] = fields["abstract"]
    return articles


def _author(v: Any, c: Corrections, aid: str) -> Author:
    if isinstance(v, str):
        return Author(name=v)
    if isinstance(v, dict) and isinstance(v.get("name"), str):
        return Author(name=v["name"], affiliation=v.get("affiliation"), email=v.get("email"))
    raise JinaqError(f"article '{aid}': each author is a name or {{name: …, affiliation: …}}",
                     c.path, c.lines.get(aid))
