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
