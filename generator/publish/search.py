"""Search index writer: the data the site's own search worker loads, online and from file://.

Material for MkDocs keeps its search UI; the backend is ours (theme_overrides/assets/javascripts/
search/worker.js). This module writes what that worker reads, as JavaScript files (a page opened
from disk may load scripts but may not fetch() JSON):

- `search/jinaq-manifest.js` names the index shards (content-hashed names, so a browser cache
  never mixes two builds);
- each shard pushes one object onto `self.__jinaqIndex`: shard 0 holds the documents, the
  normalisation and Kazakh suffix tables and the glossary; the others hold sorted term ranges with
  their postings and the stem -> term lists. A shard's lists are each one string, items apart by a
  space (no term, stem or encoded list has one): a browser parses a string literal at the speed
  of reading it, but an array of 100,000 strings or an object of as many keys several times
  slower (0.5 s of a first search's 0.7 s on a 2,000-article volume went to parsing shards);
- `search/text/<doc>.js` holds one document's display text, loaded only for the results shown,
  so snippets can highlight the matched words in context without putting all text in the index.
  The text is gzip-compressed and base64-encoded (`self.__jinaqTextGz`): the site would otherwise
  hold every article's text a third time at full size; the worker inflates it with the browser's
  DecompressionStream (without one, results show no snippet);
- Material's own `search/search_index.json|js` become empty stand-ins, written by the site
  (site/compat.py: its format is Material's), since its UI still loads them.

Matching tiers (exact > prefix > stem > cross-language) are decided in the worker; the index keeps
surface terms and stems apart so it can tell them apart.
"""
from __future__ import annotations

import array
import base64
import hashlib
import json
import re
import dataclasses
import unicodedata
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Optional
from collections import Counter
from collections.abc import Iterable

import snowballstemmer

from ..language import textutil
from ..language.alphabet import KAZAKH_ONLY
from ..model import GlossaryEntry

INDEX_VERSION = 2  # 2: lists in shards packed as strings
# Characters of JSON per term shard: several shards load in parallel and keep each file small.
SHARD_CHARS = 1_500_000
# How much a match in each field counts (a title hit beats many body hits).
FIELD_WEIGHTS = {"title": 10, "authors": 8, "text": 1}
MAX_TEXT_TF = 40  # body repetitions past this add nothing
MIN_STEM = 3  # shorter stems match too much to be useful
# Same token rule as the worker's `/[\p{L}\p{N}]+/gu`: letters and digits, no underscore.
_TOKEN = re.compile(r"[^\W_]+")
_LATIN = re.compile("[a-z]")
# Letters only Kazakh uses: a word with one of them is stemmed with the Kazakh rules only.
KAZAKH_LETTERS = KAZAKH_ONLY  # (the browser's search reads it from the index)
_KAZAKH_SET = frozenset(KAZAKH_LETTERS)
# Varint digits for postings: a value is written base 32, high digits from the first alphabet,
# the last digit from the second, so numbers need no separators.
_CONT = "ABCDEFGHIJKLMNOPQRSTUVWXYZ!#$%&*"
_LAST = "abcdefghijklmnopqrstuvwxyz012345"
TEXT_DIR = "text"
_SEP = " "  # between the items of a shard's packed lists
MANIFEST = "jinaq-manifest.js"


@dataclass
class SearchDoc:
    """One searchable page."""

    location: str  # URL relative to the site root, e.g. "articles/x.html"
    title: str
    authors: str = ""
    lang: str = ""  # ISO 639-1 of the page's main text
    text: str = ""  # plain display text (no Markdown), cleaned
    kind: str = "article"  # "article" | "page"


def normalise(text: str) -> str:
    """The search form of a text: the same rules as `textutil.normalise_for_search`."""
    return textutil.normalise_for_search(text)


def tokens(text: str) -> list[str]:
    """Normalised tokens of `text`, in order (the worker tokenises queries the same way)."""
    return _TOKEN.findall(normalise(text))


_porter = snowballstemmer.stemmer("porter")


