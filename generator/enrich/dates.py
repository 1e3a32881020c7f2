"""Date mentions in Kazakh, Russian and English prose: the grammar behind the reform timeline.

Written by hand on purpose: dateparser (the usual library) has no Kazakh case endings, so
`1995 жылғы 30 тамыздағы` or `2023 жылдың 5 қарашасында` come out as nothing or as the wrong day,
and its search mode reads Russian `в 2021 году` as the year 5 and counts `7 жылға`, `10 мандат` or
`42-бабында` as dates. A timeline must never show a number that is not a date, so this grammar only
accepts a number when the words around it say it is a date (a year word, a month, a date format).

`find_dates(text)` returns every mention with its character span, an ISO value at the precision
the text gives (`1999`, `1999-12`, `1999-12-05`, `1990s`) and the offset of the number that anchors
it in the source (the day if given, else the year or decade).
"""
from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass
from typing import Optional
from collections.abc import Callable, Iterator

from ..language.textutil import fix_lookalikes


@dataclass(frozen=True)
class DateMention:
    start: int  # span in the text, end exclusive
    end: int
    iso: str  # 1999 | 1999-12 | 1999-12-05 | 1990s
    precision: str  # year | month | day | decade
    anchor: int  # offset of the day number if given, else of the year (or decade) number
    text: str
    end_iso: Optional[str] = None  # last year of a range such as `2019–2022 жж.`


# Years accepted next to a year word; a bare number is never a year.
YEAR_MIN, YEAR_MAX = 1000, 2199

L = r"[^\W\d_]"  # one letter of any script
NB = r"(?<![\w№])"  # a number starts here, not inside a word or after №
NA = r"(?![\w%])"  # and ends here
DASH = r"\s*[-‐‑‒–—]\s*"

KK_MONTHS = ["қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз",
             "қыркүйек", "қазан", "қараша", "желтоқсан"]
# Russian months in nominative, genitive, prepositional and dative/instrumental forms.
RU_MONTHS = [r"январ[ьяею]", r"феврал[ьяею]", r"март(?:а|е|у|ом)?", r"апрел[ьяею]", r"ма[йяею]",
             r"июн[ьяею]", r"июл[ьяею]", r"август(?:а|е|у|ом)?", r"сентябр[ьяею]",
             r"октябр[ьяею]", r"ноябр[ьяею]", r"декабр[ьяею]"]
EN_MONTHS = [(name, name[:3]) for name in calendar.month_name[1:]]

# Kazakh month stem plus any case ending (тамызда, қарашасында, қыркүйектегі); `қазан` is also
# the city Kazan, so not before `қала…`.
KK_MONTH = (r"(?P<kkm>" + "|".join(KK_MONTHS) + r")" + L + r"*(?:\s+ай" + L + r"*)?"
            r"(?!\s+қала)")
RU_MONTH = r"(?P<rum>" + "|".join(f"(?:{m})" for m in RU_MONTHS) + r")(?!" + L + ")"
# English month names are matched case-sensitively (`may` the verb is not `May`).
EN_MONTH = (r"(?-i:(?P<enm>" + "|".join(f"{full}|{abbr}\\.?" for full, abbr in EN_MONTHS)
            + r"))(?![\w])")
ANY_MONTH = r"(?:" + KK_MONTH.replace("?P<kkm>", "?P<kkm2>") + "|" + RU_MONTH.replace(
    "?P<rum>", "?P<rum2>") + "|" + EN_MONTH.replace("?P<enm>", "?P<enm2>") + ")"

