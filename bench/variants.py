"""`python -m bench.variants`: the real development volumes in layouts nobody sent us yet.

Each volume of `../shared/dev` with a repository gold (`NAME/NAME.txt`, `NAME/NAME.gold.yml`) is
rewritten the ways extracted text differs from one tool, habit or export to another, with its
gold's line numbers carried along, and extracted and scored like the original (the repository's
gold only: a person's reading in tests/dev_gold follows the original's line numbers). Nothing is
asserted: it prints one table, variant by variant, so a change to the extraction shows where it
helps or hurts on text that no rule was written from.

| variant | what changes |
|---|---|
| `original` | nothing |
| `crlf` | CRLF line ends |
| `cp1251` | Windows-1251 bytes instead of UTF-8 |
| `no-form-feeds` | page breaks lost (text copied from a viewer, a converter that drops them) |
| `no-blank-lines` | no empty line between paragraphs |
| `copied` | both: no page breaks, no empty lines (text copied from a PDF viewer) |
| `margin` | every line indented by 8 spaces (`pdftotext -layout`, some exports) |
| `furniture` | a running head opens and a page number ends every page |
| `spaced` | the sample's layout: an empty line after every line, a page opened by a leading space |
| `running-heads` | a page inside an article opened by its authors (odd pages) or title (even), a number at its foot |
| `sentence-case` | titles printed in capitals set in sentence case (acronyms as the gold title has them) |
| `title-case` | the same in title case: each word capitalised but short function words |

The case variants rewrite each article's title lines in capitals (the stretch of lines in
capitals near its start that matches its gold title best), each where it was: the first word
capitalised, a word the gold title writes otherwise than in lower case or capitalised (`GUI`,
`QReal`) as it writes it, the rest in lower case (sentence case, as journals that do not
capitalise titles print them) or capitalised but `в`, `и`, `for`, `the`… (title case, as
English-style proceedings do).

Run from the repository root: `python -m bench.variants [--out DIR] [--only NAME,NAME]`;
`--fixtures tests/fixtures/volumes` rewrites our own fixture volumes instead (their gold has
every field; one pooled column per field).
Skips with a note when `../shared/dev` is absent. The rewritten files stay under `--out`
(default: a temporary folder): the dev volumes are never copied into the project.
"""
from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Optional

import yaml

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "dev"
HEAD = "Proceedings of the conference, page header"

# A rewrite: raw lines and the gold -> (new lines, old line number -> new line number, furniture
# lines).
Rewrite = Callable[[list[str], dict], tuple[list[str], dict[int, int], list[int]]]


def _line_for_line(new: list[str]) -> tuple[list[str], dict[int, int], list[int]]:
    """A rewrite that keeps every line where it was."""
    return new, {n: n for n in range(1, len(new) + 1)}, []


def _same(lines, gold=None):
    return _line_for_line(list(lines))


def _no_form_feeds(lines, gold=None):
    return _line_for_line([ln.replace("\f", "") for ln in lines])


def _margin(lines, gold=None):
    return _line_for_line([("\f" if ln.startswith("\f") else "") + "        " + ln.lstrip("\f")
                           if ln.strip("\f").strip() else ln for ln in lines])


def _no_blank_lines(lines, gold=None):
    out: list[str] = []
    at: dict[int, int] = {}  # (a dropped line has no number: spans are taken from the kept)
    for n, ln in enumerate(lines, 1):
        if ln.strip("\f").strip() or ln.startswith("\f"):
            out.append(ln)
            at[n] = len(out)
    return out, at, []


def _copied(lines, gold=None):
    return _no_blank_lines(_no_form_feeds(lines)[0])


def _paged(lines, head):
    """Each page ended by its page number and the next opened by `head(raw line, page)` (None:
    that page keeps its form feed and no head)."""
    out: list[str] = []
    at: dict[int, int] = {}
    furniture: list[int] = []
    page = 1
    for n, ln in enumerate(lines, 1):
        if ln.startswith("\f"):
            out.append(str(page))  # the page number ends the page before
            furniture.append(len(out))
            page += 1
            text = head(n, page)
            if text is not None:
                out.append("\f" + text)
                furniture.append(len(out))
                ln = ln[1:]
        out.append(ln)
        at[n] = len(out)
    return out, at, furniture


def _furniture(lines, gold=None):
    return _paged(lines, lambda n, page: HEAD)


def _running_heads(lines, gold=None):
    """Each page inside an article opened by the article's own running head (its authors on odd
    pages, its title on even ones, as journals print them) and ended by its page number."""
    spans = [(a.get("lines") or a.get("span"), a) for a in (gold or {}).get("articles") or []]

    def head(n: int, page: int):
        art = next((a for (s, e), a in spans if s < n <= e), None)
        if art is None:
            return None
        authors = art.get("authors") or []
        names = ", ".join(x if isinstance(x, str) else x.get("name", "") for x in authors)
        return names if page % 2 and names else art.get("title") or HEAD
    return _paged(lines, head)


