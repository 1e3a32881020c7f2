"""One Name per printed name (generator/language/names.py): the author index, the citations
(ГОСТ, APA, BibTeX, RIS, CSL-JSON) and the Google Scholar tags agree on the family name and
keep every initial, whatever form the volume prints the name in."""
from __future__ import annotations

import bibtexparser
import pytest
import rispy

from generator.enrich.people import build_people
from generator.language.names import name_of, parse_name
from generator.model import Article, Author
from generator.pages.paging import letter_slug
from generator.pages.people_pages import index_letter, render_people_pages
from generator.publish import cite, scholar

VOLUME = {"title": {"kk": "Жинақ"}, "date": "2023-04-21", "place": "Астана"}

# printed -> (family, given as a citation prints it, ГОСТ form, APA form)
FORMS = {
    "Айгерім Бекова": ("Бекова", "Айгерім", "Бекова А.", "Бекова, А."),
    "Бекова А.Б.": ("Бекова", "А.Б.", "Бекова А.Б.", "Бекова, А. Б."),
    "А.Б. Бекова": ("Бекова", "А.Б.", "Бекова А.Б.", "Бекова, А. Б."),
    "Bekova, A.": ("Bekova", "A.", "Bekova A.", "Bekova, A."),
    "Nurlan S. Temirov": ("Temirov", "Nurlan S.", "Temirov N.S.", "Temirov, N. S."),
    "Бекова Айгерім Серікқызы": ("Бекова", "Айгерім Серікқызы", "Бекова А.С.", "Бекова, А. С."),
}


def article(printed: str) -> Article:
    return Article(id="a1", source="v.txt", lines=[1, 9], language="kk",
                   title="Сайлау жүйесі", pages=[3, 5], authors=[Author(name=printed)])


@pytest.mark.parametrize("printed", FORMS)
def test_the_name_is_read_once_the_same_way(printed):
    family, given, _, _ = FORMS[printed]
    name = parse_name(printed)
    assert (name.surname, name.given_text()) == (family, given)
    assert name_of(printed).family == family


@pytest.mark.parametrize("printed", FORMS)
def test_the_author_index_files_the_person_under_the_family_name(printed):
    family, given, _, _ = FORMS[printed]
    a = article(printed)
    people = build_people([a])
    assert len(people) == 1 and a.authors[0].person == people[0].id
    person = people[0]
    assert index_letter(person) == family[0].upper()
    # the person keeps every part of the name: no initial is lost
    assert all(part.rstrip(".") in person.name for part in given.replace(".", ". ").split())
    pages = render_people_pages(people, [a], lang="kk")
    assert f"{{ #{person.id} }}" in pages[f"people/letters/{letter_slug(family[0].upper())}.md"]


@pytest.mark.parametrize("printed", FORMS)
def test_every_citation_names_the_same_family(printed):
    family, given, gost, apa = FORMS[printed]
    d = article(printed).to_dict()
    assert cite.gost(d, VOLUME).startswith(gost + " ")
    assert cite.apa(d, VOLUME).startswith(apa + " ")
    bib = bibtexparser.parse_string(cite.bibtex([d], VOLUME))
    assert bib.entries[0]["author"] == f"{family}, {given}"
    ris = rispy.loads(cite.ris([d], VOLUME))
    assert ris[0]["authors"] == [f"{family}, {given}"]
    csl = cite.csl_json([d], VOLUME)
    assert csl[0]["author"] == [{"family": family, "given": given}]


@pytest.mark.parametrize("printed", FORMS)
def test_scholar_gets_family_comma_given(printed):
    family, given, _, _ = FORMS[printed]
    head = scholar.head_tags(article(printed).to_dict(), VOLUME, None)
    assert f'name="citation_author" content="{family}, {given}"' in head


def test_a_name_nothing_splits_is_cited_as_printed():
    # two Cyrillic words, neither with a surname's ending: no guess in a citation
    d = article("Айгерім Сейітқали").to_dict()
    assert cite.gost(d, VOLUME).startswith("Айгерім Сейітқали ")
    assert cite.csl_json([d], VOLUME)[0]["author"] == [{"literal": "Айгерім Сейітқали"}]
    head = scholar.head_tags(d, VOLUME, None)
    assert 'name="citation_author" content="Айгерім Сейітқали"' in head


@pytest.mark.parametrize("printed, family", [
    ("Madina Seitkali", "Seitkali"), ("Мадина Сейітқали", "Сейітқали"),
    ("Seitkali Madina", "Seitkali"), ("Сейітқали Мадина", "Сейітқали"), ("Bekova Madina", "Bekova"),
    ("Martin Ivanov", "Ivanov"), ("Марина Петрова", "Петрова"),
])
def test_a_given_name_that_ends_like_a_surname_is_not_taken_for_one(printed, family):
    name = name_of(printed)
    assert name.family == family
