"""segment: cleaned blocks -> one segment per article, on small fixtures and hand-made blocks."""
from __future__ import annotations

import dataclasses
from pathlib import Path

from generator.ingest.clean import clean
from generator.model import Block
from generator.ingest.read import read_input
from generator.ingest.segment import is_prose, segment

FIXTURES = Path(__file__).parent / "fixtures" / "extract"


def segments_of(name: str):
    src = read_input(FIXTURES / name)[0]
    c = clean(src)
    return segment(src.name, c.blocks, c.total_lines)


def blocks(*texts: str) -> list[Block]:
    """One block per text, each on its own raw line (2, 4, 6, ...)."""
    return [Block("para", t, "t.txt", 2 * n + 2, 2 * n + 2, offsets=[(0, 2 * n + 2)])
            for n, t in enumerate(texts)]


BODY = ("Общественные советы были созданы в 2016 году и с тех пор собираются регулярно, "
        "обсуждая бюджет и программы развития региона.")


def test_article_without_udc_starts_at_its_title():
    segs = segments_of("ru_en_compact.txt")
    assert [s.lines for s in segs] == [[2, 21], [22, 35]]
    assert segs[1].kinds[0] == "title" and segs[1].starts_with_front_matter


def test_authors_before_title_and_second_abstract_stay_in_one_article():
    segs = segments_of("en_ru_spaced.txt")
    assert [s.lines[0] for s in segs] == [1, 33]
    assert segs[0].kinds.count("abstract") == 2


def test_front_matter_read_as_text_does_not_open_the_body():
    # An affiliation the classifier does not know is short text: the abstract after it and the
    # e-mail line stay in the same article.
    segs = segment("t.txt", blocks("УДК 342", "ЗАГОЛОВОК СТАТЬИ О СОВЕТАХ", "Иванов А.Б.",
                                   "Центр публичной политики, Астана", "e-mail: a@example.com",
                                   "Аннотация. Статья о советах.", BODY), 20)
    assert len(segs) == 1


def test_second_udc_after_the_body_opens_an_article():
    segs = segment("t.txt", blocks("УДК 342", "ЗАГОЛОВОК ПЕРВОЙ СТАТЬИ", "Иванов А.Б.", BODY,
                                   "МРНТИ 11.15", "УДК 343", "ЗАГОЛОВОК ВТОРОЙ СТАТЬИ", "Петров В.Г.",
                                   BODY), 20)
    assert [s.lines[0] for s in segs] == [2, 10]  # the classification line belongs to the second
    assert segs[1].starts_with_front_matter


def test_abstract_after_references_is_a_summary_not_an_article():
    segs = segment("t.txt", blocks("УДК 342", "ЗАГОЛОВОК СТАТЬИ", "Иванов А.Б.", BODY,
                                   "Список литературы", "1. Иванов А.Б. Советы. – Астана, 2020.",
                                   "Abstract. The article is about councils.",
                                   "Keywords: councils, budget."), 20)
    assert len(segs) == 1


def test_text_before_the_first_front_matter_is_a_cut_article():
    segs = segment("t.txt", blocks(BODY, "Список литературы", "1. Иванов А.Б. Советы.",
                                   "УДК 342", "ЗАГОЛОВОК СТАТЬИ", "Иванов А.Б.", BODY), 20)
    assert [s.lines for s in segs] == [[1, 7], [8, 20]]
    assert not segs[0].starts_with_front_matter


def test_is_prose():
    assert is_prose(BODY)
    assert not is_prose("Центр публичной политики, Астана")
    assert not is_prose("ЗАГОЛОВОК СТАТЬИ")


def test_summaries_in_other_languages_after_the_references_stay_with_their_article():
    """Kazakh journals print the title, authors, abstract and keywords again in ru and en after
    the reference list: no new article, and their abstracts and keywords join the article's
    (fixture written for this test)."""
    from pathlib import Path

    from generator.pipeline import extract_volume

    path = Path(__file__).parent / "fixtures" / "extract" / "kk_trailing_summaries.txt"
    first, second = extract_volume(path, do_enrich=False).articles
    assert sorted(first.abstracts) == ["en", "kk", "ru"]
    assert sorted(first.keywords_by_language) == ["en", "kk", "ru"]
    assert [a.name for a in first.authors] == ["А.Б. СЕЙІТҚАЛИ", "Н.К. БЕКОВА"]
    assert len(first.references) == 2
    assert second.udc == "342.8" and second.title.startswith("ЖЕРГІЛІКТІ")


