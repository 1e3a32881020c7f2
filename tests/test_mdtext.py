"""pages/mdtext.py: volume text reaches the page as the text it is, through Python-Markdown."""
import markdown
import pytest

from generator.model import Block
from generator.pages.mdtext import blocks_to_markdown


def _html(text: str) -> str:
    return markdown.markdown(blocks_to_markdown([Block("para", text, "t.txt", 1, 1)]))


@pytest.mark.parametrize("text", [
    "1. In the post-Soviet context, reforms came from above.",
    "2) Second point of a paragraph.",
    "# not a heading",
    "> not a quote",
    "- not a bullet",
    "+ not a bullet",
    "[1] Reference-like [2] text with *stars* and _underscores_",
])
def test_a_paragraph_shows_its_own_text(text):
    html = _html(text)
    assert html.startswith("<p>") and html.endswith("</p>"), html
    assert "\\" not in html
    shown = html[3:-4].replace("&gt;", ">")
    assert shown == text


def test_a_numbered_block_is_still_a_list():
    md = blocks_to_markdown([Block("numbered", "First.", "t.txt", 1, 1, number="1."),
                             Block("numbered", "Second.", "t.txt", 2, 2, number="2.")])
    assert "<ol>" in markdown.markdown(md)


@pytest.mark.parametrize("text,lang,heading", [
    ("ОБЗОР СУЩЕСТВУЮЩИХ РЕШЕНИЙ", "ru", True),
    ("ТАРИХИ АЛҒЫШАРТТАР", "kk", True),
    ("COVID-19 ПАНДЕМИЯСЫ", "kk", True),
    ("RELATED WORK", "en", True),
    ("Введение", "ru", True),
    # seen in the dev volumes: a table's cells, an acronym, a formula, code, in capitals
    ("LLVM", "ru", False),
    ("MCC LSS-R", "ru", False),
    ("C  = U ВАС1(1) + U BA", "ru", False),
    ("К1879ХБ1Я", "ru", False),
    ("SMSEMOA SPEA2 SPSO11", "en", False),
    ("A\\B\\C\\D", "en", False),
    ("BIOS_CNTL", "en", False),
])
def test_a_line_in_capitals_is_a_heading_only_when_it_reads_as_one(text, lang, heading):
    md = blocks_to_markdown([Block("para", text, "t.txt", 1, 1),
                             Block("para", "Дальше идёт обычный текст статьи.", "t.txt", 3, 3)],
                            lang=lang)
    assert md.startswith("## ") is heading, md
