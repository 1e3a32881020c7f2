"""Tests of generator.enrich.glossary on small fixtures (tests/fixtures/glossary)."""
import re
from pathlib import Path

import markdown
import pytest
import yaml

from generator.errors import JinaqError
from generator.enrich.glossary import (BUNDLED_LEXICON, TermMatcher, annotate_first_uses,
                                       build_glossary, find_occurrences, frequent_unknown_terms,
                                       kk_sort_key, load_lexicon, merge_entries,
                                       mine_article_pairs, mine_keyword_pairs, ru_sort_key)
from generator.pages import glossary_pages
from generator.model import Article, GlossaryEntry, Volume
from generator.pages.paging import PAGE_BUDGET

FIX = Path(__file__).parent / "fixtures" / "glossary"
KK_TEXT = (FIX / "kk_article.md").read_text(encoding="utf-8")
RU_TEXT = (FIX / "ru_article.md").read_text(encoding="utf-8")


def small_lexicon():
    return load_lexicon([FIX / "small_lexicon.yml"])


def entry(entries, kk):
    return next(e for e in entries if e.kk == kk)


def surfaces(text, spans):
    return [text[s:e] for s, e in spans]


def articles():
    return [
        Article(id="kk1", source="t", lines=[1, 7], language="kk", body=KK_TEXT,
                keywords_by_language={"kk": ["сайлау жүйесі", "реформа"],
                                      "ru": ["избирательная система", "реформа"]}),
        Article(id="ru1", source="t", lines=[8, 12], language="ru", body=RU_TEXT,
                abstracts={"kk": "Еуропалық Одақтың жұмсақ күші туралы."}),
    ]


# --- matching ------------------------------------------------------------------------------

def test_kk_inflected_phrase_matches():
    lex = small_lexicon()
    found = surfaces(KK_TEXT, find_occurrences(KK_TEXT, entry(lex, "сайлау жүйесі"), "kk"))
    assert found == ["сайлау жүйесінің", "сайлау жүйесі", "сайлау жүйесіндегі"]
    found = surfaces(KK_TEXT, find_occurrences(KK_TEXT, entry(lex, "реформа"), "kk"))
    assert found == ["реформалары", "реформаларды"]
    found = surfaces(KK_TEXT, find_occurrences(
        KK_TEXT, entry(lex, "жергілікті өзін-өзі басқару"), "kk"))
    assert found == ["жергілікті өзін-өзі басқаруды"]
    assert surfaces(KK_TEXT, find_occurrences(KK_TEXT, entry(lex, "Конституция"), "kk")) == [
        "Конституциясына"]


def test_ru_inflected_phrase_matches():
    lex = small_lexicon()
    soft = surfaces(RU_TEXT, find_occurrences(RU_TEXT, entry(lex, "жұмсақ күш"), "ru"))
    assert soft == ["мягкой силы", "мягкая сила"]
    eu = surfaces(RU_TEXT, find_occurrences(RU_TEXT, entry(lex, "Еуропалық Одақ"), "ru"))
    assert eu == ["Европейский союз", "Европейского союза", "Евросоюз"]


def test_term_does_not_match_inside_another_word():
    lex = small_lexicon()
    # сайлаушылардың (of the voters) is not сайлау (election)
    found = surfaces(KK_TEXT, find_occurrences(KK_TEXT, entry(lex, "сайлау"), "kk"))
    assert all(not f.lower().startswith("сайлаушы") for f in found)
    assert len(found) == 5
    # «союз» inside «Евросоюз» or «Союзники» is no match for a term «союз»
    union = GlossaryEntry(kk="одақ", ru="союз")
    assert surfaces(RU_TEXT, find_occurrences(RU_TEXT, union, "ru")) == ["союз", "союза"]
    # an upper-case abbreviation only matches upper-case text
    assert find_occurrences("Мы ес ЕС.", entry(lex, "Еуропалық Одақ"), "ru") == [(6, 8)]


def test_phrase_does_not_cross_punctuation_or_paragraphs():
    e = GlossaryEntry(kk="сайлау жүйесі", ru=None)
    assert find_occurrences("сайлау, жүйесі", e, "kk") == []
    assert find_occurrences("сайлау\n\nжүйесі", e, "kk") == []
    assert find_occurrences("сайлау\nжүйесі", e, "kk") == [(0, 13)]


# --- ordering ------------------------------------------------------------------------------

