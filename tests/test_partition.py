"""The no-loss guarantee: every raw line is owned by one article or region, or removed by a named
furniture rule, and every content line's words reach the model (issue: nothing lost)."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.quality.coverage import lost_lines, partition_gaps
from generator.pipeline import extract_volume
from generator.ingest.read import read_input

HERE = Path(__file__).parent
VOLUMES = sorted([*(HERE / "fixtures" / "volumes").glob("*.txt"),
                  *(HERE / "fixtures" / "extract").glob("*.txt"),
                  *(HERE.parent / "content" / "raw").glob("*.txt")])
DEV = HERE.parent.parent / "shared" / "dev"


def _check(path: Path) -> dict:
    volume = extract_volume(path, do_enrich=False).to_dict()
    sources = read_input(path)
    gaps = partition_gaps(volume, {s.name: len(s.lines) for s in sources})
    for name, g in gaps.items():
        assert g["unclaimed"] == [] and g["overlap"] == [], f"{name}: {g}"
    return volume


@pytest.mark.parametrize("path", VOLUMES, ids=lambda p: p.name)
def test_every_line_is_owned_once_and_every_word_reaches_the_model(path):
    volume = _check(path)
    raw = path.read_bytes().decode("utf-8-sig", errors="replace").replace("\r\n", "\n").split("\n")
    n, lost = lost_lines(raw, volume)
    assert n > 0 and lost == []


def test_regions_and_furniture_are_in_the_model(tmp_path):
    """Front matter (title page, imprint, foreword) and an imprint after the last reference list
    become regions; a running head and page numbers are furniture with their rule."""
    pages = [
        "ВЕСТНИК УНИВЕРСИТЕТА\nМатериалы научной конференции\nISSN 1234-5678\n© Авторы, 2024\n"
        "Уважаемые коллеги! Сборник открывает новую серию публикаций молодых учёных, и мы рады "
        "представить его читателям.\n1",
        "Вестник университета. Серия история\nЗАГОЛОВОК ПЕРВОЙ СТАТЬИ О СОВЕТАХ\n"
        "Иванов И.И., студент 2 курса кафедры истории, ivanov@example.com\nАннотация\n"
        "Статья рассматривает общественные советы и их роль в жизни региона за последние годы.\n"
        "Введение\nОбщественные советы были созданы в регионах и с тех пор собираются регулярно, "
        "обсуждая бюджет и программы развития.\nЛитература\n1. Петров П.П. Советы. – М., 2020.\n2",
        "Вестник университета. Серия история\nПодписано в печать 01.02.2024. Формат 60×84 1/16.\n"
        "Тираж 100 экз.\n3",
    ]
    path = tmp_path / "vol.txt"
    path.write_text("\n\f".join(pages) + "\n", encoding="utf-8")
    volume = _check(path)
    kinds = [r["kind"] for r in volume["regions"]]
    assert kinds == ["front_matter", "back_matter"]
    assert len(volume["articles"]) == 1
    assert volume["articles"][0]["title"] == "ЗАГОЛОВОК ПЕРВОЙ СТАТЬИ О СОВЕТАХ"
    rules = {f["rule"] for f in volume["furniture"]}
    assert {"page-number", "running-head"} <= rules


@pytest.mark.skipif(not DEV.is_dir(), reason="../shared/dev is not beside the project")
@pytest.mark.parametrize("name", ["spisok2017", "spisok2019"])
def test_real_development_volumes_are_partitioned(name):
    _check(DEV / name / f"{name}.txt")


def test_the_safety_net_names_text_lines_no_unit_owns():
    """pipeline._unowned, the net under the partition: a text line between two units' ranges
    (none of them furniture) is named; an empty line or a furniture line there is not, nor is a
    line that overlapping ranges cover."""
    from types import SimpleNamespace

    from generator.model import SourceText
    from generator.pipeline import _unowned

    src = SourceText(name="v.txt", lines=["a", "b", "lost", "", "12", "c", "d", "also lost", "e"])
    units = [SimpleNamespace(line_ranges=[[1, 2]]), SimpleNamespace(line_ranges=[[6, 7], [9, 9]]),
             SimpleNamespace(line_ranges=[[1, 1], [6, 6]])]
    assert _unowned(src, units, furniture={5}) == [(3, 3), (8, 8)]
    assert _unowned(src, [], furniture=set()) == [(1, 3), (5, 9)]
