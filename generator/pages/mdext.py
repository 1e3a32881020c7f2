"""A Python-Markdown extension: Jinaq's own HTML blocks set aside without the HTML parser.

Generated pages carry blocks of raw HTML (an article's header and citation box, a timeline's
event lists) that Python-Markdown, and MkDocs after it, would read with `html.parser`, tag by
tag: a quarter of a large volume's Markdown time. Jinaq writes these blocks itself, in one shape:
a `<div>` or `<ol>` with a `jinaq-` class, at the start of a line, closed at the start of a later
line, followed by an empty line, with no block of the same tag and no anchor (`id`, `name`,
which MkDocs collects to check links) inside. This preprocessor stores exactly those blocks in
the page's HTML stash, as Python-Markdown's own block preprocessor does, so the page comes out
byte for byte the same. Anything of another shape is left to Python-Markdown.
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


class JinaqHtmlExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # After whitespace normalising (30) and fenced code (25); before MkDocs' anchor
        # collector (21), which parses what is left with html.parser too, and the HTML blocks (20).
        md.preprocessors.register(JinaqHtmlBlocks(md), "jinaq_html_blocks", 22)


def makeExtension(**kwargs) -> JinaqHtmlExtension:  # the name Markdown looks up
    return JinaqHtmlExtension(**kwargs)
