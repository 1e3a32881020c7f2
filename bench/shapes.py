"""The benchmark's input shapes: the volumes `python -m bench --shape …` measures.

- `synthetic`: bench/synth.py's volume (template prose, both raw layouts alternating), unchanged.
- `spaced-dense`: the sample's raw layout (content/raw/: an empty line after every text line, a
  new page marked by a leading space, U+F0D8 bullets, Latin ə in Kazakh words) with dense
  line-end hyphenation (a third of the lines end in `сай-` continued on the next line; genuine
  compounds such as `қоғамдық-` / `саяси` split at their own hyphen too) and many distinct word
  forms (bench/forms.py): Kazakh and Russian articles, an English one in five.
- `pdftotext`: the same kind of articles in the pdftotext layout only (CRLF, running header and
  page number on every page, form feeds).
- `one-file`: the pdftotext shape's articles in a single file, as a volume printed as one PDF
  comes: what is done per file (cleaning, segmenting) runs on one core and over the whole volume.
- `dev`: the real development volumes of `../shared/dev` (when present), their text files copied
  again and again, one file per copy, until N articles; the last copy is cut after the article
  that makes N (article spans from the gold files). Never copied into the repository: the volume
  folder is under `--out` (bench/output/ is git-ignored).

Every generated shape is deterministic for a seed.
"""
from __future__ import annotations

import random
import re
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import yaml

from bench import synth
from bench.forms import Forms

SHAPES = ("synthetic", "spaced-dense", "pdftotext", "one-file", "dev")
ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "dev"
DENSE_LANGS = ("kk", "ru", "kk", "ru", "en")  # Kazakh and Russian, an English article in five
HYPHEN_RATE = 0.45  # chance that a line ends in a hyphenated word, when the next one allows it
COMPOUND_SPLIT = 0.9  # chance that a compound beginning the next line is split at its hyphen
VOWELS = set("аәеёиоөұүыіэюяaeiouy")
TRAIL = ".,;:»)]"


class ShapeUnavailable(Exception):
    """The shape cannot be built here (the dev volumes are absent)."""


@dataclass
class ShapeVolume:
    shape: str
    paths: list[Path]
    articles: int  # articles written (for `dev`: counted by the gold files)
    note: str = ""


def make_shape(shape: str, out_dir: Path, n: int, seed: int = 1,
               dev: Optional[Path] = None) -> ShapeVolume:
    """Write the volume of `shape` with n articles into `out_dir`."""
    out_dir = Path(out_dir)
    if shape == "synthetic":
        return ShapeVolume(shape, synth.make_volume(out_dir, n=n, seed=seed), n)
    if shape == "spaced-dense":
        return ShapeVolume(shape, make_dense_volume(out_dir, n, seed, "spaced"), n)
    if shape == "pdftotext":
        return ShapeVolume(shape, make_dense_volume(out_dir, n, seed, "pdftotext"), n)
    if shape == "one-file":
        return ShapeVolume(shape, make_dense_volume(out_dir, n, seed, "pdftotext", per_file=n),
                           n)
    if shape == "dev":
        return make_dev_volume(out_dir, n, dev or DEV)
    raise ValueError(f"unknown shape {shape!r}: expected one of {', '.join(SHAPES)}")


def available(shape: str, dev: Optional[Path] = None) -> Optional[str]:
    """None when the shape can be built here, else why not."""
    if shape == "dev" and not dev_files(dev or DEV):
        return f"skipped: no development volumes in {dev or DEV}"
    return None


# --- spaced-dense and pdftotext -----------------------------------------------------------------

