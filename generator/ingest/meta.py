"""The volume's own metadata (`content/volume.yml`), written by editors and only read here."""
from __future__ import annotations

import datetime as _dt
import re
from pathlib import Path
from typing import Optional, cast

from .corrections import load_yaml_with_lines
from ..errors import JinaqError
from ..model import VolumeMeta

# Every key some stage reads, with the types a value may have on reading: model.VolumeMeta's keys
# (see generator/data/volume.example.yml and crossref.py).
FIELDS: dict[str, tuple[type, ...]] = {
    "title": (str, dict), "subtitle": (str, dict), "date": (str,), "place": (str, dict),
    "publisher": (str, dict), "isbn": (str,), "editors": (list,), "site_url": (str,),
    "licence": (str,), "license": (str,), "pdf_url": (str,), "article_pdf_url": (str,),
    "doi_prefix": (str,),
    "doi_pattern": (str,), "depositor": (dict,), "registrant": (str,), "admin_email": (str,),
    "oai_gateway": (str,), "repository_name": (str, dict), "conference": (str, dict),
    "conference_name": (str, dict), "conference_acronym": (str,), "conference_location": (str,),
    "conference_date": (str, dict), "publication_date": (str,), "volume_doi": (str,),
    "slug": (str,), "city": (str,), "year": (int, str), "language": (str,),
    "sections": (list, dict),
    "files": (list,),  # the input folder's files in volume order (a folder of per-article PDFs)
}
# ISO 8601 at the precision known: 2023, 2023-04, 2023-04-21.
_ISO_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
_DATES = ("date", "publication_date")


def load_volume_meta(path: Optional[Path]) -> VolumeMeta:
    """volume.yml checked key by key (a wrong one stops with its file and line); {} when none."""
    if path is None or not Path(path).exists():
        return {}
    data, lines = load_yaml_with_lines(Path(path))
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise JinaqError("volume.yml must be a mapping (title:, date:, …)", str(path), 1)
    for key, value in list(data.items()):
        where = (str(path), lines.get(key))
        if key not in FIELDS:
            raise JinaqError(f"unknown field '{key}'", *where,
                             hint="known: " + ", ".join(sorted(FIELDS)))
        if key in _DATES or key == "conference_date":
            data[key] = value = _date_text(value)
        # (a flag: `if not isinstance(...)` would narrow `value` to object for the type checker)
        wrong_type = value is not None and not isinstance(value, FIELDS[key])
        if wrong_type:
            raise JinaqError(f"field '{key}' has the wrong type ({type(value).__name__})", *where,
                             hint=f"expected {' or '.join(_TYPE_NAMES[t] for t in FIELDS[key])}")
        if key == "files" and value and not all(isinstance(v, str) and v for v in value):
            raise JinaqError("field 'files' must list file names", *where,
                             hint="one name of a file in the input folder per line: - a.pdf")
        if key in _DATES and value is not None and not _ISO_DATE.match(value):
            raise JinaqError(f"field '{key}' is not a date: {value!r}", *where,
                             hint="write it as 2023, 2023-04 or 2023-04-21")
    return cast(VolumeMeta, data)  # every key and value type checked above


_TYPE_NAMES = {str: "text", dict: "a {kk:, ru:, en:} mapping", list: "a list", int: "a number"}


def _date_text(value):
    """yaml.safe_load reads an unquoted 2023-04-21 as a date and 2023 as a number: both are fine."""
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()[:10]
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, dict):
        return {k: _date_text(v) for k, v in value.items()}
    return value.strip() if isinstance(value, str) else value
