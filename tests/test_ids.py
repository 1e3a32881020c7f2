"""Stable article ids: content/ids.yml, read and extended by the build (generator/ingest/ids.py)."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from generator.errors import JinaqError
from generator.ingest.ids import HEADER, IdRegistry
from generator.pipeline import extract_volume
from jinaq_testing import FIXTURES, SAMPLE, run_jinaq

RU = FIXTURES / "encodings" / "ru_volume.txt"


def build_ids(raw: Path, ids: Path, **kw) -> list[str]:
    """Extract with the ids file as a build does (new entries appended); the ids in order."""
    registry = IdRegistry.load(ids)
    volume = extract_volume(raw, ids=registry, do_enrich=False, **kw)
    registry.write_new()
    return [a.id for a in volume.articles]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def volume(tmp_path) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(RU, raw / "volume.txt")
    shutil.copy(next(SAMPLE.glob("*.txt")), raw / "sample.txt")
    return raw


def test_without_an_ids_file_ids_come_from_titles_and_lines():
    assert [a.id for a in extract_volume(SAMPLE, do_enrich=False).articles] == [
        "000-02ec53893fe1c391-1", "000-02ec53893fe1c391-26", "000-02ec53893fe1c391-309"]
    assert [a.id for a in extract_volume(RU, do_enrich=False).articles] == [
        "izbiratelnaia-reforma-v-respublike-kazakhstan", "mestnoe-samoupravlenie-i-vybory-akimov"]


def test_corrections_never_move_an_article(volume, tmp_path):
    ids = tmp_path / "ids.yml"
    first = build_ids(volume, ids)
    recorded = ids.read_text(encoding="utf-8")
    assert recorded.startswith(HEADER) and all(f"\n{i}:\n" in recorded for i in first)
    # One word of a title fixed, a title line added to an untitled article, four lines added
    # above others: without the ids file each of these changes an id.
    edit(volume / "volume.txt", "ВЫБОРЫ АКИМОВ", "ВЫБОРЫ СЕЛЬСКИХ АКИМОВ")
    edit(volume / "sample.txt", " Аннотация  \n\nЕвропейский",
         "ЕВРОПЕЙСКИЙ СОЮЗ И МЯГКАЯ СИЛА\n\n Аннотация  \n\nЕвропейский")
    edit(volume / "sample.txt", " реформы, которая", "Редакция.\n\nВведение.\n\n реформы, которая")
    derived = [a.id for a in extract_volume(volume, do_enrich=False).articles]
    assert derived != first
    assert build_ids(volume, ids) == first
    assert ids.read_text(encoding="utf-8") == recorded  # nothing new: nothing appended
    # A corrections entry made for the first ids still applies.
    fixes = tmp_path / "corrections.yml"
    fixes.write_text(yaml.safe_dump({"articles": {first[-1]: {"title": "Т"}}}), encoding="utf-8")
    v = extract_volume(volume, ids=ids, corrections=fixes, do_enrich=False)
    assert v.article(first[-1]).title == "Т"


def test_a_new_article_gets_a_new_id_and_an_entry_after_the_editors(volume, tmp_path):
    ids = tmp_path / "ids.yml"
    first = build_ids(volume, ids)
    edit(ids, "# Delete an entry", "# Our own note, kept.\n# Delete an entry")
    kept = ids.read_text(encoding="utf-8")
    # A split that makes a new article in the middle of the sample.
    fixes = tmp_path / "corrections.yml"
    fixes.write_text("split_at:\n  - {source: sample.txt, line: 120}\n", encoding="utf-8")
    now = build_ids(volume, ids, corrections=fixes)
    assert len(now) == len(first) + 1
    new = [i for i in now if i not in first]
    assert len(new) == 1 and [i for i in now if i != new[0]] == first
    text = ids.read_text(encoding="utf-8")
    assert text.startswith(kept) and text[len(kept):].startswith(f"{new[0]}:\n")
    assert yaml.safe_load(text)[new[0]]["lines"][0] == 120


def test_an_address_is_never_given_twice(volume, tmp_path):
    ids = tmp_path / "ids.yml"
    first = build_ids(volume, ids)
    old, other = "izbiratelnaia-reforma-v-respublike-kazakhstan", first[-1]
    assert first[-2:] == [old, other]
    # The editor gives an article a new address and deletes another's entry, whose article now
    # has the first one's old title: it gets a new id, not the first one's old address.
    edit(ids, f"{old}:\n", f"{old}:\n  id: reforma\n")
    text = ids.read_text(encoding="utf-8")
    ids.write_text(text[:text.index(f"\n{other}:\n") + 1], encoding="utf-8")
    edit(volume / "volume.txt", "МЕСТНОЕ САМОУПРАВЛЕНИЕ И ВЫБОРЫ АКИМОВ",
         "ИЗБИРАТЕЛЬНАЯ РЕФОРМА В РЕСПУБЛИКЕ КАЗАХСТАН")
    assert build_ids(volume, ids) == [*first[:-2], "reforma", f"{old}-2"]


def test_renamed_and_merged_articles_leave_a_redirect(project):
    run_jinaq("build", cwd=project)
    ids_file = project / "content" / "ids.yml"
    first = list(yaml.safe_load(ids_file.read_text(encoding="utf-8")))
    edit(ids_file, f"{first[2]}:\n", f"{first[2]}:\n  id: evropeiskii-soiuz\n")
    (project / "content" / "corrections.yml").write_text(
        f"merge:\n  - [{first[0]}, {first[1]}]\n", encoding="utf-8")
    run_jinaq("build", cwd=project)
    site = project / "site"
    model = json.loads((site / "volume.json").read_text(encoding="utf-8"))
    assert [a["id"] for a in model["articles"]] == [first[0], "evropeiskii-soiuz"]
    assert model["redirects"] == {first[1]: first[0], first[2]: "evropeiskii-soiuz"}
    page = (site / "articles" / f"{first[2]}.html").read_text(encoding="utf-8")
    assert re.search(r'http-equiv="refresh" content="0; url=evropeiskii-soiuz\.html"', page)
    assert 'url=' + first[0] + '.html"' in (site / "articles" / f"{first[1]}.html").read_text(
        encoding="utf-8")
    assert (site / "articles" / "evropeiskii-soiuz.html").read_text(
        encoding="utf-8").count("Европейский Союз") >= 1


def test_same_input_and_ids_file_build_the_same_site(project):
    """The first build records the ids; the second reads them: byte-identical sites."""
    (project / "content" / "ids.yml").unlink(missing_ok=True)
    run_jinaq("build", "--no-cache", cwd=project)
    recorded = (project / "content" / "ids.yml").read_bytes()
    first = {p.relative_to(project / "site"): p.read_bytes()
             for p in (project / "site").rglob("*") if p.is_file()}
    run_jinaq("build", "--no-cache", cwd=project)
    second = {p.relative_to(project / "site"): p.read_bytes()
              for p in (project / "site").rglob("*") if p.is_file()}
    assert (project / "content" / "ids.yml").read_bytes() == recorded
    assert first.keys() == second.keys()
    assert [p for p in first if first[p] != second[p]] == []


def test_extract_reads_an_ids_file_but_never_writes_it(volume, tmp_path):
    ids = tmp_path / "ids.yml"
    first = build_ids(volume, ids)
    edit(ids, f"{first[0]}:\n", f"{first[0]}:\n  id: renamed\n")
    before = ids.read_bytes()
    edit(volume / "volume.txt", "УДК 352.07", "УДК 352.07\nНОВАЯ СТАТЬЯ\nЛогинов А.А.\n"
         "Аннотация. Короткая статья.\nТекст новой статьи о выборах 2020 года.\nУДК 352.08")
    out = run_jinaq("extract", str(volume), "--ids", str(ids), "--format", "summary").stdout
    assert out.split("\n")[0].startswith("renamed\t")
    assert ids.read_bytes() == before


@pytest.mark.parametrize("text,line,words", [
    ("a:\n  source: x.txt\nb:\n  id: a\n", 3, "also that of 'a'"),
    ("a:\n  id: Not Plain\n", 2, "not a plain id"),
    ("a:\n  sorce: x.txt\n", 2, "did you mean 'source'?"),
    ("a:\n  lines: [1]\nb: {}\na: {}\n", 4, "listed twice"),
    ("a:\n  sketch: zz\n", 2, "written by the build"),
    ("a: [1\n", 1, "YAML"),
])
def test_ids_file_errors_name_the_line(tmp_path, text, line, words):
    ids = tmp_path / "ids.yml"
    ids.write_text(text, encoding="utf-8")
    with pytest.raises(JinaqError) as e:
        extract_volume(RU, ids=ids, do_enrich=False)
    assert f"ids.yml:{line}:" in str(e.value) and words in str(e.value)


def test_another_volume_is_not_recorded_in_the_projects_ids_file(project, tmp_path):
    """`jinaq build OTHER` (a benchmark, a look at another volume) keeps content/ids.yml as it
    is; `--ids FILE` records that volume's ids in FILE."""
    ids_file = project / "content" / "ids.yml"
    before = ids_file.read_bytes()
    run_jinaq("build", str(RU), "--site-dir", str(tmp_path / "site"), "--no-articles",
              cwd=project)
    assert ids_file.read_bytes() == before
    own = tmp_path / "ru-ids.yml"
    run_jinaq("build", str(RU), "--ids", str(own), "--site-dir", str(tmp_path / "site"),
              "--no-articles", cwd=project)
    assert list(yaml.safe_load(own.read_text(encoding="utf-8"))) == [
        "izbiratelnaia-reforma-v-respublike-kazakhstan", "mestnoe-samoupravlenie-i-vybory-akimov"]
    assert ids_file.read_bytes() == before


