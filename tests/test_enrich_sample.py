"""The sample's gold timeline and glossary pairs, read from the volume model (`jinaq extract`)."""
from __future__ import annotations

from generator.enrich.dates import find_dates

NOT_DATES = ["7 жылға", "10 мандат", "7%", "2-курс", "42-бабында", "№2464", "№41–VII"]


def ids_by_hint(model, gold):
    return {g["id_hint"]: next(a["id"] for a in model["articles"] if a["lines"][0] == g["lines"][0])
            for g in gold["articles"]}


def test_all_gold_timeline_events(sample_model, gold):
    ids = ids_by_hint(sample_model, gold)
    have = {(str(e["date"]), e["line"], e["article"]) for e in sample_model["timeline"]}
    for e in sample_model["timeline"]:
        have |= {(str(e["date"]), s["line"], s["article"]) for s in e.get("also", [])}
    missing = [g for g in gold["timeline"] if (str(g["date"]), g["line"], ids[g["article"]]) not in have]
    assert not missing, missing


def test_no_number_that_is_not_a_date_becomes_an_event(sample_model):
    """Every event's date is read from a date expression of its own sentence, and none of the
    gold file's not-dates is read as a date."""
    for phrase in NOT_DATES:
        assert find_dates(phrase) == [], phrase
    for e in sample_model["timeline"]:
        assert str(e["date"]) in {m.iso for m in find_dates(e["sentence"])}, e


def test_gold_glossary_pairs_linked_to_articles(sample_model, gold):
    ids = ids_by_hint(sample_model, gold)
    entries = sample_model["glossary"]
    for pair in gold["glossary_pairs"]:
        found = [g for g in entries if (g["kk"] or "").lower() == pair["kk"].lower()
                 and (g["ru"] or "").lower() == pair["ru"].lower()]
        assert found, pair
        assert found[0]["articles"], pair
        assert set(found[0]["articles"]) <= set(ids.values())
