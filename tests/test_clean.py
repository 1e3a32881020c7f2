"""clean: each rule on a small text of its own."""
from __future__ import annotations

import pytest

from generator.ingest.clean import clean, detect_layout
from generator.model import SourceText


def spaced(*lines: str) -> SourceText:
    raw = []
    for line in lines:
        raw += [line, ""]
    return SourceText("t.txt", raw)


def blocks(src):
    return clean(src).blocks


def test_detect_layout():
    assert detect_layout(["a", "", "b", "", "c", ""]) == "spaced"
    assert detect_layout(["a", "b", "c", "", "d"]) == "compact"


def test_lookalikes_and_numero():
    b = blocks(spaced("Cондай-ақ мəселелеріне No 157 заң, the Cat stays Latin."))[0]
    assert b.text == "Сондай-ақ мәселелеріне № 157 заң, the Cat stays Latin."


def test_wrapped_lines_and_page_break_mid_sentence_are_joined():
    long = "Бұл өте ұзын жол, оның ішінде көп сөз бар және ол абзацтың ортасында тұр "
    bs = blocks(spaced(long, " жалғасы жаңа беттен басталады. ", "Жаңа абзац."))
    assert bs[0].text.endswith("тұр жалғасы жаңа беттен басталады.")
    assert bs[0].line_start == 1 and bs[0].line_end == 3
    assert bs[0].line_at(len(bs[0].text) - 3) == 3


def test_hyphenation_uses_the_volumes_vocabulary():
    long = "Мемлекеттік басқару реформасы туралы айтқанда мынаны ескеру керек, мем-"
    bs = blocks(spaced("Мемлекеттік органдар туралы сөз.  ", long, "лекеттік органдар жан-", "жақты талданды."))
    text = bs[-1].text
    assert "мемлекеттік органдар" in text
    assert "жан-жақты" in text


def test_russian_split_word_joined_compound_kept():
    line1 = "Развитие государственного управления в Республике Казахстан требует госу-"
    bs = blocks(spaced("Государство и общество.  ", line1, "дарственной поддержки и социально-",
                       "экономических реформ."))
    assert "государственной поддержки" in bs[-1].text
    assert "социально-экономических" in bs[-1].text


def test_bullets_and_numbered_items():
    bs = blocks(spaced("Артықшылықтары:  ", "\uf0d8 бірінші артықшылық; ", "\uf0d8 екінші артықшылық. ",
                       "1. Бірінші қорытынды. ", "2. Екінші қорытынды. ", "4. Төртінші қорытынды."))
    kinds = [(b.kind, b.number) for b in bs]
    assert kinds[1:3] == [("bullet", None), ("bullet", None)]
    assert [n for k, n in kinds if k == "numbered"] == ["1.", "2.", "4."]
    assert bs[1].text == "бірінші артықшылық;"


def test_pdftotext_furniture_removed_and_pages_kept():
    pages = []
    words = ["сайлау", "реформа", "заң", "парламент", "мәслихат", "әкім", "жолдау", "референдум"]
    for n in (5, 6, 7):
        body = [f"{words[(n + i) % 8].capitalize()} туралы {words[(n * i) % 8]} {i}-сөйлем {n}." for i in range(8)]
        pages.append("\n".join(["ХАБАРШЫ. Саясаттану сериясы", *body, str(n)]))
    raw = "\f".join(pages).split("\n")
    c = clean(SourceText("p.txt", raw))
    text = " ".join(b.text for b in c.blocks)
    assert "ХАБАРШЫ" not in text
    assert not any(b.text.strip().isdigit() for b in c.blocks)
    assert {b.page for b in c.blocks} == {5, 6, 7}


def test_a_number_at_a_page_edge_that_counts_no_pages_is_text():
    """A table's cell or a year cut from a reference at a page's foot is no page number unless
    another page near it carries the number that counts on to it."""
    words = ["самоуправление", "бюджет", "слушания", "совет", "акимат", "выборы", "закон",
             "регион", "контроль"]

    def page(n: int) -> list[str]:
        return [f"{words[(3 * n + k) % 9].capitalize()} и {words[(5 * n + 2 * k) % 9]} в "
                f"работе {words[(7 * n + k) % 9]}а." for k in range(3)]

    raw = [*page(1), "Размер словаря", "88",
           "\f" + page(2)[0], *page(2)[1:], "[3] Проект RADOMS // 2017 //", "2017",
           "\f" + page(3)[0], *page(3)[1:], "Конец статьи."]
    removed = clean(SourceText("p.txt", raw)).removed
    assert [(raw[n - 1], rule) for n, rule in removed] == []
    # The same numbers counting the pages are page numbers
    numbered = [*page(1), "12", "\f" + page(2)[0], *page(2)[1:], "13",
                "\f" + page(3)[0], *page(3)[1:], "14"]
    removed = clean(SourceText("p.txt", numbered)).removed
    assert [(numbered[n - 1], rule) for n, rule in removed] == [
        ("12", "page-number"), ("13", "page-number"), ("14", "page-number")]


