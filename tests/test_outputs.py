"""The files that are no page (site/outputs.py), kept between one-off builds: what a build
takes from the kept copy is byte for byte what it would make, whatever changed since."""
from __future__ import annotations

import copy
import dataclasses
import multiprocessing
import os

import pytest

import generator.site.outputs as outputs
from generator.pipeline import build_site
from jinaq_testing import copy_project, input_paths

LANG = "kk"


@pytest.fixture(scope="module")
def volume(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("outputs") / "project")
    vol, _ = build_site(input_paths(project), LANG)
    return vol


def files(folder) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def write(tmp_path, name, volume, keep=None, site_url="https://example.org/v/"):
    site = tmp_path / name
    site.mkdir()
    job = outputs.Outputs(volume, site_url, LANG, keep=str(keep) if keep else None)
    outputs.write_outputs(job, site)
    return files(site)


def edited(volume):
    """The volume with one article's text and another's title changed."""
    vol = copy.deepcopy(volume)
    a, b = vol.articles[0], vol.articles[1]
    a.blocks[-1] = dataclasses.replace(a.blocks[-1], text=a.blocks[-1].text + " Жинақтексері")
    b.title = (b.title or "") + " (түзетілді)"
    b.titles = {k: v + " (түзетілді)" for k, v in b.titles.items()}
    return vol


def test_kept_outputs_are_the_outputs_made_afresh(tmp_path, volume, monkeypatch):
    keep = tmp_path / "keep"
    fresh = write(tmp_path, "fresh", volume)
    assert "volume.json" in fresh and any(f.startswith("search/jinaq-index-") for f in fresh)
    assert any(f.endswith(".bib") for f in fresh) and "sitemap.xml" in fresh
    assert write(tmp_path, "first", volume, keep) == fresh
    # The same volume again: nothing indexed or exported again, the same bytes
    monkeypatch.setattr("generator.publish.search.build_index", _must_not_run)
    monkeypatch.setattr(outputs, "_exports", _must_not_run)
    assert write(tmp_path, "again", volume, keep) == fresh


def test_the_peoples_spellings_are_kept_for_the_next_build(tmp_path, volume, monkeypatch):
    """Each person's search spellings (several transliterations) are made once and kept: the
    next one-off build takes them from the cache (it made them again, every build, before)."""
    keep = tmp_path / "keep"
    assert volume.people
    first = write(tmp_path, "first", volume, keep)
    monkeypatch.setattr("generator.enrich.people.person_search_terms", _must_not_run)
    assert write(tmp_path, "again", volume, keep) == first


def shortened(volume):
    """The volume without its first article (every document after it renumbered)."""
    vol = copy.deepcopy(volume)
    del vol.articles[0]
    return vol


@pytest.mark.parametrize("change", [edited, shortened])
def test_what_changed_is_made_again(tmp_path, volume, change):
    keep = tmp_path / "keep"
    write(tmp_path, "first", volume, keep)
    changed = change(volume)
    kept = write(tmp_path, "edited", changed, keep)
    fresh = write(tmp_path, "fresh", changed)
    assert kept == fresh
    assert kept != write(tmp_path, "before", volume)
    # and back: the kept index, updated in place twice, is still the one made afresh
    assert write(tmp_path, "back", volume, keep) == write(tmp_path, "before-again", volume)
    # Not in the model, still in the files: the site's address (sitemap, OAI)
    moved = write(tmp_path, "moved", changed, keep, site_url="https://example.net/other/")
    assert moved == write(tmp_path, "moved-fresh", changed, site_url="https://example.net/other/")
    assert moved["sitemap.xml"] != kept["sitemap.xml"]


def test_after_an_edit_only_the_changed_articles_downloads_are_made_again(tmp_path, volume,
                                                                          monkeypatch):
    """A one-off build after an edit to one article makes that article's BibTeX, RIS and
    CSL-JSON again (and the volume's files), not every article's; the site it built before
    keeps its bytes (its files may be links to the kept ones)."""
    from generator.publish import harvest

    keep = tmp_path / "keep"
    titled = copy.deepcopy(volume)  # (every article citable: it has downloads)
    for n, a in enumerate(titled.articles):
        a.title, a.titles = f"Мақала {n}", {"kk": f"Мақала {n}"}
    first = write(tmp_path, "first", titled, keep)
    changed = copy.deepcopy(titled)
    target = changed.articles[1]
    target.title, target.titles = "Мақала (түзетілді)", {"kk": "Мақала (түзетілді)"}
    made = []
    real = harvest.article_files
    monkeypatch.setattr(harvest, "article_files",
                        lambda a, v: made.append(a["id"]) or real(a, v))
    kept = write(tmp_path, "edited", changed, keep)
    assert made == [target.id]
    monkeypatch.undo()
    assert kept == write(tmp_path, "fresh", changed)
    assert kept[f"articles/{target.id}.bib"] != first[f"articles/{target.id}.bib"]
    assert files(tmp_path / "first") == first


def test_a_site_file_changed_in_place_is_not_taken_as_kept(tmp_path, volume):
    keep = tmp_path / "keep"
    first = write(tmp_path, "first", volume, keep)
    # A deploy script appends to the site's files in place (the kept copy may be the same file)
    for name in ("sitemap.xml", next(f for f in first if f.startswith("search/text/"))):
        with open(tmp_path / "first" / name, "a", encoding="utf-8") as f:
            f.write("<!-- changed -->")
    assert write(tmp_path, "again", volume, keep) == first


