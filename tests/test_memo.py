"""generator.util.memo and generator.pages.memo: what a build keeps for the next one."""
import dataclasses
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from generator.pages.memo import PageMemo, RenderMemo
from generator.util.memo import Memo, remember


class _CountingTemplate:
    def __init__(self):
        self.calls = 0

    def render(self, **context):
        self.calls += 1
        return f"page {context['n']} of {context['title']}"


def test_a_memo_keeps_only_what_the_last_build_used_or_made():
    memo: Memo[str, int] = Memo()
    memo.keep("a", 1)
    memo.keep("b", 2)
    memo.done()
    assert memo.get("a") == 1 and memo.get("c") is None
    memo.keep("c", 3)
    memo.done()  # "b" was neither used nor made by this build
    assert (memo.get("a"), memo.get("b"), memo.get("c")) == (1, None, 3)
    assert len(memo) == 2


def test_remember_computes_only_what_the_memo_lacks_and_drops_the_rest():
    asked: list[str] = []

    def upper(x: str) -> str:
        asked.append(x)
        return x.upper()

    memo: Memo[str, str] = Memo()
    assert remember(memo, upper, ["a", "b"], key=str, size=len) == ["A", "B"]
    assert remember(memo, upper, ["b", "c"], key=str, size=len) == ["B", "C"]
    assert asked == ["a", "b", "c"]
    assert remember(memo, upper, ["a"], key=str, size=len) == ["A"]  # dropped with the edit
    assert asked == ["a", "b", "c", "a"]
    assert remember(None, upper, ["a"], key=str, size=len) == ["A"] and len(asked) == 5


def test_remember_keeps_what_forked_workers_made():
    """In a fresh process (fork is refused while other threads run, as they may in the test
    run): the results made by the other process are kept as well as this one's."""
    if not hasattr(os, "fork"):
        pytest.skip("no fork on this platform: remember runs in order (the test above)")
    code = (
        "import os, time\n"
        "from generator.util import parallel\n"
        "from generator.util.memo import Memo, remember\n"
        "parallel.MIN_CHARS = 1; parallel.set_processes(2)\n"
        "memo = Memo()\n"
        "items = [f'item {n}' for n in range(40)]\n"
        "made = remember(memo, lambda x: time.sleep(0.01) or (x.upper(), os.getpid()), items, key=str, size=len)\n"
        "assert [m[0] for m in made] == [x.upper() for x in items]\n"
        "assert len({m[1] for m in made}) == 2, 'not shared out'\n"
        "assert all(memo.get(x) == m for x, m in zip(items, made))\n")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=Path(__file__).resolve().parents[1])
    assert run.returncode == 0, run.stderr


def test_render_memo_renders_again_only_changed_pages():
    memo, tpl = RenderMemo(), _CountingTemplate()
    first = [memo.render(tpl, n=n, title="A") for n in (1, 2)]
    memo.done()
    assert tpl.calls == 2
    second = [memo.render(tpl, n=1, title="A"), memo.render(tpl, n=2, title="B")]
    memo.done()
    assert tpl.calls == 3  # only the page whose context changed
    assert second == [first[0], "page 2 of B"]
    memo.render(tpl, n=2, title="A")  # dropped after the second build: rendered again
    assert tpl.calls == 4
    memo.done()
    memo.render(tpl, key="k", n=1, title="A")
    memo.done()
    assert memo.render(tpl, key="k", n=1, title="Z") == "page 1 of A"  # the key decides
    assert tpl.calls == 5


def test_render_memo_sees_every_field_of_a_dataclass_in_the_context():
    """A context holding model objects (a person's section) is keyed by their fields: an equal
    copy reuses the page, a field changed in place renders it again."""
    from generator.model import Person

    memo, tpl = RenderMemo(), _CountingTemplate()
    person = Person(id="p1", name="Бекова А.", authored=["a1"], affiliations=["ҚазҰУ"])
    memo.render(tpl, n=1, title="A", person=person)
    memo.done()
    memo.render(tpl, n=1, title="A", person=Person(id="p1", name="Бекова А.", authored=["a1"],
                                                     affiliations=["ҚазҰУ"]))
    assert tpl.calls == 1
    person.affiliations.append("ЕҰУ")
    memo.render(tpl, n=1, title="A", person=person)
    person.latin = "Bekova A."
    memo.render(tpl, n=1, title="A", person=person)
    assert tpl.calls == 3


def test_page_memos_saved_with_the_build_cache_come_back_and_stay_apart():
    """A saved cache's memos are its own: two caches in one process do not share pages (the
    memos were module globals before, shared by every cache of a process)."""
    tpl = _CountingTemplate()
    one = PageMemo()
    one.lists.render(tpl, n=1, title="A")
    one.lists.done()
    again = pickle.loads(pickle.dumps(one))
    assert again.lists.render(tpl, n=1, title="A") == "page 1 of A" and tpl.calls == 1
    other = PageMemo()
    assert other.lists.get(next(iter(again.lists._last))) is None
    other.lists.render(tpl, n=1, title="A")
    assert tpl.calls == 2
    assert one.people_sections is not one.people_letters is not one.lists


def test_a_view_key_is_the_same_for_equal_values_whatever_objects_they_share():
    from generator.model import GlossaryEntry
    from generator.util.memo import view_key

    word = "".join(["сайлау", " жүйесі"])  # (made at run time: not an interned constant)
    shared = (word, [word, {"k": word}], GlossaryEntry(kk=word, ru=None))
    apart = ("сайлау жүйесі", ["сайлау" + " жүйесі", {"k": "сайлау жүйесі"}],
             GlossaryEntry(kk="сайлау жүйесі", ru=None))
    assert shared[0] is shared[1][0]
    assert shared[2].key  # (a cached property: kept in that entry's __dict__ only)
    assert view_key(shared) == view_key(apart)
    assert view_key(shared) != view_key((word, [word, {"k": word}], GlossaryEntry(kk="x", ru=None)))
    assert view_key([1, "1"]) != view_key(["1", 1]) != view_key((1, "1"))



@dataclasses.dataclass
class _One:
    a: object


@dataclasses.dataclass
class _Other:
    a: object


@dataclasses.dataclass
class _Empty:
    pass


def test_a_view_key_tells_dataclasses_apart_by_type_and_every_field():
    from generator.util.memo import view_key

    One, Other, Empty = _One, _Other, _Empty
    assert view_key(One(1)) == view_key(One(1)) != view_key(One(2))
    assert view_key(One(1)) != view_key(Other(1)) != view_key((1,))
    assert view_key(One(One(1))) != view_key(One(One(2)))  # (nested: its fields too)
    assert view_key([Empty(), One(None)]) == view_key([Empty(), One(None)]) != view_key([One(None)])
    assert view_key(One) != view_key(Other)  # (a dataclass itself: by reference, not fields)
