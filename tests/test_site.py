"""The built sample site: article pages, languages, Kazakh UI, home page, corrections, strictness."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import yaml
from lxml import html as lhtml

from jinaq_testing import run_jinaq


def page(site: Path, rel: str):
    return lhtml.fromstring((site / rel).read_text(encoding="utf-8"))


def test_every_article_has_a_page_with_its_metadata_header(built_sample):
    site = built_sample / "site"
    model = json.loads((site / "volume.json").read_text(encoding="utf-8"))
    assert len(model["articles"]) == 3
    for a in model["articles"]:
        doc = page(site, f"articles/{a['id']}.html")
        # The site speaks its own language around the article; the article's text its own.
        assert doc.xpath("//html/@lang")[0] == "kk"
        assert doc.xpath("//div[@class='jinaq-article']/@lang")[0] == a["language"]
        header = doc.xpath("//div[contains(@class,'jinaq-meta')]")
        assert header, a["id"]
        text = header[0].text_content()
        if a["supervisor"]:
            assert a["supervisor"] in text
        for k in a["keywords"]:
            assert doc.xpath(f"//div[contains(@class,'jinaq-meta')]//a[normalize-space()='{k}']"), k
        assert doc.xpath("//h1")[0].text_content().strip()


def test_kazakh_ui_strings(built_sample):
    doc = page(built_sample / "site", "index.html")
    assert doc.xpath("//html/@lang")[0] == "kk"
    assert doc.xpath("//input[@placeholder='Іздеу']"), "Kazakh search placeholder"
    assert "Мазмұнға өту" in doc.text_content()  # skip link


def test_home_lists_all_articles(built_sample):
    site = built_sample / "site"
    model = json.loads((site / "volume.json").read_text(encoding="utf-8"))
    links = set(page(site, "index.html").xpath("//article//a/@href"))
    for a in model["articles"]:
        assert f"articles/{a['id']}.html" in links


def test_navigation_does_not_list_every_article(built_sample):
    doc = page(built_sample / "site", "articles/" + next(
        p.name for p in (built_sample / "site" / "articles").glob("*.html")))
    nav_links = doc.xpath("//nav[contains(@class,'md-nav--primary')]//a/@href")
    assert not any("articles/" in h for h in nav_links)


def test_article_markdown_written_with_front_matter(built_sample):
    files = sorted((built_sample / "content" / "articles").glob("*.md"))
    assert len(files) == 3
    text = files[1].read_text(encoding="utf-8")
    meta = yaml.safe_load(text.split("---\n")[1])
    for field in ("id", "title", "authors", "affiliation", "programme", "supervisor", "language",
                  "abstract", "keywords", "references", "pages"):
        assert field in meta


def test_strict_build_passes(project):
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"],
                          cwd=project, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_corrected_title_reaches_page_front_matter_and_model(project):
    model = json.loads(run_jinaq("extract", "content/raw", "--format", "json", cwd=project).stdout)
    target = next(a for a in model["articles"] if a["language"] == "kk")
    corrections = project / "content" / "corrections.yml"
    corrections.write_text(yaml.safe_dump(
        {"articles": {target["id"]: {"title": "Сайлау жүйесіндегі реформалар"}}},
        allow_unicode=True), encoding="utf-8")
    before = corrections.read_bytes()
    run_jinaq("build", cwd=project)
    assert corrections.read_bytes() == before, "the build must never write corrections.yml"
    site = project / "site"
    doc = page(site, f"articles/{target['id']}.html")
    assert doc.xpath("//h1")[0].text_content().strip().startswith("Сайлау жүйесіндегі реформалар")
    md = (project / "content" / "articles" / f"{target['id']}.md").read_text(encoding="utf-8")
    assert yaml.safe_load(md.split("---\n")[1])["title"] == "Сайлау жүйесіндегі реформалар"
    vol = json.loads((site / "volume.json").read_text(encoding="utf-8"))
    assert next(a for a in vol["articles"] if a["id"] == target["id"])["title"] == \
        "Сайлау жүйесіндегі реформалар"


def test_unknown_id_in_corrections_names_the_line(project):
    (project / "content" / "corrections.yml").write_text(
        "# comment\narticles:\n  no-such-article:\n    title: X\n", encoding="utf-8")
    proc = run_jinaq("build", cwd=project, check=False)
    assert proc.returncode != 0
    assert "corrections.yml:3" in proc.stderr and "no-such-article" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_a_page_carries_only_its_own_section_of_the_navigation(built_sample):
    # Thousands of pages each repeating every section's list made most of a large site's bytes:
    # outside a section, the section is one link to its first page.
    site = built_sample / "site"
    model = json.loads((site / "volume.json").read_text(encoding="utf-8"))
    art = page(site, f"articles/{model['articles'][0]['id']}.html")
    nav = art.xpath("//nav[contains(@class,'md-nav--primary')]")[0]
    hrefs = nav.xpath(".//a/@href")
    assert "../glossary/kk-ru.html" in hrefs and "../glossary/ru-kk.html" not in hrefs
    sections = nav.xpath(".//li[contains(@class,'md-nav__item--pruned')]/a/@href")
    assert sections[0] == "../languages/kk.html"  # "Articles" opens the site language's list
    inside = page(site, "glossary/kk-ru.html").xpath("//nav[contains(@class,'md-nav--primary')]")[0]
    assert "ru-kk.html" in inside.xpath(".//a/@href")


def test_page_scripts_write_letters_plainly_and_no_unused_palette_script(built_sample):
    text = (built_sample / "site" / "index.html").read_text(encoding="utf-8")
    config = lhtml.fromstring(text).xpath("//script[@id='__config']")[0].text
    assert "Көшіру" in config and "\\u" not in config
    assert json.loads(config)["translations"]["clipboard.copy"] == "Көшіру"
    assert "__palette" not in text


def test_the_site_keeps_what_readers_use_compactly(built_sample):
    # volume.json and timeline.json are for programs: compact (`jinaq extract` prints the
    # model indented); the theme's source maps (for debugging its scripts) are left out.
    site = built_sample / "site"
    text = (site / "volume.json").read_text(encoding="utf-8")
    assert text.count("\n") == 1 and json.loads(text)["articles"]
    assert "\n " not in (site / "timeline.json").read_text(encoding="utf-8")
    assert (site / "assets" / "javascripts").is_dir()
    assert list(site.rglob("*.map")) == []
