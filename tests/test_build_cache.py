"""A one-off `jinaq build` keeps the pipeline's cache in a file (pipeline.BuildCache.save/load):
after an edit it makes exactly the pages a fresh build makes, redoes only the edited source file,
and a cache made by other code, or an unreadable one, is ignored."""
from __future__ import annotations

import pytest

import generator.pipeline as pipeline
from generator.pipeline import BuildCache, build_site
from generator.util import stamped
from jinaq_testing import copy_project, input_paths, run_jinaq

LANG = "kk"


def two_sources(project):
    """The sample split in two files at an article start, so one can change alone."""
    raw = next((project / "content" / "raw").iterdir())
    lines = raw.read_text(encoding="utf-8").splitlines(keepends=True)
    volume, _ = build_site(input_paths(project), LANG)
    cut = max(a.lines[0] for a in volume.articles) - 1
    raw.write_text("".join(lines[:cut]), encoding="utf-8")
    (raw.parent / ("zz_" + raw.name)).write_text("".join(lines[cut:]), encoding="utf-8")
    return raw


def built_and_kept(tmp_path):
    """The sample in two source files, built once with a cache saved to its file: (the first
    file, the input paths, the cache file)."""
    project = copy_project(tmp_path / "project")
    raw = two_sources(project)
    paths, kept = input_paths(project), tmp_path / "cache" / "build.pickle"
    cache = BuildCache()
    build_site(paths, LANG, cache=cache)
    cache.save(kept)
    return raw, paths, kept


def edit_line(raw, word):
    lines = raw.read_text(encoding="utf-8").splitlines(keepends=True)
    n = max(i for i, line in enumerate(lines) if len(line) > 60)  # a body line near the end
    lines[n] = lines[n].rstrip("\n") + f" {word}\n"
    raw.write_text("".join(lines), encoding="utf-8")


def test_a_cache_read_back_from_its_file_makes_the_fresh_pages(tmp_path, monkeypatch):
    project = copy_project(tmp_path / "project")
    raw = two_sources(project)
    paths, kept = input_paths(project), tmp_path / "cache" / "build.pickle"
    BuildCache().save(kept)
    cache = BuildCache.load(kept)
    build_site(paths, LANG, cache=cache)
    cache.save(kept)

    edit_line(raw, "Jinaqcachedword")
    extracted = []
    real = pipeline._extract_source
    monkeypatch.setattr(pipeline, "_extract_source",
                        lambda src, *a: extracted.append(src.name) or real(src, *a))
    volume, pages = build_site(paths, LANG, cache=BuildCache.load(kept))
    assert extracted == [raw.name]  # the other file came from the cache
    _, fresh = build_site(paths, LANG)
    assert pages.keys() == fresh.keys()
    assert [p for p in fresh if pages[p] != fresh[p]] == []
    assert any("Jinaqcachedword" in text for text in pages.values())


def test_a_cache_made_by_other_code_or_unreadable_is_ignored(tmp_path, monkeypatch):
    kept = tmp_path / "build.pickle"
    cache = BuildCache()
    cache.enrich.events.keep("marker", [])
    cache.save(kept)
    assert BuildCache.load(kept).enrich.events.get("marker") == []
    monkeypatch.setattr(stamped, "code_stamp", lambda: "another version")
    assert BuildCache.load(kept).enrich.events.get("marker") is None
    kept.write_bytes(b"not a pickle")
    assert len(BuildCache.load(kept).enrich.events) == 0
    assert len(BuildCache.load(tmp_path / "missing.pickle").enrich.events) == 0


def test_jinaq_build_after_an_edit_shows_it_and_cache_false_keeps_no_file(tmp_path):
    project = copy_project(tmp_path / "project")
    raw = two_sources(project)
    run_jinaq("build", cwd=project)
    kept = project / ".cache" / "jinaq" / "build.pickle"
    assert kept.exists()
    edit_line(raw, "Jinaqsecondbuild")
    run_jinaq("build", cwd=project)
    site = project / "site"
    assert any("Jinaqsecondbuild" in p.read_text(encoding="utf-8")
               for p in site.glob("articles/*.html"))
    assert "Jinaqsecondbuild" in (site / "volume.json").read_text(encoding="utf-8")
    kept.unlink()
    run_jinaq("build", "--no-cache", cwd=project)
    assert not kept.exists()


