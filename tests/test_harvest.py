"""Harvest files (generator/publish/harvest.py): sitemap, robots.txt, OAI static repository, exports."""
from __future__ import annotations

import gzip
import json
from pathlib import Path

import bibtexparser
import pytest
import rispy
import yaml
from lxml import etree

from generator.publish import harvest

ROOT = Path(__file__).parent.parent
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
SR = "{http://www.openarchives.org/OAI/2.0/static-repository}"
OAI = "{http://www.openarchives.org/OAI/2.0/}"
NS = {"sr": SR[1:-1], "oai": OAI[1:-1], "oai_dc": "http://www.openarchives.org/OAI/2.0/oai_dc/",
      "dc": "http://purl.org/dc/elements/1.1/"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"




@pytest.fixture(autouse=True)
def no_epoch(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


def xml(text: str) -> etree._Element:
    return etree.fromstring(text.encode("utf-8"))


# ---- sitemap and robots

def test_sitemap_absolute_unique_urls_with_lastmod():
    text = harvest.sitemap_xml(["index.html", "/articles/a.html", "index.html", "https://other.example/x"],
                               "2023-04-21", site_url="https://example.org/forum")
    root = xml(text)
    assert root.tag == f"{SM}urlset"
    locs = [u.findtext(f"{SM}loc") for u in root]
    assert locs == ["https://example.org/forum/index.html", "https://example.org/forum/articles/a.html",
                    "https://other.example/x"]
    assert {u.findtext(f"{SM}lastmod") for u in root} == {"2023-04-21"}


def test_sitemap_without_site_url_keeps_only_absolute_urls():
    root = xml(harvest.sitemap_xml(["index.html", "https://example.org/a.html"], None))
    assert [u.findtext(f"{SM}loc") for u in root] == ["https://example.org/a.html"]
    assert root[0].find(f"{SM}lastmod") is None


def test_sitemap_drops_a_lastmod_that_is_not_a_w3c_date():
    root = xml(harvest.sitemap_xml(["https://e.org/"], "1990s"))
    assert root[0].find(f"{SM}lastmod") is None


def test_lastmod_from_volume_then_source_date_epoch(monkeypatch, volume):
    assert harvest.lastmod(volume) == "2023-04-21"
    assert harvest.lastmod({}) is None
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert harvest.lastmod({}) == "2023-11-14"
    assert harvest.lastmod({"date": "2020"}) == "2020"


def test_sitemap_gz_is_stable():
    text = harvest.sitemap_xml(["https://e.org/"], "2020")
    assert harvest.sitemap_gz(text) == harvest.sitemap_gz(text)
    assert gzip.decompress(harvest.sitemap_gz(text)).decode("utf-8") == text


def test_robots_txt():
    assert "Sitemap: https://example.org/forum/sitemap.xml" in harvest.robots_txt("https://example.org/forum")
    assert "Sitemap" not in harvest.robots_txt(None)
    assert harvest.robots_txt(None).startswith("User-agent: *\n")


# ---- OAI-PMH static repository

def test_oai_identify_and_formats(articles, volume):
    root = xml(harvest.oai_static_repository(articles, volume, "https://gw.example.net/oai/example.org/forum/oai.xml"))
    assert root.tag == f"{SR}Repository"
    ident = root.find(f"{SR}Identify")
    assert [etree.QName(c).localname for c in ident] == [
        "repositoryName", "baseURL", "protocolVersion", "adminEmail", "earliestDatestamp",
        "deletedRecord", "granularity"]
    assert ident.findtext(f"{OAI}repositoryName") == "Young Scholars Forum"
    assert ident.findtext(f"{OAI}baseURL") == "https://gw.example.net/oai/example.org/forum/oai.xml"
    assert ident.findtext(f"{OAI}protocolVersion") == "2.0"
    assert ident.findtext(f"{OAI}adminEmail") == "editor@example.org"
    assert ident.findtext(f"{OAI}earliestDatestamp") == "2023-04-21"
    assert ident.findtext(f"{OAI}deletedRecord") == "no"
    assert ident.findtext(f"{OAI}granularity") == "YYYY-MM-DD"
    assert root.xpath("sr:ListMetadataFormats/oai:metadataFormat/oai:metadataPrefix/text()",
                      namespaces=NS) == ["oai_dc"]
    assert root.find(f"{SR}ListRecords").get("metadataPrefix") == "oai_dc"


def test_oai_records_are_oai_dc(articles, volume):
    root = xml(harvest.oai_static_repository(articles, volume, "https://example.org/forum/oai.xml"))
    records = root.xpath("sr:ListRecords/oai:record", namespaces=NS)
    assert len(records) == len(articles)
    ids = root.xpath("//oai:header/oai:identifier/text()", namespaces=NS)
    assert ids == ["oai:example.org:kk-reform", "oai:example.org:en-soft-power", "oai:example.org:ru-untitled"]
    assert set(root.xpath("//oai:header/oai:datestamp/text()", namespaces=NS)) == {"2023-04-21"}
    kk = records[0].find("oai:metadata/oai_dc:dc", NS)
    title = kk.find("dc:title", NS)
    assert title.text == "Сайлау жүйесіндегі реформалар" and title.get(XML_LANG) == "kk"
    assert [c.text for c in kk.findall("dc:creator", NS)] == ["Сейітқали А.Б.", "Д.Е. Нұрланова"]
    assert ("electoral system", "en") in [(s.text, s.get(XML_LANG)) for s in kk.findall("dc:subject", NS)]
    assert len(kk.findall("dc:description", NS)) == 2
    for tag, expected in [("date", "2023-04-21"), ("language", "kk"), ("publisher", "Ромашка"),
                          ("identifier", "https://example.org/forum/articles/kk-reform.html")]:
        assert kk.findtext(f"dc:{tag}", namespaces=NS) == expected
    assert "Text" in [t.text for t in kk.findall("dc:type", NS)]
    en = records[1].find("oai:metadata/oai_dc:dc", NS)
    assert en.findtext("dc:title", namespaces=NS) == "Soft power & the <EU>"
    untitled = records[2].find("oai:metadata/oai_dc:dc", NS)
    assert untitled.find("dc:title", NS) is None and untitled.find("dc:creator", NS) is None
    assert all(el.text for el in root.iter() if etree.QName(el).namespace == NS["dc"])


def test_oai_without_admin_email_and_with_partial_date(articles, volume):
    meta = {k: v for k, v in volume.items() if k != "admin_email"}
    meta["date"] = "2023"
    root = xml(harvest.oai_static_repository(articles, meta, "https://example.org/oai.xml"))
    assert root.find(f"{SR}Identify/{OAI}adminEmail") is None
    assert root.findtext(f"{SR}Identify/{OAI}earliestDatestamp") == "2023-01-01"


def test_oai_needs_a_date(monkeypatch, articles):
    assert harvest.oai_static_repository(articles, {"title": "T"}, "https://e.org/oai.xml") is None
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    root = xml(harvest.oai_static_repository(articles, {"title": "T"}, "https://e.org/oai.xml"))
    assert root.findtext(f"{SR}Identify/{OAI}earliestDatestamp") == "2023-11-14"


def test_default_oai_base_url(volume):
    assert harvest.default_oai_base_url(volume) == "https://example.org/forum/oai.xml"
    gw = dict(volume, oai_gateway="https://gw.example.net/oai/")
    assert harvest.default_oai_base_url(gw) == "https://gw.example.net/oai/example.org/forum/oai.xml"
    assert harvest.default_oai_base_url({}) is None


# ---- all files of a volume

def test_export_files(articles, volume):
    files = harvest.export_files(articles, volume, ["index.html", "articles/kk-reform.html"])
    cited = [a for a in articles if a["title"] or a["authors"]]  # ru-untitled has neither
    assert len(cited) == 2
    for a in cited:
        assert bibtexparser.parse_string(files[f"articles/{a['id']}.bib"]).entries[0].key == a["id"]
        assert rispy.loads(files[f"articles/{a['id']}.ris"])[0]["id"] == a["id"]
        assert json.loads(files[f"articles/{a['id']}.json"])[0]["id"] == a["id"]
    assert not any(k.startswith("articles/ru-untitled.") for k in files)
    assert len(bibtexparser.parse_string(files["volume.bib"]).entries) == 2
    assert len(rispy.loads(files["volume.ris"])) == 2
    assert len(json.loads(files["volume-csl.json"])) == 2
    assert {"robots.txt", "sitemap.xml", "sitemap.xml.gz", "oai.xml"} <= set(files)
    assert files == harvest.export_files(articles, volume, ["index.html", "articles/kk-reform.html"])


def test_export_files_without_site_url(articles):
    files = harvest.export_files(articles, {}, ["index.html"])
    assert "oai.xml" not in files and "<url>" not in files["sitemap.xml"]
    assert "volume.bib" in files and "robots.txt" in files


# ---- the deploy workflow

def test_pages_workflow():
    flow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    assert flow["permissions"]["pages"] == "write" and flow["permissions"]["id-token"] == "write"
    assert "group" in flow["concurrency"]
    steps = flow["jobs"]["build"]["steps"]
    uses = [s.get("uses", "") for s in steps]
    assert any(u.startswith("actions/checkout@") for u in uses)
    assert any(s.get("with", {}).get("python-version") == "3.11" for s in steps)
    runs = "\n".join(s.get("run", "") for s in steps)
    assert "pip install -e ." in runs and "jinaq build" in runs
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert flow["jobs"]["deploy"]["steps"][0]["uses"].startswith("actions/deploy-pages@")
    # The page cache is kept between runs, at the folder the plugin uses by default.
    from generator.site.config import JinaqConfig

    default = JinaqConfig()
    default.load_dict({})
    default.validate()
    cached = [s["with"]["path"] for s in steps if s.get("uses", "").startswith("actions/cache@")]
    assert cached == [default.cache_dir]


def test_volume_example_is_valid_yaml():
    meta = yaml.safe_load((ROOT / "generator" / "data" / "volume.example.yml").read_text(encoding="utf-8"))
    assert {"title", "date", "place", "publisher", "isbn", "editors", "site_url", "licence"} <= set(meta)
