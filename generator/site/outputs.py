"""The site's files that are no page: volume.json, timeline.json, citation exports, harvest files
(sitemap, OAI), the Crossref deposit and the search index.

They are written by another process while MkDocs fills the page templates (`OutputsJob`), into
a hidden folder beside the site, and moved in at the end: the search index alone takes seconds
for a large volume, and one core is free then. A preview refreshes them after each build, the
search index only when the documents it indexes changed (`search_documents` and its hash).
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import multiprocessing
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Callable, Iterator
from typing import Any, Optional

from ..errors import JinaqError
from ..model import Volume
from ..util.fsutil import link_tree, move_files_into
from ..util import stamped
from ..util.parallel import can_fork
from . import compat

_JOB_ERROR = ".error"  # the child writes its failure here; the parent reports it
_SEARCH_KEY = ".search-key"  # and here the key of the search index it made (search_served)
# Articles per piece of a job sent to a new Python (OutputsJob): the refresh asks between two
# pieces whether it is still wanted.
PIECE = 50


class GaveWay(Exception):
    """An outputs job given up before its child had all of it: a newer build wants the CPU."""


@dataclass(frozen=True)
class Outputs:
    """What to write: the volume and the choices that shape its files (picklable, for the
    child process)."""

    volume: Volume
    site_url: Optional[str]
    lang: str
    exports: bool = True
    search: bool = True
    # The config of the stand-in for Material's lunr index (search_plugin.index_config)
    search_config: Optional[dict] = None
    # A folder where the files are kept for the next build (a one-off build's cache): what
    # was made from the same data is copied from there, and the search index indexes only the
    # documents that changed.
    keep: Optional[str] = None
    # volume.json and timeline.json
    model: bool = True
    # A preview's refresh: the key (search_key) of the search index it serves ("": none yet).
    # The child hashes what the index is made from, writes the index only when that differs,
    # and says the key it found: the preview's own process, where the next build runs, does
    # not spend a third of a second on it after every build.
    search_served: Optional[str] = None


def write_outputs(job: Outputs, site_dir: Path) -> None:
    """Files that are no page: the model, exports, harvest files and the search index. Each is
    written and let go before the next is made: the child runs while the pages are written, and
    its memory adds to theirs."""
    volume = job.volume
    keep = _usable(Path(job.keep)) if job.keep else None
    if job.model:
        with open(site_dir / "volume.json", "w", encoding="utf-8") as f:
            write_json(f, volume.to_dict())
    if job.search:
        key = search_key(volume, job.lang) if job.search_served is not None else None
        if key is None or key != job.search_served:
            write_search_index(volume, site_dir, job.lang, keep=keep,
                               stub_config=job.search_config)
        if key is not None:
            (site_dir / _SEARCH_KEY).write_text(key, encoding="utf-8")
    if job.model:
        _write_files(site_dir, {"timeline.json": timeline_json(job)})
    if job.exports:
        write_exports(job, site_dir, keep=keep)


def write_json(f: Any, data: dict) -> None:
    """`data` to the text file `f` as compact JSON (programs read it; the CLI prints it
    indented), a top-level list item at a time: json.dump writes piece by piece but with its
    slow Python encoder, json.dumps of the whole would hold the 40 MB text of a large volume
    at once."""
    f.write("{")
    for n, (key, value) in enumerate(data.items()):
        f.write(("," if n else "") + _compact(key) + ":")
        if isinstance(value, list):
            f.write("[")
            for m, item in enumerate(value):
                f.write(("," if m else "") + _compact(item))
            f.write("]")
        else:
            f.write(_compact(value))
    f.write("}\n")


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _usable(keep: Path) -> Optional[Path]:
    """`keep`, made when missing; None when it cannot be (a cache costs time, not the build:
    the parent says that the build cache was not written)."""
    try:
        keep.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return keep


def timeline_json(job: Outputs) -> str:
    """timeline.json: the timeline in TimelineJS's format."""
    from ..pages.render import display_title
    from ..publish.timelinejs import to_timelinejs

    articles = job.volume.articles
    titles = {a.id: display_title(a, job.lang) for a in articles}
    urls = {a.id: f"articles/{a.id}.html" for a in articles}
    return _compact(to_timelinejs(job.volume.timeline, titles, urls)) + "\n"


