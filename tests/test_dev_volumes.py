"""The real development volumes (`../shared/dev`, beside the project; skipped without it): the
targets of extraction on layouts nobody on the team wrote, read against the printed text (the
repository metadata extended by a person's reading in tests/dev_gold/)."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.quality.evaluate import discover_fixture_pairs, evaluate
from generator.pipeline import extract_volume

HERE = Path(__file__).parent
DEV = HERE.parent.parent / "shared" / "dev"
pytestmark = pytest.mark.skipif(not DEV.is_dir(), reason="../shared/dev is not beside the project")


@pytest.fixture(scope="module")
def reports():
    out = []
    for gold, raw in discover_fixture_pairs(DEV):
        volume = extract_volume(raw, do_enrich=False).to_dict()
        out.append(evaluate(gold, volume, raw=raw, extra_dirs=[HERE / "dev_gold"]))
    return out


def pooled(reports, name: str) -> float:
    values = [v for r in reports for v in r.scores[name]]
    return sum(values) / len(values)


@pytest.mark.parametrize("name,target", [
    ("boundary_iou", 0.95), ("title", 0.95), ("authors", 0.95), ("emails", 0.95),
    ("abstract", 0.95), ("supervisor", 0.95), ("keywords", 0.95),
])
def test_fields_meet_their_targets(reports, name, target):
    assert len(reports) >= 2
    assert pooled(reports, name) >= target


def test_nothing_lost_nothing_invented_no_spurious_article(reports):
    for r in reports:
        assert r.coverage is not None and r.coverage >= 0.995, (r.gold, r.lost_lines[:20])
        assert r.spurious == [], r.spurious
        assert r.invented == [], r.invented
