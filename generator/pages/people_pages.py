"""People as readers see them: the author index (letters, and every name while that fits one
small page) and the letter pages, where each person is a section (anchored by their id), in the
reader's language. A person has no page of their own: ~10 KB of theme around 1.5 KB of facts,
thousands of times over, was most of a big volume's site (an old person address redirects,
site/preview.py).

Who is one person, and how names sort, is the people stage's business (enrich/people.py).
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Optional

from ..enrich.people import passport_latin, person_sort_key
from ..language.names import parse_name
from ..language.textutil import CYRILLIC
from ..model import Article, Person
from .env import environment
from .memo import PageMemo, RenderMemo
from .paging import (PAGE_BUDGET, TOC_ENTRY_BYTES, Letter, fits_one_page, letter_pages,
                     utf8_len)


def index_letter(person: Person) -> str:
    """The letter the author index files a person under."""
    parsed = parse_name(person.name)
    word = parsed.surname if parsed else person.name
    return (word[:1] or "#").upper()


DEFAULT_LABELS = {
    "index_title": "Authors",
    "articles": "Articles",
    "authored": "Articles",
    "supervised": "Supervised",
    "variants": "Printed as",
    "latin": "Latin",
    "passport": "Passport spelling (Scopus)",
    "affiliations": "Affiliations",
    "back": "All authors",
    "all_letters": "All letters",
    "part": "Part",
    "people": "people",
}


def index_groups(people: list[Person]) -> list[tuple[str, list[Person]]]:
    """People grouped by first letter, in alphabetical order."""
    groups: dict[str, list[Person]] = {}
    for p in sorted(people, key=lambda p: (person_sort_key(p), p.id)):
        groups.setdefault(index_letter(p), []).append(p)
    return list(groups.items())


def people_labels(lang: str) -> dict:
    """The people pages' labels in the reader's language (generator/data/ui.yml)."""
    from ..pages.i18n import strings

    t = strings(lang)
    return {"index_title": t.people, "articles": t.articles, "authored": t.person_authored,
            "supervised": t.person_supervised, "variants": t.person_variants,
            "latin": t.person_latin, "passport": t.person_passport,
            "affiliations": t.person_affiliations, "back": t.person_back,
            "all_letters": t.all_letters, "part": t.part, "people": t.n("n_people", 5)[2:]}


def _people_count(lang: Optional[str]):
    """"5 адам", "3 человека": a count of people in the reader's language (None: label after the
    number as given)."""
    if not lang:
        return None
    from ..pages.i18n import plural

    return lambda n: plural("n_people", n, lang)


@dataclass(frozen=True)
class Section:
    """One person's part of their letter page: the person and the section's Markdown."""

    person: Person
    text: str


def section_size(s: Section) -> int:
    """What a section counts against the page budget: its Markdown (paging.PAGE_BUDGET allows
    for the growth to HTML) and its heading's entry in the table of contents, as
    paging.fits_one_page counts a page."""
    return utf8_len(s.text) + TOC_ENTRY_BYTES


def _labels(lang: Optional[str], labels: Optional[dict]) -> dict:
    return {**DEFAULT_LABELS, **(people_labels(lang) if lang else {}), **(labels or {})}


def _titles(articles: Iterable[Article], lang: Optional[str]) -> dict[str, Optional[str]]:
    from ..pages.render import display_title

    return {a.id: display_title(a, lang) if lang else a.title_display or a.title
            for a in articles}


def _section(person: Person, titles: Mapping[str, Optional[str]], untitled: str,
             labels: dict, sections: RenderMemo) -> Section:
    """A person's section, rendered again only when what it shows changed (`sections`)."""
    def listed(ids: list[str]) -> list[dict]:
        return [{"id": i, "title": titles.get(i)} for i in ids]

    text = sections.render(
        environment().get_template("person.md.j2"), person=person,
        authored=listed(person.authored), supervised=listed(person.supervised),
        untitled=untitled, labels=labels,
        passport=passport_latin(person.name) if CYRILLIC.search(person.name) else None)
    return Section(person, text)


