"""Citations and reference exports (generator/publish/cite.py) on small invented fixtures."""
from __future__ import annotations

import copy
import json
from pathlib import Path

import bibtexparser
import citeproc
import pytest
import rispy
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON

from generator.language.names import name_of
from generator.publish import cite





def by_id(articles, article_id):
    return next(a for a in articles if a["id"] == article_id)


# ---- names

@pytest.mark.parametrize("printed, family, given", [
    ("Сейітқали А.Б.", "Сейітқали", "А.Б."),
    ("А.Б. Сейітқали", "Сейітқали", "А.Б."),
    ("А. Б. Сейітқали", "Сейітқали", "А.Б."),
    ("Aigerim Bekova", "Bekova", "Aigerim"),
    ("Bekova, Aigerim", "Bekova", "Aigerim"),
    ("Петров Иван Иванович", "Петров", "Иван Иванович"),
    ("Иван Иванович Петров", "Петров", "Иван Иванович"),
    ("Ж.-Б. Қасым", "Қасым", "Ж.-Б."),
    ("Л.Н.Гумилев", "Гумилев", "Л.Н."),
])
def test_parse_name_splits_common_forms(printed, family, given):
    name = name_of(printed)
    assert (name.family, name.given_text()) == (family, given)
    assert name.csl() == {"family": family, "given": given}


@pytest.mark.parametrize("printed", ["Aigerim", "Айгерім Сейітқали", "Министрлік"])
def test_parse_name_keeps_unsplittable_forms_literal(printed):
    name = name_of(printed)
    assert name.family is None
    assert name.csl() == {"literal": printed}
    assert name.gost() == printed


def test_titles_around_a_name_are_not_cited():
    name = name_of("к.ф.н., доцент Иванов И.И.")
    assert name.gost() == "Иванов И.И." and name.csl() == {"family": "Иванов", "given": "И.И."}


def test_initials_for_gost_and_apa():
    assert name_of("Сейітқали Айгерім Бекқызы").gost() == "Сейітқали А.Б."
    assert name_of("Mary-Jane Watson").apa() == "Watson, M.-J."
    assert name_of("John Ronald Tolkien").apa() == "Tolkien, J. R."


# ---- text references

def test_gost_full_reference_kk(articles, volume):
    text = cite.gost(by_id(articles, "kk-reform"), volume)
    assert text == (
        "Сейітқали А.Б., Нұрланова Д.Е. Сайлау жүйесіндегі реформалар // Жас ғалымдар форумы : "
        "халықаралық ғылыми-тәжірибелік конференция материалдары (Астана, 2023 ж. 21 сәуір). – "
        "Астана : Ромашка, 2023. – Б. 3–14.")


def test_gost_ru_uses_russian_title_date_and_page_label(volume):
    article = {"id": "x", "language": "ru", "title": "Заглавие.", "pages": [7, 9],
               "authors": [{"name": "Иванов И.И."}]}
    assert cite.gost(article, volume) == (
        "Иванов И.И. Заглавие // Форум молодых учёных : материалы междунар. науч.-практ. конф. "
        "(Астана, 21 апреля 2023 г.). – Астана : Ромашка, 2023. – С. 7–9.")


def test_gost_omits_what_is_unknown():
    article = {"id": "x", "language": "ru", "title": None, "pages": [5, None],
               "authors": [{"name": "Иванов И.И."}]}
    assert cite.gost(article, {}) == "Иванов И.И. – С. 5."
    text = cite.gost(article, {"title": "Конф.", "date": "2021"})
    assert "None" not in text and "()" not in text
    assert text == "Иванов И.И. // Конф. (2021). – 2021. – С. 5."


def test_no_title_and_no_author_gives_no_reference(articles, volume):
    untitled = by_id(articles, "ru-untitled")
    assert cite.gost(untitled, volume) is None
    assert cite.apa(untitled, volume) is None
    assert cite.cite_text(untitled, volume) is None


def test_apa_for_english_articles(articles, volume):
    article = by_id(articles, "en-soft-power")
    expected = ("Bekova, A., & Smith, J. (2023). Soft power & the <EU>. In Т. С. Ержанов & M. Smith "
                "(Eds.), Young Scholars Forum (p. 15). Ромашка. "
                "https://example.org/forum/articles/en-soft-power.html")
    assert cite.apa(article, volume) == expected
    assert cite.cite_text(article, volume) == expected
    assert cite.cite_text(by_id(articles, "kk-reform"), volume) == cite.gost(by_id(articles, "kk-reform"), volume)


def test_apa_without_date_says_nd_and_prefers_doi(volume):
    article = {"id": "p1", "language": "en", "title": "On things", "authors": [{"name": "Ann Lee"}],
               "pages": None}
    meta = {"title": "Forum", "doi_prefix": "10.1234/forum"}
    assert cite.apa(article, meta) == "Lee, A. (n.d.). On things. In Forum. https://doi.org/10.1234/forum/p1"


def test_volume_fields_accept_plain_strings():
    article = {"id": "a", "language": "en", "title": "T", "authors": [{"name": "Ann Lee"}], "pages": [1, 2]}
    text = cite.apa(article, {"title": "Plain Title", "publisher": "Press", "date": "2020-05"})
    assert text == "Lee, A. (2020). T. In Plain Title (pp. 1–2). Press."


# ---- BibTeX

