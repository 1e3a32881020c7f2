"""The code's own checks, run as tests so CI runs them: ruff (the rules in pyproject.toml) and
mypy (strict on generator/model.py and generator/pipeline.py, the default elsewhere)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True,
                          text=True, check=False)


def test_ruff_finds_nothing():
    run = _run("ruff", "check", "generator", "tests", "bench")
    assert run.returncode == 0, run.stdout + run.stderr


def test_mypy_finds_nothing():
    run = _run("mypy")  # files and strictness from [tool.mypy] in pyproject.toml
    assert run.returncode == 0, run.stdout + run.stderr
