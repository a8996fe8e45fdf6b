"""Within ``Engine.keeping_workers`` one set of worker processes serves every run, and an item goes
back to the worker that had its key before: the second pass of a corpus alignment finds what the
first pass of the same text kept there. Outcomes stay those of one process, in order."""

from __future__ import annotations

import os
import pickle

import pytest

from conftest import SHARED
from ushtil.aligner.corpus import _KeptProfiles, align_corpus
from ushtil.engine import Engine, run_each
from ushtil.errors import UshtilError

DEV = SHARED / "bench" / "ntrex-dev"
CASES = ["bbc.381780", "cnn.304478", "rt.com.91337", "reuters.218911", "scotsman.133783", "telegraph.405408",
         "euronews-en.153800", "reuters.218909"]

#: What this worker process has seen (a stand-in for the profiles a first pass keeps).
_SEEN: set[str] = set()


def _see(name: str) -> tuple[int, bool]:
    """This process's id, and whether it had ``name`` before."""
    before = name in _SEEN
    _SEEN.add(name)
    return os.getpid(), before


def test_a_second_run_gives_each_key_back_to_the_worker_that_had_it():
    names = ["first", "second"]
    engine = Engine(jobs=2)
    with engine.keeping_workers():
        one = run_each(_see, names, engine=engine, keys=names)
        two = run_each(_see, names, engine=engine, keys=names)
        processes = list(engine.workers.processes)
    assert [outcome.value[1] for outcome in one] == [False, False]
    assert len({outcome.value[0] for outcome in one}) == 2  # two workers, not this process
    assert os.getpid() not in {outcome.value[0] for outcome in one}
    assert [outcome.value for outcome in two] == [(pid, True) for pid, _ in (o.value for o in one)]
    assert engine.workers is None  # let go at the end of the block
    assert [process.exitcode for process in processes] == [0, 0]  # they ended on their own, not stopped


def _square_or_fail(number: int) -> int:
    if number % 7 == 3:
        raise UshtilError(f"item {number} is bad")
    return number * number


def test_kept_workers_give_every_outcome_in_order_with_keys_or_without():
    items = list(range(60))
    done = []
    engine = Engine(jobs=2)
    with engine.keeping_workers():
        first = run_each(_square_or_fail, items, engine=engine, keys=items, on_done=done.append)
        again = run_each(_square_or_fail, items[::-1], engine=engine, keys=items[::-1])
        unkeyed = run_each(_square_or_fail, items, engine=engine)
    expected = [(o.value, o.error) for o in run_each(_square_or_fail, items)]
    assert [(o.value, o.error) for o in first] == expected == [(o.value, o.error) for o in unkeyed]
    assert [(o.value, o.error) for o in again] == expected[::-1]
    assert first[3].error == "item 3 is bad"
    assert done == list(range(1, 61))


def _die_on_five(number: int) -> int:
    if number == 5:
        os._exit(3)  # the worker process dies, as when it runs out of memory
    return number + 100


def test_a_worker_that_dies_fails_its_items_and_the_other_finishes_the_rest():
    engine = Engine(jobs=2)
    with engine.keeping_workers():
        outcomes = run_each(_die_on_five, list(range(40)), engine=engine)
        after = run_each(_die_on_five, [1, 2, 3], engine=engine)
    failed = [n for n, outcome in enumerate(outcomes) if not outcome.ok]
    assert 5 in failed and len(failed) < 40
    assert all("worker failed (the worker process ended, exit code 3)" in outcomes[n].error for n in failed)
    assert all(outcomes[n].value == n + 100 for n in range(40) if n not in failed)
    assert [outcome.value for outcome in after] == [101, 102, 103]  # the worker left does the next run


def test_kept_profiles_travel_as_the_receiving_process_store_of_the_same_run():
    store = _KeptProfiles()
    store[("kk", "Бір.")] = "a profile"
    assert pickle.loads(pickle.dumps(store)) is store  # in this process: the store itself
    text = pickle.dumps(store)
    run = store.run
    del store
    elsewhere = pickle.loads(text)  # a process without the run's store gets its own, empty
    assert elsewhere.run == run and dict(elsewhere) == {}


