"""generator/util/parallel.py: the same results as a loop, from several processes when it pays."""
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from generator.util import parallel


def _pid_and_square(x: int) -> tuple[int, int]:
    return os.getpid(), x * x


def test_results_come_back_in_item_order(monkeypatch):
    monkeypatch.setattr(parallel, "MIN_CHARS", 0)
    items = list(range(40))
    out = parallel.map_shared(_pid_and_square, items, sizes=[1 + (i % 7) for i in items])
    assert [sq for _, sq in out] == [i * i for i in items]


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: nothing to spread")
def test_slow_items_are_spread_whatever_their_size():
    """Items are handed out one at a time, not in shares planned by size: four slow items of
    size 1 do not all fall to one process because a quick item of size 4 went to the other."""
    code = ("import os, time; from generator.util import parallel; parallel.MIN_CHARS = 0; "
            "out = parallel.map_shared(lambda x: (time.sleep(x), os.getpid())[1], "
            "[0.3, 0.3, 0.3, 0.3, 0.0], [1, 1, 1, 1, 4]); print(len(set(out[:4])))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=Path(__file__).resolve().parent.parent, check=True)
    assert int(proc.stdout) == 2


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: nothing to spread")
def test_large_work_is_shared_with_another_process():
    # In a fresh interpreter: threads left by other tests would (rightly) keep it serial here.
    # (Each item takes a while: items are taken one at a time, so instant ones would all be
    # done here before the other process starts.)
    code = ("import os, time; from generator.util import parallel; parallel.MIN_CHARS = 0; "
            "out = parallel.map_shared(lambda x: (time.sleep(0.05), os.getpid(), x * x)[1:], "
            "list(range(8)), [10] * 8); "
            "print(len({p for p, _ in out}), os.getpid() in {p for p, _ in out}, "
            "[s for _, s in out] == [x * x for x in range(8)], parallel.will_fork([10] * 8))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=Path(__file__).resolve().parent.parent, check=True)
    processes, here_too, ordered, announced = proc.stdout.split()
    assert int(processes) > 1 and here_too == "True" and ordered == "True"
    assert announced == "True"  # will_fork tells callers (to load shared data first)


def test_small_work_or_other_threads_stay_in_this_process(monkeypatch):
    out = parallel.map_shared(_pid_and_square, [1, 2, 3], sizes=[10, 10, 10])
    assert {pid for pid, _ in out} == {os.getpid()}  # below MIN_CHARS
    assert not parallel.will_fork([10, 10, 10])

    monkeypatch.setattr(parallel, "MIN_CHARS", 0)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:  # fork would copy this thread's locks without the thread: not done
        out = parallel.map_shared(_pid_and_square, list(range(8)), sizes=[10] * 8)
        assert not parallel.will_fork([10] * 8)
    finally:
        stop.set()
        other.join()
    assert {pid for pid, _ in out} == {os.getpid()}


def test_a_progress_bar_leaves_the_build_free_to_fork():
    """tqdm's monitor thread kept `jinaq build` on one core: a bar must start no thread."""
    import threading

    from generator.util.parallel import can_fork
    from generator.util.progress import Progress

    before = threading.active_count()  # (the browser tests leave Playwright's threads)
    bar = Progress("reading the volume", enabled=True)
    try:
        bar.stage("rendering", total=3)
        bar.advance()
        assert threading.active_count() == before
        assert can_fork() or before > 1
    finally:
        bar.close()



def _fail_if_negative(x: float) -> float:
    """A negative item fails; the others sleep that long, then note in $JINAQ_TEST_DONE that
    they ran."""
    if x < 0:
        raise ValueError(f"item {x}")
    import time

    time.sleep(x)
    with open(os.environ["JINAQ_TEST_DONE"], "a", encoding="utf-8") as f:
        f.write("done\n")
    return x


def _done_before_the_error(tmp_path: Path, items: list[float], sizes: list[int]) -> int:
    """map_shared(_fail_if_negative, items) in a fresh interpreter (the test runner's threads
    keep parallel.py from forking): it must raise; how many items ran."""
    done = tmp_path / "done.txt"
    done.write_text("", encoding="utf-8")
    code = ("import sys; sys.path.insert(0, 'tests'); from test_parallel import _fail_if_negative\n"
            "from generator.util import parallel; parallel.MIN_CHARS = 0\n"
            f"try:\n    parallel.map_shared(_fail_if_negative, {items!r}, {sizes!r})\n"
            "except ValueError:\n    print('raised')")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=Path(__file__).resolve().parent.parent, check=True,
                          env={**os.environ, "JINAQ_TEST_DONE": str(done)})
    assert proc.stdout.strip() == "raised"
    return done.read_text(encoding="utf-8").count("done")


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: nothing to spread")
def test_an_error_here_stops_the_other_processes_taking_items(tmp_path):
    """Once an item fails (the largest, taken first), the other process takes no further
    items (it went on through all twelve before the error was raised)."""
    assert _done_before_the_error(tmp_path, [-1] + [0.1] * 12, [100] + [1] * 12) <= 2


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: nothing to spread")
def test_an_error_in_another_process_stops_this_one_taking_items(tmp_path):
    """The largest item is slow, the next one fails: whichever process took the slow one
    takes nothing more once it is done (it went on through all twelve small items before the
    other process's error was raised)."""
    assert _done_before_the_error(tmp_path, [0.5, -1] + [0.1] * 12, [100, 99] + [1] * 12) <= 2


def test_work_inside_a_job_stays_in_its_process():
    """A stage that spreads its own work (cleaning a large file) run as one item of another's
    (the files of a volume) does not fork again: the cores are taken already."""
    code = ("from generator.util import parallel; parallel.MIN_CHARS = 0; "
            "out = parallel.map_shared(lambda x: parallel.will_fork([10] * 8), "
            "list(range(8)), [10] * 8); print(parallel.will_fork([10] * 8), any(out))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=Path(__file__).resolve().parent.parent, check=True)
    assert proc.stdout.split() == ["True", "False"]


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: nothing to spread")
def test_a_volume_in_one_file_extracts_the_same_on_several_processes():
    """The sample is one file: its articles are extracted on all cores (ingest/extract.py
    extract_all) with the same model, and the language model's answers the workers used are
    recorded for the next build as in one process."""
    code = ("import json, sys; from generator.util import parallel; "
            "from generator.pipeline import BuildCache, extract_volume; "
            "parallel.MIN_CHARS = int(sys.argv[1]); c = BuildCache(); "
            "v = extract_volume(sys.argv[2], do_enrich=False, cache=c); "
            "langs = sorted(k.hex() for r in c.sources.values() for k in r.languages); "
            "print(json.dumps([v.to_dict(), langs], sort_keys=True))")
    from jinaq_testing import ROOT, SAMPLE

    def run(min_chars: int) -> list:
        proc = subprocess.run([sys.executable, "-c", code, str(min_chars), str(SAMPLE)],
                              capture_output=True, text=True, cwd=ROOT, check=True)
        return json.loads(proc.stdout)

    spread, alone = run(0), run(10 ** 12)
    assert spread == alone
    assert spread[0]["articles"] and spread[1]  # (the sample asks the model about some texts)


def test_a_block_with_every_field_set_survives_pickling():
    # (Block pickles by its own __reduce__: a field it forgot would come back as its default)
    import pickle

    from generator.model import Block

    block = Block("numbered", "Мәтін", "a.txt", 3, 5, page=2, number="1.", page_start=True,
                  offsets=[(0, 3), (6, 5)], size=11.5, bold=True, title_font=True)
    assert pickle.loads(pickle.dumps(block)) == block


def test_a_line_with_every_field_set_survives_pickling():
    # (Line too: a large file's fixed lines come back from the workers pickled)
    import pickle

    from generator.ingest.clean import Line

    line = Line(7, "мәтін-", page_start=True, page=3, hard_end=True, fill=0.5, soft_end=True)
    assert pickle.loads(pickle.dumps(line)) == line


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: nothing to spread")
def test_items_of_a_worker_that_was_killed_are_done_here(tmp_path):
    """A worker killed without a word (out of memory): the items it took are done in this
    process, with a warning, not lost or turned into a traceback; the files the results
    travelled through leave nothing behind."""
    code = ("import os, signal, time; from generator.util import parallel; "
            "parallel.MIN_CHARS = 0; here = os.getpid()\n"
            "def f(x):\n    time.sleep(0.05)\n"
            "    if os.getpid() != here: os.kill(os.getpid(), signal.SIGKILL)\n"
            "    return x * x\n"
            "print(parallel.map_shared(f, list(range(8)), [10] * 8) == [x * x for x in range(8)])")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=Path(__file__).resolve().parent.parent, check=True,
                          env={**os.environ, "TMPDIR": str(tmp_path)})
    assert proc.stdout.strip() == "True"
    assert "worker process ended" in proc.stderr and "Traceback" not in proc.stderr
    assert list(tmp_path.iterdir()) == []
