"""The search worker's engine under node, on an index built by generator.publish.search."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import snowballstemmer
import yaml

from generator.publish.search import build_index, stems, tokens
from test_search_index import load_fixture

ROOT = Path(__file__).resolve().parent.parent
WORKER = ROOT / "theme_overrides" / "assets" / "javascripts" / "search" / "worker.js"
STEMMER = ROOT / "theme_overrides" / "assets" / "vendor" / "snowball-stemmers" / "snowball-stemmers.js"
RUNNER = Path(__file__).parent / "fixtures" / "search" / "run_engine.js"
WORDS = Path(__file__).parent / "fixtures" / "search" / "words.yml"

pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site") / "search"
    docs, glossary, people = load_fixture()
    build_index(docs, out, glossary, people)
    return out


def run_node(index_dir: Path, request: dict, lang: str = "kk") -> dict:
    proc = subprocess.run(["node", str(RUNNER), str(WORKER), str(STEMMER), str(index_dir), lang],
                          input=json.dumps(request, ensure_ascii=False), capture_output=True,
                          text=True, encoding="utf-8", check=True, timeout=120)
    return json.loads(proc.stdout)


def search(index_dir: Path, *queries: str, lang: str = "kk") -> dict[str, list[dict]]:
    return run_node(index_dir, {"queries": list(queries)}, lang)["results"]


def page(item: dict) -> str:
    """A result's page, without the word forms its link passes on (?h=…)."""
    return item["location"].split("?")[0]


def highlighted(item: dict) -> set[str]:
    """The word forms a result's link asks the article page to mark."""
    from urllib.parse import parse_qs, urlsplit

    return set(parse_qs(urlsplit(item["location"]).query).get("h", [""])[0].split())


def locations(items: list[dict]) -> list[str]:
    return [page(i) for i in items]


def test_inflected_kazakh_query_finds_other_form(index_dir):
    items = search(index_dir, "реформаларды")["реформаларды"]
    assert "articles/kk-reform.html" in locations(items)
    top = next(i for i in items if page(i) == "articles/kk-reform.html")
    assert "<mark>реформалар</mark>" in top["text"]
    # the article page marks the form its text has, not only the typed one
    assert "реформалар" in highlighted(top) and "реформаларды" not in highlighted(top)


def test_cyrillic_query_finds_text_written_with_latin_schwa(index_dir):
    items = search(index_dir, "мәселелеріне")["мәселелеріне"]
    assert locations(items)[0] == "articles/kk-reform.html"
    assert "<mark>мәселелеріне</mark>" in items[0]["text"]


def test_latin_schwa_query_is_normalised_too(index_dir):
    assert locations(search(index_dir, "мəселелеріне")["мəселелеріне"])[0] == \
        "articles/kk-reform.html"


def test_russian_phrase_matches_other_inflection_side_by_side(index_dir):
    # ru-power has "сила" and "мягкая" exactly but apart; ru-eu has "мягкой силы" together.
    items = search(index_dir, "мягкая сила")["мягкая сила"]
    assert locations(items)[:2] == ["articles/ru-eu.html", "articles/ru-power.html"]
    assert "<mark>мягкой</mark> <mark>силы</mark>" in items[0]["text"]
    assert items[0]["terms"] == {"мягкая": True, "сила": True}


def test_cross_language_match_ranks_below_direct_match(index_dir):
    items = search(index_dir, "выборы")["выборы"]
    assert locations(items)[:2] == ["articles/ru-elections.html", "articles/kk-reform.html"]
    assert items[0]["score"] > items[1]["score"]
    assert "<mark>Сайлау</mark>" in items[1]["text"]
    assert "Сөздік бойынша: выборы → сайлау" in items[1]["text"]
    # a cross-language hit marks the glossary translation on the Kazakh page
    assert "сайлау" in highlighted(items[1]) and "выборы" not in highlighted(items[1])


def test_glossary_note_follows_page_language(index_dir):
    items = search(index_dir, "выборы", lang="ru")["выборы"]
    assert "По глоссарию" in items[1]["text"]


def test_exact_match_ranks_above_stemmed(index_dir):
    # "реформа" is written as such in kk-history, only inflected (реформалар) in kk-reform.
    items = search(index_dir, "реформа")["реформа"]
    assert locations(items)[:2] == ["articles/kk-history.html", "articles/kk-reform.html"]


