"""The benchmark's synthetic volume and the harness parts that need no pipeline."""
from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bench.__main__ import Results, _change_word, _shapes, byte_compile, run_measured, \
    scaling_table, site_stats, table
from bench.shapes import SHAPES, article_text, distinct_forms, make_dense_articles, \
    make_dev_volume, make_shape
from bench.synth import make_articles, make_long_article, make_single_line, make_volume

ROOT = Path(__file__).resolve().parent.parent
UDC_LINE = re.compile(r"^ ?(ӘОЖ|УДК|UDC) \d")


def _text(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path):
    a = make_volume(tmp_path / "a", n=9, seed=3)
    b = make_volume(tmp_path / "b", n=9, seed=3)
    c = make_volume(tmp_path / "c", n=9, seed=4)
    assert [p.name for p in a] == [p.name for p in b]
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]
    assert [p.read_bytes() for p in a] != [p.read_bytes() for p in c]


def test_both_layouts_alternate_in_name_order(tmp_path):
    spaced, pdftotext = make_volume(tmp_path, n=6, layout="both")
    assert spaced.name < pdftotext.name

    s = _text(spaced)
    assert "\r" not in s and "\f" not in s
    lines = s.split("\n")[:-1]
    assert all(line == "" for line in lines[1::2])  # every text line followed by an empty one
    text_lines = lines[0::2]
    assert all(line.strip() or line == "  " for line in text_lines)
    assert text_lines[0].startswith(" ")  # a page starts with a leading space
    assert "\uf0d8 " in s and "\u0259" in s  # PDF bullets, Latin schwa in Kazakh
    assert any(line.rstrip().endswith("-") for line in text_lines)

    p = _text(pdftotext)
    assert "\r\n" in p and "\f" in p
    assert "\n" not in p.replace("\r\n", "")  # only CRLF line ends
    pages = p.split("\f")
    assert len(pages) > 2
    numbers = []
    for page in pages:
        page_lines = page.split("\r\n")[:-1]
        assert all(line for line in page_lines)  # no blank lines between text lines
        assert page_lines[-1].isdigit()
        numbers.append(int(page_lines[-1]))
    assert numbers == list(range(numbers[0], numbers[0] + len(numbers)))
    assert len({page.split("\r\n")[0] for page in pages}) == 2  # running headers, odd and even


def test_n_articles_with_unique_titles_in_all_languages(tmp_path):
    n = 14
    articles = make_articles(n, seed=2)
    assert len(articles) == n
    assert len({a.title for a in articles}) == n
    assert {a.language for a in articles} == {"kk", "ru", "en"}
    assert all(a.title == a.title.upper() and 1 <= len(a.authors) <= 3 for a in articles)
    assert all(a.events for a in articles[:6])  # dated sentences for a timeline

    paths = make_volume(tmp_path, n=n, seed=2)
    text = "".join(_text(p) for p in paths)
    udc = [line for line in text.replace("\r\n", "\n").split("\n") if UDC_LINE.match(line)]
    assert len(udc) == n
    for a in articles:
        assert a.title[:40] in text
    for word in ("Аңдатпа", "Түйін сөздер", "Аннотация", "Ключевые слова", "Abstract",
                 "Keywords"):
        assert word in text


def test_titles_stay_unique_past_the_combination_pool():
    titles = [a.title for a in make_articles(9200, seed=1)]  # > 3 × 3040 combinations
    assert len(set(titles)) == len(titles)


def test_limit_inputs(tmp_path):
    one = make_single_line(tmp_path / "one.txt", size=200_000)
    assert one.stat().st_size >= 200_000 and b"\n" not in one.read_bytes()
    long = make_long_article(tmp_path / "long.txt", lines=3000)
    lines = _text(long).split("\n")
    assert len(lines) // 2 >= 3000
    assert sum(1 for line in lines if UDC_LINE.match(line)) == 1


def test_site_stats_finds_largest_page_and_search_index(tmp_path):
    (tmp_path / "articles").mkdir()
    (tmp_path / "search").mkdir()
    (tmp_path / "index.html").write_text("x" * 100)
    (tmp_path / "articles" / "a.html").write_text("x" * 3000)
    (tmp_path / "search" / "search_index.json").write_text("y" * 500)
    (tmp_path / "search" / "extra.js").write_text("z" * 20)
    s = site_stats(tmp_path)
    assert (s.pages, s.largest_page, s.largest_page_bytes) == (2, "articles/a.html", 3000)
    assert (s.search_index_bytes, s.search_dir_bytes, s.bytes) == (500, 520, 3620)
    assert s.largest_article_bytes == 3000