@pytest.mark.parametrize("cached", [False, True])
def test_text_no_unit_owns_is_named_on_every_build(tmp_path, monkeypatch, caplog, cached):
    project = copy_project(tmp_path / "project")
    paths = input_paths(project)
    monkeypatch.setattr(pipeline, "_unowned", lambda src, units, furniture: [(3, 4)])
    cache = BuildCache()
    build_site(paths, LANG, cache=cache)
    if cached:
        paths["volume"].write_text("title: {kk: Басқа атау}\n", encoding="utf-8")
    caplog.clear()
    build_site(paths, LANG, cache=cache if cached else None)
    assert any(":3-4: text no article or region owns" in r.getMessage() for r in caplog.records)


def test_a_cache_that_cannot_be_written_costs_no_build(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / ".cache").write_text("a file where the cache folder would go", encoding="utf-8")
    proc = run_jinaq("build", cwd=project)
    assert "build.pickle: not written" in proc.stderr
    assert (project / "site" / "index.html").exists()


def test_an_unchanged_input_leaves_the_cache_file_as_it_was(tmp_path):
    project = copy_project(tmp_path / "project")
    run_jinaq("build", cwd=project)
    kept = project / ".cache" / "jinaq" / "build.pickle"
    written = kept.stat().st_mtime_ns
    saved = BuildCache.load(kept)
    # (the built volume and pages are not saved: they are remade from the other parts)
    assert saved.site is None and saved.saved_key and saved.sources
    run_jinaq("build", cwd=project)
    assert kept.stat().st_mtime_ns == written  # reused, not written again
    edit_line(next((project / "content" / "raw").iterdir()), "Jinaqthirdbuild")
    run_jinaq("build", cwd=project)
    assert kept.stat().st_mtime_ns != written


@pytest.mark.parametrize("part", ["sources", "read"])
def test_each_source_file_is_saved_apart_and_an_edit_rewrites_only_its_own(tmp_path, part):
    """A source file's result (.sources) and what it was read as (.read) are files of their
    own: an edit to one source file rewrites its own two, no other."""
    raw, paths, kept = built_and_kept(tmp_path)
    folder = kept.with_name(f"{kept.name}.{part}")
    before = {f.name: f.stat().st_mtime_ns for f in folder.iterdir()}
    assert len(before) == 2  # one file per source file

    edit_line(raw, "Jinaqapartword")
    cache = BuildCache.load(kept)
    assert len(getattr(cache, part)) == 2
    build_site(paths, LANG, cache=cache)
    cache.save(kept)
    after = {f.name: f.stat().st_mtime_ns for f in folder.iterdir()}
    assert len(after) == 2
    assert len(before.keys() & after.keys()) == 1  # the edited file's replaced
    (same,) = before.keys() & after.keys()
    assert after[same] == before[same]  # the other one not written again
    _, pages = build_site(paths, LANG, cache=BuildCache.load(kept))
    assert any("Jinaqapartword" in text for text in pages.values())


def test_a_build_from_a_kept_cache_stems_or_lemmatises_no_glossary_term_again(tmp_path, monkeypatch):
    from generator.enrich import glossary

    project = copy_project(tmp_path / "project")
    paths, kept = input_paths(project), tmp_path / "cache" / "build.pickle"
    cache = BuildCache()
    build_site(paths, LANG, cache=cache)
    cache.save(kept)
    # As in a new process: nothing compiled yet, and a count of the words stemmed for terms
    # and of the Russian keys whose paradigms are looked up (the filters of _relevance).
    monkeypatch.setattr(glossary, "_COMPILED", {})
    monkeypatch.setattr(glossary, "_RELEVANT", {})
    stemmed, paradigms = [], []
    real, forms = glossary._word_keys, glossary.morphology.ru_lemma_forms
    monkeypatch.setattr(glossary, "_word_keys", lambda w, lang: stemmed.append(w) or real(w, lang))
    monkeypatch.setattr(glossary.morphology, "ru_lemma_forms",
                        lambda lemma: paradigms.append(lemma) or forms(lemma))
    _, pages = build_site(paths, LANG, cache=BuildCache.load(kept))
    assert stemmed == [] and paradigms == []
    assert any("/glossary/" in text for text in pages.values())  # the terms are still linked