def test_kazakh_alphabet_order():
    words = ["іс", "ғылым", "әкім", "аудан", "гимн", "ыдыс", "ұлт", "үкімет", "ел", "яғни",
             "қала", "кент", "өңір", "орын", "ьа", "һижра", "хат"]
    assert sorted(words, key=kk_sort_key) == [
        "аудан", "әкім", "гимн", "ғылым", "ел", "кент", "қала", "орын", "өңір", "ұлт",
        "үкімет", "хат", "һижра", "ыдыс", "іс", "ьа", "яғни"]


def test_russian_alphabet_order_folds_yo():
    assert sorted(["ель", "ёж", "его", "жук", "яма", "акция"], key=ru_sort_key) == [
        "акция", "его", "ёж", "ель", "жук", "яма"]


# --- loading ---------------------------------------------------------------------------------

def test_bundled_lexicon_loads_and_holds_the_core_pairs():
    lex = load_lexicon([BUNDLED_LEXICON])
    assert len(lex) >= 400
    pairs = {(e.kk, e.ru) for e in lex}
    for pair in [("сайлау", "выборы"), ("мәслихат", "маслихат"), ("әкім", "аким"),
                 ("Мәжіліс", "Мажилис"), ("жұмсақ күш", "мягкая сила")]:
        assert pair in pairs
    assert len({e.key for e in lex}) == len(lex)  # anchors are unique
    assert all(e.origin == "lexicon" for e in lex)


def test_editor_file_overrides_adds_and_drops():
    lex = load_lexicon([FIX / "small_lexicon.yml", FIX / "editor_glossary.yml"])
    akim = entry(lex, "әкім")
    assert akim.ru == "глава администрации" and akim.en == "akim" and akim.origin == "editor"
    assert entry(lex, "мемлекеттік қызмет").origin == "editor"
    assert not any(e.kk == "ғарыш" for e in lex)
    assert [e.kk for e in lex].count("әкім") == 1


def test_missing_editor_file_is_skipped():
    assert load_lexicon([FIX / "small_lexicon.yml", FIX / "no-such.yml"]) == small_lexicon()


@pytest.mark.parametrize("name, line, words", [
    ("bad_type.yml", 3, "'kk' must be text"),
    ("bad_syntax.yml", 3, "invalid YAML"),
    ("unknown_field.yml", 2, "unknown field 'rus'"),
])
def test_bad_files_name_file_and_line(name, line, words):
    with pytest.raises(JinaqError) as info:
        load_lexicon([FIX / "small_lexicon.yml", FIX / name])
    err = info.value
    assert err.path.endswith(name) and err.line == line
    assert words in str(err)


# --- keyword pairs ---------------------------------------------------------------------------

def test_keyword_pairs_are_aligned_in_order_when_lengths_match():
    a = Article(id="x", source="t", lines=[1, 1], keywords_by_language={
        "kk": ["сайлау жүйесі", "реформа"], "ru": ["избирательная система", "реформа"],
        "en": ["electoral system", "reform"]})
    b = Article(id="y", source="t", lines=[1, 1], keywords_by_language={
        "kk": ["сайлау", "әкім", "мәслихат"], "ru": ["выборы", "аким"]})
    pairs = mine_keyword_pairs([a, b])
    assert [(p.kk, p.ru, p.en, p.origin) for p in pairs] == [
        ("сайлау жүйесі", "избирательная система", "electoral system", "keywords"),
        ("реформа", "реформа", "reform", "keywords")]


def test_keyword_lists_of_different_lengths_align_only_between_anchors():
    """Known pairs and words that read the same in both languages anchor the lists; between
    two anchors, items pair up in order only when both sides hold as many."""
    a = Article(id="x", source="t", lines=[1, 1], keywords_by_language={
        "kk": ["сайлау", "өту шегі", "меритократия", "әкім", "мәслихат"],
        "ru": ["выборы", "избирательный барьер", "меритократия", "аким"]})
    known = [GlossaryEntry(kk="сайлау", ru="выборы")]
    pairs = [(p.kk, p.ru) for p in mine_keyword_pairs([a], known)]
    # сайлау = выборы and меритократия anchor; өту шегі sits alone between them on both sides.
    # After меритократия: two kk items against one ru item, so nothing is guessed.
    assert pairs == [("сайлау", "выборы"), ("өту шегі", "избирательный барьер"),
                     ("меритократия", "меритократия")]
    # With no anchor at all, lists of different lengths give nothing.
    b = Article(id="y", source="t", lines=[1, 1], keywords_by_language={
        "kk": ["сайлау", "әкім", "мәслихат"], "ru": ["выборы", "аким"]})
    assert mine_keyword_pairs([b]) == []


