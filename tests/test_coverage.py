"""coverage: what `jinaq check` says about text that reaches no page, and the partition."""
from __future__ import annotations

import shutil
from pathlib import Path

from generator.quality.coverage import partition_gaps, ranges, report_lines
from jinaq_testing import run_jinaq

FIXTURE = Path(__file__).parent / "fixtures" / "extract" / "ru_conference_heads.txt"


def test_check_reports_coverage_furniture_and_regions(project):
    raw = project / "content" / "raw"
    for f in raw.iterdir():
        f.unlink()
    shutil.copy(FIXTURE, raw / FIXTURE.name)
    (project / "content" / "corrections.yml").write_text("", encoding="utf-8")
    out = run_jinaq("check", cwd=project).stdout
    assert "content lines reach a page (100.0%)" in out
    assert "front matter ru_conference_heads.txt:1-14" in out
    assert "back matter ru_conference_heads.txt:68-73" in out


def test_a_lost_line_and_an_unowned_line_are_named():
    raw = ["Первая строка статьи содержит важные слова", "",
           "Потерянная строка исчезнувшего текста навсегда", "Последняя строка никому не принадлежит"]
    model = {"articles": [{"source": "v.txt", "line_ranges": [[1, 3]],
                           "body": "Первая строка статьи содержит важные слова"}],
             "regions": [], "furniture": []}
    out = "\n".join(report_lines(model, {"v.txt": raw}))
    assert "v.txt:3-4: text that reaches no page" in out
    assert "v.txt:4-4: owned by no article or region" in out
    assert partition_gaps(model, {"v.txt": 4})["v.txt"] == {"unclaimed": [4], "overlap": []}
    assert ranges([5, 1, 2, 3, 7]) == [(1, 3), (5, 5), (7, 7)]
