"""A reader in Debian's chromium: home page -> article b, with a screenshot under tests/output/."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser
OUTPUT = Path(__file__).resolve().parent.parent / "output"


def test_home_to_kazakh_article(built_sample, open_page):
    site = built_sample / "site"
    model = json.loads((site / "volume.json").read_text(encoding="utf-8"))
    b = next(a for a in model["articles"] if a["language"] == "kk")
    local = open_page((site / "index.html").as_uri())
    page = local.page
    page.click(f"article a[href='articles/{b['id']}.html']")
    page.wait_for_load_state()
    assert page.url.endswith(f"articles/{b['id']}.html")
    assert page.locator("html").get_attribute("lang") == "kk"
    assert "Жанпейісова" in page.locator(".jinaq-meta").inner_text()
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT / "article-b.png"), full_page=False)
    assert (OUTPUT / "article-b.png").stat().st_size > 1000
    assert not local.blocked, local.blocked
