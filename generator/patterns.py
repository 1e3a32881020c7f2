"""What front-matter lines of kk/ru/en proceedings look like: shared by segment and extract.

Each classifier looks at one line (or a short block) of cleaned text and says what it is.
They are written by hand because the printed conventions (ӘОЖ/УДК lines, `Сейітқали А.Б.`,
`Ғылыми жетекші`) are particular to this field; no library knows them.
"""
from __future__ import annotations

import functools
import re
from typing import Optional

UP = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІ"
LO = "a-zа-яёәғқңөұүһі"
_INIT = rf"[{UP}]\.(?:\s?-?[{UP}]\.)?"
# A surname as printed: `Сейітқали`, `Жанпейісова-Әли`, or in capitals (`ИВАНОВ`), as many
# Russian proceedings print author lines.
_SURNAME = (rf"(?:[{UP}][{LO}]+(?:-[{UP}]?[{LO}]+)?|[{UP}]{{2,}}(?:-[{UP}]{{2,}})?)")
NAME_SURNAME_FIRST = re.compile(rf"^({_SURNAME})\s+({_INIT})$")
NAME_INITIALS_FIRST = re.compile(rf"^({_INIT})\s*({_SURNAME})$")
NAME_FULL = re.compile(rf"^({_SURNAME})\s+({_SURNAME})(?:\s+({_SURNAME}))?$")


class _Folded:
    """A case-insensitive word list searched in lower-cased text with a lower-case pattern.

    Case-insensitive alternations defeat sre's first-character scan; this form is about ten
    times faster on Cyrillic lines, and these lists are searched for most lines of a volume.
    Only truth values are used: match positions refer to the lower-cased text."""

    def __init__(self, pattern: str):
        if re.search(r"\\[A-Z]", pattern):
            raise ValueError("upper-case escapes (\\S, \\W…) do not survive lower()")
        self.pattern = pattern
        self._rx = re.compile(pattern.lower())

    def search(self, text: str):
        return self._rx.search(text.lower())


UDC = re.compile(r"^\s*(?:ӘОЖ|ӘӨЖ|ОӘЖ|УДК|UDC|UDK)\s*[:.]?\s*([\d][\d.:()\-–/+=\s\"«»]*[\d)])", re.I)
CLASSIFICATION = re.compile(r"^\s*(?:МРНТИ|ХҒТАР|IRSTI|ГРНТИ|JEL|ББК|BBK|КБЖ|DOI)\b", re.I)
# An author's position or degree printed on its own line (never a title).
POSITION = _Folded(
    r"(?:^|\s)(?:доцент|профессор|преподаватель|оқытушы|кафедр|магистр|PhD|lecturer|professor|"
    r"к\.\w+\.н\.|д\.\w+\.н\.|\w+\.ғ\.(?:к|д)\.)")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
SUPERVISOR = re.compile(
    r"^\s*(?:Ғылыми жетекші(?:сі)?|Ғылыми кеңесші|Научный руководитель|Научный консультант"
    r"|Руководитель|Scientific (?:supervisor|adviser|advisor)|Supervisor|Academic advisor)"
    r"\s*[:\-–—]?\s*(.+)$", re.I)
ABSTRACT = re.compile(
    r"^\s*(Аңдатпа|Аннотация|Annotation|Abstract|Түйіндеме|Түйін|Резюме|Summary)\b\s*[.:\-–—]?\s*",
    re.I)
KEYWORDS = re.compile(
    r"^\s*(Кілт сөздер|Кілттік сөздер|Түйін сөздер|Түйінді сөздер|Тірек сөздер|Ключевые слова"
    r"|Keywords|Key words)\s*[:.\-–—]?\s*", re.I)
