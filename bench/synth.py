"""Synthetic proceedings volumes for the benchmark: N articles in Kazakh, Russian and English.

The text is built from term lists and sentence templates (a volume of the right shape and size,
not of real prose) and written in the two raw layouts Jinaq reads:

- "spaced": every text line followed by an empty line, a new PDF page marked by a line that begins
  with a space, bullets as the private-use glyph U+F0D8 (what copy-paste from a PDF viewer gives);
- "pdftotext": no blank lines, CRLF, a running header and a page-number line on each page, pages
  separated by form feeds (what `pdftotext -layout`-less output on Windows gives).

Everything is drawn from `random.Random(seed)`, so a seed gives the same bytes every time.
"""
from __future__ import annotations

import itertools
import random
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from generator.language.textutil import slug

LANGS = ("kk", "ru", "en")
LAYOUTS = ("spaced", "pdftotext")
BULLET = "\uf0d8"
WRAP = 85  # characters per printed line
PAGE_LINES = 44  # text lines per printed page
ARTICLE_BYTES = 5600  # body bytes (UTF-8); front matter and references bring an article to ~8 KB

# Aligned glossary terms (kk, ru, en): the same concept in the three languages.
TERMS = [
    ("сайлау жүйесі", "избирательная система", "electoral system"),
    ("Конституция", "Конституция", "Constitution"),
    ("референдум", "референдум", "referendum"),
    ("мәслихат", "маслихат", "maslikhat"),
    ("жергілікті өзін-өзі басқару", "местное самоуправление", "local self-government"),
    ("Парламент", "парламент", "parliament"),
    ("сайлау комиссиясы", "избирательная комиссия", "electoral commission"),
    ("саяси партия", "политическая партия", "political party"),
    ("азаматтық қоғам", "гражданское общество", "civil society"),
    ("әкім", "аким", "akim"),
    ("пропорционалды жүйе", "пропорциональная система", "proportional system"),
    ("мажоритарлық жүйе", "мажоритарная система", "majoritarian system"),
    ("құқықтық мемлекет", "правовое государство", "rule of law"),
    ("билік тармақтары", "ветви власти", "branches of government"),
    ("заң шығарушы билік", "законодательная власть", "legislative power"),
    ("атқарушы билік", "исполнительная власть", "executive power"),
    ("сайлау құқығы", "избирательное право", "suffrage"),
    ("демократия", "демократия", "democracy"),
    ("цифрландыру", "цифровизация", "digitalisation"),
    ("саяси модернизация", "политическая модернизация", "political modernisation"),
]

UDC = {"kk": "ӘОЖ", "ru": "УДК", "en": "UDC"}
UDC_CODES = ["342.8", "321.01", "32.019", "342.4", "323.2", "328.1", "352.07", "342.53"]

ASPECTS = {
    "kk": ["ҚҰҚЫҚТЫҚ АСПЕКТІЛЕРІ", "ТАРИХИ ТӘЖІРИБЕ", "ҚАЗІРГІ ЖАҒДАЙЫ МЕН ПЕРСПЕКТИВАЛАРЫ",
           "САЛЫСТЫРМАЛЫ ТАЛДАУ", "РЕФОРМАЛАР ЭВОЛЮЦИЯСЫ", "ТЕОРИЯЛЫҚ НЕГІЗДЕРІ",
           "ДАМУ ҮРДІСТЕРІ", "ӨЗЕКТІ МӘСЕЛЕЛЕРІ"],
    "ru": ["ПРАВОВЫЕ АСПЕКТЫ", "ИСТОРИЧЕСКИЙ ОПЫТ", "СОВРЕМЕННОЕ СОСТОЯНИЕ И ПЕРСПЕКТИВЫ",
           "СРАВНИТЕЛЬНЫЙ АНАЛИЗ", "ЭВОЛЮЦИЯ РЕФОРМ", "ТЕОРЕТИЧЕСКИЕ ОСНОВЫ",
           "ТЕНДЕНЦИИ РАЗВИТИЯ", "АКТУАЛЬНЫЕ ПРОБЛЕМЫ"],
    "en": ["LEGAL ASPECTS", "HISTORICAL EXPERIENCE", "CURRENT STATE AND PROSPECTS",
           "A COMPARATIVE ANALYSIS", "THE EVOLUTION OF REFORMS", "THEORETICAL FOUNDATIONS",
           "DEVELOPMENT TRENDS", "TOPICAL ISSUES"],
}
TITLE_JOIN = {"kk": "{a} ЖӘНЕ {b}: {x}", "ru": "{a} И {b}: {x}", "en": "{a} AND {b}: {x}"}

