"""The benchmark's synthetic volume and the harness parts that need no pipeline."""
from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bench.__main__ import Results, run_measured, site_stats, table
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


def test_table_compares_against_targets():
    res = Results(n=3, seed=1, raw_bytes=1024 * 1024)
    res.jinaq.update(build_s=3.0, largest_page_kb=80.0, search_loaded_mb=1.0)
    res.baseline.update(build_s=20.0, largest_page_kb=900.0)
    rows = {line.split(" | ")[0].strip("| "): line for line in table(res).splitlines()}
    assert "0.15×" in rows["full build time (s)"] and rows["full build time (s)"].endswith("yes |")
    assert rows["largest HTML page (KB)"].endswith("no |")
    assert rows["search index loaded to search (MB)"].endswith("yes |")
    assert "peak RSS (MB)" not in rows  # not measured, not shown


@pytest.mark.slow
@pytest.mark.skipif(importlib.util.find_spec("generator.pipeline") is None,
                    reason="generator.pipeline not written yet")
def test_bench_runs_end_to_end(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "bench", "--n", "6", "--skip-baseline",
                           "--no-serve", "--out", str(tmp_path)],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    results = json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))
    assert results["errors"] == []
    assert results["jinaq"]["articles_found"] >= 6
    assert results["jinaq"]["pages"] >= 6
    assert "| full build time (s) |" in proc.stdout