def test_bibtex_parses_back(articles, volume):
    library = bibtexparser.parse_string(cite.bibtex(articles, volume))
    assert not library.failed_blocks
    # ru-untitled has neither a title nor an author: no near-empty record (see test_readers.py)
    assert [e.key for e in library.entries] == ["kk-reform", "en-soft-power"]
    kk = library.entries[0]
    assert kk.entry_type == "inproceedings"
    assert kk["title"] == "Сайлау жүйесіндегі реформалар"
    assert kk["author"] == "Сейітқали, А.Б. and Нұрланова, Д.Е."
    assert kk["booktitle"] == "Жас ғалымдар форумы"
    assert kk["pages"] == "3--14"
    assert kk["year"] == "2023"
    assert kk["isbn"] == "978-601-0000-00-0"
    en = library.entries[1]
    assert en["title"] == r"Soft power \& the {<EU>}"  # a capital a style must keep


def test_bibtex_survives_unbalanced_braces_and_duplicate_ids(volume):
    arts = [{"id": "dup", "language": "en", "title": "Broken } title {", "authors": []},
            {"id": "dup", "language": "en", "title": "Second", "authors": []}]
    library = bibtexparser.parse_string(cite.bibtex(arts, volume))
    assert not library.failed_blocks
    assert [e.key for e in library.entries] == ["dup", "dup-2"]
    assert library.entries[0]["title"] == "Broken title"
    assert library.entries[1]["title"] == "Second"


# ---- RIS

def test_ris_parses_back(articles, volume):
    text = cite.ris(articles, volume)
    records = rispy.loads(text)
    assert [r["id"] for r in records] == ["kk-reform", "en-soft-power"]
    kk = records[0]
    assert kk["type_of_reference"] == "CPAPER"
    assert kk["authors"] == ["Сейітқали, А.Б.", "Нұрланова, Д.Е."]
    assert (kk["start_page"], kk["end_page"]) == ("3", "14")
    assert kk["secondary_title"] == "Жас ғалымдар форумы"
    assert kk["keywords"] == ["сайлау жүйесі", "реформа"]


def test_ris_lines_are_well_formed(articles, volume):
    lines = cite.ris(articles, volume).splitlines()
    tagged = [ln for ln in lines if ln]
    assert tagged[0] == "TY  - CPAPER" and tagged[-1].rstrip() == "ER  -"
    assert all(len(ln) >= 5 and ln[2:6] == "  - " for ln in tagged)
    assert sum(ln == "TY  - CPAPER" for ln in tagged) == 2  # not ru-untitled


def test_ris_keeps_multiline_text_on_one_line(volume):
    article = {"id": "m", "language": "en", "title": "A\ntitle", "abstract": "line one\nline two",
               "authors": []}
    records = rispy.loads(cite.ris([article], volume))
    assert records[0]["title"] == "A title"
    assert records[0]["abstract"] == "line one line two"


# ---- CSL-JSON

NAME_KEYS = {"family", "given", "literal", "dropping-particle", "non-dropping-particle", "suffix"}
STRING_KEYS = {"id", "type", "title", "container-title", "event-place", "publisher", "publisher-place",
               "page", "page-first", "language", "ISBN", "DOI", "URL", "keyword", "abstract"}


def check_csl_item(item: dict) -> None:
    """The parts of the CSL-JSON schema (csl-data.json) these items use."""
    assert isinstance(item["id"], str) and item["id"]
    assert item["type"] == "paper-conference"
    for key, value in item.items():
        if key in ("author", "editor"):
            assert value and all(isinstance(n, dict) and n and set(n) <= NAME_KEYS for n in value)
            assert all(isinstance(v, str) and v for n in value for v in n.values())
        elif key == "issued":
            parts = value["date-parts"]
            assert len(parts) == 1 and 1 <= len(parts[0]) <= 3
            assert all(isinstance(p, int) for p in parts[0])
        else:
            assert key in STRING_KEYS, key
            assert isinstance(value, str) and value


def test_csl_json_items(articles, volume):
    items = cite.csl_json(articles, volume)
    for item in items:
        check_csl_item(item)
    kk = items[0]
    assert kk["author"] == [{"family": "Сейітқали", "given": "А.Б."}, {"family": "Нұрланова", "given": "Д.Е."}]
    assert kk["issued"] == {"date-parts": [[2023, 4, 21]]}
    assert kk["page"] == "3-14"
    assert kk["container-title"] == "Жас ғалымдар форумы"
    assert kk["ISBN"] == "978-601-0000-00-0"
    assert [i["id"] for i in items] == ["kk-reform", "en-soft-power"]  # not ru-untitled
    assert json.loads(cite.csl_json_text(articles, volume)) == items


def test_csl_json_is_read_by_a_csl_processor(articles, volume):
    items = json.loads(cite.csl_json_text(articles, volume))
    style_path = Path(citeproc.__file__).parent / "data" / "styles" / "harvard-cite-them-right.csl"
    style = CitationStylesStyle(str(style_path), validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    rendered = [str(entry) for entry in bibliography.bibliography()]
    assert any("Bekova, A. and Smith, J. (2023)" in r and "Soft power" in r for r in rendered)
    assert any("Сейітқали, А.Б." in r and "pp. 3–14" in r for r in rendered)


def test_missing_volume_fields_are_omitted_everywhere(articles):
    article = copy.deepcopy(articles[0])
    assert set(cite.csl_item(article, {})) == {"id", "type", "title", "author", "page", "page-first",
                                               "language", "keyword", "abstract"}
    entry = bibtexparser.parse_string(cite.bibtex([article], {})).entries[0]
    assert not {"booktitle", "year", "publisher", "url", "isbn"} & set(entry.fields_dict)


def test_yaml_date_object_and_string_agree(articles, volume):
    as_text = dict(volume, date="2023-04-21")
    assert cite.csl_json(articles, volume) == cite.csl_json(articles, as_text)
    assert cite.bibtex(articles, volume) == cite.bibtex(articles, as_text)