def make_dense_articles(n: int, seed: int = 1) -> list[synth.SynthArticle]:
    """N articles with synth.py's front matter and references, and a body of many word forms."""
    rng = random.Random(f"{seed}-dense")
    forms = Forms(random.Random(f"{seed}-forms"))
    pools = {lang: synth._title_pool(lang, rng) for lang in synth.LANGS}
    count = dict.fromkeys(synth.LANGS, 0)
    articles = []
    for i in range(n):
        lang = DENSE_LANGS[i % len(DENSE_LANGS)]
        title = synth._unique_title(pools[lang], count[lang], lang)
        count[lang] += 1
        forms.new_stems(rng.randint(2, 5))
        art = synth._article(lang, title, rng)  # head, abstract, keywords, references
        art.body, art.events = _dense_body(art, forms, rng)
        art.abstract += " " + _dense_sentence(lang, forms, rng, art.keywords)
        articles.append(art)
    return articles


def make_dense_volume(out_dir: Path, n: int, seed: int = 1, layout: str = "spaced",
                      per_file: int = 200) -> list[Path]:
    """Write make_dense_articles(n, seed) in one raw layout, `per_file` articles a file."""
    if layout not in synth.LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}")
    out_dir.mkdir(parents=True, exist_ok=True)
    articles = make_dense_articles(n, seed)
    rng = random.Random(f"{seed}-{layout}-dense-layout")
    paths, page = [], 1
    for k in range(0, len(articles), per_file):
        pages = synth._paginate(articles[k:k + per_file], rng, wrap=dense_wrap)
        data = synth._spaced(pages) if layout == "spaced" else synth._pdftotext(pages, page)
        page += len(pages)
        path = out_dir / f"vol_{k // per_file:03d}.txt"
        path.write_bytes(data.encode("utf-8"))
        paths.append(path)
    return paths


# The body: the usual headings, template sentences (glossary terms), dated events (timeline) and,
# for the most part, sentences of generated word forms
def _dense_body(art: synth.SynthArticle, forms: Forms, rng: random.Random):
    lang = art.language
    col = synth.LANGS.index(lang)
    terms = [t[col] for t in synth.TERMS]
    chosen = rng.sample(terms, 6)
    body: list[tuple[str, str]] = []
    events: list[str] = []
    size, cite = 0, 1
    headings = iter(synth.HEADINGS[lang][:-1])
    while size < synth.ARTICLE_BYTES:
        if size == 0 or (rng.random() < 0.15 and size < synth.ARTICLE_BYTES * 0.8):
            head = next(headings, None)
            if head:
                body.append(("heading", head))
        roll = rng.random()
        if roll < 0.07:
            items = [("bullet", _dense_sentence(lang, forms, rng, chosen))
                     for _ in range(rng.randint(2, 4))]
        else:
            sentences = []
            for _ in range(rng.randint(2, 6)):
                r = rng.random()
                if r < 0.12:
                    event = synth._dated(lang, rng)
                    events.append(event)
                    sentences.append(event)
                elif r < 0.35:
                    sentences.append(synth._sentence(lang, chosen, rng, cite))
                    cite = min(cite + rng.randint(0, 1), 12)
                else:
                    sentences.append(_dense_sentence(lang, forms, rng, chosen, cite))
            items = [("para", " ".join(sentences))]
        body.extend(items)
        size += sum(len(text.encode("utf-8")) for _, text in items)
    body.append(("heading", synth.HEADINGS[lang][-1]))
    body.append(("para", _dense_sentence(lang, forms, rng, chosen)))
    return body, events


def _dense_sentence(lang: str, forms: Forms, rng: random.Random, terms: list[str],
                    cite: int = 0) -> str:
    words = [forms.word(lang) for _ in range(rng.randint(6, 14))]
    if rng.random() < 0.4:  # a glossary term among them
        words.insert(rng.randrange(len(words)), rng.choice(terms))
    for k in range(1, len(words) - 1):
        if rng.random() < 0.08:
            words[k] += ","
    text = " ".join(words)
    text = text[:1].upper() + text[1:]
    return text + (f" [{cite}]." if cite and rng.random() < 0.2 else ".")


