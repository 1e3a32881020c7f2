"""bench/variants.py: each layout variant of a volume carries its gold's lines along (checked on a
fixture volume of our own; the bench runs it on ../shared/dev)."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bench.variants import VARIANTS, write_variant

VOLUME = Path(__file__).parent / "fixtures" / "volumes" / "v3_pdftotext_conference"


def _lines(raw: Path, encoding: str) -> list[str]:
    return raw.read_bytes().decode(encoding).replace("\r\n", "\n").split("\n")


@pytest.mark.parametrize("name", list(VARIANTS))
def test_a_variant_keeps_each_articles_first_and_last_line(name, tmp_path):
    txt, gold_path = VOLUME.with_suffix(".txt"), VOLUME.with_suffix(".yml")
    old = txt.read_bytes().decode("utf-8").split("\n")
    gold_out, raw = write_variant(name, txt, gold_path, tmp_path)
    new = _lines(raw, VARIANTS[name][2])
    before = yaml.safe_load(gold_path.read_text(encoding="utf-8"))["articles"]
    after = yaml.safe_load(gold_out.read_text(encoding="utf-8"))["articles"]
    assert len(after) == len(before)

    def text(lines: list[str], n: int) -> str:  # (the case variants change a title's case)
        return lines[n - 1].replace("\f", "").strip().casefold()

    for a, b in zip(before, after):
        assert text(new, b["lines"][0]) == text(old, a["lines"][0])
        assert text(new, b["lines"][1]) == text(old, a["lines"][1])


@pytest.mark.parametrize("name, first", [
    ("sentence-case", ["Экологический туризм как фактор развития", "малых городов северного казахстана"]),
    ("title-case", ["Экологический Туризм как Фактор Развития", "Малых Городов Северного Казахстана"])])
def test_a_case_variant_rewrites_the_title_lines_only(name, first, tmp_path):
    txt = VOLUME.with_suffix(".txt")
    old = txt.read_text(encoding="utf-8").split("\n")
    _, raw = write_variant(name, txt, VOLUME.with_suffix(".yml"), tmp_path)
    new = _lines(raw, "utf-8")
    assert new[2:4] == first
    assert new[1] == old[1] == "УДК 338.48" and new[4] == old[4] == "Касымов Н.Е."
    assert sum(a != b for a, b in zip(old, new)) <= 3 * 4  # (three articles' titles)


def test_the_variants_of_our_own_fixture_volumes(tmp_path, capsys):
    from bench.variants import main

    vols = tmp_path / "vols"
    vols.mkdir()
    for suffix in (".txt", ".yml"):
        (vols / f"v3{suffix}").write_bytes(VOLUME.with_suffix(suffix).read_bytes())
    assert main(["--fixtures", str(vols), "--only", "original,copied", "--out",
                 str(tmp_path / "out")]) == 0
    rows = [r for r in capsys.readouterr().out.splitlines() if r.startswith("| original")]
    assert rows == ["| original | 1.000 | 1.000 | 1.000 | 0 | 1.0000 |"]
