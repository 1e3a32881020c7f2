"""What the render stage adds to an article's text: sentence marks and citation links.

Volume text reaches Markdown escaped (mdtext.escape); the additions here are Jinaq's own markup,
added to that escaped text block by block:
- the sentences the timeline points to, wrapped in `<span class="jinaq-sentence" data-ev="…">`
  (a sentence broken across two blocks by a page break gets a span in each), the anchor the
  timeline links to at its start, so a reader lands on and sees exactly that sentence;
- in-text citations «[1]», «[1, с. 12]», «[2; 3]», «[4–6]»: each number a link to its entry in
  the reference list (`#ref-N`), its title the reference itself (a tooltip, also by tap).
"""
from __future__ import annotations

import re
from typing import Optional
from collections.abc import Callable

from .mdtext import escape, escape_block
from ..model import Block

# A citation between escaped brackets: numbers and ranges joined by , or ;, then optional page
# references ("с. 12", "б. 3–5", "p. 7"). Read on escaped text, where [ and ] are \[ and \].
_NUM = r"\d{1,3}(?:\s*[–—-]\s*\d{1,3})?"
_PAGE = r"(?:с|c|б|бб|бет|стр|p|pp|s|S|P|т|vol)\.?\s*\d+(?:\s*[–—-]\s*\d+)?"
_CITATION = re.compile(r"\\\[(" + _NUM + r"(?:\s*[,;]\s*(?:" + _PAGE + "|" + _NUM + r"))*)\\\]")
_NUMBER = re.compile(r"\d{1,3}")


def sentence_parts(blocks: list[Block], anchors: dict[int, list[tuple[str, str]]]
                   ) -> dict[int, list[tuple[int, int, list[str], bool]]]:
    """id(block) -> [(start, end, anchor ids, holds the start)]: where in each block's raw text the
    sentences the timeline points to lie. `anchors`: raw line -> [(anchor id, sentence)]."""
    by_sentence: dict[str, list[tuple[str, int]]] = {}
    for line, pairs in sorted(anchors.items()):
        for anchor, sentence in pairs:
            by_sentence.setdefault(sentence, []).append((anchor, line))
    out: dict[int, list[tuple[int, int, list[str], bool]]] = {}
    for sentence, marks in by_sentence.items():
        ids = [a for a, _ in marks]
        k = next((i for i, b in enumerate(blocks)
                  if b.line_start <= marks[0][1] <= b.line_end), None)
        if k is None or not sentence:
            continue
        for part in _locate(blocks, k, sentence):
            j, start, end, head = part
            out.setdefault(id(blocks[j]), []).append((start, end, ids, head))
    return out


def _locate(blocks: list[Block], k: int, sentence: str) -> list[tuple[int, int, int, bool]]:
    """(block index, start, end, is head) of `sentence` around block k: within it, or across it
    and a neighbour (the timeline joins a paragraph cut by a page break with a space)."""
    at = blocks[k].text.find(sentence)
    if at >= 0:
        return [(k, at, at + len(sentence), True)]
    for j in (k - 1, k):
        if j < 0 or j + 1 >= len(blocks):
            continue
        first, second = blocks[j].text, blocks[j + 1].text
        at = (first + " " + second).find(sentence)
        if 0 <= at < len(first) < at + len(sentence):
            cut = len(first) - at
            return [(j, at, len(first), True),
                    (j + 1, 0, len(sentence) - cut - 1, False)]
    return []


def mark_sentences(b: Block, text: str, parts: list[tuple[int, int, list[str], bool]]) -> str:
    """Wrap the given raw-text ranges of block `b` in its escaped `text`."""
    escape_fn = escape_block if b.kind == "para" else escape
    if escape_fn(b.text) != text:
        return text  # not the plain escaped block: leave it as it is
    for start, end, ids, head in sorted(parts, reverse=True):
        s, e = len(escape_fn(b.text[:start])), len(escape_fn(b.text[:end]))
        marks = "".join(f'<span class="jinaq-anchor" id="{a}"></span>' for a in ids) if head else ""
        text = (text[:s] + marks + f'<span class="jinaq-sentence" data-ev="{" ".join(ids)}">'
                + text[s:e] + "</span>" + text[e:])
    return text


def link_citations(text: str, references: list[str]) -> str:
    """Link each number of an in-text citation to `#ref-N`; a group with a number past the
    reference list is left alone (a year, an unnumbered remark). The link carries no copy of
    its reference: reader.js gives it the list item's text as its title (a long article cites
    dozens of times, and the copies cost kilobytes a page)."""
    if not references or "\\[" not in text:
        return text

    def one(m: re.Match) -> str:
        inner = m.group(1)
        # Page numbers after "с." are not references: only the numbers before them count.
        spans = [(n.start(), n.end(), int(n.group(0))) for n in _NUMBER.finditer(inner)
                 if not _after_page_label(inner, n.start())]
        if not spans or any(not 1 <= v <= len(references) for _, _, v in spans):
            return m.group(0)
        out, pos = [], 0
        for s, e, v in spans:
            out.append(inner[pos:s])
            out.append(f'[{v}](#ref-{v})')
            pos = e
        out.append(inner[pos:])
        return "\\[" + "".join(out) + "\\]"

    return _CITATION.sub(one, text)


def _after_page_label(inner: str, at: int) -> bool:
    before = inner[:at].rstrip()
    return bool(re.search(r"(?:^|[\s,;])" + r"(?:с|c|б|бб|бет|стр|p|pp|s|S|P|т|vol)\.?$", before)) \
        or bool(re.search(_PAGE + r"\s*[–—-]\s*$", before))


def decorator(blocks: list[Block], anchors: dict[int, list[tuple[str, str]]],
              references: list[str], lang: str,
              annotate: Optional[Callable[[str, str], str]]) -> Callable[[Block, str], str]:
    """The per-block hook of mdtext.blocks_to_markdown: sentence marks, citation links, then
    the glossary's links (`annotate`), in that order (each leaves the others' markup alone)."""
    parts = sentence_parts(blocks, anchors)

    def decorate(b: Block, text: str) -> str:
        mine = parts.get(id(b))
        if mine:
            text = mark_sentences(b, text, mine)
        text = link_citations(text, references)
        if annotate:
            text = annotate(text, lang)
        return text
    return decorate