def test_prefix_of_a_word_being_typed_matches(index_dir):
    assert "articles/kk-reform.html" in locations(search(index_dir, "сайлаушы")["сайлаушы"])
    assert locations(search(index_dir, "демокр")["демокр"]) == ["articles/ru-elections.html"]


def test_people_terms_find_the_article(index_dir):
    assert locations(search(index_dir, "Tursynbayeva")["Tursynbayeva"]) == \
        ["articles/kk-reform.html"]


def test_results_have_materials_shape_and_escape_html(index_dir):
    results = search(index_dir, "", "<script>", "жоқсөзззз")
    assert results[""] == [] and results["жоқсөзззз"] == []
    items = search(index_dir, "Выборы")["Выборы"]
    item = items[0]
    assert set(item) == {"location", "title", "text", "score", "terms"}
    assert item["title"] == "<mark>Выборы</mark> и общество"
    assert "Петров И.И." in item["text"]


def test_missing_query_words_are_reported_to_material(index_dir):
    items = search(index_dir, "мягкая экономика")["мягкая экономика"]
    eu = next(i for i in items if page(i) == "articles/ru-eu.html")
    assert eu["terms"] == {"мягкая": True, "экономика": False}


def test_js_tokens_and_stems_equal_python(index_dir):
    words = yaml.safe_load(WORDS.read_text(encoding="utf-8"))
    docs, _, _ = load_fixture()
    texts = [d.text for d in docs] + ["Cондай-ақ «Қаңтар» ЁЛКА мəселелері No 157"]
    vocab = sorted({t for text in texts for t in tokens(text)} | set(words["kk"]))
    vocab = sorted({t for w in vocab for t in tokens(w)})
    out = run_node(index_dir, {"tokens": texts, "stems": vocab})
    assert out["tokens"] == [tokens(t) for t in texts]
    assert dict(zip(vocab, out["stems"])) == {w: stems(w) for w in vocab}


def test_vendored_snowball_equals_python_snowball(index_dir):
    import pymorphy3

    words = yaml.safe_load(WORDS.read_text(encoding="utf-8"))
    morph = pymorphy3.MorphAnalyzer()
    ru = sorted({f.word.replace("ё", "е") for lemma in words["ru_lemmas"]
                 for f in morph.parse(lemma)[0].lexeme})
    assert len(ru) > 200
    out = run_node(index_dir, {"snowball": {"russian": ru, "porter": words["en"]}})
    py_ru = snowballstemmer.stemmer("russian").stemWords(ru)
    py_en = snowballstemmer.stemmer("porter").stemWords(words["en"])
    assert dict(zip(ru, out["snowball"]["russian"])) == dict(zip(ru, py_ru))
    assert dict(zip(words["en"], out["snowball"]["porter"])) == dict(zip(words["en"], py_en))


QUERIES = ("реформаларды", "мәселелеріне", "Выборы", "мягкая экономика", "сайлаушы", "демокр",
           "Tursynbayeva", "реформа")


def test_an_index_cut_into_many_shards_answers_as_one_in_a_shard(index_dir, tmp_path,
                                                                 monkeypatch):
    import generator.publish.search as search_index

    monkeypatch.setattr(search_index, "SHARD_CHARS", 60)  # a few terms or stems per shard
    docs, glossary, people = load_fixture()
    build_index(docs, tmp_path, glossary, people)
    shards = json.loads((tmp_path / "jinaq-manifest.js").read_text("utf-8")
                        .removeprefix("self.__jinaqManifest=").rstrip(";\n"))["shards"]
    assert len(shards) > 20
    whole = search(index_dir, *QUERIES)
    assert all(whole[q] for q in QUERIES)
    assert search(tmp_path, *QUERIES) == whole


def test_the_worker_reads_the_index_version_the_writer_writes(index_dir, tmp_path):
    import re

    from generator.publish.search import INDEX_VERSION

    source = WORKER.read_text("utf-8")
    assert int(re.search(r"var INDEX_VERSION = (\d+)", source).group(1)) == INDEX_VERSION
    # an index of another version is refused rather than misread
    shutil.copytree(index_dir, tmp_path / "old")
    meta = next(p for p in (tmp_path / "old").glob("jinaq-index-*.js")
                if '"part":"meta"' in p.read_text("utf-8"))
    meta.write_text(meta.read_text("utf-8").replace(f'"version":{INDEX_VERSION}',
                                                    f'"version":{INDEX_VERSION - 1}'), "utf-8")
    with pytest.raises(subprocess.CalledProcessError) as failed:
        search(tmp_path / "old", "реформа")
    assert "search index: version" in failed.value.stderr