KK_SURNAMES = ["Сейітқали", "Жанпейісова", "Нұрланов", "Омарова", "Ахметов", "Серікбаева",
               "Қасымов", "Әбдіраманова", "Жұмабеков", "Мұхамеджанова", "Ермекова", "Төлеуов",
               "Сәрсенбаев", "Байжанова", "Оспанов", "Ғалымжанова"]
RU_SURNAMES = ["Иванов", "Петрова", "Смирнов", "Кузнецова", "Орлов", "Васильева", "Морозов",
               "Волкова", "Соколов", "Попова", "Лебедев", "Новикова"]
INITIALS = "АБГДЕЖКМНОРСТ"
EN_GIVEN = ["Aigerim", "Daniyar", "Madina", "Arman", "Aliya", "Yerlan", "Dana", "Timur",
            "Saule", "Nurlan", "Asel", "Marat"]
EN_SURNAMES = ["Bekova", "Seitkali", "Omarov", "Nurlanova", "Akhmetov", "Serikbayeva",
               "Kassymov", "Zhumabekov", "Yermekova", "Tuleuov", "Ospanova", "Sarsenbayev"]

AFFILIATIONS = {
    "kk": ["Л.Н. Гумилев атындағы Еуразия ұлттық университеті, Астана қ., Қазақстан Республикасы",
           "Әл-Фараби атындағы Қазақ ұлттық университеті, Алматы қ., Қазақстан Республикасы",
           "Е.А. Бөкетов атындағы Қарағанды университеті, Қарағанды қ., Қазақстан"],
    "ru": ["Евразийский национальный университет им. Л.Н. Гумилева, г. Астана, Казахстан",
           "Казахский национальный университет им. аль-Фараби, г. Алматы, Казахстан",
           "Карагандинский университет им. Е.А. Букетова, г. Караганда, Казахстан"],
    "en": ["L.N. Gumilyov Eurasian National University, Astana, Kazakhstan",
           "Al-Farabi Kazakh National University, Almaty, Kazakhstan",
           "Karaganda Buketov University, Karaganda, Kazakhstan"],
}
PROGRAMME = {
    "kk": "«Саясаттану» білім беру бағдарламасы бойынша {k}-курс магистранты",
    "ru": "магистрант {k} курса образовательной программы «Политология»",
    "en": "{k}nd-year master's student, Political Science programme",
}
SUPERVISOR = {
    "kk": "Ғылыми жетекші: с.ғ.к., доцент {name}",
    "ru": "Научный руководитель: к.полит.н., доцент {name}",
    "en": "Supervisor: Associate Professor {name}",
}
ABSTRACT = {"kk": "Аңдатпа.", "ru": "Аннотация.", "en": "Abstract."}
KEYWORDS = {"kk": "Түйін сөздер:", "ru": "Ключевые слова:", "en": "Keywords:"}
REFERENCES = {"kk": "Пайдаланылған әдебиеттер тізімі", "ru": "Список литературы",
              "en": "References"}
HEADINGS = {
    "kk": ["Кіріспе", "Зерттеу әдістері", "Нәтижелер және талқылау", "Қорытынды"],
    "ru": ["Введение", "Методы исследования", "Результаты и обсуждение", "Заключение"],
    "en": ["Introduction", "Methods", "Results and discussion", "Conclusion"],
}
JOURNALS = {
    "kk": ("Саясат және қоғам", "Б."), "ru": ("Вестник КазНУ. Серия политологическая", "С."),
    "en": ("Journal of Eurasian Studies", "pp."),
}

