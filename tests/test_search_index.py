"""The search index writer: files, normalisation, stems, glossary data, determinism."""
from __future__ import annotations

import base64
import gzip
import json
import re
from pathlib import Path

import pytest
import yaml

from generator.language import morphology, textutil
from generator.model import GlossaryEntry
from generator.publish.search import (SearchDoc, build_index, decode_varints, stems, tokens,
                                      unpack_list)

FIXTURE = Path(__file__).parent / "fixtures" / "search" / "docs.yml"


def load_fixture() -> tuple[list[SearchDoc], list[GlossaryEntry], dict[str, list[str]]]:
    data = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
    docs = [SearchDoc(**d) for d in data["docs"]]
    glossary = [GlossaryEntry(**g) for g in data["glossary"]]
    return docs, glossary, data.get("people") or {}


def read_parts(out: Path) -> list[dict]:
    """The objects the shards push onto self.__jinaqIndex, in manifest order."""
    manifest = json.loads(re.fullmatch(r"self\.__jinaqManifest=(.*);\n",
                                       (out / "jinaq-manifest.js").read_text("utf-8")).group(1))
    parts = []
    for name in manifest["shards"]:
        body = (out / name).read_text("utf-8")
        m = re.fullmatch(r"\(self\.__jinaqIndex=self\.__jinaqIndex\|\|\[\]\)\.push\((.*)\);\n",
                         body, re.S)
        parts.append(json.loads(m.group(1)))
    return parts


class Index:
    """Decoded view of a written index, for assertions."""

    def __init__(self, out: Path):
        parts = read_parts(out)
        self.meta = next(p for p in parts if p["part"] == "meta")
        self.terms: list[str] = []
        self.postings: list[str] = []
        for p in sorted((p for p in parts if p["part"] == "terms"), key=lambda p: p["first"]):
            assert p["first"] == len(self.terms)
            self.terms += unpack_list(p["terms"], p["count"])
            self.postings += unpack_list(p["postings"], p["count"])
        self.stems: dict[str, str] = {}
        for p in parts:
            if p["part"] == "stems":
                self.stems.update(zip(unpack_list(p["stems"], p["count"]),
                                      unpack_list(p["terms"], p["count"]), strict=True))
        self.locations = [d[0] for d in self.meta["docs"]]

    def docs_of(self, term: str) -> dict[str, int]:
        """location -> weight for a surface term."""
        nums = decode_varints(self.postings[self.terms.index(term)])
        out, doc = {}, 0
        for delta, weight in zip(nums[::2], nums[1::2]):
            doc += delta
            out[self.locations[doc]] = weight
        return out

    def terms_of_stem(self, stem: str) -> list[str]:
        ids, i = [], 0
        for delta in decode_varints(self.stems.get(stem, "")):
            i += delta
            ids.append(self.terms[i])
        return ids


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("site") / "search"
    docs, glossary, people = load_fixture()
    summary = build_index(docs, out, glossary, people)
    return out, summary


def test_writes_manifest_shards_and_texts(built):
    out, summary = built
    assert summary["docs"] == 6
    for name in summary["files"]:
        assert (out / name).is_file(), name
    # Each text file packs its document's display text (look-alikes fixed), gzip in base64.
    packed = re.fullmatch(r'self\.__jinaqTextGz\(0,"([A-Za-z0-9+/=]+)"\);\n',
                          (out / "text" / "0.js").read_text("utf-8"))
    assert packed, "text/0.js is not one packed text"
    text = gzip.decompress(base64.b64decode(packed.group(1))).decode("utf-8")
    assert text == textutil.fix_lookalikes(load_fixture()[0][0].text)[0]
    assert summary["bytes"] == sum((out / f).stat().st_size for f in summary["files"])


def test_files_are_utf8_without_unicode_escapes(built):
    out, summary = built
    for name in summary["files"]:
        text = (out / name).read_text("utf-8")
        assert "\\u" not in text, name
    assert "сайлау" in "".join((out / n).read_text("utf-8") for n in summary["files"])


def test_latin_lookalikes_are_indexed_as_cyrillic(built):
    index = Index(built[0])
    assert "мәселелеріне" in index.terms          # the fixture writes it with Latin ə
    assert not any("ə" in t for t in index.terms)
    assert "articles/kk-reform.html" in index.docs_of("мәселелеріне")


