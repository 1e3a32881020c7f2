"""patterns: what a front-matter line is, on lines shaped like real volumes' (invented names)."""
from __future__ import annotations

import pytest

from generator.ingest.patterns import (author_entries, classify, clean_email, lead_names,
                                looks_like_reference)


@pytest.mark.parametrize("line,names,rest", [
    ("Артём Белов, студент 2 курса маг. кафедры системного программирования",
     ["Артём Белов"], "студент 2 курса маг. кафедры системного программирования"),
    ("Белов А. В., аспирант кафедры информатики", ["Белов А. В."], "аспирант кафедры информатики"),
    ("Белова Е. А. магистрант кафедры безопасности", ["Белова Е. А."], "магистрант кафедры безопасности"),
    ("Белов В.В. belov@example.com", ["Белов В.В."], "belov@example.com"),
    ("К. А. Белова, кафедра системного программирования", ["К. А. Белова"],
     "кафедра системного программирования"),
    ("Белов Р., СПбГУ, belov@example.org", ["Белов Р."], "СПбГУ, belov@example.org"),
    ("Белов Ю.К, профессор кафедры", ["Белов Ю.К"], "профессор кафедры"),
    ("Белов Ал.В., студент 2 курса", ["Белов Ал.В."], "студент 2 курса"),
    ("Белова Анна Сергеевна, студентка 3 курса", ["Белова Анна Сергеевна"], "студентка 3 курса"),
    ("Белов Н. В.1 , Магистрант кафедры", ["Белов Н. В."], "Магистрант кафедры"),
    ("В.Г. Белов., Аспирант кафедры механики", ["В.Г. Белов"], "Аспирант кафедры механики"),
    ("Белов В. Д., математико-механический факультет, 244 группа", ["Белов В. Д."],
     "математико-механический факультет, 244 группа"),
    ("Aigerim Bekova, Master's student, Example University", ["Aigerim Bekova"],
     "Master's student, Example University"),
])
def test_author_lines_with_a_post_unit_or_email(line, names, rest):
    assert lead_names(line) == (names, rest)
    assert classify(line) == "author"


def test_several_authors_in_one_paragraph_each_with_their_post():
    entries = author_entries("Белов И.И., д.т.н., профессор; Петрова А.А., магистрант; Сидоров С.С.")
    assert [(e.name, e.rest) for e in entries] == [
        ("Белов И.И.", "д.т.н., профессор"), ("Петрова А.А.", "магистрант"), ("Сидоров С.С.", "")]
    marked = author_entries("Сейітқали А.Б.¹*, Омарова Д.С.²")
    assert [(e.name, sorted(e.marks)) for e in marked] == [("Сейітқали А.Б.", ["*", "1"]),
                                                          ("Омарова Д.С.", ["2"])]


@pytest.mark.parametrize("line", [
    "Белов А. П. Разрешимость универсальной теории // Вестник. 2010. С. 5–9.",  # a reference
    "Санкт-Петербургский Университет",
    "Қорқыт Ата атындағы Қызылорда университеті, Қызылорда қ.",  # named after a person
    "M. Auezov South Kazakhstan University, Shymkent, Kazakhstan",
    "Информационных Систем Санкт-Петербургского государственного университета",
    "В данной работе рассматривается подход",
])
def test_lines_that_only_look_like_author_lines(line):
    assert author_entries(line) is None


def test_full_names_alone_need_the_caller_to_know_they_are_authors():
    assert author_entries("Dana Seitova, John Miller") is None
    assert [e.name for e in author_entries("Dana Seitova, John Miller", allow_full=True)] == [
        "Dana Seitova", "John Miller"]


