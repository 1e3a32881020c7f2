"""generator/pages/mdlinks.py through Python-Markdown's public API: the same HTML as
Python-Markdown's own link parsing on every shape of link text, and the paragraph not scanned
for the usual one."""
import markdown
import pytest
from markdown.inlinepatterns import LinkInlineProcessor

EXTENSIONS = ["admonition", "attr_list", "sane_lists", "toc", "footnotes"]

CASES = {
    "links in a paragraph": ("Сайлау [жүйесі](../glossary/kk-ru/s.html#a \"система\") мен "
                             "[партия](p.html) және [референдум](r.html) туралы.\n"),
    "nested brackets": "A [link [with] brackets](u.html) and [one](v.html).\n",
    "unclosed": "A [bracket never closed and [a link](u.html).\n",
    "closed later": "Text [1, p. 23] and [2] then [a link](u.html) [x\n",
    "image": "![alt text](img.png \"t\") and ![a [b] c](d.png)\n",
    "references": "[text][ref], [short] and ![img][ref].\n\n[ref]: http://x.org\n[short]: s.html\n",
    "escaped": "[a \\] b](u.html) and [c \\[ d](v.html) \\[not a link\\].\n",
    "code span": "[`a]`](u.html) and `[x](y)` [z](w.html)\n",
    "footnote": "Text[^1] and [a](b.html).\n\n[^1]: Note [c](d.html).\n",
    "empty": "[](u.html) [ ](v.html) []\n",
    "across lines": "A [link\nover two lines](u.html) [and\n",
    "html around": "<span>[a](b.html)</span> [c](d.html \"t [x]\")\n",
}


def convert(text: str, ours: bool) -> str:
    return markdown.markdown(
        text, extensions=EXTENSIONS + (["generator.pages.mdlinks"] if ours else []))


@pytest.mark.parametrize("name", sorted(CASES))
def test_same_html_as_python_markdown(name):
    assert convert(CASES[name], True) == convert(CASES[name], False)


def test_every_link_processor_takes_the_shortcut_under_its_own_name():
    md = markdown.Markdown(extensions=["generator.pages.mdlinks"])
    plain = markdown.Markdown()
    links = {type(p).__name__ for p in plain.inlinePatterns if isinstance(p, LinkInlineProcessor)}
    assert len(links) >= 4  # link, image, reference, short reference …
    ours = {type(p).__name__ for p in md.inlinePatterns if isinstance(p, LinkInlineProcessor)}
    assert ours == links
    assert all(type(p).__module__ == "generator.pages.mdlinks"
               for p in md.inlinePatterns if isinstance(p, LinkInlineProcessor))


def test_a_plain_link_text_is_found_without_python_markdowns_scan(monkeypatch):
    seen = []
    original = LinkInlineProcessor.getText

    def spy(self, data, index):
        seen.append(data[index:index + 12])
        return original(self, data, index)

    monkeypatch.setattr(LinkInlineProcessor, "getText", spy)
    html = convert(CASES["links in a paragraph"] + "\n" + CASES["nested brackets"], True)
    assert html.count("<a href") == 5
    # only the text with a bracket inside went to Python-Markdown's own parsing
    assert set(seen) == {"link [with] "}