def test_run_measured_sees_child_memory():
    code = "import time; b = bytearray(80 * 1024 * 1024); b[::4096] = b'x' * len(b[::4096]); " \
           "time.sleep(0.5)"
    run = run_measured([sys.executable, "-c", code])
    assert run.returncode == 0
    assert run.peak_rss > 80 * 1024 * 1024
    failed = run_measured([sys.executable, "-c", "import sys; sys.exit('boom')"])
    assert failed.returncode == 1 and "boom" in failed.stderr


def test_byte_compile_leaves_bytecode_a_process_without_writing_reads(tmp_path):
    # A process told not to write bytecode (as this machine tells the bench's subprocesses)
    # still runs what byte_compile wrote: the source is changed afterwards with its size and
    # time kept, so the value shows which of the two the module was loaded from.
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    module = package / "mod.py"
    module.write_text("VALUE = 1\n")
    assert byte_compile(package)
    assert Path(importlib.util.cache_from_source(str(module))).is_file()
    stat = module.stat()
    module.write_text("VALUE = 2\n")
    os.utime(module, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONPATH": str(tmp_path)}
    ran = subprocess.run([sys.executable, "-c", "import pkg.mod; print(pkg.mod.VALUE)"], env=env,
                         capture_output=True, text=True, check=True)
    assert ran.stdout.strip() == "1"
    (package / "broken.py").write_text("def (:\n")
    assert not byte_compile(package)


def test_table_compares_against_targets():
    res = Results(n=3, seed=1, raw_bytes=1024 * 1024)
    res.jinaq.update(build_s=3.0, largest_page_kb=80.0, search_loaded_mb=1.0, build_edit_s=0.6)
    res.baseline.update(build_s=20.0, largest_page_kb=900.0)
    rows = {line.split(" | ")[0].strip("| "): line for line in table(res).splitlines()}
    assert "0.15×" in rows["full build time (s)"] and rows["full build time (s)"].endswith("yes |")
    assert rows["largest HTML page (KB)"].endswith("no |")
    assert rows["search index loaded to search (MB)"].endswith("yes |")
    assert "peak RSS (MB)" not in rows  # not measured, not shown
    # the edit build is set against Jinaq's own cold build (3 s), not the bare one (20 s)
    edit = rows["build after a one-article edit (page cache) (s)"]
    assert "0.20×" in edit and "3.00 (cold)" in edit and edit.endswith("no |")
    res.jinaq["build_edit_s"] = 0.4
    edit = {line.split(" | ")[0].strip("| "): line for line in table(res).splitlines()}[
        "build after a one-article edit (page cache) (s)"]
    assert edit.endswith("yes |")


def test_table_has_a_column_group_per_shape():
    a = Results(n=3, seed=1, shape="synthetic")
    b = Results(n=3, seed=1, shape="spaced-dense")
    a.jinaq.update(build_s=2.0)
    a.baseline.update(build_s=10.0)
    b.jinaq.update(build_s=9.0)
    b.baseline.update(build_s=10.0)
    text = table({"synthetic": a, "spaced-dense": b}, skipped={"dev": "skipped: none here"})
    lines = text.splitlines()
    assert lines[0].count("| baseline | ratio | ok |") == 2 and "spaced-dense" in lines[0]
    row = next(line for line in lines if line.startswith("| full build time (s) |"))
    assert "0.20×" in row and "0.90×" in row  # each shape against its own baseline
    assert row.count("| yes |") == 1 and row.endswith("no |")
    assert "dev: skipped: none here" in text


def test_default_shapes():
    assert _shapes([], 12) == ["synthetic"]  # CI's smoke run stays one shape
    assert _shapes([], 2000) == list(SHAPES)
    assert _shapes([], 12, scaling=True) == ["spaced-dense"]
    assert _shapes(["dev,synthetic", "pdftotext"], 5) == ["synthetic", "pdftotext", "dev"]
    assert _shapes(["one-file"], 5) == ["one-file"]
    assert _shapes(["all"], 5) == list(SHAPES)
    with pytest.raises(ValueError):
        _shapes(["dense"], 5)


def test_the_one_file_shape_is_the_pdftotext_articles_in_one_file(tmp_path):
    from generator.pipeline import extract_volume

    n = 201  # (the pdftotext shape writes 200 articles a file)
    assert len(make_shape("pdftotext", tmp_path / "split", n=n, seed=3).paths) == 2
    (one,) = make_shape("one-file", tmp_path / "one", n=n, seed=3).paths
    assert one.read_bytes().count(b"\f") > n
    assert len(extract_volume(one.parent, do_enrich=False).articles) == n


@pytest.mark.parametrize("shape", ["synthetic", "spaced-dense", "pdftotext", "one-file"])
def test_each_shape_same_seed_same_bytes(tmp_path, shape):
    a = make_shape(shape, tmp_path / "a", n=7, seed=3).paths
    b = make_shape(shape, tmp_path / "b", n=7, seed=3).paths
    c = make_shape(shape, tmp_path / "c", n=7, seed=4).paths
    assert [p.name for p in a] == [p.name for p in b]
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]
    assert [p.read_bytes() for p in a] != [p.read_bytes() for p in c]


