"""The date grammar: every accepted form in kk/ru/en, and numbers that must never be dates."""
from __future__ import annotations

import pytest

from generator.enrich.dates import DateMention, find_dates, sort_key


def only(text: str, lang=None) -> DateMention:
    found = find_dates(text, lang)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("text, iso, precision, anchor_text", [
    # Kazakh: year word, day, month with case endings.
    ("1995 жылғы 30 тамызда", "1995-08-30", "day", "30"),
    ("Республикасының 1995 жылғы 30 тамыздағы Конституциясы", "1995-08-30", "day", "30"),
    ("2022 жылдың 5 маусымында", "2022-06-05", "day", "5"),
    ("2023 жылдың 5 қарашасында", "2023-11-05", "day", "5"),
    ("1998 жылғы 7 қазандағы реформа", "1998-10-07", "day", "7"),
    ("2022 жылғы 5 қарашадағы №156-VII", "2022-11-05", "day", "5"),
    ("2007 жылғы 16 мамырда", "2007-05-16", "day", "16"),
    ("2007 жылғы 16\nмамырда", "2007-05-16", "day", "16"),
    ("2022 жылғы 1 қыркүйектегі Жолдау", "2022-09-01", "day", "1"),
    ("2021 жылғы 24 мамырдағы", "2021-05-24", "day", "24"),
    ("2022 жылғы 16 наурыздағы", "2022-03-16", "day", "16"),
    ("2020 жылғы 3 қаңтарда", "2020-01-03", "day", "3"),
    ("2020 жылғы 14 ақпанда", "2020-02-14", "day", "14"),
    ("2020 жылғы 8 сәуірде", "2020-04-08", "day", "8"),
    ("2020 жылғы 6 шілдеде", "2020-07-06", "day", "6"),
    ("2020 жылғы 16 желтоқсанда", "2020-12-16", "day", "16"),
    ("1995 ж. 30 тамызда", "1995-08-30", "day", "30"),
    ("1999 жылдың желтоқсанында", "1999-12", "month", "1999"),
    ("2022 жылы қазан айында", "2022-10", "month", "2022"),
    ("2019 ж.", "2019", "year", "2019"),
    ("2007 жылы", "2007", "year", "2007"),
    ("2021 жылдан бастап", "2021", "year", "2021"),
    ("2025 жылға дейін", "2025", "year", "2025"),
    ("1995 жылғы Конституция", "1995", "year", "1995"),
    ("1990-жылы", "1990", "year", "1990"),
    ("1990-жылдары", "1990s", "decade", "1990"),
    ("90-жылдары", "1990s", "decade", "90"),
    ("ХХ ғасырдың 90-жылдарында", "1990s", "decade", "90"),
    ("XXI ғасырдың 20-жылдары", "2020s", "decade", "20"),
    # Russian.
    ("в 1993 году", "1993", "year", "1993"),
    ("с 2019 года", "2019", "year", "2019"),
    ("1993 г.", "1993", "year", "1993"),
    ("в 1990-м году", "1990", "year", "1990"),
    ("16 мая 2007 г.", "2007-05-16", "day", "16"),
    ("от 1 сентября 2022 года", "2022-09-01", "day", "1"),
    ("05.06.2022", "2022-06-05", "day", "05"),
    ("в январе 2022 года", "2022-01", "month", "2022"),
    ("в декабре 1999 г.", "1999-12", "month", "1999"),
    ("в 1990-е годы", "1990s", "decade", "1990"),
    ("90-х годов XX века", "1990s", "decade", "90"),
    # English.
    ("in March 2019", "2019-03", "month", "2019"),
    ("on 5 June 2022", "2022-06-05", "day", "5"),
    ("June 5, 2022", "2022-06-05", "day", "5"),
    ("the 5th of June 2022", "2022-06-05", "day", "5"),
    ("in 2019", "2019", "year", "2019"),
    ("Since 2019 the law", "2019", "year", "2019"),
    ("in the 1990s", "1990s", "decade", "1990"),
    ("2022-06-05", "2022-06-05", "day", "05"),
])
def test_date_forms(text, iso, precision, anchor_text):
    d = only(text)
    assert (d.iso, d.precision) == (iso, precision)
    assert text[d.anchor:].startswith(anchor_text)
    assert text[d.start:d.end] == d.text
    assert d.end_iso is None


