"""Contracts with the private interfaces Jinaq relies on (generator/site/compat.py): each test
reads the installed MkDocs, Material or watchdog and fails when a new version changes what
Jinaq speaks or replays, before a reader meets a broken search or a stale page."""
from __future__ import annotations

import json
import logging
import re
from pathlib import Path
from types import SimpleNamespace

import jinja2
import pytest

from generator.site import compat, fragments

ROOT = Path(__file__).resolve().parent.parent
WORKER = ROOT / "theme_overrides" / "assets" / "javascripts" / "search" / "worker.js"
CONFIG_PARTIAL = ROOT / "theme_overrides" / "partials" / "jinaq-search-config.html"


def material_dir() -> Path:
    import material

    return Path(material.__file__).parent / "templates"


def material_source(name: str) -> str:
    """A TypeScript source of Material's bundle, from the source map it ships."""
    maps = list((material_dir() / "assets" / "javascripts").glob("bundle.*.min.js.map"))
    assert maps, "Material ships no source map of its bundle: its search protocol is unknown"
    data = json.loads(maps[0].read_text(encoding="utf-8"))
    for src, text in zip(data["sources"], data.get("sourcesContent") or []):
        if src.endswith(name):
            return text
    raise AssertionError(f"{name} not in Material's bundle")


def test_the_installed_versions_are_the_tested_ones():
    for package in compat.TESTED:
        assert compat.tested(package), (package, compat.installed(package))


# ---- Material's search worker protocol (worker.js speaks it)

def test_the_worker_speaks_materials_message_types():
    source = material_source("integrations/search/worker/message/index.ts")
    enum = re.search(r"enum SearchMessageType \{(.*?)\}", source, re.S)
    assert enum, "Material's SearchMessageType is gone"
    members = re.findall(r"^\s*([A-Z]+)\b", enum.group(1), re.M)
    ours = re.search(r"var SETUP = (\d), READY = (\d), QUERY = (\d), RESULT = (\d)",
                     WORKER.read_text(encoding="utf-8"))
    assert ours and members == ["SETUP", "READY", "QUERY", "RESULT"]
    assert [int(n) for n in ours.groups()] == [members.index(m) for m in members]
    # A query carries the text; a result carries `data` (the SearchResult).
    assert re.search(r"interface SearchQueryMessage \{[^}]*data: string", source)
    assert re.search(r"interface SearchResultMessage \{[^}]*data: SearchResult", source)


def test_the_worker_answers_with_materials_result_shape():
    maps = list((material_dir() / "assets" / "javascripts" / "workers").glob("search.*.map"))
    data = json.loads(maps[0].read_text(encoding="utf-8"))
    source = next(text for src, text in zip(data["sources"], data["sourcesContent"])
                  if src.endswith("integrations/search/_/index.ts"))
    result = re.search(r"interface SearchResult \{(.*?)\}", source, re.S).group(1)
    assert re.search(r"^\s*items: SearchItem\[\]\[\]", result, re.M)
    item = re.search(r"interface SearchItem\s+extends SearchDocument\s*\{(.*?)\}", source,
                     re.S).group(1)
    assert {"score", "terms"} <= set(re.findall(r"^\s*(\w+):", item, re.M))
    worker = WORKER.read_text(encoding="utf-8")
    assert "postMessage({ type: RESULT, data:" in worker and "items:" in worker


# ---- Material's base.html config block (jinaq-search-config.html is a copy of it)

def _config_json(template_source: str, **context) -> dict:
    env = jinja2.Environment()
    env.filters["url"] = lambda path: path
    html = env.from_string(template_source).render(**context)
    found = re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.S)
    assert found, "no __config block"
    return json.loads(found.group(1))


def test_our_config_block_is_materials_with_our_worker():
    base = (material_dir() / "base.html").read_text(encoding="utf-8")
    block = re.search(r"\{% block config %\}(.*?)\{% endblock %\}", base, re.S)
    assert block, "Material's base.html has no config block"
    features = ["navigation.top", "content.tooltips"]
    context = {"base_url": "..", "features": features,
               "config": {"theme": {"features": features},
                          "extra": {"annotate": {"json": [".s2"]}, "tags": {"A": "a"},
                                    "version": {"provider": "mike"}},
                          "plugins": {}},
               "lang": SimpleNamespace(t=lambda key: f"<{key}>")}
    material = _config_json(block.group(1), **context)
    ours = _config_json(CONFIG_PARTIAL.read_text(encoding="utf-8"), **context)
    assert ours.pop("search").startswith("assets/javascripts/search/worker.js?lang=")
    material.pop("search")
    assert ours == material


# ---- Material's partials (fragments.py renders some once per folder)

def test_the_shared_partials_are_materials():
    for name in fragments.SHARED:
        if name.startswith("partials/jinaq-"):
            assert (ROOT / "theme_overrides" / name).is_file()
        else:
            assert (material_dir() / name).is_file(), name


# ---- Material's header: its search box, shown for jinaq/search (search_plugin.py)

