"""People on the built site (tests/fixtures/readers): each person a section of their letter
page, reached from the articles and the index; their old page address redirects there; with
use_directory_urls false (the project's, for file://) and true."""
from __future__ import annotations

import json
import os
import posixpath
import re
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import html as lhtml

from jinaq_testing import ROOT, readers_project, run_jinaq

REFRESH = re.compile(r"url=([^\"]+)\"")


@pytest.fixture(scope="module", params=[False, True], ids=["files", "directories"])
def site(request, tmp_path_factory) -> tuple[Path, bool]:
    project = readers_project(tmp_path_factory.mktemp("people") / "project")
    if request.param:
        config = project / "mkdocs.yml"
        config.write_text(config.read_text(encoding="utf-8").replace(
            "use_directory_urls: false", "use_directory_urls: true"), encoding="utf-8")
    proc = run_jinaq("build", "--no-cache", cwd=project)
    # Jinaq's raw-HTML links (glossary, timeline, article headers) are .html addresses: an
    # editor who turns directory URLs on is told so.
    assert ("use_directory_urls: true` breaks links" in proc.stderr) == request.param
    return project / "site", request.param


def people(site: Path) -> list[dict]:
    return json.loads((site / "volume.json").read_text(encoding="utf-8"))["people"]


def page_file(site: Path, rel: str, directories: bool) -> Path:
    """The file a site-relative page address opens (a folder address: its index.html)."""
    path = site / rel
    return path / "index.html" if directories and (rel.endswith("/") or path.is_dir()) else path


def follow(page: str, href: str) -> tuple[str, str]:
    """The site-relative page and the #anchor an href on `page` leads to."""
    target, _, anchor = href.partition("#")
    rel = posixpath.normpath(posixpath.join(posixpath.dirname(page), target))
    return rel, anchor


def ids(site: Path, rel: str, directories: bool) -> set[str]:
    doc = lhtml.fromstring(page_file(site, rel, directories).read_bytes())
    return set(doc.xpath("//@id"))


def letter_page_of(site: Path, pid: str, directories: bool) -> str:
    """The letter page holding a person's section (site-relative)."""
    found = [str(p.relative_to(site)) for p in (site / "people" / "letters").rglob("*.html")
             if f'id="{pid}"' in p.read_text(encoding="utf-8")]
    assert len(found) == 1, (pid, found)
    return found[0]


def test_every_person_is_one_section_of_a_letter_page(site):
    root, directories = site
    for person in people(root):
        rel = letter_page_of(root, person["id"], directories)
        doc = lhtml.fromstring((root / rel).read_bytes())
        heading = doc.get_element_by_id(person["id"])
        assert heading.tag == "h2" and person["name"] in heading.text_content()


def test_the_persons_facts_keep_their_language_and_no_attribute_text_leaks(site):
    root, directories = site
    person = next(p for p in people(root) if p["name"].startswith("Жанпейісова"))
    doc = lhtml.fromstring((root / letter_page_of(root, person["id"], directories)).read_bytes())
    latin = doc.xpath("//article//span[@lang='kk-Latn']/text()")
    assert "Janpeiısova Q.D." in latin and "Zhanpeissova K.D." in latin
    assert "{:" not in doc.xpath("//article")[0].text_content()


def test_article_author_links_reach_the_persons_section(site):
    root, directories = site
    if directories:
        pytest.skip("article headers are raw HTML with .html links: use_directory_urls false")
    links = 0
    for path in sorted((root / "articles").glob("*.html")):
        page = str(path.relative_to(root))
        doc = lhtml.fromstring(path.read_bytes())
        for href in doc.xpath("//p[@class='jinaq-authors' or @class='jinaq-supervisor']//a/@href"):
            rel, anchor = follow(page, href)
            assert rel.startswith("people/letters/") and anchor, href
            assert anchor in ids(root, rel, directories), href
            links += 1
    assert links


def test_the_index_links_each_person_to_their_section(site):
    root, directories = site
    index = "people/index.html" if not directories else "people/"
    doc = lhtml.fromstring(page_file(root, index, directories).read_bytes())
    hrefs = [h for h in doc.xpath("//article//li/a/@href") if "#" in h]
    assert len(hrefs) == len(people(root))
    for href in hrefs:
        rel, anchor = follow("people/index.html", href)
        assert anchor in ids(root, rel, directories), href


def test_a_persons_old_address_redirects_to_the_section(site):
    root, directories = site
    for person in people(root):
        old = f"people/{person['id']}/index.html" if directories else f"people/{person['id']}.html"
        text = (root / old).read_text(encoding="utf-8")
        assert len(text) < 1_000 and "md-header" not in text  # a stub, not a themed page
        assert '<meta name="robots" content="noindex">' in text
        assert '<link rel="canonical" href="https://example.org/proceedings/people/letters/' in text
        href = REFRESH.search(text).group(1)
        assert f'<a href="{href}">' in text
        rel, anchor = follow(old, href)
        assert anchor == person["id"] and anchor in ids(root, rel, directories)


def test_the_sitemap_names_no_person_page(site):
    root, _ = site
    sitemap = (root / "sitemap.xml").read_text(encoding="utf-8")
    assert not any(f"people/{p['id']}" in sitemap for p in people(root))


# A build in a fresh process (the test session's own threads would turn fork off) whose
# redirect writer's fork fails; it prints whether a fork was started.
_FAILING_FORK = """
import sys
from generator import cli
from generator.site import preview

def failing(site_dir, config, stubs):
    raise SystemExit(1)

forked = []
finish = preview.RedirectWriter.finish

def noting(self):
    forked.append(self._fork is not None)
    return finish(self)

preview._write_in_fork = failing
preview.RedirectWriter.finish = noting
code = cli.main(["build", "--no-cache", "--no-articles"])
print("forked", forked)
sys.exit(code)
"""


def test_redirect_pages_are_written_when_their_process_fails(tmp_path):
    """A one-off build writes its redirect pages in a forked process; if that process fails,
    the build writes them itself, and no traceback shows."""
    project = readers_project(tmp_path / "project")
    proc = subprocess.run([sys.executable, "-c", _FAILING_FORK], cwd=project,
                          capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == 0, proc.stderr
    assert "forked [True]" in proc.stdout and "Traceback" not in proc.stderr
    site = project / "site"
    people = json.loads((site / "volume.json").read_text(encoding="utf-8"))["people"]
    assert people and all(REFRESH.search((site / f"people/{p['id']}.html").read_text(
        encoding="utf-8")) for p in people)
