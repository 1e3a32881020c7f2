"""The sample's gold timeline and glossary pairs, read from the volume model (`jinaq extract`)."""
from __future__ import annotations

import re

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
    for e in sample_model["timeline"]:
        assert re.fullmatch(r"\d{4}(s|-\d{2}(-\d{2})?)?", str(e["date"])), e
        assert 1900 <= int(str(e["date"])[:4]) <= 2100, e
    lines_with_events = {e["line"] for e in sample_model["timeline"]}
    # The not-date numbers of the sample sit on lines that carry no other date (124, 129/131, 141).
    assert not {124, 129, 131, 141} & lines_with_events


def test_gold_glossary_pairs_linked_to_articles(sample_model, gold):
    ids = ids_by_hint(sample_model, gold)
    entries = sample_model["glossary"]
    for pair in gold["glossary_pairs"]:
        found = [g for g in entries if (g["kk"] or "").lower() == pair["kk"].lower()
                 and (g["ru"] or "").lower() == pair["ru"].lower()]
        assert found, pair
        assert found[0]["articles"], pair
        assert set(found[0]["articles"]) <= set(ids.values())