def test_terms_are_sorted_as_javascript_compares_strings(built):
    terms = Index(built[0]).terms
    assert terms == sorted(terms, key=lambda s: s.encode("utf-16-be"))
    assert len(terms) == len(set(terms))


def test_stem_index_joins_inflected_forms(built):
    index = Index(built[0])
    key = morphology.kk_stem("реформаларды")
    assert {"реформалар", "реформа"} <= set(index.terms_of_stem(key))
    ru_key = morphology.ru_stem("мягкая")
    assert "мягкой" in index.terms_of_stem(ru_key)


def test_stems_use_kazakh_rules_only_for_kazakh_letters():
    assert stems("жүйесі") == [morphology.kk_stem("жүйесі")]
    both = stems("выборы")
    assert morphology.ru_stem("выборы") in both
    assert stems("reforms") == ["reform"]
    assert stems("2022") == []


def test_title_and_people_terms_weigh_more_than_body(built):
    index = Index(built[0])
    # "выборы" is in the title and the body of ru-elections, only in the glossary data elsewhere.
    assert index.docs_of("выборы")["articles/ru-elections.html"] > 10
    assert index.docs_of("демократии")["articles/ru-elections.html"] == 1
    assert "articles/kk-reform.html" in index.docs_of("tursynbayeva")
    assert index.docs_of("tursynbayeva")["articles/kk-reform.html"] >= 8


def test_glossary_pairs_are_exported_for_cross_language_expansion(built):
    glossary = Index(built[0]).meta["glossary"]
    assert {"kk": [["сайлау"]], "ru": [["выборы"]], "en": [["elections"]]} in glossary
    assert {"kk": [["сайлау", "жүйесі"]], "ru": [["избирательная", "система"]],
            "en": [["electoral", "system"]]} in glossary


def test_kazakh_rules_and_lookalike_table_travel_with_the_index(built):
    meta = Index(built[0]).meta
    assert meta["lookalikes"]["ə"] == "ә"
    assert meta["kk_rules"]["suffixes"]
    assert meta["docs"][0][:5] == ["articles/kk-reform.html", "Жергілікті басқарудағы өзгерістер",
                                  "Асанова Г.Б.", "kk", "article"]


def test_tokens_split_on_punctuation_and_hyphens():
    assert tokens("Өзін-өзі басқару, ЁЛКА_2022!") == ["өзін", "өзі", "басқару", "елка", "2022"]


def test_output_is_deterministic(tmp_path):
    docs, glossary, people = load_fixture()
    a = build_index(docs, tmp_path / "a", glossary, people)
    b = build_index(docs, tmp_path / "b", glossary, people)
    assert a["files"] == b["files"]
    for name in a["files"]:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_material_stub_keeps_the_search_plugin_config(tmp_path):
    from generator.site import compat

    out = tmp_path / "search"
    out.mkdir()
    config = {"lang": ["ru"], "separator": "[\\s]+", "pipeline": ["stemmer"], "fields": {}}
    (out / "search_index.json").write_text(json.dumps({"config": config, "docs": [{"x": 1}]}))
    compat.write_material_search_stub(out)
    assert json.loads((out / "search_index.json").read_text("utf-8")) == {"config": config,
                                                                           "docs": []}
    assert (out / "search_index.js").read_text("utf-8").startswith("var __index = ")


def test_large_index_is_sharded(tmp_path, monkeypatch):
    import generator.publish.search as search

    monkeypatch.setattr(search, "SHARD_CHARS", 200)
    docs, glossary, people = load_fixture()
    build_index(docs, tmp_path, glossary, people)
    parts = read_parts(tmp_path)
    assert sum(p["part"] == "terms" for p in parts) > 1
    index = Index(tmp_path)
    assert "articles/ru-eu.html" in index.docs_of("мягкой")


