"""Evaluation: score an extracted volume (the CONTRACT JSON dict) against a gold file.

A gold file says what a careful reader finds in one raw input: article line ranges and front
matter, null where the text does not say. Three dialects are read (normalised by `_gold_article`):
the fixture volumes' (`tests/fixtures/volumes/*.yml`), the synthetic development volumes' (authors
as strings, `emails`, `abstracts: {lang: {starts}}`, `references: N`) and the real development
volumes' (`span`, repository titles and authors), optionally extended by an annotation file read
by a person (`<stem>.extra.yml`, articles keyed by `span`).

Articles are paired by line overlap; each field gets a score per gold article, and a value the tool
gives where the gold says null or [] is counted as invented. With the raw text at hand the report
also holds the share of content lines that reach the model (`generator.coverage`). `jinaq
evaluate` prints one table per volume and one pooled (`format_table`).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional
from collections.abc import Callable, Iterable

import yaml

from ..errors import JinaqError, read_editor_file, yaml_error

FIELDS = ("boundaries", "boundary_iou", "regions", "complete", "pages", "language", "title", "title_exact",
          "udc", "authors", "authors_exact", "emails", "author_affiliations", "affiliation",
          "programme", "supervisor", "abstract", "abstracts", "keywords", "keywords_by_language",
          "references")
_UDC_LABEL = re.compile(r"^\s*(ӘОЖ|ƏОЖ|УДК|UDC|МРНТИ|ГРНТИ)\s*", re.IGNORECASE)
_SUPERSCRIPT = re.compile(r"[\d¹²³⁴⁵⁶⁷⁸⁹⁰*†]+")
_IOU = 0.8  # an article's span is right when it overlaps the gold span this much (issue #17)


@dataclass
class Report:
    """Scores of one gold file: per field, one score in [0, 1] per gold article that says it."""

    gold: str
    scores: dict[str, list[float]] = field(default_factory=lambda: {f: [] for f in FIELDS})
    invented: list[str] = field(default_factory=list)  # "article b: title", "extra article [3, 9]"
    unmatched: list[str] = field(default_factory=list)  # gold articles no extracted article overlaps
    spurious: list[str] = field(default_factory=list)  # extracted articles that are no gold article
    content_lines: int = 0  # raw lines with running text (coverage.content_line)
    lost_lines: list[int] = field(default_factory=list)  # ... of them that reach no page

    def add(self, name: str, score: float) -> None:
        self.scores[name].append(score)

    def score(self, name: str) -> Optional[float]:
        values = self.scores[name]
        return sum(values) / len(values) if values else None

    @property
    def coverage(self) -> Optional[float]:
        if not self.content_lines:
            return None
        return 1 - len(self.lost_lines) / self.content_lines


def load_gold(gold_path: str | Path, extra_dirs: Iterable[Path] = ()) -> dict:
    """A gold file, with the articles of `<stem>.extra.yml` (in `extra_dirs` or beside it) merged
    in by span: what a person read in the text wins over repository metadata."""
    gold_path = Path(gold_path)
    gold = _read_yaml(gold_path)
    stem = gold_path.name.split(".")[0]
    for d in [gold_path.parent, *extra_dirs]:
        extra = Path(d) / f"{stem}.extra.yml"
        if extra.is_file():
            more = _read_yaml(extra)
            by_span = {tuple(_span(a) or ()): a for a in more.get("articles") or []}
            for a in gold.get("articles") or []:
                read = by_span.get(tuple(_span(a) or ()))
                if read:
                    a.update({k: v for k, v in read.items() if k not in ("span", "lines")})
                    a["read"] = True
            break
    return gold


def _read_yaml(path: Path) -> dict:
    """A gold mapping; anything else (the input given where the gold goes, bad YAML) is one
    error naming the file and line."""
    text = read_editor_file(path, "gold file")
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise yaml_error(exc, str(path), text) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise JinaqError("a gold file is a mapping (source, articles, …)", str(path), 1,
                         hint="the arguments are GOLD.yml INPUT, in that order")
    return data


def evaluate(gold_path: str | Path, volume: dict, raw: Optional[str | Path] = None,
             extra_dirs: Iterable[Path] = ()) -> Report:
    """Score `volume` (what `jinaq extract --format json` prints) against one gold file; `raw`, the
    input file, adds coverage (else the gold's `source` beside it is used when present)."""
    gold_path = Path(gold_path)
    gold = load_gold(gold_path, extra_dirs)
    report = Report(gold=gold_path.name)
    source = gold.get("source")
    predicted = [a for a in volume.get("articles", []) if _same_source(a.get("source"), source)]
    if not predicted:  # a single-file volume may name its source differently
        predicted = list(volume.get("articles", []))
    raw_path = Path(raw) if raw else (gold_path.parent / str(source) if source else None)
    raw_lines = _raw_lines(raw_path) if raw_path and raw_path.is_file() else None
    ignorable = _ignorable(raw_lines, gold) if raw_lines is not None else None
    golds = [_gold_article(g) for g in gold.get("articles", [])]
    pairs = match_articles(golds, predicted)
    for i, g in enumerate(golds):
        label = f"article {g.get('id_hint', i + 1)}"
        p = pairs.get(i)
        if p is None:
            report.unmatched.append(f"{label} {g.get('lines')}")
            for name in FIELDS:
                if _gold_says(g, name):
                    report.add(name, 0.0)
            continue
        _score_article(report, label, g, p, ignorable)
    regions = [r for r in volume.get("regions", []) if _same_source(r.get("source"), source)]
    for kind, lines in _gold_regions(gold):
        found = any(r.get("kind") == kind and _iou(lines, r.get("lines"), ignorable) >= _IOU
                    for r in regions)
        report.add("regions", float(found))
        if not found:
            report.unmatched.append(f"{kind} {lines}")
    used = {id(p) for p in pairs.values()}
    not_articles = _not_article_ranges(gold)
    for p in predicted:
        lines = p.get("lines")
        if id(p) not in used:
            report.invented.append(f"extra article {lines}")
            report.spurious.append(f"extra article {lines}: {(p.get('title') or '')[:60]!r}")
        elif any(span_overlap(r, lines) > 0.5 * _length(lines) for r in not_articles):
            report.spurious.append(f"article {lines} is mostly front/back matter or a heading")
    if raw_lines is not None:
        from .coverage import lost_lines

        report.content_lines, report.lost_lines = lost_lines(raw_lines, volume)
    return report


def format_table(reports: Iterable[Report]) -> str:
    """Per field, the score of each volume and pooled over all; then coverage, spurious articles,
    invented values and gold articles not found."""
    reports = list(reports)
    many = len(reports) > 1
    head = ["field", "n"] + ([_short(r.gold) for r in reports] if many else []) + [
        "pooled" if many else "score"]
    rows = [head]
    for name in FIELDS:
        values = [v for r in reports for v in r.scores[name]]
        if not values:
            continue
        row = [name, str(len(values))]
        if many:
            row += [_fmt(r.score(name)) for r in reports]
        rows.append(row + [f"{sum(values) / len(values):.3f}"])
    if any(r.content_lines for r in reports):
        total = sum(r.content_lines for r in reports)
        lost = sum(len(r.lost_lines) for r in reports)
        row = ["coverage", str(total)]
        if many:
            row += [_fmt(r.coverage) for r in reports]
        rows.append(row + [f"{1 - lost / total:.4f}" if total else "—"])
    row = ["spurious", ""]
    if many:
        row += [str(len(r.spurious)) for r in reports]
    rows.append(row + [str(sum(len(r.spurious) for r in reports))])
    widths = [max(len(row[k]) for row in rows) for k in range(len(head))]
    lines = [" | ".join(c.ljust(widths[k]) if k == 0 else c.rjust(widths[k])
                        for k, c in enumerate(row)) for row in rows]
    lines.insert(1, "-" * len(lines[0]))
    invented = [f"{r.gold}: {item}" for r in reports for item in r.invented]
    unmatched = [f"{r.gold}: {item}" for r in reports for item in r.unmatched]
    spurious = [f"{r.gold}: {item}" for r in reports for item in r.spurious]
    lines.append(f"invented: {len(invented)}")
    lines += [f"  {item}" for item in invented]
    if spurious:
        lines.append(f"spurious articles: {len(spurious)}")
        lines += [f"  {item}" for item in spurious]
    if unmatched:
        lines.append(f"gold articles not found: {len(unmatched)}")
        lines += [f"  {item}" for item in unmatched]
    for r in reports:
        if r.lost_lines:
            from .coverage import ranges

            shown = ", ".join(f"{a}-{b}" if a != b else str(a) for a, b in ranges(r.lost_lines)[:12])
            lines.append(f"{r.gold}: content lines reaching no page: {len(r.lost_lines)} ({shown}"
                         f"{' …' if len(ranges(r.lost_lines)) > 12 else ''})")
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


def main_evaluate(pairs: list[tuple[str | Path, str | Path]], extract: Callable,
                  extra_dirs: Iterable[Path] = ()) -> tuple[str, float, int]:
    """Evaluate several (gold, input) pairs with `extract(input)` -> Volume or dict."""
    reports = []
    extra_dirs = list(extra_dirs)
    for gold_path, input_path in pairs:
        volume = extract(input_path)
        volume = volume if isinstance(volume, dict) else volume.to_dict()
        raw = input_path if Path(input_path).is_file() else None
        reports.append(evaluate(gold_path, volume, raw=raw, extra_dirs=extra_dirs))
    low, invented = overall(reports)
    return format_table(reports), low, invented


def discover_fixture_pairs(directory: str | Path) -> list[tuple[Path, Path]]:
    """Pair each gold file (*.yml, or */*.gold.yml) under `directory` with the raw volume it names,
    else its namesake."""
    directory = Path(directory)
    pairs = []
    for gold_path in sorted([*directory.glob("*.yml"), *directory.glob("*/*.gold.yml")]):
        if gold_path.name.endswith(".extra.yml"):
            continue
        gold = yaml.safe_load(gold_path.read_text(encoding="utf-8")) or {}
        if not isinstance(gold, dict) or "articles" not in gold:
            continue
        named = gold_path.parent / str(gold.get("source", ""))
        if gold.get("source") and named.is_file():
            pairs.append((gold_path, named))
            continue
        stem = gold_path.name.split(".")[0]
        namesakes = sorted(p for p in gold_path.parent.glob(stem + ".*")
                           if p.suffix.lower() in (".txt", ".pdf", ".text"))
        if namesakes:
            pairs.append((gold_path, namesakes[0]))
    return pairs


# Gold dialects -> one shape: lines, authors as dicts, abstracts_by_language, references_count.
def _gold_article(g: dict) -> dict:
    g = dict(g)
    if "lines" not in g and "span" in g:
        g["lines"] = g["span"]
    if "authors" in g:
        g["authors"] = [a if isinstance(a, dict) else {"name": a} for a in g["authors"] or []]
        if "emails" in g and not any("email" in a for a in g["authors"]):
            g["email_set"] = list(g.pop("emails") or [])
    if "abstracts" in g and "abstracts_by_language" not in g and isinstance(g["abstracts"], dict):
        by_lang = {k: {"starts": (v or {}).get("starts")} for k, v in g["abstracts"].items()}
        if g.get("language") and g.get("abstract_starts"):
            by_lang.setdefault(g["language"], {"starts": g["abstract_starts"]})
        g["abstracts_by_language"] = by_lang
    if isinstance(g.get("references"), int) and "references_count" not in g:
        g["references_count"] = g.pop("references")
    return g


def _span(a: dict):
    return a.get("span") or a.get("lines")


def _gold_regions(gold: dict) -> list[tuple[str, list[int]]]:
    """(kind, lines) of the gold's named regions: front and back matter, section headings."""
    out = [(key, gold[key]["lines"]) for key in ("front_matter", "back_matter")
           if isinstance(gold.get(key), dict) and gold[key].get("lines")]
    return out + [(r.get("kind", "section"), r["lines"]) for r in gold.get("regions") or []
                  if r.get("lines")]


def _not_article_ranges(gold: dict) -> list[list[int]]:
    out = []
    for key in ("front_matter", "back_matter"):
        part = gold.get(key)
        if isinstance(part, dict) and part.get("lines"):
            out.append(part["lines"])
    out += [r["lines"] for r in gold.get("regions") or [] if r.get("lines")]
    return out


def match_articles(gold: list[dict], predicted: list[dict]) -> dict[int, dict]:
    """Gold article index -> the extracted article paired with it: one to one, largest line
    overlap first (the evaluations of extraction and of enrichment pair them the same way)."""
    candidates = []
    for i, g in enumerate(gold):
        for j, p in enumerate(predicted):
            overlap = span_overlap(g.get("lines"), p.get("lines"))
            if overlap > 0:
                candidates.append((-overlap, i, j))
    pairs, used = {}, set()
    for _, i, j in sorted(candidates):
        if i not in pairs and j not in used:
            pairs[i] = predicted[j]
            used.add(j)
    return pairs


def _by_language(gold: Optional[dict], pred: Optional[dict], label: str,
                 invent: Callable[[str], None], score: Callable[..., float]) -> float:
    """A per-language field scored language by language and averaged (1.0 when neither side
    has one); a language only the extraction has is an invented value."""
    gold, pred = gold or {}, pred or {}
    for lang in sorted(set(pred) - set(gold)):
        if pred[lang]:
            invent(f"{label} ({lang})")
    langs = sorted(set(gold) | {k for k, v in pred.items() if v})
    return sum(score(gold.get(k), pred.get(k)) for k in langs) / len(langs) if langs else 1.0


def span_overlap(a, b) -> int:
    """Lines two [first, last] spans share."""
    if not a or not b:
        return 0
    return max(0, min(a[1], b[1]) - max(a[0], b[0]) + 1)


def _length(a) -> int:
    return max(0, a[1] - a[0] + 1) if a else 0


def _iou(a, b, ignorable: Optional[set[int]] = None) -> float:
    """Intersection over union of two line ranges, empty lines and furniture not counted."""
    if not a or not b or None in b:
        return 0.0
    if ignorable is None:
        inter = span_overlap(a, b)
        return inter / (_length(a) + _length(b) - inter) if inter else 0.0
    left, right = set(range(a[0], a[1] + 1)) - ignorable, set(range(b[0], b[1] + 1)) - ignorable
    union = left | right
    return len(left & right) / len(union) if union else 1.0


def _same_source(name: Optional[str], gold_source: Optional[str]) -> bool:
    return not gold_source or not name or Path(name).name == Path(gold_source).name


def _raw_lines(path: Path) -> list[str]:
    """Raw lines as the gold counts them: split on LF only (a form feed is no line break)."""
    if path.suffix.lower() == ".pdf":
        return []
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        from ..ingest.read import decode

        text = decode(data, str(path))[0]
    return text.replace("\r\n", "\n").split("\n")


# Raw lines a boundary may differ by: empty lines and the gold's page furniture (the dev
# volumes' synthetic gold calls it `furniture_lines`).
def _ignorable(lines: list[str], gold: dict) -> set[int]:
    blank = {n for n, line in enumerate(lines, 1) if not line.strip(" \t\r\f\v\ufeff")}
    return blank | set(gold.get("page_furniture") or []) | set(gold.get("furniture_lines") or [])


def _edge_ok(gold_line: int, line, ignorable: Optional[set[int]]) -> bool:
    if not isinstance(line, int):
        return False
    if ignorable is None:  # raw text not at hand: allow one line either way
        return abs(line - gold_line) <= 1
    lo, hi = sorted((gold_line, line))
    # Every line between the two, other than the gold line itself, must be ignorable.
    return all(n in ignorable for n in range(lo, hi + 1) if n != gold_line)


def _gold_says(g: dict, name: str) -> bool:
    keys = {"boundaries": "lines", "boundary_iou": "lines", "emails": "authors",
            "author_affiliations": "authors", "abstract": "abstract_starts",
            "abstracts": "abstracts_by_language", "references": "references_count",
            "title_exact": "title", "authors_exact": "authors"}
    if name == "emails":
        return "email_set" in g or any("email" in a for a in g.get("authors") or [])
    if name == "author_affiliations":
        return any("affiliation" in a for a in g.get("authors") or [])
    return keys.get(name, name) in g


def _score_article(report: Report, label: str, g: dict, p: dict,
                   ignorable: Optional[set[int]]) -> None:
    def invent(name: str) -> None:
        report.invented.append(f"{label}: {name}")

    if "lines" in g:
        pl = p.get("lines") or [None, None]
        report.add("boundaries", (_edge_ok(g["lines"][0], pl[0], ignorable)
                                  + _edge_ok(g["lines"][1], pl[1], ignorable)) / 2)
        report.add("boundary_iou", float(_iou(g["lines"], pl, ignorable) >= _IOU))
    if "complete" in g:
        report.add("complete", float(bool(p.get("complete")) == bool(g["complete"])))
    if "pages" in g:
        pages = p.get("pages")
        if g["pages"] is None and pages and any(x is not None for x in pages):
            invent("pages")
        report.add("pages", float(_pages(pages) == _pages(g["pages"])))
    if "language" in g:
        report.add("language", float(p.get("language") == g["language"]))
    if "title" in g:
        report.add("title", _title_f1(g["title"], p.get("title"), lambda: invent("title")))
        report.add("title_exact", _scalar(g["title"], p.get("title"), _norm_title, lambda: None))
    for name, norm in (("udc", _norm_udc), ("programme", _norm_text)):
        if name in g:
            report.add(name, _scalar(g[name], p.get(name), norm, lambda n=name: invent(n)))
    if "supervisor" in g:  # the same person, whether the degree and post are printed with it
        if g["supervisor"] is None:
            report.add("supervisor", _scalar(None, p.get("supervisor"), _norm_text,
                                             lambda: invent("supervisor")))
        else:
            report.add("supervisor", float(bool(_surnames(g["supervisor"])
                                                & _surnames(p.get("supervisor")))))
    if "affiliation" in g and not isinstance(g["affiliation"], list):
        gold_aff, pred_aff = _split_aff(g["affiliation"]), _split_aff(p.get("affiliation"))
        if not gold_aff and pred_aff:
            invent("affiliation")
        report.add("affiliation", _f1(set(_title_tokens(g["affiliation"])),
                                      set(_title_tokens(p.get("affiliation")))))
    if "authors" in g:
        _score_authors(report, g, p.get("authors") or [], invent)
    if "abstract_starts" in g:
        report.add("abstract", _abstract(g.get("abstract_starts"), g.get("abstract_ends"),
                                         p.get("abstract"), lambda: invent("abstract")))
    if "abstracts_by_language" in g:
        report.add("abstracts", _by_language(
            g["abstracts_by_language"], p.get("abstracts"), "abstract", invent,
            lambda gold, pred: _abstract((gold or {}).get("starts"), (gold or {}).get("ends"),
                                         pred, lambda: None)))
    if "keywords" in g:
        gold_kw, pred_kw = _kw_set(g["keywords"]), _kw_set(p.get("keywords"))
        if not gold_kw and pred_kw:
            invent("keywords")
        report.add("keywords", _f1(gold_kw, pred_kw))
    if "keywords_by_language" in g:
        report.add("keywords_by_language", _by_language(
            g["keywords_by_language"], p.get("keywords_by_language"), "keywords", invent,
            lambda gold, pred: _f1(_kw_set(gold), _kw_set(pred))))
    if "references_count" in g:
        count = g["references_count"] or 0
        got = len(p.get("references") or [])
        if count == 0 and got:
            invent("references")
        report.add("references", float(got == count))


def _score_authors(report: Report, g: dict, pred: list[dict], invent) -> None:
    """Authors by surname (any printed form of the same person matches), then by every name part;
    e-mails and affiliations of the authors that matched."""
    gold = g["authors"]
    matched = _match_people(gold, pred)
    for j, a in enumerate(pred):
        if j not in matched.values():
            invent(f"author {a.get('name')!r}")
    hit = len(matched)
    report.add("authors", 1.0 if not gold and not pred else
               (2 * hit / (len(gold) + len(pred)) if hit else 0.0))
    report.add("authors_exact", _f1({_name_key(a.get("name")) for a in gold},
                                    {_name_key(a.get("name")) for a in pred}))
    if "email_set" in g:
        gold_emails = {_norm_email(e) for e in g["email_set"]}
        pred_emails = {_norm_email(a.get("email")) for a in pred if a.get("email")}
        for e in sorted(pred_emails - gold_emails):
            invent(f"email {e!r}")
        report.add("emails", _f1(gold_emails, pred_emails))
    emails, affs = [], []
    for i, a in enumerate(gold):
        got = pred[matched[i]] if i in matched else {}
        if "email" in a:
            if a["email"] is None and got.get("email"):
                invent(f"email of {a.get('name')!r}")
            emails.append(float(_norm_email(a["email"]) == _norm_email(got.get("email"))))
        if "affiliation" in a:
            if a["affiliation"] is None and got.get("affiliation"):
                invent(f"affiliation of {a.get('name')!r}")
            # Token F1: annotators differ on whether «кафедра …» belongs to the post or the unit.
            affs.append(_f1(set(_title_tokens(a["affiliation"])),
                            set(_title_tokens(got.get("affiliation")))))
    if emails:
        report.add("emails", sum(emails) / len(emails))
    if affs:
        report.add("author_affiliations", sum(affs) / len(affs))


def _match_people(gold: list[dict], pred: list[dict]) -> dict[int, int]:
    """gold index -> predicted index, one to one, by a shared surname-like part."""
    out: dict[int, int] = {}
    used: set[int] = set()
    for i, a in enumerate(gold):
        mine = _surnames(a.get("name"))
        for j, b in enumerate(pred):
            if j not in used and mine & _surnames(b.get("name")):
                out[i] = j
                used.add(j)
                break
    return out


def _surnames(name) -> set[str]:
    """Name parts of two letters or more (initials dropped), case- and ё-folded."""
    text = _SUPERSCRIPT.sub(" ", unicodedata.normalize("NFC", name or ""))
    return {t.casefold().replace("ё", "е")
            for t, dot in re.findall(r"([^\W\d_]+(?:-[^\W\d_]+)*)(\.?)", text)
            if len(t) >= 2 and not dot}


def _title_f1(gold, pred, invent) -> float:
    """Token F1 of two titles (case, punctuation and footnote digits do not count)."""
    if gold is None:
        if _norm_title(pred):
            invent()
            return 0.0
        return 1.0
    return _f1(set(_title_tokens(gold)), set(_title_tokens(pred)))


def _title_tokens(text) -> list[str]:
    return re.findall(r"[^\W_]+", _flat(text).casefold().replace("ё", "е"))


def _norm_title(text) -> str:
    return " ".join(_title_tokens(text))


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


def _norm_email(text) -> str:
    return _norm_text(text).replace(" [at] ", "@")


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


def _fmt(value: Optional[float]) -> str:
    return "—" if value is None else f"{value:.3f}"


def _short(name: str) -> str:
    return name.split(".")[0][:18]
