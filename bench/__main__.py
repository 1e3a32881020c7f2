"""`python -m bench`: measure Jinaq on volumes of several shapes against bare MkDocs + Material.

For each shape (bench/shapes.py: synthetic, spaced-dense, pdftotext, dev) generates a volume,
then measures extraction throughput in-process, the full
`jinaq build` (wall time, peak RSS of the process tree, site size, largest page, search index),
edit-to-preview latency under `mkdocs serve`, and the same article pages built by MkDocs + Material
with its default search. Prints one table, a column group per shape, and writes
`<out>/<shape>/results.json` and the whole run in `<out>/results.json`. `--scaling` instead times
extraction, enrichment and the build at growing N. Numbers are reported, never asserted: the
targets column says what the issue asks for.
"""
from __future__ import annotations

import argparse
import compileall
import gc
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Optional

import psutil
import yaml

from bench.shapes import SHAPES, ShapeUnavailable, available, make_shape
from bench.synth import make_long_article, make_single_line, make_volume

ROOT = Path(__file__).resolve().parent.parent
# Where each site keeps its search index; change here if the theme moves it.
SEARCH_DIR = "search"
SEARCH_INDEX = "search/search_index.json"
POLL = 0.02  # seconds between RSS samples
PSS_POLL = 0.25  # seconds between PSS samples (each costs milliseconds per large process)
PLUGIN = "jinaq"  # the plugin's entry-point name in mkdocs.yml
EDIT_MARKER = "Jinaqbenchedit"  # a word no generated article contains
EDIT_WORD = "Jinaqbenchword"  # the word the one-article edit puts in place of another
SMALL_N = 100  # below this many articles (CI's smoke run) the default shapes are synthetic only
SCALING_NS = (250, 500, 1000, 2000, 4000)
SCALING_REFERENCE = 500  # per-article times at the largest N are set against this N's
SERVE_CONFIG = ".bench-serve.yml"  # written next to mkdocs.yml for the serve run, then removed
MB = 1024 * 1024

# metric key -> (label, unit, target text, check(jinaq, baseline) -> bool)
TARGETS = {
    "extract_startup_s": ("extraction start-up", "s", "", None),
    "extract_mb_s": ("extraction throughput (read→extract)", "MB/s", "≥ 5 MB/s",
                     lambda j, b: j >= 5),
    "enrich_mb_s": ("with glossary, timeline, people", "MB/s", "≥ 2 MB/s", lambda j, b: j >= 2),
    "build_s": ("full build time", "s", "≤ 0.3× baseline",
                lambda j, b: b is not None and j <= 0.3 * b),
    "build_fill_cache_s": ("full build, filling the page cache", "s", "", None),
    "build_warm_s": ("full build again, same input (page cache)", "s", "≤ 0.3× baseline",
                     lambda j, b: b is not None and j <= 0.3 * b),
    "build_edit_s": ("build after a one-article edit (page cache)", "s", "≤ 0.15× cold build",
                     lambda j, b: b is not None and j <= 0.15 * b),
    "peak_rss_mb": ("peak RSS (each process's shared pages counted)", "MB", "", None),
    "peak_pss_mb": ("peak memory (PSS, shared pages counted once)", "MB", "≤ 1024 MB",
                    lambda j, b: j <= 1024),
    "site_mb": ("site size", "MB", "≤ 150 MB", lambda j, b: j <= 150),
    "pages": ("HTML pages", "", "", None),
    "largest_page_kb": ("largest HTML page", "KB", "≤ 60 KB", lambda j, b: j <= 60),
    "largest_article_kb": ("largest article page", "KB", "", None),
    "search_index_mb": ("search_index.json", "MB", "", None),
    # Jinaq splits its index into several files under search/: the target is on all of them.
    # What a query loads: Jinaq's index shards (per-article snippet texts under search/text/ are
    # fetched 30 at a time, only for the results on screen); the baseline's search_index.json.
    "search_loaded_mb": ("search index loaded to search", "MB", "≤ 10 MB", lambda j, b: j <= 10),
    "search_dir_mb": ("all of search/ (with snippet texts)", "MB", "", None),
    "search_first_result_s": ("search from disk: first result", "s", "< 1 s", lambda j, b: j < 1),
    "serve_first_build_s": ("serve: first build", "s", "", None),
    "edit_raw_s": ("edit raw → preview", "s", "< 2 s", lambda j, b: j < 2),
    "edit_corrections_s": ("edit corrections → preview", "s", "< 2 s", lambda j, b: j < 2),
}