def _bilingual(abstract_kk: str, abstract_ru: str, body: str = "", lang: str = "ru") -> Article:
    return Article(id="p", source="t", lines=[1, 9], language=lang, body=body,
                   abstracts={"kk": abstract_kk, "ru": abstract_ru})


def test_parallel_abstracts_give_quoted_terms_abbreviations_and_names():
    a = _bilingual(
        "Мақалада «мәслихат» және «әкімдік» ұғымдары, ЕАЭО мен Жоғарғы Соттың рөлі және "
        "Бірыңғай жинақтаушы зейнетақы қорының құрылуы талданады.",
        "В статье анализируются понятия «маслихат» и «акимат», роль ЕАЭС и Верховного суда, "
        "создание Единого накопительного пенсионного фонда.")
    pairs = [(p.kk, p.ru) for p in mine_article_pairs([a]) if p.origin == "parallel"]
    # Case endings taken off both sides: the terms as a glossary writes them.
    assert pairs == [("мәслихат", "маслихат"), ("әкімдік", "акимат"), ("ЕАЭО", "ЕАЭС"),
                     ("Жоғарғы Сот", "Верховный суд"),
                     ("Бірыңғай жинақтаушы зейнетақы қоры",
                      "Единый накопительный пенсионный фонд")]


def test_parallel_abstracts_that_do_not_line_up_give_nothing():
    # Two names on one side, one on the other: no guess.
    a = _bilingual("Мақалада Жоғарғы Соттың және Конституциялық Соттың шешімдері талданады.",
                   "В статье анализируются решения Верховного суда.")
    assert [p for p in mine_article_pairs([a]) if p.origin == "parallel"] == []
    # A single capitalised word is a place or a person, not a term.
    b = _bilingual("Мақалада Алматыдағы сайлау талданады.", "В статье анализируются выборы в "
                   "Алматы.")
    assert [p for p in mine_article_pairs([b]) if p.origin == "parallel"] == []


def test_terms_defined_in_brackets_in_the_other_language():
    kk = Article(id="k", source="t", lines=[1, 3], language="kk", body=(
        "Реформа тергеу судьясы (рус. следственный судья) институтын енгізді. Электронды "
        "дауыс беру (электронное голосование) сынақтан өтті. Бұл туралы Жоғарғы Сот (ЖС) "
        "хабарлады (2019 ж.)."))
    ru = Article(id="r", source="t", lines=[4, 5], language="ru", body=(
        "Функции маслихата (каз. мәслихат) расширены."))
    unclear = Article(id="u", source="t", lines=[6, 7], language="kk", body=(
        "Бұл туралы ҚР Президентінің Жарлығы (Указ Президента РК) шықты. Соттарда сот ісін "
        "жүргізу (судопроизводство) жеделдеді."))
    assert [(p.kk, p.ru) for p in mine_article_pairs([unclear])] == [
        ("сот ісін жүргізу", "судопроизводство")]
    pairs = [(p.kk, p.ru) for p in mine_article_pairs([kk, ru])]
    assert pairs == [("тергеу судьясы", "следственный судья"),
                     ("Электронды дауыс беру", "электронное голосование"),
                     ("мәслихат", "маслихата")]  # no abbreviation, no year
    # A pair the lexicon has in another inflection adds nothing.
    known = [GlossaryEntry(kk="мәслихат", ru="маслихат")]
    assert [p.kk for p in mine_article_pairs([kk, ru], known)] == [
        "тергеу судьясы", "Электронды дауыс беру"]


def test_a_mined_pair_that_is_a_lexicon_spelling_adds_no_entry():
    lexicon = [GlossaryEntry(kk="Еуропадағы қауіпсіздік және ынтымақтастық ұйымы",
                             ru="Организация по безопасности и сотрудничеству в Европе",
                             variants={"kk": ["ЕҚЫҰ"], "ru": ["ОБСЕ"]})]
    mined = [GlossaryEntry(kk="ЕҚЫҰ", ru="ОБСЕ", origin="parallel"),
             GlossaryEntry(kk="оралман", ru="оралман", origin="parallel")]
    assert [e.kk for e in merge_entries(lexicon, mined)] == [lexicon[0].kk, "оралман"]