def stems(token: str) -> list[str]:
    """Stem keys of one normalised token: Kazakh and/or Russian for Cyrillic, Porter for Latin.

    The language of a single word is often not decidable (a Kazakh article quotes Russian, both
    languages share loanwords), so a Cyrillic word without Kazakh-only letters gets both stems;
    query words are treated the same way, so the two sides always meet.
    English uses the original Porter algorithm, not Porter2: Snowball 3 changed Porter2 and the
    JavaScript port lags behind, while both ports of Porter agree on every word.
    """
    from ..language import morphology

    out: list[str] = []
    if textutil.CYRILLIC.search(token):
        out.append(morphology.kk_stem(token))
        if _KAZAKH_SET.isdisjoint(token):
            out.append(morphology.ru_stem(token))
    elif _LATIN.search(token):
        out.append(_porter.stemWord(token))
    seen: list[str] = []
    for s in out:
        if len(s) >= MIN_STEM and s not in seen:
            seen.append(s)
    return seen


@dataclass
class IndexMemo:
    """What indexing found in each document and term, kept from one build to the next, so a
    build after a small edit indexes only the documents that changed. Keyed by content: a
    document by a hash of every field it is indexed from, a term by itself."""

    docs: dict[str, _Packed] = dataclasses.field(default_factory=dict)
    stems: dict[str, list[str]] = dataclasses.field(default_factory=dict)
    # Each document's hash by its number, in the index last written with this memo.
    ids: list[str] = dataclasses.field(default_factory=list)
    # That index's terms (sorted), their encoded postings and its stem shards: a build in which
    # a few documents changed in place patches the postings of the terms whose weights moved.
    terms: list[str] = dataclasses.field(default_factory=list)
    encoded: dict[str, str] = dataclasses.field(default_factory=dict)
    stem_shards: list[dict] = dataclasses.field(default_factory=list)


def build_index(docs: Iterable[SearchDoc], out_dir: Path, glossary: list[GlossaryEntry],
                people_terms: Optional[dict[str, list[str]]] = None,
                memo: Optional[IndexMemo] = None, update: bool = False) -> dict:
    """Write the search index for `docs` into `out_dir` (the site's `search/` folder). `docs` is
    read once, in order, and each text is written as soon as it is indexed: given a generator,
    no more than one document's text is held at a time.

    `people_terms` maps a document location to further names to find it by (name variants, Latin
    spellings, the supervisor), indexed with the weight of authors. With a `memo`, documents and
    terms it holds are not analysed again; afterwards it holds exactly this index's (so it never
    grows past one volume). `update`: `out_dir` holds the index last written with `memo`, and
    only the files that differ are written again (each as a new file: the old one may be linked
    from elsewhere) and the ones no longer used removed. Returns a summary:
    {"docs", "terms", "stems", "files" (paths relative to out_dir), "bytes"}.
    """
    out_dir = Path(out_dir)
    people_terms = people_terms or {}
    lengths: list[int] = []
    heads: list[SearchDoc] = []  # the documents without their text
    texts: list[str] = []
    seen_docs: dict[str, _Packed] = {}
    ids: list[str] = []
    weights_of: list[dict[str, int] | _Packed] = []  # each document's (packed: from the memo)
    update = update and memo is not None
    last_ids = memo.ids if memo is not None else []
    for doc_id, doc in enumerate(docs):
        authors = " ; ".join([doc.authors, *people_terms.get(doc.location, [])])
        key = None
        found = None
        if memo is not None:
            key = hashlib.sha256("\x00".join((doc.title, authors, doc.text)).encode(
                "utf-8", "surrogatepass")).hexdigest()
            found = memo.docs.get(key)
        if found is None:
            weights, length = _doc_weights(doc.title, authors, doc.text)
            weights_of.append(weights)
            if key is not None:
                found = _pack(weights, length)
        else:
            weights_of.append(found)
            length = found[2]
        if key is not None:
            assert found is not None  # (packed above)
            seen_docs[key] = found
            ids.append(key)
        lengths.append(length)
        text_file = f"{TEXT_DIR}/{doc_id}.js"
        if not (update and doc_id < len(last_ids) and last_ids[doc_id] == key
                and (out_dir / text_file).is_file()):
            display = unicodedata.normalize("NFC", textutil.fix_lookalikes(doc.text)[0])
            _write(out_dir / text_file,
                   f'self.__jinaqTextGz({doc_id},"{pack_text(display)}");\n', update)
        texts.append(text_file)
        heads.append(dataclasses.replace(doc, text=""))

    patched = _patched_postings(memo, ids, weights_of) if memo is not None else None
    if patched is not None:
        assert memo is not None  # (patched only with a memo)
        terms, encoded = patched
        same_terms = terms is memo.terms
    else:
        terms, encoded = _encoded_postings(weights_of)
        same_terms = False
    del weights_of
    if same_terms and memo is not None:  # the same terms: the same stems
        term_stems, stem_shards = memo.stems, memo.stem_shards
        stem_count = len({s for found in term_stems.values() for s in found})
    else:
        stem_terms: dict[str, list[int]] = {}
        known = memo.stems if memo is not None else {}
        term_stems = {}
        for i, term in enumerate(terms):
            found_stems = known.get(term)
            if found_stems is None:
                found_stems = stems(term)
            term_stems[term] = found_stems
            for s in found_stems:
                stem_terms.setdefault(s, []).append(i)
        stem_shards = _stem_shards(stem_terms)
        stem_count = len(stem_terms)
    if memo is not None:
        memo.docs, memo.stems, memo.ids = seen_docs, term_stems, ids
        memo.terms, memo.encoded, memo.stem_shards = terms, encoded, stem_shards

    files: list[str] = []
    shards = [_meta_shard(heads, lengths, glossary)]
    shards += _term_shards(terms, encoded)
    shards += stem_shards
    shard_names = []
    for shard in shards:
        body = "(self.__jinaqIndex=self.__jinaqIndex||[]).push(" + _dumps(shard) + ");\n"
        name = "jinaq-index-" + hashlib.sha256(body.encode("utf-8")).hexdigest()[:12] + ".js"
        if not (update and (out_dir / name).is_file()):  # (named by its content)
            _write(out_dir / name, body, update)
        shard_names.append(name)
    manifest = {"version": INDEX_VERSION, "shards": shard_names, "text": TEXT_DIR + "/"}
    _write(out_dir / MANIFEST, "self.__jinaqManifest=" + _dumps(manifest) + ";\n", update)
    files += [MANIFEST, *shard_names, *texts]
    if update:
        _remove_all_but(out_dir, set(files))
    total = sum((out_dir / f).stat().st_size for f in files)
    return {"docs": len(heads), "terms": len(terms), "stems": stem_count,
            "files": files, "bytes": total}


