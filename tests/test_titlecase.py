"""Titles printed in capitals shown in sentence case (generator/enrich/titlecase.py): names and acronyms
kept, by the article's own text, the names list, the glossary and pymorphy3; the editor's form
wins; the printed title stays in `title`."""
import json

import pytest
import yaml

from generator.model import GlossaryEntry
from generator.enrich.titlecase import Known, is_capitals, sentence_case
from jinaq_testing import READERS, run_jinaq


@pytest.fixture(scope="module")
def known():
    return Known()


def test_only_titles_in_capitals_change(known):
    assert is_capitals("ЭКОЛОГИЧЕСКИЙ ТУРИЗМ") and not is_capitals("Soft power in Central Asia")
    assert sentence_case("Soft power in Central Asia", "en", known) == "Soft power in Central Asia"
    assert not is_capitals("ЦИК") and not is_capitals(None)


@pytest.mark.parametrize("title, lang, shown", [
    ("ҚАЗАҚСТАНДАҒЫ САЙЛАУ ЖҮЙЕСІНІҢ РЕФОРМАСЫ ЖӘНЕ ЕАЭО ТӘЖІРИБЕСІ", "kk",
     "Қазақстандағы сайлау жүйесінің реформасы және ЕАЭО тәжірибесі"),
    ("ЕАЭО-НЫҢ ЦИФРЛЫҚ КҮН ТӘРТІБІ", "kk", "ЕАЭО-ның цифрлық күн тәртібі"),
    ("ҚАЗАҚСТАНДЫҚ ЖАСТАРДЫҢ САЯСИ БЕЛСЕНДІЛІГІ", "kk",
     "Қазақстандық жастардың саяси белсенділігі"),
    ("ХХІ ҒАСЫРДАҒЫ ҚАЗАҚСТАН МЕН РЕСЕЙ ҚАТЫНАСТАРЫ", "kk",
     "ХХІ ғасырдағы Қазақстан мен Ресей қатынастары"),
    ("1990-ЖЫЛДАРДАҒЫ АСТАНАНЫҢ ДАМУЫ", "kk", "1990-жылдардағы Астананың дамуы"),
    ("ВЫБОРЫ В УСЛОВИЯХ COVID-19 В КАЗАХСТАНЕ И США", "ru",
     "Выборы в условиях COVID-19 в Казахстане и США"),
    ("ЗАКОН «О ВЫБОРАХ» И ЕГО ПРИМЕНЕНИЕ", "ru", "Закон «О выборах» и его применение"),
    ("ИССЛЕДОВАНИЕ ПСИХОЛОГИЧЕСКИХ ОСОБЕННОСТЕЙ1", "ru",
     "Исследование психологических особенностей1"),
    ("РАЗВИТИЕ IT В СЕЛЬСКИХ РАЙОНАХ", "ru", "Развитие IT в сельских районах"),
    ("RENEWABLE ENERGY AUCTIONS IN KAZAKHSTAN: EARLY RESULTS", "en",
     "Renewable energy auctions in Kazakhstan: Early results"),
    ("THE ROLE OF THE EURASIAN ECONOMIC UNION IN CENTRAL ASIA", "en",
     "The role of the Eurasian Economic Union in Central Asia"),
])
def test_names_and_acronyms_keep_their_case(known, title, lang, shown):
    assert sentence_case(title, lang, known) == shown


def test_the_articles_own_text_decides():
    body = ("Біз туризм саласын зерттедік. Бүгінде туризм Ақжайық өңірінде дамып келеді, ал ОЭЗ "
            "аумағында жаңа қонақүйлер салынды.")
    title = "ТУРИЗМ ЖӘНЕ АҚЖАЙЫҚ ӨҢІРІНДЕГІ ОЭЗ"
    assert sentence_case(title, "kk", Known(), [body]) == "Туризм және Ақжайық өңіріндегі ОЭЗ"
    assert sentence_case(title, "kk", Known(), []) == "Туризм және ақжайық өңіріндегі оэз"


def test_a_word_the_text_writes_with_a_capital_inside_keeps_that_spelling():
    body = ("Задания проверяются в среде QReal. Клиент для iOS написан на Swift, а интерфейс "
            "рисуется на языке PostScript; QReal, iOS и PostScript давно известны.")
    title = "ПРОВЕРКА ЗАДАНИЙ В QREAL: КЛИЕНТ ДЛЯ IOS И ИНТЕРФЕЙС НА POSTSCRIPT"
    assert sentence_case(title, "ru", Known(), [body]) == \
        "Проверка заданий в QReal: клиент для iOS и интерфейс на PostScript"
    # Only a spelling the text mostly uses: here it writes the word as a name twice, once so
    mostly = "Система Postscript проста. Мы выбрали Postscript, а не PostScript-принтер."
    assert sentence_case("ЯЗЫК POSTSCRIPT", "ru", Known(), [mostly]) == "Язык Postscript"
    # and one the text uses more than once: a single odd spelling is no habit
    once = "Мы пишем на языке PostScript."
    assert sentence_case("ЯЗЫК POSTSCRIPT", "ru", Known(), [once]) == "Язык Postscript"


def test_an_address_says_nothing_of_how_a_name_is_written():
    body = ("Сервис RADOMS собирает статистику. Он доступен по адресу http://radoms.ru, "
            "приглашение: radoms.ru/invite, почта support@radoms.kz.")
    assert sentence_case("СИСТЕМА RADOMS", "ru", Known(), [body]) == "Система RADOMS"