def test_real_layout_heads_regions_and_no_udc():
    """A conference volume as pdftotext prints it (fixture written for this test): a title page
    and a foreword, articles with no UDC whose heads are a title (capitals or mixed case, one
    with a footnote mark on a line of its own) above author lines with posts and e-mails, one
    whose title lost its letters in extraction, and an imprint after the last reference list."""
    from generator.pipeline import extract_volume

    v = extract_volume(FIXTURES / "ru_conference_heads.txt", do_enrich=False)
    assert [(r.kind, r.lines) for r in v.regions] == [("front_matter", [1, 14]),
                                                      ("back_matter", [68, 73])]
    assert [a.lines for a in v.articles] == [[15, 33], [34, 52], [53, 67]]
    assert [a.title for a in v.articles] == [
        "ГРАФИЧЕСКИЙ ЯЗЫК ДЛЯ ОПИСАНИЯ МОБИЛЬНЫХ ПРИЛОЖЕНИЙ",
        "Статический анализ программ на языке Си с помощью абстрактной интерпретации", None]
    assert v.articles[2].front_matter_other == ["С", "Р С"]  # the lost title, kept as printed


def test_a_section_heading_between_articles_is_a_region():
    segs = segment("t.txt", blocks("ЗАГОЛОВОК ПЕРВОЙ СТАТЬИ", "Иванов А.Б., студент кафедры, a@example.com",
                                   "Аннотация", BODY, "Литература", "1. Петров П.П. Советы. – М., 2020.",
                                   "Секция 2. Информационные системы", "ЗАГОЛОВОК ВТОРОЙ СТАТЬИ",
                                   "Петров В.Г., аспирант кафедры, p@example.com", "Аннотация", BODY,
                                   "Введение", BODY), 28)
    assert [s.kind for s in segs] == ["article", "section", "article"]
    assert segs[1].blocks[0].text.startswith("Секция 2")


def test_a_doi_line_in_a_reference_list_opens_no_article():
    segs = segment("t.txt", blocks("УДК 342", "ЗАГОЛОВОК СТАТЬИ", "Иванов А.Б.", BODY, "Литература",
                                   "1. Petrov P. Councils // J. Law. 2020. Vol. 2. P. 5–9.",
                                   "DOI: 10.1234/abc.1", "2. Sidorov S. Budgets. 2021."), 20)
    assert len(segs) == 1


def test_given_name_first_authors_below_a_mixed_case_title_open_an_article():
    segs = segment("t.txt", blocks("Заголовок первой статьи о советах", "Айгерім Бекова",
                                   "Евразийский национальный университет, Астана", "Аннотация", BODY,
                                   "Литература", "1. Петров П.П. Советы. – М., 2020.",
                                   "Цифровые услуги акиматов в сельских районах",
                                   "Нұрлан Сейітов, Dana Seitova",
                                   "Карагандинский университет, Караганда", "Аннотация", BODY,
                                   "Введение", BODY), 30)
    assert len(segs) == 2 and segs[1].blocks[0].text.startswith("Цифровые услуги")


def test_without_page_breaks_a_title_takes_nothing_from_the_article_before():
    # Text copied without its form feeds: no page top shows where an article begins. The last
    # reference (authors first, a year) and a figure caption stay with the article they end.
    from generator.pipeline import extract_volume

    arts = extract_volume(FIXTURES / "ru_no_page_breaks.txt", do_enrich=False).articles
    assert [a.title for a in arts] == [
        "Моделирование очередей в сетях доставки контента",
        "Кэширование ответов на краю сети",
        "ОЦЕНКА ЗАДЕРЖЕК В БЕСПРОВОДНЫХ СЕТЯХ КАМПУСА"]
    assert [a.lines[0] for a in arts] == [1, 22, 34]
    assert [[x.name for x in a.authors] for a in arts] == [
        ["Самойлова Д. К."], ["Орлов П. С."], ["Лебедева Н. А."]]


def test_text_copied_from_a_viewer_keeps_its_titles():
    # No empty line, no page break: a title in lower case is told from the reference above it
    # by the author line under it.
    from generator.pipeline import extract_volume

    arts = extract_volume(FIXTURES / "ru_copied_from_viewer.txt", do_enrich=False).articles
    assert [a.title for a in arts] == [
        "Моделирование очередей в сетях доставки контента",
        "Кэширование ответов на краю сети для студенческого портала"]
    assert [a.lines[0] for a in arts] == [1, 12]
    assert arts[0].references[-1].startswith("Таненбаум")


def _volume(tmp_path, lines: list[str]):
    from generator.pipeline import extract_volume

    path = tmp_path / "vol.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return extract_volume(path, do_enrich=False).articles