def write_exports(job: Outputs, site_dir: Path, keep: Optional[Path] = None) -> None:
    """The citation exports, harvest files and the Crossref deposit. With `keep`, they are
    made there, or taken from there when they were made from the same records, and copied."""
    volume = job.volume
    meta = dict(volume.meta)
    if job.site_url and not meta.get("site_url"):
        meta["site_url"] = job.site_url
    page_urls = [f"articles/{a.id}.html" for a in volume.articles] + ["index.html"]
    # One copy of the model for both (the text is the largest part, and cited by neither)
    records = [a.to_dict() for a in volume.articles]
    for r in records:
        r["body"] = ""
    stamp = os.environ.get("SOURCE_DATE_EPOCH") or str(meta.get("date", "0")).replace("-", "")
    inputs = (records, meta, page_urls, stamp, list(volume.notes))
    if keep is None:
        _write_files(site_dir, _exports(*inputs))
        return
    # Each article's files are kept by what they are made from (its record and the volume's
    # metadata): after an edit to one article only its files and the volume's are made again.
    of_meta = _digest(meta)
    made_of = {r["id"]: _digest([r, of_meta]) for r in records}  # (ids are unique)
    key = _digest([list(made_of.values()), meta, page_urls, stamp, inputs[4]])
    folder = keep / "exports"
    seal = _seal_of(folder)
    if seal is None or seal["key"] != key:
        from ..publish.harvest import article_files

        found = stamped.load(keep / "exports-memo.pickle")
        last = found if isinstance(found, dict) else {}
        memo: dict[str, dict[str, str]] = {}

        def files_of(article: dict) -> dict[str, str]:
            made = made_of[article["id"]]
            if made not in memo:
                memo[made] = last.get(made) or article_files(article, meta)
            return memo[made]
        _update_files(folder, _exports(*inputs, files_of=files_of), key, seal)
        stamped.save(keep / "exports-memo.pickle", memo)
    link_tree(folder, site_dir)


def _exports(records: list[dict], meta: dict, page_urls: list[str], stamp: str,
             notes: list[str], files_of: Optional[Callable[[dict], dict[str, str]]] = None
             ) -> dict[str, str | bytes]:
    from ..publish.crossref import crossref_deposit
    from ..publish.harvest import export_files

    files = export_files(records, meta, page_urls, files_of=files_of)
    xml = crossref_deposit(records, meta, stamp, notes=notes)
    if xml:
        files["crossref.xml"] = xml
    return files


