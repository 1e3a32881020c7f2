"""Test helpers: the project root, running the CLI, copying the project."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path


ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SAMPLE = ROOT / "content" / "raw"


def run_jinaq(*args: str, cwd: Path | None = None, check: bool = True, env=None):
    """Run the installed CLI the way a user does; return the CompletedProcess."""
    proc = subprocess.run([sys.executable, "-m", "generator.cli", *args], cwd=cwd or ROOT,
                          capture_output=True, text=True, env=env)
    if check and proc.returncode != 0:
        raise AssertionError(f"jinaq {' '.join(args)} failed:\n{proc.stderr}")
    return proc


def copy_project(dest: Path) -> Path:
    """A copy of what `jinaq build` reads, so tests may edit content/ freely."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(ROOT / "theme_overrides", dest / "theme_overrides")
    (dest / "content").mkdir()
    shutil.copytree(ROOT / "content" / "raw", dest / "content" / "raw")
    for name in ("volume.yml", "corrections.yml", "glossary.yml", "ids.yml"):
        if (ROOT / "content" / name).exists():
            shutil.copy(ROOT / "content" / name, dest / "content" / name)
    return dest


def input_paths(project: Path) -> dict[str, Path]:
    """The raw input and the editor's files of a project copy, as build_site takes them."""
    content = project / "content"
    return {"raw": content / "raw", "corrections": content / "corrections.yml",
            "glossary": content / "glossary.yml", "volume": content / "volume.yml",
            "ids": content / "ids.yml"}


READERS = FIXTURES / "readers"


def readers_project(dest: Path, volume: bool = True, language: str | None = None) -> Path:
    """A project whose volume is tests/fixtures/readers (titles in capitals, kk/ru/en), with its
    volume.yml (`volume=False`: none, as an editor starts) and, if given, another site language."""
    project = copy_project(dest)
    raw = project / "content" / "raw"
    shutil.rmtree(raw)
    shutil.copytree(READERS / "raw", raw)
    target = project / "content" / "volume.yml"
    if volume:
        shutil.copy(READERS / "volume.yml", target)
    elif target.exists():
        target.unlink()
    if language:
        config = (project / "mkdocs.yml").read_text(encoding="utf-8")
        (project / "mkdocs.yml").write_text(config.replace("language: kk", f"language: {language}"),
                                            encoding="utf-8")
    return project


def start_serve(args: list[str], **popen) -> subprocess.Popen:
    """`mkdocs serve ARGS` in a process that Ctrl-C stops (stop_serve): a shell's background job
    ignores SIGINT and its children inherit that, so the server gets the default back."""
    import signal

    def default_sigint() -> None:
        signal.signal(signal.SIGINT, signal.SIG_DFL)

    return subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", *args],
                            preexec_fn=default_sigint if os.name == "posix" else None, **popen)


def stop_serve(proc: subprocess.Popen, timeout: float = 20) -> None:
    """Stop `mkdocs serve` as a person does, with Ctrl-C (SIGINT): it then removes its temporary
    site folder and runs the plugins' on_shutdown. (SIGTERM ends it at once and leaves the
    folder, about 90 MB a 2,000-article preview, in the temporary directory.)"""
    import signal

    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