# --- lexicon hygiene -------------------------------------------------------------------------

EVERYDAY = yaml.safe_load((FIX / "everyday.yml").read_text(encoding="utf-8"))


def _spelling_entry(lang: str, spelling: str) -> GlossaryEntry:
    return GlossaryEntry(kk=None, ru=None, variants={lang: [spelling]})


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_no_lexicon_term_matches_a_date(lang):
    """No spelling of any bundled entry matches a month name or a date (`Қаңтар` for «Қаңтар
    оқиғалары» glossed every January date)."""
    text = EVERYDAY["dates"][lang]
    bad = [(e.kk or e.ru, s) for e in load_lexicon([BUNDLED_LEXICON])
           for s in ([getattr(e, lang)] if getattr(e, lang) else []) + e.variants.get(lang, [])
           if find_occurrences(text, _spelling_entry(lang, s), lang)]
    assert bad == []


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_no_lexicon_variant_is_an_everyday_word(lang):
    text = EVERYDAY["words"][lang] + " " + EVERYDAY["dates"][lang]
    bad = [(e.kk or e.ru, v) for e in load_lexicon([BUNDLED_LEXICON])
           for v in e.variants.get(lang, [])
           if find_occurrences(text, _spelling_entry(lang, v), lang)]
    assert bad == []


def test_the_hygiene_lists_catch_a_bad_variant():
    """The two tests above can fail: an everyday word or a dated phrase as a variant is seen."""
    assert find_occurrences(EVERYDAY["words"]["ru"], _spelling_entry("ru", "дом"), "ru")
    assert find_occurrences(EVERYDAY["words"]["kk"], _spelling_entry("kk", "жұмыс"), "kk")
    assert find_occurrences(EVERYDAY["dates"]["ru"], _spelling_entry("ru", "январские морозы"),
                            "ru")


def test_no_january_date_is_glossed_even_when_an_editor_adds_the_month():
    article = Article(id="a", source="t", lines=[1, 1], language="kk",
                      body="2022 жылғы 5 қаңтарда Қаңтар оқиғалары басталды.")
    editor = [GlossaryEntry(kk="Қаңтар оқиғалары", ru="Январские события",
                            variants={"kk": ["Қаңтар"], "ru": ["Қаңтар"]}, origin="editor")]
    [entry] = build_glossary([article], editor)
    assert entry.counts == {"a": 1}  # «Қаңтар оқиғалары», not «қаңтарда»
    linked = annotate_first_uses(article.body, "kk", [entry], lambda e: "#x")
    assert linked == '2022 жылғы 5 қаңтарда [Қаңтар оқиғалары](#x "Январские события") басталды.'


# --- building --------------------------------------------------------------------------------

def test_build_glossary_links_articles_in_both_languages():
    arts = articles()
    lex = small_lexicon() + [GlossaryEntry(kk="сайлауалды бағдарлама", ru="предвыборная программа")]
    glossary = build_glossary(arts, lex)
    by_kk = {e.kk: e for e in glossary}
    assert "сайлауалды бағдарлама" not in by_kk  # used nowhere
    assert by_kk["Еуропалық Одақ"].articles == ["ru1"]
    assert by_kk["реформа"].articles == ["kk1", "ru1"]
    assert by_kk["сайлау"].articles == ["kk1", "ru1"]  # «Выборы» in the Russian article
    assert by_kk["жұмсақ күш"].counts == {"ru1": 3}  # 2 in the body, 1 in the kk abstract
    # 3 in the body, 1 kk keyword, 1 ru keyword (избирательная система)
    assert by_kk["сайлау жүйесі"].counts["kk1"] == 5
    assert [e.kk for e in glossary] == sorted((e.kk for e in glossary), key=kk_sort_key)
    assert arts[1].terms[by_kk["Еуропалық Одақ"].key] == 4
    assert lex[0].articles == []  # input entries untouched


# --- annotation ------------------------------------------------------------------------------

def link(e):
    return f"../glossary/kk-ru.html#{e.key}"


