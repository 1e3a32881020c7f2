"""The goal figures of the timeline and the glossary on the synthetic development volumes
(../shared/dev/synthetic, skipped when absent): read by `jinaq evaluate-enrich`'s scorer."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.quality.evaluate_enrich import evaluate_enrich
from generator.pipeline import extract_volume

DEV = Path(__file__).parent.parent.parent / "shared" / "dev" / "synthetic"
VOLUMES = ["dev_kk_ru", "dev_pdftotext"]


@pytest.mark.skipif(not DEV.is_dir(), reason="../shared/dev/synthetic not present")
@pytest.mark.parametrize("name", VOLUMES)
def test_timeline_and_glossary_pairs_on_a_development_volume(name):
    report = evaluate_enrich(DEV / f"{name}.gold.yml",
                             extract_volume(DEV / f"{name}.txt").to_dict())
    assert report.precision >= 0.95, report.false_events
    assert report.recall >= 0.90, report.missed_events
    assert report.pair_recall >= 0.90, report.missed_pairs
