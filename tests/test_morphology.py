"""Tests of generator.language.morphology: Kazakh suffix stripping, Russian/English stems, tokens."""
import json

import pytest

from generator.language.morphology import (export_rules, kk_stem, ru_lemma, ru_stem, stem, tokens)
from generator.language.textutil import normalise_for_search


@pytest.mark.parametrize("base, forms", [
    ("реформа", ["реформаларды", "реформалардың", "реформаға", "реформаны", "реформалар"]),
    ("сайлау", ["сайлаудың", "сайлауға", "сайлауды", "сайлауы", "сайлауда"]),
    ("жүйе", ["жүйесінің", "жүйесі", "жүйесіндегі", "жүйесіне", "жүйелері", "жүйеге"]),
    ("Конституция", ["Конституциясының", "Конституциясына", "Конституцияға"]),
    ("әкім", ["әкімдерді", "әкімдерінің", "әкімдерін", "әкімі"]),
    ("мәслихат", ["мәслихаттардан", "мәслихаттар", "мәслихатқа"]),
    ("институт", ["институтындағы", "институтын", "институты"]),
    ("одақ", ["одағы", "одаққа", "одақтың"]),
    ("заң", ["заңына", "заңдарына", "заңмен", "заңы"]),
    ("дауыс", ["дауысы", "дауысын", "дауыстарды"]),
])
def test_kk_inflected_forms_share_the_stem(base, forms):
    for form in forms:
        assert kk_stem(form) == kk_stem(base), form


def test_kk_plain_stems_are_the_dictionary_form_where_no_rule_applies():
    assert kk_stem("сайлаудың") == "сайлау"
    assert kk_stem("Конституциясының") == "конституция"
    assert kk_stem("реформалардың") == "реформа"


def test_kk_derivational_suffix_is_kept():
    # сайлаушы (voter) is not сайлау (election)
    assert kk_stem("сайлаушылар") != kk_stem("сайлау")
    assert kk_stem("сайлаушылар") == kk_stem("сайлаушыларға") == kk_stem("сайлаушы")
    # -лық makes a new word too
    assert kk_stem("конституциялық") != kk_stem("Конституция")


def test_kk_short_roots_are_not_destroyed():
    assert kk_stem("ана") != kk_stem("ан")
    for w in ["ел", "мен", "бар", "ана", "әкім", "заң"]:
        assert kk_stem(w) == w


def test_kk_latin_lookalikes_are_normalised_first():
    assert kk_stem("мəслихаттар") == kk_stem("мәслихат")  # Latin schwa
    assert kk_stem("Cайлау") == kk_stem("сайлау")  # Latin C


def test_kk_hyphenated_compound_stems_its_last_part():
    assert kk_stem("өзін-өзіне") == kk_stem("өзін-өзі")
    assert kk_stem("өзін-өзі").startswith("өзін-")


def test_ru_inflection_meets():
    assert ru_lemma("мягкой") == ru_lemma("мягкая")
    assert ru_lemma("силы") == ru_lemma("сила")
    assert ru_stem("мягкой") == ru_stem("мягкая")
    assert ru_stem("Европейского") == ru_stem("европейский")
    assert ru_lemma("Ёлки") == ru_lemma("елка")  # ё folded


def test_stem_dispatches_by_language():
    assert stem("elections", "en") == stem("election", "en")
    assert stem("выборов", "ru") == ru_stem("выборы")
    assert stem("сайлауға", "kk") == "сайлау"
    assert stem("Word", None) == "word"


def test_tokens_keep_hyphenated_compounds_and_offsets():
    text = "жергілікті өзін-өзі басқару, 2-курс – «Қаңтар» саяси‑құқықтық"
    toks = tokens(text)
    words = [w for _, _, w in toks]
    assert words == ["жергілікті", "өзін-өзі", "басқару", "2-курс", "Қаңтар", "саяси‑құқықтық"]
    for s, e, w in toks:
        assert text[s:e] == w


def test_export_rules_is_json_and_self_contained():
    rules = export_rules()
    data = json.loads(json.dumps(rules, ensure_ascii=False))
    assert data["lookalikes"]["\u0259"] == "ә"
    lengths = [len(s["s"]) for s in data["kk"]["suffixes"]]
    assert lengths == sorted(lengths, reverse=True)

    # A port that knows nothing but the exported data must stem like kk_stem does.
    kk = data["kk"]

    def port(word: str) -> str:
        w = normalise_for_search(word)
        slot = -1
        while w not in kk["roots"]:
            if any(w.endswith(p) and len(w) - len(p) >= kk["min_stem"]
                   for p in kk["protected_endings"]):
                break
            for suf in kk["suffixes"]:
                rest = w[: -len(suf["s"])]
                if suf["slot"] <= slot or not w.endswith(suf["s"]):
                    continue
                if len(rest) < (suf["min_stem"] or kk["min_stem"]):
                    continue
                after = suf["after"]
                if after and not any((rest[-1:] in kk["classes"][c]) if c in kk["classes"]
                                     else rest.endswith(c) for c in after):
                    continue
                w, slot = rest, suf["slot"]
                break
            else:
                break
        if w in kk["roots"]:
            return w
        if w and w[-1] in kk["final_mutations"]:
            w = w[:-1] + kk["final_mutations"][w[-1]]
        while len(w) > kk["min_stem"] and w[-1] in kk["drop_final"]:
            w = w[:-1]
        return w

    for w in ["реформалардың", "жүйесіндегі", "сайлаушылар", "одағы", "дауысын", "ана",
              "Қазақстандағы", "әкімдерінің", "мəслихаттардан"]:
        assert port(w) == kk_stem(w), w
