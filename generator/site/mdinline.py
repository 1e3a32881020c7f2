"""A Python-Markdown extension: an inline pattern is tried on a text only where its regex finds
something.

Python-Markdown's inline stage tries each of its inline patterns (fourteen with the project's
extensions) on every text of a page (`InlineProcessor.__handleInline`), each try a call in
Python (`__applyPattern`) that checks the pattern's excluded ancestors before its regex looks at
the text. Most tries find nothing: an article's paragraph holds escapes and links, rarely
emphasis, code, an entity or a tag. Here the regex looks first, in C, and the try is made only
where it finds a match: where it finds none, the try would have returned the text unchanged, so
every page comes out the same (tests/test_mdinline.py converts every page of a built volume both
ways). An inline stage that another extension replaced, a pattern of the old kind (`Pattern`,
matched from a slice) or one that makes its regex on the fly, and a Python-Markdown outside the
versions checked (site/compat.py), are left to Python-Markdown.
"""
from __future__ import annotations

from typing import Any, Optional

from markdown import Extension, Markdown, inlinepatterns, treeprocessors, util

from . import compat


# A character some regexes cannot match without, by their exact text: found by str.find first.
# (The code-span regex begins with a lookbehind and an alternation, so the engine tries it at
# every character: on article text, more than half of the time all the regexes take. Each of
# its two branches matches at a backtick or ends where one follows.)
_NEEDS = {inlinepatterns.BACKTICK_RE: "`"}


class _QuickInline(treeprocessors.InlineProcessor):
    """Python-Markdown's inline stage; a pattern's regex is asked before the pattern is tried."""

    _quick: list[tuple[Any, Optional[Any], str]] = []

    def run(self, tree: Any, ancestors: Optional[list[str]] = None) -> Any:
        # The patterns in their order, each with its regex when asking it first is the same
        # as trying the pattern (the registry is read once per page, not once per try).
        plain = inlinepatterns.Pattern.getCompiledRegExp
        self._quick = []
        for p in self.inlinePatterns:
            regex = p.compiled_re if isinstance(p, inlinepatterns.InlineProcessor) \
                and type(p).getCompiledRegExp is plain else None
            self._quick.append((p, regex, _NEEDS.get(regex.pattern, "") if regex else ""))
        return super().run(tree, ancestors)

    # Python-Markdown's `__handleInline` (the same from 3.5 to 3.11), with the regex asked first.
    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:
        if isinstance(data, util.AtomicString):
            return data
        quick = self._quick
        try_pattern = self._InlineProcessor__applyPattern  # type: ignore[attr-defined]
        start = 0
        while patternIndex < len(quick):
            pattern, regex, needs = quick[patternIndex]
            if regex is not None and (needs and data.find(needs, start) < 0
                                      or regex.search(data, start) is None):
                # (what the try returns when its regex finds nothing from `start`)
                patternIndex, start = patternIndex + 1, 0
                continue
            data, matched, start = try_pattern(pattern, data, patternIndex, start)
            if not matched:
                patternIndex += 1
        return data


class JinaqInlineExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        if usable(md):  # (its name and priority stay: only its class changes)
            md.treeprocessors["inline"].__class__ = _QuickInline


def usable(md: Markdown) -> bool:
    """Python-Markdown's own inline stage, in a version whose private names were checked."""
    return ("inline" in md.treeprocessors
            and type(md.treeprocessors["inline"]) is treeprocessors.InlineProcessor
            and compat.tested("markdown")
            and hasattr(treeprocessors.InlineProcessor, "_InlineProcessor__applyPattern"))


def makeExtension(**kwargs: Any) -> JinaqInlineExtension:  # the name Markdown looks up
    return JinaqInlineExtension(**kwargs)
