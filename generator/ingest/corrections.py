"""Editor corrections (`content/corrections.yml`): read, validated, applied to extracted articles.

The file belongs to the editor: the build reads it (yaml.safe_load, with line numbers for every
error) and never writes it. Shape:

    articles:                 # keyed by article id (see content/ids.yml); any field overridden
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

Every entry is checked, each error naming the line of the field at fault (with "did you mean"
for a misspelt field, id or file): an unknown id or source file, a line out of range or with no
text, a `not_articles` range that removes nothing. The build stops at the first; `jinaq check`
loads the file leniently (`lenient=True`): it collects them all in `problems`, leaves the
faulty entries out and goes on.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional
from collections.abc import Sequence

import yaml

from ..errors import JinaqError, did_you_mean, read_editor_file, yaml_error
from ..model import Article, Author, SourceText

EDITABLE: dict[str, tuple[type, ...]] = {
    "title": (str, type(None)), "udc": (str, type(None)), "language": (str, type(None)),
    "affiliation": (str, type(None)), "programme": (str, type(None)),
    "supervisor": (str, type(None)), "abstract": (str, type(None)), "abstracts": (dict,),
    "keywords": (list,), "keywords_by_language": (dict,), "references": (list,),
    "authors": (list,), "pages": (list, type(None)), "complete": (bool,),
    "city": (str, type(None)), "id": (str,),
    "title_display": (str, type(None)),
}
SECTIONS = ("articles", "split_at", "not_articles", "merge", "people")
_TYPE_NAMES = {str: "text", type(None): "null", dict: "a mapping", list: "a list",
               bool: "true or false"}


@dataclass
class Position:
    """A `split_at` (first == last) or `not_articles` entry: raw lines of one source file."""

    kind: str
    source: str  # "" when the entry names none (then it applies to every file)
    first: int
    last: int
    line: Optional[int]  # of the entry in corrections.yml


@dataclass
class Corrections:
    path: Optional[str] = None
    articles: dict[str, dict] = field(default_factory=dict)
    lines: dict[str, Optional[int]] = field(default_factory=dict)  # article id -> line in the file
    split_at: dict[str, set[int]] = field(default_factory=dict)
    not_articles: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    merge: list[tuple[str, str, Optional[int]]] = field(default_factory=list)
    people: dict = field(default_factory=dict)
    positions: list[Position] = field(default_factory=list)
    field_lines: dict[tuple[str, str], Optional[int]] = field(default_factory=dict)  # (id, field) -> line
    # Lenient loading (`jinaq check`): every problem is collected here instead of raised.
    problems: Optional[list[JinaqError]] = None
    # Old address -> address now, from merges (the second article) and `id:` overrides.
    redirects: dict[str, str] = field(default_factory=dict)

    def fail(self, message: str, line: Optional[int], hint: Optional[str] = None) -> None:
        """Stop the build at this line, or (lenient) note the problem and go on."""
        error = JinaqError(message, self.path, line, hint)
        if self.problems is None:
            raise error
        self.problems.append(error)


def load_yaml_with_lines(path: Path, problems: Optional[list] = None) -> tuple[Any, dict]:
    """safe_load a YAML file; also map each key and list item to its line: a top-level key by
    itself, deeper ones by their path as a tuple, e.g. ("articles", "some-id", "title").

    A key given twice in one mapping is an error (YAML keeps the last silently)."""
    text = read_editor_file(path)
    try:
        data = yaml.safe_load(text)
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        raise yaml_error(exc, str(path), text) from None
    lines: dict = {}
    _walk(node, (), lines, str(path), problems)
    return data, lines


def _walk(node, prefix: tuple, lines: dict, path: str, problems: Optional[list]) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: dict = {}
        for k, v in node.value:
            key = k.value if isinstance(k, yaml.ScalarNode) else str(k.value)
            line = k.start_mark.line + 1
            if key in seen:
                error = JinaqError(f"'{key}' is given twice (also on line {seen[key]}): the "
                                   "first is ignored", path, line, hint="merge the two")
                if problems is None:
                    raise error
                problems.append(error)
            seen[key] = line
            lines[prefix + (key,) if prefix else key] = line
            _walk(v, prefix + (key,), lines, path, problems)
    elif isinstance(node, yaml.SequenceNode):
        for n, item in enumerate(node.value):
            lines[prefix + (n,)] = item.start_mark.line + 1
            _walk(item, prefix + (n,), lines, path, problems)


def load_corrections(path: Optional[Path], lenient: bool = False) -> Corrections:
    """The corrections file (none: no corrections). `lenient` collects problems in
    `Corrections.problems` and leaves the faulty entries out instead of stopping."""
    problems: Optional[list] = [] if lenient else None
    if path is None or not Path(path).exists():
        return Corrections(problems=problems)
    path = Path(path)
    c = Corrections(path=str(path), problems=problems)
    try:
        data, lines = load_yaml_with_lines(path, problems)
    except JinaqError as exc:
        if problems is None:
            raise
        problems.append(exc)
        return c
    if data is None:
        return c
    if not isinstance(data, dict):
        c.fail("corrections must be a mapping (articles:, split_at:, …)", 1)
        return c
    for key in data:
        if key not in SECTIONS:
            c.fail(f"unknown section '{key}'", lines.get(key),
                   hint=did_you_mean(key, SECTIONS, "use one of: " + ", ".join(SECTIONS)))
    _load_articles(c, data.get("articles"), lines)
    _load_positions(c, data, lines)
    for n, pair in enumerate(_listed(c, data, "merge", lines)):
        line = lines.get(("merge", n))
        if not (isinstance(pair, list) and len(pair) == 2
                and all(isinstance(x, (str, int)) for x in pair)):
            c.fail("merge entries are [first-id, second-id]", line)
            continue
        c.merge.append((str(pair[0]), str(pair[1]), line))
    people = data.get("people") or {}
    if not isinstance(people, dict):
        c.fail("'people' must be a mapping (merge:, split:)", lines.get("people"))
    else:
        c.people = people
    return c


def _listed(c: Corrections, data: dict, section: str, lines: dict) -> list:
    value = data.get(section) or []
    if not isinstance(value, list):
        c.fail(f"'{section}' must be a list of entries (- …)", lines.get(section))
        return []
    return value


def _load_articles(c: Corrections, arts: Any, lines: dict) -> None:
    if arts is None:
        return
    if not isinstance(arts, dict):
        c.fail("'articles' must map article ids to fields", lines.get("articles"))
        return
    for aid, fields in arts.items():
        aid = str(aid)
        line = lines.get(("articles", aid))
        if fields is None:
            fields = {}
        if not isinstance(fields, dict):
            c.fail(f"article '{aid}' must map field names to values", line)
            continue
        kept = {}
        for name, value in fields.items():
            at = lines.get(("articles", aid, str(name)), line)
            problem = _field_problem(str(name), value, lines, ("articles", aid, str(name)))
            if problem:
                message, where, hint = problem
                c.fail(f"article '{aid}': {message}", where or at, hint)
                continue
            kept[name] = value
            c.field_lines[(aid, name)] = at
        c.articles[aid] = kept
        c.lines[aid] = line


def _field_problem(name: str, value: Any, lines: dict, key: tuple):
    """(message, line or None, hint) when a field of an article entry is wrong, else None."""
    if name not in EDITABLE:
        return (f"unknown field '{name}'", None,
                did_you_mean(name, EDITABLE, "editable: " + ", ".join(sorted(EDITABLE))))
    kinds = EDITABLE[name]
    # (a flag: `if not isinstance(...)` would narrow `value` to object for the type checker)
    wrong_type = not isinstance(value, kinds) or (bool not in kinds and isinstance(value, bool))
    if wrong_type:
        expected = " or ".join(_TYPE_NAMES[k] for k in kinds)
        return (f"field '{name}' has the wrong type ({type(value).__name__})", None,
                f"expected {expected}")
    if name == "language" and value is not None and not (
            len(value) == 2 and value.isascii() and value.islower()):
        return (f"language '{value}' is not a two-letter code", None, "kk, ru or en")
    if name == "id":
        from .ids import PLAIN

        if not PLAIN.fullmatch(value):
            return (f"id '{value}' is not a plain id", None,
                    "ids are lower-case letters, digits, '-', '.', '_'")
    if name in ("keywords", "references"):
        for n, item in enumerate(value):
            if not isinstance(item, str):
                return (f"each of '{name}' is text", lines.get(key + (n,)), None)
    if name == "authors":
        for n, item in enumerate(value):
            if not (isinstance(item, str) or isinstance(item, dict)
                    and isinstance(item.get("name"), str)
                    and set(item) <= {"name", "affiliation", "email"}):
                extra = sorted(set(item) - {"name", "affiliation", "email"}) \
                    if isinstance(item, dict) else []
                return ("each author is a name or {name: …, affiliation: …, email: …}",
                        lines.get(key + (n, extra[0]) if extra else key + (n,)),
                        did_you_mean(extra[0], ("name", "affiliation", "email")) if extra
                        else None)
    if name == "pages" and value is not None and not (
            len(value) == 2 and all(v is None or isinstance(v, int) for v in value)):
        return ("'pages' is [first, last] (numbers)", None, None)
    if name in ("abstracts", "keywords_by_language"):
        inner = str if name == "abstracts" else list
        for lang, v in value.items():
            if not isinstance(v, inner):
                return (f"'{name}.{lang}' must be {_TYPE_NAMES[inner]}",
                        lines.get(key + (str(lang),)), None)
    return None


def _load_positions(c: Corrections, data: dict, lines: dict) -> None:
    for kind, number, shape in (("split_at", "line", "{source: file, line: number}"),
                                ("not_articles", "lines", "{source: file, lines: [first, last]}")):
        for n, item in enumerate(_listed(c, data, kind, lines)):
            line = lines.get((kind, n))
            if not isinstance(item, dict):
                c.fail(f"{kind} entries need {shape}", line)
                continue
            unknown = [k for k in item if k not in ("source", number)]
            if unknown:
                c.fail(f"{kind}: unknown field '{unknown[0]}'",
                       lines.get((kind, n, str(unknown[0])), line),
                       hint=did_you_mean(str(unknown[0]), ("source", number), f"write {shape}"))
                continue
            value, source = item.get(number), item.get("source", "")
            if not isinstance(source, str):
                c.fail(f"{kind}: 'source' is a file name", lines.get((kind, n, "source"), line))
                continue
            span: Optional[list[Any]]
            if kind == "split_at":
                span = [value, value]
            else:
                span = value if isinstance(value, list) and len(value) == 2 else None
            if span is None or not all(isinstance(x, int) and not isinstance(x, bool)
                                       for x in span):
                c.fail(f"{kind} entries need {shape}", lines.get((kind, n, number), line))
                continue
            c.positions.append(Position(kind, source, span[0], span[1], line))
            if kind == "split_at":
                c.split_at.setdefault(source, set()).add(span[0])
            else:
                c.not_articles.setdefault(source, []).append((span[0], span[1]))


def for_source(c: Corrections, source: str) -> tuple[frozenset[int], tuple[tuple[int, int], ...]]:
    """The split points and skipped ranges that apply to one source file."""
    split = set(c.split_at.get(source, set())) | set(c.split_at.get("", set()))
    skip = tuple(c.not_articles.get(source, [])) + tuple(c.not_articles.get("", []))
    return frozenset(split), skip


def check_positions(c: Corrections, sources: Sequence[SourceText],
                    articles: list[Article]) -> None:
    """Each `split_at` must split and each `not_articles` range must remove text: a source file
    the volume has, lines it has, and a line (or a range) where the cleaned text has a paragraph.
    """
    if not c.positions:
        return
    names = [s.name for s in sources]
    by_name = {s.name: s for s in sources}
    for p in c.positions:
        name = p.source or (names[0] if len(names) == 1 else "")
        if not name:
            c.fail(f"{p.kind}: say which source file (the volume has {len(names)})", p.line,
                   hint="add source: one of " + ", ".join(names))
            continue
        src = by_name.get(name)
        if src is None:
            c.fail(f"{p.kind}: the volume has no source file '{name}'", p.line,
                   hint=did_you_mean(name, names, "files: " + ", ".join(names)))
            continue
        count = len(src.lines)
        what = f"line {p.first}" if p.kind == "split_at" else f"lines [{p.first}, {p.last}]"
        if p.first > p.last:
            c.fail(f"not_articles: in {what} the first line is after the last", p.line)
            continue
        if p.first < 1 or p.last > count:
            c.fail(f"{p.kind}: {what} not in {name}, which has lines 1 to {count}", p.line)
            continue
        blocks = _blocks(src)
        if p.kind == "split_at":
            _check_split(c, p, name, blocks, articles)
        else:
            _check_skip(c, p, name, blocks)


def _check_split(c: Corrections, p: Position, name: str, blocks, articles) -> None:
    skips = c.not_articles.get(name, []) + c.not_articles.get("", [])
    kept = [b for b in blocks if not any(a <= b.line_start <= z for a, z in skips)]
    at = next((b for b in kept if b.line_start <= p.first <= b.line_end), None)
    if at is None:
        if any(b.line_start <= p.first <= b.line_end for b in blocks):
            c.fail(f"split_at: line {p.first} of {name} is in a not_articles range", p.line)
            return
        nearest = min((line for b in kept for line in (b.line_start, b.line_end)),
                      key=lambda line: (abs(line - p.first), line), default=None)
        c.fail(f"split_at: line {p.first} of {name} holds no text of an article (an empty "
               "line or page furniture): nothing to split", p.line,
               hint=f"did you mean line {nearest}?" if nearest else None)
        return
    starts = {a.lines[0] for a in articles if a.source == name}
    if at is not kept[0] and at.line_start not in starts:
        c.fail(f"split_at: line {p.first} of {name} did not split its article", p.line,
               hint=f"an article can begin where a paragraph begins: line {at.line_start}")


def _check_skip(c: Corrections, p: Position, name: str, blocks) -> None:
    if any(p.first <= b.line_start <= p.last for b in blocks):
        return
    spanning = next((b for b in blocks if b.line_start < p.first <= b.line_end), None)
    if spanning is not None:
        c.fail(f"not_articles: lines [{p.first}, {p.last}] of {name} remove nothing: the "
               f"paragraph there begins on line {spanning.line_start}", p.line,
               hint=f"did you mean [{spanning.line_start}, {max(p.last, spanning.line_end)}]?")
    else:
        c.fail(f"not_articles: lines [{p.first}, {p.last}] of {name} hold no text (empty "
               "lines or page furniture): nothing to remove", p.line)


_BLOCKS: dict[tuple[str, int], list] = {}


def _blocks(src: SourceText) -> list:
    """The cleaned paragraphs of a source file (kept for the next preview build)."""
    from .clean import clean

    key = (src.name, hash(tuple(src.lines)))
    if key not in _BLOCKS:
        if len(_BLOCKS) > 16:
            _BLOCKS.clear()
        _BLOCKS[key] = clean(src).blocks
    return _BLOCKS[key]


def apply(c: Corrections, articles: list[Article],
          aliases: Optional[dict[str, str]] = None) -> list[Article]:
    """Merge, then override fields. An id may be an article's old address (`aliases`: old ->
    now, from ids.yml); an unknown id is an error naming the corrections line."""
    aliases = aliases or {}
    by_id = {a.id: a for a in articles}

    def find(aid: str, line: Optional[int], what: str) -> Optional[Article]:
        a = by_id.get(aid) or by_id.get(aliases.get(aid, ""))
        if a is None and aid in c.redirects:
            a = by_id.get(c.redirects[aid])
        if a is None:
            c.fail(f"{what}no article with id '{aid}'", line, hint=_nearest_id(aid, by_id))
        return a

    for first, second, line in c.merge:
        a, b = find(first, line, "merge: "), find(second, line, "merge: ")
        if a is None or b is None:
            continue
        if a is b:
            c.fail(f"merge: '{first}' and '{second}' are the same article", line)
            continue
        by_id.pop(b.id)
        c.redirects[b.id] = a.id
        a.lines = [min(a.lines[0], b.lines[0]), max(a.lines[1], b.lines[1])]
        a.blocks = a.blocks + b.blocks
        a.body = (a.body + "\n" + b.body).strip() + "\n"
        a.references = a.references + b.references
        if a.pages and b.pages:
            a.pages = [a.pages[0], b.pages[1]]
        articles = [x for x in articles if x is not b]
    for aid, fields in c.articles.items():
        a = find(aid, c.lines.get(aid), "")
        if a is None:
            continue
        for name, value in fields.items():
            if name == "authors":
                a.authors = [_author(v) for v in value]
            elif name == "id":
                if value != a.id and value in by_id:
                    c.fail(f"article '{aid}': id '{value}' is already another article's",
                           c.field_lines.get((aid, name)))
                    continue
                c.redirects[a.id] = value
                by_id[value] = by_id.pop(a.id)
                a.id = value
            else:
                setattr(a, name, value)
        if "abstract" in fields and a.language and fields["abstract"]:
            a.abstracts[a.language] = fields["abstract"]
    return articles


def _nearest_id(aid: str, by_id: dict[str, Article]) -> Optional[str]:
    """'did you mean' for an unknown id: for an id made of a file and a line (how untitled
    articles were named), the article that holds that line now; else the closest spelling."""
    import re

    from ..language.textutil import slug

    m = re.fullmatch(r"(.+)-(\d+)", aid)
    if m:
        line = int(m.group(2))
        for other, a in sorted(by_id.items()):
            if slug(re.sub(r"\.[^.]*$", "", a.source)) == m.group(1) \
                    and a.lines[0] <= line <= a.lines[1]:
                return f"did you mean '{other}', the article at line {line} now?"
    return did_you_mean(aid, by_id, "run `jinaq check` to list the ids")


def _author(v: Any) -> Author:
    if isinstance(v, str):
        return Author(name=v)
    return Author(name=v["name"], affiliation=v.get("affiliation"), email=v.get("email"))
