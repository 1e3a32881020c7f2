"""A hostile volume (tests/fixtures/bad/hostile.txt) builds into a site where every hostile string
is shown as text: no markup, script, link or template from the volume ever takes effect.
"""
from __future__ import annotations

import hashlib
import importlib.util
import json
import re
from pathlib import Path

import bibtexparser
import pytest
import yaml
from lxml import html as lhtml

from jinaq_testing import FIXTURES, copy_project, run_jinaq

_spec = importlib.util.spec_from_file_location("make_bad", FIXTURES / "bad" / "make_bad.py")
make_bad = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_bad)

RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)),
            *(f"lpt{i}" for i in range(10))}


def digest(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict:
    root = tmp_path_factory.mktemp("hostile")
    project = copy_project(root / "project")
    make_bad.install_hostile(project)
    before = digest(root)
    ids = project / "content" / "ids.yml"
    ids_before = ids.read_text(encoding="utf-8") if ids.exists() else ""
    run_jinaq("build", cwd=project)
    model = json.loads((project / "site" / "volume.json").read_text(encoding="utf-8"))
    return {"root": root, "project": project, "site": project / "site", "before": before,
            "ids_before": ids_before,
            "model": model, "articles": {a["title"]: a for a in model["articles"]}}


def first(built) -> dict:
    return built["articles"][make_bad.TITLE_SCRIPT]


def page(built, rel: str):
    return lhtml.fromstring((built["site"] / rel).read_bytes())


def injected(node) -> list[str]:
    """Everything under `node` that would make the volume's text act: script, handlers, links."""
    found = []
    for s in node.iter("script"):
        if "alert" in (s.text or "") and s.get("type") != "application/ld+json":
            found.append(f"<script>{s.text[:60]}")
    for el in node.iter():
        if not isinstance(el.tag, str):
            if "comment" in (el.text or ""):  # an HTML comment: the volume's, now hidden
                found.append(f"<!--{el.text}-->")
            continue
        for name, value in el.attrib.items():
            if name.lower().startswith("on") and "alert" in value:
                found.append(f"<{el.tag} {name}={value}>")
            if name in ("href", "src", "action", "formaction") and \
                    value.strip().lower().startswith(("javascript:", "data:text/html")):
                found.append(f"<{el.tag} {name}={value}>")
        if el.tag == "img" and el.get("src", "").lower() == "x" or el.get("class") == "x":
            found.append(f"<{el.tag} {dict(el.attrib)}>")
    return found


def test_model_keeps_the_hostile_text(built):
    a = first(built)
    assert a["title"] == make_bad.TITLE_SCRIPT
    assert make_bad.SCRIPT in a["keywords"] and make_bad.JINJA in a["keywords"]
    assert make_bad.YAML_TAG in a["keywords"]
    assert set(built["articles"]) >= {make_bad.TITLE_PATH, make_bad.TITLE_CON, make_bad.TITLE_TWICE,
                                      None}


@pytest.mark.parametrize("title", [make_bad.TITLE_SCRIPT, make_bad.TITLE_PLAIN])
def test_article_text_shows_every_hostile_string(built, title):
    doc = page(built, f"articles/{built['articles'][title]['id']}.html")
    article = doc.xpath("//article")[0]
    text = article.text_content()
    # Titles printed in capitals show in sentence case (title_display): the text is the same.
    for s in make_bad.HOSTILE + [built["articles"][title]["title_display"]]:
        assert s in text, s
    assert injected(article) == []


def test_a_page_with_a_plain_title_is_inert_everywhere(built):
    """The hostile body, abstract and keywords under a plain title: the whole page is inert."""
    doc = page(built, f"articles/{built['articles'][make_bad.TITLE_PLAIN]['id']}.html")
    assert injected(doc) == []


def test_no_page_lets_the_volume_act_in_article_bodies(built):
    """Every page's <article>: the Markdown we render from the volume."""
    for f in sorted(built["site"].rglob("*.html")):
        for article in lhtml.fromstring(f.read_bytes()).xpath("//article"):
            assert injected(article) == [], f


def test_no_page_lets_the_volume_act_anywhere(built):
    """Whole pages: <head>, Material's header and navigation too."""
    bad = {}
    for f in sorted(built["site"].rglob("*.html")):
        found = injected(lhtml.fromstring(f.read_bytes()))
        if found:
            bad[f.relative_to(built["site"]).as_posix()] = found
    assert bad == {}


def test_title_element_cannot_be_closed_from_the_volume(built):
    for a in built["model"]["articles"]:
        raw = (built["site"] / f"articles/{a['id']}.html").read_text(encoding="utf-8")
        assert raw.count("</title>") == 1


def test_templates_never_evaluate_volume_text(built):
    a = first(built)
    doc = page(built, f"articles/{a['id']}.html")
    assert make_bad.JINJA in doc.xpath("//article")[0].text_content()
    links = [x.text_content() for x in doc.xpath("//p[@class='jinaq-keywords']//a")]
    assert make_bad.JINJA in links and make_bad.SCRIPT in links
    for f in built["site"].rglob("*.html"):
        text = f.read_text(encoding="utf-8")
        # What `{{ config }}` would print if a Jinja environment ever evaluated volume text.
        assert "'site_dir'" not in text and "docs_dir" not in text, f
    home = page(built, "index.html").text_content()
    assert built["articles"][make_bad.TITLE_SCRIPT]["title_display"] in home


def test_front_matter_round_trips(built):
    articles = built["project"] / "content" / "articles"
    model = {a["id"]: a for a in built["model"]["articles"]}
    seen = set()
    for f in sorted(articles.glob("*.md")):
        text = f.read_text(encoding="utf-8")
        m = re.match(r"^---\n(.*?)\n---\n", text, re.S)
        assert m, f
        meta = yaml.safe_load(m.group(1))
        a = model[meta["id"]]
        assert set(meta) - {"template"} <= set(a), f  # no key the model does not have
        for key, value in meta.items():
            if key != "template":
                assert value == a[key], (f.name, key)
        seen.add(meta["id"])
    assert seen == set(model)
    a = yaml.safe_load(re.match(r"^---\n(.*?)\n---\n", (articles / f"{first(built)['id']}.md")
                                .read_text(encoding="utf-8"), re.S).group(1))
    assert a["title"] == make_bad.TITLE_SCRIPT and make_bad.YAML_TAG in a["keywords"]


def test_generated_files_stay_in_content_and_site(built):
    after = digest(built["root"])
    changed = {p for p in after if built["before"].get(p) != after[p]}
    changed |= set(built["before"]) - set(after)
    outside = [p for p in changed
               if not p.startswith(("project/site/", "project/content/articles/",
                                    "project/.cache/jinaq/"))]  # the page cache
    # The ids file is the one editor file the build extends: by appending to it, only.
    ids = built["root"] / "project" / "content" / "ids.yml"
    before = built.get("ids_before") or ""
    assert ids.read_text(encoding="utf-8").startswith(before)
    assert [p for p in outside if p != "project/content/ids.yml"] == []
    site = built["site"].resolve()
    assert all(p.resolve().is_relative_to(site) for p in site.rglob("*"))
    assert not any(p.name in ("passwd", "etc") for p in built["root"].rglob("*"))


def test_ids_are_unique_plain_slugs(built):
    arts = built["model"]["articles"]
    ids = [a["id"] for a in arts]
    assert len(ids) == len(set(ids)) == 7
    for i in ids:
        assert re.fullmatch(r"[a-z0-9][a-z0-9-]*", i), i
        assert i.split(".")[0] not in RESERVED, i
        assert (built["site"] / "articles" / f"{i}.html").is_file()
    twice = [a["id"] for a in arts if a["title"] == make_bad.TITLE_TWICE]
    assert len(twice) == 2 and twice[0] != twice[1]


def test_untitled_article_is_labelled_not_named(built):
    a = built["articles"][None]
    doc = page(built, f"articles/{a['id']}.html")
    h1 = doc.xpath("//article//h1")[0].text_content()
    # Labelled as untitled, by its authors, never by editor data (the source file, its lines).
    assert h1.startswith("Тақырыбы көрсетілмеген мақала") and a["source"] not in h1
    assert doc.xpath("//title")[0].text_content().startswith(h1.rstrip("¶"))
    assert "citation_title" not in {m.get("name") for m in doc.xpath("//meta[@name]")}


def test_exports_parse_back_with_hostile_text(built):
    lib = bibtexparser.parse_string((built["site"] / "volume.bib").read_text(encoding="utf-8"))
    assert len(lib.entries) == 7 and not lib.failed_blocks
    csl = json.loads((built["site"] / "volume-csl.json").read_text(encoding="utf-8"))
    shown = built["articles"][make_bad.TITLE_SCRIPT]["title_display"]
    assert shown.lower() == make_bad.TITLE_SCRIPT.lower()  # sentence case, the same text
    assert shown in [item.get("title") for item in csl]


# --- reproducible: the same input gives the same bytes, whatever the day, the folder -------------

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def build_copy(dest: Path, volume_yml: str | None, epoch: str | None) -> Path:
    import os

    project = copy_project(dest)
    make_bad.install_hostile(project)
    if volume_yml is not None:
        (project / "content" / "volume.yml").write_text(volume_yml, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    if epoch:
        env["SOURCE_DATE_EPOCH"] = epoch
    run_jinaq("build", cwd=project, env=env)
    return project / "site"


def lastmods(site: Path) -> set[str]:
    from lxml import etree

    root = etree.parse(str(site / "sitemap.xml"))
    assert root.xpath("//s:url", namespaces=SITEMAP_NS)
    return set(root.xpath("//s:url/s:lastmod/text()", namespaces=SITEMAP_NS))


def gzip_mtime(path: Path) -> int:
    return int.from_bytes(path.read_bytes()[4:8], "little")


def test_builds_are_byte_identical_across_folders_and_days(tmp_path):
    volume = 'title: Жинақ\nsite_url: "https://example.org/v/"\ndate: 2023-04-21\n'
    one = build_copy(tmp_path / "a" / "project", volume, "1700000000")
    two = build_copy(tmp_path / "b" / "elsewhere", volume, "1800000000")
    assert digest(one) == digest(two)
    assert lastmods(one) == {"2023-04-21"}  # the volume's date, not the clock nor the epoch
    import gzip

    assert gzip.decompress((one / "sitemap.xml.gz").read_bytes()) == (one / "sitemap.xml").read_bytes()
    assert gzip_mtime(one / "sitemap.xml.gz") == 0


def test_sitemap_date_without_a_volume_date_is_source_date_epoch(tmp_path):
    site = build_copy(tmp_path / "p", 'site_url: "https://example.org/v/"\n', "1700000000")
    assert lastmods(site) == {"2023-11-14"}


def test_sitemap_gz_never_holds_the_clock(tmp_path):
    one = build_copy(tmp_path / "a" / "project", None, "1700000000")
    two = build_copy(tmp_path / "b" / "project", None, "1800000000")
    assert digest(one) == digest(two)