def test_ids_follow_the_text_not_the_lines(tmp_path):
    """Two articles swapped in the volume keep their ids: recognised by text, not position."""
    raw = tmp_path / "raw"
    raw.mkdir()
    text = RU.read_text(encoding="utf-8")
    (raw / "v.txt").write_text(text, encoding="utf-8")
    ids = tmp_path / "ids.yml"
    first = build_ids(raw, ids)
    cut = text.index("УДК 352.07")
    (raw / "v.txt").write_text(text[cut:] + text[:cut], encoding="utf-8")
    volume = extract_volume(raw, ids=ids, do_enrich=False)
    assert [a.id for a in volume.articles] == first[::-1]
    assert volume.articles[0].title == "МЕСТНОЕ САМОУПРАВЛЕНИЕ И ВЫБОРЫ АКИМОВ"


THIRD = """УДК 336.1
БЮДЖЕТНАЯ ПРОЗРАЧНОСТЬ РЕГИОНОВ
Ахметова Д.К.
Университет Нархоз, г. Алматы, Казахстан
Аннотация. Рассматривается публикация бюджетных данных областями.
Ключевые слова: бюджет, открытые данные.
Порталы открытого бюджета областей заработали в 2019 году, их посещаемость росла медленно.
Список литературы
1. Обзор открытого бюджета 2021. – Вашингтон, 2022. – 120 с.
"""


