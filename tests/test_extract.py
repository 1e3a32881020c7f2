"""extract: segments of small fixture volumes -> Articles; front-matter patterns on single lines."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.ingest.clean import clean
from generator.ingest.extract import detect_language, extract
from generator.ingest.patterns import author_names, city_of, classify, marks_of, strip_affiliation_mark
from generator.ingest.read import read_input
from generator.ingest.segment import segment

FIXTURES = Path(__file__).parent / "fixtures" / "extract"


def articles_of(name: str):
    src = read_input(FIXTURES / name)[0]
    c = clean(src)
    segs = segment(src.name, c.blocks, c.total_lines)
    return [extract(s, is_last=n == len(segs) - 1) for n, s in enumerate(segs)]


@pytest.fixture(scope="module")
def compact():
    return articles_of("ru_en_compact.txt")


@pytest.fixture(scope="module")
def spaced():
    return articles_of("en_ru_spaced.txt")


def test_russian_article_with_numbered_marks(compact):
    ru = compact[0]
    assert ru.language == "ru" and ru.udc == "342.5" and ru.complete
    assert ru.title == "ОБЩЕСТВЕННЫЙ КОНТРОЛЬ ЗА ДЕЯТЕЛЬНОСТЬЮ МЕСТНЫХ ИСПОЛНИТЕЛЬНЫХ ОРГАНОВ"
    assert [(a.name, a.affiliation, a.email) for a in ru.authors] == [
        ("Иванова А.Б.", "Северный гуманитарный университет, г. Петропавловск, Казахстан",
         "ivanova.ab@example.com"),
        ("Петров В.Г.", "Институт публичной политики, г. Астана, Казахстан", "petrov.vg@example.org")]
    assert ru.affiliation == ("Северный гуманитарный университет, г. Петропавловск, Казахстан; "
                              "Институт публичной политики, г. Астана, Казахстан")
    assert ru.keywords == ["общественный контроль", "акимат", "публичные слушания"]
    assert ru.pages == [31, 32]


def test_reference_split_by_a_page_break_is_one_entry(compact):
    refs = compact[0].references
    assert len(refs) == 3
    assert refs[1].endswith("№ 2. – С. 14–22.")
    assert "ВЕСТНИК" not in " ".join(refs)  # the running header is furniture


def test_english_article_without_udc(compact):
    en = compact[1]
    assert en.language == "en" and en.udc is None and en.complete
    assert en.title == "OPEN BUDGET DATA IN REGIONAL GOVERNMENT"
    assert [a.name for a in en.authors] == ["Dana Seitova", "John Miller"]
    assert [a.email for a in en.authors] == ["dana.seitova@example.com", "john.miller@example.net"]
    assert {a.affiliation for a in en.authors} == {"Narxoz University, Almaty, Kazakhstan"}
    assert en.city == "Almaty"
    assert len(en.references) == 2
    assert en.body.startswith("Regional budget portals")


def test_english_article_with_authors_first_and_superscripts(spaced):
    en = spaced[0]
    assert en.title == "DIGITAL SERVICES OF CITY ADMINISTRATIONS"
    assert [(a.name, a.affiliation, a.email) for a in en.authors] == [
        ("Aigerim Bekova", "Narxoz University, Almaty, Kazakhstan", "a.bekova@example.org"),
        ("Timur Sadykov", "Satbayev University, Almaty, Kazakhstan", None)]
    assert en.abstracts["en"].startswith("The article compares")  # label on its own line
    assert en.abstracts["ru"].startswith("В статье сравниваются")
    assert en.keywords_by_language["ru"] == ["электронное правительство", "городская администрация"]
    assert len(en.references) == 2


def test_russian_article_title_across_a_page_and_nothing_invented(spaced):
    ru = spaced[1]
    assert ru.title == "СЕЛЬСКИЕ СХОДЫ КАК ФОРМА МЕСТНОГО САМОУПРАВЛЕНИЯ"
    assert [(a.name, a.affiliation) for a in ru.authors] == [
        ("Д.С. Омарова", "Карагандинский университет имени Е.А. Букетова, г. Караганда, Казахстан")]
    assert ru.authors[0].email is None  # no address printed
    assert ru.keywords == [] and ru.keywords_by_language == {}
    assert ru.programme is None and ru.supervisor is None
    assert ru.references == ["Омарова Д.С. Сельский сход: практика и проблемы. – Караганда, 2023. – 64 с."]


@pytest.mark.parametrize("line,names", [
    ("Д.С. Омарова, Т.К. Бекмухамбетов", ["Д.С. Омарова", "Т.К. Бекмухамбетов"]),
    ("Ахметжанова Л.Р.¹, Кенжебаев Н.С.²", ["Ахметжанова Л.Р.", "Кенжебаев Н.С."]),
    ("Сейітов А.Б.1,2, Ержанов Т.*", ["Сейітов А.Б.", "Ержанов Т."]),
    ("Қазақстан Республикасы", None),
    ("Список литературы", None),
])
def test_author_names(line, names):
    assert author_names(line) == names


def test_marks_tie_names_to_affiliations():
    assert marks_of("Кенжебаев Н.С.²") == {"2"}
    assert marks_of("Сейітов А.Б.1,2") == {"1", "2"}
    assert marks_of("¹Narxoz University, Almaty") == {"1"}
    assert marks_of("2 Институт публичной политики") == {"2"}
    assert marks_of("2-курс магистранты") == frozenset()
    assert strip_affiliation_mark("¹Narxoz University, Almaty") == "Narxoz University, Almaty"


@pytest.mark.parametrize("line,kind", [
    ("Карагандинский университет имени академика Е.А. Букетова, г. Караганда, Казахстан",
     "affiliation"),
    ("Түйіндеме. Зерттеуде мұғалімдердің цифрлық сауаттылығы бағаланады.", "abstract"),
    ("Corresponding author: a.bekova@example.org", "email"),
    ("PhD-докторант 3 курса", "programme"),
    ("Университет провёл опрос. Результаты опубликованы в журнале", "text"),
])
def test_classify(line, kind):
    assert classify(line) == kind


def test_city_of():
    assert city_of("Қорқыт Ата атындағы университет, Қызылорда қ., Қазақстан") == "Қызылорда"
    assert city_of("Институт политики, г. Астана, Казахстан") == "Астана"
    assert city_of("Narxoz University, Kazakhstan") is None


def test_summary_after_the_references_is_read_not_split(tmp_path):
    lines = ["УДК 342", "ЗАГОЛОВОК СТАТЬИ О СОВЕТАХ", "Иванов А.Б.",
             "Общественные советы были созданы в 2016 году и с тех пор собираются регулярно.",
             "Список литературы", "1. Иванов А.Б. Советы. – Астана, 2020.",
             "Abstract. The article is about public councils.",
             "Keywords: public councils, budget."]
    path = tmp_path / "t.txt"
    path.write_text("".join(f"{line}\n\n" for line in lines), encoding="utf-8")
    src = read_input(path)[0]
    c = clean(src)
    segs = segment(src.name, c.blocks, c.total_lines)
    assert len(segs) == 1
    a = extract(segs[0], is_last=True)
    assert a.abstracts == {"en": "The article is about public councils."}
    assert a.keywords_by_language == {"en": ["public councils", "budget"]}
    assert len(a.references) == 1


def test_russian_pdftotext_with_author_line_in_capitals():
    """Russian proceedings often print `ИВАНОВ И.И., ПЕТРОВ П.П.` above the title: those are
    authors, not part of the title (fixture written for this test, layout of pdftotext)."""
    from generator.pipeline import extract_volume

    path = Path(__file__).parent / "fixtures" / "extract" / "ru_caps_authors_pdftotext.txt"
    first, second = extract_volume(path, do_enrich=False).articles
    assert first.title == "ПОЛИТИЧЕСКАЯ СИСТЕМА РОССИИ: ТРАДИЦИИ И ИННОВАЦИИ"
    assert [a.name for a in first.authors] == ["ИВАНОВ И.И.", "ПЕТРОВ П.П."]
    assert first.authors[0].email == "ivanov@mail.ru" and first.authors[1].email is None
    assert first.udc == "321.01" and len(first.references) == 2
    assert second.title == "ГРАЖДАНСКОЕ ОБЩЕСТВО И МЕСТНОЕ САМОУПРАВЛЕНИЕ"
    assert [a.name for a in second.authors] == ["Сидорова Анна Викторовна"]
    assert second.supervisor == "д.полит.н., профессор Кузнецов А.А."


def test_title_case_english_title_and_russian_full_name_with_patronymic():
    """An English head with a mixed-case title, then a Russian article with no UDC whose author
    is printed as a full name with patronymic above `студент 3 курса, <university>` (fixture
    written for this test)."""
    from generator.pipeline import extract_volume

    path = Path(__file__).parent / "fixtures" / "extract" / "en_then_ru_full_names.txt"
    en, ru = extract_volume(path, do_enrich=False).articles
    assert en.title == "Digital Government in Central Asia: Challenges and Prospects"
    assert [a.email for a in en.authors] == ["aigerim.bekova@nu.edu.kz", "d.sultanov@nu.edu.kz"]
    assert len(en.references) == 2 and en.language == "en"
    assert [a.name for a in ru.authors] == ["Иванов Иван Иванович"]
    assert ru.programme == "студент 3 курса"
    assert ru.authors[0].affiliation == "Казанский федеральный университет"
    assert ru.supervisor == "к.полит.н., доцент Петрова Е.С." and ru.udc is None


def test_bbk_line_and_position_line_are_not_the_title():
    """`ББК 66.0` under the UDC and `к.полит.н., доцент кафедры …` under the author are front
    matter, and the title in capitals below them is the title (fixture written for this test)."""
    from generator.pipeline import extract_volume

    path = Path(__file__).parent / "fixtures" / "extract" / "ru_bbk_position_line.txt"
    (a,) = extract_volume(path, do_enrich=False).articles
    assert a.title == "МЕДИАТИЗАЦИЯ ПОЛИТИКИ В СОВРЕМЕННОЙ РОССИИ"
    assert a.udc == "32.019.5"
    assert a.authors[0].name == "Иванов И.И." and a.authors[0].email == "ivanov@tsu.ru"
    assert a.keywords == ["медиатизация", "политика", "выборы", "СМИ"]
    assert a.abstract.startswith("В статье анализируется") and len(a.references) == 2


KK = ("Мақалада аймақтағы мемлекеттік қызмет көрсету сапасын арттырудың жолдары қарастырылады. "
      "Зерттеу барысында азаматтардың өтініштері талданып, цифрлық қызметтердің қолжетімділігі "
      "бағаланды. Нәтижелер жергілікті атқарушы органдардың жұмысын жетілдіруге мүмкіндік береді.")
RU = ("В статье рассматриваются пути повышения качества государственных услуг в регионе. "
      "В ходе исследования проанализированы обращения граждан и оценена доступность цифровых "
      "сервисов. Результаты позволяют улучшить работу местных исполнительных органов власти.")


@pytest.mark.parametrize("text, lang", [
    (KK, "kk"), (RU, "ru"),
    (KK[:60], "kk"), (RU[:60], "ru"),            # short: the model decides
    (RU.replace("сервисов", "сервисов (e-government services, open data portals and "
                "digital public infrastructure as described in the international literature)"),
     "ru"),
    ("Public services in the region were studied in 2021.", "en"),
    ("2021, 15–18", None),
])
def test_language_of_a_text(text, lang):
    assert detect_language(text) == lang


def test_the_models_answers_are_recorded_within_language_answers_only():
    from generator.ingest import extract as E

    short = RU[:60]  # a text its script does not settle: the model is asked
    with E.language_answers({}) as used:
        assert detect_language(short) == "ru"
    assert list(used.values()) == ["ru"]
    # The last build's answer is taken, not asked again, and recorded as used.
    with E.language_answers(dict.fromkeys(used, "kk")) as again:
        assert detect_language(short) == "kk"
    assert again == dict.fromkeys(used, "kk")
    assert detect_language(short) == "ru" and E._answers is None  # outside: nothing kept


def _article(name: str, n: int):
    from generator.pipeline import extract_volume

    return extract_volume(FIXTURES / name, do_enrich=False).articles[n]


def test_authors_with_posts_units_and_emails_as_printed():
    first = _article("ru_conference_heads.txt", 0)
    assert [(x.name, x.position, x.affiliation, x.email) for x in first.authors] == [
        ("Артём Белов", "студент 2 курса маг.",
         "кафедры системного программирования Примерного университета", "a.belov@example.com"),
        ("Мария Орлова", None, "ООО «Пример»", "m.orlova@example.org")]
    second = _article("ru_conference_heads.txt", 1)
    assert second.authors[0].email == "sidorov@example.net"  # printed `sidorov [at] example.net`
    assert second.supervisor == "Петров П. П., д.ф.-м.н., профессор кафедры информатики"
    assert second.supervisor_email == "p.petrov@example.com"


def test_reference_lists_read_by_their_numbers():
    """Detached numbers (`1.` `2.` then the texts, as pdftotext prints hanging lists) and a
    bracketed number glued inside a line each give their own entry."""
    assert _article("ru_conference_heads.txt", 0).references == [
        "Белов А. Графические языки. – М.: Пример, 2020.",
        "Орлова М. Мобильные платформы // Вестник. – 2021. – № 2."]
    assert [r[:12] for r in _article("ru_conference_heads.txt", 1).references] == [
        "Кузнецов К. ", "Иванов И. Ан", "Smith J. Sta"]
    assert _article("ru_conference_heads.txt", 0).references_heading == "Литература"


def test_a_second_reference_list_and_notes_on_the_authors_stay_after_the_first(tmp_path):
    """Kazakh journals print the list again in transliteration (`References`) and notes on the
    authors after it: the first list is the references, the rest is kept as the appendix."""
    from generator.pipeline import extract_volume

    text = "\n".join([
        "МРНТИ 11.25.40", "А.Б. Сейітқали¹*, Д.С. Омарова²",
        "¹Әл-Фараби атындағы Қазақ ұлттық университеті, Алматы қ., Қазақстан",
        "²Абай атындағы Қазақ ұлттық педагогикалық университеті, Алматы қ., Қазақстан",
        "*e-mail: seitkali@example.com", "",
        "АУЫЛДЫҚ ОКРУГ ӘКІМДЕРІН САЙЛАУ ТӘЖІРИБЕСІ", "",
        "Аңдатпа. Мақалада ауылдық округ әкімдерін тікелей сайлаудың алғашқы тәжірибесі талданады.",
        "Түйін сөздер: сайлау, әкім, ауылдық округ.", "",
        "Кіріспе", "Ауылдық округ әкімдерін сайлау 2021 жылы басталды және жергілікті өзін-өзі "
        "басқарудың маңызды кезеңі болды [1].", "",
        "Әдебиеттер", "1. Сейітқали А.Б. Жергілікті басқару. – Алматы, 2020. – 120 б.",
        "2. Омарова Д.С. Сайлау жүйесі // Хабаршы. – 2022. – №2. – Б. 5–12.", "",
        "References", "1. Seitqali A.B. Zhergilikti basqaru. – Almaty, 2020. – 120 b.",
        "2. Omarova D.S. Sailau zhuiesi // Khabarshy. – 2022. – №2. – B. 5–12.", "",
        "Авторлар туралы мәлімет:", "Сейітқали А.Б. – саясаттану кафедрасының магистранты."])
    path = tmp_path / "kaznu.txt"
    path.write_text(text + "\n", encoding="utf-8")
    (a,) = extract_volume(path, do_enrich=False).articles
    assert a.title == "АУЫЛДЫҚ ОКРУГ ӘКІМДЕРІН САЙЛАУ ТӘЖІРИБЕСІ"
    assert [x.email for x in a.authors] == ["seitkali@example.com", None]
    assert len(a.references) == 2 and a.references[0].startswith("Сейітқали")
    assert "Zhergilikti basqaru" in a.appendix and "саясаттану кафедрасының" in a.appendix
    assert a.classification == ["МРНТИ 11.25.40"]


def _one_article(tmp_path, lines: list[str]):
    from generator.pipeline import extract_volume

    path = tmp_path / "vol.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (a,) = extract_volume(path, do_enrich=False).articles
    return a


_HEAD = ["ОБЛАЧНЫЙ КАТАЛОГ СТУДЕНЧЕСКИХ РАБОТ", "Котова Е. Н., студент кафедры информатики "
         "Примерного университета, kotova@example.com", "", "Аннотация",
         "В работе описан облачный каталог студенческих работ и его программный интерфейс.", "",
         "Введение", "Каталог хранит работы студентов и отзывы на них, а поиск по нему идёт по "
         "ключевым словам, авторам и годам защиты работ."]


def test_a_reference_entry_in_capitals_is_no_summary_title(tmp_path):
    # `[2] ПРИМЕРНАЯ ЭЛЕКТРОННАЯ БИБЛИОТЕКА //` reads as a title in capitals; with its number it
    # is the next entry, not the start of a summary after the list.
    a = _one_article(tmp_path, _HEAD + [
        "", "Литература", "[1] Flask // 2020 // https://flask.example.org/",
        "[2] ПРИМЕРНАЯ ЭЛЕКТРОННАЯ БИБЛИОТЕКА //", "2021 // https://library.example.org/",
        "[3] Redis // 2021 // https://redis.example.org/"])
    assert len(a.references) == 3 and a.references[1].startswith("[2] ПРИМЕРНАЯ") is False
    assert a.references[1].startswith("ПРИМЕРНАЯ ЭЛЕКТРОННАЯ")
    assert not a.appendix


@pytest.mark.parametrize("title_lines, note, title", [
    # A footnote mark set apart from the title's last word, or after its closing quote, with
    # the footnote printed below (on its own line, or glued into a paragraph by pdftotext).
    (["ОБЛАЧНЫЙ КАТАЛОГ", "«СТУДЕНТ»1"], "1 Работа выполнена при поддержке гранта фонда Пример.",
     "ОБЛАЧНЫЙ КАТАЛОГ «СТУДЕНТ»"),
    (["Облачный каталог", "студенческих работ 1"],
     "по годам защиты1 Работа выполнена при поддержке гранта фонда Пример.",
     "Облачный каталог студенческих работ"),
    # No footnote of that number: the number is the title's own.
    (["Облачный каталог", "студенческих работ 2"],
     "1 Работа выполнена при поддержке гранта фонда Пример.",
     "Облачный каталог студенческих работ 2"),
])
def test_a_footnote_mark_after_the_title_needs_its_footnote(tmp_path, title_lines, note, title):
    a = _one_article(tmp_path, title_lines + _HEAD[1:] + [
        note, "", "Литература", "[1] Flask // 2020 // https://flask.example.org/"])
    assert a.title == title


def test_an_authors_unit_with_its_adjectives_and_a_second_post_and_unit(tmp_path):
    # The unit begins at the adjectives before its noun (`математико-механического факультета`,
    # `мат.-мех. фак-та`); a second post inside it (`…, мл. научн. сотрудник лаборатории …`)
    # begins a second unit, joined with "; " as two affiliations.
    a = _one_article(tmp_path, [
        "ОБЛАЧНЫЙ КАТАЛОГ СТУДЕНЧЕСКИХ РАБОТ",
        "Котова Е. Н., студентка 3 курса математико-механического факультета ПрГУ, k@example.com",
        "Лебедев И. А., аспирант кафедры информатики ПрГУ, мл. научн. сотрудник лаборатории",
        "сетей ИПИ РАН, lebedev@example.com",
        "Орлов П. С., асп. каф прикладной математики ПрГУ",
        "Смирнов В. В., студент мат.-мех. фак-та ПрГУ стажёр-исследователь ИПИ РАН"] + _HEAD[2:])
    assert [(x.position, x.affiliation) for x in a.authors] == [
        ("студентка 3 курса", "математико-механического факультета ПрГУ"),
        ("аспирант; мл. научн. сотрудник", "кафедры информатики ПрГУ; лаборатории сетей ИПИ РАН"),
        ("асп.", "каф прикладной математики ПрГУ"),
        ("студент; стажёр-исследователь", "мат.-мех. фак-та ПрГУ; ИПИ РАН")]


def test_detached_numbers_share_out_entries_that_are_bare_links(tmp_path):
    # pdftotext printed the numbers first; the last entries are links alone, one cut at a `/`.
    a = _one_article(tmp_path, _HEAD + [
        "", "Литература", "1.", "2.", "3.", "4.", "", "5.", "",
        "Swift. Основы разработки приложений под iOS, Усов", "Василий",
        "iOS. Разработка приложений для iPhone, Нахавандипур,", "Вандад",
        "https://developer.example.com/library/content/documentation/Concept",
        "ual/LaunchServices/doc/uid/", "TP30000999",
        "https://developer.example.com/library/Extensibility/",
        "https://www.example.com/create-a-framework-for-ios"])
    assert a.references == [
        "Swift. Основы разработки приложений под iOS, Усов Василий",
        "iOS. Разработка приложений для iPhone, Нахавандипур, Вандад",
        "https://developer.example.com/library/content/documentation/Concept "
        "ual/LaunchServices/doc/uid/ TP30000999",
        "https://developer.example.com/library/Extensibility/",
        "https://www.example.com/create-a-framework-for-ios"]


def test_list_numbers_printed_above_the_reference_heading_go_with_the_list(tmp_path):
    a = _one_article(tmp_path, _HEAD + [
        "1.", "2.", "3.", "", "Литература", "Руденко О.В., Солуян С.И. Теоретические основы",
        "нелинейной акустики. М., 1975.", "Васильева О.А., Руденко О.В.",
        "Взаимодействие одномерных волн. М., 1983.", "Морозов В.А. Особенности нагружения",
        "материалов. М., 1997. С. 105-117."])
    assert [r[:10] for r in a.references] == ["Руденко О.", "Васильева ", "Морозов В."]
    assert "1." not in a.body


def test_a_membership_is_a_degree_and_a_footnote_mark_no_unit(tmp_path):
    # `чл.-корр. РАН` names an academy as part of a title, not the author's unit; the title's
    # footnote mark `1` printed under the authors stays out of the last author's unit.
    a = _one_article(tmp_path, [
        "ОБЛАЧНЫЙ КАТАЛОГ СТУДЕНЧЕСКИХ РАБОТ", "Леонов Г. А., чл.-корр. РАН, д.ф.-м.н, проф. СПбГУ",
        "Котова Е. Н., студентка кафедры информатики СПбГУ,", "kotova@example.com", "", "1", "",
        *_HEAD[3:]])
    assert [(x.position, x.affiliation) for x in a.authors] == [
        ("чл.-корр. РАН, д.ф.-м.н, проф.", "СПбГУ"), ("студентка", "кафедры информатики СПбГУ")]
    assert "1" in a.front_matter_other


def test_a_dash_at_a_title_line_end_joins_without_a_space(tmp_path):
    # (and in the body's ranges; a dash set apart keeps its space)
    a = _one_article(tmp_path, ["ОЦЕНКА НА ОСНОВЕ КОМПЛЕКСА \"ДОКУМЕНТЫ–",
                                "ИНФОРМАЦИОННАЯ СИСТЕМА–ПЕРСОНАЛ\"", *_HEAD[1:], "",
                                "Каталог собирает работы, защищённые в 2015–",
                                "2020 годах, и их отзывы –",
                                "все вместе, по годам и по кафедрам университета."])
    assert a.title == "ОЦЕНКА НА ОСНОВЕ КОМПЛЕКСА \"ДОКУМЕНТЫ–ИНФОРМАЦИОННАЯ СИСТЕМА–ПЕРСОНАЛ\""
    assert "в 2015–2020 годах, и их отзывы – все вместе" in a.body


def test_a_page_range_broken_at_a_line_end_is_printed_whole(tmp_path):
    # `С. 12-` | `19.` and `С. 101–` | `115.`: one range, in the body and in the references.
    a = _one_article(tmp_path, [*_HEAD, "Об этом писали ранее (см. с. 12-",
                                "19 первого тома), и не раз.", "", "Литература",
                                "1. Иванов И.И. Реформы // Вестник. – 2019. – № 3. – С. 12-",
                                "19.", "2. Петров П.П. Общество. – Алматы, 2020. – С. 101–",
                                "115.", "3. Сидоров С.С. Право. – Астана, 2021. – 10 с."])
    assert "(см. с. 12-19 первого тома)" in a.body
    assert a.references == ["Иванов И.И. Реформы // Вестник. – 2019. – № 3. – С. 12-19.",
                            "Петров П.П. Общество. – Алматы, 2020. – С. 101–115.",
                            "Сидоров С.С. Право. – Астана, 2021. – 10 с."]


def test_a_title_line_that_names_an_institution_and_an_affiliation_nobody_takes(tmp_path):
    # `институты и инструменты` under a title line ending in a colon continues the title; an
    # affiliation left over when every author has one is kept as printed, never dropped.
    a = _one_article(tmp_path, [
        "УДК 336.7", "Развитие исламского финансирования в Казахстане:", "институты и инструменты",
        "Р.М. Исаева", "PhD-докторант 3 курса",
        "Алматинский технологический университет, г. Алматы, Казахстан",
        "Казахский национальный университет, г. Алматы, Казахстан", *_HEAD[2:]])
    assert a.title == "Развитие исламского финансирования в Казахстане: институты и инструменты"
    assert a.authors[0].affiliation == "Алматинский технологический университет, г. Алматы, Казахстан"
    assert "Казахский национальный университет, г. Алматы, Казахстан" in a.front_matter_other


def test_an_address_line_no_author_takes_is_kept(tmp_path):
    # The author line unreadable (`?` for letters a code page lacked): its address line stays.
    a = _one_article(tmp_path, ["ЗАГОЛОВОК СТАТЬИ О ВЫБОРАХ В РЕГИОНЕ", "Ахметжанова Л.Р.?, Кенжебаев Н.С.?",
                                "E-mail: akhmetzhanova.lr@example.com", *_HEAD[2:]])
    assert "E-mail: akhmetzhanova.lr@example.com" in a.front_matter_other
