"""The built sample's scholarly metadata, exports, reproducibility and atomic builds."""
from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import bibtexparser
import rispy
from lxml import html as lhtml

from jinaq_testing import run_jinaq


def tree_digest(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_scholar_tags_match_the_model(built_sample):
    site = built_sample / "site"
    model = json.loads((site / "volume.json").read_text(encoding="utf-8"))
    for a in model["articles"]:
        doc = lhtml.fromstring((site / f"articles/{a['id']}.html").read_text(encoding="utf-8"))
        metas = {m.get("name"): m.get("content") for m in doc.xpath("//meta[@name]")}
        if a["title"] is None:
            assert "citation_title" not in metas and "DC.title" not in metas
        else:
            assert metas["citation_title"] == a["title"]
        assert metas.get("citation_language") == a["language"]
        kws = doc.xpath("//meta[@name='citation_keywords']/@content")
        assert kws == a["keywords"] or ";".join(a["keywords"]) in kws
        assert all(m.get("content") for m in doc.xpath("//meta[starts-with(@name,'citation_')]"))
        assert metas.get("DC.language") == a["language"]
        assert doc.xpath("//meta[@name='DC.subject']/@content") == a["keywords"]
        assert (metas.get("citation_abstract") or None) == a["abstract"]
        if not a["authors"]:
            assert "citation_author" not in metas and "DC.creator" not in metas
        ld = json.loads(doc.xpath("//script[@type='application/ld+json']/text()")[0])
        assert ld["@type"] == "ScholarlyArticle" and ld["inLanguage"] == a["language"]
        assert ("headline" in ld) == (a["title"] is not None)
        assert ld.get("keywords", []) == a["keywords"]


def test_exports_parse_back(built_sample):
    site = built_sample / "site"
    model = json.loads((site / "volume.json").read_text(encoding="utf-8"))
    # An article with neither a title nor an author has no record (nothing to cite it by).
    cited = [a for a in model["articles"] if a["title"] or a["authors"]]
    lib = bibtexparser.parse_string((site / "volume.bib").read_text(encoding="utf-8"))
    assert len(lib.entries) == len(cited) and not lib.failed_blocks
    ris = rispy.loads((site / "volume.ris").read_text(encoding="utf-8")) if cited else []
    assert len(ris) == len(cited)
    csl = json.loads((site / "volume-csl.json").read_text(encoding="utf-8"))
    assert len(csl) == len(cited) and all(item["type"] == "paper-conference" for item in csl)
    timeline = json.loads((site / "timeline.json").read_text(encoding="utf-8"))
    assert timeline["events"] and "start_date" in timeline["events"][0]


def test_tooltips_in_article_html(built_sample):
    site = built_sample / "site"
    model = json.loads((site / "volume.json").read_text(encoding="utf-8"))
    b = next(a for a in model["articles"] if a["language"] == "kk")
    doc = lhtml.fromstring((site / f"articles/{b['id']}.html").read_text(encoding="utf-8"))
    links = doc.xpath("//article//a[contains(@href,'glossary/kk-ru/')][@title]")
    assert links and any(a.get("title") for a in links)
    for a in links:  # each points at its entry on the letter page that holds it
        target, anchor = a.get("href").split("#")
        page = (site / "articles" / target).resolve()
        assert f'id="{anchor}"' in page.read_text(encoding="utf-8"), a.get("href")


def test_two_builds_are_byte_identical(project, tmp_path):
    run_jinaq("build", cwd=project)
    first = tree_digest(project / "site")
    shutil.copytree(project / "site", tmp_path / "first")
    run_jinaq("build", cwd=project)
    assert tree_digest(project / "site") == first


def test_failed_build_leaves_previous_site_untouched(project):
    run_jinaq("build", cwd=project)
    before = tree_digest(project / "site")
    articles_before = tree_digest(project / "content" / "articles")
    (project / "content" / "volume.yml").write_text("title: [unclosed\n", encoding="utf-8")
    proc = run_jinaq("build", cwd=project, check=False)
    assert proc.returncode != 0 and "volume.yml:" in proc.stderr and "Traceback" not in proc.stderr
    assert tree_digest(project / "site") == before
    assert tree_digest(project / "content" / "articles") == articles_before
