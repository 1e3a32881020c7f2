"""A reader in Debian's chromium on a volume whose titles are printed in capitals
(tests/fixtures/readers): what each page shows, in the reader's language, on a desktop and on a
390 px touch screen, served from a sub-path, with axe-core (vendored, tests/vendor/axe-core)
finding no serious or critical accessibility violation."""
from __future__ import annotations

import functools
import http.server
import json
import os
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from jinaq_testing import readers_project, run_jinaq
from test_search_browser import run_search

pytestmark = pytest.mark.browser
AXE = Path(__file__).resolve().parents[1] / "vendor" / "axe-core" / "axe.min.js"
OUTPUT = Path(__file__).resolve().parents[1] / "output"
PREFIX = "/proceedings"
CITATION = 'article a[href^="#ref-"]'  # an in-text citation: links to its reference entry


@pytest.fixture(scope="module")
def readers(tmp_path_factory):
    """The fixture volume with its volume.yml (site_url https://example.org/proceedings/)."""
    project = readers_project(tmp_path_factory.mktemp("readers") / "project")
    run_jinaq("build", cwd=project)
    site = project / "site"
    return site, json.loads((site / "volume.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def bare(tmp_path_factory):
    """The same volume as an editor starts it: no volume.yml, so no site_url."""
    project = readers_project(tmp_path_factory.mktemp("bare") / "project", volume=False)
    run_jinaq("build", cwd=project)
    return project / "site"


class _PagesHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site under PREFIX and, as GitHub Pages does, its 404.html for anything
    missing (with status 404)."""

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def translate_path(self, path: str) -> str:
        clean = urlsplit(path).path
        if not clean.startswith(PREFIX + "/"):
            return os.path.join(self.directory, "\0missing")
        return super().translate_path(clean[len(PREFIX):])

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def pages_server():
    servers = []

    def start(directory: Path) -> str:
        httpd = http.server.ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(_PagesHandler, directory=str(directory)))
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        servers.append(httpd)
        return f"http://127.0.0.1:{httpd.server_address[1]}{PREFIX}/"

    yield start
    for httpd in servers:
        httpd.shutdown()
        httpd.server_close()


def article(model, lang):
    return next(a for a in model["articles"] if a["language"] == lang and a["title"])


def header_bottom(page) -> float:
    return page.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")


def in_view(page, selector: str) -> bool:
    return page.evaluate("""(sel) => {
      const r = document.querySelector(sel).getBoundingClientRect()
      const top = document.querySelector('.md-header').getBoundingClientRect().bottom
      return r.top >= top - 1 && r.bottom <= window.innerHeight + 1 }""", selector)


# --- 1. titles printed in capitals read in sentence case

def test_titles_read_in_sentence_case(readers, open_page):
    site, model = readers
    ru = article(model, "ru")
    local = open_page((site / "index.html").as_uri())
    link = local.page.locator(f"article a[href='articles/{ru['id']}.html']")
    assert link.inner_text() == "ЦИК Республики Казахстан и выборы в условиях COVID-19"
    link.click()
    local.page.wait_for_load_state()
    h1 = local.page.locator("article h1").first.inner_text().strip("¶ \n")
    assert h1 == "ЦИК Республики Казахстан и выборы в условиях COVID-19"
    cite = local.page.locator(".jinaq-cite").inner_text()
    assert "ЦИК Республики Казахстан и выборы в условиях COVID-19" in cite
    assert "РЕСПУБЛИКИ" not in cite and not local.blocked


# --- 2. Scholar: the page carries a date, absolute URLs, a canonical link; untitled honestly

def test_scholar_metadata_in_the_page(readers, open_page):
    site, model = readers
    kk = article(model, "kk")
    page = open_page((site / "articles" / f"{kk['id']}.html").as_uri()).page
    meta = page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('meta[name]')]
                                .map(m => [m.name, m.content]))""")
    url = f"https://example.org/proceedings/articles/{kk['id']}.html"
    assert meta["citation_publication_date"] == "2024/04/19"
    assert meta["citation_title"] == "Қазақстандағы сайлау жүйесінің реформасы және ЕАЭО тәжірибесі"
    assert meta["citation_abstract_html_url"] == url
    assert page.evaluate("document.querySelector('link[rel=canonical]').href") == url
    untitled = next(a for a in model["articles"] if not a["title"])
    page.goto((site / "articles" / f"{untitled['id']}.html").as_uri())
    assert page.title().startswith("Тақырыбы көрсетілмеген мақала («аяқталды.")
    assert page.evaluate("document.querySelector('meta[name=citation_title]')") is None


# --- 3. 404.html under a sub-path, with and without a site_url

@pytest.mark.parametrize("which", ["readers", "bare"])
def test_not_found_page_works_under_a_sub_path(which, readers, bare, pages_server, open_page):
    site = readers[0] if which == "readers" else bare
    base = pages_server(site)
    for missing in ("articles/no-such-article.html", "no/such/folder/page.html"):
        local = open_page(base + missing)
        page = local.page
        statuses = []  # (the root-finding script's HEAD probes for 404.html may fail: they ask)
        page.on("response", lambda r, seen=statuses: r.request.method == "HEAD" or seen.append(
            (r.status, r.url)))
        page.reload()
        assert page.locator("article h1").inner_text().startswith("404 — Бет табылмады")
        # styled: Material's stylesheet and Jinaq's loaded from the site's root
        assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") \
            == "sticky"
        assert [s for s in statuses if s[0] >= 400 and not s[1].endswith(missing)] == []
        page.get_by_role("link", name="Басты бетке оралу").click()
        page.wait_for_load_state()
        assert page.url == base + "index.html"
        assert page.locator("article h1").count() == 1
        assert not local.blocked


# --- 4. a search result opens with every matched form marked

def marks(page) -> list[str]:
    page.wait_for_selector("mark.jinaq-search-hit")
    return page.eval_on_selector_all("mark.jinaq-search-hit",
                                     "els => els.map(e => e.textContent.toLowerCase())")


def test_search_result_marks_every_inflected_form(readers, pages_server, open_page):
    site, model = readers
    kk = article(model, "kk")
    local = open_page(pages_server(site) + "index.html")
    page = local.page
    links = run_search(page, "сайлау")
    link = next(x for x in links if f"articles/{kk['id']}.html" in x)
    page.goto(link)
    found = marks(page)
    assert {"сайлау", "сайлауды", "сайлаудың"} <= set(found), found
    assert len(found) >= 8
    assert in_view(page, "mark.jinaq-search-hit")
    # A Russian query finds the Kazakh article through the glossary: the translation is marked.
    page.goto(pages_server(site) + "index.html")
    links = run_search(page, "выборы")
    link = next(x for x in links if f"articles/{kk['id']}.html" in x)
    page.goto(link)
    found = marks(page)
    assert found and all(f.startswith("сайла") for f in found), found
    assert in_view(page, "mark.jinaq-search-hit") and not local.blocked


# --- 5. the timeline: one title, decades in words, a filter that keeps shared events, the
# exact sentence highlighted below the sticky header

def test_timeline_page_and_its_links(readers, open_page):
    site, model = readers
    local = open_page((site / "timeline.html").as_uri())
    page = local.page
    assert page.locator("h1").count() == 1
    assert page.title() == "Хронология - Қоғам және саясат – 2024"
    headings = page.eval_on_selector_all("article h2", "els => els.map(e => e.textContent)")
    assert any(h.startswith("1990-жылдар") for h in headings) and "1990s" not in " ".join(headings)
    shared = page.locator(".jinaq-event:has(time[datetime='2022-06-05'])")
    assert shared.get_attribute("data-langs") == "kk ru"
    kk_only = page.locator(".jinaq-event[data-langs='kk']")
    assert kk_only.count() >= 2
    page.click("input[value=kk]")
    assert shared.is_visible() and not kk_only.first.is_visible()
    page.click("input[value=kk]")
    assert kk_only.first.is_visible()
    link = shared.locator("a[lang=kk]")
    anchor = link.get_attribute("href").split("#")[1]
    link.click()
    page.wait_for_load_state()
    page.wait_for_selector(".jinaq-highlight")
    lit = page.eval_on_selector_all(".jinaq-highlight", "els => els.map(e => [e.className, "
                                                        "e.textContent])")
    assert all("jinaq-sentence" in c for c, _ in lit), lit
    text = " ".join(t for _, t in lit)
    assert text.startswith("2022 жылғы 5 маусымда") and text.count(".") <= 2  # one sentence
    assert page.url.endswith("#" + anchor)
    assert in_view(page, ".jinaq-highlight") and not local.blocked


# --- 7. glossary: translations on the index; few links, never side by side, distinguishable

def test_glossary_index_and_links(readers, open_page):
    site, model = readers
    local = open_page((site / "glossary" / "kk-ru.html").as_uri())
    page = local.page
    items = page.eval_on_selector_all("article li", "els => els.map(e => e.textContent)")
    assert "сайлау жүйесі — избирательная система" in items
    kk = article(model, "kk")
    page.goto((site / "articles" / f"{kk['id']}.html").as_uri())
    links = page.locator("article a[href*='glossary/']")
    words = len(kk["body"].split())
    assert 0 < links.count() <= max(5, words // 60)
    side_by_side = page.evaluate("""() => [
      ...document.querySelectorAll("article a[href*='glossary/']")].filter(a => {
        const p = a.previousSibling
        return p && p.nodeType === 3 && !p.textContent.trim() && p.previousSibling &&
               p.previousSibling.matches && p.previousSibling.matches("a[href*='glossary/']") })
      .length""")
    assert side_by_side == 0
    style = page.evaluate("getComputedStyle(document.querySelector("
                          "\"article a[href*='glossary/']\")).textDecorationStyle")
    assert style == "dotted" and not local.blocked


# --- 8. one language around every article; no editor data; the header names the volume

def test_site_language_stays_on_an_english_article(readers, open_page):
    site, model = readers
    en = article(model, "en")
    page = open_page((site / "articles" / f"{en['id']}.html").as_uri()).page
    assert page.locator("html").get_attribute("lang") == "kk"
    assert page.locator(".jinaq-article").get_attribute("lang") == "en"
    assert page.locator("input.md-search__input").get_attribute("placeholder") == "Іздеу"
    assert "Басты бет" in page.locator("nav.md-nav--primary").inner_text()
    assert page.locator(".md-header__topic").first.inner_text() == "Қоғам және саясат – 2024"
    assert "Сайт жасалған құралдар" in page.locator("footer").inner_text()
    assert page.locator("#references a.headerlink").get_attribute("title") == "Тұрақты сілтеме"
    # The heading as the article prints it («References»), in the article's language.
    assert page.locator("#references").get_attribute("lang") == "en"
    assert page.locator("#references").inner_text().startswith(en["references_heading"])
    assert page.locator(".jinaq-abstract[lang=ru]").count() == 1
    body = page.locator("body").inner_text()
    assert "readers.txt" not in body and "Source" not in body


# --- 9. citations link to references; previous and next; tooltips by tap

def test_citations_and_neighbours(readers, open_page):
    site, model = readers
    kk = article(model, "kk")
    page = open_page((site / "articles" / f"{kk['id']}.html").as_uri()).page
    groups = page.eval_on_selector_all(CITATION, "els => els.map(e => e.getAttribute('href'))")
    assert groups[:4] == ["#ref-1", "#ref-1", "#ref-2", "#ref-3"]  # [1], [1, б. 12], [2; 3]
    # The page holds each reference once; its citations take their title from the list, and a
    # mouse on one shows Material's tooltip of it.
    page.locator(CITATION).first.hover()
    page.locator(".md-tooltip2--active").wait_for()
    assert page.locator(".md-tooltip2--active").inner_text().startswith("Ахметов Б.С.")
    page.locator(CITATION).nth(2).click()
    assert page.url.endswith("#ref-2") and in_view(page, "#ref-2")
    tip = page.locator(CITATION).nth(2).get_attribute("data-jinaq-tip")
    assert tip.startswith("Нұрланова")
    ids = [a["id"] for a in model["articles"]]
    nxt = page.locator("a.jinaq-prevnext__next")
    assert nxt.get_attribute("href") == f"{ids[ids.index(kk['id']) + 1]}.html"
    nxt.click()
    page.wait_for_load_state()
    assert page.url.endswith(f"{ids[ids.index(kk['id']) + 1]}.html")
    prev = page.locator("a.jinaq-prevnext__prev")
    assert prev.get_attribute("href") == f"{kk['id']}.html"


def test_tooltips_open_by_tap_on_a_phone(readers, browser):
    site, model = readers
    kk = article(model, "kk")
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True,
                                  is_mobile=True)
    try:
        page = context.new_page()
        url = (site / "articles" / f"{kk['id']}.html").as_uri()
        page.goto(url)
        term = page.locator("article a[href*='glossary/']").first
        translation = term.get_attribute("data-jinaq-tip") or term.get_attribute("title")
        assert translation
        term.scroll_into_view_if_needed()
        term.tap()
        popover = page.locator(".jinaq-popover")
        popover.wait_for()
        assert page.url == url and translation in popover.inner_text()
        assert popover.get_by_role("button", name="Жабу").is_visible()
        ref = page.locator(CITATION).first
        ref.scroll_into_view_if_needed()
        ref.tap()
        assert page.url == url and "Ахметов Б.С." in page.locator(".jinaq-popover").inner_text()
        page.locator(".jinaq-popover").get_by_role("link", name="Ашу").tap()
        page.wait_for_load_state()
        assert page.url.endswith("#ref-1")
        page.goto(url)
        term = page.locator("article a[href*='glossary/']").first
        term.scroll_into_view_if_needed()
        term.tap()
        page.locator(".jinaq-popover").get_by_role("link", name="Ашу").tap()
        page.wait_for_url("**/glossary/**")
    finally:
        context.close()


# --- accessibility: axe-core on the home page, an article, a glossary page and the timeline

def axe_violations(page) -> list[dict]:
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    return page.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']}))
      .violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.length,
                             targets: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))""")


def test_axe_finds_no_serious_violation(readers, built_sample, browser):
    site, model = readers
    pages = {
        "readers": (site, ["index.html", f"articles/{article(model, 'kk')['id']}.html",
                           f"articles/{article(model, 'en')['id']}.html", "glossary/kk-ru.html",
                           "glossary/ru-kk.html", "timeline.html", "people/index.html"]),
        # (an article page, not one of the redirects left at old addresses)
        "sample": (built_sample / "site", ["index.html", "glossary/kk-ru.html", "timeline.html"] +
                   sorted(f"articles/{p.name}" for p in (built_sample / "site" / "articles")
                          .glob("*.html")
                          if 'http-equiv="refresh"' not in p.read_text(encoding="utf-8"))[:1]),
    }
    results, serious = {}, []
    context = browser.new_context()
    try:
        for name, (root, rels) in pages.items():
            for rel in rels:
                page = context.new_page()
                page.goto((root / rel).as_uri())
                found = axe_violations(page)
                results[f"{name}/{rel}"] = found
                serious += [(name, rel, v) for v in found if v["impact"] in ("serious", "critical")]
                page.close()
    finally:
        context.close()
    OUTPUT.mkdir(exist_ok=True)
    (OUTPUT / "axe.json").write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n",
                                     encoding="utf-8")
    assert serious == [], serious
