"""Editor preview: `mkdocs serve` regenerates a page when the raw text or corrections.yml change."""
from __future__ import annotations

import json
import socket
import subprocess
import time
import urllib.request

import pytest
import yaml

from jinaq_testing import run_jinaq, start_serve, stop_serve

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, needle: str, timeout: float = 60) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if needle in fetch(url):
            return True
        time.sleep(0.3)
    return False


@pytest.fixture
def served(project):
    port = free_port()
    proc = start_serve(["-a", f"127.0.0.1:{port}"], cwd=project, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE)
    try:
        assert wait_for(f"http://127.0.0.1:{port}/index.html", "</html>", 90), "serve did not start"
        yield project, f"http://127.0.0.1:{port}"
    finally:
        stop_serve(proc)


def test_raw_edit_and_corrections_edit_regenerate_the_page(served):
    project, base = served
    model = json.loads(run_jinaq("extract", "content/raw", "--format", "json",
                                 "--no-enrich", cwd=project).stdout)
    b = next(a for a in model["articles"] if a["language"] == "kk")
    url = f"{base}/articles/{b['id']}.html"
    assert "маңыздылығын көрсетеді" in fetch(url)

    raw = next((project / "content" / "raw").glob("*.txt"))
    raw.write_text(raw.read_text(encoding="utf-8").replace(
        "маңыздылығын көрсетеді", "маңыздылығын ТҮЗЕТІЛГЕН көрсетеді"), encoding="utf-8")
    assert wait_for(url, "ТҮЗЕТІЛГЕН"), "raw edit did not reach the served page"
    # Pages the edit did not touch are reused from the last build, not lost.
    other = next(a for a in model["articles"] if a["id"] != b["id"])
    assert other["body"].split()[1] in fetch(f"{base}/articles/{other['id']}.html")
    # volume.json (and the search index, exports) catch up in the background.
    assert wait_for(f"{base}/volume.json", "ТҮЗЕТІЛГЕН"), "preview outputs were not refreshed"
    assert json.loads(fetch(f"{base}/volume.json"))["articles"][0]["id"] == model["articles"][0]["id"]

    corrections = project / "content" / "corrections.yml"
    corrections.write_text(yaml.safe_dump({"articles": {b["id"]: {"title": "Редактор тақырыбы"}}},
                                          allow_unicode=True), encoding="utf-8")
    written = corrections.read_bytes()
    assert wait_for(url, "Редактор тақырыбы"), "corrections edit did not reach the served page"
    time.sleep(1.5)
    assert "__jinaqManifest" in fetch(f"{base}/search/jinaq-manifest.js"), "search lost in preview"
    assert corrections.read_bytes() == written, "a rebuild must never rewrite corrections.yml"


def test_the_editors_inputs_are_polled_more_often_than_the_rest(project):
    """Watchdog's public emitter list shows each watched path and its polling interval."""
    import os

    from mkdocs.config import load_config
    from mkdocs.livereload import LiveReloadServer

    cwd = os.getcwd()
    os.chdir(project)
    try:
        config = load_config(str(project / "mkdocs.yml"))
        config.plugins.on_startup(command="serve", dirty=False)
        config.plugins.run_event("config", config)
        server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=free_port(),
                                  root=str(project / "site"))
        try:
            server.watch(config.docs_dir)  # as `mkdocs serve` does before the plugins
            config.plugins.on_serve(server, config=config, builder=lambda: None)
            server.watch(str(project / "theme_overrides"))  # as it does after them
            # A watched file is polled through its folder (not recursively).
            intervals = {(os.path.realpath(e.watch.path), e.watch.is_recursive): e.timeout
                         for e in server.observer.emitters}
        finally:
            server.server_close()
            config.plugins.on_shutdown()  # (as `mkdocs serve` does: its watch folder goes)
    finally:
        os.chdir(cwd)
        import gc

        gc.unfreeze()  # a preview freezes the heap between builds: not this test process's
    raw = os.path.realpath(project / "content" / "raw")
    assert intervals[(raw, True)] == pytest.approx(0.1)
    assert intervals[(os.path.realpath(project / "content"), False)] == pytest.approx(0.1)
    # MkDocs' own watch of the whole docs folder would see each save of an input again, half a
    # second later, and rebuild a second time: it is replaced by watches of the other entries.
    assert (os.path.realpath(project / "content"), True) not in intervals
    assert intervals[(os.path.realpath(project / "theme_overrides"), True)] == pytest.approx(0.5)