def _spaced(lines, gold=None):
    out: list[str] = []
    at: dict[int, int] = {}
    for n, ln in enumerate(lines, 1):
        if ln.startswith("\f"):
            ln = " " + ln.lstrip("\f")
        out.append(ln.rstrip() + " " if ln.strip() else "")
        at[n] = len(out)
        out.append("")
    return out, at, []


_WORD = re.compile(r"[^\W\d_]+")
# Words title case leaves in lower case (English and Russian function words).
_MINOR = frozenset("a an and as at by for in of on or the to with в во и к о об от по с со у для при "
                   "на из за до как".split())


_WORD2 = re.compile(r"[^\W\d_]{2}")
_LABEL = re.compile(r"\s*(?:УДК|UDC|ӘОЖ|МРНТИ|ГРНТИ|IRSTI|ББК|DOI)\b", re.I)
_INITIALS = re.compile(r"\b[А-ЯЁA-Z]\.\s?[А-ЯЁA-Z]\.")


def _caps(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) > 0.85 * len(letters)


def _title_lines(lines: list[str], span: list[int], title: str) -> list[int]:
    """The line numbers of an article's title printed in capitals: of the runs of lines in
    capitals near its start (empty lines between them do not count; a UDC line, names or an
    address end a run), the stretch whose words match the gold `title` best (at least half of
    its words and a third of the title's)."""
    gold = {w.casefold() for w in _WORD.findall(title)}
    runs: list[list[int]] = [[]]
    for n in range(span[0], min(span[0] + 40, span[1] + 1)):
        text = lines[n - 1].lstrip("\f")
        if not _WORD2.search(text):
            continue  # (an empty line, a footnote mark, a title's letters lost: `С`)
        if _caps(text) and not _LABEL.match(text) and not _INITIALS.search(text) and "@" not in text:
            runs[-1].append(n)
        elif runs[-1]:
            runs.append([])
    best: tuple[float, list[int]] = (0.0, [])
    for run in runs:
        for i in range(len(run)):
            words: set[str] = set()
            for j in range(i, min(i + 8, len(run))):
                words |= {w.casefold() for w in _WORD.findall(lines[run[j] - 1])}
                common = len(words & gold)
                if 2 * common >= len(words) and 3 * common >= len(gold) and words:
                    score = 2 * common / (len(words) + len(gold))
                    if score > best[0]:
                        best = (score, run[i:j + 1])
    return best[1]


def _recase(title_case: bool) -> Rewrite:
    """A rewrite of each article's title lines printed in capitals (`_title_lines`; the gold's
    `title` gives the casing of acronyms and names), each line where it was."""
    def rewrite(lines, gold=None):
        new = list(lines)
        for a in (gold or {}).get("articles") or []:
            span, title = a.get("lines") or a.get("span"), a.get("title") or ""
            # (`GUI`, `QReal`, `iOS`: what the gold writes otherwise than in lower case or
            # capitalised stays so, and a capital letter alone inside it: `ГОСТ Р`, `C++`)
            known = {} if _caps(title) else {
                w.casefold(): w for n, w in enumerate(_WORD.findall(title))
                if w not in (w.lower(), w.capitalize()) or n and len(w) == 1 and w.isupper()}
            first = True

            def word(m, known=known):
                nonlocal first
                w = m.group(0)
                out = known.get(w.casefold())
                if out is None:
                    low = w.lower()
                    cap = first or title_case and low not in _MINOR
                    out = low[:1].upper() + low[1:] if cap else low
                first = False
                return out

            for n in _title_lines(new, span, title):
                new[n - 1] = _WORD.sub(word, new[n - 1])
        return _line_for_line(new)
    return rewrite


VARIANTS: dict[str, tuple[Rewrite, str, str]] = {  # name -> (rewrite, newline, encoding)
    "original": (_same, "\n", "utf-8"),
    "crlf": (_same, "\r\n", "utf-8"),
    "cp1251": (_same, "\n", "cp1251"),
    "no-form-feeds": (_no_form_feeds, "\n", "utf-8"),
    "no-blank-lines": (_no_blank_lines, "\n", "utf-8"),
    "copied": (_copied, "\n", "utf-8"),
    "margin": (_margin, "\n", "utf-8"),
    "furniture": (_furniture, "\n", "utf-8"),
    "spaced": (_spaced, "\n", "utf-8"),
    "running-heads": (_running_heads, "\n", "utf-8"),
    "sentence-case": (_recase(False), "\n", "utf-8"),
    "title-case": (_recase(True), "\n", "utf-8"),
}