def _letters(people: list[Person], titles: Mapping[str, Optional[str]], untitled: str,
             labels: dict, memo: RenderMemo) -> list[Letter[Section]]:
    """Every person's section, filed by letter in index order, split into pages by size."""
    sections = [_section(p, titles, untitled, labels, memo)
                for _, group in index_groups(people) for p in group]
    memo.done()
    return letter_pages(sections, key=lambda s: index_letter(s.person), size=section_size,
                        budget=PAGE_BUDGET - 2_000)  # room for the letter bar


def places(letters: list[Letter[Section]]) -> dict[str, str]:
    """Person id -> the letter page holding their section (a path under docs/)."""
    return {s.person.id: f"people/letters/{lp.path}"
            for letter in letters for lp in letter.pages for s in lp.items}


def person_places(people: list[Person], articles: Iterable[Article] = (), *,
                  untitled: str = "Untitled article", labels: Optional[dict] = None,
                  lang: Optional[str] = None,
                  titles: Optional[Mapping[str, Optional[str]]] = None) -> dict[str, str]:
    """Where render_people_pages (given the same arguments) puts each person: person id ->
    `people/letters/<page>.md`, for links to `#<id>` there."""
    titles = _titles(articles, lang) if titles is None else titles
    return places(_letters(people, titles, untitled, _labels(lang, labels), RenderMemo()))


# A section's heading as person.md.j2 writes it: `## Name { #id }`
_SECTION_HEADING = re.compile(r"^## .* \{ #([^ ]+) \}$", re.M)


def places_in(pages: Mapping[str, str]) -> dict[str, str]:
    """person_places read back from the rendered pages (render_people_pages' output)."""
    return {pid: path for path, text in sorted(pages.items())
            if path.startswith("people/letters/") for pid in _SECTION_HEADING.findall(text)}


def render_people_pages(people: list[Person], articles: Iterable[Article] = (), *,
                        untitled: str = "Untitled article",
                        labels: Optional[dict] = None,
                        lang: Optional[str] = None,
                        titles: Optional[Mapping[str, Optional[str]]] = None,
                        memo: Optional[PageMemo] = None) -> dict[str, str]:
    """Markdown pages, keyed by path under docs/: `people/index.md` (letters, and every name
    while that fits one small page) and `people/letters/<letter>.md` (a letter's people, each a
    section whose anchor is their id, in parts past paging.PAGE_BUDGET). With `lang`, labels
    and article titles are the reader's (as other pages show them); `titles` (article id ->
    title as shown) may be given instead of the articles. With `memo` (the last build's pages),
    only the sections and letter pages whose content changed are rendered again."""
    env = environment()
    lab = _labels(lang, labels)
    titles = _titles(articles, lang) if titles is None else titles
    memo = PageMemo() if memo is None else memo
    letters = _letters(people, titles, untitled, lab, memo.people_sections)
    index_tpl = env.get_template("people_index.md.j2")
    count = _people_count(lang)
    # Every name on the index page while that fits; past the budget on names alone it cannot.
    index = None
    if sum(utf8_len(p.name) for p in people) <= PAGE_BUDGET:
        index = index_tpl.render(letters=letters, labels=lab, full=True, count=count)
    if index is None or not fits_one_page(index):  # too many people to name: letters only
        index = index_tpl.render(letters=letters, labels=lab, full=False, count=count)
    pages = {"people/index.md": index}
    letter_tpl = env.get_template("people_letter.md.j2")
    bar = repr([(x.letter, x.slug, x.path, len(x.pages)) for x in letters])
    for letter in letters:
        for lp in letter.pages:
            # keyed by all the page shows: the letter bar, its part, its sections and labels
            key = repr((bar, lp.slug, lp.part, lp.parts, [s.text for s in lp.items],
                        sorted(lab.items())))
            pages[f"people/letters/{lp.path}"] = memo.people_letters.render(
                letter_tpl, key=key, letters=letters, letter=letter, lp=lp, labels=lab)
    memo.people_letters.done()
    return pages
