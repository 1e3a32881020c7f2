"""<head> metadata of article pages (generator/publish/scholar.py), read back with lxml."""
from __future__ import annotations

import json

import lxml.html
import pytest

from generator.publish import scholar





def parse(head: str):
    return lxml.html.fromstring(f"<html><head>{head}</head><body></body></html>")


def metas(doc, prefix: str = "") -> list[tuple[str, str]]:
    return [(m.get("name"), m.get("content")) for m in doc.iter("meta")
            if m.get("name", "").startswith(prefix)]


def values(doc, name: str) -> list[str]:
    return [c for n, c in metas(doc) if n == name]


def json_ld(doc) -> dict:
    scripts = doc.findall(".//script")
    assert len(scripts) == 1 and scripts[0].get("type") == "application/ld+json"
    return json.loads(scripts[0].text)


def test_highwire_values_and_author_order(articles, volume):
    doc = parse(scholar.head_tags(articles[0], volume, None))
    tags = metas(doc, "citation_")
    assert tags[0] == ("citation_title", "Сайлау жүйесіндегі реформалар")
    assert tags[1:6] == [
        ("citation_author", "Сейітқали, А.Б."),  # `Family, Given`: no guessing for Scholar
        ("citation_author_institution", "Еуразия ұлттық университеті"),
        ("citation_author_email", "a.seitkali@example.org"),
        ("citation_author", "Нұрланова, Д.Е."),
        ("citation_author_institution", "Қарағанды университеті"),
    ]
    assert values(doc, "citation_publication_date") == ["2023/04/21"]
    assert values(doc, "citation_conference_title") == ["Жас ғалымдар форумы"]
    assert values(doc, "citation_firstpage") == ["3"] and values(doc, "citation_lastpage") == ["14"]
    assert values(doc, "citation_language") == ["kk"]
    assert values(doc, "citation_keywords") == ["сайлау жүйесі", "реформа"]
    # the whole volume's PDF is no article's PDF (test_pdf_url_only_when_known)
    assert values(doc, "citation_pdf_url") == []
    assert values(doc, "citation_isbn") == ["978-601-0000-00-0"]
    assert values(doc, "citation_publisher") == ["Ромашка"]


def test_dublin_core_with_languages(articles, volume):
    doc = parse(scholar.head_tags(articles[0], volume, None))
    title = [m for m in doc.iter("meta") if m.get("name") == "DC.title"]
    assert len(title) == 1 and title[0].get("lang") == "kk" and title[0].get("xml:lang") == "kk"
    subjects = [(m.get("content"), m.get("xml:lang")) for m in doc.iter("meta") if m.get("name") == "DC.subject"]
    assert ("electoral system", "en") in subjects and ("реформа", "kk") in subjects
    descriptions = {m.get("xml:lang") for m in doc.iter("meta") if m.get("name") == "DC.description"}
    assert descriptions == {"kk", "en"}
    assert values(doc, "DC.creator") == ["Сейітқали А.Б.", "Д.Е. Нұрланова"]
    assert values(doc, "DC.date") == ["2023-04-21"]
    assert values(doc, "DC.identifier") == ["https://example.org/forum/articles/kk-reform.html"]


def test_json_ld_scholarly_article(articles, volume):
    data = json_ld(parse(scholar.head_tags(articles[0], volume, None)))
    assert data["@type"] == "ScholarlyArticle"
    assert data["headline"] == data["name"] == "Сайлау жүйесіндегі реформалар"
    assert data["author"][0] == {"@type": "Person", "name": "Сейітқали А.Б.",
                                 "familyName": "Сейітқали", "givenName": "А.Б.",
                                 "affiliation": {"@type": "Organization", "name": "Еуразия ұлттық университеті"},
                                 "email": "a.seitkali@example.org"}
    assert data["isPartOf"]["name"] == "Жас ғалымдар форумы"
    assert (data["pageStart"], data["pageEnd"]) == ("3", "14")
    assert data["datePublished"] == "2023-04-21" and data["inLanguage"] == "kk"


def test_untitled_article_has_no_title_tags(articles, volume):
    head = scholar.head_tags(articles[2], volume, None)
    doc = parse(head)
    names = [n for n, _ in metas(doc)]
    assert "citation_title" not in names and "DC.title" not in names
    assert "citation_author" not in names and "citation_firstpage" not in names
    assert "headline" not in json_ld(doc)