def test_an_edited_file_asks_the_language_model_only_what_the_last_build_did_not(
        tmp_path, monkeypatch):
    from generator.ingest import extract

    asked: list[str] = []
    real = extract._detector()

    class Counting:
        def detect_language_of(self, text):
            asked.append(text)
            return real.detect_language_of(text)

    monkeypatch.setattr(extract, "_detector", Counting)
    raw, paths, kept = built_and_kept(tmp_path)
    before, _ = build_site(paths, LANG, cache=BuildCache.load(kept))
    assert asked  # the sample has a short Cyrillic text its script does not settle
    # Edit the file that holds it, elsewhere: a new process must not need the model again.
    holder = next(f for f in raw.parent.iterdir()
                  if asked[0][:25] in " ".join(f.read_text(encoding="utf-8").split()))
    edit_line(holder, "Jinaqlanguageword")
    asked.clear()
    after, pages = build_site(paths, LANG, cache=BuildCache.load(kept))
    assert asked == []
    assert any("Jinaqlanguageword" in text for text in pages.values())
    assert [a.language for a in after.articles] == [a.language for a in before.articles]


def test_a_one_off_build_compiles_the_theme_templates_once(tmp_path):
    project = copy_project(tmp_path / "project")
    templates = project / ".cache" / "jinaq" / "templates"
    run_jinaq("build", cwd=project)
    compiled = {str(p): p.stat().st_mtime_ns for p in templates.rglob("*")}
    assert len(compiled) > 10  # Material's base, partials and Jinaq's overrides
    # and the templates the pages are written with (Markdown of articles, lists, glossary)
    (pages,) = templates.glob("pages-*")
    assert len(list(pages.iterdir())) >= 3
    edit_line(two_sources(project), "Jinaqtemplatesword")
    run_jinaq("build", cwd=project)
    assert {str(p): p.stat().st_mtime_ns for p in templates.rglob("*")} == compiled
    assert "Jinaqtemplatesword" in (project / "site" / "volume.json").read_text(encoding="utf-8")
    run_jinaq("build", "--no-cache", "--cache-dir", str(tmp_path / "unused"), cwd=project)
    assert not (tmp_path / "unused").exists()


def test_an_edit_extracts_again_only_the_article_it_touched(tmp_path, monkeypatch):
    raw, paths, kept = built_and_kept(tmp_path)
    edit_line(raw, "Jinaqoneword")
    extracted = []
    real = pipeline.extract_all
    monkeypatch.setattr(pipeline, "extract_all", lambda items: extracted.extend(
        seg.lines for seg, _ in items) or real(items))
    volume, pages = build_site(paths, LANG, cache=BuildCache.load(kept))
    (edited,) = [a for a in volume.articles if "Jinaqoneword" in a.body]
    assert extracted == [edited.lines]  # the file's other articles came from the cache
    monkeypatch.setattr(pipeline, "extract_all", real)
    fresh_volume, fresh = build_site(paths, LANG)
    assert volume.to_dict() == fresh_volume.to_dict()
    assert [p for p in fresh if pages.get(p) != fresh[p]] == []


def test_an_edit_that_moves_only_the_timeline_makes_only_its_pages_again(
        tmp_path, monkeypatch):
    from generator.pages import glossary_pages, people_pages, timeline_page

    raw, paths, kept = built_and_kept(tmp_path)
    made = []
    for module, name in [(glossary_pages, "glossary_pages_and_locations"),
                         (people_pages, "render_people_pages"),
                         (timeline_page, "render_timeline_pages")]:
        real = getattr(module, name)
        monkeypatch.setattr(module, name,
                            lambda *a, _real=real, _name=name, **k: made.append(_name) or
                            _real(*a, **k))
    edit_line(raw, "2021 жылы 5 наурызда Жинақбенч ашылды.")  # a new event, no term or name
    volume, pages = build_site(paths, LANG, cache=BuildCache.load(kept))
    assert volume.glossary and volume.people
    assert any("Жинақбенч" in e.sentence and e.date == "2021-03-05" for e in volume.timeline)
    assert made == ["render_timeline_pages"]
    _, fresh = build_site(paths, LANG)
    assert made  # (the fresh build made them: the recorders work)
    assert [p for p in fresh if pages.get(p) != fresh[p]] == []


