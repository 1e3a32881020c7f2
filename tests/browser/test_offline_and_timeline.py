"""Reader journeys in Debian's chromium: timeline -> sentence, sub-path click-through, offline zip."""
from __future__ import annotations

import json
import zipfile

import pytest

from jinaq_testing import run_jinaq
from test_search_browser import first_article, run_search

pytestmark = pytest.mark.browser


def test_timeline_link_lands_on_the_sentence(built_sample, open_page):
    site = built_sample / "site"
    local = open_page((site / "timeline.html").as_uri())
    page = local.page
    link = page.locator("a[href*='#ev-']").first
    href = link.get_attribute("href")
    anchor = href.split("#", 1)[1]
    link.click()
    page.wait_for_load_state()
    assert page.url.endswith("#" + anchor)
    target = page.locator(f"#{anchor}")
    assert target.count() == 1
    model = json.loads((site / "volume.json").read_text(encoding="utf-8"))
    event = next(e for e in model["timeline"] if e.get("anchor") == anchor)
    paragraph = target.locator("xpath=ancestor::*[self::p or self::li][1]").inner_text()
    assert event["sentence"][:30] in paragraph
    page.wait_for_selector(".jinaq-highlight")
    assert not local.blocked


def test_click_through_under_a_sub_path(built_sample, serve, open_page):
    server = serve(built_sample / "site", prefix="proceedings")
    local = open_page(server.url + "index.html")
    page = local.page
    responses = []
    page.on("response", lambda r: responses.append((r.status, r.url)))
    for selector in ("article a[href^='articles/']", "article a[href$='glossary/kk-ru.html']",
                     "article a[href$='timeline.html']"):
        page.goto(server.url + "index.html")
        page.locator(selector).first.click()
        page.wait_for_load_state()
        assert "/proceedings/" in page.url
    assert not [r for r in responses if r[0] >= 400], responses
    assert not local.blocked


def test_offline_zip_opens_and_searches_from_disk(project, tmp_path, open_page):
    run_jinaq("build", "--offline", cwd=project)
    archive = project / "site-offline.zip"
    with zipfile.ZipFile(archive) as zf:
        zf.extractall(tmp_path / "unzipped")
    index = tmp_path / "unzipped" / "site" / "index.html"
    local = open_page(index.as_uri())
    page = local.page
    assert page.locator("article a[href^='articles/']").count() >= 3
    links = run_search(page, "сайлау жүйесі")
    assert first_article(links), links
    assert not local.blocked