def compact(*lines: str) -> SourceText:
    return SourceText("c.txt", list(lines))


def test_single_page_header_with_issn_or_wide_gap_is_furniture():
    body = ["Первая строка текста статьи о местном самоуправлении и выборах.",
            "Вторая строка текста статьи о бюджете и общественных советах."]
    raw = ["ЖУРНАЛ. Серия права", *body, "7",
           "\fISSN 1563-0358                          Вестник. Серия права", *body, "8",
           "\fЖУРНАЛ. Серия права", *body, "9"]
    c = clean(SourceText("p.txt", raw))
    text = " ".join(b.text for b in c.blocks)
    assert "ISSN" not in text and "ЖУРНАЛ" not in text


def test_keyword_list_ends_at_its_full_stop():
    bs = blocks(compact("Ключевые слова: акимат, бюджет, выборы, общественный совет, прозрачность.",
                        "Законодательная база местного самоуправления была создана в 2009 году, когда",
                        "были приняты поправки в ряд законов."))
    assert bs[0].text.endswith("прозрачность.") and bs[1].text.startswith("Законодательная")


def test_title_in_capitals_after_a_finished_sentence_starts_a_block():
    bs = blocks(compact("3. Петров В.Г. Общественные советы: практика работы. – Астана, 2021. – 96 с.",
                        "OPEN BUDGET DATA IN REGIONAL GOVERNMENT", "Dana Seitova, John Miller"))
    assert [b.text for b in bs[1:]] == ["OPEN BUDGET DATA IN REGIONAL GOVERNMENT",
                                        "Dana Seitova, John Miller"]


def test_author_line_is_not_joined_with_the_post_below():
    bs = blocks(spaced("Ж.Ж. Лебедев", "магистрант 2 курса образовательной программы «Политология»"))
    assert [b.text for b in bs] == ["Ж.Ж. Лебедев",
                                    "магистрант 2 курса образовательной программы «Политология»"]


def test_first_reference_after_its_heading_is_numbered():
    bs = blocks(spaced("Список литературы", "1. Иванов А.Б. Советы. – Астана, 2020.",
                       "2. Петров В.Г. Бюджет. – Алматы, 2021."))
    assert [(b.kind, b.number) for b in bs[1:]] == [("numbered", "1."), ("numbered", "2.")]


def test_old_kazakh_font_letters_and_mojibake_are_repaired(tmp_path):
    """ѓ њ ќ ї ў of the old Kazakh fonts become ғ ң қ і ү (when the file has several such words),
    and a line of cp1251 read as cp1252 becomes Cyrillic again; other text is untouched."""
    from generator.model import SourceText

    lines = ["ЌАЗАЌ ТЇЛЇНДЕГЇ ТЕРМИНДЕР", "Ауыл шаруашылыѓы терминдерїнїњ сөздїгї",
             "Ñæàòèå ïåðâè÷íîé èíôîðìàöèè", "Café au lait"]
    blocks = clean(SourceText("t.txt", lines)).blocks
    text = " ".join(b.text for b in blocks)
    assert "ҚАЗАҚ ТІЛІНДЕГІ" in text and "шаруашылығы терминдерінің сөздігі" in text
    assert "Сжатие первичной информации" in text and "Café au lait" in text


def test_an_old_kazakh_font_takes_three_words_with_its_letters_none_ukrainian():
    """A word counts once however many such letters it has (`терминдерїнїњ`); a word with
    є or ґ is Ukrainian, and a Ukrainian or Macedonian reference alone makes no old font."""
    from generator.language.textutil import has_old_kazakh_font

    assert not has_old_kazakh_font("терминдерїнїњ шаруашылыѓы\nЄвропейської ґанку")
    assert not has_old_kazakh_font("Їжак ґанку, їхній єдиний")
    assert has_old_kazakh_font("терминдерїнїњ шаруашылыѓы\nсөздїгї")
    assert has_old_kazakh_font("ЌАЗАЌ, ТЇЛЇНДЕГЇ. ЅЎ-ўй")


def test_section_headings_are_headings_not_list_items():
    """`1. Кіріспе`, `2 DATA AND METHODS` and a short `Метод` between two paragraphs become
    headings; a list of short numbered items stays a list."""
    from generator.pages.mdtext import blocks_to_markdown
    from generator.model import SourceText

    para = ("Бұл зерттеуде ауылдық округтердегі сайлау тәжірибесі жан-жақты талданып, оның "
            "негізгі нәтижелері мен қиындықтары сипатталады.")
    lines = ["1. Кіріспе", para, "", "Метод", para, "", "2 DATA AND METHODS", para, "",
             "Жоспар:", "1. Талдау", "2. Жобалау", "3. Енгізу", "", para]
    md = blocks_to_markdown(clean(SourceText("t.txt", lines)).blocks)
    assert "## 1. Кіріспе" in md and "## Метод" in md and "## 2 DATA AND METHODS" in md
    assert "1. Талдау" in md and "## 1. Талдау" not in md


