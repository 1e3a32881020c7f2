"""The timeline and glossary scorer (generator.quality.evaluate_enrich) and `jinaq evaluate-enrich`, on a
tiny hand-made gold file and volume model (tests/fixtures/evaluate_enrich)."""
from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from generator.cli import main
from generator.errors import JinaqError
from generator.quality.evaluate_enrich import evaluate_enrich, format_table, load_gold

FIX = Path(__file__).parent / "fixtures" / "evaluate_enrich"
GOLD = FIX / "gold.yml"
VOLUME = json.loads((FIX / "volume.json").read_text(encoding="utf-8"))


def test_events_match_by_date_article_and_line_range():
    r = evaluate_enrich(GOLD, VOLUME)
    # Matched: 1990s b:25, 1995-08-30 a:5, 2007 a:11 (gold lines 9-11). Not: 2014-08 put in
    # the wrong article, the merged source b:27 that no gold event has. 2021 b:33 is optional.
    assert (r.events_gold, r.events_matched, r.events_predicted) == (4, 3, 5)
    assert r.precision == pytest.approx(0.6) and r.recall == pytest.approx(0.75)
    assert [m.split()[0] for m in r.missed_events] == ["2014-08"]
    assert sorted(f.split()[:2] for f in r.false_events) == [
        ["1995-08-30", "b:27"], ["2014-08", "a:30"]]


def test_optional_events_are_neither_required_nor_penalised():
    volume = copy.deepcopy(VOLUME)
    volume["timeline"] = [e for e in volume["timeline"] if e["date"] != "2021"]
    without = evaluate_enrich(GOLD, volume)
    with_optional = evaluate_enrich(GOLD, VOLUME)
    assert (without.events_matched, without.events_predicted) == (3, 5)
    assert (with_optional.events_matched, with_optional.events_predicted) == (3, 5)


def test_line_tolerance():
    volume = copy.deepcopy(VOLUME)
    volume["timeline"][2]["line"] = 12  # the 2007 event, one line past the gold's line_end
    assert evaluate_enrich(GOLD, volume).events_matched == 2
    assert evaluate_enrich(GOLD, volume, tolerance=1).events_matched == 3


def test_one_gold_event_is_matched_once():
    volume = copy.deepcopy(VOLUME)
    volume["timeline"].append(dict(volume["timeline"][0]))  # the 1990s event twice
    r = evaluate_enrich(GOLD, volume)
    assert (r.events_matched, r.events_predicted) == (3, 6)


def test_glossary_pairs_need_both_sides_and_every_article():
    r = evaluate_enrich(GOLD, VOLUME)
    # сайлау жүйесі: case and spacing do not matter; ЕҚЫҰ = ОБСЕ: found among the variants;
    # «А» корпусы: the entry lists article a only, the gold wants a and b.
    assert (r.pairs_gold, r.pairs_found) == (3, 2)
    assert r.missed_pairs == ["«А» корпусы = корпус «А» (articles b)"]
    volume = copy.deepcopy(VOLUME)
    del volume["glossary"][1]["variants"]
    assert evaluate_enrich(GOLD, volume).pairs_found == 1


def test_table_has_a_row_per_volume_and_a_total():
    r = evaluate_enrich(GOLD, VOLUME)
    table = format_table([r, r], verbose=True)
    lines = table.splitlines()
    assert lines[0].split(" | ")[0].strip() == "volume"
    assert [line.split(" | ")[0].strip() for line in lines[2:5]] == ["gold.yml", "gold.yml", "all"]
    assert lines[4].split(" | ")[4:] == ["    0.600", " 0.750", "    6", "      0.667"]
    assert "gold.yml: missed events (1)" in table and "gold.yml: false events (2)" in table


def test_a_gold_file_without_a_timeline_scores_no_events(tmp_path):
    gold = tmp_path / "articles_only.yml"
    gold.write_text("articles:\n  - {id_hint: a, lines: [1, 20]}\n", encoding="utf-8")
    r = evaluate_enrich(gold, VOLUME)
    assert (r.events_predicted, r.precision, r.recall, r.pair_recall) == (0, None, None, None)
    assert format_table([r]).splitlines()[2].split(" | ")[4:] == [
        "        —", "     —", "    0", "          —"]


def test_bad_gold_is_one_error_with_file_and_line():
    with pytest.raises(JinaqError) as info:
        load_gold(FIX / "bad_gold.yml")
    assert info.value.line == 5 and "line" in info.value.message
    assert str(info.value).startswith(str(FIX / "bad_gold.yml") + ":5:")


def test_cli_prints_the_table(capsys, tmp_path):
    assert main(["evaluate-enrich", str(GOLD), str(FIX / "volume.json")]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[2].startswith("gold.yml ") and "0.600" in out
    assert main(["evaluate-enrich", str(GOLD)]) == 2
    assert "give GOLD.yml INPUT pairs" in capsys.readouterr().err
    assert main(["evaluate-enrich", str(FIX / "bad_gold.yml"), str(FIX / "volume.json")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "bad_gold.yml:5:" in err
    broken = tmp_path / "model.json"
    broken.write_text("{", encoding="utf-8")
    assert main(["evaluate-enrich", str(GOLD), str(broken)]) == 2
    assert "not a volume model" in capsys.readouterr().err