REFERENCES = re.compile(
    r"^\s*(?:Әдебиеттер тізімі|Пайдаланылған әдебиеттер(?: тізімі)?|Қолданылған әдебиеттер(?: тізімі)?"
    r"|Әдебиеттер|Пайдаланылған дереккөздер(?: тізімі)?|Список (?:использованной |цитируемой )?литературы"
    r"|Список использованных источников|Литература|Использованная литература|Источники"
    r"|References|Bibliography|List of references|Reference list)\s*[:.]?\s*$", re.I)
AFFILIATION = _Folded(
    r"(университет|институт|академия|колледж|училище|мектеп|лицей|министрлі|министерств|"
    r"University|Institute|Academy|College|School|Ltd|ЖШС|ТОО|АҚ\b|АО\b|ҰУ\b|ЕҰУ|ҚазҰУ|КазНУ)")
PROGRAMME = _Folded(
    r"(магистрант|студент|докторант|білім алушы|обучающ|бағдарлама|образовательн|курс\b|"
    r"-курс|оқу жылы|specialty|programme|program\b|master'?s student|PhD student|bachelor|"
    r"undergraduate|graduate student|мамандығы|специальност)")
PLACE = re.compile(
    r"^(?:[\w.\- ]+,\s*)?(?:Қазақстан|Казахстан|Kazakhstan|Республика Казахстан|Қазақстан Республикасы"
    r"|Россия|Russia|Российская Федерация|Кыргызстан|Узбекистан|Uzbekistan|Kyrgyzstan)\.?$", re.I)
# Degrees and posts before a name. Abbreviated degrees are lower case (`с.ғ.к.`, `к.э.н.`), so
# the abbreviation part is case-sensitive: `Д.С. Омарова` must keep its initials.
DEGREE = re.compile(
    r"^(?:(?:[а-яәғқңөұүһіa-z]{1,6}\.){1,4}(?:[а-яәғқңөұүһіa-z]{1,6}\.?)?,?\s+|(?i:PhD|доцент|профессор|"
    r"professor|associate professor|қауымдастырылған профессор|аға оқытушы|старший преподаватель|"
    r"оқытушы|преподаватель|lecturer|senior lecturer|dr\.?|candidate of [\w ]+? sciences)"
    r",?\s+)+")
SECTION_HEADING = re.compile(
    r"^(?:\d+(?:\.\d+)*\.?\s+)?(Кіріспе|Введение|Introduction|Қорытынды|Заключение|Выводы|Conclusions?|"
    r"Негізгі бөлім|Основная часть|Main part|Әдістер|Материалдар мен әдістер|Методы|Материалы и методы|"
    r"Materials and methods|Methods|Нәтижелер|Результаты|Results|Талқылау|Обсуждение|Discussion|"
    r"Results and discussion|Нәтижелер және талқылау|Результаты и обсуждение|Әдебиеттерге шолу|"
    r"Обзор литературы|Literature review)\s*[.:]?$", re.I)

# Any of the labels above, in one alternation (all are anchored and case-insensitive): one
# regex call per line, not six, for the many lines that are none of them.
ANY_LABEL = re.compile("|".join(f"(?:{p.pattern})" for p in (
    UDC, CLASSIFICATION, ABSTRACT, KEYWORDS, SUPERVISOR, REFERENCES)), re.I)

LABEL_LANGUAGE = {
    "аңдатпа": "kk", "түйін": "kk", "түйіндеме": "kk", "annotation": "en", "аннотация": "ru", "резюме": "ru", "abstract": "en",
    "summary": "en", "кілт сөздер": "kk", "кілттік сөздер": "kk", "түйін сөздер": "kk",
    "түйінді сөздер": "kk", "тірек сөздер": "kk", "ключевые слова": "ru", "keywords": "en",
    "key words": "en",
}
KAZAKH_LETTERS = re.compile("[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")


_DROP_LOWER = str.maketrans("", "", "abcdefghijklmnopqrstuvwxyz"
                            "абвгдежзийклмнопрстуфхцчшщъыьэюяёәғқңөұүһі")


def count_lower(text: str) -> int:
    """How many lower-case Latin, Russian and Kazakh letters the text has (in C, by translate)."""
    return len(text) - len(text.translate(_DROP_LOWER))