def test_material_header_is_rewritten_to_show_the_search_box_for_jinaq_search(tmp_path):
    """Each expression the rewrite replaces is in the pinned Material's header exactly once."""
    from mkdocs.config import load_config

    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: T\ntheme: material\n", encoding="utf-8")
    env = load_config(str(tmp_path / "mkdocs.yml")).theme.get_env()
    header = compat.header_with_search_box(env, "jinaq/search")
    assert header is not None, "Material's header changed: search_plugin.py cannot show the box"
    assert "material/search" not in header
    assert header.count("jinaq/search") == 2


def test_the_material_search_index_stub_keeps_its_shape(tmp_path):
    """Material's search plugin writes {config, docs}; the stand-in keeps its config."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# A\n\nText.\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: T\ntheme: material\nplugins:\n  - search\n", encoding="utf-8")
    build(load_config(str(tmp_path / "mkdocs.yml")))
    search = tmp_path / "site" / "search"
    written = json.loads((search / "search_index.json").read_text(encoding="utf-8"))
    assert set(written) == {"config", "docs"} and written["docs"]
    compat.write_material_search_stub(search)
    stub = json.loads((search / "search_index.json").read_text(encoding="utf-8"))
    assert stub == {"config": written["config"], "docs": []}


# ---- MkDocs' Page.render (prerender.py replays what it sets)

@pytest.fixture
def two_pages(tmp_path):
    from mkdocs.config import load_config
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import Page

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text("# A\n\n## Here\n\nSee [b](b.md#there) and [x](b.md#none).\n",
                               encoding="utf-8")
    (docs / "b.md").write_text("# B\n\n## There\n\n<span id=\"raw\"></span>\n", encoding="utf-8")
    config = load_config(str(_write_config(tmp_path)))
    files = Files([File(n, str(docs), str(tmp_path / "site"), False) for n in ("a.md", "b.md")])
    pages = {f.src_uri: Page(None, f, config) for f in files}
    return config, files, pages


def _write_config(tmp_path) -> Path:
    path = tmp_path / "mkdocs.yml"
    path.write_text("site_name: T\nvalidation:\n  anchors: warn\n", encoding="utf-8")
    return path


def test_what_page_render_sets_is_what_jinaq_replays(two_pages):
    config, files, pages = two_pages
    page = pages["a.md"]
    page.read_source(config)
    before = dict(vars(page))
    page.render(config, files)
    changed = {k for k, v in vars(page).items() if k not in before or before[k] is not v}
    assert changed == set(compat.RENDER_SETS)


def test_a_replayed_page_is_the_page_mkdocs_rendered(two_pages):
    config, files, pages = two_pages
    page = pages["a.md"]
    rendered = compat.render_page(page, config, files)
    original = {name: getattr(page, name) for name in compat.RENDER_SETS}
    for name in compat.RENDER_SETS:
        setattr(page, name, None)
    compat.install(page, rendered, files)
    page.render(config, files)
    assert {name: getattr(page, name) for name in compat.RENDER_SETS} == original
    assert original["links_to_anchors"]  # there is something to check


def test_mkdocs_validates_the_anchors_of_a_replayed_page(two_pages, caplog):
    config, files, pages = two_pages
    for uri in ("b.md", "a.md"):
        compat.install(pages[uri], compat.render_page(pages[uri], config, files), files)
        pages[uri].render(config, files)
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        pages["a.md"].validate_anchor_links(files=files, log_level=logging.WARNING)
    assert [r.getMessage() for r in caplog.records] == [
        "Doc file 'a.md' contains a link 'b.md#none', but the doc 'b.md' does not contain an "
        "anchor '#none'."]


# ---- watchdog's polling interval

def test_a_polling_observer_keeps_its_interval_where_jinaq_sets_it():
    from watchdog.observers.polling import PollingObserver

    observer = PollingObserver(timeout=0.5)
    assert isinstance(observer._timeout, float)
    with compat.polled_every(observer, 0.1):
        assert observer._timeout == pytest.approx(0.1)
    assert observer._timeout == pytest.approx(0.5)


# ---- versions outside the tested ones: the plain way, said once

def test_an_untested_version_builds_the_plain_way(tmp_path, monkeypatch, caplog):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from jinaq_testing import copy_project

    project = copy_project(tmp_path / "project")
    monkeypatch.chdir(project)
    monkeypatch.setattr(compat, "tested", lambda package: False)
    compat._WARNED.clear()
    config = load_config(str(project / "mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=False)
    with caplog.at_level(logging.INFO):
        build(config)
    messages = [r.getMessage() for r in caplog.records]
    assert any("not tested with mkdocs" in m for m in messages)
    assert not any("pages converted" in m for m in messages)  # MkDocs converted them
    home = (project / "site" / "index.html").read_text(encoding="utf-8")
    assert "assets/javascripts/workers/search." in home  # Material's own search
    assert "jinaq-search__authors" not in home
    assert json.loads((project / "site" / "search" / "search_index.json").read_text(
        encoding="utf-8"))["docs"]
    compat._WARNED.clear()
