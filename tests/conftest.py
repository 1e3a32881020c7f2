"""Shared fixtures: the project root, a throw-away copy of the project, the sample's gold facts."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

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


@pytest.fixture(scope="session")
def gold() -> dict:
    # Copied from shared/gold/000_02ec53893fe1c391.yml (the user's reading of the sample).
    return yaml.safe_load((FIXTURES / "gold_sample.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def sample_model() -> dict:
    proc = run_jinaq("extract", str(SAMPLE), "--format", "json")
    return json.loads(proc.stdout)


def copy_project(dest: Path) -> Path:
    """A copy of what `jinaq build` reads, so tests may edit content/ freely."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(ROOT / "theme_overrides", dest / "theme_overrides")
    (dest / "content").mkdir()
    shutil.copytree(ROOT / "content" / "raw", dest / "content" / "raw")
    for name in ("volume.yml", "corrections.yml", "glossary.yml"):
        if (ROOT / "content" / name).exists():
            shutil.copy(ROOT / "content" / name, dest / "content" / name)
    return dest


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def built_sample(tmp_path_factory) -> Path:
    """The sample site, built once per session by `jinaq build` in a project copy."""
    proj = copy_project(tmp_path_factory.mktemp("built") / "project")
    run_jinaq("build", cwd=proj)
    return proj