def test_a_phrase_the_text_capitalises():
    body = "Shipping along the Northern Sea Route grew. The route is used by northern ports."
    title = "KAZAKHSTAN AND THE NORTHERN SEA ROUTE"
    assert sentence_case(title, "en", Known(), [body]) == "Kazakhstan and the Northern Sea Route"
    assert sentence_case(title, "en", Known(), []) == "Kazakhstan and the northern sea route"


def test_an_adjective_capitalised_in_a_name_stays_lower_elsewhere():
    body = "Важным шагом стало принятие Социального кодекса в 2023 году."
    assert sentence_case("МНОГОУРОВНЕВАЯ МОДЕЛЬ СОЦИАЛЬНОГО ОБЕСПЕЧЕНИЯ", "ru", Known(), [body]) \
        == "Многоуровневая модель социального обеспечения"


def test_an_adjective_that_may_be_a_surname_keeps_the_capital_its_text_gives_it():
    body = ("При выводе законов сохранения используется теорема Остроградского-Гаусса. "
            "Напомним теорему Остроградского и её следствия.")
    assert sentence_case("ТЕОРЕМА ОСТРОГРАДСКОГО-ГАУССА ДЛЯ ЗАДАЧ МЕХАНИКИ", "ru", Known(),
                         [body]) == "Теорема Остроградского-Гаусса для задач механики"


def test_the_glossary_names_institutions_whole():
    glossary = [GlossaryEntry(kk="Ұлттық құрылтай", ru="Национальный курултай"),
                GlossaryEntry(kk="қоғамдық кеңес", ru="общественный совет")]
    title = "ПАРЛАМЕНТ, ҰЛТТЫҚ ҚҰРЫЛТАЙ ЖӘНЕ ҚОҒАМДЫҚ КЕҢЕСТЕР"
    assert sentence_case(title, "kk", Known(glossary)) == \
        "Парламент, Ұлттық құрылтай және қоғамдық кеңестер"
    assert sentence_case(title, "kk", Known()) == \
        "Парламент, ұлттық құрылтай және қоғамдық кеңестер"
    # "Республика Казахстан" names the state; another республика is lower case
    ru = [GlossaryEntry(kk="Қазақстан Республикасы", ru="Республика Казахстан")]
    assert sentence_case("ВЫБОРЫ В РЕСПУБЛИКЕ КАЗАХСТАН И ПРЕЗИДЕНТСКАЯ РЕСПУБЛИКА", "ru",
                         Known(ru)) == "Выборы в Республике Казахстан и президентская республика"


def test_volume_model_keeps_the_printed_title_and_the_editor_decides(tmp_path):
    model = json.loads(run_jinaq("extract", str(READERS / "raw"), "--format", "json").stdout)
    titled = {a["title"]: a["title_display"] for a in model["articles"] if a["title"]}
    assert titled["ЦИК РЕСПУБЛИКИ КАЗАХСТАН И ВЫБОРЫ В УСЛОВИЯХ COVID-19"] == \
        "ЦИК Республики Казахстан и выборы в условиях COVID-19"
    assert titled["THE EURASIAN ECONOMIC UNION AND KAZAKHSTAN: TRADE AFTER 2015"] == \
        "The Eurasian Economic Union and Kazakhstan: Trade after 2015"
    ru = next(a for a in model["articles"] if a["language"] == "ru")
    fixes = tmp_path / "corrections.yml"
    fixes.write_text(yaml.safe_dump({"articles": {ru["id"]: {
        "title_display": "ЦИК Республики Казахстан и выборы во время COVID-19"}}},
        allow_unicode=True), encoding="utf-8")
    model = json.loads(run_jinaq("extract", str(READERS / "raw"), "--corrections", str(fixes),
                                 "--format", "json").stdout)
    ru = next(a for a in model["articles"] if a["id"] == ru["id"])
    assert ru["title_display"] == "ЦИК Республики Казахстан и выборы во время COVID-19"
    assert ru["title"] == "ЦИК РЕСПУБЛИКИ КАЗАХСТАН И ВЫБОРЫ В УСЛОВИЯХ COVID-19"
    fixes.write_text(yaml.safe_dump({"articles": {ru["id"]: {"title_display": 5}}}),
                     encoding="utf-8")
    bad = run_jinaq("extract", str(READERS / "raw"), "--corrections", str(fixes), check=False)
    assert bad.returncode == 2 and "title_display" in bad.stderr and "Traceback" not in bad.stderr


def test_a_preview_cases_a_title_again_when_the_glossary_names_one_of_its_words(tmp_path):
    """An editor's glossary entry written in capitals makes that word of a title in capitals
    an acronym: under the preview (whose memo keeps each article's title case), the article
    whose text did not change shows its title with the word kept, as a fresh build does."""
    from generator.pipeline import BuildCache, extract_volume

    glossary = tmp_path / "glossary.yml"
    glossary.write_text("[]\n", encoding="utf-8")
    cache = BuildCache(memos={})

    def titles(**options) -> list:
        volume = extract_volume(READERS / "raw", glossary=glossary, **options)
        return [a.title_display for a in volume.articles if a.language == "kk" and a.title]

    assert all("САЙЛАУ" not in t for t in titles(cache=cache))
    glossary.write_text(yaml.safe_dump([{"kk": "САЙЛАУ", "ru": "ВЫБОРЫ"}], allow_unicode=True),
                        encoding="utf-8")
    cased = titles(cache=cache)
    assert cased == titles() and any(" САЙЛАУ " in t for t in cased)