def dense_wrap(text: str, rng: random.Random, lang: str) -> list[str]:
    """Wrap at ~85 characters; often end a line in the first part of the next line's first
    word and a hyphen (`сайлау-` / `лардың`), and split a compound at its own hyphen."""
    # (textwrap's own breaks at hyphens are off: the compounds are split below, counted)
    lines = textwrap.wrap(text, synth.WRAP, break_on_hyphens=False)
    for i in range(len(lines) - 1):
        head, _, rest = lines[i + 1].partition(" ")
        if not rest or lines[i].endswith("-"):
            continue
        core = head.rstrip(TRAIL)
        if "-" in core.strip("-") and rng.random() < COMPOUND_SPLIT:
            first, _, second = head.partition("-")
            if first.isalpha() and second:
                lines[i] = f"{lines[i]} {first}-"
                lines[i + 1] = f"{second} {rest}"
            continue
        if len(core) >= 6 and core.isalpha() and rng.random() < HYPHEN_RATE:
            cut = _cut(core, rng)
            lines[i] = f"{lines[i]} {head[:cut]}-"
            lines[i + 1] = f"{head[cut:]} {rest}"
    return [synth._lookalike(line, lang, rng) for line in lines]


# Where to break a word: before a consonant followed by a vowel (са-яси, мәс-ли-хат-тар), with a
# vowel before the break and at least two letters after it
def _cut(word: str, rng: random.Random) -> int:
    low = word.lower()
    places = [k for k in range(2, len(low) - 2)
              if low[k] not in VOWELS and low[k + 1] in VOWELS and VOWELS & set(low[:k])]
    return rng.choice(places) if places else len(word) // 2


WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def distinct_forms(text: str) -> set[str]:
    """The distinct word forms (lower case, compounds whole) of a text."""
    return {w.lower() for w in WORD.findall(text)}


def article_text(art: synth.SynthArticle) -> str:
    """An article's prose before it is laid out (no line-end hyphens)."""
    return "\n".join([art.title, art.abstract, *(text for _, text in art.body), *art.references])


# --- dev ----------------------------------------------------------------------------------------

def dev_files(dev: Path) -> list[tuple[Path, list[tuple[int, int]]]]:
    """The development volumes' text files and their articles' line spans (from the gold)."""
    found: list[tuple[Path, list[tuple[int, int]]]] = []
    if not dev.is_dir():
        return found
    for txt in sorted(dev.glob("*/*.txt")):
        gold = txt.with_name(f"{txt.stem}.gold.yml")
        if not gold.is_file():
            continue
        data = yaml.safe_load(gold.read_text(encoding="utf-8")) or {}
        spans = [tuple(a.get("lines") or a.get("span")) for a in data.get("articles") or []
                 if a.get("lines") or a.get("span")]
        if spans:
            found.append((txt, sorted((int(a), int(b)) for a, b in spans)))
    return found


def make_dev_volume(out_dir: Path, n: int, dev: Path = DEV) -> ShapeVolume:
    """Copies of the development volumes' text files, one file a copy, until n articles."""
    files = dev_files(dev)
    if not files:
        raise ShapeUnavailable(f"no development volumes in {dev}")
    out_dir.mkdir(parents=True, exist_ok=True)
    paths, total, copy = [], 0, 0
    while total < n:
        for txt, spans in files:
            if total >= n:
                break
            data = txt.read_bytes()
            take = min(len(spans), n - total)
            if take < len(spans):  # the last copy ends with the article that makes n
                end = spans[take - 1][1]
                data = b"\n".join(data.split(b"\n")[:end]) + b"\n"
            path = out_dir / f"copy{copy:03d}_{txt.stem}.txt"
            path.write_bytes(data)
            paths.append(path)
            total += take
        copy += 1
    names = ", ".join(f"{txt.parent.name}/{txt.name} ({len(spans)})" for txt, spans in files)
    return ShapeVolume("dev", paths, total, f"{copy} copies of {names}")