def write_variant(name: str, txt: Path, gold_path: Path, out: Path) -> tuple[Path, Path]:
    """The volume `txt` rewritten as `name`, and its gold with the lines carried along."""
    rewrite, newline, encoding = VARIANTS[name]
    lines = txt.read_text(encoding="utf-8").split("\n")  # as the gold counts lines
    gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    new, at, furniture = rewrite(lines, gold)
    stem = f"{txt.stem}_{name}"
    raw = out / f"{stem}.txt"
    # (cp1251 lacks a few symbols of the originals: they become '?', as a real export would)
    raw.write_bytes(newline.join(new).encode(encoding, errors="replace"))
    gold["source"] = raw.name
    gold.pop("line_count", None)

    def span(v: list[int]) -> list[int]:
        kept = [at[n] for n in range(v[0], v[1] + 1) if n in at]
        return [min(kept), max(kept)]

    for a in gold.get("articles") or []:
        for key in ("lines", "span"):
            if key in a:
                a[key] = span(a[key])
    for key in ("front_matter", "back_matter"):
        part = gold.get(key)
        if isinstance(part, dict) and "lines" in part:
            part["lines"] = span(part["lines"])
            part.pop("parts", None)
    for r in gold.get("regions") or []:
        r["lines"] = span(r["lines"])
    for key in ("page_furniture", "furniture_lines"):  # (the lines a rewrite keeps, renumbered)
        if gold.get(key) or key == "page_furniture" and furniture:
            kept = {at[n] for n in gold.get(key) or [] if n in at}
            gold[key] = sorted(kept | (set(furniture) if key == "page_furniture" else set()))
    gold_out = out / f"{stem}.gold.yml"
    gold_out.write_text(yaml.safe_dump(gold, allow_unicode=True, sort_keys=False),
                        encoding="utf-8")
    return gold_out, raw


def _pairs(fixtures: Optional[Path]) -> list[tuple[str, Path, Path]]:
    """(name, text, gold) of the volumes to rewrite: ../shared/dev's, or a folder of our own
    fixture volumes (NAME.txt beside NAME.yml)."""
    if fixtures is not None:
        return [(p.stem.split("_")[0], p, p.with_suffix(".yml")) for p in sorted(fixtures.glob("*.txt"))
                if p.with_suffix(".yml").is_file()]
    return [(g.parent.name, g.parent / f"{g.parent.name}.txt", g)
            for g in sorted(DEV.glob("*/*.gold.yml"))
            if (g.parent / f"{g.parent.name}.txt").is_file() and g.name == f"{g.parent.name}.gold.yml"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.variants", description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=None, help="where the rewritten volumes go")
    ap.add_argument("--only", default="", help="variants, comma-separated (default: all)")
    ap.add_argument("--fixtures", type=Path, default=None,
                    help="rewrite these volumes (NAME.txt beside NAME.yml) instead of ../shared/dev's;"
                         " one pooled column per field")
    args = ap.parse_args(argv)
    volumes = _pairs(args.fixtures)
    if not volumes:
        print(f"bench.variants: no volumes at {args.fixtures or DEV}: nothing to measure")
        return 0
    names = [v for v in args.only.split(",") if v] or list(VARIANTS)
    unknown = set(names) - set(VARIANTS)
    if unknown:
        ap.error(f"unknown variant(s): {', '.join(sorted(unknown))}")
    from generator.pipeline import extract_volume
    from generator.quality.evaluate import evaluate

    out = args.out or Path(tempfile.mkdtemp(prefix="jinaq-variants-"))
    out.mkdir(parents=True, exist_ok=True)
    vols = ["pooled"] if args.fixtures else [v for v, _, _ in volumes]
    print("| variant | " + " | ".join(f"{c} ({v})" for c in ("boundaries exact", "title", "authors")
                                      for v in vols) + " | spurious | coverage |")
    print("|---" * (2 + 3 * len(vols) + 1) + "|")
    for name in names:
        reports = []
        for _, txt, gold_path in volumes:
            g, raw = write_variant(name, txt, gold_path, out)
            model = extract_volume(raw, do_enrich=False).to_dict()
            reports.append(evaluate(g, model, raw=raw))
        cells = []
        for field in ("boundaries", "title", "authors"):
            groups = [[v for r in reports for v in r.scores[field]]] if args.fixtures else [
                r.scores[field] for r in reports]
            cells += ["—" if not g else f"{sum(g) / len(g):.3f}" for g in groups]
        spurious = sum(len(r.spurious) for r in reports)
        content = sum(r.content_lines for r in reports)
        lost = sum(len(r.lost_lines) for r in reports)
        cover = f"{1 - lost / content:.4f}" if content else "—"
        print(f"| {name} | " + " | ".join(cells) + f" | {spurious} | {cover} |", flush=True)
    print(f"\n({'the fixtures' if args.fixtures else 'repository'} gold only; files in {out})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
