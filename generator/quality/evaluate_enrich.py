"""Evaluation of the enrich stage: timeline events and glossary pairs against a gold file.

The article fields are scored by `generator.evaluate`; this module reads the volume-level part of
a gold file (`../shared/dev/synthetic/README.md` states the rules):

- `timeline`: events a careful reader lists, each with `date` (a `datetime.date`, an int year or
  a string such as `2014-08` or `1990s`), `article` (the gold article's `id_hint`), `line` (where
  the date expression begins) and optionally `line_end` (where it runs on to). A predicted event
  (and each of its merged sources in `also`) matches a gold event with the same date, in the same
  article, on a line from `line` to `line_end`, `tolerance` lines either way. One predicted source
  matches at most one gold event and the other way round.
- `optional_timeline`: events a timeline may show or leave out; a match there is neither counted
  nor penalised.
- `glossary_pairs`: kk–ru pairs the articles give; a pair is found when an entry of the volume's
  glossary has both sides, as its terms or among their other spellings (`variants`), compared
  case-, quote- and spacing-blind, and lists every article the gold names for it (articles are
  paired with the extracted ones by line overlap).

`jinaq evaluate-enrich GOLD.yml INPUT […]` prints `format_table` of the reports.
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional
from collections.abc import Callable, Iterable

import yaml

from ..errors import JinaqError, read_editor_file, yaml_error
from ..language.textutil import normalise_for_search
from .evaluate import match_articles


@dataclass
class EnrichReport:
    """Scores of one gold file against one extracted volume."""

    gold: str
    events_gold: int = 0
    events_predicted: int = 0  # predicted sources, optional matches left out
    events_matched: int = 0
    pairs_gold: int = 0
    pairs_found: int = 0
    missed_events: list[str] = field(default_factory=list)
    false_events: list[str] = field(default_factory=list)
    missed_pairs: list[str] = field(default_factory=list)

    @property
    def precision(self) -> Optional[float]:
        return self.events_matched / self.events_predicted if self.events_predicted else None

    @property
    def recall(self) -> Optional[float]:
        return self.events_matched / self.events_gold if self.events_gold else None

    @property
    def pair_recall(self) -> Optional[float]:
        return self.pairs_found / self.pairs_gold if self.pairs_gold else None


def gold_date(value) -> str:
    """A gold date as the model writes it: `1995-08-30`, `1995`, `2014-08`, `1990s`."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def article_map(gold_articles: list[dict], predicted: list[dict]) -> dict[str, str]:
    """Extracted article id -> gold `id_hint`, paired as the extraction's evaluation pairs them."""
    return {p["id"]: str(gold_articles[i].get("id_hint", i + 1))
            for i, p in match_articles(gold_articles, predicted).items()
            if p.get("id") is not None}


@dataclass(frozen=True)
class _Claim:
    date: str
    article: Optional[str]  # gold id_hint of the article it comes from
    line: int
    sentence: str


def _claims(volume: dict, ids: dict[str, str]) -> list[_Claim]:
    out = []
    for e in volume.get("timeline") or []:
        sources = [e] + list(e.get("also") or [])
        for s in sources:
            out.append(_Claim(str(e["date"]), ids.get(s.get("article")), int(s["line"]),
                              s.get("sentence") or e.get("sentence") or ""))
    return out


def _distance(claim: _Claim, g: dict, tolerance: int) -> Optional[int]:
    """How far `claim` lies from gold event `g` in lines, or None when they do not match."""
    if claim.date != gold_date(g.get("date")) or claim.article != str(g.get("article")):
        return None
    lo, hi = int(g["line"]), int(g.get("line_end") or g["line"])
    gap = max(lo - claim.line, claim.line - hi, 0)
    return gap if gap <= tolerance else None


def _match(claims: list[_Claim], gold: list[dict], tolerance: int) -> dict[int, int]:
    """claim index -> gold index, one to one, nearest lines first."""
    pairs = sorted((d, i, j) for i, c in enumerate(claims) for j, g in enumerate(gold)
                   if (d := _distance(c, g, tolerance)) is not None)
    out: dict[int, int] = {}
    used: set[int] = set()
    for _, i, j in pairs:
        if i not in out and j not in used:
            out[i] = j
            used.add(j)
    return out


def score_timeline(report: EnrichReport, gold: dict, volume: dict, ids: dict[str, str],
                   tolerance: int = 0) -> None:
    """Fill the timeline counts of `report` (none when the gold file has no `timeline`: it
    says nothing about events, so no event can be wrong)."""
    if "timeline" not in gold:
        return
    required = list(gold.get("timeline") or [])
    optional = list(gold.get("optional_timeline") or [])
    claims = _claims(volume, ids)
    matched = _match(claims, required, tolerance)
    rest = [i for i in range(len(claims)) if i not in matched]
    optional_hit = _match([claims[i] for i in rest], optional, tolerance)
    false = [claims[i] for k, i in enumerate(rest) if k not in optional_hit]
    report.events_gold = len(required)
    report.events_matched = len(matched)
    report.events_predicted = len(matched) + len(false)
    hit = set(matched.values())
    report.missed_events = [f"{gold_date(g.get('date'))} {g.get('article')}:{g.get('line')} "
                            f"{g.get('event', '')}".rstrip()
                            for j, g in enumerate(required) if j not in hit]
    report.false_events = [f"{c.date} {c.article}:{c.line} {_short(c.sentence)}" for c in false]


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


_QUOTES = re.compile(r"[«»\"“”„'’]")


