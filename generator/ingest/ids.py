"""Stable article ids: the editor's `content/ids.yml`, read and extended by the build.

An article's id is its address: its page `articles/<id>.html`, its BibTeX key, its OAI identifier
and the key of its corrections. Once built, an article keeps its id whatever the editor corrects:
ids.yml records, for each id, what identifies the article (its source file, its place, its title
at the time and a sketch of its opening text) and a rebuild recognises each article there by its
text first, then by its title, then by its place between recognised neighbours, never by a line
number or the exact title alone. An article recognised nowhere is new: it gets an id derived as
before (the slug of its title, else its source file and first line), never one used before, and
the build appends its entry. This is the one editor file the build writes to, and only by
appending: it never changes or removes an entry.

The editor changes an address by writing `id: new-address` under the entry; the entry's key (the
first address) and the addresses listed under `was:` then get a page that redirects to it.

Without an ids file (the library's `extract_volume`, `jinaq extract` without `--ids`), ids are
derived from the titles and positions as above: the same input gives the same ids.
"""
from __future__ import annotations

import hashlib
import os
import re
import zlib
from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional
from collections.abc import Iterable, Sequence

import yaml

from ..errors import JinaqError, did_you_mean, read_editor_file, yaml_error
from ..model import Article, SourceText
from ..language.textutil import slug
from ..util import yamlfile
from ..util.memo import Memo

HEADER = """\
# Article ids: each article's address (articles/<id>.html), BibTeX key and OAI identifier,
# and the key of its entry in corrections.yml. This file is yours: the build only ever appends
# an entry for a new article, and never changes or removes one.
#
# An article is recognised by its text (`sketch`, from its opening words), then by its title,
# then by its place between its neighbours: corrections to its text, its title or the lines
# above it keep its address. To change an address, write `id: new-address` under the entry:
# the entry's key (the first address) then redirects to the new one, and so does every
# address you list under `was: [...]` (keep the old ones there when you change `id:` again).
# Delete an entry and its article gets a new address at the next build.
"""
FIELDS = ("id", "was", "source", "lines", "title", "opening", "sketch")
SKETCH_SIZE = 24  # hashes kept per article: enough to tell 1/4 overlap from none
WINDOW = 300  # opening words that identify an article (a moved paragraph keeps most of them)
SHINGLE = 4  # words per shingle (sketch() mixes four word hashes)
SIMILAR = 0.25  # estimated share of shingles in common that recognises an article
_COMMON_HASH = 64  # a hash more entries hold than this names no article in particular
# Names Windows refuses as file names, whatever the extension, and the site's own folders.
RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)),
            *(f"lpt{i}" for i in range(10)), "index", "search", "assets"}
PLAIN = re.compile(r"[a-z0-9][a-z0-9._-]*")
_WORD = re.compile(r"\w+")


@dataclass
class Entry:
    key: str  # the address the build first gave the article
    id: str  # its address now (the key unless the editor wrote `id:`)
    was: list[str] = field(default_factory=list)
    source: Optional[str] = None
    lines: Optional[list[int]] = None
    title: Optional[str] = None
    opening: Optional[str] = None
    sketch: tuple[int, ...] = ()
    line: Optional[int] = None  # where it is in ids.yml

    def addresses(self) -> list[str]:
        """Every address of the article: its id, then the old ones that redirect to it."""
        return list(dict.fromkeys([self.id, self.key, *self.was]))


@dataclass
class IdsMemo:
    """What a build cache keeps of the ids file and its matching between builds (a part of
    pipeline.BuildCache, saved with it): a file of thousands of entries is parsed again only
    when it changed, and only an edited article's sketch or slug is made again."""

    key: Optional[tuple[str, str]] = None  # the file's path and a digest of its text
    entries: list[Entry] = field(default_factory=list)  # the file as parsed
    sketches: Memo[bytes, tuple[int, ...]] = field(default_factory=Memo)  # article_sketch's
    slugs: Memo[str, str] = field(default_factory=Memo)  # titles' slugs (derive's)


