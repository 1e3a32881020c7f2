"""Test helper: a small conference volume as a folder of per-article PDFs (written by fpdf2, text
written for these tests), and what a reader finds in it, field by field.

Its pages carry what real proceedings print and plain text loses: a running head at the top of
every page and the page number at its foot, titles in a larger bold font (one under a small-print
journal line that is no part of it, one with a footnote mark), authors with superscript affiliation
marks, and a page set in two columns whose sentence runs from the foot of the left column to the
top of the right one. A title page and an imprint are files of their own.
"""
from __future__ import annotations

from pathlib import Path

from make_pdf import Columns, Para, make_layout_pdf

HEAD = "Материалы конференции «Жас ғалым», Алматы, 2024"

RU_BODY_1 = (
    "Цифровые услуги акиматов за последние годы стали основным каналом обращения жителей к "
    "местной власти. Мы сравниваем, как жители трёх городов оценивают их доступность, скорость "
    "ответа и понятность интерфейса, и как эти оценки связаны с возрастом и образованием.")
RU_BODY_2 = (
    "Опрос проведён весной 2023 года; в нём участвовали 1200 жителей Алматы, Астаны и Шымкента. "
    "Анкета включала двенадцать вопросов о последнем обращении к порталу электронных услуг.")
LEFT_COLUMN = [
    Para("Результаты", 10, "B"),
    Para("Доля жителей, довольных скоростью ответа, выросла с 48 до 61 процента. Жители старше "
         "шестидесяти лет реже пользуются порталом и чаще обращаются в центры обслуживания "
         "населения, где им помогают заполнить заявление. Различия между городами невелики, но "
         "в Шымкенте жалоб на понятность интерфейса заметно больше, чем в двух других городах, и "
         "эта разница сохраняется после учёта возраста, образования и опыта работы с"),
]
RIGHT_COLUMN = [
    Para("компьютером, то есть её нельзя объяснить составом выборки. Это говорит о том, что "
         "интерфейс портала в этом городе нуждается в доработке."),
    Para("Список литературы", 10, "B"),
    Para("1. Ахметова Д.Ж. Электронный акимат: опыт регионов. – Алматы, 2021. – 120 с."),
    Para("2. Сейткали М.Н. Качество государственных услуг // Вестник КазНУ. – 2022. – № 3. – "
         "С. 15–24."),
    Para("3. Нурланов Е.К. Цифровизация местного управления. – Астана, 2023. – 98 с."),
]
KK_BODY = (
    "Жергілікті атқарушы органдардың ашық деректері азаматтардың бюджетті бақылауына мүмкіндік "
    "береді. Мақалада үш облыстың 2022 жылғы деректері салыстырылады және олардың толықтығы "
    "бағаланады.")
KK_BODY_2 = (
    "Талдау көрсеткендей, деректердің жартысынан көбі машинамен оқылатын пішімде жарияланбаған. "
    "Сондықтан азаматтар оларды өңдеу үшін қосымша уақыт жұмсайды.")