@pytest.mark.parametrize("line,kind", [
    ("Секция 2. Информационные системы", "section"),
    ("3-СЕКЦИЯ. ҚҰҚЫҚТЫҚ МЕМЛЕКЕТ", "section"),
    ("Введение", "heading"),
    ("DOI: 10.1234/abc.5", "classification"),
    ("https://doi.org/10.1234/abc.5", "classification"),
    ("Под руководством Ханова А. Р.", "supervisor"),
    ("Мектепке дейінгі ұйымдарда ойын арқылы балалардың сөйлеу тілін дамыту", "text"),
    # Titles in sentence case: `қазақ` ends in `ақ` (no `АҚ`), `university` names no institution
    ("Қазақ тіліндегі жаңалық мәтіндерін тақырып", "text"),
    ("Media literacy and trust in news among university students", "text"),
    ("Развитие исламского финансирования в Казахстане: институты и инструменты", "text"),
    ("Казахский национальный университет имени аль-Фараби", "affiliation"),
    ("«Қазақтелеком» АҚ, Астана", "affiliation"),
    ("²ТОО «Павлодарский завод металлоконструкций», Павлодар, Казахстан", "affiliation"),
    ("Narxoz University", "affiliation"),
])
def test_line_kinds(line, kind):
    assert classify(line) == kind


def test_references_and_emails():
    assert looks_like_reference("[2] Boyd R. Getting Started. – O’Reilly, 2012.")
    assert looks_like_reference("bptrends.com/the-move-to-web-service/ [2] Boyd Ryan.")
    assert not looks_like_reference("РЕФОРМИРОВАНИЕ ГОСУДАРСТВЕННОЙ СЛУЖБЫ: ОТ ЗАКОНА 1999 ГОДА")
    assert clean_email("a.belov@example.com1") == "a.belov@example.com"
    assert clean_email("a.belov@example.org.") == "a.belov@example.org"


def test_a_cited_work_is_no_title_line():
    from generator.ingest.patterns import cited_work

    for ref in ("A. Blumer, J. Blumer, R. McConnell. Linear Size Finite Automata [1983]",
                "Chen Z.; Fan W. «Extracting bus transit boarding stop information», 2018",
                "Г. И. Фалин, Оценка эффективности одного класса алгоритмов доступа, 1982, том 18",
                "Telegram – начать переписку можно по ссылке: t.me/someone"):
        assert cited_work(ref), ref
    for title in ("Иванов И.И., Петров П.П.", "А. Байтұрсынов – ұлт ұстазы",
                  "Абай Құнанбаев, 1845 жылы туған ақын", "Защита программ на основе гипервизора",
                  "ҚАЗАҚСТАН РЕСПУБЛИКАСЫНДАҒЫ 1995 ЖЫЛҒЫ КОНСТИТУЦИЯ"):
        assert not cited_work(title), title


def test_two_capitalised_words_and_a_comma_are_no_author_line():
    # Full names need a rest that says what the author is: a sentence that begins with two
    # capitalised words (and a formula's number) is text, wherever a blank line is missing.
    assert classify("Используя Лемму 1, можно доказать следующие утверждения о значениях.") \
        != "author"
    assert lead_names("Используя Лемму 1, можно доказать следующие утверждения.") is None
    assert lead_names("Артём Белов, студент 2 курса кафедры системного программирования")


@pytest.mark.parametrize("text, lower", [
    ("", 0), ("ӘЛЕУМЕТТІК САЯСАТ", 0), ("Әлеуметтік саясат", 15), ("Социальная политика", 17),
    ("Public Policy 2020", 10), ("ӘЛЕУМЕТТІК сая-сат, 2020 ж.", 7), ("ǅ ﬁ ß ё Ё ı İ", 1),
])
def test_lower_case_letters_are_counted_in_every_script(text, lower):
    """The share of lower-case letters tells a line in capitals (a title) from running text:
    Latin, Russian and Kazakh ones count, whatever stands between them."""
    from generator.ingest.patterns import count_lower, is_caps

    assert count_lower(text) == lower
    assert is_caps(text) == (text.isupper() and sum(map(str.isalpha, text)) >= 4)