def test_soft_hyphen_and_hyphenated_particles():
    from generator.model import SourceText

    lines = ["Мақалада аймақтық орталықтарының инфра\u00ad", "құрылымын жаңғырту қарастырылады.", "",
             "Выделить сигналы, испускаемые дефектами в каком-", "либо объекте, из общего массива."]
    text = " ".join(b.text for b in clean(SourceText("t.txt", lines)).blocks)
    assert "инфрақұрылымын" in text and "каком-либо" in text


def test_a_soft_hyphen_inside_a_line_is_a_printed_hyphen_where_line_ends_use_it_too():
    # Some PDF fonts give every hyphen as U+00AD: at a line end it is hyphenation, inside a line
    # a hyphen the page prints. Soft hyphens only inside lines are hints, invisible in print.
    pdf = ["Оценка малых P\u00adзначений в тесте пред\u00ad", "ставленности наборов генов, с.",
           "471\u00ad505, во\u00adпервых, описана мо\u00ad", "дель и её свой\u00ad", "ства."]
    text = " ".join(b.text for b in clean(SourceText("t.txt", pdf)).blocks)
    assert "P-значений" in text and "471-505, во-первых" in text
    assert "представленности" in text and "модель и её свойства" in text
    web = ["Мо\u00adдель очере\u00adдей описана в работе.", "", "Ин\u00adфра\u00adструк\u00adту\u00adра сети."]
    text = " ".join(b.text for b in clean(SourceText("t.txt", web)).blocks)
    assert "Модель очередей описана" in text and "Инфраструктура сети" in text


RUNNING = ("Сети доставки контента распределяют запросы между узлами, а модель очередей "
           "оценивает время ответа")


@pytest.mark.parametrize("last,title", [
    ("https://github.com/example-", "ОЦЕНКА ЗАДЕРЖЕК В СЕТЯХ"),  # a link cut at a hyphen
    ("Springer,", "Исследование задачи размещения"),  # a reference's stub that runs on
])
def test_a_page_opening_with_a_title_is_not_joined_to_the_line_before(last, title):
    bs = blocks(compact(RUNNING + ",", "и сравнивается с измерениями на стенде.", last, "",
                        "\f" + title, "Орлов П. С."))
    assert [b.line_start for b in bs if b.text.startswith(title)] == [5], [b.text for b in bs]


def test_running_text_still_runs_on_across_a_page_break():
    bs = blocks(compact(RUNNING + ",", "\fСети доставки контента распределяют запросы."))
    assert bs[0].text.endswith("ответа, Сети доставки контента распределяют запросы.")


def test_a_line_at_two_far_page_tops_is_text_a_running_head_repeats():
    # Spaced layout: a leading space opens a page. The head tops three pages; the title opens
    # two pages far apart (the same article printed twice): text, kept.
    head, title = " Жас ғалымдар форумы ", " Сайлау жүйесіндегі реформалар "
    words = "бірінші екінші үшінші төртінші бесінші алтыншы жетінші сегізінші тоғызыншы".split()
    body = [f"Мақаланың {w} жолы жалғасады және бұл жол толық жол болып саналады." for w in words]
    src = spaced(body[0], head, body[1], title, body[2], head, body[3], " " + body[4], body[5],
                 head, body[6], " " + body[7], body[8], title, body[0])
    c = clean(src)
    texts = " ".join(b.text for b in c.blocks)
    assert texts.count("Сайлау жүйесіндегі реформалар") == 2
    assert "форумы" not in texts
    assert [rule for _, rule in c.removed].count("running-head") == 3


@pytest.mark.parametrize("affiliation, title", [
    ("2Казахский национальный женский педагогический университет, Алматы, Казахстан",
     ["ФОРМИРОВАНИЕ И ОСОБЕННОСТИ УПОТРЕБЛЕНИЯ", "СЕЛЬСКОХОЗЯЙСТВЕННЫХ ТЕРМИНОВ"]),
    ("2Kazakh National Women's Teacher Training University, Almaty, Kazakhstan",
     ["FORMATION AND USE OF AGRICULTURAL TERMS", "IN THE KAZAKH LANGUAGE"]),
])
def test_copied_text_a_title_in_capitals_below_an_affiliation_opens_a_paragraph(affiliation,
                                                                                   title):
    # No empty line (text copied from a viewer): a Kazakh article's summary in another language,
    # its affiliation as long as the text's lines, then its title.
    bs = blocks(compact("Г.Т. Нургалиева1, К.Б. Сарсенов2",
                        "1Кызылординский университет имени Коркыт Ата, Кызылорда, Казахстан",
                        affiliation, *title, "Аннотация. В статье рассматриваются пути."))
    texts = [b.text for b in bs]
    assert " ".join(title) in texts and texts[texts.index(" ".join(title)) - 1].endswith(
        affiliation), texts


