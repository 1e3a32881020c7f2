"""Readers, point 6 of #22: a section heading the volume prints on its own line («Кіріспе»,
"1. Введение") is a heading on the page and in its table of contents, never a list item or a
piece of the next paragraph. Built from two fixture volumes that print headings so."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from jinaq_testing import copy_project, run_jinaq

VOLUMES = Path(__file__).resolve().parent.parent / "fixtures" / "volumes"
# (fixture file, a heading it prints on its own line, as the page should show it)
CASES = [("v12_spaced_kk_given_names.txt", "Кіріспе"),
         ("v10_pdftotext_ru_vestnik.txt", "1. Введение")]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("headings") / "project")
    raw = project / "content" / "raw"
    shutil.rmtree(raw)
    raw.mkdir()
    for name, _ in CASES:
        shutil.copy(VOLUMES / name, raw / name)
    (project / "content" / "ids.yml").unlink(missing_ok=True)
    run_jinaq("build", cwd=project)
    return project / "site"


@pytest.mark.parametrize("source, heading", CASES)
def test_a_printed_heading_is_a_heading_and_in_the_contents(site, open_page, source, heading):
    model = json.loads((site / "volume.json").read_text(encoding="utf-8"))
    first = next(a for a in model["articles"] if a["source"] == source)
    local = open_page((site / "articles" / f"{first['id']}.html").as_uri())
    page = local.page
    headings = [h.strip("¶ \n") for h in page.eval_on_selector_all(
        "article h2", "els => els.map(e => e.textContent)")]
    assert heading in headings
    contents = page.eval_on_selector_all(".md-nav--secondary a",
                                         "els => els.map(e => e.textContent.trim())")
    assert heading in contents
    items = page.eval_on_selector_all("article li", "els => els.map(e => e.textContent)")
    bare = heading.split(". ", 1)[-1]
    assert not any(item.strip().startswith(bare) for item in items)
    paragraphs = page.eval_on_selector_all("article p", "els => els.map(e => e.textContent)")
    assert not any(p.strip().startswith(heading + " ") for p in paragraphs)
    assert not local.blocked
