"""What render adds to an article's text (generator/pages/decorate.py): the timeline's sentences marked,
also across a page break, and in-text citations linked to the reference list."""
import markdown

from generator.pages.decorate import decorator, link_citations
from generator.pages.mdtext import blocks_to_markdown
from generator.model import Block

REFS = ["Ахметов Б.С. Сайлау. – Астана, 2020.", "Нұрланова Д.Е. (ред.) [Референдум] // *Саясат*.",
        "Смағұлов Т.К. Реформа."]


def html(md: str) -> str:
    return markdown.markdown(md, extensions=["attr_list"])


def cited(text: str) -> str:
    from generator.pages.mdtext import escape

    return link_citations(escape(text), REFS)


def test_citations_link_each_number_but_not_page_numbers():
    page = html(cited("Бұл белгілі [1]. Содан бері [1, б. 12], [2; 3], [1–3] және [2, 3]."))
    hrefs = [h.split('"')[0] for h in page.split('href="#')[1:]]
    assert hrefs == ["ref-1", "ref-1", "ref-2", "ref-3", "ref-1", "ref-3", "ref-2", "ref-3"]
    assert ">12<" not in page and "б. 12]" in page


def test_what_is_no_citation_stays_text():
    for text in ("Жыл [2020] болды.", "Тізім [4] жоқ.", "[Иванов, 2019]", "[0]"):
        assert "href" not in html(cited(text)), text
    assert link_citations("\\[1\\]", []) == "\\[1\\]"  # no reference list


def test_a_citation_carries_no_copy_of_its_reference():
    # The reference is on the same page: reader.js gives the link its text as a title
    # (tests/browser/test_readers_browser.py), so a page citing it 40 times holds it once.
    page = html(cited("Қараңыз [2] және [2, б. 5]."))
    assert page.count('href="#ref-2"') == 2 and "title=" not in page and "Нұрланова" not in page


def test_a_sentence_cut_by_a_page_break_is_marked_in_both_blocks():
    b1 = Block("para", "Бірінші сөйлем. 2022 жылғы 5 маусымда республикалық", "x.txt", 10, 10)
    b2 = Block("para", "референдум өтті [1]. Келесі сөйлем.", "x.txt", 12, 12)
    sentence = "2022 жылғы 5 маусымда республикалық референдум өтті [1]."
    decorate = decorator([b1, b2], {12: [("ev-12", sentence)]}, REFS, "kk", None)
    page = html(blocks_to_markdown([b1, b2], decorate))
    assert page.count('data-ev="ev-12"') == 2 and page.count('id="ev-12"') == 1
    first = page.index('id="ev-12"')
    assert page.index("Бірінші сөйлем.") < first < page.index("2022 жылғы")
    assert "Келесі сөйлем." in page.split("</span>")[-1]  # the next sentence is outside
    assert 'href="#ref-1"' in page


def test_two_dates_in_one_sentence_share_one_mark():
    b = Block("para", "Заң 1995 жылы қабылданып, 2007 жылы өзгерді. Басқа сөйлем.", "x.txt", 3, 4,
              offsets=[(0, 3), (30, 4)])
    sentence = "Заң 1995 жылы қабылданып, 2007 жылы өзгерді."
    decorate = decorator([b], {3: [("ev-3", sentence)], 4: [("ev-4", sentence)]}, [], "kk", None)
    page = html(blocks_to_markdown([b], decorate))
    assert page.count("jinaq-sentence") == 1 and 'data-ev="ev-3 ev-4"' in page
    assert 'id="ev-3"' in page and 'id="ev-4"' in page