def test_a_memo_analyses_only_changed_documents_and_changes_no_byte(tmp_path, monkeypatch):
    import dataclasses

    import generator.publish.search as search

    docs, glossary, people = load_fixture()
    memo = search.IndexMemo()
    build_index(docs, tmp_path / "first", glossary, people, memo=memo)
    assert len(memo.docs) == len(docs) and memo.stems
    # One document edited: a new word in its text, and its title
    edited = list(docs)
    edited[1] = dataclasses.replace(docs[1], text=docs[1].text + " Жинақмемо",
                                    title=docs[1].title + " II")
    analysed = []
    real = search._doc_weights
    monkeypatch.setattr(search, "_doc_weights", lambda *a: analysed.append(a) or real(*a))
    with_memo = build_index(edited, tmp_path / "memo", glossary, people, memo=memo)
    assert len(analysed) == 1 and analysed[0][0].endswith(" II")
    fresh = build_index(edited, tmp_path / "fresh", glossary, people)
    assert with_memo["files"] == fresh["files"]
    for name in fresh["files"]:
        assert (tmp_path / "memo" / name).read_bytes() == (tmp_path / "fresh" / name).read_bytes()
    assert "жинақмемо" in Index(tmp_path / "memo").terms
    # The memo holds this index's documents only: the old version of the edited one is gone
    assert len(memo.docs) == len(docs)


def test_a_memo_patches_the_postings_of_moved_terms_only_and_changes_no_byte(tmp_path,
                                                                            monkeypatch):
    import dataclasses

    import generator.publish.search as search

    docs, glossary, people = load_fixture()
    monkeypatch.setattr(search, "PATCH_SHARE", 0.5)  # (a small fixture: one document is much)
    memo = search.IndexMemo()
    build_index(docs, tmp_path / "first", glossary, people, memo=memo)
    all_terms = len(memo.terms)
    first_stems = memo.stem_shards
    encoded = []
    real = search._encode_postings
    monkeypatch.setattr(search, "_encode_postings",
                        lambda pairs: encoded.append(1) or real(pairs))
    last = docs[-1]
    steps = [
        # a word replaced by a new one: its term goes, another comes
        ("edited", [*docs[:1], dataclasses.replace(
            docs[1], text=docs[1].text.replace(docs[1].text.split()[0], "Патчсөз", 1)),
            *docs[2:]]),
        ("a word repeated", [*docs[:1], dataclasses.replace(
            docs[1], text=docs[1].text + " " + docs[1].text.split()[-1]), *docs[2:]]),
        ("the last gone", docs[:-1]),
        ("one added at the end", [*docs, dataclasses.replace(last, location="x.html",
                                                            text=last.text + " Жаңасөз")]),
        ("unchanged", [*docs, dataclasses.replace(last, location="x.html",
                                                  text=last.text + " Жаңасөз")]),
    ]
    for n, (what, version) in enumerate(steps):
        encoded.clear()
        out = tmp_path / f"step{n}"
        with_memo = build_index(version, out, glossary, people, memo=memo)
        assert 0 < len(encoded) < all_terms / 2 or what == "unchanged" and not encoded, what
        monkeypatch.setattr(search, "_encode_postings", real)
        fresh = build_index(version, tmp_path / f"fresh{n}", glossary, people)
        monkeypatch.setattr(search, "_encode_postings",
                            lambda pairs: encoded.append(1) or real(pairs))
        assert with_memo == fresh
        for name in fresh["files"]:
            assert (out / name).read_bytes() == (tmp_path / f"fresh{n}" / name).read_bytes(), \
                (what, name)
    assert "патчсөз" in Index(tmp_path / "step0").terms
    assert memo.stem_shards is not first_stems  # (terms came and went: stems made again)


def test_large_numbers_are_written_the_same_with_or_without_the_table():
    import generator.publish.search as search

    pairs = [(3, 10), (1030, 1), (1031, 40000), (70000, 1024)]
    assert decode_varints(search._encode_postings(pairs)) == [3, 10, 1027, 1, 1, 40000,
                                                              68969, 1024]


def test_a_terms_weight_sums_its_fields_and_caps_the_bodys_repetitions():
    from generator.publish.search import FIELD_WEIGHTS, MAX_TEXT_TF, _doc_weights

    body = " ".join(["сайлау"] * (MAX_TEXT_TF + 5) + ["реформа", "Реформа", "мәслихат"])
    weights, length = _doc_weights("Сайлау реформасы", "Бекова", body)
    assert weights["сайлау"] == FIELD_WEIGHTS["title"] + MAX_TEXT_TF * FIELD_WEIGHTS["text"]
    assert weights["реформа"] == 2 * FIELD_WEIGHTS["text"]  # one term in either case
    assert weights["бекова"] == FIELD_WEIGHTS["authors"]
    assert list(weights) == ["сайлау", "реформасы", "бекова", "реформа", "мәслихат"]  # first seen
    assert length == 2 + 1 + MAX_TEXT_TF + 5 + 3