@pytest.mark.parametrize("text, start, end", [
    ("2019–2022 жж.", "2019", "2022"),
    ("2019-2022 гг.", "2019", "2022"),
    ("2019–22 жылдары", "2019", "2022"),
    ("в 2015-2020 годах", "2015", "2020"),
    ("in 2019–2022", "2019", "2022"),
    ("from 2001 to 2005", "2001", "2005"),
])
def test_ranges(text, start, end):
    d = only(text)
    assert (d.iso, d.end_iso, d.precision) == (start, end, "year")


@pytest.mark.parametrize("text", [
    "7 жылға", "Президент 7 жылға, Сенат 6 жылға сайланады", "5 жыл", "10 мандат", "7%",
    "2-курс", "42-бабында", "89-бап", "№2464", "№41–VII", "№ 157-VII", "No 157-VII ҚРЗ",
    "150 депутат", "45–67 б.", "с. 45-67", "[3, 2019 б.]", "[5, p. 12]", "[Иванов, 2019 г.]",
    "1000", "2019", "бюджет 2022 млн теңге", "5 лет", "на 7 лет", "в течение 2 лет",
    "1000 жылдан астам", "2000 жыл бұрын", "16 мамырда", "5 мая", "they may 2019",
    "2019-2022", "31.02.2022", "20-жылдары", "1995-жылдары", "2022 жылдық есеп",
])
def test_not_dates(text):
    assert find_dates(text) == []


def test_impossible_day_keeps_only_the_year():
    assert [d.iso for d in find_dates("2022 жылғы 31 ақпанда")] == ["2022"]


def test_kazan_the_city_is_not_october():
    d = only("2022 жылы Қазан қаласында")
    assert (d.iso, d.precision) == ("2022", "year")


def test_mentions_in_text_order_with_offsets():
    text = ("Тоқаев 2022 жылғы 1 қыркүйектегі Жолдауында [5] ұсынып, 2022 жылғы 17 "
            "қыркүйекте Заңмен бекітілді; 1991 жылы – 5 жыл.")
    found = find_dates(text)
    assert [d.iso for d in found] == ["2022-09-01", "2022-09-17", "1991"]
    assert [text[d.anchor:d.anchor + 2] for d in found] == ["1 ", "17", "19"]
    assert all(text[d.start:d.end] == d.text for d in found)


def test_latin_lookalikes_inside_kazakh_words_are_read():
    # Raw PDF text often writes Latin letters inside Cyrillic words; offsets stay the raw ones.
    text = "1998 жылғы 7 қaзaндағы"  # Latin "a"
    d = only(text)
    assert d.iso == "1998-10-07"
    assert d.text == text


def test_citation_brackets_hide_years_but_not_the_sentence():
    text = "Зерттеу [3, 2019 б.] бойынша 2020 жылы заң қабылданды."
    assert [d.iso for d in find_dates(text)] == ["2020"]


def test_lang_restricts_to_that_grammar():
    text = "in 2019 and в 2020 году and 2021 жылы"
    assert [d.iso for d in find_dates(text)] == ["2019", "2020", "2021"]
    assert [d.iso for d in find_dates(text, "en")] == ["2019"]
    assert [d.iso for d in find_dates(text, "kk")] == ["2021"]
    assert [d.iso for d in find_dates("05.06.2022", "en")] == ["2022-06-05"]


def test_sort_key_orders_decade_year_month_day():
    isos = ["2022-06-05", "1990s", "2022", "1991", "2022-06", "2022-01-31", "2000s"]
    assert sorted(isos, key=sort_key) == [
        "1990s", "1991", "2000s", "2022", "2022-01-31", "2022-06", "2022-06-05"]