YEAR = NB + r"(?P<y>\d{4})"
DAY = NB + r"(?P<d>\d{1,2})"
# Kazakh year words: жылы, жылғы, жылдың, жылдан, жылға, жылда, жылды, ж. (not жылдық `N-year-long`,
# not жылдар, which after a round number is a decade).
KK_YEAR_WORD = r"(?:-?\s*жыл(?:ы|ғы|дың|дан|ға|да|ды|ына|ынан|ында)?(?!" + L + r")|\s*ж\.)"
# Russian year words: год, года, году, годом, г., also after `-м`/`-й` (в 1990-м году); never
# лет: `5 лет` is a duration.
RU_YEAR_WORD = (r"(?:(?:-(?:м|й|го|му|ом))?\s*(?:год(?:а|у|ом|е)?(?!" + L + r")|г\.))")
YEAR_WORD = r"(?:" + KK_YEAR_WORD + "|" + RU_YEAR_WORD + ")"
EN_YEAR_CUE = r"(?i:\b(?:in|since|from|until|till|by|during|before|after|of)\s+(?:the\s+year\s+)?)"
# Words that turn `N жыл` into a duration (`1000 жылдан астам`, `2000 жыл бұрын`).
DURATION_AFTER = re.compile(r"\s*(?:астам|артық|аса|бұрын|бойы|назад|тому)(?!" + L + ")",
                            re.IGNORECASE)
# Roman century numerals, written with Latin or Cyrillic look-alike letters.
CENTURY = r"(?P<c>[XХIІVѴ]{1,5}|\d{2})"
RANGE_WORD = (r"(?:\s*(?:жж\.|ж\.ж\.|гг\.|жылдар" + L + r"*"
              r"|год(?:ы|а|ов|ах|ам)(?!" + L + r")))")

_ROMAN = {"X": 10, "Х": 10, "I": 1, "І": 1, "V": 5, "Ѵ": 5}


@dataclass(frozen=True)
class _Rule:
    name: str
    langs: frozenset  # languages the rule belongs to; empty = any language
    pattern: re.Pattern
    build: Callable[[re.Match, str], Optional[DateMention]]
    needs: Optional[re.Pattern] = None  # a cheap test the text must pass before `pattern`


def _month(m: re.Match, suffix: str = "") -> Optional[int]:
    for key in ("kkm", "rum", "enm"):
        word = m.groupdict().get(key + suffix)
        if not word:
            continue
        word = word.lower().rstrip(".")
        if key == "kkm":
            return KK_MONTHS.index(word) + 1
        if key == "rum":
            return next(i for i, p in enumerate(RU_MONTHS, 1) if re.fullmatch(p, word))
        return next(i for i, (full, abbr) in enumerate(EN_MONTHS, 1)
                    if word in (full.lower(), abbr.lower()))
    return None


def _year_ok(y: int) -> bool:
    return YEAR_MIN <= y <= YEAR_MAX


def _mention(m: re.Match, text: str, iso: str, precision: str, anchor_group: str,
             start_group: Optional[str] = None, end_iso: Optional[str] = None) -> DateMention:
    start = m.start(start_group) if start_group else m.start()
    end = m.end()
    # Keep the span tight: no trailing spaces swallowed by optional groups.
    while end > start and text[end - 1].isspace():
        end -= 1
    return DateMention(start, end, iso, precision, m.start(anchor_group), text[start:end], end_iso)


def _day_iso(y: int, mo: int, d: int) -> Optional[str]:
    if not _year_ok(y) or not 1 <= mo <= 12:
        return None
    if not 1 <= d <= calendar.monthrange(y, mo)[1]:
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


def _build_day(m: re.Match, text: str, suffix: str = "") -> Optional[DateMention]:
    mo = _month(m, suffix)
    iso = _day_iso(int(m.group("y")), mo or 0, int(m.group("d")))
    return _mention(m, text, iso, "day", "d") if iso else None


def _build_day_range(m: re.Match, text: str, suffix: str = "") -> Optional[DateMention]:
    """`1–2 December 2010`: dated by its first day, the last one kept as `end_iso`."""
    y, mo = int(m.group("y")), _month(m, suffix) or 0
    first, last = _day_iso(y, mo, int(m.group("d0"))), _day_iso(y, mo, int(m.group("d")))
    if not first or not last or last <= first:
        return None
    mention = _mention(m, text, first, "day", "d0", end_iso=last)
    return mention


