"""The volume's own metadata (`content/volume.yml`), written by editors and only read here."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from .corrections import load_yaml_with_lines
from .errors import JinaqError

FIELDS = {
    "title": (str, dict), "date": (str,), "place": (str, dict), "publisher": (str, dict),
    "isbn": (str,), "editors": (list,), "site_url": (str,), "licence": (str,), "license": (str,),
    "pdf_url": (str,), "doi_prefix": (str,), "doi_pattern": (str,), "depositor": (dict,),
    "registrant": (str,), "admin_email": (str,), "oai_gateway": (str,), "conference": (str, dict),
    "city": (str,), "year": (int, str), "language": (str,), "sections": (list, dict),
}


def load_volume_meta(path: Optional[Path]) -> dict:
    if path is None or not Path(path).exists():
        return {}
    data, lines = load_yaml_with_lines(Path(path))
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise JinaqError("volume.yml must be a mapping (title:, date:, …)", str(path), 1)
    for key, value in data.items():
        if key not in FIELDS:
            raise JinaqError(f"unknown field '{key}'", str(path), lines.get(key),
                             hint="known: " + ", ".join(sorted(FIELDS)))
        if key == "date" and hasattr(value, "isoformat"):
            data[key] = value = value.isoformat()
        if value is not None and not isinstance(value, FIELDS[key]):
            raise JinaqError(f"field '{key}' has the wrong type ({type(value).__name__})",
                             str(path), lines.get(key))
    if "date" in data and hasattr(data["date"], "isoformat"):
        data["date"] = data["date"].isoformat()
    return data
