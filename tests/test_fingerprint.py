"""An article's fingerprint (generator/fingerprint.py), which every cached stage keys its results
by: it changes with each field it covers, even one changed in place, and the digest of the text
made at extraction is the one a fresh hash of the built article gives."""
from __future__ import annotations

import dataclasses

import pytest

import generator.fingerprint as fingerprint_module
from generator.fingerprint import Fingerprints, content_digest
from generator.model import Article, Block
from generator.pipeline import BuildCache, build_site
from jinaq_testing import copy_project, input_paths


def article() -> Article:
    block = Block("para", "Мәтін бірінші абзацы.", "a.txt", 5, 6, offsets=[(0, 5), (10, 6)])
    return Article(id="a", source="a.txt", lines=[1, 9], title="Тақырып", language="kk",
                   abstract="Аңдатпа.", abstracts={"kk": "Аңдатпа."}, keywords=["бір", "екі"],
                   keywords_by_language={"kk": ["бір", "екі"]}, body="Мәтін бірінші абзацы.",
                   blocks=[block])


def change_blocks(a: Article) -> None:
    # (a new list, as a correction that merges two articles makes)
    a.blocks = [dataclasses.replace(a.blocks[0], text="Басқа мәтін.")]


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
    fingerprint = Fingerprints()
    a = article()
    first = fingerprint(a)
    assert fingerprint(a) == first == Fingerprints()(article())
    change(a)
    assert fingerprint(a) != first
    fresh = article()
    change(fresh)
    assert fingerprint(a) == Fingerprints()(fresh)  # the same as for an article made so


def test_the_next_builds_fingerprints_hash_again_only_what_changed(monkeypatch):
    """A build's fingerprints start from the last build's: an unchanged article's is taken
    back, not hashed again; a changed one's is made anew, the same as a fresh build makes."""
    import hashlib

    a, b = article(), dataclasses.replace(article(), id="b")
    last = Fingerprints()
    before = {x.id: last(x) for x in (a, b)}
    now = Fingerprints(last=last)
    for x in (a, b):
        now.note(x, content_digest(x.blocks, x.body))  # (as extraction does)
    hashed: list[bytes] = []

    class Spy:
        @staticmethod
        def sha256(data: bytes = b""):
            hashed.append(data)
            return hashlib.sha256(data)

    monkeypatch.setattr(fingerprint_module, "hashlib", Spy)
    a.title = "Жаңа тақырып"
    assert now(b) == before["b"] and now(a) != before["a"]
    assert len(hashed) == 1
    monkeypatch.undo()
    assert now(a) == Fingerprints()(a)


def test_a_noted_digest_serves_the_copies_that_share_the_text_and_no_other():
    fingerprint, a = Fingerprints(), article()
    fingerprint.note(a, "digest made at extraction")
    copy = dataclasses.replace(a, keywords=list(a.keywords))  # (as pipeline._fresh_copy)
    assert fingerprint.content(copy) == "digest made at extraction"
    other = dataclasses.replace(a, blocks=list(a.blocks))
    assert fingerprint.content(other) == content_digest(a.blocks, a.body)
    copy.body = a.body + " "
    assert fingerprint.content(copy) == content_digest(copy.blocks, copy.body)


@pytest.mark.parametrize("kept", [False, True], ids=["preview", "saved and loaded"])
def test_the_digests_a_cached_build_keeps_are_those_of_its_articles(tmp_path, monkeypatch, kept):
    """Every article's digest is made where it is extracted, or kept from the last build (an
    edit re-extracts its file and reuses the articles it left alone), and still hashes the
    article the pages are made from: nothing after extraction changed what it covers."""
    project = copy_project(tmp_path / "project")
    paths = input_paths(project)
    cache = BuildCache()
    build_site(paths, "kk", cache=cache)
    if kept:
        cache.save(tmp_path / "cache.pickle")
        cache = BuildCache.load(tmp_path / "cache.pickle")
    raw = next((project / "content" / "raw").iterdir())
    lines = raw.read_text(encoding="utf-8").splitlines(keepends=True)
    n = max(i for i, line in enumerate(lines) if len(line) > 60)
    lines[n] = lines[n].rstrip("\n") + " Қосымша.\n"
    raw.write_text("".join(lines), encoding="utf-8")
    made: list[str] = []  # (digests made after extraction, for want of a kept one)
    monkeypatch.setattr(fingerprint_module, "content_digest",
                        lambda blocks, body: made.append(body) or content_digest(blocks, body))
    volume, _ = build_site(paths, "kk", cache=cache)
    kept_digests = [cache.fingerprints.content(a) for a in volume.articles]
    assert volume.articles and not made
    assert kept_digests == [content_digest(a.blocks, a.body) for a in volume.articles]
