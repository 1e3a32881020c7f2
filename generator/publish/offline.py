"""The offline package: the built site zipped so a reader unzips it and opens index.html from disk.

Entries are written in sorted order with a fixed timestamp so the same site gives the same zip.
"""
from __future__ import annotations

import os
import zipfile
from pathlib import Path

_EPOCH = (1980, 1, 1, 0, 0, 0)


def make_offline_zip(site_dir: Path, target: Path, folder: str = "site") -> Path:
    tmp = target.with_suffix(".zip.part")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
            rel = path.relative_to(site_dir).as_posix()
            info = zipfile.ZipInfo(f"{folder}/{rel}", date_time=_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, path.read_bytes())
    os.replace(tmp, target)
    return target
