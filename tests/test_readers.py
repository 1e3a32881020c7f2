"""What the published site says to readers and indexers, on a built volume with titles printed in
capitals (tests/fixtures/readers): titles, Scholar and harvest metadata, exports, the reader's
language. The same site in a browser: tests/browser/test_readers_browser.py."""
from __future__ import annotations

import json

import bibtexparser
import pytest
import rispy
from lxml import etree
from lxml import html as lhtml

from generator.publish import cite
from generator.publish import scholar
from generator.model import Person
from generator.enrich.people import passport_latin, person_search_terms
from jinaq_testing import readers_project, run_jinaq


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    project = readers_project(tmp_path_factory.mktemp("readers") / "project")
    run_jinaq("build", cwd=project)
    return project / "site"


@pytest.fixture(scope="module")
def model(site):
    return json.loads((site / "volume.json").read_text(encoding="utf-8"))


def page(site, rel):
    return lhtml.fromstring((site / rel).read_bytes())


def by_lang(model, lang):
    return next(a for a in model["articles"] if a["language"] == lang and a["title"])


# --- 1. titles printed in capitals: sentence case everywhere a reader or an indexer sees them

def test_titles_in_sentence_case_everywhere(site, model):
    ru = by_lang(model, "ru")
    shown = "ЦИК Республики Казахстан и выборы в условиях COVID-19"
    assert ru["title"] == "ЦИК РЕСПУБЛИКИ КАЗАХСТАН И ВЫБОРЫ В УСЛОВИЯХ COVID-19"
    assert ru["title_display"] == shown
    doc = page(site, f"articles/{ru['id']}.html")
    assert doc.xpath("//article//h1")[0].text_content().strip("¶ \n") == shown
    # The title's anchor does not follow its wording: a link to it survives a title correction.
    assert doc.xpath("//article//h1/@id") == ["title"] and doc.xpath("//a[@class='md-skip']/@href") == ["#title"]
    assert doc.xpath("//title")[0].text_content().startswith(shown)
    meta = {m.get("name"): m.get("content") for m in doc.xpath("//meta[@name]")}
    assert meta["citation_title"] == shown and meta["DC.title"] == shown
    ld = json.loads(doc.xpath("//script[@type='application/ld+json']/text()")[0])
    assert ld["headline"] == shown
    assert shown in doc.xpath("//div[contains(@class,'jinaq-cite')]")[0].text_content()
    assert shown in page(site, "index.html").text_content()
    assert shown in page(site, "languages/ru.html").text_content()
    bib = bibtexparser.parse_string((site / f"articles/{ru['id']}.bib").read_text(encoding="utf-8"))
    assert bib.entries[0]["title"] == \
        "{ЦИК} {Республики} {Казахстан} и выборы в условиях {COVID-19}"
    ris = (site / f"articles/{ru['id']}.ris").read_text(encoding="utf-8")
    assert rispy.loads(ris)[0]["title"] == shown
    csl = (site / f"articles/{ru['id']}.json").read_text(encoding="utf-8")
    assert json.loads(csl)[0]["title"] == shown
    oai = etree.parse(str(site / "oai.xml"))
    titles = oai.xpath("//dc:title/text()", namespaces={"dc": "http://purl.org/dc/elements/1.1/"})
    assert shown in titles and ru["title"] not in titles


# --- 2. Scholar readiness

def test_scholar_tags_are_complete_when_the_volume_says_enough(site, model):
    kk = by_lang(model, "kk")
    doc = page(site, f"articles/{kk['id']}.html")
    meta = {m.get("name"): m.get("content") for m in doc.xpath("//meta[@name]")}
    url = f"https://example.org/proceedings/articles/{kk['id']}.html"
    assert meta["citation_publication_date"] == "2024/04/19"
    assert meta["citation_abstract_html_url"] == url
    assert meta["citation_pdf_url"] == f"https://example.org/proceedings/pdf/{kk['id']}.pdf"
    assert doc.xpath("//link[@rel='canonical']/@href") == [url]
    ld = json.loads(doc.xpath("//script[@type='application/ld+json']/text()")[0])
    assert ld["license"] == "https://creativecommons.org/licenses/by/4.0/"
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{url}</loc>" in sitemap and "<lastmod>2024-04-19</lastmod>" in sitemap
    assert (site / "oai.xml").is_file()


def test_an_untitled_article_is_named_honestly(site, model):
    untitled = next(a for a in model["articles"] if not a["title"])
    doc = page(site, f"articles/{untitled['id']}.html")
    names = {m.get("name") for m in doc.xpath("//meta[@name]")}
    assert "citation_title" not in names and "DC.title" not in names
    title = doc.xpath("//title")[0].text_content()
    assert title.startswith("Тақырыбы көрсетілмеген мақала («аяқталды. Осылайша,")
    assert "readers.txt" not in title and "Қоғам және саясат – 2024" in title


def test_check_says_what_indexers_miss(tmp_path):
    project = readers_project(tmp_path / "bare", volume=False)
    out = run_jinaq("check", cwd=project).stdout
    section = out[out.index("Publishing readiness"):]
    for need in ("no publication date", "no site address", "1 article(s) without a title",
                 "without their own PDF link", "no oai.xml"):
        assert need in section, need
    full = readers_project(tmp_path / "full")
    section = run_jinaq("check", cwd=full).stdout.split("Publishing readiness")[1]
    assert "no publication date" not in section and "no site address" not in section
    assert "without their own PDF link" not in section
    assert "1 article(s) without a title" in section  # the fragment the volume starts with
    build = run_jinaq("build", cwd=project)
    assert "publishing readiness: indexers miss publication date, site address" in build.stderr