def _doc_weights(title: str, authors: str, text: str) -> tuple[dict[str, int], int]:
    """One document's weight for each of its terms, and its length in tokens."""
    fields = {"title": tokens(title), "authors": tokens(authors), "text": tokens(text)}
    weights: dict[str, int] = {}
    for name, toks in fields.items():
        weight = FIELD_WEIGHTS[name]
        # (Counter counts in C; its keys keep the tokens' first-seen order, as the index does)
        for tok, tf in Counter(toks).items():
            if name == "text" and tf > MAX_TEXT_TF:  # repetitions past this add nothing
                tf = MAX_TEXT_TF
            weights[tok] = weights.get(tok, 0) + tf * weight
    return weights, sum(len(t) for t in fields.values())


def _meta_shard(docs: list[SearchDoc], lengths: list[int],
                glossary: list[GlossaryEntry]) -> dict:
    """Documents, tables and glossary: what every query needs besides the terms."""
    from ..language import morphology
    from ..pages.i18n import all_languages

    rules = morphology.export_rules()
    return {
        "part": "meta",
        "version": INDEX_VERSION,
        "docs": [[d.location, d.title, d.authors, d.lang, d.kind, n]
                 for d, n in zip(docs, lengths)],
        "lookalikes": dict(sorted(textutil.LOOKALIKES.items())),
        "always_cyrillic": dict(sorted(textutil.ALWAYS_CYRILLIC.items())),
        "kazakh_letters": KAZAKH_LETTERS,
        "min_stem": MIN_STEM,
        "kk_rules": rules.get("kk", rules) if isinstance(rules, dict) else rules,
        "glossary": _glossary_data(glossary),
        # The worker's own words, in every page language (generator/data/ui.yml).
        "labels": {"via": all_languages("search_via")},
    }