_FIRST = ["Моделирование очередей в сетях доставки контента",
          "Самойлова Д. К., студент кафедры информатики Примерного университета, sam@example.com",
          "", "Аннотация", "В работе построена модель очередей в сети доставки контента.", "",
          "Введение", BODY, "", "Литература", "[1] Клейнрок Л. Теория массового обслуживания. – "
          "М.: Пример, 1979.", ""]


def test_a_title_whose_letters_were_lost_begins_its_article_at_the_page_top(tmp_path):
    # pdftotext lost the title's font: `Р`, `“Т`, `”` are left at the page top above the authors.
    # They open the next article (untitled, the lines kept), not end the reference list above.
    arts = _volume(tmp_path, _FIRST + [
        "\fР", "", "“Т", "", "”", "",
        "Орлов П. С., студент кафедры информатики Примерного университета, orlov@example.com",
        "", "Аннотация", "В работе описано кэширование ответов на краю сети.", "",
        "Введение", BODY])
    assert [a.lines[0] for a in arts] == [1, 13]
    assert arts[0].references == ["Клейнрок Л. Теория массового обслуживания. – М.: Пример, 1979."]
    assert arts[1].title is None and arts[1].front_matter_other[:3] == ["Р", "“Т", "”"]


def test_a_doi_line_ending_the_last_reference_stays_with_it():
    # The DOI printed under the last entry, and the next article's title at the next page top:
    # a UDC or DOI line just above a page's title belongs to its head, this one does not.
    bs = blocks("Заголовок первой статьи о советах", "Иванов А.Б., доцент, ivanov@example.com",
                "Аннотация", BODY, "Литература",
                "[1] Petrov P. Councils // J. Law. 2020. Vol. 2. P. 5–9.", "DOI:10.1234/abc.1",
                "Решение задачи о бюджетах советов", "Петров В.Г., профессор, petrov@example.com",
                "Аннотация", BODY, "Введение", BODY)
    bs[7].page_start = True
    segs = segment("t.txt", bs, 30)
    assert [s.blocks[0].text for s in segs] == [bs[0].text, bs[7].text]
    bs[7].page_start = False  # no page break, or no title: the DOI still ends the entry
    assert segment("t.txt", bs, 30)[1].blocks[0].text == bs[7].text
    assert segment("t.txt", bs[:7] + bs[8:], 30)[1].blocks[0].text == bs[8].text


def _without_breaks(lines: list[str]) -> list[str]:
    """The lines as text copied from a PDF viewer: no page break, no empty line."""
    return [ln.lstrip("\f") for ln in lines if ln.strip("\f").strip()]


_SECOND = ["Орлов П. С., студент кафедры информатики Примерного университета, orlov@example.com",
           "", "Аннотация", "В работе описано кэширование ответов на краю сети.", "",
           "Введение", BODY]


def test_a_title_whose_letters_were_lost_begins_its_article_without_a_page_break(tmp_path):
    # The page break lost too: the reference entry above the letters shows where they begin.
    arts = _volume(tmp_path, _FIRST + ["А", "", ":", "1", ""] + _SECOND)
    assert [a.lines[0] for a in arts] == [1, 13]
    assert arts[0].references == ["Клейнрок Л. Теория массового обслуживания. – М.: Пример, 1979."]
    # No empty line either: `Н` and `,` are not joined to the author line under them.
    arts = _volume(tmp_path, _without_breaks(_FIRST + ["Н", ","] + _SECOND))
    assert [a.lines[0] for a in arts] == [1, 9]
    assert [x.name for x in arts[1].authors] == ["Орлов П. С."]
    # Lost letters after a line cut mid-sentence are no title: they stay where they are.
    arts = _volume(tmp_path, _FIRST[:8] + ["Значения даны в таблице для", "", "x", "", BODY])
    assert len(arts) == 1


def test_the_tail_of_a_reference_is_no_title_line(tmp_path):
    # `(дата` `обращения:` cut from a reference and set on lines of their own above the title.
    arts = _volume(tmp_path, _FIRST[:-2] + [
        "[1] Клейнрок Л. Теория массового обслуживания URL: http://example.com/a", "",
        "(дата", "", "обращения:", "", "Кэширование ответов на краю сети"] + _SECOND)
    assert arts[1].lines[0] == 17 and arts[1].title == "Кэширование ответов на краю сети"


