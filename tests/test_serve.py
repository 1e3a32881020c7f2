"""Editor preview: `mkdocs serve` regenerates a page when the raw text or corrections.yml change."""
from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
import yaml

from jinaq_testing import run_jinaq

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
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                            cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        assert wait_for(f"http://127.0.0.1:{port}/index.html", "</html>", 90), "serve did not start"
        yield project, f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=20)


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
    finally:
        os.chdir(cwd)
    raw = os.path.realpath(project / "content" / "raw")
    assert intervals[(raw, True)] == pytest.approx(0.1)
    assert intervals[(os.path.realpath(project / "content"), False)] == pytest.approx(0.1)
    assert intervals[(os.path.realpath(project / "content"), True)] == pytest.approx(0.5)
    assert intervals[(os.path.realpath(project / "theme_overrides"), True)] == pytest.approx(0.5)
