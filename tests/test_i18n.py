"""The reader's language (generator/i18n.py, generator/data/ui.yml): one table, complete in kk,
ru and en, plurals by CLDR's rules."""
import re

import pytest
from babel import Locale

from generator.pages import i18n


def test_every_string_is_in_every_language():
    for key, entry in i18n.table().items():
        assert set(entry) == set(i18n.LANGS), key
        for lang, value in entry.items():
            if isinstance(value, dict):  # a count: the categories CLDR uses for the language
                needed = set(Locale.parse(lang).plural_form.tags) | {"other"}
                assert needed <= set(value), (key, lang)
                assert all("{n}" in v for v in value.values()), (key, lang)
            else:
                assert isinstance(value, str) and value.strip(), (key, lang)


def test_placeholders_agree_across_languages():
    for key, entry in i18n.table().items():
        texts = {lang: v if isinstance(v, str) else " ".join(v.values())
                 for lang, v in entry.items()}
        found = {lang: set(re.findall(r"\{(\w+)\}", text)) for lang, text in texts.items()}
        assert len({frozenset(v) for v in found.values()}) == 1, (key, found)


@pytest.mark.parametrize("n, text", [(1, "1 статья"), (3, "3 статьи"), (5, "5 статей"),
                                     (11, "11 статей"), (21, "21 статья"), (22, "22 статьи")])
def test_russian_counts(n, text):
    assert i18n.plural("n_articles", n, "ru") == text


def test_kazakh_and_english_counts():
    assert i18n.plural("n_articles", 3, "kk") == "3 мақала"
    assert i18n.plural("n_articles", 1, "en") == "1 article"
    assert i18n.plural("n_articles", 3, "en") == "3 articles"
    assert i18n.plural("more_articles", 5, "ru") == "… и ещё 5 статей"


def test_language_names_in_the_readers_language():
    assert i18n.language_name("ru", "kk") == "Орыс тілі"
    assert i18n.language_name("kk", "ru") == "Казахский"
    assert i18n.language_name("en", "en") == "English"


def test_site_language_of_a_config():
    class Config:
        def __init__(self, lang):
            self.theme = {"language": lang}

    assert i18n.site_language(Config("kk")) == "kk"
    assert i18n.site_language(Config("ru")) == "ru"
    assert i18n.site_language(Config("de")) == "en"  # a language the table lacks
    assert i18n.ui_language("ru-RU") == "ru" and i18n.ui_language(None) == "kk"


def test_strings_for_templates():
    t = i18n.strings("ru")
    assert t.timeline == "Хронология" and t.f("decade", decade=1990) == "1990-е годы"
    assert i18n.strings("kk").f("decade", decade=1990) == "1990-жылдар"
    assert i18n.strings("en").f("decade", decade=1990) == "1990s"
    with pytest.raises(AttributeError):
        _ = t.no_such_key


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_dates_read_as_the_readers_language_writes_them(lang):
    """Full dates in CLDR's "d MMMM y" and months in "LLLL y", as Babel formats them; a day the
    month does not have, or no ISO date at all, is no date."""
    import datetime

    from babel.dates import format_date

    locale = Locale.parse(lang)
    for y, m, d in [(1991, 12, 16), (1995, 8, 30), (2024, 4, 9), (2020, 2, 29)]:
        assert i18n.format_iso_date(f"{y}-{m:02d}-{d:02d}", lang) == format_date(
            datetime.date(y, m, d), "d MMMM y", locale=locale)
        assert i18n.format_iso_date(f"{y}-{m:02d}", lang) == format_date(
            datetime.date(y, m, 1), "LLLL y", locale=locale)
    assert i18n.format_iso_date("1995", lang) == "1995"
    assert i18n.format_iso_date(datetime.date(1995, 8, 30), lang) == \
        i18n.format_iso_date("1995-08-30", lang)
    for bad in ("2023-02-29", "2023-13", "1995-8-30", "тамыз", ""):
        assert i18n.format_iso_date(bad, lang) is None