# --- 8. the reader's language

def test_a_russian_site_speaks_russian(tmp_path):
    project = readers_project(tmp_path / "ru", language="ru")
    run_jinaq("build", cwd=project)
    site = project / "site"
    home = page(site, "index.html")
    assert home.xpath("//html/@lang") == ["ru"]
    text = home.text_content()
    assert "4 статьи" in text and "Русско-казахский словарь" in text
    assert "Общество и политика – 2024" in home.xpath("//header")[0].text_content()
    assert "Сайт сделан с помощью" in home.xpath("//footer")[0].text_content()
    timeline = page(site, "timeline.html").text_content()
    assert "1990-е годы" in timeline and "Язык статьи" in timeline
    kk = next(p for p in (site / "articles").glob("q*.html"))
    assert "Аннотация (русский)" in page(site, f"articles/{kk.name}").text_content()


def test_no_editor_data_on_pages(site, model):
    for f in site.rglob("*.html"):
        body = page(site, f.relative_to(site)).xpath("//body")[0].text_content()
        assert "readers.txt" not in body, f
        assert "кірісте" not in body and "жолдар " not in body, f


# --- 10. exports

def test_no_near_empty_records(site, model):
    untitled = next(a for a in model["articles"] if not a["title"] and not a["authors"])
    assert not list((site / "articles").glob(f"{untitled['id']}.*[!l]"))  # only its .html
    bib = bibtexparser.parse_string((site / "volume.bib").read_text(encoding="utf-8"))
    assert untitled["id"] not in [e.key for e in bib.entries]
    assert len(bib.entries) == 3
    doc = page(site, f"articles/{untitled['id']}.html")
    assert not doc.xpath("//a[@download]")


def test_bibtex_keys_start_with_a_letter_and_languages_are_biblatex_names():
    arts = [{"id": "000-02ec-26", "language": "kk", "title": "Сайлау", "authors": [
                {"name": "Жанпейісова Қ.Д."}]},
            {"id": "2019-report", "language": "ru", "title": "Отчёт", "authors": []},
            {"id": "on-trade", "language": "en", "title": "On trade", "authors": []}]
    lib = bibtexparser.parse_string(cite.bibtex(arts, {"date": "2023"}))
    keys = [e.key for e in lib.entries]
    assert all(k[0].isalpha() for k in keys) and len(set(keys)) == 3
    assert keys == ["zhanpeiisova2023", "article-2019-report", "on-trade"]
    assert [(e["language"], e["langid"]) for e in lib.entries] == [
        ("kazakh", "kazakh"), ("russian", "russian"), ("english", "english")]


@pytest.mark.parametrize("licence, url", [
    ("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/"),
    ("CC-BY-NC-SA-4.0", "https://creativecommons.org/licenses/by-nc-sa/4.0/"),
    ("CC0", "https://creativecommons.org/publicdomain/zero/1.0/"),
    ("https://example.org/licence", "https://example.org/licence"),
    ("All rights reserved", None),
])
def test_json_ld_licence_is_a_url(licence, url):
    article = {"id": "a", "language": "en", "title": "T", "authors": [{"name": "Ann Lee"}]}
    data = scholar.json_ld(article, {"title": "V", "licence": licence})
    assert data.get("license") == url


def test_people_pages_show_the_passport_spelling(site, model):
    assert passport_latin("Жанпейісова Қ.Д.") == "Zhanpeissova K.D."
    assert passport_latin("Қасымов Н.Е.") == "Kassymov N.E."
    assert passport_latin("Есенов Ерлан") == "Yessenov Yerlan"
    person = next(p for p in model["people"] if p["name"].startswith("Жанпейісова"))
    letter = next(p for p in (site / "people" / "letters").glob("*.html")
                  if f'id="{person["id"]}"' in p.read_text(encoding="utf-8"))
    text = page(site, str(letter.relative_to(site))).text_content()
    assert "Janpeiısova" in text and "Zhanpeissova K.D." in text
    assert "Төлқұжаттағыдай (Scopus)" in text
    # and the search finds the person by it
    terms = person_search_terms(Person(id="p", name="Жанпейісова Қ.Д."))
    assert "zhanpeissova" in terms and "zhanpeissova k.d." in terms


def test_a_preview_shows_the_editors_title_at_once(tmp_path):
    """The preview keeps its caches between builds: an edited title_display reaches the article,
    its neighbours and the lists without a stale page."""
    import yaml

    from generator.pipeline import BuildCache, build_site

    project = readers_project(tmp_path / "p")
    content = project / "content"
    paths = {"raw": content / "raw", "corrections": content / "corrections.yml",
             "glossary": content / "glossary.yml", "volume": content / "volume.yml"}
    cache = BuildCache()
    volume, pages = build_site(paths, "kk", cache=cache)
    ru = next(a for a in volume.articles if a.language == "ru")
    assert "ЦИК Республики Казахстан и выборы в условиях COVID-19" in pages["index.md"]
    (content / "corrections.yml").write_text(yaml.safe_dump(
        {"articles": {ru.id: {"title_display": "ЦИК и выборы во время пандемии"}}},
        allow_unicode=True), encoding="utf-8")
    volume, pages = build_site(paths, "kk", cache=cache)
    assert "ЦИК и выборы во время пандемии" in pages[f"articles/{ru.id}.md"]
    assert "ЦИК и выборы во время пандемии" in pages["index.md"]
    neighbours = [a.id for a in volume.articles]
    before = neighbours[neighbours.index(ru.id) - 1]
    assert "ЦИК и выборы во время пандемии" in pages[f"articles/{before}.md"]
    assert "в условиях COVID-19" not in pages[f"articles/{before}.md"]