# Sentence templates: {t} and {u} are glossary terms, {c} a citation number.
SENTENCES = {
    "kk": [
        "{T} – қоғамдық-саяси өмірдің маңызды элементі.",
        "Зерттеу барысында {t} мен {u} арасындағы байланыс жан-жақты талданды.",
        "Қазіргі таңда {t} мәселесі ғылыми ортада белсенді талқылануда [{c}].",
        "Авторлар {t} саласындағы реформалардың нәтижелерін кешенді бағалауды ұсынады [{c}].",
        "Сонымен қатар {t} тұрақты жаңаруымен және өзгерістердің қарама-қайшылығымен сипатталады.",
        "Осы мақалада {t} мен {u} құқықтық-нормативтік құжаттар тұрғысынан қарастырылады.",
        "Халықаралық тәжірибе көрсеткендей, {t} дамуы азаматтар сеніміне байланысты [{c}].",
        "Сондай-ақ {t} институтын жетілдіру жергілікті деңгейде де өзекті болып қала береді.",
        "Ғалымдардың пікірінше, {t} тиімділігі {u} сапасына тәуелді.",
        "Бұл үдерісте {t} шешуші рөл атқарады, ал {u} оның құқықтық негізін қалыптастырады.",
    ],
    "ru": [
        "{T} является важнейшим элементом политической системы государства.",
        "В статье рассматривается взаимосвязь понятий «{t}» и «{u}» [{c}].",
        "Исследователи отмечают, что {t} находится в процессе постоянного обновления [{c}].",
        "Анализ показывает, что {t} остаётся предметом научной дискуссии.",
        "В сравнительной перспективе {t} и {u} демонстрируют различные траектории развития.",
        "По мнению авторов, развитие такого института, как {t}, требует комплексного подхода [{c}].",
        "Кроме того, {t} играет ключевую роль в обеспечении легитимности власти.",
        "Следует подчеркнуть, что {t} тесно связана с таким явлением, как {u}.",
        "Социально-политический контекст определяет, насколько эффективно работает {t}.",
        "Таким образом, {t} и {u} рассматриваются как взаимодополняющие институты [{c}].",
    ],
    "en": [
        "{T} is a key element of the constitutional order.",
        "This paper examines the relationship between {t} and {u} [{c}].",
        "Scholars note that {t} has undergone continuous change since independence [{c}].",
        "Comparative evidence suggests that the quality of {t} depends on {u}.",
        "The analysis shows that {t} remains a subject of academic debate.",
        "Moreover, {t} plays a decisive role in ensuring the legitimacy of public authority.",
        "Further development of {t} requires a comprehensive, well-sequenced approach [{c}].",
        "International experience shows that {t} and {u} reinforce each other.",
        "In the post-Soviet context, {t} has been shaped by top-down reforms.",
        "Hence {t} and {u} should be studied together rather than in isolation [{c}].",
    ],
}

# Dated events, at day, month and year precision.
MONTHS = {
    # kk: locative (day dates), possessive locative (month dates)
    "kk_day": ["қаңтарда", "ақпанда", "наурызда", "сәуірде", "мамырда", "маусымда", "шілдеде",
               "тамызда", "қыркүйекте", "қазанда", "қарашада", "желтоқсанда"],
    "kk_month": ["қаңтарында", "ақпанында", "наурызында", "сәуірінде", "мамырында", "маусымында",
                 "шілдесінде", "тамызында", "қыркүйегінде", "қазанында", "қарашасында",
                 "желтоқсанында"],
    "ru_day": ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
               "сентября", "октября", "ноября", "декабря"],
    "ru_month": ["январе", "феврале", "марте", "апреле", "мае", "июне", "июле", "августе",
                 "сентябре", "октябре", "ноябре", "декабре"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"],
}
EVENTS = {
    "kk": ["республикалық референдум өтті", "Конституцияға өзгерістер енгізілді",
           "мәслихат депутаттарының сайлауы өтті", "сайлау туралы жаңа заң қабылданды",
           "Парламент Мәжілісіне кезектен тыс сайлау өтті",
           "аудандық әкімдердің тікелей сайлауы басталды",
           "жергілікті өзін-өзі басқару туралы заң қабылданды"],
    "ru": ["принят закон о выборах", "состоялся республиканский референдум",
           "внесены поправки в Конституцию", "прошли выборы депутатов маслихатов",
           "принят закон о местном самоуправлении", "прошли внеочередные выборы в Мажилис"],
    "en": ["the parliament adopted amendments to the electoral law",
           "a national referendum was held", "the Constitution was amended",
           "elections to the maslikhats took place", "a law on local self-government was adopted",
           "snap elections to the Mazhilis were held"],
}
DATED = {
    "kk": {"day": "{y} жылғы {d} {m} {ev}.", "month": "{y} жылдың {m} {ev}.",
           "year": "{y} жылы {ev}."},
    "ru": {"day": "{d} {m} {y} г. {ev}.", "month": "В {m} {y} года {ev}.",
           "year": "В {y} году {ev}."},
    "en": {"day": "On {d} {m} {y} {ev}.", "month": "In {m} {y} {ev}.", "year": "In {y} {ev}."},
}
RUNNING_HEADERS = [
    "«ҒЫЛЫМ ЖӘНЕ БІЛІМ – 2024» СТУДЕНТТЕР МЕН ЖАС ҒАЛЫМДАРДЫҢ ХАЛЫҚАРАЛЫҚ КОНФЕРЕНЦИЯСЫ",
    "Саясаттану секциясы / Секция «Политология» / Political Science",
]


