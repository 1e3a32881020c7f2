"""Acceptance: the extractor on every fixture volume against its gold file, plus fixture checks.

The extractor tests skip until `generator.pipeline` exists; the fixture checks always run.
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
import yaml

from generator.quality.evaluate import discover_fixture_pairs, evaluate
from make_pdf import make_pdf

VOLUMES = Path(__file__).parent / "fixtures" / "volumes"
PAIRS = discover_fixture_pairs(VOLUMES)
THRESHOLD = 0.95
# Volumes in layouts the extractor was not written for (issues #17, #18): scored, expected to fall
# short until the extraction reads them; the lead removes names from here as they pass. v10-v13
# were written blind to the extractor's code (tests/fixtures/volumes/README.md).
REWRITE_PENDING: set[str] = set()  # fixture volumes the extraction does not read yet
SCORED = [pytest.param(g, raw, id=g.stem, marks=pytest.mark.xfail(
              strict=False, reason="extraction does not read this layout yet"))
          if g.stem in REWRITE_PENDING
          else pytest.param(g, raw, id=g.stem) for g, raw in PAIRS]
LOOKALIKES = set("ѓЃњЊќЌїЇўЎəƏ¹²³⁴\uf0b7")  # printed forms a gold value never holds


def _as_extracted(gold: dict) -> dict:
    """The CONTRACT dict a perfect extractor would print for this gold file."""
    def abstract(starts, ends):
        return None if starts is None else f"{starts} … {ends}"

    articles = []
    for i, g in enumerate(gold["articles"]):
        articles.append({
            "id": str(i), "source": gold["source"], "lines": g["lines"], "pages": g["pages"],
            "complete": g["complete"], "language": g["language"], "title": g["title"],
            "udc": g["udc"], "authors": g["authors"], "affiliation": g["affiliation"],
            "programme": g["programme"], "supervisor": g["supervisor"],
            "abstract": abstract(g["abstract_starts"], g["abstract_ends"]),
            "abstracts": {k: abstract(v["starts"], v["ends"])
                          for k, v in g["abstracts_by_language"].items()},
            "keywords": g["keywords"], "keywords_by_language": g["keywords_by_language"],
            "references": ["…"] * g["references_count"], "body": "…"})
    from generator.quality.evaluate import _gold_regions

    regions = [{"kind": kind, "lines": lines, "source": gold["source"]}
               for kind, lines in _gold_regions(gold)]
    return {"source": [gold["source"]], "articles": articles, "regions": regions,
            "timeline": [], "glossary": []}


def test_fixture_set_is_varied():
    golds = [yaml.safe_load(g.read_text(encoding="utf-8")) for g, _ in PAIRS]
    articles = [a for g in golds for a in g["articles"]]
    assert len(PAIRS) >= 5
    assert {g["layout"] for g in golds} == {"spaced", "pdftotext"}
    assert sum(a["complete"] for a in articles) >= 10
    assert {a["language"] for a in articles} == {"kk", "ru", "en"}
    assert any(a["complete"] and a["udc"] is None for a in articles)
    # Layouts beyond the first five (#17, #18): regions that are not articles, LF pdftotext,
    # summaries after the references, positions next to names.
    assert {"front_matter", "back_matter", "regions"} <= {k for g in golds for k in g}
    assert any(g.get("line_ends") == "lf" for g in golds)
    assert any(len(a.get("titles_by_language") or {}) == 3 for a in articles)
    assert any(au.get("position") for a in articles for au in a["authors"])


def test_fixtures_are_what_make_fixtures_writes(tmp_path, monkeypatch):
    spec = importlib.util.spec_from_file_location("make_fixtures", VOLUMES / "make_fixtures.py")
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "make_fixtures", module)  # dataclasses look themselves up
    spec.loader.exec_module(module)
    module.main(tmp_path)
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == sorted(n for g, raw in PAIRS for n in (g.name, raw.name))
    for name in written:
        assert (tmp_path / name).read_bytes() == (VOLUMES / name).read_bytes(), name


@pytest.mark.parametrize("gold_path,raw_path", PAIRS, ids=[g.stem for g, _ in PAIRS])
def test_fixture_bytes_keep_their_layout(gold_path, raw_path):
    gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    data = raw_path.read_bytes()
    if gold["layout"] == "pdftotext":  # its line ends (CRLF unless gold says LF) and form feeds
        crlf = data.count(b"\r\n")
        assert crlf == (0 if gold.get("line_ends") == "lf" else data.count(b"\n"))
        assert b"\f" in data
    else:
        lines = data.decode("utf-8-sig").split("\n")
        assert b"\r" not in data and all(line == "" for line in lines[1::2])


@pytest.mark.parametrize("gold_path,raw_path", PAIRS, ids=[g.stem for g, _ in PAIRS])
def test_gold_partitions_the_volume(gold_path, raw_path):
    """Every non-empty line is page furniture or in exactly one article or region (#17): spans
    are line ranges that never overlap; furniture inside a span is removed from it."""
    gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    lines = raw_path.read_bytes().decode("utf-8-sig").split("\n")
    spans = [(a["lines"], f"article {a['id_hint']}") for a in gold["articles"]]
    spans += [(gold[k]["lines"], k) for k in ("front_matter", "back_matter") if k in gold]
    spans += [(r["lines"], r["kind"]) for r in gold.get("regions", [])]
    furniture = set(gold["page_furniture"])
    assert all(1 <= n <= len(lines) for n in furniture)
    owners: dict[int, list[str]] = {}
    for (first, last), who in spans:
        assert 1 <= first <= last <= len(lines), who
        for n in range(first, last + 1):
            owners.setdefault(n, []).append(who)
    overlapping = {n: who for n, who in owners.items() if len(who) > 1}
    unclaimed = [n for n, line in enumerate(lines, 1)
                 if line.strip(" \t\r\f\ufeff") and n not in owners and n not in furniture]
    assert overlapping == {} and unclaimed == []
    parts = [p for k in ("front_matter", "back_matter") for p in gold.get(k, {}).get("parts", [])]
    for part in parts:  # a part lies inside its matter's span
        first, last = part["lines"]
        assert owners.get(first) == owners.get(last) and len(owners[first]) == 1


@pytest.mark.parametrize("gold_path,raw_path", PAIRS, ids=[g.stem for g, _ in PAIRS])
def test_gold_values_are_cleaned(gold_path, raw_path):
    """Gold says what a reader finds: Kazakh letters, no old-font look-alikes, no marks."""
    gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    for a in gold["articles"]:
        values = [a["title"], a["affiliation"], a["supervisor"], a["programme"], *a["keywords"],
                  *(a.get("titles_by_language") or {}).values()]
        values += [v for author in a["authors"] for v in author.values()]
        bad = [v for v in values if isinstance(v, str) and LOOKALIKES & set(v)]
        assert bad == [], a["id_hint"]


@pytest.mark.parametrize("gold_path,raw_path", PAIRS, ids=[g.stem for g, _ in PAIRS])
def test_gold_scores_one_against_itself(gold_path, raw_path):
    report = evaluate(gold_path, _as_extracted(yaml.safe_load(gold_path.read_text("utf-8"))))
    assert all(v == 1.0 for vs in report.scores.values() for v in vs)
    assert report.invented == [] and report.unmatched == []


def test_make_pdf_prints_text_and_page_numbers(tmp_path):
    from pypdf import PdfReader

    path = make_pdf(tmp_path / "v.pdf", ["ӘОЖ 342.8\nСАЙЛАУ ЖҮЙЕСІ", "Продолжение статьи"], 7)
    texts = [page.extract_text() for page in PdfReader(path).pages]
    assert "САЙЛАУ ЖҮЙЕСІ" in texts[0] and texts[0].split()[-1] == "7"
    assert "Продолжение" in texts[1] and texts[1].split()[-1] == "8"


@pytest.mark.parametrize("gold_path,raw_path", SCORED)
def test_extractor_meets_gold(gold_path, raw_path):
    pipeline = pytest.importorskip("generator.pipeline")
    report = evaluate(gold_path, pipeline.extract_volume(raw_path).to_dict())
    low = {name: report.score(name) for name in report.scores
           if report.scores[name] and report.score(name) < THRESHOLD}
    assert low == {}, f"fields below {THRESHOLD}: {low}"
    assert report.invented == []
    assert report.unmatched == []


def test_extractor_reads_a_pdf_volume(tmp_path):
    pipeline = pytest.importorskip("generator.pipeline")
    pages = [
        "ӘОЖ 352.07\nЖЕРГІЛІКТІ БАСҚАРУДАҒЫ ЦИФРЛЫҚ ҚЫЗМЕТТЕР\nСағынтаева Д.Ж.\n"
        "Абай атындағы Қазақ ұлттық педагогикалық университеті, Алматы қ., Қазақстан\n"
        "e-mail: sagyntayeva@example.com\n"
        "Аңдатпа. Мақалада әкімдіктердің онлайн қызметтері талданады.\n"
        "Түйін сөздер: әкімдік, цифрлық қызмет, мемлекеттік басқару.\n"
        "Әкімдіктердің онлайн қызметтері 2021 жылдан бастап кеңейді. Тұрғындар\n"
        "өтініштерді порталда қалдыра алады.",
        "Сауалнама нәтижелері қызметтердің қолжетімділігі артқанын көрсетті.\n"
        "Әдебиеттер тізімі\n1. Сағынтаева Д.Ж. Цифрлық әкімдік. – Алматы, 2022. – 90 б.\n"
        "2. Мемлекеттік қызметтер туралы Заң. – Астана, 2013.",
    ]
    volume = pipeline.extract_volume(make_pdf(tmp_path / "vol.pdf", pages, 41)).to_dict()
    assert len(volume["articles"]) == 1
    article = volume["articles"][0]
    assert article["title"] == "ЖЕРГІЛІКТІ БАСҚАРУДАҒЫ ЦИФРЛЫҚ ҚЫЗМЕТТЕР"
    assert [a["name"] for a in article["authors"]] == ["Сағынтаева Д.Ж."]
    assert article["udc"] in ("352.07", "ӘОЖ 352.07")
    assert article["pages"] == [41, 42]
    assert len(article["references"]) == 2
    assert "41" not in article["body"].split()  # the page number is furniture, not text