# Rows compared with another metric, as (side, metric): every Jinaq build is set against the one
# bare build, and the build after an edit against Jinaq's own cold build.
COMPARED_WITH = {"build_fill_cache_s": ("baseline", "build_s"),
                 "build_warm_s": ("baseline", "build_s"),
                 "build_edit_s": ("jinaq", "build_s")}


@dataclass
class Run:
    """A finished subprocess: wall time, peak resident memory of its whole tree, exit status."""

    seconds: float
    peak_rss: int
    returncode: int
    stderr: str = ""
    peak_pss: int = 0  # shared pages of forked workers counted once


@dataclass
class SiteStats:
    bytes: int
    pages: int
    largest_page: str
    largest_page_bytes: int
    search_index_bytes: Optional[int]
    search_dir_bytes: int
    search_loaded_bytes: int = 0
    largest_article_bytes: int = 0  # pages under articles/


@dataclass
class Results:
    n: int
    seed: int
    raw_bytes: int = 0
    shape: str = "synthetic"
    files: int = 0
    note: str = ""
    jinaq: dict = field(default_factory=dict)
    baseline: dict = field(default_factory=dict)
    limits: dict = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


def main(argv: Optional[list[str]] = None) -> int:
    args = _parser().parse_args(argv)
    out = Path(args.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    try:
        shapes = _shapes(args.shape, args.n, scaling=args.scaling is not None)
    except ValueError as exc:
        print(f"python -m bench: {exc}", file=sys.stderr)
        return 2
    byte_compile(ROOT / "generator")
    if args.scaling is not None:
        return run_scaling(_ns(args.scaling), shapes, args.seed, out)
    runs: dict[str, Results] = {}
    skipped: dict[str, str] = {}
    limits = Results(args.n, args.seed, shape="limits")

    def save() -> None:
        for name, res in runs.items():
            (out / name / "results.json").write_text(_json(asdict(res)), encoding="utf-8")
        whole = {"n": args.n, "seed": args.seed, "skipped": skipped, "limits": limits.limits,
                 "shapes": {name: asdict(res) for name, res in runs.items()},
                 "errors": [e for res in [*runs.values(), limits] for e in res.errors]}
        (out / "results.json").write_text(_json(whole), encoding="utf-8")

    for shape in shapes:
        why = available(shape)
        if why:
            skipped[shape] = why
            print(f"[{shape}] {why}", file=sys.stderr)
            continue
        res = runs[shape] = Results(args.n, args.seed, shape=shape)
        try:
            run_shape(shape, out / shape, res, args, save)
        except ShapeUnavailable as exc:
            del runs[shape]
            skipped[shape] = f"skipped: {exc}"
        save()
    if args.limits:
        _step(limits, save, "limits",
              lambda: measure_limits(_fresh(out / "limits"), limits, args.timeout))

    print(table(runs, limits=limits.limits, skipped=skipped))
    print(f"results: {out / 'results.json'}", file=sys.stderr)
    return 1 if limits.errors or any(res.errors for res in runs.values()) else 0


def byte_compile(package: Path) -> bool:
    """Compile `package`'s modules to bytecode once, before any timing, as installing a package
    does. Run from a source tree where PYTHONDONTWRITEBYTECODE is set (this machine sets it),
    every `jinaq` subprocess compiled Jinaq's modules from source again (0.15-0.2 s of each
    build), while MkDocs' and Material's, installed with their bytecode, never pay that. Python
    reads the compiled files even with the variable set. True when every module compiled."""
    return bool(compileall.compile_dir(package, quiet=1))


def run_shape(shape: str, out: Path, res: Results, args: argparse.Namespace, save) -> None:
    """Generate the shape's volume under `out` and run every measurement on it."""
    volume_dir = _fresh(out / "volume")
    made = make_shape(shape, volume_dir, n=args.n, seed=args.seed)
    res.raw_bytes = sum(p.stat().st_size for p in made.paths)
    res.files, res.note = len(made.paths), made.note
    print(f"[{shape}] volume: {made.articles} articles, {len(made.paths)} files, "
          f"{res.raw_bytes / MB:.1f} MB in {volume_dir}", file=sys.stderr)

    volume = _step(res, save, f"{shape}: extract", lambda: measure_extraction(volume_dir, res))
    _step(res, save, f"{shape}: build",
          lambda: measure_build(volume_dir, _fresh(out / "site"), res, volume))
    if not args.no_browser:
        _step(res, save, f"{shape}: search", lambda: measure_search(out / "site", res))
    if not args.no_serve and volume is not None:
        _step(res, save, f"{shape}: serve",
              lambda: measure_serve(volume_dir, volume, _fresh(out / "serve"), res,
                                    args.timeout))
    if not args.skip_baseline and volume is not None:
        _step(res, save, f"{shape}: baseline",
              lambda: measure_baseline(volume, _fresh(out / "baseline"), res))


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    p.add_argument("--n", type=int, default=2000, help="articles in each volume")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--shape", action="append", default=[],
                   help=f"volume shape(s), repeatable or comma-separated: {', '.join(SHAPES)} "
                        f"or all (default: all, skipping dev without ../shared/dev; synthetic "
                        f"only below --n {SMALL_N}; spaced-dense with --scaling)")
    p.add_argument("--scaling", nargs="?", const=",".join(map(str, SCALING_NS)), default=None,
                   metavar="N,N,…",
                   help="time extraction, enrichment and the build at each N (default "
                        f"{','.join(map(str, SCALING_NS))}); no baseline, no serve")
    p.add_argument("--out", default=str(ROOT / "bench" / "output"))
    p.add_argument("--skip-baseline", action="store_true", help="skip the MkDocs + Material build")
    p.add_argument("--no-serve", action="store_true", help="skip the mkdocs serve edit timings")
    p.add_argument("--no-browser", action="store_true",
                   help="skip the search timing in Debian's chromium")
    p.add_argument("--limits", action="store_true",
                   help="also extract a 5 MB single-line input and a 20,000-line article")
    p.add_argument("--timeout", type=float, default=600,
                   help="seconds to wait for a rebuild or a limits case")
    return p


