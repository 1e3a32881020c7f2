"""A Python-Markdown extension: Jinaq's own HTML set aside without the HTML parser.

Generated pages carry blocks of raw HTML (an article's header and citation box, a timeline's
event lists) that Python-Markdown, and MkDocs after it, would read with `html.parser`, tag by
tag: a quarter of a large volume's Markdown time. Jinaq writes these blocks itself, in one shape:
a `<div>` or `<ol>` with a `jinaq-` class, at the start of a line, closed at the start of a later
line, followed by an empty line, with no block of the same tag and no anchor (`id`, `name`,
which MkDocs collects to check links) inside. This preprocessor stores exactly those blocks in
the page's HTML stash, as Python-Markdown's own block preprocessor does, so the page comes out
byte for byte the same. Anything of another shape is left to Python-Markdown.

The sentences the timeline points to are marked inline (`<span class="jinaq-anchor" id=…>`,
`<span class="jinaq-sentence" …>…</span>`, pages/decorate.py): a second preprocessor stores
those tags as Python-Markdown's inline HTML pattern would, one stash entry each, once MkDocs'
anchor collector has read their ids and before the block parser reads the page again; the
text between them stays Markdown. Volume text reaches the page escaped (no code span, link or
raw tag of its own can enclose them), so the page comes out the same here too.
"""

from __future__ import annotations

import re

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

# A block opens at a line start with a jinaq- class and closes at the first line start that
# closes its tag; `(?=\n[ ]*\n)` is Python-Markdown's rule that a blank line ends a raw block.
_BLOCK = re.compile(r'(?:(?<=\n)|^)<(div|ol)( class="(?:[^"<>]* )?jinaq-[^"<>]*"[^<>]*)>\n'
                    r'.*?\n</\1>(?=\n[ ]*\n)', re.S)


class JinaqHtmlBlocks(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        if "jinaq-" not in text:
            return lines
        stash = self.md.htmlStash

        def keep(m: re.Match) -> str:
            block, tag = m.group(0), m.group(1)
            if block.count(f"<{tag}") != 1:  # a block of its tag inside: the parser's job
                return block
            if " id=" in block or " name=" in block:  # anchors MkDocs must see to check links
                return block
            # What the HTML block preprocessor emits: a line break, the stashed block (with the
            # blank line it preserves), then an empty line.
            return "\n" + stash.store(block + "\n") + "\n\n"

        return _BLOCK.sub(keep, text).split("\n")


# A sentence's anchor (whole), or a sentence's opening tag, its text (no tag inside) and its
# closing tag.
_MARKS = re.compile(r'<span class="jinaq-anchor" id="[^"<>]*"></span>'
                    r'|(<span class="jinaq-sentence" data-ev="[^"<>]*">)([^<]*)</span>')
# MkDocs' preprocessor that collects the ids in a page's raw HTML (for checking anchors).
_ANCHOR_COLLECTOR = "mkdocs_raw_html"
MARKS_PRIORITY = 20.5  # after that collector (21), before the HTML blocks (20)


class JinaqSentenceMarks(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        if "jinaq-" not in text or not self._after_anchor_collector():
            return lines
        store = self.md.htmlStash.store

        def keep(m: re.Match) -> str:
            if m.group(1) is None:
                return store(m.group(0))
            return store(m.group(1)) + m.group(2) + store("</span>")

        return _MARKS.sub(keep, text).split("\n")

    def _after_anchor_collector(self) -> bool:
        # Only where MkDocs' collector has read the page already: hidden from a collector that
        # runs later, or from one of another name (another MkDocs), the ids would go unchecked.
        found = self.md.preprocessors
        return _ANCHOR_COLLECTOR in found and \
            found.get_index_for_name(_ANCHOR_COLLECTOR) < found.get_index_for_name("jinaq_marks")


class JinaqHtmlExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # After whitespace normalising (30) and fenced code (25); before MkDocs' anchor
        # collector (21), which parses what is left with html.parser too, and the HTML blocks (20).
        md.preprocessors.register(JinaqHtmlBlocks(md), "jinaq_html_blocks", 22)
        md.preprocessors.register(JinaqSentenceMarks(md), "jinaq_marks", MARKS_PRIORITY)


def makeExtension(**kwargs) -> JinaqHtmlExtension:  # the name Markdown looks up
    return JinaqHtmlExtension(**kwargs)
