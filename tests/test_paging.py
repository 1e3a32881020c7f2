"""generator.pages.paging: letters, file names and size-bounded splits of alphabetical indexes."""
from generator.language.alphabet import KAZAKH_ALPHABET as KK_ALPHABET
from generator.pages.paging import chunk_by_size, index_letter, letter_pages, letter_slug


def test_every_kazakh_and_russian_letter_has_its_own_file_name():
    letters = [c.upper() for c in KK_ALPHABET] + [chr(c) for c in range(ord("A"), ord("Z") + 1)]
    slugs = [letter_slug(c) for c in letters]
    assert len(set(slugs)) == len(slugs)
    assert all(s.isascii() and s.replace("-", "").isalnum() for s in slugs)
    assert letter_slug("#") == "other"


def test_index_letter_folds_case_yo_and_lookalikes():
    assert index_letter("ёлка") == "Е"
    assert index_letter("«Нұр Отан»") == "Н"
    assert index_letter("іс-шара") == "І"
    assert index_letter("Cайлау") == "С"  # Latin C inside a Cyrillic word
    assert index_letter("1-сынып") == index_letter("") == "#"


def test_chunks_respect_budget_and_count():
    sizes = [30, 30, 30, 100, 10, 10]
    chunks = chunk_by_size(sizes, size=lambda x: x, budget=60)
    assert chunks == [[30, 30], [30], [100], [10, 10]]
    assert chunk_by_size(list(range(5)), size=lambda x: 0, budget=10, max_items=2) == [
        [0, 1], [2, 3], [4]]
    assert chunk_by_size([], size=len) == [[]]


def test_letter_pages_name_parts():
    words = ["ала", "алма", "бала", "балық", "бас"]
    letters = letter_pages(words, key=index_letter, size=lambda w: 10, budget=20)
    assert [(x.letter, [p.path for p in x.pages]) for x in letters] == [
        ("А", ["a.md"]), ("Б", ["b.md", "b-2.md"])]
    assert letters[1].count == 3 and letters[1].pages[1].items == ["бас"]
    assert letters[1].pages[1].part == 2 and letters[1].pages[1].parts == 2