def _digest(data: Any) -> str:
    """A hash of JSON-like data (dict keys sorted, anything else by its str)."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _write_files(folder: Path, files: dict[str, str | bytes], key: Optional[str] = None) -> None:
    """Write `files` (path -> content) under `folder`. With a `key`, `folder` is a kept set that
    replaces the old one whole (see `_seal`)."""
    if key is not None:
        _unseal(folder)
    digests = {}
    for rel, content in sorted(files.items()):
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        data = content if isinstance(content, bytes) else content.encode("utf-8")
        target.write_bytes(data)
        if key is not None:
            digests[rel] = _digest_bytes(data)
    if key is not None:
        _seal(folder, key, digests)


def _update_files(folder: Path, files: dict[str, str | bytes], key: str,
                  seal: Optional[dict]) -> None:
    """Make the kept set `folder` hold `files` (path -> content) under `key`. A set sealed
    whole (`seal`, from `_seal_of`) is changed in place: only files whose bytes differ are
    written, each as a new file renamed over the old one (a site's link to the old file keeps
    the old bytes), and those no longer made are removed. Otherwise it is written afresh."""
    digests = seal.get("digests") if seal is not None else None
    if seal is None or not isinstance(digests, dict):
        _write_files(folder, files, key)
        return
    folder.with_suffix(".key").unlink(missing_ok=True)  # (a set cut short is not whole)
    stats, now = dict(seal["files"]), {}
    for rel, content in sorted(files.items()):
        data = content if isinstance(content, bytes) else content.encode("utf-8")
        now[rel] = _digest_bytes(data)
        if digests.get(rel) == now[rel] and rel in stats:
            continue
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        fresh = target.with_name(f".{target.name}.new")
        fresh.write_bytes(data)
        os.replace(fresh, target)
        st = target.stat()
        stats[rel] = [st.st_size, st.st_mtime_ns]
    for rel in sorted(set(stats) - set(files)):
        (folder / rel).unlink(missing_ok=True)
        del stats[rel]
    _seal(folder, key, now, dict(sorted(stats.items())))


def _digest_bytes(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


# A kept set of files: <folder>/ holds them, <folder>.key what they were made from (and by
# which code) and each file's size and time (and, where given, a digest of its bytes). The key
# is written last, so a set cut short is never taken for whole; a file changed since (the
# site's copy is the same file: see fsutil.link_or_copy) makes it not kept.
def _unseal(folder: Path) -> None:
    folder.with_suffix(".key").unlink(missing_ok=True)
    shutil.rmtree(folder, ignore_errors=True)


def _seal(folder: Path, key: str, digests: Optional[dict[str, str]] = None,
          stats: Optional[dict[str, list[int]]] = None) -> None:
    sealed = {"key": key, "code": stamped.code_stamp(),
              "files": stats if stats is not None else _stats(folder), "digests": digests}
    folder.with_suffix(".key").write_text(json.dumps(sealed), encoding="utf-8")


def _seal_of(folder: Path) -> Optional[dict]:
    """What `_seal` wrote of the set `folder` holds whole; None when it holds none."""
    try:
        sealed = json.loads(folder.with_suffix(".key").read_text(encoding="utf-8"))
        if sealed["code"] == stamped.code_stamp() and sealed["files"] == _stats(folder):
            return dict(sealed)
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return None


def _sealed(folder: Path) -> Optional[str]:
    """The key of the set `folder` holds whole; None when it holds none."""
    seal = _seal_of(folder)
    return str(seal["key"]) if seal is not None else None


def _stats(folder: Path) -> dict[str, list[int]]:
    out = {}
    for root, _, names in os.walk(folder):
        for name in names:
            st = os.stat(os.path.join(root, name))
            rel = Path(root, name).relative_to(folder).as_posix()
            out[rel] = [st.st_size, st.st_mtime_ns]
    return dict(sorted(out.items()))


def search_documents(volume: Volume, lang: str, known: Optional[dict] = None
                     ) -> tuple[Iterator[Any], dict[str, list[str]]]:
    """What the search index is built from: one document per article and per region (front
    matter, sections, back matter), made one at a time as they are read (each holds a whole
    text), and the spellings of each article's people. `known`: spellings found before, by
    person's names (people.search_terms_key), taken from there and added to it."""
    from ..enrich.people import person_search_terms, search_terms_key

    people_terms: dict[str, list[str]] = {}
    for p in volume.people:
        key = search_terms_key(p)
        names = known.get(key) if known is not None else None
        if names is None:
            names = person_search_terms(p)  # Kazakh, Russian-folded and Latin spellings
            if known is not None:
                known[key] = names
        for aid in p.authored + p.supervised:
            people_terms.setdefault(f"articles/{aid}.html", []).extend(names)
    return _documents(volume, lang), people_terms


def _documents(volume: Volume, lang: str) -> Iterator[Any]:
    from ..pages.render import display_title, region_title
    from ..publish.search import SearchDoc

    for a in volume.articles:
        parts = [a.affiliation, a.programme, a.supervisor, *a.abstracts.values(),
                 ", ".join(a.keywords), *a.titles.values(), *a.front_matter_other,
                 *(x.position or "" for x in a.authors), *(b.text for b in a.blocks),
                 *a.references, a.appendix]
        yield SearchDoc(location=f"articles/{a.id}.html", title=display_title(a, lang),
                        authors="; ".join(x.name for x in a.authors),
                        lang=a.language or "", text="\n".join(p for p in parts if p),
                        kind="article")
    for r in volume.regions:
        yield SearchDoc(location=f"regions/{r.id}.html", title=region_title(r),
                        authors="", lang="", kind="page",
                        text="\n".join(b.text for b in r.blocks))


