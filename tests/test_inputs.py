"""Inputs through the CLI: the same volume gives the same model whatever its encoding, invisible
characters never reach the site, and a file of the input folder that is no volume is named."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from jinaq_testing import FIXTURES, run_jinaq

ENCODINGS = FIXTURES / "encodings"
INVISIBLE = ("\ufeff", "\u200b", "\u2060")


def model_of(folder: Path, text: str, encoding: str) -> dict:
    """`jinaq extract` of `text` saved in `encoding` as folder/volume.txt."""
    folder.mkdir()
    (folder / "volume.txt").write_bytes(text.encode(encoding))
    return json.loads(run_jinaq("extract", str(folder / "volume.txt")).stdout)


@pytest.mark.parametrize("fixture,encoding", [
    ("ru_volume.txt", "cp1251"), ("ru_volume.txt", "utf-16"),
    ("ru_volume_plain.txt", "koi8_r"), ("kk_volume.txt", "kz1048"),
])
def test_same_volume_same_model_whatever_the_encoding(tmp_path, fixture, encoding):
    if fixture == "ru_volume_plain.txt":  # KOI8-R has no en dash and no numero sign
        text = (ENCODINGS / "ru_volume.txt").read_text(encoding="utf-8")
        text = text.replace("–", "-").replace("№", "N")
    else:
        text = (ENCODINGS / fixture).read_text(encoding="utf-8")
    utf8 = model_of(tmp_path / "utf8", text, "utf-8")
    legacy = model_of(tmp_path / "legacy", text, encoding)
    assert utf8["timeline"], "the fixture dates events"
    assert legacy == utf8


@pytest.fixture
def invisible_project(project) -> Path:
    """The Russian fixture volume with zero-width characters and stray BOMs in its text, and a
    corrections entry whose id was pasted with one."""
    raw = project / "content" / "raw"
    shutil.rmtree(raw)
    raw.mkdir()
    text = (ENCODINGS / "ru_volume.txt").read_text(encoding="utf-8")
    text = (text.replace("ИЗБИРАТЕЛЬНАЯ РЕФОРМА", "ИЗБИРАТЕЛЬ\u200bНАЯ РЕФОРМА")
            .replace("референдуме 5 июня", "референдуме\ufeff 5 июня")
            .replace("Ключевые слова: выборы", "Ключевые слова: вы\u2060боры")
            .replace("УДК 352.07", "\ufeffУДК 352.07"))
    (raw / "volume.txt").write_text(text, encoding="utf-8")
    (project / "content" / "ids.yml").unlink(missing_ok=True)
    (project / "content" / "corrections.yml").write_text(
        "articles:\n  \u200bmestnoe-samoupravlenie-i-vybory-akimov:\n"
        "    affiliation: \"\ufeffЕНУ им. Л.Н. Гумилёва\"\n", encoding="utf-8")
    return project


def test_invisible_characters_reach_no_output(invisible_project):
    run_jinaq("build", cwd=invisible_project)
    site = invisible_project / "site"
    model = json.loads((site / "volume.json").read_text(encoding="utf-8"))
    assert [a["title"] for a in model["articles"]][0] == \
        "ИЗБИРАТЕЛЬНАЯ РЕФОРМА В РЕСПУБЛИКЕ КАЗАХСТАН"
    assert model["articles"][1]["affiliation"] == "ЕНУ им. Л.Н. Гумилёва"
    outputs = [site / "volume.json", *site.glob("articles/*"),
               *(invisible_project / "content" / "articles").glob("*.md"),
               invisible_project / "content" / "ids.yml"]
    assert len(outputs) > 6
    for f in outputs:
        text = f.read_text(encoding="utf-8")
        assert not any(c in text for c in INVISIBLE), f


def test_input_folder_with_a_file_that_is_no_volume(tmp_path):
    folder = tmp_path / "raw"
    folder.mkdir()
    shutil.copy(ENCODINGS / "ru_volume.txt", folder / "01.txt")
    (folder / "02.txt").write_bytes(b"\x00\x01\x02\x03" * 64)  # binary data under a .txt name
    proc = run_jinaq("extract", str(folder), "--format", "summary", check=False)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr.count("\n") == 1 and "02.txt" in proc.stderr and "--skip-bad" in proc.stderr
    proc = run_jinaq("extract", str(folder), "--format", "summary", "--skip-bad")
    assert "warning" in proc.stderr and "02.txt" in proc.stderr
    assert proc.stdout.count("\n") == 2  # both articles of 01.txt
    assert yaml.safe_load(run_jinaq("extract", str(folder), "--format", "yaml",
                                    "--skip-bad").stdout)["source"] == ["01.txt"]