def _glossary_data(glossary: list[GlossaryEntry]) -> list[dict]:
    """Each entry as language -> list of token sequences (the term and its variants)."""
    out = []
    for entry in glossary:
        item: dict[str, list[list[str]]] = {}
        for lang in ("kk", "ru", "en"):
            forms = [getattr(entry, lang)] + list(entry.variants.get(lang, []))
            seqs: list[list[str]] = []
            for form in forms:
                toks = tokens(form or "")
                if toks and toks not in seqs:
                    seqs.append(toks)
            if seqs:
                item[lang] = seqs
        if len(item) >= 2:
            out.append(item)
    return out


# A document's term weights as the memo keeps them: its terms joined by newlines (no term has
# one), their weights as an array of unsigned ints, and its length. Pickled in a tenth of the
# time of a dict per document (hundreds of thousands of entries in a large volume), and a
# build after an edit unpacks only the documents that changed.
_Packed = tuple[str, bytes, int]


def _pack(weights: dict[str, int], length: int) -> _Packed:
    return "\n".join(weights), array.array("I", weights.values()).tobytes(), length


def _weights(found: dict[str, int] | _Packed) -> dict[str, int]:
    if isinstance(found, dict):
        return found
    terms, packed, _ = found
    return dict(zip(terms.split("\n"), array.array("I", packed))) if terms else {}


def _encoded_postings(weights_of: list[dict[str, int] | _Packed]
                      ) -> tuple[list[str], dict[str, str]]:
    """The sorted terms of all documents, and each term's postings: delta-coded (doc, weight)
    varint strings (a tenth of their size as text)."""
    # term -> {doc: weight}: plain ints, not an object per posting (millions in a large volume)
    postings: dict[str, dict[int, int]] = {}
    for doc_id, found in enumerate(weights_of):
        for tok, w in _weights(found).items():
            plist = postings.get(tok)
            if plist is None:
                plist = postings[tok] = {}
            plist[doc_id] = w
    terms = sorted(postings, key=_js_order)
    # (documents were added in order, so each term's postings are in document order; each
    # leaves `postings` once encoded)
    return terms, {t: _encode_postings(postings.pop(t).items()) for t in terms}


# Past this share of documents changed, encoding every term again costs less than patching.
PATCH_SHARE = 0.1


def _patched_postings(memo: IndexMemo, ids: list[str],
                      weights_of: list[dict[str, int] | _Packed]
                      ) -> Optional[tuple[list[str], dict[str, str]]]:
    """The memo's terms and encoded postings with the changes of the documents that differ
    from the last index at their number (edited, added at the end or gone from it): only the
    terms whose weight in one of them moved are decoded and encoded again. None when there is
    no last index or too much changed (the caller encodes all). The memo's own `terms` list
    is returned when no term came or went."""
    last = memo.ids
    if not memo.encoded or len(last) > len(ids) + len(ids) * PATCH_SHARE:
        return None
    changed = [n for n in range(max(len(ids), len(last)))
               if n >= len(ids) or n >= len(last) or ids[n] != last[n]]
    if len(changed) > max(1, len(ids) * PATCH_SHARE):
        return None
    moved: dict[str, dict[int, Optional[int]]] = {}  # term -> doc -> new weight (None: gone)
    for n in changed:
        old: dict[str, int] = {}
        if n < len(last):
            kept = memo.docs.get(last[n])
            if kept is None:  # (not this memo's last index)
                return None
            old = _weights(kept)
        new = _weights(weights_of[n]) if n < len(ids) else {}
        for t, w in new.items():
            if old.get(t) != w:
                moved.setdefault(t, {})[n] = w
        for t in old:
            if t not in new:
                moved.setdefault(t, {})[n] = None
    encoded = dict(memo.encoded)
    came_or_went = False
    for t, change in moved.items():
        ws = decode_varints(encoded.get(t, ""))
        pairs: dict[int, int] = {}
        doc = 0
        for i in range(0, len(ws), 2):
            doc += ws[i]
            pairs[doc] = ws[i + 1]
        for n, weight in change.items():
            if weight is None:
                pairs.pop(n, None)
            else:
                pairs[n] = weight
        if pairs:
            came_or_went |= t not in encoded
            encoded[t] = _encode_postings(sorted(pairs.items()))
        elif t in encoded:
            came_or_went = True
            del encoded[t]
    terms = sorted(encoded, key=_js_order) if came_or_went else memo.terms
    return terms, encoded