def test_a_rewritten_article_keeps_its_place_and_id(tmp_path):
    """Its title and text replaced, an article between two recognised ones keeps its id."""
    raw = tmp_path / "raw"
    raw.mkdir()
    text = RU.read_text(encoding="utf-8")
    (raw / "v.txt").write_text(text + THIRD, encoding="utf-8")
    ids = tmp_path / "ids.yml"
    first = build_ids(raw, ids)
    assert len(first) == 3
    start, end = text.index("МЕСТНОЕ САМОУПРАВЛЕНИЕ"), text.index("Список литературы\n1. Нурланов")
    rewritten = ("ГОРОДСКИЕ ФИНАНСЫ И ПАРТИСИПАТОРНОЕ БЮДЖЕТИРОВАНИЕ\nОмаров Б.Б.\n"
                 "Южно-Казахстанский университет, г. Шымкент, Казахстан\n"
                 "Аннотация. Обсуждается участие жителей в распределении городского бюджета.\n"
                 "Ключевые слова: бюджет участия, город.\n"
                 "Проекты жителей Шымкента впервые получили финансирование в 2020 году.\n")
    (raw / "v.txt").write_text(text[:start] + rewritten + text[end:] + THIRD, encoding="utf-8")
    derived = [a.id for a in extract_volume(raw, do_enrich=False).articles]
    assert derived[1] != first[1]
    assert build_ids(raw, ids) == first


def test_a_build_cache_keeps_the_parsed_ids_file_until_it_changes(tmp_path, monkeypatch):
    import generator.ingest.ids as ids
    from generator.pipeline import BuildCache

    path = tmp_path / "ids.yml"
    path.write_text("a-title:\n  source: v.txt\n  lines: [1, 9]\n", encoding="utf-8")
    cache = BuildCache()
    first = ids.IdRegistry.load(path, memo=cache.ids)
    cache.save(tmp_path / "cache.pickle")
    kept = BuildCache.load(tmp_path / "cache.pickle")
    parsed = []
    real = ids._parse
    monkeypatch.setattr(ids, "_parse", lambda text, p: parsed.append(p) or real(text, p))
    again = ids.IdRegistry.load(path, memo=kept.ids)
    assert parsed == [] and [e.key for e in again.entries] == [e.key for e in first.entries]
    path.write_text("b-title:\n  source: v.txt\n  lines: [1, 9]\n", encoding="utf-8")
    assert [e.key for e in ids.IdRegistry.load(path, memo=kept.ids).entries] == ["b-title"]
    assert parsed == [str(path)]


def test_a_rebuild_sketches_only_the_edited_article_and_keeps_no_old_sketch(volume, tmp_path,
                                                                            monkeypatch):
    import generator.ingest.ids as ids

    path, memo = tmp_path / "ids.yml", ids.IdsMemo()
    registry = IdRegistry.load(path, memo=memo)
    articles = extract_volume(volume, ids=registry, do_enrich=False).articles
    registry.write_new()
    assert len(memo.sketches) == len(articles)  # one per article's text
    made = []
    real = ids.sketch
    monkeypatch.setattr(ids, "sketch", lambda words: made.append(words) or real(words))
    a = articles[len(articles) // 2]
    raw = volume / a.source
    for word in ("бір", "екі"):  # (each edit leaves the last one's sketch behind)
        lines = raw.read_text(encoding="utf-8").split("\n")
        n = max(i for i in range(a.lines[0] - 1, a.lines[1]) if len(lines[i]) > 40)
        lines[n] += f" {word}"
        raw.write_text("\n".join(lines), encoding="utf-8")
        registry = IdRegistry.load(path, memo=memo)
        again = extract_volume(volume, ids=registry, do_enrich=False).articles
        assert [x.id for x in again] == [x.id for x in articles]
        assert len(made) == 1 and len(memo.sketches) == len(articles)
        made.clear()