def test_copied_text_keeps_a_title_in_capitals_over_many_lines(tmp_path):
    # No empty line, no page break: a title in capitals over six lines, one ending in a colon,
    # below a reference that ends in a DOI or a link; under it an author line with names only.
    title = ["АНАЛИЗ РАЗВИТИЯ АТАКИ", "КАК СЛУЧАЙНОГО ПРОЦЕССА С", "ДИСКРЕТНЫМ ВРЕМЕНЕМ:",
             "ФОРМИРОВАНИЕ ПЕРЕЧНЯ", "НАИБОЛЕЕ УЯЗВИМЫХ", "ПОЛЬЗОВАТЕЛЕЙ"]
    for last in ("Decision and Control. 2019. P. 696–704. doi: 10.1007/978-3-030-12072-6_56",
                 "https://github.com/example/accord-"):
        arts = _volume(tmp_path, _without_breaks(
            _FIRST[:-1] + ["[2] Petrov P. Networks // Studies. 2019. Vol. 1. P. 6–9.", last]
            + title + ["Орлов П. С.", "orlov@example.com"] + _SECOND[2:]))
        assert [a.lines[0] for a in arts] == [1, 11], last
        assert arts[1].title == " ".join(title)


def test_a_title_in_title_case_over_many_lines_heads_its_article(tmp_path):
    # Every line of a title in title case begins with a capital, so each is a block of its own:
    # seven of them above the authors (one ending in a colon) are still the title.
    title = ["Алгебраические Байесовские", "Сети:", "Статистический Анализ",
             "Сложности Алгоритмов", "Синтеза Минимального Графа", "Смежности и Его",
             "Корректность"]
    arts = _volume(tmp_path, _FIRST + ["\f" + title[0], *title[1:]] + _SECOND)
    assert [a.lines[0] for a in arts] == [1, 13]
    assert arts[1].title == " ".join(title)
    assert [x.name for x in arts[1].authors] == ["Орлов П. С."]


def test_a_misprinted_address_under_the_author_line_is_no_reference(tmp_path):
    # `orlov@.example.com` is no valid address, but still the author's line: the head above it
    # (a title in sentence case at a page top) opens the next article.
    arts = _volume(tmp_path, _FIRST + [
        "\fКэширование ответов на краю", "сети для студенческого портала",
        "Орлов П. С., ассистент кафедры информатики Примерного университета,",
        "orlov@.example.com"] + _SECOND[1:])
    assert [a.lines[0] for a in arts] == [1, 13]
    assert arts[1].title == "Кэширование ответов на краю сети для студенческого портала"


def test_a_margin_does_not_make_short_lines_long(tmp_path):
    # `pdftotext -layout` and some exports indent every line: a title line that stops short still
    # ends its paragraph, so an article printed without authors keeps its title.
    title = ["Определение угла преломления луча в объекте", "по изображению и плотностям среды и его объекта"]
    body = ["Дано бинарное изображение объекта, построенное по матрице времён",
            "пролёта сигнала от источника к приёмнику, и начальная точка луча",
            "вместе с углом его падения на объект. Требуется найти угол его",
            "преломления и точку выхода луча из объекта по этому изображению,",
            "а затем сравнить найденные значения с измеренными на установке.",
            "Алгоритм реализован на языке Python с использованием библиотеки",
            "OpenCV и состоит из нескольких шагов, описанных в этом разделе."]
    lines = _FIRST[:-1] + ["\f" + title[0], title[1], *body]
    for margin in ("", " " * 20):
        arts = _volume(tmp_path, [("\f" + margin + ln[1:] if ln.startswith("\f") else margin + ln)
                                  if ln else ln for ln in lines])
        assert [a.lines[0] for a in arts] == [1, 12], repr(margin)
        assert arts[1].title == " ".join(title)


def test_copied_text_leaves_a_references_stub_above_the_title(tmp_path):
    # `Springer,` is the tail of the last entry (pdftotext set it apart), not the title's start.
    title = ["Исследование задачи размещения", "Ролса с прямоугольной метрикой на", "отрезке прямой"]
    arts = _volume(tmp_path, _without_breaks(
        _FIRST[:-2] + ["[1] V. Tkindt, J.-C. Billaut. Multicriteria Scheduling.", "Berlin, 2006.",
                       "Springer,"] + title + _SECOND))
    assert [a.lines[0] for a in arts] == [1, 11]
    assert arts[1].title == " ".join(title)
    assert arts[0].references[-1].endswith("Springer,")


