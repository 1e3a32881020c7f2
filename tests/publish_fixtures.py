"""The invented conference of tests/fixtures/publish/: its volume.yml and its articles, as the
citation, Scholar-tag and harvest tests read them."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

FIX = Path(__file__).parent / "fixtures" / "publish"


@pytest.fixture
def volume() -> dict:
    return yaml.safe_load((FIX / "volume.yml").read_text(encoding="utf-8"))


@pytest.fixture
def articles() -> list[dict]:
    return yaml.safe_load((FIX / "articles.yml").read_text(encoding="utf-8"))
