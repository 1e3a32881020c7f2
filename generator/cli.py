"""The `jinaq` command: extract, build, check, evaluate. A thin layer over the library.

Every failure an editor can cause is one line naming the file (and line) and exit status 2;
`--debug` shows the traceback instead.
"""
from __future__ import annotations

import argparse
import contextlib
import gc
import json
import logging
import os
import shutil
import sys
from pathlib import Path

from .errors import JinaqError
from .util.collector import fewer_collections
from .util.fsutil import staging_dir, swap_in

DEFAULT_CONFIG = "mkdocs.yml"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="jinaq", description=__doc__.splitlines()[0])
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    parser.add_argument("--version", action="version", version=f"jinaq {_version()}")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("extract", help="print the volume model of INPUT")
    p.add_argument("input")
    p.add_argument("--format", choices=["json", "yaml", "summary"], default="json")
    p.add_argument("--corrections", help="an editor's corrections.yml to apply")
    p.add_argument("--glossary", help="an editor's glossary.yml to merge")
    p.add_argument("--no-enrich", action="store_true", help="skip glossary, timeline and people")
    p.add_argument("--ids", help="an ids file (content/ids.yml) to take the articles' ids from "
                                 "(read only; without it ids come from titles and lines)")
    p.add_argument("--skip-bad", action="store_true", help=_SKIP_BAD)
    p.add_argument("--volume", help="the volume's volume.yml (its `files` order a folder's files)")

    p = sub.add_parser("build", help="build the site (default input: the plugin's `raw` option)")
    p.add_argument("input", nargs="?")
    p.add_argument("--config", "-f", default=DEFAULT_CONFIG)
    p.add_argument("--site-dir", "-d", help="output folder (default: site_dir of the config)")
    p.add_argument("--strict", action="store_true", help="treat MkDocs warnings as errors")
    p.add_argument("--offline", action="store_true",
                   help="also write site-offline.zip, a copy readers open from disk")
    p.add_argument("--no-articles", action="store_true",
                   help="do not write content/articles/*.md (the site is built all the same)")
    p.add_argument("--no-cache", action="store_true",
                   help="build from scratch: neither read nor write the cache in .cache/ (pages and "
                        "what extraction found)")
    p.add_argument("--cache-dir", help="where to keep the cache (default: the plugin's "
                                       "cache_dir, .cache/jinaq beside mkdocs.yml)")
    p.add_argument("--skip-bad", action="store_true", help=_SKIP_BAD)
    p.add_argument("--ids", help="the ids file to read and extend (default: the plugin's `ids`, "
                                 "content/ids.yml, when INPUT is the project's raw text; none "
                                 "for another INPUT)")

    p = sub.add_parser("check", help="what extraction could not find, and what to correct")
    p.add_argument("input", nargs="?")
    p.add_argument("--config", "-f", default=DEFAULT_CONFIG)
    p.add_argument("--skip-bad", action="store_true", help=_SKIP_BAD)

    p = sub.add_parser("evaluate", help="score extraction against gold files")
    p.add_argument("pairs", nargs="*", help="GOLD.yml INPUT [GOLD.yml INPUT …]")
    p.add_argument("--fixtures", action="append", default=[],
                   help="a folder of volumes with gold files (*.yml beside the text, or "
                        "NAME/NAME.gold.yml as in shared/dev); may be repeated")
    p.add_argument("--extra-gold", action="append", default=[],
                   help="a folder of NAME.extra.yml annotations read by a person, merged into "
                        "the gold of the same name (default: tests/dev_gold when present)")

    p = sub.add_parser("evaluate-enrich",
                       help="score the timeline and glossary pairs against gold files")
    p.add_argument("pairs", nargs="+", help="GOLD.yml INPUT [GOLD.yml INPUT …] (INPUT: a raw "
                                            "volume, or the JSON model `jinaq extract` printed)")
    p.add_argument("--tolerance", type=int, default=0,
                   help="lines an event may lie outside the gold's line..line_end (default 0)")
    p.add_argument("--verbose", "-v", action="store_true",
                   help="list the missed and false events and the missed glossary pairs")

    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    try:
        return {"extract": cmd_extract, "build": cmd_build, "check": cmd_check,
                "evaluate": cmd_evaluate,
                "evaluate-enrich": cmd_evaluate_enrich}[args.command](args)
    except JinaqError as exc:
        if args.debug:
            raise
        print(f"jinaq: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader stopped early (`jinaq extract … | head`): nothing more to say, and nothing
        # to flush either, as a command killed by SIGPIPE would (exit status 128 + 13).
        _drop_stdout()
        return 141
    except Exception as exc:  # a bug, not the editor's doing: still one line, unless --debug
        if args.debug:
            raise
        where = _innermost_frame(exc)
        print(f"jinaq: internal error: {exc.__class__.__name__}: {exc}{where} (run again with "
              "--debug for the traceback and report it)", file=sys.stderr)
        return 3


_SKIP_BAD = ("leave out, with a warning, a file of the input folder that is not a readable "
             "volume (default: stop with its name)")


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("jinaq")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "(not installed)"


def _drop_stdout() -> None:
    """Point stdout at /dev/null, so the final flush of a closed pipe raises nothing."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _innermost_frame(exc: BaseException) -> str:
    """' at generator/x.py:12' for the deepest frame in our own code, so a report can say where."""
    import traceback

    here = Path(__file__).resolve().parent
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        path = Path(frame.filename)
        if path.is_relative_to(here):
            return f" at generator/{path.relative_to(here).as_posix()}:{frame.lineno}"
    return ""


def cmd_extract(args) -> int:
    from .ingest.meta import load_volume_meta
    from .pipeline import extract_volume
    from .util.progress import Progress

    meta = load_volume_meta(_opt_path(args.volume)) if args.volume else None
    progress = Progress("reading the volume")
    try:
        volume = extract_volume(args.input, corrections=_opt_path(args.corrections),
                                glossary=_opt_path(args.glossary), volume_meta=meta,
                                do_enrich=not args.no_enrich, ids=_opt_path(args.ids),
                                skip_bad=args.skip_bad)
    finally:
        progress.close()
    data = volume.to_dict()
    if args.format == "json":
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    elif args.format == "yaml":
        import yaml

        sys.stdout.write(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    else:
        for a in volume.articles:
            print(f"{a.id}\t{a.source}:{a.lines[0]}-{a.lines[1]}\t{a.language}\t{a.title or '—'}")
    return 0


def _opt_path(p):
    if p is None:
        return None
    if not Path(p).exists():
        raise JinaqError("file not found", str(p))
    return Path(p)


def _load_config(args):
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    if not Path(args.config).exists():
        raise JinaqError("MkDocs configuration not found", args.config,
                         hint="run jinaq from the project folder or pass --config")
    try:
        cfg = load_config(args.config)
    except ConfigurationError as exc:
        raise JinaqError(f"configuration error: {exc}", args.config) from None
    plugin = cfg.plugins.get("jinaq")
    if plugin is None:
        raise JinaqError("the `jinaq` plugin is not enabled", args.config,
                         hint="add `- jinaq` under plugins:")
    if getattr(args, "ids", None):
        plugin.config.ids = str(Path(args.ids).resolve())
    if getattr(args, "input", None):
        from .site.config import input_paths

        if Path(args.input).resolve() != input_paths(cfg, plugin.config)["raw"] \
                and not getattr(args, "ids", None):
            # Another volume than the project's: its ids are not the project's to record.
            plugin.config.ids = ""
        plugin.config.raw = str(Path(args.input).resolve())
    return cfg, plugin


@fewer_collections()  # (MkDocs' part of the build too: see util/collector.py)
def cmd_build(args) -> int:
    """Build into a temporary folder; swap it in only when everything succeeded."""
    from mkdocs.commands.build import build
    from mkdocs.exceptions import MkDocsException

    cfg, plugin = _load_config(args)
    final = Path(args.site_dir or cfg.site_dir).resolve()
    tmp = staging_dir(final)
    try:
        cfg.site_dir = str(tmp)  # (set after validation: loading the config twice took 0.15 s)
        cfg.strict = args.strict or cfg.strict
        if args.no_cache:
            plugin.config.cache = False
        if args.skip_bad:
            plugin.config.skip_bad = True
        if args.cache_dir:
            plugin.config.cache_dir = str(Path(args.cache_dir).resolve())
        # The last build's cache, the volume and its pages live until the process ends: frozen
        # once loaded, the collector stops walking them on every collection while the stages
        # and MkDocs make thousands of objects, and forked workers leave the memory pages they
        # share untouched.
        plugin.after_load = gc.freeze
        with _mkdocs_errors() as errors:
            try:
                build(cfg)
            except MkDocsException as exc:
                # MkDocs logs the cause, then aborts with a generic message: report the cause.
                message = errors[0] if errors else str(exc).strip() or exc.__class__.__name__
                raise JinaqError(message, None if errors else args.config) from None
            except SystemExit:
                raise JinaqError(errors[0] if errors else "MkDocs aborted the build",
                                 None if errors else args.config) from None
        if not args.no_articles:
            from .pages.render import write_articles

            content = Path(cfg.docs_dir)
            write_articles(plugin.volume, plugin.pages, content)
        swap_in(tmp, final)
        if args.offline:
            from .publish.offline import make_offline_zip

            zipped = make_offline_zip(final, final.parent / "site-offline.zip")
        n = len(plugin.volume.articles) if plugin.volume else 0
        print(f"jinaq: built {n} articles into {final}", file=sys.stderr)
        if args.offline:
            print(f"jinaq: offline copy (unzip, open site/index.html): {zipped}", file=sys.stderr)
        return 0
    finally:
        gc.unfreeze()  # (main() may be called in a process that goes on: leave gc as it was)
        # MkDocs keeps a plugin that has on_startup for the process's next config: that build
        # is not this command's to freeze
        plugin.after_load = None
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


@contextlib.contextmanager
def _mkdocs_errors():
    """Hold back MkDocs' error messages during a build, so a failure is reported once, as one
    line; errors logged by a build that then succeeds are printed afterwards."""
    held: list[str] = []

    class Hold(logging.Filter):
        def filter(self, record: logging.LogRecord) -> bool:
            if record.levelno >= logging.ERROR and record.name.startswith("mkdocs"):
                held.append(record.getMessage().strip())
                return False
            return True

    hold = Hold()
    handlers = logging.getLogger().handlers
    for h in handlers:
        h.addFilter(hold)
    ok = False
    try:
        yield held
        ok = True
    finally:
        for h in handlers:
            h.removeFilter(hold)
        if ok:
            for message in held:
                logging.getLogger("mkdocs").error(message)


def cmd_check(args) -> int:
    from .quality.check import check
    from .site.config import input_paths

    cfg, plugin = _load_config(args)
    text, status = check(input_paths(cfg, plugin.config),
                         skip_bad=args.skip_bad or plugin.config.skip_bad, site_url=cfg.site_url)
    print(text)
    return status


def cmd_evaluate(args) -> int:
    from .quality.evaluate import discover_fixture_pairs, main_evaluate
    from .pipeline import extract_volume

    pairs = list(zip(args.pairs[0::2], args.pairs[1::2]))
    if len(args.pairs) % 2:
        raise JinaqError("give GOLD.yml INPUT pairs", args.pairs[-1])
    _gold_first(pairs)
    for folder in args.fixtures:
        if not Path(folder).is_dir():
            raise JinaqError("no such folder", folder)
        pairs += discover_fixture_pairs(Path(folder))
    if not pairs:
        raise JinaqError("nothing to evaluate", hint="give GOLD.yml INPUT or --fixtures DIR")
    extra = [Path(d) for d in args.extra_gold] or [
        d for d in (Path("tests/dev_gold"),) if d.is_dir()]
    table, _lowest, invented = main_evaluate(
        pairs, lambda p: extract_volume(p, do_enrich=False).to_dict(), extra_dirs=extra)
    print(table)
    return 0 if invented == 0 else 1


def _gold_first(pairs: list[tuple[str, str]]) -> None:
    for gold, _ in pairs:
        if Path(gold).suffix.lower() not in (".yml", ".yaml"):
            raise JinaqError("not a gold file (.yml)", gold,
                             hint="the arguments are GOLD.yml INPUT pairs, the gold file first")


def cmd_evaluate_enrich(args) -> int:
    from .quality.evaluate_enrich import main_evaluate_enrich

    if len(args.pairs) % 2:
        raise JinaqError("give GOLD.yml INPUT pairs", args.pairs[-1])
    pairs = list(zip(args.pairs[0::2], args.pairs[1::2]))
    _gold_first(pairs)
    for gold, _ in pairs:
        _opt_path(gold)
    print(main_evaluate_enrich(pairs, _model, tolerance=args.tolerance, verbose=args.verbose),
          end="")
    return 0


def _model(path) -> dict:
    """The volume model of INPUT: read from a JSON file `jinaq extract` wrote, else extracted."""
    if str(path).lower().endswith(".json"):
        try:
            return json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise JinaqError(f"not a volume model: {exc}", str(path)) from None
    from .pipeline import extract_volume

    return extract_volume(path).to_dict()


def run() -> None:
    """The `jinaq` command: main(), then exit without tearing the heap down.

    A large volume leaves millions of objects; freeing them one by one at interpreter exit takes
    about a second and frees nothing the operating system would not reclaim at once. Everything
    is written and closed by then: flush the streams and the logs, then leave (as mypy does).
    """
    code = main()
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (BrokenPipeError, OSError):  # a reader that stopped early (`| head`)
            pass
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    run()