def test_spaced_furniture_atop_the_text_and_a_numbered_page():
    # Spaced layout, a journal's alternating heads: one tops the text's first page (no leading
    # space there) and its third; the other, the ISSN and the journal's name far apart, tops
    # the page whose number (23) stands above it. A title the article's pages repeat as their
    # head stays where it stands over the authors.
    head = "ҚазҰУ ХАБАРШЫСЫ. Экономика сериясы. №1 (147). 2024"
    issn = "ISSN 1563-0358                      Вестник КазНУ. Серия экономическая"
    words = "бірінші екінші үшінші төртінші бесінші алтыншы жетінші сегізінші".split()
    body = [f"Мақаланың {w} жолы жалғасады және бұл жол толық жол болып саналады." for w in words]
    src = spaced(head, *body[:3], "23", " " + issn, *body[3:6], "24", " " + head, *body[6:])
    c = clean(src)
    assert [(n, rule) for n, rule in c.removed] == [
        (1, "running-head"), (9, "page-number"), (11, "issn-line"), (19, "page-number"),
        (21, "running-head")]
    assert " ".join(b.text for b in c.blocks) == " ".join(body)
    title = "Кэширование ответов на краю сети"
    src = spaced(title, "Орлов П. С., студент, orlov@example.com", *body[:2], "23",
                 " " + title, *body[2:4], "24", " " + title, *body[4:])
    c = clean(src)
    assert [n for n, rule in c.removed if rule == "running-head"] == [11, 19]
    assert c.blocks[0].text == title


def test_spaced_a_references_heading_atop_nearby_pages_is_text():
    # Two articles' reference lists each begin a page, two pages apart: the heading is the
    # text's own (a label), not a running head, as on pages a form feed opens.
    words = "бірінші екінші үшінші төртінші бесінші алтыншы".split()
    body = [f"Мақаланың {w} жолы жалғасады және бұл жол толық жол болып саналады." for w in words]
    refs = " Пайдаланылған әдебиеттер тізімі"
    src = spaced(*body[:2], "23", refs, "1. Омарова Е.А. Құқықтық мемлекет // Саясат. – 2012.",
                 *body[2:4], "24", " " + body[4], "25", refs, "1. Нұрланов К.Ж. Әкім // Саясат.")
    c = clean(src)
    assert [rule for _, rule in c.removed] == ["page-number"] * 3
    assert [b.text for b in c.blocks].count(refs.strip()) == 2


@pytest.mark.parametrize("title", [
    ["Кэширование ответов на краю сети"],
    # A title of four or five short lines, in capitals or not, its last line may end in a stop.
    ["РЕАЛИЗАЦИЯ ГРАФИЧЕСКИХ ПРИМИТИВОВ", "И ОКОННОГО МЕНЕДЖЕРА ДЛЯ", "ПОСТРОЕНИЯ ИНТЕРФЕЙСОВ",
     "НА ЯЗЫКЕ POSTSCRIPT"],
    ["Реактивный алгоритм достижения", "роботом подвижной цели на сцене с", "движущимися и",
     "деформирующимися препятствиями", "на плоскости."],
])
@pytest.mark.parametrize("before", [
    ["[5] Tosato F. Simplified demapper // Communications. — 2002. — С. 664."],
    # The entry's last line ends in its pages, with no stop.
    ["[5] Tosato F., Bisaglia P. Simplified soft-output demapper for binary",
     "interleaved COFDM, Communications, Volume 4, Pages 64-70"],
])
def test_copied_text_a_title_above_an_author_line_opens_a_paragraph(title, before):
    # No empty line, no page break: the reference entry above ends where the title begins.
    bs = blocks(compact(*before, *title,
                        "Орлов П. С., студент кафедры информатики, p.orlov@example.org"))
    assert [b.line_start for b in bs][:2] == [1, len(before) + 1], [b.text for b in bs]


def _pages(*pages: list[str]) -> SourceText:
    raw: list[str] = []
    for n, page in enumerate(pages):
        raw += [("\f" if n and not k else "") + line for k, line in enumerate(page)]
    return SourceText("p.txt", raw)


_LINES = [f"Строка {w} текста статьи о бюджете, советах и выборах в регионе." for w in
          "первая вторая третья четвёртая пятая шестая седьмая восьмая девятая десятая "
          "одиннадцатая двенадцатая".split()]


def test_a_title_its_pages_repeat_as_their_running_head_stays_on_its_first_page():
    # The journal prints each article's title atop its pages: on the first page, above the
    # authors, the same line is the title.
    title = "Кэширование ответов на краю сети"
    c = clean(_pages(_LINES[:3], [title, "Орлов П. С., студент, orlov@example.com", *_LINES[3:6]],
                     [title, *_LINES[6:9]], [title, *_LINES[9:]]))
    assert [" ".join(b.text for b in c.blocks).count(title), len(c.removed)] == [1, 2]


