"""Every `searches` entry of the sample's gold file, typed into the built sample site's search box:
the expected article comes first, over http (also under a sub-path) and from file://, and no
request leaves the machine."""
from __future__ import annotations

import json

import pytest

from test_search_browser import first_article, run_search

pytestmark = pytest.mark.browser


def expected(built_sample, gold) -> list[tuple[str, str]]:
    model = json.loads((built_sample / "site" / "volume.json").read_text(encoding="utf-8"))
    ids = {}
    for g in gold["articles"]:
        a = next(a for a in model["articles"] if a["lines"][0] == g["lines"][0])
        ids[g["id_hint"]] = a["id"]
    return [(s["query"], f"articles/{ids[s['expect']]}.html") for s in gold["searches"]]


def check_all(page_handle, cases) -> None:
    misses = []
    for query, want in cases:
        top = first_article(run_search(page_handle.page, query))
        if not (top and top.endswith(want)):
            misses.append((query, want, top))
    assert not misses, misses
    assert not page_handle.blocked, page_handle.blocked


@pytest.mark.parametrize("prefix", ["", "proceedings"])
def test_gold_searches_over_http(built_sample, gold, serve, open_page, prefix):
    server = serve(built_sample / "site", prefix=prefix)
    check_all(open_page(server.url + "index.html"), expected(built_sample, gold))


def test_gold_searches_from_disk(built_sample, gold, open_page):
    check_all(open_page((built_sample / "site" / "index.html").as_uri()), expected(built_sample, gold))
