"""YAML read with libyaml's parser when PyYAML was built with it: the same safe loader, about
ten times faster than the pure-Python one. The bundled data files are read on every build, the
lexicon and an ids file of thousands of entries on every preview rebuild."""
from __future__ import annotations

from typing import IO, Any, Union

import yaml

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load(text: Union[str, IO[str]]) -> Any:
    """What `yaml.safe_load(text)` gives."""
    return yaml.load(text, Loader=LOADER)