def test_annotation_links_only_first_use_and_prefers_longer_terms():
    lex = small_lexicon()
    out = annotate_first_uses(KK_TEXT, "kk", lex, link)
    links = re.findall(r"\[([^\]]+)\]\(([^ )]+) \"([^\"]*)\"\)", out)
    forms = [f for f, _, _ in links]
    assert forms.count("сайлау жүйесінің") == 1
    assert "сайлау" in forms  # the first free-standing use of the shorter term
    assert len(forms) == len({u for _, u, _ in links})  # one link per entry
    assert ("сайлау жүйесінің", "../glossary/kk-ru.html#" + entry(lex, "сайлау жүйесі").key,
            "избирательная система") in links
    # removing the links gives back the text
    assert re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", out) == KK_TEXT


def test_annotation_leaves_links_code_html_and_headings_alone():
    lex = small_lexicon()
    text = ("# Сайлау\n\n[сайлау жүйесі](x.html) `сайлау` <span title=\"сайлау\">x</span>\n\n"
            "```\nсайлау\n```\n\nСодан кейін сайлау өтті. Тағы сайлау.\n")
    out = annotate_first_uses(text, "kk", lex, link)
    assert out.startswith("# Сайлау\n\n[сайлау жүйесі](x.html) `сайлау` <span title=\"сайлау\">")
    assert "```\nсайлау\n```" in out
    assert out.count("](../glossary/") == 1
    assert "Содан кейін [сайлау](../glossary/kk-ru.html#" in out


def test_annotation_escapes_brackets_and_quotes():
    e = GlossaryEntry(kk="сайлау", ru='выборы "в" [Сенат]')
    out = annotate_first_uses("Бұл сайлау еді.", "kk", [e], lambda _: "../g (1).html#s")
    html = markdown.markdown(out)
    assert 'href="../g (1).html#s"' in html
    assert 'title="выборы &quot;в&quot; [Сенат]"' in html
    assert ">сайлау</a>" in html


# --- unknown terms ---------------------------------------------------------------------------

def test_frequent_unknown_terms_skip_glossary_and_stop_words():
    terms = dict(frequent_unknown_terms(articles(), small_lexicon(), top=50))
    assert "есептер" in terms  # repeated, not in the glossary
    assert "есептер жыл" in terms or "жыл сайын" not in terms
    assert not any(t.startswith("сайлау жүйе") for t in terms)
    assert "туралы" not in terms and "және" not in terms
    assert all(n >= 2 for n in terms.values())


# --- pages (pages/glossary_pages.py) ------------------------------------------------------

def render_glossary_pages(entries, titles=None, lang="kk"):
    return glossary_pages.render_glossary_pages(entries, titles or {}, lang)


def glossary_locations(entries, titles=None, lang="kk"):
    return glossary_pages.glossary_locations(entries, titles or {}, lang)


def test_glossary_pages_index_and_letter_pages():
    arts = articles()
    arts[0].title = "Сайлау <script>alert(1)</script>"
    glossary = build_glossary(arts, small_lexicon())
    titles = {a.id: a.title or a.id for a in arts}
    pages = render_glossary_pages(glossary, titles)
    kk_index = pages["glossary/kk-ru.md"]
    letters = re.findall(r"^## (.+)$", kk_index, re.M)
    assert letters == sorted(letters, key=kk_sort_key) and len(letters) == len(set(letters))
    kk_pages = {p: t for p, t in pages.items() if p.startswith("glossary/kk-ru/")}
    assert len(kk_pages) == len(letters)
    where = glossary_locations(glossary, titles)
    for e in glossary:
        page = where["kk-ru"][e.key]
        assert kk_pages[page].count(f'id="{e.key}"') == 1
        # the index links each term to its letter page, relative to glossary/
        assert f"]({page.removeprefix('glossary/')}#{e.key})" in kk_index
    text = "".join(kk_pages.values())
    assert "<script>" not in text and "&lt;script&gt;" in text
    assert 'href="../../articles/kk1.html"' in text
    ru_terms = [t for p in sorted(pages, key=lambda p: ru_sort_key(pages[p].split("\n")[0]))
                if p.startswith("glossary/ru-kk/")
                for t in re.findall(r'<dt id="[^"]+"><span lang="ru">([^<]+)</span>', pages[p])]
    assert ru_terms == sorted(ru_terms, key=ru_sort_key)
    html = markdown.markdown(next(iter(kk_pages.values())), extensions=["attr_list"])
    assert "<dl" in html and 'href="../kk-ru.md"' in html