@dataclass
class IdRegistry:
    """The ids file as read, and the entries a build adds to it."""

    path: Optional[Path] = None
    entries: list[Entry] = field(default_factory=list)
    text: str = ""
    new: list[Entry] = field(default_factory=list)  # appended by `write_new`
    matched: dict[str, Entry] = field(default_factory=dict)  # article id -> its entry
    # What is kept between builds (`load`'s memo, else this registry's own): told what
    # `write_new` wrote.
    memo: IdsMemo = field(default_factory=IdsMemo, repr=False, compare=False)

    @classmethod
    def load(cls, path: Optional[Path], memo: Optional[IdsMemo] = None) -> IdRegistry:
        """The registry of the ids file at `path`. `memo`: what the last build kept of it
        (a build cache's IdsMemo)."""
        memo = IdsMemo() if memo is None else memo
        if path is None or not Path(path).exists():
            return cls(path=Path(path) if path else None, memo=memo)
        path = Path(path)
        text = read_editor_file(path, "ids file")
        key = _memo_key(path, text)
        if memo.key != key:
            memo.key, memo.entries = key, _parse(text, str(path))
        return cls(path=path, entries=list(memo.entries), text=text, memo=memo)

    def assign(self, articles: list[Article], sources: Sequence[SourceText] = ()) -> None:
        """Give each article its recorded id, or a new one (recorded in `new`)."""
        if self.path is None:  # no ids file: nothing to match, nowhere to record the new
            derive(articles, slugs=self.memo.slugs)
            self.memo.slugs.done()
            self.matched, self.new = {}, []
            return
        by_name = {s.name: s for s in sources}
        known = self.memo.sketches
        sketches = [article_sketch(a, by_name.get(a.source), known) for a in articles]
        known.done()
        pairs = _match(articles, sketches, self.entries, [s.name for s in sources])
        self.matched = {}
        fresh = []
        for i, a in enumerate(articles):
            if i in pairs:
                entry = self.entries[pairs[i]]
                a.id = entry.id
                self.matched[a.id] = entry
            else:
                fresh.append(i)
        taken = {x for e in self.entries for x in e.addresses()}
        derive([articles[i] for i in fresh], taken)
        self.new = []
        for i in fresh:
            a = articles[i]
            entry = Entry(key=a.id, id=a.id, source=a.source, lines=list(a.lines), title=a.title,
                          opening=_opening(a, by_name.get(a.source)), sketch=sketches[i])
            self.new.append(entry)
            self.matched[a.id] = entry

    def redirects(self) -> dict[str, str]:
        """Old address -> address now, for the articles of this build."""
        return {old: e.id for e in self.matched.values() for old in e.addresses()[1:]}

    def write_new(self, before=None) -> None:
        """Append the new entries to the ids file (written whole, through a temporary file);
        `before(path, text)` is told what is about to be written (the preview's watch)."""
        if not self.new or self.path is None:
            return
        text = self.text if self.text.strip() else HEADER
        if not text.endswith("\n"):
            text += "\n"
        text += "".join(_entry_yaml(e) for e in self.new)
        # Parsed as the next build will read it (so that build need not parse it again).
        try:
            parsed: Optional[list[Entry]] = _parse(text, str(self.path))
        except JinaqError:
            parsed = None
        keys = {e.key for e in parsed or ()}
        if parsed is None or any(e.key not in keys for e in self.new):
            raise JinaqError("cannot add the new articles' ids: the file does not end in an "
                             "entry the build can follow", str(self.path),
                             hint="end it with `key:` entries as the build writes them")
        if before is not None:
            before(self.path, text)
        tmp = self.path.with_name(f".{self.path.name}.part")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, self.path)
        self.text, self.entries, self.new = text, self.entries + self.new, []
        self.memo.key, self.memo.entries = _memo_key(self.path, text), parsed


def _memo_key(path: Path, text: str) -> tuple[str, str]:
    return (str(path), hashlib.blake2b(text.encode("utf-8", "surrogatepass")).hexdigest())