# Breaks a paragraph (text, rng, language) into printed lines
Wrap = Callable[[str, random.Random, str], list[str]]


@dataclass
class SynthArticle:
    """One generated article: its printed parts, in the order they are laid out."""

    language: str
    udc: str
    title: str
    authors: list[str]
    affiliation: str
    email: str
    programme: Optional[str]
    supervisor: Optional[str]
    abstract: str
    keywords: list[str]
    # Body as (kind, text): kind is "heading" | "para" | "bullet" | "numbered".
    body: list[tuple[str, str]] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    events: list[str] = field(default_factory=list)  # the dated sentences, as written


def make_articles(n: int = 2000, seed: int = 1) -> list[SynthArticle]:
    """N articles, languages in rotation (kk, ru, en), titles unique; same seed, same articles."""
    rng = random.Random(seed)
    titles = {lang: _title_pool(lang, rng) for lang in LANGS}
    articles = []
    for i in range(n):
        lang = LANGS[i % 3]
        articles.append(_article(lang, _unique_title(titles[lang], i // 3, lang), rng))
    return articles


def make_volume(out_dir: Path, n: int = 2000, seed: int = 1, layout: str = "both",
                per_file: Optional[int] = None) -> list[Path]:
    """Write N synthetic articles as raw text files in `out_dir`; return the files in name order.

    `layout` is "spaced", "pdftotext" or "both" (files alternate, starting with "spaced").
    `per_file` defaults to 200 articles a file, and to half the articles for a small "both" volume
    so that both layouts are always present.
    """
    if layout not in (*LAYOUTS, "both"):
        raise ValueError(f"unknown layout {layout!r}: expected spaced, pdftotext or both")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    if per_file is None:
        per_file = max(1, min(200, -(-n // 2))) if layout == "both" else 200
    articles = make_articles(n, seed)
    rng = random.Random(f"{seed}-layout")
    paths, page = [], 1
    for k in range(0, max(n, 1), per_file):
        chunk = articles[k:k + per_file]
        if not chunk:
            break
        index = k // per_file
        kind = layout if layout != "both" else LAYOUTS[index % 2]
        pages = _paginate(chunk, rng)
        if kind == "spaced":
            data = _spaced(pages)
        else:
            data = _pdftotext(pages, page)
        page += len(pages)
        path = out_dir / f"vol_{index:03d}.txt"
        path.write_bytes(data.encode("utf-8"))
        paths.append(path)
    return paths


# Build the title pool of one language: every (term, other term, aspect), shuffled
def _title_pool(lang: str, rng: random.Random) -> list[str]:
    col = LANGS.index(lang)
    terms = [t[col] for t in TERMS]
    pool = [TITLE_JOIN[lang].format(a=a.upper(), b=b.upper(), x=x)
            for a, b in itertools.permutations(terms, 2) for x in ASPECTS[lang]]
    rng.shuffle(pool)
    return pool


# The i-th title of a language, numbered once the pool runs out
def _unique_title(pool: list[str], i: int, lang: str) -> str:
    title = pool[i % len(pool)]
    part = i // len(pool)
    if part:
        title += {"kk": f" ({part + 1}-БӨЛІМ)", "ru": f" (ЧАСТЬ {part + 1})",
                  "en": f" (PART {part + 1})"}[lang]
    return title


# Generate one article's front matter, body and references
def _article(lang: str, title: str, rng: random.Random) -> SynthArticle:
    col = LANGS.index(lang)
    terms = [t[col] for t in TERMS]
    authors = [_author(lang, rng) for _ in range(rng.randint(1, 3))]
    first = authors[0]
    email = f"{slug(first).replace('-', '.')}@{rng.choice(['enu.kz', 'kaznu.kz', 'mail.ru'])}"
    programme = PROGRAMME[lang].format(k=rng.randint(1, 2)) if rng.random() < 0.6 else None
    supervisor = (SUPERVISOR[lang].format(name=_author(lang, rng))
                  if rng.random() < 0.5 else None)
    chosen = rng.sample(terms, 6)
    abstract = " ".join(_sentence(lang, chosen, rng) for _ in range(rng.randint(3, 5)))
    art = SynthArticle(lang, f"{UDC[lang]} {rng.choice(UDC_CODES)}", title, authors,
                       rng.choice(AFFILIATIONS[lang]), email, programme, supervisor, abstract,
                       chosen[:rng.randint(4, 6)])
    size, cite = 0, 1
    headings = iter(HEADINGS[lang][:-1])  # the last heading closes the body
    while size < ARTICLE_BYTES:
        if size == 0 or (rng.random() < 0.15 and size < ARTICLE_BYTES * 0.8):
            head = next(headings, None)
            if head:
                art.body.append(("heading", head))
        roll = rng.random()
        if roll < 0.08:
            items = [("bullet", _sentence(lang, chosen, rng)) for _ in range(rng.randint(2, 5))]
        elif roll < 0.12:
            items = [("numbered", f"{k}. {_sentence(lang, chosen, rng)}")
                     for k in range(1, rng.randint(3, 5))]
        else:
            sentences = []
            for _ in range(rng.randint(2, 6)):
                if rng.random() < 0.2:
                    event = _dated(lang, rng)
                    art.events.append(event)
                    sentences.append(event)
                else:
                    sentences.append(_sentence(lang, chosen, rng, cite))
                    cite = min(cite + rng.randint(0, 1), 12)
            items = [("para", " ".join(sentences))]
        art.body.extend(items)
        size += sum(len(text.encode("utf-8")) for _, text in items)
    art.body.append(("heading", HEADINGS[lang][-1]))
    art.body.append(("para", _sentence(lang, chosen, rng)))
    journal, pages = JOURNALS[lang]
    for k in range(1, rng.randint(4, 9)):
        p = rng.randint(5, 200)
        art.references.append(
            f"{k}. {_author(lang, rng)} {rng.choice(chosen).capitalize()}: "
            f"{rng.choice(ASPECTS[lang]).lower()} // {journal}. – {rng.randint(1995, 2023)}. – "
            f"№{rng.randint(1, 6)}. – {pages} {p}–{p + rng.randint(3, 12)}.")
    return art


# A printed author name in the language's usual form
def _author(lang: str, rng: random.Random) -> str:
    initials = f"{rng.choice(INITIALS)}.{rng.choice(INITIALS)}."
    if lang == "kk":
        return f"{rng.choice(KK_SURNAMES)} {initials}"
    if lang == "ru":
        return f"{initials} {rng.choice(RU_SURNAMES + KK_SURNAMES)}"
    return f"{rng.choice(EN_GIVEN)} {rng.choice(EN_SURNAMES)}"


# One template sentence filled with two of the article's terms
def _sentence(lang: str, terms: list[str], rng: random.Random, cite: int = 1) -> str:
    t, u = rng.sample(terms, 2)
    text = rng.choice(SENTENCES[lang]).format(t=t, u=u, T=t[:1].upper() + t[1:], c=cite)
    return text


# A sentence stating a dated event
def _dated(lang: str, rng: random.Random) -> str:
    precision = rng.choice(["day", "day", "month", "year"])
    month = rng.randrange(12)
    key = f"{lang}_{precision}" if lang != "en" else "en"
    m = MONTHS[key][month] if precision != "year" else ""
    text = DATED[lang][precision].format(y=rng.randint(1991, 2023), d=rng.randint(1, 28), m=m,
                                         ev=rng.choice(EVENTS[lang]))
    return text[:1].upper() + text[1:]


# Lay the articles out in printed lines and cut them into pages
def _paginate(articles: list[SynthArticle], rng: random.Random,
              wrap: Optional[Wrap] = None) -> list[list[str]]:
    lines: list[str] = []
    for art in articles:
        lines.extend(_article_lines(art, rng, wrap))
    return [lines[i:i + PAGE_LINES] for i in range(0, len(lines), PAGE_LINES)]


# The printed lines of one article (spacer lines are " ", as a PDF viewer copies them). `wrap`
# breaks a paragraph into lines (default `_wrap`; bench/shapes.py passes a denser hyphenator).
def _article_lines(art: SynthArticle, rng: random.Random,
                   wrap: Optional[Wrap] = None) -> list[str]:
    wrap = wrap or _wrap
    out = [art.udc, " "]
    out += textwrap.wrap(art.title, WRAP)
    out += [", ".join(art.authors)]
    if art.programme:
        out += wrap(art.programme, rng, art.language)
    out += wrap(art.affiliation, rng, art.language)
    out += [art.email]
    if art.supervisor:
        out += [_lookalike(art.supervisor, art.language, rng)]
    out += [" "]
    out += wrap(f"{ABSTRACT[art.language]} {art.abstract}", rng, art.language)
    out += wrap(f"{KEYWORDS[art.language]} {', '.join(art.keywords)}.", rng, art.language)
    out += [" "]
    for kind, text in art.body:
        if kind == "heading":
            out += [text]
        elif kind == "bullet":
            out += wrap(f"{BULLET} {text}", rng, art.language)
        else:
            out += wrap(text, rng, art.language)
    out += [" ", REFERENCES[art.language]]
    for ref in art.references:
        out += wrap(ref, rng, art.language)
    out += [" "]
    return out


# Wrap a paragraph at ~85 characters, hyphenating some long words across the line end
def _wrap(text: str, rng: random.Random, lang: str) -> list[str]:
    lines = textwrap.wrap(text, WRAP)
    for i in range(len(lines) - 1):
        head, _, rest = lines[i + 1].partition(" ")
        if rng.random() < 0.1 and len(head) >= 8 and head.isalpha() and rest:
            cut = len(head) // 2
            lines[i] = f"{lines[i]} {head[:cut]}-"
            lines[i + 1] = f"{head[cut:]} {rest}"
    return [_lookalike(line, lang, rng) for line in lines]



# Put Latin look-alikes into Cyrillic text as PDF extraction does
def _lookalike(line: str, lang: str, rng: random.Random) -> str:
    if lang == "kk" and rng.random() < 0.6:
        line = line.replace("ә", "\u0259")
    if lang != "en" and line.startswith("С") and rng.random() < 0.3:
        line = "C" + line[1:]
    return line


# Spaced layout: blank line after every line, new page = leading space, trailing spaces kept
def _spaced(pages: list[list[str]]) -> str:
    out = []
    for page in pages:
        for i, line in enumerate(page):
            if i == 0 and not line.startswith(" "):
                line = " " + line
            out.append(line + " \n\n")
    return "".join(out)


# pdftotext layout: CRLF, running header, page number, form feed between pages
def _pdftotext(pages: list[list[str]], first_page: int) -> str:
    out = []
    for k, page in enumerate(pages):
        number = first_page + k
        lines = [RUNNING_HEADERS[number % 2], *page, str(number)]
        out.append("\r\n".join(lines) + "\r\n")
    return "\f".join(out)



def make_single_line(path: Path, size: int = 5_000_000, seed: int = 1) -> Path:
    """A raw file of about `size` bytes on one line (PDF text that came out without line breaks)."""
    rng = random.Random(seed)
    parts, total = [], 0
    while total < size:
        col = len(parts) % 3
        sentence = _sentence(LANGS[col], [t[col] for t in TERMS], rng) + " "
        parts.append(sentence)
        total += len(sentence.encode("utf-8"))
    path.write_bytes("".join(parts).encode("utf-8"))
    return path


def make_long_article(path: Path, lines: int = 20_000, seed: int = 1) -> Path:
    """One Kazakh article whose printed text runs to `lines` lines, in the spaced layout."""
    rng = random.Random(seed)
    art = make_articles(1, seed)[0]
    terms = [t[0] for t in TERMS]
    printed = _article_lines(art, rng)
    extra: list[str] = []
    while len(printed) + len(extra) < lines:
        extra += _wrap(" ".join(_sentence("kk", terms, rng) for _ in range(8)), rng, "kk")
    cut = printed.index(REFERENCES["kk"]) - 1  # before the spacer that precedes the references
    printed = printed[:cut] + extra + printed[cut:]
    pages = [printed[i:i + PAGE_LINES] for i in range(0, len(printed), PAGE_LINES)]
    path.write_bytes(_spaced(pages).encode("utf-8"))
    return path
