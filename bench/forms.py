"""Many distinct word forms for the benchmark's dense shapes: stems × real inflection suffixes.

A real volume of 2,000 Kazakh and Russian articles holds on the order of 100,000 distinct word
forms: Kazakh agglutinates (сайлау → сайлаулардың, сайлауларында, …) and Russian inflects every
noun, adjective and participle. Template prose (bench/synth.py) repeats a few hundred forms, so
every cache keyed by word or stem in the pipeline looks perfect on it. `Forms` draws words the
way a language does:

- Kazakh: noun stems + plural (-лар/-лер/-дар/-дер/-тар/-тер) + possessive (-ы/-і/-сы/-сі, -ымыз…)
  + case (-ның/-нің/-дың/-тың, -ға/-ге/-қа/-ке/-на/-не, -ны/-ді/-ты/-н, -да/-те/-нда,
  -дан/-тен/-нан, -мен/-бен/-пен) + sometimes the relative -дағы/-ндегі, chosen by vowel
  harmony and the stem's last sound (қ/к/п voice before a vowel: құқық → құқығы); verb stems +
  passive -ыл/-іл/-л + past, participle (-ған/-ген/-қан/-кен, then the noun chain), converb,
  present and the verbal noun -у.
- Russian: nouns of four declensions, adjectives (hard and velar stems, full paradigm), verbs in
  -ать/-ять and -ировать with their finite forms, participles and verbal nouns, and compound
  adjectives «социально-политический».
- Both: pseudo-stems built from syllables (back or front vowels for Kazakh), a few new ones per
  article, so the vocabulary keeps growing with the volume as a real one does (Heaps' law).

Every choice comes from the `random.Random` passed in: same seed, same words.
"""
from __future__ import annotations

import random

KK_BACK = set("аоұыуяёю")  # у, я, ё, ю: back in loanwords (институтын, комиссиясы)
KK_FRONT = set("әеөүі")
KK_VOWELS = set("аәеёиоөұүыіэюя")
KK_NASAL = set("мнң")
KK_VOICED = set("бвгғджзйлмнңру")  # у after a vowel behaves as a consonant
KK_VOICELESS = set("кқпстфхцчшщ")

KK_NOUNS = [
    "сайлау", "заң", "мемлекет", "қоғам", "азамат", "құқық", "билік", "партия", "депутат",
    "комиссия", "аудан", "облыс", "әкім", "мәслихат", "парламент", "реформа", "жүйе", "институт",
    "саясат", "тәжірибе", "өзгеріс", "шешім", "бастама", "үдеріс", "мекеме", "ұйым", "халық",
    "кандидат", "дауыс", "бюджет", "кеңес", "орган", "мүдде", "құжат", "талап", "қағида",
    "тарих", "кезең", "жағдай", "мәселе", "нәтиже", "зерттеу", "талдау", "әдіс", "деңгей", "аймақ",
    "тұрғын", "жастар", "өкіл", "басшы", "қызмет", "бағдарлама", "жоспар", "есеп", "сала",
    "ереже", "норма", "жауапкершілік", "сенім", "пікір", "мақсат", "міндет", "құрылым", "даму",
    "қатынас", "бақылау", "басқару", "сот", "үкімет", "министрлік", "мемлекеттілік", "егемендік",
    "тәуелсіздік", "демократия", "конституция", "референдум", "сайлаушы", "өкілеттік", "қаржы",
    "ауыл", "қала", "өңір", "елді", "мекен", "ақпарат", "технология", "цифр", "платформа",
]
KK_VERBS = [
    "жаса", "қарастыр", "талда", "көрсет", "бағала", "қабылда", "өзгер", "дамы", "қалыптас",
    "жүргіз", "енгіз", "анықта", "сипатта", "ұсын", "зертте", "қамтамасыз", "байланыс", "тағайында",
    "сайла", "басқар", "атқар", "орында", "шеш", "бекіт", "құр", "ұйымдастыр", "жетілдір",
    "арттыр", "қолда", "түсіндір", "салыстыр", "бөл", "тарат", "жина", "ойла", "біл", "айт",
]
KK_ADJ = [
    "саяси", "құқықтық", "әлеуметтік", "экономикалық", "жергілікті", "мемлекеттік", "тарихи",
    "қазіргі", "жаңа", "маңызды", "тиімді", "ашық", "тікелей", "ұлттық", "халықаралық",
    "конституциялық", "демократиялық", "ғылыми", "негізгі", "өзекті",
]
KK_COMPOUNDS = [
    "қоғамдық-саяси", "әлеуметтік-экономикалық", "жан-жақты", "өзін-өзі", "құқықтық-нормативтік",
    "ұйымдастырушылық-құқықтық", "саяси-құқықтық", "ғылыми-зерттеу", "тарихи-мәдени",
    "оқу-әдістемелік", "ақпараттық-коммуникациялық", "әкімшілік-аумақтық",
]