def all_redirects(registry: Optional[IdRegistry], fixes, articles: list[Article]) -> dict[str, str]:
    """Old address -> address now: ids.yml renames, then corrections (merges, `id:`), chains
    followed to an article of the build; an address some article has now never redirects."""
    edges = {**(registry.redirects() if registry else {}), **fixes.redirects}
    now = {a.id for a in articles}
    out = {}
    for old in edges:
        target, seen = old, {old}
        while target in edges and target not in now and edges[target] not in seen:
            target = edges[target]
            seen.add(target)
        if old not in now and target in now:
            out[old] = target
    return dict(sorted(out.items()))


def derive(articles: Iterable[Article], taken: set[str] | frozenset[str] = frozenset(),
           slugs: Optional[Memo[str, str]] = None) -> None:
    """Ids from what the text shows: the title's slug, else the source file and first line;
    a number is added to one already used (or in `taken`, the ids file's old addresses).
    `slugs`: titles' slugs made before (filled in; a transliteration takes 0.1 ms)."""
    used = set(taken)
    for a in articles:
        if not a.title:
            base = ""
        elif slugs is None:
            base = slug(a.title, max_length=60)
        else:
            base = slugs.get(a.title) or slugs.keep(a.title, slug(a.title, max_length=60))
        if not base:
            stem = slug(re.sub(r"\.[^.]*$", "", a.source), max_length=40) or "article"
            base = f"{stem}-{a.lines[0]}"
        if base in RESERVED or base[0].isdigit() and a.title is not None:
            base = f"a-{base}"
        candidate, n = base, 1
        while candidate in used:
            n += 1
            candidate = f"{base}-{n}"
        used.add(candidate)
        a.id = candidate


def article_sketch(a: Article, src: Optional[SourceText],
                   known: Memo[bytes, tuple[int, ...]]) -> tuple[int, ...]:
    """The smallest hashes of the shingles of the article's opening words (a bottom-k sketch:
    two sketches estimate the share of shingles two texts have in common). Kept in `known` by
    the text they come from: a rebuild computes only those of the articles an edit changed."""
    key = hashlib.blake2b(_text(a, src).encode("utf-8", "surrogatepass"), digest_size=16).digest()
    found = known.get(key)
    return known.keep(key, sketch(_opening_words(a, src))) if found is None else found


def sketch(words: list[str]) -> tuple[int, ...]:
    if not words:
        return ()
    # A shingle's hash mixes its words' hashes, each by its own odd multiplier (so the order
    # counts): one CRC per word instead of one per joined shingle.
    w = [zlib.crc32(x.encode("utf-8", "surrogatepass")) for x in words]
    w += [0] * (SHINGLE - len(w))  # a text shorter than a shingle is one shingle
    hashes = {(a * 0x9E3779B1 ^ b * 0x85EBCA77 ^ c * 0xC2B2AE3D ^ d * 0x27D4EB2F) & 0xFFFFFFFF
              for a, b, c, d in zip(w, w[1:], w[2:], w[3:])}
    return tuple(sorted(hashes)[:SKETCH_SIZE])


