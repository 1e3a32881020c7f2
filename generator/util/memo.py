"""Memos: what one build made, by what it was made from, for the next build to reuse.

A preview keeps one `BuildCache` between builds (pipeline.py) and `jinaq build` saves it; its
parts are typed memos, one per stage (enrich/stage.EnrichMemo, pages/memo.PageMemo). The
stages' own functions take none: the stage's driver looks each result up by its key and has
only what is missing computed. A memo keeps the last build's entries only, so what an edit
replaced does not pile up.
"""
from __future__ import annotations

import dataclasses
import hashlib
import io
import operator
import pickle
from collections.abc import Callable, Hashable, Sequence
from typing import Any, Generic, Optional, TypeVar

from . import parallel

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
T = TypeVar("T")

_MISSING = object()


class _ViewPickler(pickle.Pickler):
    """Pickles a dataclass by its fields alone: not what a cached_property (GlossaryEntry.key)
    left in its __dict__ in one build and not in another."""

    def reducer_override(self, obj: Any) -> Any:
        cls = type(obj)
        fields = _FIELDS.get(cls, _MISSING)
        if fields is _MISSING:
            fields = _FIELDS[cls] = _fields_getter(cls)
        if fields is None:
            return NotImplemented
        return cls, fields(obj)


# A dataclass's fields as one tuple, by type (None: not a dataclass instance): asked for each
# of the thousands of events and entries a volume-wide page's view holds, dataclasses.fields
# was half of the time of its key.
_FIELDS: dict[type, Any] = {}


def _fields_getter(cls: type) -> Optional[Callable[[Any], tuple[Any, ...]]]:
    if not dataclasses.is_dataclass(cls):  # (type(obj): a dataclass's instance, not itself)
        return None
    names = [f.name for f in dataclasses.fields(cls)]
    if len(names) == 1:  # (attrgetter of one name gives the value, not a tuple)
        one = operator.attrgetter(names[0])
        return lambda obj: (one(obj),)
    return operator.attrgetter(*names) if names else lambda obj: ()


def view_key(view: Any) -> str:
    """A hash of what a result is made from (plain data: tuples, lists, dicts, strings,
    numbers, dataclasses), for a memo's key. Pickled without its memo, so equal values give
    equal bytes whatever objects they share; about twice as fast as hashing the repr, which
    took a tenth of a second per build for the article pages' views alone."""
    out = io.BytesIO()
    pickler = _ViewPickler(out, protocol=5)
    pickler.fast = True  # (no memo: the views hold no cycles)
    pickler.dump(view)
    return hashlib.sha256(out.getbuffer()).hexdigest()


class Memo(Generic[K, V]):
    """Results of one kind by their key: this build's and the last build's."""

    __slots__ = ("_last", "_now")

    def __init__(self) -> None:
        self._last: dict[K, V] = {}
        self._now: dict[K, V] = {}

    def __len__(self) -> int:
        return len(self.keys())

    def keys(self) -> set[K]:
        """The keys of what this build or the last kept."""
        return self._now.keys() | self._last.keys()

    def get(self, key: K) -> Optional[V]:
        """What this build or the last made from `key` (None: nothing); used, so kept."""
        value = self._now.get(key, _MISSING)
        if value is _MISSING:
            value = self._last.get(key, _MISSING)
            if value is _MISSING:
                return None
            self._now[key] = value  # type: ignore[assignment]
        return value  # type: ignore[return-value]

    def keep(self, key: K, value: V) -> V:
        """Keep `value`, made from `key` by this build."""
        self._now[key] = value
        return value

    def done(self) -> None:
        """A build's end: what it used or made is what the next one may reuse."""
        self._last, self._now = self._now, {}

    def __getstate__(self) -> dict[K, V]:  # what the next build may reuse
        return {**self._last, **self._now}

    def __setstate__(self, state: dict[K, V]) -> None:
        self._last, self._now = dict(state), {}


def remember(memo: Optional[Memo[K, V]], fn: Callable[[T], V], items: Sequence[T],
             key: Callable[[T], K], size: Callable[[T], int]) -> list[V]:
    """[fn(x) for x in items], each result taken from `memo` by `key(x)` when the last build
    made it; the others made on all cores (parallel.map_shared, weighted by `size`). Ends the
    build's use of the memo. Without a memo no key is computed."""
    if memo is None:
        return parallel.map_shared(fn, items, [size(x) for x in items])
    keys = [key(x) for x in items]
    out: list[Optional[V]] = [memo.get(k) for k in keys]
    todo = [i for i, v in enumerate(out) if v is None]
    made = parallel.map_shared(fn, [items[i] for i in todo], [size(items[i]) for i in todo])
    for i, value in zip(todo, made):
        out[i] = memo.keep(keys[i], value)
    memo.done()
    return out  # type: ignore[return-value]  # (every None was replaced)