def test_an_article_without_authors_after_a_reference_list_without_page_breaks(tmp_path):
    # Its title right below the last entry, then its prose: the page break that marked it lost.
    title = ["Определение угла преломления и точки выхода луча", "из объекта по его изображению"]
    prose = ("Дано бинарное изображение объекта, построенное по матрице времён пролёта, и "
             "начальная точка луча; требуется найти угол преломления и точку выхода луча из "
             "объекта, а затем сравнить найденные значения с измеренными на установке.")
    arts = _volume(tmp_path, _FIRST + title + [prose])
    assert [a.title for a in arts] == [_FIRST[0], " ".join(title)] and arts[1].lines[0] == 13
    # A reference entry's next line in capitals, with a year, is no title.
    arts = _volume(tmp_path, _FIRST[:-1] + ["Electrotechnical Commission, Geneva, 2003", prose])
    assert len(arts) == 1


def test_a_section_heading_above_a_head_without_a_page_break_takes_no_title(tmp_path):
    # The title right under the section heading, no page break between: the heading is a region,
    # the title opens the article.
    arts = _volume(tmp_path, _FIRST + ["Секция 2. Информационные системы",
                                       "Кэширование ответов на краю сети"] + _SECOND)
    assert arts[1].title == "Кэширование ответов на краю сети" and arts[1].lines[0] == 14


def test_a_section_chair_under_its_heading_stays_with_the_heading_without_a_page_break(
        tmp_path):
    # The chair named under the section heading (a degree, initials) is no line of the title
    # below it: with the page break lost, the section region still ends above the title.
    from generator.pipeline import extract_volume

    path = tmp_path / "vol.txt"
    path.write_text("\n".join(_FIRST + [
        "Секция 2. Информационные системы", "",
        "Председатель секции – к.т.н., доцент Р. Р. Хайруллин",
        "Кэширование ответов на краю сети"] + _SECOND) + "\n", encoding="utf-8")
    volume = extract_volume(path, do_enrich=False)
    assert [(a.lines[0], a.title) for a in volume.articles][1] == (
        16, "Кэширование ответов на краю сети")
    assert [(r.kind, r.lines) for r in volume.regions] == [("section", [13, 15])]


def test_block_kinds_of_a_large_file_are_found_on_several_cores_the_same():
    """A file past parallel.MIN_CHARS has its blocks classified in parts, in other processes:
    the same kinds, in order, as one pass. (In a fresh interpreter: the test runner's own
    threads keep parallel.py from forking.)"""
    import pickle
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    code = """
import pickle, sys
import dataclasses
from pathlib import Path
from generator.ingest.clean import clean
from generator.ingest.read import read_input
from generator.ingest import segment as S
from generator.util import parallel
(src,) = read_input(Path("content/raw"))
blocks = clean(src).blocks
parallel.MIN_CHARS = 0
spread = S.block_kinds(blocks)
sys.stdout.buffer.write(pickle.dumps((spread, [S.block_kind(b) for b in blocks],
                                      parallel.will_fork([1, 1]))))
"""
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, cwd=root, check=True)
    spread, one, forked = pickle.loads(proc.stdout)
    assert forked and len(set(one)) > 3
    assert spread == one


def test_a_memo_of_block_kinds_classifies_only_changed_blocks(monkeypatch):
    """With the memo a preview keeps, the kinds are those of a fresh pass, and only blocks whose
    text, kind, lines or font changed are classified again."""
    from generator.ingest import segment as S

    src = read_input(Path(__file__).parent.parent / "content" / "raw")[0]
    found = clean(src).blocks
    memo: dict = {}
    fresh = S.block_kinds(found)
    assert S.block_kinds(found, memo=memo) == fresh
    n = fresh.index("text")
    asked = []
    kind_of = S.block_kind
    monkeypatch.setattr(S, "block_kind", lambda b: (asked.append(b.text), kind_of(b))[1])
    assert S.block_kinds(found, memo=memo) == fresh and asked == []
    edited = list(found)
    edited[n] = Block("para", "Кілт сөздер: сайлау, реформа.", found[n].source,
                      found[n].line_start, found[n].line_start, offsets=[(0, found[n].line_start)])
    kinds = S.block_kinds(edited, memo=memo)
    assert asked == ["Кілт сөздер: сайлау, реформа."]
    assert kinds[n] == "keywords" and kinds == [S.block_kind(b) for b in edited]
    # A text seen before, now a heading, or set in a title's font: classified again
    for changed, was in ((dataclasses.replace(edited[n], kind="heading"), "keywords"),
                         (dataclasses.replace(found[n], title_font=True), "text")):
        S.block_kinds([*edited[:n], dataclasses.replace(changed, kind="para", title_font=False),
                       *edited[n + 1:]], memo=memo)
        edited[n] = changed
        assert S.block_kinds(edited, memo=memo)[n] == S.block_kind(changed) != was
