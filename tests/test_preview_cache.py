"""The preview's caches cannot drift: after each edit an editor makes under `mkdocs serve`, the
pages a preview build makes with the BuildCache it keeps are the pages a fresh build makes, and
the search index is made again whenever what it indexes changed."""
from __future__ import annotations

import hashlib
import os
import random
import shutil
import time

import pytest
import yaml

from generator.pipeline import BuildCache, build_site
from generator.site.outputs import search_key, write_search_index
from jinaq_testing import FIXTURES, copy_project, input_paths

LANG = "kk"


def index_digest(volume, where) -> str:
    write_search_index(volume, where, LANG)
    h = hashlib.sha256()
    for f in sorted((where / "search").rglob("*")):
        if f.is_file():
            h.update(f.name.encode() + f.read_bytes())
    return h.hexdigest()


def edit_yaml(path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None
    path.write_text(yaml.safe_dump(change(data), allow_unicode=True), encoding="utf-8")


def fix_article(field, value):
    def change(data):
        data = data or {}
        data.setdefault("articles", {}).setdefault(ARTICLE[0], {})[field] = value
        return data
    return change


def both(first, second):
    return lambda data: second(first(data))


ARTICLE: list[str] = []  # the id of the Kazakh article, set once the project is read
TERM = "реформалаудың негізгі міндеттері"  # a phrase of that article, linked when a term


def rename_raw(project):
    raw = next((project / "content" / "raw").iterdir())
    raw.rename(raw.with_name("renamed_" + raw.name))


def edit_raw(change):
    def edit(project):
        raw = next((project / "content" / "raw").iterdir())
        lines = raw.read_text(encoding="utf-8").split("\n")
        n = next(i for i in range(len(lines) // 2, len(lines)) if len(lines[i].split()) > 6)
        raw.write_text("\n".join(change(lines, n)), encoding="utf-8")
    return edit


EDITS = {
    "a glossary term of the editor's": lambda p: (p / "content" / "glossary.yml").write_text(
        f"- {{kk: {TERM}, en: the main tasks of reform}}\n", encoding="utf-8"),
    "its English only": lambda p: (p / "content" / "glossary.yml").write_text(
        f"- {{kk: {TERM}, en: the chief aims of reform}}\n", encoding="utf-8"),
    "a spelling variant of it": lambda p: (p / "content" / "glossary.yml").write_text(
        f"- {{kk: {TERM}, en: the chief aims of reform, variants: {{kk: [реформа міндеттері]}}}}\n",
        encoding="utf-8"),
    "a word of the raw text": edit_raw(lambda lines, n: lines[:n] + [
        lines[n].replace(lines[n].split()[2], "өзгертілген", 1)] + lines[n + 1:]),
    "a raw line inserted": edit_raw(lambda lines, n: lines[:n] + ["Жаңа сөйлем қосылды.", ""]
                                    + lines[n:]),
    "the raw file renamed": rename_raw,
    "an affiliation only": lambda p: edit_yaml(p / "content" / "corrections.yml",
                                               fix_article("affiliation", "Абай атындағы ҚазҰПУ")),
    "a programme only": lambda p: edit_yaml(p / "content" / "corrections.yml",
                                            fix_article("programme", "6B03101 Саясаттану")),
    "a title as shown": lambda p: edit_yaml(p / "content" / "corrections.yml",
                                            fix_article("title_display", "Сайлау реформасы")),
    "the volume's title": lambda p: (p / "content" / "volume.yml").write_text(
        "title: {kk: Жаңа жинақ}\n", encoding="utf-8"),
    # a new person: a section on another letter page, where the article's link must follow
    "an author's name": lambda p: edit_yaml(p / "content" / "corrections.yml",
                                            fix_article("authors", [{"name": "Бекова А.Б."}])),
    # then her affiliation (the article's own set apart), then that only: her section on the
    # people pages shows it
    "an author's affiliation": lambda p: edit_yaml(p / "content" / "corrections.yml", both(
        fix_article("affiliation", "ҚазҰУ"),
        fix_article("authors", [{"name": "Бекова А.Б.", "affiliation": "Абай атындағы ҚазҰПУ"}]))),
    "only her affiliation": lambda p: edit_yaml(p / "content" / "corrections.yml", fix_article(
        "authors", [{"name": "Бекова А.Б.", "affiliation": "Л.Н. Гумилев атындағы ЕҰУ"}])),
    # then she is merged with another person of the volume (the sample's supervisor): no
    # article's text changes, only the spellings the search finds each of them by
    "two people merged": lambda p: edit_yaml(p / "content" / "corrections.yml",
                                             lambda data: {**data, "people": {"merge": [[
                                                 "bekova-a-b", other_person(p)]]}}),
}


def other_person(project) -> str:
    """The id of a person of the volume other than the Бекова of the edits above."""
    from generator.pipeline import extract_volume

    paths = input_paths(project)
    volume = extract_volume(paths["raw"], paths["corrections"], ids=paths["ids"])
    return next(p.id for p in volume.people if p.id != "bekova-a-b")


@pytest.fixture(scope="module")
def steps(tmp_path_factory):
    """(edit, preview pages, fresh pages, preview search key, search index digest) per edit."""
    project = copy_project(tmp_path_factory.mktemp("preview") / "project")
    paths = input_paths(project)
    cache = BuildCache(memos={})  # as the preview keeps it (site/preview.py)
    volume, _ = build_site(paths, LANG, cache=cache)
    ARTICLE[:] = [next(a.id for a in volume.articles if a.language == "kk")]
    where = tmp_path_factory.mktemp("index")
    out = [("nothing", None, None, search_key(volume, LANG), index_digest(volume, where / "0"))]
    for n, (name, edit) in enumerate(EDITS.items(), 1):
        edit(project)
        volume, pages = build_site(paths, LANG, cache=cache)
        _, fresh = build_site(paths, LANG)
        out.append((name, pages, fresh, search_key(volume, LANG),
                    index_digest(volume, where / str(n))))
    return out


@pytest.mark.parametrize("n", range(1, len(EDITS) + 1), ids=list(EDITS))
def test_the_preview_shows_what_a_fresh_build_shows(steps, n):
    name, pages, fresh, _, _ = steps[n]
    assert pages.keys() == fresh.keys()
    assert [p for p in fresh if pages[p] != fresh[p]] == [], name


def test_the_edits_reach_the_article_page(steps):
    article = f"articles/{ARTICLE[0]}.md"
    assert '"the main tasks of reform"' in steps[1][1][article]  # the term is linked
    assert '"the chief aims of reform"' in steps[2][1][article]  # its tooltip follows an edit


@pytest.mark.parametrize("n", range(1, len(EDITS) + 1), ids=list(EDITS))
def test_the_search_index_is_made_again_when_what_it_indexes_changed(steps, n):
    name, _, _, key, digest = steps[n]
    _, _, _, before_key, before = steps[n - 1]
    if digest != before:
        assert key != before_key, name


def test_an_affiliation_or_programme_edit_reaches_the_search(steps):
    changed = {name for (name, _, _, key, _), (_, _, _, before, _) in zip(steps[1:], steps)
               if key != before}
    assert {"an affiliation only", "a programme only", "a spelling variant of it",
            "two people merged"} <= changed


def test_an_authors_new_name_moves_the_link_to_their_section(steps):
    name, pages, _, _, _ = next(step for step in steps if step[0] == "an author's name")
    assert "## Бекова А.Б. { #bekova-a-b }" in pages["people/letters/b.md"]
    assert 'href="../people/letters/b.html#bekova-a-b"' in pages[f"articles/{ARTICLE[0]}.md"]


def test_an_authors_affiliation_reaches_their_section(steps):
    name, pages, _, _, _ = next(step for step in steps if step[0] == "only her affiliation")
    assert "Л.Н. Гумилев атындағы ЕҰУ" in pages["people/letters/b.md"]


def test_an_article_page_is_made_again_when_its_terms_change_rank_not_count(tmp_path):
    # How many articles use a term only decides which of an article's terms are linked first:
    # another article taking up a common term must not render every page using it again.
    from generator.pipeline import render_site

    volume, _ = build_site(input_paths(copy_project(tmp_path / "project")), LANG)
    by_key = {g.key: g for g in volume.glossary}
    article = max(volume.articles, key=lambda a: len([k for k in a.terms if k in by_key]))
    terms = sorted((by_key[k] for k in article.terms if k in by_key),
                   key=lambda g: (len(g.articles), g.key))
    assert len(terms) >= 2, "the sample must have an article with two glossary terms"
    cache = BuildCache()

    def page_keys() -> set[str]:
        render_site(volume, LANG, memo=cache.pages)
        return cache.pages.articles.keys()

    before = page_keys()
    terms[-1].articles.append("elsewhere")  # the most used gets one more: the order holds
    assert page_keys() == before
    terms[0].articles.extend(f"elsewhere-{n}" for n in range(len(terms[-1].articles) + 1))
    assert page_keys() != before  # the rarest is now the most used: the order changed


# Random editor edits to raw files (seeded: a failure names its seed and step). After each,
# the model a preview's cached extraction and enrichment make must be the one a fresh build
# makes: every memo the preview keeps (the cleaning's runs and hyphen answers, the vocabulary's
# moves, block kinds, reused segments, fingerprints, enrichment results) is checked at once.
FIXTURE_VOLUMES = sorted((FIXTURES / "volumes").glob("*.txt"))
EDIT_WORDS = ["реформа", "саяси", "Қазақстан", "жүйе-", "система", "Иванов А.А.", "ӘОЖ 321.01",
              "Аннотация.", "Ключевые слова:", "Әдебиеттер", "1.", "•", "2019", "жылы",
              "ТЕОРИЯЛЫҚ НЕГІЗДЕРІ", "студент", "magistr@mail.kz", "—", "Литература", "[1]"]


def random_edit(lines: list[str], rng: random.Random) -> tuple[str, list[str]]:
    """One edit an editor (or a converter run again) might make, at a random line."""
    out, i = list(lines), rng.randrange(1, len(lines) - 1)
    kind = rng.choice(["word", "insert", "delete", "join", "split", "hyphen", "blank",
                       "unblank", "page", "copy", "capitals", "echo"])
    words = out[i].split(" ")
    if kind == "echo":
        # a word broken over a line end elsewhere, written whole (or with its hyphen) here:
        # what decides whether that hyphen is dropped changes
        broken = [j for j in range(len(out) - 1) if out[j].endswith("-") and out[j + 1].split()]
        if broken:
            j = rng.choice(broken)
            left, right = out[j].split()[-1][:-1], out[j + 1].split()[0]
            out.insert(i, rng.choice([left + right, f"{left}-{right}"]) + " сөзі")
    elif kind == "word":
        words[rng.randrange(len(words))] = rng.choice(EDIT_WORDS)
        out[i] = " ".join(words)
    elif kind == "insert":
        out.insert(i, " ".join(rng.choice(EDIT_WORDS) for _ in range(rng.randint(1, 8))))
    elif kind == "delete":
        del out[i]
    elif kind == "join":
        out[i:i + 2] = [out[i] + " " + out[i + 1]]
    elif kind == "split" and len(words) > 2:
        k = rng.randrange(1, len(words))
        out[i:i + 1] = [" ".join(words[:k]), " ".join(words[k:])]
    elif kind == "hyphen" and len(words[-1]) > 4:  # the last word broken over the line end
        k = rng.randrange(2, len(words[-1]) - 1)
        out[i:i + 2] = [" ".join(words[:-1] + [words[-1][:k] + "-"]),
                        words[-1][k:] + " " + out[i + 1]]
    elif kind == "blank":
        out.insert(i, "")
    elif kind == "unblank":
        blanks = [j for j in range(1, len(out) - 1) if not out[j].strip()]
        if blanks:
            del out[rng.choice(blanks)]
    elif kind == "page":
        out[i] = "\f" + out[i]
    elif kind == "copy":
        out.insert(i, out[rng.randrange(len(out))])
    elif kind == "capitals":
        out[i] = out[i].upper()
    return (kind if out != lines else f"{kind} (nothing to change)"), out


def edit_raw_file(f, rng: random.Random) -> str:
    """random_edit of a raw file, saved in its own line ends; what kind of edit it was."""
    text = f.read_text(encoding="utf-8-sig")
    newline = "\r\n" if "\r\n" in text else "\n"
    kind, lines = random_edit(text.split(newline), rng)
    f.write_text(newline.join(lines), encoding="utf-8")
    stamp = time.time_ns() - 10**9  # (written whole a second ago: read without a watch)
    os.utime(f, ns=(stamp, stamp))
    return kind


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_raw_edits_give_the_model_a_fresh_build_gives(tmp_path, seed):
    from generator.pipeline import extract_volume

    rng = random.Random(seed)
    for f in rng.sample(FIXTURE_VOLUMES, 3):
        shutil.copy(f, tmp_path / f.name)
    files = sorted(tmp_path.glob("*.txt"))
    cache = BuildCache(memos={})  # as the preview keeps it (site/preview.py)
    extract_volume(tmp_path, cache=cache)
    for step in range(30):
        kind = edit_raw_file(rng.choice(files), rng)
        cached = extract_volume(tmp_path, cache=cache).to_dict()
        assert cached == extract_volume(tmp_path).to_dict(), f"seed {seed}, step {step}: {kind}"


def fixture_project(tmp_path, volumes) -> dict:
    """A project copy whose raw input is these fixture volumes; its input paths."""
    paths = input_paths(copy_project(tmp_path / "project"))
    shutil.rmtree(paths["raw"])
    paths["raw"].mkdir()
    for f in volumes:
        shutil.copy(f, paths["raw"] / f.name)
    return paths


def random_input_edit(paths: dict, volume, rng: random.Random, step: int) -> str:
    """One random edit to any input an editor saves under `mkdocs serve`: a raw file (as
    random_edit), a correction of an article's field, the glossary, or the volume's title."""
    what = rng.choice(["raw", "raw", "corrections", "corrections", "glossary", "volume"])
    if what == "raw":
        f = rng.choice(sorted(paths["raw"].glob("*.txt")))
        return f"{f.name}: {edit_raw_file(f, rng)}"
    if what == "corrections":
        article, field = rng.choice(volume.articles), rng.choice(
            ["title", "title_display", "affiliation", "programme", "supervisor", "abstract",
             "keywords", "authors", "language"])
        value = {"keywords": ["реформа", "сайлау"], "language": rng.choice(["kk", "ru", "en"]),
                 "authors": [{"name": rng.choice(["Бекова А.Б.", "Иванов И.И.", "Smith J."])}]
                 }.get(field, rng.choice(["Саяси реформа", "Новое значение", "New value"]))

        def change(data):
            data = data or {}
            data.setdefault("articles", {}).setdefault(article.id, {})[field] = value
            if rng.random() < 0.2:  # an earlier correction taken back
                data["articles"].pop(rng.choice(sorted(data["articles"])))
            return data
        edit_yaml(paths["corrections"], change)
        return f"corrections: {field} of {article.id}"
    if what == "glossary":
        kk, ru = rng.choice([("сайлау жүйесі", "избирательная система"), ("реформа", "реформа"),
                             ("парламент", "парламент"), ("саяси партия", "политическая партия")])
        paths["glossary"].write_text(f"- {{kk: {kk}, ru: {ru}}}\n", encoding="utf-8")
        return f"glossary: {kk}"
    paths["volume"].write_text(f"title: {{kk: Жинақ {step}}}\n", encoding="utf-8")
    return "the volume's title"


@pytest.mark.parametrize("seed", [1, 2])
def test_random_edits_of_every_input_give_the_pages_a_fresh_build_gives(tmp_path, seed):
    rng = random.Random(seed)
    paths = fixture_project(tmp_path, rng.sample(FIXTURE_VOLUMES, 3))
    cache = BuildCache(memos={})  # as the preview keeps it (site/preview.py)
    volume, _ = build_site(paths, LANG, cache=cache)
    for step in range(20):
        edit = random_input_edit(paths, volume, rng, step)
        volume, pages = build_site(paths, LANG, cache=cache)
        fresh_volume, fresh = build_site(paths, LANG)
        assert volume.to_dict() == fresh_volume.to_dict(), f"seed {seed}, step {step}: {edit}"
        assert [p for p in pages.keys() | fresh.keys() if pages.get(p) != fresh.get(p)] == [], \
            f"seed {seed}, step {step}: {edit}"


def test_an_article_page_follows_its_authors_section_to_another_people_page(tmp_path):
    # Other people filed before an author can push the author's section onto the next part of
    # their letter's pages without a change to the article: its page must link there all the same.
    import dataclasses

    from generator.pages.people_pages import places_in
    from generator.pipeline import render_site

    paths = fixture_project(tmp_path, [FIXTURES / "volumes" / "v7_pdftotext_ru_conference.txt"])
    volume, _ = build_site(paths, LANG)
    article = next(a for a in volume.articles if a.authors and a.authors[0].person)
    author = next(p for p in volume.people if p.id == article.authors[0].person)
    page = f"articles/{article.id}.md"
    memo = BuildCache().pages
    before = places_in(render_site(volume, LANG, memo=memo))[author.id]
    # (the same name sorts them with the author, their ids before the author's)
    volume.people = volume.people + [
        dataclasses.replace(author, id=f"0-{n:03d}", authored=[a.id for a in volume.articles])
        for n in range(150)]
    pages = render_site(volume, LANG, memo=memo)
    after = places_in(pages)[author.id]
    assert after != before, "the author's section must have moved for this test to mean anything"
    assert after.removesuffix(".md") + ".html#" + author.id in pages[page]
    assert pages[page] == render_site(volume, LANG)[page]