# Russian: (stem, paradigm)
RU_NOUN_ENDINGS = {
    "m": ["", "а", "у", "ом", "е", "ы", "ов", "ам", "ами", "ах"],
    "f": ["а", "ы", "е", "у", "ой", "", "ам", "ами", "ах"],
    "ie": ["ие", "ия", "ию", "ием", "ии", "ий", "иям", "иями", "иях"],
    "n": ["о", "а", "у", "ом", "е", "ам", "ами", "ах"],
}
RU_NOUNS = [
    ("закон", "m"), ("процесс", "m"), ("институт", "m"), ("анализ", "m"), ("результат", "m"),
    ("принцип", "m"), ("механизм", "m"), ("фактор", "m"), ("регион", "m"), ("депутат", "m"),
    ("кандидат", "m"), ("парламент", "m"), ("референдум", "m"), ("бюджет", "m"), ("орган", "m"),
    ("избирател", "m"), ("граждан", "m"), ("аспект", "m"), ("подход", "m"), ("уровень", "m"),
    ("систем", "f"), ("реформ", "f"), ("партий", "f"), ("норм", "f"), ("проблем", "f"),
    ("комисси", "f"), ("модел", "f"), ("структур", "f"), ("програм", "f"), ("стратеги", "f"),
    ("политик", "f"), ("культур", "f"), ("практик", "f"), ("процедур", "f"), ("кампани", "f"),
    ("развит", "ie"), ("управлен", "ie"), ("решен", "ie"), ("изменен", "ie"), ("положен", "ie"),
    ("учрежден", "ie"), ("представительств", "n"), ("государств", "n"), ("общество", "n"),
    ("прав", "n"), ("правительств", "n"), ("законодательств", "n"), ("самоуправлен", "ie"),
    ("исследован", "ie"), ("отношен", "ie"), ("явлен", "ie"), ("значен", "ie"), ("участ", "ie"),
]
RU_ADJ_HARD = ["ый", "ая", "ое", "ые", "ого", "ому", "ым", "ом", "ой", "ую", "ых", "ыми"]
RU_ADJ_VELAR = ["ий", "ая", "ое", "ие", "ого", "ому", "им", "ом", "ой", "ую", "их", "ими"]
RU_ADJ = [
    "политическ", "правов", "государственн", "электоральн", "социальн", "местн", "экономическ",
    "исполнительн", "законодательн", "конституционн", "избирательн", "региональн",
    "демократическ", "современн", "историческ", "муниципальн", "правительственн", "гражданск",
    "национальн", "институциональн", "партийн", "общественн", "международн", "эффективн",
    "нормативн", "административн", "представительн", "публичн", "стратегическ", "цифров",
]
RU_COMPOUND_FIRST = [
    "социально", "политико", "нормативно", "финансово", "экономико", "историко", "организационно",
    "военно", "научно", "государственно", "культурно", "информационно", "административно",
    "правово", "идейно",
]
RU_VERBS_A = [  # -ать / -ять stems, first conjugation
    "рассматрива", "обеспечива", "определя", "выполня", "изуча", "указыва", "подчеркива",
    "отмеча", "представля", "формирова", "сохраня", "объясня", "усилива", "ограничива",
    "поддержива", "регулирова", "влия", "проявля", "изменя", "назнача",
]
RU_VERB_A_ENDINGS = ["ть", "ет", "ют", "л", "ла", "ло", "ли", "ющий", "ющая", "ющее", "ющие",
                     "ющего", "ющей", "ющих", "ющим", "ющими", "емый", "емая", "емых", "емой",
                     "ние", "ния", "нию", "нием", "нии"]
RU_VERBS_OVA = ["реформир", "модернизир", "анализир", "финансир", "функционир", "интерпретир",
                "легитимир", "институционализир", "демократизир", "централизир",
                "децентрализир", "стимулир", "координир", "мониторир", "гарантир"]
RU_VERB_OVA_ENDINGS = ["овать", "ует", "уют", "овал", "овала", "овали", "ующий", "ующая",
                       "ующих", "ующими", "ованный", "ованная", "ованного", "ованных",
                       "ованной", "ование", "ования", "ованию", "ованием", "овании"]

