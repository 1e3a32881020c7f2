"""What front-matter lines of kk/ru/en proceedings look like: shared by segment and extract.

Each classifier looks at one line (or a short block) of cleaned text and says what it is.
They are written by hand because the printed conventions (ӘОЖ/УДК lines, `Сейітқали А.Б.`,
`Ғылыми жетекші`) are particular to this field; no library knows them.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Optional

UP = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІ"
LO = "a-zа-яёәғқңөұүһі"
_INIT = rf"[{UP}]\.(?:\s?-?[{UP}]\.)?"
# A surname as printed: `Сейітқали`, `Жанпейісова-Әли`, or in capitals (`ИВАНОВ`), as many
# Russian proceedings print author lines.
_SURNAME = (rf"(?:[{UP}][{LO}]+(?:-[{UP}]?[{LO}]+)?|[{UP}]{{2,}}(?:-[{UP}]{{2,}})?)")
NAME_SURNAME_FIRST = re.compile(rf"^({_SURNAME})\s+({_INIT})$")
NAME_INITIALS_FIRST = re.compile(rf"^({_INIT})\s*({_SURNAME})$")
# `Aigerim Bekova`, `Айгерім Бекова`, `Бекова Айгерім Серікқызы`, `Nurlan S. Temirov`.
NAME_FULL = re.compile(rf"^({_SURNAME})\s+(?:[{UP}]\.\s?)?({_SURNAME})(?:\s+({_SURNAME}))?$")


class _Folded:
    """A case-insensitive word list searched in lower-cased text with a lower-case pattern.

    Case-insensitive alternations defeat sre's first-character scan; this form is about ten
    times faster on Cyrillic lines, and these lists are searched for most lines of a volume.
    Only truth values are used: match positions refer to the lower-cased text."""

    def __init__(self, pattern: str, exact: Optional[str] = None):
        if re.search(r"\\[A-Z]", pattern):
            raise ValueError("upper-case escapes (\\S, \\W…) do not survive lower()")
        self.pattern = pattern
        self._rx = re.compile(pattern.lower())
        # Abbreviations in capitals are searched as printed: lower-cased, `АҚ` would match
        # `қазақ` and the Kazakh word `ақ`.
        self._exact = re.compile(rf"(?<![{UP}{LO}])(?:{exact})(?![{UP}{LO}])") if exact else None

    def search(self, text: str):
        found = self._rx.search(text.lower())
        if found is None and self._exact is not None:
            return self._exact.search(text)
        return found


UDC = re.compile(r"^\s*(?:ӘОЖ|ӘӨЖ|ОӘЖ|УДК|UDC|UDK)\s*[:.]?\s*([\d][\d.:()\-–/+=\s\"«»]*[\d)])", re.I)
CLASSIFICATION = re.compile(
    r"^\s*(?:(?:МРНТИ|ХҒТАР|IRSTI|ГРНТИ|JEL|ББК|BBK|КБЖ|DOI)\b|https?://(?:dx\.)?doi\.org/)", re.I)
DOI = re.compile(r"\b(10\.\d{4,9}/[^\s\]>]+[^\s\].,;>])")
# A degree abbreviated (к.т.н., д.ф.н., т.ғ.к.), as author and chair lines print it.
_DEGREE = r"к\.\w+\.н\.|д\.\w+\.н\.|\w+\.ғ\.(?:к|д)\."
# An author's position or degree printed on its own line (never a title).
POSITION = _Folded(
    r"(?:^|\s)(?:доцент|профессор|преподаватель|оқытушы|кафедр|магистр|PhD|lecturer|professor|"
    + _DEGREE + ")")
_NAMED_BY_DEGREE = re.compile(
    rf"(?<![{UP}{LO}])(?:{_DEGREE}|PhD).*(?:{_INIT}\s?{_SURNAME}|{_SURNAME}\s{_INIT})\s*$")


def named_by_degree(text: str) -> bool:
    """A line that names a person by degree and initials (`Председатель секции – к.т.н., доцент
    Р. Р. Хайруллин`): a chair's, an editor's, a signature; a title never abbreviates a degree."""
    # (most lines have none of the degrees' marks: tested in C before the pattern)
    return ("н." in text or "ғ." in text or "PhD" in text) and \
        _NAMED_BY_DEGREE.search(text) is not None


EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
SUPERVISOR = re.compile(
    r"^\s*(?:Ғылыми жетекші(?:сі)?|Ғылыми кеңесші|Научный руководитель|Научный консультант"
    r"|Научные руководители|Руководитель|Руководители|Под (?:научным )?руководством"
    r"|Scientific (?:supervisor|adviser|advisor)|Supervisors?|Academic advisor|Under the supervision of)"
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
_INSTITUTION_ABBREVIATIONS = r"ЖШС|ТОО|АҚ|АО|ҰУ|ЕҰУ|ҚазҰУ|КазНУ"
AFFILIATION = _Folded(
    r"(университет|институт|академия|колледж|училище|мектеп|лицей|министрлі|министерств|"
    r"University|Institute|Academy|College|School|Ltd)", _INSTITUTION_ABBREVIATIONS)
# Without a comma (institution, city) only an institution noun makes a line an affiliation:
# `Мектепке дейінгі ұйымдарда …` is a title that mentions schools. An affiliation names one
# institution: a title in sentence case may name several (`… институты и инструменты`,
# `университеттердегі …`), or `… among university students` (an English name's noun is
# capitalised).
_STRONG_AFFILIATION = _Folded(
    r"(университет(?!ы|ов|ам|ах|тер|тар)|институт(?!ы|ов|ам|ах|тар)|академия|министрлі|министерств)",
    r"University|Institute|Academy|Ltd|" + _INSTITUTION_ABBREVIATIONS)
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
    "аңдатпа": "kk", "түйін": "kk", "түйіндеме": "kk", "annotation": "en", "аннотация": "ru",
    "резюме": "ru", "abstract": "en",
    "summary": "en", "кілт сөздер": "kk", "кілттік сөздер": "kk", "түйін сөздер": "kk",
    "түйінді сөздер": "kk", "тірек сөздер": "kk", "ключевые слова": "ru", "keywords": "en",
    "key words": "en",
}
KAZAKH_LETTERS = re.compile("[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")


# Runs of lower-case Latin, Russian and Kazakh letters (a word's, removed at once).
_LOWER_RUN = re.compile("[a-zабвгдежзийклмнопрстуфхцчшщъыьэюяёәғқңөұүһі]+")


def count_lower(text: str) -> int:
    """How many lower-case Latin, Russian and Kazakh letters the text has. (In C: a regex
    removing them is faster than str.translate, which looks up each non-ASCII letter, and a
    quarter faster on a volume's lines than one removing all the rest, which copies them.)"""
    return len(text) - len(_LOWER_RUN.sub("", text))


def is_caps(text: str) -> bool:
    # Most lines fail at once: lower-case letters in 15% of all characters rule capitals out.
    if 20 * count_lower(text) >= 3 * len(text):
        return False
    # map() over str methods runs in C: this is called for most lines of a volume.
    letters = sum(map(str.isalpha, text))
    return letters >= 4 and sum(map(str.isupper, text)) / letters > 0.85


_SUPER = "¹²³⁴⁵⁶⁷⁸⁹⁰"
# A mark that ties an affiliation line to authors: `¹Narxoz University`, `2 Astana IT University`.
_AFF_MARK = re.compile(rf"^\s*(?:([{_SUPER}]+)(?=\s*\S)|(\d{{1,2}})(?=\s*[{UP}«\"])|[*†‡]+)\s*")
# Marks after a name: `Бекова А.¹`, `Bekova A.1,2`, `Bekova A.*`.
_NAME_MARKS = re.compile(rf"(?:(?<=[\w.])[{_SUPER}\d*†‡]+(?:,(?=[{_SUPER}\d*])[{_SUPER}\d*†‡]+)*)+$")


def clean_email(address: str) -> str:
    """An address without the punctuation after it, a footnote digit glued to its domain
    (`a@b.com1` -> `a@b.com`) or its obfuscation (`a [at] b [dot] com` -> `a@b.com`)."""
    address = address.rstrip(".,;:")
    address = re.sub(r"\s?(?:\[at\]|\(at\)|\{at\})\s?", "@", address, flags=re.I)
    address = re.sub(r"\s?(?:\[dot\]|\(dot\))\s?", ".", address, flags=re.I)
    return re.sub(r"(\.[A-Za-z]{2,6})\d{1,2}$", r"\1", address)


def strip_marks(text: str) -> str:
    return re.sub(r"[¹²³⁴⁵⁶⁷⁸⁹⁰*†‡]", "", text)


def marks_of(text: str) -> frozenset[str]:
    """The affiliation marks a name or affiliation line carries, as plain digits."""
    table = str.maketrans(_SUPER, "1234567890")
    m = _NAME_MARKS.search(text.strip().rstrip(",;"))
    if m is None:
        m = _AFF_MARK.match(text)
        found = (m.group(1) or m.group(2) or "") if m else ""
    else:
        found = m.group(0)
    digits = [d for d in re.split(r"[,\s*]*", found.translate(table)) if d.isdigit()]
    return frozenset(digits + (["*"] if "*" in found and m is not None and m.re is _NAME_MARKS
                               else []))


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
_INITIAL_DOT = re.compile(rf"[{UP}]\.")
_PATRONYMIC_END = re.compile(rf"(?:вич|вна|чна|ична|ұлы|улы|қызы|кызы)(?![{LO}])")


def _name_hint(text: str) -> bool:
    """An initial (`А.`) or a patronymic's ending: a line without either is no author line.
    (Two searches, each after a substring test in C: one regex with both alternatives took
    three times as long, trying both at every character.)"""
    if "." in text and _INITIAL_DOT.search(text):
        return True
    return ("вич" in text or "вна" in text or "чна" in text or "ұлы" in text or "улы" in text
            or "қызы" in text or "кызы" in text) and _PATRONYMIC_END.search(text) is not None


def author_names(text: str, allow_full: bool = False) -> Optional[list[str]]:
    """The names of an author line, or None when the line is not one.

    Initials forms are accepted anywhere in the front matter; full names only where the caller
    knows the line sits among authors (allow_full), since `Қазақстан Республикасы` looks the same.
    """
    if not allow_full and not _name_hint(text):  # nine lines in ten: skip the cache
        return None
    found = _author_names(text, allow_full)
    return list(found) if found is not None else None


@functools.lru_cache(maxsize=16384)  # the line-joiner asks about each line twice
def _author_names(text: str, allow_full: bool) -> Optional[tuple[str, ...]]:
    if len(text) > 300 or not allow_full and not _name_hint(text):
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


# An author line of conference volumes: one or more names, then what the author is and where
# (`Гудиев А. В., студент 2 курса кафедры …, СПбГУ, a@b.ru`, `Артур Гудиев, студент …`,
# `Лабутина Е. А. магистрант …`, `К. А. Гонта, кафедра …`, `Прутьянов В.В. v@b.ru`).
# Initials may lose their last dot (`Ю.К`, `И.О Фамилия`) or have two letters (`Ал.В.`).
_INI = rf"[{UP}][{LO}]?\.(?:\s?-?[{UP}][{LO}]?\.?)?"
_MARKS = r"(?:\s?(?:[¹²³⁴⁵⁶⁷⁸⁹⁰*†‡]+|\d{1,2})(?:,(?:[¹²³⁴⁵⁶⁷⁸⁹⁰*†‡]+|\d{1,2}))*(?=[\s,;]|$))?"
_LEAD_INITIALS = re.compile(
    rf"(?:(?P<a>{_SURNAME}\s+{_INI})|(?P<b>{_INI}\s*{_SURNAME}))(?![{UP}{LO}])(?P<m>{_MARKS})")
_LEAD_FULL = re.compile(
    rf"(?P<c>[{UP}][{LO}]+(?:-[{UP}]?[{LO}]+)?(?:\s+[{UP}]\.)?"
    rf"(?:\s+[{UP}][{LO}]+(?:-[{UP}]?[{LO}]+)?){{1,2}})(?![{UP}{LO}.])(?P<m>{_MARKS})")
_SEP = re.compile(r"\.?\s*(?:[,;]|\s[–—-](?=\s)|\s(?:и|and|және|&)(?=\s))\s*|\s+|$")
# What may follow the names: a post, a degree, a unit, an institution, an e-mail.
AUTHOR_REST = _Folded(
    r"^(?:студент|аспирант|магистрант|магистр|бакалавр|докторант|соискател|слушател|ученик|учени"
    r"|школьни|доцент|профессор|проф\.|доц\.|асп\.|ст\.\s?(?:преп|науч|студ)|преп\.|преподават"
    r"|ассистент|старш|младш|ведущ|главн|научн|инженер|сотрудник|разработчик|программист"
    r"|аналитик|руководител|директор|заведующ|зав\.|декан|ректор|кафедр|каф\.|факультет|институт"
    r"|университет|академи|лаборатор|отдел|центр|компани|группа|гр\.?\s|\d+\s*(?:-?[а-яё]{1,2}\s*)?курс"
    r"|\d+\s*класс|\d{3}\s*групп|курс|обучающ|оқытушы|аға оқытушы|оқушы|білім алушы|магистранты"
    r"|студенті|докторанты|кафедрасы|меңгеруші|ғылыми қызметкер|phd|ph\.\s?d|m\.?sc|student"
    r"|undergraduate|graduate|postgraduate|master|bachelor|doctoral|professor|associate|assistant"
    r"|доктор|кандидат|д-р|канд\.|ғылымдарының|doctor|candidate"
    r"|lecturer|senior|researcher|research|engineer|developer|head of|department|faculty|school"
    r"|university|institute|laboratory|college|academy|independent|(?:[а-яәғқңөұүһіa-z]{1,5}\.\s?-?)"
    r"{2,4})")
_ACRONYM = re.compile(rf"^[{UP}][{UP}{LO}-]*[{UP}][{UP}{LO}]*\b")
OBFUSCATED_EMAIL = re.compile(
    r"[\w.+-]+\s?(?:\[at\]|\(at\)|\{at\})\s?[\w-]+(?:(?:\.|\s?\[dot\]\s?|\s?\(dot\)\s?)[\w-]+)+", re.I)


@dataclass(frozen=True)
class AuthorEntry:
    """One author as an author line prints them: name, affiliation marks, and what follows the
    name up to the next author (post, degree, unit, institution, e-mail)."""

    name: str
    marks: frozenset[str]
    rest: str


def author_entries(text: str, allow_full: bool = False) -> Optional[list[AuthorEntry]]:
    """The authors an author line holds, each with its own rest, or None when it is no author line.

    Names written with initials may stand alone; full names (`Артур Гудиев`, `Aigerim Bekova`)
    need a rest that says what the author is, or `allow_full` (the caller knows the line sits
    among the authors), since `Санкт-Петербургский Университет` looks the same. Several authors
    in one line: `Иванов И.И., Петров П.П., студенты …` or `Иванов И.И., д.т.н.; Петрова А.А., …`."""
    t = text.strip()
    if len(t) > 400 or not t[:1].isupper():
        return None
    first = _names_at(t, 0)
    if first is None:
        return None
    names, pos, full = first
    entries = [[n, m, ""] for n, m in names]
    rest = t[pos:]
    # Without a comma after the names, the rest must be a post (lower case), an e-mail or an
    # acronym: `M. Auezov South Kazakhstan University` is an institution, not an author.
    if rest and not re.search(r"[,;–—-]\s*$", t[:pos]):
        word = rest.split()[0]
        if full and "@" not in word:  # `Систем Санкт-Петербургского государственного …`
            return None
        if not (rest[:1].islower() or "@" in word or _ACRONYM.match(word) and len(word) <= 8):
            return None
    # Further authors inside the rest, after a `;` or a comma: `…, профессор; Петрова А.А., …`.
    while rest:
        cut = None
        for sep in re.finditer(r"[;,]\s*", rest):
            found = _names_at(rest, sep.end(), initials_only=True)
            if found is not None:
                cut = (sep.start(), found)
                break
        if cut is None:
            entries[-1][2] = rest
            break
        entries[-1][2] = rest[:cut[0]]
        more, pos2, _ = cut[1]
        entries += [[n, m, ""] for n, m in more]
        rest = rest[pos2:]
    out = [AuthorEntry(n, m, r.strip(" ,;")) for n, m, r in entries]
    if _NAMED_AFTER.match(out[0].rest):  # `Қорқыт Ата атындағы … университеті`: an institution
        return None
    if not any(e.rest for e in out):
        if full and not allow_full:
            return None
        return out
    for e in out:
        if e.rest and not _author_rest(e.rest) and not (not full and e.rest[:1].islower()):
            return None
    return out


_NAMED_AFTER = re.compile(r"^(?:атындағы|атты|имени|им\.|named after)\b", re.I)


def _names_at(t: str, pos: int, initials_only: bool = False):
    """Names separated by commas or `и`/`and` from `pos`: ([(name, marks)], end, full-names?)."""
    names: list[tuple[str, frozenset[str]]] = []
    full = False
    while pos < len(t):
        m = _LEAD_INITIALS.match(t, pos)
        if m is None and not initials_only and (not names or full):
            m = _LEAD_FULL.match(t, pos)
            full = full or m is not None  # (a failed try at what follows keeps what was found)
        if m is None:
            break
        parts = m.groupdict()
        name = re.sub(r"\s+", " ", parts.get("a") or parts.get("b") or parts["c"]).strip()
        if DEGREE.match(name + " ") or is_caps(name) and " " not in name:
            break
        table = str.maketrans("¹²³⁴⁵⁶⁷⁸⁹⁰", "1234567890")
        raw_marks = (m.group("m") or "").translate(table)
        marks = frozenset(re.findall(r"\d+", raw_marks) + (["*"] if "*" in raw_marks else []))
        names.append((name, marks))
        sep = _SEP.match(t, m.end())
        if sep is None:  # a name glued to what follows (`Иванов И.И.(СПбГУ)`)
            pos = m.end()
            break
        pos = sep.end()
        if sep.group(0).strip() == "" and not t[pos:pos + 1].isupper():
            break
    if not names:
        return None
    return names, pos, full


def _author_rest(rest: str) -> bool:
    """Text after a name that says what the author is or where: a post, degree, unit or e-mail."""
    if "@" in rest and EMAIL.search(rest) or OBFUSCATED_EMAIL.search(rest):
        return True
    if AUTHOR_REST.search(rest) or _ACRONYM.match(rest) and len(rest.split()[0]) <= 12:
        return True
    # `математико-механический факультет СПбГУ`: a unit named within its first words.
    return "//" not in rest and _UNIT.search(rest[:60]) is not None


def lead_names(text: str, allow_full: bool = False) -> Optional[tuple[list[str], str]]:
    """The names an author line begins with and the rest after the first one, or None."""
    entries = author_entries(text, allow_full)
    if entries is None:
        return None
    return [e.name for e in entries], entries[0].rest


_UNIT = _Folded(r"(?:^|\s)(?:факультет|кафедр|институт|университет|академи|лаборатор|колледж"
                r"|университеті|институты|faculty|department|university|institute|school|college)")


def is_title(text: str) -> bool:
    """A printed article title: capitals, several words, not a label or section heading."""
    if len(text) > 400 or not is_caps(text) or SECTION_HEADING.match(text):
        return False
    if UDC.match(text) or ABSTRACT.match(text) or KEYWORDS.match(text) or REFERENCES.match(text):
        return False
    return len(re.findall(r"[^\W\d_]{2,}", text)) >= 2 and text.lstrip()[:1] not in "–—-"


# What journals print after an article's reference list: notes on the authors, appendices.
AFTER_REFERENCES = re.compile(
    r"^\s*(?:Сведения об автор[а-я]*|Информация об автор[а-я]*|Об авторах|Авторлар туралы|Автор туралы"
    r"|Information about (?:the )?authors?|About the authors?|Authors? information|Приложение"
    r"|Қосымша|Appendix)\b", re.I)

# A section of the volume (not of an article): `Секция 2. Информационные системы`.
VOLUME_SECTION = re.compile(
    r"^\s*(?:(?:\d+|[IVX]+)\s*[-–.]?\s*)?(?:Секция|Подсекция|Section|Session|Бөлім|Секциясы"
    r"|Направление)\s*(?:№\s*)?(?:\d+|[IVX]+)?\s*[.:–—-]?\s*\S", re.I)
_REF_START = re.compile(r"^\s*(?:\[\d{1,3}\]|\d{1,3}\s*[.)]\s+[" + UP + r"][" + LO + r"]+\s+[" + UP + r"]\.)")
_REF_MARKS = re.compile(
    r"//|https?://|www\.|\b[\w-]+\.(?:com|org|net|ru|edu|io|kz|gov)\b/|\bURL\b|\bdoi\b"
    r"|\[Электронный ресурс\]|\[Electronic resource\]"
    r"|(?:^|[\s(])(?:С|с|P|p|pp|Б|б|Т|т|Vol|vol|No|№|Вып|Ed|eds?)\.\s?\d", re.I)
_YEAR = re.compile(r"\b(?:1[89]|20)\d{2}\b")
# What every alternative of _REF_MARKS needs (`/`, `[`, `. 12`, or www./URL/doi in any case,
# `ı` folding to `i` there): most lines have none, and one alternation of nine in any case costs
# ten times these tests.
_DOT_NUMBER = re.compile(r"\.\s?\d")


def _ref_marks(t: str) -> Optional[re.Match]:
    """_REF_MARKS.search(t), the same match, found faster where there is none."""
    if "/" not in t and "[" not in t and _DOT_NUMBER.search(t) is None:
        low = t.lower()
        if "www." not in low and "url" not in low and "doi" not in low and "doı" not in low:
            return None
    return _REF_MARKS.search(t)


# A cited work's authors heading an unnumbered entry: `A. Blumer, J. Blumer, …`, `Chen Z.; Fan W.`
# or one name then its title (`Г. И. Фалин, Оценка …`).
_NAME = r"(?:(?:[" + UP + r"]\.\s?){1,2}[" + UP + r"][" + LO + r"]+|[" + UP + r"][" + LO + \
    r"]+\s(?:[" + UP + r"]\.\s?){1,2})"
_CITED_NAMES = re.compile(r"^\s*" + _NAME + r"\s*[,;]\s*(?:" + _NAME + r"|.{40})")
_LINK = re.compile(r"https?://|www\.|\b[\w-]+\.[a-z]{2,6}/\S")


def letters_lost(text: str) -> bool:
    """A short line of single letters and punctuation (`“Т`, `,`): what is left of a line whose
    font extraction could not read."""
    if len(text) > 6 and not text[:1].isspace() and not text[-1:].isspace():
        return False  # (asked of a paragraph growing line by line: no strip of all of it)
    t = text.strip()
    return 0 < len(t) <= 6 and re.search(r"[^\W\d_]{2,}", t) is None and not t.isdigit()


def cited_work(text: str) -> bool:
    """A reference list's unnumbered entry that begins with its authors and has a year, or a
    line with a link: what pdftotext leaves above the next article's title when no page break
    separates them. (looks_like_reference stays narrower: it also judges author blocks, whose
    names may stand in the same order.)"""
    t = text.strip()
    return bool(_CITED_NAMES.match(t) and _YEAR.search(t)) or bool(_LINK.search(t))


def looks_like_reference(text: str) -> bool:
    """An entry of a reference list (or its continuation): a numbered author and title, or the
    marks of a citation (`//`, `С. 12`, a URL) beside a year."""
    t = text.strip()
    if _REF_START.match(t):
        return True
    marks = _ref_marks(t)
    return bool(marks and (_YEAR.search(t) or "//" in t or "http" in t or "www." in t
                           or "/" in marks.group(0)))


def _programme_line(t: str) -> bool:
    """A student's line: the status or programme named near its start (`Магистрант 2 курса …`,
    `«Саясаттану» білім беру бағдарламасы …`) or a year of study; a title that mentions
    students (`Проверка программ студентов …`) is none."""
    low = t.lower()
    m = PROGRAMME._rx.search(low)
    return m is not None and (m.start() < 25 or re.search(r"\d\s*-?\s*(?:курс|year)", low) is not None)


_LETTER = re.compile(r"[^\W\d_]")


def names_institution(t: str) -> bool:
    """An affiliation's words: an institution, with its city after a comma or by a name that
    needs none (`Университет`, not `университеты`)."""
    return len(t) < 300 and AFFILIATION.search(t) is not None and (
        "," in t or _STRONG_AFFILIATION.search(t) is not None)


def classify(text: str) -> str:
    """One front-matter line's kind; "text" when it is ordinary prose."""
    t = text.strip()
    if "@" not in t and _LETTER.search(t) is None:
        return "text"  # (a table's cell, a number: every kind below needs a letter or an @)
    if len(t) < 120 and VOLUME_SECTION.match(t) and not t.endswith((".", ",")):
        return "section"
    if len(t) < 80 and SECTION_HEADING.match(t):
        return "heading"
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
    if len(t) < 200 and ("@" in t and EMAIL.search(t) or "[at]" in t.lower() and
                         OBFUSCATED_EMAIL.search(t)) and not lead_names(t):
        return "email"
    if author_names(t) or len(t) < 250 and lead_names(t):
        return "author"
    if is_title(t):
        return "title"
    affiliation = names_institution(t)
    # (prose that mentions students — a sentence break inside — is no programme line)
    if (len(t) < 300 and _programme_line(t) and (not t.endswith((".", "!", "?")) or affiliation)
            and not re.search(rf"[{LO}]{{4,}}[.!?]\s+[{UP}]", t)):
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
