"""Shared theme partials (generator/site/fragments.py) seen through a real MkDocs build: the site is
byte for byte the one rendered page by page, with far fewer partials rendered."""
import hashlib
import os

import pytest

from generator.site import fragments
from jinaq_testing import copy_project


def build(project, site):
    """An in-process `mkdocs build`; returns the jinaq plugin instance it used."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    cwd = os.getcwd()
    os.chdir(project)
    try:
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
        config.plugins.on_startup(command="build", dirty=False)  # as `mkdocs build` does
        mkdocs_build(config)
    finally:
        os.chdir(cwd)
    return config.plugins["jinaq"]


def digest(site):
    return {str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("fragments")
    project = copy_project(tmp / "project")
    plugin = build(project, tmp / "shared")
    # MkDocs keeps a plugin instance between builds of one process: read it now.
    facts = {"rendered": plugin._fragments.rendered, "in_nav": len(plugin._in_nav),
             "languages": {a.language for a in plugin.volume.articles}}
    return project, tmp, facts


def test_shared_partials_give_the_same_site_as_rendering_every_page(built, monkeypatch):
    project, tmp, _ = built
    monkeypatch.setattr(fragments, "SHARED", {})  # no wrappers: every page renders every partial
    plain = build(project, tmp / "plain")
    assert plain._fragments.rendered == 0
    shared, alone = digest(tmp / "shared"), digest(tmp / "plain")
    assert shared.keys() == alone.keys() and len(shared) > 20
    assert shared == alone


def test_each_partial_is_rendered_once_per_folder(built):
    _, tmp, facts = built
    pages = list((tmp / "shared").rglob("*.html"))
    # The sample mixes languages within articles/: the site speaks one, so they share.
    assert len(facts["languages"]) >= 2
    folders = {p.parent for p in pages}
    # At most once per folder, plus once per page in the navigation.
    most = len(fragments.SHARED) * (len(folders) + facts["in_nav"])
    assert len(fragments.SHARED) <= facts["rendered"] <= most < 3 * len(pages)


def test_a_page_in_the_navigation_still_marks_itself_active(built):
    _, tmp, _ = built
    home = (tmp / "shared" / "index.html").read_text(encoding="utf-8")
    article = next((tmp / "shared" / "articles").glob("*.html")).read_text(encoding="utf-8")
    assert "md-nav__link--active" in home
    assert "md-nav__link--active" not in article


def test_a_build_leaves_the_garbage_collector_as_it_found_it(built):
    import gc

    project, tmp, _ = built
    before = gc.get_freeze_count()
    build(project, tmp / "again")
    assert gc.get_freeze_count() == before  # a build freezes nothing (`jinaq build` does)
