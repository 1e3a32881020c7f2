"""People as readers see them: the author index (letters, and every name while that fits one
small page) and one page per person, in the reader's language.

Who is one person, and how names sort, is the people stage's business (enrich/people.py).
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Optional


from ..enrich.people import passport_latin, person_sort_key
from ..language.names import parse_name
from ..language.textutil import CYRILLIC
from ..model import Article, Person
from .env import environment
from .paging import (LIST_ITEM_HTML_BYTES, PAGE_BUDGET, RenderMemo, fits_one_page, letter_pages,
                     macro, utf8_len)


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


def render_people_pages(people: list[Person], articles: Iterable[Article] = (), *,
                        untitled: str = "Untitled article",
                        labels: Optional[dict] = None,
                        lang: Optional[str] = None,
                        titles: Optional[Mapping[str, Optional[str]]] = None) -> dict[str, str]:
    """Markdown pages, keyed by path under docs/: `people/index.md` (letters, and every name
    while that fits one small page), `people/letters/<letter>.md` (a letter's people, in parts
    past paging.PAGE_BUDGET) and `people/<id>.md`. With `lang`, labels and article titles are
    the reader's (as other pages show them); `titles` (article id -> title as shown) may be
    given instead of the articles."""
    env = environment()
    lab = {**DEFAULT_LABELS, **(people_labels(lang) if lang else {}), **(labels or {})}
    if titles is None:
        from ..pages.render import display_title

        titles = {a.id: display_title(a, lang) if lang else a.title_display or a.title
                  for a in articles}
    item = macro(env.get_template("people_item.j2"), "person")
    ordered = [p for _, group in index_groups(people) for p in group]
    letters = letter_pages(ordered, key=index_letter,
                           size=lambda p: utf8_len(str(item(p, "../"))) + LIST_ITEM_HTML_BYTES,
                           budget=PAGE_BUDGET - 2_000)  # room for the letter bar
    index_tpl = env.get_template("people_index.md.j2")
    count = _people_count(lang)
    index = index_tpl.render(letters=letters, labels=lab, full=True, count=count)
    if not fits_one_page(index):  # too many people to name them all: letters only
        index = index_tpl.render(letters=letters, labels=lab, full=False, count=count)
    pages = {"people/index.md": index}
    letter_tpl = env.get_template("people_letter.md.j2")
    for letter in letters:
        for lp in letter.pages:
            pages[f"people/letters/{lp.path}"] = letter_tpl.render(
                letters=letters, letter=letter, lp=lp, labels=lab)
    person_tpl = env.get_template("person.md.j2")
    for p in people:
        def listed(ids: list[str]) -> list[dict]:
            return [{"id": i, "title": titles.get(i)} for i in ids]

        pages[f"people/{p.id}.md"] = _PAGES.render(
            person_tpl, person=p, authored=listed(p.authored), supervised=listed(p.supervised),
            untitled=untitled, labels=lab,
            passport=passport_latin(p.name) if CYRILLIC.search(p.name) else None)
    _PAGES.done()
    return pages


_PAGES = RenderMemo()  # person pages: a preview rebuild renders only the people that changed
