"""Shared fixtures: a throw-away copy of the project, the sample's gold facts, the built sample."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from jinaq_testing import FIXTURES, SAMPLE, copy_project, run_jinaq

pytest_plugins = ["browser_fixtures", "publish_fixtures"]


@pytest.fixture(scope="session")
def gold() -> dict:
    # Copied from shared/gold/000_02ec53893fe1c391.yml (the user's reading of the sample).
    return yaml.safe_load((FIXTURES / "gold_sample.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def sample_model() -> dict:
    proc = run_jinaq("extract", str(SAMPLE), "--format", "json")
    return json.loads(proc.stdout)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def built_sample(tmp_path_factory) -> Path:
    """The sample site, built once per session by `jinaq build` in a project copy."""
    proj = copy_project(tmp_path_factory.mktemp("built") / "project")
    run_jinaq("build", cwd=proj)
    return proj
