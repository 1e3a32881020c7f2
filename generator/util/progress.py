"""A progress bar on the terminal for `jinaq build`, `mkdocs build` and `jinaq extract`.

Shown on stderr when it is a terminal (never in a pipe, a log file or CI), from the start of the
work: the stage being done (reading, rendering…), then a bar over the pages MkDocs writes. It is
cleared when the work ends, so a finished build leaves only its one-line summary.
"""
from __future__ import annotations

import os
import sys
from typing import Optional

import tqdm as _tqdm
from tqdm import tqdm

# tqdm's monitor is a thread; with it running, parallel.py may not fork its workers (fork copies
# one thread only), and every stage would run on one core. The bars are refreshed by updates.
_tqdm.tqdm.monitor_interval = 0

_STAGE = "{desc}…"
_BAR = "{desc}: {percentage:3.0f}%|{bar}| {n_fmt}/{total_fmt} [{elapsed}<{remaining}]"


def on_terminal() -> bool:
    return sys.stderr.isatty() and not os.environ.get("CI")


class Progress:
    """One line on stderr: a stage name, or a bar when the amount of work is known."""

    def __init__(self, stage: str, enabled: Optional[bool] = None):
        self.bar = tqdm(total=None, desc=f"jinaq: {stage}", bar_format=_STAGE, file=sys.stderr,
                        leave=False, dynamic_ncols=True,
                        disable=not (on_terminal() if enabled is None else enabled))

    def stage(self, name: str, total: Optional[int] = None) -> None:
        if self.bar.disable:
            return
        self.bar.bar_format = _STAGE if total is None else _BAR
        self.bar.set_description_str(f"jinaq: {name}", refresh=False)
        self.bar.reset(total=float("inf") if total is None else total)

    def advance(self, n: int = 1) -> None:
        self.bar.update(n)

    def close(self) -> None:
        self.bar.close()
