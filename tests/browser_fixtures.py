"""Shared Playwright fixtures: Debian's chromium, a local HTTP server, a network that stays local.

Every page a test opens goes through `open_page`, whose routing aborts any request that would
leave this machine and records it, so a test can assert that a page made none.
"""
from __future__ import annotations

import functools
import http.server
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Callable, Iterator
from urllib.parse import urlsplit

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
LOCAL_SCHEMES = {"file", "data", "blob", "about", "chrome-error"}


@pytest.fixture(scope="session")
def browser():
    """Headless Debian chromium (Playwright never downloads a browser here)."""
    sync_api = pytest.importorskip("playwright.sync_api")
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is not installed")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


class _Handler(http.server.SimpleHTTPRequestHandler):
    prefix = ""

    def translate_path(self, path: str) -> str:
        # Serve the directory under `prefix` only, as a site deployed in a sub-folder is.
        clean = urlsplit(path).path
        if not clean.startswith(self.prefix + "/"):
            return os.path.join(self.directory, "\0missing")
        return super().translate_path(clean[len(self.prefix):])

    def log_message(self, *args) -> None:  # keep test output quiet
        pass


@dataclass
class Server:
    root: Path
    prefix: str
    port: int

    @property
    def url(self) -> str:
        """Base URL of the served directory, ending in "/"."""
        return f"http://127.0.0.1:{self.port}{self.prefix}/"


@pytest.fixture
def serve() -> Iterator[Callable[..., Server]]:
    """serve(directory, prefix="") -> Server on 127.0.0.1, stopped after the test."""
    servers: list[http.server.ThreadingHTTPServer] = []

    def start(directory: Path, prefix: str = "") -> Server:
        prefix = "/" + prefix.strip("/") if prefix.strip("/") else ""
        handler = type("Handler", (_Handler,), {"prefix": prefix})
        httpd = http.server.ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        servers.append(httpd)
        return Server(Path(directory), prefix, httpd.server_address[1])

    yield start
    for httpd in servers:
        httpd.shutdown()
        httpd.server_close()


@dataclass
class LocalPage:
    page: object  # playwright Page
    blocked: list[str] = field(default_factory=list)  # non-local URLs requested (aborted)
    errors: list[str] = field(default_factory=list)  # uncaught page errors


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in LOCAL_SCHEMES or (parts.hostname or "") in LOCAL_HOSTS


@pytest.fixture
def open_page(browser) -> Iterator[Callable[[str], LocalPage]]:
    """open_page(url) -> LocalPage in a fresh context whose non-local requests are aborted."""
    contexts = []

    def start(url: str) -> LocalPage:
        context = browser.new_context()
        contexts.append(context)
        result = LocalPage(page=None)

        def route(r):
            if _is_local(r.request.url):
                r.continue_()
            else:
                result.blocked.append(r.request.url)
                r.abort()

        context.route("**/*", route)
        page = context.new_page()
        page.on("pageerror", lambda e: result.errors.append(str(e)))
        # Requests the router does not see (e.g. from workers) still show up here.
        context.on("request", lambda req: None if _is_local(req.url)
                   or req.url in result.blocked else result.blocked.append(req.url))
        result.page = page
        page.goto(url)
        return result

    yield start
    for context in contexts:
        context.close()