def test_a_build_that_fails_rendering_leaves_the_page_keys_of_the_pages_the_cache_holds(
        tmp_path, monkeypatch):
    """The site's page keys (site/plugin.py) take each article's from the cache: a preview build
    that fails while rendering, then the edit undone, must find the keys of the site it is
    handed back (the last whole build's), not those of the build that failed."""
    import generator.pages.render as render

    project = copy_project(tmp_path / "project")
    raw, paths = next((project / "content" / "raw").iterdir()), input_paths(project)
    cache = BuildCache(memos={})
    volume, _ = build_site(paths, LANG, cache=cache)
    keys = dict(cache.pages.article_keys)
    assert set(keys) == {a.id for a in volume.articles}
    original = raw.read_bytes()
    edit_line(raw, "Jinaqunrendered")

    def fails(*args, **kwargs):
        raise RuntimeError("a page that cannot be rendered")

    monkeypatch.setattr(render, "article_markdown", fails)
    with pytest.raises(RuntimeError):
        build_site(paths, LANG, cache=cache)
    monkeypatch.undo()
    raw.write_bytes(original)
    again, _ = build_site(paths, LANG, cache=cache)  # (the last whole build's site, handed back)
    assert again is volume
    assert cache.pages.article_keys == keys


def test_the_collector_is_paused_for_the_whole_load_of_the_cache(tmp_path, monkeypatch):
    """Unpickling makes millions of objects at N=2,000: a collection between two of the cache's
    files walked all that the files before had made. The collector stays paused from the first
    file to the last (a caller may freeze what was made before it runs again, as `jinaq build`
    does), and is on again after."""
    import gc

    _, _, kept = built_and_kept(tmp_path)
    load, seen = stamped.load, []

    def noted(path):
        seen.append(gc.isenabled())
        return load(path)

    monkeypatch.setattr(stamped, "load", noted)
    assert gc.isenabled()
    cache = BuildCache.load(kept)
    assert len(cache.sources) == 2 and len(seen) == 5 and not any(seen)  # (the cache, the two
    # source files' results and what each was read as)
    assert gc.isenabled()


def test_a_file_added_after_the_last_makes_its_cut_article_whole_again(tmp_path):
    """An article that ends the volume mid-sentence, without references, is marked incomplete
    (the volume is cut there); the same article followed by another file is not. Under the
    preview a file added after the last must change that for the file before it, though its
    text did not change: its results are kept by a key that says whether it is the last."""
    from generator.pipeline import extract_volume
    from jinaq_testing import FIXTURES

    text = FIXTURES / "extract" / "en_ru_spaced.txt"
    lines = text.read_text(encoding="utf-8").split("\n")
    first, last = extract_volume(text).articles[-1].lines
    raw = tmp_path / "raw"
    raw.mkdir()
    cut = "\n".join(lines[:first + (last - first) * 3 // 5]).rstrip(". \n")
    (raw / "a.txt").write_text(cut + "\n", encoding="utf-8")
    cache = BuildCache(memos={})

    def ends_whole(**options) -> bool:
        return [a.complete for a in extract_volume(raw, **options).articles
                if a.source == "a.txt"][-1]

    assert not ends_whole(cache=cache)
    (raw / "b.txt").write_text((FIXTURES / "extract" / "ru_en_compact.txt").read_text(
        encoding="utf-8"), encoding="utf-8")
    assert ends_whole(cache=cache) and ends_whole()
    (raw / "b.txt").unlink()
    assert not ends_whole(cache=cache)