def _term_shards(terms: list[str], encoded: dict[str, str]) -> list[dict]:
    """Sorted terms cut into shards, with their encoded postings."""
    shards: list[dict] = []
    first, size = 0, 0
    for i, term in enumerate(terms):
        size += len(term) + len(encoded[term]) + 2
        if size >= SHARD_CHARS or i == len(terms) - 1:
            shards.append(_term_shard(terms[first:i + 1], encoded, first))
            first, size = i + 1, 0
    return shards or [_term_shard([], encoded, 0)]


def _term_shard(terms: list[str], encoded: dict[str, str], first: int) -> dict:
    return {"part": "terms", "first": first, "count": len(terms), "terms": _packed(terms),
            "postings": _packed([encoded[t] for t in terms])}


def _stem_shards(stem_terms: dict[str, list[int]]) -> list[dict]:
    """Stem -> ids of the terms having that stem (delta-coded), stems sorted in each shard."""
    shards: list[dict] = []
    keys: list[str] = []
    values: list[str] = []
    size = 0
    for s in sorted(stem_terms, key=_js_order):
        ids = stem_terms[s]
        enc = "".join(_VARINTS[b - a] if b - a < len(_VARINTS) else _varint(b - a)
                      for a, b in zip([0] + ids, ids))
        keys.append(s)
        values.append(enc)
        size += len(s) + len(enc) + 2
        if size >= SHARD_CHARS:
            shards.append(_stem_shard(keys, values))
            keys, values, size = [], [], 0
    if keys or not shards:
        shards.append(_stem_shard(keys, values))
    return shards


def _stem_shard(keys: list[str], values: list[str]) -> dict:
    return {"part": "stems", "count": len(keys), "stems": _packed(keys), "terms": _packed(values)}


def _packed(items: list[str]) -> str:
    packed = _SEP.join(items)
    # (an item holding the separator would shift every later one: tokens never do)
    if packed.count(_SEP) != max(len(items) - 1, 0) or "" in items:
        raise ValueError("search index: a term, stem or postings list is empty or has a space")
    return packed


def unpack_list(packed: str, count: int) -> list[str]:
    """A shard's list as the worker reads it (`count` tells an empty list from one empty item)."""
    return packed.split(_SEP) if count else []


def _encode_postings(pairs: Iterable[tuple[int, int]]) -> str:
    out = []
    prev = 0
    table, size = _VARINTS, len(_VARINTS)
    for doc, weight in pairs:
        delta = doc - prev
        out.append(table[delta] if delta < size else _varint(delta))
        out.append(table[weight] if weight < size else _varint(weight))
        prev = doc
    return "".join(out)


def _varint(n: int) -> str:
    digits = [_LAST[n % 32]]
    n //= 32
    while n:
        digits.append(_CONT[n % 32])
        n //= 32
    return "".join(reversed(digits))


# The small numbers (one or two digits), made once: millions of postings are mostly these.
_VARINTS = [_varint(n) for n in range(32 * 32)]


def decode_varints(s: str) -> list[int]:
    """Inverse of the postings/stem encoding (for tests and tools)."""
    out, n = [], 0
    for ch in s:
        i = _CONT.find(ch)
        if i >= 0:
            n = n * 32 + i
        else:
            out.append(n * 32 + _LAST.index(ch))
            n = 0
    return out


def _js_order(s: str) -> bytes:
    # JavaScript compares strings by UTF-16 code units; sort the same way for binary search.
    return s.encode("utf-16-be")


def pack_text(text: str) -> str:
    """`text` as base64 of its gzip-compressed UTF-8: about 40 % of the plain size for Cyrillic.
    The same text always packs to the same bytes (zlib with no time stamp), so builds stay
    byte-identical."""
    packer = zlib.compressobj(6, zlib.DEFLATED, 31)  # wbits 31: a gzip stream, no file name/time
    data = packer.compress(text.encode("utf-8", "surrogatepass")) + packer.flush()
    return base64.b64encode(data).decode("ascii")


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)


def _write(path: Path, text: str, anew: bool = False) -> None:
    """Write `text` to `path`; `anew`: as a new file, leaving any other link to the old one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if anew:
        path.unlink(missing_ok=True)
    path.write_text(text, encoding="utf-8")


def _remove_all_but(folder: Path, keep: set[str]) -> None:
    for p in list(folder.rglob("*")):
        if p.is_file() and p.relative_to(folder).as_posix() not in keep:
            p.unlink()
