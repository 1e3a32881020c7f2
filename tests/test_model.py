"""The data model (generator/model.py): an article's fingerprint, which every cached stage keys
its results by, changes with each field it covers, even one changed in place."""
from __future__ import annotations

import dataclasses

import pytest

from generator.model import Article, Block


def article() -> Article:
    block = Block("para", "Мәтін бірінші абзацы.", "a.txt", 5, 6, offsets=[(0, 5), (10, 6)])
    return Article(id="a", source="a.txt", lines=[1, 9], title="Тақырып", language="kk",
                   abstract="Аңдатпа.", abstracts={"kk": "Аңдатпа."}, keywords=["бір", "екі"],
                   keywords_by_language={"kk": ["бір", "екі"]}, body="Мәтін бірінші абзацы.",
                   blocks=[block])


def change_blocks(a: Article) -> None:
    a.blocks = [dataclasses.replace(a.blocks[0], text="Басқа мәтін.")]
    a.blocks_digest = ""  # as corrections.py does when it changes the blocks


@pytest.mark.parametrize("change", [
    lambda a: a.keywords.append("үш"),
    lambda a: a.keywords_by_language["kk"].append("үш"),
    lambda a: a.abstracts.update(ru="Аннотация."),
    lambda a: setattr(a, "title", "Басқа тақырып"),
    lambda a: setattr(a, "id", "b"),
    lambda a: setattr(a, "language", "ru"),
    lambda a: setattr(a, "abstract", "Басқа аңдатпа."),
    lambda a: setattr(a, "body", a.body + " Қосымша."),
    change_blocks,
])
def test_the_fingerprint_follows_every_field_it_covers(change):
    a = article()
    first = a.fingerprint()
    assert a.fingerprint() == first == article().fingerprint()
    change(a)
    assert a.fingerprint() != first
    fresh = article()
    change(fresh)
    assert a.fingerprint() == fresh.fingerprint()  # the same as for an article made so