def test_no_tag_has_empty_content(volume):
    article = {"id": "e", "language": "ru", "title": "  ", "abstract": "",
               "authors": [{"name": "Иванов И.И.", "affiliation": " ", "email": None}, {"name": ""}],
               "keywords": ["", "ключ"], "abstracts": {"ru": ""}, "pages": None}
    doc = parse(scholar.head_tags(article, volume, None))
    assert all(m.get("content") for m in doc.iter("meta"))
    assert values(doc, "citation_author") == ["Иванов, И.И."]
    assert values(doc, "citation_keywords") == ["ключ"]
    assert "citation_author_institution" not in [n for n, _ in metas(doc)]


def test_untrusted_text_cannot_break_out(volume):
    title = 'Evil "</script><script>alert(1)</script>" & <b>'
    article = {"id": "x", "language": "en", "title": title,
               "authors": [{"name": 'A "B" <C>', "affiliation": "</title>", "email": None}]}
    head = scholar.head_tags(article, volume, None)
    assert head.count("</script>") == 1 and head.count("<script") == 1
    doc = parse(head)
    assert values(doc, "citation_title") == [title]
    assert values(doc, "citation_author") == ['A "B" <C>']
    assert json_ld(doc)["headline"] == title
    assert len(doc.head) == len(head.splitlines())  # one element a line: nothing got split open


def test_canonical_and_urls(articles, volume):
    doc = parse(scholar.head_tags(articles[0], volume, "articles/kk-reform.html"))
    links = doc.xpath('//link[@rel="canonical"]/@href')
    assert links == ["https://example.org/forum/articles/kk-reform.html"]
    doc = parse(scholar.head_tags(articles[0], volume, "https://mirror.example.net/x.html"))
    assert doc.xpath('//link[@rel="canonical"]/@href') == ["https://mirror.example.net/x.html"]
    no_site = {k: v for k, v in volume.items() if k != "site_url"}
    doc = parse(scholar.head_tags(articles[0], no_site, "articles/kk-reform.html"))
    assert not doc.xpath('//link[@rel="canonical"]') and "url" not in json_ld(doc)
    doc = parse(scholar.head_tags(articles[0], volume, None, canonical=False))
    assert not doc.xpath('//link[@rel="canonical"]')


@pytest.mark.parametrize("date, expected", [("2021", "2021"), ("2021-05", "2021"), ("2021-05-03", "2021/05/03"),
                                            ("someday", None)])
def test_publication_date_forms(date, expected):
    article = {"id": "d", "language": "en", "title": "T", "authors": []}
    doc = parse(scholar.head_tags(article, {"date": date}, None))
    assert values(doc, "citation_publication_date") == ([expected] if expected else [])


def test_pdf_url_only_when_known(articles, volume):
    no_pdf = {k: v for k, v in volume.items() if k != "pdf_url"}
    assert "citation_pdf_url" not in scholar.head_tags(articles[0], no_pdf, None)
    assert "citation_pdf_url" not in scholar.head_tags(articles[0], volume, None)  # the volume's
    per_article = dict(volume, article_pdf_url="https://example.org/forum/pdf/{id}.pdf")
    doc = parse(scholar.head_tags(articles[0], per_article, None))
    assert values(doc, "citation_pdf_url") == ["https://example.org/forum/pdf/kk-reform.pdf"]
    own = dict(articles[0], pdf_url="https://example.org/a.pdf")
    assert values(parse(scholar.head_tags(own, per_article, None)), "citation_pdf_url") == \
        ["https://example.org/a.pdf"]


def test_output_is_deterministic(articles, volume):
    assert scholar.head_tags(articles[1], volume, None) == scholar.head_tags(articles[1], volume, None)


def test_head_tags_made_ahead_are_each_pages_own(monkeypatch):
    """Many article pages' tags made at once (on all cores, when forking is allowed) are
    exactly what each page would make alone; too few to spread: none made ahead."""
    from generator.model import Article, Author
    from generator.util import parallel

    volume = {"title": "Жинақ", "site_url": "https://example.org/v/", "date": "2024-04-19"}
    articles = [Article(id=f"a{n}", source="v.txt", lines=[n, n + 1], title=f"Мақала {n}",
                        authors=[Author(f"Бекова А{n}.")], language="kk", body="мәтін " * 50)
                for n in range(6)]
    pages = [(f"articles/{a.id}.html", a) for a in articles]
    assert scholar.head_tags_ahead(pages, volume) == {}  # a few hundred characters: not spread
    monkeypatch.setattr(parallel, "MIN_CHARS", 0)
    monkeypatch.setattr(parallel, "can_fork", lambda: True)
    made = scholar.head_tags_ahead(pages, volume)
    assert made == {url: (a.id, scholar.article_head_tags(a, volume, url)) for url, a in pages}
    assert 'name="citation_title" content="Мақала 3"' in made["articles/a3.html"][1]
