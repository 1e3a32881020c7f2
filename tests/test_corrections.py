"""Editor corrections through the library API and `jinaq check`."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.errors import JinaqError
from generator.pipeline import extract_volume
from jinaq_testing import SAMPLE, run_jinaq


def write(tmp_path: Path, data) -> Path:
    p = tmp_path / "corrections.yml"
    p.write_text(yaml.safe_dump(data, allow_unicode=True) if not isinstance(data, str) else data,
                 encoding="utf-8")
    return p


@pytest.fixture(scope="module")
def extracted():
    return extract_volume(SAMPLE, do_enrich=False).articles


@pytest.fixture(scope="module")
def ids(extracted):
    return [a.id for a in extracted]


def test_field_override(tmp_path, ids):
    p = write(tmp_path, {"articles": {ids[1]: {"title": "Жаңа тақырып",
                                               "authors": [{"name": "Бекова А.Б."}]}}})
    a = extract_volume(SAMPLE, corrections=p, do_enrich=False).articles[1]
    assert a.title == "Жаңа тақырып" and a.authors[0].name == "Бекова А.Б."


def test_split_merge_and_not_an_article(tmp_path, extracted):
    starts = [a.lines[0] for a in extracted]
    middle = extracted[1].blocks[len(extracted[1].blocks) // 2].line_start
    v = extract_volume(SAMPLE, corrections=write(tmp_path, {"split_at": [{"line": middle}]}),
                       do_enrich=False)
    assert [a.lines[0] for a in v.articles] == sorted(starts + [middle])
    first, second = extracted[1], extracted[2]
    v = extract_volume(SAMPLE, corrections=write(tmp_path, {"merge": [[first.id, second.id]]}),
                       do_enrich=False)
    assert len(v.articles) == len(extracted) - 1
    assert v.article(first.id).lines == [first.lines[0], second.lines[1]]
    assert v.article(second.id) is None
    skipped = extracted[0].lines
    v = extract_volume(SAMPLE, corrections=write(tmp_path, {"not_articles": [{"lines": skipped}]}),
                       do_enrich=False)
    assert [a.lines[0] for a in v.articles] == starts[1:]


@pytest.mark.parametrize("text,line,words", [
    ("articles:\n  x: [1\n", 2, "YAML syntax"),
    ("articles:\n  ok: {}\n  nope-id:\n    title: T\n", 3, "nope-id"),
    ("articles:\n  {id}:\n    title: [a, b]\n", 2, "wrong type"),
    ("articles:\n  {id}:\n    colour: red\n", 2, "unknown field"),
])
def test_errors_name_the_line(tmp_path, ids, text, line, words):
    p = write(tmp_path, text.replace("{id}", ids[0]).replace("  ok: {}\n", f"  {ids[0]}: {{}}\n"))
    with pytest.raises(JinaqError) as e:
        extract_volume(SAMPLE, corrections=p, do_enrich=False)
    assert f"corrections.yml:{line}" in str(e.value) and words in str(e.value)


def test_check_reports_missing_fields_and_a_stub(project):
    out = run_jinaq("check", cwd=project).stdout
    assert "not found: title, authors" in out
    assert "articles:" in out and "title: null" in out
    assert "Frequent terms not in the glossary" in out
