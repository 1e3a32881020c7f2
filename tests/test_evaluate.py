"""Unit tests of the scorer (generator.quality.evaluate) on small hand-made gold files and volume dicts."""
from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from generator.quality.evaluate import (discover_fixture_pairs, evaluate, format_table, main_evaluate,
                                overall)

FIXTURES = Path(__file__).parent / "fixtures" / "volumes"

# Spaced layout: text on odd lines, empty even lines. Article a: lines 1-5, article b: lines 7-13.
RAW = "\n".join([
    "конец предыдущей статьи.", "", "1. Иванов И.И. Книга. – 2020.", "",
    "2. Петров П.П. Статья. – 2021.", "", "УДК 321.01", "", "ЗАГОЛОВОК СТАТЬИ", "",
    "А.Б. Сейітқали", "", "Аннотация. Текст аннотации здесь.", "",
]) + "\n"

GOLD = {
    "source": "vol.txt",
    "page_furniture": [],
    "articles": [
        {"id_hint": "a", "lines": [1, 5], "pages": None, "complete": False, "language": "ru",
         "title": None, "udc": None, "authors": [], "affiliation": None, "programme": None,
         "supervisor": None, "abstract_starts": None, "abstract_ends": None,
         "abstracts_by_language": {}, "keywords": [], "keywords_by_language": {},
         "references_count": 2},
        {"id_hint": "b", "lines": [7, 13], "pages": None, "complete": True, "language": "ru",
         "title": "ЗАГОЛОВОК СТАТЬИ", "udc": "321.01",
         "authors": [{"name": "А.Б. Сейітқали", "affiliation": "ЕНУ, Астана",
                      "email": "s@example.com"}],
         "affiliation": "ЕНУ, Астана", "programme": None, "supervisor": None,
         "abstract_starts": "Текст аннотации", "abstract_ends": "здесь.",
         "abstracts_by_language": {"ru": {"starts": "Текст аннотации", "ends": "здесь."}},
         "keywords": ["выборы", "реформа"], "keywords_by_language": {"ru": ["выборы", "реформа"]},
         "references_count": 0},
    ],
}

PERFECT = {
    "source": ["vol.txt"],
    "articles": [
        {"id": "1", "source": "vol.txt", "lines": [1, 5], "pages": None, "complete": False,
         "language": "ru", "title": None, "udc": None, "authors": [], "affiliation": None,
         "programme": None, "supervisor": None, "abstract": None, "abstracts": {},
         "keywords": [], "keywords_by_language": {}, "references": ["1", "2"], "body": "…"},
        {"id": "2", "source": "vol.txt", "lines": [7, 13], "pages": None, "complete": True,
         "language": "ru", "title": "ЗАГОЛОВОК СТАТЬИ", "udc": "321.01",
         "authors": [{"name": "А.Б. Сейітқали", "affiliation": "ЕНУ, Астана",
                      "email": "s@example.com"}],
         "affiliation": "ЕНУ, Астана", "programme": None, "supervisor": None,
         "abstract": "Текст аннотации здесь.", "abstracts": {"ru": "Текст аннотации здесь."},
         "keywords": ["выборы", "реформа"], "keywords_by_language": {"ru": ["выборы", "реформа"]},
         "references": [], "body": "…"},
    ],
    "timeline": [], "glossary": [],
}


@pytest.fixture
def gold(tmp_path: Path) -> Path:
    (tmp_path / "vol.txt").write_text(RAW, encoding="utf-8")
    path = tmp_path / "vol.yml"
    path.write_text(yaml.safe_dump(GOLD, allow_unicode=True), encoding="utf-8")
    return path


def scores(report) -> dict[str, float]:
    return {name: report.score(name) for name in report.scores if report.scores[name]}


def test_perfect_extraction_scores_one(gold):
    report = evaluate(gold, PERFECT)
    assert set(scores(report).values()) == {1.0}
    assert "title" in scores(report) and "boundaries" in scores(report)
    assert report.invented == [] and report.unmatched == []


def test_wrong_title_lowers_only_the_title_score(gold):
    volume = copy.deepcopy(PERFECT)
    volume["articles"][1]["title"] = "ДРУГОЙ ЗАГОЛОВОК"
    s = scores(evaluate(gold, volume))
    assert s["title"] == 0.75  # a (null, null) right; b: token F1 1/2 (ЗАГОЛОВОК shared)
    assert s["title_exact"] == 0.5
    assert all(v == 1.0 for k, v in s.items() if k not in ("title", "title_exact"))


