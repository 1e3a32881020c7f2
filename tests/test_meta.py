"""ingest/meta.py: volume.yml read into the typed model.VolumeMeta, each key checked once."""
import typing

import pytest

from generator.errors import JinaqError
from generator.ingest.meta import FIELDS, load_volume_meta
from generator.model import VolumeMeta


def test_the_checked_keys_are_the_typed_keys():
    assert set(FIELDS) == set(typing.get_type_hints(VolumeMeta))
    assert VolumeMeta.__required_keys__ == frozenset()


def test_a_volume_file_is_read_with_its_types(tmp_path):
    f = tmp_path / "volume.yml"
    f.write_text("title: {kk: Жинақ, ru: Сборник}\ndate: 2024-04-19\nyear: 2024\n"
                 "files: [a.pdf, b.pdf]\n", encoding="utf-8")
    meta = load_volume_meta(f)
    assert meta == {"title": {"kk": "Жинақ", "ru": "Сборник"}, "date": "2024-04-19",
                    "year": 2024, "files": ["a.pdf", "b.pdf"]}


@pytest.mark.parametrize("text, line, words", [
    ("title: Жинақ\nyaer: 2024\n", 2, "unknown field 'yaer'"),
    ("title: Жинақ\n\nfiles: a.pdf\n", 3, "field 'files' has the wrong type"),
    ("date: 19.04.2024\n", 1, "not a date"),
])
def test_a_wrong_key_stops_with_its_line(tmp_path, text, line, words):
    f = tmp_path / "volume.yml"
    f.write_text(text, encoding="utf-8")
    with pytest.raises(JinaqError) as err:
        load_volume_meta(f)
    assert words in str(err.value) and f"volume.yml:{line}" in str(err.value)
