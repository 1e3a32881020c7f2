"""People stage: cross-script identity, title stripping, corrections, ordering, search terms."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.model import Article, Author, Person
from generator.pages.paging import PAGE_BUDGET
from generator.enrich.people import build_people, person_search_terms, person_sort_key
from generator.language.names import parse_name
from generator.pages.people_pages import (index_letter, person_places, places_in,
                                         render_people_pages)

FIXTURES = Path(__file__).parent / "fixtures" / "people"


def load_articles() -> list[Article]:
    data = yaml.safe_load((FIXTURES / "articles.yml").read_text(encoding="utf-8"))
    out = []
    for a in data["articles"]:
        out.append(Article(id=a["id"], source="x.txt", lines=[1, 2], title=a.get("title"),
                           affiliation=a.get("affiliation"), supervisor=a.get("supervisor"),
                           authors=[Author(**au) for au in a.get("authors", [])]))
    return out


def person_of(people: list[Person], article: Article, index: int) -> Person:
    pid = article.authors[index].person
    return next(p for p in people if p.id == pid)


def test_same_person_in_kazakh_russian_and_latin_forms_is_one_person():
    arts = load_articles()
    people = build_people(arts)
    ids = {arts[0].authors[0].person, arts[1].authors[0].person, arts[2].authors[0].person,
           arts[3].authors[0].person}
    assert len(ids) == 1 and None not in ids
    p = person_of(people, arts[0], 0)
    assert p.name == "Жанпейісова Қ.Д."
    assert set(p.variants) == {"Жанпеисова К.Д.", "Zhanpeisova K.", "Қарлығаш Жанпейісова"}
    assert p.authored == ["a1", "a2", "a3", "a4"]
    assert p.affiliations == ["Университет А", "Университет Б"]
    # Kazakh letters in the name: the official Kazakh Latin alphabet.
    assert p.latin == "Janpeiısova Q.D."
    assert p.id.isascii() and p.id == p.id.lower() and " " not in p.id


def test_shared_surname_with_different_initials_stays_two_people():
    arts = load_articles()
    people = build_people(arts)
    ab, as_, latin_ab = (arts[i].authors[1].person for i in range(3))
    assert ab != as_
    assert ab == latin_ab
    assert person_of(people, arts[0], 1).authored == ["a1", "a3"]
    assert person_of(people, arts[1], 1).authored == ["a2"]


def test_ambiguous_short_form_does_not_merge_two_people():
    arts = load_articles()
    build_people(arts)
    t, tm, tk = (arts[3].authors[i].person for i in (1, 2, 3))
    assert len({t, tm, tk}) == 3


def test_short_form_joins_the_single_compatible_person():
    arts = [Article(id="x", source="s", lines=[1, 1], authors=[Author("Ержанов Т.М.")]),
            Article(id="y", source="s", lines=[1, 1], authors=[Author("Erzhanov T.")])]
    build_people(arts)
    assert arts[0].authors[0].person == arts[1].authors[0].person


def test_supervisor_titles_and_degrees_are_stripped():
    arts = load_articles()
    people = build_people(arts)
    sup = {a.supervisor_person for a in arts[:3]}
    assert len(sup) == 1
    p = next(p for p in people if p.id in sup)
    assert p.name == "Ахметова Г.С."
    assert p.supervised == ["a1", "a2", "a3"] and p.authored == []
    last = next(p for p in people if p.id == arts[3].supervisor_person)
    assert last.name == "Өмірзақова Ә."


@pytest.mark.parametrize("printed, surname, given", [
    ("с.ғ.к., доцент Жанпейісова Қ.Д.", "Жанпейісова", ("Қ", "Д")),
    ("д.полит.н., профессор Иванов А.Б.", "Иванов", ("А", "Б")),
    ("к.ю.н. Петров С.", "Петров", ("С",)),
    ("PhD Smith J.", "Smith", ("J",)),
    ("аға оқытушы Сейітова Ж.", "Сейітова", ("Ж",)),
    ("Старший преподаватель Ким А.", "Ким", ("А",)),
    ("Қ.Д.Жанпейісова", "Жанпейісова", ("Қ", "Д")),
    ("Иванова Мария Петровна", "Иванова", ("Мария", "Петровна")),
    ("Қарлығаш Жанпейісова", "Жанпейісова", ("Қарлығаш",)),
])
def test_parse_name(printed, surname, given):
    name = parse_name(printed)
    assert (name.surname, name.given) == (surname, given)


def test_parse_name_rejects_text_without_a_name():
    assert parse_name("доцент, с.ғ.к.") is None
    assert parse_name("") is None


def test_editor_merge_takes_effect():
    arts = load_articles()
    people = build_people(arts)
    t, tm = arts[3].authors[1].person, arts[3].authors[2].person
    arts = load_articles()
    people = build_people(arts, {"people": {"merge": [[tm, t]]}})
    assert arts[3].authors[1].person == arts[3].authors[2].person == tm
    assert t not in {p.id for p in people}
    assert next(p for p in people if p.id == tm).authored == ["a4"]


def test_editor_split_takes_effect():
    arts = load_articles()
    people = build_people(arts)
    pid = arts[0].authors[0].person
    arts = load_articles()
    people = build_people(arts, {"people": {"split": [{"person": pid,
                                                       "names": ["Zhanpeisova K."]}]}})
    assert arts[0].authors[0].person == pid
    other = arts[2].authors[0].person
    assert other != pid
    assert next(p for p in people if p.id == other).authored == ["a3"]
    assert "a3" not in next(p for p in people if p.id == pid).authored


def test_unknown_correction_ids_become_notes():
    notes: list[str] = []
    build_people(load_articles(), {"people": {"merge": [["nobody", "nobody-2"]]}}, notes=notes)
    assert notes and "nobody" in notes[0]


def test_ids_are_stable_and_unique():
    a, b = build_people(load_articles()), build_people(load_articles())
    assert [p.id for p in a] == [p.id for p in b]
    assert len({p.id for p in a}) == len(a)


def test_kazakh_alphabetical_order():
    names = ["Бекова Б.", "Іскаков І.", "Әлиев Ә.", "Пак П.", "Ахметов А.", "Ыбыраев Ы.",
             "Өмірзақова Ә.", "Smith J."]
    ordered = sorted(names, key=person_sort_key)
    assert ordered == ["Ахметов А.", "Әлиев Ә.", "Бекова Б.", "Өмірзақова Ә.", "Пак П.",
                       "Ыбыраев Ы.", "Іскаков І.", "Smith J."]


def test_people_are_returned_in_alphabetical_order():
    people = build_people(load_articles())
    letters = [index_letter(p) for p in people]
    assert letters[0] == "А" and letters.index("Ө") < letters.index("С")


def test_search_terms_hold_latin_and_russian_folded_forms():
    arts = load_articles()
    people = build_people(arts)
    terms = person_search_terms(person_of(people, arts[0], 0))
    assert "жанпеисова" in terms
    assert "zhanpeisova" in terms
    assert "жанпейісова қ.д." in terms
    assert any(t.startswith("janpeiısova") for t in terms)


def test_pages_link_and_escape():
    arts = load_articles()
    people = build_people(arts)
    pages = render_people_pages(people, arts, untitled="(no title)")
    index = pages["people/index.md"]
    p = person_of(people, arts[0], 0)
    assert f"](letters/zh.md#{p.id})" in index
    assert "## Ж" in index and index.index("## А") < index.index("## Ж")
    assert index.index("## Ж") < index.index("## Ө") < index.index("## С")
    letter = pages["people/letters/zh.md"]
    assert "](../index.md)" in letter
    assert "**Ж**" in letter and "[А](a.md)" in letter and "[Ө](oe.md)" in letter
    assert "](letters/zh.md)" in index
    assert not any(path.count("/") == 1 and path != "people/index.md" for path in pages)
    section = letter[letter.index(f"{{ #{p.id} }}"):]
    assert "(../../articles/a1.md)" in section
    assert "[(no title)](../../articles/a3.md)" in section.replace("\\(", "(").replace("\\)", ")")
    assert r"Reform \*and\* \[links\]" in section
    assert '<span lang="kk-Latn">Janpeiısova Q.D.</span>' in section
    assert "{: lang" not in letter


def test_places_say_which_letter_page_holds_each_person():
    arts = load_articles()
    people = build_people(arts)
    pages = render_people_pages(people, arts)
    where = person_places(people, arts)
    assert where == places_in(pages) and set(where) == {p.id for p in people}
    for pid, page in where.items():
        assert f"{{ #{pid} }}" in pages[page]


def test_chained_merges_resolve_merged_ids():
    arts = load_articles()
    build_people(arts)
    t, tm, tk = (arts[3].authors[i].person for i in (1, 2, 3))
    arts = load_articles()
    people = build_people(arts, {"people": {"merge": [[tm, t], [t, tk]]}})
    assert len({arts[3].authors[i].person for i in (1, 2, 3)}) == 1
    assert sum(1 for p in people if p.authored == ["a4"] and "Ержанов" in p.name) == 1


def test_corrections_object_with_people_attribute_is_accepted():
    from types import SimpleNamespace

    arts = load_articles()
    build_people(arts)
    t, tm = arts[3].authors[1].person, arts[3].authors[2].person
    arts = load_articles()
    build_people(arts, SimpleNamespace(people={"merge": [[tm, t]]}))
    assert arts[3].authors[1].person == arts[3].authors[2].person == tm


def test_many_people_split_into_letter_parts_and_index_shows_letters():
    surnames = ["Ахметов", "Әлиев", "Бекова", "Сәрсенов", "Серікова", "Смирнов"]
    syllables = ["ба", "да", "жа", "ка", "ла", "ма", "на", "ра", "са", "та", "ша", "қа", "ға",
                 "ха", "за"]
    names = [f"{base}{x}{y} А.Б." for base in surnames for x in syllables for y in syllables]
    arts = [Article(id=f"a{i}", source="x.txt", lines=[1, 2], title=f"T{i}",
                    authors=[Author(name=name)]) for i, name in enumerate(names)]
    people = build_people(arts)
    pages = render_people_pages(people, arts)
    index = pages["people/index.md"]
    assert len(index.encode()) <= PAGE_BUDGET
    assert "](letters/s.md)" in index and "](letters/s-2.md)" in index
    assert index.index("letters/a.md") < index.index("letters/ae.md") < index.index("letters/b.md")
    s_pages = sorted(p for p in pages if p.startswith("people/letters/s"))
    assert len(s_pages) >= 2
    # every person a whole section on one page, in the order of the index
    heads = [line for p in s_pages for line in pages[p].splitlines() if line.startswith("## ")]
    assert len(heads) == sum(1 for p in people if p.name.startswith("С"))
    assert all(len(pages[p].encode()) <= PAGE_BUDGET for p in pages if "/letters/" in p)
    where = person_places(people, arts)
    for p in people:
        page = pages[where[p.id]]
        section = page[page.index(f"{{ #{p.id} }}"):].split("\n## ")[0]
        assert all(f"](../../articles/{aid}.md)" in section for aid in p.authored)
