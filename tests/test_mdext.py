"""generator/pages/mdext.py through Python-Markdown's public API: the same HTML as Python-Markdown's
own raw-HTML handling on every shape, and html.parser spared the blocks Jinaq writes."""
import markdown
import pytest
from markdown import htmlparser

EXTENSIONS = ["admonition", "attr_list", "sane_lists", "toc", "fenced_code"]

HEADER = ('<div class="jinaq-meta">\n<p class="jinaq-authors"><strong>Авторлар:</strong> '
          '<a href="../people/a.html">Бекова А.</a> <span>(ҚазҰУ)</span></p>\n'
          '<p class="jinaq-udc"><strong>ӘОЖ:</strong> 321 &amp; 4</p>\n</div>')
TIMELINE = ('<ol class="jinaq-timeline" data-group="1991">\n<li class="jinaq-event">\n'
            '<time datetime="1991">1991</time>\n<blockquote>In 1991 …</blockquote>\n</li>\n</ol>')
CASES = {
    "header": f"# Title\n\n{HEADER}\n\n!!! abstract \"Аңдатпа\"\n    Text \\[1\\].\n\nBody.\n",
    "first line": f"{HEADER}\n\nBody.\n",
    "timeline": f"## 1991\n\n{TIMELINE}\n\n## 1992\n\n{TIMELINE}\n",
    "cite box": ('<div class="admonition quote jinaq-cite">\n<p class="admonition-title">Cite</p>\n'
                 '<p>A. B. Title.</p>\n</div>\n\nNext.\n'),
    "no blank line after": f"{HEADER}\nText right after.\n",
    "nested div": ('<div class="jinaq-meta">\n<div class="x">\ninner\n</div>\n</div>\n\nText.\n'),
    "indented": "Para.\n\n    <div class=\"jinaq-meta\">\n    code\n    </div>\n\nText.\n",
    "fenced": f"```\n{HEADER}\n```\n\nText.\n",
    "other class": '<div class="note">\n<p>x</p>\n</div>\n\nText.\n',
    "inline": 'Text <span class="jinaq-anchor" id="ev-1"></span>sentence.\n',
    "at end": f"Text.\n\n{HEADER}",
    "paragraph right before": f"A paragraph.\n{HEADER}\n\nNext.\n",
    "two in a row": f"{HEADER}\n\n{HEADER}\n\nNext.\n",
    "with an anchor": '<div class="jinaq-meta">\n<p id="x">A</p>\n</div>\n\nNext.\n',
}


def convert(text: str, ours: bool) -> str:
    return markdown.markdown(text, extensions=EXTENSIONS + (["generator.pages.mdext"] if ours else []))


@pytest.mark.parametrize("name", sorted(CASES))
def test_same_html_as_python_markdown(name):
    assert convert(CASES[name], True) == convert(CASES[name], False)


def test_jinaq_blocks_skip_the_html_parser(monkeypatch):
    seen = []
    original = htmlparser.HTMLExtractor.handle_starttag

    def spy(self, tag, attrs):
        seen.append(tag)
        return original(self, tag, attrs)

    monkeypatch.setattr(htmlparser.HTMLExtractor, "handle_starttag", spy)
    convert(CASES["timeline"], False)
    assert "li" in seen  # without the extension the parser reads every tag
    seen.clear()
    html = convert(CASES["timeline"], True)
    assert seen == [] and html.count("<li") == 2


def test_anchors_in_a_block_stay_visible_to_mkdocs(tmp_path):
    """MkDocs checks links to `page.md#id` against the ids its own preprocessor finds."""
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import Page
    from mkdocs.config.defaults import MkDocsConfig

    config = MkDocsConfig()
    config.load_dict({"site_name": "t", "docs_dir": str(tmp_path),
                      "markdown_extensions": ["generator.pages.mdext"]})
    config.validate()
    text = f"{HEADER}\n\n" + CASES["with an anchor"] + "\n" + CASES["timeline"]
    (tmp_path / "p.md").write_text(text, encoding="utf-8")
    f = File("p.md", str(tmp_path), str(tmp_path / "site"), False)
    page = Page(None, f, config)
    page.read_source(config)
    page.render(config, Files([f]))
    assert "x" in page.present_anchor_ids
    assert page.content.count("<li") == 2
