"""A big synthetic volume builds into small pages with valid links (the page-size budget)."""
from __future__ import annotations

import pytest

from jinaq_testing import copy_project, run_jinaq

LIMIT = 60 * 1024  # bytes of HTML a page may have, whatever the volume's size
N = 300


@pytest.fixture(scope="module")
def big_site(tmp_path_factory):
    from bench.synth import make_volume

    root = tmp_path_factory.mktemp("big")
    project = copy_project(root / "project")
    make_volume(root / "volume", n=N)
    proc = run_jinaq("build", str(root / "volume"), "--site-dir", str(root / "site"),
                     "--no-articles", "--strict", cwd=project)
    return root / "site", proc.stderr


def _sizes(site):
    return {str(p.relative_to(site)): p.stat().st_size for p in site.rglob("*.html")}


@pytest.mark.slow
def test_every_page_stays_small_and_links_resolve(big_site):
    site, stderr = big_site
    assert "not found among documentation files" not in stderr, stderr
    assert "WARNING" not in stderr, stderr
    sizes = _sizes(site)
    assert len([p for p in sizes if p.startswith("articles/")]) == N
    big = {p: n for p, n in sizes.items() if n > LIMIT}
    assert not big, big
    # the split pages exist and the entry points kept their addresses
    for entry in ("glossary/kk-ru.html", "glossary/ru-kk.html", "people/index.html",
                  "keywords/index.html", "timeline.html"):
        assert entry in sizes
    assert any(p.startswith("glossary/kk-ru/") for p in sizes)
    assert any(p.startswith("people/letters/") for p in sizes)
    # people are sections of the letter pages: their old addresses are small redirects
    stubs = [p for p in sizes if p.count("/") == 1 and p.startswith("people/")
             and p != "people/index.html"]
    assert stubs and all(sizes[p] < 1_000 for p in stubs)
    assert any(p.startswith("keywords/letters/") for p in sizes)

