"""Crossref deposit: structure of the 5.3.1 document, DOI pattern, skipped articles.

The Crossref XSD files are not shipped by any package reachable here, so the deposit is checked
structurally (element order as the 5.3.1 schema gives it) rather than validated against the XSD.
"""
from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml
from lxml import etree

from generator.publish.crossref import NS, article_doi, crossref_deposit

FIXTURE = Path(__file__).parent / "fixtures" / "people" / "crossref_volume.yml"
N = {"c": NS}


def load():
    data = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
    return data["articles"], data["volume"]


def deposit(volume=None, articles=None, notes=None):
    arts, vol = load()
    xml = crossref_deposit(articles if articles is not None else arts,
                           volume if volume is not None else vol, "20240501120000", notes=notes)
    return xml


def children(el) -> list[str]:
    return [etree.QName(c).localname for c in el]


def test_head_and_root():
    root = etree.fromstring(deposit().encode("utf-8"))
    assert etree.QName(root).namespace == NS and root.get("version") == "5.3.1"
    head = root.find("c:head", N)
    assert children(head) == ["doi_batch_id", "timestamp", "depositor", "registrant"]
    assert head.findtext("c:timestamp", namespaces=N) == "20240501120000"
    assert head.findtext("c:depositor/c:email_address", namespaces=N) == "depositor@example.org"
    assert head.findtext("c:registrant", namespaces=N) == "Test University Press"


def test_conference_structure_in_schema_order():
    root = etree.fromstring(deposit().encode("utf-8"))
    conf = root.find("c:body/c:conference", N)
    assert children(conf) == ["contributors", "event_metadata", "proceedings_metadata",
                              "conference_paper", "conference_paper"]
    editors = conf.findall("c:contributors/c:person_name", N)
    assert [(e.get("sequence"), e.get("contributor_role")) for e in editors] == [
        ("first", "editor"), ("additional", "editor")]
    event = conf.find("c:event_metadata", N)
    assert children(event) == ["conference_name", "conference_acronym", "conference_location",
                               "conference_date"]
    date = event.find("c:conference_date", N)
    assert (date.get("start_day"), date.get("end_day"), date.get("end_month")) == ("20", "21", "04")
    proc = conf.find("c:proceedings_metadata", N)
    assert children(proc) == ["proceedings_title", "publisher", "publication_date", "noisbn",
                              "doi_data"]
    assert proc.findtext("c:proceedings_title", namespaces=N) == \
        "Proceedings of the Test Conference <2023> & Co"
    assert proc.findtext("c:doi_data/c:doi", namespaces=N) == "10.99999/tce2023"
    assert children(proc.find("c:publication_date", N)) == ["month", "day", "year"]


def test_papers_authors_pages_and_dois():
    root = etree.fromstring(deposit().encode("utf-8"))
    papers = root.findall(".//c:conference_paper", N)
    first = papers[0]
    assert children(first) == ["contributors", "titles", "publication_date", "pages", "doi_data"]
    assert first.get("language") == "kk"
    assert first.findtext("c:titles/c:title", namespaces=N) == "Сайлау жүйесі және реформа"
    names = first.findall("c:contributors/c:person_name", N)
    assert [(n.findtext("c:given_name", namespaces=N), n.findtext("c:surname", namespaces=N),
             n.get("sequence"), n.get("contributor_role")) for n in names] == [
        ("А.Б.", "Сейітов", "first", "author"),
        ("Қарлығаш", "Жанпейісова", "additional", "author")]
    assert first.findtext("c:pages/c:first_page", namespaces=N) == "3"
    assert first.findtext("c:pages/c:last_page", namespaces=N) == "14"
    assert first.findtext("c:doi_data/c:doi", namespaces=N) == "10.99999/tce2023.a1"
    assert first.findtext("c:doi_data/c:resource", namespaces=N) == \
        "https://proceedings.example.org/tce2023/articles/a1.html"
    # No authors, no pages: those optional elements are left out.
    assert children(papers[1]) == ["titles", "publication_date", "doi_data"]


def test_untitled_articles_are_skipped_and_reported():
    notes: list[str] = []
    root = etree.fromstring(deposit(notes=notes).encode("utf-8"))
    dois = [d.text for d in root.findall(".//c:conference_paper/c:doi_data/c:doi", N)]
    assert "10.99999/tce2023.a2" not in dois
    assert any("a2" in n for n in notes)


def test_doi_pattern_is_configurable():
    _, vol = load()
    vol["doi_pattern"] = "{doi_prefix}/jinaq-{article_id}"
    assert article_doi(vol, "a1") == "10.99999/jinaq-a1"
    root = etree.fromstring(deposit(volume=vol).encode("utf-8"))
    assert root.findtext(".//c:conference_paper/c:doi_data/c:doi", namespaces=N) == \
        "10.99999/jinaq-a1"


@pytest.mark.parametrize("drop", ["doi_prefix", "depositor"])
def test_no_deposit_without_doi_data(drop):
    _, vol = load()
    vol = copy.deepcopy(vol)
    del vol[drop]
    assert deposit(volume=vol) is None


def test_incomplete_volume_metadata_is_reported():
    _, vol = load()
    del vol["site_url"]
    notes: list[str] = []
    assert deposit(volume=vol, notes=notes) is None
    assert notes and "site_url" in notes[0]


def test_output_is_deterministic_and_has_isbn_when_given():
    assert deposit() == deposit()
    _, vol = load()
    vol["isbn"] = "978-601-000-000-0"
    root = etree.fromstring(deposit(volume=vol).encode("utf-8"))
    proc = root.find(".//c:proceedings_metadata", N)
    assert "isbn" in children(proc) and "noisbn" not in children(proc)