def write_search_index(volume: Volume, site_dir: Path, lang: str = "kk",
                       keep: Optional[Path] = None, stub_config: Optional[dict] = None) -> dict:
    """Kazakh/Russian-aware search index (replaces Material's lunr index, keeps its UI: an
    empty stand-in for that index is written beside it). With `keep`, the index is made there
    (only the documents that changed since the last one analysed again), or taken from there
    when it was made from the same documents, and copied into the site."""
    from ..enrich.people import search_terms_key
    from ..publish.search import IndexMemo, build_index

    out = site_dir / "search"
    if keep is None:
        docs, people_terms = search_documents(volume, lang)
        summary = build_index(docs, out, volume.glossary, people_terms)
    else:
        # People's spellings (transliterations) kept too: about a second for 3,000 people
        found_terms = stamped.load(keep / "people-terms.pickle")
        known = found_terms if isinstance(found_terms, dict) else {}
        stored = set(known)
        kept, key = keep / "search", search_key(volume, lang, known)
        sealed = _sealed(kept)
        if sealed != key or not (keep / "search-summary.json").is_file():
            found = stamped.load(keep / "search-memo.pickle")
            memo = found if isinstance(found, IndexMemo) else IndexMemo()
            # The last index, whole: only what changed is written again; else a new one
            update = sealed is not None
            if update:
                kept.with_suffix(".key").unlink()
            else:
                _unseal(kept)
            docs, people_terms = search_documents(volume, lang, known)
            summary = build_index(docs, kept, volume.glossary, people_terms, memo=memo,
                                  update=update)
            stamped.save(keep / "search-memo.pickle", memo)
            (keep / "search-summary.json").write_text(json.dumps(summary), encoding="utf-8")
            _seal(kept, key)
        summary = json.loads((keep / "search-summary.json").read_text(encoding="utf-8"))
        link_tree(kept, out)
        used = {search_terms_key(p) for p in volume.people}
        if used != stored:  # new people, or gone ones: only this volume's are kept
            stamped.save(keep / "people-terms.pickle", {k: known[k] for k in used})
    stub = compat.write_material_search_stub(out, config=stub_config)
    summary["files"] += stub
    summary["bytes"] += sum((out / f).stat().st_size for f in stub)
    return summary


def search_key(volume: Volume, lang: str, known: Optional[dict] = None) -> str:
    """A hash of exactly what the search index is built from: its documents, the people's
    spellings and the glossary (so no edit can leave the preview's search stale). `known`: as
    for search_documents."""
    docs, people_terms = search_documents(volume, lang, known)
    h = hashlib.sha256()
    for d in docs:
        h.update(repr(d).encode("utf-8", "surrogatepass"))
    h.update(repr(sorted(people_terms.items())).encode("utf-8", "surrogatepass"))
    h.update(repr([g.to_dict() for g in volume.glossary]).encode("utf-8", "surrogatepass"))
    return h.hexdigest()


