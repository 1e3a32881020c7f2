"""Material's search box over our worker, in Debian's chromium: over HTTP (also in a sub-folder)
and from file://, with every non-local request aborted and counted.

Until the full site build exists these tests build a tiny MkDocs + Material site from
tests/fixtures/search/docs.yml with theme_overrides and generator.publish.search. To run them on the real
site, build it into a folder and replace `site` by that folder and `SEARCHES` by the gold
`searches` (query -> article location): `run_search` and `first_article` stay as they are.
"""
from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
import yaml

from generator.model import GlossaryEntry
from generator.site import compat
from generator.publish.search import SearchDoc, build_index

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
THEME = ROOT / "theme_overrides"
FIXTURE = ROOT / "tests" / "fixtures" / "search" / "docs.yml"
# (query, location of the article that must come first among articles)
SEARCHES = [
    ("мәселелеріне", "articles/kk-reform.html"),
    ("сайлаушылар", "articles/kk-reform.html"),
    ("мягкая сила", "articles/ru-eu.html"),
    ("выборы", "articles/ru-elections.html"),
    ("избирательная система", "articles/ru-elections.html"),
    ("Tursynbayeva", "articles/kk-reform.html"),
]
# The site's main.html adds the same strict Content-Security-Policy; search must live with it.
MAIN_HTML = """{% extends "base.html" %}
{% block extrahead %}{{ super() }}<meta http-equiv="Content-Security-Policy" content="default-src
 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:;
 connect-src 'self'; worker-src 'self' blob:; frame-src 'self'; object-src 'none'">{% endblock %}
{% block config %}{% include "partials/jinaq-search-config.html" %}{% endblock %}
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """A built fixture site (MkDocs + Material + our search), as a folder."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    root = tmp_path_factory.mktemp("fixture-site")
    data = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
    docs = [SearchDoc(**d) for d in data["docs"]]
    glossary = [GlossaryEntry(**g) for g in data["glossary"]]
    people = data.get("people") or {}
    theme = root / "theme"
    shutil.copytree(THEME, theme)
    (theme / "main.html").write_text(MAIN_HTML, encoding="utf-8")
    pages = root / "docs"
    index = ["# Жинақ", ""]
    for doc in docs:
        md = pages / doc.location.replace(".html", ".md")
        md.parent.mkdir(parents=True, exist_ok=True)
        md.write_text(f"# {doc.title}\n\n{doc.authors}\n\n{doc.text}\n", encoding="utf-8")
        index.append(f"- [{doc.title}]({doc.location.replace('.html', '.md')})")
    (pages / "index.md").write_text("\n".join(index) + "\n", encoding="utf-8")
    config = {
        "site_name": "Жинақ",
        "docs_dir": str(pages),
        "site_dir": str(root / "site"),
        "use_directory_urls": False,
        "theme": {"name": "material", "custom_dir": str(theme), "language": "ru", "font": False},
        "plugins": ["search"],
    }
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    build(load_config(str(root / "mkdocs.yml")))
    build_index(docs, root / "site" / "search", glossary, people)
    compat.write_material_search_stub(root / "site" / "search")  # as the site's outputs do
    return root / "site"


def run_search(page, query: str, timeout_s: float = 30) -> list[str]:
    """Type `query` into Material's search box; the result links (absolute URLs), best first."""
    box = page.locator("input.md-search__input")
    if not box.is_visible():
        page.locator("label.md-header__button[for='__search']").first.click()
    box.click()
    box.fill("")
    box.press_sequentially(query)
    # Cyrillic letters are typed as text input without key events; Material reads the box on
    # keyup, so finish with a real key.
    box.press("End")
    # Wait until the list is filled and stops changing (the worker answers each keystroke).
    deadline, last, stable = time.monotonic() + timeout_s, None, 0
    while time.monotonic() < deadline:
        links = page.eval_on_selector_all(
            ".md-search-result__list .md-search-result__link", "els => els.map(e => e.href)")
        meta = page.inner_text(".md-search-result__meta")
        state = (tuple(links), meta)
        stable = stable + 1 if state == last and links else 0
        if stable >= 3:
            return links
        last = state
        page.wait_for_timeout(150)
    return list(last[0]) if last else []


def first_article(links: list[str]) -> str | None:
    """Path of the first result that is an article page."""
    for link in links:
        path = link.split("?")[0].split("#")[0]
        if "/articles/" in path:
            return "articles/" + path.rsplit("/articles/", 1)[1]
    return None


@pytest.mark.parametrize("prefix", ["", "proceedings/2024"])
def test_search_over_http(site, serve, open_page, prefix):
    server = serve(site, prefix)
    opened = open_page(server.url + "index.html")
    for query, expected in SEARCHES:
        assert first_article(run_search(opened.page, query)) == expected, query
    assert opened.blocked == []
    assert opened.errors == []


def test_search_from_file_without_network(site, open_page):
    opened = open_page((site / "articles" / "ru-eu.html").as_uri())
    for query, expected in SEARCHES:
        assert first_article(run_search(opened.page, query)) == expected, query
    # Snippets too: the packed texts are inflated inside the file:// worker shim.
    run_search(opened.page, "выборы")
    assert "<mark>Сайлау</mark>" in opened.page.locator(".md-search-result__item").nth(1).inner_html()
    assert opened.blocked == []
    assert opened.errors == []


def test_result_shows_snippet_with_marks_and_glossary_note(site, serve, open_page):
    opened = open_page(serve(site).url + "index.html")
    run_search(opened.page, "выборы")
    items = opened.page.locator(".md-search-result__item")
    assert items.count() >= 2
    second = items.nth(1).inner_html()
    assert "<mark>Сайлау</mark>" in second
    assert "По глоссарию" in second