def test_the_second_pass_on_kept_workers_profiles_no_sentence_again(tmp_path, monkeypatch):
    """Each sentence is profiled once per pass in pools made per pass; on kept workers, as in one
    process, the second pass of a text finds its first pass's profiles (a few texts may be taken
    over by the other worker at the end; pools made per pass profiled every sentence twice)."""
    import ushtil.aligner.pipeline as pipeline

    if not DEV.is_dir():
        pytest.skip("../shared/bench/ntrex-dev is not here")
    sources = [(name, {lang: (DEV / f"{name}.{lang}.txt").read_text(encoding="utf-8").splitlines()
                       for lang in ("en", "kk", "ru")}) for name in CASES]
    log = tmp_path / "profiled"
    profile = pipeline.profile_sentence

    def counted(text, lang):
        with log.open("a", encoding="utf-8") as out:  # one short line per call, from any process
            out.write(f"{os.getpid()}\n")
        return profile(text, lang)

    monkeypatch.setattr(pipeline, "profile_sentence", counted)
    serial = align_corpus(sources)
    in_one = len(log.read_text().splitlines())
    log.unlink()
    pooled = align_corpus(sources, engine=Engine(jobs=2))
    calls = log.read_text().splitlines()
    assert beads(pooled) == beads(serial)
    assert os.getpid() not in set(map(int, calls)) and len(set(calls)) == 2  # both workers, not this process
    assert in_one <= len(calls) < 1.4 * in_one


def beads(result):
    return [[bead.to_dict() for bead in alignment.beads] for alignment in result.alignments]


def test_a_fresh_run_stores_its_second_pass_under_the_keys_a_rerun_looks_up(tmp_path, monkeypatch):
    """A run that reads nothing from the cache has each text's lexicon part made by its second pass on
    the workers; a re-run finds the lexicon, every part and every realigned text it stored."""
    from ushtil.cache import ResultCache

    if not DEV.is_dir():
        pytest.skip("../shared/bench/ntrex-dev is not here")
    monkeypatch.setattr("ushtil.aligner.lexicon.MIN_BEADS", 30)
    sources = [(name, {lang: (DEV / f"{name}.{lang}.txt").read_text(encoding="utf-8").splitlines()
                       for lang in ("en", "kk", "ru")}) for name in CASES]
    fresh = align_corpus(sources, engine=Engine(jobs=2), cache=ResultCache(tmp_path / "cache", reuse=False))
    assert fresh.notes[0].startswith("learned lexicon:")
    again = align_corpus(sources, cache=ResultCache(tmp_path / "cache"))
    assert beads(again) == beads(fresh) == beads(align_corpus(sources))
    assert again.notes[0].startswith("learned lexicon kept from an earlier run")
    assert again.notes[1] == (f"second pass: 0 text(s) realigned, {len(CASES)} whose lexicon entries did not "
                              "change taken from the cache")


CTRL_C_SCRIPT = """
import os, signal, sys, time
from ushtil.engine import Engine, run_each
from test_engine_kept_workers import _first_at_once

signal.signal(signal.SIGINT, signal.default_int_handler)
engine = Engine(jobs=2)

def on_done(count):
    time.sleep(0.2)  # the other worker is busy with its next item, this one waits for its next
    os.killpg(os.getpgrp(), signal.SIGINT)  # Ctrl-C: the whole group, as a terminal sends it

try:
    with engine.keeping_workers():
        run_each(_first_at_once, list(range(6)), engine=engine, keys=list(range(6)), on_done=on_done)
except KeyboardInterrupt:
    print("interrupted")
    sys.exit(130)
"""


def _first_at_once(number: int) -> int:
    """Item 0 returns at once; the others take long (a Ctrl-C must not wait for them)."""
    import time

    if number:
        time.sleep(60)
    return number


def test_ctrl_c_stops_kept_workers_quietly_at_once():
    import subprocess
    import sys
    from pathlib import Path

    tests = str(Path(__file__).parent)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [tests, os.environ.get("PYTHONPATH", "")]))}
    done = subprocess.run([sys.executable, "-c", CTRL_C_SCRIPT], capture_output=True, text=True, env=env,
                          start_new_session=True, timeout=50)  # the sleeping items: 60 s
    assert (done.returncode, done.stdout.strip()) == (130, "interrupted")
    assert "Traceback" not in done.stderr  # no worker died printing one