EN_STEMS = ["govern", "represent", "elect", "legislat", "administr", "institut", "democrat",
            "reform", "decentralis", "modernis", "participat", "regulat", "constitut"]
EN_ENDINGS = ["", "s", "ed", "ing", "ion", "ions", "ive", "ively", "or", "ors", "ment", "al"]

KK_CONS_BACK = "бджзйлмнңпрстшқғ"
KK_CONS_FRONT = "бджзйлмнңпрстшкг"
RU_CONS = "бвгджзклмнпрстфхцчш"
RU_VOWELS = "аеиоуыя"


class Forms:
    """Word forms of one language family; `word(lang)` draws one, `new_stems(k)` widens the
    vocabulary (call it once per article, as new terms come with every paper)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.kk_nouns = list(KK_NOUNS)
        self.kk_verbs = list(KK_VERBS)
        self.ru_nouns = list(RU_NOUNS)
        self.ru_adj = list(RU_ADJ)

    def new_stems(self, k: int = 3) -> None:
        """Add k pseudo-stems per language (nouns; some Kazakh verbs, Russian adjectives)."""
        for _ in range(k):
            self.kk_nouns.append(self._kk_pseudo())
            if self.rng.random() < 0.3:
                self.kk_verbs.append(self._kk_pseudo(2))
            stem = self._ru_pseudo()
            self.ru_nouns.append((stem, self.rng.choice(["m", "f", "ie", "n"])))
            if self.rng.random() < 0.4:
                self.ru_adj.append(self._ru_pseudo() + self.rng.choice(["ическ", "альн", "ов",
                                                                        "енн", "ск"]))

    def word(self, lang: str) -> str:
        if lang == "kk":
            return self.kk_word()
        if lang == "ru":
            return self.ru_word()
        return self.rng.choice(EN_STEMS) + self.rng.choice(EN_ENDINGS)

    # --- Kazakh ---------------------------------------------------------------------------

    def kk_word(self) -> str:
        r = self.rng.random()
        if r < 0.55:
            return self._kk_noun_chain(self._zipf(self.kk_nouns))
        if r < 0.8:
            return self._kk_verb(self._zipf(self.kk_verbs))
        if r < 0.93:
            return self.rng.choice(KK_ADJ)
        compound = self.rng.choice(KK_COMPOUNDS)
        head, _, tail = compound.rpartition("-")
        return f"{head}-{self._kk_noun_chain(tail)}" if self.rng.random() < 0.3 else compound

    def _kk_noun_chain(self, stem: str) -> str:
        rng = self.rng
        word = stem
        if rng.random() < 0.35:
            word = _kk_plural(word)
        poss = False
        if rng.random() < 0.45:
            word, poss = _kk_possessive(word, rng), True
        if rng.random() < 0.75:
            word = _kk_case(word, rng.choice(["gen", "dat", "acc", "loc", "abl", "ins"]), poss)
            if word.endswith(("да", "де", "та", "те")) and rng.random() < 0.15:
                word += "ғы" if _back(word) else "гі"
        return word

    def _kk_verb(self, stem: str) -> str:
        rng = self.rng
        back = _back(stem)
        if rng.random() < 0.3:  # passive
            stem = _voice(stem) + ("л" if _kk_last(stem) == "vowel" else ("ыл" if back else "іл"))
        last = _kk_last(stem)
        form = rng.random()
        if form < 0.25:  # past
            return stem + (("ды" if back else "ді") if last != "voiceless"
                           else ("ты" if back else "ті"))
        if form < 0.55:  # participle, often declined
            part = _voice(stem) + (("ған" if back else "ген") if last != "voiceless"
                                   else ("қан" if back else "кен"))
            return self._kk_noun_chain(part) if rng.random() < 0.5 else part
        if form < 0.7:  # converb
            return stem + ("п" if last == "vowel" else ("ып" if back else "іп"))
        if form < 0.85:  # present, third person
            return stem + (("йды" if back else "йді") if last == "vowel"
                           else ("ады" if back else "еді"))
        noun = stem + "у"  # verbal noun, declined like a noun
        return self._kk_noun_chain(noun) if rng.random() < 0.7 else noun

    def _kk_pseudo(self, syllables: int = 0) -> str:
        rng = self.rng
        back = rng.random() < 0.6
        vowels, cons = ("аоұы", KK_CONS_BACK) if back else ("әеөүі", KK_CONS_FRONT)
        parts = []
        for i in range(syllables or rng.randint(2, 3)):
            onset = "" if i == 0 and rng.random() < 0.3 else rng.choice(cons.replace("ң", ""))
            coda = rng.choice(cons) if rng.random() < 0.5 else ""
            parts.append(onset + rng.choice(vowels) + coda)
        return "".join(parts)

    # --- Russian --------------------------------------------------------------------------

    def ru_word(self) -> str:
        rng = self.rng
        r = rng.random()
        if r < 0.45:
            stem, kind = self._zipf(self.ru_nouns)
            return stem + rng.choice(RU_NOUN_ENDINGS[kind])
        if r < 0.75:
            return _ru_adj(self._zipf(self.ru_adj), rng)
        if r < 0.87:
            return rng.choice(RU_VERBS_A) + rng.choice(RU_VERB_A_ENDINGS)
        if r < 0.95:
            return rng.choice(RU_VERBS_OVA) + rng.choice(RU_VERB_OVA_ENDINGS)
        return f"{rng.choice(RU_COMPOUND_FIRST)}-{_ru_adj(self._zipf(self.ru_adj), rng)}"

    def _ru_pseudo(self) -> str:
        rng = self.rng
        return "".join(rng.choice(RU_CONS) + rng.choice(RU_VOWELS)
                       for _ in range(rng.randint(2, 3))) + rng.choice(RU_CONS)

    # A stem, the early (real, frequent) ones more often than the late (rare, new) ones
    def _zipf(self, items: list):
        n = len(items)
        k = int(n * self.rng.random() ** 2.2)
        return items[min(k, n - 1)]


def _back(word: str) -> bool:
    for ch in reversed(word):
        if ch in KK_BACK:
            return True
        if ch in KK_FRONT:
            return False
    return "и" not in word  # и alone: front (тиімді → тиімдіге)


def _kk_last(word: str) -> str:
    ch = word[-1]
    if ch in KK_VOWELS and not (ch == "у" and len(word) > 1 and word[-2] in KK_VOWELS):
        return "vowel"
    if ch in KK_NASAL:
        return "nasal"
    if ch in KK_VOICELESS:
        return "voiceless"
    return "voiced"


# қ/к/п voice before a suffix that begins with a vowel: құқық → құқығы
def _voice(word: str) -> str:
    return word[:-1] + {"қ": "ғ", "к": "г", "п": "б"}.get(word[-1], word[-1])


def _kk_plural(word: str) -> str:
    back, last = _back(word), _kk_last(word)
    if last == "vowel" or word[-1] in "руй":
        return word + ("лар" if back else "лер")
    if last == "voiceless":
        return word + ("тар" if back else "тер")
    return word + ("дар" if back else "дер")


def _kk_possessive(word: str, rng: random.Random) -> str:
    back, last = _back(word), _kk_last(word)
    if rng.random() < 0.8:  # third person
        if last == "vowel":
            return word + ("сы" if back else "сі")
        return _voice(word) + ("ы" if back else "і")
    if last == "vowel":
        return word + ("мыз" if back else "міз")
    return _voice(word) + ("ымыз" if back else "іміз")


def _kk_case(word: str, case: str, poss: bool) -> str:
    b = _back(word)
    if poss and word[-1] in "ыі":  # after a third-person possessive: the pronominal n
        return word + {"gen": "ның" if b else "нің", "dat": "на" if b else "не",
                       "acc": "н", "loc": "нда" if b else "нде", "abl": "нан" if b else "нен",
                       "ins": "мен"}[case]
    last = _kk_last(word)
    if case == "gen":
        suffix = ("ның" if last in ("vowel", "nasal") else "дың" if last == "voiced" else "тың")
    elif case == "dat":
        return (word + ("қа" if b else "ке")) if last == "voiceless" \
            else word + ("ға" if b else "ге")
    elif case == "acc":
        suffix = "ны" if last == "vowel" else "ды" if last in ("voiced", "nasal") else "ты"
    elif case == "loc":
        suffix = "та" if last == "voiceless" else "да"
    elif case == "abl":
        suffix = "нан" if last == "nasal" else "тан" if last == "voiceless" else "дан"
    else:
        return word + ("мен" if last == "vowel" or word[-1] in "руй" else
                       "пен" if last == "voiceless" else "бен")
    return word + (suffix if b else suffix.replace("ы", "і").replace("а", "е"))


def _ru_adj(stem: str, rng: random.Random) -> str:
    if stem.endswith(("к", "г", "х")):
        return stem + rng.choice(RU_ADJ_VELAR)
    if stem.endswith("ов") and rng.random() < 0.5:
        return stem + rng.choice(["ой", "ая", "ое", "ые", "ого", "ому", "ым", "ую", "ых"])
    return stem + rng.choice(RU_ADJ_HARD)
