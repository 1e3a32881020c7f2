"""The editor's preview in Debian's chromium under a real `mkdocs serve`: an open tab follows a
renamed article, shows a broken corrections.yml's error and recovers, and an affiliation-only
edit reaches the page and the search."""
from __future__ import annotations

import subprocess
import time
import urllib.request

import pytest
import yaml

from jinaq_testing import start_serve, stop_serve
from test_search_browser import first_article, run_search

pytestmark = [pytest.mark.browser, pytest.mark.slow]
WAIT_MS = 60_000


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def preview(project):
    port = free_port()
    proc = start_serve(["-a", f"127.0.0.1:{port}"], cwd=project, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        end = time.monotonic() + 90
        while time.monotonic() < end:
            try:
                urllib.request.urlopen(f"{base}/index.html", timeout=5).read()
                break
            except OSError:
                time.sleep(0.3)
        else:
            pytest.fail("mkdocs serve did not start")
        yield project, base
    finally:
        stop_serve(proc)


def test_an_open_tab_follows_the_editor(preview, open_page):
    project, base = preview
    content = project / "content"
    ids = list(yaml.safe_load((content / "ids.yml").read_text(encoding="utf-8")))
    opened = open_page(f"{base}/articles/{ids[2]}.html")
    page = opened.page
    page.wait_for_selector(".jinaq-meta")

    # The editor renames the article: the open tab reloads and lands on its new address.
    ids_file = content / "ids.yml"
    ids_file.write_text(ids_file.read_text(encoding="utf-8").replace(
        f"{ids[2]}:\n", f"{ids[2]}:\n  id: european-union\n"), encoding="utf-8")
    page.wait_for_url("**/articles/european-union.html", timeout=WAIT_MS)
    page.wait_for_selector(".jinaq-meta")
    # The old address never serves the old page again: it forwards.
    fresh = open_page(f"{base}/articles/{ids[2]}.html").page
    fresh.wait_for_url("**/articles/european-union.html", timeout=WAIT_MS)

    # A broken corrections.yml: the tab shows the error with its file and line…
    corrections = content / "corrections.yml"
    corrections.write_text("articles:\n  european-union:\n    title: [not, text]\n",
                           encoding="utf-8")
    page.wait_for_selector("#jinaq-build-error", timeout=WAIT_MS)
    assert "corrections.yml, line 3" in page.inner_text(".jinaq-error-where")
    assert "wrong type" in page.inner_text(".jinaq-error-message")
    # …and recovers by itself once the file is fixed.
    corrections.write_text("articles:\n  european-union:\n    title: Еуропалық одақ\n",
                           encoding="utf-8")
    page.wait_for_selector("h1:has-text('Еуропалық одақ')", timeout=WAIT_MS)
    assert page.locator("#jinaq-build-error").count() == 0

    # An affiliation-only edit of another article: its page and the search show it.
    page.goto(f"{base}/articles/{ids[1]}.html")
    corrections.write_text(
        "articles:\n  european-union:\n    title: Еуропалық одақ\n"
        f"  {ids[1]}:\n    affiliation: Xylotheca Research Institute\n", encoding="utf-8")
    page.wait_for_selector("text=Xylotheca Research Institute", timeout=WAIT_MS)
    # The search index is refreshed in the background after the page: reload until it is.
    end = time.monotonic() + 90
    found = None
    while time.monotonic() < end and found != f"articles/{ids[1]}.html":
        page.reload()
        found = first_article(run_search(page, "Xylotheca", timeout_s=10))
    assert found == f"articles/{ids[1]}.html"
    assert opened.errors == [] and opened.blocked == []