TITLE_PAGE = [[
    Para("МАТЕРИАЛЫ КОНФЕРЕНЦИИ", 18, "B", "C"),
    Para("«Жас ғалым»", 14, "B", "C"),
    Para("Алматы, 12 апреля 2024 года", 11, "", "C"),
    Para("ISBN 978-601-000-000-0", 10, "", "C"),
    Para("Редакционная коллегия: Ержанов Т.С. (отв. ред.), Смагулова А.К.", 10, "", "C"),
]]
RU_ARTICLE = [[
    Para("Вестник молодых учёных, 2024, № 1", 7, "I"),
    Para("Оценка качества цифровых услуг в местном самоуправлении^{*}", 15, "B", "C"),
    Para("Иванов А.Б.^{1}, Петрова В.Г.^{2}", 10, "", "C"),
    Para("^{1}Казахский национальный университет, Алматы, Казахстан", 9, "", "C", 0.5),
    Para("^{2}Институт государственного управления, Астана, Казахстан", 9, "", "C", 0.5),
    Para("e-mail: ivanov@example.kz", 9, "", "C", 4),
    Para("Аннотация. В статье оценивается качество цифровых услуг акиматов по данным опроса "
         "жителей трёх городов.", 9),
    Para("Ключевые слова: цифровые услуги, местное самоуправление, качество.", 9, "", "L", 4),
    Para("Введение", 11, "B"),
    Para(RU_BODY_1),
    Para(RU_BODY_2),
    Para("^{*}Работа выполнена при поддержке гранта молодых учёных.", 8),
], [Columns(LEFT_COLUMN, RIGHT_COLUMN)]]
KK_ARTICLE = [[
    Para("Ашық деректер және жергілікті бюджеттің айқындығы", 15, "B", "C"),
    Para("Сейітқали Н.Б.^{1}", 10, "", "C"),
    Para("^{1}Әл-Фараби атындағы Қазақ ұлттық университеті, Алматы, Қазақстан", 9, "", "C", 0.5),
    Para("e-mail: seitkali@example.kz", 9, "", "C", 4),
    Para("Аңдатпа. Мақалада жергілікті бюджет туралы ашық деректердің сапасы қарастырылады.", 9),
    Para("Түйін сөздер: ашық деректер, бюджет, айқындық.", 9, "", "L", 4),
    Para("Кіріспе", 11, "B"),
    Para(KK_BODY),
], [
    Para(KK_BODY_2),
    Para("Әдебиеттер тізімі", 10, "B"),
    Para("1. Оспанов Қ.Т. Ашық үкімет. – Астана, 2020. – 150 б."),
    Para("2. Бекова А.С. Бюджет айқындығы // ҚазҰУ хабаршысы. – 2021. – № 2. – 40–48 б."),
]]
IMPRINT = [[
    Para("Научное издание", 10, "B", "C"),
    Para("Материалы конференции «Жас ғалым»", 10, "", "C"),
    Para("Подписано в печать 20.04.2024. Формат 60×84 1/16. Тираж 100 экз.", 9, "", "C"),
]]


def write_volume(folder: Path) -> Path:
    """Write the volume as four PDFs into `folder` and return it; `volume_order()` is the order
    the volume prints them in (not their name order)."""
    folder.mkdir(parents=True, exist_ok=True)
    make_layout_pdf(folder / "00_title.pdf", TITLE_PAGE)
    make_layout_pdf(folder / "b_ru.pdf", RU_ARTICLE, running_head=HEAD, first_number=11,
                    head_on_first_page=True)
    make_layout_pdf(folder / "a_kk.pdf", KK_ARTICLE, running_head=HEAD, first_number=13,
                    head_on_first_page=True)
    make_layout_pdf(folder / "zz_imprint.pdf", IMPRINT)
    return folder


def write_single_pdf(path: Path) -> Path:
    """The same volume as one PDF (title page, the two articles on pages 11-14, imprint): the
    article pages carry the running head and their numbers."""
    pages = TITLE_PAGE + RU_ARTICLE + KK_ARTICLE + IMPRINT
    heads = [None, HEAD, HEAD, HEAD, HEAD, None]
    numbers = [None, 11, 12, 13, 14, None]
    return make_layout_pdf(path, pages, running_head=heads, first_number=numbers)


def volume_order() -> list[str]:
    return ["00_title.pdf", "b_ru.pdf", "a_kk.pdf", "zz_imprint.pdf"]


# What a reader finds in the two articles, field by field.
EXPECTED = {
    "b_ru.pdf": {
        "title": "Оценка качества цифровых услуг в местном самоуправлении",
        "authors": [("Иванов А.Б.", "Казахский национальный университет, Алматы, Казахстан"),
                    ("Петрова В.Г.", "Институт государственного управления, Астана, Казахстан")],
        "email": "ivanov@example.kz",
        "pages": [11, 12],
        "language": "ru",
        "abstract": "В статье оценивается качество цифровых услуг акиматов",
        "keywords": ["цифровые услуги", "местное самоуправление", "качество"],
        "references": 3,
    },
    "a_kk.pdf": {
        "title": "Ашық деректер және жергілікті бюджеттің айқындығы",
        "authors": [("Сейітқали Н.Б.",
                     "Әл-Фараби атындағы Қазақ ұлттық университеті, Алматы, Қазақстан")],
        "email": "seitkali@example.kz",
        "pages": [13, 14],
        "language": "kk",
        "abstract": "Мақалада жергілікті бюджет туралы ашық деректердің сапасы",
        "keywords": ["ашық деректер", "бюджет", "айқындық"],
        "references": 2,
    },
}
