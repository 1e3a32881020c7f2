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
    "next article": ('Text.\n\n<nav class="jinaq-prevnext" aria-label="n">\n<a class="jinaq-'
                     'prevnext__link" rel="prev" href="a.html"><span class="jinaq-prevnext__dir">'
                     '← A</span></a>\n</nav>\n'),
}


def convert(text: str, ours: bool) -> str:
    return markdown.markdown(text, extensions=EXTENSIONS + (["generator.pages.mdext"] if ours else []))


@pytest.mark.parametrize("name", sorted(CASES))
def test_same_html_as_python_markdown(name):
    assert convert(CASES[name], True) == convert(CASES[name], False)


@pytest.fixture
def parsed_tags(monkeypatch) -> list[str]:
    """The tags Python-Markdown's HTML parser reads from now on."""
    seen: list[str] = []
    original = htmlparser.HTMLExtractor.handle_starttag

    def spy(self, tag, attrs):
        seen.append(tag)
        return original(self, tag, attrs)

    monkeypatch.setattr(htmlparser.HTMLExtractor, "handle_starttag", spy)
    return seen


def test_jinaq_blocks_skip_the_html_parser(parsed_tags):
    seen = parsed_tags
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


MARKED = {
    "sentence": ('Text <span class="jinaq-anchor" id="ev-1"></span><span class="jinaq-sentence" '
                 'data-ev="ev-1">In 1991 a law was adopted \\[[4](#ref-4)\\].</span> More.\n'),
    "whole paragraph": ('<span class="jinaq-anchor" id="ev-5"></span><span class="jinaq-sentence" '
                        'data-ev="ev-5">Whole paragraph.</span>\n'),
    "two events": ('<span class="jinaq-anchor" id="ev-6"></span><span class="jinaq-anchor" '
                   'id="ev-7"></span><span class="jinaq-sentence" data-ev="ev-6 ev-7">Two &amp; '
                   'more.</span>\n'),
    "heading": ('## <span class="jinaq-anchor" id="ev-2"></span><span class="jinaq-sentence" '
                'data-ev="ev-2">1991 жылы</span>\n\nText.\n'),
    "list item": ('- <span class="jinaq-anchor" id="ev-4"></span><span class="jinaq-sentence" '
                  'data-ev="ev-4">item</span>\n- next\n'),
    "tag inside": '<span class="jinaq-sentence" data-ev="ev-3">A <em>b</em> c.</span>\n',
    "in an admonition": ('!!! note\n    <span class="jinaq-anchor" id="ev-8"></span><span '
                         'class="jinaq-sentence" data-ev="ev-8">x</span>\n'),
    "references": ('## Әдебиеттер\n\n<ol class="jinaq-references">\n<li id="ref-1">A. B. Title '
                   '&amp; more // J. 2001.</li>\n<li id="ref-2">C. D.</li>\n</ol>\n'),
    "references then next": ('<ol class="jinaq-references">\n<li id="ref-1">A.</li>\n</ol>\n\n'
                             '<nav class="jinaq-prevnext" aria-label="n" lang="kk">\n<a class="'
                             'jinaq-prevnext__link" rel="next" href="b.html"><span>B</span></a>\n'
                             '</nav>\n'),
    "across a page break": ('<span class="jinaq-sentence" data-ev="ev-9">first half</span>\n\n'
                            '<span class="jinaq-sentence" data-ev="ev-9">second half.</span>\n'),
}


def _mkdocs_render(tmp_path, text: str, extensions: list[str]):
    """A page rendered as MkDocs renders it (its anchor collector included)."""
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import Page

    config = MkDocsConfig()
    config.load_dict({"site_name": "t", "docs_dir": str(tmp_path),
                      "markdown_extensions": extensions})
    config.validate()
    (tmp_path / "p.md").write_text(text, encoding="utf-8")
    f = File("p.md", str(tmp_path), str(tmp_path / "site"), False)
    page = Page(None, f, config)
    page.read_source(config)
    page.render(config, Files([f]))
    return page


@pytest.mark.parametrize("name", sorted(MARKED))
def test_sentence_marks_render_as_python_markdown_renders_them(tmp_path, name):
    ours = _mkdocs_render(tmp_path, MARKED[name], EXTENSIONS + ["generator.pages.mdext"])
    plain = _mkdocs_render(tmp_path, MARKED[name], EXTENSIONS)
    assert ours.content == plain.content
    assert ours.present_anchor_ids == plain.present_anchor_ids  # MkDocs still sees every id


def test_marks_and_anchored_blocks_skip_the_html_parser(tmp_path, parsed_tags):
    seen = parsed_tags
    text = MARKED["sentence"] + "\n" + MARKED["two events"] + "\n" + MARKED["references then next"]
    _mkdocs_render(tmp_path, text, EXTENSIONS)
    # Without the extension the block parser reads each mark, the list and the links.
    assert seen.count("span") == 6 and "li" in seen and "nav" in seen
    seen.clear()
    page = _mkdocs_render(tmp_path, text, EXTENSIONS + ["generator.pages.mdext"])
    assert seen == [] and {"ev-1", "ev-6", "ev-7", "ref-1"} <= page.present_anchor_ids


def test_sentence_marks_stay_where_no_mkdocs_collector_has_read_them():
    # Outside MkDocs (or with a collector of another name) the marks are left to Python-Markdown:
    # hidden in the stash, their ids would go unchecked.
    md = markdown.Markdown(extensions=["generator.pages.mdext"])
    lines = MARKED["sentence"].split("\n")
    assert md.preprocessors["jinaq_anchored"].run(lines) == lines
    md.preprocessors.register(markdown.preprocessors.Preprocessor(md), "mkdocs_raw_html", 21)
    assert "jinaq-anchor" not in "\n".join(md.preprocessors["jinaq_anchored"].run(lines))
