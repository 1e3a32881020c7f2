"""generator/site/mdinline.py through Python-Markdown's public API: the same HTML as Python-Markdown
on every inline construct and on every page of built volumes, fewer pattern tries, and another
extension's inline stage left alone."""
from pathlib import Path

import markdown
import pytest
from markdown import treeprocessors

from bench.synth import make_volume
from generator.pipeline import build_site
from jinaq_testing import SAMPLE

EXTENSIONS = ["admonition", "attr_list", "sane_lists", "toc", "fenced_code", "abbr", "footnotes",
              "generator.pages.mdext", "generator.pages.mdlinks"]
OURS = "generator.site.mdinline"

CASES = {
    "plain": "Just a sentence, with nothing to mark.\n",
    "escapes": "Cited \\[1\\] and \\[[2](#ref-2)\\], a star \\* and an underscore \\_.\n",
    "code": "Call `f(x)` and ``a ` b`` here.\n",
    "backslashes before a backtick": "Two \\\\`code` four \\\\\\\\`x` and one \\`y`.\n",
    "escaped backtick only": "A lone \\` in text.\n",
    "unclosed backtick": "An ` opening with no close.\n",
    "emphasis": "*em* **strong** ***both*** _u_ __uu__ a*b*c snake_case_word * alone *\n",
    "links": "[a](http://x.org \"T\") ![i](p.png) [r][1] [r] ![ir][1]\n\n[1]: http://y.org\n[r]: /z\n",
    "link in link": "[outer [inner](a.html) text](b.html) and [x [y] z](c.html)\n",
    "code in link": "[`code` text](a.html) and *[em link](b.html)*\n",
    "auto": "<http://x.org/a?b=c> and <me@example.org> and <span>raw</span> &amp; &#169; &copy;\n",
    "line break": "first line  \nsecond line\n",
    "nested": "**bold with `code` and [link](x.html) and _em_** after\n",
    "heading": "# Title { #title }\n\n## A `code` heading\n\nText.\n",
    "list": "- item *one*\n- item `two`\n\n1. first\n2. second [l](x)\n",
    "admonition": "!!! note \"Note\"\n    Inside *em* and \\[3\\].\n",
    "abbr": "HTML is here.\n\n*[HTML]: Hyper Text\n",
    "footnote": "Text[^1].\n\n[^1]: The *note*.\n",
    "sentence marks": ('A <span class="jinaq-anchor" id="ev-1"></span><span class="jinaq-sentence" '
                       'data-ev="ev-1">In 1991 a law \\[[4](#ref-4)\\].</span> More.\n'),
    "fenced": "```\n`not code` *not em*\n```\n\nAfter `code`.\n",
}


def convert(text: str, ours: bool) -> str:
    return markdown.markdown(text, extensions=EXTENSIONS + ([OURS] if ours else []))


@pytest.mark.parametrize("name", sorted(CASES))
def test_same_html_as_python_markdown(name):
    assert convert(CASES[name], True) == convert(CASES[name], False)


def _pages(raw: Path, tmp: Path) -> dict[str, str]:
    paths = {"raw": raw, "corrections": tmp / "corrections.yml", "glossary": tmp / "glossary.yml",
             "volume": tmp / "volume.yml", "ids": tmp / "ids.yml"}
    return build_site(paths, "kk")[1]


@pytest.mark.parametrize("volume", ["sample", "generated"])
def test_every_page_of_a_built_volume_comes_out_the_same(volume, tmp_path):
    if volume == "sample":
        raw = SAMPLE
    else:
        raw = make_volume(tmp_path / "gen", n=12, seed=3, layout="spaced")[0]
    pages = _pages(raw, tmp_path)
    assert len(pages) > 10
    differ = [path for path, text in sorted(pages.items())
              if convert(text, True) != convert(text, False)]
    assert differ == []


@pytest.fixture
def tries(monkeypatch) -> list[str]:
    """The inline patterns Python-Markdown tries from now on, by class name."""
    seen: list[str] = []
    original = treeprocessors.InlineProcessor._InlineProcessor__applyPattern

    def spy(self, pattern, *args):
        seen.append(type(pattern).__name__)
        return original(self, pattern, *args)

    monkeypatch.setattr(treeprocessors.InlineProcessor, "_InlineProcessor__applyPattern", spy)
    return seen


def test_a_pattern_is_tried_only_where_its_regex_finds_something(tries):
    text = "A plain paragraph.\n\nOne with a [link](a.html) and `code`.\n"
    plain = convert(text, False)
    assert len(tries) > 20  # Python-Markdown tries each pattern on each text
    tries.clear()
    assert convert(text, True) == plain
    # (the reference pattern finds the bracket and declines: no definition; the link takes it)
    assert sorted(tries) == ["BacktickInlineProcessor", "LinkInlineProcessor",
                             "ReferenceInlineProcessor"]


def test_another_extensions_inline_stage_is_left_alone():
    class Theirs(treeprocessors.InlineProcessor):
        pass

    class Replace(markdown.Extension):
        def extendMarkdown(self, md):
            md.treeprocessors.register(Theirs(md), "inline", 20)

    md = markdown.Markdown(extensions=[Replace(), OURS])
    assert type(md.treeprocessors["inline"]) is Theirs
    assert md.convert("*a* `b`") == "<p><em>a</em> <code>b</code></p>"


def test_an_untested_python_markdown_keeps_its_own_inline_stage(monkeypatch):
    from generator.site import compat

    monkeypatch.setattr(compat, "tested", lambda package: package != "markdown")
    md = markdown.Markdown(extensions=[OURS])
    assert type(md.treeprocessors["inline"]) is treeprocessors.InlineProcessor
    monkeypatch.undo()
    md = markdown.Markdown(extensions=[OURS])
    assert type(md.treeprocessors["inline"]) is not treeprocessors.InlineProcessor