def _build_numeric(m: re.Match, text: str) -> Optional[DateMention]:
    iso = _day_iso(int(m.group("y")), int(m.group("mo")), int(m.group("d")))
    return _mention(m, text, iso, "day", "d") if iso else None


def _build_month(m: re.Match, text: str, suffix: str = "") -> Optional[DateMention]:
    y, mo = int(m.group("y")), _month(m, suffix)
    if not _year_ok(y) or not mo:
        return None
    return _mention(m, text, f"{y:04d}-{mo:02d}", "month", "y", "mstart")


def _build_year(m: re.Match, text: str) -> Optional[DateMention]:
    y = int(m.group("y"))
    if not _year_ok(y) or DURATION_AFTER.match(text, m.end()):
        return None
    return _mention(m, text, f"{y:04d}", "year", "y", "y")


def _build_range(m: re.Match, text: str) -> Optional[DateMention]:
    y1, tail = int(m.group("y")), m.group("y2")
    y2 = int(tail) if len(tail) == 4 else (y1 // 100) * 100 + int(tail)
    if not (_year_ok(y1) and _year_ok(y2) and 0 < y2 - y1 < 200):
        return None
    return _mention(m, text, f"{y1:04d}", "year", "y", "y", end_iso=f"{y2:04d}")


def _century(word: Optional[str]) -> Optional[int]:
    if not word:
        return None
    if word.isdigit():
        return int(word)
    total, prev = 0, 0
    for ch in reversed(word):
        value = _ROMAN.get(ch, 0)
        total += -value if value < prev else value
        prev = max(prev, value)
    return total or None


def _build_decade(m: re.Match, text: str) -> Optional[DateMention]:
    digits = m.group("dec")
    century = _century(m.groupdict().get("c") or m.groupdict().get("c2"))
    if len(digits) == 4:
        year = int(digits)
        if century and (year - 1) // 100 + 1 != century and year // 100 + 1 != century:
            return None
    else:
        two = int(digits)
        if century:
            year = (century - 1) * 100 + two
        elif two >= 30:  # `90-жылдары`: the last century; `20-жылдары` alone is left unread
            year = 1900 + two
        else:
            return None
    if year % 10 or not _year_ok(year):
        return None
    start_group = "cstart" if m.groupdict().get("cstart") is not None else "dec"
    return _mention(m, text, f"{year:04d}s", "decade", "dec", start_group)


def _rule(name: str, langs: str, pattern: str, build, needs: Optional[str] = None) -> _Rule:
    return _Rule(name, frozenset(langs.split()) if langs else frozenset(),
                 re.compile(pattern, re.IGNORECASE), build, re.compile(needs) if needs else None)


_DAY_RANGE = r"\d" + DASH + r"\d"  # two numbers joined by a dash: a range of days may follow


# Most specific first: a span taken by an earlier rule is not read again by a later one.
RULES: list[_Rule] = [
    # 05.06.2022, 5.6.2022 (day first, as written in kk/ru/most of en).
    _rule("numeric", "", NB + r"(?<!\d\.)(?P<d>\d{1,2})\.(?P<mo>\d{1,2})\.(?P<y>\d{4})"
          r"(?!\.?\d)(?:" + YEAR_WORD + ")?", _build_numeric),
    # ISO 2022-06-05.
    _rule("iso", "", NB + r"(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})(?!\d)", _build_numeric),
    # 2010 жылғы 1–2 желтоқсанда, 1–2 декабря 2010 г., on 1–2 December 2010.
    _rule("kk-ymd-range", "kk", YEAR + KK_YEAR_WORD + r"\s*" + NB + r"(?P<d0>\d{1,2})" + DASH
          + r"(?P<d>\d{1,2})\s*" + KK_MONTH, _build_day_range, needs=_DAY_RANGE),
    _rule("dmy-range", "", NB + r"(?P<d0>\d{1,2})" + DASH + r"(?P<d>\d{1,2})\s*" + ANY_MONTH
          + r",?\s+" + YEAR + r"(?!\d)(?:" + YEAR_WORD + ")?",
          lambda m, t: _build_day_range(m, t, "2"), needs=_DAY_RANGE),
    # 1995 жылғы 30 тамыздағы, 2023 жылдың 5 қарашасында, 2007 ж. 16 мамырда.
    _rule("kk-ymd", "kk", YEAR + KK_YEAR_WORD + r"\s*" + DAY + r"\s*" + KK_MONTH, _build_day),
    # 16 мая 2007 г., 30 тамыз 1995 ж., on 5 June 2022, 5th of June 2022.
    _rule("dmy", "", DAY + r"(?:st|nd|rd|th)?(?:\s+of)?\s*" + ANY_MONTH + r",?\s+" + YEAR
          + r"(?!\d)(?:" + YEAR_WORD + ")?", lambda m, t: _build_day(m, t, "2")),
    # June 5, 2022.
    _rule("mdy", "en", EN_MONTH + r"\s+" + DAY + r"(?:st|nd|rd|th)?,?\s+" + YEAR + r"(?!\d)",
          _build_day),
    # 1999 жылдың желтоқсанында, 2022 жылы қазан айында.
    _rule("kk-ym", "kk", YEAR + KK_YEAR_WORD + r"\s*(?P<mstart>)" + KK_MONTH,
          lambda m, t: _build_month_from_year(m, t)),
    # в январе 2022 года, January 2022, in March 2019, желтоқсан 1999 ж.
    _rule("my", "", r"(?P<mstart>)" + ANY_MONTH + r",?\s+" + YEAR + r"(?!\d)(?:" + YEAR_WORD
          + ")?", lambda m, t: _build_month(m, t, "2")),
    # 2019–2022 жж., 2019-2022 гг., 2019–22 жылдары, 2019–2022 годы.
    _rule("range", "", YEAR + DASH + r"(?P<y2>\d{4}|\d{2})(?!\d)" + RANGE_WORD, _build_range),
    # in 2019–2022, from 2019 to 2022, between 2019 and 2022 (English needs its preposition).
    _rule("en-range", "en", r"(?i:\b(?:in|from|between)\s+)" + YEAR
          + r"(?:" + DASH + r"|\s+(?:to|and)\s+)(?P<y2>\d{4})(?!\d)", _build_range),
    # ХХ ғасырдың 90-жылдарында, 1990-жылдары, 1990 жылдары.
    _rule("kk-decade", "kk", r"(?:(?P<cstart>)" + CENTURY + r"\s*ғ(?:асыр" + L + r"*|\.)\s+)?"
          + NB + r"(?P<dec>\d{4}(?=\s*-?\s*(?:ш[ыі]\s*-?\s*)?жыл)|\d{2}(?=\s*-))\s*-?\s*(?:ш[ыі]\s*-?\s*)?жылдар"
          + L + "*", _build_decade),
    # 1990-е годы, 90-х годов XX века, в 1990-х.
    _rule("ru-decade", "ru", r"(?:(?P<cstart>)" + CENTURY + r"\s*в(?:ек" + L + r"*|\.)\s+)?"
          + NB + r"(?P<dec>\d{4}|\d{2}(?=\s*-\s*(?:е|х|ые|ых|ми)\s+(?:год|гг)))\s*-\s*"
          r"(?:е|х|ые|ых|ми)(?!" + L + r")(?:\s+(?:год(?:ы|ов|ах|ам)|гг\.))?"
          r"(?:\s+(?P<c2>[XХIІV]{1,5})\s+век" + L + "*)?", _build_decade),
    # the 1990s, the 90s, the '90s.
    _rule("en-decade", "en", r"(?:" + NB + r"(?P<dec>\d{4})(?-i:'?s)\b"
          r"|(?i:\bthe\s+)['’]?(?P<dec2>\d{2})(?-i:'?s)\b)", lambda m, t: _en_decade(m, t)),
    # 2019 ж., 2007 жылы, 2021 жылдан, в 1993 году, с 2019 года, 1993 г.
    _rule("kk-year", "kk", YEAR + r"(?!\d)" + KK_YEAR_WORD, _build_year),
    _rule("ru-year", "ru", YEAR + r"(?!\d)" + RU_YEAR_WORD, _build_year),
    # in 2019, since 2019 (English puts its cue before the number).
    _rule("en-year", "en", EN_YEAR_CUE + YEAR + NA + r"(?!\s*[-–—]\s*\d)", _build_year),
]


def _build_month_from_year(m: re.Match, text: str) -> Optional[DateMention]:
    y, mo = int(m.group("y")), _month(m)
    if not _year_ok(y) or not mo:
        return None
    return _mention(m, text, f"{y:04d}-{mo:02d}", "month", "y")


def _en_decade(m: re.Match, text: str) -> Optional[DateMention]:
    if m.group("dec"):
        return _build_decade(m, text)
    two = int(m.group("dec2"))
    if two % 10 or two < 30:
        return None
    start = m.start("dec2")
    return DateMention(start, m.end(), f"{1900 + two:04d}s", "decade", start,
                       text[start:m.end()])


# Square-bracket citations ([3, 2019 б.], [5, p. 12]) hold source numbers, years and pages, never
# the date of an event.
_CITATION = re.compile(r"\[[^\[\]]{0,200}\]")
# Every rule needs a four-digit year, or a two-digit decade before a dash or an `s` (90-жылдары,
# 90-х, the '90s): text with none of these has no date.
_MAY_HOLD_DATE = re.compile(r"\d{4}|\d\d\s*-|\d\d'?s")
_NUMBER_SIGN = re.compile(r"(?:№|\bN[o°º]?\.?)\s*$")


def _rules_for(lang: Optional[str]) -> Iterator[_Rule]:
    for rule in RULES:
        if lang is None or not rule.langs or lang in rule.langs:
            yield rule


def may_hold_date(text: str) -> bool:
    """False when `text` surely holds no date (find_dates would find none, in it or in any
    part of it)."""
    return _MAY_HOLD_DATE.search(text) is not None


def find_dates(text: str, lang: Optional[str] = None) -> list[DateMention]:
    """Every date mention in `text`, in text order.

    `lang` ("kk", "ru", "en") restricts the grammar to that language's forms plus the neutral
    numeric ones; None reads all three (articles quote each other's languages).
    """
    if not may_hold_date(text):
        return []  # most sentences
    # Same length as `text`: look-alike Latin letters become Cyrillic one for one.
    probe, _ = fix_lookalikes(text)
    probe = probe if len(probe) == len(text) else text
    blocked = [(c.start(), c.end()) for c in _CITATION.finditer(probe)]
    found: list[DateMention] = []
    for rule in _rules_for(lang):
        if rule.needs is not None and not rule.needs.search(probe):
            continue
        for m in rule.pattern.finditer(probe):
            mention = rule.build(m, probe)
            if mention is None:
                continue
            span = (mention.start, mention.end)
            if any(_overlaps(span, (d.start, d.end)) for d in found):
                continue
            if any(_overlaps(span, b) for b in blocked):
                continue
            if _NUMBER_SIGN.search(probe, max(0, mention.anchor - 6), mention.anchor):
                continue
            found.append(DateMention(mention.start, mention.end, mention.iso, mention.precision,
                                     mention.anchor, text[mention.start:mention.end],
                                     mention.end_iso))
    return sorted(found, key=lambda d: d.start)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


@functools.lru_cache(maxsize=65536)  # (a volume's events share a few thousand dates)
def sort_key(iso: str) -> tuple[int, int, int, int]:
    """Chronological key: a decade before its years, a year before its months, a month before
    its days."""
    if iso.endswith("s"):
        return (int(iso[:-1]), 0, 0, 0)
    parts = [int(p) for p in iso.split("-")]
    parts += [0] * (3 - len(parts))
    return (parts[0], 1, parts[1], parts[2])
