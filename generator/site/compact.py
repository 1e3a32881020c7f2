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
# A line break and the whitespace after it; ASCII whitespace only: a no-break or thin space in
# the text is content.
_RUN = re.compile(r"\n[ \t\r\n]*")


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
    # A run's part up to its last line break, found in the reversed text, then what follows
    # that break: each pattern starts with the line break, which the regex engine finds as fast
    # as str.find. (`[ \t\r]*\n…` in one pass tried a match at every space of the text: most of
    # the page writing's time for this step.)
    if "\n" not in text:
        return text
    return _RUN.sub("\n", _RUN.sub("\n", text[::-1])[::-1])
