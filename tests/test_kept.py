"""A one-off `jinaq build` takes the pages it kept from the last build when nothing they are made
of changed (site/kept.py), and makes again every page something changed for: the site after each
edit is byte for byte the site a build without cache makes."""
from __future__ import annotations

import os

import pytest
import yaml

from jinaq_testing import copy_project, run_jinaq


def site_files(site) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes()
            for p in sorted(site.rglob("*")) if p.is_file()}


def article_pages(site) -> dict[str, int]:
    """Article page -> its file's inode (the same inode: the page was taken, not made)."""
    return {p.name: os.stat(p).st_ino for p in sorted((site / "articles").glob("*.html"))}


def redirect_stubs(site) -> dict[str, int]:
    """The stubs at people's old addresses (people/<id>.html) -> their files' inodes."""
    return {p.name: os.stat(p).st_ino for p in sorted((site / "people").glob("*.html"))
            if p.name != "index.html"}


def fresh_site(project, tmp_path) -> dict[str, bytes]:
    out = tmp_path / "fresh"
    run_jinaq("build", "--no-cache", "--no-articles", "--site-dir", str(out), cwd=project)
    return site_files(out)


@pytest.fixture()
def project(tmp_path):
    project = copy_project(tmp_path / "project")
    run_jinaq("build", "--no-articles", cwd=project)
    return project


def edit_body(project, word):
    raw = next((project / "content" / "raw").iterdir())
    lines = raw.read_text(encoding="utf-8").splitlines(keepends=True)
    n = max(i for i, line in enumerate(lines) if len(line) > 60)  # a body line near the end
    lines[n] = lines[n].rstrip("\n") + f" {word}\n"
    raw.write_text("".join(lines), encoding="utf-8")


def test_unchanged_pages_are_taken_and_the_edited_one_made(project, tmp_path):
    site = project / "site"
    before, stubs = article_pages(site), redirect_stubs(site)
    edit_body(project, "Jinaqkeptword")
    run_jinaq("build", "--no-articles", cwd=project)
    after = article_pages(site)
    assert stubs and redirect_stubs(site) == stubs  # the redirect stubs were taken too
    changed = [name for name in after if after[name] != before.get(name)]
    shown = [name for name in after if b"Jinaqkeptword" in (site / "articles" / name).read_bytes()]
    assert len(shown) == 1 and changed == shown  # every other article page was taken
    assert site_files(site) == fresh_site(project, tmp_path)


def edit_volume_title(project):
    path = project / "content" / "volume.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    data["publisher"] = "Jinaqpublisher"  # in each article's <head> tags, not in its Markdown
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def edit_theme(project):
    path = project / "mkdocs.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "site_name:", "copyright: Jinaqcopyright\nsite_name:", 1), encoding="utf-8")


def edit_page_in_place(project):
    page = next((project / "site" / "articles").glob("*.html"))
    with open(page, "a", encoding="utf-8") as f:  # the kept copy is the same file
        f.write("<!-- Jinaqchanged -->")


@pytest.mark.parametrize("edit", [edit_volume_title, edit_theme, edit_page_in_place])
def test_pages_are_made_again_when_what_they_show_changed(project, tmp_path, edit):
    before = article_pages(project / "site")
    edit(project)
    run_jinaq("build", "--no-articles", cwd=project)
    after = article_pages(project / "site")
    assert any(after[name] != before[name] for name in after)
    assert site_files(project / "site") == fresh_site(project, tmp_path)


def test_the_kept_pages_stay_right_edit_after_edit(project, tmp_path):
    """The kept folder is updated in place (pages taken under the same key are left as they
    are): after two edits in a row, every other page is still the first build's file, and a
    page removed from the site is no longer kept."""
    site = project / "site"
    first = article_pages(site)
    edit_body(project, "Jinaqfirstword")
    run_jinaq("build", "--no-articles", cwd=project)
    edit_body(project, "Jinaqsecondword")
    run_jinaq("build", "--no-articles", cwd=project)
    after = article_pages(site)
    changed = [name for name in after if after[name] != first.get(name)]
    assert len(changed) == 1 and b"Jinaqsecondword" in (site / "articles" / changed[0]).read_bytes()
    assert site_files(site) == fresh_site(project, tmp_path)
    kept = next(p for p in (project / ".cache").rglob("pages.json"))
    record = yaml.safe_load(kept.read_text(encoding="utf-8"))["pages"]
    on_disk = {p.relative_to(kept.parent / "site").as_posix()
               for p in (kept.parent / "site").rglob("*") if p.is_file()}
    assert on_disk == set(record)  # nothing kept that the record does not name
