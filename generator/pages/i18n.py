"""The reader's language: every string the site shows, in Kazakh, Russian or English.

One table (`generator/data/ui.yml`) holds them all; the site speaks one language throughout (the
MkDocs `theme.language`, as Material's own strings do), whatever the language of the article on
screen, which keeps its own `lang` on its text. Counts use CLDR plural rules through Babel
(«3 статьи», «5 статей»); language names come from CLDR too.
"""
from __future__ import annotations

import functools
from pathlib import Path
from typing import Any, Literal, Optional

from babel import Locale

from ..util import yamlfile

LANGS = ("kk", "ru", "en")
DEFAULT = "kk"
TABLE = Path(__file__).parent.parent / "data" / "ui.yml"


@functools.lru_cache(maxsize=1)
def table() -> dict[str, dict]:
    with open(TABLE, encoding="utf-8") as fh:
        return yamlfile.load(fh)


def ui_language(value: Any, fallback: str = DEFAULT) -> str:
    """A language the table speaks: `value` when it is one (kk, ru, en; "ru-RU" counts as ru),
    else `fallback`."""
    code = str(value or "").split("-")[0].split("_")[0].lower()
    return code if code in LANGS else fallback


def site_language(config) -> str:
    """The language of a MkDocs site: its theme.language (English for one the table lacks)."""
    theme = getattr(config, "theme", None) or {}
    lang = theme.get("language") if hasattr(theme, "get") else None
    return ui_language(lang, fallback="en") if lang else DEFAULT


def t(key: str, lang: str, **values: Any) -> str:
    """The string `key` in `lang` (placeholders filled from `values`)."""
    entry = table()[key]
    text = entry.get(lang) or entry["en"]
    if isinstance(text, dict):
        raise TypeError(f"ui.yml: '{key}' is a count: use plural()")
    return text.format(**values) if values else text


def plural(key: str, n: int, lang: str, **values: Any) -> str:
    """The count `n` with its noun in `lang`: plural("n_articles", 3, "ru") -> "3 статьи"."""
    forms = table()[key].get(lang) or table()[key]["en"]
    category = _plural_form(lang, n)
    text = forms.get(category) or forms["other"]
    return text.format(n=n, **values)


@functools.cache
def _locale(lang: str) -> Locale:
    return Locale.parse(lang)


def _plural_form(lang: str, n: int) -> str:
    return _locale(lang).plural_form(n)


def language_name(code: Optional[str], lang: str, capital: bool = True) -> str:
    """The name of language `code` in `lang` (CLDR): ru in kk -> "Орыс тілі"."""
    if not code:
        return "—"
    name = _locale(lang).languages.get(code) or code
    return name[:1].upper() + name[1:] if capital else name


def format_iso_date(value: Any, lang: str) -> Optional[str]:
    """An ISO date at its precision as `lang` writes it: "19 сәуір 2024", "апрель 2024", "2024";
    None when `value` is no ISO date."""
    import datetime as _dt

    if isinstance(value, _dt.date):
        value = value.isoformat()[:10]
    return _format_iso(str(value or "").strip(), lang)


@functools.lru_cache(maxsize=65536)  # a timeline repeats its dates
def _format_iso(value: str, lang: str) -> Optional[str]:
    import datetime as _dt
    import re

    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value)
    if not m:
        return None
    year = int(m.group(1))
    month, day = (int(g) if g else None for g in m.groups()[1:])
    try:
        if month and day:
            _dt.date(year, month, day)  # (a day the month does not have: no date)
            return f"{day} {_month_names(lang, 'format')[month]} {year}"  # "d MMMM y"
        if month:
            _dt.date(year, month, 1)
            return f"{_month_names(lang, 'stand-alone')[month]} {year}"  # "LLLL y"
    except ValueError:
        return None
    return str(year)


@functools.cache
def _month_names(lang: str, context: Literal["format", "stand-alone"]) -> dict[int, str]:
    """CLDR's wide month names, asked of Babel once: formatting each date with Babel took
    ~45 µs, most of a timeline page's making."""
    from babel.dates import get_month_names

    return dict(get_month_names("wide", context, _locale(lang)))


class Strings:
    """The table in one language, for templates: `t.authors`, `t.n("n_articles", 3)`,
    `t.lang_name("ru")`, `t.f("decade", decade=1990)`."""

    def __init__(self, lang: str) -> None:
        self.lang = ui_language(lang)

    def __getattr__(self, key: str) -> str:
        if key.startswith("_"):
            raise AttributeError(key)
        try:
            return t(key, self.lang)
        except KeyError:
            raise AttributeError(f"ui.yml has no '{key}'") from None

    def __getitem__(self, key: str) -> str:
        return t(key, self.lang)

    def f(self, key: str, **values: Any) -> str:
        return t(key, self.lang, **values)

    def n(self, key: str, count: int, **values: Any) -> str:
        return plural(key, count, self.lang, **values)

    def lang_name(self, code: Optional[str], capital: bool = True) -> str:
        return language_name(code, self.lang, capital)

    def date(self, value: Any) -> Optional[str]:
        return format_iso_date(value, self.lang) or (str(value) if value else None)

    def __repr__(self) -> str:  # part of render cache keys
        return f"Strings({self.lang!r})"


@functools.cache
def strings(lang: str) -> Strings:
    return Strings(lang)


# Strings the page scripts use (theme_overrides/assets/javascripts/reader.js), given to them as
# JSON in every page (main.html), so they read the same table.
SCRIPT_KEYS = ("tooltip_open", "tooltip_close", "reference", "search_matches", "search_dialog",
               "timeline_filter")


def script_strings(lang: str) -> dict[str, str]:
    return {k: t(k, lang) for k in SCRIPT_KEYS}


def all_languages(key: str) -> dict[str, str]:
    """`key` in every language (for the search index, which serves any page language)."""
    return {lang: t(key, lang) for lang in LANGS}
