"""Editor corrections through the library API and `jinaq check`."""
from __future__ import annotations

import re
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
    # Field errors name the field's line, not the article's.
    ("articles:\n  {id}:\n    title: [a, b]\n", 3, "wrong type"),
    ("articles:\n  {id}:\n    colour: red\n", 3, "unknown field"),
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


SOURCE = "000_02ec53893fe1c391.txt"


@pytest.mark.parametrize("text,line,words", [
    # Each of these did nothing, silently, before: now each stops the build at its line.
    ("split_at:\n  - {source: nope.txt, line: 120}\n", 2, "no source file 'nope.txt'"),
    ("split_at:\n  - {source: 000_02ec53893fe1c391.text, line: 120}\n", 2,
     f"did you mean '{SOURCE}'?"),
    ("split_at:\n  - {line: 99999}\n", 2, "line 99999 not in"),
    ("split_at:\n  - {line: 0}\n", 2, "not in"),
    ("split_at:\n\n  - {line: 310}\n", 3, "did you mean line 309?"),  # the empty line after one
    ("split_at:\n  - {lien: 120}\n", 2, "did you mean 'line'?"),
    ("not_articles:\n  - {lines: [27, 27]}\n", 2, "remove nothing"),
    ("not_articles:\n  - {lines: [40, 30]}\n", 2, "first line is after the last"),
    ("not_articles:\n  - {source: x.txt, lines: [1, 4]}\n", 2, "no source file 'x.txt'"),
    ("merge:\n  - [{a}, {a}]\n", 2, "the same article"),
    ("merge:\n  - [{a}, 000-02ec53893fe1c391-30x]\n", 2,
     "did you mean '000-02ec53893fe1c391-309'?"),
    # A position-made id that is stale: the article at that line is offered.
    ("articles:\n  000-02ec53893fe1c391-313:\n    title: T\n", 2,
     "did you mean '000-02ec53893fe1c391-309', the article at line 313 now?"),
    ("articles:\n  {a}:\n    authors:\n      - {name: A, afiliation: B}\n", 4,
     "did you mean 'affiliation'?"),
    ("articles:\n  {a}:\n    keywords: [a, [b]]\n", 3, "each of 'keywords' is text"),
    ("articles:\n  {a}:\n    language: Kazakh\n", 3, "two-letter code"),
    ("articles:\n  {a}:\n    title: T\n  {a}:\n    udc: U\n", 4, "given twice"),
    ("artikles:\n  {a}: {}\n", 1, "did you mean 'articles'?"),
])
def test_every_entry_is_checked(tmp_path, ids, text, line, words):
    p = write(tmp_path, text.replace("{a}", ids[0]))
    with pytest.raises(JinaqError) as e:
        extract_volume(SAMPLE, corrections=p, do_enrich=False)
    assert f"corrections.yml:{line}:" in str(e.value) and words in str(e.value), str(e.value)


def test_check_runs_on_stale_corrections_and_lists_each_problem(project):
    (project / "content" / "corrections.yml").write_text(
        "articles:\n"
        "  000-02ec53893fe1c391-313:\n"        # 2: stale (the article moved by four lines)
        "    title: T\n"
        "  000-02ec53893fe1c391-26:\n"
        "    titel: T\n"                        # 5: misspelt field
        "split_at:\n"
        "  - {source: nope.txt, line: 5}\n"     # 7: unknown source
        "  - {line: 310}\n"                     # 8: no text there
        "not_articles:\n"
        "  - {lines: [27, 27]}\n",              # 10: matches nothing
        encoding="utf-8")
    build = run_jinaq("build", cwd=project, check=False)
    assert build.returncode == 2 and "corrections.yml:" in build.stderr
    proc = run_jinaq("check", cwd=project, check=False)
    assert proc.returncode == 1, proc.stderr
    problems = proc.stdout.split("\n\n")[0].splitlines()
    assert problems[0].startswith("Problems in your files (5")
    assert [re.search(r"corrections\.yml:(\d+):", p).group(1) for p in problems[1:]] == \
        ["2", "5", "7", "8", "10"]
    assert "did you mean '000-02ec53893fe1c391-309'" in problems[1]
    assert "did you mean 'title'?" in problems[2]
    # …and the report itself still follows.
    assert "000-02ec53893fe1c391-26  000_02ec53893fe1c391.txt:26-308" in proc.stdout


def test_check_runs_with_a_broken_glossary_and_volume_file(project):
    (project / "content" / "glossary.yml").write_text("- kk: [a\n", encoding="utf-8")
    (project / "content" / "volume.yml").write_text("titel: X\n", encoding="utf-8")
    proc = run_jinaq("check", cwd=project, check=False)
    assert proc.returncode == 1
    assert "glossary.yml:1:" in proc.stdout and "volume.yml:1:" in proc.stdout
    assert "3 articles in" in proc.stdout