@pytest.fixture
def served_logged(project, tmp_path):
    """`mkdocs serve` on a project copy, its log in a file (to count rebuilds)."""
    port = free_port()
    log = tmp_path / "serve.log"
    with open(log, "wb") as out:
        proc = start_serve(["-a", f"127.0.0.1:{port}"], cwd=project, stdout=out, stderr=out)
    try:
        assert wait_for(f"http://127.0.0.1:{port}/index.html", "</html>", 90), "serve did not start"
        yield project, f"http://127.0.0.1:{port}", log
    finally:
        stop_serve(proc)


def rebuilds(log) -> int:
    return log.read_text(encoding="utf-8", errors="replace").count("Reloading browsers")


def settle(log, count: int) -> int:
    """Wait until the preview has rebuilt `count` times, then a little longer, in which a second
    rebuild of the same save would start: the number of rebuilds then."""
    end = time.monotonic() + 60
    while rebuilds(log) < count and time.monotonic() < end:
        time.sleep(0.2)
    time.sleep(2.5)  # MkDocs' own watch polls every 0.5 s; its rebuild would have begun
    return rebuilds(log)


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code


def test_preview_never_lies(served_logged):
    project, base, log = served_logged
    content = project / "content"
    ids = list(yaml.safe_load((content / "ids.yml").read_text(encoding="utf-8")))
    url = f"{base}/articles/{ids[2]}.html"
    corrections = content / "corrections.yml"
    assert wait_for(f"{base}/volume.json", '"people"')
    person = json.loads(fetch(f"{base}/volume.json"))["people"][0]["id"]

    # A failed rebuild: the error (file, line, message) on the open page and on every other
    # page at once, not the last good version, nor a page that hangs.
    start = rebuilds(log)
    corrections.write_text(f"articles:\n  {ids[2]}:\n    titel: X\n", encoding="utf-8")
    assert wait_for(url, 'id="jinaq-build-error"'), "the error did not reach the page"
    page = fetch(url)
    assert "corrections.yml, line 3" in page and "did you mean &#39;title&#39;?" in page
    begun = time.monotonic()
    assert 'id="jinaq-build-error"' in fetch(f"{base}/index.html")
    assert time.monotonic() - begun < 5, "pages must not wait for a good build"
    assert settle(log, start + 1) == start + 1, "one save, one rebuild"
    # Fixed: the page comes back.
    corrections.write_text(f"articles:\n  {ids[2]}:\n    title: Еуропалық одақ\n",
                           encoding="utf-8")
    assert wait_for(url, "Еуропалық одақ"), "the preview did not recover"
    assert 'id="jinaq-build-error"' not in fetch(f"{base}/index.html")
    # (the redirects at people's old addresses too: the error was shown on them)
    stub = fetch(f"{base}/people/{person}.html")
    assert 'http-equiv="refresh"' in stub and 'id="jinaq-build-error"' not in stub
    assert settle(log, start + 2) == start + 2

    # An address changed in ids.yml: the old one redirects, the new one serves the article.
    ids_file = content / "ids.yml"
    ids_file.write_text(ids_file.read_text(encoding="utf-8").replace(
        f"{ids[2]}:\n", f"{ids[2]}:\n  id: eu\n"), encoding="utf-8")
    assert wait_for(f"{base}/articles/eu.html", "Еуропалық одақ"), "renamed page missing"
    old = fetch(url)
    assert 'url=eu.html' in old and "Еуропалық одақ" not in old
    assert settle(log, start + 3) == start + 3

    # An article that leaves the volume: its page (and its exports) leave the served site.
    corrections.write_text("not_articles:\n  - {lines: [1, 25]}\n", encoding="utf-8")
    end = time.monotonic() + 60
    while status(f"{base}/articles/{ids[0]}.html") != 404 and time.monotonic() < end:
        time.sleep(0.3)
    assert status(f"{base}/articles/{ids[0]}.html") == 404
    assert status(f"{base}/articles/{ids[0]}.bib") == 404
    assert settle(log, start + 4) == start + 4

    # A new article: its id is appended to ids.yml by the build, which starts no second build.
    before = ids_file.read_text(encoding="utf-8")
    corrections.write_text("split_at:\n  - {line: 120}\n", encoding="utf-8")
    assert settle(log, start + 5) == start + 5
    after = ids_file.read_text(encoding="utf-8")
    assert after.startswith(before) and len(after) > len(before)
    new = list(yaml.safe_load(after))[-1]
    assert "</html>" in fetch(f"{base}/articles/{new}.html")