def test_synthetic_shape_is_the_synthetic_volume(tmp_path):
    shaped = make_shape("synthetic", tmp_path / "a", n=5, seed=2).paths
    plain = make_volume(tmp_path / "b", n=5, seed=2)
    assert [p.read_bytes() for p in shaped] == [p.read_bytes() for p in plain]


def _text_lines(path: Path) -> list[str]:
    return [line.rstrip() for line in _text(path).replace("\r\n", "\n").split("\n")
            if line.strip()]


def test_spaced_dense_has_the_sample_layout_and_dense_hyphenation(tmp_path):
    (path,) = make_shape("spaced-dense", tmp_path, n=20, seed=1).paths
    s = _text(path)
    assert "\r" not in s and "\f" not in s
    lines = s.split("\n")[:-1]
    assert all(line == "" for line in lines[1::2])  # an empty line after every text line
    assert lines[0].startswith(" ")
    assert "\uf0d8 " in s and "\u0259" in s
    text_lines = _text_lines(path)
    hyphenated = [line for line in text_lines if re.search(r"[^\W\d_]-$", line)]
    assert len(hyphenated) / len(text_lines) > 0.15  # synth.py's layout: about 0.03
    # genuine compounds split at their own hyphen, not only words cut in two
    assert any(line.endswith(("қоғамдық-", "әлеуметтік-", "жан-", "саяси-", "құқықтық-",
                              "социально-", "нормативно-", "политико-", "историко-"))
               for line in hyphenated)
    udc = [line for line in s.split("\n") if UDC_LINE.match(line)]
    assert len(udc) == 20
    for word in ("Аңдатпа", "Түйін сөздер", "Аннотация", "Ключевые слова", "Abstract",
                 "Пайдаланылған әдебиеттер тізімі", "Список литературы"):
        assert word in s


def test_synthetic_layout_is_not_dense(tmp_path):
    """The threshold above separates the shapes: template prose hyphenates rarely."""
    paths = make_volume(tmp_path, n=20, seed=1, layout="spaced")
    text_lines = [line for p in paths for line in _text_lines(p)]
    hyphenated = [line for line in text_lines if re.search(r"[^\W\d_]-$", line)]
    assert len(hyphenated) / len(text_lines) < 0.15


def test_dense_articles_have_many_distinct_forms():
    n = 150
    dense = "\n".join(article_text(a) for a in make_dense_articles(n, seed=1))
    plain = "\n".join(article_text(a) for a in make_articles(n, seed=1))
    per_mb = len(distinct_forms(dense)) / (len(dense.encode("utf-8")) / 1024 / 1024)
    plain_per_mb = len(distinct_forms(plain)) / (len(plain.encode("utf-8")) / 1024 / 1024)
    # 2,000 articles hold ~127,000 forms (~8,000 a MB); the template prose ~600 a MB
    assert per_mb > 5000, per_mb
    assert plain_per_mb < 2000, plain_per_mb
    forms = distinct_forms(dense)
    for word in ("сайлаулардың", "мемлекеттің", "заңдарын", "политического"):
        assert word in forms, word  # real inflection, not only pseudo-stems
    languages = [a.language for a in make_dense_articles(10, seed=1)]
    assert languages.count("kk") == languages.count("ru") == 4 and "en" in languages


