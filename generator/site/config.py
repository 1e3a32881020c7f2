"""The `jinaq` plugin's options, declared once, typed, with their defaults; MkDocs validates them.

    plugins:
      - jinaq:
          raw: content/raw            # the volume: a text file, a PDF, or a folder of them
          corrections: content/corrections.yml
          glossary: content/glossary.yml
          volume: content/volume.yml
          ids: content/ids.yml        # "" for none

`jinaq build` maps its flags onto the same options (cli.py).
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class JinaqConfig(Config):
    enabled = opt.Type(bool, default=True)
    # Processes converting pages and articles at once (this one included); 1: no other.
    concurrency = opt.Type(int, default=os.cpu_count() or 1)
    raw = opt.Type(str, default="content/raw")
    corrections = opt.Type(str, default="content/corrections.yml")
    glossary = opt.Type(str, default="content/glossary.yml")
    volume = opt.Type(str, default="content/volume.yml")
    # Each article's address, recorded and extended by the build (ingest/ids.py); "" for none.
    ids = opt.Type(str, default="content/ids.yml")
    # A file in the raw folder that is no readable volume: a warning instead of an error.
    skip_bad = opt.Type(bool, default=False)
    tooltips = opt.Type(bool, default=True)  # glossary terms in articles link to their entries
    exports = opt.Type(bool, default=True)  # BibTeX, RIS, CSL-JSON, OAI, Crossref files
    search = opt.Type(bool, default=True)  # Jinaq's search instead of Material's
    # Rendered pages, the pipeline's results and the files that are no page kept between
    # builds (relative to mkdocs.yml); `cache: false` turns them all off.
    cache = opt.Type(bool, default=True)
    cache_dir = opt.Type(str, default=".cache/jinaq")
    # Whitespace runs of the written HTML reduced to one line break (compact.py): smaller site,
    # same rendering; `compact_html: false` keeps Material's indentation, for reading the HTML.
    compact_html = opt.Type(bool, default=True)
    # Seconds between two looks at the editor's input files under `mkdocs serve` (0: MkDocs').
    poll_interval = opt.Type((int, float), default=0.1)


INPUTS = ("raw", "corrections", "glossary", "volume")


def input_paths(config: Any, options: JinaqConfig) -> dict[str, Path]:
    """The raw input and the editor's files, resolved against the folder of mkdocs.yml (no
    ids file when the `ids` option is empty)."""
    base = Path(config.config_file_path or ".").parent
    paths = {k: (base / getattr(options, k)).resolve() for k in INPUTS}
    if options.ids:
        paths["ids"] = (base / options.ids).resolve()
    return paths


def cache_path(config: Any, options: JinaqConfig) -> Path:
    """The page cache's file."""
    base = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
    return base / options.cache_dir / "pages.sqlite"


def build_cache_path(config: Any, options: JinaqConfig) -> Path:
    """The file where a one-off build keeps its pipeline cache (pipeline.BuildCache)."""
    return cache_path(config, options).with_name("build.pickle")


def outputs_cache_path(config: Any, options: JinaqConfig) -> Path:
    """The folder where a one-off build keeps its files that are no page (site/outputs.py)."""
    return cache_path(config, options).with_name("outputs")


def templates_cache_path(config: Any, options: JinaqConfig) -> Path:
    """The folder where a one-off build keeps the theme's compiled templates."""
    return cache_path(config, options).with_name("templates")


def kept_pages_path(config: Any, options: JinaqConfig) -> Path:
    """The folder where a one-off build keeps its pages outside the navigation (kept.py)."""
    return cache_path(config, options).with_name("pages")