def test_letter_pages_link_other_letters_and_stay_in_order():
    glossary = build_glossary(articles(), small_lexicon())
    pages = render_glossary_pages(glossary)
    s_page = next(t for p, t in pages.items() if p.startswith("glossary/kk-ru/")
                  and 'id="sailau"' in t)
    assert "**С**" in s_page and "[Ж](zh.md)" in s_page
    terms = re.findall(r'<dt id="[^"]+"><span lang="kk">([^<]+)</span>', s_page)
    assert terms == sorted(terms, key=kk_sort_key) == ["сайлау", "сайлау жүйесі"]


def big_entry(term: str, n_articles: int) -> GlossaryEntry:
    ids = [f"a{i:03d}" for i in range(n_articles)]
    # counts rise with the id, except a tie at the top between a000 and a001
    counts = {aid: i + 1 for i, aid in enumerate(ids)}
    counts["a000"] = counts["a001"] = n_articles + 5
    return GlossaryEntry(kk=term, ru=term + " (ru)", articles=ids, counts=counts)


def test_an_entry_lists_its_ten_most_frequent_articles():
    e = big_entry("сайлау", 15)
    pages = render_glossary_pages([e])
    kk = pages["glossary/kk-ru/s.md"]
    shown = re.findall(r'href="../../articles/(a\d+)\.html"', kk)
    assert shown == ["a000", "a001", "a014", "a013", "a012", "a011", "a010", "a009", "a008",
                     "a007"]
    assert "… және тағы 5 мақала" in kk and "… және тағы 5 мақала" in pages["glossary/ru-kk/s.md"]
    assert "тағы" not in render_glossary_pages([big_entry("сайлау", 10)])["glossary/kk-ru/s.md"]


def test_the_articles_not_listed_are_counted_in_the_readers_language():
    for n, words in ((15, "5 статей"), (12, "2 статьи"), (11, "1 статья")):
        pages = render_glossary_pages([big_entry("сайлау", n)], lang="ru")
        assert f"… и ещё {words}" in pages["glossary/kk-ru/s.md"]
        assert f"… и ещё {words}" in pages["glossary/ru-kk/s.md"]


def test_a_big_letter_is_split_into_parts_and_locations_follow():
    long_title = "Сайлау жүйесінің реформасы және оның салдары туралы ұзақ тақырып " * 2
    entries = [big_entry(f"сөз{chr(0x430 + i % 32)}{i:03d}", 12) for i in range(80)]
    titles = {f"a{i:03d}": long_title for i in range(12)}
    pages = render_glossary_pages(entries, titles)
    parts = sorted(p for p in pages if p.startswith("glossary/kk-ru/s"))
    assert len(parts) > 2 and "glossary/kk-ru/s.md" in parts and "glossary/kk-ru/s-2.md" in parts
    assert all(len(pages[p].encode()) <= PAGE_BUDGET for p in parts)
    where = glossary_locations(entries, titles)["kk-ru"]
    for e in entries:
        assert f'id="{e.key}"' in pages[where[e.key]]
    assert "[2](s-2.md)" in pages["glossary/kk-ru/s.md"]
    # the index names every term while it fits one page
    index = pages["glossary/kk-ru.md"]
    assert len(index.encode()) <= PAGE_BUDGET
    assert f"(kk-ru/{where[entries[-1].key].rsplit('/', 1)[1]}#{entries[-1].key})" in index


def test_index_falls_back_to_letters_when_terms_do_not_fit():
    entries = [GlossaryEntry(kk=f"термин{chr(0x430 + i % 32)} {'ұзын сөз ' * 8}{i:04d}",
                             ru=f"т{i}", articles=["a"], counts={"a": 1})
               for i in range(600)]
    index = render_glossary_pages(entries)["glossary/kk-ru.md"]
    assert len(index.encode()) <= PAGE_BUDGET
    assert "[Т](kk-ru/t.md) — 600" in index and "#" not in index.split("\n", 1)[1]

# --- proposed pairs in `jinaq check` --------------------------------------------------------

