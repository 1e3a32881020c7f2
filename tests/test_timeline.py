"""The timeline: events from hand-made articles, merging, order, labels, page and exports."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import markdown
import pytest
import yaml

from generator.model import Article, Block, TimelineEvent, Volume
from generator.enrich.timeline import extract_events, split_sentences
from generator.publish.timelinejs import to_timelinejs
from generator.pages.i18n import strings
from generator.pages.timeline_page import groups, render_timeline_pages

FIXTURES = Path(__file__).parent / "fixtures" / "timeline"
ROOT = Path(__file__).parent.parent


def make_block(kind: str, lines: list, number=None) -> Block:
    """A cleaned block from [raw line, text] pairs joined by spaces, as the cleaner makes them."""
    text, offsets = "", []
    for line, part in lines:
        if text:
            text += " "
        offsets.append((len(text), line))
        text += part.replace("\n", " ")
    return Block(kind=kind, text=text, source="t.txt", line_start=lines[0][0],
                 line_end=lines[-1][0], number=number, offsets=offsets)


def load(name: str) -> tuple[list[Article], list[dict]]:
    data = yaml.safe_load((FIXTURES / name).read_text(encoding="utf-8"))
    articles = []
    for a in data["articles"]:
        blocks = [make_block(b["kind"], b["lines"], b.get("number")) for b in a["blocks"]]
        articles.append(Article(id=a["id"], source="t.txt",
                                lines=[blocks[0].line_start, blocks[-1].line_end],
                                language=a["language"], blocks=blocks))
    return articles, data["expect"]


@pytest.mark.parametrize("name", ["referendum.yml", "kk_reforms.yml", "en_ru.yml"])
def test_events_are_exactly_the_expected_ones(name):
    articles, expect = load(name)
    events = extract_events(articles)
    got = [(e.date, e.line) for e in events]
    assert got == [(str(x["date"]), x["line"]) for x in expect]
    for e, x in zip(events, expect):
        if "article" in x:
            assert e.article == x["article"]
        assert e.anchor == f"ev-{e.line}"
        assert [(a["article"], a["line"]) for a in e.also] == [
            (a["article"], a["line"]) for a in x.get("also", [])]


KINDS = yaml.safe_load((FIXTURES / "kinds.yml").read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", KINDS, ids=[f"{c['lang']}-{c['kind']}-{i}"
                                             for i, c in enumerate(KINDS)])
def test_every_kind_of_event_and_non_event(case):
    """Each kind of dated act the timeline must find (and each dated non-event) in kk, ru, en."""
    blocks = [make_block("para", case["lines"])]
    if case.get("next"):
        blocks.append(make_block("para", case["next"]))
    article = Article(id="x", source="t.txt", lines=[1, 9], language=case["lang"], blocks=blocks)
    got = [(e.date, e.line) for e in extract_events([article])]
    assert got == [(str(d), line) for d, line in case["events"]], case["lines"]


def test_same_referendum_in_two_articles_is_one_event():
    articles, _ = load("referendum.yml")
    [event] = extract_events(articles)
    assert (event.date, event.precision, event.article, event.language) == (
        "2022-06-05", "day", "kk-art", "kk")
    assert "референдумда" in event.event
    [other] = event.also
    assert other["anchor"] == "ev-41"
    assert "референдуме" in other["sentence"]
    d = event.to_dict()
    assert d["also"][0]["article"] == "ru-art" and d["anchor"] == "ev-10"


def test_different_acts_on_one_date_stay_apart():
    kk = Article(id="a", source="t", lines=[1, 1], language="kk", blocks=[
        make_block("para", [[1, "2022 жылғы 5 маусымда референдум өтті."]])])
    ru = Article(id="b", source="t", lines=[1, 1], language="ru", blocks=[
        make_block("para", [[7, "Указ подписан 5 июня 2022 года."]])])
    events = extract_events([kk, ru])
    assert [(e.article, e.line, e.also) for e in events] == [("a", 1, []), ("b", 7, [])]


def test_same_act_twice_in_one_article_is_not_merged():
    a = Article(id="a", source="t", lines=[1, 3], language="kk", blocks=[
        make_block("numbered", [[1, "«Сайлау туралы» 2022 жылғы 5 қарашадағы №156-VII ҚРЗ [7];"]]),
        make_block("numbered", [[3, "«Партиялар туралы» 2022 жылғы 5 қарашадағы №157-VII ҚРЗ [8]."]]),
    ])
    assert [e.line for e in extract_events([a])] == [1, 3]


def test_chronological_order_decade_year_month_day_then_article_and_line():
    a = Article(id="z-first", source="t", lines=[1, 9], language="ru", blocks=[
        make_block("para", [[9, "В 1991 году принят закон о выборах."]]),
        make_block("para", [[5, "В 1990-е годы прошли реформы."]]),
    ])
    b = Article(id="a-second", source="t", lines=[1, 9], language="ru", blocks=[
        make_block("para", [[2, "В декабре 1991 года подписан указ."]]),
        make_block("para", [[1, "8 декабря 1991 г. подписано соглашение."]]),
        make_block("para", [[3, "В 1991 году прошли выборы."]]),
    ])
    events = extract_events([a, b])
    assert [(e.date, e.article) for e in events] == [
        ("1990s", "z-first"), ("1991", "z-first"), ("1991", "a-second"),
        ("1991-12", "a-second"), ("1991-12-08", "a-second")]


def test_line_is_the_day_line_when_the_date_is_split():
    a = Article(id="a", source="t", lines=[1, 3], language="kk", blocks=[make_block("para", [
        [1, "Маңызды өзгерістер 2007"], [2, "жылғы 16"], [3, "мамырда конституциялық реформа арқылы енгізілді."]])])
    [e] = extract_events([a])
    assert (e.date, e.line) == ("2007-05-16", 2)
    b = Article(id="b", source="t", lines=[1, 2], language="kk", blocks=[make_block("para", [
        [1, "Бұл 2011 жылдың"], [2, "наурызында өткен сайлау."]])])
    [e] = extract_events([b])
    assert (e.date, e.line) == ("2011-03", 1)  # month precision: the year's line


def test_labels_are_short_and_taken_from_the_sentence():
    for name in ("referendum.yml", "kk_reforms.yml", "en_ru.yml"):
        articles, _ = load(name)
        for e in extract_events(articles):
            words = e.event.split()
            assert 0 < len(words) <= 12, e.event
            bare = re.sub(r"[«»…]", "", e.sentence)
            for w in words:
                assert re.sub(r"[«»…]", "", w) in bare, (w, e.sentence)
            assert not re.search(r"\[\d", e.event)


def test_sentence_without_an_act_is_not_an_event():
    """A year that dates a state (a copula) or a figure is no event."""
    a = Article(id="a", source="t", lines=[1, 1], language="kk", blocks=[
        make_block("para", [[1, "2016 жылы халықтың 40%-ы қалада тұрды. "
                                "2017 жылы ауа райы жылы болды."]])])
    assert extract_events([a]) == []


def test_headings_are_not_events():
    a = Article(id="a", source="t", lines=[1, 1], language="kk", blocks=[
        make_block("heading", [[1, "2019 жылғы реформа"]])])
    assert extract_events([a]) == []


@pytest.mark.parametrize("text, count", [
    ("Л.Н.Гумилев атындағы университет. Жетекші: Жанпейісова Қ.Д. мақаланы оқыды.", 2),
    ("Заң 2019 ж. 5 мамырда қабылданды. Бұл т.б. мәселелер. Ол жақсы.", 3),
    ("В г. Алматы в 1993 г. был принят закон. Затем прошли выборы.", 2),
    ("See No. 5 and pp. 4-5. The law was adopted in 2019.", 2),
    ("Қабылданды: 1) заң [6]; 2) жарлық [7].", 3),
    ("Ол айтты: «Сайлау өтті». Кейін реформа басталды!", 2),
])
def test_split_sentences_keeps_abbreviations_and_initials(text, count):
    sentences = split_sentences([make_block("para", [[1, text]])])
    assert len(sentences) == count, [s.text for s in sentences]
    assert " ".join(s.text for s in sentences).replace(" ", "") == text.replace(" ", "")


def test_sentence_runs_on_across_a_page_break_only_in_lower_case():
    blocks = [make_block("para", [[1, "Бұл шешім 2011 жылдың"]]),
              make_block("para", [[3, "наурызында қабылданды."]]),
              make_block("para", [[5, "Жаңа абзац."]])]
    sentences = split_sentences(blocks)
    assert [s.text for s in sentences] == [
        "Бұл шешім 2011 жылдың наурызында қабылданды.", "Жаңа абзац."]
    assert sentences[0].line_at(0) == 1 and sentences[0].line_at(25) == 3


def test_sentences_only_of_the_paragraphs_asked_for_and_their_run_on():
    """The timeline splits only paragraphs that may hold a date: one whose date begins in the
    paragraph after a page break is asked about whole."""
    from generator.enrich.dates import may_hold_date

    blocks = [make_block("para", [[1, "Бұл шешім"]]),
              make_block("para", [[3, "2011 жылы қабылданды. Сосын басқасы."]]),
              make_block("para", [[5, "Жаңа абзац. Күні жоқ."]])]
    kept = split_sentences(blocks, within=may_hold_date)
    assert [s.text for s in kept] == ["Бұл шешім 2011 жылы қабылданды.", "Сосын басқасы."]
    assert kept[0].line_at(12) == 3
    assert len(split_sentences(blocks)) == 4


def test_sentence_anchors_cover_merged_sources():
    articles, _ = load("referendum.yml")
    anchors = Volume(source=[], timeline=extract_events(articles)).sentence_anchors()
    assert set(anchors) == {"kk-art", "ru-art"}
    assert list(anchors["ru-art"]) == [41]
    ((anchor, sentence),) = anchors["ru-art"][41]
    assert anchor == "ev-41" and sentence.startswith("Поправки в Конституцию")


def _evil_event() -> TimelineEvent:
    return TimelineEvent(date="2022-06-05", precision="day", article="x", line=4,
                         sentence='Закон <script>alert("x")</script> & *принят* 5 июня 2022 г.',
                         event="<b>Закон</b>", language="ru", anchor="ev-4",
                         also=[{"article": "y", "line": 9, "anchor": "ev-9"}])


def test_timelinejs_shape_and_escaping():
    events = [_evil_event(), TimelineEvent(date="1990s", precision="decade", article="y", line=2,
                                           sentence="s", event="e", language="kk", anchor="ev-2")]
    data = to_timelinejs(events, {"x": "Title <X>"}, {"x": "articles/x.html", "y": "articles/y.html"})
    first, second = data["events"]
    assert first["start_date"] == {"year": 2022, "month": 6, "day": 5}
    assert "<script>" not in first["text"]["text"] and "&lt;script&gt;" in first["text"]["text"]
    assert first["text"]["headline"] == "&lt;b&gt;Закон&lt;/b&gt;"
    assert 'href="articles/x.html#ev-4"' in first["text"]["text"]
    assert 'href="articles/y.html#ev-9"' in first["text"]["text"]
    assert first["group"] == "Title <X>"
    assert second["start_date"] == {"year": 1990} and second["end_date"] == {"year": 1999}


def render_timeline(events: list[TimelineEvent], titles: dict[str, str],
                    articles: list[Article] = ()) -> str:
    """The timeline page as an English site shows it (one page: the events are few)."""
    languages = {a.id: a.language for a in articles}
    return render_timeline_pages(events, titles, languages, "en")["timeline.md"]


def test_groups_by_decade_and_year_with_links():
    articles, _ = load("kk_reforms.yml")
    grouped = groups(extract_events(articles), {"kk-reforms": "Сайлау"}, {"kk-reforms": "kk"},
                     "en")
    assert [g["label"] for g in grouped] == [
        "1990s", "2004", "2011", "2015", "2017", "2019", "2020"]
    link = grouped[1]["events"][0]["links"][0]
    assert link == {"url": "articles/kk-reforms.html#ev-5", "title": "Сайлау", "lang": "kk"}


def _html(md: str) -> str:
    return markdown.markdown(md, extensions=["toc", "attr_list", "md_in_html"])


def test_page_escapes_volume_text():
    md = render_timeline([_evil_event()], {"x": "A <i>title</i>", "y": "B"})
    assert "<script>" not in md and "<b>Закон" not in md and "<i>title" not in md
    page = _html(md)
    assert "&lt;script&gt;" in page
    assert "<em>" not in page  # Markdown does not read the volume text either
    assert 'href="articles/x.html#ev-4"' in page and 'href="articles/y.html#ev-9"' in page


def test_page_has_language_filter_and_tagged_entries():
    articles, _ = load("referendum.yml")
    ru_only, _ = load("en_ru.yml")
    md = render_timeline(extract_events(articles + ru_only), {}, articles + ru_only)
    page = _html(md)
    assert re.findall(r'name="jinaq-lang" value="(\w+)"', page) == ["en", "kk", "ru"]
    assert set(re.findall(r'class="jinaq-event" data-lang="(\w+)"', page)) == {"en", "kk", "ru"}
    assert '<h2 id="y1990s">1990s</h2>' in page
    assert page.index("1990s") < page.index("1995-08-30") < page.index("2022-06-05")
    single = render_timeline(extract_events(articles[:1]), {}, articles[:1])
    assert "jinaq-timeline-filter" not in single  # nothing to filter with one language


def test_empty_timeline_says_so():
    assert strings("en").timeline_empty in render_timeline([], {})


CHROMIUM = "/usr/bin/chromium"


@pytest.mark.browser
@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium not installed")
@pytest.mark.browser
def test_filter_and_highlight_in_a_browser(tmp_path, browser):
    assets = ROOT / "theme_overrides" / "assets"
    shutil.copy(assets / "javascripts" / "timeline.js", tmp_path / "timeline.js")
    articles, _ = load("en_ru.yml")
    body = _html(render_timeline(extract_events(articles), {}, articles))
    shell = ('<!doctype html><html><head><meta charset="utf-8"></head><body>{}'
             '<script src="timeline.js"></script></body></html>')
    (tmp_path / "timeline.html").write_text(shell.format(body), encoding="utf-8")
    article = ('<p>First. <span id="ev-7" class="jinaq-anchor"></span>'
               '<span class="jinaq-sentence" data-ev="ev-7">Dated sentence.</span></p>'
               '<p>Other <span id="ev-9" class="jinaq-anchor"></span>paragraph.</p>')
    (tmp_path / "article.html").write_text(shell.format(article), encoding="utf-8")
    page = browser.new_page()
    if page:
        page.goto((tmp_path / "timeline.html").as_uri())
        visible = "document.querySelectorAll('.jinaq-event:not([hidden])').length"
        total = page.evaluate(visible)
        ru = page.evaluate("document.querySelectorAll('.jinaq-event[data-lang=ru]').length")
        assert ru > 0 and total > ru
        page.click("input[value=ru]")
        assert page.evaluate(visible) == total - ru
        assert page.evaluate("[...document.querySelectorAll('.jinaq-event:not([hidden])')]"
                             ".every(e => e.dataset.lang === 'en')")
        page.click("input[value=ru]")
        assert page.evaluate(visible) == total
        page.goto((tmp_path / "article.html").as_uri() + "#ev-7")
        assert page.evaluate("document.querySelector('.jinaq-highlight').dataset.ev") == "ev-7"
        page.evaluate("location.hash = '#ev-9'")
        page.wait_for_function("document.querySelector('.jinaq-highlight') &&"
                               " document.querySelector('.jinaq-highlight').tagName === 'P'")
        assert page.evaluate("document.querySelectorAll('.jinaq-highlight').length") == 1
        # Material's instant navigation: the script subscribes to document$ instead.
        stub = ("<script>window.subs = 0; window.document$ = {subscribe: function (f) "
                "{ window.subs += 1; f(); }};</script>")
        (tmp_path / "instant.html").write_text(shell.format(stub + article), encoding="utf-8")
        page.goto((tmp_path / "instant.html").as_uri() + "#ev-7")
        assert page.evaluate("window.subs") == 1
        assert page.evaluate("document.querySelector('.jinaq-highlight').dataset.ev") == "ev-7"
        page.close()


def test_a_rebuild_makes_again_only_the_years_whose_events_or_sources_changed(monkeypatch):
    import dataclasses

    import generator.pages.timeline_page as TP
    from generator.pages.memo import PageMemo

    def event(year: int, n: int, article: str) -> TimelineEvent:
        return TimelineEvent(date=str(year), precision="year", article=article, line=n,
                             sentence=f"{year} жылы {n}-реформа жүргізілді.",
                             event=f"{n}-реформа жүргізілді", language="kk", anchor=f"ev-{n}")

    events = [event(y, n, f"a{y}") for y in (2001, 2002, 2003) for n in range(30)]
    events[65].also.append({"article": "b", "line": 3, "anchor": "ev-3"})  # a 2003 event
    titles = {f"a{y}": f"Мақала {y}" for y in (2001, 2002, 2003)} | {"b": "Басқа"}
    languages = dict.fromkeys(titles, "kk")
    made: list[str] = []
    real = TP._year_pages
    monkeypatch.setattr(TP, "_year_pages",
                        lambda group, *a: made.append(group["slug"]) or real(group, *a))
    memo = PageMemo()

    def build(evs, tts) -> None:
        fresh = render_timeline_pages(evs, tts, languages, "kk")
        made.clear()
        assert render_timeline_pages(evs, tts, languages, "kk", memo) == fresh

    build(events, titles)
    build(events, titles)
    assert made == []
    edited = list(events)
    edited[35] = dataclasses.replace(events[35], sentence="2002 жылы жаңа реформа жүргізілді.")
    build(edited, titles)
    assert made == ["2002"]
    build(edited, titles | {"b": "Басқа атау"})  # the title of an article a 2003 event links
    assert made == ["2003"]
