"""Keyword index pages (generator.pages.render.keyword_pages): letters, parts, paginated keywords."""
from __future__ import annotations

import re

from generator.model import Article, Author, Volume
from generator.pages.paging import PAGE_BUDGET
from generator.pages.render import PAGE_SIZE, index_pages, keyword_pages


def article(i: int, keywords: list[str]) -> Article:
    return Article(id=f"a{i:04d}", source="v.txt", lines=[i, i], language="kk",
                   title=f"Мақала {i}", authors=[Author(name="Әлиев А.")], keywords=keywords)


def test_index_letter_pages_and_keyword_pages_link_each_other():
    vol = Volume(source=["v.txt"], articles=[
        article(1, ["сайлау", "Әкімдік", "reform"]), article(2, ["сайлау", "ауыл"]),
        article(3, ["Ёлка <b>"])])
    pages = keyword_pages(vol)
    index = pages["keywords/index.md"]
    letters = re.findall(r"^## (.+)$", index, re.M)
    assert letters == ["А", "Ә", "Е", "С", "R"]  # Kazakh order, ё filed under Е, Latin last
    assert "- [сайлау](sailau.md) (2)" in index
    assert "[Ә](letters/ae.md)" in index and "[R](letters/latin-r.md)" in index
    s_page = pages["keywords/letters/s.md"]
    assert "- [сайлау](../sailau.md) (2)" in s_page and "[А](a.md)" in s_page
    assert "<b>" not in pages["keywords/letters/e.md"]
    assert pages["keywords/sailau.md"].count("](../articles/") == 2
    assert "keywords/index.md" in index_pages(vol)


def test_a_keyword_with_many_articles_is_paginated():
    n = PAGE_SIZE * 2 + 5
    vol = Volume(source=["v.txt"], articles=[article(i, ["реформа"]) for i in range(n)])
    pages = keyword_pages(vol)
    parts = ["keywords/reforma.md", "keywords/reforma--2.md", "keywords/reforma--3.md"]
    assert [p for p in pages if p.startswith("keywords/reforma")] == parts
    counts = [pages[p].count("](../articles/") for p in parts]
    assert counts == [PAGE_SIZE, PAGE_SIZE, 5]
    assert "[2](reforma--2.md)" in pages[parts[0]] and "[1](reforma.md)" in pages[parts[2]]


def test_many_keywords_split_letter_pages_and_shorten_the_index():
    words = [f"сөз {i:04d} {'ұзын' * 6}" for i in range(2500)]
    vol = Volume(source=["v.txt"], articles=[article(i, [w]) for i, w in enumerate(words)])
    pages = keyword_pages(vol)
    index = pages["keywords/index.md"]
    assert len(index.encode()) <= PAGE_BUDGET and "## " not in index
    assert "[С](letters/s.md) — 2500" in index
    s_pages = [p for p in pages if p.startswith("keywords/letters/s")]
    assert len(s_pages) > 1
    assert all(len(pages[p].encode()) <= PAGE_BUDGET for p in s_pages)
    assert sum(pages[p].count("\n- [") for p in s_pages) == 2500


def test_a_changed_title_reaches_every_list_that_shows_it_and_no_other():
    vol = Volume(source=["v.txt"], articles=[
        article(1, ["сайлау"]), article(2, ["ауыл"]), article(3, ["сайлау", "ауыл"])])
    before = index_pages(vol)
    vol.articles[0].title = "Жаңа тақырып"  # as corrections.yml does between preview builds
    after = index_pages(vol)
    changed = {p for p in after if after[p] != before[p]}
    assert {"keywords/sailau.md", "languages/kk.md"} <= changed
    assert "keywords/auyl.md" not in changed
    assert all("Жаңа тақырып" in after[p] for p in ("keywords/sailau.md", "languages/kk.md"))
