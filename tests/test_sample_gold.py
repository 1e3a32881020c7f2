"""Every article-level fact of the sample's gold file, checked through `jinaq extract --format json`."""
from __future__ import annotations

import re



def by_hint(model: dict, gold: dict) -> dict:
    """Match gold articles (a, b, c) to extracted ones by their first line."""
    out = {}
    for g in gold["articles"]:
        found = [a for a in model["articles"] if a["lines"][0] == g["lines"][0]]
        assert found, f"no article starts at line {g['lines'][0]}"
        out[g["id_hint"]] = (g, found[0])
    return out


def test_article_boundaries_and_languages(sample_model, gold):
    assert len(sample_model["articles"]) == len(gold["articles"])
    for hint, (g, a) in by_hint(sample_model, gold).items():
        assert a["lines"] == g["lines"], hint
        assert a["language"] == g["language"], hint
        assert a["complete"] == g["complete"], hint


def test_nothing_invented(sample_model, gold):
    for hint, (g, a) in by_hint(sample_model, gold).items():
        assert a["title"] == g["title"] is None, hint
        assert a["authors"] == g["authors"] == [], hint
        for field in ("abstract",):
            if field in g and g[field] is None:
                assert a[field] is None, (hint, field)
        if g.get("keywords") == []:
            assert a["keywords"] == [], hint
        if g.get("references") == []:
            assert a["references"] == [], hint


def test_article_b_front_matter(sample_model, gold):
    g, b = by_hint(sample_model, gold)["b"]
    assert b["affiliation"] == g["affiliation"]
    assert b["programme"] == g["programme"]
    assert b["supervisor"] == g["supervisor"]
    assert b["keywords"] == g["keywords"]
    assert b["abstract"].startswith(g["abstract_starts"])
    assert b["abstract"].endswith(g["abstract_ends"])


def test_article_b_body(sample_model, gold):
    g, b = by_hint(sample_model, gold)["b"]
    body = b["body"].strip()
    assert body.startswith(g["body_starts"])
    assert body.endswith(g["body_ends"])
    bullets = [line for line in body.splitlines() if line.startswith("- ")]
    assert len(bullets) == g["list_items"]
    numbered = [int(m.group(1)) for m in re.finditer(r"^(\d+)\. ", body, re.M)]
    assert numbered == g["numbered_conclusions"]
    for n in g["citations_in_text"]:
        assert f"\\[{n}\\]" in body or f"[{n}]" in body


def test_article_c_abstract(sample_model, gold):
    g, c = by_hint(sample_model, gold)["c"]
    assert c["abstract"].startswith(g["abstract_starts"])


def test_cleaning_facts(sample_model):
    text = "\n".join(a["body"] + (a["abstract"] or "") for a in sample_model["articles"])
    assert "\u0259" not in text, "Latin schwa left in the output"
    assert "жан-жақты" in text and "қарама-қайшылығымен" in text
    assert "Сондай-ақ Қазақстан" in text and "Cондай" not in text
    assert "№ 157" in text and "No 157" not in text
    for typo in ("произшло", "реормалар", "прициптерін", "ісер"):
        assert typo in text, typo
    assert "\uf0d8" not in text


def test_json_is_utf8_without_escapes():
    from jinaq_testing import SAMPLE, run_jinaq

    out = run_jinaq("extract", str(SAMPLE), "--format", "json").stdout
    assert "\\u04" not in out and "сайлау" in out