def test_check_lists_proposed_pairs_ready_for_the_editors_glossary(tmp_path):
    from generator.quality.check import format_report
    from generator.model import Volume

    a = Article(id="x", source="t", lines=[1, 2], language="kk",
                body="Өту шегі 5%-ға төмендетілді. Сайлау жүйесі өзгерді.",
                keywords_by_language={"kk": ["өту шегі", "«А» корпусы", "сайлау жүйесі"],
                                      "ru": ["избирательный барьер", "корпус «А»",
                                             "избирательная система"]})
    a.body += " «А» корпусы құрылды."
    lexicon = [GlossaryEntry(kk="сайлау жүйесі", ru="избирательная система")]
    entries = merge_entries(lexicon, mine_article_pairs([a], lexicon))
    volume = Volume(source=["t"], articles=[a], glossary=build_glossary([a], entries))
    report = format_report(volume, tmp_path / "corrections.yml")
    head = "Term pairs the articles give that no glossary has yet"
    assert head in report
    listed = report.split(head)[1].split("\n\n")[0].splitlines()[1:]
    assert [line.split("#")[1].strip() for line in listed] == ["keywords: x", "keywords: x"]
    # What the editor pastes is a valid content/glossary.yml with exactly these pairs.
    pasted = tmp_path / "glossary.yml"
    pasted.write_text("\n".join(line.split("  #")[0].strip() for line in listed) + "\n",
                      encoding="utf-8")
    assert [(e.kk, e.ru) for e in load_lexicon([pasted])] == [
        ("«А» корпусы", "корпус «А»"), ("өту шегі", "избирательный барьер")]


def test_pairs_kept_between_builds_are_mined_again_only_for_an_edited_article(monkeypatch):
    """The enrich stage keeps each article's pairs (EnrichMemo.pairs) by its fingerprint."""
    import generator.enrich.glossary as glossary
    from generator.enrich.stage import EnrichMemo, enrich

    a = _bilingual("Мақалада «мәслихат» ұғымы талданады.",
                   "В статье анализируется понятие «маслихат».")
    b = Article(id="q", source="t", lines=[10, 12], language="ru",
                body="Институт следственного судьи (каз. тергеу судьясы) введён в 2021 году.")
    memo = EnrichMemo()

    def pairs() -> list[tuple[str, str]]:
        volume = enrich(Volume(source=["t"], articles=[a, b]), memo=memo)
        return [(g.kk, g.ru) for g in volume.glossary]

    first = pairs()
    assert ("мәслихат", "маслихат") in first
    mined = []
    real = glossary._bracket_pairs
    monkeypatch.setattr(glossary, "_bracket_pairs", lambda art: mined.append(art.id) or real(art))
    assert pairs() == first
    assert mined == []
    b.body = b.body.replace("тергеу судьясы", "тергеуші судья")
    again = pairs()
    assert mined == ["q"]
    assert again != first and ("мәслихат", "маслихат") in again
    assert len(memo.pairs) == 2  # this build's articles only


# Words whose match key is not a plain prefix of them: irregular Russian forms (людей →
# человек), words pymorphy3 guesses (маслихатов), compounds, a comparative with по-, a Kazakh
# stem whose last letter softens (құқығы → құқық, кітабы → кітап), English Snowball rewrites.
TRICKY = {
    "ru": ("Права людей и права человека. Маслихатов было два, маслихат один. "
           "Социально-политического курса нет; социально-политический курс есть. "
           "Пообъёмнее, объёмный том; наибольший и большой. Ёлки и елка."),
    "kk": "Адам құқығы мен құқықтары. Кітабы мен кітаптар. Жүйесі, жүйе.",
    "en": "Happiness and happy days; a relational view of relations; dying and dies.",
}
TRICKY_ENTRIES = [
    GlossaryEntry(kk="адам", ru="человек", en="human"),
    GlossaryEntry(kk="адам құқығы", ru="права человека", en="human rights"),
    GlossaryEntry(kk="мәслихат", ru="маслихат", en="maslikhat"),
    GlossaryEntry(kk="әлеуметтік-саяси", ru="социально-политический", en="socio-political"),
    GlossaryEntry(kk="көлемді", ru="объёмный", en="voluminous"),
    GlossaryEntry(kk="үлкен", ru="большой", en="big"),
    GlossaryEntry(kk="шырша", ru="ёлка", en="fir"),
    GlossaryEntry(kk="құқық", ru="право", en="happy"),
    GlossaryEntry(kk="кітап", ru="книга", en="relation"),
    GlossaryEntry(kk="жүйе", ru="система", en="die"),
]