def test_invented_author_and_title_are_counted(gold):
    volume = copy.deepcopy(PERFECT)
    volume["articles"][0]["authors"] = [{"name": "Петров П.П.", "affiliation": None, "email": None}]
    volume["articles"][0]["title"] = "Guessed title"
    report = evaluate(gold, volume)
    assert len(report.invented) == 2
    assert any("author" in item for item in report.invented)
    assert report.score("authors") == 0.5
    assert overall([report])[1] == 2


def test_extra_author_where_gold_has_one_is_invented(gold):
    volume = copy.deepcopy(PERFECT)
    volume["articles"][1]["authors"].append({"name": "Кто-то К.К.", "affiliation": None,
                                             "email": None})
    report = evaluate(gold, volume)
    assert report.invented == ["article b: author 'Кто-то К.К.'"]
    assert report.score("authors") == pytest.approx((1 + 2 / 3) / 2)  # a right, b F1 2/3


def test_author_name_forms_match_in_any_order(gold):
    volume = copy.deepcopy(PERFECT)
    volume["articles"][1]["authors"][0]["name"] = "Сейітқали А. Б."
    assert evaluate(gold, volume).score("authors") == 1.0


def test_boundary_may_differ_by_empty_lines_only(gold):
    volume = copy.deepcopy(PERFECT)
    volume["articles"][1]["lines"] = [6, 14]  # empty lines around the gold range
    assert evaluate(gold, volume).score("boundaries") == 1.0
    volume["articles"][1]["lines"] = [7, 11]  # ends two text lines early
    assert evaluate(gold, volume).score("boundaries") == 0.75


@pytest.mark.parametrize("key", ["page_furniture", "furniture_lines"])
def test_boundary_may_differ_by_the_gold_furniture_whatever_the_gold_calls_it(tmp_path, key):
    """The dev volumes' synthetic gold names its furniture `furniture_lines`."""
    (tmp_path / "vol.txt").write_text(RAW + "ВЕСТНИК. Серия права\n", encoding="utf-8")
    data = {k: v for k, v in GOLD.items() if k != "page_furniture"}
    path = tmp_path / "vol.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    volume = copy.deepcopy(PERFECT)
    volume["articles"][1]["lines"] = [7, 15]  # with the running head below it
    assert evaluate(path, volume).score("boundaries") == 0.75
    data[key] = [15]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert evaluate(path, volume).score("boundaries") == 1.0


def test_abstract_and_keywords_are_compared_loosely_but_not_blindly(gold):
    volume = copy.deepcopy(PERFECT)
    volume["articles"][1]["abstract"] = "Текст   аннотации\nздесь."
    volume["articles"][1]["keywords"] = ["Выборы", "реформа."]
    s = scores(evaluate(gold, volume))
    assert s["abstract"] == 1.0 and s["keywords"] == 1.0
    volume["articles"][1]["abstract"] = "Аннотация. Текст аннотации здесь."
    volume["articles"][1]["keywords"] = ["выборы"]
    s = scores(evaluate(gold, volume))
    assert s["abstract"] == 0.75  # label left in: the start no longer matches
    assert s["keywords"] == pytest.approx((1 + 2 / 3) / 2)


def test_missing_article_scores_zero_and_extra_article_is_invented(gold):
    volume = copy.deepcopy(PERFECT)
    del volume["articles"][0]
    volume["articles"].append(dict(PERFECT["articles"][0], lines=[15, 20]))
    report = evaluate(gold, volume)
    assert report.unmatched == ["article a [1, 5]"]
    assert report.score("references") == 0.5
    assert report.invented == ["extra article [15, 20]"]


def test_format_table_lists_fields_and_invented(gold):
    volume = copy.deepcopy(PERFECT)
    volume["articles"][1]["udc"] = "УДК 999"
    table = format_table([evaluate(gold, volume), evaluate(gold, PERFECT)])
    lines = table.splitlines()
    assert lines[0].split("|")[0].strip() == "field"
    assert any(line.startswith("udc") and line.endswith("0.750") for line in lines)
    assert "invented: 0" in table


