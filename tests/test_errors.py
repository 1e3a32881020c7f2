"""Bad input through the CLI: each failure is one line naming the file (and line) and what to do,
never a traceback (unless --debug), and a failed build changes nothing an editor or reader has.

The corpus is tests/fixtures/bad/ (written by make_bad.py; binary inputs are written per test).
"""
from __future__ import annotations

import hashlib
import importlib.util
import random
import shutil
from pathlib import Path

import pytest

from jinaq_testing import FIXTURES, ROOT, run_jinaq

BAD = FIXTURES / "bad"
_spec = importlib.util.spec_from_file_location("make_bad", BAD / "make_bad.py")
make_bad = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_bad)


def one_error_line(proc, name: str, line: int | None = None) -> str:
    """The failure's only stderr line; it names `name` (at `line`), exit status is not 0."""
    lines = [x for x in proc.stderr.splitlines() if x.strip()]
    assert proc.returncode != 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("jinaq: error: "), lines[0]
    where = f"{name}:{line}:" if line else f"{name}:"
    assert where in lines[0], lines[0]
    return lines[0]


def tree_digest(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def binary(tmp_path_factory) -> dict[str, Path]:
    return make_bad.write_binary(tmp_path_factory.mktemp("binary"))


def test_text_fixtures_are_what_make_bad_writes():
    for name, make in make_bad.TEXT_FIXTURES.items():
        assert (BAD / name).read_text(encoding="utf-8") == make(), f"run make_bad.py ({name})"


# --- raw input ------------------------------------------------------------------------------

def extract(path: Path, *extra: str):
    return run_jinaq("extract", str(path), "--format", "summary", *extra, check=False)


@pytest.mark.parametrize("content,words", [
    (b"", "empty"),
    (b"  \n\t\n \r\n", "only whitespace"),
    ("12\n\n13\n\n – 14 – \n\n15\n".encode(), "no letters"),  # only page numbers
    ("* * *\n\n. . .\n\n—\n\n\f\n".encode(), "no letters"),  # only rules and dots
])
def test_text_without_an_article(tmp_path, content, words):
    p = tmp_path / "volume.txt"
    p.write_bytes(content)
    assert words in one_error_line(extract(p), "volume.txt")


def test_missing_input(tmp_path):
    msg = one_error_line(extract(tmp_path / "nope.txt"), "nope.txt")
    assert "not found" in msg and "give" in msg


@pytest.mark.parametrize("name,words", [
    ("image.txt", "PNG image"),          # an image under a text name
    ("image.png", "PNG image"),
    ("truncated.pdf", "truncated or damaged"),
    ("encrypted.pdf", "encrypted"),
    ("undecodable.txt", "not valid utf-8"),  # compressed bytes: no encoding reads them as text
])
def test_binary_input(binary, name, words):
    assert words in one_error_line(extract(binary[name]), name)


def test_a_folder_with_a_bad_file_names_that_file(binary, tmp_path):
    folder = tmp_path / "raw"
    folder.mkdir()
    (folder / "a.txt").write_text((BAD / "hostile.txt").read_text(encoding="utf-8"), encoding="utf-8")
    shutil.copy(binary["truncated.pdf"], folder / "b.pdf")
    one_error_line(extract(folder), "b.pdf")


def test_random_high_bytes_are_not_read_as_a_code_page(tmp_path):
    rnd = random.Random(7)
    p = tmp_path / "noise.txt"
    p.write_bytes(b"\n".join(bytes(rnd.randrange(0x80, 0x100) for _ in range(70))
                             for _ in range(40)))
    assert "not valid utf-8" in one_error_line(extract(p), "noise.txt", 1)


def test_broken_utf8_names_its_line(tmp_path):
    good = "Статья о выборах в местные органы власти Казахстана.\n" * 30
    p = tmp_path / "volume.txt"
    p.write_bytes(good.encode() + "Слово".encode()[:-1] + b" \n" + good.encode())
    assert "not valid utf-8" in one_error_line(extract(p), "volume.txt", 31)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_read(tmp_path, encoding):
    p = tmp_path / "volume.txt"
    p.write_bytes((BAD / "hostile.txt").read_text(encoding="utf-8").encode(encoding))
    proc = extract(p)
    assert proc.returncode == 0, proc.stderr
    assert "ЗАГОЛОВОК СО СКРИПТОМ" in proc.stdout


def test_legacy_code_page_still_reads(tmp_path):
    p = tmp_path / "volume.txt"
    text = (BAD / "hostile.txt").read_text(encoding="utf-8")
    p.write_bytes(text.encode("cp1251"))
    proc = extract(p)
    assert proc.returncode == 0, proc.stderr
    assert "ЗАГОЛОВОК СО СКРИПТОМ" in proc.stdout


def test_a_few_stray_nul_bytes_are_dropped_with_a_warning(binary):
    """NULs in the middle of text carry no letters: dropped, with one warning at their line."""
    proc = extract(binary["nul.txt"])
    assert proc.returncode == 0 and "Traceback" not in proc.stderr
    warnings = [x for x in proc.stderr.splitlines() if x.strip()]
    assert len(warnings) == 1 and "nul.txt:3:" in warnings[0] and "removed" in warnings[0]
    assert "\x00" not in proc.stdout and "ЗАГОЛОВОК" in proc.stdout


def test_many_nul_bytes_are_binary(tmp_path):
    p = tmp_path / "volume.txt"
    p.write_bytes("Текст статьи.\n".encode() * 3 + b"\x00\x01" * 200 + b"\n")
    assert "binary" in one_error_line(extract(p), "volume.txt")


def test_debug_shows_the_traceback(binary):
    proc = run_jinaq("--debug", "extract", str(binary["truncated.pdf"]), check=False)
    assert proc.returncode != 0 and "Traceback" in proc.stderr


# --- editor files, through `jinaq build` in a project copy ---------------------------------------

@pytest.fixture
def hostile_project(project) -> Path:
    make_bad.install_hostile(project)
    return project


@pytest.mark.parametrize("fixture,target,line,words", [
    ("corrections_syntax.yml", "corrections.yml", 4, "opened on line 3"),  # `[` not closed
    ("corrections_unknown_id.yml", "corrections.yml", 2, "no-such-article"),
    ("corrections_wrong_type.yml", "corrections.yml", 3, "wrong type"),  # the field's line
    ("glossary_syntax.yml", "glossary.yml", 1, "YAML"),                 # where `"` opened
    ("glossary_wrong_type.yml", "glossary.yml", 3, "must be text"),
    ("volume_syntax.yml", "volume.yml", 3, "YAML syntax"),              # the mis-indented line
    ("volume_wrong_type.yml", "volume.yml", 2, "wrong type"),
    ("volume_bad_date.yml", "volume.yml", 2, "not a date"),
    ("volume_python_tag.yml", "volume.yml", 2, "python/object/apply"),
])
def test_editor_file_errors_name_file_and_line(hostile_project, fixture, target, line, words):
    shutil.copy(BAD / fixture, hostile_project / "content" / target)
    proc = run_jinaq("build", cwd=hostile_project, check=False)
    assert words in one_error_line(proc, target, line)
    assert not (hostile_project / "pwned").exists()  # no YAML tag ever runs code


def test_volume_dates_as_yaml_reads_them(tmp_path):
    from generator.ingest.meta import load_volume_meta

    p = tmp_path / "volume.yml"
    p.write_text("date: 2023\npublication_date: 2023-05-10\n", encoding="utf-8")
    assert load_volume_meta(p) == {"date": "2023", "publication_date": "2023-05-10"}


def test_the_documented_volume_example_loads():
    from generator.ingest.meta import load_volume_meta

    meta = load_volume_meta(ROOT / "generator" / "data" / "volume.example.yml")
    assert meta["date"] == "2023-04-21" and isinstance(meta["place"], dict)


def test_the_documented_volume_example_builds(hostile_project):
    shutil.copy(ROOT / "generator" / "data" / "volume.example.yml",
                hostile_project / "content" / "volume.yml")
    proc = run_jinaq("build", cwd=hostile_project, check=False)
    assert proc.returncode == 0, proc.stderr


# --- atomic builds, editor files never written ---------------------------------------------------

EDITOR_FILES = ("content/corrections.yml", "content/glossary.yml", "content/volume.yml")


def editor_digest(project: Path) -> dict[str, str]:
    out = tree_digest(project / "content" / "raw")
    for rel in EDITOR_FILES:
        p = project / rel
        out[rel] = hashlib.sha256(p.read_bytes()).hexdigest() if p.exists() else "absent"
    out["mkdocs.yml"] = hashlib.sha256((project / "mkdocs.yml").read_bytes()).hexdigest()
    return out


def test_failed_raw_input_leaves_site_and_articles_untouched(hostile_project, binary):
    project = hostile_project
    (project / "content" / "glossary.yml").write_text("- kk: бір\n  ru: один\n", encoding="utf-8")
    run_jinaq("build", cwd=project)
    site, articles = tree_digest(project / "site"), tree_digest(project / "content" / "articles")
    editor = editor_digest(project)
    assert site and articles
    shutil.copy(binary["truncated.pdf"], project / "content" / "raw" / "zz.pdf")
    proc = run_jinaq("build", cwd=project, check=False)
    one_error_line(proc, "zz.pdf")
    (project / "content" / "raw" / "zz.pdf").unlink()
    assert tree_digest(project / "site") == site
    assert tree_digest(project / "content" / "articles") == articles
    assert editor_digest(project) == editor
    # .cache/ holds the page cache of the first, successful build: kept on purpose.
    leftovers = [p.name for p in project.iterdir() if p.name.startswith(".") and p.name != ".cache"]
    leftovers += [p.name for p in (project / "content").iterdir() if p.name.startswith(".")]
    assert leftovers == []  # no half-built temporary folder stays behind


def test_a_build_never_writes_editor_files(hostile_project):
    shutil.copy(BAD / "volume_bad_date.yml", hostile_project / "content" / "volume.yml")
    (hostile_project / "content" / "volume.yml").write_text("title: Жинақ\n", encoding="utf-8")
    before = editor_digest(hostile_project)
    run_jinaq("build", cwd=hostile_project)
    assert editor_digest(hostile_project) == before


# --- limits, at a scale that keeps the suite fast (bench/__main__.py --limits goes further) -------

def test_one_very_long_line_extracts(tmp_path):
    words = "слово сайлау выборы election " * 40_000  # about 1 MB on one line
    p = tmp_path / "volume.txt"
    p.write_text("УДК 004\nОЧЕНЬ ДЛИННАЯ СТРОКА\nИванов И.И.\n" + words + "\n", encoding="utf-8")
    proc = run_jinaq("extract", str(p), "--format", "summary", "--no-enrich", check=False)
    assert proc.returncode == 0 and proc.stdout.strip(), proc.stderr


def test_a_long_article_extracts(tmp_path):
    body = "".join(f"Предложение номер {i} о местном самоуправлении и выборах акимов. \n\n"
                   for i in range(5_000))
    p = tmp_path / "volume.txt"
    p.write_text("УДК 004 \n\nДЛИННАЯ СТАТЬЯ О ВЫБОРАХ \n\nИванов И.И. \n\n" + body,
                 encoding="utf-8")
    proc = run_jinaq("extract", str(p), "--format", "json", "--no-enrich", check=False)
    assert proc.returncode == 0, proc.stderr
    assert "Предложение номер 4999" in proc.stdout
