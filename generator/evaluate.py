"""Evaluation: score an extracted volume (the CONTRACT JSON dict) against a gold file.

A gold file (tests/fixtures/volumes/*.yml) says what a careful reader finds in one raw input:
article line ranges and front matter, null where the text does not say. Articles are paired by
line overlap; each field gets a score per gold article, and a value the tool gives where the gold
says null or [] is counted as invented. `jinaq evaluate` prints `format_table` of the reports.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Optional

import yaml

FIELDS = ("boundaries", "complete", "pages", "language", "title", "udc", "authors", "emails",
          "author_affiliations", "affiliation", "programme", "supervisor", "abstract", "abstracts",
          "keywords", "keywords_by_language", "references")
_UDC_LABEL = re.compile(r"^\s*(ӘОЖ|ƏОЖ|УДК|UDC|МРНТИ|ГРНТИ)\s*", re.IGNORECASE)
_SUPERSCRIPT = re.compile(r"[\d¹²³⁴⁵⁶⁷⁸⁹⁰*†]+")


@dataclass
class Report:
    """Scores of one gold file: per field, one score in [0, 1] per gold article that says it."""

    gold: str
    scores: dict[str, list[float]] = field(default_factory=lambda: {f: [] for f in FIELDS})
    invented: list[str] = field(default_factory=list)  # "article b: title", "extra article [3, 9]"
    unmatched: list[str] = field(default_factory=list)  # gold articles no extracted article overlaps

    def add(self, name: str, score: float) -> None:
        self.scores[name].append(score)

    def score(self, name: str) -> Optional[float]:
        values = self.scores[name]
        return sum(values) / len(values) if values else None


def evaluate(gold_path: str | Path, volume: dict) -> Report:
    """Score `volume` (what `jinaq extract --format json` prints) against one gold file."""
    gold_path = Path(gold_path)
    gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    report = Report(gold=gold_path.name)
    source = gold.get("source")
    predicted = [a for a in volume.get("articles", []) if _same_source(a.get("source"), source)]
    if not predicted:  # a single-file volume may name its source differently
        predicted = list(volume.get("articles", []))
    ignorable = _ignorable_lines(gold_path, gold)
    pairs = _match(gold.get("articles", []), predicted)
    for i, g in enumerate(gold.get("articles", [])):
        label = f"article {g.get('id_hint', i + 1)}"
        p = pairs.get(i)
        if p is None:
            report.unmatched.append(f"{label} {g.get('lines')}")
            for name in FIELDS:
                if _gold_says(g, name):
                    report.add(name, 0.0)
            continue
        _score_article(report, label, g, p, ignorable)
    used = {id(p) for p in pairs.values()}
    for p in predicted:
        if id(p) not in used:
            report.invented.append(f"extra article {p.get('lines')}")
    return report


def format_table(reports: Iterable[Report]) -> str:
    """A plain table, field | n | score, over all reports, then the invented count and items."""
    reports = list(reports)
    rows = [("field", "n", "score")]
    for name in FIELDS:
        values = [v for r in reports for v in r.scores[name]]
        if values:
            rows.append((name, str(len(values)), f"{sum(values) / len(values):.3f}"))
    invented = [f"{r.gold}: {item}" for r in reports for item in r.invented]
    unmatched = [f"{r.gold}: {item}" for r in reports for item in r.unmatched]
    widths = [max(len(row[k]) for row in rows) for k in range(3)]
    lines = [f"{a:<{widths[0]}} | {b:>{widths[1]}} | {c:>{widths[2]}}" for a, b, c in rows]
    lines.insert(1, "-" * len(lines[0]))
    lines.append(f"invented: {len(invented)}")
    lines += [f"  {item}" for item in invented]
    if unmatched:
        lines.append(f"gold articles not found: {len(unmatched)}")
        lines += [f"  {item}" for item in unmatched]
    return "\n".join(lines) + "\n"


def overall(reports: Iterable[Report]) -> tuple[float, int]:
    """(lowest per-field score over all reports, number of invented values)."""
    reports = list(reports)
    scores = []
    for name in FIELDS:
        values = [v for r in reports for v in r.scores[name]]
        if values:
            scores.append(sum(values) / len(values))
    return (min(scores) if scores else 1.0), sum(len(r.invented) for r in reports)


def main_evaluate(pairs: list[tuple[str | Path, str | Path]],
                  extract: Callable) -> tuple[str, float, int]:
    """Evaluate several (gold, input) pairs with `extract(input)` -> Volume or dict."""
    reports = []
    for gold_path, input_path in pairs:
        volume = extract(input_path)
        reports.append(evaluate(gold_path, volume if isinstance(volume, dict) else volume.to_dict()))
    low, invented = overall(reports)
    return format_table(reports), low, invented


def discover_fixture_pairs(directory: str | Path) -> list[tuple[Path, Path]]:
    """Pair each gold file (*.yml) in `directory` with the raw volume it names, else its namesake."""
    directory = Path(directory)
    pairs = []
    for gold_path in sorted(directory.glob("*.yml")):
        gold = yaml.safe_load(gold_path.read_text(encoding="utf-8")) or {}
        if not isinstance(gold, dict) or "articles" not in gold:
            continue
        named = directory / str(gold.get("source", ""))
        if gold.get("source") and named.is_file():
            pairs.append((gold_path, named))
            continue
        namesakes = sorted(p for p in directory.glob(gold_path.stem + ".*")
                           if p.suffix.lower() in (".txt", ".pdf", ".text"))
        if namesakes:
            pairs.append((gold_path, namesakes[0]))
    return pairs


# Pair gold and extracted articles one to one, largest line overlap first.
def _match(gold: list[dict], predicted: list[dict]) -> dict[int, dict]:
    candidates = []
    for i, g in enumerate(gold):
        for j, p in enumerate(predicted):
            overlap = _overlap(g.get("lines"), p.get("lines"))
            if overlap > 0:
                candidates.append((-overlap, i, j))
    pairs, used = {}, set()
    for _, i, j in sorted(candidates):
        if i not in pairs and j not in used:
            pairs[i] = predicted[j]
            used.add(j)
    return pairs


def _overlap(a, b) -> int:
    if not a or not b:
        return 0
    return max(0, min(a[1], b[1]) - max(a[0], b[0]) + 1)


def _same_source(name: Optional[str], gold_source: Optional[str]) -> bool:
    return not gold_source or not name or Path(name).name == Path(gold_source).name


# Raw lines a boundary may differ by: empty lines and the gold's page furniture.
def _ignorable_lines(gold_path: Path, gold: dict) -> Optional[set[int]]:
    raw = gold_path.parent / str(gold.get("source", ""))
    if not gold.get("source") or not raw.is_file():
        return None
    lines = raw.read_bytes().decode("utf-8-sig", errors="replace").split("\n")
    blank = {n for n, line in enumerate(lines, 1) if not line.strip(" \t\r\f\v\ufeff")}
    return blank | set(gold.get("page_furniture") or [])


def _edge_ok(gold_line: int, line, ignorable: Optional[set[int]]) -> bool:
    if not isinstance(line, int):
        return False
    if ignorable is None:  # raw text not at hand: allow one line either way
        return abs(line - gold_line) <= 1
    lo, hi = sorted((gold_line, line))
    # Every line between the two, other than the gold line itself, must be ignorable.
    return all(n in ignorable for n in range(lo, hi + 1) if n != gold_line)


def _gold_says(g: dict, name: str) -> bool:
    keys = {"boundaries": "lines", "emails": "authors", "author_affiliations": "authors",
            "abstract": "abstract_starts", "abstracts": "abstracts_by_language",
            "references": "references_count"}
    if name == "references":
        return "references_count" in g or "references" in g
    return keys.get(name, name) in g


def _score_article(report: Report, label: str, g: dict, p: dict,
                   ignorable: Optional[set[int]]) -> None:
    def invent(name: str) -> None:
        report.invented.append(f"{label}: {name}")

    if "lines" in g:
        pl = p.get("lines") or [None, None]
        report.add("boundaries", (_edge_ok(g["lines"][0], pl[0], ignorable)
                                  + _edge_ok(g["lines"][1], pl[1], ignorable)) / 2)
    if "complete" in g:
        report.add("complete", float(bool(p.get("complete")) == bool(g["complete"])))
    if "pages" in g:
        pages = p.get("pages")
        if g["pages"] is None and pages and any(x is not None for x in pages):
            invent("pages")
        report.add("pages", float(_pages(pages) == _pages(g["pages"])))
    if "language" in g:
        report.add("language", float(p.get("language") == g["language"]))
    for name, norm in (("title", _norm_text), ("udc", _norm_udc), ("programme", _norm_text),
                       ("supervisor", _norm_text)):
        if name in g:
            report.add(name, _scalar(g[name], p.get(name), norm, lambda n=name: invent(n)))
    if "affiliation" in g:
        gold_aff, pred_aff = _split_aff(g["affiliation"]), _split_aff(p.get("affiliation"))
        if not gold_aff and pred_aff:
            invent("affiliation")
        report.add("affiliation", _f1(gold_aff, pred_aff))
    if "authors" in g:
        _score_authors(report, g["authors"] or [], p.get("authors") or [], invent)
    if "abstract_starts" in g:
        report.add("abstract", _abstract(g.get("abstract_starts"), g.get("abstract_ends"),
                                         p.get("abstract"), lambda: invent("abstract")))
    if "abstracts_by_language" in g:
        gold_abs, pred_abs = g["abstracts_by_language"] or {}, p.get("abstracts") or {}
        for lang in sorted(set(pred_abs) - set(gold_abs)):
            if pred_abs[lang]:
                invent(f"abstract ({lang})")
        langs = sorted(set(gold_abs) | {k for k, v in pred_abs.items() if v})
        report.add("abstracts", sum(
            _abstract((gold_abs.get(k) or {}).get("starts"), (gold_abs.get(k) or {}).get("ends"),
                      pred_abs.get(k), lambda: None) for k in langs) / len(langs) if langs else 1.0)
    if "keywords" in g:
        gold_kw, pred_kw = _kw_set(g["keywords"]), _kw_set(p.get("keywords"))
        if not gold_kw and pred_kw:
            invent("keywords")
        report.add("keywords", _f1(gold_kw, pred_kw))
    if "keywords_by_language" in g:
        gold_kl, pred_kl = g["keywords_by_language"] or {}, p.get("keywords_by_language") or {}
        for lang in sorted(set(pred_kl) - set(gold_kl)):
            if pred_kl[lang]:
                invent(f"keywords ({lang})")
        langs = sorted(set(gold_kl) | {k for k, v in pred_kl.items() if v})
        report.add("keywords_by_language", sum(
            _f1(_kw_set(gold_kl.get(k)), _kw_set(pred_kl.get(k))) for k in langs) / len(langs)
            if langs else 1.0)
    if "references_count" in g or "references" in g:
        count = g.get("references_count")
        if count is None:
            count = len(g.get("references") or [])
        got = len(p.get("references") or [])
        if count == 0 and got:
            invent("references")
        report.add("references", float(got == count))


def _score_authors(report: Report, gold: list[dict], pred: list[dict], invent) -> None:
    gold_keys = [_name_key(a.get("name")) for a in gold]
    pred_by_key = {}
    for a in pred:
        pred_by_key.setdefault(_name_key(a.get("name")), a)
    for key, a in pred_by_key.items():
        if key not in gold_keys:
            invent(f"author {a.get('name')!r}")
    report.add("authors", _f1(set(gold_keys), set(pred_by_key)))
    if not gold:
        return
    emails, affs = [], []
    for key, a in zip(gold_keys, gold):
        got = pred_by_key.get(key)
        if got is None:
            emails.append(0.0)
            affs.append(0.0)
            continue
        if a.get("email") is None and got.get("email"):
            invent(f"email of {a.get('name')!r}")
        if a.get("affiliation") is None and got.get("affiliation"):
            invent(f"affiliation of {a.get('name')!r}")
        emails.append(float(_norm_text(a.get("email")) == _norm_text(got.get("email"))))
        affs.append(float(_norm_text(a.get("affiliation")) == _norm_text(got.get("affiliation"))))
    report.add("emails", sum(emails) / len(emails))
    report.add("author_affiliations", sum(affs) / len(affs))


def _scalar(gold, pred, norm, invent) -> float:
    if gold is None:
        if norm(pred):
            invent()
            return 0.0
        return 1.0
    return float(norm(gold) == norm(pred))


def _abstract(starts, ends, pred, invent) -> float:
    text = _flat(pred)
    if starts is None and ends is None:
        if text:
            invent()
            return 0.0
        return 1.0
    checks = []
    if starts is not None:
        checks.append(text.startswith(_flat(starts)))
    if ends is not None:
        checks.append(text.endswith(_flat(ends)))
    return sum(checks) / len(checks)


def _f1(gold: set, pred: set) -> float:
    if not gold and not pred:
        return 1.0
    hit = len(gold & pred)
    if not hit:
        return 0.0
    precision, recall = hit / len(pred), hit / len(gold)
    return 2 * precision * recall / (precision + recall)


def _flat(text) -> str:
    return " ".join(unicodedata.normalize("NFC", text or "").split())


def _norm_text(text) -> str:
    """Whitespace, case and edge punctuation do not count."""
    return _flat(text).strip(" .,;:").casefold()


def _norm_udc(text) -> str:
    return re.sub(r"\s+", "", _UDC_LABEL.sub("", _flat(text))).strip(".").casefold()


def _split_aff(text) -> set[str]:
    return {_norm_text(part) for part in (text or "").split(";") if _norm_text(part)}


def _kw_set(words) -> set[str]:
    return {_norm_text(w) for w in (words or []) if _norm_text(w)}


def _name_key(name) -> tuple[str, ...]:
    """Name parts in any order: "А.Б. Сейітқали" and "Сейітқали А. Б." are the same person."""
    text = _SUPERSCRIPT.sub(" ", unicodedata.normalize("NFC", name or ""))
    return tuple(sorted(t.casefold() for t in re.split(r"[\s.,]+", text) if t))


def _pages(pages):
    return list(pages) if pages and any(x is not None for x in pages) else None
