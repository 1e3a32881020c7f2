"""People in the browser: an article leads to its people's sections and back, a person's old
address to their section; name variants find the article in search."""
from __future__ import annotations

import json

import pytest

from test_search_browser import first_article, run_search

pytestmark = pytest.mark.browser


def supervised_article(site) -> tuple[str, str]:
    model = json.loads((site / "volume.json").read_text(encoding="utf-8"))
    person = next(p for p in model["people"] if p["supervised"])
    return person["id"], person["supervised"][0]


def test_person_section_links_to_the_article(built_sample, open_page):
    site = built_sample / "site"
    pid, aid = supervised_article(site)
    local = open_page((site / "articles" / f"{aid}.html").as_uri())
    page = local.page
    page.locator(".jinaq-supervisor a").first.click()
    page.wait_for_load_state()
    assert "people/letters/" in page.url and page.url.endswith(f"#{pid}")
    assert page.locator(f"[id='{pid}']").is_visible()
    page.locator(f"article a[href$='{aid}.html']").first.click()
    page.wait_for_load_state()
    assert page.url.endswith(f"articles/{aid}.html")
    assert not local.blocked


def test_a_persons_old_address_opens_the_section(built_sample, open_page):
    site = built_sample / "site"
    pid, _ = supervised_article(site)
    local = open_page((site / "people" / f"{pid}.html").as_uri())
    page = local.page
    page.wait_for_url(f"**/people/letters/*#{pid}")
    assert page.locator(f"[id='{pid}']").is_visible()
    assert not local.blocked


@pytest.mark.parametrize("query", ["Жанпеисова", "Zhanpeisova"])
def test_name_variants_find_the_persons_article(built_sample, open_page, query):
    site = built_sample / "site"
    _, aid = supervised_article(site)
    local = open_page((site / "index.html").as_uri())
    top = first_article(run_search(local.page, query))
    assert top and top.endswith(f"articles/{aid}.html"), top
