"""A Python-Markdown extension: Jinaq's own HTML set aside without the HTML parser.

Generated pages carry raw HTML (an article's header, citation box, reference list and links to
the next article, a timeline's event lists) that Python-Markdown, and MkDocs after it, would
read with `html.parser`, tag by tag: a quarter of a large volume's Markdown time. Jinaq writes
this HTML itself, in two shapes, and stores it in the page's HTML stash as Python-Markdown
would, so the page comes out byte for byte the same; anything of another shape is left to
Python-Markdown.

- Blocks: a `<div>`, `<ol>` or `<nav>` with a `jinaq-` class, at the start of a line, closed at
  the start of a later line, followed by an empty line, with no block of the same tag inside;
  stored whole, as Python-Markdown's block preprocessor stores a raw block.
- Sentence marks, inline (`<span class="jinaq-anchor" id=…>`, `<span class="jinaq-sentence"
  …>…</span>`, pages/decorate.py): each tag stored as Python-Markdown's inline HTML pattern
  would, the text between them left Markdown. Volume text reaches the page escaped (no code
  span, link or raw tag of its own can enclose them).

MkDocs collects the ids in a page's raw HTML to check links to them: blocks without an anchor
(`id`, `name`) are stored before its collector runs (it has less to read), blocks with one and
the marks after it, and only where it has run.
"""

from __future__ import annotations

import re

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

# A block opens at a line start with a jinaq- class and closes at the first line start that
# closes its tag; `(?=\n[ ]*\n)` is Python-Markdown's rule that a blank line ends a raw block.
# (Read in the text after a line break put before it: a pattern that begins with a character
# is looked for as fast as str.find, one that begins with `^` or a lookbehind is tried at
# every character.)
_BLOCK = re.compile(r'\n<(div|ol|nav)( class="(?:[^"<>]* )?jinaq-[^"<>]*"[^<>]*)>\n'
                    r'.*?\n</\1>(?=\n[ ]*\n)', re.S)
# A sentence's anchor (whole), or a sentence's opening tag, its text (no tag inside) and its
# closing tag.
_MARKS = re.compile(r'<span class="jinaq-anchor" id="[^"<>]*"></span>'
                    r'|(<span class="jinaq-sentence" data-ev="[^"<>]*">)([^<]*)</span>')
# MkDocs' preprocessor that collects the ids in a page's raw HTML (for checking anchors).
_ANCHOR_COLLECTOR = "mkdocs_raw_html"
BLOCKS_PRIORITY = 22  # after whitespace normalising (30) and fenced code (25), before it (21)
ANCHORED_PRIORITY = 20.5  # after it, before Python-Markdown's HTML blocks (20)


def _stash_blocks(md: Markdown, text: str, anchored: bool) -> str:
    """`text` with Jinaq's blocks in the HTML stash: those without an anchor (`id`, `name`), or
    (`anchored`) those with one."""
    stash = md.htmlStash

    def keep(m: re.Match) -> str:
        block, tag = m.group(0)[1:], m.group(1)
        if block.count(f"<{tag}") != 1:  # a block of its tag inside: the parser's job
            return m.group(0)
        if (" id=" in block or " name=" in block) != anchored:
            return m.group(0)
        # What the HTML block preprocessor emits: a line break, the stashed block (with the
        # blank line it preserves), then an empty line (after the line break read before it).
        return "\n\n" + stash.store(block + "\n") + "\n\n"

    return _BLOCK.sub(keep, "\n" + text)[1:]


class JinaqHtmlBlocks(Preprocessor):
    """Before MkDocs' anchor collector: the blocks it need not read."""

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        if "jinaq-" not in text:
            return lines
        return _stash_blocks(self.md, text, anchored=False).split("\n")


class JinaqAnchored(Preprocessor):
    """After MkDocs' anchor collector has read their ids: the blocks with anchors (a reference
    list's `ref-N`) and the sentence marks."""

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        if "jinaq-" not in text or not self._after_anchor_collector():
            return lines
        store = self.md.htmlStash.store

        def keep(m: re.Match) -> str:
            if m.group(1) is None:
                return store(m.group(0))
            return store(m.group(1)) + m.group(2) + store("</span>")

        return _MARKS.sub(keep, _stash_blocks(self.md, text, anchored=True)).split("\n")

    def _after_anchor_collector(self) -> bool:
        # Only where MkDocs' collector has read the page already: hidden from a collector that
        # runs later, or from one of another name (another MkDocs), the ids would go unchecked.
        found = self.md.preprocessors
        return _ANCHOR_COLLECTOR in found and \
            found.get_index_for_name(_ANCHOR_COLLECTOR) < found.get_index_for_name("jinaq_anchored")


class JinaqHtmlExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(JinaqHtmlBlocks(md), "jinaq_html_blocks", BLOCKS_PRIORITY)
        md.preprocessors.register(JinaqAnchored(md), "jinaq_anchored", ANCHORED_PRIORITY)


def makeExtension(**kwargs) -> JinaqHtmlExtension:  # the name Markdown looks up
    return JinaqHtmlExtension(**kwargs)
