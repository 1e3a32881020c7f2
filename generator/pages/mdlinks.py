"""A Python-Markdown extension: a link's text found without scanning its whole paragraph.

Python-Markdown finds where a link's text ends (`[text](url)`, `![alt](src)`, `[text][ref]`) by
a scan, in Python, of the paragraph around it (in the version this was measured with, 3.11: of
every position at once, made again each time a link of the paragraph has been replaced), so a
paragraph with many links is scanned as many times: a fifth of an article page's Markdown time
where glossary terms are linked. The usual link text holds no bracket, and ends at the next `]`:
two searches in C find it. Any other is left to Python-Markdown, so every page comes out the
same.
"""

from __future__ import annotations

from markdown import Extension, Markdown
from markdown.inlinepatterns import LinkInlineProcessor


class _PlainLinkText(LinkInlineProcessor):
    def getText(self, data: str, index: int) -> tuple[str, int, bool]:
        close = data.find("]", index)
        if close < 0:  # never closed: the rest of the text, as Python-Markdown says
            return data[index:], len(data), False
        if data.find("[", index, close) < 0:
            return data[index:close], close + 1, True
        return super().getText(data, index)  # (brackets inside)


_WITH_SHORTCUT: dict[type, type] = {}


class JinaqLinksExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # Every link processor registered so far (Python-Markdown's six, an extension's own)
        # takes the shortcut in front of its class: its name, priority and pattern stay.
        for proc in md.inlinePatterns:
            kind = type(proc)
            if isinstance(proc, LinkInlineProcessor) and not issubclass(kind, _PlainLinkText):
                if kind not in _WITH_SHORTCUT:
                    _WITH_SHORTCUT[kind] = type(kind.__name__, (_PlainLinkText, kind),
                                                {"__module__": __name__})
                proc.__class__ = _WITH_SHORTCUT[kind]


def makeExtension(**kwargs) -> JinaqLinksExtension:  # the name Markdown looks up
    return JinaqLinksExtension(**kwargs)
