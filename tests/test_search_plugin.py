"""The `jinaq/search` plugin (generator/site/search_plugin.py): Jinaq's search listed by its own
name, Material's search box shown for it, and the old way (Material's `search` listed) still
giving the same site."""
from __future__ import annotations

import filecmp
import json
import logging
from pathlib import Path

import pytest

from jinaq_testing import copy_project


def _build(project: Path, caplog) -> list[str]:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(project / "mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=False)
    with caplog.at_level(logging.INFO):
        build(config)
    return [r.getMessage() for r in caplog.records]


def _site(tmp_path: Path, name: str, plugins: str) -> Path:
    project = tmp_path / name
    (project / "docs").mkdir(parents=True)
    (project / "docs" / "index.md").write_text("# Home\n\nА мәтін.\n", encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        f"site_name: T\ntheme: material\nplugins: {plugins}\n", encoding="utf-8")
    return project


@pytest.mark.parametrize("plugins, box", [("[jinaq/search]", True), ("[]", False)])
def test_the_search_box_shows_for_jinaq_search(tmp_path, caplog, plugins, box):
    project = _site(tmp_path, "p", plugins)
    _build(project, caplog)
    home = (project / "site" / "index.html").read_text(encoding="utf-8")
    assert ('for="__search"' in home) is box
    assert ('data-md-component="search"' in home) is box


def test_without_the_jinaq_plugin_it_is_materials_search(tmp_path, caplog):
    """Nothing of Jinaq writes an index then: Material's lunr index is written, with the page."""
    project = _site(tmp_path, "p", "[jinaq/search]")
    _build(project, caplog)
    index = json.loads((project / "site" / "search" / "search_index.json").read_text(
        encoding="utf-8"))
    assert [d["location"] for d in index["docs"]][:1] == [""]


@pytest.fixture(scope="module")
def two_ways(tmp_path_factory):
    """The sample volume built with `jinaq/search` (mkdocs.yml's) and with Material's `search`
    listed in its place (how sites were configured before `jinaq/search`)."""
    root = tmp_path_factory.mktemp("ways")
    built = {}
    for way in ("jinaq/search", "search"):
        project = copy_project(root / way.replace("/", "-"))
        config = (project / "mkdocs.yml").read_text(encoding="utf-8")
        lines = [line for line in config.splitlines() if line.strip().startswith("- jinaq/search")]
        assert len(lines) == 1
        (project / "mkdocs.yml").write_text(config.replace(lines[0], f"  - {way}"),
                                            encoding="utf-8")
        handler = _Collect()
        logging.getLogger("mkdocs").addHandler(handler)
        try:
            from mkdocs.commands.build import build
            from mkdocs.config import load_config

            conf = load_config(str(project / "mkdocs.yml"))
            conf.plugins.on_startup(command="build", dirty=False)
            build(conf)
        finally:
            logging.getLogger("mkdocs").removeHandler(handler)
        built[way] = (project / "site", handler.messages, conf)
    return built


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def test_jinaq_search_replaces_materials_without_listing_it(two_ways):
    site, messages, config = two_ways["jinaq/search"]
    assert "material/search" not in config.plugins
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'for="__search"' in home
    assert "assets/javascripts/search/worker.js?lang=" in home  # Jinaq's worker
    stand_in = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert stand_in["docs"] == [] and stand_in["config"]["lang"]
    assert any(p.name != "search_index.json" for p in (site / "search").iterdir())
    assert not any("`search`" in m for m in messages)


def test_materials_search_listed_gives_the_same_site_and_says_what_to_list(two_ways):
    new, _, _ = two_ways["jinaq/search"]
    old, messages, _ = two_ways["search"]
    assert any("list `jinaq/search` in its place" in m for m in messages)
    compared = filecmp.dircmp(new, old)
    differing: list[str] = []

    def walk(c, prefix=""):
        differing.extend(prefix + n for n in c.diff_files + c.left_only + c.right_only)
        for name, sub in c.subdirs.items():
            walk(sub, prefix + name + "/")
    walk(compared)
    assert differing == []