def similarity(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """Estimated share of shingles in common (Jaccard) from two bottom-k sketches."""
    if not a or not b:
        return 0.0
    both = set(a) & set(b)
    union = sorted(set(a) | set(b))[:SKETCH_SIZE]
    return sum(h in both for h in union) / len(union)


def _text(a: Article, src: Optional[SourceText]) -> str:
    """The article's raw text (what the editor sees and edits), else its extracted text."""
    if src is not None and a.lines:
        return "\n".join(src.lines[max(a.lines[0] - 1, 0):a.lines[1]])
    return "\n".join(x for x in (a.title, a.abstract, a.body) if x)


def _opening_words(a: Article, src: Optional[SourceText]) -> list[str]:
    text = _text(a, src)
    size = WINDOW * 12  # characters that usually hold WINDOW words; more when they do not
    while True:
        words = _WORD.findall(_normalise(text[:size]))
        if len(words) > WINDOW or size >= len(text):
            return words[:WINDOW]
        size *= 4


def _normalise(text: str) -> str:
    # Case only: a look-alike letter fixed in the raw text changes one word, four shingles of
    # some three hundred, which the similarity allows for (folding them costs a third of it).
    return text.lower()


def _opening(a: Article, src: Optional[SourceText], length: int = 90) -> str:
    """The first words of the article as printed, for the editor reading ids.yml."""
    words = " ".join(_text(a, src)[:length * 4].split())
    if len(words) <= length:
        return words
    return words[:words.rfind(" ", 0, length) if " " in words[:length] else length] + " …"


def _match(articles: list[Article], sketches: list[tuple[int, ...]], entries: list[Entry],
           source_order: list[str]) -> dict[int, int]:
    """Article index -> entry index: by text, then title, then place between neighbours."""
    pairs: dict[int, int] = {}
    used: set[int] = set()

    def take(candidates: list[tuple]) -> None:
        for *_, i, j in sorted(candidates):
            if i not in pairs and j not in used:
                pairs[i] = j
                used.add(j)

    def distance(a: Article, e: Entry) -> tuple:
        return (e.source != a.source, abs((e.lines or [0])[0] - a.lines[0]))

    # 1. By text. The same sketch first (an unchanged article: most of them, found at once).
    same: dict[tuple, list[int]] = defaultdict(list)
    for j, e in enumerate(entries):
        if e.sketch:
            same[e.sketch].append(j)
    take([(*distance(a, entries[j]), i, j) for i, (a, sk) in enumerate(zip(articles, sketches))
          if sk for j in same.get(sk, ())])
    # Then similar ones, among the entries sharing enough hashes with the article to reach
    # SIMILAR (a hash most entries hold, such as a shared affiliation's, finds no candidate).
    holders: dict[int, list[int]] = defaultdict(list)
    for j, e in enumerate(entries):
        if j not in used:
            for h in e.sketch:
                holders[h].append(j)
    found = []
    for i, (a, sk) in enumerate(zip(articles, sketches)):
        if i in pairs or not sk:
            continue
        shared = Counter(j for h in sk if len(holders.get(h, ())) <= _COMMON_HASH
                         for j in holders.get(h, ()))
        for j, n in sorted(shared.items()):
            if n >= SIMILAR * max(len(sk), len(entries[j].sketch)):
                score = similarity(sk, entries[j].sketch)
                if score >= SIMILAR:
                    found.append((-score, *distance(a, entries[j]), i, j))
    take(found)
    # 2. By title, in the same source file.
    titled = defaultdict(list)
    for j, e in enumerate(entries):
        if j not in used and e.title and slug(e.title):
            titled[(e.source, slug(e.title))].append(j)
    take([(*distance(a, entries[j]), i, j) for i, a in enumerate(articles)
          if i not in pairs and a.title for j in titled.get((a.source, slug(a.title)), ())])
    # 3. By place: a run of unrecognised articles between two recognised ones (or a file's
    # start or end) and as many unrecognised entries between theirs take each other in order.
    take(_by_place(articles, entries, pairs, used, source_order))
    return pairs


def _by_place(articles: list[Article], entries: list[Entry], pairs: dict[int, int],
              used: set[int], source_order: list[str]) -> list[tuple]:
    rank = {name: n for n, name in enumerate(source_order)}
    placed = sorted((rank[e.source], (e.lines or [0])[0], j) for j, e in enumerate(entries)
                    if e.source in rank and e.lines)
    position = {j: n for n, (_, _, j) in enumerate(placed)}
    out: list[tuple] = []
    i = 0
    while i < len(articles):
        if i in pairs:
            i += 1
            continue
        start = i
        while i < len(articles) and i not in pairs and articles[i].source == articles[start].source:
            i += 1
        run = list(range(start, i))
        src = articles[start].source
        if src not in rank:
            continue
        before = pairs.get(start - 1) if start and articles[start - 1].source == src else None
        after = pairs.get(i) if i < len(articles) and articles[i].source == src else None
        lo = (position[before] + 1 if before in position
              else bisect_left(placed, (rank[src], -1, -1)))
        hi = (position[after] if after in position
              else bisect_left(placed, (rank[src] + 1, -1, -1)))
        if (before is not None and before not in position) or (after is not None
                                                                and after not in position):
            continue
        between = [j for _, _, j in placed[lo:hi]]
        if lo <= hi and len(between) == len(run) and not any(j in used for j in between) \
                and all(entries[j].source == src for j in between):
            out.extend((n, i_, j) for n, (i_, j) in enumerate(zip(run, between)))
    return out


def _parse(text: str, path: str) -> list[Entry]:
    loader = yamlfile.LOADER(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except (yaml.YAMLError, TypeError) as exc:
        raise yaml_error(exc, path, text) from None
    finally:
        loader.dispose()
    if node is None or data is None:
        return []
    if not isinstance(node, yaml.MappingNode) or not isinstance(data, dict):
        raise JinaqError("the ids file maps each article's first address to its entry",
                         path, node.start_mark.line + 1)
    values = {str(k): v for k, v in data.items()}
    entries: list[Entry] = []
    seen: dict[str, int] = {}
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + 1
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
        if not PLAIN.fullmatch(key):
            raise JinaqError(f"'{key}' is not a plain id", path, line,
                             hint="ids are lower-case letters, digits, '-', '.', '_'")
        if key in seen:
            raise JinaqError(f"'{key}' is listed twice (also on line {seen[key]})", path, line)
        seen[key] = line
        at = {k.value: k.start_mark.line + 1 for k, _ in value_node.value} \
            if isinstance(value_node, yaml.MappingNode) else {}
        entries.append(_entry(key, values.get(key), path, line, at))
    _check_addresses(entries, path)
    return entries


def _entry(key: str, value, path: str, line: int, at: dict[str, int]) -> Entry:
    entry = Entry(key=key, id=key, line=line)
    if value is None:
        return entry  # `key:` alone: an address reserved by hand, recognised by nothing yet
    if not isinstance(value, dict):
        raise JinaqError(f"the entry of '{key}' must be a mapping (id:, source:, …)", path, line)
    for name, v in value.items():
        where = at.get(str(name), line)
        if name not in FIELDS:
            raise JinaqError(f"'{key}': unknown field '{name}'", path, where,
                             hint=did_you_mean(str(name), FIELDS, "fields: " + ", ".join(FIELDS)))
        if name in ("id", "source", "title", "opening") and not isinstance(v, (str, type(None))):
            raise JinaqError(f"'{key}': '{name}' must be text", path, where)
        if name == "id":
            if v is not None and not PLAIN.fullmatch(v):
                raise JinaqError(f"'{key}': id '{v}' is not a plain id", path, where,
                                 hint="ids are lower-case letters, digits, '-', '.', '_'")
            entry.id = v or key
        elif name == "was":
            was = [v] if isinstance(v, str) else v
            if not (isinstance(was, list) and all(isinstance(x, str) and PLAIN.fullmatch(x)
                                                  for x in was)):
                raise JinaqError(f"'{key}': 'was' lists old ids, like [old-id]", path, where)
            entry.was = was
        elif name == "lines":
            if not (isinstance(v, list) and len(v) == 2 and all(isinstance(x, int) for x in v)):
                raise JinaqError(f"'{key}': 'lines' is [first, last]", path, where)
            entry.lines = v
        elif name == "sketch":
            try:
                entry.sketch = tuple(sorted(int(h, 16) for h in str(v or "").split()))
            except ValueError:
                raise JinaqError(f"'{key}': 'sketch' is written by the build (hexadecimal "
                                 "numbers); delete it rather than edit it", path, where) from None
        else:
            setattr(entry, name, v)
    if not entry.sketch and entry.opening:  # an entry written by hand: its opening words
        entry.sketch = sketch(_WORD.findall(_normalise(entry.opening)))
    return entry


def _check_addresses(entries: list[Entry], path: str) -> None:
    """Two articles never share an address, current or old."""
    owner: dict[str, Entry] = {}
    for e in entries:
        for address in e.addresses():
            other = owner.setdefault(address, e)
            if other is not e:
                raise JinaqError(f"the address '{address}' of '{e.key}' is also that of "
                                 f"'{other.key}' (line {other.line})", path, e.line,
                                 hint="each id, key and old id names one article")


def _entry_yaml(e: Entry) -> str:
    body = {"source": e.source, "lines": e.lines, "title": e.title, "opening": e.opening,
            "sketch": " ".join(f"{h:08x}" for h in e.sketch)}
    return yaml.safe_dump({e.key: body}, allow_unicode=True, sort_keys=False,
                          default_flow_style=None, width=10 ** 6)