def test_pdftotext_shape_has_its_layout(tmp_path):
    (path,) = make_shape("pdftotext", tmp_path, n=10, seed=1).paths
    p = _text(path)
    assert "\n" not in p.replace("\r\n", "") and "\f" in p
    pages = p.split("\f")
    assert all(page.split("\r\n")[-2].isdigit() for page in pages)
    assert sum(1 for line in p.split("\r\n") if UDC_LINE.match(line)) == 10
    assert sum(1 for line in p.split("\r\n") if re.search(r"[^\W\d_]-$", line)) > 50


def test_dev_shape_repeats_files_until_n(tmp_path):
    dev = tmp_path / "dev"
    for name, spans in (("one", [(1, 3), (4, 6)]), ("two", [(2, 4), (5, 7), (8, 9)])):
        (dev / name).mkdir(parents=True)
        (dev / name / f"{name}.txt").write_text("".join(f"{name} {k}\n" for k in range(1, 10)))
        (dev / name / f"{name}.gold.yml").write_text(
            "articles:\n" + "".join(f"- lines: [{a}, {b}]\n" for a, b in spans))
    made = make_dev_volume(tmp_path / "out", 8, dev)
    assert made.articles == 8
    assert [p.name for p in made.paths] == ["copy000_one.txt", "copy000_two.txt",
                                            "copy001_one.txt", "copy001_two.txt"]
    assert made.paths[0].read_bytes() == (dev / "one" / "one.txt").read_bytes()
    assert made.paths[3].read_text() == "two 1\ntwo 2\ntwo 3\ntwo 4\n"  # cut after article 1
    assert make_shape("dev", tmp_path / "again", 8, dev=dev).paths[3].read_bytes() \
        == made.paths[3].read_bytes()


def test_change_word_keeps_lines_and_crlf(tmp_path):
    class Art:
        id, lines = "a", (1, 6)

    path = tmp_path / "v.txt"
    original = "".join(f"line {k} has five words here\r\n" for k in range(1, 7)).encode()
    path.write_bytes(original)
    assert _change_word(path, Art, "Zed") == original
    changed = path.read_bytes().decode()
    assert changed.count("\r\n") == 6 and changed.count("Zed") == 1
    assert "line Zed has five words here\r\n" in changed


def test_scaling_table_ratio_against_500():
    rows = [{"n": n, "mb": n / 100, "extract_s": n * k / 1000, "enrich_s": n / 1000,
             "build_s": n / 500, "build_pss_mb": 100.0} for n, k in ((250, 1), (500, 1), (1000, 2))]
    text = scaling_table("spaced-dense", rows)
    assert "| 1000 | 10.0 | 2.00 | 2.00 |" in text
    assert "at N = 1000 / at N = 500" in text
    assert "extract 2.00× (no)" in text and "enrich 1.00× (yes)" in text


@pytest.mark.slow
@pytest.mark.skipif(importlib.util.find_spec("generator.pipeline") is None,
                    reason="generator.pipeline not written yet")
def test_bench_runs_end_to_end(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "bench", "--n", "6", "--skip-baseline",
                           "--no-serve", "--no-browser", "--shape", "synthetic,spaced-dense",
                           "--out", str(tmp_path)],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    results = json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))
    assert results["errors"] == []
    assert set(results["shapes"]) == {"synthetic", "spaced-dense"}
    for shape in ("synthetic", "spaced-dense"):
        one = json.loads((tmp_path / shape / "results.json").read_text(encoding="utf-8"))
        assert one == results["shapes"][shape]
        assert one["jinaq"]["articles_found"] >= 6
        assert one["jinaq"]["pages"] >= 6
        assert one["jinaq"]["build_edit_shown"] is True
        assert one["jinaq"]["build_edit_s"] > 0
    assert "| full build time (s) |" in proc.stdout
    assert "| build after a one-article edit (page cache) (s) |" in proc.stdout


@pytest.mark.slow
@pytest.mark.skipif(importlib.util.find_spec("generator.pipeline") is None,
                    reason="generator.pipeline not written yet")
def test_scaling_prints_its_table(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "bench", "--scaling", "20,40",
                           "--out", str(tmp_path)],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "scaling, spaced-dense:" in proc.stdout
    rows = [line for line in proc.stdout.splitlines() if re.match(r"\| (20|40) \|", line)]
    assert len(rows) == 2
    assert "time per article at N = 40 / at N = 20" in proc.stdout
    report = json.loads((tmp_path / "scaling.json").read_text(encoding="utf-8"))
    assert [r["n"] for r in report["shapes"]["spaced-dense"]] == [20, 40]
    assert all(r["articles"] == r["n"] for r in report["shapes"]["spaced-dense"])