def is_caps(text: str) -> bool:
    # Most lines fail at once: lower-case letters in 15% of all characters rule capitals out.
    if 20 * count_lower(text) >= 3 * len(text):
        return False
    # map() over str methods runs in C: this is called for most lines of a volume.
    letters = sum(map(str.isalpha, text))
    return letters >= 4 and sum(map(str.isupper, text)) / letters > 0.85


_SUPER = "¹²³⁴⁵⁶⁷⁸⁹⁰"
# A mark that ties an affiliation line to authors: `¹Narxoz University`, `2 Astana IT University`.
_AFF_MARK = re.compile(rf"^\s*(?:([{_SUPER}]+|\d{{1,2}})(?=\s*[{UP}«\"])|[*†‡]+)\s*")
# Marks after a name: `Бекова А.¹`, `Bekova A.1,2`, `Bekova A.*`.
_NAME_MARKS = re.compile(rf"(?:(?<=[\w.])[{_SUPER}\d*†‡]+(?:,(?=[{_SUPER}\d*])[{_SUPER}\d*†‡]+)*)+$")


def strip_marks(text: str) -> str:
    return re.sub(r"[¹²³⁴⁵⁶⁷⁸⁹⁰*†‡]", "", text)


def marks_of(text: str) -> frozenset[str]:
    """The affiliation marks a name or affiliation line carries, as plain digits."""
    table = str.maketrans(_SUPER, "1234567890")
    m = _NAME_MARKS.search(text.strip().rstrip(",;"))
    if m is None:
        m = _AFF_MARK.match(text)
        found = (m.group(1) or "") if m else ""
    else:
        found = m.group(0)
    return frozenset(d for d in re.split(r"[,\s]*", found.translate(table)) if d.isdigit())


def strip_affiliation_mark(text: str) -> str:
    """An affiliation line without its leading mark."""
    return _AFF_MARK.sub("", text, count=1).strip()


# A patronymic (Иванович, Викторовна, Қайратұлы, Болатқызы) makes a three-word line a name
# wherever it stands.
_PATRONYMIC = re.compile(r"(?:вич|вна|чна|ична|ұлы|улы|қызы|кызы)$")


def parse_name(part: str, allow_full: bool) -> Optional[str]:
    """A personal name as printed (`Сейітқали А.Б.`, `А.Б. Сейітқали`, `Aigerim Bekova`)."""
    part = _NAME_MARKS.sub("", part.strip().rstrip(",;").strip())
    part = strip_marks(part).strip()
    part = DEGREE.sub("", part).strip()
    if NAME_SURNAME_FIRST.match(part) or NAME_INITIALS_FIRST.match(part):
        return re.sub(r"\s+", " ", part)
    full = NAME_FULL.match(part)
    if full and not is_caps(part) and (allow_full or _PATRONYMIC.search(full.group(3) or "")):
        return part
    return None


def split_names(text: str, keep_marks: bool = False) -> list[str]:
    """The names of an author line; a comma between marks (`А.¹,²`) does not split."""
    text = re.sub(r"\s+(?:and|және|и|&)\s+", ", ", text)
    parts = re.split(r"[,;]\s*(?![¹²³⁴⁵⁶⁷⁸⁹⁰*\d])", text)
    return [p if keep_marks else strip_marks(p) for p in parts if p.strip()]


# Without an initial or a patronymic, a line is an author line only where full names are allowed.
_NAME_HINT = re.compile(rf"[{UP}]\.|(?:вич|вна|чна|ична|ұлы|улы|қызы|кызы)(?![{LO}])")


def author_names(text: str, allow_full: bool = False) -> Optional[list[str]]:
    """The names of an author line, or None when the line is not one.

    Initials forms are accepted anywhere in the front matter; full names only where the caller
    knows the line sits among authors (allow_full), since `Қазақстан Республикасы` looks the same.
    """
    if not allow_full and not _NAME_HINT.search(text):  # nine lines in ten: skip the cache
        return None
    found = _author_names(text, allow_full)
    return list(found) if found is not None else None


