"""The page cache (generator/site/prerender.py) seen through `mkdocs build`: a second build converts
no page again and writes the same bytes, an edit converts only the pages it changes, and a
damaged cache is reported and ignored, never a failed build."""
import hashlib
import re
import subprocess
import sys

import pytest
import yaml

from jinaq_testing import copy_project


def mkdocs_build(project):
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f",
                           str(project / "mkdocs.yml")], capture_output=True, text=True,
                          cwd=project)
    assert proc.returncode == 0, proc.stderr
    m = re.search(r"jinaq: (\d+) pages converted, (\d+) from the page cache", proc.stderr)
    assert m, proc.stderr
    return int(m.group(1)), int(m.group(2)), proc.stderr


def site_digest(project) -> dict[str, str]:
    site = project / "site"
    return {str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path / "project")


def test_second_build_reuses_every_page_with_the_same_bytes(project):
    converted, reused, _ = mkdocs_build(project)
    assert converted > 20 and reused == 0
    first = site_digest(project)
    converted2, reused2, _ = mkdocs_build(project)
    assert (converted2, reused2) == (0, converted)
    assert site_digest(project) == first


def generated_pages(project) -> dict[str, str]:
    """The Markdown of every page Jinaq generates for the project, as the plugin renders it."""
    from generator.pipeline import build_site

    content = project / "content"
    paths = {"raw": content / "raw", "corrections": content / "corrections.yml",
             "glossary": content / "glossary.yml", "volume": content / "volume.yml"}
    return build_site(paths, "kk")[1]


def test_an_edit_converts_only_the_pages_it_changes(project):
    total, _, _ = mkdocs_build(project)
    before = generated_pages(project)
    model = yaml.safe_load(subprocess.run(
        [sys.executable, "-m", "generator.cli", "extract", str(project / "content" / "raw"),
         "--format", "yaml", "--no-enrich"], capture_output=True, text=True, check=True).stdout)
    article = model["articles"][0]["id"]
    fixes = project / "content" / "corrections.yml"
    data = yaml.safe_load(fixes.read_text(encoding="utf-8")) if fixes.exists() else {}
    data = data or {}
    data.setdefault("articles", {}).setdefault(article, {})["title"] = "Cachetest title"
    fixes.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    converted, reused, _ = mkdocs_build(project)
    after = generated_pages(project)
    # The article, its neighbours (previous/next links) and the lists naming it: no other page.
    changed = [p for p in after if after[p] != before.get(p)]
    assert 0 < converted == len(changed) < total * 0.6 and converted + reused == total
    assert "Cachetest title" in (project / "site" / "articles" / f"{article}.html").read_text(
        encoding="utf-8")


def test_a_damaged_cache_is_reported_and_ignored(project):
    mkdocs_build(project)
    first = site_digest(project)
    (project / ".cache" / "jinaq" / "pages.sqlite").write_bytes(b"not a database" * 100)
    converted, reused, log = mkdocs_build(project)
    assert "page cache" in log and "Traceback" not in log
    assert converted > 20 and reused == 0
    assert site_digest(project) == first
    assert mkdocs_build(project)[:2] == (0, converted)  # started afresh, and used again


def _build_in_process(project, monkeypatch, caplog):
    """`mkdocs build` of the project in this process (so a test may break a link), with MkDocs'
    anchor validation on; returns the anchor warnings."""
    import logging

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    monkeypatch.chdir(project)
    config = load_config(str(project / "mkdocs.yml"),
                         validation={"anchors": "warn"})
    config.plugins.on_startup(command="build", dirty=False)
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        build(config)
    config.plugins.on_shutdown()
    return [r.getMessage() for r in caplog.records if "does not contain an anchor" in r.message]


def test_mkdocs_checks_the_anchors_jinaqs_pages_link_to(project, monkeypatch, caplog):
    """Pages converted ahead or taken from the page cache carry their links to other pages'
    anchors, so MkDocs' `validation.anchors` checks them as it checks a page it rendered."""
    from generator.pages import glossary_pages

    assert _build_in_process(project, monkeypatch, caplog) == []  # every link finds its anchor
    entry_link = glossary_pages._entry_link

    def broken(lang, where):  # a link to an anchor no glossary page has
        link = entry_link(lang, where)
        return lambda entry: link(entry) + "-gone"

    monkeypatch.setattr(glossary_pages, "_entry_link", broken)
    # The pipeline's persisted cache would hand back the unbroken pages: it is keyed by the
    # code's files, which a monkeypatch leaves as they are. The page cache is what is tested.
    from generator.pipeline import BuildCache
    monkeypatch.setattr(BuildCache, "load", classmethod(lambda cls, path: cls()))
    for _ in range(2):  # converted now, then from the page cache
        warnings = _build_in_process(project, monkeypatch, caplog)
        assert warnings and all(w.startswith("Doc file 'articles/") for w in warnings)
        assert all("-gone'" in w for w in warnings)


def test_a_page_read_for_its_outline_gets_its_html_only_when_rendered(tmp_path):
    """A page the build keeps from the last one is read from the page cache without its HTML
    (its anchors and links are all MkDocs checks); rendered after all, it still gets it."""
    from types import SimpleNamespace

    from mkdocs.structure.toc import TableOfContents

    from generator.site import compat
    from generator.site.prerender import HtmlCache

    cache = HtmlCache(tmp_path / "pages.sqlite")
    pages = {k: compat.Rendered(f"<p>{k}</p>", TableOfContents([]), f"Title {k}", {f"a-{k}"},
                                {}) for k in ("kept", "made")}
    cache.put_many(list(pages.items()))
    kept, made, gone = cache.get_many(["kept", "made", "gone"], outline_only={"kept"})
    assert gone is None
    assert (kept.content, kept.title, kept.anchors) == (None, "Title kept", {"a-kept"})
    assert (made.content, made.anchors) == ("<p>made</p>", {"a-made"})
    page = SimpleNamespace()
    compat.install(page, kept, files=None, load=lambda: cache.content("kept"))
    page.render(None, None)
    assert (page.content, page._title_from_render, page.present_anchor_ids) == \
        ("<p>kept</p>", "Title kept", {"a-kept"})
    cache.close()


def test_a_build_reads_the_pages_it_keeps_from_the_last_without_their_html(
        project, monkeypatch, caplog):
    """The second build of an unchanged project keeps the pages outside the navigation from the
    first one's site: the page cache gives their outline only, and no page's HTML is read for
    them, yet MkDocs still checks their anchors (none broken here)."""
    from generator.site.prerender import HtmlCache

    asked, read = [], []
    get_many, content = HtmlCache.get_many, HtmlCache.content
    monkeypatch.setattr(HtmlCache, "get_many", lambda self, keys, outline_only=(): (
        asked.append((len(keys), set(outline_only))) or get_many(self, keys, outline_only)))
    monkeypatch.setattr(HtmlCache, "content", lambda self, key: (
        read.append(key) or content(self, key)))
    assert _build_in_process(project, monkeypatch, caplog) == []
    assert _build_in_process(project, monkeypatch, caplog) == []
    (_, first), (total, second) = asked
    assert first == set() and 0 < len(second) < total  # (the navigation's pages are made again)
    assert read == []