class OutputsJob:
    """write_outputs in a child process, into a hidden folder beside the site, moved in later.

    Forked when this process runs no other thread (a build), so the child inherits the volume.
    Otherwise (the preview server has threads, which fork does not copy safely) a new Python
    reads the pickled job from its stdin; unlike multiprocessing's spawn, it does not import
    the program that runs MkDocs again."""

    def __init__(self, job: Outputs, parent: Path, replaces_material_search: bool = True,
                 background: bool = False, wanted: Callable[[], bool] = lambda: True):
        # `background`: the children run at a lower priority, taking the time other work
        # leaves a core idle (os.nice; where fork is not available it is not asked)
        # `wanted`: asked while the job is sent to a new Python; when it says no, the job is
        # given up (GaveWay)
        # (Jinaq's search replaces Material's: its lunr index becomes an empty stand-in)
        self.replaces_material_search = replaces_material_search
        parent.mkdir(parents=True, exist_ok=True)
        self.dir = Path(tempfile.mkdtemp(prefix=".jinaq-outputs-", dir=parent))
        self._forks: list[Any] = []
        self._sub: Optional[subprocess.Popen[bytes]] = None
        self.search_key: Optional[str] = None  # the child's, once done (Outputs.search_served)
        if can_fork():
            # The search index in one process, the other files in another: the index is what
            # a build waits for last.
            # In the background, one process: each would take a share of memory beside the
            # Markdown's workers, for time that is not there to take.
            jobs = [dataclasses.replace(job, exports=False, model=False),
                    dataclasses.replace(job, search=False)] \
                if job.search and (job.exports or job.model) and not background else [job]
            for part in jobs:
                fork = multiprocessing.get_context("fork").Process(
                    target=_write_in_child, args=(part, str(self.dir), background), daemon=True)
                fork.start()
                self._forks.append(fork)
        else:
            env = {**os.environ, "PYTHONPATH": os.pathsep.join(
                [str(Path(__file__).resolve().parents[2]),
                 *filter(None, [os.environ.get("PYTHONPATH")])])}
            self._sub = subprocess.Popen(
                [sys.executable, "-c", "import generator.site.outputs as o; o.from_stdin()"],
                stdin=subprocess.PIPE, env=env)
            assert self._sub.stdin is not None  # stdin=PIPE
            try:
                _send(self._sub.stdin, job, str(self.dir), wanted)
                self._sub.stdin.close()
            except OSError:
                pass  # the child died early; wait() reports it
            except GaveWay:
                self.cancel()
                raise

    def _exitcode(self) -> Optional[int]:
        if self._forks:
            codes: list[Optional[int]] = []
            for fork in self._forks:
                fork.join()
                codes.append(fork.exitcode)
            return next((c for c in codes if c != 0), 0)
        assert self._sub is not None  # one of the two kinds was started
        return self._sub.wait()

    def wait(self) -> None:
        code = self._exitcode()
        error = self.dir / _JOB_ERROR
        if code != 0 or error.exists():
            message = (error.read_text(encoding="utf-8") if error.exists()
                       else f"the process writing the search index and exports ended with "
                            f"code {code}")
            self.cancel()
            raise JinaqError(message)
        key = self.dir / _SEARCH_KEY
        if key.is_file():
            self.search_key = key.read_text(encoding="utf-8")
            key.unlink()

    def move_into(self, site_dir: Path) -> None:
        """Wait for the files, then move them over the site's (ours win over Material's, but
        the empty stand-in for its lunr index keeps the config its search plugin wrote)."""
        self.wait()
        material = compat.material_search_config(site_dir / "search")
        move_files_into(self.dir, site_dir)
        shutil.rmtree(self.dir, ignore_errors=True)
        if (self.replaces_material_search and material is not None
                and (site_dir / "search" / "search_index.json").is_file()):
            compat.write_material_search_stub(site_dir / "search", config=material)

    def cancel(self) -> None:
        for fork in self._forks:
            if fork.is_alive():
                fork.terminate()
                fork.join()
        if self._sub is not None and self._sub.poll() is None:
            self._sub.terminate()
            self._sub.wait()
        shutil.rmtree(self.dir, ignore_errors=True)


def _send(f: Any, job: Outputs, out: str, wanted: Callable[[], bool]) -> None:
    """The job pickled into `f` a few articles at a time, asking `wanted()` before each piece:
    pickling a large volume holds this process's interpreter for half a second, and an edit
    saved meanwhile must not wait for it. One pickler: its memo makes the job's articles the
    pieces' articles, each sent once."""
    import pickle

    pickler = pickle.Pickler(f, protocol=pickle.HIGHEST_PROTOCOL)
    articles = job.volume.articles
    pieces = [articles[i:i + PIECE] for i in range(0, len(articles), PIECE)]
    pickler.dump(len(pieces))
    for piece in pieces:
        if not wanted():
            raise GaveWay
        pickler.dump(piece)
    pickler.dump((job, out))


def from_stdin() -> None:
    """The child of a preview build: the job arrives pickled on stdin (`_send`, from this
    package)."""
    import pickle

    unpickler = pickle.Unpickler(sys.stdin.buffer)
    for _ in range(unpickler.load()):
        unpickler.load()  # (the articles, kept in the unpickler's memo for the job)
    _write_in_child(*unpickler.load())


def _write_in_child(job: Outputs, out: str, background: bool = False) -> None:
    if background:
        os.nice(10)
    try:
        write_outputs(job, Path(out))
    except Exception as exc:  # reported by the parent, which names the problem
        (Path(out) / _JOB_ERROR).write_text(str(exc), encoding="utf-8")
        raise SystemExit(1) from None