def test_running_text_and_footnote_marks_at_page_edges_are_no_furniture():
    # A line cut from a sentence that ends two pages near each other, and a footnote's mark
    # above its text at the foot of the page, counting 1, 2 over two pages: the text's own.
    raw = _pages([*_LINES[:3], "непротиворечивому состоянию."], [*_LINES[3:6], "1",
                 "Program status word, слово состояния программы."],
                 [*_LINES[6:9], "непротиворечивому состоянию.", "2", "BAP Instruction Language."])
    assert clean(raw).removed == []


def test_furniture_of_a_text_whose_page_breaks_were_lost():
    # No form feed: page numbers that count up over the whole text and the heads next to them
    # (alternating, one with its ISSN) are still furniture; a page begins after them. A section
    # heading next to a number that the contents list too, and numbers that count up over a few
    # pages only (a figure's axis), are text.
    head, issn = "Вестник университета. Серия экономика. №1 (47). 2024", "ISSN 1563-0358"
    raw = [head, "Секция 1. Экономика", *_LINES[:4], "23", issn, "Секция 1. Экономика",
           *_LINES[4:8], "0", *_LINES[8:], "24", head, *_LINES[:4], "1", *_LINES[4:10], "25",
           issn, *_LINES[10:], *_LINES[:6], "26"]
    c = clean(compact(*raw))
    assert [(raw[n - 1], rule) for n, rule in c.removed] == [
        (head, "running-head"), ("23", "page-number"), (issn, "running-head"),
        ("24", "page-number"), (head, "running-head"), ("25", "page-number"),
        (issn, "running-head"), ("26", "page-number")]
    assert [b.line_start for b in c.blocks if b.page_start] == [2, 9, 21, 34]
    # Numbers that count up over a few pages of a long text: a figure's axis, kept.
    axis = [*_LINES, "1", *_LINES, "2", *_LINES, "3", *(_LINES * 10)]
    assert clean(compact(*axis)).removed == []


def test_a_head_over_the_authors_running_head_and_two_numbers_at_a_foot_are_furniture():
    # A conference head atop each page, the article's authors as its own running head under it:
    # the head is no title (the line under it is furniture too). A page ending in two numbers
    # (the journal's and the volume's) ends in page numbers both.
    head, names = "Proceedings of the conference, page header", "Орлов П. С., Самойлова Д. К."
    c = clean(_pages([head, *_LINES[:3], "201", "1"], [head, names, *_LINES[3:6], "202", "2"],
                     [head, names, *_LINES[6:9], "203", "3"], [head, names, *_LINES[9:], "204", "4"]))
    kept = " ".join(b.text for b in c.blocks)
    assert "Proceedings" not in kept and "Орлов" not in kept
    assert not any(b.text.isdigit() for b in c.blocks)


def test_a_large_file_joined_on_several_cores_gives_the_blocks_of_one_run():
    """A file past parallel.MIN_CHARS is joined in runs that begin after an empty line, on all
    cores (its characters fixed and its words counted in parts before): the same blocks,
    offsets and rule counts, in the same order, as one run over the whole file. (In a fresh
    interpreter: the test runner's own threads keep parallel.py from forking.)"""
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    code = """
import pickle, sys
from pathlib import Path
from generator.ingest import clean as C
from generator.ingest.read import read_input
from generator.util import parallel
(src,) = read_input(Path("content/raw"))
split = lambda lines: C_runs(lines, least=64)  # (runs of a small file)
C_runs = C._runs
def run(min_chars, whole=False):
    parallel.MIN_CHARS = min_chars
    C._runs = (lambda lines: [(0, len(lines))]) if whole else split
    out = C.clean(src)
    return [(b.kind, b.text, b.line_start, b.line_end, b.offsets, b.number) for b in out.blocks], \\
        list(out.changes.items())
lines = C.physical_lines(src, C.detect_layout(src.lines), C.Counter())
sizes = [sum(len(ln.text) for ln in lines[a:b]) for a, b in split(lines)]
sys.stdout.buffer.write(pickle.dumps((run(10**12, whole=True), run(0), len(sizes),
                                      parallel.will_fork(sizes))))
"""
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, cwd=root, check=True)
    import pickle

    one, spread, runs, forked = pickle.loads(proc.stdout)
    assert runs >= 2 and forked
    assert spread == one
    assert any(rule == "unwrap-lines" for rule, _ in one[1])


def _blocks_and_counts(cleaned):
    return ([(b.kind, b.text, b.line_start, b.line_end, b.page, b.number, b.page_start, b.offsets)
             for b in cleaned.blocks], list(cleaned.changes.items()), cleaned.removed)