# The shapes asked for, in SHAPES order; none asked: all, or synthetic only for a smoke run
def _shapes(asked: list[str], n: int, scaling: bool = False) -> list[str]:
    names = [name.strip() for item in asked for name in item.split(",") if name.strip()]
    if not names:
        return ["spaced-dense"] if scaling else ["synthetic"] if n < SMALL_N else list(SHAPES)
    if "all" in names:
        return list(SHAPES)
    unknown = [name for name in names if name not in SHAPES]
    if unknown:
        raise ValueError(f"unknown shape {', '.join(unknown)}: expected {', '.join(SHAPES)} "
                         "or all")
    return [name for name in SHAPES if name in names]


def _ns(text: str) -> list[int]:
    ns = sorted({int(part) for part in text.split(",") if part.strip()})
    if not ns or ns[0] < 1:
        raise SystemExit(f"python -m bench: --scaling wants positive article counts, not {text!r}")
    return ns


def _json(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


# Run one measurement; a failure is recorded and the others still run. The results files are
# rewritten after every step (`save`), so an interrupted run keeps what it measured.
def _step(res: Results, save, name: str, fn):
    print(f"[{name}] …", file=sys.stderr)
    try:
        return fn()
    except Exception as exc:  # a benchmark reports what broke and goes on
        res.errors.append(f"{name}: {type(exc).__name__}: {exc}")
        print(f"[{name}] failed: {exc}", file=sys.stderr)
        return None
    finally:
        save()


def measure_extraction(folder: Path, res: Results):
    """Extract the volume in-process; record MB/s of raw text. Returns the Volume.

    A three-article volume is extracted first, so that imports and model loading (language
    detector, morphology dictionaries) count as start-up, not as throughput.
    """
    start = time.perf_counter()
    from generator.ingest.extract import warm_up
    from generator.pipeline import extract_volume

    with tempfile.TemporaryDirectory() as tmp:
        extract_volume(make_volume(Path(tmp), n=3, seed=res.seed + 1, layout="spaced")[0])
    warm_up()  # the language models, which a small volume may never need
    res.jinaq["extract_startup_s"] = time.perf_counter() - start

    start = time.perf_counter()
    extract_volume(folder, do_enrich=False)
    seconds = time.perf_counter() - start
    res.jinaq.update(extract_s=seconds, extract_mb_s=res.raw_bytes / MB / seconds)
    start = time.perf_counter()
    volume = extract_volume(folder)
    seconds = time.perf_counter() - start
    res.jinaq.update(enrich_mb_s=res.raw_bytes / MB / seconds, articles_found=len(volume.articles))
    return volume


def measure_build(folder: Path, site: Path, res: Results, volume=None) -> None:
    """`jinaq build` as a subprocess: wall time, peak RSS, and the site it writes."""
    # --no-articles: the build must not replace the repository's content/articles/ pages.
    # Cold: no page cache. Then twice with a page cache of the bench's own: the first build
    # fills it, the second (same input, as when an editor builds again) reads it. Then one word
    # of one article is changed in the raw text and the same command runs once more.
    base = [*_jinaq(), "build", str(folder), "--site-dir", str(site), "--no-articles"]
    run = run_measured([*base, "--no-cache"], cwd=ROOT)
    _check(run, "jinaq build")
    res.jinaq.update(build_s=run.seconds, peak_rss_mb=run.peak_rss / MB,
                     peak_pss_mb=run.peak_pss / MB,
                     **_site_metrics(site_stats(site)))
    cache = _fresh(site.parent / "page-cache")
    fill = run_measured([*base, "--cache-dir", str(cache)], cwd=ROOT)
    _check(fill, "jinaq build (filling the page cache)")
    warm = run_measured([*base, "--cache-dir", str(cache)], cwd=ROOT)
    _check(warm, "jinaq build (page cache filled)")
    res.jinaq.update(build_fill_cache_s=fill.seconds, build_warm_s=warm.seconds)
    if volume is None or not volume.articles:
        return
    article = volume.articles[len(volume.articles) // 3]
    source = folder / article.source
    original = _change_word(source, article, EDIT_WORD)
    try:
        edit = run_measured([*base, "--cache-dir", str(cache)], cwd=ROOT)
    finally:
        source.write_bytes(original)  # the later steps measure the volume as generated
    _check(edit, "jinaq build (one article edited)")
    page = site / "articles" / f"{article.id}.html"
    res.jinaq.update(build_edit_s=edit.seconds, build_edit_article=article.id,
                     build_edit_shown=page.is_file() and
                     EDIT_WORD in page.read_text(encoding="utf-8", errors="replace"))
    if not res.jinaq["build_edit_shown"]:
        raise RuntimeError(f"the edited word is not in {page.relative_to(site)} after the build")


# Timed on the page's own clock: from the reader's first touch of the search box (pointer down,
# focus or key, whichever comes first) to the first animation
# frame after a result link is in the list (the frame that paints it). Waiting for the selector
# from Playwright instead would time its polling: it checks again 20, 50, 100, 100 ms apart and
# then every 500 ms, so a result shown at 0.68 s was reported at 1.1 s.
_SEARCH_CLOCK = """() => {
  const box = document.querySelector("input.md-search__input")
  const clock = window.__benchSearch = { start: null, shown: null }
  const begin = () => { if (clock.start === null) clock.start = performance.now() }
  for (const type of ["pointerdown", "focus", "keydown"]) box.addEventListener(type, begin)
  const seen = new MutationObserver(() => {
    if (clock.start === null || !document.querySelector(
        ".md-search-result__list .md-search-result__link")) return
    seen.disconnect()
    requestAnimationFrame(() => { clock.shown = performance.now() })
  })
  seen.observe(document.body, { childList: true, subtree: true })
}"""


def measure_search(site: Path, res: Results, query: str = "сайлау жүйесі") -> None:
    """Seconds from typing a query in the site opened from disk (no network) to its first result.

    The page is loaded first; the clock starts when the reader clicks into the search box, so
    the time includes loading the index in the worker, as a reader who searches at once waits
    for it."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"])
        page = browser.new_page()
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:")
                   else r.abort())
        page.goto((site / "index.html").as_uri())
        page.wait_for_load_state("load")
        box = page.locator("input.md-search__input")
        page.locator("label.md-header__button[for='__search']").first.click() \
            if not box.is_visible() else None
        page.evaluate(_SEARCH_CLOCK)
        box.click()
        box.press_sequentially(query)
        box.press("End")
        page.wait_for_function("() => window.__benchSearch.shown !== null", polling="raf",
                               timeout=60000)
        clock = page.evaluate("window.__benchSearch")
        res.jinaq["search_first_result_s"] = (clock["shown"] - clock["start"]) / 1000
        browser.close()


def measure_baseline(volume, work: Path, res: Results) -> None:
    """The same article pages (title + body Markdown) built by bare MkDocs + Material."""
    docs = work / "docs"
    (docs / "articles").mkdir(parents=True)
    (docs / "index.md").write_text("# Baseline volume\n", encoding="utf-8")
    for art in volume.articles:
        (docs / "articles" / f"{art.id}.md").write_text(
            f"# {art.title or art.id}\n\n{art.body}\n", encoding="utf-8")
    config = {"site_name": "Baseline", "docs_dir": str(docs), "site_dir": str(work / "site"),
              "theme": {"name": "material"}, "plugins": ["search"]}
    yml = work / "mkdocs.yml"
    yml.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    run = run_measured([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(yml)], cwd=work)
    _check(run, "baseline mkdocs build")
    res.baseline.update(build_s=run.seconds, peak_rss_mb=run.peak_rss / MB,
                        peak_pss_mb=run.peak_pss / MB,
                        **_site_metrics(site_stats(work / "site")))


def measure_serve(folder: Path, volume, work: Path, res: Results, timeout: float) -> None:
    """Under `mkdocs serve`: time from editing the raw text, then the corrections, to the page."""
    article = volume.articles[len(volume.articles) // 2]
    corrections = work / "corrections.yml"
    corrections.write_text(yaml.safe_dump(_corrections({})), encoding="utf-8")
    yml = _serve_config(folder, corrections)
    port = _free_port()
    proc = None
    log = (work / "serve.log").open("wb")
    try:
        page = f"http://127.0.0.1:{port}{_mount_path(yml)}articles/{article.id}.html"
        start = time.perf_counter()
        # (Ctrl-C must stop it: a shell's background job, the bench's too, ignores SIGINT, and
        # a child would inherit that)
        proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-f", str(yml),
                                 "-a", f"127.0.0.1:{port}"], cwd=ROOT, stdout=log, stderr=log,
                                preexec_fn=_default_sigint if os.name == "posix" else None)
        _wait_for(page, lambda body: True, timeout, proc)
        res.jinaq["serve_first_build_s"] = time.perf_counter() - start

        start = _edit_raw(folder / article.source, article, EDIT_MARKER)
        _wait_for(page, lambda body: EDIT_MARKER in body, timeout, proc)
        res.jinaq["edit_raw_s"] = time.perf_counter() - start

        title = f"Bench title {EDIT_MARKER}"
        start = time.perf_counter()
        corrections.write_text(yaml.safe_dump(_corrections({article.id: {"title": title}}),
                                              allow_unicode=True), encoding="utf-8")
        _wait_for(page, lambda body: title in body, timeout, proc)
        res.jinaq["edit_corrections_s"] = time.perf_counter() - start
    finally:
        if proc is not None:
            # Ctrl-C, as a person stops it: MkDocs then removes its temporary site folder
            # (SIGTERM left one of about 90 MB behind each run)
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        log.close()
        yml.unlink(missing_ok=True)


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def measure_limits(work: Path, res: Results, timeout: float) -> None:
    """Extract two pathological inputs in a subprocess each: time and peak memory, reported."""
    cases = {"single_line_5mb": make_single_line(work / "single_line.txt"),
             "article_20000_lines": make_long_article(work / "long_article.txt")}
    code = "import sys; from generator.pipeline import extract_volume; extract_volume(sys.argv[1])"
    for name, path in cases.items():
        run = run_measured([sys.executable, "-c", code, str(path)], cwd=ROOT, timeout=timeout)
        res.limits[name] = {"bytes": path.stat().st_size, "seconds": run.seconds,
                            "peak_rss_mb": run.peak_rss / MB, "returncode": run.returncode,
                            "error": run.stderr.strip().splitlines()[-1:] if run.returncode else []}


def run_scaling(ns: list[int], shapes: list[str], seed: int, out: Path) -> int:
    """For each shape and N: extraction and enrichment in-process, `jinaq build --no-cache` as a
    subprocess; a table of seconds and ms per article, and the per-article time at the largest N
    against that at N = 500 (the N nearest to it when 500 is not run). Target: ≤ 1.2."""
    from generator.enrich.stage import enrich
    from generator.ingest.extract import warm_up
    from generator.pipeline import extract_volume

    with tempfile.TemporaryDirectory() as tmp:  # imports and models: not in the first N's time
        extract_volume(make_volume(Path(tmp), n=3, seed=seed + 1, layout="spaced")[0])
    warm_up()
    report: dict = {"seed": seed, "ns": ns, "shapes": {}, "errors": []}
    tables = []
    for shape in shapes:
        why = available(shape)
        if why:
            tables.append(f"{shape}: {why}")
            continue
        rows: list[dict] = []
        report["shapes"][shape] = rows
        for n in ns:
            work = out / "scaling" / shape
            folder = _fresh(work / "volume")
            made = make_shape(shape, folder, n=n, seed=seed)
            raw = sum(p.stat().st_size for p in made.paths)
            print(f"[scaling {shape} N={n}] {raw / MB:.1f} MB …", file=sys.stderr)
            gc.collect()
            start = time.perf_counter()
            volume = extract_volume(folder, do_enrich=False)
            extract_s = time.perf_counter() - start
            start = time.perf_counter()
            enrich(volume)
            enrich_s = time.perf_counter() - start
            found = len(volume.articles)
            del volume
            gc.collect()
            run = run_measured([*_jinaq(), "build", str(folder), "--site-dir",
                                str(_fresh(work / "site")), "--no-articles", "--no-cache"],
                               cwd=ROOT)
            row = {"n": n, "articles": found, "mb": raw / MB, "extract_s": extract_s,
                   "enrich_s": enrich_s, "build_s": run.seconds, "build_pss_mb": run.peak_pss / MB,
                   "build_rc": run.returncode}
            if run.returncode:
                report["errors"].append(f"{shape} N={n}: jinaq build exited {run.returncode}: "
                                        f"{run.stderr[-500:]}")
            rows.append(row)
            (out / "scaling.json").write_text(_json(report), encoding="utf-8")
        tables.append(scaling_table(shape, rows))
    print("\n\n".join(tables))
    for e in report["errors"]:
        print(f"error: {e}")
    print(f"results: {out / 'scaling.json'}", file=sys.stderr)
    return 1 if report["errors"] else 0


def scaling_table(shape: str, rows: list[dict]) -> str:
    """N | MB | extraction s, ms/article | enrichment s, ms/article | build s, ms/article | PSS;
    then the ratio of the per-article times at the largest N to those at the reference N."""
    out = [f"scaling, {shape}:", "",
           "| N | MB | extract (s) | ms/article | enrich (s) | ms/article | build (s) | "
           "ms/article | build PSS (MB) |", "|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        per = [1000 * r[k] / r["n"] for k in ("extract_s", "enrich_s", "build_s")]
        out.append(f"| {r['n']} | {r['mb']:.1f} | {r['extract_s']:.2f} | {per[0]:.2f} | "
                   f"{r['enrich_s']:.2f} | {per[1]:.2f} | {r['build_s']:.2f} | {per[2]:.2f} | "
                   f"{r['build_pss_mb']:.0f} |")
    if len(rows) >= 2:
        ref = min(rows[:-1], key=lambda r: (abs(r["n"] - SCALING_REFERENCE), r["n"]))
        last = rows[-1]
        parts = []
        for key, label in (("extract_s", "extract"), ("enrich_s", "enrich"), ("build_s", "build")):
            base = ref[key] / ref["n"]
            ratio = (last[key] / last["n"]) / base if base else float("inf")
            parts.append(f"{label} {ratio:.2f}× ({'yes' if ratio <= 1.2 else 'no'})")
        out.append("")
        out.append(f"time per article at N = {last['n']} / at N = {ref['n']} (target ≤ 1.2): "
                   + ", ".join(parts))
    return "\n".join(out)


def run_measured(cmd: list[str], cwd: Optional[Path] = None,
                 timeout: Optional[float] = None) -> Run:
    """Run `cmd`, sampling the resident memory of it and all its children until it exits.

    Past `timeout` seconds the process tree is killed and the run reports returncode -9.
    """
    start = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=err)
        peak = peak_pss = 0
        ps = psutil.Process(proc.pid)
        next_pss = 0.0
        while proc.poll() is None:
            # RSS is cheap to read; PSS walks each process's page tables (milliseconds for a
            # large one), which at every sample would take a quarter of a core from the run.
            now = time.perf_counter()
            rss, pss = _tree_memory(ps, pss=now >= next_pss)
            if pss is not None:
                next_pss = now + PSS_POLL
                peak_pss = max(peak_pss, pss)
            peak = max(peak, rss)
            if timeout is not None and time.perf_counter() - start > timeout:
                _kill_tree(ps)
                proc.wait()
                break
            time.sleep(POLL)
        seconds = time.perf_counter() - start
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    return Run(seconds, peak, proc.returncode, stderr[-4000:], peak_pss)


def site_stats(site: Path) -> SiteStats:
    """Size of a built site, its largest HTML page, and its search index."""
    files = [p for p in site.rglob("*") if p.is_file()]
    pages = [p for p in files if p.suffix == ".html"]
    largest = max(pages, key=lambda p: (p.stat().st_size, str(p)), default=None)
    index = site / SEARCH_INDEX
    return SiteStats(
        bytes=sum(p.stat().st_size for p in files),
        pages=len(pages),
        largest_page=str(largest.relative_to(site)) if largest else "",
        largest_page_bytes=largest.stat().st_size if largest else 0,
        search_index_bytes=index.stat().st_size if index.is_file() else None,
        search_dir_bytes=sum(p.stat().st_size for p in (site / SEARCH_DIR).rglob("*")
                             if p.is_file()),
        search_loaded_bytes=sum(p.stat().st_size for p in (site / SEARCH_DIR).rglob("*")
                                if p.is_file() and "text" not in p.relative_to(site).parts[1:-1]),
        largest_article_bytes=max((p.stat().st_size for p in pages
                                   if p.relative_to(site).parts[0] == "articles"), default=0),
    )


def table(results, limits: Optional[dict] = None,
          skipped: Optional[dict[str, str]] = None) -> str:
    """The results as a Markdown table: metric | target, then per shape jinaq | baseline |
    ratio | ok. `results` is one Results or {shape: Results}."""
    runs: dict[str, Results] = {results.shape: results} if isinstance(results, Results) \
        else dict(results)
    limits = results.limits if isinstance(results, Results) and limits is None else limits or {}
    head = "| metric | target |" + "".join(f" {name} | baseline | ratio | ok |" for name in runs)
    rows = [head, "|---|---|" + "---|---|---|---|" * len(runs)]
    for key, (label, unit, target, check) in TARGETS.items():
        side, other = COMPARED_WITH.get(key, ("baseline", key))
        cells, seen = [], False
        for res in runs.values():
            j = res.jinaq.get(key)
            b = (res.baseline if side == "baseline" else res.jinaq).get(other)
            seen = seen or j is not None or (b is not None and side == "baseline")
            ratio = f"{j / b:.2f}×" if j is not None and b else ""
            ok = "" if check is None or j is None else ("yes" if check(j, b) else "no")
            shown = _fmt(b) + (" (cold)" if side == "jinaq" and b is not None else "")
            cells.append(f" {_fmt(j)} | {shown} | {ratio} | {ok} |")
        if not seen:
            continue
        name = f"{label} ({unit})" if unit else label
        rows.append(f"| {name} | {target} |" + "".join(cells))
    blank = " | | | |" * (len(runs) - 1)
    for name, case in limits.items():
        status = ("ok" if case["returncode"] == 0 else "timed out" if case["returncode"] < 0
                  else f"failed: {case['error']}")
        rows.append(f"| limits: {name} | report only | {case['seconds']:.2f} s, "
                    f"{case['peak_rss_mb']:.0f} MB | | | {status} |{blank}")
    rows.append("")
    for name, res in runs.items():
        rows.append(f"{name}: {res.n} articles, {res.raw_bytes / MB:.1f} MB raw text"
                    f"{f' in {res.files} files' if res.files else ''}, "
                    f"{res.jinaq.get('articles_found', '?')} articles extracted; "
                    f"largest page: {res.jinaq.get('largest_page', '?')}"
                    f"{f' ({res.note})' if res.note else ''}")
    rows += [f"{name}: {why}" for name, why in (skipped or {}).items()]
    rows += [f"error: {e}" for res in runs.values() for e in res.errors]
    return "\n".join(rows)


def _site_metrics(s: SiteStats) -> dict:
    return {"site_mb": s.bytes / MB, "pages": s.pages, "largest_page": s.largest_page,
            "largest_page_kb": s.largest_page_bytes / 1024,
            "largest_article_kb": s.largest_article_bytes / 1024,
            "search_index_mb": None if s.search_index_bytes is None else s.search_index_bytes / MB,
            "search_dir_mb": s.search_dir_bytes / MB,
            "search_loaded_mb": s.search_loaded_bytes / MB}


def _fmt(v) -> str:
    if v is None:
        return "—"
    return f"{v:.2f}" if isinstance(v, float) else str(v)


# Resident memory of a process and its descendants; 0 for those that just exited
def _tree_memory(ps: psutil.Process, pss: bool = True) -> tuple[int, Optional[int]]:
    """(RSS, PSS) summed over a process tree (PSS None unless asked). Forked workers map their
    parent's pages, so RSS counts those pages once per process; PSS shares them out (Linux
    only, else RSS)."""
    rss_sum, pss_sum = 0, 0
    try:
        procs = [ps, *ps.children(recursive=True)]
    except psutil.Error:
        return 0, (0 if pss else None)
    for p in procs:
        try:
            if pss and hasattr(psutil.Process, "memory_full_info") and sys.platform == "linux":
                full = p.memory_full_info()
                rss_sum, pss_sum = rss_sum + full.rss, pss_sum + full.pss
            else:
                one = p.memory_info().rss
                rss_sum, pss_sum = rss_sum + one, pss_sum + one
        except psutil.Error:
            pass
    return rss_sum, (pss_sum if pss else None)


def _kill_tree(ps: psutil.Process) -> None:
    try:
        procs = [*ps.children(recursive=True), ps]
    except psutil.Error:
        return
    for p in procs:
        try:
            p.kill()
        except psutil.Error:
            pass


def _check(run: Run, what: str) -> None:
    if run.returncode != 0:
        raise RuntimeError(f"{what} exited {run.returncode}: {run.stderr[-1500:]}")


# The jinaq command: the installed script, else the CLI module through this interpreter
def _jinaq() -> list[str]:
    script = shutil.which("jinaq")
    if script:
        return [script]
    return [sys.executable, "-c", "import sys; from generator.cli import main; sys.exit(main())"]


# Empty a directory this harness owns (under --out) and return it
def _fresh(path: Path) -> Path:
    if path.exists():
        shutil.rmtree(path)
    path.mkdir(parents=True)
    return path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# Poll a URL until its body satisfies `ready`; fail if the server dies or time runs out
def _wait_for(url: str, ready, timeout: float, proc: subprocess.Popen) -> None:
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"mkdocs serve exited {proc.returncode} (see serve.log)")
        try:
            with urllib.request.urlopen(url, timeout=5) as r:
                if ready(r.read().decode("utf-8", "replace")):
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.05)
    raise TimeoutError(f"{url} did not show the change within {timeout:.0f} s")


# Insert `marker` after the first word of a body line in the middle of the article; returns
# the perf_counter time of the write. Line endings and layout are kept byte for byte.
def _edit_raw(source: Path, article, marker: str) -> float:
    lines = source.read_bytes().decode("utf-8").split("\n")  # as read.py numbers lines
    first, last = article.lines
    for i in range((first + last) // 2, last):
        words = lines[i - 1].split(" ")
        if len([w for w in words if w.strip()]) >= 5:
            lines[i - 1] = " ".join([words[0], marker, *words[1:]])
            break
    else:
        raise RuntimeError(f"no body line to edit in {article.id}")
    data = "\n".join(lines).encode("utf-8")
    start = time.perf_counter()
    source.write_bytes(data)
    return start


# Put `word` in place of the second word of a body line in the middle of the article (the way an
# editor fixes a typo); returns the file's bytes before the change. Line endings are kept.
def _change_word(source: Path, article, word: str) -> bytes:
    data = source.read_bytes()
    lines = data.decode("utf-8").split("\n")  # as read.py numbers lines
    first, last = article.lines
    for i in range((first + last) // 2, last):
        words = lines[i - 1].split(" ")
        if len([w for w in words if w.strip()]) >= 5 and words[1].strip():
            words[1] = word
            lines[i - 1] = " ".join(words)
            break
    else:
        raise RuntimeError(f"no body line to edit in {article.id}")
    source.write_bytes("\n".join(lines).encode("utf-8"))
    return data


def _corrections(titles: dict) -> dict:
    """A corrections file that sets article titles (format of content/corrections.yml)."""
    return {"articles": titles}


def _serve_config(folder: Path, corrections: Path) -> Path:
    """A config next to the project's mkdocs.yml that inherits it (so relative paths still
    resolve) and points the `jinaq` plugin at the synthetic volume and corrections file.

    INHERIT replaces lists rather than merging them, so the whole plugin list is restated.
    """
    from mkdocs.utils.yaml import yaml_load  # mkdocs' own reader: the file may hold !ENV tags

    with (ROOT / "mkdocs.yml").open("rb") as f:
        plugins = yaml_load(f).get("plugins") or []
    if isinstance(plugins, dict):
        plugins = [{name: opts} for name, opts in plugins.items()]
    # A page cache of its own, empty: the first preview build is measured cold, and the
    # project's .cache/ is left alone.
    options = {"raw": str(folder), "corrections": str(corrections),
               "cache_dir": str(corrections.parent / "page-cache"),
               "ids": str(corrections.parent / "ids.yml")}  # not the project's content/ids.yml
    entries, found = [], False
    for entry in plugins:
        name = entry if isinstance(entry, str) else next(iter(entry))
        if name == PLUGIN:
            found = True
            entry = {PLUGIN: {**((entry[PLUGIN] or {}) if isinstance(entry, dict) else {}),
                              **options}}
        entries.append(entry)
    if not found:
        entries.append({PLUGIN: options})
    yml = ROOT / SERVE_CONFIG
    yml.write_text(yaml.safe_dump({"INHERIT": "mkdocs.yml", "plugins": entries},
                                  allow_unicode=True), encoding="utf-8")
    return yml


# The URL path `mkdocs serve` mounts the site at (the path of site_url)
def _mount_path(yml: Path) -> str:
    from urllib.parse import urlparse

    from mkdocs.config import load_config

    path = urlparse(load_config(str(yml)).site_url or "").path or "/"
    return path if path.endswith("/") else path + "/"


if __name__ == "__main__":
    sys.exit(main())