@functools.lru_cache(maxsize=16384)  # the line-joiner asks about each line twice
def _author_names(text: str, allow_full: bool) -> Optional[tuple[str, ...]]:
    if len(text) > 300 or not allow_full and not _NAME_HINT.search(text):
        return None
    if EMAIL.search(text) or text.rstrip().endswith(":"):
        return None
    parts = split_names(text)
    if not parts or len(parts) > 12:
        return None
    names = []
    for p in parts:
        name = parse_name(p, allow_full)
        if name is None:
            return None
        names.append(name)
    if not allow_full and not any(NAME_SURNAME_FIRST.match(n) or NAME_INITIALS_FIRST.match(n)
                                  or _PATRONYMIC.search(n) for n in names):
        return None
    return tuple(names)


_CITY_MARKED = re.compile(rf"(?:\bг\.\s*|\bcity of\s+)([{UP}][{LO}]+(?:-[{UP}]?[{LO}]+)?)"
                          rf"|([{UP}][{LO}]+(?:-[{UP}]?[{LO}]+)?)\s+(?:қ\.|қаласы\b)")
_COUNTRY = re.compile(PLACE.pattern.replace(r"^(?:[\w.\- ]+,\s*)?", "^"), re.I)


def city_of(affiliation: Optional[str]) -> Optional[str]:
    """The city an affiliation prints (`г. Караганда`, `Алматы қ.`, `…, Almaty, Kazakhstan`)."""
    if not affiliation:
        return None
    m = _CITY_MARKED.search(affiliation)
    if m:
        return m.group(1) or m.group(2)
    parts = [p.strip() for p in affiliation.split(",")]
    if len(parts) >= 3 and _COUNTRY.match(parts[-1]) and re.fullmatch(
            rf"[{UP}][{LO}]+(?:[- ][{UP}][{LO}]+)?", parts[-2]) and not AFFILIATION.search(parts[-2]):
        return parts[-2]
    return None


def is_title(text: str) -> bool:
    """A printed article title: capitals, several words, not a label or section heading."""
    if len(text) > 400 or not is_caps(text) or SECTION_HEADING.match(text):
        return False
    if UDC.match(text) or ABSTRACT.match(text) or KEYWORDS.match(text) or REFERENCES.match(text):
        return False
    return len(re.findall(r"\w+", text)) >= 2


def classify(text: str) -> str:
    """One front-matter line's kind; "text" when it is ordinary prose."""
    t = text.strip()
    if ANY_LABEL.match(t):
        if UDC.match(t):
            return "udc"
        if CLASSIFICATION.match(t):
            return "classification"
        if SUPERVISOR.match(t):
            return "supervisor"
        if KEYWORDS.match(t):
            return "keywords"
        if REFERENCES.match(t):
            return "references"
        if ABSTRACT.match(t) and (len(t) < 30 or re.match(r"^\s*\w+\s*[.:\-–—]", t)):
            return "abstract"
    if len(t) < 200 and "@" in t and EMAIL.search(t):
        return "email"
    if author_names(t):
        return "author"
    if is_title(t):
        return "title"
    affiliation = len(t) < 300 and AFFILIATION.search(t)
    if len(t) < 300 and PROGRAMME.search(t) and (not t.endswith((".", "!", "?")) or affiliation):
        return "programme"
    # A sentence break (a word, not an initial or `г.`, then a capital) means prose.
    if (len(t) < 200 and affiliation and not t.endswith(".")
            and not re.search(rf"[{LO}]{{4,}}[.!?]\s+[{UP}]", t)):
        return "affiliation"
    if len(t) < 80 and PLACE.match(t):
        return "place"
    return "text"


FRONT_MATTER = {"udc", "classification", "supervisor", "keywords", "abstract", "email", "author",
                "title", "programme", "affiliation", "place"}