def test_the_preview_collects_the_heap_on_the_first_refresh_then_every_few():
    """A refresh of the preview's outputs collects the whole heap only now and then: the
    collection holds the interpreter a third of a second at 2,000 articles, and a save landing
    then waited for it (edits two seconds apart: 1.95 s to the page, 1.6 s without)."""
    from generator.site.preview import COLLECT_EVERY, Preview

    preview = Preview()
    due = [preview.collect_due() for _ in range(2 * COLLECT_EVERY + 1)]
    assert COLLECT_EVERY > 1
    assert due == ([True] + [False] * (COLLECT_EVERY - 1)) * 2 + [True]


class _FakeJob:
    """Stands in for outputs.OutputsJob: records what the preview does with it."""

    def __init__(self, key: str) -> None:
        self.search_key = key
        self.done: list[str] = []

    def wait(self) -> None:
        self.done.append("wait")

    def cancel(self) -> None:
        self.done.append("cancel")

    def move_into(self, site_dir) -> None:
        self.done.append("move")


def _refresh(tmp_path, monkeypatch, start, caplog):
    """One refresh of a preview's outputs, at once, to its end; returns the preview."""
    import threading

    from generator.site import preview as preview_module

    monkeypatch.setattr(preview_module, "REFRESH_DELAY", 0)
    preview = preview_module.Preview()
    preview._refreshes = 1  # (no collection of the heap in a test)
    preview._search_key = "served"
    before = set(threading.enumerate())
    with caplog.at_level("WARNING", logger="mkdocs.plugins.jinaq"):
        preview._refresh_later(tmp_path, lambda served, wanted: start(preview, served, wanted))
        for thread in set(threading.enumerate()) - before:
            thread.join(10)
    return preview


@pytest.mark.parametrize("when", ["none", "while it starts", "while it is sent"])
def test_a_refresh_gives_way_to_a_build_that_begins_while_it_starts(tmp_path, monkeypatch,
                                                                    caplog, when):
    """A save landing while the refresh hands the volume to its process begins a build: the
    refresh stops there (its process stopped, nothing moved into the site, the served search
    key kept), and says nothing; the newer build's own refresh follows. Before, the refresh
    went on: it held the interpreter while it pickled the volume, then let its process write
    for seconds beside the build."""
    from generator.site.outputs import GaveWay

    job = _FakeJob("new key")

    def start(preview, served, wanted):
        assert served == "served" and wanted()
        if when == "while it starts":
            preview.start_build()
        if when == "while it is sent":
            preview.start_build()
            assert not wanted()
            raise GaveWay
        return job

    preview = _refresh(tmp_path, monkeypatch, start, caplog)
    assert not caplog.records
    if when == "none":
        assert job.done == ["wait", "move"] and preview._search_key == "new key"
    else:
        assert "move" not in job.done and preview._search_key == "served"
        assert job.done == (["cancel"] if when == "while it starts" else [])