def term_key(term: Optional[str]) -> str:
    """A glossary term compared case-, quote-, ё- and spacing-blind."""
    text = normalise_for_search(_QUOTES.sub("", term or "")).replace("ё", "е")
    return " ".join(text.split())


def _spellings(entry: dict, lang: str) -> set[str]:
    """An entry's term in `lang` and its other spellings (`variants`), as term_key gives them."""
    forms = [entry.get(lang)] + list((entry.get("variants") or {}).get(lang) or [])
    return {term_key(f) for f in forms if f}


def score_glossary(report: EnrichReport, gold: dict, volume: dict, ids: dict[str, str]) -> None:
    """Fill the glossary counts of `report`."""
    entries = [(_spellings(e, "kk"), _spellings(e, "ru"),
                {ids.get(a, a) for a in e.get("articles") or []})
               for e in volume.get("glossary") or []]
    pairs = list(gold.get("glossary_pairs") or [])
    report.pairs_gold = len(pairs)
    for p in pairs:
        kk, ru = term_key(p.get("kk")), term_key(p.get("ru"))
        want = {str(a) for a in p.get("articles") or []}
        same = [arts for ekk, eru, arts in entries if kk in ekk and ru in eru]
        if any(want <= arts for arts in same):
            report.pairs_found += 1
        else:
            why = "articles " + ", ".join(sorted(want - set().union(*same))) if same else "no entry"
            report.missed_pairs.append(f"{p.get('kk')} = {p.get('ru')} ({why})")


def load_gold(path: str | Path) -> dict:
    """The gold file as a dict; a malformed one is one error naming the file and line."""
    text = read_editor_file(path, "gold file")
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        gold = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise yaml_error(exc, str(path), text) from None
    if gold is None:
        gold = {}
    if not isinstance(gold, dict):
        raise JinaqError("a gold file is a mapping (articles, timeline, glossary_pairs, …)",
                         str(path), 1)
    nodes = {k.value: v for k, v in root.value} if isinstance(root, yaml.MappingNode) else {}

    def line(key: str, i: Optional[int] = None) -> Optional[int]:
        node = nodes.get(key)
        if node is not None and i is not None and isinstance(node, yaml.SequenceNode):
            node = node.value[i]
        return node.start_mark.line + 1 if node is not None else None

    needs = {"articles": ("lines",), "timeline": ("date", "article", "line"),
             "optional_timeline": ("date", "article", "line"), "glossary_pairs": ("kk", "ru")}
    for key, fields in needs.items():
        items = gold.get(key)
        if items is None:
            continue
        if not isinstance(items, list):
            raise JinaqError(f"'{key}' must be a list", str(path), line(key))
        for i, item in enumerate(items):
            missing = [f for f in fields if not isinstance(item, dict) or item.get(f) is None]
            if missing:
                raise JinaqError(f"{key} entry without '{missing[0]}'", str(path), line(key, i))
            if key != "glossary_pairs" and key != "articles" and not _is_line(item["line"]):
                raise JinaqError(f"{key} entry: 'line' must be a line number", str(path),
                                 line(key, i))
    return gold


def _is_line(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def evaluate_enrich(gold_path: str | Path, volume: dict, tolerance: int = 0) -> EnrichReport:
    """Score the timeline and glossary of `volume` (the CONTRACT JSON) against one gold file."""
    gold_path = Path(gold_path)
    gold = load_gold(gold_path)
    ids = article_map(list(gold.get("articles") or []), list(volume.get("articles") or []))
    report = EnrichReport(gold=gold_path.name)
    score_timeline(report, gold, volume, ids, tolerance)
    score_glossary(report, gold, volume, ids)
    return report


def _fmt(value: Optional[float]) -> str:
    return "—" if value is None else f"{value:.3f}"


def format_table(reports: Iterable[EnrichReport], verbose: bool = False) -> str:
    """One row per gold file (and a total): timeline precision and recall, glossary pair
    recall; with `verbose`, the missed and false events and the missed pairs below."""
    reports = list(reports)
    total = EnrichReport(gold="all")
    for r in reports:
        for name in ("events_gold", "events_predicted", "events_matched", "pairs_gold",
                     "pairs_found"):
            setattr(total, name, getattr(total, name) + getattr(r, name))
    rows = [("volume", "events", "found", "predicted", "precision", "recall", "pairs",
             "pair recall")]
    for r in reports + ([total] if len(reports) > 1 else []):
        rows.append((r.gold, str(r.events_gold), str(r.events_matched), str(r.events_predicted),
                     _fmt(r.precision), _fmt(r.recall), str(r.pairs_gold), _fmt(r.pair_recall)))
    widths = [max(len(row[k]) for row in rows) for k in range(len(rows[0]))]
    lines = [" | ".join(cell.ljust(w) if k == 0 else cell.rjust(w)
                        for k, (cell, w) in enumerate(zip(row, widths))) for row in rows]
    lines.insert(1, "-" * len(lines[0]))
    if verbose:
        for r in reports:
            for title, items in (("missed events", r.missed_events),
                                 ("false events", r.false_events),
                                 ("missed glossary pairs", r.missed_pairs)):
                if items:
                    lines.append(f"{r.gold}: {title} ({len(items)})")
                    lines += [f"  {item}" for item in items]
    return "\n".join(lines) + "\n"


def main_evaluate_enrich(pairs: list[tuple[str | Path, str | Path]], extract: Callable,
                         tolerance: int = 0, verbose: bool = False) -> str:
    """The table for several (gold, input) pairs, `extract(input)` giving the model dict."""
    return format_table([evaluate_enrich(g, extract(i), tolerance) for g, i in pairs], verbose)