def test_files_kept_by_other_code_are_made_again(tmp_path, volume, monkeypatch):
    from generator.util import stamped

    keep = tmp_path / "keep"
    write(tmp_path, "first", volume, keep)
    monkeypatch.setattr(stamped, "code_stamp", lambda: "another version")
    made = []
    real = outputs._exports
    monkeypatch.setattr(outputs, "_exports", lambda *a, **k: made.append(1) or real(*a, **k))
    index = "generator.publish.search.build_index"
    real_index = __import__("generator.publish.search", fromlist=["x"]).build_index
    monkeypatch.setattr(index, lambda *a, **k: made.append(2) or real_index(*a, **k))
    again = write(tmp_path, "again", volume, keep)
    assert 1 in made and 2 in made
    assert again == write(tmp_path, "fresh", volume)


def test_a_keep_folder_that_cannot_be_made_costs_no_output(tmp_path, volume):
    blocked = tmp_path / "file"
    blocked.write_text("a file where the folder would go", encoding="utf-8")
    assert write(tmp_path, "site", volume, keep=blocked / "outputs") == write(tmp_path, "fresh",
                                                                               volume)


def _must_not_run(*args, **kwargs):
    raise AssertionError("made again though kept")


@pytest.mark.parametrize("keep", [False, True])
def test_split_in_two_processes_the_outputs_are_the_same_files(tmp_path, volume, keep,
                                                               monkeypatch):
    """A build forks the search index and the other outputs into two processes, or (in the
    background, while a cold build makes its pages) one process of lower priority: either way
    they write exactly what one process writes (a new Python, as under the preview server)."""
    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("the split needs fork")
    made = {}
    for way, forked, background in (("new", False, False), ("split", True, False),
                                    ("background", True, True)):
        # (forked though the test runner may have threads of its own: they stay idle meanwhile)
        monkeypatch.setattr(outputs, "can_fork", lambda forked=forked: forked)
        kept = str(tmp_path / f"keep-{way}") if keep else None
        job = outputs.Outputs(volume, "https://example.org/v/", LANG, keep=kept)
        run = outputs.OutputsJob(job, tmp_path / f"parent-{way}", background=background)
        assert len(run._forks) == {"new": 0, "split": 2, "background": 1}[way]
        site = tmp_path / f"site-{way}"
        site.mkdir()
        run.move_into(site)
        made[way] = files(site)
    assert "volume.json" in made["split"] and any(f.startswith("search/") for f in made["split"])
    assert made["split"] == made["new"] == made["background"]


def test_in_the_background_the_outputs_yield_the_cores(tmp_path, volume, monkeypatch):
    """The background process runs at a lower priority than the build (os.nice)."""
    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("needs fork")
    seen = tmp_path / "niceness"
    real = outputs.write_outputs
    monkeypatch.setattr(outputs, "can_fork", lambda: True)
    monkeypatch.setattr(outputs, "write_outputs", lambda job, out: (
        seen.write_text(str(os.nice(0))), real(job, out))[1])
    job = outputs.Outputs(volume, None, LANG, search=False)
    outputs.OutputsJob(job, tmp_path / "parent", background=True).move_into(tmp_path)
    assert int(seen.read_text()) >= os.nice(0) + 10 or int(seen.read_text()) == 19


def test_a_job_sent_in_pieces_to_a_new_python_writes_what_one_process_writes(tmp_path, volume,
                                                                            monkeypatch):
    """Under the preview server the job goes to a new Python a few articles at a time: the
    articles the volume shares with its people and glossary arrive once, and the files are
    those made here."""
    monkeypatch.setattr(outputs, "PIECE", 1)
    monkeypatch.setattr(outputs, "can_fork", lambda: False)
    assert len(volume.articles) > outputs.PIECE
    run = outputs.OutputsJob(outputs.Outputs(volume, "https://example.org/v/", LANG),
                             tmp_path / "parent")
    site = tmp_path / "site"
    site.mkdir()
    run.move_into(site)
    assert files(site) == write(tmp_path, "here", volume)


def test_a_refresh_writes_the_search_index_only_when_what_it_indexes_changed(tmp_path, volume,
                                                                            monkeypatch):
    """A preview's refresh names the key of the index it serves; the child writes the index
    only for another key, and says the key it found, which never lands in the site."""
    monkeypatch.setattr(outputs, "can_fork", lambda: False)
    key = outputs.search_key(volume, LANG)
    made = {}
    for served in ("", "an older key", key):
        job = outputs.Outputs(volume, None, LANG, exports=False, model=False,
                              search_served=served)
        run = outputs.OutputsJob(job, tmp_path / "parent")
        site = tmp_path / f"site-{len(made)}"
        site.mkdir()
        run.move_into(site)
        assert run.search_key == key
        made[served] = files(site)
    assert made[""] == made["an older key"] != {}
    assert not any(f.startswith("search/") for f in made[key])
    assert not any(".search-key" in f for found in made.values() for f in found)


def test_a_job_no_longer_wanted_is_given_up_while_it_is_sent(tmp_path, volume, monkeypatch):
    """The refresh asks between pieces whether a newer build began; when one did, the child is
    stopped and its folder removed, well before the whole volume was pickled."""
    monkeypatch.setattr(outputs, "PIECE", 1)
    monkeypatch.setattr(outputs, "can_fork", lambda: False)
    asked = []

    def wanted() -> bool:
        asked.append(1)
        return len(asked) < 2

    with pytest.raises(outputs.GaveWay):
        outputs.OutputsJob(outputs.Outputs(volume, None, LANG), tmp_path / "parent",
                           wanted=wanted)
    assert len(asked) == 2 < len(volume.articles)
    assert list((tmp_path / "parent").iterdir()) == []
