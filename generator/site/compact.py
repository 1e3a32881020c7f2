"""Whitespace compaction of the HTML pages MkDocs writes.

Material's templates indent every tag and leave runs of empty lines: about a fifth of a page's
bytes on a large volume. A run of whitespace that holds a line break becomes one line break,
which a browser renders the same way (outside `white-space: pre`), so nothing a reader sees or a
tool parses changes. `<pre>`, `<textarea>`, `<script>` and `<style>` are kept as they are.

Written here rather than taken from an HTML minifier: those also rewrite markup (attribute
quotes, optional end tags, entities), which citation harvesters and our own checks read.
"""
from __future__ import annotations

import re

_VERBATIM = re.compile(r"<(pre|textarea|script|style)\b[^>]*>.*?</\1\s*>", re.S | re.I)
# The whitespace a run is made of besides line breaks; ASCII only: a no-break or thin space in
# the text is content.
_SPACE = " \t\r"


def compact_html(html: str) -> str:
    """`html` with each whitespace run that holds a line break reduced to one line break."""
    out: list[str] = []
    pos = 0
    for m in _VERBATIM.finditer(html):
        out.append(_squeeze(html[pos:m.start()]))
        out.append(m.group(0))
        pos = m.end()
    out.append(_squeeze(html[pos:]))
    return "".join(out)


def _squeeze(text: str) -> str:
    # Split at the line breaks: each line loses the spaces at its ends, and the lines left empty
    # go (their breaks were part of one run); the first line keeps its start and the last its
    # end, which belong to no run. In C but for one strip a line: two regex passes over the
    # text, one of them reversed, took twice as long.
    if "\n" not in text:
        return text
    lines = text.split("\n")
    inner = [line for line in (x.strip(_SPACE) for x in lines[1:-1]) if line]
    return "\n".join([lines[0].rstrip(_SPACE), *inner, lines[-1].lstrip(_SPACE)])
