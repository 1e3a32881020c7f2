"""Cleaned blocks -> Markdown text, with every character of the volume shown as text.

Volume text is untrusted: `<script>`, raw HTML, Markdown link syntax and leading `#`/`---` must
render literally, so everything is escaped here, in one place. Hooks let the render stage add
sentence anchors and glossary links (which are ours, not the volume's).
"""
from __future__ import annotations

import html
import re
from typing import Optional
from collections.abc import Callable

from ..model import Block
from ..ingest.patterns import SECTION_HEADING, is_caps
from ..language.textutil import CYRILLIC

_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}|~])")
# A block marker at a paragraph's start: `#`, `>`, `+`, `=`, `-`, or a list number `1.`/`1)`.
_LINE_START = re.compile(r"^(\s*)(?:([#>+=\-])|(\d+)([.)]))")


def escape(text: str) -> str:
    """Markdown- and HTML-escape a run of volume text."""
    text = html.escape(text, quote=False)
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return text


def escape_block(text: str) -> str:
    text = escape(text)
    # Only punctuation can be escaped in Markdown: a list number keeps its digits, `1\.`.
    return _LINE_START.sub(lambda m: m.group(1) + (
        "\\" + m.group(2) if m.group(2) else m.group(3) + "\\" + m.group(4)), text)


# What a line in capitals that is no heading holds: a formula's or code's signs, a word run
# into a number (`SPEA2`, `К1879ХБ1Я`, `С1(3)`): a table's cells, an equation, a listing.
_NOT_PROSE = re.compile(r"[=+<>|\\{}\[\]_#~^∥→←↔¬∧∨∑∏√∞≤≥≈≠±×÷∈∀∃]|[^\W\d_]\d|\d[^\W\d_]|\(\s*\d")


def is_heading(b: Block, lang: Optional[str] = None) -> bool:
    """A paragraph that reads as a section heading: a known one (`Введение`), or a short line in
    capitals made of words. `lang`, the article's: in a Kazakh or Russian article a line of
    Latin capitals is an acronym, a table's cell or code (`LLVM`, `QPSK`, `MCC LSS-R`)."""
    t = b.text.strip()
    if b.kind != "para" or len(t) > 120 or t.endswith((".", ",", ";", ":")):
        return False
    if SECTION_HEADING.match(t):
        return True
    if not is_caps(t) or len(t.split()) > 12 or _NOT_PROSE.search(t):
        return False
    return lang not in ("kk", "ru") or CYRILLIC.search(t) is not None


def blocks_to_markdown(blocks: list[Block],
                       decorate: Optional[Callable[[Block, str], str]] = None,
                       lang: Optional[str] = None) -> str:
    """Markdown body; `decorate(block, escaped_text)` may add anchors or links to a block.
    `lang`: the article's language (is_heading)."""
    out: list[str] = []
    prev_kind = None
    prev_number = None
    for b in blocks:
        # (after `## ` a heading's number cannot start a list: it needs no escape)
        text = escape_block(b.text) if b.kind == "para" else escape(b.text)
        if decorate:
            text = decorate(b, text)
        if b.kind == "bullet":
            if prev_kind not in ("bullet", None):
                out.append("")
            out.append(f"- {text}")
        elif b.kind == "numbered" and b.number and b.number.endswith("."):
            n = int(b.number[:-1])
            # A skipped number (1, 2, 4) starts a new list so the printed number is kept.
            if prev_kind == "numbered" and prev_number is not None and n != prev_number + 1:
                out.append("\n<!-- -->")
            if prev_kind is not None:
                out.append("")
            out.append(f"{n}. {text}")
            prev_number = n
        elif b.kind == "numbered":
            out.append("")
            out.append(f"{b.number} {text}")
        elif b.kind == "heading" or is_heading(b, lang):
            out.append("")
            out.append(f"## {text}")
        else:
            out.append("")
            out.append(text)
        prev_kind = b.kind if b.kind in ("bullet", "numbered") else "para"
        if b.kind != "numbered":
            prev_number = None
    return "\n".join(out).strip() + "\n" if out else ""