def test_main_evaluate_runs_every_pair(gold):
    table, low, invented = main_evaluate([(gold, "ignored"), (gold, "ignored")],
                                         lambda path: PERFECT)
    assert low == 1.0 and invented == 0
    assert "title" in table


def test_discover_pairs_gold_files_with_their_volumes(tmp_path, gold):
    (gold.parent / "notes.yml").write_text("just: notes\n", encoding="utf-8")
    assert discover_fixture_pairs(gold.parent) == [(gold, gold.parent / "vol.txt")]
    found = discover_fixture_pairs(FIXTURES)
    assert len(found) >= 5 and all(raw.is_file() for _, raw in found)


def test_dev_gold_dialect_spans_author_strings_and_annotations(tmp_path):
    """The real development volumes' gold: `span`, authors as strings from repository metadata
    (matched by surname: `Гудиев А. В.` is the printed `Артур Гудиев`), and a person's reading in
    `<stem>.extra.yml` that wins over the metadata."""
    (tmp_path / "vol.txt").write_text(RAW, encoding="utf-8")
    gold = {"source": "vol.txt", "articles": [
        {"span": [1, 5], "title": "Заголовок", "authors": ["Гудиев А. В."]},
        {"span": [7, 13], "title": "Metadata title", "authors": ["Сейітқали А. Б."]}]}
    (tmp_path / "vol.gold.yml").write_text(yaml.safe_dump(gold, allow_unicode=True), "utf-8")
    extra = {"articles": [{"span": [7, 13], "title": "ЗАГОЛОВОК СТАТЬИ",
                           "authors": [{"name": "А.Б. Сейітқали", "email": "s@example.com"}]}]}
    annotations = tmp_path / "annotations"
    annotations.mkdir()
    (annotations / "vol.extra.yml").write_text(yaml.safe_dump(extra, allow_unicode=True), "utf-8")
    volume = copy.deepcopy(PERFECT)
    volume["articles"][0].update(title="ЗАГОЛОВОК", authors=[{"name": "Артур Гудиев"}])
    report = evaluate(tmp_path / "vol.gold.yml", volume, extra_dirs=[annotations])
    assert report.score("boundary_iou") == 1.0
    assert report.score("title") == 1.0  # the annotation's printed title, not the metadata's
    assert report.score("authors") == 1.0 and report.score("emails") == 1.0
    volume["articles"][1]["authors"][0]["email"] = "other@example.com"
    assert evaluate(tmp_path / "vol.gold.yml", volume, extra_dirs=[annotations]).score(
        "emails") == 0.0


def test_coverage_counts_lost_lines_but_not_named_furniture(gold):
    """A content line whose words reach no string of the model is lost; a line the model lists
    as removed page furniture is accounted for by its rule."""
    from generator.quality.coverage import lost_lines

    raw = ["Первая строка статьи содержит важные слова", "Вестник университета серия история 2023",
           "Потерянная строка исчезнувшего текста навсегда"]
    model = {"articles": [{"body": "Первая строка статьи содержит важные слова"}],
             "furniture": [{"source": "v.txt", "rule": "running-head", "lines": [2]}]}
    assert lost_lines(raw, model) == (2, [3])
    model["timeline"] = [{"sentence": raw[2]}]  # derived parts quote text: they do not count
    assert lost_lines(raw, model) == (2, [3])


def test_cli_names_the_file_when_the_gold_is_not_a_gold_file(tmp_path, capsys):
    """The input given where the gold goes, bad YAML, or a YAML list: one line naming the file
    (it was an internal error before)."""
    from generator.cli import main

    raw = tmp_path / "vol.txt"
    raw.write_text(RAW, encoding="utf-8")
    gold = tmp_path / "vol.yml"
    gold.write_text(yaml.safe_dump(GOLD, allow_unicode=True), encoding="utf-8")
    assert main(["evaluate", str(raw), str(gold)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "vol.txt: not a gold file" in err and "gold file first" in err

    gold.write_text("source: vol.txt\narticles: [\n", encoding="utf-8")
    assert main(["evaluate", str(gold), str(raw)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "vol.yml:" in err and "YAML syntax error" in err

    gold.write_text("- a\n- b\n", encoding="utf-8")
    assert main(["evaluate", str(gold), str(raw)]) == 2
    assert "vol.yml:1: a gold file is a mapping" in capsys.readouterr().err
