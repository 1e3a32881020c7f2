"""The `jinaq` command itself: --version, a reader that stops early, progress on a terminal,
where the offline copy went."""
from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import subprocess
import sys
import termios

import pytest

from jinaq_testing import ROOT, SAMPLE, run_jinaq


def test_version():
    from importlib.metadata import version

    proc = run_jinaq("--version")
    assert proc.stdout.strip() == f"jinaq {version('jinaq')}"


@pytest.mark.parametrize("fmt", ["json", "summary"])
def test_a_reader_that_stops_early_gets_no_error(fmt):
    """`jinaq extract … | head`: the reader has gone when the model is written; no message,
    and the exit status of a command stopped by SIGPIPE."""
    proc = subprocess.Popen([sys.executable, "-m", "generator.cli", "extract", str(SAMPLE),
                             "--format", fmt], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            cwd=ROOT)
    proc.stdout.close()  # gone before the first line, the case a fast `head` meets at the end
    stderr = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 141
    assert stderr == ""


def run_on_terminal(args: list[str], cwd) -> tuple[int, str]:
    """Run the CLI with stderr on a pseudo-terminal; its exit status and what the terminal got."""
    controller, terminal = pty.openpty()
    # A new pseudo-terminal is 0 columns wide: give it a real terminal's size.
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    proc = subprocess.Popen([sys.executable, "-m", "generator.cli", *args], cwd=cwd, env=env,
                            stdout=subprocess.DEVNULL, stderr=terminal)
    os.close(terminal)
    out = b""
    while True:
        ready, _, _ = select.select([controller], [], [], 1)
        if ready:
            try:
                chunk = os.read(controller, 65536)
            except OSError:  # the other end closed
                break
            if not chunk:
                break
            out += chunk
        elif proc.poll() is not None:
            break
    os.close(controller)
    return proc.wait(), out.decode("utf-8", "replace")


def test_progress_shown_on_a_terminal_only(project):
    code, terminal = run_on_terminal(["build", "--no-cache"], cwd=project)
    assert code == 0
    assert "jinaq: reading the volume" in terminal and "jinaq: writing the pages" in terminal
    assert "jinaq: built 3 articles" in terminal
    piped = run_jinaq("build", "--no-cache", cwd=project, env={**os.environ, "CI": ""})
    assert "jinaq: reading the volume" not in piped.stderr
    assert piped.stderr.strip().splitlines()[-1].startswith("jinaq: built 3 articles")


def test_offline_says_where_the_zip_went(project):
    proc = run_jinaq("build", "--offline", cwd=project)
    zipped = project / "site-offline.zip"
    assert zipped.is_file()
    assert f"offline copy (unzip, open site/index.html): {zipped}" in proc.stderr


def test_a_build_leaves_the_garbage_collector_as_it_found_it(project, monkeypatch):
    """`jinaq build` collects less often while it builds (and freezes the volume), and puts
    both back: main() may run in a process that goes on."""
    import gc

    from generator import cli

    monkeypatch.chdir(project)
    before = gc.get_threshold(), gc.get_freeze_count()
    assert cli.main(["build", "--no-cache", "--no-articles"]) == 0
    assert (project / "site" / "index.html").is_file()
    assert (gc.get_threshold(), gc.get_freeze_count()) == before
    # MkDocs hands the same plugin to the process's next build, which must freeze nothing
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    build(load_config(str(project / "mkdocs.yml"), site_dir=str(project / "again")))
    assert gc.get_freeze_count() == before[1]