@pytest.mark.parametrize("lang, text", [
    ("ru", "Маслихаты и маслихат; ЕС и ес. Маслихата нет."),
    ("kk", "Мәслихаттар мен мәслихат; ЕО мен ео. Мәслихаты жоқ."),
])
def test_a_word_that_several_spellings_match_is_counted_once(lang, text):
    """An entry whose spellings are single words, some keying the same words (a variant in
    another form; in Russian a lemma and a stem each), counts each word of the text once, and
    an abbreviation only where it is in capitals: what the one-text search finds."""
    entries = [GlossaryEntry(kk="мәслихат", ru="маслихат",
                             variants={"kk": ["мәслихаты", "мәслихаттар"],
                                       "ru": ["маслихаты", "маслихата"]}),
               GlossaryEntry(kk="ЕО", ru="ЕС", en="EU")]
    article = Article(id="a", source="t", lines=[1, 1], language=lang, body=text)
    found = {e.kk: e.counts["a"] for e in build_glossary([article], entries)}
    assert found == {"мәслихат": 3, "ЕО": 1}
    assert found == {e.kk: len(find_occurrences(text, e, lang)) for e in entries}


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
def test_volume_matching_finds_what_one_text_search_finds(lang):
    # build_glossary and annotate_first_uses only stem the words that can match; the single
    # search (find_occurrences) stems every word: both must find the same.
    text = TRICKY[lang]
    article = Article(id="a", source="t", lines=[1, 1], language=lang, body=text)
    expected = {e.key: len(find_occurrences(text, e, lang)) for e in TRICKY_ENTRIES}
    assert sum(expected.values()) >= 6  # the sentences do hold the terms
    found = {e.key: e.counts["a"] for e in build_glossary([article], TRICKY_ENTRIES)}
    assert found == {k: n for k, n in expected.items() if n}
    matcher = TermMatcher(TRICKY_ENTRIES, lang)  # one for the whole volume's glossary
    for e in TRICKY_ENTRIES:
        linked = annotate_first_uses(text, lang, [e], lambda e: f"#{e.key}")
        assert (f"](#{e.key}" in linked) == bool(expected[e.key]), e.key
        assert annotate_first_uses(text, lang, [e], lambda e: f"#{e.key}", matcher) == linked


def test_a_hyphenated_word_no_hyphenated_term_begins_like_goes_to_no_lemmatiser(monkeypatch):
    """pymorphy3 parses a hyphenated word part by part, its slowest path; the lemma keeps the
    hyphen and the first letters, so only a word beginning as a hyphenated term does is asked
    (`инновация` begins with ин- too, but has no hyphen; a word the dictionary knows is never
    guessed). What is found stays what the one-text search finds."""
    from generator.language import morphology

    entries = [GlossaryEntry(kk="әлеуметтік-саяси", ru="социально-политический", en="socio"),
               GlossaryEntry(kk="ғылым", ru="наука", en="science"),
               GlossaryEntry(kk="инновация", ru="инновация", en="innovation"),
               GlossaryEntry(kk="жүйе", ru="система", en="system")]
    text = "Инновационно-технологические центры изучают социально-политические системы науки."
    expected = {e.ru: len(find_occurrences(text, e, "ru")) for e in entries}
    asked = []
    real = morphology.ru_lemma
    monkeypatch.setattr(morphology, "ru_lemma", lambda w: asked.append(w) or real(w))
    article = Article(id="a", source="t", lines=[1, 1], language="ru", body=text)
    found = {e.ru: e.counts["a"] for e in build_glossary([article], entries)}
    assert found == {k: n for k, n in expected.items() if n} \
        == {"социально-политический": 1, "наука": 1, "система": 1}
    assert "социально-политические" in asked and "Инновационно-технологические" not in asked


def test_frequent_terms_are_proposed_in_their_dictionary_form():
    """An editor adds a proposed term to the glossary as a dictionary writes it, the form the
    mined pairs take too: a Russian word or noun phrase in the nominative, its forms counted
    together. A Kazakh word stays as written: its ending is cut by rule alone, which would
    take the adjective тиімді for a case of тиім."""
    ru = Article(id="r", source="t", lines=[1, 1], language="ru",
                 body="Грамматика языка. О языке и языку. Задачи учебной программы, "
                      "изменения в учебной программе.")
    kk = Article(id="k", source="t", lines=[1, 1], language="kk",
                 body="Тиімді әдіс. Өте тиімді жол.")
    terms = dict(frequent_unknown_terms([ru, kk], [], top=50))
    assert terms["язык"] == 3 and "языка" not in terms and "языке" not in terms
    assert terms["учебная программа"] == 2 and "учебной программы" not in terms
    assert terms["тиімді"] == 2 and "тиім" not in terms