@pytest.mark.parametrize("shape", ["spaced-dense", "pdftotext"])
def test_a_memo_of_the_last_clean_joins_only_what_an_edit_touched(tmp_path, monkeypatch, shape):
    """With the memo a preview keeps, a clean after an edit gives what a fresh clean gives (an
    edited word, a line inserted or removed, words added that change how hyphens elsewhere are
    read), joining again only the runs whose lines or hyphenation answers changed. Runs are
    short in both raw layouts, pdftotext's too, whose text has an empty line only every 2 KB or
    so."""
    import dataclasses
    import re

    from bench.shapes import make_shape
    from generator.ingest import clean as C
    from generator.ingest.read import read_input

    made = make_shape(shape, tmp_path, n=24, seed=3)
    (src,) = [s for s in read_input(tmp_path) if s.name == made.paths[0].name]
    joined = []
    unwrap_run = C._unwrap_run
    monkeypatch.setattr(C, "_unwrap_run", lambda lines, first, *a, **k: (
        joined.append(first), unwrap_run(lines, first, *a, **k))[1])
    memo = C.CleanMemo()
    assert _blocks_and_counts(clean(src, memo)) == _blocks_and_counts(clean(src))
    runs = len(memo.runs)
    assert runs >= 8 and max(len("".join(r[1] for r in j.blocks)) for j in memo.runs.values()) \
        < 40_000

    lines = list(src.lines)
    mid = next(i for i in range(len(lines) // 2, len(lines)) if len(lines[i].split()) > 5)
    first_word = lines[mid].split()[1]
    step = 2 if shape == "spaced-dense" else 1  # (the next text line: after an empty one)
    hyphens = [(re.findall(r"[^\W\d_]+", lines[i])[-1],
                re.findall(r"[^\W\d_]+", lines[i + step])[0])
               for i in range(len(lines) - 2) if lines[i].rstrip().endswith("-")
               and re.match(r"[^\W\d_]", lines[i + step])]
    assert len(hyphens) >= 10
    # The compounds of the hyphenated words, written whole near the end: their line-end hyphens
    # now stay (keep-compound-hyphen), wherever they are
    compounds = " ".join(f"{a}-{b}" for a, b in hyphens[:10] if len(a) > 1 and len(b) > 1)
    edits = {
        "word": lines[:mid] + [lines[mid].replace(first_word, first_word + "ы", 1)] + lines[mid + 1:],
        "insert": lines[:mid] + ["Жаңа жол осында.", ""] + lines[mid:],
        "remove": lines[:mid] + lines[mid + 2:],
        "vocabulary": lines[:-4] + [compounds, ""] + lines[-4:],
        # long lines at the end, enough to change the text's typical width: which lines stop
        # short (and end a paragraph) changes in every run
        "width": lines + [" ".join(["жол"] * 60), ""] * (len(lines) // 2),
    }
    for name, edited in edits.items():
        clean(src, memo)  # the memo of the unedited file
        joined.clear()
        changed = dataclasses.replace(src, lines=edited)
        with_memo = clean(changed, memo)
        reused = runs - len(joined)
        assert _blocks_and_counts(with_memo) == _blocks_and_counts(clean(changed)), name
        fresh = C.CleanMemo()
        clean(changed, fresh)  # (its vocabulary counted afresh: it has none from before)
        assert memo.vocabulary == fresh.vocabulary, name
        assert memo.vocabulary.has_prefix("") and memo.vocabulary._sorted == fresh.vocabulary._sorted
        if name == "vocabulary":
            assert 1 <= reused < runs - 1, name  # the hyphens' runs joined again
            assert with_memo.changes["keep-compound-hyphen"] > clean(src).changes["keep-compound-hyphen"]
        elif name == "width":
            assert len(joined) >= runs, name  # all joined again: at another width
        else:
            # the edited run (the two an inserted empty line cut it into), the one after a
            # moved end
            assert reused >= runs - 3, name


def _fixture_text(name: str):
    from generator.ingest.read import read_input
    from jinaq_testing import FIXTURES

    [src] = read_input(FIXTURES / "volumes" / name)
    return src


def _memo_clean(src, lines: list[str]):
    """`src` with `lines` cleaned with the memo of `src`'s own clean (as a preview keeps it);
    asserts it is what a fresh clean gives, and returns it."""
    import dataclasses

    from generator.ingest import clean as C

    memo = C.CleanMemo()
    clean(src, memo)
    changed = dataclasses.replace(src, lines=lines)
    with_memo = clean(changed, memo)
    assert _blocks_and_counts(with_memo) == _blocks_and_counts(clean(changed))
    return with_memo


def test_a_memo_clean_follows_page_numbers_changed_around_unchanged_text():
    """Page numbers are furniture: removed before lines are joined, they give each line its
    page. An editor who corrects the printed numbers (here: each one 100 more) changes no line
    that is joined, only the pages of all of them; a clean with the memo must give every block
    its new page, as a fresh clean does."""
    import re

    src = _fixture_text("v6_pdftotext_kk_journal.txt")
    renumbered = [re.sub(r"^(\s*)(\d{1,3})(\s*)$", lambda m: f"{m[1]}{int(m[2]) + 100}{m[3]}",
                         line) for line in src.lines]
    pages = [b.page for b in _memo_clean(src, renumbered).blocks if b.page is not None]
    assert pages and pages == [b.page + 100 for b in clean(src).blocks if b.page is not None]


def test_a_memo_clean_follows_a_soft_hyphen_added_at_a_line_end():
    """A soft hyphen at a line's end is taken off the line's text and marks the line as
    ending inside a word: with it the next line joins without a space. An editor who adds one
    changes no line's text as the joiner reads it, only that mark; a clean with the memo must
    join the word, as a fresh clean does."""
    src = _fixture_text("v6_pdftotext_kk_journal.txt")
    lines = list(src.lines)
    n = next(i for i in range(len(lines) // 2, len(lines) - 1)
             if len(lines[i].split()) > 5 and lines[i][-1:].isalpha()
             and lines[i + 1][:1].islower())
    lines[n] += "\u00ad"
    joined = src.lines[n].split()[-1] + src.lines[n + 1].split()[0]
    assert any(joined in b.text for b in _memo_clean(src, lines).blocks)


def test_a_memo_clean_follows_a_page_break_taken_out():
    """A form feed is no part of a line's text: it makes the line a page's first. In a text
    whose pages print no number, an editor who takes one out (a page break inside a paragraph)
    changes no line's text, only that mark; a clean with the memo must join as a fresh clean
    does, for each page break taken out in turn."""
    import dataclasses
    import re

    src = _fixture_text("v7_pdftotext_ru_conference.txt")
    unnumbered = [line for line in src.lines
                  if not re.fullmatch(r"\s*\d{1,3}\s*", line.lstrip("\f"))]
    src = dataclasses.replace(src, lines=unnumbered)
    breaks = [i for i, line in enumerate(unnumbered) if line.startswith("\f")][1:-1]
    assert len(breaks) >= 5
    for n in breaks:
        _memo_clean(src, unnumbered[:n] + [unnumbered[n][1:]] + unnumbered[n + 1:])


MIXED_LINES = [
    "", "Cондай-ақ мəселелеріне", "бірінші жол  ", "Сөйлем бітті.  ", "тасы\u00ad", "тасы\u00adмал",
    "Ñîöèàëüíàÿ ïîëèòèêà ãîñóäàðñòâà", "No 157 заң", "Invoice No 5", "Ordinary English line",
    "Әдеттегі қазақ жолы", "Latin Əlem", "word\tand", "шетінде бос орын\u00a0", "pαrt", "",
    "kaзақ", "жоқ", "Нo 3", "Қазақстандағы и\u0306гі", "бос орын \u3000",
]


@pytest.mark.parametrize("old_font", [False, True])
@pytest.mark.parametrize("soft", ["", "-"])
def test_fixing_a_file_at_once_gives_what_fixing_each_line_gives(old_font, soft):
    from collections import Counter

    from generator.ingest.clean import Line, fix_characters, fix_lines

    for lines in (MIXED_LINES, MIXED_LINES[2:], ["Әдеттегі жол", "Ñîöèàëüíàÿ ïîëèòèêà ãîñóäàðñòâà"],
                  ["", "жол"], []):
        raw = [Line(n, text) for n, text in enumerate(lines, 1)]
        one_by_one: Counter = Counter()
        expected = [fix_characters(ln, one_by_one, old_font, soft) for ln in raw]
        at_once: Counter = Counter()
        assert fix_lines(raw, at_once, old_font, soft) == expected
        assert list(at_once.items()) == list(one_by_one.items())  # (the same rules, in order)


def test_a_file_fixed_in_parts_finds_what_one_pass_finds():
    """The parts a large file is fixed and counted in (on other cores) give the lines, the
    vocabulary and the title openers of one pass, openers near a part's edge included: text
    copied from a PDF viewer, cut into many parts. (In a fresh interpreter, so that it forks.)"""
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    code = """
from collections import Counter
from pathlib import Path
from generator.ingest import clean as C
from generator.ingest.read import read_input
from generator.util import parallel
parallel.MIN_CHARS = 0
(src,) = read_input(Path("tests/fixtures/extract/ru_copied_from_viewer.txt"))
lines = C.physical_lines(src, C.detect_layout(src.lines), Counter())
one = C.fix_lines(lines, Counter())
for parts in range(2, 40):  # (some part edges fall within a title's reach of its opener)
    fixed, vocab, opens = C._fixed_and_counted(lines, Counter(), False, "", parts=parts)
    assert opens is not None and parallel.will_fork([1, 1])
    assert fixed == one and vocab == C.vocabulary(one)
    assert opens == C._title_openers(one) and opens, (parts, opens)
print("same")
"""
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root)
    assert proc.stdout.strip() == "same", proc.stderr


def test_a_memo_clean_finds_the_title_openers_of_the_runs_it_joins_again():
    """Text copied from a PDF viewer (titles found only by their openers): with the preview's
    memo, a clean and a clean after an edit give what a fresh clean gives."""
    import dataclasses
    from pathlib import Path

    from generator.ingest import clean as C
    from generator.ingest.read import read_input

    (src,) = read_input(Path(__file__).parent / "fixtures/extract/ru_copied_from_viewer.txt")
    assert C._title_openers(C.fix_lines(C.physical_lines(src, "compact", C.Counter()), C.Counter()))
    memo = C.CleanMemo()
    assert _blocks_and_counts(clean(src, memo)) == _blocks_and_counts(clean(src))
    lines = list(src.lines)
    mid = next(i for i in range(len(lines) // 2, len(lines)) if len(lines[i].split()) > 5)
    word = lines[mid].split()[1]
    changed = dataclasses.replace(src, lines=lines[:mid] + [lines[mid].replace(word, word + "ы", 1)]
                                  + lines[mid + 1:])
    assert _blocks_and_counts(clean(changed, memo)) == _blocks_and_counts(clean(changed))


def _kazakh_paragraphs(n: int) -> list[str]:
    """`n` paragraphs of made-up Kazakh prose, each a few wrapped lines, empty lines between."""
    words = ["білім", "жүйесі", "туралы", "заң", "мектеп", "бағдарлама", "оқыту", "әдісі",
             "зерттеу", "нәтижесі", "қоғам", "тарихы", "жаңа", "кезең", "даму", "жолы"]
    lines: list[str] = []
    for p in range(n):
        text = " ".join(f"{words[(p * 7 + k * 3) % len(words)]}{'' if k % 5 else p}"
                        for k in range(90)) + "."
        line = ""
        for word in text.split():
            if len(line) + len(word) > 70:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}".strip()
        lines += [line, ""]
    return lines


def test_a_memo_clean_asks_again_only_the_hyphens_whose_words_came_or_went(monkeypatch):
    """A line-end hyphen in Kazakh text is undone when another form of the joined word is
    written elsewhere in the file (`мұғалім-` | `дерінің`, `мұғалімдеріне`), kept when none is.
    With the preview's memo, an edit far away that removes that form gives what a fresh clean
    gives, and an edit that changes no word a hyphen's question reads asks no question again."""
    import dataclasses

    from generator.ingest import clean as C

    body = _kazakh_paragraphs(60)
    hyphen = ["Біздің мұғалім-", "дерінің жұмысы туралы.", ""]
    form = ["Сөз мұғалімдеріне арналды.", ""]
    lines = body[:20] + hyphen + body[20:100] + form + body[100:]
    src = SourceText("k.txt", lines)
    asked = []
    join = C._hyphen_join
    monkeypatch.setattr(C, "_hyphen_join", lambda *a: (asked.append(a[:2]), join(*a))[1])

    def texts(cleaned):
        return [b.text for b in cleaned.blocks]

    memo = C.CleanMemo()
    first = clean(src, memo)
    assert len(memo.runs) >= 4
    assert "Біздің мұғалімдерінің жұмысы туралы." in texts(first)
    at = 100 + len(hyphen)
    steps = [("the form removed", at, "Сөз оқушыларына арналды.", "мұғалім-дерінің"),
             ("the form back", at, "Сөз мұғалімдеріне арналды.", "мұғалімдерінің"),
             ("a word no hyphen reads", len(lines) - 10,
              lines[-10].replace("білім", "ғылым", 1) + " жаңа", None)]
    assert lines[-10].count("білім")
    for name, i, text, expected in steps:
        lines = lines[:i] + [text] + lines[i + 1:]
        changed = dataclasses.replace(src, lines=lines)
        asked.clear()
        with_memo = clean(changed, memo)
        if expected is not None:
            assert f"Біздің {expected} жұмысы туралы." in texts(with_memo), name
            assert ("мұғалім", "дерінің") in asked, name
        else:
            assert asked == [], name  # (nor has the edited run a line-end hyphen)
        assert _blocks_and_counts(with_memo) == _blocks_and_counts(clean(changed)), name


def test_what_a_hyphen_question_reads_of_the_vocabulary_is_all_the_memo_watches():
    """The preview's memo asks a line-end hyphen again only when a word its question reads came
    or went (_hyphen_reads): every word and stem _hyphen_join looks up must be among them, on
    every path it takes (particle, compound, joined word, inflected form, parts, neither)."""
    from generator.ingest import clean as C

    class Spy(C.Vocabulary):
        def __init__(self, words):
            self.read: set[str] = set()
            super().__init__(words)
            self.read.clear()  # (counting the words looked them up)

        def get(self, key, default=None):
            self.read.add(key)
            return super().get(key, default)

        def has_prefix(self, stem):
            self.read.add(stem)
            return super().has_prefix(stem)

    words = ["каком-либо", "жан-жақты", "информация", "информационных", "инфра", "структура",
             "мұғалімдеріне", "білім", "беру", "system", "systematic"]
    pairs = [("каком", "либо"), ("жан", "жақты"), ("информа", "ция"), ("информа", "ционные"),
             ("инфра", "структура"), ("мұғалім", "дерінің"), ("білім", "беру"),
             ("систе", "ма"), ("syste", "matically"), ("во", "до"), ("Қазақ", "Стан"), ("a", "b")]
    for left, right in pairs:
        vocab = Spy(words)
        C._hyphen_join(left, right, vocab)
        assert vocab.read <= set(C._hyphen_reads(left, right)), (left, right)
